"""What loading could not do: the load report, its warning, and ``strict=True``.

Nothing is dropped silently: every file or row :func:`~analysis.corpus.load`
skips, and every input problem it works around (bytes not in the encoding,
broken CSV rows, repeated ids), has a line in the load report, is logged on the
``analysis.corpus`` logger, and is summed up in one :class:`CorpusWarning`.
``strict=True`` raises :class:`CorpusError` at the first problem instead.

A report is a list of ``(item, status, reason, is_problem)`` tuples while
loading, and a table (:func:`load_report`) once the corpus is loaded.
"""

from __future__ import annotations

import logging
import warnings

import pandas as pd

logger = logging.getLogger("analysis.corpus")

# load_report() columns and statuses
ITEM, STATUS, REASON = "item", "status", "reason"
REPORT_COLUMNS = (ITEM, STATUS, REASON)
LOADED, SKIPPED, WARNING = "loaded", "skipped", "warning"
#: Status of the load report's rows about boilerplate: one per boilerplate line found
#: (``reason`` says how many articles it was removed from), and the detection's notes
#: under the item :data:`BOILERPLATE_ITEM`.
BOILERPLATE_STATUS = "boilerplate"
BOILERPLATE_ITEM = "(boilerplate)"
#: Where a loaded table keeps its report (``df.attrs[REPORT_ATTR]``).
REPORT_ATTR = "load_report"


class CorpusError(ValueError):
    """An input problem, raised by :func:`~analysis.corpus.load` when ``strict=True``."""


class CorpusWarning(UserWarning):
    """Some items were skipped or loaded with problems: see :func:`load_report`."""


def problem(report: list, item: str, status: str, reason: str, opts) -> None:
    """Record an input problem; under ``opts.strict`` raise it instead."""
    if opts.strict:
        raise CorpusError(f"{item}: {reason} (strict=True stops at the first problem)")
    report.append((item, status, reason, True))


def count_rows(n: int) -> str:
    """``"1 row"``, ``"2,000 rows"``."""
    return f"{n:,} row{'' if n == 1 else 's'}"


class Report:
    """Holds a load report in ``df.attrs``.

    pandas compares ``attrs`` with ``==`` when it combines frames (``pd.concat``);
    a bare DataFrame there would raise. Reports are equal only to themselves,
    so combining different corpora drops the report instead of failing.

    ``boilerplate`` is the table of boilerplate lines found
    (``line, kind, source, n_articles``), ``None`` when detection was off.
    """

    __slots__ = ("table", "boilerplate")

    def __init__(self, table: pd.DataFrame, boilerplate: pd.DataFrame | None = None):
        self.table = table
        self.boilerplate = boilerplate

    def __eq__(self, other) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)

    def __deepcopy__(self, memo):  # df.copy() need not copy the report
        return self

    def __repr__(self) -> str:
        return f"<load report: {len(self.table):,} items; see analysis.corpus.load_report(df)>"


def report_frame(report: list, boilerplate: pd.DataFrame | None = None) -> Report:
    """The report list (and the boilerplate lines found) as a :class:`Report` for ``df.attrs``."""
    table = pd.DataFrame([r[:3] for r in report], columns=list(REPORT_COLUMNS)).astype("str")
    return Report(table, boilerplate)


def announce(report: list, where: str) -> None:
    """Log each input problem and warn once, so a notebook user sees them."""
    problems = [r for r in report if r[3]]
    for item, status, reason, _ in problems[:20]:
        logger.warning("%s %s: %s", status, item, reason)
    if len(problems) > 20:
        logger.warning("... and %d more problems: see analysis.corpus.load_report(df)", len(problems) - 20)
    for item, status, reason, is_problem in report:
        if status == SKIPPED and not is_problem:
            logger.info("skipped %s: %s", item, reason)
    if problems:
        n_skipped = sum(1 for r in problems if r[1] == SKIPPED)
        n_warned = len(problems) - n_skipped
        first = problems[0]
        warnings.warn(
            f"{where}: {n_skipped} item(s) skipped, {n_warned} loaded with problems "
            f"(first: {first[0]}: {first[2]}); see analysis.corpus.load_report(df)",
            CorpusWarning,
            stacklevel=4,
        )


def load_report(df: pd.DataFrame) -> pd.DataFrame:
    """The load report of a table made by :func:`~analysis.corpus.load`: one row per item seen.

    Columns ``item`` (a file path relative to the folder, ``file:row`` for a
    row of a table, or a ``doc_id``), ``status`` (``"loaded"``, ``"skipped"``
    or ``"warning"`` -- loaded, with the problem in ``reason``) and ``reason``
    (``""`` when loaded cleanly). Every file of a folder has a row: loaded,
    skipped with the reason (binary, empty, unreadable, excluded by name, not
    an article file) or loaded with a warning (bytes not in the encoding,
    parser notes); a table file has one row for the file and one per skipped
    or warned row; renamed duplicate ids have a row each.

    Boilerplate detection (``load(..., boilerplate=True)``, the default) adds
    rows with status ``"boilerplate"``: item ``"(boilerplate)"`` for what it
    judged (or why it removed nothing: too few articles, mostly short ones),
    then one row per boilerplate line, sentence or template found -- the line
    as ``item``, and in ``reason`` its kind, the number of articles it was
    removed from and its source. An article left whole because nothing but
    boilerplate would remain has a ``"warning"`` row.

    The report lives in ``df.attrs["load_report"]``; pandas keeps ``attrs``
    through most operations (copies, slices, samples), not through
    ``pd.concat`` of different corpora.

    Examples
    --------
    >>> from analysis.corpus import load
    >>> df = load(["Title\\n\\nBody.", "just one line"], progress=False, boilerplate=False)
    >>> report = load_report(df)
    >>> report[["item", "status"]]
      item   status
    0    0   loaded
    1    1  warning
    >>> report["reason"].tolist()
    ['', 'only one line: its first sentence is the title, all of it the text']
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"load_report(df) needs the DataFrame load() returned, not a {type(df).__name__}")
    report = df.attrs.get(REPORT_ATTR)
    if isinstance(report, Report):
        return report.table
    if report is None:
        raise ValueError(
            "this DataFrame has no load report: it was not made by analysis.corpus.load, or an "
            "operation dropped its attrs (pd.concat of different corpora does); reload it"
        )
    return report
