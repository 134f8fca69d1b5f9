"""Every chart builder (events.dashboard.charts): empty and filtered-out frames, validation skipped safely, dispatch by name."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest

from events.dashboard import charts
from events.dashboard import filters as flt
from events.dashboard.charts import compare, counts, maps, network, style, timeline
from events.schema import to_frame
from tests.dashboard.charts.figures import BUILDERS, annotations, data_json
from tests.dashboard.test_filters import big_frame, sample_frame


@pytest.mark.parametrize("name", list(BUILDERS))
@pytest.mark.parametrize("prepared", [False, True])
def test_empty_frame_says_no_events(name: str, prepared: bool) -> None:
    empty = to_frame([])
    fig = BUILDERS[name](flt.prepare(empty) if prepared else empty)
    assert isinstance(fig, go.Figure)
    assert style.NO_EVENTS in annotations(fig)
    assert fig.layout.meta["empty"] is True
    assert not [t for t in fig.data if t.meta and t.meta.get("role") not in ("key", "base")]
    fig.to_json()  # serialisable


@pytest.mark.parametrize("name", list(BUILDERS))
def test_filtered_to_nothing_says_no_events(name: str, df: pd.DataFrame) -> None:
    fig = BUILDERS[name](flt.apply(df, flt.Filters(text="no such words")))
    assert style.NO_EVENTS in annotations(fig)


@pytest.mark.parametrize("name", list(BUILDERS))
@pytest.mark.parametrize("size", [0, 20, 3000], ids=["empty", "sample", "aggregated"])
def test_figures_built_without_plotly_validation_equal_validated_ones(
    name: str, size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the builders skip plotly's per-property validation for speed; validated, they must give the same figure
    df = {0: to_frame([]), 20: sample_frame(), 3000: big_frame(3000)}[size]
    fast = json.loads(BUILDERS[name](df).to_json())
    monkeypatch.setattr(style, "VALIDATE", True)
    assert json.loads(BUILDERS[name](df).to_json()) == fast


@pytest.mark.parametrize("name", list(BUILDERS))
def test_prepared_and_raw_frames_give_the_same_figure(name: str, reports_df: pd.DataFrame) -> None:
    raw = data_json(BUILDERS[name](sample_frame()))
    prepared = data_json(BUILDERS[name](reports_df))
    assert raw == prepared
    assert style.NO_EVENTS not in annotations(BUILDERS[name](reports_df))


def test_build_dispatch(df: pd.DataFrame) -> None:
    assert charts.build(df, "counts").layout.meta["chart"] == "counts"
    assert charts.build(df, "timeline", lanes="actor").layout.meta["lanes"] == "actor"
    with pytest.raises(ValueError, match="timeline, counts, compare, map, network"):
        charts.build(df, "pie")


@pytest.mark.parametrize(
    ("chart", "expected"),
    [
        ("timeline", lambda df: timeline.timeline(df, lanes="actor", max_points=5)),
        ("map", lambda df: maps.actor_map(df, region="europe")),
        ("counts", lambda df: counts.counts_over_time(df, granularity="month")),
        ("compare", lambda df: compare.compare_actors(df, ["NATO", "Russia"], granularity="month")),
        ("network", lambda df: network.actor_network(df)),
    ],
    ids=["timeline", "map", "counts", "compare", "network"],
)
def test_draw_gives_each_chart_its_own_options(chart: str, expected: Any, df: pd.DataFrame) -> None:
    fig = charts.draw(df, chart, lanes="actor", region="europe", granularity="month", compared=("NATO", "Russia"),
                      max_points=5)
    assert fig.to_json() == expected(df).to_json()
