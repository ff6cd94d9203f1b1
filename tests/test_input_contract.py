"""One input contract for every public function (analysis/_input.py): the doc_id rule, the missing
group, period aliases, bare strings and validators, checked across corpus, terms, sentences and topics."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import _input, corpus, plots, sentences, terms, topics

TEXTS = [
    "The striker scored a late goal. The match ended in a draw.",
    "The bank raised interest rates. Markets fell on the news.",
    "The striker missed a penalty. The goal came too late.",
    "The central bank cut interest rates again. Markets rose.",
]


@pytest.fixture
def filtered():
    """A corpus table without doc_id whose index is not 0..n-1, as after filtering a larger one."""
    return pd.DataFrame({
        "text": TEXTS,
        "source": ["wire", None, "wire", "paper"],
        "date": pd.to_datetime(["2017-01-05", "2017-01-20", "2017-02-03", "2017-03-30"]),
    }, index=[10, 11, 12, 13])


# --- doc_id -----------------------------------------------------------------------------

def test_doc_id_rule_is_the_same_in_every_module(filtered):
    expected = {"10", "11", "12", "13"}
    assert set(terms.kwic(filtered, "the")["doc_id"]) == expected
    assert set(terms.mentions(filtered.assign(text=["Ana Lima spoke. " + t for t in TEXTS]), by="doc_id",
                              progress=False)["doc_id"]) == expected
    assert set(sentences.article_stats(filtered, progress=False)["doc_id"]) == expected
    assert set(sentences.sentence_table(filtered, progress=False)["doc_id"]) == expected
    quoted = filtered.assign(text=["“Yes,” Ana Lima said. " + t for t in TEXTS])
    assert set(sentences.quotes(quoted, progress=False)["doc_id"]) == expected
    assert set(topics.cluster(filtered, k=2, progress=False).articles["doc_id"]) == expected
    twice = pd.concat([filtered, filtered.set_axis([20, 21, 22, 23])])
    assert set(corpus.find_duplicates(twice)["doc_id"]) == {"20", "21", "22", "23"}


def test_a_doc_id_column_wins_over_the_index(filtered):
    named = filtered.assign(doc_id=["a", "b", "c", "d"])
    assert sentences.article_stats(named, progress=False)["doc_id"].tolist() == ["a", "b", "c", "d"]
    assert terms.kwic(named, "striker")["doc_id"].tolist() == ["a", "c"]
    assert topics.cluster(named, k=2, progress=False).articles["doc_id"].tolist() == ["a", "b", "c", "d"]


def test_lists_and_series_number_their_texts():
    assert sentences.article_stats(TEXTS[:2], progress=False)["doc_id"].tolist() == ["0", "1"]
    assert terms.kwic(pd.Series(TEXTS[:2], index=[5, 6]), "the")["doc_id"].unique().tolist() == ["5", "6"]


# --- the missing group ---------------------------------------------------------------------

def test_missing_group_has_one_name_everywhere(filtered):
    name = _input.MISSING_GROUP
    assert name in set(terms.term_frequencies(filtered, by="source", progress=False)["source"])
    assert name in set(terms.distinctive_terms(filtered, "source", progress=False)["source"])
    assert name in set(terms.trends(filtered, "bank", by="source", progress=False)["source"])
    stats = sentences.article_stats(filtered, keep="source", progress=False)
    assert name in set(sentences.compare(stats, "source")["group"])
    named = filtered.assign(text=["“Yes,” Ana Lima said. " + t for t in TEXTS])
    assert name in set(terms.mentions(named, by="source", progress=False)["source"])
    quoted = sentences.quotes(named, keep="source", progress=False)
    assert name in set(sentences.speakers(quoted, by="source")["source"])
    result = topics.cluster(filtered, k=2, progress=False)
    assert name in set(topics.topics_by(result, filtered, by="source")["group"])
    loaded = corpus.load(filtered.assign(title="t"), progress=False)
    assert name in set(corpus.summary(loaded).by_source["source"])
    ax = plots.readability_by_group(stats, by="source")
    assert name in [t.get_text() for t in ax.get_xticklabels()]


def test_missing_group_sorts_last_and_can_be_the_target(filtered):
    table = terms.term_frequencies(filtered, by="source", progress=False)
    assert table["source"].drop_duplicates().tolist() == ["paper", "wire", _input.MISSING_GROUP]
    named = filtered.assign(text=["Ana Lima spoke. " + t for t in TEXTS])
    mentioned = terms.mentions(named, by="source", progress=False)
    assert mentioned["source"].tolist() == ["paper", "wire", _input.MISSING_GROUP]
    by_name = terms.keyness(filtered, _input.MISSING_GROUP, by="source", progress=False)
    by_none = terms.keyness(filtered, None, by="source", progress=False)
    pd.testing.assert_frame_equal(by_name, by_none)


def test_missing_numbers_and_dates_stay_missing():
    df = pd.DataFrame({"text": ["a vote", "a goal", "a vote"], "year": [2017.0, None, 2017.0]})
    table = terms.term_frequencies(df, by="year", progress=False)
    assert table["year"].isna().sum() == 1 and table["year"].iloc[-1] != table["year"].iloc[-1]


# --- periods ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("alias", "period"), [("ME", "M"), ("QE", "Q"), ("YE", "Y"), ("MS", "M"), ("A", "Y")])
def test_period_aliases_work_in_every_module(filtered, alias, period):
    loaded = corpus.load(filtered.assign(title="t"), progress=False)
    pd.testing.assert_frame_equal(corpus.summary(loaded, freq=alias).by_period,
                                  corpus.summary(loaded, freq=period).by_period)
    pd.testing.assert_frame_equal(terms.trends(filtered, "bank", freq=alias, progress=False),
                                  terms.trends(filtered, "bank", freq=period, progress=False))
    result = topics.cluster(filtered, k=2, progress=False)
    pd.testing.assert_frame_equal(topics.topics_over_time(result, filtered, freq=alias),
                                  topics.topics_over_time(result, filtered, freq=period))


def test_a_bad_period_is_refused_the_same_way(filtered):
    result = topics.cluster(filtered, k=2, progress=False)
    loaded = corpus.load(filtered.assign(title="t"), progress=False)
    for call in (lambda: terms.trends(filtered, "bank", freq="fortnight", progress=False),
                 lambda: corpus.summary(loaded, freq="fortnight"),
                 lambda: topics.topics_over_time(result, filtered, freq="fortnight")):
        with pytest.raises(ValueError, match="freq='fortnight' is not a period"):
            call()


# --- bad input ----------------------------------------------------------------------------------

@pytest.mark.parametrize("call", [
    lambda s: terms.term_frequencies(s, progress=False),
    lambda s: terms.collocations(s, progress=False),
    lambda s: terms.kwic(s, "x"),
    lambda s: terms.mentions(s, progress=False),
    lambda s: sentences.quotes(s, progress=False),
    lambda s: sentences.article_stats(s, progress=False),
    lambda s: sentences.sentence_table(s, progress=False),
    lambda s: topics.cluster(s, k=2, progress=False),
    lambda s: topics.choose_k(s, progress=False),
    lambda s: corpus.find_duplicates(s),
], ids=["term_frequencies", "collocations", "kwic", "mentions", "quotes", "article_stats", "sentence_table",
        "cluster", "choose_k", "find_duplicates"])
def test_a_bare_string_is_refused_with_one_error(call):
    with pytest.raises(TypeError, match="single string"):
        call("One article, not a list of them.")


NOT_TEXTS = [lambda s: terms.term_frequencies(s, progress=False),
             lambda s: terms.collocations(s, min_count=1, progress=False),
             lambda s: terms.kwic(s, "goal"),
             lambda s: terms.mentions(s, progress=False),
             lambda s: sentences.quotes(s, progress=False),
             lambda s: sentences.article_stats(s, progress=False),
             lambda s: sentences.sentence_table(s, progress=False),
             lambda s: topics.TopicModel(2, random_state=0).fit(s).labels_]


@pytest.mark.parametrize("call", NOT_TEXTS, ids=["term_frequencies", "collocations", "kwic", "mentions", "quotes",
                                                  "article_stats", "sentence_table", "TopicModel"])
@pytest.mark.parametrize("kind", ["list", "frame"])
def test_a_value_that_is_no_text_counts_as_empty_with_a_warning(call, kind):
    bad = [*TEXTS, 2017, b"The bank cut rates.", None]
    good = [*TEXTS, "", "", None]
    wrap = (lambda t: t) if kind == "list" else (
        lambda t: pd.DataFrame({"text": pd.Series(t, dtype=object), "doc_id": [f"a{i}" for i in range(len(t))]}))
    with pytest.warns(UserWarning, match="not strings") as caught:
        got = call(wrap(bad))
    message = str(next(w.message for w in caught if "not strings" in str(w.message)))
    assert "2 of 7 texts" in message and "(int)" in message and "(bytes)" in message
    assert f"doc_id '{'a4' if kind == 'frame' else '4'}' (int)" in message
    expected = call(wrap(good))
    if isinstance(got, pd.DataFrame):
        pd.testing.assert_frame_equal(got, expected)
    else:
        assert list(got) == list(expected)


def test_a_generator_is_checked_as_it_is_read():
    texts = (t for t in [*TEXTS, 3.5, *TEXTS])
    with pytest.warns(UserWarning, match=r"1 of 9 texts are not strings .*doc_id '4' \(float\)"):
        got = terms.term_frequencies(texts, progress=False)
    pd.testing.assert_frame_equal(got, terms.term_frequencies([*TEXTS, None, *TEXTS], progress=False))


@pytest.mark.parametrize("call", [
    lambda n: terms.term_frequencies(TEXTS, n_jobs=n, progress=False),
    lambda n: sentences.article_stats(TEXTS, n_jobs=n, progress=False),
    lambda n: terms.mentions(TEXTS, n_jobs=n, progress=False),
    lambda n: sentences.quotes(TEXTS, n_jobs=n, progress=False),
    lambda n: corpus.load(TEXTS, n_jobs=n, progress=False),
], ids=["term_frequencies", "article_stats", "mentions", "quotes", "load"])
def test_n_jobs_means_the_same_everywhere(call):
    for n_jobs in (None, -1, 1, 2):
        assert isinstance(call(n_jobs), pd.DataFrame)
    for bad in (0, -2, 1.5, True):
        with pytest.raises(ValueError, match=rf"n_jobs={bad!r}; pass None \(automatic\), -1"):
            call(bad)


def test_validators_quote_the_value_and_say_what_to_pass():
    with pytest.raises(ValueError, match=r"min_count=0; pass a whole number >= 1"):
        terms.term_frequencies(TEXTS, min_count=0, progress=False)
    with pytest.raises(ValueError, match=r"window=1; pass a whole number >= 2"):
        sentences.article_stats(TEXTS, window=1, progress=False)
    with pytest.raises(ValueError, match=r"method='x'; pass one of 'g2', 'npmi'"):
        terms.collocations(TEXTS, method="x", progress=False)
    with pytest.raises(ValueError, match=r"method='x'; pass one of 'kmeans', 'nmf'"):
        topics.cluster(TEXTS, k=2, method="x", progress=False)

