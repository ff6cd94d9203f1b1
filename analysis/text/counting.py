"""The fast batch counter: a batch of texts to token occurrences, without a regex over the whole text.

Each text is normalised, encoded to UTF-8, and every ASCII byte that can never
be part of a token becomes a space (``bytes.translate`` runs at memory speed);
Arrow then splits at whitespace and hash-encodes the pieces in C++. Only the
*distinct* pieces (the vocabulary, a small fraction of the tokens) go through
the word rules of :mod:`analysis.text.tokens` in Python, memoised across
batches. Because every byte turned into a space is a non-word character that no
token pattern of the fast path can match, tokenising piece by piece gives
exactly the tokens of tokenising the whole text.

- :func:`unigram_pairs` -- token occurrences of a batch as ``(text, term)`` arrays;
- :func:`count_matrix` -- :func:`~analysis.text.tokens.tokenize`'s terms counted per text (sparse);
- :func:`coded_words` -- :func:`~analysis.text.tokens.words` of one long text as integer codes;
- :func:`sentence_terms` -- every term of a batch in order, with its text and sentence (for n-grams).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from analysis.text.addresses import ADDRESS_PUNCTUATION
from analysis.text.splitter import SplitRules, batch_sentence_ends
from analysis.text.tokens import (
    SKLEARN_TOKEN_PATTERN,
    WORD_PATTERN,
    filtered_terms,
    keep_term,
    normalise,
    stop_words,
    straight_apostrophes,
)

# Characters the news rules can match besides word characters: the joiners of
# words and numbers, and the punctuation of addresses (e-mail, URLs, handles).
# Every character a look-behind or look-ahead of the rules tests is among them,
# so a byte made a space looks to the rules exactly like the space around a piece.
_RULES_KEEP = frozenset(b"'-.,") | frozenset(ADDRESS_PUNCTUATION.encode("ascii"))
# Patterns whose tokens are word characters only (and that test only word
# boundaries), so splitting at any ASCII non-word character is safe.
_WORD_ONLY_PATTERNS = frozenset(
    {SKLEARN_TOKEN_PATTERN, r"\b\w\w+\b", r"(?u)\b\w+\b", r"\b\w+\b", r"\w+", r"(?u)\w+"}
)


def _separator_table(keep: frozenset) -> bytes:
    word = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
    return bytes(c if (c >= 128 or c in word or c in keep) else 32 for c in range(256))


#: Byte table of the news rules: every ASCII byte a term cannot hold becomes a space.
TABLE_RULES = _separator_table(_RULES_KEEP)
_TABLE_WORDS = _separator_table(frozenset())
# words() reads a backtick as an apostrophe, so it cannot be a cut there.
_TABLE_CASED = _separator_table(_RULES_KEEP | frozenset(b"`"))


class PieceMemo(dict):
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
            found = [text] if keep_term(text, self.stop, self.keep_numbers, True) else []
        else:
            found = filtered_terms(text, self.pattern, self.stop, self.keep_numbers)
        value = found[0] if len(found) == 1 else (tuple(found) if found else "")
        self[piece] = value
        return value


# One memo per configuration; lives as long as the process (a pool worker
# keeps it across batches). The key holds the whole configuration, stop words
# included, so a changed setting never meets an old memo.
_PIECE_MEMOS: dict[tuple, PieceMemo] = {}
_PIECE_MEMO_LIMIT = 2_000_000


def piece_memo(pattern: re.Pattern | None, stop: frozenset, keep_numbers: bool) -> PieceMemo:
    """The memo of one tokeniser configuration (made on first use, renewed when it grows too large)."""
    key = (None if pattern is None else pattern.pattern, stop, keep_numbers)
    memo = _PIECE_MEMOS.get(key)
    if memo is None or len(memo) > _PIECE_MEMO_LIMIT:
        memo = _PIECE_MEMOS[key] = PieceMemo(pattern, stop, keep_numbers)
    return memo


def fast_table(token_pattern: str | None) -> bytes | None:
    """The separator table for ``token_pattern``, or None when the fast path cannot serve it."""
    if token_pattern is None:
        return TABLE_RULES
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


def as_text(value) -> str:
    """``value`` when it is a string, else ``""`` (a missing text counts as empty)."""
    return value if isinstance(value, str) else ""


def pieces(parts: list[bytes]) -> tuple[np.ndarray, np.ndarray, list[bytes]]:
    """Split each byte string at ASCII whitespace, in C++ (Arrow).

    Returns the number of pieces of each string, every piece as an id in
    order, and the distinct pieces (the ids index them).
    """
    import pyarrow as pa

    per_part, piece_ids, distinct = _split(parts)
    return per_part, piece_ids.astype(np.int64), distinct.cast(pa.large_binary()).to_pylist()


def _split(parts: list[bytes]):
    """:func:`pieces`, the ids as Arrow makes them (int32), the distinct pieces an Arrow large_string array."""
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(parts)
    lengths = np.fromiter(map(len, parts), dtype=np.int64, count=n)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    # No UTF-8 validation: the bytes come from str.encode, and only ASCII
    # bytes were replaced.
    arr = pa.LargeStringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(b"".join(parts)))
    split = pc.ascii_split_whitespace(arr)
    encoded = pc.dictionary_encode(split.flatten())
    return (np.diff(split.offsets.to_numpy()), encoded.indices.to_numpy(zero_copy_only=False),
            encoded.dictionary)


def bool_numpy(array) -> np.ndarray:
    """A boolean Arrow array without nulls as a numpy array, its bits unpacked in numpy.

    Arrow's own conversion (``to_numpy(zero_copy_only=False)``) takes 0.5 ms
    or more on its first call in a process.

    Examples
    --------
    >>> import pyarrow as pa
    >>> bool_numpy(pa.array([True, False, True]).slice(1)).tolist()
    [False, True]
    """
    if array.null_count:
        return array.to_numpy(zero_copy_only=False)
    bits = np.frombuffer(array.buffers()[1], dtype=np.uint8) if len(array) else np.zeros(0, dtype=np.uint8)
    return np.unpackbits(bits, count=array.offset + len(array), bitorder="little")[array.offset :].view(bool)


def _factorize(values: list) -> tuple[np.ndarray, list]:
    """Codes of hashable ``values`` into their distinct values, in order of first appearance."""
    index: dict = {}
    codes = np.fromiter((index.setdefault(v, len(index)) for v in values), dtype=np.int64, count=len(values))
    return codes, list(index)


def unigram_pairs(texts: Sequence[str], table: bytes, memo: PieceMemo):
    """Token occurrences of a batch as parallel arrays ``(text index, term id)``, and the terms.

    ``table`` is :func:`fast_table`'s byte table and ``memo`` the
    configuration's :func:`piece_memo`; missing texts count as empty.
    """
    n = len(texts)
    parts = [_separate(normalise(as_text(t))).encode("utf-8", "surrogatepass").translate(table) for t in texts]
    per_doc, piece_ids, vocabulary = pieces(parts)

    codes, uniques = _factorize(list(map(memo.__getitem__, vocabulary)))
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


# The word rules, plus the character that separates pieces in coded_words
# (a piece never holds it: the separator table makes it a space; not "\x00",
# which numpy drops from the end of a string).
_WORD_OR_CUT = re.compile(WORD_PATTERN + "|\x01")
# A piece that is one word under the rules, without running them (RE2 syntax, for Arrow): ASCII
# letters and digits, joined by single apostrophes or hyphens, then at most one character that
# neither extends the word nor starts another or an address ("said,", "said:", "55%", "Jones'").
_PLAIN_PIECE = r"^[0-9A-Za-z]+(?:['\-][0-9A-Za-z]+)*[.,:%?']?$"
_PLAIN_END = ".,:%?'"


def _piece_words(vocabulary):
    """The words of distinct pieces (bytes, or an Arrow large_string array), in order, and the piece of each.

    The words are an Arrow large_string array; the pieces are counted from 0.
    """
    import pyarrow as pa

    # One regex pass over the distinct pieces, cut apart by "\x01": each
    # piece's words follow the cut before it. Apostrophes are straightened
    # here, in the pieces, rather than in the whole text.
    joined = b"\x01".join([b""] + vocabulary) if isinstance(vocabulary, list) else _cut_apart(vocabulary)
    found = pa.array(_WORD_OR_CUT.findall(straight_apostrophes(joined.decode("utf-8", "surrogatepass"))),
                     type=pa.large_string())
    # The cuts are the one-byte matches "\x01" (read off the array's buffers).
    offsets = np.frombuffer(found.buffers()[1], dtype=np.int64)[: len(found) + 1]
    data = np.frombuffer(found.buffers()[2], dtype=np.uint8) if len(found) else np.zeros(1, dtype=np.uint8)
    cut = (np.diff(offsets) == 1) & (data[np.minimum(offsets[:-1], len(data) - 1)] == 1)
    word = ~cut
    return found.filter(pa.array(word)), np.cumsum(cut)[word] - 1


def _cut_apart(strings) -> bytes:
    """``b"\x01".join([b""] + values)`` of an Arrow large_string array, made from its buffers.

    The values stay bytes (a text encoded with surrogates is no valid UTF-8
    for Arrow to decode), and no Arrow cast is needed (the first one of a
    process sets Arrow's casts up, a millisecond or two).
    """
    offsets = np.frombuffer(strings.buffers()[1], dtype=np.int64)[strings.offset : strings.offset + len(strings) + 1]
    if not len(strings):
        return b""
    data = np.frombuffer(strings.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
    out = np.ones(len(data) + len(strings), dtype=np.uint8)  # every byte "\x01" but the values'
    # Each byte of value i lands after the i + 1 cuts before it.
    out[np.arange(len(data)) + np.repeat(np.arange(1, len(strings) + 1), np.diff(offsets))] = data
    return out.tobytes()


def coded_words(text: str) -> tuple[np.ndarray, list[str]]:
    """``words(text)`` as codes into its distinct words: ``(codes, uniques)``.

    The same words in the same order as :func:`~analysis.text.tokens.words`,
    about three times faster on long text. A word never spans whitespace or an
    ASCII character the news rules cannot match, so the text is cut there
    first (in C), and the rules run once over the distinct pieces, not over
    every occurrence. ``uniques`` are in order of first appearance.

    Examples
    --------
    >>> codes, uniques = coded_words("The cat saw the cat.")
    >>> [uniques[c] for c in codes]
    ['The', 'cat', 'saw', 'the', 'cat']
    """
    codes, uniques = coded_words_arrow(text)
    return codes, uniques.to_pylist()


def coded_words_arrow(text: str | list[str]):
    """:func:`coded_words` with its ``uniques`` as the Arrow large_string array they were read from.

    For a caller that works on the distinct words in Arrow: it need not
    convert them to Python strings and back. ``text`` may be a list of
    strings, the text in parts: each is encoded to UTF-8 apart, so the
    whole text is never one string (which takes two or four bytes a
    character for all of it as soon as one character needs them).

    Examples
    --------
    >>> codes, uniques = coded_words_arrow("The cat saw the cat.")
    >>> codes.tolist(), uniques.to_pylist()
    ([0, 1, 2, 3, 1], ['The', 'cat', 'saw', 'the'])
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    parts = [text] if isinstance(text, str) else text
    encoded = b"".join([part.encode("utf-8", "surrogatepass") for part in parts])
    _, piece_ids, vocabulary = _split([encoded.translate(_TABLE_CASED)])
    if not len(vocabulary):
        return np.zeros(0, dtype=np.int64), pa.array([], type=pa.large_string())
    # A piece of ASCII letters and digits (most of them) is one word, itself
    # (as PieceMemo has it), and so is one joined by apostrophes or hyphens
    # ("didn't", "seven-year-old": the rules' joined word, as every address
    # holds a dot, @, #, :// or °, which such a piece lacks), and either
    # followed by a single full stop, comma, colon, percent sign, question
    # mark or apostrophe, without it: the rules match the run, and that
    # character with nothing after it neither extends it nor starts a word.
    # Only the other pieces go through the regex.
    plain = bool_numpy(pc.match_substring_regex(vocabulary, _PLAIN_PIECE))
    rest = np.flatnonzero(~plain)
    found, piece_of_found = _piece_words(vocabulary.take(rest))
    rest_sizes = np.bincount(piece_of_found, minlength=len(rest))
    sizes = np.ones(len(vocabulary), dtype=np.int64)
    sizes[rest] = rest_sizes
    first = np.cumsum(sizes) - sizes
    # Every word in the order of its piece (the order of first appearance),
    # so that the distinct words come out in that order too: the plain
    # pieces' words, then the others', each moved to its place.
    n_plain = len(vocabulary) - len(rest)
    within = np.arange(len(found)) - (np.cumsum(rest_sizes) - rest_sizes)[piece_of_found]
    at = np.empty(n_plain + len(found), dtype=np.int64)
    at[first[plain]] = np.arange(n_plain)
    at[first[rest][piece_of_found] + within] = np.arange(n_plain, n_plain + len(found))
    words = pa.concat_arrays([pc.ascii_rtrim(vocabulary.filter(pa.array(plain)), characters=_PLAIN_END),
                              found]).take(pa.array(at))
    encoded = words.dictionary_encode()
    word_codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    single = sizes == 1
    piece_code = np.full(len(vocabulary), -1, dtype=np.int64)
    piece_code[single] = word_codes[first[single]]
    codes = piece_code[piece_ids]
    if single.all():
        return codes, encoded.dictionary
    # Pieces with no word ("--") or several ("U.S.-led", "word/word") are
    # rare: only their occurrences are replaced by their runs of words.
    odd = np.flatnonzero(~single[piece_ids])
    n_words = sizes[piece_ids[odd]]
    run_start = np.cumsum(n_words) - n_words
    within = np.arange(int(n_words.sum())) - np.repeat(run_start, n_words)
    spliced = word_codes[np.repeat(first[piece_ids[odd]], n_words) + within]
    # Each inserted word goes where its piece was, after the pieces kept before it.
    where = np.repeat(odd - np.arange(len(odd)), n_words)
    return np.insert(np.delete(codes, odd), where, spliced), encoded.dictionary


def word_counts(texts: Sequence[str]) -> np.ndarray:
    """``len(words(text))`` for every text, without making the words.

    What :func:`coded_words` does for one text, for many at once: the texts
    are cut into pieces in C and the word rules run once over the distinct
    pieces; a text's count is the sum of its pieces' word counts.

    Examples
    --------
    >>> word_counts(["The U.S.-led talks didn't end.", "", "Rain -- then sun"]).tolist()
    [6, 0, 3]
    """
    n_pieces, piece_ids, vocabulary = pieces(
        [as_text(t).encode("utf-8", "surrogatepass").translate(_TABLE_CASED) for t in texts])
    if not vocabulary:
        return np.zeros(len(texts), dtype=np.int64)
    words_per_piece = np.bincount(_piece_words(vocabulary)[1], minlength=len(vocabulary))
    text_of_piece = np.repeat(np.arange(len(texts)), n_pieces)
    return np.bincount(text_of_piece, weights=words_per_piece[piece_ids], minlength=len(texts)).astype(np.int64)


def count_matrix(texts: Sequence[str], vocabulary: Sequence[str] | None = None, *,
                 stopwords="english"):
    """:func:`~analysis.text.tokens.tokenize`'s terms counted per text: ``(counts, terms)``.

    ``counts`` is a CSR matrix of int64, one row per text and one column per
    term of ``terms`` (sorted), indices sorted: the matrix of scikit-learn's
    ``CountVectorizer(analyzer=tokenize)``, built by the fast path. With
    ``vocabulary`` (sorted terms), its columns are those terms and other
    terms are not counted.

    Examples
    --------
    >>> counts, terms = count_matrix(["Putin met Assad", "Assad's talks"])
    >>> terms, counts.toarray().tolist()
    (['assad', 'met', 'putin', 'talks'], [[1, 1, 1, 0], [1, 0, 0, 1]])
    """
    import scipy.sparse as sp

    texts = list(texts)
    docs, term_ids, found = unigram_pairs(texts, TABLE_RULES, piece_memo(None, stop_words(stopwords), False))
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


# Marker words put between sentences and texts so that a whole batch goes
# through the word rules in one call; a batch picks a stem none of its texts
# contains.
_MARKER_STEMS = ("zqxj", "qjzx", "xzqj", "jqxz")


def marker_stem(texts: Sequence[str]) -> str:
    """A run of lowercase letters that occurs in none of ``texts``: the stem of marker words."""
    for stem in _MARKER_STEMS:
        if not any(stem in t for t in texts):
            return stem
    stem = "zq" + "x" * 12  # texts built to contain every stem above: use a longer one
    while any(stem in t for t in texts):
        stem += "x"
    return stem


def sentence_terms(texts: Sequence[str], rules: SplitRules) -> tuple[np.ndarray, list[str], np.ndarray, np.ndarray]:
    """Every raw term of a batch in order: ``(term ids, terms, text of each, sentence of each)``.

    A raw term is what :func:`~analysis.text.tokens.tokenize` sees before
    its filters: the lowercase word with a possessive ``'s`` removed; stop
    words, numbers and single characters are kept, so that they separate the
    words around them. Sentences are :func:`~analysis.text.splitter.spans`
    with ``rules``, numbered through the batch (so two terms are in the same
    sentence exactly when their sentence numbers are equal); missing texts
    count as empty. The same terms as cutting each sentence with the word
    rules, at the speed of :func:`coded_words`.

    Examples
    --------
    >>> from analysis.text.splitter import split_rules
    >>> ids, terms, text, sentence = sentence_terms(["Putin's visit. The visit ended.", "No."], split_rules())
    >>> [terms[i] for i in ids], text.tolist(), sentence.tolist()
    (['putin', 'visit', 'the', 'visit', 'ended', 'no'], [0, 0, 0, 0, 0, 1], [0, 0, 1, 1, 1, 2])
    """
    texts = [as_text(t) for t in texts]
    joined = []
    for text, ends in zip(texts, batch_sentence_ends(texts, rules)):
        # The stretches between sentence ends hold the words of the splitter's
        # spans (and the whitespace between them); one of whitespace alone is
        # no sentence, so that sentences are numbered as the spans are.
        parts = [text[s:e] for s, e in zip([0, *ends[:-1]], ends)]
        if "\x02" in text or "\x01" in text:
            # The separators below never belong to a word: a text's own are made spaces.
            parts = [part.replace("\x01", " ").replace("\x02", " ") for part in parts]
        joined.append("\x01".join([part for part in parts if not part.isspace()]))
    stream = normalise("\x02".join(joined))
    stem = marker_stem([stream])
    sentence_mark, text_mark = f" {stem}s ", f" {stem}t "
    stream = stream.replace("\x01", sentence_mark).replace("\x02", text_mark)
    # The two markers lead the stream, so their codes are its first two.
    codes, words = coded_words(sentence_mark + text_mark + stream)
    marks = codes[:2]
    codes = codes[2:]
    is_text_mark = codes == marks[1]
    boundary = is_text_mark | (codes == marks[0])
    keep = ~boundary
    text_of = np.cumsum(is_text_mark)[keep]
    sentence_of = np.cumsum(boundary)[keep]
    # A possessive is cut from each distinct word, and words that become the
    # same term ("Putin", "putin", "Putin's") share its id.
    index: dict[str, int] = {}
    word_term = np.fromiter((index.setdefault(w[:-2] if w.endswith("'s") else w, len(index)) for w in words),
                            dtype=np.int64, count=len(words))
    return word_term[codes[keep]], list(index), text_of, sentence_of

