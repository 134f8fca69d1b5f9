"""Score the extractor against an annotated corpus (article.md + article.yaml pairs).

Two ways of matching a predicted event to an expected one, both one-to-one within an article:

- **strict**: same type and exactly the same set of countries;
- **overlap** (as `../shared/realdev/score.py` does): same type, and at least two of the expected countries among
  the predicted ones (all of them when fewer than two are expected).

Among the pairs allowed, those that also agree on status, date and place are taken first. Precision, recall and F1
are given overall, per language and per event type; status, date and place accuracy on the matched pairs. A date
agrees at the annotation's precision (a month annotated as its 1st is that month: "mid-August" read as the 15th
agrees), as the real-article scorer's tolerance in days does.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from events.lexicon import fold

MODES = ("strict", "overlap")


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


@dataclass
class Report:
    """Scores of one corpus: per matching mode, for all articles, per language and per event type."""

    scores: dict[tuple[str, str], Score] = field(default_factory=dict)

    def __getitem__(self, key: tuple[str, str]) -> Score:
        return self.scores.setdefault(key, Score())

    def groups(self, mode: str) -> list[str]:
        """'all', then the languages, then the types, as they occur."""
        names = [g for m, g in self.scores if m == mode and g != "all"]
        return ["all", *sorted(n for n in names if ":" not in n), *sorted(n for n in names if ":" in n)]

    def table(self) -> str:
        """Every figure, one line per mode and group."""
        lines = [f"{'':8} {'group':<18} {'P':>6} {'R':>6} {'F1':>6} {'status':>7} {'date':>6} {'place':>6}"
                 f" {'tp':>4} {'fp':>4} {'fn':>4}"]
        for mode in MODES:
            for g in self.groups(mode):
                s = self.scores[(mode, g)]
                lines.append(
                    f"{mode:8} {g:<18} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
                    f"{s.accuracy(s.status_ok):7.3f} {s.accuracy(s.date_ok):6.3f} {s.accuracy(s.place_ok):6.3f}"
                    f" {s.tp:4d} {s.fp:4d} {s.fn:4d}"
                )
        return "\n".join(lines)


def _coords(name: str | None) -> tuple[float, float] | None:
    """Coordinates of a place name through the gazetteer (places, then the offline city list)."""
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
    from events import gazetteer

    a, b = _coords(predicted), _coords(expected)
    if a is None or b is None:
        return False
    return gazetteer.distance_km(a, b) <= km


def _place_key(name: str | None) -> str | None:
    """Canonical folded place name (aliases resolved through the gazetteer)."""
    if not name:
        return None
    from events import gazetteer

    found = gazetteer.place_named(name)
    return fold(found.name if found is not None else name)


def countries_match(predicted: Iterable[str], expected: Iterable[str], mode: str) -> bool:
    """Do the predicted countries fit the expected ones under the matching mode?"""
    got, want = set(predicted), set(expected)
    if mode == "strict":
        return got == want
    return len(got & want) >= min(2, len(want))


# how much of an ISO date an annotation of each precision fixes ("month": 2025-08-01 stands for August 2025)
_FIXED_CHARS = {"day": 10, "month": 7, "year": 4}


def same_date(predicted: str | None, expected: Any, precision: str | None) -> bool:
    """Does the predicted date say what the annotation says, at the annotation's precision ("mid-August",
    2025-08-15/month, is August 2025 like the annotation's 2025-08-01/month)? A week is its Monday, as annotated."""
    if not expected or not predicted:
        return not expected and not predicted
    n = _FIXED_CHARS.get(precision or "day", 10)
    return str(predicted)[:n] == str(expected)[:n]


def _agreement(p: dict[str, Any], exp: dict[str, Any]) -> tuple[bool, bool, bool]:
    """(status, date, place) of a predicted event agree with the expected one?"""
    return (
        p["status"] == exp.get("status"),
        same_date(p["date"], exp.get("date"), exp.get("precision")),
        same_place(p.get("location_name"), exp.get("place")),
    )


def match(predicted: Sequence[dict[str, Any]], expected: Sequence[dict[str, Any]], mode: str) -> list[tuple[int, int]]:
    """One-to-one (expected index, predicted index) pairs: the pairs that agree on more fields are taken first."""
    candidates = []
    for i, exp in enumerate(expected):
        for j, p in enumerate(predicted):
            if p["event_type"] == exp["type"] and countries_match(p["countries"], exp.get("countries") or [], mode):
                exact = set(p["countries"]) == set(exp.get("countries") or [])
                candidates.append((-sum(_agreement(p, exp)), not exact, i, j))
    pairs: list[tuple[int, int]] = []
    used_exp: set[int] = set()
    used_pred: set[int] = set()
    for _, _, i, j in sorted(candidates):
        if i not in used_exp and j not in used_pred:
            used_exp.add(i)
            used_pred.add(j)
            pairs.append((i, j))
    return pairs


def score_article(
    predicted: Sequence[dict[str, Any]], expected: Sequence[dict[str, Any]], name: str, report: Report, language: str
) -> None:
    """Add one article's counts to the report, for every mode and group it belongs to."""
    for mode in MODES:
        pairs = match(predicted, expected, mode)
        matched_exp = {i for i, _ in pairs}
        matched_pred = {j for _, j in pairs}
        for group in ("all", language):
            report[(mode, group)].articles += 1
        for i, exp in enumerate(expected):
            groups = ("all", language, f"type:{exp['type']}")
            if i not in matched_exp:
                for g in groups:
                    report[(mode, g)].fn += 1
                report[(mode, "all")].errors.append(
                    f"{name}: missed {exp['type']} {'-'.join(sorted(exp.get('countries') or []))} {exp.get('status')}"
                    f" «{exp.get('evidence')}»"
                )
        for i, j in pairs:
            exp, p = expected[i], predicted[j]
            status, date, place = _agreement(p, exp)
            for g in ("all", language, f"type:{exp['type']}"):
                s = report[(mode, g)]
                s.tp += 1
                s.status_ok += status
                s.date_ok += date
                s.place_ok += place
            key = f"{exp['type']} {'-'.join(sorted(exp.get('countries') or []))}"
            errors = report[(mode, "all")].errors
            if not status:
                errors.append(f"{name}: status {p['status']} != {exp.get('status')} for {key} «{p['sentence'][:90]}»")
            if not date:
                errors.append(f"{name}: date {p['date']} ({p.get('date_text')}) != {exp.get('date')} for {key}"
                              f" «{p['sentence'][:90]}»")
            if not place:
                errors.append(f"{name}: place {p.get('location_name')} != {exp.get('place')} for {key}")
        for j, p in enumerate(predicted):
            if j not in matched_pred:
                for g in ("all", language, f"type:{p['event_type']}"):
                    report[(mode, g)].fp += 1
                report[(mode, "all")].errors.append(
                    f"{name}: extra {p['event_type']} {'-'.join(p['countries'])} {p['status']} «{p['sentence'][:90]}»"
                )


def score_folder(folder: Path) -> Report:
    """Extract every article of an annotated folder and score it."""
    from events.pipeline import event_row, extract_paths
    from events.records import ReadProblem

    report = Report()
    for md in sorted(folder.glob("*.md")):
        expected = (yaml.safe_load(md.with_suffix(".yaml").read_text(encoding="utf-8")) or {}).get("events") or []
        predicted = []
        language = "?"
        for item in extract_paths([md]):
            if isinstance(item, ReadProblem):
                if not item.message.startswith("warning"):
                    raise RuntimeError(f"{item.path}: {item.message}")
                continue
            article, evs = item
            language = article.language or "?"
            predicted.extend(event_row(article, e) for e in evs)
        score_article(predicted, expected, md.stem, report, language)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """python -m events.evaluate FOLDER... [--errors [MODE]]: print the scores of annotated corpora."""
    ap = argparse.ArgumentParser(prog="python -m events.evaluate", description=main.__doc__)
    ap.add_argument("folders", nargs="*", type=Path)
    ap.add_argument("--errors", nargs="?", const="overlap", choices=MODES,
                    help="list every miss, extra and wrong field (of the overlap matching unless strict is given)")
    ap.add_argument("--corrections", action="store_true",
                    help="score the extractor against the analysts' corrections in a store (--db)")
    ap.add_argument("--db", type=Path, help="with --corrections: the store (default data/events.db)")
    args = ap.parse_args(argv)
    if args.corrections:
        return _score_corrections(args.db)
    if not args.folders:
        ap.error("give annotated folders, or --corrections")
    for folder in args.folders:
        report = score_folder(folder)
        print(f"{folder}: {report['overlap', 'all'].articles} articles")
        print(report.table())
        if args.errors:
            for e in report[args.errors, "all"].errors:
                print("  " + e)
    return 0


def _score_corrections(db: Path | None) -> int:
    """Print the extractor's figures on the events the analysts corrected in a store."""
    from events.evaluate_corrections import review, table
    from events.store import DEFAULT_DB, Store

    db = db or DEFAULT_DB
    if not db.exists():
        print(f"{db}: no such store", file=sys.stderr)
        return 1
    with Store(db, readonly=True) as store:
        reviews = review(store.events_frame(), store.corrections())
    if not reviews:
        print(f"{db}: no corrections yet: nothing to score")
        return 0
    print(f"{db}: the extractor against the analysts' corrections (share of reviewed events it had right)")
    print(table(reviews))
    return 0


if __name__ == "__main__":
    sys.exit(main())
