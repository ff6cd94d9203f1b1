"""The ``news-analysis`` command, in this environment and after a plain ``pip install .`` in a fresh venv."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from analysis import cli

ROOT = Path(__file__).resolve().parents[1]


def _help(*args) -> str:
    out = subprocess.run([sys.executable, "-m", "analysis", *args, "--help"], capture_output=True, text=True,
                         check=True)
    return out.stdout


def test_help_explains_every_option():
    top = _help()
    assert "report" in top and "lab" in top
    text = _help("report")
    for option in ("PATH|NAME", "--out DIR", "--max-articles N", "--group COL", "--freq PERIOD", "--quiet"):
        assert option in text
    # every option has its own sentence, not only its name
    report_parser = cli.parser()._subparsers._group_actions[0].choices["report"]
    for action in report_parser._actions:
        assert action.help and len(action.help) > 20, f"{action.dest} is not explained"
    assert "--dir DIR" in _help("lab")


def test_report_of_a_missing_path_is_a_usage_error(tmp_path, capsys):
    assert cli.main(["report", str(tmp_path / "nowhere"), "--out", str(tmp_path / "r")]) == 2
    assert "neither a named corpus" in capsys.readouterr().err
    assert cli.main(["report", "default", "--max-articles", "0"]) == 2
    assert "--max-articles 0 must be a positive number" in capsys.readouterr().err


def test_lab_copies_the_notebooks_and_keeps_the_users_edits(tmp_path):
    mine = tmp_path / "nb"
    mine.mkdir()
    (mine / "01_corpus_overview.ipynb").write_text("my edits")
    folder = cli.lab_dir(mine)
    names = sorted(p.name for p in folder.glob("*.ipynb"))
    assert names == sorted(p.name for p in cli.lab_dir().glob("[0-9][0-9]_*.ipynb"))
    assert (mine / "01_corpus_overview.ipynb").read_text() == "my edits"


@pytest.mark.slow
def test_plain_pip_install_in_a_fresh_venv_runs_the_report(tmp_path):
    """The acceptance check: `pip install .` (not editable) installs fewer than 60 packages, and
    `news-analysis report default` then works from any folder."""
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    # From a copy: pip builds in the source tree, and a build/ folder left in the checkout could carry
    # stale modules into later wheels.
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv", "build", "*.egg-info", "reports",
                                                               "__pycache__", ".pytest_cache"))
    install = subprocess.run([bin_dir / "python", "-m", "pip", "install", "--quiet", "--progress-bar", "off",
                              str(source)], capture_output=True, text=True, env=env)
    assert install.returncode == 0, install.stderr[-3000:]
    frozen = subprocess.run([bin_dir / "python", "-m", "pip", "list", "--format=freeze", "--exclude", "pip",
                             "--exclude", "setuptools", "--exclude", "wheel"],
                            capture_output=True, text=True, check=True).stdout.split()
    assert len(frozen) < 60, f"{len(frozen)} packages: {frozen}"
    assert not {p.split("==")[0].lower() for p in frozen} & {"dask", "distributed", "jupyterlab", "papermill"}
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run = subprocess.run([bin_dir / "news-analysis", "report", "default", "--out", str(tmp_path / "r")],
                         capture_output=True, text=True, cwd=elsewhere, env=env)
    assert run.returncode == 0, run.stderr[-3000:]
    assert f"Report written: {tmp_path / 'r' / 'index.html'}" in run.stdout
    assert (tmp_path / "r" / "index.html").exists()
    # The log: one timing line per notebook and the total, nothing else (no kernel or debugger warnings).
    log = run.stderr.splitlines()
    notebooks = sorted(p.stem for p in cli.lab_dir().glob("[0-9][0-9]_*.ipynb"))
    assert [line.split(" on ")[0] for line in log[:-1]] == notebooks, run.stderr
    assert all(line.endswith(" s") for line in log), run.stderr
    assert "site-packages" in subprocess.run(
        [bin_dir / "python", "-c", "import analysis; print(analysis.__file__)"], capture_output=True, text=True,
        cwd=elsewhere, env=env).stdout  # the installed copy ran, not this checkout
    lab = subprocess.run([bin_dir / "news-analysis", "lab"], capture_output=True, text=True, cwd=elsewhere, env=env)
    assert lab.returncode == 2 and "pip install 'news-analysis[lab]'" in lab.stderr
