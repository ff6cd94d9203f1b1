"""Run the notebooks on a corpus into a report: executed notebooks, HTML pages and one PNG per chart.

``make report`` calls :func:`main`; notebooks call :func:`save_figure` for every chart.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sys
from pathlib import Path

from analysis._progress import ENV as _PROGRESS_ENV
from analysis._progress import bar as _bar

__all__ = ["run", "run_notebook", "save_figure"]

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"


def save_figure(fig, name: str, figures_dir=None):
    """Save a chart as ``<figures_dir>/<name>.png`` (nothing is saved when ``figures_dir`` is None).

    The file name is chosen by the notebook, so it stays stable when cells are
    added or a parameter cell is injected.

    Parameters
    ----------
    fig : matplotlib Figure or Axes
        The chart (an Axes is saved as its whole figure).
    name : str
        File stem, e.g. ``"02_top_terms"``: letters, digits, ``_`` and ``-``.
    figures_dir : path-like, optional
        Folder for the PNG files; created when missing.

    Returns
    -------
    matplotlib.figure.Figure
        The figure, so a call can be chained.

    Examples
    --------
    >>> import matplotlib.pyplot as plt, tempfile, pathlib
    >>> fig, ax = plt.subplots()
    >>> folder = tempfile.mkdtemp()
    >>> _ = save_figure(ax, "demo", folder)
    >>> sorted(p.name for p in pathlib.Path(folder).iterdir())
    ['demo.png']
    >>> plt.close(fig)
    """
    if not re.fullmatch(r"[\w\-]+", name):
        raise ValueError(f"figure name {name!r} must use only letters, digits, '_' and '-'")
    fig = getattr(fig, "figure", fig)
    if figures_dir is not None:
        folder = Path(figures_dir)
        folder.mkdir(parents=True, exist_ok=True)
        fig.savefig(folder / f"{name}.png", dpi=110, bbox_inches="tight")
    return fig


def default_corpora() -> list[str]:
    """The corpora ``make report`` uses when none is given: the shared ones when present, else the default."""
    from analysis import datasets

    if (datasets.shared_dir() / "corpora").exists():
        return ["bbc", "news2017"]
    return ["default"]


def _slug(corpus: str) -> str:
    return re.sub(r"[^\w\-]+", "_", Path(str(corpus)).stem or str(corpus)).strip("_") or "corpus"


def _corpus_parameter(corpus: str) -> str:
    """Named corpora pass through; paths become absolute because notebooks run in their own folder."""
    from analysis import datasets

    if corpus in datasets.NAMES:
        return corpus
    path = Path(corpus).expanduser().resolve()
    if not path.exists():
        raise FileNotFoundError(
            f"corpus {corpus!r} is neither a named corpus ({', '.join(datasets.NAMES)}) nor an existing path"
        )
    return str(path)


def _to_html(ipynb: Path) -> Path:
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_filename(str(ipynb))
    out = ipynb.with_suffix(".html")
    out.write_text(body, encoding="utf-8")
    return out


def run_notebook(notebook: Path, out_dir: Path, *, corpus: str, group=None, freq: str = "M",
                 max_articles: int | None = None, timeout: int = 1800, progress: bool = True) -> Path:
    """Execute one notebook with papermill into ``out_dir`` and export it to HTML.

    Charts go to ``out_dir/figures``. Returns the HTML path; raises papermill's
    ``PapermillExecutionError`` (after saving the notebook and its HTML, which
    show the failing cell) when a cell fails.
    """
    import papermill

    out_dir.mkdir(parents=True, exist_ok=True)
    executed = out_dir / notebook.name
    parameters = {
        "corpus": corpus,
        "group": group,
        "freq": freq,
        "max_articles": max_articles,
        "figures_dir": str((out_dir / "figures").resolve()),
    }
    # The kernel inherits this process's environment: no progress bars in the pages.
    previous = os.environ.get(_PROGRESS_ENV)
    os.environ[_PROGRESS_ENV] = "0"
    try:
        papermill.execute_notebook(
            str(notebook), str(executed), parameters=parameters, kernel_name="python3",
            cwd=str(notebook.parent), execution_timeout=timeout, progress_bar=progress,
        )
    finally:
        if previous is None:
            del os.environ[_PROGRESS_ENV]
        else:
            os.environ[_PROGRESS_ENV] = previous
        if executed.exists():
            _to_html(executed)
    return executed.with_suffix(".html")


def _write_index(out_root: Path, pages: dict[str, list[Path]]) -> Path:
    parts = ["<!doctype html><meta charset='utf-8'><title>News corpus report</title>",
             "<h1>News corpus report</h1>"]
    for corpus, htmls in pages.items():
        parts.append(f"<h2>{html.escape(corpus)}</h2><ul>")
        for page in htmls:
            parts.append(f"<li><a href='{page.relative_to(out_root).as_posix()}'>{html.escape(page.stem)}</a></li>")
        figures = sorted((out_root / _slug(corpus) / "figures").glob("*.png"))
        parts.append(f"</ul><p>{len(figures)} charts in <code>{_slug(corpus)}/figures/</code></p>")
    index = out_root / "index.html"
    index.write_text("\n".join(parts), encoding="utf-8")
    return index


def run(corpora=None, out: str | Path = "reports", *, notebooks=None, group=None, freq: str = "M",
        max_articles: int | None = None, progress: bool = True) -> Path:
    """Execute every notebook on every corpus into ``out/<corpus>/``; return the index page.

    A failing notebook does not stop the others; the run raises at the end,
    naming each notebook that failed and where its executed copy is.
    """
    corpora = list(corpora or default_corpora())
    # A mistyped path fails now, not after the first corpus's notebooks have run.
    parameters = {corpus: _corpus_parameter(corpus) for corpus in corpora}
    notebooks = sorted(notebooks or NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    if not notebooks:
        raise FileNotFoundError(f"no notebooks named NN_*.ipynb in {NOTEBOOKS}")
    out_root = Path(out).resolve()
    pages: dict[str, list[Path]] = {}
    failed = []
    jobs = [(c, nb) for c in corpora for nb in notebooks]
    bar = _bar(jobs, desc="report", unit="notebook", enabled=progress)
    for corpus, notebook in bar:
        bar.write(f"{notebook.name} on {corpus}")
        out_dir = out_root / _slug(corpus)
        try:
            page = run_notebook(notebook, out_dir, corpus=parameters[corpus], group=group,
                                freq=freq, max_articles=max_articles, progress=progress)
        except Exception as exc:  # report every failure at the end, after the other notebooks ran
            failed.append(f"{notebook.name} on {corpus}: {type(exc).__name__}: {str(exc).strip()[:500]}"
                          f"\n  executed copy: {out_dir / notebook.name}")
            page = (out_dir / notebook.name).with_suffix(".html")
        if page.exists():
            pages.setdefault(corpus, []).append(page)
    index = _write_index(out_root, pages)
    if failed:
        raise RuntimeError("these notebooks failed:\n" + "\n".join(failed))
    return index


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Run the notebooks on a corpus into an HTML report with PNG charts.")
    parser.add_argument("--corpus", action="append",
                        help="a path or a named corpus (default, bbc, news2017); repeatable. "
                             "Default: bbc and news2017 when ../shared is present, else default")
    parser.add_argument("--out", default="reports", help="output folder (default: reports)")
    parser.add_argument("--group", default=None, help="column to compare (default: label, else source)")
    parser.add_argument("--freq", default="M", help="period for counts over time: W, M, Q, Y (default: M)")
    parser.add_argument("--max-articles", type=int, default=None, help="run on a reproducible sample")
    parser.add_argument("--quiet", action="store_true", help="no progress bars")
    args = parser.parse_args(argv)
    corpora = [c for c in (args.corpus or []) if c and c != "auto"] or None
    try:
        index = run(corpora, args.out, group=args.group or None, freq=args.freq,
                    max_articles=args.max_articles, progress=not args.quiet)
    except (RuntimeError, FileNotFoundError) as exc:
        print(f"report failed: {exc}", file=sys.stderr)
        return 1
    print(f"\nReport written: {index}\nCharts (PNG): {index.parent}/<corpus>/figures/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
