"""The timeline: every event on a time axis, one lane per event type (or per top actor), colour by type, marker by status;
undated events at their publication date. Above `max_points` markers it aggregates per day/week/month/..., and a
click on such a marker lists its events again (`marker_events`).
"""

from __future__ import annotations

import math
import textwrap
import zlib
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from events.dashboard import filters as flt
from events.dashboard import i18n, units
from events.dashboard.charts import style

MAX_POINTS = 20_000  # timeline: above this many markers, aggregate
# what only the hover text of an event drawn on its own reads (timeline's `details` gives them for those events)
HOVER_COLUMNS = ("date_precision", "date_text", "sentence", "source", "published", "n_articles", "n_sources",
                 "status_history")
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
STATUSES = ("occurred", "planned", "cancelled")
STATUS_SYMBOLS: dict[str, str] = {"occurred": "circle", "planned": "circle-open", "cancelled": "x"}
UNDATED_SYMBOLS: dict[str, str] = {
    "occurred": "diamond",
    "planned": "diamond-open",
    "cancelled": "diamond-x-open",
}
UNDATED_LABEL = i18n.t(i18n.DEFAULT, "timeline.undated_key")  # the English key's name (tests look for it)


def _wrap(text: str, width: int = 72, max_lines: int = 6) -> str:
    """Wrap text for hover labels (<br> between lines), at most max_lines lines."""
    lines = textwrap.wrap(text, width=width) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(" .,;") + " …"
    return "<br>".join(style.esc(line) for line in lines)


def _fmt_day(ts: Any) -> str:
    """YYYY-MM-DD of a timestamp, '' for NaT."""
    return "" if ts is None or pd.isna(ts) else pd.Timestamp(ts).strftime("%Y-%m-%d")


def _actors_text(actors: object, limit: int = 6, lang: str = i18n.DEFAULT) -> str:
    """'Vladimir Putin (initiator), Kyiv (target)' for hover text."""
    if not isinstance(actors, list | tuple) or not actors:
        return "—"
    tr = i18n.strings(lang)
    parts = []
    for a in actors[:limit]:
        name = style.esc(a.get("name", "?"))
        role = a.get("role")
        shown = tr.get(f"role.{role}", str(role)) if role else ""
        parts.append(f"{name} ({style.esc(shown)})" if role and role != "participant" else name)
    more = len(actors) - limit
    return ", ".join(parts) + (" " + tr("timeline.more", n=more) if more > 0 else "")


def _event_hover(row: Any, eff: Any, undated: bool, lang: str = i18n.DEFAULT) -> str:
    """Hover text of one event: type, status, date as written, actors, place, sentence."""
    tr = i18n.strings(lang)
    status = tr.status_name(str(row.status)) if isinstance(row.status, str) else row.status
    head = f"<b>{style.esc(style.type_label(str(row.event_type), lang))}</b> · {style.esc(status)}"
    if undated:
        when = tr("timeline.hover.date_undated", day=_fmt_day(eff))
    else:
        day = _fmt_day(row.date)
        prec = row.date_precision if isinstance(row.date_precision, str) else ""
        if prec == "month":
            day = day[:7]
        elif prec == "year":
            day = day[:4]
        written = row.date_text if isinstance(row.date_text, str) and row.date_text else ""
        when = (tr("timeline.hover.date_written", written=style.esc(written), day=day) if written
                else tr("timeline.hover.date", day=day))
        if prec and prec != "day":
            when += f" ({style.esc(tr.unit_name(prec))})"
    lines = [head, when, tr("timeline.hover.actors", actors=_actors_text(row.actors, lang=lang))]
    if isinstance(row.location_name, str) and row.location_name:
        lines.append(tr("timeline.hover.place", place=style.esc(row.location_name)))
    if isinstance(row.sentence, str) and row.sentence:
        lines.append(f"<i>{_wrap(row.sentence)}</i>")
    src = [s for s in (row.source, _fmt_day(row.published)) if isinstance(s, str) and s]
    if src:
        lines.append(f"<span style='color:{style.MUTED}'>{style.esc(' · '.join(src))}</span>")
    n_reports = int(getattr(row, "n_reports", 1) or 1)
    if n_reports > 1:  # an event reported several times
        lines.append(tr("timeline.hover.reports", reports=tr.plural(n_reports, "n.report"),
                        outlets=tr.plural(int(row.n_sources), "n.outlet")))
    return "<br>".join(lines)


def marker_size(n_reports: int) -> float:
    """An event's marker grows with its reports: 10 px for one, ~24 px for 20 or more."""
    return round(10 + 3.2 * math.sqrt(min(max(n_reports, 1), 20) - 1), 2)


def planned_since(row: Any) -> pd.Timestamp | None:
    """When an event that took place was first reported as planned, if before it took place (its planned-to-held
    path starts there); None otherwise."""
    history = getattr(row, "status_history", None)
    if getattr(row, "status", None) != "occurred" or pd.isna(row.date) or not isinstance(history, list):
        return None
    since = next((h.get("since") for h in history if h.get("status") == "planned" and h.get("since")), None)
    start = pd.Timestamp(since) if since else None
    return start if start is not None and start < row.date else None


def _jitter(key: str, spread: float = 0.5) -> float:
    """Deterministic offset in [-spread/2, spread/2) from a string (keeps lanes readable)."""
    return ((zlib.crc32(key.encode()) % 10_000) / 10_000 - 0.5) * spread


def _timeline_points(df: pd.DataFrame, lanes: str, top_n: int) -> tuple[pd.DataFrame, list[str]]:
    """One row per marker (event x lane) and the lane order."""
    eff = flt.effective_dates(df)
    # the text columns stay Arrow strings (.array, not .to_numpy()): no Python string per event (400k events: ~0.1 s
    # and ~70 MB); grouping and reading them gives the same values
    base = pd.DataFrame(
        {
            "pos": np.arange(len(df)),
            "report_id": df["report_id"].astype(str).array,
            "event_type": df["event_type"].fillna("").astype(str).array,
            "status": df["status"].fillna("occurred").astype(str).array,
            "undated": df["date"].isna().to_numpy(),
            "x": eff.to_numpy(),
        }
    )
    base = base[base["x"].notna()]
    if lanes == "actor":
        names = pd.Series(flt.actor_names_column(df).to_numpy(), index=np.arange(len(df))).explode()
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
    return pts, style.type_order(pts["event_type"])


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
        .agg(n=("report_id", "size"), report_id=("report_id", "first"))
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
    eff = pd.to_datetime(flt.effective_dates(df))
    mask = (
        (df["event_type"].fillna("").astype(str) == etype).to_numpy(dtype=bool)
        & (df["status"].fillna("occurred").astype(str) == status).to_numpy(dtype=bool)
        & (df["date"].isna().to_numpy(dtype=bool) == (undated == "1"))
        & (eff.dt.to_period(freq).dt.start_time == period_start).to_numpy(dtype=bool, na_value=False)
    )
    if lanes == "actor":
        mask &= np.array([lane in names for names in flt.actor_names_column(df)], dtype=bool)
    return df[mask]


def timeline(
    df: pd.DataFrame, lanes: str = "type", top_n: int = 15, max_points: int = MAX_POINTS, lang: str = i18n.DEFAULT,
    details: Callable[[np.ndarray], pd.DataFrame] | None = None,
) -> go.Figure:
    """Every event on a time axis, one lane per event type (or per top actor); colour = type.

    `details(positions)` gives df's rows at those positions with every column, for the hover texts of the events
    drawn one by one, when df lacks some of `HOVER_COLUMNS` (the page's copy of many filtered rows leaves them out).
    """
    # customdata = report_id per marker (aggregated: the first event the marker stands for)
    if lanes not in ("type", "actor"):
        raise ValueError(f"lanes must be 'type' or 'actor', not {lanes!r}")
    tr = i18n.strings(lang)
    by = "type" if lanes == "type" else "actor"
    pts, lane_order = _timeline_points(df, lanes, top_n) if len(df) else (pd.DataFrame(), [])
    n_events = len(df)
    n_undated = int(df["date"].isna().sum()) if n_events else 0
    n_nodate = n_events - int(flt.effective_dates(df).notna().sum()) if n_events else 0
    if pts.empty:
        fig = go.Figure(_validate=style.VALIDATE)
        style.apply_layout(fig, tr(f"timeline.title.{by}"), height=360)
        return style.no_events(fig, lang=lang)

    n_shown = int(pts["pos"].nunique())  # events with at least one marker (before markers are merged)
    aggregated = ""
    if len(pts) > max_points:
        pts, aggregated = _aggregate(pts)
    records: dict[int, Any] = {}
    eff: dict[int, Any] = {}
    if not aggregated:  # hover text needs the full rows of the drawn events only
        wanted = np.unique(pts["pos"].to_numpy())
        sub = df.iloc[wanted] if details is None else details(wanted)
        records = dict(zip(wanted.tolist(), sub.itertuples(index=False), strict=True))
        eff = dict(zip(wanted.tolist(), flt.effective_dates(sub).tolist(), strict=True))
    n_actors = len({n for ns in flt.actor_names_column(df) for n in ns}) if lanes == "actor" else 0
    stats = TimelineStats(n_events, n_shown, n_undated, n_nodate, n_actors, "n_reports" in df.columns,
                          units.noun(df), units.word(df, lang), units.unit_bit(df, lang))
    return timeline_figure(pts, aggregated, lanes, lane_order, stats, lang, records, eff)


class TimelineStats(NamedTuple):
    """The timeline's numbers besides its markers."""

    n_events: int  # rows in all
    n_shown: int  # rows with at least one marker
    n_undated: int  # rows without an event date
    n_nodate: int  # rows without any date (nor a publication date)
    n_actors: int  # distinct actors of the rows (actor lanes only)
    events: bool  # the rows are events (their markers grow with their reports)
    noun: str  # units.noun of the rows
    word: str  # units.word of the rows
    bit: str  # units.unit_bit of the rows


def timeline_figure(pts: pd.DataFrame, aggregated: str, lanes: str, lane_order: list[str], stats: TimelineStats,
                    lang: str = i18n.DEFAULT, records: dict[int, Any] | None = None,
                    eff: dict[int, Any] | None = None) -> go.Figure:
    """The timeline of its markers: `pts` one per event and lane (`records` and `eff` then hold each drawn event's
    row and effective date by position), or aggregated per `aggregated` period (`_aggregate`)."""
    tr = i18n.strings(lang)
    traces = style.Traces()
    by = "type" if lanes == "type" else "actor"
    records = records or {}
    eff = eff or {}
    n_events, n_shown, n_undated, n_nodate = stats.n_events, stats.n_shown, stats.n_undated, stats.n_nodate
    n_max = int(pts["n"].max()) if aggregated else 1
    lane_index = {lane: i for i, lane in enumerate(lane_order)}

    paths: list[tuple[Any, Any]] = []  # planned-to-held paths of the events drawn: (x, y) points, None between
    # one split of the points into marker classes (rows keep their order), not three masks per class
    classes = {key: rows for key, rows in pts.groupby(["event_type", "undated", "status"], sort=False)}
    for etype in style.type_order(pts["event_type"]):
        color = style.type_color(etype)
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
                    undated_word = " · " + tr("timeline.undated") if undated else ""
                    texts = [
                        f"<b>{tr.plural(int(n), 'n.event')}</b> · {style.esc(style.type_label(etype, lang))} · "
                        f"{style.esc(tr.status_name(status))}{undated_word}<br>"
                        f"{style.esc(lane if by == 'actor' else style.type_label(lane, lang))}<br>"
                        + tr("timeline.period_of", per=tr.unit_name(aggregated), day=_fmt_day(x))
                        for n, lane, x in zip(sel["n"], sel["lane"], sel["x"], strict=True)
                    ]
                else:
                    y = [
                        lane_index[lane] + _jitter(f"{eid}|{lane}")
                        for eid, lane in zip(sel["report_id"], sel["lane"], strict=True)
                    ]
                    events = stats.events  # a table of events: the more reports, the bigger
                    sizes = [marker_size(int(records[p].n_reports)) for p in sel["pos"]] if events else 10
                    texts = [_event_hover(records[p], eff[p], undated, lang) for p in sel["pos"]]
                    if events and not undated and status == "occurred":
                        for p, yy, x in zip(sel["pos"], y, sel["x"], strict=True):
                            if (start := planned_since(records[p])) is not None:
                                paths.extend([(start, yy), (x, yy), (None, None)])
                is_open = symbol.endswith("-open")
                traces.add_trace(
                    go.Scatter(
                        x=sel["x"],
                        y=y,
                        mode="markers",
                        name=f"{style.type_label(etype, lang)} · {tr.status_name(status)}"
                        + (" · " + tr("timeline.undated") if undated else ""),
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
                            [list(pair) for pair in zip(sel["report_id"], sel["marker"], strict=True)]
                            if aggregated else sel["report_id"].tolist()
                        ),
                        text=texts,
                        hovertemplate="%{text}<extra></extra>",
                        meta={
                            "role": "events",
                            "event_type": etype,
                            "status": status,
                            "undated": undated,
                        },
                        _validate=style.VALIDATE,
                    )
                )
    if paths:
        traces.add_trace(go.Scatter(
            x=[x for x, _ in paths], y=[y for _, y in paths], mode="lines", showlegend=False, hoverinfo="skip",
            line={"color": style.MUTED, "width": 1, "dash": "dot"}, meta={"role": "paths"}, _validate=style.VALIDATE,
        ))
    _timeline_keys(traces, pts, lang)

    n_lanes = len(lane_order)
    yaxis = {
        "tickvals": list(range(n_lanes)),
        "ticktext": [style.esc(style.type_label(lane, lang)) if by == "type" else style.esc(lane) for lane in lane_order],
        "range": [n_lanes - 0.45, -0.55],
        "showgrid": False,
        "zeroline": False,
        "ticks": "",
    }
    xaxis = {"type": "date", "showgrid": True, "gridcolor": style.GRID, "zeroline": False, "ticks": "outside",
             "range": style.date_range(pts["x"].min(), pts["x"].max())}
    lane_lines = [
        {
            "type": "line",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "y0": i + 0.5,
            "y1": i + 0.5,
            "line": {"color": style.GRID, "width": 1},
            "layer": "below",
        }
        for i in range(n_lanes - 1)
    ]
    title = tr(f"timeline.title.{by}")
    off_lanes = n_events - n_nodate - n_shown  # dated, but with none of the lanes' actors
    bits = [style.coverage(n_events, n_shown, [(n_nodate, tr("coverage.no_date", n=n_nodate)),
                                               (off_lanes, tr("coverage.none_of_actors", n=off_lanes, k=n_lanes))],
                           lang, stats.noun), stats.bit]
    if by == "actor":
        bits.append(tr("timeline.top_actors", k=n_lanes, actors=tr.plural(stats.n_actors, "n.actor")))
    if n_undated:
        bits.append(tr("timeline.undated_shown", n=n_undated))
    if aggregated:
        bits.append(tr("timeline.aggregated_bit", per=tr.unit_name(aggregated), what=stats.word))
        title = tr("timeline.title_aggregated", title=title, per=tr.unit_name(aggregated))
    elif stats.events:
        bits.append(tr("timeline.sizes_bit"))
    if paths:
        bits.append(tr("timeline.paths_bit"))
    lane_px = 110 if aggregated else 46
    # the whole layout at construction: each update_layout call re-validates it (~0.1 s per rerun at 100k)
    # +60 px: the legend's rows below the axis (plotly takes their room from the plot)
    layout = style.layout(title, bits, height=max(380, 210 + lane_px * n_lanes))
    layout.update(
        xaxis=xaxis,
        yaxis=yaxis,
        shapes=lane_lines,
        hovermode="closest",
        legend=style.legend_below(),
        meta={"chart": "timeline", "lanes": lanes, "aggregated": aggregated or None,
              "events": {"total": n_events, "shown": n_shown}},
    )
    fig = go.Figure(data=traces, layout=layout, _validate=style.VALIDATE)
    return fig


def _timeline_keys(fig: go.Figure | style.Traces, pts: pd.DataFrame, lang: str = i18n.DEFAULT) -> None:
    """Legend-only traces: one per type (toggles its markers), then the marker-symbol key."""
    tr = i18n.strings(lang)
    for etype in style.type_order(pts["event_type"]):
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=style.type_label(etype, lang),
                legendgroup=etype,
                legendrank=1,
                marker={"symbol": "circle", "color": style.type_color(etype), "size": 11},
                hoverinfo="skip",
                meta={"role": "key", "event_type": etype},
                _validate=style.VALIDATE,
            )
        )
    present = set(pts.loc[~pts["undated"], "status"])
    # (what the key stands for, as the meta keeps it; its name in the legend; the marker symbol)
    keys = [(s, tr.status_name(s), STATUS_SYMBOLS[s]) for s in STATUSES if s in present]
    if bool(pts["undated"].any()):
        keys.append((UNDATED_LABEL, tr("timeline.undated_key"), UNDATED_SYMBOLS["occurred"]))
    for code, name, symbol in keys:
        is_open = symbol.endswith("-open")
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=name,
                # a group each, untitled: in the horizontal legend under the chart the keys then flow on one row
                # after the types (a titled group stacks its items in a column)
                legendgroup=f"marker-key:{code}",
                legendrank=2,
                marker={
                    "symbol": symbol,
                    "color": style.MUTED,
                    "size": 10,
                    "line": {"color": style.MUTED, "width": 2 if is_open else 0},
                },
                hoverinfo="skip",
                meta={"role": "key", "marker": code},
                _validate=style.VALIDATE,
            )
        )
