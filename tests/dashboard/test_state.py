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


# ---------------------------------------------------------------- the page's state from and to the URL


def test_filters_key_is_stable() -> None:
    a = flt.Filters(actors=("Russia",), event_types=("talks",))
    assert state.filters_key(a) == state.filters_key(flt.Filters(event_types=("talks",), actors=("Russia",)))
    assert state.filters_key(a) != state.filters_key(flt.Filters()) and state.filters_key(flt.Filters()) == "{}"


def test_read_url(df: pd.DataFrame) -> None:
    from events.dashboard import views
    from events.dashboard.actor_names import ActorLookup

    opts = views.sidebar_options(df)
    asked: list[int] = []

    def lookup() -> ActorLookup:
        asked.append(1)
        return ActorLookup(a for a, _ in opts["actors"])

    assert state.read_url({"view": ["Map"], "region": ["europe"]}, opts, lookup) == (flt.Filters(), state.ChartChoices(), [])
    f, choices, notices = state.read_url({"type": ["talks"], "gran": ["week"], "lang": ["xx"]}, opts, lookup)
    assert f == flt.Filters(event_types=("talks",)) and choices == state.ChartChoices("week")
    assert notices == ["Ignored language 'xx': not in the loaded events."] and asked == []  # no actor named: no lookup
    f, choices, notices = state.read_url({"actor": ["Kremlin"], "cmp": ["Zelenski"], "gran": ["hourly"]}, opts, lookup)
    assert f.actors == ("Russia",) and choices == state.ChartChoices("auto", ("Volodymyr Zelensky",))
    assert notices == ["Read actor 'Kremlin' as 'Russia'.", "Ignored gran 'hourly': use auto, day, week, month.",
                       "Read actor 'Zelenski' as 'Volodymyr Zelensky'."] and asked == [1]
    f, _, notices = state.read_url({"from": ["2020-01-01"]}, opts, lookup)
    assert f.date_from is None and notices[0].startswith("Ignored the start date '2020-01-01'")  # the options' bounds


def test_url_update_is_one_change_or_none() -> None:
    current = {"actor": ["Russia"], "gran": ["week"], "view": ["Map"]}
    assert state.url_update(current, flt.Filters(actors=("Russia",)), state.ChartChoices("week")) == {}
    assert state.url_update(current, flt.Filters(), state.ChartChoices("day", ("NATO",))) == {
        "gran": ["day"], "cmp": ["NATO"], "actor": []}  # [] removes a name


def test_pruned_drops_values_no_longer_offered() -> None:
    opts = {"actors": [("Russia", 3)], "countries": [], "sources": [("Reuters", 1)], "places": [],
            "location_countries": [], "types": [("talks", 2)], "statuses": [], "languages": [("ro", 2)]}
    values = {"f_actors": ["Russia", "Gone"], "f_sources": ["Reuters"], "f_types": ["summit"], "f_langs": None,
              "f_text": "x"}
    assert state.pruned(values, opts) == {"f_actors": ["Russia"], "f_types": []}


def test_dates_for_new_span() -> None:
    old, new = (date(2025, 1, 1), date(2025, 6, 30)), (date(2025, 1, 1), date(2025, 9, 30))
    assert state.dates_for_new_span(old, old, new) == new  # the whole span was shown: it still is
    assert state.dates_for_new_span((date(2025, 2, 1), date(2025, 3, 1)), old, new) is None  # the user's range stays
    assert state.dates_for_new_span(None, None, new) is None and state.dates_for_new_span(old, old, None) is None


def test_chart_choices_and_compared_actors() -> None:
    assert state.chart_choices("week", ["NATO"]) == state.ChartChoices("week", ("NATO",))
    assert state.chart_choices("hourly", None) == state.ChartChoices() == state.chart_choices(None, [])
    counts = {"Russia": 3, "NATO": 1}
    assert state.compared_actors(state.ChartChoices("auto", ("Kyiv",)), flt.Filters(), counts) == ("Kyiv",)
    assert state.compared_actors(state.ChartChoices(), flt.Filters(actors=("NATO",)), counts) == ("NATO",)
    assert state.compared_actors(state.ChartChoices(), flt.Filters(), counts) == ("Russia", "NATO")


@pytest.mark.parametrize(
    ("chart", "options", "key"),
    [
        ("timeline", state.FigureOptions("actor", "", "", ()), "actor"),
        ("map", state.FigureOptions("", "ukraine", "", ()), "ukraine"),
        ("counts", state.FigureOptions("", "", "week", ()), "week"),
        ("compare", state.FigureOptions("", "", "week", ("Russia", "NATO")), "week|Russia\x1fNATO"),
        ("network", state.FigureOptions("", "", "", ()), ""),
    ],
)
def test_figure_options_keep_what_shapes_the_chart(chart: str, options: state.FigureOptions, key: str) -> None:
    assert state.figure_options(chart, "actor", "ukraine", "week", ["Russia", "NATO"]) == options
    assert state.view_key(chart, options) == key


def test_date_limits_hold_the_widgets_value() -> None:
    assert state.date_limits(None, BOUNDS) == BOUNDS
    assert state.date_limits((date(2025, 3, 1), date(2025, 4, 1)), BOUNDS) == BOUNDS
    assert state.date_limits((date(2024, 6, 1), date(2026, 2, 1)), BOUNDS) == (date(2024, 6, 1), date(2026, 2, 1))
    assert state.date_limits((date(2024, 6, 1),), BOUNDS) == (date(2024, 6, 1), BOUNDS[1])  # one day picked so far
