"""Benchmark the Dask engine against the process pool, in one run (a shared machine's speed drifts: compare within a
run): `python -m events ingest` of n articles of ~3 KB (bench_extract's corpus, as one JSONL file) with
`--jobs N` into a new store, and with `--engine dask --jobs N` (a LocalCluster of N worker processes) into a new
dataset, each N given; the runs alternate engines.

Prints for each run: articles/s end to end (the CLI's start, the cluster's start, reading, extraction, grouping,
writing), seconds, the CPU seconds of the command and its workers (the machine is shared: wall time drifts), and
the summary line; with --rounds R, every configuration R times, then each one's median and
range. Usage: .venv/bin/python scripts/bench_dask.py [--n 3000] [--jobs 1 2] [--rounds 1]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from bench_ingest import write_corpus  # noqa: E402
from benchlib import run_measured  # noqa: E402


def run(args: list[str]) -> tuple[float, float, str]:
    """Seconds, CPU seconds (its processes and their workers) and the summary line of one `python -m events` run."""
    done = run_measured([sys.executable, "-m", "events", *args, "--quiet"])
    return done.wall_s, done.cpu_s, done.stdout.strip().splitlines()[-1]


def main() -> int:
    """Run the benchmark."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=3000, help="number of articles")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="processes / Dask workers of each pair of runs")
    ap.add_argument("--rounds", type=int, default=1, help="runs of each configuration, alternating")
    args = ap.parse_args()
    rates: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "corpus.jsonl"
        write_corpus(args.n, source)
        for r in range(args.rounds):
            for jobs in args.jobs:
                runs = {
                    f"process pool, --jobs {jobs}": ["ingest", str(source), "--db", f"{tmp}/jobs{jobs}-{r}.db",
                                                      "--jobs", str(jobs)],
                    f"dask LocalCluster, {jobs} worker{'s' if jobs > 1 else ''}": [
                        "ingest", "--engine", "dask", str(source), "--out", f"{tmp}/dask{jobs}-{r}", "--jobs",
                        str(jobs)],
                }
                for name, argv in runs.items():
                    took, cpu, summary = run(argv)
                    rates.setdefault(name, []).append(args.n / took)
                    print(f"{name}: {args.n:,} articles in {took:.1f} s -> {args.n / took:,.0f} articles/s; "
                          f"{cpu:.1f} CPU s ({summary})", flush=True)
    if args.rounds > 1:
        for name, values in rates.items():
            print(f"{name}: median {statistics.median(values):,.0f} articles/s "
                  f"({min(values):,.0f}-{max(values):,.0f} over {len(values)} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
