"""The event panel's corrections: what a form's values change, and each correction said in the page's language.

Pure functions: the page (dashboard.py) draws the form and stores what `changes` returns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from events import gazetteer
from events.corrections import Correction
from events.dashboard import i18n


@dataclass(frozen=True)
class Form:
    """What the analyst set in the panel's form."""

    event_type: str
    status: str
    day: date | None
    precision: str
    place: str
    actors: tuple[str, ...]  # names


def _day(value: Any) -> date | None:
    """A cell's day, None when missing."""
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def form_of(event: Mapping[str, Any]) -> Form:
    """The form as it opens: the event's current values."""
    actors = event.get("actors")
    return Form(
        event_type=str(event.get("event_type") or ""),
        status=str(event.get("status") or ""),
        day=_day(event.get("date")),
        precision=str(event.get("date_precision") or "day"),
        place=str(event.get("location_name") or "") if isinstance(event.get("location_name"), str) else "",
        actors=tuple(str(a.get("name")) for a in actors if isinstance(a, Mapping)) if isinstance(actors, list) else (),
    )


def place_value(name: str) -> dict[str, Any]:
    """A place as a correction stores it: geocoded when the gazetteer knows the name, else the name alone."""
    found = gazetteer.place_named(name)
    if isinstance(found, gazetteer.Place):
        return {"name": name.strip(), "country": found.country, "lat": found.lat, "lon": found.lon}
    return {"name": name.strip(), "country": found.country if found else None, "lat": None, "lon": None}


def _actor(name: str, current: Sequence[Mapping[str, Any]], known: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """An actor of the corrected list: as the event had it, else as a report of the store has it (a participant)."""
    for a in current:
        if a.get("name") == name:
            return dict(a)
    seen = known.get(name, {})
    return {"name": name, "kind": seen.get("kind"), "country": seen.get("country"), "role": "participant"}


def changes(event: Mapping[str, Any], form: Form, known_actors: Mapping[str, Mapping[str, Any]],
            who: str) -> list[Correction]:
    """One `set` correction per field the form changes (anchored to the event's first report)."""
    anchor = str(event["report_ids"][0])
    before = form_of(event)
    out = []

    def correct(field: str, value: Any, previous: Any) -> None:
        out.append(Correction("set", anchor, field, value, previous, who=who))

    if form.event_type != before.event_type:
        correct("event_type", form.event_type, before.event_type)
    if form.status != before.status:
        correct("status", form.status, before.status)
    if form.day is not None and (form.day, form.precision) != (before.day, before.precision):
        previous = {"date": before.day.isoformat(), "precision": before.precision} if before.day else None
        correct("date", {"date": form.day.isoformat(), "precision": form.precision}, previous)
    if form.place.strip() and form.place.strip() != before.place:
        correct("place", place_value(form.place), {"name": before.place} if before.place else None)
    if list(form.actors) != list(before.actors):
        current = event.get("actors") if isinstance(event.get("actors"), list) else []
        correct("actors", [_actor(n, current, known_actors) for n in form.actors], current)
    return out


def of_event(corrections: Sequence[Correction], report_ids: Sequence[str]) -> list[Correction]:
    """The corrections that name one of the event's reports, newest first."""
    ids = set(map(str, report_ids))
    return [c for c in reversed(corrections) if c.anchor in ids or (c.other or "") in ids]


def describe(c: Correction, lang: str = i18n.DEFAULT) -> str:
    """'status: planned → occurred · ana, 4 Dec 2026' (with ' · undone' once undone)."""
    tr = i18n.strings(lang)
    if c.action == "set":
        what = tr("correction.set", field=tr(f"correction.fields.{c.field}"),
                  old=_value_text(c.field, c.previous, lang), new=_value_text(c.field, c.value, lang))
    elif c.action == "merge":
        what = tr("correction.merge", other=c.other or "")
    else:
        what = tr(f"correction.{c.action}", report=c.anchor)
    when = tr.day(date.fromisoformat(c.at[:10])) if c.at else ""
    text = f"{what} · {c.who}, {when}"
    return text + (" · " + tr("correction.undone") if c.undone_at else "")


def _value_text(field: str | None, value: Any, lang: str) -> str:
    """A corrected value as text (types and statuses in the page's language)."""
    tr = i18n.strings(lang)
    if value is None or value == "":
        return "—"
    if field == "status":
        return tr.status_name(str(value))
    if field == "event_type":
        return tr.type_name(str(value))
    if isinstance(value, Mapping) and "precision" in value:
        return f"{value.get('date')} ({tr.unit_name(str(value['precision']))})"
    if isinstance(value, Mapping):
        return str(value.get("name") or "—")
    if isinstance(value, list):
        return ", ".join(str(a.get("name")) for a in value if isinstance(a, Mapping)) or "—"
    return str(value)
