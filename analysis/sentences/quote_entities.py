"""Who a speaker phrase stands for: the names, pronouns and speech events of one article.

The speaker as written (``Russian Defense Ministry spokesman Igor
Konashenkov``, ``he``, ``the statement``) is turned into a name mention of
the article (:func:`analysis.text.names.find`), an acronym, or nothing:

- a name in it, the last one (``Igor Konashenkov``);
- ``he``/``she`` -> the person who last spoke in the article (in a
  quotation or a sentence such as ``X said``), else the person last named,
  skipping people the article marks as the other gender (``Mr``, ``Ms``, an
  earlier pronoun); ``it`` -> the organisation that last spoke;
  ``they``/``we`` stay unresolved;
- ``the ministry``, ``the president`` -> the last name before it holding
  that word or carrying that title (``Russian Defense Ministry``,
  ``President Vladimir Putin``);
- ``the statement``, ``a spokesman`` (words that speak for someone,
  :data:`~analysis.sentences.quote_rules.SPEAKS_FOR`) -> the name they belong
  to (``a Kremlin statement``), else whoever last spoke in the article; an
  unnamed ``official`` stays unnamed.

An :class:`Article` finds its names only when a speaker needs them, and reads
sentences such as ``the ministry said`` (speech events outside quotations)
only when an antecedent is sought.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from analysis.sentences.quote_phrases import (
    INSIDE,
    ends_sentence,
    phrase_before,
    phrase_end,
    phrase_forward,
    valid_phrase,
    word_tokens,
)
from analysis.sentences.quote_rules import PRONOUNS, QuoteRules
from analysis.text import names
from analysis.text.quote_marks import Quotation

_GENDER = {"he": "m", "she": "f"}
# An acronym that can speak: NATO, the FBI, the U.N.
_ACRONYM = re.compile(r"\b(?:[A-Z][A-Z&]{1,5}|(?:[A-Z]\.){2,3})(?![\w.])|\b(?:[A-Z]\.){2,3}")
_HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f"}


class _Speech(NamedTuple):
    position: int
    ref: int | str  # index of the name mention it resolves to, or an acronym
    kind: str  # "person" or "organisation"


class _Resolved(list):
    """What each name mention of an article stands for (:func:`analysis.text.names.resolve`), the bare
    words no person carries checked for lowercase use only when a speaker reaches them.

    Most capitalised words of an article never come near a speaker: resolving with
    ``check_bare=False`` leaves them ``unchecked`` (half the time of resolving), and
    :func:`analysis.terms.names.merge` settles those the corpus needs from the text.
    Indexing checks; iterating gives what was resolved, ``unchecked`` rows included
    (what the rows for the corpus merge are made of).
    """

    def __init__(self, resolved: list, mentions: list, text: str):
        super().__init__(resolved)
        self.mentions, self.text = mentions, text

    def __getitem__(self, k):
        r = list.__getitem__(self, k)
        if r is not None and r.status == names.UNCHECKED:
            # What resolve decides for a bare word no person of the article carries.
            used = names.used_in_lowercase(self.text, self.mentions[k].name)
            r = None if used else r._replace(status=names.PENDING_BARE)
            list.__setitem__(self, k, r)
        return r


class Article:
    """The names of one article and the speech events found so far, for resolving speakers."""

    def __init__(self, text: str, rules: QuoteRules, sentence_starts: list[int], quotations: list[Quotation],
                 abbreviations: frozenset):
        self.text = text
        self.rules = rules
        self._mentions: list[names.Mention] | None = None
        self.quote_events: list[_Speech] = []
        # Verbs of saying outside quotations, resolved to a speaker only when an antecedent is sought.
        # (Settings, not callbacks holding the article: an article in a reference cycle lives until the
        # cyclic collector runs, with all its names.)
        self.quotations, self.abbreviations = quotations, abbreviations
        self._prose_cues: list[tuple[int, int]] | None = None
        self._prose_refs: dict[int, _Speech | None] = {}
        self.sentence_starts = set(sentence_starts)
        self.sentence_list = sorted(self.sentence_starts)
        self._midsentence: set[str] | None = None

    @property
    def has_names(self) -> bool:
        """Whether the article's names were needed (and so found)."""
        return self._mentions is not None

    def _find_names(self) -> None:
        # Found on first need: an article whose quotations name nobody is never searched for names.
        self._mentions = names.find(self.text, self.rules.names)
        self._resolved = _Resolved(names.resolve(self._mentions, self.text, self.rules.names, check_bare=False),
                                   self._mentions, self.text)
        self._starts = [m.start for m in self._mentions]
        # Gender the article gives a person: by an honorific, or by the pronoun used for them.
        self._gender: dict[str, str] = {}
        for m, r in zip(self._mentions, self._resolved):
            if r is not None and m.title:
                title = m.title.split()[0].lower().rstrip(".")
                if title in _HONORIFIC_GENDER:
                    self._gender.setdefault(r.key, _HONORIFIC_GENDER[title])

    @property
    def mentions(self) -> list[names.Mention]:
        if self._mentions is None:
            self._find_names()
        return self._mentions

    @property
    def resolved(self) -> list:
        if self._mentions is None:
            self._find_names()
        return self._resolved

    @property
    def starts(self) -> list[int]:
        if self._mentions is None:
            self._find_names()
        return self._starts

    @property
    def gender(self) -> dict[str, str]:
        if self._mentions is None:
            self._find_names()
        return self._gender

    def _opens_sentence(self, k: int) -> bool:
        start = self.mentions[k].start
        i = start
        while i > 0 and self.text[i - 1] in "\"'\u201c\u2018([":
            i -= 1
        return i in self.sentence_starts

    def usable(self, k: int) -> bool:
        """Whether mention ``k`` can name a speaker: a one-word name opening a sentence (``Residents
        said``) counts only when the article also capitalises it elsewhere, or it is a surname."""
        m, r = self.mentions[k], self.resolved[k]
        if r is None:
            return False
        if m.kind != names.BARE or " " in r.key or not self._opens_sentence(k):
            return True
        if self._midsentence is None:
            self._midsentence = set()
            for j, other in enumerate(self.mentions):
                if other.kind != names.BARE or not self._opens_sentence(j):
                    self._midsentence.update(other.name.split())
        return m.name in self._midsentence

    def _kind(self, k: int | str) -> str:
        if isinstance(k, str):
            return "organisation"
        m, r = self.mentions[k], self.resolved[k]
        key = r.key if r is not None else names.name_key(m.name, self.rules.names)
        if m.kind == names.TITLED or (r is not None and r.person):
            return "person"
        if m.kind == names.FULL and not names.is_person_like(m.name, self.rules.names):
            return "organisation"
        if m.kind == names.BARE and " " in key:
            return "person"  # a surname resolved to a person
        if m.kind == names.FULL:
            return "person"
        return "organisation"

    def mentions_in(self, start: int, end: int) -> list[int]:
        lo = bisect.bisect_left(self.starts, start)
        out = []
        while lo < len(self.mentions) and self.mentions[lo].start < end:
            if self.mentions[lo].end <= end:
                out.append(lo)
            lo += 1
        return out

    def speaker_ref(self, start: int, end: int) -> int | None:
        """The name mention a speaker phrase ``text[start:end]`` stands for, or None.

        The phrase's head is the part before a preposition (``Owen Hughes`` of
        ``Owen Hughes of Barton Securities``); a head that speaks for someone
        (``a senior official at the Treasury``, ``a Kremlin statement``) stands
        for the name after it or in it.
        """
        words = list(re.finditer(r"\S+", self.text[start:end]))
        if not words:
            return None
        comma = self.text.rfind(",", start, end)
        if comma >= 0:
            # "the United Nations envoy, Maria Santos": the name in apposition.
            named = [k for k in self.mentions_in(comma, end) if self.usable(k)]
            if named and not self.text[self.mentions[named[-1]].end : end].strip():
                return named[-1]
        within = self.mentions_in(start, end)
        cut = next((w for w in words[1:] if w.group() in INSIDE and not any(
            self.mentions[k].start < start + w.start() < self.mentions[k].end for k in within)), None)
        head_end = start + cut.start() if cut is not None else end
        head_words = self.text[start:head_end].lower().split()
        head = head_words[-1].replace("\u2019", "'") if head_words else ""
        if len(words) == 1 and head in PRONOUNS:
            k = bisect.bisect_right(self.sentence_list, end)
            following = self.sentence_list[k] if k < len(self.sentence_list) else len(self.text)
            gender = _GENDER.get(head)
            ref = self.antecedent(start, PRONOUNS[head], following, gender)
            self.note_gender(ref, gender)
            return ref
        inside = [k for k in self.mentions_in(start, head_end) if self.usable(k)]
        if inside:
            last = inside[-1]
            tail = self.text[self.mentions[last].end : head_end].strip()
            if not tail or tail.lower() in ("'s", "\u2019s"):
                return last  # the head ends with a name: "spokesman Igor Konashenkov"
            if head in self.rules.speaks_for:
                return last  # "a Kremlin statement", "a Pentagon spokesman"
        acronyms = _ACRONYM.findall(self.text, start, head_end)
        if acronyms and (not inside or self.mentions[inside[-1]].end < self.text.rfind(acronyms[-1], start, head_end)):
            # "the BBC", "NATO", "an FBI spokesman": capitals are no name words, but they speak.
            last_word = self.text[start:head_end].split()[-1]
            if last_word.rstrip("'s\u2019") == acronyms[-1] or head in self.rules.speaks_for:
                return acronyms[-1]
        if head in self.rules.speaks_for and cut is not None:
            # "a senior official at the Treasury", "a spokesman for the ministry"
            after = [k for k in self.mentions_in(head_end, end) if self.usable(k)]
            if after:
                return after[-1]
            rest = self.text[head_end:end].lower().split()
            return self.nominal(rest[-1].replace("\u2019", "'"), start) if len(rest) > 1 else None
        # A common noun: "the ministry", "the president", "the statement".
        if head in self.rules.documents:
            return self.last_speaker(start)
        if head in self.rules.speaks_for:
            return None
        return self.nominal(head, start)

    def antecedent(self, position: int, kind: str | None, following: int | None = None,
                   gender: str | None = None) -> int | None:
        """Whom ``he``/``she`` (a person) or ``it`` (an organisation) at ``position`` stands for.

        In order: the person or organisation opening the sentence before
        (its subject: ``Trump tried to ... "...," he said``); who last spoke;
        who was last named; for a person, who is named first from
        ``following`` (the next sentence) on. ``gender`` (``"m"`` for he,
        ``"f"`` for she) skips people the article marks otherwise (by ``Mr``,
        ``Ms`` or an earlier pronoun).
        """
        if kind is None:
            return None
        ordered = self.sentence_list
        s = bisect.bisect_right(ordered, position) - 1
        if s >= 1:
            subject = bisect.bisect_left(self.starts, ordered[s - 1])
            if subject < len(self.mentions) and self.mentions[subject].start == ordered[s - 1] \
                    and self._named(subject, kind) and self._fits(subject, gender):
                return subject
        for event in self.events_before(position):
            if event.kind == kind and self._fits(event.ref, gender):
                return event.ref
        here = bisect.bisect_left(self.starts, position)
        for k in range(here - 1, -1, -1):
            if self._named(k, kind) and self._fits(k, gender):
                return k
        if kind == "person" and following is not None:
            for k in range(bisect.bisect_left(self.starts, following), len(self.mentions)):
                if self.mentions[k].start > following + 300:
                    break
                if self._named(k, kind) and self._fits(k, gender):
                    return k
        return None

    def _fits(self, k: int | str | None, gender: str | None) -> bool:
        if k is None:
            return True
        if isinstance(k, str):
            return gender is None
        if gender is None or self.resolved[k] is None:
            return True
        return self.gender.get(self.resolved[k].key, gender) == gender

    def note_gender(self, k: int | str | None, gender: str | None) -> None:
        if isinstance(k, int) and gender is not None and self.resolved[k] is not None:
            self.gender.setdefault(self.resolved[k].key, gender)

    def _named(self, k: int, kind: str) -> bool:
        """Mention ``k`` names a full person (or organisation)."""
        m, r = self.mentions[k], self.resolved[k]
        if r is None or (m.kind == names.BARE and " " not in r.key) or not self.usable(k):
            return False
        if kind == "organisation" and m.kind != names.FULL:
            return False
        return self._kind(k) == kind

    def last_speaker(self, position: int) -> int | None:
        for event in self.events_before(position):
            return event.ref
        return None

    def nominal(self, head: str, position: int) -> int | None:
        """The last name before ``position`` holding ``head`` (``Ministry``) or titled by it (``President``)."""
        if not head.isalpha() or len(head) < 3:
            return None
        k = bisect.bisect_left(self.starts, position) - 1
        while k >= 0:
            m = self.mentions[k]
            if self.resolved[k] is not None:
                if head in m.title.lower().split() or (m.kind == names.FULL and head in m.name.lower().split()):
                    return k
            k -= 1
        return None

    def add_event(self, position: int, ref: int | str | None, kind: str | None = None):
        """Record who spoke at ``position``; an unnamed speaker (``the embassy``) of a known ``kind`` is
        recorded too, so that a later ``it`` or ``he`` does not reach past it to someone older."""
        if ref is not None:
            self.quote_events.append(_Speech(position, ref, self._kind(ref)))
        elif kind is not None:
            self.quote_events.append(_Speech(position, None, kind))

    @property
    def prose_cues(self) -> list[tuple[int, int]]:
        """``(start, end)`` of the verbs of saying outside quotations, found on first need."""
        if self._prose_cues is None:
            self._prose_cues = prose_cue_spans(self.text, self.quotations)
        return self._prose_cues

    def events_before(self, position: int):
        """Speech events before ``position``, latest first: attributed quotations, and sentences such as
        ``X said`` (resolved as they are reached)."""
        q = len(self.quote_events) - 1
        while q >= 0 and self.quote_events[q].position >= position:
            q -= 1
        p = bisect.bisect_left(self.prose_cues, (position, -1)) - 1
        while q >= 0 or p >= 0:
            if p >= 0 and (q < 0 or self.prose_cues[p][0] > self.quote_events[q].position):
                start, end = self.prose_cues[p]
                p -= 1
                if start not in self._prose_refs:
                    self._prose_refs[start] = None  # guards against a cycle while resolving
                    ref, kind = prose_event(self, self.text, start, end, self.rules, self.abbreviations)
                    if ref is not None:
                        self._prose_refs[start] = _Speech(start, ref, self._kind(ref))
                    elif kind is not None:
                        self._prose_refs[start] = _Speech(start, None, kind)
                event = self._prose_refs[start]
                if event is not None:
                    yield event
            else:
                yield self.quote_events[q]
                q -= 1


# Verbs of saying in running text, for speech events outside quotations.
_PROSE_CUES = re.compile(r"(?:said|says|told|added|stated|announced|according to)\b")


def prose_event(article: Article, text: str, position: int, end: int, rules: QuoteRules,
                 abbreviations: frozenset) -> tuple[int | str | None, str | None]:
    """Who speaks in a sentence such as ``the Russian Defense Ministry said`` (the cue at ``position``):
    ``(ref, None)``, or ``(None, kind)`` for an unnamed speaker of a known kind, else ``(None, None)``."""
    tokens = word_tokens(text, max(0, position - 90), end)
    # Keep only the tokens after the last sentence end before the cue.
    cut = 0
    for j, t in enumerate(tokens[:-1]):
        if t.text in "!?;\u201c\u201d\"" or ends_sentence(t, abbreviations):
            cut = j + 1
    tokens = tokens[cut:]
    if text.startswith("according", position):
        after = word_tokens(text, end, min(len(text), end + 80))
        j = phrase_forward(after, 0, rules, abbreviations)
        if j and valid_phrase(after[:j], rules):
            start, end = after[0].start, phrase_end(after[j - 1])
            ref = article.speaker_ref(start, end)
            return ref, None if ref is not None else unnamed_kind(text[start:end], rules)
        return None, None
    phrase = phrase_before(tokens, rules, partial=False)
    if phrase is not None and 0 <= phrase.end <= position:
        ref = article.speaker_ref(phrase.start, phrase.end)
        return ref, None if ref is not None else unnamed_kind(text[phrase.start : phrase.end], rules)
    return None, None


# Nouns for people that are not titles: an unnamed speaker with one of them is a person.
_PERSON_NOUNS = frozenset(
    """official spokesman spokeswoman spokesperson aide source analyst economist strategist researcher
    scientist expert lawyer witness resident neighbour neighbor man woman boy girl mother father son daughter
    wife husband friend colleague member worker employee owner driver passenger victim survivor""".split()
)


def unnamed_kind(phrase: str, rules: QuoteRules) -> str | None:
    """Whether an unnamed speaker (``the embassy``, ``the judge``) is a person or an organisation; None
    for pronouns and groups (``officials``)."""
    words = phrase.lower().replace("\u2019", "'").split()
    head = next((w for w in words[1:] if w in INSIDE), None)
    words = words[: words.index(head)] if head else words
    if not words:
        return None
    noun = words[-1]
    if noun in PRONOUNS:
        return None
    if noun in rules.names.titles or noun in _PERSON_NOUNS:
        return "person"
    if noun.endswith("s") and not noun.endswith("ss"):
        return None  # a group
    return "organisation"


def prose_cue_spans(text: str, quotations: list[Quotation]) -> list[tuple[int, int]]:
    """``(start, end)`` of the verbs of saying outside quotations."""
    spans = [(q.start, q.end) for q in quotations]
    starts = [s for s, _ in spans]
    out = []
    for m in _PROSE_CUES.finditer(text):
        start = m.start()
        if start and text[start - 1].isalnum():
            continue
        k = bisect.bisect_right(starts, start) - 1
        if k >= 0 and spans[k][1] > start:
            continue  # inside a quotation
        out.append(m.span())
    return out
