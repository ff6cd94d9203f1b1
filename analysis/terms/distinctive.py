"""Which terms set a group apart: keyness of one group against the rest, and each group's distinctive terms.

- :func:`keyness` -- Dunning's log-likelihood G² of every term, target against reference;
- :func:`distinctive_terms` -- the ``n`` most distinctive terms of every group at once;
- :func:`g2` -- the signed G² of 2x2 tables, vectorised (also scores collocations).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from analysis import _dask
from analysis._input import (
    by_columns,
    check_choice,
    check_int,
    check_text_column,
    corpus_frame,
    MISSING_GROUP,
    group_values,
    is_missing,
)
from analysis.terms.corpus_counts import corpus_input, count_corpus, with_keys
from analysis.terms.counting import COUNT, GROUP, TERM, check_ngram_range

G2 = "g2"
P_VALUE = "p_value"
LOG_RATIO = "log_ratio"
N_TARGET = "n_target"
N_REFERENCE = "n_reference"
SCORE = "score"
RANK = "rank"

#: Columns of :func:`keyness`.
KEYNESS_COLUMNS = [TERM, G2, P_VALUE, LOG_RATIO, N_TARGET, N_REFERENCE]
#: Columns of :func:`distinctive_terms` (after the ``by`` columns).
DISTINCTIVE_COLUMNS = [TERM, COUNT, SCORE, RANK]


def _xlogx_ratio(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """``O * ln(O / E)`` with the convention ``0 * ln 0 = 0``."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(observed > 0, observed * np.log(observed / expected), 0.0)


def g2(a, b, c, d, *, correction: str = "none") -> np.ndarray:
    """Signed log-likelihood G² of 2x2 tables ``[[a, b], [c, d]]`` (positive: ``a`` above expectation).

    Rows are the term and all other terms; columns the target and the
    reference. ``correction="yates"`` applies Yates' continuity correction
    where an expected count is below 5 (as quanteda's ``textstat_keyness``);
    ``"williams"`` divides by Williams' q.

    Examples
    --------
    >>> g2([10, 0], [0, 10], [90, 100], [100, 90]).round(2).tolist()
    [14.39, -14.39]
    """
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    n = a + b + c + d
    sign = np.where(a * n > (a + b) * (a + c), 1.0, -1.0)
    if correction == "yates":
        expected_small = np.minimum.reduce(
            [(a + b) * (a + c), (a + b) * (b + d), (a + c) * (c + d), (c + d) * (b + d)]
        ) / n < 5
        apply = expected_small & (np.abs(a * d - b * c) > n / 2)
        shift = np.where(apply, np.where(a * d - b * c > 0, -0.5, 0.5), 0.0)
        a, d, b, c = a + shift, d + shift, b - shift, c - shift
    stat = 2 * (
        _xlogx_ratio(a, (a + b) * (a + c) / n)
        + _xlogx_ratio(b, (a + b) * (b + d) / n)
        + _xlogx_ratio(c, (a + c) * (c + d) / n)
        + _xlogx_ratio(d, (b + d) * (c + d) / n)
    )
    if correction == "williams":
        with np.errstate(divide="ignore", invalid="ignore"):
            q = 1 + (n / (a + b) + n / (c + d) - 1) * (n / (a + c) + n / (b + d) - 1) / (6 * n)
        stat = np.where(a * b * c * d == 0, stat, stat / q)
    stat = np.maximum(stat, 0.0)
    return np.where(stat > 0, stat * sign, 0.0)


def _keyness_table(n_target, n_reference, total_target, total_reference, correction) -> dict:
    from scipy.stats import chi2

    n_target = np.asarray(n_target, dtype=float)
    n_reference = np.asarray(n_reference, dtype=float)
    score = g2(n_target, n_reference, total_target - n_target, total_reference - n_reference,
               correction=correction)
    # Hardie's Log Ratio: binary log of the ratio of relative frequencies,
    # a zero count replaced by 0.5 so that the ratio stays finite.
    with np.errstate(divide="ignore", invalid="ignore"):
        log_ratio = np.log2((np.where(n_target > 0, n_target, 0.5) / total_target)
                            / (np.where(n_reference > 0, n_reference, 0.5) / total_reference))
    return {G2: score, P_VALUE: chi2.sf(np.abs(score), 1), LOG_RATIO: log_ratio}


_CORRECTIONS = ("yates", "williams", "none")


def keyness(
    data,
    target,
    *,
    by: str | Sequence[str] | None = None,
    ngram_range: tuple[int, int] = (1, 1),
    stopwords: str | Iterable[str] | None = "english",
    token_pattern: str | None = None,
    keep_numbers: bool = False,
    min_count: int = 1,
    correction: str = "yates",
    n_jobs: int | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """Which terms a target group over- or under-uses against the rest of the corpus.

    Dunning's log-likelihood G² of each term's 2x2 table (the term and all
    other terms, in the target and in the reference), signed positive when
    the term is more frequent in the target than expected, as quanteda's
    ``textstat_keyness(measure = "lr")``. The p-value is that of a chi-squared
    distribution with one degree of freedom; the effect size is Hardie's Log
    Ratio (binary log of the ratio of relative frequencies: 1 means twice as
    frequent in the target).

    Parameters
    ----------
    data : DataFrame, dask DataFrame or iterable of str
        The corpus. A ``dask.dataframe.DataFrame`` is counted on the
        session's Dask cluster, with the result identical to the pandas
        one; its target must be given as a group value with ``by``.
    target : value, tuple, or boolean array-like
        With ``by``: the group value (a tuple for several columns) that forms
        the target. Without ``by``: one boolean per article, True for target
        articles.
    by : str or list of str, optional
        Column(s) holding the groups.
    ngram_range, stopwords, token_pattern, keep_numbers
        As in :func:`~analysis.terms.term_frequencies`.
    min_count : int
        Leave out terms counted fewer times in target and reference together.
    correction : {'yates', 'williams', 'none'}
        Correction of G² for small expected counts (quanteda's default is
        Yates').
    n_jobs, progress
        As in :func:`~analysis.terms.term_frequencies`.

    Returns
    -------
    DataFrame
        ``term, g2, p_value, log_ratio, n_target, n_reference``, sorted by
        ``g2`` from the target's most distinctive term down to the
        reference's.

    Examples
    --------
    >>> texts = ["Reuters said the talks failed."] * 10 + ["Shocking! The talks failed"] * 10
    >>> keyness(texts, [True] * 10 + [False] * 10, progress=False).round(3)
           term      g2  p_value  log_ratio  n_target  n_reference
    0   reuters   8.476    0.004      3.907        10            0
    1      said   8.476    0.004      3.907        10            0
    2    failed  -0.580    0.446     -0.415        10           10
    3     talks  -0.580    0.446     -0.415        10           10
    4  shocking -14.581    0.000     -4.737         0           10
    """
    check_choice("correction", correction, _CORRECTIONS)
    min_count = check_int("min_count", min_count)
    on_dask = _dask.is_dask(data)
    if on_dask:
        check_text_column(data)
        columns = by_columns(data, by)
        if not columns:
            raise ValueError(
                "target as one boolean per article cannot be given for a Dask DataFrame; pass by= (the column "
                "holding the groups) and the target group's value, e.g. keyness(ddf, 'reuters', by='source')"
            )
        _target_rows(data._meta, target, columns, by)  # a malformed target fails here, not on a worker
    else:
        data = corpus_frame(data)
        columns = by_columns(data, by)
        _target_mask(data, target, by)
    check_ngram_range(ngram_range)
    group_of = functools.partial(_group_by_target, columns=columns, target=target, by=by)
    counts, totals, keys = count_corpus(data, group_of, n_jobs=n_jobs, progress=progress, desc="keyness",
                                         stopwords=stopwords, token_pattern=token_pattern,
                                         keep_numbers=keep_numbers, ngram_range=ngram_range)
    is_target = keys[_TARGET].to_numpy(dtype=bool)
    if on_dask:
        _check_target_found(bool(is_target.any()), not is_target.all(), target, by,
                            lambda: _dask_values(data, columns))
    counts = counts.assign(**{GROUP: is_target[counts[GROUP].to_numpy(dtype=np.int64)]})
    wide = counts.pivot_table(index=TERM, columns=GROUP, values=COUNT, aggfunc="sum", fill_value=0)
    n_target = wide[True].to_numpy() if True in wide.columns else np.zeros(len(wide), dtype=np.int64)
    n_reference = wide[False].to_numpy() if False in wide.columns else np.zeros(len(wide), dtype=np.int64)
    total_target, total_reference = n_target.sum(), n_reference.sum()
    if total_target == 0 or total_reference == 0:
        side = "target" if total_target == 0 else "reference"
        raise ValueError(f"the {side} articles have no terms to compare; check target={target!r} and by={by!r}")
    table = pd.DataFrame({TERM: wide.index.to_numpy(dtype=object), N_TARGET: n_target, N_REFERENCE: n_reference})
    table = table[(table[N_TARGET] + table[N_REFERENCE]) >= min_count]
    stats = _keyness_table(table[N_TARGET], table[N_REFERENCE], total_target, total_reference, correction)
    table = table.assign(**stats)[KEYNESS_COLUMNS]
    table = table.sort_values([G2, TERM], ascending=[False, True], kind="stable")
    return table.reset_index(drop=True)


#: The key column of keyness's two groups (True: target articles).
_TARGET = "_target"


def _target_mask(frame: pd.DataFrame, target, by) -> np.ndarray:
    """One boolean per article: True for the target group (errors when there is no target or no reference)."""
    columns = by_columns(frame, by)
    mask = _target_rows(frame, target, columns, by)
    if columns:
        _check_target_found(bool(mask.any()), not mask.all(), target, by, lambda: _frame_values(frame, columns))
    return mask


def _target_rows(frame: pd.DataFrame, target, columns: list[str], by) -> np.ndarray:
    """Whether each row of ``frame`` (the corpus or one partition) is in the target group."""
    if not columns:
        if isinstance(target, (str, bytes)) or not isinstance(target, Iterable):
            raise ValueError(
                f"target={target!r} needs by= (the column holding it); or pass one boolean per article"
            )
        mask = np.asarray(list(target))
        if mask.dtype != bool or len(mask) != len(frame):
            raise ValueError(
                f"target must be one boolean per article ({len(frame)}); got {len(mask)} values of type "
                f"{mask.dtype}. Or pass a group value with by="
            )
        return mask
    if len(columns) == 1:
        return _matches(frame[columns[0]], target)
    if not isinstance(target, tuple) or len(target) != len(columns):
        raise ValueError(f"target={target!r}; with by={by!r} pass a tuple of {len(columns)} values")
    mask = np.ones(len(frame), dtype=bool)
    for column, value in zip(columns, target):
        mask &= _matches(frame[column], value)
    return mask


def _matches(values: pd.Series, value) -> np.ndarray:
    """Rows of ``values`` equal to ``value``; a missing value, or ``"(unknown)"`` in a text column, names the missing ones."""
    if is_missing(value) or (value == MISSING_GROUP and group_values(values).eq(MISSING_GROUP).any()
                             and not values.eq(MISSING_GROUP).any()):
        return values.isna().to_numpy()
    # na_value: Dask's string columns compare to <NA> where a value is missing.
    return (values == value).to_numpy(bool, na_value=False)


def _check_target_found(has_target: bool, has_reference: bool, target, by, values) -> None:
    """Raise when no article is in the target group, or every article is; ``values()`` lists the groups."""
    if not has_target:
        present = values()
        raise ValueError(f"target={target!r} is not a value of {by!r}; values include {present}")
    if not has_reference:
        raise ValueError(f"every article has {by!r} == {target!r}: there is no reference to compare with")


def _frame_values(frame: pd.DataFrame, columns: list[str]) -> list:
    """Up to 20 values (tuples for several columns) of the group columns, for an error message."""
    if len(columns) == 1:
        return frame[columns[0]].dropna().unique().tolist()[:20]
    return pd.Series(list(zip(*(frame[c] for c in columns)))).dropna().unique().tolist()[:20]


def _dask_values(ddf, columns: list[str]) -> list:
    """:func:`_frame_values` of a Dask DataFrame (computed only for an error message)."""
    if len(columns) == 1:
        return ddf[columns[0]].dropna().drop_duplicates(split_out=1).compute().tolist()[:20]
    return list(ddf[columns].drop_duplicates(split_out=1).compute().itertuples(index=False, name=None))[:20]


def _group_by_target(frame: pd.DataFrame, *, columns: list[str], target, by):
    return frame, pd.DataFrame({_TARGET: _target_rows(frame, target, columns, by)}, index=frame.index)


def distinctive_terms(
    data,
    by: str | Sequence[str],
    *,
    n: int = 10,
    method: str = "keyness",
    ngram_range: tuple[int, int] = (1, 1),
    stopwords: str | Iterable[str] | None = "english",
    token_pattern: str | None = None,
    keep_numbers: bool = False,
    min_count: int = 1,
    n_jobs: int | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """The ``n`` most distinctive terms of every group at once.

    Parameters
    ----------
    data : DataFrame or dask DataFrame
        The corpus. A ``dask.dataframe.DataFrame`` is counted on the
        session's Dask cluster, with the result identical to the pandas one.
    by : str or list of str
        Column(s) holding the groups.
    n : int
        Terms per group.
    method : {'keyness', 'tfidf'}
        ``"keyness"``: signed G² of the group against all other groups (see
        :func:`keyness`; Yates-corrected), terms over-used by the group only.
        ``"tfidf"``: tidytext's ``bind_tf_idf`` with groups as documents --
        share of the group's tokens times ``ln(groups / groups using the
        term)``; a term every group uses scores 0 and is never listed.
    ngram_range, stopwords, token_pattern, keep_numbers, min_count, n_jobs, progress
        As in :func:`~analysis.terms.term_frequencies` (``min_count`` applies to the group's count).

    Returns
    -------
    DataFrame
        ``[*by], term, count, score, rank``: up to ``n`` rows per group, best
        first (``rank`` 1).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"text": ["goal match goal", "match vote", "vote ballot vote"],
    ...                    "label": ["sport", "sport", "politics"]})
    >>> distinctive_terms(df, "label", n=1, method="tfidf", progress=False)
          label    term  count     score  rank
    0  politics  ballot      1  0.231049     1
    1     sport    goal      2  0.277259     1
    """
    check_choice("method", method, ("keyness", "tfidf"))
    n = check_int("n", n)
    min_count = check_int("min_count", min_count)
    if not _dask.is_dask(data):
        data = corpus_frame(data)
    if by is None:
        raise ValueError("by=None: distinctive_terms compares groups; pass the column holding them")
    data, group_of = corpus_input(data, by)
    check_ngram_range(ngram_range)
    counts, totals, keys = count_corpus(data, group_of, n_jobs=n_jobs, progress=progress,
                                         desc="distinctive terms", stopwords=stopwords,
                                         token_pattern=token_pattern, keep_numbers=keep_numbers,
                                         ngram_range=ngram_range)
    group_total = counts.groupby(GROUP)[COUNT].transform("sum").to_numpy(dtype=float)
    term_total = counts.groupby(TERM)[COUNT].transform("sum").to_numpy(dtype=float)
    grand_total = float(counts[COUNT].sum())
    count = counts[COUNT].to_numpy(dtype=float)
    if method == "keyness":
        score = g2(count, term_total - count, group_total - count,
                        grand_total - group_total - (term_total - count), correction="yates")
    else:
        n_groups = counts[GROUP].nunique()
        groups_using = counts.groupby(TERM)[GROUP].transform("nunique").to_numpy(dtype=float)
        score = count / group_total * np.log(n_groups / groups_using)
    table = counts.assign(**{SCORE: score})
    table = table[(table[COUNT] >= min_count) & (table[SCORE] > 0)]
    table = table.sort_values([GROUP, SCORE, COUNT, TERM], ascending=[True, False, False, True], kind="stable")
    table = table.groupby(GROUP, sort=False).head(n)
    table = table.assign(**{RANK: table.groupby(GROUP, sort=False).cumcount() + 1})
    table = table[[GROUP, *DISTINCTIVE_COLUMNS]].astype({COUNT: np.int64})
    return with_keys(table.reset_index(drop=True), keys)
