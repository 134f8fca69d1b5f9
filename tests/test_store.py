"""Tests for events.store: ingest semantics, round-trips, crash safety, concurrency, bad files.

This file doubles as the writer process for the kill -9 and concurrency tests:
``python tests/test_store.py worker DB SEED LIMIT`` (with the project root on PYTHONPATH).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import schema
from events.grouping import event_id_of
from events.records import Actor, Article, Event
from events.store import DEFAULT_DB, SCHEMA_VERSION, IngestResult, Store, StoreError

ROOT = Path(schema.__file__).resolve().parent.parent  # the folder holding the `events` package

RUSSIA = Actor("Russia", "country", "RUS", "initiator")
UKRAINE = Actor("Ukraine", "country", "UKR", "target")
ZELENSKY = Actor("Volodymyr Zelensky", "person", "UKR", "participant")
NATO = Actor("NATO", "organization", None, "participant")


# ---- helpers -----------------------------------------------------------------------------------


def make_article(path: str, text: str, **meta: object) -> Article:
    """An Article whose id is derived from its text, as the readers do."""
    aid = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return Article(article_id=aid, path=path, text=text, **meta)  # type: ignore[arg-type]


def make_events(article: Article, n: int) -> list[Event]:
    """n varied events for an article (ids derived from the article id)."""
    types = ("talks", "summit", "air_attack")
    out = []
    for i in range(n):
        actors = ((RUSSIA, UKRAINE), (ZELENSKY,), (), (NATO, RUSSIA, ZELENSKY))[i % 4]
        out.append(
            Event(
                event_id=f"{article.article_id}-{i:04d}",
                event_type=types[i % 3],
                status=("occurred", "planned", "cancelled")[i % 3],
                actors=actors,
                sentence=f"Propoziția {i}: Rusia și Ucraina au discutat la Istanbul.",
                start=i * 100,
                end=i * 100 + 57,
                article_id=article.article_id,
                confidence=0.5 + (i % 5) / 10,
                date=date(2024, 3, 1 + i % 28) if i % 3 else None,
                date_precision="day" if i % 3 else None,
                date_text="1 martie" if i % 3 else None,
                location_name="Kyiv" if i % 2 else None,
                location_country="UKR" if i % 2 else None,
                lat=50.4501 if i % 2 else None,
                lon=30.5234 if i % 2 else None,
                attributed_to=("RIA", "Maria Zaharova") if i % 5 == 0 else (),
                trigger="discuții" if i % 2 else None,
            )
        )
    return out


def reference_frame(pairs: list[tuple[Article, list[Event]]]) -> pd.DataFrame:
    """The events table built by schema.to_frame straight from the records (the expected result, before grouping)."""
    rows = []
    for article, events in pairs:
        for e in events:
            rows.append(
                {
                    "report_id": e.event_id,
                    "event_id": event_id_of([e.event_id]),  # not grouped yet: an event of its own
                    "event_type": e.event_type,
                    "status": e.status,
                    "date": e.date,
                    "date_precision": e.date_precision,
                    "date_text": e.date_text,
                    "actors": [a.as_dict() for a in e.actors],
                    "countries": list(e.countries),
                    "attributed_to": list(e.attributed_to),
                    "location_name": e.location_name,
                    "location_country": e.location_country,
                    "lat": e.lat,
                    "lon": e.lon,
                    "sentence": e.sentence,
                    "start": e.start,
                    "end": e.end,
                    "confidence": e.confidence,
                    "article_id": e.article_id,
                    "path": article.path,
                    "title": article.title,
                    "published": article.published,
                    "language": article.language,
                    "source": article.source,
                    "url": article.url,
                }
            )
    return schema.to_frame(rows)


def raw(db: Path) -> sqlite3.Connection:
    """A plain read-only sqlite3 connection, for checks behind the store's back."""
    return sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True)


def check_consistent(db: Path) -> int:
    """Assert the db is intact and every article holds exactly the events its title announces."""
    con = raw(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        pathless = con.execute(
            "SELECT count(*) FROM articles WHERE article_id NOT IN (SELECT article_id FROM article_paths)"
        ).fetchone()[0]
        assert pathless == 0
        # the full-text index holds one document per article and per event...
        docs = con.execute("SELECT count(*) FROM search_docs").fetchone()[0]
        assert docs == con.execute("SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM events)").fetchone()[0]
    finally:
        con.close()
    con = sqlite3.connect(db)  # ...and agrees with their text (FTS5 checks it; the command needs a writable handle)
    try:
        con.execute("INSERT INTO search (search, rank) VALUES ('integrity-check', 1)")
    finally:
        con.close()
    with Store(db, readonly=True) as store:
        articles = store.articles_frame()
        events = store.events_frame()
    expected = articles["title"].str.removeprefix("n=").astype(int)
    assert (articles["n_events"] == expected).all(), articles[articles["n_events"] != expected]
    counts = events.groupby("article_id").size()
    assert counts.sum() == expected.sum()
    return len(articles)


def snapshot_consistent(frame: pd.DataFrame) -> None:
    """Every article in an events frame shows all its events (no half-written article visible)."""
    if frame.empty:
        return
    sizes = frame.groupby("article_id").agg(n=("report_id", "size"), title=("title", "first"))
    assert (sizes["n"] == sizes["title"].str.removeprefix("n=").astype(int)).all()


def start_worker(db: Path, seed: int, limit: int = 0) -> subprocess.Popen[str]:
    """Start a writer process running `worker` on db."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen(
        [sys.executable, __file__, "worker", str(db), str(seed), str(limit)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def wait_for_lines(proc: subprocess.Popen[str], n: int) -> None:
    """Block until the worker has reported n ingests (fail with its stderr if it dies)."""
    assert proc.stdout is not None
    for _ in range(n):
        if not proc.stdout.readline():
            proc.wait(10)
            raise AssertionError(f"worker died: {proc.stderr.read() if proc.stderr else ''}")


def worker(db: str, seed: int, limit: int) -> None:
    """Ingest articles (title "n=<event count>") over a pool of paths until killed or `limit` reached."""
    rng = random.Random(seed)
    with Store(db) as store:
        i = 0
        while limit <= 0 or i < limit:
            path = f"doc{rng.randrange(25)}.txt"
            n = rng.randrange(0, 60)
            text = f"{path} seed {seed} #{i} " + "lorem ipsum dolor " * rng.randrange(1, 400)
            article = make_article(path, text, title=f"n={n}")
            if rng.random() < 0.5:
                result = store.ingest(article, make_events(article, n))
            else:  # several articles in one transaction, the way an ingest run stores them
                more = [make_article(f"doc{rng.randrange(25)}.txt", f"{text} {k}", title=f"n={n}") for k in range(4)]
                results = store.ingest_many([(a, make_events(a, n)) for a in [article, *more]])
                assert not any(isinstance(r, Exception) for r in results), results
                result = results[0]
            if rng.random() < 0.05:
                store.delete_article(article.article_id)
            print(result.status, flush=True)
            i += 1


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Path of a fresh (not yet created) database in a sub-folder that does not exist yet."""
    return tmp_path / "sub" / "events.db"


@pytest.fixture
def store(db: Path) -> Iterator[Store]:
    """An open writable store on a fresh database."""
    with Store(db) as s:
        yield s


# ---- ingest semantics --------------------------------------------------------------------------


def test_ingest_many_stores_each_article_whole_in_one_transaction(store: Store) -> None:
    """A batch: one bad article is refused in its place and the others are stored; the same text twice in a batch
    is stored once; the statuses are those of ingesting one by one."""
    a, b, c = (make_article(f"{name}.txt", f"text {name}", title="n=2") for name in "abc")
    bad = make_events(b, 2)
    bad[1] = dataclasses.replace(bad[1], article_id="elsewhere")
    before = store.version()
    results = store.ingest_many([(a, make_events(a, 2)), (b, bad), (c, make_events(c, 2)),
                                 (make_article("a-copy.txt", "text a", title="n=2"), make_events(a, 2))])
    assert results[0] == IngestResult("new", 2, 0) and results[2] == IngestResult("new", 2, 0)
    assert isinstance(results[1], StoreError) and "elsewhere" in str(results[1])
    assert results[3] == IngestResult("unchanged", 0, 0)
    assert sorted(store.articles_frame()["path"]) == ["a.txt", "c.txt"]
    assert len(store.events_frame()) == 4 and store.version() > before
    assert store.ingest_many([(make_article("a.txt", "text a changed", title="n=1"), [])])[0].status == "replaced"


def test_ingest_many_goes_on_after_an_unexpected_error(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever fails while one article is written, that article is undone in full and named; the rest go in."""
    from events import store as store_module

    insert = store_module._insert_events

    def flaky(con: sqlite3.Connection, events: list[Event]) -> None:
        insert(con, events)
        if events and events[0].article_id == b.article_id:
            raise RuntimeError("disk hiccup")

    a, b, c = (make_article(f"{name}.txt", f"text {name}", title="n=2") for name in "abc")
    monkeypatch.setattr(store_module, "_insert_events", flaky)
    results = store.ingest_many([(x, make_events(x, 2)) for x in (a, b, c)])
    assert isinstance(results[1], StoreError) and "RuntimeError: disk hiccup" in str(results[1])
    assert b.article_id in str(results[1])
    assert sorted(store.articles_frame()["path"]) == ["a.txt", "c.txt"]
    assert set(store.events_frame()["article_id"]) == {a.article_id, c.article_id}


def test_new_unchanged_replaced(store: Store) -> None:
    """The status table: new path, same text again, different text under the same path."""
    a1 = make_article("a.txt", "first text", title="A")
    a2 = make_article("a.txt", "second text", title="A2")
    steps = [
        (a1, 3, IngestResult("new", 3, 0)),
        (a1, 3, IngestResult("unchanged", 0, 0)),
        (a2, 5, IngestResult("replaced", 5, 3)),
        (a2, 5, IngestResult("unchanged", 0, 0)),
        (a1, 2, IngestResult("replaced", 2, 5)),
    ]
    for article, n, expected in steps:
        assert store.article_status(article) == expected.status
        assert store.ingest(article, make_events(article, n)) == expected
        assert store.article_status(article) == "unchanged"
    assert store.stats() == {"articles": 1, "paths": 1, "events": 2, "by_type": {"talks": 1, "summit": 1}}
    assert store.article(a2.article_id) is None
    assert store.article(a1.article_id) == a1


def test_second_path_same_text(store: Store) -> None:
    """Same text under another path only adds the path mapping."""
    a = make_article("a.txt", "shared text", title="T")
    b = make_article("copy/b.txt", "shared text", title="T")
    assert store.ingest(a, make_events(a, 4)).status == "new"
    before = store.version()
    assert store.article_status(b) == "unchanged"
    assert store.ingest(b, make_events(b, 4)) == IngestResult("unchanged", 0, 0)
    assert store.version() != before  # a path was recorded
    assert store.paths(a.article_id) == ["a.txt", "copy/b.txt"]
    assert store.stats()["articles"] == 1 and store.stats()["events"] == 4
    # a.txt changes: the article stays (copy/b.txt still has that text), only the mapping moves
    a_new = make_article("a.txt", "edited text")
    assert store.ingest(a_new, make_events(a_new, 1)) == IngestResult("replaced", 1, 0)
    assert store.paths(a.article_id) == ["copy/b.txt"]
    assert store.article(a.article_id).path == "copy/b.txt"  # type: ignore[union-attr]
    assert set(store.events_frame(article_ids=[a.article_id])["path"]) == {"copy/b.txt"}
    assert store.stats()["events"] == 5


def test_replace_with_text_already_stored(store: Store) -> None:
    """A path whose new text is already stored under another path: mapping moves, old article goes."""
    a = make_article("a.txt", "text A")
    b = make_article("b.txt", "text B")
    store.ingest(a, make_events(a, 2))
    store.ingest(b, make_events(b, 3))
    a_as_b = make_article("a.txt", "text B")
    assert store.article_status(a_as_b) == "replaced"
    assert store.ingest(a_as_b, make_events(a_as_b, 3)) == IngestResult("replaced", 0, 2)
    assert store.paths(b.article_id) == ["a.txt", "b.txt"]
    assert store.stats() == {"articles": 1, "paths": 2, "events": 3, "by_type": {"talks": 1, "summit": 1, "air_attack": 1}}


def test_article_status_writes_nothing(store: Store) -> None:
    """article_status is a pure read."""
    a = make_article("a.txt", "text")
    v = store.version()
    assert store.article_status(a) == "new"
    assert store.version() == v and store.stats()["articles"] == 0


def test_events_validated_before_writing(store: Store) -> None:
    """Events of another article or duplicate ids are refused, and nothing is written."""
    a = make_article("a.txt", "text a")
    b = make_article("b.txt", "text b")
    with pytest.raises(ValueError, match="belongs to article"):
        store.ingest(a, make_events(b, 1))
    with pytest.raises(ValueError, match="duplicate event_id"):
        store.ingest(a, make_events(a, 2) * 2)
    assert store.stats()["articles"] == 0


def test_event_id_clash_rolls_back(store: Store) -> None:
    """A constraint failure mid-ingest leaves neither the article nor any of its events."""
    a = make_article("a.txt", "text a")
    store.ingest(a, make_events(a, 2))
    b = make_article("b.txt", "text b")
    clash = [*make_events(b, 2), Event("e", "talks", "occurred", (), "s", 0, 1, b.article_id, 1.0)]
    clash.append(Event(make_events(a, 1)[0].event_id, "talks", "occurred", (), "s", 0, 1, b.article_id, 1.0))
    v = store.version()
    with pytest.raises(StoreError, match="cannot store article"):
        store.ingest(b, clash)
    assert store.version() == v
    assert store.article(b.article_id) is None
    assert store.article_status(b) == "new"
    assert store.stats()["events"] == 2


def test_delete_cascades(store: Store, db: Path) -> None:
    """Deleting an article removes its events and every path mapping."""
    a = make_article("a.txt", "text a")
    store.ingest(a, make_events(a, 3))
    store.ingest(make_article("a2.txt", "text a"), [])
    b = make_article("b.txt", "text b")
    store.ingest(b, make_events(b, 2))
    assert store.delete_article(a.article_id) is True
    assert store.delete_article(a.article_id) is False
    con = raw(db)
    assert con.execute("SELECT count(*) FROM events WHERE article_id = ?", (a.article_id,)).fetchone() == (0,)
    assert con.execute("SELECT path FROM article_paths").fetchall() == [("b.txt",)]
    con.close()
    assert store.article_status(a) == "new"
    assert list(store.events_frame()["article_id"].unique()) == [b.article_id]


def test_version_changes_on_writes_only(store: Store, tmp_path: Path) -> None:
    """version(): bumped by every write, not by an unchanged ingest or a failed delete; per file."""
    a = make_article("a.txt", "text a")
    seen = [store.version()]
    store.ingest(a, make_events(a, 1))
    seen.append(store.version())
    store.ingest(a, make_events(a, 1))
    assert store.version() == seen[-1]
    store.delete_article("nope")
    assert store.version() == seen[-1]
    a2 = make_article("a.txt", "text a, edited")
    store.ingest(a2, [])
    seen.append(store.version())
    store.delete_article(a2.article_id)
    seen.append(store.version())
    assert len(set(seen)) == len(seen)
    with Store(store.path, readonly=True) as reader:
        assert reader.version() == seen[-1]
        store.ingest(a, [])
        assert reader.version() == store.version() != seen[-1]  # a reader sees the writer's bump
    with Store(tmp_path / "other.db") as other, Store(":memory:") as memory:
        assert other.version().split("|")[-1] == seen[0].split("|")[-1]  # same counter...
        assert len({other.version(), memory.version(), seen[0]}) == 3  # ...but other files


# ---- reading back ------------------------------------------------------------------------------


def test_round_trip_every_column(store: Store) -> None:
    """events_frame == schema.to_frame of the original records: every column, value and dtype."""
    a = make_article(
        "ro/știre.txt", "Textul știrii", title="Summit la Chișinău", published=date(2024, 3, 2),
        language="ro", source="Agerpres", url="https://example.ro/a?x=1",
    )  # fmt: skip
    b = make_article("b.jsonl#3", "other text")  # no metadata at all
    pairs = [(a, make_events(a, 12)), (b, make_events(b, 5))]
    for article, events in pairs:
        store.ingest(article, events)
    frame = store.events_frame()
    assert list(frame.columns) == list(schema.EVENT_COLUMNS)
    assert frame.dtypes.astype(str).to_dict() == schema.dtypes()
    pd.testing.assert_frame_equal(frame, reference_frame(pairs))
    assert frame.loc[0, "actors"] == [RUSSIA.as_dict(), UKRAINE.as_dict()]
    assert frame.loc[0, "countries"] == ["RUS", "UKR"]
    assert frame.loc[0, "attributed_to"] == ["RIA", "Maria Zaharova"]
    assert store.article(a.article_id) == a
    assert store.article(b.article_id) == b
    assert store.article("0" * 16) is None


def test_events_frame_filter_and_empty(store: Store) -> None:
    """article_ids filters (a single id string works too); no events -> empty frame, right dtypes."""
    empty = store.events_frame()
    assert empty.empty and empty.dtypes.astype(str).to_dict() == schema.dtypes()
    a, b = make_article("a.txt", "text a"), make_article("b.txt", "text b")
    pairs = [(a, make_events(a, 3)), (b, make_events(b, 4))]
    for article, events in pairs:
        store.ingest(article, events)
    pd.testing.assert_frame_equal(store.events_frame(article_ids=[b.article_id]), reference_frame(pairs[1:]))
    assert len(store.events_frame(article_ids=a.article_id)) == 3
    assert store.events_frame(article_ids=[]).empty
    assert store.events_frame(article_ids=["missing"]).empty


def test_rows_do_not_share_lists(store: Store) -> None:
    """Repeated JSON values are parsed once but every row gets its own objects."""
    a = make_article("a.txt", "text a")
    events = [
        Event(f"e{i}", "talks", "occurred", (RUSSIA, UKRAINE), "s", 0, 1, a.article_id, 0.9, attributed_to=("RIA",))
        for i in range(10)
    ]
    store.ingest(a, events)
    frame = store.events_frame()
    frame.loc[0, "actors"][0]["name"] = "changed"
    frame.loc[0, "countries"].append("XXX")
    frame.loc[0, "attributed_to"].clear()
    assert frame.loc[1, "actors"] == [RUSSIA.as_dict(), UKRAINE.as_dict()]
    assert frame.loc[1, "countries"] == ["RUS", "UKR"]
    assert frame.loc[1, "attributed_to"] == ["RIA"]


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
_opt_text = st.none() | _text
_actor = st.builds(Actor, _text, st.sampled_from(["country", "person"]), st.none() | _text, _text)


@st.composite
def _events(draw: st.DrawFn) -> tuple[Article, list[Event]]:
    """An article with random (but valid) events."""
    article = make_article(
        draw(_text.filter(bool)), draw(_text), title=draw(_opt_text), published=draw(st.none() | st.dates()),
        language=draw(_opt_text), source=draw(_opt_text), url=draw(_opt_text),
    )  # fmt: skip
    actor_lists = draw(st.lists(st.lists(_actor, max_size=3).map(tuple), min_size=1, max_size=3))
    n = draw(st.integers(0, 8))
    floats = st.none() | st.floats()
    events = [
        Event(
            event_id=f"{article.article_id}-{i}", event_type=draw(_text), status=draw(_text),
            actors=draw(st.sampled_from(actor_lists)), sentence=draw(_text),
            start=draw(st.integers(-(2**63), 2**63 - 1)), end=draw(st.integers(-(2**63), 2**63 - 1)),
            article_id=article.article_id, confidence=draw(st.floats()), date=draw(st.none() | st.dates()),
            date_precision=draw(_opt_text), date_text=draw(_opt_text), location_name=draw(_opt_text),
            location_country=draw(_opt_text), lat=draw(floats), lon=draw(floats),
            attributed_to=tuple(draw(st.lists(_text, max_size=3))), trigger=draw(_opt_text),
        )
        for i in range(n)
    ]
    return article, events


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_events(), max_size=4, unique_by=lambda p: (p[0].path, p[0].article_id)))
def test_round_trip_property(pairs: list[tuple[Article, list[Event]]]) -> None:
    """Any events survive the round trip exactly as schema.to_frame would build them."""
    with Store(":memory:") as store:
        kept: dict[str, tuple[Article, list[Event]]] = {}
        by_id: dict[str, Article] = {}
        for article, events in pairs:
            if article.path in kept or article.article_id in by_id:
                continue  # keep the expected result simple: one path per text, one text per path
            store.ingest(article, events)
            kept[article.path] = (article, events)
            by_id[article.article_id] = article
        with warnings.catch_warnings():  # pandas' date-format inference, inside schema.to_frame
            warnings.simplefilter("ignore")
            expected = reference_frame(list(kept.values()))
        pd.testing.assert_frame_equal(store.events_frame(), expected)
        for aid, article in by_id.items():
            assert store.article(aid) == article


def test_published_datetime_round_trip(store: Store) -> None:
    """A datetime `published` keeps its time (not its zone)."""
    a = make_article("a.txt", "text", published=datetime(2024, 3, 2, 10, 30))
    store.ingest(a, make_events(a, 1))
    assert store.article(a.article_id).published == datetime(2024, 3, 2, 10, 30)  # type: ignore[union-attr]
    assert store.events_frame().loc[0, "published"] == pd.Timestamp("2024-03-02 10:30")


def test_articles_frame_and_stats(store: Store) -> None:
    """articles_frame: one row per article with counts and dtypes; stats: totals by type."""
    assert store.articles_frame().empty
    a = make_article("b.txt", "text a", title="A", published=date(2024, 1, 5), language="ro")
    b = make_article("a.txt", "text bb")
    store.ingest(a, make_events(a, 4))
    store.ingest(b, [])
    frame = store.articles_frame()
    assert list(frame.columns) == [
        "article_id", "path", "title", "published", "language", "source", "url", "n_events", "ingested_at", "chars",
    ]  # fmt: skip
    assert frame["path"].tolist() == ["a.txt", "b.txt"]
    assert frame["n_events"].tolist() == [0, 4] and frame["chars"].tolist() == [7, 6]
    assert str(frame["published"].dtype) == "datetime64[s]" and frame.loc[1, "published"] == pd.Timestamp("2024-01-05")
    assert str(frame["ingested_at"].dtype) == "datetime64[s, UTC]"
    assert (pd.Timestamp.now(tz="UTC") - frame["ingested_at"]).max() < pd.Timedelta(minutes=5)
    assert store.stats() == {"articles": 2, "paths": 2, "events": 4, "by_type": {"talks": 2, "air_attack": 1, "summit": 1}}


# ---- opening -----------------------------------------------------------------------------------


def test_creates_parent_and_default_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The parent folder is created; the default db lives in data/ under the current directory."""
    monkeypatch.chdir(tmp_path)
    with Store() as store:
        assert store.path == DEFAULT_DB
    assert (tmp_path / "data" / "events.db").is_file()
    con = raw(tmp_path / "data" / "events.db")
    assert con.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (str(SCHEMA_VERSION),)
    con.close()


def test_reopen_keeps_data(db: Path) -> None:
    """Data and version survive closing and reopening."""
    a = make_article("a.txt", "text")
    with Store(db) as store:
        store.ingest(a, make_events(a, 2))
        version = store.version()
    with Store(db) as store:
        assert store.version() == version
        assert store.ingest(a, make_events(a, 2)).status == "unchanged"
        assert len(store.events_frame()) == 2


def test_readonly(db: Path) -> None:
    """readonly=True reads, refuses writes (even behind its back: mode=ro) and never creates files."""
    with pytest.raises(StoreError, match="no such events database"):
        Store(db, readonly=True)
    assert not db.parent.exists()
    a = make_article("a.txt", "text")
    with Store(db) as writer:
        writer.ingest(a, make_events(a, 2))
    with Store(db, readonly=True) as reader:
        assert len(reader.events_frame()) == 2 and reader.article_status(a) == "unchanged"
        with pytest.raises(StoreError, match="read-only"):
            reader.ingest(make_article("b.txt", "other"), [])
        with pytest.raises(StoreError, match="read-only"):
            reader.delete_article(a.article_id)
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader._conn.execute("DELETE FROM events")
    with Store(db) as writer:
        assert writer.stats()["events"] == 2


def test_not_an_events_database(tmp_path: Path) -> None:
    """Non-SQLite files, other SQLite databases and folders give a clear StoreError."""
    text = tmp_path / "notes.txt"
    text.write_text("these are not the events you are looking for\n" * 100)
    with pytest.raises(StoreError, match=r"notes\.txt: not an events database \(.+\)"):
        Store(text)
    with pytest.raises(StoreError, match="not an events database"):
        Store(text, readonly=True)
    assert text.read_text().startswith("these are not")  # untouched
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE users (name TEXT)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match=r"other\.db: not an events database \(tables users\)"):
        Store(other)
    with pytest.raises(StoreError, match="cannot open"):
        Store(tmp_path)  # a folder
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(StoreError, match="not an events database"):
        Store(empty, readonly=True)
    with Store(empty) as store:  # an empty file is fine to initialise
        assert store.stats()["articles"] == 0


def test_newer_schema_refused(db: Path) -> None:
    """A database written by a newer schema version is refused, not misread."""
    Store(db).close()
    con = sqlite3.connect(db)
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    con.commit()
    con.close()
    for readonly in (False, True):
        with pytest.raises(StoreError, match="newer"):
            Store(db, readonly=readonly)


def test_closed_store(db: Path) -> None:
    """Using a closed store is a StoreError; closing twice is fine."""
    store = Store(db)
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.stats()


# ---- crash safety and concurrency --------------------------------------------------------------


def test_kill_9_leaves_no_half_written_article(db: Path) -> None:
    """SIGKILL a writer mid-stream, several times: every article has exactly its events, db intact."""
    rng = random.Random(1234)
    Store(db).close()
    for round_ in range(5):
        proc = start_worker(db, seed=round_, limit=0)
        try:
            wait_for_lines(proc, rng.randrange(1, 15))
            time.sleep(rng.uniform(0, 0.2))
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(30)
        assert proc.returncode == -signal.SIGKILL
        check_consistent(db)
    # the store still works for writing after the kills
    with Store(db) as store:
        a = make_article("doc0.txt", "after the kills", title="n=3")
        assert store.ingest(a, make_events(a, 3)).status in {"new", "replaced"}
    assert check_consistent(db) >= 1


def test_reader_while_writer_process_ingests(db: Path) -> None:
    """A reader (the dashboard) reads consistent snapshots while another process writes."""
    Store(db).close()
    proc = start_worker(db, seed=99, limit=0)
    reads, versions = 0, set()
    try:
        wait_for_lines(proc, 1)
        with Store(db, readonly=True) as reader:
            deadline = time.monotonic() + 3
            while time.monotonic() < deadline:
                snapshot_consistent(reader.events_frame())
                articles = reader.articles_frame()
                assert (articles["n_events"] == articles["title"].str.removeprefix("n=").astype(int)).all()
                reader.stats()
                versions.add(reader.version())
                reads += 1
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""  # writer never failed
    finally:
        proc.kill()
        proc.wait(30)
    assert reads >= 3 and len(versions) >= 2  # the writer really wrote while we read
    check_consistent(db)


def test_threads_writers_and_shared_reader(db: Path) -> None:
    """Two writer threads (own connections) and readers sharing one Store: no locked errors."""
    Store(db).close()
    errors: list[BaseException] = []
    shared = Store(db)
    done = threading.Event()

    def write(prefix: str) -> None:
        try:
            with Store(db) as store:
                for i in range(40):
                    a = make_article(f"{prefix}{i % 10}.txt", f"{prefix} {i}", title=f"n={i % 7}")
                    store.ingest(a, make_events(a, i % 7))
        except BaseException as exc:
            errors.append(exc)

    def read() -> None:
        try:
            while not done.is_set():
                snapshot_consistent(shared.events_frame())
                shared.version()
        except BaseException as exc:
            errors.append(exc)

    writers = [threading.Thread(target=write, args=(p,)) for p in ("x", "y")]
    readers = [threading.Thread(target=read) for _ in range(2)]
    for t in writers + readers:
        t.start()
    for t in writers:
        t.join(120)
    done.set()
    for t in readers:
        t.join(60)
    shared.close()
    assert errors == []
    assert check_consistent(db) == 20


def test_ten_thousand_events_smoke(store: Store) -> None:
    """10k events load into a correct frame (timing printed, not asserted)."""
    pairs = []
    for i in range(200):
        a = make_article(f"f{i}.txt", f"article {i}", title="n=50", published=date(2024, 1, 1 + i % 28))
        pairs.append((a, make_events(a, 50)))
        store.ingest(*pairs[-1])
    start = time.perf_counter()
    frame = store.events_frame()
    elapsed = time.perf_counter() - start
    print(f"events_frame: {len(frame)} events in {elapsed:.3f} s")
    assert len(frame) == 10_000
    pd.testing.assert_frame_equal(frame, reference_frame(pairs))
    assert store.articles_frame()["n_events"].eq(50).all()


if __name__ == "__main__" and len(sys.argv) == 5 and sys.argv[1] == "worker":
    worker(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
