"""The article parser: one article's raw text in, its title, date, source and body out.

An article file is read as a short *header* (a blog date line, the title, a
dateline, a source line), a *body*, and an optional *footer*. Each header
element is recognised by the shape of its line, not by its position, so any of
them may be missing or come in another order. The shapes understood out of the
box:

- the blog repost: ``Thursday, November 23, 2017`` (blog date line), the title,
  ``23 Nov, 2017 05:44`` (dateline), ``Rt.com`` (source line), a photo caption
  (``FILE PHOTO: ... © ...``), the body, ``No comments:`` (blog footer). Other
  sites' headers too: datelines with a label, separators, time zones, the time
  first or the date in figures (``Published time: 23 Nov, 2017 05:44``,
  ``Nov 23, 2017 | 05:44 GMT``, ``Last updated: 23.11.2017 05:44``), and a
  source line no alias knows -- a short capitalised name right after the title
  or its dateline (``TASS``, ``Press TV``; see :func:`looks_like_source`),
  normalised to the site's stem (``Press TV`` and ``presstv.ir`` are ``presstv``);
- the plain shape: title line, blank line, body (the BBC corpus);
- an agency dateline at the start of a body: ``WASHINGTON (Reuters) - The ...``
  (news2017). The place and agency go to the ``dateline_place`` and
  ``dateline_agency`` fields and the agency becomes the source; the dateline is
  cut from the text, the sentence it introduces is kept.

When a text fits none of these, the first non-empty line is the title (its
first sentence when the line is too long for a title) and the ``warnings``
field says why.

The rules are data. :data:`RULES` is the ordered list of :class:`Rule` objects
the parser tries, and :data:`SOURCE_ALIASES` the table that normalises source
names; :func:`register_rule` and :func:`register_source` extend them without
editing this module. A rule has a *role*:

``"header"``
    A whole line near the top (before the body). Its named groups become fields
    (``date``, ``source``, ``title`` or a field of your own); the line is removed.
``"drop"``
    A whole line anywhere (photo captions, bylines, advertisement markers,
    credit and copyright lines); removed, no fields.
``"footer"``
    A whole line after some body text; it and everything after it are removed.
``"lead"``
    A pattern at the very start of the body (agency datelines); its fields are
    recorded and the matched text is removed.

What ``"drop"`` and ``"footer"`` rules remove is kept, line by line, in the
``removed`` field (``load`` puts it in the ``boilerplate`` column).

This module is pure Python (no pandas): :func:`parse` is a per-article
function that the DataFrame loader :func:`analysis.corpus.load` maps over a
corpus, and that Dask can map over partitions. Source names live in
:mod:`analysis.corpus.sources` and date shapes in :mod:`analysis.corpus.dates`;
their public names (:data:`SOURCE_ALIASES`, :func:`register_source`,
:func:`normalise_source`, :func:`parse_date`, ...) are re-exported here.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from analysis.corpus.dates import BLOG_DATE_PATTERN, DATE_PATTERN, DATELINE_PATTERN, parse_date
from analysis.corpus.sources import (
    SOURCE_ALIASES,
    agency_name,
    looks_like_source,
    normalise_source,
    register_source,
    site_stem,
    source_key,
)
from analysis.text.splitter import SplitRules, split

__all__ = [
    "DATE", "DATELINE_AGENCY", "DATELINE_PLACE", "DATE_PATTERN", "FIELDS", "MAX_TITLE_CHARS", "REMOVED", "ROLES",
    "RULES",
    "SHAPE", "SHAPE_BLOG", "SHAPE_FALLBACK", "SHAPE_PLAIN", "SHAPE_RAW", "SHAPE_ROW", "SOURCE", "SOURCE_ALIASES",
    "TEXT", "TITLE", "WARNINGS", "Rule", "agency_name", "looks_like_source", "normalise_source", "parse",
    "parse_date", "register_rule", "register_source", "site_stem", "source_key",
]

# Output fields of :func:`parse`; analysis.corpus uses the same names as columns.
TITLE = "title"
TEXT = "text"
DATE = "date"
SOURCE = "source"
DATELINE_PLACE = "dateline_place"
DATELINE_AGENCY = "dateline_agency"
SHAPE = "shape"
WARNINGS = "warnings"
REMOVED = "removed"
FIELDS = (TITLE, TEXT, DATE, SOURCE, DATELINE_PLACE, DATELINE_AGENCY, SHAPE, WARNINGS, REMOVED)

# Values of the ``shape`` field.
SHAPE_BLOG = "blog"  # header lines (date, source, ...) around the title
SHAPE_PLAIN = "title+body"  # title line, blank line, body
SHAPE_ROW = "row"  # title given separately (a CSV/JSON row): body cleaning only
SHAPE_FALLBACK = "fallback"  # nothing fitted: first non-empty line taken as the title
SHAPE_RAW = "raw"  # parsing switched off: the text is kept as it is

ROLES = ("header", "drop", "footer", "lead")

MAX_TITLE_CHARS = 300

# --- rules --------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Rule:
    """One shape the parser recognises.

    Parameters
    ----------
    name : str
        Short identifier, used in :func:`register_rule` (``before=``) and docs.
    role : {"header", "drop", "footer", "lead"}
        Where the rule is tried and what a match does (see the module docstring).
    pattern : str or re.Pattern
        For ``header``, ``drop`` and ``footer``: must match a whole line (leading
        and trailing spaces stripped). For ``lead``: matched at the start of the
        body. Named groups become fields unless ``fields`` is given.
    fields : callable, optional
        ``fields(match) -> dict`` of field values, or ``None`` to reject the
        match (so a rule can validate what its pattern found). Values of
        ``date`` may be strings (read by :func:`parse_date`); values of
        ``source`` are normalised by :func:`normalise_source`. Any other key
        becomes a column of its own in :func:`analysis.corpus.load`.
    max_chars : int, default 300 (1,000 for ``lead``)
        Longer lines are never tested, so a file of one 50 MB line stays linear.
    flags : int, default 0
        ``re`` flags when ``pattern`` is a string.

    Examples
    --------
    >>> rule = Rule("byline", "header", r"By (?P<author>[A-Z][\\w .'-]+)")
    >>> parse("A title\\nBy Jane Doe\\n\\nThe body.", rules=[rule, *RULES])["author"]
    'Jane Doe'
    """

    name: str
    role: str
    pattern: str | re.Pattern
    fields: Callable[[re.Match], Mapping | None] | None = None
    max_chars: int | None = None
    flags: int = 0
    regex: re.Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        if self.role not in ROLES:
            raise ValueError(f"Rule {self.name!r}: role={self.role!r}; pass one of {ROLES}")
        try:
            regex = (
                self.pattern
                if isinstance(self.pattern, re.Pattern)
                else re.compile(self.pattern, self.flags)
            )
        except re.error as exc:
            raise ValueError(f"Rule {self.name!r}: pattern {self.pattern!r} is invalid: {exc}")
        object.__setattr__(self, "regex", regex)
        if self.max_chars is None:
            object.__setattr__(self, "max_chars", 1000 if self.role == "lead" else 300)

    def match(self, text: str) -> tuple[dict, int] | None:
        """``(fields, end)`` if the rule accepts ``text``, else ``None``.

        ``end`` is where the match stops (the whole line for line rules).
        """
        if self.role == "lead":
            m = self.regex.match(text, 0, self.max_chars)
        elif len(text) > self.max_chars:
            return None
        else:
            m = self.regex.fullmatch(text)
        if m is None:
            return None
        if self.fields is not None:
            found = self.fields(m)
            return None if found is None else (dict(found), m.end())
        return {k: v for k, v in m.groupdict().items() if v is not None}, m.end()


def _source_line_fields(m: re.Match) -> dict | None:
    # A source line is a web address or a name of the source table: a title
    # such as "Markets rally" must not pass.
    name = m["source"].strip()
    if re.fullmatch(r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?:/\S*)?", name):  # a web address
        return {SOURCE: name}
    if source_key(name) in SOURCE_ALIASES:
        return {SOURCE: name}
    return None


# A dateline place: capitalised words such as "WASHINGTON", "NEW YORK/CHICAGO",
# "SACRAMENTO, Calif.", "DANANG, Vietnam", "WEST PALM BEACH, Fla./WASHINGTON".
_PLACE_PART = (
    r"[A-Z][A-Z0-9.'’&-]*(?:[ ][A-Z0-9][A-Z0-9.'’&-]*)*"
    r"(?:,[ ]?[A-Z][A-Za-z.]*(?:[ ][A-Z][A-Za-z.]*)?)?"
)
_AGENCY_DATELINE = (
    r"(?:\(\(?[^()]{1,400}\)\)?\s+)?"  # an editor's note: "(Corrects paragraph 7 ...)"
    r"(?:By\s+[A-Z][^()\n]{0,120}?\s+)?"  # a byline: "By Patricia Zengerle"
    rf"(?:(?P<place>{_PLACE_PART}(?:\s*/\s*{_PLACE_PART})*),?\s*)?"
    r"\((?P<agency>[^()\n]{0,40})\)\s*[-–—]+\s*"
)


def _dateline_fields(m: re.Match) -> dict | None:
    place = m["place"]
    raw = m["agency"].strip()
    if not raw:
        # "WASHINGTON () - ...": a dateline whose agency was lost in an export.
        return {DATELINE_PLACE: place} if place else None
    agency = agency_name(raw)
    if agency is None:  # "(VIDEO) - ..." is not a dateline
        return None
    return {DATELINE_PLACE: place, DATELINE_AGENCY: agency, SOURCE: agency}


def _disclaimer_fields(m: re.Match) -> dict | None:
    agency = agency_name(m["agency"])
    return None if agency is None else {SOURCE: agency}


#: The rules the parser tries, in order (first match wins within a role).
#: Extend with :func:`register_rule`, or pass ``rules=`` to :func:`parse`.
# A person's name in a byline: two to four capitalised words ("Jane Roe", "JANE ROE", "Mary-Kate O'Neil").
_NAME = r"[A-Z][\w.'\u2019-]*(?:\s+(?:[A-Z][\w.'\u2019-]*|de|van|von|da|del|bin|al)){1,3}"
# An outlet after a byline: capitalised words ("Metro Tribune", "The Associated Press", "CNN.com").
_OUTLET = r"[A-Z][\w.&'\u2019-]*(?:\s+[A-Z][\w.&'\u2019-]*){0,4}"

RULES: list[Rule] = [
    Rule(
        "blog_date",
        "header",
        BLOG_DATE_PATTERN,
        flags=re.IGNORECASE,
    ),
    Rule(
        "dateline",
        "header",
        DATELINE_PATTERN,
        flags=re.IGNORECASE,
    ),
    Rule(
        "source_line",
        "header",
        r"(?:(?:Source|Via|From)\s*:\s*)?(?P<source>\S+(?:[ ]\S+){0,3})",
        fields=_source_line_fields,
        max_chars=80,
    ),
    Rule(
        "photo_caption",
        "drop",
        r"(?:\(?(?:FILE\s+)?(?:PHOTO|IMAGE|PICTURE)\)?\s*:.*)|(?:[^©]*+©.*)"
        r"|(?:(?:image|photo|picture|media)\s+(?:copyright|caption|credit|source)\b.*)",
        flags=re.IGNORECASE,
        max_chars=300,
    ),
    Rule(
        "advert_line",
        "drop",
        r"advertisements?|sponsored(?:\s+content)?|story\s+continues\s+below(?:\s+(?:this\s+)?advertisement)?"
        r"|continue\s+reading(?:\s+the\s+main\s+story)?",
        flags=re.IGNORECASE,
        max_chars=200,
    ),
    Rule(
        # A line of its own naming the writer, and perhaps the outlet: "By Jane Roe | Daily Post",
        # "By JANE ROE and Ann Wu". At least two capitalised words a name, so that a line such as
        # "By Tuesday" is no byline.
        "byline_line",
        "drop",
        rf"By\s+{_NAME}(?:\s*(?:,|and|&)\s*{_NAME}){{0,3}}(?:\s*[|/,\u2013\u2014-]\s*{_OUTLET})?\.?",
        max_chars=160,
    ),
    Rule(
        "credit_line",
        "drop",
        r"\((?:(?:Additional\s+)?reporting|writing|editing|compiled|produced)\s+by\b[^()]{1,300}\)\.?",
        flags=re.IGNORECASE,
        max_chars=320,
    ),
    Rule(
        "copyright_line",
        "drop",
        r"(?:Copyright|\(c\))\s*(?:\d{4}\b.*|.*\bAll rights reserved\b.*)|.*\bAll rights reserved\.?",
        flags=re.IGNORECASE,
        max_chars=200,
    ),
    Rule(
        "blog_footer",
        "footer",
        r"(?:No|\d+)\s+comments?\s*:?.*|Posted by\s.{1,120}|(?:Newer|Older)\s+Posts?\b.*"
        r"|Labels\s*:.*|Subscribe to\s*:.*|Share this(?:\s+(?:article|story|post))?\s*:?",
        flags=re.IGNORECASE,
        max_chars=200,
    ),
    Rule("agency_dateline", "lead", _AGENCY_DATELINE, fields=_dateline_fields),
    Rule(
        "agency_disclaimer",
        "lead",
        r"(?:The following statements? (?:was|were) posted.{0,300}?\.\s+)?"
        r"(?:The opinions? expressed (?:is|are) .{0,60}?\.\s+)?"
        r"(?P<agency>[A-Z][\w ]{1,30}?) has not edited the statements? or confirmed"
        r" (?:its|their) accuracy\.\s*",
        fields=_disclaimer_fields,
    ),
]


def register_rule(rule: Rule, *, before: str | None = None) -> Rule:
    """Add ``rule`` to :data:`RULES` (at the end, or before the rule named ``before``).

    A rule registered under the name of an existing one replaces it.

    Examples
    --------
    >>> kicker = register_rule(Rule("kicker", "drop", r"READ MORE:.*"), before="blog_footer")
    >>> parse("Title\\n\\nOne.\\nREAD MORE: elsewhere\\nTwo.")["text"]
    'One.\\nTwo.'
    >>> RULES.remove(kicker)  # undo the example
    """
    if not isinstance(rule, Rule):
        raise TypeError(f"rule={rule!r} is not a Rule; build one with Rule(name, role, pattern)")
    names = [r.name for r in RULES]
    if rule.name in names:
        RULES[names.index(rule.name)] = rule
        return rule
    if before is None:
        RULES.append(rule)
    elif before in names:
        RULES.insert(names.index(before), rule)
    else:
        raise ValueError(f"before={before!r} names no rule; pass one of {names}")
    return rule


# --- the parser ---------------------------------------------------------------


def _in_header_block(lines: list[str], title_at: int, last_header: int, i: int) -> bool:
    """Whether line ``i`` belongs to the title's block: no blank line since the title, or
    right after (blank lines allowed) a date or source line that follows the title."""
    anchor = max(title_at, last_header)
    gap = any(not lines[j].strip() for j in range(anchor + 1, i))
    return not gap or anchor != title_at



_FLAG_LETTERS = ((re.IGNORECASE, "i"), (re.DOTALL, "s"), (re.MULTILINE, "m"), (re.VERBOSE, "x"))


def _any_of(rules: list[Rule]) -> re.Pattern | None:
    """One pattern matching a line when any of ``rules`` might: a quick first test.

    ``None`` when the patterns cannot be combined (back-references); the rules
    are then tried one by one, which gives the same result more slowly.
    """
    if not rules:
        return None
    parts = []
    for rule in rules:
        if rule.role == "lead" or not isinstance(rule.regex.pattern, str):
            return None
        letters = "".join(c for flag, c in _FLAG_LETTERS if rule.regex.flags & flag)
        body = re.sub(r"\(\?P<\w+>", "(?:", rule.regex.pattern)
        parts.append(f"(?{letters}:{body})" if letters else f"(?:{body})")
    try:
        return re.compile("|".join(parts))
    except re.error:
        return None


class _Ruleset:
    """Rules grouped by role, with a combined first test per group of line rules."""

    def __init__(self, rules: Iterable[Rule]):
        roles: dict[str, list[Rule]] = {role: [] for role in ROLES}
        for rule in rules:
            if not isinstance(rule, Rule):
                raise TypeError(f"rules must hold Rule objects, got {rule!r}")
            roles[rule.role].append(rule)
        self.header = roles["header"] + roles["drop"]
        self.drop, self.footer, self.lead = roles["drop"], roles["footer"], roles["lead"]
        self.header_any = _any_of(self.header)
        self.header_max = max((r.max_chars for r in self.header), default=0)
        self.body = self.footer + self.drop
        self.body_any = _any_of(self.body)
        self.body_max = max((r.max_chars for r in self.body), default=0)


_RULESETS: dict[tuple, _Ruleset] = {}


def _ruleset(rules: Iterable[Rule] | None) -> _Ruleset:
    key = tuple(RULES if rules is None else rules)
    found = _RULESETS.get(key)
    if found is None:
        if len(_RULESETS) > 32:
            _RULESETS.clear()
        found = _RULESETS[key] = _Ruleset(key)
    return found


def _first_match(line: str, rules: list[Rule], any_of: re.Pattern | None, longest: int):
    if len(line) > longest or (any_of is not None and any_of.fullmatch(line) is None):
        return None
    for rule in rules:
        hit = rule.match(line)
        if hit is not None:
            return rule, hit[0]
    return None


def _truncate(line: str, limit: int) -> str:
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0] or line[:limit]
    return cut.rstrip() + "…"


def _first_sentence(line: str, limit: int, split_rules: SplitRules | None) -> str:
    """A title for a text without one: its first sentence, cut to ``limit``."""
    # Only the start is split, so a 50 MB line costs no more than a short one.
    found = split(line[: 2 * limit], split_rules)
    return _truncate(found[0].strip() if found else line, limit)


def _record(out: dict, found: dict, dates: list, notes: list[str]) -> None:
    for key, value in found.items():
        if value is None or value == "":
            continue
        if key == DATE:
            when = value if isinstance(value, _dt.datetime) else parse_date(str(value))
            if when is None:
                notes.append(f"date {value!r} not understood")
            else:
                dates.append(when)
        elif key == SOURCE:
            if out.get(SOURCE) is None:
                out[SOURCE] = normalise_source(value)
        elif out.get(key) is None:
            out[key] = value.strip() if isinstance(value, str) else value


def _best_date(dates: list[_dt.datetime]) -> _dt.datetime | None:
    # A dateline with a clock time is more precise than a blog's date line.
    for when in dates:
        if when.hour or when.minute or when.second:
            return when
    return dates[0] if dates else None


def _clean_body(lines: list[str], rules: _Ruleset, out: dict, dates, notes, removed: list[str]) -> str:
    longest, any_of = rules.body_max, rules.body_any
    # Most bodies have no line to drop: one quick test per short line tells,
    # and lines before the first candidate are kept as they are.
    first = None
    if rules.body:
        for i, line in enumerate(lines):
            if len(line) <= longest + 40:
                stripped = line.strip()
                if stripped and len(stripped) <= longest and (
                    any_of is None or any_of.fullmatch(stripped)
                ):
                    first = i
                    break
    if first is None:
        body = "\n".join(lines).strip()
    else:
        body = _drop_lines(lines, rules, removed, first).strip()
    for rule in rules.lead:
        hit = rule.match(body)
        if hit is not None:
            _record(out, hit[0], dates, notes)
            body = body[hit[1] :]
            break
    return body


def _drop_lines(lines: list[str], rules: _Ruleset, removed: list[str], start: int = 0) -> str:
    """The body without its drop lines and from its first footer line on (those go to ``removed``)."""
    kept: list[str] = lines[:start]
    changed = False
    seen_text = any(line.strip() for line in kept)
    longest = rules.body_max
    for at, line in enumerate(lines[start:], start):
        if len(line) > longest + 40:  # too long for any rule, whatever its spaces
            seen_text = True
            kept.append(line)
            continue
        stripped = line.strip()
        if not stripped:
            kept.append("")
            continue
        hit = _first_match(stripped, rules.body, rules.body_any, longest)
        if hit is not None:
            if hit[0].role == "drop":
                changed = True
                removed.append(stripped)
                continue
            if seen_text:  # a footer line ends the article
                changed = True
                removed.extend(rest.strip() for rest in lines[at:] if rest.strip())
                break
        seen_text = True
        kept.append(line)
    body = "\n".join(kept)
    while changed and "\n\n\n" in body:  # str.replace: a regex here costs more than parsing
        body = body.replace("\n\n\n", "\n\n")
    return body


def parse(
    text: str,
    *,
    title: str | None = None,
    rules: Iterable[Rule] | None = None,
    max_title_chars: int = MAX_TITLE_CHARS,
    split_rules: SplitRules | None = None,
) -> dict:
    """Parse one article's raw text into its fields.

    Parameters
    ----------
    text : str
        The article as read from a file (or a CSV/JSON row's text).
    title : str, optional
        The title when known from elsewhere (a CSV ``title`` column). Then the
        whole ``text`` is the body and only the body rules apply (photo
        captions, footers, agency datelines); an empty string means "no title".
    rules : iterable of Rule, optional
        The rules to try, in order; default :data:`RULES`.
    max_title_chars : int, default 300
        A longer first line is not taken for a title.
    split_rules : analysis.text.SplitRules, optional
        The sentence splitter's word lists, for the title of a text whose first
        line is too long (its first sentence); default
        :func:`analysis.text.split_rules` (the lists as they stand now).
        :func:`analysis.corpus.load` freezes them once and sends them with
        every batch, so worker processes split as the caller does.

    Returns
    -------
    dict
        ``title`` (str or None), ``text`` (the body), ``date`` (datetime or
        None), ``source`` (normalised, or None), ``dateline_place``,
        ``dateline_agency`` (str or None), ``shape`` (one of ``"blog"``,
        ``"title+body"``, ``"row"``, ``"fallback"``), ``warnings`` (``""`` when
        the text fitted a shape, else the reasons, joined by ``"; "``),
        ``removed`` (the lines taken out of the text: photo captions, bylines,
        advertisement markers, credit and copyright lines, a footer and all
        after it; one per line, ``""`` when none), plus any field a custom
        rule produced.

    Examples
    --------
    >>> raw = '''Thursday, November 23, 2017
    ...
    ... Troops advance in the valley
    ... 23 Nov, 2017 05:44
    ... Rt.com
    ...
    ... FILE PHOTO: Soldiers near the river © Agency / Photographer
    ...
    ... Troops are making advances, the ministry said.
    ...
    ... No comments:'''
    >>> a = parse(raw)
    >>> a["title"], a["date"], a["source"], a["shape"]
    ('Troops advance in the valley', datetime.datetime(2017, 11, 23, 5, 44), 'rt.com', 'blog')
    >>> a["text"]
    'Troops are making advances, the ministry said.'
    >>> a["removed"].splitlines()
    ['FILE PHOTO: Soldiers near the river © Agency / Photographer', 'No comments:']
    >>> b = parse("WASHINGTON (Reuters) - The Senate voted on Monday.", title="Vote")
    >>> b["text"], b["dateline_place"], b["source"]
    ('The Senate voted on Monday.', 'WASHINGTON', 'reuters')
    >>> parse("no title line here, just one sentence.")["warnings"]
    'only one line: its first sentence is the title, all of it the text'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}: {text!r:.60}")
    ruleset = _ruleset(rules)
    out: dict = {
        TITLE: None, TEXT: "", DATE: None, SOURCE: None,
        DATELINE_PLACE: None, DATELINE_AGENCY: None, SHAPE: None, WARNINGS: "", REMOVED: "",
    }  # fmt: skip
    notes: list[str] = []
    dates: list[_dt.datetime] = []
    removed: list[str] = []
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")

    if title is not None:
        out[TITLE] = title.strip() or None
        out[TEXT] = _clean_body(lines, ruleset, out, dates, notes, removed)
        out[SHAPE] = SHAPE_ROW
        if not out[TEXT]:
            notes.append("empty text")
        out[DATE] = _best_date(dates)
        out[WARNINGS] = "; ".join(notes)
        out[REMOVED] = "\n".join(removed)
        return out

    n = len(lines)
    i = 0
    title_at = -1
    last_header = -1  # the last header line after the title
    header_hits = 0
    header_after_title = False
    while i < n:
        line = lines[i].strip()
        if not line:
            i += 1
            continue
        hit = _first_match(line, ruleset.header, ruleset.header_any, ruleset.header_max)
        if hit is not None:
            rule, found = hit
            if rule.role == "header":
                header_hits += 1
                header_after_title |= title_at >= 0
                if TITLE in found and title_at < 0:
                    title_at = i
                    out[TITLE] = found.pop(TITLE).strip()
                elif title_at >= 0:
                    last_header = i
                _record(out, found, dates, notes)
            else:
                removed.append(line)
            i += 1
            continue
        if title_at < 0 and len(line) <= max_title_chars:
            title_at = i
            out[TITLE] = line
            i += 1
            continue
        if (
            title_at >= 0
            and out[SOURCE] is None
            and looks_like_source(line)
            and _in_header_block(lines, title_at, last_header, i)
            and any(rest.strip() for rest in lines[i + 1 :])
        ):
            # A short name in the header block that no rule knows: the site's name
            # ("TASS", "Press TV"), not the body's first line.
            _record(out, {SOURCE: line}, dates, notes)
            header_hits += 1
            header_after_title = True
            last_header = i
            i += 1
            continue
        break
    body_lines = lines[i:]
    has_body = any(line.strip() for line in body_lines)

    if title_at < 0:
        first = next((line.strip() for line in lines if line.strip()), "")
        out[SHAPE] = SHAPE_FALLBACK
        if not first:
            notes.append("empty text")
        elif not has_body:
            notes.append("no title or body found: only header lines")
        else:
            first = next(line.strip() for line in body_lines if line.strip())
            out[TITLE] = _first_sentence(first, max_title_chars, split_rules)
            notes.append(
                f"no title line (first line is {len(first):,} characters, more than "
                f"max_title_chars={max_title_chars}): its first sentence is the title, all of it the text"
            )
    elif not has_body:
        out[SHAPE] = SHAPE_FALLBACK
        if header_hits:
            notes.append("no body after the title")
        else:
            notes.append("only one line: its first sentence is the title, all of it the text")
            body_lines = [out[TITLE]]
            out[TITLE] = _first_sentence(out[TITLE], max_title_chars, split_rules)
    elif not header_after_title and title_at + 1 < n and lines[title_at + 1].strip():
        out[SHAPE] = SHAPE_FALLBACK
        notes.append("no blank line after the title line: first line taken as the title")
    else:
        out[SHAPE] = SHAPE_BLOG if header_hits else SHAPE_PLAIN

    out[TEXT] = _clean_body(body_lines, ruleset, out, dates, notes, removed)
    out[DATE] = _best_date(dates)
    out[WARNINGS] = "; ".join(notes)
    out[REMOVED] = "\n".join(removed)
    return out
