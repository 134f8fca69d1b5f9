"""An analyst's corrections of events: kept in the store, keyed to stable report ids, applied on every read.

A correction names the event it corrects by one of its reports (`anchor`, a report_id: the same article text gives
the same report ids, so a correction survives re-ingesting the article and regrouping the store). Actions:

- `set`: one field of the event takes a value: event_type, status, date ({"date", "precision"}), place
  ({"name", "country", "lat", "lon"}) or actors (a list of {name, kind, country, role});
- `not_event`: the event is not one (a false positive): it leaves the events table;
- `merge`: the event of `other` (another report) joins the anchor's event;
- `split`: the anchor report leaves its event and becomes an event of its own.

Each correction records who made it, when, and the value it replaced; an undone correction stays in the table
with the time it was undone. `apply` gives the reports their corrected events and `correct_events` the events
their corrected values; a correction whose reports are no longer stored is returned as an orphan, never dropped.
"""

from __future__ import annotations

import getpass
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

import pandas as pd

from events.grouping import event_id_of

ACTIONS = ("set", "not_event", "merge", "split")
FIELDS = ("event_type", "status", "date", "place", "actors")
PRECISIONS = ("day", "week", "month", "year")

DDL = (
    """CREATE TABLE IF NOT EXISTS corrections (
        correction_id INTEGER PRIMARY KEY,
        action        TEXT NOT NULL,
        anchor        TEXT NOT NULL,
        field         TEXT,
        value         TEXT,
        previous      TEXT,
        other         TEXT,
        who           TEXT NOT NULL,
        at            TEXT NOT NULL,
        undone_at     TEXT,
        undone_by     TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS corrections_anchor ON corrections(anchor)",
)


class CorrectionError(ValueError):
    """A correction that cannot be made (unknown action or field, a bad value)."""


@dataclass(frozen=True)
class Correction:
    """One correction by an analyst (see the module's docstring)."""

    action: str
    anchor: str  # a report of the corrected event
    field: str | None = None
    value: Any = None
    previous: Any = None
    other: str | None = None  # merge: a report of the event merged in
    who: str = ""
    at: str = ""  # ISO time, UTC
    undone_at: str | None = None
    undone_by: str | None = None
    correction_id: int | None = None

    def key(self) -> tuple[Any, ...]:
        """What makes two corrections the same one (in two stores): what was done, to what, by whom, when."""
        return (self.action, self.anchor, self.field, json.dumps(self.value, sort_keys=True), self.other,
                self.who, self.at)


def check(c: Correction) -> Correction:
    """The correction if it is well formed; CorrectionError saying what is wrong otherwise."""
    if c.action not in ACTIONS:
        raise CorrectionError(f"unknown action {c.action!r}: use one of {', '.join(ACTIONS)}")
    if not c.anchor:
        raise CorrectionError("a correction names a report of the event it corrects (anchor)")
    if c.action == "merge" and (not c.other or c.other == c.anchor):
        raise CorrectionError("merge needs a report of another event (other)")
    if c.action == "set":
        if c.field not in FIELDS:
            raise CorrectionError(f"unknown field {c.field!r}: use one of {', '.join(FIELDS)}")
        _check_value(c.field, c.value)
    return c


def _check_value(field: str, value: Any) -> None:
    """CorrectionError when a value cannot stand for the field."""
    if field in ("event_type", "status") and not (isinstance(value, str) and value.strip()):
        raise CorrectionError(f"{field} must be a non-empty text")
    if field == "date":
        if not isinstance(value, dict) or value.get("precision") not in PRECISIONS:
            raise CorrectionError(f"date must be {{date: YYYY-MM-DD, precision: {'/'.join(PRECISIONS)}}}")
        try:
            datetime.strptime(str(value.get("date")), "%Y-%m-%d")
        except ValueError:
            raise CorrectionError(f"date {value.get('date')!r} is not YYYY-MM-DD") from None
    if field == "place" and not (isinstance(value, dict) and isinstance(value.get("name"), str)):
        raise CorrectionError("place must be {name, country, lat, lon}")
    if field == "actors" and not (isinstance(value, list) and all(isinstance(a, dict) and a.get("name")
                                                                 for a in value)):
        raise CorrectionError("actors must be a list of {name, kind, country, role}")


def current_user() -> str:
    """The OS user's name, the default author of a correction."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        return "unknown"


def now() -> str:
    """The time now, UTC, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


# ---- the store's table ------------------------------------------------------------------------------------------

_COLUMNS = ("correction_id", "action", "anchor", "field", "value", "previous", "other", "who", "at", "undone_at",
            "undone_by")


def has_table(con: sqlite3.Connection) -> bool:
    """True when the store holds the corrections table."""
    return con.execute("SELECT 1 FROM sqlite_master WHERE name = 'corrections'").fetchone() is not None


def create(con: sqlite3.Connection) -> None:
    """Create the corrections table (inside the caller's write transaction)."""
    for stmt in DDL:
        con.execute(stmt)


def insert(con: sqlite3.Connection, c: Correction) -> int:
    """Store a correction (inside the caller's write transaction); its id."""
    check(c)
    cur = con.execute(
        "INSERT INTO corrections (action, anchor, field, value, previous, other, who, at, undone_at, undone_by)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (c.action, c.anchor, c.field, json.dumps(c.value, ensure_ascii=False),
         json.dumps(c.previous, ensure_ascii=False), c.other, c.who or current_user(), c.at or now(), c.undone_at,
         c.undone_by),
    )
    return int(cur.lastrowid or 0)


def undo(con: sqlite3.Connection, correction_id: int, who: str = "") -> bool:
    """Mark a correction undone (it stays, with when and by whom); False if there is no such active correction."""
    cur = con.execute("UPDATE corrections SET undone_at = ?, undone_by = ? WHERE correction_id = ? AND undone_at IS NULL",
                      (now(), who or current_user(), correction_id))
    return cur.rowcount == 1


def read(con: sqlite3.Connection) -> list[Correction]:
    """Every stored correction, oldest first (none when the store has no corrections table)."""
    if not has_table(con):
        return []
    rows = con.execute(f"SELECT {', '.join(_COLUMNS)} FROM corrections ORDER BY correction_id").fetchall()
    out = []
    for row in rows:
        record = dict(zip(_COLUMNS, row, strict=True))
        record["value"] = json.loads(record["value"]) if record["value"] is not None else None
        record["previous"] = json.loads(record["previous"]) if record["previous"] is not None else None
        out.append(Correction(**record))
    return out


def to_jsonl(corrections: Iterable[Correction]) -> str:
    """One JSON object per correction (without the store's own id): the file a team shares."""
    lines = []
    for c in corrections:
        record = asdict(c)
        record.pop("correction_id")
        lines.append(json.dumps(record, ensure_ascii=False, sort_keys=True))
    return "".join(line + "\n" for line in lines)


def from_jsonl(text: str, source: str = "corrections") -> list[Correction]:
    """The corrections of a shared file; CorrectionError naming the file and line of the first bad one."""
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise CorrectionError("not a JSON object")
            record.pop("correction_id", None)
            out.append(check(Correction(**record)))
        except (json.JSONDecodeError, TypeError, CorrectionError) as exc:
            raise CorrectionError(f"{source}, line {n}: {exc}") from None
    return out


# ---- applying them ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Applied:
    """The reports with their corrected events, and what the corrections did."""

    reports: pd.DataFrame
    orphans: tuple[Correction, ...]  # corrections whose reports are no longer stored
    active: tuple[Correction, ...]  # the corrections applied, oldest first


def active(corrections: Sequence[Correction]) -> list[Correction]:
    """The corrections not undone, oldest first."""
    return [c for c in corrections if c.undone_at is None]


def apply(reports: pd.DataFrame, corrections: Sequence[Correction]) -> Applied:
    """Reports whose `event_id` follows the merges and splits (ids re-derived from the members, as grouping does)."""
    known = set(reports["report_id"].astype(str))
    live = [c for c in active(corrections)]
    orphans = tuple(c for c in live if c.anchor not in known or (c.other is not None and c.other not in known))
    live = [c for c in live if c not in orphans]
    owner = dict(zip(reports["report_id"].astype(str), reports["event_id"].astype(str), strict=True))
    edits = [c for c in live if c.action in ("merge", "split")]
    if edits:
        for c in edits:  # in the order they were made: a later split undoes an earlier merge's effect on a report
            if c.action == "split":
                owner[c.anchor] = "split:" + c.anchor
            else:
                gone, kept = owner[c.other or ""], owner[c.anchor]
                for rid, gid in owner.items():
                    if gid == gone:
                        owner[rid] = kept
        members: dict[str, list[str]] = {}
        for rid, gid in owner.items():
            members.setdefault(gid, []).append(rid)
        renamed = {gid: event_id_of(ids) for gid, ids in members.items()}
        reports = reports.assign(event_id=[renamed[owner[r]] for r in reports["report_id"].astype(str)])
    return Applied(reports, orphans, tuple(live))


def correct_events(table: pd.DataFrame, applied: Applied) -> pd.DataFrame:
    """The events table with the corrected values, a `corrected` flag, and the events that are not events left out."""
    table = table.copy()
    table["corrected"] = False
    if table.empty or not applied.active:
        return table
    row_of: dict[str, int] = {}
    for i, ids in enumerate(table["report_ids"]):
        for rid in ids:
            row_of[str(rid)] = i
    dropped: set[int] = set()
    corrected: set[int] = set()
    columns = {c: table.columns.get_loc(c) for c in table.columns}
    for c in applied.active:
        i = row_of.get(c.anchor)
        if i is None:
            continue
        corrected.add(i)
        if c.action == "not_event":
            dropped.add(i)
        elif c.action == "set":
            for col, value in _cells(c.field or "", c.value).items():
                table.iat[i, columns[col]] = value
    flags = table["corrected"].to_numpy(copy=True)
    flags[list(corrected)] = True
    table["corrected"] = flags
    keep = [i for i in range(len(table)) if i not in dropped]
    return table.iloc[keep].reset_index(drop=True)


def _cells(field: str, value: Any) -> dict[str, Any]:
    """The events-table cells a `set` correction writes."""
    if field == "date":
        return {"date": pd.Timestamp(value["date"]), "date_precision": value["precision"], "date_text": None}
    if field == "place":
        return {"location_name": value.get("name"), "location_country": value.get("country"),
                "lat": value.get("lat") if value.get("lat") is not None else float("nan"),
                "lon": value.get("lon") if value.get("lon") is not None else float("nan")}
    if field == "actors":
        actors = [{k: a.get(k) for k in ("name", "kind", "country", "role")} for a in value]
        return {"actors": actors, "countries": sorted({a["country"] for a in actors if a.get("country")})}
    return {field: value}
