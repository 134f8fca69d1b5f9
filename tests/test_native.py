"""The optional mypyc build: used only while fresh, and giving exactly the events of the Python sources."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import events

ROOT = Path(__file__).resolve().parent.parent

_DUMP = """
import dataclasses, json
from pathlib import Path
import events
import events.extract
rows = []
for item in events.extract_paths([Path("seeds"), Path("data/corpus"), Path("tests/data/golden")],
                                 metadata=Path("data/seeds.metadata.yaml")):
    if not isinstance(item, events.ReadProblem):
        rows.extend(json.dumps(dataclasses.asdict(e), default=str, sort_keys=True) for e in item[1])
print(json.dumps({"file": events.extract.__file__, "rows": rows}))
"""


def _copy_sources(tmp: Path) -> Path:
    folder = tmp / "events"
    folder.mkdir()
    for name in events.NATIVE_MODULES:
        shutil.copy(ROOT / "events" / f"{name}.py", folder / f"{name}.py")
    return folder


def test_no_manifest_means_no_compiled_modules(tmp_path: Path) -> None:
    assert events.native_state(_copy_sources(tmp_path)) == "absent"


def test_manifest_of_these_sources_is_fresh(tmp_path: Path) -> None:
    folder = _copy_sources(tmp_path)
    (folder / "_native.json").write_text(json.dumps({"sources": events.source_hashes(folder)}))
    assert events.native_state(folder) == "fresh"


@pytest.mark.parametrize(
    "manifest",
    [
        "{not json",
        json.dumps({"other": 1}),
        json.dumps({"sources": {"extract": "0" * 64}}),
    ],
    ids=["broken", "no-sources", "old-hash"],
)
def test_unreadable_or_old_manifest_is_stale(tmp_path: Path, manifest: str) -> None:
    folder = _copy_sources(tmp_path)
    (folder / "_native.json").write_text(manifest)
    assert events.native_state(folder) == "stale"


def test_an_edited_source_makes_the_build_stale(tmp_path: Path) -> None:
    folder = _copy_sources(tmp_path)
    (folder / "_native.json").write_text(json.dumps({"sources": events.source_hashes(folder)}))
    with (folder / "dates.py").open("a", encoding="utf-8") as fh:
        fh.write("\n# edited\n")
    assert events.native_state(folder) == "stale"


def _dump(pure: bool) -> dict:
    env = {**os.environ, "EVENTS_PURE_PYTHON": "1" if pure else ""}
    done = subprocess.run([sys.executable, "-c", _DUMP], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.mark.skipif(events.native_state() != "fresh", reason="no fresh mypyc build (scripts/build_native.py)")
def test_compiled_and_python_extractors_give_the_same_events() -> None:
    compiled, pure = _dump(pure=False), _dump(pure=True)
    assert compiled["file"].endswith(".so") and pure["file"].endswith(".py")
    assert len(pure["rows"]) > 100
    assert compiled["rows"] == pure["rows"]
