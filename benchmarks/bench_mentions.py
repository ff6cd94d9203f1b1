"""Benchmark: names mentioned (``terms.mentions``, variants merged) against term counting, in one run.

Issue 15 asks for names within 3x of the time of counting terms. Both run on
BBC + news2017 (about 11 MB) in the same process, in turns:
``terms.term_frequencies(corpus)`` (the peer: the package's own term counter)
and ``terms.mentions(corpus)`` (finding names, merging them within each article
and across the corpus). Printed: wall and CPU time of this process of each
call, and the ratio mentions / term counting, for the first calls of the
process (the term counter's memo and the name caches empty) and for the best
of ``--repeat`` later calls; once in one process (``n_jobs=1``) and once on
every core.

    python benchmarks/bench_mentions.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from analysis import corpus, terms  # noqa: E402


def load() -> pd.DataFrame:
    shared = Path(os.environ.get("ANALYSIS_SHARED", ROOT.parent / "shared")) / "corpora"
    frames = []
    for name in ("bbc", "news2017"):
        if not (shared / name).exists():
            sys.exit(f"{shared / name} is absent: the shared corpora must sit beside the checkout "
                     "(or set ANALYSIS_SHARED)")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the loader's note on one badly encoded BBC file
            frames.append(corpus.load(shared / name, progress=False))
    return pd.concat(frames, ignore_index=True)


def timed(func, *args, **kwargs) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    func(*args, **kwargs)
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    df = load()
    mb = df["text"].str.len().sum() / 1e6
    print(f"BBC + news2017: {len(df)} articles, {mb:.1f} M characters")
    print(f"{'':26s} {'terms wall':>10s} {'mentions wall':>13s} {'ratio':>6s}   "
          f"{'terms CPU':>9s} {'mentions CPU':>12s} {'ratio':>6s}")
    for n_jobs, label in ((1, "one process"), (None, "every core")):
        runs = []
        for _ in range(1 + args.repeat):
            tw, tc = timed(terms.term_frequencies, df, n_jobs=n_jobs, progress=False)
            mw, mc = timed(terms.mentions, df, n_jobs=n_jobs, progress=False)
            runs.append((tw, mw, tc, mc))
        first = runs[0]
        best = tuple(min(r[i] for r in runs[1:]) for i in range(4)) if len(runs) > 1 else first
        for name, (tw, mw, tc, mc) in ((f"{label}, first", first), (f"{label}, best later", best)):
            print(f"{name:26s} {tw:10.2f} {mw:13.2f} {mw / tw:6.2f}   {tc:9.2f} {mc:12.2f} {mc / tc:6.2f}")
    print("CPU is this process only: with every core, the workers' time is not in it (read the wall ratio).")


if __name__ == "__main__":
    main()
