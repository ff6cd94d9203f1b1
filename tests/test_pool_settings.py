"""Settings a user changes after the worker pool has started reach the workers: results never depend on
how many processes ran or when they started (the pool lives for the session, its workers keep the module
globals they were born with, so every setting must travel with each batch)."""

from __future__ import annotations

import gc
from dataclasses import replace

import pandas as pd
import pytest

from analysis import _parallel, articles, sentences, terms
from analysis.corpus import loading
from analysis.sentences import quote_rules
from analysis.text import name_rules

# "Supv." is in no word list by default, so "Supv. Grant" ends a sentence until it is added.
TEXT = ("Supv. Grant inspected the site on Monday. The crew had left early. "
        "Officials said Supv. Grant would report on Friday.")


@pytest.fixture
def many_batches(monkeypatch):
    """Batches of a few hundred characters, so that 60 short articles make enough batches to use the pool."""
    monkeypatch.setattr(_parallel, "CHUNK_CHARS", 400)
    texts = [f"{TEXT} Item {i}." for i in range(60)]
    # Start the pool now, with the settings as they are, as a session's earlier call would.
    sentences.sentence_table(texts, n_jobs=2, progress=False)
    assert _parallel._EXECUTOR is not None
    return texts


@pytest.fixture
def supv_is_a_title():
    sentences.ABBREVIATIONS_TITLES.add("supv")
    yield
    sentences.ABBREVIATIONS_TITLES.discard("supv")


def test_abbreviations_added_later_reach_the_workers(many_batches, supv_is_a_title):
    one = sentences.sentence_table(many_batches, n_jobs=1, progress=False)
    two = sentences.sentence_table(many_batches, n_jobs=2, progress=False)
    pd.testing.assert_frame_equal(one, two)
    assert len(one) == 4 * len(many_batches)  # three sentences and "Item i."
    stats_one = sentences.article_stats(many_batches, n_jobs=1, progress=False)
    stats_two = sentences.article_stats(many_batches, n_jobs=2, progress=False)
    pd.testing.assert_frame_equal(stats_one, stats_two)
    assert stats_one["n_sentences"].eq(4).all()


def test_ngrams_and_names_follow_the_word_lists_changed_later(many_batches, supv_is_a_title):
    # Sentence bounds decide which n-grams and names exist: "supv grant" only when "Supv." is no stop.
    one = terms.term_frequencies(many_batches, ngram_range=(2, 2), n_jobs=1, progress=False)
    two = terms.term_frequencies(many_batches, ngram_range=(2, 2), n_jobs=2, progress=False)
    pd.testing.assert_frame_equal(one, two)
    assert "supv grant" in set(one["term"])
    pd.testing.assert_frame_equal(terms.mentions(many_batches, n_jobs=1, progress=False),
                                  terms.mentions(many_batches, n_jobs=2, progress=False))


def test_name_and_quote_rules_given_later_reach_the_workers(many_batches, supv_is_a_title):
    # The pool started with the default rules; this call brings a title, a cue and a splitter list of its own.
    opening = "Comrade Oleg Ivanov arrived. “We stay,” Ivanov mumbled. Officials met Supv. “Grant Park” was shut."
    texts = [f"{opening} {t}" for t in many_batches]
    titles = terms.NAME_TITLES | {"comrade"}
    one = terms.mentions(texts, titles=titles, n_jobs=1, progress=False)
    two = terms.mentions(texts, titles=titles, n_jobs=2, progress=False)
    pd.testing.assert_frame_equal(one, two)
    assert "Oleg Ivanov" in set(one["name"]) and "Comrade Oleg Ivanov" not in set(one["name"])
    rules = replace(quote_rules.DEFAULT_RULES, cues=quote_rules.CUES | {"mumbled"},
                    names=name_rules.rules_with(titles=titles))
    one = sentences.quotes(texts, rules=rules, n_jobs=1, progress=False)
    two = sentences.quotes(texts, rules=rules, n_jobs=2, progress=False)
    pd.testing.assert_frame_equal(one, two)
    said = one[one["quote"] == "We stay,"]
    assert said["entity"].eq("Oleg Ivanov").all() and len(said) == len(texts)
    # "Supv." ends no sentence now, so "Grant Park" sits inside one: a partial quotation, in every process.
    assert one[one["quote"] == "Grant Park"]["kind"].eq("partial").all()


def test_source_aliases_and_rules_added_later_reach_the_workers(tmp_path, monkeypatch):
    monkeypatch.setattr(loading, "_CHUNK_FILES", 3)
    for i in range(30):
        (tmp_path / f"{i:02d}.txt").write_text(
            f"Storm warning {i}\n\nPARIS (Example Wire) - Rain fell all day.\nREAD MORE: Another story {i}\n")
    loading.load(tmp_path, n_jobs=2, progress=False)  # the pool starts before the changes
    monkeypatch.setitem(articles.SOURCE_ALIASES, "example wire", "examplewire")
    monkeypatch.setattr(articles, "RULES", list(articles.RULES))
    articles.register_rule(articles.Rule("kicker", "drop", r"READ MORE:.*"))
    one = loading.load(tmp_path, n_jobs=1, progress=False)
    two = loading.load(tmp_path, n_jobs=2, progress=False)
    pd.testing.assert_frame_equal(one, two)
    assert one["source"].eq("examplewire").all()
    assert not one["text"].str.contains("READ MORE").any()


def test_abbreviations_added_later_reach_the_parser_in_the_workers(many_batches, supv_is_a_title, tmp_path,
                                                                   monkeypatch):
    # A first line too long for a title gives its first sentence as the title: cut where the splitter says,
    # so "Supv." (a title now) must not end it in a worker that started before the word was added.
    monkeypatch.setattr(loading, "_CHUNK_FILES", 3)
    for i, text in enumerate(many_batches[:30]):
        (tmp_path / f"{i:02d}.txt").write_text(f"{text}\n\nThe site reopens on day {i}.\n")
    one = loading.load(tmp_path, n_jobs=1, progress=False, max_title_chars=60)
    two = loading.load(tmp_path, n_jobs=2, progress=False, max_title_chars=60)
    pd.testing.assert_frame_equal(one, two)
    assert one["title"].str.startswith("Supv. Grant inspected").all()


def _gc_state(texts: list[str]) -> list[bool]:
    return [gc.isenabled()] * len(texts)


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_batches_run_with_the_garbage_collector_paused_and_restore_it(many_batches, n_jobs):
    work = _parallel.batches(many_batches)
    states = [s for part in _parallel.map_batches(_gc_state, work, n_jobs=n_jobs, progress=False) for s in part]
    assert len(states) == len(many_batches) and not any(states)
    assert gc.isenabled()


def test_paused_gc_restores_the_state_after_an_error():
    with pytest.raises(ValueError), _parallel.paused_gc():
        assert not gc.isenabled()
        raise ValueError("in the batch")
    assert gc.isenabled()
    gc.disable()
    try:
        with _parallel.paused_gc():
            pass
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()
