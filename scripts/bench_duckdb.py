"""Benchmark the dashboard's DuckDB path on a synthetic Parquet dataset of 10M reports (issue 14 §2).

The dataset is laid out as the Dask ingest writes one (`DATASET/events/month=YYYY-MM/*.parquet`, the columns of
`python -m events export --format parquet --unit reports`, and `DATASET/articles/month=YYYY-MM/*.parquet`), made
with numpy and pyarrow a month at a time (no articles are read or ingested). Then, in a fresh child process (cold
caches; its peak RSS is the page's): the cold start (opening the dataset, the sidebar's options and the headline),
each tab's aggregate and figure (timeline and counts, compare, map, network), a filter change (the top actor; then a
type; then a date range and a country), the first and a later page of the table, and peak RSS
(`resource.getrusage`, the whole process). The index the page writes beside a dataset the first time it opens it is
built first, in a process of its own (its time and peak RSS are reported apart). With `--page`, the same dataset is
also opened by the page itself (`EVENTS_DATASET=DIR`, Streamlit's AppTest), tab by tab.

Usage: .venv/bin/python scripts/bench_duckdb.py [--events 10000000] [--keep DIR [--reuse]] [--page]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

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

ACTOR = pa.struct([(k, pa.string()) for k in ("name", "kind", "country", "role")])


def _strings(values: list[str], codes: np.ndarray) -> pa.Array:
    """The strings at `codes` (a take from the distinct values: no Python string per row)."""
    return pa.array(values, pa.string()).take(pa.array(codes))


def _month_table(rng: np.random.Generator, first: int, n: int, day_lo: int, day_hi: int,
                 pools: dict[str, Any]) -> tuple[pa.Table, pa.Table]:
    """`n` synthetic reports numbered from `first` dated in days [day_lo, day_hi) of the span, and their articles."""
    countries, places, weights = pools["countries"], pools["places"], pools["weights"]
    iso = [c[0] for c in countries]
    cname = [c[1] for c in countries]
    types = rng.choice(len(TYPES), n, p=TYPE_P)
    statuses = rng.choice(len(STATUSES), n, p=STATUS_P)
    days = np.sort(rng.integers(day_lo, day_hi, n))
    undated = rng.random(n) < 0.1
    ca = rng.choice(len(countries), n, p=weights)
    cb = rng.choice(len(countries), n, p=weights)
    cb = np.where(cb == ca, (cb + 1) % len(countries), cb)
    person = np.where(rng.random(n) < 0.35, rng.integers(0, 4, n), -1)
    place = rng.integers(0, len(places), n)
    conf = rng.uniform(0.35, 0.99, n).round(2)
    attack = types == 2

    # actors: [a, b] (talks, summits) or [a, the place hit] (air attacks), and an official of a in a third of them
    n_actors = 2 + (person >= 0)
    offsets = np.concatenate([[0], np.cumsum(n_actors)]).astype(np.int32)
    total = int(offsets[-1])
    # names: the countries', then the places', then the officials' (4 per country)
    names = cname + [p[0] for p in places] + [f"{c} official {k}" for c in cname for k in range(4)]
    name_code = np.empty(total, dtype=np.int64)
    kind_code = np.empty(total, dtype=np.int64)  # 0 country, 1 city, 2 person
    country_code = np.empty(total, dtype=np.int64)
    role_code = np.empty(total, dtype=np.int64)  # 0 participant, 1 initiator, 2 target
    start = offsets[:-1].astype(np.int64)
    name_code[start] = ca
    kind_code[start] = 0
    country_code[start] = ca
    role_code[start] = np.where(attack, 1, 0)
    second = start + 1
    place_country = np.array([iso.index(p[1]) if p[1] in iso else 0 for p in places])[place]
    name_code[second] = np.where(attack, len(countries) + place, cb)
    kind_code[second] = np.where(attack, 1, 0)
    country_code[second] = np.where(attack, place_country, cb)
    role_code[second] = np.where(attack, 2, 0)
    has = person >= 0
    third = start[has] + 2
    name_code[third] = len(countries) + len(places) + ca[has] * 4 + person[has]
    kind_code[third] = 2
    country_code[third] = ca[has]
    role_code[third] = role_code[start[has]]
    actor_values = pa.StructArray.from_arrays(
        [_strings(names, name_code), _strings(["country", "city", "person"], kind_code),
         _strings(iso, country_code), _strings(["participant", "initiator", "target"], role_code)],
        fields=list(ACTOR))
    actors = pa.ListArray.from_arrays(pa.array(offsets), actor_values, type=pa.list_(ACTOR))
    # countries: the actors' distinct ISO-3 codes, sorted
    other = np.where(attack, place_country, cb)
    lo = np.where(np.array(iso)[ca] <= np.array(iso)[other], ca, other)
    hi = np.where(lo == ca, other, ca)
    two = lo != hi
    c_off = np.concatenate([[0], np.cumsum(1 + two)]).astype(np.int32)
    c_val = np.empty(int(c_off[-1]), dtype=np.int64)
    c_val[c_off[:-1]] = lo
    c_val[c_off[:-1][two] + 1] = hi[two]
    country_lists = pa.ListArray.from_arrays(pa.array(c_off), _strings(iso, c_val))

    ids = np.arange(first, first + n)
    report_id = pc.binary_join_element_wise("r", pc.cast(pa.array(ids), pa.string()), "")
    event_id = pc.binary_join_element_wise("e", pc.cast(pa.array(ids // 3), pa.string()), "")  # ~3 reports each
    article = ids // EVENTS_PER_ARTICLE
    article_id = pc.binary_join_element_wise("a", pc.cast(pa.array(article), pa.string()), "")
    base = np.datetime64(START.isoformat(), "s")
    when = base + days.astype("timedelta64[D]")
    date_col = pa.array(np.where(undated, np.datetime64("NaT"), when).astype("datetime64[s]"), pa.timestamp("s"))
    published = pa.array((when + np.timedelta64(1, "D")).astype("datetime64[s]"), pa.timestamp("s"))
    loc_name = np.where(attack, len(countries) + place, cb)
    loc_iso = np.where(attack, place_country, cb)
    lat = np.where(attack, np.array([p[2] for p in places])[place], np.array([c[2] for c in countries])[cb])
    lon = np.where(attack, np.array([p[3] for p in places])[place], np.array([c[3] for c in countries])[cb])
    type_names = _strings(list(TYPES), types)
    sentence = pc.binary_join_element_wise(
        _strings(cname, ca), pc.if_else(pa.array(attack), " attacked ", " held talks with "),
        _strings(names, loc_name), " on ", _strings(list(TOPICS), ids % len(TOPICS)), " (report ",
        pc.cast(pa.array(ids), pa.string()), ").", "")
    language = np.where(article % 3 == 0, 1, 0)
    table = pa.table({
        "report_id": report_id, "event_id": event_id, "event_type": type_names,
        "status": _strings(list(STATUSES), statuses), "date": date_col,
        "date_precision": pc.if_else(pa.array(undated), pa.scalar(None, pa.string()), "day"),
        "date_text": pc.if_else(pa.array(undated), pa.scalar(None, pa.string()),
                                pc.strftime(date_col, format="%d %B %Y")),
        "actors": actors, "countries": country_lists,
        "attributed_to": pa.ListArray.from_arrays(pa.array(np.zeros(n + 1, dtype=np.int32)), pa.array([], pa.string())),
        "location_name": _strings(names, loc_name), "location_country": _strings(iso, loc_iso),
        "lat": lat, "lon": lon, "sentence": sentence,
        "start": pa.array(np.zeros(n, dtype=np.int64)), "end": pc.utf8_length(sentence).cast(pa.int64()),
        "confidence": conf, "article_id": article_id,
        "path": pc.binary_join_element_wise("synthetic/", pc.cast(pa.array(article), pa.string()), ".txt", ""),
        "title": pc.binary_join_element_wise("Synthetic report ", pc.cast(pa.array(article), pa.string()), ""),
        "published": published, "language": _strings(["en", "ro"], language),
        "source": pc.binary_join_element_wise("Agency ", pc.cast(pa.array(article % 12), pa.string()), ""),
        "url": pa.nulls(n, pa.string()),
    })  # fmt: skip
    first_of_article = np.flatnonzero(np.diff(np.concatenate([[-1], article])) != 0)
    articles = table.select(["article_id", "path", "title", "published", "language", "source", "url"]).take(
        pa.array(first_of_article))
    return table, articles


def build_dataset(folder: Path, n_events: int, seed: int = 0) -> dict[str, Any]:
    """Write `n_events` synthetic reports as a dataset (events and articles, one folder per month)."""
    rng = np.random.default_rng(seed)
    pool = countries()
    pools = {"countries": pool, "places": places(), "weights": country_weights(rng, pool)}
    months: list[tuple[int, int, str]] = []  # (first day, day after the last, "YYYY-MM") within the span
    day = 0
    while day < DAYS:
        d = START + timedelta(days=day)
        nxt = (d.replace(day=28) + timedelta(days=4)).replace(day=1)
        end = min(DAYS, (nxt - START).days)
        months.append((day, end, d.strftime("%Y-%m")))
        day = end
    first = 0
    for i, (lo, hi, month) in enumerate(months):
        n = (n_events * hi) // DAYS - first  # each month's share of the reports, by its days
        table, articles = _month_table(rng, first, n, lo, hi, pools)
        for part, data in (("events", table), ("articles", articles)):
            where = folder / part / f"month={month}"
            where.mkdir(parents=True, exist_ok=True)
            pq.write_table(data, where / f"part-{i:03d}.parquet", row_group_size=128 * 1024)
        first += n
    return {"events": first, "months": len(months)}


def _timed(out: dict[str, Any], key: str, make: Callable[[], Any]) -> Any:
    """make(), its seconds stored under `key`."""
    t0 = time.perf_counter()
    value = make()
    out[key] = round(time.perf_counter() - t0, 3)
    return value


def index_child(folder: Path) -> dict[str, Any]:
    """Build and save the dataset's index in this (fresh) process, as the page's first open does; time and peak RSS."""
    from events.dashboard import duck, duck_index

    source = duck.Source.dataset(folder)
    t0 = time.perf_counter()
    if duck_index.load(source.index_dir, source.key) is not None:  # type: ignore[arg-type]
        return {"index_s": 0.0, "index_rss_mb": round(rss_mb())}
    duck_index.open_index(source.files, source.index_dir, source.key)
    return {"index_s": round(time.perf_counter() - t0, 1), "index_rss_mb": round(rss_mb())}


def child(folder: Path) -> dict[str, Any]:
    """Measure the views over the dataset in this (fresh) process, as the page computes them."""
    from events.dashboard import duck, duck_charts
    from events.dashboard import filters as flt

    out: dict[str, Any] = {"rss_base_mb": round(rss_mb())}
    t0 = time.perf_counter()
    source = _timed(out, "open_s", lambda: duck.open_source(duck.Source.dataset(folder)))
    opts = _timed(out, "options_s", source.sidebar_options)
    out["cold_s"] = round(time.perf_counter() - t0, 3)
    out["rows"] = source.n_rows
    nothing = flt.Filters()
    top = opts["actors"][0][0]
    steps = {
        "all": nothing,
        "actor": flt.Filters(actors=(top,)),
        "actor_type": flt.Filters(actors=(top,), event_types=("air_attack",)),
        "dates_country": flt.Filters(countries=("UKR",), date_from=date(2024, 1, 1), date_to=date(2024, 6, 30)),
    }
    for name, f in steps.items():
        _timed(out, f"filter_{name}_s", lambda f=f: source.selection(f, hits=None))
    for name, f in (("all", nothing), ("actor", steps["actor"])):
        sel = source.selection(f, hits=None)
        for chart in ("timeline", "counts", "compare", "map", "network"):
            _timed(out, f"{chart}_{name}_s", lambda chart=chart, sel=sel: duck_charts.draw(sel, chart,
                                                                                          max_points=1_500))
    sel = source.selection(nothing, hits=None)
    _timed(out, "table_first_s", lambda: sel.table_page(0, 100))
    _timed(out, "table_later_s", lambda: sel.table_page(5_000_000 // 100, 100))
    out["rss_peak_mb"] = round(rss_mb())
    return out


def page_child(folder: Path) -> dict[str, Any]:
    """The page itself over the dataset (AppTest: the server's script time), tab by tab, and its peak RSS."""
    os.environ["EVENTS_DATASET"] = str(folder)
    from streamlit.testing.v1 import AppTest

    out: dict[str, Any] = {}

    def run(at: AppTest, key: str) -> None:
        t0 = time.perf_counter()
        at.run(timeout=600)
        out[key] = round(time.perf_counter() - t0, 3)
        if at.exception:
            raise RuntimeError(f"page raised: {at.exception[0].message}")

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
    run(at, "page_cold_s")
    run(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600), "page_warm_s")
    top = at.multiselect(key="f_actors").options[0].rsplit(" (", 1)[0]
    at.multiselect(key="f_actors").set_value([top])
    run(at, "page_filter_actor_s")
    at.button_group(key="f_types").set_value(["air_attack"])
    run(at, "page_filter_type_s")
    at.multiselect(key="f_actors").set_value([])
    at.button_group(key="f_types").set_value([])
    run(at, "page_filter_clear_s")
    for tab in ("Compare", "Map", "Network", "Table"):
        at.session_state["view"] = tab
        run(at, f"page_tab_{tab.lower()}_s")
    out["page_rss_peak_mb"] = round(rss_mb())
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--keep", type=Path, help="folder for the dataset (default: a temporary one, deleted)")
    ap.add_argument("--reuse", action="store_true", help="use the dataset already in --keep as it is")
    ap.add_argument("--page", action="store_true", help="also time the page itself (AppTest) over the dataset")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--page-child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--index-child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if answer_child(args, {"child": child, "page_child": page_child, "index_child": index_child}):
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-duckdb-") as tmp:
        folder = (args.keep or Path(tmp)) / f"dataset-{args.events}"
        row: dict[str, Any] = {}
        if not (args.reuse and (folder / "events").is_dir()):
            t0 = time.perf_counter()
            row.update(build_dataset(folder, args.events))
            row["build_s"] = round(time.perf_counter() - t0, 1)
            print(f"dataset built: {row}", file=sys.stderr)
        for flag in ["--index-child", "--child", *(["--page-child"] if args.page else [])]:
            res = run_child(__file__, flag, folder)
            if res is None:
                return 1
            row.update(res)
    width = max(len(k) for k in row)
    for key, value in row.items():
        print(f"{key.ljust(width)}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
