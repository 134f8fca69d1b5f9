"""Benchmark `python -m events export` on a synthetic store: seconds and peak memory (RSS of the exporting process)
for each format and unit, streamed (the command) against the tables built in memory first (what it did before).

The store is bench_dashboard's synthetic store of n reports; every 16 consecutive reports, the first 8 and the
next 8 (two articles) are paired into events of two reports, so the events unit summarises real groups.

Usage: .venv/bin/python scripts/bench_export.py [--n 1000000] [--formats csv jsonl parquet] [--keep DIR]
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_dashboard import build_store  # noqa: E402

from events.grouping import event_id_of  # noqa: E402
from events.store import Store  # noqa: E402

# each child reports its own peak memory as it exits: VmHWM belongs to the process's own address space, while
# getrusage's ru_maxrss of a child counts the pages of the (large) benchmark process it was forked from
_PEAK = """
import atexit, sys
def peak():
    fields = dict(line.split(":", 1) for line in open("/proc/self/status"))
    print("peak_kb", fields["VmHWM"].split()[0], file=sys.stderr)
atexit.register(peak)
"""
_STREAMED = _PEAK + """
import runpy
sys.argv = ["events", *sys.argv[1:]]
runpy.run_module("events", run_name="__main__")
"""
# the export as it was before it streamed: every report read, corrected and formatted in memory
_IN_MEMORY = _PEAK + """
import sys
from pathlib import Path
from events.dashboard.tables import frame_csv, frame_parquet
from events.event_table import corrected_tables
from events.pipeline import jsonl_lines
from events.store import Store
db, fmt, unit, out = sys.argv[1:]
with Store(db, readonly=True) as store:
    reports, events, _ = corrected_tables(store.events_frame(), store.corrections())
df = events if unit == "events" else reports
data = {"csv": frame_csv, "parquet": frame_parquet}.get(fmt, lambda d: "".join(jsonl_lines(d)).encode())(df)
Path(out).write_bytes(data)
"""


def pair_reports(db: Path) -> int:
    """Group the synthetic reports two by two across articles (report_groups only: what exports read)."""
    Store(db).close()  # the grouping tables
    con = sqlite3.connect(db)
    ids = [r for (r,) in con.execute("SELECT event_id FROM events ORDER BY rowid")]
    rows = []
    for base in range(0, len(ids), 16):
        block = ids[base: base + 16]
        for k in range(8):
            members = [block[i] for i in (k, k + 8) if i < len(block)]
            rows += [(rid, event_id_of(members)) for rid in members]
    con.execute("DELETE FROM report_groups")
    con.executemany("INSERT INTO report_groups (report_id, group_id) VALUES (?, ?)", rows)
    con.commit()
    con.close()
    return len({g for _, g in rows})


def run(cmd: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS MB) of a child process."""
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr[-2000:]}")
    peak = next(line.split()[1] for line in done.stderr.splitlines() if line.startswith("peak_kb"))
    return time.perf_counter() - start, int(peak) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--formats", nargs="+", default=["csv", "jsonl", "parquet"])
    parser.add_argument("--units", nargs="+", default=["events", "reports"])
    parser.add_argument("--no-in-memory", action="store_true", help="skip the in-memory runs")
    parser.add_argument("--keep", type=Path, help="build (or reuse) the store in this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench_export_"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / f"export_{args.n}.db"
    if not db.exists():
        start = time.perf_counter()
        build_store(db, args.n, search_index=False)
        events = pair_reports(db)
        print(f"store of {args.n:,} reports, {events:,} events: {time.perf_counter() - start:.0f} s, "
              f"{db.stat().st_size / 1e6:.0f} MB", flush=True)
    python = sys.executable
    print("| unit | format | streamed: s | streamed: peak RSS | in memory: s | in memory: peak RSS | file |")
    print("|---|---|---|---|---|---|---|")
    for unit in args.units:
        for fmt in args.formats:
            out = folder / f"out.{unit}.{fmt}"
            secs, rss = run([python, "-c", _STREAMED, "export", "--db", str(db), "--format", fmt, "--unit", unit,
                             "-o", str(out)])
            size = out.stat().st_size / 1e6
            old = "– | –"
            if not args.no_in_memory:
                old_secs, old_rss = run([python, "-c", _IN_MEMORY, str(db), fmt, unit, str(out) + ".old"])
                old = f"{old_secs:.1f} | {old_rss:,.0f} MB"
                (folder / f"out.{unit}.{fmt}.old").unlink()
            print(f"| {unit} | {fmt} | {secs:.1f} | {rss:,.0f} MB | {old} | {size:,.0f} MB |", flush=True)
            out.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
