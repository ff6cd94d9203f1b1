"""Keys of names: the folded form the variants of one name share, and the tests on a name alone.

:mod:`analysis.text.names` finds and resolves names with these; the corpus
step (:mod:`analysis.terms.names`) merges by the same keys.
"""

from __future__ import annotations

from analysis.text.name_rules import DEFAULT_RULES, NameRules


def bare_word(word: str) -> str:
    """``word`` lowercase, without a final period, apostrophes straight: how word lists hold it."""
    return word.rstrip(".").lower().replace("\u2019", "'")


def is_initial(word: str) -> bool:
    """Whether ``word`` is an initial: one capital, with or without a period (``J.``, ``J``)."""
    return len(word) <= 2 and word[0].isupper() and (len(word) == 1 or word[1] == ".")


def _fold(name: str, connectors: frozenset) -> str:
    words = name.replace("\u2019", "'").split()
    kept = [w for w in words if not is_initial(w)] or words
    out = []
    for w in kept:
        low = w.lower().rstrip(".")
        head, dash, tail = low.partition("-")
        if dash and tail and head in connectors:
            low = tail
        out.append(low)
    return " ".join(out)


# Keys already folded, per set of connectors: names repeat across a corpus.
_KEYS: dict[frozenset, dict[str, str]] = {}
_KEYS_LIMIT = 500_000


def _key_cache(connectors: frozenset) -> dict[str, str]:
    cache = _KEYS.get(connectors)
    if cache is None or len(cache) > _KEYS_LIMIT:
        cache = _KEYS[connectors] = {}
    return cache


def name_key(name: str, rules: NameRules = DEFAULT_RULES) -> str:
    """The folded form variants of one name share: lowercase, initials dropped, particles ignored.

    Examples
    --------
    >>> name_key("Donald J. Trump"), name_key("Bashar al-Assad"), name_key("George W Bush")
    ('donald trump', 'bashar assad', 'george bush')
    """
    cache = _key_cache(rules.connectors)
    key = cache.get(name)
    if key is None:
        key = cache[name] = _fold(name, rules.connectors)
    return key


def clean_name(name: str) -> str:
    """``name`` as written, initials dropped: the form an entity is shown under.

    Examples
    --------
    >>> clean_name("Donald J. Trump")
    'Donald Trump'
    """
    words = name.split()
    kept = [w for w in words if not is_initial(w)] or words
    return " ".join(kept)


def surname(key: str) -> str:
    """The last word of a name key: the surname a short mention may stand for."""
    return key.rsplit(" ", 1)[-1]


def is_person_like(name: str, rules: NameRules = DEFAULT_RULES) -> bool:
    """Whether a full name can carry a surname: two to four name words, no organisation,
    place or suffix word, no ``of``, not opening with a nationality in -ish or -ese.

    Examples
    --------
    >>> is_person_like("Yasser Arafat"), is_person_like("White House"), is_person_like("North Korea")
    (True, False, False)
    """
    cache = _PERSON_LIKE.get(rules)
    if cache is None or len(cache) > _KEYS_LIMIT:
        cache = _PERSON_LIKE[rules] = {}
    found = cache.get(name)
    if found is None:
        found = cache[name] = _person_like(name, rules)
    return found


_PERSON_LIKE: dict = {}


def _person_like(name: str, rules: NameRules) -> bool:
    words = name_key(name, rules).split()
    if not 2 <= len(words) <= 4 or "of" in words:
        return False
    if words[0] in rules.place_words or words[-1] in rules.suffixes:
        return False
    if words[0].endswith(("ish", "ese")):
        return False  # a nationality: "British Phonographic Industry", "Chinese Foreign Ministry"
    return not any(w in rules.organisation_words for w in words)
