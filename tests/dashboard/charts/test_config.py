"""Tests for events.dashboard.charts.config: download names and st.plotly_chart's config."""

from __future__ import annotations

import re
from datetime import date

from events.dashboard import filters as flt
from events.dashboard.charts import config


def test_figure_filename_example() -> None:
    f = flt.Filters(
        actors=("Russia",),
        event_types=("talks",),
        date_from=date(2025, 1, 1),
        date_to=date(2025, 9, 30),
    )
    name = config.figure_filename("timeline", f, date(2026, 11, 25))
    assert name == "timeline_actor-Russia_type-talks_2025-01-01--2025-09-30_2026-11-25"
    assert config.figure_filename("map", None, date(2026, 11, 25)) == "map_2026-11-25"


def test_figure_filename_names_the_new_filters() -> None:
    f = flt.Filters(places=("Kyiv", "Odesa"), location_countries=("UKR",), min_confidence=0.75)
    assert config.figure_filename("compare", f, date(2026, 12, 4)) == (
        "compare_place-Kyiv+Odesa_loc-UKR_conf-0.75_2026-12-04"
    )
    assert config.plotly_config("compare", f, date(2026, 12, 4))["modeBarButtonsToRemove"] == ["select2d", "lasso2d"]


def test_figure_filename_safe_and_bounded() -> None:
    f = flt.Filters(
        actors=("Volodymyr Zelensky", "Emmanuel Macron", "Recep Tayyip Erdoğan", 'a/b\\c:"d"*?<>|'),
        actor_mode="all",
        countries=("UKR", "FRA", "TUR"),
        statuses=("planned",),
        date_to=date(2025, 9, 30),
        sources=("Digi24",),
        text="Întâlnirea de la Casa Albă",
    )
    today = date(2026, 11, 25)
    name = config.figure_filename("network", f, today)
    assert re.fullmatch(r"[A-Za-z0-9._+~-]+", name)
    assert len(name) <= 120 and name.endswith("_2026-11-25") and name.startswith("network_")
    assert "actors-all-Volodymyr-Zelensky" in name
    other = config.figure_filename("network", f.__class__(**{**f.__dict__, "text": "x"}), today)
    assert other != name
    short = config.figure_filename("timeline", flt.Filters(date_to=date(2025, 9, 30)), today)
    assert short == "timeline_start--2025-09-30_2026-11-25"
    assert "Erdogan" in config.figure_filename("t", flt.Filters(actors=("Erdoğan",)), today)


def test_plotly_config() -> None:
    f = flt.Filters(actors=("Russia",))
    cfg = config.plotly_config("map", f, date(2026, 11, 25))
    assert cfg["displaylogo"] is False
    assert cfg["topojsonURL"] == "/app/static/topojson/"
    opts = cfg["toImageButtonOptions"]
    assert opts == {"format": "png", "scale": 2, "filename": "map_actor-Russia_2026-11-25"}
    assert cfg["scrollZoom"] is True  # the map zooms with the wheel
    assert "scrollZoom" not in config.plotly_config("timeline", f)  # the timeline lets the page scroll
