"""The events table's columns and dtypes are defined once (events.schema), pinned here and in the README."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from events import schema
from events.pipeline import extract_frame

PINNED = {
    "report_id": "str", "event_id": "str", "event_type": "str", "status": "str", "date": "datetime64[s]", "date_precision": "str",
    "date_text": "str", "actors": "object", "countries": "object", "attributed_to": "object",
    "location_name": "str", "location_country": "str", "lat": "float64", "lon": "float64", "sentence": "str",
    "start": "Int64", "end": "Int64", "confidence": "float64", "article_id": "str", "path": "str", "title": "str",
    "published": "datetime64[s]", "language": "str", "source": "str", "url": "str",
}


def test_schema_is_pinned():
    assert schema.dtypes() == PINNED


def test_empty_frame_has_the_schema():
    df = schema.empty_frame()
    assert list(df.columns) == list(PINNED)
    assert {c: str(t) for c, t in df.dtypes.items()} == PINNED


def test_extracted_frame_has_the_schema(root):
    df = extract_frame([root / "seeds"], metadata=root / "data" / "seeds.metadata.yaml")
    assert len(df) > 0
    assert {c: str(t) for c, t in df.dtypes.items()} == PINNED
    assert all(isinstance(a, list) and all(set(x) == {"name", "kind", "country", "role"} for x in a)
               for a in df["actors"])
    assert df["published"].iloc[0] == pd.Timestamp("2025-09-03")


def test_readme_documents_every_column():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for col, (dtype, _) in schema.EVENT_COLUMNS.items():
        assert f"| `{col}` | `{dtype}` |" in readme, col
