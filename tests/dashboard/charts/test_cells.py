"""The map's and the network's counts over rows grouped by list cell (events.dashboard.charts.cells) give what the
row-by-row pandas versions gave (tests/dashboard/charts/reference.py), on random frames with the awkward cells."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import pytest

from events.dashboard import countries
from events.dashboard.charts import cells, maps, network
from tests.dashboard.charts import reference

ISOS = ["RUS", "UKR", "USA", "TUR", "FRA", "XKX", "ZZZ", ""]  # XKX, ZZZ: no position on the map; "": no country
TYPES = ["talks", "summit", "air_attack", "air_attack", None, "ceasefire"]
PLACES = [("Kyiv", 50.4501, 30.5234), ("Kyiv", 50.4504, 30.5231), ("Kiev", 50.4501, 30.5234),
          ("Lviv", 49.8397, 24.0297), ("", 60.1695, 24.9354), (None, 60.16951, 24.9354), ("Odesa", math.nan, 30.7)]
NAMES = ["Russia", "Ukraine", "Vladimir Putin", "Hamas", "", None]
KINDS = ["country", "person", "group", None]
ROLES = ["initiator", "target", "participant"]


def _actor(rng: np.random.Generator) -> dict[str, Any]:
    """One random actor dict (some without a name, kind or country)."""
    return {"name": NAMES[rng.integers(len(NAMES))], "kind": KINDS[rng.integers(len(KINDS))],
            "country": [None, "RUS", "UKR", "USA"][rng.integers(4)], "role": ROLES[rng.integers(len(ROLES))]}


def _cell(rng: np.random.Generator, make: Any) -> Any:
    """A list cell of 0-4 items, now and then a tuple or no list at all."""
    items = [make() for _ in range(rng.integers(0, 5))]
    pick = rng.random()
    return None if pick < 0.05 else tuple(items) if pick < 0.15 else items


def random_frame(seed: int, n: int = 400, shared: bool = True) -> pd.DataFrame:
    """Events with few distinct list cells; shared: equal cells are one object (as the store's frames hold them)."""
    rng = np.random.default_rng(seed)
    actor_cells = [_cell(rng, lambda: _actor(rng)) for _ in range(25)]
    country_cells = [_cell(rng, lambda: ISOS[rng.integers(len(ISOS))]) for _ in range(15)]
    country_cells.append([np.nan, "RUS"])
    places = [PLACES[i] for i in rng.integers(len(PLACES), size=n)]
    pick_actors = rng.integers(len(actor_cells), size=n)
    pick_countries = rng.integers(len(country_cells), size=n)

    def copy(cell: Any) -> Any:
        return cell if shared or cell is None else type(cell)(dict(a) if isinstance(a, dict) else a for a in cell)

    return pd.DataFrame({
        "report_id": [f"r{i:04d}" for i in range(n)],
        "event_type": pd.Series([TYPES[i] for i in rng.integers(len(TYPES), size=n)], dtype="str"),
        "actors": pd.Series([copy(actor_cells[i]) for i in pick_actors], dtype="object"),
        "countries": pd.Series([copy(country_cells[i]) for i in pick_countries], dtype="object"),
        "location_name": pd.Series([p[0] for p in places], dtype="str"),
        "lat": [p[1] if rng.random() > 0.1 else math.nan for p in places],
        "lon": [p[2] for p in places],
    })


FRAMES = [(seed, shared) for seed in range(6) for shared in (True, False)]


@pytest.fixture(params=FRAMES, ids=[f"seed{s}-{'shared' if sh else 'copies'}" for s, sh in FRAMES])
def frame(request: pytest.FixtureRequest) -> pd.DataFrame:
    seed, shared = request.param
    return random_frame(seed, shared=shared)


def test_the_frames_hold_what_the_comparison_needs() -> None:
    df = random_frame(0)
    assert df["actors"].map(id).nunique() <= 25 < len(df)  # shared cells: few groups
    assert random_frame(0, shared=False)["actors"].map(id).nunique() > 300  # copies: about a group per row
    assert set(df["event_type"].dropna()) >= {"talks", "summit", "air_attack"} and df["event_type"].isna().any()
    assert reference.party_links(df) and not reference.attack_targets(df).empty


def test_party_links_are_the_row_by_row_ones(frame: pd.DataFrame) -> None:
    assert maps.party_links(frame) == reference.party_links(frame)


def test_country_counts_are_the_row_by_row_ones(frame: pd.DataFrame) -> None:
    rows = maps.country_groups(frame)
    per_type = rows.per_type()
    got = {(rows.items.values[i], rows.groups.labels[j]): int(per_type[i, j]) for i, j in zip(*np.nonzero(per_type),
                                                                                               strict=True)}
    assert got == reference.country_types(frame)
    centroids = countries.country_centroids()
    assert maps._events_on_map(frame, rows, centroids) == reference.events_on_map(frame, centroids)


def test_attack_targets_are_the_row_by_row_ones(frame: pd.DataFrame) -> None:
    got, want = maps.attack_targets(frame), reference.attack_targets(frame)
    pd.testing.assert_frame_equal(got, want)
    assert len(got) >= 3 and got["attackers"].map(len).max() >= 2  # ranked lists of attackers were compared


def test_actor_table_is_the_row_by_row_one_in_the_same_order(frame: pd.DataFrame) -> None:
    got, want = network.actor_table(frame), reference._actor_table(frame)
    assert list(got) == list(want)  # first appearance
    for name in want:
        assert got[name]["events"] == want[name]["events"]
        assert got[name]["country"] == want[name]["country"]
        # Counter order decides most_common's ties (the node's kind)
        assert list(got[name]["kinds"].items()) == list(want[name]["kinds"].items())
        assert dict(got[name]["types"]) == dict(want[name]["types"])


@pytest.mark.parametrize("keep", [{"Russia", "Ukraine", "Vladimir Putin"}, {"Hamas"}, set()])
def test_network_links_and_coverage_are_the_row_by_row_ones(frame: pd.DataFrame, keep: set[str]) -> None:
    rows = network.actor_groups(frame)
    kept = rows.kept(keep)
    links = cells.pair_counts(rows.groups, kept, np.ones(len(rows.groups.rows), dtype=bool))
    assert (links, rows.rows_with(kept), rows.rows_with(rows.names)) == reference.network_counts(frame, keep)


def test_an_empty_frame_has_no_groups() -> None:
    df = random_frame(0).iloc[:0]
    assert maps.party_links(df) == {} and maps.attack_targets(df).empty and network.actor_table(df) == {}
    assert maps.country_groups(df).per_type().sum() == 0


def test_ranked_orders_by_weight_then_first_seen() -> None:
    keys = np.array([0, 0, 0, 1, 1])
    values = np.array([5, 3, 3, 2, 4])
    weights = np.array([2.0, 1.0, 1.0, 1.0, 1.0])
    order = np.array([4, 0, 1, 3, 2])
    assert cells.ranked(keys, values, weights, order) == {0: [3, 5], 1: [4, 2]}
