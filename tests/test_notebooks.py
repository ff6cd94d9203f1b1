"""Every notebook runs (through the same code path as ``make report``) and saves its charts.

The default corpus always runs; the shared corpora run on a sample when ../shared is present,
because each notebook must cope with labels (bbc), dates and sources (news2017), or neither (default).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from analysis import report

NOTEBOOKS = sorted(report.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
PARAMETERS = {"corpus", "group", "freq", "max_articles", "figures_dir"}


def test_the_report_has_notebooks():
    assert [nb.name for nb in NOTEBOOKS][:1] == ["01_corpus_overview.ipynb"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_clean_and_parameterised(notebook: Path):
    nb = json.loads(notebook.read_text())
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), \
        f"{notebook.name} is committed with outputs"
    tagged = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, f"{notebook.name} needs exactly one cell tagged 'parameters'"
    source = "".join(tagged[0]["source"])
    names = {line.split("=")[0].strip() for line in source.splitlines() if "=" in line and not line.startswith("#")}
    assert names == PARAMETERS
    source = "\n".join("".join(c["source"]) for c in code)
    logic = re.findall(r"\bdef |\bclass |\blambda\b|\.(?:groupby|apply|fillna|where|agg)\(", source)
    assert logic == [], f"{notebook.name} holds analysis logic ({logic}): it belongs in the package"
    imports = re.findall(r"^\s*(?:from|import) ([\w.]+)", source, flags=re.M)
    assert [m for m in imports if m.split(".")[0] not in ("analysis", "matplotlib", "IPython")] == [], \
        f"{notebook.name} imports more than the package and matplotlib: {imports}"


def _run(notebook: Path, corpus: str, tmp_path: Path, max_articles=None):
    html = report.run_notebook(notebook, tmp_path, corpus=corpus, max_articles=max_articles,
                               timeout=600, progress=False)
    assert html.exists() and html.stat().st_size > 10_000
    stem = notebook.stem[:2]
    figures = sorted((tmp_path / "figures").glob(f"{stem}_*.png"))
    assert figures, f"{notebook.name} on {corpus} saved no chart named {stem}_*.png"
    assert all(f.stat().st_size > 2_000 for f in figures)
    return html


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_default_corpus(notebook, tmp_path):
    _run(notebook, "default", tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["bbc", "news2017"])
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_shared_corpora(notebook, corpus, tmp_path, request):
    request.getfixturevalue(f"{corpus}_dir")  # skips with a reason when ../shared is absent
    _run(notebook, corpus, tmp_path, max_articles=400)


@pytest.mark.slow
def test_report_run_writes_index_and_charts(tmp_path):
    index = report.run(["default"], tmp_path, notebooks=NOTEBOOKS[:1], max_articles=60, progress=False)
    assert index == tmp_path / "index.html"
    page = tmp_path / "default" / "01_corpus_overview.html"
    assert page.exists() and "01_corpus_overview.html" in index.read_text()
    assert list((tmp_path / "default" / "figures").glob("01_*.png"))


def test_report_refuses_a_missing_corpus_path(tmp_path):
    with pytest.raises(FileNotFoundError, match="neither a named corpus"):
        report.run([str(tmp_path / "nowhere")], tmp_path, progress=False)
