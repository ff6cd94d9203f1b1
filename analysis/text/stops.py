"""Candidate sentence ends of a batch of texts, found in one pass, the plain ones decided there.

The splitter (:mod:`analysis.text.splitter`) decides each candidate -- a run
of stops and the closing marks after it -- with rules that read the words
around it, one candidate at a time, in Python. Most candidates in news are
of kinds those rules always decide the same way:

- a stop followed by whitespace that runs to the end of its paragraph (a
  blank line) or of the text ends a sentence;
- so does a single full stop after a word of two to :data:`LOOK` ASCII
  letters that is not an abbreviation, followed by whitespace and a capital
  A-Z, possibly after one opening quote or bracket ("... the talks. The ...");
- a stop glued to the next character ends none, unless that character is a
  capital followed by a lowercase letter ("datasets.We") or an opening mark
  followed by a capital: "3.5", "U.S.", "gamesindustry.biz".

:func:`scan` finds every candidate of a whole batch with numpy, reading the
batch one byte per character, and decides those kinds there; only the
others go through the rules. It reads the abbreviations from the caller (the
batch's ``SplitRules``), so a word list changed by the user counts here as
in the rules.
"""

from __future__ import annotations

import codecs
import re

import numpy as np

TERMINALS = ".!?\u2026"
CLOSERS = "\"'\u201d\u2019\u00bb\u203a)]}"
OPENERS = "\"'\u201c\u2018\u00ab\u2039([{"
#: The widest window a decision reads on either side of a candidate.
LOOK = 40

# Between two texts of a batch: whitespace with two line breaks, a paragraph
# break, so that nothing read at the end of one text reaches into the next.
_SEPARATOR = "\n\n"
# The batch is read one byte per character: ASCII as itself, any other
# character as DEL, looked up in the text where it matters (it is rare in news).
_FOREIGN = 0x7F
# Whether each byte is an ASCII character str.isspace() accepts (the separators \x1c-\x1f too).
_SPACE = np.array([chr(c).isspace() and c < 128 for c in range(256)])
_SPACES = re.compile(r"\s*")
_CLOSING = re.compile(f"[{re.escape(CLOSERS)}]*")
_STEPS = 8  # characters after the stops read one at a time for all, before a regex reads the rest
_AS_ASCII = "analysis.text.stops.as_ascii"
codecs.register_error(_AS_ASCII, lambda error: ("\x7f" * (error.end - error.start), error.end))


def scan(texts: list[str], abbreviations) -> list[tuple[list[int], list[tuple[int, int]]]]:
    """The candidate sentence ends of each text of a batch: those decided here, and those left to the rules.

    A candidate is a run of stops ``[.!?…]+`` and the closing marks after
    it; the kinds decided here are those of the module docstring.

    Parameters
    ----------
    texts : list of str
        The batch.
    abbreviations : set of str
        Lowercase words, without their final period, after which a full stop
        may not end a sentence (``SplitRules.abbreviations``).

    Returns
    -------
    list of tuple
        For each text, ``(ends, others)``: the offsets right after the
        candidates that end a sentence, in order, and ``(start, end)`` of
        the candidates left to the rules, in order.

    Examples
    --------
    >>> scan(["Rain fell. Mr. Smith left... on foot.", "It rained! Pi is 3.14 or so"], {"mr"})
    [([10, 37], [(13, 14), (25, 28)]), ([], [(9, 10)])]
    """
    if not texts:
        return []
    joined = _SEPARATOR.join(texts)
    raw = np.frombuffer(joined.encode("ascii", _AS_ASCII), dtype=np.uint8)
    n = len(raw)
    foreign = np.flatnonzero(raw == _FOREIGN)
    foreign_chars = [joined[i] for i in foreign.tolist()]
    foreign_code = np.array(list(map(ord, foreign_chars)), dtype=np.int64)
    foreign_space = np.array([c.isspace() for c in foreign_chars], dtype=bool)

    def char(at):
        """The code points at offsets ``at`` (each < n)."""
        c = raw[at].astype(np.int64)
        odd = np.flatnonzero(c == _FOREIGN)
        c[odd] = foreign_code[np.searchsorted(foreign, at[odd])]
        return c

    def is_space(at, byte):
        """``str.isspace`` of the characters at offsets ``at``, whose bytes are ``byte`` (any shape)."""
        space = _SPACE[byte]
        odd = byte == _FOREIGN
        if odd.any():
            space[odd] = foreign_space[np.searchsorted(foreign, at[odd])]
        return space

    ascii_stops = np.flatnonzero((raw == ord(".")) | (raw == ord("!")) | (raw == ord("?")))
    more = foreign[foreign_code == ord("\u2026")]
    stop = np.sort(np.concatenate((ascii_stops, more))) if len(more) else ascii_stops
    first_of_run = np.ones(len(stop), dtype=bool)
    first_of_run[1:] = stop[1:] != stop[:-1] + 1
    last_of_run = np.ones(len(stop), dtype=bool)
    last_of_run[:-1] = first_of_run[1:]
    starts, ends = stop[first_of_run], stop[last_of_run] + 1
    single_period = (ends == starts + 1) & (raw[starts] == ord("."))
    # Closing marks extend a run a character at a time for all; the rare
    # long runs are read by a regex.
    growing = np.flatnonzero(ends < n)
    for _ in range(_STEPS):
        growing = growing[_one_of(char(ends[growing]), CLOSERS)]
        ends[growing] += 1
        single_period[growing] = False
        growing = growing[ends[growing] < n]
    for i in growing.tolist():
        ends[i] = _CLOSING.match(joined, ends[i]).end()

    # The whitespace after each candidate, [ends, after), and its line breaks,
    # a few characters at a time for all; the rare long runs by a regex.
    after = ends.copy()
    breaks = np.zeros(len(ends), dtype=np.int64)
    going = np.flatnonzero(ends < n)
    going = going[is_space(ends[going], raw[ends[going]])]
    spaced = np.zeros(len(ends), dtype=bool)
    spaced[going] = True
    for _ in range(_STEPS):
        breaks[going] += raw[after[going]] == ord("\n")
        after[going] += 1
        going = going[after[going] < n]
        going = going[is_space(after[going], raw[after[going]])]
    for i in going.tolist():
        end = _SPACES.match(joined, after[i]).end()
        breaks[i] += joined.count("\n", after[i], end)
        after[i] = end
    # Two line breaks in the whitespace are a paragraph break (the splitter's
    # blank line, which the separator between texts also is).
    closes = (after >= n) | (breaks >= 2)

    # Glued to the next character: the rules go on only before a capital and
    # a lowercase letter ("datasets.We") or an opening mark and a capital.
    glued = np.flatnonzero(~spaced & (ends < n))
    nxt = raw[ends[glued]].astype(np.int64)
    following = np.where(ends[glued] + 1 < n, raw[np.minimum(ends[glued] + 1, n - 1)], 0).astype(np.int64)
    inside = (nxt != _FOREIGN) & (following != _FOREIGN)
    inside &= ~((_is_capital(nxt) & (following >= ord("a")) & (following <= ord("z")))
                | (_one_of(nxt, OPENERS) & _is_capital(following)))
    skipped = np.zeros(len(starts), dtype=bool)
    skipped[glued[inside]] = True

    plain = np.flatnonzero(single_period & spaced & ~closes)
    nxt = after[plain]
    first = char(nxt)
    opener = _one_of(first, OPENERS) & (nxt + 1 < n)
    first[opener] = char(nxt[opener] + 1)
    plain = plain[_is_capital(first)]
    plain = plain[_words_that_end(joined, raw, starts[plain], abbreviations)]
    decided = closes.copy()
    decided[plain] = True
    left = ~decided & ~skipped

    text_end = np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + len(_SEPARATOR))
    text_of = np.searchsorted(text_end, starts, side="right")
    offset = np.concatenate(([0], text_end))[text_of]
    decided_ends = (ends - offset)[decided].tolist()
    left_starts, left_ends = (starts - offset)[left].tolist(), (ends - offset)[left].tolist()
    bounds = np.arange(len(texts) + 1)
    cut_decided = np.searchsorted(text_of[decided], bounds).tolist()
    cut_left = np.searchsorted(text_of[left], bounds).tolist()
    return [(decided_ends[cut_decided[i]:cut_decided[i + 1]],
             list(zip(left_starts[cut_left[i]:cut_left[i + 1]], left_ends[cut_left[i]:cut_left[i + 1]])))
            for i in range(len(texts))]


def _one_of(codes, chars: str):
    """Whether each code point is one of ``chars``: a comparison each, as they are few (np.isin sorts,
    and its first call in a process costs a millisecond)."""
    found = np.zeros(len(codes), dtype=bool)
    for c in chars:
        found |= codes == ord(c)
    return found


def _is_capital(code):
    """Whether each code point is a capital A-Z (an accented capital goes to the rules)."""
    return (code >= ord("A")) & (code <= ord("Z"))


def _words_that_end(joined: str, raw, stop, abbreviations):
    """Whether the word before each full stop at ``stop`` is 2 to LOOK ASCII letters and no abbreviation.

    The word is the run of letters before the stop, which must follow ASCII
    whitespace or open the batch: then it is exactly the word the rules read
    (the characters after the last whitespace). Any other word (a digit, a
    hyphen, an accented letter in it) is left to the rules. The words are
    packed eight bytes to a number to be looked up among the abbreviations.
    """
    size = np.zeros(len(stop), dtype=np.int64)
    ok = np.zeros(len(stop), dtype=bool)
    going = np.arange(len(stop))
    for k in range(1, LOOK + 2):
        at = stop[going] - k
        byte = raw[np.maximum(at, 0)]
        folded = byte | 0x20  # A-Z onto a-z
        letter = (folded >= ord("a")) & (folded <= ord("z")) & (at >= 0)
        ended = going[~letter]
        size[ended] = k - 1
        ok[ended] = _SPACE[byte[~letter]] | (at[~letter] < 0)
        going = going[letter]
        if not len(going):
            break
    ok &= (size >= 2) & (size <= LOOK)
    # The last eight letters of each word, lowercase, zeros before a shorter one.
    at = stop[:, None] - np.arange(8, 0, -1)
    packed = np.where(np.arange(8, 0, -1) <= size[:, None], raw[np.maximum(at, 0)] | 0x20, 0).astype(np.uint8)
    packed = np.ascontiguousarray(packed).view(np.uint64)[:, 0]
    short = [a for a in abbreviations if a.isalpha() and a.isascii()]
    keys = np.array([int.from_bytes(a.rjust(8, "\0").encode("ascii"), "little") for a in short if len(a) <= 8],
                    dtype=np.uint64)
    keys = np.sort(keys)
    found = keys[np.minimum(np.searchsorted(keys, packed), len(keys) - 1)] == packed if len(keys) else False
    ok &= ~((size <= 8) & found)
    check = np.flatnonzero(ok & (size > 8)) if any(len(a) > 8 for a in short) else np.zeros(0, dtype=np.int64)
    for i in check.tolist():
        ok[i] = joined[stop[i] - size[i]:stop[i]].lower() not in abbreviations
    return ok
