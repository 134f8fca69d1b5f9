"""Tests for events.ingest: the first run's bundled corpus, uploads and pasted text into the store, the report."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from events import ingest
from events.store import Store
from tests.dashboard_data import ARTICLES, ROOT

SEED = "000_eea6658212023e61.txt"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """An empty store."""
    s = Store(tmp_path / "events.db")
    yield s
    s.close()


def paths(store: Store) -> list[str]:
    """Stored article paths."""
    return sorted(store.articles_frame()["path"])


# ---------------------------------------------------------------- bundled corpus


def _fake_root(tmp_path: Path, corpus: bool) -> Path:
    """A project folder with the seed (and optionally a one-article corpus)."""
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    (root / "data").mkdir()
    shutil.copy(ROOT / "seeds" / SEED, root / "seeds" / SEED)
    shutil.copy(ROOT / "data" / "seeds.metadata.yaml", root / "data" / "seeds.metadata.yaml")
    if corpus:
        (root / "data" / "corpus").mkdir()
        (root / "data" / "corpus" / "geneva.md").write_text(ARTICLES["geneva-talks.md"], encoding="utf-8")
        (root / "data" / "corpus" / ".hidden.md").write_text("x", encoding="utf-8")
        (root / "data" / "corpus" / "metadata.yaml").write_text("[]\n", encoding="utf-8")
    return root


def test_bundled_inputs_skip_missing_corpus(tmp_path: Path) -> None:
    root = _fake_root(tmp_path, corpus=False)
    assert ingest.bundled_inputs(root) == [(root / "seeds", root / "data" / "seeds.metadata.yaml")]
    assert ingest.bundled_inputs(tmp_path / "nothing") == []
    assert ingest.count_inputs([root / "seeds"]) == 1


def test_ingest_bundled_with_progress(tmp_path: Path, store: Store) -> None:
    root = _fake_root(tmp_path, corpus=True)
    assert ingest.count_inputs(p for p, _ in ingest.bundled_inputs(root)) == 2  # hidden file and manifest skipped
    calls: list[tuple[int, int, str]] = []
    report = ingest.ingest_bundled(store, root, progress=lambda d, t, label: calls.append((d, t, label)))
    assert report.new == 2 and report.rejected == [] and report.events_added == store.stats()["events"] > 0
    assert paths(store) == ["data/corpus/geneva.md", f"seeds/{SEED}"]  # project-relative, like the CLI's
    assert calls[-1] == (2, 2, "done")
    assert [d for d, _, _ in calls] == sorted(d for d, _, _ in calls)  # the bar never goes back
    published = store.articles_frame().set_index("path").loc[f"seeds/{SEED}", "published"]
    assert published == pd.Timestamp("2025-09-03")  # the manifest was applied
    again = ingest.ingest_bundled(store, root)
    assert (again.new, again.unchanged, again.events_added) == (0, 2, 0)


# ---------------------------------------------------------------- uploads and pasted text


def test_safe_name_and_check_upload() -> None:
    assert ingest.safe_name("../../etc/passwd.txt") == "passwd.txt"
    assert ingest.safe_name("C:\\Users\\me\\a.md") == "a.md"
    assert ingest.safe_name("bad\x00\nname.txt") == "badname.txt"
    assert ingest.safe_name("") == ingest.safe_name("...") == "upload.txt"
    assert ingest.check_upload("a.txt", 10) is None
    assert "unsupported file type '.pdf'" in ingest.check_upload("a.pdf", 10)
    assert "without an extension" in ingest.check_upload("README", 10)
    too_big = ingest.check_upload("a.txt", 12_345_678, max_bytes=10_000_000)
    assert too_big == "too large: 12.3 MB (the limit is 10.0 MB per file)"
    assert ingest.check_upload("a.md", 0) == "the file is empty"


def test_uploads_keep_good_files_and_name_the_rejected(store: Store) -> None:
    good = ARTICLES["geneva-talks.md"].encode()
    calls: list[tuple[int, int, str]] = []
    report = ingest.ingest_uploads(
        store,
        [
            ("geneva.md", good),
            ("slides.pdf", b"%PDF-1.4"),
            ("big.txt", b"x" * 2_000),
            ("broken.json", b"{oops"),
            ("empty.txt", b""),
        ],
        published=date(2025, 11, 30),
        source="Upload Wire",
        max_bytes=1_000,
        progress=lambda d, t, label: calls.append((d, t, label)),
    )
    assert report.new == 1
    rejected = dict(report.rejected)
    assert set(rejected) == {"slides.pdf", "big.txt", "broken.json", "empty.txt"}
    assert "unsupported file type '.pdf'" in rejected["slides.pdf"]
    assert rejected["big.txt"].startswith("too large: 2 KB")
    assert "invalid JSON" in rejected["broken.json"]
    assert rejected["empty.txt"] == "the file is empty"
    assert calls[0] == (0, 5, "geneva.md") and calls[-1] == (5, 5, "done")
    assert paths(store) == ["upload/geneva.md"]
    assert report.events_added == store.stats()["events"] > 0


def test_jsonl_records_are_named_and_same_name_replaces(store: Store) -> None:
    body = ARTICLES["odesa-strike.md"].split("---\n")[-1]
    records = "\n".join([json.dumps({"text": body, "title": "Odesa"}), "{not json", json.dumps({"x": 1})]).encode()
    report = ingest.ingest_uploads(store, [("feed.jsonl", records)], published=date(2025, 10, 5))
    assert report.new == 1
    assert [name for name, _ in report.rejected] == ["feed.jsonl#2", "feed.jsonl#3"]
    assert paths(store) == ["upload/feed.jsonl#1"]
    first = ingest.ingest_uploads(store, [("a.md", ARTICLES["geneva-talks.md"].encode())])
    second = ingest.ingest_uploads(store, [("a.md", ARTICLES["budapest-summit.md"].encode())])
    assert (first.new, second.replaced, second.events_removed) == (1, 1, first.events_added)
    assert "1 article replaced" in second.message()


def test_language_and_source_defaults_apply(store: Store) -> None:
    text = "Russia launched a drone attack on Odesa overnight, regional officials said."
    ingest.ingest_uploads(store, [("plain.txt", text.encode())], language="en", source="Wire", published=date(2025, 1, 2))
    row = store.articles_frame().iloc[0]
    assert (row["language"], row["source"], row["published"]) == ("en", "Wire", pd.Timestamp("2025-01-02"))


def test_pasted_text(store: Store) -> None:
    empty = ingest.ingest_pasted(store, "   \n")
    assert empty.rejected == [("pasted text", "the text is empty")] and empty.stored == 0
    text = "Donald Trump and Vladimir Putin agreed on Thursday to hold a summit in Budapest."
    report = ingest.ingest_pasted(store, text, title="Budapest", published=date(2025, 10, 16), language="auto")
    assert report.new == 1 and report.events_added >= 1
    (path,) = paths(store)
    assert path.startswith("pasted/") and len(path) == len("pasted/") + 16
    assert store.articles_frame().iloc[0]["title"] == "Budapest"
    assert ingest.ingest_pasted(store, text).unchanged == 1
    assert ingest.ingest_pasted(store, "A different text about talks in Geneva.").new == 1  # pastes never replace


def test_report_message() -> None:
    r = ingest.IngestReport(new=2, unchanged=1, events_added=7, rejected=[("a", "b")])
    assert r.message() == "2 new articles, 1 already stored; 7 events added; 1 input rejected"
    assert ingest.IngestReport().message() == "no articles stored; 0 events added"
