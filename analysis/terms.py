"""Words and terms: the shared tokeniser, term frequencies, phrases, keyness, trends.

Every analysis in the package gets its words from :func:`words` and its terms
from :func:`tokenize`, so that a count in one notebook means the same thing as
a count in another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

# Straight, curly and modifier-letter apostrophes are one character to us, so
# "Trump's" and "Trump’s" count as the same term.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})

# A word is, in order of preference: a dotted acronym (u.s., d.c.), or a run of
# letters/digits joined by internal hyphens or apostrophes (abu-kamal, didn't,
# 1990s). Alternatives never overlap, so matching is linear in the input.
_WORD = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # dotted acronym: U.S., U.N., D.C.
    r"|\w+(?:['\-]\w+)*",
    re.UNICODE,
)
_POSSESSIVE = re.compile(r"'s$")
_NUMBER = re.compile(r"^[\d_.,'\-]+$")


def words(text: str) -> list[str]:
    """Split ``text`` into words, keeping case.

    The news rules: apostrophes of every kind are made straight; hyphenated
    names (``Abu-Kamal``) and contractions (``didn't``) stay one word; dotted
    acronyms keep their dots (``U.S.``); numbers are words here (filtering is
    :func:`tokenize`'s job).

    Examples
    --------
    >>> words("The U.S. didn’t bomb Abu-Kamal in 2017.")
    ['The', 'U.S.', "didn't", 'bomb', 'Abu-Kamal', 'in', '2017']
    """
    if not text:
        return []
    return _WORD.findall(text.translate(_APOSTROPHES))


def _stopword_set(stopwords) -> frozenset[str]:
    if stopwords is None:
        return frozenset()
    if isinstance(stopwords, str):
        if stopwords != "english":
            raise ValueError(
                f"stopwords={stopwords!r} is not a known list; pass 'english', None, "
                "or a collection of words"
            )
        return ENGLISH_STOP_WORDS
    return frozenset(w.lower() for w in stopwords)


def tokenize(
    text: str,
    *,
    stopwords: str | Iterable[str] | None = "english",
    token_pattern: str | None = None,
    keep_numbers: bool = False,
) -> list[str]:
    """Split ``text`` into lowercase terms for counting.

    Rules: the words of :func:`words`, lowercased, with a possessive ``'s``
    removed (``putin's`` -> ``putin``); pure numbers dropped unless
    ``keep_numbers``; stop words dropped (scikit-learn's English list by
    default; pass ``None`` to keep all, or your own collection, e.g.
    ``ENGLISH_STOP_WORDS | {"said"}``).

    With ``token_pattern`` (a regular expression) the text is lowercased and
    the pattern's matches are the tokens, as in scikit-learn's
    ``CountVectorizer``; no possessive or number rule applies then.

    Examples
    --------
    >>> tokenize("Putin's talks with the U.S. on Abu-Kamal in 2017")
    ['putin', 'talks', 'u.s.', 'abu-kamal']
    >>> tokenize("It's 2017", token_pattern=r"(?u)\\b\\w\\w+\\b", stopwords=None)
    ['it', '2017']
    """
    stop = _stopword_set(stopwords)
    if token_pattern is not None:
        tokens = re.findall(token_pattern, text.lower())
    else:
        tokens = [_POSSESSIVE.sub("", w.lower()) for w in words(text)]
        if not keep_numbers:
            tokens = [t for t in tokens if not _NUMBER.match(t)]
    if stop:
        tokens = [t for t in tokens if t not in stop]
    return [t for t in tokens if t]
