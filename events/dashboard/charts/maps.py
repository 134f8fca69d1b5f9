"""The map: actors' countries at their capitals, arcs between the parties of talks and summits, air-attack targets by
place; opened on the data's extent or a region (events.dashboard.geo), labels kept apart (charts.labels). Maps need
the offline outlines in static/topojson/ (see `config.plotly_config` and `events.dashboard.export`).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from events.dashboard import countries, geo, i18n, units
from events.dashboard.charts import cells, labels, style

ARC_TYPES = ("talks", "summit")  # types drawn as arcs between the parties on the map
ATTACK_TYPES = ("air_attack",)  # types drawn as target markers on the map


def _curve(
    a: tuple[float, float], b: tuple[float, float], bend: float, n: int = 24
) -> tuple[list[float], list[float]]:
    """Points (lons, lats) of a gentle curve from a to b (lat, lon); bend>0 bows to the left."""
    (lat1, lon1), (lat2, lon2) = a, b
    dlon, dlat = lon2 - lon1, lat2 - lat1
    mid_lon, mid_lat = (lon1 + lon2) / 2, (lat1 + lat2) / 2
    ctrl_lon, ctrl_lat = mid_lon - dlat * bend, mid_lat + dlon * bend
    t = np.linspace(0.0, 1.0, n)
    lons = (1 - t) ** 2 * lon1 + 2 * (1 - t) * t * ctrl_lon + t**2 * lon2
    lats = (1 - t) ** 2 * lat1 + 2 * (1 - t) * t * ctrl_lat + t**2 * lat2
    lons[0], lats[0], lons[-1], lats[-1] = lon1, lat1, lon2, lat2
    return lons.round(4).tolist(), np.clip(lats, -89.0, 89.0).round(4).tolist()


@dataclass(frozen=True)
class CountryGroups:
    """The rows grouped by their countries cell and event type, with each cell's distinct countries."""

    groups: cells.Groups
    items: cells.Items

    def per_type(self) -> np.ndarray:
        """Rows per (country, type): a matrix indexed by country code (`items.values`) and type (`groups.labels`)."""
        width = max(len(self.groups.labels), 1)
        group, pos, _ = cells.expand(np.arange(len(self.groups.rows)), self.groups.cell, self.items)
        flat = np.bincount(self.items.codes[pos] * width + self.groups.key[group], weights=self.groups.rows[group],
                           minlength=len(self.items.values) * width)
        return flat.reshape(len(self.items.values), width).astype(np.int64)


def distinct_countries(cell: Any) -> list[Any]:
    """A countries cell's distinct values, in order, without missing or empty ones (as `explode` then
    `drop_duplicates` give them)."""
    values = list(cell) if pd.api.types.is_list_like(cell) else [cell]
    return list(dict.fromkeys(v for v in values if pd.notna(v) and v != ""))


def country_groups(df: pd.DataFrame) -> CountryGroups:
    """The rows of df grouped by countries cell and type: each distinct cell is read once."""
    groups = cells.by_type(df, "countries")
    return CountryGroups(groups, cells.cell_items(groups.cells, distinct_countries))


def party_links(df: pd.DataFrame, countries: CountryGroups | None = None) -> dict[tuple[str, str, str], int]:
    """(country A, country B, type) -> number of talks/summit events between the two (A < B)."""
    countries = country_groups(df) if countries is None else countries
    groups = countries.groups
    arcs = np.array([t in ARC_TYPES for t in groups.labels], dtype=bool)
    return cells.pair_counts(groups, countries.items, arcs[groups.key] if len(arcs) else np.zeros(0, dtype=bool))


def initiators_of(acts: Any) -> list[str]:
    """The names of an event's initiators (an air attack's attacker)."""
    if not isinstance(acts, list | tuple):
        return []
    return [a["name"] for a in acts if a.get("role") == "initiator" and a.get("name")]


def _rounded(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(distinct values rounded to 3 decimals, code of each value among them); each distinct value rounded once."""
    # Python's round (numpy's differs in the last digit now and then: 60.1695 -> 60.17 rather than 60.169)
    distinct, inverse = np.unique(values, return_inverse=True)
    rounded = np.array([round(x, 3) for x in distinct.tolist()], dtype=float)[inverse]
    return np.unique(rounded, return_inverse=True)


def _places(lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """(place code per row, each place's rounded (lat, lon)), places in order of first appearance."""
    lats, lat_code = _rounded(lat)
    lons, lon_code = _rounded(lon)
    codes, keys = pd.factorize(lat_code.astype(np.int64) * len(lons) + lon_code)
    return codes.astype(np.int64), [(float(lats[k // len(lons)]), float(lons[k % len(lons)])) for k in keys.tolist()]


def _top_names(codes: np.ndarray, names: np.ndarray) -> dict[int, str]:
    """Per place code, its most frequent name (the first seen among equals); places without a name left out."""
    named = np.array([isinstance(x, str) and x != "" for x in names], dtype=bool)
    name_codes, distinct = pd.factorize(names[named])
    ones = np.ones(int(named.sum()))
    ranked = cells.ranked(codes[named], name_codes.astype(np.int64), ones, np.arange(len(ones)))
    return {k: str(distinct[v[0]]) for k, v in ranked.items()}


def _attackers(codes: np.ndarray, actors: pd.Series) -> dict[int, list[str]]:
    """Per place code, its attackers (the events' initiators) most frequent first (the first seen among equals)."""
    groups = cells.group_rows(actors, codes, [str(k) for k in range(int(codes.max()) + 1)] if len(codes) else [])
    names = cells.cell_items(groups.cells, initiators_of)
    group, pos, within = cells.expand(np.arange(len(groups.rows)), groups.cell, names)
    width = int(names.lengths.max()) + 1 if len(names.lengths) else 1
    ranked = cells.ranked(groups.key[group], names.codes[pos], groups.rows[group], groups.first[group] * width + within)
    return {k: [names.values[v] for v in vs] for k, vs in ranked.items()}


def attack_targets(df: pd.DataFrame) -> pd.DataFrame:
    """Air-attack targets with coordinates: location_name, lat, lon, n, attackers, report_ids."""
    lat_all = df["lat"].to_numpy(dtype=float, na_value=np.nan)
    lon_all = df["lon"].to_numpy(dtype=float, na_value=np.nan)
    attack = df["event_type"].isin(list(ATTACK_TYPES)).to_numpy(dtype=bool)
    rows = np.flatnonzero(attack & ~np.isnan(lat_all) & ~np.isnan(lon_all))
    cols = ["location_name", "lat", "lon", "n", "attackers", "report_ids"]
    if not len(rows):
        return pd.DataFrame(columns=cols)
    codes, places = _places(lat_all[rows], lon_all[rows])
    n = np.bincount(codes, minlength=len(places))
    order = np.argsort(codes, kind="stable")
    report_ids = df["report_id"].take(rows).astype(str).to_numpy(dtype=object)
    ids = np.split(report_ids[order], np.cumsum(n)[:-1])
    top_name = _top_names(codes, df["location_name"].take(rows).to_numpy(dtype=object))
    attackers = _attackers(codes, df["actors"].take(rows))
    table = [
        {
            "location_name": top_name.get(k, ""),
            "lat": plat,
            "lon": plon,
            "n": int(n[k]),
            "attackers": attackers.get(k, []),
            "report_ids": ids[k].tolist(),
        }
        for k, (plat, plon) in enumerate(places)
    ]
    return pd.DataFrame(table, columns=cols).sort_values(
        ["n", "location_name"], ascending=[False, True]
    )


MAP_HEIGHT = 600  # with a 5-line subtitle, a map of ~630 x 420 px on a 1,500 px page
CITY_REGIONS = ("ukraine",)  # views of one country: its attacked cities are named first
CITY_VIEW_LABELS = 24  # and more of them (as many as fit)
LABEL_CANDIDATES = 8  # markers looked at per label allowed, biggest first
MAP_LABELS = 12  # the map names at most this many countries and places; the others in their hover text
# the map's plot area on a 900 px page with the sidebar open: labels kept apart there are apart on wider pages too
MAP_LABEL_PLOT = (420.0, 400.0)
COUNTRY_FONT_PX = 12
PLACE_FONT_PX = 11
PLACE_INK = "#7A2E00"  # a dark vermilion: city names read as air-attack targets, apart from the countries


def _geo_layout(box: geo.Box, resolution: int = 110) -> dict[str, Any]:
    """Explicit colours (Streamlit's theme would leave land unfilled) and the view of the box."""
    box = box.rounded()
    return {
        "projection": {"type": "natural earth"},
        "resolution": resolution,
        "scope": "world",
        "showland": True,
        "landcolor": "#ECEAE4",
        "showocean": True,
        "oceancolor": "#DCE8F1",
        "showlakes": True,
        "lakecolor": "#DCE8F1",
        "showcountries": True,
        "countrycolor": "#B9B5AC",
        "countrywidth": 0.6,
        "showcoastlines": True,
        "coastlinecolor": "#A8A49B",
        "coastlinewidth": 0.6,
        "showframe": False,
        "bgcolor": "rgba(0,0,0,0)",
        "lataxis": {"range": [box.lat_lo, box.lat_hi]},
        "lonaxis": {"range": [box.lon_lo, box.lon_hi]},
    }


def map_labels(
    countries: Sequence[tuple[str, float, float, float, str]],
    places: Sequence[tuple[str, float, float, float, str]],
    box: geo.Box,
    places_first: bool = False,
    limit: int = MAP_LABELS,
    plot: tuple[float, float] = MAP_LABEL_PLOT,
) -> dict[str, str]:
    """Which markers of the map get a label, and on which side: key -> textposition.

    countries and places are (key, lat, lon, marker size px, text), most events first. Countries are named
    before places unless places_first (a view of one country's cities); only markers in the view count.
    """
    scale = geo.frame_scale(box, *plot)
    x_lo, x_hi, y_lo, y_hi = geo.projected_bounds(box)
    frame = (0.0, 0.0, (x_hi - x_lo) * scale, (y_hi - y_lo) * scale)

    def marks(items: Sequence[tuple[str, float, float, float, str]], font_px: float) -> list[labels.Mark]:
        out = []
        for key, lat, lon, size, text in items:
            if len(out) >= limit * LABEL_CANDIDATES:  # thousands of small places: none of them would be named
                break
            if box.contains(lat, lon):
                x, y = geo.to_screen(box, scale, lat, lon)
                out.append(labels.Mark(key, x, y, size / 2, text, font_px))
        return out

    tiers = [marks(countries, COUNTRY_FONT_PX), marks(places, PLACE_FONT_PX)]
    if places_first:
        tiers.reverse()
    return labels.place_labels(tiers[0] + tiers[1], limit, frame)


def _map_label_trace(spots: Sequence[tuple[str, float, float, float, str, int, str]], named: dict[str, str]) -> Any:
    """The map's labels as one trace drawn last, over every marker and arc.

    spots: (key, lat, lon, marker size, text, font px, colour). Invisible markers of the real size make plotly
    offset each text from its marker's edge as it would for the marker itself.
    """
    return go.Scattergeo(
        lon=[s[2] for s in spots],
        lat=[s[1] for s in spots],
        mode="markers+text",
        text=[style.esc(s[4]) for s in spots],
        textposition=[named[s[0]] for s in spots],
        textfont={"size": [s[5] for s in spots], "color": [s[6] for s in spots], "shadow": style.HALO},
        marker={"size": [s[3] for s in spots], "opacity": 0},
        hoverinfo="skip",
        showlegend=False,
        name="labels",
        meta={"role": "labels", "keys": [s[0] for s in spots]},
        _validate=style.VALIDATE,
    )


def _outside(names: Sequence[str], limit: int = 2) -> str:
    """'United States, China +2' for the subtitle."""
    shown = ", ".join(names[:limit])
    return shown + (f" +{len(names) - limit}" if len(names) > limit else "")


MAX_ARCS = 300


def _events_on_map(df: pd.DataFrame, countries: CountryGroups, centroids: Mapping[str, Any]) -> int:
    """Events the map draws: an actor from a country it can place, or an air attack with coordinates."""
    items = countries.items
    placed = np.array([v in centroids for v in items.values], dtype=bool)
    cell_of_item = np.repeat(np.arange(len(items.lengths)), items.lengths)
    placed_cell = np.bincount(cell_of_item, weights=placed[items.codes], minlength=len(items.lengths)) > 0
    on_map = placed_cell[countries.groups.cell[countries.groups.of_row]]
    attacks = df["event_type"].isin(list(ATTACK_TYPES)).to_numpy(dtype=bool)
    on_map |= attacks & (df["lat"].notna() & df["lon"].notna()).to_numpy(dtype=bool)
    return int(on_map.sum())


def _country_size(n: int) -> float:
    """Marker diameter (px) of a country with n events."""
    return min(8 + 3.2 * math.sqrt(n), 34)


def _target_size(n: int) -> float:
    """Marker diameter (px) of a place hit by n air attacks."""
    return min(7 + 4 * math.sqrt(n), 40)


@dataclass(frozen=True)
class MapData:
    """What the map draws: its numbers, made from the rows by `map_data` (or by the DuckDB path)."""

    n_events: int  # rows in all
    country_types: dict[str, Counter[str]]  # each actors' country -> its rows per type
    links: dict[tuple[str, str, str], int]  # `party_links`
    targets: pd.DataFrame  # `attack_targets`
    n_attacks: int  # air attacks, with coordinates or not
    n_shown: int  # rows the map draws (`_events_on_map`)
    noun: str  # units.noun of the rows
    word: str  # units.word of the rows
    bit: str  # units.unit_bit of the rows


def map_data(df: pd.DataFrame, lang: str = i18n.DEFAULT) -> MapData:
    """The map's numbers of the rows of df."""
    rows = country_groups(df)
    country_types: dict[str, Counter[str]] = defaultdict(Counter)
    per_type = rows.per_type()
    for i, j in zip(*np.nonzero(per_type), strict=True):
        country_types[rows.items.values[i]][rows.groups.labels[j]] = int(per_type[i, j])
    return MapData(len(df), dict(country_types), party_links(df, rows), attack_targets(df),
                   int(df["event_type"].isin(list(ATTACK_TYPES)).sum()),
                   _events_on_map(df, rows, countries.country_centroids()), units.noun(df), units.word(df, lang),
                   units.unit_bit(df, lang))


def actor_map(df: pd.DataFrame, region: str = geo.DEFAULT_REGION, lang: str = i18n.DEFAULT) -> go.Figure:
    """Actor countries at their capitals, arcs between the parties of talks/summits, attack targets by city.

    region: a key of geo.REGIONS; the default opens on the data's extent (where most of its events are).
    """
    if region not in geo.REGIONS:
        raise ValueError(f"unknown region {region!r}; choose one of {', '.join(geo.REGIONS)}")
    return map_figure(map_data(df, lang), region, lang)


def map_figure(data: MapData, region: str = geo.DEFAULT_REGION, lang: str = i18n.DEFAULT) -> go.Figure:
    """The map of `data` (`map_data`), opened on `region`."""
    if region not in geo.REGIONS:
        raise ValueError(f"unknown region {region!r}; choose one of {', '.join(geo.REGIONS)}")
    tr = i18n.strings(lang)
    traces = style.Traces()
    # ISO-3 -> (lat, lon, the name in the page's language)
    centroids = {c: (lat, lon, tr.country_name(c, name)) for c, (lat, lon, name) in countries.country_centroids().items()}
    n_events = data.n_events
    country_types = data.country_types
    country_events: Counter[str] = Counter({c: sum(t.values()) for c, t in country_types.items()})
    placed = {c: n for c, n in country_events.items() if c in centroids}
    unplaced = sorted(set(country_events) - set(placed))
    isos = sorted(placed, key=lambda c: (-placed[c], c))
    targets = data.targets
    n_attacks = data.n_attacks

    # the view: a region's preset, or the extent of what the map draws, weighted by events
    points = [(centroids[c][0], centroids[c][1], float(placed[c])) for c in isos]
    points += [(float(lat), float(lon), float(n)) for lat, lon, n in zip(targets["lat"], targets["lon"], targets["n"],
                                                                          strict=True)]
    box = geo.view_box(region, points)
    place_keys = [f"place:{i}" for i in range(len(targets))]
    city_view = region in CITY_REGIONS
    named = map_labels(
        [(f"country:{c}", centroids[c][0], centroids[c][1], _country_size(placed[c]), centroids[c][2]) for c in isos],
        [(key, float(r.lat), float(r.lon), _target_size(int(r.n)), str(r.location_name or ""))
         for key, r in zip(place_keys, targets.itertuples(index=False), strict=True)],
        box,
        places_first=city_view,
        limit=CITY_VIEW_LABELS if city_view else MAP_LABELS,
    )

    # arcs: one trace per party pair and type
    links = data.links
    types_linked = style.type_order({t for (_, _, t) in links})
    drawable = [(k, n) for k, n in sorted(links.items(), key=lambda kv: (-kv[1], kv[0]))
                if k[0] in centroids and k[1] in centroids]
    # a trace per arc: beyond a few hundred the map is a hairball and slow to build; keep the strongest
    hidden_arcs = max(0, len(drawable) - MAX_ARCS)
    for (a, b, etype), n in drawable[:MAX_ARCS]:
        (la, lo_a, name_a), (lb, lo_b, name_b) = centroids[a], centroids[b]
        bend = 0.12 * (1 if types_linked.index(etype) % 2 == 0 else -1)
        bend *= 1 + 0.6 * (types_linked.index(etype) // 2)
        lon_path, lat_path = _curve((la, lo_a), (lb, lo_b), bend)
        label = f"<b>{style.esc(name_a)} – {style.esc(name_b)}</b><br>{style.breakdown({etype: n}, lang)}"
        traces.add_trace(
            go.Scattergeo(
                lon=lon_path,
                lat=lat_path,
                mode="lines",
                line={"width": style.arc_width(n), "color": style.type_color(etype)},
                opacity=0.8,
                name=f"{style.type_label(etype, lang)}: {name_a} – {name_b}",
                legendgroup=etype,
                showlegend=False,
                text=[label] * len(lon_path),
                hovertemplate="%{text}<extra></extra>",
                meta={"role": "arc", "pair": [a, b], "event_type": etype, "events": n},
                _validate=style.VALIDATE,
            )
        )
    for etype in types_linked:
        traces.add_trace(
            go.Scattergeo(
                lon=[None],
                lat=[None],
                mode="lines",
                line={"width": 4, "color": style.type_color(etype)},
                name=tr("map.arcs_key", type=style.type_label(etype, lang)),
                legendgroup=etype,
                hoverinfo="skip",
                meta={"role": "key", "event_type": etype},
                _validate=style.VALIDATE,
            )
        )

    # countries of the actors
    if placed:
        hover = [
            f"<b>{style.esc(centroids[c][2])}</b> ({c})<br>{tr.plural(placed[c], 'n.event')}: "
            f"{style.breakdown(country_types[c], lang)}"
            for c in isos
        ]
        traces.add_trace(
            go.Scattergeo(
                lon=[centroids[c][1] for c in isos],
                lat=[centroids[c][0] for c in isos],
                mode="markers",
                marker={
                    "size": [_country_size(placed[c]) for c in isos],
                    "color": "#3B4A5A",
                    "opacity": 0.85,
                    "line": {"color": "white", "width": 1},
                },
                name=tr("map.countries_key", what=data.word),
                customdata=isos,
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
                meta={"role": "countries"},
                _validate=style.VALIDATE,
            )
        )

    # air-attack targets, at the geocoded place (a city, else a region)
    if not targets.empty:
        hover = [
            f"<b>{style.esc(r.location_name) or tr('map.target')}</b><br>{tr.plural(int(r.n), 'n.air_attack')}"
            + ("<br>" + tr("map.by", names=style.esc(", ".join(r.attackers[:4]))) if r.attackers else "")
            for r in targets.itertuples(index=False)
        ]
        traces.add_trace(
            go.Scattergeo(
                lon=targets["lon"].tolist(),
                lat=targets["lat"].tolist(),
                mode="markers",
                marker={
                    "size": [_target_size(int(n)) for n in targets["n"]],
                    "color": style.type_color("air_attack"),
                    "opacity": 0.75,
                    "symbol": "circle",
                    "line": {"color": "#7A2E00", "width": 1},
                },
                name=tr("map.targets_key"),
                customdata=[",".join(ids) for ids in targets["report_ids"]],
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
                meta={"role": "targets"},
                _validate=style.VALIDATE,
            )
        )

    spots = [(f"country:{c}", centroids[c][0], centroids[c][1], _country_size(placed[c]), centroids[c][2],
              COUNTRY_FONT_PX, style.INK) for c in isos]
    spots += [(key, float(r.lat), float(r.lon), _target_size(int(r.n)), str(r.location_name or ""), PLACE_FONT_PX,
               PLACE_INK) for key, r in zip(place_keys, targets.itertuples(index=False), strict=True)]
    if named:
        traces.add_trace(_map_label_trace([s for s in spots if s[0] in named], named))

    title = tr("map.title")
    n_shown = data.n_shown
    bits = [style.coverage(n_events, n_shown, [(n_events - n_shown, tr("coverage.no_place", n=n_events - n_shown))],
                           lang, data.noun), data.bit]
    if links:
        bits.append(tr("map.arcs_bit", what=data.word))
    if hidden_arcs:
        bits.append(tr("map.hidden_arcs", k=MAX_ARCS, n=hidden_arcs))
    if n_attacks:
        bits.append(tr("map.attacks_bit",
                       attacks=tr.plural(int(targets["n"].sum()) if len(targets) else 0, "n.air_attack")))
        missing = n_attacks - (int(targets["n"].sum()) if len(targets) else 0)
        if missing:
            bits.append(tr("map.no_coordinates", n=missing))
    if unplaced:
        bits.append(tr("map.no_position", names=", ".join(unplaced[:5])))
    outside = [centroids[c][2] for c in isos if not box.contains(*centroids[c][:2])]
    if len(targets):
        lat, lon = targets["lat"].to_numpy(dtype=float), targets["lon"].to_numpy(dtype=float)
        off = ~((lat >= box.lat_lo) & (lat <= box.lat_hi) & (lon >= box.lon_lo) & (lon <= box.lon_hi))
        outside += [str(name or tr("map.a_target")) for name in targets["location_name"].to_numpy(dtype=object)[off]]
    view = tr("map.main_area") if region == geo.DEFAULT_REGION else geo.region_label(region, lang)
    if points and region != "world":
        bits.append(tr("map.view_outside", view=view, outside=_outside(outside)) if outside
                    else tr("map.view", view=view))
    fig = go.Figure(data=traces, _validate=style.VALIDATE)
    style.apply_layout(fig, title, bits, height=MAP_HEIGHT)
    fig.update_layout(
        geo=_geo_layout(box, geo.resolution(box)),
        legend={"orientation": "h", "y": -0.02, "yanchor": "top", "x": 0.5, "xanchor": "center"},
        meta={"chart": "map", "region": region, "labels": sorted(named),
              "events": {"total": n_events, "shown": n_shown}},
        margin={"l": 10, "r": 10, "b": 10},
    )
    if not fig.data or all(tr.meta.get("role") == "key" for tr in fig.data):
        # an empty trace makes plotly draw the (empty) world map instead of blank axes
        fig.add_trace(
            go.Scattergeo(lon=[], lat=[], showlegend=False, hoverinfo="skip", meta={"role": "base"}, _validate=style.VALIDATE)
        )
        style.no_events(fig, lang=lang)
    return fig
