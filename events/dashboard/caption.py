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
from events.dashboard import i18n, units
from events.dashboard.countries import country_centroids

TOOL_NAME = "Diplomacy & war in the news"
SEP = " · "
MAX_NAMES = 3  # names listed per filter before "+N more"
MAX_OUTLETS = 4  # outlets named in the sources line before "+N more"


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


def day_text(d: date, lang: str = i18n.DEFAULT) -> str:
    """'4 Dec 2026' / '4 dec. 2026' (no leading zero, month names from the language's file whatever the locale)."""
    return i18n.strings(lang).day(d)


def date_range_text(start: date | None, end: date | None, lang: str = i18n.DEFAULT) -> str:
    """'1–15 Aug 2025', '1 Feb – 30 Sep 2025', '1 Dec 2024 – 15 Jan 2025', 'From 1 Feb 2025', ''."""
    return i18n.strings(lang).date_range(start, end)


def names_text(names: Sequence[str], limit: int = MAX_NAMES, lang: str = i18n.DEFAULT) -> str:
    """'A, B, C' or 'A, B, C +2 more'."""
    shown = ", ".join(names[:limit])
    return i18n.t(lang, "caption.more", names=shown, n=len(names) - limit) if len(names) > limit else shown


def _labelled(key: str, names: Sequence[str], lang: str, limit: int = MAX_NAMES) -> str:
    """'Type: summit' / 'Types: talks, summit' (the plural entry `caption.<key>`: one name, or several)."""
    return i18n.strings(lang).plural(len(names), f"caption.{key}", names=names_text(names, limit, lang))


def _country_name(iso3: str, lang: str = i18n.DEFAULT) -> str:
    """'Russia' / 'Rusia' for RUS (data/country_centroids.csv, translated), else the code itself."""
    entry = country_centroids().get(iso3)
    return i18n.strings(lang).country_name(iso3, entry[2]) if entry else iso3


def _actors_part(f: flt.Filters, lang: str = i18n.DEFAULT) -> str:
    """'Actor: X', 'Actors (any of): A, B', 'Actors (all of): A, B +1 more'."""
    tr = i18n.strings(lang)
    if len(f.actors) == 1:
        return tr("caption.actor", name=f.actors[0])
    return tr(f"caption.actors_{f.actor_mode}", names=names_text(f.actors, lang=lang))


def filters_text(f: flt.Filters, lang: str = i18n.DEFAULT) -> str:
    """The filters in words, joined by ' · '; 'All events' when nothing is filtered."""
    tr = i18n.strings(lang)
    parts: list[str] = []
    if f.actors:
        parts.append(_actors_part(f, lang))
    if f.countries:
        parts.append(_labelled("country", [_country_name(c, lang) for c in f.countries], lang))
    if f.event_types:
        parts.append(_labelled("type", [tr.type_name(t) for t in f.event_types], lang))
    if f.statuses:
        parts.append(_labelled("status", [tr.status_name(s) for s in f.statuses], lang))
    if f.languages:
        parts.append(_labelled("language", [tr.language_name(x) for x in f.languages], lang))
    if f.sources:  # "Outlet", not "Source": the caption's "Sources: …" part counts the articles
        parts.append(_labelled("outlet", list(f.sources), lang))
    if f.places:
        parts.append(_labelled("place", list(f.places), lang))
    if f.location_countries:  # where it happened, told apart from the actors' "Country"
        parts.append(_labelled("location_country", [_country_name(c, lang) for c in f.location_countries], lang))
    if f.min_confidence > 0:
        parts.append(tr("caption.confidence", value=tr.number(f.min_confidence, 2)))
    if f.text.strip():
        parts.append(tr("caption.text", text=f.text.strip()))
    span = date_range_text(f.date_from, f.date_to, lang)
    if span:
        parts.append(span)
    parts.extend(_other_filters(f, lang))
    return SEP.join(parts) or tr("caption.all_events")


_KNOWN_FIELDS = {"actors", "actor_mode", "countries", "event_types", "statuses", "languages", "sources", "text",
                 "date_from", "date_to", "places", "location_countries", "min_confidence"}


def _other_filters(f: flt.Filters, lang: str = i18n.DEFAULT) -> list[str]:
    """Filters added to Filters after this module was written, named plainly rather than left out."""
    out = []
    for fld in dataclasses.fields(f):
        value = getattr(f, fld.name)
        if fld.name in _KNOWN_FIELDS or value == fld.default or value in ((), "", None):
            continue
        shown = names_text([str(v) for v in value], lang=lang) if isinstance(value, tuple) else str(value)
        out.append(f"{fld.name.replace('_', ' ').capitalize()}: {shown}")
    return out


# ---------------------------------------------------------------- counts and sources


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


def counts_text(df: pd.DataFrame, lang: str = i18n.DEFAULT, reports: pd.DataFrame | None = None) -> str:
    """'12 events from 8 articles' ('12 reports …' for a table of reports; `reports`: the reports behind `df`)."""
    tr = i18n.strings(lang)
    n_articles = (df if reports is None else reports)["article_id"].nunique()
    return tr("caption.counts", events=tr.plural(len(df), units.noun(df)), articles=tr.plural(n_articles, "n.article"))


def sources_text(df: pd.DataFrame, limit: int = MAX_OUTLETS, lang: str = i18n.DEFAULT) -> str:
    """'Sources: 8 articles from 5 outlets (Reuters, Digi24, …, +1 more)', most articles first."""
    return outlets_text(article_outlets(df), limit, lang)


def outlets_text(outlets: list[str], limit: int = MAX_OUTLETS, lang: str = i18n.DEFAULT) -> str:
    """`sources_text` of the outlets of some articles, one each ('' when it names none)."""
    tr = i18n.strings(lang)
    if not outlets:
        return tr("caption.sources_none")
    by_outlet = Counter(o for o in outlets if o)
    named = [o for o, _ in sorted(by_outlet.items(), key=lambda kv: (-kv[1], kv[0].casefold()))]
    text = tr("caption.sources", articles=tr.plural(len(outlets), "n.article"),
              outlets=tr.plural(len(named), "n.outlet"))
    unnamed = outlets.count("")
    details = [names_text(named, limit, lang)] if named else []
    if unnamed:
        details.append(tr("caption.unnamed_outlets", n=unnamed))
    return f"{text} ({'; '.join(details)})" if details else text


def made_text(made: date, tool: str | None = None, lang: str = i18n.DEFAULT) -> str:
    """'Made on 4 Dec 2026 with Diplomacy & war in the news'."""
    tr = i18n.strings(lang)
    return tr("caption.made", day=tr.day(made), tool=tool or tr("page.title"))


def caption(f: flt.Filters | None, df: pd.DataFrame, made: date | None = None, lang: str = i18n.DEFAULT,
            reports: pd.DataFrame | None = None) -> Caption:
    """The caption of a chart of `df`, the events (or reports) that matched the filters `f`, made on `made` (today),
    in `lang`; `reports` are the reports behind a table of events (their articles and outlets are the sources)."""
    return Caption(
        filters=filters_text(f or flt.Filters(), lang),
        counts=counts_text(df, lang, reports),
        sources=sources_text(df if reports is None else reports, lang=lang),
        made=made_text(made or date.today(), lang=lang),
    )
