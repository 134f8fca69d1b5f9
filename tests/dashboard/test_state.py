"""Tests for events.dashboard.state: sidebar widgets <-> filters, the chart choices in the URL, typed actors."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import pytest

from events.dashboard import filters as flt
from events.dashboard import state

BOUNDS = (date(2025, 1, 1), date(2025, 12, 31))


def test_widget_state_round_trip() -> None:
    f = flt.Filters(
        actors=("Russia", "Ukraine"), actor_mode="all", countries=("RUS",), event_types=("talks",),
        statuses=("planned",), date_from=date(2025, 3, 1), date_to=date(2025, 4, 1), languages=("ro",),
        sources=("Agerpres",), text="drone", places=("Kyiv",), location_countries=("UKR",), min_confidence=0.65,
    )  # fmt: skip
    values = state.widget_state(f, BOUNDS)
    assert values["f_min_conf"] == 0.65 and values["f_places"] == ["Kyiv"] and values["f_loc_countries"] == ["UKR"]
    assert values["f_dates"] == (date(2025, 3, 1), date(2025, 4, 1))
    assert state.filters_from_state(values, BOUNDS) == f
    empty = state.widget_state(flt.Filters(), BOUNDS)
    assert empty["f_dates"] == BOUNDS and empty["f_actors"] == []
    assert state.filters_from_state(empty, BOUNDS) == flt.Filters()
    assert state.widget_state(flt.Filters(), None)["f_dates"] == ()


def test_dates_from_widget() -> None:
    def dates(value: Any) -> tuple[date | None, date | None]:
        f = state.filters_from_state({"f_dates": value}, BOUNDS)
        return f.date_from, f.date_to

    assert dates((date(2025, 5, 1),)) == (None, None)  # only the first day picked so far
    assert dates((date(2025, 6, 1), date(2025, 5, 1))) == (date(2025, 5, 1), date(2025, 6, 1))
    assert dates((date(2024, 1, 1), date(2025, 6, 1))) == (None, date(2025, 6, 1))  # from the start
    assert dates(BOUNDS) == (None, None)
    assert dates(None) == (None, None)
    assert state.filters_from_state({"f_actor_mode": "bogus", "f_text": "  x "}, None) == flt.Filters(text="x")


@pytest.mark.parametrize(
    ("slider", "expected"),
    [(0.35000000000000003, 0.35), (0.0, 0.0), (None, 0.0), (1.0, 1.0), (1.5, 0.0), (-0.1, 0.0), ("x", 0.0)],
)
def test_confidence_from_the_slider(slider: Any, expected: float) -> None:
    assert state.filters_from_state({"f_min_conf": slider}, None).min_confidence == expected


def test_query_param_changes_touch_only_filter_names() -> None:
    current = {"actor": ["Russia"], "type": ["talks"], "view": ["Map"], "q": ["old"]}
    f = flt.Filters(actors=("Russia", "Ukraine"), event_types=("talks",))
    to_set, to_delete = state.query_param_changes(current, f)
    assert to_set == {"actor": ["Russia", "Ukraine"]}
    assert to_delete == ["q"]  # "view" belongs to the tabs
    assert state.query_param_changes({"view": ["Map"]}, flt.Filters()) == ({}, [])
    current = {"min_conf": ["0.5"], "place": ["Kyiv"], "gran": ["week"]}
    to_set, to_delete = state.query_param_changes(current, flt.Filters(min_confidence=0.7))
    assert to_set == {"min_conf": ["0.7"]} and to_delete == ["place"]  # gran= is the charts', not a filter


def test_chart_choices_from_and_to_the_url(df: pd.DataFrame) -> None:
    choices, notices = state.read_chart_params({"gran": ["month"], "cmp": ["Kremlin", "Zelenski"]}, df)
    assert choices == state.ChartChoices("month", ("Russia", "Volodymyr Zelensky"))
    assert notices == ["Read actor 'Kremlin' as 'Russia'.", "Read actor 'Zelenski' as 'Volodymyr Zelensky'."]
    assert state.read_chart_params({}, df) == (state.ChartChoices(), [])
    choices, notices = state.read_chart_params({"gran": "hourly", "cmp": ["Russia", "Zelenskee"]}, df)
    assert choices == state.ChartChoices("auto", ("Russia",))
    assert notices[0] == "Ignored gran 'hourly': use auto, day, week, month."
    assert notices[1].startswith("Ignored compared actor 'Zelenskee': not in the loaded events. Did you mean")
    seven = [a for a, _ in flt.actor_options(df)[:7]]
    choices, notices = state.read_chart_params({"cmp": seven}, df)
    assert choices.compared == tuple(seven[:6]) and notices == [f"Ignored compared actors beyond the 6th: {seven[6]}."]
    assert state.chart_param_changes({"gran": ["week"], "actor": ["Russia"]}, state.ChartChoices()) == ({}, ["gran"])
    assert state.chart_param_changes({}, state.ChartChoices("day", ("Russia", "Ukraine"))) == (
        {"gran": ["day"], "cmp": ["Russia", "Ukraine"]}, [])
    assert state.chart_param_changes({"gran": ["day"]}, state.ChartChoices("day")) == ({}, [])


def test_default_compared_actors() -> None:
    counts = {"Russia": 11, "Ukraine": 10, "Trump": 5, "Putin": 5, "NATO": 1, "Kyiv": 1, "Houthis": 1, "Gone": 0}
    assert state.default_compared(flt.Filters(), counts) == ["Russia", "Ukraine", "Putin", "Trump", "Houthis", "Kyiv"]
    assert state.default_compared(flt.Filters(), {"Russia": 2, "Gone": 0}) == ["Russia"]  # none without events
    chosen = flt.Filters(actors=("NATO", "Kyiv"))
    assert state.default_compared(chosen, counts) == ["NATO", "Kyiv"]  # the sidebar's actors first


def test_actor_click_state_sets_the_actor_filter_alone() -> None:
    clicked = state.actor_click_state("Vladimir Putin")
    assert clicked == {"f_actors": ["Vladimir Putin"]}
    f = state.filters_from_state({**state.widget_state(flt.Filters(actors=("Russia", "Ukraine"), event_types=("talks",)),
                                                   None), **clicked}, None)
    assert f.actors == ("Vladimir Putin",) and f.event_types == ("talks",)  # the other filters stay


@pytest.mark.parametrize(
    ("typed", "value", "notes"),
    [
        (["Russia"], ["Russia"], []),  # an option as offered: left alone
        (["Russia", "Kremlin"], ["Russia"], ["Read actor 'Kremlin' as 'Russia'."]),  # no repeat
        (["Casa Albă"], ["United States"], ["Read actor 'Casa Albă' as 'United States'."]),
        (["Kiev"], ["Ukraine", "Kyiv"], ["Read actor 'Kiev' as 2 actors, 'Ukraine' and 'Kyiv': it names each of them."]),
        (["Putn", "Kyiv"], ["Kyiv"], ["Ignored actor 'Putn': not in the loaded events. Did you mean 'Vladimir Putin'?"]),
    ],
)
def test_names_typed_into_the_actors_box(typed: list[str], value: list[str], notes: list[str]) -> None:
    from events.dashboard.actor_names import ActorLookup

    known = ["Russia", "Ukraine", "United States", "Kyiv", "Vladimir Putin"]
    assert state.resolve_typed_actors(typed, set(known), ActorLookup(known)) == (value, notes)
