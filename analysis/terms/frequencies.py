"""Term frequencies, overall and per group, and how they move over time.

- :func:`term_frequencies` -- which terms dominate (optionally per group);
- :func:`trends` -- how use of a term rises and falls, period by period.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from analysis import _dask
from analysis._input import (
    by_columns,
    check_date_column,
    check_int,
    check_text_column,
    corpus_frame,
    naive_dates,
    period_freq,
)
from analysis.terms.corpus_counts import corpus_input, count_corpus, with_keys
from analysis.terms.counting import (
    COUNT,
    DOC_COUNT,
    GROUP,
    N_DOCS,
    N_TOKENS,
    PER_10K,
    TERM,
    check_ngram_range,
)
from analysis.text.tokens import compile_pattern, normalise, raw_terms, stop_words

PERIOD = "period"
N_ARTICLES = "n_articles"

#: Columns of :func:`term_frequencies` (after the ``by`` columns).
FREQUENCY_COLUMNS = [TERM, COUNT, DOC_COUNT, PER_10K]
#: Columns of :func:`trends` (after the ``by`` columns).
TREND_COLUMNS = [PERIOD, TERM, COUNT, N_TOKENS, N_ARTICLES, PER_10K]


def term_frequencies(
    data,
    *,
    ngram_range: tuple[int, int] = (1, 1),
    by: str | Sequence[str] | None = None,
    stopwords: str | Iterable[str] | None = "english",
    token_pattern: str | None = None,
    keep_numbers: bool = False,
    min_count: int = 1,
    n_jobs: int | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """Count terms across a corpus: how often, in how many articles, and per 10,000 tokens.

    Counting uses every core (``n_jobs``) and streams: a generator of texts is
    read batch by batch, so memory grows with the vocabulary, not the corpus.

    Parameters
    ----------
    data : DataFrame, dask DataFrame or iterable of str
        A corpus table (its ``text`` column is used) or the texts themselves.
        A ``dask.dataframe.DataFrame`` is counted partition by partition on
        the session's Dask cluster (see :mod:`analysis._dask`); the result is
        identical to that of the pandas DataFrame of the same corpus.
    ngram_range : (int, int)
        Smallest and largest n of the n-grams counted, as in scikit-learn;
        ``(1, 2)`` counts words and two-word phrases. N-grams never span two
        sentences or two articles, and those that start or end with a stop
        word or hold a word the news rules drop (a number, a single
        character) are left out (``secretary of state`` is kept, ``of the``
        is not).
    by : str or list of str, optional
        Column(s) of ``data`` to count by: one block of rows per group, the
        group columns first. A missing text value is the group ``"(unknown)"``
        (:data:`analysis._input.MISSING_GROUP`); a missing number or date is a
        group of its own, sorted last.
    stopwords, token_pattern, keep_numbers
        As in :func:`~analysis.text.tokens.tokenize`. With ``token_pattern=r"(?u)\\b\\w\\w+\\b"``
        and ``stopwords=None``, counts equal the column sums of
        scikit-learn's ``CountVectorizer().fit_transform``.
    min_count : int
        Leave out terms counted fewer times (per group).
    n_jobs : int, optional
        Processes to count with; ``None`` uses all cores, 1 counts in this
        process. A corpus of fewer than ``analysis._parallel.POOL_MIN_BATCHES``
        batches of ``analysis._parallel.CHUNK_CHARS`` characters is counted in this process. The pool
        is started once and kept for the session (forked from a
        single-threaded script; started through a fork server, about a
        second once, from a notebook kernel or other threaded process, and
        then only for ``analysis._parallel.POOL_START_BATCHES`` batches or more; on
        platforms without fork a script must guard its code with
        ``if __name__ == "__main__":``). Does not apply to a Dask DataFrame
        (the cluster's workers count it).
    progress : bool
        Show a progress bar.

    Returns
    -------
    DataFrame
        ``[*by], term, count, doc_count, per_10k``: occurrences, articles
        containing the term, and occurrences per 10,000 tokens of the group
        (tokens as :func:`~analysis.text.tokens.tokenize` keeps them; NaN for a group without
        tokens). Sorted by group, then by count (highest first), then term.

    Examples
    --------
    >>> texts = ["Putin met Assad.", "Putin's talks with Assad.", "Talks resume"]
    >>> term_frequencies(texts, progress=False)
         term  count  doc_count  per_10k
    0   assad      2          2   2500.0
    1   putin      2          2   2500.0
    2   talks      2          2   2500.0
    3     met      1          1   1250.0
    4  resume      1          1   1250.0
    """
    min_count = check_int("min_count", min_count)
    data, group_of = corpus_input(data, by)
    check_ngram_range(ngram_range)
    counts, totals, keys = count_corpus(data, group_of, n_jobs=n_jobs, progress=progress,
                                         desc="term frequencies", stopwords=stopwords,
                                         token_pattern=token_pattern, keep_numbers=keep_numbers,
                                         ngram_range=ngram_range)
    counts = counts[counts[COUNT] >= min_count]
    n_tokens = counts[GROUP].map(totals.set_index(GROUP)[N_TOKENS]).to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        per_10k = np.where(n_tokens > 0, counts[COUNT].to_numpy() * 1e4 / n_tokens, np.nan)
    table = counts.assign(**{PER_10K: per_10k})
    table = table.sort_values([GROUP, COUNT, TERM], ascending=[True, False, True], kind="stable")
    table = table[[GROUP, *FREQUENCY_COLUMNS]].astype({COUNT: np.int64, DOC_COUNT: np.int64})
    return with_keys(table.reset_index(drop=True), keys)


# --- trends ----------------------------------------------------------------------


def _no_dates(date: str) -> ValueError:
    return ValueError(
        f"the corpus has no dates (column {date!r} is empty): trends needs dated articles; "
        "load a corpus with a date column, or use term_frequencies(by=...) instead"
    )


def _group_by_period(frame: pd.DataFrame, *, columns: list[str], date: str, freq: str):
    """The dated articles, keyed by period and ``columns``."""
    periods = naive_dates(frame[date]).dt.to_period(freq)
    dated = periods.notna().to_numpy()
    rows = frame.loc[dated, ["text", *columns]].assign(**{PERIOD: periods[dated]})
    return rows, rows[[PERIOD, *columns]]


def _query_terms(queries, pattern, stop) -> list[str]:
    if isinstance(queries, str):
        queries = [queries]
    if not isinstance(queries, Iterable) or not queries:
        raise ValueError(f"terms={queries!r}; pass a term or a list of terms, e.g. ['syria', 'islamic state']")
    out = []
    for query in queries:
        found = raw_terms(normalise(str(query)), pattern)
        if not found:
            raise ValueError(f"term {query!r} holds no word; pass words such as 'syria' or 'islamic state'")
        if len(found) == 1 and found[0] in stop:
            raise ValueError(f"term {query!r} is a stop word and is never counted; pass stopwords=None to count it")
        out.append(" ".join(found))
    return list(dict.fromkeys(out))


def trends(
    data,
    terms: str | Sequence[str],
    *,
    freq: str = "M",
    by: str | Sequence[str] | None = None,
    date: str = "date",
    stopwords: str | Iterable[str] | None = "english",
    token_pattern: str | None = None,
    n_jobs: int | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """How often terms are used, period by period: count and rate per 10,000 tokens.

    Every period between the first and last dated article appears. A period
    without articles has ``n_articles`` 0 and a NaN rate: no data, which is
    not the same as no use. Articles without a date are left out.

    Parameters
    ----------
    data : DataFrame or dask DataFrame
        The corpus, with a column of dates. A ``dask.dataframe.DataFrame``
        is counted on the session's Dask cluster (periods are taken and
        counts kept for ``terms`` only, partition by partition); the result
        is identical to that of the pandas DataFrame of the same corpus.
    terms : str or list of str
        Words or phrases (``"islamic state"``), tokenised like the text
        (``"Putin's"`` means ``putin``). A phrase is counted inside
        sentences only.
    freq : str
        Length of a period: ``"D"``, ``"W"``, ``"M"``, ``"Q"``, ``"Y"``, or
        pandas' offset spellings of the same periods (``"ME"``, ``"QE"``,
        ``"YE"``).
    by : str or list of str, optional
        Column(s) to follow separately (one line per source, say).
    date : str
        The column of dates.
    stopwords, token_pattern, n_jobs, progress
        As in :func:`term_frequencies`; the rate's denominator is the number
        of tokens :func:`~analysis.text.tokens.tokenize` keeps.

    Returns
    -------
    DataFrame
        ``[*by], period, term, count, n_tokens, n_articles, per_10k``, one row
        per group, term and period; ``period`` is the period's first day.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"text": ["Syria talks", "Talks on Syria and Syria", "Budget"],
    ...                    "date": pd.to_datetime(["2017-01-05", "2017-03-02", "2017-03-09"])})
    >>> trends(df, "Syria", progress=False)
          period   term  count  n_tokens  n_articles  per_10k
    0 2017-01-01  syria      1         2           1   5000.0
    1 2017-02-01  syria      0         0           0      NaN
    2 2017-03-01  syria      2         4           2   5000.0
    """
    if _dask.is_dask(data):
        check_text_column(data)
        check_date_column(data.columns, date, "trends")
        frame = data
    else:
        frame = corpus_frame(data)
        check_date_column(frame.columns, date, "trends")
        if naive_dates(frame[date]).isna().all():
            raise _no_dates(date)
    columns = by_columns(frame, by)
    pattern = compile_pattern(token_pattern)
    stop = stop_words(stopwords)
    queries = _query_terms(terms, pattern, stop)
    freq = period_freq(freq)
    longest = max(q.count(" ") + 1 for q in queries)
    group_of = functools.partial(_group_by_period, columns=columns, date=date, freq=freq)
    counts, totals, keys = count_corpus(frame, group_of, n_jobs=n_jobs, progress=progress, desc="trends",
                                         only=queries, stopwords=stop, token_pattern=token_pattern,
                                         ngram_range=(1, longest), all_windows=True)
    if not len(keys):  # a Dask corpus, whose dates are seen only now
        raise _no_dates(date)

    # The full grid: every period of the range, for every group seen, for every term.
    periods = keys[PERIOD]
    span = pd.period_range(periods.min(), periods.max(), freq=periods.dt.freq)
    groups = keys[columns].drop_duplicates() if columns else pd.DataFrame(index=[0])
    grid = groups.merge(pd.DataFrame({PERIOD: span}), how="cross").merge(pd.DataFrame({TERM: queries}), how="cross")
    observed = with_keys(counts[[GROUP, TERM, COUNT]], keys)
    sizes = with_keys(totals[[GROUP, N_TOKENS, N_DOCS]], keys).rename(columns={N_DOCS: N_ARTICLES})
    on = [*columns, PERIOD]
    table = grid.merge(observed, on=[*on, TERM], how="left").merge(sizes, on=on, how="left")
    for column in (COUNT, N_TOKENS, N_ARTICLES):
        table[column] = table[column].fillna(0).astype(np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = table[COUNT].to_numpy() * 1e4 / table[N_TOKENS].to_numpy(dtype=float)
    table[PER_10K] = np.where(table[N_TOKENS].to_numpy() > 0, rate, np.nan)
    table[PERIOD] = table[PERIOD].dt.start_time
    table["_order"] = table[TERM].map({q: i for i, q in enumerate(queries)})
    table = table.sort_values([*columns, "_order", PERIOD], kind="stable")
    return table[[*columns, *TREND_COLUMNS]].reset_index(drop=True)
