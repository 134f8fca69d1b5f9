"""Text the page shows: Markdown made safe, option labels with counts, dates and numbers for metric cards,
what the search found. Plain functions of values (no Streamlit, no frames).
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

import pandas as pd

from events.search import SearchHits, found_text


def plural(n: int, word: str) -> str:
    """'1 event' / '3 events'."""
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def cell_text(value: Any) -> str:
    """A cell as text; '' for None/NaN/NaT."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def iso_day(value: Any) -> str:
    """YYYY-MM-DD of a date/timestamp, '' when missing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return pd.Timestamp(value).strftime("%Y-%m-%d")


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")
_ESCAPED_COLON_WORD = re.compile(r"\\:(?=[^\W\d_])")


def md_escape(text: str) -> str:
    """Text safe inside Streamlit markdown: no links, emphasis, HTML or :material: icons from user data."""
    escaped = _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")
    # Streamlit makes :material/name: an icon after the markdown is parsed, when "\:" is ":" again: an invisible
    # word joiner after such a colon keeps the characters as they were written
    return _ESCAPED_COLON_WORD.sub("\\:\u2060", escaped)


def safe_url(url: Any) -> str | None:
    """The URL if it is http(s), else None (a javascript: link from an article must never be clickable)."""
    text = cell_text(url).strip()
    return text if re.match(r"(?i)^https?://[^\s]+$", text) else None


def count_label(value: str, n: int, name: str | None = None) -> str:
    """Option label with its count: 'Russia (1,234)', 'Russia · RUS (12)'."""
    return f"{name or value} ({n:,})"


def facet_label(label: str, n: int) -> str:
    """A multiselect option with its facet count: 'Kyiv (12)', 'Kyiv (0)'.

    Streamlit draws a multiselect's options as plain text and styles none of them alone, so a value the other
    filters leave no event for reads '(0)' and sorts last (`facet_order`) rather than being greyed.
    """
    return f"{label} ({n:,})"


def pill_label(label: str, n: int) -> str:
    """A pill with its facet count, greyed when 0: 'air attack (7)', ':gray[summit (0)]' (pills read Markdown)."""
    text = md_escape(f"{label} ({n:,})")
    return f":gray[{text}]" if n == 0 else text


def span_text(lo: date | None, hi: date | None) -> str:
    """'15 Aug – 3 Sep 2025', '28 Dec 2024 – 3 Jan 2025', one day, or '—' (short: it sits in a metric card)."""
    if lo is None or hi is None:
        return "—"
    if lo == hi:
        return f"{hi.day} {hi:%b %Y}"
    left = f"{lo.day} {lo:%b}" if lo.year == hi.year else f"{lo.day} {lo:%b %Y}"
    return f"{left} – {hi.day} {hi:%b %Y}"


def span_parts(lo: date | None, hi: date | None) -> tuple[str, str]:
    """(year for the label, span for the value), short enough for a metric card:
    ('2025', '13 Feb – 1 Dec') within a year, ('', 'Jan ’23 – Sep ’25') across years."""
    if lo is not None and hi is not None and lo != hi:
        if lo.year == hi.year:
            return str(hi.year), f"{lo.day} {lo:%b} – {hi.day} {hi:%b}"
        return "", f"{lo:%b} ’{lo:%y} – {hi:%b} ’{hi:%y}"
    return "", span_text(lo, hi)


def compact_number(n: int) -> str:
    """'9,999', '12.3k', '399k', '1.0M': at most six characters, for metric cards."""
    if n < 10_000:
        return f"{n:,}"
    if n < 1_000_000:
        return f"{n / 1000:.1f}k" if n < 100_000 else f"{n / 1000:.0f}k"
    return f"{n / 1e6:.1f}M" if n < 100_000_000 else f"{n / 1e6:.0f}M"


def search_caption(hits: SearchHits | None, text: str, events: int) -> str:
    """What the sidebar says under the search box: where the words were found and how many events match."""
    if not text:
        return ""
    shown = f"{events:,} event matches" if events == 1 else f"{events:,} events match"
    if hits is None:
        return f"Searched the evidence sentences only (this store has no full-text index): {shown} the filters."
    if not hits.searched:
        return hits.notice
    found = f"Found in {found_text(len(hits.articles), len(hits.events))}: {shown} the filters."
    return f"{hits.notice} {found}" if hits.notice else found


# ---------------------------------------------------------------- the page's captions


def page_caption(articles: int, shown: int, total: int) -> str:
    """The line under the title: how many articles were read, and how many events the filters leave (Markdown)."""
    matched = f"**{shown:,} of {total:,} events match the filters**" if shown != total else f"{total:,} events"
    return f"Talks, summits and air attacks read from {articles:,} news articles · {matched}"


def table_caption(shown: int, total: int) -> str:
    """Above the events table: all of them, or the newest `shown` of `total`."""
    if shown < total:
        return (f"The {shown:,} most recent of {total:,} events — narrow the filters to see others, or download them "
                "all from *Export*. Click a column header to sort, a row to see it.")
    return f"{shown:,} events, newest first — click a column header to sort, a row to see it."


def marker_caption(shown: int, total: int, per: str) -> str:
    """Above the events of a clicked aggregated marker (`per`: its day, week, month...)."""
    part = f"the {shown:,} most recent of " if shown < total else ""
    return f"The clicked marker stands for {part}{total:,} events in one {per} — pick one to see it."


def compare_caption(sidebar_actors: bool, shown: int) -> str:
    """Under the compared-actors box while the user has chosen none: whose events are drawn instead."""
    who = "the sidebar's actors" if sidebar_actors else f"the {shown} actors with the most events"
    return f"Showing {who}; choose others above."


def granularity_label(granularity: str, auto: str) -> str:
    """A granularity control's option: 'Auto (week)' says what auto picked, the others as they are."""
    return f"Auto ({auto})" if granularity == "auto" else granularity


def progress_text(done: int, total: int, label: str, lead: str = "", sep: str = " ") -> str:
    """A progress bar's text: '{lead}3/10{sep}name.txt', the file name escaped for Markdown."""
    return f"{lead}{done}/{total}{sep}{md_escape(label)}"
