"""Charts of who is quoted (:func:`analysis.sentences.speakers`): the most quoted speakers, per group."""

from __future__ import annotations

from analysis.plots.base import get_axes, joined_group_names, no_data

_VALUES = {"n_quotes": "quotations", "n_words": "quoted words", "n_articles": "articles quoting them",
           "share": "share of the group's quotations"}


def top_speakers(table, *, n=15, value="n_quotes", max_groups=6, ax=None):
    """Horizontal bars of the most quoted speakers; side-by-side bars per group when the table has groups.

    Parameters
    ----------
    table : DataFrame
        :func:`analysis.sentences.speakers` -- group columns (optional), then
        ``entity, n_quotes, n_words, n_articles, share``.
    n : int
        Speakers shown: the ``n`` most quoted over all groups.
    value : str
        Column drawn: ``n_quotes`` (default), ``n_words``, ``n_articles`` or
        ``share`` (a speaker's share of its group's quotations: groups of
        different sizes then compare).
    max_groups : int
        Largest groups drawn (by quotations) when the table has groups.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"source": ["a", "a", "b"], "entity": ["Ana Costa", "Yusuf Karim", "Ana Costa"],
    ...                       "n_quotes": [5, 2, 3], "n_words": [50, 9, 20], "n_articles": [3, 1, 2],
    ...                       "share": [0.5, 0.2, 0.6]})
    >>> ax = top_speakers(table)
    >>> [t.get_text() for t in ax.get_yticklabels()], [float(p.get_width()) for p in ax.patches]
    (['Ana Costa', 'Yusuf Karim'], [5.0, 2.0, 3.0, 0.0])
    >>> ax.get_title()
    'Most quoted speakers by source'
    """
    ax = get_axes(ax, figsize=(7, max(3.0, 0.3 * n + 1)))
    title = "Most quoted speakers"
    if table is None or len(table) == 0 or "entity" not in table.columns:
        return no_data(ax, title, "no quoted speaker")
    if value not in table.columns:
        raise ValueError(f"value={value!r} is not a column of the table; pass one of "
                         f"{[c for c in _VALUES if c in table.columns]}")
    columns = list(table.columns)
    groups = columns[: columns.index("entity")]
    order = table.groupby("entity", sort=False)["n_quotes"].sum().sort_values(ascending=False, kind="stable")
    shown = order.index[:n].tolist()
    positions = list(range(len(shown)))
    if not groups:
        values = table.groupby("entity", sort=False)[value].sum().reindex(shown).to_numpy(dtype=float)
        ax.barh(positions, values, color="C0")
    else:
        names = joined_group_names(table, groups)
        sizes = table.groupby(names.to_numpy())["n_quotes"].sum().sort_values(ascending=False, kind="stable")
        keep = sizes.index[:max_groups].tolist()
        height = 0.8 / len(keep)
        for i, group in enumerate(keep):
            rows = table[names == group].groupby("entity", sort=False)[value].sum()
            ax.barh([p - 0.4 + height * (i + 0.5) for p in positions], rows.reindex(shown).fillna(0).to_numpy(float),
                    height=height, color=f"C{i}", label=group)
        ax.legend(title=" / ".join(groups), fontsize="small")
        title += " by " + " / ".join(groups)
    ax.set_yticks(positions, shown)
    ax.invert_yaxis()
    ax.set_title(title)
    ax.set_xlabel(_VALUES.get(value, value))
    ax.set_ylabel("speaker")
    return ax
