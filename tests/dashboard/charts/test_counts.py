"""Tests for events.dashboard.charts.counts: events per day, week or month, stacked by type."""

from __future__ import annotations

import itertools
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from events.dashboard import filters as flt
from events.dashboard.charts import counts, style
from events.schema import to_frame
from tests.dashboard.test_filters import ROWS


def test_counts_bins_by_span() -> None:
    assert counts.bin_for_span(0) == "day"
    assert counts.bin_for_span(60) == "day"
    assert counts.bin_for_span(61) == "week"
    assert counts.bin_for_span(731) == "week"
    assert counts.bin_for_span(800) == "month"


def test_counts_stacked_by_type(df: pd.DataFrame) -> None:
    fig = counts.counts_over_time(df)
    assert fig.layout.barmode == "stack"
    assert fig.layout.meta["unit"] == "week"  # Feb-Oct 2025
    assert [t.name for t in fig.data] == ["talks", "summit", "air attack"]
    assert {t.name: int(sum(t.y)) for t in fig.data} == {"talks": 8, "summit": 4, "air attack": 8}
    assert all(t.marker.color == style.type_color(t.meta["event_type"]) for t in fig.data)
    week = pd.Timestamp("2025-09-01")  # Monday: ev05 (09-02), ev06 (undated, 09-03), ...
    talks = dict(zip(pd.to_datetime(fig.data[0].x), fig.data[0].y, strict=True))
    attacks = dict(zip(pd.to_datetime(fig.data[2].x), fig.data[2].y, strict=True))
    assert talks[week] == 1 and attacks[week] == 4  # ev05, ev06, ev07, ev18
    xs = pd.to_datetime(fig.data[0].x)
    assert all((b - a).days == 7 for a, b in itertools.pairwise(xs))  # gaps filled


def test_counts_day_and_month(df: pd.DataFrame) -> None:
    sept = flt.apply(df, flt.Filters(date_from=date(2025, 9, 1), date_to=date(2025, 9, 30)))
    day = counts.counts_over_time(sept)
    assert day.layout.meta["unit"] == "day"
    assert sum(sum(t.y) for t in day.data) == len(sept)
    rows = [dict(ROWS[0], date="2021-01-05"), *ROWS]
    month = counts.counts_over_time(to_frame(rows))
    assert month.layout.meta["unit"] == "month"
    assert sum(sum(t.y) for t in month.data) == 21
    assert "Events per month" in month.layout.title.text


def counts_frame() -> pd.DataFrame:
    """Three events: Wed 3 Sep, Sun 7 Sep (same ISO week), Mon 8 Sep 2025; and one on 20 Oct."""
    base = ROWS[1]
    days = ["2025-09-03", "2025-09-07", "2025-09-08", "2025-10-20"]
    return flt.prepare(to_frame([dict(base, report_id=f"c{i}", date=d, published=d) for i, d in enumerate(days)]))


def bars(fig: go.Figure) -> dict[str, int]:
    """Bucket start -> events, all types together."""
    out: dict[str, int] = {}
    for t in fig.data:
        for x, y in zip(t.x, t.y, strict=True):
            out[str(pd.Timestamp(x).date())] = out.get(str(pd.Timestamp(x).date()), 0) + int(y)
    return out


def test_counts_per_week_start_on_monday_and_draw_empty_weeks() -> None:
    fig = counts.counts_over_time(counts_frame(), granularity="week")
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
    day = counts.counts_over_time(counts_frame(), granularity="day")
    assert len(bars(day)) == 48 and bars(day)["2025-09-07"] == 1  # 3 Sep to 20 Oct, each day
    assert day.layout.yaxis.title.text == "events per day" and day.layout.xaxis.title.text == "day"
    month = counts.counts_over_time(counts_frame(), granularity="month")
    assert bars(month) == {"2025-09-01": 3, "2025-10-01": 1}
    assert month.layout.title.text == "Events per month by type"


def test_auto_counts_say_the_bucket_was_picked_for_the_span() -> None:
    fig = counts.counts_over_time(counts_frame())  # 48 days: days
    assert fig.layout.meta["unit"] == "day" and fig.layout.meta["granularity"] == "auto"
    assert "one bar per day (auto, for the span)" in fig.layout.title.subtitle.text.replace("<br>", " ")
