"""The links among many reports at once, on columns (numpy): the pairs the index proposes and the evidence they share.

`grouping._evidence` says, pair by pair, what two reports share or why they cannot be one event; it explains a
link and stays the definition. A store's worth of reports has about a million candidate pairs, and comparing
them one by one in Python took most of a regroup: here every rule of `_evidence` is one array operation over all
the pairs, and gives the same links with the same scores and reasons (tests/test_link_columns.py compares them
pair by pair on dense random reports).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from functools import lru_cache

import numpy as np
import pandas as pd

from events.grouping import BOTH, Link, Report, Rules, window_of
from events.key_columns import HOW, KeyTable, key_table

_WORD = 64  # countries per word of a bitset


def candidate_pairs(reports: Sequence[Report], rules: Rules,
                    table: KeyTable | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The index pairs (i < j, sorted) where one report looks under a key where the other is stored and their
    windows of days overlap (`table`: the reports' `key_table`, when the caller has it)."""
    t = key_table(reports, rules) if table is None else table
    if len(t.key) == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    # each row meets the rows after it under its key whose first day is not after its last: one number per
    # (key, day) makes that a sorted search over the whole table
    base = t.lo.min()
    span = int(t.hi.max() - base) + 2
    starts = t.key * span + (t.lo - base)
    ends = np.searchsorted(starts, t.key * span + (t.hi - base), side="right")
    count = ends - np.arange(len(t.key)) - 1
    n = len(reports)
    pairs = _distinct(np.concatenate([_meetings(t, rows, count[rows], n) for rows in _slices(count, PAIRS_AT_ONCE)]))
    return pairs // n, pairs % n


PAIRS_AT_ONCE = 2_000_000  # pairs made or compared in one pass of array operations: memory stays bounded


def _slices(count: np.ndarray, most: int) -> list[slice]:
    """Consecutive slices of rows whose counts add up to about `most` each (a row more than that alone)."""
    total = np.cumsum(count)
    slices, start = [], 0
    while start < len(count):
        before = total[start - 1] if start else 0
        end = max(int(np.searchsorted(total, before + most, side="right")), start + 1)
        slices.append(slice(start, end))
        start = end
    return slices


def _meetings(t: KeyTable, rows: slice, count: np.ndarray, n: int) -> np.ndarray:
    """The distinct pairs (as i * n + j, i < j) that the rows of a slice propose with the rows after them."""
    first = np.repeat(np.arange(rows.start, rows.stop), count)
    second = first + 1 + np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    # a pair is proposed when one looks where the other is stored (two stored, or two looking, never meet)
    meet = (t.how[first] == HOW[BOTH]) | (t.how[second] == HOW[BOTH]) | (t.how[first] != t.how[second])
    a, b = t.owner[first][meet], t.owner[second][meet]
    apart = a != b
    a, b = a[apart], b[apart]
    return _distinct(np.minimum(a, b) * n + np.maximum(a, b))


def _distinct(codes: np.ndarray) -> np.ndarray:
    """The distinct values, sorted (np.unique is several times slower)."""
    codes = np.sort(codes)
    return codes[np.concatenate(([True], codes[1:] != codes[:-1]))] if len(codes) else codes


@dataclass(frozen=True)
class _Columns:
    """What the evidence rules read of each report, as arrays (codes for strings, -1 for missing)."""

    rank: np.ndarray  # of the report id among all ids: the link's (a, b) order and ties
    family: np.ndarray
    event_type: np.ndarray
    article: np.ndarray
    occurred: np.ndarray
    cancelled: np.ndarray
    planned_or_cancelled: np.ndarray
    dated: np.ndarray  # has a span of days
    first: np.ndarray
    last: np.ndarray
    by_day: np.ndarray  # dated to the day
    windowed: np.ndarray
    window_first: np.ndarray
    window_last: np.ndarray
    occurred_days: np.ndarray  # of its family
    air: np.ndarray  # of the air-attack family: attacker and target must agree
    place: np.ndarray
    wide: np.ndarray
    place_country: np.ndarray
    located: np.ndarray  # has a point
    lat: np.ndarray  # radians
    lon: np.ndarray
    cos_lat: np.ndarray
    countries: np.ndarray  # bitsets, one row of words per report
    attackers: np.ndarray
    targets: np.ndarray


def _codes(values: Sequence[object]) -> np.ndarray:
    """Integer codes of values, equal for equal values (None is -1)."""
    return pd.factorize(np.array(values, dtype=object), use_na_sentinel=True)[0].astype(np.int64)


def _bitsets(sets: Sequence[frozenset[str]], bit: dict[str, int]) -> np.ndarray:
    """Each set of country codes as a row of 64-bit words (reports share a few thousand distinct sets)."""
    words = max(1, -(-len(bit) // _WORD))
    distinct = {members: k for k, members in enumerate(set(sets))}
    masks = [sum(1 << bit[c] for c in members) for members in distinct]
    rows = np.array([[(mask >> (_WORD * w)) & ((1 << _WORD) - 1) for w in range(words)] for mask in masks],
                    np.uint64).reshape(len(masks), words)
    return rows[np.fromiter((distinct[members] for members in sets), np.int64, len(sets))]


_NO_DAYS = (0, 0)
_NO_POINT = (0.0, 0.0, 0.0)


def _facts(r: Report, rules: Rules) -> tuple[object, ...]:
    """What the evidence rules read of one report, in the order of `_columns`' unpacking (each report is read
    once: a pass over all the reports per column cost more than the rules' work on a million pairs)."""
    window = window_of(r, rules)
    first, last = window or (None, None)
    return (r.report_id, rules.family_of.get(r.event_type, r.event_type), r.event_type, r.article_id, r.status,
            r.days is not None, *(r.days or _NO_DAYS), r.precision == "day", window is not None,
            first.toordinal() if first else 0, last.toordinal() if last else 0, r.place, r.place_wide,
            r.place_country, r.point is not None, *(r.point or _NO_POINT), r.countries, r.attackers, r.targets)


def _columns(reports: Sequence[Report], rules: Rules) -> _Columns:
    """The reports as columns."""
    (ids, families, types, articles, statuses, dated, first, last, by_day, windowed, window_first, window_last,
     places, wide, place_countries, located, lat, lon, cos_lat, countries, attackers, targets) = (
        zip(*(_facts(r, rules) for r in reports), strict=True))
    rank = np.empty(len(ids), np.int64)
    rank[np.argsort(np.array(ids, dtype=object), kind="stable")] = np.arange(len(ids))
    bit = {c: k for k, c in enumerate(sorted(set().union(*countries, *attackers, *targets)))}
    status = np.array(statuses, dtype=object)
    family = np.array(families, dtype=object)
    return _Columns(
        rank=rank,
        family=_codes(families),
        event_type=_codes(types),
        article=_codes(articles),
        occurred=status == "occurred",
        cancelled=status == "cancelled",
        planned_or_cancelled=(status == "planned") | (status == "cancelled"),
        dated=np.array(dated, bool),
        first=np.array(first, np.int64),
        last=np.array(last, np.int64),
        by_day=np.array(by_day, bool),
        windowed=np.array(windowed, bool),
        window_first=np.array(window_first, np.int64),
        window_last=np.array(window_last, np.int64),
        occurred_days=np.array([rules.occurred_days.get(f, 0) for f in families], np.int64),
        air=family == "air_attack",
        place=_codes(places),
        wide=np.array(wide, bool),
        place_country=_codes(place_countries),
        located=np.array(located, bool),
        lat=np.array(lat, np.float64),
        lon=np.array(lon, np.float64),
        cos_lat=np.array(cos_lat, np.float64),
        countries=_bitsets(countries, bit),
        attackers=_bitsets(attackers, bit),
        targets=_bitsets(targets, bit),
    )


def _shared(sets: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """How many members the sets of the pairs share."""
    return np.bitwise_count(sets[i] & sets[j]).sum(axis=1)


def _size(sets: np.ndarray, i: np.ndarray) -> np.ndarray:
    """How many members each set has."""
    return np.bitwise_count(sets[i]).sum(axis=1)


# the reasons a link gives, by code (as grouping's rules word them)
SAME_DAY, ADJACENT, MOVED, OVERLAPPING = 1, 2, 3, 4
SAME_PLACE, NEAR, COMPATIBLE, WITHIN = 1, 2, 3, 4
SAME_PARTIES, NESTED = 1, 2


def links(reports: Sequence[Report], rules: Rules, table: KeyTable | None = None) -> list[Link]:
    """Every pair of reports whose shared evidence reaches min_score, strongest first (ties by ids): the links
    `grouping.link_between` finds, for all the candidate pairs at once (`table`: the reports' `key_table`, when
    the caller has it)."""
    i, j = candidate_pairs(reports, rules, table)
    if len(i) == 0:
        return []
    c = _columns(reports, rules)
    parts = [_linked(c, i[k:k + PAIRS_AT_ONCE], j[k:k + PAIRS_AT_ONCE], rules)
             for k in range(0, len(i), PAIRS_AT_ONCE)]
    found = _Linked(*(np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(_Linked)))
    order = np.lexsort((c.rank[found.b], c.rank[found.a], -found.score))  # strongest first, ties by ids
    return [Link(reports[x].report_id, reports[y].report_id, sc,
                 _reasons(dr, g, pr, km, par, None if st else (reports[x].event_type, reports[y].event_type)))
            for x, y, sc, dr, g, pr, km, par, st in zip(*(getattr(found, f.name)[order].tolist()
                                                           for f in fields(_Linked)), strict=True)]


@dataclass(frozen=True)
class _Linked:
    """The pairs that link, as arrays: the reports (the smaller id first), the score and the reasons' codes."""

    a: np.ndarray
    b: np.ndarray
    score: np.ndarray
    date_reason: np.ndarray
    gap: np.ndarray
    place_reason: np.ndarray
    km: np.ndarray  # rounded, as the reasons give it
    party_reason: np.ndarray
    same_type: np.ndarray


def _linked(c: _Columns, i: np.ndarray, j: np.ndarray, rules: Rules) -> _Linked:
    """Of these pairs of reports, those whose shared evidence reaches min_score (grouping._evidence, rule by rule)."""
    s = rules.scores
    occurred_i, occurred_j = c.occurred[i], c.occurred[j]
    conflict = (c.family[i] != c.family[j]) | (c.article[i] == c.article[j])
    conflict |= (occurred_i & c.cancelled[j]) | (c.cancelled[i] & occurred_j)

    # dates (grouping._date_evidence)
    dated = c.dated[i] & c.dated[j]
    gap = np.maximum(np.maximum(c.first[j] - c.last[i], c.first[i] - c.last[j]), 0)
    by_day = dated & c.by_day[i] & c.by_day[j]
    planned = c.planned_or_cancelled[i] | c.planned_or_cancelled[j]
    allowed = np.where(planned, rules.planned_shift_days, c.occurred_days[i])
    date_reason = np.zeros(len(i), np.int8)
    date_reason[by_day & (gap == 0)] = SAME_DAY
    close = by_day & (gap > 0) & (gap <= allowed)
    date_reason[close & ~planned] = ADJACENT
    date_reason[close & planned] = MOVED
    conflict |= by_day & (gap > allowed)
    vague = dated & ~by_day
    date_reason[vague & (gap == 0)] = OVERLAPPING
    not_both_occurred = ~(occurred_i & occurred_j)
    conflict |= vague & (gap > 0) & ~(not_both_occurred & (gap <= rules.planned_shift_days))
    windows = ~dated & c.windowed[i] & c.windowed[j]
    conflict |= windows & ((c.window_last[i] < c.window_first[j]) | (c.window_last[j] < c.window_first[i]))
    score = np.zeros(len(i))
    score += np.select([date_reason == SAME_DAY, date_reason == ADJACENT, date_reason == OVERLAPPING],
                       [s["same_day"], s["adjacent_days"], s["overlapping_dates"]], 0.0)

    # places (grouping._place_evidence)
    place_i, place_j = c.place[i], c.place[j]
    placed = (place_i >= 0) & (place_j >= 0)
    same = placed & (place_i == place_j)
    other = placed & ~same
    country_i, country_j = c.place_country[i], c.place_country[j]
    countries_differ = other & (country_i >= 0) & (country_j >= 0) & (country_i != country_j)
    conflict |= countries_differ & ~not_both_occurred
    other &= ~countries_differ
    within = other & (c.wide[i] | c.wide[j])
    other &= ~within & c.located[i] & c.located[j]
    h = (np.sin((c.lat[j] - c.lat[i]) / 2) ** 2
         + c.cos_lat[i] * c.cos_lat[j] * np.sin((c.lon[j] - c.lon[i]) / 2) ** 2)
    km = 6371.0 * 2 * np.arcsin(np.sqrt(np.minimum(1.0, h)))
    near = other & (km <= rules.same_place_km)
    compatible = other & ~near & ((km <= rules.compatible_km) | not_both_occurred)
    conflict |= other & ~near & ~compatible
    place_reason = np.zeros(len(i), np.int8)
    place_reason[same] = SAME_PLACE
    place_reason[near] = NEAR
    place_reason[compatible] = COMPATIBLE
    place_reason[within] = WITHIN
    score += np.where(same | near, s["same_place"], 0.0)

    # parties (grouping._party_evidence)
    for roles in (c.attackers, c.targets):
        conflict |= c.air[i] & (_size(roles, i) > 0) & (_size(roles, j) > 0) & (_shared(roles, i, j) == 0)
    n_i, n_j, shared = _size(c.countries, i), _size(c.countries, j), _shared(c.countries, i, j)
    equal = (n_i == n_j) & (shared == n_i)
    same_parties = equal & (n_i >= 2)
    nested = ~same_parties & (shared >= 2) & ((shared == n_i) | (shared == n_j))
    conflict |= (n_i >= 2) & (n_j >= 2) & (shared < 2)
    conflict |= (shared == 0) & (n_i > 0) & (n_j > 0)
    party_reason = np.zeros(len(i), np.int8)
    party_reason[same_parties] = SAME_PARTIES
    party_reason[nested] = NESTED
    score += np.where(same_parties, s["same_parties"] + np.where(n_i >= 3, s["several_parties"], 0.0), 0.0)
    score += np.where(nested, s["nested_parties"], 0.0)

    same_type = c.event_type[i] == c.event_type[j]
    score += np.where(same_type, s["same_type"], 0.0)

    kept = np.flatnonzero(~conflict & (score >= rules.min_score))
    i, j = i[kept], j[kept]
    swap = c.rank[i] > c.rank[j]  # the link names the smaller id first
    return _Linked(np.where(swap, j, i), np.where(swap, i, j), score[kept], date_reason[kept], gap[kept],
                   place_reason[kept], np.rint(km[kept]).astype(np.int64), party_reason[kept], same_type[kept])


def _reasons(date: int, gap: int, place: int, km: int, parties: int, types: tuple[str, str] | None) -> tuple[str, ...]:
    """A link's reasons from their codes, as `grouping._evidence` words them (only the gap and the distance a
    reason names count: links share a few hundred distinct reasons)."""
    return _words(date, gap if date in (ADJACENT, MOVED) else 0, place, km if place in (NEAR, COMPATIBLE) else 0,
                  parties, types)


@lru_cache(maxsize=1 << 14)
def _words(date: int, gap: int, place: int, km: int, parties: int, types: tuple[str, str] | None) -> tuple[str, ...]:
    """The reasons of `_reasons`."""
    words = []
    if date == SAME_DAY:
        words.append("same day")
    elif date == ADJACENT:
        words.append(f"dates {gap} d apart")
    elif date == MOVED:
        words.append(f"dates {gap} d apart (a planned date moved)")
    elif date == OVERLAPPING:
        words.append("overlapping dates")
    if place == SAME_PLACE:
        words.append("same place")
    elif place in (NEAR, COMPATIBLE):
        words.append(f"places {km} km apart")
    elif place == WITHIN:
        words.append("a place within the other")
    if parties == SAME_PARTIES:
        words.append("same parties")
    elif parties == NESTED:
        words.append("parties within the other's")
    if types is not None:
        words.append(f"{types[0]} / {types[1]}")
    return tuple(words)
