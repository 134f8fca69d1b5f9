"""Frozen records passed between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

_R = TypeVar("_R")


def assemble(cls: type[_R], fields: dict[str, Any]) -> _R:
    """A frozen record from a dict of every one of its fields, in order, without running its generated __init__.

    The generated __init__ of a frozen dataclass sets each field through object.__setattr__, ~4x slower than
    handing over the finished dict; the extractor makes thousands of events. The caller passes every field
    (tests check the result equals the normal construction). A dict, not keyword arguments: a call with 19 of
    them costs more than the rest of the assembly.
    """
    obj = object.__new__(cls)
    object.__setattr__(obj, "__dict__", fields)
    return obj


@dataclass(frozen=True)
class Article:
    """One article as read from disk, text normalised (NFC, comma-below ș ț)."""

    article_id: str  # sha1 of the normalised text, 16 hex chars: same text, same id
    path: str  # where it was read from ("<stdin>" or "file.jsonl#3" for records)
    text: str  # the text the user sees; every offset points into this
    title: str | None = None
    published: date | None = None
    language: str | None = None  # "ro" / "en"; None = detect
    source: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class ReadProblem:
    """An input that could not be read, with a message naming the file and the problem."""

    path: str
    message: str


@dataclass(frozen=True)
class Actor:
    """A party to an event."""

    name: str  # canonical name, e.g. "Russia", "Vladimir Putin", "NATO"
    kind: str  # country / person / organization / city / group
    country: str | None  # ISO 3166-1 alpha-3, or None
    role: str  # initiator / target / participant

    def as_dict(self) -> dict[str, str | None]:
        """Plain dict with the four public fields."""
        return {"name": self.name, "kind": self.kind, "country": self.country, "role": self.role}


@dataclass(frozen=True)
class Event:
    """One event extracted from an article, with its provenance."""

    event_id: str
    event_type: str
    status: str  # occurred / planned / cancelled
    actors: tuple[Actor, ...]
    sentence: str
    start: int
    end: int
    article_id: str
    confidence: float
    date: date | None = None
    date_precision: str | None = None  # day / month / year
    date_text: str | None = None
    location_name: str | None = None
    location_country: str | None = None
    lat: float | None = None
    lon: float | None = None
    attributed_to: tuple[str, ...] = field(default_factory=tuple)
    trigger: str | None = None

    @property
    def countries(self) -> tuple[str, ...]:
        """Sorted distinct ISO-3 codes of the actors."""
        return tuple(sorted({a.country for a in self.actors if a.country}))
