"""What the chart tests read off a figure, and the frames they draw (no tests here)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from events.dashboard import filters as flt
from events.dashboard.charts import compare, counts, maps, network, timeline
from events.schema import to_frame

BUILDERS: dict[str, Callable[[pd.DataFrame], go.Figure]] = {
    "timeline": timeline.timeline,
    "timeline-actor": lambda df: timeline.timeline(df, lanes="actor"),
    "counts": counts.counts_over_time,
    "counts-week": lambda df: counts.counts_over_time(df, granularity="week"),
    "compare": compare.compare_actors,
    "compare-month": lambda df: compare.compare_actors(df, ["Russia", "Nobody"], granularity="month"),
    "map": maps.actor_map,
    "network": network.actor_network,
}


def role(fig: go.Figure, name: str) -> list[Any]:
    """Traces whose meta.role is `name`."""
    return [t for t in fig.data if isinstance(t.meta, dict) and t.meta.get("role") == name]


def data_json(fig: go.Figure) -> Any:
    """The figure's traces as plain JSON values."""
    return json.loads(fig.to_json())["data"]


def annotations(fig: go.Figure) -> list[str]:
    """Texts of the layout annotations."""
    return [a.text for a in fig.layout.annotations]


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
        rows.append({"report_id": f"t{i}", "event_type": "talks", "status": "occurred", "date": "2025-03-01",
                     "actors": [{"name": c, "kind": "country", "country": c, "role": "participant"} for c in pair],
                     "countries": pair, "sentence": "Talks.", "published": "2025-03-01"})
    for i in range(120):
        k = int(rng.integers(0, 30))
        lat, lon = 46.0 + (k % 6) * 1.2, 24.0 + (k // 6) * 3.0
        rows.append({"report_id": f"a{i}", "event_type": "air_attack", "status": "occurred", "date": "2025-03-02",
                     "actors": [{"name": "Russia", "kind": "country", "country": "RUS", "role": "initiator"}],
                     "countries": ["RUS", "UKR"], "sentence": "A strike.", "published": "2025-03-02",
                     "location_name": f"Town number {k}", "lat": lat, "lon": lon})
    return flt.prepare(to_frame(rows))
