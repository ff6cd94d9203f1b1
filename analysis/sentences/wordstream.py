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

from analysis.text.counting import coded_words_arrow, marker_stem
from analysis.text.splitter import SplitRules, batch_sentence_ends, quotations, spans
from analysis.text.syllable_counts import word_properties
from analysis.text.tokens import english_stop_words


class _WordTable:
    """What is counted about each distinct word, computed once per process and kept as columns.

    ``ids`` maps a word as written to its row, and ``lower_ids`` a lowercase
    form to its number; the first batch's words are rows 0, 1, ... and its
    forms numbers 0, 1, ..., put in the dictionaries only when a later batch
    needs them (a process that reads one batch never does). Columns (numpy,
    one value per row): ``lower`` (the lowercase form's number),
    ``syllables``, ``known`` (in the CMU dictionary), ``stop``,
    ``complex_first`` / ``complex_later`` (Gunning's complex word, first in
    its sentence / later: a capitalised word later in a sentence is a proper
    noun), ``word_chars`` (letters and digits), ``letters``. A batch looks
    its distinct words up in one pass and computes only the new ones, a
    batch of them at once.
    """

    LIMIT = 1_000_000  # rows kept before the table starts afresh

    DTYPES = {"lower": np.int64, "syllables": np.int64, "known": bool, "stop": bool, "complex_first": bool,
              "complex_later": bool, "word_chars": np.int64, "letters": np.int64}

    def __init__(self):
        self.ids: dict[str, int] = {}
        self.lower_ids: dict[str, int] = {}
        self._unlisted = None  # the words of rows 0, 1, ... (an Arrow array) not yet in ids
        self._unnumbered = None  # the lowercase forms numbered 0, 1, ... but not yet in lower_ids
        self.columns = {name: np.zeros(0, dtype=dtype) for name, dtype in self.DTYPES.items()}

    def rows(self, words) -> np.ndarray:
        """The rows of distinct ``words`` (a list, or an Arrow string array), adding the words not seen yet."""
        import pyarrow as pa

        if not self.ids and self._unlisted is None and len(words):
            # The first batch of the process: every word is new, in order.
            self._unlisted = words if isinstance(words, pa.Array) else pa.array(words, type=pa.string())
            self._add(self._unlisted)
            return np.arange(len(words), dtype=np.int64)
        ids = self._ids()
        if isinstance(words, pa.Array):
            words = words.to_pylist()
        rows = list(map(ids.get, words))
        if None in rows:
            new = list(dict.fromkeys(w for w, r in zip(words, rows) if r is None))
            if len(ids) + len(new) > self.LIMIT:
                # Starting afresh forgets the batch's known words too: all of them are new again.
                self.__init__()
                new = list(dict.fromkeys(words))
            first = len(self.ids)
            self._add(pa.array(new, type=pa.string()), new)
            self.ids.update(zip(new, range(first, first + len(new))))
            rows = list(map(self.ids.__getitem__, words))
        return np.fromiter(rows, dtype=np.int64, count=len(rows))

    def _ids(self) -> dict[str, int]:
        """``ids``, with the first batch's words put in first if they are not yet."""
        if self._unlisted is not None:
            self.ids.update(zip(self._unlisted.to_pylist(), range(len(self._unlisted))))
            self._unlisted = None
        return self.ids

    def _lower_ids(self) -> dict[str, int]:
        """``lower_ids``, with the first batch's forms put in first if they are not yet."""
        if self._unnumbered is not None:
            self.lower_ids.update(zip(self._unnumbered.to_pylist(), range(len(self._unnumbered))))
            self._unnumbered = None
        return self.lower_ids

    def _add(self, arr, words: list[str] | None = None) -> None:
        """Compute the columns of new distinct words ``arr`` (an Arrow string array; ``words``: the same as a
        list, when the caller has it)."""
        import pyarrow as pa
        import pyarrow.compute as pc

        lower_arr = pc.ascii_lower(arr)
        wide = pa.types.is_large_string(arr.type)
        offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64 if wide else np.int32)[
            arr.offset : arr.offset + len(arr) + 1]
        data = np.frombuffer(arr.buffers()[2], dtype=np.uint8)
        # ASCII words (nearly all) are measured on their bytes, in numpy and
        # Arrow; the others (a byte past 127 in UTF-8) in Python, whose
        # str.lower and str.isalpha they must match exactly.
        other = np.flatnonzero(_sums_per_word(data >= 128, offsets)).tolist()
        folded = data | 0x20  # A-Z onto a-z; no other byte lands there
        is_letter = (folded >= ord("a")) & (folded <= ord("z"))
        is_alnum = is_letter | ((data >= ord("0")) & (data <= ord("9")))
        letters, word_chars = _sums_per_word(is_letter, offsets), _sums_per_word(is_alnum, offsets)
        first_byte = data[offsets[:-1]]
        capital = (first_byte >= ord("A")) & (first_byte <= ord("Z"))
        if other:
            words = arr.to_pylist() if words is None else words
            lowers = lower_arr.to_pylist()
            for i in other:
                w = words[i]
                lowers[i] = w.lower()
                capital[i] = w[:1].isupper()
                word_chars[i] = sum(ch.isalnum() for ch in w)
                letters[i] = sum(ch.isalpha() for ch in w)
            lower_arr = pa.array(lowers, type=pa.string())
        encoded = lower_arr.dictionary_encode()
        codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
        distinct = encoded.dictionary
        syl, known, complex_, stop = (a[codes] for a in word_properties(distinct, english_stop_words()))
        if self.lower_ids or self._unnumbered is not None:
            lower_ids = self._lower_ids()
            distinct_ids = np.fromiter((lower_ids.setdefault(w, len(lower_ids)) for w in distinct.to_pylist()),
                                       dtype=np.int64, count=len(distinct))
        else:
            # The first batch's forms are numbered in order; the dictionary of
            # them is made when a later batch brings new forms to number.
            distinct_ids = np.arange(len(distinct), dtype=np.int64)
            self._unnumbered = distinct
        added = {"lower": distinct_ids[codes], "syllables": syl, "known": known, "stop": stop,
                 # Gunning's proper nouns: a capitalised word is complex only first in its sentence.
                 "complex_first": complex_, "complex_later": complex_ & ~capital,
                 "word_chars": word_chars, "letters": letters}
        for name, values in added.items():
            self.columns[name] = np.concatenate([self.columns[name], values.astype(self.DTYPES[name])])


def _sums_per_word(mask: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Sums of ``mask`` over each word's bytes, ``offsets`` bounding the words."""
    if len(mask) and np.diff(offsets).all():
        # Each word's bytes summed in place: no running sum over all of them.
        # In 32 bits (no word comes near 2**31 bytes): numpy casts the whole
        # mask to the sum's type first, and int32 is half of int64.
        return np.add.reduceat(mask, offsets[:-1], dtype=np.int32).astype(np.int64)
    return np.diff(np.concatenate(([0], np.cumsum(mask)))[offsets])  # an empty word (words() makes none) sums to 0


_WORDS = _WordTable()


# Markers are put between sentences, articles and around quotations, so that a
# whole batch of articles goes through the word rules in one call and every
# count becomes a numpy reduction.


def sums_by_run(values: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Sums of consecutive runs of ``values`` ending at ``ends`` (the last end is ``len(values)``).

    One pass of ``np.add.reduceat`` over the runs that hold values; an empty
    run sums to 0.
    """
    starts = np.concatenate(([0], ends[:-1]))
    out = np.zeros(len(ends), dtype=np.int64)
    filled = ends > starts
    if filled.any():
        # numpy casts the whole array to the sum's type first: booleans, which
        # sum to at most their count, are summed in 32 bits (half the copy,
        # a quarter of the time).
        wide = values.dtype != bool or len(values) >= 2**31
        out[filled] = np.add.reduceat(values, starts[filled], dtype=np.int64 if wide else np.int32)
    return out


class WordStream:
    """Words of a batch of articles with their article, sentence and quotation membership.

    The per-partition step shared by :func:`article_stats` and
    :func:`sentence_table`: it depends only on its own texts. Its sentences
    are the splitter's spans ``with_spans``, else the stretches between
    :func:`~analysis.text.splitter.batch_sentence_ends` (the same words; a stretch
    of whitespace alone is one more sentence, without words).
    """

    def __init__(self, texts: list[str], rules: SplitRules, *, with_spans: bool = False):
        stem = marker_stem(texts)
        doc, sent, qopen, qclose = (f" {stem}{k} " for k in "dsoc")
        # The four markers lead the stream, so their codes are its first four.
        pieces: list[str] = [doc + sent + qopen + qclose]
        self.spans: list[list[tuple[int, int]]] = []
        n_sent = []
        batch_ends = None if with_spans else batch_sentence_ends(texts, rules)
        for k, text in enumerate(texts):
            if with_spans:
                sp = spans(text, rules)
                self.spans.append(sp)
            else:
                # Each sentence with the whitespace around it, as cut: the same
                # words, without trimming. A stretch of whitespace alone counts
                # as a sentence without words, which no count of an article reads.
                ends = batch_ends[k]
                sp = list(zip([0, *ends[:-1]], ends))
            n_sent.append(len(sp))
            pieces.append(doc)
            quotes = (quotations(text) if '"' in text or "\u201c" in text or "\u00ab" in text
                      or "\u201e" in text else None)
            if not quotes:
                # Only whitespace lies between sentences, so it can be dropped.
                # One string per article: the markers joined in, not prepended sentence by sentence.
                if sp:
                    pieces.append(sent + sent.join([text[start:end] for start, end in sp]))
                continue
            events = [(start, 1, sent) for start, _ in sp]
            for start, end in quotes:
                events.append((start, 2, qopen))
                events.append((end, 0, qclose))
            events.sort()
            prev = 0
            parts = []
            for offset, _, marker in events:
                parts.append(text[prev:offset])
                parts.append(marker)
                prev = offset
            parts.append(text[prev:])
            pieces.append("".join(parts))
        codes, unique_array = coded_words_arrow(pieces)
        # Codes number the words in order of first appearance: the four
        # markers, which lead the stream, are 0 (article), 1 (sentence), 2
        # and 3 (quotation opens, closes), and every other word is 4 or more.
        codes = codes[4:]
        # The markers cut the words into runs: each run lies in the article,
        # sentence and quotation depth the markers before it leave, so every
        # word's membership is its run's, repeated (no per-word running sums).
        at = np.flatnonzero(codes < 4)
        kind = codes[at]
        words_before = at - np.arange(len(at))
        n_words = len(codes) - len(at)
        run_lengths = np.diff(np.concatenate(([0], words_before, [n_words])))
        is_doc = kind == 0

        def after_each(values: np.ndarray) -> np.ndarray:
            """A running count over the markers: its value in each run (before the first marker: 0), per run."""
            return np.concatenate(([0], np.cumsum(values)))

        self.n_articles = len(texts)
        self.n_sentences_raw = np.asarray(n_sent, dtype=np.int64)
        self.sentence_article = np.repeat(np.arange(len(texts)), self.n_sentences_raw)
        # Each sentence's words run from its marker to the next sentence's (only
        # whitespace lies outside sentences): kept as bounds, not a number per word.
        self.sentence_starts = words_before[kind == 1]
        # Repeated as booleans: one byte a word.
        self.in_quote = np.repeat(after_each((kind == 2).astype(np.int64) - (kind == 3)) > 0,
                                  run_lengths)
        self.first = np.zeros(n_words, dtype=bool)
        self.first[self.sentence_starts[self.sentence_starts < n_words]] = True
        self.first[:1] = True
        self.codes = np.delete(codes, at)
        self.n_chars = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
        # Words are in stream order, so each article's words are one run; the
        # stream opens with an article's marker, and each article's words end
        # where the next one's marker stands.
        self.article_ends = np.concatenate((words_before[is_doc][1:], [n_words])) if len(texts) else np.zeros(
            0, dtype=np.int64)
        self._types(unique_array)

    def _types(self, unique_array) -> None:
        """Properties of each distinct word, from the table shared by all batches of the process
        (``unique_array``: the distinct words as an Arrow array)."""
        rows = _WORDS.rows(unique_array)
        column = {name: values[rows] for name, values in _WORDS.columns.items()}
        # The lowercase forms' numbers in 16 bits, which numpy radix-sorts in
        # occurrences(): the process-wide numbers when they fit (the first
        # batches), else numbers 0..n-1 within this batch when those do.
        lower = column["lower"]
        if len(lower) and lower.max() >= 2**16:
            lower = np.unique(lower, return_inverse=True)[1]
        self.lower = (lower.astype(np.uint16) if not len(lower) or lower.max() < 2**16 else lower)[self.codes]
        self.syl_u, self.known_u, self.stop_u = column["syllables"], column["known"], column["stop"]
        self.complex_first, self.complex_later = column["complex_first"], column["complex_later"]
        self.word_chars_u, self.letters_u = column["word_chars"], column["letters"]

    def per_article(self, values=None) -> np.ndarray:
        """Sum of ``values`` (default: 1 per word) over each article's words."""
        if values is None:
            return np.diff(np.concatenate(([0], self.article_ends)))
        return sums_by_run(values, self.article_ends)

    def per_sentence(self, values=None) -> np.ndarray:
        """Sum of ``values`` (default: 1 per word) over each sentence's words."""
        bounds = np.append(self.sentence_starts, len(self.codes))
        if values is None:
            return np.diff(bounds)
        return sums_by_run(values, bounds[1:])

    def syllables(self) -> np.ndarray:
        return self.syl_u[self.codes]

    def complex(self) -> np.ndarray:
        return np.where(self.first, self.complex_first[self.codes], self.complex_later[self.codes])

    def occurrences(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Previous and next occurrence of each word (lowercase) inside its article, and article bounds.

        ``prev`` is -1 and ``nxt`` the stream length where there is none
        (int32 arrays, int64 past 2**31 words).
        """
        n = len(self.codes)
        # A stable sort by word keeps stream order within each word; numpy
        # radix-sorts 16-bit keys, the usual size of a batch's vocabulary.
        key = self.lower
        order = np.argsort(key, kind="stable")
        sorted_key = key[order]
        same = sorted_key[1:] == sorted_key[:-1]
        # Each word's article in the smallest integer that holds it: the
        # batch's word arrays are its biggest memory.
        article = np.repeat(np.arange(self.n_articles, dtype=np.min_scalar_type(self.n_articles)),
                            self.per_article())
        sorted_article = article[order]
        same &= sorted_article[1:] == sorted_article[:-1]
        later, earlier = order[1:][same], order[:-1][same]
        # Positions fit 32 bits (a batch is a few megabytes): half the memory
        # for the diversity measures that read them.
        dtype = np.int32 if n < 2**31 else np.int64
        prev = np.full(n, -1, dtype=dtype)
        nxt = np.full(n, n, dtype=dtype)
        prev[later] = earlier
        nxt[earlier] = later
        ends = self.article_ends
        return prev, nxt, np.concatenate(([0], ends))[:-1], ends
