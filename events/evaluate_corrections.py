"""Score the extractor against an analyst's corrections in a store: `python -m events.evaluate --corrections`.

The events an analyst corrected are the ones reviewed. For each, a `set` correction says the extractor had that
field wrong, `not_event` that the event should not exist (a false positive), `merge` and `split` that the
grouping joined or parted reports wrongly. Each figure is per language (the language of the event's first
report) and in all: the share of reviewed events the extractor had right, field by field.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from events.corrections import FIELDS, Correction, apply

MEASURES = ("is_event", *FIELDS, "grouping")


@dataclass
class Review:
    """Counts over the reviewed events of one language."""

    reviewed: int = 0
    wrong: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def right(self, measure: str) -> float:
        """The share of reviewed events the extractor had right on one measure."""
        return 1.0 - self.wrong[measure] / self.reviewed if self.reviewed else 1.0


def review(reports: pd.DataFrame, corrections: Sequence[Correction]) -> dict[str, Review]:
    """Language -> the counts of its reviewed events ('all' for every language)."""
    applied = apply(reports, corrections)
    event_of = dict(zip(applied.reports["report_id"].astype(str), applied.reports["event_id"].astype(str),
                        strict=True))
    language_of = dict(zip(reports["report_id"].astype(str), reports["language"].fillna("?").astype(str),
                           strict=True))
    wrong: dict[str, set[str]] = defaultdict(set)  # measure -> events
    languages: dict[str, str] = {}
    for c in applied.active:
        event = event_of[c.anchor]
        languages.setdefault(event, language_of[c.anchor])
        measure = {"set": c.field or "", "not_event": "is_event"}.get(c.action, "grouping")
        wrong[measure].add(event)
    out: dict[str, Review] = defaultdict(Review)
    for event, language in languages.items():
        for key in (language, "all"):
            out[key].reviewed += 1
            for measure in MEASURES:
                out[key].wrong[measure] += event in wrong[measure]
    return dict(out)


def table(reviews: dict[str, Review]) -> str:
    """The figures as a text table: one row per language, one column per measure."""
    head = f"{'language':<9}{'reviewed':>9}" + "".join(f"{m:>11}" for m in MEASURES)
    rows = [head]
    for language in sorted(reviews, key=lambda k: (k == "all", k)):
        r = reviews[language]
        rows.append(f"{language:<9}{r.reviewed:>9}" + "".join(f"{r.right(m):>11.3f}" for m in MEASURES))
    return "\n".join(rows)
