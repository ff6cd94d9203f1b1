"""analysis.corpus: loading, the load report, bad input, duplicates, summary, corpus plots.

Unit tests use texts written here; the acceptance figures of issue 2 use the
shared corpora through the conftest fixtures (skipped when ../shared is absent).
"""

from __future__ import annotations

import json
import logging
import os
import random
import warnings

import pandas as pd
import pytest

from analysis.corpus import loading, reading
from analysis import articles, corpus, plots
from analysis.corpus import CorpusError, CorpusWarning, find_duplicates, load, load_report, summary

ALL_COLUMNS = list(corpus.COLUMNS + corpus.PARSE_COLUMNS + corpus.CLEANING_COLUMNS)


def quiet_load(*args, **kwargs):
    kwargs.setdefault("progress", False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return load(*args, **kwargs)


def write(path, data: bytes | str):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def same_rows(a: pd.DataFrame, b: pd.DataFrame):
    """assert_frame_equal without comparing attrs (each part carries its own report)."""
    a, b = a.copy(), b.copy()
    a.attrs, b.attrs = {}, {}
    pd.testing.assert_frame_equal(a, b)


def report_of(df) -> dict[str, tuple[str, str]]:
    return {r.item: (r.status, r.reason) for r in load_report(df).itertuples()}


# --- the table --------------------------------------------------------------------


def test_column_names_are_defined_once():
    assert corpus.COLUMNS == (
        "doc_id", "title", "date", "source", "label", "text", "path", "n_chars", "warnings",
    )  # fmt: skip
    assert corpus.PARSE_COLUMNS == ("dateline_place", "dateline_agency", "shape")
    assert corpus.REPORT_COLUMNS == ("item", "status", "reason")
    assert corpus.DUPLICATE_COLUMNS == ("doc_id", "duplicate_of", "similarity", "kind")


def test_load_strings():
    df = load(["Markets rally\n\nLONDON (Reuters) - Shares rose.", "Rain\n\nIt will rain."], progress=False)
    assert list(df.columns) == ALL_COLUMNS
    assert isinstance(df.index, pd.RangeIndex)
    assert df["doc_id"].tolist() == ["0", "1"]
    assert df["title"].tolist() == ["Markets rally", "Rain"]
    assert df["text"].tolist() == ["Shares rose.", "It will rain."]
    assert df["source"].iloc[0] == "reuters" and pd.isna(df["source"].iloc[1])
    assert df["n_chars"].tolist() == [12, 13]
    assert df["warnings"].tolist() == ["", ""]
    assert df["date"].dtype == "datetime64[ns]" and df["date"].isna().all()
    assert df["label"].isna().all() and df["path"].isna().all()


def test_empty_input_gives_empty_table():
    df = load([], progress=False)
    assert list(df.columns) == ALL_COLUMNS and len(df) == 0
    assert list(load_report(df).columns) == list(corpus.REPORT_COLUMNS)


def test_source_option_overrides_and_normalises():
    df = load(["T\n\nWASHINGTON (Reuters) - X."], source="www.Example.com", progress=False)
    assert df["source"].tolist() == ["example"]
    assert df["dateline_agency"].tolist() == ["reuters"]


def test_parse_false_keeps_text():
    df = load(["Title\n\nWASHINGTON (Reuters) - X."], parse=False, progress=False)
    assert df["text"].iloc[0] == "Title\n\nWASHINGTON (Reuters) - X."
    assert pd.isna(df["title"].iloc[0]) and df["shape"].iloc[0] == articles.SHAPE_RAW


def test_load_dataframe_rows_like_csv_rows():
    given = pd.DataFrame(
        {
            "headline": ["One", "Two"],
            "body": ["WASHINGTON (Reuters) - A.", "B."],
            "published": ["December 31, 2017", "31-Dec-17"],
            "source": ["Reuters", None],
            "label": ["x", "y"],
            "path": ["p1", "p2"],
            "topic": ["t1", "t2"],
        },
        index=[10, 20],
    )
    df = load(given, progress=False)
    assert list(df.columns) == ALL_COLUMNS + ["path_input", "topic"]
    assert df["doc_id"].tolist() == ["0", "1"]
    assert df["title"].tolist() == ["One", "Two"]
    assert df["text"].tolist() == ["A.", "B."]
    assert df["date"].tolist() == [pd.Timestamp("2017-12-31")] * 2
    assert df["source"].iloc[0] == "reuters" and pd.isna(df["source"].iloc[1])
    assert df["label"].tolist() == ["x", "y"]
    assert df["topic"].tolist() == ["t1", "t2"] and df["path_input"].tolist() == ["p1", "p2"]
    assert df["shape"].tolist() == ["row", "row"]


def test_dataframe_without_title_column_is_parsed_whole():
    df = load(pd.DataFrame({"text": ["Title\n\nBody."]}), progress=False)
    assert (df["title"].iloc[0], df["text"].iloc[0]) == ("Title", "Body.")


def test_dataframe_id_column_and_errors():
    given = pd.DataFrame({"key": ["a", "b"], "text": ["x", "y"]})
    assert load(given, id_column="key", progress=False)["doc_id"].tolist() == ["a", "b"]
    with pytest.raises(CorpusError, match="id_column|no text column"):
        load(pd.DataFrame({"words": ["x"]}), progress=False)
    with pytest.raises(CorpusError, match="text_column='nope'"):
        load(given, text_column="nope", progress=False)


def test_folder_of_every_kind(tmp_path):
    write(tmp_path / "world" / "a.txt", "Title A\n\nBody A.")
    write(tmp_path / "world" / "deep" / "b.txt", "Title B\n\nBody B.")
    write(tmp_path / "c.txt", "Title C\n\nBody C.")
    write(tmp_path / "feeds" / "rows.csv", "title,text,date,subject\nR0,Body r0,2017-12-31,news\n")
    write(tmp_path / "feeds" / "rows.jsonl", json.dumps({"title": "J0", "text": "Body j0"}) + "\n")
    pd.DataFrame({"title": ["P0"], "text": ["Body p0"]}).to_parquet(tmp_path / "rows.parquet")
    df = load(tmp_path, progress=False)
    assert df["doc_id"].tolist() == [
        "c.txt", "feeds/rows.csv:0", "feeds/rows.jsonl:0", "rows.parquet:0",
        "world/a.txt", "world/deep/b.txt",
    ]  # fmt: skip
    labels = dict(zip(df["doc_id"], df["label"]))
    assert labels["world/deep/b.txt"] == "world" and labels["feeds/rows.csv:0"] == "feeds"
    assert pd.isna(labels["c.txt"]) and pd.isna(labels["rows.parquet:0"])
    assert df["title"].tolist() == ["Title C", "R0", "J0", "P0", "Title A", "Title B"]
    assert df.loc[df["doc_id"] == "feeds/rows.csv:0", "subject"].item() == "news"
    assert df["path"].iloc[0] == os.path.join(str(tmp_path), "c.txt")
    assert set(load_report(df)["status"]) - {"boilerplate"} == {"loaded"}
    flat = load(tmp_path, recursive=False, progress=False)
    assert flat["doc_id"].tolist() == ["c.txt", "rows.parquet:0"]


def test_single_files_and_label_options(tmp_path):
    csv_path = write(tmp_path / "True.csv", "title,text\nA,x\nB,y\n")
    df = load(csv_path, progress=False)
    assert df["doc_id"].tolist() == ["True.csv:0", "True.csv:1"]
    assert load(csv_path, label="file", progress=False)["label"].tolist() == ["True", "True"]
    txt = write(tmp_path / "one" / "a.txt", "T\n\nB.")
    assert load(txt, progress=False)["doc_id"].tolist() == ["a.txt"]
    assert load(tmp_path, label="file", progress=False)["label"].tolist() == ["True", "True", "a"]


def test_csv_dates_and_ids(tmp_path):
    write(
        tmp_path / "d.csv",
        "id,title,text,date\n"
        "k1,A,x,\"December 31, 2017\"\nk2,B,y,31-Dec-17\nk3,C,z,2017-12-31\nk4,D,w,someday\nk5,E,v,\n",
    )
    df = quiet_load(tmp_path / "d.csv", id_column="id")
    assert df["doc_id"].tolist() == ["k1", "k2", "k3", "k4", "k5"]
    assert df["date"].iloc[:3].tolist() == [pd.Timestamp("2017-12-31")] * 3
    assert df["date"].iloc[3:].isna().all()
    assert df["warnings"].tolist() == ["", "", "", "date 'someday' not understood", ""]
    assert report_of(df)["k4"] == ("warning", "date 'someday' not understood")


def test_tsv_and_text_column_option(tmp_path):
    write(tmp_path / "t.tsv", "headline\tcontent\nA\tBody, with comma\n")
    df = load(tmp_path / "t.tsv", progress=False)
    assert (df["title"].item(), df["text"].item()) == ("A", "Body, with comma")


def test_chunksize_streams_the_same_rows(tmp_path):
    for i in range(25):
        write(tmp_path / f"g{i % 3}" / f"{i:03d}.txt", f"Title {i}\n\nBody {i}.")
    whole = load(tmp_path, progress=False)
    parts = list(load(tmp_path, chunksize=10, progress=False))
    assert [len(p) for p in parts] == [10, 10, 5]
    same_rows(pd.concat(parts, ignore_index=True), whole)
    assert sum(len(load_report(p)) for p in parts) == len(load_report(whole))
    assert (load_report(whole)["status"] != "boilerplate").sum() == 25


def test_parallel_reading_keeps_the_order(tmp_path, monkeypatch):
    for i in range(40):
        write(tmp_path / f"g{i % 4}" / f"{i:03d}.txt", f"Title {i}\n\nBody {i}.")
    monkeypatch.setattr(loading, "_CHUNK_FILES", 3)
    serial = load(tmp_path, n_jobs=1, progress=False)
    parallel = load(tmp_path, n_jobs=2, progress=False)
    same_rows(serial, parallel)
    pd.testing.assert_frame_equal(load_report(serial), load_report(parallel))


@pytest.mark.parametrize(
    ("n_jobs", "n_files", "load_average", "expected"),
    [(None, 100, 0.0, 1), (None, 10_000, 0.0, 2), (None, 10_000, 8.0, 1), (3, 10, 9.0, 3)],
)
def test_number_of_worker_processes(monkeypatch, n_jobs, n_files, load_average, expected):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (load_average, 0.0, 0.0))
    assert loading._n_workers(n_jobs, n_files) == expected


def test_label_from_a_column():
    given = pd.DataFrame({"text": ["a", "b"], "cat": ["x", "y"]})
    assert load(given, label="cat", progress=False)["label"].tolist() == ["x", "y"]
    df = quiet_load(given, label="dog")
    assert df["label"].isna().all()
    assert report_of(df)["DataFrame"] == ("warning", "label='dog' is not a column: labels left NA")


def test_progress_bar(tmp_path, capsys, monkeypatch):
    from analysis import _progress

    write(tmp_path / "a.txt", "T\n\nB.")
    load(tmp_path, progress=True)
    assert capsys.readouterr().err == ""  # quick work draws no bar ...
    monkeypatch.setattr(_progress, "DELAY", 0)
    load(tmp_path, progress=True)
    assert "Loading" in capsys.readouterr().err  # ... work that lasts does
    load(tmp_path, progress=False)
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        (("/no/such/folder",), {}, FileNotFoundError, "does not exist"),
        (("a text\nwith lines",), {}, TypeError, "pass a list of strings"),
        ((42,), {}, TypeError, "cannot load a int"),
        (([],), {"encoding": "klingon"}, ValueError, "encoding='klingon'"),
        (([],), {"n_jobs": 0}, ValueError, "n_jobs=0"),
        (([],), {"chunksize": -1}, ValueError, "chunksize=-1"),
        (([],), {"label": 3}, ValueError, "label=3"),
    ],
)
def test_load_refuses_bad_arguments(args, kwargs, error, message):
    with pytest.raises(error, match=message):
        load(*args, **kwargs)


def test_unknown_file_type(tmp_path):
    path = write(tmp_path / "a.docx", "x")
    with pytest.raises(ValueError, match="unknown file type '.docx'"):
        load(path)


def test_load_report_needs_a_loaded_table():
    with pytest.raises(ValueError, match="no load report"):
        load_report(pd.DataFrame({"text": ["x"]}))
    with pytest.raises(TypeError):
        load_report("df")


def test_report_survives_slicing_and_concat_does_not_fail():
    df = load(["T\n\nB.", "U\n\nC."], progress=False, boilerplate=False)
    assert len(load_report(df.head(1))) == 2
    assert len(load_report(df.copy())) == 2
    both = pd.concat([df, load(["V\n\nD."], progress=False)], ignore_index=True)
    assert len(both) == 3  # two reports cannot be combined: dropped, not an error


# --- bad input (item 4) -------------------------------------------------------------

GOOD = {"good1.txt": "Good title\n\nGood body.", "sub/good2.txt": "Other title\n\nOther body."}


def make_bad_folder(root):
    for name, text in GOOD.items():
        write(root / name, text)
    write(root / "latin.txt", b"Caf\xe9 prices\n\nA coffee costs \xa35 in the caf\xe9.")
    write(root / "nul.bin.txt", b"PK\x03\x04\x00\x00binary\x00data")
    write(root / "noise.txt", bytes(random.Random(0).randrange(1, 32) for _ in range(2000)))
    write(root / "empty.txt", b"")
    write(root / "blank.txt", b"  \n\n \t")
    write(root / "huge.txt", b"word " * 10_000_000)  # one 50 MB line
    write(
        root / "rows.csv",
        'title,text,date\nA,"Body a",2017-01-02\nB,"Body "with" quotes",2017-01-03\n'
        'C,Body c\nD,"Body d",31-Dec-17\nE,"unclosed body,2017-01-05\n',
    )
    write(
        root / "rows.jsonl",
        '{"doc_id": "x", "text": "T\\n\\nBody x"}\n{bad json\n'
        '{"doc_id": "x", "text": "T2\\n\\nBody y"}\n[1, 2]\n',
    )
    os.symlink(root / "missing-target.txt", root / "dangling.txt")
    write(root / "README.md", "about this folder")
    write(root / "picture.jpg", b"\xff\xd8\xff")
    return root


@pytest.fixture
def bad_folder(tmp_path):
    return make_bad_folder(tmp_path / "bad")


EXPECTED_SKIPPED = {
    "nul.bin.txt": "binary file (NUL bytes",
    "noise.txt": "binary file (mostly control bytes",
    "empty.txt": "empty file",
    "blank.txt": "empty file (only white space)",
    "dangling.txt": "cannot read: No such file or directory",
    "rows.csv:1": "line 3: broken quoting",
    "rows.csv:2": "line 4: 2 fields where the header has 3",
    "rows.csv:4": "line 6: broken quoting (unexpected end of data)",
    "rows.jsonl:1": "line 2: invalid JSON",
    "rows.jsonl:3": "line 4: a JSON list, not an object",
    "README.md": "excluded (matches 'README*')",
    "picture.jpg": "not an article file",
}


def test_bad_folder_loads_every_good_item_and_reports_every_bad_one(bad_folder, caplog):
    with caplog.at_level(logging.WARNING, logger="analysis.corpus"):
        with pytest.warns(CorpusWarning, match="skipped"):
            df = load(bad_folder, progress=False)
    assert df["doc_id"].tolist() == [
        "good1.txt", "huge.txt", "latin.txt", "rows.csv:0", "rows.csv:3", "x", "x#2", "sub/good2.txt",
    ]  # fmt: skip
    report = report_of(df)
    for item, reason in EXPECTED_SKIPPED.items():
        assert report[item][0] == "skipped", item
        assert report[item][1].startswith(reason), (item, report[item])
    # every file of the folder has a line in the report
    files = {p.relative_to(bad_folder).as_posix() for p in bad_folder.rglob("*")}
    assert files - {"sub"} <= set(report)
    assert report["rows.csv"] == ("warning", "2 rows, 3 skipped")
    assert report["x#2"] == ("warning", "duplicate doc_id 'x': renamed 'x#2'")
    # each input problem was logged, naming the item
    logged = caplog.text
    for item in ("nul.bin.txt", "rows.csv:1", "latin.txt", "x#2"):
        assert item in logged


def test_undecodable_bytes_fall_back_with_offset(bad_folder):
    df = quiet_load(bad_folder)
    row = df.set_index("doc_id").loc["latin.txt"]
    assert row["title"] == "Café prices"
    assert row["text"] == "A coffee costs £5 in the café."
    assert row["warnings"].startswith("not valid UTF-8 at byte 3 (3 undecodable bytes, read as cp1252)")
    assert report_of(df)["latin.txt"][0] == "warning"


def test_explicit_encoding_needs_no_fallback(bad_folder):
    df = quiet_load(bad_folder / "latin.txt", encoding="cp1252")
    assert df["warnings"].item() == "" and df["title"].item() == "Café prices"


def test_huge_single_line_file_loads(bad_folder):
    df = quiet_load(bad_folder / "huge.txt")
    assert df["n_chars"].item() == 50_000_000 - 1
    assert "no title line" in df["warnings"].item()


def test_csv_rows_keep_their_row_numbers(bad_folder):
    df = quiet_load(bad_folder / "rows.csv")
    assert df["doc_id"].tolist() == ["rows.csv:0", "rows.csv:3"]
    assert df["date"].tolist() == [pd.Timestamp("2017-01-02"), pd.Timestamp("2017-12-31")]


def test_unreadable_file_is_reported(tmp_path, monkeypatch):
    write(tmp_path / "ok.txt", "T\n\nB.")
    locked = write(tmp_path / "locked.txt", "T\n\nB.")
    real = reading.read_bytes

    def read(path):  # root can read any file, so a chmod alone cannot test this
        if path == str(locked):
            raise PermissionError(13, "Permission denied", path)
        return real(path)

    monkeypatch.setattr(reading, "read_bytes", read)
    df = quiet_load(tmp_path)
    assert df["doc_id"].tolist() == ["ok.txt"]
    assert report_of(df)["locked.txt"] == ("skipped", "cannot read: Permission denied")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_permission_denied_for_real(tmp_path):
    write(tmp_path / "ok.txt", "T\n\nB.")
    locked = write(tmp_path / "locked.txt", "T\n\nB.")
    locked.chmod(0)
    try:
        df = quiet_load(tmp_path)
    finally:
        locked.chmod(0o644)
    assert report_of(df)["locked.txt"] == ("skipped", "cannot read: Permission denied")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("latin.txt", b"Caf\xe9\n\nBody.", "latin.txt: not valid UTF-8 at byte 3"),
        ("nul.txt", b"a\x00b", "nul.txt: binary file"),
        ("empty.txt", b"", "empty.txt: empty file"),
        ("rows.csv", b"title,text\nA,x\nB\n", "rows.csv:1: line 3: 1 fields where the header has 2"),
        ("rows.jsonl", b'{"text": "x"}\n{oops\n', "rows.jsonl:1: line 2: invalid JSON"),
        ("dup.jsonl", b'{"doc_id": "a", "text": "x"}\n{"doc_id": "a", "text": "y"}\n', "a#2: duplicate doc_id 'a'"),
    ],
)
def test_strict_raises_on_the_first_problem(tmp_path, name, data, reason):
    write(tmp_path / "good.txt", "Title\n\nBody.")
    write(tmp_path / name, data)
    with pytest.raises(CorpusError, match=reason.replace("(", r"\(")):
        load(tmp_path, strict=True, progress=False)
    df = quiet_load(tmp_path)  # without strict the good file loads and the bad one is reported
    assert "good.txt" in df["doc_id"].tolist()


def test_strict_ignores_parser_notes_and_excluded_files(tmp_path):
    write(tmp_path / "a.txt", "just one line")
    write(tmp_path / "README.txt", "about")
    df = load(tmp_path, strict=True, progress=False)
    assert df["warnings"].item() == "only one line: its first sentence is the title, all of it the text"


def test_strict_in_worker_processes(tmp_path, monkeypatch):
    for i in range(12):
        write(tmp_path / f"{i:02d}.txt", "T\n\nB.")
    write(tmp_path / "05b.txt", b"")
    monkeypatch.setattr(loading, "_CHUNK_FILES", 2)
    with pytest.raises(CorpusError, match="05b.txt: empty file"):
        load(tmp_path, strict=True, n_jobs=2, progress=False)


def test_table_without_text_column_is_skipped_in_a_folder(tmp_path):
    write(tmp_path / "meta.csv", "name,value\na,1\n")
    write(tmp_path / "a.txt", "T\n\nB.")
    df = quiet_load(tmp_path)
    assert df["doc_id"].tolist() == ["a.txt"]
    status, reason = report_of(df)["meta.csv"]
    assert status == "skipped" and "no text column" in reason


def test_excluded_folders_are_reported(tmp_path):
    write(tmp_path / ".ipynb_checkpoints" / "a-checkpoint.txt", "T\n\nB.")
    write(tmp_path / "a.txt", "T\n\nB.")
    df = load(tmp_path, progress=False)
    assert df["doc_id"].tolist() == ["a.txt"]
    assert report_of(df)[".ipynb_checkpoints/"][0] == "skipped"
    assert load(tmp_path, exclude=(), progress=False)["doc_id"].tolist() == [
        ".ipynb_checkpoints/a-checkpoint.txt", "a.txt",
    ]  # fmt: skip


# --- duplicates ------------------------------------------------------------------

WORDS = (
    "the minister said on monday that talks with union leaders would resume next week after "
    "a breakdown over pay and pensions left thousands of workers on strike across the country"
).split()


def random_text(rng, n=80):
    return " ".join(rng.choice(WORDS + [f"w{rng.randrange(5000)}" for _ in range(20)]) for _ in range(n))


def shingles(text, k=5):
    words = text.lower().split()
    return {tuple(words[i : i + k]) for i in range(max(1, len(words) - k + 1))}


def test_find_duplicates_exact_and_near():
    rng = random.Random(1)
    base = random_text(rng, 200)
    words = base.split()
    edited = " ".join(words[:100] + ["changed"] + words[101:])
    df = load(
        [f"A\n\n{base}", f"B\n\n{base.upper()}!!", f"C\n\n{edited}", f"D\n\n{random_text(rng)}", "E\n\n"],
        progress=False,
    )
    dups = find_duplicates(df, threshold=0.9)
    assert list(dups.columns) == list(corpus.DUPLICATE_COLUMNS)
    assert dups["doc_id"].tolist() == ["1", "2"]
    assert dups["duplicate_of"].tolist() == ["0", "0"]
    assert dups["kind"].tolist() == ["exact", "near"]
    expected = len(shingles(base) & shingles(edited)) / len(shingles(base) | shingles(edited))
    assert dups["similarity"].tolist() == pytest.approx([1.0, expected])
    assert find_duplicates(df, threshold=0.99)["doc_id"].tolist() == ["1"]


def test_find_duplicates_matches_all_pairs_on_planted_pairs():
    rng = random.Random(7)
    texts = [random_text(rng, rng.randrange(30, 150)) for _ in range(300)]
    for i in range(0, 60, 2):  # plant near copies with a few words changed
        words = texts[i].split()
        for _ in range(i % 7):
            words[rng.randrange(len(words))] = f"edit{rng.randrange(10**6)}"
        texts[i + 1] = " ".join(words)
    df = load(pd.DataFrame({"title": ["t"] * len(texts), "text": texts}), progress=False)
    for threshold in (0.5, 0.8, 0.9):
        expected = {}
        sets = [shingles(t) for t in texts]
        for j in range(len(texts)):
            for i in range(j):
                sim = len(sets[i] & sets[j]) / len(sets[i] | sets[j])
                if sim >= threshold:
                    expected[str(j)] = (str(i), sim)
                    break
        dups = find_duplicates(df, threshold=threshold)
        got = {r.doc_id: (r.duplicate_of, r.similarity) for r in dups.itertuples()}
        assert got.keys() == expected.keys()
        for doc_id, (of, sim) in expected.items():
            assert got[doc_id][0] == of
            assert got[doc_id][1] == pytest.approx(sim)


def test_find_duplicates_hashes_alike_in_the_pool(monkeypatch):
    # Batches of a few texts, so that the signatures are computed in worker processes.
    monkeypatch.setattr("analysis.corpus.duplicates._BATCH_BYTES", 2_000)
    rng = random.Random(11)
    texts = [random_text(rng, rng.randrange(40, 120)) for _ in range(200)]
    texts += [t.upper() for t in texts[:20]] + [t + " one more" for t in texts[20:40]] + ["", "?"]
    df = load(pd.DataFrame({"title": ["t"] * len(texts), "text": texts}), progress=False)
    alone = find_duplicates(df, threshold=0.7, n_jobs=1)
    assert len(alone) >= 40
    same_rows(alone, find_duplicates(df, threshold=0.7, n_jobs=2))


def test_find_duplicates_is_deterministic_and_handles_big_buckets():
    df = load(["T\n\nsame boilerplate text here"] * 300 + ["T\n\nother"], progress=False)
    a = find_duplicates(df)
    same_rows(a, find_duplicates(df))
    assert len(a) == 299 and set(a["duplicate_of"]) == {"0"}


def test_find_duplicates_ignores_empty_and_checks_arguments():
    df = load(["A\n\n", "B\n\n", "C\n\nwords"], progress=False)
    assert len(find_duplicates(df)) == 0
    with pytest.raises(ValueError, match="threshold=1.5"):
        find_duplicates(df, threshold=1.5)
    with pytest.raises(ValueError, match="num_perm=10"):
        find_duplicates(df, num_perm=10)
    with pytest.raises(ValueError, match="no .text. column"):
        find_duplicates(pd.DataFrame({"x": [1]}))


# --- summary -------------------------------------------------------------------


@pytest.fixture
def small():
    texts = [
        "Rain\n\nIt will rain on Monday.",
        "Sun\n\nThe sun will shine.",
        "Sun\n\nThe sun will shine.",
        "Wind\n\nA strong wind.",
    ]
    df = load(texts, progress=False)
    df["date"] = pd.to_datetime(["2017-01-15", "2017-03-02", None, "2017-03-20"])
    df["source"] = ["a", "a", None, "b"]
    df["label"] = ["x", "x", "y", "y"]
    return df


def test_summary_tables(small):
    s = summary(small)
    assert s.keys() == [
        "overview", "by_source", "by_label", "by_period", "lengths", "missing", "duplicates", "warnings",
        "boilerplate", "quality",
    ]  # fmt: skip
    assert s.by_source.to_dict("list") == {
        "source": ["a", "(unknown)", "b"], "n_articles": [2, 1, 1], "share": [0.5, 0.25, 0.25],
    }  # fmt: skip
    assert s.by_label["n_articles"].tolist() == [2, 2]
    assert s.by_period["period"].tolist() == list(pd.to_datetime(["2017-01-01", "2017-02-01", "2017-03-01"]))
    assert s.by_period["n_articles"].tolist() == [1, 0, 2]
    lengths = s.lengths.set_index("statistic")
    assert list(s.lengths.columns) == ["statistic", "n_chars", "n_words"]
    assert lengths.loc["count", "n_chars"] == 4 and lengths.loc["max", "n_words"] == 5
    assert s.missing.set_index("column")["n_missing"].to_dict() == {
        "title": 0, "date": 1, "source": 1, "label": 0, "text": 0,
    }  # fmt: skip
    assert s.duplicates["doc_id"].tolist() == ["2"]
    overview = dict(zip(s.overview["measure"], s.overview["value"]))
    assert overview["articles"] == 4 and overview["duplicates"] == 1 and overview["dates missing"] == 1
    assert s["by_label"] is s.by_label
    text = repr(s)
    for name in s.keys():
        assert f"{name}:" in text
    assert "<h4>by_period</h4>" in s._repr_html_()


def test_summary_options(small):
    s = summary(small, freq="Q", duplicates=find_duplicates(small).iloc[:0])
    assert s.by_period["n_articles"].tolist() == [3]
    assert len(s.duplicates) == 0
    with pytest.raises(ValueError, match="freq='fortnight'"):
        summary(small, freq="fortnight")
    with pytest.raises(KeyError, match="the tables are"):
        s["nope"]


def test_summary_without_dates_and_with_warnings():
    df = quiet_load(["one line only", "Title\n\nBody."])
    s = summary(df)
    assert len(s.by_period) == 0 and list(s.by_period.columns) == ["period", "n_articles"]
    assert s.warnings.to_dict("list") == {
        "warning": ["only one line: its first sentence is the title, all of it the text"], "n_articles": [1],
    }  # fmt: skip


# --- corpus plots ----------------------------------------------------------------


def test_plot_articles_per_period(small):
    table = summary(small).by_period
    ax = plots.articles_per_period(table)
    assert [p.get_height() for p in ax.patches] == [1, 0, 2]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2017-01", "2017-02", "2017-03"]
    assert ax.get_title() and ax.get_ylabel() == "articles"


def test_plot_article_lengths(small):
    ax = plots.article_lengths(small)
    assert sum(p.get_height() for p in ax.patches) == 4
    ax = plots.article_lengths(small, by="label", bins=5)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["x", "y"]


def test_plot_articles_by_group(small):
    ax = plots.articles_by_group(summary(small).by_source)
    # bottom to top; ties keep the table's order
    assert [t.get_text() for t in ax.get_yticklabels()] == ["b", "(unknown)", "a"]
    assert [p.get_width() for p in ax.patches] == [1, 1, 2]
    assert ax.get_title() == "Articles by source"


@pytest.mark.parametrize(
    "draw",
    [
        lambda: plots.articles_per_period(pd.DataFrame({"period": [], "n_articles": []})),
        lambda: plots.article_lengths(pd.DataFrame({"n_chars": []})),
        lambda: plots.articles_by_group(pd.DataFrame({"label": [], "n_articles": []})),
    ],
)
def test_plots_on_empty_data(draw):
    ax = draw()
    assert len(ax.patches) == 0 and ax.texts[0].get_text() == "no data"


# --- the shared corpora (acceptance of issue 2) ------------------------------------


def test_bbc_acceptance(bbc, bbc_dir):
    assert len(bbc) == 2225
    assert bbc["label"].value_counts().to_dict() == {
        "business": 510, "entertainment": 386, "politics": 417, "sport": 511, "tech": 401,
    }  # fmt: skip
    first_lines = [
        (bbc_dir / doc_id).read_bytes().decode("utf-8", "replace").split("\n", 1)[0].strip()
        for doc_id in bbc["doc_id"]
    ]
    assert bbc["title"].tolist() == first_lines
    warned = bbc.loc[bbc["warnings"] != "", "doc_id"].tolist()
    assert warned == ["sport/199.txt"]
    report = report_of(bbc)
    assert report["sport/199.txt"][0] == "warning" and "not valid UTF-8" in report["sport/199.txt"][1]
    assert report["README.TXT"][0] == "skipped"
    assert bbc["date"].isna().all() and bbc["source"].isna().all()


def test_bbc_duplicates(bbc):
    dups = find_duplicates(bbc)
    kinds = dups["kind"].value_counts().to_dict()
    assert kinds["exact"] == 138  # identical word sequences (files repeated in the BBC set)
    assert kinds["near"] >= 10


@pytest.mark.parametrize(("name", "rows"), [("True.csv", 989), ("Fake.csv", 1413)])
def test_news2017_files(news2017_dir, name, rows):
    df = load(news2017_dir / name, progress=False)
    assert len(df) == rows
    assert df["date"].notna().mean() >= 0.99
    if name == "True.csv":
        assert (df["source"] == "reuters").mean() >= 0.99
        assert df["dateline_place"].notna().mean() >= 0.8
        assert not df["text"].str.contains(r"^\S[^(]{0,40}\(Reuters\) -", regex=True).any()
    else:
        assert df["source"].isna().all()


def test_news2017_folder(news2017):
    assert len(news2017) == 989 + 1413
    assert news2017["doc_id"].is_unique
    true_rows = news2017["doc_id"].str.startswith("True.csv:")
    assert (news2017.loc[true_rows, "source"] == "reuters").mean() >= 0.99
    assert "subject" in news2017.columns


def test_seed_acceptance(seed_dir):
    df = load(seed_dir / "000_367bf738dcaa9115.txt", progress=False)
    row = df.iloc[0]
    assert row["title"] == "Syrian Army Supported by Russian Air Force on Offensive in Euphrates Valley"
    assert row["date"] == pd.Timestamp("2017-11-23 05:44")
    assert row["source"] == "rt.com"
    assert row["text"].startswith("Syrian troops are making")
    assert "FILE PHOTO" not in row["text"] and "©" not in row["text"]
    assert "No comments:" not in row["text"]
    assert row["warnings"] == ""


def test_summary_on_news2017(news2017):
    s = summary(news2017, duplicates=find_duplicates(news2017))
    assert s.by_period["n_articles"].sum() == len(news2017)
    assert s.by_source.set_index("source").loc["reuters", "n_articles"] >= 979
