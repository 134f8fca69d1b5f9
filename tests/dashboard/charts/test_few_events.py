"""Charts of a handful of events look right, and every chart's subtitle says what it counts.

A case table over the figure builders with 0, 1 and 2 events and a one-day span: the date axes span days
(never sub-millisecond ticks), the counts axis ticks whole events, and every bar has a visible width.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest

from events.dashboard.charts import compare, counts, maps, network, style, timeline
from events.schema import to_frame
from tests.dashboard.conftest import as_events
from tests.dashboard.test_filters import ROWS

DAY_MS = 86_400_000
TALKS, SUMMIT, ATTACK = ROWS[1], ROWS[0], ROWS[4]  # 2025-07-23, 2025-08-15, 2025-09-02

CASES: dict[str, list[dict[str, Any]]] = {
    "no events": [],
    "one event": [TALKS],
    "one undated event": [dict(ATTACK, date=None)],  # drawn at its publication date
    "two events, one day": [TALKS, dict(ATTACK, date=TALKS["date"], published=TALKS["published"])],
    "two events, six weeks": [TALKS, ATTACK],
}
DATE_BUILDERS: dict[str, Callable[[pd.DataFrame], go.Figure]] = {
    "timeline": timeline.timeline,
    "timeline by actor": lambda df: timeline.timeline(df, lanes="actor"),
    "timeline aggregated": lambda df: timeline.timeline(df, max_points=1),
    "counts": counts.counts_over_time,
    "compare": compare.compare_actors,
}
ALL_BUILDERS: dict[str, Callable[[pd.DataFrame], go.Figure]] = {
    **DATE_BUILDERS,
    "map": maps.actor_map,
    "network": network.actor_network,
}


def frame(case: str) -> pd.DataFrame:
    """The events of one case, prepared as the dashboard prepares them."""
    return as_events(to_frame(CASES[case]))


def days(span: list[Any]) -> float:
    """Length of an axis range in days."""
    lo, hi = (pd.Timestamp(v) for v in span)
    return (hi - lo) / pd.Timedelta(days=1)


def subtitle(fig: go.Figure) -> str:
    """The subtitle as one line (it is wrapped for narrow charts)."""
    return str(fig.layout.title.subtitle.text).replace("<br>", " ")


def event_xs(fig: go.Figure) -> list[pd.Timestamp]:
    """The dates of the drawn markers or bars."""
    return [pd.Timestamp(x) for t in fig.data if t.x is not None for x in t.x if x is not None]


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("name", list(DATE_BUILDERS))
def test_date_axis_spans_days_around_the_events(name: str, case: str) -> None:
    fig = DATE_BUILDERS[name](frame(case))
    if case == "no events":
        assert style.NO_EVENTS in [a.text for a in fig.layout.annotations]
        return
    span = fig.layout.xaxis.range
    assert span is not None and days(span) >= 7  # plotly then ticks whole days at any width
    lo, hi = (pd.Timestamp(v) for v in span)
    xs = event_xs(fig)
    assert xs and all(lo < x < hi for x in xs)  # every event inside, none on the edge
    assert min(xs) - lo >= pd.Timedelta(hours=12) or days(span) > 7  # a lone event is not pushed to a side


@pytest.mark.parametrize("case", [c for c in CASES if c != "no events"])
def test_counts_axis_ticks_whole_events_and_bars_show(case: str) -> None:
    df = frame(case)
    fig = counts.counts_over_time(df)
    assert fig.layout.yaxis.tickformat == "d"
    assert fig.layout.yaxis.dtick == 1  # not 0.2: "0 0 0 1 1 1"
    bars = [t for t in fig.data if t.type == "bar"]
    assert sum(sum(t.y) for t in bars) == len(df)
    for t in bars:
        widths = list(t.width)
        assert len(widths) == len(t.x)
        assert all(0.5 * DAY_MS <= w < DAY_MS for w in widths)  # a day's bar: most of the day, a gap left


def test_counts_axis_of_many_events_left_to_plotly() -> None:
    rows = [dict(TALKS, report_id=f"t{i}") for i in range(12)]  # 12 on one day: plotly ticks 0 2 4 ... itself
    fig = counts.counts_over_time(to_frame(rows))
    assert fig.layout.yaxis.dtick is None and fig.layout.yaxis.tickformat == "d"


def test_month_bars_are_as_wide_as_their_month() -> None:
    rows = [dict(TALKS, date="2023-02-10"), TALKS]  # 2.5 years: one bar per month
    fig = counts.counts_over_time(to_frame(rows))
    assert fig.layout.meta["unit"] == "month"
    widths = dict(zip(pd.to_datetime(fig.data[0].x), fig.data[0].width, strict=True))
    assert widths[pd.Timestamp("2023-02-01")] == pytest.approx(28 * DAY_MS * (1 - counts.COUNTS_BAR_GAP))
    assert widths[pd.Timestamp("2025-07-01")] == pytest.approx(31 * DAY_MS * (1 - counts.COUNTS_BAR_GAP))


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("name", list(ALL_BUILDERS))
def test_every_chart_of_a_few_events_builds_and_serialises(name: str, case: str) -> None:
    df = frame(case)
    fig = ALL_BUILDERS[name](df)
    fig.to_json()
    if df.empty:
        assert fig.layout.meta["empty"] is True
    else:
        assert fig.layout.meta["events"] == {"total": len(df), "shown": len(df)}
        assert fig.layout.title.subtitle.text.startswith(f"{len(df)} event")


# ---------------------------------------------------------------- what each chart counts


def mixed() -> pd.DataFrame:
    """Six events: four plain ones, one without any date, one without actors or a place."""
    rows = [
        TALKS,
        SUMMIT,
        ATTACK,
        ROWS[6],
        dict(ROWS[13], report_id="nodate", date=None, published=None),
        dict(ROWS[3], report_id="nobody", actors=[], countries=[], location_name=None, lat=None, lon=None),
    ]
    return as_events(to_frame(rows))


@pytest.mark.parametrize(
    ("name", "shown", "why"),
    [
        ("timeline", 5, "1 without any date"),
        ("timeline aggregated", 5, "1 without any date"),
        ("counts", 5, "1 without any date"),
        ("compare", 4, "1 without any date, 1 with none of these 6 actors"),
        ("map", 5, "1 without a country or a place"),
        ("network", 5, "1 without a named actor"),
    ],
)
def test_subtitle_says_how_many_events_are_drawn_and_why_not_all(name: str, shown: int, why: str) -> None:
    fig = ALL_BUILDERS[name](mixed())
    assert fig.layout.meta["events"] == {"total": 6, "shown": shown}
    assert subtitle(fig).startswith(f"{shown} of 6 events; {why}")


def test_actor_lanes_say_which_events_have_no_lane() -> None:
    fig = timeline.timeline(mixed(), lanes="actor", top_n=2)  # Russia and Ukraine: the talks and two attacks
    assert fig.layout.meta["events"] == {"total": 6, "shown": 3}
    assert subtitle(fig).startswith("3 of 6 events; 1 without any date, 2 with none of these 2 actors")


def test_network_says_which_events_fall_outside_its_top_actors() -> None:
    fig = network.actor_network(mixed(), max_nodes=2)
    total, shown = fig.layout.meta["events"]["total"], fig.layout.meta["events"]["shown"]
    assert (total, shown) == (6, 4)
    assert subtitle(fig).startswith("4 of 6 events; 1 without a named actor, 1 with none of the top 2 actors")


def test_long_subtitles_wrap_to_a_narrow_chart() -> None:
    fig = timeline.timeline(mixed(), lanes="actor", top_n=2)
    lines = fig.layout.title.subtitle.text.split("<br>")
    assert len(lines) >= 2 and all(len(line) <= style.SUBTITLE_CHARS for line in lines)
    assert fig.layout.margin.t > 90  # room made for the extra lines
