"""Benchmark: loading a folder of 100,000 article files with ``analysis.corpus.load``.

Compares, in the same run and on the same files:

- the peer: a plain loop reading every file into a list, then ``pandas.DataFrame``;
- ``analysis.corpus.load(folder)`` (parsing, decoding checks, report,
  boilerplate found across the corpus and removed; two processes from 5,000
  files on when a core is idle), and with ``n_jobs=1`` and ``n_jobs=2`` forced;
- the same with ``boilerplate=False`` (the loader as it was before boilerplate
  detection), default ``n_jobs`` and ``n_jobs=1``: the speed ratio of detection;
- ``analysis.corpus.load(folder, chunksize=10_000)`` streamed (rows dropped as
  they come), to show memory stays bounded whatever the corpus size (two
  passes over the files with boilerplate detection, one without);
- ``analysis.corpus.find_duplicates`` on the loaded table.

Each method runs in a fresh process so its peak RSS (printed, with that of its
worker processes) is its own. The files are generated in a temporary folder by
recombining paragraphs of the shared corpora (or of gensim's bundled news
corpus when ``../shared`` is absent); nothing is written to the repository.

Usage: ``python benchmarks/bench_load.py [--quick] [--n N] [--repeat R]``
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ANALYSIS_SHARED", ROOT.parent / "shared")) / "corpora"


def _paragraphs() -> tuple[list[str], list[str]]:
    """Titles and paragraphs to recombine."""
    import logging
    import warnings

    from analysis import corpus

    logging.getLogger("analysis.corpus").setLevel(logging.ERROR)  # the corpora's own warnings
    frames = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in ("bbc", "news2017"):
            if (SHARED / name).exists():
                # As published (credits and all): the same files as before boilerplate detection.
                frames.append(corpus.load(SHARED / name, progress=False, boilerplate=False))
    if not frames:
        import gensim

        lee = Path(gensim.__file__).parent / "test" / "test_data" / "lee_background.cor"
        lines = lee.read_text(encoding="utf-8", errors="replace").splitlines()
        frames.append(corpus.load(lines, progress=False, boilerplate=False))
        print(f"(../shared is absent: paragraphs from {lee.name})")
    titles, paragraphs = [], []
    for df in frames:
        titles.extend(t for t in df["title"].dropna() if t)
        for text in df["text"]:
            parts = [p.strip() for p in text.split("\n\n") if p.strip()]
            if len(parts) == 1:  # one-paragraph texts (news2017): cut at sentence ends
                words = parts[0].split(". ")
                parts = [". ".join(words[i : i + 3]) for i in range(0, len(words), 3)]
            paragraphs.extend(p for p in parts if len(p) > 40)
    return titles, paragraphs


def generate(folder: Path, n: int, seed: int = 0) -> int:
    """Write ``n`` article files under ``folder`` (10 sub-folders); return their bytes.

    One file in 100 reposts an earlier body exactly (under another title and
    shape), one in 100 with one word changed (similarity above 0.9 for bodies
    of 100 words or more): duplicates for ``find_duplicates`` to find.
    """
    titles, paragraphs = _paragraphs()
    rng = random.Random(seed)
    recent: list[str] = []  # the last bodies, for reposts
    total = 0
    for k in range(10):
        (folder / f"group{k}").mkdir(parents=True, exist_ok=True)
    for i in range(n):
        if i % 100 == 50 and len(recent) > 37:
            body = recent[-37]
        elif i % 100 == 75 and len(recent) > 20:
            words = recent[-20].split(" ")
            words[rng.randrange(len(words))] = "changed"
            body = " ".join(words)
        else:
            body = "\n\n".join(rng.sample(paragraphs, rng.randint(3, 10)))
        recent = [*recent[-99:], body]
        title = rng.choice(titles)
        if i % 10 == 0:  # a blog repost, as in the users' own folders
            text = (
                f"Thursday, November {1 + i % 28}, 2017\n\n{title}\n{1 + i % 28} Nov, 2017 05:44\n"
                f"Rt.com\n\nFILE PHOTO: a caption © Agency\n\n{body}\n\nNo comments:"
            )
        elif i % 10 == 1:
            text = f"{title}\n\nWASHINGTON (Reuters) - {body}"
        else:
            text = f"{title}\n\n{body}"
        data = text.encode("utf-8")
        (folder / f"group{i % 10}" / f"{i:06d}.txt").write_bytes(data)
        total += len(data)
    return total


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (user + system)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_mb() -> tuple[float, float]:
    """Peak RSS of this process and of its largest child, in MB (Linux reports KB)."""
    scale = 1024 if sys.platform != "darwin" else 1024 * 1024
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / scale
    return own, children


def _run(method: str, folder: Path) -> dict:
    """One measurement, meant to run in a fresh process."""
    import warnings

    import pandas as pd

    from analysis import _parallel, corpus

    warnings.simplefilter("ignore")
    start = time.perf_counter()
    cpu = _cpu_seconds()
    rows = None
    if method == "plain":
        records = []
        for path in sorted(folder.rglob("*.txt")):
            with open(path, encoding="utf-8", errors="replace") as f:
                records.append({"doc_id": path.relative_to(folder).as_posix(), "text": f.read()})
        rows = len(pd.DataFrame(records))
    elif method == "load":
        rows = len(corpus.load(folder, progress=False))
    elif method == "load_serial":
        rows = len(corpus.load(folder, progress=False, n_jobs=1))
    elif method == "load_2_jobs":
        rows = len(corpus.load(folder, progress=False, n_jobs=2))
    elif method == "load_no_bp":
        rows = len(corpus.load(folder, progress=False, boilerplate=False))
    elif method == "serial_no_bp":
        rows = len(corpus.load(folder, progress=False, n_jobs=1, boilerplate=False))
    elif method == "stream":
        rows = sum(len(part) for part in corpus.load(folder, progress=False, chunksize=10_000))
    elif method == "stream_no_bp":
        rows = sum(len(part) for part in corpus.load(folder, progress=False, chunksize=10_000, boilerplate=False))
    elif method == "duplicates":
        df = corpus.load(folder, progress=False, n_jobs=1)
        before = _peak_mb()[0]
        start = time.perf_counter()
        cpu = _cpu_seconds()
        found = corpus.find_duplicates(df)
        rows = len(df)
        seconds = time.perf_counter() - start
        own, children = _peak_mb()
        kinds = found["kind"].value_counts()
        return {"seconds": seconds, "cpu": _cpu_seconds() - cpu, "rows": rows,
                "peak_mb": own, "children_mb": children,
                "exact": int(kinds.get("exact", 0)), "near": int(kinds.get("near", 0)),
                "before_mb": before}  # fmt: skip
    seconds = time.perf_counter() - start
    # The package keeps its worker pool for the session; end it (untimed) so that
    # the workers are reaped and their CPU time and peak RSS are counted below.
    _parallel.shutdown()
    own, children = _peak_mb()
    return {"seconds": seconds, "cpu": _cpu_seconds() - cpu, "rows": rows,
            "peak_mb": own, "children_mb": children}  # fmt: skip


def _measure(method: str, folder: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--run", method, "--dir", str(folder)],
        check=True, capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="10,000 files instead of 100,000")
    parser.add_argument("--n", type=int, default=None, help="number of files")
    parser.add_argument("--repeat", type=int, default=1, help="runs per method (best is kept)")
    parser.add_argument("--run", help=argparse.SUPPRESS)
    parser.add_argument("--dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        print(json.dumps(_run(args.run, Path(args.dir))))
        return

    n = args.n or (10_000 if args.quick else 100_000)
    tmp = Path(tempfile.mkdtemp(prefix="bench_load_"))
    try:
        t = time.perf_counter()
        size = generate(tmp, n)
        print(f"generated {n:,} files ({size / 1e6:,.0f} MB) in {time.perf_counter() - t:.1f} s")
        for path in tmp.rglob("*.txt"):  # warm the page cache for every method alike
            path.read_bytes()
        print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")
        methods = ("plain", "load_no_bp", "load", "serial_no_bp", "load_serial", "load_2_jobs",
                   "stream_no_bp", "stream", "duplicates")
        runs: dict[str, list] = {m: [] for m in methods}
        for _ in range(args.repeat):  # interleaved, so a busy spell hits every method alike
            for method in methods:
                runs[method].append(_measure(method, tmp))
        results = {}
        for method in methods:
            best = results[method] = min(runs[method], key=lambda r: r["seconds"])
            extra = (
                f"\n{'':12s} found {best['exact']:,} exact and {best['near']:,} near duplicates "
                f"(planted about {n // 100:,} of each); peak RSS before find_duplicates "
                f"{best['before_mb']:,.0f} MB"
                if "exact" in best
                else ""
            )
            print(
                f"{method:12s} {best['seconds']:6.2f} s (CPU {best['cpu']:5.2f} s)  {best['rows']:,} rows  "
                f"peak RSS {best['peak_mb']:,.0f} MB (largest worker {best['children_mb']:,.0f} MB)"
                f"{extra}"
            )
        plain = results["plain"]["seconds"]
        print(
            f"speed ratio (plain loop time / load time): {plain / results['load']['seconds']:.2f} "
            f"(n_jobs=1: {plain / results['load_serial']['seconds']:.2f}, "
            f"n_jobs=2: {plain / results['load_2_jobs']['seconds']:.2f}); "
            ">= 1 means load is at least as fast"
        )

        def ratio(without: str, with_: str, what: str) -> str:
            return f"{results[without][what] / results[with_][what]:.2f}"

        print(
            "boilerplate detection, speed ratio (time with boilerplate=False / time with it, >= 0.8 wanted), "
            f"best runs: wall {ratio('load_no_bp', 'load', 'seconds')}, CPU {ratio('load_no_bp', 'load', 'cpu')} "
            f"with the default n_jobs; wall {ratio('serial_no_bp', 'load_serial', 'seconds')}, "
            f"CPU {ratio('serial_no_bp', 'load_serial', 'cpu')} with n_jobs=1; "
            f"wall {ratio('stream_no_bp', 'stream', 'seconds')} streaming (reads the files twice)"
        )
        if args.repeat > 1:  # each round's pair ran back to back: the spread a busy machine gives
            for without, with_ in (("load_no_bp", "load"), ("serial_no_bp", "load_serial")):
                pairs = list(zip(runs[without], runs[with_]))
                walls = ", ".join(f"{a['seconds'] / b['seconds']:.2f}" for a, b in pairs)
                cpus = ", ".join(f"{a['cpu'] / b['cpu']:.2f}" for a, b in pairs)
                print(f"  per round, {with_}: wall {walls}; CPU {cpus}")
        for method in ("load", "load_no_bp"):
            peak = results[method]["peak_mb"] + results[method]["children_mb"]
            print(f"{method} peak RSS incl. workers: {peak:,.0f} MB ({'under' if peak < 1024 else 'OVER'} 1 GB)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
