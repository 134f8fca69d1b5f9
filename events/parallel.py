"""Batches of work spread over processes, results in input order: extraction is CPU-bound Python, so the cores
are the lever for throughput."""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")

BATCH = 16  # items per task: enough to make the cost of sending articles and events between processes small
IN_FLIGHT = 3  # tasks queued per process: the pool stays busy while memory stays bounded on an endless input


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def resolve_jobs(jobs: int | None) -> int:
    """The number of processes for a requested count: 0 or None means one per available core."""
    return available_cores() if not jobs else max(1, jobs)


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of up to `size` items."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def ordered_map(work: Callable[[list[T]], list[R]], items: Iterable[T], jobs: int = 1,
                batch: int = BATCH) -> Iterator[R]:
    """work(batch) over the items' batches, in input order, on up to `jobs` processes (`work` must be a
    module-level function). An input of one batch, or jobs=1, runs here: starting processes would cost more."""
    chunks = batches(items, batch)
    first = next(chunks, [])
    if jobs <= 1 or len(first) < batch:
        for chunk in chain([first], chunks):
            yield from work(chunk)
        return
    # fork shares what this process has loaded (vocabularies, gazetteer); elsewhere each worker loads its own
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    pending: deque[tuple[list[T], Future[list[R]]]] = deque()
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:
        try:
            for chunk in chain([first], chunks):
                pending.append((chunk, pool.submit(work, chunk)))
                if len(pending) >= jobs * IN_FLIGHT:
                    chunk, future = pending.popleft()
                    yield from future.result()
            while pending:
                chunk, future = pending.popleft()
                yield from future.result()
        except BrokenProcessPool:
            # a worker died (killed, out of memory): what it and the others held is done here, and the rest too
            print("events: a worker process died; going on in one process", file=sys.stderr)
            yield from work(chunk)
            for chunk, _ in pending:
                yield from work(chunk)
            for chunk in chunks:
                yield from work(chunk)


def can_fork() -> bool:
    """May this process fork workers that inherit its memory? Only on Linux, and only from a process of one thread:
    forking a threaded one (a dashboard's server) can deadlock."""
    return sys.platform == "linux" and threading.active_count() == 1


# what forked workers read, set before they start: sending it (100,000 reports) would cost more than the work
_INHERITED: tuple[Callable[[Any, int], Any], Any] | None = None


def _run_inherited_batch(shares: list[int]) -> list[Any]:
    """In a worker: the inherited work on some shares of the inherited data."""
    assert _INHERITED is not None, "the work is inherited by forked workers only"
    work, shared = _INHERITED
    return [work(shared, k) for k in shares]


def forked_map(work: Callable[[S, int], R], shared: S, shares: int) -> list[R]:
    """[work(shared, k) for k in range(shares)], each share on a forked process that inherits `shared` (check
    `can_fork` first). This process waits meanwhile: were it to work too, each page it writes to would be copied
    while the workers share it, and that costs more than a worker's start."""
    global _INHERITED
    _INHERITED = (work, shared)
    gc.freeze()  # the workers' collections then leave the inherited objects (and their pages) alone
    try:
        return list(ordered_map(_run_inherited_batch, range(shares), shares, 1))
    finally:
        _INHERITED = None
        gc.unfreeze()
