"""What the report runner sets up inside a notebook's kernel before the first cell.

Readers get short tables: every DataFrame a cell shows is displayed as its first rows, with the
whole table saved as CSV beside the page and linked under it. The notebook itself is unchanged
(this runs as hidden setup code), so in JupyterLab tables show as usual.
"""

from __future__ import annotations

import html
import itertools
import os
from pathlib import Path

#: Rows of a table shown in a report page; the CSV link holds them all.
MAX_ROWS = 10


def table_html(df, csv_href: str | None, *, max_rows: int = MAX_ROWS) -> str:
    """A DataFrame as a short HTML table (its first ``max_rows`` rows) with a note linking the CSV.

    Examples
    --------
    >>> import pandas as pd
    >>> out = table_html(pd.DataFrame({"term": list("abcdefghijkl")}), "t.csv", max_rows=3)
    >>> out.count("<tr"), "first 3 of 12 rows" in out, 'href="t.csv"' in out
    (4, True, True)
    """
    import pandas as pd

    plain_index = isinstance(df.index, pd.RangeIndex)
    body = df.head(max_rows).to_html(index=not plain_index, border=0, max_cols=30,
                                     na_rep="", float_format=lambda v: f"{v:.4g}")
    n = len(df)
    shown = f"first {max_rows:,} of {n:,} rows" if n > max_rows else f"{n:,} row{'s' if n != 1 else ''}"
    if df.shape[1] > 30:
        shown += f", 30 of {df.shape[1]:,} columns"
    link = f' · <a href="{html.escape(csv_href)}">full table (CSV)</a>' if csv_href else ""
    return f'<div class="table">{body}<p class="table-note">{shown}{link}</p></div>'


def show_short_tables(tables_dir, prefix: str, *, max_rows: int = MAX_ROWS) -> None:
    """In the running IPython kernel, show every DataFrame as :func:`table_html`, its CSV in ``tables_dir``.

    CSV files are named ``<prefix>_table<N>.csv`` in the order the tables are shown.
    """
    import pandas as pd
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        raise RuntimeError("show_short_tables runs inside an IPython kernel")
    folder = Path(tables_dir)
    counter = itertools.count(1)

    def formatter(df):
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{prefix}_table{next(counter)}.csv"
        df.to_csv(path, index=not isinstance(df.index, pd.RangeIndex))
        href = os.path.relpath(path, os.getcwd()).replace(os.sep, "/")
        return table_html(df, href, max_rows=max_rows)

    shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, formatter)


def setup_code(tables_dir, prefix: str, *, max_rows: int = MAX_ROWS) -> str:
    """The code the runner sends to the kernel before a notebook's first cell."""
    return (
        "from analysis.report import kernel as _report_kernel\n"
        f"_report_kernel.show_short_tables({str(tables_dir)!r}, {prefix!r}, max_rows={max_rows!r})\n"
        "del _report_kernel\n"
    )
