"""Enumerated and bulleted lists run into one paragraph: where each item starts.

A list flattened into running text (``1.) The first item 2.) The second item``,
``a. Bread b. Milk``, ``• 9. One • 10. Two``) has no full stop between its items,
and the period of each marker (``1.``, ``a.``) is no sentence end. The splitter
asks :func:`list_items` about a paragraph that opens with a list marker; a
paragraph that does not is never read here, so ordinary text costs one
anchored match per paragraph.

A marker is a number of up to three digits, or one lowercase letter (an
uppercase letter only before ``)``: ``A. Smith`` is an initial), followed by
``.``, ``)`` or ``.)``, and by a space; it may follow a bullet. Items are the
markers that continue the paragraph's sequence: ``2`` after ``1``, ``b``
after ``a``, in the same style, each after a space. A number that merely
follows its predecessor in a sentence (``he scored 2. Then``) is taken as a
marker only in a paragraph that opened with the marker before it.
"""

from __future__ import annotations

import re

#: Bullets that open a list item wherever they stand after a space.
BULLETS = "\u2022\u2043\u25e6\u25aa\u2023\u25cf"

_SPACE = "[ \\t\\u00a0]"
_MARKER = (
    f"(?:([{BULLETS}]){_SPACE}*)?"  # 1: bullet
    "(?:(\\d{1,3})|([a-z])|([A-Z])(?=\\.?\\)))"  # 2: number, 3: lowercase letter, 4: uppercase letter
    "(\\.\\)|\\)|\\.)"  # 5: style
    f"(?={_SPACE}+\\S)"
)
_FIRST = re.compile(f"\\s*{_MARKER}")
_ANYWHERE = re.compile(f"(?<!\\S){_MARKER}")
_BULLET = re.compile(f"(?<!\\S)[{BULLETS}]")


def _value(m: re.Match) -> tuple[str, int]:
    """The kind of a marker (digit, lower, upper) and its place in its sequence."""
    if m.group(2):
        return "digit", int(m.group(2))
    letter = m.group(3) or m.group(4)
    return ("lower" if m.group(3) else "upper"), ord(letter.lower()) - ord("a")


def list_items(text: str, lo: int, hi: int) -> tuple[list[int], set[int]]:
    """Item starts of a list flattened into the paragraph ``text[lo:hi]``, and the offsets of marker punctuation.

    Returns ``(starts, marks)``: a sentence boundary goes before each offset
    of ``starts`` (every item but the first), and a period or bracket at an
    offset of ``marks`` belongs to a marker, so it ends no sentence. Both are
    empty when the paragraph does not open with a list marker.

    Examples
    --------
    >>> text = "1.) Pack the tent 2.) Drive north 3.) Camp by the lake"
    >>> starts, marks = list_items(text, 0, len(text))
    >>> [text[s:s + 3] for s in starts], sorted(marks)
    (['2.)', '3.)'], [1, 2, 19, 20, 35, 36])
    >>> list_items("He scored 2. Then he left.", 0, 26)
    ([], set())
    """
    first = _FIRST.match(text, lo, hi)
    if first is None:
        return [], set()
    starts: list[int] = []
    marks = set(range(first.start(5), first.end(5)))
    bullet, style = first.group(1), first.group(5)
    kind, place = _value(first)
    for m in _ANYWHERE.finditer(text, first.end(), hi):
        if m.group(1) != bullet or m.group(5) != style or _value(m) != (kind, place + 1):
            continue
        starts.append(m.start())
        marks.update(range(m.start(5), m.end(5)))
        place += 1
    if bullet:
        # Every bullet after a space opens an item, numbered or not.
        starts.extend(m.start() for m in _BULLET.finditer(text, first.end(), hi))
    return sorted(set(starts)), marks
