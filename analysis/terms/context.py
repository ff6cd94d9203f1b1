"""Keyword in context: every use of a word, phrase or pattern, with the words around it."""

from __future__ import annotations

import bisect
import functools
import re

import pandas as pd

from analysis import _parallel
from analysis._input import DOC_ID, check_int, corpus_frame, texts_of
from analysis.text.tokens import WORD, straight_apostrophes

LEFT = "left"
MATCH = "match"
RIGHT = "right"

#: Columns of :func:`kwic`.
KWIC_COLUMNS = [DOC_ID, LEFT, MATCH, RIGHT]

_APOSTROPHE_CLASS = "['\u2019\u2018\u02bc`]"


# Characters that make a kwic pattern a regular expression when ``regex`` is
# not given. The dot is not one of them: "U.S." is a word.
_REGEX_MARKS = re.compile(r"[\\\[\]()*+?{}|^$]")


def _kwic_regex(pattern: str, regex: bool | None, case_sensitive: bool) -> re.Pattern:
    flags = 0 if case_sensitive else re.IGNORECASE
    if not isinstance(pattern, str) or not pattern.strip():
        raise ValueError(f"pattern={pattern!r}; pass a word, a phrase or a regular expression")
    if regex is None:
        regex = bool(_REGEX_MARKS.search(pattern))
    if regex:
        try:
            return re.compile(pattern, flags)
        except re.error as exc:
            raise ValueError(
                f"pattern={pattern!r} is not a valid regular expression ({exc}); fix it, or pass "
                "regex=False to search for the words as written"
            ) from None
    found = _kwic_words(pattern)
    parts = [re.escape(w).replace("'", _APOSTROPHE_CLASS) for w in found]
    # "Not after a word character", tested after the first word rather than
    # before it: a pattern that starts with its words lets the regex engine
    # skip ahead to them (2-3x faster on a corpus); the first word always
    # takes len(word) characters, so the look-behind sees the same character.
    not_after_word = rf"(?<!\w[\s\S]{{{len(found[0])}}})"
    return re.compile(parts[0] + not_after_word + "".join(r"\s+" + p for p in parts[1:]) + r"(?!\w)", flags)


def _kwic_words(pattern: str) -> list[str]:
    """The whitespace-separated pieces of a kwic pattern, apostrophes made straight."""
    return straight_apostrophes(pattern).split()


def _kwic_text(text: str, compiled: re.Pattern, window: int) -> list[tuple[str, str, str]]:
    """``(left, match, right)`` for every non-empty match in one text."""
    hits = [m for m in compiled.finditer(text) if m.end() > m.start()]
    if not hits:
        return []
    straight = straight_apostrophes(text)
    # Hits all over the text (a common word): one scan of the whole text.
    dense = len(hits) * 2 * _reach(window) >= len(text)
    contexts = [None] * len(hits) if dense else [_context(straight, m.start(), m.end(), window) for m in hits]
    if None in contexts:
        spans = [w.span() for w in WORD.finditer(straight)]
        starts, ends = [s for s, _ in spans], [e for _, e in spans]
        contexts = [c if c is not None else _around(starts, ends, m.start(), m.end(), window)
                    for m, c in zip(hits, contexts)]
    out = []
    for m, (left_start, right_end) in zip(hits, contexts):
        left, right = text[left_start : m.start()], text[m.end() : right_end]
        out.append((" ".join(left.split()), " ".join(m.group().split()), " ".join(right.split())))
    return out


def _reach(window: int) -> int:
    """Characters scanned on each side of a hit at first: room for ``window`` words and two more
    (news words average six characters with their space; a scan that falls short reaches further)."""
    return 16 * (window + 2)


def _edges(text: str, lo: int, hi: int) -> tuple[int, int]:
    """``lo`` moved back and ``hi`` on to the nearest space (or the text's ends).

    No word holds a space, so a scan between spaces finds whole words: a scan
    that starts inside an address would find its pieces as words.
    """
    if lo > 0:
        lo = text.rfind(" ", 0, lo) + 1
    if hi < len(text):
        space = text.find(" ", hi)
        hi = len(text) if space < 0 else space
    return lo, hi


def _around(starts: list[int], ends: list[int], start: int, end: int, window: int) -> tuple[int, int]:
    """Where the ``window`` words before ``start`` begin and the ``window`` words after ``end`` end."""
    if not window:
        return start, end
    k = bisect.bisect_right(ends, start)
    left_start = starts[k - window] if k >= window else (starts[0] if k else start)
    j = bisect.bisect_left(starts, end)
    last = min(j + window, len(ends)) - 1
    return left_start, ends[last] if last >= j else end


def _context(text: str, start: int, end: int, window: int) -> tuple[int, int] | None:
    """:func:`_around` with the words found near the hit only, not in the whole text.

    The scan runs from a space to a space (:func:`_edges`), far enough on
    each side to hold the words used, so it gives the words a scan of the
    whole text gives. None when the nearest spaces are far (a text with few
    spaces): one scan of the whole text then serves.
    """
    reach = _reach(window)
    while True:
        lo, hi = _edges(text, max(0, start - reach), min(len(text), end + reach))
        if hi - lo > 32 * reach:
            return None
        spans = [w.span() for w in WORD.finditer(text, lo, hi)]
        starts, ends = [s for s, _ in spans], [e for _, e in spans]
        if ((lo == 0 or bisect.bisect_right(ends, start) >= window + 2)
                and (hi == len(text) or len(spans) - bisect.bisect_left(starts, end) >= window + 2)):
            return _around(starts, ends, start, end, window)
        reach *= 4


def kwic(data, pattern: str, *, window: int = 7, regex: bool | None = None, case_sensitive: bool = False,
         n_jobs: int | None = None, progress: bool = True) -> pd.DataFrame:
    """Keyword in context: every use of a word, phrase or pattern, with the words around it.

    Parameters
    ----------
    data : DataFrame or iterable of str
        The corpus (``doc_id`` as everywhere: the column, else the index or position).
    pattern : str
        A word or phrase, matched as whole words, any spacing and any
        apostrophe (``"islamic state"``, ``"Trump's"``, ``"U.S."``); or a
        regular expression (``r"syria\\w*"``, ``"mueller|comey"``).
    window : int
        Words shown on each side.
    regex : bool, optional
        Whether ``pattern`` is a regular expression. By default it is when it
        holds one of ``\\ [ ] ( ) * + ? { } | ^ $`` (a dot alone does not
        count); an invalid one raises ``ValueError``.
    case_sensitive : bool
        Match case exactly (by default ``syria`` finds ``Syria``).
    n_jobs, progress
        As in :func:`~analysis.terms.term_frequencies`.

    Returns
    -------
    DataFrame
        ``doc_id, left, match, right``: one row per hit, in corpus order,
        whitespace in the context collapsed to single spaces.

    Examples
    --------
    >>> kwic(["Rebels left Abu-Kamal. The army said Abu-Kamal fell on Sunday."], "abu-kamal", window=2,
    ...      progress=False)
      doc_id         left      match       right
    0      0  Rebels left  Abu-Kamal  . The army
    1      0    army said  Abu-Kamal     fell on
    """
    window = check_int("window", window, low=0)
    compiled = _kwic_regex(pattern, regex, case_sensitive)
    frame = corpus_frame(data)
    work = _parallel.batches(texts_of(frame), frame[DOC_ID].tolist(), chunk_chars=_parallel.CHUNK_CHARS)
    func = functools.partial(_kwic_batch, compiled=compiled, window=window)
    rows = [row for part in _parallel.map_batches(func, work, n_jobs=n_jobs, progress=progress, total=len(frame),
                                                  desc="kwic") for row in part]
    return pd.DataFrame(rows, columns=KWIC_COLUMNS).astype(object)


def _kwic_batch(texts: list[str], doc_ids: list[str], *, compiled: re.Pattern, window: int) -> list[tuple]:
    return [(doc_id, *hit) for doc_id, text in zip(doc_ids, texts) for hit in _kwic_text(text, compiled, window)]
