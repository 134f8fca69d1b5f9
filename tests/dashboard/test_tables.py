"""Tests for events.dashboard.tables: the filtered events as CSV, JSON and Parquet downloads."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest

from events.dashboard import tables
from events.event_table import EVENT_EXTRA_COLUMNS, events_table
from events.schema import EVENT_COLUMNS, to_frame
from tests.dashboard.test_filters import ROWS, sample_frame


def read_csv_rows(data: bytes) -> list[dict[str, str]]:
    """CSV bytes -> list of row dicts, exactly as a spreadsheet would get the text."""
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_columns_lists_and_dates(reports_df: pd.DataFrame) -> None:
    rows = read_csv_rows(tables.frame_csv(reports_df))
    assert list(rows[0]) == list(EVENT_COLUMNS)  # no helper columns
    r = {row["report_id"]: row for row in rows}
    assert r["ev01"]["actors"] == (
        "Vladimir Putin (person, RUS, participant); Donald Trump (person, USA, participant)"
    )
    assert r["ev12"]["actors"].startswith("NATO (organization, participant); ")
    assert r["ev01"]["countries"] == "RUS; USA"
    assert r["ev04"]["attributed_to"] == "Reuters"
    assert r["ev01"]["date"] == "2025-08-15" and r["ev01"]["published"] == "2025-08-16"
    assert r["ev06"]["date"] == ""
    assert r["ev01"]["lon"] == "-149.9003"  # numbers are not touched
    assert r["ev02"]["sentence"].startswith("Delegațiile Rusiei și Ucrainei")  # UTF-8 kept
    back = pd.read_csv(io.BytesIO(tables.frame_csv(reports_df)))
    assert list(back.columns) == list(EVENT_COLUMNS) and len(back) == 20


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("sentence", '=HYPERLINK("http://evil.example","click")'),
        ("title", "+cmd|' /C calc'!A0"),
        ("location_name", "-2+3+cmd|' /C calc'!A0"),
        ("source", "@SUM(1+1)*cmd|' /C calc'!A0"),
        ("date_text", "\t=1+1"),
        ("url", "\r=1+1"),
        ("path", "=cmd"),
    ],
)
def test_csv_neutralises_formulas(field: str, value: str) -> None:
    frame = to_frame([dict(ROWS[0], **{field: value})])
    (row,) = read_csv_rows(tables.frame_csv(frame))
    assert row[field] == "'" + value
    assert row["report_id"] == "ev01"  # ordinary cells unchanged


def test_csv_neutralises_list_cells() -> None:
    evil = {"name": "=1+2", "kind": "person", "country": None, "role": "initiator"}
    frame = to_frame([dict(ROWS[0], actors=[evil], attributed_to=["@foo", "bar"])])
    (row,) = read_csv_rows(tables.frame_csv(frame))
    assert row["actors"] == "'=1+2 (person, initiator)"
    assert row["attributed_to"] == "'@foo; bar"


def test_csv_empty_frame() -> None:
    data = tables.frame_csv(to_frame([]))
    assert data.decode("utf-8-sig").strip() == ",".join(EVENT_COLUMNS)


def test_json_records(reports_df: pd.DataFrame) -> None:
    records = json.loads(tables.frame_json(reports_df))
    assert len(records) == 20
    assert list(records[0]) == list(EVENT_COLUMNS)
    r = {rec["report_id"]: rec for rec in records}
    assert r["ev01"]["date"] == "2025-08-15" and r["ev01"]["published"] == "2025-08-16"
    assert r["ev06"]["date"] is None
    assert r["ev04"]["lat"] is None and r["ev01"]["lat"] == 61.2181
    assert r["ev01"]["actors"] == ROWS[0]["actors"]
    assert r["ev12"]["actors"][0] == {
        "name": "NATO",
        "kind": "organization",
        "country": None,
        "role": "participant",
    }
    assert r["ev01"]["start"] == 100 and isinstance(r["ev01"]["confidence"], float)
    assert "ț" in tables.frame_json(reports_df).decode()  # UTF-8, not \\u escapes
    assert json.loads(tables.frame_json(to_frame([]))) == []


def test_json_round_trip_to_frame(reports_df: pd.DataFrame) -> None:
    back = to_frame(json.loads(tables.frame_json(reports_df)))
    pd.testing.assert_frame_equal(back, sample_frame())


def test_parquet_round_trip(reports_df: pd.DataFrame) -> None:
    back = pd.read_parquet(io.BytesIO(tables.frame_parquet(reports_df)))
    assert list(back.columns) == list(EVENT_COLUMNS)
    assert back["date"].dtype == "datetime64[s]" or str(back["date"].dtype).startswith("datetime64")
    rows = back.to_dict("records")
    for col in ("actors", "countries", "attributed_to"):
        for row in rows:
            row[col] = [dict(v) if isinstance(v, dict) else v for v in list(row[col])]
    pd.testing.assert_frame_equal(to_frame(rows), sample_frame())


def test_parquet_empty_and_odd_cells() -> None:
    assert pd.read_parquet(io.BytesIO(tables.frame_parquet(to_frame([])))).empty
    odd = to_frame([dict(ROWS[0], actors=[{"name": "X"}], countries=None)])
    back = pd.read_parquet(io.BytesIO(tables.frame_parquet(odd)))
    assert next(iter(back["actors"][0]))["name"] == "X"
    assert list(back["countries"][0]) == []


@pytest.mark.parametrize("fmt", tables.DATA_FORMATS)
def test_frame_file_dispatches_by_format(reports_df: pd.DataFrame, fmt: str) -> None:
    writer = {"csv": tables.frame_csv, "json": tables.frame_json, "parquet": tables.frame_parquet}[fmt]
    assert tables.frame_file(reports_df, fmt) == writer(reports_df)
    assert fmt in tables.MIME_TYPES


def test_event_exports_carry_the_event_columns() -> None:
    """A table of events exports its event_id, n_reports, n_sources, first_reported and status_history everywhere."""
    rows = [dict(ROWS[0], report_id=f"r{i}", event_id="E1", article_id=f"a{i}", source=src, status=status,
                 published=day)
            for i, (src, status, day) in enumerate([("Wire", "planned", "2025-08-08"), ("Daily", "occurred", "2025-08-16"),
                                                    ("Wire", "occurred", "2025-08-17")])]
    events = events_table(to_frame(rows))
    (row,) = read_csv_rows(tables.frame_csv(events))
    assert list(row) == [*EVENT_COLUMNS, *EVENT_EXTRA_COLUMNS]
    assert (row["event_id"], row["n_reports"], row["n_sources"], row["first_reported"]) == ("E1", "3", "2", "2025-08-08")
    assert row["status"] == "occurred"
    assert row["status_history"] == "planned since 2025-08-08; occurred since 2025-08-16"
    assert row["report_ids"] == "r0; r1; r2"
    (record,) = json.loads(tables.frame_json(events))
    assert record["status_history"] == [{"status": "planned", "since": "2025-08-08"},
                                        {"status": "occurred", "since": "2025-08-16"}]
    assert record["n_reports"] == 3 and record["last_reported"] == "2025-08-17"
    back = pd.read_parquet(io.BytesIO(tables.frame_parquet(events)))
    assert [dict(h) for h in back.loc[0, "status_history"]] == record["status_history"]
    assert list(back.loc[0, "report_ids"]) == ["r0", "r1", "r2"]


def test_report_exports_carry_their_event(reports_df: pd.DataFrame) -> None:
    """Every exported report names the event it belongs to."""
    rows = read_csv_rows(tables.frame_csv(reports_df))
    assert all(r["event_id"] for r in rows) and {r["report_id"] for r in rows} == set(reports_df["report_id"])
