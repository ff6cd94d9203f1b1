"""The analyses on a real distributed cluster (two worker processes) give the pandas results exactly.

Term-frequency equality lives in test_dask_terms.py; this file covers storage, sentences, duplicates,
topics, and what happens when a worker dies.
"""

from __future__ import annotations

import os
import signal
import threading
import time

import pandas as pd
import pytest

from analysis import _dask, corpus, datasets, sentences, terms
from conftest import as_dask


@pytest.fixture(scope="module")
def lee():
    df = datasets.load_corpus("default", progress=False)
    return df


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    return df.reset_index(drop=True)


def test_article_stats_and_sentence_table_match_pandas(dask_client, lee):
    ddf = as_dask(lee, npartitions=5)
    pd.testing.assert_frame_equal(_plain(sentences.article_stats(ddf, keep="source").compute()),
                                  sentences.article_stats(lee, keep="source", progress=False))
    pd.testing.assert_frame_equal(_plain(sentences.sentence_table(ddf).compute()),
                                  sentences.sentence_table(lee, progress=False))
    both = sentences.tables(ddf, keep="source")
    pd.testing.assert_frame_equal(_plain(both.sentences.compute()),
                                  sentences.sentence_table(lee, keep="source", progress=False))
    pd.testing.assert_frame_equal(_plain(both.articles.compute()),
                                  sentences.article_stats(lee, keep="source", progress=False))


@pytest.mark.slow
def test_sentences_match_pandas_on_news2017(dask_client, news2017):
    ddf = as_dask(news2017, npartitions=6)
    pd.testing.assert_frame_equal(_plain(sentences.article_stats(ddf).compute()),
                                  sentences.article_stats(news2017, progress=False))


def test_parquet_round_trip_keeps_the_columns_and_rows(dask_client, lee, tmp_path):
    corpus.to_parquet(lee, tmp_path / "lee", partition_size=100, progress=False)
    ddf = corpus.load(tmp_path / "lee", engine="dask")
    assert ddf.npartitions == 3
    back = _plain(ddf.compute())
    assert list(back.columns) == list(lee.columns)
    pd.testing.assert_frame_equal(back, lee, check_dtype=False)
    again = corpus.load(tmp_path / "lee", progress=False)
    pd.testing.assert_frame_equal(_plain(again), lee, check_dtype=False)


def test_parquet_from_a_folder_of_files_streams_and_reports(dask_client, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(30):
        (folder / f"{i:03d}.txt").write_text(f"Title {i}\n\nBody of article {i}. It rained in town {i}.\n")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    with pytest.warns(UserWarning, match="broken.txt"):
        corpus.to_parquet(folder, tmp_path / "parquet", partition_size=8, progress=False)
    ddf = corpus.load(tmp_path / "parquet", engine="dask")
    assert ddf.npartitions == 4
    df = ddf.compute()
    assert len(df) == 30 and df["doc_id"].is_unique
    report = corpus.load_report(corpus.load(tmp_path / "parquet", progress=False))
    assert (report["item"].str.contains("broken.txt") & (report["status"] == "skipped")).any()


def test_an_unreadable_parquet_partition_is_reported_not_a_crash(dask_client, lee, tmp_path):
    corpus.to_parquet(lee, tmp_path / "lee", partition_size=100, progress=False)
    victim = sorted((tmp_path / "lee").glob("*.parquet"))[1]
    victim.write_bytes(b"not parquet at all")
    with pytest.warns(UserWarning, match=victim.name):
        ddf = corpus.load(tmp_path / "lee", engine="dask")
    assert len(ddf.compute()) == 200
    with pytest.raises(corpus.CorpusError, match=victim.name):
        corpus.load(tmp_path / "lee", engine="dask", strict=True)


def test_find_duplicates_matches_pandas(dask_client, lee):
    doubled = pd.concat([lee, lee.iloc[:20].assign(doc_id=lambda d: d["doc_id"] + "-copy")], ignore_index=True)
    expected = corpus.find_duplicates(doubled)
    got = corpus.find_duplicates(as_dask(doubled, npartitions=4))
    pd.testing.assert_frame_equal(got, expected)
    assert len(expected) >= 20


def _worker_pids(client) -> list[int]:
    return list(client.run(os.getpid).values())


def test_a_killed_worker_is_replaced_and_the_counts_stay_complete(dask_client, lee):
    big = pd.concat([lee] * 8, ignore_index=True).assign(doc_id=lambda d: [f"d{i}" for i in range(len(d))])
    expected = terms.term_frequencies(big, progress=False, n_jobs=1)
    ddf = as_dask(big, npartitions=24)
    result = {}

    def count():
        try:
            result["table"] = terms.term_frequencies(ddf, progress=False)
        except Exception as exc:  # the main thread asserts on it
            result["error"] = exc

    worker = threading.Thread(target=count)
    worker.start()
    deadline = time.monotonic() + 60
    while not any(dask_client.processing().values()) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(_worker_pids(dask_client)[0], signal.SIGKILL)
    worker.join(timeout=300)
    assert not worker.is_alive()
    if "error" in result:  # failing is allowed, but only with a clear message
        assert isinstance(result["error"], RuntimeError) and "abandoned" in str(result["error"])
    else:
        pd.testing.assert_frame_equal(result["table"], expected)
    dask_client.wait_for_workers(2, timeout=60)


def _die(partition):
    os._exit(1)


def test_workers_dying_every_time_give_a_clear_error_not_a_partial_result(lee):
    import dask
    from distributed import Client, LocalCluster

    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=":0") as cluster, \
            Client(cluster):
        with pytest.raises(RuntimeError, match="abandoned rather than returned incomplete"):
            _dask.map_reduce(as_dask(lee, npartitions=2), _die, sum, progress=False)


def test_scheduler_address_from_the_environment_is_used_and_checked(monkeypatch):
    import dask
    import distributed

    def no_client():
        raise ValueError("No clients found")

    monkeypatch.setattr(distributed, "default_client", no_client)  # as in a fresh session
    monkeypatch.setenv(_dask.SCHEDULER_ENV, "tcp://127.0.0.1:9")
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        with pytest.raises(ConnectionError, match="ANALYSIS_DASK_SCHEDULER='tcp://127.0.0.1:9'"):
            _dask.get_client()


def test_cluster_on_dask_fits_a_reproducible_sample_and_assigns_every_article(dask_client, lee):
    from analysis import topics

    ddf = as_dask(lee, npartitions=4)
    result = topics.cluster(ddf, k=3, sample_size=200, progress=False)
    assert "a sample of 200 of 300 articles" in result.fitted_on
    labels = result.labels.compute()
    assert len(labels) == 300 and labels.notna().sum() >= 290
    # The sample's own articles get their fitted topics back from predict.
    fitted = result.articles.set_index("doc_id")["topic"]
    by_id = pd.Series(labels.to_numpy(), index=lee["doc_id"].to_numpy())
    assert (by_id.loc[fitted.index].to_numpy() == fitted.to_numpy()).all()
    # The sample does not depend on the partitioning.
    again = topics.cluster(as_dask(lee, npartitions=7), k=3, sample_size=200, progress=False)
    assert again.labels.compute().tolist() == labels.tolist()


def test_cluster_on_dask_with_the_whole_corpus_as_sample_equals_pandas(dask_client, lee):
    from analysis import topics

    expected = topics.cluster(lee, k=3, progress=False).labels
    got = topics.cluster(as_dask(lee, npartitions=3), k=3, sample_size=1_000, progress=False).labels.compute()
    assert got.tolist() == expected.tolist()
