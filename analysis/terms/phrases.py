"""Phrases: word sequences that occur together more than chance predicts (``prime minister``)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis import _dask, _parallel
from analysis._input import check_choice, check_int, texts_of
from analysis.terms.corpus_counts import corpus_input, fold
from analysis.terms.counting import COUNT, TERM, first_rows
from analysis.terms.distinctive import G2, g2
from analysis.text.counting import as_text, sentence_terms
from analysis.text.splitter import SplitRules, spans, split_rules
from analysis.text.tokens import compile_pattern, normalise, raw_terms, rule_drops, stop_words

NPMI = "npmi"

#: Columns of :func:`collocations`.
COLLOCATION_COLUMNS = [TERM, COUNT, G2, NPMI]


class _Windows(NamedTuple):
    """Distinct windows of consecutive terms and how often each occurs.

    ``words``: a pyarrow large_string array; ``ids``: one row per window, the
    positions of its words in ``words``; ``count``: occurrences per window.
    A window is a row of integers, not a string: adding the windows of
    many batches hashes integers, and only the windows listed in the end
    become strings.
    """

    words: pa.Array
    ids: np.ndarray
    count: np.ndarray


def _row_codes(ids: np.ndarray, n_values: int) -> np.ndarray:
    """One code per distinct row of ``ids`` (values below ``n_values``), in order of first appearance."""
    key = ids[:, 0].astype(np.int64)
    for j in range(1, ids.shape[1]):
        if len(key) and int(key.max()) >= 2**62 // n_values:  # re-densified before it could overflow
            key = pd.factorize(key)[0]
        key = key * n_values + ids[:, j]
    return pd.factorize(key)[0].astype(np.int64, copy=False)


def _pattern_stream(texts: Sequence, rules: SplitRules, pattern) -> tuple[np.ndarray, list[str], np.ndarray]:
    """Term ids, terms and the sentence of each term, with a user's ``token_pattern`` (the news rules:
    :func:`~analysis.text.counting.sentence_terms`)."""
    index: dict[str, int] = {}
    ids: list[int] = []
    sentence: list[int] = []
    number = 0
    for text in texts:
        text = as_text(text)
        for start, end in spans(text, rules) if text.strip() else ():
            seq = raw_terms(normalise(text[start:end]), pattern)
            ids.extend(index.setdefault(t, len(index)) for t in seq)
            sentence.extend([number] * len(seq))
            number += 1
    return np.asarray(ids, dtype=np.int64), list(index), np.asarray(sentence, dtype=np.int64)


def _window_counts(texts: Sequence, *, size: int, rules: SplitRules, token_pattern: str | None) -> _Windows:
    """The windows of ``size`` terms inside each sentence of a batch of texts."""
    pattern = compile_pattern(token_pattern)
    if pattern is None:
        ids, terms, _, sentence = sentence_terms(texts, rules)
    else:
        ids, terms, sentence = _pattern_stream(texts, rules, pattern)
    starts = np.arange(max(len(ids) - size + 1, 0))
    starts = starts[sentence[starts] == sentence[starts + size - 1]]
    windows = np.stack([ids[starts + j] for j in range(size)], axis=1)
    codes = _row_codes(windows, max(len(terms), 1))
    return _Windows(pa.array(terms, type=pa.large_string()), windows[first_rows(codes)],
                   np.bincount(codes, minlength=int(codes.max()) + 1 if len(codes) else 0))


def _add_windows(parts: list[_Windows]) -> _Windows:
    """Windows of several batches added up (associative: the result adds up again)."""
    if len(parts) == 1:
        return parts[0]
    words = pa.chunked_array([p.words for p in parts], type=pa.large_string()).dictionary_encode().combine_chunks()
    word_id = words.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    offsets = np.cumsum([0] + [len(p.words) for p in parts])
    ids = np.concatenate([word_id[offset + p.ids] for p, offset in zip(parts, offsets)])
    counts = np.concatenate([p.count for p in parts])
    codes = _row_codes(ids, max(len(words.dictionary), 1))
    # float64 sums of counts are exact far beyond any corpus's number of windows
    total = np.bincount(codes, weights=counts, minlength=int(codes.max()) + 1 if len(codes) else 0)
    return _Windows(words.dictionary, ids[first_rows(codes)], total.astype(np.int64))


def _partition_windows(part: pd.DataFrame, **options) -> _Windows:
    return _window_counts(part["text"].tolist(), **options)


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
    options = {"size": size, "rules": split_rules(), "token_pattern": token_pattern}
    compile_pattern(token_pattern)  # a bad pattern is refused here, not in a worker
    if _dask.is_dask(data):
        found = _dask.map_reduce(data, functools.partial(_partition_windows, **options), _add_windows,
                                 progress=progress, desc="collocations")
    else:
        texts = texts_of(data) if isinstance(data, pd.DataFrame) else data
        work = _parallel.batches(texts, chunk_chars=_parallel.CHUNK_CHARS)
        found = fold(_parallel.map_batches(functools.partial(_window_counts, **options), work, n_jobs=n_jobs,
                                           progress=progress, total=len(texts) if hasattr(texts, "__len__") else None,
                                           desc="collocations"),
                     _add_windows, lambda windows: len(windows.count))
    if found is None or not len(found.count):
        return pd.DataFrame({c: pd.Series(dtype=object if c == TERM else float) for c in COLLOCATION_COLUMNS})
    words, ids, count_int = found
    count = count_int.astype(float)
    n_windows = count.sum()
    score = np.full(len(count), np.inf)
    npmi = np.full(len(count), np.inf)

    def marginal(positions: range) -> np.ndarray:
        """Windows that hold the same words at ``positions``, for every window."""
        dense = _row_codes(ids[:, positions.start:positions.stop], max(len(words), 1))
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
    word_list = words.to_pylist()
    is_stop = np.fromiter((w in stop for w in word_list), dtype=bool, count=len(word_list))
    keep = (count_int >= min_count) & ~is_stop[ids[:, 0]] & ~is_stop[ids[:, -1]]
    if token_pattern is None:
        dropped = np.fromiter((rule_drops(w, keep_numbers) for w in word_list), dtype=bool, count=len(word_list))
        keep &= ~dropped[ids].any(axis=1)
    rows = np.flatnonzero(keep)
    # Only the windows listed become strings.
    term = pc.binary_join_element_wise(*[words.take(pa.array(ids[rows, j])) for j in range(size)],
                                       pa.scalar(" ", type=pa.large_string()))
    table = pd.DataFrame({TERM: pd.Series(term, dtype="str"), COUNT: count_int[rows], G2: score[rows],
                          NPMI: npmi[rows]})
    order = [G2, NPMI] if method == "g2" else [NPMI, G2]
    table = table.sort_values([*order, COUNT, TERM], ascending=[False, False, False, True], kind="stable")
    return table.reset_index(drop=True)
