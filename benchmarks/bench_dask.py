"""Term frequencies on Dask: 1 worker against 2 workers on a >= 1 GB corpus, with the pandas path beside them.

The corpus is built here, in a temporary folder, by recombining paragraphs of the shared corpora (so the
vocabulary stays realistic): JSON Lines files are written, turned into partitioned Parquet by
``corpus.to_parquet``, and read back with ``corpus.load(..., engine="dask")``.

    python benchmarks/bench_dask.py            # 1 GB
    python benchmarks/bench_dask.py --gb 0.1   # a quick run
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import corpus, sentences, terms  # noqa: E402
from analysis import datasets  # noqa: E402


def paragraphs() -> list[str]:
    """Paragraphs of the shared corpora: BBC's blank-line paragraphs, news2017 texts cut every 3 sentences."""
    root = datasets.shared_dir() / "corpora"
    if not root.exists():
        sys.exit(f"{root} is absent: this benchmark recombines the shared corpora")
    out = []
    bbc = corpus.load(root / "bbc", progress=False)
    for text in bbc["text"]:
        out.extend(p.strip() for p in text.split("\n\n") if len(p.strip()) > 40)
    news = corpus.load(root / "news2017", progress=False)
    for text in news["text"]:
        sents = sentences.split(text)
        out.extend(" ".join(sents[i:i + 3]) for i in range(0, len(sents), 3))
    return [p for p in out if len(p) > 40]


def recombined(paras: list[str], rng: np.random.Generator, per_article: tuple[int, int]):
    """Endless recombined articles: ``(JSON line, bytes of text)``, ``per_article`` = paragraphs (low, high)."""
    start = pd.Timestamp("2017-01-01")
    n = 0
    while True:
        picks = rng.integers(0, len(paras), size=rng.integers(*per_article))
        text = "\n\n".join(paras[i] for i in picks)
        day = start + pd.Timedelta(days=int(rng.integers(0, 365)))
        yield (json.dumps({"id": f"a{n:08d}", "title": paras[picks[0]][:80], "text": text,
                           "date": day.strftime("%Y-%m-%d"), "source": ["reuters", "bbc", "rt.com"][n % 3]}) + "\n",
               len(text.encode("utf-8")))
        n += 1


def build(folder: Path, gigabytes: float, seed: int = 0) -> int:
    """Write JSON Lines files of recombined articles until ``gigabytes`` of text; return the byte count."""
    articles = recombined(paragraphs(), np.random.default_rng(seed), (3, 9))
    folder.mkdir(parents=True, exist_ok=True)
    target, written, part = int(gigabytes * 1e9), 0, 0
    while written < target:
        with open(folder / f"part-{part:04d}.jsonl", "w", encoding="utf-8") as fh:
            for _, (line, size) in zip(range(20_000), articles):
                fh.write(line)
                written += size
                if written >= target:
                    break
        part += 1
    return written


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_dask(parquet: Path, n_workers: int):
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                      dashboard_address=":0", memory_limit="4GiB") as cluster, Client(cluster):
        ddf = corpus.load(parquet, engine="dask")
        t = time.perf_counter()
        table = terms.term_frequencies(ddf, progress=False)
        elapsed = time.perf_counter() - t
        peaks = Client.current().run(_peak_rss_mb)
    return table, elapsed, peaks


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gb", type=float, default=1.0, help="size of the corpus text (default 1 GB)")
    parser.add_argument("--keep", type=Path, default=None, help="build in this folder and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench_dask_"))
    try:
        t = time.perf_counter()
        nbytes = build(work / "jsonl", args.gb)
        print(f"built {nbytes / 1e9:.2f} GB of text in {time.perf_counter() - t:.0f} s")
        t = time.perf_counter()
        corpus.to_parquet(work / "jsonl", work / "parquet", progress=False)
        print(f"to_parquet: {time.perf_counter() - t:.0f} s, peak RSS of this process {_peak_rss_mb():.0f} MB")

        one, t1, peaks1 = run_dask(work / "parquet", 1)
        two, t2, peaks2 = run_dask(work / "parquet", 2)
        pd.testing.assert_frame_equal(one, two)
        print(f"term_frequencies, Dask 1 worker : {t1:7.1f} s  {nbytes / 1e6 / t1:6.1f} MB/s  "
              f"peak worker RSS {max(peaks1.values()):.0f} MB")
        print(f"term_frequencies, Dask 2 workers: {t2:7.1f} s  {nbytes / 1e6 / t2:6.1f} MB/s  "
              f"peak worker RSS {max(peaks2.values()):.0f} MB")
        print(f"speed-up 2 workers / 1 worker: {t1 / t2:.2f}x (target >= 1.7x); "
              f"peak per worker under 2 GB: {max(peaks2.values()) < 2048}")

        df = corpus.load(work / "parquet", progress=False)
        t = time.perf_counter()
        local = terms.term_frequencies(df, progress=False)
        tp = time.perf_counter() - t
        pd.testing.assert_frame_equal(local, two)
        print(f"term_frequencies, pandas (all cores, corpus in memory): {tp:7.1f} s  "
              f"{nbytes / 1e6 / tp:6.1f} MB/s; same table as Dask: True")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
