"""Benchmark grouping reports into events: from scratch at 10k and 100k reports, and one article added to a store.

Synthetic reports of synthetic occurrences over one year: talks and summits between two or three of 60 countries
(skewed, news-like: a few pairs get most of the coverage), air attacks on 80 places; each occurrence reported by
1-12 articles (geometric, mean ~2.6) from 40 outlets, dated to the day (70 %), week, month or not at all, with
planned reports a few days before, and 8 reports per article.

Usage: .venv/bin/python scripts/bench_grouping.py [--sizes 10000 100000] [--store-size 100000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from events.grouping import group, report_of  # noqa: E402

START = date(2025, 1, 1)


def synthetic_rows(n_reports: int, seed: int = 1) -> list[dict[str, Any]]:
    """About n_reports events-table rows describing occurrences reported several times each."""
    rng = random.Random(seed)
    countries = [f"C{i:02d}" for i in range(60)]
    weights = [1 / (i + 1) for i in range(60)]
    places = [(f"place {i}", 40 + rng.random() * 20, 20 + rng.random() * 20) for i in range(80)]
    rows: list[dict[str, Any]] = []
    article = 0
    while len(rows) < n_reports:
        day = START + timedelta(days=rng.randrange(365))
        kind = rng.choices(["talks", "summit", "air_attack"], [6, 2, 3])[0]
        if kind == "air_attack":
            parties = rng.choices(countries[:10], weights[:10], k=2)
            place = rng.choice(places)
        else:
            parties = rng.choices(countries, weights, k=rng.choice([2, 2, 2, 3]))
            place = rng.choice(places) if rng.random() < 0.6 else None
        parties = sorted(set(parties)) if len(set(parties)) > 1 else sorted({parties[0], "C59"})
        n = min(12, 1 + int(rng.expovariate(1 / 1.6)))
        for _ in range(n):
            article += 1
            precision = rng.choices(["day", "week", "month", None], [70, 8, 10, 12])[0]
            status = "planned" if rng.random() < 0.15 else "occurred"
            published = day + timedelta(days=rng.randrange(0, 20) if status == "occurred" else -rng.randrange(1, 9))
            actors = ([{"name": parties[0], "kind": "country", "country": parties[0], "role": "initiator"},
                       {"name": parties[1], "kind": "country", "country": parties[1], "role": "target"}]
                      if kind == "air_attack" else [])
            rows.append({
                "report_id": f"r{len(rows)}", "article_id": f"a{article // 8}-{article}", "source": f"outlet {article % 40}",
                "published": published, "event_type": kind, "status": status,
                "date": day if precision else None, "date_precision": precision, "countries": parties,
                "actors": actors, "location_name": place[0] if place else None,
                "location_country": parties[-1] if place else None, "lat": place[1] if place else None,
                "lon": place[2] if place else None, "confidence": 0.5 + rng.random() / 2,
            })
    return rows[:n_reports]


def bench_scratch(n: int) -> None:
    """Group n reports from scratch."""
    reports = [report_of(r) for r in synthetic_rows(n)]
    t = time.perf_counter()
    groups = group(reports)
    took = time.perf_counter() - t
    print(f"from scratch: {n:,} reports -> {len(groups):,} events in {took:.2f} s")


def _articles(rows: list[dict[str, Any]]) -> list[tuple[Any, list[Any]]]:
    """The synthetic rows as stored articles and events, grouped by their synthetic article."""
    from events.records import Actor, Article, Event

    out = []
    for k in range(0, len(rows), 8):  # 8 consecutive reports make an article (it dates and sources them)
        members, aid = rows[k:k + 8], f"a{k // 8}"
        first = members[0]
        article = Article(aid, f"{aid}.txt", aid, title=aid, published=first["published"], language="en",
                          source=first["source"])
        events = [
            Event(r["report_id"], r["event_type"], r["status"],
                  tuple(Actor(a["name"], a["kind"], a["country"], a["role"]) for a in r["actors"])
                  or tuple(Actor(c, "country", c, "participant") for c in r["countries"]),
                  "sentence", 0, 8, aid, r["confidence"], date=r["date"], date_precision=r["date_precision"],
                  location_name=r["location_name"], location_country=r["location_country"], lat=r["lat"],
                  lon=r["lon"])
            for r in members
        ]
        out.append((article, events))
    return out


def bench_store(n: int, added: int = 20) -> None:
    """A store of n reports grouped, then articles added one by one: the grouping work of each (update_groups)."""
    from events.store import Store

    rows = synthetic_rows(n + added * 20, seed=2)
    articles = _articles(rows)
    stored, extra = articles[: n // 8], articles[n // 8:][:added]
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        for article, events in stored:
            store.ingest(article, events)
        t = time.perf_counter()
        store.update_groups()
        print(f"store of {sum(len(e) for _, e in stored):,} reports grouped in {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        store.regroup()
        print(f"regrouped from scratch in {time.perf_counter() - t:.1f} s")
        times = []
        for article, events in extra:
            store.ingest(article, events)
            t = time.perf_counter()
            store.update_groups()
            times.append(time.perf_counter() - t)
        print(f"adding one article ({statistics.mean(len(e) for _, e in extra):.1f} reports): grouping work "
              f"median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms")


def main() -> None:
    """Run the benchmarks."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--store-size", type=int, default=0)
    args = parser.parse_args()
    for n in args.sizes:
        bench_scratch(n)
    if args.store_size:
        bench_store(args.store_size)


if __name__ == "__main__":
    main()
