"""Regrouping by replay (events/regroup.py): after adding and removing reports, the replayed events plus the
unchanged stored ones are exactly the events of grouping everything from scratch, and a small change reaches few
reports."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Collection

import pytest

from events.grouping import EventGroup, Link, Report, group, links, load_rules, report_of
from events.regroup import Replay, StoredEvent
from tests.test_grouping import _random_rows


class Memory:
    """A grouped store in memory: the grouping of the reports before the change, the links after it."""

    def __init__(self, before: list[EventGroup], now: list[Report]) -> None:
        self.by_id = {r.report_id: r for r in now}
        self.linked: dict[str, list[Link]] = defaultdict(list)
        for link in links(now):
            self.linked[link.a].append(link)
            self.linked[link.b].append(link)
        self.event = {rid: g for g in before for rid in g.report_ids}

    def reports(self, ids: Collection[str]) -> list[Report]:
        return [self.by_id[rid] for rid in ids]

    def links_of(self, ids: Collection[str]) -> list[Link]:
        return list({link for rid in ids for link in self.linked[rid]})

    def dated(self, ids: Collection[str]) -> set[str]:
        return {rid for rid in ids if self.by_id[rid].date is not None}

    def events_of(self, ids: Collection[str]) -> dict[str, StoredEvent]:
        found = {}
        for rid in ids:
            if rid in self.event:
                event = self.event[rid]
                dated = frozenset(r for r in event.report_ids if self.by_id[r].date is not None)
                found[rid] = StoredEvent(event.report_ids, event.links, dated)
        return found


def _change(seed: int, n_new: int, n_removed: int) -> tuple[list[EventGroup], list[EventGroup], Memory, set[str]]:
    """Random reports grouped, then some removed and some added: (events before, events from scratch after, the
    store, the reports a replay starts from)."""
    rng = random.Random(seed)
    every = [report_of(row) for row in _random_rows(260, seed)]
    old, new = every[:len(every) - n_new], every[len(every) - n_new:]
    removed = {r.report_id for r in rng.sample(old, n_removed)}
    before = group(old)
    now = [r for r in old if r.report_id not in removed] + new
    event_of = {rid: g for g in before for rid in g.report_ids}
    # what the store marks dirty when a report goes: its event, and the events of the undated reports linked to it
    # (the event they fit best may change)
    dirty = {event_of[rid].event_id for rid in removed}
    undated = {r.report_id for r in old if r.date is None}
    for link in links(old):
        for gone, other in ((link.a, link.b), (link.b, link.a)):
            if gone in removed and other in undated and other not in removed:
                dirty.add(event_of[other].event_id)
    start = {r.report_id for r in new}
    start |= {rid for g in before if g.event_id in dirty for rid in g.report_ids if rid not in removed}
    return before, group(now), Memory([g for g in before if g.event_id not in dirty], now), start


@pytest.mark.parametrize("seed", range(40))
def test_replay_gives_the_events_of_grouping_from_scratch(seed: int):
    n_new, n_removed = [(1, 0), (3, 0), (0, 1), (2, 2), (6, 3)][seed % 5]
    before, scratch, memory, start = _change(seed, n_new, n_removed)
    replay = Replay(memory, start, load_rules())
    replayed = replay.run()
    touched = replay.affected()
    kept = [g for g in before if not set(g.report_ids) & touched and all(rid in memory.by_id for rid in g.report_ids)]
    assert sorted(replayed + kept, key=lambda g: g.event_id) == scratch
    assert {rid for g in replayed for rid in g.report_ids} == touched


def test_replay_reaches_few_reports():
    """Adding one report to 260 dense ones replays the events it touches, not the store."""
    reached = []
    for seed in range(10):
        _, _, memory, start = _change(seed, 1, 0)
        replay = Replay(memory, start, load_rules())
        replay.run()
        reached.append(len(replay.affected()))
    assert max(reached) < 60 and sum(reached) / len(reached) < 25, reached
