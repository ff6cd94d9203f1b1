"""The report: every notebook run on a corpus into pages for readers, charts as PNG, a front page.

``news-analysis report`` (:mod:`analysis.cli`) and ``make report`` call :func:`run`; notebooks call
:func:`save_figure` for every chart and :func:`save_table` for the numbers the front page shows.

Pieces: :mod:`~analysis.report.execute` runs a notebook in a Jupyter kernel,
:mod:`~analysis.report.kernel` is the setup sent to that kernel (short tables with a CSV link),
:mod:`~analysis.report.pages` renders an executed notebook for readers,
:mod:`~analysis.report.frontpage` writes ``index.html``, :mod:`~analysis.report.runner` ties them up.
Importing this package imports neither Jupyter nor Dask.
"""

from __future__ import annotations

from analysis.report.figures import describe_figure, save_figure, save_table
from analysis.report.runner import notebooks_dir, run, run_notebook

__all__ = ["run", "run_notebook", "save_figure", "save_table", "describe_figure", "notebooks_dir", "NOTEBOOKS"]


def __getattr__(name):
    # NOTEBOOKS was a constant; looked up on use so that a broken install fails with a clear message.
    if name == "NOTEBOOKS":
        return notebooks_dir()
    raise AttributeError(f"module 'analysis.report' has no attribute {name!r}")
