"""Tests of analysis.topics and its plots: tiny hand-made corpora, then the shared BBC and news2017 corpora."""

from __future__ import annotations

import itertools
import pickle

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.pipeline import Pipeline

from analysis import _parallel
from analysis.topics import choosing as topic_choosing, model as topic_model, result as topic_result
from analysis import plots, topics

# Three topics with their own words; every article mixes four of its topic's
# words with two words shared by all topics.
_WORDS = {
    "sport": ["goal", "striker", "match", "league", "keeper", "penalty", "coach", "stadium"],
    "money": ["bank", "interest", "rates", "inflation", "shares", "profit", "investors", "loan"],
    "music": ["album", "band", "guitar", "concert", "singer", "chart", "tour", "song"],
}
_COMMON = ["week", "people", "today", "report"]


def _corpus(n_per_topic=12, seed=0, topics_=("sport", "money", "music")):
    rng = np.random.default_rng(seed)
    rows = []
    for label in topics_:
        for i in range(n_per_topic):
            words = list(rng.choice(_WORDS[label], 4, replace=False)) + list(rng.choice(_COMMON, 2))
            rows.append({"doc_id": f"{label}-{i}", "title": f"{label} story {i}", "text": " ".join(words),
                         "label": label})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def tiny():
    return _corpus()


@pytest.fixture(scope="module")
def tiny_result(tiny):
    return topics.cluster(tiny, k=3, progress=False)


# --- result shape and contracts ---------------------------------------------------


def test_columns_are_exact(tiny_result):
    r = tiny_result
    assert tuple(r.top_terms.columns) == topics.TOP_TERMS_COLUMNS
    assert tuple(r.sizes.columns) == topics.SIZES_COLUMNS
    assert tuple(r.representatives.columns) == topics.REPRESENTATIVES_COLUMNS
    assert tuple(r.coherence.columns) == topics.COHERENCE_COLUMNS
    assert tuple(r.articles.columns) == topics.ARTICLES_COLUMNS
    assert tuple(r.coords.columns) == topics.COORDS_COLUMNS
    for table in (r.top_terms, r.sizes, r.representatives, r.coherence, r.articles, r.coords):
        assert isinstance(table.index, pd.RangeIndex)
    assert r.k_scores is None


def test_tiny_corpus_recovers_its_topics(tiny, tiny_result):
    ev = topics.evaluate(tiny_result, tiny)
    assert ev.nmi == pytest.approx(1.0)
    assert ev.ari == pytest.approx(1.0)
    # Each topic is named after its own words.
    for j, name in tiny_result.names.items():
        label = tiny.loc[tiny_result.labels == j, "label"].iloc[0]
        # Words, or phrases of them (collocations of the corpus).
        assert {w for term in name.split(", ") for w in term.split(" ")} <= set(_WORDS[label])
    assert tiny_result.sizes["n_articles"].tolist() == [12, 12, 12]
    assert tiny_result.sizes["share"].sum() == pytest.approx(1.0)


def test_representatives_belong_to_their_topic(tiny, tiny_result):
    reps = tiny_result.representatives
    assert reps.groupby("topic").size().tolist() == [5, 5, 5]
    by_id = dict(zip(tiny["doc_id"], tiny_result.labels))
    assert all(by_id[d] == t for d, t in zip(reps["doc_id"], reps["topic"]))
    assert reps["title"].str.contains("story").all()
    # Most typical first.
    assert (reps.groupby("topic")["score"].diff().dropna() <= 0).all()


def test_labels_follow_the_input_index(tiny):
    shuffled = tiny.sample(frac=1, random_state=1)
    shuffled.index = [f"row{i}" for i in range(len(shuffled))]
    result = topics.cluster(shuffled, k=3, progress=False)
    assert result.labels.index.equals(shuffled.index)
    assert result.labels.dtype == "Int64"
    assert result.articles["doc_id"].tolist() == shuffled["doc_id"].tolist()


def test_texts_as_a_list(tiny):
    result = topics.cluster(tiny["text"].tolist(), k=3, progress=False)
    assert result.articles["doc_id"].tolist() == [str(i) for i in range(len(tiny))]
    assert result.articles["title"].iloc[0] == tiny["text"].iloc[0]


def test_same_seed_same_result_and_predict_equals_labels(tiny):
    a = topics.cluster(tiny, k=3, random_state=3, progress=False)
    b = topics.cluster(tiny, k=3, random_state=3, progress=False)
    pd.testing.assert_series_equal(a.labels, b.labels)
    pd.testing.assert_frame_equal(a.top_terms, b.top_terms)
    assert np.array_equal(a.model.predict(tiny["text"]), a.model.labels_)
    assert np.array_equal(a.model.predict(tiny), a.model.labels_)  # a corpus table works too


def test_transform_and_predict_agree(tiny_result, tiny):
    scores = tiny_result.model.transform(tiny["text"])
    assert scores.shape == (len(tiny), 3)
    assert np.array_equal(scores.argmax(axis=1), tiny_result.model.predict(tiny["text"]))


def test_vectorizer_gives_the_rows_the_model_uses(tiny):
    # The model counts with the package's fast counter; the scikit-learn
    # vectorizer it exposes must give the very same TF-IDF rows.
    model = topics.TopicModel(3, random_state=0).fit(tiny["text"])
    texts = list(tiny["text"]) + ["the striker's goal, and the bank's U.S. loan", "", "unknown words only"]
    ours, _ = model._rows(texts)
    theirs = model.vectorizer_.transform(texts)
    assert list(model.vectorizer_.get_feature_names_out()) == model.terms_
    assert (ours != theirs).nnz == 0
    assert np.array_equal(ours.data, topic_model._sorted(theirs).data)


def test_counts_in_batches_equal_counts_at_once(tiny, monkeypatch):
    whole, terms_ = topic_model._counts(list(tiny["text"]), progress=False)
    monkeypatch.setattr(_parallel, "CHUNK_CHARS", 100)  # a batch every few articles
    parts, terms_parts = topic_model._counts(list(tiny["text"]), progress=False)
    assert terms_parts == terms_
    assert (parts != whole).nnz == 0 and parts.has_sorted_indices


def test_leave_one_out_refinement_equals_refitting_without_each_article():
    from sklearn.linear_model import Ridge

    rng = np.random.default_rng(1)
    lsa = rng.normal(size=(40, 6))
    labels = rng.integers(0, 3, size=40)
    targets = np.where(labels[:, None] == np.arange(3), 1.0, -1.0)
    expected = np.empty(40, dtype=int)
    for i in range(40):
        rest = np.arange(40) != i
        fit = Ridge(alpha=0.5).fit(lsa[rest], targets[rest])
        expected[i] = fit.predict(lsa[i : i + 1]).argmax()
    assert np.array_equal(topic_model._refine(lsa, labels, 3, rounds=1, alpha=0.5), expected)


def test_distinct_rows_counts_repeated_articles_once():
    texts = ["goal striker match", "bank interest rates", "goal striker match", "album band guitar",
             "bank interest rates", "goal match striker"]  # the last: same terms, another order
    model = topics.TopicModel(2, min_df=1, max_df=1.0)
    rows = model._fit_vocabulary(texts)
    assert topic_model._n_distinct_rows(rows) == 3


@pytest.mark.parametrize(("options", "match"), [
    ({"min_df": "3"}, "min_df='3'; pass a number of articles"),
    ({"max_df": 1.5}, "max_df=1.5; a share of articles lies in"),
    ({"min_df": 30, "max_df": 0.5}, "allows fewer articles than min_df=30"),
    ({"min_df": 35, "max_df": 1.0}, "no terms are left"),
])
def test_bad_vocabulary_limits(tiny, options, match):
    with pytest.raises(ValueError, match=match):
        topics.TopicModel(3, **options).fit(tiny["text"])


def test_estimator_works_in_a_pipeline_clones_and_pickles(tiny):
    pipe = Pipeline([("topics", topics.TopicModel(3, random_state=0))]).fit(tiny["text"])
    labels = pipe.predict(tiny["text"])
    assert len(set(labels)) == 3
    model = clone(pipe.named_steps["topics"])
    assert model.get_params()["k"] == 3
    again = pickle.loads(pickle.dumps(pipe.named_steps["topics"]))
    assert np.array_equal(again.predict(tiny["text"]), labels)
    assert topics.TopicModel(3).fit_predict(tiny["text"]).shape == (len(tiny),)


def test_new_articles_are_assigned_to_fitted_topics(tiny_result):
    model = tiny_result.model
    new = ["the striker missed a penalty", "inflation and interest rates rose", "", "zzz qqq"]
    labels = model.predict(new)
    sport = tiny_result.labels.iloc[0]
    money = tiny_result.labels.iloc[12]
    assert labels.tolist() == [sport, money, -1, -1]
    assert np.isnan(model.transform(new)[2:]).all()


def test_nmf_has_the_same_shape_and_soft_memberships(tiny):
    result = topics.cluster(tiny, k=3, method="nmf", progress=False)
    assert result.method == "nmf"
    assert tuple(result.top_terms.columns) == topics.TOP_TERMS_COLUMNS
    assert topics.evaluate(result, tiny).nmi == pytest.approx(1.0)
    weights = result.model.transform(tiny["text"])
    assert weights.shape == (len(tiny), 3)
    assert np.allclose(weights.sum(axis=1), 1.0)
    assert (weights >= 0).all()
    assert np.array_equal(result.model.predict(tiny["text"]), result.model.labels_)
    assert result.representatives["score"].between(0, 1).all()


def test_coherence_npmi_by_hand():
    import scipy.sparse as sp

    # Four articles: a and b always together, c never with a.
    rows = sp.csr_matrix(np.array([[1, 1, 0], [1, 1, 0], [0, 0, 1], [0, 0, 1]], dtype=float))
    vocab = {"a": 0, "b": 1, "c": 2}
    assert topic_result._npmi(rows, ["a", "b"], vocab) == pytest.approx(1.0)
    assert topic_result._npmi(rows, ["a", "c"], vocab) == pytest.approx(-1.0)
    assert np.isnan(topic_result._npmi(rows, ["a"], vocab))
    everywhere = sp.csr_matrix(np.ones((3, 2)))
    assert np.isnan(topic_result._npmi(everywhere, ["a", "b"], {"a": 0, "b": 1}))


def test_coherence_is_in_range(tiny_result):
    values = tiny_result.coherence["npmi"]
    assert values.between(-1, 1).all()


# --- bad input --------------------------------------------------------------------


def test_fewer_articles_than_k_says_how_many():
    with pytest.raises(ValueError, match=r"k=5 topics need at least 5 articles with terms, but there are 3"):
        topics.cluster(["goal match", "bank rates", "album band"], k=5, progress=False)


def test_empty_texts_are_kept_with_a_reason_and_nothing_is_renumbered(tiny):
    base = topics.cluster(tiny, k=3, progress=False)
    extra = pd.DataFrame({"doc_id": ["empty", "blank", "stop", "missing"], "title": ["", "", "", ""],
                          "text": ["", "   ", "the and of it", None], "label": [None] * 4})
    data = pd.concat([tiny.iloc[:5], extra, tiny.iloc[5:]], ignore_index=True)
    result = topics.cluster(data, k=3, progress=False)
    kept = result.articles[result.articles["doc_id"].isin(extra["doc_id"])]
    assert kept["topic"].isna().all()
    assert kept["reason"].tolist() == [topics.NO_TEXT, topics.NO_TEXT, topics.NO_TERMS, topics.NO_TEXT]
    assert (result.articles.loc[result.articles["topic"].notna(), "reason"] == "").all()
    assert result.labels.isna().sum() == 4
    assert len(result.labels) == len(data)
    assert result.model.labels_[5:9].tolist() == [-1] * 4
    # The other articles keep their topics (same ids as without the empty ones).
    others = result.labels[result.labels.notna()].to_numpy(dtype=int)
    assert np.array_equal(others, base.labels.to_numpy(dtype=int))
    assert result.sizes["n_articles"].sum() == len(tiny)


def test_all_identical_articles_are_refused():
    with pytest.raises(ValueError, match="identical"):
        topics.cluster(["the same story about a goal"] * 10, k=2, progress=False)


def test_all_empty_articles_are_refused():
    with pytest.raises(ValueError, match="all 3 articles are empty"):
        topics.cluster(["", " ", ""], k=2, progress=False)


def test_k_larger_than_the_vocabulary():
    texts = ["goal match", "match goal", "goal goal match", "bank", "bank bank", "goal bank"]
    with pytest.raises(ValueError, match=r"more than the vocabulary allows: only 3 terms"):
        topics.cluster(texts, k=4, progress=False)


def test_k_larger_than_the_distinct_articles():
    texts = ["goal match"] * 3 + ["bank rates"] * 3
    with pytest.raises(ValueError, match="only 2 of the 6 articles with terms are distinct"):
        topics.cluster(texts, k=3, progress=False)


def test_bad_data():
    with pytest.raises(TypeError, match="single string"):
        topics.cluster("a single string", k=2, progress=False)
    with pytest.raises(ValueError, match="no 'text' column"):
        topics.cluster(pd.DataFrame({"body": ["x"]}), k=2, progress=False)


@pytest.mark.parametrize(("options", "match"), [
    ({"k": 0}, "k=0"),
    ({"k": 1}, "k=1; pass a whole number of topics >= 2"),
    ({"k": 2, "method": "lda"}, "method='lda'; pass one of 'kmeans', 'nmf'"),
    ({"k": None, "k_range": [1, 2]}, "k_range="),
])
def test_bad_options(tiny, options, match):
    with pytest.raises(ValueError, match=match):
        topics.cluster(tiny, progress=False, **options)


# --- choosing k --------------------------------------------------------------------


def test_choose_k_finds_three_groups(tiny):
    curve = topics.choose_k(tiny, k_range=range(2, 7), progress=False)
    assert tuple(curve.columns) == topics.K_SCORES_COLUMNS
    assert curve["k"].tolist() == [2, 3, 4, 5, 6]
    assert curve["chosen"].sum() == 1
    assert int(curve.loc[curve["chosen"], "k"].iloc[0]) == 3
    assert curve["stability"].max() <= 1.0


def test_cluster_with_k_none_returns_the_curve(tiny):
    result = topics.cluster(tiny, k=None, k_range=range(2, 6), progress=False)
    assert result.k == 3
    assert result.k_scores is not None and result.k_scores["chosen"].sum() == 1
    pd.testing.assert_series_equal(result.labels, topics.cluster(tiny, k=3, progress=False).labels)


def test_choose_k_on_two_groups():
    data = _corpus(topics_=("sport", "money"))
    curve = topics.choose_k(data, k_range=range(2, 6), progress=False)
    assert int(curve.loc[curve["chosen"], "k"].iloc[0]) == 2


# --- over time, by group, evaluation, stability ------------------------------------


@pytest.fixture(scope="module")
def dated():
    # Two topics; topic "sport" has 1 of 2 articles in January, 3 of 4 in February,
    # none of the 1 in April (March is empty).
    data = _corpus(n_per_topic=4, topics_=("sport", "money"))
    data["date"] = pd.to_datetime(["2017-01-10", "2017-02-01", "2017-02-14", "2017-02-28",
                                   "2017-01-20", "2017-02-03", "2017-04-30", None])
    return data


def test_topics_over_time_shares_by_hand(dated):
    result = topics.cluster(dated, k=2, progress=False)
    table = topics.topics_over_time(result, dated, freq="M")
    assert tuple(table.columns) == topics.OVER_TIME_COLUMNS
    sport = int(result.labels.iloc[0])
    mine = table[table["topic"] == sport].set_index(table.loc[table["topic"] == sport, "period"].dt.strftime("%Y-%m"))
    assert mine["n_articles"].to_dict() == {"2017-01": 1, "2017-02": 3, "2017-03": 0, "2017-04": 0}
    assert mine["period_articles"].to_dict() == {"2017-01": 2, "2017-02": 4, "2017-03": 0, "2017-04": 1}
    assert mine["share"].iloc[:2].tolist() == [0.5, 0.75]
    assert np.isnan(mine["share"].iloc[2])  # no article in March: undefined, not 0
    assert mine["share"].iloc[3] == 0.0
    # January starts on the 10th: partial. April ends on its last day: complete.
    assert mine["partial"].tolist() == [True, False, False, False]
    shares = table.dropna(subset=["share"]).groupby("period")["share"].sum()
    assert np.allclose(shares, 1.0)


def test_topics_over_time_partial_last_period(dated):
    data = dated.copy()
    data.loc[6, "date"] = pd.Timestamp("2017-04-12")
    result = topics.cluster(data, k=2, progress=False)
    table = topics.topics_over_time(result, data, freq="M")
    assert table.groupby("period")["partial"].first().tolist() == [True, False, False, True]


def test_topics_over_time_without_dates(tiny, tiny_result):
    with pytest.raises(ValueError, match="no 'date' column"):
        topics.topics_over_time(tiny_result, tiny)
    with pytest.raises(ValueError, match="no dates"):
        topics.topics_over_time(tiny_result, tiny.assign(date=pd.NaT))
    with pytest.raises(ValueError, match="not the corpus the topics were fitted on"):
        topics.topics_over_time(tiny_result, tiny.iloc[:5].assign(date=pd.Timestamp("2017-01-01")))


def test_topics_by_group(tiny, tiny_result):
    data = tiny.assign(source=np.where(np.arange(len(tiny)) % 2 == 0, "even", "odd"))
    table = topics.topics_by(tiny_result, data, by="source")
    assert tuple(table.columns) == topics.BY_COLUMNS
    assert table["n_articles"].sum() == len(tiny)
    assert np.allclose(table.groupby("group")["share"].sum(), 1.0)
    assert np.allclose(table.groupby("topic")["topic_share"].sum(), 1.0)
    by_label = topics.topics_by(tiny_result, tiny, by="label")
    assert sorted(by_label.loc[by_label["n_articles"] > 0, "share"].tolist()) == [1.0, 1.0, 1.0]
    with pytest.raises(ValueError, match="by='publisher' is not a column"):
        topics.topics_by(tiny_result, tiny, by="publisher")


def test_topics_by_keeps_missing_groups_unless_told(tiny, tiny_result):
    data = tiny.assign(source=["wire"] * 6 + [None] * (len(tiny) - 6))
    table = topics.topics_by(tiny_result, data, by="source")
    assert sorted(table["group"].unique()) == ["(unknown)", "wire"]
    assert table["n_articles"].sum() == len(tiny)


def test_evaluate_against_labels(tiny, tiny_result):
    ev = topics.evaluate(tiny_result, tiny["label"])
    assert (ev.nmi, ev.ari, ev.n_articles) == (pytest.approx(1.0), pytest.approx(1.0), len(tiny))
    assert tuple(ev.confusion.columns) == topics.BY_COLUMNS
    wrong = topics.evaluate(tiny_result, ["x"] * len(tiny))
    assert wrong.nmi == pytest.approx(0.0, abs=1e-9)
    with pytest.raises(ValueError, match="3 labels for 36 articles"):
        topics.evaluate(tiny_result, ["a", "b", "c"])
    with pytest.raises(ValueError, match="no labels"):
        topics.evaluate(tiny_result, [None] * len(tiny))


def test_stability_on_clear_topics(tiny):
    stab = topics.stability(tiny, 3, seeds=[0, 1, 2], progress=False)
    assert stab.ari == pytest.approx(1.0)
    assert tuple(stab.pairs.columns) == topics.PAIRS_COLUMNS
    assert stab.pairs[["seed_a", "seed_b"]].to_numpy().tolist() == [[0, 1], [0, 2], [1, 2]]
    assert tuple(stab.topics.columns) == topics.STABILITY_TOPICS_COLUMNS
    assert stab.topics["jaccard"].tolist() == [1.0, 1.0, 1.0]
    with pytest.raises(ValueError, match="at least two seeds"):
        topics.stability(tiny, 3, seeds=[0], progress=False)


# --- plots ---------------------------------------------------------------------------


def test_plot_k_curve(tiny):
    curve = topics.choose_k(tiny, k_range=range(2, 6), progress=False)
    ax = plots.topic_k_curve(curve)
    assert ax.lines[0].get_xdata().tolist() == [2, 3, 4, 5]
    assert ax.get_title().endswith("k = 3")


def test_plot_topic_terms(tiny_result):
    axes = plots.topic_terms(tiny_result.top_terms, n_terms=4)
    assert len(axes) == 3
    first = tiny_result.top_terms[tiny_result.top_terms["topic"] == 0].head(4)
    assert [p.get_width() for p in axes[0].patches] == pytest.approx(first["weight"].tolist())
    assert [t.get_text() for t in axes[0].get_yticklabels()] == first["term"].tolist()
    assert axes[2].get_title() == f"2: {tiny_result.names[2]}"


def test_coords_map_every_article_with_a_topic(tiny, tiny_result):
    coords = tiny_result.coords
    assert coords["doc_id"].tolist() == tiny["doc_id"].tolist()
    assert np.isfinite(coords[["x", "y"]].to_numpy()).all()
    assert tiny_result.coords is coords  # computed once
    # Articles of a topic sit closer to each other than to the other topics.
    centres = coords.groupby("topic")[["x", "y"]].mean()
    spread = coords.groupby("topic")[["x", "y"]].std().to_numpy().max()
    gaps = [np.linalg.norm(centres.iloc[a] - centres.iloc[b]) for a in range(3) for b in range(a + 1, 3)]
    assert min(gaps) > spread


def test_plot_topic_map(tiny_result):
    ax = plots.topic_map(tiny_result.coords)
    assert [len(c.get_offsets()) for c in ax.collections] == [12, 12, 12]
    assert [t.get_text() for t in ax.texts] == [f"{j}: {n}" for j, n in tiny_result.names.items()]


def test_plot_sizes_heatmap_stability(tiny, tiny_result):
    assert [p.get_width() for p in plots.topic_sizes(tiny_result.sizes).patches] == [12, 12, 12]
    conf = topics.evaluate(tiny_result, tiny).confusion
    image = plots.topic_heatmap(conf, value="n_articles").images[0].get_array()
    assert sorted(np.asarray(image).max(axis=1).tolist()) == [12, 12, 12]
    table = pd.DataFrame({"topic": [0, 1], "name": ["a", "b"], "jaccard": [1.0, 0.5]})
    ax = plots.topic_stability(table, ari=0.8)
    assert [p.get_width() for p in ax.patches] == [1.0, 0.5]
    assert "0.80" in ax.get_title()


def test_plot_over_time(dated):
    result = topics.cluster(dated, k=2, progress=False)
    table = topics.topics_over_time(result, dated)
    ax = plots.topic_shares_over_time(table)
    assert [c.get_label() for c in ax.collections][:2] == [f"{j}: {n}" for j, n in result.names.items()]
    assert "partial period" in [p.get_label() for p in ax.patches]


@pytest.mark.parametrize("func", [plots.topic_k_curve, plots.topic_map, plots.topic_sizes,
                                  plots.topic_shares_over_time, plots.topic_heatmap, plots.topic_stability])
def test_plots_on_empty_tables(func):
    ax = func(pd.DataFrame())
    assert ax.texts[0].get_text() == "no data"
    assert plots.topic_terms(pd.DataFrame())[0].texts[0].get_text() == "no data"


# --- the shared corpora ----------------------------------------------------------------


@pytest.mark.slow
def test_bbc_quality_over_seeds(bbc):
    """The issue's target: NMI >= 0.90 on average over seeds 0-4, >= 0.88 for each."""
    scores = []
    for seed in range(5):
        result = topics.cluster(bbc, k=5, random_state=seed, progress=False)
        scores.append(topics.evaluate(result, bbc).nmi)
        if seed == 0:
            assert np.array_equal(result.model.predict(bbc["text"]), result.model.labels_)
    assert min(scores) >= 0.88, scores
    assert np.mean(scores) >= 0.90, scores


@pytest.mark.slow
def test_bbc_k_chosen(bbc):
    result = topics.cluster(bbc, k=None, progress=False)
    assert result.k == 5, result.k_reason
    assert result.k_reason.startswith("clear topics")
    assert topics.evaluate(result, bbc).nmi >= 0.90
    # Choosing k changes nothing else: the topics are those of the chosen k passed directly.
    fixed = topics.cluster(bbc, k=result.k, progress=False)
    pd.testing.assert_series_equal(result.labels, fixed.labels)


@pytest.mark.slow
@pytest.mark.parametrize("labels", [("business", "entertainment", "sport"), ("politics", "sport", "tech"),
                                    ("business", "entertainment", "politics", "tech"),
                                    ("business", "politics", "sport", "tech")])
def test_bbc_label_subsets_k_follows(bbc, labels):
    subset = bbc[bbc["label"].isin(labels)]
    curve = topics.choose_k(subset, progress=False)
    assert int(curve.loc[curve["chosen"], "k"].iloc[0]) == len(labels)


@pytest.mark.slow
def test_uneven_bbc_subsets_of_four_sections_get_k_within_one(bbc):
    # The sections cut to 400, 220, 120 and 72 articles, as in benchmarks/eval_topics_k.py, on seed 0: one of
    # the five misses (busi+poli+spor+tech gets 8). Over seeds 0-4, 20 of 25 were within one (13 of 25 before
    # the light runs' kappa was pooled in); this keeps seed 0, the default, from sliding back.
    labels = sorted(bbc["label"].unique())
    hits = []
    for combo in itertools.combinations(labels, 4):
        rng = np.random.default_rng(0)
        parts = [bbc[bbc["label"] == label] for label in combo]
        subset = pd.concat([p.iloc[np.sort(rng.choice(len(p), min(size, len(p)), replace=False))]
                            for p, size in zip(parts, (400, 220, 120, 72))], ignore_index=True)
        curve = topics.choose_k(subset, progress=False)
        hits.append(abs(int(curve.loc[curve["chosen"], "k"].iloc[0]) - 4) <= 1)
    assert sum(hits) >= 4, hits


@pytest.mark.slow
def test_news2017_over_time_and_by_source(news2017):
    result = topics.cluster(news2017, k=6, progress=False)
    table = topics.topics_over_time(result, news2017, freq="M")
    filled = table.dropna(subset=["share"])
    assert np.allclose(filled.groupby("period")["share"].sum(), 1.0)
    volume = table.groupby("period")["period_articles"].first()
    dated = news2017["date"].notna() & result.labels.notna()
    assert volume.sum() == dated.sum()
    by = topics.topics_by(result, news2017, by="source")
    assert np.allclose(by.groupby("group")["share"].sum(), 1.0)


# --- names, catch-all topics, low confidence, the hierarchy (issue 12) -------------------

_GENERIC = {"said", "mr", "new", "year", "people"}


def test_words_every_topic_uses_name_no_topic(tiny):
    data = tiny.assign(text=tiny["text"] + " said mr new year people")
    result = topics.cluster(data, k=3, progress=False)
    words = {w for name in result.names for term in name.split(", ") for w in term.split(" ")}
    assert words and not words & _GENERIC
    assert set(result.distinctive.columns) == set(topics.DISTINCTIVE_COLUMNS)
    assert (result.distinctive["ownership"] >= 0.5).all()


def test_names_prefer_the_corpus_phrases():
    rng = np.random.default_rng(1)
    war = [f"Troops hunted Bin Laden near Tora Bora. The {w} was {v}." for w, v in
           zip(rng.choice(["search", "raid", "patrol", "convoy"], 15), rng.choice(["long", "slow", "quiet"], 15))]
    money = [f"The central bank raised interest rates. Shares {w} as investors {v}." for w, v in
             zip(rng.choice(["fell", "rose", "slipped"], 15), rng.choice(["sold", "waited", "bought"], 15))]
    result = topics.cluster(war + money, k=2, progress=False)
    war_topic = int(result.labels.iloc[0])
    assert {"bin laden", "tora bora"} & set(result.names[war_topic].split(", "))


def test_a_topic_without_shared_words_is_a_catch_all():
    rng = np.random.default_rng(2)
    data = _corpus(n_per_topic=15)
    # Odd articles: each draws its words from a large pool that no clean topic uses, so no
    # three words reach half of them.
    pool = [f"misc{i}" for i in range(400)]
    odd = pd.DataFrame({"doc_id": [f"odd-{i}" for i in range(20)], "title": "odd", "label": "odd",
                        "text": [" ".join(rng.choice(pool, 5, replace=False)) for _ in range(20)]})
    data = pd.concat([data, odd], ignore_index=True)
    result = topics.cluster(data, k=4, progress=False)
    odd_topic = int(result.labels.iloc[-1])
    assert (result.labels.iloc[-20:] == odd_topic).all()
    assert result.sizes.set_index("topic")["catch_all"].to_dict() == {j: j == odd_topic for j in range(4)}


def test_low_confidence_is_a_flag_and_every_article_with_terms_has_a_topic(tiny, tiny_result):
    flags = tiny_result.articles["low_confidence"]
    assert flags.dtype == bool and not flags.any()
    assert tiny_result.articles["topic"].notna().all()


def test_hierarchy_levels_without_refitting(tiny, tiny_result):
    tree = tiny_result.hierarchy
    assert tuple(tree.columns) == topics.HIERARCHY_COLUMNS
    finest = int(tree["n_topics"].max())
    assert finest >= tiny_result.k and tree["n_topics"].min() == 1
    at_k = tiny_result.at(tiny_result.k)
    assert tuple(at_k.columns) == topics.LEVEL_COLUMNS
    assert at_k["topic"].tolist() == tiny_result.labels.tolist()
    assert at_k["name"].tolist() == tiny_result.articles["name"].tolist()
    assert tiny_result.at(1)["topic"].nunique() == 1
    fine = tiny_result.at(finest)
    assert fine["topic"].nunique() == finest
    # Each fine topic lies inside one fitted topic: the tree merges inside topics first.
    assert (pd.crosstab(fine["topic"], at_k["topic"]) > 0).sum(axis=1).max() == 1
    with pytest.raises(ValueError, match="pass a whole number from 1 to"):
        tiny_result.at(finest + 1)


def test_plot_dendrogram(tiny_result):
    ax = plots.topic_dendrogram(tiny_result.hierarchy, k=tiny_result.k)
    leaves = int(tiny_result.hierarchy["n_topics"].max())
    assert ax.get_title() == f"Topic hierarchy: {leaves} fine topics, cut at {tiny_result.k}"
    assert len(ax.get_yticklabels()) == leaves


def test_choose_k_is_the_same_for_the_same_seed_and_says_why(tiny):
    first = topics.choose_k(tiny, k_range=range(2, 6), random_state=3, progress=False)
    again = topics.choose_k(tiny, k_range=range(2, 6), random_state=3, progress=False)
    pd.testing.assert_frame_equal(first, again)
    assert first.attrs["reason"].startswith("clear topics")


def test_a_split_that_cuts_an_island_is_not_read_as_topics():
    curve = pd.DataFrame({"k": [2, 3, 4, 5], "kappa": [0.9, 0.3, 0.5, 0.4], "largest_share": [0.9, 0.7, 0.45, 0.4],
                          "stability_sd": [0.01] * 4, "null_stability": [0.3] * 4})
    assert topic_choosing.pick_k(curve)[0] == 4
    assert topic_choosing.pick_k(curve.assign(largest_share=[0.6, 0.7, 0.45, 0.4]))[0] == 2
    # Within one standard error of the best, the fewest topics win.
    noisy = curve.assign(kappa=[0.2, 0.45, 0.5, 0.3], stability_sd=0.3)
    assert topic_choosing.pick_k(noisy)[0] == 3
    assert topic_choosing.pick_k(noisy.assign(stability_sd=0.01))[0] == 4


def test_more_topics_than_the_light_runs_try_come_from_the_tree_runs_alone(monkeypatch):
    rng = np.random.default_rng(0)
    points = rng.normal(size=(240, 12)) * 0.3
    points[np.arange(240), np.repeat(np.arange(6), 40)] += 3
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    # Light runs only up to k = 3: six clear groups lie beyond them, where only the tree runs measure kappa.
    monkeypatch.setattr(topic_choosing, "LIGHT_MAX_K", 3)
    k, curve, reason = topic_choosing.choose(points, range(2, 9), n_resamples=8)
    assert k == 6, reason
    assert "the tree runs alone" in reason
    assert curve.loc[curve["k"] > 3, "light_stability"].isna().all()


def test_structureless_vectors_have_no_clear_topics():
    rng = np.random.default_rng(0)
    points = rng.normal(size=(300, 20))
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    k, curve, reason = topic_choosing.choose(points, range(2, 9), n_resamples=8)
    assert not reason.startswith("clear topics"), reason
    assert curve["chosen"].sum() == 1 and 2 <= k <= 8


@pytest.mark.slow
def test_default_corpus_gets_named_islands():
    from analysis import datasets

    df = datasets.load_corpus("default", progress=False)
    result = topics.cluster(df, k=None, progress=False)
    assert result.k >= 6, result.k_reason
    words = {w for name in result.names for term in name.split(", ") for w in term.split(" ")}
    assert not words & _GENERIC, result.names.tolist()
    # The map's islands are mostly one colour: most of an article's nearest neighbours on the map share its topic.
    xy = result.coords[["x", "y"]].to_numpy()
    near = np.argsort(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(-1), axis=1)[:, 1:11]
    same = (result.coords["topic"].to_numpy()[near] == result.coords["topic"].to_numpy()[:, None]).mean()
    assert same >= 0.7, same


def _plain_count_terms(texts, min_phrase_count=3):
    """count_terms written plainly, sentence by sentence (the reference its array version must equal)."""
    from collections import Counter

    import scipy.sparse as sp

    from analysis.text import normalise, split, stop_words
    from analysis.text.tokens import keep_term, raw_terms
    from analysis.topics import naming

    stop = stop_words("english")
    occurrences, rows, cols, index = Counter(), [], [], {}
    for i, text in enumerate(t if isinstance(t, str) else "" for t in texts):
        found = []
        for sentence in split(text):
            raw = raw_terms(normalise(sentence), None)
            kept = [keep_term(t, stop, False, True) for t in raw]
            found += [t for t, k in zip(raw, kept) if k]
            found += [f"{a} {b}" for a, b, ka, kb in zip(raw, raw[1:], kept, kept[1:]) if ka and kb]
        occurrences.update(found)
        for term in sorted(set(found)):
            rows.append(i)
            cols.append(index.setdefault(term, len(index)))
    uniques = list(index)
    n_tokens = sum(n for t, n in occurrences.items() if " " not in t)
    good = naming._collocations(pd.Series(occurrences, dtype=float), n_tokens, min_phrase_count)
    keep = np.array([" " not in t or t in good for t in uniques], dtype=bool)
    presence = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), len(uniques)))[:, keep]
    return presence, [t for t, k in zip(uniques, keep) if k]


@pytest.mark.parametrize("which", ["hand", "bbc"])
def test_count_terms_equals_its_plain_version(which, request):
    from analysis.topics import naming

    if which == "hand":
        texts = ["Bin Laden hid in caves. The caves of Tora Bora.", "Bin Laden fled east to Tora Bora!",
                 "Troops hunted Bin Laden; the troops left.", "Rates rose again. Bank of England rates.", "", None,
                 "Banks cut rates. Mr. Bin Laden's caves.", "Tora Bora caves were empty. Troops fled."] * 3
    else:
        texts = request.getfixturevalue("bbc")["text"].tolist()[:400]
    got = naming.count_terms(texts)
    presence, terms = _plain_count_terms(texts)
    assert got.terms == terms
    assert (got.presence != presence).nnz == 0
