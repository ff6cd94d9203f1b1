"""Names of people and organisations in one text: found, folded and resolved within the text, no model.

News writes one person many ways: ``President Donald J. Trump``, ``Donald
Trump``, ``President Trump``, ``Mr Trump``, ``Trump``. This module finds every
name mention in a text and attaches the variants to one entity, by rules a
reader can check (plain strings in and out; the corpus-wide step is
:mod:`analysis.terms.names`):

1. **Find** (:func:`find`): a mention is a run of capitalised words on one
   line, possibly joined by connectors (``Bank of England``, ``Osama bin
   Laden``), initials (``Donald J. Trump``) and abbreviated titles (``Gen.``);
   all-capital words (``WASHINGTON``, ``FBI``) and possessives end a run. A
   word that merely opens a sentence is dropped when it is a function word or
   the text also uses it in lowercase (``Yesterday``). Titles and honorifics in
   front of a name (:data:`analysis.text.name_rules.TITLES`) are set apart from the name.
2. **Fold** (:func:`~analysis.text.name_keys.name_key`): initials are dropped and a hyphenated particle
   is ignored, so ``Donald J. Trump`` and ``Donald Trump``, ``Bashar al-Assad``
   and ``Bashar Assad`` share a key.
3. **Attach in the article** (:func:`resolve`): a surname alone or after a
   title (``Mr Arafat``, ``President Trump``, ``Trump``) joins the full person
   name that ends with it in the same article -- the nearest one before it,
   else the first one after it. What the article leaves open (a surname it
   never names in full, several people sharing it) is settled across the
   corpus by :func:`analysis.terms.names.merge`.

All settings travel in a :class:`~analysis.text.name_rules.NameRules` value,
passed explicitly to every function (and to every batch sent to a worker process).
"""

from __future__ import annotations

import bisect
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from analysis.text.lowercase import used_in_lowercase
from analysis.text.name_keys import (
    bare_word,
    clean_name,
    is_initial,
    is_person_like,
    name_key,
    surname,
)
from analysis.text.name_rules import DEFAULT_RULES, NameRules
from analysis.text.name_runs import run_pattern

# --- finding mentions ------------------------------------------------------------------

#: Kinds of mention.
FULL = "full"  # two or more name words: ``Yasser Arafat``, ``Russian Defense Ministry``
TITLED = "titled"  # one name word after a title: ``Mr Arafat``, ``President Trump``
BARE = "bare"  # one capitalised word alone: ``Arafat``


class Mention(NamedTuple):
    """One name mention: ``text[start:end]`` is ``written``; ``name`` is ``written`` without its title."""

    start: int
    end: int
    written: str
    name: str
    title: str
    kind: str


_POSSESSIVE_ENDINGS = ("'s", "\u2019s", "'S", "\u2019S")


_ARTICLES = frozenset({"The", "A", "An"})
_TOKEN_JOINERS = "._'\u2019-"
# What may stand between a sentence's first word and the stop before it.
_LEAD_IN = " \t\xa0\"'\u201c\u201d\u2018\u2019\u00ab\u00bb([{*\u2022"


def _sentence_start(text: str, pos: int) -> bool:
    """Whether a word at ``pos`` opens a sentence, a line or a quotation (its capital proves nothing)."""
    i = pos - 1
    while i >= 0 and text[i] in _LEAD_IN:
        if text[i] in "\"\u201c\u2018\u00ab":  # an opening quotation mark
            return True
        i -= 1
    return i < 0 or text[i] in ".!?:;\n\u2014\u2013-|"


def _all_capitals(word: str) -> bool:
    return len(word) > 1 and word.isupper() and not is_initial(word)


def _title_span(words: list[str], lows: list[str], rules: NameRules) -> tuple[int, int]:
    """``(start, end)`` of the last title phrase followed by a name word, or ``(0, 0)``.

    ``lows`` are ``words`` in lowercase without a final period. A title phrase
    is a run of title words, each possibly with an ``of`` complement: ``Prime
    Minister``, ``Secretary of State``, ``White House Chief of Staff`` (from
    ``Chief``).
    """
    titles = rules.titles
    if titles.isdisjoint(lows):
        return (0, 0)
    span = (0, 0)
    i, n = 0, len(words)
    streak = -1  # start of the current run of title words
    while i < n:
        if lows[i] in titles:
            if streak < 0:
                streak = i
            j = i + 1
            if j + 2 < n and words[j] == "of":
                j += 2  # "Secretary of State Rex Tillerson": the complement belongs to the title
            if j < n:
                span = (streak, j)
            i = j
        else:
            streak = -1
            i += 1
    return span


def _name_words(words: list[str], rules: NameRules) -> int:
    """How many words of ``words`` are name words (not connectors, initials or suffixes)."""
    n = 0
    connectors, suffixes = rules.connectors, rules.suffixes
    for w in words:
        if w in connectors or (len(w) <= 2 and (len(w) == 1 or w[1] == ".")):
            continue  # a connector or an initial (two-letter name words have no period)
        if len(w) <= 4 and w.lower().rstrip(".") in suffixes:
            continue
        n += 1
    return n


def _emit(run: str, words: list[tuple[str, int, int]], start_of_sentence: bool, rules: NameRules,
          out: list[tuple], used) -> None:
    """Turn one piece of a run (no all-capital word, no possessive inside) into mentions, each as
    ``(start in run, form)`` (``used(word)``: whether the article uses ``word`` in lowercase)."""
    connectors = rules.connectors
    plain = [w for w, _, _ in words]
    lows = [w.lower().rstrip(".") for w in plain]
    i, j = 0, len(plain)
    while i < j and plain[i] in connectors:
        i += 1
    while j > i and (plain[j - 1] in connectors or (len(plain[j - 1]) == 1 and j - i > 1)):
        j -= 1  # a connector, or a lone capital letter ending the run ("Trump I think", "(D)")
    if i >= j:
        return
    if plain[i] in _ARTICLES or (start_of_sentence and lows[i] in rules.openers):
        i += 1
        start_of_sentence = False
    elif (start_of_sentence and j - i > 1 and lows[i] not in rules.titles
          and used(plain[i])):
        i += 1
    while i < j and plain[i] in connectors:
        i += 1
    if i >= j:
        return
    if i or j < len(plain):
        words, plain, lows = words[i:j], plain[i:j], lows[i:j]
    k, cut = _title_span(plain, lows, rules)
    while cut < len(plain) and plain[cut] in connectors:
        cut += 1
    name = plain[cut:]
    n_words = _name_words(name, rules)
    if n_words == 0:
        return  # only titles, initials or connectors: "Prime Minister", "Vice President"
    if k:
        # The words before the title are a name of their own ("White House" in "White House
        # Chief of Staff John Kelly", "Russian" in "Russian President Vladimir Putin").
        _emit(run, words[:k], start_of_sentence, rules, out, used)
    if "of" in name:
        # A person "of" a place or an organisation: "Amy Klobuchar of Minnesota", "Owen Hughes
        # of Barton Securities" are two names ("Bank of England" is one).
        at = cut + name.index("of")
        person = plain[cut:at]
        if _name_words(person, rules) >= 2 and is_person_like(" ".join(person), rules):
            _emit(run, words[k:at], False, rules, out, used)
            _emit(run, words[at + 1 :], False, rules, out, used)
            return
    start, end = words[k][1], words[-1][2]
    name_text = " ".join(name)
    kind = FULL if n_words >= 2 else (TITLED if cut else BARE)
    if all(w in rules.titles or w in connectors for w in lows[cut:]):
        return  # titles alone: "President", "Prime Minister"
    out.append((start, (run[start:end], name_text, " ".join(plain[k:cut]), kind)))


def find(text: str, rules: NameRules = DEFAULT_RULES) -> list[Mention]:
    """Every name mention in one text, in order, with offsets.

    Parameters
    ----------
    text : str
        One article (any other value gives ``[]``).
    rules : NameRules
        Titles, connectors and the other word lists.

    Returns
    -------
    list of Mention
        ``(start, end, written, name, title, kind)``: ``text[start:end] ==
        written`` (a possessive ``'s`` left out); ``name`` is ``written``
        without its title; ``kind`` is ``"full"`` (two or more name words),
        ``"titled"`` (one name word after a title) or ``"bare"`` (one
        capitalised word; a surname only if :func:`resolve` finds its person).

    Examples
    --------
    >>> text = "Russian President Vladimir Putin met Mr. Trump's envoy. Putin smiled."
    >>> [(m.written, m.name, m.kind) for m in find(text)]  # doctest: +NORMALIZE_WHITESPACE
    [('Russian', 'Russian', 'bare'), ('President Vladimir Putin', 'Vladimir Putin', 'full'),
     ('Mr. Trump', 'Trump', 'titled'), ('Putin', 'Putin', 'bare')]
    """
    starts, forms = _scan(text, rules)
    new = tuple.__new__
    return [new(Mention, (start, start + len(form.written)) + form.fields) for start, form in zip(starts, forms)]


def _scan(text: str, rules: NameRules) -> tuple[list[int], list[_Form]]:
    """Where each mention of :func:`find` starts, and its :class:`_Form`."""
    starts: list[int] = []
    forms: list[_Form] = []
    if not isinstance(text, str) or not text:
        return starts, forms
    add_start, add_form = starts.append, forms.append
    connectors = rules.connectors
    single_words, runs, made = _scan_memo(rules)
    for match in run_pattern(connectors).finditer(text):
        start = match.start()
        prev = text[start - 1] if start else " "
        inside = prev.isalnum() or prev in _TOKEN_JOINERS
        if inside and prev == "-":
            # "al-Assad" opening a run: the particle belongs to the word.
            head = text[max(0, start - 5) : start - 1]
            particle = head.rsplit(None, 1)[-1] if head.strip() else ""
            if particle in connectors and (start - 1 - len(particle) == 0
                                           or not text[start - 2 - len(particle)].isalnum()):
                start -= len(particle) + 1
                inside = False
        if match.group(1) is None:
            # One word: the common case, decided once per spelling (a function word that opens a
            # sentence is no name: only that needs the text around it).
            if inside:
                continue
            written = text[start : match.end()]
            found = single_words.get(written)
            if found is None:
                found = single_words[written] = _single_word(written, rules, made)
            if found is _NOT_A_NAME or (found[1] and _sentence_start(text, start)):
                continue
            add_start(start)
            add_form(found[0])
            continue
        # Several words: decided once per run as written, where it starts (inside a token, opening a
        # sentence), and the answers the decision took from the text (which words it uses in lowercase).
        run = text[start : match.end()]
        opening = not inside and _sentence_start(text, start)
        found = runs.get((run, inside, opening))
        if found is None or (found[0] and not all(used_in_lowercase(text, w) == used for w, used in found[0])):
            asked: list[tuple[str, bool]] = []

            def used(word: str, text=text, asked=asked) -> bool:
                answer = used_in_lowercase(text, word)
                asked.append((word, answer))
                return answer

            pieces: list[tuple] = []
            _run(run, inside, opening, rules, pieces, used)
            pieces = tuple((offset, _form(fields, rules, made)) for offset, fields in pieces)
            found = runs[(run, inside, opening)] = (tuple(asked), pieces)
        for offset, form in found[1]:
            add_start(start + offset)
            add_form(form)
    return starts, forms


_NOT_A_NAME = ()  # _single_word's "no name"
_UNSEEN = object()
# Decisions already taken, per NameRules: a corpus repeats its capitalised words and names.
_SCAN_MEMOS: dict[NameRules, tuple[dict, dict, dict]] = {}
_SCAN_MEMO_LIMIT = 300_000


def _scan_memo(rules: NameRules) -> tuple[dict, dict, dict]:
    """Single words, runs and forms already met (the forms of the other two among them)."""
    memo = _SCAN_MEMOS.get(rules)
    if memo is None or any(len(m) > _SCAN_MEMO_LIMIT for m in memo):
        if len(_SCAN_MEMOS) > 8:
            _SCAN_MEMOS.clear()
        memo = _SCAN_MEMOS[rules] = ({}, {}, {})
    return memo


class _Form:
    """A mention without its offsets, made once per ``fields`` (``(written, name, title, kind)``) and set of
    rules, so compared by identity: the forms of an article are counted, and their decisions looked up,
    without hashing their text. ``alone`` is what the form stands for where no other mention of its article
    bears on it (with ``check_bare=False``)."""

    __slots__ = ("alone", "fields", "key", "kind", "last", "name", "written")

    def __init__(self, fields: tuple, rules: NameRules):
        self.fields = fields
        self.written, self.name, _, self.kind = fields
        self.key = name_key(self.name, rules)
        self.last = surname(self.key)
        self.alone = _alone(self, rules)


_FIELDS, _KEY, _ALONE = map(operator.attrgetter, ("fields", "key", "alone"))


def _form(fields: tuple, rules: NameRules, made: dict) -> _Form:
    """The :class:`_Form` of ``fields``, from ``made`` (the memo of ``rules``) when it is there."""
    form = made.get(fields)
    if form is None:
        form = made[fields] = _Form(fields, rules)
    return form


def _single_word(written: str, rules: NameRules, made: dict):
    """``(form, opener)`` for one capitalised word as matched (``opener``: a name only in mid-sentence),
    or :data:`_NOT_A_NAME`."""
    word = written.rstrip(".")
    if word.endswith(_POSSESSIVE_ENDINGS):
        word = word[:-2]
    if len(word) < 2 or word.isupper() or word in _ARTICLES:
        return _NOT_A_NAME
    low = word.lower()
    if low in rules.titles:
        return _NOT_A_NAME
    return (_form((word, word, "", BARE), rules, made), low in rules.openers)


def _run(run: str, inside: bool, opening: bool, rules: NameRules, out: list[tuple], used) -> None:
    """Split a run of several capitalised words at all-capital words, possessives and sentence ends,
    and turn each piece into mentions, as :func:`_emit` does (forms as ``(written, name, title, kind)``)."""
    words = run.split()
    if (not inside and not opening and len(words) == run.count(" ") + 1 and "." not in run and "'" not in run
            and "\u2019" not in run and words[0] not in _ARTICLES and min(map(len, words)) > 2
            and not any(map(str.isupper, words))):
        # The common case first: a plain name of long words, single-spaced, in mid-sentence.
        lows = run.lower().split()
        if rules.titles.isdisjoint(lows) and rules.connectors.isdisjoint(lows) and rules.suffixes.isdisjoint(lows):
            out.append((0, (run, run, "", FULL)))
            return
    piece: list[tuple[str, int, int]] = []
    position = 0
    for word in words:
        offset = run.find(word, position)
        position = offset + len(word)
        w_start, w_end = offset, position
        if inside:  # the rest of a token before the run: not a name word
            inside = False
            opening = word.endswith(".")
            continue
        if _all_capitals(word.rstrip(".")):
            if piece:
                _emit(run, piece, opening, rules, out, used)
            piece, opening = [], word.endswith(".")
            continue
        if word.endswith(_POSSESSIVE_ENDINGS):
            piece.append((word[:-2], w_start, w_end - 2))
            _emit(run, piece, opening, rules, out, used)
            piece, opening = [], False
            continue
        if word.endswith(".") and not is_initial(word) and word[:-1].lower() not in rules.title_abbreviations:
            # A sentence ends after this word ("... met Putin. Trump said").
            piece.append((word[:-1], w_start, w_end - 1))
            _emit(run, piece, opening, rules, out, used)
            piece, opening = [], True
            continue
        piece.append((word, w_start, w_end))
    if piece:
        _emit(run, piece, opening, rules, out, used)


# --- resolving within one article ----------------------------------------------------------

#: Status of a resolved mention.
NAMED = "named"  # its entity is final
AMBIGUOUS = "ambiguous"  # several people of the article carry the surname: the corpus chooses
PENDING_TITLED = "titled"  # a surname after a title, left to the corpus
PENDING_BARE = "bare"  # a bare surname, left to the corpus
#: A bare word no person of its article carries, not checked for lowercase use (``check_bare=False``).
UNCHECKED = "unchecked"


class Resolved(NamedTuple):
    """What one mention stands for in its article.

    ``key`` is the entity's key (the surname's when ``status`` is pending),
    ``display`` the entity as shown, ``status`` one of ``named``,
    ``ambiguous``, ``titled``, ``bare``; ``candidates`` are the keys of the
    article's people carrying the surname when it is ambiguous (``key`` is
    then the nearest of them). ``person`` tells whether a full name can carry
    a surname in this article.
    """

    key: str
    display: str
    status: str
    candidates: tuple = ()
    person: bool = False


def _person_in_article(name: str, text: str, bare_words: set, lowercase: dict, rules: NameRules) -> bool:
    """A person-like name whose first words are not common words here: no word but the surname used in
    lowercase (``Boxing Day Test``), and its first word not standing alone as a name
    (``Republican`` in ``Republican Trump``)."""
    if not is_person_like(name, rules):
        return False
    words = [w for w in name.split() if not is_initial(w) and w not in rules.connectors]
    if words and bare_word(words[0]) in bare_words:
        return False
    for w in words[:-1]:
        used = lowercase.get(w)
        if used is None:
            used = lowercase[w] = used_in_lowercase(text, w)
        if used:
            return False
    return True


def resolve(mentions: Sequence[Mention], text: str, rules: NameRules = DEFAULT_RULES, *,
            check_bare: bool = True) -> list[Resolved | None]:
    """Attach each mention of one article to its entity, within the article.

    A full name is its own entity. A surname after a title, or alone, joins
    the article's person carrying it: a person-like full name
    (:func:`~analysis.text.name_keys.is_person_like`) ending with it whose other words the article
    does not use in lowercase or alone. With one such person the surname is
    theirs (``named``); with several it is ``ambiguous`` and :func:`analysis.terms.names.merge`
    takes the one most of the corpus names (``key`` holds the nearest one
    before, else after). A bare word is a surname only when it is not a month
    or day and ``text`` never uses it in lowercase; one that cannot be a
    surname gives None.

    ``check_bare=False`` leaves that last test to the caller for the bare
    words no person of the article carries: they come back with the status
    ``unchecked``, and :func:`used_in_lowercase` tells later whether they are
    ``bare`` or not a name (None). A corpus has many capitalised words and few
    of them are anyone's surname: the caller checks only those.

    Returns
    -------
    list
        One :class:`Resolved` (or None: not a name) per mention.

    Examples
    --------
    >>> text = "Mr Arafat spoke. Yasser Arafat left. In May, Arafat returned."
    >>> [r.display if r else None for r in resolve(find(text), text)]
    ['Yasser Arafat', 'Yasser Arafat', None, 'Yasser Arafat']
    """
    made = _scan_memo(rules)[2]
    forms = [_form(m[2:], rules, made) for m in mentions]
    return _each_mention(forms, *_decisions(forms, dict.fromkeys(forms), text, rules, check_bare))


def resolved_counts(text: str, rules: NameRules = DEFAULT_RULES, *, check_bare: bool = True) -> list[tuple]:
    """How often each form of one text's mentions stands for each entity: :func:`find` and
    :func:`resolve`, counted without making a value per mention.

    Parameters
    ----------
    text : str
        One article (any other value gives ``[]``).
    rules : NameRules
        Titles, connectors and the other word lists.
    check_bare : bool
        As in :func:`resolve`.

    Returns
    -------
    list of tuple
        ``(form, resolved, count)`` for each distinct pair, in order of first mention: ``form`` is a
        mention without its offsets, ``(written, name, title, kind)``; ``resolved`` what
        :func:`resolve` gives it (None: not a name).

    Examples
    --------
    >>> [(form[0], r and r.display, n) for form, r, n in resolved_counts("Mr Arafat met Yasser Arafat.")]
    [('Mr Arafat', 'Yasser Arafat', 1), ('Yasser Arafat', 'Yasser Arafat', 1)]
    """
    forms = _scan(text, rules)[1]
    counts = Counter(forms)
    values, displays, ambiguous = _decisions(forms, counts, text, rules, check_bare)
    if ambiguous:
        # Each mention of a surname several people carry takes the nearest of them: counted one by one.
        pairs = Counter(zip((form.fields for form in forms), _each_mention(forms, values, displays, ambiguous)))
        return [(form, value, n) for (form, value), n in pairs.items()]
    return list(zip(map(_FIELDS, counts), map(values.__getitem__, counts), counts.values()))


def _decisions(forms: list[_Form], distinct: Iterable[_Form], text: str, rules: NameRules,
               check_bare: bool) -> tuple[dict, dict, bool]:
    """What each form of ``distinct`` (those of ``forms``, one article's mentions in order, in order of
    first mention) stands for, the article's full names as shown, and whether a surname is ambiguous.

    A form stands for a :class:`Resolved`, None (not a name), or, for a surname several people carry,
    ``(positions in forms of their mentions, their keys, the distinct keys)``.
    """
    # Most forms stand for what they stand for alone (decided once per form, by _alone): only a full
    # name whose surname the article also uses alone or after a title, or whose key another full name
    # shares, the surnames such names carry, and the bare words checked for lowercase use are decided here.
    values: dict[_Form, Resolved | None | tuple] = dict(zip(distinct, map(_ALONE, distinct)))
    fulls = [form for form in distinct if form.kind == FULL]
    shorts = [form for form in distinct if form.kind != FULL]
    wanted = set(map(_KEY, shorts))  # surnames a short mention may stand for: only their people are checked
    bare_words = {form.key for form in shorts if form.kind == BARE}
    if len(fulls) > 1 and len({form.key for form in fulls}) < len(fulls):
        shared = Counter(form.key for form in fulls)
    else:
        shared = {}
    if len(_SHOWN) > _SCAN_MEMO_LIMIT:
        _SHOWN.clear()
    shown = _SHOWN
    lowercase: dict[str, bool] = {}
    people: dict[str, list[str]] = defaultdict(list)  # per surname, the article's people carrying it
    person: dict[str, bool] = {}
    displays: dict[str, str] = {}
    company: list[_Form] = []
    for form in fulls:
        key, last = form.key, form.last
        if last not in wanted and shared.get(key, 1) == 1:
            continue
        company.append(form)
        if key in displays:
            continue
        name = form.name
        display = shown.get(name)
        if display is None:
            display = shown[name] = clean_name(name)
        displays[key] = display
        # The article-level test only matters where a surname may join the name.
        if last in wanted:
            person[key] = _person_in_article(name, text, bare_words, lowercase, rules)
            if person[key]:
                people[last].append(key)
        else:
            person[key] = is_person_like(name, rules)
    if people or check_bare:
        company.extend(form for form in shorts if form.key in people or (check_bare and form.kind == BARE))
    # In the article too, what a form stands for depends on its name and kind only, except a surname
    # several people carry (the nearest of them, found by position).
    made: dict[tuple, Resolved | None | tuple] = {}
    ambiguous = False
    calendar = rules.calendar_words
    for form in company:
        name, kind = form.name, form.kind
        value = made.get((name, kind), _UNSEEN)
        if value is _UNSEEN:
            value = _decide(name, kind, form.key, displays, person, people, calendar, lowercase, text, check_bare)
            if type(value) is tuple:
                ambiguous = True
                carrying = [(i, f.key) for i, f in enumerate(forms) if f.kind == FULL and f.key in value]
                value = ([i for i, _ in carrying], [k for _, k in carrying], value)
            made[(name, kind)] = value
        values[form] = value
    return values, displays, ambiguous


def _alone(form: _Form, rules: NameRules) -> Resolved | None:
    """What ``form`` stands for where no other mention of its article bears on it (``check_bare=False``)."""
    key, name = form.key, form.name
    displays, person = {}, {}
    if form.kind == FULL:
        # The article of a full name alone: it shows the name, and tells a person by the name alone.
        displays, person = {key: clean_name(name)}, {key: is_person_like(name, rules)}
    return _decide(name, form.kind, key, displays, person, {}, rules.calendar_words, {}, "", False)


def _each_mention(forms: list[_Form], values: dict, displays: dict, ambiguous: bool) -> list[Resolved | None]:
    """What each mention of ``forms`` stands for, given what :func:`_decisions` found."""
    if not ambiguous:
        return list(map(values.__getitem__, forms))
    out: list[Resolved | None] = []
    for i, form in enumerate(forms):
        value = values[form]
        if type(value) is tuple:
            positions, carried, distinct = value
            p = bisect.bisect_left(positions, i)
            chosen = carried[p - 1] if p else carried[0]
            value = Resolved(chosen, displays[chosen], AMBIGUOUS, distinct)
        out.append(value)
    return out


# Full names as shown (clean_name), already made: names repeat across a corpus.
_SHOWN: dict[str, str] = {}


def _decide(name: str, kind: str, key: str, displays: dict, person: dict, people: dict, calendar: frozenset,
            lowercase: dict, text: str, check_bare: bool):
    """What every mention ``name`` of ``kind`` stands for in its article: a :class:`Resolved`, None (not a
    name), or, for a surname several people carry, their keys (a tuple)."""
    if kind == FULL:
        return Resolved(key, displays[key], NAMED, (), person[key])
    if kind == BARE:
        if key in calendar:
            return None
        if not check_bare and key not in people:
            return Resolved(key, name, UNCHECKED)
        used = lowercase.get(name)
        if used is None:
            used = lowercase[name] = used_in_lowercase(text, name)
        if used:
            return None
    candidates = people.get(key)
    if candidates and name != key and is_initial(name.split()[0]):
        # "J Robinson" is not "Andy Robinson": an initial must match the first name.
        initial = name[0].lower()
        candidates = [k for k in candidates if k.startswith(initial)]
    if not candidates:
        return Resolved(key, name, PENDING_TITLED if kind == TITLED else PENDING_BARE)
    if len(candidates) == 1:
        return Resolved(candidates[0], displays[candidates[0]], NAMED)
    return tuple(candidates)
