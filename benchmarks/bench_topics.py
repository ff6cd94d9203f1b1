"""Topic clustering on BBC (k=5): analysis.topics against scikit-learn LDA and BERTopic, in one run.

Measured for each method: wall time, CPU time of the process (all its threads: UMAP and
numba use several), peak resident memory added, and NMI with BBC's five section labels;
then the ratios of the peers' times to ours, and the time to choose k (target: < 30 s).

- ours: ``analysis.topics.cluster(bbc, k=5)`` from raw texts (tokenising included), timed on
  its first call in the process (cold) and its second (warm).
- LDA: ``CountVectorizer`` with the same tokeniser and pruning, then
  ``LatentDirichletAllocation(5)`` (scikit-learn's defaults), topic = argmax.
- BERTopic: ``BERTopic().fit_transform(texts, embeddings)`` with its default UMAP/HDBSCAN,
  timed twice: the first call in the process ("cold": it includes numba compiling UMAP's
  code, which is what a user meets in a fresh notebook kernel) and a second call ("warm");
  then warm with ``nr_topics=5``. The embeddings are precomputed outside the timing. No
  neural model is downloaded: they are the articles' LSA vectors (TF-IDF, truncated SVD to
  384 dimensions -- the size of MiniLM's embeddings -- unit length).

BERTopic needs sentence-transformers and so torch; keep them out of the project's
environment and run this script with an interpreter that has them and the package::

    python3 -m venv /work/venv-bertopic && /work/venv-bertopic/bin/pip install torch -e '.[bench-topics]'
    /work/venv-bertopic/bin/python benchmarks/bench_topics.py

Without BERTopic the script says so and measures the rest.

    python benchmarks/bench_topics.py            # BBC, 2,225 articles
    python benchmarks/bench_topics.py --quick    # a 600-article sample
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import threading
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Nothing may be fetched at run time: make the Hugging Face libraries fail instead of downloading.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402
from sklearn.metrics import normalized_mutual_info_score  # noqa: E402

from analysis import corpus, datasets, terms, topics  # noqa: E402


class Meter:
    """Wall time, process CPU time and peak resident memory (sampled) of a block."""

    def __enter__(self):
        self._base = self._peak = _rss()
        self._stop = threading.Event()

        def watch():
            while not self._stop.wait(0.02):
                self._peak = max(self._peak, _rss())

        self._thread = threading.Thread(target=watch, daemon=True)
        self._thread.start()
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self._wall
        self.cpu = time.process_time() - self._cpu
        self._stop.set()
        self._thread.join()
        self.peak_mb = (max(self._peak, _rss()) - self._base) / 1e6
        return False


def _rss() -> int:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:  # not Linux: the lifetime peak is the best available
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def load(quick: bool):
    path = datasets.shared_dir() / "corpora" / "bbc"
    if not path.exists():
        sys.exit(f"{path} is absent: this benchmark runs on the shared BBC corpus")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the one file that is not valid UTF-8 is reported elsewhere
        df = corpus.load(path, progress=False)
    if quick:
        df = df.sample(n=600, random_state=0).reset_index(drop=True)
    return df


def run_ours(df):
    with Meter() as m:
        result = topics.cluster(df, k=5, random_state=0, progress=False)
    return m, topics.evaluate(result, df).nmi, "5 topics"


def run_lda(df):
    from sklearn.decomposition import LatentDirichletAllocation
    from sklearn.feature_extraction.text import CountVectorizer

    with Meter() as m:
        counts = CountVectorizer(analyzer=terms.tokenize, min_df=3, max_df=0.5).fit_transform(df["text"])
        doc_topics = LatentDirichletAllocation(5, random_state=0).fit_transform(counts)
    return m, normalized_mutual_info_score(df["label"], doc_topics.argmax(axis=1)), "5 topics"


def lsa_embeddings(texts):
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    tfidf = TfidfVectorizer(analyzer=terms.tokenize, min_df=3, max_df=0.5, sublinear_tf=True).fit_transform(texts)
    dims = min(384, tfidf.shape[0] - 1, tfidf.shape[1] - 1)
    return normalize(TruncatedSVD(dims, random_state=0).fit_transform(tfidf)).astype(np.float32)


def run_bertopic(df, embeddings, **options):
    from bertopic import BERTopic

    texts = df["text"].tolist()
    with Meter() as m:
        labels, _ = BERTopic(**options).fit_transform(texts, embeddings)
    labels = np.asarray(labels)
    note = f"{len(set(labels) - {-1})} topics, {int((labels == -1).sum())} outliers"
    return m, normalized_mutual_info_score(df["label"], labels), note


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a 600-article sample instead of all of BBC")
    args = parser.parse_args(argv)
    df = load(args.quick)
    print(f"BBC: {len(df):,} articles, {df['label'].nunique()} labels; python {sys.version.split()[0]} "
          f"({sys.executable})")

    rows = [("analysis.topics (cold)", *run_ours(df)), ("analysis.topics (warm)", *run_ours(df))]
    rows.append(("sklearn LDA (k=5)", *run_lda(df)))
    try:
        import bertopic  # noqa: F401
    except ImportError as exc:
        print(f"BERTopic skipped: it is not importable here ({exc}). Run this script with an interpreter "
              "that has bertopic (see the module docstring).")
    else:
        embeddings = lsa_embeddings(df["text"])
        rows.append(("BERTopic (cold)", *run_bertopic(df, embeddings)))
        rows.append(("BERTopic (warm)", *run_bertopic(df, embeddings)))
        rows.append(("BERTopic (warm, nr_topics=5)", *run_bertopic(df, embeddings, nr_topics=5)))

    cold, warm = rows[0][1], rows[1][1]
    print(f"\n{'method':28s} {'wall s':>8s} {'CPU s':>8s} {'peak MB':>8s} {'NMI':>6s} "
          f"{'wall ratio':>10s} {'CPU ratio':>9s}  notes")
    for name, m, nmi, note in rows:
        ours = cold if "cold" in name else warm
        print(f"{name:28s} {m.wall:8.2f} {m.cpu:8.2f} {m.peak_mb:8.0f} {nmi:6.3f} "
              f"{m.wall / ours.wall:9.1f}x {m.cpu / ours.cpu:8.1f}x  {note}")
    print("(ratio = the method's time / analysis.topics' time, cold against cold, else against warm: "
          "above 1 means analysis.topics is faster)")

    with Meter() as m:
        curve = topics.choose_k(df, progress=False)
    chosen = int(curve.loc[curve["chosen"], "k"].iloc[0])
    print(f"\nchoosing k over {curve['k'].min()}-{curve['k'].max()}: k={chosen} in {m.wall:.1f} s wall, "
          f"{m.cpu:.1f} s CPU (target < 30 s), peak +{m.peak_mb:.0f} MB")
    print("stability: " + ", ".join(f"{k}: {s:.3f}" for k, s in zip(curve["k"], curve["stability"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
