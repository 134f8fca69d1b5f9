"""Time buckets (events.dashboard.periods) and the granularity in the URL; the charts counting per period are tested in
tests/dashboard/charts/test_counts.py and test_compare.py."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from events.dashboard import periods
from events.dashboard.charts import counts


@pytest.mark.parametrize(
    ("span_days", "unit"),
    [(0, "day"), (60, "day"), (61, "week"), (365, "week"), (731, "week"), (732, "month"), (3000, "month")],
)
def test_auto_picks_the_bucket_by_span(span_days: int, unit: str) -> None:
    assert periods.auto_unit(span_days) == unit
    dates = pd.Series([pd.Timestamp("2024-01-01"), pd.Timestamp("2024-01-01") + pd.Timedelta(days=span_days)])
    assert periods.unit_for(dates) == unit == counts.bin_for_span(span_days)
    for chosen in periods.UNITS:  # a chosen bucket wins over the span
        assert periods.unit_for(dates, chosen) == chosen


@pytest.mark.parametrize(
    ("day", "unit", "start"),
    [
        ("2025-09-01", "week", "2025-09-01"),  # a Monday starts its own week
        ("2025-09-03", "week", "2025-09-01"),  # Wednesday
        ("2025-09-07", "week", "2025-09-01"),  # Sunday ends the week begun on Monday
        ("2025-09-08", "week", "2025-09-08"),
        ("2025-01-01", "week", "2024-12-30"),  # across a new year
        ("2025-02-28", "month", "2025-02-01"),
        ("2024-02-29", "month", "2024-02-01"),
        ("2025-12-31", "month", "2025-12-01"),
        ("2025-09-03", "day", "2025-09-03"),
    ],
)
def test_buckets_start_on_monday_and_on_the_first(day: str, unit: str, start: str) -> None:
    (got,) = periods.period_starts(pd.Series([pd.Timestamp(day)]), unit)
    assert got == pd.Timestamp(start)
    if unit == "week":
        assert got.day_name() == "Monday"


def test_every_bucket_between_the_first_and_the_last_is_listed() -> None:
    weeks = periods.all_periods(pd.Timestamp("2025-09-03"), pd.Timestamp("2025-09-29"), "week")
    assert [str(d.date()) for d in weeks.start_time] == ["2025-09-01", "2025-09-08", "2025-09-15", "2025-09-22",
                                                         "2025-09-29"]
    months = periods.all_periods(pd.Timestamp("2024-12-15"), pd.Timestamp("2025-02-01"), "month")
    assert [str(d.date()) for d in months.start_time] == ["2024-12-01", "2025-01-01", "2025-02-01"]


@pytest.mark.parametrize(
    ("raw", "expected", "notice"),
    [
        (None, "auto", None),
        ([], "auto", None),
        ("week", "week", None),
        (["day", "MONTH"], "month", None),  # the last one, case aside
        (" auto ", "auto", None),
        ("fortnight", "auto", "Ignored gran 'fortnight': use auto, day, week, month."),
        ([""], "auto", None),
    ],
)
def test_granularity_from_the_url(raw: Any, expected: str, notice: str | None) -> None:
    assert periods.from_params(raw) == (expected, [notice] if notice else [])


def test_granularity_url_changes() -> None:
    assert periods.param_changes([], "auto") is None
    assert periods.param_changes([], "week") == ["week"]
    assert periods.param_changes(["week"], "week") is None
    assert periods.param_changes(["week"], "auto") == []  # auto is the default: the URL drops it
