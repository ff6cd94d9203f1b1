"""Benchmark: sentences.quotes against textacy's ``direct_quotations`` (spaCy's small English model), in one run.

Measured in the same run:

1. Throughput of ``analysis.sentences.quotes(texts, n_jobs=1)`` -- one process:
   quotations, speakers and their entities merged across the corpus -- on
   each shared corpus (BBC, news2017, AG News) and on all three: MB of
   UTF-8 text per second of CPU time and of wall time. All three together
   are timed first, as the first call of the process (name caches empty),
   then each corpus. On a machine shared with other work the CPU figure is
   the one to read.
2. The same sample of articles (``--peer-articles`` per corpus) through ours
   and through textacy 0.13's ``extract.triples.direct_quotations`` on
   spaCy's ``en_core_web_sm`` (parsing included: textacy needs the parse);
   the ratio of throughputs. The model's loading time is reported apart.
3. The hand-written gold set (``tests/quote_gold.py``): quotation spans
   (precision, recall, F1) and speakers, for the tuning batch and the
   held-out batch apart. Ours is scored on its merged ``entity``; textacy
   gives a speaker as written and no entity, so it is scored leniently: its
   speaker counts as right when it holds the gold entity's last word
   (``Putin`` for ``Vladimir Putin``); a pronoun is right only when ours
   would be (it never is for textacy, which does not resolve them).

textacy and spaCy are not dependencies of the project: install them in a
separate environment and point the benchmark at its interpreter::

    python3 -m venv /tmp/venv-textacy && /tmp/venv-textacy/bin/pip install textacy
    /tmp/venv-textacy/bin/pip install <a wheel of en_core_web_sm 3.8>
    python benchmarks/bench_quotes.py --peer-python /tmp/venv-textacy/bin/python

spaCy's model is published as a wheel on GitHub releases (``spacy download``
fetches it from there); where GitHub cannot be reached, a wheel of the same
model must come from elsewhere. The worker loads ``en_core_web_sm``, else the
first installed package named ``en_core_web_sm*``, and prints which. Without a
peer interpreter (and no textacy here) the peer is skipped with a message.

    python benchmarks/bench_quotes.py [--quick] [--peer-articles N] [--peer-python PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


# --- the peer, run by the peer's interpreter ------------------------------------------------------


def peer_worker(in_path: str, out_path: str) -> None:
    """Run textacy's direct_quotations over the texts in ``in_path`` (JSON list); write results."""
    import importlib.metadata

    import spacy
    from textacy.extract import triples

    started = time.perf_counter()
    candidates = ["en_core_web_sm"] + sorted(
        d.metadata["Name"].replace("-", "_") for d in importlib.metadata.distributions()
        if d.metadata["Name"].replace("-", "_").lower().startswith("en_core_web_sm_"))
    nlp, model = None, None
    for name in candidates:
        try:
            nlp, model = spacy.load(name), name
            break
        except OSError:
            continue
    if nlp is None:
        raise SystemExit(f"no en_core_web_sm model is installed for spaCy (tried {candidates})")
    load_seconds = time.perf_counter() - started
    texts = json.loads(Path(in_path).read_text(encoding="utf-8"))
    results = []
    cpu, wall = time.process_time(), time.perf_counter()
    failed = 0
    for text in texts:
        doc = nlp(text)
        found = []
        try:
            for q in triples.direct_quotations(doc):
                found.append({"start": q.content.start_char, "end": q.content.end_char,
                              "speaker": " ".join(t.text for t in q.speaker), "cue": " ".join(t.text for t in q.cue)})
        except ValueError:
            failed += 1  # textacy gives up on a text whose marks do not pair up: no quotation found there
        results.append(found)
    out = {"model": f"{model} {nlp.meta.get('version')}", "spacy": spacy.__version__, "failed": failed,
           "textacy": importlib.metadata.version("textacy"), "load_seconds": load_seconds,
           "cpu_seconds": time.process_time() - cpu, "wall_seconds": time.perf_counter() - wall, "results": results}
    Path(out_path).write_text(json.dumps(out), encoding="utf-8")


def run_peer(python: str | None, texts: list[str]) -> dict | None:
    """textacy's results on ``texts`` from the peer interpreter (or this one), or None with a message."""
    if python is None:
        try:
            import textacy  # noqa: F401
        except ImportError:
            print("textacy: skipped -- not installed here and no --peer-python given (see the module docstring)")
            return None
        python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "texts.json", Path(tmp) / "out.json"
        src.write_text(json.dumps(texts), encoding="utf-8")
        done = subprocess.run([python, __file__, "--peer-worker", str(src), str(dst)], capture_output=True, text=True)
        if done.returncode != 0:
            print(f"textacy: skipped -- the peer worker failed: {done.stderr.strip()[-500:]}")
            return None
        return json.loads(dst.read_text(encoding="utf-8"))


# --- ours --------------------------------------------------------------------------------------


def load_corpora(quick: bool) -> dict[str, list[str]]:
    from analysis import corpus

    shared = Path(os.environ.get("ANALYSIS_SHARED", ROOT.parent / "shared")) / "corpora"
    paths = {"bbc": shared / "bbc", "news2017": shared / "news2017", "ag_news": shared / "ag_news" / "test.csv"}
    out = {}
    for name, path in paths.items():
        if not path.exists():
            sys.exit(f"{path} is absent: the shared corpora must sit beside the checkout (or set ANALYSIS_SHARED)")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the loader's note on one badly encoded BBC file
            texts = corpus.load(path, progress=False)["text"].fillna("").tolist()
        out[name] = texts[: len(texts) // 4] if quick else texts
    return out


def megabytes(texts: list[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def time_ours(texts: list[str]) -> tuple[float, float, int]:
    from analysis import sentences

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the warning on unbalanced marks
        cpu, wall = time.process_time(), time.perf_counter()
        table = sentences.quotes(texts, n_jobs=1, progress=False)
        return time.process_time() - cpu, time.perf_counter() - wall, len(table)


def score_peer(raw, peer: dict) -> dict:
    """Spans and lenient speakers of textacy's results on the gold texts."""
    tp = n_pred = n_gold = right = attributed = 0
    for (text, expected), found in zip(raw, peer["results"]):
        predicted = [(" ".join(text[f["start"]:f["end"]].strip(" \"'\u201c\u201d\u2018\u2019").split()), f["speaker"])
                     for f in found]
        n_pred += len(predicted)
        n_gold += len(expected)
        used = [False] * len(predicted)
        for quote, _speaker, entity, _kind in expected:
            gold = " ".join(quote.split())
            j = next((j for j, p in enumerate(predicted) if not used[j] and p[0] == gold), None)
            if j is None:
                continue
            used[j] = True
            tp += 1
            if entity is not None:
                attributed += 1
                right += entity.split()[-1].lower() in predicted[j][1].lower().split()
    precision = tp / n_pred if n_pred else float("nan")
    recall = tp / n_gold if n_gold else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1,
            "speaker_accuracy": right / attributed if attributed else float("nan"), "attributed": attributed,
            "speaker_right": right}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a quarter of each corpus")
    parser.add_argument("--peer-articles", type=int, default=150, help="articles per corpus given to both")
    parser.add_argument("--peer-python", default=os.environ.get("ANALYSIS_TEXTACY_PYTHON"),
                        help="an interpreter with textacy, spaCy and en_core_web_sm")
    parser.add_argument("--peer-worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peer_worker:
        peer_worker(*args.peer_worker)
        return

    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests"))
    import random

    import quote_gold

    from analysis import sentences

    corpora = load_corpora(args.quick)
    print("1. analysis.sentences.quotes in one process (MB of UTF-8 text per second)")
    print(f"   {'corpus':10s} {'MB':>6s} {'quotes':>7s} {'CPU s':>7s} {'MB/s CPU':>9s} {'wall s':>7s} "
          f"{'MB/s wall':>10s}")
    # "all" first: its pass is the first of the process (empty name caches); the corpora after it.
    for name, texts in [("all", [t for ts in corpora.values() for t in ts]), *corpora.items()]:
        mb = megabytes(texts)
        cpu, wall, n = time_ours(texts)
        print(f"   {name:10s} {mb:6.1f} {n:7d} {cpu:7.2f} {mb / cpu:9.2f} {wall:7.2f} {mb / wall:10.2f}")

    rng = random.Random(0)
    sample = [t for texts in corpora.values() for t in rng.sample(texts, min(args.peer_articles, len(texts)))]
    gold = {"tuning": quote_gold.tuning(), "held-out": quote_gold.held_out()}
    gold_texts = [t for raw in gold.values() for t, _ in raw]
    peer = run_peer(args.peer_python, sample + gold_texts)
    mb = megabytes(sample)
    cpu, wall, n = time_ours(sample)
    print(f"\n2. the same {len(sample)} articles ({mb:.2f} MB) through both")
    print(f"   ours:    {n:5d} quotations  {cpu:7.2f} s CPU  {mb / cpu:8.3f} MB/s")
    if peer is not None:
        found = sum(len(r) for r in peer["results"][: len(sample)])
        share = len(sample) / (len(sample) + len(gold_texts))
        peer_cpu = peer["cpu_seconds"] * sum(map(len, sample)) / max(1, sum(map(len, sample + gold_texts)))
        print(f"   textacy: {found:5d} quotations  {peer_cpu:7.2f} s CPU  {mb / peer_cpu:8.3f} MB/s   "
              f"({peer['model']}, spaCy {peer['spacy']}, textacy {peer['textacy']}; model load "
              f"{peer['load_seconds']:.1f} s not counted; time shared by text length, {share:.0%} of the texts; "
              f"{peer['failed']} texts refused for unpaired marks, sample and gold together)")
        print(f"   ratio of throughputs, ours / textacy: {peer_cpu / cpu:.0f}x")

    print("\n3. gold quotations (tests/quote_gold.py)")
    print(f"   {'set':9s} {'method':8s} {'quotes':>6s} {'P':>6s} {'R':>6s} {'F1':>6s} {'speaker':>8s} "
          f"{'right/attr':>11s}")
    offset = len(sample)
    for name, raw in gold.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            table = sentences.quotes([t for t, _ in raw], progress=False, n_jobs=1)
        s = quote_gold.score(raw, table)
        print(f"   {name:9s} {'ours':8s} {s['n_gold']:6d} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
              f"{s['speaker_accuracy']:8.3f} {s['speaker_right']:5d}/{s['attributed']:<5d}")
        if peer is not None:
            p = score_peer(raw, {"results": peer["results"][offset : offset + len(raw)]})
            print(f"   {name:9s} {'textacy':8s} {s['n_gold']:6d} {p['precision']:6.3f} {p['recall']:6.3f} "
                  f"{p['f1']:6.3f} {p['speaker_accuracy']:8.3f} {p['speaker_right']:5d}/{p['attributed']:<5d}")
        offset += len(raw)


if __name__ == "__main__":
    main()
