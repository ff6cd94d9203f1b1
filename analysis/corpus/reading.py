"""Reading article files and tables: bytes to text, rows to articles.

Pure functions of their arguments (the files, and :class:`Options`, which
carries every setting a user can change -- source aliases, parser rules and
the sentence splitter's word lists included), so chunks of a folder can run in worker processes of
:mod:`analysis._parallel` without depending on what those processes saw before.
"""

from __future__ import annotations

import codecs
import csv
import datetime as _dt
import io
import json
import os
import sys
import threading
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import numpy as np
import pandas as pd

from analysis.corpus import articles
from analysis.corpus.problems import LOADED, SKIPPED, WARNING, CorpusError, count_rows, problem
from analysis.corpus.segment_counts import count
from analysis.corpus.schema import (
    DATE,
    DATE_COLUMNS,
    DATELINE_AGENCY,
    DATELINE_PLACE,
    DOC_ID,
    LABEL,
    N_CHARS,
    PATH,
    RECORD,
    REMOVED,
    REMOVED_COLUMN,
    SHAPE,
    SOURCE,
    TEXT,
    TEXT_COLUMNS,
    TITLE,
    TITLE_COLUMNS,
    WARNINGS,
)
from analysis.text.splitter import SplitRules

_FALLBACK_ENCODINGS = ("cp1252", "latin-1")

# --- reading bytes ------------------------------------------------------------


_decode_state = threading.local()


def _fallback_decode(exc: UnicodeDecodeError):
    # Only the bytes that are not valid in the main encoding are decoded with
    # the fallback, so the rest of a mostly-UTF-8 file keeps its characters.
    bad = exc.object[exc.start : exc.end]
    chars = []
    for b in bad:
        try:
            chars.append(bytes([b]).decode(_FALLBACK_ENCODINGS[0]))
        except UnicodeDecodeError:
            chars.append(bytes([b]).decode(_FALLBACK_ENCODINGS[1]))
    _decode_state.n_bad = getattr(_decode_state, "n_bad", 0) + len(bad)
    return "".join(chars), exc.end


_FALLBACK_ERRORS = "analysis.corpus-fallback"
codecs.register_error(_FALLBACK_ERRORS, _fallback_decode)

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Bytes that never occur in text: controls other than tab, newlines, form feed.
_TEXT_BYTES = bytes([7, 8, 9, 10, 12, 13, 27, *range(32, 127), *range(128, 256)])


def decode(data: bytes, encoding: str) -> tuple[str, str]:
    """``(text, note)``: ``note`` says where the bytes were not valid ``encoding``."""
    if data[:1] in (b"\xef", b"\xff", b"\xfe"):  # only then can a byte-order mark start it
        for bom, name in _BOMS:
            if data.startswith(bom):
                encoding = name
                break
    try:
        return data.decode(encoding), ""
    except UnicodeDecodeError as exc:
        first = exc.start
    _decode_state.n_bad = 0
    text = data.decode(encoding, errors=_FALLBACK_ERRORS)
    n_bad = _decode_state.n_bad
    note = (
        f"not valid {encoding.upper()} at byte {first:,} ({n_bad:,} undecodable "
        f"byte{'s' if n_bad > 1 else ''}, read as {_FALLBACK_ENCODINGS[0]})"
    )
    if n_bad > 0.05 * len(data):
        note += "; is the file in another encoding? pass encoding="
    return text, note


def read_bytes(path: str) -> bytes:
    """The bytes of a file, read whole."""
    # os.read skips the buffered file object: a third of the time per small file.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        size = os.fstat(fd).st_size
        data = os.read(fd, size + 1)
        if len(data) <= size:  # a short read: finish it
            chunks = [data]
            while chunk := os.read(fd, 1 << 20):
                chunks.append(chunk)
            data = b"".join(chunks)
        elif len(data) > size:  # the file grew since fstat
            data = b"".join([data, *iter(lambda: os.read(fd, 1 << 20), b"")])
        return data
    finally:
        os.close(fd)


def unreadable_reason(data: bytes) -> str | None:
    """Why ``data`` is not an article file (empty, binary), or ``None``."""
    if not data or data.isspace():
        return "empty file" if not data else "empty file (only white space)"
    head = data[:8192]
    controls = head.translate(None, _TEXT_BYTES)
    if not controls:  # the usual case: plain text
        return None
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if b"\x00" in controls:
        return "binary file (NUL bytes; for UTF-16 text without a byte-order mark pass encoding='utf-16')"
    # Text has next to no control bytes; random or compressed data has ~10 %.
    if len(controls) > 0.01 * len(head):
        return "binary file (mostly control bytes, not text)"
    return None


# --- options and per-item readers (run in worker processes too) ----------------


@dataclass
class Options:
    """Every setting of one load, sent with each task to worker processes."""

    encoding: str = "utf-8"
    parse: bool = True
    source: str | None = None
    label: str | None = None
    id_column: str | None = None
    text_column: str | None = None
    title_column: str | None = None
    date_column: str | None = None
    max_title_chars: int = articles.MAX_TITLE_CHARS
    strict: bool = False
    rules: tuple = ()
    aliases: dict = field(default_factory=dict)
    #: The sentence splitter's word lists, for the title of a text whose first line is too long.
    split_rules: SplitRules | None = None
    #: The settings of boilerplate.decide (``{}``: the defaults); ``None`` when detection is off.
    boilerplate: dict | None = None


def new_columns() -> dict[str, list]:
    """Empty lists, one per column of :data:`~analysis.corpus.schema.RECORD` and for the lines the parser
    removed (the cleaning step moves them to the ``boilerplate`` column), to collect articles in."""
    return {name: [] for name in (*RECORD, REMOVED)}


def _parse_fields(text: str, title: str | None, opts: Options) -> dict:
    if not opts.parse:
        return {
            TITLE: title.strip() or None if isinstance(title, str) else None,
            TEXT: text, DATE: None, SOURCE: None, DATELINE_PLACE: None,
            DATELINE_AGENCY: None, SHAPE: articles.SHAPE_RAW, WARNINGS: "", REMOVED: "",
        }  # fmt: skip
    return articles.parse(text, title=title, rules=opts.rules, max_title_chars=opts.max_title_chars,
                          split_rules=opts.split_rules)


_KNOWN_FIELDS = frozenset(articles.FIELDS)


def append_article(cols: dict, extra: dict, doc_id, fields: dict, label, path) -> None:
    """Add one parsed article to the collected columns (``extra``: fields of custom rules, kept aligned)."""
    n = len(cols[DOC_ID])
    cols[DOC_ID].append(doc_id)
    cols[LABEL].append(label)
    cols[PATH].append(path)
    cols[N_CHARS].append(len(fields[TEXT]))
    for name in articles.FIELDS:
        cols[name].append(fields[name])
    if len(fields) > len(articles.FIELDS):  # fields of a user's own rules
        for key in fields.keys() - _KNOWN_FIELDS:
            extra.setdefault(key, [None] * n).append(fields[key])
    for values in extra.values():  # keep extra columns aligned
        if len(values) < n + 1:
            values.append(None)


def folder_label(rel: str, opts: Options):
    """The label a file's path gives: its first sub-folder, or its name with ``label="file"``."""
    if opts.label == "file":
        return PurePosixPath(rel).stem
    parts = rel.split("/")
    return parts[0] if len(parts) > 1 else None


def read_text_files(items: list[tuple[str, str]], opts: Options):
    """Read and parse ``.txt`` files: ``(frame, report)``.

    A pure function of its arguments, so chunks of a folder can run in worker
    processes (and later in Dask partitions).
    """
    cols, extra, report = new_columns(), {}, []
    for path, rel in items:
        try:
            data = read_bytes(path)
        except OSError as exc:
            problem(report, rel, SKIPPED, f"cannot read: {exc.strerror or exc}", opts)
            continue
        reason = unreadable_reason(data)
        if reason:
            problem(report, rel, SKIPPED, reason, opts)
            continue
        text, note = decode(data, opts.encoding)
        if note:
            problem(report, rel, WARNING, note, opts)
        fields = _parse_fields(text, None, opts)
        if note:
            fields[WARNINGS] = f"{note}; {fields[WARNINGS]}" if fields[WARNINGS] else note
        if opts.source is not None:
            fields[SOURCE] = articles.normalise_source(opts.source)
        append_article(cols, extra, rel, fields, folder_label(rel, opts), path)
        if not note:
            status = WARNING if fields[WARNINGS] else LOADED
            report.append((rel, status, fields[WARNINGS], False))
    # Built (and counted) here, so worker processes also do the conversion to Arrow strings.
    return counted(build_frame(cols, extra), cols, opts), report


# --- tables: CSV, JSON Lines, Parquet, DataFrames ------------------------------


def _csv_rows(text: str, rel: str, delimiter: str, report: list, opts: Options):
    """``(header, rows, row_numbers)``; bad rows reported by row and line."""
    limit = csv.field_size_limit()
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # a 50 MB article is one field
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        try:
            header = next(reader)
        except StopIteration:
            return None, [], []
        except csv.Error as exc:
            problem(report, rel, SKIPPED, f"header line unreadable ({exc})", opts)
            return None, [], []
        header = [h.strip() or f"column_{i}" for i, h in enumerate(header)]
        rows, numbers = [], []
        row, last_line = 0, reader.line_num
        while True:
            try:
                values = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                start, end = last_line + 1, reader.line_num
                lines = f"line {start}" if start >= end else f"lines {start}-{end}"
                problem(report, f"{rel}:{row}", SKIPPED, f"{lines}: broken quoting ({exc})", opts)
                row, last_line = row + 1, reader.line_num
                continue
            if not values:  # a blank line is no row
                last_line = reader.line_num
                continue
            if len(values) != len(header):
                problem(
                    report,
                    f"{rel}:{row}",
                    SKIPPED,
                    f"line {last_line + 1}: {len(values)} fields where the header has "
                    f"{len(header)} (missing columns or broken quoting)",
                    opts,
                )
            else:
                rows.append(values)
                numbers.append(row)
            row, last_line = row + 1, reader.line_num
        return header, rows, numbers
    finally:
        csv.field_size_limit(limit)


def read_table_file(kind: str, path: str, rel: str, opts: Options):
    """A tabular file as ``(raw DataFrame, row numbers, file note, report)``; ``raw`` is None if skipped."""
    report: list = []
    try:
        if kind == "parquet":
            raw = pd.read_parquet(path)
            return raw, list(range(len(raw))), "", report
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        problem(report, rel, SKIPPED, f"cannot read: {exc.strerror or exc}", opts)
        return None, [], "", report
    except Exception as exc:  # a corrupt Parquet file: pyarrow raises its own types
        problem(report, rel, SKIPPED, f"cannot read: {exc}", opts)
        return None, [], "", report
    reason = unreadable_reason(data)
    if reason:
        problem(report, rel, SKIPPED, reason, opts)
        return None, [], "", report
    text, note = decode(data, opts.encoding)
    if note:
        problem(report, rel, WARNING, note, opts)
    if kind in ("csv", "tsv"):
        header, rows, numbers = _csv_rows(text, rel, "\t" if kind == "tsv" else ",", report, opts)
        if header is None:
            if not report:
                problem(report, rel, SKIPPED, "empty file", opts)
            return None, [], note, report
        raw = pd.DataFrame(rows, columns=header, dtype=object)
        return raw, numbers, note, report
    records, numbers, row = [], [], 0
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            problem(report, f"{rel}:{row}", SKIPPED, f"line {lineno}: invalid JSON ({exc.msg})", opts)
        else:
            if isinstance(value, dict):
                records.append(value)
                numbers.append(row)
            else:
                problem(
                    report,
                    f"{rel}:{row}",
                    SKIPPED,
                    f"line {lineno}: a JSON {type(value).__name__}, not an object",
                    opts,
                )
        row += 1
    return pd.DataFrame.from_records(records), numbers, note, report


def _pick(columns, wanted: str | None, candidates: tuple[str, ...], what: str):
    if wanted is not None:
        if wanted not in columns:
            raise CorpusError(f"{what}={wanted!r} is not a column (columns: {list(columns)})")
        return wanted
    lower = {str(c).lower(): c for c in columns}
    return next((lower[c] for c in candidates if c in lower), None)


def as_text(value) -> str:
    """A table cell as text: missing values are ``""``, other values their ``str``."""
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return ""
    return str(value)


def _date_value(v) -> tuple[_dt.datetime | None, str]:
    if isinstance(v, (_dt.datetime, np.datetime64)):
        ts = pd.Timestamp(v)
        if pd.isna(ts):
            return None, ""
        return (ts.tz_localize(None) if ts.tzinfo else ts).to_pydatetime(), ""
    s = as_text(v).strip()
    when = articles.parse_date(s) if s else None
    return when, (f"date {s!r} not understood" if s and when is None else "")


def _dates_of(values: list) -> tuple[list, list[str]]:
    """Dates of a column (strings or datetimes) and, per row, what could not be read."""
    cache: dict = {}
    dates, notes = [], []
    for v in values:  # dates repeat: read each distinct value once
        key = (type(v), v) if isinstance(v, str) else (type(v), repr(v))
        if key not in cache:
            cache[key] = _date_value(v)
        when, note = cache[key]
        dates.append(when)
        notes.append(note)
    return dates, notes


def table_frame(raw: pd.DataFrame, ids: list[str], path, folder_label, stem, opts: Options):
    """Parse the rows of a table; return ``(frame, report)``."""
    report: list = []
    text_col = _pick(raw.columns, opts.text_column, TEXT_COLUMNS, "text_column")
    if text_col is None:
        raise CorpusError(
            f"no text column among {list(raw.columns)}; name one with text_column= "
            f"(looked for {list(TEXT_COLUMNS)})"
        )
    title_col = _pick(raw.columns, opts.title_column, TITLE_COLUMNS, "title_column")
    date_col = _pick(raw.columns, opts.date_column, DATE_COLUMNS, "date_column")
    source_col = SOURCE if SOURCE in raw.columns and opts.source is None else None
    if opts.label in (None, "folder", "file"):
        label_col = LABEL if opts.label is None and LABEL in raw.columns else None
    else:
        label_col = opts.label if opts.label in raw.columns else None
        if label_col is None:
            where = path or "DataFrame"
            problem(report, where, WARNING, f"label={opts.label!r} is not a column: labels left NA", opts)
    id_col = opts.id_column if opts.id_column is not None else (DOC_ID if DOC_ID in raw.columns else None)
    used = {text_col, title_col, date_col, source_col, label_col, id_col} - {None}

    texts = raw[text_col].tolist()
    titles = raw[title_col].tolist() if title_col is not None else [None] * len(raw)
    if id_col is not None:
        ids = [as_text(v) or fallback for v, fallback in zip(raw[id_col].tolist(), ids)]
    if date_col is not None:
        dates, date_notes = _dates_of(raw[date_col].tolist())
    else:
        dates, date_notes = [None] * len(raw), [""] * len(raw)
    sources = raw[source_col].tolist() if source_col else None
    labels = raw[label_col].tolist() if label_col else None
    fixed_label = stem if opts.label == "file" else folder_label
    fixed_source = articles.normalise_source(opts.source) if opts.source is not None else None

    cols, extra = new_columns(), {}
    for i, (doc_id, text, title) in enumerate(zip(ids, texts, titles)):
        title = None if title_col is None else as_text(title)
        fields = _parse_fields(as_text(text), title, opts)
        if dates[i] is not None:
            fields[DATE] = dates[i]
        notes = [n for n in (date_notes[i], fields[WARNINGS]) if n]
        fields[WARNINGS] = "; ".join(notes)
        if fixed_source is not None:
            fields[SOURCE] = fixed_source
        elif sources is not None and as_text(sources[i]).strip():
            fields[SOURCE] = articles.normalise_source(as_text(sources[i]))
        label = fixed_label
        if labels is not None:
            label = as_text(labels[i]).strip() or None
        append_article(cols, extra, doc_id, fields, label, path)
        if fields[WARNINGS]:
            report.append((doc_id, WARNING, fields[WARNINGS], False))
    frame = build_frame(cols, extra)
    rest = [c for c in raw.columns if c not in used]
    if rest:
        # Columns of strings get pandas' string dtype, as every text column of the table has.
        passthrough = raw[rest].reset_index(drop=True).infer_objects()
        passthrough.columns = [
            f"{c}_input" if c in frame.columns else c for c in passthrough.columns
        ]
        frame = pd.concat([frame, passthrough], axis=1)
    return counted(frame, cols, opts), report


# --- building frames ------------------------------------------------------------


def str_array(values: list):
    """``values`` as pandas' string array (missing values stay missing)."""
    return pd.array(values, dtype="str")


def build_frame(cols: dict, extra: dict | None = None) -> pd.DataFrame:
    data = {
        DOC_ID: str_array(cols[DOC_ID]),
        TITLE: str_array(cols[TITLE]),
        DATE: pd.array(
            [pd.NaT if d is None else d for d in cols[DATE]], dtype="datetime64[ns]"
        ),
        SOURCE: str_array(cols[SOURCE]),
        LABEL: str_array(cols[LABEL]),
        TEXT: str_array(cols[TEXT]),
        PATH: str_array(cols[PATH]),
        N_CHARS: np.asarray(cols[N_CHARS], dtype=np.int64),
        WARNINGS: str_array(cols[WARNINGS]),
        DATELINE_PLACE: str_array(cols[DATELINE_PLACE]),
        DATELINE_AGENCY: str_array(cols[DATELINE_AGENCY]),
        SHAPE: str_array(cols[SHAPE]),
        REMOVED_COLUMN: str_array(cols[REMOVED]),
    }
    for key, values in (extra or {}).items():
        data[key] = values
    return pd.DataFrame(data)


def empty_frame() -> pd.DataFrame:
    """A corpus table with no rows."""
    return build_frame(new_columns())


#: Where a parsed part keeps the boilerplate counts of its texts (``frame.attrs[COUNTS_ATTR]``) until
#: the loader takes them.
COUNTS_ATTR = "boilerplate_counts"


def counted(frame: pd.DataFrame, cols: dict, opts: Options) -> pd.DataFrame:
    """Attach the boilerplate counts of a part, computed where the part is parsed (in workers too)."""
    if opts.boilerplate is not None and opts.parse:
        frame.attrs[COUNTS_ATTR] = count(cols[TEXT], cols[SOURCE])
    return frame


# --- parts of a load -------------------------------------------------------------


def table_part(kind, path, rel, opts: Options) -> tuple[pd.DataFrame, list]:
    """One CSV, TSV, JSON Lines or Parquet file as ``(frame, report)``, the file's own line first."""
    raw, numbers, note, report = read_table_file(kind, path, rel, opts)
    if raw is None:
        return empty_frame(), report
    stem = PurePosixPath(rel).stem
    ids = [f"{rel}:{n}" for n in numbers]
    try:
        frame, row_report = table_frame(raw, ids, path, folder_label(rel, opts), stem, opts)
    except CorpusError as exc:
        problem(report, rel, SKIPPED, str(exc), opts)
        return empty_frame(), report
    skipped = sum(1 for r in report if r[1] == SKIPPED)
    reason = count_rows(len(frame)) + (f", {skipped:,} skipped" if skipped else "")
    if note:
        reason += f"; {note}"
    report.insert(0, (rel, WARNING if (skipped or note) else LOADED, reason, False))
    return frame, report + row_report


def strings_part(ids, texts, opts: Options, bar) -> tuple[pd.DataFrame, list]:
    """Article texts given as strings, parsed, as ``(frame, report)``."""
    cols, extra, report = new_columns(), {}, []
    for doc_id, text in zip(ids, texts):
        fields = _parse_fields(text, None, opts)
        if opts.source is not None:
            fields[SOURCE] = articles.normalise_source(opts.source)
        append_article(cols, extra, doc_id, fields, None, None)
        report.append((doc_id, WARNING if fields[WARNINGS] else LOADED, fields[WARNINGS], False))
        bar.update(1)
    return counted(build_frame(cols, extra), cols, opts), report
