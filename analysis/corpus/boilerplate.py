"""Boilerplate: the lines and sentences a site repeats across its articles.

A site stamps its articles with the same furniture -- share bars, "Follow us
on ..." lines, photo credits, ``READ MORE: <another headline>`` kickers --
while news sentences rarely recur verbatim. This module finds that furniture
by repetition across a corpus, in the manner of the line-repetition filters
used to clean web corpora (CCNet and Dolma drop paragraphs seen in other
documents; Gopher scores the share of repeated lines; C4 distrusts lines
without a final stop; jusText and trafilatura judge blocks by length and
by how often they recur), but on plain text and with the evidence kept:

1. Every article body is cut into *segments*: its lines; for a body of one
   line (a CSV row), its sentences, also where a credit is glued to the last
   word (``...said.Featured image via ...``, ``...2017Featured ...``), so that
   the start and end of such a body are segments too.
2. A segment is boilerplate when it recurs verbatim in at least
   ``max(min_articles, min_share x articles)`` different article bodies of
   the same source (articles of unknown source form one group of their own),
   or in that many articles of the whole corpus from two sources or more --
   the reposting site's own furniture -- counting there only the articles of
   sources whose boilerplate it is not already. Identical bodies count once,
   so a duplicated article is no evidence. Both numbers scale: a sentence a
   large site reuses now and then (a background paragraph, a quote) stays.
3. A *template* is a fixed start followed by changing words, such as
   ``READ MORE: <headline>`` or ``Featured image via <photographer>``: its
   first two (or three) words recur, as above, at the start of segments of
   at most ``MAX_TEMPLATE_CHARS`` that end without a final stop (C4's test)
   and not with a colon (``Watch the video below:`` introduces what follows),
   with two different endings or more. Its instances are then also the
   short segments (under ``SHORT_CHARS``, jusText's "short" block) that end
   with a stop: ``Photo by Jo Bloggs/Example Images.``. A start made of
   capitalised words only (``Maria Del Valle (@mdelvalle) ...``) names
   someone and is no template, unless it is a label (``Read More: ...``).
   A segment both verbatim and templated counts under its template.
4. Too little evidence removes nothing: a group of fewer than
   ``min_articles`` different bodies, or one where most bodies have fewer
   than three segments (short items, where a repeated sentence is the article
   itself), is not judged, and :attr:`Boilerplate.notes` says so. A body that
   would become empty keeps its text and gets a warning.

The work is split so that a corpus larger than memory can be cleaned in two
passes: :func:`count` (per batch, in any process), :func:`decide` (once, on
the counts of the whole corpus) and :func:`remove` (per batch again).
:func:`find` runs the three on a list of texts. They live where they are
computed -- :mod:`analysis.corpus.segments` (cutting and keys),
:mod:`analysis.corpus.segment_counts` (:func:`count`),
:mod:`analysis.corpus.recurring` (:func:`decide`) -- and are reachable here.
:func:`analysis.corpus.load` runs them by default (``boilerplate=False``
keeps every line); per-article quality flags are in
:mod:`analysis.corpus.quality`.

The functions take plain lists and return plain results; segment keys are
CRC-32 checksums (with the length), the same in every process, so the result
does not depend on how the corpus was split into batches or processes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from analysis.corpus.recurring import (
    ALL_SOURCES,
    MIN_ARTICLES,
    MIN_SEGMENTS,
    MIN_SHARE,
    TEMPLATE,
    Boilerplate,
    Line,
    decide,
)
from analysis.corpus.segment_counts import Counts, check_sources, check_texts, count
from analysis.corpus.segments import (
    LINE,
    MAX_TEMPLATE_CHARS,
    SENT,
    SENTENCE,
    SHORT_CHARS,
    segment_spans,
    segments,
    template_start,
)
from analysis.corpus.sources import looks_like_source, normalise_source

__all__ = [
    "ALL_SOURCES", "KEPT_WARNING", "LINE", "MAX_TEMPLATE_CHARS", "MIN_ARTICLES", "MIN_SEGMENTS", "MIN_SHARE",
    "SENTENCE", "SHORT_CHARS", "TEMPLATE", "Boilerplate", "Counts", "Line", "Removal", "Result", "count", "decide",
    "find", "remove", "segments", "template_start",
]


@dataclass
class Removal:
    """What :func:`remove` did to a batch of articles.

    Attributes
    ----------
    texts : list of str
        The bodies without their boilerplate (unchanged ones are the same objects).
    removed : list of str
        Per article, the removed lines and sentences, one per line (``""`` when none).
    warnings : list of str
        Per article, ``""`` or why boilerplate was found but kept.
    changed : list of int
        Positions (in this batch) of the articles that lost text or got a warning.
    sources : list
        Per article, the source named by a removed first line that reads like a
        source's name (``TASS``, ``Press TV``: see
        :func:`analysis.corpus.sources.looks_like_source`), normalised; else ``None``.
        A line that heads many articles of unknown source is their source line.
    """

    texts: list[str]
    removed: list[str]
    warnings: list[str]
    changed: list[int]
    sources: list


#: The warning of an article left whole.
KEPT_WARNING = "boilerplate kept: every line of the text recurs in other articles"


def remove(
    texts: Sequence[str],
    sources: Sequence | None,
    found: Boilerplate,
    *,
    start: int = 0,
    positions: Sequence[int] | None = None,
) -> Removal:
    """Remove the boilerplate :func:`decide` found from a batch of article bodies.

    Parameters
    ----------
    texts : list of str
        The bodies, as counted.
    sources : list, optional
        Their sources, as counted.
    found : Boilerplate
        From :func:`decide` on the counts of the whole corpus.
    start : int, default 0
        Position of this batch's first article in the counted corpus, when
        the corpus is cleaned batch by batch (in the order it was counted).
    positions : list of int, optional
        Instead of ``start``: the position of each text in the counted corpus,
        to clean only the articles :meth:`Boilerplate.articles` names.

    Returns
    -------
    Removal

    Examples
    --------
    >>> texts = [f"Story {i} begins here.\\nIt has news number {i}.\\nFollow us on Example" for i in range(12)]
    >>> done = remove(texts, None, decide(count(texts)))
    >>> done.texts[0], done.removed[0]
    ('Story 0 begins here.\\nIt has news number 0.', 'Follow us on Example')
    >>> found = decide(count(texts))
    >>> [(line.text, line.n_articles) for line in found.lines]  # filled in as remove() meets them
    [('(not yet seen)', 12)]
    """
    texts = check_texts(texts)
    sources = check_sources(texts, sources)
    out = Removal(list(texts), [""] * len(texts), [""] * len(texts), [], [None] * len(texts))
    if positions is None:
        where = [(i, start + i) for i in found.articles(start, start + len(texts))]
    else:
        positions = list(positions)
        if len(positions) != len(texts):
            raise ValueError(f"positions has {len(positions):,} values for {len(texts):,} texts; pass one per text")
        where = list(enumerate(positions))
    wanted = [p for _, p in where]
    hits = set(found.changed_articles[np.isin(found.changed_articles, wanted)].tolist())
    kept = set(found.kept_articles[np.isin(found.kept_articles, wanted)].tolist())
    for i, doc in where:
        if doc in hits:
            out.texts[i], out.removed[i], out.sources[i] = _clean(texts[i], sources[i], found)
            out.changed.append(i)
        elif doc in kept:
            out.warnings[i] = KEPT_WARNING
            out.changed.append(i)
    return out


_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def _clean(text: str, source, found: Boilerplate) -> tuple[str, str, str | None]:
    own, every = found.scopes(source)
    cuts = []  # (start, end, whole line), in order
    spans = segment_spans(text)
    for s, e, flags in spans:
        segment = text[s:e]
        code = found.rule(segment, flags, own, every)
        if code is None:
            continue
        found.meet(code, segment)
        cuts.append((s, e, not flags & SENT))
    removed = "\n".join(text[s:e] for s, e, _ in cuts)
    named = None
    if cuts and cuts[0][2] and cuts[0][0] == spans[0][0] and looks_like_source(text[cuts[0][0]:cuts[0][1]]):
        named = normalise_source(text[cuts[0][0] : cuts[0][1]])
    for s, e, whole_line in reversed(cuts):
        if whole_line:
            # The line and its line break go: "a\nREAD MORE: x\nb" -> "a\nb".
            ls = text.rfind("\n", 0, s) + 1
            le = text.find("\n", e)
            text = text[:ls] + ("" if le < 0 else text[le + 1 :])
        else:
            left, right = text[:s].rstrip(" \t"), text[e:].lstrip(" \t")
            join = " " if left and right and not left.endswith("\n") and not right.startswith("\n") else ""
            text = left + join + right
    if "\n\n\n" in text or "\n \n" in text or "\n\t\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip(), removed, named


# --- all at once ------------------------------------------------------------------------


@dataclass
class Result:
    """What :func:`find` returns.

    Attributes
    ----------
    texts : list of str
        The bodies without boilerplate.
    removed : list of str
        Per article, what was removed (lines and sentences, one per line).
    warnings : list of str
        Per article, ``""`` or why found boilerplate was kept.
    lines : list of Line
        Every boilerplate line, sentence or template, with the number of
        articles it was removed from.
    notes : list of str
        What was judged and found, in words.
    repeated_share : list of float
        Per article, the share of its lines found in other articles too.
    """

    texts: list[str]
    removed: list[str]
    warnings: list[str]
    lines: list[Line]
    notes: list[str]
    repeated_share: list[float]


def find(
    texts: Iterable[str],
    sources: Iterable | None = None,
    *,
    min_articles: int = MIN_ARTICLES,
    min_share: float = MIN_SHARE,
) -> Result:
    """Find and remove the boilerplate of a corpus of article bodies.

    :func:`count`, :func:`decide` and :func:`remove` in one call, for texts in
    memory (see the module docstring for the method).

    Parameters
    ----------
    texts : list of str
        Article bodies.
    sources : list, optional
        The source of each (``None`` when unknown): boilerplate is judged per
        source, and across sources.
    min_articles : int, default 10
        Articles a segment must recur in (and a source must have) to be judged.
    min_share : float, default 0.02
        Share of its source's articles a segment must recur in.

    Returns
    -------
    Result

    Examples
    --------
    >>> texts = [f"Rain is due on day {i}, forecasters said.\\n"
    ...          f"READ MORE: {'Markets Rivers Storms Ports'.split()[i % 4]} news number {i}\\n"
    ...          f"Rivers may rise by {i} centimetres." for i in range(20)]
    >>> result = find(texts)
    >>> result.texts[3]
    'Rain is due on day 3, forecasters said.\\nRivers may rise by 3 centimetres.'
    >>> [(line.text, line.kind, line.n_articles) for line in result.lines]
    [('READ MORE: …', 'template', 20)]
    >>> find(texts[:3]).notes
    ['nothing removed: 3 articles; boilerplate is told from text by recurring in at least 10 articles (min_articles)']
    """
    texts = check_texts(texts)
    sources = check_sources(texts, sources)
    found = decide(count(texts, sources), min_articles=min_articles, min_share=min_share)
    done = remove(texts, sources, found)
    return Result(done.texts, done.removed, done.warnings, found.lines, found.notes,
                  found.repeated_share.tolist())
