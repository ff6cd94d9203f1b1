"""Lexical diversity of every article of a batch at once: MATTR and MTLD.

Both work on a word stream (all articles of a batch, one after the other)
described by ``prev``, the position of each word's previous occurrence in its
article (-1 for none), and the article bounds. The tests check them against
plain per-article loops.
"""

from __future__ import annotations

import numpy as np

from analysis.sentences.wordstream import sums_by_run


def mattr(prev: np.ndarray, starts: np.ndarray, ends: np.ndarray, window: int) -> np.ndarray:
    """Moving-average type-token ratio of every article at once (Covington & McFall 2010).

    Word ``i`` is a new type in each window ``[s, s + window)`` that contains
    it but not its previous occurrence: ``max(prev + 1, i - window + 1, start)
    <= s <= min(i, end - window)``. Summing those counts over the words of an
    article gives the sum of distinct counts over all its windows in O(n).
    An article no longer than the window gets its plain type-token ratio.
    The words of an article are one run of the stream, from ``starts`` to
    ``ends``.
    """
    n_words = ends - starts
    out = np.full(len(starts), np.nan)
    if len(prev) == 0:
        return out
    # Each article's words are one run, so its bounds repeat along the run and
    # its sums are one reduceat over the runs (integer counts: the sums are
    # exact, as the float ones they replace were).
    # Positions in int32 when they fit (half the memory to go through), with
    # room for the window's offsets.
    dtype = np.int32 if prev.dtype == np.int32 and window < 2**30 else np.int64
    a = np.repeat(starts.astype(dtype), n_words)
    i = np.arange(len(prev), dtype=dtype)
    lo = prev.astype(dtype) + 1
    np.maximum(lo, i - (window - 1), out=lo)
    np.maximum(lo, a, out=lo)
    hi = np.repeat((ends - window).astype(dtype), n_words)  # the last window start
    np.minimum(hi, i, out=hi)
    hi -= lo
    hi += 1
    np.maximum(hi, 0, out=hi)
    total = sums_by_run(hi, ends).astype(float)
    long = n_words > window
    n_windows = (n_words - window + 1).astype(float)
    out[long] = total[long] / (n_windows[long] * window)
    short = (n_words > 0) & ~long
    types = sums_by_run(prev < a, ends)
    out[short] = types[short] / n_words[short]
    return out


def _factor_ends(windows, s: np.ndarray, length: np.ndarray, limit: np.ndarray, offset: int, types_before):
    """Where each factor starting at ``s`` ends among its words ``offset`` to ``offset + len(limit)``.

    Returns whether it ends there, at which word (counted from ``s``), and the
    running count of its types over those words (``types_before`` more).
    """
    steps = np.arange(offset, offset + len(limit))
    valid = steps < length[:, None]
    new = windows[s + offset] < s[:, None]
    new &= valid
    types = np.cumsum(new, axis=1, dtype=np.int16)
    if types_before is not None:
        types += types_before[:, None]
    hit = types <= limit
    hit &= valid
    j = hit.argmax(axis=1)
    return hit[np.arange(len(s)), j], j + offset, types


def _mtld_factors(prev: np.ndarray, starts: np.ndarray, ends: np.ndarray, threshold: float,
                  width: int = 256, first: int = 128) -> np.ndarray:
    """MTLD factor counts, one pass over every article at once.

    Each round finds, for every unfinished article, where its current factor
    ends: the first word at which the type-token ratio since the factor's
    start falls to ``threshold``. A word is a new type of the factor when its
    previous occurrence lies before the factor's start. Articles whose factor
    runs past ``width`` words, and the last few articles, finish with a plain loop.
    A round reads the first ``first`` words of each factor (most factors end
    there), and the rest of the width only for the factors still open.
    """
    factors = np.zeros(len(starts))
    st = starts.copy()
    active = ends > starts
    # An integer count of types is at most threshold * count exactly when it
    # is at most the floor of that product: the test stays in small integers.
    limit = np.floor(threshold * np.arange(1, width + 1)).astype(np.int16)
    # The next words' previous occurrences from every position, as views: a
    # round copies one contiguous row per article instead of gathering each
    # element (the padding is masked as past the article's end).
    padded = np.concatenate((prev, np.zeros(width, prev.dtype)))
    head = np.lib.stride_tricks.sliding_window_view(padded, first)
    tail = np.lib.stride_tricks.sliding_window_view(padded, width - first)
    while active.any():
        rows = np.flatnonzero(active)
        if len(rows) <= 4:
            # A few long articles left: a round per factor would cost more than a loop.
            for r in rows:
                factors[r] += _mtld_loop(prev, int(st[r]), int(ends[r]), threshold)
            break
        s = st[rows]
        e = ends[rows]
        length = e - s
        found, j, types = _factor_ends(head, s, length, limit[:first], 0, None)
        last_types = types[np.arange(len(s)), np.minimum(length, first) - 1]
        more = np.flatnonzero(~found & (length > first))
        if len(more):
            found2, j2, types2 = _factor_ends(tail, s[more], length[more], limit[first:], first, types[more, -1])
            found[more], j[more] = found2, j2
            last_types[more] = types2[np.arange(len(more)), np.minimum(length[more], width) - first - 1]
        # A factor ends: count it and start the next one after it.
        done_rows = rows[found]
        factors[done_rows] += 1
        st[done_rows] = s[found] + j[found] + 1
        active[done_rows[st[done_rows] >= ends[done_rows]]] = False
        # No factor ends before the article does: add the partial factor.
        left = ~found
        partial = left & (length <= width)
        if partial.any():
            r = rows[partial]
            count = length[partial]
            ttr = last_types[partial] / count
            factors[r] += (1 - ttr) / (1 - threshold)
            active[r] = False
        for k in np.flatnonzero(left & (length > width)):
            r = rows[k]
            factors[r] += _mtld_loop(prev, int(s[k]), int(e[k]), threshold)
            active[r] = False
    return factors


def _mtld_loop(prev: np.ndarray, start: int, end: int, threshold: float) -> float:
    """Factors of one article from ``start`` on, with a plain loop."""
    factors = 0.0
    types = count = 0
    # Over Python ints: reading a numpy array one element at a time costs more than the loop's own work.
    for i, p in enumerate(prev[start:end].tolist(), start):
        count += 1
        if p < start:
            types += 1
        if types <= threshold * count:
            factors += 1
            start = i + 1
            types = count = 0
    if count:
        factors += (1 - types / count) / (1 - threshold)
    return factors


def mtld(prev, nxt, starts, ends, threshold: float = 0.72) -> np.ndarray:
    """MTLD of every article (McCarthy & Jarvis 2010): forward and backward passes averaged.

    ``nxt`` is the position of each word's next occurrence in its article
    (the stream's length for none); NaN where a pass never falls to the
    threshold.
    """
    n = len(prev)
    n_words = (ends - starts).astype(float)
    forward = _mtld_factors(prev, starts, ends, threshold)
    # The backward pass is the forward pass over the reversed stream, where a
    # word's previous occurrence is its next one in the original order.
    prev_rev = (n - 1 - nxt)[::-1]
    backward = _mtld_factors(prev_rev, n - ends, n - starts, threshold)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = (n_words / forward + n_words / backward) / 2
    out[(forward <= 0) | (backward <= 0)] = np.nan
    return out
