"""events.dashboard.editing: the corrections a panel's form makes, and how each is said."""

from __future__ import annotations

from datetime import date

from events.corrections import Correction
from events.dashboard import editing

EVENT = {
    "event_type": "summit", "status": "planned", "date": "2025-08-15", "date_precision": "day",
    "location_name": "Anchorage", "report_ids": ["r1", "r2"],
    "actors": [{"name": "Donald Trump", "kind": "person", "country": "USA", "role": "participant"}],
}


def test_an_unchanged_form_makes_no_correction() -> None:
    assert editing.changes(EVENT, editing.form_of(EVENT), {}, "ana") == []


def test_each_changed_field_makes_one_correction_with_the_previous_value() -> None:
    form = editing.Form("summit", "occurred", date(2025, 8, 16), "day", "Kyiv", ("Donald Trump", "Vladimir Putin"))
    made = editing.changes(EVENT, form, {"Vladimir Putin": {"kind": "person", "country": "RUS"}}, "ana")
    assert [(c.field, c.anchor, c.who) for c in made] == [("status", "r1", "ana"), ("date", "r1", "ana"),
                                                          ("place", "r1", "ana"), ("actors", "r1", "ana")]
    status, day, place, actors = made
    assert (status.previous, status.value) == ("planned", "occurred")
    assert day.value == {"date": "2025-08-16", "precision": "day"} and day.previous["date"] == "2025-08-15"
    assert place.value["name"] == "Kyiv" and place.value["country"] == "UKR"  # geocoded by the gazetteer
    assert actors.value[1] == {"name": "Vladimir Putin", "kind": "person", "country": "RUS", "role": "participant"}


def test_an_unknown_place_is_kept_by_name() -> None:
    assert editing.place_value("Nowhere-on-Sea") == {"name": "Nowhere-on-Sea", "country": None, "lat": None,
                                                      "lon": None}


def test_corrections_said_in_both_languages() -> None:
    c = Correction("set", "r1", "status", "occurred", "planned", who="ana", at="2026-12-04T10:00:00+00:00")
    assert editing.describe(c) == "status: planned → occurred · ana, 4 Dec 2026"
    assert editing.describe(c, "ro") == "stare: planificat → petrecut · ana, 4 dec. 2026"
    undone = Correction("split", "r2", who="bob", at="2026-12-04T10:00:00+00:00", undone_at="2026-12-05T00:00:00")
    assert editing.describe(undone) == "report r2 split off into an event of its own · bob, 4 Dec 2026 · undone"
    mine = editing.of_event([c, undone, Correction("split", "x", who="z")], ["r1", "r2"])
    assert mine == [undone, c]  # newest first, only this event's
