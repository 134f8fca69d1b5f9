"""The dashboard's events: where its store is, and the store's events loaded once, prepared for filtering.

Big stores are read a chunk of articles at a time, their repeated list cells shared between rows; `trim_memory` hands
freed heap pages back to the OS after a run over a big store.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from events.corrections import Correction
from events.dashboard import filters as flt
from events.dashboard import snapshot
from events.event_table import corrected_tables
from events.store import Store

ROOT = Path(__file__).resolve().parents[2]
ENV_DB = "EVENTS_DB"  # overrides the store location (tests, several stores side by side)
DEFAULT_DB = ROOT / "data" / "events.db"


def db_path(environ: Mapping[str, str] | None = None) -> Path:
    """The store file: $EVENTS_DB if set, else data/events.db in the project."""
    env = os.environ if environ is None else environ
    value = (env.get(ENV_DB) or "").strip()
    return Path(value).expanduser() if value else DEFAULT_DB


LOAD_CHUNK_ARTICLES = 20_000  # articles per read: bounds the temporary rows SQLite hands back at once
SHARE_ABOVE = 200_000  # events in one read; above this (or with several reads) equal list cells are shared


def load_events(store: Store, *, chunk_articles: int = LOAD_CHUNK_ARTICLES, share_above: int = SHARE_ABOVE) -> pd.DataFrame:
    """The store's events table, prepared for filtering (helper columns added once).

    Big stores are read a chunk of articles at a time (one read of 1M events peaks at 2.8 GB)
    and their repeated actor/country lists are shared between rows (the dashboard's frame is
    read-only): 1M events take ~0.9 GB instead of ~1.9 GB.
    """
    ids = store.articles_frame()["article_id"].tolist()
    if len(ids) <= chunk_articles:  # the usual case: one read
        chunks: list[list[str] | None] = [None]
        share = False  # decided below, once the size is known
    else:
        chunks = [ids[i : i + chunk_articles] for i in range(0, len(ids), chunk_articles)]
        share = True  # more than chunk_articles articles: a big store, where memory matters most
    pool: dict[Any, Any] = _preload_pool(store) if share else {}
    out = []
    for chunk in chunks:  # one chunk's raw rows at a time: they are the bulk of the temporary memory
        part = store.events_frame(article_ids=chunk) if chunk is not None else store.events_frame()
        if chunk is None and len(part) > share_above:
            share = True
        if share:
            part = share_repeated(part, pool)
        prepared = flt.prepare(part)
        del part
        if share:
            prepared[flt.ACTOR_NAMES] = _shared(prepared[flt.ACTOR_NAMES], pool, lambda v: ("names", v))
        out.append(prepared)
    frame = out[0] if len(out) == 1 else pd.concat(out, ignore_index=True)
    if share:
        del out, pool
        _release_memory()
    return frame


def _release_memory() -> None:
    """Hand freed heap pages back to the OS after a big load (glibc keeps them otherwise)."""
    gc.collect()
    trim_memory()


TRIM_ABOVE = 200_000  # events: above this the dashboard hands freed memory back after each run


def trim_memory() -> None:
    """Return the heap pages freed so far to the OS (Arrow's memory pool, and glibc's malloc_trim where it is)."""
    import pyarrow as pa

    pa.default_memory_pool().release_unused()  # the filtered rows' strings live in Arrow's own allocator
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (macOS, musl, Windows): nothing to do
        pass


def _preload_pool(store: Store) -> dict[Any, Any]:
    """The distinct actors/countries lists of the store, made before any chunk is read.

    Why: objects kept from the middle of a chunk pin the memory arenas of that chunk's temporary
    rows (1M events: ~750 MB held for ~100k small objects). Made first, they sit together.
    Reads the store's JSON columns directly (read-only); cells it misses are pooled on the fly.
    """
    import json
    import sqlite3

    if store.memory:
        return {}
    pool: dict[Any, Any] = {}
    try:
        con = sqlite3.connect(store.path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            for col in ("actors", "countries", "attributed_to"):
                for (text,) in con.execute(f'SELECT DISTINCT "{col}" FROM events'):
                    value = json.loads(text or "[]")
                    if col == "actors":
                        kept = _actor_list(value, pool)
                        names = flt.distinct_actor_names(kept)  # what prepare() will compute for these rows
                        pool.setdefault(("names", names), names)
                    else:
                        pool.setdefault((col, tuple(value)), value)
        finally:
            con.close()
    except (sqlite3.Error, ValueError, OSError):
        return {}
    return pool


def _actors_key(value: Any) -> Any:
    """Hashable identity of an actors cell (a list of dicts)."""
    if not isinstance(value, list | tuple):
        return ("actors", None)
    return ("actors", tuple(tuple(a.items()) if isinstance(a, dict) else a for a in value))


def _shared(values: pd.Series, pool: dict[Any, Any], key: Callable[[Any], Any]) -> pd.Series:
    """The column with equal cells replaced by one shared object each."""
    out = [pool.setdefault(key(v), v) for v in values]
    return pd.Series(out, index=values.index, dtype="object")


def _actor_list(value: Any, pool: dict[Any, Any]) -> Any:
    """One shared list per distinct actors cell, made of one shared dict per distinct actor."""
    key = _actors_key(value)
    hit = pool.get(key)
    if hit is None:
        if isinstance(value, list):
            # keep the first dict seen for each actor: the parsed copies (and their strings) are freed
            value[:] = [pool.setdefault(("actor", tuple(a.items())), a) if isinstance(a, dict) else a for a in value]
        hit = pool[key] = value
    return hit


def share_repeated(df: pd.DataFrame, pool: dict[Any, Any] | None = None) -> pd.DataFrame:
    """A copy of the events table whose equal actors/countries/attributed_to cells are one object.

    Only for tables nobody modifies in place (the dashboard's): a change to one shared list would
    show in every row that shares it.
    """
    pool = {} if pool is None else pool
    out = df.copy(deep=False)
    out["actors"] = pd.Series([_actor_list(v, pool) for v in df["actors"]], index=df.index, dtype="object")
    for col in ("countries", "attributed_to"):
        out[col] = _shared(df[col], pool, lambda v, col=col: (col, tuple(v) if isinstance(v, list | tuple) else None))
    return out


def shown_path(db: Path, cwd: Path) -> Path:
    """The store's path as the sidebar names it: relative to the working folder when inside it."""
    return db.resolve().relative_to(cwd) if db.resolve().is_relative_to(cwd) else db


@dataclass(frozen=True)
class Tables:
    """The store's reports and events, the analyst's corrections applied, prepared for filtering."""

    reports: pd.DataFrame  # each with its (corrected) event_id
    events: pd.DataFrame  # one row per event across articles, corrected values, `corrected` flag
    corrections: tuple[Correction, ...]  # every correction, undone ones included
    orphans: tuple[Correction, ...]  # corrections whose reports are no longer stored


def load_tables(store: Store, *, use_snapshot: bool = True) -> Tables:
    """The store's reports (`load_events`) and events, corrected: from the store's snapshot when it is of the
    store's version, else built from the store (and the snapshot written for the next start)."""
    corrections = tuple(store.corrections())
    if use_snapshot and (found := snapshot.read(store)) is not None:
        frames, facts = found
        orphan_ids = set(facts.get("orphans", ()))
        tables = Tables(frames["reports"], frames["events"], corrections,
                        tuple(c for c in corrections if c.correction_id in orphan_ids))
    else:
        tables = build_tables(store, corrections)
        if use_snapshot:
            write_snapshot(store, tables)
    return tables


def freeze_long_lived() -> None:
    """Move every object alive now (the tables' cells above all) out of the cyclic garbage collector's walks for good
    (for a process that keeps its tables, like the page: a library call does not freeze its caller's objects).

    Why: the tables hold up to millions of small lists and tuples, which live as long as the tables and hold no
    cycles; the collector would walk all of them at each full collection (1M events: ~0.15 s, once every few reruns,
    at random). Frozen, they are still freed by reference counting when the tables go.
    """
    gc.freeze()


def build_tables(store: Store, corrections: tuple[Correction, ...]) -> Tables:
    """The store's reports and events with `corrections` applied, read from SQLite."""
    reports, events, orphans = corrected_tables(load_events(store), corrections)
    return Tables(reports, flt.prepare(events), corrections, orphans)


def write_snapshot(store: Store, tables: Tables | None = None) -> Path | None:
    """Write the store's snapshot (of `tables`, or of the tables built from the store now)."""
    if store.memory:
        return None
    if tables is None:
        tables = build_tables(store, tuple(store.corrections()))
    return snapshot.write(store, {"reports": tables.reports, "events": tables.events},
                          {"orphans": [c.correction_id for c in tables.orphans]})
