"""What the benchmark scripts share: the synthetic data's pools, child-process runs and memory readings."""

from __future__ import annotations

import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

# the synthetic events of bench_dashboard's store and bench_duckdb's dataset
EVENTS_PER_ARTICLE = 8
TYPES = ("talks", "summit", "air_attack")
TYPE_P = (0.4, 0.15, 0.45)
STATUSES = ("occurred", "planned", "cancelled")
STATUS_P = (0.8, 0.15, 0.05)
START = date(2023, 1, 1)
DAYS = 1000
TOPICS = ("a ceasefire", "prisoner exchanges", "energy", "grain exports", "security guarantees", "sanctions")
FOCUS = {"RUS": 40.0, "UKR": 38.0, "USA": 25.0, "ISR": 12.0, "TUR": 8.0, "FRA": 6.0, "CHN": 6.0}


def countries() -> list[tuple[str, str, float, float]]:
    """(iso3, name, lat, lon) of every country with a position on the map."""
    with (ROOT / "data" / "country_centroids.csv").open(encoding="utf-8", newline="") as fh:
        return [(r["iso3"], r["name"], float(r["lat"]), float(r["lon"])) for r in csv.DictReader(fh)]


def places() -> list[tuple[str, str, float, float]]:
    """(name, iso3, lat, lon) of the gazetteer's places."""
    lines = (ROOT / "data" / "gazetteer" / "places.csv").read_text(encoding="utf-8").splitlines()
    rows = csv.DictReader(line for line in lines if not line.startswith("#"))
    return [(r["name"], r["country"], float(r["lat"]), float(r["lon"])) for r in rows]


def country_weights(rng: np.random.Generator, pool: list[tuple[str, str, float, float]]) -> np.ndarray:
    """Each country's share of the events, summing to 1."""
    # a skewed pool: a few countries take most events, like real news
    weights = 1.0 / np.arange(1, len(pool) + 1) ** 1.1
    rng.shuffle(weights)
    for i, (iso, *_rest) in enumerate(pool):
        weights[i] = FOCUS.get(iso, weights[i])
    return weights / weights.sum()


def rss_mb() -> float:
    """Peak resident memory of this process so far, MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(script: str | Path, flag: str, target: Path) -> dict[str, Any] | None:
    """Run `script flag target` in a fresh process; the JSON of its last line, or None (its error printed) if it failed."""
    proc = subprocess.run([sys.executable, str(script), flag, str(target)], capture_output=True, text=True, cwd=ROOT,
                          check=False)
    if proc.returncode != 0:
        print(proc.stderr[-3000:], file=sys.stderr)
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def answer_child(args: Any, children: dict[str, Callable[[Path], dict[str, Any]]]) -> bool:
    """The other side of run_child: if a child flag is set (`--snapshot-child DB` is args.snapshot_child), run its
    measurement and print its JSON; whether this process was such a child."""
    for flag, measure in children.items():
        target = getattr(args, flag)
        if target:
            print(json.dumps(measure(target)))
            return True
    return False


@dataclass(frozen=True)
class Run:
    """One finished command: wall and CPU seconds, its largest process's peak RSS and what it printed."""

    wall_s: float
    cpu_s: float
    rss_peak_mb: float
    stdout: str
    stderr: str


def run_measured(argv: list[str]) -> Run:
    """Run argv from the project's folder; raise if it fails.

    CPU time and peak RSS are the command's own and those of the processes it waited for (its workers), read with
    wait4: RUSAGE_CHILDREN would add every earlier child of this process too.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, cwd=ROOT)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait for it again
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise subprocess.CalledProcessError(proc.returncode, argv, out.read(), err.read()[-3000:])
        return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.read().decode(),
                   err.read().decode())
