"""Benchmark: corpus-wide unigram counts (count and doc_count) against scikit-learn's CountVectorizer.

Corpus: BBC + news2017 repeated three times (about 34 MB of text; ``--quick``
uses one copy of news2017). Every method produces each term's count and
document count. Reported per method, all measured in the same run:

- wall time, throughput (MB of UTF-8 text per second) and the ratio of
  throughputs to ``CountVectorizer().fit_transform`` + column sums (the peer);
- CPU time (this process plus its worker processes) and the ratio of CPU
  times: on a machine shared with other work, the wall ratio of a
  multi-process method is depressed by whatever else runs, the CPU ratio
  much less;
- peak resident memory added by this process, and the workers' resident
  memory (forked workers share pages with this process: an upper bound).

``term_frequencies`` is timed on its first call in the process (starting the
worker pool, empty tokeniser memo), once as in a script (workers forked) and
once as in a notebook kernel (workers started by a fork server), and then as the best of ``--repeat`` calls;
a run reading articles from a generator shows that memory follows the
vocabulary, not the corpus.

Run: ``python benchmarks/bench_terms.py [--quick] [--repeat N] [--n-jobs N]``.
Peers other than scikit-learn are skipped with a message when not installed
(``pip install -e '.[bench]'``); psutil measures memory and worker CPU time.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import sys
import threading
import time
import warnings
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import _parallel, corpus, terms  # noqa: E402


def shared_dir() -> Path:
    return Path(os.environ.get("ANALYSIS_SHARED", ROOT.parent / "shared"))


def load_texts(quick: bool) -> list[str]:
    corpora = shared_dir() / "corpora"
    names = ["news2017"] if quick else ["bbc", "news2017"]
    texts: list[str] = []
    for name in names:
        if not (corpora / name).exists():
            sys.exit(f"{corpora / name} is absent: the shared corpora must sit beside the checkout "
                     "(or set ANALYSIS_SHARED)")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the loader's note on one badly encoded BBC file
            texts += corpus.load(corpora / name, progress=False)["text"].fillna("").tolist()
    return texts if quick else texts * 3


class Usage:
    """Wall time, CPU time (this process and its children) and peak memory of a block."""

    def __init__(self, *, sample_memory: bool = True):
        try:
            import psutil
        except ImportError:
            psutil = None
        self._psutil = psutil
        self._sample_memory = sample_memory
        self.seconds = self.cpu = float("nan")
        self.parent_mb = self.children_mb = float("nan")

    def _children(self):
        return self._psutil.Process().children(recursive=True) if self._psutil else []

    def _children_cpu(self) -> dict:
        out = {}
        for child in self._children():
            try:
                times = child.cpu_times()
                out[child.pid] = times.user + times.system
            except self._psutil.Error:
                pass
        return out

    def _rss(self):
        me = self._psutil.Process()
        children = 0
        for child in self._children():
            try:
                children += child.memory_info().rss
            except self._psutil.Error:
                pass
        return me.memory_info().rss, children

    def __enter__(self):
        gc.collect()
        if self._psutil is not None:
            self._base = self._rss()
            self._peak = list(self._base)
            self._cpu_children = self._children_cpu()
            self._stop = threading.Event()

            def watch():
                while not self._stop.wait(0.02):
                    parent, children = self._rss()
                    self._peak[0] = max(self._peak[0], parent)
                    self._peak[1] = max(self._peak[1], children)

            # The sampler is a thread: a process with threads starts its pool
            # through a fork server (as a notebook kernel does), not by fork.
            self._thread = threading.Thread(target=watch, daemon=True)
            if self._sample_memory:
                self._thread.start()
        self._cpu = time.process_time()
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self._start
        # process_time counts this process's threads, including the memory
        # sampler: a few milliseconds.
        self.cpu = time.process_time() - self._cpu
        if self._psutil is None:
            return
        after = self._children_cpu()
        self.cpu += sum(t - self._cpu_children.get(pid, 0.0) for pid, t in after.items())
        self._stop.set()
        if self._sample_memory:
            self._thread.join()
        parent, children = self._rss()
        self.parent_mb = (max(self._peak[0], parent) - self._base[0]) / 1e6
        self.children_mb = max(self._peak[1], children) / 1e6


def best_of(func, repeat: int) -> Usage:
    """The run with the shortest wall time among ``repeat`` runs (its CPU time and memory with it)."""
    best = None
    for _ in range(repeat):
        with Usage() as usage:
            result = func()
        del result
        if best is None or usage.seconds < best.seconds:
            best = usage
    return best


def sklearn_counts(texts):
    from sklearn.feature_extraction.text import CountVectorizer

    vectorizer = CountVectorizer()
    matrix = vectorizer.fit_transform(texts)
    count = np.asarray(matrix.sum(axis=0)).ravel()
    doc_count = matrix.getnnz(axis=0)
    return vectorizer.get_feature_names_out(), count, doc_count


def regex_counter(texts):
    pattern = re.compile(terms.SKLEARN_TOKEN_PATTERN)
    count, docs = Counter(), Counter()
    for text in texts:
        found = pattern.findall(text.lower())
        count.update(found)
        docs.update(set(found))
    return count, docs


def nltk_freqdist(texts):
    from nltk import FreqDist
    from nltk.tokenize import RegexpTokenizer

    tokenizer = RegexpTokenizer(r"\w\w+")
    count, docs = FreqDist(), FreqDist()
    for text in texts:
        found = tokenizer.tokenize(text.lower())
        count.update(found)
        docs.update(set(found))
    return count, docs


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one copy of news2017 (about 6 MB)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per method (the fastest is kept)")
    parser.add_argument("--n-jobs", type=int, default=None, help="processes for term_frequencies (default: all)")
    args = parser.parse_args(argv)

    texts = load_texts(args.quick)
    megabytes = sum(len(t.encode("utf-8", "surrogatepass")) for t in texts) / 1e6
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"corpus: {len(texts):,} articles, {megabytes:.1f} MB of text; {cores} cores; load average "
          f"{os.getloadavg()[0]:.1f} before the run (other work on the machine slows every method)")
    print(f"{'method':<50} {'wall':>8} {'MB/s':>7} {'ratio':>6} {'CPU':>8} {'ratio':>6} "
          f"{'peak+MB':>8} {'workers':>8}")
    peer = None

    def report(name: str, usage: Usage):
        nonlocal peer
        peer = peer or usage
        print(f"{name:<50} {usage.seconds:7.2f}s {megabytes / usage.seconds:7.1f} "
              f"x{peer.seconds / usage.seconds:5.2f} {usage.cpu:7.2f}s x{peer.cpu / usage.cpu:5.2f} "
              f"{usage.parent_mb:8.1f} {usage.children_mb:8.1f}", flush=True)

    def ours(data=None, **options):
        return lambda: terms.term_frequencies(texts if data is None else data(), progress=False,
                                              n_jobs=options.pop("n_jobs", args.n_jobs), **options)

    # The first call, measured before anything else warms the process; with
    # scikit-learn imported, as it is for the peer (its stop-word list is ours).
    import sklearn.feature_extraction.text  # noqa: F401

    with Usage(sample_memory=False) as first_script:  # a single-threaded script: workers are forked
        terms.term_frequencies(texts, progress=False, n_jobs=args.n_jobs)
    # As in a notebook kernel (a process with threads): a fork server starts
    # the new workers, with their tokeniser memo empty again.
    _parallel.shutdown()
    with Usage() as first_notebook:
        terms.term_frequencies(texts, progress=False, n_jobs=args.n_jobs)

    report("sklearn CountVectorizer + column sums (peer)", best_of(lambda: sklearn_counts(texts), args.repeat))
    report("term_frequencies, news rules, first call (script)", first_script)
    report("term_frequencies, first call (notebook-like)", first_notebook)
    report("term_frequencies, news rules", best_of(ours(), args.repeat))
    report("term_frequencies, CountVectorizer's tokens",
           best_of(ours(token_pattern=terms.SKLEARN_TOKEN_PATTERN, stopwords=None), args.repeat))
    report("term_frequencies, news rules, from a generator", best_of(ours(lambda: (t for t in texts)), args.repeat))
    report("term_frequencies, news rules, one process", best_of(ours(n_jobs=1), args.repeat))
    report("re.findall + Counter (one process)", best_of(lambda: regex_counter(texts), 1))
    try:
        import nltk  # noqa: F401
    except ImportError:
        print("NLTK RegexpTokenizer + FreqDist: skipped (pip install nltk)")
    else:
        report("NLTK RegexpTokenizer + FreqDist (one process)", best_of(lambda: nltk_freqdist(texts), 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
