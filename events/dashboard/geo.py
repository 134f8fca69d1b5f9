"""Map views: region presets, the data's extent, and the Natural Earth projection plotly draws with.

Pure functions (no plotly, no Streamlit): `view_box` picks what the map opens on, `project` and `frame_scale`
place points on an approximate screen so labels can be kept apart (events.dashboard.charts.labels) before plotly draws them.

plotly fits a geo view given by lon/lat ranges into the plot area keeping the projection's proportions, so the
map's on-screen aspect is the box's aspect: boxes are kept between MIN_ASPECT and MAX_ASPECT (a 440 px wide
chart on a 900 px page and a 1,030 px wide one on a 1,500 px page both get a usable map).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from events.dashboard import i18n

LAT_LIMITS = (-60.0, 85.0)  # nothing of interest south of -60; plotly's world ends at 85
LON_LIMITS = (-180.0, 180.0)
CORE_SHARE = 0.75  # the data's extent holds the places nearest its centre carrying this share of the events
PAD_SHARE = 0.12  # padding on each side, as a share of the span ...
MIN_PAD = 1.5  # ... and at least this many degrees
MIN_LAT_SPAN = 8.0  # degrees: one city's events open on its country and neighbours, not a street map
MIN_LON_SPAN = 12.0
MIN_ASPECT = 1.5  # projected width / height of a view: narrower boxes widen (no sliver of a map) ...
MAX_ASPECT = 2.2  # ... and flatter ones grow taller (a flat strip is unreadable on a narrow page)
FINE_SPAN = 30.0  # degrees of longitude: a view this narrow uses the 1:50m outlines (1:110m look coarse)


@dataclass(frozen=True)
class Box:
    """A map view: latitude and longitude ranges in degrees."""

    lat_lo: float
    lat_hi: float
    lon_lo: float
    lon_hi: float

    def contains(self, lat: float, lon: float) -> bool:
        """True when the point lies in the box (edges included)."""
        return self.lat_lo <= lat <= self.lat_hi and self.lon_lo <= lon <= self.lon_hi

    def rounded(self, digits: int = 2) -> Box:
        """The box with its edges rounded (stable figure JSON)."""
        return Box(*(round(v, digits) for v in (self.lat_lo, self.lat_hi, self.lon_lo, self.lon_hi)))


@dataclass(frozen=True)
class Region:
    """A named view of the map; box None means the data's extent."""

    key: str
    label: str
    box: Box | None


REGIONS: dict[str, Region] = {
    "data": Region("data", "Data extent", None),
    "world": Region("world", "World", Box(*LAT_LIMITS, *LON_LIMITS)),
    "europe": Region("europe", "Europe", Box(34.0, 71.0, -12.0, 45.0)),
    "middle-east": Region("middle-east", "Middle East", Box(12.0, 42.0, 25.0, 63.0)),
    # Ukraine with the Russian border regions that are struck too (Belgorod, Kursk, Bryansk)
    "ukraine": Region("ukraine", "Ukraine", Box(44.0, 53.6, 21.5, 41.0)),
}
DEFAULT_REGION = "data"
REGION_PARAM = "region"  # the URL query parameter (?region=ukraine)


# ---------------------------------------------------------------- projection


def project(lat: float, lon: float) -> tuple[float, float]:
    """Natural Earth (d3's geoNaturalEarth1, what plotly's 'natural earth' uses): (x, y), y up, radians-ish units."""
    lam, phi = math.radians(lon), math.radians(lat)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)))
    y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)))
    return x, y


@functools.lru_cache(maxsize=64)  # asked once per labelled marker: ~70 projections each
def projected_bounds(box: Box, steps: int = 16) -> tuple[float, float, float, float]:
    """(x_lo, x_hi, y_lo, y_hi) of the box's outline once projected (its meridians bow outwards)."""
    pts = []
    for i in range(steps + 1):
        t = i / steps
        lat = box.lat_lo + (box.lat_hi - box.lat_lo) * t
        lon = box.lon_lo + (box.lon_hi - box.lon_lo) * t
        pts += [project(lat, box.lon_lo), project(lat, box.lon_hi), project(box.lat_lo, lon), project(box.lat_hi, lon)]
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return min(xs), max(xs), min(ys), max(ys)


def aspect(box: Box) -> float:
    """Width / height of the box as drawn."""
    x_lo, x_hi, y_lo, y_hi = projected_bounds(box)
    return (x_hi - x_lo) / max(y_hi - y_lo, 1e-9)


def frame_scale(box: Box, width: float, height: float) -> float:
    """Pixels per projected unit when plotly fits the box into a width x height plot area."""
    x_lo, x_hi, y_lo, y_hi = projected_bounds(box)
    return min(width / max(x_hi - x_lo, 1e-9), height / max(y_hi - y_lo, 1e-9))


def to_screen(box: Box, scale: float, lat: float, lon: float) -> tuple[float, float]:
    """Approximate pixel position (x right, y down) of a point in the fitted box, from its top-left corner."""
    x_lo, _x_hi, _y_lo, y_hi = projected_bounds(box)
    x, y = project(lat, lon)
    return (x - x_lo) * scale, (y_hi - y) * scale


# ---------------------------------------------------------------- extent


def _grow(lo: float, hi: float, span: float, limits: tuple[float, float]) -> tuple[float, float]:
    """(lo, hi) grown about its centre to `span` wide, shifted back inside the limits, never beyond them."""
    if hi - lo >= span:
        return lo, hi
    centre = (lo + hi) / 2
    lo, hi = centre - span / 2, centre + span / 2
    if lo < limits[0]:
        lo, hi = limits[0], hi + limits[0] - lo
    if hi > limits[1]:
        lo, hi = lo - (hi - limits[1]), limits[1]
    return max(lo, limits[0]), min(hi, limits[1])


def _weighted_median(values: Sequence[float], weights: Sequence[float]) -> float:
    """The value at which half the weight lies on either side."""
    pairs = sorted(zip(values, weights, strict=True))
    half = sum(weights) / 2
    total = 0.0
    for value, weight in pairs:
        total += weight
        if total >= half:
            return value
    return pairs[-1][0]


def core_points(points: Sequence[tuple[float, float, float]], share: float = CORE_SHARE) -> list[tuple[float, float]]:
    """(lat, lon) of the points nearest the weighted median centre that carry `share` of the weight.

    Why: a few far places (a summit in Alaska, talks in Washington) would otherwise stretch the view over the world
    and shrink the places where most events happen to a blur. Longitudes are not wrapped at ±180.
    """
    pts = [(lat, lon, w) for lat, lon, w in points if w > 0]
    if not pts:
        return []
    c_lat = _weighted_median([p[0] for p in pts], [p[2] for p in pts])
    c_lon = _weighted_median([p[1] for p in pts], [p[2] for p in pts])
    shrink = math.cos(math.radians(c_lat))

    def distance(p: tuple[float, float, float]) -> float:
        return math.hypot((p[1] - c_lon) * shrink, p[0] - c_lat)

    ranked = sorted(pts, key=distance)
    need = share * sum(p[2] for p in pts)
    kept: list[tuple[float, float]] = []
    carried = 0.0
    reach = math.inf
    for p in ranked:
        if carried >= need and distance(p) > reach:
            break
        kept.append((p[0], p[1]))
        carried += p[2]
        if carried >= need and reach == math.inf:
            reach = distance(p)  # points as far as this one come along (ties)
    return kept


def data_extent(points: Iterable[tuple[float, float, float]], share: float = CORE_SHARE) -> Box | None:
    """The view holding the data's core: (lat, lon, weight) points -> padded, clamped box; None without points."""
    core = core_points(list(points), share)
    if not core:
        return None
    lats = [p[0] for p in core]
    lons = [p[1] for p in core]
    pad_lat = max(MIN_PAD, (max(lats) - min(lats)) * PAD_SHARE)
    pad_lon = max(MIN_PAD, (max(lons) - min(lons)) * PAD_SHARE)
    lat_lo, lat_hi = _grow(max(LAT_LIMITS[0], min(lats) - pad_lat), min(LAT_LIMITS[1], max(lats) + pad_lat),
                           MIN_LAT_SPAN, LAT_LIMITS)
    lon_lo, lon_hi = _grow(max(LON_LIMITS[0], min(lons) - pad_lon), min(LON_LIMITS[1], max(lons) + pad_lon),
                           MIN_LON_SPAN, LON_LIMITS)
    return Box(lat_lo, lat_hi, lon_lo, lon_hi)


def fit_aspect(box: Box, low: float = MIN_ASPECT, high: float = MAX_ASPECT) -> Box:
    """The box widened (or made taller) about its centre until its drawn aspect is within [low, high]."""
    for _ in range(6):  # the projection bends: a few rounds converge
        a = aspect(box)
        if a < low * 0.995:
            lon_lo, lon_hi = _grow(box.lon_lo, box.lon_hi, (box.lon_hi - box.lon_lo) * low / a, LON_LIMITS)
            box = Box(box.lat_lo, box.lat_hi, lon_lo, lon_hi)
        elif a > high * 1.005:
            lat_lo, lat_hi = _grow(box.lat_lo, box.lat_hi, (box.lat_hi - box.lat_lo) * a / high, LAT_LIMITS)
            box = Box(lat_lo, lat_hi, box.lon_lo, box.lon_hi)
        else:
            break
    return box


def view_box(region: str, points: Iterable[tuple[float, float, float]]) -> Box:
    """The box a region opens on: its preset, or the data's extent (the world when there is nothing to place)."""
    preset = REGIONS[region].box if region in REGIONS else None
    box = preset or data_extent(points) or REGIONS["world"].box
    assert box is not None
    return box if box == REGIONS["world"].box else fit_aspect(box)


def resolution(box: Box) -> int:
    """Outline detail for a view: 50 (1:50m) for narrow views, else 110 (both bundled in static/topojson)."""
    return 50 if box.lon_hi - box.lon_lo <= FINE_SPAN else 110


# ---------------------------------------------------------------- the URL parameter


def region_label(region: str, lang: str = i18n.DEFAULT) -> str:
    """A region's name on the map's control and in its subtitle: 'Ukraine' / 'Ucraina'."""
    return i18n.strings(lang).get(f"region.{region}", REGIONS[region].label if region in REGIONS else region)


def region_from_params(values: Sequence[str] | str | None, lang: str = i18n.DEFAULT) -> tuple[str, list[str]]:
    """The region a URL asks for (?region=…), the default with a notice when the value is unknown."""
    items = [values] if isinstance(values, str) else list(values or [])
    if not items:
        return DEFAULT_REGION, []
    wanted = str(items[-1]).strip().lower().replace("_", "-").replace(" ", "-")
    if wanted in REGIONS:
        return wanted, []
    choices = ", ".join(REGIONS)
    return DEFAULT_REGION, [i18n.t(lang, "notice.region", value=repr(str(items[-1])[:40]), choices=choices)]


def region_param_changes(current: Sequence[str] | None, region: str) -> list[str] | None:
    """The URL's region values for `region`: None when the URL already says it ([] deletes the parameter)."""
    wanted = [] if region == DEFAULT_REGION else [region]
    return None if list(current or []) == wanted else wanted


def valid_region(value: object) -> str:
    """The region a stored choice names, else the default (the data's extent)."""
    return value if isinstance(value, str) and value in REGIONS else DEFAULT_REGION
