"""Packaging: environment.yml (conda) lists what `make` installs; the core stays light.

`make` installs the package with every extra a user runs (lab, dask) and the dev extra, and so does
`conda env create -f environment.yml`; the two lists must stay equal.
"""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXTRAS_IN_ENVIRONMENT = ("lab", "dask", "dev")


def _key(requirement: str) -> tuple[str, str]:
    """(normalised name, version specifier); extras such as dask[dataframe] are pip-only spellings."""
    m = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*(.*?)\s*", requirement)
    assert m, f"cannot read requirement {requirement!r}"
    return re.sub(r"[-_.]+", "-", m.group(1)).lower(), m.group(3).replace(" ", "")


def _conda_requirements() -> set[tuple[str, str]]:
    lines = (ROOT / "environment.yml").read_text().splitlines()
    start = lines.index("dependencies:")
    reqs = [ln.strip()[2:] for ln in lines[start + 1:] if ln.strip().startswith("- ")]
    return {_key(r) for r in reqs if _key(r)[0] not in {"python", "pip"}}


def _project():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_conda_and_pip_list_the_same_dependencies():
    project = _project()
    extras = project["optional-dependencies"]
    pip = {_key(r) for r in project["dependencies"]}
    for extra in EXTRAS_IN_ENVIRONMENT:
        pip |= {_key(r) for r in extras[extra]}
    conda = _conda_requirements()
    assert pip - conda == set(), f"in pyproject.toml but not environment.yml: {sorted(pip - conda)}"
    assert conda - pip == set(), f"in environment.yml but not pyproject.toml: {sorted(conda - pip)}"


def test_all_extra_is_every_user_extra():
    extras = _project()["optional-dependencies"]
    assert extras["all"] == ["news-analysis[lab,dask]"]


def test_core_leaves_jupyterlab_and_dask_to_extras():
    core = {_key(r)[0] for r in _project()["dependencies"]}
    assert not core & {"jupyterlab", "dask", "distributed", "papermill", "nbconvert", "notebook"}


def test_key_reads_extras_and_specifiers():
    assert _key("dask[dataframe]>=2025.1") == ("dask", ">=2025.1")
    assert _key("scikit_learn >= 1.6") == ("scikit-learn", ">=1.6")


HELPERS = ["analysis", "analysis.corpus", "analysis.terms", "analysis.sentences", "analysis.topics",
           "analysis.plots", "analysis.datasets", "analysis.articles", "analysis.report", "analysis.cli"]


@pytest.mark.parametrize("module", HELPERS)
def test_importing_a_module_imports_neither_dask_nor_jupyter(module):
    code = (f"import sys, {module}\n"
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
            "{'dask', 'distributed', 'jupyter_client', 'ipykernel', 'IPython', 'nbformat', 'zmq', 'jupyterlab'})\n"
            "print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"import {module} imported {out.stdout.strip()}"


def test_every_subpackage_is_packaged():
    """`packages` is an explicit list (the notebooks are mapped in as package data): a new subpackage
    must be added to it, or a plain `pip install .` would leave it out."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "analysis").rglob("__init__.py")}
    assert found - listed == set(), f"add to [tool.setuptools] packages in pyproject.toml: {sorted(found - listed)}"


@pytest.mark.parametrize("module", ["analysis.text", "analysis.corpus", "analysis.terms", "analysis.sentences"])
def test_counting_and_splitting_do_not_import_scikit_learn(module):
    # import sklearn costs about a second, paid again by every worker process and fresh kernel; the English
    # stop list is read from its data module alone.
    code = (f"import sys, {module} as m\n"
            "from analysis.text import tokenize; tokenize('the cat')\n"
            "print('sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
