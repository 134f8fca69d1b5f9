"""Score the grouping of reports into events against a corpus whose reports name their event (`event:` slugs).

Two measures: on the annotated reports themselves (the grouping alone, as if extraction were perfect) and on
what the extractor finds (each extracted report takes the slug of the annotated report it matches; reports that
match none are grouped but not scored, their cost is counted by the extraction scores). Pairwise precision and
recall count pairs of reports put together; B-cubed averages, per report, how much of its group is its event
and how much of its event is its group.

    python -m events.evaluate_grouping tests/data/grouping [--errors]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml

from events.grouping import EventGroup, group, report_of


@dataclass(frozen=True)
class GroupingScore:
    """Pairwise and B-cubed precision/recall of a grouping against the true events."""

    reports: int
    events: int
    groups: int
    pair_precision: float
    pair_recall: float
    bcubed_precision: float
    bcubed_recall: float

    @property
    def pair_f1(self) -> float:
        """Harmonic mean of the pairwise precision and recall."""
        return _f1(self.pair_precision, self.pair_recall)

    @property
    def bcubed_f1(self) -> float:
        """Harmonic mean of the B-cubed precision and recall."""
        return _f1(self.bcubed_precision, self.bcubed_recall)

    def summary(self) -> str:
        """One line of figures."""
        return (f"{self.reports} reports, {self.events} true events, {self.groups} groups · B-cubed P "
                f"{self.bcubed_precision:.3f} R {self.bcubed_recall:.3f} F1 {self.bcubed_f1:.3f} · pairwise P "
                f"{self.pair_precision:.3f} R {self.pair_recall:.3f} F1 {self.pair_f1:.3f}")


def _f1(p: float, r: float) -> float:
    """Harmonic mean, 0 when both are 0."""
    return 2 * p * r / (p + r) if p + r else 0.0


def score(predicted: Mapping[str, str], truth: Mapping[str, str]) -> GroupingScore:
    """Compare two labelings of the same reports: report id -> group id, report id -> true event."""
    if set(predicted) != set(truth):
        raise ValueError("the labelings must cover the same reports")
    by_group: dict[str, set[str]] = defaultdict(set)
    by_event: dict[str, set[str]] = defaultdict(set)
    for rid in truth:
        by_group[predicted[rid]].add(rid)
        by_event[truth[rid]].add(rid)
    n = len(truth) or 1
    bp = sum(len(by_group[predicted[r]] & by_event[truth[r]]) / len(by_group[predicted[r]]) for r in truth) / n
    br = sum(len(by_group[predicted[r]] & by_event[truth[r]]) / len(by_event[truth[r]]) for r in truth) / n
    together = {pair for members in by_group.values() for pair in combinations(sorted(members), 2)}
    same = {pair for members in by_event.values() for pair in combinations(sorted(members), 2)}
    hits = len(together & same)
    return GroupingScore(
        reports=len(truth), events=len(by_event), groups=len(by_group),
        pair_precision=hits / len(together) if together else 1.0,
        pair_recall=hits / len(same) if same else 1.0,
        bcubed_precision=bp if truth else 1.0, bcubed_recall=br if truth else 1.0,
    )


def _front(md: Path) -> dict[str, Any]:
    """The front matter of an annotated article."""
    text = md.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))


def _annotated(folder: Path) -> list[tuple[Path, list[dict[str, Any]]]]:
    """(article, its annotated reports) for every article of the folder."""
    return [(md, (yaml.safe_load(md.with_suffix(".yaml").read_text(encoding="utf-8")) or {}).get("events") or [])
            for md in sorted(folder.glob("*.md")) if md.name != "README.md"]


def annotated_rows(folder: Path) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The annotated reports as events-table rows (places geocoded like the extractor's), and their true events."""
    from events.evaluate import _coords

    rows, truth = [], {}
    for md, events in _annotated(folder):
        front = _front(md)
        for i, ev in enumerate(events):
            coords = _coords(ev.get("place"))
            rid = f"{md.stem}#{i}"
            rows.append({
                "report_id": rid, "article_id": md.stem, "source": front.get("source"), "language": front.get("language"),
                "published": front.get("published"), "event_type": ev["type"], "status": ev["status"],
                "date": ev.get("date"), "date_precision": ev.get("precision"), "countries": ev.get("countries") or [],
                "actors": [], "location_name": ev.get("place"), "location_country": ev.get("place_country"),
                "lat": coords[0] if coords else None, "lon": coords[1] if coords else None, "confidence": 0.8,
            })
            truth[rid] = ev["event"]
    return rows, truth


def extracted_rows(folder: Path) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """What the extractor finds in the folder's articles, and the true event of each report that matches one."""
    from events.evaluate import match
    from events.pipeline import event_row, extract_paths
    from events.records import ReadProblem

    rows, truth = [], {}
    for md, expected in _annotated(folder):
        predicted = []
        for item in extract_paths([md]):
            if isinstance(item, ReadProblem):
                continue
            article, evs = item
            predicted.extend(event_row(article, e) for e in evs)
        for i, j in match(predicted, expected, "overlap"):
            truth[predicted[j]["report_id"]] = expected[i]["event"]
        rows.extend(predicted)
    return rows, truth


def grouped(rows: Sequence[Mapping[str, Any]]) -> list[EventGroup]:
    """The groups of a list of events-table rows."""
    return group([report_of(row) for row in rows])


def by_language(rows: Sequence[Mapping[str, Any]], truth: Mapping[str, str]) -> dict[str, GroupingScore]:
    """The scores of each language's reports (grouped together with all the others: events cross languages)."""
    label = {rid: g.event_id for g in grouped(rows) for rid in g.report_ids}
    language = {row["report_id"]: row.get("language") or "?" for row in rows}
    out = {}
    for lang in sorted({language[r] for r in truth}):
        mine = [r for r in truth if language[r] == lang]
        out[lang] = score({r: label[r] for r in mine}, {r: truth[r] for r in mine})
    return out


def evaluate(rows: Sequence[Mapping[str, Any]], truth: Mapping[str, str]) -> tuple[GroupingScore, list[str]]:
    """Group the rows and score the reports that have a true event; with the mistakes, one line each."""
    groups = grouped(rows)
    label = {rid: g.event_id for g in groups for rid in g.report_ids}
    result = score({rid: label[rid] for rid in truth}, truth)
    by_id = {row["report_id"]: row for row in rows}
    errors = []
    for g in groups:
        events = sorted({truth[r] for r in g.report_ids if r in truth})
        if len(events) > 1:
            why = "; ".join(f"{lk.a}~{lk.b}: {lk.explain()}" for lk in g.links)
            errors.append(f"merged {' + '.join(events)} ({why})")
    parts: dict[str, set[str]] = defaultdict(set)
    for rid, event in truth.items():
        parts[event].add(label[rid])
    for event, labels in sorted(parts.items()):
        if len(labels) > 1:
            pieces = [sorted(f"{r}[{by_id[r]['status']} {by_id[r].get('date')} {by_id[r].get('location_name')}]"
                             for r in truth if label[r] == lab and truth[r] == event) for lab in sorted(labels)]
            errors.append(f"split {event}: " + " | ".join(", ".join(p) for p in pieces))
    return result, errors


def main(argv: Sequence[str] | None = None) -> int:
    """python -m events.evaluate_grouping FOLDER [--errors]: grouping scores on annotated and extracted reports."""
    parser = argparse.ArgumentParser(prog="python -m events.evaluate_grouping", description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--errors", action="store_true", help="list the merged and split events")
    args = parser.parse_args(argv)
    for name, loader in (("annotated reports", annotated_rows), ("extracted reports", extracted_rows)):
        rows, truth = loader(args.folder)
        result, errors = evaluate(rows, truth)
        print(f"{name}: {result.summary()}")
        for lang, part in by_language(rows, truth).items():
            print(f"  {lang}: {part.summary()}")
        if args.errors:
            print("\n".join(f"  {e}" for e in errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
