"""Benchmark: names mentioned (``terms.mentions``) and collocations against term counting, in one run.

Issue 15 asks for names and collocations within 3x of the time of counting
terms. All three run on BBC + news2017 (about 11 MB) in the same process, in
turns: ``terms.term_frequencies(corpus)`` (the peer: the package's own term
counter), ``terms.mentions(corpus)`` (finding names, merging them within each
article and across the corpus) and ``terms.collocations(corpus)`` (two-word
expressions, the defaults). Printed: wall and CPU time of this process of each
call, and the ratios to term counting, for the first calls of the process (the
term counter's memo and the name caches empty) and for the best of
``--repeat`` later calls; once in one process (``n_jobs=1``) and once on every
core.

Issue 15 asks the same on a big corpus: ``--articles N`` builds N recombined
articles (``benchmarks/bench_report.py``'s builder: paragraphs of the shared
corpora, about 4.3 MB per 1,000 articles) and times each call on every core as
the first call of a fresh process (pool start and empty caches included for
both), the two taking turns ``--repeat`` times, and prints the ratios of the
fastest wall times and of the CPU time of all processes (the parent and its
workers: less sensitive to other work on the machine).

    python benchmarks/bench_mentions.py [--repeat N]
    python benchmarks/bench_mentions.py --articles 50000 [--repeat 2] [--corpus PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
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


CALLS = {"terms": terms.term_frequencies, "mentions": terms.mentions, "collocations": terms.collocations}


def timed(func, *args, **kwargs) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    func(*args, **kwargs)
    return time.perf_counter() - wall, time.process_time() - cpu


def first_call(corpus_path: str, which: str) -> None:
    """Run in a fresh child process: load the corpus (not timed), time one call, print JSON.

    ``cpu`` is the CPU time of this process and of its workers together: the
    pool is shut down after the call, so the workers' time is collected.
    """
    from analysis import _parallel

    df = corpus.load(corpus_path, progress=False)
    func = CALLS[which]
    before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    func(df, progress=False)
    wall = time.perf_counter() - wall
    _parallel.shutdown()
    after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = sum(a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime for a, b in zip(after, before))
    print(json.dumps({"wall": wall, "cpu": cpu, "articles": len(df)}))


def big(n_articles: int, path: str | None, repeat: int) -> None:
    """Term counting and mentions on ``n_articles`` recombined articles, each the first call of its process.

    The two calls take turns ``repeat`` times, each in a fresh process; the
    fastest of each is kept (other work on a shared machine only slows a run).
    """
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_report import build

    with tempfile.TemporaryDirectory() as tmp:
        corpus_path = Path(path or Path(tmp) / f"recombined_{n_articles}.jsonl")
        if not corpus_path.exists():
            build(corpus_path, n_articles)
        mb = sum(len(json.loads(line)["text"].encode("utf-8")) for line in open(corpus_path, encoding="utf-8")) / 1e6
        results: dict[str, list] = {which: [] for which in CALLS}
        for _ in range(repeat):
            for which in results:
                out = subprocess.run([sys.executable, __file__, "--first-call", str(corpus_path), which],
                                     check=True, capture_output=True, text=True).stdout
                results[which].append(json.loads(out.strip().splitlines()[-1]))
    best = {which: (min(r["wall"] for r in runs), min(r["cpu"] for r in runs)) for which, runs in results.items()}
    t_wall, t_cpu = best["terms"]
    print(f"recombined corpus: {n_articles:,} articles, {mb:.0f} MB; every core, first call of a fresh process, "
          f"best of {repeat}")
    print(f"{'':18s} {'wall s':>8s} {'CPU s (all processes)':>22s} {'ratio wall':>11s} {'ratio CPU':>10s}")
    for which, (wall, cpu) in best.items():
        ratios = "" if which == "terms" else f" {wall / t_wall:11.2f} {cpu / t_cpu:10.2f}"
        print(f"{CALLS[which].__name__:18s} {wall:8.2f} {cpu:22.2f}{ratios}")
    print("(issue 15: names and collocations at most 3x term counting)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="later calls timed (with --articles: turns)")
    parser.add_argument("--articles", type=int, help="time a recombined corpus of this many articles instead")
    parser.add_argument("--corpus", help="with --articles: the recombined corpus file (built there if absent)")
    parser.add_argument("--first-call", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.first_call:
        first_call(*args.first_call)
        return
    if args.articles:
        big(args.articles, args.corpus, max(1, args.repeat))
        return
    df = load()
    mb = df["text"].str.len().sum() / 1e6
    print(f"BBC + news2017: {len(df)} articles, {mb:.1f} M characters")
    print(f"{'':26s} {'':12s} {'wall s':>7s} {'ratio':>6s}   {'CPU s':>6s} {'ratio':>6s}")
    for n_jobs, label in ((1, "one process"), (None, "every core")):
        runs = []
        for _ in range(1 + args.repeat):
            runs.append({which: timed(func, df, n_jobs=n_jobs, progress=False) for which, func in CALLS.items()})
        best = {which: tuple(min(r[which][i] for r in runs[1:]) for i in range(2)) for which in CALLS} if len(
            runs) > 1 else runs[0]
        for name, row in ((f"{label}, first", runs[0]), (f"{label}, best later", best)):
            (tw, tc) = row["terms"]
            for which, (wall, cpu) in row.items():
                ratios = f"{wall / tw:6.2f}   {cpu:6.2f} {cpu / tc:6.2f}" if which != "terms" else f"{'':6s}   {cpu:6.2f}"
                print(f"{name:26s} {which:12s} {wall:7.2f} {ratios}")
    print("CPU is this process only: with every core, the workers' time is not in it (read the wall ratio).")


if __name__ == "__main__":
    main()
