"""Per-row codes of a Parquet source's facets, made once per source version and memory-mapped: what the DuckDB path
filters and counts list cells with.

Why not in SQL: at 10M reports every query that opens the actors or countries lists costs DuckDB 1–7 s (the nested
Parquet columns are decoded and unnested each time), while a bincount over their codes costs ~0.05 s. The codes are
those of `facets.build_index` (one per row for a scalar facet, one per row and distinct value for a list facet), so
masks and counts are the in-memory page's own (`facets.facet_mask`, `facets.value_counts`).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from events.dashboard import facets
from events.dashboard import filters as flt
from events.dashboard.charts import cells, maps, network

log = logging.getLogger(__name__)

FORMAT = "5"  # bump when the files change: older indexes are then rebuilt
NO_DAY = np.iinfo(np.int32).min  # the effective day of a row without date or publication date
CODE = facets.CODE
_SCALARS = dict(flt.SCALAR_COLUMNS)  # facet -> column
_IDS = ("article_id", "event_id")  # id columns coded per row (their distinct values are counted)


@dataclass(frozen=True)
class RowIndex:
    """The facet codes of every row (`facets.FacetIndex`), with the effective day, undated flag and confidence the
    other filters read; and per row its actors cell, its countries cell and its place (the network and the map count
    per distinct cell, as the in-memory charts do: `charts.cells`)."""

    facets: facets.FacetIndex
    day: np.ndarray  # per row: days since 1970-01-01 of the effective date (date, else published); NO_DAY for none
    undated: np.ndarray  # per row: no event date
    confidence: np.ndarray  # per row: float64, NaN for none
    actor_cell: np.ndarray  # per row: its actors cell's code
    actor_keys: list[str]  # the distinct actors cells, as keys (`actor_cell` reads one)
    country_cell: np.ndarray  # per row: its countries cell's code
    country_keys: list[str]  # the distinct countries cells, as keys (`country_cell` reads one)
    place: np.ndarray  # per row: its coordinates' code (rounded to 3 decimals as the map rounds them), -1 for none
    places: list[tuple[float, float]]  # the distinct rounded (lat, lon)
    # per distinct cell, the items the charts count (`cell_items`): made with the index, as each is read once
    items: dict[str, cells.Items]
    article: np.ndarray  # per row: its article's code (-1 none): the headline's distinct articles
    event: np.ndarray  # per row: its event's code (-1 none): the subtitles' distinct events

    @property
    def n_rows(self) -> int:
        """Rows indexed."""
        return self.facets.n_rows


class _Coder:
    """Codes of distinct strings, in order of first appearance, across the files of a source."""

    def __init__(self, keep_empty: bool = False) -> None:
        self.code: dict[str, int] = {}
        self.keep_empty = keep_empty  # "" is a value of its own (an empty cell), not none

    def codes(self, encoded: pa.DictionaryArray) -> np.ndarray:
        """The codes of a dictionary-encoded string array (-1 for null, and for "" unless kept)."""
        empty = self.code.setdefault("", len(self.code)) if self.keep_empty else -1
        known = np.array([-1 if v is None else empty if v == "" else self.code.setdefault(v, len(self.code))
                          for v in encoded.dictionary.to_pylist()] + [empty], dtype=CODE)
        return known[encoded.indices.fill_null(len(encoded.dictionary)).to_numpy()]

    def values(self) -> list[str]:
        """The distinct strings by code."""
        return list(self.code)


def _distinct_pairs(rows: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Positions of the (row, code) pairs kept when each row keeps the first of equal codes (rows ascending)."""
    keep = codes >= 0
    if not keep.any():
        return np.flatnonzero(keep)
    width = np.int64(codes.max()) + 1
    key = rows.astype(np.int64) * width + codes
    _, first = np.unique(np.where(keep, key, -1), return_index=True)
    first = first[keep[first]]
    return np.sort(first)


def _batches(files: Sequence[Path]) -> Iterator[pa.Table]:
    """Each file's columns the index reads, strings dictionary-encoded as Parquet stores them."""
    wanted = ["actors", "countries", *_SCALARS.values(), "date", "published", "confidence", "lat", "lon"]
    for path in files:
        pf = pq.ParquetFile(path, read_dictionary=list(_SCALARS.values()))
        names = set(pf.schema_arrow.names)
        yield pf.read(columns=[c for c in wanted if c in names])


def _add_list_codes(parts: dict[str, list[np.ndarray]], prefix: str, column: pa.Array | None, n: int, rows: int,
                    items: _Coder, cells: _Coder, item: Callable[[pa.Array], pa.Array]) -> None:
    """A list column's codes into `parts`: each row's distinct items (`item` of each list element: an actor's name,
    a country) by row, and each row's whole cell; rows from `n` on."""
    if column is None or not len(column):
        parts[f"{prefix}_cell"].append(cells.codes(pa.array([""] * rows).dictionary_encode()))
        return
    parent = pc.list_parent_indices(column).to_numpy().astype(np.int64) + n
    code = items.codes(item(pc.list_flatten(column)).cast(pa.string()).dictionary_encode())
    keep = _distinct_pairs(parent, code)
    parts[f"{prefix}_rows"].append(parent[keep].astype(CODE))
    parts[f"{prefix}_codes"].append(code[keep])
    parts[f"{prefix}_cell"].append(cells.codes(_cell_keys(column, rows)))


def build(files: Sequence[Path]) -> RowIndex:
    """The index of the rows of `files`, read one file at a time in this order (DuckDB scans them in the same)."""
    names, countries = _Coder(), _Coder()
    actor_coder, country_coder, place_coder = _Coder(keep_empty=True), _Coder(keep_empty=True), _Coder()
    scalar_coders = {facet: _Coder() for facet in _SCALARS}
    parts: dict[str, list[np.ndarray]] = {k: [] for k in (
        "a_rows", "a_codes", "a_cell", "c_rows", "c_codes", "c_cell", "place", "day", "undated", "confidence",
        *_SCALARS)}  # fmt: skip
    n = 0
    for table in _batches(files):
        rows = table.num_rows
        actors = table.column("actors").combine_chunks() if "actors" in table.column_names else None
        _add_list_codes(parts, "a", actors, n, rows, names, actor_coder, lambda flat: pc.struct_field(flat, [0]))
        cells = table.column("countries").combine_chunks() if "countries" in table.column_names else None
        _add_list_codes(parts, "c", cells, n, rows, countries, country_coder, lambda flat: flat)
        parts["place"].append(_place_codes(table, rows, place_coder))
        for facet, column in _SCALARS.items():
            col = table.column(column).combine_chunks() if column in table.column_names else pa.nulls(rows, pa.string())
            if not pa.types.is_dictionary(col.type):
                col = col.cast(pa.string()).dictionary_encode()
            parts[facet].append(scalar_coders[facet].codes(col))
        date = _days(table, "date", rows)
        eff = np.where(date == NO_DAY, _days(table, "published", rows), date)
        parts["day"].append(eff.astype(np.int32))
        parts["undated"].append(date == NO_DAY)
        conf = table.column("confidence") if "confidence" in table.column_names else pa.nulls(rows, pa.float64())
        parts["confidence"].append(conf.cast(pa.float64()).to_numpy().astype(np.float64))
        n += rows
        del table
        _trim()  # the file's columns go back before the next is read (Arrow's pool and glibc keep them otherwise)

    def joined(key: str, dtype: type) -> np.ndarray:
        chunks = parts.pop(key)  # each file's part let go as soon as it is joined: the peak is one copy, not two
        return np.concatenate(chunks).astype(dtype, copy=False) if chunks else np.zeros(0, dtype=dtype)

    index = facets.FacetIndex(
        n,
        {"actors": names.values(), "countries": countries.values(),
         **{facet: coder.values() for facet, coder in scalar_coders.items()}},
        {"actors": joined("a_codes", CODE), "countries": joined("c_codes", CODE),
         **{facet: joined(facet, CODE) for facet in _SCALARS}},
        {"actors": joined("a_rows", CODE), "countries": joined("c_rows", CODE)},
    )
    places = [tuple(float(x) for x in key.split(",")) for key in place_coder.values()]
    return RowIndex(index, joined("day", np.int32), joined("undated", np.bool_), joined("confidence", np.float64),
                    joined("a_cell", CODE), actor_coder.values(), joined("c_cell", CODE), country_coder.values(),
                    joined("place", CODE), places,  # type: ignore[arg-type]
                    cell_items(actor_coder.values(), country_coder.values()), *_id_codes(files, n))


def _trim() -> None:
    """Hand freed memory back to the OS (Arrow's pool; glibc's heap where it is glibc)."""
    pa.default_memory_pool().release_unused()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _id_codes(files: Sequence[Path], n_rows: int) -> tuple[np.ndarray, np.ndarray]:
    """Per row, a code of its article_id and of its event_id (-1 for none), equal for equal ids across files: DuckDB
    hashes the ids (no Python string per id: 10M rows hold millions of distinct ids), numpy numbers the hashes."""
    import duckdb

    con = duckdb.connect(config={"threads": 2, "memory_limit": "1GB", "preserve_insertion_order": True})
    try:
        paths = "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in files) + "]"
        names = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM read_parquet({paths}, union_by_name=true)")
                 .fetchall()}
        out = []
        for column in _IDS:
            if column not in names:
                out.append(np.full(n_rows, -1, dtype=CODE))
                continue
            got = con.execute(f'SELECT CASE WHEN "{column}" IS NULL THEN NULL ELSE hash("{column}") END AS h'
                              f" FROM read_parquet({paths}, union_by_name=true)").fetchnumpy()["h"]
            missing = np.ma.getmaskarray(got)
            hashes = np.ma.getdata(got).astype(np.uint64)
            _, codes = np.unique(hashes, return_inverse=True)
            out.append(np.where(missing, -1, codes.ravel()).astype(CODE))
            del got, hashes
        return out[0], out[1]
    finally:
        con.close()


ITEMS = ("names", "kinds", "countries", "initiators", "country_items")


def cell_items(actor_keys: Sequence[str], country_keys: Sequence[str]) -> dict[str, cells.Items]:
    """Each distinct cell's items as the in-memory charts read them: an actors cell's distinct names with the kind
    and country of each name's first actor (`network.actor_groups`), its initiators (`maps.initiators_of`), and a
    countries cell's distinct countries (`maps.distinct_countries`)."""
    actors = [actor_cell(k) for k in actor_keys]
    named = [network.named_actors(c) for c in actors]
    out = {key: cells.cell_items(named, lambda a, i=i: [x[i] for x in a])
           for i, key in enumerate(("names", "kinds", "countries"))}
    out["initiators"] = cells.cell_items(actors, maps.initiators_of)
    out["country_items"] = cells.cell_items([country_cell(k) for k in country_keys], maps.distinct_countries)
    return out


_ITEM = "\x1e"  # between an actor's fields in a cell's key
_NEXT = "\x1d"  # between a cell's items


def _cell_keys(cells: pa.ListArray, rows: int) -> pa.DictionaryArray:
    """One text per row that is equal for equal cells (an actor's four fields, or a country, each item after the
    other), dictionary-encoded; "" for an empty or missing cell."""
    flat = pc.list_flatten(cells)
    if pa.types.is_struct(flat.type):
        fields = [pc.fill_null(pc.struct_field(flat, [i]).cast(pa.string()), "") for i in range(4)]
        items = pc.binary_join_element_wise(*fields, _ITEM)
    else:
        items = pc.fill_null(flat.cast(pa.string()), "")
    plain = pa.ListArray.from_arrays(cells.offsets, items)
    keys = pc.fill_null(pc.binary_join(plain, _NEXT), "")
    # a null cell's list is empty in `offsets` terms only when its slot is; a null row reads as ""
    keys = pc.if_else(cells.is_null(), "", keys)
    return keys.dictionary_encode()


def actor_cell(key: str) -> list[dict[str, str | None]]:
    """The actors of a cell's key ("" fields: none)."""
    if key == "":
        return []
    return [dict(zip(("name", "kind", "country", "role"), (v or None for v in item.split(_ITEM)), strict=True))
            for item in key.split(_NEXT)]


def country_cell(key: str) -> list[str | None]:
    """The countries of a cell's key ("": none)."""
    return [] if key == "" else [v or None for v in key.split(_NEXT)]


def _place_codes(table: pa.Table, rows: int, coder: _Coder) -> np.ndarray:
    """Per row, the code of its (lat, lon) rounded to 3 decimals (Python's round, as the map's `_rounded`), -1 for
    none (null or NaN)."""
    if "lat" not in table.column_names or "lon" not in table.column_names:
        return np.full(rows, -1, dtype=CODE)
    lat = table.column("lat").cast(pa.float64()).to_numpy(zero_copy_only=False)
    lon = table.column("lon").cast(pa.float64()).to_numpy(zero_copy_only=False)
    ok = ~(np.isnan(lat) | np.isnan(lon))
    out = np.full(rows, -1, dtype=CODE)
    if not ok.any():
        return out
    pairs, inverse = np.unique(np.stack([lat[ok], lon[ok]], axis=1), axis=0, return_inverse=True)
    keys = [f"{round(a, 3)!r},{round(b, 3)!r}" for a, b in pairs.tolist()]
    codes = np.array([coder.code.setdefault(k, len(coder.code)) for k in keys], dtype=CODE)
    out[ok] = codes[inverse.ravel()]
    return out


def _days(table: pa.Table, column: str, rows: int) -> np.ndarray:
    """Days since 1970-01-01 of a timestamp column, NO_DAY for null."""
    if column not in table.column_names:
        return np.full(rows, NO_DAY, dtype=np.int64)
    values = table.column(column).cast(pa.timestamp("s")).cast(pa.int64())
    seconds = values.fill_null(np.iinfo(np.int64).min).to_numpy()
    return np.where(seconds == np.iinfo(np.int64).min, NO_DAY, np.floor_divide(seconds, 86_400))


# ---------------------------------------------------------------- on disk: one .npy per array, memory-mapped


def _arrays(index: RowIndex) -> dict[str, np.ndarray]:
    """The index's arrays by file name."""
    out = {"day": index.day, "undated": index.undated, "confidence": index.confidence,
           "actor_cell": index.actor_cell, "country_cell": index.country_cell, "place": index.place,
           "article": index.article, "event": index.event}
    for facet, codes in index.facets.codes.items():
        out[f"codes.{facet}"] = codes
    for facet, rows in index.facets.rows.items():
        out[f"rows.{facet}"] = rows
    for name, items in index.items.items():
        out[f"items.{name}.codes"] = items.codes
        out[f"items.{name}.starts"] = items.starts
        out[f"items.{name}.lengths"] = items.lengths
    return out


def save(index: RowIndex, where: Path, key: str) -> None:
    """Write the index into the folder `where` (replaced whole: a reader sees the old one or the new one)."""
    tmp = where.with_name(f".{where.name}.{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for name, array in _arrays(index).items():
        np.save(tmp / f"{name}.npy", np.ascontiguousarray(array))
    facts = {"key": key, "format": FORMAT, "n_rows": index.n_rows, "values": index.facets.values,
             "actor_keys": index.actor_keys, "country_keys": index.country_keys, "places": index.places,
             "items": {name: items.values for name, items in index.items.items()}}
    (tmp / "index.json").write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
    old = where.with_name(f".{where.name}.{os.getpid()}.old")
    if where.exists():
        where.rename(old)
    tmp.rename(where)
    shutil.rmtree(old, ignore_errors=True)


def load(where: Path, key: str) -> RowIndex | None:
    """The index saved in `where` for `key` (memory-mapped), None when there is none of that key and format."""
    try:
        facts = json.loads((where / "index.json").read_text(encoding="utf-8"))
        if facts.get("key") != key or facts.get("format") != FORMAT:
            return None

        def arr(name: str) -> np.ndarray:
            return np.load(where / f"{name}.npy", mmap_mode="r")

        values = facts["values"]
        index = facets.FacetIndex(int(facts["n_rows"]), values, {f: arr(f"codes.{f}") for f in values},
                                  {f: arr(f"rows.{f}") for f in facets.LIST_FACETS})
        return RowIndex(index, arr("day"), arr("undated"), arr("confidence"), arr("actor_cell"),
                        facts["actor_keys"], arr("country_cell"), facts["country_keys"], arr("place"),
                        [tuple(p) for p in facts["places"]],
                        {name: cells.Items(values, arr(f"items.{name}.codes"), arr(f"items.{name}.starts"),
                                           arr(f"items.{name}.lengths")) for name, values in facts["items"].items()},
                        arr("article"), arr("event"))
    except (OSError, ValueError, KeyError) as exc:
        if (where / "index.json").exists():
            log.warning("the dashboard index %s cannot be read (%s): rebuilding it", where, exc)
        return None


def open_index(files: Sequence[Path], where: Path | None, key: str) -> RowIndex:
    """The saved index of these files when it is of `key`, else built (and saved in `where` when it can be)."""
    if where is not None and (found := load(where, key)) is not None:
        return found
    index = build(files)
    if where is not None:
        try:
            save(index, where, key)
        except OSError as exc:  # a read-only dataset: the index lives in memory for this process
            log.warning("could not write the dashboard index in %s: %s", where, exc)
    return index
