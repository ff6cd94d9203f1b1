"""Topics of a corpus as tidy tables: :func:`cluster` and the :class:`TopicResult` it returns."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

from analysis import _dask
from analysis._input import check_int, check_random_state, corpus_frame
from analysis.topics import hierarchy as tree
from analysis.topics.choosing import seed
from analysis.topics.columns import (
    CATCH_ALL,
    DOC_ID,
    LEVEL_COLUMNS,
    LOW_CONFIDENCE,
    N_ARTICLES,
    NAME,
    NO_TERMS,
    NO_TEXT,
    NO_TOPIC,
    NPMI,
    RANK,
    REASON,
    REPRESENTATIVES_COLUMNS,
    SCORE,
    SHARE,
    TERM,
    TITLE,
    TOP_TERMS_COLUMNS,
    TOPIC,
    WEIGHT,
    X,
    Y,
)
from analysis.topics.model import TopicModel, lsa, one_thread, texts_of

_TITLE_CHARS = 80

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
        Short readable name of each topic, indexed by topic: its three most
        distinctive terms (:mod:`analysis.topics.naming`): words or phrases
        the topic uses far more than the other topics, never words every
        topic uses (``said``, ``mr``, ``new``).
    top_terms : DataFrame
        :data:`TOP_TERMS_COLUMNS`; ``weight`` is the term's mean TF-IDF weight
        in the topic (k-means) or its NMF component weight.
    sizes : DataFrame
        :data:`SIZES_COLUMNS`; ``share`` of the articles that have a topic;
        ``catch_all`` marks a topic fewer than half of whose articles use any
        term of its name: where articles that fit no other topic went.
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
        score for it and, when it has no topic, the ``reason``. Every article
        with a term gets a topic; ``low_confidence`` marks those that fit it
        poorly (k-means: no topic's ridge score is positive, each topic's
        classifier says "not mine"; NMF: no topic holds half of the membership).
    k_scores : DataFrame or None
        The :func:`choose_k` curve when k was chosen, else None.
    k_reason : str or None
        When k was chosen: which rule chose it, in words (and whether the
        corpus has clear topics).
    hierarchy : DataFrame or None
        :data:`HIERARCHY_COLUMNS`: the topic tree. Each topic is split into
        fine topics and Ward's method merges them back step by step, first
        inside each topic (so the cut at ``k`` gives exactly the fitted
        topics), then the topics up to one; every node is named. See
        :meth:`at` and :func:`analysis.plots.topic_dendrogram`.
    distinctive : DataFrame or None
        :data:`DISTINCTIVE_COLUMNS`: the terms that name each topic, best
        first, with the shares of the topic's (``p_in``) and the other
        articles (``p_out``) that use them.
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
    k_reason: str | None = None
    hierarchy: pd.DataFrame | None = field(default=None, repr=False)
    distinctive: pd.DataFrame | None = field(default=None, repr=False)
    _rows: object = field(default=None, repr=False)
    _fine: np.ndarray | None = field(default=None, repr=False)
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

    def at(self, n_topics: int) -> pd.DataFrame:
        """The articles at another level of :attr:`hierarchy`, without refitting.

        Parameters
        ----------
        n_topics : int
            Number of topics, from 1 to the number of fine topics
            (``hierarchy["n_topics"].max()``); ``k`` gives the fitted topics.

        Returns
        -------
        DataFrame
            :data:`LEVEL_COLUMNS`: one row per article with a topic, in input
            order; ``topic`` numbers the level's topics 0.. by size (at ``k``:
            the fitted topics), ``name`` and ``node`` are the tree's.

        Examples
        --------
        >>> texts = ["goal match striker", "goal match keeper"] * 6 + ["bank rates loan", "bank rates debt"] * 6
        >>> result = cluster(texts, k=2, progress=False)
        >>> result.at(1)["topic"].unique().tolist(), result.at(2)["topic"].tolist() == result.labels.tolist()
        ([0], True)
        """
        if self.hierarchy is None or self._fine is None:
            raise ValueError("this result has no hierarchy (a Dask corpus keeps one for its sample only)")
        n_max = int(self.hierarchy[tree.N_TOPICS].max())
        if isinstance(n_topics, bool) or not isinstance(n_topics, (int, np.integer)) or not 1 <= n_topics <= n_max:
            raise ValueError(f"n_topics={n_topics!r}; pass a whole number from 1 to {n_max} (the fine topics)")
        n_topics = int(n_topics)
        groups, node_of = tree.level(self.hierarchy, n_topics)
        group = groups[self._fine]
        if n_topics == self.k:
            order = np.array([int(self.hierarchy.loc[node_of[g], TOPIC]) for g in range(n_topics)])
        else:
            sizes = np.bincount(group, minlength=n_topics)
            order = np.empty(n_topics, dtype=int)
            order[np.lexsort((np.arange(n_topics), -sizes))] = np.arange(n_topics)
        table = self.articles.loc[self.articles[TOPIC].notna(), [DOC_ID]].reset_index(drop=True)
        table[TOPIC] = order[group]
        table[NAME] = self.hierarchy[NAME].to_numpy()[node_of[group]]
        table[tree.NODE] = node_of[group]
        return table[list(LEVEL_COLUMNS)]

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
    texts = texts_of(data)
    index = frame.index if frame is not None else pd.RangeIndex(len(texts))
    model = TopicModel(k, method=method, random_state=random_state, progress=progress, **options)
    with one_thread():
        matrix = model.fit_texts(texts)
        return _result(model, matrix, texts, frame, index, n_terms=n_terms, n_representatives=n_representatives)


def _result(model: TopicModel, matrix, texts, frame, index, *, n_terms, n_representatives) -> TopicResult:
    k = model.k_
    labels_arr = model.labels_
    valid = labels_arr != NO_TOPIC
    top = top_terms_table(model, n_terms)
    rows = matrix[valid]
    described = tree.build([t for t, v in zip(texts, valid) if v], model.embed(rows), labels_arr[valid], k,
                           random_state=seed(model.random_state, 11))
    names = described["names"]
    top.insert(1, NAME, top[TOPIC].map(names))
    top = top[list(TOP_TERMS_COLUMNS)]

    labels = pd.Series(pd.array(np.where(valid, labels_arr, 0), dtype="Int64"), index=index, name=TOPIC)
    labels[~valid] = pd.NA

    counts = np.bincount(labels_arr[valid], minlength=k)
    total = counts.sum()
    sizes = pd.DataFrame({TOPIC: np.arange(k), NAME: names.values, N_ARTICLES: counts,
                          SHARE: counts / total if total else np.nan, CATCH_ALL: described["catch_all"]})

    # Score of each article for its own topic: cosine to the topic's mean TF-IDF
    # vector (k-means; the ridge scores are not comparable across topics), or
    # the NMF membership.
    scores = np.full(len(texts), np.nan)
    low = np.zeros(len(texts), dtype=bool)
    if valid.any():
        # A poor fit: no topic's ridge score is positive (each topic's classifier
        # says "not mine"; argmax still picks the nearest), or for NMF no topic
        # holds half of the article's membership.
        own = model._scores(rows)[np.arange(rows.shape[0]), labels_arr[valid]]
        low[valid] = own < (0.0 if model.method == "kmeans" else 0.5)
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
        SCORE: scores, REASON: reason, LOW_CONFIDENCE: low,
    })
    return TopicResult(labels=labels, k=k, names=names, top_terms=top, sizes=sizes,
                       representatives=representatives, coherence=coherence, articles=articles,
                       k_scores=model.k_scores_, model=model, method=model.method, k_reason=model.k_reason_,
                       hierarchy=described["hierarchy"], distinctive=described["distinctive"], _rows=rows,
                       _fine=described["fine"])


def top_terms_table(model: TopicModel, n_terms: int) -> pd.DataFrame:
    """``topic, rank, term, weight`` of a fitted model: each topic's ``n_terms`` highest-weighted terms."""
    vocab = model.vectorizer_.get_feature_names_out()
    rows = []
    for j in range(model.k_):
        weights = model.topic_terms_[j]
        order = np.argsort(-weights, kind="stable")[:n_terms]
        rows += [(j, r + 1, vocab[i], float(weights[i])) for r, i in enumerate(order) if weights[i] > 0]
    return pd.DataFrame(rows, columns=[TOPIC, RANK, TERM, WEIGHT])


def topic_names(top: pd.DataFrame, k: int, n_words: int = 3) -> pd.Series:
    """A short name per topic: its top ``n_words`` terms from a ``topic, term`` table (best first)."""
    names = []
    for j in range(k):
        words = top.loc[top[TOPIC] == j, TERM].head(n_words).tolist()
        name = ", ".join(words) if words else f"topic {j}"
        names.append(name if name not in names else f"{name} ({j})")
    return pd.Series(names, index=pd.RangeIndex(k, name=TOPIC), name=NAME)


def _ids_titles(frame, texts, index):
    doc_ids = corpus_frame(frame)[DOC_ID].tolist() if frame is not None else [str(i) for i in index]
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
        keep = np.sort(np.random.default_rng(seed(result.model.random_state, 2)).choice(
            len(table), MAP_MAX_ARTICLES, replace=False))
        table, rows = table.iloc[keep], rows[keep]
    xy = _layout(rows, result.model.random_state)
    out = table[[DOC_ID, TOPIC, NAME]].reset_index(drop=True)
    out[X], out[Y] = xy[:, 0], xy[:, 1]
    return out


def _layout(rows, random_state) -> np.ndarray:
    """t-SNE of the unit-length LSA vectors; PCA when there are too few articles for t-SNE."""
    n = rows.shape[0]
    if n < 2:
        return np.zeros((n, 2))
    with one_thread():
        vectors = lsa(rows, 50, random_state)
    if n < 10 or vectors.shape[1] < 2:
        dims = min(2, vectors.shape[1], n)
        out = PCA(dims).fit_transform(vectors) if dims > 0 else np.zeros((n, 0))
        return np.column_stack([out, np.zeros((n, 2 - out.shape[1]))])
    # 500 iterations are enough for a readable map at a third of the default's time. t-SNE's
    # gradient runs on two threads (OpenMP): the same map, 1.6x faster for 5,000 articles. Not more:
    # two partial sums add up alike in either order, three or more may not, and the map would then
    # change from run to run in its last digits.
    tsne = TSNE(2, perplexity=min(30.0, (n - 1) / 3), metric="cosine", init="pca", max_iter=500,
                random_state=seed(random_state, 3))
    with threadpool_limits(limits=2):
        return tsne.fit_transform(vectors)


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
    with one_thread():
        labels = model.predict(texts_of(part))
    return pd.Series(labels, index=part.index, dtype="Int64").mask(labels == NO_TOPIC)


def _cluster_dask(ddf, k, *, sample_size: int, random_state, progress, **kwargs) -> TopicResult:
    """Fit on a reproducible sample of a Dask corpus; assign every article by ``predict`` on the cluster."""
    from dask import delayed

    sample_size = check_int("sample_size", sample_size, low=2)
    random_state = check_random_state(random_state)
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


