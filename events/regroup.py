"""Regrouping after a change by replaying only the merge attempts it can alter: adding one article costs the
events it touches, not the connected part of the link graph (which in a dense store spans most of it).

`grouping.group` is a fixed sequence of merge attempts: links between dated reports strongest first, then each
undated report's best event, then links between undated reports strongest first. Every attempt has a position
in that sequence (`position`). A stored event keeps the links that joined its reports, with their scores, so
its state at any position is known without running anything: the parts its links before that position join.

A replay starts from the *affected* reports (the new ones, and those of events that lost a report) and replays,
in order, every attempt that touches an affected report. An attempt that joins an affected group with a part of
an unchanged event makes that whole event affected from then on (its other parts may now meet differently); an
attempt that fails changes nothing. An undated report whose best event is weighed again leaves its stored event
(a new report may fit as well, and then it joins none), so that event is affected too. Attempts among unchanged
events are not replayed: they go as they went. The
events of the affected reports are then exactly those of grouping every report from scratch (tests/test_regroup.py
checks it on random stores and changes).
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Protocol

from events.grouping import EventGroup, Link, Report, Rules, conflicting, load_rules, strongest_first, summarize

Position = tuple[int, float, str, str]


@dataclass(frozen=True)
class StoredEvent:
    """An event as stored: its reports and the links that joined them."""

    report_ids: tuple[str, ...]
    links: tuple[Link, ...]
    dated: frozenset[str]  # its reports that have a date


class StoredGrouping(Protocol):
    """What a replay reads of a grouped store (after the change: new reports and their links are in it)."""

    def reports(self, ids: Collection[str]) -> list[Report]:
        """The reports of these ids."""

    def links_of(self, ids: Collection[str]) -> list[Link]:
        """Every link that touches one of these reports."""

    def dated(self, ids: Collection[str]) -> set[str]:
        """The reports among these that have a date."""

    def events_of(self, ids: Collection[str]) -> dict[str, StoredEvent]:
        """The stored events of these reports, by report id (none for a report not grouped yet, or whose event
        is regrouped)."""


def position(link: Link, dated: Collection[str]) -> Position:
    """Where `grouping.group` attempts this link: dated pairs strongest first, then each undated report's best
    event (one attempt per undated report, in id order), then undated pairs strongest first."""
    a_dated, b_dated = link.a in dated, link.b in dated
    if a_dated and b_dated:
        return 0, -link.score, link.a, link.b
    if a_dated or b_dated:
        return 1, 0.0, link.b if a_dated else link.a, ""
    return 2, -link.score, link.a, link.b


def _parts(report_ids: Iterable[str], joined: Iterable[Link]) -> list[tuple[list[str], list[Link]]]:
    """The groups some links join a set of reports into, each with its links."""
    parent = {rid: rid for rid in report_ids}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    joined = list(joined)
    for link in joined:
        parent[max(root(link.a), root(link.b))] = min(root(link.a), root(link.b))
    parts: dict[str, tuple[list[str], list[Link]]] = {}
    for rid in sorted(parent):
        parts.setdefault(root(rid), ([], []))[0].append(rid)
    for link in joined:
        parts[root(link.a)][1].append(link)
    return list(parts.values())


class Replay:
    """The events of the affected reports after a change, from the stored grouping and the attempts it alters."""

    def __init__(self, stored: StoredGrouping, start: Iterable[str], rules: Rules | None = None) -> None:
        self.stored = stored
        self.rules = rules or load_rules()
        self.report: dict[str, Report] = {}  # the reports read: those compared
        self.dated: dict[str, bool] = {}  # does a report have a date (known of more reports than are read)
        self.owner: dict[str, str] = {}  # affected report -> the key of its group (its smallest id)
        self.members: dict[str, list[str]] = {}
        self.joined: dict[str, list[Link]] = {}
        self.conflicts: dict[tuple[str, str], bool] = {}
        self.events: dict[str, StoredEvent] = {}  # the stored events read, by report id
        self.timelines: dict[str, tuple[StoredEvent, list[tuple[Position, Link]]]] = {}  # by report id
        self.parts: dict[tuple[str, int], list[tuple[list[str], list[Link]]]] = {}  # (event, links joined): parts
        self.attempts: dict[Position, Link | str] = {}  # what each queued position attempts: a link or an undated id
        self.queue: list[Position] = []
        start = sorted(set(start))
        self._load(start)
        for rid in start:
            self.owner[rid] = rid
            self.members[rid] = [rid]
            self.joined[rid] = []
        self._enqueue(start, after=None)

    def _load(self, ids: Iterable[str]) -> None:
        """Read the reports not read yet."""
        missing = {rid for rid in ids if rid not in self.report}
        if missing:
            for r in self.stored.reports(missing):
                self.report[r.report_id] = r
                self.dated[r.report_id] = r.date is not None

    def _dated(self, rid: str) -> bool:
        """Does the report have a date (asked of the store for reports not read)."""
        if rid not in self.dated:
            self._learn_dates([rid])
        return self.dated[rid]

    def _learn_events(self, ids: Iterable[str]) -> None:
        """Read the stored events of these reports (those not read yet), and which of their reports have a date."""
        unknown = {rid for rid in ids if rid not in self.events}
        if unknown:
            found = self.stored.events_of(unknown)
            for rid in unknown:
                self.events[rid] = found.get(rid) or StoredEvent((rid,), (), frozenset())
            for event in found.values():
                self.dated.update((r, r in event.dated) for r in event.report_ids)

    def _learn_dates(self, ids: Iterable[str]) -> None:
        """Ask the store which of these reports have a date (those not known yet)."""
        unknown = {rid for rid in ids if rid not in self.dated}
        if unknown:
            dated = self.stored.dated(unknown)
            self.dated.update((rid, rid in dated) for rid in unknown)

    def _enqueue(self, ids: Collection[str], after: Position | None) -> None:
        """Queue the attempts touching these reports that come after a position (all of them when None)."""
        found = self.stored.links_of(ids)
        self._learn_dates(rid for link in found for rid in (link.a, link.b))
        dated = {rid for link in found for rid in (link.a, link.b) if self.dated[rid]}
        for link in found:
            at = position(link, dated)
            if (after is None or at > after) and at not in self.attempts:
                self.attempts[at] = at[2] if at[0] == 1 else link
                heapq.heappush(self.queue, at)

    def run(self) -> list[EventGroup]:
        """Replay the queued attempts in order; the events of every affected report, sorted by event id."""
        while self.queue:
            at = heapq.heappop(self.queue)
            attempt = self.attempts[at]
            if isinstance(attempt, str):
                self._place_undated(attempt, at)
            elif not self._fails_as_before(attempt, at):
                self._attempt(attempt, at)
        groups = [summarize([self.report[rid] for rid in ids], self.joined[key]) for key, ids in self.members.items()]
        return sorted(groups, key=lambda g: g.event_id)

    def affected(self) -> set[str]:
        """The reports whose events the replay made again."""
        return set(self.owner)

    def _stored_parts(self, rid: str, at: Position) -> tuple[StoredEvent, list[tuple[list[str], list[Link]]]]:
        """An unchanged report's stored event, and the parts the event's links before a position join."""
        if rid not in self.timelines:
            self._learn_events([rid])
            event = self.events[rid]
            dated = {r for r in event.report_ids if self._dated(r)}
            timeline = sorted(((position(link, dated), link) for link in event.links), key=lambda item: item[0])
            self.timelines.update((r, (event, timeline)) for r in event.report_ids)
        event, timeline = self.timelines[rid]
        # the parts after the first k links, computed once for each k (attempts ask for the same ones again)
        k = bisect.bisect_left(timeline, at, key=lambda item: item[0])
        if (event.report_ids[0], k) not in self.parts:
            self.parts[event.report_ids[0], k] = _parts(event.report_ids, (link for _, link in timeline[:k]))
        return event, self.parts[event.report_ids[0], k]

    def _group_at(self, rid: str, at: Position, stored: bool = False) -> list[str]:
        """The reports in one group with `rid` at a position: the replay's group, or (for an unchanged report, or
        when `stored`) the part of its stored event joined by the links before that position."""
        if rid in self.owner and not stored:
            return self.members[self.owner[rid]]
        return next(ids for ids, _ in self._stored_parts(rid, at)[1] if rid in ids)

    def _take(self, rid: str, at: Position) -> None:
        """Make an unchanged report's whole event affected at a position: its parts then, and their later
        attempts queued."""
        event, parts = self._stored_parts(rid, at)
        self._load(event.report_ids)
        for ids, joined in parts:
            key = min(ids)
            for member in ids:
                self.owner[member] = key
            self.members[key] = list(ids)
            self.joined[key] = list(joined)
        self._enqueue(event.report_ids, after=at)

    def _conflicting(self, x: str, y: str) -> bool:
        key = (x, y) if x < y else (y, x)
        if key not in self.conflicts:
            self.conflicts[key] = conflicting(self.report[x], self.report[y], self.rules)
        return self.conflicts[key]

    def _fails_as_before(self, link: Link, at: Position) -> bool:
        """Does a link from an affected report to an unchanged event fail as it did in the stored grouping? It
        did fail there (the two are different stored events); it fails again when the affected group still holds
        every report it held then, because the conflict that stopped it is still there. A new report, or one of
        an event that lost a report, had no such group."""
        a_affected, b_affected = link.a in self.owner, link.b in self.owner
        if a_affected == b_affected:
            return False
        x = link.a if a_affected else link.b
        if x not in self.timelines:
            return False
        before = self._group_at(x, at, stored=True)
        now = self.members[self.owner[x]]
        return len(before) <= len(now) and set(before) <= set(now)

    def _attempt(self, link: Link, at: Position) -> None:
        """Merge the groups of a link's reports unless a pair across them conflicts (as `grouping.group` does)."""
        ga, gb = self._group_at(link.a, at), self._group_at(link.b, at)
        if ga is gb or link.b in ga:
            return
        self._load([*ga, *gb])
        if any(self._conflicting(x, y) for x in ga for y in gb):
            return
        for rid in (link.a, link.b):
            if rid not in self.owner:
                self._take(rid, at)
        ka, kb = sorted((self.owner[link.a], self.owner[link.b]))
        for rid in self.members[kb]:
            self.owner[rid] = ka
        self.members[ka].extend(self.members.pop(kb))
        self.joined[ka].extend(self.joined.pop(kb))
        self.joined[ka].append(link)

    def _place_undated(self, u: str, at: Position) -> None:
        """An undated report joins the event it fits best after the dated links, when no other fits as well."""
        best: dict[str, Link] = {}
        found = sorted(self.stored.links_of([u]), key=strongest_first)
        self._learn_dates(rid for link in found for rid in (link.a, link.b))
        for link in found:
            v = link.b if link.a == u else link.a
            if self._dated(v) and not self._dated(u):
                # the event v belongs to after the dated links: its dated reports (undated ones join it later)
                event = min(r for r in self._group_at(v, at) if self._dated(r))
                best.setdefault(event, link)
        ranked = sorted(best.values(), key=strongest_first)
        if u not in self.owner:
            # the event it joined before may not be the one it fits best now (a new report fits as well): the
            # event loses it, so it changes too
            self._take(u, at)
        if len(ranked) == 1 or (ranked and ranked[0].score > ranked[1].score):
            self._attempt(ranked[0], at)
