"""Words and terms: the shared tokeniser, term frequencies, phrases, keyness, trends.

Every analysis in the package gets its words from :func:`words` and its terms
from :func:`tokenize`, so that a count in one notebook means the same thing as
a count in another.

Functions, one per question an analyst asks of a corpus:

- :func:`term_frequencies` -- which terms dominate (optionally per group);
- :func:`collocations` -- which words go together (``prime minister``);
- :func:`keyness` / :func:`distinctive_terms` -- which terms set a group apart;
- :func:`trends` -- how use of a term rises and falls over time;
- :func:`kwic` -- in what context a term is used;
- :func:`mentions` -- which capitalised names are mentioned.

Counting is split in two layers, so that it can run through pandas, a process
pool or Dask alike: :func:`count_chunk` counts one batch of texts and returns
partial tables whose counts add up; the public functions feed it batches and
add the partial results.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

import numpy as np
import pandas as pd

from analysis import _dask, _parallel

# Output column names, defined once.
TERM = "term"
COUNT = "count"
DOC_COUNT = "doc_count"
PER_10K = "per_10k"
N_TOKENS = "n_tokens"
N_DOCS = "n_docs"
GROUP = "group"
G2 = "g2"
P_VALUE = "p_value"
LOG_RATIO = "log_ratio"
N_TARGET = "n_target"
N_REFERENCE = "n_reference"
NPMI = "npmi"
SCORE = "score"
RANK = "rank"
PERIOD = "period"
N_ARTICLES = "n_articles"
DOC_ID = "doc_id"
LEFT = "left"
MATCH = "match"
RIGHT = "right"
NAME = "name"

FREQUENCY_COLUMNS = [TERM, COUNT, DOC_COUNT, PER_10K]
KEYNESS_COLUMNS = [TERM, G2, P_VALUE, LOG_RATIO, N_TARGET, N_REFERENCE]
COLLOCATION_COLUMNS = [TERM, COUNT, G2, NPMI]
TREND_COLUMNS = [PERIOD, TERM, COUNT, N_TOKENS, N_ARTICLES, PER_10K]
KWIC_COLUMNS = [DOC_ID, LEFT, MATCH, RIGHT]

# --- words and terms ------------------------------------------------------------

# Straight, curly and modifier-letter apostrophes are one character to us, so
# "Trump's" and "Trump’s" count as the same term. str.replace is used rather
# than str.translate: it is two orders of magnitude faster on text with any
# non-ASCII character, and this runs on every article.
_APOSTROPHE_VARIANTS = ("\u2019", "\u2018", "\u02bc", "`")

# A word is, in order of preference: a dotted acronym (u.s., d.c.), a number
# with decimal or thousands separators (1,000 or 3.5), or a run of
# letters/digits joined by internal hyphens or apostrophes (abu-kamal, didn't,
# 1990s). Each alternative consumes a different shape of text, so matching is
# linear in the input.
_WORD_PATTERN = (
    r"(?:[^\W\d_]\.){2,}"  # dotted acronym: U.S., U.N., D.C.
    r"|\d+(?:[.,]\d+)+"  # 1,000  3.5
    r"|\w+(?:['\-]\w+)*"
)
_WORD = re.compile(_WORD_PATTERN)
_POSSESSIVE = re.compile(r"'s$")
_NUMBER = re.compile(r"^[\d_.,'\-]+$")

#: The default ``token_pattern`` of scikit-learn's CountVectorizer.
SKLEARN_TOKEN_PATTERN = r"(?u)\b\w\w+\b"


def _normalise(text: str) -> str:
    """Lowercase ``text`` and make every apostrophe straight (the first step of :func:`tokenize`)."""
    return _straight_apostrophes(text.lower())


def _straight_apostrophes(text: str) -> str:
    """Every apostrophe variant made ``'`` (one character for one: offsets are kept)."""
    for variant in _APOSTROPHE_VARIANTS:
        text = text.replace(variant, "'")
    return text


def words(text: str) -> list[str]:
    """Split ``text`` into words, keeping case.

    The news rules: apostrophes of every kind are made straight; hyphenated
    names (``Abu-Kamal``) and contractions (``didn't``) stay one word; dotted
    acronyms keep their dots (``U.S.``); numbers keep their separators
    (``1,000``, ``3.5``) and are words here (filtering them is
    :func:`tokenize`'s job).

    Parameters
    ----------
    text : str
        Any text; an empty string gives an empty list.

    Returns
    -------
    list of str
        The words in order of appearance.

    Examples
    --------
    >>> words("The U.S. didn’t bomb Abu-Kamal in 2017.")
    ['The', 'U.S.', "didn't", 'bomb', 'Abu-Kamal', 'in', '2017']
    >>> words("It cost $1,000.50 -- or 3.5%")
    ['It', 'cost', '1,000.50', 'or', '3.5']
    """
    if not text:
        return []
    return _WORD.findall(_straight_apostrophes(text))


def _stopword_set(stopwords) -> frozenset[str]:
    if stopwords is None:
        return frozenset()
    if isinstance(stopwords, str):
        if stopwords != "english":
            raise ValueError(
                f"stopwords={stopwords!r} is not a known list; pass 'english', None, "
                "or a collection of words"
            )
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        return frozenset(ENGLISH_STOP_WORDS)
    return frozenset(_normalise(w) for w in stopwords)


def _compile_pattern(token_pattern: str | None) -> re.Pattern | None:
    if token_pattern is None:
        return None
    try:
        return re.compile(token_pattern)
    except (re.error, TypeError) as exc:
        raise ValueError(
            f"token_pattern={token_pattern!r} is not a valid regular expression ({exc}); "
            "pass a pattern such as r'(?u)\\b\\w\\w+\\b', or None for the news rules"
        ) from None


def _raw_terms(normalised: str, pattern: re.Pattern | None) -> list[str]:
    """Terms of already-normalised text before stop-word and number filtering."""
    if pattern is not None:
        return pattern.findall(normalised)
    return [_POSSESSIVE.sub("", w) for w in _WORD.findall(normalised)]


def _rule_drops(term: str, keep_numbers: bool) -> bool:
    """Whether the news rules drop a term: a pure number, or a single character.

    Single characters are mostly debris: the ``s`` and ``t`` of texts that
    lost their apostrophes ("Trump s", "don t") and initials.
    """
    if not keep_numbers and _NUMBER.match(term):
        return True
    return len(term) < 2 and not (keep_numbers and term.isdigit())


def _keep_term(term: str, stop: frozenset, keep_numbers: bool, rules: bool) -> bool:
    """Whether a raw term survives the filters (empty, stop word, and the news rules)."""
    if not term or term in stop:
        return False
    return not rules or not _rule_drops(term, keep_numbers)


def _terms(normalised: str, pattern, stop: frozenset, keep_numbers: bool) -> list[str]:
    rules = pattern is None
    return [t for t in _raw_terms(normalised, pattern) if _keep_term(t, stop, keep_numbers, rules)]


def tokenize(
    text: str,
    *,
    stopwords: str | Iterable[str] | None = "english",
    token_pattern: str | None = None,
    keep_numbers: bool = False,
) -> list[str]:
    """Split ``text`` into lowercase terms for counting.

    Rules: the text is lowercased and its apostrophes made straight, then cut
    into the words of :func:`words` (hyphenated names, contractions and dotted
    acronyms stay whole); a possessive ``'s`` is removed (``putin's`` ->
    ``putin``); pure numbers are dropped unless ``keep_numbers``; stop words
    are dropped (scikit-learn's English list by default; pass ``None`` to keep
    all, or your own collection, e.g. ``ENGLISH_STOP_WORDS | {"said"}``).

    With ``token_pattern`` (a regular expression) the lowercased text's
    matches are the tokens, as in scikit-learn's ``CountVectorizer``; no
    possessive or number rule applies then.

    Parameters
    ----------
    text : str
        Any text; empty text, punctuation or numbers alone give ``[]``.
    stopwords : 'english', collection of str or None
        Terms to drop (compared after lowercasing).
    token_pattern : str, optional
        A regular expression whose matches are the tokens.
    keep_numbers : bool
        Keep pure numbers such as ``2017`` or ``1,000`` (news rules only).

    Returns
    -------
    list of str
        The terms in order of appearance.

    Examples
    --------
    >>> tokenize("Putin's talks with the U.S. on Abu-Kamal in 2017")
    ['putin', 'talks', 'u.s.', 'abu-kamal']
    >>> tokenize("It's 2017", token_pattern=r"(?u)\\b\\w\\w+\\b", stopwords=None)
    ['it', '2017']
    """
    if not text:
        return []
    stop = _stopword_set(stopwords)
    return _terms(_normalise(text), _compile_pattern(token_pattern), stop, keep_numbers)


# --- counting one batch of texts ----------------------------------------------
#
# The fast path never runs a regular expression over the whole text. Each
# article is normalised, encoded to UTF-8 and every ASCII byte that can never
# be part of a token becomes a space (bytes.translate runs at memory speed);
# Arrow then splits at whitespace and hash-encodes the pieces in C++. Only the
# *distinct* pieces (the vocabulary, a small fraction of the tokens) go through
# the tokeniser in Python, memoised across batches. Because every byte turned
# into a space is a non-word character that no token pattern of the fast path
# can match, tokenising piece by piece gives exactly the tokens of tokenising
# the whole text.

# Characters the news rules can match besides word characters.
_RULES_KEEP = frozenset(b"'-.,")
# Patterns whose tokens are word characters only (and that test only word
# boundaries), so splitting at any ASCII non-word character is safe.
_WORD_ONLY_PATTERNS = frozenset(
    {SKLEARN_TOKEN_PATTERN, r"\b\w\w+\b", r"(?u)\b\w+\b", r"\b\w+\b", r"\w+", r"(?u)\w+"}
)


def _separator_table(keep: frozenset) -> bytes:
    word = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
    return bytes(c if (c >= 128 or c in word or c in keep) else 32 for c in range(256))


_TABLE_RULES = _separator_table(_RULES_KEEP)
_TABLE_WORDS = _separator_table(frozenset())
# words() reads a backtick as an apostrophe, so it cannot be a cut there.
_TABLE_CASED = _separator_table(_RULES_KEEP | frozenset(b"`"))


class _PieceMemo(dict):
    """``piece (bytes) -> terms`` for one tokeniser configuration, filled on first sight.

    A value is the term itself when the piece holds exactly one (the common
    case), ``""`` when it holds none, and a tuple when it holds several; the
    lookups then run in C through ``map(memo.__getitem__, pieces)``.
    """

    def __init__(self, pattern, stop, keep_numbers):
        super().__init__()
        self.pattern, self.stop, self.keep_numbers = pattern, stop, keep_numbers

    def __missing__(self, piece: bytes):
        text = piece.decode("utf-8", "surrogatepass")
        if self.pattern is None and piece.isalnum():
            # An ASCII letter/digit run is one word under the news rules: skip
            # the regex for the most common kind of piece.
            found = [text] if _keep_term(text, self.stop, self.keep_numbers, True) else []
        else:
            found = _terms(text, self.pattern, self.stop, self.keep_numbers)
        value = found[0] if len(found) == 1 else (tuple(found) if found else "")
        self[piece] = value
        return value


# One memo per configuration; lives as long as the process (a pool worker
# keeps it across batches).
_PIECE_MEMOS: dict[tuple, _PieceMemo] = {}
_PIECE_MEMO_LIMIT = 2_000_000


def _piece_memo(pattern, stop, keep_numbers) -> _PieceMemo:
    key = (None if pattern is None else pattern.pattern, stop, keep_numbers)
    memo = _PIECE_MEMOS.get(key)
    if memo is None or len(memo) > _PIECE_MEMO_LIMIT:
        memo = _PIECE_MEMOS[key] = _PieceMemo(pattern, stop, keep_numbers)
    return memo


def _fast_table(token_pattern: str | None) -> bytes | None:
    if token_pattern is None:
        return _TABLE_RULES
    if token_pattern in _WORD_ONLY_PATTERNS:
        return _TABLE_WORDS
    return None


# Non-ASCII characters common in news that no fast-path token contains: made
# spaces before splitting, they no longer glue words into rare pieces
# ("“fiscal", "word—word").
_NON_ASCII_SEPARATORS = ("\u201c", "\u201d", "\u2014", "\u2013", "\u2026", "\xa0", "\xab", "\xbb")


def _separate(text: str) -> str:
    for separator in _NON_ASCII_SEPARATORS:
        if separator in text:
            text = text.replace(separator, " ")
    return text


def _as_text(value) -> str:
    return value if isinstance(value, str) else ""


def _pieces(parts: list[bytes]) -> tuple[np.ndarray, np.ndarray, list[bytes]]:
    """Split each byte string at ASCII whitespace, in C++ (Arrow).

    Returns the number of pieces of each string, every piece as an id in
    order, and the distinct pieces (the ids index them).
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(parts)
    lengths = np.fromiter(map(len, parts), dtype=np.int64, count=n)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    # No UTF-8 validation: the bytes come from str.encode, and only ASCII
    # bytes were replaced.
    arr = pa.LargeStringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(b"".join(parts)))
    pieces = pc.ascii_split_whitespace(arr)
    encoded = pc.dictionary_encode(pieces.flatten())
    return (np.diff(pieces.offsets.to_numpy()), encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64),
            encoded.dictionary.cast(pa.large_binary()).to_pylist())


def _unigram_pairs(texts: Sequence[str], table: bytes, memo: _PieceMemo):
    """Token occurrences as parallel arrays ``(doc index, term id)`` and the term list."""
    n = len(texts)
    parts = [_separate(_normalise(_as_text(t))).encode("utf-8", "surrogatepass").translate(table) for t in texts]
    per_doc, piece_ids, vocabulary = _pieces(parts)

    values = list(map(memo.__getitem__, vocabulary))
    codes, uniques = pd.factorize(pd.Series(values, dtype=object))
    uniques = list(uniques)
    is_term = np.fromiter((type(u) is str and u != "" for u in uniques), dtype=bool, count=len(uniques))
    terms = [u for u, keep in zip(uniques, is_term) if keep]
    # code of a unique value -> term id (-1: no term, <= -2: a key of `multi`)
    code_term = np.where(is_term, np.cumsum(is_term) - 1, -1)
    multi: dict[int, list[int]] = {}
    if not is_term.all():
        term_index = {t: i for i, t in enumerate(terms)}
        for code, value in enumerate(uniques):
            if type(value) is tuple:
                marker = -2 - len(multi)
                code_term[code] = marker
                multi[marker] = [term_index.setdefault(t, len(term_index)) for t in value]
        terms = list(term_index)
    piece_term = code_term[codes]

    docs = np.repeat(np.arange(n, dtype=np.int64), per_doc)
    term_ids = piece_term[piece_ids]
    single = term_ids >= 0
    doc_parts, term_parts = [docs[single]], [term_ids[single]]
    if multi:
        # Pieces holding several terms ("u.s.-led", "word—word") are rare:
        # expand them occurrence by occurrence.
        where = np.flatnonzero(term_ids <= -2)
        expanded = [multi[c] for c in term_ids[where].tolist()]
        sizes = np.fromiter(map(len, expanded), dtype=np.int64, count=len(expanded))
        doc_parts.append(np.repeat(docs[where], sizes))
        term_parts.append(np.fromiter((t for ts in expanded for t in ts), dtype=np.int64, count=int(sizes.sum())))
    return np.concatenate(doc_parts), np.concatenate(term_parts), terms


# The word rules, plus the character that separates pieces in _coded_words
# (a piece never holds it: the separator table makes it a space; not "\x00",
# which numpy drops from the end of a string).
_WORD_OR_CUT = re.compile(_WORD_PATTERN + "|\x01")


def _coded_words(text: str) -> tuple[np.ndarray, list[str]]:
    """``words(text)`` as codes into its distinct words: ``(codes, uniques)``.

    The same words in the same order as :func:`words`, about three times
    faster on long text. A word never spans whitespace or an ASCII character
    the news rules cannot match, so the text is cut there first (in C), and
    the rules run once over the distinct pieces, not over every occurrence.
    """
    _, piece_ids, vocabulary = _pieces([text.encode("utf-8", "surrogatepass").translate(_TABLE_CASED)])
    if not vocabulary:
        return np.zeros(0, dtype=np.int64), []
    # One regex pass over the distinct pieces, cut apart by "\x01": each
    # piece's words follow the cut before it. Apostrophes are straightened
    # here, in the pieces, rather than in the whole text.
    pieces = b"\x01".join([b""] + vocabulary).decode("utf-8", "surrogatepass")
    found = np.array(_WORD_OR_CUT.findall(_straight_apostrophes(pieces)), dtype=object)
    cut = found == "\x01"
    piece_of_word = np.cumsum(cut)[~cut] - 1
    word_codes, uniques = pd.factorize(found[~cut])
    sizes = np.bincount(piece_of_word, minlength=len(vocabulary))
    first = np.cumsum(sizes) - sizes
    single = sizes == 1
    piece_code = np.full(len(vocabulary), -1, dtype=np.int64)
    piece_code[single] = word_codes[first[single]]
    codes = piece_code[piece_ids]
    if single.all():
        return codes, list(uniques)
    # Pieces with no word ("--") or several ("U.S.-led", "word/word") are
    # rare: only their occurrences are replaced by their runs of words.
    odd = np.flatnonzero(~single[piece_ids])
    n_words = sizes[piece_ids[odd]]
    run_start = np.cumsum(n_words) - n_words
    within = np.arange(int(n_words.sum())) - np.repeat(run_start, n_words)
    spliced = word_codes[np.repeat(first[piece_ids[odd]], n_words) + within]
    # Each inserted word goes where its piece was, after the pieces kept before it.
    where = np.repeat(odd - np.arange(len(odd)), n_words)
    return np.insert(np.delete(codes, odd), where, spliced), list(uniques)


def _count_matrix(texts: Sequence[str], vocabulary: Sequence[str] | None = None):
    """:func:`tokenize`'s terms (default options) counted per text: ``(counts, terms)``.

    ``counts`` is a CSR matrix of int64, one row per text and one column per
    term of ``terms`` (sorted), indices sorted: the matrix of scikit-learn's
    ``CountVectorizer(analyzer=tokenize)``, built by the fast path. With
    ``vocabulary`` (sorted terms), its columns are those terms and other
    terms are not counted.
    """
    import scipy.sparse as sp

    texts = list(texts)
    docs, term_ids, found = _unigram_pairs(texts, _TABLE_RULES, _piece_memo(None, _stopword_set("english"), False))
    if vocabulary is None:
        terms = sorted(found)
        column_of = np.empty(len(found), dtype=np.int64)
        column_of[np.argsort(np.array(found, dtype=object), kind="stable")] = np.arange(len(found))
    else:
        terms = list(vocabulary)
        index = {t: i for i, t in enumerate(terms)}
        column_of = np.fromiter((index.get(t, -1) for t in found), dtype=np.int64, count=len(found))
    columns = column_of[term_ids]
    kept = columns >= 0
    counts = sp.csr_matrix((np.ones(int(kept.sum()), dtype=np.int64), (docs[kept], columns[kept])),
                           shape=(len(texts), len(terms)))
    counts.sum_duplicates()  # also sorts the indices
    return counts, terms


def _runs(sorted_keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct values of a sorted array and how often each occurs."""
    if not len(sorted_keys):
        return sorted_keys, np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    counts = np.diff(np.r_[starts, len(sorted_keys)])
    return sorted_keys[starts], counts


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


def _ngrams(seq: list[str], n: int, stop: frozenset, keep_numbers: bool, rules: bool, filtered: bool):
    out = []
    for i in range(len(seq) - n + 1):
        gram = seq[i : i + n]
        if filtered:
            if gram[0] in stop or gram[-1] in stop:
                continue
            if not all(gram) or (rules and any(_rule_drops(t, keep_numbers) for t in gram)):
                continue
        out.append(" ".join(gram))
    return out


def _ngram_counters(texts, codes, n_groups, sizes, pattern, stop, keep_numbers, filtered):
    """Counters of n-grams (n in ``sizes``, all >= 2) within sentences, per group."""
    from analysis import sentences

    rules = pattern is None
    counts = [Counter() for _ in range(n_groups)]
    docs = [Counter() for _ in range(n_groups)]
    for text, g in zip(texts, codes):
        text = _as_text(text)
        grams: list[str] = []
        for start, end in sentences.spans(text) if text.strip() else ():
            seq = _raw_terms(_normalise(text[start:end]), pattern)
            for n in sizes:
                grams.extend(_ngrams(seq, n, stop, keep_numbers, rules, filtered))
        counts[g].update(grams)
        docs[g].update(set(grams))
    return counts, docs


def _counters_table(counts: list[Counter], docs: list[Counter]) -> pd.DataFrame:
    frames = []
    for g, (c, d) in enumerate(zip(counts, docs)):
        if c:
            terms = list(c)
            frames.append(pd.DataFrame({GROUP: g, TERM: pd.Series(terms, dtype=object),
                                        COUNT: np.fromiter(c.values(), np.int64, len(c)),
                                        DOC_COUNT: np.fromiter(map(d.__getitem__, terms), np.int64, len(c))}))
    if not frames:
        return _empty_counts()
    return pd.concat(frames, ignore_index=True)


def _empty_counts() -> pd.DataFrame:
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
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Count terms in one batch of texts: the pure building block of every count.

    Partial results of several batches add up: concatenate them and sum
    ``count``, ``doc_count``, ``n_tokens`` and ``n_docs`` per group and term
    (this is what :func:`term_frequencies` does, and what a Dask
    ``map_partitions`` can do).

    Parameters
    ----------
    texts : sequence of str
        The articles (missing values count as empty texts).
    groups : sequence of hashable, optional
        One group key per text; ``None`` puts every text in group 0.
    stopwords, token_pattern, keep_numbers
        As in :func:`tokenize`.
    ngram_range : (int, int)
        Smallest and largest n of the n-grams counted. N-grams never span two
        sentences (:func:`analysis.sentences.spans`) or two texts; with the
        news rules those starting or ending with a stop word, or holding a
        number, are left out.
    all_windows : bool
        Count every n-gram (n >= 2) without the stop-word and number filters
        (what :func:`collocations` needs for its marginal counts).

    Returns
    -------
    counts : DataFrame
        ``group, term, count, doc_count``, one row per group and term.
    totals : DataFrame
        ``group, n_tokens, n_docs``: tokens kept by :func:`tokenize` (the
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
    pattern = _compile_pattern(token_pattern)
    stop = _stopword_set(stopwords)
    low, high = _check_ngram_range(ngram_range)

    frames = []
    # Unigrams are always counted: their total is the denominator of rates.
    table = _fast_table(token_pattern)
    if table is not None:
        docs, term_ids, terms = _unigram_pairs(texts, table, _piece_memo(pattern, stop, keep_numbers))
        uni = _pairs_table(docs, term_ids, terms, codes, n_groups)
    else:
        counts = [Counter() for _ in range(n_groups)]
        doc_sets = [Counter() for _ in range(n_groups)]
        for text, g in zip(texts, codes):
            found = _terms(_normalise(_as_text(text)), pattern, stop, keep_numbers)
            counts[g].update(found)
            doc_sets[g].update(set(found))
        uni = _counters_table(counts, doc_sets)
    n_tokens = uni.groupby(GROUP)[COUNT].sum().reindex(range(n_groups), fill_value=0).to_numpy()
    if low == 1:
        frames.append(uni)
    sizes = [n for n in range(max(low, 2), high + 1)]
    if sizes:
        grams = _ngram_counters(texts, codes, n_groups, sizes, pattern, stop, keep_numbers, not all_windows)
        frames.append(_counters_table(*grams))

    counts_table = pd.concat(frames, ignore_index=True) if frames else _empty_counts()
    counts_table[GROUP] = uniques[counts_table[GROUP].to_numpy()] if len(counts_table) else []
    totals = pd.DataFrame({GROUP: uniques[:n_groups] if len(uniques) else [0],
                           N_TOKENS: n_tokens.astype(np.int64),
                           N_DOCS: np.bincount(codes, minlength=n_groups).astype(np.int64)})
    return counts_table, totals


def _check_ngram_range(ngram_range) -> tuple[int, int]:
    try:
        low, high = (int(x) for x in ngram_range)
    except (TypeError, ValueError):
        low = high = None
    if low is None or not 1 <= low <= high:
        raise ValueError(f"ngram_range={ngram_range!r}; pass (min_n, max_n) with 1 <= min_n <= max_n, e.g. (1, 2)")
    return low, high


# --- running batches -------------------------------------------------------------

#: Characters of text per batch: large enough that a batch's fixed costs
#: (pickling, its vocabulary pass) are small, small enough that memory stays
#: flat and both cores get work.
def _add_partials(parts: list[pd.DataFrame], keys: list[str]) -> pd.DataFrame:
    """Add partial count tables (the counts of equal keys add up)."""
    table = pd.concat(parts, ignore_index=True)
    values = [c for c in table.columns if c not in keys]
    return table.groupby(keys, sort=False, dropna=False, as_index=False)[values].sum()


def _chunk_counts(texts, groups, *, keep, **options) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`count_chunk` with its counts restricted to the terms in ``keep`` (the totals are not)."""
    counts, totals = count_chunk(texts, groups, **options)
    return counts[counts[TERM].isin(keep)], totals


def _count(texts: Iterable, groups: Iterable | None, *, total: int | None, n_jobs, progress: bool,
           desc: str = "counting", keep: Sequence[str] | None = None,
           **options) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Count over all batches: the added results of :func:`count_chunk`.

    With ``keep``, only those terms' counts are kept, batch by batch (trends
    counts every n-gram up to its longest query but needs a few).
    """
    if keep is None:
        func = functools.partial(count_chunk, **options)
    else:
        func = functools.partial(_chunk_counts, keep=list(keep), **options)
    counts, totals = [], []
    pending_rows = 0
    work = _parallel.batches(texts, groups, chunk_chars=_parallel.CHUNK_CHARS)
    for part_counts, part_totals in _parallel.map_batches(func, work, n_jobs=n_jobs, progress=progress,
                                                          total=total, desc=desc):
        counts.append(part_counts)
        totals.append(part_totals)
        pending_rows += len(part_counts)
        # Fold partial tables together now and then, so memory follows the
        # vocabulary rather than the number of batches.
        if pending_rows > 2_000_000 and len(counts) > 1:
            counts = [_add_partials(counts, [GROUP, TERM])]
            pending_rows = len(counts[0])
    if not counts:
        return _empty_counts(), pd.DataFrame({GROUP: [], N_TOKENS: [], N_DOCS: []})
    return _add_partials(counts, [GROUP, TERM]), _add_partials(totals, [GROUP])


# --- inputs ----------------------------------------------------------------------


def _by_columns(data: pd.DataFrame, by) -> list[str]:
    """``by`` as a list of existing column names (an error names the columns that exist)."""
    if by is None:
        return []
    columns = [by] if isinstance(by, str) or not isinstance(by, Iterable) else list(by)
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise ValueError(
            f"by={by!r}: no column {', '.join(map(repr, missing))}; the columns are "
            f"{', '.join(map(repr, data.columns))}"
        )
    if not columns:
        raise ValueError(f"by={by!r} names no column; pass a column name or a list of them")
    return columns


def _check_text_column(data) -> None:
    """Raise when a (pandas or Dask) corpus table has no ``text`` column."""
    if "text" not in data.columns:
        raise ValueError(
            f"the DataFrame has no 'text' column; its columns are {', '.join(map(repr, data.columns))}. "
            "Pass a corpus from analysis.corpus.load, or rename the column holding the texts"
        )


def _corpus_frame(data, *, need_text: bool = True) -> pd.DataFrame:
    """A corpus DataFrame (with ``text`` and ``doc_id``) from a DataFrame, Series or list of strings."""
    if isinstance(data, (str, bytes)):
        raise TypeError(
            "data is a single string; pass a list of texts or a corpus DataFrame with a 'text' column"
        )
    if isinstance(data, pd.DataFrame):
        if need_text:
            _check_text_column(data)
        frame = data
        if DOC_ID not in frame.columns:
            frame = frame.assign(**{DOC_ID: [str(i) for i in range(len(frame))]})
        return frame
    if isinstance(data, pd.Series):
        return pd.DataFrame({DOC_ID: data.index.astype(str), "text": data.to_numpy()})
    if not isinstance(data, Iterable):
        raise TypeError(f"data={data!r:.60} is not a corpus; pass a DataFrame with a 'text' column or a list of texts")
    texts = list(data)
    return pd.DataFrame({DOC_ID: [str(i) for i in range(len(texts))], "text": texts})


def _texts_and_groups(data, by):
    """Texts (streamed when ``data`` is a plain iterable), group codes and the table of group keys."""
    if isinstance(data, (str, bytes)):
        _corpus_frame(data)  # raises the helpful error
    if not isinstance(data, (pd.DataFrame, pd.Series)):
        if by is not None:
            raise ValueError(f"by={by!r} needs a corpus DataFrame; data is a {type(data).__name__}")
        if not isinstance(data, Iterable):
            _corpus_frame(data)
        total = len(data) if hasattr(data, "__len__") else None
        return data, None, None, total
    frame = _corpus_frame(data)
    columns = _by_columns(frame, by)
    texts = frame["text"].tolist()
    if not columns:
        return texts, None, None, len(frame)
    grouped = frame.groupby(columns, dropna=False, sort=True, observed=True)
    codes = grouped.ngroup().to_numpy()
    keys = grouped.size().index.to_frame(index=False)[columns]
    return texts, codes.tolist(), keys, len(frame)


def _check_positive(name: str, value, *, allow_zero: bool = False) -> int:
    low = 0 if allow_zero else 1
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low:
        raise ValueError(f"{name}={value!r}; pass a whole number >= {low}")
    return int(value)


def _with_keys(table: pd.DataFrame, keys: pd.DataFrame | None) -> pd.DataFrame:
    """Replace the ``group`` code column by the group's key columns, placed first."""
    if keys is None:
        return table.drop(columns=GROUP)
    key_values = keys.iloc[table[GROUP].to_numpy()].reset_index(drop=True)
    rest = table.drop(columns=GROUP).reset_index(drop=True)
    return pd.concat([key_values, rest], axis=1)


# --- counting a corpus: pandas or Dask --------------------------------------------
#
# term_frequencies, keyness, distinctive_terms and trends count through
# _count_corpus, on pandas and on Dask alike. A grouping is a picklable
# function ``group_of(frame) -> (rows, key_frame)``: the rows of a pandas frame
# (the whole corpus, or one Dask partition) to count, and a frame of their group
# key columns (None: one group). _group_codes turns key columns into integer
# codes and the table of keys, in pandas' groupby order; on Dask each partition
# labels its counts with key *values* instead (its codes mean nothing
# elsewhere), the partial results add up on the workers, and the combined key
# values go through _group_codes once more, so that both paths end with the
# same codes and key table and share every later step.


def _group_by_columns(frame: pd.DataFrame, *, columns: list[str]):
    return frame, frame[columns]


def _group_codes(key_frame: pd.DataFrame | None) -> tuple[np.ndarray | None, pd.DataFrame | None]:
    """Group code per row and the table of group keys (row ``i`` is code ``i``): sorted, missing values last."""
    if key_frame is None:
        return None, None
    columns = list(key_frame.columns)
    grouped = key_frame.groupby(columns, dropna=False, sort=True, observed=True)
    return grouped.ngroup().to_numpy(), grouped.size().index.to_frame(index=False)[columns]


def _corpus_input(data, by):
    """The corpus to count -- a pandas or Dask DataFrame, or texts (possibly a generator) -- and its grouping."""
    if _dask.is_dask(data):
        _check_text_column(data)
        frame = data
    elif isinstance(data, (pd.DataFrame, pd.Series)):
        frame = _corpus_frame(data)
    else:
        if isinstance(data, (str, bytes)) or not isinstance(data, Iterable):
            _corpus_frame(data)  # raises the helpful error
        if by is not None:
            raise ValueError(f"by={by!r} needs a corpus DataFrame; data is a {type(data).__name__}")
        return data, None
    columns = _by_columns(frame, by)
    return frame, (functools.partial(_group_by_columns, columns=columns) if columns else None)


def _count_corpus(data, group_of=None, *, n_jobs, progress: bool, desc: str = "counting",
                  keep: Sequence[str] | None = None, **options):
    """Count a corpus: ``(counts, totals, keys)``, ``group`` being a code into ``keys`` (None: one group 0).

    ``data`` is a pandas DataFrame (counted in batches on the process pool),
    a Dask DataFrame (counted partition by partition on the cluster; ``n_jobs``
    does not apply), or an iterable of texts (streamed; no grouping).
    """
    if _dask.is_dask(data):
        return _count_dask(data, group_of, progress=progress, desc=desc, keep=keep, **options)
    if isinstance(data, pd.DataFrame):
        frame, key_frame = group_of(data) if group_of is not None else (data, None)
        codes, keys = _group_codes(key_frame)
        texts, groups, total = frame["text"].tolist(), None if codes is None else codes.tolist(), len(frame)
    else:
        texts, groups, keys = data, None, None
        total = len(data) if hasattr(data, "__len__") else None
    counts, totals = _count(texts, groups, total=total, n_jobs=n_jobs, progress=progress, desc=desc, keep=keep,
                            **options)
    return counts, totals, keys


def _key_values(keys: pd.DataFrame) -> np.ndarray:
    """One hashable tuple per row of a key table, missing values made None.

    None, not NaN: NaN objects made in different partitions are not equal
    to each other, so tuples holding them would never add up.
    """
    out = np.empty(len(keys), dtype=object)
    for i, row in enumerate(keys.itertuples(index=False, name=None)):
        out[i] = tuple(None if _is_missing(v) else v for v in row)
    return out


def _partition_counts(part: pd.DataFrame, *, group_of, keep=None, **options):
    """Counts of one Dask partition: ``(counts, totals, key dtypes)``, groups labelled by their key tuples."""
    frame, key_frame = group_of(part) if group_of is not None else (part, None)
    codes, keys = _group_codes(key_frame)
    counts, totals = _count(frame["text"].tolist(), None if codes is None else codes.tolist(), total=len(frame),
                            n_jobs=1, progress=False, keep=keep, **options)
    if keys is not None and len(keys):
        values = _key_values(keys)
        counts = counts.assign(**{GROUP: values[counts[GROUP].to_numpy(dtype=np.int64)]})
        totals = totals.assign(**{GROUP: values[totals[GROUP].to_numpy(dtype=np.int64)]})
    return counts, totals, None if key_frame is None else key_frame.dtypes


def _combine_counts(results: list) -> tuple:
    """Add the results of :func:`_partition_counts` (associative: partial sums combine alike)."""
    counts = [r[0] for r in results if len(r[0])]
    totals = [r[1] for r in results if len(r[1])]
    dtypes = next((r[2] for r in results if r[2] is not None), None)
    return (_add_partials(counts, [GROUP, TERM]) if counts else results[0][0],
            _add_partials(totals, [GROUP]) if totals else results[0][1], dtypes)


def _pandas_dtypes(dtypes: pd.Series) -> dict:
    """The dtypes the key columns of Dask partitions have in the pandas corpus table.

    Dask turns every text column into ``string[pyarrow]`` (its
    ``dataframe.convert-string`` option, on by default), whatever its pandas
    dtype; such a column gets back pandas' default string dtype, that of a
    corpus table loaded in pandas (``str``, missing values NaN).
    """
    from dask.dataframe.utils import pyarrow_strings_enabled

    converted = pd.StringDtype("pyarrow", na_value=pd.NA)
    default = pd.Series(["text"]).dtype
    return {column: default if dtype == converted and pyarrow_strings_enabled() else dtype
            for column, dtype in dtypes.items()}


def _count_dask(ddf, group_of, *, progress: bool, desc: str, keep=None, **options):
    """:func:`_count_corpus` of a Dask DataFrame."""
    func = functools.partial(_partition_counts, group_of=group_of, keep=keep, **options)
    counts, totals, dtypes = _dask.map_reduce(ddf, func, _combine_counts, progress=progress, desc=desc)
    if dtypes is None:
        return counts, totals, None
    # Every group with an article has a row of totals.
    values = totals[GROUP].tolist()
    key_frame = pd.DataFrame.from_records(values, columns=list(dtypes.index)) if values else (
        pd.DataFrame({c: [] for c in dtypes.index}))
    # Back to the input's dtypes, so that sorting, missing values and the
    # key table come out as the pandas path's.
    codes, keys = _group_codes(key_frame.astype(_pandas_dtypes(dtypes)))
    code_of = dict(zip(values, codes.tolist()))

    def recode(table: pd.DataFrame) -> pd.DataFrame:
        found, uniques = pd.factorize(table[GROUP].to_numpy(dtype=object))
        lookup = np.fromiter((code_of[u] for u in uniques), dtype=np.int64, count=len(uniques))
        return table.assign(**{GROUP: lookup[found]})

    return recode(counts), recode(totals), keys


# --- term frequencies ------------------------------------------------------------


def term_frequencies(
    data,
    *,
    ngram_range: tuple[int, int] = (1, 1),
    by: str | Sequence[str] | None = None,
    stopwords: str | Iterable[str] | None = "english",
    token_pattern: str | None = None,
    keep_numbers: bool = False,
    min_count: int = 1,
    n_jobs: int | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """Count terms across a corpus: how often, in how many articles, and per 10,000 tokens.

    Counting uses every core (``n_jobs``) and streams: a generator of texts is
    read batch by batch, so memory grows with the vocabulary, not the corpus.

    Parameters
    ----------
    data : DataFrame, dask DataFrame or iterable of str
        A corpus table (its ``text`` column is used) or the texts themselves.
        A ``dask.dataframe.DataFrame`` is counted partition by partition on
        the session's Dask cluster (see :mod:`analysis._dask`); the result is
        identical to that of the pandas DataFrame of the same corpus.
    ngram_range : (int, int)
        Smallest and largest n of the n-grams counted, as in scikit-learn;
        ``(1, 2)`` counts words and two-word phrases. N-grams never span two
        sentences or two articles, and those that start or end with a stop
        word or hold a word the news rules drop (a number, a single
        character) are left out (``secretary of state`` is kept, ``of the``
        is not).
    by : str or list of str, optional
        Column(s) of ``data`` to count by: one block of rows per group, the
        group columns first. Missing values form a group of their own.
    stopwords, token_pattern, keep_numbers
        As in :func:`tokenize`. With ``token_pattern=r"(?u)\\b\\w\\w+\\b"``
        and ``stopwords=None``, counts equal the column sums of
        scikit-learn's ``CountVectorizer().fit_transform``.
    min_count : int
        Leave out terms counted fewer times (per group).
    n_jobs : int, optional
        Processes to count with; ``None`` uses all cores, 1 counts in this
        process. A corpus of fewer than ``analysis._parallel.POOL_MIN_BATCHES``
        batches of ``analysis._parallel.CHUNK_CHARS`` characters is counted in this process. The pool
        is started once and kept for the session (forked from a
        single-threaded script; started through a fork server, about a
        second once, from a notebook kernel or other threaded process, and
        then only for ``analysis._parallel.POOL_START_BATCHES`` batches or more; on
        platforms without fork a script must guard its code with
        ``if __name__ == "__main__":``). Does not apply to a Dask DataFrame
        (the cluster's workers count it).
    progress : bool
        Show a progress bar.

    Returns
    -------
    DataFrame
        ``[*by], term, count, doc_count, per_10k``: occurrences, articles
        containing the term, and occurrences per 10,000 tokens of the group
        (tokens as :func:`tokenize` keeps them; NaN for a group without
        tokens). Sorted by group, then by count (highest first), then term.

    Examples
    --------
    >>> texts = ["Putin met Assad.", "Putin's talks with Assad.", "Talks resume"]
    >>> term_frequencies(texts, progress=False)
         term  count  doc_count  per_10k
    0   assad      2          2   2500.0
    1   putin      2          2   2500.0
    2   talks      2          2   2500.0
    3     met      1          1   1250.0
    4  resume      1          1   1250.0
    """
    min_count = _check_positive("min_count", min_count)
    data, group_of = _corpus_input(data, by)
    _check_ngram_range(ngram_range)
    counts, totals, keys = _count_corpus(data, group_of, n_jobs=n_jobs, progress=progress,
                                         desc="term frequencies", stopwords=stopwords,
                                         token_pattern=token_pattern, keep_numbers=keep_numbers,
                                         ngram_range=ngram_range)
    counts = counts[counts[COUNT] >= min_count]
    n_tokens = counts[GROUP].map(totals.set_index(GROUP)[N_TOKENS]).to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        per_10k = np.where(n_tokens > 0, counts[COUNT].to_numpy() * 1e4 / n_tokens, np.nan)
    table = counts.assign(**{PER_10K: per_10k})
    table = table.sort_values([GROUP, COUNT, TERM], ascending=[True, False, True], kind="stable")
    table = table[[GROUP, *FREQUENCY_COLUMNS]].astype({COUNT: np.int64, DOC_COUNT: np.int64})
    return _with_keys(table.reset_index(drop=True), keys)


# --- distinctive terms -----------------------------------------------------------


def _xlogx_ratio(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """``O * ln(O / E)`` with the convention ``0 * ln 0 = 0``."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(observed > 0, observed * np.log(observed / expected), 0.0)


def _g2_2x2(a, b, c, d, *, correction: str = "none") -> np.ndarray:
    """Signed log-likelihood G² of 2x2 tables ``[[a, b], [c, d]]`` (positive: ``a`` above expectation).

    Rows are the term and all other terms; columns the target and the
    reference. ``correction="yates"`` applies Yates' continuity correction
    where an expected count is below 5 (as quanteda's ``textstat_keyness``);
    ``"williams"`` divides by Williams' q.
    """
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    n = a + b + c + d
    sign = np.where(a * n > (a + b) * (a + c), 1.0, -1.0)
    if correction == "yates":
        expected_small = np.minimum.reduce(
            [(a + b) * (a + c), (a + b) * (b + d), (a + c) * (c + d), (c + d) * (b + d)]
        ) / n < 5
        apply = expected_small & (np.abs(a * d - b * c) > n / 2)
        shift = np.where(apply, np.where(a * d - b * c > 0, -0.5, 0.5), 0.0)
        a, d, b, c = a + shift, d + shift, b - shift, c - shift
    g2 = 2 * (
        _xlogx_ratio(a, (a + b) * (a + c) / n)
        + _xlogx_ratio(b, (a + b) * (b + d) / n)
        + _xlogx_ratio(c, (a + c) * (c + d) / n)
        + _xlogx_ratio(d, (b + d) * (c + d) / n)
    )
    if correction == "williams":
        with np.errstate(divide="ignore", invalid="ignore"):
            q = 1 + (n / (a + b) + n / (c + d) - 1) * (n / (a + c) + n / (b + d) - 1) / (6 * n)
        g2 = np.where(a * b * c * d == 0, g2, g2 / q)
    g2 = np.maximum(g2, 0.0)
    return np.where(g2 > 0, g2 * sign, 0.0)


def _keyness_table(n_target, n_reference, total_target, total_reference, correction) -> dict:
    from scipy.stats import chi2

    n_target = np.asarray(n_target, dtype=float)
    n_reference = np.asarray(n_reference, dtype=float)
    g2 = _g2_2x2(n_target, n_reference, total_target - n_target, total_reference - n_reference,
                 correction=correction)
    # Hardie's Log Ratio: binary log of the ratio of relative frequencies,
    # a zero count replaced by 0.5 so that the ratio stays finite.
    with np.errstate(divide="ignore", invalid="ignore"):
        log_ratio = np.log2((np.where(n_target > 0, n_target, 0.5) / total_target)
                            / (np.where(n_reference > 0, n_reference, 0.5) / total_reference))
    return {G2: g2, P_VALUE: chi2.sf(np.abs(g2), 1), LOG_RATIO: log_ratio}


_CORRECTIONS = ("yates", "williams", "none")


def keyness(
    data,
    target,
    *,
    by: str | Sequence[str] | None = None,
    ngram_range: tuple[int, int] = (1, 1),
    stopwords: str | Iterable[str] | None = "english",
    token_pattern: str | None = None,
    keep_numbers: bool = False,
    min_count: int = 1,
    correction: str = "yates",
    n_jobs: int | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """Which terms a target group over- or under-uses against the rest of the corpus.

    Dunning's log-likelihood G² of each term's 2x2 table (the term and all
    other terms, in the target and in the reference), signed positive when
    the term is more frequent in the target than expected, as quanteda's
    ``textstat_keyness(measure = "lr")``. The p-value is that of a chi-squared
    distribution with one degree of freedom; the effect size is Hardie's Log
    Ratio (binary log of the ratio of relative frequencies: 1 means twice as
    frequent in the target).

    Parameters
    ----------
    data : DataFrame, dask DataFrame or iterable of str
        The corpus. A ``dask.dataframe.DataFrame`` is counted on the
        session's Dask cluster, with the result identical to the pandas
        one; its target must be given as a group value with ``by``.
    target : value, tuple, or boolean array-like
        With ``by``: the group value (a tuple for several columns) that forms
        the target. Without ``by``: one boolean per article, True for target
        articles.
    by : str or list of str, optional
        Column(s) holding the groups.
    ngram_range, stopwords, token_pattern, keep_numbers
        As in :func:`term_frequencies`.
    min_count : int
        Leave out terms counted fewer times in target and reference together.
    correction : {'yates', 'williams', 'none'}
        Correction of G² for small expected counts (quanteda's default is
        Yates').
    n_jobs, progress
        As in :func:`term_frequencies`.

    Returns
    -------
    DataFrame
        ``term, g2, p_value, log_ratio, n_target, n_reference``, sorted by
        ``g2`` from the target's most distinctive term down to the
        reference's.

    Examples
    --------
    >>> texts = ["Reuters said the talks failed."] * 10 + ["Shocking! The talks failed"] * 10
    >>> keyness(texts, [True] * 10 + [False] * 10, progress=False).round(3)
           term      g2  p_value  log_ratio  n_target  n_reference
    0   reuters   8.476    0.004      3.907        10            0
    1      said   8.476    0.004      3.907        10            0
    2    failed  -0.580    0.446     -0.415        10           10
    3     talks  -0.580    0.446     -0.415        10           10
    4  shocking -14.581    0.000     -4.737         0           10
    """
    if correction not in _CORRECTIONS:
        raise ValueError(f"correction={correction!r}; pass one of {', '.join(map(repr, _CORRECTIONS))}")
    min_count = _check_positive("min_count", min_count)
    on_dask = _dask.is_dask(data)
    if on_dask:
        _check_text_column(data)
        columns = _by_columns(data, by)
        if not columns:
            raise ValueError(
                "target as one boolean per article cannot be given for a Dask DataFrame; pass by= (the column "
                "holding the groups) and the target group's value, e.g. keyness(ddf, 'reuters', by='source')"
            )
        _target_rows(data._meta, target, columns, by)  # a malformed target fails here, not on a worker
    else:
        data = _corpus_frame(data)
        columns = _by_columns(data, by)
        _target_mask(data, target, by)
    _check_ngram_range(ngram_range)
    group_of = functools.partial(_group_by_target, columns=columns, target=target, by=by)
    counts, totals, keys = _count_corpus(data, group_of, n_jobs=n_jobs, progress=progress, desc="keyness",
                                         stopwords=stopwords, token_pattern=token_pattern,
                                         keep_numbers=keep_numbers, ngram_range=ngram_range)
    is_target = keys[_TARGET].to_numpy(dtype=bool)
    if on_dask:
        _check_target_found(bool(is_target.any()), not is_target.all(), target, by,
                            lambda: _dask_values(data, columns))
    counts = counts.assign(**{GROUP: is_target[counts[GROUP].to_numpy(dtype=np.int64)]})
    wide = counts.pivot_table(index=TERM, columns=GROUP, values=COUNT, aggfunc="sum", fill_value=0)
    n_target = wide[True].to_numpy() if True in wide.columns else np.zeros(len(wide), dtype=np.int64)
    n_reference = wide[False].to_numpy() if False in wide.columns else np.zeros(len(wide), dtype=np.int64)
    total_target, total_reference = n_target.sum(), n_reference.sum()
    if total_target == 0 or total_reference == 0:
        side = "target" if total_target == 0 else "reference"
        raise ValueError(f"the {side} articles have no terms to compare; check target={target!r} and by={by!r}")
    table = pd.DataFrame({TERM: wide.index.to_numpy(dtype=object), N_TARGET: n_target, N_REFERENCE: n_reference})
    table = table[(table[N_TARGET] + table[N_REFERENCE]) >= min_count]
    stats = _keyness_table(table[N_TARGET], table[N_REFERENCE], total_target, total_reference, correction)
    table = table.assign(**stats)[KEYNESS_COLUMNS]
    table = table.sort_values([G2, TERM], ascending=[False, True], kind="stable")
    return table.reset_index(drop=True)


#: The key column of keyness's two groups (True: target articles).
_TARGET = "_target"


def _target_mask(frame: pd.DataFrame, target, by) -> np.ndarray:
    """One boolean per article: True for the target group (errors when there is no target or no reference)."""
    columns = _by_columns(frame, by)
    mask = _target_rows(frame, target, columns, by)
    if columns:
        _check_target_found(bool(mask.any()), not mask.all(), target, by, lambda: _frame_values(frame, columns))
    return mask


def _target_rows(frame: pd.DataFrame, target, columns: list[str], by) -> np.ndarray:
    """Whether each row of ``frame`` (the corpus or one partition) is in the target group."""
    if not columns:
        if isinstance(target, (str, bytes)) or not isinstance(target, Iterable):
            raise ValueError(
                f"target={target!r} needs by= (the column holding it); or pass one boolean per article"
            )
        mask = np.asarray(list(target))
        if mask.dtype != bool or len(mask) != len(frame):
            raise ValueError(
                f"target must be one boolean per article ({len(frame)}); got {len(mask)} values of type "
                f"{mask.dtype}. Or pass a group value with by="
            )
        return mask
    if len(columns) == 1:
        values = frame[columns[0]]
        # na_value: Dask's string columns compare to <NA> where a value is missing.
        return values.isna().to_numpy() if _is_missing(target) else (values == target).to_numpy(bool, na_value=False)
    if not isinstance(target, tuple) or len(target) != len(columns):
        raise ValueError(f"target={target!r}; with by={by!r} pass a tuple of {len(columns)} values")
    mask = np.ones(len(frame), dtype=bool)
    for column, value in zip(columns, target):
        values = frame[column]
        mask &= values.isna().to_numpy() if _is_missing(value) else (values == value).to_numpy(bool, na_value=False)
    return mask


def _check_target_found(has_target: bool, has_reference: bool, target, by, values) -> None:
    """Raise when no article is in the target group, or every article is; ``values()`` lists the groups."""
    if not has_target:
        present = values()
        raise ValueError(f"target={target!r} is not a value of {by!r}; values include {present}")
    if not has_reference:
        raise ValueError(f"every article has {by!r} == {target!r}: there is no reference to compare with")


def _frame_values(frame: pd.DataFrame, columns: list[str]) -> list:
    """Up to 20 values (tuples for several columns) of the group columns, for an error message."""
    if len(columns) == 1:
        return frame[columns[0]].dropna().unique().tolist()[:20]
    return pd.Series(list(zip(*(frame[c] for c in columns)))).dropna().unique().tolist()[:20]


def _dask_values(ddf, columns: list[str]) -> list:
    """:func:`_frame_values` of a Dask DataFrame (computed only for an error message)."""
    if len(columns) == 1:
        return ddf[columns[0]].dropna().drop_duplicates(split_out=1).compute().tolist()[:20]
    return list(ddf[columns].drop_duplicates(split_out=1).compute().itertuples(index=False, name=None))[:20]


def _group_by_target(frame: pd.DataFrame, *, columns: list[str], target, by):
    return frame, pd.DataFrame({_TARGET: _target_rows(frame, target, columns, by)}, index=frame.index)


def _is_missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or an array is not a missing value
        return False


def distinctive_terms(
    data,
    by: str | Sequence[str],
    *,
    n: int = 10,
    method: str = "keyness",
    ngram_range: tuple[int, int] = (1, 1),
    stopwords: str | Iterable[str] | None = "english",
    token_pattern: str | None = None,
    keep_numbers: bool = False,
    min_count: int = 1,
    n_jobs: int | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """The ``n`` most distinctive terms of every group at once.

    Parameters
    ----------
    data : DataFrame or dask DataFrame
        The corpus. A ``dask.dataframe.DataFrame`` is counted on the
        session's Dask cluster, with the result identical to the pandas one.
    by : str or list of str
        Column(s) holding the groups.
    n : int
        Terms per group.
    method : {'keyness', 'tfidf'}
        ``"keyness"``: signed G² of the group against all other groups (see
        :func:`keyness`; Yates-corrected), terms over-used by the group only.
        ``"tfidf"``: tidytext's ``bind_tf_idf`` with groups as documents --
        share of the group's tokens times ``ln(groups / groups using the
        term)``; a term every group uses scores 0 and is never listed.
    ngram_range, stopwords, token_pattern, keep_numbers, min_count, n_jobs, progress
        As in :func:`term_frequencies` (``min_count`` applies to the group's count).

    Returns
    -------
    DataFrame
        ``[*by], term, count, score, rank``: up to ``n`` rows per group, best
        first (``rank`` 1).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"text": ["goal match goal", "match vote", "vote ballot vote"],
    ...                    "label": ["sport", "sport", "politics"]})
    >>> distinctive_terms(df, "label", n=1, method="tfidf", progress=False)
          label    term  count     score  rank
    0  politics  ballot      1  0.231049     1
    1     sport    goal      2  0.277259     1
    """
    if method not in ("keyness", "tfidf"):
        raise ValueError(f"method={method!r}; pass 'keyness' or 'tfidf'")
    n = _check_positive("n", n)
    min_count = _check_positive("min_count", min_count)
    if not _dask.is_dask(data):
        data = _corpus_frame(data)
    if by is None:
        raise ValueError("by=None: distinctive_terms compares groups; pass the column holding them")
    data, group_of = _corpus_input(data, by)
    _check_ngram_range(ngram_range)
    counts, totals, keys = _count_corpus(data, group_of, n_jobs=n_jobs, progress=progress,
                                         desc="distinctive terms", stopwords=stopwords,
                                         token_pattern=token_pattern, keep_numbers=keep_numbers,
                                         ngram_range=ngram_range)
    group_total = counts.groupby(GROUP)[COUNT].transform("sum").to_numpy(dtype=float)
    term_total = counts.groupby(TERM)[COUNT].transform("sum").to_numpy(dtype=float)
    grand_total = float(counts[COUNT].sum())
    count = counts[COUNT].to_numpy(dtype=float)
    if method == "keyness":
        score = _g2_2x2(count, term_total - count, group_total - count,
                        grand_total - group_total - (term_total - count), correction="yates")
    else:
        n_groups = counts[GROUP].nunique()
        groups_using = counts.groupby(TERM)[GROUP].transform("nunique").to_numpy(dtype=float)
        score = count / group_total * np.log(n_groups / groups_using)
    table = counts.assign(**{SCORE: score})
    table = table[(table[COUNT] >= min_count) & (table[SCORE] > 0)]
    table = table.sort_values([GROUP, SCORE, COUNT, TERM], ascending=[True, False, False, True], kind="stable")
    table = table.groupby(GROUP, sort=False).head(n)
    table = table.assign(**{RANK: table.groupby(GROUP, sort=False).cumcount() + 1})
    table = table[[GROUP, TERM, COUNT, SCORE, RANK]].astype({COUNT: np.int64})
    return _with_keys(table.reset_index(drop=True), keys)


# --- phrases ---------------------------------------------------------------------


def collocations(
    data,
    *,
    size: int = 2,
    min_count: int = 5,
    method: str = "g2",
    stopwords: str | Iterable[str] | None = "english",
    token_pattern: str | None = None,
    keep_numbers: bool = False,
    n_jobs: int | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """Multi-word expressions: word sequences that occur together more than chance predicts.

    Every window of ``size`` consecutive terms inside a sentence is counted
    (windows never span two sentences or two articles, and stop words are
    kept in windows so that they separate words). For each candidate, each
    way of cutting it in two (``prime | minister``; ``secretary | of state``
    and ``secretary of | state``) gives a 2x2 table of windows that start
    with the left part and end with the right part; the score is the weakest
    cut's:

    - ``g2``: Dunning's log-likelihood G², signed (negative when the parts
      avoid each other);
    - ``npmi``: normalised pointwise mutual information, in [-1, 1] (1: the
      parts never occur apart).

    Candidates that start or end with a stop word, or hold a word the news
    rules drop (a number, a single character), are not listed.

    Parameters
    ----------
    data : DataFrame or iterable of str
        The corpus.
    size : int
        Words per expression: 2 or more.
    min_count : int
        Leave out expressions seen fewer times (NPMI favours rare pairs: keep
        this above a handful when ranking by it).
    method : {'g2', 'npmi'}
        The score that orders the table.
    stopwords, token_pattern, keep_numbers, n_jobs, progress
        As in :func:`term_frequencies`.

    Returns
    -------
    DataFrame
        ``term, count, g2, npmi``, best first.

    Examples
    --------
    >>> texts = ["Islamic State fighters fled Raqqa.", "Islamic State claimed the attack.",
    ...          "The state said so.", "Fighters left.", "The Islamic world."]
    >>> collocations(texts, min_count=2, progress=False).round(3)
                term  count     g2   npmi
    0  islamic state      2  4.027  0.583
    """
    if method not in ("g2", "npmi"):
        raise ValueError(f"method={method!r}; pass 'g2' (log-likelihood) or 'npmi'")
    if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 2:
        raise ValueError(f"size={size!r}; pass the number of words per expression, 2 or more")
    min_count = _check_positive("min_count", min_count)
    texts, _, _, total = _texts_and_groups(data, None)
    stop = _stopword_set(stopwords)
    counts, _ = _count(texts, None, total=total, n_jobs=n_jobs, progress=progress, desc="collocations",
                       stopwords=stop, token_pattern=token_pattern, keep_numbers=keep_numbers,
                       ngram_range=(size, size), all_windows=True)
    windows = counts.loc[counts[TERM].str.count(" ") == size - 1, [TERM, COUNT]].reset_index(drop=True)
    if windows.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c == TERM else float) for c in COLLOCATION_COLUMNS})
    parts = windows[TERM].str.split(" ", n=size - 1, expand=True)
    count = windows[COUNT].to_numpy(dtype=float)
    n_windows = count.sum()
    g2 = np.full(len(windows), np.inf)
    npmi = np.full(len(windows), np.inf)
    # Each word position as integer codes, so that a part of the window (a run
    # of positions) is an integer key and its marginal count a bincount.
    codes = [pd.factorize(parts[j])[0].astype(np.int64) for j in range(size)]

    def marginal(positions: range) -> np.ndarray:
        dense = np.zeros(len(windows), dtype=np.int64)
        for j in positions:
            # Re-densified at every step, so the key never overflows.
            dense = pd.factorize(dense * (codes[j].max() + 1) + codes[j])[0]
        return np.bincount(dense, weights=count)[dense]

    for cut in range(1, size):
        n_left = marginal(range(0, cut))
        n_right = marginal(range(cut, size))
        g2 = np.minimum(g2, _g2_2x2(count, n_left - count, n_right - count,
                                    n_windows - n_left - n_right + count))
        with np.errstate(divide="ignore", invalid="ignore"):
            p_joint = count / n_windows
            pmi = np.log(p_joint / ((n_left / n_windows) * (n_right / n_windows)))
            npmi = np.minimum(npmi, np.where(p_joint < 1, pmi / -np.log(p_joint), 1.0))
    rules = token_pattern is None
    first, last = parts[0], parts[size - 1]
    keep = (count >= min_count) & ~first.isin(stop).to_numpy() & ~last.isin(stop).to_numpy()
    if rules:
        dropped = {w for column in parts.columns for w in parts[column].unique() if _rule_drops(w, keep_numbers)}
        for column in parts.columns:
            keep &= ~parts[column].isin(dropped).to_numpy()
    table = pd.DataFrame({TERM: windows[TERM], COUNT: windows[COUNT].astype(np.int64), G2: g2, NPMI: npmi})[keep]
    order = [G2, NPMI] if method == "g2" else [NPMI, G2]
    table = table.sort_values([*order, COUNT, TERM], ascending=[False, False, False, True], kind="stable")
    return table.reset_index(drop=True)


# --- trends ----------------------------------------------------------------------


def _check_date_column(columns, date: str) -> None:
    if date not in columns:
        raise ValueError(
            f"date={date!r} is not a column; the columns are {', '.join(map(repr, columns))}. "
            "trends needs a column of publication dates"
        )


def _no_dates(date: str) -> ValueError:
    return ValueError(
        f"the corpus has no dates (column {date!r} is empty): trends needs dated articles; "
        "load a corpus with a date column, or use term_frequencies(by=...) instead"
    )


def _date_values(frame: pd.DataFrame, date: str) -> pd.Series:
    """The column of dates as naive datetimes (NaT where unknown)."""
    dates = frame[date]
    if not pd.api.types.is_datetime64_any_dtype(dates):
        dates = pd.to_datetime(dates, errors="coerce", utc=True)
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_localize(None)
    return dates


def _dates(frame: pd.DataFrame, date: str) -> pd.Series:
    _check_date_column(frame.columns, date)
    dates = _date_values(frame, date)
    if dates.isna().all():
        raise _no_dates(date)
    return dates


def _periods(dates: pd.Series, freq: str) -> pd.Series:
    try:
        return dates.dt.to_period(freq)
    except (ValueError, TypeError) as exc:
        raise ValueError(
            f"freq={freq!r} is not a period pandas knows ({exc}); pass 'D', 'W', 'M', 'Q' or 'Y'"
        ) from None


def _group_by_period(frame: pd.DataFrame, *, columns: list[str], date: str, freq: str):
    """The dated articles, keyed by period and ``columns``."""
    periods = _periods(_date_values(frame, date), freq)
    dated = periods.notna().to_numpy()
    rows = frame.loc[dated, ["text", *columns]].assign(**{PERIOD: periods[dated]})
    return rows, rows[[PERIOD, *columns]]


def _query_terms(queries, pattern, stop) -> list[str]:
    if isinstance(queries, str):
        queries = [queries]
    if not isinstance(queries, Iterable) or not queries:
        raise ValueError(f"terms={queries!r}; pass a term or a list of terms, e.g. ['syria', 'islamic state']")
    out = []
    for query in queries:
        found = _raw_terms(_normalise(str(query)), pattern)
        if not found:
            raise ValueError(f"term {query!r} holds no word; pass words such as 'syria' or 'islamic state'")
        if len(found) == 1 and found[0] in stop:
            raise ValueError(f"term {query!r} is a stop word and is never counted; pass stopwords=None to count it")
        out.append(" ".join(found))
    return list(dict.fromkeys(out))


def trends(
    data,
    terms: str | Sequence[str],
    *,
    freq: str = "M",
    by: str | Sequence[str] | None = None,
    date: str = "date",
    stopwords: str | Iterable[str] | None = "english",
    token_pattern: str | None = None,
    n_jobs: int | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """How often terms are used, period by period: count and rate per 10,000 tokens.

    Every period between the first and last dated article appears. A period
    without articles has ``n_articles`` 0 and a NaN rate: no data, which is
    not the same as no use. Articles without a date are left out.

    Parameters
    ----------
    data : DataFrame or dask DataFrame
        The corpus, with a column of dates. A ``dask.dataframe.DataFrame``
        is counted on the session's Dask cluster (periods are taken and
        counts kept for ``terms`` only, partition by partition); the result
        is identical to that of the pandas DataFrame of the same corpus.
    terms : str or list of str
        Words or phrases (``"islamic state"``), tokenised like the text
        (``"Putin's"`` means ``putin``). A phrase is counted inside
        sentences only.
    freq : str
        Length of a period, as pandas understands it: ``"D"``, ``"W"``,
        ``"M"``, ``"Q"``, ``"Y"``.
    by : str or list of str, optional
        Column(s) to follow separately (one line per source, say).
    date : str
        The column of dates.
    stopwords, token_pattern, n_jobs, progress
        As in :func:`term_frequencies`; the rate's denominator is the number
        of tokens :func:`tokenize` keeps.

    Returns
    -------
    DataFrame
        ``[*by], period, term, count, n_tokens, n_articles, per_10k``, one row
        per group, term and period; ``period`` is the period's first day.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"text": ["Syria talks", "Talks on Syria and Syria", "Budget"],
    ...                    "date": pd.to_datetime(["2017-01-05", "2017-03-02", "2017-03-09"])})
    >>> trends(df, "Syria", progress=False)
          period   term  count  n_tokens  n_articles  per_10k
    0 2017-01-01  syria      1         2           1   5000.0
    1 2017-02-01  syria      0         0           0      NaN
    2 2017-03-01  syria      2         4           2   5000.0
    """
    if _dask.is_dask(data):
        _check_text_column(data)
        _check_date_column(data.columns, date)
        frame = data
    else:
        frame = _corpus_frame(data)
        _dates(frame, date)
    by_columns = _by_columns(frame, by)
    pattern = _compile_pattern(token_pattern)
    stop = _stopword_set(stopwords)
    queries = _query_terms(terms, pattern, stop)
    _periods(pd.Series([], dtype="datetime64[ns]"), freq)
    longest = max(q.count(" ") + 1 for q in queries)
    group_of = functools.partial(_group_by_period, columns=by_columns, date=date, freq=freq)
    counts, totals, keys = _count_corpus(frame, group_of, n_jobs=n_jobs, progress=progress, desc="trends",
                                         keep=queries, stopwords=stop, token_pattern=token_pattern,
                                         ngram_range=(1, longest), all_windows=True)
    if not len(keys):  # a Dask corpus, whose dates are seen only now
        raise _no_dates(date)

    # The full grid: every period of the range, for every group seen, for every term.
    periods = keys[PERIOD]
    span = pd.period_range(periods.min(), periods.max(), freq=periods.dt.freq)
    groups = keys[by_columns].drop_duplicates() if by_columns else pd.DataFrame(index=[0])
    grid = groups.merge(pd.DataFrame({PERIOD: span}), how="cross").merge(pd.DataFrame({TERM: queries}), how="cross")
    observed = _with_keys(counts[[GROUP, TERM, COUNT]], keys)
    sizes = _with_keys(totals[[GROUP, N_TOKENS, N_DOCS]], keys).rename(columns={N_DOCS: N_ARTICLES})
    on = [*by_columns, PERIOD]
    table = grid.merge(observed, on=[*on, TERM], how="left").merge(sizes, on=on, how="left")
    for column in (COUNT, N_TOKENS, N_ARTICLES):
        table[column] = table[column].fillna(0).astype(np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = table[COUNT].to_numpy() * 1e4 / table[N_TOKENS].to_numpy(dtype=float)
    table[PER_10K] = np.where(table[N_TOKENS].to_numpy() > 0, rate, np.nan)
    table[PERIOD] = table[PERIOD].dt.start_time
    table["_order"] = table[TERM].map({q: i for i, q in enumerate(queries)})
    table = table.sort_values([*by_columns, "_order", PERIOD], kind="stable")
    return table[[*by_columns, *TREND_COLUMNS]].reset_index(drop=True)


# --- keyword in context --------------------------------------------------------------

_APOSTROPHE_CLASS = "['\u2019\u2018\u02bc`]"


# Characters that make a kwic pattern a regular expression when ``regex`` is
# not given. The dot is not one of them: "U.S." is a word.
_REGEX_MARKS = re.compile(r"[\\\[\]()*+?{}|^$]")


def _kwic_regex(pattern: str, regex: bool | None, case_sensitive: bool) -> re.Pattern:
    flags = 0 if case_sensitive else re.IGNORECASE
    if not isinstance(pattern, str) or not pattern.strip():
        raise ValueError(f"pattern={pattern!r}; pass a word, a phrase or a regular expression")
    if regex is None:
        regex = bool(_REGEX_MARKS.search(pattern))
    if regex:
        try:
            return re.compile(pattern, flags)
        except re.error as exc:
            raise ValueError(
                f"pattern={pattern!r} is not a valid regular expression ({exc}); fix it, or pass "
                "regex=False to search for the words as written"
            ) from None
    parts = [re.escape(w).replace("'", _APOSTROPHE_CLASS) for w in _kwic_words(pattern)]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", flags)


def _kwic_words(pattern: str) -> list[str]:
    """The whitespace-separated pieces of a kwic pattern, apostrophes made straight."""
    return _straight_apostrophes(pattern).split()


def _kwic_text(text: str, compiled: re.Pattern, window: int) -> list[tuple[str, str, str]]:
    """``(left, match, right)`` for every non-empty match in one text."""
    import bisect

    hits = [m for m in compiled.finditer(text) if m.end() > m.start()]
    if not hits:
        return []
    spans = [m.span() for m in _WORD.finditer(_straight_apostrophes(text))]
    starts = [s for s, _ in spans]
    ends = [e for _, e in spans]
    out = []
    for m in hits:
        k = bisect.bisect_right(ends, m.start())
        left = text[starts[k - window] if k >= window else (starts[0] if k else m.start()) : m.start()]
        j = bisect.bisect_left(starts, m.end())
        last = min(j + window, len(ends)) - 1
        right = text[m.end() : ends[last]] if last >= j else ""
        out.append((" ".join(left.split()), " ".join(m.group().split()), " ".join(right.split())))
    return out


def kwic(data, pattern: str, *, window: int = 7, regex: bool | None = None,
         case_sensitive: bool = False) -> pd.DataFrame:
    """Keyword in context: every use of a word, phrase or pattern, with the words around it.

    Parameters
    ----------
    data : DataFrame or iterable of str
        The corpus (``doc_id`` is taken from it, else numbered from 0).
    pattern : str
        A word or phrase, matched as whole words, any spacing and any
        apostrophe (``"islamic state"``, ``"Trump's"``, ``"U.S."``); or a
        regular expression (``r"syria\\w*"``, ``"mueller|comey"``).
    window : int
        Words shown on each side.
    regex : bool, optional
        Whether ``pattern`` is a regular expression. By default it is when it
        holds one of ``\\ [ ] ( ) * + ? { } | ^ $`` (a dot alone does not
        count); an invalid one raises ``ValueError``.
    case_sensitive : bool
        Match case exactly (by default ``syria`` finds ``Syria``).

    Returns
    -------
    DataFrame
        ``doc_id, left, match, right``: one row per hit, in corpus order,
        whitespace in the context collapsed to single spaces.

    Examples
    --------
    >>> kwic(["Rebels left Abu-Kamal. The army said Abu-Kamal fell on Sunday."], "abu-kamal", window=2)
      doc_id         left      match       right
    0      0  Rebels left  Abu-Kamal  . The army
    1      0    army said  Abu-Kamal     fell on
    """
    window = _check_positive("window", window, allow_zero=True)
    compiled = _kwic_regex(pattern, regex, case_sensitive)
    frame = _corpus_frame(data)
    rows = [
        (doc_id, *hit)
        for doc_id, text in zip(frame[DOC_ID].tolist(), frame["text"].tolist())
        if isinstance(text, str)
        for hit in _kwic_text(text, compiled, window)
    ]
    return pd.DataFrame(rows, columns=KWIC_COLUMNS).astype(object)


# --- names mentioned ---------------------------------------------------------------

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


def _text_mentions(text: str, stop: frozenset) -> list[str]:
    """Capitalised multi-word names in one text, in order of appearance."""
    from analysis import sentences

    text = _straight_apostrophes(text)
    found = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
    common = {w.lower() for w, _, _ in found if w[:1].islower()}
    names: list[str] = []
    if not found:
        return names
    starts = [s for _, s, _ in found]
    import bisect

    for s_start, s_end in sentences.spans(text):
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


def _mentions_chunk(texts: Sequence[str], doc_ids: Sequence[str], stop: frozenset) -> pd.DataFrame:
    """``doc_id, name, count`` for one batch of texts (pure; partial results concatenate)."""
    rows = []
    for doc_id, text in zip(doc_ids, texts):
        if isinstance(text, str) and text:
            for name, n in Counter(_text_mentions(text, stop)).items():
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
        As in :func:`term_frequencies`.

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
    min_count = _check_positive("min_count", min_count)
    frame = _corpus_frame(data)
    stop = _stopword_set("english")
    func = functools.partial(_mentions_chunk, stop=stop)
    work = _parallel.batches(frame["text"].tolist(), frame[DOC_ID].tolist(),
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
    return table[[NAME, COUNT, DOC_COUNT]].reset_index(drop=True)
