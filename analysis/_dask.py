"""Running the analyses on a Dask cluster.

``terms.term_frequencies``, ``terms.trends``, ``terms.keyness``,
``sentences.article_stats``, ``sentences.sentence_table``,
``corpus.find_duplicates`` and ``topics.cluster`` accept a
``dask.dataframe.DataFrame`` where they accept a pandas corpus table. They
run the same per-partition code as the pandas path (the pure building blocks
such as :func:`analysis.terms.count_chunk`) on the cluster's workers and
combine the partial results exactly: counts add, and anything that is not a
sum (a median, a rate) is computed once from the combined counts, never
averaged across partitions.

Which cluster: the Dask client already active in the session
(``distributed.Client(...)`` made by the user), else the scheduler at
``$ANALYSIS_DASK_SCHEDULER`` (e.g. ``tcp://10.0.0.5:8786``), else a local
cluster with one single-threaded worker process per core, started once. A
cluster chosen here becomes the session's default client, so the lazy results
(``article_stats`` and ``sentence_table`` return Dask DataFrames) compute there
as well.
"""

from __future__ import annotations

import atexit
import os
import threading

SCHEDULER_ENV = "ANALYSIS_DASK_SCHEDULER"

_local = {}
_lock = threading.Lock()


def is_dask(data) -> bool:
    """Whether ``data`` is a Dask DataFrame (without importing Dask when it is not loaded)."""
    module = type(data).__module__
    if not module.startswith("dask"):
        return False
    import dask.dataframe as dd

    return isinstance(data, dd.DataFrame)


def get_client():
    """The distributed client to run on: the session's, ``$ANALYSIS_DASK_SCHEDULER``'s, or a local cluster."""
    from distributed import Client, LocalCluster, default_client

    try:
        return default_client()
    except ValueError:
        pass
    address = os.environ.get(SCHEDULER_ENV)
    with _lock:
        client = _local.get(address)
        if client is not None and client.status == "running":
            return client
        if address:
            try:
                client = Client(address)
            except OSError as exc:
                raise ConnectionError(
                    f"cannot reach the Dask scheduler at {SCHEDULER_ENV}={address!r} ({exc}); "
                    f"check the address, or unset {SCHEDULER_ENV} to use a local cluster"
                ) from exc
        else:
            # Processes, not threads: tokenising is pure Python and holds the GIL.
            cluster = LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True,
                                   dashboard_address=":0")
            client = Client(cluster)
            atexit.register(_close, client, cluster)
        _local[address] = client
        return client


def _close(client, cluster=None):
    try:
        client.close()
        if cluster is not None:
            cluster.close()
    except Exception:  # the interpreter is exiting; a cluster already gone is fine
        pass


def map_reduce(ddf, partial, combine, *, progress: bool = True, desc: str = "partitions", width: int = 8):
    """Apply ``partial`` to every partition of ``ddf`` and fold the results with ``combine``.

    ``partial(pandas_frame) -> result`` runs on the workers; ``combine(list_of_results)
    -> result`` must be associative (counts add). Results are combined on the workers,
    ``width`` at a time as they arrive, so no machine holds every partial result.
    The whole result comes back or an error does: the scheduler retries the tasks of a
    worker lost mid-run, and when retries run out a :class:`RuntimeError` says so,
    rather than a partial result being returned.
    """
    from dask import delayed
    from distributed import as_completed

    from analysis._progress import bar as progress_bar

    client = get_client()
    futures = client.compute([delayed(partial)(part) for part in ddf.to_delayed()])
    if not futures:
        raise ValueError("the Dask DataFrame has no partitions")
    first = set(futures)
    ready = []
    with progress_bar(total=len(futures), desc=f"dask: {desc}", unit="partition", enabled=progress) as bar:
        done = as_completed(futures, loop=client.loop)
        for future in done:
            if future in first:
                bar.update(1)
            ready.append(future)
            if len(ready) >= width or (len(ready) > 1 and done.is_empty()):
                done.add(client.submit(combine, ready, pure=False))
                ready = []
    return _result(ready[0])


def compute_all(tasks, *, progress: bool = True, desc: str = "partitions") -> list:
    """Compute a list of delayed tasks on the cluster; the results in the same order."""
    from distributed import as_completed

    from analysis._progress import bar as progress_bar

    client = get_client()
    futures = client.compute(list(tasks))
    with progress_bar(total=len(futures), desc=f"dask: {desc}", unit="partition", enabled=progress) as bar:
        for _ in as_completed(futures, loop=client.loop):
            bar.update(1)
    return [_result(f) for f in futures]


def map_frames(ddf, func, meta, **options):
    """``func(partition, **options)`` on every partition, as a lazy Dask DataFrame shaped like ``meta``.

    The cluster is chosen now (see the module docstring) and becomes the
    session's default, so a later ``.compute()`` runs there too.
    """
    get_client()
    return ddf.map_partitions(func, meta=meta, enforce_metadata=False, **options)


def _result(future):
    from distributed.client import FutureCancelledError

    try:
        return future.result()
    except FutureCancelledError as exc:
        raise RuntimeError(f"the Dask computation was cancelled ({exc}); no result was returned") from exc
    except Exception as exc:
        if type(exc).__name__ == "KilledWorker":
            raise RuntimeError(
                "Dask workers died repeatedly while computing this result, so it was abandoned rather than "
                f"returned incomplete ({exc}). Workers usually die from lack of memory: use smaller "
                "partitions (corpus.to_parquet(..., partition_size=...)) or workers with more memory."
            ) from exc
        raise
