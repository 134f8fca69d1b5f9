"""The store's events across articles: grouped on ingest, kept in step by deletes, incremental == from scratch."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import group_store
from events.grouping import group, report_of
from events.records import Actor, Article, Event
from events.store import Store
from tests.test_grouping import _random_rows

COUNTRIES = {"RUS": "Russia", "UKR": "Ukraine", "USA": "United States", "TUR": "Turkey", "FRA": "France"}
# Irpin, Brovary and Vyshhorod lie within same_place_km of Kyiv in the neighbouring cells of the index (west, east,
# north): a new report must find the stored ones there
PLACES = {"Istanbul": (41.01, 28.98), "Kyiv": (50.45, 30.52), "Anchorage": (61.22, -149.9), "Paris": (48.86, 2.35),
          "Irpin": (50.52, 30.25), "Brovary": (50.51, 30.79), "Vyshhorod": (50.65, 30.50)}


def _article(name: str, published: date, source: str, reports: list[tuple]) -> tuple[Article, list[Event]]:
    """An article of some reports: (type, status, day or None, country codes, place or None)."""
    text = f"{name} {published} {source} {reports}"
    aid = hashlib.sha1(text.encode()).hexdigest()[:16]
    article = Article(aid, f"{name}.txt", text, title=name, published=published, language="en", source=source)
    events = []
    for i, (etype, status, day, countries, place) in enumerate(reports):
        roles = ("initiator", "target") if etype == "air_attack" else ("participant", "participant")
        actors = tuple(Actor(COUNTRIES[c], "country", c, roles[min(k, 1)]) for k, c in enumerate(countries))
        lat, lon = PLACES[place] if place else (None, None)
        events.append(Event(
            f"{aid}-{i}", etype, status, actors, f"sentence {i}", i * 10, i * 10 + 9, aid, 0.7,
            date=day, date_precision="day" if day else None, location_name=place,
            location_country=None, lat=lat, lon=lon,
        ))
    return article, events


def _ingest(store: Store, *pairs: tuple[Article, list[Event]]) -> None:
    """Store articles, then group (as an ingest run does at its end)."""
    for article, events in pairs:
        store.ingest(article, events)
    store.update_groups()


def _events(store: Store) -> list[set[str]]:
    """The stored events as sets of report ids."""
    frame = store.events_frame()
    return sorted((set(g["report_id"]) for _, g in frame.groupby("event_id")), key=min)


AUG = date(2025, 8, 15)
SUMMIT = [("summit", "occurred", AUG, ["USA", "RUS"], "Anchorage")]


def test_reports_of_one_summit_share_an_event(tmp_path: Path) -> None:
    """Three outlets report one summit: one event of three reports; an air attack elsewhere stays apart."""
    with Store(tmp_path / "s.db") as store:
        _ingest(
            store,
            _article("a", AUG, "Wire", SUMMIT),
            _article("b", AUG + timedelta(days=1), "Daily", SUMMIT),
            _article("c", AUG - timedelta(days=7), "Herald", [("summit", "planned", AUG, ["USA", "RUS"], None)]),
            _article("d", AUG, "Wire", [("air_attack", "occurred", AUG, ["RUS", "UKR"], "Kyiv")]),
        )
        frame = store.events_frame()
        assert frame.groupby("event_id").size().sort_values().tolist() == [1, 3]
        groups = store.groups_frame()
        summit = groups[groups["n_reports"] == 3].iloc[0]
        assert summit["status"] == "occurred" and summit["n_sources"] == 3
        assert [s for s, _ in summit["status_history"]] == ["planned", "occurred"]
        assert summit["planned_dates"] == ["2025-08-15/day"]
        assert sorted(summit["report_ids"]) == sorted(frame.loc[frame["event_type"] == "summit", "report_id"])
        assert summit["links"] and all("parties" in why or "place" in why or "day" in why
                                       for _, _, why in summit["links"])


def test_deleting_an_article_regroups_its_event(tmp_path: Path) -> None:
    """An article deleted: its report leaves the event, the rest stay one event, nothing is left dirty."""
    with Store(tmp_path / "s.db") as store:
        pairs = [_article(n, AUG, n, SUMMIT) for n in "abc"]
        _ingest(store, *pairs)
        assert len(_events(store)) == 1
        store.delete_article(pairs[0][0].article_id)
        (event,) = _events(store)
        assert event == {e.event_id for _, evs in pairs[1:] for e in evs}
        con = store._conn
        assert con.execute("SELECT count(*) FROM dirty_groups").fetchone()[0] == 0
        assert con.execute("SELECT n_reports FROM event_groups").fetchall() == [(2,)]


def test_ingest_run_groups_and_reports_never_wait(tmp_path: Path) -> None:
    """Reports stored without grouping read as events of their own; the next ingest run groups them."""
    with Store(tmp_path / "s.db") as store:
        a, b = _article("a", AUG, "Wire", SUMMIT), _article("b", AUG, "Daily", SUMMIT)
        store.ingest(*a)
        store.ingest(*b)
        assert len(_events(store)) == 2  # not grouped yet: each its own event, never missing
        assert store.update_groups() == 2
        assert len(_events(store)) == 1
        assert store.update_groups() == 0  # nothing new: no work


def test_old_store_gets_grouped_when_opened(tmp_path: Path) -> None:
    """A store written before grouping existed is grouped the first time it is opened writable."""
    path = tmp_path / "old.db"
    with Store(path) as store:
        for pair in (_article("a", AUG, "Wire", SUMMIT), _article("b", AUG, "Daily", SUMMIT)):
            store.ingest(*pair)
        con = store._conn
        con.execute("DROP TRIGGER events_leave_groups")
        for table in ("report_keys", "report_links", "event_groups", "report_groups", "dirty_groups"):
            con.execute(f"DROP TABLE {table}")
    with Store(path, readonly=True) as store:
        assert len(_events(store)) == 2 and store.groups_frame().empty
    with Store(path) as store:
        assert len(_events(store)) == 1


def test_a_failed_grouping_leaves_the_previous_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash in the middle of grouping rolls back: the previous events stay, the new reports stay stored."""
    with Store(tmp_path / "s.db") as store:
        _ingest(store, _article("a", AUG, "Wire", SUMMIT), _article("b", AUG, "Daily", SUMMIT))
        before = _events(store)

        def crash(*_: object, **__: object) -> None:
            raise RuntimeError("killed")

        store.ingest(*_article("c", AUG, "Herald", SUMMIT))
        monkeypatch.setattr(group_store, "_write_rows", crash)
        with pytest.raises(RuntimeError):
            store.update_groups()
        con = store._conn
        grouped = {r for (r,) in con.execute("SELECT report_id FROM report_groups")}
        assert grouped == set().union(*before)  # the previous grouping, whole
        monkeypatch.undo()
        store.update_groups()
        assert len(_events(store)) == 1


# ---- incremental grouping == grouping from scratch, whatever the order ------------------------

_report = st.tuples(
    st.sampled_from(["talks", "summit", "air_attack"]),
    st.sampled_from(["occurred", "occurred", "planned"]),
    st.one_of(st.none(), st.integers(0, 6).map(lambda d: AUG + timedelta(days=d))),
    st.lists(st.sampled_from(sorted(COUNTRIES)), min_size=1, max_size=3, unique=True),
    st.one_of(st.none(), st.sampled_from(sorted(PLACES))),
)
_step = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 5), st.integers(0, 6), st.lists(_report, min_size=1, max_size=3)),
    st.tuples(st.just("delete"), st.integers(0, 20)),
)


def _membership(con: sqlite3.Connection) -> dict[str, str]:
    """Each report's event."""
    return group_store.membership(con)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_step, min_size=1, max_size=10))
def test_incremental_grouping_equals_regrouping(steps: list[tuple]) -> None:
    """After any sequence of ingests, replacements and deletes, every report is in exactly one event and the events
    are those a regroup from scratch finds."""
    with Store(":memory:") as store:
        stored: list[str] = []
        for n, step in enumerate(steps):
            if step[0] == "add":
                _, outlet, day, reports = step
                article, events = _article(f"art{n}", AUG + timedelta(days=day), f"outlet {outlet}", reports)
                if n % 3 == 2 and stored:  # replace a stored article: same path, new text
                    old = store.article(stored.pop())
                    assert old is not None
                    article = Article(article.article_id, old.path, article.text,
                                      title=article.title, published=article.published, source=article.source)
                store.ingest(article, events)
                stored.append(article.article_id)
            elif stored:
                store.delete_article(stored.pop(step[1] % len(stored)))
            store.update_groups()
            con = store._conn
            reports = {r for (r,) in con.execute("SELECT event_id FROM events")}
            incremental = _membership(con)
            assert set(incremental) == reports  # every report in exactly one event (report_id is the key)
            linked = {r for (r,) in con.execute("SELECT a FROM report_links UNION SELECT b FROM report_links")}
            assert linked <= reports
            rows = store.events_frame().to_dict("records")
            groups = group([report_of(r) for r in rows])
            scratch = {rid: g.event_id for g in groups for rid in g.report_ids}
            assert incremental == scratch
            # and each event was joined by the same links (a replay rebuilds them from the stored ones)
            joined = {gid: json.loads(links) for gid, links in con.execute("SELECT group_id, links FROM event_groups")}
            assert joined == {g.event_id: [[lk.a, lk.b, lk.score, list(lk.reasons)] for lk in g.links] for g in groups}
        store.regroup()
        assert _membership(store._conn) == incremental


def _dense_articles(seed: int, n: int = 240) -> list[tuple[Article, list[Event]]]:
    """The dense random reports of test_grouping (places a few km apart across cells), as stored articles."""
    by_article: dict[str, list[dict]] = {}
    for row in _random_rows(n, seed):
        by_article.setdefault(row["article_id"], []).append(row)
    out = []
    for aid, rows in by_article.items():
        first = rows[0]
        article = Article(aid, f"{aid}.txt", aid, title=aid, published=date.fromisoformat(first["published"]),
                          language="en", source=first["source"])
        out.append((article, [Event(
            row["report_id"], row["event_type"], row["status"],
            tuple(Actor(COUNTRIES.get(c, c), "country", c, "participant") for c in row["countries"]),
            "sentence", 0, 8, aid, 0.7, date=date.fromisoformat(row["date"]) if row["date"] else None,
            date_precision=row["date_precision"], location_name=row["location_name"],
            location_country=row["location_country"], lat=row["lat"], lon=row["lon"],
        ) for row in rows]))
    return out


@pytest.mark.parametrize("seed", [1, 2])
def test_articles_added_one_by_one_group_as_from_scratch(seed: int) -> None:
    """Dense reports, places in neighbouring cells of the index, added an article at a time: the events are those
    of grouping everything at once."""
    with Store(":memory:") as store:
        for article, events in _dense_articles(seed):
            store.ingest(article, events)
            store.update_groups()
        incremental = _membership(store._conn)
        rows = store.events_frame().to_dict("records")
        groups = group([report_of(r) for r in rows])
        assert sum(len(g.report_ids) > 1 for g in groups) > 30
        assert incremental == {rid: g.event_id for g in groups for rid in g.report_ids}


def test_links_between_say_why_reports_are_one_event(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        a, b = _article("a", AUG, "Wire", SUMMIT), _article("b", AUG, "Daily", SUMMIT)
        _ingest(store, a, b)
        ((x, y, score, reasons),) = store.links_between([a[1][0].event_id, b[1][0].event_id, "gone"])
        assert {x, y} == {a[1][0].event_id, b[1][0].event_id} and score > 0
        assert any("parties" in r for r in reasons) and any("day" in r for r in reasons)


def test_a_regroup_of_a_dense_store_stores_the_grouping_from_scratch(tmp_path: Path) -> None:
    """In a fresh interpreter (one thread, as a command line runs: the events really are grouped on two processes),
    a regroup of more than PARALLEL_REPORTS dense reports (the GC paused, indexes dropped and built again, the keys
    written on a thread) stores the events, links and keys of grouping the same reports from scratch in memory,
    and the keys an update would store one report at a time."""
    code = f"""
import json, threading
from events import group_store, parallel
from events.grouping import group, links, load_rules, report_of, stored_keys
from events.store import Store
from tests.test_group_store import _dense_articles, _membership
forked = []
def counted(work, shared, shares):
    forked.append((work.__name__, shares))
    return parallel.forked_map(work, shared, shares)
group_store.forked_map = counted
with Store({str(tmp_path / "big.db")!r}) as store:
    for article, events in _dense_articles(3, 1400):
        store.ingest(article, events)
    assert threading.active_count() == 1
    assert store.regroup() == 1400 > group_store.PARALLEL_REPORTS
    cores = parallel.available_cores()
    assert forked == ([("_group_share", cores)] if cores > 1 else [])
    con = store._conn
    reports = [report_of(r) for r in store.events_frame().to_dict("records")]
    groups = group(reports)
    assert _membership(con) == {{rid: g.event_id for g in groups for rid in g.report_ids}}
    stored = con.execute("SELECT a, b, score, reasons FROM report_links ORDER BY a, b").fetchall()
    found = links(reports)
    assert len(found) > 1000
    assert stored == sorted((lk.a, lk.b, lk.score, json.dumps(lk.reasons)) for lk in found)
    keys = sorted(con.execute('SELECT "key", lo, hi, report_id, how FROM report_keys'))
    rules = load_rules()
    assert keys == sorted((key, lo, hi, r.report_id, how) for r in reports
                          for key, how, (lo, hi) in stored_keys(r, rules))
    indexes = {{name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}}
    assert indexes >= set(group_store.INDEXES)
print("as from scratch")
"""
    root = Path(__file__).resolve().parent.parent
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, timeout=300,
                         env={**os.environ, "PYTHONPATH": str(root)})
    assert run.returncode == 0 and "as from scratch" in run.stdout, run.stderr


def test_a_regroup_reads_each_report_as_its_row_reads(tmp_path: Path) -> None:
    """A regroup reads the reports straight from the store's rows: they are the reports grouping.report_of makes
    of the events table's rows (attackers and targets, places, undated and unplaced reports)."""
    strike = _article("strike", date(2025, 8, 2), "Wire", [
        ("air_attack", "occurred", date(2025, 8, 1), ["RUS", "UKR"], "Kyiv"),
        ("talks", "planned", None, ["USA", "RUS"], None),
    ])
    with Store(tmp_path / "s.db") as store:
        _ingest(store, *_dense_articles(4, 60), strike)
        stored = group_store._reports(store._conn)
        rows = sorted(store.events_frame().to_dict("records"), key=lambda r: r["report_id"])
    assert stored == [report_of(r) for r in rows]
    assert any(r.attackers == {"RUS"} and r.targets == {"UKR"} for r in stored)
    assert any(r.place is None for r in stored) and any(r.date is None for r in stored) and len(stored) == 62
