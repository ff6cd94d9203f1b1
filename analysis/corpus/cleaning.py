"""Boilerplate removal inside a load: decided once for the whole corpus, applied part by part.

:func:`~analysis.corpus.load` parses its input in parts (in worker processes
for large folders); each part carries the segment counts of its texts
(:func:`analysis.corpus.reading.counted`). :class:`Cleaner` decides once, from
the counts of every part (:func:`analysis.corpus.boilerplate.decide`), then
cleans the parts in the order they were counted, adding the
:data:`~analysis.corpus.schema.CLEANING_COLUMNS`. The boilerplate lines found
go to the load report (one row each) and, as a table, to
:attr:`analysis.corpus.problems.Report.boilerplate`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.corpus import boilerplate
from analysis.corpus.problems import BOILERPLATE_ITEM, BOILERPLATE_STATUS, WARNING
from analysis.corpus.reading import Options, str_array
from analysis.corpus.schema import (
    BOILERPLATE,
    COLUMNS,
    DOC_ID,
    KIND,
    LINE,
    N_ARTICLES,
    N_CHARS,
    PARSE_COLUMNS,
    REMOVED_COLUMN,
    REPEATED_SHARE,
    SOURCE,
    TEXT,
    WARNINGS,
)

_SETTINGS = ("min_articles", "min_share")


def boilerplate_settings(value) -> dict | None:
    """The settings of :func:`~analysis.corpus.boilerplate.decide` that ``load(boilerplate=value)`` asks for.

    ``True`` gives the defaults (``{}``), ``False`` or ``None`` switches
    detection off (``None``), a dict is checked and passed on.

    Examples
    --------
    >>> boilerplate_settings(True), boilerplate_settings(False), boilerplate_settings({"min_articles": 5})
    ({}, None, {'min_articles': 5})
    """
    if value is True:
        return {}
    if value is False or value is None:
        return None
    if isinstance(value, dict):
        unknown = set(value) - set(_SETTINGS)
        if unknown:
            raise ValueError(
                f"boilerplate={value!r}: unknown setting(s) {sorted(unknown)}; pass True, False or a "
                f"dict with {sorted(_SETTINGS)} (see analysis.corpus.boilerplate.decide)"
            )
        boilerplate.decide([], **value)  # checks the values
        return dict(value)
    raise ValueError(
        f"boilerplate={value!r}; pass True (find and remove it), False (keep every line) or a dict "
        "of settings such as {'min_articles': 10, 'min_share': 0.02}"
    )


def lines_table(lines) -> pd.DataFrame:
    """The boilerplate lines found (:class:`~analysis.corpus.boilerplate.Line`) as a table:
    ``line, kind, source, n_articles``."""
    return pd.DataFrame({
        LINE: str_array([line.text for line in lines]),
        KIND: str_array([line.kind for line in lines]),
        SOURCE: str_array([line.source for line in lines]),
        N_ARTICLES: np.array([line.n_articles for line in lines], dtype=np.int64),
    })  # fmt: skip


def replaced(column: pd.Series, where: list[int], values: list[str]) -> pd.Series:
    """``column`` with the strings at positions ``where`` replaced: one Arrow pass, no Python copy."""
    import pyarrow as pa
    import pyarrow.compute as pc

    array = pa.array(column)
    mask = np.zeros(len(column), dtype=bool)
    mask[where] = True
    array = pc.replace_with_mask(array, pa.array(mask), pa.array(values, type=array.type))
    return pd.Series(pd.array(array, dtype=column.dtype), index=column.index, name=column.name)


class Cleaner:
    """Corpus-level boilerplate removal: decided once from the counts of every part,
    then applied to the parts in the order they were counted.

    Parameters
    ----------
    counts : list of Counts
        The counts of every part, in order (:func:`analysis.corpus.reading.counted`).
    opts : Options
        The load's options; with ``opts.boilerplate`` ``None`` (or ``parse=False``)
        nothing is removed and ``repeated_share`` is NaN.
    report : list
        The load report: the detection's notes are added to it.
    """

    def __init__(self, counts: list, opts: Options, report: list):
        self.found = None
        self.start = 0
        self.rows: list = []  # report rows of articles kept whole, taken by the caller
        if opts.boilerplate is None or not opts.parse:
            return
        if any(c is None for c in counts):  # cannot happen: every parsed part is counted
            raise RuntimeError("a part of the corpus was not counted for boilerplate")
        self.found = boilerplate.decide(counts, **opts.boilerplate)
        report.extend((BOILERPLATE_ITEM, BOILERPLATE_STATUS, note, False) for note in self.found.notes)

    def clean(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` (the next part) without its boilerplate, with the cleaning columns.

        The ``boilerplate`` column holds every line taken out of an article's
        body: first those the parser removed (captions, bylines, footers ...),
        then the corpus's boilerplate.
        """
        n = len(frame)
        removed = [r if isinstance(r, str) else "" for r in frame.pop(REMOVED_COLUMN).tolist()] if (
            REMOVED_COLUMN in frame.columns) else [""] * n
        if self.found is None:
            share = np.full(n, np.nan)
        else:
            share = self.found.repeated_share[self.start : self.start + n]
            where = self.found.articles(self.start, self.start + n)
            if where:
                self._remove(frame, where, removed)
            self.start += n
        pos = len(COLUMNS) + len(PARSE_COLUMNS)
        frame.insert(pos, BOILERPLATE, str_array(removed))
        frame.insert(pos + 1, REPEATED_SHARE, np.asarray(share, dtype=np.float64))
        return frame

    def _remove(self, frame: pd.DataFrame, where: list[int], removed: list[str]) -> None:
        done = boilerplate.remove(
            frame[TEXT].take(where).tolist(), frame[SOURCE].take(where).tolist(),
            self.found, positions=[self.start + i for i in where])  # fmt: skip
        frame[TEXT] = replaced(frame[TEXT], where, done.texts)
        named = [(i, name) for i, name in zip(where, done.sources) if name is not None]
        unknown = frame[SOURCE].isna().to_numpy()
        named = [(i, name) for i, name in named if unknown[i]]
        if named:  # a line heading many articles of unknown source is their source line
            frame[SOURCE] = replaced(frame[SOURCE], [i for i, _ in named], [name for _, name in named])
        n_chars = frame[N_CHARS].to_numpy(copy=True)
        n_chars[where] = [len(t) for t in done.texts]
        frame[N_CHARS] = n_chars
        notes = {}
        for i, gone, note in zip(where, done.removed, done.warnings):
            removed[i] = f"{removed[i]}\n{gone}" if removed[i] and gone else removed[i] or gone
            if note:
                notes[i] = note
        at = frame.columns.get_loc
        for i, note in notes.items():
            old = frame.iat[i, at(WARNINGS)]
            frame.iat[i, at(WARNINGS)] = f"{old}; {note}" if old else note
            self.rows.append((frame.iat[i, at(DOC_ID)], WARNING, note, False))

    def take_rows(self) -> list:
        """The report rows of the parts cleaned since the last call."""
        rows, self.rows = self.rows, []
        return rows

    def table(self) -> pd.DataFrame | None:
        """The boilerplate lines found, with the articles each was removed from (None when off)."""
        if self.found is None:
            return None
        return lines_table(self.found.lines)

    def line_rows(self) -> list:
        """Load report rows: one per boilerplate line."""
        if self.found is None:
            return []
        return [
            (line.text, BOILERPLATE_STATUS,
             f"{line.kind} removed from {line.n_articles:,} article{'' if line.n_articles == 1 else 's'} "
             f"(source: {'unknown' if line.source is None else line.source})", False)
            for line in self.found.lines
        ]  # fmt: skip
