"""The regex of a run of capitalised words: where :mod:`analysis.text.names` looks for names."""

from __future__ import annotations

import functools
import re


def _class_of(predicate) -> str:
    """A regex character class of the BMP characters meeting ``predicate``, as ranges."""
    codes = [c for c in range(0x10000) if predicate(chr(c))]
    parts, first, last = [], codes[0], codes[0]
    for c in codes[1:] + [-1]:
        if c == last + 1:
            last = c
            continue
        parts.append(re.escape(chr(first)) if first == last else f"{re.escape(chr(first))}-{re.escape(chr(last))}")
        first = last = c
    return "[" + "".join(parts) + "]"


_UPPER = _class_of(str.isupper)
_APOSTROPHES = "'\u2019"


@functools.lru_cache(maxsize=16)
def run_pattern(connectors: frozenset) -> re.Pattern:
    """The regex of a run of capitalised words on one line, joined by spaces and connectors.

    A word may end with a period when another capitalised word follows
    (initials, ``Gen.``, and also the end of a sentence: :func:`analysis.text.names.find`
    splits there). The pattern starts with its first character class and has no
    look-behind, so the regex engine skips lowercase text quickly; a match
    that begins inside a token (``iPhone``, the ``S`` of ``U.S.``) is
    trimmed by :func:`analysis.text.names.find`.
    """
    joiners = "|".join(sorted(map(re.escape, connectors), key=len, reverse=True)) or "(?!)"
    word = rf"{_UPPER}\w*(?:[{_APOSTROPHES}\-]\w+)*(?:\.(?=[ \t\xa0]+{_UPPER}))?"
    gap = rf"[ \t\xa0]+(?:(?:{joiners})[ \t\xa0]+)*"
    # The group holds the words after the first: None for a single word (the common case).
    return re.compile(rf"{word}((?:{gap}(?:(?:{joiners})-)?{word})+)?")
