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
    func = terms.term_frequencies if which == "terms" else terms.mentions
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
        results: dict[str, list] = {"terms": [], "mentions": []}
        for _ in range(repeat):
            for which in results:
                out = subprocess.run([sys.executable, __file__, "--first-call", str(corpus_path), which],
                                     check=True, capture_output=True, text=True).stdout
                results[which].append(json.loads(out.strip().splitlines()[-1]))
    (t_wall, t_cpu), (m_wall, m_cpu) = ((min(r["wall"] for r in runs), min(r["cpu"] for r in runs))
                                        for runs in results.values())
    print(f"recombined corpus: {n_articles:,} articles, {mb:.0f} MB; every core, first call of a fresh process, "
          f"best of {repeat}")
    print(f"{'':18s} {'wall s':>8s} {'CPU s (all processes)':>22s}")
    print(f"{'term_frequencies':18s} {t_wall:8.2f} {t_cpu:22.2f}")
    print(f"{'mentions':18s} {m_wall:8.2f} {m_cpu:22.2f}")
    print(f"{'ratio':18s} {m_wall / t_wall:8.2f} {m_cpu / t_cpu:22.2f}   (issue 15: at most 3)")


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
