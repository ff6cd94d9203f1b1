"""Who is quoted: direct quotations in news text with their speakers, offline and without a model.

:func:`quotes` gives one row per quotation -- what was said, who said it (as
written and as the merged entity of :func:`analysis.terms.mentions`), the
verb that attributes it, where it is, and whether it is a full (``direct``)
or an embedded (``partial``) quotation. :func:`speakers` counts quotations
and quoted words per speaker entity and group.

How it works, one article at a time (:func:`attribute`):

1. the quotation marks are paired (:func:`analysis.text.quote_marks.find_quotations`);
2. the speaker phrase is read in the sentence holding each quotation, after
   it or before it (:mod:`analysis.sentences.quote_phrases`); a full
   quotation right after an attributed one, with no speaker of its own,
   continues that speaker (its ``cue`` is missing);
3. the phrase is turned into a name of the article, through pronouns, titles
   and words such as ``the statement`` (:mod:`analysis.sentences.quote_entities`);
4. across the corpus, names are merged as :func:`analysis.terms.mentions`
   merges them (``Putin`` -> ``Vladimir Putin``).

Every setting -- a :class:`~analysis.sentences.quote_rules.QuoteRules` value
and the sentence splitter's :class:`~analysis.text.splitter.SplitRules` --
travels with each batch of work sent to a worker process.
"""

from __future__ import annotations

import bisect
import functools
import warnings
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis import _parallel
from analysis._input import DOC_ID, by_columns, check_int, corpus_frame, doc_ids, group_values, texts_of
from analysis.sentences.quote_entities import Article, unnamed_kind
from analysis.sentences.quote_phrases import may_attribute, phrase_after, phrase_before, word_tokens
from analysis.sentences.quote_rules import DEFAULT_RULES, QuoteRules
from analysis.terms.names import article_rows, merge, rows_table
from analysis.text import names
from analysis.text.counting import word_counts
from analysis.text.quote_marks import CLOSING_MARKS, Quotation, find_quotations, quotation_text
from analysis.text.splitter import SplitRules, spans, split_rules

#: Columns of :func:`quotes`, in order (``keep`` columns come after ``doc_id``).
QUOTE_COLUMNS = [DOC_ID, "quote", "speaker", "entity", "cue", "start", "end", "kind"]

_TEXT_COLUMNS = ["quote", "speaker", "entity", "cue", "kind"]

#: Columns of :func:`speakers` after the group columns.
SPEAKER_COLUMNS = ["entity", "n_quotes", "n_words", "n_articles", "share"]

DIRECT = "direct"
PARTIAL = "partial"


class QuoteWarning(UserWarning):
    """Quotation marks that do not pair up (the quotations found there may be cut short)."""


# Words before a partial quotation that make it a name or a title rather than speech.
_NAMING = frozenset("on in at of for from with by about the a an".split())


# --- one article -------------------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _abbreviations(titles: frozenset) -> frozenset:
    """Words whose final period ends no sentence: abbreviated titles and a few common abbreviations."""
    return titles | {"u.s", "u.k", "u.n", "jr", "sr", "st", "inc", "corp", "co"}


class Attribution(NamedTuple):
    """A quotation with its speaker: offsets, text, speaker as written (or None), the name mention
    the speaker resolves to (an index into the article's :func:`analysis.text.names.find`, an acronym
    such as ``"NATO"``, or None), the cue, and the kind."""

    start: int
    end: int
    quote: str
    speaker: str | None
    ref: int | str | None
    cue: str | None
    kind: str


def _kind(text: str, q: Quotation, sentence_start: int, quote: str) -> str:
    lead = text[sentence_start : q.start].rstrip()
    if not lead or lead[-1] in ":,\u2014\u2013-([" or lead[-1] in "\u201c\u201d\"":
        return DIRECT
    if quote[:1].isupper() and quote[-1:] in ".?!,\u2026":
        return DIRECT
    return PARTIAL


def attribute(text: str, rules: QuoteRules = DEFAULT_RULES,
              split: SplitRules | None = None) -> tuple[list[Attribution], Article | None, int]:
    """The quotations of one article with their speakers.

    Parameters
    ----------
    text : str
        One article.
    rules : QuoteRules
        Cues, phrase word lists and the name rules.
    split : SplitRules, optional
        The sentence splitter's word lists (default: :func:`analysis.text.split_rules` now).

    Returns
    -------
    attributions : list of Attribution
    article : the article's names (None without quotations), to turn ``ref`` into an entity
    unbalanced : int
        Marks that did not pair up (see :func:`analysis.text.quote_marks.find_quotations`).

    Examples
    --------
    >>> text = "Vladimir Putin met officials. “We will win,” Putin said. “It is time.”"
    >>> found, article, _ = attribute(text)
    >>> [(a.quote, a.speaker, article.mentions[a.ref].name, a.cue, a.kind) for a in found]
    [('We will win,', 'Putin', 'Putin', 'said', 'direct'), ('It is time.', 'Putin', 'Putin', None, 'direct')]
    >>> article.resolved[found[0].ref].display
    'Vladimir Putin'
    """
    quotations, unbalanced = find_quotations(text)
    if not quotations:
        return [], None, unbalanced
    abbreviations = _abbreviations(rules.names.title_abbreviations)
    sentence_spans = spans(text, split)
    sentence_starts = [s for s, _ in sentence_spans]
    article = Article(text, rules, sentence_starts, quotations, abbreviations)
    out: list[Attribution] = []
    previous_end = 0
    # The last attributed full quotation: (its last sentence, its attribution, that sentence's end).
    last_attributed: tuple[int, Attribution, int] | None = None
    last_any: tuple[int, Attribution] | None = None  # the last attributed quotation of any kind
    for n, q in enumerate(quotations):
        s_index = max(0, bisect.bisect_right(sentence_starts, q.start) - 1)
        s_start = max(sentence_starts[s_index] if sentence_spans else 0, previous_end)
        e_index = max(0, bisect.bisect_right(sentence_starts, max(q.end - 1, q.start)) - 1)
        s_end = sentence_spans[e_index][1] if sentence_spans else len(text)
        if (s_end <= q.end and e_index + 1 < len(sentence_spans)
                and text[q.start:q.end].rstrip(CLOSING_MARKS)[-1:] in "?!"):
            # The splitter ended the sentence at a question or exclamation ('...?” Republican House
            # Speaker Paul Ryan asked'): the attribution may be the next "sentence". After a period
            # the next sentence is a sentence ('...” The ministry said orders rose').
            s_end = sentence_spans[e_index + 1][1]
        next_start = quotations[n + 1].start if n + 1 < len(quotations) else len(text)
        limit = min(max(s_end, q.end), next_start, q.end + 200)
        quote = quotation_text(text, q)
        kind = _kind(text, q, s_start, quote)
        phrase = None
        if (q.closed or q.end < len(text)) and may_attribute(text, q.end, limit, rules):
            phrase = phrase_after(word_tokens(text, q.end, limit), rules, abbreviations)
        reach = max(s_start, q.start - (240 if kind == PARTIAL else 150))
        if phrase is None and (may_attribute(text, reach, q.start, rules) or text[reach:q.start].rstrip()[-1:] == ":"):
            before = word_tokens(text, reach, q.start)
            if kind == PARTIAL and before and (before[-1].low in _NAMING or before[-1].low.endswith("'s")
                                               or before[-1].text in "'\u2019"):
                # 'on CNN's "State of the Union"', 'the "Volcker Rule"': a name or title, not speech.
                before = []
            phrase = phrase_before(before, rules, kind == PARTIAL)
            if phrase is not None and phrase.cue in rules.partial_cues and kind == DIRECT:
                phrase = None
        if phrase is not None and phrase.start < 0:
            # The same subject as the clause before, when that clause holds an attribution.
            if last_any is not None and last_any[0] >= s_index:
                prev = last_any[1]
                att = Attribution(q.start, q.end, quote, prev.speaker, prev.ref, phrase.cue, kind)
                out.append(att)
                last_any = (e_index, att)
                if kind == DIRECT:
                    last_attributed = (e_index, att, s_end)
                previous_end = q.end
                continue
            phrase = None
        if phrase is not None:
            speaker = " ".join(text[phrase.start : phrase.end].split())
            ref = article.speaker_ref(phrase.start, phrase.end)
            att = Attribution(q.start, q.end, quote, speaker, ref, phrase.cue, kind)
            article.add_event(q.start, ref, None if ref is not None else unnamed_kind(speaker, rules))
            last_attributed = (e_index, att, max(s_end, phrase.end))
            last_any = (e_index, att)
        elif (kind == DIRECT and last_attributed is not None and s_index - last_attributed[0] <= 1
              and not any(last_attributed[2] <= p < q.start for p, _ in article.prose_cues)):
            prev = last_attributed[1]
            att = Attribution(q.start, q.end, quote, prev.speaker, prev.ref, None, kind)
            last_attributed = (e_index, att, s_end)
        else:
            att = Attribution(q.start, q.end, quote, None, None, None, kind)
            if kind == DIRECT:
                last_attributed = None
        out.append(att)
        previous_end = q.end
    return out, article, unbalanced


# --- batches of articles ------------------------------------------------------------------------

_ROW_COLUMNS = [DOC_ID, "quote", "speaker", "ref", "cue", "start", "end", "kind"]


def quote_rows(texts: Sequence, doc_ids: Sequence, rules: QuoteRules = DEFAULT_RULES,
               split: SplitRules | None = None):
    """The quotations of a batch of articles (pure; results of batches concatenate).

    ``rules`` and ``split`` (the splitter's word lists) come with the batch, so a
    worker process uses the settings of the call, not those it started with.
    The rows are plain tuples: the corpus's tables are made once, from every
    batch's rows (a table per batch cost a tenth of the whole call).

    Returns
    -------
    rows : list of tuple
        ``doc_id, quote, speaker, ref, cue, start, end, kind``;
        ``ref`` is the written form of the name the speaker resolves to.
    name_rows : list of tuple
        The rows of :func:`analysis.terms.names.mention_rows` for the articles
        that quote, for resolving ``ref`` across the corpus.
    unbalanced : list
        The ``doc_id`` of each article whose marks do not pair up.
    """
    rows = []
    name_rows: list[tuple] = []
    unbalanced = []
    for doc_id, text in zip(doc_ids, texts):
        if not isinstance(text, str) or not text:
            continue
        found, article, n_unbalanced = attribute(text, rules, split)
        if n_unbalanced:
            unbalanced.append(doc_id)
        if not found:
            continue
        if article.has_names:
            name_rows.extend(article_rows(doc_id, article.mentions, article.resolved, rules.names))
        for a in found:
            ref = a.ref
            if isinstance(ref, int):
                m = article.mentions[ref]
                ref = m.written if "  " not in m.written else " ".join(m.written.split())
            rows.append((doc_id, a.quote, a.speaker, ref, a.cue, a.start, a.end, a.kind))
    return rows, name_rows, unbalanced


def quotes(
    data,
    *,
    keep: str | Sequence[str] | None = None,
    rules: QuoteRules | None = None,
    n_jobs: int | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """Direct and partial quotations with their speakers: one row per quotation.

    Parameters
    ----------
    data : DataFrame, Series or list of str
        A corpus table (its ``text`` column) or texts; ``doc_id`` by the
        package's rule (a ``doc_id`` column, else the index).
    keep : str or list of str, optional
        Columns of ``data`` repeated on each row after ``doc_id`` (e.g.
        ``"source"``), for counting per group with :func:`speakers`.
    rules : QuoteRules, optional
        Cues, pronoun and phrase word lists, and the name rules
        (:data:`~analysis.sentences.quote_rules.DEFAULT_RULES`).
    n_jobs : int, optional
        Processes to use; None lets the package decide, 1 stays in this process.
    progress : bool
        Show a progress bar.

    Returns
    -------
    DataFrame
        ``doc_id, quote, speaker, entity, cue, start, end, kind``:
        ``quote`` is the quoted words (marks left out, whitespace collapsed,
        paragraphs of a long quotation joined); ``speaker`` the speaker as
        written, ``entity`` the merged name it stands for (as
        :func:`analysis.terms.mentions` merges names), both missing when no
        speaker is found; ``cue`` the attributing verb (``said``, ``told``,
        ``according to``), missing when the quotation continues the previous
        speaker; ``text[start:end]`` runs from the opening mark to the
        closing one; ``kind`` is ``direct`` or ``partial``.

    Warns
    -----
    QuoteWarning
        When quotation marks do not pair up in some articles (naming them).

    Examples
    --------
    >>> texts = ["Russia's defence minister Sergei Shoigu visited. “We are ready,” Shoigu said.",
    ...          "“The talks were useful,” said the Kremlin. It called them “a first step”."]
    >>> table = quotes(texts, progress=False)
    >>> table[["doc_id", "quote", "speaker", "entity", "cue", "kind"]]
      doc_id                   quote      speaker         entity     cue     kind
    0      0           We are ready,       Shoigu  Sergei Shoigu    said   direct
    1      1  The talks were useful,  the Kremlin        Kremlin    said   direct
    2      1            a first step           It        Kremlin  called  partial
    """
    rules = DEFAULT_RULES if rules is None else rules
    if not isinstance(rules, QuoteRules):
        raise TypeError(f"rules={rules!r:.60}; pass an analysis.sentences.QuoteRules or None")
    frame = corpus_frame(data)
    kept = [c for c in by_columns(frame, keep, "keep") if c not in QUOTE_COLUMNS]
    # Articles travel by position: a corpus may repeat a doc_id, and the merge counts articles.
    texts = texts_of(frame)
    work = _parallel.batches(texts, range(len(frame)), chunk_chars=_parallel.CHUNK_CHARS // 2)
    func = functools.partial(quote_rows, rules=rules, split=split_rules())
    rows, name_rows, unbalanced = [], [], []
    for batch_rows, batch_names, bad in _parallel.map_batches(func, work, n_jobs=n_jobs, progress=progress,
                                                              total=len(frame), desc="quotes"):
        rows.extend(batch_rows)
        name_rows.extend(batch_names)
        unbalanced.extend(bad)
    ids = frame[DOC_ID].to_numpy(dtype=object)
    if unbalanced:
        shown = ", ".join(repr(ids[i]) for i in unbalanced[:5]) + (", ..." if len(unbalanced) > 5 else "")
        warnings.warn(QuoteWarning(
            f"quotation marks do not pair up in {len(unbalanced)} article(s) ({shown}); a quotation left "
            "open stops at the end of its paragraph"), stacklevel=2)
    table = pd.DataFrame(rows, columns=_ROW_COLUMNS, dtype=object).astype({"start": "int64", "end": "int64"})
    table["entity"] = _entities(table, rows_table(name_rows), rules, texts)
    positions = table[DOC_ID].to_numpy(dtype=np.int64)
    table[DOC_ID] = ids[positions]
    # The text columns as every table of the package has them (pandas' string dtype), empty or not.
    table = table[QUOTE_COLUMNS].astype({c: "str" for c in _TEXT_COLUMNS})
    for j, column in enumerate(kept):
        # As a Series, so that the column keeps its dtype (a text column without any value stays text).
        table.insert(1 + j, column, frame[column].iloc[positions].set_axis(table.index))
    return table.reset_index(drop=True)


def _entities(table: pd.DataFrame, name_rows: pd.DataFrame, rules: QuoteRules, texts: list[str]) -> pd.Series:
    """The merged name of each row's ``ref``: the corpus merge of :func:`analysis.terms.names.merge`,
    else the name as written (a speaker is a name even when it is nobody's surname: ``the Kremlin``).
    ``texts`` are the articles by position (``doc_id`` here), for the bare words left unchecked."""
    merged = merge(_rows_for_refs(table, name_rows), rules.names, texts)
    lookup = dict(zip(zip(merged[DOC_ID].tolist(), merged["written"].tolist()), merged["name"].tolist()))
    out = []
    fallback: dict[str, str] = {}
    for doc_id, ref in zip(table[DOC_ID].tolist(), table["ref"].tolist()):
        if not isinstance(ref, str):
            out.append(None)
            continue
        name = lookup.get((doc_id, ref))
        if name is None:
            name = fallback.get(ref)
            if name is None:
                mention = names.find(ref, rules.names)
                name = fallback[ref] = names.clean_name(mention[-1].name) if mention else ref
        out.append(name)
    return pd.Series(out, index=table.index, dtype=object)


def _rows_for_refs(table: pd.DataFrame, name_rows: pd.DataFrame) -> pd.DataFrame:
    """The name rows the corpus merge needs to resolve the speakers: the speakers' own rows, the
    full names of the people carrying a speaker's surname (which person a surname belongs to, and how
    each is shown), the honorific uses of those surnames, and the rows of the bare words the speakers'
    unresolved surnames are spelt as (how often articles resolve them). The merge reads a surname's
    rows only for the surnames it settles: the rows of other surnames would not change its answers."""
    if name_rows.empty:
        return name_rows
    refs = {(d, r) for d, r in zip(table[DOC_ID].tolist(), table["ref"].tolist()) if isinstance(r, str)}
    ids, written = name_rows[DOC_ID].tolist(), name_rows["written"].tolist()
    is_ref = np.fromiter(((d, w) in refs for d, w in zip(ids, written)), dtype=bool, count=len(written))
    status = name_rows["status"].to_numpy(dtype=object)
    keys = name_rows["key"].to_numpy(dtype=object)
    open_keys = set(keys[is_ref & (status != names.NAMED)])
    bare_of_open = np.fromiter((" " not in w and w.lower() in open_keys for w in written), dtype=bool,
                               count=len(written))
    surnames = {names.surname(k) for k in set(keys[is_ref])}
    of_speaker = np.fromiter((names.surname(k) in surnames for k in keys), dtype=bool, count=len(keys))
    honorific = (status == names.PENDING_TITLED) & name_rows["honorific"].to_numpy(dtype=bool)
    keep = is_ref | ((name_rows["person"].to_numpy(dtype=bool) | honorific) & of_speaker) | bare_of_open
    return name_rows[keep]


# --- who is quoted, per group ------------------------------------------------------------------------


def speakers(table: pd.DataFrame, by: str | Sequence[str] | None = None, *, data: pd.DataFrame | None = None,
             n: int | None = None) -> pd.DataFrame:
    """Who is quoted: quotations and quoted words per speaker entity (and group).

    Parameters
    ----------
    table : DataFrame
        :func:`quotes`' table.
    by : str or list of str, optional
        Group columns, taken from ``table`` (see ``keep`` of :func:`quotes`)
        or, by ``doc_id``, from ``data``. A missing text value is the group
        ``"(unknown)"``, as everywhere in the package.
    data : DataFrame, optional
        The corpus, when the group columns are not in ``table``.
    n : int, optional
        Keep only the ``n`` most quoted speakers of each group.

    Returns
    -------
    DataFrame
        Group columns, then ``entity, n_quotes, n_words, n_articles,
        share``: quotations attributed to the entity, their words (as
        :func:`analysis.text.words` counts them), articles quoting it, and
        its share of the group's quotations (attributed or not). Most quoted
        first within each group; quotations without an entity are left out.

    Examples
    --------
    >>> table = pd.DataFrame({"doc_id": ["a", "a", "b"], "source": ["x", "x", None],
    ...                       "quote": ["We will win.", "Never.", "Yes."],
    ...                       "entity": ["Vladimir Putin", "Vladimir Putin", "Ana Costa"]})
    >>> speakers(table, by="source")
          source          entity  n_quotes  n_words  n_articles  share
    0          x  Vladimir Putin         2        4           1    1.0
    1  (unknown)       Ana Costa         1        1           1    1.0
    """
    for column in (DOC_ID, "quote", "entity"):
        if column not in table.columns:
            raise ValueError(f"table has no {column!r} column; pass the table of analysis.sentences.quotes")
    if n is not None:
        n = check_int("n", n)
    columns = [] if by is None else ([by] if isinstance(by, str) else list(by))
    frame = table
    absent = [c for c in columns if c not in table.columns]
    if absent:
        if data is None or any(c not in data.columns for c in absent):
            raise ValueError(f"by={by!r}: column(s) {absent} are neither in the table nor in data; pass "
                             "keep= to quotes(), or data= (the corpus) with those columns")
        lookup = data[absent].set_axis(pd.Index(doc_ids(data).to_numpy(dtype=object)))
        lookup = lookup[~lookup.index.duplicated()]
        frame = table.assign(**{c: lookup[c].reindex(table[DOC_ID]).set_axis(table.index) for c in absent})
    frame = frame.assign(_words=word_counts(frame["quote"].tolist()))
    if columns:
        frame["_total"] = frame.groupby(columns, sort=False, dropna=False, observed=True)[DOC_ID].transform("size")
    else:
        frame["_total"] = len(frame)
    attributed = frame[frame["entity"].notna()]
    grouped = attributed.groupby([*columns, "entity"], sort=False, dropna=False, observed=True)
    out = pd.DataFrame({"n_quotes": grouped.size(), "n_words": grouped["_words"].sum(),
                        "n_articles": grouped[DOC_ID].nunique(), "_total": grouped["_total"].first()}).reset_index()
    out["share"] = out["n_quotes"].to_numpy() / np.maximum(out["_total"].to_numpy(dtype=float), 1)
    out = out.sort_values([*columns, "n_quotes", "n_words", "entity"],
                          ascending=[True] * len(columns) + [False, False, True], kind="stable")
    out = out.astype({"n_quotes": "int64", "n_words": "int64", "n_articles": "int64"})
    # Sorted on the raw values, so that the missing group comes last; then named as everywhere.
    out = out[[*columns, *SPEAKER_COLUMNS]].reset_index(drop=True)
    out = out.assign(**{c: group_values(out[c]) for c in columns})
    if n is not None:
        out = (out.groupby(columns, sort=False, dropna=False, observed=True).head(n) if columns
               else out.head(n)).reset_index(drop=True)
    return out
