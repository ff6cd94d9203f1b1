"""The Parquet store: a corpus as partitioned Parquet files, for corpora larger than memory and for Dask.

A store is a folder of ``part-NNNNN.parquet`` files beside the load report
(``_load_report.parquet``) and a ``_corpus.json`` that marks the folder as a
corpus (and keeps the small table of boilerplate lines found, when
detection ran). :func:`~analysis.corpus.to_parquet` writes one;
:func:`~analysis.corpus.load` reads one back (whole, or lazily with
``engine="dask"``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from types import SimpleNamespace

import pandas as pd

from analysis.corpus.boilerplate import Line
from analysis.corpus.cleaning import lines_table
from analysis.corpus.problems import (
    REPORT_ATTR,
    REPORT_COLUMNS,
    SKIPPED,
    CorpusError,
    announce,
    load_report,
    problem,
    report_frame,
)
from analysis.corpus.reading import empty_frame

_STORE_MARK = "_corpus.json"
_STORE_REPORT = "_load_report.parquet"


def is_store(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a folder written by :func:`write_store`."""
    return (Path(path) / _STORE_MARK).is_file()


def write_store(chunks: Iterable[pd.DataFrame], out_dir: str | os.PathLike, *, partition_size: int) -> Path:
    """Write loaded corpus tables (each with its load report) as a store in ``out_dir``, one file per chunk."""
    out = Path(out_dir)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty; pass a new or empty folder for the Parquet corpus")
    out.mkdir(parents=True, exist_ok=True)
    reports, n_articles, n_parts, lines = [], 0, 0, None
    for chunk in chunks:
        reports.append(load_report(chunk))
        found = getattr(chunk.attrs.get(REPORT_ATTR), "boilerplate", None)
        if found is not None:  # the last chunk lists the boilerplate lines
            lines = found
        if len(chunk):
            chunk = chunk.copy()
            chunk.attrs = {}
            chunk.to_parquet(out / f"part-{n_parts:05d}.parquet", index=False)
            n_articles += len(chunk)
            n_parts += 1
    report = pd.concat(reports, ignore_index=True) if reports else pd.DataFrame(columns=list(REPORT_COLUMNS))
    report.astype("str").to_parquet(out / _STORE_REPORT, index=False)
    mark = {"format": "analysis.corpus", "version": 1, "n_articles": n_articles, "n_partitions": n_parts,
            "partition_size": partition_size}
    if lines is not None:  # the boilerplate lines found: a small table, kept with the marker
        mark["boilerplate"] = [[r.line, r.kind, None if pd.isna(r.source) else r.source, int(r.n_articles)]
                               for r in lines.itertuples()]
    (out / _STORE_MARK).write_text(json.dumps(mark, indent=1, ensure_ascii=False), encoding="utf-8")
    return out


def _stored_lines(folder: Path) -> pd.DataFrame | None:
    """The boilerplate lines :func:`write_store` kept in the store's marker, if any."""
    try:
        rows = json.loads((folder / _STORE_MARK).read_text(encoding="utf-8")).get("boilerplate")
    except (OSError, ValueError, AttributeError):
        return None
    if rows is None:
        return None
    return lines_table([Line(line, kind, source, n) for line, kind, source, n in rows])


def _read_part(path: str) -> pd.DataFrame:
    try:
        return pd.read_parquet(path)
    except Exception as exc:  # a worker names the file, whatever pyarrow raised
        raise CorpusError(f"{path}: cannot read this Parquet partition ({type(exc).__name__}: {exc})") from exc


def read_store(folder: Path, *, engine: str, strict: bool):
    """A store's corpus: every readable partition, the others reported (a Dask DataFrame with ``engine="dask"``)."""
    import pyarrow.parquet as pq

    opts = SimpleNamespace(strict=strict)
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
            problem(report, part.name, SKIPPED,
                    f"cannot read this Parquet partition ({type(exc).__name__}: {exc})", opts)
            continue
        good.append(str(part))
    where = f"load({str(folder)!r}, engine={engine!r})"
    if engine == "dask":
        import dask.dataframe as dd

        meta = _read_part(good[0]).iloc[:0] if good else empty_frame()
        ddf = dd.from_map(_read_part, good, meta=meta) if good else dd.from_pandas(meta, npartitions=1)
        announce(report, where)
        return ddf
    frames = [_read_part(p) for p in good]
    df = pd.concat(frames, ignore_index=True) if frames else empty_frame()
    df.attrs[REPORT_ATTR] = report_frame(report, _stored_lines(folder))
    announce(report, where)
    return df
