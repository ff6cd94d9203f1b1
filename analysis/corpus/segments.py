"""Cutting article bodies into segments, the units boilerplate is looked for in, and keying them.

A body of several lines gives its lines; a body of one line (a CSV row) gives
its sentences, cut also where a credit is glued to the last word
(``...said.Featured image via ...``, ``...2017Featured ...``), so that the
start and end of such a body are segments too. Each segment has a key (CRC-32
of its bytes, with its length: the same in every process) and, when it could
be an instance of a template (``READ MORE: <headline>``), the keys of its first
two and three words.

The sentence cuts here are deliberately simpler than
:func:`analysis.text.split`: a fixed list of abbreviations, so that every
process cuts a text the same way whatever the user added to the splitter's
lists; a wrong cut only makes two segments of one, which cannot recur unless
the whole does. Pure Python and numpy.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

#: Longest segment that can be an instance of a template (jusText's "long block" length).
MAX_TEMPLATE_CHARS = 200
#: A segment this short (jusText's "short" block) may be a template's instance even with a final stop.
SHORT_CHARS = 70

# Kinds of a segment (and of a boilerplate entry: see analysis.corpus.boilerplate).
LINE, SENTENCE = "line", "sentence"

#: Segment flags: the segments that together make the body (its lines, or the sentences of a one-line body),
COVER = 1
#: ... a segment that may be judged as a verbatim repeat,
EXACT = 2
#: ... a sentence (not a whole line).
SENT = 4

#: Template start bits (the low three bits hold the number of words): the start is capitalised words only,
#: it names someone;
NAMED = 8
#: ... the segment ends without a final stop: evidence of a template (else an instance only).
EVIDENCE = 16

# A candidate sentence end: stops (and a colon or semicolon glued to the next
# word), closing marks, then space or a capitalised word; or a digit glued to
# a capitalised word ("December 31, 2017Featured image ...").
_CUT = re.compile(r"[.!?…:;]+[\"'”’)\]»]*(?=\s|[A-Z][a-z])|\d(?=[A-Z][a-z])")
_OPENERS = "\"'“‘([«"
# Words whose period does not end a sentence. Fixed here (not a user setting)
# so that every process cuts a text the same way; a wrong cut only makes two
# segments of one, which cannot recur unless the whole does.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st gen sen rep gov lt col sgt capt cmdr adm maj jr sr prof rev hon pres "
    "inc co corp ltd plc no nos vs etc al fig jan feb mar apr jun jul aug sep sept oct nov dec "
    "mon tue wed thu fri sat sun approx est dept univ ave blvd rd mt ft".split()
)
#: Final stops, C4's test: a period, exclamation or question mark, or a closing quote.
TERMINAL = frozenset(".!?…\"”’'")
#: Code points of the last characters that make a segment no template evidence (a stop or a colon).
NO_STOP_CODES = np.array(sorted(ord(c) for c in TERMINAL | {":"}))
_WORD = re.compile(r"[^\W_]+")


# --- segments -------------------------------------------------------------------


def _is_cut(text: str, m: re.Match, lo: int, hi: int) -> bool:
    """Whether the candidate ``m`` of :data:`_CUT` ends a sentence of ``text[lo:hi]``."""
    end = m.end()
    if end >= hi:
        return False
    run = m.group()
    if text[end].isspace():
        if run[0] in ":;":
            return False  # "READ MORE: <headline>" stays one segment
        j = end + 1
        while j < hi and text[j].isspace():
            j += 1
        if j >= hi:
            return False
        first = text[j]
        if first in _OPENERS and j + 1 < hi:
            first = text[j + 1]
        if not (first.isupper() or first.isdigit()):
            return False
        if run == ".":
            before = text[max(lo, m.start() - 24) : m.start()].rsplit(None, 1)
            word = before[-1].lstrip(_OPENERS).lower() if before else ""
            if len(word) <= 1 or "." in word or word in _ABBREVIATIONS:
                return False  # an initial, "U.S.", "Mr."
        return True
    # Glued to a capitalised word: "...said.Featured", "below:Featured", "2017Featured";
    # "U.S.Army" is a dotted acronym, not an end.
    return not (run[0] == "." and m.start() >= 2 and text[m.start() - 2] == ".")


def _sentence_spans(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """``(start, end)`` of the sentences of ``text[lo:hi]`` (one line), trimmed."""
    out = []
    start = lo
    for m in _CUT.finditer(text, lo, hi):
        if not _is_cut(text, m, lo, hi):
            continue
        s, e = _trim(text, start, m.end())
        if s < e:
            out.append((s, e))
        start = m.end()
    s, e = _trim(text, start, hi)
    if s < e:
        out.append((s, e))
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def segments(text: str) -> list[tuple[int, int, str]]:
    """The segments of one article body that boilerplate is looked for in.

    A body of several lines gives its lines; a body of one line (a CSV row)
    gives its sentences, cut also where a stop or a number is glued to a
    capitalised word (``...said.Featured image via ...``, ``...2017Featured
    ...``: two page elements joined without a space).

    Parameters
    ----------
    text : str
        One article body.

    Returns
    -------
    list of (int, int, str)
        ``(start, end, kind)``: offsets into ``text`` (``text[start:end]`` is
        the segment, trimmed) and ``"line"`` or ``"sentence"``.

    Examples
    --------
    >>> segments("Troops advanced on Monday. The city fell.Featured image via Agency")
    [(0, 26, 'sentence'), (27, 41, 'sentence'), (41, 66, 'sentence')]
    >>> body = "First paragraph. It goes on.\\n\\nREAD MORE: Another story"
    >>> [body[s:e] for s, e, kind in segments(body)]
    ['First paragraph. It goes on.', 'READ MORE: Another story']
    """
    return [(s, e, SENTENCE if flags & SENT else LINE) for s, e, flags in segment_spans(text)]


def _line_spans(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        n = len(line)
        if line and not line.isspace():
            s = pos + n - len(line.lstrip())
            out.append((s, pos + len(line.rstrip())))
        pos += n + 1
    return out


def segment_spans(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, flags)`` of every segment of ``text`` (see :func:`segments`).

    ``flags`` holds :data:`COVER` (every segment here), :data:`SENT` for a
    sentence and :data:`EXACT` unless it is a one-word sentence (too common to
    be evidence of anything).

    Examples
    --------
    >>> segment_spans("Rain fell. Why? It rained.") == [(0, 10, COVER | SENT | EXACT), (11, 15, COVER | SENT),
    ...                                                  (16, 26, COVER | SENT | EXACT)]
    True
    """
    lines = _line_spans(text)
    if not lines:
        return []
    if len(lines) == 1:
        return _sentences_of_line(text, *lines[0])
    return [(s, e, COVER | EXACT) for s, e in lines]


def _sentences_of_line(text: str, s: int, e: int) -> list[tuple[int, int, int]]:
    return [
        (a, b, COVER | SENT | (EXACT if _two_words(text, a, b) else 0))
        for a, b in _sentence_spans(text, s, e)
    ]


def _two_words(text: str, s: int, e: int) -> bool:
    # A one-word sentence ("Seriously.", "Why?") is too common to be evidence.
    return text.find(" ", s, e) >= 0


def segment_key(segment: str) -> int:
    """A segment's key: CRC-32 of its UTF-8 bytes, and its length (the same in every process).

    Examples
    --------
    >>> segment_key("Follow us") == segment_key("Follow us") != segment_key("Follow us!")
    True
    """
    return zlib.crc32(segment.encode("utf-8", "surrogatepass")) | (len(segment) << 32)


def segment_keys(segments: list[str], lengths: np.ndarray) -> np.ndarray:
    """:func:`segment_key` of many segments at once (``lengths``: theirs)."""
    try:
        crc = np.fromiter(map(zlib.crc32, map(str.encode, segments)), dtype=np.int64, count=len(segments))
    except UnicodeEncodeError:  # a lone surrogate (from JSON): the slow way, as segment_key does
        return np.array([segment_key(s) for s in segments], dtype=np.int64)
    return crc | (lengths << 32)


_EDGE_PUNCT = "\"'“”‘’()[]{}<>«»,.;:!?|/\\-–—*#@&+="


def template_starts(segment: str) -> list[tuple[int, int]]:
    """``(key, info)`` of the 2- and 3-word starts of a template candidate, shortest first.

    ``info`` is the number of words, plus :data:`NAMED` when the start names
    someone and :data:`EVIDENCE` when the segment ends without a final stop.
    Candidates are segments of at most ``MAX_TEMPLATE_CHARS`` that end without
    a final stop (C4's test), or end with one but are short (under
    ``SHORT_CHARS``, jusText's "short" block: ``Photo by X/Agency.``). Only
    the first are evidence of a template; both are its instances. A segment
    ending in a colon introduces what follows ("Watch the video below:") and
    is no candidate.

    Examples
    --------
    >>> [info for _, info in template_starts("READ MORE: Markets rally again")] == [2 | EVIDENCE, 3 | EVIDENCE]
    True
    >>> template_starts("Watch the video below:"), template_starts("Two words")
    ([], [])
    """
    n = len(segment)
    last = segment[-1]
    if n > MAX_TEMPLATE_CHARS or last == ":" or (last in TERMINAL and n >= SHORT_CHARS):
        return []
    tokens = segment.split(None, 3)
    if len(tokens) < 3:  # a template has a changing part after its start
        return []
    a, b = tokens[0].strip(_EDGE_PUNCT), tokens[1].strip(_EDGE_PUNCT)
    if not a or not b:
        return []
    evidence = EVIDENCE if last not in TERMINAL else 0
    # A start of capitalised words only names someone ("Maria J. Valle (@mjv) ..."),
    # unless it is a label ("Read More: ...").
    named = _capitalised(a, tokens[0]) and _capitalised(b, tokens[1])
    start = f"{a} {b}".lower()
    out = [(segment_key(f"2:{start}"), 2 | evidence | (NAMED if named else 0))]
    if len(tokens) == 4:
        c = tokens[2].strip(_EDGE_PUNCT)
        if c:
            named = named and _capitalised(c, tokens[2])
            out.append((segment_key(f"3:{start} {c.lower()}"), 3 | evidence | (NAMED if named else 0)))
    return out


def _capitalised(word: str, token: str) -> bool:
    """A capitalised word of a name: ``Maria``, ``J.``; not ``READ`` nor a label ``More:``."""
    return word[0].isupper() and (len(word) == 1 or not word.isupper()) and not token.endswith(":")


def template_start(segment: str, k: int) -> str:
    """How a template is shown: its first ``k`` words as written, then ``…``.

    Examples
    --------
    >>> template_start("READ MORE: Markets rally again", 2)
    'READ MORE: …'
    >>> template_start("Featured image via Agency / Photographer", 3)
    'Featured image via …'
    """
    words = list(_WORD.finditer(segment))
    if len(words) < k:
        return segment
    end = words[k - 1].end()
    if end < len(segment) and segment[end] in ":|-–—":
        end += 1
    return segment[:end] + " …"

