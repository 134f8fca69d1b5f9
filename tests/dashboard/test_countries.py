"""Tests for events.dashboard.countries: every country placed and named."""

from __future__ import annotations

import csv

import pycountry

from events.dashboard import countries


def test_country_centroids_cover_all_countries() -> None:
    cents = countries.country_centroids()
    assert {c.alpha_3 for c in pycountry.countries} <= set(cents)
    for lat, lon, name in cents.values():
        assert -90 <= lat <= 90 and -180 <= lon <= 180 and name
    lat, lon, _ = cents["UKR"]
    assert abs(lat - 50.45) < 0.1 and abs(lon - 30.52) < 0.1  # Kyiv
    with countries.CENTROIDS_CSV.open(encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header[:3] == ["iso3", "lat", "lon"]


def test_country_label() -> None:
    names = countries.country_names()
    assert countries.country_label("UKR", names) == "Ukraine · UKR"
    assert countries.country_label("XKX", {}) == "XKX · XKX"  # no name: the code alone
