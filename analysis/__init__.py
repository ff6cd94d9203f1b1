"""Text analytics for news corpora.

Packages, one per concern, each importing only those above it in this list:

- :mod:`analysis.text` -- primitives on plain strings: words, terms, sentences, syllables, fast counting.
- :mod:`analysis.corpus` -- load a folder, file or list of articles into a tidy table; duplicates; summary.
- :mod:`analysis.terms` -- term frequencies, phrases, keyness, trends, keyword in context, names.
- :mod:`analysis.sentences` -- sentence tables, readability, lexical diversity.
- :mod:`analysis.topics` -- topic clusters.
- :mod:`analysis.plots` -- matplotlib charts of the tables above.
- :mod:`analysis.datasets`, :mod:`analysis.report` -- named corpora and the report the notebooks make.

Importing this package imports none of them: ``from analysis import terms`` loads what it needs.
"""

__version__ = "0.1.0"
