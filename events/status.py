"""The status of an event mention: occurred, planned or cancelled, from the cues of the trigger's own predicate."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Final

from events.clauses import Clause, relative_zones
from events.phrases import Found

_PURPOSE: Final = ("to ", "pentru a ", "in order to ", "spre a ")  # an infinitive of purpose
_NOT_BEFORE: Final = (" nu ", " not ", " never ")  # a negation right before the verb ("Liovul nu a fost vizat")
_STATUS_RANK: Final = {"cancelled": 0, "planned": 1, "occurred": 2}  # at one distance from the trigger the first wins
_STATUS_LABELS: Final = ("planned", "cancelled", "occurred")
_TRIGGERS: Final = ("T:talks", "T:summit", "T:meeting")
_SUBJECT_HEAD: Final = 12  # at most a determiner and a word before the trigger at a clause's start ("A sixth round")
# a gerund of saying after a comma opens what was said (", warning that", ", avertizându-i că"): its modals are
# another predicate's
_SAYING_AFTER: Final = re.compile(r",\s+\w+(?:ing|and|ind)(?:u-\w+)?(?:\s+\w+){0,2}\s+(?:that|ca)\b"
                                  # "dezamăgit de discuție și că liderul rus nu vrea să": another thing said
                                  r"|\s(?:si|iar|dar) ca\s")


def at_occasion(folded: str, ts: int, occasion_before: frozenset[str]) -> bool:
    """Is the trigger the occasion of its clause's verb ("agreed ... in their first meeting", "au convenit ..., la
    prima lor întâlnire"): an occasion word at most four words before it, with no comma between?"""
    words = folded[max(0, ts - 60) : ts].rsplit(",", 1)[-1].split()[-8:]
    return any(" ".join(words[i : i + n]) in occasion_before
               for i in range(len(words)) for n in (1, 2, 3, 4) if i + n <= len(words) and len(words) - i - n <= 4)


def mention_status(folded: str, cues: Found, ts: int, te: int, clause: Clause,
                   dates: Sequence[tuple[int, int]] = (), occasion: bool = False) -> tuple[str | None, bool]:
    """(status, marked) from the cue nearest to the trigger; (None, _) for a negated mention.

    `marked` says a cue gave the status (an unmarked mention is "occurred" by default). `dates` are the spans whose
    words are not cues (a date's: "in May" holds no modal "may"; a dateline's). `occasion`: the trigger is where the
    clause's verb happened (at_occasion), so what that verb agreed to is no plan for it.
    """
    cs, ce = clause.start, clause.end
    post_zone = min([a for a, _ in clause.zones if a > ts], default=ce)  # where the first zone after the trigger begins
    # after the trigger only its own predicate counts ("talks were called off"), not a relative clause
    # ("..., where he promised that Washington would ...")
    relatives = relative_zones(folded, te, post_zone)
    end = min(post_zone, te + 90 + sum(b - a for a, b in relatives))
    if ts - cs <= _SUBJECT_HEAD:
        # the trigger heads the clause's subject ("A sixth round of talks between Iran and the US, set for June 15
        # in Muscat, was scrapped"): its predicate may come after a long subject, up to the clause's end
        end = post_zone
    said = _SAYING_AFTER.search(folded, te, end)
    if said is not None:
        end = said.start()
    near: list[tuple[int, str]] = []  # (distance to the trigger, status)
    neutral = [(n.start, n.end) for n in cues.get("neutral", cs, end)]
    agreed = cues.first("agreed", cs, end) if occasion else None
    if agreed is not None and cues.first(_TRIGGERS, agreed.end, ts) is not None:
        agreed = None  # "agreed to meet at a summit": what they agreed to is the meeting itself
    for m in cues.get(_STATUS_LABELS, cs, end):
        if any(a <= m.start < b for a, b in relatives):
            continue  # "..., care urma să aibă loc la Budapesta, a fost anulat": the relative is aside
        if any(a <= m.start < b for a, b in neutral):
            continue  # "the long-awaited summit": the word says nothing of its status here
        if any(a <= m.start < b for a, b in dates):
            continue
        if agreed is not None and m.label == "planned" and m.start >= agreed.start and not (m.start < te and m.end > ts):
            continue  # "agreed ... to resume contacts, in their meeting": what was agreed there is no plan for it
        if m.start < te and m.end > ts:
            dist = 0  # the trigger itself carries the status ("met", "amânarea", "upcoming")
        else:
            dist = ts - m.end if m.end <= ts else m.start - te
            if m.start >= te and m.label == "planned" and folded.startswith(_PURPOSE, m.start):
                continue  # "met in Ankara to discuss a ceasefire": a purpose, not a plan
        if dist >= 0:
            near.append((dist, m.label))
    if cues.first("not_ruled_out", max(cs, ts - 60), ts) is not None:
        return "planned", True  # "did not rule out a meeting", "nu exclud o nouă rundă": it may well take place
    cancelled = any(st == "cancelled" for _, st in near)
    if cues.first("negation", max(cs, ts - 25), ts) is not None or cues.first("denial", max(cs, ts - 70), ts) \
            or folded.endswith(_NOT_BEFORE, max(cs - 1, ts - 7), ts):
        return ("cancelled", True) if cancelled else (None, False)
    if not near:
        return "occurred", False
    # the nearest cue; at one distance the stronger
    _, status = min(near, key=lambda n: (n[0], _STATUS_RANK[n[1]]))
    if status == "planned" and cancelled:
        status = "cancelled"  # "a respins propunerea unei întâlniri": the plan was called off
    if status == "cancelled" and cues.first("rescheduled", cs, end) is not None:
        status = "planned"  # "postponed to next week": put off, still to take place
    return status, True


def dated_status(status: str, when: date | None, published: date | None) -> str:
    """An event read as having happened, but dated after the article was written, lies ahead: planned ("will fly
    to Dodoma after talks with Museveni next week")."""
    return "planned" if status == "occurred" and when is not None and published is not None and when > published \
        else status
