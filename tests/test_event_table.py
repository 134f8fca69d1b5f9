"""events.event_table: one row per event across articles, from the reports, its values those of grouping.summarize."""

from __future__ import annotations

import pandas as pd
import pytest

from events.event_table import EVENT_EXTRA_COLUMNS, events_table, is_event_table
from events.schema import EVENT_COLUMNS, dtypes, to_frame

BASE = {"event_type": "summit", "status": "occurred", "date": "2025-08-15", "date_precision": "day",
        "countries": ["RUS", "USA"], "location_name": "Anchorage", "location_country": "USA", "lat": 61.2,
        "lon": -149.9, "sentence": "s", "start": 0, "end": 1, "confidence": 0.6, "language": "en"}


def report(rid: str, event: str | None, **values: object) -> dict[str, object]:
    """One row of a reports table."""
    return BASE | {"report_id": rid, "event_id": event, "article_id": f"art-{rid}", "source": f"outlet {rid}",
                   "published": "2025-08-16", "actors": []} | values


def test_a_summit_announced_held_and_discussed() -> None:
    """Three reports of one summit: planned, then held; the event takes the latest state, keeps the plan."""
    reports = to_frame([
        report("a", "S", status="planned", published="2025-08-08", date="2025-08-15", sentence="will meet",
               actors=[{"name": "Donald Trump", "kind": "person", "country": "USA", "role": "participant"}]),
        report("b", "S", date="2025-08-15", published="2025-08-16", sentence="met in Anchorage", confidence=0.9,
               actors=[{"name": "Vladimir Putin", "kind": "person", "country": "RUS", "role": "participant"}]),
        report("c", "S", date="2025-08-01", date_precision="month", published="2025-08-20", source="outlet b"),
        report("d", "T", event_type="talks", date="2025-03-11", location_name="Jeddah", published="2025-03-12"),
    ])
    table = events_table(reports)
    assert list(table.columns) == [*EVENT_COLUMNS, *EVENT_EXTRA_COLUMNS]
    assert table["event_id"].tolist() == ["S", "T"]  # in the order of their first report
    summit = table.iloc[0]
    assert summit["status"] == "occurred" and summit["date"] == pd.Timestamp("2025-08-15")
    assert summit["sentence"] == "met in Anchorage"  # the report that states the event best stands for it
    assert [a["name"] for a in summit["actors"]] == ["Donald Trump", "Vladimir Putin"]  # the union of the parties
    assert (summit["n_reports"], summit["n_articles"], summit["n_sources"]) == (3, 3, 2)
    assert summit["status_history"] == [{"status": "planned", "since": "2025-08-08"},
                                        {"status": "occurred", "since": "2025-08-16"}]
    assert summit["planned_dates"] == ["2025-08-15/day"]
    assert summit["report_ids"] == ["a", "b", "c"]
    assert summit["first_reported"] == pd.Timestamp("2025-08-08")
    assert summit["last_reported"] == pd.Timestamp("2025-08-20")
    assert summit["confidence"] > 0.9  # two outlets corroborate it
    talks = table.iloc[1]
    assert talks["n_reports"] == 1 and talks["status_history"] == [{"status": "occurred", "since": "2025-03-12"}]
    assert is_event_table(table) and not is_event_table(reports)


def test_reports_that_state_an_event_equally_well_give_the_same_row_in_any_order() -> None:
    """Two reports as good as each other (same status, day, place and confidence): the smaller report id stands for
    the event, whichever comes first (a store and a dataset list their reports in different orders)."""
    rows = [report("b", "S", sentence="met in Anchorage on Friday"), report("a", "S", sentence="met in Anchorage"),
            report("c", "S", date="2025-08-01", date_precision="month")]
    tables = [events_table(to_frame(order)) for order in (rows, rows[::-1], [rows[2], rows[0], rows[1]])]
    assert [t.iloc[0]["report_id"] for t in tables] == ["a", "a", "a"]
    assert {t.iloc[0]["sentence"] for t in tables} == {"met in Anchorage"}


def test_types_follow_the_reports_and_the_extra_columns() -> None:
    table = events_table(to_frame([report("a", "S"), report("b", "S")]))
    expected = dtypes() | {c: d for c, (d, _) in EVENT_EXTRA_COLUMNS.items()}
    assert table.dtypes.astype(str).to_dict() == expected
    empty = events_table(to_frame([]))
    assert empty.empty and empty.dtypes.astype(str).to_dict() == expected


@pytest.mark.parametrize("n", [1, 4])
def test_every_report_in_exactly_one_event(n: int) -> None:
    rows = [report(f"r{i}", f"E{i % n}", published=f"2025-08-{10 + i}") for i in range(8)]
    table = events_table(to_frame(rows))
    assert len(table) == n
    ids = [rid for ids in table["report_ids"] for rid in ids]
    assert sorted(ids) == sorted(r["report_id"] for r in rows) and table["n_reports"].sum() == 8


def test_ungrouped_reports_are_events_of_their_own() -> None:
    """schema.to_frame gives a report without an event one of its own: never lost, never merged with another."""
    table = events_table(to_frame([report("a", None), report("b", None)]))
    assert len(table) == 2 and table["event_id"].is_unique


def test_readme_documents_every_event_column() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for col, (dtype, meaning) in EVENT_EXTRA_COLUMNS.items():
        assert f"| `{col}` | `{dtype}` | {meaning} |" in readme, col
