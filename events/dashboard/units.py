"""What the page counts: events across articles (the default) or every article's report of them.

In the events view each row is one event (`events.event_table`): ten outlets' reports of a summit are one summit,
its actors the union of theirs, its date the most precise they agree on. The filters, facet counts and charts
work on those rows as they do on reports; an event's source, language and article are its representative
report's, and a text search finds an event when it finds any of its reports. Pure functions: no Streamlit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from events.dashboard import filters as flt
from events.dashboard import i18n
from events.event_table import events_table, is_event_table
from events.schema import EVENT_COLUMNS
from events.search import SearchHits

UNIT_PARAM = "unit"
UNITS = ("events", "reports")
DEFAULT_UNIT = "events"


def unit_from_params(values: Sequence[str] | str | None, lang: str = i18n.DEFAULT) -> tuple[str, list[str]]:
    """The unit a URL asks for (?unit=reports), the default with a notice when the value is unknown."""
    items = [values] if isinstance(values, str) else list(values or [])
    if not items:
        return DEFAULT_UNIT, []
    wanted = str(items[-1]).strip().lower()
    if wanted in UNITS:
        return wanted, []
    return DEFAULT_UNIT, [i18n.t(lang, "notice.unit", value=repr(str(items[-1])[:40]), choices=", ".join(UNITS))]


def unit_param_changes(current: Sequence[str] | None, unit: str) -> list[str] | None:
    """The URL's unit values for `unit`: None when the URL already says it ([] deletes the parameter)."""
    wanted = [] if unit == DEFAULT_UNIT else [unit]
    return None if list(current or []) == wanted else wanted


def valid_unit(value: object) -> str:
    """The unit a stored choice names, else the default."""
    return value if isinstance(value, str) and value in UNITS else DEFAULT_UNIT


def unit_of(df: pd.DataFrame) -> str:
    """'events' for a table of events, 'reports' for a table of reports."""
    return "events" if is_event_table(df) else "reports"


def noun(df: pd.DataFrame) -> str:
    """The plural key of what a table's rows are: 'n.event' or 'n.report'."""
    return "n.event" if is_event_table(df) else "n.report"


def word(df: pd.DataFrame, lang: str = i18n.DEFAULT) -> str:
    """What the rows are, as a word inside a sentence: 'events' / 'evenimente', 'reports' / 'relatări'."""
    return i18n.t(lang, f"count_unit.words.{unit_of(df)}")


def unit_bit(df: pd.DataFrame, lang: str = i18n.DEFAULT) -> str:
    """A subtitle's words on what is counted: '143 reports grouped' / 'one per article's report: 9 events'."""
    tr = i18n.strings(lang)
    if df.empty:
        return ""
    if is_event_table(df):
        return tr("count_unit.events_bit", reports=tr.plural(int(df["n_reports"].sum()), "n.report"))
    return tr("count_unit.reports_bit", events=tr.plural(int(df["event_id"].nunique()), "n.event"))


def event_reports(reports: pd.DataFrame, event_id: str) -> pd.DataFrame:
    """The reports of one event, first published first."""
    rows = reports[reports["event_id"].to_numpy() == event_id]
    return rows.sort_values(["published", "report_id"], kind="stable", na_position="last")


def event_of_report(reports: pd.DataFrame, report_id: str) -> str | None:
    """The event a report belongs to, None when the store no longer has the report."""
    found = reports["event_id"].to_numpy()[reports["report_id"].to_numpy() == report_id]
    return str(found[0]) if len(found) else None


def any_report_in(table: pd.DataFrame, report_ids: frozenset[str]) -> np.ndarray:
    """Per event of an events table: True when one of its reports is in `report_ids`."""
    return np.fromiter((any(r in report_ids for r in ids) for ids in table["report_ids"]), dtype=bool,
                       count=len(table))


def history_text(history: Any, lang: str = i18n.DEFAULT) -> str:
    """'planned (first reported 8 Aug 2025) → occurred (15 Aug 2025)' from an event's status_history."""
    tr = i18n.strings(lang)
    steps = []
    for step in history if isinstance(history, list | tuple) else []:
        since = step.get("since")
        when = tr.day(pd.Timestamp(since).date()) if since else tr("count_unit.unknown_day")
        steps.append(tr("count_unit.history_step", status=tr.status_name(str(step.get("status"))), since=when))
    return " → ".join(steps)


def event_hits(reports: pd.DataFrame, table: pd.DataFrame, hits: SearchHits) -> SearchHits:
    """A search's hits among the events of `table`: an event is found when any of its reports is (by its article's
    title or text, or its sentence); the hits name each found event by its row's report_id."""
    if not hits.searched:
        return hits
    found = flt.in_set(reports["article_id"], hits.articles) | flt.in_set(reports["report_id"], hits.events)
    events = set(reports["event_id"].to_numpy()[found].tolist())
    rows = table["report_id"].to_numpy()[flt.in_set(table["event_id"], events)]
    return replace(hits, articles=frozenset(), events=frozenset(rows.tolist()))


def articles_of(reports: pd.DataFrame, table: pd.DataFrame) -> int:
    """The number of distinct articles that report the events of `table`."""
    if not is_event_table(table):
        return int(table["article_id"].nunique())
    return int(reports["article_id"][flt.in_set(reports["event_id"], table["event_id"])].nunique())


@dataclass(frozen=True)
class ArticleCodes:
    """Per report, its article (a code) and its event (a code shared with the rows of the table counted): the
    articles behind any rows of the table are then counted with numpy, not by looking their ids up (`articles_of`)."""

    article: np.ndarray  # per report: its article's code, -1 for none
    event: np.ndarray  # per report: its event's code, -1 when no row of the table holds the event
    row_event: np.ndarray  # per row of the table: its event's code
    n_articles: int  # distinct articles among the reports
    n_events: int  # distinct event codes


def article_codes(reports: pd.DataFrame, table: pd.DataFrame) -> ArticleCodes:
    """The codes `count_articles` counts with (once per store version: ~0.1 s at 1M events, in Arrow: no Python
    string per report)."""
    if not is_event_table(table):  # a table of reports: each row is its own report and counts its own article
        article, n_articles = _codes(table["article_id"])
        rows = np.arange(len(table), dtype=np.int32)
        return ArticleCodes(article, rows, rows, n_articles, len(table))
    article, n_articles = _codes(reports["article_id"])
    # a null event id has a code of its own that a report's null id finds, as Arrow's is_in matches a null with a
    # null (articles_of)
    events = pa.array(table["event_id"].array).dictionary_encode(null_encoding="encode")
    found = pc.index_in(pa.array(reports["event_id"].array), value_set=events.dictionary, skip_nulls=False)
    event = found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int32, copy=False)
    row_event = events.indices.to_numpy(zero_copy_only=False).astype(np.int32, copy=False)
    return ArticleCodes(article, event, row_event, n_articles, len(events.dictionary))


def _codes(ids: pd.Series) -> tuple[np.ndarray, int]:
    """(code per row, -1 for none; the number of distinct ids) of an id column."""
    encoded = pa.array(ids.array).dictionary_encode()
    codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int32, copy=False)
    return codes, len(encoded.dictionary)


def count_articles(codes: ArticleCodes, keep: np.ndarray) -> int:
    """`articles_of(reports, table[keep])` from the codes: distinct articles of the reports of the rows kept (`keep`:
    a row mask or the rows' positions)."""
    kept_events = np.zeros(codes.n_events + 1, dtype=bool)  # the last slot: reports of no row, never kept
    kept_events[codes.row_event[keep]] = True
    kept = kept_events[codes.event] & (codes.article >= 0)
    seen = np.zeros(codes.n_articles, dtype=bool)
    seen[codes.article[kept]] = True
    return int(seen.sum())


@dataclass(frozen=True)
class ReportLine:
    """One report in an event's panel."""

    report_id: str
    article_id: str
    line: str  # '16 Aug 2025 · Wire · en'
    sentence: str


@dataclass(frozen=True)
class EventPanel:
    """What the panel of one event shows: the event's row, its status history, its reports."""

    event: dict[str, Any]  # the event's row (event_table's columns)
    head: str  # 'Reported by 3 reports in 3 articles from 2 outlets' (Markdown)
    history: str  # 'Status: planned (from 8 Aug 2025) → occurred (from 16 Aug 2025)'
    planned: str  # 'Planned for: 15 Aug 2025', or ''
    reports: tuple[ReportLine, ...]


def event_panel(reports: pd.DataFrame, report_id: str, lang: str = i18n.DEFAULT,
                events: pd.DataFrame | None = None) -> EventPanel | None:
    """The panel of the event a report belongs to (None when the store no longer has the report); its values from
    `events` (the corrected events table) when given and it holds the event, else from its reports."""
    tr = i18n.strings(lang)
    event_id = event_of_report(reports, report_id)
    if event_id is None:
        return None
    members = event_reports(reports, event_id)
    rows = events[events["event_id"].to_numpy() == event_id] if events is not None else pd.DataFrame()
    event = (rows.iloc[0] if len(rows) else events_table(members[list(EVENT_COLUMNS)]).iloc[0]).to_dict()
    lines = tuple(
        ReportLine(
            str(r.report_id), str(r.article_id),
            tr("event.report_line", published=tr.day(r.published.date()) if not pd.isna(r.published) else "—",
               source=r.source if isinstance(r.source, str) and r.source else tr("event.no_source"),
               language=r.language if isinstance(r.language, str) and r.language else "—"),
            str(r.sentence or ""),
        )
        for r in members.itertuples(index=False)
    )
    planned = [tr.day(date.fromisoformat(p.split("/")[0])) for p in event["planned_dates"]]
    return EventPanel(
        event=event,
        head=tr("event.reports_head", reports=tr.plural(int(event["n_reports"]), "n.report"),
                articles=tr.plural(int(event["n_articles"]), "n.article"),
                outlets=tr.plural(int(event["n_sources"]), "n.outlet")),
        history=tr("event.history", history=history_text(event["status_history"], lang)),
        planned=tr("event.planned_for", dates=", ".join(planned)) if planned else "",
        reports=lines,
    )


def reports_of(reports: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """The reports of the events of `table`."""
    return reports[flt.in_set(reports["event_id"], table["event_id"])]


def actor_details(reports: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Each actor name of the reports with its kind and country (as the first report naming it has them)."""
    out: dict[str, dict[str, Any]] = {}
    for actors in reports["actors"]:
        for a in actors if isinstance(actors, list | tuple) else []:
            if isinstance(a, dict) and a.get("name") and a["name"] not in out:
                out[a["name"]] = {"kind": a.get("kind"), "country": a.get("country")}
    return out
