"""The Parquet store: a corpus as partitioned Parquet files, for corpora larger than memory and for Dask.

A store is a folder of ``part-NNNNN.parquet`` files beside the load report
(``_load_report.parquet``) and a ``_corpus.json`` that marks the folder as a
corpus. :func:`~analysis.corpus.to_parquet` writes one;
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
    reports, n_articles, n_parts = [], 0, 0
    for chunk in chunks:
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
    df.attrs[REPORT_ATTR] = report_frame(report)
    announce(report, where)
    return df
