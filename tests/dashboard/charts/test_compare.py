"""Tests for events.dashboard.charts.compare: up to six actors' events per period, one row each on one scale."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from events.dashboard import charts
from events.dashboard import filters as flt
from events.dashboard.charts import compare, style


def rows_of(fig: go.Figure) -> dict[str, dict[str, int]]:
    """Actor -> bucket start -> events, from the comparison's traces."""
    return {
        t.meta["actor"]: {str(pd.Timestamp(x).date()): int(y) for x, y in zip(t.x, t.y, strict=True)}
        for t in fig.data if (t.meta or {}).get("role") == "compare"
    }


def test_default_is_the_six_actors_with_the_most_events(df: pd.DataFrame) -> None:
    fig = compare.compare_actors(df)
    top = [a for a, _ in flt.actor_options(df)[:6]]
    assert fig.layout.meta["actors"] == top == list(rows_of(fig))
    assert top[:3] == ["Russia", "Ukraine", "Donald Trump"]
    assert "the 6 actors with the most events" in fig.layout.title.subtitle.text.replace("<br>", " ")


def test_each_actors_row_counts_its_events_per_period_zeros_drawn(df: pd.DataFrame) -> None:
    fig = compare.compare_actors(df, ["Vladimir Putin", "Houthis", "Nobody"], granularity="month")
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
    fig = compare.compare_actors(df, ["Russia"], granularity="week")
    row = rows_of(fig)["Russia"]
    assert all(pd.Timestamp(d).day_name() == "Monday" for d in row)
    assert row["2025-09-01"] == 5  # ev05 Tue 2, ev06 undated published Wed 3, ev07 Sun 7, ev18 Sat 6, ev03 Mon 1
    assert fig.layout.xaxis.title.text == "week starting Monday"


def test_at_most_six_actors_on_one_scale(df: pd.DataFrame) -> None:
    asked = [a for a, _ in flt.actor_options(df)]
    fig = compare.compare_actors(df, asked)
    assert len(rows_of(fig)) == compare.MAX_COMPARED == 6 and fig.layout.meta["actors"] == asked[:6]
    assert f"the first 6 of {len(asked)} actors asked for" in fig.layout.title.subtitle.text.replace("<br>", " ")
    layout = fig.layout.to_plotly_json()
    ys = [layout[f"yaxis{i if i > 1 else ''}"] for i in range(1, 7)]
    assert all(y.get("matches") == "y" for y in ys[1:])  # one count scale: rows compare honestly
    domains = [y["domain"] for y in ys]
    assert all(hi <= lo_above for (_, hi), (lo_above, _) in zip(domains[1:], domains, strict=False))  # no overlap


def test_repeated_actors_are_drawn_once(df: pd.DataFrame) -> None:
    assert list(rows_of(compare.compare_actors(df, ["Russia", "Russia", "Ukraine"]))) == ["Russia", "Ukraine"]


def test_comparison_of_no_events(df: pd.DataFrame) -> None:
    fig = compare.compare_actors(df.head(0))
    assert style.NO_EVENTS in [a.text for a in fig.layout.annotations]
    assert charts.build(df, "compare", actors=["Russia"]).layout.meta["chart"] == "compare"


def test_comparison_subtitle_counts_events_with_none_of_the_actors(df: pd.DataFrame) -> None:
    fig = compare.compare_actors(df, ["Houthis"])
    assert fig.layout.title.subtitle.text.replace("<br>", " ").startswith(
        "1 of 20 events; 19 with none of these 1 actors")
