"""Tests for events.dashboard.charts.timeline: lanes, markers by type and status, undated events, aggregation."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from events.dashboard import filters as flt
from events.dashboard.charts import style, timeline
from events.schema import to_frame
from tests.dashboard.charts.figures import role
from tests.dashboard.test_filters import ROWS, big_frame, sample_frame


def test_timeline_traces_per_type_status_and_keys(df: pd.DataFrame) -> None:
    fig = timeline.timeline(df)
    events = role(fig, "events")
    combos = {(t.meta["event_type"], t.meta["status"], t.meta["undated"]) for t in events}
    assert combos == {
        ("talks", "occurred", False),
        ("talks", "planned", False),
        ("talks", "cancelled", False),
        ("talks", "occurred", True),
        ("summit", "occurred", False),
        ("summit", "planned", True),
        ("summit", "cancelled", False),
        ("air_attack", "occurred", False),
        ("air_attack", "occurred", True),
        ("air_attack", "planned", False),
    }
    assert len(events) == 10
    keys = role(fig, "key")
    assert [k.name for k in keys] == [
        "talks",
        "summit",
        "air attack",
        "occurred",
        "planned",
        "cancelled",
        timeline.UNDATED_LABEL,
    ]
    assert len(fig.data) == 17
    assert all(t.showlegend is False for t in events)
    # every event exactly once, selectable by its id
    seen = [eid for t in events for eid in t.customdata]
    assert sorted(seen) == sorted(r["report_id"] for r in ROWS)


def test_timeline_markers_colour_by_type_symbol_by_status(df: pd.DataFrame) -> None:
    fig = timeline.timeline(df)
    for t in role(fig, "events"):
        assert t.marker.color == style.TYPE_COLORS[t.meta["event_type"]]
        symbol = t.marker.symbol
        if t.meta["undated"]:
            assert symbol.startswith("diamond")
        elif t.meta["status"] == "occurred":
            assert symbol == "circle"
        elif t.meta["status"] == "planned":
            assert symbol == "circle-open"
            assert t.marker.line.color == t.marker.color and t.marker.line.width >= 2
        else:
            assert symbol == "x"
    planned_undated = [t for t in role(fig, "events") if t.meta["undated"]]
    assert {t.marker.symbol for t in planned_undated} == {"diamond", "diamond-open"}
    undated_key = [k for k in role(fig, "key") if k.name == timeline.UNDATED_LABEL]
    assert undated_key and undated_key[0].marker.symbol == "diamond"
    assert undated_key[0].showlegend is not False


def test_timeline_undated_at_publication_date(df: pd.DataFrame) -> None:
    fig = timeline.timeline(df)
    undated = {
        eid: x
        for t in role(fig, "events")
        if t.meta["undated"]
        for eid, x in zip(t.customdata, t.x, strict=True)
    }
    assert set(undated) == {"ev06", "ev09", "ev11", "ev17"}
    assert pd.Timestamp(undated["ev06"]) == pd.Timestamp("2025-09-03")
    assert "4 undated, shown at publication date" in fig.layout.title.subtitle.text


def test_timeline_hover_text(df: pd.DataFrame) -> None:
    fig = timeline.timeline(df)
    hover = {
        eid: text
        for t in role(fig, "events")
        for eid, text in zip(t.customdata, t.text, strict=True)
    }
    h = hover["ev05"]
    assert "“marți” → 2025-09-02" in h  # date as written, resolved
    assert "Russia (initiator)" in h and "Kyiv (target)" in h
    assert "Place: Kyiv" in h
    assert "atac masiv cu drone" in h
    assert "not stated — shown at publication date 2025-09-03" in hover["ev06"]
    assert "2025-09 (month)" in hover["ev03"]
    long = "A very long sentence about talks " * 20
    fig2 = timeline.timeline(to_frame([dict(ROWS[1], sentence=long + "<script>x</script>")]))
    text = role(fig2, "events")[0].text[0]
    assert "<br>" in text and "<script>" not in text and "…" in text


def test_timeline_lanes_by_actor(df: pd.DataFrame) -> None:
    fig = timeline.timeline(df, lanes="actor", top_n=3)
    assert list(fig.layout.yaxis.ticktext) == ["Russia", "Ukraine", "Donald Trump"]
    ids = [eid for t in role(fig, "events") for eid in t.customdata]
    assert ids.count("ev02") == 2  # Russia and Ukraine lanes
    assert ids.count("ev01") == 1  # only Trump's lane is shown (Putin is not top 3)
    assert "ev10" not in ids  # Houthis/Israel not in the top 3
    assert "top 3 of 12 actors" in fig.layout.title.subtitle.text
    with pytest.raises(ValueError, match="lanes"):
        timeline.timeline(df, lanes="country")


def test_timeline_aggregates_above_max_points() -> None:
    big = big_frame(6_000)
    fig = timeline.timeline(big, max_points=500)
    events = role(fig, "events")
    markers = sum(len(t.x) for t in events)
    assert markers <= 500
    assert fig.layout.meta["aggregated"] in ("week", "month")
    assert "aggregated" in fig.layout.title.text
    sizes = [s for t in events for s in t.marker.size]
    assert max(sizes) > min(sizes)  # size = number of events
    small = timeline.timeline(big.head(300), max_points=500)
    assert small.layout.meta["aggregated"] is None


def test_timeline_event_without_any_date_is_counted_not_drawn() -> None:
    frame = to_frame([dict(ROWS[0], date=None, published=None), ROWS[1]])
    fig = timeline.timeline(frame)
    assert [eid for t in role(fig, "events") for eid in t.customdata] == ["ev02"]
    # a table of reports says so, and how many events they are
    assert fig.layout.title.subtitle.text.startswith(
        "1 of 2 reports; 1 without any date<br>each article's report counted: 2 events")
    assert fig.layout.meta["events"] == {"total": 2, "shown": 1}


@pytest.mark.parametrize("lanes", ["type", "actor"])
def test_aggregated_marker_lists_exactly_its_events(lanes: str) -> None:
    df = flt.prepare(big_frame(3000))
    fig = timeline.timeline(df, lanes=lanes, max_points=200)
    assert fig.layout.meta["aggregated"]
    drawn = 0
    for trace in role(fig, "events"):
        sizes = trace.text
        for (first, marker), text in zip(trace.customdata, sizes, strict=True):
            rows = timeline.marker_events(df, marker, lanes)
            n = int(re.match(r"<b>([\d,]+) event", text).group(1).replace(",", ""))
            assert len(rows) == n  # the hover's count
            assert rows["report_id"].iloc[0] == first  # the first event of the marker, in the table's order
            assert set(rows["event_type"]) == {trace.meta["event_type"]}
            assert set(rows["status"]) == {trace.meta["status"]}
            assert rows["date"].isna().all() == trace.meta["undated"]
            drawn += n
    if lanes == "type":  # each event in exactly one marker
        assert drawn == int(flt.effective_dates(df).notna().sum())


def test_marker_events_of_a_bad_key_is_empty() -> None:
    df = flt.prepare(sample_frame())
    assert timeline.marker_events(df, "no key").empty
    assert timeline.marker_events(df, timeline.MARKER_SEP.join(["talks", "talks", "occurred", "0", "not a date", "D"])).empty


def test_events_sized_by_reports_with_their_planned_to_held_path() -> None:
    """A summit reported three times, first as planned: a bigger marker, and a dotted line from the plan's first
    report to the day it was held; an event reported once keeps the plain size and has no path."""
    from events.event_table import events_table

    summit = [dict(ROWS[0], report_id=f"s{i}", event_id="S", article_id=f"a{i}", source=f"outlet {i}", status=st,
                   date="2025-08-15", date_precision="day", published=pub)
              for i, (st, pub) in enumerate([("planned", "2025-08-08"), ("occurred", "2025-08-16"),
                                             ("occurred", "2025-08-17")])]
    other = dict(ROWS[1], report_id="t", event_id="T")
    fig = timeline.timeline(events_table(to_frame([*summit, other])))
    sizes = {cd: size for t in role(fig, "events") for cd, size in zip(
        t.customdata, t.marker.size if isinstance(t.marker.size, tuple | list) else [t.marker.size] * len(t.customdata),
        strict=True)}
    assert sizes["t"] == timeline.marker_size(1) < sizes["s1"] == timeline.marker_size(3)
    (path,) = role(fig, "paths")
    assert [str(x)[:10] for x in path.x[:2]] == ["2025-08-08", "2025-08-15"] and path.line.dash == "dot"
    subtitle = fig.layout.title.subtitle.text.replace("<br>", " ")
    assert "marker size = reports of the event" in subtitle and "dotted: from the plan's first report" in subtitle
    hover = next(t.text[list(t.customdata).index("s1")] for t in role(fig, "events") if "s1" in t.customdata)
    assert "3 reports from 3 outlets" in hover
    assert not role(timeline.timeline(to_frame([*summit, other])), "paths")  # reports: no event paths
