"""Speaker phrases next to a quotation: the words before or after it that name who says it.

In the sentence holding a quotation:

- after it: ``"...," Putin said.`` / ``"...," said Putin, the president.`` /
  ``"..." -- he added.`` / ``"...," Meadows, a Republican, told reporters.``
  / ``"...," according to the ministry.``
- before it: ``Putin said: "..."`` / ``Putin told reporters on Monday, "..."``
  / ``According to Putin, "..."`` / a partial quotation: ``Putin called the
  talks "useful"``.

:func:`phrase_after` and :func:`phrase_before` read the :func:`word_tokens` of
the text on either side and return the speaker phrase with its cue (``said``,
``told``, ``according to``), by the word lists of a
:class:`~analysis.sentences.quote_rules.QuoteRules`. Plain strings in and out;
who the phrase stands for is :mod:`analysis.sentences.quote_entities`' question.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from analysis.sentences.quote_rules import PRONOUNS, QuoteRules

# A word (with inner periods: U.S., and a final one), or one punctuation character.
_TOKEN = re.compile(r"[^\W_](?:[\w'\u2019\-&/]|\.(?=[^\W_]))*\.?|[^\w\s]")


class Token(NamedTuple):
    """A word (or one punctuation character) near a quotation, with its offsets in the text."""

    text: str
    low: str  # lowercase, without a final period or possessive
    start: int
    end: int


_LOWER_WORD = re.compile(r"[a-z]+")


def may_attribute(text: str, start: int, end: int, rules: QuoteRules) -> bool:
    """Whether ``text[start:end]`` holds a cue at all (a cheap test before tokenising it)."""
    window = text[start:end].lower()
    return "according" in window or not rules.cues.isdisjoint(_LOWER_WORD.findall(window))


def word_tokens(text: str, start: int, end: int) -> list[Token]:
    out = []
    append = out.append
    for m in _TOKEN.finditer(text, start, end):
        word = m.group()
        low = word.lower().rstrip(".")
        if "\u2019" in low:
            low = low.replace("\u2019", "'")
        append(Token(word, low, m.start(), m.end()))
    return out


def is_word(token: Token) -> bool:
    """Whether ``token`` is a word, not punctuation."""
    return token.text[0].isalnum()


def ends_sentence(token: Token, abbreviations: frozenset) -> bool:
    """A word ending with a period that is not an abbreviation or an initial: the sentence ends."""
    return token.text.endswith(".") and len(token.low) > 1 and token.low not in abbreviations \
        and "." not in token.low


class Phrase(NamedTuple):
    """A speaker phrase found next to a quotation: its offsets (``-1`` when it is the subject of the
    clause before) and its cue."""

    start: int  # offsets in the text
    end: int
    cue: str


# Prepositions a speaker phrase may hold inside: "a senior official at the Treasury",
# "Owen Hughes of Barton Securities", "a spokesman for the ministry".
INSIDE = frozenset("at of for from in on with".split())
_CLAUSE_OPENERS = frozenset(
    "while when whereas as but and after before since because although though if so then yet meanwhile however "
    "also still once".split())
_BOUNDARY_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof rev gen lt col maj sgt capt adm sen rep gov st jr sr inc corp co ltd no vs".split())
_PREPOSITIONS = frozenset("by to with from for at in on of about against into onto via through over under".split())


def _stops(token: Token, rules: QuoteRules) -> bool:
    """Whether a lowercase ``token`` ends a speaker phrase (a preposition may not, see INSIDE)."""
    return token.text[0].islower() and token.low in rules.phrase_stops and token.low not in INSIDE


def valid_phrase(tokens: list[Token], rules: QuoteRules) -> bool:
    """A speaker phrase: 1 to 10 words, no punctuation, no cue, no stop word after its first, not
    starting or ending with a preposition, a pronoun only alone."""
    if not 1 <= len(tokens) <= 10:
        return False
    for k, t in enumerate(tokens):
        if not is_word(t):
            return False
        if t.text[0].islower() and (t.low in rules.cues or (k and _stops(t, rules))):
            return False
    first, last = tokens[0], tokens[-1]
    if first.text[0].islower() and first.low in rules.phrase_stops and first.low not in PRONOUNS:
        return False
    if last.text[0].islower() and (last.low in INSIDE or (len(tokens) == 1 and last.low.endswith(("ed", "ing")))):
        return False  # "has rejected calls to ...": a verb is no speaker
    if len(tokens) > 1 and tokens[0].low in PRONOUNS:
        return False
    return True


def _name_phrase(tokens: list[Token]) -> bool:
    """An appositive that is a name: one to four capitalised words (``, Maria Santos,``)."""
    return 1 <= len(tokens) <= 4 and all(is_word(t) and t.text[0].isupper() for t in tokens)


def _with_apposition(tokens: list[Token], j: int) -> int:
    """After a phrase ending at ``tokens[j]``, the end of a following ``, Name`` apposition (or ``j``)."""
    if j < len(tokens) and tokens[j].text == ",":
        k = j + 1
        while k < len(tokens) and is_word(tokens[k]) and tokens[k].text[0].isupper() and k - j <= 4:
            k += 1
        if k > j + 1 and (k == len(tokens) or not is_word(tokens[k])) and _name_phrase(tokens[j + 1 : k]):
            return k
    return j


def phrase_forward(tokens: list[Token], i: int, rules: QuoteRules, abbreviations: frozenset) -> int:
    """End index of a speaker phrase starting at ``tokens[i]`` (``said Putin, the president``)."""
    j = i
    while j < len(tokens) and j - i < 10:
        t = tokens[j]
        if not is_word(t) or (j > i and (_stops(t, rules) or t.text[0].isdigit())):
            break
        j += 1
        if ends_sentence(t, abbreviations):
            break
    return j


def phrase_after(tokens: list[Token], rules: QuoteRules, abbreviations: frozenset) -> Phrase | None:
    """The speaker in the words after a quotation: ``, Putin said`` / ``, said Putin`` / ``— he added``."""
    i = 0
    while i < len(tokens) and tokens[i].text in ",\u2014\u2013-":
        i += 1
    if i >= len(tokens) or not is_word(tokens[i]):
        return None
    first = tokens[i]
    if first.low == "according" and i + 1 < len(tokens) and tokens[i + 1].low == "to":
        j = phrase_forward(tokens, i + 2, rules, abbreviations)
        if j > i + 2:
            return Phrase(tokens[i + 2].start, phrase_end(tokens[j - 1]), "according to")
        return None
    if first.low in rules.inverted_cues and first.text[0].islower():
        j = phrase_forward(tokens, i + 1, rules, abbreviations)
        if j > i + 1 and valid_phrase(tokens[i + 1 : j], rules):
            j = _with_apposition(tokens, j)
            return Phrase(tokens[i + 1].start, phrase_end(tokens[j - 1]), first.low)
        return None
    # Speaker first: find the cue, with an appositive in commas and bridge words before it.
    for c in range(i + 1, min(len(tokens), i + 40)):
        t = tokens[c]
        if ends_sentence(tokens[c - 1], abbreviations):
            return None
        if t.low not in rules.cues or t.low in rules.partial_cues or not t.text[0].islower():
            if not is_word(t) and t.text not in ",'\u2019":
                break
            continue
        end = c
        while end > i and tokens[end - 1].low in rules.bridges:
            end -= 1
        phrase = tokens[i:end]
        if end > i and tokens[end - 1].text == ",":
            # "Meadows, chairman of the caucus, said": the phrase stops at the first comma;
            # "the envoy, Maria Santos, said": an apposition that is a name belongs to it.
            comma = next((k for k in range(i, end - 1) if tokens[k].text == ","), None)
            if comma is None:
                return None
            phrase = tokens[i:comma]
            if valid_phrase(phrase, rules) and _name_phrase(tokens[comma + 1 : end - 1]):
                return Phrase(phrase[0].start, phrase_end(tokens[end - 2]), t.low)
        elif any(x.text == "," for x in phrase):
            # '..." without monitoring, she said': the speaker follows the last comma;
            # '..." Paul Goosens, head of Preventon told': an apposition left open.
            first_comma = next(k for k in range(i, end) if tokens[k].text == ",")
            last = max(k for k in range(i, end) if tokens[k].text == ",")
            after_comma = tokens[last + 1 : end]
            if (_name_phrase(tokens[i:first_comma]) and after_comma and after_comma[0].text[0].islower()
                    and after_comma[0].low not in PRONOUNS):
                phrase = tokens[i:first_comma]
            else:
                phrase = after_comma
        if valid_phrase(phrase, rules):
            return Phrase(phrase[0].start, phrase_end(phrase[-1]), t.low)
        break
    return _inverted_later(tokens, i, rules, abbreviations)


def _inverted_later(tokens: list[Token], i: int, rules: QuoteRules, abbreviations: frozenset) -> Phrase | None:
    """``'..." on more income, said Professor Daniel Shaviro'``: a comma, then a cue before its speaker."""
    for c in range(i + 1, min(len(tokens) - 1, i + 30)):
        if ends_sentence(tokens[c - 1], abbreviations):
            return None
        t = tokens[c]
        if tokens[c - 1].text == "," and t.low in rules.inverted_cues and t.text[0].islower():
            j = phrase_forward(tokens, c + 1, rules, abbreviations)
            if j > c + 1 and valid_phrase(tokens[c + 1 : j], rules):
                return Phrase(tokens[c + 1].start, phrase_end(tokens[j - 1]), t.low)
            return None
    return None


def phrase_end(token: Token) -> int:
    text = token.text
    if text.endswith(".") and len(token.low) > 1 and "." not in token.low:
        return token.end - 1
    return token.end


def phrase_before(tokens: list[Token], rules: QuoteRules, partial: bool) -> Phrase | None:
    """The speaker in the words before a quotation: ``Putin said:`` / ``According to Putin,`` /
    ``Putin called the talks`` (a partial quotation)."""
    if not tokens:
        return None
    n = len(tokens)
    for k in range(n - 1):
        if tokens[k].low == "according" and tokens[k + 1].low == "to":
            j = k + 2
            while j < n and is_word(tokens[j]):
                j += 1
            if j > k + 2 and valid_phrase(tokens[k + 2 : j], rules) and (j == n or tokens[j].text == ","):
                return Phrase(tokens[k + 2].start, phrase_end(tokens[j - 1]), "according to")
    if not partial and n >= 2 and tokens[-1].text == ":" and _name_phrase(tokens[:-1][-5:]) and n <= 6:
        # A headline: "Minister Hugo Laine: 'We will cut taxes'".
        return Phrase(tokens[0].start, phrase_end(tokens[-2]), ":")
    reach = 40 if partial else 14
    for c in range(n - 1, max(-1, n - reach - 1), -1):
        t = tokens[c]
        if t.text in "!?" or (c < n - 1 and ends_sentence(t, _BOUNDARY_ABBREVIATIONS)):
            return None  # the cue must be in the quotation's own sentence
        if t.low not in rules.cues or not t.text[0].islower():
            continue
        if t.low in rules.partial_cues and not partial:
            continue
        end = c
        while end > 0 and tokens[end - 1].low in rules.bridges:
            end -= 1
        apposition_end = None
        if end and tokens[end - 1].text == ",":
            # "Schatz, a Hawaii Democrat, said": the phrase is before the apposition;
            # "The minister, Grace Mwangi, wrote": an apposition that is a name belongs to it.
            comma = next((k for k in range(end - 2, max(-1, end - 25), -1) if tokens[k].text == ","), None)
            if comma is None:
                return None
            if _name_phrase(tokens[comma + 1 : end - 1]):
                apposition_end = end - 2
            end = comma
        start = end
        while start > 0 and end - start < 10 and is_word(tokens[start - 1]) and not _stops(tokens[start - 1], rules):
            start -= 1
        while start < end and (tokens[start].low in INSIDE or tokens[start].low in _CLAUSE_OPENERS) \
                and (tokens[start].text[0].islower() or tokens[start].low in _CLAUSE_OPENERS):
            start += 1  # "While Greenspan said": a conjunction opening the sentence is not the speaker
        if start < end and tokens[start].low in PRONOUNS and start + 1 < end:
            start += 1
        if start == end and end and tokens[end - 1].low in ("and", "but"):
            # "called the verdict "absurd" and said:": the subject of the clause before.
            return Phrase(-1, -1, t.low)
        if start and tokens[start - 1].text[0].islower() and tokens[start - 1].low in _PREPOSITIONS:
            return None  # "a memo reviewed by Reuters called ...": a preposition's object is no speaker
        phrase = tokens[start:end]
        if valid_phrase(phrase, rules):
            last = tokens[apposition_end] if apposition_end is not None else phrase[-1]
            return Phrase(phrase[0].start, phrase_end(last), t.low)
        return None
    return None
