"""Sentence and article tables: sentence lengths, readability, lexical diversity, quotation share.

- :func:`sentence_table` -- one row per sentence (length, syllables, quotation);
- :func:`article_stats` -- one row per article: counts, readability formulas,
  lexical diversity, quotation share;
- :func:`tables` -- both tables from one pass over the text;
- :func:`readability` -- the same statistics for one text, as a dict;
- :func:`compare` -- median and interquartile range of each measure per group.

The tables are computed a batch of articles at a time by pure functions of
their texts, so the same code runs in worker processes and on the partitions
of a Dask DataFrame. The splitter's word lists are frozen when a call starts
(:func:`analysis.text.split_rules`) and travel with every batch.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis import _dask, _parallel
from analysis._input import (
    DOC_ID,
    by_columns,
    check_int,
    corpus_frame,
    MISSING_GROUP,
    group_names,
    texts_of,
)
from analysis.sentences.diversity import mattr, mtld
from analysis.sentences.formulas import (
    automated_readability_index,
    coleman_liau_index,
    flesch_kincaid_grade,
    flesch_reading_ease,
    gunning_fog,
    lix,
    per,
    rix,
    smog_index,
)
from analysis.sentences.wordstream import WordStream
from analysis.text.splitter import SplitRules, split_rules

#: Columns of :func:`article_stats`, in order.
ARTICLE_COLUMNS = (
    "doc_id",
    "n_sentences",
    "n_words",
    "n_syllables",
    "n_polysyllables",
    "n_complex_words",
    "n_chars",
    "n_word_chars",
    "n_letters",
    "n_long_words",
    "n_long_sentences",
    "n_types",
    "n_quote_words",
    "n_unknown_words",
    "n_stop_words",
    "words_per_sentence",
    "median_sentence_words",
    "max_sentence_words",
    "long_sentence_share",
    "syllables_per_word",
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "lix",
    "rix",
    "type_token_ratio",
    "mattr",
    "mtld",
    "quote_share",
    "english_reliable",
)

#: Columns of :func:`sentence_table`, in order.
SENTENCE_COLUMNS = (
    "doc_id",
    "sent_index",
    "start",
    "end",
    "sentence",
    "n_words",
    "n_chars",
    "n_syllables",
    "in_quote",
)

#: Readability and diversity measures :func:`compare` summarises by default.
MEASURES = (
    "words_per_sentence",
    "long_sentence_share",
    "syllables_per_word",
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "lix",
    "rix",
    "type_token_ratio",
    "mattr",
    "mtld",
    "quote_share",
)

_COUNT_COLUMNS = ARTICLE_COLUMNS[1 : ARTICLE_COLUMNS.index("n_stop_words") + 1]
# The English check: in the BBC and news2017 corpora 99% of articles have at
# least 32% of their words in scikit-learn's stop list and 84% in the CMU
# dictionary (the lowest: 18% and 74%); French, German, Spanish and Italian
# news paragraphs have under 10% and 55%.
_ENGLISH_MIN_STOP_SHARE = 0.15
_ENGLISH_MIN_KNOWN_SHARE = 0.6


def _sorted_group_stats(values: np.ndarray, groups: np.ndarray, n_groups: int):
    """Median and maximum of ``values`` per group (NaN for an empty group)."""
    median = np.full(n_groups, np.nan)
    maximum = np.full(n_groups, np.nan)
    if len(values) == 0:
        return median, maximum
    order = np.lexsort((values, groups))
    v = values[order].astype(float)
    counts = np.bincount(groups, minlength=n_groups)
    offsets = np.cumsum(counts) - counts
    has = counts > 0
    lo = offsets[has] + (counts[has] - 1) // 2
    hi = offsets[has] + counts[has] // 2
    median[has] = (v[lo] + v[hi]) / 2
    maximum[has] = v[offsets[has] + counts[has] - 1]
    return median, maximum


def _batch_counts(texts: list[str], *, long_sentence: int, window: int, rules: SplitRules) -> dict:
    """Counts, median/max sentence length, MATTR and MTLD of a batch of articles (pure), as name -> array."""
    return _counts(WordStream(texts, rules), long_sentence=long_sentence, window=window)


def _counts(b: WordStream, *, long_sentence: int, window: int) -> dict:
    """The article counts of :func:`_batch_counts`, from the batch's word stream."""
    n = b.n_articles
    syl = b.syllables()
    sent_len = b.per_sentence()
    has_words = sent_len > 0
    prev, nxt, starts, ends = b.occurrences()
    median, maximum = _sorted_group_stats(sent_len[has_words], b.sentence_article[has_words], n)
    codes = b.codes

    def of_words(per_type: np.ndarray) -> np.ndarray:
        # A property of each distinct word, summed over the words of each article.
        return b.per_article(per_type[codes])

    counts = {
        "n_sentences": np.bincount(b.sentence_article, weights=has_words, minlength=n),
        "n_words": b.per_article(),
        "n_syllables": b.per_article(syl),
        "n_polysyllables": of_words(b.syl_u >= 3),
        "n_complex_words": b.per_article(b.complex()),
        "n_chars": b.n_chars,
        "n_word_chars": of_words(b.word_chars_u),
        "n_letters": of_words(b.letters_u),
        "n_long_words": of_words(b.letters_u > 6),
        "n_long_sentences": np.bincount(b.sentence_article, weights=sent_len > long_sentence, minlength=n),
        "n_types": b.per_article(prev < 0),
        "n_quote_words": b.per_article(b.in_quote),
        "n_unknown_words": of_words(~b.known_u),
        "n_stop_words": of_words(b.stop_u),
    }
    columns = {k: np.asarray(v).astype(np.int64) for k, v in counts.items()}
    columns.update(median_sentence_words=median, max_sentence_words=maximum,
                   mattr=mattr(prev, starts, ends, window), mtld=mtld(prev, nxt, starts, ends))
    # Arrays, not a table: the batches' columns are joined and the table made once, in _stats_table.
    return columns


def _scores(c: dict) -> dict:
    """The ratio and formula columns, computed from the count columns ``c`` (name -> array; vectorised)."""
    known = c["n_words"] - c["n_unknown_words"]
    return {
        "words_per_sentence": per(c["n_words"], c["n_sentences"]),
        "long_sentence_share": per(c["n_long_sentences"], c["n_sentences"]),
        "syllables_per_word": per(c["n_syllables"], c["n_words"]),
        "flesch_reading_ease": flesch_reading_ease(
            n_words=c["n_words"], n_sentences=c["n_sentences"], n_syllables=c["n_syllables"]),
        "flesch_kincaid_grade": flesch_kincaid_grade(
            n_words=c["n_words"], n_sentences=c["n_sentences"], n_syllables=c["n_syllables"]),
        "gunning_fog": gunning_fog(
            n_words=c["n_words"], n_sentences=c["n_sentences"], n_complex_words=c["n_complex_words"]),
        "smog_index": smog_index(n_sentences=c["n_sentences"], n_polysyllables=c["n_polysyllables"]),
        "coleman_liau_index": coleman_liau_index(
            n_words=c["n_words"], n_sentences=c["n_sentences"], n_letters=c["n_letters"]),
        "automated_readability_index": automated_readability_index(
            n_words=c["n_words"], n_sentences=c["n_sentences"], n_word_chars=c["n_word_chars"]),
        "lix": lix(n_words=c["n_words"], n_sentences=c["n_sentences"], n_long_words=c["n_long_words"]),
        "rix": rix(n_sentences=c["n_sentences"], n_long_words=c["n_long_words"]),
        "type_token_ratio": per(c["n_types"], c["n_words"]),
        "quote_share": per(c["n_quote_words"], c["n_words"]),
        "english_reliable": (c["n_words"] > 0) & (
            np.nan_to_num(per(c["n_stop_words"], c["n_words"])) >= _ENGLISH_MIN_STOP_SHARE
        ) & (np.nan_to_num(per(known, c["n_words"])) >= _ENGLISH_MIN_KNOWN_SHARE),
    }


# --- tables -------------------------------------------------------------------------------


def _articles(data, keep) -> tuple[list[str], list[str], pd.DataFrame | None]:
    """Doc ids, texts and the kept columns of ``data`` (a DataFrame, Series or list of texts)."""
    frame = corpus_frame(data)
    kept = None
    if keep is not None:
        if not isinstance(data, pd.DataFrame):
            raise ValueError(f"keep={keep!r} needs data to be a DataFrame holding those columns")
        kept = frame[by_columns(frame, keep)].reset_index(drop=True)
    return frame[DOC_ID].tolist(), texts_of(frame), kept


def _check_options(long_sentence, window) -> None:
    check_int("long_sentence", long_sentence)
    check_int("window", window, low=2)


def article_stats(data, *, keep=None, long_sentence: int = 30, window: int = 100,
                  n_jobs: int | None = None, progress: bool = True) -> pd.DataFrame:
    """Sentence, readability and lexical-diversity statistics, one row per article.

    Counts (sentences, words, syllables, ...) come first, so every score can
    be audited; the scores are the published formulas of
    :func:`flesch_reading_ease`, :func:`flesch_kincaid_grade`,
    :func:`gunning_fog`, :func:`smog_index`, :func:`coleman_liau_index`,
    :func:`automated_readability_index`, and :func:`lix` and :func:`rix`
    (which need no syllables, so they hold for languages other than English),
    computed from those counts.

    Counting rules: sentences from :func:`split`, counting only those with at
    least one word; words from :func:`analysis.terms.words` (numbers
    included); syllables from :func:`syllables`; ``n_polysyllables`` words of
    3+ syllables (SMOG); ``n_complex_words`` Gunning's complex words (see
    :func:`gunning_fog`); ``n_chars`` the length of the text;
    ``n_word_chars`` letters and digits inside words (ARI); ``n_letters``
    letters inside words (Coleman-Liau); ``n_long_words`` words of more than
    six letters (LIX, RIX); ``n_types`` distinct lowercase words;
    ``n_quote_words`` words inside quotation marks (see :func:`quotations`);
    ``n_unknown_words`` words the CMU dictionary lacks (their syllables are
    guessed); ``n_stop_words`` words in scikit-learn's English stop list.

    Diversity: ``type_token_ratio`` (types / words), ``mattr`` (the mean
    type-token ratio of every run of ``window`` words, Covington & McFall
    2010, "Cutting the Gordian knot: the moving-average type-token ratio",
    *Journal of Quantitative Linguistics* 17(2): 94-100; the plain ratio when
    the text is shorter than the window) and ``mtld`` (McCarthy & Jarvis
    2010, "MTLD, vocd-D, and HD-D", *Behavior Research Methods* 42(2):
    381-392; threshold 0.72, forward and backward averaged; NaN when the text
    is too short to fall to the threshold).

    ``english_reliable`` is False when the formulas built for English (all
    but LIX and RIX) do not apply: no words, fewer than 15% stop words or
    fewer than 60% of words in the CMU dictionary. Scores are still computed.

    An empty text has zero sentences and NaN ratios and scores.

    Parameters
    ----------
    data : DataFrame, Series, list of str, or Dask DataFrame
        A corpus table (``doc_id`` and ``text`` columns), or texts (their
        position or index becomes ``doc_id``). A Dask DataFrame gives a lazy
        Dask DataFrame of the same rows, computed partition by partition on
        the cluster; ``.compute().reset_index(drop=True)`` equals the result
        for the pandas corpus exactly.
    keep : str or list of str, optional
        Columns of ``data`` to carry into the result after ``doc_id`` (e.g. a
        group column for :func:`compare`).
    long_sentence : int, default 30
        A sentence with more words than this is long (``n_long_sentences``).
    window : int, default 100
        Window of ``mattr``, in words.
    n_jobs : int, optional
        Processes to use; ``None`` uses every core, 1 stays in this process.
        A corpus of a few megabytes is always processed in this process.
    progress : bool, default True
        Show a progress bar.

    Returns
    -------
    DataFrame
        Columns :data:`ARTICLE_COLUMNS` (with ``keep`` after ``doc_id``), one
        row per article in input order, RangeIndex.

    Examples
    --------
    >>> stats = article_stats(["The cat sat. It was happy.", ""], progress=False)
    >>> stats[["doc_id", "n_sentences", "n_words", "n_syllables", "words_per_sentence"]]
      doc_id  n_sentences  n_words  n_syllables  words_per_sentence
    0      0            2        6            7                 3.0
    1      1            0        0            0                 NaN
    """
    _check_options(long_sentence, window)
    options = dict(keep=keep, long_sentence=long_sentence, window=window, rules=split_rules())
    if _dask.is_dask(data):
        # Each partition runs the pandas path in one worker process.
        meta = _article_stats(data._meta, n_jobs=1, progress=False, **options)
        return _dask.map_frames(data, _article_stats, meta, n_jobs=1, progress=False, **options)
    return _article_stats(data, n_jobs=n_jobs, progress=progress, **options)


def _article_stats(data, *, keep, long_sentence: int, window: int, rules: SplitRules, n_jobs,
                   progress: bool) -> pd.DataFrame:
    ids, texts, kept = _articles(data, keep)
    func = functools.partial(_batch_counts, long_sentence=long_sentence, window=window, rules=rules)
    work = _parallel.batches(texts, chunk_chars=_parallel.CHUNK_CHARS)
    parts = list(_parallel.map_batches(func, work, n_jobs=n_jobs, progress=progress, total=len(texts),
                                       desc="article stats"))
    return _stats_table(parts, ids, kept, long_sentence=long_sentence, window=window, rules=rules)


def _stats_table(parts: list[dict], ids: list[str], kept: pd.DataFrame | None, *, long_sentence: int,
                 window: int, rules: SplitRules) -> pd.DataFrame:
    """The article table from the counts of every batch: ``doc_id``, the scores, the kept columns."""
    if not parts:
        parts = [_batch_counts([], long_sentence=long_sentence, window=window, rules=rules)]
    columns = parts[0] if len(parts) == 1 else {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    columns = {**columns, **_scores(columns)}
    # One constructor call: adding the score columns one by one costs more than computing them.
    df = pd.DataFrame({DOC_ID: pd.Series(ids, dtype="str"), **{k: columns[k] for k in ARTICLE_COLUMNS[1:]}})
    if kept is not None:
        for i, col in enumerate(kept.columns):
            df.insert(1 + i, col, kept[col].to_numpy())
    return df


def readability(text: str, *, long_sentence: int = 30, window: int = 100) -> dict:
    """Every statistic of :func:`article_stats` for one text, as a dict.

    Examples
    --------
    >>> r = readability("The cat sat on the mat. The dog ate a bone.")
    >>> r["n_sentences"], r["n_words"], r["n_syllables"], round(r["flesch_reading_ease"], 2)
    (2, 11, 11, 116.65)
    >>> import math; math.isnan(readability("")["flesch_reading_ease"])
    True
    """
    if not isinstance(text, str):
        raise TypeError(f"text={text!r:.40} is not a str; pass one article as a string")
    row = article_stats([text], long_sentence=long_sentence, window=window, progress=False).iloc[0]
    out = row.drop("doc_id").to_dict()
    return {k: (v.item() if hasattr(v, "item") else v) for k, v in out.items()}


def _sentences_batch(texts: list[str], doc_ids: list[str], positions: list[int], *, rules: SplitRules) -> pd.DataFrame:
    """Sentence rows of one batch; ``_article`` holds each row's position in the whole input."""
    return _positioned(_batch_sentences(texts, doc_ids, rules), positions)


def _positioned(part: pd.DataFrame, positions: list[int]) -> pd.DataFrame:
    """``part`` with its ``_article`` column made each row's position in the whole input."""
    part["_article"] = np.asarray(positions, dtype=np.int64)[part["_article"].to_numpy(dtype=np.int64)]
    return part


def _tables_batch(texts: list[str], doc_ids: list[str], positions: list[int], *, long_sentence: int, window: int,
                  rules: SplitRules) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sentence rows and article counts of one batch from one word stream (see :func:`tables`)."""
    b = WordStream(texts, rules, with_spans=True)
    return _positioned(_sentence_rows(b, texts, doc_ids), positions), _counts(b, long_sentence=long_sentence,
                                                                             window=window)


def _batch_sentences(texts: list[str], doc_ids: list[str], rules: SplitRules) -> pd.DataFrame:
    """The sentence rows of a batch of articles (pure)."""
    return _sentence_rows(WordStream(texts, rules, with_spans=True), texts, doc_ids)


def _sentence_rows(b: WordStream, texts: list[str], doc_ids: list[str]) -> pd.DataFrame:
    """The sentence rows of :func:`_batch_sentences`, from the batch's word stream (made ``with_spans``)."""
    n_words = b.per_sentence().astype(np.int64)
    quoted = b.per_sentence(b.in_quote)
    starts = [s for sp in b.spans for s, _ in sp]
    ends = [e for sp in b.spans for _, e in sp]
    index = [i for sp in b.spans for i in range(len(sp))]
    article = b.sentence_article
    return pd.DataFrame({
        "doc_id": pd.Series([doc_ids[a] for a in article], dtype="str"),
        "sent_index": np.asarray(index, dtype=np.int64),
        "start": np.asarray(starts, dtype=np.int64),
        "end": np.asarray(ends, dtype=np.int64),
        "sentence": pd.Series([texts[a][s:e] for a, s, e in zip(article, starts, ends)], dtype="str"),
        "n_words": n_words,
        "n_chars": np.asarray(ends, dtype=np.int64) - np.asarray(starts, dtype=np.int64),
        "n_syllables": b.per_sentence(b.syllables()).astype(np.int64),
        "in_quote": (n_words > 0) & (quoted * 2 > n_words),
        "_article": article,
    })


def sentence_table(data, *, keep=None, n_jobs: int | None = None, progress: bool = True) -> pd.DataFrame:
    """One row per sentence: where it is, its text, and its word, character and syllable counts.

    ``start``/``end`` are offsets into the article's text; ``n_chars`` is the
    sentence's length; ``n_words`` and ``n_syllables`` count as
    :func:`article_stats` does; ``in_quote`` is True when more than half of
    the sentence's words are inside quotation marks (see :func:`quotations`).

    Parameters
    ----------
    data : DataFrame, Series, list of str, or Dask DataFrame
        A corpus table (``doc_id`` and ``text`` columns), or texts. A Dask
        DataFrame gives a lazy Dask DataFrame of the same rows (see
        :func:`article_stats`).
    keep : str or list of str, optional
        Columns of ``data`` to repeat on each sentence row, after ``doc_id``.
    n_jobs : int, optional
        Processes to use; ``None`` uses every core, 1 stays in this process.
        A corpus of a few megabytes is always processed in this process.
    progress : bool, default True
        Show a progress bar.

    Returns
    -------
    DataFrame
        Columns :data:`SENTENCE_COLUMNS` (with ``keep`` after ``doc_id``),
        RangeIndex. Articles without sentences have no rows.

    Examples
    --------
    >>> table = sentence_table(['“We won the cup,” she said. It rained.'], progress=False)
    >>> table[["sent_index", "sentence", "n_words", "in_quote"]]
       sent_index                     sentence  n_words  in_quote
    0           0  “We won the cup,” she said.        6      True
    1           1                   It rained.        2     False
    """
    rules = split_rules()
    if _dask.is_dask(data):
        meta = _sentence_table(data._meta, keep=keep, rules=rules, n_jobs=1, progress=False)
        return _dask.map_frames(data, _sentence_table, meta, keep=keep, rules=rules, n_jobs=1, progress=False)
    return _sentence_table(data, keep=keep, rules=rules, n_jobs=n_jobs, progress=progress)


def _sentence_table(data, *, keep, rules: SplitRules, n_jobs, progress: bool) -> pd.DataFrame:
    ids, texts, kept = _articles(data, keep)
    work = _parallel.batches(texts, ids, range(len(texts)), chunk_chars=_parallel.CHUNK_CHARS)
    func = functools.partial(_sentences_batch, rules=rules)
    parts = list(_parallel.map_batches(func, work, n_jobs=n_jobs, progress=progress,
                                       total=len(texts), desc="sentences"))
    return _sentences_frame(parts, kept, rules)


def _sentences_frame(parts: list[pd.DataFrame], kept: pd.DataFrame | None, rules: SplitRules) -> pd.DataFrame:
    """The sentence table from the rows of every batch, with the kept columns."""
    df = pd.concat(parts, ignore_index=True) if parts else _batch_sentences([], [], rules)
    positions = df.pop("_article").to_numpy()
    if kept is not None:
        for j, col in enumerate(kept.columns):
            df.insert(1 + j, col, kept[col].to_numpy()[positions])
    return df


class Tables(NamedTuple):
    """What :func:`tables` returns: the sentence table and the article table of one corpus."""

    sentences: pd.DataFrame
    articles: pd.DataFrame


def tables(data, *, keep=None, long_sentence: int = 30, window: int = 100, n_jobs: int | None = None,
           progress: bool = True) -> Tables:
    """:func:`sentence_table` and :func:`article_stats` of one corpus, from one pass over its text.

    Both tables come from the same word stream of each batch (sentences,
    words, syllables, quotations), so asking for both costs little more than
    asking for one; each is exactly what its own function returns.

    Parameters
    ----------
    data, keep, n_jobs, progress
        As in :func:`article_stats`. A Dask DataFrame gives the two lazy
        tables of :func:`sentence_table` and :func:`article_stats`.
    long_sentence, window : int
        As in :func:`article_stats`.

    Returns
    -------
    Tables
        ``sentences`` (columns :data:`SENTENCE_COLUMNS`) and ``articles``
        (columns :data:`ARTICLE_COLUMNS`), ``keep`` after ``doc_id`` in both.

    Examples
    --------
    >>> both = tables(["The cat sat. It was happy.", ""], progress=False)
    >>> both.sentences[["doc_id", "sentence", "n_words"]]
      doc_id       sentence  n_words
    0      0   The cat sat.        3
    1      0  It was happy.        3
    >>> both.articles[["doc_id", "n_sentences", "n_words"]]
      doc_id  n_sentences  n_words
    0      0            2        6
    1      1            0        0
    """
    _check_options(long_sentence, window)
    if _dask.is_dask(data):
        return Tables(sentence_table(data, keep=keep), article_stats(data, keep=keep, long_sentence=long_sentence,
                                                                     window=window))
    rules = split_rules()
    ids, texts, kept = _articles(data, keep)
    work = _parallel.batches(texts, ids, range(len(texts)), chunk_chars=_parallel.CHUNK_CHARS)
    func = functools.partial(_tables_batch, long_sentence=long_sentence, window=window, rules=rules)
    parts = list(_parallel.map_batches(func, work, n_jobs=n_jobs, progress=progress, total=len(texts),
                                       desc="sentences"))
    return Tables(_sentences_frame([p for p, _ in parts], kept, rules),
                  _stats_table([c for _, c in parts], ids, kept, long_sentence=long_sentence, window=window,
                               rules=rules))


def compare(stats: pd.DataFrame, by, *, measures: Sequence[str] | None = None) -> pd.DataFrame:
    """Median and interquartile range of each measure per group, in long form.

    Parameters
    ----------
    stats : DataFrame
        The result of :func:`article_stats` (with the group column kept, e.g.
        ``article_stats(df, keep="source")``).
    by : str or Series
        The group column's name in ``stats``, or values aligned with its rows.
    measures : list of str, optional
        Columns to summarise; default :data:`MEASURES`.

    Returns
    -------
    DataFrame
        Columns ``group, measure, n_articles, median, q1, q3, iqr``: one row
        per group and measure, groups in sorted order (articles without a
        group value last, as ``"(unknown)"``), measures in the given order.
        ``n_articles`` counts the articles where the measure is defined.

    Examples
    --------
    >>> stats = article_stats(pd.DataFrame({"text": ["It is. Go.", "It is a very long day."],
    ...                                     "source": ["a", None]}), keep="source", progress=False)
    >>> compare(stats, "source", measures=["words_per_sentence"])
           group             measure  n_articles  median   q1   q3  iqr
    0          a  words_per_sentence           1     1.5  1.5  1.5  0.0
    1  (unknown)  words_per_sentence           1     6.0  6.0  6.0  0.0
    """
    if not isinstance(stats, pd.DataFrame):
        raise TypeError(f"stats is a {type(stats).__name__}; pass the DataFrame from article_stats")
    if isinstance(by, str):
        if by not in stats.columns:
            raise ValueError(
                f"by={by!r} is not a column of stats (columns: {list(stats.columns)!r}); "
                f"keep it with article_stats(data, keep={by!r}) or pass the values as a Series"
            )
        groups = stats[by]
    else:
        groups = pd.Series(by)
        if len(groups) != len(stats):
            raise ValueError(f"by has {len(groups)} values for {len(stats)} rows of stats; pass one per row")
    measures = list(MEASURES if measures is None else measures)
    unknown = [m for m in measures if m not in stats.columns]
    if unknown:
        raise ValueError(f"measures={unknown!r} are not columns of stats; choose from {list(MEASURES)!r}")
    frame = stats[measures].reset_index(drop=True).astype("float64")
    frame["group"] = _sorted_groups(groups)
    grouped = frame.groupby("group", sort=True, observed=True)
    out = []
    for measure in measures:
        g = grouped[measure]
        part = pd.DataFrame({
            "n_articles": g.count(),
            "median": g.median(),
            "q1": g.quantile(0.25),
            "q3": g.quantile(0.75),
        }).reset_index()
        part.insert(1, "measure", measure)
        out.append(part)
    result = pd.concat(out, ignore_index=True) if out else pd.DataFrame(
        columns=["group", "measure", "n_articles", "median", "q1", "q3"])
    result["iqr"] = result["q3"] - result["q1"]
    result = result.sort_values(["group", "measure"], key=lambda s: s.map(
        {m: i for i, m in enumerate(measures)}) if s.name == "measure" else s, kind="stable")
    result["group"] = result["group"].astype(str)
    return result.reset_index(drop=True)


def _sorted_groups(values) -> pd.Categorical:
    """Group names (missing: ``MISSING_GROUP``) as a categorical sorted by value, the missing group last."""
    values = pd.Series(values).reset_index(drop=True)
    names = group_names(values)
    known = sorted(values.dropna().unique().tolist(), key=lambda v: (str(type(v)), v))
    order = list(dict.fromkeys([str(v) for v in known] + [MISSING_GROUP]))
    return pd.Categorical(names, categories=[c for c in order if c in set(names)], ordered=True)
