"""Sentences of one text: a news-grade splitter, and where quotations are.

- :func:`spans` / :func:`split` -- the sentences of a text, as offsets or strings;
- :func:`sentence_ends` / :func:`batch_sentence_ends` -- where its sentences end, for one text or a batch;
- :func:`quotations` -- where quoted passages are, as offsets;
- :func:`split_rules` -- the splitter's word lists as they stand now, frozen.

The splitter is rule-based and linear in the length of its input: candidate
boundaries are found with regular expressions that cannot backtrack, and every
decision looks at a bounded window of text around the candidate.

Its word lists are data (``analysis/data/abbreviations.txt``) loaded into the
module-level sets below, which a user extends in place
(``ABBREVIATIONS_TITLES.add("supv")``). Work sent to other processes takes a
frozen copy, :func:`split_rules`, made when the call starts: a worker started
before the change splits exactly as this process does.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from analysis.text.addresses import ADDRESS, is_address
from analysis.text.lists import list_items
from analysis.text.stops import CLOSERS, LOOK, OPENERS, TERMINALS, scan

# --- word lists ---------------------------------------------------------------
# Lowercase, without the final period; a word listed here is compared
# case-insensitively with the word before a period.

#: Words that never end a sentence: titles and ranks before a name, and
#: abbreviations that always introduce something ("e.g.", "vs.").
ABBREVIATIONS_TITLES: set[str] = set()

#: Words that end a sentence only when the next word clearly starts one
#: ("Apple Inc. The company ..." but "Apple Inc. Chief Executive ...").
ABBREVIATIONS_AMBIGUOUS: set[str] = set()

#: Words that do not end a sentence when a number follows ("No. 10", "Jan. 5").
ABBREVIATIONS_BEFORE_NUMBER: set[str] = set()

#: Words that, after an ambiguous abbreviation, show that a new sentence starts.
SENTENCE_STARTERS: set[str] = set()

#: Verbs of saying: after a closing quote, "Name said" continues the sentence
#: ('“Help!” Trump tweeted.').
SPEECH_VERBS: set[str] = set()

_DATA_SECTIONS = {
    "titles": ABBREVIATIONS_TITLES,
    "ambiguous": ABBREVIATIONS_AMBIGUOUS,
    "before_number": ABBREVIATIONS_BEFORE_NUMBER,
    "starters": SENTENCE_STARTERS,
    "speech_verbs": SPEECH_VERBS,
}


def _load_word_lists() -> None:
    from importlib.resources import files

    section = None
    text = files("analysis").joinpath("data/abbreviations.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = _DATA_SECTIONS[line[1:-1]]
            continue
        section.update(w.lower().rstrip(".") for w in line.split())


_load_word_lists()


class SplitRules(NamedTuple):
    """The splitter's word lists, frozen: what a batch of work carries to another process."""

    titles: frozenset
    ambiguous: frozenset
    before_number: frozenset
    starters: frozenset
    speech_verbs: frozenset
    #: ``titles | ambiguous | before_number``, for the fast path.
    abbreviations: frozenset


def split_rules() -> SplitRules:
    """The word lists as they stand now (the module-level sets), frozen.

    Examples
    --------
    >>> rules = split_rules()
    >>> "mr" in rules.titles and "mr" in rules.abbreviations
    True
    """
    titles, ambiguous, before = (frozenset(s) for s in
                                 (ABBREVIATIONS_TITLES, ABBREVIATIONS_AMBIGUOUS, ABBREVIATIONS_BEFORE_NUMBER))
    return SplitRules(titles, ambiguous, before, frozenset(SENTENCE_STARTERS), frozenset(SPEECH_VERBS),
                      titles | ambiguous | before)


# --- the splitter ----------------------------------------------------------------

# One candidate: a run of terminal marks, then a run of closing quotes/brackets.
# Two adjacent runs over disjoint classes cannot backtrack.
_CANDIDATE = re.compile(f"[{re.escape(TERMINALS)}]+[{re.escape(CLOSERS)}]*")
_SPACES = re.compile(r"\s*")
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")
_DOTTED = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}$")  # U.S, a.m, Ph.D
_NUMBER = re.compile(r"^[\d.,]+$")
_DATELINE = re.compile(r"[A-Z][A-Z .'\-]{2,40}(?:,|\s\(|\s[-\u2013\u2014])")
# Times: after "5 p.m." a title opens a new sentence ("at 6 p.m. Mr. Smith then
# went"), unless the time opens the sentence ("At 5 a.m. Mr. Smith went").
_TIMES = frozenset({"a.m", "p.m"})


def _word_before(text: str, end: int) -> tuple[str, int]:
    """The token ending at ``end`` (bounded look-back) and its start offset."""
    if end == 0 or text[end - 1].isspace():
        return "", end
    parts = text[max(0, end - LOOK) : end].rsplit(None, 1)
    token = parts[-1]
    return token, end - len(token)


def _word_after(text: str, pos: int, limit: int) -> str:
    window = text[pos : min(limit, pos + LOOK)]
    if not window or window[0].isspace():
        return ""
    return window.split(None, 1)[0]


_AROUND_CORE = OPENERS + CLOSERS + ",;:"


def _core(token: str) -> str:
    return token.strip(_AROUND_CORE)


# After an ambiguous abbreviation, a plural or -ing subject and an auxiliary
# start a sentence ("in the U.S. Officials did not ...", "a.m. Trading was").
_AUX = frozenset(
    "is are was were did do does has have had will would could should can may might must".split()
)


def _starts_sentence(text: str, pos: int, limit: int, rules: SplitRules) -> bool:
    """Whether the words at ``pos`` (after an ambiguous abbreviation) open a new sentence."""
    words = _words_after(text, pos, limit, 2)
    if not words:
        return False
    word = words[0]
    if word[0] in OPENERS and len(word) > 1 and (word[1].isupper() or word[1].isdigit()):
        return True
    core = _core(word).rstrip(".,;:!?").lower().replace("\u2019", "'")
    if core in rules.starters:
        return True
    return (
        len(words) == 2
        and core.isalpha()
        and (core.endswith("s") or core.endswith("ing"))
        and words[1] in _AUX
    )


def _words_after(text: str, pos: int, limit: int, k: int) -> list[str]:
    """Up to ``k`` whitespace-separated words from ``pos`` (bounded look-ahead)."""
    return text[pos : min(limit, pos + k * LOOK)].split(None, k)[:k]


def _quote_attribution(text: str, pos: int, limit: int, rules: SplitRules) -> bool:
    """Whether '“...!” Trump tweeted' follows: a capitalised name then a verb of saying."""
    words = _words_after(text, pos, limit, 4)
    if not words or _core(words[0]).lower() in rules.starters:
        return False
    for i, w in enumerate(words[1:], start=1):
        w = _core(w).rstrip(".,;:!?").lower()
        if w in rules.speech_verbs:
            return all(_core(x)[:1].isupper() for x in words[:i])
        if not _core(words[i])[:1].isupper():
            return False
    return False


def _period_ends(text: str, start: int, nxt: int, n: int, closed: bool, rules: SplitRules) -> bool:
    """Decide a single period at ``start`` followed by whitespace up to ``nxt``."""
    token, tstart = _word_before(text, start)
    core = _core(token)
    low = core.lower()
    word = _word_after(text, nxt, n)
    first = word.lstrip(OPENERS)[:1]
    if not first:
        return not word  # end of text, or only openers
    if not token and start >= 2 and text[start - 2] == ".":
        return (first.isupper() or first.isdigit()) and _ellipsis_ends(text, start, word)
    if first.islower():
        # "the Jan. attack", "e.g. the", and rare brand names ("iPhone") that
        # start a sentence after an ordinary word.
        stripped = word.lstrip(OPENERS)
        if len(stripped) > 1 and stripped[1].isupper() and not _is_abbreviation(low, core, rules):
            return True
        return False
    if low in rules.titles:
        return False
    if ("." in core or "@" in core or "#" in core or ":" in core) and low not in rules.before_number \
            and is_address(core):
        return True  # "Write to jane@example.com. She ...": a plain full stop after an address
    if first.isdigit():
        if low in rules.before_number:
            return False
        if _NUMBER.match(core) and len(core) <= 3 and _line_start(text, tstart):
            return False  # a numbered list item: "1. The first point"
        return True
    if not (first.isalpha() or first in "$\u00a3\u20ac#@*"):
        return False
    if closed:
        # A closing quote or bracket after the stop: '... near.” He'.
        return not _quote_attribution(text, nxt, n, rules)
    if low in _TIMES and _core(word).rstrip(".").lower() in rules.titles:
        return not _opens_sentence(text, tstart)
    if low in rules.ambiguous or low in rules.before_number or _DOTTED.match(core):
        return _starts_sentence(text, nxt, n, rules)
    if len(core) == 1 and core.isupper():
        if core == "I" and _after_lowercase_word(text, tstart):
            return True  # the pronoun: "you and I. Did you see ..."
        # An initial ("George W. Bush") unless a plain sentence opener follows.
        return _starts_sentence(text, nxt, n, rules) and len(_core(word).rstrip(".")) > 1
    if _NUMBER.match(core) and len(core) <= 3 and _line_start(text, tstart):
        return False
    return True


def _ellipsis_ends(text: str, end_dot: int, word: str) -> bool:
    """Whether the spaced ellipsis ". . ." whose last dot is at ``end_dot`` ends a sentence.

    ``word`` follows it and opens with a capital or a digit, which starts a
    new sentence ("a question. . . Who", "a period . . . . Next"), with one
    exception: after a space, three dots are a pause, and the pronoun I is
    capitalised everywhere ("the thing is . . . I didn't mean it"). The dots
    stay with the sentence they end, four as well as three.
    """
    dots, i = 1, end_dot
    while i >= 2 and text[i - 1] in " \t" and text[i - 2] == "." and dots < 4:
        dots, i = dots + 1, i - 2
    if dots != 3 or (i > 0 and not text[i - 1].isspace()):
        return True
    core = _core(word)
    return not (core == "I" or core[:2] in ("I'", "I\u2019"))


def _after_lowercase_word(text: str, pos: int) -> bool:
    """Whether the word before ``pos`` is a lowercase word ("and" in "you and I")."""
    before = text[max(0, pos - LOOK) : pos].split()
    return bool(before) and before[-1].isalpha() and before[-1].islower()


def _opens_sentence(text: str, pos: int) -> bool:
    """Whether at most two words stand between the start of the sentence and ``pos`` ("At 5 a.m.")."""
    lo = max(0, pos - LOOK)
    before = text[lo:pos]
    line = before.rfind("\n")
    if line >= 0:
        before, lo = before[line + 1 :], 0
    words = before.split()
    if len(words) > 2:
        return _core(words[-3])[-1:] in ("." , "!", "?")
    return lo == 0


def _is_abbreviation(low: str, core: str, rules: SplitRules) -> bool:
    return low in rules.abbreviations or bool(_DOTTED.match(core))


def _line_start(text: str, pos: int) -> bool:
    lo = max(0, pos - 8)
    i = pos
    while i > lo and text[i - 1] in " \t":
        i -= 1
    return i == 0 or text[i - 1] == "\n"


def _candidate_ends(text: str, start: int, end: int, n: int, rules: SplitRules) -> int | None:
    """The end offset of a sentence closed by the candidate ``text[start:end]``, or None.

    ``n`` is the end of the paragraph: nothing after it is read.
    """
    marks = text[start:end]
    closed = marks[-1] in CLOSERS
    nxt = _SPACES.match(text, end, n).end()
    if nxt == n:
        return end
    if nxt == end:
        # No space after the stop: "datasets.We", "why?The".
        if start == 0:
            return None
        prev = text[start - 1]
        if not (prev.isalpha() or prev.isdigit() or prev in CLOSERS):
            return None
        following = text[nxt : nxt + 2]
        if following[:1] in OPENERS and len(following) > 1 and following[1].isupper():
            pass
        elif not (len(following) == 2 and following[0].isupper() and following[1].islower()):
            return None
        token, tstart = _word_before(text, start)
        if "/" in token or "@" in token or (prev.isalpha() and prev.isupper()):
            return None
        rest = _word_after(text, end, n)
        if token.lower().endswith("www") or ("@" in rest and any(
                m.start() <= start - tstart < m.end() for m in ADDRESS.finditer(text[tstart:end] + rest))):
            return None  # inside an address: "Jane.Doe@example.com", "www.Example.com"
        low = _core(token).lower()
        if _is_abbreviation(low, _core(token), rules):
            return None
        return end
    single_period = marks.rstrip(CLOSERS) == "."
    if single_period:
        return end if _period_ends(text, start, nxt, n, closed, rules) else None
    word = _word_after(text, nxt, n)
    first = word.lstrip(OPENERS)[:1]
    if not first or first.islower() or first in ",;:-\u2013\u2014":
        return None
    terminal = marks.rstrip(CLOSERS)
    if terminal[0] in ".\u2026" and set(terminal) <= {".", "\u2026"}:
        # An ellipsis: a pause inside a quotation when a space precedes it,
        # an omission when in square brackets ("[...]").
        if start > 0 and (text[start - 1].isspace() or (text[start - 1] == "[" and marks[len(terminal):][:1] == "]")):
            return None
    if closed and _quote_attribution(text, nxt, n, rules):
        return None
    if "!" in terminal:
        token, _ = _word_before(text, start)
        if _core(token).lower() in rules.ambiguous:  # "Yahoo! Inc."
            return end if _starts_sentence(text, nxt, n, rules) else None
    return end


def _line_breaks(text: str, lo: int, hi: int, out: list[int], rules: SplitRules) -> None:
    """Boundaries at line breaks inside the paragraph ``text[lo:hi]``.

    A line break ends a sentence when the line before it has no final stop and
    reads like a headline (short, or in title case), or when the next line
    opens with an agency dateline. Otherwise it is a wrap inside a sentence.
    """
    lines = []
    pos = lo
    while True:
        nl = text.find("\n", pos, hi)
        if nl < 0:
            lines.append((pos, hi))
            break
        lines.append((pos, nl))
        pos = nl + 1
    if len(lines) < 2:
        return
    longest = max(e - s for s, e in lines)
    for (s, e), (s2, e2) in zip(lines, lines[1:]):
        line = text[s:e].strip()
        nxt = text[s2:e2].lstrip()
        if not line or not nxt:
            continue
        if line[-1] in TERMINALS or (line[-1] in CLOSERS and len(line) > 1 and line[-2] in TERMINALS):
            continue  # handled as a stop
        first = nxt.lstrip(OPENERS)[:1]
        if nxt[0] in "-*\u2022\u2013\u2014" and nxt[:2] != "--":
            out.append(e)  # a bullet list item
            continue
        if not (first.isupper() or first.isdigit()):
            continue
        if line[-1] in ",;:-\u2013\u2014(" or line.split()[-1].lower() in rules.starters:
            continue
        if _DATELINE.match(nxt):
            out.append(e)
            continue
        short = len(line) < 0.6 * longest or len(line.split()) <= 5
        if short or _title_case(line):
            out.append(e)


def _title_case(line: str) -> bool:
    words = [w for w in line.split() if len(w) > 3 and w[0].isalpha()]
    return bool(words) and line[0].isupper() and all(w[0].isupper() for w in words)


def spans(text: str, rules: SplitRules | None = None) -> list[tuple[int, int]]:
    """Locate the sentences of ``text`` as ``(start, end)`` character offsets.

    ``text[start:end]`` is each sentence exactly as :func:`split` returns it,
    without leading or trailing whitespace.

    Parameters
    ----------
    text : str
        One article.
    rules : SplitRules, optional
        The word lists to split with; default :func:`split_rules` (the
        module-level sets as they stand now).

    Returns
    -------
    list of tuple of int
        Offsets into ``text``, in order, not overlapping.

    Examples
    --------
    >>> text = "Mr. Smith went to Washington, D.C. He arrived at 9 a.m. on Monday."
    >>> spans(text)
    [(0, 34), (35, 66)]
    """
    result = []
    append = result.append
    skip_spaces = _SPACES.match
    start = 0
    for cut in sentence_ends(text, rules):
        s = skip_spaces(text, start, cut).end() if text[start].isspace() else start
        if s < cut:
            # The last non-space character: rstrip of the piece, without
            # regex backtracking over long runs of spaces.
            append((s, s + len(text[s:cut].rstrip()) if text[cut - 1].isspace() else cut))
        start = cut
    return result


def sentence_ends(text: str, rules: SplitRules | None = None) -> list[int]:
    """Where the sentences of ``text`` end: increasing offsets, the last ``len(text)``.

    The text between two consecutive ends (from 0 before the first) holds
    one sentence of :func:`spans` and whitespace around it, or whitespace
    only: counting words sentence by sentence needs no more than these, and
    not the trimming :func:`spans` does.

    Examples
    --------
    >>> sentence_ends("It rained. We left.  ")
    [10, 19, 21]
    """
    _check_text(text)
    if not text or text.isspace():
        return []
    return _ends(text, rules if rules is not None else split_rules(), [], None)


def batch_sentence_ends(texts: list[str], rules: SplitRules | None = None) -> list[list[int]]:
    """:func:`sentence_ends` of each text of a batch: the same offsets, faster on a batch of news.

    The candidates of the whole batch are found at once, and the plainest
    (a full stop after an ordinary word, then a capital; a stop before a
    blank line; a stop inside a token) decided there
    (:func:`analysis.text.stops.scan`); the rules read only the others, a
    quarter of them in news (500 articles: 23 ms against 27 ms text by text).

    Parameters
    ----------
    texts : list of str
        The articles of a batch.
    rules : SplitRules, optional
        As in :func:`spans`.

    Returns
    -------
    list of list of int
        :func:`sentence_ends` of each text, in order.

    Examples
    --------
    >>> batch_sentence_ends(["It rained. We left.  ", "", "Mr. Smith left."])
    [[10, 19, 21], [], [15]]
    """
    for text in texts:
        _check_text(text)
    if rules is None:
        rules = split_rules()
    return [_ends(text, rules, decided, others) if text and not text.isspace() else []
            for text, (decided, others) in zip(texts, scan(texts, rules.abbreviations))]


def _check_text(text) -> None:
    if not isinstance(text, str):
        raise TypeError(f"text={text!r:.40} is not a str; pass one article as a string")


def _ends(text: str, rules: SplitRules, cuts: list[int], candidates: list[tuple[int, int]] | None) -> list[int]:
    """The sentence ends of a non-blank ``text``, added to ``cuts``; ``candidates`` are the ones left
    to the rules (:func:`analysis.text.stops.scan`), None for every candidate of the text."""
    n = len(text)
    # Paragraphs: blank lines are hard boundaries; inside them, stops and
    # headline-like line breaks.
    bounds = []
    para_start = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        bounds.append((para_start, m.start()))
        cuts.append(m.start())
        para_start = m.end()
    bounds.append((para_start, n))
    cuts.append(n)
    i = 0
    for lo, hi in bounds:
        if candidates is None:
            found = _candidates(text, lo, hi)
        else:
            j = i
            while j < len(candidates) and candidates[j][0] < hi:
                j += 1
            found, i = candidates[i:j], j
        _paragraph(text, lo, hi, cuts, rules, found)
    return sorted(set(cuts))


def _candidates(text: str, lo: int, hi: int):
    """``(start, end)`` of each run of stops and closing marks in ``text[lo:hi]``.

    Most paragraphs end sentences with periods only: finding those with
    ``str.find`` is several times faster than a regex scan of every character.
    """
    find = text.find
    if find("!", lo, hi) >= 0 or find("?", lo, hi) >= 0 or find("\u2026", lo, hi) >= 0:
        for m in _CANDIDATE.finditer(text, lo, hi):
            yield m.span()
        return
    match = _CANDIDATE.match
    i = find(".", lo, hi)
    while i >= 0:
        end = match(text, i, hi).end()
        yield i, end
        i = find(".", end, hi)


def _paragraph(text: str, lo: int, hi: int, cuts: list[int], rules: SplitRules, candidates) -> None:
    """Sentence ends inside the paragraph ``text[lo:hi]``: at ``candidates`` (its runs of stops) and line breaks."""
    abbreviations = rules.abbreviations
    if hi <= lo:
        return
    openers = OPENERS
    spaces = _SPACES
    # A list run into the paragraph ("1.) One 2.) Two"): each item starts a
    # sentence, and the periods of its markers end none. A paragraph opening
    # with a capitalised word ("The", not "A)") opens no list.
    marks = ()
    if not (text[lo].isupper() and text[lo + 1 : lo + 2].islower()):
        items, marks = list_items(text, lo, hi)
        cuts.extend(items)
    for start, end in candidates:
        if marks and start in marks:
            continue
        if end >= hi:
            cuts.append(end)  # the paragraph's last stop
            continue
        after = text[end]
        if not after.isspace():
            following = text[end + 1 : end + 2]
            if not ((after.isupper() and following.islower()) or (after in openers and following.isupper())):
                continue  # inside a token: "3.5", "U.S.", "www.x.com"
        elif end - start == 1 and text[start] == ".":
            # The common case first: "word. Next" after a plain word that is
            # not an abbreviation ends a sentence; the full rules decide the rest.
            nxt = spaces.match(text, end, hi).end()
            if nxt >= hi:
                cuts.append(end)
                continue
            first = text[nxt]
            if first in openers and nxt + 1 < hi:
                first = text[nxt + 1]
            if first.isupper():
                token = text[max(lo, start - LOOK) : start].rsplit(None, 1)[-1:]
                if (token and len(token[0]) > 1 and token[0].isalpha()
                        and token[0].lower() not in abbreviations):
                    cuts.append(end)
                    continue
        end = _candidate_ends(text, start, end, hi, rules)
        if end is not None:
            cuts.append(end)
    if text.find("\n", lo, hi) >= 0:
        _line_breaks(text, lo, hi, cuts, rules)


def split(text: str, rules: SplitRules | None = None) -> list[str]:
    """Split ``text`` into sentences, each as it appears in the text (trimmed).

    Rules tuned for news: titles and ranks (``Mr.``, ``Lt. Col.``), months
    before a day (``Jan. 5``), company suffixes (``Inc.``) and dotted acronyms
    (``U.S.``) end a sentence only when the next word plainly starts one;
    initials, decimals, ``No. 10`` and ``e.g.`` never do. Closing quotes and
    brackets after a stop stay with their sentence; runs such as ``?!`` count
    once; a missing space (``datasets.We``) still ends a sentence; a blank
    line always does, and so does a line break after a headline with no stop.
    Addresses are never cut (``jane.doe@example.com``, URLs, ``@handles``,
    file names, ``v2.3.1``, ``N°. 5``; :mod:`analysis.text.addresses`); a
    list run into a paragraph (``1.) One 2.) Two``, ``a. Bread b. Milk``) is
    cut before each item; ``[...]`` is an omission, and a spaced ellipsis
    keeps its dots with the sentence it ends.
    The word lists are the module-level sets ``ABBREVIATIONS_TITLES``,
    ``ABBREVIATIONS_AMBIGUOUS``, ``ABBREVIATIONS_BEFORE_NUMBER``,
    ``SENTENCE_STARTERS`` and ``SPEECH_VERBS``; add lowercase words without
    the final period, or pass ``rules`` (see :func:`split_rules`).

    Runs in time linear in ``len(text)`` on any input.

    Parameters
    ----------
    text : str
        One article.
    rules : SplitRules, optional
        As in :func:`spans`.

    Returns
    -------
    list of str
        The sentences, in order; empty for an empty or blank text.

    Examples
    --------
    >>> split("Shares of Apple Inc. rose 2% in the U.S. The stock hit $1.13bn.")
    ['Shares of Apple Inc. rose 2% in the U.S.', 'The stock hit $1.13bn.']
    >>> split("“We will win,” said Sen. John Smith. “Then we’ll see!” he added.")
    ['“We will win,” said Sen. John Smith.', '“Then we’ll see!” he added.']
    """
    return [text[s:e] for s, e in spans(text, rules)]


# --- quotations --------------------------------------------------------------------------
# A curly or angle quotation runs to its closing mark, the next opening mark or
# the end of the paragraph (news leaves a quote open when it continues into
# the next paragraph); a straight one needs its closing mark on the same line.
# Every alternative scans forward over one character class: linear time.
_QUOTATION = re.compile(
    "\u201c[^\u201c\u201d\\n]*\u201d?"  # “curly”
    "|\u00ab[^\u00ab\u00bb\\n]*\u00bb?"  # «angle»
    "|\"[^\"\\n]*\""  # "straight"
    "|\u201e[^\u201e\u201c\u201d\\n]*[\u201c\u201d]?"  # „low“
)


def quotations(text: str) -> list[tuple[int, int]]:
    """Locate quoted passages as ``(start, end)`` offsets, quotation marks included.

    Curly (“…”), low (\u201e…\u201c) and angle («…») quotations run to their
    closing mark or the end of the paragraph; straight ("…") ones need their
    closing mark on the same line. Single quotation marks are not counted:
    they double as apostrophes.

    Examples
    --------
    >>> text = 'He said “we will win” and left. "Never," she replied.'
    >>> [text[s:e] for s, e in quotations(text)]
    ['“we will win”', '"Never,"']
    """
    return [m.span() for m in _QUOTATION.finditer(text)]


