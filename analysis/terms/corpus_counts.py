"""Counting a whole corpus: batches on the process pool, or partitions on Dask, added up.

term_frequencies, keyness, distinctive_terms, trends and collocations count
through :func:`count_corpus`, on pandas and on Dask alike. A grouping is a
picklable function ``group_of(frame) -> (rows, key_frame)``: the rows of a
pandas frame (the whole corpus, or one Dask partition) to count, and a frame of
their group key columns (None: one group). :func:`group_codes` turns key
columns into integer codes and the table of keys, in pandas' groupby order; on
Dask each partition labels its counts with key *values* instead (its codes mean
nothing elsewhere), the partial results add up on the workers, and the combined
key values go through :func:`group_codes` once more, so that both paths end
with the same codes and key table and share every later step.

The sentence splitter's word lists travel with every batch (see
:func:`analysis.text.split_rules`), so a count never depends on how many
worker processes ran or when they started.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import numpy as np
import pandas as pd

from analysis import _dask, _parallel
from analysis._input import (
    by_columns,
    check_text_column,
    checked_texts,
    corpus_frame,
    group_frame,
    is_missing,
    refuse_string,
    texts_of,
)
from analysis.terms.counting import GROUP, N_DOCS, N_TOKENS, TERM, count_chunk, empty_counts
from analysis.text.splitter import split_rules

# Partial results are added together once the rows that arrived since the
# last time pass this many and the rows already added: memory follows the
# vocabulary rather than the number of batches, and however large the added
# table grows, each of its rows is re-added only a few times.
_FOLD_ROWS = 2_000_000


def add_partials(parts: list[pd.DataFrame], keys: list[str]) -> pd.DataFrame:
    """Add partial count tables (the counts of equal keys add up)."""
    table = pd.concat(parts, ignore_index=True)
    values = [c for c in table.columns if c not in keys]
    return table.groupby(keys, sort=False, dropna=False, as_index=False)[values].sum()


def fold(results: Iterable, add, rows):
    """``add(every result)``, added up as the results arrive (None when there are none).

    ``add(list of results) -> result`` must be associative and ``rows(result)``
    says how big one is: the results held are added together once the rows
    arrived since the last time pass :data:`_FOLD_ROWS` and the rows already
    added, so memory follows the vocabulary rather than the number of batches.
    """
    held: list = []
    pending_rows = folded_rows = 0
    for result in results:
        held.append(result)
        pending_rows += rows(result)
        if pending_rows > max(_FOLD_ROWS, folded_rows) and len(held) > 1:
            held = [add(held)]
            folded_rows, pending_rows = rows(held[0]), 0
    return add(held) if held else None


def _add_counts(results: list[tuple[pd.DataFrame, pd.DataFrame]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    return (add_partials([r[0] for r in results], [GROUP, TERM]), add_partials([r[1] for r in results], [GROUP]))


def count_texts(texts: Iterable, groups: Iterable | None, *, total: int | None, n_jobs, progress: bool,
                desc: str = "counting", **options) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Count over all batches of ``texts``: the added results of :func:`count_chunk` with ``options``."""
    options.setdefault("rules", split_rules())
    func = functools.partial(count_chunk, **options)
    work = _parallel.batches(texts, groups, chunk_chars=_parallel.CHUNK_CHARS)
    found = fold(_parallel.map_batches(func, work, n_jobs=n_jobs, progress=progress, total=total, desc=desc),
                 _add_counts, lambda result: len(result[0]))
    if found is None:
        return empty_counts(), pd.DataFrame({GROUP: [], N_TOKENS: [], N_DOCS: []})
    return found


def with_keys(table: pd.DataFrame, keys: pd.DataFrame | None) -> pd.DataFrame:
    """Replace the ``group`` code column by the group's key columns, placed first."""
    if keys is None:
        return table.drop(columns=GROUP)
    key_values = keys.iloc[table[GROUP].to_numpy()].reset_index(drop=True)
    rest = table.drop(columns=GROUP).reset_index(drop=True)
    return pd.concat([key_values, rest], axis=1)


def _group_by_columns(frame: pd.DataFrame, *, columns: list[str]):
    return frame, frame[columns]


def group_codes(key_frame: pd.DataFrame | None) -> tuple[np.ndarray | None, pd.DataFrame | None]:
    """Group code per row and the table of group keys (row ``i`` is code ``i``): sorted, missing values last."""
    if key_frame is None:
        return None, None
    columns = list(key_frame.columns)
    grouped = key_frame.groupby(columns, dropna=False, sort=True, observed=True)
    return grouped.ngroup().to_numpy(), grouped.size().index.to_frame(index=False)[columns]


def corpus_input(data, by):
    """The corpus to count -- a pandas or Dask DataFrame, or texts (possibly a generator) -- and its grouping."""
    if _dask.is_dask(data):
        check_text_column(data)
        frame = data
    elif isinstance(data, (pd.DataFrame, pd.Series)):
        frame = corpus_frame(data)
    else:
        refuse_string(data)
        if not isinstance(data, Iterable):
            corpus_frame(data)  # raises the helpful error
        if by is not None:
            raise ValueError(f"by={by!r} needs a corpus DataFrame; data is a {type(data).__name__}")
        return checked_texts(data), None
    columns = by_columns(frame, by)
    return frame, (functools.partial(_group_by_columns, columns=columns) if columns else None)


def count_corpus(data, group_of=None, *, n_jobs, progress: bool, desc: str = "counting",
                 **options):
    """Count a corpus: ``(counts, totals, keys)``, ``group`` being a code into ``keys`` (None: one group 0).

    ``data`` is a pandas DataFrame (counted in batches on the process pool),
    a Dask DataFrame (counted partition by partition on the cluster; ``n_jobs``
    does not apply), or an iterable of texts (streamed; no grouping). Groups
    are ordered by their raw values, missing ones last; the key table then
    names a missing text value ``"(unknown)"`` (see :mod:`analysis._input`).
    """
    options.setdefault("rules", split_rules())
    if _dask.is_dask(data):
        counts, totals, keys = _count_dask(data, group_of, progress=progress, desc=desc, **options)
        return counts, totals, None if keys is None else group_frame(keys, keys.columns)
    if isinstance(data, pd.DataFrame):
        frame, key_frame = group_of(data) if group_of is not None else (data, None)
        codes, keys = group_codes(key_frame)
        texts, groups, total = texts_of(frame), None if codes is None else codes.tolist(), len(frame)
    else:
        texts, groups, keys = data, None, None
        total = len(data) if hasattr(data, "__len__") else None
    counts, totals = count_texts(texts, groups, total=total, n_jobs=n_jobs, progress=progress, desc=desc,
                                 **options)
    return counts, totals, None if keys is None else group_frame(keys, keys.columns)


def _key_values(keys: pd.DataFrame) -> np.ndarray:
    """One hashable tuple per row of a key table, missing values made None.

    None, not NaN: NaN objects made in different partitions are not equal
    to each other, so tuples holding them would never add up.
    """
    out = np.empty(len(keys), dtype=object)
    for i, row in enumerate(keys.itertuples(index=False, name=None)):
        out[i] = tuple(None if is_missing(v) else v for v in row)
    return out


def _partition_counts(part: pd.DataFrame, *, group_of, **options):
    """Counts of one Dask partition: ``(counts, totals, key dtypes)``, groups labelled by their key tuples."""
    frame, key_frame = group_of(part) if group_of is not None else (part, None)
    codes, keys = group_codes(key_frame)
    counts, totals = count_texts(frame["text"].tolist(), None if codes is None else codes.tolist(),
                                 total=len(frame), n_jobs=1, progress=False, **options)
    if keys is not None and len(keys):
        values = _key_values(keys)
        counts = counts.assign(**{GROUP: values[counts[GROUP].to_numpy(dtype=np.int64)]})
        totals = totals.assign(**{GROUP: values[totals[GROUP].to_numpy(dtype=np.int64)]})
    return counts, totals, None if key_frame is None else key_frame.dtypes


def _combine_counts(results: list) -> tuple:
    """Add the results of :func:`_partition_counts` (associative: partial sums combine alike)."""
    counts = [r[0] for r in results if len(r[0])]
    totals = [r[1] for r in results if len(r[1])]
    dtypes = next((r[2] for r in results if r[2] is not None), None)
    return (add_partials(counts, [GROUP, TERM]) if counts else results[0][0],
            add_partials(totals, [GROUP]) if totals else results[0][1], dtypes)


def _pandas_dtypes(dtypes: pd.Series) -> dict:
    """The dtypes the key columns of Dask partitions have in the pandas corpus table.

    Dask turns every text column into ``string[pyarrow]`` (its
    ``dataframe.convert-string`` option, on by default), whatever its pandas
    dtype; such a column gets back pandas' default string dtype, that of a
    corpus table loaded in pandas (``str``, missing values NaN).
    """
    from dask.dataframe.utils import pyarrow_strings_enabled

    converted = pd.StringDtype("pyarrow", na_value=pd.NA)
    default = pd.Series(["text"]).dtype
    return {column: default if dtype == converted and pyarrow_strings_enabled() else dtype
            for column, dtype in dtypes.items()}


def _count_dask(ddf, group_of, *, progress: bool, desc: str, **options):
    """:func:`count_corpus` of a Dask DataFrame."""
    func = functools.partial(_partition_counts, group_of=group_of, **options)
    counts, totals, dtypes = _dask.map_reduce(ddf, func, _combine_counts, progress=progress, desc=desc)
    if dtypes is None:
        return counts, totals, None
    # Every group with an article has a row of totals.
    values = totals[GROUP].tolist()
    key_frame = pd.DataFrame.from_records(values, columns=list(dtypes.index)) if values else (
        pd.DataFrame({c: [] for c in dtypes.index}))
    # Back to the input's dtypes, so that sorting, missing values and the
    # key table come out as the pandas path's.
    codes, keys = group_codes(key_frame.astype(_pandas_dtypes(dtypes)))
    code_of = dict(zip(values, codes.tolist()))

    def recode(table: pd.DataFrame) -> pd.DataFrame:
        found, uniques = pd.factorize(table[GROUP].to_numpy(dtype=object))
        lookup = np.fromiter((code_of[u] for u in uniques), dtype=np.int64, count=len(uniques))
        return table.assign(**{GROUP: lookup[found]})

    return recode(counts), recode(totals), keys
