"""Tests for events.dashboard.charts: pure figure builders, checked through the figures' data."""

from __future__ import annotations

import csv
import itertools
import json
import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pycountry
import pytest

from events.dashboard import charts, geo, labels
from events.dashboard import filters as flt
from events.schema import to_frame
from tests.dashboard.test_filters import ROWS, big_frame, sample_frame

BUILDERS: dict[str, Callable[[pd.DataFrame], go.Figure]] = {
    "timeline": charts.timeline,
    "timeline-actor": lambda df: charts.timeline(df, lanes="actor"),
    "counts": charts.counts_over_time,
    "counts-week": lambda df: charts.counts_over_time(df, granularity="week"),
    "compare": charts.compare_actors,
    "compare-month": lambda df: charts.compare_actors(df, ["Russia", "Nobody"], granularity="month"),
    "map": charts.actor_map,
    "network": charts.actor_network,
}


@pytest.fixture
def df() -> pd.DataFrame:
    """Prepared synthetic table."""
    return flt.prepare(sample_frame())


def role(fig: go.Figure, name: str) -> list[Any]:
    """Traces whose meta.role is `name`."""
    return [t for t in fig.data if isinstance(t.meta, dict) and t.meta.get("role") == name]


def data_json(fig: go.Figure) -> Any:
    """The figure's traces as plain JSON values."""
    return json.loads(fig.to_json())["data"]


def annotations(fig: go.Figure) -> list[str]:
    """Texts of the layout annotations."""
    return [a.text for a in fig.layout.annotations]


# ---------------------------------------------------------------- all builders


@pytest.mark.parametrize("name", list(BUILDERS))
@pytest.mark.parametrize("prepared", [False, True])
def test_empty_frame_says_no_events(name: str, prepared: bool) -> None:
    empty = to_frame([])
    fig = BUILDERS[name](flt.prepare(empty) if prepared else empty)
    assert isinstance(fig, go.Figure)
    assert charts.NO_EVENTS in annotations(fig)
    assert fig.layout.meta["empty"] is True
    assert not [t for t in fig.data if t.meta and t.meta.get("role") not in ("key", "base")]
    fig.to_json()  # serialisable


@pytest.mark.parametrize("name", list(BUILDERS))
def test_filtered_to_nothing_says_no_events(name: str, df: pd.DataFrame) -> None:
    fig = BUILDERS[name](flt.apply(df, flt.Filters(text="no such words")))
    assert charts.NO_EVENTS in annotations(fig)


@pytest.mark.parametrize("name", list(BUILDERS))
@pytest.mark.parametrize("size", [0, 20, 3000], ids=["empty", "sample", "aggregated"])
def test_figures_built_without_plotly_validation_equal_validated_ones(
    name: str, size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the builders skip plotly's per-property validation for speed; validated, they must give the same figure
    df = {0: to_frame([]), 20: sample_frame(), 3000: big_frame(3000)}[size]
    fast = json.loads(BUILDERS[name](df).to_json())
    monkeypatch.setattr(charts, "_VALIDATE", True)
    assert json.loads(BUILDERS[name](df).to_json()) == fast


@pytest.mark.parametrize("name", list(BUILDERS))
def test_prepared_and_raw_frames_give_the_same_figure(name: str, df: pd.DataFrame) -> None:
    raw = data_json(BUILDERS[name](sample_frame()))
    prepared = data_json(BUILDERS[name](df))
    assert raw == prepared
    assert charts.NO_EVENTS not in annotations(BUILDERS[name](df))


def test_type_colors_fixed_and_fallback() -> None:
    assert charts.type_color("talks") == charts.TYPE_COLORS["talks"]
    assert len(set(charts.TYPE_COLORS.values())) == len(charts.TYPE_COLORS)
    assert charts.type_color("naval_battle") == charts.type_color("naval_battle")
    assert charts.type_color("naval_battle") in charts.EXTRA_COLORS
    assert charts.type_label("air_attack") == "air attack"
    assert charts.type_order(["zeta", "air_attack", "talks"]) == ["talks", "air_attack", "zeta"]


# ---------------------------------------------------------------- timeline


def test_timeline_traces_per_type_status_and_keys(df: pd.DataFrame) -> None:
    fig = charts.timeline(df)
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
        charts.UNDATED_LABEL,
    ]
    assert len(fig.data) == 17
    assert all(t.showlegend is False for t in events)
    # every event exactly once, selectable by its id
    seen = [eid for t in events for eid in t.customdata]
    assert sorted(seen) == sorted(r["event_id"] for r in ROWS)


def test_timeline_markers_colour_by_type_symbol_by_status(df: pd.DataFrame) -> None:
    fig = charts.timeline(df)
    for t in role(fig, "events"):
        assert t.marker.color == charts.TYPE_COLORS[t.meta["event_type"]]
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
    undated_key = [k for k in role(fig, "key") if k.name == charts.UNDATED_LABEL]
    assert undated_key and undated_key[0].marker.symbol == "diamond"
    assert undated_key[0].showlegend is not False


def test_timeline_undated_at_publication_date(df: pd.DataFrame) -> None:
    fig = charts.timeline(df)
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
    fig = charts.timeline(df)
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
    fig2 = charts.timeline(to_frame([dict(ROWS[1], sentence=long + "<script>x</script>")]))
    text = role(fig2, "events")[0].text[0]
    assert "<br>" in text and "<script>" not in text and "…" in text


def test_timeline_lanes_by_actor(df: pd.DataFrame) -> None:
    fig = charts.timeline(df, lanes="actor", top_n=3)
    assert list(fig.layout.yaxis.ticktext) == ["Russia", "Ukraine", "Donald Trump"]
    ids = [eid for t in role(fig, "events") for eid in t.customdata]
    assert ids.count("ev02") == 2  # Russia and Ukraine lanes
    assert ids.count("ev01") == 1  # only Trump's lane is shown (Putin is not top 3)
    assert "ev10" not in ids  # Houthis/Israel not in the top 3
    assert "top 3 of 12 actors" in fig.layout.title.subtitle.text
    with pytest.raises(ValueError, match="lanes"):
        charts.timeline(df, lanes="country")


def test_timeline_aggregates_above_max_points() -> None:
    big = big_frame(6_000)
    fig = charts.timeline(big, max_points=500)
    events = role(fig, "events")
    markers = sum(len(t.x) for t in events)
    assert markers <= 500
    assert fig.layout.meta["aggregated"] in ("week", "month")
    assert "aggregated" in fig.layout.title.text
    sizes = [s for t in events for s in t.marker.size]
    assert max(sizes) > min(sizes)  # size = number of events
    small = charts.timeline(big.head(300), max_points=500)
    assert small.layout.meta["aggregated"] is None


def test_timeline_event_without_any_date_is_counted_not_drawn() -> None:
    frame = to_frame([dict(ROWS[0], date=None, published=None), ROWS[1]])
    fig = charts.timeline(frame)
    assert [eid for t in role(fig, "events") for eid in t.customdata] == ["ev02"]
    assert fig.layout.title.subtitle.text.startswith("1 of 2 events; 1 without any date")
    assert fig.layout.meta["events"] == {"total": 2, "shown": 1}


# ---------------------------------------------------------------- counts over time


def test_counts_bins_by_span() -> None:
    assert charts.bin_for_span(0) == "day"
    assert charts.bin_for_span(60) == "day"
    assert charts.bin_for_span(61) == "week"
    assert charts.bin_for_span(731) == "week"
    assert charts.bin_for_span(800) == "month"


def test_counts_stacked_by_type(df: pd.DataFrame) -> None:
    fig = charts.counts_over_time(df)
    assert fig.layout.barmode == "stack"
    assert fig.layout.meta["unit"] == "week"  # Feb-Oct 2025
    assert [t.name for t in fig.data] == ["talks", "summit", "air attack"]
    assert {t.name: int(sum(t.y)) for t in fig.data} == {"talks": 8, "summit": 4, "air attack": 8}
    assert all(t.marker.color == charts.type_color(t.meta["event_type"]) for t in fig.data)
    week = pd.Timestamp("2025-09-01")  # Monday: ev05 (09-02), ev06 (undated, 09-03), ...
    talks = dict(zip(pd.to_datetime(fig.data[0].x), fig.data[0].y, strict=True))
    attacks = dict(zip(pd.to_datetime(fig.data[2].x), fig.data[2].y, strict=True))
    assert talks[week] == 1 and attacks[week] == 4  # ev05, ev06, ev07, ev18
    xs = pd.to_datetime(fig.data[0].x)
    assert all((b - a).days == 7 for a, b in itertools.pairwise(xs))  # gaps filled


def test_counts_day_and_month(df: pd.DataFrame) -> None:
    sept = flt.apply(df, flt.Filters(date_from=date(2025, 9, 1), date_to=date(2025, 9, 30)))
    day = charts.counts_over_time(sept)
    assert day.layout.meta["unit"] == "day"
    assert sum(sum(t.y) for t in day.data) == len(sept)
    rows = [dict(ROWS[0], date="2021-01-05"), *ROWS]
    month = charts.counts_over_time(to_frame(rows))
    assert month.layout.meta["unit"] == "month"
    assert sum(sum(t.y) for t in month.data) == 21
    assert "Events per month" in month.layout.title.text


# ---------------------------------------------------------------- map


def test_country_centroids_cover_all_countries() -> None:
    cents = charts.country_centroids()
    assert {c.alpha_3 for c in pycountry.countries} <= set(cents)
    for lat, lon, name in cents.values():
        assert -90 <= lat <= 90 and -180 <= lon <= 180 and name
    lat, lon, _ = cents["UKR"]
    assert abs(lat - 50.45) < 0.1 and abs(lon - 30.52) < 0.1  # Kyiv
    with charts.CENTROIDS_CSV.open(encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header[:3] == ["iso3", "lat", "lon"]


def test_party_links(df: pd.DataFrame) -> None:
    assert charts.party_links(df) == {
        ("RUS", "UKR", "talks"): 2,
        ("RUS", "TUR", "talks"): 1,
        ("TUR", "UKR", "talks"): 1,
        ("RUS", "USA", "talks"): 3,
        ("FRA", "UKR", "talks"): 1,
        ("UKR", "USA", "talks"): 2,
        ("RUS", "USA", "summit"): 3,
        ("RUS", "UKR", "summit"): 1,
        ("UKR", "USA", "summit"): 2,
    }


def test_map_arcs_between_the_right_parties(df: pd.DataFrame) -> None:
    fig = charts.actor_map(df)
    arcs = role(fig, "arc")
    assert len(arcs) == 9  # one line trace per party pair and type
    cents = charts.country_centroids()
    got = {}
    for t in arcs:
        a, b = t.meta["pair"]
        etype, n = t.meta["event_type"], t.meta["events"]
        got[(a, b, etype)] = n
        assert t.mode == "lines"
        assert t.line.width == charts.arc_width(n)
        assert t.line.color == charts.TYPE_COLORS[etype]
        assert (t.lat[0], t.lon[0]) == cents[a][:2]
        assert (t.lat[-1], t.lon[-1]) == cents[b][:2]
    assert got == charts.party_links(df)
    widths = {k: t.line.width for k, t in zip(got, arcs, strict=True)}
    assert (
        widths[("RUS", "USA", "talks")]
        > widths[("RUS", "UKR", "talks")]
        > widths[("FRA", "UKR", "talks")]
    )
    # talks and summits between the same pair don't hide each other
    rus_usa = [t for t in arcs if t.meta["pair"] == ["RUS", "USA"]]
    assert len(rus_usa) == 2 and rus_usa[0].lat[12] != rus_usa[1].lat[12]
    keys = role(fig, "key")
    assert [k.meta["event_type"] for k in keys] == ["talks", "summit"]


def test_map_attack_targets_and_countries(df: pd.DataFrame) -> None:
    fig = charts.actor_map(df)
    (targets,) = role(fig, "targets")
    assert len(targets.lat) == 5  # Kyiv, Lviv, Kharkiv, Odesa, Eilat
    kyiv = targets.customdata[0].split(",")
    assert sorted(kyiv) == ["ev05", "ev06", "ev20"]
    assert targets.marker.size[0] == max(targets.marker.size)
    assert targets.marker.color == charts.TYPE_COLORS["air_attack"]
    assert "Kyiv" in targets.hovertext[0] and "3 air attacks" in targets.hovertext[0]
    assert "by Russia" in targets.hovertext[0]
    (countries,) = role(fig, "countries")
    assert set(countries.customdata) == {"USA", "RUS", "UKR", "TUR", "FRA", "ISR", "YEM"}
    assert countries.customdata[0] == "UKR" or countries.customdata[0] == "RUS"
    sub = fig.layout.title.subtitle.text
    assert "1 without coordinates not shown" in sub  # ev18 (planned, no place)


def test_map_geo_layout(df: pd.DataFrame) -> None:
    geo_ = charts.actor_map(df).layout.geo
    assert geo_.projection.type == "natural earth"
    assert geo_.resolution == 110
    assert geo_.showland and geo_.landcolor and geo_.showocean and geo_.oceancolor
    assert geo_.showcountries and geo_.countrycolor
    lo, hi = geo_.lonaxis.range
    assert lo <= 30.5 and hi >= 37.6  # Kyiv .. Moscow, where most of the sample's events are, inside the view
    world = charts.actor_map(df, region="world").layout.geo
    assert world.lonaxis.range[0] <= -77 and world.lonaxis.range[1] >= 37.6  # Washington .. Moscow
    empty = charts.actor_map(to_frame([])).layout.geo
    assert empty.showland and tuple(empty.lonaxis.range) == (-180, 180)  # nothing to place: the whole world


@pytest.mark.parametrize(
    ("region", "inside", "outside"),
    [
        ("data", [(50.45, 30.52), (55.75, 37.62)], [(38.9, -77.04)]),  # Kyiv, Moscow in; Washington out
        ("world", [(38.9, -77.04), (50.45, 30.52)], []),
        ("europe", [(48.85, 2.35), (50.45, 30.52)], [(38.9, -77.04)]),
        ("middle-east", [(31.77, 35.21)], [(50.45, 30.52)]),
        ("ukraine", [(50.45, 30.52), (49.99, 36.23)], [(55.75, 37.62)]),
    ],
)
def test_map_regions(df: pd.DataFrame, region: str, inside: list[tuple[float, float]],
                     outside: list[tuple[float, float]]) -> None:
    fig = charts.actor_map(df, region=region)
    g = fig.layout.geo
    box = geo.Box(*g.lataxis.range, *g.lonaxis.range)
    assert all(box.contains(*p) for p in inside) and not any(box.contains(*p) for p in outside)
    assert fig.layout.meta["region"] == region
    assert g.resolution == (50 if region == "ukraine" else 110)
    sub = fig.layout.title.subtitle.text
    assert ("view: " in sub) == (region != "world")
    if outside:
        assert "outside)" in sub  # the subtitle says what the view leaves out
    with pytest.raises(ValueError, match="unknown region"):
        charts.actor_map(df, region="mars")


def map_label_rects(fig: go.Figure) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(key, rectangle) of every map label, in the screen-approximate pixels of MAP_LABEL_PLOT."""
    g = fig.layout.geo
    box = geo.Box(*g.lataxis.range, *g.lonaxis.range)
    scale = geo.frame_scale(box, *charts.MAP_LABEL_PLOT)
    (trace,) = role(fig, "labels")
    out = []
    for key, lat, lon, text, side, size, font in zip(trace.meta["keys"], trace.lat, trace.lon, trace.text,
                                                    trace.textposition, trace.marker.size, trace.textfont.size,
                                                    strict=True):
        x, y = geo.to_screen(box, scale, lat, lon)
        out.append((key, labels.label_rect(labels.Mark(key, x, y, size / 2, text, font), side)))
    return out


CROWD_COUNTRIES = ("RUS", "UKR", "USA", "POL", "ROU", "MDA", "HUN", "SVK", "BLR", "LTU", "LVA", "EST", "FIN",
                   "DEU", "FRA", "GBR", "NLD", "BEL", "AUT", "CHE", "ITA", "TUR", "GEO", "ARM", "AZE", "IRN",
                   "ISR", "SAU", "QAT", "ARE", "EGY", "CHN", "IND")


def crowded_frame(seed: int = 1) -> pd.DataFrame:
    """Talks among many European and Middle-Eastern countries and air attacks on thirty places around Ukraine."""
    import numpy as np

    rng = np.random.default_rng(seed)
    rows = []
    for i in range(300):
        a, b = rng.choice(len(CROWD_COUNTRIES), 2, replace=False)
        pair = sorted({CROWD_COUNTRIES[a], CROWD_COUNTRIES[b], "UKR" if i % 3 == 0 else CROWD_COUNTRIES[a]})
        rows.append({"event_id": f"t{i}", "event_type": "talks", "status": "occurred", "date": "2025-03-01",
                     "actors": [{"name": c, "kind": "country", "country": c, "role": "participant"} for c in pair],
                     "countries": pair, "sentence": "Talks.", "published": "2025-03-01"})
    for i in range(120):
        k = int(rng.integers(0, 30))
        lat, lon = 46.0 + (k % 6) * 1.2, 24.0 + (k // 6) * 3.0
        rows.append({"event_id": f"a{i}", "event_type": "air_attack", "status": "occurred", "date": "2025-03-02",
                     "actors": [{"name": "Russia", "kind": "country", "country": "RUS", "role": "initiator"}],
                     "countries": ["RUS", "UKR"], "sentence": "A strike.", "published": "2025-03-02",
                     "location_name": f"Town number {k}", "lat": lat, "lon": lon})
    return flt.prepare(to_frame(rows))


@pytest.mark.parametrize("region", list(geo.REGIONS))
def test_map_labels_do_not_overlap(region: str) -> None:
    df = crowded_frame()
    fig = charts.actor_map(df, region=region)
    rects = map_label_rects(fig)
    assert rects, "some markers are named"
    assert len(rects) <= (charts.CITY_VIEW_LABELS if region == "ukraine" else charts.MAP_LABELS)
    for (a, ra), (b, rb) in itertools.combinations(rects, 2):
        assert not labels.overlaps(ra, rb), (a, b)
    # labels are drawn last (over every marker and arc) and have no hover of their own
    assert fig.data[-1].meta["role"] == "labels" and fig.data[-1].hoverinfo == "skip"
    assert fig.data[-1].textfont.shadow  # a white outline keeps them readable over lines and markers


def test_map_names_the_biggest_countries_and_every_country_on_hover(df: pd.DataFrame) -> None:
    fig = charts.actor_map(df)
    named = fig.layout.meta["labels"]
    (countries,) = role(fig, "countries")
    assert countries.mode == "markers"  # names are in the labels trace
    assert "country:RUS" in named and "country:UKR" in named  # the two with most events
    assert all(c in h for c, h in zip(countries.customdata, countries.hovertext, strict=True))


def test_ukraine_view_names_the_attacked_cities(df: pd.DataFrame) -> None:
    fig = charts.actor_map(df, region="ukraine")
    (trace,) = role(fig, "labels")
    names = dict(zip(trace.meta["keys"], trace.text, strict=True))
    cities = {t for k, t in names.items() if k.startswith("place:")}
    assert {"Kyiv", "Lviv", "Kharkiv", "Odesa"} <= cities  # every Ukrainian target of the sample
    colours = {t: c for t, c in zip(trace.text, trace.textfont.color, strict=True)}
    assert colours["Kyiv"] == charts.PLACE_INK and colours.get("Ukraine", charts.INK) == charts.INK
    assert min(trace.textfont.size) >= 11
    # the default view of the same data names countries first
    default = charts.actor_map(df).layout.meta["labels"]
    assert sum(k.startswith("country:") for k in default) >= sum(k.startswith("place:") for k in default)


def test_map_labels_only_in_the_view() -> None:
    box = geo.REGIONS["ukraine"].box
    assert box is not None
    named = charts.map_labels([("country:USA", 38.9, -77.0, 20, "United States")],
                              [("place:0", 50.45, 30.52, 12, "Kyiv")], box)
    assert named == {"place:0": "top center"}  # Washington is off the map: no label for it


def test_map_title_says_what_is_shown(df: pd.DataFrame) -> None:
    fig = charts.actor_map(df)
    assert "talks" in fig.layout.title.text.lower() or "talk" in fig.layout.title.text.lower()
    assert "air attack" in fig.layout.title.text.lower()
    assert "width = events" in fig.layout.title.subtitle.text


def test_map_unknown_country_is_reported() -> None:
    row = dict(ROWS[1], countries=["RUS", "ZZZ"])
    fig = charts.actor_map(to_frame([row]))
    assert "no position for ZZZ" in fig.layout.title.subtitle.text
    assert not role(fig, "arc")


# ---------------------------------------------------------------- network


def test_network_nodes_and_edges(df: pd.DataFrame) -> None:
    fig = charts.actor_network(df)
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
    assert all(t.marker.color == charts.KIND_COLORS[t.meta["kind"]] for t in role(fig, "nodes"))
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
        assert t.line.color == charts.TYPE_COLORS[t.meta["event_type"]]
        assert t.line.width == charts.arc_width(t.meta["events"])
    hover = role(fig, "edge-hover")[0].text
    assert any("Donald Trump – Vladimir Putin" in h and "talks 2 · summit 2" in h for h in hover)


def test_network_layout_is_deterministic(df: pd.DataFrame) -> None:
    a = data_json(charts.actor_network(df))
    b = data_json(charts.actor_network(sample_frame().sample(frac=1, random_state=3)))
    assert a == b


def test_network_max_nodes(df: pd.DataFrame) -> None:
    fig = charts.actor_network(df, max_nodes=4)
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
    assert charts.network_labels(pos, sizes, order, limit=limit) == expected


def network_label_rects(fig: go.Figure) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(name, rectangle) of every node label, in the pixels of NETWORK_LABEL_PLOT (axes stretched over the plot)."""
    (x_lo, x_hi), (y_lo, y_hi) = fig.layout.xaxis.range, fig.layout.yaxis.range
    width, height = charts.NETWORK_LABEL_PLOT
    (trace,) = role(fig, "labels")
    out = []
    for name, x, y, side, size in zip(trace.customdata, trace.x, trace.y, trace.textposition, trace.marker.size,
                                      strict=True):
        mark = labels.Mark(name, (x - x_lo) / (x_hi - x_lo) * width, (y_hi - y) / (y_hi - y_lo) * height, size / 2,
                           name, charts.NODE_FONT_PX)
        out.append((name, labels.label_rect(mark, side)))
    return out


@pytest.mark.parametrize("frame", ["sample", "crowded", "big"])
def test_network_labels_do_not_overlap_at_the_default_size(frame: str) -> None:
    df = {"sample": lambda: flt.prepare(sample_frame()), "crowded": crowded_frame,
          "big": lambda: flt.prepare(big_frame(600))}[frame]()
    fig = charts.actor_network(df)
    rects = network_label_rects(fig)
    assert 0 < len(rects) <= charts.NETWORK_LABELS
    for (a, ra), (b, rb) in itertools.combinations(rects, 2):
        assert not labels.overlaps(ra, rb), (a, b)
    for _, r in rects:
        assert labels.inside(r, (0, 0, *charts.NETWORK_LABEL_PLOT))
    assert fig.data[-1].meta["role"] == "labels" and fig.data[-1].hoverinfo == "skip"
    assert fig.layout.yaxis.scaleanchor is None  # stretched over a wide page: names only move apart
    nodes = [t for t in role(fig, "nodes")]
    assert all(t.mode == "markers" for t in nodes)
    assert all(n in h for t in nodes for n, h in zip(t.customdata, t.hovertext, strict=True))  # every name on hover


def test_network_names_its_biggest_actors(df: pd.DataFrame) -> None:
    fig = charts.actor_network(df)
    named = set(fig.layout.meta["labels"])
    assert {"Russia", "Ukraine", "Donald Trump", "Vladimir Putin"} <= named


# ---------------------------------------------------------------- file names and config


def test_figure_filename_example() -> None:
    f = flt.Filters(
        actors=("Russia",),
        event_types=("talks",),
        date_from=date(2025, 1, 1),
        date_to=date(2025, 9, 30),
    )
    name = charts.figure_filename("timeline", f, date(2026, 11, 25))
    assert name == "timeline_actor-Russia_type-talks_2025-01-01--2025-09-30_2026-11-25"
    assert charts.figure_filename("map", None, date(2026, 11, 25)) == "map_2026-11-25"


def test_figure_filename_names_the_new_filters() -> None:
    f = flt.Filters(places=("Kyiv", "Odesa"), location_countries=("UKR",), min_confidence=0.75)
    assert charts.figure_filename("compare", f, date(2026, 12, 4)) == (
        "compare_place-Kyiv+Odesa_loc-UKR_conf-0.75_2026-12-04"
    )
    assert charts.plotly_config("compare", f, date(2026, 12, 4))["modeBarButtonsToRemove"] == ["select2d", "lasso2d"]


def test_figure_filename_safe_and_bounded() -> None:
    f = flt.Filters(
        actors=("Volodymyr Zelensky", "Emmanuel Macron", "Recep Tayyip Erdoğan", 'a/b\\c:"d"*?<>|'),
        actor_mode="all",
        countries=("UKR", "FRA", "TUR"),
        statuses=("planned",),
        date_to=date(2025, 9, 30),
        sources=("Digi24",),
        text="Întâlnirea de la Casa Albă",
    )
    today = date(2026, 11, 25)
    name = charts.figure_filename("network", f, today)
    assert re.fullmatch(r"[A-Za-z0-9._+~-]+", name)
    assert len(name) <= 120 and name.endswith("_2026-11-25") and name.startswith("network_")
    assert "actors-all-Volodymyr-Zelensky" in name
    other = charts.figure_filename("network", f.__class__(**{**f.__dict__, "text": "x"}), today)
    assert other != name
    short = charts.figure_filename("timeline", flt.Filters(date_to=date(2025, 9, 30)), today)
    assert short == "timeline_start--2025-09-30_2026-11-25"
    assert "Erdogan" in charts.figure_filename("t", flt.Filters(actors=("Erdoğan",)), today)


def test_plotly_config() -> None:
    f = flt.Filters(actors=("Russia",))
    cfg = charts.plotly_config("map", f, date(2026, 11, 25))
    assert cfg["displaylogo"] is False
    assert cfg["topojsonURL"] == "/app/static/topojson/"
    opts = cfg["toImageButtonOptions"]
    assert opts == {"format": "png", "scale": 2, "filename": "map_actor-Russia_2026-11-25"}
    assert cfg["scrollZoom"] is True  # the map zooms with the wheel
    assert "scrollZoom" not in charts.plotly_config("timeline", f)  # the timeline lets the page scroll


def test_build_dispatch(df: pd.DataFrame) -> None:
    assert charts.build(df, "counts").layout.meta["chart"] == "counts"
    assert charts.build(df, "timeline", lanes="actor").layout.meta["lanes"] == "actor"
    with pytest.raises(ValueError, match="timeline, counts, compare, map, network"):
        charts.build(df, "pie")


def test_map_keeps_the_strongest_arcs_and_says_so(monkeypatch, df):
    monkeypatch.setattr(charts, "MAX_ARCS", 2)
    fig = charts.actor_map(df)
    arcs = role(fig, "arc")
    assert len(arcs) == 2
    all_links = charts.party_links(df)
    assert sorted(a.meta["events"] for a in arcs) == sorted(all_links.values())[-2:]
    assert "2 strongest links shown" in fig.layout.title.subtitle.text


@pytest.mark.parametrize("lanes", ["type", "actor"])
def test_aggregated_marker_lists_exactly_its_events(lanes: str) -> None:
    df = flt.prepare(big_frame(3000))
    fig = charts.timeline(df, lanes=lanes, max_points=200)
    assert fig.layout.meta["aggregated"]
    drawn = 0
    for trace in role(fig, "events"):
        sizes = trace.text
        for (first, marker), text in zip(trace.customdata, sizes, strict=True):
            rows = charts.marker_events(df, marker, lanes)
            n = int(re.match(r"<b>([\d,]+) event", text).group(1).replace(",", ""))
            assert len(rows) == n  # the hover's count
            assert rows["event_id"].iloc[0] == first  # the first event of the marker, in the table's order
            assert set(rows["event_type"]) == {trace.meta["event_type"]}
            assert set(rows["status"]) == {trace.meta["status"]}
            assert rows["date"].isna().all() == trace.meta["undated"]
            drawn += n
    if lanes == "type":  # each event in exactly one marker
        assert drawn == int(charts._effective_dates(df).notna().sum())


def test_marker_events_of_a_bad_key_is_empty() -> None:
    df = flt.prepare(sample_frame())
    assert charts.marker_events(df, "no key").empty
    assert charts.marker_events(df, charts.MARKER_SEP.join(["talks", "talks", "occurred", "0", "not a date", "D"])).empty


def test_map_view_has_a_usable_shape(df: pd.DataFrame) -> None:
    g = charts.actor_map(df).layout.geo
    box = geo.Box(*g.lataxis.range, *g.lonaxis.range)
    # plotly draws the view at its own proportions: neither a sliver nor a flat strip
    assert geo.MIN_ASPECT * 0.98 <= geo.aspect(box) <= geo.MAX_ASPECT * 1.02
