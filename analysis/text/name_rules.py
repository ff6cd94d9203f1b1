"""The word lists names are found and merged with, as one frozen settings value.

:class:`NameRules` holds every list :mod:`analysis.text.names` reads (titles,
honorifics, connectors, organisation and place words, ...). It is passed
explicitly to every function, and with every batch of work sent to a worker
process, so a changed list reaches workers started before the change. The
module-level frozensets are the defaults; a user makes new rules with
:func:`rules_with` or :func:`dataclasses.replace`, never by editing a global.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

#: Titles, ranks, offices, honorifics and occupations (lowercase, without a
#: final period) set apart from the front of a name: ``President Donald
#: Trump`` is the person ``Donald Trump`` with the title ``President``;
#: ``Economist Ravi Patel`` (a sentence's first word) is ``Ravi Patel``. A
#: title may take an ``of`` complement (``Secretary of State Rex Tillerson``).
TITLES = frozenset(
    """mr mrs ms miss mx dr sir dame prof professor rev reverend father sister brother imam rabbi sheikh
    ayatollah cardinal archbishop bishop pope king queen prince princess lord lady duke duchess emperor
    president vice prime premier minister chancellor secretary senator sen rep representative congressman
    congresswoman councillor councilman councilwoman governor gov mayor judge justice magistrate ambassador
    envoy consul general gen lt lieutenant col colonel maj sgt sergeant cpl corporal pte capt
    captain cmdr commander adm admiral brig brigadier marshal chief officer inspector supt superintendent
    det detective constable sheriff spokesman spokeswoman spokesperson chairman chairwoman chair director ceo
    leader speaker counsel attorney prosecutor adviser advisor aide deputy assistant commissioner treasurer
    executive president-elect
    coach manager economist analyst strategist lawyer doctor activist journalist reporter author novelist
    actor actress singer goalkeeper striker midfielder candidate commentator columnist editor producer
    filmmaker photographer entrepreneur billionaire businessman businesswoman investor banker critic
    campaigner""".split()
)

#: Titles that by themselves prove the name after them is a person's
#: (``Mr Smith`` counts as ``Smith`` even when no full name carries it).
HONORIFICS = frozenset("mr mrs ms miss mx dr sir dame prof professor rev reverend".split())

#: Titles written abbreviated with a period inside a name (``Gen. Mark Milley``).
TITLE_ABBREVIATIONS = frozenset(
    "mr mrs ms mx dr prof rev gen lt col maj sgt cpl pte capt cmdr adm brig supt det sen rep gov".split()
)

#: Lowercase words that may join the capitalised words of a name
#: (``Bank of England``, ``Osama bin Laden``), also as a hyphenated prefix
#: (``al-Assad``).
CONNECTORS = frozenset({"of", "de", "da", "del", "der", "den", "van", "von", "al", "el", "bin", "ibn", "la", "le",
                        "du", "di", "dos", "das", "ben"})

#: Words that make a name an organisation or a place when they are part of it
#: (``Russian Defense Ministry``, ``White House``, ``Gaza Strip``): such a name
#: never takes a surname (``House`` alone is not ``White House``).
ORGANISATION_WORDS = frozenset(
    """ministry department office agency bureau service services administration authority commission committee
    council cabinet government parliament congress senate assembly house chamber court tribunal party union
    alliance coalition front movement federation league association society foundation institute institution
    university college school academy hospital clinic church mosque temple bank fund exchange market company
    corporation corp inc ltd llc plc group holdings partners capital motors airlines airways systems
    technologies media news network press times post journal herald tribune telegraph guardian magazine
    channel radio tv television army navy force forces guard police command brigade battalion regiment corps
    state states nations kingdom republic emirates province county city town village district region territory
    island islands street road avenue square bridge tower airport station port harbour harbor valley river sea
    ocean gulf bay lake mountain mountains hills desert strip coast peninsula park centre center hall museum
    club team united rovers city fc cup games olympics festival awards prize award open championship
    championships tournament trophy masters series marathon final finals industry industries
    organisation organization trust charity campaign initiative project programme program research review
    report survey index""".split()
)

#: First words that make a name a place (``North Korea``, ``New York``).
PLACE_WORDS = frozenset(
    "north south east west northern southern eastern western central new united great upper lower".split()
)

#: Name suffixes: ``Donald Trump Jr.`` is another person than ``Donald Trump``.
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

#: Months and days: capitalised but never a surname standing alone (``in May``).
CALENDAR_WORDS = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)

#: Function words that open sentences with a capital; never the first word of a name there.
OPENERS = frozenset(
    """a an the this that these those his her its their our my your he she it they we i you me him them us
    but and or nor so yet if when whenever while as at in on of for by with from to into onto upon after before
    since until till during about against under over between among amid through throughout without within
    also then there here however meanwhile although though because where what which who whom whose why how
    not no yes all some many most several both each every any other such another one two three four five six
    seven eight nine ten last next first second third few more less only even still just now today yesterday
    tomorrow tonight later earlier instead despite unlike like according asked speaking whether neither either
    whatever whoever wherever whichever
    once perhaps maybe indeed thus hence therefore overall again already almost never always often sometimes
    meanwhile nevertheless nonetheless besides furthermore moreover rather than do does did is are was were
    be been has have had will would should could can may might must shall let please thanks thank dear""".split()
)


@dataclass(frozen=True)
class NameRules:
    """The settings of name finding and merging, passed to every function (and every worker).

    Each field is a frozenset of lowercase words; defaults are the module's
    lists. Make your own with :func:`dataclasses.replace`, e.g.
    ``replace(NameRules(), titles=TITLES | {"hon"})``.
    """

    titles: frozenset = TITLES
    honorifics: frozenset = HONORIFICS
    title_abbreviations: frozenset = TITLE_ABBREVIATIONS
    connectors: frozenset = CONNECTORS
    organisation_words: frozenset = ORGANISATION_WORDS
    place_words: frozenset = PLACE_WORDS
    suffixes: frozenset = SUFFIXES
    calendar_words: frozenset = CALENDAR_WORDS
    openers: frozenset = OPENERS

    def __post_init__(self):
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if isinstance(value, str) or not isinstance(value, Iterable):
                raise TypeError(f"NameRules.{name}={value!r:.60}; pass a collection of lowercase words")
            object.__setattr__(self, name, frozenset(str(w).lower().rstrip(".") for w in value))


DEFAULT_RULES = NameRules()


def rules_with(*, titles: Iterable[str] | None = None, connectors: Iterable[str] | None = None,
               rules: NameRules | None = None) -> NameRules:
    """``rules`` (default :data:`DEFAULT_RULES`) with its titles and connectors replaced when given.

    Examples
    --------
    >>> sorted(rules_with(connectors=["of"]).connectors)
    ['of']
    """
    rules = DEFAULT_RULES if rules is None else rules
    if not isinstance(rules, NameRules):
        raise TypeError(f"rules={rules!r:.60}; pass a NameRules value or None")
    changes = {}
    if titles is not None:
        changes["titles"] = titles
    if connectors is not None:
        changes["connectors"] = connectors
    return replace(rules, **changes) if changes else rules
