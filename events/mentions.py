"""Event mentions: the trigger words of an article, and which of them report an event in their clause.

A trigger that is only a time reference ("după summit"), the purpose of another event ("met to discuss a
ceasefire") or a bare weak word beside a strong one reports nothing of its own here.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

from events.clauses import Clause, clause_at, relative_zones, topic_zones
from events.gazetteer import Entity, Place
from events.lexicon import Lexicon
from events.phrases import Found, PhraseMatch

# "pentru a continua negocierile", "to resume talks": a purpose, up to two words before the trigger
_PURPOSE_BEFORE: Final = re.compile(r"(?:\bto|\bpentru a(?:-\w+)?|\bspre a|\bin order to)\s+(?:\S+\s+){0,2}$")
_PURPOSE_WORDS: Final = ("to", "pentru a", "spre a")  # one of them is in every _PURPOSE_BEFORE match
# "is due to hold talks", "expected to meet": the infinitive is the event itself, not a purpose
_NOT_PURPOSE: Final = frozenset(
    "due expected set going scheduled plan plans planned agreed agree ready willing is are was were be aim aims "
    "hope hopes want wants likely able unable refused refuses declined decided intend intends continue "
    "continues sought seeks urmeaza prepared offered offers proposed proposes invited asked agreed needs "
    "need has have had wishes wish preparat pregatit gata dispus".split()
)
NOT_EVENT: Final = "not_event"  # the trigger type of phrases that look like triggers and report nothing
# right after a trigger: "talks with Merz", "convorbirea de marți cu Trump" name the event's own parties
_OWN_PARTIES: Final = re.compile(r"(?:\s+\S+){0,3}?\s+(?:with|cu|between|intre|dintre|among)\b")


class Trigger:
    """A trigger word of an event type in the text (a slotted class: built natively when compiled)."""

    __slots__ = ("end", "etype", "start", "weak")

    def __init__(self, etype: str, start: int, end: int, weak: bool) -> None:
        self.etype = etype
        self.start = start
        self.end = end
        self.weak = weak  # a word that reports an event only with more evidence ("drones", "hit")

    def __repr__(self) -> str:
        return f"Trigger({self.etype!r}, {self.start}, {self.end}, weak={self.weak})"


class EventMention:
    """One clause's report of an event, before the reports of one event are brought together in a frame.

    A slotted class rather than a dataclass: when compiled its __init__ is native (a dataclass's stays Python).
    """

    __slots__ = ("_countries", "anaphoric", "anchor", "attacker", "attendance", "background", "bilateral", "date", "date_text",
                 "days_before", "definite", "etype", "in_person", "marked", "mentions", "new_instance", "number", "occasion",
                 "parties", "people", "possessive", "place", "precision", "reference", "remote", "salient", "same_time", "sentence",
                 "separate", "shift", "speakers", "status", "target_country", "trigger", "weak")

    def __init__(
        self,
        *,
        etype: str,  # talks / summit / air_attack / meeting (resolved in the frame)
        status: str,
        marked: bool,  # status came from a cue rather than the default
        parties: list[Entity],
        attacker: Entity | None,
        target_country: str | None,
        place: Place | None,
        date: date | None,
        precision: str | None,
        date_text: str | None,
        speakers: list[str],
        sentence: tuple[int, int],
        trigger: str,
        weak: bool,
        new_instance: bool = False,  # "next round", "again": not the same event as an earlier one
        anaphoric: bool = False,  # "the two sides", "cele două delegații": the parties of the previous event
        people: str = "",  # the reference names "leaders" ("cei doi lideri") or other "persons": of a meeting, not a war
        # the previous sentence's subjects, for a reference no earlier event resolves ("Armenia and Azerbaijan agreed
        # ... The two leaders had met in Abu Dhabi")
        salient: list[Entity] | None = None,
        same_time: bool = False,  # "în aceeași noapte", "the same day": the date of the previous dated report
        shift: int = 0,  # with same_time, days after the previous dated report ("a day earlier": -1; "a doua zi": 1)
        separate: bool = False,  # one of the talks held with each partner separately: never one event with another
        background: bool = False,  # told as background ("X, who met Y in May, said"; "after the summit")
        occasion: bool = False,  # a time reference to where the clause's event was held ("on the sidelines of the summit")
        reference: bool = False,  # a time reference to another event than its sentence's ("after the summit")
        remote: bool = False,  # by phone or video: no venue
        # "a day after a missile strike on Kharkiv": how many days before the event it is a time reference for
        days_before: int | None = None,
        attendance: bool = False,  # who attended is told ("La reuniune au participat X, Y"): parties of the event named
        in_person: bool = False,  # talks named as a meeting ("held talks", "negocieri"): of two leaders, a summit
        possessive: bool = False,  # the reference is only "their"/"lor" ("their last meeting"): it counts no parties
        number: int = 2,  # how many parties the reference counts ("the three countries": 3)
        definite: bool = False,  # named with the definite article ("the talks", "convorbirile"): one told before
        bilateral: bool = False,  # told as a meeting of two ("a bilateral meeting", "între patru ochi")
    ) -> None:
        self.etype = etype
        self.status = status
        self.marked = marked
        self.parties = parties
        self.attacker = attacker
        self.target_country = target_country
        self.place = place
        self.date = date
        self.precision = precision
        self.date_text = date_text
        self.speakers = speakers
        self.sentence = sentence
        self.trigger = trigger
        self.weak = weak
        self.new_instance = new_instance
        self.anaphoric = anaphoric
        self.people = people
        self.salient = salient or []
        self.same_time = same_time
        self.shift = shift
        self.separate = separate
        self.background = background
        self.occasion = occasion
        self.reference = reference
        self.remote = remote
        self.days_before = days_before
        self.attendance = attendance
        self.in_person = in_person
        self.possessive = possessive
        self.number = number
        self.definite = definite
        self.bilateral = bilateral
        self.anchor: EventMention | None = None  # the report it is a time reference for (set in the frames)
        self.mentions = 1
        self._countries: tuple[int, frozenset[str]] | None = None  # (len(parties), countries)

    @property
    def countries(self) -> frozenset[str]:
        """ISO-3 codes of every party (kept until changed(): merging asks for them ~100 times per article)."""
        held = self._countries
        if held is not None and held[0] == len(self.parties):
            return held[1]
        codes = {e.country for e in self.parties if e.country}
        if self.attacker and self.attacker.country:
            codes.add(self.attacker.country)
        if self.target_country:
            codes.add(self.target_country)
        out = frozenset(codes)
        self._countries = (len(self.parties), out)
        return out

    def changed(self) -> None:
        """Forget the countries: the parties, attacker or target were replaced."""
        self._countries = None

    def with_parties(self, parties: list[Entity]) -> EventMention:
        """The same report with other parties (one of talks held with each partner separately)."""
        out = EventMention(
            etype=self.etype, status=self.status, marked=self.marked, parties=parties, attacker=self.attacker,
            target_country=self.target_country, place=self.place, date=self.date, precision=self.precision,
            date_text=self.date_text, speakers=list(self.speakers), sentence=self.sentence, trigger=self.trigger,
            weak=self.weak, new_instance=self.new_instance, anaphoric=False, same_time=self.same_time, shift=self.shift,
            separate=self.separate, background=self.background, occasion=self.occasion, reference=self.reference, remote=self.remote,
            days_before=self.days_before, attendance=self.attendance, in_person=self.in_person,
            definite=self.definite, bilateral=self.bilateral,
        )
        out.anchor = self.anchor
        return out


def trigger_spans(matches: list[PhraseMatch]) -> list[Trigger]:
    """The trigger phrases among an article's matches, longest first; weak ones only outside strong ones."""
    found: list[Trigger] = []
    for weak_pass in (False, True):
        prefix = "W:" if weak_pass else "T:"
        last_end = -1
        # the strong words' spans, in text order and apart: one pointer follows them through the weak pass
        taken = [(t.start, t.end) for t in found]
        k = 0
        for i, m in enumerate(matches):  # in text order, one longest match per label and position
            if not m.label.startswith(prefix) or m.start < last_end:
                continue
            if weak_pass:
                while k < len(taken) and taken[k][1] <= m.start:
                    k += 1
                if k < len(taken) and taken[k][0] <= m.start:
                    continue  # inside a strong trigger word
            best = m
            j = i + 1
            while j < len(matches) and matches[j].start == m.start:  # matches at one position are adjacent
                x = matches[j]
                if x.label.startswith(prefix) and (x.end > best.end or (x.end == best.end and x.label[2:] == NOT_EVENT)):
                    best = x  # the longest; of two as long, the phrase that reports nothing
                j += 1
            found.append(Trigger(best.label[2:], best.start, best.end, weak_pass))
            last_end = best.end
    found.sort(key=lambda t: t.start)
    # "spoke to reporters": the longest phrase at its place, and no event
    return [t for t in found if t.etype != NOT_EVENT]


def reference_before(folded: str, start: int, ts: int, lex: Lexicon) -> bool:
    """Does the trigger follow a time reference ("după summit", "ahead of the talks")?"""
    return reference_at(folded, start, ts, lex) is not None


def reference_at(folded: str, start: int, ts: int, lex: Lexicon) -> re.Match[str] | None:
    """The time reference the trigger follows ("după summit", "ahead of the talks"), if any."""
    if all(folded.find(w, start, ts) == -1 for w in lex.reference_words):
        return None  # none of the words: substring searches in C are ~10x cheaper than the regex
    return lex.reference_before.search(folded, start, ts)


def says_past(folded: str, ref: re.Match[str], lex: Lexicon) -> bool:
    """Do a time reference's words say its event has happened ("after", "după"), not that it may lie ahead?"""
    return folded.startswith(lex.reference_past, ref.start())


def after_past(folded: str, start: int, ts: int, lex: Lexicon) -> bool:
    """Does the trigger follow a time reference that says its event has happened ("după o întrevedere cu")?"""
    ref = reference_at(folded, start, ts, lex)
    return ref is not None and says_past(folded, ref, lex)


class Reference:
    """A trigger used as a time reference ("after his call with Putin"): where the phrase begins and ends, and
    whether its words say the event has happened ("after", "după") or may lie ahead ("before", "ahead of")."""

    __slots__ = ("days_before", "end", "past", "start")

    def __init__(self, start: int, end: int, past: bool, days_before: int | None = None) -> None:
        self.start = start
        self.end = end
        self.past = past
        self.days_before = days_before  # "a day after X": X was 1 day before what the sentence reports


def reference_offset(folded: str, start: int, past: bool, lex: Lexicon) -> int | None:
    """The days between a time reference's event and the sentence's ("one night after": 1, "a day before": -1,
    "hours after": 0), from the words before "after"/"după"; None when they give none."""
    words = folded[max(0, start - 30) : start].split()
    if not words or words[-1] not in lex.offset_units:
        return None
    unit = lex.offset_units[words[-1]]
    count = lex.offset_counts.get(words[-2], 0) if len(words) > 1 else 0
    if unit and count == 0:
        count = int(words[-2]) if len(words) > 1 and words[-2].isdigit() else 0
    if unit and count == 0:
        return None  # "days after": how many is not said
    days = unit * max(count, 1)
    return days if past else -days


# the relative pronouns whose clause tells more of the event before it ("the summit, which opened in Kazan"), where
# "when", "where", "când" tell another ("the summit in Kazan, where he met Putin")
_OF_THE_EVENT: Final = frozenset({"which", "care"})


def purpose_before(folded: str, start: int, ts: int) -> bool:
    """Is the trigger in a purpose clause ("met ... to discuss", "pentru a continua negocierile")?"""
    if all(folded.find(w, start, ts) == -1 for w in _PURPOSE_WORDS):
        return False  # none of the regex's words: substring searches in C are ~10x cheaper than the regex
    m = _PURPOSE_BEFORE.search(folded, start, ts)
    if m is None:
        return False
    before = folded[max(0, m.start() - 20) : m.start()].split()
    return not (before and before[-1] in _NOT_PURPOSE)


def is_trip(t: Trigger, cues: Found) -> bool:
    """Is the trigger a word of a trip or visit ("will travel to", "a sosit la", "visit"): a meeting with hosts?"""
    return t.etype == "meeting" and cues.first("host", t.start, t.end) is not None


def other_round(start: int, end: int, cues: Found) -> bool:
    """Is the trigger word at start..end a round of something else than talks ("a new round of strikes", "o nouă
    rundă de sancțiuni")?"""
    found = cues.first("not_talks", start, end + 40)
    return found is not None and found.start < end


def not_from_the_air(folded: str, cues: Found, clause: Clause, t: Trigger, lex: Lexicon) -> bool:
    """Does a word of ground or bomb attacks go with the attack word: before it ("artillery shelling hit", "gunmen
    attacked"), as its agent ("an attack by armed men"), or after it joined as its weapon ("bombardamentele de
    artilerie", "struck with mortars") -- not as what was hit ("jets bombed artillery positions", "au atacat coloane
    de tancuri")? Or did the missiles come down in the sea, are the strikes a campaign counted over a span, or are the
    weapons bought or made?"""
    if cues.first(("not_air", "ground_agent"), max(clause.start, t.start - 40), t.end) is not None:
        return True
    mark = cues.first("agent_mark", t.end, min(clause.end, t.end + 40))
    if mark is not None and mark.start <= t.end + 1 \
            and cues.first("ground_agent", mark.end, min(clause.end, mark.end + 60)) is not None:
        return True  # its agent: "an attack by a group of armed men", "un atac comis de un grup de bărbați înarmați"
    if cues.first("sea_landing", t.end, t.end + 300) is not None:
        return True  # "launched two missiles, which fell into the sea": a launch that hit nothing
    if cues.first("campaign_count", max(clause.start, t.start - 40), t.end + 60) is not None \
            and cues.first("campaign_span", t.start, clause.end) is not None:
        return True  # "have fired hundreds of missiles at Israel since the war began": a campaign, not one attack
    if t.weak and cues.first("procurement", max(clause.start, t.start - 30), t.start) is not None:
        return True  # "buying Turkish Bayraktar drones": weapons bought or made, not fired
    if any(m.start < t.end for m in cues.get("not_air", t.start, min(clause.end, t.end + 40))):
        return True  # a phrase that holds the attack word ("a missile launch", "a missile test")
    for m in cues.get("not_air", t.end, min(clause.end, t.end + 40)):
        between = folded[t.end : m.start].split()
        if not between or (len(between) == 1 and between[0] in lex.weapon_links) \
                or (len(between) <= 3 and between[-1] in lex.weapon_joins):
            return True  # "bombardamentele de artilerie", "shelling and mortar fire", "struck the town with mortars"
        if len(between) <= 3 and between[-1] in lex.passive_agent \
                and lex.passive_after.search(folded, max(0, t.start - 20), t.start + 1) is not None:
            return True  # "este bombardat zilnic de artileria rusă": the passive's agent is its weapon
    return False


def reporting_triggers(
    folded: str, triggers: list[Trigger], clauses: list[Clause], lex: Lexicon, summit_type: str, cues: Found,
    attack_types: frozenset[str],
) -> list[tuple[Trigger, Clause, Reference | None]]:
    """The triggers of one sentence that may report an event, each with its clause, and the time reference it is
    part of ("după summitul din Alaska": an event too, read within its phrase), in the order to try.

    Several trigger words in one clause: the specific one decides ("s-au reunit ... pentru summit" is a summit; "a
    întrerupt reuniunea pentru a-l suna pe Putin" a call) -- generic meeting words go last, words of a trip after them.
    """
    rank = {summit_type: 0, "meeting": 2}
    overlapping = [t for t in triggers if t.weak and any(not o.weak and o.start < t.end and t.start < o.end
                                                         for o in triggers)]

    # what a clause's talks are about ("spoke with X about preparations for the summit") is tried after its other words
    topics = [z for c in clauses for z in topic_zones(folded, cues, c.start, c.end, lex)] \
        if cues.first("topic") is not None else []

    def order(t: Trigger) -> tuple[bool, int, bool, int]:
        # a trip word ("se va deplasa la Washington, unde va avea o întâlnire cu Trump") after the clause's other
        # meeting words: they name whom the visitor meets; a word of talking ("a discutat") after a meeting word
        # ("se întâlnise cu Trump, cu care a discutat": the meeting, a summit of two leaders) unless it is a call
        # ("a întrerupt reuniunea pentru a-l suna pe Putin")
        talking = t.etype not in rank and t.etype not in attack_types \
            and cues.first("remote", max(0, t.start - 15), t.end + 15) is None
        topic = any(a <= t.start < b for a, b in topics)
        if is_trip(t, cues):
            return topic, 4, t.weak, t.start  # "a ajuns la Moscova pentru discuții cu Putin": the talks say with whom
        # a strong word before a weak one of its clause ("se referea la atacul de miercuri, când drone ugandeze au
        # lovit Kisumu": the drones tell who struck), unless they share words ("nu a fost vizat de drone": the weak
        # one holds the verb its negation governs)
        return topic, 3 if talking else rank.get(t.etype, 1), t.weak and t not in overlapping, t.start

    out: list[tuple[Trigger, Clause, Reference | None]] = []
    for t in sorted(triggers, key=order):
        clause = clause_at(clauses, t.start)
        others = [o for o in triggers if o is not t and clause.start <= o.start < clause.end]
        if t.weak and any(not o.weak and o.etype != t.etype
                          and reference_at(folded, max(clause.start, o.start - 40), o.start, lex) is None
                          for o in others):
            # "talks ... on a joint drone manufacturing deal": the clause reports the talks (but not "la câteva ore
            # după discuții, Kievul a fost lovit de drone": talks named as the time are not what the clause reports)
            continue
        if t.etype in attack_types and not_from_the_air(folded, cues, clause, t, lex):
            continue  # "artileria a bombardat", "a suicide bombing": an attack, but not from the air
        reference = None
        # a clause may begin with its reference words ("... după ce forțele ruse au lovit"): read them too
        lo = clause.start
        if any(w in folded[max(0, lo - 12) : lo] for w in lex.reference_words):
            lo = max(0, lo - 12)
        ref = reference_at(folded, max(lo, t.start - 40), t.start, lex)
        if ref is None and not any(clause.start <= o.start < t.start for o in others):
            # "two days after President Donald Trump telephoned Hun Manet": a clause that "after" opens tells the time
            # of another event, however many words its subject takes
            opening = lex.reference_opening.search(folded, clause.start, min(t.start, clause.start + 14))
            if opening is not None and not folded[clause.start : opening.start()].strip(" ,;"):
                ref = opening
        if ref is not None and (t.etype in attack_types  # "struck Kharkiv with missiles": a weapon, not a partner
                                or not _OWN_PARTIES.match(folded, t.end, min(clause.end, t.end + 30))):
            # "după summit": a time reference, its own event within its phrase (up to the next comma);
            # "after talks with Merz in Berlin" still reports them in the clause
            comma = folded.find(",", t.end, clause.end)
            end = comma if comma != -1 else clause.end
            relative = relative_zones(folded, comma, clause.end) if comma != -1 else []
            if relative and relative[0][0] == comma and folded[comma + 1 : relative[0][1]].split()[0] in _OF_THE_EVENT \
                    and not any(t.end <= o.start < comma for o in triggers):
                # "on the sidelines of the summit, which opened in Kazan on Tuesday": the summit's own (not "before
                # meeting Putin on the sidelines of the summit, which ...": that clause is the summit's)
                end = relative[0][1]
            past = says_past(folded, ref, lex)
            reference = Reference(ref.start(), end, past,
                                  reference_offset(folded, ref.start(), past, lex))
        elif purpose_before(folded, max(clause.start, t.start - 40), t.start) and any(
            o.start != t.start and o.etype != t.etype for o in others
        ):
            continue  # "met in Ankara to discuss a ceasefire": the purpose of the meeting, not another event
        if reference is not None and is_trip(t, cues) and not names_visitor(folded, t, lex):
            continue  # "before travelling to South Korea": when, not a visit the clause reports
        out.append((t, clause, reference))
    return out


def names_visitor(folded: str, t: Trigger, lex: Lexicon) -> bool:
    """Does the visit name its own visitor right after it ("a visit by Museveni", "vizita lui Museveni")?"""
    after = folded[t.end : t.end + 30].split()
    return bool(after) and after[0] in lex.visitor_after


def own_stretch(t: Trigger, triggers: list[Trigger], ce: int) -> tuple[int, int]:
    """The part of the clause after the trigger that is its own: up to the next trigger word ("a meeting hosted by
    Anwar, after Trump phoned both leaders": "both leaders" is the call's, not the meeting's)."""
    return t.end, min([o.start for o in triggers if not o.weak and t.end <= o.start < ce], default=ce)


def own_cues(cues: Found, label: str, t: Trigger, triggers: list[Trigger], cs: int, ce: int) -> list[PhraseMatch]:
    """The cues of this label that are the trigger's: before the clause's first trigger word (its subject, shared),
    or from this trigger to the next one (its object)."""
    found = cues.get(label, cs, ce)
    if not found:
        return []
    first = min([o.start for o in triggers if not o.weak and cs <= o.start < ce], default=ce)
    _, own_end = own_stretch(t, triggers, ce)
    return [m for m in found if m.start < first or t.start <= m.start < own_end]


def has_own(cues: Found, label: str, t: Trigger, triggers: list[Trigger], cs: int, ce: int) -> bool:
    """Is there a cue of this label that is the trigger's (see own_cues)?"""
    return bool(own_cues(cues, label, t, triggers, cs, ce))


def family(etype: str, attack_types: frozenset[str]) -> str:
    """Mentions of one family in one clause are one attempt: "summit" ... "meeting" report one event."""
    return "attack" if etype in attack_types else "parties"
