"""The report's pieces: notebook execution in a kernel, reader pages, the front page, alt text."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import report
from analysis.report import execute, figures, frontpage, pages


def _notebook(*sources, tags=None):
    cells = [{"cell_type": "code", "metadata": {"tags": ["parameters"]}, "source": "x = 1",
              "outputs": [], "execution_count": None}]
    cells += [{"cell_type": "code", "metadata": {}, "source": s, "outputs": [], "execution_count": None}
              for s in sources]
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells}


@pytest.mark.slow
def test_kernel_runs_cells_in_order_and_stops_at_the_first_error(tmp_path):
    nb = execute.inject_parameters(_notebook("print('x is', x)", "x * 10", "1 / 0", "print('never')"), {"x": 4})
    done = execute.execute_notebook(nb, tmp_path)
    code = [c for c in done["cells"] if c["cell_type"] == "code"]
    assert code[2]["outputs"][0]["text"] == ["x is 4\n"]
    assert code[3]["outputs"][0]["data"]["text/plain"] == "40"
    assert code[4]["outputs"][0]["ename"] == "ZeroDivisionError"
    assert code[5]["outputs"] == [] and code[5]["execution_count"] is None
    assert done["metadata"]["news_analysis"]["error"] == {"cell": 4, "message": "ZeroDivisionError: division by zero"}
    assert list(tmp_path.iterdir()) == []  # the kernel's sockets live elsewhere, and are gone


@pytest.mark.slow
def test_kernel_shows_tables_short_with_the_full_csv(tmp_path):
    from analysis.report import kernel

    nb = _notebook("import pandas as pd\npd.DataFrame({'n': range(25)})")
    done = execute.execute_notebook(nb, tmp_path, setup=kernel.setup_code(tmp_path / "tables", "nb"))
    html = done["cells"][1]["outputs"][0]["data"]["text/html"]
    assert "first 10 of 25 rows" in html and 'href="tables/nb_table1.csv"' in html
    assert html.count("<tr") == 11
    assert len((tmp_path / "tables" / "nb_table1.csv").read_text().splitlines()) == 26


def test_inject_parameters_needs_exactly_one_parameters_cell():
    nb = _notebook()
    nb["cells"].append(dict(nb["cells"][0]))
    with pytest.raises(ValueError, match="exactly one cell tagged 'parameters'; found 2"):
        execute.inject_parameters(nb, {"x": 2})
    twice = execute.inject_parameters(execute.inject_parameters(_notebook(), {"x": 2}), {"x": 3})
    assert [c["source"] for c in twice["cells"]] == ["x = 1", "# Parameters of this run\nx = 3\n"]


def test_describe_figure_names_the_largest_bars_and_the_axes():
    fig, ax = plt.subplots()
    ax.bar([0, 1, 2], [3, 12, 7], tick_label=["rain", "sun", "snow"])
    ax.set_title("Weather")
    ax.set_ylabel("days")
    fig.canvas.draw()
    assert report.describe_figure(fig) == "Chart: Weather. 3 bars; largest: sun (12), snow (7), rain (3). y axis: days"


def test_describe_figure_of_panels_and_lines():
    fig, (left, right) = plt.subplots(1, 2)
    left.plot([1, 2], [3, 4], label="a")
    left.plot([1, 2], [4, 5], label="b")
    left.set_title("Left")
    right.scatter([1, 2, 3], [1, 2, 3])
    fig.suptitle("Both")
    fig.canvas.draw()
    assert report.describe_figure(fig) == "Chart: Both. Panel 1: Left. 2 lines: a, b. Panel 2: 3 points."
    assert figures.figure_title(fig) == "Both"


def test_save_figure_outside_a_kernel_only_saves(tmp_path):
    fig, ax = plt.subplots()
    ax.plot([1, 2])
    ax.set_title("Line")
    assert report.save_figure(ax, "one", tmp_path) is fig
    assert plt.fignum_exists(fig.number)  # not closed: nothing was shown in its place
    assert json.loads((tmp_path / "one.json").read_text())["title"] == "Line"
    with pytest.raises(ValueError, match="'a b'"):
        report.save_figure(fig, "a b", tmp_path)


def test_reader_page_folds_code_and_keeps_outputs():
    nb = execute.inject_parameters(_notebook("print('hello')"), {"x": 2})
    nb["cells"].insert(0, {"cell_type": "markdown", "metadata": {}, "source": "# 09 · Demo\n\nIt shows `x`."})
    nb["cells"][3]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["hello\n"]},
                                 {"output_type": "display_data", "metadata": {},
                                  "data": {"text/html": report.figures.figure_html("figures/a.png", "A", "Chart: A", "09_a"),
                                           "text/plain": "<chart>"}}]
    page = pages.notebook_html(nb, name="09_demo", ipynb_href="09_demo.ipynb", home_href="../index.html",
                               corpus_label="Corpus: default")
    assert "<title>09 · Demo</title>" in page
    assert '<details class="code"><summary>code</summary><pre>print(&#x27;hello&#x27;)</pre></details>' in page
    assert "x = 2" in page and "x = 1" not in page  # the run's values, not the defaults
    assert '<pre class="stdout">hello</pre>' in page
    assert 'id="fig-09_a"' in page and 'alt="Chart: A"' in page
    assert 'href="09_demo.ipynb"' in page and 'href="../index.html"' in page
    assert not re.search(r"(src|href)=\"https?:", page)


def test_reader_page_marks_where_a_notebook_stopped():
    nb = _notebook("1 / 0")
    nb["cells"][1]["outputs"] = [{"output_type": "error", "ename": "ZeroDivisionError", "evalue": "division by zero",
                                  "traceback": ["\x1b[31mZeroDivisionError\x1b[39m: division by zero"]}]
    nb["metadata"]["news_analysis"] = {"error": {"cell": 1, "message": "ZeroDivisionError: division by zero"}}
    page = pages.notebook_html(nb, name="x", ipynb_href="x.ipynb")
    assert "This notebook stopped here: ZeroDivisionError" in page and "\x1b" not in page


def _write_csv(path: Path, rows: list[dict]):
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_summary_card_reads_the_overview_and_shows_boilerplate_when_present(tmp_path):
    overview = [{"measure": "articles", "value": "2225"}, {"measure": "sources", "value": "1"},
                {"measure": "labels", "value": "5"}, {"measure": "first date", "value": "2017-01-02 10:00:00"},
                {"measure": "last date", "value": "2017-12-30 00:00:00"}, {"measure": "duplicates", "value": "98"}]
    _write_csv(tmp_path / "figures" / "01_overview.csv", overview)
    facts = dict(frontpage.summary_facts(tmp_path))
    assert facts == {"articles": "2,225", "sources": "1", "labels": "5", "dates": "2017-01-02 to 2017-12-30",
                     "duplicates found": "98"}
    _write_csv(tmp_path / "figures" / "01_overview.csv",
               overview + [{"measure": "boilerplate lines removed", "value": "1432"}])
    assert dict(frontpage.summary_facts(tmp_path))["boilerplate lines removed"] == "1,432"


def test_summary_card_without_dates_or_overview(tmp_path):
    assert frontpage.summary_facts(tmp_path) == []
    _write_csv(tmp_path / "figures" / "01_overview.csv",
               [{"measure": "articles", "value": "3"}, {"measure": "first date", "value": "NaT"}])
    assert frontpage.summary_facts(tmp_path) == [("articles", "3"), ("dates", "none in the articles")]


@pytest.mark.slow
def test_front_page_of_the_default_report(default_report):
    index = (default_report / "index.html").read_text()
    for label in ("articles", "sources", "dates", "duplicates found"):
        assert f"<dt>{label}</dt>" in index
    assert "<dt>articles</dt><dd>300</dd>" in index
    topics = list(csv.DictReader((default_report / "default" / "figures" / "04_topics.csv").open()))
    assert f"{len(topics)} topics found" in index
    assert all(t["name"] in index for t in topics)
    thumbs = re.findall(r'<a href="([^"]+)"><img src="([^"]+)" alt="([^"]+)"', index)
    assert len(thumbs) >= 4
    for href, src, alt in thumbs:
        page, anchor = href.split("#")
        assert f'id="{anchor}"' in (default_report / page).read_text()
        assert (default_report / src).exists() and alt.startswith("Chart")
    run = json.loads((default_report / "default" / "run.json").read_text())
    assert [nb["error"] for nb in run["notebooks"]] == [None] * 4
    assert all(nb["seconds"] > 0 for nb in run["notebooks"])


@pytest.mark.slow
def test_reader_pages_have_short_tables_linked_to_full_csv(default_report):
    folder = default_report / "default"
    page = (folder / "02_term_frequencies.html").read_text()
    links = re.findall(r'href="(tables/[^"]+\.csv)">full table', page)
    assert links
    for link in links:
        assert (folder / link).exists()
    longest = max(len((folder / link).read_text().splitlines()) for link in links)
    assert longest > 11  # a long table exists in full as CSV ...
    assert max(t.count("<tr") for t in re.findall(r"<table.*?</table>", page, re.S)) <= 11  # ... shown short


@pytest.mark.slow
def test_a_failing_notebook_is_reported_and_the_others_still_run(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name, source in (("01_fine", "print(corpus)"), ("02_broken", "1 / 0")):
        nb = _notebook(source)
        nb["cells"][0]["source"] = "corpus = None\ngroup = None\nfreq = None\nmax_articles = None\nfigures_dir = None"
        nb["cells"].insert(0, {"cell_type": "markdown", "metadata": {}, "source": f"# {name}\n\nA test notebook."})
        execute.write_notebook(nb, folder / f"{name}.ipynb")
    with pytest.raises(RuntimeError, match=r"02_broken.ipynb on default: CellError: 02_broken.ipynb: cell \d+ raised "
                                           r"ZeroDivisionError"):
        report.run(["default"], tmp_path / "out", notebooks=sorted(folder.glob("*.ipynb")), progress=False,
                   log=lambda line: None)
    index = (tmp_path / "out" / "index.html").read_text()
    assert '<a href="default/01_fine.html">01_fine</a>' in index
    assert 'failed: CellError' in index and 'href="default/02_broken.ipynb"' in index
    page = (tmp_path / "out" / "default" / "02_broken.html").read_text()
    assert "This notebook stopped here: ZeroDivisionError" in page
    run = json.loads((tmp_path / "out" / "default" / "run.json").read_text())
    assert [nb["error"] is None for nb in run["notebooks"]] == [True, False]


def test_load_corpus_keeps_the_corpus_for_the_next_notebook(tmp_path, monkeypatch):
    from analysis import corpus, datasets

    monkeypatch.setenv(datasets.CACHE_ENV, str(tmp_path))
    first = datasets.load_corpus("default", max_articles=30, progress=False)
    assert len(list(tmp_path.iterdir())) == 1
    again = datasets.load_corpus("default", max_articles=30, progress=False)
    pd.testing.assert_frame_equal(first, again)
    pd.testing.assert_frame_equal(corpus.load_report(first), corpus.load_report(again))
    datasets.load_corpus("default", max_articles=31, progress=False)  # another sample is kept apart
    assert len(list(tmp_path.iterdir())) == 2
