"""Tests for events.dashboard.geo: the map's regions, the data's extent, the projection and the region URL parameter."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

from events.dashboard import geo

PARIS = (48.85, 2.35)
WASHINGTON = (38.9, -77.04)
KYIV = (50.45, 30.52)
MOSCOW = (55.75, 37.62)
TOKYO = (35.68, 139.69)


def span(box: geo.Box) -> tuple[float, float]:
    """(latitude span, longitude span) of a box."""
    return box.lat_hi - box.lat_lo, box.lon_hi - box.lon_lo


# ---------------------------------------------------------------- the data's extent


def test_no_places_no_extent() -> None:
    assert geo.data_extent([]) is None
    assert geo.data_extent([(*PARIS, 0.0)]) is None  # a weightless point places nothing
    assert geo.view_box("data", []) == geo.REGIONS["world"].box  # the map then shows the world


def test_one_event_opens_on_its_surroundings() -> None:
    box = geo.data_extent([(*PARIS, 1.0)])
    assert box is not None and box.contains(*PARIS)
    assert span(box) == pytest.approx((geo.MIN_LAT_SPAN, geo.MIN_LON_SPAN))  # the minimum span, centred
    assert (box.lat_lo + box.lat_hi) / 2 == pytest.approx(PARIS[0])
    assert (box.lon_lo + box.lon_hi) / 2 == pytest.approx(PARIS[1])


@pytest.mark.parametrize(
    ("points", "inside", "outside"),
    [
        # two continents, equal weight: the view spans the ocean between them
        ([(*PARIS, 1.0), (*WASHINGTON, 1.0)], [PARIS, WASHINGTON], []),
        # most events in Eastern Europe, a few in Washington: the view holds the bulk, not the world
        ([(*KYIV, 10.0), (*MOSCOW, 10.0), (*WASHINGTON, 3.0)], [KYIV, MOSCOW], [WASHINGTON]),
        # ... until the far place carries more than a quarter of the events
        ([(*KYIV, 10.0), (*MOSCOW, 10.0), (*WASHINGTON, 8.0)], [KYIV, MOSCOW, WASHINGTON], []),
        # three continents, one far outlier each side
        ([(*KYIV, 20.0), (*PARIS, 5.0), (*WASHINGTON, 2.0), (*TOKYO, 2.0)], [KYIV, PARIS], [WASHINGTON, TOKYO]),
    ],
)
def test_extent_holds_the_bulk_of_the_events(
    points: list[tuple[float, float, float]], inside: list[tuple[float, float]], outside: list[tuple[float, float]]
) -> None:
    box = geo.data_extent(points)
    assert box is not None
    for lat, lon in inside:
        assert box.contains(lat, lon), (lat, lon, box)
        # padded: no point sits on the edge of the view
        assert box.lat_lo < lat - 1 < lat + 1 < box.lat_hi and box.lon_lo < lon - 1 < lon + 1 < box.lon_hi
    for lat, lon in outside:
        assert not box.contains(lat, lon), (lat, lon, box)


def test_equally_far_points_come_along() -> None:
    # both neighbours are as far from the centre: taking one means taking the other
    box = geo.data_extent([(50.0, 30.0, 10.0), (50.0, 40.0, 2.0), (50.0, 20.0, 2.0)], share=0.75)
    assert box is not None and box.contains(50.0, 40.0) and box.contains(50.0, 20.0)


@pytest.mark.parametrize(
    ("point", "check"),
    [
        ((-70.0, 0.0), lambda b: b.lat_lo == geo.LAT_LIMITS[0] and span(b)[0] == pytest.approx(geo.MIN_LAT_SPAN)),
        ((89.0, 0.0), lambda b: b.lat_hi == geo.LAT_LIMITS[1] and span(b)[0] == pytest.approx(geo.MIN_LAT_SPAN)),
        ((0.0, 179.9), lambda b: b.lon_hi == 180.0 and span(b)[1] == pytest.approx(geo.MIN_LON_SPAN)),
        ((0.0, -179.9), lambda b: b.lon_lo == -180.0 and span(b)[1] == pytest.approx(geo.MIN_LON_SPAN)),
    ],
)
def test_extent_is_clamped_to_the_map(point: tuple[float, float], check: Callable[[geo.Box], bool]) -> None:
    box = geo.data_extent([(*point, 1.0)])
    assert box is not None and check(box), box


@pytest.mark.parametrize(
    ("span_", "at_least", "expected"),
    [
        ((10.0, 20.0), 5.0, (10.0, 20.0)),  # wide enough already
        ((10.0, 20.0), 30.0, (0.0, 30.0)),  # grown about its centre
        ((-55.0, -45.0), 30.0, (-60.0, -30.0)),  # shifted off the lower limit
        ((70.0, 80.0), 30.0, (55.0, 85.0)),  # and off the upper one
        ((0.0, 10.0), 500.0, (-60.0, 85.0)),  # never beyond the limits
    ],
)
def test_grow(span_: tuple[float, float], at_least: float, expected: tuple[float, float]) -> None:
    assert geo._grow(*span_, at_least, geo.LAT_LIMITS) == pytest.approx(expected)


# ---------------------------------------------------------------- views


@pytest.mark.parametrize(
    "points",
    [
        [(*PARIS, 1.0)],  # a square-ish box: widened
        [(*PARIS, 1.0), (*WASHINGTON, 1.0)],  # a flat strip over the Atlantic: made taller
        [(*KYIV, 10.0), (*MOSCOW, 10.0), (*WASHINGTON, 3.0)],
    ],
)
def test_views_keep_a_usable_shape(points: list[tuple[float, float, float]]) -> None:
    box = geo.view_box("data", points)
    assert geo.MIN_ASPECT * 0.99 <= geo.aspect(box) <= geo.MAX_ASPECT * 1.01
    extent = geo.data_extent(points)
    assert extent is not None
    # the fitted view still holds the whole extent
    assert box.lat_lo <= extent.lat_lo and box.lat_hi >= extent.lat_hi
    assert box.lon_lo <= extent.lon_lo and box.lon_hi >= extent.lon_hi


@pytest.mark.parametrize(
    ("region", "inside", "outside"),
    [
        ("world", [WASHINGTON, TOKYO, KYIV], []),
        ("europe", [PARIS, KYIV, MOSCOW], [WASHINGTON, TOKYO]),
        ("middle-east", [(31.77, 35.21), (35.69, 51.39), (24.71, 46.68)], [PARIS, MOSCOW]),  # Jerusalem, Tehran, Riyadh
        ("ukraine", [KYIV, (49.99, 36.23), (46.48, 30.73), (49.84, 24.03), (50.6, 36.58)], [MOSCOW, PARIS]),
    ],
)
def test_region_presets(region: str, inside: list[tuple[float, float]], outside: list[tuple[float, float]]) -> None:
    box = geo.view_box(region, [(*WASHINGTON, 100.0)])  # presets ignore where the data is
    for point in inside:
        assert box.contains(*point), (region, point)
    for point in outside:
        assert not box.contains(*point), (region, point)


def test_fine_outlines_for_narrow_views() -> None:
    assert geo.resolution(geo.view_box("ukraine", [])) == 50
    assert geo.resolution(geo.view_box("europe", [])) == 110
    assert geo.resolution(geo.view_box("world", [])) == 110


# ---------------------------------------------------------------- projection


def test_projection_matches_d3_natural_earth() -> None:
    assert geo.project(0.0, 0.0) == (0.0, 0.0)
    x, y = geo.project(0.0, 180.0)
    assert x == pytest.approx(math.pi * 0.8707) and y == 0.0  # the equator's half length
    x, y = geo.project(90.0, 0.0)
    assert x == 0.0 and y == pytest.approx(1.4224, abs=1e-3)  # d3: the pole at 1.4224
    assert geo.project(-45.0, -90.0) == pytest.approx(tuple(-v for v in geo.project(45.0, 90.0)))


def test_screen_positions_inside_the_fitted_frame() -> None:
    box = geo.view_box("ukraine", [])
    scale = geo.frame_scale(box, 420, 400)
    x_lo, x_hi, y_lo, y_hi = geo.projected_bounds(box)
    assert (x_hi - x_lo) * scale == pytest.approx(420)  # a wide box fills the width
    left, top = geo.to_screen(box, scale, box.lat_hi, box.lon_lo)
    assert left == pytest.approx(0, abs=3) and top == pytest.approx(0, abs=3)
    x_kyiv, y_kyiv = geo.to_screen(box, scale, *KYIV)
    x_kharkiv, y_kharkiv = geo.to_screen(box, scale, 49.99, 36.23)
    assert x_kyiv < x_kharkiv and y_kyiv < y_kharkiv  # Kharkiv lies east and a little south of Kyiv


# ---------------------------------------------------------------- the URL parameter


@pytest.mark.parametrize(
    ("values", "region", "notice"),
    [
        (None, "data", ""),
        ([], "data", ""),
        ("ukraine", "ukraine", ""),
        (["Ukraine"], "ukraine", ""),  # case does not matter
        (["middle_east"], "middle-east", ""),  # nor _ for -
        (["Middle East"], "middle-east", ""),
        (["world", "europe"], "europe", ""),  # the last one counts, as for the other single-valued parameters
        (["data"], "data", ""),
        (["mars"], "data", "Ignored region 'mars': use one of data, world, europe, middle-east, ukraine."),
        (["<b>x</b>" * 20], "data", "Ignored region '<b>x</b><b>x</b><b>x</b><b>x</b><b>x</b>': use one of"),
    ],
)
def test_region_from_params(values: list[str] | str | None, region: str, notice: str) -> None:
    got, notices = geo.region_from_params(values)
    assert got == region
    assert (notices[0].startswith(notice) if notice else notices == []), notices


@pytest.mark.parametrize(
    ("current", "region", "expected"),
    [
        ([], "data", None),  # the default stays out of the URL
        (["ukraine"], "ukraine", None),
        ([], "ukraine", ["ukraine"]),
        (["europe"], "ukraine", ["ukraine"]),
        (["ukraine"], "data", []),  # back to the default: the parameter goes
        (["mars"], "data", []),  # a bad value is cleaned from the URL
    ],
)
def test_region_param_changes(current: list[str], region: str, expected: list[str] | None) -> None:
    assert geo.region_param_changes(current, region) == expected


@pytest.mark.parametrize(("stored", "region"), [("ukraine", "ukraine"), ("mars", "data"), (None, "data"), (["x"], "data")])
def test_valid_region(stored: object, region: str) -> None:
    assert geo.valid_region(stored) == region
