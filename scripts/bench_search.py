"""Benchmark the store's full-text search: on the bundled articles and on a synthetic store of ~20k articles.

For each store: the time of `Store.search` per query (first run after opening, then the median of 5), the
events it leaves after `filters.apply` on the prepared events table, and for the synthetic store what the index
costs: writing the store with and without it, building it for a store written without it (what opening an older
store for writing does once), and the file's size with and without it.

The synthetic store is scripts/bench_dashboard.py's (one article per 8 events, English template sentences).

Usage: .venv/bin/python scripts/bench_search.py [--events 160000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from events import ingest  # noqa: E402
from events.dashboard import data  # noqa: E402
from events.dashboard import filters as flt  # noqa: E402
from events.records import Actor, Article, Event  # noqa: E402
from events.store import Store  # noqa: E402

BUNDLED_QUERIES = ("Zelenski", "negocieri", "Brasov", "sedinta", "drone OR rachete", '"Casa Albă"', "Kremlin NOT Putin",
                   "AND")
SYNTHETIC_QUERIES = ("Odesa", "grain exports", '"security guarantees"', "drone OR summit", "ceasefire NOT Russia",
                     "report")  # the last one is in every article: the worst case


def _bench_dashboard() -> Any:
    """scripts/bench_dashboard.py as a module (its synthetic store)."""
    spec = importlib.util.spec_from_file_location("bench_dashboard", ROOT / "scripts" / "bench_dashboard.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def time_queries(db: Path, queries: tuple[str, ...]) -> list[dict[str, Any]]:
    """Per query: first and median search time, hits, and events left after the filter."""
    rows = []
    with Store(db, readonly=True) as store:
        df = data.load_events(store)
        for q in queries:
            t0 = time.perf_counter()
            hits = store.search(q)
            first = time.perf_counter() - t0
            times = []
            for _ in range(5):
                t0 = time.perf_counter()
                hits = store.search(q)
                times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            sel = flt.apply(df, flt.Filters(text=q), hits)
            apply_s = time.perf_counter() - t0
            assert hits is not None
            rows.append({"query": q, "first_ms": first * 1000, "median_ms": statistics.median(times) * 1000,
                         "articles": len(hits.articles), "sentences": len(hits.events), "events": len(sel),
                         "apply_ms": apply_s * 1000})
    return rows


def _article(i: int, text: str) -> tuple[Article, list[Event]]:
    """An article of ~3.2 KB with 8 events whose sentences are its first sentences."""
    aid = hashlib.sha1(text.encode()).hexdigest()[:16]
    article = Article(aid, f"a{i}.txt", text, title=f"Title {i}")
    sentences = text.split(". ")[:8]
    events, at = [], 0
    for n, s in enumerate(sentences):
        events.append(Event(f"{aid}-{n}", "talks", "occurred", (Actor("Russia", "country", "RUS", "participant"),),
                            s, at, at + len(s), aid, 0.8))
        at += len(s) + 2
    return article, events


def ingest_cost(n: int = 1_500) -> str:
    """Store.ingest time per article with and without the index (its triggers index each row as it is written)."""
    seed = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")[:3200]
    pairs = [_article(i, f"{seed} {i}") for i in range(n)]
    bench = _bench_dashboard()
    out = []
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        for indexed in (False, True):
            db = Path(tmp) / f"ingest-{indexed}.db"
            store = Store(db)
            if not indexed:  # the index and its triggers dropped behind the open store's back
                bench.drop_search_index(db)
            t0 = time.perf_counter()
            for article, events in pairs:
                store.ingest(article, events)
            out.append((time.perf_counter() - t0) / n * 1000)
            store.close()
    return f"{out[0]:.2f} ms without the index, {out[1]:.2f} ms with it"


def print_rows(title: str, rows: list[dict[str, Any]]) -> None:
    """One line per query."""
    print(f"\n{title}")
    print(f"{'query':<26} {'first ms':>9} {'median ms':>10} {'articles':>9} {'sentences':>10} {'events':>8} "
          f"{'apply ms':>9}")
    for r in rows:
        print(f"{r['query']:<26} {r['first_ms']:>9.1f} {r['median_ms']:>10.1f} {r['articles']:>9,} "
              f"{r['sentences']:>10,} {r['events']:>8,} {r['apply_ms']:>9.1f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=160_000, help="synthetic events (8 per article; default 20k articles)")
    ap.add_argument("--keep", type=Path, help="folder for the stores (default: a temporary one, deleted)")
    args = ap.parse_args()
    bench = _bench_dashboard()
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)

        bundled = folder / "bundled.db"
        bundled.unlink(missing_ok=True)
        with Store(bundled) as store:
            ingest.ingest_bundled(store)
            stats = store.stats()
        print_rows(f"bundled store: {stats['articles']:,} articles, {stats['events']:,} events",
                   time_queries(bundled, BUNDLED_QUERIES))

        synthetic = folder / "synthetic.db"
        t0 = time.perf_counter()
        info = bench.build_store(synthetic, args.events, search_index=False)
        write_s = time.perf_counter() - t0
        plain_mb = synthetic.stat().st_size / 1e6
        t0 = time.perf_counter()
        Store(synthetic).close()  # opening it for writing builds the index once, as for a store made before it
        build_s = time.perf_counter() - t0
        print(f"\nsynthetic store: {info['articles']:,} articles, {info['events']:,} events, written in {write_s:.1f} s, "
              f"{plain_mb:.0f} MB; its index built in {build_s:.1f} s, {synthetic.stat().st_size / 1e6:.0f} MB with it")
        print_rows("queries", time_queries(synthetic, SYNTHETIC_QUERIES))
        print(f"\nstore writes per article (3.2 KB, 8 events, one transaction each): {ingest_cost()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
