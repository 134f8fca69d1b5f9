"""Facet counts: for each sidebar filter, how many events each of its values has among the events the *other*
filters leave (as datasette's facets do).

With "Type: air attack" chosen, the Type filter still says "talks (12)": choosing talks as well would add 12 events.
Every other filter's counts are those of the air attacks. A value no remaining event has keeps its place with 0.
A facet ignores its own filter only: with actors in "all of them" mode the actor counts are those of the events
the other filters leave, as in "any" mode.

Fast enough for every rerun (~10 ms at 100k events besides the filters' own masks): `build_index` codes each
facet's values once per store version (one small integer per event, or per event and actor for the list columns),
and a count is then one `np.bincount` over the rows kept. `facet_order` sorts a filter's options by those counts.
Pure functions: no Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
import pandas as pd

from events.dashboard import filters as flt
from events.dashboard import i18n, strings
from events.search import SearchHits

# facet -> the Filters field it counts for; its values come from one column (or one list per event)
FACETS = ("actors", "countries", "event_types", "statuses", "languages", "sources", "places", "location_countries")
LIST_FACETS = ("actors", "countries")  # an event has several values: it counts once for each


# the index's integers: half the memory of int64 (1M events: ~70 MB less), and enough for 2 billion rows and values
CODE = np.int32


@dataclass(frozen=True)
class FacetIndex:
    """Each facet's distinct values and, per event (or per event and value for list facets), the value's code."""

    n_rows: int
    values: dict[str, list[str]]  # facet -> distinct values, code = position
    codes: dict[str, np.ndarray]  # facet -> code of each row (-1: none) or of each (row, value) pair
    rows: dict[str, np.ndarray]  # list facets only: the row of each pair


def _scalar(col: pd.Series) -> tuple[list[str], np.ndarray]:
    """(distinct non-empty values, code per row with -1 for none) of a string column."""
    codes, uniques = pd.factorize(col, use_na_sentinel=True)
    values = [str(v) for v in uniques]
    if "" in values:  # an empty string is no value: its rows count for nothing
        empty = values.index("")
        codes = np.where(codes == empty, -1, np.where(codes > empty, codes - 1, codes))
        values.pop(empty)
    return values, codes.astype(CODE, copy=False)


def _pairs(keys: pd.Series) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(distinct values, code per pair, row per pair) from a joined-key column ("\x1fRussia\x1fUkraine\x1f").

    Events share few distinct lists (1M events: ~60k distinct actor lists), so each distinct key is split and coded
    once and numpy repeats its codes for its rows: ~5x faster than a Python loop over the rows.
    """
    cell_of_row, cells = pd.factorize(keys.fillna(""))
    per_cell = [tuple(dict.fromkeys(v for v in str(c).split(flt.SEP) if v)) for c in cells]
    value_codes, values = pd.factorize(pd.Series(list(chain.from_iterable(per_cell)), dtype="object"))
    cell_len = np.fromiter((len(c) for c in per_cell), dtype=np.int64, count=len(per_cell))
    cell_start = np.cumsum(cell_len) - cell_len  # where each cell's codes begin in value_codes
    row_len = cell_len[cell_of_row] if len(cell_of_row) else np.zeros(0, dtype=np.int64)
    rows = np.repeat(np.arange(len(row_len), dtype=np.int64), row_len)
    # the i-th pair of a row is its cell's start plus i
    within = np.arange(len(rows), dtype=np.int64) - np.repeat(np.cumsum(row_len) - row_len, row_len)
    codes = value_codes[np.repeat(cell_start[cell_of_row], row_len) + within] if len(rows) else value_codes[:0]
    return [str(v) for v in values], codes.astype(CODE, copy=False), rows.astype(CODE, copy=False)


def build_index(df: pd.DataFrame) -> FacetIndex:
    """The facet codes of a prepared events table (once per store version: ~0.1 s per 100k events)."""
    if not flt.is_prepared(df):
        df = flt.prepare(df)
    values: dict[str, list[str]] = {}
    codes: dict[str, np.ndarray] = {}
    rows: dict[str, np.ndarray] = {}
    values["actors"], codes["actors"], rows["actors"] = _pairs(df[flt.ACTORS_KEY])
    values["countries"], codes["countries"], rows["countries"] = _pairs(df[flt.COUNTRIES_KEY])
    for facet, col in flt.SCALAR_COLUMNS.items():
        values[facet], codes[facet] = _scalar(df[col])
    return FacetIndex(len(df), values, codes, rows)


def facet_mask(index: FacetIndex, facet: str, wanted: Sequence[str], mode: str = "any") -> np.ndarray | None:
    """Rows holding any (mode "any") or, for a list facet, all ("all") of a facet's wanted values, from the index's
    codes: the rows `filters.masks` finds by comparing each row's value or searching its joined key (a test compares
    them).

    None when a value could match differently there (empty, or holding the keys' separator): the caller compares then.
    """
    if any(not v or flt.SEP in v for v in wanted):
        return None
    code_of = {v: i for i, v in enumerate(index.values[facet])}
    codes = [code_of.get(v, -2) for v in wanted]  # -2: a value no row holds (-1 is a row without any)
    if facet not in index.rows:  # one value per row
        return np.isin(index.codes[facet], codes)
    masks = []
    for code in codes:
        mask = np.zeros(index.n_rows, dtype=bool)
        mask[index.rows[facet][index.codes[facet] == code]] = True
        masks.append(mask)
    return np.logical_and.reduce(masks) if mode == "all" else np.logical_or.reduce(masks)


def value_counts(index: FacetIndex, facet: str, keep: np.ndarray) -> dict[str, int]:
    """Events per value of one facet among the rows kept; every value listed, 0 included."""
    codes = index.codes[facet]
    if facet in index.rows:
        picked = codes[keep[index.rows[facet]]]
    else:
        picked = codes[keep]
        picked = picked[picked >= 0]
    counts = np.bincount(picked, minlength=len(index.values[facet]))
    return dict(zip(index.values[facet], counts.tolist(), strict=True))


def facet_counts(
    df: pd.DataFrame,
    f: flt.Filters,
    hits: SearchHits | None = None,
    *,
    index: FacetIndex | None = None,
    masks: Mapping[str, np.ndarray] | None = None,
) -> dict[str, dict[str, int]]:
    """Per facet, value -> events among those every filter but the facet's own leaves (every value, zeros too).

    `df` is the whole (prepared) events table the sidebar filters; `index` its `build_index` and `masks` its
    `filters.masks(df, f, hits)`, when the caller has them already (the dashboard keeps both).
    """
    if not flt.is_prepared(df):
        df = flt.prepare(df)
    index = index if index is not None and index.n_rows == len(df) else build_index(df)
    masks = masks if masks is not None else flt.masks(df, f, hits)
    out: dict[str, dict[str, int]] = {}
    for facet in FACETS:
        others = [m for name, m in masks.items() if name != facet]
        out[facet] = value_counts(index, facet, flt.combined(len(df), others))
    return out


def facet_order(options: Sequence[tuple[str, int]], counts: Mapping[str, int] | None) -> list[str]:
    """The options, most events among the other filters' events first (store order among equals); with no
    counts (nothing filtered) the store's order."""
    values = [v for v, _ in options]
    if counts is None:
        return values
    rank = {v: i for i, v in enumerate(values)}
    return sorted(values, key=lambda v: (-counts.get(v, 0), rank[v]))


def facet_count(counts: Mapping[str, int] | None, options: Mapping[str, int], value: str) -> int:
    """A value's facet count: the other filters' count, else (nothing filtered) its count in the store."""
    return int(counts.get(value, 0)) if counts is not None else int(options.get(value, 0))


def option_label(value: str, totals: Mapping[str, int], counts: Mapping[str, int] | None,
                 name: Callable[[str], str] = str, lang: str = i18n.DEFAULT) -> str:
    """A multiselect option with its facet count: 'Kyiv (12)'; a value not offered (a name typed into the Actors
    box, until the page resolves it) stays as typed."""
    if value not in totals:
        return value
    return strings.facet_label(name(value), facet_count(counts, totals, value), lang)


def pill_option_label(value: str, totals: Mapping[str, int], counts: Mapping[str, int] | None,
                      name: Callable[[str], str] = str, lang: str = i18n.DEFAULT) -> str:
    """A pill with its facet count, greyed when 0 (`strings.pill_label`)."""
    return strings.pill_label(name(value), facet_count(counts, totals, value), lang)
