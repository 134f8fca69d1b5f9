"""events: news articles -> a table of diplomatic events (talks, summits, air attacks).

Library use::

    import events
    df = events.extract_frame(["seeds/"], metadata="data/seeds.metadata.yaml")

Names are imported lazily so that `python -m events --help` and the small modules stay fast to load.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "EVENT_COLUMNS": "events.schema",
    "Actor": "events.records",
    "Article": "events.records",
    "Event": "events.records",
    "ReadProblem": "events.records",
    "event_row": "events.pipeline",
    "extract": "events.extract",
    "extract_articles": "events.pipeline",
    "extract_frame": "events.pipeline",
    "extract_paths": "events.pipeline",
    "read_paths": "events.readers",
    "read_text": "events.readers",
    "to_frame": "events.pipeline",
    "Store": "events.store",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'events' has no attribute {name!r}")
