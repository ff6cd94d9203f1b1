"""The one input contract of the package's public functions.

- **Texts or a table in.** A corpus table (a DataFrame with a ``text`` column,
  e.g. from :func:`analysis.corpus.load`), a Series of texts, or any iterable
  of strings. A single string is refused: it is one text, not a corpus.
- **doc_id, one rule.** A table's ``doc_id`` column when it has one, else its
  index; a Series' index; a list's positions. Always as strings. So a table
  filtered to rows ``[10, 11, 12]`` keeps the ids ``'10', '11', '12'``
  whichever function reads it.
- **Groups (``by=``), one missing-group policy.** A missing value of a text
  column (no known source, no label) is the group :data:`MISSING_GROUP`; a
  missing number or date stays missing and forms a group of its own. Groups
  sort in their natural order, missing last.
- **Periods (``freq=``).** pandas' period aliases (``"D"``, ``"W"``, ``"M"``,
  ``"Q"``, ``"Y"``) and its offset aliases for the same periods (``"ME"``,
  ``"MS"``, ``"QE"``, ``"YE"``, ``"A"``...) alike.
- **Validators.** Errors quote the bad value and say what to pass.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Iterator, Sequence

import numpy as np
import pandas as pd

from analysis._dask import is_dask

#: The group name of articles whose group value is missing, in every table, plot and notebook.
MISSING_GROUP = "(unknown)"

DOC_ID = "doc_id"
TEXT = "text"

# --- corpora ----------------------------------------------------------------------


def refuse_string(data, what: str = "data") -> None:
    """Raise when ``data`` is one string (or bytes) where a corpus is expected."""
    if isinstance(data, (str, bytes)):
        raise TypeError(
            f"{what} is a single string; pass a list of texts or a corpus DataFrame with a 'text' column"
        )


def check_text_column(data) -> None:
    """Raise when a (pandas or Dask) corpus table has no ``text`` column."""
    if TEXT not in data.columns:
        raise ValueError(
            f"the DataFrame has no 'text' column; its columns are {', '.join(map(repr, data.columns))}. "
            "Pass a corpus from analysis.corpus.load, or rename the column holding the texts"
        )


def doc_ids(frame: pd.DataFrame) -> pd.Series:
    """The ``doc_id`` of every row of a table, as strings: its column, else the index.

    Examples
    --------
    >>> doc_ids(pd.DataFrame({"text": ["a", "b"]}, index=[10, 11])).tolist()
    ['10', '11']
    """
    if DOC_ID in frame.columns:
        values = frame[DOC_ID]
        if _all_strings(values):
            return values
        return pd.Series([str(v) for v in values], index=frame.index, dtype=object)
    return pd.Series([str(v) for v in frame.index], index=frame.index, dtype=object)


def _all_strings(values: pd.Series) -> bool:
    if values.dtype == object:
        return all(isinstance(v, str) for v in values)
    return pd.api.types.is_string_dtype(values) and not values.isna().any()


def corpus_frame(data) -> pd.DataFrame:
    """A corpus table with string ``doc_id`` and ``text`` columns, from a table, a Series or texts.

    A table keeps its other columns (and its index); the ``doc_id`` column is
    added when missing (see the module docstring for the rule).

    Examples
    --------
    >>> corpus_frame(["Rain.", "Sun."])
      doc_id   text
    0      0  Rain.
    1      1   Sun.
    """
    refuse_string(data)
    if is_dask(data):
        raise TypeError(
            "this function reads a pandas corpus, not a Dask DataFrame; pass ddf.compute() (or a sample of it), "
            "or use one of the functions that run on Dask (see the README's Dask section)"
        )
    if isinstance(data, pd.DataFrame):
        check_text_column(data)
        if DOC_ID in data.columns and _all_strings(data[DOC_ID]):
            return data
        return data.assign(**{DOC_ID: doc_ids(data).to_numpy(dtype=object)})
    if isinstance(data, pd.Series):
        return pd.DataFrame({DOC_ID: data.index.astype(str).to_numpy(dtype=object), TEXT: data.to_numpy()},
                            index=data.index)
    if not isinstance(data, Iterable):
        raise TypeError(f"data={data!r:.60} is not a corpus; pass a DataFrame with a 'text' column or a list of texts")
    texts = list(data)
    return pd.DataFrame({DOC_ID: pd.Series([str(i) for i in range(len(texts))], dtype="str"),
                         TEXT: pd.Series(texts, dtype=object)})


def texts_of(frame: pd.DataFrame) -> list[str]:
    """The texts of a corpus table, a missing text read as ``""`` (any other value that is no string too,
    with a warning: :func:`warn_not_text`)."""
    values = frame[TEXT].tolist()
    texts = [t if isinstance(t, str) else "" for t in values]
    if any(not isinstance(v, str) and not is_missing(v) for v in values):
        warn_not_text(values, doc_ids(frame).tolist())
    return texts


#: Texts named in the warning about values that are not texts.
_NAMED = 5


def warn_not_text(values: Sequence, ids: Sequence | None = None, *, stacklevel: int = 3) -> None:
    """Warn when some of ``values`` are neither strings nor missing: they are read as empty texts.

    Such a value (a number, bytes, a list) is a mistake upstream, never a
    text; counting it as empty keeps the analysis going, and the warning says
    which (by ``ids``; else by position, the doc_id of a list) so that nothing is dropped silently.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warn_not_text(["Rain.", None, 2017, b"Sun."], ["a", "b", "c", "d"])
    >>> print(caught[0].message)  # doctest: +NORMALIZE_WHITESPACE
    2 of 4 texts are not strings and count as empty texts: doc_id 'c' (int), 'd' (bytes); pass strings
    (e.g. df['text'].astype(str), or bytes decoded) or load the files with analysis.corpus.load
    """
    odd = [i for i, v in enumerate(values) if not isinstance(v, str) and not is_missing(v)]
    named = [(ids[i] if ids is not None else str(i), values[i]) for i in odd[:_NAMED]]
    _warn_odd(named, len(odd), len(values), stacklevel + 1)


def _warn_odd(named: list, n_odd: int, n_texts: int, stacklevel: int) -> None:
    if not n_odd:
        return
    names = ", ".join(f"{name!r} ({type(value).__name__})" for name, value in named)
    more = f" and {n_odd - len(named)} more" if n_odd > len(named) else ""
    warnings.warn(
        f"{n_odd} of {n_texts} texts are not strings and count as empty texts: doc_id {names}{more}; pass "
        "strings (e.g. df['text'].astype(str), or bytes decoded) or load the files with analysis.corpus.load",
        UserWarning, stacklevel=stacklevel)


def checked_texts(texts: Iterable) -> Iterable:
    """``texts`` with :func:`warn_not_text` applied: a list or tuple at once, any other iterable as it is read.

    A generator stays lazy (the corpus may not fit in memory): the values in
    it that are not texts are warned about once it is exhausted.
    """
    if isinstance(texts, (list, tuple)):
        warn_not_text(texts)
        return texts
    return _checked(iter(texts))


def _checked(texts: Iterator) -> Iterator:
    named: list = []
    n_odd = n = 0
    for n, text in enumerate(texts, 1):
        if not isinstance(text, str) and not is_missing(text):
            n_odd += 1
            if len(named) < _NAMED:
                named.append((str(n - 1), text))
        yield text
    _warn_odd(named, n_odd, n, 2)


# --- groups -----------------------------------------------------------------------


def by_columns(data, by, what: str = "by") -> list[str]:
    """``by`` as a list of existing column names of ``data`` (an error names the columns that exist).

    ``what`` is the parameter's name in the error (``"keep"`` for ``keep=``).
    """
    if by is None:
        return []
    columns = [by] if isinstance(by, str) or not isinstance(by, Iterable) else list(by)
    if not columns:
        raise ValueError(f"{what}={by!r} names no column; pass a column name or a list of them")
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise ValueError(
            f"{what}={by!r}: no column {', '.join(map(repr, missing))}; the columns are "
            f"{', '.join(map(repr, data.columns))}"
        )
    return columns


def _is_text_dtype(dtype) -> bool:
    return dtype == object or isinstance(dtype, (pd.StringDtype, pd.CategoricalDtype)) or pd.api.types.is_string_dtype(dtype)


def group_values(values: pd.Series) -> pd.Series:
    """A group column with the missing-group policy applied (see the module docstring).

    Examples
    --------
    >>> group_values(pd.Series(["bbc", None])).tolist()
    ['bbc', '(unknown)']
    >>> group_values(pd.Series([2017.0, None])).tolist()
    [2017.0, nan]
    """
    if not _is_text_dtype(values.dtype) or not values.isna().any():
        return values
    if isinstance(values.dtype, pd.CategoricalDtype):
        if MISSING_GROUP not in values.cat.categories:
            values = values.cat.add_categories([MISSING_GROUP])
        return values.fillna(MISSING_GROUP)
    return values.astype(object).where(values.notna(), MISSING_GROUP).astype(values.dtype if values.dtype != object else object)


def group_frame(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """The key columns of ``frame`` with the missing-group policy applied."""
    return pd.DataFrame({c: group_values(frame[c]) for c in columns}, index=frame.index)


def group_names(values) -> pd.Series:
    """Group values as display strings, a missing value named :data:`MISSING_GROUP` (for charts and labels).

    Examples
    --------
    >>> group_names(["reuters", None, 3]).tolist()
    ['reuters', '(unknown)', '3']
    """
    values = pd.Series(values).reset_index(drop=True)
    return values.astype(object).where(values.notna(), MISSING_GROUP).astype(str)


def largest_group(values) -> object:
    """The most frequent known value of a group column (ties: the first in sorted order), else ``MISSING_GROUP``.

    Examples
    --------
    >>> largest_group(pd.Series(["a", "b", "b", None, None, None]))
    'b'
    """
    values = pd.Series(values)
    counts = values.dropna().value_counts()
    if counts.empty:
        return MISSING_GROUP
    best = counts[counts == counts.max()].index
    return sorted(best, key=str)[0]


# --- periods ----------------------------------------------------------------------

# pandas' offset aliases (what date_range and resample take) for the periods
# to_period takes: "ME" is a month as an offset, "M" as a period.
_PERIOD_ALIASES = {"ME": "M", "MS": "M", "BME": "M", "BMS": "M", "QE": "Q", "QS": "Q", "BQE": "Q",
                   "YE": "Y", "YS": "Y", "A": "Y", "AS": "Y", "BYE": "Y", "H": "h"}


def period_freq(freq: str) -> str:
    """``freq`` as a period frequency pandas' ``to_period`` accepts; a bad one is refused.

    Examples
    --------
    >>> period_freq("ME"), period_freq("QE-DEC"), period_freq("W")
    ('M', 'Q-DEC', 'W')
    """
    if not isinstance(freq, str) or not freq.strip():
        raise ValueError(f"freq={freq!r}; pass a period such as 'D', 'W', 'M' (or 'ME'), 'Q' or 'Y'")
    base, dash, anchor = freq.strip().partition("-")
    head = base.lstrip("0123456789")
    count = base[: len(base) - len(head)]
    key = head.upper() if head.upper() in _PERIOD_ALIASES else head
    normalised = count + _PERIOD_ALIASES.get(key, head) + dash + anchor
    try:
        pd.Period("2017-01-01", freq=normalised)
    except (ValueError, TypeError, AttributeError) as exc:
        raise ValueError(
            f"freq={freq!r} is not a period pandas knows ({exc}); pass 'D', 'W', 'M' (or 'ME'), 'Q' or 'Y'"
        ) from None
    return normalised


def naive_dates(values: pd.Series) -> pd.Series:
    """A column of dates as naive datetimes: NaT where unknown or unreadable; a zoned column keeps its
    wall-clock times, and text with offsets is read as UTC."""
    if not pd.api.types.is_datetime64_any_dtype(values):
        values = pd.to_datetime(values, errors="coerce", utc=True)
    if getattr(values.dt, "tz", None) is not None:
        values = values.dt.tz_localize(None)
    return values


def periods(dates: pd.Series, freq: str) -> pd.Series:
    """The period of each date (NaT stays missing).

    Examples
    --------
    >>> periods(pd.Series(pd.to_datetime(["2017-01-31", None])), "ME").astype(str).tolist()
    ['2017-01', nan]
    """
    return naive_dates(dates).dt.to_period(period_freq(freq))


def check_date_column(columns, date: str, what: str) -> None:
    """Raise when ``date`` is not among ``columns``."""
    if date not in columns:
        raise ValueError(
            f"date={date!r} is not a column; the columns are {', '.join(map(repr, columns))}. "
            f"{what} needs a column of publication dates"
        )


# --- validators -------------------------------------------------------------------


def check_int(name: str, value, *, low: int = 1, high: int | None = None) -> int:
    """``value`` as an int when it is a whole number in ``[low, high]``; else a ValueError naming it.

    Examples
    --------
    >>> check_int("n", 3)
    3
    >>> check_int("n", 0)
    Traceback (most recent call last):
    ...
    ValueError: n=0; pass a whole number >= 1
    """
    ok = not isinstance(value, (bool, np.bool_)) and isinstance(value, (int, np.integer))
    if not ok or value < low or (high is not None and value > high):
        limit = f">= {low}" if high is None else f"from {low} to {high}"
        raise ValueError(f"{name}={value!r}; pass a whole number {limit}")
    return int(value)


def check_choice(name: str, value, choices: Sequence) -> object:
    """``value`` when it is one of ``choices``; else a ValueError listing them."""
    if not any(value == c and type(value) is type(c) for c in choices):
        raise ValueError(f"{name}={value!r}; pass one of {', '.join(map(repr, choices))}")
    return value


def check_n_jobs(n_jobs) -> int | None:
    """``n_jobs`` when valid: None (the package decides), -1 (every core) or a positive number of processes."""
    if n_jobs is None:
        return None
    if isinstance(n_jobs, (bool, np.bool_)) or not isinstance(n_jobs, (int, np.integer)) or not (
            n_jobs >= 1 or n_jobs == -1):
        raise ValueError(f"n_jobs={n_jobs!r}; pass None (automatic), -1 (every core) or a number of processes >= 1")
    return int(n_jobs)


def cores() -> int:
    """Cores this process may run on."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def check_random_state(random_state) -> int:
    """A seed: an int (numpy ints too); anything else is refused with what to pass."""
    if isinstance(random_state, (bool, np.bool_)) or not isinstance(random_state, (int, np.integer)):
        raise ValueError(f"random_state={random_state!r}; pass an int seed, e.g. 0")
    return int(random_state)


def is_missing(value) -> bool:
    """Whether one value is missing (None, NaN, NaT, NA); a list or an array is not."""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
