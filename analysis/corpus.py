"""Load a corpus of news articles into a tidy table, report what could not be
loaded, find duplicate articles and summarise the corpus.

- :func:`load` -- a folder, a file (.txt, .csv, .tsv, .jsonl, .parquet), a list
  of strings or a DataFrame in; one row per article out.
- :func:`load_report` -- every item :func:`load` saw, loaded or skipped, with
  the reason.
- :func:`find_duplicates` -- exact and near-duplicate articles.
- :func:`summary` -- counts by source, label and period, lengths, missing
  values, duplicates, parse warnings.

Articles are parsed by :mod:`analysis.articles` (see there for the shapes
understood and how to add your own).

Nothing is dropped silently: every file or row :func:`load` skips, and every
input problem it works around (bytes not in the encoding, broken CSV rows,
repeated ids), has a line in the load report, is logged on the
``analysis.corpus`` logger, and is summed up in one :class:`CorpusWarning`.
``strict=True`` raises :class:`CorpusError` at the first problem instead.

The per-file work (:func:`_read_text_files`, :func:`analysis.articles.parse`)
is pure and runs in worker processes for large folders; the same functions
can later run on Dask partitions.
"""

from __future__ import annotations

import codecs
import csv
import datetime as _dt
import fnmatch
import functools
import io
import json
import logging
import os
import pickle
import re
import sys
import threading
import warnings
from collections.abc import Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd

from . import _dask, _parallel, articles

logger = logging.getLogger(__name__)

# --- column names (defined once; the parser's fields keep their names) ---------

DOC_ID = "doc_id"
TITLE = articles.TITLE
DATE = articles.DATE
SOURCE = articles.SOURCE
LABEL = "label"
TEXT = articles.TEXT
PATH = "path"
N_CHARS = "n_chars"
WARNINGS = articles.WARNINGS
DATELINE_PLACE = articles.DATELINE_PLACE
DATELINE_AGENCY = articles.DATELINE_AGENCY
SHAPE = articles.SHAPE

#: Columns every table from :func:`load` has, in this order.
COLUMNS = (DOC_ID, TITLE, DATE, SOURCE, LABEL, TEXT, PATH, N_CHARS, WARNINGS)
#: Columns added after :data:`COLUMNS`: what the parser found out about each article.
PARSE_COLUMNS = (DATELINE_PLACE, DATELINE_AGENCY, SHAPE)
_RECORD = COLUMNS + PARSE_COLUMNS

# load_report() columns and statuses
ITEM, STATUS, REASON = "item", "status", "reason"
REPORT_COLUMNS = (ITEM, STATUS, REASON)
LOADED, SKIPPED, WARNING = "loaded", "skipped", "warning"
_REPORT_ATTR = "load_report"

# find_duplicates() columns and kinds
DUPLICATE_OF, SIMILARITY, KIND = "duplicate_of", "similarity", "kind"
DUPLICATE_COLUMNS = (DOC_ID, DUPLICATE_OF, SIMILARITY, KIND)
EXACT, NEAR = "exact", "near"

#: Column names looked for, in order, in CSV/JSON/Parquet/DataFrame input.
TEXT_COLUMNS = ("text", "body", "content", "article")
TITLE_COLUMNS = ("title", "headline")
DATE_COLUMNS = ("date", "published", "publish_date", "pubdate", "datetime", "timestamp")

#: File suffixes :func:`load` reads (any case) and how.
FILE_KINDS = {
    ".txt": "text",
    ".csv": "csv",
    ".tsv": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
}
#: Names (shell patterns, any case) skipped in a folder -- each one is listed in
#: the load report. BBC-style corpora ship a README.TXT beside the articles.
EXCLUDE = ("README*", "LICENSE*", "LICENCE*", "CHANGELOG*", ".*", "__pycache__", "__MACOSX")

# Above these sizes, progress bars appear and text files are read in parallel.
_PROGRESS_MIN_ITEMS = 1000
_PARALLEL_MIN_FILES = 5000
_CHUNK_FILES = 1024
_FALLBACK_ENCODINGS = ("cp1252", "latin-1")


class CorpusError(ValueError):
    """An input problem, raised by :func:`load` when ``strict=True``."""


class CorpusWarning(UserWarning):
    """Some items were skipped or loaded with problems: see :func:`load_report`."""


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


def _decode(data: bytes, encoding: str) -> tuple[str, str]:
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
        note += f"; is the file in another encoding? pass encoding="
    return text, note


def _read_bytes(path: str) -> bytes:
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


def _unreadable_reason(data: bytes) -> str | None:
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
class _Options:
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


def _problem(report: list, item: str, status: str, reason: str, opts: _Options) -> None:
    """Record an input problem; under ``strict=True`` raise it instead."""
    if opts.strict:
        raise CorpusError(f"{item}: {reason} (strict=True stops at the first problem)")
    report.append((item, status, reason, True))


def _new_columns() -> dict[str, list]:
    return {name: [] for name in _RECORD}


def _parse_fields(text: str, title: str | None, opts: _Options) -> dict:
    if not opts.parse:
        return {
            TITLE: title.strip() or None if isinstance(title, str) else None,
            TEXT: text, DATE: None, SOURCE: None, DATELINE_PLACE: None,
            DATELINE_AGENCY: None, SHAPE: articles.SHAPE_RAW, WARNINGS: "",
        }  # fmt: skip
    return articles.parse(text, title=title, rules=opts.rules, max_title_chars=opts.max_title_chars)


_KNOWN_FIELDS = frozenset(articles.FIELDS)


def _append(cols: dict, extra: dict, doc_id, fields: dict, label, path) -> None:
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


def _folder_label(rel: str, opts: _Options):
    if opts.label == "file":
        return PurePosixPath(rel).stem
    parts = rel.split("/")
    return parts[0] if len(parts) > 1 else None


def _read_text_files(items: list[tuple[str, str]], opts: _Options):
    """Read and parse ``.txt`` files: ``(frame, report)``.

    A pure function of its arguments, so chunks of a folder can run in worker
    processes (and later in Dask partitions).
    """
    cols, extra, report = _new_columns(), {}, []
    for path, rel in items:
        try:
            data = _read_bytes(path)
        except OSError as exc:
            _problem(report, rel, SKIPPED, f"cannot read: {exc.strerror or exc}", opts)
            continue
        reason = _unreadable_reason(data)
        if reason:
            _problem(report, rel, SKIPPED, reason, opts)
            continue
        text, note = _decode(data, opts.encoding)
        if note:
            _problem(report, rel, WARNING, note, opts)
        fields = _parse_fields(text, None, opts)
        if note:
            fields[WARNINGS] = f"{note}; {fields[WARNINGS]}" if fields[WARNINGS] else note
        if opts.source is not None:
            fields[SOURCE] = articles.normalise_source(opts.source)
        _append(cols, extra, rel, fields, _folder_label(rel, opts), path)
        if not note:
            status = WARNING if fields[WARNINGS] else LOADED
            report.append((rel, status, fields[WARNINGS], False))
    # Built here, so worker processes also do the conversion to Arrow strings.
    return _frame(cols, extra), report


# --- tables: CSV, JSON Lines, Parquet, DataFrames ------------------------------


def _csv_rows(text: str, rel: str, delimiter: str, report: list, opts: _Options):
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
            _problem(report, rel, SKIPPED, f"header line unreadable ({exc})", opts)
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
                _problem(report, f"{rel}:{row}", SKIPPED, f"{lines}: broken quoting ({exc})", opts)
                row, last_line = row + 1, reader.line_num
                continue
            if not values:  # a blank line is no row
                last_line = reader.line_num
                continue
            if len(values) != len(header):
                _problem(
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


def _read_table_file(kind: str, path: str, rel: str, opts: _Options):
    """A tabular file as ``(raw DataFrame, row numbers, file note)``, or ``None`` if skipped."""
    report: list = []
    try:
        if kind == "parquet":
            raw = pd.read_parquet(path)
            return raw, list(range(len(raw))), "", report
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        _problem(report, rel, SKIPPED, f"cannot read: {exc.strerror or exc}", opts)
        return None, [], "", report
    except Exception as exc:  # a corrupt Parquet file: pyarrow raises its own types
        _problem(report, rel, SKIPPED, f"cannot read: {exc}", opts)
        return None, [], "", report
    reason = _unreadable_reason(data)
    if reason:
        _problem(report, rel, SKIPPED, reason, opts)
        return None, [], "", report
    text, note = _decode(data, opts.encoding)
    if note:
        _problem(report, rel, WARNING, note, opts)
    if kind in ("csv", "tsv"):
        header, rows, numbers = _csv_rows(text, rel, "\t" if kind == "tsv" else ",", report, opts)
        if header is None:
            if not report:
                _problem(report, rel, SKIPPED, "empty file", opts)
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
            _problem(report, f"{rel}:{row}", SKIPPED, f"line {lineno}: invalid JSON ({exc.msg})", opts)
        else:
            if isinstance(value, dict):
                records.append(value)
                numbers.append(row)
            else:
                _problem(
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


def _as_text(value) -> str:
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
    s = _as_text(v).strip()
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


def _table_frame(raw: pd.DataFrame, ids: list[str], path, folder_label, stem, opts: _Options):
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
            _problem(report, where, WARNING, f"label={opts.label!r} is not a column: labels left NA", opts)
    id_col = opts.id_column if opts.id_column is not None else (DOC_ID if DOC_ID in raw.columns else None)
    used = {text_col, title_col, date_col, source_col, label_col, id_col} - {None}

    texts = raw[text_col].tolist()
    titles = raw[title_col].tolist() if title_col is not None else [None] * len(raw)
    if id_col is not None:
        ids = [_as_text(v) or fallback for v, fallback in zip(raw[id_col].tolist(), ids)]
    if date_col is not None:
        dates, date_notes = _dates_of(raw[date_col].tolist())
    else:
        dates, date_notes = [None] * len(raw), [""] * len(raw)
    sources = raw[source_col].tolist() if source_col else None
    labels = raw[label_col].tolist() if label_col else None
    fixed_label = stem if opts.label == "file" else folder_label
    fixed_source = articles.normalise_source(opts.source) if opts.source is not None else None

    cols, extra = _new_columns(), {}
    for i, (doc_id, text, title) in enumerate(zip(ids, texts, titles)):
        title = None if title_col is None else _as_text(title)
        fields = _parse_fields(_as_text(text), title, opts)
        if dates[i] is not None:
            fields[DATE] = dates[i]
        notes = [n for n in (date_notes[i], fields[WARNINGS]) if n]
        fields[WARNINGS] = "; ".join(notes)
        if fixed_source is not None:
            fields[SOURCE] = fixed_source
        elif sources is not None and _as_text(sources[i]).strip():
            fields[SOURCE] = articles.normalise_source(_as_text(sources[i]))
        label = fixed_label
        if labels is not None:
            label = _as_text(labels[i]).strip() or None
        _append(cols, extra, doc_id, fields, label, path)
        if fields[WARNINGS]:
            report.append((doc_id, WARNING, fields[WARNINGS], False))
    frame = _frame(cols, extra)
    rest = [c for c in raw.columns if c not in used]
    if rest:
        passthrough = raw[rest].reset_index(drop=True)
        passthrough.columns = [
            f"{c}_input" if c in frame.columns else c for c in passthrough.columns
        ]
        frame = pd.concat([frame, passthrough], axis=1)
    return frame, report


# --- building frames ------------------------------------------------------------


def _str_array(values: list):
    return pd.array(values, dtype="str")


def _frame(cols: dict, extra: dict | None = None) -> pd.DataFrame:
    data = {
        DOC_ID: _str_array(cols[DOC_ID]),
        TITLE: _str_array(cols[TITLE]),
        DATE: pd.array(
            [pd.NaT if d is None else d for d in cols[DATE]], dtype="datetime64[ns]"
        ),
        SOURCE: _str_array(cols[SOURCE]),
        LABEL: _str_array(cols[LABEL]),
        TEXT: _str_array(cols[TEXT]),
        PATH: _str_array(cols[PATH]),
        N_CHARS: np.asarray(cols[N_CHARS], dtype=np.int64),
        WARNINGS: _str_array(cols[WARNINGS]),
        DATELINE_PLACE: _str_array(cols[DATELINE_PLACE]),
        DATELINE_AGENCY: _str_array(cols[DATELINE_AGENCY]),
        SHAPE: _str_array(cols[SHAPE]),
    }
    for key, values in (extra or {}).items():
        data[key] = values
    return pd.DataFrame(data)


def _empty_frame() -> pd.DataFrame:
    return _frame(_new_columns())


# --- walking a folder -------------------------------------------------------------


def _excluded(name: str, exclude, any_of: re.Pattern | None = None) -> str | None:
    low = name.lower()
    if any_of is not None and any_of.match(low) is None:
        return None
    return next((p for p in exclude if fnmatch.fnmatchcase(low, p.lower())), None)


def _walk(root: Path, recursive: bool, exclude, report: list) -> list[tuple[str, str, str]]:
    """``(kind, path, rel)`` of the loadable files under ``root``, in path order."""
    items = []
    any_of = re.compile("|".join(fnmatch.translate(p.lower()) for p in exclude)) if exclude else None

    def onerror(exc: OSError):
        rel = Path(exc.filename).relative_to(root).as_posix() if exc.filename else str(root)
        report.append((rel + "/", SKIPPED, f"cannot read folder: {exc.strerror or exc}", True))

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
        base = Path(dirpath).relative_to(root)
        prefix = "" if base == Path(".") else base.as_posix() + "/"
        kept = []
        for name in sorted(dirnames):
            pattern = _excluded(name, exclude, any_of)
            if pattern:
                rel = (base / name).as_posix() + "/"
                report.append((rel, SKIPPED, f"folder excluded (matches {pattern!r})", False))
            else:
                kept.append(name)
        dirnames[:] = kept if recursive else []
        folder = dirpath + os.sep
        for name in filenames:
            rel = f"{prefix}{name}"
            pattern = _excluded(name, exclude, any_of)
            dot = name.rfind(".")
            kind = FILE_KINDS.get(name[dot:].lower()) if dot > 0 else None
            if pattern:
                report.append((rel, SKIPPED, f"excluded (matches {pattern!r})", False))
            elif kind is None:
                report.append(
                    (rel, SKIPPED, f"not an article file (loadable: {', '.join(FILE_KINDS)})", False)
                )
            else:
                items.append((kind, folder + name, rel))
    items.sort(key=lambda item: item[2].split("/"))
    return items


# --- the pipeline -------------------------------------------------------------


def _tasks(items, chunk: int):
    """Group consecutive text files into chunks; tables stay one task each."""
    run: list = []
    for kind, path, rel in items:
        if kind == "text":
            run.append((path, rel))
            if len(run) == chunk:
                yield "text", run
                run = []
        else:
            if run:
                yield "text", run
                run = []
            yield kind, (path, rel)
    if run:
        yield "text", run


def _n_workers(n_jobs, n_text: int) -> int:
    cores = os.cpu_count() or 1
    if n_jobs is None:
        if n_text < _PARALLEL_MIN_FILES:
            return 1
        # A second process only helps when a core is idle: on a busy machine
        # passing results between processes costs more than it saves.
        try:
            idle = cores - os.getloadavg()[0]
        except (AttributeError, OSError):  # no load average (Windows)
            idle = cores
        return 2 if cores >= 2 and idle >= 1 else 1
    return cores if n_jobs == -1 else n_jobs


def _picklable(opts: _Options) -> bool:
    try:
        pickle.dumps(opts)
    except Exception as exc:  # a rule built from a lambda cannot travel
        logger.info("reading in one process: the options cannot be pickled (%s)", exc)
        return False
    return True


def _read_task(kind: str, payload, opts: _Options) -> tuple[pd.DataFrame, list]:
    """One task of :func:`_tasks`, in this process or a worker of the shared pool."""
    if articles.SOURCE_ALIASES != opts.aliases:
        # A worker of the session's pool may predate a register_source() call.
        articles.SOURCE_ALIASES.clear()
        articles.SOURCE_ALIASES.update(opts.aliases)
    if kind == "text":
        return _read_text_files(payload, opts)
    path, rel = payload
    return _table_part(kind, path, rel, opts)


def _iter_parts(items, opts: _Options, n_jobs, bar) -> Iterator[tuple[pd.DataFrame, list]]:
    """Parsed parts of a folder, in path order, each as ``(frame, report)``."""
    n_text = sum(1 for item in items if item[0] == "text")
    workers = _n_workers(n_jobs, n_text)
    # Chunks big enough that passing results between processes costs little,
    # small enough that progress moves and memory in flight stays bounded.
    chunk = _CHUNK_FILES if workers == 1 else min(4096, max(_CHUNK_FILES, n_text // (16 * workers)))
    tasks = list(_tasks(items, chunk))
    if workers > 1 and not _picklable(opts):
        workers = 1
    read = functools.partial(_read_task, opts=opts)
    done = 0
    try:
        for part in _parallel.map_batches(read, iter(tasks), n_jobs=workers, progress=False):
            kind, payload = tasks[done]
            done += 1
            bar.update(len(payload) if kind == "text" else 1)
            yield part
    except BrokenProcessPool as exc:
        logger.warning("worker processes failed (%s): reading on in this process", exc)
        for kind, payload in tasks[done:]:
            yield _read_task(kind, payload, opts)
            bar.update(len(payload) if kind == "text" else 1)


def _rows(n: int) -> str:
    return f"{n:,} row{'' if n == 1 else 's'}"


def _table_part(kind, path, rel, opts: _Options) -> tuple[pd.DataFrame, list]:
    raw, numbers, note, report = _read_table_file(kind, path, rel, opts)
    if raw is None:
        return _empty_frame(), report
    stem = PurePosixPath(rel).stem
    ids = [f"{rel}:{n}" for n in numbers]
    try:
        frame, row_report = _table_frame(raw, ids, path, _folder_label(rel, opts), stem, opts)
    except CorpusError as exc:
        _problem(report, rel, SKIPPED, str(exc), opts)
        return _empty_frame(), report
    skipped = sum(1 for r in report if r[1] == SKIPPED)
    reason = _rows(len(frame)) + (f", {skipped:,} skipped" if skipped else "")
    if note:
        reason += f"; {note}"
    report.insert(0, (rel, WARNING if (skipped or note) else LOADED, reason, False))
    return frame, report + row_report


def _unique_ids(frame: pd.DataFrame, seen: set, report: list, opts: _Options) -> pd.DataFrame:
    ids = frame[DOC_ID].tolist()
    new = None
    for i, doc_id in enumerate(ids):
        if doc_id not in seen:
            seen.add(doc_id)
            continue
        k = 2
        while f"{doc_id}#{k}" in seen:
            k += 1
        renamed = f"{doc_id}#{k}"
        seen.add(renamed)
        _problem(report, renamed, WARNING, f"duplicate doc_id {doc_id!r}: renamed {renamed!r}", opts)
        new = new or list(ids)
        new[i] = renamed
    if new is not None:
        frame = frame.copy()
        frame[DOC_ID] = _str_array(new)
        old = frame[WARNINGS]
        note = "duplicate doc_id: renamed"
        changed = np.array([a != b for a, b in zip(ids, new)])
        frame.loc[changed, WARNINGS] = [f"{w}; {note}" if w else note for w in old[changed]]
    return frame


def _collect_items(data, opts: _Options, recursive: bool, exclude, report: list):
    """What to read: ``("folder", [(kind, path, rel), ...])``, ``("table", DataFrame)`` or
    ``("strings", (ids, texts))``."""
    if isinstance(data, pd.DataFrame):
        return "table", data
    if isinstance(data, pd.Series):
        return "table", pd.DataFrame({TEXT: data.to_numpy(dtype=object)})
    if isinstance(data, (str, os.PathLike)):
        text = os.fspath(data)
        if isinstance(data, str) and ("\n" in text or len(text) > 4096):
            raise TypeError(
                f"load({text[:40]!r}...) got a text, not a path; to load article texts "
                "pass a list of strings"
            )
        path = Path(text)
        if path.is_dir():
            return "folder", _walk(path, recursive, exclude, report)
        if not path.exists() and not path.is_symlink():
            raise FileNotFoundError(
                f"{text!r} does not exist; pass a folder, a file "
                f"({', '.join(FILE_KINDS)}), a list of strings or a DataFrame"
            )
        kind = FILE_KINDS.get(path.suffix.lower())
        if kind is None:
            raise ValueError(
                f"cannot load {text!r}: unknown file type {path.suffix!r}; "
                f"pass one of {', '.join(FILE_KINDS)}, or a folder"
            )
        return "folder", [(kind, text, path.name)]
    if isinstance(data, Iterable) and not isinstance(data, (bytes, dict)):
        values = list(data)
        bad = [i for i, v in enumerate(values) if not isinstance(v, str)]
        for i in bad:
            _problem(report, str(i), SKIPPED, f"not a string: {type(values[i]).__name__}", opts)
        bad_set = set(bad)
        keep = [i for i in range(len(values)) if i not in bad_set]
        return "strings", ([str(i) for i in keep], [values[i] for i in keep])
    raise TypeError(
        f"cannot load a {type(data).__name__}; pass a folder or file path, a list of "
        "strings, or a DataFrame with a text column"
    )


def _strings_part(ids, texts, opts: _Options, bar) -> tuple[pd.DataFrame, list]:
    cols, extra, report = _new_columns(), {}, []
    for doc_id, text in zip(ids, texts):
        fields = _parse_fields(text, None, opts)
        if opts.source is not None:
            fields[SOURCE] = articles.normalise_source(opts.source)
        _append(cols, extra, doc_id, fields, None, None)
        report.append((doc_id, WARNING if fields[WARNINGS] else LOADED, fields[WARNINGS], False))
        bar.update(1)
    return _frame(cols, extra), report


class _NoBar:
    def update(self, n=1):
        pass

    def close(self):
        pass


def _bar(total: int, progress, desc: str):
    show = total >= _PROGRESS_MIN_ITEMS if progress is None else bool(progress)
    if not show:
        return _NoBar()
    from . import _progress

    return _progress.bar(total=total, desc=desc, unit="item")


def _validate(encoding, n_jobs, chunksize, label, max_title_chars):
    try:
        codecs.lookup(encoding)
    except (LookupError, TypeError):
        raise ValueError(f"encoding={encoding!r} is not a known codec; pass e.g. 'utf-8' or 'cp1252'")
    if n_jobs is not None and not (isinstance(n_jobs, int) and (n_jobs >= 1 or n_jobs == -1)):
        raise ValueError(f"n_jobs={n_jobs!r}; pass None (automatic), -1 (all cores) or an int >= 1")
    if chunksize is not None and not (isinstance(chunksize, int) and chunksize >= 1):
        raise ValueError(f"chunksize={chunksize!r}; pass None or an int >= 1")
    if label is not None and not isinstance(label, str):
        raise ValueError(f"label={label!r}; pass None, 'folder', 'file' or a column name")
    if not (isinstance(max_title_chars, int) and max_title_chars >= 1):
        raise ValueError(f"max_title_chars={max_title_chars!r}; pass an int >= 1")


class _Report:
    """Holds a load report in ``df.attrs``.

    pandas compares ``attrs`` with ``==`` when it combines frames (``pd.concat``);
    a bare DataFrame there would raise. Reports are equal only to themselves,
    so combining different corpora drops the report instead of failing.
    """

    __slots__ = ("table",)

    def __init__(self, table: pd.DataFrame):
        self.table = table

    def __eq__(self, other) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)

    def __deepcopy__(self, memo):  # df.copy() need not copy the report
        return self

    def __repr__(self) -> str:
        return f"<load report: {len(self.table):,} items; see analysis.corpus.load_report(df)>"


def _report_frame(report: list) -> _Report:
    rows = [r[:3] for r in report]
    return _Report(pd.DataFrame(rows, columns=list(REPORT_COLUMNS)).astype("str"))


def _announce(report: list, where: str) -> None:
    """Log each input problem and warn once, so a notebook user sees them."""
    problems = [r for r in report if r[3]]
    for item, status, reason, _ in problems[:20]:
        logger.warning("%s %s: %s", status, item, reason)
    if len(problems) > 20:
        logger.warning("... and %d more problems: see analysis.corpus.load_report(df)", len(problems) - 20)
    for item, status, reason, problem in report:
        if status == SKIPPED and not problem:
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


def load(
    data,
    /,
    *,
    source: str | None = None,
    label: str | None = None,
    recursive: bool = True,
    encoding: str = "utf-8",
    strict: bool = False,
    progress: bool | None = None,
    parse: bool = True,
    rules: Iterable[articles.Rule] | None = None,
    text_column: str | None = None,
    title_column: str | None = None,
    date_column: str | None = None,
    id_column: str | None = None,
    exclude: Iterable[str] = EXCLUDE,
    max_title_chars: int = articles.MAX_TITLE_CHARS,
    n_jobs: int | None = None,
    chunksize: int | None = None,
    engine: str = "pandas",
):
    """Load a corpus of news articles: one row per article.

    Parameters
    ----------
    data : path, list of str, or DataFrame
        A folder (its ``.txt``, ``.csv``, ``.tsv``, ``.jsonl`` and ``.parquet``
        files, recursively), one such file, a list of article texts, or a
        DataFrame with a text column (its rows are read like CSV rows).
    source : str, optional
        The source of every article (normalised, e.g. ``"Reuters"`` ->
        ``"reuters"``), overriding what the files say.
    label : str, optional
        Where labels come from. Default: a ``label`` column of a table, else the
        first sub-folder of a file's path (``bbc/sport/001.txt`` -> ``"sport"``,
        NA for files at the top). ``"folder"``: always the sub-folder;
        ``"file"``: the file's name without suffix (``news2017/True.csv`` ->
        ``"True"``); any other string: that column of a table.
    recursive : bool, default True
        Read sub-folders.
    encoding : str, default "utf-8"
        Bytes not valid in this encoding are read as cp1252 (else latin-1), and
        the article gets a warning naming the file and the byte offset.
    strict : bool, default False
        Raise :class:`CorpusError` at the first input problem (unreadable,
        empty, binary or wrongly encoded file, bad CSV/JSON row, duplicate id)
        instead of reporting it and going on. Parser notes in ``warnings`` (no
        title line, ...) never raise.
    progress : bool, optional
        Show a progress bar; by default only for 1,000 items or more.
    parse : bool, default True
        ``False`` keeps each text as it is (title NA unless a title column exists).
    rules : iterable of analysis.articles.Rule, optional
        The parser's rules; default ``analysis.articles.RULES``.
    text_column, title_column, date_column : str, optional
        Columns of tables; by default the first found of
        :data:`TEXT_COLUMNS`, :data:`TITLE_COLUMNS`, :data:`DATE_COLUMNS`.
        Without a title column each text is parsed as a whole article.
    id_column : str, optional
        A table's column of article ids. Default: a ``doc_id`` column if there
        is one, else ``"<file path>:<row number>"`` (rows counted from 0).
    exclude : iterable of str, default :data:`EXCLUDE`
        Names (shell patterns, any case) of files and folders to skip; each is
        listed in the load report.
    max_title_chars : int, default 300
        A longer first line is not taken for a title.
    n_jobs : int, optional
        Processes reading text files. Default: 2 from 5,000 files on when the
        machine has an idle core (judged by its load average), else 1; -1 uses
        every core. The result never depends on it. On macOS and Windows,
        scripts (not notebooks) using more than one process need the
        ``if __name__ == "__main__":`` guard.
    chunksize : int, optional
        Return an iterator of DataFrames of about this many rows instead of
        one DataFrame, for corpora larger than memory.
    engine : {"pandas", "dask"}, default "pandas"
        ``"dask"`` reads a Parquet corpus written by :func:`to_parquet` as a
        ``dask.dataframe.DataFrame`` with the same columns, one partition per
        file; a file that cannot be read is reported (or raised under
        ``strict=True``) like any other bad input. A folder written by
        :func:`to_parquet` is also read back whole with the default engine.

    Returns
    -------
    DataFrame
        Columns :data:`COLUMNS` -- ``doc_id`` (unique: the path relative to the
        folder, POSIX separators, or ``file:row``; repeated ids get ``#2``,
        ``#3``), ``title``, ``date`` (datetime64, NaT when unknown),
        ``source`` (normalised, NA when unknown), ``label``, ``text`` (the body),
        ``path`` (NA for in-memory input), ``n_chars`` (of ``text``),
        ``warnings`` (``""`` when none) -- then :data:`PARSE_COLUMNS`
        (``dateline_place``, ``dateline_agency``, ``shape``), then the other
        columns of tables (a name already taken gets the suffix ``_input``)
        and fields of custom rules. ``df.attrs["load_report"]`` holds the
        load report: see :func:`load_report`.

    Warns
    -----
    CorpusWarning
        Once per call when items were skipped or loaded with input problems;
        each problem is also logged (logger ``analysis.corpus``, level WARNING,
        the first 20) naming the file, row and reason.

    Raises
    ------
    FileNotFoundError
        ``data`` is a path that does not exist.
    CorpusError
        With ``strict=True``, at the first input problem; with a table that has
        no text column.

    Examples
    --------
    >>> df = load(["Markets rally\\n\\nLONDON (Reuters) - Shares rose on Monday.",
    ...            "Rain expected\\n\\nIt will rain."], progress=False)
    >>> df[["doc_id", "title", "source", "text"]]
      doc_id          title   source                    text
    0      0  Markets rally  reuters  Shares rose on Monday.
    1      1  Rain expected      NaN           It will rain.
    >>> load_report(df)  # doctest: +NORMALIZE_WHITESPACE
      item  status reason
    0    0  loaded
    1    1  loaded
    """
    if engine not in ("pandas", "dask"):
        raise ValueError(f"engine={engine!r}; pass 'pandas' or 'dask'")
    if isinstance(data, (str, os.PathLike)) and (Path(data) / _STORE_MARK).is_file():
        return _load_store(Path(data), engine=engine, strict=strict, progress=progress)
    if isinstance(data, pd.DataFrame) and all(c in data.columns for c in COLUMNS):
        return _loaded(data, chunksize)
    if engine == "dask":
        raise ValueError(
            f"engine='dask' reads a Parquet corpus written by analysis.corpus.to_parquet, and {data!r:.80} "
            "is not one; convert it first: corpus.to_parquet(source, out_dir), then load(out_dir, engine='dask')"
        )
    _validate(encoding, n_jobs, chunksize, label, max_title_chars)
    opts = _Options(
        encoding=encoding, parse=parse, source=source, label=label, id_column=id_column,
        text_column=text_column, title_column=title_column, date_column=date_column,
        max_title_chars=max_title_chars, strict=strict,
        rules=tuple(articles.RULES if rules is None else rules),
        aliases=dict(articles.SOURCE_ALIASES),
    )  # fmt: skip
    exclude = tuple(exclude)
    report: list = []
    kind, payload = _collect_items(data, opts, recursive, exclude, report)
    parts = _parts(kind, payload, opts, progress, n_jobs)
    where = f"load({os.fspath(data)!r})" if isinstance(data, (str, os.PathLike)) else "load()"
    if chunksize is None:
        return _assemble(parts, report, opts, where)
    return _chunks(parts, report, opts, where, chunksize)


def _parts(kind, payload, opts, progress, n_jobs) -> Iterator[tuple[pd.DataFrame, list]]:
    """Every part of the input as ``(frame, report)``, in order."""
    if kind == "table":
        ids = [str(i) for i in range(len(payload))]
        frame, rows = _table_frame(payload.reset_index(drop=True), ids, None, None, None, opts)
        yield frame, [("DataFrame", LOADED, _rows(len(frame)), False), *rows]
    elif kind == "strings":
        ids, texts = payload
        bar = _bar(len(texts), progress, "Parsing")
        try:
            yield _strings_part(ids, texts, opts, bar)
        finally:
            bar.close()
    else:
        bar = _bar(len(payload), progress, "Loading")
        try:
            yield from _iter_parts(payload, opts, n_jobs, bar)
        finally:
            bar.close()


def _assemble(parts, report: list, opts: _Options, where: str) -> pd.DataFrame:
    frames, seen = [], set()
    for frame, part_report in parts:
        report.extend(part_report)
        if len(frame):
            frames.append(_unique_ids(frame, seen, report, opts))
    df = pd.concat(frames, ignore_index=True) if frames else _empty_frame()
    df.attrs[_REPORT_ATTR] = _report_frame(report)
    _announce(report, where)
    return df


def _chunks(parts, report: list, opts: _Options, where: str, chunksize: int) -> Iterator[pd.DataFrame]:
    """Regroup the parts into frames of about ``chunksize`` rows; each carries its own report."""
    seen: set = set()
    frames, rows = [], 0

    def flush():
        df = pd.concat(frames, ignore_index=True) if frames else _empty_frame()
        df.attrs[_REPORT_ATTR] = _report_frame(report)
        _announce(report, where)
        return df

    for frame, part_report in parts:
        report.extend(part_report)
        while len(frame):
            take = frame.iloc[: chunksize - rows]
            frame = frame.iloc[len(take) :]
            frames.append(_unique_ids(take.reset_index(drop=True), seen, report, opts))
            rows += len(take)
            if rows >= chunksize:
                yield flush()
                frames, rows = [], 0
                report = []
    if frames or report:
        yield flush()


def load_report(df: pd.DataFrame) -> pd.DataFrame:
    """The load report of a table made by :func:`load`: one row per item seen.

    Columns ``item`` (a file path relative to the folder, ``file:row`` for a
    row of a table, or a ``doc_id``), ``status`` (``"loaded"``, ``"skipped"``
    or ``"warning"`` -- loaded, with the problem in ``reason``) and ``reason``
    (``""`` when loaded cleanly). Every file of a folder has a row: loaded,
    skipped with the reason (binary, empty, unreadable, excluded by name, not
    an article file) or loaded with a warning (bytes not in the encoding,
    parser notes); a table file has one row for the file and one per skipped
    or warned row; renamed duplicate ids have a row each.

    The report lives in ``df.attrs["load_report"]``; pandas keeps ``attrs``
    through most operations (copies, slices, samples), not through
    ``pd.concat`` of different corpora.

    Examples
    --------
    >>> df = load(["Title\\n\\nBody.", "just one line"], progress=False)
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
    report = df.attrs.get(_REPORT_ATTR)
    if isinstance(report, _Report):
        return report.table
    if report is None:
        raise ValueError(
            "this DataFrame has no load report: it was not made by analysis.corpus.load, or an "
            "operation dropped its attrs (pd.concat of different corpora does); reload it"
        )
    return report


# --- duplicates ---------------------------------------------------------------

_U64 = np.uint64
_MASK58 = _U64((1 << 58) - 1)
_EMPTY = _U64(np.iinfo(np.uint64).max)
_BATCH_BYTES = 1_000_000  # characters per hashing batch: ~10 MB per work array

# Bytes that are part of words: ASCII letters and digits, and every byte of a
# non-ASCII character (letters of other scripts), except the punctuation below.
_WORD_BYTE = np.zeros(256, dtype=bool)
_WORD_BYTE[[*range(48, 58), *range(65, 91), *range(97, 123), *range(128, 256)]] = True
_LOWER = np.arange(256, dtype=np.uint8)
_LOWER[65:91] += 32


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads every input bit over every output bit."""
    h = h ^ (h >> _U64(30))
    h *= _U64(0xBF58476D1CE4E5B9)
    h ^= h >> _U64(27)
    h *= _U64(0x94D049BB133111EB)
    return h ^ (h >> _U64(31))


def _powers(base: int, n: int) -> np.ndarray:
    """``base ** arange(n)`` modulo 2**64."""
    out = np.full(max(n, 1), base, dtype=np.uint64)
    out[0] = 1
    return np.cumprod(out, dtype=np.uint64)


@dataclass
class _Hashing:
    """The random constants of one find_duplicates run (fixed by ``random_state``)."""

    random_state: int
    shingle_size: int
    _cache: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        rng = np.random.default_rng(self.random_state)
        odd = rng.integers(1, 2**63, size=4, dtype=np.uint64) * _U64(2) + _U64(1)
        self.p, self.q, self.r, self.band = (int(x) for x in odd)
        self.p_inv = pow(self.p, -1, 2**64)
        self.r_inv = pow(self.r, -1, 2**64)

    def powers(self, base: int, n: int) -> np.ndarray:
        """The first ``n`` powers of ``base``, computed once per run and grown as needed."""
        have = self._cache.get(base)
        if have is None or len(have) < n:
            size = -(-n // (1 << 20)) << 20  # whole MiB-entries: few regrowths, little slack
            have = self._cache[base] = _powers(base, size)
        return have[:n]


def _batch_words(texts: list[str], h: _Hashing):
    """Word hashes of a batch of texts: ``(word_hash, doc_of_word, n_words_per_doc)``."""
    encoded = [t.encode("utf-8") for t in texts]
    lengths = np.fromiter((len(b) for b in encoded), dtype=np.int64, count=len(encoded))
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    data = np.frombuffer(b"".join(encoded), dtype=np.uint8)
    del encoded
    n = len(data)
    if n == 0:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64), np.zeros(len(texts), np.int64)
    word = _WORD_BYTE[data]
    # Typographic punctuation (U+2000-U+206F: quotes, dashes, ...) and U+00A0-U+00BF
    # (no-break space, guillemets) separate words as ASCII punctuation does.
    lead = np.flatnonzero((data[:-2] == 0xE2) & ((data[1:-1] == 0x80) | (data[1:-1] == 0x81)))
    for k in range(3):
        word[lead + k] = False
    lead = np.flatnonzero((data[:-1] == 0xC2) & (data[1:] >= 0xA0) & (data[1:] <= 0xBF))
    word[lead] = word[lead + 1] = False
    edge = np.zeros(n + 1, dtype=bool)  # word boundaries: where word-ness changes
    edge[0], edge[n] = word[0], word[-1]
    edge[1:n] = word[1:] != word[:-1]
    has = lengths > 0
    # Words never run across two texts: a text's first and last bytes are edges too.
    edge[offsets[:-1][has]] |= word[offsets[:-1][has]]
    edge[offsets[1:][has]] |= word[offsets[1:][has] - 1]
    starts = np.flatnonzero(edge[:n] & word)
    ends = np.flatnonzero(edge[1:] & word) + 1
    del edge, word
    # Polynomial hash of each word from prefix sums: (P[e] - P[s]) / p**s.
    prefix = _LOWER[data].astype(np.uint64)
    prefix += _U64(1)
    prefix *= h.powers(h.p, n)
    np.cumsum(prefix, out=prefix)
    before = np.zeros(len(starts), dtype=np.uint64)
    inside = starts > 0
    before[inside] = prefix[starts[inside] - 1]
    word_hash = _mix((prefix[ends - 1] - before) * h.powers(h.p_inv, n)[starts])
    doc = np.searchsorted(offsets, starts, side="right") - 1
    counts = np.bincount(doc, minlength=len(texts)).astype(np.int64)
    return word_hash, doc, counts


def _batch_shingles(texts: list[str], h: _Hashing):
    """``(doc_hash, shingle_hash, doc_of_shingle)`` of a batch of texts.

    ``doc_hash`` is 0 for a text without words; other texts hash their word
    sequence (lowercase, punctuation ignored), so equal hashes are exact
    duplicates. Shingles are runs of ``shingle_size`` words; a shorter text is
    one shingle.
    """
    w, doc, counts = _batch_words(texts, h)
    n_docs = len(texts)
    doc_hash = np.zeros(n_docs, dtype=np.uint64)
    if len(w) == 0:
        return doc_hash, np.zeros(0, np.uint64), np.zeros(0, np.int64)
    has = counts > 0
    first = np.zeros(n_docs, dtype=np.int64)
    np.cumsum(counts[:-1], out=first[1:])
    weighted = w * h.powers(h.r, len(w))
    sums = np.add.reduceat(weighted, first[has])
    doc_hash[has] = _mix(sums * h.powers(h.r_inv, len(w))[first[has]] + counts[has].astype(np.uint64))
    doc_hash[has & (doc_hash == 0)] = _U64(1)
    k = h.shingle_size
    if len(w) >= k:
        sh = w[: len(w) - k + 1].copy()
        for j in range(1, k):
            sh = sh * _U64(h.q) + w[j : len(w) - k + 1 + j]
        ok = doc[: len(w) - k + 1] == doc[k - 1 :]
        shingles, sdoc = _mix(sh[ok]), doc[: len(w) - k + 1][ok]
    else:
        shingles, sdoc = np.zeros(0, np.uint64), np.zeros(0, np.int64)
    short = np.flatnonzero(has & (counts < k))
    if len(short):
        shingles = np.concatenate([shingles, doc_hash[short]])
        sdoc = np.concatenate([sdoc, short])
    return doc_hash, shingles, sdoc


def _batches(n_chars: np.ndarray):
    """``(start, stop)`` of consecutive texts of about ``_BATCH_BYTES`` characters."""
    ends = np.cumsum(n_chars)
    start = 0
    while start < len(n_chars):
        base = ends[start - 1] if start else 0
        stop = int(np.searchsorted(ends, base + _BATCH_BYTES, side="right"))
        stop = max(stop, start + 1)
        yield start, stop
        start = stop


def _texts(column: pd.Series, lo: int, hi: int) -> list[str]:
    return [_as_text(t) for t in column.iloc[lo:hi].tolist()]


def _signatures(column: pd.Series, n_chars, h: _Hashing, n_bins: int, bar):
    """One-permutation MinHash signatures (rotation-densified) and exact hashes.

    Texts are read a batch at a time from ``column``, so memory stays bounded.
    """
    bits = int(np.log2(n_bins))
    sig = np.full((len(column), n_bins), _EMPTY, dtype=np.uint64)
    doc_hash = np.zeros(len(column), dtype=np.uint64)
    value_bits = _U64(64 - bits)
    for lo, hi in _batches(n_chars):
        dh, sh, sdoc = _batch_shingles(_texts(column, lo, hi), h)
        doc_hash[lo:hi] = dh
        block = np.full((hi - lo) * n_bins, _EMPTY, dtype=np.uint64)
        np.minimum.at(block, sdoc * n_bins + (sh >> value_bits).astype(np.int64), sh & _MASK58)
        block = block.reshape(hi - lo, n_bins)
        empty = block == _EMPTY
        rows = empty.any(axis=1) & ~empty.all(axis=1)
        if rows.any():  # fill empty bins from the next full bin to the right
            part, hole = block[rows], empty[rows]
            filled = part.copy()
            for t in range(1, n_bins):
                if not hole.any():
                    break
                shifted = np.roll(part, -t, axis=1)
                take = hole & (shifted != _EMPTY)
                filled[take] = shifted[take] + _U64(t << 58)
                hole &= ~take
            block[rows] = filled
        sig[lo:hi] = block
        bar.update(hi - lo)
    return sig, doc_hash


def _band_rows(threshold: float, n_bins: int) -> int:
    """Rows per LSH band: the most selective banding that still finds a pair at
    ``threshold`` with probability >= 0.995 (candidates are verified exactly)."""
    best = 1
    r = 1
    while r <= n_bins:
        if 1 - (1 - threshold**r) ** (n_bins // r) >= 0.995:
            best = r
        r *= 2
    return best


def _candidate_pairs(sig: np.ndarray, ids: np.ndarray, rows: int, band_key: int, window: int = 50):
    """Pairs ``(i, j)``, ``i < j`` (indices into ``ids``), equal in at least one band."""
    n = len(ids)
    found = []
    for start in range(0, sig.shape[1] - rows + 1, rows):
        key = np.zeros(n, dtype=np.uint64)
        for c in range(start, start + rows):
            key = _mix(key * _U64(band_key) + sig[ids, c])
        order = np.argsort(key, kind="stable")
        ks = key[order]
        # Neighbours within a bucket, up to ``window`` apart: all pairs of a
        # small bucket, a linear number of a huge one (boilerplate texts).
        for d in range(1, window + 1):
            same = np.flatnonzero(ks[d:] == ks[:-d])
            if not len(same):
                break
            a, b = order[same], order[same + d]
            found.append(np.stack([np.minimum(a, b), np.maximum(a, b)]))
    if not found:
        return np.zeros((2, 0), dtype=np.int64)
    pairs = np.concatenate(found, axis=1).astype(np.int64)
    code = np.unique(pairs[0] * n + pairs[1])
    return np.stack([code // n, code % n])


def _jaccard(texts_of, pairs: np.ndarray, h: _Hashing) -> np.ndarray:
    """Exact Jaccard similarity of the shingle sets of each pair of texts.

    ``texts_of(positions)`` returns the texts at those positions of the corpus.
    """
    involved = np.unique(pairs)
    sets = {}
    texts = texts_of(involved)
    for lo, hi in _batches(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))):
        _, sh, sdoc = _batch_shingles(texts[lo:hi], h)
        order = np.lexsort((sh, sdoc))
        sh, sdoc = sh[order], sdoc[order]
        bounds = np.searchsorted(sdoc, np.arange(hi - lo + 1))
        for k in range(hi - lo):
            sets[int(involved[lo + k])] = np.unique(sh[bounds[k] : bounds[k + 1]])
    sims = np.empty(pairs.shape[1])
    for k, (i, j) in enumerate(pairs.T):
        a, b = sets[int(i)], sets[int(j)]
        inter = len(np.intersect1d(a, b, assume_unique=True))
        union = len(a) + len(b) - inter
        sims[k] = inter / union if union else np.nan
    return sims


def find_duplicates(
    df: pd.DataFrame,
    threshold: float = 0.9,
    *,
    shingle_size: int = 5,
    num_perm: int = 64,
    random_state: int = 0,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Find exact and near-duplicate articles.

    Texts are compared as sets of *shingles* (runs of ``shingle_size`` words,
    lowercase, punctuation ignored). Exact duplicates have the same word
    sequence; near duplicates have a Jaccard similarity of their shingle sets
    of at least ``threshold``. Candidates come from MinHash signatures
    (one-permutation hashing, ``num_perm`` bins) and locality-sensitive
    hashing, so no pair of articles is compared unless their signatures agree
    on a band; every candidate's similarity is then computed exactly. Time and
    memory grow linearly with the corpus (100,000 articles: seconds).

    Parameters
    ----------
    df : DataFrame or dask.dataframe.DataFrame
        A table from :func:`load` (``doc_id`` and ``text`` columns). On a Dask
        DataFrame the signatures are computed on the cluster, partition by
        partition, and only they (``num_perm`` numbers per article) and the
        texts of candidate pairs come back; the result is the same table.
    threshold : float, default 0.9
        Least Jaccard similarity of a near duplicate, in (0, 1].
    shingle_size : int, default 5
        Words per shingle. Smaller values find looser matches.
    num_perm : int, default 64
        Signature length (a power of two from 8 to 256).
    random_state : int, default 0
        Seed of the hash functions. Results depend on it only through which
        candidate pairs LSH proposes (a pair exactly at ``threshold`` is found
        with probability >= 0.995), so they are reproducible for a given seed.
    progress : bool, optional
        Progress bar; by default from 10,000 articles on.

    Returns
    -------
    DataFrame
        One row per duplicate article, in the order of ``df``: ``doc_id``,
        ``duplicate_of`` (the first article of ``df`` it duplicates; that one
        has no row of its own), ``similarity`` (Jaccard, 1.0 for exact) and
        ``kind`` (``"exact"`` or ``"near"``). Texts without words are ignored.

    Examples
    --------
    >>> body = "Shares in the company rose sharply on Monday after it reported record profits for the year."
    >>> df = load([f"A\\n\\n{body}", f"B\\n\\n{body.upper()}",
    ...            f"C\\n\\n{body.replace('Monday', 'Tuesday')}", "D\\n\\nSomething else."],
    ...           progress=False)
    >>> find_duplicates(df, threshold=0.4)
      doc_id duplicate_of  similarity   kind
    0      1            0    1.000000  exact
    1      2            0    0.411765   near
    """
    if DOC_ID not in df.columns or TEXT not in df.columns:
        raise ValueError(
            f"find_duplicates needs doc_id and text columns (got {list(df.columns)}); "
            "pass a table from analysis.corpus.load"
        )
    if not (isinstance(threshold, (int, float)) and 0 < threshold <= 1):
        raise ValueError(f"threshold={threshold!r}; pass a similarity in (0, 1], e.g. 0.9")
    if not (isinstance(shingle_size, int) and shingle_size >= 1):
        raise ValueError(f"shingle_size={shingle_size!r}; pass an int >= 1")
    if num_perm not in (8, 16, 32, 64, 128, 256):
        raise ValueError(f"num_perm={num_perm!r}; pass a power of two from 8 to 256")
    h = _Hashing(random_state, shingle_size)
    if _dask.is_dask(df):
        sig, doc_hash, doc_ids, texts_of = _dask_signatures(df, h, num_perm, progress)
    else:
        column = df[TEXT].reset_index(drop=True)
        doc_ids = df[DOC_ID].astype(str).to_numpy(dtype=object)
        bar = _bar(len(column), progress if progress is not None else len(column) >= 10_000, "Hashing")
        try:
            sig, doc_hash = _signatures(column, _n_chars(column), h, num_perm, bar)
        finally:
            bar.close()

        def texts_of(positions):
            # One text at a time: taking rows of an Arrow column by position
            # would first join all its chunks, a copy of the whole corpus.
            return [_as_text(column.iloc[int(i)]) for i in positions]


    rows_dup, rows_of, rows_sim, rows_kind = [], [], [], []
    # Exact: equal word sequences; the first occurrence is the original.
    has_words = np.flatnonzero(doc_hash != 0)
    order = has_words[np.argsort(doc_hash[has_words], kind="stable")]
    hs = doc_hash[order]
    group_start = np.concatenate([[True], hs[1:] != hs[:-1]]) if len(hs) else np.zeros(0, bool)
    first_of = order[np.maximum.accumulate(np.where(group_start, np.arange(len(hs)), 0))]
    exact = order[~group_start]
    rows_dup.extend(exact.tolist())
    rows_of.extend(first_of[~group_start].tolist())
    rows_sim.extend([1.0] * len(exact))
    rows_kind.extend([EXACT] * len(exact))

    # Near: among distinct texts only.
    reps = np.sort(order[group_start])
    pairs = _candidate_pairs(sig, reps, _band_rows(threshold, num_perm), h.band)
    if pairs.shape[1]:
        a, b = reps[pairs[0]], reps[pairs[1]]
        agree = (sig[a] == sig[b]).mean(axis=1)
        # The signature estimate has a standard error near 0.06 at 64 bins:
        # keep a wide margin, the exact similarity decides.
        keep = agree >= threshold - 4 * np.sqrt(max(threshold * (1 - threshold), 0.01) / num_perm)
        a, b = a[keep], b[keep]
        sims = _jaccard(texts_of, np.stack([a, b]), h) if len(a) else np.zeros(0)
        ok = sims >= threshold - 1e-12
        a, b, sims = a[ok], b[ok], sims[ok]
        # Each later article points to the earliest one it duplicates.
        best = np.lexsort((a, b))
        a, b, sims = a[best], b[best], sims[best]
        first = np.concatenate([[True], b[1:] != b[:-1]]) if len(b) else np.zeros(0, bool)
        rows_dup.extend(b[first].tolist())
        rows_of.extend(a[first].tolist())
        rows_sim.extend(sims[first].tolist())
        rows_kind.extend([NEAR] * int(first.sum()))

    order = np.argsort(np.asarray(rows_dup, dtype=np.int64), kind="stable")
    dup = np.asarray(rows_dup, dtype=np.int64)[order]
    of = np.asarray(rows_of, dtype=np.int64)[order]
    return pd.DataFrame(
        {
            DOC_ID: _str_array(list(doc_ids[dup])),
            DUPLICATE_OF: _str_array(list(doc_ids[of])),
            SIMILARITY: np.asarray(rows_sim, dtype=float)[order],
            KIND: _str_array([rows_kind[i] for i in order]),
        }
    )


# --- Parquet store (for corpora larger than memory, and for Dask) -------------------

_STORE_MARK = "_corpus.json"
_STORE_REPORT = "_load_report.parquet"


def _n_chars(column: pd.Series) -> np.ndarray:
    return column.str.len().fillna(0).to_numpy(dtype=np.int64)


def to_parquet(data, out_dir, *, partition_size: int = 50_000, progress: bool | None = None, **options) -> Path:
    """Write a corpus as partitioned Parquet, streaming: memory holds one partition at a time.

    ``data`` is anything :func:`load` reads (a folder of 100,000 files
    included) and ``options`` are :func:`load`'s. Each partition of
    ``partition_size`` articles becomes ``part-NNNNN.parquet`` in ``out_dir``,
    beside the load report and a ``_corpus.json`` that marks the folder as a
    corpus. Read it back with ``load(out_dir)`` or, on a cluster,
    ``load(out_dir, engine="dask")``.

    Parameters
    ----------
    data : path, list of str, or DataFrame
        The corpus.
    out_dir : path-like
        A new or empty folder.
    partition_size : int, default 50,000
        Articles per file (and per Dask partition).
    progress : bool, optional
        Progress bar, as in :func:`load`.
    **options
        Passed to :func:`load` (``source=``, ``strict=``, ``encoding=``, ...).

    Returns
    -------
    pathlib.Path
        ``out_dir``.

    Examples
    --------
    >>> import tempfile
    >>> folder = to_parquet(["Rain\\n\\nIt will rain.", "Sun\\n\\nIt will shine."],
    ...                     tempfile.mkdtemp(), partition_size=1, progress=False)
    >>> sorted(p.name for p in folder.glob("part-*"))
    ['part-00000.parquet', 'part-00001.parquet']
    >>> load(folder)["title"].tolist()
    ['Rain', 'Sun']
    """
    if isinstance(partition_size, bool) or not isinstance(partition_size, int) or partition_size < 1:
        raise ValueError(f"partition_size={partition_size!r}; pass a positive number of articles, e.g. 50_000")
    out = Path(out_dir)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty; pass a new or empty folder for the Parquet corpus")
    out.mkdir(parents=True, exist_ok=True)
    reports, n_articles, n_parts = [], 0, 0
    for chunk in load(data, chunksize=partition_size, progress=progress, **options):
        reports.append(load_report(chunk))
        if len(chunk):
            chunk = chunk.copy()
            chunk.attrs = {}
            chunk.to_parquet(out / f"part-{n_parts:05d}.parquet", index=False)
            n_articles += len(chunk)
            n_parts += 1
    report = pd.concat(reports, ignore_index=True) if reports else pd.DataFrame(columns=list(REPORT_COLUMNS))
    report.astype("str").to_parquet(out / _STORE_REPORT, index=False)
    (out / _STORE_MARK).write_text(json.dumps(
        {"format": "analysis.corpus", "version": 1, "n_articles": n_articles, "n_partitions": n_parts,
         "partition_size": partition_size}, indent=1))
    return out


def _read_part(path: str) -> pd.DataFrame:
    try:
        return pd.read_parquet(path)
    except Exception as exc:  # a worker names the file, whatever pyarrow raised
        raise CorpusError(f"{path}: cannot read this Parquet partition ({type(exc).__name__}: {exc})") from exc


def _loaded(df: pd.DataFrame, chunksize: int | None):
    """A table that :func:`load` made already (a sample, a filtered copy): nothing to parse again."""
    report = df.attrs.get(_REPORT_ATTR) or _report_frame([("DataFrame", LOADED, _rows(len(df)), False)])
    df = df.reset_index(drop=True)
    df.attrs = {_REPORT_ATTR: report}
    if chunksize is None:
        return df
    return _slices(df, chunksize)


def _slices(df: pd.DataFrame, chunksize: int) -> Iterator[pd.DataFrame]:
    for i in range(0, max(len(df), 1), chunksize):
        part = df.iloc[i : i + chunksize].reset_index(drop=True)
        # The report travels with the first slice only, as in load(chunksize=...).
        part.attrs = {_REPORT_ATTR: df.attrs[_REPORT_ATTR] if i == 0 else _report_frame([])}
        yield part


def _load_store(folder: Path, *, engine: str, strict: bool, progress) -> pd.DataFrame:
    """A folder written by :func:`to_parquet`: every readable partition, the others reported."""
    import pyarrow.parquet as pq

    opts = _Options(strict=strict)
    report: list = []
    stored = folder / _STORE_REPORT
    if stored.is_file():
        # Listed, not announced again: to_parquet announced them when it wrote the store.
        report.extend((r.item, r.status, r.reason, False) for r in pd.read_parquet(stored).itertuples())
    good = []
    for part in sorted(folder.glob("part-*.parquet")):
        try:
            pq.read_metadata(part)
        except Exception as exc:
            _problem(report, part.name, SKIPPED,
                     f"cannot read this Parquet partition ({type(exc).__name__}: {exc})", opts)
            continue
        good.append(str(part))
    where = f"load({str(folder)!r}, engine={engine!r})"
    if engine == "dask":
        import dask.dataframe as dd

        meta = _read_part(good[0]).iloc[:0] if good else _empty_frame()
        ddf = dd.from_map(_read_part, good, meta=meta) if good else dd.from_pandas(meta, npartitions=1)
        _announce(report, where)
        return ddf
    frames = [_read_part(p) for p in good]
    df = pd.concat(frames, ignore_index=True) if frames else _empty_frame()
    df.attrs[_REPORT_ATTR] = _report_frame(report)
    _announce(report, where)
    return df


def _partition_signatures(part: pd.DataFrame, random_state: int, shingle_size: int, num_perm: int):
    """MinHash signatures, exact hashes and ids of one partition (runs on a Dask worker)."""
    column = part[TEXT].reset_index(drop=True)
    h = _Hashing(random_state, shingle_size)
    sig, doc_hash = _signatures(column, _n_chars(column), h, num_perm, _NoBar())
    return sig, doc_hash, part[DOC_ID].astype(str).to_numpy(dtype=object)


def _take_texts(part: pd.DataFrame, positions: list[int]) -> list[str]:
    return [_as_text(part[TEXT].iloc[i]) for i in positions]


def _dask_signatures(ddf, h: _Hashing, num_perm: int, progress):
    """The signatures of a Dask corpus, in order, and a way to fetch the texts of a few articles."""
    from dask import delayed

    parts = ddf[[DOC_ID, TEXT]].to_delayed()
    results = _dask.compute_all(
        [delayed(_partition_signatures)(p, h.random_state, h.shingle_size, num_perm) for p in parts],
        progress=bool(progress), desc="hashing")
    sig = np.concatenate([r[0] for r in results])
    doc_hash = np.concatenate([r[1] for r in results])
    doc_ids = np.concatenate([r[2] for r in results])
    offsets = np.cumsum([0] + [len(r[1]) for r in results])

    def texts_of(positions):
        owner = np.searchsorted(offsets, positions, side="right") - 1
        wanted = {int(k): (positions[owner == k] - offsets[k]).tolist() for k in np.unique(owner)}
        fetched = _dask.compute_all([delayed(_take_texts)(parts[k], local) for k, local in wanted.items()],
                                    progress=False)
        # positions are sorted (np.unique), so each partition's texts come back in their order
        return [text for texts in fetched for text in texts]

    return sig, doc_hash, doc_ids, texts_of

# --- summary ------------------------------------------------------------------

# summary() table columns
N_ARTICLES, SHARE, PERIOD = "n_articles", "share", "period"
STATISTIC, N_WORDS, COLUMN, N_MISSING, MEASURE, VALUE, WARNING_COLUMN = (
    "statistic", "n_words", "column", "n_missing", "measure", "value", "warning",
)  # fmt: skip
_PERIOD_ALIASES = {"ME": "M", "MS": "M", "QE": "Q", "QS": "Q", "YE": "Y", "YS": "Y", "A": "Y"}


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
        first, NA (unknown) counted as its own row.
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
    """

    overview: pd.DataFrame
    by_source: pd.DataFrame
    by_label: pd.DataFrame
    by_period: pd.DataFrame
    lengths: pd.DataFrame
    missing: pd.DataFrame
    duplicates: pd.DataFrame
    warnings: pd.DataFrame

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
    counts = df[column].value_counts(dropna=False)
    table = pd.DataFrame({column: _str_array(list(counts.index)), N_ARTICLES: counts.to_numpy()})
    table[SHARE] = table[N_ARTICLES] / max(len(df), 1)
    return table


def _period_counts(dates: pd.Series, freq: str) -> pd.DataFrame:
    freq = _PERIOD_ALIASES.get(freq, freq)
    try:
        pd.Period("2017-01-01", freq=freq)
    except (ValueError, TypeError):
        raise ValueError(f"freq={freq!r} is not a period; pass e.g. 'D', 'W', 'M', 'Q' or 'Y'")
    known = dates.dropna()
    if known.empty:
        return pd.DataFrame({PERIOD: pd.Series([], dtype="datetime64[ns]"), N_ARTICLES: pd.Series([], dtype=np.int64)})
    periods = known.dt.to_period(freq)
    full = pd.period_range(periods.min(), periods.max(), freq=freq)
    counts = periods.value_counts().reindex(full, fill_value=0)
    return pd.DataFrame(
        {PERIOD: full.to_timestamp().astype("datetime64[ns]"), N_ARTICLES: counts.to_numpy(dtype=np.int64)}
    )


def _warning_kinds(values: pd.Series) -> pd.DataFrame:
    notes = [n.strip() for w in values.fillna("") if w for n in w.split("; ")]
    # "UTF-8" keeps its digit: numbers preceded by a letter or hyphen are names.
    notes = [re.sub(r"(?<![\w-])\d[\d,.]*", "N", re.sub(r"'[^']*'", "'…'", n)) for n in notes]
    counts = pd.Series(notes, dtype="str").value_counts()
    return pd.DataFrame({WARNING_COLUMN: _str_array(list(counts.index)), N_ARTICLES: counts.to_numpy(dtype=np.int64)})


def summary(
    df: pd.DataFrame,
    *,
    freq: str = "M",
    duplicates: pd.DataFrame | None = None,
    threshold: float = 0.9,
) -> CorpusSummary:
    """Summarise a corpus: articles by source, label and period, lengths,
    missing values, duplicates and parse warnings.

    Parameters
    ----------
    df : DataFrame
        A table from :func:`load`.
    freq : str, default "M"
        Period of ``by_period``: ``"D"``, ``"W"``, ``"M"``, ``"Q"``, ``"Y"``.
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
        ``warnings``; its repr prints them all.

    Examples
    --------
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
    """
    from . import terms  # terms and sentences import each other: bind at call time

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
    n_words = np.fromiter((len(terms.words(_as_text(t))) for t in texts), dtype=np.int64, count=len(df))
    lengths = pd.DataFrame({N_CHARS: n_chars, N_WORDS: n_words.astype(float)})
    described = lengths.describe()
    lengths_table = described.reset_index(names=STATISTIC)
    lengths_table[STATISTIC] = lengths_table[STATISTIC].astype("str")

    n = len(df)
    missing = pd.DataFrame(
        {
            COLUMN: _str_array([TITLE, DATE, SOURCE, LABEL, TEXT]),
            N_MISSING: np.array(
                [df[TITLE].isna().sum(), df[DATE].isna().sum(), df[SOURCE].isna().sum(),
                 df[LABEL].isna().sum(), blank.sum()], dtype=np.int64,
            ),  # fmt: skip
        }
    )
    missing[SHARE] = missing[N_MISSING] / max(n, 1)
    warned = df[WARNINGS].fillna("") != ""
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
    ]
    overview = pd.DataFrame(
        {MEASURE: _str_array([m for m, _ in overview_rows]),
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
    )
