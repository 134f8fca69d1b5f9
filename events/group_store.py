"""The store's events across articles: the reports (rows of `events`) grouped by events/grouping.py, kept in step.

Tables (an optional part of the schema, created when a store is opened writable, like the full-text index):
- `report_keys`: every report under the index keys of `grouping` where others find it (`stored_keys`; a new report
  searches them under its `lookup_keys`);
- `report_links`: the pairs of reports whose shared evidence reaches the threshold, with why;
- `report_groups`: each grouped report's event; `event_groups`: each event's summary;
- `pending_reports`: reports not grouped yet (a trigger on `events` adds each new one);
- `dirty_groups`: events that lost a report (an article deleted or replaced), or whose undated report lost a link
  (the event it fits best may change), and must be regrouped.

A trigger on `events` keeps them consistent whoever deletes: a deleted report leaves its keys, links and event,
and marks the events it changes dirty. `update` groups what is new or dirty in one transaction: it finds the
stored reports the new ones link to through `report_keys`, and replays only the merge attempts the change can
alter (events/regroup.py), which gives the same events as grouping every report from scratch (`regroup`).
"""

from __future__ import annotations

import gc
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date
from functools import cache, lru_cache
from typing import Any

import pandas as pd

from events import key_columns, link_columns
from events.grouping import (
    EventGroup,
    Link,
    Report,
    Rules,
    candidate_pairs,
    connected_parts,
    group,
    link_between,
    load_rules,
    lookup_keys,
    new_report,
)
from events.parallel import available_cores, can_fork, forked_map
from events.regroup import Replay, StoredEvent

# the secondary indexes: a regroup drops them and builds each once after its bulk inserts (one sorted build is
# several times faster than inserting 600,000 rows into an index in random order)
INDEXES = {
    "report_keys_key": 'CREATE INDEX IF NOT EXISTS report_keys_key ON report_keys("key", lo)',
    "report_keys_report": "CREATE INDEX IF NOT EXISTS report_keys_report ON report_keys(report_id)",
    "report_links_b": "CREATE INDEX IF NOT EXISTS report_links_b ON report_links(b)",
    "report_groups_group": "CREATE INDEX IF NOT EXISTS report_groups_group ON report_groups(group_id)",
}

DDL = (
    """CREATE TABLE IF NOT EXISTS report_keys (
        "key"     TEXT NOT NULL,
        lo        INTEGER NOT NULL,  -- the report's window of days, as proleptic ordinals (date.toordinal)
        hi        INTEGER NOT NULL,
        report_id TEXT NOT NULL,
        how       TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS report_links (
        a       TEXT NOT NULL,
        b       TEXT NOT NULL,
        score   REAL NOT NULL,
        reasons TEXT NOT NULL,
        PRIMARY KEY (a, b)
    ) WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS event_groups (
        group_id       TEXT PRIMARY KEY,
        event_type     TEXT NOT NULL,
        status         TEXT NOT NULL,
        status_history TEXT NOT NULL,
        planned_dates  TEXT NOT NULL,
        "date"         TEXT,
        date_precision TEXT,
        place          TEXT,
        countries      TEXT NOT NULL,
        n_reports      INTEGER NOT NULL,
        n_articles     INTEGER NOT NULL,
        n_sources      INTEGER NOT NULL,
        first_reported TEXT,
        last_reported  TEXT,
        confidence     REAL NOT NULL,
        links          TEXT NOT NULL,  -- the links that joined its reports: [a, b, score, reasons]
        report_ids     TEXT NOT NULL   -- its reports (as in report_groups), read with its links by a replay
    )""",
    """CREATE TABLE IF NOT EXISTS report_groups (
        report_id TEXT PRIMARY KEY,
        group_id  TEXT NOT NULL
    ) WITHOUT ROWID""",
    "CREATE TABLE IF NOT EXISTS dirty_groups (group_id TEXT PRIMARY KEY) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS pending_reports (report_id TEXT PRIMARY KEY) WITHOUT ROWID",
    *INDEXES.values(),
    """CREATE TRIGGER IF NOT EXISTS events_join_groups AFTER INSERT ON events BEGIN
        INSERT OR IGNORE INTO pending_reports (report_id) VALUES (NEW.event_id);
    END""",
    """CREATE TRIGGER IF NOT EXISTS events_leave_groups AFTER DELETE ON events BEGIN
        INSERT OR IGNORE INTO dirty_groups (group_id)
            SELECT group_id FROM report_groups WHERE report_id = OLD.event_id
            UNION
            SELECT g.group_id FROM report_links l
                JOIN events e ON e.event_id = CASE WHEN l.a = OLD.event_id THEN l.b ELSE l.a END
                JOIN report_groups g ON g.report_id = e.event_id
            WHERE (l.a = OLD.event_id OR l.b = OLD.event_id) AND (e."date" IS NULL OR e."date" = '');
        DELETE FROM report_groups WHERE report_id = OLD.event_id;
        DELETE FROM pending_reports WHERE report_id = OLD.event_id;
        DELETE FROM report_keys WHERE report_id = OLD.event_id;
        DELETE FROM report_links WHERE a = OLD.event_id OR b = OLD.event_id;
    END""",
)

PARALLEL_REPORTS = 1000  # fewer reports are grouped here: starting processes would cost more

# an update that finds more new reports than this share of the store (and at least REGROUP_MIN) regroups all
REGROUP_SHARE = 0.25
REGROUP_MIN = 2000

_FACTS = (
    "SELECT e.event_id, e.article_id, a.source, a.published, e.event_type, e.status, e.\"date\", e.date_precision,"
    " e.countries, e.actors, e.location_name, e.location_country, e.lat, e.lon, e.confidence"
    " FROM events e JOIN articles a ON a.article_id = e.article_id"
)


SCHEMA = "3"  # the tables' layout (meta 'grouping_schema'); tables of another layout are made again
_TABLES = ("report_keys", "report_links", "event_groups", "report_groups", "dirty_groups", "pending_reports")


def has_tables(con: sqlite3.Connection) -> bool:
    """True when the store holds the grouping tables (stores made before them get them when opened writable)."""
    return con.execute("SELECT 1 FROM sqlite_master WHERE name = 'event_groups'").fetchone() is not None


def is_current(con: sqlite3.Connection) -> bool:
    """True when the store holds the grouping tables in this program's layout."""
    row = con.execute("SELECT value FROM meta WHERE key = 'grouping_schema'").fetchone()
    return has_tables(con) and row is not None and row[0] == SCHEMA


def create(con: sqlite3.Connection) -> None:
    """Create the grouping tables and trigger, dropping those of another layout (inside the caller's write
    transaction; the grouping is derived data: `regroup` fills them again)."""
    con.execute("DROP TRIGGER IF EXISTS events_leave_groups")
    con.execute("DROP TRIGGER IF EXISTS events_join_groups")
    for table in _TABLES:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    for stmt in DDL:
        con.execute(stmt)
    con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('grouping_schema', ?)", (SCHEMA,))


def _reports(con: sqlite3.Connection, ids: Iterable[str] | None = None) -> list[Report]:
    """The facts grouping needs of some stored reports (all of them when ids is None)."""
    if ids is None:
        rows = con.execute(_FACTS + " ORDER BY e.event_id").fetchall()
    else:
        rows = con.execute(_FACTS + " WHERE e.event_id IN (SELECT value FROM json_each(?)) ORDER BY e.event_id",
                           (json.dumps(sorted(ids)),)).fetchall()
    return _reports_of(rows)


def _reports_of(rows: Iterable[tuple[Any, ...]]) -> list[Report]:
    """Reports from rows of the `_FACTS` query (what `grouping.report_of` makes of the same rows as dicts; the
    store's values are typed already: ISO dates, numbers or NULL, JSON lists)."""
    reports = []
    for (rid, aid, source, published, event_type, status, day, precision, countries, actors, place, place_country,
         lat, lon, confidence) in rows:
        attackers, targets = _roles(actors)
        reports.append(new_report(
            report_id=rid, article_id=aid, source=_stored_text(source), published=_stored_day(published),
            event_type=event_type, status=status, day=_stored_day(day), precision=_stored_text(precision),
            countries=_countries(countries), attackers=attackers, targets=targets, place=_stored_text(place),
            place_country=_stored_text(place_country), lat=lat, lon=lon, confidence=confidence))
    return reports


def _stored_text(value: str | None) -> str | None:
    """A stored string, None when missing or blank (as `grouping.report_of` reads it)."""
    return (value or "").strip() or None


def _stored_day(value: str | None) -> date | None:
    """A stored ISO date (or timestamp), None when missing."""
    return date.fromisoformat(value[:10]) if value else None


@lru_cache(maxsize=1 << 16)
def _countries(stored: str | None) -> tuple[str, ...]:
    """A report's countries from their JSON (reports share a few thousand distinct lists)."""
    return tuple(json.loads(stored or "[]"))


@lru_cache(maxsize=1 << 16)
def _roles(actors: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """The attackers and targets among a report's stored actors. Grouping reads nothing else of them, and most
    reports (talks, summits) have neither: their JSON is not parsed."""
    if actors is None or ("initiator" not in actors and "target" not in actors):
        return frozenset(), frozenset()
    found = json.loads(actors)
    return (frozenset(a["country"] for a in found if a.get("role") == "initiator" and a.get("country")),
            frozenset(a["country"] for a in found if a.get("role") == "target" and a.get("country")))


def _longest_window(rules: Rules) -> int:
    """An upper bound on the days of any report's window: how far back a key's query must look."""
    return 366 + 2 * rules.planned_shift_days + max(rules.undated_past_days.values(), default=0) \
        + rules.undated_future_days + max(rules.occurred_days.values(), default=0) * 2


def _stored_candidates(con: sqlite3.Connection, reports: Sequence[Report], rules: Rules,
                       exclude: set[str]) -> set[str]:
    """Stored reports (not in `exclude`) that the new reports could be proposed with: found under their
    `lookup_keys`, stored there in a way that meets them, on days that overlap."""
    found: set[str] = set()
    back = _longest_window(rules)
    for r in reports:
        for key, wanted, (lo, hi) in lookup_keys(r, rules):
            for (rid,) in con.execute(
                'SELECT report_id FROM report_keys WHERE "key" = ? AND lo BETWEEN ? AND ? AND hi >= ?'
                " AND how IN (SELECT value FROM json_each(?))",
                (key, lo - back, hi, lo, json.dumps(wanted)),
            ):
                if rid not in exclude:
                    found.add(rid)
    return found


@cache
def _reasons(stored: str) -> tuple[str, ...]:
    """A link's reasons from their JSON (links share a few hundred distinct ones)."""
    return tuple(json.loads(stored))


@cache
def _reasons_text(reasons: tuple[str, ...]) -> str:
    """A link's reasons as JSON, as stored (`_reasons` reads them back)."""
    return json.dumps(reasons, ensure_ascii=False)


class _Stored:
    """The store's grouping as a replay reads it (`regroup.StoredGrouping`), events that must be regrouped left
    out."""

    def __init__(self, con: sqlite3.Connection, dirty: Iterable[str]) -> None:
        self.con = con
        self.dirty = set(dirty)

    def reports(self, ids: Iterable[str]) -> list[Report]:
        return _reports(self.con, ids)

    def links_of(self, ids: Iterable[str]) -> list[Link]:
        return [Link(a, b, score, _reasons(reasons)) for a, b, score, reasons in self.con.execute(
            "SELECT a, b, score, reasons FROM report_links WHERE a IN (SELECT value FROM json_each(?1))"
            " UNION ALL SELECT a, b, score, reasons FROM report_links WHERE b IN (SELECT value FROM json_each(?1))"
            " AND a NOT IN (SELECT value FROM json_each(?1))",
            (json.dumps(sorted(ids)),))]

    def dated(self, ids: Iterable[str]) -> set[str]:
        return {r for (r,) in self.con.execute(
            'SELECT event_id FROM events WHERE event_id IN (SELECT value FROM json_each(?)) AND "date" > \'\'',
            (json.dumps(sorted(ids)),))}

    def events_of(self, ids: Iterable[str]) -> dict[str, StoredEvent]:
        found: dict[str, StoredEvent] = {}
        for rid, gid, members, joined, dated in self.con.execute(
            "SELECT r.report_id, g.group_id, g.report_ids, g.links,"
            " (SELECT json_group_array(e.event_id) FROM json_each(g.report_ids) m"
            "  JOIN events e ON e.event_id = m.value WHERE e.\"date\" > '')"
            " FROM report_groups r JOIN event_groups g ON g.group_id = r.group_id"
            " WHERE r.report_id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(ids)),),
        ):
            if gid not in self.dirty:
                found[rid] = StoredEvent(
                    tuple(json.loads(members)),
                    tuple(Link(a, b, score, tuple(reasons)) for a, b, score, reasons in json.loads(joined)),
                    frozenset(json.loads(dated)),
                )
        return found


@lru_cache(maxsize=1 << 16)
def _json(value: tuple[Any, ...]) -> str:
    """A small tuple as JSON (events share a few thousand distinct status histories, plans and lists of parties)."""
    return json.dumps(value)


def _iso(value: date | None) -> str | None:
    """YYYY-MM-DD or None."""
    return value.isoformat() if value else None


GroupRows = tuple[list[tuple[Any, ...]], list[tuple[str, str]]]  # rows of event_groups and of report_groups


def _rows(groups: Sequence[EventGroup]) -> GroupRows:
    """The event_groups and report_groups rows of some events."""
    events = [(g.event_id, g.event_type, g.status, _json(g.status_history), _json(g.planned_dates),
               _iso(g.date), g.date_precision, g.place, _json(g.countries), g.n_reports, g.n_articles, g.n_sources,
               _iso(g.first_reported), _iso(g.last_reported), g.confidence,
               json.dumps([[lk.a, lk.b, lk.score, lk.reasons] for lk in g.links], ensure_ascii=False),
               json.dumps(sorted(g.report_ids)))
              for g in groups]
    return events, [(rid, g.event_id) for g in groups for rid in g.report_ids]


def _write_rows(con: sqlite3.Connection, rows: GroupRows) -> None:
    """Insert events and their memberships, each in the order of its table's key."""
    events, members = rows
    con.executemany("INSERT INTO event_groups VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    sorted(events))
    con.executemany("INSERT INTO report_groups (report_id, group_id) VALUES (?, ?)", sorted(members))


def _group_share(shares: tuple[list[list[Report]], list[list[Link]], Rules], k: int) -> GroupRows:
    """In a worker: the rows of the events of one share of the connected parts."""
    reports, found, rules = shares
    return _rows(group(reports[k], rules, found[k]))


def _grouped_rows(reports: Sequence[Report], rules: Rules, found: Sequence[Link], jobs: int) -> GroupRows:
    """The rows of the events the reports describe, grouped on `jobs` processes: the connected parts of the link
    graph group alone, so each process groups a share of them."""
    if jobs <= 1 or len(reports) < PARALLEL_REPORTS or not can_fork():
        return _rows(group(reports, rules, list(found)))
    shares: list[list[Report]] = [[] for _ in range(jobs)]
    for part in sorted(connected_parts(reports, rules, found), key=len, reverse=True):
        min(shares, key=len).extend(part)  # the largest parts first, each to the lightest share
    share_of = {r.report_id: k for k, share in enumerate(shares) for r in share}
    share_links: list[list[Link]] = [[] for _ in range(jobs)]
    for link in found:  # (strongest first, as group merges them)
        share_links[share_of[link.a]].append(link)
    parts = forked_map(_group_share, (shares, share_links, rules), jobs)
    return [row for events, _ in parts for row in events], [row for _, members in parts for row in members]


def update(con: sqlite3.Connection, rules: Rules | None = None) -> int:
    """Group the reports not yet grouped and regroup the events a deletion changed; the number of reports
    regrouped.

    Runs inside the caller's write transaction: a kill leaves the previous grouping or the new one.
    """
    rules = rules or load_rules()
    pending_ids = [r for (r,) in con.execute("SELECT report_id FROM pending_reports ORDER BY report_id")]
    dirty = [g for (g,) in con.execute("SELECT group_id FROM dirty_groups")]
    if not pending_ids and not dirty:
        return 0
    pending = _reports(con, pending_ids)
    total = con.execute("SELECT count(*) FROM events").fetchone()[0]
    if len(pending) > max(REGROUP_SHARE * total, REGROUP_MIN):
        return regroup(con, rules)  # most of the store is new: one pass over everything is cheaper
    new_keys = key_columns.key_table(pending, rules).stored_rows(pending)
    # links from the new reports to stored ones, and among the new ones
    nearby = _reports(con, _stored_candidates(con, pending, rules, set(pending_ids)))
    pool = pending + nearby
    new_links = []
    for i, j in candidate_pairs(pool, rules):
        if i < len(pending) or j < len(pending):
            link = link_between(pool[i], pool[j], rules)
            if link is not None:
                new_links.append(link)
    con.executemany('INSERT INTO report_keys ("key", lo, hi, report_id, how) VALUES (?, ?, ?, ?, ?)', new_keys)
    con.executemany("INSERT OR REPLACE INTO report_links (a, b, score, reasons) VALUES (?, ?, ?, ?)",
                    [(lk.a, lk.b, lk.score, _reasons_text(lk.reasons)) for lk in new_links])
    start = set(pending_ids) | {r for (r,) in con.execute(
        "SELECT report_id FROM report_groups WHERE group_id IN (SELECT value FROM json_each(?))",
        (json.dumps(dirty),))}
    replay = Replay(_Stored(con, dirty), start, rules)
    groups = replay.run()
    changed = replay.affected()
    old_groups = {g for (g,) in con.execute(
        "SELECT DISTINCT group_id FROM report_groups WHERE report_id IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(changed)),))} | set(dirty)
    ids = json.dumps(sorted(old_groups))
    con.execute("DELETE FROM report_groups WHERE group_id IN (SELECT value FROM json_each(?))", (ids,))
    con.execute("DELETE FROM event_groups WHERE group_id IN (SELECT value FROM json_each(?))", (ids,))
    con.execute("DELETE FROM dirty_groups")
    con.execute("DELETE FROM pending_reports")
    _write_rows(con, _rows(groups))
    return len(changed)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic GC paused: a regroup makes millions of objects, none of them in a cycle, and the GC would scan
    them again and again as they pile up (seconds at 100,000 reports). Nothing is collected at the end either:
    what the regroup leaves is freed by reference counting, and a full collection would only rescan the
    process's older objects (1.3 s with a loaded gazetteer)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def regroup(con: sqlite3.Connection, rules: Rules | None = None) -> int:
    """Group every stored report from scratch (inside the caller's write transaction); the number of reports."""
    with _gc_paused():
        return _regroup(con, rules or load_rules())


def _empty(con: sqlite3.Connection) -> None:
    """Empty the grouping tables, their secondary indexes dropped (a regroup builds them once at the end)."""
    for name in INDEXES:
        con.execute(f"DROP INDEX IF EXISTS {name}")
    for table in _TABLES:
        con.execute(f"DELETE FROM {table}")


def _regroup(con: sqlite3.Connection, rules: Rules) -> int:
    """`regroup`, the GC paused."""
    rows = con.execute(_FACTS + " ORDER BY e.event_id").fetchall()
    with ThreadPoolExecutor(1) as writer:
        # SQLite lets go of the GIL while it works, and the columns' work mostly runs in numpy: the old grouping is
        # emptied while the reports are made, and the keys are written while the links are found
        emptied = writer.submit(_empty, con)
        reports = _reports_of(rows)
        emptied.result()
        table = key_columns.key_table(reports, rules)  # made once: for the store and to find the pairs
        keys_written = writer.submit(con.executemany, 'INSERT INTO report_keys ("key", lo, hi, report_id, how)'
                                     " VALUES (?, ?, ?, ?, ?)", table.stored_rows(reports))
        found = link_columns.links(reports, rules, table)
        keys_written.result()
    con.executemany("INSERT INTO report_links (a, b, score, reasons) VALUES (?, ?, ?, ?)",
                    sorted((lk.a, lk.b, lk.score, _reasons_text(lk.reasons)) for lk in found))
    _write_rows(con, _grouped_rows(reports, rules, found, available_cores()))
    con.execute(f"PRAGMA threads = {available_cores()}")  # the indexes' sorts on every core
    for stmt in INDEXES.values():
        con.execute(stmt)
    return len(reports)


GROUP_COLUMNS = {
    "event_id": "str", "event_type": "str", "status": "str", "status_history": "object", "planned_dates": "object",
    "date": "datetime64[s]", "date_precision": "str", "place": "str", "countries": "object", "n_reports": "Int64",
    "n_articles": "Int64", "n_sources": "Int64", "first_reported": "datetime64[s]",
    "last_reported": "datetime64[s]", "confidence": "float64", "links": "object", "report_ids": "object",
}


def groups_frame(con: sqlite3.Connection | None) -> pd.DataFrame:
    """One row per event across articles (GROUP_COLUMNS), newest first, with its report ids (none without `con`)."""
    members: dict[str, list[str]] = {}
    rows = []
    if con is not None:
        for rid, gid in con.execute("SELECT report_id, group_id FROM report_groups ORDER BY report_id"):
            members.setdefault(gid, []).append(rid)
        rows = con.execute(
            "SELECT group_id, event_type, status, status_history, planned_dates, \"date\", date_precision, place,"
            " countries, n_reports, n_articles, n_sources, first_reported, last_reported, confidence, links"
            " FROM event_groups ORDER BY \"date\" DESC, group_id").fetchall()
    data: dict[str, list[Any]] = {name: [] for name in GROUP_COLUMNS}
    for row in rows:
        for name, value in zip(list(GROUP_COLUMNS)[:-1], row, strict=True):
            if name in ("status_history", "planned_dates", "countries"):
                value = json.loads(value)
            elif name == "links":  # each link as (report, report, why)
                value = [(a, b, Link(a, b, score, tuple(reasons)).explain()) for a, b, score, reasons in json.loads(value)]
            data[name].append(value)
        data["report_ids"].append(members.get(row[0], []))
    frame = pd.DataFrame(data)
    for name, dtype in GROUP_COLUMNS.items():
        if dtype.startswith("datetime"):
            frame[name] = pd.to_datetime(frame[name], errors="coerce").astype(dtype)
        elif dtype != "object":
            frame[name] = frame[name].astype(dtype)
    return frame


def membership(con: sqlite3.Connection) -> dict[str, str]:
    """Each grouped report's event id."""
    return dict(con.execute("SELECT report_id, group_id FROM report_groups"))
