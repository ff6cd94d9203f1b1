"""Counting the segments of a batch of article bodies: what deciding on boilerplate needs, and no text.

:func:`count` is the first step of :func:`analysis.corpus.boilerplate.find`;
it runs wherever a batch is parsed (in worker processes of a load too), and
its :class:`Counts` -- small arrays of segment keys, about 30 bytes a segment
-- are joined in order with :meth:`Counts.concat` and judged once by
:func:`analysis.corpus.boilerplate.decide`. Keys are the same in every process
(:func:`analysis.corpus.segments.segment_key`), so the result does not depend
on how the corpus was split into batches or processes.

The array helpers at the end (:func:`support`, :func:`distinct_per_code`,
:func:`lookup`, :func:`dense_ids`) count codes over these arrays.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from analysis.corpus.segments import (
    COVER,
    EXACT,
    MAX_TEMPLATE_CHARS,
    NO_STOP_CODES,
    SHORT_CHARS,
    segment_keys,
    segment_spans,
    template_starts,
)


@dataclass
class Counts:
    """Segment statistics of a batch of articles: what deciding needs, and no text.

    Built by :func:`count`; batches are joined with :meth:`concat` in their
    order. Arrays are small (about 30 bytes per segment) and pickle cheaply,
    so batches can be counted in worker processes.
    """

    sources: list
    body: np.ndarray  # per article: key of the whole body, for telling duplicates
    n_cover: np.ndarray  # per article: segments covering the body
    key: np.ndarray  # per segment
    doc: np.ndarray  # per segment: article number within the batch
    flags: np.ndarray  # per segment
    prefix: np.ndarray  # per template start
    prefix_seg: np.ndarray  # per template start: its segment number within the batch
    prefix_info: np.ndarray  # per template start: k | NAMED | EVIDENCE

    @property
    def n_articles(self) -> int:
        return len(self.sources)

    @staticmethod
    def concat(parts: Sequence[Counts]) -> Counts:
        """The counts of consecutive batches as one, article numbers running on."""
        parts = list(parts)
        if not parts:
            return count([])
        doc_offsets = np.cumsum([0] + [p.n_articles for p in parts])
        seg_offsets = np.cumsum([0] + [len(p.key) for p in parts])
        return Counts(
            sources=[s for p in parts for s in p.sources],
            body=np.concatenate([p.body for p in parts]),
            n_cover=np.concatenate([p.n_cover for p in parts]),
            key=np.concatenate([p.key for p in parts]),
            doc=np.concatenate([p.doc + o for p, o in zip(parts, doc_offsets)]),
            flags=np.concatenate([p.flags for p in parts]),
            prefix=np.concatenate([p.prefix for p in parts]),
            prefix_seg=np.concatenate([p.prefix_seg + o for p, o in zip(parts, seg_offsets)]),
            prefix_info=np.concatenate([p.prefix_info for p in parts]),
        )


def _missing(value) -> bool:
    try:
        return value is None or bool(value != value)  # None, NaN
    except TypeError:  # pandas.NA
        return True


def check_sources(texts: Sequence, sources) -> list:
    """One source per text, ``None`` where unknown (NaN, NA); ``sources=None``: all unknown."""
    if sources is None:
        return [None] * len(texts)
    sources = [None if _missing(s) else str(s) for s in sources]
    if len(sources) != len(texts):
        raise ValueError(
            f"sources has {len(sources):,} values for {len(texts):,} texts; pass one source per text (or None)"
        )
    return sources


def check_texts(texts) -> list[str]:
    """``texts`` as a list, every one a string (else a ``TypeError`` naming the first that is not)."""
    texts = list(texts)
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise TypeError(f"texts[{i}] is a {type(t).__name__} ({t!r:.40}); pass article bodies as strings")
    return texts


def count(texts: Iterable[str], sources: Iterable | None = None) -> Counts:
    """Count the segments of a batch of article bodies (the first step of :func:`analysis.corpus.boilerplate.find`).

    Parameters
    ----------
    texts : list of str
        Article bodies (the ``text`` column of :func:`analysis.corpus.load`).
    sources : list, optional
        The source of each article (``None`` when unknown); boilerplate is
        judged per source.

    Returns
    -------
    Counts

    Examples
    --------
    >>> c = count(["One line here. Another line here.", "A\\nB"], ["x", None])
    >>> c.n_articles, len(c.key)
    (2, 4)
    """
    texts = check_texts(texts)
    sources = check_sources(texts, sources)
    segments: list[str] = []
    sizes: list[int] = []  # per article: its segments (all of them cover the body)
    single: list[bool] = []  # per article: a body of one line, cut into sentences
    single_flags: list[int] = []  # the flags of those sentences, in order
    prefixes: list[int] = []
    prefix_segs: list[int] = []
    prefix_info: list[int] = []
    templates = template_starts
    longest, short = MAX_TEMPLATE_CHARS, SHORT_CHARS

    def add_starts(segment: str, at: int) -> None:
        for p, info in templates(segment):
            prefixes.append(p)
            prefix_segs.append(at)
            prefix_info.append(info)

    for text in texts:
        # Lines are taken from the split text, without offsets: the same
        # strings segment_spans() cuts, at a fraction of the cost.
        lines = [line for line in map(str.strip, text.split("\n")) if line]
        if len(lines) > 1:
            segments.extend(lines)  # their template starts: after the loop, for all lines at once
            sizes.append(len(lines))
            single.append(False)
        elif lines:
            first = len(segments)
            for s, e, f in segment_spans(text):
                segments.append(text[s:e])
                single_flags.append(f)
                if e - s <= longest:
                    add_starts(segments[-1], len(segments) - 1)
            sizes.append(len(segments) - first)
            single.append(True)
        else:
            sizes.append(0)
            single.append(False)
    n_segments = np.array(sizes, dtype=np.int64)
    doc = np.repeat(np.arange(len(texts), dtype=np.int64), n_segments)
    lengths = np.fromiter(map(len, segments), dtype=np.int64, count=len(segments))
    key_array = segment_keys(segments, lengths)
    in_single = np.array(single, dtype=bool)[doc]
    flag_array = np.full(len(segments), COVER | EXACT, dtype=np.uint8)
    flag_array[in_single] = np.array(single_flags, dtype=np.uint8)
    # Template starts of the lines of bodies of several lines: only lines short
    # enough, and short or without a final stop, are candidates (a vectorised
    # first test; template_starts decides).
    todo = np.flatnonzero(~in_single & (lengths <= longest))
    last = np.fromiter((ord(segments[j][-1]) for j in todo.tolist()), dtype=np.int64, count=len(todo))
    todo = todo[(lengths[todo] < short) | ~np.isin(last, NO_STOP_CODES)]
    for j in todo.tolist():
        add_starts(segments[j], j)
    return Counts(
        sources=sources,
        body=_body_keys(key_array, flag_array, doc, n_segments),
        n_cover=n_segments.astype(np.int32),
        key=key_array,
        doc=doc,
        flags=flag_array,
        prefix=np.array(prefixes, dtype=np.int64),
        prefix_seg=np.array(prefix_segs, dtype=np.int64),
        prefix_info=np.array(prefix_info, dtype=np.uint8),
    )


def _body_keys(key: np.ndarray, flags: np.ndarray, doc: np.ndarray, n_segments: np.ndarray) -> np.ndarray:
    """Per article, a key of the sequence of its covering segments: equal for identical bodies."""
    n = len(n_segments)
    body = np.zeros(n, dtype=np.uint64)
    if len(key) == 0:
        return body.astype(np.int64)
    first = np.r_[0, np.cumsum(n_segments)[:-1]]
    position = np.arange(len(key), dtype=np.int64) - first[doc]
    cover = (flags & COVER) != 0
    with np.errstate(over="ignore"):
        x = key.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15) + position.astype(np.uint64)
        x ^= x >> np.uint64(31)
        x *= np.uint64(0xBF58476D1CE4E5B9)
        x ^= x >> np.uint64(29)
    np.add.at(body, doc[cover], x[cover])
    return body.view(np.int64)


# --- counting codes ------------------------------------------------------------------


def support(codes: np.ndarray, bodies: np.ndarray, minimum: int):
    """For each code seen in at least ``minimum`` different bodies: ``(code, n_bodies, first row)``."""
    if len(codes) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return codes[:0], empty, empty
    order = np.argsort(codes, kind="stable")
    sc = codes[order]
    start = np.flatnonzero(np.r_[True, sc[1:] != sc[:-1]])
    length = np.diff(np.r_[start, len(sc)])
    # Few codes recur often enough to matter: count distinct bodies for those only.
    keep = np.repeat(length >= minimum, length)
    rows = order[keep]
    if len(rows) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return codes[:0], empty, empty
    c, b = codes[rows], bodies[rows]
    o = np.lexsort((b, c))
    c, b, rows = c[o], b[o], rows[o]
    pair = np.r_[True, (c[1:] != c[:-1]) | (b[1:] != b[:-1])]
    c, rows = c[pair], rows[pair]
    first = np.flatnonzero(np.r_[True, c[1:] != c[:-1]])
    n = np.diff(np.r_[first, len(c)])
    return c[first], n, rows[first]


def distinct_per_code(codes: np.ndarray, values: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """How many different ``values`` each code of ``wanted`` comes with."""
    sel = np.isin(codes, wanted)
    c, v = codes[sel], values[sel]
    o = np.lexsort((v, c))
    c, v = c[o], v[o]
    pair = np.r_[True, (c[1:] != c[:-1]) | (v[1:] != v[:-1])] if len(c) else np.zeros(0, bool)
    uc, n = np.unique(c[pair], return_counts=True)
    return lookup(uc, n, wanted)


def lookup(keys: np.ndarray, values: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """The value of each ``wanted`` key among the sorted ``keys`` (0 when absent)."""
    pos = np.searchsorted(keys, wanted)
    pos = np.minimum(pos, max(len(keys) - 1, 0))
    found = (keys[pos] == wanted) if len(keys) else np.zeros(len(wanted), bool)
    return np.where(found, values[pos] if len(keys) else 0, 0)


def dense_ids(values: np.ndarray) -> np.ndarray:
    """Dense ids of equal values (0, 1, ... in sorted order)."""
    order = np.argsort(values, kind="stable")
    ids = np.empty(len(values), dtype=np.int64)
    if len(values):
        sv = values[order]
        ids[order] = np.cumsum(np.r_[True, sv[1:] != sv[:-1]]) - 1
    return ids

