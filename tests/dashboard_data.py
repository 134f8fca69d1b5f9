"""Test stores for the dashboard, CLI chart and browser tests: the seed article plus a few of our own."""

from __future__ import annotations

from pathlib import Path

from events import ingest
from events.readers import read_paths
from events.store import Store

ROOT = Path(__file__).resolve().parent.parent

# Three short articles with clear talks, a summit and air attacks (and one with markup that must
# stay text in the reader).
ARTICLES: dict[str, str] = {
    "geneva-talks.md": """---
title: "US and Ukrainian delegations hold talks in Geneva"
published: 2025-11-24
language: en
source: "Test Wire"
url: "https://example.org/geneva"
---
Delegations of the United States and Ukraine held talks in Geneva on Sunday about the peace plan.

Marco Rubio said the two sides had made progress and would meet again next week.
""",
    "odesa-strike.md": """---
title: "Drones hit Odesa <script>alert('x')</script>"
published: 2025-10-05
language: en
source: "Test Wire"
---
Russia launched a drone attack on Odesa overnight, damaging the port, regional officials said.

A missile strike also hit Kharkiv on Saturday, killing two people. <b>Not bold</b> <script>alert(1)</script>
""",
    "budapest-summit.md": """---
title: "Trump and Putin plan a summit in Budapest"
published: 2025-10-16
language: en
source: "Other Wire"
---
Donald Trump and Vladimir Putin agreed on Thursday to hold a summit in Budapest in the coming weeks.

Hungary's prime minister Viktor Orban said his country was ready to host the meeting.
""",
}


def write_articles(folder: Path) -> Path:
    """Write ARTICLES into folder; returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def build_store(db: Path, articles: Path, *, corpus: bool = False) -> dict[str, int]:
    """A store at db with the seed article, ARTICLES (written to `articles`) and optionally data/corpus."""
    write_articles(articles)
    with Store(db) as store:
        ingest.ingest_items(store, read_paths([ROOT / "seeds"], metadata=ROOT / "data" / "seeds.metadata.yaml"))
        ingest.ingest_items(store, read_paths([articles]))
        if corpus and (ROOT / "data" / "corpus").is_dir():
            ingest.ingest_items(store, read_paths([ROOT / "data" / "corpus"]))
        return store.stats()
