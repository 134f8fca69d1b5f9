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

import numpy as np
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
    """The report that best states the event: its status, its date, a place, then the surest (on ties the smallest
    report id, so that any order of the reports gives the same row: a store's and a dataset's)."""
    when = event.date.isoformat() if event.date else None

    def rank(row: dict[str, Any]) -> tuple[Any, ...]:
        same_day = when is not None and row["date"] == when and row["date_precision"] == event.date_precision
        confidence = row["confidence"]
        return (row["status"] == event.status, same_day, isinstance(row["location_name"], str),
                0.0 if pd.isna(confidence) else float(confidence))

    best = max(map(rank, records))
    return min((row for row in records if rank(row) == best), key=lambda row: row["report_id"])


def _union_actors(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every actor of the reports once (by name and role), in order of first appearance."""
    seen: dict[tuple[Any, Any], dict[str, Any]] = {}
    for row in records:
        actors = row["actors"]
        for actor in actors if isinstance(actors, list | tuple) else []:
            seen.setdefault((actor.get("name"), actor.get("role")), actor)
    return list(seen.values())


def _values(col: pd.Series) -> list[Any]:
    """A column as a list, dates as 'YYYY-MM-DD' and missing values as None (ISO text: ~10x cheaper than
    Timestamps, and what grouping reads)."""
    if str(col.dtype).startswith("datetime64"):
        col = col.dt.strftime("%Y-%m-%d")
    return col.astype(object).where(col.notna(), None).tolist()


# what grouping reads of a report (`report_of`), and what an event sets over its representative report's row
_FACTS = ("report_id", "article_id", "source", "published", "event_type", "status", "date", "date_precision",
          "countries", "actors", "location_name", "location_country", "lat", "lon", "confidence")
_SET = ("status", "date", "date_precision", "date_text", "actors", "countries", "location_name", "location_country",
        "lat", "lon", "confidence")


def _merged(records: list[dict[str, Any]]) -> tuple[int, dict[str, Any]]:
    """An event reported several times: (its representative report's index in `records`, the values it sets)."""
    reports = [report_of(r) for r in records]
    event = summarize(reports)
    best = _representative(records, event)
    where = next((r for r, rep in zip(records, reports, strict=True) if event.place and rep.place == event.place),
                 best)
    values = {
        "status": event.status,
        "date": pd.Timestamp(event.date) if event.date else pd.NaT,
        "date_precision": event.date_precision,
        "actors": _union_actors(records),
        "countries": list(event.countries),
        "location_name": where["location_name"], "location_country": where["location_country"],
        "lat": where["lat"], "lon": where["lon"],
        "confidence": event.confidence,
        "n_reports": event.n_reports, "n_articles": event.n_articles, "n_sources": event.n_sources,
        "first_reported": pd.Timestamp(event.first_reported) if event.first_reported else pd.NaT,
        "last_reported": pd.Timestamp(event.last_reported) if event.last_reported else pd.NaT,
        "status_history": [{"status": s, "since": since or None} for s, since in event.status_history],
        "planned_dates": list(event.planned_dates),
        "report_ids": list(event.report_ids),
    }
    # the words of one report would not state a date of another precision
    values["date_text"] = best.get("date_text") if event.date_precision == best["date_precision"] else None
    return next(i for i, r in enumerate(records) if r is best), values


def events_table(reports: pd.DataFrame) -> pd.DataFrame:
    """One row per event of the reports (EVENT_COLUMNS, then EVENT_EXTRA_COLUMNS), in the order of their first
    report in `reports`.

    Built column by column: an event reported once is its report's row as it is (most events), and only the
    events reported several times are summarised report by report.
    """
    base = reports[list(EVENT_COLUMNS)].reset_index(drop=True)
    codes, firsts = pd.factorize(base["event_id"])
    n = len(firsts)
    order = np.argsort(codes, kind="stable")
    sizes = np.bincount(codes, minlength=n)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(int)
    rep = order[starts] if n else np.array([], dtype=int)  # each event's first report, until one stands for it better
    merged: dict[int, dict[str, Any]] = {}
    several = np.flatnonzero(sizes > 1)
    if len(several):
        cols = {c: _values(base[c]) for c in (*_FACTS, "date_text")}
        for e in several.tolist():
            positions = order[starts[e]: starts[e] + sizes[e]].tolist()
            k, merged[e] = _merged([{c: cols[c][i] for c in cols} for i in positions])
            rep[e] = positions[k]
    table = base.iloc[rep].reset_index(drop=True)
    published, dates = table["published"].tolist(), _values(table["date"])
    status, precision, since = table["status"].tolist(), table["date_precision"].tolist(), _values(table["published"])
    extra: dict[str, list[Any]] = {
        "n_reports": [1] * n, "n_articles": [1] * n, "n_sources": [1] * n,
        "first_reported": published[:], "last_reported": published[:],
        "status_history": [[{"status": st, "since": day}] for st, day in zip(status, since, strict=True)],
        "planned_dates": [[f"{d}/{p}"] if st == "planned" and d else []
                          for st, d, p in zip(status, dates, precision, strict=True)],
        "report_ids": [[r] for r in table["report_id"].tolist()],
        "corrected": [False] * n,
    }
    if merged:
        changed = {c: table[c].tolist() for c in _SET}
        for e, values in merged.items():
            for c, v in values.items():
                (changed if c in changed else extra)[c][e] = v
        for c in _SET:
            table[c] = pd.Series(changed[c], dtype="object")
    for c, v in extra.items():
        table[c] = pd.Series(v, dtype="object")
    return _typed(table[[*EVENT_COLUMNS, *EVENT_EXTRA_COLUMNS]], reports)


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
