"""The seed article (as given, with its metadata from data/seeds.metadata.yaml) gives exactly its readings."""

from __future__ import annotations

from datetime import date

import pytest

from events.pipeline import event_row, extract_paths
from events.records import ReadProblem


@pytest.fixture(scope="module")
def seed_rows(root):
    items = list(extract_paths([root / "seeds"], metadata=root / "data" / "seeds.metadata.yaml"))
    assert not [i for i in items if isinstance(i, ReadProblem)]
    (article, evs), = items
    assert article.published == date(2025, 9, 3) and article.language == "ro"
    return [event_row(article, e) for e in evs]


def _find(rows, etype, countries):
    hits = [r for r in rows if r["event_type"] == etype and sorted(r["countries"]) == sorted(countries)]
    assert len(hits) == 1, f"expected one {etype} {countries}, got {len(hits)}: {[r['sentence'][:60] for r in rows]}"
    return hits[0]


def test_talks_russia_us_planned(seed_rows):
    row = _find(seed_rows, "talks", ["RUS", "USA"])
    assert row["status"] == "planned"
    assert "Maria Zakharova" in row["attributed_to"]
    assert row["date"] is None  # "a raportat miercuri" dates the report of a planned round, not the round


def test_air_attack_on_kyiv(seed_rows):
    row = _find(seed_rows, "air_attack", ["RUS", "UKR"])
    assert row["status"] == "occurred"
    assert row["date"] == "2025-09-03" and row["date_precision"] == "day"
    assert row["location_name"] == "Kyiv" and row["location_country"] == "UKR"
    roles = {(a["country"], a["role"]) for a in row["actors"] if a["kind"] == "country"}
    assert ("RUS", "initiator") in roles and ("UKR", "target") in roles
    assert 49.5 < row["lat"] < 51 and 30 < row["lon"] < 31.5


def test_talks_russia_ukraine(seed_rows):
    row = _find(seed_rows, "talks", ["RUS", "UKR"])
    assert row["status"] in ("planned", "occurred")
    assert "Sergey Lavrov" in row["attributed_to"] or "Sergei Lavrov" in row["attributed_to"]


def test_alaska_summit(seed_rows):
    row = _find(seed_rows, "summit", ["RUS", "USA"])
    assert row["status"] == "occurred"
    assert row["date"] == "2025-08-15" and row["date_precision"] == "month"
    assert row["location_name"] == "Alaska" and row["location_country"] == "USA"


def test_white_house_meeting(seed_rows):
    row = _find(seed_rows, "summit", ["UKR", "USA"])
    assert row["status"] == "occurred"
    assert row["location_name"] == "White House"
    assert row["date"] is None  # "a declarat marți" dates Trump's remark, not the earlier meeting
    names = {a["name"] for a in row["actors"]}
    assert {"Donald Trump", "Volodymyr Zelensky"} <= names
    assert "NATO" in names


def test_expected_zelensky_putin_meeting(seed_rows):
    row = _find(seed_rows, "summit", ["RUS", "UKR"])
    assert row["status"] == "planned"
    assert {"Volodymyr Zelensky", "Vladimir Putin"} <= {a["name"] for a in row["actors"]}


def test_nothing_else(seed_rows):
    kinds = sorted((r["event_type"], tuple(r["countries"])) for r in seed_rows)
    assert kinds == sorted([
        ("talks", ("RUS", "USA")),
        ("air_attack", ("RUS", "UKR")),
        ("talks", ("RUS", "UKR")),
        ("summit", ("RUS", "USA")),
        ("summit", ("UKR", "USA")),
        ("summit", ("RUS", "UKR")),
    ])


def test_evidence_offsets_point_into_the_text(seed_rows, root):
    text = (root / "seeds" / "000_eea6658212023e61.txt").read_text(encoding="utf-8")
    for r in seed_rows:
        assert text[r["start"] : r["end"]] == r["sentence"]


def test_event_ids_are_stable(seed_rows, root):
    again = [e for i in extract_paths([root / "seeds"], metadata=root / "data" / "seeds.metadata.yaml")
             for e in i[1]]
    assert sorted(e.event_id for e in again) == sorted(r["report_id"] for r in seed_rows)
    assert len({r["report_id"] for r in seed_rows}) == len(seed_rows)


def test_event_ids_are_unique_in_every_bundled_article(root):
    from events.extract import extract
    from events.readers import read_paths
    from events.records import Article

    for art in read_paths([root / "data" / "corpus", root / "tests" / "data" / "golden" / "dev"]):
        if isinstance(art, Article):
            ids = [e.event_id for e in extract(art)]
            assert len(ids) == len(set(ids)), art.path
