"""events: news articles -> a table of diplomatic events (talks, summits, air attacks).

Library use::

    import events
    df = events.extract_frame(["seeds/"], metadata="data/seeds.metadata.yaml")

Names are imported lazily so that `python -m events --help` and the small modules stay fast to load.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
from pathlib import Path
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


# -- compiled modules (scripts/build_native.py) ---------------------------------------------------------------
# The extractor's hot modules may be compiled with mypyc next to their sources. A compiled module is used only
# while the sources it was built from are unchanged: an edited source (or EVENTS_PURE_PYTHON=1) sends every one
# of them back to Python, all together, since compiled modules call each other directly.
NATIVE_MODULES = (
    "text", "phrases", "lexicon", "sentences", "dates", "gazetteer", "clauses", "mentions", "status", "arguments",
    "mention_dates", "frames", "event_records", "extract", "grouping", "regroup",
)
_HERE = Path(__file__).resolve().parent


def source_hashes(folder: Path = _HERE) -> dict[str, str]:
    """SHA-256 of each compilable module's source."""
    return {name: hashlib.sha256((folder / f"{name}.py").read_bytes()).hexdigest() for name in NATIVE_MODULES}


def native_state(folder: Path = _HERE) -> str:
    """"absent" (no compiled modules), "fresh" (built from these sources) or "stale"."""
    manifest = folder / "_native.json"
    if not manifest.exists():
        return "absent"
    try:
        built = json.loads(manifest.read_text(encoding="utf-8"))["sources"]
    except (OSError, ValueError, KeyError, TypeError):
        return "stale"
    return "fresh" if built == source_hashes(folder) else "stale"


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Import the compilable modules from their .py files even where a compiled .so sits beside them."""

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        package, _, name = fullname.rpartition(".")
        if package != __name__ or name not in NATIVE_MODULES:
            return None
        return importlib.util.spec_from_file_location(fullname, _HERE / f"{name}.py")


def _choose_modules() -> None:
    state = native_state()
    if state == "absent":
        return
    if os.environ.get("EVENTS_PURE_PYTHON") or state == "stale":
        if state == "stale" and not os.environ.get("EVENTS_PURE_PYTHON"):
            warnings.warn(
                "events: the compiled modules are older than their sources; using the sources "
                "(rebuild with `python scripts/build_native.py`, or remove with `--clean`)",
                RuntimeWarning,
                stacklevel=2,
            )
        sys.meta_path.insert(0, _SourceFinder())


_choose_modules()
