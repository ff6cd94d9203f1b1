"""Counting one batch of texts: the pure building block of every count of terms.

:func:`count_chunk` counts a batch and returns partial tables whose counts add
up across batches, so the same code runs in this process, in the worker
processes of :mod:`analysis._parallel` and on the partitions of a Dask
DataFrame. Unigrams come from the fast counter of :mod:`analysis.text.counting`;
n-grams are counted inside sentences.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from analysis.text.counting import as_text, fast_table, piece_memo, sentence_terms, unigram_pairs
from analysis.text.splitter import SplitRules, spans, split_rules
from analysis.text.tokens import (
    compile_pattern,
    filtered_terms,
    keep_term,
    normalise,
    raw_terms,
    rule_drops,
    stop_words,
)

# Output column names, defined once for the whole of analysis.terms.
TERM = "term"
COUNT = "count"
DOC_COUNT = "doc_count"
PER_10K = "per_10k"
N_TOKENS = "n_tokens"
N_DOCS = "n_docs"
GROUP = "group"

def _runs(sorted_keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct values of a sorted array and how often each occurs."""
    if not len(sorted_keys):
        return sorted_keys, np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    counts = np.diff(np.r_[starts, len(sorted_keys)])
    return sorted_keys[starts], counts


def _distinct(key: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``np.unique(key, return_index=True, return_inverse=True)`` of an int64 array.

    The values are hashed and only the distinct ones sorted: a batch's n-gram
    windows repeat, and sorting every window was the n-gram count's largest step.
    """
    codes, uniques = pd.factorize(key)
    order = np.argsort(uniques)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return uniques[order], first_rows(codes)[order], rank[codes]


def first_rows(codes: np.ndarray) -> np.ndarray:
    """Where each code first occurs, for codes numbered in order of first appearance (as ``pd.factorize`` gives).

    A row holds its code's first occurrence when its code exceeds every code before it.

    Examples
    --------
    >>> first_rows(np.array([0, 1, 0, 2, 1])).tolist()
    [0, 1, 3]
    """
    new = np.ones(len(codes), dtype=bool)
    new[1:] = codes[1:] > np.maximum.accumulate(codes)[:-1]
    return np.flatnonzero(new)


def _pairs_table(docs, term_ids, terms, doc_group, n_groups) -> pd.DataFrame:
    """Count and document count per (group, term) from occurrence arrays."""
    n_terms = max(len(terms), 1)
    if n_groups == 1:
        count = np.bincount(term_ids, minlength=len(terms))
        pair = np.sort(docs * n_terms + term_ids)
        distinct, _ = _runs(pair)
        doc_count = np.bincount(distinct % n_terms, minlength=len(terms))
        keep = count > 0
        return pd.DataFrame(
            {GROUP: np.zeros(int(keep.sum()), dtype=np.int64), TERM: np.asarray(terms, dtype=object)[keep],
             COUNT: count[keep], DOC_COUNT: doc_count[keep]}
        )
    key, count = _runs(np.sort(doc_group[docs] * n_terms + term_ids))
    distinct, _ = _runs(np.sort(docs * n_terms + term_ids))
    _, doc_count = _runs(np.sort(doc_group[distinct // n_terms] * n_terms + distinct % n_terms))
    # Every (group, term) with a count has a document count: the keys agree.
    return pd.DataFrame(
        {GROUP: key // n_terms, TERM: np.asarray(terms, dtype=object)[key % n_terms],
         COUNT: count, DOC_COUNT: doc_count}
    )


def _ngrams(seq: list[str], n: int, stop: frozenset, keep_numbers: bool, news_rules: bool, filtered: bool):
    out = []
    for i in range(len(seq) - n + 1):
        gram = seq[i : i + n]
        if filtered:
            if gram[0] in stop or gram[-1] in stop:
                continue
            if not all(gram) or (news_rules and any(rule_drops(t, keep_numbers) for t in gram)):
                continue
        out.append(" ".join(gram))
    return out


def _ngram_counters(texts, codes, n_groups, sizes, pattern, stop, keep_numbers, filtered, rules):
    """Counters of n-grams (n in ``sizes``, all >= 2) within sentences, per group."""
    news_rules = pattern is None
    counts = [Counter() for _ in range(n_groups)]
    docs = [Counter() for _ in range(n_groups)]
    for text, g in zip(texts, codes):
        text = as_text(text)
        grams: list[str] = []
        for start, end in spans(text, rules) if text.strip() else ():
            seq = raw_terms(normalise(text[start:end]), pattern)
            for n in sizes:
                grams.extend(_ngrams(seq, n, stop, keep_numbers, news_rules, filtered))
        counts[g].update(grams)
        docs[g].update(set(grams))
    return counts, docs


def _stream_unigrams(stream, codes, n_groups, stop, keep_numbers, *, table: bool = True):
    """The unigram table of :func:`sentence_terms`' stream (its terms that :func:`tokenize` keeps).

    Without ``table``, only the number of those terms in each group (what
    n-gram counts need for their totals, a bincount rather than a table).
    """
    ids, terms, text_of, _ = stream
    kept = np.fromiter((keep_term(t, stop, keep_numbers, True) for t in terms), dtype=bool, count=len(terms))
    mask = kept[ids]
    if not table:
        return np.bincount(np.asarray(codes, dtype=np.int64)[text_of[mask]], minlength=n_groups)
    return _pairs_table(text_of[mask], ids[mask], terms, codes, n_groups)


def _ngram_table(stream, codes, sizes, stop, keep_numbers, filtered, only=None) -> pd.DataFrame:
    """``group, term, count, doc_count`` of the n-grams (n in ``sizes``, all >= 2) inside sentences, news rules.

    The same counts as :func:`_ngram_counters` with the news rules, from the
    integer arrays of :func:`~analysis.text.counting.sentence_terms`: a
    window is valid when its first and last terms are in the same sentence,
    and is keyed by its terms' ids; only the distinct n-grams become strings.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    ids, terms, text_of, sentence_of = stream
    n_terms = max(len(terms), 1)
    text_group = np.asarray(codes, dtype=np.int64)
    words = pa.array(terms, type=pa.large_string())
    if filtered:
        is_stop = np.fromiter((t in stop for t in terms), dtype=bool, count=len(terms))
        dropped = np.fromiter((not t or rule_drops(t, keep_numbers) for t in terms), dtype=bool, count=len(terms))
        dropped_before = np.concatenate([[0], np.cumsum(dropped[ids])])
    if only is not None:
        # Windows holding a word no wanted n-gram holds are never keyed.
        wanted = {word for gram in only for word in gram.split(" ")}
        foreign = np.fromiter((t not in wanted for t in terms), dtype=bool, count=len(terms))
        foreign_before = np.concatenate([[0], np.cumsum(foreign[ids])])
    frames = []
    for n in sizes:
        starts = np.arange(max(len(ids) - n + 1, 0))
        ok = sentence_of[starts] == sentence_of[starts + n - 1]
        if filtered:
            ok &= ~is_stop[ids[starts]] & ~is_stop[ids[starts + n - 1]]
            ok &= dropped_before[starts + n] == dropped_before[starts]
        if only is not None:
            ok &= foreign_before[starts + n] == foreign_before[starts]
        starts = starts[ok]
        key = ids[starts]
        for j in range(1, n):
            if key.size and int(key.max()) >= (2**62) // n_terms:  # keep the key within int64
                key = np.unique(key, return_inverse=True)[1].astype(np.int64)
            key = key * n_terms + ids[starts + j]
        gram, first, gram_of = _distinct(key)
        n_grams = max(len(gram), 1)
        window_text = text_of[starts]
        pair, count = _runs(np.sort(text_group[window_text] * n_grams + gram_of))
        in_text, _ = _runs(np.sort(window_text * n_grams + gram_of))
        # Every (group, n-gram) counted has a document count: the sorted keys agree.
        _, doc_count = _runs(np.sort(text_group[in_text // n_grams] * n_grams + in_text % n_grams))
        first_start = starts[first]
        names = pc.binary_join_element_wise(*[words.take(pa.array(ids[first_start + j])) for j in range(n)],
                                            pa.scalar(" ", type=pa.large_string()))
        frames.append(pd.DataFrame({GROUP: pair // n_grams,
                                    TERM: pd.Series(names.take(pa.array(pair % n_grams)), dtype="str"),
                                    COUNT: count, DOC_COUNT: doc_count}))
    return pd.concat(frames, ignore_index=True) if frames else empty_counts()


def _counters_table(counts: list[Counter], docs: list[Counter]) -> pd.DataFrame:
    frames = []
    for g, (c, d) in enumerate(zip(counts, docs)):
        if c:
            terms = list(c)
            frames.append(pd.DataFrame({GROUP: g, TERM: pd.Series(terms, dtype=object),
                                        COUNT: np.fromiter(c.values(), np.int64, len(c)),
                                        DOC_COUNT: np.fromiter(map(d.__getitem__, terms), np.int64, len(c))}))
    if not frames:
        return empty_counts()
    return pd.concat(frames, ignore_index=True)


def empty_counts() -> pd.DataFrame:
    """A counts table with no rows (the columns and dtypes of :func:`count_chunk`'s ``counts``)."""
    return pd.DataFrame({GROUP: pd.Series(dtype=np.int64), TERM: pd.Series(dtype=object),
                         COUNT: pd.Series(dtype=np.int64), DOC_COUNT: pd.Series(dtype=np.int64)})


def count_chunk(
    texts: Sequence[str],
    groups: Sequence | None = None,
    *,
    stopwords: str | Iterable[str] | None = "english",
    token_pattern: str | None = None,
    keep_numbers: bool = False,
    ngram_range: tuple[int, int] = (1, 1),
    all_windows: bool = False,
    rules: SplitRules | None = None,
    only: Iterable[str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Count terms in one batch of texts: the pure building block of every count.

    Partial results of several batches add up: concatenate them and sum
    ``count``, ``doc_count``, ``n_tokens`` and ``n_docs`` per group and term
    (this is what :func:`~analysis.terms.term_frequencies` does, and what a Dask
    ``map_partitions`` can do).

    Parameters
    ----------
    texts : sequence of str
        The articles (missing values count as empty texts).
    groups : sequence of hashable, optional
        One group key per text; ``None`` puts every text in group 0.
    stopwords, token_pattern, keep_numbers
        As in :func:`~analysis.text.tokens.tokenize`.
    ngram_range : (int, int)
        Smallest and largest n of the n-grams counted. N-grams never span two
        sentences (:func:`analysis.text.spans`) or two texts; with the
        news rules those starting or ending with a stop word, or holding a
        number, are left out.
    all_windows : bool
        Count every n-gram (n >= 2) without the stop-word and number filters
        (what :func:`~analysis.terms.collocations` needs for its marginal counts).
    rules : SplitRules, optional
        The sentence splitter's word lists (:func:`analysis.text.split_rules`,
        the default); a caller sending batches to other processes passes the
        ones it started with.
    only : collection of str, optional
        Count only these terms and n-grams (as counted: ``"islamic state"``);
        the totals still count every token. N-grams made only of other words
        are never built, which is what makes following a few phrases fast.

    Returns
    -------
    counts : DataFrame
        ``group, term, count, doc_count``, one row per group and term.
    totals : DataFrame
        ``group, n_tokens, n_docs``: tokens kept by :func:`~analysis.text.tokens.tokenize` (the
        denominator of rates) and texts, per group.

    Examples
    --------
    >>> counts, totals = count_chunk(["Putin's talks", "Putin and Assad"])
    >>> counts.sort_values("term").to_dict("list")
    {'group': [0, 0, 0], 'term': ['assad', 'putin', 'talks'], 'count': [1, 2, 1], 'doc_count': [1, 2, 1]}
    >>> totals.to_dict("list")
    {'group': [0], 'n_tokens': [4], 'n_docs': [2]}
    """
    if isinstance(texts, str):
        raise TypeError("texts is a single string; pass a list of texts")
    rules = split_rules() if rules is None else rules
    texts = list(texts)
    if groups is None:
        codes = np.zeros(len(texts), dtype=np.int64)
        uniques = np.array([0])
    else:
        codes, uniques = pd.factorize(pd.Series(list(groups), dtype=object), use_na_sentinel=False)
        codes = codes.astype(np.int64)
        if len(codes) != len(texts):
            raise ValueError(f"groups has {len(codes)} keys for {len(texts)} texts; pass one key per text")
    n_groups = max(len(uniques), 1)
    pattern = compile_pattern(token_pattern)
    stop = stop_words(stopwords)
    low, high = check_ngram_range(ngram_range)
    only = None if only is None else frozenset(only)

    frames = []
    sizes = [n for n in range(max(low, 2), high + 1)]
    grams = None
    # Unigrams are always counted: their total is the denominator of rates.
    table = fast_table(token_pattern)
    if sizes and pattern is None:
        # One pass of the splitter and the word rules serves the n-grams, the unigrams and the totals.
        stream = sentence_terms(texts, rules)
        uni = _stream_unigrams(stream, codes, n_groups, stop, keep_numbers, table=low == 1)
        grams = _ngram_table(stream, codes, sizes, stop, keep_numbers, not all_windows, only)
    elif table is not None:
        docs, term_ids, terms = unigram_pairs(texts, table, piece_memo(pattern, stop, keep_numbers))
        uni = _pairs_table(docs, term_ids, terms, codes, n_groups)
    else:
        counts = [Counter() for _ in range(n_groups)]
        doc_sets = [Counter() for _ in range(n_groups)]
        for text, g in zip(texts, codes):
            found = filtered_terms(normalise(as_text(text)), pattern, stop, keep_numbers)
            counts[g].update(found)
            doc_sets[g].update(set(found))
        uni = _counters_table(counts, doc_sets)
    n_tokens = uni if isinstance(uni, np.ndarray) else uni.groupby(GROUP)[COUNT].sum().reindex(
        range(n_groups), fill_value=0).to_numpy()
    if low == 1:
        frames.append(uni)
    if grams is not None:
        frames.append(grams)
    elif sizes:
        counters = _ngram_counters(texts, codes, n_groups, sizes, pattern, stop, keep_numbers, not all_windows, rules)
        frames.append(_counters_table(*counters))

    counts_table = pd.concat(frames, ignore_index=True) if frames else empty_counts()
    if only is not None:
        counts_table = counts_table[counts_table[TERM].isin(only)].reset_index(drop=True)
    counts_table[GROUP] = uniques[counts_table[GROUP].to_numpy()] if len(counts_table) else []
    totals = pd.DataFrame({GROUP: uniques[:n_groups] if len(uniques) else [0],
                           N_TOKENS: n_tokens.astype(np.int64),
                           N_DOCS: np.bincount(codes, minlength=n_groups).astype(np.int64)})
    return counts_table, totals


def check_ngram_range(ngram_range) -> tuple[int, int]:
    """``ngram_range`` as ``(low, high)`` when ``1 <= low <= high``; else a ValueError saying what to pass."""
    try:
        low, high = (int(x) for x in ngram_range)
    except (TypeError, ValueError):
        low = high = None
    if low is None or not 1 <= low <= high:
        raise ValueError(f"ngram_range={ngram_range!r}; pass (min_n, max_n) with 1 <= min_n <= max_n, e.g. (1, 2)")
    return low, high
