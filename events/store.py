"""Embedded SQLite store of articles and their events: one writer (the CLI), many readers (the dashboard)."""

from __future__ import annotations

import gc
import hashlib
import json
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import numpy as np
import pandas as pd
import pyarrow as pa

from events import corrections as corr
from events import group_store, search
from events.grouping import event_id_of
from events.records import Article, Event
from events.schema import EVENT_COLUMNS, LIST_COLUMNS, empty_frame
from events.search import SearchHits

try:  # optional speed-up, never a dependency
    import orjson

    _loads: Callable[[str], Any] = orjson.loads
except ImportError:  # pragma: no cover - depends on the environment
    _loads = json.loads

DEFAULT_DB = Path("data/events.db")  # relative to the current directory
# SQLite keeps these beside the database while it is open (WAL mode) or in a transaction (rollback journal)
_SIDE_FILES = ("-wal", "-shm", "-journal")
SNAPSHOT_SUFFIX = ".snapshot"  # the dashboard's columnar snapshot of a store: the folder `<store file name>.snapshot/`


def store_files(path: str | Path) -> list[Path]:
    """The database file, the files SQLite keeps beside it and the dashboard's snapshot folder: what an ingest of its
    own folder must not read."""
    path = Path(path)
    return [path, *(path.with_name(path.name + side) for side in (*_SIDE_FILES, SNAPSHOT_SUFFIX))]
SCHEMA_VERSION = 1
APPLICATION_ID = 0x45564E54  # "EVNT" in the SQLite header: marks the file as ours
BUSY_TIMEOUT_S = 10.0

_DDL = """
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    article_id   TEXT PRIMARY KEY,
    path         TEXT NOT NULL,
    title        TEXT,
    published    TEXT,
    language     TEXT,
    source       TEXT,
    url          TEXT,
    text         TEXT NOT NULL,
    content_sha1 TEXT NOT NULL,
    chars        INTEGER NOT NULL,
    ingested_at  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS article_paths (
    path       TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(article_id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS article_paths_article ON article_paths(article_id);
CREATE TABLE IF NOT EXISTS events (
    event_id         TEXT PRIMARY KEY,
    article_id       TEXT NOT NULL REFERENCES articles(article_id) ON DELETE CASCADE,
    event_type       TEXT,
    status           TEXT,
    "date"           TEXT,
    date_precision   TEXT,
    date_text        TEXT,
    actors           TEXT NOT NULL DEFAULT '[]',
    countries        TEXT NOT NULL DEFAULT '[]',
    attributed_to    TEXT NOT NULL DEFAULT '[]',
    location_name    TEXT,
    location_country TEXT,
    lat              REAL,
    lon              REAL,
    sentence         TEXT,
    "start"          INTEGER,
    "end"            INTEGER,
    confidence       REAL,
    "trigger"        TEXT
);
CREATE INDEX IF NOT EXISTS events_article ON events(article_id);
CREATE INDEX IF NOT EXISTS events_type ON events(event_type);
CREATE INDEX IF NOT EXISTS events_date ON events("date");
"""

# Full-text search: one FTS5 document per article (title, text) and per event (its evidence sentence), numbered in
# search_docs. Its INTEGER PRIMARY KEY is the documents' rowid: unlike the implicit rowid of articles and events, it
# survives a VACUUM. The index keeps no copy of the text (external content: the view search_text reads it from
# articles and events); triggers keep it in step with every insert, delete (foreign-key cascades included) and edit,
# whoever writes. unicode61 with remove_diacritics 2 folds case and diacritics both ways ("sedinta" finds "ședința").
_SEARCH_DDL = (
    """CREATE TABLE IF NOT EXISTS search_docs (
        doc        INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL,
        event_id   TEXT UNIQUE
    )""",
    "CREATE UNIQUE INDEX IF NOT EXISTS search_docs_article ON search_docs(article_id) WHERE event_id IS NULL",
    """CREATE VIEW IF NOT EXISTS search_text (doc, title, body) AS
        SELECT d.doc, a.title, a.text FROM search_docs d JOIN articles a ON a.article_id = d.article_id
        WHERE d.event_id IS NULL
        UNION ALL
        SELECT d.doc, NULL, e.sentence FROM search_docs d JOIN events e ON e.event_id = d.event_id""",
    """CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(
        title, body, content='search_text', content_rowid='doc', tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER IF NOT EXISTS articles_search_insert AFTER INSERT ON articles BEGIN
        INSERT INTO search_docs (article_id) VALUES (NEW.article_id);
        INSERT INTO search (rowid, title, body) VALUES (last_insert_rowid(), NEW.title, NEW.text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS articles_search_delete AFTER DELETE ON articles BEGIN
        INSERT INTO search (search, rowid, title, body)
            SELECT 'delete', doc, OLD.title, OLD.text FROM search_docs
            WHERE article_id = OLD.article_id AND event_id IS NULL;
        DELETE FROM search_docs WHERE article_id = OLD.article_id AND event_id IS NULL;
    END""",
    """CREATE TRIGGER IF NOT EXISTS articles_search_update AFTER UPDATE OF article_id, title, text ON articles BEGIN
        INSERT INTO search (search, rowid, title, body)
            SELECT 'delete', doc, OLD.title, OLD.text FROM search_docs
            WHERE article_id = OLD.article_id AND event_id IS NULL;
        UPDATE search_docs SET article_id = NEW.article_id WHERE article_id = OLD.article_id AND event_id IS NULL;
        INSERT INTO search (rowid, title, body)
            SELECT doc, NEW.title, NEW.text FROM search_docs WHERE article_id = NEW.article_id AND event_id IS NULL;
    END""",
    """CREATE TRIGGER IF NOT EXISTS events_search_insert AFTER INSERT ON events BEGIN
        INSERT INTO search_docs (article_id, event_id) VALUES (NEW.article_id, NEW.event_id);
        INSERT INTO search (rowid, title, body) VALUES (last_insert_rowid(), NULL, NEW.sentence);
    END""",
    """CREATE TRIGGER IF NOT EXISTS events_search_delete AFTER DELETE ON events BEGIN
        INSERT INTO search (search, rowid, title, body)
            SELECT 'delete', doc, NULL, OLD.sentence FROM search_docs WHERE event_id = OLD.event_id;
        DELETE FROM search_docs WHERE event_id = OLD.event_id;
    END""",
    """CREATE TRIGGER IF NOT EXISTS events_search_update AFTER UPDATE OF event_id, article_id, sentence ON events BEGIN
        INSERT INTO search (search, rowid, title, body)
            SELECT 'delete', doc, NULL, OLD.sentence FROM search_docs WHERE event_id = OLD.event_id;
        UPDATE search_docs SET event_id = NEW.event_id, article_id = NEW.article_id WHERE event_id = OLD.event_id;
        INSERT INTO search (rowid, title, body)
            SELECT doc, NULL, NEW.sentence FROM search_docs WHERE event_id = NEW.event_id;
    END""",
)
# an existing store (made before the index): number every article and event, then index them all at once
_SEARCH_FILL = (
    "INSERT INTO search_docs (article_id) SELECT article_id FROM articles ORDER BY rowid",
    "INSERT INTO search_docs (article_id, event_id) SELECT article_id, event_id FROM events ORDER BY rowid",
    "INSERT INTO search (search) VALUES ('rebuild')",
)
_SEARCH = "SELECT d.article_id, d.event_id FROM search s JOIN search_docs d ON d.doc = s.rowid WHERE search MATCH ?"

_EVENT_FIELDS = (
    "event_id", "article_id", "event_type", "status", "date", "date_precision", "date_text",
    "actors", "countries", "attributed_to", "location_name", "location_country", "lat", "lon",
    "sentence", "start", "end", "confidence", "trigger",
)  # fmt: skip
_INSERT_EVENTS = "INSERT INTO events ({}) VALUES ".format(", ".join(f'"{c}"' for c in _EVENT_FIELDS))
# An article's events go in with one statement of many rows: the full-text triggers index each row, and FTS5 writes
# its pending terms out at the end of every statement that wrote to it (one statement per event cost ~3x more)
_EVENTS_PER_STATEMENT = 500  # 500 x 19 values, well under SQLite's 32,766 bound variables
_EVENT_VALUES = "({})".format(", ".join("?" * len(_EVENT_FIELDS)))
_ARTICLE_FIELDS = ("path", "title", "published", "language", "source", "url")
# events_frame reads the event columns of EVENT_COLUMNS from `events` and joins the article metadata in
# pandas (one row per article, then a vectorised take): far fewer Python objects than a SQL join.
_FRAME_EVENT_COLUMNS = {c: d for c, (d, _) in EVENT_COLUMNS.items() if c not in _ARTICLE_FIELDS}
_FRAME_ARTICLE_COLUMNS = {"article_id": "str"} | {
    c: d for c, (d, _) in EVENT_COLUMNS.items() if c in _ARTICLE_FIELDS
}
# the events table stores a report's id as event_id (the name of its first schema); its event is in report_groups
_SOURCE_OF = {"report_id": 'e."event_id"'}
_SELECT_EVENT_ARTICLES = "SELECT {} FROM articles a".format(
    ", ".join(f'a."{c}"' for c in _FRAME_ARTICLE_COLUMNS)
)
_WHERE_ARTICLES = " WHERE {}.article_id IN (SELECT value FROM json_each(?))"
# report_chunks: reports given another event by the analyst's corrections, as a JSON object report id -> event id
_WITH_OVERRIDES = "WITH o(report_id, event_id) AS (SELECT key, value FROM json_each(?)) "
CHUNK_REPORTS = 5_000  # ~50 MB of rows and frames: an export stays near 200 MB however large the store
_EVENT_AT = len(_FRAME_EVENT_COLUMNS)  # where report_chunks' rows ordered by event hold the event's key
_ARTICLE_AT = list(_FRAME_EVENT_COLUMNS).index("article_id")
_ARTICLES_COLUMNS: dict[str, str] = {
    "article_id": "str",
    "path": "str",
    "title": "str",
    "published": "datetime64[s]",
    "language": "str",
    "source": "str",
    "url": "str",
    "n_events": "int64",
    "ingested_at": "datetime64[s, UTC]",
    "chars": "int64",
}


_gc_lock = threading.Lock()
_gc_depth = 0
_gc_was_enabled = False


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic GC while building big frames (it would rescan millions of fresh containers)."""
    global _gc_depth, _gc_was_enabled
    with _gc_lock:
        if _gc_depth == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_depth += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            if _gc_depth == 0 and _gc_was_enabled:
                gc.enable()


class StoreError(Exception):
    """The store cannot be opened or used as asked (message names the file and the problem)."""


@dataclass(frozen=True)
class IngestResult:
    """What `Store.ingest` did with one article."""

    status: str  # "new" | "unchanged" | "replaced"
    events_added: int
    events_removed: int


def _iso(value: date | None) -> str | None:
    """ISO text for a date; a datetime keeps its wall-clock time (seconds), not its time zone."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(timespec="seconds")
    return value.isoformat()


def _parse_day(text: str | None) -> date | None:
    """Inverse of `_iso`: a date, or a datetime when a time was stored."""
    if text is None:
        return None
    return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)


def _dumps(value: Any) -> str:
    """Compact JSON, non-ASCII kept readable."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _event_row(event: Event) -> tuple[Any, ...]:
    """The `events` table row of one event, in `_EVENT_FIELDS` order."""
    return (
        event.event_id, event.article_id, event.event_type, event.status, _iso(event.date),
        event.date_precision, event.date_text, _dumps([a.as_dict() for a in event.actors]),
        _dumps(list(event.countries)), _dumps(list(event.attributed_to)), event.location_name,
        event.location_country, event.lat, event.lon, event.sentence, event.start, event.end,
        event.confidence, event.trigger,
    )  # fmt: skip


def _insert_events(con: sqlite3.Connection, events: Sequence[Event]) -> None:
    """Insert events with as few statements as the bound-variable limit allows (see _EVENTS_PER_STATEMENT)."""
    for i in range(0, len(events), _EVENTS_PER_STATEMENT):
        chunk = events[i : i + _EVENTS_PER_STATEMENT]
        con.execute(_INSERT_EVENTS + ", ".join([_EVENT_VALUES] * len(chunk)), [v for e in chunk for v in _event_row(e)])


def _json_column(values: Sequence[str | None]) -> list[Any]:
    """Parse a column of JSON lists in one parser call (each distinct text once when most repeat)."""
    distinct = dict.fromkeys(values)
    if len(distinct) * 2 > len(values):  # mostly distinct: parse everything
        return _loads("[" + ",".join(v or "[]" for v in values) + "]")
    parsed = _loads("[" + ",".join(v or "[]" for v in distinct) + "]")
    lookup = dict(zip(distinct, parsed, strict=True))
    if any(isinstance(x, dict) for value in parsed for x in value):  # rows never share objects
        return [[x.copy() for x in lookup[v]] for v in values]
    return [lookup[v].copy() for v in values]


_STR = pd.StringDtype("pyarrow", na_value=np.nan)
_FAST_STR = pd.api.types.pandas_dtype("str") == _STR  # dtype "str" is arrow-backed (pyarrow installed)


def _series(values: Sequence[Any], dtype: str, *, json_list: bool = False) -> pd.Series:
    """One frame column from raw SQLite values, coerced like `schema.to_frame` does."""
    if json_list:
        return pd.Series(_json_column(values), dtype="object")
    if dtype.startswith("datetime64"):
        parsed = pd.to_datetime(
            pd.Series(values, dtype="object"), format="ISO8601", errors="coerce", utc="UTC" in dtype
        )
        return parsed.astype(dtype)
    if dtype == "str" and _FAST_STR:  # ~2x faster than pd.Series(values, dtype="str"), same result
        return pa.array(values, type=pa.large_string()).to_pandas(types_mapper={pa.large_string(): _STR}.get)
    return pd.Series(values, dtype=dtype)


def _frame(rows: list[tuple[Any, ...]], columns: dict[str, str], lists: Sequence[str] = ()) -> pd.DataFrame:
    """Build a frame column by column (vectorised) from fetched rows."""
    cols = list(zip(*rows, strict=True)) if rows else [()] * len(columns)
    return pd.DataFrame(
        {
            name: _series(values, dtype, json_list=name in lists)
            for (name, dtype), values in zip(columns.items(), cols, strict=True)
        }
    )


def _reports_select(grouped: bool, overridden: bool = False) -> tuple[str, str, str]:
    """(a report's event, the columns, the FROM clause) of a select of the reports: the event from report_groups
    (none before the grouping tables exist), over it the overrides `o` of report_chunks when `overridden`."""
    event = "g.group_id" if grouped else "NULL"
    source = "events e" + (" LEFT JOIN report_groups g ON g.report_id = e.event_id" if grouped else "")
    if overridden:
        event, source = f"COALESCE(o.event_id, {event})", source + " LEFT JOIN o ON o.report_id = e.event_id"
    columns = ", ".join(event if c == "event_id" else _SOURCE_OF.get(c, f'e."{c}"') for c in _FRAME_EVENT_COLUMNS)
    return event, columns, source


def _reports_frame(rows: list[tuple[Any, ...]], articles: list[tuple[Any, ...]]) -> pd.DataFrame:
    """The reports frame (EVENT_COLUMNS) of fetched event rows and their articles' rows."""
    if not rows:
        return empty_frame()
    with _gc_paused():
        events = _frame(rows, _FRAME_EVENT_COLUMNS, LIST_COLUMNS)
        meta = _frame(articles, _FRAME_ARTICLE_COLUMNS)
        at = pd.Index(meta["article_id"]).get_indexer(events["article_id"])
        if (at < 0).any():  # only if foreign keys were bypassed: inner-join semantics
            events = events[at >= 0].reset_index(drop=True)
            at = at[at >= 0]
        for col in _ARTICLE_FIELDS:
            events[col] = meta[col].take(at).reset_index(drop=True)
        alone = events["event_id"].isna()
        if alone.any():
            events.loc[alone, "event_id"] = [event_id_of([rid]) for rid in events.loc[alone, "report_id"]]
    return events[list(EVENT_COLUMNS)]


def _last_event_start(rows: list[tuple[Any, ...]], key_at: int) -> int:
    """Where the last event's rows begin in rows ordered by event."""
    last = rows[-1][key_at]
    i = len(rows) - 1
    while i > 0 and rows[i - 1][key_at] == last:
        i -= 1
    return i


class Store:
    """Articles, their paths and their events in one SQLite file (WAL: readers never block the writer)."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, readonly: bool = False) -> None:
        """Open (creating if needed and writable) the events database at `path`."""
        self.readonly = readonly
        self.memory = str(path) == ":memory:"
        self.path = Path(path)
        if self.memory and readonly:
            raise StoreError(":memory: cannot be opened read-only")
        self._lock = threading.RLock()
        self._con: sqlite3.Connection | None = self._connect()
        try:
            self._prepare()
        except sqlite3.Error as exc:  # e.g. locked for longer than the busy timeout, read-only file
            self.close()
            raise StoreError(f"{self.path}: cannot open ({exc})") from exc
        except BaseException:
            self.close()
            raise

    # ---- opening -------------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        """The raw connection: autocommit (explicit transactions), usable from any thread."""
        opts: dict[str, Any] = {"timeout": BUSY_TIMEOUT_S, "isolation_level": None, "check_same_thread": False}
        try:
            if self.memory:
                con = sqlite3.connect(":memory:", **opts)
            elif self.readonly:
                if not self.path.is_file():
                    raise StoreError(f"{self.path}: no such events database")
                con = sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True, **opts)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                con = sqlite3.connect(self.path, **opts)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"{self.path}: cannot open ({exc})") from exc
        con.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        con.execute("PRAGMA foreign_keys = ON")
        return con

    def _prepare(self) -> None:
        """Check the file is ours (or empty), switch to WAL, create the schema, check its version."""
        con = self._conn
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not an events database ({exc})") from exc
        if app_id != APPLICATION_ID and (app_id or tables):
            what = f"application_id {app_id:#x}" if app_id else "tables " + ", ".join(sorted(tables)[:5])
            raise StoreError(f"{self.path}: not an events database ({what})")
        if not self.readonly:
            con.execute("PRAGMA journal_mode = WAL")
            con.execute("PRAGMA synchronous = NORMAL")
            if app_id == 0:
                self._create_schema()
        elif app_id == 0:
            raise StoreError(f"{self.path}: not an events database (empty file)")
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            raise StoreError(f"{self.path}: not an events database (no schema version)")
        if int(row[0]) > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {row[0]} is newer than this program's ({SCHEMA_VERSION}); upgrade it"
            )
        if not self.readonly:
            self._build_search_index()
            self._build_group_tables()
            if not corr.has_table(self._conn):
                with self._write() as con:
                    corr.create(con)  # optional like the others: a store made before it gets it here

    def _has_search_index(self) -> bool:
        """True when the store holds the full-text index (stores made before it have none until opened writable)."""
        row = self._conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search'").fetchone()
        return row is not None

    def _build_search_index(self) -> None:
        """Create the full-text index and its triggers once, indexing what is stored (~1 s per 20,000 articles of 3 KB).

        An optional part of the schema, not a new version: programs from before it still open the store, and the
        triggers keep the index in step with their writes too. Without FTS5 in SQLite the store works unindexed.
        """
        if self._has_search_index():
            return
        try:
            with self._write() as con:
                if self._has_search_index():  # another process built it while this one waited for the lock
                    return
                for stmt in (*_SEARCH_DDL, *_SEARCH_FILL):
                    con.execute(stmt)
        except sqlite3.OperationalError as exc:
            if "fts5" not in str(exc):
                raise

    def _build_group_tables(self) -> None:
        """Create the tables of events across articles once, grouping what is stored (~30 s per 100,000 reports).

        An optional part of the schema like the full-text index: programs from before it still open the store, and
        the trigger on `events` keeps the grouping consistent with their writes (their reports wait ungrouped).
        """
        if group_store.is_current(self._conn):
            return
        with self._write() as con:
            if not group_store.is_current(con):
                group_store.create(con)
                group_store.regroup(con)

    def _create_schema(self) -> None:
        """Create tables and meta rows; idempotent, safe if two processes race to create."""
        with self._write() as con:
            # not executescript(): it would COMMIT first; run the statements one by one
            for stmt in filter(str.strip, _DDL.split(";")):
                con.execute(stmt)
            now = datetime.now(UTC).isoformat(timespec="seconds")
            con.executemany(
                "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
                [
                    ("schema_version", str(SCHEMA_VERSION)),
                    ("changes", "0"),
                    ("db_id", uuid.uuid4().hex),
                    ("created_at", now),
                ],
            )
            con.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    # ---- plumbing ------------------------------------------------------------------------------

    @property
    def _conn(self) -> sqlite3.Connection:
        """The open connection, or a StoreError once closed."""
        if self._con is None:
            raise StoreError(f"{self.path}: store is closed")
        return self._con

    def _writable(self) -> None:
        """Refuse writes on a read-only store."""
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (`BEGIN IMMEDIATE` … `COMMIT`), rolled back on any exception."""
        with self._lock:
            con = self._conn
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise
            if con.in_transaction:
                con.execute("COMMIT")

    @staticmethod
    def _bump(con: sqlite3.Connection) -> None:
        """Advance the change counter (inside the write transaction that changed something)."""
        con.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'changes'")

    def _lookup(self, article: Article) -> tuple[str | None, bool]:
        """(article_id the path maps to now, whether the article's text is already stored)."""
        con = self._conn
        row = con.execute("SELECT article_id FROM article_paths WHERE path = ?", (article.path,)).fetchone()
        present = con.execute("SELECT 1 FROM articles WHERE article_id = ?", (article.article_id,)).fetchone()
        return (row[0] if row else None), present is not None

    @staticmethod
    def _status(mapped: str | None, present: bool, article_id: str) -> str:
        """The ingest status implied by a `_lookup` answer."""
        if mapped == article_id or (mapped is None and present):
            return "unchanged"
        return "new" if mapped is None else "replaced"

    # ---- public API ----------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection (idempotent)."""
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None

    def __enter__(self) -> Self:
        """Use as a context manager; closes on exit."""
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        """Close the store."""
        self.close()

    def __repr__(self) -> str:
        """Path and mode."""
        return f"Store({str(self.path)!r}{', readonly=True' if self.readonly else ''})"

    def article_status(self, article: Article) -> str:
        """What `ingest` would answer for this article ("new"/"unchanged"/"replaced"), writing nothing."""
        with self._lock:
            return self._status(*self._lookup(article), article.article_id)

    def ingest(self, article: Article, events: Sequence[Event]) -> IngestResult:
        """Store an article and its events atomically; `events` is ignored when the text is already stored."""
        self._writable()
        events = tuple(events)
        _check_events(article, events)
        with self._lock:
            mapped, _ = self._lookup(article)
            if mapped == article.article_id:  # fast path: no write lock, no counter bump
                return IngestResult("unchanged", 0, 0)
            (result,) = self.ingest_many([(article, events)])
        if isinstance(result, StoreError):
            raise result
        return result

    def ingest_many(self, items: Sequence[tuple[Article, Sequence[Event]]]) -> list[IngestResult | StoreError]:
        """Store several articles in one write transaction (one commit instead of one per article), each
        all-or-nothing in a savepoint of its own: an article that cannot be stored gets its error in its place
        and the others are stored. A kill leaves the batch out whole; rerunning it adds no duplicates."""
        self._writable()
        results: list[IngestResult | StoreError] = []
        try:
            with self._write() as con:
                for article, events in items:
                    con.execute("SAVEPOINT article")
                    try:
                        events = tuple(events)
                        _check_events(article, events)
                        results.append(self._ingest(con, article, events))
                    except Exception as exc:  # the savepoint undoes this article; the others go on
                        con.execute("ROLLBACK TO article")
                        why = exc if isinstance(exc, (sqlite3.Error, ValueError)) else f"{type(exc).__name__}: {exc}"
                        results.append(StoreError(f"{self.path}: cannot store article {article.article_id} ({why})"))
                    con.execute("RELEASE article")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot store {len(items)} articles ({exc})") from exc
        return results

    def _ingest(self, con: sqlite3.Connection, article: Article, events: tuple[Event, ...]) -> IngestResult:
        """The body of `ingest`, inside its write transaction."""
        mapped, present = self._lookup(article)  # again, now under the write lock
        status = self._status(mapped, present, article.article_id)
        if mapped == article.article_id:
            return IngestResult(status, 0, 0)
        removed = 0
        if mapped is not None:
            con.execute("DELETE FROM article_paths WHERE path = ?", (article.path,))
            removed = self._drop_if_orphan(con, mapped, article.path)
        added = 0
        if not present:
            text = article.text
            con.execute(
                "INSERT INTO articles (article_id, path, title, published, language, source, url, text,"
                " content_sha1, chars, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.article_id, article.path, article.title, _iso(article.published),
                    article.language, article.source, article.url, text,
                    hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest(), len(text),
                    datetime.now(UTC).isoformat(timespec="seconds"),
                ),
            )  # fmt: skip
            _insert_events(con, events)
            added = len(events)
        con.execute(
            "INSERT INTO article_paths (path, article_id) VALUES (?, ?)", (article.path, article.article_id)
        )
        self._bump(con)
        return IngestResult(status, added, removed)

    @staticmethod
    def _drop_if_orphan(con: sqlite3.Connection, article_id: str, old_path: str) -> int:
        """Delete an article no path points at any more (events cascade); return its event count."""
        other = con.execute(
            "SELECT path FROM article_paths WHERE article_id = ? ORDER BY path LIMIT 1", (article_id,)
        ).fetchone()
        if other is not None:  # still read from elsewhere: keep it, show a path that still exists
            con.execute(
                "UPDATE articles SET path = ? WHERE article_id = ? AND path = ?", (other[0], article_id, old_path)
            )
            return 0
        n = con.execute("SELECT count(*) FROM events WHERE article_id = ?", (article_id,)).fetchone()[0]
        con.execute("DELETE FROM articles WHERE article_id = ?", (article_id,))
        return int(n)

    def delete_article(self, article_id: str) -> bool:
        """Delete an article with its events and paths; False if it was not stored."""
        self._writable()
        try:
            with self._write() as con:
                if con.execute("DELETE FROM articles WHERE article_id = ?", (article_id,)).rowcount == 0:
                    con.execute("ROLLBACK")
                    return False
                if group_store.has_tables(con):
                    group_store.update(con)  # the events that lost a report, regrouped in the same transaction
                self._bump(con)
                return True
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot delete article {article_id} ({exc})") from exc

    def update_groups(self) -> int:
        """Group the reports stored since the last grouping and regroup the events that lost one (one transaction);
        the number of reports (re)grouped."""
        return self._grouping(group_store.update)

    def regroup(self) -> int:
        """Group every stored report from scratch (one transaction); the number of reports."""
        return self._grouping(group_store.regroup)

    def _grouping(self, work: Callable[[sqlite3.Connection], int]) -> int:
        """Run one grouping pass in its own write transaction."""
        self._writable()
        try:
            with self._write() as con:
                return work(con)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot group events ({exc})") from exc

    def events_frame(self, *, article_ids: Sequence[str] | None = None) -> pd.DataFrame:
        """The reports (schema.EVENT_COLUMNS, in insertion order), optionally of some articles only; a report not
        grouped yet is an event of its own."""
        _, columns, source = _reports_select(group_store.has_tables(self._conn))
        events_sql = f"SELECT {columns} FROM {source}"
        articles_sql, params = _SELECT_EVENT_ARTICLES, ()
        if article_ids is not None:
            ids = [article_ids] if isinstance(article_ids, str) else list(article_ids)
            events_sql += _WHERE_ARTICLES.format("e")
            articles_sql += _WHERE_ARTICLES.format("a")
            params = (json.dumps(ids),)
        with _gc_paused():  # millions of fresh objects: no point letting the GC rescan them
            with self._lock:
                con = self._conn
                con.execute("BEGIN")  # both reads from one snapshot
                try:
                    rows = con.execute(events_sql + " ORDER BY e.rowid", params).fetchall()
                    articles = con.execute(articles_sql, params).fetchall() if rows else []
                finally:
                    con.execute("COMMIT")
            return _reports_frame(rows, articles)

    def report_chunks(self, *, by_event: bool = False, events_of: Mapping[str, str] | None = None,
                      size: int = CHUNK_REPORTS) -> Iterator[pd.DataFrame]:
        """The reports of events_frame() in frames of about `size` rows, read from one snapshot.

        `events_of` gives some reports another event (an analyst's merges and splits). With `by_event`, the reports
        of an event are contiguous and never split across frames, events in the order of their first report, so
        a frame's events are whole: what an export needs to summarise events without holding the store in memory.
        The store's lock and read transaction are held until the frames are all read or the iterator is closed.
        """
        event, columns, source = _reports_select(group_store.has_tables(self._conn), bool(events_of))
        start, params = (_WITH_OVERRIDES, (json.dumps(dict(events_of)),)) if events_of else ("", ())
        if by_event:
            key = f"COALESCE({event}, 'r:' || e.event_id)"
            events_sql = (f"{start}SELECT * FROM (SELECT {columns}, {key} AS ev, e.rowid AS pos, MIN(e.rowid) OVER "
                          f"(PARTITION BY {key}) AS first FROM {source}) ORDER BY first, pos")
        else:
            events_sql = f"{start}SELECT {columns} FROM {source} ORDER BY e.rowid"
        with self._lock:
            con = self._conn
            con.execute("BEGIN")  # every chunk from one snapshot
            try:
                cursor = con.execute(events_sql, params)
                held: list[tuple[Any, ...]] = []
                while rows := cursor.fetchmany(size):
                    held += rows
                    if by_event and len(rows) == size:  # keep the last event back: more of its reports may follow
                        cut = _last_event_start(held, _EVENT_AT)
                        if cut > 0:
                            yield self._chunk(con, held[:cut])
                            held = held[cut:]
                        continue
                    yield self._chunk(con, held)
                    held = []
                if held:
                    yield self._chunk(con, held)
            finally:
                con.execute("COMMIT")

    def event_members(self, report_ids: Sequence[str]) -> pd.DataFrame:
        """The reports (report_id, event_id, in insertion order) of the events that hold any of `report_ids`."""
        named = "SELECT value FROM json_each(?)"
        if group_store.has_tables(self._conn):
            sql = (f"SELECT e.event_id, g.group_id FROM events e LEFT JOIN report_groups g ON g.report_id = e.event_id"
                   f" WHERE e.event_id IN ({named}) OR e.event_id IN (SELECT report_id FROM report_groups WHERE "
                   f"group_id IN (SELECT group_id FROM report_groups WHERE report_id IN ({named}))) ORDER BY e.rowid")
            params: tuple[str, ...] = (json.dumps(list(report_ids)),) * 2
        else:
            sql, params = f"SELECT event_id, NULL FROM events WHERE event_id IN ({named}) ORDER BY rowid", (
                json.dumps(list(report_ids)),)
        with self._lock:
            rows = self._conn.execute(sql, params).fetchall()
        return pd.DataFrame({"report_id": [r for r, _ in rows],
                             "event_id": [g or event_id_of([r]) for r, g in rows]}, dtype=object)

    def _chunk(self, con: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> pd.DataFrame:
        """The reports frame of fetched event rows, with their articles' fields."""
        ids = json.dumps(sorted({row[_ARTICLE_AT] for row in rows}))
        articles = con.execute(_SELECT_EVENT_ARTICLES + _WHERE_ARTICLES.format("a"), (ids,)).fetchall()
        return _reports_frame([row[: len(_FRAME_EVENT_COLUMNS)] for row in rows], articles)

    # ---- the analyst's corrections ------------------------------------------------------------------------------

    def corrections(self) -> list[corr.Correction]:
        """Every correction stored, oldest first, undone ones included."""
        with self._lock:
            return corr.read(self._conn)

    def add_correction(self, correction: corr.Correction) -> int:
        """Store a correction (one transaction; CorrectionError when malformed); its id."""
        self._writable()
        corr.check(correction)
        try:
            with self._write() as con:
                cid = corr.insert(con, correction)
                self._bump(con)
                return cid
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot store the correction ({exc})") from exc

    def undo_correction(self, correction_id: int, who: str = "") -> bool:
        """Undo a correction (it stays, marked undone); False when there is no such active correction."""
        self._writable()
        with self._write() as con:
            done = corr.undo(con, correction_id, who)
            if done:
                self._bump(con)
            return done

    def import_corrections(self, corrections: Sequence[corr.Correction]) -> tuple[int, int]:
        """Add another store's corrections (one transaction); (added, already here)."""
        self._writable()
        with self._write() as con:
            known = {c.key() for c in corr.read(con)}
            added = 0
            for c in corrections:
                if c.key() not in known:
                    corr.insert(con, c)
                    known.add(c.key())
                    added += 1
            if added:
                self._bump(con)
        return added, len(corrections) - added

    def links_between(self, report_ids: Sequence[str]) -> list[tuple[str, str, float, tuple[str, ...]]]:
        """The grouping's links among some reports, strongest first: (a, b, score, reasons) — why they are one event."""
        with self._lock:
            con = self._conn
            if not group_store.has_tables(con):
                return []
            ids = json.dumps(sorted(set(map(str, report_ids))))
            rows = con.execute(
                "SELECT a, b, score, reasons FROM report_links WHERE a IN (SELECT value FROM json_each(?1))"
                " AND b IN (SELECT value FROM json_each(?1)) ORDER BY score DESC, a, b", (ids,)).fetchall()
        return [(a, b, float(score), tuple(json.loads(reasons))) for a, b, score, reasons in rows]

    def groups_frame(self) -> pd.DataFrame:
        """One row per event across articles (group_store.GROUP_COLUMNS); empty before the store is grouped."""
        with self._lock:
            con = self._conn
            if not group_store.has_tables(con):
                return group_store.groups_frame(None)
            con.execute("BEGIN")  # members and summaries from one snapshot
            try:
                return group_store.groups_frame(con)
            finally:
                con.execute("COMMIT")

    def articles_frame(self) -> pd.DataFrame:
        """One row per stored article: metadata, n_events, ingested_at (UTC), chars; sorted by path."""
        sql = (
            "SELECT a.article_id, a.path, a.title, a.published, a.language, a.source, a.url,"
            " (SELECT count(*) FROM events e WHERE e.article_id = a.article_id), a.ingested_at, a.chars"
            " FROM articles a ORDER BY a.path, a.article_id"
        )
        with self._lock:
            rows = self._conn.execute(sql).fetchall()
        return _frame(rows, _ARTICLES_COLUMNS)

    def article(self, article_id: str) -> Article | None:
        """The stored article with this id (its `path` is one of the paths it was read from), or None."""
        with self._lock:
            row = self._conn.execute(
                "SELECT article_id, path, text, title, published, language, source, url"
                " FROM articles WHERE article_id = ?",
                (article_id,),
            ).fetchone()
        if row is None:
            return None
        aid, path, text, title, published, language, source, url = row
        return Article(aid, path, text, title, _parse_day(published), language, source, url)

    def known_paths(self, paths: Sequence[str]) -> set[str]:
        """The paths (files or URLs) among `paths` that an article in the store was read from."""
        with self._lock:
            rows = self._conn.execute("SELECT path FROM article_paths WHERE path IN (SELECT value FROM json_each(?))",
                                      (json.dumps(list(paths)),)).fetchall()
        return {path for (path,) in rows}

    def paths(self, article_id: str) -> list[str]:
        """Every path this article's text was read from, sorted."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT path FROM article_paths WHERE article_id = ? ORDER BY path", (article_id,)
            ).fetchall()
        return [r[0] for r in rows]

    def stats(self) -> dict[str, Any]:
        """Counts: articles, paths, events, and events by type (most frequent first)."""
        with self._lock:
            con = self._conn
            con.execute("BEGIN")  # one snapshot for all counts
            try:
                n_articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
                n_paths = con.execute("SELECT count(*) FROM article_paths").fetchone()[0]
                by_type = con.execute(
                    "SELECT event_type, count(*) AS n FROM events GROUP BY event_type ORDER BY n DESC, event_type"
                ).fetchall()
            finally:
                con.execute("COMMIT")
        return {
            "articles": n_articles,
            "paths": n_paths,
            "events": sum(n for _, n in by_type),
            "by_type": {t: n for t, n in by_type},
        }

    @property
    def searchable(self) -> bool:
        """True when the store has its full-text index (`search` answers)."""
        with self._lock:
            return self._has_search_index()

    def search(self, text: str) -> SearchHits | None:
        """The articles whose title or text, and the events whose evidence sentence, match a typed search.

        None when the store has no full-text index (an older store opened read-only): callers fall back to
        searching the evidence sentences of the events table. See `events.search` for what the text may hold.
        """
        query, plain = search.fts_query(text), search.plain_query(text)
        if not plain:
            return SearchHits(text, searched=False, notice=f"Nothing to search for in {text!r}: it has no words.",
                              notice_kind="no_words")
        with self._lock:
            if not self._has_search_index():
                return None
            try:
                rows = self._conn.execute(_SEARCH, (query or plain,)).fetchall()
                notice = ""
            except sqlite3.OperationalError as exc:
                if not search.is_syntax_error(exc):
                    raise StoreError(f"{self.path}: cannot search ({exc})") from exc
                query = ""
            if not query:  # "AND" alone, "Russia OR", "(Kiev": every word, operators too, searched as a plain word
                rows = self._conn.execute(_SEARCH, (plain,)).fetchall()
                notice = (f"Searched {text!r} as plain words: it is not a complete search (AND, OR and NOT need "
                          "words on both sides, and brackets must pair).")
        articles = frozenset(a for a, e in rows if e is None)
        events = frozenset(e for _, e in rows if e is not None)
        return SearchHits(text, articles, events, notice=notice, notice_kind="plain_words" if notice else "")

    def version(self) -> str:
        """A cheap token that changes whenever the stored contents change (use as a cache key)."""
        with self._lock:
            meta = dict(self._conn.execute("SELECT key, value FROM meta WHERE key IN ('db_id', 'changes')"))
        where = str(self.path) if self.memory else str(self.path.resolve())
        return f"{where}|{meta.get('db_id', '')}|{meta.get('changes', '')}"


def _check_events(article: Article, events: tuple[Event, ...]) -> None:
    """Reject events that belong to another article or repeat an event_id (before any write)."""
    ids = set()
    for event in events:
        if event.article_id != article.article_id:
            raise ValueError(
                f"event {event.event_id} belongs to article {event.article_id}, not {article.article_id}"
            )
        if event.event_id in ids:
            raise ValueError(f"duplicate event_id {event.event_id} in article {article.article_id}")
        ids.add(event.event_id)
