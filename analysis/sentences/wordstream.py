"""The word stream of a batch of articles: every word with its article, sentence and quotation.

:class:`WordStream` is the per-batch step shared by
:func:`~analysis.sentences.article_stats` and
:func:`~analysis.sentences.sentence_table`: it depends only on its own texts
(and the splitter's word lists it is given), so it runs alike in this process,
in a worker process or on a Dask partition. Every count then becomes a numpy
reduction over the stream.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis.text.addresses import ADDRESS_PUNCTUATION
from analysis.text.counting import coded_words
from analysis.text.splitter import SplitRules, quotations, spans
from analysis.text.syllable_counts import word_syllables

# A word from analysis.text.words is letters and digits (str.isalnum) plus "_",
# the joiners "'-.," and the punctuation of addresses: dropping those leaves its
# letters and digits, and an ASCII word's letters are what is left without 0-9.
_NOT_ALNUM = "_'-.,\u00b0" + ADDRESS_PUNCTUATION
_DROP_JOINERS = str.maketrans("", "", _NOT_ALNUM)
_DROP_JOINERS_DIGITS = str.maketrans("", "", _NOT_ALNUM + "0123456789")
_WORD_INFO: dict[str, tuple] = {}  # word as written -> its properties (see _word_infos)
_WORD_INFO_MAX = 1_000_000


def _word_infos(words: list[str]) -> list[tuple]:
    """Everything counted about each word, computed once and cached: lowercase form,
    syllables, in the CMU dictionary, stop word, complex (first / later in a sentence),
    letters and digits, letters.

    Built column by column: ``map`` over C methods, and one lookup of the
    whole batch in the syllable table (:func:`analysis.text.syllable_counts.word_syllables`).
    """
    lowers = list(map(str.lower, words))
    index: dict[str, int] = {}
    codes = np.fromiter((index.setdefault(w, len(index)) for w in lowers), dtype=np.int64, count=len(lowers))
    syl_u, known_u, complex_u = word_syllables(list(index))
    syl = syl_u[codes].tolist()
    known = known_u[codes].tolist()
    complex_first = complex_u[codes]
    # Gunning's proper nouns: a capitalised word is complex only first in its sentence.
    capital = np.fromiter(map(str.isupper, (w[:1] for w in words)), dtype=bool, count=len(words))
    complex_later = (complex_first & ~capital).tolist()
    stop = list(map(ENGLISH_STOP_WORDS.__contains__, lowers))
    word_chars = [len(w) if ok else len(w.translate(_DROP_JOINERS))
                  for w, ok in zip(words, map(str.isalnum, words))]
    letters = [len(w) if alpha else len(w.translate(_DROP_JOINERS_DIGITS)) if ascii
               else sum(ch.isalpha() for ch in w)
               for w, alpha, ascii in zip(words, map(str.isalpha, words), map(str.isascii, words))]
    infos = list(zip(lowers, syl, known, stop, complex_first.tolist(), complex_later, word_chars, letters))
    if len(_WORD_INFO) < _WORD_INFO_MAX:
        _WORD_INFO.update(zip(words, infos))
    return infos


# Markers inserted between sentences, articles and around quotations, so that a
# whole batch of articles goes through the word rules in one call and every count
# becomes a numpy reduction. A batch picks a marker stem that none of its
# texts contains.
_MARKER_STEMS = ("zqxj", "qjzx", "xzqj", "jqxz")


def _marker_stem(texts: list[str]) -> str:
    for stem in _MARKER_STEMS:
        if not any(stem in t for t in texts):
            return stem
    stem = "zq" + "x" * 12  # texts built to contain every stem above: use a longer one
    while any(stem in t for t in texts):
        stem += "x"
    return stem


def sums_by_run(values: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Sums of consecutive runs of ``values`` ending at ``ends`` (one cumulative sum, no weights)."""
    cs = np.zeros(len(values) + 1, dtype=np.int64)
    np.cumsum(values, out=cs[1:])
    edges = np.concatenate(([0], ends))
    return cs[edges[1:]] - cs[edges[:-1]]


class WordStream:
    """Words of a batch of articles with their article, sentence and quotation membership.

    The per-partition step shared by :func:`article_stats` and
    :func:`sentence_table`: it depends only on its own texts.
    """

    def __init__(self, texts: list[str], rules: SplitRules, *, with_spans: bool = False):
        stem = _marker_stem(texts)
        doc, sent, qopen, qclose = (f" {stem}{k} " for k in "dsoc")
        pieces: list[str] = []
        self.spans: list[list[tuple[int, int]]] = []
        n_sent = []
        for text in texts:
            sp = spans(text, rules)
            if with_spans:
                self.spans.append(sp)
            n_sent.append(len(sp))
            pieces.append(doc)
            quotes = (quotations(text) if '"' in text or "\u201c" in text or "\u00ab" in text
                      or "\u201e" in text else None)
            if not quotes:
                # Only whitespace lies between sentences, so it can be dropped.
                pieces.extend([sent + text[start:end] for start, end in sp])
                continue
            events = [(start, 1, sent) for start, _ in sp]
            for start, end in quotes:
                events.append((start, 2, qopen))
                events.append((end, 0, qclose))
            events.sort()
            prev = 0
            for offset, _, marker in events:
                pieces.append(text[prev:offset])
                pieces.append(marker)
                prev = offset
            pieces.append(text[prev:])
        # The four markers lead the stream, so their codes are its first four.
        codes, uniques = coded_words(doc + sent + qopen + qclose + "".join(pieces))
        marker = codes[:4]
        codes = codes[4:]

        def marks(kind: str) -> np.ndarray:
            return codes == marker["dsoc".index(kind)]

        is_doc, is_sent, is_open, is_close = (marks(k) for k in "dsoc")
        is_word = ~(is_doc | is_sent | is_open | is_close)
        self.n_articles = len(texts)
        self.n_sentences_raw = np.asarray(n_sent, dtype=np.int64)
        self.sentence_article = np.repeat(np.arange(len(texts)), self.n_sentences_raw)
        position = np.flatnonzero(is_word)
        self.article = (np.cumsum(is_doc) - 1)[position]
        self.sentence = (np.cumsum(is_sent) - 1)[position]
        self.in_quote = (np.cumsum(is_open) - np.cumsum(is_close))[position] > 0
        self.first = np.ones(len(position), dtype=bool)
        self.first[1:] = self.sentence[1:] != self.sentence[:-1]
        self.codes = codes[position]
        self.uniques = uniques
        self.n_chars = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
        # Words are in stream order, so each article's words are one run.
        self.article_ends = np.cumsum(np.bincount(self.article, minlength=len(texts)))
        self._types()

    def _types(self) -> None:
        """Properties of each distinct word, from a cache shared by all batches."""
        get = _WORD_INFO.get
        info = list(map(get, self.uniques))
        if None in info:
            missing = [u for u, i in zip(self.uniques, info) if i is None]
            found = dict(zip(missing, _word_infos(missing)))
            info = [i if i is not None else found[u] for u, i in zip(self.uniques, info)]
        if info:
            lower_words, syl, known, stop, complex_first, complex_later, word_chars, letters = zip(*info)
        else:
            lower_words = syl = known = stop = complex_first = complex_later = word_chars = letters = ()
        lower, lower_uniques = pd.factorize(np.array(lower_words, dtype=object)) if info else (
            np.zeros(0, dtype=np.int64), np.array([], dtype=object))
        self.n_lower = len(lower_uniques)
        self.lower = lower[self.codes] if len(self.codes) else np.zeros(0, dtype=np.int64)
        self.syl_u = np.array(syl, dtype=np.int64)
        self.known_u = np.array(known, dtype=bool)
        self.stop_u = np.array(stop, dtype=bool)
        self.complex_first = np.array(complex_first, dtype=bool)
        self.complex_later = np.array(complex_later, dtype=bool)
        self.word_chars_u = np.array(word_chars, dtype=np.int64)
        self.letters_u = np.array(letters, dtype=np.int64)

    def per_article(self, values=None) -> np.ndarray:
        """Sum of ``values`` (default: 1 per word) over each article's words."""
        if values is None:
            return np.bincount(self.article, minlength=self.n_articles)
        return sums_by_run(values, self.article_ends)

    def per_sentence(self, values=None) -> np.ndarray:
        """Sum of ``values`` (default: 1 per word) over each sentence's words."""
        n = int(self.n_sentences_raw.sum())
        if values is None:
            return np.bincount(self.sentence, minlength=n)
        return sums_by_run(values, np.cumsum(np.bincount(self.sentence, minlength=n)))

    def syllables(self) -> np.ndarray:
        return self.syl_u[self.codes]

    def complex(self) -> np.ndarray:
        return np.where(self.first, self.complex_first[self.codes], self.complex_later[self.codes])

    def occurrences(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Previous and next occurrence of each word (lowercase) inside its article, and article bounds.

        ``prev`` is -1 and ``nxt`` the stream length where there is none.
        """
        n = len(self.codes)
        # A stable sort by word keeps stream order within each word; numpy
        # radix-sorts 16-bit keys, the usual size of a batch's vocabulary.
        key = self.lower.astype(np.uint16) if self.n_lower < 2**16 else self.lower
        order = np.argsort(key, kind="stable")
        sorted_key, sorted_article = key[order], self.article[order]
        same = (sorted_key[1:] == sorted_key[:-1]) & (sorted_article[1:] == sorted_article[:-1])
        later, earlier = order[1:][same], order[:-1][same]
        prev = np.full(n, -1, dtype=np.int64)
        nxt = np.full(n, n, dtype=np.int64)
        prev[later] = earlier
        nxt[earlier] = later
        ends = self.article_ends
        return prev, nxt, np.concatenate(([0], ends))[:-1], ends
