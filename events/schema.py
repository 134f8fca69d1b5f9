"""The events table: its columns and dtypes, defined once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

# name -> (pandas dtype, description). The README's schema table is generated from this.
EVENT_COLUMNS: dict[str, tuple[str, str]] = {
    "report_id": ("str", "stable id of this report: same article text, same report -> same id"),
    "event_id": ("str", "the event across articles the report belongs to: reports of one occurrence share it"),
    "event_type": ("str", "talks / summit / air_attack (more by data)"),
    "status": ("str", "occurred / planned / cancelled"),
    "date": ("datetime64[s]", "event date (NaT when unknown or unresolved)"),
    "date_precision": ("str", "day / month / year, empty when no date"),
    "date_text": ("str", "the date expression as written"),
    "actors": ("object", "list of {name, kind, country, role}"),
    "countries": ("object", "sorted list of the actors' ISO-3 codes"),
    "attributed_to": ("object", "list of names the report is attributed to (not parties)"),
    "location_name": ("str", "where it took place / what was hit"),
    "location_country": ("str", "ISO-3 of the location"),
    "lat": ("float64", "latitude of the location (empty when the location is a whole country)"),
    "lon": ("float64", "longitude of the location (empty when the location is a whole country)"),
    "sentence": ("str", "evidence sentence"),
    "start": ("Int64", "offset of the sentence in the article text"),
    "end": ("Int64", "end offset of the sentence in the article text"),
    "confidence": ("float64", "0-1"),
    "article_id": ("str", "sha1 of the article text (16 hex)"),
    "path": ("str", "file the article was read from"),
    "title": ("str", "article title"),
    "published": ("datetime64[s]", "publication date"),
    "language": ("str", "ro / en"),
    "source": ("str", "publisher"),
    "url": ("str", "article URL"),
}

LIST_COLUMNS = ("actors", "countries", "attributed_to")
DATE_COLUMNS = ("date", "published")


def empty_frame() -> pd.DataFrame:
    """An events table with no rows and the right dtypes."""
    return to_frame([])


def to_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Build the events table from row dicts (keys = EVENT_COLUMNS), coercing every dtype."""
    df = pd.DataFrame(list(rows), columns=list(EVENT_COLUMNS))
    for col, (dtype, _) in EVENT_COLUMNS.items():
        if col in LIST_COLUMNS:
            df[col] = pd.Series(
                [list(v) if isinstance(v, list | tuple) else [] for v in df[col]],
                index=df.index,
                dtype="object",
            )
        elif dtype.startswith("datetime64"):
            df[col] = pd.to_datetime(df[col], errors="coerce").astype(dtype)
        elif dtype == "str":
            df[col] = df[col].astype("str").where(df[col].notna(), None).astype("str")
        else:
            df[col] = pd.to_numeric(df[col], errors="coerce").astype(dtype)
    alone = df["event_id"].isna()
    if alone.any():  # a report not grouped with others is an event of its own
        from events.grouping import event_id_of

        df.loc[alone, "event_id"] = [event_id_of([str(r)]) for r in df.loc[alone, "report_id"]]
    return df


def dtypes() -> dict[str, str]:
    """Column name -> dtype string, as pinned by the tests."""
    return {c: d for c, (d, _) in EVENT_COLUMNS.items()}
