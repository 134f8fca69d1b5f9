"""Captions for exported charts: the filters in words, what was counted, the sources and the date made.

A chart pasted into a report loses the dashboard around it; the caption carries what shaped it:

    Actor: Volodymyr Zelensky · Type: summit · 1 Feb – 30 Sep 2025
    3 events from 2 articles · Sources: 2 articles from 2 outlets (Reuters, Digi24) · Made on 4 Dec 2026 with …

An article's outlet is its publisher (the `source` column), else its URL's host: "Sources" counts articles, not
events, since one article often reports several events.

Pure functions of the Filters, the selected events and a date: no plotly, no streamlit.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import pandas as pd

from events.dashboard import filters as flt
from events.dashboard.countries import country_centroids

TOOL_NAME = "Diplomacy & war in the news"
SEP = " · "
MAX_NAMES = 3  # names listed per filter before "+N more"
MAX_OUTLETS = 4  # outlets named in the sources line before "+N more"
LANGUAGES = {"ro": "Romanian", "en": "English"}
TYPE_LABELS = {"talks": "talks", "summit": "summit", "air_attack": "air attack"}


@dataclass(frozen=True)
class Caption:
    """The caption's parts; `lines()` is what goes under the chart."""

    filters: str  # "Actor: Volodymyr Zelensky · Type: summit · 1 Feb – 30 Sep 2025", or "All events"
    counts: str  # "12 events from 8 articles"
    sources: str  # "Sources: 8 articles from 5 outlets (Reuters, Digi24, +3 more)"
    made: str  # "Made on 4 Dec 2026 with Diplomacy & war in the news"

    def parts(self) -> list[list[str]]:
        """Two lines' parts: the filters, then counts, sources and date made (wrapped at the ' · ' between parts)."""
        return [self.filters.split(SEP), [self.counts, self.sources, self.made]]

    def lines(self) -> list[str]:
        """Two lines: the filters, then counts · sources · date made."""
        return [SEP.join(parts) for parts in self.parts()]

    def text(self) -> str:
        """The whole caption on one line."""
        return SEP.join([self.filters, self.counts, self.sources, self.made])


# ---------------------------------------------------------------- words


def day_text(d: date) -> str:
    """'4 Dec 2026' (no leading zero, English month abbreviation whatever the locale)."""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def date_range_text(start: date | None, end: date | None) -> str:
    """'1–15 Aug 2025', '1 Feb – 30 Sep 2025', '1 Dec 2024 – 15 Jan 2025', 'From 1 Feb 2025', ''."""
    if start and end:
        if start == end:
            return day_text(start)
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{day_text(end)}"
        if start.year == end.year:
            return f"{start.day} {_MONTHS[start.month - 1]} – {day_text(end)}"
        return f"{day_text(start)} – {day_text(end)}"
    if start:
        return f"From {day_text(start)}"
    if end:
        return f"Until {day_text(end)}"
    return ""


def names_text(names: Sequence[str], limit: int = MAX_NAMES) -> str:
    """'A, B, C' or 'A, B, C +2 more'."""
    shown = ", ".join(names[:limit])
    return f"{shown} +{len(names) - limit} more" if len(names) > limit else shown


def _labelled(singular: str, plural: str, names: Sequence[str], limit: int = MAX_NAMES) -> str:
    """'Type: summit' / 'Types: talks, summit'."""
    return f"{singular if len(names) == 1 else plural}: {names_text(names, limit)}"


def _country_name(iso3: str) -> str:
    """'Russia' for RUS (the names of data/country_centroids.csv), else the code itself."""
    entry = country_centroids().get(iso3)
    return entry[2] if entry else iso3


def _actors_part(f: flt.Filters) -> str:
    """'Actor: X', 'Actors (any of): A, B', 'Actors (all of): A, B +1 more'."""
    if len(f.actors) == 1:
        return f"Actor: {f.actors[0]}"
    return f"Actors ({f.actor_mode} of): {names_text(f.actors)}"


def filters_text(f: flt.Filters) -> str:
    """The filters in words, joined by ' · '; 'All events' when nothing is filtered."""
    parts: list[str] = []
    if f.actors:
        parts.append(_actors_part(f))
    if f.countries:
        parts.append(_labelled("Country", "Countries", [_country_name(c) for c in f.countries]))
    if f.event_types:
        parts.append(_labelled("Type", "Types", [TYPE_LABELS.get(t, t.replace("_", " ")) for t in f.event_types]))
    if f.statuses:
        parts.append(_labelled("Status", "Statuses", list(f.statuses)))
    if f.languages:
        parts.append(_labelled("Language", "Languages", [LANGUAGES.get(x, x) for x in f.languages]))
    if f.sources:  # "Outlet", not "Source": the caption's "Sources: …" part counts the articles
        parts.append(_labelled("Outlet", "Outlets", list(f.sources)))
    if f.places:
        parts.append(_labelled("Place", "Places", list(f.places)))
    if f.location_countries:  # where it happened, told apart from the actors' "Country"
        parts.append(_labelled("Location country", "Location countries",
                               [_country_name(c) for c in f.location_countries]))
    if f.min_confidence > 0:
        parts.append(f"Confidence ≥ {f.min_confidence:.2f}")
    if f.text.strip():
        parts.append(f"Text: “{f.text.strip()}”")
    span = date_range_text(f.date_from, f.date_to)
    if span:
        parts.append(span)
    parts.extend(_other_filters(f))
    return SEP.join(parts) or "All events"


_KNOWN_FIELDS = {"actors", "actor_mode", "countries", "event_types", "statuses", "languages", "sources", "text",
                 "date_from", "date_to", "places", "location_countries", "min_confidence"}


def _other_filters(f: flt.Filters) -> list[str]:
    """Filters added to Filters after this module was written, named plainly rather than left out."""
    out = []
    for fld in dataclasses.fields(f):
        value = getattr(f, fld.name)
        if fld.name in _KNOWN_FIELDS or value == fld.default or value in ((), "", None):
            continue
        shown = names_text([str(v) for v in value]) if isinstance(value, tuple) else str(value)
        out.append(f"{fld.name.replace('_', ' ').capitalize()}: {shown}")
    return out


# ---------------------------------------------------------------- counts and sources


def _plural(n: int, word: str) -> str:
    """'1 event' / '1,234 events'."""
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def outlet(source: object, url: object) -> str:
    """The outlet of an article: its publisher (`source`), else the URL's host without 'www.', else ''."""
    if isinstance(source, str) and source.strip():
        return source.strip()
    if isinstance(url, str) and url.strip():
        host = urlsplit(url.strip()).hostname or ""
        return host.removeprefix("www.")
    return ""


def article_outlets(df: pd.DataFrame) -> list[str]:
    """The outlet of each distinct article of the events ('' when it names none)."""
    arts = df.drop_duplicates("article_id")
    return [outlet(s, u) for s, u in zip(arts["source"], arts["url"], strict=True)]


def counts_text(df: pd.DataFrame) -> str:
    """'12 events from 8 articles'."""
    n_articles = df["article_id"].nunique()
    return f"{_plural(len(df), 'event')} from {_plural(n_articles, 'article')}"


def sources_text(df: pd.DataFrame, limit: int = MAX_OUTLETS) -> str:
    """'Sources: 8 articles from 5 outlets (Reuters, Digi24, …, +1 more)', most articles first."""
    outlets = article_outlets(df)
    if not outlets:
        return "Sources: none"
    by_outlet = Counter(o for o in outlets if o)
    named = [o for o, _ in sorted(by_outlet.items(), key=lambda kv: (-kv[1], kv[0].casefold()))]
    text = f"Sources: {_plural(len(outlets), 'article')} from {_plural(len(named), 'outlet')}"
    unnamed = outlets.count("")
    details = [names_text(named, limit)] if named else []
    if unnamed:
        details.append(f"{unnamed:,} without a named outlet")
    return f"{text} ({'; '.join(details)})" if details else text


def made_text(made: date, tool: str = TOOL_NAME) -> str:
    """'Made on 4 Dec 2026 with Diplomacy & war in the news'."""
    return f"Made on {day_text(made)} with {tool}"


def caption(f: flt.Filters | None, df: pd.DataFrame, made: date | None = None) -> Caption:
    """The caption of a chart of `df`, the events that matched the filters `f`, made on `made` (today)."""
    return Caption(
        filters=filters_text(f or flt.Filters()),
        counts=counts_text(df),
        sources=sources_text(df),
        made=made_text(made or date.today()),
    )
