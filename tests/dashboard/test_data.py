"""Tests for events.dashboard.data: the page's store location and the events loaded from it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from events.dashboard import data
from events.dashboard import filters as flt
from events.store import Store
from tests.dashboard.test_filters import sample_frame
from tests.dashboard_data import ROOT


def test_db_path_env_override() -> None:
    assert data.db_path({}) == data.DEFAULT_DB == ROOT / "data" / "events.db"
    assert data.db_path({"EVENTS_DB": "  "}) == data.DEFAULT_DB
    assert data.db_path({"EVENTS_DB": "/tmp/x.db"}) == Path("/tmp/x.db")


def test_load_events_in_chunks_with_shared_cells(tmp_path: Path) -> None:
    from tests.dashboard_data import build_store

    db = tmp_path / "e.db"
    build_store(db, tmp_path / "articles")
    with Store(db, readonly=True) as store:
        plain = data.load_events(store)
        chunked = data.load_events(store, chunk_articles=1)  # one article per read, shared cells
        one_read_shared = data.load_events(store, share_above=0)
    assert flt.is_prepared(plain) and flt.is_prepared(chunked)
    pd.testing.assert_frame_equal(plain, one_read_shared)
    assert len({id(a) for a in one_read_shared["actors"]}) < len(one_read_shared)
    key = ["report_id"]
    a = plain.sort_values(key).reset_index(drop=True)
    b = chunked.sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)
    # equal cells are one object; different cells stay different
    cells: dict[str, Any] = {}
    for actors in chunked["actors"]:
        cells.setdefault(json.dumps(actors, sort_keys=True), []).append(id(actors))
    assert all(len(set(ids)) == 1 for ids in cells.values())
    assert len({id(a) for a in chunked["actors"]}) == len(cells)
    assert len({id(d) for actors in chunked["actors"] for d in actors}) == len(
        {json.dumps(d, sort_keys=True) for actors in chunked["actors"] for d in actors}
    )


def test_share_repeated_keeps_values() -> None:
    raw = sample_frame()
    shared = data.share_repeated(pd.concat([raw, raw], ignore_index=True))
    assert shared["actors"].iloc[0] is shared["actors"].iloc[len(raw)]
    assert shared["countries"].iloc[0] is shared["countries"].iloc[len(raw)]
    assert list(shared["actors"].iloc[: len(raw)]) == list(raw["actors"])


def test_shown_path_is_relative_inside_the_working_folder(tmp_path: Path) -> None:
    inside = tmp_path / "data" / "events.db"
    assert data.shown_path(inside, tmp_path) == Path("data/events.db")
    elsewhere = Path("/somewhere/else.db")
    assert data.shown_path(elsewhere, tmp_path) == elsewhere
