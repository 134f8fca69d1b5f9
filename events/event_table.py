"""One row per event across articles, from a table of reports (schema.EVENT_COLUMNS with their `event_id`).

An event's row is its representative report (the one that best states the event's date and status) with the
event's own values over it: status (its latest state), date and precision (the most precise the reports agree
on), the union of actors and countries, the most reported place, a confidence that rises with independent
outlets, and the columns of EVENT_EXTRA_COLUMNS. The values come from `grouping.summarize`, the one definition
of an event's summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from events.corrections import Correction, apply, correct_events
from events.grouping import EventGroup, report_of, summarize
from events.schema import EVENT_COLUMNS

# name -> (pandas dtype, description), after EVENT_COLUMNS in an events table. The README's table is made from it.
EVENT_EXTRA_COLUMNS: dict[str, tuple[str, str]] = {
    "n_reports": ("int64", "reports of the event (one per article that reports it, or more)"),
    "n_articles": ("int64", "distinct articles reporting it"),
    "n_sources": ("int64", "distinct outlets reporting it (an article without a source counts as one)"),
    "first_reported": ("datetime64[s]", "publication date of its first report"),
    "last_reported": ("datetime64[s]", "publication date of its last report"),
    "status_history": ("object", "list of {status, since}: each status the reports gave, first reported on"),
    "planned_dates": ("object", "list of the dates planned reports gave ('YYYY-MM-DD/precision')"),
    "report_ids": ("object", "list of its reports' report_id, first reported first"),
    "corrected": ("bool", "an analyst corrected it (events.corrections): its values are the corrected ones"),
}
_PRECISION_RANK = {"day": 4, "week": 3, "month": 2, "year": 1}


def is_event_table(df: pd.DataFrame) -> bool:
    """True for a table of events (this module's), False for a table of reports."""
    return "n_reports" in df.columns


def _representative(records: list[dict[str, Any]], event: EventGroup) -> dict[str, Any]:
    """The report that best states the event: its status, its date, a place, then the surest (the first on ties)."""
    def rank(row: dict[str, Any]) -> tuple[Any, ...]:
        day = row["date"]
        same_day = (not pd.isna(day) and event.date is not None and pd.Timestamp(day).date() == event.date
                    and row["date_precision"] == event.date_precision)
        confidence = row["confidence"]
        return (row["status"] == event.status, same_day, isinstance(row["location_name"], str),
                0.0 if pd.isna(confidence) else float(confidence))

    return max(records, key=rank)  # max keeps the first of equals


def _union_actors(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every actor of the reports once (by name and role), in order of first appearance."""
    seen: dict[tuple[Any, Any], dict[str, Any]] = {}
    for row in records:
        actors = row["actors"]
        for actor in actors if isinstance(actors, list | tuple) else []:
            seen.setdefault((actor.get("name"), actor.get("role")), actor)
    return list(seen.values())


def _day(value: Any) -> str | None:
    """YYYY-MM-DD of a timestamp, None when missing."""
    return None if pd.isna(value) else pd.Timestamp(value).date().isoformat()


def _single(row: dict[str, Any]) -> dict[str, Any]:
    """The row of an event reported once: the report's, with the extra columns."""
    planned = [f"{_day(row['date'])}/{row['date_precision']}"] if row["status"] == "planned" and _day(row["date"]) \
        else []
    return row | {"corrected": False, "n_reports": 1, "n_articles": 1, "n_sources": 1, "first_reported": row["published"],
                  "last_reported": row["published"],
                  "status_history": [{"status": row["status"], "since": _day(row["published"])}],
                  "planned_dates": planned, "report_ids": [row["report_id"]]}


def _merged(records: list[dict[str, Any]]) -> dict[str, Any]:
    """The row of an event reported several times."""
    reports = [report_of(r) for r in records]
    event = summarize(reports)
    best = _representative(records, event)
    where = next((r for r, rep in zip(records, reports, strict=True) if event.place and rep.place == event.place),
                 best)
    row = dict(best)
    row.update(
        status=event.status,
        date=pd.Timestamp(event.date) if event.date else pd.NaT,
        date_precision=event.date_precision,
        actors=_union_actors(records),
        countries=list(event.countries),
        location_name=where["location_name"], location_country=where["location_country"],
        lat=where["lat"], lon=where["lon"],
        confidence=event.confidence,
        n_reports=event.n_reports, n_articles=event.n_articles, n_sources=event.n_sources,
        first_reported=pd.Timestamp(event.first_reported) if event.first_reported else pd.NaT,
        last_reported=pd.Timestamp(event.last_reported) if event.last_reported else pd.NaT,
        status_history=[{"status": s, "since": since or None} for s, since in event.status_history],
        planned_dates=list(event.planned_dates),
        report_ids=list(event.report_ids),
        corrected=False,
    )
    if row["date_precision"] != best["date_precision"]:
        row["date_text"] = None  # the words of one report would not state the event's date
    return row


def events_table(reports: pd.DataFrame) -> pd.DataFrame:
    """One row per event of the reports (EVENT_COLUMNS, then EVENT_EXTRA_COLUMNS), in the order of their first
    report in `reports`."""
    columns = [*EVENT_COLUMNS, *EVENT_EXTRA_COLUMNS]
    members: dict[str, list[dict[str, Any]]] = {}
    for row in reports[list(EVENT_COLUMNS)].to_dict("records"):
        members.setdefault(row["event_id"], []).append(row)
    rows = [_single(group[0]) if len(group) == 1 else _merged(group) for group in members.values()]
    return _typed(pd.DataFrame(rows, columns=columns), reports)


def _typed(table: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """The table with the reports' dtypes for their columns and EVENT_EXTRA_COLUMNS' for the others."""
    for col in table.columns:
        dtype = reports[col].dtype if col in EVENT_COLUMNS else EVENT_EXTRA_COLUMNS[col][0]
        if str(dtype) != "object":
            table[col] = table[col].astype(dtype)
    return table


def corrected_tables(reports: pd.DataFrame, corrections: Sequence[Correction]) -> tuple[pd.DataFrame, pd.DataFrame,
                                                                                          tuple[Correction, ...]]:
    """(reports with their corrected events, the corrected events table, the corrections whose reports are gone)."""
    applied = apply(reports, corrections)
    return applied.reports, correct_events(events_table(applied.reports), applied), applied.orphans
