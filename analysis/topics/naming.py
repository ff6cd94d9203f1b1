"""Topic names that read: distinctive words and phrases, generic words left out, catch-all topics marked.

A topic is named by the terms (words, and two-word phrases that are
collocations of the corpus, as :func:`analysis.terms.collocations` scores them) that tell
its articles from the rest, scored from document counts:

- ``p_in``: share of the topic's articles that use the term; ``p_out``: share
  of the other articles that do;
- **ownership**: ``p_in / (sum of p over all topics)``, the term's use in the
  topic against its use in every topic, each topic weighing the same whatever
  its size. A term can name a topic only when the topic owns at least half of
  it: it is used there more than in all the other topics together. Words
  every topic uses ("mr", "new", "said", "year", "people") are owned by no
  topic, so they name none, with no list of banned words: the corpus says
  which words are generic;
- **score**: ``p_in * log(p_in / p_out)``, the term's share of the
  information that term presence gives about the topic (its term of the
  Kullback-Leibler divergence between topic and rest): frequent in the topic
  and rare elsewhere ranks first.

A phrase takes the place of its words when the topic's articles use the word
mostly inside the phrase (``bin laden`` for ``laden``), so names read as
phrases where the corpus has them.

A topic is a **catch-all** when fewer than half of its articles use any term
of its name: no vocabulary holds it together, it is where articles that fit
no other topic went.

Counts add up over disjoint groups of articles, so the counts of fine topics
name any merge of them (the levels of :mod:`analysis.topics.hierarchy`) without
counting again.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import scipy.sparse as sp

from analysis.terms.distinctive import g2
from analysis.text import split_rules, stop_words
from analysis.text.counting import sentence_terms
from analysis.text.tokens import keep_term
from analysis.topics.columns import NAME, OWNERSHIP, P_IN, P_OUT, RANK, SCORE, TERM, TOPIC

#: A term names a topic only when the topic owns at least this share of its (size-weighted) use.
OWNED = 0.5
#: A topic whose name's terms reach fewer than this share of its articles is a catch-all.
CATCH_ALL = 0.5
#: Significance of a phrase: Dunning's G2 above the chi-squared critical value for p < 0.001, 1 d.f.
PHRASE_G2 = 10.83


class TermCounts:
    """Document counts of terms per group of articles: ``counts`` (groups x terms, CSR), ``sizes``, ``terms``.

    Build with :func:`count_terms`; :meth:`merge` sums groups.
    """

    def __init__(self, counts, sizes, term_list, phrase_of):
        self.counts = sp.csr_matrix(counts)
        self.sizes = np.asarray(sizes, dtype=np.float64)
        self.terms = list(term_list)
        #: For each column, the column ids of the words of a phrase (empty for a word).
        self.phrase_of = phrase_of

    def merge(self, groups: Sequence[int]) -> "TermCounts":
        """Counts of unions of groups: ``groups[g]`` is the new group of old group ``g``."""
        groups = np.asarray(groups)
        n_new = int(groups.max()) + 1
        merger = sp.csr_matrix((np.ones(len(groups)), (groups, np.arange(len(groups)))),
                               shape=(n_new, len(groups)))
        return TermCounts(merger @ self.counts, merger @ self.sizes, self.terms, self.phrase_of)


class ArticleTerms:
    """Which article uses which term: ``presence`` (articles x terms, CSR of 0/1), ``terms``, ``phrase_of``."""

    def __init__(self, presence, term_list, phrase_of):
        self.presence = sp.csr_matrix(presence)
        self.terms = list(term_list)
        self.phrase_of = phrase_of

    def groups(self, groups: Sequence[int], n_groups: int) -> TermCounts:
        """Document counts per group (``groups[i]`` = group of article i, -1 = left out)."""
        groups = np.asarray(groups)
        keep = np.flatnonzero(groups >= 0)
        member = sp.csr_matrix((np.ones(len(keep)), (groups[keep], keep)), shape=(n_groups, len(groups)))
        return TermCounts(member @ self.presence, np.bincount(groups[keep], minlength=n_groups), self.terms,
                          self.phrase_of)


def count_terms(texts: Sequence[str], *, min_phrase_count: int = 3, stopwords="english") -> ArticleTerms:
    """Which article uses each word and each collocation phrase.

    Parameters
    ----------
    texts : sequence of str
        The articles.
    min_phrase_count : int, default 3
        A phrase (two words of :func:`analysis.text.tokenize` next to each
        other in a sentence of :func:`analysis.text.split`) is kept when it
        occurs this often in ``texts`` and is a significant collocation:
        Dunning's G2 of its words' pair counts >= :data:`PHRASE_G2` (the test
        of :func:`analysis.terms.collocations`).
    stopwords
        As in :func:`analysis.terms.tokenize`.

    Examples
    --------
    >>> texts = ["Bin Laden hid in caves.", "Bin Laden fled east.", "Troops hunted Bin Laden.",
    ...          "Rates rose again.", "Banks cut rates.", "Caves were empty.", "Troops fled."]
    >>> tc = count_terms(texts, min_phrase_count=2).groups([0, 0, 0, 1, 1, 0, 0], 2)
    >>> "bin laden" in tc.terms, tc.sizes.tolist()
    (True, [5.0, 2.0])
    >>> table = name_table(tc)
    >>> table.loc[table["rank"] == 1, "term"].tolist()
    ['bin laden', 'rates']
    """
    stop = stop_words(stopwords)
    n_texts = len(texts)
    # Stop words stay in the stream so that they separate words: "bank of england" has no pair
    # "bank england". Pairs never span two sentences.
    ids, raw, text_of, sentence_of = sentence_terms(texts, split_rules())
    kept = np.fromiter((keep_term(t, stop, False, True) for t in raw), dtype=bool, count=len(raw))
    n_raw = max(len(raw), 1)
    word = kept[ids]
    pair = np.zeros(len(ids), dtype=bool)
    pair[:-1] = word[:-1] & word[1:] & (sentence_of[:-1] == sentence_of[1:])
    at = np.flatnonzero(pair)
    # Every occurrence as a key: a word's raw id, or n_raw + the pair's two ids.
    keys = np.concatenate([ids[word], n_raw + ids[at] * n_raw + ids[at + 1]])
    texts_of_keys = np.concatenate([text_of[word], text_of[at]])
    distinct, first, key_of = np.unique(keys, return_index=True, return_inverse=True)
    first_at = np.concatenate([np.flatnonzero(word), at])[first]
    is_pair = distinct >= n_raw
    words = pa.array(raw, type=pa.large_string())
    left = words.take(pa.array(ids[first_at]))
    right = words.take(pa.array(ids[np.minimum(first_at + 1, len(ids) - 1)]))
    space = pa.scalar(" ", type=pa.large_string())
    joined = pc.if_else(pa.array(is_pair), pc.binary_join_element_wise(left, right, space), left)
    names = np.asarray(joined.to_pylist(), dtype=object)
    occurrences = pd.Series(np.bincount(key_of, minlength=len(distinct)).astype(float), index=names)
    n_tokens = int(word.sum())
    good = _collocations(occurrences, n_tokens, min_phrase_count)
    # Columns in the order of first use, each article's terms taken in sorted order (as terms were
    # always numbered), so that ties between terms break the same way in every process.
    in_text = np.sort(texts_of_keys * len(distinct) + key_of)
    in_text = in_text[np.r_[True, in_text[1:] != in_text[:-1]]] if len(in_text) else in_text
    doc, column = in_text // len(distinct), in_text % len(distinct)
    alphabetical = np.empty(len(distinct), dtype=np.int64)
    alphabetical[pc.sort_indices(joined).to_numpy()] = np.arange(len(distinct))
    order = np.lexsort((alphabetical[column], doc))
    seen, first_seen = np.unique(column[order], return_index=True)
    by_first_use = seen[np.argsort(first_seen, kind="stable")]
    keep = ~is_pair[by_first_use] | pd.Series(names[by_first_use]).isin(good).to_numpy()
    columns = by_first_use[keep]
    position = np.full(len(distinct), -1, dtype=np.int64)
    position[columns] = np.arange(len(columns))
    present = position[column] >= 0
    presence = sp.csr_matrix((np.ones(int(present.sum())), (doc[present], position[column][present])),
                             shape=(n_texts, len(columns)))
    uniques = [names[c] for c in columns]
    index = {t: i for i, t in enumerate(uniques)}
    phrase_of = [[index[w] for w in t.split(" ") if w in index] if " " in t else [] for t in uniques]
    return ArticleTerms(presence, list(uniques), phrase_of)


def _collocations(occurrences: pd.Series, n_tokens: int, min_count: int) -> set:
    """The two-word phrases of ``occurrences`` (term -> count) whose words go together beyond chance.

    Dunning's G2 of the 2x2 table of word pairs: ``a b``, ``a`` before another
    word, another word before ``b``, neither (the marginals of
    :func:`analysis.terms.collocations`, from the counts already made).
    """
    phrases = occurrences[occurrences.index.str.contains(" ", regex=False) & (occurrences >= min_count)]
    if not len(phrases):
        return set()
    parts = phrases.index.str.split(" ", n=1)
    both = phrases.to_numpy(dtype=float)
    left = occurrences.reindex([p[0] for p in parts]).fillna(0).to_numpy(dtype=float)
    right = occurrences.reindex([p[1] for p in parts]).fillna(0).to_numpy(dtype=float)
    left, right = np.maximum(left, both), np.maximum(right, both)
    score = g2(both, left - both, right - both, np.maximum(n_tokens - left - right + both, 0))
    return set(phrases.index[score >= PHRASE_G2])


def name_table(tc: TermCounts, *, n_terms: int = 10, groups: Sequence[int] | None = None) -> pd.DataFrame:
    """The distinctive terms of every group, best first.

    ``groups`` limits the table to those groups (all by default); the scores
    are the same, as they compare each group with all the others.

    Returns
    -------
    DataFrame
        ``topic, rank, term, score, p_in, p_out, ownership``: up to ``n_terms``
        terms per group, after phrases took the place of their words.

    Examples
    --------
    >>> tc = count_terms(["goal match", "goal striker", "bank rates", "bank loan"]).groups([0, 0, 1, 1], 2)
    >>> name_table(tc, n_terms=1)[["topic", "term"]].values.tolist()
    [[0, 'goal'], [1, 'bank']]
    """
    k = len(tc.sizes)
    dense = tc.counts.toarray()
    sizes = np.maximum(tc.sizes, 1)[:, None]
    rate = dense / sizes
    total_docs = tc.sizes.sum()
    rows = []
    for j in (range(k) if groups is None else groups):
        n_in = tc.sizes[j]
        n_out = total_docs - n_in
        # Half an article added to every count keeps log ratios finite (the usual continuity correction).
        p_in = (dense[j] + 0.5) / (n_in + 1)
        p_out = ((dense.sum(axis=0) - dense[j]) + 0.5) / (n_out + 1)
        owned = np.divide(rate[j], rate.sum(axis=0), out=np.zeros(dense.shape[1]), where=rate.sum(axis=0) > 0)
        score = p_in * np.log(p_in / p_out)
        ok = (dense[j] >= min(2, n_in)) & (owned >= OWNED) & (score > 0)
        candidates = np.flatnonzero(ok)
        order = candidates[np.argsort(-score[candidates], kind="stable")].tolist()
        chosen: list[int] = []
        for i in order[: 4 * n_terms]:
            words = tc.phrase_of[i]
            if words:
                # A phrase replaces its words when the topic mostly uses them inside it.
                inside = [w for w in words if dense[j, i] >= 0.5 * dense[j, w]]
                if len(inside) < len(words) and any(w in chosen for w in words):
                    continue
                place = min([chosen.index(w) for w in words if w in chosen], default=len(chosen))
                chosen = [c for c in chosen if c not in words]
                chosen.insert(min(place, len(chosen)), i)
            elif not any(i in tc.phrase_of[c] for c in chosen):
                chosen.append(i)
            if len(chosen) >= n_terms:
                break
        rows += [(j, r + 1, tc.terms[i], float(score[i]), float(rate[j, i]),
                  float((dense[:, i].sum() - dense[j, i]) / max(n_out, 1)), float(owned[i]))
                 for r, i in enumerate(chosen[:n_terms])]
    return pd.DataFrame(rows, columns=[TOPIC, RANK, TERM, SCORE, P_IN, P_OUT, OWNERSHIP])


def names(table: pd.DataFrame, k: int, *, n_words: int = 3) -> pd.Series:
    """Readable names from :func:`name_table`: the top ``n_words`` terms joined by commas.

    A topic without any distinctive term is ``"topic j"``; a repeated name gets ``" (j)"``.

    Examples
    --------
    >>> t = pd.DataFrame({"topic": [0, 0, 1], "rank": [1, 2, 1], "term": ["bin laden", "tora bora", "rates"]})
    >>> names(t, 3).tolist()
    ['bin laden, tora bora', 'rates', 'topic 2']
    """
    out = []
    terms = name_terms(table, n_words=n_words)
    for j in range(k):
        words = terms.get(j, [])
        name = ", ".join(words) if words else f"topic {j}"
        out.append(name if name not in out else f"{name} ({j})")
    return pd.Series(out, index=pd.RangeIndex(k, name=TOPIC), name=NAME)


def name_terms(table: pd.DataFrame, *, n_words: int = 3) -> dict:
    """The top ``n_words`` terms of each topic of a :func:`name_table`, best first: ``{topic: [terms]}``.

    Examples
    --------
    >>> name_terms(pd.DataFrame({"topic": [0, 0, 1], "rank": [2, 1, 1], "term": ["b", "a", "c"]}))
    {0: ['a', 'b'], 1: ['c']}
    """
    ordered = table.sort_values([TOPIC, RANK], kind="stable")
    found, starts = np.unique(ordered[TOPIC].to_numpy(), return_index=True)
    chunks = np.split(ordered[TERM].to_numpy(), starts[1:])
    return {int(t): list(c[:n_words]) for t, c in zip(found, chunks)}


def name_coverage(articles: ArticleTerms, groups: Sequence[int], name_terms: Sequence) -> np.ndarray:
    """Share of each group's articles that use at least one term of its name (NaN where its terms are None).

    Examples
    --------
    >>> at = count_terms(["goal match", "match report", "bank rates"])
    >>> name_coverage(at, [0, 0, 1], [["goal"], ["bank"]]).tolist()
    [0.5, 1.0]
    """
    groups = np.asarray(groups)
    index = {t: i for i, t in enumerate(articles.terms)}
    out = np.full(len(name_terms), np.nan)
    for j, words in enumerate(name_terms):
        if words is None:  # not asked for
            continue
        members = np.flatnonzero(groups == j)
        cols = [index[t] for t in words if t in index]
        if len(members):
            out[j] = float((articles.presence[members][:, cols].sum(axis=1) > 0).mean()) if cols else 0.0
    return out


def catch_all(coverage: np.ndarray) -> np.ndarray:
    """True for topics whose name reaches fewer than :data:`CATCH_ALL` of their articles.

    Examples
    --------
    >>> catch_all(np.array([0.9, 0.3])).tolist()
    [False, True]
    """
    return np.nan_to_num(np.asarray(coverage, dtype=float), nan=0.0) < CATCH_ALL
