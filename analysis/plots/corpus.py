"""Charts of a corpus table and its summary (:mod:`analysis.corpus`)."""

from __future__ import annotations

import numpy as np

from analysis._input import group_names
from analysis.plots.base import get_axes, no_data

def articles_per_period(table, *, ax=None):
    """Bar chart of articles per period.

    Parameters
    ----------
    table : DataFrame
        ``period`` and ``n_articles``, e.g. ``analysis.corpus.summary(df).by_period``.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"period": pd.to_datetime(["2017-11-01", "2017-12-01"]),
    ...                       "n_articles": [3, 5]})
    >>> [float(p.get_height()) for p in articles_per_period(table).patches]
    [3.0, 5.0]
    """
    ax = get_axes(ax)
    title = "Articles per period"
    if table is None or len(table) == 0:
        return no_data(ax, title)
    periods = table["period"]
    step_days = periods.diff().min().days if len(periods) > 1 else 31
    fmt = "%Y" if step_days >= 365 else "%Y-%m" if step_days >= 28 else "%Y-%m-%d"
    labels = [p.strftime(fmt) for p in periods]
    positions = range(len(table))
    ax.bar(positions, table["n_articles"].to_numpy(dtype=float), color="C0")
    step = max(1, len(labels) // 12)
    ax.set_xticks(list(positions)[::step], labels[::step], rotation=45, ha="right")
    ax.set_title(title)
    ax.set_xlabel("period")
    ax.set_ylabel("articles")
    return ax


def article_lengths(df, *, column="n_chars", by=None, bins=30, max_groups=8, ax=None):
    """Histogram of article lengths, optionally one outline per group.

    Parameters
    ----------
    df : DataFrame
        One row per article, e.g. from ``analysis.corpus.load``.
    column : str, default "n_chars"
        The length column.
    by : str, optional
        A column to group by (``"label"``, ``"source"``); its ``max_groups``
        largest groups are drawn as outlines on shared bins.
    bins : int, default 30
    max_groups : int, default 8
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"n_chars": [100, 120, 900], "label": ["a", "a", "b"]})
    >>> ax = article_lengths(df, by="label", bins=4)
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['a', 'b']
    """

    ax = get_axes(ax)
    what = "characters" if column == "n_chars" else "words" if column == "n_words" else column
    title = f"Article length ({what})"
    values = df[column].dropna() if df is not None and column in df else []
    if len(values) == 0:
        return no_data(ax, title)
    edges = np.histogram_bin_edges(values.to_numpy(dtype=float), bins=bins)
    if by is None:
        ax.hist(values.to_numpy(dtype=float), bins=edges, color="C0")
    else:
        groups = group_names(df[by]).set_axis(df.index)
        for name in groups.value_counts().index[:max_groups]:
            part = df.loc[groups == name, column].dropna().to_numpy(dtype=float)
            ax.hist(part, bins=edges, histtype="step", linewidth=1.5, label=name)
        ax.legend(title=by, fontsize="small")
    ax.set_title(title)
    ax.set_xlabel(f"{what} per article")
    ax.set_ylabel("articles")
    return ax


def articles_by_group(table, *, max_groups=20, ax=None):
    """Horizontal bar chart of articles per group, largest at the top.

    Parameters
    ----------
    table : DataFrame
        The group column first, then ``n_articles``; e.g.
        ``analysis.corpus.summary(df).by_label`` or ``.by_source``. NA is drawn
        as "(unknown)".
    max_groups : int, default 20
        Only the largest groups are drawn.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"label": ["sport", None], "n_articles": [5, 2]})
    >>> ax = articles_by_group(table)
    >>> [float(p.get_width()) for p in ax.patches], [t.get_text() for t in ax.get_yticklabels()]
    ([2.0, 5.0], ['(unknown)', 'sport'])
    """
    ax = get_axes(ax)
    group = table.columns[0] if table is not None and len(table.columns) else "group"
    title = f"Articles by {group}"
    if table is None or len(table) == 0:
        return no_data(ax, title)
    top = table.sort_values("n_articles", ascending=False, kind="stable").head(max_groups)
    top = top.iloc[::-1]  # barh draws bottom-up: largest at the top
    names = group_names(top[group]).tolist()
    ax.barh(range(len(top)), top["n_articles"].to_numpy(dtype=float), color="C0")
    ax.set_yticks(range(len(top)), names)
    ax.set_title(title)
    ax.set_xlabel("articles")
    ax.set_ylabel(group)
    return ax



