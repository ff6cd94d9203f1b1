"""The whole report on a big corpus: every notebook on 50,000 articles, timed, with the peak memory of all
its processes.

The corpus is built here, in a temporary folder, by recombining paragraphs of the shared corpora (so the
vocabulary, sentences and quotations stay realistic): 50,000 articles of 6 to 14 paragraphs, about 250 MB of
text, with dates over a year and three sources. The report is then run exactly as ``news-analysis report``
runs it; the memory is the sum of the resident memory of this process and every process under it (the
notebook kernel and its worker processes), sampled every half second.

    python benchmarks/bench_report.py                  # 50,000 articles
    python benchmarks/bench_report.py --articles 5000  # a quick run
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_dask import paragraphs, recombined  # noqa: E402

from analysis import report  # noqa: E402


def build(path: Path, n_articles: int, seed: int = 0) -> float:
    """Write ``n_articles`` recombined articles as JSON Lines; return the megabytes of text."""
    size = 0
    with open(path, "w", encoding="utf-8") as fh:
        articles = recombined(paragraphs(), np.random.default_rng(seed), (6, 15))
        for _, (line, n_bytes) in zip(range(n_articles), articles):
            fh.write(line)
            size += n_bytes
    return size / 1e6


class PeakMemory:
    """The largest sum of resident memory over this process and all its descendants, sampled."""

    def __init__(self, every: float = 0.5):
        import psutil

        self._me = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every,), daemon=True)

    def _run(self, every: float) -> None:
        import psutil

        while not self._stop.is_set():
            total = 0
            for proc in [self._me, *self._me.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(every)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--keep", default=None, help="write the corpus and report here instead of a temp folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        corpus = folder / f"recombined_{args.articles}.jsonl"
        if not corpus.exists():
            mb = build(corpus, args.articles)
        else:
            mb = sum(len(json.loads(line)["text"].encode("utf-8")) for line in open(corpus, encoding="utf-8")) / 1e6
        print(f"corpus: {args.articles:,} articles, {mb:.0f} MB of text ({corpus})")
        lines = []
        with PeakMemory() as memory:
            start = time.perf_counter()
            report.run([str(corpus)], folder / "report", progress=False, log=lines.append)
            seconds = time.perf_counter() - start
        for line in lines:
            print(" ", line)
        print(f"whole report: {seconds:.0f} s ({seconds / 60:.1f} min; target 5 min), "
              f"peak memory of all processes {memory.peak / 1e9:.2f} GB (target 4 GB)")


if __name__ == "__main__":
    main()
