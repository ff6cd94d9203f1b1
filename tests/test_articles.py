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


def test_blog_shape():
    a = parse(BLOG)
    assert a["title"] == "Rivers rise after a week of storms"
    assert a["date"] == dt.datetime(2018, 3, 5, 14, 20)  # the dateline's time beats the blog date
    assert a["source"] == "example"  # a site's stem: "Example.com", "example.org" and "Example" are one source
    assert a["shape"] == articles.SHAPE_BLOG
    assert a["warnings"] == ""
    assert a["text"].startswith("Rivers across the region rose")
    assert a["text"].endswith("three villages.")
    assert "FILE PHOTO" not in a["text"] and "No comments" not in a["text"]


def test_fields_are_fixed():
    assert set(parse(BLOG)) == set(articles.FIELDS)


def test_what_the_parser_removes_is_kept_line_by_line():
    raw = ("Ferry service resumes\n\nPHOTO: The ferry at the quay © Jo Lee / Coast Press\n\n"
           "The ferry sailed again on Friday. Passengers cheered.\n\n"
           "(Reporting by Ann Ray; Editing by Tom Fox)\n\nCopyright 2018 Coast Daily. All rights reserved.\n\n"
           "Share this:\nEmail\nPrint")
    a = parse(raw)
    assert a["text"] == "The ferry sailed again on Friday. Passengers cheered."
    assert a["removed"].splitlines() == ["PHOTO: The ferry at the quay © Jo Lee / Coast Press",
                                         "(Reporting by Ann Ray; Editing by Tom Fox)",
                                         "Copyright 2018 Coast Daily. All rights reserved.",
                                         "Share this:", "Email", "Print"]
    # Other sites: a dateline with its byline, captions without a colon, advertisement markers.
    b = parse("Posted on March 5, 2018 by Jo Lee\n\nFerry service resumes\n\nImage copyright Coast Press\n"
              "Image caption The ferry at the quay\n\nThe ferry sailed again.\n\nAdvertisement\n\nPassengers cheered.")
    assert (b["title"], b["date"], b["shape"]) == ("Ferry service resumes", dt.datetime(2018, 3, 5), articles.SHAPE_BLOG)
    assert b["text"] == "The ferry sailed again.\n\nPassengers cheered."
    assert b["removed"].splitlines() == ["Image copyright Coast Press", "Image caption The ferry at the quay",
                                         "Advertisement"]
    # A byline is no sentence of the article (nor are its names mentions in it).
    c = parse("Ferry service resumes\n\nBy Jo Lee | Coast Daily\n\nThe ferry sailed again.")
    assert (c["text"], c["removed"]) == ("The ferry sailed again.", "By Jo Lee | Coast Daily")
    assert parse("Floods recede\n\nBy Tuesday the water had gone.")["text"] == "By Tuesday the water had gone."
    # Prose that only mentions such words stays.
    kept = ("Copyright law changed in 2018, the court said.\n\nReporting by the paper was (by all accounts) fair."
            "\n\nAdvertisements for the ferry ran all week.")
    assert parse("A ruling\n\n" + kept) | {"removed": ""} == parse("A ruling\n\n" + kept)
    assert parse("A ruling\n\n" + kept)["text"] == kept


def test_load_keeps_the_parsers_removals_before_the_boilerplate():
    import pandas as pd

    from analysis import corpus

    body = "The council met on day {0}. It voted on item {0}.\n\nThe vote was {1} to {0}. Members left at {1}."
    bodies = [f"Story {i}\n\nPHOTO: picture {i} © Agency\n\n{body.format(i, i + 7)}\n\n"
              "Follow us on Mastodon and Bluesky" for i in range(12)]
    df = corpus.load(bodies, progress=False)
    assert df["text"].tolist() == [body.format(i, i + 7) for i in range(12)]
    assert df["boilerplate"].tolist() == [f"PHOTO: picture {i} © Agency\nFollow us on Mastodon and Bluesky"
                                          for i in range(12)]
    raw = corpus.load(bodies, parse=False, progress=False)
    assert raw["text"].tolist() == bodies and (raw["boilerplate"] == "").all()
    # An input column of that name (a moderation flag) passes through under its own name.
    flagged = corpus.load(pd.DataFrame({"text": bodies, "removed": [i % 2 == 0 for i in range(12)]}), progress=False)
    assert flagged["removed"].tolist() == [i % 2 == 0 for i in range(12)]
    assert flagged["boilerplate"].tolist() == df["boilerplate"].tolist()


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
    assert (a["source"], a["dateline_agency"]) == ("example", "reuters")


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
        ("https://www.example.org/", "example"),
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


# --- headers of any site (issue 11) ------------------------------------------------------

REPOST = """Tuesday, April 12, 2016

Ferry services resume after the storm
{dateline}
{source}

The first ferry left the harbour at dawn on Tuesday, the operator said.

Crews had checked every pier overnight.

No comments:"""


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Press TV", "presstv"),
        ("presstv.ir", "presstv"),
        ("PressTV", "presstv"),
        ("www.presstv.ir/Detail", "presstv"),
        ("TASS", "tass"),
        ("Sputnik International", "sputnikinternational"),
        ("Voice of America", "voiceofamerica"),
        ("RT en Español", "rtenespañol"),
        ("21st Century Wire", "21stcenturywire"),
        ("Rt.com", "rt.com"),  # an alias keeps its name
    ],
)
def test_unknown_source_lines_in_the_header(source, expected):
    a = parse(REPOST.format(dateline="12 Apr, 2016 06:15", source=source))
    assert a["source"] == expected
    assert a["title"] == "Ferry services resume after the storm"
    assert a["text"].startswith("The first ferry left")
    assert (a["shape"], a["warnings"]) == (articles.SHAPE_BLOG, "")


@pytest.mark.parametrize(
    ("text", "source", "body_starts"),
    [
        # right after the title, no dateline
        ("Ferry services resume\nBaltic Wire\n\nThe first ferry left.", "balticwire", "The first"),
        # after a dateline, across a blank line
        ("Ferry services resume\n12 Apr, 2016 06:15\n\nBaltic Wire\n\nThe first ferry left.", "balticwire", "The first"),
        # after a blank line that follows the title alone: the body's first line (ambiguous)
        ("Ferry services resume\n\nBaltic Wire\n\nThe first ferry left.", None, "Baltic Wire"),
        # a byline (dropped, kept in "removed"), a sentence, a lowercase line: not sources
        ("Ferry services resume\nBy Ann Other\n\nThe first ferry left.", None, "The first ferry left."),
        ("Ferry services resume\nThe first ferry left.\n\nMore.", None, "The first ferry left."),
        ("Ferry services resume\nferries are back\n\nMore.", None, "ferries are back"),
        # nothing after it: it is the body
        ("Ferry services resume\nBaltic Wire", None, "Baltic Wire"),
    ],
)
def test_where_an_unknown_source_line_is_taken(text, source, body_starts):
    a = parse(text)
    assert a["source"] == source
    assert a["text"].startswith(body_starts)


def test_looks_like_source():
    assert articles.looks_like_source("Al Jazeera English")
    for line in ("Ferries are back in service today", "By Ann Other", "Update:", "It rained.", "2016", "x" * 60,
                 "one two three four five six"):
        assert not articles.looks_like_source(line), line


def test_source_names_normalise_to_the_site():
    same = {articles.normalise_source(n) for n in ("Press TV", "presstv.ir", "PRESS TV", "https://presstv.ir/")}
    assert same == {"presstv"}
    assert articles.normalise_source("news.example.co.uk") == "example"  # subdomain and suffix dropped
    assert articles.normalise_source("rt.com/news/123-story/") == "rt.com"  # an alias behind a path
    assert articles.normalise_source("abc.net.au") == "abc.net.au"  # the default corpus keeps its name


def test_a_stem_can_be_registered(aliases):
    articles.register_source("presstv", "press tv (iran)")
    assert articles.normalise_source("Press TV") == articles.normalise_source("presstv.ir") == "press tv (iran)"


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        # labels
        ("Published time: 12 Apr, 2016 06:15", dt.datetime(2016, 4, 12, 6, 15)),
        ("Last updated: 12 Apr, 2016 06:15", dt.datetime(2016, 4, 12, 6, 15)),
        ("Posted on April 12, 2016 at 6:15 pm", dt.datetime(2016, 4, 12, 18, 15)),
        ("Updated 12 April 2016", dt.datetime(2016, 4, 12)),
        ("First published on Tuesday 12 April 2016 • 06.15", dt.datetime(2016, 4, 12, 6, 15)),
        ("Publication date: 2016/04/12", dt.datetime(2016, 4, 12)),
        # separators and time zones
        ("Apr 12, 2016 | 06:15 GMT", dt.datetime(2016, 4, 12, 6, 15)),
        ("12 Apr 2016 - 06:15 (MSK)", dt.datetime(2016, 4, 12, 6, 15)),
        ("Apr. 12, 2016 / 6:15 a.m. ET", dt.datetime(2016, 4, 12, 6, 15)),
        ("2016-04-12 06:15:00 +0300", dt.datetime(2016, 4, 12, 6, 15)),
        ("12 Apr, 2016 06:15 UTC+3", dt.datetime(2016, 4, 12, 6, 15)),
        # the time first
        ("6:15 PM ET, Tue April 12, 2016", dt.datetime(2016, 4, 12, 18, 15)),
        # dates in figures: dots day first, slashes month first unless impossible
        ("12.04.2016, 06:15", dt.datetime(2016, 4, 12, 6, 15)),
        ("12/04/2016 06:15", dt.datetime(2016, 12, 4, 6, 15)),
        ("25/04/2016 06:15", dt.datetime(2016, 4, 25, 6, 15)),
        ("Last updated: 12.04.16", dt.datetime(2016, 4, 12)),
    ],
)
def test_datelines_keep_date_and_time(dateline, expected):
    a = parse(REPOST.format(dateline=dateline, source="Example.com"))
    assert a["date"] == expected
    assert (a["title"], a["source"], a["warnings"]) == ("Ferry services resume after the storm", "example", "")
    assert a["text"].startswith("The first ferry left")


@pytest.mark.parametrize(
    "line",
    [
        "Market Notes: Mar. 3, 2016",  # a title that ends with a date is no dateline
        "Ferry services resume on April 12, 2016 after the storm",
        "Crews worked until 06:15",
    ],
)
def test_not_datelines(line):
    rule = next(r for r in articles.RULES if r.name == "dateline")
    assert rule.match(line) is None
    assert parse(f"{line}\n\nBody text here.")["title"] == line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6:15 PM ET, Tue April 12, 2016", dt.datetime(2016, 4, 12, 18, 15)),
        ("Apr 12, 2016 | 06:15 GMT", dt.datetime(2016, 4, 12, 6, 15)),
        ("12.04.2016", dt.datetime(2016, 4, 12)),
        ("04/12/2016", dt.datetime(2016, 4, 12)),
        ("2016/04/12 6:15pm", dt.datetime(2016, 4, 12, 18, 15)),
        ("31/02/2016", None),  # an impossible day
    ],
)
def test_parse_date_new_forms(text, expected):
    assert parse_date(text) == expected


def test_the_seed_parses_as_before(seed_dir):
    import hashlib
    import json

    text = (seed_dir / "000_367bf738dcaa9115.txt").read_text(encoding="utf-8")
    a = parse(text)
    assert (a["date"], a["source"], a["shape"], a["warnings"]) == (dt.datetime(2017, 11, 23, 5, 44), "rt.com", "blog", "")
    # What was removed is kept: the photo caption, and the blog footer.
    removed = a.pop("removed").splitlines()
    assert len(removed) == 2 and removed[0].startswith("FILE PHOTO:") and removed[1] == "No comments:"
    # Every other field, compared with the parse before issue 11 (a digest: the text stays out of the repository).
    blob = json.dumps({k: v.isoformat() if isinstance(v, dt.datetime) else v for k, v in a.items()},
                      sort_keys=True, ensure_ascii=False)
    assert hashlib.sha256(blob.encode()).hexdigest() == "3554c638b243606b845e2fcd421e351c9a47c15657fd32a3589c13734a415024"


def test_the_parser_re_exports_sources_and_dates():
    # One alias table, shared: a register_source() through either name reaches the parser.
    from analysis.corpus import dates, sources

    assert articles.SOURCE_ALIASES is sources.SOURCE_ALIASES
    assert articles.register_source is sources.register_source and articles.parse_date is dates.parse_date
    assert articles.normalise_source is sources.normalise_source
