"""Boilerplate found across a corpus (analysis.corpus.boilerplate, its hooks in corpus.load / summary, and the
per-article quality flags of analysis.corpus.quality).

Every post here is written for these tests: invented sites, invented news.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest

from analysis import articles, corpus
from analysis.corpus import boilerplate, loading, quality
from analysis.corpus.boilerplate import count, decide, find, remove, segments

TOPICS = [
    "harbour", "bridge", "museum", "railway", "school", "hospital", "stadium", "library", "market", "airport",
    "ferry", "dam", "tunnel", "park", "factory", "orchard", "vineyard", "observatory", "lighthouse", "canal",
    "quarry", "brewery", "bakery", "theatre", "zoo", "garden", "clinic", "prison", "mill", "pier",
]  # fmt: skip
TOWNS = ["Avonford", "Brackley", "Corbridge", "Dunmore", "Elmstead", "Fairholm", "Glenrock", "Hartwell"]


def story(i: int) -> list[str]:
    """Three lines of prose, different for every ``i``."""
    topic, town = TOPICS[i % len(TOPICS)], TOWNS[i % len(TOWNS)]
    return [
        f"Work on the new {topic} in {town} began on day {i} of the month, officials said.",
        f"The council expects the {topic} to open within {i + 2} months, a spokeswoman added.",
        f"Residents of {town} have waited {i + 3} years for a {topic} of their own.",
    ]


def headline(i: int) -> str:
    return f"{TOWNS[(i * 3) % len(TOWNS)]} {TOPICS[(i * 7) % len(TOPICS)]} plan wins {i + 1} awards"


def post(i: int, *extra_lines: str, at: int = 2) -> str:
    """A body of several lines, with ``extra_lines`` inserted after line ``at``."""
    lines = story(i)
    return "\n\n".join(lines[:at] + list(extra_lines) + lines[at:])


# --- segments --------------------------------------------------------------------------


def test_segments_of_a_body_of_several_lines_are_its_lines():
    body = "First line here.\n\n  Second line, indented.  \nThird."
    assert [body[s:e] for s, e, _ in segments(body)] == ["First line here.", "Second line, indented.", "Third."]
    assert {kind for _, _, kind in segments(body)} == {"line"}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a credit glued to the last word, after a stop, a colon or a year
        ("Rain fell all day.Featured image via Jo Bloggs/Example Images",
         ["Rain fell all day.", "Featured image via Jo Bloggs/Example Images"]),
        ("Watch the clip below:Photo by Jo Bloggs", ["Watch the clip below:", "Photo by Jo Bloggs"]),
        ("A reader wrote on March 3, 2016Image via a reader", ["A reader wrote on March 3, 2016", "Image via a reader"]),
        # ordinary stops; abbreviations, initials and dotted acronyms do not cut
        ("Mr. Lee met Dr. Ng in the U.S. on Monday. They talked.",
         ["Mr. Lee met Dr. Ng in the U.S. on Monday.", "They talked."]),
        ("J. R. Smith spoke. The U.S.Army band played.", ["J. R. Smith spoke.", "The U.S.Army band played."]),
        # a label keeps its value
        ("READ MORE: Dunmore dam plan wins two awards", ["READ MORE: Dunmore dam plan wins two awards"]),
        ('He said: "We won." Then he left!', ['He said: "We won."', "Then he left!"]),
    ],
)
def test_sentences_of_a_one_line_body(body, expected):
    assert [body[s:e] for s, e, _ in segments(body)] == expected


def test_segments_of_empty_text():
    assert segments("") == [] and segments(" \n \n") == []


# --- finding and removing -----------------------------------------------------------------

SHARE_BAR = "Email This | BlogThis! | Share to X | Share to Facebook"
FOLLOW = "Follow Example Daily on Mastodon and Bluesky"


def test_verbatim_lines_found_in_many_articles_are_removed():
    texts = [post(i, SHARE_BAR, at=3) if i % 3 else post(i, FOLLOW, SHARE_BAR, at=3) for i in range(30)]
    result = find(texts)
    assert all(SHARE_BAR not in t for t in result.texts)
    assert all(FOLLOW not in t for t in result.texts)
    for i, text in enumerate(result.texts):
        assert text == "\n\n".join(story(i))  # nothing else touched, paragraphs kept
    table = {(line.text, line.kind): line.n_articles for line in result.lines}
    assert table == {(SHARE_BAR, "line"): 30, (FOLLOW, "line"): 10}
    assert result.removed[0] == f"{FOLLOW}\n{SHARE_BAR}" and result.removed[1] == SHARE_BAR


def test_templated_kickers_are_removed_with_their_changing_headline():
    texts = [post(i, f"READ MORE: {headline(i)}") for i in range(30)]
    result = find(texts)
    assert [(line.text, line.kind, line.n_articles) for line in result.lines] == [("READ MORE: …", "template", 30)]
    assert not any("READ MORE" in t for t in result.texts)
    assert result.removed[4] == f"READ MORE: {headline(4)}"


def test_credits_glued_to_one_line_csv_bodies():
    photographers = ["Jo Bloggs", "Ann Other", "Sam Poe", "Lee Chan", "Kim Roe", "Al Fox"]
    texts = []
    for i in range(100):
        credit = f"Featured image via {photographers[i % 6]}/Example Images"
        if i % 4 == 0:  # the same credit with or without a final stop: a template either way
            credit = f"Photo by {photographers[i % 6]}/Example Images" + ("." if i % 8 else "")
        texts.append(" ".join(story(i)) + credit)
    result = find(texts)
    assert not any("Example Images" in t for t in result.texts)
    for i, text in enumerate(result.texts):
        assert text == " ".join(story(i))
    kinds = {line.text: line.kind for line in result.lines}
    assert kinds == {"Featured image …": "template", "Photo by …": "template"}


def test_a_recurring_sentence_inside_one_line_bodies_is_removed():
    note = "Subscribe to the Example Daily newsletter for more."
    texts = [" ".join(story(i)[:2] + [note] + story(i)[2:]) for i in range(25)]
    result = find(texts)
    assert [(line.text, line.kind) for line in result.lines] == [(note, "sentence")]
    assert result.texts[7] == " ".join(story(7))


def test_a_recurring_sentence_at_the_start_of_one_line_bodies_is_removed():
    lead = "This story first appeared on the Valley Courier website."
    texts = [f"{lead} " + " ".join(story(i)) for i in range(25)]
    result = find(texts)
    assert [(line.text, line.kind, line.n_articles) for line in result.lines] == [(lead, "sentence", 25)]
    assert result.texts[3] == " ".join(story(3)) and result.removed[3] == lead


def test_boilerplate_is_judged_per_source():
    # Site A stamps every article; site B uses the same words in a few of its own.
    stamp = "More stories from the valley every morning"
    texts, sources = [], []
    for i in range(40):
        texts.append(post(i, stamp))
        sources.append("site-a")
    for i in range(40, 140):
        texts.append(post(i, stamp) if i % 25 == 0 else post(i))
        sources.append("site-b")
    result = find(texts, sources)
    assert [(line.text, line.source, line.n_articles) for line in result.lines] == [(stamp, "site-a", 40)]
    assert all(stamp not in t for t in result.texts[:40])
    assert sum(stamp in t for t in result.texts[40:]) == 4  # too rare in site B to be its boilerplate


def test_furniture_shared_by_several_sources_is_found_across_the_corpus():
    # A reposting blog: many sources with a few articles each, one share bar on all.
    texts = [post(i, SHARE_BAR, at=3) for i in range(36)]
    sources = [f"site{i % 12}" for i in range(36)]
    result = find(texts, sources)
    assert [(line.text, line.source) for line in result.lines] == [(SHARE_BAR, boilerplate.ALL_SOURCES)]
    assert all(SHARE_BAR not in t for t in result.texts)
    assert any("12 sources with fewer than 10 articles" in note for note in result.notes)


def test_prose_that_recurs_now_and_then_stays():
    # A background sentence reused in 8 of 200 articles (4 %, above min_share 2 %) is removed;
    # one reused in 3 (under min_articles) stays.
    reused = "The council has promised new homes for every family in the valley."
    rare = "The mayor declined to comment on the plans."
    texts = []
    for i in range(200):
        extra = [reused] if i % 25 == 0 else []
        extra += [rare] if i % 70 == 0 else []
        texts.append(post(i, *extra))
    result = find(texts)
    assert [line.text for line in result.lines] == []  # 8 articles < min_articles=10
    assert sum(reused in t for t in result.texts) == 8 and sum(rare in t for t in result.texts) == 3
    stricter = find(texts, min_articles=5)
    assert [line.text for line in stricter.lines] == [reused]


def test_a_share_of_articles_is_needed_in_a_large_source():
    line = "Sponsored content from our partners"
    texts = [post(i, line) if i % 100 < 3 else post(i) for i in range(1000)]  # 30 of 1,000: 3 %
    assert [x.text for x in find(texts).lines] == [line]
    assert find(texts, min_share=0.05).lines == []  # 30 < 50


def test_duplicated_articles_are_no_evidence():
    texts = [post(1, "A line that only this story has")] * 30 + [post(i) for i in range(30)]
    result = find(texts)
    assert result.lines == [] and result.texts == texts


def test_names_and_introductions_are_not_templates():
    # Embedded posts signed "Name (@handle) date" name someone; "Watch ... below:" introduces.
    texts = []
    for i in range(30):
        texts.append(post(i, f"Maria Del Valle (@mdelvalle) March {i % 28 + 1}, 2016",
                          f"Watch the {TOPICS[i % 30]} video below:"))
    result = find(texts)
    assert result.lines == []
    assert all("@mdelvalle" in t and "below:" in t for t in result.texts)


def test_a_repeated_title_case_label_is_a_template():
    texts = [post(i, f"Read More: {headline(i)}") for i in range(30)]
    assert [line.text for line in find(texts).lines] == ["Read More: …"]


# --- too little evidence -------------------------------------------------------------------


def test_one_article_loses_nothing_and_the_notes_say_why():
    text = post(1, SHARE_BAR)
    result = find([text])
    assert result.texts == [text] and result.lines == []
    assert result.notes == [
        "nothing removed: 1 article; boilerplate is told from text by recurring in at least 10 articles "
        "(min_articles)"
    ]


def test_a_small_site_loses_nothing():
    texts = [post(i, SHARE_BAR) for i in range(9)]
    result = find(texts, ["one-site"] * 9)
    assert result.texts == texts and "9 articles" in result.notes[0]


def test_mostly_short_articles_lose_nothing():
    # Items of one or two sentences (like a wire feed's leads): a repeated sentence is the item itself.
    texts = [f"Storms hit {TOWNS[i % 8]} on day {i}. More rain is due." for i in range(50)]
    texts = [t if i % 2 else t + " Stay with Example Wire." for i, t in enumerate(texts)]
    result = find(texts)
    assert result.texts == texts
    assert "too short to tell boilerplate from text" in result.notes[0]


def test_a_body_that_would_become_empty_keeps_its_text_with_a_warning():
    texts = [post(i, SHARE_BAR, FOLLOW) for i in range(20)] + [f"{SHARE_BAR}\n{FOLLOW}"]
    result = find(texts)
    assert result.texts[-1] == texts[-1] and result.removed[-1] == ""
    assert result.warnings[-1] == boilerplate.KEPT_WARNING
    assert all(w == "" for w in result.warnings[:-1])
    assert {line.n_articles for line in result.lines} == {20}  # the kept article is not counted
    assert "1 article kept whole: nothing but boilerplate would remain" in result.notes


# --- the steps one by one ------------------------------------------------------------------


def test_counts_of_batches_give_the_same_result_as_at_once():
    texts = [post(i, f"READ MORE: {headline(i)}", SHARE_BAR) for i in range(45)]
    sources = [None if i % 3 else "site" for i in range(45)]
    whole = decide(count(texts, sources))
    parts = decide([count(texts[a:b], sources[a:b]) for a, b in ((0, 7), (7, 30), (30, 45))])
    np.testing.assert_array_equal(whole.repeated_share, parts.repeated_share)
    cleaned = []
    for a, b in ((0, 20), (20, 45)):
        cleaned += remove(texts[a:b], sources[a:b], parts, start=a).texts
    assert cleaned == remove(texts, sources, whole).texts
    assert [(x.text, x.n_articles) for x in whole.lines] == [(x.text, x.n_articles) for x in parts.lines]


def test_remove_cleans_only_the_articles_named():
    texts = [post(i, SHARE_BAR) if i % 2 else post(i) for i in range(40)]
    found = decide(count(texts))
    assert found.articles(0, 40) == list(range(1, 40, 2))
    assert found.articles(10, 20) == [1, 3, 5, 7, 9]
    done = remove([texts[5], texts[7]], None, found, positions=[5, 7])
    assert done.texts == [post(5), post(7)] and done.changed == [0, 1]
    with pytest.raises(ValueError, match="positions has 1 values for 2 texts"):
        remove([texts[5], texts[7]], None, found, positions=[5])


def test_repeated_share():
    texts = [f"Unique line {i} here.\nShared line for all.\nAnother unique {i} line." for i in range(4)]
    texts.append("Alone one.\nAlone two.")
    share = decide(count(texts)).repeated_share
    np.testing.assert_allclose(share, [1 / 3] * 4 + [0.0])


def test_bad_arguments_are_refused():
    with pytest.raises(TypeError, match=r"texts\[1\] is a int"):
        count(["a", 3])
    with pytest.raises(ValueError, match="sources has 1 values for 2 texts"):
        count(["a", "b"], ["x"])
    with pytest.raises(ValueError, match="min_articles=1"):
        decide([], min_articles=1)
    with pytest.raises(ValueError, match="min_share=2"):
        decide([], min_share=2)


# --- quality flags -------------------------------------------------------------------------


def test_quality_measures():
    q = quality.measures([
        "The ferry left the harbour at dawn.\nIt was full of people who had waited all week.",
        "Share | Tweet | Email | #news @example\nclick here",
        "Die Fähre fuhr im Morgengrauen ab.",
        "",
    ])  # fmt: skip
    assert q["n_lines"] == [2, 2, 1, 0]
    assert q["no_stop_share"][:3] == [0.0, 1.0, 0.0] and math.isnan(q["no_stop_share"][3])
    assert q["symbol_ratio"][0] == 0 and q["symbol_ratio"][1] > quality.QUALITY_LIMITS["symbol_ratio"]
    assert q["english_share"][0] > 0.2 and q["english_share"][2] == 0.0
    assert math.isnan(q["english_share"][3])


# --- corpus.load hooks ---------------------------------------------------------------------


def blog_posts(n: int = 24) -> list[str]:
    """Posts built like blog reposts: title, dateline, source line, body, footers."""
    out = []
    for i in range(n):
        out.append(
            f"{headline(i)}\n{i % 28 + 1} Mar, 2016 09:{i % 60:02d}\nExample.com\n\n"
            + post(i, f"READ MORE: {headline(i + 50)}")
            + f"\n\n{FOLLOW}\n{SHARE_BAR}"
        )
    return out


def test_load_removes_boilerplate_and_keeps_it_recoverable():
    df = corpus.load(blog_posts(), progress=False)
    assert list(df.columns[-2:]) == list(corpus.CLEANING_COLUMNS)
    assert df["text"].tolist() == ["\n\n".join(story(i)) for i in range(24)]
    assert df["boilerplate"].iloc[3] == f"READ MORE: {headline(53)}\n{FOLLOW}\n{SHARE_BAR}"
    assert (df["n_chars"] == df["text"].str.len()).all()
    report = corpus.load_report(df)
    rows = report[report["status"] == "boilerplate"]
    assert rows["item"].tolist() == ["(boilerplate)", SHARE_BAR, FOLLOW, "READ MORE: …"]  # most articles, then A-Z
    assert rows["reason"].iloc[1] == "line removed from 24 articles (source: example)"
    assert rows["reason"].iloc[3] == "template removed from 24 articles (source: example)"
    s = corpus.summary(df)
    assert s.boilerplate.to_dict("list") == {
        "line": [SHARE_BAR, FOLLOW, "READ MORE: …"], "kind": ["line", "line", "template"],
        "source": ["example"] * 3, "n_articles": [24, 24, 24],
    }  # fmt: skip
    overview = dict(zip(s.overview["measure"], s.overview["value"]))
    assert overview["boilerplate lines found"] == 3 and overview["articles with boilerplate removed"] == 24


def test_load_can_keep_everything():
    texts = blog_posts()
    kept = corpus.load(texts, progress=False, boilerplate=False)
    assert all(SHARE_BAR in t for t in kept["text"])
    assert (kept["boilerplate"] == "").all() and kept["repeated_share"].isna().all()
    assert (corpus.load_report(kept)["status"] != "boilerplate").all()
    s = corpus.summary(kept)
    assert len(s.boilerplate) == 0
    assert (s.quality["repeated_share"] > 0.3).all()  # measured on the text as it is


def test_load_settings_are_checked():
    with pytest.raises(ValueError, match="unknown setting"):
        corpus.load(["a"], boilerplate={"min_count": 3})
    with pytest.raises(ValueError, match="min_share=5"):
        corpus.load(["a"], boilerplate={"min_share": 5})
    with pytest.raises(ValueError, match="boilerplate='yes'"):
        corpus.load(["a"], boilerplate="yes")
    few = corpus.load(blog_posts(6), progress=False, boilerplate={"min_articles": 5})
    assert not few["text"].str.contains("READ MORE").any()


def test_a_kept_article_is_warned_about_in_the_table_and_report():
    texts = blog_posts() + [f"Lonely title\nExample.com\n\n{FOLLOW}\n{SHARE_BAR}"]
    df = corpus.load(texts, progress=False)
    last = df.iloc[-1]
    assert last["text"] == f"{FOLLOW}\n{SHARE_BAR}" and last["boilerplate"] == ""
    assert boilerplate.KEPT_WARNING in last["warnings"]
    report = corpus.load_report(df)
    assert ((report["item"] == "24") & (report["reason"] == boilerplate.KEPT_WARNING)).sum() == 1


def test_a_line_heading_many_articles_of_unknown_source_is_their_source_line():
    texts = [f"{headline(i)}\n\nValley Courier\n\n{post(i)}" for i in range(20)]
    texts += [f"{headline(i)}\n\n{post(i)}" for i in range(20, 30)]
    df = corpus.load(texts, progress=False)
    assert df["source"].fillna("?").tolist() == ["valleycourier"] * 20 + ["?"] * 10
    assert df["text"].iloc[0] == post(0)


def write_blog_folder(folder, n):
    for i, text in enumerate(blog_posts(n)):
        path = folder / f"g{i % 3}" / f"{i:04d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def same_frames(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))


def test_result_does_not_depend_on_chunksize_or_processes(tmp_path, monkeypatch):
    write_blog_folder(tmp_path, 60)
    (tmp_path / "g2" / "0100.txt").write_text(f"Only furniture\nExample.com\n\n{FOLLOW}\n{SHARE_BAR}")  # kept whole
    whole = corpus.load(tmp_path, progress=False, n_jobs=1)
    assert whole["text"].str.contains("READ MORE|Follow Example").tolist() == [False] * 60 + [True]
    assert (corpus.load_report(whole)["reason"] == boilerplate.KEPT_WARNING).sum() == 1
    monkeypatch.setattr(loading, "_CHUNK_FILES", 7)  # several tasks: the pool is used
    parallel = corpus.load(tmp_path, progress=False, n_jobs=2)
    same_frames(whole, parallel)
    pd.testing.assert_frame_equal(corpus.load_report(whole), corpus.load_report(parallel))
    for size in (1, 13, 60, 100):
        chunks = list(corpus.load(tmp_path, progress=False, chunksize=size, n_jobs=2))
        same_frames(pd.concat(chunks, ignore_index=True), whole)
        reports = pd.concat([corpus.load_report(c) for c in chunks], ignore_index=True)
        assert sorted(map(tuple, reports.to_numpy())) == sorted(map(tuple, corpus.load_report(whole).to_numpy()))
        assert corpus.load_report(chunks[-1])["item"].iloc[-1] == "READ MORE: …"  # the lines come last


def test_to_parquet_keeps_the_cleaned_text_and_the_lines(tmp_path):
    write_blog_folder(tmp_path / "in", 30)
    store = corpus.to_parquet(tmp_path / "in", tmp_path / "out", partition_size=8, progress=False)
    back = corpus.load(store)
    same_frames(back, corpus.load(tmp_path / "in", progress=False))
    assert corpus.summary(back).boilerplate["line"].tolist() == [SHARE_BAR, FOLLOW, "READ MORE: …"]


def test_source_aliases_travel_to_the_workers(tmp_path, monkeypatch, aliases):
    write_blog_folder(tmp_path, 30)
    articles.register_source("example.com", "example daily")
    monkeypatch.setattr(loading, "_CHUNK_FILES", 7)
    df = corpus.load(tmp_path, progress=False, n_jobs=2)
    assert set(df["source"]) == {"example daily"}
    assert set(corpus.summary(df).boilerplate["source"]) == {"example daily"}


# --- the shared corpora ----------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.shared
def test_bbc_loses_at_most_a_thousandth_of_its_sentences(bbc):
    from analysis import sentences

    n_sentences = sum(len(sentences.spans(t)) for t in bbc["text"])
    removed = [line for b in bbc["boilerplate"] if b for line in b.split("\n")]
    assert len(removed) <= 0.001 * n_sentences


@pytest.mark.slow
@pytest.mark.shared
def test_news2017_credits_are_gone(news2017):
    from analysis import terms

    names = terms.mentions(news2017, progress=False).head(25)
    assert "Getty Images" not in set(names["name"])
    top = terms.term_frequencies(news2017, progress=False).head(100)
    assert not {"featured", "image", "images", "getty"} & set(top["term"])
    lines = corpus.summary(news2017).boilerplate
    assert lines.loc[lines["kind"] == "template", "line"].str.startswith("Featured image").any()
    # no sentence of prose among the removed: each removed piece is a credit or a link label
    removed = {line for b in news2017["boilerplate"] if b for line in b.split("\n")}
    assert all(re.match(r"(?i)(featured|photo|image|read more)", line) for line in removed)
