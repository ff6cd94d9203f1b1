"""Quotation marks paired into quotations, in one text: where each quotation starts and ends.

The quotation marks of a text are read left to right. Curly, angle and low
marks open and close by their shape; a straight mark closes an open quotation
and otherwise opens one when a word follows it. A quotation that reaches the
end of its paragraph open continues when the next paragraph opens with a mark
(the news convention for a quotation over several paragraphs); otherwise it
stops at the paragraph's end and the marks are counted as unpaired. Single
marks are apostrophes, or quotations nested in a double quotation; only in a
text without any double mark are they read as quotation marks (``say they
are 'disappointed'``).

Plain strings in and out; who says a quotation is
:mod:`analysis.sentences.quotes`' question. (:func:`analysis.text.splitter.quotations`
is the splitter's simpler, line-bound reading, used to mark sentences in quotes.)
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

class Quotation(NamedTuple):
    """One quotation in a text: ``text[start:end]`` runs from its opening mark to its closing mark
    (or to the end of the paragraph where it was left open); ``pieces`` are the ``(start, end)``
    offsets of its words, one per paragraph; ``closed`` tells whether a closing mark ended it."""

    start: int
    end: int
    pieces: tuple
    closed: bool


_DOUBLE_MARKS = re.compile("[\"\u201c\u201d\u00ab\u00bb\u201e]")
_SINGLE_MARKS = re.compile("['\u2018\u2019]")
_OPEN_ONLY = "\u201c\u00ab\u201e"
#: Marks that may close a quotation.
CLOSING_MARKS = "\"'\u201d\u2019\u00bb"
_CLOSE_ONLY = "\u201d\u00bb"
# A paragraph ends at a line break, or at a run of spaces after a sentence's end
# (paragraphs flattened into one line keep two or more spaces between them). Both
# patterns start with a fixed character, so the regex engine skips text quickly.
_LINE_BREAK = re.compile(r"\n\s*")
_SPACE_RUN = re.compile("[ \t\xa0]{2,}")
_SENTENCE_END = frozenset(".!?\u201d\"\u2019")


def _opens(text: str, i: int) -> bool:
    """Whether the straight mark at ``i`` can open a quotation: a word or opener follows, and no
    word character touches it on the left."""
    after = text[i + 1 : i + 2]
    before = text[i - 1] if i else " "
    return bool(after) and not after.isspace() and not (before.isalnum() or before in ".,;:!?%")


def _paragraph_ends(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the whitespace between paragraphs, in order."""
    ends = []
    if "\n" in text:
        for m in _LINE_BREAK.finditer(text):
            start = m.start()
            while start and text[start - 1] in " \t\xa0":
                start -= 1
            ends.append((start, m.end()))
    if "  " in text:
        for m in _SPACE_RUN.finditer(text):
            start, end = m.span()
            if start and text[start - 1] in _SENTENCE_END and end < len(text) and not text[end].isspace():
                ends.append((start, end))
        ends.sort()
    return ends


def find_quotations(text: str) -> tuple[list[Quotation], int]:
    """The quotations of one text and the number of marks that did not pair up.

    Parameters
    ----------
    text : str
        One article.

    Returns
    -------
    quotations : list of Quotation
        In order; a quotation never leaves ``text``. Empty quotations
        (``""``, punctuation only) are left out.
    unbalanced : int
        Marks left open at a paragraph's end, or closing marks with nothing
        open: 0 when every mark pairs up.

    Examples
    --------
    >>> text = '“We will win,” he said. "Never," she replied.'
    >>> found, unbalanced = find_quotations(text)
    >>> [text[q.start:q.end] for q in found], unbalanced
    (['“We will win,”', '"Never,"'], 0)
    >>> found, unbalanced = find_quotations("“One paragraph.\\n\\n“Another,” he said.")
    >>> [len(q.pieces) for q in found], unbalanced
    ([2], 0)
    """
    if not isinstance(text, str) or not text:
        return [], 0
    marks = [m.start() for m in _DOUBLE_MARKS.finditer(text)]
    if not marks:
        return _single_quotations(text), 0
    breaks = _paragraph_ends(text)
    break_starts = [s for s, _ in breaks]
    found: list[Quotation] = []
    unbalanced = 0
    open_at = -1  # position of the open quotation's mark, -1 when none is open
    open_mark = ""
    pieces: list[tuple[int, int]] = []
    piece_start = 0

    def finish(end_content: int, end: int, closed: bool):
        nonlocal open_at
        pieces.append((piece_start, end_content))
        kept = tuple((s, e) for s, e in pieces if _has_word(text, s, e))
        if kept:
            found.append(Quotation(open_at, end, kept, closed))
        pieces.clear()
        open_at = -1

    skip_to = -1
    for i in marks:
        c = text[i]
        if i <= skip_to:
            continue
        if open_at < 0 and c == '"' and i and text[i - 1] == "=":
            # Markup left in the text (size="-2", href="..."): an attribute value, not a quotation.
            close = text.find('"', i + 1)
            skip_to = close if close >= 0 else i
            continue
        if open_at >= 0:
            # Did the open quotation reach the end of its paragraph?
            k = bisect.bisect_left(break_starts, piece_start)
            if k < len(breaks) and breaks[k][0] < i:
                # Paragraph ends between the open mark and this one: continue when this mark
                # opens the next paragraph (and no other break lies between them).
                b_start, b_end = breaks[k]
                starts_next = b_end == i and (k + 1 == len(breaks) or breaks[k + 1][0] > i)
                if starts_next and c not in _CLOSE_ONLY and (c != '"' or _opens(text, i)):
                    pieces.append((piece_start, b_start))
                    piece_start = i + 1
                    continue
                finish(b_start, b_start, False)
                unbalanced += 1
        if open_at >= 0:
            opener = c in _OPEN_ONLY and not (c == "\u201c" and open_mark == "\u201e")
            if c == '"' and _opens(text, i) and text[i - 1].isspace():
                opener = True  # '... uncertain. "It is ...': a straight mark that opens
            if not opener:
                finish(i, i + 1, True)
                continue
            before = text[piece_start:i].rstrip()
            if before and before[-1] in ".!?\u2026":
                # A quotation over paragraphs whose breaks were flattened into spaces:
                # '“... uncertain. “It is widely accepted ...'.
                pieces.append((piece_start, piece_start + len(before)))
                piece_start = i + 1
                continue
            # An opening mark inside an open quotation: the first was never closed.
            finish(i, i, False)
            unbalanced += 1
        if c in _OPEN_ONLY or (c == '"' and _opens(text, i)) or (c in _CLOSE_ONLY and _opens(text, i)):
            open_at, open_mark, piece_start = i, c, i + 1
        else:
            unbalanced += 1  # a closing mark with nothing open
    if open_at >= 0:
        k = bisect.bisect_left(break_starts, piece_start)
        end = breaks[k][0] if k < len(breaks) else len(text.rstrip())
        finish(end, end, False)
        unbalanced += 1
    return found, unbalanced


_WORD_CHARACTER = re.compile(r"[^\W_]")


def _has_word(text: str, start: int, end: int) -> bool:
    return _WORD_CHARACTER.search(text, start, end) is not None


_SINGLE_OPEN = "'\u2018"
_SINGLE_CLOSE = "'\u2019"


def _single_quotations(text: str) -> list[Quotation]:
    """Quotations in single marks, for texts without any double mark (never across a line)."""
    found = []
    open_at = -1
    for m in _SINGLE_MARKS.finditer(text):
        i = m.start()
        c = text[i]
        before = text[i - 1] if i else " "
        after = text[i + 1 : i + 2] or " "
        if open_at >= 0 and "\n" in text[open_at:i]:
            open_at = -1  # apostrophes do not pair across lines
        if open_at < 0:
            if c in _SINGLE_OPEN and not (before.isalnum() or before in ".,;:!?") and after.isalnum():
                open_at = i
        elif c in _SINGLE_CLOSE and not before.isspace() and not after.isalnum():
            if _has_word(text, open_at + 1, i):
                found.append(Quotation(open_at, i + 1, ((open_at + 1, i),), True))
            open_at = -1
    return found


def quotation_text(text: str, quotation: Quotation) -> str:
    """The quoted words: the pieces of ``quotation`` joined, whitespace collapsed.

    Examples
    --------
    >>> text = "“One paragraph.\\n\\n“Another,” he said."
    >>> quotation_text(text, find_quotations(text)[0][0])
    'One paragraph. Another,'
    """
    return " ".join(" ".join(text[s:e].split()) for s, e in quotation.pieces).strip()
