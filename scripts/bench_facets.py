"""Benchmark the sidebar's facet counts on scripts/bench_dashboard.py's synthetic stores.

For each size: the facet index (once per store version), then for several filter sets the filters' masks
(`filters.masks`, which the page makes anyway to select the events) and the facet counts on top of them
(`facets.facet_counts` given the masks), best and median of seven runs each.

Usage: .venv/bin/python scripts/bench_facets.py [--sizes 10000 100000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from events.dashboard import data, facets  # noqa: E402
from events.dashboard import filters as flt  # noqa: E402
from events.store import Store  # noqa: E402

RUNS = 7


def _bench_dashboard() -> Any:
    """scripts/bench_dashboard.py as a module (its synthetic store)."""
    spec = importlib.util.spec_from_file_location("bench_dashboard", ROOT / "scripts" / "bench_dashboard.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _timed(fn: Callable[[], Any]) -> list[float]:
    """Seconds of RUNS calls (after one warm-up)."""
    fn()
    out = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def filter_sets(df: Any) -> dict[str, flt.Filters]:
    """Filter sets a user makes: one facet, several, every kind (the top actor is in ~40 % of the events)."""
    top_actor = flt.actor_options(df)[0][0]
    top_place = flt.place_options(df)[0][0]
    return {
        "type": flt.Filters(event_types=("talks",)),
        "top actor": flt.Filters(actors=(top_actor,)),
        "actor + type + min conf": flt.Filters(actors=(top_actor,), event_types=("air_attack",), min_confidence=0.7),
        "every facet": flt.Filters(
            actors=(top_actor, "Ukraine"), countries=("RUS", "UKR"), event_types=("talks", "air_attack"),
            statuses=("occurred",), languages=("en",), sources=("Agency 1", "Agency 2"), places=(top_place,),
            location_countries=("UKR",), min_confidence=0.5, date_from=date(2023, 6, 1), date_to=date(2025, 6, 1),
        ),
    }


def measure(db: Path) -> list[dict[str, Any]]:
    """The figures of one store."""
    with Store(db, readonly=True) as store:
        df = data.load_events(store)
    t0 = time.perf_counter()
    index = facets.build_index(df)
    rows = [{"what": "facet index (once per store version)", "best": time.perf_counter() - t0, "median": None}]
    for name, f in filter_sets(df).items():
        masks = flt.masks(df, f)
        mask_s = _timed(lambda f=f: flt.masks(df, f))
        count_s = _timed(lambda f=f, masks=masks: facets.facet_counts(df, f, index=index, masks=masks))
        both_s = [a + b for a, b in zip(mask_s, count_s, strict=True)]
        rows.append({"what": f"{name}: masks", "best": min(mask_s), "median": statistics.median(mask_s)})
        rows.append({"what": f"{name}: facet counts", "best": min(count_s), "median": statistics.median(count_s)})
        rows.append({"what": f"{name}: both", "best": min(both_s), "median": statistics.median(both_s)})
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--keep", type=Path, help="folder for the stores (default: a temporary one, deleted)")
    args = ap.parse_args()
    bench = _bench_dashboard()
    with tempfile.TemporaryDirectory(prefix="bench-facets-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for n in args.sizes:
            db = folder / f"events-{n}.db"
            if not db.exists():
                bench.build_store(db, n, search_index=False)
            print(f"\n{n:,} events")
            for row in measure(db):
                median = f"{row['median'] * 1000:7.1f}" if row["median"] is not None else "      –"
                print(f"  {row['what']:<44} best {row['best'] * 1000:7.1f} ms  median {median} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
