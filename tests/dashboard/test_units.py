"""events.dashboard.units: what the page counts (events or reports), the URL's unit, search hits and event panels."""

from __future__ import annotations

import numpy as np
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


def _shared_reports(n: int, seed: int) -> pd.DataFrame:
    """n reports of fewer events, several reports to an article, some articles reporting several events."""
    rng = np.random.default_rng(seed)
    return to_frame([
        report(f"r{i}", f"E{rng.integers(0, n // 3)}", article_id=f"art-{rng.integers(0, n // 2)}")
        for i in range(n)
    ])


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_counting_articles_from_codes_matches_looking_them_up(seed: int) -> None:
    reports = _shared_reports(300, seed)
    events = as_events(reports)
    rng = np.random.default_rng(seed)
    for table in (events, reports):
        codes = units.article_codes(reports, table)
        assert codes.n_articles == reports["article_id"].nunique()
        for share in (0.0, 0.05, 0.5, 1.0):
            keep = rng.random(len(table)) < share
            want = units.articles_of(reports, table[keep])
            assert units.count_articles(codes, keep) == want
            assert units.count_articles(codes, np.flatnonzero(keep)) == want  # positions count as the mask does
    assert any(n > 1 for n in events["n_reports"])  # the events do gather several reports


def test_counting_articles_leaves_out_reports_of_no_row_and_missing_articles() -> None:
    rows = [report("a", "S"), report("b", "S", article_id=None), report("c", "A", article_id="art-a"),
            report("d", "gone", article_id="art-d")]  # no row of the table below holds event "gone"
    reports = to_frame(rows)
    events = as_events(to_frame(rows[:3]))
    codes = units.article_codes(reports, events)
    for keep in ([True, True], [True, False], [False, True], [False, False]):
        mask = np.array(keep)
        assert units.count_articles(codes, mask) == units.articles_of(reports, events[mask])
    assert units.count_articles(codes, np.array([True, True])) == 1  # art-a twice; b has no article
