"""The corpus table's columns and the input shapes :func:`~analysis.corpus.load` recognises."""

from __future__ import annotations

from analysis.corpus import articles

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
#: The lines the parser took out of a body (its field ``removed``), and the column that holds them
#: between parsing and cleaning, which moves them to ``boilerplate``: a private name, so that an
#: input column called ``removed`` (a moderation flag, say) passes through under its own name.
REMOVED = articles.REMOVED
REMOVED_COLUMN = "_removed_by_parser"

#: Columns every table from :func:`~analysis.corpus.load` has, in this order.
COLUMNS = (DOC_ID, TITLE, DATE, SOURCE, LABEL, TEXT, PATH, N_CHARS, WARNINGS)
#: Columns added after :data:`COLUMNS`: what the parser found out about each article.
PARSE_COLUMNS = (DATELINE_PLACE, DATELINE_AGENCY, SHAPE)
#: Every column a parsed article has, in order.
RECORD = COLUMNS + PARSE_COLUMNS
BOILERPLATE = "boilerplate"
REPEATED_SHARE = "repeated_share"
#: Columns after :data:`PARSE_COLUMNS`: the boilerplate removed from ``text`` (its lines
#: and sentences, one per line; ``""`` when none) and the share of the article's lines
#: found in other articles (NaN when boilerplate detection was off).
CLEANING_COLUMNS = (BOILERPLATE, REPEATED_SHARE)

#: Columns of the table of boilerplate lines found (``summary(df).boilerplate``).
LINE, KIND, N_ARTICLES = "line", "kind", "n_articles"
BOILERPLATE_TABLE_COLUMNS = (LINE, KIND, SOURCE, N_ARTICLES)

#: Column names looked for, in order, in CSV/JSON/Parquet/DataFrame input.
TEXT_COLUMNS = ("text", "body", "content", "article")
TITLE_COLUMNS = ("title", "headline")
DATE_COLUMNS = ("date", "published", "publish_date", "pubdate", "datetime", "timestamp")

#: File suffixes :func:`~analysis.corpus.load` reads (any case) and how.
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
