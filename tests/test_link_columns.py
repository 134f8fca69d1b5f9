"""Links on columns (events/link_columns.py) against the definition, pair by pair (grouping.compare): the same
pairs proposed, the same links, scores and reasons, in the same order."""

from __future__ import annotations

import random
import re
from itertools import combinations

import pytest

from events import link_columns
from events.grouping import candidate_pairs, compare, links, load_rules, report_of, strongest_first
from tests.test_grouping import _random_rows, _row


def _links_pair_by_pair(reports):
    """Every pair compared by grouping.compare: those that link, strongest first."""
    rules = load_rules()
    found = [lk for a, b in combinations(reports, 2)
             if (lk := compare(a, b, rules)).conflict is None and lk.score >= rules.min_score]
    return sorted(found, key=strongest_first)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_columns_link_what_comparing_every_pair_links(seed: int):
    """Dense random reports of every type, status, precision and place (cells, regions, far apart): the links,
    with their scores and reasons, are those of comparing every pair one by one."""
    rows = _random_rows(300, seed)
    rows += [_row(f"w{i}", f"w{i}", place=rng.choice(["Alaska", "Anchorage"]), status=rng.choice(["occurred", "planned"]))
             for i, rng in enumerate([random.Random(seed)] * 12)]  # a region and a city in it
    reports = [report_of(r) for r in rows]
    found = links(reports)
    assert len(found) > 200
    assert found == _links_pair_by_pair(reports)
    kinds = {re.sub(r"\d+", "N", reason) for lk in found for reason in lk.reasons}
    assert kinds == {"same day", "dates N d apart", "dates N d apart (a planned date moved)", "overlapping dates",
                     "same place", "places N km apart", "a place within the other", "same parties",
                     "parties within the other's", "talks / summit", "summit / talks"}


def test_sets_of_more_than_sixty_four_countries_compare_word_by_word():
    """Country sets span several 64-bit words when a store names more than 64 countries: parties in common are
    counted across the words."""
    codes = [f"C{i:03d}" for i in range(150)]
    rng = random.Random(9)
    rows = [_row(f"r{i}", f"a{i}", countries=tuple(rng.sample(codes[:3] + codes[-3:], 2)) if i % 2 else
                 tuple(rng.sample(codes, 3)), date=f"2025-08-{1 + i % 3:02d}") for i in range(240)]
    reports = [report_of(r) for r in rows]
    found = links(reports)
    assert found == _links_pair_by_pair(reports)
    assert len(found) > 20
    words = link_columns._columns(reports, load_rules()).countries
    assert words.shape[1] == 3
    position = {r.report_id: k for k, r in enumerate(reports)}
    assert any((words[position[lk.a]] & words[position[lk.b]])[1:].any() for lk in found)  # past the first word


def test_the_reasons_name_the_smaller_id_first_and_the_types_in_its_order():
    """A summit and talks of the same meeting: the link names the smaller report id first, and its reason the
    types in that order (as grouping.compare does)."""
    rows = [_row("b", "1", type_="summit", place="Anchorage"), _row("a", "2", type_="talks", place="Anchorage")]
    (link,) = links([report_of(r) for r in rows])
    assert (link.a, link.b) == ("a", "b")
    assert link.reasons == ("same day", "same place", "same parties", "talks / summit")


def test_no_reports_or_no_pairs_give_no_links():
    rules = load_rules()
    assert links([]) == []
    lone = [report_of(_row("x", "1"))]
    assert links(lone) == [] and candidate_pairs(lone, rules) == set()
    first, second = link_columns.candidate_pairs([report_of(_row("u", "1", date=None))], rules)
    assert len(first) == len(second) == 0


def test_pairs_made_and_compared_in_slices_give_the_same_links(monkeypatch: pytest.MonkeyPatch):
    """A store of millions of reports makes and compares its pairs a slice at a time (memory stays bounded):
    slices of a few dozen pairs give the same pairs and links as one pass."""
    reports = [report_of(r) for r in _random_rows(300, 5)]
    rules = load_rules()
    whole_pairs, whole_links = candidate_pairs(reports, rules), links(reports)
    monkeypatch.setattr(link_columns, "PAIRS_AT_ONCE", 37)
    assert candidate_pairs(reports, rules) == whole_pairs
    assert links(reports) == whole_links
    assert len(whole_links) > 5 * 37
