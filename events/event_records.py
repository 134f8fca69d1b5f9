"""Event frames -> `Event` records: actors with their roles, confidence, stable ids, the evidence sentence."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from events.frames import TypeRules
from events.gazetteer import Gazetteer
from events.mentions import EventMention
from events.records import Actor, Article, Event, assemble


class EventRecords:
    """Builds the records of an article's events; holds the shared Actor records (the same few recur everywhere)."""

    def __init__(self, gaz: Gazetteer, rules: TypeRules) -> None:
        self.gaz = gaz
        self.rules = rules
        self._actors: dict[tuple[str, str, str | None, str], Actor] = {}

    def records(self, frames: list[EventMention], article: Article) -> list[Event]:
        """One Event per frame; two events of one kind and parties in one sentence get distinct ids."""
        out: list[Event] = []
        seen: set[str] = set()
        for m in frames:
            row = self.record(m, article)
            n = 1
            while row.event_id in seen:  # two events of one kind and parties in one sentence (different places)
                n += 1
                row = replace(row, event_id=hashlib.sha1(f"{row.event_id}|{n}".encode()).hexdigest()[:16])
            seen.add(row.event_id)
            out.append(row)
        return out

    def _actor(self, key: tuple[str, str, str | None, str]) -> Actor:
        actor = self._actors.get(key)
        if actor is None:  # one shared immutable record each, up to a bound
            actor = Actor(*key)
            if len(self._actors) < 100_000:
                self._actors[key] = actor
        return actor

    def record(self, m: EventMention, article: Article) -> Event:
        """The Event of one frame."""
        etype = self.rules.resolved_type(m)
        attack = self.rules.is_attack(etype)
        names = self.gaz.country_names
        # (name, kind, country, role) in order, the first of each (name, role) kept
        wanted: list[tuple[str, str, str | None, str]] = []
        if attack:
            if m.attacker and m.attacker.country:
                wanted.append((names.get(m.attacker.country, m.attacker.name), "country", m.attacker.country,
                               "initiator"))
            if m.target_country:
                wanted.append((names.get(m.target_country, m.target_country), "country", m.target_country, "target"))
            if m.place and m.place.kind != "country":
                wanted.append((m.place.name, "city", m.place.country, "target"))
        for p in m.parties:
            if p.kind == "country":
                wanted.append((p.name, "country", p.country, "participant"))
            else:
                wanted.append((p.name, p.kind, p.country, "participant"))
                if p.country and not attack:
                    wanted.append((names.get(p.country, p.country), "country", p.country, "participant"))
        actors: list[Actor] = []
        seen: set[tuple[str, str]] = set()
        for key in wanted:
            if (key[0], key[3]) not in seen:
                seen.add((key[0], key[3]))
                actors.append(self._actor(key))
        s, e = m.sentence
        confidence = 0.45 + (0.0 if m.weak else 0.15) + (0.1 if len(m.countries) >= 2 else 0.0)
        confidence += (0.1 if m.date else 0.0) + (0.05 if m.place else 0.0) + (0.05 if m.marked else 0.0)
        confidence += min(0.09, 0.03 * (m.mentions - 1))
        countries = ",".join(sorted(m.countries))
        eid = hashlib.sha1(f"{article.article_id}|{etype}|{m.status}|{countries}|{s}".encode()).hexdigest()[:16]
        place = m.place
        party_names = {p.name for p in m.parties}
        return assemble(Event, {  # an Event, built without its slow frozen __init__
            "event_id": eid,
            "event_type": etype,
            "status": m.status,
            "actors": tuple(actors),
            "sentence": article.text[s:e],
            "start": s,
            "end": e,
            "article_id": article.article_id,
            "confidence": round(min(confidence, 0.99), 2),
            "date": m.date,
            "date_precision": m.precision if m.date else None,
            "date_text": m.date_text,
            "location_name": place.name if place else None,
            "location_country": place.country if place else None,
            # a whole country is no point on a map: its name and code, no coordinates
            "lat": place.lat if place and place.kind != "country" else None,
            "lon": place.lon if place and place.kind != "country" else None,
            "attributed_to": tuple(dict.fromkeys(s for s in m.speakers if s not in party_names)),
            "trigger": m.trigger,
        })
