"""Text the page shows: Markdown made safe, option labels with counts, dates and numbers for metric cards,
what the search found. Plain functions of values (no Streamlit, no frames).
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

import pandas as pd

from events.dashboard import i18n
from events.ingest import IngestReport
from events.search import SearchHits, found_text


def plural(n: int, word: str, lang: str = i18n.DEFAULT) -> str:
    """'1 event' / '3 events' ('3 evenimente', '20 de evenimente'): the plural entry `n.<word>` of the language."""
    return i18n.strings(lang).plural(n, f"n.{word.replace(' ', '_')}")


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


def count_label(value: str, n: int, name: str | None = None, lang: str = i18n.DEFAULT) -> str:
    """Option label with its count: 'Russia (1,234)', 'Russia · RUS (12)'."""
    return f"{name or value} ({i18n.strings(lang).number(n)})"


def facet_label(label: str, n: int, lang: str = i18n.DEFAULT) -> str:
    """A multiselect option with its facet count: 'Kyiv (12)', 'Kyiv (0)'.

    Streamlit draws a multiselect's options as plain text and styles none of them alone, so a value the other
    filters leave no event for reads '(0)' and sorts last (`facet_order`) rather than being greyed.
    """
    return f"{label} ({i18n.strings(lang).number(n)})"


def pill_label(label: str, n: int, lang: str = i18n.DEFAULT) -> str:
    """A pill with its facet count, greyed when 0: 'air attack (7)', ':gray[summit (0)]' (pills read Markdown)."""
    text = md_escape(f"{label} ({i18n.strings(lang).number(n)})")
    return f":gray[{text}]" if n == 0 else text


def span_text(lo: date | None, hi: date | None, lang: str = i18n.DEFAULT) -> str:
    """'15 Aug – 3 Sep 2025', '28 Dec 2024 – 3 Jan 2025', one day, or '—' (short: it sits in a metric card)."""
    if lo is None or hi is None:
        return "—"
    tr = i18n.strings(lang)
    if lo == hi:
        return tr.day(hi)
    left = tr.day_month(lo) if lo.year == hi.year else tr.day(lo)
    return tr("date.range", start=left, end=tr.day(hi))


def span_parts(lo: date | None, hi: date | None, lang: str = i18n.DEFAULT) -> tuple[str, str]:
    """(year for the label, span for the value), short enough for a metric card:
    ('2025', '13 Feb – 1 Dec') within a year, ('', 'Jan ’23 – Sep ’25') across years."""
    tr = i18n.strings(lang)
    if lo is not None and hi is not None and lo != hi:
        if lo.year == hi.year:
            return str(hi.year), tr("date.range", start=tr.day_month(lo), end=tr.day_month(hi))
        return "", tr("date.range", start=tr("date.month_short_year", month=tr.month(lo), yy=f"{lo:%y}"),
                      end=tr("date.month_short_year", month=tr.month(hi), yy=f"{hi:%y}"))
    return "", span_text(lo, hi, lang)


def compact_number(n: int, lang: str = i18n.DEFAULT) -> str:
    """'9,999', '12.3k', '399k', '1.0M': at most six characters, for metric cards ('9.999', '12,3k' in Romanian)."""
    tr = i18n.strings(lang)
    if n < 10_000:
        return tr.number(n)
    if n < 1_000_000:
        return tr.number(n / 1000, 1 if n < 100_000 else 0) + "k"
    return tr.number(n / 1e6, 1 if n < 100_000_000 else 0) + "M"


def search_caption(hits: SearchHits | None, text: str, events: int, lang: str = i18n.DEFAULT) -> str:
    """What the sidebar says under the search box: where the words were found and how many events match."""
    if not text:
        return ""
    tr = i18n.strings(lang)
    shown = tr.plural(events, "search.events_match")
    if hits is None:
        return tr("search.no_index", shown=shown)
    notice = tr(f"search.notice.{hits.notice_kind}", text=repr(hits.text)) if hits.notice_kind else hits.notice
    if not hits.searched:
        return notice
    where = (found_text(len(hits.articles), len(hits.events)) if lang == i18n.DEFAULT
             else tr("search.where", articles=tr.plural(len(hits.articles), "n.article"),
                     sentences=tr.plural(len(hits.events), "n.evidence_sentence")))
    found = tr("search.found", where=where, shown=shown)
    return f"{notice} {found}" if notice else found


def ingest_summary(report: IngestReport, lang: str = i18n.DEFAULT) -> str:
    """What an ingest did, in the page's language: '2 new articles, 1 already stored; 7 events added'."""
    tr = i18n.strings(lang)
    parts = []
    if report.new:
        parts.append(tr.plural(report.new, "ingest.summary.new"))
    if report.replaced:
        parts.append(tr.plural(report.replaced, "ingest.summary.replaced"))
    if report.unchanged:
        parts.append(tr.plural(report.unchanged, "ingest.summary.unchanged"))
    head = ", ".join(parts) or tr("ingest.summary.none")
    head += "; " + tr.plural(report.events_added, "ingest.summary.added")
    if report.events_removed:
        head += ", " + tr.plural(report.events_removed, "ingest.summary.removed")
    if report.rejected:
        head += "; " + tr.plural(len(report.rejected), "ingest.summary.rejected")
    return head


# ---------------------------------------------------------------- the page's captions


def page_caption(articles: int, shown: int, total: int, lang: str = i18n.DEFAULT, noun: str = "n.event") -> str:
    """The line under the title: how many articles were read, and how many events (or reports: `noun`) the filters
    leave (Markdown)."""
    tr = i18n.strings(lang)
    matched = (tr("page.matched", shown=shown, total=tr.plural(total, noun)) if shown != total
               else tr.plural(total, noun))
    return tr("page.caption", articles=tr.plural(articles, "n.news_article"), matched=matched)


def table_caption(shown: int, total: int, lang: str = i18n.DEFAULT, noun: str = "n.event") -> str:
    """Above the events (or reports: `noun`) table: all of them, or the newest `shown` of `total`."""
    tr = i18n.strings(lang)
    if shown < total:
        return tr("table.caption_some", shown=shown, total=tr.plural(total, noun))
    return tr("table.caption_all", events=tr.plural(shown, noun))


def marker_caption(shown: int, total: int, per: str, lang: str = i18n.DEFAULT, noun: str = "n.event") -> str:
    """Above the events (or reports: `noun`) of a clicked aggregated marker (`per`: its day, week, month...)."""
    tr = i18n.strings(lang)
    events = tr.plural(total, noun)
    if shown < total:
        events = tr("marker.some", shown=shown, events=events)
    return tr("marker.caption", events=events, per=tr.unit_name(per))


def compare_caption(sidebar_actors: bool, shown: int, lang: str = i18n.DEFAULT) -> str:
    """Under the compared-actors box while the user has chosen none: whose events are drawn instead."""
    tr = i18n.strings(lang)
    who = tr("compare.sidebar_actors") if sidebar_actors else tr.plural(shown, "compare.top_actors")
    return tr("compare.showing", who=who)


def granularity_label(granularity: str, auto: str, lang: str = i18n.DEFAULT) -> str:
    """A granularity control's option: 'Auto (week)' says what auto picked, the others as they are."""
    tr = i18n.strings(lang)
    return tr("granularity.auto", unit=tr.unit_name(auto)) if granularity == "auto" else tr.unit_name(granularity)


def progress_text(done: int, total: int, label: str, lead: str = "", sep: str = " ") -> str:
    """A progress bar's text: '{lead}3/10{sep}name.txt', the file name escaped for Markdown."""
    return f"{lead}{done}/{total}{sep}{md_escape(label)}"
