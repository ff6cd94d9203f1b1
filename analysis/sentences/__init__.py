"""Sentences: a news-grade sentence splitter, readability and lexical diversity.

- :func:`split` / :func:`spans` -- sentences of one text, as strings or offsets
  (from :mod:`analysis.text`, with the word lists ``ABBREVIATIONS_TITLES``,
  ``ABBREVIATIONS_AMBIGUOUS``, ``ABBREVIATIONS_BEFORE_NUMBER``,
  ``SENTENCE_STARTERS`` and ``SPEECH_VERBS``, sets you may extend);
- :func:`sentence_table` -- one row per sentence (length, syllables, quotation);
- :func:`article_stats` -- one row per article: counts, readability formulas,
  lexical diversity, quotation share;
- :func:`tables` -- both tables from one pass over the text;
- :func:`readability` -- the same statistics for one text, as a dict;
- :func:`compare` -- median and interquartile range of each measure per group;
- :func:`quotes` -- who is quoted: one row per quotation with its speaker
  (settings in a :class:`QuoteRules`); :func:`speakers` -- quotations and
  quoted words per speaker and group;
- :func:`syllables`, :func:`quotations` and the readability formulas
  (:func:`flesch_reading_ease` ... :func:`lix`, :func:`rix`), which take counts.

``keep=`` (in :func:`article_stats` and :func:`sentence_table`) copies columns
of the corpus into the result, e.g. the column :func:`compare` then groups
``by=``.
"""

from analysis.sentences.formulas import (
    automated_readability_index,
    coleman_liau_index,
    flesch_kincaid_grade,
    flesch_reading_ease,
    gunning_fog,
    lix,
    rix,
    smog_index,
)
from analysis.sentences.quote_rules import QuoteRules
from analysis.sentences.quotes import QUOTE_COLUMNS, SPEAKER_COLUMNS, QuoteWarning, quotes, speakers
from analysis.sentences.tables import (
    ARTICLE_COLUMNS,
    MEASURES,
    SENTENCE_COLUMNS,
    Tables,
    article_stats,
    compare,
    readability,
    sentence_table,
    tables,
)
from analysis.text.splitter import (
    ABBREVIATIONS_AMBIGUOUS,
    ABBREVIATIONS_BEFORE_NUMBER,
    ABBREVIATIONS_TITLES,
    SENTENCE_STARTERS,
    SPEECH_VERBS,
    quotations,
    split,
    spans,
)
from analysis.text.syllable_counts import syllables

__all__ = [
    "ABBREVIATIONS_AMBIGUOUS", "ABBREVIATIONS_BEFORE_NUMBER", "ABBREVIATIONS_TITLES", "ARTICLE_COLUMNS",
    "MEASURES", "QUOTE_COLUMNS", "SENTENCE_COLUMNS", "SENTENCE_STARTERS", "SPEAKER_COLUMNS", "SPEECH_VERBS",
    "QuoteRules", "QuoteWarning", "article_stats", "automated_readability_index", "coleman_liau_index",
    "compare", "flesch_kincaid_grade", "flesch_reading_ease", "gunning_fog", "lix", "quotations", "quotes",
    "readability", "rix", "sentence_table", "smog_index", "speakers", "split", "spans", "syllables",
    "Tables", "tables",
]
