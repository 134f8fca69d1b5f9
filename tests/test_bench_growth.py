"""scripts/bench_growth.py keeps working: at tiny sizes its one run gives the whole table (speed is not asserted)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from tests.dashboard_data import ROOT

SCRIPT = ROOT / "scripts" / "bench_growth.py"


def _bench() -> ModuleType:
    """The benchmark script as a module."""
    spec = importlib.util.spec_from_file_location("bench_growth", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cells(line: str) -> list[str]:
    """The cells of one Markdown table line."""
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _number(cell: str) -> float:
    """The value of a cell such as '1,234.5 (×9.8)'."""
    return float(cell.split(" (")[0].replace(",", ""))


def test_table_at_tiny_sizes(tmp_path: Path) -> None:
    bench = _bench()
    run = subprocess.run([sys.executable, str(SCRIPT), "--sizes", "200", "2000", "--calibrate", "30",
                          "--keep", str(tmp_path)], capture_output=True, text=True, cwd=ROOT, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stdout.strip().splitlines()
    assert _cells(lines[0]) == [header for _, header, _ in bench.COLUMNS]
    rows = [dict(zip(_cells(lines[0]), _cells(line), strict=True)) for line in lines[2:]]
    assert [r["events"] for r in rows] == ["200", "2,000"]
    assert all(r["path"] == "SQLite store, in-memory page" and r["ingest measured"] == "end to end" for r in rows)
    for row in rows:
        for header in ("ingest: articles", "ingest: events stored", "ingest: wall s", "ingest: CPU s",
                       "ingest: articles/s", "ingest: peak RSS MB", "store .db / dataset MB", "snapshot / index MB",
                       "dashboard: snapshot / index write s", "dashboard: cold start s",
                       "dashboard: first filter change s", "dashboard: later filter change s", "dashboard: peak RSS MB"):
            assert _number(row[header]) > 0, (header, row[header])
    assert "(×" in rows[1]["ingest: wall s"] and "(×" not in rows[0]["ingest: wall s"]  # growth over the row before
    assert _number(rows[1]["ingest: articles"]) > _number(rows[0]["ingest: articles"])


def test_growth_restarts_with_each_path() -> None:
    bench = _bench()
    rows = [{"path": "store", "events": 10, "cold_s": 1.0}, {"path": "store", "events": 100, "cold_s": 3.0},
            {"path": "dataset", "events": 100, "cold_s": 2.0, "wal_mb": float("nan")}]
    lines = bench.table(rows).splitlines()
    cold = [header for _, header, _ in bench.COLUMNS].index("dashboard: cold start s")
    assert [_cells(line)[cold] for line in lines[2:]] == ["1.00", "3.00 (×3.0)", "2.00"]
    assert _cells(lines[4])[[k for k, _, _ in bench.COLUMNS].index("wal_mb")] == "–"
