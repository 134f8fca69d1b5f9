"""The page's charts of a DuckDB selection (`duck.DuckSelection`), with the in-memory charts' numbers: DuckDB's rows
per day, type and status over the Parquet files (the counts chart and the timeline's type lanes), and the index's
codes counted per distinct cell by the in-memory charts' own functions (`charts.cells`: the map, the network, the
comparison, the timeline's actor lanes), drawn by the charts' figure builders.

A selection of at most `SMALL_ROWS` rows is fetched and drawn in memory, as the in-memory page draws it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import pyarrow.parquet as pq

from events.dashboard import charts, countries, duck, duck_index, geo, i18n, periods
from events.dashboard import filters as flt
from events.dashboard.charts import cells, compare, counts, maps, network, style, timeline
from events.dashboard.duck import DuckSelection

SMALL_ROWS = 20_000  # a selection this small is fetched whole and drawn by the in-memory charts
MAX_TARGET_IDS = 50  # report ids kept per air-attack place (the in-memory map keeps them all)
_EPOCH = np.datetime64("1970-01-01", "D")
# coordinates as the in-memory map takes them (a NaN is none, as pandas reads it)
COORDS = "lat IS NOT NULL AND lon IS NOT NULL AND NOT isnan(lat) AND NOT isnan(lon)"


def draw(sel: DuckSelection, chart: str, *, lanes: str = "type", region: str = geo.DEFAULT_REGION,
         granularity: str = "auto", compared: Sequence[str] = (), max_points: int = timeline.MAX_POINTS,
         lang: str = i18n.DEFAULT) -> go.Figure:
    """`charts.draw` of the selection's rows."""
    if len(sel) <= SMALL_ROWS:
        df = sel.frame()
        return charts.draw(df, chart, lanes=lanes, region=region, granularity=granularity, compared=compared,
                           max_points=max_points, lang=lang)
    if chart == "timeline":
        return timeline_chart(sel, lanes, max_points, lang)
    if chart == "counts":
        return counts_chart(sel, granularity, lang)
    if chart == "compare":
        return compare_chart(sel, compared, granularity, lang)
    if chart == "map":
        return maps.map_figure(map_data(sel, lang), region, lang)
    if chart == "network":
        return network.network_figure(network_data(sel, lang=lang), lang=lang)
    raise ValueError(f"unknown chart {chart!r}; choose one of {', '.join(charts.CHARTS)}")


# ---------------------------------------------------------------- per day: counts and the timeline's type lanes


def day_cube(sel: DuckSelection) -> pd.DataFrame:
    """Rows kept per effective day, type, status and undated, with the first row (its position and report id) of
    each: DuckDB's one pass for the counts and the timeline. That of every row is kept beside the source's index (a
    page opened with no filter then draws its first charts without the pass)."""
    if "cube" not in sel._memo:
        saved = _cube_path(sel) if sel.everything else None
        cube = _saved_cube(saved, sel.source.source.key) if saved is not None else None
        if cube is None:
            cube = sel.query(
                'SELECT CAST(coalesce("date", published) AS DATE) AS day, coalesce(event_type, \'\') AS event_type,'
                " coalesce(status, 'occurred') AS status, \"date\" IS NULL AS undated, count(*) AS n,"
                ' min(pos) AS first, arg_min(report_id, pos) AS report_id FROM {rows}'
                ' WHERE coalesce("date", published) IS NOT NULL GROUP BY ALL ORDER BY first')
            cube["day"] = pd.to_datetime(cube["day"]).astype("datetime64[s]")
            if saved is not None:
                _save_cube(cube, saved, sel.source.source.key)
        sel._memo["cube"] = cube
    return sel._memo["cube"]


def prepare(folder: Path) -> None:
    """Write a dataset's dashboard index and per-day cube beside it, so that the page's first open reads them instead
    of building them (~30 s at 10M reports)."""
    day_cube(duck.open_source(duck.Source.dataset(folder)).selection(flt.Filters(), None))


def _cube_path(sel: DuckSelection) -> Path | None:
    """Where the cube of every row of the source is kept (beside its index), None when nowhere."""
    where = sel.source.source.index_dir
    return None if where is None else where / "day_cube.parquet"


def _saved_cube(path: Path, key: str) -> pd.DataFrame | None:
    """The cube saved for this source version, None when there is none (or it is of another version)."""
    if duck.parquet_key(path) != key:
        return None
    cube = pq.read_table(path).to_pandas()
    cube["day"] = cube["day"].astype("datetime64[s]")
    return cube


def _save_cube(cube: pd.DataFrame, path: Path, key: str) -> None:
    """Keep the cube of every row beside the index."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        duck.write_keyed(pa.Table.from_pandas(cube, preserve_index=False), path, key)
    except OSError:
        pass  # a read-only dataset: the cube is made again on the next open


def _n_nodate(sel: DuckSelection) -> int:
    """Rows kept without any date."""
    day = np.asarray(sel.source.index.day)[sel.mask()]
    return int((day == duck_index.NO_DAY).sum())


def counts_chart(sel: DuckSelection, granularity: str = "auto", lang: str = i18n.DEFAULT) -> go.Figure:
    """`counts.counts_over_time` of the selection."""
    cube = day_cube(sel)
    if cube.empty:
        return counts.empty_counts(lang)
    table, unit = counts_table(cube, granularity)
    n_shown = int(cube["n"].sum())
    return counts.counts_figure(table, unit, granularity, len(sel), n_shown, int(cube.loc[cube["undated"], "n"].sum()),
                                sel.noun(), sel.unit_bit(lang), lang)


def counts_table(cube: pd.DataFrame, granularity: str) -> tuple[pd.DataFrame, str]:
    """(rows per period start and type, the periods' unit) from the day cube: the counts chart's table."""
    unit = periods.unit_for(pd.Series(cube["day"]), granularity)
    start = periods.period_starts(cube["day"], unit)
    table = cube.assign(start=start.to_numpy()).groupby(["start", "event_type"])["n"].sum().unstack(fill_value=0)
    table.index.name = None
    table.columns.name = None
    return table.astype("int64"), unit


def timeline_buckets(sel: DuckSelection, lanes: str = "type", top_n: int = 15) -> tuple[pd.DataFrame, str,
                                                                                         list[str], int]:
    """(the aggregated markers as `timeline._aggregate` makes them, its period, the lane order, the rows with a
    marker) of the selection's rows."""
    if lanes == "type":
        pts = day_cube(sel).rename(columns={"day": "x"}).assign(lane=lambda d: d["event_type"])
        order = style.type_order(pts["event_type"])
        shown = int(pts["n"].sum())
    else:
        pts, order, shown = _actor_points(sel, top_n)
    if pts.empty:
        return pts, "", order, 0
    span_days = (pts["x"].max() - pts["x"].min()).days + 1
    for freq, label, days in timeline.AGGREGATE_PERIODS:  # noqa: B007 - freq is used after the loop
        if span_days / days <= timeline.AGGREGATE_MAX_PERIODS or label == "year":
            break
    period = pts["x"].dt.to_period(freq).dt.start_time
    keys = ["lane", "event_type", "status", "undated", "x"]
    grouped = pts.assign(x=period).sort_values("first", kind="stable")
    agg = grouped.groupby(keys, sort=False).agg(n=("n", "sum"), report_id=("report_id", "first")).reset_index()
    agg["marker"] = [
        timeline.MARKER_SEP.join((lane, etype, status, "1" if undated else "0", x.strftime("%Y-%m-%d"), freq))
        for lane, etype, status, undated, x in zip(agg["lane"], agg["event_type"], agg["status"], agg["undated"],
                                                   agg["x"], strict=True)
    ]
    return agg, label, order, shown


def _actor_points(sel: DuckSelection, top_n: int) -> tuple[pd.DataFrame, list[str], int]:
    """The timeline's markers per top actor lane, per day (as `day_cube`), from the index's actor codes."""
    ix = sel.source.index
    fi = ix.facets
    keep = sel.mask()
    rows = np.asarray(fi.rows["actors"])
    codes = np.asarray(fi.codes["actors"])
    kept = keep[rows]
    names = fi.values["actors"]
    total = np.bincount(codes[kept], minlength=len(names))
    top = sorted((i for i in np.flatnonzero(total)), key=lambda i: (-total[i], names[i]))[:top_n]
    order = [names[i] for i in top]
    day = np.asarray(ix.day)
    lane_of = np.full(len(names), -1, dtype=np.int64)
    lane_of[top] = np.arange(len(top))
    pick = np.flatnonzero(kept & (lane_of[codes] >= 0))
    pick = pick[day[rows[pick]] != duck_index.NO_DAY]
    if not len(pick):
        return pd.DataFrame(columns=["lane", "event_type", "status", "undated", "x", "n", "first", "report_id"]), \
            order, 0
    prow = rows[pick].astype(np.int64)
    types, statuses = fi.values["event_types"], fi.values["statuses"]
    tcode = np.asarray(fi.codes["event_types"])[prow].astype(np.int64)
    scode = np.asarray(fi.codes["statuses"])[prow].astype(np.int64)
    undated = np.asarray(ix.undated)[prow].astype(np.int64)
    pday = day[prow].astype(np.int64)
    lo_day = int(pday.min())
    width_t, width_s, width_d = len(types) + 1, len(statuses) + 1, int(pday.max()) - lo_day + 1
    # a dense key per marker (lane, type, status, undated, day): bincounts, not a sort of every pair
    key = (((lane_of[codes[pick]] * width_t + tcode + 1) * width_s + scode + 1) * 2 + undated) * width_d \
        + pday - lo_day
    space = len(top) * width_t * width_s * 2 * width_d
    n_all = np.bincount(key, minlength=space)
    uniq = np.flatnonzero(n_all)
    n = n_all[uniq]
    first_at = _firsts(key, space)[uniq]
    first_row = prow[first_at]
    ids = sel.source.query("SELECT pos, report_id FROM {rows} WHERE pos IN (SELECT p FROM wanted)", None,
                           tables={"wanted": _positions(first_row)})
    report = dict(zip(ids["pos"].tolist(), ids["report_id"].tolist(), strict=True))
    pday_u = uniq % width_d + lo_day
    rest = uniq // width_d
    und = rest % 2
    rest //= 2
    s = rest % width_s - 1
    rest //= width_s
    t = rest % width_t - 1
    lane = rest // width_t
    pts = pd.DataFrame({
        "lane": [order[i] for i in lane.tolist()],
        "event_type": [types[i] if i >= 0 else "" for i in t.tolist()],
        "status": [statuses[i] if i >= 0 else "occurred" for i in s.tolist()],
        "undated": und.astype(bool),
        "x": pd.to_datetime(_EPOCH + pday_u.astype("timedelta64[D]")).astype("datetime64[s]"),
        "n": n.astype(np.int64),
        "first": first_at.astype(np.int64),  # the pair's place: row order, then the actor's place in its row
        "report_id": [report.get(int(r)) for r in first_row.tolist()],
    })  # fmt: skip
    return pts.sort_values("first", kind="stable").reset_index(drop=True), order, _distinct_rows(prow, len(keep))


def _positions(rows: np.ndarray) -> Any:
    """An Arrow table of row positions (for `WHERE pos IN`)."""
    import pyarrow as pa

    return pa.table({"p": pa.array(np.unique(rows).astype(np.int32))})


def timeline_chart(sel: DuckSelection, lanes: str = "type", max_points: int = timeline.MAX_POINTS,
                   lang: str = i18n.DEFAULT) -> go.Figure:
    """`timeline.timeline` of the selection: aggregated above `max_points` markers, else its rows drawn one by one."""
    ix = sel.source.index
    keep = sel.mask()
    n_undated = int(np.asarray(ix.undated)[keep].sum())
    agg, label, order, shown = timeline_buckets(sel, lanes)
    markers = int(agg["n"].sum()) if len(agg) else 0
    if markers <= max_points:  # few markers (so few dated rows, or few with the top actors): drawn in memory
        return timeline.timeline(sel.rows_at(np.flatnonzero(keep)), lanes=lanes, max_points=max_points, lang=lang)
    stats = timeline.TimelineStats(len(sel), shown, n_undated, _n_nodate(sel), sel.distinct[0],
                                   sel.source.unit == "events", sel.noun(), sel.word(lang), sel.unit_bit(lang))
    return timeline.timeline_figure(agg, label, lanes, order, stats, lang)


# ---------------------------------------------------------------- the comparison


def compare_table(sel: DuckSelection, chosen: Sequence[str], granularity: str = "auto") -> tuple[pd.DataFrame, str]:
    """`compare.actor_period_counts` of the selection, from the index's actor codes and days."""
    ix = sel.source.index
    keep = sel.mask()
    day = np.asarray(ix.day)
    dated = keep & (day != duck_index.NO_DAY)
    if not dated.any():
        return pd.DataFrame(columns=list(chosen), dtype="int64"), periods.unit_for(pd.Series([], dtype="datetime64[s]"),
                                                                                   granularity)
    lo, hi = int(day[dated].min()), int(day[dated].max())
    x = pd.Series(pd.to_datetime(_EPOCH + np.array([lo, hi]).astype("timedelta64[D]")))
    unit = periods.unit_for(x, granularity)
    full = periods.all_periods(x.min(), x.max(), unit).start_time
    days = pd.Series(pd.to_datetime(_EPOCH + np.arange(lo, hi + 1).astype("timedelta64[D]")))
    start_of_day = periods.period_starts(days, unit).to_numpy()
    columns = {}
    for actor in chosen:
        has = _actor_rows(sel, actor) & dated
        per_day = np.bincount(day[has] - lo, minlength=hi - lo + 1)
        columns[actor] = pd.Series(per_day).groupby(start_of_day).sum().reindex(full, fill_value=0).astype("int64")
    table = pd.DataFrame(columns, index=full) if columns else pd.DataFrame(index=full)
    return table, unit


def _actor_rows(sel: DuckSelection, actor: str) -> np.ndarray:
    """Rows of the source that name the actor."""
    return sel.source._facet_mask("actors", [actor], "any")


def compare_chart(sel: DuckSelection, compared: Sequence[str] = (), granularity: str = "auto",
                  lang: str = i18n.DEFAULT) -> go.Figure:
    """`compare.compare_actors` of the selection."""
    asked = list(dict.fromkeys(compared)) if compared else []
    ranked = sorted(((a, n) for a, n in sel.actor_counts.items() if n), key=lambda kv: (-kv[1], kv[0]))
    chosen = asked[:compare.MAX_COMPARED] if asked else [a for a, _ in ranked[:compare.MAX_COMPARED]]
    table, unit = compare_table(sel, chosen, granularity)
    if table.empty or not chosen:
        return compare.empty_compare(unit, lang)
    keep = sel.mask()
    dated = keep & (np.asarray(sel.source.index.day) != duck_index.NO_DAY)
    masks = {a: _actor_rows(sel, a) for a in chosen}
    any_actor = np.logical_or.reduce(list(masks.values()))
    totals = {a: int((m & keep).sum()) for a, m in masks.items()}
    return compare.compare_figure(table, unit, chosen, asked, granularity, len(sel), int(dated.sum()),
                                  int((any_actor & dated).sum()), totals, sel.noun(), sel.unit_bit(lang), lang)


# ---------------------------------------------------------------- the map and the network: per distinct cell


def _cell_groups(cell_of_row: np.ndarray, cell_values: Sequence[Any], key_of_row: np.ndarray, labels: list[str],
                 rows: np.ndarray) -> tuple[cells.Groups, np.ndarray]:
    """(`cells.group_rows` of the source rows `rows` (ascending) from the index's cell codes: the rows grouped by
    (cell, key), groups and cells in order of their first row, each group weighted by its rows; the index's code of
    each of the groups' cells)."""
    width = max(len(labels), 1)
    combo = cell_of_row[rows].astype(np.int64) * width + key_of_row[rows].astype(np.int64)
    group_of, pairs = pd.factorize(combo)  # groups in order of their first row
    counts = np.bincount(group_of, minlength=len(pairs)).astype(np.int64)
    first = _firsts(group_of, len(pairs))
    cell_codes, cell_ids = pd.factorize(np.asarray(pairs) // width)
    ids = np.asarray(cell_ids, dtype=np.int64)
    return cells.Groups(cells=[cell_values[c] for c in ids.tolist()], labels=labels,
                        cell=cell_codes.astype(np.int64), key=(np.asarray(pairs) % width).astype(np.int64),
                        rows=counts, first=rows[first].astype(np.int64), of_row=np.zeros(0, dtype=np.int64)), ids


def _subset(items: cells.Items, ids: np.ndarray) -> cells.Items:
    """Items of the cells `ids` (codes into every cell's items), in that order."""
    return cells.Items(items.values, np.asarray(items.codes, dtype=np.int64),
                       np.asarray(items.starts, dtype=np.int64)[ids], np.asarray(items.lengths, dtype=np.int64)[ids])


def _placed_cells(sel: DuckSelection) -> np.ndarray:
    """Per countries cell, whether the map can place one of its countries (once per source)."""
    src = sel.source
    if getattr(src, "_cell_items", None) is None:
        items = src.index.items["country_items"]
        placed = set(countries.country_centroids())
        found = np.array([v in placed for v in items.values], dtype=bool)
        cell_of = np.repeat(np.arange(len(items.lengths)), items.lengths)
        src._cell_items = {"placed": np.bincount(cell_of, weights=found[np.asarray(items.codes)],
                                                 minlength=len(items.lengths)) > 0}
    return src._cell_items["placed"]


def _kept_items(items: cells.Items, keep: set[str]) -> cells.Items:
    """`ActorGroups.kept`: each cell's items that are in `keep`, in numpy."""
    lengths = np.asarray(items.lengths, dtype=np.int64)
    starts = np.asarray(items.starts, dtype=np.int64)
    total = int(lengths.sum())
    cell_of = np.repeat(np.arange(len(lengths)), lengths)
    pos = np.repeat(starts, lengths) + np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    codes = np.asarray(items.codes)[pos]
    wanted = np.array([v in keep for v in items.values], dtype=bool)
    m = wanted[codes] if len(codes) else np.zeros(0, dtype=bool)
    new_lengths = np.bincount(cell_of[m], minlength=len(lengths)).astype(np.int64)
    return cells.Items(items.values, codes[m].astype(np.int64), np.cumsum(new_lengths) - new_lengths, new_lengths)


def _type_codes(sel: DuckSelection) -> tuple[np.ndarray, list[str]]:
    """Per row its type's code into the labels (a row of no type: "", the last)."""
    fi = sel.source.index.facets
    types = [*fi.values["event_types"], ""]
    codes = np.asarray(fi.codes["event_types"])
    return np.where(codes < 0, len(types) - 1, codes), types


def map_data(sel: DuckSelection, lang: str = i18n.DEFAULT) -> maps.MapData:
    """`maps.map_data` of the selection, from the index's countries cells (`maps.party_links` and the counts per
    type over them, as the in-memory map counts) and its places."""
    ix = sel.source.index
    keep = sel.mask()
    rows = np.flatnonzero(keep)
    tcode, types = _type_codes(sel)
    groups, ids = _cell_groups(np.asarray(ix.country_cell), ix.country_keys, tcode, types, rows)
    cg = maps.CountryGroups(groups, _subset(ix.items["country_items"], ids))
    country_types: dict[str, Counter[str]] = defaultdict(Counter)
    per_type = cg.per_type()
    for i, j in zip(*np.nonzero(per_type), strict=True):
        country_types[cg.items.values[i]][groups.labels[j]] = int(per_type[i, j])
    placed_cell = _placed_cells(sel)
    attack = np.isin(np.asarray(types), list(maps.ATTACK_TYPES))[tcode]
    place = np.asarray(ix.place)
    on_map = (placed_cell[np.asarray(ix.country_cell)] | (attack & (place >= 0))) & keep
    return maps.MapData(len(sel), dict(country_types), maps.party_links(pd.DataFrame(), cg),
                        attack_targets(sel, attack & (place >= 0) & keep), int((attack & keep).sum()),
                        int(on_map.sum()), sel.noun(), sel.word(lang), sel.unit_bit(lang))


def attack_targets(sel: DuckSelection, hit: np.ndarray) -> pd.DataFrame:
    """`maps.attack_targets` of the rows `hit` (air attacks kept that have coordinates): places from the index's
    rounded coordinates, their names and attackers ranked as the in-memory map ranks them, and the first
    MAX_TARGET_IDS report ids of each (read by DuckDB; the in-memory map keeps them all)."""
    cols = ["location_name", "lat", "lon", "n", "attackers", "report_ids"]
    ix = sel.source.index
    rows = np.flatnonzero(hit)
    if not len(rows):
        return pd.DataFrame(columns=cols)
    codes, place_ids = pd.factorize(np.asarray(ix.place)[rows])  # places in order of their first row
    codes = codes.astype(np.int64)
    n = np.bincount(codes, minlength=len(place_ids))
    early = _early(codes, n, MAX_TARGET_IDS)  # each place's first rows
    order = np.argsort(codes[early], kind="stable")
    firsts = np.split(rows[early][order], np.cumsum(np.minimum(n, MAX_TARGET_IDS))[:-1])
    wanted = rows[early]
    got = sel.source.read_rows(wanted, ["report_id"])  # their row groups only
    report = dict(zip(wanted.tolist(), got["report_id"].astype(str).tolist(), strict=True))
    fi = ix.facets
    name_code = np.asarray(fi.codes["places"])[rows].astype(np.int64)
    named = name_code >= 0
    top_name = _top_names(codes[named], name_code[named], len(place_ids), fi.values["places"])
    # the attackers: the air attacks grouped by actors cell and place (`maps._attackers`)
    groups, ids = _cell_groups(np.asarray(ix.actor_cell), ix.actor_keys, _place_rank(ix, codes, rows),
                               [str(k) for k in range(len(place_ids))], rows)
    names = _subset(ix.items["initiators"], ids)
    group, pos, within = cells.expand(np.arange(len(groups.rows)), groups.cell, names)
    width = int(names.lengths.max()) + 1 if len(names.lengths) else 1
    ranked = cells.ranked(groups.key[group], names.codes[pos], groups.rows[group], groups.first[group] * width + within)
    attackers = {k: [names.values[v] for v in vs] for k, vs in ranked.items()}
    table = []
    for k, place in enumerate(place_ids.tolist()):
        lat, lon = ix.places[place]
        table.append({"location_name": top_name.get(k, ""), "lat": float(lat), "lon": float(lon), "n": int(n[k]),
                      "attackers": attackers.get(k, []), "report_ids": [report[int(r)] for r in firsts[k]]})
    return pd.DataFrame(table, columns=cols).sort_values(["n", "location_name"], ascending=[False, True])


def _top_names(places: np.ndarray, names: np.ndarray, n_places: int, values: list[str]) -> dict[int, str]:
    """`maps._top_names`: per place its most frequent name, the first seen among equals (bincounts, no sort)."""
    if not len(places):
        return {}
    width = len(values)
    key = places.astype(np.int64) * width + names
    total = np.bincount(key, minlength=n_places * width).reshape(n_places, width)
    first = _firsts(key, n_places * width).reshape(n_places, width)
    out = {}
    for k in np.flatnonzero(total.max(axis=1)).tolist():
        best = np.flatnonzero(total[k] == total[k].max())
        out[k] = values[int(best[np.argmin(first[k, best])])]
    return out


def _early(codes: np.ndarray, n: np.ndarray, limit: int) -> np.ndarray:
    """Mask of each code's first `limit` entries: a prefix as long as they all need (doubled until it is)."""
    want = np.minimum(n, limit)
    size = min(len(codes), int(want.sum()) * 2 + 1)
    while True:
        have = np.bincount(codes[:size], minlength=len(n))
        if size >= len(codes) or (have >= want).all():
            break
        size = min(len(codes), size * 4)
    mask = np.zeros(len(codes), dtype=bool)
    head = codes[:size]
    rank = _rank_within(head)
    mask[:size] = rank < limit
    return mask


def _rank_within(codes: np.ndarray) -> np.ndarray:
    """Per entry, how many entries of its code come before it."""
    order = np.argsort(codes, kind="stable")
    sorted_codes = codes[order]
    starts = np.flatnonzero(np.diff(sorted_codes, prepend=-1) != 0)
    run = np.arange(len(codes)) - np.repeat(starts, np.diff(starts, append=len(codes)))
    rank = np.empty(len(codes), dtype=np.int64)
    rank[order] = run
    return rank


def _place_rank(ix: Any, codes: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Per source row, the code `codes` gives its place among `rows` (other rows: 0, never read)."""
    out = np.zeros(ix.n_rows, dtype=np.int64)
    out[rows] = codes
    return out


def _distinct_rows(rows: np.ndarray, n_rows: int) -> int:
    """How many distinct rows."""
    seen = np.zeros(n_rows, dtype=bool)
    seen[rows] = True
    return int(seen.sum())


def _firsts(keys: np.ndarray, n_keys: int) -> np.ndarray:
    """The first position of each key (len(keys) for a key never met): a reversed assignment, the first write
    last."""
    first = np.full(n_keys, len(keys), dtype=np.int64)
    first[keys[::-1]] = np.arange(len(keys) - 1, -1, -1, dtype=np.int64)
    return first


def network_data(sel: DuckSelection, max_nodes: int = 40, lang: str = i18n.DEFAULT) -> network.NetworkData:
    """`network.network_data` of the selection: the rows grouped by the index's actors cells and their type, then
    the in-memory network's own counting over those groups (each distinct cell read once)."""
    ix = sel.source.index
    rows = np.flatnonzero(sel.mask())
    tcode, types = _type_codes(sel)
    groups, ids = _cell_groups(np.asarray(ix.actor_cell), ix.actor_keys, tcode, types, rows)
    ag = network.ActorGroups(groups, [], *(_subset(ix.items[k], ids) for k in ("names", "kinds", "countries")))
    actors = network.actor_table(pd.DataFrame(), ag)
    nodes = network.top_nodes(actors, max_nodes)
    kept = _kept_items(ag.names, set(nodes))
    edges = cells.pair_counts(groups, kept, np.ones(len(groups.rows), dtype=bool))
    return network.NetworkData(actors, nodes, edges, len(sel), ag.rows_with(kept), ag.rows_with(ag.names),
                               sel.noun(), sel.word(lang), sel.unit_bit(lang))
