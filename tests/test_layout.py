"""The package's two halves: extraction and storage in events/, the dashboard's pure logic in events/dashboard/.

The pipeline (readers -> sentences -> mentions -> arguments -> frames -> records -> store, and the ingest that drives
it) never imports the dashboard package nor Streamlit; only the command line may reach into the dashboard (its
`chart` and `export` commands draw and write what the dashboard does). Modules never use another module's private
helpers (a leading underscore): a helper two modules need is public where it belongs.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ROOT / "events"
DASHBOARD = EVENTS / "dashboard"
# modules of events/ allowed to import events.dashboard: the command line draws charts and writes exports (events.exports
# streams the download formats of the dashboard's Export tab)
MAY_IMPORT_DASHBOARD = {"events.cli", "events.__main__", "events.exports"}
PIPELINE = ("events", "events.pipeline", "events.extract", "events.readers", "events.store", "events.ingest",
            "events.evaluate", "events.parallel", "events.schema", "events.search")


def module_name(path: Path) -> str:
    """events/dashboard/charts/timeline.py -> events.dashboard.charts.timeline."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def sources(folder: Path = EVENTS) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports (absolute names; `from a import b` counts a and a.b)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("module", PIPELINE)
def test_the_pipeline_never_imports_the_dashboard(module: str) -> None:
    code = (
        f"import importlib, json, sys; importlib.import_module({module!r}); "
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('events.dashboard') or m == 'streamlit' "
        "or m.startswith('streamlit.') or m == 'plotly' or m == 'dashboard')))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [], f"importing {module} loads the dashboard's modules"


def test_only_the_command_line_imports_the_dashboard_package() -> None:
    outside = [p for p in sources() if DASHBOARD not in p.parents]
    offenders = {
        module_name(p): sorted(m for m in imported_modules(p) if m == "events.dashboard" or m.startswith("events.dashboard."))
        for p in outside
        if module_name(p) not in MAY_IMPORT_DASHBOARD
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_dashboard_package_never_imports_streamlit() -> None:
    offenders = {module_name(p): sorted(m for m in imported_modules(p) if m.split(".")[0] == "streamlit")
                 for p in sources(DASHBOARD)}
    assert {k: v for k, v in offenders.items() if v} == {}


def private_uses(path: Path) -> list[str]:
    """`from events.x import _helper` and `x._helper` (x an imported events module) in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    aliases: dict[str, str] = {}  # local name -> the events module it stands for
    out: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "events":
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    out.append(f"{node.module}.{alias.name}")
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "events":
                    aliases[alias.asname or alias.name] = alias.name
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases
                and node.attr.startswith("_") and not node.attr.startswith("__")):
            out.append(f"{aliases[node.value.id]}.{node.attr}")
    return sorted(set(out))


def test_no_module_uses_another_modules_private_helpers() -> None:
    # the dashboard's side of the layout and what drives it; scripts/bench_memory.py reads the extractor's caches'
    # sizes on purpose (it measures them), so only the scripts that use the dashboard package are held to it
    scripts = [p for p in sorted((ROOT / "scripts").glob("*.py")) if "events.dashboard" in p.read_text(encoding="utf-8")]
    files = [*sources(DASHBOARD), EVENTS / "cli.py", EVENTS / "ingest.py", EVENTS / "dask_ingest.py", ROOT / "dashboard.py",
             *scripts]
    assert scripts, "no script uses the dashboard package any more: drop this part"
    offenders = {str(p.relative_to(ROOT)): private_uses(p) for p in files}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_private_uses_are_found(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from events import filters as flt\nfrom events.filters import _key\nflt._fold_series(x)\n")
    assert private_uses(sample) == ["events.filters._fold_series", "events.filters._key"]
