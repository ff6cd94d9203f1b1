"""Check that two checkouts give the same names and quotations: ``terms.mentions`` and ``sentences.quotes``.

A speed change to the name finder, the corpus merge or the quotation reader
must not change a single row. This script runs each checkout in its own
process (``sys.path`` pointing at it) on the shared corpora (BBC, news2017,
AG News test), the default corpus and, optionally, the first articles of a
big recombined corpus (``benchmarks/bench_report.py``'s ``build``), and
asserts that these tables are equal, value for value and dtype for dtype:

- ``terms.mentions(df)`` and ``terms.mentions(df, by="doc_id")``;
- ``sentences.quotes(df)``;
- the scores of the hand-written quotation gold set (``tests/quote_gold.py``).

Each side's time is printed too (one run each, on a shared machine: a hint,
not a measurement; the benchmarks measure).

    python benchmarks/compare_names.py --base /path/to/main-checkout [--head .] [--big /tmp/big50k.jsonl --big-n 5000]

A checkout of main without a working tree of its own can be made with
``git archive main | tar -x -C /tmp/base``.
"""

from __future__ import annotations

import argparse
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def dump(checkout: str, out: str, big: str | None, big_n: int) -> None:
    """Run in a child process: every table of ``checkout`` on every corpus, pickled to ``out``."""
    sys.path.insert(0, checkout)
    sys.path.insert(0, str(Path(checkout) / "tests"))
    import time
    import warnings

    import quote_gold

    from analysis import corpus, datasets, sentences, terms

    shared = Path(os.environ.get("ANALYSIS_SHARED", ROOT.parent / "shared")) / "corpora"
    paths = {"bbc": shared / "bbc", "news2017": shared / "news2017", "ag_news": shared / "ag_news" / "test.csv"}
    results: dict = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the loader's note on one BBC file; unbalanced quotation marks
        frames = {name: corpus.load(path, progress=False) for name, path in paths.items() if path.exists()}
        frames["default"] = datasets.load_corpus("default")
        if big:
            frames["big"] = corpus.load(big, progress=False).iloc[:big_n]
        for name, df in frames.items():
            started = time.perf_counter()
            results[(name, "mentions")] = terms.mentions(df, progress=False)
            results[(name, "mentions_by_doc")] = terms.mentions(df, by="doc_id", progress=False)
            middle = time.perf_counter()
            results[(name, "quotes")] = sentences.quotes(df, progress=False)
            results[(name, "seconds")] = (middle - started, time.perf_counter() - middle)
        for batch, raw in (("tuning", quote_gold.tuning()), ("held-out", quote_gold.held_out())):
            table = sentences.quotes([t for t, _ in raw], progress=False, n_jobs=1)
            results[("gold", batch)] = quote_gold.score(raw, table)
    with open(out, "wb") as fh:
        pickle.dump(results, fh)


def run(checkout: Path, out: Path, args) -> dict:
    command = [sys.executable, __file__, "--dump", str(checkout), str(out), "--big-n", str(args.big_n)]
    if args.big:
        command += ["--big", args.big]
    subprocess.run(command, check=True)
    with open(out, "rb") as fh:
        return pickle.load(fh)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", help="the checkout to compare against (e.g. main)")
    parser.add_argument("--head", default=str(ROOT), help="the checkout under test (default: this one)")
    parser.add_argument("--big", help="a big recombined corpus (JSON Lines) to take articles from")
    parser.add_argument("--big-n", type=int, default=5000, help="articles taken from --big")
    parser.add_argument("--dump", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump:
        dump(*args.dump, args.big, args.big_n)
        return
    if not args.base:
        parser.error("pass --base, a checkout to compare against")
    import pandas as pd

    with tempfile.TemporaryDirectory() as tmp:
        base = run(Path(args.base).resolve(), Path(tmp) / "base.pkl", args)
        head = run(Path(args.head).resolve(), Path(tmp) / "head.pkl", args)
    assert base.keys() == head.keys(), (sorted(base), sorted(head))
    failures = []
    for key in sorted(base, key=str):
        if key[1] == "seconds":
            (bm, bq), (hm, hq) = base[key], head[key]
            print(f"{key[0]:9s} mentions (twice) {bm:6.1f} s -> {hm:6.1f} s   quotes {bq:6.1f} s -> {hq:6.1f} s")
            continue
        if key[0] == "gold":
            same = base[key] == head[key]
            print(f"gold {key[1]:9s} {'same' if same else 'DIFFERENT'} scores: {head[key]}")
        else:
            try:
                pd.testing.assert_frame_equal(base[key], head[key], check_exact=True)
                same = True
            except AssertionError as error:
                same = False
                print(f"{key}: {error}")
            print(f"{key[0]:9s} {key[1]:16s} {len(head[key]):7d} rows  {'same' if same else 'DIFFERENT'}")
        if not same:
            failures.append(key)
    if failures:
        sys.exit(f"different: {failures}")
    print("every table and score is the same")


if __name__ == "__main__":
    main()
