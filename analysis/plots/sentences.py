"""Charts of sentence and article statistics (:mod:`analysis.sentences`)."""

from __future__ import annotations

import numpy as np

from analysis._input import MISSING_GROUP, group_names
from analysis.plots.base import get_axes, no_data

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
    "lix": "LIX (higher = harder)",
    "rix": "RIX (long words per sentence)",
    "type_token_ratio": "type-token ratio",
    "mattr": "moving-average type-token ratio",
    "mtld": "MTLD (lexical diversity)",
    "quote_share": "share of words in quotes",
    "n_words": "words per article",
}


def _sentence_groups(df, by, max_groups):
    """Group names (a missing value named ``"(unknown)"``), and the largest groups' names, largest first."""
    groups = group_names(df[by]).set_axis(df.index)
    return groups, groups.value_counts().index[:max_groups].tolist()


def sentence_lengths(table, *, by=None, max_words=80, max_groups=8, ax=None):
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
    ['a', '(unknown)']
    """

    ax = get_axes(ax)
    title = "Sentence length"
    if table is None or len(table) == 0 or "n_words" not in table:
        return no_data(ax, title)
    edges = np.arange(0, max_words + 3, 2, dtype=float)
    clipped = table["n_words"].clip(upper=max_words + 1).to_numpy(dtype=float)
    if by is None:
        ax.hist(clipped, bins=edges, weights=np.full(len(clipped), 1 / len(clipped)), color="C0")
    else:
        groups, names = _sentence_groups(table, by, max_groups)
        for name in names:
            part = clipped[(groups == name).to_numpy()]
            ax.hist(part, bins=edges, weights=np.full(len(part), 1 / len(part)), histtype="step",
                    linewidth=1.5, label=f"{name}")
        ax.legend(title=by, fontsize="small")
    ax.set_title(title)
    ax.set_xlabel(f"words per sentence (last bin: more than {max_words})")
    ax.set_ylabel("share of sentences")
    return ax


def readability_by_group(stats, *, by, measure="flesch_reading_ease", max_groups=12,
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
    ['a', '(unknown)']
    """
    ax = get_axes(ax)
    label = _MEASURE_LABELS.get(measure, measure)
    title = f"{label} by {by}"
    if stats is None or len(stats) == 0 or measure not in stats:
        return no_data(ax, title)
    groups, names = _sentence_groups(stats, by, max_groups)
    names = sorted(names, key=lambda name: (name == MISSING_GROUP, name))
    data = [stats.loc[(groups == name).to_numpy(), measure].dropna().to_numpy(dtype=float) for name in names]
    keep = [i for i, d in enumerate(data) if len(d)]
    if not keep:
        return no_data(ax, title)
    ax.boxplot([data[i] for i in keep], tick_labels=[names[i] for i in keep], showfliers=False)
    ax.set_title(title)
    ax.set_xlabel(by)
    ax.set_ylabel(label)
    return ax


def readability_vs_length(stats, *, measure="flesch_reading_ease", x="n_words", by=None,
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
    ax = get_axes(ax)
    label = _MEASURE_LABELS.get(measure, measure)
    title = f"{label} against article length"
    if stats is None or len(stats) == 0 or measure not in stats or x not in stats:
        return no_data(ax, title)
    ok = stats[x].notna() & stats[measure].notna() & (stats[x] > 0)
    data = stats[ok]
    if len(data) == 0:
        return no_data(ax, title)
    if by is None:
        ax.scatter(data[x].to_numpy(dtype=float), data[measure].to_numpy(dtype=float), s=8, alpha=0.5)
    else:
        groups, names = _sentence_groups(data, by, max_groups)
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



