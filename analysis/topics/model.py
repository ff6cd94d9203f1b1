"""The topic estimator: TF-IDF, LSA, k-means and a leave-one-out refinement (see :mod:`analysis.topics`).

- :class:`TopicModel` -- the scikit-learn estimator (``fit``, ``predict``, ``transform``);
- :func:`choose_k` -- the stability curve used to choose the number of topics.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import scipy.linalg
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClusterMixin, TransformerMixin
from sklearn.cluster import KMeans
from sklearn.decomposition import NMF, TruncatedSVD
from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer
from sklearn.linear_model import RidgeClassifier
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from analysis import _parallel
from analysis._input import TEXT, check_choice, check_text_column, refuse_string, warn_not_text
from analysis._input import texts_of as corpus_texts
from analysis.text.counting import count_matrix
from analysis.text.tokens import tokenize
from analysis.topics import choosing
from analysis.topics.columns import METHODS, NO_TOPIC
from analysis.topics.hierarchy import k_limit

def _analyze(doc: str) -> list[str]:
    # A module-level function (not a lambda) so a fitted model pickles.
    return tokenize(doc) if isinstance(doc, str) else []


class TopicModel(ClusterMixin, TransformerMixin, BaseEstimator):
    """Topic clustering of texts: TF-IDF, LSA, k-means, leave-one-out refinement.

    The recipe and the reasons for each step are in the module docstring
    (:mod:`analysis.topics`). Most users call :func:`cluster`, which wraps this
    estimator and returns tidy tables.

    Parameters
    ----------
    k : int or None, default 5
        Number of topics (at least 2). ``None`` chooses it with :func:`choose_k`'s criterion
        (stability beyond a structureless copy) over ``k_range``.
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
    k_range : sequence of int or None, default None
        The k tried when ``k`` is None; None tries 2 to 30, at most
        ``sqrt(n / 2)`` for ``n`` articles with terms
        (:func:`analysis.topics.hierarchy.k_limit`) and one topic per 5 articles.
    random_state : int, default 0
        Seed of the SVD, k-means, the refinement folds and NMF: the same seed
        gives the same topics on every run.
    progress : bool, default False
        Show a progress bar while tokenising and choosing k.

    Attributes
    ----------
    labels_ : ndarray of shape (n_articles,)
        Topic of each training article, ``-1`` when it has no term in the vocabulary.
    k_ : int
        Number of topics fitted (the chosen one when ``k`` is None).
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
    topic_terms_ : ndarray of shape (k, n_terms)
        Term weights per topic: the mean TF-IDF vector of a topic's articles
        (k-means) or NMF's components.
    k_scores_ : DataFrame or None
        The stability curve when ``k`` was None (:data:`K_SCORES_COLUMNS`).
    k_reason_ : str or None
        When ``k`` was None: the rule that chose ``k_``, in words.

    Examples
    --------
    >>> texts = ["the striker scored a goal in the match"] * 3 + ["the bank raised interest rates"] * 3
    >>> model = TopicModel(2, random_state=0).fit(texts)
    >>> model.labels_.tolist() == model.predict(texts).tolist()
    True
    >>> model.predict(["a late goal won the match", ""]).tolist() == [model.labels_[0], -1]
    True
    """

    def __init__(self, k=5, *, method="kmeans", min_df=None, max_df=None, n_components=100,
                 n_init=10, refine=10, alpha=1.0, k_range=None, random_state=0, progress=False):
        self.k = k
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
        with one_thread():
            self.fit_texts(texts_of(X))
        return self

    def fit_texts(self, texts: list[str]):
        """Fit on a list of texts and return their TF-IDF rows (so a caller need not count terms twice).

        Call it inside :func:`one_thread` (as :meth:`fit` does): the
        matrices are small and BLAS threads only slow them down.
        """
        self._validate()
        matrix = self._fit_vocabulary(texts)
        self._fit_matrix(matrix)
        return matrix

    def _fit_matrix(self, matrix) -> None:
        """Fit the topics on the TF-IDF matrix of the fitted vocabulary."""
        valid = matrix.getnnz(axis=1) > 0
        rows = matrix[valid]
        self.k_ = self._check_k(rows, n_articles=matrix.shape[0])
        self.k_scores_ = None
        self.k_reason_ = None
        self.svd_ = _svd(rows, self.n_components, self.random_state)
        vectors = self.embed(rows)
        if self.k is None:
            # k is chosen on the LSA vectors the topics are fitted on, and the
            # topics are then fitted exactly as for a fixed k, so k=None gives
            # the same topics as passing the chosen k.
            self.k_, self.k_scores_, self.k_reason_ = choosing.choose(
                vectors, self._k_candidates(rows), random_state=choosing.seed(self.random_state, 7919),
                progress=self.progress)
        self._fit_topics(rows, vectors)
        self.labels_ = np.full(matrix.shape[0], NO_TOPIC, dtype=int)
        self.labels_[valid] = self._assign(rows)

    def _validate(self):
        check_choice("method", self.method, METHODS)
        if self.k is not None and (isinstance(self.k, bool) or not isinstance(self.k, (int, np.integer))
                                   or self.k < 2):
            raise ValueError(f"k={self.k!r}; pass a whole number of topics >= 2, or None to choose it")
        if self.k is None and self.k_range is not None:
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
        if self.k is None:
            if n_distinct < 3:
                raise ValueError(f"cannot choose a number of topics from {n_distinct} distinct article(s) "
                                 f"with terms (of {n_articles}); pass more articles or a fixed k")
            return None
        k = int(self.k)
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
        # One topic per 5 articles at most: the curve's fine topics need a few articles each.
        limit = min(_n_distinct_rows(rows), rows.shape[1], max(rows.shape[0] // 5, 2))
        k_range = self.k_range if self.k_range is not None else range(2, min(30, k_limit(rows.shape[0])) + 1)
        ks = sorted({int(k) for k in k_range if 2 <= k <= limit})
        if not ks:
            raise ValueError(f"none of k_range={self.k_range!r} fits {rows.shape[0]} articles and "
                             f"{rows.shape[1]} terms; pass smaller k")
        return ks

    def _fit_topics(self, rows, vectors) -> None:
        k = self.k_
        labels = KMeans(k, n_init=self.n_init, random_state=self.random_state).fit(vectors).labels_
        if self.refine and rows.shape[0] >= 10 * k:
            labels = _refine(vectors, labels, k, rounds=self.refine, alpha=self.alpha)
        labels = _by_size(labels, k)
        self.classifier_ = None
        self.nmf_ = None
        if self.method == "kmeans":
            self.classifier_ = RidgeClassifier(alpha=self.alpha).fit(vectors, labels)
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
        counts, _ = count_matrix(texts_of(X), self.terms_)
        matrix = _sorted(self._tfidf_.transform(counts))
        return matrix, matrix.getnnz(axis=1) > 0

    def embed(self, rows) -> np.ndarray:
        """Unit-length LSA vectors of TF-IDF rows (the rows themselves when the corpus was too small for an SVD)."""
        if self.svd_ is None:
            return normalize(rows.toarray())
        # float32: the SVD runs about 40% faster than on float64, same topics.
        return normalize(self.svd_.transform(rows.astype(np.float32))).astype(np.float64)

    def _scores(self, rows) -> np.ndarray:
        if self.method == "kmeans":
            scores = self.classifier_.decision_function(self.embed(rows))
            if scores.ndim == 1:  # two topics: scikit-learn returns one column
                scores = np.column_stack([-scores, scores])
            out = np.full((rows.shape[0], self.k_), -np.inf)
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
        """Topic scores, shape (n_articles, k): ridge scores (k-means) or memberships (NMF).

        Rows of articles without a term in the vocabulary are NaN.
        """
        matrix, valid = self._rows(X)
        out = np.full((matrix.shape[0], self.k_), np.nan)
        if valid.any():
            with one_thread():
                out[valid] = self._scores(matrix[valid])
        return out

    def predict(self, X) -> np.ndarray:
        """Topic of each article (``-1`` when it has no term in the vocabulary)."""
        matrix, valid = self._rows(X)
        labels = np.full(matrix.shape[0], NO_TOPIC, dtype=int)
        if valid.any():
            with one_thread():
                labels[valid] = self._assign(matrix[valid])
        return labels

    def fit_predict(self, X, y=None, **kwargs) -> np.ndarray:
        return self.fit(X).labels_

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "k_")
        return np.array([f"topic{j}" for j in range(self.k_)], dtype=object)


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
    parts = list(_parallel.map_batches(count_matrix, work, progress=progress, total=len(texts),
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


def one_thread():
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


def texts_of(X) -> list[str]:
    """The texts of ``X`` (a corpus table, a Series or any iterable of texts), missing ones as ``""``.

    As :func:`analysis._input.texts_of`: a value that is no text counts as empty, with a warning.
    """
    refuse_string(X, "X")
    if isinstance(X, pd.Series):
        X = X.to_frame(TEXT)
    if isinstance(X, pd.DataFrame):
        check_text_column(X)
        return corpus_texts(X)
    values = list(X)
    warn_not_text(values)
    return ["" if not isinstance(t, str) else t for t in values]


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


def lsa(rows, n_components: int, random_state, *, n_iter: int = 2) -> np.ndarray:
    """Unit-length LSA vectors; the TF-IDF rows themselves when the corpus is too small for an SVD."""
    dims = min(n_components, rows.shape[0] - 1, rows.shape[1] - 1)
    if dims < 2:
        return normalize(rows.toarray())
    return normalize(TruncatedSVD(dims, n_iter=n_iter, random_state=random_state).fit_transform(rows))


def _refine(vectors, labels, k, *, rounds, alpha) -> np.ndarray:
    """Re-assign each article by a ridge classifier fitted on all the *other* articles' topics, until nothing moves.

    Ridge regression (with intercept) on the LSA vectors, one-vs-rest targets
    of +-1; its leave-one-out predictions come in closed form from the
    hat matrix, ``(y_hat - h * y) / (1 - h)`` (the identity for linear
    smoothers in Hastie, Tibshirani & Friedman, *The Elements of Statistical
    Learning*, 2nd ed., section 7.10.1), so each round costs one small solve
    instead of a cross-validation loop, and is the same on every run.
    """
    n, d = vectors.shape
    centred = vectors - vectors.mean(axis=0)
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


def choose_k(data, *, k_range: Iterable[int] | None = None, random_state=0, progress: bool = True) -> pd.DataFrame:
    """Score every k in ``k_range`` by stability beyond chance and mark the chosen one.

    The criterion (:mod:`analysis.topics.choosing`), in plain words: twenty
    random samples of 80% of the articles are each cut into fine topics and
    the fine topics merged step by step (Ward), so every article gets a topic
    at every k from each sample; the stability at k is how much those runs
    agree (adjusted Rand index). The same is measured on two shuffled copies
    of the articles' LSA vectors, which keep their spread but have no topics;
    ``kappa`` is the agreement beyond the copies, as a share of the most there
    could be (Cohen's kappa with the copies as chance). Light k-means runs (3
    starts) straight at k = 2 to 10, on the same kind of samples and copies,
    give a second kappa; where both were measured the two are averaged (more
    than 10 topics only when the tree runs alone put k there). When three or
    more groups are found by every light run (stability >=
    :data:`~analysis.topics.STABLE`), the largest such k is taken, as the
    sections of a news site usually are. Otherwise k is the fewest topics
    whose kappa is within one standard error of the highest (the
    one-standard-error rule); a split in two that only cuts a small island
    (under a quarter of the articles) off the rest does not count, and the
    curve is then read where no topic holds more than half of the articles.
    When every k leaves such a mass the corpus has no clear topics, and k is
    the number of islands of the nearest-neighbour graph. The runs use at most
    2,000 articles, so the cost does not grow with the corpus.
    ``curve.attrs["reason"]`` says which rule chose k and whether the topics
    are clear (kappa >= 0.5) or weak.

    Parameters
    ----------
    data : DataFrame with a ``text`` column, or iterable of str
        The articles.
    k_range : iterable of int or None, default None
        The numbers of topics to try (each >= 2); None tries 2 to 30, at most
        ``sqrt(n / 2)`` for ``n`` articles with terms and one topic per 5 articles.
    random_state : int, default 0
        Seed of the SVD, the samples, the shuffles and the k-means runs.
    progress : bool, default True
        Show a progress bar.

    Returns
    -------
    DataFrame
        One row per k (:data:`K_SCORES_COLUMNS`): ``k``, ``stability`` (trimmed
        mean ARI, 1 = identical runs), ``stability_sd``, ``null_stability`` (on
        the shuffled copies), ``kappa``, ``largest_share`` (share of the
        articles in the largest topic) and ``chosen`` (True on one row).

    Examples
    --------
    >>> texts = (["the striker scored a goal in the match"] * 6 + ["the bank raised interest rates"] * 6
    ...          + ["the band played a new album on tour"] * 6)
    >>> curve = choose_k(texts, k_range=range(2, 4), progress=False)
    >>> int(curve.loc[curve["chosen"], "k"].iloc[0])
    3
    """
    model = TopicModel(None, k_range=k_range, random_state=random_state, progress=progress)
    model._validate()
    texts = texts_of(data)
    with one_thread():
        matrix = model._fit_vocabulary(texts)
        rows = matrix[matrix.getnnz(axis=1) > 0]
        model._check_k(rows, n_articles=len(texts))
        model.svd_ = _svd(rows, model.n_components, random_state)
        _, curve, reason = choosing.choose(model.embed(rows), model._k_candidates(rows),
                                           random_state=choosing.seed(random_state, 7919), progress=progress)
    curve.attrs["reason"] = reason
    return curve
