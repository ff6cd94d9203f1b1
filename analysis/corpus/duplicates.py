"""Exact and near-duplicate articles: MinHash with LSH banding, then an exact Jaccard check.

:func:`find_duplicates` hashes each article's word shingles (numpy, in
batches), groups candidate pairs by bands of their MinHash signatures, and
keeps the pairs whose exact Jaccard similarity of shingles reaches the
threshold. A Dask corpus is hashed partition by partition on the cluster.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis import _dask, _parallel
from analysis._input import check_choice, check_int, check_random_state, check_text_column, doc_ids, refuse_string
from analysis.corpus.reading import as_text, str_array
from analysis.corpus.schema import DOC_ID, TEXT

# find_duplicates() columns and kinds
DUPLICATE_OF, SIMILARITY, KIND = "duplicate_of", "similarity", "kind"
#: Columns of :func:`find_duplicates`.
DUPLICATE_COLUMNS = (DOC_ID, DUPLICATE_OF, SIMILARITY, KIND)
EXACT, NEAR = "exact", "near"


_U64 = np.uint64
_MASK58 = _U64((1 << 58) - 1)
_EMPTY = _U64(np.iinfo(np.uint64).max)
_BATCH_BYTES = 1_000_000  # characters per hashing batch: ~10 MB per work array

# Bytes that are part of words: ASCII letters and digits, and every byte of a
# non-ASCII character (letters of other scripts), except the punctuation below.
_WORD_BYTE = np.zeros(256, dtype=bool)
_WORD_BYTE[[*range(48, 58), *range(65, 91), *range(97, 123), *range(128, 256)]] = True
_LOWER = np.arange(256, dtype=np.uint8)
_LOWER[65:91] += 32


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads every input bit over every output bit."""
    h = h ^ (h >> _U64(30))
    h *= _U64(0xBF58476D1CE4E5B9)
    h ^= h >> _U64(27)
    h *= _U64(0x94D049BB133111EB)
    return h ^ (h >> _U64(31))


def _powers(base: int, n: int) -> np.ndarray:
    """``base ** arange(n)`` modulo 2**64."""
    out = np.full(max(n, 1), base, dtype=np.uint64)
    out[0] = 1
    return np.cumprod(out, dtype=np.uint64)


@dataclass
class _Hashing:
    """The random constants of one find_duplicates run (fixed by ``random_state``)."""

    random_state: int
    shingle_size: int
    _cache: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        rng = np.random.default_rng(self.random_state)
        odd = rng.integers(1, 2**63, size=4, dtype=np.uint64) * _U64(2) + _U64(1)
        self.p, self.q, self.r, self.band = (int(x) for x in odd)
        self.p_inv = pow(self.p, -1, 2**64)
        self.r_inv = pow(self.r, -1, 2**64)

    def powers(self, base: int, n: int) -> np.ndarray:
        """The first ``n`` powers of ``base``, computed once per run and grown as needed."""
        have = self._cache.get(base)
        if have is None or len(have) < n:
            size = -(-n // (1 << 20)) << 20  # whole MiB-entries: few regrowths, little slack
            have = self._cache[base] = _powers(base, size)
        return have[:n]


def _batch_words(texts: list[str], h: _Hashing):
    """Word hashes of a batch of texts: ``(word_hash, doc_of_word, n_words_per_doc)``."""
    encoded = [t.encode("utf-8") for t in texts]
    lengths = np.fromiter((len(b) for b in encoded), dtype=np.int64, count=len(encoded))
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    data = np.frombuffer(b"".join(encoded), dtype=np.uint8)
    del encoded
    n = len(data)
    if n == 0:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64), np.zeros(len(texts), np.int64)
    word = _WORD_BYTE[data]
    # Typographic punctuation (U+2000-U+206F: quotes, dashes, ...) and U+00A0-U+00BF
    # (no-break space, guillemets) separate words as ASCII punctuation does.
    lead = np.flatnonzero((data[:-2] == 0xE2) & ((data[1:-1] == 0x80) | (data[1:-1] == 0x81)))
    for k in range(3):
        word[lead + k] = False
    lead = np.flatnonzero((data[:-1] == 0xC2) & (data[1:] >= 0xA0) & (data[1:] <= 0xBF))
    word[lead] = word[lead + 1] = False
    edge = np.zeros(n + 1, dtype=bool)  # word boundaries: where word-ness changes
    edge[0], edge[n] = word[0], word[-1]
    edge[1:n] = word[1:] != word[:-1]
    has = lengths > 0
    # Words never run across two texts: a text's first and last bytes are edges too.
    edge[offsets[:-1][has]] |= word[offsets[:-1][has]]
    edge[offsets[1:][has]] |= word[offsets[1:][has] - 1]
    starts = np.flatnonzero(edge[:n] & word)
    ends = np.flatnonzero(edge[1:] & word) + 1
    del edge, word
    # Polynomial hash of each word from prefix sums: (P[e] - P[s]) / p**s.
    prefix = _LOWER[data].astype(np.uint64)
    prefix += _U64(1)
    prefix *= h.powers(h.p, n)
    np.cumsum(prefix, out=prefix)
    before = np.zeros(len(starts), dtype=np.uint64)
    inside = starts > 0
    before[inside] = prefix[starts[inside] - 1]
    word_hash = _mix((prefix[ends - 1] - before) * h.powers(h.p_inv, n)[starts])
    doc = np.searchsorted(offsets, starts, side="right") - 1
    counts = np.bincount(doc, minlength=len(texts)).astype(np.int64)
    return word_hash, doc, counts


def _batch_shingles(texts: list[str], h: _Hashing):
    """``(doc_hash, shingle_hash, doc_of_shingle)`` of a batch of texts.

    ``doc_hash`` is 0 for a text without words; other texts hash their word
    sequence (lowercase, punctuation ignored), so equal hashes are exact
    duplicates. Shingles are runs of ``shingle_size`` words; a shorter text is
    one shingle.
    """
    w, doc, counts = _batch_words(texts, h)
    n_docs = len(texts)
    doc_hash = np.zeros(n_docs, dtype=np.uint64)
    if len(w) == 0:
        return doc_hash, np.zeros(0, np.uint64), np.zeros(0, np.int64)
    has = counts > 0
    first = np.zeros(n_docs, dtype=np.int64)
    np.cumsum(counts[:-1], out=first[1:])
    weighted = w * h.powers(h.r, len(w))
    sums = np.add.reduceat(weighted, first[has])
    doc_hash[has] = _mix(sums * h.powers(h.r_inv, len(w))[first[has]] + counts[has].astype(np.uint64))
    doc_hash[has & (doc_hash == 0)] = _U64(1)
    k = h.shingle_size
    if len(w) >= k:
        sh = w[: len(w) - k + 1].copy()
        for j in range(1, k):
            sh = sh * _U64(h.q) + w[j : len(w) - k + 1 + j]
        ok = doc[: len(w) - k + 1] == doc[k - 1 :]
        shingles, sdoc = _mix(sh[ok]), doc[: len(w) - k + 1][ok]
    else:
        shingles, sdoc = np.zeros(0, np.uint64), np.zeros(0, np.int64)
    short = np.flatnonzero(has & (counts < k))
    if len(short):
        shingles = np.concatenate([shingles, doc_hash[short]])
        sdoc = np.concatenate([sdoc, short])
    return doc_hash, shingles, sdoc


def _batches(n_chars: np.ndarray):
    """``(start, stop)`` of consecutive texts of about ``_BATCH_BYTES`` characters."""
    ends = np.cumsum(n_chars)
    start = 0
    while start < len(n_chars):
        base = ends[start - 1] if start else 0
        stop = int(np.searchsorted(ends, base + _BATCH_BYTES, side="right"))
        stop = max(stop, start + 1)
        yield start, stop
        start = stop


def _n_chars(column: pd.Series) -> np.ndarray:
    return column.str.len().fillna(0).to_numpy(dtype=np.int64)


def _texts(column: pd.Series, lo: int, hi: int) -> list[str]:
    return [as_text(t) for t in column.iloc[lo:hi].tolist()]


def _signature_block(texts: list[str], random_state: int, shingle_size: int, n_bins: int):
    """One-permutation MinHash signatures (rotation-densified) and exact hashes of a batch (pure)."""
    h = _hashing(random_state, shingle_size)
    bits = int(np.log2(n_bins))
    value_bits = _U64(64 - bits)
    n = len(texts)
    doc_hash, sh, sdoc = _batch_shingles(texts, h)
    block = np.full(n * n_bins, _EMPTY, dtype=np.uint64)
    np.minimum.at(block, sdoc * n_bins + (sh >> value_bits).astype(np.int64), sh & _MASK58)
    block = block.reshape(n, n_bins)
    empty = block == _EMPTY
    rows = empty.any(axis=1) & ~empty.all(axis=1)
    if rows.any():  # fill empty bins from the next full bin to the right
        part, hole = block[rows], empty[rows]
        filled = part.copy()
        for t in range(1, n_bins):
            if not hole.any():
                break
            shifted = np.roll(part, -t, axis=1)
            take = hole & (shifted != _EMPTY)
            filled[take] = shifted[take] + _U64(t << 58)
            hole &= ~take
        block[rows] = filled
    return block, doc_hash


# The hash constants of the run, kept by each worker process (their powers grow once, not per batch).
_HASHING: dict[tuple[int, int], _Hashing] = {}


def _hashing(random_state: int, shingle_size: int) -> _Hashing:
    key = (random_state, shingle_size)
    if key not in _HASHING:
        _HASHING.clear()
        _HASHING[key] = _Hashing(random_state, shingle_size)
    return _HASHING[key]


def _signatures(column: pd.Series, n_chars, h: _Hashing, n_bins: int, *, n_jobs, progress: bool):
    """Signatures and exact hashes of every text, in order: batches of texts on the process pool.

    Texts are read a batch at a time from ``column``, so memory stays bounded.
    """
    sig = np.empty((len(column), n_bins), dtype=np.uint64)
    doc_hash = np.empty(len(column), dtype=np.uint64)
    # Batches hashed in this process use the caller's constants, whose powers serve the exact check after.
    _HASHING.clear()
    _HASHING[(h.random_state, h.shingle_size)] = h
    ranges = list(_batches(n_chars))
    func = functools.partial(_signature_block, random_state=h.random_state, shingle_size=h.shingle_size,
                             n_bins=n_bins)
    work = ((_texts(column, lo, hi),) for lo, hi in ranges)
    blocks = _parallel.map_batches(func, work, n_jobs=n_jobs, progress=progress, total=len(column), desc="hashing")
    for (lo, hi), (block, hashes) in zip(ranges, blocks):
        sig[lo:hi], doc_hash[lo:hi] = block, hashes
    _HASHING.clear()  # the caller keeps its constants as long as it needs them; a worker keeps its own
    return sig, doc_hash


def _band_rows(threshold: float, n_bins: int) -> int:
    """Rows per LSH band: the most selective banding that still finds a pair at
    ``threshold`` with probability >= 0.995 (candidates are verified exactly)."""
    best = 1
    r = 1
    while r <= n_bins:
        if 1 - (1 - threshold**r) ** (n_bins // r) >= 0.995:
            best = r
        r *= 2
    return best


def _candidate_pairs(sig: np.ndarray, ids: np.ndarray, rows: int, band_key: int, window: int = 50):
    """Pairs ``(i, j)``, ``i < j`` (indices into ``ids``), equal in at least one band."""
    n = len(ids)
    found = []
    for start in range(0, sig.shape[1] - rows + 1, rows):
        key = np.zeros(n, dtype=np.uint64)
        for c in range(start, start + rows):
            key = _mix(key * _U64(band_key) + sig[ids, c])
        order = np.argsort(key, kind="stable")
        ks = key[order]
        # Neighbours within a bucket, up to ``window`` apart: all pairs of a
        # small bucket, a linear number of a huge one (boilerplate texts).
        for d in range(1, window + 1):
            same = np.flatnonzero(ks[d:] == ks[:-d])
            if not len(same):
                break
            a, b = order[same], order[same + d]
            found.append(np.stack([np.minimum(a, b), np.maximum(a, b)]))
    if not found:
        return np.zeros((2, 0), dtype=np.int64)
    pairs = np.concatenate(found, axis=1).astype(np.int64)
    code = np.unique(pairs[0] * n + pairs[1])
    return np.stack([code // n, code % n])


def _jaccard(texts_of, pairs: np.ndarray, h: _Hashing) -> np.ndarray:
    """Exact Jaccard similarity of the shingle sets of each pair of texts.

    ``texts_of(positions)`` returns the texts at those positions of the corpus.
    """
    involved = np.unique(pairs)
    sets = {}
    texts = texts_of(involved)
    for lo, hi in _batches(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))):
        _, sh, sdoc = _batch_shingles(texts[lo:hi], h)
        order = np.lexsort((sh, sdoc))
        sh, sdoc = sh[order], sdoc[order]
        bounds = np.searchsorted(sdoc, np.arange(hi - lo + 1))
        for k in range(hi - lo):
            sets[int(involved[lo + k])] = np.unique(sh[bounds[k] : bounds[k + 1]])
    sims = np.empty(pairs.shape[1])
    for k, (i, j) in enumerate(pairs.T):
        a, b = sets[int(i)], sets[int(j)]
        inter = len(np.intersect1d(a, b, assume_unique=True))
        union = len(a) + len(b) - inter
        sims[k] = inter / union if union else np.nan
    return sims


def find_duplicates(
    df: pd.DataFrame,
    threshold: float = 0.9,
    *,
    shingle_size: int = 5,
    num_perm: int = 64,
    random_state: int = 0,
    n_jobs: int | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Find exact and near-duplicate articles.

    Texts are compared as sets of *shingles* (runs of ``shingle_size`` words,
    lowercase, punctuation ignored). Exact duplicates have the same word
    sequence; near duplicates have a Jaccard similarity of their shingle sets
    of at least ``threshold``. Candidates come from MinHash signatures
    (one-permutation hashing, ``num_perm`` bins) and locality-sensitive
    hashing, so no pair of articles is compared unless their signatures agree
    on a band; every candidate's similarity is then computed exactly. Time and
    memory grow linearly with the corpus (100,000 articles: seconds).

    Parameters
    ----------
    df : DataFrame or dask.dataframe.DataFrame
        A table from :func:`load` (``doc_id`` and ``text`` columns). On a Dask
        DataFrame the signatures are computed on the cluster, partition by
        partition, and only they (``num_perm`` numbers per article) and the
        texts of candidate pairs come back; the result is the same table.
    threshold : float, default 0.9
        Least Jaccard similarity of a near duplicate, in (0, 1].
    shingle_size : int, default 5
        Words per shingle. Smaller values find looser matches.
    num_perm : int, default 64
        Signature length (a power of two from 8 to 256).
    random_state : int, default 0
        Seed of the hash functions. Results depend on it only through which
        candidate pairs LSH proposes (a pair exactly at ``threshold`` is found
        with probability >= 0.995), so they are reproducible for a given seed.
    n_jobs : int, optional
        Processes hashing the texts; ``None`` uses every core, 1 stays in
        this process. A corpus of a few megabytes is always hashed here.
    progress : bool, optional
        Progress bar; by default from 10,000 articles on.

    Returns
    -------
    DataFrame
        One row per duplicate article, in the order of ``df``: ``doc_id``,
        ``duplicate_of`` (the first article of ``df`` it duplicates; that one
        has no row of its own), ``similarity`` (Jaccard, 1.0 for exact) and
        ``kind`` (``"exact"`` or ``"near"``). Texts without words are ignored.

    Examples
    --------
    >>> from analysis.corpus import load
    >>> body = "Shares in the company rose sharply on Monday after it reported record profits for the year."
    >>> df = load([f"A\\n\\n{body}", f"B\\n\\n{body.upper()}",
    ...            f"C\\n\\n{body.replace('Monday', 'Tuesday')}", "D\\n\\nSomething else."],
    ...           progress=False)
    >>> find_duplicates(df, threshold=0.4)
      doc_id duplicate_of  similarity   kind
    0      1            0    1.000000  exact
    1      2            0    0.411765   near
    """
    if _dask.is_dask(df) and DOC_ID not in df.columns:
        raise ValueError(f"find_duplicates needs a doc_id column in a Dask corpus (got {list(df.columns)}); "
                         "pass a table from analysis.corpus.load")
    refuse_string(df)
    if not isinstance(df, pd.DataFrame) and not _dask.is_dask(df):
        raise TypeError(f"df is a {type(df).__name__}; pass a corpus table from analysis.corpus.load")
    check_text_column(df)
    if isinstance(threshold, bool) or not (isinstance(threshold, (int, float)) and 0 < threshold <= 1):
        raise ValueError(f"threshold={threshold!r}; pass a similarity in (0, 1], e.g. 0.9")
    check_int("shingle_size", shingle_size)
    check_choice("num_perm", num_perm, (8, 16, 32, 64, 128, 256))
    h = _Hashing(check_random_state(random_state), shingle_size)
    if _dask.is_dask(df):
        sig, doc_hash, ids, texts_of = _dask_signatures(df, h, num_perm, progress)
    else:
        column = df[TEXT].reset_index(drop=True)
        ids = doc_ids(df).to_numpy(dtype=object)
        show = progress if progress is not None else len(column) >= 10_000
        sig, doc_hash = _signatures(column, _n_chars(column), h, num_perm, n_jobs=n_jobs, progress=bool(show))

        def texts_of(positions):
            # One text at a time: taking rows of an Arrow column by position
            # would first join all its chunks, a copy of the whole corpus.
            return [as_text(column.iloc[int(i)]) for i in positions]

    rows_dup, rows_of, rows_sim, rows_kind = [], [], [], []
    # Exact: equal word sequences; the first occurrence is the original.
    has_words = np.flatnonzero(doc_hash != 0)
    order = has_words[np.argsort(doc_hash[has_words], kind="stable")]
    hs = doc_hash[order]
    group_start = np.concatenate([[True], hs[1:] != hs[:-1]]) if len(hs) else np.zeros(0, bool)
    first_of = order[np.maximum.accumulate(np.where(group_start, np.arange(len(hs)), 0))]
    exact = order[~group_start]
    rows_dup.extend(exact.tolist())
    rows_of.extend(first_of[~group_start].tolist())
    rows_sim.extend([1.0] * len(exact))
    rows_kind.extend([EXACT] * len(exact))

    # Near: among distinct texts only.
    reps = np.sort(order[group_start])
    pairs = _candidate_pairs(sig, reps, _band_rows(threshold, num_perm), h.band)
    if pairs.shape[1]:
        a, b = reps[pairs[0]], reps[pairs[1]]
        agree = (sig[a] == sig[b]).mean(axis=1)
        # The signature estimate has a standard error near 0.06 at 64 bins:
        # keep a wide margin, the exact similarity decides.
        keep = agree >= threshold - 4 * np.sqrt(max(threshold * (1 - threshold), 0.01) / num_perm)
        a, b = a[keep], b[keep]
        sims = _jaccard(texts_of, np.stack([a, b]), h) if len(a) else np.zeros(0)
        ok = sims >= threshold - 1e-12
        a, b, sims = a[ok], b[ok], sims[ok]
        # Each later article points to the earliest one it duplicates.
        best = np.lexsort((a, b))
        a, b, sims = a[best], b[best], sims[best]
        first = np.concatenate([[True], b[1:] != b[:-1]]) if len(b) else np.zeros(0, bool)
        rows_dup.extend(b[first].tolist())
        rows_of.extend(a[first].tolist())
        rows_sim.extend(sims[first].tolist())
        rows_kind.extend([NEAR] * int(first.sum()))

    order = np.argsort(np.asarray(rows_dup, dtype=np.int64), kind="stable")
    dup = np.asarray(rows_dup, dtype=np.int64)[order]
    of = np.asarray(rows_of, dtype=np.int64)[order]
    return pd.DataFrame(
        {
            DOC_ID: str_array(list(ids[dup])),
            DUPLICATE_OF: str_array(list(ids[of])),
            SIMILARITY: np.asarray(rows_sim, dtype=float)[order],
            KIND: str_array([rows_kind[i] for i in order]),
        }
    )


# --- Dask ------------------------------------------------------------------------


def _partition_signatures(part: pd.DataFrame, random_state: int, shingle_size: int, num_perm: int):
    """MinHash signatures, exact hashes and ids of one partition (runs on a Dask worker)."""
    column = part[TEXT].reset_index(drop=True)
    h = _Hashing(random_state, shingle_size)
    sig, doc_hash = _signatures(column, _n_chars(column), h, num_perm, n_jobs=1, progress=False)
    return sig, doc_hash, part[DOC_ID].astype(str).to_numpy(dtype=object)


def _take_texts(part: pd.DataFrame, positions: list[int]) -> list[str]:
    return [as_text(part[TEXT].iloc[i]) for i in positions]


def _dask_signatures(ddf, h: _Hashing, num_perm: int, progress):
    """The signatures of a Dask corpus, in order, and a way to fetch the texts of a few articles."""
    from dask import delayed

    parts = ddf[[DOC_ID, TEXT]].to_delayed()
    results = _dask.compute_all(
        [delayed(_partition_signatures)(p, h.random_state, h.shingle_size, num_perm) for p in parts],
        progress=bool(progress), desc="hashing")
    sig = np.concatenate([r[0] for r in results])
    doc_hash = np.concatenate([r[1] for r in results])
    doc_ids = np.concatenate([r[2] for r in results])
    offsets = np.cumsum([0] + [len(r[1]) for r in results])

    def texts_of(positions):
        owner = np.searchsorted(offsets, positions, side="right") - 1
        wanted = {int(k): (positions[owner == k] - offsets[k]).tolist() for k in np.unique(owner)}
        fetched = _dask.compute_all([delayed(_take_texts)(parts[k], local) for k, local in wanted.items()],
                                    progress=False)
        # positions are sorted (np.unique), so each partition's texts come back in their order
        return [text for texts in fetched for text in texts]

    return sig, doc_hash, doc_ids, texts_of

