"""Events the news names by a name of their own ("the Alaska summit", "cearta din Biroul Oval"): a report that refers
to one that way gets its parties, date and place from data/gazetteer/named_events.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from events.gazetteer import Entity, Gazetteer, GazetteerError, Place, key_of
from events.lexicon import DATA_DIR, fold, load_data, pattern_to_regex
from events.mentions import EventMention
from events.phrases import PhraseMatcher, Tokens

TYPES = ("talks", "summit")
STATUSES = ("occurred", "planned", "cancelled")


@dataclass(frozen=True)
class NamedEvent:
    """One event the news names: who, when, where, and what became of it."""

    name: str
    etype: str
    countries: tuple[str, ...]
    date: date | None
    place: Place
    status: str


@dataclass(frozen=True)
class NamedEvents:
    """The named events and a matcher of their names."""

    events: dict[str, NamedEvent]  # by name
    matcher: PhraseMatcher  # labels are the names
    anchors: tuple[str, ...]  # a word of every form ("alaska", "oval"): most articles hold none, one check in C each

    def find(self, folded: str, tokens: Tokens, span: range | None = None) -> list[tuple[int, int, NamedEvent]]:
        """The named events a text (or a span of its words) names, in text order: (start, end, event)."""
        if not any(word in folded for word in self.anchors):
            return []
        return [(m.start, m.end, self.events[m.label]) for m in self.matcher.find_all(folded, tokens, span).matches]


@cache
def load(gaz: Gazetteer) -> NamedEvents:
    """Read and check named_events.yaml (types, ISO codes, places this gazetteer knows, one event per form)."""
    path = DATA_DIR / "gazetteer" / "named_events.yaml"
    entries = load_data(path) or []
    if not isinstance(entries, list):
        raise GazetteerError(f"{path.name}: expected a list of events")
    events: dict[str, NamedEvent] = {}
    phrases: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for entry in entries:
        where = f"{path.name} entry {entry.get('name')!r}"
        name, etype, status = entry.get("name"), entry.get("type"), entry.get("status")
        if not name or etype not in TYPES or status not in STATUSES:
            raise GazetteerError(f"{where}: needs a name, a type in {TYPES} and a status in {STATUSES}")
        countries = tuple(entry.get("countries") or ())
        if len(countries) < 2 or any(c not in gaz.country_names for c in countries):
            raise GazetteerError(f"{where}: needs two or more known ISO-3 countries, got {list(countries)}")
        place = _place(gaz, str(entry.get("place") or ""))
        if place is None:
            raise GazetteerError(f"{where}: place {entry.get('place')!r} is not a place this gazetteer knows")
        when = entry.get("date")
        if when is not None and not isinstance(when, date):
            raise GazetteerError(f"{where}: date must be YYYY-MM-DD or null")
        events[name] = NamedEvent(name, etype, countries, when, place, status)
        for form in entry.get("forms") or []:
            key = " ".join(fold(str(form)).split())
            if key in seen and seen[key] != name:
                raise GazetteerError(f"{where}: form {form!r} also names {seen[key]!r}")
            seen[key] = name
            phrases.append((key, name))
        if not entry.get("forms"):
            raise GazetteerError(f"{where}: needs forms")
    # the longest word of each form: a text without any of them names none of the events
    anchors = tuple(sorted({max(key.split(), key=len) for key, _ in phrases}))
    return NamedEvents(events, PhraseMatcher(phrases, pattern_to_regex), anchors)


def _place(gaz: Gazetteer, name: str) -> Place | None:
    """The place of this name in the gazetteer's places or its city list."""
    hits = gaz.places.get(key_of(name)) or []
    return next((p for _, p in hits if p.name == name), None) or gaz.city(key_of(name))


def apply(m: EventMention, named: NamedEvent, gaz: Gazetteer) -> None:
    """Fill what a report of a named event leaves unsaid: its parties (when fewer than two states are named), its
    date and its place; a planned report of an event that took place stays planned (it was told before)."""
    if len(m.countries) < 2:
        have = m.countries
        m.parties = m.parties + [e for e in (gaz.country_entity(c) for c in named.countries)
                                 if isinstance(e, Entity) and e.country not in have]
        m.changed()
    if m.etype == "meeting":
        m.etype = named.etype
    if m.date is None and named.date is not None:
        m.date, m.precision, m.date_text = named.date, "day", named.name
    if m.place is None:
        m.place = named.place
