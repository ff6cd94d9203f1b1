"""Per-article quality flags: is this article clean prose?

Measures in the manner of the filters used to clean web corpora, on plain
text and without a model: the share of an article's lines found in other
articles (Gopher's repeated lines; measured by
:mod:`analysis.corpus.boilerplate` when loading), symbols per word (Gopher's
symbol-to-word ratio), the share of lines without a final stop (C4's test)
and the share of words that are English function words (a language check).
:func:`measures` takes texts; :func:`quality_table` takes a corpus table and
names the checks each article fails. ``summary(df).quality`` is that table.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from analysis import _parallel
from analysis.corpus.reading import as_text, str_array
from analysis.corpus.recurring import decide
from analysis.corpus.schema import DOC_ID, REPEATED_SHARE, SOURCE, TEXT
from analysis.corpus.segment_counts import check_texts, count
from analysis.corpus.segments import TERMINAL

SYMBOL_RATIO, NO_STOP_SHARE, ENGLISH_SHARE, FAILED = "symbol_ratio", "no_stop_share", "english_share", "failed_checks"
#: Columns of :func:`quality_table` (``summary(df).quality``).
QUALITY_COLUMNS = (DOC_ID, REPEATED_SHARE, SYMBOL_RATIO, NO_STOP_SHARE, ENGLISH_SHARE, FAILED)

__all__ = ["ENGLISH_WORDS", "QUALITY_COLUMNS", "QUALITY_LIMITS", "measures", "quality_table"]

# Characters that are neither letters, digits, white space nor the punctuation of prose.
_SYMBOL = re.compile(r"[^\w\s.,;:!?'\"()\-–—’‘“”…%$€£]|_")
_ANY_WORD = re.compile(r"[^\W\d_]+")
#: English function words that rarely occur in other languages' text ("a", "in", "die" do).
ENGLISH_WORDS = frozenset(
    "the and of to that is was with for it this be are have has he she they said from by at not but "
    "which would will his her their been were who what when there".split()
)

#: Where :func:`quality_table` flags an article (Gopher's symbol-to-word limit is 0.1).
QUALITY_LIMITS = {
    "repeated_share": 0.5,  # more than half its lines recur in other articles
    "symbol_ratio": 0.1,  # more than one symbol per ten words
    "no_stop_share": 0.5,  # more than half its lines end without a final stop
    "english_share": 0.05,  # fewer than one word in twenty is an English function word
}


def measures(texts: Iterable[str]) -> dict[str, list]:
    """Per-article quality measures: is this clean prose?

    Parameters
    ----------
    texts : list of str
        Article bodies.

    Returns
    -------
    dict of lists
        ``n_lines`` (non-blank lines), ``symbol_ratio`` (characters that are
        not letters, digits, spaces or prose punctuation -- ``# @ | / * = © •``
        ... -- per word), ``no_stop_share`` (share of lines that do not end
        with a period, question or exclamation mark or closing quote, C4's
        test), ``english_share`` (share of words that are common English
        function words: a language check without a model), each a list with
        one value per text (``nan`` for a text without words or lines).

    Examples
    --------
    >>> q = measures(["The cat sat on the mat.\\nShare this | Tweet | Email", "Der Hund ist hier."])
    >>> q["no_stop_share"], q["english_share"][1]
    ([0.5, 0.0], 0.0)
    """
    texts = check_texts(texts)
    out: dict[str, list] = {"n_lines": [], "symbol_ratio": [], "no_stop_share": [], "english_share": []}
    english = ENGLISH_WORDS
    for text in texts:
        lines = [line for line in (raw.strip() for raw in text.split("\n")) if line]
        words = _ANY_WORD.findall(text.lower())
        n_words = len(words)
        out["n_lines"].append(len(lines))
        out["no_stop_share"].append(
            sum(1 for line in lines if line[-1] not in TERMINAL) / len(lines) if lines else math.nan
        )
        if n_words:
            out["symbol_ratio"].append(len(_SYMBOL.findall(text)) / n_words)
            out["english_share"].append(sum(1 for w in words if w in english) / n_words)
        else:
            out["symbol_ratio"].append(math.nan)
            out["english_share"].append(math.nan)
    return out


# The name of each check in ``failed_checks``.
_CHECK_NAMES = {
    REPEATED_SHARE: "repeated lines", SYMBOL_RATIO: "symbols", NO_STOP_SHARE: "no final stops",
    ENGLISH_SHARE: "not English",
}  # fmt: skip


def quality_table(df: pd.DataFrame) -> pd.DataFrame:
    """Per-article quality measures of a corpus table, and the checks each article fails.

    Parameters
    ----------
    df : DataFrame
        A table from :func:`analysis.corpus.load` (``doc_id``, ``text``,
        ``source``; ``repeated_share`` when boilerplate detection ran).

    Returns
    -------
    DataFrame
        One row per article: ``doc_id``; ``repeated_share`` (share of its
        lines found in other articles: as :func:`~analysis.corpus.load`
        measured it before removing boilerplate, else measured on the text as
        it is); ``symbol_ratio``, ``no_stop_share``, ``english_share`` (see
        :func:`measures`); ``failed_checks``, the checks it fails,
        comma-separated (``""`` when none), at the limits of
        :data:`QUALITY_LIMITS`: ``repeated lines``, ``symbols``,
        ``no final stops``, ``not English``.

    Examples
    --------
    >>> from analysis.corpus import load
    >>> df = load(["Rain\\n\\nThe rain will stop by noon, forecasters said.",
    ...            "Links\\n\\nShare | Tweet | Email | #news @example"], progress=False)
    >>> table = quality_table(df)
    >>> table["no_stop_share"].tolist(), table["failed_checks"].tolist()
    ([0.0, 1.0], ['', 'symbols, no final stops, not English'])
    """
    texts = [as_text(t) for t in df[TEXT].tolist()]
    measured = measures([])
    # Three regex passes over every text: on a big corpus, work for every core.
    for part in _parallel.map_batches(measures, _parallel.batches(texts), progress=False):
        for key, values in part.items():
            measured[key].extend(values)
    if REPEATED_SHARE in df.columns and df[REPEATED_SHARE].notna().any():
        repeated = df[REPEATED_SHARE].to_numpy(dtype=float)
    else:  # not measured at load: measure it on the text as it is now
        sources = [None if pd.isna(s) else s for s in df[SOURCE].tolist()] if SOURCE in df.columns else None
        repeated = decide(count(texts, sources)).repeated_share
    table = pd.DataFrame({
        DOC_ID: df[DOC_ID].astype("str").to_numpy(), REPEATED_SHARE: np.asarray(repeated, dtype=float),
        SYMBOL_RATIO: measured[SYMBOL_RATIO], NO_STOP_SHARE: measured[NO_STOP_SHARE],
        ENGLISH_SHARE: measured[ENGLISH_SHARE],
    })  # fmt: skip
    failed = []
    for name, limit in QUALITY_LIMITS.items():
        values = table[name].to_numpy(dtype=float)
        bad = values < limit if name == ENGLISH_SHARE else values > limit
        failed.append(np.where(bad, _CHECK_NAMES[name], ""))
    table[FAILED] = str_array([", ".join(f for f in row if f) for row in zip(*failed)] if len(table) else [])
    return table
