"""environment.yml (conda) and pyproject.toml (pip) must list the same dependencies."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


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


def test_conda_and_pip_list_the_same_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pip = {_key(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]}
    conda = _conda_requirements()
    assert pip - conda == set(), f"in pyproject.toml but not environment.yml: {sorted(pip - conda)}"
    assert conda - pip == set(), f"in environment.yml but not pyproject.toml: {sorted(conda - pip)}"


def test_key_reads_extras_and_specifiers():
    assert _key("dask[dataframe]>=2025.1") == ("dask", ">=2025.1")
    assert _key("scikit_learn >= 1.6") == ("scikit-learn", ">=1.6")
