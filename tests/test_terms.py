"""Tests of analysis.terms (tokeniser, counts, phrases, keyness, trends, kwic, mentions) and its plots."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2, chi2_contingency

from analysis.text import coded_words, count_matrix, stop_words
from analysis.terms import corpus_counts, distinctive
from analysis import _parallel, plots, terms

# --- tokenize ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Putin’s talks", ["putin", "talks"]),  # curly apostrophe, possessive
        ("Putin's talks", ["putin", "talks"]),
        ("Abu-Kamal and al-Hassan", ["abu-kamal", "al-hassan"]),
        ("the U.S. and the U.N.", ["u.s.", "u.n."]),
        ("They didn't and couldn’t", ["didn't", "couldn't"]),
        ("In 2017, 1,000 people paid 3.5%", ["people", "paid"]),
        ("Trump s speech, don t", ["trump", "speech", "don"]),  # lost apostrophes leave single letters
        ("!!! ... --- ???", []),
        ("", []),
        ("Путин встретил Асада", ["путин", "встретил", "асада"]),
    ],
)
def test_tokenize_news_rules(text, expected):
    assert terms.tokenize(text) == expected


def test_tokenize_options():
    assert terms.tokenize("In 2017 the U.S. paid 1,000", keep_numbers=True) == ["2017", "u.s.", "paid", "1,000"]
    assert terms.tokenize("The cat", stopwords=None) == ["the", "cat"]
    assert terms.tokenize("The cat said", stopwords={"cat"}) == ["the", "said"]
    extended = terms.tokenize("the cat said", stopwords=stop_words("english") | {"said"})
    assert extended == ["cat"]
    assert terms.tokenize("It's a x", token_pattern=r"(?u)\b\w\w+\b", stopwords=None) == ["it"]


def test_tokenize_bad_options():
    with pytest.raises(ValueError, match="stopwords='french'"):
        terms.tokenize("x", stopwords="french")
    with pytest.raises(ValueError, match=r"token_pattern='\(unclosed'"):
        terms.tokenize("x", token_pattern="(unclosed")


def test_words_keep_case_and_numbers():
    assert terms.words("The U.S. paid $1,000.50 to O’Neill") == ["The", "U.S.", "paid", "1,000.50", "to", "O'Neill"]


# --- term_frequencies ----------------------------------------------------------------

TEXTS = [
    "Putin met Assad in Damascus. Assad thanked Putin.",
    "Putin's talks with the U.S. failed.",
    "",
    "!!! 2017 ...",
]


def test_term_frequencies_counts_by_hand():
    table = terms.term_frequencies(TEXTS, progress=False)
    assert list(table.columns) == ["term", "count", "doc_count", "per_10k"]
    assert isinstance(table.index, pd.RangeIndex)
    got = table.set_index("term")
    # tokens: putin met assad damascus assad thanked putin | putin talks u.s. failed = 11
    assert got.loc["putin", "count"] == 3 and got.loc["putin", "doc_count"] == 2
    assert got.loc["assad", "count"] == 2 and got.loc["assad", "doc_count"] == 1
    assert got.loc["u.s.", "count"] == 1
    assert got.loc["putin", "per_10k"] == pytest.approx(3 / 11 * 1e4)
    assert table["count"].sum() == 11
    assert table["count"].is_monotonic_decreasing


def test_term_frequencies_empty_and_junk_texts_give_no_rows():
    table = terms.term_frequencies(["", "!!! ?", "2017 1,000", None], progress=False)
    assert table.empty and list(table.columns) == terms.FREQUENCY_COLUMNS


def test_term_frequencies_by_group_blocks_first_columns_and_missing_group():
    df = pd.DataFrame({"text": ["vote vote ballot", "goal", "vote goal"], "src": ["a", None, "a"]})
    table = terms.term_frequencies(df, by="src", progress=False)
    assert list(table.columns) == ["src", "term", "count", "doc_count", "per_10k"]
    # the one missing-group policy: a missing text value is the group "(unknown)", sorted last
    assert table["src"].tolist() == ["a", "a", "a", "(unknown)"]
    a = table[table["src"] == "a"].set_index("term")
    assert a.loc["vote", "count"] == 3 and a.loc["vote", "doc_count"] == 2
    assert a.loc["vote", "per_10k"] == pytest.approx(3 / 5 * 1e4)
    missing = table[table["src"] == "(unknown)"]
    assert missing["term"].tolist() == ["goal"] and missing["per_10k"].tolist() == [1e4]


def test_term_frequencies_by_several_columns():
    df = pd.DataFrame({"text": ["vote", "goal", "vote"], "a": ["x", "x", "y"], "b": [1, 2, 1]})
    table = terms.term_frequencies(df, by=["a", "b"], progress=False)
    assert list(table.columns[:2]) == ["a", "b"]
    assert table[["a", "b", "term"]].values.tolist() == [["x", 1, "vote"], ["x", 2, "goal"], ["y", 1, "vote"]]


def test_by_missing_column_names_the_columns():
    df = pd.DataFrame({"text": ["a b"], "source": ["x"]})
    with pytest.raises(ValueError, match=r"no column 'sourse'.*'text', 'source'"):
        terms.term_frequencies(df, by="sourse", progress=False)
    with pytest.raises(ValueError, match="'text', 'source'"):
        terms.keyness(df, "x", by="label", progress=False)
    with pytest.raises(ValueError, match="'text', 'source'"):
        terms.distinctive_terms(df, "label", progress=False)
    with pytest.raises(ValueError, match="'text', 'source'"):
        terms.trends(df.assign(date=pd.Timestamp("2017-01-01")), "a", by="nope", progress=False)


def test_bad_data_arguments():
    with pytest.raises(TypeError, match="single string"):
        terms.term_frequencies("just one text", progress=False)
    with pytest.raises(ValueError, match="no 'text' column"):
        terms.term_frequencies(pd.DataFrame({"body": ["x"]}), progress=False)
    with pytest.raises(ValueError, match="min_count=0"):
        terms.term_frequencies(["x"], min_count=0, progress=False)
    with pytest.raises(ValueError, match=r"ngram_range=\(2, 1\)"):
        terms.term_frequencies(["x"], ngram_range=(2, 1), progress=False)
    with pytest.raises(ValueError, match="n_jobs=0"):
        terms.term_frequencies(["x"] * 3, n_jobs=0, progress=False)


def test_min_count():
    table = terms.term_frequencies(["vote vote goal"], min_count=2, progress=False)
    assert table["term"].tolist() == ["vote"]


def test_ngrams_stay_inside_sentences_and_articles():
    texts = ["Prime minister spoke here. Next day came.", "Minister left"]
    table = terms.term_frequencies(texts, ngram_range=(2, 2), stopwords=None, progress=False)
    grams = set(table["term"])
    assert {"prime minister", "minister spoke", "spoke here", "next day", "day came", "minister left"} == grams
    assert "here next" not in grams and "came minister" not in grams


def test_ngrams_skip_stopword_edges_and_numbers_but_keep_inner_stopwords():
    text = "The secretary of state met in 2017 with the prime minister."
    table = terms.term_frequencies([text], ngram_range=(1, 3), progress=False)
    grams = set(table["term"])
    assert {"secretary of state", "prime minister", "secretary", "state"} <= grams
    assert not any(g.startswith(("the ", "of ")) or g.endswith((" of", " the")) for g in grams)
    assert not any("2017" in g for g in grams)
    assert "didn't say" in set(
        terms.term_frequencies(["They didn't say"], ngram_range=(2, 2), progress=False)["term"]
    )


def test_ngram_range_counts_unigrams_too():
    table = terms.term_frequencies(["prime minister"], ngram_range=(1, 2), progress=False)
    assert sorted(table["term"]) == ["minister", "prime", "prime minister"]
    # per_10k is per 10,000 (unigram) tokens, for n-grams too
    assert table.set_index("term").loc["prime minister", "per_10k"] == pytest.approx(5000)


CORPUS = [
    "Putin met Assad in Damascus. Assad thanked Putin.",
    "The U.S.-led coalition “struck” Abu-Kamal — again… O’Neill’s team didn’t comment.",
    "Trump’s tweet: “FAKE NEWS!” #MAGA @realDonaldTrump 3.5% of 1,000",
    "Путин встретился с Асадом. 北京 Ελλάδα",
    "",
] * 7


@pytest.mark.parametrize("options", [{}, {"token_pattern": terms.SKLEARN_TOKEN_PATTERN, "stopwords": None},
                                     {"keep_numbers": True}, {"stopwords": None}])
def test_fast_path_equals_tokenize(options):
    table = terms.term_frequencies(CORPUS, progress=False, n_jobs=1, **options)
    count, docs = {}, {}
    for text in CORPUS:
        found = terms.tokenize(text, **options)
        for t in found:
            count[t] = count.get(t, 0) + 1
        for t in set(found):
            docs[t] = docs.get(t, 0) + 1
    assert dict(zip(table["term"], table["count"])) == count
    assert dict(zip(table["term"], table["doc_count"])) == docs


@pytest.mark.parametrize("text", CORPUS + [
    "A`b c\x01d\x00e --- U.S.-led 1,000.5, “quoted”—dash… x\u2009y O’Neill's \ud800z",
    "---", "", "   ", "word/word/word", "a.b.c.d. 3.5.6 e's f'-g",
])
def test_coded_words_equal_words(text):
    # article_stats counts words through this faster path; it must be words().
    codes, uniques = coded_words(text)
    assert [uniques[c] for c in codes] == terms.words(text)
    assert len(set(uniques)) == len(uniques)


def test_count_matrix_equals_count_vectorizer():
    from sklearn.feature_extraction.text import CountVectorizer

    vectorizer = CountVectorizer(analyzer=terms.tokenize)
    expected = vectorizer.fit_transform(CORPUS)
    counts, found = count_matrix(CORPUS)
    assert found == list(vectorizer.get_feature_names_out())
    assert counts.dtype == np.int64 and counts.has_sorted_indices and (counts != expected).nnz == 0
    # A fixed vocabulary: its columns only, unknown terms left out.
    vocabulary = ["assad", "putin", "zzz"]
    counts, found = count_matrix(CORPUS, vocabulary)
    assert found == vocabulary
    assert (counts != CountVectorizer(analyzer=terms.tokenize, vocabulary=vocabulary).transform(CORPUS)).nnz == 0
    assert count_matrix([])[0].shape == (0, 0)


def test_coded_words_on_random_text():
    rng = np.random.default_rng(0)
    alphabet = list("ab AB.,'-\u2019\u2018`_19\n\t\u2014\u2013\u2026\u201c\u201d\xa0\u00e9/$%()\x00\x01")
    for _ in range(3000):
        text = "".join(rng.choice(alphabet, size=rng.integers(0, 40)))
        codes, uniques = coded_words(text)
        assert [uniques[c] for c in codes] == terms.words(text), repr(text)


def test_generic_pattern_path_equals_fast_path():
    fast = terms.term_frequencies(CORPUS, token_pattern=r"(?u)\b\w\w+\b", stopwords=None, progress=False)
    # The same tokens from a pattern the fast path does not know.
    slow = terms.term_frequencies(CORPUS, token_pattern=r"(?u)\b[^\W]\w+\b", stopwords=None, progress=False)
    pd.testing.assert_frame_equal(fast, slow)


def test_process_pool_and_generator_give_the_same_counts(monkeypatch):
    expected = terms.term_frequencies(CORPUS, progress=False, n_jobs=1)
    monkeypatch.setattr(_parallel, "CHUNK_CHARS", 200)  # many batches, so the pool runs
    pooled = terms.term_frequencies(CORPUS, progress=False, n_jobs=2)
    streamed = terms.term_frequencies((t for t in CORPUS), progress=False, n_jobs=2)
    pd.testing.assert_frame_equal(expected, pooled)
    pd.testing.assert_frame_equal(expected, streamed)
    by_pool = terms.term_frequencies(pd.DataFrame({"text": CORPUS, "g": list("ab") * 17 + ["a"]}), by="g",
                                     ngram_range=(1, 2), progress=False, n_jobs=2)
    monkeypatch.setattr(_parallel, "CHUNK_CHARS", 10**9)
    by_one = terms.term_frequencies(pd.DataFrame({"text": CORPUS, "g": list("ab") * 17 + ["a"]}), by="g",
                                    ngram_range=(1, 2), progress=False, n_jobs=1)
    pd.testing.assert_frame_equal(by_one, by_pool)


def test_count_chunk_partials_add_up():
    half = len(CORPUS) // 2
    whole, whole_totals = terms.count_chunk(CORPUS)
    parts = [terms.count_chunk(CORPUS[:half]), terms.count_chunk(CORPUS[half:])]
    added = corpus_counts.add_partials([p[0] for p in parts], ["group", "term"])
    merged = whole.merge(added, on=["group", "term"], suffixes=("", "_added"))
    assert len(merged) == len(whole) == len(added)
    assert (merged["count"] == merged["count_added"]).all()
    assert (merged["doc_count"] == merged["doc_count_added"]).all()
    totals = corpus_counts.add_partials([p[1] for p in parts], ["group"])
    assert totals[["n_tokens", "n_docs"]].values.tolist() == whole_totals[["n_tokens", "n_docs"]].values.tolist()


# --- keyness and distinctive terms --------------------------------------------------


def test_g2_matches_scipy_and_is_signed():
    a, b, c, d = 30, 5, 970, 995
    g2 = distinctive.g2([a], [b], [c], [d])[0]
    expected, *_ = chi2_contingency([[a, b], [c, d]], correction=False, lambda_="log-likelihood")
    assert g2 == pytest.approx(expected)
    assert distinctive.g2([b], [a], [d], [c])[0] == pytest.approx(-expected)
    assert distinctive.g2([0], [0], [10], [10])[0] == 0.0


def test_keyness_by_hand():
    texts = ["reuters said talks"] * 20 + ["shocking talks"] * 20
    table = terms.keyness(texts, [True] * 20 + [False] * 20, correction="none", progress=False)
    assert list(table.columns) == terms.KEYNESS_COLUMNS
    row = table.set_index("term").loc["reuters"]
    assert (row["n_target"], row["n_reference"]) == (20, 0)
    expected, *_ = chi2_contingency([[20, 0], [40, 40]], correction=False, lambda_="log-likelihood")
    assert row["g2"] == pytest.approx(expected)
    assert row["p_value"] == pytest.approx(chi2.sf(expected, 1))
    # log ratio: (20/60) / (0.5/40), zero count replaced by 0.5
    assert row["log_ratio"] == pytest.approx(math.log2((20 / 60) / (0.5 / 40)))
    assert table["term"].iloc[-1] == "shocking" and table["g2"].iloc[-1] < 0
    assert table["g2"].is_monotonic_decreasing


def test_keyness_target_errors():
    df = pd.DataFrame({"text": ["a word", "other words"], "source": ["reuters", None]})
    with pytest.raises(ValueError, match="'bbc' is not a value"):
        terms.keyness(df, "bbc", by="source", progress=False)
    with pytest.raises(ValueError, match="needs by="):
        terms.keyness(df, "reuters", progress=False)
    with pytest.raises(ValueError, match="one boolean per article"):
        terms.keyness(df, [True], progress=False)
    with pytest.raises(ValueError, match="correction='yates2'"):
        terms.keyness(df, "reuters", by="source", correction="yates2", progress=False)
    with pytest.raises(ValueError, match="no reference"):
        terms.keyness(df.assign(source="x"), "x", by="source", progress=False)
    # a missing value can be the target, by None or by the name every table gives it
    table = terms.keyness(df, None, by="source", progress=False)
    assert table["term"].iloc[0] == "words"
    assert terms.keyness(df, "(unknown)", by="source", progress=False).equals(table)


def test_distinctive_terms_both_methods():
    df = pd.DataFrame({"text": ["goal match goal", "goal match", "vote ballot vote", "vote match"],
                       "label": ["sport", "sport", "politics", "politics"]})
    for method in ("keyness", "tfidf"):
        table = terms.distinctive_terms(df, "label", n=1, method=method, progress=False)
        assert list(table.columns) == ["label", "term", "count", "score", "rank"]
        assert dict(zip(table["label"], table["term"])) == {"politics": "vote", "sport": "goal"}
    tfidf = terms.distinctive_terms(df, "label", n=5, method="tfidf", progress=False)
    assert "match" not in set(tfidf["term"])  # used by every group: idf 0
    sport_goal = tfidf[(tfidf["label"] == "sport") & (tfidf["term"] == "goal")]["score"].item()
    assert sport_goal == pytest.approx(3 / 5 * math.log(2))
    with pytest.raises(ValueError, match="method='bm25'"):
        terms.distinctive_terms(df, "label", method="bm25", progress=False)


# --- collocations --------------------------------------------------------------------


def test_collocations_rank_a_phrase_and_respect_boundaries():
    texts = ["Islamic State fighters fled. State media said so.", "The Islamic State claimed it. Fighters fled."] * 5
    table = terms.collocations(texts, min_count=2, progress=False)
    assert list(table.columns) == terms.COLLOCATION_COLUMNS
    assert table["term"].iloc[0] in {"islamic state", "fighters fled"}
    assert "fled state" not in set(table["term"])  # across a sentence boundary
    assert "fled islamic" not in set(table["term"])  # across two articles
    npmi = terms.collocations(texts, min_count=2, method="npmi", progress=False)
    assert npmi["npmi"].is_monotonic_decreasing and npmi["npmi"].between(-1, 1).all()


def test_collocations_trigrams_and_bad_size():
    texts = ["The secretary of state spoke. Secretary of state Rex left."] * 4
    table = terms.collocations(texts, size=3, min_count=2, progress=False)
    assert "secretary of state" in set(table["term"])
    assert not any(t.startswith("the ") for t in table["term"])
    with pytest.raises(ValueError, match="size=1"):
        terms.collocations(texts, size=1, progress=False)
    assert terms.collocations(["", "..."], progress=False).empty


def test_collocations_counts_by_hand():
    texts = ["Prime minister Ann spoke. The prime minister left.", "Prime ministers met; prime minister Bo came."]
    table = terms.collocations(texts, min_count=1, stopwords=None, progress=False).set_index("term")
    # Windows inside sentences: prime minister x3, minister ann, ann spoke, the prime, minister left,
    # prime ministers, ministers met, met prime, minister bo, bo came: 12 windows in all.
    assert table.loc["prime minister", "count"] == 3
    assert "spoke the" not in table.index and "came prime" not in table.index
    # G2 of "prime minister" from its 2x2 table: 3 together, prime + other 1, other + minister 0, 8 others.
    observed = np.array([[3, 1], [0, 8]])
    expected = observed.sum(1, keepdims=True) * observed.sum(0, keepdims=True) / observed.sum()
    g2 = 2 * (observed[observed > 0] * np.log(observed[observed > 0] / expected[observed > 0])).sum()
    assert table.loc["prime minister", "g2"] == pytest.approx(g2)


def test_collocations_are_the_same_however_the_batches_fall(monkeypatch):
    texts = [f"Prime minister {name} met the union chief. The union chief said the prime minister listened."
             for name in ("Ann", "Bo", "Cy", "Di")] * 6 + ["Secretary of state Rex left. Rex left early."] * 5
    whole = {size: terms.collocations(texts, size=size, min_count=2, n_jobs=1, progress=False) for size in (2, 3)}
    # One text per batch, and the batches' windows added up every few rows.
    monkeypatch.setattr(_parallel, "CHUNK_CHARS", 1)
    monkeypatch.setattr(corpus_counts, "_FOLD_ROWS", 5)
    for size, expected in whole.items():
        got = terms.collocations(iter(texts), size=size, min_count=2, n_jobs=1, progress=False)
        pd.testing.assert_frame_equal(got, expected)
    assert "prime minister" in set(whole[2]["term"]) and "secretary of state" in set(whole[3]["term"])


def test_window_rows_keep_apart_rows_whose_key_would_overflow():
    from analysis.terms.phrases import _row_codes

    rng = np.random.default_rng(0)
    n_values = 2**40  # four columns of these overflow int64 unless re-densified
    ids = rng.integers(0, 3, size=(500, 4)) * (n_values // 3)
    codes = _row_codes(ids, n_values)
    _, expected = np.unique(ids, axis=0, return_inverse=True)
    # The same partition of the rows: codes and np.unique's groups determine each other.
    assert len(set(zip(codes.tolist(), expected.ravel().tolist()))) == len(set(codes.tolist())) == len(
        set(expected.ravel().tolist()))


# --- trends ----------------------------------------------------------------------------


def _dated():
    return pd.DataFrame({
        "doc_id": ["a", "b", "c", "d"],
        "text": ["Syria talks. Islamic State fled.", "Syria and Syria", "Budget", "Mueller"],
        "date": pd.to_datetime(["2017-01-05", "2017-03-02", "2017-03-09", None]),
        "source": ["x", "y", "x", "x"],
    })


def test_trends_periods_without_articles_are_nan_not_zero():
    table = terms.trends(_dated(), ["syria", "Islamic State"], progress=False)
    assert list(table.columns) == terms.TREND_COLUMNS
    syria = table[table["term"] == "syria"].set_index("period")
    assert syria.index.tolist() == list(pd.to_datetime(["2017-01-01", "2017-02-01", "2017-03-01"]))
    assert syria["count"].tolist() == [1, 0, 2]
    assert syria["n_articles"].tolist() == [1, 0, 2]
    assert math.isnan(syria.loc["2017-02-01", "per_10k"])
    assert syria.loc["2017-03-01", "per_10k"] == pytest.approx(2 / 3 * 1e4)
    phrase = table[table["term"] == "islamic state"]
    assert phrase["count"].tolist() == [1, 0, 0]


def test_trends_by_group_and_weekly():
    table = terms.trends(_dated(), "syria", by="source", freq="W", progress=False)
    assert list(table.columns) == ["source", *terms.TREND_COLUMNS]
    assert set(table["source"]) == {"x", "y"}
    assert table.groupby("source").size().nunique() == 1  # the same weeks for every group


def test_trends_errors():
    df = _dated()
    with pytest.raises(ValueError, match="no dates"):
        terms.trends(df.assign(date=pd.NaT), "syria", progress=False)
    with pytest.raises(ValueError, match="date='published'"):
        terms.trends(df, "syria", date="published", progress=False)
    with pytest.raises(ValueError, match="freq='fortnight'"):
        terms.trends(df, "syria", freq="fortnight", progress=False)
    with pytest.raises(ValueError, match="stop word"):
        terms.trends(df, "the", progress=False)
    with pytest.raises(ValueError, match="holds no word"):
        terms.trends(df, "!!", progress=False)


def test_trends_accepts_date_strings():
    df = _dated().assign(date=["2017-01-05", "2017-03-02", "not a date", None])
    table = terms.trends(df, "syria", progress=False)
    assert table["count"].sum() == 3


# --- kwic ------------------------------------------------------------------------------


def test_kwic_word_phrase_regex_and_window():
    df = pd.DataFrame({"doc_id": ["d1", "d2"],
                       "text": ["Rebels left Abu-Kamal. The army said the Islamic\nState fled Abu-Kamal on Sunday.",
                                "Trump’s Syria policy; syrian rebels"]})
    table = terms.kwic(df, "abu-kamal", window=2)
    assert list(table.columns) == terms.KWIC_COLUMNS
    assert table.values.tolist() == [["d1", "Rebels left", "Abu-Kamal", ". The army"],
                                     ["d1", "State fled", "Abu-Kamal", "on Sunday"]]
    phrase = terms.kwic(df, "islamic state", window=1)
    assert phrase["match"].tolist() == ["Islamic State"]
    assert terms.kwic(df, "trump's")["doc_id"].tolist() == ["d2"]
    assert terms.kwic(df, r"syria\w*")["match"].tolist() == ["Syria", "syrian"]  # a regex, recognised
    assert terms.kwic(df, "the u.s.").empty
    assert terms.kwic(["In the U.S. now"], "the u.s.")["match"].tolist() == ["the U.S."]
    assert terms.kwic(df, "syria", case_sensitive=True)["match"].tolist() == []
    assert terms.kwic(df, "Syria", case_sensitive=True)["match"].tolist() == ["Syria"]
    assert terms.kwic(df, "zzz").empty


def test_kwic_invalid_regex_names_the_pattern():
    for regex in (None, True):
        with pytest.raises(ValueError, match=r"pattern='syria\(' is not a valid regular expression"):
            terms.kwic(["Syria"], "syria(", regex=regex)
    # with regex=False the same text is searched literally
    assert terms.kwic(["Syria( now"], "syria(", regex=False)["match"].tolist() == ["Syria("]
    with pytest.raises(ValueError, match="pattern=''"):
        terms.kwic(["Syria"], "")


# --- mentions ----------------------------------------------------------------------------


def test_mentions_names_and_sentence_starts():
    texts = [
        "WASHINGTON (Reuters) - Vladimir Putin met Bashar Assad on Monday. Islamic State fighters fled.",
        "The Kremlin said Vladimir Putin's plane landed. Yesterday Vladimir Putin spoke. It was yesterday.",
        "President Donald J. Trump spoke. Officials said little. The Bank of England agreed.",
    ]
    table = terms.mentions(texts, progress=False)
    assert list(table.columns) == ["name", "count", "doc_count", "variants"]
    counts = dict(zip(table["name"], table["count"]))
    assert counts["Vladimir Putin"] == 3
    assert counts["Bashar Assad"] == 1 and counts["Islamic State"] == 1
    # initials are folded, titles dropped; the variant keeps the form as written
    assert counts["Donald Trump"] == 1 and counts["Bank of England"] == 1
    assert table.set_index("name").loc["Donald Trump", "variants"] == "President Donald J. Trump (1)"
    # single capitals, sentence openers and all-capital datelines are not names
    assert not {"The Kremlin", "Kremlin", "Officials", "WASHINGTON", "Yesterday Vladimir Putin"} & set(counts)
    per_article = terms.mentions(texts, by="doc_id", progress=False)
    assert list(per_article.columns) == ["doc_id", "name", "count", "doc_count", "variants"]
    assert per_article[per_article["name"] == "Vladimir Putin"]["count"].tolist() == [1, 2]


def test_mentions_empty_inputs():
    assert terms.mentions(["", "... !!", "lowercase only here"], progress=False).empty
    empty = terms.mentions(["", None], by="doc_id", progress=False)
    assert empty.empty and list(empty.columns) == ["doc_id", *terms.MENTION_COLUMNS]


# --- plots --------------------------------------------------------------------------------


def test_top_terms_plot_single_and_grouped():
    table = terms.term_frequencies(["vote vote ballot", "goal goal goal vote"], progress=False)
    ax = plots.top_terms(table, n=2)
    assert [p.get_width() for p in ax.patches] == [3.0, 3.0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["goal", "vote"]
    df = pd.DataFrame({"text": ["vote vote ballot", "goal goal goal vote"], "g": ["a", "b"]})
    grouped = terms.term_frequencies(df, by="g", progress=False)
    ax = plots.top_terms(grouped, n=3)
    assert len(ax.patches) == 6  # 3 terms x 2 groups
    assert ax.get_legend().get_title().get_text() == "g"
    assert "per 10,000" in ax.get_xlabel()


def test_keyness_plot_diverges():
    table = pd.DataFrame({"term": list("abcde"), "g2": [9.0, 4.0, 0.0, -2.0, -7.0]})
    ax = plots.keyness_bars(table, n=1, target="reuters", reference="other")
    assert [p.get_width() for p in ax.patches] == [9.0, -7.0]
    assert "reuters" in ax.get_title()


def test_trends_plot_has_gaps():
    ax = plots.term_trends(terms.trends(_dated(), ["syria", "budget"], progress=False))
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["syria", "budget"]
    assert np.isnan(lines[0].get_ydata()[1])


def test_zipf_plot_log_axes_and_groups():
    df = pd.DataFrame({"text": ["a1 a1 b2 c3", "a1 b2 b2"], "g": ["x", "y"]})
    ax = plots.rank_frequency(terms.term_frequencies(df, by="g", progress=False))
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert [line.get_label() for line in ax.get_lines()][:2] == ["x", "y"]


@pytest.mark.parametrize("draw", [plots.top_terms, plots.keyness_bars, plots.term_trends, plots.rank_frequency])
def test_plots_return_early_on_empty_tables(draw):
    ax = draw(pd.DataFrame())
    assert ax.get_title() and not ax.patches and not ax.get_lines()


# --- the shared corpora -----------------------------------------------------------------------


def test_counts_equal_countvectorizer_on_bbc(bbc):
    from sklearn.feature_extraction.text import CountVectorizer

    texts = bbc["text"].tolist()
    vectorizer = CountVectorizer()
    matrix = vectorizer.fit_transform(texts)
    expected = dict(zip(vectorizer.get_feature_names_out(), np.asarray(matrix.sum(axis=0)).ravel().tolist()))
    expected_docs = dict(zip(vectorizer.get_feature_names_out(), matrix.getnnz(axis=0).tolist()))
    table = terms.term_frequencies(texts, token_pattern=r"(?u)\b\w\w+\b", stopwords=None, progress=False)
    assert dict(zip(table["term"], table["count"].tolist())) == expected
    assert dict(zip(table["term"], table["doc_count"].tolist())) == expected_docs


def test_news_rules_on_news2017(news2017):
    table = terms.term_frequencies(news2017, progress=False).set_index("term")
    assert table.loc["u.s.", "count"] > 1000
    assert "u" not in table.index and "s" not in table.index


def test_keyness_reuters_vs_rest_on_news2017(news2017):
    table = terms.keyness(news2017.assign(source=news2017["source"].fillna("other")), "reuters", by="source",
                          progress=False)
    top = table["term"].head(10).tolist()
    assert "reuters" in top and "said" in top
    assert (table["p_value"].head(10) < 1e-6).all()


@pytest.mark.slow
def test_collocations_on_news_corpora(news2017, bbc):
    news = terms.collocations(news2017, progress=False)
    ranks = {t: i for i, t in enumerate(news["term"])}
    assert ranks["prime minister"] < 60
    # "islamic state" occurs about 20 times in news2017: far down a list
    # headed by phrases seen 1,000 times, but firmly a collocation.
    assert news.set_index("term").loc["islamic state", "g2"] > 100
    assert ranks["islamic state"] < 0.2 * len(news)
    assert terms.collocations(bbc, progress=False)["term"].iloc[0] == "prime minister"


def test_mentions_and_trends_on_news2017(news2017):
    names = terms.mentions(news2017, progress=False)
    assert names["name"].iloc[0] == "Donald Trump"
    assert {"Vladimir Putin", "White House"} <= set(names["name"].head(20))
    assert "Islamic State" in set(names["name"].head(500))
    # variants of one person are one row (issue 11)
    assert not {"Donald J. Trump", "President Trump"} & set(names["name"])
    variants = names.set_index("name").loc["Donald Trump", "variants"]
    assert "Donald J. Trump (" in variants and "President Trump (" in variants
    monthly = terms.trends(news2017, ["mueller", "islamic state"], progress=False)
    assert monthly["period"].nunique() >= 6
    assert (monthly["n_articles"] > 0).all() and monthly["per_10k"].notna().all()


# --- n-grams: the array path equals the plain one ------------------------------------------


def _plain_ngrams(texts, groups, sizes, filtered):
    from analysis.terms import counting
    from analysis.text import split_rules

    n_groups = max(groups) + 1
    counters = counting._ngram_counters(texts, groups, n_groups, sizes, None, stop_words("english"), False,
                                        filtered, split_rules())
    return counting._counters_table(*counters)


def _array_ngrams(texts, groups, sizes, filtered):
    from analysis.terms import counting
    from analysis.text import split_rules
    from analysis.text.counting import sentence_terms

    stream = sentence_terms(texts, split_rules())
    return counting._ngram_table(stream, groups, sizes, stop_words("english"), False, filtered)


def _same_counts(a, b):
    key = ["group", "term"]
    pd.testing.assert_frame_equal(a.sort_values(key).reset_index(drop=True).astype({"group": "int64"}),
                                  b.sort_values(key).reset_index(drop=True).astype({"group": "int64"}),
                                  check_dtype=False)


@pytest.mark.parametrize("filtered", [True, False])
@pytest.mark.parametrize("sizes", [[2], [3], [2, 3, 4]])
def test_array_ngrams_equal_plain_ngrams_on_random_text(filtered, sizes):
    import random

    rng = random.Random(sum(sizes) + filtered)
    alphabet = list("abc ABC.,'’-\n\x01\x02é İΣσ 12") + ["U.S.", " the ", ". ", "! ", "\n\n", "Mr. ", "don't "]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) for _ in range(300)] + ["", None]
    groups = [i % 3 for i in range(len(texts))]
    _same_counts(_array_ngrams(texts, groups, sizes, filtered), _plain_ngrams(texts, groups, sizes, filtered))


@pytest.mark.shared
def test_array_ngrams_equal_plain_ngrams_on_news(news2017):
    texts = news2017["text"].tolist()[:300]
    groups = [i % 2 for i in range(len(texts))]
    for filtered in (True, False):
        _same_counts(_array_ngrams(texts, groups, [2, 3], filtered), _plain_ngrams(texts, groups, [2, 3], filtered))


def test_unigrams_with_ngrams_equal_unigrams_alone():
    # With n-grams the unigrams and totals come from the sentence stream; they must equal the fast path's.
    texts = CORPUS * 3 + ["Trump’s “FAKE NEWS!” — U.S.-led, 3.5% of 1,000 didn't."]
    groups = [i % 2 for i in range(len(texts))]
    both, totals_both = terms.count_chunk(texts, groups, ngram_range=(1, 2))
    alone, totals_alone = terms.count_chunk(texts, groups)
    _same_counts(both[~both["term"].str.contains(" ")], alone)
    pd.testing.assert_frame_equal(totals_both, totals_alone)


def test_count_chunk_only_counts_the_wanted_terms_with_full_totals():
    texts = ["Islamic State fled Raqqa. The Islamic world.", "State media said Islamic State lost."]
    every, totals = terms.count_chunk(texts, ngram_range=(1, 2))
    wanted, wanted_totals = terms.count_chunk(texts, ngram_range=(1, 2), only=["islamic state", "raqqa"])
    expected = every[every["term"].isin(["islamic state", "raqqa"])].reset_index(drop=True)
    pd.testing.assert_frame_equal(wanted.sort_values("term").reset_index(drop=True),
                                  expected.sort_values("term").reset_index(drop=True))
    pd.testing.assert_frame_equal(wanted_totals, totals)


def _kwic_by_whole_scan(text, pattern, window):
    """kwic's contexts from the words of the whole text: the plain reference."""
    import bisect

    from analysis.text.tokens import WORD, straight_apostrophes

    spans = [m.span() for m in WORD.finditer(straight_apostrophes(text))]
    starts, ends = [s for s, _ in spans], [e for _, e in spans]
    rows = []
    for m in pattern.finditer(text):
        k = bisect.bisect_right(ends, m.start())
        left = text[starts[k - window] if k >= window else (starts[0] if k else m.start()) : m.start()]
        j = bisect.bisect_left(starts, m.end())
        last = min(j + window, len(ends)) - 1
        right = text[m.end() : ends[last]] if last >= j else ""
        rows.append((" ".join(left.split()), " ".join(m.group().split()), " ".join(right.split())))
    return rows


@pytest.mark.parametrize("window", [1, 3, 7])
def test_kwic_contexts_found_near_each_hit_equal_a_scan_of_the_whole_text(window):
    # kwic finds the words around a rare hit near it only; the result must be
    # what a scan of every word gives, also with hits near cut words and ends.
    import random
    import re

    rng = random.Random(window)
    vocabulary = ["harbour", "U.S.", "Abu-Kamal", "didn't", "--", "42", "e-mail", "a", "x.y", "Élan", "co.",
                  "/", "“quote”", "it’s", "-".join(["sea"] * 150),  # a word longer than the first scan
                  # Addresses: cut anywhere, one falls apart into several words.
                  "pic.twitter.com/AQ8GxpAh8N", "jane.doe@example.com",
                  "https://www.example.org/news/2017/11/a-rather-long-path/to-one-page.html?id=42&x=y"]
    hits = ["ferry", "Ferry", "ferry's", "ferry-boat"]

    def word():
        return rng.choice(hits) if rng.random() < 0.01 else rng.choice(vocabulary)

    texts = []
    for _ in range(300):
        n = rng.choice([3, 40, 400, 2000])
        texts.append("".join(word() + rng.choice([" ", "  ", "\n", "", ", "]) for _ in range(n)))
    frame = pd.DataFrame({"doc_id": [str(i) for i in range(len(texts))], "text": texts})
    compiled = re.compile(r"(?<!\w)ferry(?!\w)", re.IGNORECASE)
    expected = [row for text in texts for row in _kwic_by_whole_scan(text, compiled, window)]
    got = terms.kwic(frame, "ferry", window=window, n_jobs=1, progress=False)
    assert len(expected) > 500
    assert list(got[["left", "match", "right"]].itertuples(index=False, name=None)) == expected


@pytest.mark.parametrize("text", [
    "He said: didn't the seven-year-old's 55% share fall? Jones' aides' rock'n'roll 3-d, 6-4. 1990s-era",
    "http: www: ab-cd.com ab-cd.pdf: x-'y a--b -x x- 'x x'' 10:30 5%-6% v2-3 n-\u00b0 it's. ok?",
])
def test_coded_words_joined_pieces_equal_words(text):
    # Pieces joined by apostrophes or hyphens, with a colon, percent sign or question mark after.
    codes, uniques = coded_words(text)
    assert [uniques[c] for c in codes] == terms.words(text)


def test_coded_words_on_random_joined_pieces():
    rng = np.random.default_rng(1)
    alphabet = list("ab AB.,'-:%?\u2019`_19\n\u00e9/&@#v\u00b0") + ["www", "http", "://", "com", "pdf", "'s", "n't"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet, size=rng.integers(0, 30)))
        codes, uniques = coded_words(text)
        assert [uniques[c] for c in codes] == terms.words(text), repr(text)
