"""Score the extractor against an annotated corpus (article.md + article.yaml pairs)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from events.lexicon import fold


@dataclass
class Score:
    """Counts over a corpus; the ratios are properties."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    status_ok: int = 0
    date_ok: int = 0
    place_ok: int = 0
    articles: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, n: int) -> float:
        return n / self.tp if self.tp else 1.0

    def summary(self) -> str:
        """One line with every figure."""
        return (
            f"articles={self.articles} tp={self.tp} fp={self.fp} fn={self.fn} "
            f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
            f"status={self.accuracy(self.status_ok):.3f} date={self.accuracy(self.date_ok):.3f} "
            f"place={self.accuracy(self.place_ok):.3f}"
        )


def _coords(name: str | None) -> tuple[float, float] | None:
    """Coordinates of a place name through the gazetteer (places, then countries' centroids)."""
    from events import gazetteer

    gaz = gazetteer.load()
    key = gazetteer.key_of(name or "")
    hits = gaz.places.get(key)
    if hits:
        return hits[0][1].lat, hits[0][1].lon
    city = gaz.city(key)
    return (city.lat, city.lon) if city else None


def same_place(predicted: str | None, expected: str | None, km: float = 100.0) -> bool:
    """Same canonical place, or both geocoded within km of each other (a venue in its city, a city in its region)."""
    if _place_key(predicted) == _place_key(expected):
        return True
    a, b = _coords(predicted), _coords(expected)
    if a is None or b is None:
        return False
    import math

    dlat, dlon = math.radians(b[0] - a[0]), math.radians(b[1] - a[1])
    h = math.sin(dlat / 2) ** 2 + math.cos(math.radians(a[0])) * math.cos(math.radians(b[0])) * math.sin(dlon / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h)) <= km


def _place_key(name: str | None) -> str | None:
    """Canonical folded place name (aliases resolved through the gazetteer)."""
    if not name:
        return None
    from events import gazetteer

    gaz = gazetteer.load()
    key = gazetteer.key_of(name)
    hits = gaz.places.get(key)
    if hits:
        return fold(hits[0][1].name)
    ents = gaz.entities.get(key)
    if ents and ents[0][1].kind == "country":
        return fold(ents[0][1].name)
    return fold(name)


def score_article(predicted: Sequence[dict[str, Any]], expected: Sequence[dict[str, Any]], name: str, total: Score) -> None:
    """Match predicted to expected events by type + country set; add the counts to total."""
    unmatched = list(predicted)
    total.articles += 1
    for exp in expected:
        key = (exp["type"], tuple(sorted(exp.get("countries") or [])))
        cands = [p for p in unmatched if (p["event_type"], tuple(sorted(p["countries"]))) == key]
        if not cands:
            total.fn += 1
            total.errors.append(f"{name}: missed {key[0]} {'-'.join(key[1])} {exp.get('status')} «{exp.get('evidence')}»")
            continue
        # prefer the candidate that also agrees on status and date
        best = max(cands, key=lambda p: (p["status"] == exp.get("status"), str(p["date"] or "") == str(exp.get("date") or "")))
        unmatched.remove(best)
        total.tp += 1
        if best["status"] == exp.get("status"):
            total.status_ok += 1
        else:
            total.errors.append(f"{name}: status {best['status']} != {exp.get('status')} for {key}")
        exp_date = str(exp["date"]) if exp.get("date") else None
        if exp_date == best["date"]:
            total.date_ok += 1
        else:
            total.errors.append(f"{name}: date {best['date']} ({best.get('date_text')}) != {exp_date} for {key}")
        if same_place(best.get("location_name"), exp.get("place")):
            total.place_ok += 1
        else:
            total.errors.append(f"{name}: place {best.get('location_name')} != {exp.get('place')} for {key}")
    for p in unmatched:
        total.fp += 1
        total.errors.append(
            f"{name}: extra {p['event_type']} {'-'.join(p['countries'])} {p['status']} «{p['sentence'][:90]}»"
        )


def score_folder(folder: Path) -> Score:
    """Extract every article of an annotated folder and score it."""
    from events.pipeline import event_row, extract_paths
    from events.records import ReadProblem

    total = Score()
    for md in sorted(folder.glob("*.md")):
        expected = (yaml.safe_load(md.with_suffix(".yaml").read_text(encoding="utf-8")) or {}).get("events") or []
        predicted = []
        for item in extract_paths([md]):
            if isinstance(item, ReadProblem):
                if not item.message.startswith("warning"):
                    raise RuntimeError(f"{item.path}: {item.message}")
                continue
            article, evs = item
            predicted.extend(event_row(article, e) for e in evs)
        score_article(predicted, expected, md.stem, total)
    return total


def main(argv: Sequence[str] | None = None) -> int:
    """python -m events.evaluate FOLDER [--errors]: print the scores of an annotated corpus."""
    ap = argparse.ArgumentParser(prog="python -m events.evaluate", description=main.__doc__)
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--errors", action="store_true", help="list every miss, extra and wrong field")
    args = ap.parse_args(argv)
    for folder in args.folders:
        s = score_folder(folder)
        print(f"{folder}: {s.summary()}")
        if args.errors:
            for e in s.errors:
                print("  " + e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
