"""Articles -> events -> table rows: the glue the CLI, the dashboard and the tests share."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from events import schema
from events.extract import extractor
from events.parallel import ordered_map, resolve_jobs
from events.readers import read_paths
from events.records import Article, Event, ReadProblem


def event_row(article: Article, event: Event) -> dict[str, Any]:
    """One events-table row (the public field names of the schema)."""
    return {
        "report_id": event.event_id,
        "event_id": None,  # set when reports are grouped (`to_frame`, the store)
        "event_type": event.event_type,
        "status": event.status,
        "date": event.date.isoformat() if event.date else None,
        "date_precision": event.date_precision,
        "date_text": event.date_text,
        "actors": [a.as_dict() for a in event.actors],
        "countries": list(event.countries),
        "attributed_to": list(event.attributed_to),
        "location_name": event.location_name,
        "location_country": event.location_country,
        "lat": event.lat,
        "lon": event.lon,
        "sentence": event.sentence,
        "start": event.start,
        "end": event.end,
        "confidence": event.confidence,
        "article_id": article.article_id,
        "path": article.path,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "language": article.language,
        "source": article.source,
        "url": article.url,
    }


def extract_batch(items: list[Article | Any]) -> list[tuple[Article, list[Event]] | Any]:
    """(article, events) for each article of a batch; what is not an article passes through; a failure is a
    ReadProblem."""
    ex = extractor()
    out: list[tuple[Article, list[Event]] | Any] = []
    for item in items:
        if not isinstance(item, Article):
            out.append(item)
            continue
        try:
            out.append((item, ex.extract(item)))
        except Exception as exc:  # one bad article must not stop the others
            out.append(ReadProblem(item.path, f"extraction failed: {type(exc).__name__}: {exc}"))
    return out


def extract_items(items: Iterable[Article | Any], jobs: int = 1) -> Iterator[tuple[Article, list[Event]] | Any]:
    """extract_batch over a stream, in its order, on `jobs` processes (0: one per core)."""
    extractor()  # loaded before the workers start, which then share it
    return ordered_map(extract_batch, items, resolve_jobs(jobs))


def extract_articles(articles: Iterable[Article], jobs: int = 1) -> Iterator[tuple[Article, list[Event]]]:
    """(article with its language settled, events) for each article."""
    for item in extract_items(articles, jobs):
        if isinstance(item, ReadProblem):
            raise RuntimeError(f"{item.path}: {item.message}")
        yield item


def extract_paths(
    paths: Iterable[str | Path],
    *,
    published: date | None = None,
    language: str | None = None,
    metadata: str | Path | None = None,
    jobs: int = 1,
) -> Iterator[tuple[Article, list[Event]] | ReadProblem]:
    """Read files/folders and extract on `jobs` processes (0: one per core); problems are yielded, never raised."""
    return extract_items(read_paths(list(paths), published=published, language=language, metadata=metadata), jobs)


def to_frame(pairs: Iterable[tuple[Article, list[Event]]]) -> pd.DataFrame:
    """The events table (schema.EVENT_COLUMNS) for extracted articles, their reports grouped into events."""
    from events.grouping import set_event_ids

    rows = [event_row(a, e) for a, events in pairs for e in events]
    set_event_ids(rows)
    return schema.to_frame(rows)


def frame_records(df: pd.DataFrame) -> Iterator[dict[str, Any]]:
    """Rows of a table of reports or of events as plain dicts with ISO dates and None for missing values."""
    from events.event_table import EVENT_EXTRA_COLUMNS

    columns = [*schema.EVENT_COLUMNS, *(c for c in EVENT_EXTRA_COLUMNS if c in df.columns)]
    dates = (*schema.DATE_COLUMNS, "first_reported", "last_reported")
    lists = (*schema.LIST_COLUMNS, "status_history", "planned_dates", "report_ids")
    for rec in df.to_dict("records"):
        out: dict[str, Any] = {}
        for col in columns:
            v = rec.get(col)
            if col in dates:
                v = None if pd.isna(v) else pd.Timestamp(v).date().isoformat()
            elif col in lists:
                v = list(v) if v is not None else []
            elif v is not None and not isinstance(v, str) and pd.isna(v):
                v = None
            elif hasattr(v, "item"):
                v = v.item()
            out[col] = v
        yield out


def jsonl_lines(df: pd.DataFrame) -> Iterator[str]:
    """One JSON object per event, the same fields as `extract --format jsonl`."""
    import json

    for rec in frame_records(df):
        yield json.dumps(rec, ensure_ascii=False) + "\n"


def extract_frame(
    paths: Iterable[str | Path],
    *,
    published: date | None = None,
    language: str | None = None,
    metadata: str | Path | None = None,
) -> pd.DataFrame:
    """Read files/folders and return their events as a DataFrame (unreadable inputs are skipped)."""
    items = extract_paths(paths, published=published, language=language, metadata=metadata)
    return to_frame(p for p in items if not isinstance(p, ReadProblem))
