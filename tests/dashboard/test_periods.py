"""Time buckets (events.dashboard.periods), the counts chart's granularity and the actors' comparison chart."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest

from events.dashboard import charts, periods
from events.dashboard import filters as flt
from events.schema import to_frame
from tests.dashboard.test_filters import ROWS, sample_frame


@pytest.mark.parametrize(
    ("span_days", "unit"),
    [(0, "day"), (60, "day"), (61, "week"), (365, "week"), (731, "week"), (732, "month"), (3000, "month")],
)
def test_auto_picks_the_bucket_by_span(span_days: int, unit: str) -> None:
    assert periods.auto_unit(span_days) == unit
    dates = pd.Series([pd.Timestamp("2024-01-01"), pd.Timestamp("2024-01-01") + pd.Timedelta(days=span_days)])
    assert periods.unit_for(dates) == unit == charts.bin_for_span(span_days)
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


# ---------------------------------------------------------------- counts chart


def counts_frame() -> pd.DataFrame:
    """Three events: Wed 3 Sep, Sun 7 Sep (same ISO week), Mon 8 Sep 2025; and one on 20 Oct."""
    base = ROWS[1]
    days = ["2025-09-03", "2025-09-07", "2025-09-08", "2025-10-20"]
    return flt.prepare(to_frame([dict(base, event_id=f"c{i}", date=d, published=d) for i, d in enumerate(days)]))


def bars(fig: go.Figure) -> dict[str, int]:
    """Bucket start -> events, all types together."""
    out: dict[str, int] = {}
    for t in fig.data:
        for x, y in zip(t.x, t.y, strict=True):
            out[str(pd.Timestamp(x).date())] = out.get(str(pd.Timestamp(x).date()), 0) + int(y)
    return out


def test_counts_per_week_start_on_monday_and_draw_empty_weeks() -> None:
    fig = charts.counts_over_time(counts_frame(), granularity="week")
    got = bars(fig)
    assert got["2025-09-01"] == 2 and got["2025-09-08"] == 1 and got["2025-10-20"] == 1
    assert got["2025-09-15"] == 0 and len(got) == 8  # every week from the first to the last
    assert all(pd.Timestamp(d).day_name() == "Monday" for d in got)
    assert fig.layout.title.text == "Events per week by type"
    assert "one bar per week, weeks starting Monday" in fig.layout.title.subtitle.text.replace("<br>", " ")
    assert "auto" not in fig.layout.title.subtitle.text  # chosen by the user
    assert fig.layout.xaxis.title.text == "week starting Monday"
    assert fig.layout.yaxis.title.text == "events per week"
    assert fig.layout.meta["unit"] == "week" and fig.layout.meta["granularity"] == "week"


def test_counts_per_day_and_per_month() -> None:
    day = charts.counts_over_time(counts_frame(), granularity="day")
    assert len(bars(day)) == 48 and bars(day)["2025-09-07"] == 1  # 3 Sep to 20 Oct, each day
    assert day.layout.yaxis.title.text == "events per day" and day.layout.xaxis.title.text == "day"
    month = charts.counts_over_time(counts_frame(), granularity="month")
    assert bars(month) == {"2025-09-01": 3, "2025-10-01": 1}
    assert month.layout.title.text == "Events per month by type"


def test_auto_counts_say_the_bucket_was_picked_for_the_span() -> None:
    fig = charts.counts_over_time(counts_frame())  # 48 days: days
    assert fig.layout.meta["unit"] == "day" and fig.layout.meta["granularity"] == "auto"
    assert "one bar per day (auto, for the span)" in fig.layout.title.subtitle.text.replace("<br>", " ")


# ---------------------------------------------------------------- actors compared


def rows_of(fig: go.Figure) -> dict[str, dict[str, int]]:
    """Actor -> bucket start -> events, from the comparison's traces."""
    return {
        t.meta["actor"]: {str(pd.Timestamp(x).date()): int(y) for x, y in zip(t.x, t.y, strict=True)}
        for t in fig.data if (t.meta or {}).get("role") == "compare"
    }


@pytest.fixture
def df() -> pd.DataFrame:
    """The prepared 20-event sample (Feb–Oct 2025: weeks by default)."""
    return flt.prepare(sample_frame())


def test_default_is_the_six_actors_with_the_most_events(df: pd.DataFrame) -> None:
    fig = charts.compare_actors(df)
    top = [a for a, _ in flt.actor_options(df)[:6]]
    assert fig.layout.meta["actors"] == top == list(rows_of(fig))
    assert top[:3] == ["Russia", "Ukraine", "Donald Trump"]
    assert "the 6 actors with the most events" in fig.layout.title.subtitle.text.replace("<br>", " ")


def test_each_actors_row_counts_its_events_per_period_zeros_drawn(df: pd.DataFrame) -> None:
    fig = charts.compare_actors(df, ["Vladimir Putin", "Houthis", "Nobody"], granularity="month")
    got = rows_of(fig)
    months = ["2025-02-01", "2025-03-01", "2025-04-01", "2025-05-01", "2025-06-01", "2025-07-01", "2025-08-01",
              "2025-09-01", "2025-10-01"]
    assert all(list(row) == months for row in got.values())  # every month of the filtered events, in every row
    # Putin: ev01 15 Aug, ev04 22 Oct, ev11 undated (published 20 Aug), ev17 undated (published 19 May)
    assert got["Vladimir Putin"] == dict.fromkeys(months, 0) | {"2025-05-01": 1, "2025-08-01": 2, "2025-10-01": 1}
    assert got["Houthis"] == dict.fromkeys(months, 0) | {"2025-09-01": 1}
    assert got["Nobody"] == dict.fromkeys(months, 0)  # an actor without events: a row of zeros
    assert fig.layout.title.text == "Events per month: actors compared"


def test_weeks_start_on_monday_in_the_comparison(df: pd.DataFrame) -> None:
    fig = charts.compare_actors(df, ["Russia"], granularity="week")
    row = rows_of(fig)["Russia"]
    assert all(pd.Timestamp(d).day_name() == "Monday" for d in row)
    assert row["2025-09-01"] == 5  # ev05 Tue 2, ev06 undated published Wed 3, ev07 Sun 7, ev18 Sat 6, ev03 Mon 1
    assert fig.layout.xaxis.title.text == "week starting Monday"


def test_at_most_six_actors_on_one_scale(df: pd.DataFrame) -> None:
    asked = [a for a, _ in flt.actor_options(df)]
    fig = charts.compare_actors(df, asked)
    assert len(rows_of(fig)) == charts.MAX_COMPARED == 6 and fig.layout.meta["actors"] == asked[:6]
    assert f"the first 6 of {len(asked)} actors asked for" in fig.layout.title.subtitle.text.replace("<br>", " ")
    layout = fig.layout.to_plotly_json()
    ys = [layout[f"yaxis{i if i > 1 else ''}"] for i in range(1, 7)]
    assert all(y.get("matches") == "y" for y in ys[1:])  # one count scale: rows compare honestly
    domains = [y["domain"] for y in ys]
    assert all(hi <= lo_above for (_, hi), (lo_above, _) in zip(domains[1:], domains, strict=False))  # no overlap


def test_repeated_actors_are_drawn_once(df: pd.DataFrame) -> None:
    assert list(rows_of(charts.compare_actors(df, ["Russia", "Russia", "Ukraine"]))) == ["Russia", "Ukraine"]


def test_comparison_of_no_events(df: pd.DataFrame) -> None:
    fig = charts.compare_actors(df.head(0))
    assert charts.NO_EVENTS in [a.text for a in fig.layout.annotations]
    assert charts.build(df, "compare", actors=["Russia"]).layout.meta["chart"] == "compare"


def test_comparison_subtitle_counts_events_with_none_of_the_actors(df: pd.DataFrame) -> None:
    fig = charts.compare_actors(df, ["Houthis"])
    assert fig.layout.title.subtitle.text.replace("<br>", " ").startswith(
        "1 of 20 events; 19 with none of these 1 actors")
