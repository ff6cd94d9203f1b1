"""Charts of topic tables (:mod:`analysis.topics`): k curve, terms, map, sizes, shares, heatmaps, stability, tree."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from analysis.plots.base import get_axes, no_data

def _topic_labels(table):
    """'0: name' per topic, in topic order, from a table with ``topic`` and ``name``."""
    pairs = table[["topic", "name"]].drop_duplicates("topic").sort_values("topic")
    return pairs["topic"].tolist(), [f"{t}: {n}" for t, n in zip(pairs["topic"], pairs["name"])]


def topic_k_curve(k_scores, *, threshold=0.95, ax=None):
    """How the number of topics was chosen: agreement of resampled runs per k, beyond a shuffled copy.

    Draws, per k tried: ``stability`` (agreement of the resampled runs),
    ``null_stability`` (the same on shuffled copies with no topics), the
    light k-means runs' ``light_stability`` and ``light_null_stability``
    where they were measured (with the ``threshold`` above which a k counts
    as clearly stable), and the chance-corrected ``kappa`` that k is read
    from; the chosen k is circled.

    Parameters
    ----------
    k_scores : DataFrame
        ``analysis.topics.choose_k(df)`` or ``result.k_scores``: ``k``,
        ``stability``, ``chosen`` and, when present, ``null_stability``,
        ``kappa``, ``light_stability``, ``light_null_stability``.
    threshold : float or None
        The light runs' stability threshold (``analysis.topics.STABLE``; None: no line).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> curve = pd.DataFrame({"k": [2, 3, 4], "stability": [0.9, 0.8, 0.6], "null_stability": [0.8, 0.3, 0.3],
    ...                       "kappa": [0.5, 0.71, 0.43], "chosen": [False, True, False]})
    >>> ax = topic_k_curve(curve)
    >>> ax.get_title(), ax.lines[0].get_ydata().tolist()
    ('Choosing the number of topics: k = 3', [0.9, 0.8, 0.6])
    """
    ax = get_axes(ax, figsize=(10.5, 4.5))  # wide: the legend stands beside the axes
    title = "Choosing the number of topics"
    if k_scores is None or len(k_scores) == 0:
        return no_data(ax, title)
    k = k_scores["k"].to_numpy()
    ax.plot(k, k_scores["stability"].to_numpy(dtype=float), marker="o", color="C0",
            label="stability: the articles (ARI between resampled runs)")
    if "null_stability" in k_scores.columns:
        ax.plot(k, k_scores["null_stability"].to_numpy(dtype=float), marker=".", color="C7", linestyle=":",
                label="stability: shuffled copies, no topics")
    if "kappa" in k_scores.columns:
        # kappa can be far below 0 where the copies agree more than the articles: clip to keep the scale.
        ax.plot(k, np.clip(k_scores["kappa"].to_numpy(dtype=float), -0.2, 1.0), marker="s", color="C2",
                label="kappa: agreement beyond the copies' (both kinds of runs)")
    if "light_stability" in k_scores.columns and k_scores["light_stability"].notna().any():
        ax.plot(k, k_scores["light_stability"].to_numpy(dtype=float), marker="^", color="C1", linestyle="--",
                label="stability: light k-means runs")
        if "light_null_stability" in k_scores.columns:
            ax.plot(k, k_scores["light_null_stability"].to_numpy(dtype=float), marker=".", color="C1",
                    linestyle=":", alpha=0.6, label="light runs on the shuffled copies")
        if threshold is not None:
            ax.axhline(threshold, color="grey", linestyle="--", linewidth=1, label=f"clearly stable: >= {threshold:g}")
    chosen = k_scores[k_scores["chosen"]] if "chosen" in k_scores.columns else k_scores.iloc[0:0]
    if len(chosen):
        best = int(chosen["k"].iloc[0])
        column = "kappa" if "kappa" in k_scores.columns else "stability"
        ax.scatter([best], np.clip(chosen[column].to_numpy(dtype=float), -0.2, 1.0), s=140, facecolors="none",
                   edgecolors="C3", linewidths=2, zorder=3, label=f"chosen k = {best}")
        title += f": k = {best}"
    ax.set_xticks(k if len(k) <= 15 else k[::2])
    ax.set_ylim(-0.2, 1.05)
    ax.set_title(title)
    ax.set_xlabel("number of topics (k)")
    ax.set_ylabel("agreement (ARI) / kappa")
    # Outside the axes (the figure is made wide for it): seven lines leave no corner of the chart free.
    ax.legend(fontsize="small", loc="center left", bbox_to_anchor=(1.01, 0.5))
    return ax


def topic_terms(top_terms, *, n_terms=8, ncols=3, ax=None):
    """Small multiples: the top terms of each topic as horizontal bars.

    Parameters
    ----------
    top_terms : DataFrame
        ``topic``, ``name``, ``rank``, ``term``, ``weight``: ``result.top_terms``.
    n_terms : int
        Terms shown per topic.
    ncols : int
        Panels per row when the figure is created here.
    ax : sequence of matplotlib Axes, optional
        One Axes per topic (e.g. ``fig.subplots(2, 3).ravel()``); a new figure when None.

    Returns
    -------
    numpy array of matplotlib Axes
        One per topic (the first one titled "no data" when the table is empty).

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"topic": [0, 0, 1], "name": ["goal, match", "goal, match", "bank"],
    ...                       "rank": [1, 2, 1], "term": ["goal", "match", "bank"], "weight": [0.3, 0.2, 0.4]})
    >>> axes = topic_terms(table)
    >>> [float(p.get_width()) for p in axes[0].patches], axes[1].get_title()
    ([0.3, 0.2], '1: bank')
    """

    if top_terms is None or len(top_terms) == 0:
        return np.array([no_data(get_axes(None if ax is None else np.ravel(ax)[0]), "Top terms per topic")])
    topics, labels = _topic_labels(top_terms)
    if ax is None:
        ncols = max(1, min(ncols, len(topics)))
        nrows = -(-len(topics) // ncols)
        fig, grid = plt.subplots(nrows, ncols, figsize=(3.6 * ncols, 0.25 * n_terms * nrows + 1.2 * nrows),
                                 layout="constrained", squeeze=False)
        axes = grid.ravel()
        for extra in axes[len(topics):]:
            extra.set_visible(False)
        fig.suptitle("Top terms per topic")
    else:
        axes = np.ravel(ax)
        if len(axes) < len(topics):
            raise ValueError(f"{len(axes)} Axes for {len(topics)} topics; pass at least one Axes per topic")
    for i, (topic, label) in enumerate(zip(topics, labels)):
        rows = top_terms[top_terms["topic"] == topic].sort_values("rank").head(n_terms)
        axes[i].barh(range(len(rows)), rows["weight"].to_numpy(dtype=float), color=f"C{i % 10}")
        axes[i].set_yticks(range(len(rows)), rows["term"].tolist())
        axes[i].invert_yaxis()
        axes[i].set_title(label, fontsize="medium")
        axes[i].set_xlabel("weight")
    return axes[: len(topics)]


def topic_map(coords, *, max_points=5000, ax=None):
    """The article map: one dot per article, coloured by topic and labelled with topic names.

    Parameters
    ----------
    coords : DataFrame
        ``topic``, ``name``, ``x``, ``y``: ``result.coords``.
    max_points : int
        Draw a reproducible sample of at most this many articles.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> coords = pd.DataFrame({"topic": [0, 0, 1], "name": ["a", "a", "b"], "x": [0.0, 0.1, 1.0],
    ...                        "y": [0.0, 0.1, 1.0]})
    >>> ax = topic_map(coords)
    >>> [len(c.get_offsets()) for c in ax.collections], [t.get_text() for t in ax.texts]
    ([2, 1], ['0: a', '1: b'])
    """
    ax = get_axes(ax, figsize=(7, 6))
    title = "Article map by topic"
    if coords is None or len(coords) == 0:
        return no_data(ax, title)
    if len(coords) > max_points:
        coords = coords.sample(n=max_points, random_state=0)
    topics, labels = _topic_labels(coords)
    for i, (topic, label) in enumerate(zip(topics, labels)):
        rows = coords[coords["topic"] == topic]
        ax.scatter(rows["x"], rows["y"], s=8, alpha=0.5, color=f"C{i % 10}", label=label, linewidths=0)
        ax.text(rows["x"].median(), rows["y"].median(), label, ha="center", va="center", fontsize="small",
                weight="bold", bbox={"boxstyle": "round", "facecolor": "white", "alpha": 0.8, "linewidth": 0})
    ax.set_title(title)
    ax.set_xlabel("map axis 1")
    ax.set_ylabel("map axis 2")
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def _topic_bars(table, column: str, ax):
    """One horizontal bar of ``column`` per topic, in topic order from the top, in the topics' colours."""
    ax = get_axes(ax, figsize=(7, max(2.5, 0.4 * len(table) + 1)))
    topics, labels = _topic_labels(table)
    values = table.set_index("topic").loc[topics, column].to_numpy(dtype=float)
    ax.barh(range(len(topics)), values, color=[f"C{i % 10}" for i in range(len(topics))])
    ax.set_yticks(range(len(topics)), labels)
    ax.invert_yaxis()
    ax.set_ylabel("topic")
    return ax


def topic_sizes(sizes, *, ax=None):
    """Horizontal bars: articles per topic.

    Parameters
    ----------
    sizes : DataFrame
        ``topic``, ``name``, ``n_articles``: ``result.sizes``.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> sizes = pd.DataFrame({"topic": [0, 1], "name": ["a", "b"], "n_articles": [5, 3]})
    >>> [float(p.get_width()) for p in topic_sizes(sizes).patches]
    [5.0, 3.0]
    """
    title = "Articles per topic"
    if sizes is None or len(sizes) == 0:
        return no_data(get_axes(ax), title)
    ax = _topic_bars(sizes, "n_articles", ax)
    ax.set_title(title)
    ax.set_xlabel("articles")
    return ax


def topic_shares_over_time(table, *, ax=None):
    """Stacked shares of the topics per period; partial first/last periods shaded.

    Parameters
    ----------
    table : DataFrame
        ``period``, ``topic``, ``name``, ``share``, ``partial``:
        ``analysis.topics.topics_over_time(result, df)``.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"period": pd.to_datetime(["2017-01-01"] * 2 + ["2017-02-01"] * 2),
    ...                       "topic": [0, 1, 0, 1], "name": ["a", "b", "a", "b"],
    ...                       "share": [0.25, 0.75, 0.5, 0.5], "partial": [True, True, False, False]})
    >>> ax = topic_shares_over_time(table)
    >>> [c.get_label() for c in ax.collections], [float(y) for y in ax.get_ylim()]
    (['0: a', '1: b'], [0.0, 1.0])
    """

    ax = get_axes(ax, figsize=(9, 4.5))
    title = "Topic shares over time"
    if table is None or len(table) == 0:
        return no_data(ax, title)
    topics, labels = _topic_labels(table)
    wide = table.pivot_table(index="period", columns="topic", values="share", aggfunc="sum", dropna=False)
    wide = wide.reindex(columns=topics).fillna(0.0).sort_index()
    x = wide.index
    ax.stackplot(x, wide.to_numpy(dtype=float).T, labels=labels,
                 colors=[f"C{i % 10}" for i in range(len(topics))], alpha=0.85)
    if "partial" in table.columns:
        partial = table.groupby("period")["partial"].any().reindex(x).fillna(False)
        # Shade half a period either side of a partial period's point (the stack is drawn point to point).
        half = (x[1] - x[0]) / 2 if len(x) > 1 else pd.Timedelta(days=15)
        label = "partial period"
        for period in x[partial.to_numpy(dtype=bool)]:
            ax.axvspan(period - half, period + half, facecolor="white", alpha=0.5, hatch="//", linewidth=0,
                       label=label)
            label = None
    if len(x) > 1:
        ax.set_xlim(x[0], x[-1])
    ax.set_ylim(0, 1)
    ax.set_title(title)
    ax.set_xlabel("period")
    ax.set_ylabel("share of the period's articles")
    ax.legend(fontsize="small", loc="center left", bbox_to_anchor=(1.01, 0.5))
    return ax


def topic_heatmap(table, *, value="share", ax=None):
    """Heatmap of groups (rows) x topics (columns), values written in the cells.

    Parameters
    ----------
    table : DataFrame
        ``group``, ``topic``, ``name`` and ``value``:
        ``analysis.topics.topics_by(result, df)`` or ``evaluate(...).confusion``.
    value : str
        ``"share"`` (of the group's articles), ``"topic_share"`` or ``"n_articles"``.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"group": ["x", "x", "y", "y"], "topic": [0, 1, 0, 1], "name": ["a", "b"] * 2,
    ...                       "n_articles": [3, 1, 0, 2], "share": [0.75, 0.25, 0.0, 1.0]})
    >>> ax = topic_heatmap(table)
    >>> ax.images[0].get_array().tolist()
    [[0.75, 0.25], [0.0, 1.0]]
    """
    title = {"share": "Share of each group's articles per topic",
             "topic_share": "Share of each topic's articles per group",
             "n_articles": "Articles per group and topic"}.get(value, f"{value} per group and topic")
    if table is None or len(table) == 0:
        return no_data(get_axes(ax), title)

    topics, labels = _topic_labels(table)
    wide = table.pivot_table(index="group", columns="topic", values=value, aggfunc="sum", dropna=False)
    wide = wide.reindex(columns=topics)
    ax = get_axes(ax, figsize=(max(6, 1.3 * len(topics) + 2), max(3, 0.45 * len(wide) + 2)))
    values = wide.to_numpy(dtype=float)
    image = ax.imshow(values, aspect="auto", cmap="Blues")
    ax.figure.colorbar(image, ax=ax, label=value)
    top = np.nanmax(values) if np.isfinite(values).any() else 0
    for (r, c), v in np.ndenumerate(values):
        if v == v:  # not NaN
            text = f"{v:.0f}" if value == "n_articles" else f"{v:.2f}"
            ax.text(c, r, text, ha="center", va="center", fontsize="small",
                    color="white" if top and v > 0.6 * top else "black")
    ax.set_xticks(range(len(topics)), labels, rotation=30, ha="right")
    ax.set_yticks(range(len(wide)), [str(g) for g in wide.index])
    ax.set_title(title)
    ax.set_xlabel("topic")
    ax.set_ylabel("group")
    return ax


def topic_stability(topics_table, *, ari=None, ax=None):
    """Bars: how reliably each topic is found again with other seeds (mean best-match Jaccard).

    Parameters
    ----------
    topics_table : DataFrame
        ``topic``, ``name``, ``jaccard``: ``analysis.topics.stability(df, k).topics``.
    ari : float, optional
        The mean ARI between runs, shown in the title.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"topic": [0, 1], "name": ["a", "b"], "jaccard": [0.98, 0.6]})
    >>> [float(p.get_width()) for p in topic_stability(table, ari=0.9).patches]
    [0.98, 0.6]
    """
    title = "Topic stability across seeds"
    if topics_table is None or len(topics_table) == 0:
        return no_data(get_axes(ax), title)
    ax = _topic_bars(topics_table, "jaccard", ax)
    ax.set_xlim(0, 1)
    ax.axvline(0.75, color="grey", linestyle="--", linewidth=1)
    if ari is not None:
        title += f" (mean ARI {ari:.2f})"
    ax.set_title(title)
    ax.set_xlabel("Jaccard overlap with the best-matching topic of another seed (mean)")
    return ax


def topic_dendrogram(hierarchy, *, k=None, ax=None):
    """The topic tree: fine topics (leaves, by name) merged step by step; a dashed line cuts it at ``k`` topics.

    Parameters
    ----------
    hierarchy : DataFrame
        ``result.hierarchy`` (:data:`analysis.topics.HIERARCHY_COLUMNS`).
    k : int, optional
        Draw the cut into ``k`` topics (the fitted topics when ``k = result.k``)
        and colour each of its topics' branches.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> h = pd.DataFrame({"node": [0, 1, 2, 3, 4], "left": [None, None, None, 0, 2],
    ...                   "right": [None, None, None, 1, 3], "height": [0, 0, 0, 1.0, 2.0],
    ...                   "n_articles": [5, 5, 4, 10, 14], "n_topics": [3, 3, 3, 2, 1],
    ...                   "topic": [0, 0, 1, 0, None], "name": ["a", "b", "c", "ab", "abc"],
    ...                   "catch_all": [False] * 5})
    >>> ax = topic_dendrogram(h, k=2)
    >>> ax.get_title(), [t.get_text() for t in ax.get_yticklabels()]
    ('Topic hierarchy: 3 fine topics, cut at 2', ['c (4)', 'a (5)', 'b (5)'])
    """
    from scipy.cluster.hierarchy import dendrogram

    ax = get_axes(ax, figsize=(8, max(3.0, 0.3 * (len(hierarchy) + 1) / 2 + 1)))
    title = "Topic hierarchy"
    if hierarchy is None or len(hierarchy) == 0:
        return no_data(ax, title)
    leaves = hierarchy[hierarchy["left"].isna()]
    merges = hierarchy[hierarchy["left"].notna()]
    labels = [f"{n}{' [catch-all]' if c else ''} ({a})"
              for n, c, a in zip(leaves["name"], leaves["catch_all"], leaves["n_articles"])]
    title += f": {len(leaves)} fine topics"
    if len(merges) == 0:
        ax.barh([0], [0])
        ax.set_yticks([0], labels)
        ax.set_title(title)
        return ax
    linkage = merges[["left", "right", "height", "n_articles"]].to_numpy(dtype=float)
    # scipy's fourth column counts leaves (fine topics), not articles.
    n_leaves = len(leaves)
    count = [1] * n_leaves
    for a, b in linkage[:, :2].astype(int):
        count.append(count[a] + count[b])
    linkage[:, 3] = count[n_leaves:]
    threshold = None
    if k is not None and 1 < k <= len(leaves):
        # Between the height of the merge that leaves k topics and the next one.
        heights = linkage[:, 2]
        low = heights[len(leaves) - k - 1] if len(leaves) - k - 1 >= 0 else 0.0
        threshold = (low + heights[len(leaves) - k]) / 2
        title += f", cut at {k}"
    dendrogram(linkage, orientation="right", labels=labels, ax=ax, color_threshold=threshold or 0,
               above_threshold_color="grey", leaf_font_size=8)
    if threshold is not None:
        ax.axvline(threshold, color="grey", linestyle="--", linewidth=1)
    ax.set_title(title)
    ax.set_xlabel("merge height (Ward distance of the LSA centres)")
    ax.set_ylabel("fine topic (articles)")
    return ax
