"""Grouping reports across articles into events (events/grouping.py): a case table of report pairs, the events'
summaries, determinism, and the floors on the grouping corpus."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from events import grouping
from events.evaluate_grouping import annotated_rows, evaluate, extracted_rows, score
from events.grouping import (
    GroupingRulesError,
    candidate_pairs,
    compare,
    connected_parts,
    group,
    load_rules,
    lookup_keys,
    report_of,
    stored_keys,
    summarize,
)

CORPUS = Path(__file__).parent / "data" / "grouping"
HOLDOUT = CORPUS.parent / "grouping_holdout"  # scored, never read while tuning
COORDS = {"Kyiv": (50.45, 30.52), "Kharkiv": (49.99, 36.23), "Anchorage": (61.22, -149.9), "Istanbul": (41.01, 28.98),
          "Alaska": (64.0, -150.0), "Geneva": (46.2, 6.14), "Riyadh": (24.71, 46.68)}
PLACE_COUNTRY = {"Kyiv": "UKR", "Kharkiv": "UKR", "Anchorage": "USA", "Alaska": "USA", "Istanbul": "TUR",
                 "Geneva": "CHE", "Riyadh": "SAU"}


def _row(rid: str, article: str, *, type_: str = "talks", status: str = "occurred", date: str | None = "2025-08-15",
         precision: str | None = "day", countries: tuple[str, ...] = ("RUS", "USA"), place: str | None = None,
         published: str = "2025-08-16", source: str | None = None, attackers: tuple[str, ...] = (),
         targets: tuple[str, ...] = (), confidence: float = 0.7) -> dict[str, Any]:
    """An events-table row with what grouping reads."""
    actors = [{"name": c, "kind": "country", "country": c, "role": "initiator"} for c in attackers]
    actors += [{"name": c, "kind": "country", "country": c, "role": "target"} for c in targets]
    lat, lon = COORDS.get(place or "", (None, None))
    return {"report_id": rid, "article_id": article, "source": source or f"outlet of {article}", "published": published,
            "event_type": type_, "status": status, "date": date, "date_precision": precision if date else None,
            "countries": sorted(set(countries) | set(attackers) | set(targets)), "actors": actors,
            "location_name": place, "location_country": PLACE_COUNTRY.get(place or ""), "lat": lat, "lon": lon,
            "confidence": confidence}


def _attack(rid: str, article: str, date: str, place: str, **kw: Any) -> dict[str, Any]:
    """A Russian air attack on a Ukrainian place."""
    return _row(rid, article, type_="air_attack", date=date, place=place, attackers=("RUS",), targets=("UKR",),
                countries=(), **kw)


def _groups(*rows: dict[str, Any]) -> list[set[str]]:
    """The report ids of each group, as sets, sorted by their smallest id."""
    return sorted((set(g.report_ids) for g in group([report_of(r) for r in rows])), key=min)


# (name, rows, expected groups)
CASES = [
    ("a summit announced, then held, the same day", [
        _row("a", "1", type_="summit", status="planned", place="Anchorage", published="2025-08-09"),
        _row("b", "2", type_="summit", place="Anchorage")], [{"a", "b"}]),
    ("one outlet's talks are another's summit", [
        _row("a", "1", type_="summit", place="Anchorage"), _row("b", "2", place="Anchorage")], [{"a", "b"}]),
    ("a month-precision recall joins the dated summit", [
        _row("a", "1", type_="summit", place="Anchorage"),
        _row("b", "2", type_="summit", date="2025-08-01", precision="month", place="Anchorage", published="2025-09-30"),
    ], [{"a", "b"}]),
    ("a region holds its city", [
        _row("a", "1", type_="summit", place="Anchorage"), _row("b", "2", type_="summit", place="Alaska")],
     [{"a", "b"}]),
    ("a postponed meeting: the planned date moved by a week", [
        _row("a", "1", status="planned", date="2025-05-08", place="Istanbul", published="2025-05-01"),
        _row("b", "2", date="2025-05-15", place="Istanbul")], [{"a", "b"}]),
    ("the next round, 17 days later, is another event", [
        _row("a", "1", date="2025-05-16", place="Istanbul"),
        _row("b", "2", status="planned", date="2025-06-02", place="Istanbul", published="2025-05-20")],
     [{"a"}, {"b"}]),
    ("consecutive nights' attacks on one city are two events", [
        _attack("a", "1", "2026-01-12", "Kyiv"), _attack("b", "2", "2026-01-13", "Kyiv"),
        _attack("c", "3", "2026-01-12", "Kyiv")], [{"a", "c"}, {"b"}]),
    ("attacks on two cities the same night are two events", [
        _attack("a", "1", "2025-06-11", "Kharkiv"), _attack("b", "2", "2025-06-11", "Kyiv")], [{"a"}, {"b"}]),
    ("attacker and target must agree", [
        _attack("a", "1", "2025-06-11", "Kyiv"),
        _row("b", "2", type_="air_attack", date="2025-06-11", place="Kyiv", attackers=("UKR",), targets=("RUS",),
             countries=())], [{"a"}, {"b"}]),
    ("two calls with different partners on one day", [
        _row("a", "1", countries=("USA", "KHM")), _row("b", "2", countries=("USA", "THA"))], [{"a"}, {"b"}]),
    ("one article reports each event once", [
        _row("a", "1", place="Geneva"), _row("b", "1", place="Geneva")], [{"a"}, {"b"}]),
    ("held and cancelled cannot be one event", [
        _row("a", "1", type_="summit"), _row("b", "2", type_="summit", status="cancelled")], [{"a"}, {"b"}]),
    ("the same parties in two cities in one week", [
        _row("a", "1", countries=("UKR", "USA"), date="2026-02-09", place="Geneva"),
        _row("b", "2", countries=("UKR", "USA"), date="2026-02-12", place="Riyadh")], [{"a"}, {"b"}]),
    ("an undated recall with its place joins the one event it fits", [
        _row("a", "1", type_="summit", place="Anchorage"),
        _row("b", "2", type_="summit", date=None, place="Anchorage", published="2026-03-01")], [{"a", "b"}]),
    ("an undated recall that fits two rounds joins neither", [
        _row("a", "1", date="2025-11-23", place="Geneva", countries=("UKR", "USA")),
        _row("b", "2", date="2026-02-09", place="Geneva", countries=("UKR", "USA")),
        _row("c", "3", date=None, place="Geneva", countries=("UKR", "USA"), published="2026-03-01")],
     [{"a"}, {"b"}, {"c"}]),
    ("a vague report never chains two events (complete linkage)", [
        _row("a", "1", date="2025-06-04", place="Istanbul"),
        _row("b", "2", date="2025-06-01", precision="month", place="Istanbul", published="2025-07-05"),
        _row("c", "3", date="2025-06-20", place="Istanbul", published="2025-06-21")], [{"a", "b"}, {"c"}]),
    ("an undated air attack recalled months later joins nothing", [
        _attack("a", "1", "2025-06-11", "Kharkiv"),
        _row("b", "2", type_="air_attack", date=None, place="Kharkiv", attackers=("RUS",), targets=("UKR",),
             countries=(), published="2025-10-22")], [{"a"}, {"b"}]),
    ("plans with the same parties and no date group together", [
        _row("a", "1", type_="summit", status="planned", date=None, countries=("RUS", "UKR", "USA")),
        _row("b", "2", type_="summit", status="planned", date=None, countries=("RUS", "UKR", "USA"),
             published="2025-08-20")], [{"a", "b"}]),
    ("a call dated a day apart by two outlets, the same parties: one call", [
        _row("a", "1", date="2025-07-03", published="2025-07-03"),
        _row("b", "2", date="2025-07-04", published="2025-07-04")], [{"a", "b"}]),
    ("a day apart with parties only within the other's: two events", [
        _row("a", "1", date="2025-07-03", published="2025-07-03"),
        _row("b", "2", date="2025-07-04", countries=("RUS", "UKR", "USA"), published="2025-07-04")],
     [{"a"}, {"b"}]),
    ("a day apart and planned then held elsewhere in the window: no evidence from the dates alone", [
        _row("a", "1", status="planned", date="2025-07-03", published="2025-07-01"),
        _row("b", "2", date="2025-07-04", countries=("UKR", "USA"), published="2025-07-04")], [{"a"}, {"b"}]),
]


@pytest.mark.parametrize(("rows", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_grouping_cases(rows: list[dict[str, Any]], expected: list[set[str]]) -> None:
    assert _groups(*rows) == expected


def test_a_link_says_why_and_a_conflict_says_what():
    a, b = report_of(_attack("a", "1", "2025-06-11", "Kyiv")), report_of(_attack("b", "2", "2025-06-11", "Kyiv"))
    link = compare(a, b)
    assert link.conflict is None and "same day" in link.reasons and "same place" in link.reasons
    assert link.explain().endswith(f"(score {link.score:g})")
    far = compare(a, report_of(_attack("c", "3", "2025-06-11", "Kharkiv")))
    assert far.conflict and "km apart" in far.explain()


def test_an_event_says_what_its_reports_say_together():
    rows = [
        _row("a", "1", type_="summit", status="planned", date="2025-08-15", published="2025-08-08", source="Wire",
             place="Alaska", confidence=0.6),
        _row("b", "2", type_="summit", published="2025-08-15", source="Wire", place="Anchorage", confidence=0.6),
        _row("c", "3", type_="summit", published="2025-08-16", source="Herald", place="Anchorage", confidence=0.6),
    ]
    (event,) = group([report_of(r) for r in rows])
    assert event.status == "occurred"
    assert event.status_history == (("planned", "2025-08-08"), ("occurred", "2025-08-15"))
    assert event.planned_dates == ("2025-08-15/day",)
    assert (event.n_reports, event.n_articles, event.n_sources) == (3, 3, 2)
    assert event.place == "anchorage" and event.report_ids == ("a", "b", "c")
    assert event.first_reported.isoformat() == "2025-08-08" and event.last_reported.isoformat() == "2025-08-16"
    assert len(event.links) == 2


def test_two_outlets_corroborate_more_than_one_outlet_twice():
    one_outlet = group([report_of(_row(r, r, source="Wire", place="Anchorage")) for r in "ab"])
    two_outlets = group([report_of(_row(r, r, source=f"Wire {r}", place="Anchorage")) for r in "ab"])
    assert one_outlet[0].confidence == pytest.approx(0.7)
    assert two_outlets[0].confidence == pytest.approx(1 - 0.3 * 0.3)


@pytest.mark.parametrize("seed", [1, 2])
def test_an_event_of_one_report_is_what_the_votes_of_one_report_give(seed: int):
    """Most events have one report and skip the votes: every kind of report (each status, precision, with and
    without place, date, publication or confidence) gives the event the votes would."""
    rows = _random_rows(200, seed)
    for k, row in enumerate(rows):
        if k % 7 == 0:
            row["published"] = None
        if k % 11 == 0:
            row["confidence"] = None
    alone = [report_of(r) for r in rows]
    assert any(r.published is None for r in alone) and any(r.place for r in alone) and any(not r.date for r in alone)
    assert [summarize([r]) for r in alone] == [grouping._together([r], ()) for r in alone]


def test_grouping_is_deterministic_and_local_to_its_links():
    """Any order of the reports gives the same events, and so does grouping each part of the link graph alone."""
    rows, _ = annotated_rows(CORPUS)
    reports = [report_of(r) for r in rows]
    whole = group(reports)
    shuffled = reports[:]
    random.Random(7).shuffle(shuffled)
    assert group(shuffled) == whole
    parts = connected_parts(reports)
    assert 20 < len(parts) < len(reports)
    assert sorted((g for part in parts for g in group(part)), key=lambda g: g.event_id) == whole


def test_the_index_finds_every_pair_that_links():
    """Comparing only the pairs the index proposes finds every link that comparing all pairs finds."""
    rows = annotated_rows(CORPUS)[0] + [r for _, case_rows, _ in CASES for r in case_rows]
    rows += [_row(f"n{i}", f"n{i}", place="Kyiv", date=None) for i in range(3)]  # undated, two parties, a place
    rows += [{**_row("far-north-a", "fa", place="Anchorage"), "lat": 69.0, "lon": 33.0},
             {**_row("far-north-b", "fb", place="Anchorage"), "lat": 69.0, "lon": 33.55}]  # 22 km apart, 3 columns
    reports = [report_of(r) for r in rows]
    rules = load_rules()
    every = {(i, j) for i in range(len(reports)) for j in range(i + 1, len(reports))}
    linked = {(i, j) for i, j in every if (lk := compare(reports[i], reports[j], rules)).conflict is None
              and lk.score >= rules.min_score}
    assert linked - candidate_pairs(reports, rules) == set()
    assert len(candidate_pairs(reports, rules)) < len(every) / 10


def _random_rows(n: int, seed: int) -> list[dict[str, Any]]:
    """Dense random reports: few countries and places (some within a few km of each other, north and south, some
    across the borders of the index's cells and regions, some far apart), every status and precision, over two
    months."""
    rng = random.Random(seed)
    places = [("P0", 60.10, 30.00), ("P1", 60.22, 30.30), ("P2", 60.10, 30.90), ("P3", 10.00, 30.00),
              ("P4", 10.05, 30.20), ("Kyiv", 50.45, 30.52), ("P5", 50.20, 32.20), ("P6", 51.70, 30.52),
              ("P7", 50.45, 33.90), ("P8", 48.00, 37.80), ("P9", 66.80, 31.00), ("P10", 66.85, 34.30)]
    rows = []
    for i in range(n):
        place = rng.choice([*places, None, None])
        precision = rng.choice(["day", "day", "day", "week", "month", None])
        day = f"2025-08-{rng.randrange(1, 29):02d}"
        countries = rng.sample(["RUS", "USA", "UKR", "TUR", "CHN"], rng.choice([1, 2, 2, 3]))
        row = _row(f"r{i}", f"a{i // 3}", type_=rng.choice(["talks", "summit", "air_attack"]),
                   status=rng.choice(["occurred", "occurred", "planned", "cancelled"]), date=day if precision else None,
                   precision=precision, countries=tuple(countries), published=f"2025-09-{rng.randrange(1, 29):02d}")
        if place:
            row.update(location_name=place[0], lat=place[1], lon=place[2], location_country=rng.choice(countries))
        rows.append(row)
    return rows


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_index_finds_every_link_among_dense_random_reports(seed: int):
    """On dense random reports of every kind, comparing the index's pairs finds every link (and far from all
    pairs are compared)."""
    reports = [report_of(r) for r in _random_rows(300, seed)]
    rules = load_rules()
    every = {(i, j) for i in range(len(reports)) for j in range(i + 1, len(reports))}
    linked = {(i, j) for i, j in every if (lk := compare(reports[i], reports[j], rules)).conflict is None
              and lk.score >= rules.min_score}
    proposed = candidate_pairs(reports, rules)
    assert len(linked) > 200
    assert linked - proposed == set()
    assert len(proposed) < len(every) / 3


@pytest.mark.parametrize("seed", [4, 5])
def test_a_new_report_finds_its_candidates_among_stored_keys(seed: int):
    """A store keeps only the keys where each report is stored; a new report's lookup keys find every report
    the index would propose it with (neighbouring cells included: places a few km apart across cell borders)."""
    rules = load_rules()
    reports = [report_of(r) for r in _random_rows(300, seed)]
    index: dict[tuple[str, ...], list[tuple[Any, Any, int, str]]] = {}
    for i, r in enumerate(reports):
        for key, how, (lo, hi) in stored_keys(r, rules):
            index.setdefault(key, []).append((lo, hi, i, how))
    proposed = candidate_pairs(reports, rules)
    checked = 0
    for n, r in enumerate(reports):
        found = {i for key, wanted, (lo, hi) in lookup_keys(r, rules) for olo, ohi, i, how in index.get(key, [])
                 if how in wanted and olo <= hi and ohi >= lo}
        partners = {j if i == n else i for i, j in proposed if n in (i, j)}
        assert partners <= found, (r, partners - found)
        checked += len(partners)
    assert checked > 1000


def test_score_counts_pairs_and_bcubed():
    truth = {"a": "x", "b": "x", "c": "y"}
    perfect = score({"a": "1", "b": "1", "c": "2"}, truth)
    assert perfect.bcubed_f1 == perfect.pair_f1 == 1.0
    lumped = score({"a": "1", "b": "1", "c": "1"}, truth)
    assert lumped.pair_precision == pytest.approx(1 / 3) and lumped.pair_recall == 1.0
    assert lumped.bcubed_precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
    with pytest.raises(ValueError):
        score({"a": "1"}, truth)


def test_malformed_rules_name_the_file(tmp_path: Path):
    bad = tmp_path / "grouping.yaml"
    bad.write_text("families: {diplomacy: [talks]}\nmin_score: 4\n", encoding="utf-8")
    with pytest.raises(GroupingRulesError, match="grouping.yaml"):
        load_rules(bad)


def test_grouping_floor_on_the_annotated_reports():
    """The grouping alone, on the corpus's own reports (as if extraction were perfect)."""
    result, errors = evaluate(*annotated_rows(CORPUS))
    assert result.bcubed_f1 >= 0.95, errors
    assert result.pair_precision >= 0.95, errors


def test_grouping_floor_on_what_the_extractor_finds():
    """End to end: the reports the extractor finds in the corpus, grouped, scored where they match a true one."""
    rows, truth = extracted_rows(CORPUS)
    assert len(truth) >= 160
    result, errors = evaluate(rows, truth)
    assert result.bcubed_f1 >= 0.90, errors


def test_grouping_floor_on_the_holdout():
    """The holdout, written by someone who never saw the rules and never read while tuning them: floors a little
    under what it scored when first run (annotated 0.931, extracted 0.815 on 60 matched reports)."""
    annotated, _ = evaluate(*annotated_rows(HOLDOUT))
    assert annotated.bcubed_f1 >= 0.90
    rows, truth = extracted_rows(HOLDOUT)
    assert len(truth) >= 55
    extracted, _ = evaluate(rows, truth)
    assert extracted.bcubed_f1 >= 0.78
