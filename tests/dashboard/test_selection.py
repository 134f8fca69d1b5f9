"""Tests for events.dashboard.selection: what was clicked in the timeline and the network."""

from __future__ import annotations

from typing import Any

import pytest

from events.dashboard import selection


def test_selected_report_ids() -> None:
    state = {"selection": {"points": [{"customdata": "ev1"}, {"customdata": ["ev2", 3]}, {"x": 1}, {"customdata": "ev1"}]}}
    assert selection.selected_report_ids(state) == ["ev1", "ev2"]
    assert selection.selected_report_ids(None) == [] and selection.selected_report_ids({}) == []
    assert selection.selected_report_ids({"selection": {"points": []}}) == []
    assert selection.selected_report_ids({"selection": None}) == []


def test_selected_markers() -> None:
    state = {"selection": {"points": [{"customdata": ["ev1", "m1"]}, {"customdata": "ev2"}, {"customdata": ["ev3", "m1"]},
                                      {"customdata": ["ev4", "m2"]}, {"customdata": ["ev5"]}]}}
    assert selection.selected_markers(state) == ["m1", "m2"]
    assert selection.selected_report_ids(state) == ["ev1", "ev2", "ev3", "ev4", "ev5"]
    assert selection.selected_markers(None) == [] and selection.selected_markers({"selection": {"points": []}}) == []


KNOWN = ["Russia", "Vladimir Putin", "Kyiv"]


@pytest.mark.parametrize(
    ("state", "actor"),
    [
        ({"selection": {"points": [{"customdata": "Vladimir Putin", "curve_number": 5}]}}, "Vladimir Putin"),
        ({"selection": {"points": [{"x": 0.3, "y": 1.2}, {"customdata": "Kyiv"}]}}, "Kyiv"),  # a link's midpoint first
        ({"selection": {"points": [{"customdata": "Nobody"}]}}, None),  # not an actor of the data (a stale click)
        ({"selection": {"points": [{"customdata": ["ev1", "m1"]}]}}, None),  # a timeline marker's customdata
        ({"selection": {"points": [{"customdata": ""}]}}, None),
        ({"selection": {"points": []}}, None),  # the click was undone
        ({"selection": None}, None),
        (None, None),
        ({}, None),
    ],
)
def test_clicked_actor(state: Any, actor: str | None) -> None:
    assert selection.clicked_actor(state, KNOWN) == actor
