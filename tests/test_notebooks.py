"""Every notebook runs (through the same code path as ``news-analysis report``) and saves its charts.

The default corpus always runs (the whole report, once per session: see the ``default_report``
fixture); the shared corpora run on a sample when ../shared is present, because each notebook must
cope with labels (bbc), dates and sources (news2017), or neither (default).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from analysis import report

NOTEBOOKS = sorted(report.notebooks_dir().glob("[0-9][0-9]_*.ipynb"))
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


def _check_outputs(out_dir: Path, stem: str, corpus: str):
    page = out_dir / f"{stem}.html"
    assert page.exists() and page.stat().st_size > 10_000
    executed = json.loads((out_dir / f"{stem}.ipynb").read_text())
    assert "error" not in executed["metadata"]["news_analysis"]
    nbformat = pytest.importorskip("nbformat")  # installed with the lab extra, which `make` installs
    nbformat.validate(nbformat.from_dict(executed))  # opens in Jupyter as it is
    figures = sorted((out_dir / "figures").glob(f"{stem[:2]}_*.png"))
    assert figures, f"{stem} on {corpus} saved no chart named {stem[:2]}_*.png"
    assert all(f.stat().st_size > 2_000 for f in figures)
    for png in figures:
        meta = json.loads(png.with_suffix(".json").read_text())
        assert meta["title"] and meta["title"] != png.stem.replace("_", " "), f"{png.name} has no title"
        assert meta["alt"].startswith("Chart") and len(meta["alt"]) > 30, f"{png.name}: alt {meta['alt']!r}"
    # Every chart in the page comes from save_figure (title and alt text), none from a bare plt.show().
    shown = [o for c in executed["cells"] if c["cell_type"] == "code" for o in c["outputs"]
             if "image/png" in o.get("data", {})]
    assert all("news_analysis" in o["metadata"] for o in shown), f"{stem}: a chart was shown without save_figure"
    return page


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_default_corpus(notebook, default_report):
    _check_outputs(default_report / "default", notebook.stem, "default")


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["bbc", "news2017"])
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_shared_corpora(notebook, corpus, tmp_path, request):
    request.getfixturevalue(f"{corpus}_dir")  # skips with a reason when ../shared is absent
    report.run_notebook(notebook, tmp_path, corpus=corpus, max_articles=400, timeout=600)
    _check_outputs(tmp_path, notebook.stem, corpus)


def test_report_refuses_a_missing_corpus_path(tmp_path):
    with pytest.raises(FileNotFoundError, match="neither a named corpus"):
        report.run([str(tmp_path / "nowhere")], tmp_path, progress=False)
