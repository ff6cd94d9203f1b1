"""Tests of names: finding, folding and resolving in one text (analysis.text.names), merging across the corpus
(analysis.terms.names), and terms.mentions built on them."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from analysis import _parallel, terms
from analysis.terms import names as corpus_names
from analysis.text import name_rules, names

# --- finding -------------------------------------------------------------------------------


def _found(text, rules=name_rules.DEFAULT_RULES):
    return [(m.written, m.name, m.title, m.kind) for m in names.find(text, rules)]


def test_find_offsets_titles_and_kinds():
    text = "Defence Minister Karla Voss met Mr. Brandt's aide. Brandt left, said Gen. Ivo Petrov."
    found = names.find(text)
    for m in found:
        assert text[m.start : m.end] == m.written
    assert _found(text) == [
        ("Defence", "Defence", "", "bare"),  # the words before a title are a mention of their own
        ("Minister Karla Voss", "Karla Voss", "Minister", "full"),
        ("Mr. Brandt", "Brandt", "Mr.", "titled"),
        ("Brandt", "Brandt", "", "bare"),
        ("Gen. Ivo Petrov", "Ivo Petrov", "Gen.", "full"),
    ]


@pytest.mark.parametrize("text,expected", [
    # initials stay in the name as written, and fold away in its key
    ("Senator Paula J. Reyes spoke.", [("Senator Paula J. Reyes", "Paula J. Reyes", "Senator", "full")]),
    # connectors join words; a person "of" a place is two names
    ("The Bank of Lisbon rose.", [("Bank of Lisbon", "Bank of Lisbon", "", "full")]),
    ("She met Omar Haddad of Tripoli.",
     [("Omar Haddad", "Omar Haddad", "", "full"), ("Tripoli", "Tripoli", "", "bare")]),
    # a particle opening a run belongs to the word
    ("Talks with al-Rashid began.", [("al-Rashid", "al-Rashid", "", "bare")]),
    # all-capital words and possessives end a run
    ("KABUL (Reuters) - Nadia Karimi's brother spoke.", [("Nadia Karimi", "Nadia Karimi", "", "full")]),
    # a title with an "of" complement, and the words before a title
    ("City Hall Secretary of Finance Lena Ortiz quit.",
     [("City Hall", "City Hall", "", "full"),
      ("Secretary of Finance Lena Ortiz", "Lena Ortiz", "Secretary of Finance", "full")]),
    # titles alone are no names; a lone capital ending a run is dropped
    ("The Prime Minister left. Vice President Ana Ruiz (D) spoke.",
     [("Vice President Ana Ruiz", "Ana Ruiz", "Vice President", "full")]),
])
def test_find_cases(text, expected):
    assert [f for f in _found(text) if f[3] != "bare" or f in expected] == expected


def test_sentence_openers_are_not_names():
    text = "Yesterday Tomas Berg arrived. It rained yesterday. The Harbour Board met. In Oslo, Berg spoke."
    written = [m.written for m in names.find(text)]
    assert "Tomas Berg" in written and "Harbour Board" in written
    assert not {"Yesterday Tomas Berg", "The Harbour Board", "In", "It", "The"} & set(written)


def test_find_decides_a_sentence_opening_run_by_each_text():
    # A run opening a sentence is decided once and reused, but only where the text answers as the first
    # did: "Boxing" is a name's first word only in a text that never writes "boxing".
    plain = "Boxing Day Test starts. Boxing Day Test sold out."
    lower = "Boxing Day Test starts. The boxing day is near. Boxing Day Test sold out."
    for _ in range(2):
        assert [m.written for m in names.find(plain)] == ["Boxing Day Test", "Boxing Day Test"]
        assert [m.written for m in names.find(lower)] == ["Day Test", "Day Test"]


def test_find_bad_input():
    assert names.find("") == [] and names.find(None) == []
    assert names.find("ALL CAPS HEADLINE ONLY") == []
    text = "A" * 10_000 + " Bb" * 5_000
    assert len(names.find(text)) >= 1  # linear, no crash


# --- keys and resolving in one article ----------------------------------------------------


def test_name_key_folds_initials_and_particles():
    assert names.name_key("Paula J. Reyes") == names.name_key("Paula Reyes") == "paula reyes"
    assert names.name_key("Hamid al-Rashid") == names.name_key("Hamid Rashid")
    assert names.clean_name("Paula J. Reyes") == "Paula Reyes"


def test_person_like():
    assert names.is_person_like("Paula Reyes")
    assert not names.is_person_like("Harbour Board")  # organisation word
    assert not names.is_person_like("North Valdera")  # place word
    assert not names.is_person_like("Bank of Lisbon")
    assert not names.is_person_like("Paula Reyes Jr")  # another person


def test_resolve_within_the_article():
    text = ("Mr Haddad arrived early. Omar Haddad, the envoy, met Senator Ruth Haddad and her aide. "
            "Later Haddad spoke. In May, prices rose. May said nothing.")
    found = names.find(text)
    resolved = names.resolve(found, text)
    shown = {(m.written, m.start): r.display if r else None for m, r in zip(found, resolved)}
    # before any full name: the first one after it; later: the nearest one before
    assert shown[("Mr Haddad", 0)] == "Omar Haddad"
    late = [r for m, r in zip(found, resolved) if m.written == "Haddad"][0]
    assert late.status == names.AMBIGUOUS and late.display == "Ruth Haddad"
    # a month is never a surname standing alone
    assert all(r is None for m, r in zip(found, resolved) if m.name == "May")


_COUNTED_TEXTS = [
    # a surname two people carry (nearest by position), after a title, alone, and a month
    "Mr Haddad arrived early. Omar Haddad met Senator Ruth Haddad. Later Haddad spoke. May said nothing.",
    # one person under several forms, a key two full names share, an initial that must match
    "Donald J. Trump spoke. Donald Trump left, and Trump waved. J Pike met Andy Pike; Pike scored.",
    # a capitalised word the text also uses in lowercase, a full name whose surname is never alone
    "Yesterday Lena Osei flew home. She said yesterday that Osei Airways lost bags. Yesterday ended.",
    # forms decided alone: names whose surnames nothing else in the article uses
    "Talks in Geneva: the White House and Bank of Lisbon met Karla Voss's aide. Geneva was calm.",
    "",
]


@pytest.mark.parametrize("check_bare", [True, False])
@pytest.mark.parametrize("text", _COUNTED_TEXTS)
def test_resolved_counts_equal_find_and_resolve_counted(text, check_bare):
    # The worker's path (each form decided once) must give what resolving every mention gives.
    found = names.find(text)
    expected: dict = {}
    for m, r in zip(found, names.resolve(found, text, check_bare=check_bare)):
        form = (m.written, m.name, m.title, m.kind)
        expected[(form, r)] = expected.get((form, r), 0) + 1
    counted = names.resolved_counts(text, check_bare=check_bare)
    # Same pairs, same counts, in the same order of first mention (merge's ties depend on it).
    assert [((form, r), n) for form, r, n in counted] == list(expected.items())


def test_resolve_initial_must_match():
    text = "Andy Pike scored. J Pike also played, and Pike was named man of the match."
    found = names.find(text)
    shown = [(m.written, r.display) for m, r in zip(found, names.resolve(found, text)) if r]
    assert ("J Pike", "J Pike") in shown and ("Pike", "Andy Pike") in shown


def test_bare_word_used_in_lowercase_is_no_surname():
    text = "Hana Trust spoke. Trust in the plan is low, and trust matters."
    found = names.find(text)
    resolved = dict(zip([(m.written, m.start) for m in found], names.resolve(found, text)))
    assert resolved[("Trust", text.index("Trust in"))] is None


# --- merging across the corpus ----------------------------------------------------------------


def _merged(texts, rules=name_rules.DEFAULT_RULES):
    rows = corpus_names.mention_rows(texts, [str(i) for i in range(len(texts))], rules)
    return corpus_names.merge(rows, rules)


def test_merge_titled_surname_from_the_corpus():
    merged = _merged(["Yusuf Demir, the mayor, opened the bridge.", "Mr Demir was not there."])
    assert merged.set_index("written").loc["Mr Demir", "name"] == "Yusuf Demir"


def test_merge_keeps_offices_and_honorifics_apart():
    merged = _merged(["The State Department and General Motors agreed.", "Dr Quist spoke. Mr Quist left."])
    names_of = dict(zip(merged["written"], merged["name"]))
    assert names_of["State Department"] == "State Department"
    assert names_of["General Motors"] == "General Motors"  # "Motors" is nobody's surname
    assert names_of["Dr Quist"] == names_of["Mr Quist"] == "Quist"  # a person known by surname only


def test_merge_dominance_and_ambiguity():
    texts = ["Lara Weiss spoke."] * 4 + ["Tom Weiss spoke."] + ["Mr Weiss left."]
    assert _merged(texts).set_index("written").loc["Mr Weiss", "name"] == "Lara Weiss"
    even = ["Lara Weiss spoke.", "Tom Weiss spoke.", "Mr Weiss left."]
    assert _merged(even).set_index("written").loc["Mr Weiss", "name"] == "Weiss"  # no dominant person


def test_bare_word_joins_a_corpus_person_only_when_articles_usually_name_them():
    # "Holm" is usually introduced in full: a bare "Holm" elsewhere is that person.
    person = ["Greta Holm spoke. Holm left."] * 3 + ["Holm said no."]
    merged = _merged(person)
    assert merged[merged["doc_id"] == "3"]["name"].tolist() == ["Greta Holm"]
    # "Kingston" the city is rarely introduced as a person: no merge, and no row.
    city = ["Paul Kingston spoke."] + ["Flights to Kingston resumed."] * 5
    merged = _merged(city)
    assert "Kingston" not in set(merged["written"])


def test_merge_of_deferred_bare_word_checks_equals_the_checked_rows():
    # mentions() leaves the lowercase test of bare words to the merge (check_bare=False): the merge
    # must come out exactly as when every article checks its own bare words.
    texts = (["Greta Holm spoke. Holm left."] * 3
             + ["Holm said no.", "They walked past Holm and the holm oaks.", "Flights to Kingston resumed.",
                "Paul Kingston spoke. Mr Kingston left.", "Trust in Holm is low, and trust matters."])
    doc_ids = list(range(len(texts)))
    checked = corpus_names.merge(corpus_names.mention_rows(texts, doc_ids))
    rows = corpus_names.mention_rows(texts, doc_ids, check_bare=False)
    assert (rows["status"] == names.UNCHECKED).any()
    pd.testing.assert_frame_equal(corpus_names.merge(rows, texts=texts), checked)
    assert checked[checked["doc_id"] == 3]["name"].tolist() == ["Greta Holm"]
    assert 4 not in set(checked["doc_id"])  # "holm" in lowercase there: no name
    with pytest.raises(ValueError, match="texts="):
        corpus_names.merge(rows)


@pytest.mark.parametrize("share", [0.2, 0.5, 0.9])
def test_deferred_bare_word_checks_stop_once_the_surname_is_settled(monkeypatch, share):
    # "Holm" is resolved in two articles and left open in many: once enough of them are known to leave
    # it open, no bare "Holm" can join Greta Holm, and the other articles are not read.
    monkeypatch.setattr(corpus_names, "BARE_RESOLVED_SHARE", share)
    texts = (["Greta Holm spoke. Holm left."] * 2 + ["Holm said no."] * 6 + ["Past the holm oaks. Holm."] * 2
             + ["Holm agreed.", "The holm oak. Holm.", "Holm won."])
    doc_ids = list(range(len(texts)))
    checked = corpus_names.merge(corpus_names.mention_rows(texts, doc_ids))
    reads = []

    def counted(text, word):
        reads.append(word)
        return names.used_in_lowercase(text, word)

    monkeypatch.setattr(corpus_names, "used_in_lowercase", counted)
    rows = corpus_names.mention_rows(texts, doc_ids, check_bare=False)
    pd.testing.assert_frame_equal(corpus_names.merge(rows, texts=texts), checked)
    if share == 0.5:
        assert len(reads) == 3  # two articles may leave it open; the third open one settles it
        assert set(checked["doc_id"]) == {0, 1}


def test_merge_empty():
    assert _merged([]).empty
    assert list(_merged([]).columns) == ["doc_id", "written", "key", "name", "count"]


def test_rules_are_validated():
    with pytest.raises(TypeError, match="collection of lowercase words"):
        name_rules.NameRules(titles="mr")
    with pytest.raises(TypeError, match="NameRules"):
        name_rules.rules_with(rules="default")


# --- terms.mentions -------------------------------------------------------------------------------


def test_mentions_variants_and_per_article():
    texts = ["Prime Minister Ilse Varga spoke. Varga left.", "Mrs Varga returned. Ilse Varga smiled."]
    table = terms.mentions(texts, progress=False)
    assert list(table.columns) == ["name", "count", "doc_count", "variants"]
    row = table.set_index("name").loc["Ilse Varga"]
    assert (row["count"], row["doc_count"]) == (4, 2)
    assert row["variants"] == "Ilse Varga (1); Mrs Varga (1); Prime Minister Ilse Varga (1); Varga (1)"
    per_article = terms.mentions(texts, by="doc_id", progress=False)
    assert list(per_article.columns) == ["doc_id", "name", "count", "doc_count", "variants"]
    assert per_article["count"].tolist() == [2, 2] and per_article["doc_id"].tolist() == ["0", "1"]


def test_mentions_by_groups_and_per_article():
    df = pd.DataFrame({"text": ["Prime Minister Ilse Varga spoke. Varga left.", "Mrs Varga returned.",
                                "Ilse Varga smiled. Omar Haddad nodded."],
                       "source": ["wire", None, "wire"]}, index=[10, 11, 12])
    overall = terms.mentions(df, progress=False).set_index("name")
    by_source = terms.mentions(df, by="source", progress=False)
    assert list(by_source.columns) == ["source", *terms.MENTION_COLUMNS]
    # the corpus merges first ("Mrs Varga" alone in its article is still Ilse Varga), then groups split the rows
    assert by_source["source"].tolist() == ["wire", "wire", "(unknown)"]
    assert by_source.groupby("name")["count"].sum().to_dict() == overall["count"].to_dict()
    assert by_source.set_index(["source", "name"]).loc[("(unknown)", "Ilse Varga"), "variants"] == "Mrs Varga (1)"
    # doc_id by the package's rule (the index of a table without a doc_id column), also with other columns
    per_article = terms.mentions(df, by=["source", "doc_id"], progress=False)
    assert per_article[["source", "doc_id"]].drop_duplicates().values.tolist() == [
        ["wire", "10"], ["wire", "12"], ["(unknown)", "11"]]
    assert per_article["doc_count"].eq(1).all()
    with pytest.raises(ValueError, match="by='label': no column 'label'"):
        terms.mentions(df, by="label", progress=False)
    with pytest.raises(ValueError, match="min_count=0"):
        terms.mentions(df, min_count=0, progress=False)


def test_mentions_settings_reach_the_workers(monkeypatch):
    # Small batches, so that several go to the process pool.
    monkeypatch.setattr(_parallel, "CHUNK_CHARS", 400)
    texts = ["Comrade Oleg Ivanov spoke at the plant. Ivanov left."] * 40
    default = terms.mentions(texts, progress=False, n_jobs=2)
    assert "Comrade Oleg Ivanov" in set(default["name"])
    custom = terms.mentions(texts, titles=terms.NAME_TITLES | {"comrade"}, progress=False, n_jobs=2)
    assert custom.set_index("name").loc["Oleg Ivanov", "count"] == 80
    no_of = terms.mentions(["The Bank of Lisbon rose."], connectors=[], progress=False)
    assert "Bank of Lisbon" not in set(no_of["name"])


def test_mentions_joins_batches_with_and_without_names(monkeypatch):
    # Each batch sends its rows column by column; a batch without a name sends none.
    texts = (["Prime Minister Ilse Varga spoke. Varga left.", "", "no names here at all.", "Mrs Varga returned.",
              "it rained.", "Ilse Varga smiled. Omar Haddad nodded. Haddad left."] * 3)
    whole = terms.mentions(texts, by="doc_id", progress=False, n_jobs=1)
    monkeypatch.setattr(_parallel, "CHUNK_CHARS", 40)
    pd.testing.assert_frame_equal(terms.mentions(texts, by="doc_id", progress=False, n_jobs=1), whole)
    assert whole.groupby("name")["count"].sum().to_dict() == {"Ilse Varga": 12, "Omar Haddad": 6}
    assert terms.mentions(["no names", ""], progress=False, n_jobs=1).empty


def test_rules_value_passes_to_functions():
    rules = replace(name_rules.DEFAULT_RULES, organisation_words=name_rules.ORGANISATION_WORDS | {"pike"})
    assert not names.is_person_like("Andy Pike", rules)


# --- the shared and built-in corpora -------------------------------------------------------------


@pytest.fixture(scope="module")
def default_corpus():
    from analysis import datasets

    pytest.importorskip("gensim")
    return datasets.load_corpus("default", progress=False)


def test_default_corpus_arafat_is_one_person(default_corpus):
    table = terms.mentions(default_corpus, progress=False)
    arafat = table[table["name"].str.contains("Arafat")]
    assert arafat["name"].tolist()[0] == "Yasser Arafat"
    assert arafat["count"].iloc[0] >= 80
    assert not table["name"].str.match(r"(?:Mr|Mrs|Ms|Dr)\.? ").any()
    assert "Ariel Sharon" in set(table["name"]) and "Mr Sharon" not in set(table["name"])


@pytest.mark.slow
def test_news2017_trump_variants_are_one_row(news2017):
    table = terms.mentions(news2017, progress=False)
    assert table["name"].iloc[0] == "Donald Trump"
    variants = table.set_index("name").loc["Donald Trump", "variants"]
    assert "Donald J. Trump (" in variants and "President Trump (" in variants
    assert not {"Donald J. Trump", "President Trump", "Mr. Trump"} & set(table["name"])


@pytest.mark.slow
def test_bbc_merges_have_no_city_or_month_surnames(bbc):
    table = terms.mentions(bbc, progress=False).set_index("name")
    assert "Mr Blair (" in table.loc["Tony Blair", "variants"]
    # a month or a city never joins a person as a surname
    for name, variants in table["variants"].items():
        forms = [v.rsplit(" (", 1)[0] for v in variants.split("; ")]
        assert not {"May", "London", "Washington"} & set(forms), name


# Articles that exercise every count the merge takes from the whole corpus: people named in full (and one
# surname two of them share), surnames resolved in some articles and left open in others, a surname
# after an honorific, an initial, and a word used in lowercase.
_CORPUS = (["Greta Holm spoke. Holm left.", "Holm said no.", "Dr Quist met Greta Holm.", "The holm oaks. Holm.",
            "Anna Berg and Jonas Berg met. Berg spoke.", "Anna Berg won. Berg smiled.", "Mr Berg left.",
            "J. Holm wrote.", "Holm agreed.", "Paul Kingston spoke.", "Flights to Kingston resumed.",
            "", "no names at all.", "Kingston and Holm and Berg.", "Greta Holm spoke. J. Holm replied."] * 2)


def test_batch_counts_add_up_to_the_corpus():
    # The workers count articles per person, per self-resolved surname and per open bare surname batch
    # by batch; summed, wherever the batches are cut, they are the counts of the whole corpus.
    rules = name_rules.DEFAULT_RULES
    rows = corpus_names.mention_rows(_CORPUS, range(len(_CORPUS)), check_bare=False)
    at = {c: rows[c].to_numpy() for c in rows.columns}
    doc_ids = at["doc_id"].astype("int64")
    settled = rows["status"].isin([names.NAMED, names.AMBIGUOUS]).to_numpy()
    pending = (rows["status"] == names.PENDING_BARE).to_numpy()
    people = corpus_names._people_articles(doc_ids, at["key"], at["person"].astype(bool))
    resolving = corpus_names._resolving_articles(doc_ids, at["written"], at["key"], settled, rules)
    assert (people["greta holm"], people["anna berg"], dict(resolving)) == (6, 4, {"holm": 2, "berg": 4})
    assert pending.sum() == 2  # "J. Holm" beside Greta Holm: not hers, left to the corpus
    for cuts in ([], [1], [5, 6], [3, 9, 14, 20], list(range(1, len(_CORPUS)))):
        bounds = [0, *cuts, len(_CORPUS)]
        batches = [corpus_names._batch_parts(_CORPUS[a:b], range(a, b), rules) for a, b in zip(bounds, bounds[1:])]
        assert corpus_names._summed([b.people for b in batches]) == people
        assert corpus_names._summed([b.resolving for b in batches]) == resolving
        assert sum(len(b.rows[0]) + len(b.unchecked[0][0] if b.unchecked else ()) for b in batches
                   if b.rows is not None or b.unchecked is not None) == len(rows)
        opened = {}
        for b in batches:
            for key, docs in b.open_articles.items():
                opened.setdefault(key, set()).update(docs)
        assert opened == corpus_names._open_articles(at["key"][pending], doc_ids[pending])


@pytest.mark.parametrize("chunk", [40, 400, 2_000_000])
@pytest.mark.parametrize("n_jobs", [1, 2])
def test_mentions_equals_the_merge_of_the_whole_corpus(monkeypatch, chunk, n_jobs):
    # mentions() counts per batch and checks bare words before its table is made; whatever the batches
    # and the processes, its table is the one merge() gives of the whole corpus's rows, grouped.
    monkeypatch.setattr(_parallel, "CHUNK_CHARS", chunk)
    texts = _CORPUS * 3
    merged = corpus_names.merge(corpus_names.mention_rows(texts, range(len(texts))))
    table = terms.mentions(texts, progress=False, n_jobs=n_jobs).set_index("name")
    grouped = merged.groupby("name")
    assert table["count"].to_dict() == grouped["count"].sum().to_dict()
    assert table["doc_count"].to_dict() == grouped["doc_id"].nunique().to_dict()
    assert table["variants"].to_dict() == corpus_names.variants(merged, ["name"]).to_dict()
    per_article = terms.mentions(texts, by="doc_id", progress=False, n_jobs=n_jobs)
    expected = merged.groupby(["doc_id", "name"])["count"].sum()
    got = per_article.set_index(["doc_id", "name"])["count"].to_dict()
    assert got == {(str(doc), name): n for (doc, name), n in expected.items()}  # texts: doc ids "0", "1", ...
