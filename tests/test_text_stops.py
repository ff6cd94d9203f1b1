"""The batch scan of candidate sentence ends (analysis.text.stops) and the batch splitter built on it:
the same ends as the splitter text by text. Every text here is written for these tests."""

from __future__ import annotations

import random

import pytest

from analysis.text.splitter import SplitRules, batch_sentence_ends, sentence_ends, split_rules
from analysis.text.stops import scan
from sentence_gold import cases, held_out


def test_scan_decides_the_plain_kinds_and_leaves_the_rest():
    text = "Rain fell. Mr. Smith left. “Why?” he asked. Pi is 3.14 and U.S. rates rose.\n\nThe end."
    (decided, others), = scan([text], split_rules().abbreviations)
    assert [text[:e].rsplit(None, 1)[-1] for e in decided] == ["fell.", "left.", "asked.", "rose.", "end."]
    # Not decided: an abbreviation, a question mark, and U.S. before a lowercase word.
    assert [text[s:e] for s, e in others] == [".", "?”", "."]
    assert [text[s - 2:s] for s, _ in others] == ["Mr", "hy", ".S"]


def test_scan_reads_the_abbreviations_it_is_given():
    text = "The storm hit Fla. Then it turned."
    assert scan([text], frozenset())[0] == ([18, 34], [])
    assert scan([text], frozenset({"fla"}))[0] == ([34], [(17, 18)])


def test_scan_of_texts_without_stops():
    assert scan([], frozenset()) == []
    assert scan(["", "  \n", "no stop here"], frozenset()) == [([], []), ([], []), ([], [])]


_PIECES = ["Mr", "mr", "Dr", "U.S", "a.m", "p.m", "Inc", "No", "Jan", "I", "A", "x" * 39, "y" * 40, "z" * 41,
           "Élan", "éclair", "The", "the", "said", "tweeted", "www", "ann.lee@example.org", "1", "22", "333", "a",
           "Officials", "were", "Abbreviations", "abcdefghi", ". . .", "[...]", "1.)", "2.)", "b.", "c."]
_MARKS = list(".!?…\"'”’»›)]}“‘«‹([{-@/,;:0123456789ÉÖüσ中😀\x7f\ud800")
_SPACES = [" ", "  ", "\n", "\n\n", "\n \n", "\t", "\r\n", "\xa0", "\u2028", "\x1c", " " * 12, "\n" * 3]


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(0, 50)):
            r = rng.random()
            parts.append(rng.choice(_PIECES) if r < 0.45 else rng.choice(_MARKS) if r < 0.8 else rng.choice(_SPACES))
        out.append("".join(parts))
    return out


_CUSTOM = SplitRules(frozenset({"mr", "abbreviations", "abcdefghi", "élan"}), frozenset({"inc", "u.s"}),
                     frozenset({"no", "jan"}), frozenset({"the", "officials"}), frozenset({"said", "tweeted"}),
                     frozenset({"mr", "abbreviations", "abcdefghi", "élan", "inc", "u.s", "no", "jan"}))


@pytest.mark.parametrize("rules", [None, _CUSTOM], ids=["default", "custom"])
def test_batch_agrees_with_the_splitter_text_by_text(rules):
    texts = _texts(3000, seed=13) + [text for text, _ in cases() + held_out()]
    for k in range(0, len(texts), 400):
        batch = texts[k:k + 400]
        assert batch_sentence_ends(batch, rules) == [sentence_ends(t, rules) for t in batch]


def test_batch_refuses_what_is_not_a_str():
    with pytest.raises(TypeError, match="not a str"):
        batch_sentence_ends(["Fine.", None])


def test_long_runs_after_a_stop_are_read_in_linear_time():
    import time

    texts = ["It ended." + "”" * 200_000 + " Then", "It ended." + " " * 200_000 + "Then", "Fine. " * 50_000]
    start = time.perf_counter()
    got = batch_sentence_ends(texts)
    assert time.perf_counter() - start < 5  # a character at a time for all of them would take minutes
    assert got == [sentence_ends(t) for t in texts]
