"""Tests for events.dashboard.charts.network: nodes and links, a deterministic layout, labels that fit."""

from __future__ import annotations

import itertools

import pandas as pd
import plotly.graph_objects as go
import pytest

from events.dashboard import filters as flt
from events.dashboard.charts import labels, network, style
from tests.dashboard.charts.figures import crowded_frame, data_json, role
from tests.dashboard.test_filters import big_frame, sample_frame


def test_network_nodes_and_edges(df: pd.DataFrame) -> None:
    fig = network.actor_network(df)
    nodes = {n: t for t in role(fig, "nodes") for n in t.customdata}
    assert len(nodes) == 12
    assert {t.meta["kind"] for t in role(fig, "nodes")} == {
        "country",
        "person",
        "organization",
        "city",
        "group",
    }
    assert next(t.name for t in role(fig, "nodes")) == "country"
    assert all(t.marker.color == style.KIND_COLORS[t.meta["kind"]] for t in role(fig, "nodes"))
    sizes = {
        n: s for t in role(fig, "nodes") for n, s in zip(t.customdata, t.marker.size, strict=True)
    }
    assert sizes["Russia"] > sizes["Vladimir Putin"] > sizes["NATO"]
    edges = {
        (a, b, t.meta["event_type"]): t.meta["events"]
        for t in role(fig, "edges")
        for a, b in t.meta["pairs"]
    }
    assert edges[("Russia", "Ukraine", "air_attack")] == 6  # ev06-09, ev18, ev20
    assert edges[("Donald Trump", "Vladimir Putin", "talks")] == 2
    assert edges[("Donald Trump", "Vladimir Putin", "summit")] == 2
    for t in role(fig, "edges"):
        assert t.line.color == style.TYPE_COLORS[t.meta["event_type"]]
        assert t.line.width == style.arc_width(t.meta["events"])
    hover = role(fig, "edge-hover")[0].text
    assert any("Donald Trump – Vladimir Putin" in h and "talks 2 · summit 2" in h for h in hover)


def test_network_layout_is_deterministic(df: pd.DataFrame) -> None:
    a = data_json(network.actor_network(df))
    b = data_json(network.actor_network(sample_frame().sample(frac=1, random_state=3)))
    assert a == b


def test_network_max_nodes(df: pd.DataFrame) -> None:
    fig = network.actor_network(df, max_nodes=4)
    names = {n for t in role(fig, "nodes") for n in t.customdata}
    assert names == {"Russia", "Ukraine", "Donald Trump", "United States"}
    assert "top 4 of 12 actors" in fig.layout.title.subtitle.text


@pytest.mark.parametrize(
    ("pos", "order", "limit", "expected"),
    [
        # apart: both named above
        ({"A": (0, 0), "B": (3, 0)}, ["A", "B"], 5, {"A": "top center", "B": "top center"}),
        # one on top of the other: the second's name goes to the side
        ({"A": (0, 0), "B": (0, 0)}, ["A", "B"], 5, {"A": "top center", "B": "middle right"}),
        # a knot of three at one place: the third has nowhere left but the far side
        ({"A": (0, 0), "B": (0, 0), "C": (0, 0), "D": (3, 3)}, ["A", "B", "C", "D"], 5,
         {"A": "top center", "B": "middle right", "C": "bottom center", "D": "top center"}),
        # the limit takes the first in the given order, not the first by name
        ({"A": (0, 0), "B": (3, 0), "C": (0, 3)}, ["C", "B", "A"], 2, {"C": "top center", "B": "top center"}),
        ({}, [], 5, {}),
    ],
)
def test_network_labels(pos: dict[str, tuple[float, float]], order: list[str], limit: int,
                        expected: dict[str, str]) -> None:
    sizes = dict.fromkeys(pos, 20.0)
    assert network.network_labels(pos, sizes, order, limit=limit) == expected


def network_label_rects(fig: go.Figure) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(name, rectangle) of every node label, in the pixels of NETWORK_LABEL_PLOT (axes stretched over the plot)."""
    (x_lo, x_hi), (y_lo, y_hi) = fig.layout.xaxis.range, fig.layout.yaxis.range
    width, height = network.NETWORK_LABEL_PLOT
    (trace,) = role(fig, "labels")
    out = []
    for name, x, y, side, size in zip(trace.customdata, trace.x, trace.y, trace.textposition, trace.marker.size,
                                      strict=True):
        mark = labels.Mark(name, (x - x_lo) / (x_hi - x_lo) * width, (y_hi - y) / (y_hi - y_lo) * height, size / 2,
                           name, network.NODE_FONT_PX)
        out.append((name, labels.label_rect(mark, side)))
    return out


@pytest.mark.parametrize("frame", ["sample", "crowded", "big"])
def test_network_labels_do_not_overlap_at_the_default_size(frame: str) -> None:
    df = {"sample": lambda: flt.prepare(sample_frame()), "crowded": crowded_frame,
          "big": lambda: flt.prepare(big_frame(600))}[frame]()
    fig = network.actor_network(df)
    rects = network_label_rects(fig)
    assert 0 < len(rects) <= network.NETWORK_LABELS
    for (a, ra), (b, rb) in itertools.combinations(rects, 2):
        assert not labels.overlaps(ra, rb), (a, b)
    for _, r in rects:
        assert labels.inside(r, (0, 0, *network.NETWORK_LABEL_PLOT))
    assert fig.data[-1].meta["role"] == "labels" and fig.data[-1].hoverinfo == "skip"
    assert fig.layout.yaxis.scaleanchor is None  # stretched over a wide page: names only move apart
    nodes = [t for t in role(fig, "nodes")]
    assert all(t.mode == "markers" for t in nodes)
    assert all(n in h for t in nodes for n, h in zip(t.customdata, t.hovertext, strict=True))  # every name on hover


def test_network_names_its_biggest_actors(df: pd.DataFrame) -> None:
    fig = network.actor_network(df)
    named = set(fig.layout.meta["labels"])
    assert {"Russia", "Ukraine", "Donald Trump", "Vladimir Putin"} <= named
