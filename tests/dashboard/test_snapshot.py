"""The dashboard's snapshot: the tables mapped from Arrow files equal the tables built from the store, a snapshot of
another store version is never read, and a snapshot that cannot be read or written is rebuilt or skipped, said."""

from __future__ import annotations

import gc
import io
import itertools
import logging
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from events.cli import main
from events.corrections import Correction
from events.dashboard import data, snapshot
from events.pipeline import extract_paths
from events.store import Store

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "data" / "corpus"


def _ingest(store: Store, paths: list[Path]) -> None:
    for article, events in extract_paths(paths):
        store.ingest(article, events)
    store.update_groups()


@pytest.fixture
def corpus_store(tmp_path: Path) -> Store:
    """Most of the bundled corpus, grouped, with corrections of each kind and one whose report is gone."""
    store = Store(tmp_path / "s.db")
    _ingest(store, sorted(CORPUS.glob("*.md"))[:-2])
    frame = store.events_frame()
    several = frame.groupby("event_id")["report_id"].agg(list)
    several = several[several.map(len) > 1]
    singles = frame.loc[~frame["event_id"].isin(several.index), "report_id"].tolist()
    store.add_correction(Correction("merge", singles[0], other=singles[-1], who="t"))
    store.add_correction(Correction("split", several.iloc[0][-1], who="t"))
    store.add_correction(Correction("set", several.iloc[1][0], "status", "cancelled", who="t"))
    store.add_correction(Correction("not_event", several.iloc[2][0], who="t"))
    store.add_correction(Correction("set", "no-such-report", "status", "planned", who="t"))
    return store


def assert_same(a: data.Tables, b: data.Tables) -> None:
    """Two loads of the dashboard's tables are equal, value for value and dtype for dtype."""
    pd.testing.assert_frame_equal(a.reports, b.reports)
    pd.testing.assert_frame_equal(a.events, b.events)
    assert a.corrections == b.corrections and a.orphans == b.orphans


def test_the_snapshot_gives_the_tables_built_from_the_store(corpus_store: Store) -> None:
    built = data.load_tables(corpus_store, use_snapshot=False)
    assert not snapshot.folder(corpus_store.path).exists()
    first = data.load_tables(corpus_store)  # no snapshot yet: built, and the snapshot written
    assert (snapshot.folder(corpus_store.path) / "events.arrow").exists()
    mapped = data.load_tables(corpus_store)
    assert snapshot.read(corpus_store) is not None
    assert_same(built, first)
    assert_same(built, mapped)
    assert [c.anchor for c in mapped.orphans] == ["no-such-report"]
    assert mapped.events["corrected"].any() and len(mapped.events) < len(mapped.reports)


def test_equal_cells_are_decoded_once_and_shared(corpus_store: Store) -> None:
    data.write_snapshot(corpus_store)
    found = snapshot.read(corpus_store)
    assert found is not None
    reports = found[0]["reports"]
    by_text: dict[str, set[int]] = {}
    for countries in reports["countries"]:
        by_text.setdefault(repr(countries), set()).add(id(countries))
    assert len(by_text) < len(reports)  # the corpus repeats country pairs
    assert all(len(ids) == 1 for ids in by_text.values())
    assert all(isinstance(v, tuple) for v in reports["_actor_names"])  # a tuple column comes back as tuples


def test_a_snapshot_of_another_version_is_not_read(corpus_store: Store) -> None:
    data.load_tables(corpus_store)
    before = data.load_tables(corpus_store)
    _ingest(corpus_store, sorted(CORPUS.glob("*.md"))[-2:])  # the store changes: the snapshot is stale
    assert snapshot.read(corpus_store) is None
    after = data.load_tables(corpus_store)
    assert len(after.reports) > len(before.reports)
    assert_same(after, data.load_tables(corpus_store, use_snapshot=False))
    corpus_store.add_correction(Correction("not_event", after.reports["report_id"].iloc[0], who="t"))
    assert snapshot.read(corpus_store) is None  # a correction changes the version too
    assert len(data.load_tables(corpus_store).corrections) == len(after.corrections) + 1


def test_a_moved_store_keeps_its_snapshot(corpus_store: Store, tmp_path: Path) -> None:
    data.write_snapshot(corpus_store)
    corpus_store.close()
    moved = tmp_path / "moved"
    moved.mkdir()
    shutil.copy(corpus_store.path, moved / "s.db")
    shutil.copytree(snapshot.folder(corpus_store.path), snapshot.folder(moved / "s.db"))
    with Store(moved / "s.db") as store:
        assert snapshot.read(store) is not None


def test_an_empty_store_round_trips(tmp_path: Path) -> None:
    store = Store(tmp_path / "empty.db")
    built = data.load_tables(store)
    assert len(built.reports) == 0
    assert_same(built, data.load_tables(store))


def test_a_broken_snapshot_is_said_and_rebuilt(corpus_store: Store, caplog: pytest.LogCaptureFixture) -> None:
    want = data.load_tables(corpus_store)
    (snapshot.folder(corpus_store.path) / "reports.arrow").write_bytes(b"not an arrow file")
    with caplog.at_level(logging.WARNING):
        got = data.load_tables(corpus_store)
    assert "reports.arrow cannot be read" in caplog.text
    assert_same(want, got)
    assert snapshot.read(corpus_store) is not None  # written again


def test_an_unwritable_folder_is_said_and_the_tables_still_load(
        corpus_store: Store, caplog: pytest.LogCaptureFixture) -> None:
    snapshot.folder(corpus_store.path).write_text("a file where the snapshot's folder would be")
    with caplog.at_level(logging.WARNING):
        tables = data.load_tables(corpus_store)
    assert "could not write the dashboard snapshot" in caplog.text
    assert_same(tables, data.load_tables(corpus_store, use_snapshot=False))


def test_an_in_memory_store_has_no_snapshot() -> None:
    store = Store(":memory:")
    assert data.write_snapshot(store) is None and snapshot.read(store) is None


def test_ingest_writes_the_snapshot_unless_told_not_to(tmp_path: Path) -> None:
    one, two = sorted(CORPUS.glob("*.md"))[:2]
    db = tmp_path / "c.db"
    out, err = io.StringIO(), io.StringIO()
    assert main(["ingest", str(one), "--db", str(db), "--quiet", "--no-snapshot"], out, err) == 0
    with Store(db) as store:
        assert snapshot.read(store) is None
    assert main(["ingest", str(two), "--db", str(db), "--quiet"], out, err) == 0
    with Store(db) as store:
        found = snapshot.read(store)
        assert found is not None
        assert set(found[0]["reports"]["path"]) == {str(one), str(two)}


@pytest.mark.parametrize("make", [list, tuple])
@pytest.mark.parametrize("lengths", [[1, 1, 1, 1], [1, 0, 2, 1], [0, 0], [], [3]])
def test_cells_of_one_item_each_are_built_as_the_others(make: type, lengths: list[int]) -> None:
    flat = [f"item {i}" for i in range(sum(lengths) + 2)]
    offsets = np.cumsum([1, *lengths])  # the cells start one item in, as a slice of a dictionary's items may
    got = snapshot._cells(flat, offsets, make)
    want = [make(flat[a:b]) for a, b in itertools.pairwise(offsets.tolist())]
    assert got.dtype == object and len(got) == len(want)
    assert all(type(g) is make and g == w for g, w in zip(got, want, strict=True))


def test_reading_leaves_the_garbage_collector_as_it_was(corpus_store: Store) -> None:
    data.write_snapshot(corpus_store)
    gc.disable()
    try:
        assert snapshot.read(corpus_store) is not None and not gc.isenabled()
    finally:
        gc.enable()
    assert snapshot.read(corpus_store) is not None and gc.isenabled()
