"""Load a corpus of news articles into a tidy table, report what could not be loaded, find
duplicate articles and summarise the corpus.

- :func:`load` -- a folder, a file (.txt, .csv, .tsv, .jsonl, .parquet), a list
  of strings or a DataFrame in; one row per article out.
- :func:`load_report` -- every item :func:`load` saw, loaded or skipped, with
  the reason.
- :func:`find_duplicates` -- exact and near-duplicate articles.
- :func:`summary` -- counts by source, label and period, lengths, missing
  values, duplicates, parse warnings, the boilerplate removed, per-article
  quality flags.
- :func:`to_parquet` -- a corpus as partitioned Parquet, for Dask and for
  corpora larger than memory.

Articles are parsed by :mod:`analysis.corpus.articles` (see there for the
shapes understood and how to add your own rules). Lines and sentences that
recur across the articles of a source -- share bars, credits, ``READ MORE:``
kickers -- are removed when loading and kept in the ``boilerplate`` column
(:mod:`analysis.corpus.boilerplate`; ``load(..., boilerplate=False)`` keeps
everything). Nothing is dropped silently: see :mod:`analysis.corpus.problems`.
"""

from analysis.corpus.duplicates import DUPLICATE_COLUMNS, find_duplicates
from analysis.corpus.loading import load, to_parquet
from analysis.corpus.problems import BOILERPLATE_STATUS, REPORT_COLUMNS, CorpusError, CorpusWarning, load_report
from analysis.corpus.quality import QUALITY_COLUMNS
from analysis.corpus.schema import (
    BOILERPLATE_TABLE_COLUMNS,
    CLEANING_COLUMNS,
    COLUMNS,
    DATE_COLUMNS,
    EXCLUDE,
    FILE_KINDS,
    PARSE_COLUMNS,
    TEXT_COLUMNS,
    TITLE_COLUMNS,
)
from analysis.corpus.summarising import CorpusSummary, summary

__all__ = [
    "BOILERPLATE_STATUS", "BOILERPLATE_TABLE_COLUMNS", "CLEANING_COLUMNS", "COLUMNS", "DATE_COLUMNS",
    "DUPLICATE_COLUMNS", "EXCLUDE", "FILE_KINDS", "PARSE_COLUMNS", "QUALITY_COLUMNS", "REPORT_COLUMNS",
    "TEXT_COLUMNS", "TITLE_COLUMNS", "CorpusError", "CorpusSummary", "CorpusWarning", "find_duplicates", "load",
    "load_report", "summary", "to_parquet",
]
