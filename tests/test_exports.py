"""Streaming exports: the store read a chunk of whole events at a time gives the same files as the tables built in
memory, corrections (merges, splits, set fields, not-events, orphans) included."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import exports
from events.corrections import Correction
from events.dashboard.tables import frame_csv, frame_parquet
from events.event_table import corrected_tables
from events.pipeline import extract_paths, jsonl_lines
from events.store import Store
from tests.test_group_store import AUG, SUMMIT, _article

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"


def in_memory(store: Store, unit: str) -> pd.DataFrame:
    """The table the exports wrote before they streamed: everything read, then corrected."""
    reports, events, _ = corrected_tables(store.events_frame(), store.corrections())
    return events if unit == "events" else reports


def streamed(store: Store, fmt: str, unit: str, size: int) -> bytes:
    """What exports.write gives, in chunks of about `size` reports."""
    buf = io.BytesIO()
    written = exports.write(store, fmt, unit, buf, size=size)
    assert written.rows == len(in_memory(store, unit))
    return buf.getvalue()


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The bundled corpus, grouped, with one correction of each kind and one whose report is gone."""
    store = Store(tmp_path_factory.mktemp("exports") / "s.db")
    for article, events in extract_paths(sorted(CORPUS.glob("*.md"))):
        store.ingest(article, events)
    store.update_groups()
    frame = store.events_frame()
    several = frame.groupby("event_id")["report_id"].agg(list)
    several = several[several.map(len) > 1]
    assert len(several) >= 3, "the corpus should report some events several times"
    first, second, third = (ids for ids in several.iloc[:3])
    singles = frame.loc[~frame["event_id"].isin(several.index), "report_id"].tolist()
    store.add_correction(Correction("merge", singles[0], other=singles[-1], who="t"))
    store.add_correction(Correction("split", first[-1], who="t"))
    store.add_correction(Correction("set", second[0], "status", "cancelled", who="t"))
    store.add_correction(Correction("not_event", third[0], who="t"))
    store.add_correction(Correction("set", "no-such-report", "status", "planned", who="t"))
    return store


@pytest.mark.parametrize("unit", exports.UNITS)
@pytest.mark.parametrize("size", [1, 7, 100_000])
def test_csv_and_jsonl_streamed_equal_the_tables_built_in_memory(corpus_store: Store, unit: str, size: int) -> None:
    table = in_memory(corpus_store, unit)
    assert corpus_store.corrections() and len(table) > 20
    assert streamed(corpus_store, "csv", unit, size) == frame_csv(table)
    assert streamed(corpus_store, "jsonl", unit, size) == "".join(jsonl_lines(table)).encode("utf-8")


@pytest.mark.parametrize("unit", exports.UNITS)
def test_parquet_streamed_holds_the_same_rows_in_row_groups(corpus_store: Store, unit: str) -> None:
    data = streamed(corpus_store, "parquet", unit, 9)
    got, want = pq.read_table(io.BytesIO(data)), pq.read_table(io.BytesIO(frame_parquet(in_memory(corpus_store, unit))))
    assert pq.ParquetFile(io.BytesIO(data)).num_row_groups > 3  # written chunk by chunk
    assert got.schema == want.schema and got.to_pylist() == want.to_pylist()


def test_orphan_corrections_are_reported(corpus_store: Store) -> None:
    written = exports.write(corpus_store, "jsonl", "events", io.BytesIO())
    assert [c.anchor for c in written.orphans] == ["no-such-report"]


def test_chunks_by_event_hold_whole_events_in_the_order_of_their_first_report(corpus_store: Store) -> None:
    chunks = list(corpus_store.report_chunks(by_event=True, size=4))
    assert len(chunks) > 5
    seen = [set(chunk["event_id"]) for chunk in chunks]
    for i, a in enumerate(seen):
        assert all(not a & b for b in seen[i + 1:])  # no event in two chunks
    whole = corpus_store.events_frame()
    together = pd.concat(chunks, ignore_index=True)
    assert sorted(together["report_id"]) == sorted(whole["report_id"])  # every report once
    firsts = whole.drop_duplicates("event_id")["event_id"].tolist()
    assert together.drop_duplicates("event_id")["event_id"].tolist() == firsts


def test_an_empty_store_exports_a_header_only(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.db") as store:
        for unit in exports.UNITS:
            assert streamed(store, "csv", unit, 10) == frame_csv(in_memory(store, unit))
            assert streamed(store, "jsonl", unit, 10) == b""
            assert pq.read_table(io.BytesIO(streamed(store, "parquet", unit, 10))).num_rows == 0


_KINDS = [SUMMIT, [("air_attack", "occurred", AUG, ["RUS", "UKR"], "Kyiv")],
          [("talks", "planned", None, ["USA", "RUS"], None), ("summit", "occurred", AUG, ["USA", "RUS"], None)]]
_step = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 2)),
    st.tuples(st.sampled_from(["split", "not_event"]), st.integers(0, 30)),
    st.tuples(st.just("merge"), st.integers(0, 30), st.integers(0, 30)),
    st.tuples(st.just("undo"), st.integers(0, 9)),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_step, min_size=1, max_size=14), st.integers(1, 5))
def test_any_store_and_corrections_stream_as_they_read_in_memory(steps: list[tuple], size: int) -> None:
    with Store(":memory:") as store:
        for n, step in enumerate(steps):
            ids = sorted(store.events_frame()["report_id"])
            if step[0] == "add":
                store.ingest(*_article(f"art{n}", AUG, f"outlet {n % 3}", _KINDS[step[1]]))
                store.update_groups()
            elif step[0] in ("split", "not_event") and ids:
                store.add_correction(Correction(step[0], ids[step[1] % len(ids)], who="t"))
            elif step[0] == "merge" and len(ids) > 1 and ids[step[1] % len(ids)] != ids[step[2] % len(ids)]:
                store.add_correction(Correction("merge", ids[step[1] % len(ids)], other=ids[step[2] % len(ids)],
                                                who="t"))
            elif step[0] == "undo" and (live := [c for c in store.corrections() if c.undone_at is None]):
                store.undo_correction(live[step[1] % len(live)].correction_id)
        for unit in exports.UNITS:
            chunks, _ = exports.tables(store, unit, size)
            got = pd.concat(list(chunks), ignore_index=True)
            pd.testing.assert_frame_equal(got, in_memory(store, unit).reset_index(drop=True))
