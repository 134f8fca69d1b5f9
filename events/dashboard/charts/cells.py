"""Rows grouped by their list cell and event type: the map and the network count over these groups, each weighted by
its rows, instead of over every row's list.

The store's frames hold one object per distinct list cell (`events.dashboard.snapshot`): 1M events share ~47k
actor lists and ~5k country lists, so each cell is read once and numpy spreads its items over its rows. A frame
whose equal cells are distinct objects gives the same counts, in more groups.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Groups:
    """The rows of a frame grouped by (list cell, key), groups in order of their first row."""

    cells: list[Any]  # the distinct cell objects, in order of their first row
    labels: list[str]  # the keys' values (event types: "" for none)
    cell: np.ndarray  # per group: its cell's position in `cells`
    key: np.ndarray  # per group: its key's position in `labels`
    rows: np.ndarray  # per group: its number of rows
    first: np.ndarray  # per group: its first row
    of_row: np.ndarray  # per row: its group


def _first_rows(codes: np.ndarray, n_codes: int) -> np.ndarray:
    """The first row holding each code."""
    first = np.full(n_codes, len(codes), dtype=np.int64)
    np.minimum.at(first, codes, np.arange(len(codes), dtype=np.int64))
    return first


def group_rows(cells: pd.Series, keys: np.ndarray, labels: Sequence[str]) -> Groups:
    """The rows grouped by the identity of their cell (equal objects, not equal values) and their key (a code
    into `labels` per row)."""
    values = cells.to_numpy(dtype=object)
    ids = np.fromiter(map(id, values), dtype=np.int64, count=len(values))
    cell_of_row, _ = pd.factorize(ids)  # codes in order of first appearance
    width = max(len(labels), 1)
    of_row, pairs = pd.factorize(cell_of_row.astype(np.int64) * width + keys)
    cell_first = _first_rows(cell_of_row, int(cell_of_row.max()) + 1 if len(values) else 0)
    return Groups(
        cells=values[cell_first].tolist(),
        labels=[str(v) for v in labels],
        cell=(pairs // width).astype(np.int64),
        key=(pairs % width).astype(np.int64),
        rows=np.bincount(of_row, minlength=len(pairs)).astype(np.int64),
        first=_first_rows(of_row, len(pairs)),
        of_row=of_row.astype(np.int64, copy=False),
    )


def by_type(df: pd.DataFrame, column: str) -> Groups:
    """The rows grouped by their `column` cell and their event type (missing: "")."""
    codes, types = pd.factorize(df["event_type"].fillna("").astype(str).to_numpy(dtype=object))
    return group_rows(df[column], codes.astype(np.int64), [str(t) for t in types])


@dataclass(frozen=True)
class Items:
    """Each cell's items as codes: item `codes[starts[c]:starts[c] + lengths[c]]` of cell c, `values` by code."""

    values: list[Any]
    codes: np.ndarray
    starts: np.ndarray
    lengths: np.ndarray


def cell_items(cells: Sequence[Any], items_of: Callable[[Any], Iterable[Any]]) -> Items:
    """The items `items_of` finds in each cell, coded (code = position of first appearance)."""
    code_of: dict[Any, int] = {}
    per_cell = [[code_of.setdefault(v, len(code_of)) for v in items_of(c)] for c in cells]
    return _packed(per_cell, list(code_of))


def _packed(per_cell: Sequence[Sequence[int]], values: list[Any]) -> Items:
    """Items from each cell's list of codes into `values`."""
    lengths = np.fromiter((len(c) for c in per_cell), dtype=np.int64, count=len(per_cell))
    flat = np.fromiter((i for c in per_cell for i in c), dtype=np.int64, count=int(lengths.sum()))
    return Items(values, flat, np.cumsum(lengths) - lengths, lengths)


def expand(groups: np.ndarray, cell_of_group: np.ndarray, items: Items) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One entry per (group, item of its cell): (the group, the item's place in `items.codes`, its position in its
    cell)."""
    lengths = items.lengths[cell_of_group[groups]]
    group = np.repeat(groups, lengths)
    within = np.arange(len(group), dtype=np.int64) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return group, np.repeat(items.starts[cell_of_group[groups]], lengths) + within, within


def ranked(keys: np.ndarray, values: np.ndarray, weights: np.ndarray, order: np.ndarray) -> dict[int, list[int]]:
    """Per key, its values by total weight, the one met first (least `order`) first among equals."""
    if not len(keys):
        return {}
    width = int(values.max()) + 1
    pairs, inverse = np.unique(keys.astype(np.int64) * width + values, return_inverse=True)
    total = np.bincount(inverse, weights=weights)
    first = np.full(len(pairs), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, inverse, order.astype(np.int64))
    pair_key, pair_value = pairs // width, pairs % width
    sort = np.lexsort((first, -total, pair_key))
    out: dict[int, list[int]] = {}
    for k, v in zip(pair_key[sort].tolist(), pair_value[sort].tolist(), strict=True):
        out.setdefault(k, []).append(v)
    return out


def pair_counts(groups: Groups, items: Items, keep: np.ndarray) -> dict[tuple[str, str, str], int]:
    """(a, b, label) -> rows of the kept groups (mask per group) whose cell holds both a and b (a < b as text; each
    cell's items distinct)."""
    pair_code: dict[tuple[str, str], int] = {}
    text = [str(v) for v in items.values]
    codes = items.codes.tolist()
    per_cell = [
        [pair_code.setdefault(p, len(pair_code)) for p in combinations(sorted(text[i] for i in codes[s : s + n]), 2)]
        for s, n in zip(items.starts.tolist(), items.lengths.tolist(), strict=True)
    ]
    names = list(pair_code)
    pairs = _packed(per_cell, names)
    group, pos, _ = expand(np.flatnonzero(keep), groups.cell, pairs)
    if not len(group):
        return {}
    width = len(groups.labels)
    uniq, inverse = np.unique(pairs.codes[pos] * width + groups.key[group], return_inverse=True)
    total = np.bincount(inverse, weights=groups.rows[group])
    return {(*names[k // width], groups.labels[k % width]): int(n)
            for k, n in zip(uniq.tolist(), total.tolist(), strict=True)}
