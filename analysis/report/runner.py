"""Run the notebooks on one or more corpora into a report folder.

Layout of ``out/``::

    index.html                    the front page (analysis.report.frontpage)
    <corpus>/NN_name.html         a page per notebook, for readers
    <corpus>/NN_name.ipynb        the executed notebook, with code and outputs
    <corpus>/figures/*.png        every chart, with <name>.json (title, alt text)
    <corpus>/figures/*.csv        the tables the front page reads (saved by the notebooks)
    <corpus>/tables/*.csv         every table shown in a page, in full
    <corpus>/run.json             what ran, on what, how long each notebook took, what failed
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
import time
from pathlib import Path

from analysis._progress import ENV as PROGRESS_ENV
from analysis._progress import bar as _bar
from analysis.report import execute, kernel, pages

_PACKAGE = Path(__file__).resolve().parents[1]


def notebooks_dir() -> Path:
    """The report's notebooks: package data of an installed copy, else ``notebooks/`` of the checkout."""
    for folder in (_PACKAGE / "notebooks", _PACKAGE.parent / "notebooks"):
        if any(folder.glob("[0-9][0-9]_*.ipynb")):
            return folder
    raise FileNotFoundError(
        f"no notebooks named NN_*.ipynb in {_PACKAGE / 'notebooks'} or {_PACKAGE.parent / 'notebooks'}; "
        "reinstall the package (`pip install news-analysis`)"
    )


def default_corpora() -> list[str]:
    """The corpora used when none is given: the shared ones when present, else the default."""
    from analysis import datasets

    if (datasets.shared_dir() / "corpora").exists():
        return ["bbc", "news2017"]
    return ["default"]


def slug(corpus: str) -> str:
    """The folder name of a corpus in the report.

    Examples
    --------
    >>> slug("bbc"), slug("/data/my articles.csv")
    ('bbc', 'my_articles')
    """
    return re.sub(r"[^\w\-]+", "_", Path(str(corpus)).stem or str(corpus)).strip("_") or "corpus"


def corpus_parameter(corpus: str) -> str:
    """Named corpora pass through; paths become absolute because notebooks run in the report folder."""
    from analysis import datasets

    if corpus in datasets.NAMES:
        return corpus
    path = Path(corpus).expanduser().resolve()
    if not path.exists():
        raise FileNotFoundError(
            f"corpus {corpus!r} is neither a named corpus ({', '.join(datasets.NAMES)}) nor an existing path"
        )
    return str(path)


def _clear_previous(out_dir: Path, stem: str) -> None:
    """Files a previous run of this notebook left (a chart it no longer draws must not stay linked)."""
    prefix = stem[:3]  # "01_"
    for folder, pattern in (("figures", f"{prefix}*"), ("tables", f"{stem}_table*.csv")):
        for path in (out_dir / folder).glob(pattern):
            path.unlink()


def run_notebook(notebook, out_dir, *, corpus: str, group=None, freq: str = "M",
                 max_articles: int | None = None, timeout: int = 1800, progress: bool = True,
                 home_href: str | None = None, corpus_cache: str | Path | None = None) -> Path:
    """Execute one notebook in a Jupyter kernel into ``out_dir``; write its page; return the page's path.

    Charts go to ``out_dir/figures``, full tables to ``out_dir/tables``, the executed notebook to
    ``out_dir/<name>.ipynb``. When a cell fails, the notebook and its page are still written (they
    show the failing cell) and :class:`analysis.report.execute.CellError` is raised.
    ``progress`` is accepted for symmetry with :func:`run`: the kernel never draws progress bars,
    which would only fill the pages. With ``corpus_cache`` (a folder), the corpus the notebook loads
    is kept there as Parquet and read back by the next notebook (see
    :data:`analysis.datasets.CACHE_ENV`).
    """
    notebook = Path(notebook)
    out_dir = Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = notebook.stem
    _clear_previous(out_dir, stem)
    parameters = {
        "corpus": corpus,
        "group": group,
        "freq": freq,
        "max_articles": max_articles,
        "figures_dir": str(out_dir / "figures"),
    }
    from analysis import datasets

    nb = execute.inject_parameters(execute.read_notebook(notebook), parameters)
    env = {PROGRESS_ENV: "0"}
    if corpus_cache is not None:
        env[datasets.CACHE_ENV] = str(Path(corpus_cache).resolve())
    # The kernel runs in out_dir, where ./shared and ../shared mean something else: hand it the folder found here.
    if (datasets.shared_dir() / "corpora").is_dir():
        env["ANALYSIS_SHARED"] = str(datasets.shared_dir().resolve())
    executed = execute.execute_notebook(
        nb, out_dir, setup=kernel.setup_code(out_dir / "tables", stem), timeout=timeout, env=env,
        name=notebook.name,
    )
    ipynb = execute.write_notebook(executed, out_dir / notebook.name)
    label = f"Corpus: {corpus if not Path(corpus).is_absolute() else Path(corpus).name}" + (
        f" · sample of {max_articles:,} articles" if max_articles else "")
    html_path = out_dir / f"{stem}.html"
    html_path.write_text(pages.notebook_html(executed, name=stem, ipynb_href=ipynb.name, home_href=home_href,
                                             corpus_label=label), encoding="utf-8")
    error = executed["metadata"]["news_analysis"].get("error")
    if error:
        raise execute.CellError(f"{notebook.name}: cell {error['cell']} raised {error['message']}")
    return html_path


def run(corpora=None, out="reports", *, notebooks=None, group=None, freq: str = "M",
        max_articles: int | None = None, progress: bool = True, log=None) -> Path:
    """Execute every notebook on every corpus into ``out/<corpus>/``, write the front page, return its path.

    A failing notebook does not stop the others; the run raises ``RuntimeError`` at the end,
    naming each notebook that failed and where its executed copy is. Each notebook's wall time
    goes to ``log`` (default: a line on standard error) and to ``out/<corpus>/run.json``.
    """
    from analysis.report import frontpage

    corpora = list(corpora or default_corpora())
    # A mistyped path fails now, not after the first corpus's notebooks have run.
    parameters = {corpus: corpus_parameter(corpus) for corpus in corpora}
    notebooks = sorted(Path(nb) for nb in (notebooks or notebooks_dir().glob("[0-9][0-9]_*.ipynb")))
    if not notebooks:
        raise FileNotFoundError(f"no notebooks named NN_*.ipynb in {notebooks_dir()}")
    out_root = Path(out).resolve()
    out_root.mkdir(parents=True, exist_ok=True)
    failed = []
    jobs = [(c, nb) for c in corpora for nb in notebooks]
    # In a log (not a terminal) the timing lines say it all; a bar would add a redraw per notebook.
    bar = _bar(jobs, desc="report", unit="notebook", enabled=progress and sys.stderr.isatty())
    write = log or (lambda line: bar.write(line, file=sys.stderr))
    records: dict[str, dict] = {}
    started = time.monotonic()
    # Each notebook loads its corpus; the first keeps it as Parquet for the others, for this run only.
    cache = tempfile.TemporaryDirectory(prefix="news-analysis-corpora-")
    for corpus, notebook in bar:
        out_dir = out_root / slug(corpus)
        record = records.setdefault(corpus, {
            "corpus": corpus, "parameter": parameters[corpus], "folder": slug(corpus), "group": group,
            "freq": freq, "max_articles": max_articles, "notebooks": [],
        })
        t0 = time.monotonic()
        error = None
        try:
            run_notebook(notebook, out_dir, corpus=parameters[corpus], group=group, freq=freq,
                         max_articles=max_articles, home_href="../index.html", corpus_cache=cache.name)
        except Exception as exc:  # report every failure at the end, after the other notebooks ran
            error = f"{type(exc).__name__}: {str(exc).strip()[:500]}"
            failed.append(f"{notebook.name} on {corpus}: {error}\n  executed copy: {out_dir / notebook.name}")
        seconds = time.monotonic() - t0
        write(f"{notebook.stem} on {corpus}: {seconds:.1f} s" + (" FAILED" if error else ""))
        page = out_dir / f"{notebook.stem}.html"
        record["notebooks"].append({"notebook": notebook.stem, "page": page.name if page.exists() else None,
                                    "seconds": round(seconds, 2), "error": error})
        (out_dir / "run.json").write_text(json.dumps(record, indent=1), encoding="utf-8")
    cache.cleanup()
    runs = [records[c] for c in corpora if c in records]
    write(f"all notebooks: {time.monotonic() - started:.1f} s")
    index = frontpage.write_index(out_root, runs)
    if failed:
        raise RuntimeError("these notebooks failed:\n" + "\n".join(failed))
    return index
