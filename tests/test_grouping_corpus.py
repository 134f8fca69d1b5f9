"""The corpus for grouping reports across articles (issue 13): well-formed, and shaped as its README says."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import yaml

CORPUS = Path(__file__).parent / "data" / "grouping"


def _annotations() -> dict[Path, list[dict]]:
    return {md: (yaml.safe_load(md.with_suffix(".yaml").read_text(encoding="utf-8")) or {}).get("events") or []
            for md in sorted(CORPUS.glob("*.md")) if md.name != "README.md"}


def test_every_report_names_its_event_and_quotes_its_article():
    for md, events in _annotations().items():
        text = md.read_text(encoding="utf-8")
        front, body = text.split("\n---\n", 1)
        assert yaml.safe_load(front.removeprefix("---\n"))["language"] == md.name[:2]
        for ev in events:
            assert re.fullmatch(r"[a-z0-9-]+", ev["event"]), (md.name, ev)
            assert ev["evidence"] in body, (md.name, ev["evidence"])


def test_the_corpus_has_what_grouping_is_measured_on():
    """60+ articles in both languages; events reported by several articles, from several outlets."""
    annotations = _annotations()
    assert len(annotations) >= 60
    assert {md.name[:2] for md in annotations} == {"en", "ro"}
    articles_of: dict[str, set[str]] = defaultdict(set)
    for md, events in annotations.items():
        for ev in events:
            articles_of[ev["event"]].add(md.name)
    assert sum(len(a) >= 3 for a in articles_of.values()) >= 15
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([a-z0-9-]+)`", readme))
    assert set(articles_of) <= named  # the README's table names every event
