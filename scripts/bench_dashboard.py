"""Benchmark the dashboard on synthetic stores of 10k, 100k and 1M events.

For each size, first the columnar snapshot that `ingest` writes beside the store is made, in a child process of its
own (its time and peak memory are the ingest's extra cost); then, in a fresh child process (so caches are cold and
peak memory is that size's own): cold start to the first full render of the page (Streamlit AppTest, default Timeline tab: store
read, filter helpers, headline, timeline and counts charts), a second session on the warm cache,
filter changes -> rerun (AppTest's run time = the server's script time: no browser involved),
the first visit of the Map, Network and Table tabs, and peak memory (RSS, whole process).

Synthetic data: one article per 8 events, 250 countries with a skewed (news-like) frequency,
talks/summits between two countries, air attacks on 250 gazetteer places, 10 % undated, officials
as a third actor in a third of the events, unique sentences; written in one SQLite transaction.

Usage: .venv/bin/python scripts/bench_dashboard.py [--sizes 10000 100000 1000000] [--keep DIR [--reuse]] [--no-snapshot]
(--no-snapshot: no snapshot before the page starts, so its cold start reads the store and writes the snapshot itself;
--reuse: a store already in the --keep folder, and its snapshot, are used as they are, not built again)
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))  # benchlib, also when this file is loaded by path

from benchlib import (  # noqa: E402
    DAYS,
    EVENTS_PER_ARTICLE,
    START,
    STATUS_P,
    STATUSES,
    TOPICS,
    TYPE_P,
    TYPES,
    answer_child,
    countries,
    country_weights,
    places,
    rss_mb,
    run_child,
)

from events.store import Store  # noqa: E402

TEMPLATES = {
    "talks": "{a} and {b} held talks on {topic} in {place} (report {i}).",
    "summit": "Leaders of {a} and {b} met at a summit in {place} on {topic} (report {i}).",
    "air_attack": "{a} launched a drone and missile attack on {place} overnight (report {i}).",
}


def build_store(path: Path, n_events: int, seed: int = 0, *, search_index: bool = True) -> dict[str, Any]:
    """Write a store of n_events synthetic events (one article per 8) in one transaction.

    The full-text index is built once at the end (~1 s per 20,000 articles), not by its triggers row by row (FTS5
    writes out its pending terms at each row a trigger indexes: ~8x slower in bulk). search_index=False leaves it
    out; opening the store for writing later builds it.
    """
    rng = np.random.default_rng(seed)
    pool = countries()
    weights = country_weights(rng, pool)
    spots = places()

    types = rng.choice(len(TYPES), n_events, p=TYPE_P)
    statuses = rng.choice(len(STATUSES), n_events, p=STATUS_P)
    days = rng.integers(0, DAYS, n_events)
    undated = rng.random(n_events) < 0.1
    ca = rng.choice(len(pool), n_events, p=weights)
    cb = rng.choice(len(pool), n_events, p=weights)
    cb = np.where(cb == ca, (cb + 1) % len(pool), cb)
    with_person = rng.random(n_events) < 0.35
    person = rng.integers(0, 4, n_events)
    place = rng.integers(0, len(spots), n_events)
    conf = rng.uniform(0.35, 0.99, n_events).round(2)

    if path.exists():
        path.unlink()
    Store(path).close()  # schema, meta, application id
    drop_search_index(path)
    n_articles = (n_events + EVENTS_PER_ARTICLE - 1) // EVENTS_PER_ARTICLE
    now = datetime.now(UTC).isoformat(timespec="seconds")
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA synchronous = OFF")
    con.execute("BEGIN")
    events: list[tuple[Any, ...]] = []
    for art in range(n_articles):
        lo, hi = art * EVENTS_PER_ARTICLE, min(n_events, (art + 1) * EVENTS_PER_ARTICLE)
        aid = f"{art:016x}"
        published = START + timedelta(days=int(days[lo]) + 1)
        lines: list[str] = []
        offset = 0
        for i in range(lo, hi):
            etype = TYPES[types[i]]
            a, b = pool[ca[i]], pool[cb[i]]
            pl = spots[place[i]]
            if etype == "air_attack":
                actors = [
                    {"name": a[1], "kind": "country", "country": a[0], "role": "initiator"},
                    {"name": pl[0], "kind": "city", "country": pl[1], "role": "target"},
                ]
                loc = pl
            else:
                actors = [
                    {"name": a[1], "kind": "country", "country": a[0], "role": "participant"},
                    {"name": b[1], "kind": "country", "country": b[0], "role": "participant"},
                ]
                loc = (b[1], b[0], b[2], b[3])
            if with_person[i]:  # an official speaking for the first party (names like "Russia official 2")
                name = f"{a[1]} official {person[i] % 4}"
                actors.append({"name": name, "kind": "person", "country": a[0], "role": actors[0]["role"]})
            sentence = TEMPLATES[etype].format(a=a[1], b=b[1], place=loc[0], topic=TOPICS[i % len(TOPICS)], i=i)
            day = START + timedelta(days=int(days[i]))
            isos = sorted({x["country"] for x in actors if x["country"]})
            events.append((
                f"ev{i:08d}", aid, etype, STATUSES[statuses[i]],
                None if undated[i] else day.isoformat(), None if undated[i] else "day",
                None if undated[i] else day.strftime("%d %B %Y"),
                json.dumps(actors, separators=(",", ":")), json.dumps(isos, separators=(",", ":")), "[]",
                loc[0], loc[1], loc[2], loc[3], sentence, offset, offset + len(sentence), float(conf[i]),
                etype,
            ))  # fmt: skip
            lines.append(sentence)
            offset += len(sentence) + 1
        text = "\n".join(lines)
        con.execute(
            "INSERT INTO articles (article_id, path, title, published, language, source, url, text,"
            " content_sha1, chars, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (aid, f"synthetic/{art}.txt", f"Synthetic report {art}", published.isoformat(),
             "en" if art % 3 else "ro", f"Agency {art % 12}", None, text, aid, len(text), now),
        )  # fmt: skip
        con.execute("INSERT INTO article_paths (path, article_id) VALUES (?, ?)", (f"synthetic/{art}.txt", aid))
        if len(events) >= 50_000:
            con.executemany(_INSERT, events)
            events.clear()
    con.executemany(_INSERT, events)
    con.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'changes'")
    con.execute("COMMIT")
    con.close()
    if search_index:
        Store(path).close()  # opening it for writing builds the index
    return {"events": n_events, "articles": n_articles}


def drop_search_index(path: Path) -> None:
    """Remove the full-text index, its view and its triggers: the store as written before it existed."""
    con = sqlite3.connect(path)
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_search_%'"):
        con.execute(f'DROP TRIGGER "{name}"')
    con.execute("DROP TABLE IF EXISTS search")
    con.execute("DROP VIEW IF EXISTS search_text")
    con.execute("DROP TABLE IF EXISTS search_docs")
    con.commit()
    con.close()


_INSERT = (
    'INSERT INTO events (event_id, article_id, event_type, status, "date", date_precision, date_text, actors,'
    ' countries, attributed_to, location_name, location_country, lat, lon, sentence, "start", "end", confidence,'
    ' "trigger") VALUES (' + ", ".join("?" * 19) + ")"
)


def snapshot_child(db: Path) -> dict[str, Any]:
    """Write the store's snapshot in this (fresh) process, as `ingest` does after storing; its time and peak RSS."""
    from events.dashboard import data

    t0 = time.perf_counter()
    with Store(db) as store:
        data.write_snapshot(store)
    return {"snapshot_s": time.perf_counter() - t0, "snapshot_rss_mb": rss_mb()}


def child(db: Path) -> dict[str, Any]:
    """Measure one store in this (fresh) process; returns the figures."""
    os.environ["EVENTS_DB"] = str(db)
    from streamlit.testing.v1 import AppTest

    timeout = 600
    out: dict[str, Any] = {"rss_base_mb": rss_mb()}

    steps: list[tuple[float, float]] = []  # (seconds, peak RSS MB so far) per run: where the memory goes

    def run(at: AppTest) -> float:
        t0 = time.perf_counter()
        at.run(timeout=timeout)
        dt = time.perf_counter() - t0
        if at.exception:
            raise RuntimeError(f"page raised: {at.exception[0].message}")
        steps.append((round(dt, 3), round(rss_mb())))
        return dt

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout)
    out["cold_s"] = run(at)
    out["warm_s"] = run(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout))
    top = at.multiselect(key="f_actors").options[0]
    at.multiselect(key="f_actors").set_value([_option_value(top)])
    out["filter_actor_s"] = run(at)
    at.button_group(key="f_types").set_value(["air_attack"])
    out["filter_type_s"] = run(at)
    at.multiselect(key="f_actors").set_value([])
    at.button_group(key="f_types").set_value([])
    out["filter_clear_s"] = run(at)
    for tab in ("Map", "Network", "Table"):
        at.session_state["view"] = tab
        out[f"tab_{tab.lower()}_s"] = run(at)
    at.session_state["view"] = "Timeline"
    run(at)
    at.button_group(key="f_types").set_value(["talks"])
    out["filter_again_s"] = run(at)
    # steady state: five more actor choices in a row (the first change above also pays one-off costs)
    at.button_group(key="f_types").set_value([])
    times = []
    for label in at.multiselect(key="f_actors").options[1:6]:
        at.multiselect(key="f_actors").set_value([_option_value(label)])
        times.append(run(at))
    out["filter_actor_median_s"] = statistics.median(times) if times else float("nan")
    out["rss_peak_mb"] = rss_mb()
    out["steps"] = steps
    return out


def _option_value(label: str) -> str:
    """Actor name from a multiselect option label 'Russia (1,234)'."""
    return label.rsplit(" (", 1)[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--keep", type=Path, help="folder for the stores (default: a temporary one, deleted)")
    ap.add_argument("--no-snapshot", action="store_true", help="start the page without a snapshot of the store")
    ap.add_argument("--reuse", action="store_true", help="use the stores (and snapshots) already in --keep as they are")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--snapshot-child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if answer_child(args, {"child": child, "snapshot_child": snapshot_child}):
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-dashboard-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        rows = []
        for n in args.sizes:
            db = folder / f"events-{n}.db"
            reused = bool(args.keep and args.reuse and db.exists())
            t0 = time.perf_counter()
            info = {"articles": (n + EVENTS_PER_ARTICLE - 1) // EVENTS_PER_ARTICLE} if reused else build_store(db, n)
            build_s = float("nan") if reused else time.perf_counter() - t0
            row = {"events": n, "articles": info["articles"], "build_s": build_s,
                   "snapshot_s": float("nan"), "snapshot_rss_mb": float("nan")}  # fmt: skip
            steps = [] if args.no_snapshot or reused else ["--snapshot-child"]
            for flag in [*steps, "--child"]:
                res = run_child(__file__, flag, db)
                if res is None:
                    return 1
                row.update(res)
            rows.append(row)
            print(f"{n:>9,} events done", file=sys.stderr)
    print_table(rows)
    return 0


def print_table(rows: list[dict[str, Any]]) -> None:
    """One line per store size."""
    cols = [
        ("events", "events", "{:,}"),
        ("build_s", "build store s", "{:.1f}"),
        ("snapshot_s", "write snapshot s", "{:.1f}"),
        ("snapshot_rss_mb", "snapshot peak RSS MB", "{:,.0f}"),
        ("cold_s", "cold start s", "{:.2f}"),
        ("warm_s", "new session s", "{:.2f}"),
        ("filter_actor_s", "filter actor s", "{:.3f}"),
        ("filter_actor_median_s", "filter actor (median of 5) s", "{:.3f}"),
        ("filter_type_s", "filter +type s", "{:.3f}"),
        ("filter_clear_s", "clear filters s", "{:.3f}"),
        ("filter_again_s", "filter type s", "{:.3f}"),
        ("tab_map_s", "Map tab s", "{:.2f}"),
        ("tab_network_s", "Network tab s", "{:.2f}"),
        ("tab_table_s", "Table tab s", "{:.2f}"),
        ("rss_peak_mb", "peak RSS MB", "{:,.0f}"),
    ]
    cells = [[fmt.format(r[key]) for key, _, fmt in cols] for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, (_, h, _) in enumerate(cols)]
    print(" | ".join(h.rjust(w) for (_, h, _), w in zip(cols, widths, strict=True)))
    print("-|-".join("-" * w for w in widths))
    for c in cells:
        print(" | ".join(v.rjust(w) for v, w in zip(c, widths, strict=True)))


if __name__ == "__main__":
    sys.exit(main())
