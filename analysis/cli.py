"""The ``news-analysis`` command: ``news-analysis report`` and ``news-analysis lab``.

Installed with the package (``[project.scripts]``); ``python -m analysis`` is the same command.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import sys
from pathlib import Path

_REPORT_HELP = """\
Run every analysis notebook on a corpus and write a report you can open in a browser:
a front page with a summary card, the topics found and the key charts per corpus, one page per
notebook (code folded away, short tables with the full table as CSV), every chart as a PNG file.
"""

_REPORT_EPILOG = """\
examples:
  news-analysis report default --out /tmp/r        the 300 ABC articles that ship with gensim
  news-analysis report data/my_articles            a folder tree of .txt files (sub-folder = label)
  news-analysis report export.csv --group source --max-articles 2000
  news-analysis report bbc news2017                the shared corpora ($ANALYSIS_SHARED or ../shared)

Corpus formats: a folder of .txt files, or a .txt, .csv, .tsv, .jsonl or .parquet file
(see analysis.corpus.load). Exit status: 0 when every notebook ran, 1 when one failed (the
report is still written and says which), 2 for a usage error.
"""


def _report_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("report", help="run the notebooks on a corpus into an HTML report",
                       description=_REPORT_HELP, epilog=_REPORT_EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("corpus", nargs="*", metavar="PATH|NAME",
                   help="the corpus: a folder or file of articles, or a named corpus: 'default' (300 ABC "
                        "articles, always available), 'bbc' or 'news2017' (read from $ANALYSIS_SHARED/corpora, "
                        "else ./shared or ../shared). Several corpora make one report. Without one: bbc and "
                        "news2017 when the shared corpora are found, else default")
    p.add_argument("--out", metavar="DIR", default="reports",
                   help="folder to write the report into; created if missing, earlier pages of the same "
                        "corpus are replaced (default: ./reports)")
    p.add_argument("--max-articles", metavar="N", type=int, default=None,
                   help="analyse a reproducible random sample of N articles instead of the whole corpus "
                        "(the same N gives the same sample)")
    p.add_argument("--group", metavar="COL", default=None,
                   help="the column whose groups the notebooks compare, e.g. source or label (default: "
                        "label when the corpus has several labels, else source)")
    p.add_argument("--freq", metavar="PERIOD", default="M",
                   help="period of the charts over time: D, W, M, Q or Y (default: M, months)")
    p.add_argument("--quiet", action="store_true",
                   help="no progress bar and no per-notebook timing lines; only where the report is")
    return p


def _lab_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "lab", help="open the notebooks in JupyterLab",
        description="Open the analysis notebooks in JupyterLab (needs the [lab] extra: "
                    "pip install 'news-analysis[lab]'). From a checkout, the checkout's notebooks/ opens; "
                    "from an installed package, the notebooks are first copied into a folder of yours "
                    "(files already there are kept, so your edits survive).",
        epilog="Any further options go to JupyterLab, e.g. news-analysis lab --no-browser --port 8890",
    )
    p.add_argument("--dir", metavar="DIR", default=None,
                   help="folder to open; the notebooks missing from it are copied in (default: the "
                        "checkout's notebooks/, else ./news-analysis-notebooks)")
    return p


def parser() -> argparse.ArgumentParser:
    """The command-line parser of ``news-analysis``."""
    p = argparse.ArgumentParser(
        prog="news-analysis",
        description="Text analytics for news corpora: run the notebooks into a report, or open them in JupyterLab.",
        epilog="Run 'news-analysis report --help' or 'news-analysis lab --help' for their options.",
    )
    from analysis import __version__

    p.add_argument("--version", action="version", version=f"news-analysis {__version__}")
    sub = p.add_subparsers(dest="command", metavar="{report,lab}")
    sub.required = True
    _report_parser(sub)
    _lab_parser(sub)
    return p


def _report(args) -> int:
    from analysis import report

    if args.max_articles is not None and args.max_articles < 1:
        print(f"news-analysis report: --max-articles {args.max_articles} must be a positive number", file=sys.stderr)
        return 2
    corpora = [c for c in args.corpus if c and c != "auto"] or None
    log = (lambda line: None) if args.quiet else None
    out = Path(args.out)
    try:
        index = report.run(corpora, out, group=args.group or None, freq=args.freq,
                           max_articles=args.max_articles, progress=not args.quiet, log=log)
    except FileNotFoundError as exc:
        print(f"news-analysis report: {exc}", file=sys.stderr)
        return 2
    except RuntimeError as exc:
        print(f"news-analysis report: {exc}", file=sys.stderr)
        index = out.resolve() / "index.html"
        if index.exists():
            print(f"The report, with the failures marked, is at {index}")
        return 1
    print(f"Report written: {index}\nOpen it in a browser: {index.as_uri()}")
    return 0


def lab_dir(folder=None) -> Path:
    """The folder ``news-analysis lab`` opens, with every report notebook in it (copied when missing)."""
    from analysis.report import notebooks_dir

    import analysis

    source = notebooks_dir()
    installed = source == Path(analysis.__file__).resolve().parent / "notebooks"  # package data, not a checkout
    if folder is None:
        if not installed:
            return source
        folder = Path.cwd() / "news-analysis-notebooks"
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if folder.resolve() != source.resolve():
        for notebook in sorted(source.glob("[0-9][0-9]_*.ipynb")):
            if not (folder / notebook.name).exists():
                shutil.copyfile(notebook, folder / notebook.name)
    return folder


def _lab(args, rest: list[str]) -> int:
    if importlib.util.find_spec("jupyterlab") is None:
        print("news-analysis lab: JupyterLab is not installed; install it with "
              "pip install 'news-analysis[lab]'", file=sys.stderr)
        return 2
    folder = lab_dir(args.dir)
    print(f"Opening {folder} in JupyterLab")
    sys.stdout.flush()
    command = [sys.executable, "-m", "jupyterlab", str(folder), *rest]
    os.execv(sys.executable, command)
    return 0  # not reached


def main(argv=None) -> int:
    """Run ``news-analysis`` with ``argv`` (default: the command line); return the exit status."""
    p = parser()
    args, rest = p.parse_known_args(argv)
    if args.command == "lab":
        return _lab(args, rest)
    if rest:
        p.error(f"unrecognized arguments: {' '.join(rest)}")
    return _report(args)


if __name__ == "__main__":
    sys.exit(main())
