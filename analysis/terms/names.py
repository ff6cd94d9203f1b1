"""Names mentioned: runs of capitalised words, counted without a language model."""

from __future__ import annotations

import bisect
import functools
from collections import Counter
from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis import _parallel
from analysis._input import DOC_ID, check_int, corpus_frame, texts_of
from analysis.terms.counting import COUNT, DOC_COUNT
from analysis.text.splitter import SplitRules, spans, split_rules
from analysis.text.tokens import WORD, stop_words, straight_apostrophes

NAME = "name"

#: Columns of :func:`mentions` (``by_article=True``: ``doc_id, name, count``).
MENTION_COLUMNS = [NAME, COUNT, DOC_COUNT]

#: Lowercase words that may join the capitalised words of a name
#: ("Bank of England", "Osama bin Laden").
NAME_CONNECTORS = frozenset({"of", "de", "da", "del", "der", "den", "van", "von", "al", "bin", "ibn", "la", "le", "du"})

#: Titles, ranks and offices (lowercase, without a final period) cut from the
#: front of a name when a name of two or more words follows them ("President
#: Donald Trump" -> "Donald Trump", "Secretary of State Rex Tillerson" -> "Rex
#: Tillerson"; "President Trump" and "State Department" stay as they are).
NAME_TITLES = frozenset(
    """mr mrs ms miss dr sir dame president vice senator sen rep representative congressman
    congresswoman governor gov mayor judge pope king queen prince princess lord lady general gen
    lt col sgt capt admiral chancellor ambassador secretary minister premier spokesman spokeswoman
    chairman chairwoman director ceo chief leader commander officer speaker staff state counsel
    attorney prosecutor adviser advisor aide deputy assistant commissioner inspector treasurer""".split()
)


def _capitalised(word: str) -> bool:
    """A name word: capital first letter and not all capitals ("Putin", "al-Assad"; not "FBI", "WASHINGTON")."""
    if len(word) > 1 and word.isupper():
        return False
    if word[0].isupper():
        return True
    head, _, tail = word.partition("-")
    return bool(tail) and tail[0].isupper() and head.lower() in NAME_CONNECTORS


def _finish_name(run: list[str], sentence_start: bool, common: set, stop: frozenset) -> str | None:
    """The name a run of words stands for, or None."""
    if sentence_start and run and (run[0].lower() in stop or run[0].lower() in common):
        # A capital at the start of a sentence proves nothing: drop the word
        # when the article also uses it in lowercase, or it is a stop word.
        run = run[1:]
    titles = [i for i, w in enumerate(run) if w.lower().rstrip(".") in NAME_TITLES]
    if titles and len(run) - titles[-1] - 1 >= 2:
        run = run[titles[-1] + 1 :]
    while run and run[0].lower() in NAME_CONNECTORS:
        run = run[1:]
    capitals = sum(1 for w in run if w.lower() not in NAME_CONNECTORS)
    return " ".join(run) if capitals >= 2 else None


def _text_mentions(text: str, stop: frozenset, rules: SplitRules) -> list[str]:
    """Capitalised multi-word names in one text, in order of appearance."""
    text = straight_apostrophes(text)
    found = [(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]
    common = {w.lower() for w, _, _ in found if w[:1].islower()}
    names: list[str] = []
    if not found:
        return names
    starts = [s for _, s, _ in found]
    for s_start, s_end in spans(text, rules):
        i = bisect.bisect_left(starts, s_start)
        first = i
        run: list[str] = []
        run_start = False
        connectors: list[str] = []
        previous_end = None
        previous_initial = False

        def flush():
            name = _finish_name(run, run_start, common, stop)
            if name:
                names.append(name)

        while i < len(found) and found[i][1] < s_end:
            word, start, end = found[i]
            gap = text[previous_end:start] if previous_end is not None else None
            adjacent = gap is not None and (
                (gap.isspace() and "\n" not in gap) or (previous_initial and gap.startswith(".") and gap[1:].isspace())
            )
            if not adjacent:
                flush()
                run, connectors = [], []
            possessive = word.endswith("'s")
            core = word[:-2] if possessive else word
            if core and _capitalised(core):
                if not run:
                    run_start = i == first
                run.extend(connectors)
                connectors = []
                initial = len(core) == 1 and text[end : end + 1] == "."
                run.append(core + "." if initial else core)
                previous_initial = initial
                if possessive:
                    flush()
                    run = []
            elif run and word in NAME_CONNECTORS:
                connectors.append(word)
                previous_initial = False
            else:
                flush()
                run, connectors = [], []
                previous_initial = False
            previous_end = end
            i += 1
        flush()
    return names


def _mentions_chunk(texts: Sequence[str], doc_ids: Sequence[str], stop: frozenset, rules: SplitRules) -> pd.DataFrame:
    """``doc_id, name, count`` for one batch of texts (pure; partial results concatenate)."""
    rows = []
    for doc_id, text in zip(doc_ids, texts):
        if isinstance(text, str) and text:
            for name, n in Counter(_text_mentions(text, stop, rules)).items():
                rows.append((doc_id, name, n))
    return pd.DataFrame(rows, columns=[DOC_ID, NAME, COUNT])


def mentions(
    data,
    *,
    by_article: bool = False,
    min_count: int = 1,
    n_jobs: int | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """Names mentioned: runs of two or more capitalised words, counted without a language model.

    A name is a run of capitalised words (``Vladimir Putin``, ``Islamic
    State``), possibly joined by connectors such as ``of`` or ``al``
    (``Bank of England``, ``Bashar al-Assad``) and initials (``Donald J.
    Trump``), within one sentence and not broken by punctuation; a possessive
    ends it. All-capital words (``WASHINGTON``, ``FBI``) are not name words.
    A capitalised word opening a sentence is dropped when it is a stop word or
    the article also uses it in lowercase ("The", "Yesterday"). Titles before a
    name of two or more words are cut (``President Donald Trump`` counts as
    ``Donald Trump``); see :data:`NAME_TITLES` and :data:`NAME_CONNECTORS`.

    Parameters
    ----------
    data : DataFrame or iterable of str
        The corpus.
    by_article : bool
        One row per article and name instead of one per name.
    min_count : int
        Leave out names counted fewer times (per article when ``by_article``).
    n_jobs, progress
        As in :func:`~analysis.terms.term_frequencies`.

    Returns
    -------
    DataFrame
        ``name, count, doc_count`` (most mentioned first), or with
        ``by_article`` ``doc_id, name, count``.

    Examples
    --------
    >>> texts = ["The talks in Geneva. Vladimir Putin met Bashar al-Assad.",
    ...          "President Vladimir Putin's plane landed. Islamic State fled."]
    >>> mentions(texts, progress=False)
                  name  count  doc_count
    0   Vladimir Putin      2          2
    1  Bashar al-Assad      1          1
    2    Islamic State      1          1
    """
    min_count = check_int("min_count", min_count)
    frame = corpus_frame(data)
    func = functools.partial(_mentions_chunk, stop=stop_words("english"), rules=split_rules())
    work = _parallel.batches(texts_of(frame), frame[DOC_ID].tolist(),
                             chunk_chars=_parallel.CHUNK_CHARS // 4)
    parts = list(_parallel.map_batches(func, work, n_jobs=n_jobs, progress=progress, total=len(frame),
                                       desc="mentions"))
    table = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=[DOC_ID, NAME, COUNT])
    if by_article:
        table = table[table[COUNT] >= min_count].astype({COUNT: np.int64})
        return table.reset_index(drop=True)
    grouped = table.groupby(NAME, sort=False)
    table = pd.DataFrame({COUNT: grouped[COUNT].sum(), DOC_COUNT: grouped[DOC_ID].nunique()}).reset_index()
    table = table[table[COUNT] >= min_count].astype({COUNT: np.int64, DOC_COUNT: np.int64})
    table = table.sort_values([COUNT, DOC_COUNT, NAME], ascending=[False, False, True], kind="stable")
    return table[MENTION_COLUMNS].reset_index(drop=True)
