"""events.dashboard.units: what the page counts (events or reports), the URL's unit, search hits and event panels."""

from __future__ import annotations

import pandas as pd
import pytest

from events.dashboard import units
from events.schema import to_frame
from events.search import SearchHits
from tests.dashboard.conftest import as_events
from tests.test_event_table import report


@pytest.fixture
def reports() -> pd.DataFrame:
    """Three reports of one summit from two outlets, and one of an air attack."""
    return to_frame([
        report("a", "S", status="planned", published="2025-08-08", source="Wire", sentence="Trump and Putin will meet"),
        report("b", "S", published="2025-08-16", source="Daily", language="ro", sentence="Summitul a avut loc"),
        report("c", "S", published="2025-08-17", source="Wire", sentence="After the summit"),
        report("d", "A", event_type="air_attack", location_name="Kyiv", published="2025-08-18"),
    ])


@pytest.mark.parametrize(
    ("values", "unit", "notice"),
    [([], "events", ""), (["reports"], "reports", ""), (["Events"], "events", ""),
     (["mentions"], "events", "Ignored unit 'mentions': use one of events, reports.")],
)
def test_unit_from_the_url(values: list[str], unit: str, notice: str) -> None:
    got, notices = units.unit_from_params(values)
    assert got == unit and notices == ([notice] if notice else [])


def test_unit_in_the_url_leaves_the_default_out() -> None:
    assert units.unit_param_changes([], "events") is None
    assert units.unit_param_changes([], "reports") == ["reports"]
    assert units.unit_param_changes(["reports"], "events") == []


def test_what_a_table_counts(reports: pd.DataFrame) -> None:
    events = as_events(reports)
    assert (units.unit_of(events), units.noun(events)) == ("events", "n.event")
    assert (units.unit_of(reports), units.noun(reports)) == ("reports", "n.report")
    assert units.unit_bit(events) == "events across articles, from 4 reports"
    assert units.unit_bit(reports) == "each article's report counted: 2 events"
    assert units.unit_bit(reports, "ro") == "fiecare relatare numărată: 2 evenimente"
    assert units.articles_of(reports, events.iloc[:1]) == 3


def test_a_search_finds_an_event_through_any_of_its_reports(reports: pd.DataFrame) -> None:
    events = as_events(reports)
    summit_row = events.loc[events["event_id"] == "S", "report_id"].item()
    by_sentence = units.event_hits(reports, events, SearchHits("x", events=frozenset({"a"})))
    assert by_sentence.events == {summit_row}  # report a is not the one the summit's row shows
    by_article = units.event_hits(reports, events, SearchHits("x", articles=frozenset({"art-d"})))
    assert by_article.events == {"d"}
    assert units.event_hits(reports, events, SearchHits("", searched=False)).searched is False


def test_event_panel_lists_every_report_and_the_status_history(reports: pd.DataFrame) -> None:
    panel = units.event_panel(reports, "c")
    assert panel is not None
    assert [line.report_id for line in panel.reports] == ["a", "b", "c"]  # first published first
    assert panel.reports[1].line == "16 Aug 2025 · Daily · ro" and panel.reports[1].sentence == "Summitul a avut loc"
    assert panel.head == "**Reported by 3 reports in 3 articles from 2 outlets**"
    assert panel.history == "Status: planned (from 8 Aug 2025) → occurred (from 16 Aug 2025)"
    assert panel.planned == "Planned for: 15 Aug 2025"
    assert panel.event["status"] == "occurred"
    ro = units.event_panel(reports, "a", "ro")
    assert ro is not None and ro.history == "Stare: planificat (din 8 aug. 2025) → petrecut (din 16 aug. 2025)"
    assert units.event_panel(reports, "gone") is None
