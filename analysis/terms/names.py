"""Names mentioned across a corpus: people and organisations, their variants merged, no language model.

:mod:`analysis.text.names` finds the name mentions of one article and attaches
each surname to the article's own person; this module does the rest:

- :func:`mention_rows` -- one batch of articles as rows (found, resolved in the
  article, counted), the unit of work sent to worker processes;
- :func:`merge` -- surnames the articles left open resolved across the corpus:
  a surname joins the full name that carries it in most articles (at least
  :data:`DOMINANCE` times any other); a bare surname only when the articles
  using it usually name the person in full themselves (so the city
  ``Washington`` never becomes ``George Washington``); an honorific proves a
  person (``Mr Smith`` with no full name anywhere counts as ``Smith``); an
  office before a word known as nobody's surname stays as written (``State
  Department``, ``General Motors``);
- :func:`variants` -- every merged form with its count, so each merge can be checked;
- :func:`mentions` -- the public table, per group (``by=``).
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis import _parallel
from analysis._input import DOC_ID, by_columns, check_int, corpus_frame, group_frame, texts_of
from analysis.terms.corpus_counts import group_codes, with_keys
from analysis.terms.counting import COUNT, DOC_COUNT, GROUP
from analysis.text.name_keys import bare_word, clean_name, is_initial, name_key, surname
from analysis.text.name_rules import CONNECTORS, DEFAULT_RULES, TITLES, NameRules, rules_with
from analysis.text.names import (
    AMBIGUOUS,
    NAMED,
    PENDING_BARE,
    PENDING_TITLED,
    TITLED,
    UNCHECKED,
    Mention,
    Resolved,
    resolved_counts,
    used_in_lowercase,
)

NAME = "name"
VARIANTS = "variants"

#: Columns of :func:`mentions` (after the ``by`` columns).
MENTION_COLUMNS = [NAME, COUNT, DOC_COUNT, VARIANTS]

#: Lowercase words that may join the capitalised words of a name ("Bank of
#: England", "Osama bin Laden"): :data:`analysis.text.name_rules.CONNECTORS`.
NAME_CONNECTORS = CONNECTORS

#: Titles, ranks, offices, honorifics and occupations set apart from a name
#: ("President Donald Trump" is "Donald Trump"): :data:`analysis.text.name_rules.TITLES`.
NAME_TITLES = TITLES

# --- one batch of articles ----------------------------------------------------------------

#: Columns of :func:`mention_rows`.
ROW_COLUMNS = ["doc_id", "written", "key", "display", "status", "candidates", "person", "honorific", "count"]


def article_rows(doc_id, mentions: Sequence[Mention], resolved: Sequence[Resolved | None],
                 rules: NameRules = DEFAULT_RULES) -> list[tuple]:
    """The rows of :func:`mention_rows` for one article whose mentions are already found and resolved.

    Each row is a tuple in the order of :data:`ROW_COLUMNS`.
    """
    # Mentions repeat within an article: counted first (a loop in C), each distinct one made a row once.
    counted = Counter(zip(map(_FORM, mentions), resolved))
    return [(doc_id, *k, n) for k, n in _article_counts(((*pair, n) for pair, n in counted.items()), rules).items()]


_FORM = operator.itemgetter(slice(Mention._fields.index("written"), None))


def _article_counts(counted: Iterable[tuple], rules: NameRules) -> dict:
    """The rows of :func:`article_rows` as ``{fields between doc_id and count: count}``, from
    ``(form, resolved, count)`` in order of first mention (:func:`analysis.text.names.resolved_counts`)."""
    honorifics = rules.honorifics
    # Both keep the order of first mention, as the rows must for merge's tie rules.
    found: dict[tuple, int] = {}
    get = found.get
    for (written, _, title, kind), r, n in counted:
        if r is not None:
            key, display, status, candidates, person = r
            honorific = kind == TITLED and any(bare_word(w) in honorifics for w in title.split())
            if "  " in written or "\n" in written:
                written = " ".join(written.split())
            row = (written, key, display, status, "|".join(candidates) if candidates else "", person, honorific)
            found[row] = get(row, 0) + n
    return found


def rows_table(rows: list[tuple]) -> pd.DataFrame:
    """Rows of :func:`article_rows` as the table of :func:`mention_rows`.

    Its text columns stay Python strings (``object``): the table is read row
    by row by :func:`merge`, and making Arrow strings of every mention of a
    batch cost more than finding them.
    """
    table = pd.DataFrame(rows, columns=ROW_COLUMNS, dtype=object)
    return table.astype({"count": "int64", "person": bool, "honorific": bool})


def mention_rows(texts: Sequence, doc_ids: Sequence, rules: NameRules = DEFAULT_RULES, *,
                 check_bare: bool = True) -> pd.DataFrame:
    """The mentions of a batch of articles, resolved within each article and counted (pure).

    One row per article, written form (whitespace collapsed) and entity;
    ambiguous and pending surnames (``status`` other than ``"named"``) are
    resolved across the corpus by :func:`merge`; ``candidates`` joins the
    keys of an ambiguous surname's people with ``"|"``; ``person`` marks full
    names that can carry a surname; ``honorific`` marks a surname after an
    honorific. Results of several batches concatenate.

    With ``check_bare=False`` the bare words no person of their article
    carries come as ``unchecked`` rows (see :func:`analysis.text.names.resolve`),
    for :func:`merge` to settle once the whole corpus is read.

    Examples
    --------
    >>> rows = mention_rows(["Mr Arafat met Yasser Arafat."], ["a"])
    >>> rows[["written", "display", "count"]].to_dict("list")
    {'written': ['Mr Arafat', 'Yasser Arafat'], 'display': ['Yasser Arafat', 'Yasser Arafat'], 'count': [1, 1]}
    """
    doc_ids = pd.Series(list(doc_ids), dtype=object)
    table = _columns_table([_as_columns(*_batch_rows(texts, range(len(doc_ids)), rules, check_bare))])
    # The batch counts by position; the caller's ids, whatever their type, are put back as given
    # (object, not inferred as strings).
    table["doc_id"] = pd.Series(doc_ids.to_numpy()[table["doc_id"].to_numpy(dtype=np.int64)], dtype=object)
    return table


def _batch_rows(texts: Sequence, doc_ids: Sequence, rules: NameRules, check_bare: bool) -> tuple[list, list, list]:
    """The rows of :func:`mention_rows` as three lists: doc ids, the fields between doc_id and count, counts."""
    fields: list[tuple] = []
    counts: list[int] = []
    ids: list = []
    for doc_id, text in zip(doc_ids, texts):
        if not isinstance(text, str) or not text:
            continue
        found = _article_counts(resolved_counts(text, rules, check_bare=check_bare), rules)
        fields.extend(found)
        counts.extend(found.values())
        ids.extend(itertools.repeat(doc_id, len(found)))
    return ids, fields, counts


def _as_columns(ids: list, fields: list[tuple], counts: list, last: str | None = None) -> tuple | None:
    """The rows of :func:`_batch_rows` column by column, as arrays (None: no rows), doc ids as int64; with
    ``last``, the rows of that status after the others.

    What a worker sends back: unpickling a few arrays and joining them costs
    the parent far less than a million tuples, and the parent does it alone.
    """
    if not fields:
        return None
    # Cut from one array filled in C: transposing the rows in Python (zip), or numpy finding the shape of
    # a list of rows (np.array), cost two to four times as much.
    width = len(ROW_COLUMNS) - 2  # the fields between doc_id and count
    table = np.fromiter(itertools.chain.from_iterable(fields), dtype=object, count=len(fields) * width)
    table = table.reshape(len(fields), width)
    if last is not None:  # moved while the fields are one array, instead of column by column
        order = np.argsort(table[:, ROW_COLUMNS.index("status") - 1] == last, kind="stable")
        table, ids, counts = table[order], np.asarray(ids)[order], np.asarray(counts)[order]
    return tuple(np.array(column, dtype=_ROW_DTYPES.get(name, object))
                 for name, column in zip(ROW_COLUMNS, [ids, *table.T, counts]))


class _Batch(NamedTuple):
    """What a worker of :func:`mentions` sends back for one batch of articles (see :func:`_batch_parts`)."""

    rows: tuple | None  # the rows but the unchecked bare words, as _as_columns gives them
    unchecked: tuple | None  # those: (their columns, their distinct keys, each row's code among them)
    people: Counter  # _people_articles of the batch
    resolving: Counter  # _resolving_articles of the batch
    open_articles: dict  # _open_articles of the batch


def _batch_parts(texts: Sequence, doc_ids: Sequence, rules: NameRules) -> _Batch:
    """The rows of a batch for :func:`mentions` (``check_bare=False``), and what the corpus merge counts of them.

    Batches hold different articles, so their counts of articles add up to the corpus's: the workers
    count them on every core instead of the parent alone. Most rows are unchecked bare words, of which
    the merge reads only those a person carries (:func:`_hopeful`): they come apart, with their keys
    numbered, for the parent to pick those it needs by key instead of row by row.
    """
    columns = _as_columns(*_batch_rows(texts, doc_ids, rules, check_bare=False), last=UNCHECKED)
    if columns is None:
        return _Batch(None, None, Counter(), Counter(), {})
    at = dict(zip(ROW_COLUMNS, columns))
    status = at["status"]
    people = _people_articles(at["doc_id"], at["key"], at["person"])
    resolving = _resolving_articles(at["doc_id"], at["written"], at["key"],
                                    (status == NAMED) | (status == AMBIGUOUS), rules)
    pending = status == PENDING_BARE
    open_articles = _open_articles(at["key"][pending], at["doc_id"][pending])
    words, cut = None, len(status) - int((status == UNCHECKED).sum())
    if cut < len(status):
        codes, keys = pd.factorize(at["key"][cut:])
        words = (tuple(column[cut:] for column in columns), keys, codes)
        columns = tuple(column[:cut] for column in columns)
    return _Batch(columns, words, people, resolving, open_articles)


def _hopeful_rows(unchecked: tuple | None, hopeful: set) -> tuple | None:
    """The unchecked bare words of a batch (:class:`_Batch`) with a ``hopeful`` key, as :func:`_as_columns`."""
    if unchecked is None:
        return None
    columns, keys, codes = unchecked
    wanted = np.fromiter((k in hopeful for k in keys.tolist()), dtype=bool, count=len(keys))[codes]
    return tuple(column[wanted] for column in columns)


_ROW_DTYPES = {"doc_id": np.int64, "count": np.int64, "person": bool, "honorific": bool}


def _columns_table(parts: list) -> pd.DataFrame:
    """The rows of several :func:`_as_columns` results as one table (``doc_id`` int64, not object)."""
    parts = [p for p in parts if p is not None]
    if not parts:
        return rows_table([])
    return pd.DataFrame({name: pd.Series(np.concatenate([p[i] for p in parts]), copy=False,
                                         dtype=_ROW_DTYPES.get(name, object))
                         for i, name in enumerate(ROW_COLUMNS)}, copy=False)


# --- the corpus -------------------------------------------------------------------------------

#: A bare word becomes a surname across the corpus only when the articles using it
#: resolve it themselves at least this often.
BARE_RESOLVED_SHARE = 0.5
#: The corpus's choice of full name for a surname must be carried by at least
#: this many times as many articles as the runner-up.
DOMINANCE = 2.0


def _dominant(counts: Counter) -> str | None:
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2)
    return top if not rest or n >= DOMINANCE * rest[0][1] else None


def _people_articles(doc_ids: np.ndarray, keys: np.ndarray, person: np.ndarray) -> Counter:
    """Articles naming each person (a full name that can carry a surname), by key.

    Counted article by article, so the counts of batches of different articles add up to the corpus's.
    """
    return Counter(key for _, key in dict.fromkeys(zip(doc_ids[person].tolist(), keys[person].tolist())))


def _resolving_articles(doc_ids: np.ndarray, written: np.ndarray, keys: np.ndarray, settled: np.ndarray,
                        rules: NameRules) -> Counter:
    """Articles resolving a bare surname themselves (one word written, a full name meant), by the
    surname's key; ``settled`` marks the rows the article resolved (named or ambiguous).

    Counted article by article, so the counts of batches of different articles add up to the corpus's.
    """
    rows = np.flatnonzero(settled)
    pairs = dict.fromkeys((name_key(w, rules), d) for w, k, d in
                          zip(written[rows].tolist(), keys[rows].tolist(), doc_ids[rows].tolist())
                          if " " not in w and " " in k)
    return Counter(s for s, _ in pairs)


def _summed(counters: list[Counter]) -> Counter:
    """The sum of ``counters`` (those of the batches: hundreds of thousands of keys, summed in C)."""
    keys = np.fromiter(itertools.chain.from_iterable(counters), dtype=object, count=sum(map(len, counters)))
    counts = np.fromiter(itertools.chain.from_iterable(c.values() for c in counters), dtype=np.int64, count=len(keys))
    codes, uniques = pd.factorize(keys)
    return Counter(dict(zip(uniques.tolist(), np.bincount(codes, weights=counts).astype(np.int64).tolist())))


def _chosen(people: Counter) -> dict[str, str | None]:
    """The corpus's full name for each surname (None: no dominant one), from :func:`_people_articles`."""
    by_surname: dict[str, Counter] = defaultdict(Counter)
    for key, n in people.items():
        by_surname[surname(key)][key] += n
    return {s: _dominant(c) for s, c in by_surname.items()}


def _hopeful(chosen: dict[str, str | None], resolving: Counter) -> set:
    """The bare words that can join a person: a person carries the word as surname and some article
    resolves it itself (else the articles leaving it open cannot matter); only those are read."""
    return {k for k, target in chosen.items() if target is not None and resolving.get(k, 0) > 0}


def merge(rows: pd.DataFrame, rules: NameRules = DEFAULT_RULES, texts: Sequence[str] | None = None) -> pd.DataFrame:
    """Resolve the surnames :func:`mention_rows` left open, across the corpus: one final entity per row.

    - an ambiguous surname takes the article's person named in most articles;
    - a surname after a title takes the full person name carrying it in the
      most articles, when that is at least :data:`DOMINANCE` times the
      runner-up; failing that, after an honorific (or when the word follows
      an honorific elsewhere) it is a person known by the surname alone, and
      after an office it stays as written (``State Department``);
    - a bare surname is attached the same way, but only when the articles
      using it resolve it themselves at least :data:`BARE_RESOLVED_SHARE` of
      the time; otherwise it is not a name and its row is left out.

    ``unchecked`` rows (``mention_rows(..., check_bare=False)``) need
    ``texts``, the articles indexed by ``doc_id``: only the bare words that
    could join a person here are looked up in their article (a word it uses
    in lowercase is no name, as :func:`analysis.text.names.resolve` decides);
    the others are left out unread, as they would be once checked.

    Returns
    -------
    DataFrame
        ``doc_id, written, key, name, count``: ``name`` is the entity as
        shown (its most frequent written form, initials dropped) and ``key``
        its key.

    Examples
    --------
    >>> rows = mention_rows(["Yasser Arafat spoke.", "Mr Arafat left."], ["a", "b"])
    >>> merge(rows)[["doc_id", "written", "name"]].to_dict("list")
    {'doc_id': ['a', 'b'], 'written': ['Yasser Arafat', 'Mr Arafat'], 'name': ['Yasser Arafat', 'Yasser Arafat']}
    """
    columns = ["doc_id", "written", "key", "name", "count"]
    if rows.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c == "count" else object) for c in columns})
    return pd.DataFrame(_merged_columns(rows, rules, texts))


def _merged_columns(rows: pd.DataFrame, rules: NameRules, texts: Sequence[str] | None,
                    people: Counter | None = None, resolving: Counter | None = None) -> dict[str, np.ndarray]:
    """The columns of :func:`merge`'s result for rows that are not empty, as arrays (text as Python strings).

    ``people`` and ``resolving`` are :func:`_people_articles` and :func:`_resolving_articles` of the rows'
    articles, counted here when not given (:func:`mentions` sums those of its batches; the unchecked
    bare words no person carries, of no use to the merge, may then be left out of ``rows``).
    """
    # Plain arrays until the result: the table has a row per article and name (millions for a large
    # corpus), and a table pandas builds of them turns every text column into Arrow strings.
    doc_ids = rows["doc_id"].to_numpy()
    keys = rows["key"].to_numpy(dtype=object)
    written = rows["written"].to_numpy(dtype=object)
    displays = rows["display"].to_numpy(dtype=object)
    candidates = rows["candidates"].to_numpy(dtype=object)
    honorific = rows["honorific"].to_numpy(dtype=bool)
    # The statuses factorized once: comparing millions of Python strings is slow, and it is done for five.
    state, states = pd.factorize(rows["status"].to_numpy(dtype=object))
    codes = {value: i for i, value in enumerate(states)}

    def has(value: str) -> np.ndarray:
        return state == codes.get(value, -1)

    is_named = has(NAMED)
    is_pending_bare = has(PENDING_BARE)
    if people is None:
        people = _people_articles(doc_ids, keys, rows["person"].to_numpy(dtype=bool))
        resolving = _resolving_articles(doc_ids, written, keys, is_named | has(AMBIGUOUS), rules)
    chosen = _chosen(people)
    status = rows["status"].to_numpy(dtype=object)
    live = ~has(UNCHECKED)
    if not live.all():
        if texts is None:
            raise ValueError("rows hold unchecked bare words (check_bare=False); pass texts=, the articles "
                             "indexed by doc_id")
        hopeful = _hopeful(chosen, resolving)
        check = np.flatnonzero(~live)
        check = check[np.fromiter((k in hopeful for k in keys[check]), dtype=bool, count=len(check))]
        already = _open_articles(keys[is_pending_bare], doc_ids[is_pending_bare])
        bare = check[_bare_words(keys[check], displays[check], doc_ids[check], texts, resolving, already)]
        live[bare] = True
        is_pending_bare[bare] = True
        status = status.copy()
        status[bare] = PENDING_BARE
    open_docs = _plain(key=keys[is_pending_bare], doc_id=doc_ids[is_pending_bare]).groupby("key")["doc_id"]
    open_docs = open_docs.nunique().to_dict()
    honorific_surnames = set(keys[live & (status == PENDING_TITLED) & honorific])

    def settle(s: str, key: str, said: str, by_honorific: bool, candidates: str) -> tuple[str, str | None, bool]:
        """``(key, display or None to keep it, kept)`` of one row the article left open."""
        if s == AMBIGUOUS:
            # The article's person most of the corpus names (ties: the nearest one).
            return max(candidates.split("|"), key=lambda k: (people.get(k, 0), k == key)), None, True
        target = chosen.get(key)
        first = said.split()[0]
        if target is not None and is_initial(first) and not target.startswith(first[0].lower()):
            target = None  # "J Robinson" is not the corpus's "Andy Robinson"
        if s == PENDING_BARE:
            n_resolved = resolving.get(key, 0)
            if target is not None and n_resolved >= BARE_RESOLVED_SHARE * (n_resolved + open_docs.get(key, 0)):
                return target, None, True
            return key, None, False
        if target is not None:
            return target, None, True
        if not by_honorific and key not in honorific_surnames:
            # An office before a word known as nobody's surname: the whole stays a name.
            return name_key(said, rules), said, True
        return key, None, True

    keep = live.copy()
    open_rows = np.flatnonzero(live & ~is_named)
    if len(open_rows):
        # Decided once per distinct row: the same surname recurs across the corpus.
        part = _plain(status=status[open_rows], key=keys[open_rows], written=written[open_rows],
                      honorific=honorific[open_rows], candidates=candidates[open_rows])
        ids = part.groupby(list(part.columns), sort=False, dropna=False).ngroup().to_numpy()
        decided = [settle(*values) for values in part.drop_duplicates().itertuples(index=False, name=None)]
        new_keys, new_displays, kept = (np.array(c, dtype=object) for c in zip(*decided))
        keys = keys.copy()
        keys[open_rows] = new_keys[ids]
        changed = new_displays[ids] != None  # noqa: E711 (elementwise)
        displays = displays.copy()
        displays[open_rows[changed]] = new_displays[ids][changed]
        keep[open_rows] = kept[ids].astype(bool)
    keys, displays, written = keys[keep], displays[keep], written[keep]
    counts = rows["count"].to_numpy(dtype="int64")[keep]
    # The name shown: the most frequent form among the entity's own mentions (those whose display folds
    # to its key; ties: alphabetical), initials dropped. Counted on codes: grouping millions of Python
    # strings costs far more than numbering them once.
    key_codes, unique_keys = pd.factorize(keys)
    display_codes, unique_displays = pd.factorize(displays)
    folded = pd.Index(unique_keys).get_indexer([name_key(d, rules) for d in unique_displays.tolist()])
    own = folded[display_codes] == key_codes
    pair_codes, pairs = pd.factorize(key_codes[own] * len(unique_displays) + display_codes[own])
    shown = (_plain(key=pairs // len(unique_displays), count=np.bincount(pair_codes, weights=counts[own]),
                    display=unique_displays[pairs % len(unique_displays)])
             .sort_values(["key", "count", "display"], ascending=[True, False, True], kind="stable")
             .drop_duplicates("key"))
    names = np.full(len(unique_keys), None, dtype=object)
    names[shown["key"].to_numpy()] = [clean_name(d) for d in shown["display"].tolist()]
    names = names[key_codes]
    unnamed = names == None  # noqa: E711 (elementwise)
    names[unnamed] = displays[unnamed]
    return {"doc_id": doc_ids[keep], "written": written, "key": keys, "name": names, "count": counts}


def _open_articles(keys: np.ndarray, doc_ids: np.ndarray) -> dict[str, set]:
    """The articles leaving each bare surname open (rows of status ``bare``: their keys and doc ids);
    batches hold different articles, so the sets of batches join into the corpus's."""
    found: dict[str, set] = defaultdict(set)
    for key, doc in zip(keys.tolist(), doc_ids.tolist()):
        found[key].add(doc)
    return found


def _bare_words(keys: np.ndarray, words: np.ndarray, doc_ids: np.ndarray, texts: Sequence[str],
                resolved_docs: dict, already: dict[str, set]) -> np.ndarray:
    """Which unchecked bare words (rows: their keys, words and doc ids) are names: their article never
    uses the word in lowercase. ``already`` holds the articles leaving each surname open without a
    check (:func:`_open_articles`).

    Looked up surname by surname, and only as long as the answer can matter: a bare surname joins its
    person only when at most ``1 / BARE_RESOLVED_SHARE - 1`` times as many articles leave it open as
    resolve it; once more articles than that are known to leave it open, every bare row of the surname
    is left out whatever the others hold, and they are not read (most of the reading is of common words
    such as ``Republicans``, open in thousands of articles and resolved in a few).
    """
    found = np.zeros(len(keys), dtype=bool)
    by_key: dict[str, list[int]] = defaultdict(list)
    for j, key in enumerate(keys.tolist()):
        by_key[key].append(j)
    docs = doc_ids.tolist()
    words = words.tolist()
    for key, rows in by_key.items():
        n_resolved = resolved_docs.get(key, 0)
        opened = set(already.get(key, ()))
        for j in rows:
            if n_resolved < BARE_RESOLVED_SHARE * (n_resolved + len(opened)):
                break
            if not used_in_lowercase(texts[docs[j]], words[j]):
                found[j] = True
                opened.add(docs[j])
    return found


def _plain(**columns: np.ndarray) -> pd.DataFrame:
    """A table of ``columns`` as they are: text stays Python strings (no Arrow strings made)."""
    return pd.DataFrame({name: pd.Series(values, dtype=values.dtype, copy=False) for name, values in columns.items()},
                        copy=False)


def variants(merged: pd.DataFrame, keys: Sequence[str]) -> pd.Series:
    """``"form (count); form (count)"`` per entity, most frequent form first (ties: alphabetical).

    ``merged`` is :func:`merge`'s table; ``keys`` the columns that identify an
    entity row (``["name"]``, or ``["doc_id", "name"]``). The result is indexed
    by them.
    """
    keys = list(keys)
    return _variant_labels(merged.groupby([*keys, "written"], sort=False)["count"].sum().reset_index(), keys)


def _variant_labels(forms: pd.DataFrame, keys: list[str]) -> pd.Series:
    """:func:`variants` of ``forms``: ``keys``, ``written`` and ``count``, one row per entity and form."""
    forms = forms.sort_values([*keys, "count", "written"], ascending=[True] * len(keys) + [False, True],
                              kind="stable")
    labels = (forms["written"] + " (" + forms["count"].astype(str) + ")").tolist()
    ids = list(zip(*(forms[k].tolist() for k in keys))) if len(keys) > 1 else forms[keys[0]].tolist()
    index, values = [], []
    position = 0
    for group, members in itertools.groupby(ids):
        n = sum(1 for _ in members)
        index.append(group)
        values.append("; ".join(labels[position : position + n]))
        position += n
    if len(keys) > 1:
        return pd.Series(values, index=pd.MultiIndex.from_tuples(index, names=keys), dtype="str")
    return pd.Series(values, index=pd.Index(index, name=keys[0]), dtype="str")


def _entity_table(merged: dict[str, np.ndarray], group: np.ndarray) -> pd.DataFrame:
    """Mentions, articles and :func:`variants` per group and name, indexed by them, of :func:`merge`'s
    rows (``merged``, column by column; ``group`` the group code of each row).

    Counted on codes: grouping a million rows by Python strings costs several times as much.
    """
    name_codes, names = pd.factorize(merged[NAME])
    n_names = max(len(names), 1)
    entity_codes, entities = pd.factorize(group * n_names + name_codes)
    counts, docs, size = merged[COUNT].astype(np.int64), merged[DOC_ID].astype(np.int64), len(entities)
    span = int(docs.max()) + 1 if len(docs) else 1  # (entity, article) pairs numbered, each counted once
    articles = np.bincount(pd.unique(entity_codes * span + docs) // span, minlength=size)
    written_codes, written = pd.factorize(merged["written"])
    n_written = max(len(written), 1)
    form_codes, forms = pd.factorize(entity_codes * n_written + written_codes)
    of_form = forms // n_written
    groups, names = entities // n_names, names[entities % n_names]
    table = pd.DataFrame({COUNT: np.bincount(entity_codes, weights=counts, minlength=size).astype(np.int64),
                          DOC_COUNT: articles},
                         index=pd.MultiIndex.from_arrays([groups, pd.Index(names, dtype=object)], names=[GROUP, NAME]))
    table[VARIANTS] = _variant_labels(
        _plain(**{GROUP: groups[of_form], NAME: names[of_form], "written": written[forms % n_written],
                  "count": np.bincount(form_codes, weights=counts, minlength=len(forms)).astype(np.int64)}),
        [GROUP, NAME])
    return table


# --- the public table ----------------------------------------------------------------------------


def mentions(
    data,
    *,
    by: str | Sequence[str] | None = None,
    min_count: int = 1,
    titles: Iterable[str] | None = None,
    connectors: Iterable[str] | None = None,
    n_jobs: int | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """Names of people and organisations mentioned, their variants merged, without a language model.

    A name is a run of capitalised words (``Vladimir Putin``, ``Islamic
    State``), possibly joined by connectors (``Bank of England``, ``Bashar
    al-Assad``) and initials; all-capital words (``WASHINGTON``, ``FBI``) and
    words that merely open a sentence are not names. Variants are merged into
    one entity (see :mod:`analysis.text.names` and :func:`merge`): titles are
    dropped (``President Donald Trump``), initials folded (``Donald J.
    Trump``), and a surname alone or after a title (``Mr Arafat``, ``Trump``)
    joins the full name carrying it in the same article, else in the corpus.
    A single word that is not a surname of a named person is not counted.

    Parameters
    ----------
    data : DataFrame or iterable of str
        The corpus.
    by : str or list of str, optional
        Column(s) to count by: one block of rows per group, the group columns
        first (a missing text value is the group ``"(unknown)"``).
        ``by="doc_id"`` gives one row per article and name, also for a table
        or texts without a ``doc_id`` column (the package's doc_id rule).
    min_count : int
        Leave out names counted fewer times (per group).
    titles, connectors : collection of str, optional
        Replace :data:`NAME_TITLES` / :data:`NAME_CONNECTORS` (lowercase words).
    n_jobs, progress
        As in :func:`~analysis.terms.term_frequencies`.

    Returns
    -------
    DataFrame
        ``[*by], name, count, doc_count, variants``: mentions, articles
        mentioning the name, and each form merged into it with its count,
        most frequent first (``"Mr Arafat (2); Yasser Arafat (1)"``). Sorted
        by group, then count (highest first), articles, name.

    Examples
    --------
    >>> texts = ["The talks in Geneva. Vladimir Putin met Bashar al-Assad. Putin left.",
    ...          "President Vladimir Putin's plane landed. Islamic State fled."]
    >>> table = mentions(texts, progress=False)
    >>> table[["name", "count", "doc_count"]]
                  name  count  doc_count
    0   Vladimir Putin      3          2
    1  Bashar al-Assad      1          1
    2    Islamic State      1          1
    >>> table.loc[0, "variants"]
    'President Vladimir Putin (1); Putin (1); Vladimir Putin (1)'
    >>> mentions(texts, by="doc_id", progress=False)[["doc_id", "name", "count"]]
      doc_id             name  count
    0      0   Vladimir Putin      2
    1      0  Bashar al-Assad      1
    2      1    Islamic State      1
    3      1   Vladimir Putin      1
    """
    min_count = check_int("min_count", min_count)
    rules = rules_with(titles=titles, connectors=connectors)
    frame = corpus_frame(data)
    columns = by_columns(frame, by)
    # Articles are numbered by position: the merge counts articles, and a corpus may repeat a doc_id.
    func = functools.partial(_batch_parts, rules=rules)
    texts = texts_of(frame)
    work = _parallel.batches(texts, range(len(frame)), chunk_chars=_parallel.CHUNK_CHARS // 4)
    batches = list(_parallel.map_batches(func, work, n_jobs=n_jobs, progress=progress, total=len(frame),
                                         desc="mentions"))
    parts = [batch.rows for batch in batches]
    people, resolving = (_summed([getattr(batch, name) for batch in batches]) for name in ("people", "resolving"))
    already = defaultdict(set)
    for key, docs in itertools.chain.from_iterable(batch.open_articles.items() for batch in batches):
        already[key] |= docs
    # The bare words the merge would check, checked before the table is made: the rows of the others
    # (most of a corpus's capitalised words) are never joined.
    hopeful = _hopeful(_chosen(people), resolving)
    words = [part for part in (_hopeful_rows(batch.unchecked, hopeful) for batch in batches) if part is not None]
    if words:
        at = {name: np.concatenate([part[i] for part in words]) for i, name in enumerate(ROW_COLUMNS)}
        bare = _bare_words(at["key"], at["display"], at["doc_id"], texts, resolving, already)
        at["status"] = np.full(len(at["status"]), PENDING_BARE, dtype=object)
        parts.append(tuple(at[name][bare] for name in ROW_COLUMNS))
    rows = _columns_table(parts)
    # The merged rows as Python strings (merge's own result makes Arrow strings of them, a cost for
    # millions of rows); only the names of the final table become Arrow strings.
    merged = (_merged_columns(rows, rules, texts, people, resolving) if len(rows)
              else {name: column.to_numpy() for name, column in merge(rows).items()})
    codes, keys = group_codes(frame[columns].reset_index(drop=True)) if columns else (None, None)
    positions = merged[DOC_ID].astype(np.int64)
    group = codes[positions] if codes is not None else np.zeros(len(positions), dtype=np.int64)
    table = _entity_table(merged, group).reset_index()
    table = table[table[COUNT] >= min_count].astype({GROUP: np.int64, COUNT: np.int64, DOC_COUNT: np.int64})
    table = table.sort_values([GROUP, COUNT, DOC_COUNT, NAME], ascending=[True, False, False, True],
                              kind="stable")
    table = table[[GROUP, *MENTION_COLUMNS]].reset_index(drop=True)
    if len(positions):
        table[NAME] = table[NAME].astype("str")
    return with_keys(table, None if keys is None else group_frame(keys, columns))
