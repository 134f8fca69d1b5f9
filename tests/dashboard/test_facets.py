"""events.dashboard.facets: each sidebar facet counts its values among the events every *other* filter leaves, zeros kept."""

from __future__ import annotations

import dataclasses
from datetime import date

import pandas as pd
import pytest

from events.dashboard import facets, strings
from events.dashboard import filters as flt
from events.search import SearchHits
from tests.dashboard.test_filters import ids, sample_frame

# the sample's options per facet, for a brute-force check: value lists by Filters field
OPTION_FUNCTIONS = {
    "actors": flt.actor_options,
    "countries": flt.country_options,
    "event_types": flt.type_options,
    "statuses": flt.status_options,
    "languages": flt.language_options,
    "sources": flt.source_options,
    "places": flt.place_options,
    "location_countries": flt.location_country_options,
}
EMPTY_FACET = {"actors": (), "countries": (), "event_types": (), "statuses": (), "languages": (), "sources": (),
               "places": (), "location_countries": ()}


@pytest.fixture
def df() -> pd.DataFrame:
    """The prepared 20-event sample."""
    return flt.prepare(sample_frame())


# (filters, facet, the counts expected for some of its values)
CASES = [
    # nothing filtered: every facet counts the whole table
    (flt.Filters(), "event_types", {"talks": 8, "air_attack": 8, "summit": 4}),
    # a facet ignores its own filter: the other types still say what choosing them would add
    (flt.Filters(event_types=("summit",)), "event_types", {"talks": 8, "air_attack": 8, "summit": 4}),
    # ... and every other facet counts the summits only, zeros kept
    (flt.Filters(event_types=("summit",)), "statuses", {"occurred": 2, "planned": 1, "cancelled": 1}),
    (flt.Filters(event_types=("summit",)), "sources", {"Agerpres": 3, "Reuters": 1, "AP": 0, "Digi24": 0}),
    (flt.Filters(event_types=("summit",)), "places", {"Anchorage": 1, "The Hague": 1, "Kyiv": 0, "Istanbul": 0}),
    (flt.Filters(event_types=("summit",)), "actors", {"Donald Trump": 2, "Russia": 1, "Houthis": 0}),
    # list facets: an event counts once for each of its actors / countries
    (flt.Filters(languages=("en",)), "countries", {"RUS": 5, "UKR": 4, "USA": 3, "ISR": 1, "YEM": 1, "TUR": 0}),
    (flt.Filters(actors=("Vladimir Putin",)), "actors", {"Vladimir Putin": 4, "Russia": 11}),  # own filter ignored
    (flt.Filters(actors=("Vladimir Putin",)), "countries", {"RUS": 4, "USA": 4, "UKR": 1, "ISR": 0}),
    # "all" mode: the actors facet still ignores the actors filter
    (flt.Filters(actors=("Russia", "Ukraine"), actor_mode="all"), "actors", {"Russia": 11, "Ukraine": 10}),
    (flt.Filters(actors=("Russia", "Ukraine"), actor_mode="all"), "event_types", {"talks": 2, "air_attack": 6,
                                                                                   "summit": 0}),
    # the new filters are facets like the others...
    (flt.Filters(places=("Kyiv",)), "places", {"Kyiv": 3, "Riyadh": 2}),
    (flt.Filters(places=("Kyiv",)), "location_countries", {"UKR": 3, "SAU": 0}),
    (flt.Filters(location_countries=("UKR",)), "location_countries", {"UKR": 6, "SAU": 2, "USA": 2}),
    (flt.Filters(location_countries=("UKR",)), "places", {"Kyiv": 3, "Lviv": 1, "Riyadh": 0}),
    # ... and the filters without a facet (dates, confidence, text) narrow every facet
    (flt.Filters(min_confidence=0.85), "event_types", {"talks": 2, "air_attack": 1, "summit": 1}),
    (flt.Filters(date_from=date(2025, 9, 1)), "event_types", {"air_attack": 6, "talks": 2, "summit": 1}),
    (flt.Filters(text="kievul"), "statuses", {"occurred": 2, "planned": 1, "cancelled": 0}),
    # two facets filtered: each counts under the other one only
    (flt.Filters(event_types=("talks",), sources=("AP",)), "event_types", {"talks": 2, "air_attack": 1, "summit": 0}),
    (flt.Filters(event_types=("talks",), sources=("AP",)), "sources", {"AP": 2, "Digi24": 3, "Agerpres": 3,
                                                                       "Reuters": 0}),
]


@pytest.mark.parametrize(("f", "facet", "expected"), CASES)
def test_facet_counts_table(df: pd.DataFrame, f: flt.Filters, facet: str, expected: dict[str, int]) -> None:
    counts = facets.facet_counts(df, f)[facet]
    assert {v: counts[v] for v in expected} == expected


@pytest.mark.parametrize("f", [f for f, _, _ in CASES])
def test_every_facet_counts_what_dropping_its_own_filter_leaves(df: pd.DataFrame, f: flt.Filters) -> None:
    """Brute force: apply the filters without the facet's own, count the values of what is left."""
    counts = facets.facet_counts(df, f)
    for facet, options in OPTION_FUNCTIONS.items():
        others = dataclasses.replace(f, **{facet: EMPTY_FACET[facet]})
        left = dict(options(flt.apply(df, others)))
        every = [v for v, _ in options(df)]
        assert counts[facet] == {v: left.get(v, 0) for v in every}, facet  # every value listed, zeros too


def test_zero_count_values_stay_listed(df: pd.DataFrame) -> None:
    counts = facets.facet_counts(df, flt.Filters(actors=("Houthis",)))
    assert set(counts["event_types"]) == {"talks", "summit", "air_attack"}
    assert counts["event_types"] == {"air_attack": 1, "talks": 0, "summit": 0}
    assert counts["places"]["Eilat"] == 1 and counts["places"]["Kyiv"] == 0
    assert len(counts["actors"]) == len(flt.actor_options(df))  # the actor facet ignores its own filter


def test_counts_with_the_stores_search_hits(df: pd.DataFrame) -> None:
    hits = SearchHits(text="odesa", articles=frozenset({f"{9:016x}"}), events=frozenset({"ev05"}))
    counts = facets.facet_counts(df, flt.Filters(text="odesa"), hits)
    assert counts["event_types"] == {"air_attack": 2, "talks": 0, "summit": 0}
    assert ids(flt.apply(df, flt.Filters(text="odesa"), hits)) == {"ev05", "ev09"}


def test_given_index_and_masks_give_the_same_counts(df: pd.DataFrame) -> None:
    f = flt.Filters(event_types=("talks",), min_confidence=0.6, places=("Riyadh", "Istanbul"))
    index = facets.build_index(df)
    masks = flt.masks(df, f)
    assert facets.facet_counts(df, f, index=index, masks=masks) == facets.facet_counts(sample_frame(), f)
    # an index of another table (the store changed) is not trusted: it is built anew
    small = flt.prepare(sample_frame().head(5))
    assert facets.facet_counts(small, flt.Filters(), index=index)["event_types"] == dict(flt.type_options(small))


def test_missing_and_empty_values_count_for_nothing() -> None:
    frame = sample_frame()
    frame.loc[0, "source"] = ""
    frame.loc[1, "actors"] = None
    counts = facets.facet_counts(frame, flt.Filters())
    assert "" not in counts["sources"] and sum(counts["sources"].values()) == 19
    assert sum(counts["places"].values()) == frame["location_name"].notna().sum()
    assert counts["actors"]["Russia"] == 10  # ev02 lost its actors


def test_empty_table() -> None:
    empty = flt.prepare(sample_frame().head(0))
    counts = facets.facet_counts(empty, flt.Filters(event_types=("talks",)))
    assert set(counts) == set(facets.FACETS) and all(c == {} for c in counts.values())


def test_facet_labels_order_and_greyed_zeros() -> None:
    assert strings.facet_label("Kyiv", 1234) == "Kyiv (1,234)" and strings.facet_label("Kyiv", 0) == "Kyiv (0)"
    assert strings.pill_label("air attack", 7) == "air attack \\(7\\)"
    assert strings.pill_label("summit", 0) == ":gray[summit \\(0\\)]"  # greyed: pills read Markdown
    assert strings.pill_label("**x** [y](z)", 0) == ":gray[\\*\\*x\\*\\* \\[y\\]\\(z\\) \\(0\\)]"  # data stays text
    options = [("Russia", 11), ("Ukraine", 10), ("Turkey", 1), ("Houthis", 1)]
    assert facets.facet_order(options, None) == ["Russia", "Ukraine", "Turkey", "Houthis"]  # nothing filtered
    counts = {"Russia": 2, "Ukraine": 0, "Turkey": 2, "Houthis": 5}
    assert facets.facet_order(options, counts) == ["Houthis", "Russia", "Turkey", "Ukraine"]  # zeros last, store order
    assert facets.facet_count(counts, dict(options), "Ukraine") == 0
    assert facets.facet_count(None, dict(options), "Ukraine") == 10


def test_option_labels_carry_the_facet_count() -> None:
    totals = {"Kyiv": 12, "Odesa": 3}
    assert facets.option_label("Kyiv", totals, None) == "Kyiv (12)"  # nothing filtered: the store's count
    assert facets.option_label("Odesa", totals, {"Kyiv": 2}) == "Odesa (0)"
    assert facets.option_label("Zelenski", totals, {}) == "Zelenski"  # typed, not yet resolved: as typed
    assert facets.option_label("Kyiv", totals, None, str.upper) == "KYIV (12)"
    assert facets.pill_option_label("Odesa", totals, {"Kyiv": 2}) == ":gray[Odesa \\(0\\)]"
    assert facets.pill_option_label("Kyiv", totals, None, str.lower) == "kyiv \\(12\\)"
