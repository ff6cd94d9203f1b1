"""Words and terms: term frequencies, phrases, keyness, trends, keyword in context, names.

Every analysis in the package gets its words from :func:`words` and its terms
from :func:`tokenize` (both from :mod:`analysis.text`), so that a count in one
notebook means the same thing as a count in another.

One function per question an analyst asks of a corpus:

- :func:`term_frequencies` -- which terms dominate (optionally per group);
- :func:`collocations` -- which words go together (``prime minister``);
- :func:`keyness` / :func:`distinctive_terms` -- which terms set a group apart;
- :func:`trends` -- how use of a term rises and falls over time;
- :func:`kwic` -- in what context a term is used;
- :func:`mentions` -- which people and organisations are named, their variants merged
  (``Mr Arafat`` under ``Yasser Arafat``).

Counting is split in two layers, so that it runs through pandas, the process
pool or Dask alike: :func:`count_chunk` counts one batch of texts and returns
partial tables whose counts add up; the public functions feed it batches and
add the partial results.

Column names: ``count`` is occurrences; ``doc_count`` is the number of
articles holding the term (scikit-learn's and quanteda's document
frequency); ``n_articles`` (in :func:`trends`) is the number of articles in a
period, as everywhere else in the package.
"""

from analysis.terms.context import KWIC_COLUMNS, kwic
from analysis.terms.counting import count_chunk
from analysis.terms.frequencies import FREQUENCY_COLUMNS, TREND_COLUMNS, term_frequencies, trends
from analysis.terms.distinctive import DISTINCTIVE_COLUMNS, KEYNESS_COLUMNS, distinctive_terms, keyness
from analysis.terms.names import MENTION_COLUMNS, NAME_CONNECTORS, NAME_TITLES, VARIANTS, NameRules, mentions
from analysis.terms.phrases import COLLOCATION_COLUMNS, collocations
from analysis.text.tokens import SKLEARN_TOKEN_PATTERN, tokenize, words

__all__ = [
    "COLLOCATION_COLUMNS", "DISTINCTIVE_COLUMNS", "FREQUENCY_COLUMNS", "KEYNESS_COLUMNS", "KWIC_COLUMNS",
    "MENTION_COLUMNS", "NAME_CONNECTORS", "NAME_TITLES", "NameRules", "SKLEARN_TOKEN_PATTERN",
    "TREND_COLUMNS", "VARIANTS",
    "collocations", "count_chunk", "distinctive_terms", "keyness", "kwic", "mentions", "term_frequencies",
    "tokenize", "trends", "words",
]
