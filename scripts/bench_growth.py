"""How cost grows with the number of events (issue 14 §5): one table, from one run, per size.

For each size (default 10k, 100k, 1M events):
- ingest: `python -m events ingest --jobs 2` end to end of bench_ingest's generated corpus (JSONL), with as many
  articles as give about that many events (events per article measured first on a small run); wall and CPU seconds
  (the command and its workers), articles/s and the largest process's peak RSS. When the previous size's rate says
  the ingest would take longer than --ingest-budget seconds, a prefix of the corpus (a fifth of the size) is
  ingested instead and its figures are scaled linearly, marked "extrapolated from N" in the table;
- the store on disk after that ingest: the .db file, its -wal and the columnar snapshot beside it;
- the dashboard on bench_dashboard's synthetic store of exactly that many events (its snapshot written first in a
  process of its own, then the page in a fresh one: cold start, the first filter change (the top actor), later
  ones (the median of five more actors) and peak RSS).
With --with-10m, the DuckDB path too: bench_duckdb's synthetic Parquet dataset at each size and at 10M events, its
index built in a process of its own, then the page over it (cold start, the top actor as the first filter change,
air attacks added as the later one, peak RSS).
Each cell after a path's first row adds its growth over the row before (×ratio).

Usage: .venv/bin/python scripts/bench_growth.py [--sizes 10000 100000 1000000] [--with-10m] [--keep DIR]
"""

from __future__ import annotations

import argparse
import math
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import bench_dashboard  # noqa: E402
import bench_duckdb  # noqa: E402
from bench_ingest import measure_ingest, write_corpus  # noqa: E402
from benchlib import run_child  # noqa: E402

TEN_MILLION = 10_000_000
MB = 2**20

# (key, header, format: "s" for seconds); a missing or NaN value prints as "–"
COLUMNS = [
    ("path", "path", "{}"),
    ("events", "events", "{:,}"),
    ("ingest_articles", "ingest: articles", "{:,}"),
    ("ingest_events", "ingest: events stored", "{:,}"),
    ("ingest_wall_s", "ingest: wall s", "s"),
    ("ingest_cpu_s", "ingest: CPU s", "s"),
    ("ingest_rate", "ingest: articles/s", "{:,.0f}"),
    ("ingest_rss_mb", "ingest: peak RSS MB", "{:,.0f}"),
    ("ingest_note", "ingest measured", "{}"),
    ("data_mb", "store .db / dataset MB", "{:,.1f}"),
    ("wal_mb", "-wal MB", "{:,.1f}"),
    ("side_mb", "snapshot / index MB", "{:,.1f}"),
    ("prepare_s", "dashboard: snapshot / index write s", "s"),
    ("cold_s", "dashboard: cold start s", "s"),
    ("filter_s", "dashboard: first filter change s", "s"),
    ("later_s", "dashboard: later filter change s", "s"),
    ("rss_mb", "dashboard: peak RSS MB", "{:,.0f}"),
]
# text columns and the ingest's sizes, which say what was ingested rather than what it cost
NO_GROWTH = {"path", "events", "ingest_articles", "ingest_note"}


def folder_mb(path: Path) -> float:
    """Size of a file, or of every file under a folder, MB (0 if it is missing)."""
    if path.is_file():
        return path.stat().st_size / MB
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / MB if path.is_dir() else 0.0


def stored_events(db: Path) -> int:
    """Reports (rows of the events table) in a store."""
    with sqlite3.connect(db) as con:
        return con.execute("SELECT count(*) FROM events").fetchone()[0]


def remove_store(db: Path) -> None:
    """Delete a store and what lies beside it: an ingest into an old one (--keep) would find its articles unchanged."""
    for path in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        path.unlink(missing_ok=True)
    shutil.rmtree(db.with_name(db.name + ".snapshot"), ignore_errors=True)


def events_per_article(folder: Path, articles: int, jobs: int) -> float:
    """Events the ingest stores per article of the corpus, on its first `articles` articles."""
    source, db = folder / "calibrate.jsonl", folder / "calibrate.db"
    write_corpus(articles, source)
    remove_store(db)
    measure_ingest(source, db, jobs)
    return stored_events(db) / articles


def ingest_row(folder: Path, n: int, per_article: float, jobs: int, budget_s: float,
               rate: float | None) -> dict[str, Any]:
    """Ingest about n events' worth of articles into a new store (or a fifth of them, scaled, if over budget)."""
    articles = max(1, round(n / per_article))
    # the previous size's articles/s predicts this one's time; past the budget, a prefix stands for the whole
    prefix = articles if rate is None or articles / rate <= budget_s else max(1, articles // 5)
    source, db = folder / f"corpus-{n}.jsonl", folder / f"ingest-{n}.db"
    write_corpus(prefix, source)
    remove_store(db)
    run, _written = measure_ingest(source, db, jobs)
    scale = articles / prefix
    row = {
        "ingest_articles": articles, "ingest_events": round(stored_events(db) * scale),
        "ingest_wall_s": run.wall_s * scale, "ingest_cpu_s": run.cpu_s * scale, "ingest_rate": prefix / run.wall_s,
        "ingest_rss_mb": run.rss_peak_mb,
        "ingest_note": "end to end" if prefix == articles else f"extrapolated from {prefix:,} articles",
        "data_mb": folder_mb(db) * scale, "wal_mb": folder_mb(db.with_name(db.name + "-wal")) * scale,
        "side_mb": folder_mb(db.with_name(db.name + ".snapshot")) * scale,
    }  # fmt: skip
    source.unlink()
    return row


def dashboard_row(folder: Path, n: int) -> dict[str, Any]:
    """bench_dashboard's synthetic store of n events: its snapshot written, then the page measured, fresh processes."""
    db = folder / f"synthetic-{n}.db"
    remove_store(db)
    bench_dashboard.build_store(db, n)
    script = Path(bench_dashboard.__file__)
    snap = run_child(script, "--snapshot-child", db)
    page = run_child(script, "--child", db)
    if snap is None or page is None:
        raise RuntimeError(f"the dashboard's measurement failed at {n:,} events")
    return {"prepare_s": snap["snapshot_s"], "cold_s": page["cold_s"], "filter_s": page["filter_actor_s"],
            "later_s": page["filter_actor_median_s"], "rss_mb": page["rss_peak_mb"]}


def duckdb_row(folder: Path, n: int) -> dict[str, Any]:
    """bench_duckdb's synthetic dataset of n events: its index built, then the page over it, fresh processes."""
    dataset = folder / f"dataset-{n}"
    shutil.rmtree(dataset, ignore_errors=True)  # a dataset left by an earlier run would keep its index
    bench_duckdb.build_dataset(dataset, n)
    script = Path(bench_duckdb.__file__)
    index = run_child(script, "--index-child", dataset)
    page = run_child(script, "--page-child", dataset)
    if index is None or page is None:
        raise RuntimeError(f"the DuckDB page's measurement failed at {n:,} events")
    parquet = sum(folder_mb(dataset / part) for part in ("events", "articles"))
    return {"path": "Parquet dataset, DuckDB page", "events": n, "data_mb": parquet,
            "side_mb": folder_mb(dataset) - parquet, "prepare_s": index["index_s"], "cold_s": page["page_cold_s"],
            "filter_s": page["page_filter_actor_s"], "later_s": page["page_filter_type_s"],
            "rss_mb": page["page_rss_peak_mb"]}


def measure(folder: Path, sizes: list[int], *, with_10m: bool = False, jobs: int = 2, budget_s: float = 900,
            calibrate: int = 300) -> list[dict[str, Any]]:
    """Every row of the table: the store path at each size, then (with_10m) the DuckDB path up to 10M events."""
    per_article = events_per_article(folder, calibrate, jobs)
    print(f"{per_article:.2f} events per article", file=sys.stderr)
    rows = []
    rate = None
    for n in sizes:
        t0 = time.perf_counter()
        row = {"path": "SQLite store, in-memory page", "events": n,
               **ingest_row(folder, n, per_article, jobs, budget_s, rate), **dashboard_row(folder, n)}
        rate = row["ingest_articles"] / row["ingest_wall_s"]
        rows.append(row)
        print(f"{n:>10,} events: store path done in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    for n in [*sizes, TEN_MILLION] if with_10m else []:
        t0 = time.perf_counter()
        rows.append(duckdb_row(folder, n))
        print(f"{n:>10,} events: DuckDB path done in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return rows


def _seconds(value: float) -> str:
    """Seconds with the digits that matter: 2,500.5, 3.08, 0.048."""
    return f"{value:,.1f}" if value >= 10 else f"{value:.2f}" if value >= 0.1 else f"{value:.2g}"


def _cell(row: dict[str, Any], before: dict[str, Any] | None, key: str, fmt: str) -> str:
    """A value, and its growth over the row before when there is one."""
    value = row.get(key)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = _seconds(value) if fmt == "s" else fmt.format(value)
    if before is None or key in NO_GROWTH or not before.get(key):
        return text
    return f"{text} (×{value / before[key]:.1f})"


def table(rows: list[dict[str, Any]]) -> str:
    """The rows as a Markdown table; each cell after a path's first row with its growth (×) over the row before."""
    lines = ["| " + " | ".join(header for _, header, _ in COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    before = None
    for row in rows:
        if before is not None and before["path"] != row["path"]:
            before = None
        lines.append("| " + " | ".join(_cell(row, before, key, fmt) for key, _, fmt in COLUMNS) + " |")
        before = row
    return "\n".join(lines)


def main() -> int:
    """Run the benchmark and print its table."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000], help="events")
    ap.add_argument("--with-10m", action="store_true", help="also the DuckDB path at each size and at 10M events")
    ap.add_argument("--jobs", type=int, default=2, help="ingest --jobs")
    ap.add_argument("--ingest-budget", type=float, default=900,
                    help="seconds an ingest may take before a fifth of its corpus stands for it (default 900)")
    ap.add_argument("--calibrate", type=int, default=300, help="articles of the run that counts events per article")
    ap.add_argument("--keep", type=Path, help="folder for the corpora, stores and datasets (default: temporary)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-growth-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        rows = measure(folder, sorted(args.sizes), with_10m=args.with_10m, jobs=args.jobs,
                       budget_s=args.ingest_budget, calibrate=args.calibrate)
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
