"""The index keys on columns (events/key_columns.py) against the definition, report by report
(grouping.index_keys): the same rows, each under the same key, on the same days, sitting there the same way."""

from __future__ import annotations

import random

import pytest

from events.grouping import index_keys, load_rules, report_of
from events.key_columns import HOW, HOW_NAMES, key_table
from tests.test_grouping import _random_rows, _row


def _rows_one_by_one(reports):
    """Every report's keys from index_keys, as (key, lo, hi, report, how) rows."""
    rules = load_rules()
    return sorted((key, lo, hi, k, how) for k, r in enumerate(reports) for key, how, (lo, hi) in index_keys(r, rules))


def _rows_on_columns(reports):
    """The key table's rows, as (key, lo, hi, report, how)."""
    t = key_table(reports, load_rules())
    return sorted(zip(t.names[t.key].tolist(), t.lo.tolist(), t.hi.tolist(), t.owner.tolist(),
                      HOW_NAMES[t.how].tolist(), strict=True))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_columns_give_every_key_of_every_report(seed: int):
    """Dense random reports of every type, status, precision, number of parties and place: the rows are those of
    index_keys, report by report, and each key's rows are together, by first day."""
    reports = [report_of(r) for r in _random_rows(300, seed)]
    rows = _rows_on_columns(reports)
    assert rows == _rows_one_by_one(reports)
    kinds = {key.split("\x1f")[0] for key, *_ in rows}
    assert kinds == {"day", "place", "place and parties", "cell", "cell and parties", "parties"}
    t = key_table(reports, load_rules())
    assert (t.key[1:] >= t.key[:-1]).all()
    assert ((t.key[1:] != t.key[:-1]) | (t.lo[1:] >= t.lo[:-1])).all()


def test_far_north_far_south_and_no_parties():
    """Near the pole a place looks many columns of cells away, west of Greenwich and south of the equator the
    cells are negative, and a report of no country sits under the bare day: the same rows as index_keys."""
    rng = random.Random(4)
    spots = [("Longyearbyen", 78.22, 15.65), ("Alert", 82.5, -62.3), ("Ushuaia", -54.8, -68.3), ("Lima", -12.05, -77.04)]
    rows = []
    for i in range(60):
        name, lat, lon = rng.choice(spots)
        row = _row(f"n{i}", f"a{i}", countries=tuple(rng.sample(["ARG", "CHL", "NOR", "CAN"], rng.choice([0, 1, 2, 3]))),
                   date=rng.choice(["2025-03-01", "2025-03-02", None]), status=rng.choice(["occurred", "planned"]))
        row.update(location_name=name, lat=lat, lon=lon, location_country="NOR")
        rows.append(row)
    reports = [report_of(r) for r in rows]
    found = _rows_on_columns(reports)
    assert found == _rows_one_by_one(reports)
    assert any(key.startswith("day\x1fdiplomacy\x1f\x1f") for key, *_ in found)
    columns = {int(key.split("\x1f")[3]) for key, *_ in found if key.startswith("cell\x1f") and "\x1f313\x1f" in key}
    assert max(columns) - min(columns) >= 10  # at 78 degrees north, five columns each way (one at 50 degrees)


def test_no_reports_or_no_days_give_no_keys():
    """Reports without a window of days (no date, no publication) have no keys; none give an empty table."""
    undated = _row("u", "1", date=None)
    undated["published"] = None
    t = key_table([report_of(undated)], load_rules())
    assert len(t.key) == 0 and len(t.names) == 0
    assert len(key_table([], load_rules()).owner) == 0
    assert HOW_NAMES[HOW["looks"]] == "looks"
