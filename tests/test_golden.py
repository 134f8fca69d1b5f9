"""The extractor scored on the annotated golden corpus: a precision/recall floor, like trafilatura's."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from events.evaluate import same_date, score_folder

GOLDEN = Path(__file__).parent / "data" / "golden"
# Floors set a little under what the rules reach (README "Quality"), per part and matching mode; the held-out part
# is never used for tuning. dev grew thirteen times by articles written by a helper and scored before any tuning on
# them (overlap F1 0.74, 0.68, 0.82, 0.75, 0.74, 0.78, 0.77, 0.74, 0.75, 0.77, 0.77, 0.71 and 0.78): its floors went down with the
# first two. Ten articles each of the tenth to thirteenth batches went to the holdout unread (34 -> 74): its
# place floors went down with the first ten and the thirteenth (place 0.851 -> 0.825). The F1 floors went up on
# 2026-12-07 (dev 0.829, holdout 0.812 then); the holdout's went down again with the twelfth batch (as written 0.707;
# the holdout 0.812 -> 0.795) and with the fifteenth (as written 0.714; the holdout, 84 -> 94 articles, 0.794 -> 0.781,
# strict 0.659 -> 0.634). The sixteenth (as written 0.722) took the holdout to 104 articles at 0.775 (strict 0.632).
FLOORS = {
    ("dev", "overlap"): {"f1": 0.81, "status": 0.91, "date": 0.78, "place": 0.84},
    ("dev", "strict"): {"f1": 0.68, "status": 0.90, "date": 0.76, "place": 0.85},
    ("holdout", "overlap"): {"f1": 0.77, "status": 0.87, "date": 0.75, "place": 0.80},
    ("holdout", "strict"): {"f1": 0.62, "status": 0.89, "date": 0.75, "place": 0.82},
}
_REPORTS: dict[str, object] = {}


def report(part: str):
    if part not in _REPORTS:
        _REPORTS[part] = score_folder(GOLDEN / part)
    return _REPORTS[part]


@pytest.mark.parametrize(("part", "mode"), sorted(FLOORS))
def test_golden_floor(part, mode):
    score = report(part)[mode, "all"]
    print(f"{part} {mode}: {score.summary()}")
    floor = FLOORS[part, mode]
    # the holdout's errors are not shown: whoever runs the tests while writing rules must not read them
    errors = "\n".join(score.errors) if part == "dev" else "(holdout errors are not shown)"
    assert score.f1 >= floor["f1"], errors
    assert score.accuracy(score.status_ok) >= floor["status"], errors
    assert score.accuracy(score.date_ok) >= floor["date"], errors
    assert score.accuracy(score.place_ok) >= floor["place"], errors


def _events(md: Path) -> list[dict]:
    return (yaml.safe_load(md.with_suffix(".yaml").read_text(encoding="utf-8")) or {}).get("events") or []


def test_corpus_shape():
    """100+ articles, 40 % Romanian, 40 % about other conflicts, a holdout of 30+; every type and status; no-event
    articles."""
    docs = sorted(GOLDEN.glob("*/*.md"))
    romanian = [p for p in docs if p.name.startswith("ro_")]
    # an article about another conflict: none of its events has Russia or Ukraine as a party
    other = [p for p in docs if _events(p) and not any({"RUS", "UKR"} & set(e["countries"]) for e in _events(p))]
    assert len(docs) >= 100 and len(romanian) >= 0.4 * len(docs) and len(other) >= 0.4 * len(docs)
    assert len(list((GOLDEN / "holdout").glob("*.md"))) >= 30
    events = [e for p in docs for e in _events(p)]
    assert {e["type"] for e in events} == {"talks", "summit", "air_attack"}
    assert {e["status"] for e in events} == {"occurred", "planned", "cancelled"}
    assert any(not _events(p) for p in docs)


def test_annotations_follow_the_format():
    """Every annotation has the README's keys and values; evidence is quoted from the article."""
    import pycountry

    precision_of = {"day", "week", "month", "year"}
    for md in sorted(GOLDEN.glob("*/*.md")):
        body = md.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        for e in _events(md):
            where = f"{md.name}: {e.get('evidence')!r}"
            assert e["type"] in {"talks", "summit", "air_attack"} and e["status"] in {"occurred", "planned", "cancelled"}, where
            assert e["countries"] == sorted(set(e["countries"])), where
            assert all(c in {"XKX", "PSE", "TWN", "ESH"} or pycountry.countries.get(alpha_3=c) for c in e["countries"]), where
            assert (e["date"] is None) == (e["precision"] is None) and (e["precision"] in precision_of | {None}), where
            assert (e["place"] is None) == (e["place_country"] is None) or e["place_country"] is None, where
            assert e["evidence"] and e["evidence"] in body, where


@pytest.mark.parametrize(("predicted", "expected", "precision", "same"), [
    ("2025-08-15", "2025-08-01", "month", True),  # "mid-August": August, as annotated
    ("2025-09-15", "2025-08-01", "month", False),
    ("2025-08-15", "2025-08-14", "day", False),
    ("2025-08-15", "2025-08-15", "day", True),
    ("2025-08-11", "2025-08-11", "week", True),  # a week is its Monday
    ("2025-08-12", "2025-08-11", "week", False),
    ("2026-03-01", "2026-01-01", "year", True),
    (None, None, None, True),
    ("2025-08-15", None, None, False),  # a date the text does not give
])
def test_dates_agree_at_the_annotations_precision(predicted, expected, precision, same):
    assert same_date(predicted, expected, precision) is same
