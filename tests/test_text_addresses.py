"""Addresses kept whole (splitter, word rules, fast counter), lists and ellipses in the splitter, and the
shipped syllable table. Every text here is written for these tests."""

from __future__ import annotations

import re

import numpy as np
import pytest

from analysis import sentences, terms
from analysis.text import coded_words, count_matrix, tokens
from analysis.text.addresses import addresses, is_address
from analysis.text.lists import list_items
from analysis.text.syllable_counts import complex_lower, cmu_table, lower_syllables, table_arrays, word_syllables
from sentence_gold import cases

# --- the splitter ---------------------------------------------------------------------------


@pytest.mark.parametrize("expected", [
    # e-mail addresses: no cut inside, a plain full stop after
    ["Send your tips to Maria.Lopez@newsroom.example.org.", "Our desk reads every one."],
    ["Contact j.r.smith@example.co.uk for the full report."],
    # URLs, with and without a scheme, and a capital inside the path
    ["The ruling is posted at https://www.courts.example.gov/rulings/2024/A.Case.html today.",
     "Lawyers are reading it."],
    ["Read the statement at www.Example.com.", "It was short."],
    ["More at example.com/news.", "The site was slow."],
    # handles, hashtags, file names, version numbers
    ["Follow @CityDesk.", "#Election2024 trends.", "Voters replied."],
    ["The leak came in a file named budget_v2.xlsx.", "Officials denied it."],
    ["The app reached v3.2.1.", "Users complained."],
    # No. and N° before a number
    ["He lives at No. 10 Downing Street.", "She lives at N°. 12 Rue Royale."],
])
def test_addresses_are_not_cut(expected):
    assert sentences.split(" ".join(expected)) == expected


@pytest.mark.parametrize("expected", [
    ["1.) Check the roof", "2.) Clear the drains", "3.) Store water"],
    ["1) Check the roof", "2) Clear the drains"],
    ["1. Check the roof.", "2. Clear the drains."],
    ["1. Check the roof", "2. Clear the drains"],
    ["a. Buy bread", "b. Buy milk", "c. Buy eggs"],
    ["\u2022 4. Close the gate", "\u2022 5. Lock the shed"],
    ["\u20437. Close the gate", "\u20438. Lock the shed"],
])
def test_lists_run_into_a_paragraph(expected):
    assert sentences.split(" ".join(expected)) == expected


@pytest.mark.parametrize("expected", [
    ["He scored 2.", "Then the crowd left."],  # a number is no list marker outside a list
    ["A. Smith met B. Jones in Leeds."],  # initials are not a lettered list
    ["The list had 1) cost and 2) speed in it."],  # markers mid-sentence
])
def test_what_is_not_a_list(expected):
    assert sentences.split(" ".join(expected)) == expected


def test_list_items_offsets():
    text = "a. Buy bread b. Buy milk"
    starts, marks = list_items(text, 0, len(text))
    assert [text[s:] for s in starts] == ["b. Buy milk"]
    assert sorted(text[m] for m in marks) == [".", "."]
    assert list_items("The end. b. No list", 0, 19) == ([], set())


@pytest.mark.parametrize("expected", [
    ["He paused . . . I never saw it."],  # a pause, then the pronoun I
    ["He paused . . .", "Then he left."],  # a capital after the pause starts a sentence
    ["The quote trails off. . . .", "Officials said nothing."],  # the dots stay with their sentence
    ["It ended with a shrug. . .", "Nobody asked again."],
    ['The memo said it "would [...] end the programme" (page 4).'],  # an omission in brackets
    ["The minutes read: \u201cThe board [\u2026] agreed.\u201d", "The vote followed."],
])
def test_ellipses(expected):
    assert sentences.split(" ".join(expected)) == expected


@pytest.mark.parametrize("expected", [
    ["The last two left were the driver and I.", "Nobody else stayed."],
    ["The letter was signed by John I. Smith on Friday."],
    ["The vote closed at 8 p.m.", "Mr. Lee conceded an hour later."],
    ["At 6 a.m. Ms. Diaz opened the polls."],
    ["By 9 p.m. Dr. Khan had left the building."],
])
def test_pronoun_i_and_titles_after_a_time(expected):
    assert sentences.split(" ".join(expected)) == expected


def test_news_gold_is_unchanged():
    # The hand-written news gold (tests/sentence_gold.py): every case still right.
    wrong = [(text, sentences.split(text)) for text, expected in cases() if sentences.split(text) != expected]
    assert wrong == []


# --- the word rules and the fast counter ----------------------------------------------------

ADDRESS_TEXTS = [
    "Mail Maria.Lopez@newsroom.example.org or visit https://www.example.com/a/b?id=3 now.",
    "(See www.example.com). Tag #Vote2024 and @CityDesk, open budget_v2.xlsx, update to v3.2.1 at N\u00b0 5.",
    "The files REPORT.PDF and notes.txt came from ftp://files.example.net/pub/ and bbc.co.uk/news.",
    "Write to desk@example.com. Or not: www.Example.co.uk/A/B, http://example.org/x?y=1&z=2#top.",
    "Plain words, U.S. acronyms, 1,000.5 numbers and O\u2019Neill\u2019s hyphen-ated names stay as before.",
]


def test_words_keep_addresses_whole():
    found = terms.words(ADDRESS_TEXTS[0] + " " + ADDRESS_TEXTS[1])
    for address in ["Maria.Lopez@newsroom.example.org", "https://www.example.com/a/b?id=3", "www.example.com",
                    "#Vote2024", "@CityDesk", "budget_v2.xlsx", "v3.2.1", "N\u00b0"]:
        assert address in found
    assert terms.words("see www.example.com.") == ["see", "www.example.com"]  # trailing stop left out


def test_a_url_is_one_token_never_www_or_com():
    for text in ADDRESS_TEXTS:
        for found in (terms.words(text), terms.tokenize(text, stopwords=None)):
            lowered = {w.lower() for w in found}
            assert not lowered & {"www", "com", "org", "net", "http", "https", "ftp", "uk", "pdf", "xlsx"}, found
    assert terms.tokenize("Visit WWW.Example.COM today") == ["visit", "www.example.com", "today"]


def test_addresses_found_alone():
    text = "Mail Jane.Doe@example.com or https://example.com/a?b=1. Thanks @JaneDoe #news #1"
    assert [text[s:e] for s, e in addresses(text)] == [
        "Jane.Doe@example.com", "https://example.com/a?b=1", "@JaneDoe", "#news"]
    assert is_address("bbc.co.uk") and is_address("v2.0") and not is_address("U.S.") and not is_address("end.It")


def test_word_shortcuts_match_the_plain_rules():
    # WORD_PATTERN is WORD_RULES_PATTERN with a look-ahead and two shortcuts: the same matches.
    plain = re.compile(tokens.WORD_RULES_PATTERN)
    rng = np.random.default_rng(3)
    pieces = list("ab AB.,'-_19\n@#/:?=&%~+()!;\"$\u00b0\u00ba\u2019") + [
        "www.", "http://", ".com", ".pdf", "v2", "N", "x@y", "e.g.", "U.S.", "said.", "3.5", "1,000"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces, size=rng.integers(0, 30)))
        assert tokens.WORD.findall(text) == plain.findall(text), repr(text)
    for text in ADDRESS_TEXTS:
        assert tokens.WORD.findall(text) == plain.findall(text)


def test_fast_counter_equals_words_with_addresses():
    rng = np.random.default_rng(4)
    pieces = list("ab AB.,'-_19\n\t@#/:?=&%~+()!\u2014\u201c\u00b0") + [
        "www.", "https://", ".com", ".co.uk", ".pdf", "v2", "N\u00b0", "x@y", " #", "@a", "..", "U.S."]
    texts = ADDRESS_TEXTS + ["".join(rng.choice(pieces, size=rng.integers(0, 30))) for _ in range(3000)]
    for text in texts:
        codes, uniques = coded_words(text)
        assert [uniques[c] for c in codes] == terms.words(text), repr(text)
    for options in ({}, {"stopwords": None}, {"keep_numbers": True}):
        table = terms.term_frequencies(texts, progress=False, n_jobs=1, **options)
        count: dict[str, int] = {}
        for text in texts:
            for term in terms.tokenize(text, **options):
                count[term] = count.get(term, 0) + 1
        assert dict(zip(table["term"], table["count"])) == count


def test_count_matrix_with_addresses_equals_count_vectorizer():
    from sklearn.feature_extraction.text import CountVectorizer

    counts, found = count_matrix(ADDRESS_TEXTS)
    expected = CountVectorizer(analyzer=terms.tokenize).fit(ADDRESS_TEXTS)
    assert found == list(expected.get_feature_names_out())
    assert (counts != expected.transform(ADDRESS_TEXTS)).nnz == 0
    assert "https://www.example.com/a/b?id=3" in found


# --- the syllable table ---------------------------------------------------------------------


def test_shipped_table_is_what_the_script_builds():
    from analysis.text.syllable_table import build

    built = build()
    words, counts, complex_ = table_arrays()
    assert words.to_pylist() == built.column("word").to_pylist()
    assert counts.to_pylist() == built.column("syllables").to_pylist()
    assert complex_.to_pylist() == built.column("complex").to_pylist()
    from analysis.text.syllable_counts import _table_numpy

    # the numpy columns the batch lookup reads (the flags unpacked from their bits)
    assert [a.tolist() for a in _table_numpy()] == [counts.to_pylist(), complex_.to_pylist()]


def test_shipped_table_is_in_arrow_order():
    # The batch lookup finds words by binary search: Arrow's order of the words must be the table's.
    import pyarrow.compute as pc

    words, _, _ = table_arrays()
    assert pc.array_sort_indices(words).to_pylist() == list(range(len(words)))
    assert len(pc.unique(words)) == len(words)


def test_batch_lookup_without_search_sorted_gives_the_same(monkeypatch):
    # pyarrow before 26 has no search_sorted; the lookup then hashes the batch instead.
    import pyarrow.compute as pc

    words = ["readability", "zelenskyy", "created", "the", "aardvark", "zzz", "élan", "a"]
    expected = [a.tolist() for a in word_syllables(words)]
    monkeypatch.delattr(pc, "search_sorted")
    assert [a.tolist() for a in word_syllables(words)] == expected


def test_batch_lookup_takes_large_string_arrays_and_slices():
    # WordStream passes the words as coded_words_arrow read them: a large_string array.
    import pyarrow as pa

    words = ["readability", "zelenskyy", "created", "the", "aardvark", "zzz", "\u00e9lan", "a", ""]
    expected = [a.tolist() for a in word_syllables(words)]
    for array in (pa.array(words, type=pa.large_string()), pa.array(["x"] + words, type=pa.large_string()).slice(1),
                  pa.array([], type=pa.large_string())):
        assert [a.tolist() for a in word_syllables(array)] == [a[: len(array)] for a in expected]


def test_word_properties_mark_the_set_s_words_known_or_not():
    import pyarrow as pa

    from analysis.text.syllable_counts import word_properties
    from analysis.text.tokens import english_stop_words

    stop = english_stop_words()
    words = ["the", "zelenskyy", "amoungst", "cat", "themselves", "blorptastic's", "the", "thickv", ""]
    for given in (words, pa.array(list(dict.fromkeys(words)), type=pa.large_string())):
        syl, known, complex_, marked = word_properties(given, stop)
        listed = given if isinstance(given, list) else given.to_pylist()
        assert marked.tolist() == [w in stop for w in listed]
        assert [a.tolist() for a in (syl, known, complex_)] == [a.tolist() for a in word_syllables(listed)]
    assert not word_properties(words)[3].any()


def test_batch_lookup_agrees_with_the_dictionary():
    # Words of every length, with a zero byte, and outside ASCII; the rows are the table's.
    from analysis.text.syllable_counts import _table_lookup

    table = cmu_table()
    sample = sorted(table)[::997]
    words = sample + [w + "\x00" for w in sample[:20]] + ["a\x00", "\x00", "", "a", "cat", "cats", "catalog",
                                                       "catalogs", "catalogue", "abandons", "abandon", "zzzzzzz",
                                                       "zzzzzzzz", "\u00e9lan", "caf\u00e9", "na\u00efve"]
    words = list(dict.fromkeys(words))
    syl, _, rows = _table_lookup(words)
    assert [n if n >= 0 else None for n in syl.tolist()] == [table.get(w) for w in words]
    assert ((rows >= 0) == (syl >= 0)).all()
    assert table_arrays()[0].take(rows[rows >= 0]).to_pylist() == [w for w in words if w in table]


def test_batch_syllables_equal_the_one_word_path(monkeypatch):
    from analysis.text import syllable_counts

    monkeypatch.setattr(syllable_counts, "_RULED", {})  # the batch rules, not what earlier tests cached
    words = sorted({w.lower() for text, _ in cases() for w in terms.words(text)})
    words += ["jane.doe@example.com", "my-file.pdf", "abc-def's", "@citydesk", "#vote2024", "v3.2.1", "n\u00b0",
              "www.example.co.uk/news", "re-created", "overstated", "zelenskyy's", "blorptastic", "1,000", "3.5",
              "readability", "readability",  # a repeat too
              # compounds of plain parts, and words with a dot or an apostrophe that the rules guess whole
              "seven-year-old", "blorp-fizzington", "anti-establishmentarianism", "6-4", "mid--term", "-led", "x-",
              "\u00e9lan-vital", "10.3", "o'clock", "rock'n'roll", "re-created's", "ex-jane.doe@example.com",
              # possessives of a plain word: a sounded -'s or not, a base the dictionary has or lacks
              "'s", "x's", "bus's", "church's", "fox's", "judge's", "marsh's", "blorptastic's", "1990's",
              "readability's", "o'gara's"]
    syl, known, complex_ = word_syllables(words)
    table = cmu_table()
    for word, n, k, c in zip(words, syl.tolist(), known.tolist(), complex_.tolist()):
        one = lower_syllables(word)
        assert (n, k, c) == (one, word in table, complex_lower(word, one, table.get)), word


def test_an_address_counts_the_syllables_of_its_parts():
    parts = ["jane", "doe", "example", "com"]
    assert sentences.syllables("Jane.Doe@example.com") == sum(sentences.syllables(p) for p in parts)


def test_the_vowel_regex_skips_only_words_it_cannot_match():
    # guess_many runs the regex of vowels sounded apart only over the words that may hold a match;
    # each word's count must be what the regex finds over all of them.
    import random

    import numpy as np

    from analysis.text import syllable_counts as sc

    rng = random.Random(7)
    lists = [["mc", "m", "", "les", "bles", "ables", "mcdonald", "riot", "x", "a", "create", "zoology"]]
    lists += [["".join(rng.choice("aeioulrscdmytgxqn") for _ in range(rng.randint(0, 9)))
               for _ in range(rng.randint(1, 40))] for _ in range(100)]
    for words in lists:
        stripped = "\n".join(words)
        data = np.frombuffer(stripped.encode(), dtype=np.uint8)
        breaks = np.flatnonzero(data == ord("\n"))
        starts = np.concatenate(([0], breaks + 1))
        sizes = np.concatenate((breaks, [len(data)])) - starts
        padded = np.concatenate((np.zeros(4, dtype=np.uint8), data))
        ends = tuple(np.where(sizes >= k, padded[starts + sizes + 4 - k], 0) for k in (1, 2, 3, 4))
        got = sc._hiatus_counts(stripped, data, sc._IS_VOWEL[data], starts, sizes, ends)
        assert got.tolist() == sc._per_word(sc._HIATUS, stripped, starts).tolist(), words
