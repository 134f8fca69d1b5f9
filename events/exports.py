"""Exports of a store that stream: CSV, JSON lines and Parquet written a chunk of whole events at a time, the
analysts' corrections applied, so memory stays flat however large the store (same content as the in-memory
tables of `event_table.corrected_tables`)."""

from __future__ import annotations

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


def write(store: Store, fmt: str, unit: str, sink: IO[bytes] | Callable[[bytes], Any],
          size: int = CHUNK_REPORTS) -> Written:
    """Write the store's corrected `unit` table as `fmt` to a binary file (or a function taking bytes)."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    chunks, orphans = tables(store, unit, size)
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
        return Written(rows, orphans)
    put = sink if callable(sink) else sink.write
    for i, table in enumerate(chunks):
        put(frame_csv(table, header=i == 0) if fmt == "csv" else "".join(jsonl_lines(table)).encode("utf-8"))
        rows += len(table)
    return Written(rows, orphans)
