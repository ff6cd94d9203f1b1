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

_UNKNOWN = "(unknown)"


def _no_data(ax, title: str):
    ax.set_title(title)
    ax.text(0.5, 0.5, "no data", ha="center", va="center", transform=ax.transAxes)
    return ax


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
    ax = _axes(ax)
    title = "Articles per period"
    if table is None or len(table) == 0:
        return _no_data(ax, title)
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
    import numpy as np

    ax = _axes(ax)
    what = "characters" if column == "n_chars" else "words" if column == "n_words" else column
    title = f"Article length ({what})"
    values = df[column].dropna() if df is not None and column in df else []
    if len(values) == 0:
        return _no_data(ax, title)
    edges = np.histogram_bin_edges(values.to_numpy(dtype=float), bins=bins)
    if by is None:
        ax.hist(values.to_numpy(dtype=float), bins=edges, color="C0")
    else:
        groups = df[by].fillna(_UNKNOWN).astype(str)
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
    ax = _axes(ax)
    group = table.columns[0] if table is not None and len(table.columns) else "group"
    title = f"Articles by {group}"
    if table is None or len(table) == 0:
        return _no_data(ax, title)
    top = table.sort_values("n_articles", ascending=False, kind="stable").head(max_groups)
    top = top.iloc[::-1]  # barh draws bottom-up: largest at the top
    names = top[group].astype(object).where(top[group].notna(), _UNKNOWN).astype(str).tolist()
    ax.barh(range(len(top)), top["n_articles"].to_numpy(dtype=float), color="C0")
    ax.set_yticks(range(len(top)), names)
    ax.set_title(title)
    ax.set_xlabel("articles")
    ax.set_ylabel(group)
    return ax



# --- terms ------------------------------------------------------------------


def _terms_empty(ax, title):
    ax.set_title(title)
    ax.text(0.5, 0.5, "no terms", ha="center", va="center", transform=ax.transAxes)
    return ax


def _label_column(table):
    """The column naming each row: ``term`` (frequencies, keyness, collocations) or ``name`` (mentions)."""
    return "term" if "term" in table.columns else "name"


def _group_columns(table, label):
    """Group columns: those before the label column (tables put them first)."""
    columns = list(table.columns)
    return columns[: columns.index(label)] if label in columns else []


def _group_names(table, groups, missing="other"):
    if not groups:
        return None
    parts = [table[c].astype(object).where(table[c].notna(), missing).astype(str) for c in groups]
    names = parts[0]
    for part in parts[1:]:
        names = names + " / " + part
    return names


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
    ax = _axes(ax, figsize=(7, max(3.0, 0.28 * n + 1)))
    title = "Most frequent terms"
    if table is None or len(table) == 0:
        return _terms_empty(ax, title)
    label = _label_column(table)
    groups = _group_columns(table, label)
    names = _group_names(table, groups)
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
    ax = _axes(ax, figsize=(7, max(3.0, 0.28 * 2 * n + 1)))
    title = f"Distinctive terms: {target} vs {reference}"
    if table is None or len(table) == 0:
        return _terms_empty(ax, title)
    import pandas as pd
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
    ax = _axes(ax)
    title = "Use of terms over time"
    if table is None or len(table) == 0:
        return _terms_empty(ax, title)
    groups = _group_columns(table, "period")
    names = _group_names(table, groups)
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
    ax = _axes(ax)
    title = "Rank-frequency (Zipf) plot"
    if table is None or len(table) == 0:
        return _terms_empty(ax, title)
    import numpy as np

    label = _label_column(table)
    groups = _group_columns(table, label)
    names = _group_names(table, groups)
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


# --- sentences --------------------------------------------------------------

_MEASURE_LABELS = {
    "words_per_sentence": "words per sentence",
    "long_sentence_share": "share of long sentences",
    "syllables_per_word": "syllables per word",
    "flesch_reading_ease": "Flesch reading ease (higher = easier)",
    "flesch_kincaid_grade": "Flesch-Kincaid grade",
    "gunning_fog": "Gunning fog index",
    "smog_index": "SMOG grade",
    "coleman_liau_index": "Coleman-Liau index",
    "automated_readability_index": "Automated readability index",
    "type_token_ratio": "type-token ratio",
    "mattr": "moving-average type-token ratio",
    "mtld": "MTLD (lexical diversity)",
    "quote_share": "share of words in quotes",
    "n_words": "words per article",
}


def _sentence_groups(df, by, missing, max_groups):
    """Group names (missing ones named ``missing``), largest groups first."""
    groups = df[by].astype(object).where(df[by].notna(), missing).astype(str)
    return groups, groups.value_counts().index[:max_groups].tolist()


def sentence_lengths(table, *, by=None, max_words=80, missing="other", max_groups=8, ax=None):
    """Distribution of sentence length in words, one outline per group.

    Each group's histogram is normalised to a share of its sentences, so
    groups of different sizes compare; sentences longer than ``max_words``
    fall in the last bin.

    Parameters
    ----------
    table : DataFrame
        ``analysis.sentences.sentence_table(df, keep=by)``: one row per
        sentence with ``n_words``.
    by : str, optional
        Group column (e.g. ``"source"``); None draws all sentences.
    max_words : int, default 80
    missing : str, default "other"
        Name of the group of rows whose ``by`` is missing.
    max_groups : int, default 8
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"n_words": [5, 12, 30, 8], "source": ["a", "a", None, None]})
    >>> ax = sentence_lengths(table, by="source")
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['a', 'other']
    """
    import numpy as np

    ax = _axes(ax)
    title = "Sentence length"
    if table is None or len(table) == 0 or "n_words" not in table:
        return _no_data(ax, title)
    edges = np.arange(0, max_words + 3, 2, dtype=float)
    clipped = table["n_words"].clip(upper=max_words + 1).to_numpy(dtype=float)
    if by is None:
        ax.hist(clipped, bins=edges, weights=np.full(len(clipped), 1 / len(clipped)), color="C0")
    else:
        groups, names = _sentence_groups(table, by, missing, max_groups)
        for name in names:
            part = clipped[(groups == name).to_numpy()]
            ax.hist(part, bins=edges, weights=np.full(len(part), 1 / len(part)), histtype="step",
                    linewidth=1.5, label=f"{name}")
        ax.legend(title=by, fontsize="small")
    ax.set_title(title)
    ax.set_xlabel(f"words per sentence (last bin: more than {max_words})")
    ax.set_ylabel("share of sentences")
    return ax


def readability_by_group(stats, *, by, measure="flesch_reading_ease", missing="other", max_groups=12,
                         ax=None):
    """Box plot of a readability or diversity measure per group (one box per group).

    Parameters
    ----------
    stats : DataFrame
        ``analysis.sentences.article_stats(df, keep=by)``.
    by : str
        Group column.
    measure : str, default "flesch_reading_ease"
        Any numeric column of ``stats``.
    missing : str, default "other"
    max_groups : int, default 12
        The largest groups are drawn.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> stats = pd.DataFrame({"flesch_reading_ease": [50.0, 60.0, 30.0], "source": ["a", "a", None]})
    >>> ax = readability_by_group(stats, by="source")
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['a', 'other']
    """
    ax = _axes(ax)
    label = _MEASURE_LABELS.get(measure, measure)
    title = f"{label} by {by}"
    if stats is None or len(stats) == 0 or measure not in stats:
        return _no_data(ax, title)
    groups, names = _sentence_groups(stats, by, missing, max_groups)
    names = sorted(names)
    data = [stats.loc[(groups == name).to_numpy(), measure].dropna().to_numpy(dtype=float) for name in names]
    keep = [i for i, d in enumerate(data) if len(d)]
    if not keep:
        return _no_data(ax, title)
    ax.boxplot([data[i] for i in keep], tick_labels=[names[i] for i in keep], showfliers=False)
    ax.set_title(title)
    ax.set_xlabel(by)
    ax.set_ylabel(label)
    return ax


def readability_vs_length(stats, *, measure="flesch_reading_ease", x="n_words", by=None, missing="other",
                          max_groups=8, ax=None):
    """Scatter of a readability measure against article length, coloured by group.

    Parameters
    ----------
    stats : DataFrame
        ``analysis.sentences.article_stats(df, keep=by)``.
    measure : str, default "flesch_reading_ease"
    x : str, default "n_words"
        The length column (drawn on a log scale).
    by : str, optional
    missing : str, default "other"
    max_groups : int, default 8
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> stats = pd.DataFrame({"n_words": [100, 400], "flesch_reading_ease": [55.0, 40.0]})
    >>> ax = readability_vs_length(stats)
    >>> ax.collections[0].get_offsets().tolist()
    [[100.0, 55.0], [400.0, 40.0]]
    """
    ax = _axes(ax)
    label = _MEASURE_LABELS.get(measure, measure)
    title = f"{label} against article length"
    if stats is None or len(stats) == 0 or measure not in stats or x not in stats:
        return _no_data(ax, title)
    ok = stats[x].notna() & stats[measure].notna() & (stats[x] > 0)
    data = stats[ok]
    if len(data) == 0:
        return _no_data(ax, title)
    if by is None:
        ax.scatter(data[x].to_numpy(dtype=float), data[measure].to_numpy(dtype=float), s=8, alpha=0.5)
    else:
        groups, names = _sentence_groups(data, by, missing, max_groups)
        for name in names:
            part = data[(groups == name).to_numpy()]
            ax.scatter(part[x].to_numpy(dtype=float), part[measure].to_numpy(dtype=float), s=8, alpha=0.5,
                       label=name)
        ax.legend(title=by, fontsize="small", markerscale=2)
    ax.set_xscale("log")
    ax.set_title(title)
    ax.set_xlabel(_MEASURE_LABELS.get(x, x) + " (log scale)")
    ax.set_ylabel(label)
    return ax



# --- topics -----------------------------------------------------------------


def _topic_labels(table):
    """'0: name' per topic, in topic order, from a table with ``topic`` and ``name``."""
    pairs = table[["topic", "name"]].drop_duplicates("topic").sort_values("topic")
    return pairs["topic"].tolist(), [f"{t}: {n}" for t, n in zip(pairs["topic"], pairs["name"])]


def topic_k_curve(k_scores, *, threshold=0.95, ax=None):
    """Stability of the topics for each number of topics tried, the chosen k marked.

    Parameters
    ----------
    k_scores : DataFrame
        ``k``, ``stability``, ``stability_sd``, ``chosen``:
        ``analysis.topics.choose_k(df)`` or ``result.k_scores``.
    threshold : float or None
        Draw the stability threshold of the criterion (``analysis.topics.STABLE``; None: no line).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> curve = pd.DataFrame({"k": [2, 3, 4], "stability": [0.8, 0.99, 0.7],
    ...                       "stability_sd": [0.1, 0.01, 0.1], "chosen": [False, True, False]})
    >>> ax = topic_k_curve(curve)
    >>> ax.lines[0].get_ydata().tolist(), ax.get_title()
    ([0.8, 0.99, 0.7], 'Choosing the number of topics: k = 3')
    """
    import numpy as np

    ax = _axes(ax)
    title = "Choosing the number of topics"
    if k_scores is None or len(k_scores) == 0:
        return _no_data(ax, title)
    k = k_scores["k"].to_numpy()
    stab = k_scores["stability"].to_numpy(dtype=float)
    ax.plot(k, stab, marker="o", color="C0", label="stability (ARI between resampled runs)")
    if "stability_sd" in k_scores.columns:
        sd = k_scores["stability_sd"].to_numpy(dtype=float)
        # ARI is at most 1: a band past it would be drawing nothing real.
        ax.fill_between(k, stab - sd, np.minimum(stab + sd, 1.0), color="C0", alpha=0.15, linewidth=0)
    if threshold is not None:
        ax.axhline(threshold, color="grey", linestyle="--", linewidth=1, label=f"stable: >= {threshold:g}")
    chosen = k_scores[k_scores["chosen"]] if "chosen" in k_scores.columns else k_scores.iloc[0:0]
    if len(chosen):
        best = int(chosen["k"].iloc[0])
        ax.scatter([best], chosen["stability"].to_numpy(dtype=float), s=120, facecolors="none",
                   edgecolors="C3", linewidths=2, zorder=3, label=f"chosen k = {best}")
        title += f": k = {best}"
    ax.set_xticks(k)
    ax.set_title(title)
    ax.set_xlabel("number of topics (k)")
    ax.set_ylabel("stability (ARI)")
    ax.legend(fontsize="small", loc="lower left")
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
    import numpy as np

    if top_terms is None or len(top_terms) == 0:
        return np.array([_no_data(_axes(None if ax is None else np.ravel(ax)[0]), "Top terms per topic")])
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
    ax = _axes(ax, figsize=(7, 6))
    title = "Article map by topic"
    if coords is None or len(coords) == 0:
        return _no_data(ax, title)
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
    ax = _axes(ax, figsize=(7, max(2.5, 0.4 * len(table) + 1)))
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
        return _no_data(_axes(ax), title)
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
    import pandas as pd

    ax = _axes(ax, figsize=(9, 4.5))
    title = "Topic shares over time"
    if table is None or len(table) == 0:
        return _no_data(ax, title)
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
        return _no_data(_axes(ax), title)
    import numpy as np

    topics, labels = _topic_labels(table)
    wide = table.pivot_table(index="group", columns="topic", values=value, aggfunc="sum", dropna=False)
    wide = wide.reindex(columns=topics)
    ax = _axes(ax, figsize=(max(6, 1.3 * len(topics) + 2), max(3, 0.45 * len(wide) + 2)))
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
        return _no_data(_axes(ax), title)
    ax = _topic_bars(topics_table, "jaccard", ax)
    ax.set_xlim(0, 1)
    ax.axvline(0.75, color="grey", linestyle="--", linewidth=1)
    if ari is not None:
        title += f" (mean ARI {ari:.2f})"
    ax.set_title(title)
    ax.set_xlabel("Jaccard overlap with the best-matching topic of another seed (mean)")
    return ax
