"""Summarise a corpus: articles by source, label and period, lengths, missing values, duplicates, warnings,
the boilerplate removed and per-article quality flags."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import _parallel
from analysis._input import group_values, period_freq
from analysis.corpus.cleaning import lines_table
from analysis.corpus.duplicates import find_duplicates
from analysis.corpus.problems import REPORT_ATTR
from analysis.corpus.quality import FAILED, quality_table
from analysis.corpus.reading import str_array
from analysis.corpus.schema import (
    BOILERPLATE,
    COLUMNS,
    DATE,
    KIND,
    LABEL,
    LINE,
    N_CHARS,
    SOURCE,
    TEXT,
    TITLE,
    WARNINGS,
)
from analysis.text.counting import word_counts

# summary() table columns
N_ARTICLES, SHARE, PERIOD = "n_articles", "share", "period"
STATISTIC, N_WORDS, COLUMN, N_MISSING, MEASURE, VALUE, WARNING_COLUMN = (
    "statistic", "n_words", "column", "n_missing", "measure", "value", "warning",
)  # fmt: skip


@dataclass(repr=False)
class CorpusSummary:
    """What :func:`summary` returns: tidy tables, reachable as attributes or keys.

    Attributes
    ----------
    overview : DataFrame
        ``measure``, ``value``: articles, sources, labels, first and last date,
        dates missing, duplicates, articles with warnings.
    by_source, by_label : DataFrame
        ``source`` (or ``label``), ``n_articles``, ``share``; most frequent
        first, articles without a value counted as ``"(unknown)"``.
    by_period : DataFrame
        ``period`` (start of each period, empty periods included),
        ``n_articles``; no rows when no article has a date.
    lengths : DataFrame
        ``statistic`` (count, mean, std, min, 25%, 50%, 75%, max), ``n_chars``,
        ``n_words`` (words as :func:`analysis.terms.words` counts them).
    missing : DataFrame
        ``column``, ``n_missing``, ``share`` for title, date, source, label and
        text (an empty text counts as missing).
    duplicates : DataFrame
        :func:`find_duplicates`'s table.
    warnings : DataFrame
        ``warning`` (numbers and quoted values replaced by ``N`` and ``'…'``
        so alike notes group), ``n_articles``.
    boilerplate : DataFrame
        ``line``, ``kind``, ``source``, ``n_articles``: every boilerplate line,
        sentence or template :func:`load` removed, with the number of articles
        it was removed from (see :mod:`analysis.corpus.boilerplate`).
    quality : DataFrame
        One row per article: ``doc_id``, ``repeated_share`` (share of its lines
        found in other articles, before boilerplate removal when :func:`load`
        measured it), ``symbol_ratio`` (symbols such as ``# @ | / * ©`` per
        word), ``no_stop_share`` (share of lines without a final stop),
        ``english_share`` (share of words that are English function words: a
        language check), and ``failed_checks``: the checks it fails,
        comma-separated (``""`` when none), at the limits of
        :data:`analysis.corpus.quality.QUALITY_LIMITS`
        (:func:`analysis.corpus.quality.quality_table`).
    """

    overview: pd.DataFrame
    by_source: pd.DataFrame
    by_label: pd.DataFrame
    by_period: pd.DataFrame
    lengths: pd.DataFrame
    missing: pd.DataFrame
    duplicates: pd.DataFrame
    warnings: pd.DataFrame
    boilerplate: pd.DataFrame
    quality: pd.DataFrame

    def keys(self) -> list[str]:
        return list(self.__dataclass_fields__)

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self.__dataclass_fields__:
            raise KeyError(f"{name!r}; the tables are {self.keys()}")
        return getattr(self, name)

    def items(self):
        return [(name, self[name]) for name in self.keys()]

    def __repr__(self) -> str:
        parts = []
        for name, table in self.items():
            body = table.to_string(index=False, max_rows=12) if len(table) else "(none)"
            parts.append(f"{name}:\n{body}")
        return "CorpusSummary\n\n" + "\n\n".join(parts)

    def _repr_html_(self) -> str:
        parts = ["<b>CorpusSummary</b>"]
        for name, table in self.items():
            body = table.to_html(index=False, max_rows=12) if len(table) else "<p>(none)</p>"
            parts.append(f"<h4>{name}</h4>{body}")
        return "\n".join(parts)


def _counts(df: pd.DataFrame, column: str) -> pd.DataFrame:
    counts = group_values(df[column]).value_counts(dropna=False)
    table = pd.DataFrame({column: str_array(list(counts.index)), N_ARTICLES: counts.to_numpy()})
    table[SHARE] = table[N_ARTICLES] / max(len(df), 1)
    return table


def _period_counts(dates: pd.Series, freq: str) -> pd.DataFrame:
    freq = period_freq(freq)
    known = dates.dropna()
    if known.empty:
        return pd.DataFrame({PERIOD: pd.Series([], dtype="datetime64[ns]"), N_ARTICLES: pd.Series([], dtype=np.int64)})
    periods = known.dt.to_period(freq)
    full = pd.period_range(periods.min(), periods.max(), freq=freq)
    counts = periods.value_counts().reindex(full, fill_value=0)
    return pd.DataFrame(
        {PERIOD: full.to_timestamp().astype("datetime64[ns]"), N_ARTICLES: counts.to_numpy(dtype=np.int64)}
    )


def _boilerplate_lines(df: pd.DataFrame) -> pd.DataFrame:
    """The boilerplate table of the load report; else counted from the ``boilerplate`` column."""
    table = getattr(df.attrs.get(REPORT_ATTR), "boilerplate", None)
    if isinstance(table, pd.DataFrame):
        return table.reset_index(drop=True)
    if BOILERPLATE not in df.columns:
        return lines_table([])
    # A table whose report was dropped (pd.concat): each removed line as written.
    counts = pd.Series(
        [line for removed in df[BOILERPLATE].fillna("") if removed for line in set(removed.split("\n"))],
        dtype="str",
    ).value_counts()
    return pd.DataFrame({
        LINE: str_array(list(counts.index)), KIND: str_array([None] * len(counts)),
        SOURCE: str_array([None] * len(counts)), N_ARTICLES: counts.to_numpy(dtype=np.int64),
    })  # fmt: skip


def _warning_kinds(values: pd.Series) -> pd.DataFrame:
    notes = [n.strip() for w in values.fillna("") if w for n in w.split("; ")]
    # "UTF-8" keeps its digit: numbers preceded by a letter or hyphen are names.
    notes = [re.sub(r"(?<![\w-])\d[\d,.]*", "N", re.sub(r"'[^']*'", "'…'", n)) for n in notes]
    counts = pd.Series(notes, dtype="str").value_counts()
    return pd.DataFrame({WARNING_COLUMN: str_array(list(counts.index)), N_ARTICLES: counts.to_numpy(dtype=np.int64)})


def summary(
    df: pd.DataFrame,
    *,
    freq: str = "M",
    duplicates: pd.DataFrame | None = None,
    threshold: float = 0.9,
) -> CorpusSummary:
    """Summarise a corpus: articles by source, label and period, lengths,
    missing values, duplicates, parse warnings, the boilerplate removed and
    per-article quality flags.

    Parameters
    ----------
    df : DataFrame
        A table from :func:`load`.
    freq : str, default "M"
        Period of ``by_period``: ``"D"``, ``"W"``, ``"M"``, ``"Q"``, ``"Y"``
        (or pandas' ``"ME"``, ``"QE"``, ``"YE"``).
    duplicates : DataFrame, optional
        A table from :func:`find_duplicates`, to save computing it again.
    threshold : float, default 0.9
        Similarity threshold of :func:`find_duplicates` when ``duplicates`` is
        not given.

    Returns
    -------
    CorpusSummary
        Tidy tables as attributes (and keys): ``overview``, ``by_source``,
        ``by_label``, ``by_period``, ``lengths``, ``missing``, ``duplicates``,
        ``warnings``, ``boilerplate`` (the lines :func:`load` removed) and
        ``quality`` (per-article quality flags); its repr prints them all.

    Examples
    --------
    >>> from analysis.corpus import load
    >>> df = load(["Rain\\n\\nIt will rain.", "Sun\\n\\nThe sun will shine all day."],
    ...           source="Reuters", progress=False)
    >>> s = summary(df)
    >>> s.by_source
        source  n_articles  share
    0  reuters           2    1.0
    >>> s.lengths[s.lengths.statistic.isin(["count", "mean"])]
      statistic  n_chars  n_words
    0     count      2.0      2.0
    1      mean     20.0      4.5
    >>> s.missing.set_index("column").loc["date", "n_missing"]
    np.int64(2)
    >>> s.quality[["doc_id", "no_stop_share", "english_share"]]
      doc_id  no_stop_share  english_share
    0      0            0.0       0.666667
    1      1            0.0       0.333333
    >>> s.quality["failed_checks"].tolist()
    ['', '']
    """
    missing_cols = [c for c in COLUMNS if c not in df.columns]
    if missing_cols:
        raise ValueError(
            f"summary needs the columns of analysis.corpus.load; {missing_cols} are missing"
        )
    if duplicates is None:
        duplicates = find_duplicates(df, threshold)
    # Only counts here: string methods that return strings would copy the corpus.
    texts = df[TEXT]
    n_chars = texts.str.len().fillna(0).to_numpy(dtype=float)
    blank = (n_chars == 0) | texts.str.isspace().fillna(True).to_numpy(dtype=bool)
    n_words = np.concatenate([np.zeros(0, dtype=np.int64), *_parallel.map_batches(
        word_counts, _parallel.batches(texts.tolist()), progress=False)])
    lengths = pd.DataFrame({N_CHARS: n_chars, N_WORDS: n_words.astype(float)})
    described = lengths.describe()
    lengths_table = described.reset_index(names=STATISTIC)
    lengths_table[STATISTIC] = lengths_table[STATISTIC].astype("str")

    n = len(df)
    missing = pd.DataFrame(
        {
            COLUMN: str_array([TITLE, DATE, SOURCE, LABEL, TEXT]),
            N_MISSING: np.array(
                [df[TITLE].isna().sum(), df[DATE].isna().sum(), df[SOURCE].isna().sum(),
                 df[LABEL].isna().sum(), blank.sum()], dtype=np.int64,
            ),  # fmt: skip
        }
    )
    missing[SHARE] = missing[N_MISSING] / max(n, 1)
    warned = df[WARNINGS].fillna("") != ""
    lines = _boilerplate_lines(df)
    n_cleaned = int((df[BOILERPLATE].fillna("") != "").sum()) if BOILERPLATE in df.columns else 0
    quality = quality_table(df)
    dates = df[DATE]
    overview_rows = [
        ("articles", n),
        ("sources", int(df[SOURCE].nunique())),
        ("labels", int(df[LABEL].nunique())),
        ("first date", dates.min() if dates.notna().any() else pd.NaT),
        ("last date", dates.max() if dates.notna().any() else pd.NaT),
        ("dates missing", int(dates.isna().sum())),
        ("duplicates", len(duplicates)),
        ("articles with warnings", int(warned.sum())),
        ("boilerplate lines found", len(lines)),
        ("articles with boilerplate removed", n_cleaned),
        ("articles flagged by quality checks", int((quality[FAILED] != "").sum())),
    ]
    overview = pd.DataFrame(
        {MEASURE: str_array([m for m, _ in overview_rows]),
         VALUE: pd.Series([v for _, v in overview_rows], dtype=object)}
    )  # fmt: skip
    return CorpusSummary(
        overview=overview,
        by_source=_counts(df, SOURCE),
        by_label=_counts(df, LABEL),
        by_period=_period_counts(dates, freq),
        lengths=lengths_table,
        missing=missing,
        duplicates=duplicates,
        warnings=_warning_kinds(df[WARNINGS]),
        boilerplate=lines,
        quality=quality,
    )
