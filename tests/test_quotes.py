"""Tests of who is quoted: quotation marks (analysis.text.quote_marks), speakers (analysis.sentences.quotes,
sentences.quotes and sentences.speakers) and plots.top_speakers."""

from __future__ import annotations

import time
import warnings
from dataclasses import replace

import pandas as pd
import pytest

from analysis import _parallel, plots, sentences
from analysis.sentences import quote_rules
from analysis.sentences.quotes import attribute
from analysis.text.quote_marks import find_quotations, quotation_text
from quote_gold import cases, held_out, score, tuning  # tests/ is on sys.path (rootdir conftest)


def _quotes(texts, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sentences.QuoteWarning)
        return sentences.quotes(texts, progress=False, **kwargs)


# --- finding quotations -----------------------------------------------------------------------


@pytest.mark.parametrize("text,expected,unbalanced", [
    ('“A,” he said. "B," she said. «C» «D»', ["A,", "B,", "C", "D"], 0),
    # a mixed pair: curly open, straight close
    ('“We will go," he said.', ["We will go,"], 0),
    # nested single quotes stay inside
    ("“He said ‘no’ twice,” she said.", ["He said ‘no’ twice,"], 0),
    # over paragraphs: the next paragraph reopens the quotation
    ("“One.\n\n“Two,” he said.", ["One. Two,"], 0),
    # paragraphs flattened into one line
    ("“One. “Two,” he said.", ["One. Two,"], 0),
    # left open at a paragraph's end: stops there, counted as unbalanced
    ("“Open ended\n\nNext paragraph.", ["Open ended"], 1),
    # a closing mark with nothing open; an inch mark
    ('He is 6\'2" tall. "Yes," he said.', ["Yes,"], 1),
    # markup attributes are not quotations
    ('<font size="-2">text</font> "Real," she said.', ["Real,"], 0),
    # single marks count only without any double mark
    ("Workers say they are 'angry' at the plan", ["angry"], 0),
    ("The players' union said \"no\" to 'reform'", ["no"], 0),
    ("", [], 0),
    ('""', [], 0),
])
def test_find_quotations(text, expected, unbalanced):
    found, n = find_quotations(text)
    assert [quotation_text(text, q) for q in found] == expected
    assert n == unbalanced
    for q in found:
        assert 0 <= q.start < q.end <= len(text)


def test_find_quotations_is_linear_on_hostile_input():
    for text in ["“" * 100_000, '"' * 100_000, "“a " * 30_000, "He said “x" * 10_000]:
        started = time.perf_counter()
        find_quotations(text)
        attribute(text)
        assert time.perf_counter() - started < 30  # seconds, not hours: no quadratic blow-up


# --- attribution: every layout of issue 14 --------------------------------------------------------


def _plain(column):
    return [None if pd.isna(value) else value for value in column]


def _one(text):
    table = _quotes([text])
    return list(zip(table["quote"], _plain(table["speaker"]), _plain(table["entity"]), _plain(table["cue"]),
                    table["kind"]))


@pytest.mark.parametrize("text,expected", [
    # "...," Putin said.
    ("Nadia Sorel arrived. “We won,” Sorel said.", [("We won,", "Sorel", "Nadia Sorel", "said", "direct")]),
    # Putin said: "..."
    ("Minister Ivo Dane said: “Taxes will fall.”", [("Taxes will fall.", "Minister Ivo Dane", "Ivo Dane", "said",
                                                      "direct")]),
    # "...," said Putin, the president.
    ("“No deal,” said Ivo Dane, the minister.", [("No deal,", "Ivo Dane", "Ivo Dane", "said", "direct")]),
    # "..." — he added.
    ("“Yes,” Ivo Dane said. “Then no” — he added.",
     [("Yes,", "Ivo Dane", "Ivo Dane", "said", "direct"), ("Then no", "he", "Ivo Dane", "added", "direct")]),
    # according to
    ("“Rates will rise,” according to Mara Lind, an economist.",
     [("Rates will rise,", "Mara Lind", "Mara Lind", "according to", "direct")]),
    # title and affiliation
    ("“Two depots fell,” Valdor Army spokesman Yuri Kolt said.",
     [("Two depots fell,", "Valdor Army spokesman Yuri Kolt", "Yuri Kolt", "said", "direct")]),
    # organisations speak; "it" and "the statement" stand for them
    ("The Valdor Rail Company said fares would rise. “Costs rose,” the statement said. "
     "“We are sorry,” it said.",
     [("Costs rose,", "the statement", "Valdor Rail Company", "said", "direct"),
      ("We are sorry,", "it", "Valdor Rail Company", "said", "direct")]),
    # a partial quotation, and a scare quote with nobody speaking
    ("Critic Lena Voss called it “a disaster”. The so-called “reform” passed.",
     [("a disaster", "Critic Lena Voss", "Lena Voss", "called", "partial"),
      ("reform", None, None, None, "partial")]),
    # told Reuters: Reuters heard it
    ("“We erred,” Pia Holt told Reuters.", [("We erred,", "Pia Holt", "Pia Holt", "told", "direct")]),
    # a full quotation right after an attributed one continues its speaker, without a cue
    ("“First,” Pia Holt said. “Second.”", [("First,", "Pia Holt", "Pia Holt", "said", "direct"),
                                           ("Second.", "Pia Holt", "Pia Holt", None, "direct")]),
])
def test_layouts(text, expected):
    assert _one(text) == expected


def test_pronouns_follow_gender_and_last_speaker():
    text = ("Mr Okafor met Ms Adeyemi. “It went well,” Adeyemi said. “It did not,” Okafor said. "
            "“I am hopeful,” she added. “I am not,” he said.")
    entities = _one(text)
    assert [e[2] for e in entities] == ["Adeyemi", "Okafor", "Adeyemi", "Okafor"]


def test_columns_keep_and_offsets():
    df = pd.DataFrame({"doc_id": ["x", "y"], "source": ["s1", "s2"],
                       "text": ["“A,” Pia Holt said.", "Nothing quoted here."]})
    table = _quotes(df, keep="source")
    assert list(table.columns) == ["doc_id", "source", *sentences.QUOTE_COLUMNS[1:]]
    assert table["source"].tolist() == ["s1"]
    text = df["text"][0]
    assert text[table["start"][0] : table["end"][0]] == "“A,”"
    with pytest.raises(ValueError, match="no column 'label'"):
        sentences.quotes(df, keep="label", progress=False)
    with pytest.raises(TypeError, match="single string"):
        sentences.quotes("“A,” he said.", progress=False)


def test_bad_input_never_crashes_and_warns_on_unbalanced_marks():
    texts = [
        "",
        None,
        "No quotation at all.",
        "“Left open and never closed, the whole article goes on.\n\nAnd on.",  # unbalanced
        "“A whole article in one quotation, start to end.”",
        "Trump couldn t say  the fake news media  he tweeted",  # Fake.csv: marks and apostrophes stripped
        "“" * 50 + "”" * 50,
    ]
    with pytest.warns(sentences.QuoteWarning, match=r"do not pair up in \d+ article\(s\) \('3'"):
        table = sentences.quotes(texts, progress=False)
    whole = table[table["doc_id"] == "4"]
    assert whole["quote"].tolist() == ["A whole article in one quotation, start to end."]
    # never a quotation across articles: each row lies inside its own text
    for doc_id, start, end in zip(table["doc_id"], table["start"], table["end"]):
        text = texts[int(doc_id)]
        assert 0 <= start < end <= len(text)
    assert table[table["doc_id"].isin(["0", "1", "2", "5"])].empty


def test_rules_are_passed_to_the_workers(monkeypatch):
    monkeypatch.setattr(_parallel, "CHUNK_CHARS", 300)
    texts = ["“We stay,” Ola Berg mumbled."] * 40
    default = _quotes(texts, n_jobs=2)
    assert default["speaker"].isna().all()
    rules = replace(quote_rules.DEFAULT_RULES, cues=quote_rules.CUES | {"mumbled"})
    custom = _quotes(texts, rules=rules, n_jobs=2)
    assert custom["entity"].tolist() == ["Ola Berg"] * 40
    with pytest.raises(TypeError, match="QuoteRules"):
        sentences.quotes(texts, rules="strict", progress=False)


# --- the gold set -------------------------------------------------------------------------------


def _gold_scores(raw):
    table = _quotes([t for t, _ in raw], n_jobs=1)
    return score(raw, table)


def test_gold_set_size_and_layouts():
    everything = cases()
    assert sum(len(expected) for _, expected in everything) >= 150
    assert sum(len(expected) for _, expected in held_out()) >= 25


def test_gold_tuning_scores():
    s = _gold_scores(tuning())
    assert s["f1"] >= 0.95
    assert s["speaker_accuracy"] >= 0.85


def test_gold_held_out_scores():
    s = _gold_scores(held_out())
    assert s["f1"] >= 0.95
    assert s["speaker_accuracy"] >= 0.85


# --- who is quoted ---------------------------------------------------------------------------------


def test_speakers_per_group():
    df = pd.DataFrame({
        "doc_id": ["a", "b", "c"],
        "source": ["north", "north", None],
        "text": ["“We won the vote,” Ana Costa said. “Yes.”",
                 "“No,” Ana Costa said. “Maybe,” Yusuf Karim said.",
                 "“Hello there,” Ana Costa said. The “so-called” plan."],
    })
    table = _quotes(df)
    counts = sentences.speakers(table, by="source", data=df)
    assert list(counts.columns) == ["source", *sentences.SPEAKER_COLUMNS]
    north = counts[counts["source"] == "north"].set_index("entity")
    assert north.loc["Ana Costa", ["n_quotes", "n_words", "n_articles"]].tolist() == [3, 6, 2]
    assert north.loc["Ana Costa", "share"] == pytest.approx(3 / 4)
    missing = counts[counts["source"] == "(unknown)"]
    assert missing["entity"].tolist() == ["Ana Costa"] and missing["share"].tolist() == [0.5]
    overall = sentences.speakers(table)
    assert overall["entity"].tolist()[0] == "Ana Costa" and list(overall.columns) == sentences.SPEAKER_COLUMNS
    with pytest.raises(ValueError, match="neither in the table nor in data"):
        sentences.speakers(table, by="label")
    # the n most quoted per group
    top = sentences.speakers(table, by="source", data=df, n=1)
    assert top[["source", "entity"]].values.tolist() == [["north", "Ana Costa"], ["(unknown)", "Ana Costa"]]
    with pytest.raises(ValueError, match="n=0"):
        sentences.speakers(table, n=0)


def test_a_source_column_without_values_is_the_unknown_group():
    df = pd.DataFrame({"text": ["“We won,” Ana Costa said.", "“No,” Ana Costa said."],
                       "source": pd.Series([None, None], dtype="str")})
    table = _quotes(df, keep="source")
    assert table["source"].dtype == df["source"].dtype
    for counts in (sentences.speakers(table, by="source"),
                   sentences.speakers(table.drop(columns="source"), by="source", data=df)):
        assert counts["source"].tolist() == ["(unknown)"] and counts["n_quotes"].tolist() == [2]


def test_top_speakers_plot():
    table = pd.DataFrame({"entity": ["Ana Costa", "Yusuf Karim", "Eva Lind"], "n_quotes": [4, 2, 1],
                          "n_words": [40, 12, 3], "n_articles": [2, 1, 1], "share": [0.5, 0.25, 0.125]})
    ax = plots.top_speakers(table, n=2, value="n_words")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Ana Costa", "Yusuf Karim"]
    assert [p.get_width() for p in ax.patches] == [40, 12]
    assert ax.get_xlabel() == "quoted words" and ax.get_title() == "Most quoted speakers"
    empty = plots.top_speakers(table.iloc[:0])
    assert empty.texts[0].get_text() == "no quoted speaker"
    with pytest.raises(ValueError, match="value='words'"):
        plots.top_speakers(table, value="words")


# --- the shared corpora ------------------------------------------------------------------------------


def test_seed_statement_is_the_ministry(seed_dir):
    from analysis import corpus

    df = corpus.load(seed_dir, progress=False)
    table = _quotes(df)
    statement = table[table["quote"].str.startswith("Syrian army units led by General Suheil al-Hassan")]
    assert statement["speaker"].tolist() == ["the statement"]
    assert statement["entity"].tolist() == ["Russian Defense Ministry"]
    assert table[table["quote"].str.startswith("We’re talking")]["entity"].tolist() == ["Donald Trump"]


@pytest.mark.slow
def test_reuters_top_speakers_are_people_and_institutions(news2017):
    table = _quotes(news2017, keep="source")
    top = sentences.speakers(table, by="source")
    reuters = top[top["source"] == "reuters"].head(15)["entity"].tolist()
    assert reuters[0] == "Donald Trump"
    lowered = {e.lower() for e in reuters}
    assert not lowered & {"he", "she", "it", "they", "we", "reuters"}
    assert not [e for e in reuters if "Reuters" in e]


@pytest.mark.slow
def test_bbc_and_ag_news_run_clean(bbc):
    from analysis import corpus
    from conftest import CORPORA

    table = _quotes(bbc)
    assert len(table) > 5_000 and table["entity"].notna().mean() > 0.5
    path = CORPORA / "ag_news" / "test.csv"
    if path.exists():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ag = corpus.load(path, progress=False)
        ag_table = _quotes(ag)
        # markup attributes (size="-2") are not quotations
        assert not ag_table["quote"].isin(["-2", "#666666"]).any()
