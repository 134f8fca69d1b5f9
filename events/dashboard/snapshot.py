"""A columnar copy of the dashboard's tables beside the store, memory-mapped at start instead of rebuilt from SQLite.

`<store>.snapshot/` holds `reports.arrow` and `events.arrow`: the corrected reports and events exactly as
`data.load_tables` builds them (helper columns included), as uncompressed Arrow IPC files that the OS maps into
memory. Each file carries the store version it was made from; a file of another version is not read. Cells that
are lists (actors, countries, an event's reports) are stored as a dictionary of distinct cells over a dictionary
of distinct items: each is decoded once, and a cell is one object shared by the rows that hold it (the
dashboard's tables are read-only).
"""

from __future__ import annotations

import gc
import json
import logging
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from events.store import SNAPSHOT_SUFFIX, Store

log = logging.getLogger(__name__)

PARTS = ("reports", "events")
FORMAT = "2"  # bump when the files' layout changes: older snapshots are then rebuilt
_KEY = b"events_snapshot"  # the schema metadata key of the snapshot's own facts


def folder(store_path: Path) -> Path:
    """Where a store's snapshot lives: beside it, `<store file name>.snapshot/`."""
    return store_path.with_name(store_path.name + SNAPSHOT_SUFFIX)


def version_key(store: Store) -> str:
    """The store version a snapshot is made for, without the store's path (a moved store keeps its snapshot)."""
    _, db_id, changes = store.version().rsplit("|", 2)
    return f"{db_id}|{changes}"


def _list_columns(df: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Columns whose cells are lists or tuples -> how to rebuild them: the cell type, and whether the items
    are strings ("str") or JSON values ("json")."""
    out = {}
    for col in df.columns:
        if df[col].dtype != object:
            continue
        cells = [v for v in df[col] if isinstance(v, list | tuple)]
        if cells:
            items = "str" if all(isinstance(x, str) for c in cells for x in c) else "json"
            out[str(col)] = {"cell": "tuple" if isinstance(cells[0], tuple) else "list", "items": items}
    return out


def _encode(values: pd.Series, items: str) -> pa.Array:
    """A column of lists as a dictionary of distinct cells, each a list of codes into the distinct items.

    Why two levels: an item (an actor, a status with its day) recurs in many distinct cells, and a cell in many
    rows; each is then decoded once. A cell object shared between rows (a big store's) is looked at once.
    """
    item_codes: dict[str, int] = {}
    cell_codes: dict[tuple[int, ...], int] = {}
    by_object: dict[int, int | None] = {}
    codes: list[int | None] = []
    for v in values:
        if id(v) not in by_object:
            if isinstance(v, list | tuple):
                key = tuple(item_codes.setdefault(x if items == "str" else _json(x), len(item_codes)) for x in v)
                by_object[id(v)] = cell_codes.setdefault(key, len(cell_codes))
            else:
                by_object[id(v)] = None
        codes.append(by_object[id(v)])
    offsets = np.cumsum([0, *(len(k) for k in cell_codes)], dtype=np.int32)
    flat = np.fromiter((i for k in cell_codes for i in k), dtype=np.int32, count=int(offsets[-1]))
    item_array = pa.DictionaryArray.from_arrays(pa.array(flat, pa.int32()), pa.array(list(item_codes), pa.string()))
    cells = pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), item_array)
    return pa.DictionaryArray.from_arrays(pa.array(codes, pa.int32()), cells)


def _json(value: Any) -> str:
    """Compact JSON text of one item."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _decode(column: pa.ChunkedArray, how: Mapping[str, str]) -> np.ndarray:
    """The cells `_encode` stored, as an object array: each distinct cell built once, from items decoded once."""
    array = column.combine_chunks()
    cells, codes = array.dictionary, array.indices
    texts = cells.values.dictionary.to_pylist()
    items = texts if how["items"] == "str" else [json.loads(t) for t in texts]
    flat = [items[i] for i in cells.values.indices.to_numpy().tolist()]
    built = _cells(flat, cells.offsets.to_numpy(), tuple if how["cell"] == "tuple" else list)
    built = np.append(built, None)  # the last slot stands for a missing cell
    return built[codes.fill_null(len(cells)).to_numpy()]


def _cells(flat: list[Any], offsets: np.ndarray, make: type[list[Any]] | type[tuple[Any, ...]]) -> np.ndarray:
    """The cells `flat[offsets[i]:offsets[i + 1]]` as an object array of lists or tuples.

    Why the special case: an events table holds one cell per event of its single report's id (1M distinct cells at
    1M events); one item per cell is built without slicing, ~2x faster than a slice per cell.
    """
    n = len(offsets) - 1
    if n > 0 and offsets[-1] - offsets[0] == n and bool((np.diff(offsets) == 1).all()):
        firsts = flat[int(offsets[0]):int(offsets[-1])]
        cells = zip(firsts) if make is tuple else ([x] for x in firsts)
        return np.fromiter(cells, dtype=object, count=n)
    bounds = offsets.tolist()
    return np.fromiter((make(flat[a:b]) for a, b in pairwise(bounds)), dtype=object, count=n)


def to_arrow(df: pd.DataFrame, facts: Mapping[str, Any]) -> pa.Table:
    """The table as Arrow: list columns encoded (`_encode`), the rest by pandas' own conversion (its dtypes kept
    in the schema), `facts` (and how to rebuild the list columns) in the schema metadata."""
    lists = _list_columns(df)
    table = pa.Table.from_pandas(df.drop(columns=list(lists)), preserve_index=False)
    for col, how in lists.items():
        table = table.append_column(col, _encode(df[col], how["items"]))
    own = {**facts, "list_columns": lists, "order": [str(c) for c in df.columns], "format": FORMAT}
    return table.replace_schema_metadata({**(table.schema.metadata or {}), _KEY: json.dumps(own).encode()})


def from_arrow(table: pa.Table) -> pd.DataFrame:
    """The pandas table `to_arrow` stored; equal cells are one shared object."""
    own = facts_of(table.schema)
    lists: dict[str, dict[str, str]] = own["list_columns"]
    # one chunk per column (free when the file holds one record batch): taking rows from a column of several
    # chunks costs ~20x more, and the page takes its filtered rows on every filter change
    table = table.combine_chunks()
    # split_blocks: each number column stays a view of the file's memory-mapped pages where Arrow allows it instead
    # of being copied into one block per dtype (1M events: ~125 MB less heap); the tables are read-only anyway
    df = table.drop_columns(list(lists)).to_pandas(split_blocks=True)
    with _gc_paused():
        for col, how in lists.items():
            df[col] = pd.Series(_decode(table.column(col), how), index=df.index, dtype="object")
    return df[own["order"]]


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off for a while (then as it was).

    Why: decoding makes up to a million small lists, and the collector, triggered every few hundred of them, walks
    all those made so far: ~2/3 of the decoding time at 1M events. They hold no cycles (refcounting frees them).
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def facts_of(schema: pa.Schema) -> dict[str, Any]:
    """The snapshot's own facts in a file's schema ({} for an Arrow file that is not a snapshot)."""
    raw = (schema.metadata or {}).get(_KEY)
    return json.loads(raw) if raw else {}


def write(store: Store, tables: Mapping[str, pd.DataFrame], facts: Mapping[str, Any] | None = None) -> Path | None:
    """Write the tables (`PARTS`) as the store's snapshot; None (and a warning in the log) when it cannot be.

    Each file is written under a temporary name and renamed over the old one, so a reader sees a whole file of
    one version or the other.
    """
    if store.memory:
        return None
    where = folder(store.path)
    key = version_key(store)
    try:
        where.mkdir(exist_ok=True)
        for part in PARTS:
            # one record batch: the reader's columns are then one chunk each without a copy (see from_arrow)
            table = to_arrow(tables[part], {"version": key, **(facts or {})}).combine_chunks()
            tmp = where / f".{part}.arrow.{os.getpid()}.tmp"
            with pa.OSFile(str(tmp), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
                writer.write_table(table)
            os.replace(tmp, where / f"{part}.arrow")
    except OSError as exc:
        log.warning("could not write the dashboard snapshot in %s: %s", where, exc)
        for leftover in where.glob(f".*.arrow.{os.getpid()}.tmp"):
            leftover.unlink(missing_ok=True)
        return None
    return where


def read(store: Store) -> tuple[dict[str, pd.DataFrame], dict[str, Any]] | None:
    """The snapshot's tables and facts, or None when there is none of the store's current version."""
    if store.memory:
        return None
    where = folder(store.path)
    key = version_key(store)
    tables: dict[str, pd.DataFrame] = {}
    facts: dict[str, Any] = {}
    for part in PARTS:
        path = where / f"{part}.arrow"
        try:
            table = pa.ipc.open_file(pa.memory_map(str(path), "r")).read_all()
        except (OSError, pa.ArrowInvalid) as exc:
            if path.exists():
                log.warning("the dashboard snapshot %s cannot be read (%s): rebuilding it from the store", path, exc)
            return None
        facts = facts_of(table.schema)
        if facts.get("version") != key or facts.get("format") != FORMAT:
            return None
        tables[part] = from_arrow(table)
    return tables, facts
