"""The index keys of many reports at once, as a table built on columns (numpy).

`grouping.index_keys` says, report by report, under which keys a report is stored or looks, and stays the
definition (an update and the tests use it). A store's worth of reports has over a million key rows, and
building a string for each in Python took a sixth of a regroup: here each kind of key is a few array operations
over all the reports, a key is a tuple of integer codes while rows are made, and its name (the string the store
keeps) is written once per distinct key. `tests/test_key_columns.py` checks that both give the same rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from events.grouping import BOTH, KEY_SEPARATOR, LOOKS, STORED, Report, Rules, cell_of, columns_reached, window_of

HOW = {STORED: 0, LOOKS: 1, BOTH: 2}  # how a report sits under a key, as a code
HOW_NAMES = np.array([STORED, LOOKS, BOTH], dtype=object)  # by code


@dataclass(frozen=True)
class KeyTable:
    """Every index key of some reports, a row each, the rows of a key together, by first day."""

    names: np.ndarray  # the distinct keys (an object array of str)
    key: np.ndarray  # each row's key, as its position in names
    lo: np.ndarray  # each row's window of days (day ordinals)
    hi: np.ndarray
    owner: np.ndarray  # each row's report, as its position in the reports
    how: np.ndarray  # how the report sits under the key (HOW codes)

    def stored_rows(self, reports: Sequence[Report]) -> list[tuple[str, int, int, str, str]]:
        """The rows a store keeps ("key", lo, hi, report_id, how): those where others find the report
        (`grouping.stored_keys`), rows of a key together."""
        kept = self.how != HOW[LOOKS]
        ids = np.array([r.report_id for r in reports], dtype=object)
        return list(zip(self.names[self.key[kept]].tolist(), self.lo[kept].tolist(), self.hi[kept].tolist(),
                        ids[self.owner[kept]].tolist(), HOW_NAMES[self.how[kept]].tolist(), strict=True))


@dataclass(frozen=True)
class _Parties:
    """The reports' sets of countries: each distinct sorted set once, with its countries and pairs as lists."""

    of: np.ndarray  # each report's set, as its position among the distinct ones
    size: np.ndarray  # countries in each distinct set
    singles: np.ndarray  # each set's countries (a set of none counts as one country, ""), flattened
    singles_start: np.ndarray
    singles_count: np.ndarray
    pairs: np.ndarray  # each set's pairs of countries, flattened
    pairs_start: np.ndarray
    pairs_count: np.ndarray
    country_names: list[str]
    pair_names: list[tuple[str, str]]
    set_names: list[tuple[str, ...]]


def _parties(reports: Sequence[Report]) -> _Parties:
    """The reports' sets of countries, coded (reports share a few thousand distinct sets)."""
    position: dict[frozenset[str], int] = {}
    of = np.fromiter((position.setdefault(r.countries, len(position)) for r in reports), np.int64, len(reports))
    sets = [sorted(members) for members in position]
    country_code: dict[str, int] = {}
    pair_code: dict[tuple[str, str], int] = {}
    singles = [[country_code.setdefault(c, len(country_code)) for c in members or [""]] for members in sets]
    pairs = [[pair_code.setdefault((a, b), len(pair_code)) for i, a in enumerate(members) for b in members[i + 1:]]
             for members in sets]
    return _Parties(
        of=of,
        size=np.array([len(members) for members in sets], np.int64),
        singles=np.array([c for codes in singles for c in codes], np.int64),
        singles_start=np.cumsum([0] + [len(codes) for codes in singles])[:-1],
        singles_count=np.array([len(codes) for codes in singles], np.int64),
        pairs=np.array([p for codes in pairs for p in codes], np.int64),
        pairs_start=np.cumsum([0] + [len(codes) for codes in pairs])[:-1].astype(np.int64),
        pairs_count=np.array([len(codes) for codes in pairs], np.int64),
        country_names=list(country_code),
        pair_names=list(pair_code),
        set_names=[tuple(members) for members in sets],
    )


def _repeat(rows: np.ndarray, count: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row repeated `count` times, with the number of each repeat (0 to count - 1)."""
    out = np.repeat(rows, count)
    return out, np.arange(len(out)) - np.repeat(np.cumsum(count) - count, count)


@dataclass(frozen=True)
class _Rows:
    """Rows of one kind of key: each row's report and how it sits there, and the parts of its key as codes."""

    owner: np.ndarray
    how: np.ndarray
    parts: tuple[np.ndarray, ...]
    lo: np.ndarray  # each row's days
    hi: np.ndarray


def _cell_and_reach(r: Report, rules: Rules) -> tuple[int, int, int] | None:
    """The cell of a report's point and how many columns of cells it looks across, or None when it has no point
    to look around: no coordinates, or a region or country (`grouping._place_and_day_keys`)."""
    if r.place is None or r.lat is None or r.lon is None or r.place_wide:
        return None
    return (*cell_of(r.lat, r.lon), columns_reached(r.lat, rules))


def _facts(r: Report, rules: Rules) -> tuple[object, ...]:
    """What the keys read of one report, in the order `_Reports` unpacks them (each report is read once)."""
    window = window_of(r, rules)
    lo, hi = window or (None, None)
    day = r.date.toordinal() if r.date is not None and r.precision == "day" else -1
    cell = _cell_and_reach(r, rules)
    return (rules.family_of.get(r.event_type, r.event_type), window is not None, lo.toordinal() if lo else 0,
            hi.toordinal() if hi else 0, r.date is not None, day, *(r.days or (-1, -1)), r.status == "occurred",
            r.place, cell is not None, *(cell or (0, 0, 0)))


class _Reports:
    """What the keys read of each report, as arrays (-1 for missing), and the rows of each kind of key."""

    def __init__(self, reports: Sequence[Report], rules: Rules) -> None:
        (families, windowed, lo, hi, dated, day, span_lo, span_hi, occurred, places, located, x, y, reach) = (
            list(zip(*(_facts(r, rules) for r in reports), strict=True)) or [()] * 14)
        family, family_names = pd.factorize(np.array(families, dtype=object))
        self.family, self.family_names = family.astype(np.int64), list(family_names)
        self.lo, self.hi = np.array(lo, np.int64), np.array(hi, np.int64)  # the window of days
        self.rows = np.flatnonzero(np.array(windowed, bool))  # a report without a window of days has no keys
        self.dated = np.array(dated, bool)
        self.day = np.array(day, np.int64)  # -1 unless dated to the day
        self.span_lo, self.span_hi = np.array(span_lo, np.int64), np.array(span_hi, np.int64)  # the date's span
        self.occurred = np.array(occurred, bool)
        place, place_names = pd.factorize(np.array(places, dtype=object), use_na_sentinel=True)
        self.place, self.place_names = place.astype(np.int64), list(place_names)
        self.located = np.array(located, bool)
        # a cell's column and row, and how many columns away it looks
        self.x, self.y, self.reach = (np.array(column, np.int64) for column in (x, y, reach))
        self.parties = _parties(reports)

    def _with(self, mask: np.ndarray) -> np.ndarray:
        """The reports with keys that also meet a condition."""
        return self.rows[mask[self.rows]]

    def _each_country(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each report once per country (once for none), with the country's code."""
        p = self.parties
        owner, k = _repeat(rows, p.singles_count[p.of[rows]])
        return owner, p.singles[p.singles_start[p.of[owner]] + k]

    def _each_pair(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each report once per pair of its countries, with the pair's code."""
        p = self.parties
        owner, k = _repeat(rows, p.pairs_count[p.of[rows]])
        return owner, p.pairs[p.pairs_start[p.of[owner]] + k]

    def _few(self, rows: np.ndarray) -> np.ndarray:
        """Which of these reports name fewer than two countries (they can share one with anybody)."""
        return self.parties.size[self.parties.of[rows]] < 2

    def _rows(self, owner: np.ndarray, how: np.ndarray | int, *parts: np.ndarray) -> _Rows:
        """Rows of a kind of key, on their reports' windows of days."""
        how = np.broadcast_to(np.asarray(how, np.int8), owner.shape)
        return _Rows(owner, how, (self.family[owner], *parts), self.lo[owner], self.hi[owner])

    def _bare(self, rows: np.ndarray) -> np.ndarray:
        """How these reports sit under a key of a bare country, day or place: both ways when they name fewer
        than two countries, else stored only (`grouping._place_and_day_keys`)."""
        return np.where(self._few(rows), HOW[BOTH], HOW[STORED]).astype(np.int8)

    def day_keys(self) -> _Rows:
        """("day", family, country, day): a report dated to the day under each of its countries."""
        owner, country = self._each_country(self._with(self.day >= 0))
        return self._rows(owner, self._bare(owner), country, self.day[owner])

    def day_pair_keys(self) -> _Rows:
        """("day", family, country, country, day): under each pair of its countries."""
        owner, pair = self._each_pair(self._with(self.day >= 0))
        return self._rows(owner, HOW[BOTH], pair, self.day[owner])

    def place_keys(self) -> _Rows:
        """("place", family, place): a dated report with a place."""
        owner = self._with((self.place >= 0) & self.dated)
        return self._rows(owner, self._bare(owner), self.place[owner])

    def place_pair_keys(self) -> _Rows:
        """("place and parties", family, place, country, country)."""
        owner, pair = self._each_pair(self._with(self.place >= 0))
        return self._rows(owner, HOW[BOTH], self.place[owner], pair)

    def _cells(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each located report once per cell around it (its own and the neighbours its reach spans, row by row),
        with the cell's column and row offsets."""
        width = 2 * self.reach[rows] + 1
        owner, k = _repeat(rows, 3 * width)
        width = 2 * self.reach[owner] + 1
        return owner, k // width - 1, k % width - self.reach[owner]

    def cell_keys(self) -> _Rows:
        """("cell", family, column, row): a dated located report is stored in its own cell and, naming fewer than
        two countries, looks into its neighbours."""
        owner, dx, dy = self._cells(self._with(self.located & self.dated))
        own = (dx == 0) & (dy == 0)
        kept = own | self._few(owner)
        owner, dx, dy, own = owner[kept], dx[kept], dy[kept], own[kept]
        return self._rows(owner, np.where(own, self._bare(owner), HOW[LOOKS]), self.x[owner] + dx, self.y[owner] + dy)

    def cell_pair_keys(self) -> _Rows:
        """("cell and parties", family, column, row, country, country): under each pair, in its own cell and
        looking into the neighbours that come after it."""
        owner, dx, dy = self._cells(self._with(self.located))
        after = np.flatnonzero((dx > 0) | ((dx == 0) & (dy >= 0)))
        p = self.parties
        cell, k = _repeat(after, p.pairs_count[p.of[owner[after]]])
        owner, dx, dy = owner[cell], dx[cell], dy[cell]
        pair = p.pairs[p.pairs_start[p.of[owner]] + k]
        own = (dx == 0) & (dy == 0)
        return self._rows(owner, np.where(own, HOW[BOTH], HOW[LOOKS]), self.x[owner] + dx, self.y[owner] + dy, pair)

    def party_keys(self) -> _Rows:
        """("parties", family, *countries) for three or more countries, or two with a date (on its span of days
        unless it occurred)."""
        size = self.parties.size[self.parties.of]
        owner = self._with((size >= 3) | ((size == 2) & (self.span_lo >= 0)))
        on_span = (size[owner] == 2) & ~self.occurred[owner]
        lo = np.where(on_span, self.span_lo[owner], self.lo[owner])
        hi = np.where(on_span, self.span_hi[owner], self.hi[owner])
        return _Rows(owner, np.full(len(owner), HOW[BOTH], np.int8), (self.family[owner], self.parties.of[owner]),
                     lo, hi)

    def name(self, kind: str, parts: tuple[int, ...]) -> str:
        """The key's name, as `grouping.index_keys` writes it, from its kind and codes."""
        p, family = self.parties, self.family_names[parts[0]]
        if kind == "day":
            return KEY_SEPARATOR.join(("day", family, p.country_names[parts[1]], date.fromordinal(parts[2]).isoformat()))
        if kind == "day pair":
            return KEY_SEPARATOR.join(("day", family, *p.pair_names[parts[1]], date.fromordinal(parts[2]).isoformat()))
        if kind == "place":
            return KEY_SEPARATOR.join(("place", family, self.place_names[parts[1]]))
        if kind == "place and parties":
            return KEY_SEPARATOR.join(("place and parties", family, self.place_names[parts[1]], *p.pair_names[parts[2]]))
        if kind == "cell":
            return KEY_SEPARATOR.join(("cell", family, str(parts[1]), str(parts[2])))
        if kind == "cell and parties":
            return KEY_SEPARATOR.join(("cell and parties", family, str(parts[1]), str(parts[2]), *p.pair_names[parts[3]]))
        return KEY_SEPARATOR.join(("parties", family, *p.set_names[parts[1]]))


def _coded(rows: _Rows) -> tuple[np.ndarray, np.ndarray]:
    """Each row's key as a code among the kind's distinct keys, and a row that stands for each distinct key."""
    if len(rows.owner) == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    low = [part.min() for part in rows.parts]  # (cell columns and rows can be negative)
    flat = np.ravel_multi_index(tuple(part - m for part, m in zip(rows.parts, low, strict=True)),
                                tuple(int(part.max() - m) + 1 for part, m in zip(rows.parts, low, strict=True)))
    _, first, code = np.unique(flat, return_index=True, return_inverse=True)
    return code.reshape(-1), first


def key_table(reports: Sequence[Report], rules: Rules) -> KeyTable:
    """The reports' index keys (`grouping.index_keys`) as a table."""
    c = _Reports(reports, rules)
    kinds = {"day": c.day_keys(), "day pair": c.day_pair_keys(), "place": c.place_keys(),
             "place and parties": c.place_pair_keys(), "cell": c.cell_keys(), "cell and parties": c.cell_pair_keys(),
             "parties": c.party_keys()}
    names: list[str] = []
    keys = []
    for kind, rows in kinds.items():
        code, first = _coded(rows)
        keys.append(code + len(names))
        names += [c.name(kind, parts) for parts in zip(*(part[first].tolist() for part in rows.parts), strict=True)]
    key = np.concatenate(keys)
    lo, hi, owner, how = (np.concatenate([getattr(rows, f) for rows in kinds.values()])
                          for f in ("lo", "hi", "owner", "how"))
    order = np.lexsort((lo, key))  # by key, then first day
    return KeyTable(np.array(names, dtype=object), key[order], lo[order], hi[order], owner[order], how[order])
