"""Words and terms: the one set of word rules every analysis counts with.

:func:`words` cuts a text into words, keeping case; :func:`tokenize` turns a
text into the lowercase terms that are counted (stop words, numbers and debris
dropped). Both follow the same news rules, so a count in one notebook means the
same thing as a count in another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.text.addresses import ADDRESS_PATTERN

# Straight, curly and modifier-letter apostrophes are one character to us, so
# "Trump's" and "Trump’s" count as the same term. str.replace is used rather
# than str.translate: it is two orders of magnitude faster on text with any
# non-ASCII character, and this runs on every article.
APOSTROPHE_VARIANTS = ("\u2019", "\u2018", "\u02bc", "`")

#: The word rules. A word is, in order of preference: an address kept whole
#: (an e-mail address, URL, @handle, #hashtag, file name, version number or
#: N°; see :mod:`analysis.text.addresses`), a dotted acronym (u.s., d.c.), a
#: number with decimal or thousands separators (1,000 or 3.5), or a run of
#: letters/digits joined by internal hyphens or apostrophes (abu-kamal,
#: didn't, 1990s). Each alternative consumes a different shape of text, so
#: matching is linear in the input.
WORD_RULES_PATTERN = (
    ADDRESS_PATTERN
    + r"|(?:[^\W\d_]\.){2,}"  # dotted acronym: U.S., U.N., D.C.
    + r"|\d+(?:[.,]\d+)+"  # 1,000  3.5
    + r"|\w+(?:['\-]\w+)*"
)
#: The pattern :func:`words` runs: the same matches as :data:`WORD_RULES_PATTERN`
#: (``tests/test_terms.py`` compares them on random text), faster. The
#: look-ahead in front refuses at once a position where no word can start (the
#: regex engine would otherwise try every alternative at every space and
#: comma), and the two shortcuts take a run of letters (or of digits) followed
#: by a character that could not extend it into an address, acronym, number or
#: joined word (a full stop too, when nothing that could follows it: "said."):
#: exactly what the rules would match there, without trying the address
#: alternatives first.
WORD_PATTERN = (
    r"(?=[\w@#])(?:"
    r"[^\W\d_]++(?![\w@+\-'/:#\u00b0]|\.[\w.@+\-~:/?#&=%])"
    r"|\d++(?![\w@+\-'/:#\u00b0]|[.,][\w.,@+\-~:/?#&=%])"
    rf"|{WORD_RULES_PATTERN})"
)
WORD = re.compile(WORD_PATTERN)
_POSSESSIVE = re.compile(r"'s$")
_NUMBER = re.compile(r"^[\d_.,'\-]+$")

#: The default ``token_pattern`` of scikit-learn's CountVectorizer.
SKLEARN_TOKEN_PATTERN = r"(?u)\b\w\w+\b"


def straight_apostrophes(text: str) -> str:
    """Every apostrophe variant made ``'`` (one character for one: offsets are kept)."""
    for variant in APOSTROPHE_VARIANTS:
        text = text.replace(variant, "'")
    return text


def normalise(text: str) -> str:
    """Lowercase ``text`` and make every apostrophe straight (the first step of :func:`tokenize`).

    Examples
    --------
    >>> normalise("Trump’s U.S.")
    "trump's u.s."
    """
    return straight_apostrophes(text.lower())


def words(text: str) -> list[str]:
    """Split ``text`` into words, keeping case.

    The news rules: apostrophes of every kind are made straight; hyphenated
    names (``Abu-Kamal``) and contractions (``didn't``) stay one word; dotted
    acronyms keep their dots (``U.S.``); numbers keep their separators
    (``1,000``, ``3.5``) and are words here (filtering them is
    :func:`tokenize`'s job).

    Parameters
    ----------
    text : str
        Any text; an empty string gives an empty list.

    Returns
    -------
    list of str
        The words in order of appearance.

    Examples
    --------
    >>> words("The U.S. didn’t bomb Abu-Kamal in 2017.")
    ['The', 'U.S.', "didn't", 'bomb', 'Abu-Kamal', 'in', '2017']
    >>> words("It cost $1,000.50 -- or 3.5%")
    ['It', 'cost', '1,000.50', 'or', '3.5']
    """
    if not text:
        return []
    return WORD.findall(straight_apostrophes(text))


_ENGLISH: list[frozenset] = []


def english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop list (318 words), read from the installed package's data module.

    That module is plain data; loading it by itself costs a millisecond, where
    ``import sklearn`` costs about a second, which every worker process and
    every fresh kernel would otherwise pay for a list of words.
    """
    if not _ENGLISH:
        import importlib.util
        from pathlib import Path

        spec = importlib.util.find_spec("sklearn")
        path = Path(next(iter(spec.submodule_search_locations))) / "feature_extraction" / "_stop_words.py"
        data = importlib.util.spec_from_file_location("_sklearn_stop_words", path)
        module = importlib.util.module_from_spec(data)
        data.loader.exec_module(module)
        _ENGLISH.append(frozenset(module.ENGLISH_STOP_WORDS))
    return _ENGLISH[0]


def stop_words(stopwords) -> frozenset[str]:
    """The set of terms ``stopwords`` names: ``"english"`` (scikit-learn's list), None (none) or a collection.

    Examples
    --------
    >>> sorted(stop_words(["The", "Said’s"]))
    ["said's", 'the']
    >>> "the" in stop_words("english"), len(stop_words(None))
    (True, 0)
    """
    if stopwords is None:
        return frozenset()
    if isinstance(stopwords, str):
        if stopwords != "english":
            raise ValueError(
                f"stopwords={stopwords!r} is not a known list; pass 'english', None, "
                "or a collection of words"
            )
        return english_stop_words()
    if isinstance(stopwords, frozenset) and all(w == normalise(w) for w in stopwords):
        return stopwords
    return frozenset(normalise(w) for w in stopwords)


def compile_pattern(token_pattern: str | None) -> re.Pattern | None:
    """``token_pattern`` compiled, or None for the news rules; a bad pattern is refused with the reason."""
    if token_pattern is None:
        return None
    try:
        return re.compile(token_pattern)
    except (re.error, TypeError) as exc:
        raise ValueError(
            f"token_pattern={token_pattern!r} is not a valid regular expression ({exc}); "
            "pass a pattern such as r'(?u)\\b\\w\\w+\\b', or None for the news rules"
        ) from None


def raw_terms(normalised: str, pattern: re.Pattern | None) -> list[str]:
    """Terms of already-normalised text before stop-word and number filtering."""
    if pattern is not None:
        return pattern.findall(normalised)
    return [_POSSESSIVE.sub("", w) for w in WORD.findall(normalised)]


def rule_drops(term: str, keep_numbers: bool) -> bool:
    """Whether the news rules drop a term: a pure number, or a single character.

    Single characters are mostly debris: the ``s`` and ``t`` of texts that
    lost their apostrophes ("Trump s", "don t") and initials.
    """
    if not keep_numbers and _NUMBER.match(term):
        return True
    return len(term) < 2 and not (keep_numbers and term.isdigit())


def keep_term(term: str, stop: frozenset, keep_numbers: bool, rules: bool) -> bool:
    """Whether a raw term survives the filters (empty, stop word, and the news rules when ``rules``)."""
    if not term or term in stop:
        return False
    return not rules or not rule_drops(term, keep_numbers)


def filtered_terms(normalised: str, pattern, stop: frozenset, keep_numbers: bool) -> list[str]:
    """:func:`tokenize` of already-normalised text, with compiled options."""
    rules = pattern is None
    return [t for t in raw_terms(normalised, pattern) if keep_term(t, stop, keep_numbers, rules)]


def tokenize(
    text: str,
    *,
    stopwords: str | Iterable[str] | None = "english",
    token_pattern: str | None = None,
    keep_numbers: bool = False,
) -> list[str]:
    """Split ``text`` into lowercase terms for counting.

    Rules: the text is lowercased and its apostrophes made straight, then cut
    into the words of :func:`words` (hyphenated names, contractions and dotted
    acronyms stay whole); a possessive ``'s`` is removed (``putin's`` ->
    ``putin``); pure numbers are dropped unless ``keep_numbers``; stop words
    are dropped (scikit-learn's English list by default; pass ``None`` to keep
    all, or your own collection, e.g. ``ENGLISH_STOP_WORDS | {"said"}``).

    With ``token_pattern`` (a regular expression) the lowercased text's
    matches are the tokens, as in scikit-learn's ``CountVectorizer``; no
    possessive or number rule applies then.

    Parameters
    ----------
    text : str
        Any text; empty text, punctuation or numbers alone give ``[]``.
    stopwords : 'english', collection of str or None
        Terms to drop (compared after lowercasing).
    token_pattern : str, optional
        A regular expression whose matches are the tokens.
    keep_numbers : bool
        Keep pure numbers such as ``2017`` or ``1,000`` (news rules only).

    Returns
    -------
    list of str
        The terms in order of appearance.

    Examples
    --------
    >>> tokenize("Putin's talks with the U.S. on Abu-Kamal in 2017")
    ['putin', 'talks', 'u.s.', 'abu-kamal']
    >>> tokenize("It's 2017", token_pattern=r"(?u)\\b\\w\\w+\\b", stopwords=None)
    ['it', '2017']
    """
    if not text:
        return []
    return filtered_terms(normalise(text), compile_pattern(token_pattern), stop_words(stopwords), keep_numbers)
