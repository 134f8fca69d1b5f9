"""Tests for events.dashboard.charts.maps: arcs between parties, attack targets, regions, labels that do not overlap."""

from __future__ import annotations

import itertools

import pandas as pd
import plotly.graph_objects as go
import pytest

from events.dashboard import countries, geo
from events.dashboard.charts import labels, maps, style
from events.schema import to_frame
from tests.dashboard.charts.figures import crowded_frame, role
from tests.dashboard.test_filters import ROWS


def test_party_links(df: pd.DataFrame) -> None:
    assert maps.party_links(df) == {
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
    fig = maps.actor_map(df)
    arcs = role(fig, "arc")
    assert len(arcs) == 9  # one line trace per party pair and type
    cents = countries.country_centroids()
    got = {}
    for t in arcs:
        a, b = t.meta["pair"]
        etype, n = t.meta["event_type"], t.meta["events"]
        got[(a, b, etype)] = n
        assert t.mode == "lines"
        assert t.line.width == style.arc_width(n)
        assert t.line.color == style.TYPE_COLORS[etype]
        assert (t.lat[0], t.lon[0]) == cents[a][:2]
        assert (t.lat[-1], t.lon[-1]) == cents[b][:2]
    assert got == maps.party_links(df)
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
    fig = maps.actor_map(df)
    (targets,) = role(fig, "targets")
    assert len(targets.lat) == 5  # Kyiv, Lviv, Kharkiv, Odesa, Eilat
    kyiv = targets.customdata[0].split(",")
    assert sorted(kyiv) == ["ev05", "ev06", "ev20"]
    assert targets.marker.size[0] == max(targets.marker.size)
    assert targets.marker.color == style.TYPE_COLORS["air_attack"]
    assert "Kyiv" in targets.hovertext[0] and "3 air attacks" in targets.hovertext[0]
    assert "by Russia" in targets.hovertext[0]
    (countries,) = role(fig, "countries")
    assert set(countries.customdata) == {"USA", "RUS", "UKR", "TUR", "FRA", "ISR", "YEM"}
    assert countries.customdata[0] == "UKR" or countries.customdata[0] == "RUS"
    sub = fig.layout.title.subtitle.text
    assert "1 without coordinates not shown" in sub  # ev18 (planned, no place)


def test_map_geo_layout(df: pd.DataFrame) -> None:
    geo_ = maps.actor_map(df).layout.geo
    assert geo_.projection.type == "natural earth"
    assert geo_.resolution == 110
    assert geo_.showland and geo_.landcolor and geo_.showocean and geo_.oceancolor
    assert geo_.showcountries and geo_.countrycolor
    lo, hi = geo_.lonaxis.range
    assert lo <= 30.5 and hi >= 37.6  # Kyiv .. Moscow, where most of the sample's events are, inside the view
    world = maps.actor_map(df, region="world").layout.geo
    assert world.lonaxis.range[0] <= -77 and world.lonaxis.range[1] >= 37.6  # Washington .. Moscow
    empty = maps.actor_map(to_frame([])).layout.geo
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
    fig = maps.actor_map(df, region=region)
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
        maps.actor_map(df, region="mars")


def map_label_rects(fig: go.Figure) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(key, rectangle) of every map label, in the screen-approximate pixels of MAP_LABEL_PLOT."""
    g = fig.layout.geo
    box = geo.Box(*g.lataxis.range, *g.lonaxis.range)
    scale = geo.frame_scale(box, *maps.MAP_LABEL_PLOT)
    (trace,) = role(fig, "labels")
    out = []
    for key, lat, lon, text, side, size, font in zip(trace.meta["keys"], trace.lat, trace.lon, trace.text,
                                                    trace.textposition, trace.marker.size, trace.textfont.size,
                                                    strict=True):
        x, y = geo.to_screen(box, scale, lat, lon)
        out.append((key, labels.label_rect(labels.Mark(key, x, y, size / 2, text, font), side)))
    return out


@pytest.mark.parametrize("region", list(geo.REGIONS))
def test_map_labels_do_not_overlap(region: str) -> None:
    df = crowded_frame()
    fig = maps.actor_map(df, region=region)
    rects = map_label_rects(fig)
    assert rects, "some markers are named"
    assert len(rects) <= (maps.CITY_VIEW_LABELS if region == "ukraine" else maps.MAP_LABELS)
    for (a, ra), (b, rb) in itertools.combinations(rects, 2):
        assert not labels.overlaps(ra, rb), (a, b)
    # labels are drawn last (over every marker and arc) and have no hover of their own
    assert fig.data[-1].meta["role"] == "labels" and fig.data[-1].hoverinfo == "skip"
    assert fig.data[-1].textfont.shadow  # a white outline keeps them readable over lines and markers


def test_map_names_the_biggest_countries_and_every_country_on_hover(df: pd.DataFrame) -> None:
    fig = maps.actor_map(df)
    named = fig.layout.meta["labels"]
    (countries,) = role(fig, "countries")
    assert countries.mode == "markers"  # names are in the labels trace
    assert "country:RUS" in named and "country:UKR" in named  # the two with most events
    assert all(c in h for c, h in zip(countries.customdata, countries.hovertext, strict=True))


def test_ukraine_view_names_the_attacked_cities(df: pd.DataFrame) -> None:
    fig = maps.actor_map(df, region="ukraine")
    (trace,) = role(fig, "labels")
    names = dict(zip(trace.meta["keys"], trace.text, strict=True))
    cities = {t for k, t in names.items() if k.startswith("place:")}
    assert {"Kyiv", "Lviv", "Kharkiv", "Odesa"} <= cities  # every Ukrainian target of the sample
    colours = {t: c for t, c in zip(trace.text, trace.textfont.color, strict=True)}
    assert colours["Kyiv"] == maps.PLACE_INK and colours.get("Ukraine", style.INK) == style.INK
    assert min(trace.textfont.size) >= 11
    # the default view of the same data names countries first
    default = maps.actor_map(df).layout.meta["labels"]
    assert sum(k.startswith("country:") for k in default) >= sum(k.startswith("place:") for k in default)


def test_map_labels_only_in_the_view() -> None:
    box = geo.REGIONS["ukraine"].box
    assert box is not None
    named = maps.map_labels([("country:USA", 38.9, -77.0, 20, "United States")],
                              [("place:0", 50.45, 30.52, 12, "Kyiv")], box)
    assert named == {"place:0": "top center"}  # Washington is off the map: no label for it


def test_map_title_says_what_is_shown(df: pd.DataFrame) -> None:
    fig = maps.actor_map(df)
    assert "talks" in fig.layout.title.text.lower() or "talk" in fig.layout.title.text.lower()
    assert "air attack" in fig.layout.title.text.lower()
    assert "width = events" in fig.layout.title.subtitle.text


def test_map_unknown_country_is_reported() -> None:
    row = dict(ROWS[1], countries=["RUS", "ZZZ"])
    fig = maps.actor_map(to_frame([row]))
    assert "no position for ZZZ" in fig.layout.title.subtitle.text
    assert not role(fig, "arc")


def test_map_keeps_the_strongest_arcs_and_says_so(monkeypatch, df):
    monkeypatch.setattr(maps, "MAX_ARCS", 2)
    fig = maps.actor_map(df)
    arcs = role(fig, "arc")
    assert len(arcs) == 2
    all_links = maps.party_links(df)
    assert sorted(a.meta["events"] for a in arcs) == sorted(all_links.values())[-2:]
    assert "2 strongest links shown" in fig.layout.title.subtitle.text


def test_map_view_has_a_usable_shape(df: pd.DataFrame) -> None:
    g = maps.actor_map(df).layout.geo
    box = geo.Box(*g.lataxis.range, *g.lonaxis.range)
    # plotly draws the view at its own proportions: neither a sliver nor a flat strip
    assert geo.MIN_ASPECT * 0.98 <= geo.aspect(box) <= geo.MAX_ASPECT * 1.02
