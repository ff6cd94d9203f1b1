"""Readability formulas: each takes counts (numbers or aligned arrays) and returns the published score.

A score is NaN where a count it divides by is zero (no words, no sentences),
never 0.0: an empty text has no readability.
"""

from __future__ import annotations

import numpy as np


def per(numerator, denominator):
    """``numerator / denominator``, NaN where the denominator is not positive (arrays or numbers)."""
    num = np.asarray(numerator, dtype=float)
    den = np.asarray(denominator, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
    return out if out.ndim else float(out)


def _scalar(x):
    """A plain float for a scalar result, the array otherwise."""
    return float(x) if np.ndim(x) == 0 else x


def flesch_reading_ease(*, n_words, n_sentences, n_syllables):
    """Flesch Reading Ease: higher means easier (90-100 very easy, 0-30 very hard).

    ``206.835 - 1.015 * words/sentences - 84.6 * syllables/words``
    (Flesch, R. 1948, "A new readability yardstick", *Journal of Applied
    Psychology* 32(3): 221-233).

    Examples
    --------
    >>> round(flesch_reading_ease(n_words=12, n_sentences=2, n_syllables=15), 2)
    95.0
    """
    return _scalar(206.835 - 1.015 * per(n_words, n_sentences) - 84.6 * per(n_syllables, n_words))


def flesch_kincaid_grade(*, n_words, n_sentences, n_syllables):
    """Flesch-Kincaid Grade Level: a US school grade; higher means harder.

    ``0.39 * words/sentences + 11.8 * syllables/words - 15.59`` (Kincaid,
    J. P., Fishburne, R. P., Rogers, R. L. & Chissom, B. S. 1975, *Derivation
    of new readability formulas for Navy enlisted personnel*, Research Branch
    Report 8-75, Naval Technical Training Command).

    Examples
    --------
    >>> round(flesch_kincaid_grade(n_words=12, n_sentences=2, n_syllables=15), 2)
    1.5
    """
    return _scalar(0.39 * per(n_words, n_sentences) + 11.8 * per(n_syllables, n_words) - 15.59)


def gunning_fog(*, n_words, n_sentences, n_complex_words):
    """Gunning Fog index: years of schooling needed; higher means harder.

    ``0.4 * (words/sentences + 100 * complex_words/words)`` (Gunning, R. 1952,
    *The Technique of Clear Writing*, McGraw-Hill). Complex words have three
    or more syllables, not counting proper nouns (capitalised, not first in
    their sentence), hyphenated compounds of shorter words, and words that
    reach three syllables only through an ``-es``, ``-ed`` or ``-ing`` ending.

    Examples
    --------
    >>> round(gunning_fog(n_words=20, n_sentences=2, n_complex_words=2), 2)
    8.0
    """
    return _scalar(0.4 * (per(n_words, n_sentences) + 100 * per(n_complex_words, n_words)))


def smog_index(*, n_sentences, n_polysyllables):
    """SMOG grade: years of schooling needed; higher means harder.

    ``1.0430 * sqrt(polysyllables * 30 / sentences) + 3.1291``, where
    polysyllables are words of three or more syllables (McLaughlin, G. H.
    1969, "SMOG grading: a new readability formula", *Journal of Reading*
    12(8): 639-646; the regression form is his). The count is scaled to 30
    sentences, the sample the formula was built on; on texts of a few
    sentences the grade is a rough guide.

    Examples
    --------
    >>> round(smog_index(n_sentences=30, n_polysyllables=30), 2)
    8.84
    """
    return _scalar(1.0430 * np.sqrt(30 * per(n_polysyllables, n_sentences)) + 3.1291)


def coleman_liau_index(*, n_words, n_sentences, n_letters):
    """Coleman-Liau index: a US school grade; higher means harder.

    ``0.0588 * L - 0.296 * S - 15.8`` with ``L`` letters per 100 words and
    ``S`` sentences per 100 words (Coleman, M. & Liau, T. L. 1975, "A computer
    readability formula designed for machine scoring", *Journal of Applied
    Psychology* 60(2): 283-284).

    Examples
    --------
    >>> round(coleman_liau_index(n_words=100, n_sentences=5, n_letters=450), 2)
    9.18
    """
    return _scalar(0.0588 * 100 * per(n_letters, n_words) - 0.296 * 100 * per(n_sentences, n_words) - 15.8)


def automated_readability_index(*, n_words, n_sentences, n_word_chars):
    """Automated Readability Index: a US school grade; higher means harder.

    ``4.71 * characters/words + 0.5 * words/sentences - 21.43``, characters
    being the letters and digits of the words (Senter, R. J. & Smith, E. A.
    1967, *Automated Readability Index*, AMRL-TR-66-220, Wright-Patterson
    Air Force Base).

    Examples
    --------
    >>> round(automated_readability_index(n_words=10, n_sentences=1, n_word_chars=45), 2)
    4.77
    """
    return _scalar(4.71 * per(n_word_chars, n_words) + 0.5 * per(n_words, n_sentences) - 21.43)


def lix(*, n_words, n_sentences, n_long_words):
    """LIX (läsbarhetsindex): higher means harder; about 20 very easy, 60 very hard.

    ``words/sentences + 100 * long_words/words``, long words having more
    than six letters (Björnsson, C. H. 1968, *Läsbarhet*, Stockholm: Liber).
    It needs no syllables, so it holds for languages other than English.

    Examples
    --------
    >>> lix(n_words=20, n_sentences=2, n_long_words=5)
    35.0
    """
    return _scalar(per(n_words, n_sentences) + 100 * per(n_long_words, n_words))


def rix(*, n_sentences, n_long_words):
    """RIX: long words (more than six letters) per sentence; higher means harder.

    ``long_words/sentences`` (Anderson, J. 1983, "Lix and Rix: variations
    on a little-known readability index", *Journal of Reading* 26(6):
    490-496). Like :func:`lix`, it needs no syllables.

    Examples
    --------
    >>> rix(n_sentences=2, n_long_words=5)
    2.5
    """
    return _scalar(per(n_long_words, n_sentences))
