"""The README's API table is checked against the code, so it cannot drift: every call it shows names real
parameters, every column list is what the function returns, and every public function is in it."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis import corpus, datasets, plots, report, sentences, terms, topics
from analysis.corpus import boilerplate, quality

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()
MODULES = {"corpus": corpus, "terms": terms, "sentences": sentences, "topics": topics, "datasets": datasets,
           "report": report, "boilerplate": boilerplate, "quality": quality}


def _table() -> list[tuple[str, str]]:
    section = README[README.index("## Public API"):]
    section = section[: section.index("\nPlots in `analysis.plots`")]
    rows = re.findall(r"^\| `([^`]+)` \| (.+) \|$", section, flags=re.M)
    assert len(rows) > 30, "the API table was not found in README.md"
    return rows


ROWS = _table()


def _call(row: str) -> tuple[str, str, list[str]]:
    m = re.fullmatch(r"(\w+)\.(\w+)\((.*)\)", row)
    assert m, f"cannot read the call {row!r}"
    params = [p.strip().split("=")[0] for p in m.group(3).split(",") if p.strip() not in ("", "*", "/")]
    return m.group(1), m.group(2), params


@pytest.mark.parametrize("row", [r for r, _ in ROWS], ids=[r.split("(")[0] for r, _ in ROWS])
def test_every_call_names_real_parameters(row):
    module, name, params = _call(row)
    func = getattr(MODULES[module], name)
    signature = inspect.signature(func)
    assert [p for p in params if p not in signature.parameters] == []
    # Required parameters are all shown.
    required = [p.name for p in signature.parameters.values() if p.default is p.empty
                and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    assert [p for p in required if p not in params] == []


def test_every_public_function_is_in_the_table():
    listed = {tuple(_call(r)[:2]) for r, _ in ROWS}
    public = {(m, n) for m, module in MODULES.items() for n in getattr(module, "__all__", dir(module))
              if callable(getattr(module, n)) and not n.startswith("_") and not isinstance(getattr(module, n), type)
              and getattr(getattr(module, n), "__module__", "").startswith("analysis")}
    public |= {("topics", "TopicModel")}
    assert public - listed == set()


def test_every_plot_is_listed():
    section = README[README.index("Plots in `analysis.plots`"):]
    section = section[: section.index("\n\n")]
    assert set(re.findall(r"`(\w+)`", section)) - {"analysis"} == set(plots.__all__)


TEXTS = ["Vladimir Putin met Recep Erdogan in Sochi. “We agreed,” Putin said on Monday.",
         "The bank raised interest rates. Markets fell on the news in London.",
         "The striker scored a late goal. Vladimir Putin was not at the match.",
         "Prices rose again. The bank said rates would stay high this year."] * 3
FRAME = pd.DataFrame({"text": TEXTS, "source": ["a", "b", "a", None] * 3,
                      "date": pd.date_range("2017-01-01", periods=len(TEXTS), freq="W")})


# Bodies of three lines with a share bar each: boilerplate for boilerplate.find to find.
BODIES = [f"Rain fell on day {i}.\nRivers rose by {i} cm.\nShare | Tweet | Email" for i in range(12)]


def _runs():
    loaded = corpus.load(FRAME.assign(title="t"), progress=False)
    found = boilerplate.decide(boilerplate.count(BODIES))
    result = topics.cluster(FRAME, k=2, progress=False)
    stats = sentences.article_stats(FRAME, progress=False)
    return {
        "corpus.load": lambda: loaded,
        "corpus.load_report": lambda: corpus.load_report(loaded),
        "corpus.find_duplicates": lambda: corpus.find_duplicates(loaded),
        "corpus.summary": lambda: corpus.summary(loaded),
        "boilerplate.find": lambda: boilerplate.find(BODIES),
        "boilerplate.decide": lambda: found,
        "boilerplate.remove": lambda: boilerplate.remove(BODIES, None, found),
        "quality.quality_table": lambda: quality.quality_table(loaded),
        "terms.term_frequencies": lambda: terms.term_frequencies(FRAME, progress=False),
        "terms.collocations": lambda: terms.collocations(FRAME, min_count=1, progress=False),
        "terms.keyness": lambda: terms.keyness(FRAME, "a", by="source", progress=False),
        "terms.distinctive_terms": lambda: terms.distinctive_terms(FRAME, "source", progress=False).drop(
            columns="source"),
        "terms.trends": lambda: terms.trends(FRAME, "bank", progress=False),
        "terms.kwic": lambda: terms.kwic(FRAME, "bank"),
        "terms.mentions": lambda: terms.mentions(FRAME, progress=False),
        "sentences.quotes": lambda: sentences.quotes(FRAME, progress=False),
        "sentences.speakers": lambda: sentences.speakers(sentences.quotes(FRAME, progress=False)),
        "terms.count_chunk": lambda: terms.count_chunk(TEXTS, None)[0],
        "sentences.sentence_table": lambda: sentences.sentence_table(FRAME, progress=False),
        "sentences.article_stats": lambda: stats,
        "sentences.tables": lambda: sentences.tables(FRAME, progress=False),
        "sentences.compare": lambda: sentences.compare(stats.assign(source=FRAME["source"]), "source"),
        "topics.cluster": lambda: result,
        "topics.choose_k": lambda: topics.choose_k(FRAME, k_range=range(2, 4), progress=False),
        "topics.stability": lambda: topics.stability(FRAME, 2, seeds=[0, 1], progress=False),
        "topics.topics_over_time": lambda: topics.topics_over_time(result, FRAME, freq="M"),
        "topics.topics_by": lambda: topics.topics_by(result, FRAME, by="source"),
        "topics.evaluate": lambda: topics.evaluate(result, FRAME["source"].fillna("x")),
    }


def test_every_column_list_is_what_the_function_returns():
    runs = _runs()
    checked = 0
    for row, returns in ROWS:
        module, name, _ = _call(row)
        lists = [span for span in re.findall(r"`([^`]+)`", returns) if ", " in span and not span.startswith("(")]
        if not lists:
            continue
        key = f"{module}.{name}"
        assert key in runs, f"{key} lists columns in the README but this test does not run it"
        listed = [c.strip() for c in lists[0].split(",") if c.strip() != "[*by]"]
        out = runs[key]()
        if isinstance(out, pd.DataFrame):
            shown = list(out.columns)
            # load's table goes on with the input's own columns after the listed ones.
            shown = shown[: len(listed)] if key == "corpus.load" else shown
            assert shown == listed, key
        else:
            assert [c for c in listed if not hasattr(out, c)] == [], key
        checked += 1
    assert checked == len(runs)
