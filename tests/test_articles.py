"""The article parser on texts written for these tests (no corpus text)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from analysis import articles
from analysis.articles import Rule, parse, parse_date

BLOG = """Monday, March 5, 2018

Rivers rise after a week of storms
5 Mar, 2018 14:20
Example.com

FILE PHOTO: A flooded street in the old town © Some Agency / Photographer

Rivers across the region rose to record levels on Monday, officials said.

Rescue teams were sent to three villages.

No comments:
Post a Comment"""


@pytest.fixture
def rules(monkeypatch):
    """A private copy of the rule registry, restored after the test."""
    copy = list(articles.RULES)
    monkeypatch.setattr(articles, "RULES", copy)
    return copy


@pytest.fixture
def aliases(monkeypatch):
    copy = dict(articles.SOURCE_ALIASES)
    monkeypatch.setattr(articles, "SOURCE_ALIASES", copy)
    return copy


def test_blog_shape():
    a = parse(BLOG)
    assert a["title"] == "Rivers rise after a week of storms"
    assert a["date"] == dt.datetime(2018, 3, 5, 14, 20)  # the dateline's time beats the blog date
    assert a["source"] == "example.com"
    assert a["shape"] == articles.SHAPE_BLOG
    assert a["warnings"] == ""
    assert a["text"].startswith("Rivers across the region rose")
    assert a["text"].endswith("three villages.")
    assert "FILE PHOTO" not in a["text"] and "No comments" not in a["text"]


def test_fields_are_fixed():
    assert set(parse(BLOG)) == set(articles.FIELDS)


@pytest.mark.parametrize(
    "text",
    [
        # header lines in another order, some missing
        "Example.com\nRivers rise after a week of storms\n5 Mar, 2018 14:20\n\nRivers rose.",
        "Rivers rise after a week of storms\nExample.com\n\nRivers rose.",
        "Monday, March 5, 2018\nRivers rise after a week of storms\n\nRivers rose.",
        "\n\n  Rivers rise after a week of storms  \n\n\nRivers rose.\n\n",
    ],
)
def test_header_elements_recognised_by_shape(text):
    a = parse(text)
    assert a["title"] == "Rivers rise after a week of storms"
    assert a["text"] == "Rivers rose."
    assert a["warnings"] == ""


def test_plain_title_blank_line_body():
    a = parse("Markets rally on hopes\n\nFirst paragraph.\n\nSecond paragraph.")
    assert (a["title"], a["shape"]) == ("Markets rally on hopes", articles.SHAPE_PLAIN)
    assert a["text"] == "First paragraph.\n\nSecond paragraph."
    assert a["date"] is None and a["source"] is None


def test_windows_newlines_and_bom():
    a = parse("\ufeffMarkets rally\r\n\r\nFirst paragraph.\r\nMore.")
    assert a["title"] == "Markets rally"
    assert a["text"] == "First paragraph.\nMore."


def test_caption_inside_body_dropped_and_blank_lines_collapsed():
    a = parse("Title here\n\nOne.\n\nPHOTO: people on a bridge\n\nTwo.")
    assert a["text"] == "One.\n\nTwo."


def test_footer_only_after_some_body_text():
    a = parse("Title here\n\nPosted by a reader\n\nBody text.\n\n3 comments:\nreader one")
    assert a["text"] == "Posted by a reader\n\nBody text."


@pytest.mark.parametrize(
    ("body", "place", "agency", "text"),
    [
        ("WASHINGTON (Reuters) - The Senate voted.", "WASHINGTON", "reuters", "The Senate voted."),
        ("(Reuters) - The Senate voted.", None, "reuters", "The Senate voted."),
        ("LONDON, (Reuters) - Shares fell.", "LONDON", "reuters", "Shares fell."),
        ("SACRAMENTO, Calif. (Reuters) - It rained.", "SACRAMENTO, Calif.", "reuters", "It rained."),
        ("NEW YORK/CHICAGO (Reuters) - Banks.", "NEW YORK/CHICAGO", "reuters", "Banks."),
        ("By Jane Doe and John Roe WASHINGTON (Reuters) - Votes.", "WASHINGTON", "reuters", "Votes."),
        ("(Corrects paragraph 2) WASHINGTON (Reuters) - Votes.", "WASHINGTON", "reuters", "Votes."),
        ("WASHINGTON (Reuters on Friday ) - Votes.", "WASHINGTON", "reuters", "Votes."),
        ("PARIS (AFP) — Strikes.", "PARIS", "afp", "Strikes."),
        ("DENVER (AP) - Snow.", "DENVER", "ap", "Snow."),
        ("WASHINGTON () - Lost agency.", "WASHINGTON", None, "Lost agency."),
    ],
)
def test_agency_dateline(body, place, agency, text):
    a = parse(body, title="T")
    assert (a["dateline_place"], a["dateline_agency"], a["text"]) == (place, agency, text)
    assert a["source"] == agency


@pytest.mark.parametrize(
    "body",
    [
        "WATCH (VIDEO) - Not a dateline.",
        "The Senate (Reuters reported) - voted.",
        "WASHINGTON - no parentheses, no dateline.",
    ],
)
def test_not_a_dateline(body):
    a = parse(body, title="T")
    assert a["text"] == body
    assert a["dateline_place"] is None and a["source"] is None


def test_dateline_in_a_file_body():
    a = parse("Senate votes\n\nWASHINGTON (Reuters) - The Senate voted.\n\nMore.")
    assert a["text"] == "The Senate voted.\n\nMore."
    assert (a["source"], a["dateline_place"]) == ("reuters", "WASHINGTON")


def test_source_line_wins_over_dateline_agency():
    a = parse("Senate votes\nExample.com\n\nWASHINGTON (Reuters) - The Senate voted.")
    assert (a["source"], a["dateline_agency"]) == ("example.com", "reuters")


def test_agency_disclaimer_gives_source():
    body = (
        "The following statements were posted to the verified Twitter accounts of U.S. "
        "officials. The opinions expressed are their own. Reuters has not edited the "
        "statements or confirmed their accuracy. First statement."
    )
    a = parse(body, title="T")
    assert a["source"] == "reuters"
    assert a["text"] == "First statement."


def test_row_mode_keeps_the_whole_text_as_body():
    a = parse("Short line\n\nMore text.", title=" Given title ")
    assert (a["title"], a["text"], a["shape"]) == ("Given title", "Short line\n\nMore text.", "row")
    assert parse("Text.", title="")["title"] is None
    assert parse("", title="T")["warnings"] == "empty text"


@pytest.mark.parametrize(
    ("text", "title", "body", "why"),
    [
        ("only one line", "only one line", "only one line", "only one line"),
        ("One sentence. And another.", "One sentence.", "One sentence. And another.", "only one line"),
        ("Title\nBody right after it.", "Title", "Body right after it.", "no blank line after the title"),
        ("", None, "", "empty text"),
        ("  \n \n", None, "", "empty text"),
        ("Monday, March 5, 2018\nExample.com", None, "", "only header lines"),
        ("Title\n5 Mar, 2018\n", "Title", "", "no body after the title"),
    ],
)
def test_fallbacks_say_why(text, title, body, why):
    a = parse(text)
    assert a["title"] == title
    assert a["text"] == body
    assert why in a["warnings"]
    assert a["shape"] == articles.SHAPE_FALLBACK


def test_long_first_line_is_not_a_title():
    line = "word " * 200
    a = parse(line + "\n\nSecond paragraph.")
    assert a["title"].endswith("…") and len(a["title"]) <= articles.MAX_TITLE_CHARS + 1
    assert a["text"].startswith("word word") and a["text"].endswith("Second paragraph.")
    assert "no title line" in a["warnings"] and "999 characters" in a["warnings"]
    assert parse(line, max_title_chars=2000)["title"] == line.strip()


def test_long_first_line_gives_its_first_sentence_as_title():
    line = "Floods hit the north of the country on Monday. " + "More words follow here. " * 20
    a = parse(line)
    assert a["title"] == "Floods hit the north of the country on Monday."
    assert a["text"] == line.strip()


def test_huge_single_line_stays_linear():
    line = "x" * 5_000_000  # no spaces: a worst case for the regular expressions
    a = parse(line)
    assert a["text"] == line and len(a["title"]) <= articles.MAX_TITLE_CHARS + 1


def test_parse_refuses_non_text():
    with pytest.raises(TypeError, match="text must be a str"):
        parse(b"bytes")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thursday, November 23, 2017", dt.datetime(2017, 11, 23)),
        ("23 Nov, 2017 05:44", dt.datetime(2017, 11, 23, 5, 44)),
        ("December 31, 2017", dt.datetime(2017, 12, 31)),
        ("Dec. 5, 2017 at 5:44 PM", dt.datetime(2017, 12, 5, 17, 44)),
        ("31-Dec-17", dt.datetime(2017, 12, 31)),
        ("5 September 1999", dt.datetime(1999, 9, 5)),
        ("2017-12-31", dt.datetime(2017, 12, 31)),
        ("2017-12-31T08:15:00Z", dt.datetime(2017, 12, 31, 8, 15)),
        ("2017-02-30", None),
        ("no date here", None),
        ("", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Rt.com", "rt.com"),
        ("RT", "rt.com"),
        ("www.Reuters.com", "reuters"),
        ("Associated Press", "ap"),
        ("https://www.example.org/", "example.org"),
        ("  ", None),
        (None, None),
    ],
)
def test_normalise_source(name, expected):
    assert articles.normalise_source(name) == expected


def test_register_source(aliases):
    articles.register_source("Deutsche Presse-Agentur", "dpa")
    assert articles.normalise_source("deutsche presse-agentur") == "dpa"
    a = parse("BERLIN (Deutsche Presse-Agentur) - Rain.", title="T")
    assert (a["source"], a["dateline_agency"]) == ("dpa", "dpa")
    with pytest.raises(ValueError, match="non-empty"):
        articles.register_source("", "x")


def test_custom_header_rule_adds_a_field(rules):
    articles.register_rule(Rule("byline", "header", r"By (?P<author>[A-Z][\w .'-]+)"), before="source_line")
    assert [r.name for r in rules].index("byline") < [r.name for r in rules].index("source_line")
    a = parse("A title\nBy Jane Doe\n\nThe body.")
    assert (a["title"], a["author"], a["text"]) == ("A title", "Jane Doe", "The body.")


def test_custom_title_rule(rules):
    articles.register_rule(Rule("labelled_title", "header", r"Title:\s*(?P<title>.+)"))
    a = parse("Title: The real title\nSome other short line\n\nBody.")
    assert a["title"] == "The real title"


def test_rule_can_reject_its_match(rules):
    def only_known(m):
        return {"kicker": m["k"]} if m["k"] in {"EXCLUSIVE", "ANALYSIS"} else None

    articles.register_rule(Rule("kicker", "header", r"(?P<k>[A-Z]+)", fields=only_known))
    assert parse("EXCLUSIVE\nA title\n\nBody.")["kicker"] == "EXCLUSIVE"
    assert parse("HELLO\n\nBody.")["title"] == "HELLO"


def test_register_rule_replaces_by_name(rules):
    n = len(rules)
    articles.register_rule(Rule("blog_footer", "footer", r"THE END"))
    assert len(rules) == n
    a = parse("Title\n\nBody.\nTHE END\nafter")
    assert a["text"] == "Body."


def test_rules_argument_overrides_registry():
    no_rules = parse(BLOG, rules=[])
    assert no_rules["title"] == "Monday, March 5, 2018"  # nothing recognised any more
    assert "No comments:" in no_rules["text"]


def test_rule_with_backreference_still_works(rules):
    # A back-reference cannot join the combined quick test: the rule is then tried alone.
    articles.register_rule(Rule("stars", "drop", r"(?P<c>[*#])(?P=c)+"))
    assert parse("Title\n\nOne.\n****\nTwo.")["text"] == "One.\nTwo."


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"role": "middle", "pattern": "x"}, "role='middle'"),
        ({"role": "drop", "pattern": "("}, "is invalid"),
    ],
)
def test_bad_rules_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        Rule("bad", **kwargs)


def test_register_rule_checks_its_arguments(rules):
    with pytest.raises(TypeError, match="not a Rule"):
        articles.register_rule("x")
    with pytest.raises(ValueError, match="names no rule"):
        articles.register_rule(Rule("new", "drop", "x"), before="nope")
