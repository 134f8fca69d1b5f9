"""Benchmark: one article with thousands of distinct events (a year-long chronicle of daily strikes).

The frames compare each report with the events it could be, not with all of them: the time should grow with the
number of event sentences, not with its square. Usage: .venv/bin/python scripts/bench_long_article.py
[--sizes 1000 2000 5000 10000]. It measures the compiled extractor when scripts/build_native.py has built it;
EVENTS_PURE_PYTHON=1 measures the Python sources.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from events.extract import extract
from events.readers import read_text

CITIES = ("Kharkiv", "Odesa", "Dnipro", "Lviv", "Kyiv", "Zaporizhzhia", "Sumy", "Poltava", "Kherson", "Mykolaiv")


def chronicle(n: int, seed: int = 1) -> str:
    """n sentences, each a strike on its own day."""
    rng = random.Random(seed)
    start = date(2000, 1, 1)
    days = (start + timedelta(days=i) for i in range(n))
    return " ".join(f"On {d:%B} {d.day}, {d.year}, Russian drones struck {rng.choice(CITIES)}." for d in days)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000, 10000])
    args = ap.parse_args()
    extract(read_text(chronicle(50), published=date(2031, 1, 1), language="en"))  # load the vocabularies first
    for n in args.sizes:
        article = read_text(chronicle(n), published=date(2031, 1, 1), language="en")
        t0 = time.perf_counter()
        events = extract(article)
        seconds = time.perf_counter() - t0
        print(f"{n:>6} event sentences: {len(events):>6} events in {seconds:6.2f} s ({n / seconds:,.0f} sentences/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
