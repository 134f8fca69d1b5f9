"""Articles -> events -> table rows: the glue the CLI, the dashboard and the tests share."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from events import schema
from events.extract import extractor
from events.readers import read_paths
from events.records import Article, Event, ReadProblem


def event_row(article: Article, event: Event) -> dict[str, Any]:
    """One events-table row (the public field names of the schema)."""
    return {
        "event_id": event.event_id,
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


def extract_articles(articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
    """(article with its language settled, events) for each article."""
    ex = extractor()
    for article in articles:
        yield article, ex.extract(article)


def extract_paths(
    paths: Iterable[str | Path],
    *,
    published: date | None = None,
    language: str | None = None,
    metadata: str | Path | None = None,
) -> Iterator[tuple[Article, list[Event]] | ReadProblem]:
    """Read files/folders and extract; problems are yielded, never raised."""
    ex = extractor()
    for item in read_paths(list(paths), published=published, language=language, metadata=metadata):
        if isinstance(item, ReadProblem):
            yield item
            continue
        try:
            yield item, ex.extract(item)
        except Exception as exc:
            yield ReadProblem(item.path, f"extraction failed: {type(exc).__name__}: {exc}")


def to_frame(pairs: Iterable[tuple[Article, list[Event]]]) -> pd.DataFrame:
    """The events table (schema.EVENT_COLUMNS) for extracted articles."""
    return schema.to_frame(event_row(a, e) for a, events in pairs for e in events)


def frame_records(df: pd.DataFrame) -> Iterator[dict[str, Any]]:
    """Rows of an events table as plain dicts with ISO dates and None for missing values."""
    for rec in df.to_dict("records"):
        out: dict[str, Any] = {}
        for col in schema.EVENT_COLUMNS:
            v = rec.get(col)
            if col in schema.DATE_COLUMNS:
                v = None if pd.isna(v) else pd.Timestamp(v).date().isoformat()
            elif col in schema.LIST_COLUMNS:
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
