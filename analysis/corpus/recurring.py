"""Deciding which segments recur often enough to be boilerplate, from the counts of a whole corpus.

:func:`decide` takes the :class:`~analysis.corpus.segment_counts.Counts` of
every batch and returns a :class:`Boilerplate`: the codes of the verbatim
lines, sentences and templates found (per source, and across sources), the
articles that lose text, and :attr:`Boilerplate.notes` saying what was judged
and what was not. The rules are those of :mod:`analysis.corpus.boilerplate`
(see there); :func:`analysis.corpus.boilerplate.remove` applies the decision.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from analysis.corpus.segment_counts import Counts, dense_ids, distinct_per_code, lookup, support
from analysis.corpus.segments import (
    COVER,
    EVIDENCE,
    EXACT,
    LINE,
    MAX_TEMPLATE_CHARS,
    NAMED,
    SENT,
    SENTENCE,
    segment_key,
    template_start,
    template_starts,
)

#: Defaults of :func:`decide` (and :func:`analysis.corpus.boilerplate.find`).
MIN_ARTICLES = 10
MIN_SHARE = 0.02
#: A body with fewer segments than this is "short": most of a group short, the group is not judged.
MIN_SEGMENTS = 3
#: The kind of a boilerplate entry with a fixed start and changing words (beside ``"line"``, ``"sentence"``).
TEMPLATE = "template"

#: The ``source`` of boilerplate found across sources (the reposting site's own lines).
ALL_SOURCES = "(all sources)"

_MASK64 = (1 << 64) - 1


def _mix(x: int) -> int:
    """splitmix64's finaliser: a 64-bit code per group, XORed into segment keys."""
    x = (x + 0x9E3779B97F4A7C15) & _MASK64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK64
    return x ^ (x >> 31)


@dataclass(frozen=True)
class Line:
    """One boilerplate line, sentence or template found in a corpus.

    Attributes
    ----------
    text : str
        The line as first seen; a template as its fixed start and ``…``
        (``READ MORE: …``).
    kind : {"line", "sentence", "template"}
        A whole line, a sentence (of a one-line body, or at the start or end of
        a body), or a template (a fixed start, then changing words).
    source : str or None
        The source it was found in (``None``: articles of unknown source), or
        :data:`ALL_SOURCES` for furniture shared by several sources.
    n_articles : int
        Articles it was removed from.
    """

    text: str
    kind: str
    source: str | None
    n_articles: int


@dataclass
class _Entry:
    kind: str
    group: int
    k: int  # words of a template's start (0 for verbatim lines)
    n_articles: int
    text: str | None = None


@dataclass
class Boilerplate:
    """What :func:`decide` found: the boilerplate of a corpus, ready for
    :func:`analysis.corpus.boilerplate.remove`.

    Attributes
    ----------
    notes : list of str
        What was judged and what was not, in words (too few articles, mostly
        short articles, what was found); shown in the load report.
    repeated_share : numpy.ndarray
        Per article (in the order counted): the share of its lines (or, for a
        one-line body, sentences) that occur in at least one other article.
    n_changed : int
        Articles that lose text.
    n_kept : int
        Articles left whole because nothing but boilerplate would remain.
    """

    notes: list[str]
    repeated_share: np.ndarray
    n_changed: int
    n_kept: int
    _groups: dict = field(repr=False)
    _mult: list = field(repr=False)
    _exact: frozenset = field(repr=False)
    _templates: frozenset = field(repr=False)
    _hits: np.ndarray = field(repr=False)
    _kept: np.ndarray = field(repr=False)
    _entries: dict = field(repr=False)
    _names: list = field(repr=False)

    @property
    def lines(self) -> list[Line]:
        """Every boilerplate line, sentence and template, most articles first.

        The text of each is filled in as :func:`analysis.corpus.boilerplate.remove`
        meets it (:meth:`meet`); until then it reads ``"(not yet seen)"``.
        """
        rows = []
        for entry in self._entries.values():
            name = ALL_SOURCES if entry.group == len(self._names) else self._names[entry.group]
            rows.append(Line(entry.text or "(not yet seen)", entry.kind, name, entry.n_articles))
        rows.sort(key=lambda r: (-r.n_articles, r.text))
        return rows

    def articles(self, start: int, stop: int) -> list[int]:
        """Positions (from ``start``) of the articles in ``[start, stop)`` that
        :func:`~analysis.corpus.boilerplate.remove` changes or warns about: the only ones it needs."""
        found = []
        for docs in (self._hits, self._kept):
            lo, hi = np.searchsorted(docs, [start, stop])
            found.extend((docs[lo:hi] - start).tolist())
        return sorted(found)

    @property
    def changed_articles(self) -> np.ndarray:
        """Positions (in the order counted) of the articles that lose text, sorted."""
        return self._hits

    @property
    def kept_articles(self) -> np.ndarray:
        """Positions of the articles left whole (nothing but boilerplate would remain), sorted."""
        return self._kept

    def scopes(self, source) -> tuple[int | None, int]:
        """The codes that key the boilerplate of ``source`` (``None``: a source not counted) and of all sources."""
        g = self._groups.get(source)
        return (None if g is None else self._mult[g]), self._mult[-1]

    def rule(self, segment: str, flags: int, own: int | None, every: int) -> int | None:
        """The code of the entry that makes ``segment`` boilerplate, or ``None``.

        ``flags`` are the segment's (:func:`~analysis.corpus.segments.segment_spans`),
        ``own, every`` the :meth:`scopes` of its article's source. Templates
        first, so that the verbatim repeats among a template's instances are
        counted under the template (one row per template).
        """
        if len(segment) <= MAX_TEMPLATE_CHARS and self._templates:
            starts = template_starts(segment)
            for mult in (own, every):
                if mult is None:
                    continue
                for p, _ in starts:
                    if (p ^ mult) in self._templates:
                        return p ^ mult
        if flags & EXACT:
            k = segment_key(segment)
            if own is not None and (k ^ own) in self._exact:
                return k ^ own
            if (k ^ every) in self._exact:
                return k ^ every
        return None

    def meet(self, code: int, segment: str) -> None:
        """Name the entry of ``code`` after ``segment``, the first time a removal meets it."""
        entry = self._entries.get(code)
        if entry is not None and entry.text is None:
            entry.text = template_start(segment, entry.k) if entry.kind == TEMPLATE else segment


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def decide(
    counts: Counts | Sequence[Counts],
    *,
    min_articles: int = MIN_ARTICLES,
    min_share: float = MIN_SHARE,
) -> Boilerplate:
    """Decide which segments are boilerplate, from the counts of a whole corpus.

    Parameters
    ----------
    counts : Counts or list of Counts
        From :func:`~analysis.corpus.segment_counts.count`, for every batch of the corpus in order.
    min_articles : int, default 10
        A segment must recur in at least this many different article bodies
        (and a source needs this many articles to be judged on its own).
    min_share : float, default 0.02
        ... and in at least this share of its source's articles, so that a
        sentence a large site reuses now and then (background paragraphs,
        a quote) stays text.

    Returns
    -------
    Boilerplate

    Examples
    --------
    >>> from analysis.corpus.segment_counts import count
    >>> texts = [f"Story {i} begins here.\\nIt has news number {i}.\\nFollow us on Example" for i in range(12)]
    >>> found = decide(count(texts))
    >>> found.n_changed, found.notes[-1]
    (12, 'found 1 boilerplate line, sentence or template in 12 articles')
    """
    if isinstance(min_articles, bool) or not isinstance(min_articles, int) or min_articles < 2:
        raise ValueError(f"min_articles={min_articles!r}; pass an int >= 2 (a line must recur to be boilerplate)")
    if not (isinstance(min_share, (int, float)) and 0 <= min_share <= 1):
        raise ValueError(f"min_share={min_share!r}; pass a share between 0 and 1, e.g. 0.02")
    c = counts if isinstance(counts, Counts) else Counts.concat(counts)
    n = c.n_articles
    names = list(dict.fromkeys(c.sources))
    groups = {name: g for g, name in enumerate(names)}
    n_groups = len(names)
    mult = [_mix(g) for g in range(n_groups + 1)]  # the last: across sources
    mult_np = np.array(mult, dtype=np.uint64)
    doc_group = np.array([groups[s] for s in c.sources], dtype=np.int64)
    body_id = dense_ids(c.body)
    notes: list[str] = []
    never = np.iinfo(np.int64).max
    thresholds = np.full(n_groups + 1, never, dtype=np.int64)

    # Evidence per group: different bodies (a duplicate is no evidence), and how many are short.
    short = c.n_cover < MIN_SEGMENTS
    pairs = np.sort(doc_group * max(n, 1) + body_id)
    pairs = pairs[np.r_[True, pairs[1:] != pairs[:-1]]] if n else pairs
    n_bodies = np.bincount(pairs // max(n, 1), minlength=n_groups)
    share_short = np.bincount(doc_group, weights=short, minlength=n_groups) / np.maximum(
        np.bincount(doc_group, minlength=n_groups), 1)

    def judge(n_distinct: int, short_share: float, label: str) -> int | None:
        """The threshold of a group, or ``None`` when it is too small or too short to judge."""
        if n_distinct < min_articles:
            return None
        if short_share > 0.5:
            notes.append(
                f"nothing removed from {label}: {short_share:.0%} of its articles have fewer than "
                f"{MIN_SEGMENTS} lines or sentences, too short to tell boilerplate from text"
            )
            return None
        return max(min_articles, math.ceil(min_share * n_distinct))

    if 0 < n < min_articles:
        notes.append(
            f"nothing removed: {_plural(n, 'article')}; boilerplate is told from text by recurring in "
            f"at least {min_articles} articles (min_articles)"
        )
    elif n:
        for g, name in enumerate(names):
            t = judge(int(n_bodies[g]), float(share_short[g]),
                      "articles of unknown source" if name is None else f"source {name!r}")
            thresholds[g] = never if t is None else t
        if n_groups > 1:
            t = judge(int(body_id.max()) + 1, float(short.mean()), "the corpus as a whole")
            thresholds[n_groups] = never if t is None else t
            small = int((n_bodies < min_articles).sum())
            if small and t is not None:
                notes.append(
                    f"{_plural(small, 'source')} with fewer than {min_articles} articles judged only "
                    "with the whole corpus (lines shared by several sources)"
                )

    key = c.key.astype(np.uint64)
    seg_group = doc_group[c.doc]
    seg_body = body_id[c.doc]
    exact = (c.flags & EXACT) != 0
    lowest = int(thresholds.min()) if len(thresholds) else never
    judged = lowest < never

    # One sort of the keys serves twice: which segments occur in another
    # article (the repeated share), and the few keys frequent enough to matter.
    order = np.argsort(key)
    sk = key[order]
    start = np.flatnonzero(np.r_[True, sk[1:] != sk[:-1]]) if len(sk) else np.zeros(0, np.int64)
    length = np.diff(np.r_[start, len(sk)])
    sd = c.doc[order]
    elsewhere = np.zeros(len(key), dtype=bool)
    if len(sk):
        elsewhere[order] = np.repeat(np.minimum.reduceat(sd, start) != np.maximum.reduceat(sd, start), length)
    cover = (c.flags & COVER) != 0
    total = np.bincount(c.doc[cover], minlength=n)
    repeated_share = np.zeros(n, dtype=np.float64)
    np.divide(np.bincount(c.doc[cover & elsewhere], minlength=n), total, out=repeated_share, where=total > 0)

    found_exact: list[np.ndarray] = []
    found_templates: list[np.ndarray] = []
    if judged:
        rows = order[np.repeat(length >= lowest, length)]
        rows = rows[exact[rows]]
        # Verbatim repeats within a source ...
        codes = key[rows] ^ mult_np[seg_group[rows]]
        code, n_distinct, first = support(codes, seg_body[rows], lowest)
        found_exact.append(code[n_distinct >= thresholds[seg_group[rows][first]]])
        # ... and across sources (two or more), counting only the articles of
        # sources whose own boilerplate it is not.
        every = mult_np[n_groups]
        if thresholds[n_groups] < never:
            rows = rows[~np.isin(codes, found_exact[0])]
            codes = key[rows] ^ every
            code, n_distinct, _ = support(codes, seg_body[rows], int(thresholds[n_groups]))
            code = code[n_distinct >= thresholds[n_groups]]
            found_exact.append(code[distinct_per_code(codes, seg_group[rows], code) >= 2])
        # Templates: a start with several endings, not a name, judged on the
        # segments without a final stop.
        ev = np.flatnonzero((c.prefix_info & EVIDENCE) != 0)
        if len(ev):
            pk = c.prefix[ev].astype(np.uint64)
            o = np.argsort(pk)
            spk = pk[o]
            st = np.flatnonzero(np.r_[True, spk[1:] != spk[:-1]])
            ln = np.diff(np.r_[st, len(spk)])
            ev = ev[o[np.repeat(ln >= lowest, ln)]]
            segs = c.prefix_seg[ev]
            pg = seg_group[segs]
            pcodes = c.prefix[ev].astype(np.uint64) ^ mult_np[pg]
            code, n_distinct, first = support(pcodes, seg_body[segs], lowest)
            code = code[n_distinct >= thresholds[pg[first]]]
            found_templates.append(_real_templates(code, pcodes, c.key[segs], c.prefix_info[ev]))
            if thresholds[n_groups] < never:
                outside = ~np.isin(pcodes, found_templates[0])
                ev, segs, pg = ev[outside], segs[outside], pg[outside]
                pcodes = c.prefix[ev].astype(np.uint64) ^ every
                code, n_distinct, _ = support(pcodes, seg_body[segs], int(thresholds[n_groups]))
                code = _real_templates(code[n_distinct >= thresholds[n_groups]], pcodes, c.key[segs],
                                       c.prefix_info[ev])
                found_templates.append(code[distinct_per_code(pcodes, pg, code) >= 2])

    exact_codes = np.unique(np.concatenate(found_exact)) if found_exact else np.zeros(0, np.uint64)
    template_codes = np.unique(np.concatenate(found_templates)) if found_templates else np.zeros(0, np.uint64)

    # Which rule (if any) makes each segment boilerplate, in the order remove() tries them.
    n_seg = len(key)
    entry = np.zeros(n_seg, dtype=np.uint64)
    has = np.zeros(n_seg, dtype=bool)
    if len(template_codes):
        pg = seg_group[c.prefix_seg]
        for scope in (mult_np[pg], mult_np[n_groups]):
            pcodes = c.prefix.astype(np.uint64) ^ scope
            # the shortest start first (rows come k=2, k=3 per segment), as remove() tries them
            hit = np.isin(pcodes, template_codes) & ~has[c.prefix_seg]
            rows = np.flatnonzero(hit)
            segs, first = np.unique(c.prefix_seg[rows], return_index=True)
            entry[segs] = pcodes[rows[first]]
            has[segs] = True
    if len(exact_codes):
        for codes in (key ^ mult_np[seg_group], key ^ mult_np[n_groups]):
            hit = exact & ~has & np.isin(codes, exact_codes)
            entry[hit] = codes[hit]
            has |= hit

    bp_cover = np.bincount(c.doc[has & cover], minlength=n)
    kept = (bp_cover == c.n_cover) & (c.n_cover > 0)
    touched = np.bincount(c.doc[has], minlength=n) > 0
    hits = np.flatnonzero(touched & ~kept)
    kept_docs = np.flatnonzero(touched & kept)

    # The table: each entry with the number of articles it is removed from.
    entries: dict[int, _Entry] = {}
    sel = has & ~kept[c.doc]
    if sel.any():
        ec, ed = entry[sel], c.doc[sel]
        o = np.lexsort((ed, ec))
        ec, ed = ec[o], ed[o]
        pair = np.r_[True, (ec[1:] != ec[:-1]) | (ed[1:] != ed[:-1])]
        codes, n_art = np.unique(ec[pair], return_counts=True)
        first_seg = np.flatnonzero(sel)[o][pair]
        first_of = dict(zip(ec[pair].tolist()[::-1], first_seg.tolist()[::-1]))
        exact_set = set(exact_codes.tolist())
        for code, m in zip(codes.tolist(), n_art.tolist()):
            s = first_of[code]
            g = int(seg_group[s])
            if code in exact_set:
                group = g if (int(key[s]) ^ mult[g]) == code else n_groups
                kind = SENTENCE if c.flags[s] & SENT else LINE
                entries[code] = _Entry(kind, group, 0, m)
            else:
                rows = np.flatnonzero(c.prefix_seg == s)
                k, group = 2, n_groups
                for r in rows:
                    p = int(c.prefix[r])
                    if p ^ mult[g] == code:
                        k, group = int(c.prefix_info[r] & 7), g
                    elif p ^ mult[n_groups] == code:
                        k, group = int(c.prefix_info[r] & 7), n_groups
                entries[code] = _Entry(TEMPLATE, group, k, m)

    if judged:
        if entries:
            what = "line, sentence or template" if len(entries) == 1 else "lines, sentences or templates"
            notes.append(f"found {len(entries):,} boilerplate {what} in {_plural(len(hits), 'article')}")
        else:
            notes.append(
                f"no line or sentence recurs in at least {lowest:,} articles of a source: nothing removed"
            )
    if len(kept_docs):
        notes.append(
            f"{_plural(len(kept_docs), 'article')} kept whole: nothing but boilerplate would remain"
        )

    return Boilerplate(
        notes=notes,
        repeated_share=repeated_share,
        n_changed=len(hits),
        n_kept=len(kept_docs),
        _groups=groups,
        _mult=mult,
        _exact=frozenset(exact_codes.tolist()),
        _templates=frozenset(template_codes.tolist()),
        _hits=hits,
        _kept=kept_docs,
        _entries=entries,
        _names=names,
    )


def _real_templates(candidates: np.ndarray, pcodes: np.ndarray, keys: np.ndarray, info: np.ndarray) -> np.ndarray:
    """The candidate starts that have several endings and do not name someone."""
    if len(candidates) == 0:
        return candidates
    endings = distinct_per_code(pcodes, keys, candidates)
    sel = np.isin(pcodes, candidates)
    named = (info[sel] & NAMED) != 0
    uc, inverse = np.unique(pcodes[sel], return_inverse=True)
    share_named = np.bincount(inverse.ravel(), weights=named, minlength=len(uc)) / np.bincount(
        inverse.ravel(), minlength=len(uc)
    )
    named_share = lookup(uc, share_named, candidates)
    return candidates[(endings >= 2) & (named_share <= 0.5)]


