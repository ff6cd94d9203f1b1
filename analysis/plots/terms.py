"""Charts of term tables (:mod:`analysis.terms`): top terms, keyness, trends, rank-frequency."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.plots.base import get_axes, joined_group_names, no_data

def _label_column(table):
    """The column naming each row: ``term`` (frequencies, keyness, collocations) or ``name`` (mentions)."""
    return "term" if "term" in table.columns else "name"


def _group_columns(table, label):
    """Group columns: those before the label column (tables put them first)."""
    columns = list(table.columns)
    return columns[: columns.index(label)] if label in columns else []


def top_terms(table, *, n=20, value=None, max_groups=6, ax=None):
    """Horizontal bars of the most frequent terms; side-by-side bars per group when the table has groups.

    Parameters
    ----------
    table : DataFrame
        ``analysis.terms.term_frequencies`` (optionally ``by=``), or any table
        with ``term`` (or ``name``) and ``count``, such as ``collocations`` or
        ``mentions``.
    n : int
        Terms shown: the ``n`` largest overall.
    value : str, optional
        Column drawn: ``count`` by default, ``per_10k`` when the table has
        groups (groups of different sizes then compare).
    max_groups : int
        Largest groups drawn (by tokens) when the table has groups.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"term": ["trump", "said"], "count": [5, 3]})
    >>> [float(p.get_width()) for p in top_terms(table).patches]
    [5.0, 3.0]
    """
    ax = get_axes(ax, figsize=(7, max(3.0, 0.28 * n + 1)))
    title = "Most frequent terms"
    if table is None or len(table) == 0:
        return no_data(ax, title, "no terms")
    label = _label_column(table)
    groups = _group_columns(table, label)
    names = joined_group_names(table, groups)
    value = value or ("per_10k" if groups and "per_10k" in table.columns else "count")
    totals = table.groupby(label, sort=False)["count"].sum().sort_values(ascending=False, kind="stable")
    shown = totals.index[:n].tolist()
    positions = list(range(len(shown)))
    if names is None:
        values = table.groupby(label, sort=False)[value].sum().reindex(shown).to_numpy(dtype=float)
        ax.barh(positions, values, color="C0")
    else:
        order = table.assign(_g=names).groupby("_g")["count"].sum().sort_values(ascending=False)
        keep = order.index[:max_groups].tolist()
        height = 0.8 / len(keep)
        for i, group in enumerate(keep):
            rows = table[names == group].groupby(label, sort=False)[value].sum()
            values = rows.reindex(shown).fillna(0).to_numpy(dtype=float)
            ax.barh([p - 0.4 + height * (i + 0.5) for p in positions], values, height=height, color=f"C{i}",
                    label=group)
        ax.legend(title=" / ".join(groups), fontsize="small")
        title += " by " + " / ".join(groups)
    ax.set_yticks(positions, shown)
    ax.invert_yaxis()
    ax.set_title(title)
    ax.set_xlabel({"count": "occurrences", "per_10k": "occurrences per 10,000 tokens"}.get(value, value))
    ax.set_ylabel(label)
    return ax


def keyness_bars(table, *, n=15, target="target", reference="reference", ax=None):
    """Diverging bars of signed G²: the target's most over-used terms right, the reference's left.

    Parameters
    ----------
    table : DataFrame
        ``analysis.terms.keyness`` (``term`` and ``g2``).
    n : int
        Terms shown on each side.
    target, reference : str
        Names of the two sides, for the legend and the title.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"term": ["reuters", "said", "wow"], "g2": [40.0, 12.5, -8.0]})
    >>> [float(p.get_width()) for p in keyness_bars(table).patches]
    [40.0, 12.5, -8.0]
    """
    ax = get_axes(ax, figsize=(7, max(3.0, 0.28 * 2 * n + 1)))
    title = f"Distinctive terms: {target} vs {reference}"
    if table is None or len(table) == 0:
        return no_data(ax, title, "no terms")
    from matplotlib.patches import Patch

    ordered = table.sort_values("g2", ascending=False, kind="stable")
    top = ordered[ordered["g2"] > 0].head(n)
    bottom = ordered[ordered["g2"] < 0].tail(n)
    shown = pd.concat([top, bottom])
    positions = list(range(len(shown)))
    values = shown["g2"].to_numpy(dtype=float)
    colors = ["C0" if v > 0 else "C1" for v in values]
    ax.barh(positions, values, color=colors)
    ax.axvline(0, color="0.3", linewidth=0.8)
    ax.set_yticks(positions, shown["term"].tolist())
    ax.invert_yaxis()
    ax.legend(handles=[Patch(color="C0", label=f"more in {target}"), Patch(color="C1", label=f"more in {reference}")],
              fontsize="small", loc="lower right")
    ax.set_title(title)
    ax.set_xlabel("signed log-likelihood G² (right: over-used by the target)")
    ax.set_ylabel("term")
    return ax


def term_trends(table, *, value="per_10k", ax=None):
    """One line per term (and group) over time; periods without articles are gaps.

    Parameters
    ----------
    table : DataFrame
        ``analysis.terms.trends``: ``period``, ``term`` and ``value``, with any
        group columns first.
    value : str
        ``per_10k`` (rate) or ``count``.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"period": pd.to_datetime(["2017-01-01", "2017-02-01"]),
    ...                       "term": ["syria", "syria"], "per_10k": [2.0, float("nan")]})
    >>> line = term_trends(table).get_lines()[0]
    >>> [float(v) for v in line.get_ydata()]
    [2.0, nan]
    """
    ax = get_axes(ax)
    title = "Use of terms over time"
    if table is None or len(table) == 0:
        return no_data(ax, title, "no terms")
    groups = _group_columns(table, "period")
    names = joined_group_names(table, groups)
    keys = table["term"] if names is None else table["term"] + " — " + names
    for i, key in enumerate(dict.fromkeys(keys)):
        rows = table[keys == key].sort_values("period")
        ax.plot(rows["period"], rows[value].to_numpy(dtype=float), marker="o", markersize=3, label=key,
                color=f"C{i % 10}")
    ax.legend(fontsize="small")
    ax.set_title(title)
    ax.set_xlabel("period")
    ax.set_ylabel("uses per 10,000 tokens" if value == "per_10k" else value)
    ax.tick_params(axis="x", labelrotation=30)
    return ax


def rank_frequency(table, *, max_groups=6, ax=None):
    """Zipf plot: each term's count against its rank, both on log scales, with a slope -1 guide.

    Parameters
    ----------
    table : DataFrame
        ``analysis.terms.term_frequencies`` (optionally ``by=``: one line per group).
    max_groups : int
        Largest groups drawn.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"term": ["a", "b", "c"], "count": [8, 4, 2]})
    >>> [float(v) for v in rank_frequency(table).get_lines()[0].get_xdata()]
    [1.0, 2.0, 3.0]
    """
    ax = get_axes(ax)
    title = "Rank-frequency (Zipf) plot"
    if table is None or len(table) == 0:
        return no_data(ax, title, "no terms")

    label = _label_column(table)
    groups = _group_columns(table, label)
    names = joined_group_names(table, groups)
    series = {"all terms": table} if names is None else {
        g: table[names == g] for g in table.assign(_g=names).groupby("_g")["count"].sum()
        .sort_values(ascending=False).index[:max_groups]
    }
    top = 0.0
    for i, (name, rows) in enumerate(series.items()):
        counts = np.sort(rows["count"].to_numpy(dtype=float))[::-1]
        ranks = np.arange(1, len(counts) + 1, dtype=float)
        ax.plot(ranks, counts, color=f"C{i}", label=name, linewidth=1.2)
        top = max(top, counts[0] if len(counts) else 0.0)
    longest = max(len(rows) for rows in series.values())
    guide = np.array([1.0, float(max(longest, 2))])
    ax.plot(guide, top / guide, linestyle="--", color="0.5", linewidth=0.8, label="slope -1 (Zipf's law)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.legend(fontsize="small")
    ax.set_title(title)
    ax.set_xlabel("rank (log)")
    ax.set_ylabel("occurrences (log)")
    return ax


