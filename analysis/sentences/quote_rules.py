"""The settings of quotation attribution: verbs of saying, words that speak for someone, phrase limits.

Every list is a frozenset of lowercase words, held in one frozen
:class:`QuoteRules` value (with the :class:`~analysis.text.name_rules.NameRules`
that names are found with). :func:`analysis.sentences.quotes.quotes` sends it
with each batch of work, so a changed list reaches worker processes started
before the change; make new rules with :func:`dataclasses.replace`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from analysis.text.name_rules import DEFAULT_RULES as NAME_RULES
from analysis.text.name_rules import NameRules

#: Verbs (as written, lowercase) that attribute a quotation to a speaker.
CUES = frozenset(
    """said says say told tells added adds asked asks replied answered wrote writes tweeted tweets posted
    stated declared declares announced announces insisted insists explained explains noted warned warns
    argued argues claimed continued continues commented recalled recalls acknowledged acknowledges
    admitted admits conceded concedes suggested suggests urged urges stressed stresses emphasised
    emphasises emphasized emphasizes countered responded responds remarked observed observes concluded
    cautioned cautions predicted predicts promised vowed pledged boasted boasts complained complains
    lamented laments joked quipped shouted yelled exclaimed whispered testified testifies confirmed
    confirms denied denies agreed assured demanded charged alleged alleges recounted recounts mused
    reiterated reiterates described describes called dubbed branded labelled labeled termed""".split()
)

#: Cues that may come before their speaker (``said Putin``); ``told`` may not
#: (``told Reuters``: Reuters is who heard it).
INVERTED_CUES = frozenset(
    """said says added adds asked asks replied answered wrote writes tweeted stated declared declares
    explained explains noted warned warns argued argues continued continues recalled recalls insisted
    insists countered responded responds remarked observed observes concluded cautioned cautions joked
    quipped shouted exclaimed whispered confirmed confirms agreed""".split()
)

#: Cues that attribute only a partial quotation, never a full one
#: (``called the talks "useful"``).
PARTIAL_CUES = frozenset("described describes called dubbed branded labelled labeled termed".split())

#: Words that speak for the name before them (``a Kremlin statement``, ``a
#: White House official``, ``Pentagon sources``).
SPEAKS_FOR = frozenset(
    """statement statements spokesman spokeswoman spokesperson spokespeople representative
    representatives release communique communiqué announcement memo letter filing email tweet post
    message source sources aide aides official officials analyst analysts economist economists strategist
    strategists researchers scientists head chief leader boss chairman chairwoman director members
    member""".split()
)

#: Of those, the words that without a name speak for whoever spoke last in the
#: article (``"...," the statement said``); an unnamed ``official`` stays unnamed.
DOCUMENTS = frozenset(
    """statement statements spokesman spokeswoman spokesperson release communique communiqué
    announcement""".split()
)

#: Pronouns that may be speakers, mapped to whom they stand for.
PRONOUNS = {"he": "person", "she": "person", "it": "organisation", "they": None, "we": None, "i": None,
            "you": None}

#: Words between a speaker and the cue (``Putin also said``, ``he later told``).
BRIDGES = frozenset(
    """also later then previously once recently earlier reportedly repeatedly simply quickly flatly again
    further has had have would will often twice separately subsequently initially originally
    finally immediately publicly privately told""".split()
)

#: Words that end a speaker phrase (prepositions, conjunctions, time words):
#: ``said Putin on Monday``, ``the ministry said in a statement``.
PHRASE_STOPS = frozenset(
    """on in at after before during while when as to that which who whom whose where adding citing noting
    referring speaking according because since but and or nor if though although with without from by about
    via through into upon than unless until last this next earlier later today yesterday tonight told said
    says added so yet then also not is was are were be been being has had have will would can could should
    may might must do does did just still only even here there""".split()
)


@dataclass(frozen=True)
class QuoteRules:
    """The settings of quotation finding and attribution, passed to every function (and every worker).

    Word lists are frozensets of lowercase words; ``names`` are the rules names
    are found with (:class:`analysis.text.name_rules.NameRules`). Change one with
    :func:`dataclasses.replace`, e.g. ``replace(QuoteRules(), cues=CUES | {"mumbled"})``.
    """

    cues: frozenset = CUES
    inverted_cues: frozenset = INVERTED_CUES
    partial_cues: frozenset = PARTIAL_CUES
    speaks_for: frozenset = SPEAKS_FOR
    documents: frozenset = DOCUMENTS
    bridges: frozenset = BRIDGES
    phrase_stops: frozenset = PHRASE_STOPS
    names: NameRules = field(default_factory=lambda: NAME_RULES)

    def __post_init__(self):
        for name in ("cues", "inverted_cues", "partial_cues", "speaks_for", "documents", "bridges",
                     "phrase_stops"):
            value = getattr(self, name)
            if isinstance(value, str) or not isinstance(value, Iterable):
                raise TypeError(f"QuoteRules.{name}={value!r:.60}; pass a collection of lowercase words")
            object.__setattr__(self, name, frozenset(str(w).lower() for w in value))
        if not isinstance(self.names, NameRules):
            raise TypeError(f"QuoteRules.names={self.names!r:.60}; pass an analysis.text.name_rules.NameRules")


DEFAULT_RULES = QuoteRules()
