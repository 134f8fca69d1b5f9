"""Extraction spread over processes gives what one process gives, in the same order."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from events.parallel import batches, forked_map, ordered_map, resolve_jobs
from events.pipeline import extract_paths
from events.records import ReadProblem

GOLDEN_DEV = Path(__file__).parent / "data" / "golden" / "dev"


def _square_all(xs: list[int]) -> list[int]:
    return [x * x for x in xs]


def test_ordered_map_keeps_order_over_processes():
    assert list(ordered_map(_square_all, range(100), jobs=2, batch=7)) == [x * x for x in range(100)]


def test_small_input_and_one_job_run_here():
    assert list(ordered_map(_square_all, [3, 4], jobs=2)) == [9, 16]
    assert list(ordered_map(_square_all, range(40), jobs=1, batch=4)) == [x * x for x in range(40)]


def _share_with_pid(shared: list[int], k: int) -> tuple[int, int]:
    return sum(shared[k::3]), os.getpid()


def _dies_in_a_worker(shared: int, k: int) -> int:
    if k == 1 and os.getpid() != shared:
        os._exit(1)  # killed, as by the OOM killer
    return k * 10


@pytest.mark.skipif(sys.platform != "linux", reason="workers fork on Linux only")
def test_forked_map_gives_each_share_in_order_from_forked_processes():
    """The shares come back in order, worked on by forked processes that inherit the shared data (a list never
    sent to them); one share is worked on here."""
    found = forked_map(_share_with_pid, list(range(30)), 3)
    assert [total for total, _ in found] == [sum(range(k, 30, 3)) for k in range(3)]
    assert os.getpid() not in {pid for _, pid in found}
    assert forked_map(_share_with_pid, [5, 6], 1) == [(5, os.getpid())]


@pytest.mark.skipif(sys.platform != "linux", reason="workers fork on Linux only")
def test_a_process_may_fork_only_while_it_has_one_thread():
    code = ("import threading, time\nfrom events.parallel import can_fork\nalone = can_fork()\n"
            "threading.Thread(target=time.sleep, args=(2,), daemon=True).start()\nprint(alone, can_fork())")
    root = Path(__file__).resolve().parent.parent
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, timeout=60,
                         env={**os.environ, "PYTHONPATH": str(root)})
    assert run.stdout.split() == ["True", "False"], run.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="workers fork on Linux only")
def test_forked_map_does_a_dead_workers_share_here(capsys: pytest.CaptureFixture[str]):
    assert forked_map(_dies_in_a_worker, os.getpid(), 3) == [0, 10, 20]
    assert "a worker process died" in capsys.readouterr().err


def test_batches_and_jobs():
    assert [len(b) for b in batches(range(10), 4)] == [4, 4, 2]
    assert resolve_jobs(3) == 3 and resolve_jobs(0) >= 1


def test_parallel_extraction_equals_serial():
    def key(items):
        return [item if isinstance(item, ReadProblem)
                else (item[0].path, [(e.event_type, e.status, e.countries, e.date) for e in item[1]])
                for item in items]

    serial = key(extract_paths([GOLDEN_DEV], jobs=1))
    parallel = key(extract_paths([GOLDEN_DEV], jobs=2))
    assert len(serial) >= 90 and parallel == serial


def test_parallel_ingest_stores_what_serial_ingest_stores(tmp_path):
    from events.ingest import ingest_items
    from events.readers import read_paths
    from events.store import Store

    counts = []
    for jobs in (1, 2):
        with Store(tmp_path / f"j{jobs}.db") as store:
            report = ingest_items(store, read_paths([GOLDEN_DEV]), jobs=jobs)
            again = ingest_items(store, read_paths([GOLDEN_DEV]), jobs=jobs)  # nothing changed: nothing extracted
            counts.append((report.new, report.events_added, again.unchanged, len(store.events_frame())))
    assert counts[0] == counts[1] and counts[0][0] >= 90 and counts[0][2] == counts[0][0]
