"""Text analytics for news corpora.

Modules, one per concern:

- :mod:`analysis.corpus` -- load a folder, file or list of articles into a tidy table.
- :mod:`analysis.terms` -- tokenising, term frequencies, phrases, keyness, trends, keyword in context.
- :mod:`analysis.sentences` -- sentence splitting, readability, lexical diversity.
- :mod:`analysis.topics` -- topic clusters.
- :mod:`analysis.plots` -- matplotlib charts for all of the above.
"""

__version__ = "0.1.0"
