"""Load a corpus of news articles into a tidy table: a folder, a file, texts or a DataFrame in.

Each article is parsed by :mod:`analysis.corpus.articles` (see there for the
shapes understood and how to add your own rules). Large folders are read in
chunks on the package's process pool; every setting of a load (source aliases,
rules and the splitter's word lists included) travels with each chunk in
:class:`~analysis.corpus.reading.Options`. Boilerplate is counted in each chunk,
decided once for the corpus and removed (:mod:`analysis.corpus.cleaning`).
"""

from __future__ import annotations

import codecs
import dataclasses
import fnmatch
import functools
import os
import pickle
import re
from collections.abc import Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import _parallel
from analysis._input import check_int, check_n_jobs, cores
from analysis._progress import bar as progress_bar
from analysis.corpus import articles
from analysis.corpus.cleaning import Cleaner, boilerplate_settings
from analysis.corpus.problems import (
    LOADED,
    REPORT_ATTR,
    SKIPPED,
    WARNING,
    announce,
    logger,
    problem,
    report_frame,
    count_rows,
)
from analysis.corpus.reading import (
    COUNTS_ATTR,
    Options,
    empty_frame,
    read_text_files,
    str_array,
    strings_part,
    table_frame,
    table_part,
)
from analysis.corpus.schema import COLUMNS, DOC_ID, EXCLUDE, FILE_KINDS, TEXT, WARNINGS
from analysis.corpus.store import is_store, read_store, write_store
from analysis.text.splitter import split_rules

# Above these sizes, progress bars appear and text files are read in parallel.
_PROGRESS_MIN_ITEMS = 1000
_PARALLEL_MIN_FILES = 5000
_CHUNK_FILES = 1024


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
    n_jobs = check_n_jobs(n_jobs)
    if n_jobs is None:
        if n_text < _PARALLEL_MIN_FILES:
            return 1
        # A second process only helps when a core is idle: on a busy machine
        # passing results between processes costs more than it saves.
        try:
            idle = cores() - os.getloadavg()[0]
        except (AttributeError, OSError):  # no load average (Windows)
            idle = cores()
        return 2 if cores() >= 2 and idle >= 1 else 1
    return cores() if n_jobs == -1 else n_jobs


def _picklable(opts: Options) -> bool:
    try:
        pickle.dumps(opts)
    except Exception as exc:  # a rule built from a lambda cannot travel
        logger.info("reading in one process: the options cannot be pickled (%s)", exc)
        return False
    return True


def _read_task(kind: str, payload, opts: Options) -> tuple[pd.DataFrame, list]:
    """One task of :func:`_tasks`, in this process or a worker of the shared pool."""
    if articles.SOURCE_ALIASES != opts.aliases:
        # A worker of the session's pool may predate a register_source() call.
        articles.SOURCE_ALIASES.clear()
        articles.SOURCE_ALIASES.update(opts.aliases)
    if kind == "text":
        return read_text_files(payload, opts)
    path, rel = payload
    return table_part(kind, path, rel, opts)


def _iter_parts(items, opts: Options, n_jobs, bar) -> Iterator[tuple[pd.DataFrame, list]]:
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


def _unique_ids(frame: pd.DataFrame, seen: set, report: list, opts: Options) -> pd.DataFrame:
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
        problem(report, renamed, WARNING, f"duplicate doc_id {doc_id!r}: renamed {renamed!r}", opts)
        new = new or list(ids)
        new[i] = renamed
    if new is not None:
        frame = frame.copy()
        frame[DOC_ID] = str_array(new)
        old = frame[WARNINGS]
        note = "duplicate doc_id: renamed"
        changed = np.array([a != b for a, b in zip(ids, new)])
        frame.loc[changed, WARNINGS] = [f"{w}; {note}" if w else note for w in old[changed]]
    return frame


def _collect_items(data, opts: Options, recursive: bool, exclude, report: list):
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
            problem(report, str(i), SKIPPED, f"not a string: {type(values[i]).__name__}", opts)
        bad_set = set(bad)
        keep = [i for i in range(len(values)) if i not in bad_set]
        return "strings", ([str(i) for i in keep], [values[i] for i in keep])
    raise TypeError(
        f"cannot load a {type(data).__name__}; pass a folder or file path, a list of "
        "strings, or a DataFrame with a text column"
    )


def _bar(total: int, progress, desc: str):
    show = total >= _PROGRESS_MIN_ITEMS if progress is None else bool(progress)
    return progress_bar(total=total, desc=desc, unit="item", enabled=show)


def _validate(encoding, n_jobs, chunksize, label, max_title_chars):
    try:
        codecs.lookup(encoding)
    except (LookupError, TypeError):
        raise ValueError(f"encoding={encoding!r} is not a known codec; pass e.g. 'utf-8' or 'cp1252'") from None
    check_n_jobs(n_jobs)
    if chunksize is not None:
        check_int("chunksize", chunksize)
    if label is not None and not isinstance(label, str):
        raise ValueError(f"label={label!r}; pass None, 'folder', 'file' or a column name")
    check_int("max_title_chars", max_title_chars)


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
    boilerplate: bool | dict = True,
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
        A longer first line is not taken for a title (its first sentence is,
        cut by :func:`analysis.text.split` with the word lists as they stand
        when the call starts).
    n_jobs : int, optional
        Processes reading text files. Default: 2 from 5,000 files on when the
        machine has an idle core (judged by its load average), else 1; -1 uses
        every core. The result never depends on it. On macOS and Windows,
        scripts (not notebooks) using more than one process need the
        ``if __name__ == "__main__":`` guard.
    chunksize : int, optional
        Return an iterator of DataFrames of about this many rows instead of
        one DataFrame, for corpora larger than memory.
    boilerplate : bool or dict, default True
        Find the lines and sentences that recur across the articles of a
        source (share bars, "Follow us" lines, photo credits, ``READ MORE:
        <headline>`` kickers: see :mod:`analysis.corpus.boilerplate`) and
        remove them from ``text``; the removed text is kept in the
        ``boilerplate`` column and every line found is listed in the load
        report and in :func:`summary`. ``False`` keeps every line. A dict
        passes settings to :func:`analysis.corpus.boilerplate.decide`
        (``min_articles``, ``min_share``). Boilerplate is judged on the whole
        corpus, so with ``chunksize`` the input is read twice: a first pass
        counts (keeping no text), the second cleans; the result does not
        depend on ``chunksize`` or ``n_jobs``. Needs ``parse=True``.
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
        (``dateline_place``, ``dateline_agency``, ``shape``), then
        :data:`CLEANING_COLUMNS` (``boilerplate``: what was removed from
        ``text``, one line or sentence per line, ``""`` when nothing;
        ``repeated_share``: share of the article's lines found in other
        articles, NaN when detection was off), then the other columns of
        tables (a name already taken gets the suffix ``_input``) and fields of
        custom rules. ``df.attrs["load_report"]`` holds the load report: see
        :func:`load_report`.

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
    >>> from analysis.corpus import load_report
    >>> load_report(df)[["item", "status"]]
                item       status
    0              0       loaded
    1              1       loaded
    2  (boilerplate)  boilerplate
    >>> load_report(df)["reason"].iloc[-1]
    'nothing removed: 2 articles; boilerplate is told from text by recurring in at least 10 articles (min_articles)'
    """
    if engine not in ("pandas", "dask"):
        raise ValueError(f"engine={engine!r}; pass 'pandas' or 'dask'")
    if isinstance(data, (str, os.PathLike)) and is_store(data):
        return read_store(Path(data), engine=engine, strict=strict)
    if isinstance(data, pd.DataFrame) and all(c in data.columns for c in COLUMNS):
        return _loaded(data, chunksize)
    if engine == "dask":
        raise ValueError(
            f"engine='dask' reads a Parquet corpus written by analysis.corpus.to_parquet, and {data!r:.80} "
            "is not one; convert it first: corpus.to_parquet(source, out_dir), then load(out_dir, engine='dask')"
        )
    _validate(encoding, n_jobs, chunksize, label, max_title_chars)
    opts = Options(
        encoding=encoding, parse=parse, source=source, label=label, id_column=id_column,
        text_column=text_column, title_column=title_column, date_column=date_column,
        max_title_chars=max_title_chars, strict=strict,
        rules=tuple(articles.RULES if rules is None else rules),
        aliases=dict(articles.SOURCE_ALIASES), split_rules=split_rules(),
        boilerplate=boilerplate_settings(boilerplate),
    )  # fmt: skip
    exclude = tuple(exclude)
    report: list = []
    kind, payload = _collect_items(data, opts, recursive, exclude, report)
    where = f"load({os.fspath(data)!r})" if isinstance(data, (str, os.PathLike)) else "load()"
    if chunksize is None:
        return _assemble(_parts(kind, payload, opts, progress, n_jobs), report, opts, where)
    cleaner = None
    if opts.boilerplate is not None and opts.parse:
        # Boilerplate is judged on the whole corpus: a first pass counts every
        # part (and keeps no text), the second cleans them, so the result does
        # not depend on chunksize.
        counts = [frame.attrs.pop(COUNTS_ATTR) for frame, _ in _parts(kind, payload, opts, progress, n_jobs)
                  if len(frame)]
        cleaner = Cleaner(counts, opts, report)
        opts = dataclasses.replace(opts, boilerplate=None)  # the second pass counts nothing
    return _chunks(_parts(kind, payload, opts, progress, n_jobs), report, opts, where, chunksize, cleaner)


def _parts(kind, payload, opts, progress, n_jobs) -> Iterator[tuple[pd.DataFrame, list]]:
    """Every part of the input as ``(frame, report)``, in order."""
    if kind == "table":
        ids = [str(i) for i in range(len(payload))]
        frame, rows = table_frame(payload.reset_index(drop=True), ids, None, None, None, opts)
        yield frame, [("DataFrame", LOADED, count_rows(len(frame)), False), *rows]
    elif kind == "strings":
        ids, texts = payload
        bar = _bar(len(texts), progress, "Parsing")
        try:
            yield strings_part(ids, texts, opts, bar)
        finally:
            bar.close()
    else:
        bar = _bar(len(payload), progress, "Loading")
        try:
            yield from _iter_parts(payload, opts, n_jobs, bar)
        finally:
            bar.close()


def _assemble(parts, report: list, opts: Options, where: str) -> pd.DataFrame:
    frames, counts, seen = [], [], set()
    for frame, part_report in parts:
        report.extend(part_report)
        found = frame.attrs.pop(COUNTS_ATTR, None)
        if len(frame):
            frames.append(_unique_ids(frame, seen, report, opts))
            counts.append(found)
    cleaner = Cleaner(counts, opts, report)
    for i, frame in enumerate(frames):  # one part at a time: a cleaned part replaces its original
        frames[i] = cleaner.clean(frame)
        report.extend(cleaner.take_rows())
    df = pd.concat(frames, ignore_index=True) if frames else cleaner.clean(empty_frame())
    df.attrs[REPORT_ATTR] = report_frame(report + cleaner.line_rows(), cleaner.table())
    announce(report, where)
    return df


def _chunks(parts, report: list, opts: Options, where: str, chunksize: int,
            cleaner: Cleaner | None = None) -> Iterator[pd.DataFrame]:
    """Regroup the parts into frames of about ``chunksize`` rows; each carries its own report.

    The boilerplate lines found are listed in the last frame's report (their
    text is known once every article has been cleaned); the notes in the first.
    """
    seen: set = set()
    frames, rows = [], 0
    cleaner = cleaner or Cleaner([], dataclasses.replace(opts, boilerplate=None), report)
    held = None  # one frame is held back, so that the last one can carry the lines found

    def flush():
        df = pd.concat(frames, ignore_index=True) if frames else cleaner.clean(empty_frame())
        announce(report, where)
        return df, report

    def finish(df, rows_of_report, extra=(), table=None):
        df.attrs[REPORT_ATTR] = report_frame([*rows_of_report, *extra], table)
        return df

    for frame, part_report in parts:
        report.extend(part_report)
        frame.attrs.pop(COUNTS_ATTR, None)
        if len(frame):
            frame = cleaner.clean(frame)
            report.extend(cleaner.take_rows())
        while len(frame):
            take = frame.iloc[: chunksize - rows]
            frame = frame.iloc[len(take) :]
            frames.append(_unique_ids(take.reset_index(drop=True), seen, report, opts))
            rows += len(take)
            if rows >= chunksize:
                if held is not None:
                    yield finish(*held)
                held = flush()
                frames, rows = [], 0
                report = []
    if frames or report:
        if held is not None:
            yield finish(*held)
        held = flush()
    if held is not None:
        yield finish(*held, cleaner.line_rows(), cleaner.table())


def _loaded(df: pd.DataFrame, chunksize: int | None):
    """A table that :func:`load` made already (a sample, a filtered copy): nothing to parse again."""
    report = df.attrs.get(REPORT_ATTR) or report_frame([("DataFrame", LOADED, count_rows(len(df)), False)])
    df = df.reset_index(drop=True)
    df.attrs = {REPORT_ATTR: report}
    if chunksize is None:
        return df
    return _slices(df, chunksize)


def _slices(df: pd.DataFrame, chunksize: int) -> Iterator[pd.DataFrame]:
    for i in range(0, max(len(df), 1), chunksize):
        part = df.iloc[i : i + chunksize].reset_index(drop=True)
        # The report travels with the first slice only, as in load(chunksize=...).
        part.attrs = {REPORT_ATTR: df.attrs[REPORT_ATTR] if i == 0 else report_frame([])}
        yield part


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
    partition_size = check_int("partition_size", partition_size)
    chunks = load(data, chunksize=partition_size, progress=progress, **options)
    return write_store(chunks, out_dir, partition_size=partition_size)
