"""What every chart shares: the Axes to draw on, the empty-chart message, group names."""

from __future__ import annotations

import matplotlib.pyplot as plt

from analysis._input import MISSING_GROUP, group_names


def get_axes(ax=None, figsize=(7, 4)):
    """The Axes to draw on: the one given, else a new figure's (never the current one)."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def no_data(ax, title: str, message: str = "no data"):
    """Title ``ax`` and say there is nothing to draw; return it."""
    ax.set_title(title)
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    return ax


def joined_group_names(table, columns):
    """One display name per row from one or more group columns (``"a / b"``); None without columns."""
    if not columns:
        return None
    names = group_names(table[columns[0]])
    for column in columns[1:]:
        names = names + " / " + group_names(table[column])
    return names.set_axis(table.index)


__all__ = ["MISSING_GROUP", "get_axes", "joined_group_names", "no_data"]
