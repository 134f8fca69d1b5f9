"""Plotly figure builders for the dashboard and the CLI: pure functions, events table in, Figure out.

One module per chart (`timeline`, `counts`, `compare`, `maps`, `network`), their shared look in `style`, the counts
per list cell the map and the network make in `cells`, label placement in `labels`, download names and st.plotly_chart's config
in `config`; `build` draws a chart by its name, `draw` with the page's options for it.

Every builder accepts the events table (prepared by `filters.prepare` or not), works on an empty
table (the figure then says "No events match the filters") and never touches the network:
geo maps need the offline outlines in static/topojson/ (see `config.plotly_config` and `events.dashboard.export`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from events.dashboard import geo, i18n

# the modules, not their builders: `charts.timeline` stays the module (a builder of the same name would hide it)
from events.dashboard.charts import compare, counts, maps, network, timeline

CHARTS = ("timeline", "counts", "compare", "map", "network")


def build(df: pd.DataFrame, chart: str, **kwargs: Any) -> go.Figure:
    """Figure for a chart name: timeline, counts, compare, map or network."""
    builders = {
        "timeline": timeline.timeline,
        "counts": counts.counts_over_time,
        "compare": compare.compare_actors,
        "map": maps.actor_map,
        "network": network.actor_network,
    }
    if chart not in builders:
        raise ValueError(f"unknown chart {chart!r}; choose one of {', '.join(CHARTS)}")
    return builders[chart](df, **kwargs)


def draw(sel: pd.DataFrame, chart: str, *, lanes: str = "type", region: str = geo.DEFAULT_REGION,
         granularity: str = "auto", compared: Sequence[str] = (), max_points: int = timeline.MAX_POINTS,
         lang: str = i18n.DEFAULT, details: Callable[[np.ndarray], pd.DataFrame] | None = None) -> go.Figure:
    """The page's figure of a chart: its builder given the options the page holds for that chart (the timeline's
    lanes and marker limit, the map's region, the counts' and comparison's granularity, the compared actors), its
    words in `lang`. `details`: the timeline's (the full rows of `sel` at some positions, when `sel` lacks the hover's
    columns)."""
    if chart == "timeline":
        return timeline.timeline(sel, lanes=lanes, max_points=max_points, lang=lang, details=details)
    if chart == "map":
        return maps.actor_map(sel, region=region, lang=lang)
    if chart == "counts":
        return counts.counts_over_time(sel, granularity=granularity, lang=lang)
    if chart == "compare":
        return compare.compare_actors(sel, list(compared), granularity=granularity, lang=lang)
    return build(sel, chart, lang=lang)
