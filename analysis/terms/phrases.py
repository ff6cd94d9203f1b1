"""Phrases: word sequences that occur together more than chance predicts (``prime minister``)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis._input import check_choice, check_int
from analysis.terms.corpus_counts import corpus_input, count_corpus
from analysis.terms.counting import COUNT, TERM
from analysis.terms.distinctive import G2, g2
from analysis.text.tokens import rule_drops, stop_words

NPMI = "npmi"

#: Columns of :func:`collocations`.
COLLOCATION_COLUMNS = [TERM, COUNT, G2, NPMI]


def collocations(
    data,
    *,
    size: int = 2,
    min_count: int = 5,
    method: str = "g2",
    stopwords: str | Iterable[str] | None = "english",
    token_pattern: str | None = None,
    keep_numbers: bool = False,
    n_jobs: int | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """Multi-word expressions: word sequences that occur together more than chance predicts.

    Every window of ``size`` consecutive terms inside a sentence is counted
    (windows never span two sentences or two articles, and stop words are
    kept in windows so that they separate words). For each candidate, each
    way of cutting it in two (``prime | minister``; ``secretary | of state``
    and ``secretary of | state``) gives a 2x2 table of windows that start
    with the left part and end with the right part; the score is the weakest
    cut's:

    - ``g2``: Dunning's log-likelihood G², signed (negative when the parts
      avoid each other);
    - ``npmi``: normalised pointwise mutual information, in [-1, 1] (1: the
      parts never occur apart).

    Candidates that start or end with a stop word, or hold a word the news
    rules drop (a number, a single character), are not listed.

    Parameters
    ----------
    data : DataFrame or iterable of str
        The corpus.
    size : int
        Words per expression: 2 or more.
    min_count : int
        Leave out expressions seen fewer times (NPMI favours rare pairs: keep
        this above a handful when ranking by it).
    method : {'g2', 'npmi'}
        The score that orders the table.
    stopwords, token_pattern, keep_numbers, n_jobs, progress
        As in :func:`~analysis.terms.term_frequencies`.

    Returns
    -------
    DataFrame
        ``term, count, g2, npmi``, best first.

    Examples
    --------
    >>> texts = ["Islamic State fighters fled Raqqa.", "Islamic State claimed the attack.",
    ...          "The state said so.", "Fighters left.", "The Islamic world."]
    >>> collocations(texts, min_count=2, progress=False).round(3)
                term  count     g2   npmi
    0  islamic state      2  4.027  0.583
    """
    check_choice("method", method, ("g2", "npmi"))
    size = check_int("size", size, low=2)
    min_count = check_int("min_count", min_count)
    data, _ = corpus_input(data, None)
    stop = stop_words(stopwords)
    counts, _, _ = count_corpus(data, n_jobs=n_jobs, progress=progress, desc="collocations",
                                stopwords=stop, token_pattern=token_pattern, keep_numbers=keep_numbers,
                                ngram_range=(size, size), all_windows=True)
    windows = counts[[TERM, COUNT]].reset_index(drop=True)
    if windows.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c == TERM else float) for c in COLLOCATION_COLUMNS})
    # The words of each window, split in Arrow: a Python split per window costs more than the counting.
    words = pc.split_pattern(pa.array(windows[TERM].to_numpy(dtype=object), type=pa.large_string()), " ",
                             max_splits=size - 1).flatten()
    positions = [words.take(pa.array(np.arange(j, len(words), size))) for j in range(size)]
    parts = pd.DataFrame({j: column.to_numpy(zero_copy_only=False) for j, column in enumerate(positions)})
    count = windows[COUNT].to_numpy(dtype=float)
    n_windows = count.sum()
    score = np.full(len(windows), np.inf)
    npmi = np.full(len(windows), np.inf)
    # Each word position as integer codes, so that a part of the window (a run
    # of positions) is an integer key and its marginal count a bincount.
    codes = [column.dictionary_encode().indices.to_numpy(zero_copy_only=False).astype(np.int64)
             for column in positions]

    def marginal(positions: range) -> np.ndarray:
        dense = np.zeros(len(windows), dtype=np.int64)
        for j in positions:
            # Re-densified at every step, so the key never overflows.
            dense = pd.factorize(dense * (codes[j].max() + 1) + codes[j])[0]
        return np.bincount(dense, weights=count)[dense]

    for cut in range(1, size):
        n_left = marginal(range(0, cut))
        n_right = marginal(range(cut, size))
        score = np.minimum(score, g2(count, n_left - count, n_right - count,
                                     n_windows - n_left - n_right + count))
        with np.errstate(divide="ignore", invalid="ignore"):
            p_joint = count / n_windows
            pmi = np.log(p_joint / ((n_left / n_windows) * (n_right / n_windows)))
            npmi = np.minimum(npmi, np.where(p_joint < 1, pmi / -np.log(p_joint), 1.0))
    rules = token_pattern is None
    first, last = parts[0], parts[size - 1]
    keep = (count >= min_count) & ~first.isin(stop).to_numpy() & ~last.isin(stop).to_numpy()
    if rules:
        dropped = {w for column in parts.columns for w in parts[column].unique() if rule_drops(w, keep_numbers)}
        for column in parts.columns:
            keep &= ~parts[column].isin(dropped).to_numpy()
    table = pd.DataFrame({TERM: windows[TERM], COUNT: windows[COUNT].astype(np.int64), G2: score, NPMI: npmi})[keep]
    order = [G2, NPMI] if method == "g2" else [NPMI, G2]
    table = table.sort_values([*order, COUNT, TERM], ascending=[False, False, False, True], kind="stable")
    return table.reset_index(drop=True)
