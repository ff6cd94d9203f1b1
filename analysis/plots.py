"""Charts for every analysis: each function takes ``ax=None``, returns the Axes,
titles and labels its axes, and never calls ``plt.show()``.

Computing stays in the analysis modules; these functions only draw the tidy
tables those modules return.
"""

from __future__ import annotations

import matplotlib.pyplot as plt


def _axes(ax=None, figsize=(7, 4)):
    """The Axes to draw on: the one given, else a new figure's (never the current one)."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


# --- corpus -----------------------------------------------------------------


# --- terms ------------------------------------------------------------------


# --- sentences --------------------------------------------------------------


# --- topics -----------------------------------------------------------------
