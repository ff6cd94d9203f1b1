"""Charts and tables a notebook hands to the report: PNG files with a title and alt text, CSV files.

Alt text is written from the chart itself (its titles, axis labels, the kind of marks and the
largest bars or the named lines), so every chart saved through :func:`save_figure` has one
without the notebook writing it by hand.
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
import sys
from pathlib import Path

_NAME = re.compile(r"[\w\-]+")


def _check_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise ValueError(f"name {name!r} must use only letters, digits, '_' and '-'")
    return name


def _axes_of(fig):
    return [ax for ax in fig.get_axes() if ax.get_visible()]


def figure_title(fig) -> str:
    """The chart's title: the figure's suptitle, else its panels' titles joined by "; ".

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, (a, b) = plt.subplots(1, 2)
    >>> _ = a.set_title("Left"), b.set_title("Right")
    >>> figure_title(fig)
    'Left; Right'
    >>> plt.close(fig)
    """
    fig = getattr(fig, "figure", fig)
    sup = fig.get_suptitle() if hasattr(fig, "get_suptitle") else ""
    if sup:
        return sup
    titles = [t for ax in _axes_of(fig) for t in (ax.get_title("left"), ax.get_title(), ax.get_title("right")) if t]
    return "; ".join(dict.fromkeys(titles))


def _number(value: float) -> str:
    if value != value:  # NaN
        return "no value"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def _is_number(text: str) -> bool:
    try:
        float(text.replace("\u2212", "-").replace(",", "").rstrip("%"))
    except ValueError:
        return False
    return True


def _tick_labels(axis) -> list[str]:
    return [t.get_text() for t in axis.get_ticklabels()]


def _describe_bars(ax, n_show: int) -> str | None:
    from matplotlib.container import BarContainer

    containers = [c for c in ax.containers if isinstance(c, BarContainer) and len(c)]
    if not containers:
        return None
    horizontal = getattr(containers[0], "orientation", None) == "horizontal"
    n_bars = sum(len(c) for c in containers)
    if len(containers) > 1:
        series = [c.get_label() for c in containers if c.get_label() and not c.get_label().startswith("_")]
        named = f" in {len(containers)} series ({', '.join(series[:8])})" if series else f" in {len(containers)} series"
        return f"{n_bars} {'horizontal ' if horizontal else ''}bars{named}"
    bars = list(containers[0])
    values = [b.get_width() if horizontal else b.get_height() for b in bars]
    positions = [b.get_y() + b.get_height() / 2 if horizontal else b.get_x() + b.get_width() / 2 for b in bars]
    axis = ax.yaxis if horizontal else ax.xaxis
    ticks = dict(zip(axis.get_ticklocs(), _tick_labels(axis)))
    labels = [ticks.get(min(ticks, key=lambda t: abs(t - p)), "") if ticks else "" for p in positions]
    order = sorted(range(len(bars)), key=lambda i: -abs(values[i]) if values[i] == values[i] else 0)
    largest = [f"{labels[i]} ({_number(values[i])})" if labels[i] else _number(values[i]) for i in order[:n_show]]
    kind = "horizontal bars" if horizontal else "bars"
    return f"{len(bars)} {kind}; largest: {', '.join(largest)}"


def _describe_axes(ax, n_show: int = 5) -> str:
    parts = []
    title = ax.get_title()
    if title:
        parts.append(title)
    marks = []
    bars = _describe_bars(ax, n_show)
    if bars:
        marks.append(bars)
    lines = [ln for ln in ax.get_lines() if len(ln.get_xdata()) > 1]
    named = [ln.get_label() for ln in lines if not ln.get_label().startswith("_")]
    categories = [t for t in _tick_labels(ax.xaxis) if t and not _is_number(t)]
    if named:
        marks.append(f"{len(named)} line{'s' if len(named) > 1 else ''}: {', '.join(named[:8])}")
    elif lines and categories and not bars:
        # unnamed lines over named categories: a box plot, or one line per category
        marks.append(f"values for {len(categories)} categor{'ies' if len(categories) > 1 else 'y'}: "
                     f"{', '.join(categories[:10])}")
    elif lines:
        marks.append(f"{len(lines)} line{'s' if len(lines) > 1 else ''}")
    from matplotlib.collections import PathCollection, QuadMesh

    points = sum(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection))
    if points:
        marks.append(f"{points:,} points")
    grids = [c for c in ax.collections if isinstance(c, QuadMesh)] + list(ax.images)
    if grids:
        rows, cols = (len(_tick_labels(ax.yaxis)), len(_tick_labels(ax.xaxis)))
        marks.append(f"a heatmap of {rows} rows by {cols} columns" if rows and cols else "a heatmap")
    legend = ax.get_legend()
    if legend is not None and not named:
        entries = [t.get_text() for t in legend.get_texts() if t.get_text()]
        if entries:
            marks.append(f"legend: {', '.join(entries[:10])}")
    if marks:
        parts.append("; ".join(marks))
    xlabel, ylabel = ax.get_xlabel(), ax.get_ylabel()
    if xlabel or ylabel:
        parts.append(", ".join(p for p in (f"x axis: {xlabel}" if xlabel else "",
                                            f"y axis: {ylabel}" if ylabel else "") if p))
    if not marks and any(t.get_text() == "no data" for t in ax.texts):
        parts.append("no data")
    return ". ".join(parts)


def describe_figure(fig, *, n_show: int = 5) -> str:
    """Alt text for a chart: its title, then per panel the kind of marks, the axes and the largest values.

    Call it after the figure has been drawn (``savefig`` draws it), so tick labels exist.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.barh([0, 1], [5, 9]); _ = ax.set_yticks([0, 1], ["rain", "sun"])
    >>> _ = ax.set_title("Weather words"); _ = ax.set_xlabel("count")
    >>> describe_figure(fig)
    'Chart: Weather words. 2 horizontal bars; largest: sun (9), rain (5). x axis: count'
    >>> plt.close(fig)
    """
    fig = getattr(fig, "figure", fig)
    panels = [ax for ax in _axes_of(fig) if ax.get_label() != "<colorbar>"]
    sup = fig.get_suptitle() if hasattr(fig, "get_suptitle") else ""
    texts = [_describe_axes(ax, n_show) for ax in panels]
    texts = [t for t in texts if t]
    if len(texts) == 1 and not sup:
        return f"Chart: {texts[0]}"
    head = f"Chart: {sup}. " if sup else "Chart. "
    return head + " ".join(f"Panel {i}: {t}." for i, t in enumerate(texts, 1))


def _in_kernel() -> bool:
    """Whether this code runs in a Jupyter kernel (where a chart can be shown as HTML)."""
    if "ipykernel" not in sys.modules:
        return False
    from IPython import get_ipython

    shell = get_ipython()
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


def figure_html(src: str, title: str, alt: str, name: str = "") -> str:
    """The HTML of a chart in a page: the image with its alt text, the title as caption."""
    anchor = f' id="fig-{html.escape(name)}"' if name else ""
    return (f'<figure class="chart"{anchor}><img src="{html.escape(src)}" alt="{html.escape(alt)}" loading="lazy">'
            f"<figcaption>{html.escape(title)}</figcaption></figure>")


def save_figure(fig, name: str, figures_dir=None, *, title: str | None = None, alt: str | None = None):
    """Save a chart as ``<figures_dir>/<name>.png`` with its title and alt text (nothing when ``figures_dir`` is None).

    The file name is chosen by the notebook, so it stays stable when cells are added or a
    parameter cell is injected. Beside the PNG, ``<name>.json`` records the title and the alt
    text (:func:`describe_figure` unless ``alt`` is given), which the report's pages use.

    In a Jupyter kernel with ``figures_dir`` given (a report run) the chart is shown right away
    from the saved file, with its alt text, and the figure is closed, so the ``plt.show()`` that
    follows in a notebook does not show it a second time.

    Parameters
    ----------
    fig : matplotlib Figure or Axes
        The chart (an Axes is saved as its whole figure).
    name : str
        File stem, e.g. ``"02_top_terms"``: letters, digits, ``_`` and ``-``.
    figures_dir : path-like, optional
        Folder for the files; created when missing.
    title, alt : str, optional
        The chart's title (default: :func:`figure_title`) and alt text.

    Returns
    -------
    matplotlib.figure.Figure
        The figure, so a call can be chained.

    Examples
    --------
    >>> import matplotlib.pyplot as plt, tempfile, pathlib
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot([1, 2, 3], label="rain"); _ = ax.set_title("Rain")
    >>> folder = tempfile.mkdtemp()
    >>> _ = save_figure(ax, "demo", folder)
    >>> sorted(p.name for p in pathlib.Path(folder).iterdir())
    ['demo.json', 'demo.png']
    >>> json.loads((pathlib.Path(folder) / "demo.json").read_text())["alt"]
    'Chart: Rain. 1 line: rain'
    >>> plt.close(fig)
    """
    _check_name(name)
    fig = getattr(fig, "figure", fig)
    if figures_dir is None:
        return fig
    folder = Path(figures_dir)
    folder.mkdir(parents=True, exist_ok=True)
    png = folder / f"{name}.png"
    fig.savefig(png, dpi=110, bbox_inches="tight")
    title = title or figure_title(fig) or name.replace("_", " ")
    alt = alt or describe_figure(fig)
    (folder / f"{name}.json").write_text(json.dumps({"name": name, "title": title, "alt": alt,
                                                     "file": png.name}, indent=1), encoding="utf-8")
    if _in_kernel():
        from IPython.display import display
        import matplotlib.pyplot as plt

        src = os.path.relpath(png, os.getcwd()).replace(os.sep, "/")
        data = {"text/html": figure_html(src, title, alt, name), "image/png": base64.b64encode(png.read_bytes()).decode(),
                "text/plain": f"<chart {name}: {title}>"}
        display(data, raw=True, metadata={"image/png": {"alt": alt}, "news_analysis": {"figure": name}})
        plt.close(fig)
    return fig


def save_table(table, name: str, figures_dir=None):
    """Save a table as ``<figures_dir>/<name>.csv`` for the report's front page (nothing when ``figures_dir`` is None).

    Returns the path written, or None.

    Examples
    --------
    >>> import pandas as pd, tempfile
    >>> path = save_table(pd.DataFrame({"measure": ["articles"], "value": [3]}), "demo", tempfile.mkdtemp())
    >>> path.read_text().splitlines()
    ['measure,value', 'articles,3']
    """
    _check_name(name)
    if figures_dir is None:
        return None
    folder = Path(figures_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.csv"
    table.to_csv(path, index=False)
    return path
