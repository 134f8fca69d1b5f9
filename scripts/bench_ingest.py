"""Benchmark `python -m events ingest` end to end: n articles of ~3 KB (the corpus of bench_extract.py, as JSONL)
into a new store, with each --jobs given, in one run (a shared machine's speed drifts: compare within a run).

Prints for each run: articles/s, seconds, what the process wrote to disk (Linux: /proc/self/io) and the store's
size. Usage: .venv/bin/python scripts/bench_ingest.py [--n 4000] [--jobs 1 0]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from bench_extract import corpus  # noqa: E402
from benchlib import Run, run_measured  # noqa: E402

# the CLI in a child process that reports, as it exits, the bytes it wrote
_CHILD = """
import atexit, runpy, sys
def written():
    fields = dict(line.split(": ") for line in open("/proc/self/io").read().splitlines())
    print("written_bytes", fields["write_bytes"], file=sys.stderr)
atexit.register(written)
sys.argv = ["events", *sys.argv[1:]]
runpy.run_module("events", run_name="__main__")
"""


def write_corpus(n: int, path: Path) -> None:
    """The benchmark corpus as JSONL: text, language, publication date and an outlet per article."""
    with path.open("w", encoding="utf-8") as out:
        for i, (text, lang, published) in enumerate(corpus(n)):
            record = {"id": f"doc{i}", "text": text, "language": lang, "published": published.isoformat(),
                      "source": f"outlet {i % 30}"}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def measure_ingest(source: Path, db: Path, jobs: int) -> tuple[Run, int]:
    """One ingest run into a new store: its times, memory and output, and the bytes it wrote."""
    run = run_measured([sys.executable, "-c", _CHILD, "ingest", str(source), "--db", str(db), "--quiet",
                        "--jobs", str(jobs)])
    written = next(int(line.split()[1]) for line in run.stderr.splitlines() if line.startswith("written_bytes"))
    return run, written


def ingest(source: Path, db: Path, jobs: int) -> tuple[float, int, str]:
    """Seconds, bytes written and the summary line of one ingest run into a new store."""
    run, written = measure_ingest(source, db, jobs)
    return run.wall_s, written, run.stdout.strip().splitlines()[-1]


def main() -> int:
    """Run the benchmark."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=4000, help="number of articles")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 0], help="--jobs of each run (0: one per core)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "corpus.jsonl"
        write_corpus(args.n, source)
        for jobs in args.jobs:
            db = Path(tmp) / f"jobs{jobs}.db"
            took, written, summary = ingest(source, db, jobs)
            print(f"ingest --jobs {jobs}: {args.n:,} articles in {took:.1f} s -> {args.n / took:,.0f} articles/s; "
                  f"wrote {written / 2**20:,.0f} MB for a store of {db.stat().st_size / 2**20:,.0f} MB ({summary})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
