"""Shared fixtures: the shared corpora (skipped with a reason when absent) and a clean matplotlib state."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ANALYSIS_SHARED", ROOT.parent / "shared"))
CORPORA = SHARED / "corpora"
SEED = SHARED / "seed"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared corpora are not beside this checkout")
    return path


@pytest.fixture(scope="session")
def bbc_dir() -> Path:
    return _need(CORPORA / "bbc")


@pytest.fixture(scope="session")
def news2017_dir() -> Path:
    return _need(CORPORA / "news2017")


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    return _need(SEED)


@pytest.fixture(scope="session")
def bbc(bbc_dir):
    """The BBC corpus as loaded by ``analysis.corpus.load`` (2,225 rows, labels from the folders)."""
    from analysis import corpus

    return corpus.load(bbc_dir, progress=False)


@pytest.fixture(scope="session")
def news2017(news2017_dir):
    """Both news2017 CSVs as one corpus (Reuters rows have source "reuters")."""
    from analysis import corpus

    return corpus.load(news2017_dir, progress=False)


@pytest.fixture(scope="session")
def default_report(tmp_path_factory) -> Path:
    """The whole report (every notebook) on the default corpus, run once per session: its folder."""
    from analysis import report

    out = tmp_path_factory.mktemp("report")
    lines = []
    try:
        report.run(["default"], out, progress=False, log=lines.append)
    except RuntimeError as exc:  # the pages are written; the tests that read them say what is wrong
        pytest.fail(f"the report on the default corpus failed: {exc}")
    return out


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="session")
def dask_client():
    """A real distributed cluster: two single-threaded worker processes, the session's default client."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as client:
        yield client


def as_dask(df, npartitions: int = 4):
    """A pandas corpus as a Dask DataFrame split into ``npartitions`` (order kept)."""
    import dask.dataframe as dd

    return dd.from_pandas(df, npartitions=npartitions, sort=False)


@pytest.fixture
def aliases():
    """The source alias table, restored after the test (the same dict object: analysis.corpus.sources owns it)."""
    from analysis.corpus import sources

    saved = dict(sources.SOURCE_ALIASES)
    yield sources.SOURCE_ALIASES
    sources.SOURCE_ALIASES.clear()
    sources.SOURCE_ALIASES.update(saved)
