"""Batches of articles on every core: the one process pool the package uses.

Tokenising and sentence splitting are pure Python and hold the GIL, so cores
are used through processes. The pool is started once and kept for the
session: starting workers costs more than counting a small corpus.

This module knows no analysis: it runs whatever picklable function it is
given. Because workers live for the session, a function must carry every
setting a user can change (word lists, stop words, rules) in its arguments,
typically as a ``functools.partial`` made when the call starts, never read
them from the worker's own module globals, which are as old as the worker.
"""

from __future__ import annotations

import collections
import contextlib
import gc
import itertools
import multiprocessing
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from analysis._input import check_n_jobs, cores
from analysis._progress import bar as progress_bar

#: Characters per batch: large enough that shipping a batch to a worker costs
#: little against processing it, small enough for a live progress bar.
CHUNK_CHARS = 2_000_000

#: Batches below which work stays in this process: starting workers (and
#: shipping texts to them) costs more than it saves on a small corpus.
POOL_MIN_BATCHES = 3

#: Batches below which no pool is started when workers cannot be forked (a
#: notebook kernel has threads): a fork server takes about a second to start,
#: more than a few batches take in this process.
POOL_START_BATCHES = 8

_EXECUTOR: ProcessPoolExecutor | None = None
_EXECUTOR_WORKERS = 0


def n_workers(n_jobs: int | None) -> int:
    """Processes to use: ``n_jobs``, or every core this process may run on for None and -1."""
    n_jobs = check_n_jobs(n_jobs)
    return cores() if n_jobs in (None, -1) else n_jobs


def _worker_init() -> None:
    # Ctrl-C (or a notebook's "interrupt kernel") reaches the whole process
    # group: the parent handles it and cancels pending batches; idle workers
    # should not die printing tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and threading.active_count() == 1


def _running(workers: int) -> bool:
    return _EXECUTOR is not None and _EXECUTOR_WORKERS == workers and not getattr(_EXECUTOR, "_broken", False)


def _module_of(func) -> str:
    while hasattr(func, "func"):  # functools.partial
        func = func.func
    return func.__module__


def _executor(workers: int, func) -> ProcessPoolExecutor:
    """The session's process pool, restarted when the size changes or a worker died.

    The module of ``func`` (and with it what it imports) is loaded before the
    workers start, so they inherit it instead of each importing it again.
    """
    global _EXECUTOR, _EXECUTOR_WORKERS
    if _EXECUTOR is not None and not _running(workers):
        _EXECUTOR.shutdown(wait=False, cancel_futures=True)
        _EXECUTOR = None
    if _EXECUTOR is None:
        preload = [_module_of(func), "pyarrow.compute"]
        for module in preload:  # imported once here, inherited by forked workers
            __import__(module)
        if _can_fork():
            # A single-threaded process forks safely, fast, and without
            # re-running the user's script in the workers (a script need not
            # guard its code with `if __name__ == "__main__"`).
            context = multiprocessing.get_context("fork")
        elif "forkserver" in multiprocessing.get_all_start_methods():
            # Forking a process with threads (a notebook kernel) is unsafe; a
            # fork server with the package preloaded starts workers safely.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(preload)
        else:
            context = multiprocessing.get_context("spawn")
        _EXECUTOR = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_init)
        _EXECUTOR_WORKERS = workers
        # Start the workers now, while the process may still be single-threaded.
        _EXECUTOR.submit(int).result()
    return _EXECUTOR


def shutdown() -> None:
    """Stop the session's worker pool and wait for its workers to exit (the next call that needs one starts it)."""
    global _EXECUTOR, _EXECUTOR_WORKERS
    if _EXECUTOR is not None:
        _EXECUTOR.shutdown(wait=True, cancel_futures=True)
    _EXECUTOR, _EXECUTOR_WORKERS = None, 0


def batches(texts: Iterable, *columns: Iterable, chunk_chars: int = CHUNK_CHARS) -> Iterator[tuple[list, ...]]:
    """Group texts, and the values of parallel ``columns``, into batches of about ``chunk_chars`` characters.

    Each batch is a tuple ``(texts, *columns)`` of lists; a column given as
    None stays None in every batch.
    """
    iters = [iter(c) if c is not None else None for c in columns]
    batch: list = []
    extra: list[list] = [[] for _ in columns]
    size = 0

    def flush():
        return (batch, *[e if it is not None else None for e, it in zip(extra, iters)])

    for text in texts:
        batch.append(text)
        for values, it in zip(extra, iters):
            if it is not None:
                values.append(next(it))
        size += len(text) if isinstance(text, str) else 0
        if size >= chunk_chars:
            yield flush()
            batch, extra, size = [], [[] for _ in columns], 0
    if batch:
        yield flush()


@contextlib.contextmanager
def paused_gc():
    """Pause the cyclic garbage collector, restoring its previous state even when the body raises.

    A batch allocates many small tuples, lists and strings that reference
    counting frees and that never form cycles; with a large process heap
    (pandas, scikit-learn, a notebook's objects, the package's word and name
    caches) the collections those allocations trigger can cost as much as the
    batch itself (``article_stats`` in a notebook); ``sentences.quotes`` on
    the shared corpora spends about 4% of its time in them.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _run(func, batch: tuple):
    with paused_gc():
        return func(*batch)


class _NoBar:
    """What map_batches asks of a bar, doing nothing: without a bar asked for, none is made (a first tqdm
    bar of a process, even a disabled one, makes its multiprocessing lock: 0.6 ms)."""

    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


_NO_BAR = _NoBar()


def map_batches(func, work: Iterator[tuple], *, n_jobs: int | None = None, progress: bool = True,
                total: int | None = None, desc: str = "articles") -> Iterator:
    """``func(*batch)`` for every batch of ``work``, in order; in the process pool when there are enough batches.

    At most two batches per worker are in flight, so a generator of texts is
    read as it is processed and memory does not grow with the corpus. Each
    batch runs with the cyclic garbage collector paused (:func:`paused_gc`).
    ``func`` must be a module-level function (or a ``functools.partial`` of
    one) so that it can be sent to the workers.
    """
    workers = n_workers(n_jobs)
    needed = POOL_MIN_BATCHES if _running(workers) or _can_fork() else POOL_START_BATCHES
    head = list(itertools.islice(work, needed))
    pool = _executor(workers, func) if len(head) >= needed and workers > 1 else None
    # The bar is made after the pool: tqdm starts a monitor thread, and the
    # pool forks only while the process has a single thread.
    bar = progress_bar(total=total, desc=desc, unit="article", enabled=progress, leave=False) if progress else _NO_BAR
    try:
        if pool is None:
            for batch in itertools.chain(head, work):
                yield _run(func, batch)
                bar.update(len(batch[0]))
            return
        pending: collections.deque = collections.deque()
        try:
            for batch in itertools.chain(head, work):
                pending.append((pool.submit(_run, func, batch), len(batch[0])))
                if len(pending) >= 2 * workers:
                    future, size = pending.popleft()
                    yield future.result()
                    bar.update(size)
            while pending:
                future, size = pending.popleft()
                yield future.result()
                bar.update(size)
        finally:
            for future, _ in pending:
                future.cancel()
    finally:
        bar.close()
