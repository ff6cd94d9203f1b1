"""Topics against the rest of the corpus: over time, by group, against known labels, across seeds.

- :func:`topics_over_time` -- each topic's share of a period's articles;
- :func:`topics_by` -- topic x group crosstab (counts and shares);
- :func:`evaluate` -- NMI, ARI and a confusion table against known labels;
- :func:`stability` -- how reproducible the topics are across random seeds.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from analysis._input import check_int, check_random_state, group_values, naive_dates, period_freq
from analysis._progress import bar as progress_bar
from analysis.topics.columns import (
    ARI,
    BY_COLUMNS,
    DATE,
    NO_TOPIC,
    OVER_TIME_COLUMNS,
    PAIRS_COLUMNS,
    SEED_A,
    STABILITY_TOPICS_COLUMNS,
)
from analysis.topics.model import TopicModel, one_thread, texts_of
from analysis.topics.result import TopicResult, topic_names, top_terms_table

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
    >>> from analysis.topics import cluster
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
    freq = period_freq(freq)
    dates = naive_dates(data[DATE])
    keep = dates.notna().to_numpy() & result.labels.notna().to_numpy()
    if not dates.notna().any():
        raise ValueError(f"the corpus's {DATE!r} column has no dates (all {len(data)} are missing); "
                         "topics_over_time needs dated articles")
    periods = dates[keep].dt.to_period(freq)
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


def topics_by(result: TopicResult, data: pd.DataFrame, *, by: str = "source") -> pd.DataFrame:
    """Topic x group crosstab, tidy: how many articles of each group fall in each topic.

    Parameters
    ----------
    result : TopicResult
        From :func:`cluster` on ``data``.
    data : DataFrame
        The same corpus table.
    by : str, default "source"
        The column to group by (e.g. ``"source"``, ``"label"``). Articles
        without a value form the group ``"(unknown)"`` (in news2017 the
        articles whose source is not known are a group worth comparing).

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
    >>> from analysis.topics import cluster
    >>> table = topics_by(cluster(df, k=2, progress=False), df, by="source")
    >>> table.groupby("group")["share"].sum().tolist()
    [1.0, 1.0]
    """
    data = _aligned(result, data)
    if by not in data.columns:
        raise ValueError(f"by={by!r} is not a column of the corpus (columns: {list(data.columns)})")
    groups = group_values(data[by])
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
    >>> from analysis.topics import cluster
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


#: Articles :func:`stability` clusters at most (a reproducible sample of a larger corpus).
STABILITY_MAX_ARTICLES = 5000


def stability(data, k: int, *, seeds: Sequence[int] = range(5), method: str = "kmeans",
              max_articles: int | None = STABILITY_MAX_ARTICLES, progress: bool = True, **options) -> Stability:
    """Cluster with several seeds and measure how much the topics agree.

    Parameters
    ----------
    data : DataFrame or iterable of str
    k : int
        Number of topics.
    seeds : sequence of int, default range(5)
        ``random_state`` of each run (at least two).
    method : {"kmeans", "nmf"}
    max_articles : int or None, default 5,000
        A larger corpus is judged on a reproducible sample of this many
        articles (drawn with the first seed): how often runs agree is
        estimated about as well on 5,000 articles as on 50,000, at a tenth of
        the time of five full fits. ``None`` clusters every article.
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
    texts = texts_of(data)
    if max_articles is not None:
        max_articles = check_int("max_articles", max_articles, low=2)
        if len(texts) > max_articles:
            keep = np.sort(np.random.default_rng(check_random_state(seeds[0])).choice(
                len(texts), max_articles, replace=False))
            texts = [texts[i] for i in keep]
    runs = []
    with one_thread():
        for seed in progress_bar(seeds, enabled=progress, desc="stability", unit="seed"):
            model = TopicModel(k, method=method, random_state=seed, **options)
            model.fit_texts(texts)
            runs.append(model)
    labels = [m.labels_ for m in runs]
    valid = labels[0] != NO_TOPIC
    pairs = pd.DataFrame([(a, b, float(adjusted_rand_score(labels[i][valid], labels[j][valid])))
                          for (i, a), (j, b) in itertools.combinations(enumerate(seeds), 2)],
                         columns=list(PAIRS_COLUMNS))
    first = labels[0]
    names = topic_names(top_terms_table(runs[0], 3), runs[0].k_)
    rows = []
    for j in range(runs[0].k_):
        members = first == j
        best = []
        for other in labels[1:]:
            overlaps = [(members & (other == t)).sum() / (members | (other == t)).sum()
                        for t in range(runs[0].k_) if (members | (other == t)).any()]
            best.append(max(overlaps) if overlaps else np.nan)
        rows.append((j, names[j], int(members.sum()), float(np.mean(best))))
    return Stability(ari=float(pairs[ARI].mean()), pairs=pairs,
                     topics=pd.DataFrame(rows, columns=list(STABILITY_TOPICS_COLUMNS)))
