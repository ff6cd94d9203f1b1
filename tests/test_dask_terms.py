"""terms on a Dask DataFrame: exactly the pandas result (counts, floats, row order, dtypes).

A real distributed cluster (two worker processes, the ``dask_client`` fixture)
counts the partitions; every result is compared with ``assert_frame_equal`` and
no tolerance.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import as_dask

from analysis import terms

pytest.importorskip("dask.dataframe")

QUERIES = ["trump", "syria", "islamic state"]


def _small() -> pd.DataFrame:
    """A corpus with missing texts and missing group values of several dtypes, groups spread over partitions."""
    return pd.DataFrame({
        "text": ["Putin met Assad in Syria. Islamic State fled.", "", "Syria talks: Putin's plan for Syria",
                 None, "Islamic State fled Raqqa. The U.S. said Syria", "Trump and Putin met. Trump left.",
                 "Budget vote in the House", "   ", "Trump's budget vote failed", "Syria, again: talks in Geneva"],
        "source": ["a", None, "b", "a", None, "b", "c", "c", "a", "b"],
        "label": ["x", "y", None, "x", "y", None, "x", "x", "y", "x"],
        "mixed": pd.Series(["p", None, "q", np.nan, "p", "q", None, "p", "q", "p"], dtype=object),
        "score": [1.0, np.nan, 2.0, 1.0, np.nan, 2.0, 3.0, 3.0, 1.0, 2.0],
        "topic": pd.Categorical(["k", "j", None, "k", "j", "k", "j", "k", "j", "k"], categories=["k", "j", "z"]),
        "date": pd.to_datetime(["2017-01-05", "2017-03-02", None, "2017-03-09", "2017-05-01", "2017-01-01",
                                None, "2017-02-02", "2017-05-30", "2017-01-20"]),
    })


def _with_empty_partition(df: pd.DataFrame):
    """``df`` in 5 partitions: one empty, one of empty texts only."""
    import dask.dataframe as dd

    ddf = dd.concat([as_dask(df.iloc[:3], 1), as_dask(df.iloc[3:3], 1), as_dask(df.iloc[3:], 3)])
    sizes = [len(ddf.get_partition(i).compute()) for i in range(ddf.npartitions)]
    assert 0 in sizes
    return ddf


@pytest.fixture(scope="module")
def small():
    return _small()


@pytest.fixture(scope="module")
def small_dask(small, dask_client):
    return _with_empty_partition(small)


@pytest.mark.parametrize("by", [None, "source", ["label", "source"], "mixed", "score", "topic",
                                ["topic", "mixed", "score"]])
@pytest.mark.parametrize("ngram_range", [(1, 1), (1, 2)])
def test_term_frequencies_small(small, small_dask, by, ngram_range):
    expected = terms.term_frequencies(small, by=by, ngram_range=ngram_range, progress=False)
    got = terms.term_frequencies(small_dask, by=by, ngram_range=ngram_range, progress=False)
    pd.testing.assert_frame_equal(got, expected)


def test_term_frequencies_more_partitions_than_rows_and_options(small, dask_client):
    options = dict(by="source", min_count=2, stopwords=None, token_pattern=terms.SKLEARN_TOKEN_PATTERN)
    expected = terms.term_frequencies(small, progress=False, **options)
    got = terms.term_frequencies(as_dask(small, npartitions=len(small) + 5), progress=False, **options)
    pd.testing.assert_frame_equal(got, expected)


def test_term_frequencies_all_texts_empty(small, dask_client):
    empty = small.assign(text="")
    expected = terms.term_frequencies(empty, by="source", progress=False)
    got = terms.term_frequencies(as_dask(empty, 3), by="source", progress=False)
    assert got.empty
    pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize("by", [None, "source", ["label", "source"]])
@pytest.mark.parametrize("freq", ["M", "W"])
def test_trends_small(small, small_dask, by, freq):
    expected = terms.trends(small, QUERIES, by=by, freq=freq, progress=False)
    got = terms.trends(small_dask, QUERIES, by=by, freq=freq, progress=False)
    pd.testing.assert_frame_equal(got, expected)


def test_trends_date_strings(small, dask_client):
    dated = small.assign(date=small["date"].dt.strftime("%Y-%m-%d"))
    expected = terms.trends(dated, "syria", progress=False)
    pd.testing.assert_frame_equal(terms.trends(as_dask(dated, 3), "syria", progress=False), expected)


def test_trends_errors_on_dask(small, small_dask):
    with pytest.raises(ValueError, match="has no dates"):
        terms.trends(as_dask(small.assign(date=pd.NaT), 3), "syria", progress=False)
    with pytest.raises(ValueError, match="is not a column"):
        terms.trends(small_dask, "syria", date="published", progress=False)
    with pytest.raises(ValueError, match="freq='XX'"):
        terms.trends(small_dask, "syria", freq="XX", progress=False)


@pytest.mark.parametrize(("by", "target"), [("source", "a"), ("source", None), (["label", "source"], ("x", "a"))])
def test_keyness_small(small, small_dask, by, target):
    expected = terms.keyness(small, target, by=by, progress=False)
    got = terms.keyness(small_dask, target, by=by, progress=False)
    pd.testing.assert_frame_equal(got, expected)


def test_keyness_errors_on_dask(small, small_dask):
    with pytest.raises(ValueError, match=r"target='zz' is not a value of 'source'; values include \["):
        terms.keyness(small_dask, "zz", by="source", progress=False)
    with pytest.raises(ValueError, match="no reference"):
        terms.keyness(as_dask(small.assign(source="x"), 3), "x", by="source", progress=False)
    with pytest.raises(ValueError, match="pass by="):
        terms.keyness(small_dask, [True] * len(small), progress=False)
    with pytest.raises(ValueError, match="pass a tuple of 2 values"):
        terms.keyness(small_dask, "a", by=["label", "source"], progress=False)


def test_distinctive_terms_small(small, small_dask):
    for method in ("keyness", "tfidf"):
        expected = terms.distinctive_terms(small, "label", method=method, n=3, progress=False)
        got = terms.distinctive_terms(small_dask, "label", method=method, n=3, progress=False)
        pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize("size", [2, 3])
def test_collocations_small(small, small_dask, size):
    expected = terms.collocations(small, size=size, min_count=1, progress=False)
    got = terms.collocations(small_dask, size=size, min_count=1, progress=False)
    pd.testing.assert_frame_equal(got, expected)
    assert len(expected)


def test_bad_dask_inputs(small_dask):
    with pytest.raises(ValueError, match="no 'text' column"):
        terms.term_frequencies(small_dask.rename(columns={"text": "body"}), progress=False)
    with pytest.raises(ValueError, match="no column 'sourse'"):
        terms.term_frequencies(small_dask, by="sourse", progress=False)


# --- the shared corpora --------------------------------------------------------------


@pytest.fixture(scope="module")
def news2017_dask(news2017, dask_client):
    return as_dask(news2017, 4)


@pytest.fixture(scope="module")
def bbc_dask(bbc, dask_client):
    return as_dask(bbc, 3)


@pytest.mark.slow
@pytest.mark.parametrize("options", [{}, {"by": "source"}, {"by": ["label", "source"]}, {"ngram_range": (1, 2)}],
                         ids=["all", "source", "label-source", "bigrams"])
def test_term_frequencies_news2017(news2017, news2017_dask, options):
    expected = terms.term_frequencies(news2017, n_jobs=1, progress=False, **options)
    got = terms.term_frequencies(news2017_dask, progress=False, **options)
    assert len(got) > 10_000
    pd.testing.assert_frame_equal(got, expected)


@pytest.mark.slow
@pytest.mark.parametrize("options", [{}, {"by": "label"}], ids=["all", "label"])
def test_term_frequencies_bbc(bbc, bbc_dask, options):
    expected = terms.term_frequencies(bbc, n_jobs=1, progress=False, **options)
    pd.testing.assert_frame_equal(terms.term_frequencies(bbc_dask, progress=False, **options), expected)


@pytest.mark.slow
@pytest.mark.parametrize("by", [None, "source"])
def test_trends_news2017(news2017, news2017_dask, by):
    expected = terms.trends(news2017, QUERIES, freq="M", by=by, n_jobs=1, progress=False)
    got = terms.trends(news2017_dask, QUERIES, freq="M", by=by, progress=False)
    assert got["count"].sum() > 0
    pd.testing.assert_frame_equal(got, expected)


@pytest.mark.slow
def test_keyness_news2017(news2017, news2017_dask):
    expected = terms.keyness(news2017, "reuters", by="source", n_jobs=1, progress=False)
    got = terms.keyness(news2017_dask, "reuters", by="source", progress=False)
    assert got["term"].iloc[0] == expected["term"].iloc[0]
    pd.testing.assert_frame_equal(got, expected)


def test_functions_without_a_dask_path_refuse_dask_clearly(small_dask):
    # Reading a Dask DataFrame as an iterable gives its column names: never return that as an empty result.
    from analysis import sentences

    for call in (lambda: terms.kwic(small_dask, "syria"), lambda: terms.mentions(small_dask, progress=False),
                 lambda: sentences.quotes(small_dask, progress=False)):
        with pytest.raises(TypeError, match="not a Dask DataFrame; pass ddf.compute"):
            call()
