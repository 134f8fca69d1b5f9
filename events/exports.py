"""Exports of a store that stream: CSV, JSON lines and Parquet written a chunk of whole events at a time, the
analysts' corrections applied, so memory stays flat however large the store (same content as the in-memory
tables of `event_table.corrected_tables`)."""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

import pandas as pd

from events import corrections as corr
from events.dashboard.tables import frame_csv, parquet_table
from events.event_table import events_table
from events.pipeline import jsonl_lines
from events.schema import empty_frame
from events.store import CHUNK_REPORTS, Store

FORMATS = ("csv", "jsonl", "parquet")
UNITS = ("events", "reports")


@dataclass(frozen=True)
class Written:
    """What an export wrote."""

    rows: int
    orphans: tuple[corr.Correction, ...]  # corrections naming reports the store no longer has: not applied


@dataclass(frozen=True)
class _Plan:
    """The corrections an export applies, worked out once for the whole store."""

    live: tuple[corr.Correction, ...]
    orphans: tuple[corr.Correction, ...]
    events_of: dict[str, str]  # the reports that merges and splits give another event


def _plan(store: Store) -> _Plan:
    """Which corrections apply, and the events of the reports merges and splits move (only those are read)."""
    live = corr.active(store.corrections())
    named = sorted({c.anchor for c in live} | {c.other for c in live if c.other})
    members = store.event_members(named) if named else pd.DataFrame({"report_id": [], "event_id": []})
    known = set(members["report_id"])
    orphans = tuple(c for c in live if c.anchor not in known or (c.other is not None and c.other not in known))
    live = [c for c in live if c not in orphans]
    edits = [c for c in live if c.action in ("merge", "split")]
    moved = corr.apply(members, edits).reports if edits else members.iloc[:0]
    events_of = {r: e for r, e in zip(moved["report_id"], moved["event_id"], strict=True)}
    return _Plan(tuple(live), orphans, events_of)


def tables(store: Store, unit: str, size: int = CHUNK_REPORTS) -> tuple[Iterator[pd.DataFrame],
                                                                        tuple[corr.Correction, ...]]:
    """(the corrected table of `unit` in chunks of about `size` reports, the orphan corrections); at least one
    chunk, maybe empty."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    plan = _plan(store)

    def chunks() -> Iterator[pd.DataFrame]:
        some = False
        for reports in store.report_chunks(by_event=unit == "events", events_of=plan.events_of, size=size):
            some = True
            yield _corrected(reports, unit, plan)
        if not some:
            yield _corrected(empty_frame(), unit, plan)

    return chunks(), plan.orphans


def _corrected(reports: pd.DataFrame, unit: str, plan: _Plan) -> pd.DataFrame:
    """One chunk's table: its reports as they are (their events already moved), or its events corrected."""
    if unit == "reports":
        return reports
    return corr.correct_events(events_table(reports), corr.Applied(reports, plan.orphans, plan.live))


def reports_arrow(reports: pd.DataFrame) -> Any:
    """A reports table as the Arrow table `write` puts in a Parquet file (a Dask dataset's parts are these)."""
    return parquet_table(reports)


def write(store: Store, fmt: str, unit: str, sink: IO[bytes] | Callable[[bytes], Any],
          size: int = CHUNK_REPORTS) -> Written:
    """Write the store's corrected `unit` table as `fmt` to a binary file (or a function taking bytes)."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    chunks, orphans = tables(store, unit, size)
    return Written(_write_chunks(chunks, fmt, sink), orphans)


def write_dataset(path: str | os.PathLike[str], fmt: str, unit: str, sink: IO[bytes] | Callable[[bytes], Any],
                  size: int = CHUNK_REPORTS) -> Written:
    """Write the `unit` table of a Parquet dataset (`ingest --engine dask`) as `fmt`, like `write` a store's."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return Written(_write_chunks(dataset_tables(path, unit, size), fmt, sink), ())


def dataset_tables(path: str | os.PathLike[str], unit: str, size: int = CHUNK_REPORTS) -> Iterator[pd.DataFrame]:
    """The `unit` table of a dataset in chunks of about `size` reports (an event's reports never split), read with
    DuckDB in the order they were read in; at least one chunk, maybe empty."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    some = False
    for reports in _dataset_reports(os.fspath(path), by_event=unit == "events", size=size):
        some = True
        yield reports if unit == "reports" else events_table(reports)
    if not some:
        yield empty_frame() if unit == "reports" else events_table(empty_frame())


def _dataset_reports(path: str, *, by_event: bool, size: int) -> Iterator[pd.DataFrame]:
    """The dataset's reports in frames of about `size`; with `by_event`, each event's reports together, events in
    the order of their first report (as Store.report_chunks gives them)."""
    import duckdb

    from events.schema import EVENT_COLUMNS, to_frame

    files = sorted(glob.glob(os.path.join(glob.escape(path), "events", "month=*", "*.parquet")))
    if not files:
        return
    columns = ", ".join(f'"{c}"' for c in EVENT_COLUMNS)
    # reading order: the part's piece (named in input order), then its month's file, then the row
    pos = (r"row_number() OVER (ORDER BY regexp_extract(filename, 'part-([0-9-]+)\.parquet$', 1), filename, "
           "file_row_number)")
    source = "read_parquet($files, hive_partitioning = false, filename = true, file_row_number = true)"
    if by_event:
        sql = (f"SELECT {columns} FROM (SELECT *, min(pos) OVER (PARTITION BY event_id) AS first FROM "
               f"(SELECT *, {pos} AS pos FROM {source})) ORDER BY first, pos")
    else:
        sql = f"SELECT {columns} FROM (SELECT *, {pos} AS pos FROM {source}) ORDER BY pos"
    con = duckdb.connect()
    try:
        reader = con.sql(sql, params={"files": files}).to_arrow_reader(size)
        held = empty_frame()
        for batch in reader:  # batches may come shorter than asked: chunks are cut here
            frame = to_frame(batch.to_pylist())
            held = frame if held.empty else pd.concat([held, frame], ignore_index=True)
            if len(held) < size:
                continue
            cut = len(held)
            if by_event:  # the last event's reports may go on in the next batch: it waits for them
                ids = held["event_id"].to_numpy()
                cut = len(ids) - int((ids[::-1] != ids[-1]).argmax()) if (ids != ids[-1]).any() else 0
            if cut > 0:
                yield held.iloc[:cut].reset_index(drop=True)
                held = held.iloc[cut:].reset_index(drop=True)
        if len(held):
            yield held
    finally:
        con.close()


def _write_chunks(chunks: Iterator[pd.DataFrame], fmt: str, sink: IO[bytes] | Callable[[bytes], Any]) -> int:
    """Write tables one after the other as one CSV, JSON lines or Parquet file; the rows written."""
    rows = 0
    if fmt == "parquet":
        import pyarrow.parquet as pq

        if callable(sink):
            raise ValueError("parquet is written to a file")
        writer: pq.ParquetWriter | None = None
        try:
            for table in chunks:
                arrow = parquet_table(table)
                if writer is None:
                    writer = pq.ParquetWriter(sink, arrow.schema)
                writer.write_table(arrow.cast(writer.schema))
                rows += len(table)
        finally:
            if writer is not None:
                writer.close()
        return rows
    put = sink if callable(sink) else sink.write
    for i, table in enumerate(chunks):
        put(frame_csv(table, header=i == 0) if fmt == "csv" else "".join(jsonl_lines(table)).encode("utf-8"))
        rows += len(table)
    return rows
