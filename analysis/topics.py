"""Topic clusters: articles grouped into named topics, how many topics, topics over time and by group.

- :func:`cluster` -- group a corpus into topics; returns a :class:`TopicResult`
  (labels, top terms, names, sizes, representative articles, NPMI coherence,
  a 2-D map, and the k-selection curve when ``k`` was chosen).
- :class:`TopicModel` -- the scikit-learn estimator underneath (``fit``,
  ``predict``, ``transform``), to assign new articles to fitted topics or use
  in a ``Pipeline``.
- :func:`choose_k` -- the stability curve used to choose the number of topics.
- :func:`topics_over_time` -- each topic's share of a period's articles.
- :func:`topics_by` -- topic x group crosstab (counts and shares).
- :func:`evaluate` -- NMI, ARI and a confusion table against known labels.
- :func:`stability` -- how reproducible the topics are across random seeds.

Terms come from the shared tokeniser :func:`analysis.terms.tokenize`, so a
topic's top terms are the same terms the term-frequency tables count.

How the clustering works, and why (figures measured on the BBC corpus, five
labelled sections, k=5, normalised mutual information (NMI) with the labels,
mean over ``random_state`` 0-4):

1. **TF-IDF with sublinear tf, pruned, L2-normalised.** ``1 + log(tf)`` stops
   a long article that repeats a name from dominating; terms in fewer than 3
   articles (noise) and in more than half of them (news boilerplate: "said",
   "year") are dropped. Plain TF-IDF + k-means (scikit-learn's example) gives
   0.72; with these three choices alone, 0.88.
2. **LSA**: a truncated SVD to 100 dimensions, rows re-normalised to unit
   length, so k-means on them is spherical (cosine) k-means on a denoised
   space: 0.895, and nearly the same for every seed. (Two power iterations
   of the randomised SVD instead of scikit-learn's five, in float32: same
   NMI, a quarter of the time.)
3. **k-means** with 10 k-means++ starts on those vectors (20 gave the same NMI
   on every seed tried).
4. **Leave-one-out refinement.** k-means errs on articles near a boundary.
   Each article is re-assigned by a ridge classifier (one-vs-rest, on the
   LSA vectors) fitted to every *other* article's current topic, until no
   article moves (at most ``refine`` rounds): a discriminative second pass
   that weighs the directions separating the topics instead of all equally:
   0.91 (0.906-0.918 per seed). Ridge's leave-one-out predictions have a
   closed form, so a round costs one small solve, and the result does not
   depend on how articles are split into folds. It matches the 5-fold
   self-training in the full TF-IDF space it replaced (0.909) in half the
   time. Tried and not kept: bigrams, the title added to the body, a
   chi-squared selection of top terms then re-clustering, naive Bayes EM,
   spherical k-means in the TF-IDF space (each no better than step 3).
5. **Assignment.** A ridge classifier on the LSA vectors fitted on all
   articles with the refined topics is the model: :meth:`TopicModel.predict`
   projects new articles with the fitted SVD and takes the classifier's
   argmax, and the fitted ``labels_`` are that same prediction on the
   training articles, so ``predict(training texts)`` returns exactly
   ``labels_``.

Topics are numbered by size (0 is the largest; NMF keeps the numbers of the
k-means topics it starts from). Articles without any term in
the fitted vocabulary (empty texts, only stop words or rare words) are kept,
get no topic (``-1`` from the estimator, ``<NA>`` in :class:`TopicResult`) and
a stated reason; the other topics are never renumbered because of them.

``method="nmf"`` fits non-negative matrix factorisation on the same TF-IDF
matrix, started from the k-means topics above; ``transform`` then returns
soft memberships (each article's topic weights, summing to 1). NMF trades
some accuracy for the soft memberships: NMI 0.85 on BBC (scikit-learn's NMF
from its default start: 0.78-0.86 depending on the pruning).

Speed (BBC, 2,225 articles, one core): about 0.3 s for k=5, a third of it
counting terms with the shared tokeniser; choosing k adds about 3 s. See
``benchmarks/bench_topics.py``.

Choosing k (``k=None``): see :func:`choose_k`.
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.linalg
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClusterMixin, TransformerMixin
from sklearn.cluster import KMeans
from sklearn.decomposition import NMF, PCA, TruncatedSVD
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer
from sklearn.manifold import TSNE
from sklearn.linear_model import RidgeClassifier
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from analysis import _dask, _parallel, terms
from analysis._progress import bar as _bar

# --- column names (defined once) -----------------------------------------------

TOPIC = "topic"
NAME = "name"
RANK = "rank"
TERM = "term"
WEIGHT = "weight"
DOC_ID = "doc_id"
TITLE = "title"
TEXT = "text"
DATE = "date"
N_ARTICLES = "n_articles"
SHARE = "share"
SCORE = "score"
NPMI = "npmi"
X = "x"
Y = "y"
REASON = "reason"
K = "k"
STABILITY = "stability"
STABILITY_SD = "stability_sd"
CHOSEN = "chosen"
PERIOD = "period"
PERIOD_ARTICLES = "period_articles"
PARTIAL = "partial"
GROUP = "group"
TOPIC_SHARE = "topic_share"
SEED_A = "seed_a"
SEED_B = "seed_b"
ARI = "ari"
JACCARD = "jaccard"

#: :attr:`TopicResult.top_terms`: one row per topic and rank.
TOP_TERMS_COLUMNS = (TOPIC, NAME, RANK, TERM, WEIGHT)
#: :attr:`TopicResult.sizes`: one row per topic.
SIZES_COLUMNS = (TOPIC, NAME, N_ARTICLES, SHARE)
#: :attr:`TopicResult.representatives`: the most typical articles of each topic.
REPRESENTATIVES_COLUMNS = (TOPIC, NAME, RANK, DOC_ID, TITLE, SCORE)
#: :attr:`TopicResult.coherence`: NPMI of each topic's top terms.
COHERENCE_COLUMNS = (TOPIC, NAME, NPMI)
#: :attr:`TopicResult.articles`: one row per input article, in input order.
ARTICLES_COLUMNS = (DOC_ID, TITLE, TOPIC, NAME, SCORE, REASON)
#: :attr:`TopicResult.coords`: one row per article on the map.
COORDS_COLUMNS = (DOC_ID, TOPIC, NAME, X, Y)
#: :func:`choose_k` and :attr:`TopicResult.k_scores`: one row per k tried.
K_SCORES_COLUMNS = (K, STABILITY, STABILITY_SD, CHOSEN)
#: :func:`topics_over_time`: one row per period and topic.
OVER_TIME_COLUMNS = (PERIOD, TOPIC, NAME, N_ARTICLES, SHARE, PERIOD_ARTICLES, PARTIAL)
#: :func:`topics_by` and :attr:`Evaluation.confusion`: one row per group and topic.
BY_COLUMNS = (GROUP, TOPIC, NAME, N_ARTICLES, SHARE, TOPIC_SHARE)
#: :attr:`Stability.pairs`: one row per pair of seeds.
PAIRS_COLUMNS = (SEED_A, SEED_B, ARI)
#: :attr:`Stability.topics`: one row per topic of the first seed's clustering.
STABILITY_TOPICS_COLUMNS = (TOPIC, NAME, N_ARTICLES, JACCARD)

#: Reasons an article gets no topic (the ``reason`` column).
NO_TEXT = "empty text"
NO_TERMS = "no term of the fitted vocabulary (only stop words, numbers or rare words)"

METHODS = ("kmeans", "nmf")
#: Estimator label of an article without a topic.
NO_TOPIC = -1

_TITLE_CHARS = 80


# --- the estimator ---------------------------------------------------------------


def _analyze(doc: str) -> list[str]:
    # A module-level function (not a lambda) so a fitted model pickles.
    return terms.tokenize(doc) if isinstance(doc, str) else []


class TopicModel(ClusterMixin, TransformerMixin, BaseEstimator):
    """Topic clustering of texts: TF-IDF, LSA, k-means, leave-one-out refinement.

    The recipe and the reasons for each step are in the module docstring
    (:mod:`analysis.topics`). Most users call :func:`cluster`, which wraps this
    estimator and returns tidy tables.

    Parameters
    ----------
    n_topics : int or None, default 5
        Number of topics (at least 2). ``None`` chooses it with :func:`choose_k`'s stability
        criterion over ``k_range``.
    method : {"kmeans", "nmf"}, default "kmeans"
        ``"kmeans"``: hard topics; :meth:`transform` returns each article's
        ridge score for every topic (higher = more typical). ``"nmf"``:
        non-negative matrix factorisation; :meth:`transform` returns soft
        memberships summing to 1 per article.
    min_df, max_df : int, float or None
        Vocabulary pruning as in scikit-learn's ``TfidfVectorizer``. ``None``
        (default) adapts to the corpus: ``min_df`` 3 from 300 articles (2 from
        30, else 1), ``max_df`` 0.5 from 30 articles (else 1.0: in a tiny corpus
        a topic's own terms can be in half of the articles).
    n_components : int, default 100
        LSA dimensions (capped by the corpus size and vocabulary).
    n_init : int, default 10
        k-means++ starts.
    refine : int, default 10
        Maximum rounds of leave-one-out refinement (0 to skip it; it is
        skipped when there are fewer than 10 articles per topic). It stops
        earlier once no article moves.
    alpha : float, default 1.0
        Ridge regularisation of the refinement and assignment classifier.
    k_range : sequence of int, default range(2, 11)
        The k tried when ``n_topics`` is None.
    random_state : int, default 0
        Seed of the SVD, k-means, the refinement folds and NMF: the same seed
        gives the same topics on every run.
    progress : bool, default False
        Show a progress bar while tokenising and choosing k.

    Attributes
    ----------
    labels_ : ndarray of shape (n_articles,)
        Topic of each training article, ``-1`` when it has no term in the vocabulary.
    n_topics_ : int
        Number of topics fitted (the chosen one when ``n_topics`` is None).
    terms_ : list of str
        The terms kept after pruning, in column order.
    vectorizer_ : TfidfVectorizer
        A scikit-learn vectorizer with the fitted vocabulary and IDF weights:
        its ``transform`` gives the TF-IDF rows the model uses (which the
        model itself computes with the package's faster counter).
    svd_ : TruncatedSVD or None
        The LSA projection (None when the corpus was too small for one).
    classifier_ : RidgeClassifier
        The assignment model on the LSA vectors (``method="kmeans"``).
    nmf_ : NMF
        The factorisation (``method="nmf"``).
    topic_terms_ : ndarray of shape (n_topics, n_terms)
        Term weights per topic: the mean TF-IDF vector of a topic's articles
        (k-means) or NMF's components.
    k_scores_ : DataFrame or None
        The stability curve when ``n_topics`` was None (:data:`K_SCORES_COLUMNS`).

    Examples
    --------
    >>> texts = ["the striker scored a goal in the match"] * 3 + ["the bank raised interest rates"] * 3
    >>> model = TopicModel(2, random_state=0).fit(texts)
    >>> model.labels_.tolist() == model.predict(texts).tolist()
    True
    >>> model.predict(["a late goal won the match", ""]).tolist() == [model.labels_[0], -1]
    True
    """

    def __init__(self, n_topics=5, *, method="kmeans", min_df=None, max_df=None, n_components=100,
                 n_init=10, refine=10, alpha=1.0, k_range=range(2, 11), random_state=0, progress=False):
        self.n_topics = n_topics
        self.method = method
        self.min_df = min_df
        self.max_df = max_df
        self.n_components = n_components
        self.n_init = n_init
        self.refine = refine
        self.alpha = alpha
        self.k_range = k_range
        self.random_state = random_state
        self.progress = progress

    # -- fitting --

    def fit(self, X, y=None):
        """Fit topics to ``X``, an iterable of article texts (or a DataFrame with a ``text`` column)."""
        with _one_thread():
            self._fit(_texts(X))
        return self

    def _fit(self, texts: list[str]):
        """Fit, and return the training TF-IDF matrix (so callers need not tokenise twice)."""
        self._validate()
        matrix = self._fit_vocabulary(texts)
        self._fit_matrix(matrix)
        return matrix

    def _fit_matrix(self, matrix) -> None:
        """Fit the topics on the TF-IDF matrix of the fitted vocabulary."""
        valid = matrix.getnnz(axis=1) > 0
        rows = matrix[valid]
        self.n_topics_ = self._check_k(rows, n_articles=matrix.shape[0])
        self.k_scores_ = None
        if self.n_topics is None:
            # Choosing k needs the more accurate SVD (see choose_k); the topics
            # are then fitted exactly as for a fixed k, so k=None gives the same
            # topics as passing the chosen k.
            accurate = _lsa(rows, self.n_components, self.random_state, n_iter=5)
            self.k_scores_ = _stability_curve(accurate, self._k_candidates(rows), random_state=self.random_state,
                                              progress=self.progress)
            self.n_topics_ = int(self.k_scores_.loc[self.k_scores_[CHOSEN], K].iloc[0])
        self.svd_ = _svd(rows, self.n_components, self.random_state)
        self._fit_topics(rows, self._embed(rows))
        self.labels_ = np.full(matrix.shape[0], NO_TOPIC, dtype=int)
        self.labels_[valid] = self._assign(rows)

    def _validate(self):
        if self.method not in METHODS:
            raise ValueError(f"method={self.method!r} is not known; pass one of {METHODS}")
        if self.n_topics is not None and (not isinstance(self.n_topics, (int, np.integer)) or self.n_topics < 2):
            raise ValueError(f"n_topics={self.n_topics!r}; pass a whole number >= 2, or None to choose it")
        if self.n_topics is None:
            ks = list(self.k_range)
            if not ks or min(ks) < 2:
                raise ValueError(f"k_range={self.k_range!r}; pass whole numbers >= 2, e.g. range(2, 11)")

    def _fit_vocabulary(self, texts: list[str]):
        n = len(texts)
        nonblank = [t for t in texts if t.strip()]
        if not nonblank:
            raise ValueError(f"all {n} articles are empty: there is no text to find topics in")
        if len(nonblank) > 1 and len({t.strip() for t in nonblank}) == 1:
            raise ValueError(f"all {len(nonblank)} non-empty articles are identical: there are no topics "
                             "to tell apart; pass articles with different texts")
        min_df, max_df = self.min_df, self.max_df
        if min_df is None:
            min_df = 3 if n >= 300 else 2 if n >= 30 else 1
        if max_df is None:
            max_df = 0.5 if n >= 30 else 1.0
        low, high = _document_limits(min_df, max_df, n)
        counts, vocabulary = _counts(texts, progress=self.progress)
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        kept = np.flatnonzero((df >= low) & (df <= high))
        if not len(kept):
            raise ValueError(
                f"no terms are left to cluster {n} articles on: of {len(vocabulary)} terms, none is in at least "
                f"min_df={min_df!r} and at most max_df={max_df!r} of them; the articles share all their terms "
                "or are too few: pass more varied articles, a lower min_df or a higher max_df"
            )
        counts = counts[:, kept]
        self.terms_ = [vocabulary[i] for i in kept]
        # The TF-IDF of TfidfVectorizer(sublinear_tf=True) on these counts; a
        # TfidfVectorizer with the same vocabulary and weights is kept for
        # users (vectorizer_), while our own rows come from the fast counter.
        self._tfidf_ = TfidfTransformer(sublinear_tf=True).fit(counts)
        self.vectorizer_ = TfidfVectorizer(analyzer=_analyze, sublinear_tf=True, vocabulary=self.terms_)
        self.vectorizer_.idf_ = self._tfidf_.idf_
        return _sorted(self._tfidf_.transform(counts))

    def _check_k(self, rows, *, n_articles: int) -> int | None:
        n_valid, n_terms = rows.shape
        n_distinct = _n_distinct_rows(rows)
        if self.n_topics is None:
            if n_distinct < 3:
                raise ValueError(f"cannot choose a number of topics from {n_distinct} distinct article(s) "
                                 f"with terms (of {n_articles}); pass more articles or a fixed k")
            return None
        k = int(self.n_topics)
        if n_valid < k:
            raise ValueError(f"k={k} topics need at least {k} articles with terms, but there are {n_valid} "
                             f"(of {n_articles} articles); pass k <= {max(n_valid, 1)} or more articles")
        if n_terms < k:
            raise ValueError(f"k={k} topics is more than the vocabulary allows: only {n_terms} terms are "
                             f"left after pruning; pass k <= {n_terms} or a lower min_df")
        if n_distinct < k:
            raise ValueError(f"k={k} topics, but only {n_distinct} of the {n_valid} articles with terms are "
                             f"distinct; pass k <= {n_distinct}")
        return k

    def _k_candidates(self, rows) -> list[int]:
        limit = min(_n_distinct_rows(rows), rows.shape[1])
        ks = sorted({int(k) for k in self.k_range if 2 <= k <= limit})
        if not ks:
            raise ValueError(f"none of k_range={self.k_range!r} fits {rows.shape[0]} articles and "
                             f"{rows.shape[1]} terms; pass smaller k")
        return ks

    def _fit_topics(self, rows, lsa) -> None:
        k = self.n_topics_
        labels = KMeans(k, n_init=self.n_init, random_state=self.random_state).fit(lsa).labels_
        if self.refine and rows.shape[0] >= 10 * k:
            labels = _refine(lsa, labels, k, rounds=self.refine, alpha=self.alpha)
        labels = _by_size(labels, k)
        self.classifier_ = None
        self.nmf_ = None
        if self.method == "kmeans":
            self.classifier_ = RidgeClassifier(alpha=self.alpha).fit(lsa, labels)
            final = self._assign(rows)
            self.topic_terms_ = _centroids(rows, final, k)
        else:
            # Start NMF from the k-means topics: W from memberships, H from the
            # topics' mean TF-IDF vectors, so NMF topics keep k-means' quality
            # and order instead of depending on an SVD-based start.
            h0 = _centroids(rows, labels, k) + 1e-6
            w0 = np.full((rows.shape[0], k), 1e-3)
            w0[np.arange(rows.shape[0]), labels] = 1.0
            self.nmf_ = NMF(k, init="custom", max_iter=500, random_state=self.random_state)
            self.nmf_.fit(rows, W=w0, H=h0)
            self.topic_terms_ = self.nmf_.components_

    # -- using the fitted model --

    def _rows(self, X):
        check_is_fitted(self, "vectorizer_")
        counts, _ = terms._count_matrix(_texts(X), self.terms_)
        matrix = _sorted(self._tfidf_.transform(counts))
        return matrix, matrix.getnnz(axis=1) > 0

    def _embed(self, rows) -> np.ndarray:
        """Unit-length LSA vectors of TF-IDF rows (the rows themselves when the corpus was too small for an SVD)."""
        if self.svd_ is None:
            return normalize(rows.toarray())
        # float32: the SVD runs about 40% faster than on float64, same topics.
        return normalize(self.svd_.transform(rows.astype(np.float32))).astype(np.float64)

    def _scores(self, rows) -> np.ndarray:
        if self.method == "kmeans":
            scores = self.classifier_.decision_function(self._embed(rows))
            if scores.ndim == 1:  # two topics: scikit-learn returns one column
                scores = np.column_stack([-scores, scores])
            out = np.full((rows.shape[0], self.n_topics_), -np.inf)
            out[:, self.classifier_.classes_] = scores
            return out
        weights = self.nmf_.transform(rows)
        total = weights.sum(axis=1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(total > 0, weights / total, np.nan)

    def _assign(self, rows) -> np.ndarray:
        scores = self._scores(rows)
        labels = np.argmax(np.nan_to_num(scores, nan=-np.inf), axis=1)
        if self.method == "nmf":
            labels[np.isnan(scores).all(axis=1)] = NO_TOPIC
        return labels

    def transform(self, X) -> np.ndarray:
        """Topic scores, shape (n_articles, n_topics): ridge scores (k-means) or memberships (NMF).

        Rows of articles without a term in the vocabulary are NaN.
        """
        matrix, valid = self._rows(X)
        out = np.full((matrix.shape[0], self.n_topics_), np.nan)
        if valid.any():
            with _one_thread():
                out[valid] = self._scores(matrix[valid])
        return out

    def predict(self, X) -> np.ndarray:
        """Topic of each article (``-1`` when it has no term in the vocabulary)."""
        matrix, valid = self._rows(X)
        labels = np.full(matrix.shape[0], NO_TOPIC, dtype=int)
        if valid.any():
            with _one_thread():
                labels[valid] = self._assign(matrix[valid])
        return labels

    def fit_predict(self, X, y=None, **kwargs) -> np.ndarray:
        return self.fit(X).labels_

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "n_topics_")
        return np.array([f"topic{j}" for j in range(self.n_topics_)], dtype=object)


def _document_limits(min_df, max_df, n: int) -> tuple[float, float]:
    """Document counts a term must lie between, as scikit-learn's vectorizers read ``min_df``/``max_df``."""
    def count(name, value):
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer, float, np.floating)):
            raise ValueError(f"{name}={value!r}; pass a number of articles (int) or a share of them (float in [0, 1])")
        if isinstance(value, (float, np.floating)):
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name}={value!r}; a share of articles lies in [0, 1] (or pass an int count)")
            return value * n
        if value < 0:
            raise ValueError(f"{name}={value!r}; pass a number of articles >= 0")
        return int(value)

    low, high = count("min_df", min_df), count("max_df", max_df)
    if high < low:
        raise ValueError(f"max_df={max_df!r} allows fewer articles than min_df={min_df!r} for {n} articles; "
                         "pass a higher max_df or a lower min_df")
    return low, high


def _counts(texts: list[str], *, progress: bool):
    """Term counts per article from the shared tokeniser: ``(CSR counts, sorted terms)``.

    Counted batch by batch (on every core for a large corpus), then the
    batches' vocabularies are merged.
    """
    work = _parallel.batches(texts, chunk_chars=_parallel.CHUNK_CHARS)
    parts = list(_parallel.map_batches(terms._count_matrix, work, progress=progress, total=len(texts),
                                       desc="tokenising"))
    if len(parts) == 1:
        return parts[0]
    vocabulary = sorted(set().union(*(found for _, found in parts)))
    index = {t: i for i, t in enumerate(vocabulary)}
    blocks = []
    for counts, found in parts:
        columns = np.fromiter(map(index.__getitem__, found), dtype=np.int64, count=len(found))
        blocks.append(sp.csr_matrix((counts.data, columns[counts.indices], counts.indptr),
                                    shape=(counts.shape[0], len(vocabulary))))
    merged = sp.vstack(blocks, format="csr")
    merged.sort_indices()
    return merged, vocabulary


def _one_thread():
    """Run BLAS and OpenMP on one thread.

    The matrices here are small and dense: on two cores, k-means with
    OpenMP's threads ran 15x slower than on one thread, and 60x slower while
    other processes were busy (threads spin waiting for each other).
    """
    return threadpool_limits(limits=1)


def _sorted(matrix):
    matrix = sp.csr_matrix(matrix)
    matrix.sort_indices()
    return matrix


def _texts(X) -> list[str]:
    if isinstance(X, (str, bytes)):
        raise ValueError("expected a collection of articles, got a single string; wrap it in a list: [text]")
    if isinstance(X, pd.DataFrame):
        if TEXT not in X.columns:
            raise ValueError(f"the DataFrame has no {TEXT!r} column (columns: {list(X.columns)}); "
                             "pass a corpus table from analysis.corpus.load or a list of texts")
        X = X[TEXT]
    return ["" if not isinstance(t, str) else t for t in X]


def _n_distinct_rows(rows) -> int:
    rows = sp.csr_matrix(rows)
    # Identical rows have bit-identical products with any vector: only rows
    # that share a product are compared term by term.
    key = rows @ np.random.default_rng(0).random(rows.shape[1])
    values, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
    shared = np.flatnonzero(counts[inverse] > 1)
    if not len(shared):
        return len(values)
    distinct = {(key[i], tuple(rows.indices[rows.indptr[i]:rows.indptr[i + 1]]),
                 tuple(rows.data[rows.indptr[i]:rows.indptr[i + 1]])) for i in shared}
    return len(values) - len(np.unique(key[shared])) + len(distinct)


def _svd(rows, n_components: int, random_state, *, n_iter: int = 2):
    """A truncated SVD of the TF-IDF rows (None when the corpus is too small for one).

    Two power iterations of the randomised SVD instead of scikit-learn's
    five, on float32: the same topics in a quarter of the time.
    """
    dims = min(n_components, rows.shape[0] - 1, rows.shape[1] - 1)
    if dims < 2:
        return None
    return TruncatedSVD(dims, n_iter=n_iter, random_state=random_state).fit(rows.astype(np.float32))


def _lsa(rows, n_components: int, random_state, *, n_iter: int = 2) -> np.ndarray:
    """Unit-length LSA vectors; the TF-IDF rows themselves when the corpus is too small for an SVD."""
    dims = min(n_components, rows.shape[0] - 1, rows.shape[1] - 1)
    if dims < 2:
        return normalize(rows.toarray())
    return normalize(TruncatedSVD(dims, n_iter=n_iter, random_state=random_state).fit_transform(rows))


def _refine(lsa, labels, k, *, rounds, alpha) -> np.ndarray:
    """Re-assign each article by a ridge classifier fitted on all the *other* articles' topics, until nothing moves.

    Ridge regression (with intercept) on the LSA vectors, one-vs-rest targets
    of +-1; its leave-one-out predictions come in closed form from the
    hat matrix, ``(y_hat - h * y) / (1 - h)`` (the identity for linear
    smoothers in Hastie, Tibshirani & Friedman, *The Elements of Statistical
    Learning*, 2nd ed., section 7.10.1), so each round costs one small solve
    instead of a cross-validation loop, and is the same on every run.
    """
    n, d = lsa.shape
    centred = lsa - lsa.mean(axis=0)
    solve = scipy.linalg.cho_factor(centred.T @ centred + alpha * np.eye(d))
    projected = scipy.linalg.cho_solve(solve, centred.T)  # (d, n)
    leverage = np.einsum("ij,ji->i", centred, projected) + 1.0 / n
    for _ in range(rounds):
        targets = np.full((n, k), -1.0)
        targets[np.arange(n), labels] = 1.0
        fitted = centred @ (projected @ targets) + targets.mean(axis=0)
        left_out = (fitted - leverage[:, None] * targets) / (1.0 - leverage[:, None])
        new = left_out.argmax(axis=1)
        if len(np.unique(new)) < k:  # a topic emptied out: keep the last complete assignment
            break
        if np.array_equal(new, labels):
            break
        labels = new
    return labels


def _seed(random_state, offset: int) -> int:
    base = random_state if isinstance(random_state, (int, np.integer)) else 0
    return (int(base) * 1000 + offset) % (2**32)


def _by_size(labels, k) -> np.ndarray:
    """Renumber topics so that 0 is the largest (ties by the old number)."""
    counts = np.bincount(labels, minlength=k)
    order = sorted(range(k), key=lambda j: (-counts[j], j))
    mapping = np.empty(k, dtype=int)
    mapping[order] = np.arange(k)
    return mapping[labels]


def _centroids(rows, labels, k) -> np.ndarray:
    out = np.zeros((k, rows.shape[1]))
    for j in range(k):
        members = labels == j
        if members.any():
            out[j] = np.asarray(rows[members].mean(axis=0)).ravel()
    return out


# --- choosing k --------------------------------------------------------------------

#: A k counts as stable when resampled clusterings agree at least this much (mean ARI).
STABLE = 0.95


def _stability_curve(lsa, ks, *, random_state, n_resamples=20, fraction=0.8, progress=False) -> pd.DataFrame:
    rng = np.random.default_rng(_seed(random_state, 7919))
    n = lsa.shape[0]
    size = max(int(round(fraction * n)), 2)
    samples = [rng.choice(n, size, replace=False) for _ in range(n_resamples)]
    seeds = rng.integers(2**31, size=(len(ks), n_resamples))
    rows = []
    for i, k in enumerate(_bar(ks, enabled=progress, desc="choosing k", unit="k")):
        with warnings.catch_warnings():
            # A tiny corpus with repeated articles has fewer distinct points than k in a sample.
            warnings.simplefilter("ignore", ConvergenceWarning)
            runs = [KMeans(k, n_init=3, random_state=int(seeds[i, r])).fit(lsa[idx]).predict(lsa)
                    for r, idx in enumerate(samples) if len(idx) > k]
        aris = [adjusted_rand_score(a, b) for a, b in itertools.combinations(runs, 2)]
        rows.append((k, _trimmed_mean(aris), float(np.std(aris)) if aris else np.nan))
    curve = pd.DataFrame(rows, columns=[K, STABILITY, STABILITY_SD])
    curve[CHOSEN] = curve[K] == _pick_k(curve)
    return curve


def _trimmed_mean(values, cut: float = 0.1) -> float:
    """Mean without the lowest and highest ``cut`` of the values: one unlucky run does not decide."""
    values = np.sort(np.asarray(values, dtype=float))
    if not len(values):
        return np.nan
    drop = int(cut * len(values))
    return float(values[drop: len(values) - drop].mean())


def _pick_k(curve: pd.DataFrame) -> int:
    stable = curve[curve[STABILITY] >= STABLE]
    if len(stable):
        return int(stable[K].max())
    return int(curve.loc[curve[STABILITY].idxmax(), K])


def choose_k(data, *, k_range: Iterable[int] = range(2, 11), random_state=0, progress: bool = True) -> pd.DataFrame:
    """Score every k in ``k_range`` by stability and mark the chosen one.

    The criterion: the **largest k whose clusterings are stable under
    resampling**. For each k, twenty random 80% samples of the articles are each
    clustered with a light k-means (3 k-means++ starts) in the LSA space of
    :class:`TopicModel` (with a 5-iteration SVD: the 2-iteration one used for
    a fixed k blurred the curves), every run labels all articles, and the
    stability is the adjusted Rand index (ARI) between the runs, averaged
    over the 190 pairs of runs after dropping the lowest and highest 10%
    (so one unlucky run does not decide). Where the corpus has k real groups
    every light run lands on the same partition; with too many topics a real
    group is split a different way each time, and with too few two groups are
    merged in different ways, so stability drops. The chosen k is the largest
    with stability >= :data:`STABLE` (0.95), or the most stable one when none
    reaches it. The largest, because a coarser split of real groups (sport vs
    the rest) can be stable too. The light runs are deliberate: k-means with
    10 starts finds the same split of a wrong k every time and hides the drop
    (measured: it then picked 4 for 3 sections in about half of the runs).

    Measured on BBC: its 5 sections -> 5, and every subset of its sections
    follows (all 26 subsets of 2, 3 and 4 sections x 3 seeds: 78 of 78
    right). Over those runs the stability of the right k was at least 0.966
    and that of any larger k at most 0.931. Silhouette on TF-IDF, by
    contrast, rises with k on BBC and picks the largest k tried; silhouette
    and Calinski-Harabasz in the LSA space pick 10 and 2.

    Parameters
    ----------
    data : DataFrame with a ``text`` column, or iterable of str
        The articles.
    k_range : iterable of int, default range(2, 11)
        The numbers of topics to try (each >= 2).
    random_state : int, default 0
        Seed of the SVD, the samples and the k-means runs.
    progress : bool, default True
        Show a progress bar.

    Returns
    -------
    DataFrame
        One row per k (:data:`K_SCORES_COLUMNS`): ``k``, ``stability`` (trimmed
        mean ARI, 1 = identical runs), ``stability_sd`` (standard deviation of
        the pairs' ARI), ``chosen`` (True on one row).

    Examples
    --------
    >>> texts = (["the striker scored a goal in the match"] * 4 + ["the bank raised interest rates"] * 4
    ...          + ["the band played a new album on tour"] * 4)
    >>> curve = choose_k(texts, k_range=range(2, 5), progress=False)
    >>> int(curve.loc[curve["chosen"], "k"].iloc[0])
    3
    """
    model = TopicModel(None, k_range=k_range, random_state=random_state, progress=progress)
    model._validate()
    texts = _texts(data)
    with _one_thread():
        matrix = model._fit_vocabulary(texts)
        rows = matrix[matrix.getnnz(axis=1) > 0]
        model._check_k(rows, n_articles=len(texts))
        lsa = _lsa(rows, model.n_components, random_state, n_iter=5)
        return _stability_curve(lsa, model._k_candidates(rows), random_state=random_state, progress=progress)


# --- the result --------------------------------------------------------------------


@dataclass
class TopicResult:
    """Topics of a corpus, as tidy tables (see :func:`cluster`).

    Attributes
    ----------
    labels : Series
        Topic of each article (nullable Int64, ``<NA>`` = no topic), indexed
        like the input.
    k : int
        Number of topics.
    names : Series
        Short readable name of each topic (its top three terms), indexed by topic.
    top_terms : DataFrame
        :data:`TOP_TERMS_COLUMNS`; ``weight`` is the term's mean TF-IDF weight
        in the topic (k-means) or its NMF component weight.
    sizes : DataFrame
        :data:`SIZES_COLUMNS`; ``share`` of the articles that have a topic.
    representatives : DataFrame
        :data:`REPRESENTATIVES_COLUMNS`: the articles most typical of each topic
        (highest ``score``: cosine similarity to the topic's mean TF-IDF vector
        for k-means, membership for NMF).
    coherence : DataFrame
        :data:`COHERENCE_COLUMNS`: NPMI of each topic's top ten terms, from their
        co-occurrence in the corpus's articles (-1 never together, 0
        independent, 1 always together); NaN when undefined.
    articles : DataFrame
        :data:`ARTICLES_COLUMNS`, one row per input article: its topic, its
        score for it and, when it has no topic, the ``reason``.
    k_scores : DataFrame or None
        The :func:`choose_k` curve when k was chosen, else None.
    model : TopicModel
        The fitted estimator, to assign new articles (``model.predict(texts)``).
    method : str
        ``"kmeans"`` or ``"nmf"``.
    fitted_on : str
        Which articles the model was fitted on: every article, or for a Dask
        corpus the sample (see :func:`cluster`); for a Dask corpus ``labels``
        is then a lazy Dask Series holding every article's topic.
    """

    labels: pd.Series
    k: int
    names: pd.Series
    top_terms: pd.DataFrame
    sizes: pd.DataFrame
    representatives: pd.DataFrame
    coherence: pd.DataFrame
    articles: pd.DataFrame
    k_scores: pd.DataFrame | None
    model: TopicModel = field(repr=False)
    method: str = "kmeans"
    fitted_on: str = "every article"
    _rows: object = field(default=None, repr=False)
    _coords: pd.DataFrame | None = field(default=None, repr=False)

    @property
    def coords(self) -> pd.DataFrame:
        """The article map: :data:`COORDS_COLUMNS`, one row per article with a topic.

        A t-SNE layout (cosine distances between the articles' 50-dimension
        LSA vectors), so articles on similar subjects sit together and a
        topic's sub-themes show as islands. Linear projections (PCA of the
        LSA vectors or of the topic scores) stacked three of BBC's five
        sections on top of each other. Computed on first use (2-5 s for
        2,000 articles) and kept; above :data:`MAP_MAX_ARTICLES` articles, a
        reproducible sample of that many is mapped.
        """
        if self._coords is None:
            self._coords = _coords(self)
        return self._coords

    def __repr__(self) -> str:
        names = "; ".join(f"{j}: {n}" for j, n in self.names.items())
        return f"TopicResult(k={self.k}, method={self.method!r}, articles={len(self.labels)}, topics=[{names}])"


def cluster(data, k: int | None = None, *, method: str = "kmeans", random_state=0, n_terms: int = 10,
            n_representatives: int = 5, sample_size: int = 20_000, progress: bool = True,
            **options) -> TopicResult:
    """Group articles into topics, named by their top terms.

    Parameters
    ----------
    data : DataFrame, iterable of str, or Dask DataFrame
        A corpus table (its ``text`` column is clustered; ``doc_id`` and
        ``title`` label the representatives) or the article texts.
    k : int or None, default None
        Number of topics; ``None`` chooses it (:func:`choose_k`) and the curve
        is in ``result.k_scores``.
    method : {"kmeans", "nmf"}, default "kmeans"
        Hard topics, or NMF's soft memberships (see :class:`TopicModel`).
    random_state : int, default 0
        The same seed gives the same topics on every run.
    n_terms : int, default 10
        Top terms kept per topic.
    n_representatives : int, default 5
        Representative articles kept per topic.
    progress : bool, default True
        Show progress bars.
    sample_size : int, default 20,000
        For a Dask corpus only: the model is fitted on a reproducible sample of
        this many articles (those whose ``doc_id`` hashes lowest for
        ``random_state``, whatever the partitioning), then every article is
        assigned by ``predict`` in parallel on the cluster; ``labels`` is a
        lazy Dask Series, the tables describe the sample, and
        ``result.fitted_on`` says so.
    **options
        Passed to :class:`TopicModel` (``min_df``, ``max_df``,
        ``n_components``, ``n_init``, ``refine``, ``alpha``, ``k_range``).

    Returns
    -------
    TopicResult

    Raises
    ------
    ValueError
        Fewer articles with terms than ``k``; all articles identical or
        empty; ``k`` larger than the vocabulary; a bare string for ``data``.

    Examples
    --------
    >>> texts = (["the striker scored a goal in the match"] * 3 + ["the bank raised interest rates"] * 3
    ...          + [""])
    >>> result = cluster(texts, k=2, progress=False)
    >>> result.labels.tolist()[-1] is pd.NA, result.articles["reason"].iloc[-1]
    (True, 'empty text')
    >>> sorted(result.sizes["n_articles"].tolist())
    [3, 3]
    >>> result.top_terms.columns.tolist()
    ['topic', 'name', 'rank', 'term', 'weight']
    """
    if _dask.is_dask(data):
        return _cluster_dask(data, k, method=method, random_state=random_state, n_terms=n_terms,
                             n_representatives=n_representatives, sample_size=sample_size, progress=progress,
                             **options)
    frame = data if isinstance(data, pd.DataFrame) else None
    texts = _texts(data)
    index = frame.index if frame is not None else pd.RangeIndex(len(texts))
    model = TopicModel(k, method=method, random_state=random_state, progress=progress, **options)
    with _one_thread():
        matrix = model._fit(texts)
        return _result(model, matrix, texts, frame, index, n_terms=n_terms, n_representatives=n_representatives)


def _result(model: TopicModel, matrix, texts, frame, index, *, n_terms, n_representatives) -> TopicResult:
    k = model.n_topics_
    labels_arr = model.labels_
    valid = labels_arr != NO_TOPIC
    vocab = model.vectorizer_.get_feature_names_out()

    top_rows = []
    for j in range(k):
        weights = model.topic_terms_[j]
        order = np.argsort(-weights, kind="stable")[:n_terms]
        top_rows += [(j, r + 1, vocab[i], float(weights[i])) for r, i in enumerate(order) if weights[i] > 0]
    top = pd.DataFrame(top_rows, columns=[TOPIC, RANK, TERM, WEIGHT])
    names = _names(top, k)
    top.insert(1, NAME, top[TOPIC].map(names))
    top = top[list(TOP_TERMS_COLUMNS)]

    labels = pd.Series(pd.array(np.where(valid, labels_arr, 0), dtype="Int64"), index=index, name=TOPIC)
    labels[~valid] = pd.NA

    counts = np.bincount(labels_arr[valid], minlength=k)
    total = counts.sum()
    sizes = pd.DataFrame({TOPIC: np.arange(k), NAME: names.values, N_ARTICLES: counts,
                          SHARE: counts / total if total else np.nan})

    # Score of each article for its own topic: cosine to the topic's mean TF-IDF
    # vector (k-means; the ridge scores are not comparable across topics), or
    # the NMF membership.
    scores = np.full(len(texts), np.nan)
    rows = matrix[valid]
    if valid.any():
        if model.method == "kmeans":
            cent = normalize(model.topic_terms_)
            sims = np.asarray(rows @ cent.T)
            scores[valid] = sims[np.arange(rows.shape[0]), labels_arr[valid]]
        else:
            memberships = model._scores(rows)
            scores[valid] = memberships[np.arange(rows.shape[0]), labels_arr[valid]]

    doc_ids, titles = _ids_titles(frame, texts, index)
    reps = []
    for j in range(k):
        members = np.flatnonzero(labels_arr == j)
        best = members[np.argsort(-scores[members], kind="stable")][:n_representatives]
        reps += [(j, names[j], r + 1, doc_ids[i], titles[i], float(scores[i])) for r, i in enumerate(best)]
    representatives = pd.DataFrame(reps, columns=list(REPRESENTATIVES_COLUMNS))

    coherence = pd.DataFrame({TOPIC: np.arange(k), NAME: names.values,
                              NPMI: [_npmi(rows, top.loc[top[TOPIC] == j, TERM], model.vectorizer_.vocabulary_)
                                     for j in range(k)]})

    reason = np.where(valid, "", np.where([t.strip() == "" for t in texts], NO_TEXT, NO_TERMS))
    articles = pd.DataFrame({
        DOC_ID: doc_ids, TITLE: titles, TOPIC: labels.array, NAME: labels.map(names).astype(object).values,
        SCORE: scores, REASON: reason,
    })
    return TopicResult(labels=labels, k=k, names=names, top_terms=top, sizes=sizes,
                       representatives=representatives, coherence=coherence, articles=articles,
                       k_scores=model.k_scores_, model=model, method=model.method, _rows=rows)


def _names(top: pd.DataFrame, k: int, n_words: int = 3) -> pd.Series:
    names = []
    for j in range(k):
        words = top.loc[top[TOPIC] == j, TERM].head(n_words).tolist()
        name = ", ".join(words) if words else f"topic {j}"
        names.append(name if name not in names else f"{name} ({j})")
    return pd.Series(names, index=pd.RangeIndex(k, name=TOPIC), name=NAME)


def _ids_titles(frame, texts, index):
    if frame is not None and DOC_ID in frame.columns:
        doc_ids = frame[DOC_ID].astype(str).tolist()
    else:
        doc_ids = [str(i) for i in index]
    short = [t.strip().split("\n", 1)[0][:_TITLE_CHARS] for t in texts]
    if frame is not None and TITLE in frame.columns:
        titles = [t if isinstance(t, str) and t.strip() else s for t, s in zip(frame[TITLE], short)]
    else:
        titles = short
    return doc_ids, titles


def _npmi(rows, top_terms, vocabulary) -> float:
    """Mean NPMI over pairs of ``top_terms``, from document co-occurrence in ``rows``."""
    idx = [vocabulary[t] for t in top_terms if t in vocabulary]
    n = rows.shape[0]
    if len(idx) < 2 or n == 0:
        return np.nan
    present = (rows[:, idx] > 0).astype(float)
    together = np.asarray((present.T @ present).todense())
    p = np.diag(together) / n
    values = []
    for a, b in itertools.combinations(range(len(idx)), 2):
        p_ab = together[a, b] / n
        if p_ab == 0:
            values.append(-1.0)
        elif p_ab == 1:
            continue  # both terms in every article: undefined
        else:
            values.append(math.log(p_ab / (p[a] * p[b])) / -math.log(p_ab))
    return float(np.mean(values)) if values else np.nan


#: Most articles :attr:`TopicResult.coords` lays out (t-SNE's time grows faster than linearly).
MAP_MAX_ARTICLES = 5000


def _coords(result: TopicResult) -> pd.DataFrame:
    table = result.articles[result.articles[TOPIC].notna()]
    rows = result._rows
    if len(table) > MAP_MAX_ARTICLES:
        keep = np.sort(np.random.default_rng(_seed(result.model.random_state, 2)).choice(
            len(table), MAP_MAX_ARTICLES, replace=False))
        table, rows = table.iloc[keep], rows[keep]
    with _one_thread():
        xy = _layout(rows, result.model.random_state)
    out = table[[DOC_ID, TOPIC, NAME]].reset_index(drop=True)
    out[X], out[Y] = xy[:, 0], xy[:, 1]
    return out


def _layout(rows, random_state) -> np.ndarray:
    """t-SNE of the unit-length LSA vectors; PCA when there are too few articles for t-SNE."""
    n = rows.shape[0]
    if n < 2:
        return np.zeros((n, 2))
    lsa = _lsa(rows, 50, random_state)
    if n < 10 or lsa.shape[1] < 2:
        dims = min(2, lsa.shape[1], n)
        out = PCA(dims).fit_transform(lsa) if dims > 0 else np.zeros((n, 0))
        return np.column_stack([out, np.zeros((n, 2 - out.shape[1]))])
    # 500 iterations are enough for a readable map at a third of the default's time.
    tsne = TSNE(2, perplexity=min(30.0, (n - 1) / 3), metric="cosine", init="pca", max_iter=500,
                random_state=_seed(random_state, 3))
    return tsne.fit_transform(lsa)


# --- over time, by group, evaluation -----------------------------------------------


def _aligned(result: TopicResult, data) -> pd.DataFrame:
    if not isinstance(data, pd.DataFrame):
        raise ValueError(f"data must be the corpus DataFrame the topics were fitted on, got {type(data).__name__}")
    if not result.labels.index.equals(data.index):
        raise ValueError(f"data ({len(data)} rows) is not the corpus the topics were fitted on "
                         f"({len(result.labels)} articles, index differs); pass the same DataFrame")
    return data


def topics_over_time(result: TopicResult, data: pd.DataFrame, *, freq: str = "M") -> pd.DataFrame:
    """Each topic's share of the articles of every period.

    Shares are normalised by the period's volume: a topic's articles in the
    period divided by all articles with a topic and a date in it, so a busy
    month does not look like a surge of every topic. Every period between the
    first and last date is listed (empty periods have ``share`` NaN), and the
    first and last periods are flagged ``partial`` when the corpus starts after
    the first period's first day or ends before the last period's last day:
    their shares rest on part of a period.

    Parameters
    ----------
    result : TopicResult
        From :func:`cluster` on ``data``.
    data : DataFrame
        The same corpus table, with a ``date`` column.
    freq : str, default "M"
        A pandas period frequency: "D", "W", "M", "Q", "Y".

    Returns
    -------
    DataFrame
        :data:`OVER_TIME_COLUMNS`: ``period`` (its start, a Timestamp),
        ``topic``, ``name``, ``n_articles``, ``share``, ``period_articles``,
        ``partial``. Articles without a date or a topic are left out.

    Raises
    ------
    ValueError
        When ``data`` has no ``date`` column or no dates.

    Examples
    --------
    >>> texts = ["goal match striker", "goal match keeper", "bank rates interest", "bank rates loan"]
    >>> df = pd.DataFrame({"text": texts, "date": pd.to_datetime(["2017-01-05", "2017-02-01",
    ...                                                             "2017-01-20", "2017-02-28"])})
    >>> table = topics_over_time(cluster(df, k=2, progress=False), df, freq="M")
    >>> table[["n_articles", "share", "period_articles"]].to_numpy().tolist()
    [[1.0, 0.5, 2.0], [1.0, 0.5, 2.0], [1.0, 0.5, 2.0], [1.0, 0.5, 2.0]]
    >>> table["partial"].tolist()
    [True, True, False, False]
    """
    data = _aligned(result, data)
    if DATE not in data.columns:
        raise ValueError(f"the corpus has no {DATE!r} column, so there is no time axis; topics_over_time "
                         "needs dated articles (e.g. news2017), or use topics_by for a grouping")
    dates = pd.to_datetime(data[DATE], errors="coerce")
    keep = dates.notna().to_numpy() & result.labels.notna().to_numpy()
    if not dates.notna().any():
        raise ValueError(f"the corpus's {DATE!r} column has no dates (all {len(data)} are missing); "
                         "topics_over_time needs dated articles")
    try:
        periods = dates[keep].dt.to_period(freq)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"freq={freq!r} is not a pandas period frequency; pass 'D', 'W', 'M', 'Q' or 'Y'") from exc
    topics = result.labels[keep].astype(int)
    counts = pd.crosstab(periods, topics).reindex(columns=range(result.k), fill_value=0)
    if len(counts):
        full = pd.period_range(counts.index.min(), counts.index.max(), freq=counts.index.freq)
        counts = counts.reindex(full, fill_value=0)
    volume = counts.sum(axis=1)
    first, last = dates[keep].min(), dates[keep].max()
    partial = pd.Series(False, index=counts.index)
    if len(counts):
        partial.iloc[0] |= first.normalize() > counts.index[0].start_time
        partial.iloc[-1] |= last.normalize() < counts.index[-1].end_time.normalize()
    rows = []
    for period in counts.index:
        n_period = int(volume[period])
        for j in range(result.k):
            n = int(counts.at[period, j])
            rows.append((period.start_time, j, result.names[j], n, n / n_period if n_period else np.nan,
                         n_period, bool(partial[period])))
    return pd.DataFrame(rows, columns=list(OVER_TIME_COLUMNS))


def _crosstab(groups: pd.Series, topics: pd.Series, k: int, names: pd.Series) -> pd.DataFrame:
    counts = pd.crosstab(groups, topics).reindex(columns=range(k), fill_value=0)
    group_totals = counts.sum(axis=1)
    topic_totals = counts.sum(axis=0)
    rows = []
    for group in counts.index:
        for j in range(k):
            n = int(counts.at[group, j])
            rows.append((group, j, names[j], n, n / group_totals[group] if group_totals[group] else np.nan,
                         n / topic_totals[j] if topic_totals[j] else np.nan))
    return pd.DataFrame(rows, columns=list(BY_COLUMNS))


def topics_by(result: TopicResult, data: pd.DataFrame, *, by: str = "source",
              missing: str | None = "(unknown)") -> pd.DataFrame:
    """Topic x group crosstab, tidy: how many articles of each group fall in each topic.

    Parameters
    ----------
    result : TopicResult
        From :func:`cluster` on ``data``.
    data : DataFrame
        The same corpus table.
    by : str, default "source"
        The column to group by (e.g. ``"source"``, ``"label"``).
    missing : str or None, default "(unknown)"
        Group name for articles without a value in ``by`` (in news2017 the
        articles whose source is not known are a group worth comparing);
        None leaves them out.

    Returns
    -------
    DataFrame
        :data:`BY_COLUMNS`: ``group``, ``topic``, ``name``, ``n_articles``,
        ``share`` (of the group's articles; sums to 1 over topics) and
        ``topic_share`` (of the topic's articles; sums to 1 over groups).
        Articles with no topic are left out.

    Examples
    --------
    >>> df = pd.DataFrame({"text": ["goal match striker", "goal match keeper", "bank rates interest",
    ...                             "bank rates loan"], "source": ["a", "b", "a", "a"]})
    >>> table = topics_by(cluster(df, k=2, progress=False), df, by="source")
    >>> table.groupby("group")["share"].sum().tolist()
    [1.0, 1.0]
    """
    data = _aligned(result, data)
    if by not in data.columns:
        raise ValueError(f"by={by!r} is not a column of the corpus (columns: {list(data.columns)})")
    groups = data[by].astype(object)
    if missing is not None:
        groups = groups.where(groups.notna(), missing)
    keep = groups.notna().to_numpy() & result.labels.notna().to_numpy()
    if not keep.any():
        raise ValueError(f"column {by!r} has no values on articles with a topic; pass another column")
    return _crosstab(groups[keep], result.labels[keep].astype(int), result.k, result.names)


@dataclass
class Evaluation:
    """Agreement of topics with known labels (see :func:`evaluate`)."""

    nmi: float
    ari: float
    n_articles: int
    confusion: pd.DataFrame

    def __repr__(self) -> str:
        return f"Evaluation(nmi={self.nmi:.3f}, ari={self.ari:.3f}, n_articles={self.n_articles})"


def evaluate(result: TopicResult, labels) -> Evaluation:
    """Compare topics with known labels: NMI, ARI and a confusion table.

    Parameters
    ----------
    result : TopicResult
    labels : Series, array-like or DataFrame
        One label per article, in the order (or with the index) of the corpus;
        a DataFrame is read from its ``label`` column.

    Returns
    -------
    Evaluation
        ``nmi`` (normalised mutual information, 0-1), ``ari`` (adjusted Rand
        index, 1 = same partition), ``n_articles`` compared (those with both a
        topic and a label) and ``confusion``: :data:`BY_COLUMNS` with ``group``
        = the label.

    Examples
    --------
    >>> df = pd.DataFrame({"text": ["goal match striker", "goal match keeper", "bank rates interest",
    ...                             "bank rates loan"], "label": ["sport", "sport", "money", "money"]})
    >>> ev = evaluate(cluster(df, k=2, progress=False), df)
    >>> ev.nmi, ev.ari, ev.n_articles
    (1.0, 1.0, 4)
    """
    if isinstance(labels, pd.DataFrame):
        if "label" not in labels.columns:
            raise ValueError("the DataFrame has no 'label' column; pass the labels themselves")
        labels = labels["label"]
    if isinstance(labels, pd.Series):
        if len(labels) != len(result.labels):
            raise ValueError(f"{len(labels)} labels for {len(result.labels)} articles; pass one label per article")
        labels = pd.Series(labels.to_numpy(), index=result.labels.index)
    else:
        labels = pd.Series(list(labels), index=result.labels.index[: len(list(labels))])
        if len(labels) != len(result.labels):
            raise ValueError(f"{len(labels)} labels for {len(result.labels)} articles; pass one label per article")
    keep = labels.notna().to_numpy() & result.labels.notna().to_numpy()
    if not keep.any():
        raise ValueError("no article has both a label and a topic: the corpus has no labels to evaluate against")
    truth = labels[keep].astype(str)
    topics = result.labels[keep].astype(int)
    return Evaluation(nmi=float(normalized_mutual_info_score(truth, topics)),
                      ari=float(adjusted_rand_score(truth, topics)), n_articles=int(keep.sum()),
                      confusion=_crosstab(truth, topics, result.k, result.names))


# --- stability ---------------------------------------------------------------------


@dataclass
class Stability:
    """How reproducible topics are across seeds (see :func:`stability`)."""

    ari: float
    pairs: pd.DataFrame
    topics: pd.DataFrame

    def __repr__(self) -> str:
        return f"Stability(ari={self.ari:.3f}, seeds={len(self.pairs) and self.pairs[SEED_A].nunique() + 1})"


def stability(data, k: int, *, seeds: Sequence[int] = range(5), method: str = "kmeans", progress: bool = True,
              **options) -> Stability:
    """Cluster with several seeds and measure how much the topics agree.

    Parameters
    ----------
    data : DataFrame or iterable of str
    k : int
        Number of topics.
    seeds : sequence of int, default range(5)
        ``random_state`` of each run (at least two).
    method : {"kmeans", "nmf"}
    progress : bool, default True
    **options
        Passed to :class:`TopicModel`.

    Returns
    -------
    Stability
        ``ari``: mean adjusted Rand index over pairs of runs (1 = every run
        found the same topics); ``pairs``: :data:`PAIRS_COLUMNS`; ``topics``:
        :data:`STABILITY_TOPICS_COLUMNS`, each topic of the first seed's run
        with ``jaccard``, the mean over the other runs of its best-matching
        topic's Jaccard overlap (near 1: the topic is found every time; low:
        it is an artefact of one seed).

    Examples
    --------
    >>> texts = ["the striker scored a goal in the match"] * 3 + ["the bank raised interest rates"] * 3
    >>> stab = stability(texts, 2, seeds=[0, 1, 2], progress=False)
    >>> stab.ari, stab.topics["jaccard"].tolist()
    (1.0, [1.0, 1.0])
    """
    seeds = list(seeds)
    if len(seeds) < 2:
        raise ValueError(f"seeds={seeds!r}; pass at least two seeds to compare runs")
    texts = _texts(data)
    runs = []
    with _one_thread():
        for seed in _bar(seeds, enabled=progress, desc="stability", unit="seed"):
            model = TopicModel(k, method=method, random_state=seed, **options)
            if not runs:
                matrix = model._fit(texts)
            else:  # the vocabulary does not depend on the seed: tokenise once
                model._validate()
                model.vectorizer_, model.terms_, model._tfidf_ = runs[0].vectorizer_, runs[0].terms_, runs[0]._tfidf_
                model._fit_matrix(matrix)
            runs.append(model)
    labels = [m.labels_ for m in runs]
    valid = labels[0] != NO_TOPIC
    pairs = pd.DataFrame([(a, b, float(adjusted_rand_score(labels[i][valid], labels[j][valid])))
                          for (i, a), (j, b) in itertools.combinations(enumerate(seeds), 2)],
                         columns=list(PAIRS_COLUMNS))
    first = labels[0]
    names = _names(_top_terms_of(runs[0]), runs[0].n_topics_)
    rows = []
    for j in range(runs[0].n_topics_):
        members = first == j
        best = []
        for other in labels[1:]:
            overlaps = [(members & (other == t)).sum() / (members | (other == t)).sum()
                        for t in range(runs[0].n_topics_) if (members | (other == t)).any()]
            best.append(max(overlaps) if overlaps else np.nan)
        rows.append((j, names[j], int(members.sum()), float(np.mean(best))))
    return Stability(ari=float(pairs[ARI].mean()), pairs=pairs,
                     topics=pd.DataFrame(rows, columns=list(STABILITY_TOPICS_COLUMNS)))


def _top_terms_of(model: TopicModel, n_terms: int = 3) -> pd.DataFrame:
    vocab = model.vectorizer_.get_feature_names_out()
    rows = []
    for j in range(model.n_topics_):
        order = np.argsort(-model.topic_terms_[j], kind="stable")[:n_terms]
        rows += [(j, r + 1, vocab[i]) for r, i in enumerate(order) if model.topic_terms_[j, i] > 0]
    return pd.DataFrame(rows, columns=[TOPIC, RANK, TERM])


# --- Dask ---------------------------------------------------------------------------


def _hash_keys(part: pd.DataFrame, random_state: int) -> pd.DataFrame:
    """A reproducible random key per article, from its ``doc_id`` and the seed (partition-independent)."""
    key = f"{int(random_state) % 10**16:016d}"
    hashed = pd.util.hash_pandas_object(part[DOC_ID].astype(str), index=False, hash_key=key)
    return pd.DataFrame({DOC_ID: part[DOC_ID].astype(str).to_numpy(), "key": hashed.to_numpy()})


def _smallest_keys(part: pd.DataFrame, random_state: int, n: int) -> tuple[pd.DataFrame, int]:
    """The partition's ``n`` lowest keys, and its number of articles."""
    return _hash_keys(part, random_state).nsmallest(n, "key", keep="all"), len(part)


def _sample_rows(part: pd.DataFrame, chosen: frozenset) -> pd.DataFrame:
    return part[part[DOC_ID].astype(str).isin(chosen)]


def _assign(part: pd.DataFrame, model: "TopicModel") -> pd.Series:
    """Topics of one partition's articles (``<NA>`` for none), on a worker."""
    with _one_thread():
        labels = model.predict(_texts(part))
    return pd.Series(labels, index=part.index, dtype="Int64").mask(labels == NO_TOPIC)


def _cluster_dask(ddf, k, *, sample_size: int, random_state, progress, **kwargs) -> TopicResult:
    """Fit on a reproducible sample of a Dask corpus; assign every article by ``predict`` on the cluster."""
    from dask import delayed

    if isinstance(sample_size, bool) or not isinstance(sample_size, int) or sample_size < 2:
        raise ValueError(f"sample_size={sample_size!r}; pass the number of articles to fit on, e.g. 20_000")
    if not isinstance(random_state, (int, np.integer)):
        raise ValueError(f"random_state={random_state!r}; a Dask corpus needs an int seed to draw its sample")
    parts = ddf[[DOC_ID]].to_delayed()
    found = _dask.compute_all([delayed(_smallest_keys)(p, random_state, sample_size) for p in parts],
                              progress=progress, desc="sampling")
    keys = pd.concat([f[0] for f in found], ignore_index=True)
    n_total = sum(f[1] for f in found)
    chosen = frozenset(keys.nsmallest(sample_size, "key", keep="first")[DOC_ID])
    rows = _dask.compute_all([delayed(_sample_rows)(p, chosen) for p in ddf.to_delayed()],
                             progress=progress, desc="fetching the sample")
    sample = pd.concat(rows, ignore_index=True)
    result = cluster(sample, k, random_state=random_state, progress=progress, **kwargs)
    result.labels = _dask.map_frames(ddf, _assign, pd.Series(dtype="Int64", name="topic"), model=result.model)
    result.fitted_on = (
        f"a sample of {len(sample):,} of {n_total:,} articles (those whose doc_id hashes lowest for "
        f"random_state={random_state}); labels holds every article's topic from model.predict, computed "
        "on the Dask cluster"
    )
    return result

