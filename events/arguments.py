"""The arguments of an event mention: its parties, who is only quoted, the attacker and the target of an air attack,
and the place. Read from the names in the mention's clause; offsets are the article's."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Final

from events import dates as dates_mod
from events import gazetteer as gaz_mod
from events.clauses import (
    ATTRIBUTION_OPENERS,
    Clause,
    ends_with_phrase,
    relative_zones,
    tails,
    topic_zones,
    words_before,
)
from events.gazetteer import Entity, Gazetteer, Mention, Place
from events.lexicon import Lexicon
from events.mentions import Trigger, has_own, is_trip, names_visitor, own_stretch
from events.phrases import Found

# words that may stand between a nationality and a name besides title words ("ministrul rus de externe, X")
_TITLE_FILLERS: Final = frozenset(
    "de al a of for the externe afacerilor foreign affairs external defence defense apararii aparare state stat "
    "lui pe interne interior economiei finantelor energiei justitiei cabinetului guvernului "
    # "and his Bolivian counterpart", "și omologul său bolivian"
    "his her their counterpart counterparts omologul omoloaga omologii sau sa".split()
)
_GAP_WORDS: Final = re.compile(r"[\w-]+")
_FORMER: Final = re.compile(r"\b(?:former|fostul|fosta|fostului|ex)\b")
_CAPITALISED: Final = re.compile(r"[A-ZĂÂÎȘȚŞŢÀ-ÖØ-Þ][\w'’\-]+")


class Arguments:
    """Who and where of one mention (a slotted class: built natively when compiled)."""

    __slots__ = ("attacker", "parties", "place", "speakers", "target_country")

    def __init__(self, parties: list[Entity], speakers: list[str], attacker: Entity | None, target_country: str | None,
                 place: Place | None) -> None:
        self.parties = parties
        self.speakers = speakers  # names the report is attributed to
        self.attacker = attacker
        self.target_country = target_country
        self.place = place


def party_key(e: Entity) -> str:
    """Parties of one country count once ("Putin" and "Rusia")."""
    return e.country or e.name


def capital_cities(gaz: Gazetteer, lex: Lexicon, folded: str, found: list[Mention]) -> list[Mention]:
    """The names found, with a country named as its capital ("the Ukrainian capital", "capitala Ucrainei") read as
    that city: a place, where the country alone would be an actor."""
    out = []
    for m in found:
        ent = m.entity
        if ent is not None and ent.kind == "country" and m.place is None and ent.country and (
            lex.capital_after.match(folded, m.end) is not None
            or lex.capital_before.search(folded, max(0, m.start - 30), m.start) is not None
        ):
            city = gaz.capital(ent.country)
            if city is not None:
                m = Mention(m.start, m.end, m.text, None, city)
        out.append(m)
    return out


# -- names with a title --------------------------------------------------------------------------------------


def titled_persons(text: str, folded: str, cues: Found, found: list[Mention], lex: Lexicon) -> list[Mention]:
    """Turn "ministrul turc de externe Hakan Fidan" into a person of Turkey; absorb the adjective."""
    out: list[Mention] = []
    skip: set[int] = set()
    for i, m in enumerate(found):
        if i in skip:
            continue
        ent = m.entity
        if ent and ent.kind == "country" and ends_with_phrase(words_before(folded, m.start), lex.government_before) \
                and cues.first("leader", max(0, m.start - 25), m.start) is not None:
            # "liderul de la Kremlin", "președintele de la Kiev": that country's leader
            out.append(m.with_entity(Entity(f"{ent.name} (leader)", "person", ent.country, ("head_of_state",))))
            continue
        if not (ent and ent.kind == "country" and not ent.seat) or not cues.first("title", max(0, m.start - 40), m.end + 40):
            out.append(m)
            continue
        window_end = min(len(text), m.end + 45)
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt and nxt.entity and nxt.entity.kind == "person" and nxt.entity.country in (None, ent.country) \
                and _only_title_between(folded, m.end, nxt.start, lex):
            # "președintele ucrainean Volodimir Zelenski": the known person carries the country
            if nxt.entity.country is None:
                nxt = nxt.with_entity(replace(nxt.entity, country=ent.country))
            out.append(nxt)
            skip.add(i + 1)
            continue
        limit = nxt.start if nxt else window_end
        name = _name_after(text, m.end, min(limit, window_end), lex)
        if name and not _only_title_between(folded, m.end, name[0], lex):
            name = None
        if name:
            ns, ne = name
            # "the Malaysian prime minister X": a leader by the title, whoever X is
            # ... not a former one ("Former Kenyan prime minister Raila Odinga", "fostul premier")
            ranked = cues.first("leader", max(0, m.start - 30), ns) is not None \
                and _FORMER.search(folded, max(0, m.start - 30), ns) is None
            person = Entity(text[ns:ne], "person", ent.country, ("head_of_government",) if ranked else ())
            out.append(Mention(ns, ne, text[ns:ne], person, None))
        elif _leader_title_next_to(folded, cues, *_adjective_run(folded, found, i)):
            # "liderul ucrainean", "the Russian president": a head of state without a name
            leader = Entity(f"{ent.name} (leader)", "person", ent.country, ("head_of_state",))
            out.append(m.with_entity(leader))
        else:
            out.append(m)
    return out


_JOINS: Final = frozenset((",", "and", "si", "și"))


def _adjective_run(folded: str, found: list[Mention], i: int) -> tuple[int, int]:
    """Where the run of nationalities joined by "and" that found[i] is in starts and ends ("the Russian and
    Turkish leaders", "liderii rus și turc"); found[i]'s own span when it stands alone."""
    def joined(a: Mention, b: Mention) -> bool:
        both = a.entity is not None and b.entity is not None and a.entity.adjective and b.entity.adjective
        return both and all(w in _JOINS for w in folded[a.end : b.start].replace(",", " , ").split())

    lo = hi = i
    while lo > 0 and joined(found[lo - 1], found[lo]):
        lo -= 1
    while hi + 1 < len(found) and joined(found[hi], found[hi + 1]):
        hi += 1
    return found[lo].start, found[hi].end


def _leader_title_next_to(folded: str, cues: Found, start: int, end: int) -> bool:
    """Is a leader's title right before or after the nationality at start..end ("președintele rus", "Ukrainian
    leader")?"""
    for t in cues.get("leader", max(0, start - 30), end + 30):
        if (t.end <= start and not folded[t.end : start].strip()) or (
            t.start >= end and folded[end : t.start].strip() in ("", "'s", "’s")  # "Egypt's president"
        ):
            return True
    return False


def _only_title_between(folded: str, start: int, end: int, lex: Lexicon) -> bool:
    """Is the gap between a nationality and a name only title words ("de externe", "Foreign Minister", "'s prime
    minister")?"""
    gap = lex.titles.sub(" ", folded[start:end].replace("'s ", " ").replace("’s ", " "))
    return all(w in _TITLE_FILLERS for w in _GAP_WORDS.findall(gap))


def _name_after(text: str, start: int, end: int, lex: Lexicon | None = None) -> tuple[int, int] | None:
    """A run of two or three capitalised words between start and end ("Hakan Fidan"), title words before it
    skipped ("Foreign Minister Hakan Fidan")."""
    words = [w for w in _CAPITALISED.finditer(text, start, end)
             if lex is None or not (lex.titles.fullmatch(w.group().lower()) or w.group().lower() in _TITLE_FILLERS)]
    for i in range(len(words)):
        run = [words[i]]
        for w in words[i + 1 : i + 3]:
            if text[run[-1].end() : w.start()].strip():
                break
            run.append(w)
        if len(run) >= 2:
            return run[0].start(), run[-1].end()
    return None


# -- one mention's arguments ---------------------------------------------------------------------------------


def mention_arguments(
    gaz: Gazetteer,
    lex: Lexicon,
    text: str,
    folded: str,
    cues: Found,
    found: list[Mention],
    trigger: Trigger,
    triggers: list[Trigger],
    clause: Clause,
    clauses: list[Clause],
    attack: bool,
    context_cache: dict[int, tuple[bool, bool, bool]],
    sentence_end: int,
    aside: list[tuple[int, int]],
    subject_speaks: bool = False,
    previous_subjects: Callable[[], list[Entity]] | None = None,
    previous_attackers: Callable[[], list[Entity]] | None = None,
    after_attack: bool = False,
    previous_places: Callable[[], list[Place]] | None = None,
    capital: Callable[[], Place | None] | None = None,
    definite: bool = False,
) -> list[Arguments]:
    """Parties, speakers, attacker, target and place of what the trigger reports: one Arguments per event (talks
    held with each partner separately are several); none when an air attack has neither side (unless it is named
    as one told before: `definite`), or a weak word names no place hit."""
    cs, ce = clause.start, clause.end
    ts = trigger.start
    parties: list[Entity] = []
    positions: list[int] = []  # of each party, in the text
    speakers: list[str] = []
    speaker_entities: list[Entity] = []
    sources: list[Entity] = []  # speakers cited as a source ("according to an Israeli official"): no participants
    weapons: list[Entity] = []
    targeted: str | None = None
    own_subject = False
    places: list[tuple[Mention, bool]] = []  # (mention, after a target/place preposition)
    countries_near: list[tuple[int, Entity]] = []
    venue_countries: list[Entity] = []  # countries named as where talks are held ("in Turkey")
    # stretches whose names are not this mention's: what talks are about, another event's time reference
    topics = ([] if attack else topic_zones(folded, cues, cs, ce, lex)) + aside
    relatives = [(a, b) for a, b in relative_zones(folded, cs, ce) if not a <= ts < b]
    for m in found:
        if not (cs <= m.start < ce):
            continue
        placed_as_target, placed_as_venue, context = _mention_context(folded, m, lex, context_cache)
        zone = next(((a, b) for a, b in topics if a <= m.start < b), None)
        if zone is not None and not (m.place and placed_as_venue and not attack
                                     and not any(zone[0] <= t.start < m.start for t in triggers)):
            # "au discutat despre atacurile Rusiei": a topic, not a party or the venue (but "talks on Syria in Baku":
            # the place after a place word is where they were held, unless another event's: "despre vizita la X")
            continue
        if m.entity and not m.place and any(a <= m.start < b for a, b in relatives):
            continue  # "talks ..., which Turkey had offered to host, ...": Turkey is no party
        if attack and m.place and _said_at(folded, cues, m, lex):
            # "the army said in Nairobi", "a anunțat armata la Nairobi": where it was said, not what was hit (a
            # meeting's participant who "told reporters in Moscow" often speaks at its venue)
            continue
        placed = placed_as_target if attack else placed_as_venue
        if attack and m.place and m.entity and m.end <= ts and ts - m.end <= 40 and lex.passive_after.match(folded, m.end):
            continue  # "Kievul a fost lovit de drone": the place hit, named as the subject, is no attacking government
        if m.place and (placed or not m.entity) and (attack or not clause.attributed(m.start)):
            # (a meeting's venue is not where a statement came from: "potrivit unui comunicat al guvernului de la
            # Kampala"; but "Moscow region governor X said" names where the drones struck)
            if attack and placed_as_venue and places and places[-1][1] and m.start - places[-1][0].end <= 20:
                placed = True  # "bombed the Darfur city of Nyala": the town named within the place hit is hit
            places.append((m, placed))
            continue
        ent = m.entity
        if ent is None:
            continue
        if ent.kind == "weapon":
            if attack:
                weapons.append(ent)
            continue  # "drone Shahed" says who fired, it is no party
        if context:
            continue  # "războiul din Ucraina": context, not a party
        if ends_with_phrase(words_before(folded, m.start), lex.excluded_before):
            continue  # "met Putin without involving Ukraine", "fără Rusia la masă": left out, no party
        if ent.kind == "person" and (_possessor(gaz, folded, m, lex) or _sender(folded, m, lex)):
            # "Trump's envoy Steve Witkoff", "consilierul lui Putin", "sent by President Ruto": the one whose aide or
            # envoy it is stands for the state
            ent = gaz.country_entity(ent.country) if ent.country else None
            if ent is None:
                continue
        if not attack and ent.adjective and _describes_place(folded, m, lex, found):
            continue  # "in the South Korean city of Busan": the venue's country, not a party
        if attack and targeted is None and m.start > ts and (
            (placed_as_target and ent.kind == "country") or (ent.kind == "armed_group" and m.start - trigger.end <= 30)
        ):
            # "atacuri cu drone asupra Ucrainei": the country hit, no place named; "struck M23 positions": the
            # country the group fights in
            targeted = ent.country
        if clause.attributed(m.start):
            if ent.kind in ("person", "organization", "country"):
                speakers.append(ent.name)
                speaker_entities.append(ent)
                if any(a <= m.start < b and folded.startswith(ATTRIBUTION_OPENERS, a) for a, b in clause.zones):
                    sources.append(ent)
            continue
        if m.end <= ts and _reacts(folded, cues, m.end, ts, relatives):
            continue  # "Trump condemned the attack on Kyiv", "Beijing criticised the summit": who reacts took no part
        if m.start < ts:
            own_subject = True
        if ent.country:
            countries_near.append((m.start, ent))
        if not attack and ent.kind == "country" and not ent.adjective and placed_as_venue and (
                is_trip(trigger, cues) or set(words_before(folded, m.start, 1)) & lex.venue_country_before):
            venue_countries.append(ent)  # "met in Turkey": where, and a party only if nothing says otherwise
        parties.append(ent)
        positions.append(m.start)
    # "a visit by Museveni": the visitor named, the sentence's subject is not the visit's
    visitor = not attack and is_trip(trigger, cues) and names_visitor(folded, trigger, lex)
    place_m = _best_place(places)
    place = place_m.place if place_m else None
    if not attack and cues.first("remote", cs, ce) is not None:
        place_m = place = None  # a phone or video call has no venue
    elif not attack and place is None:
        # "in the city of Busan"; not in a time reference ("..., their first meeting since a summit in Vladivostok")
        place = bare_place(gaz, text, folded, cs, ce, lex, lex.place_before, found, aside)
        if place is None:
            place = _there(gaz, text, folded, clause, clauses[0].start, found, lex, previous_places)
        if place is None and capital is not None:
            place = _capital_alone(gaz, lex, folded, found, cs, ce, capital)  # "held talks with Sharif in the capital"
    if venue_countries and not (attack or cues.first("remote", cs, ce) is not None):
        place, parties, positions = _venue_country(gaz, cues, cs, ce, venue_countries[0], place, parties, positions)
    if attack and place is None and not trigger.weak and capital is not None:
        place = _capital_alone(gaz, lex, folded, found, trigger.end, ce, capital)  # "missiles hit ... in the capital"
    if attack:
        said_by = None
        if speaker_entities and not any(pos < ts for pos, _ in countries_near) and (
                lex.pronoun_before.search(folded, max(cs, ts - 30), ts) is not None
                or _dropped_subject(folded, max(cs, ts - 30), ts, lex)):
            # "the Israeli military said it had carried out strikes", "armata a anunțat că a lovit": who says struck
            said_by = next((gaz.country_entity(e.country) for e in speaker_entities if e.country), None)
        roles = _attack_roles(gaz, lex, text, folded, cues, found, trigger, clause, parties, countries_near, weapons,
                              targeted, place, place_m, speakers, context_cache, after_attack, said_by,
                              previous_places)
        if roles is not None and roles.attacker is None and roles.target_country and previous_attackers is not None:
            # "Rusia a lansat un nou atac ... . Odesa a fost lovită de drone": who attacked is the previous subject
            roles.attacker = next((e for e in previous_attackers() if e.country != roles.target_country), None)
        if roles is not None and roles.attacker is None and roles.target_country and previous_subjects is not None \
                and lex.possessives.intersection(folded[max(cs, ts - 30) : trigger.end].split()):
            # "Ukraine kept up its campaign. Its drones attacked the Saratov refinery", "Dronele sale au lovit": the
            # previous subject's
            roles.attacker = next((gaz.country_entity(e.country) for e in previous_subjects()
                                   if e.country and e.country != roles.target_country), None)
        if roles is None and definite and not trigger.weak:
            # "The missiles slammed into a depot on Sunday": the attack told before, its sides and place there
            roles = Arguments([], speakers, None, None, None)
        return [] if roles is None else [roles]
    # "X said he will present his plan to Museveni when he travels to Kampala": a pronoun right before the trigger
    # is its subject, the one who speaks, not a name before it, which another verb governs
    near_pronoun = lex.pronoun_before.search(folded, max(cs, ts - 12), ts)
    pronoun_subject = bool(speaker_entities) and near_pronoun is not None \
        and all(pos < near_pronoun.start() for pos in positions)
    if pronoun_subject:
        own_subject = False
    if (not own_subject or len({party_key(p) for p in parties}) < 2) and not visitor:
        # a verb-initial clause ("și ulterior s-a întâlnit cu ...") shares the sentence's subject
        # an introductory phrase ("After his call with Putin, Trump said ...") is about the main clause's subject
        speaks = subject_speaks or lex.intro.match(folded, cs) is not None
        # a topic's names are no subject either, nor one who reacts to the event ("Tanzania criticised the summit")
        subjects = [(pos, e) for pos, e in subject_mentions(gaz, found, clauses, folded, lex, speaks)
                    if not any(a <= pos < b for a, b in topics)
                    and not (0 <= pos < ts and _reacts(folded, cues, pos, ts, relatives))]
        # the main clause's speaker said what its first name after "that" belongs to ("X warned that any attack on
        # Kenya ..., as he held talks"): in another clause, a pronoun is the speaker, not that name
        reported = bool(subjects) and not cs <= subjects[0][0] < ce \
            and any(b <= subjects[0][0] for _, b in clauses[0].zones) \
            and lex.pronoun_before.search(folded, max(cs, ts - 30), ts) is not None
        if not own_subject and (not subjects or subjects[0][0] > ts or reported or pronoun_subject) \
                and (lex.pronoun_before.search(folded, max(cs, ts - 45), ts) is not None
                     or (not subjects and lex.possessive_before.search(folded, max(cs, ts - 8), ts) is not None)
                     # Romanian puts it after the noun: "după discuțiile sale cu Museveni" (its partner named after it)
                     or ((not subjects or subjects[0][0] > ts)
                         and lex.possessive_after.search(text, ts, min(ce, trigger.end + 45)) is not None)
                     or lex.pronoun_start.match(folded, clauses[0].start) is not None
                     or (speaker_entities and _dropped_subject(folded, max(cs, ts - 30), ts, lex))
                     or lex.verb_initial.match(folded, clauses[0].start) is not None):
            # a pronoun for the subject: the one who speaks ("Zelensky said he expected to speak with Trump"), else
            # the previous sentence's subject, as a reader carries it over ("He is due to meet Mulino")
            main_speakers = [m.entity for m in found if m.entity is not None and m.entity.kind in ("person", "country")
                             and any(a <= m.start < b for a, b in clauses[0].zones)] if reported else []
            subjects = [(-1, e) for e in speaker_entities or main_speakers[:1]
                        or (previous_subjects() if previous_subjects else [])]
        for k, subject in enumerate(e for _, e in subjects if e not in parties):
            parties.insert(k, subject)
            positions.insert(k, -1)
    parties = _leaders_named(folded, lex, parties, positions, found)
    trip = is_trip(trigger, cues)
    if len({party_key(p) for p in parties}) < 2 and not trip:
        # "Lavrov said he had met Rubio": the speaker is a party when no one else could be (not of a trip, whose other
        # party is its host: "Trump a spus că ..., iar Witkoff urmează să plece la Moscova")
        parties.extend(e for e in speaker_entities if e not in parties and e not in sources)
    elif trip and not parties and place is not None and any(e.country == place.country for e in speaker_entities):
        # "în timpul vizitei sale la New Delhi, Marcos și Modi au anunțat ...": the visitor and the host say it
        parties.extend(e for e in speaker_entities if e not in sources)
    country_parties = {p.country for p in parties if p.country}
    if len(country_parties) == 1 and place and place.country and place.country not in country_parties \
            and place.name not in gaz.neutral_venues and cues.first("host", cs, ce) is not None:
        # "Rubio traveled to Kyiv for talks", "vizita lui Sibiha la Budapesta": the host is a party
        host = gaz.country_entity(place.country)
        if host is not None:
            parties.append(host)
    leaders = {p.country for p in parties if p.kind == "person" and {"head_of_state", "head_of_government"} & set(p.roles)}
    if place is not None:
        # the host's own leader makes no visitor a leader ("the envoy flew to Israel to see Netanyahu")
        leaders.discard(place.country)
    if trip and leaders:
        # a leader's visit abroad ("Macron va face o vizită la Kiev", "Trump would travel to China") meets the host's
        # leader: a summit
        parties = [Entity(f"{p.name} (leader)", "person", p.country, ("head_of_state",))
                   if p.kind == "country" and p.country not in leaders else p for p in parties]
    if trip and place is not None and place.name in gaz.neutral_venues \
            and not any(p.kind == "organization" for p in parties):
        return []  # "travelled to Brussels" meets no Belgian host, and the clause names no organisation met there
    # the reference must be this trigger's own object (after it, before the next trigger word); as a subject ("the
    # two sides met") it stands for the latest event's parties, which the frames resolve
    _, own_end = own_stretch(trigger, triggers, ce)
    if previous_subjects and cues.first("anaphora", trigger.end, own_end) is not None \
            and len({p.country for p in parties if p.country}) < 2:
        # "both leaders", "cei doi lideri" right after a sentence whose subject they are ("Anutin and Hun Manet
        # agreed ... Trump phoned both leaders"): those names; with each separately, one event per name
        before = [e for e in previous_subjects() if e.country]
        named = [e for e in before if e not in parties and e.country not in {p.country for p in parties}]
        # "Misri said the two armies' commanders spoke": both of the previous sentence's states, one already here
        if named and len({e.country for e in before}) >= 2:
            if parties and (has_own(cues, "separate", trigger, triggers, cs, ce)
                            or _one_call_each(folded, lex, cues, trigger, clause)):  # "phoned both leaders"
                return [Arguments(parties + [e], list(speakers), None, None, place) for e in named]
            parties = parties + named
            positions = positions + [-1] * len(named)
    # the speaker or host added above have no place in the clause: they count with the subject
    positions = positions + [-1] * (len(parties) - len(positions))
    groups = _separate_partners(folded, lex, cues, found, trigger, clause, parties, positions, sentence_end)
    return [Arguments(group, list(speakers), None, None, place) for group in groups]


_JOINER: Final = re.compile(r"\s*(?:,\s*)?(?:and|si)?\s*")  # between the states of one enumeration


def _leaders_named(folded: str, lex: Lexicon, parties: list[Entity], positions: list[int],
                   found: list[Mention]) -> list[Entity]:
    """The parties with the states named after "the leaders of", "liderii" ("the leaders of Kenya and Uganda",
    "liderii Kenyei și Ugandei") standing for their leaders."""
    ends = {m.start: m.end for m in found}
    out = list(parties)
    led_end = -1  # where the last state named as led ends, for the next one of the enumeration
    for k in sorted(range(len(parties)), key=lambda i: positions[i]):
        pos, p = positions[k], parties[k]
        if pos < 0:
            continue
        if lex.leaders_of.search(folded, max(0, pos - 45), pos) is not None \
                or (led_end >= 0 and _JOINER.fullmatch(folded, led_end, pos) is not None):
            if p.kind == "country":
                out[k] = Entity(f"{p.name} (leader)", "person", p.country, ("head_of_state",))
            led_end = ends.get(pos, pos)  # ("Liderii Kenyei": a leader already, by the title before it)
        else:
            led_end = -1
    return out


_NAME_AFTER: Final = re.compile(r"\s+[A-ZĂÂÎȘȚŞŢÀ-ÖØ-Þ]")  # a capitalised word right after


def _there(gaz: Gazetteer, text: str, folded: str, clause: Clause, sentence_start: int, found: list[Mention],
           lex: Lexicon, previous_places: Callable[[], list[Place]] | None) -> Place | None:
    """The place "there" stands for in the clause: the last one named before it in the sentence ("Erdogan was in
    Kazan ..., the summit, which opened there"), else the previous sentence's last ("He flew to Baku. There ...");
    "the city", "orașului" stand for a city or region only."""
    there = lex.there.search(folded, clause.start, clause.end)
    city_only = there is None
    if there is None:
        there = lex.there_city.search(folded, clause.start, clause.end)
        if there is not None and _NAME_AFTER.match(text, there.end()):
            return None  # "centrul orașului Zaporijjea": the city is named, not referred to
    if there is None:
        return None
    before = places_before(gaz, found, there.start())
    # a city before a country ("stays in South Korea for the summit it hosts in the city of Gyeongju, ... there")
    city = next((p for p in reversed(before) if p.kind != "country"), None) \
        or bare_place(gaz, text, folded, sentence_start, there.start(), lex, lex.place_before, found)
    if city is not None or (before and not city_only):
        return city or before[-1]
    earlier = [p for p in (previous_places() if previous_places is not None else [])
               if not (city_only and (p.kind == "country" or p.country is None))]
    return earlier[-1] if earlier else None


def _capital_alone(gaz: Gazetteer, lex: Lexicon, folded: str, found: list[Mention], start: int, end: int,
                   fallback: Callable[[], Place | None]) -> Place | None:
    """The capital "in the capital" names in start..end: of the country named right after it ("în capitala tadjikă"),
    else of the place named before it in the sentence, else the fallback (the dateline's or the previous sentence's)."""
    said = lex.capital_alone.search(folded, start, end)
    if said is None:
        return None
    after = next((m.entity for m in found if 0 <= m.start - said.end() <= 2 and m.entity is not None
                  and m.entity.kind == "country" and m.entity.country), None)
    if after is not None:
        return gaz.capital(after.country or "")
    before = [p for p in places_before(gaz, found, said.start()) if p.country]
    return gaz.capital(before[-1].country or "") if before else fallback()


def places_before(gaz: Gazetteer, found: list[Mention], at: int) -> list[Place]:
    """The places the names before `at` stand for, in order (countries named as such included)."""
    return [p for m in found if m.end <= at and (p := named_place(gaz, m)) is not None]


def named_place(gaz: Gazetteer, m: Mention) -> Place | None:
    """The place a name stands for: a city, region or venue, or a country named as such ("travelling to South
    Korea"), not by its adjective or its seat of power."""
    if m.place is not None:
        return m.place
    ent = m.entity
    if ent is None or ent.kind != "country" or ent.adjective or ent.seat or not ent.country:
        return None
    return gaz.country_place(ent.country)


def _venue_country(
    gaz: Gazetteer, cues: Found, cs: int, ce: int, venue: Entity, place: Place | None, parties: list[Entity],
    positions: list[int],
) -> tuple[Place | None, list[Entity], list[int]]:
    """A country named as the venue ("talks between Kyiv and Washington in Turkey"): the place when the clause names
    none inside it; no party when two other states are and nothing makes it a host ("hosted by", a visit)."""
    if place is None or place.country == venue.country:
        place = place if place is not None and place.kind != "country" else gaz.country_place(venue.country or "")
    others = {p.country for p in parties if p.country and p.country != venue.country}
    if len(others) >= 2 and cues.first("host", cs, ce) is None:
        kept = [(e, pos) for e, pos in zip(parties, positions, strict=True) if e is not venue]
        parties, positions = [e for e, _ in kept], [pos for _, pos in kept]
    return place, parties, positions


_CONJUNCTION: Final = re.compile(r"[\s,]*(?:and|si|as well as|precum si)?[\s,]*")


_AFTER_CONJUNCTION: Final = re.compile(r"(?:\band|\bsi|,|\bas well as|\bprecum si)\s*$")


def _joined(folded: str, a: int, b: int) -> bool:
    """Is the text between a and b only a conjunction, commas and spaces (", and ", " și ")?"""
    return _CONJUNCTION.fullmatch(folded, a, b) is not None


def _separate_partners(
    folded: str, lex: Lexicon, cues: Found, found: list[Mention], trigger: Trigger, clause: Clause,
    parties: list[Entity], positions: list[int], sentence_end: int,
) -> list[list[Entity]]:
    """The parties of each event: one list, or one per partner of talks held separately ("spoke separately with X
    and with Y", "a vorbit, pe rând, cu X și cu Y") -- the subject with each partner."""
    whole = [parties]
    if len({p.country for p in parties if p.country}) < 2:
        return whole  # no partner named: nothing to part
    if _one_call_each(folded, lex, cues, trigger, clause):
        # "Trump telephoned Hun Manet and, later, Phumtham": a call is between two; one per person called
        callers = {e.country for pos, e in zip(positions, parties, strict=True) if pos < trigger.start and e.country}
        if len(callers) == 1:
            return _each_partner(parties, positions, trigger.end, called=True) or whole
    # the partner words after the trigger; a later clause that only adds a partner (", and with Y") counts too
    end = clause.end
    while end < sentence_end:
        nxt = lex.partner_word.search(folded, end, min(sentence_end, end + 16))
        if nxt is None or not _joined(folded, end, nxt.start()):
            break
        comma = folded.find(",", nxt.end() + 1, sentence_end)
        end = comma if comma != -1 else sentence_end
    starts = [m.start() for m in lex.partner_word.finditer(folded, trigger.start, end)]
    separate = cues.first("separate", clause.start, end) is not None
    if len(starts) == 1 and cues.first("separate", trigger.start, starts[0] + 1) is not None:
        return _each_partner(parties, positions, starts[0]) or whole  # "spoke separately with X and Y"
    apart = cues.first("separate", clause.start, end)
    if not starts and apart is not None and folded[apart.start : apart.end] not in lex.separate_adjectives:
        # "X and Y were received separately by Z" (not "to sign a separate set of agreements")
        return _each_on_one_side(parties, positions, trigger) or whole
    if len(starts) < 2:
        return whole
    # the partner word said again after a conjunction: "with X and with Y", "cu X și cu Y"
    repeated = any(_AFTER_CONJUNCTION.search(folded, max(0, at - 16), at) for at in starts[1:])
    if not (separate or repeated):
        return whole
    later = [(m.start, m.entity) for m in found if clause.end <= m.start < end and m.entity is not None
             and m.entity.kind in ("person", "country", "organization", "armed_group") and not m.place]
    placed = list(zip(positions, parties, strict=True)) + later
    subject = [e for pos, e in placed if pos < starts[0]]
    groups = []
    for k, at in enumerate(starts):
        stop = starts[k + 1] if k + 1 < len(starts) else end
        partners = [e for pos, e in placed if at <= pos < stop and e not in subject]
        if partners:
            groups.append(subject + partners)
    return groups if len(groups) >= 2 and subject else whole


def _one_call_each(folded: str, lex: Lexicon, cues: Found, trigger: Trigger, clause: Clause) -> bool:
    """Whether the talks are calls, one per person called ("phoned X and Y", "spoke by phone with both leaders"),
    not a joint call."""
    by_phone = folded[trigger.start : trigger.end] in lex.call_verbs or cues.first("phone", clause.start, clause.end)
    return bool(by_phone) and cues.first("joint_call", clause.start, clause.end) is None


def _each_on_one_side(parties: list[Entity], positions: list[int], trigger: Trigger) -> list[list[Entity]]:
    """Talks held separately with no partner word: the one party on one side of the trigger with each country on
    the other ("X and Y were received separately by Z", "Z received X and Y separately"); none if neither side has
    a single country."""
    before = [(pos, e) for pos, e in zip(positions, parties, strict=True) if pos < trigger.start]
    after = [(pos, e) for pos, e in zip(positions, parties, strict=True) if pos >= trigger.start]
    for one, many in ((after, before), (before, after)):
        if len({e.country for _, e in one if e.country}) != 1:
            continue
        host = [e for _, e in one]
        by_country: dict[str, list[Entity]] = {}
        for _, e in many:
            if e.country and e.country != host[0].country:
                by_country.setdefault(e.country, []).append(e)
        if len(by_country) >= 2:
            return [host + guests for guests in by_country.values()]
    return []


def _each_partner(parties: list[Entity], positions: list[int], at: int, called: bool = False) -> list[list[Entity]]:
    """The subject with each partner named after one partner word ("spoke separately with the Indian minister
    Jaishankar and the Pakistani prime minister Sharif"): one group per partner's country, none if only one
    (`called`: partners of calls, who are persons -- a country named after a call is what was discussed)."""
    subject = [e for pos, e in zip(positions, parties, strict=True) if pos < at]
    by_country: dict[str, list[Entity]] = {}
    for pos, e in zip(positions, parties, strict=True):
        if pos >= at and e.country and e not in subject:
            by_country.setdefault(e.country, []).append(e)
    groups = [subject + partners for country, partners in by_country.items()
              if country not in {s.country for s in subject}
              and not (called and all(e.kind == "country" for e in partners))]
    return groups if len(groups) >= 2 and subject else []


def _attack_roles(
    gaz: Gazetteer, lex: Lexicon, text: str, folded: str, cues: Found, found: list[Mention], trigger: Trigger,
    clause: Clause, parties: list[Entity], countries_near: list[tuple[int, Entity]], weapons: list[Entity],
    targeted: str | None, place: Place | None, place_m: Mention | None, speakers: list[str],
    context_cache: dict[int, tuple[bool, bool, bool]], after_attack: bool = False, said_by: Entity | None = None,
    previous_places: Callable[[], list[Place]] | None = None,
) -> Arguments | None:
    """Attacker, target and the place hit of an air attack mention (`after_attack`: the previous sentence tells of
    an attack; `said_by`: the country of whoever says they struck, the clause's subject being a pronoun;
    `previous_places`: the previous sentence's, for "in the same city")."""
    cs, ce = clause.start, clause.end
    ts, te, weak = trigger.start, trigger.end, trigger.weak
    if place is None:
        # a city of the offline list after any place word, as for the gazetteer's places ("o piață din Mandalay")
        place = bare_place(gaz, text, folded, cs, ce, lex, lex.target_before | lex.place_before)
        if place is None:
            place = _passive_subject_town(gaz, text, folded, cs, ts, lex, found)  # "Kisumu a fost lovit de drone"
        if place is None:
            place = _there(gaz, text, folded, clause, cs, found, lex, previous_places)  # "in the same city"
        place_m = None
    if weak and place is None:
        # "Kyiv was struck by Russian missiles": the place hit named as the subject, just before
        subj = next((m for m in reversed(found) if cs <= m.start < ts and ts - m.end <= 40 and m.place
                     and m.place.kind in ("city", "region", "country_part")), None)
        if subj is not None and subj.place is not None and (
                # "Kyiv was struck by Russian missiles"; after an attack, "Harkovul a fost și el vizat"
                after_attack or any(ent.country != subj.place.country for _, ent in countries_near)):
            place, place_m = subj.place, None
            parties = [p for p in parties if p != subj.entity]
            countries_near = [(pos, ent) for pos, ent in countries_near if pos != subj.start]
    if weak and place_m is not None and not _weak_target_ok(place_m, cues, folded):
        place = place_m = None
    # a venue counts only as what the verb hit ("hit Fordow"), not as where something else happened
    venue_hit = place_m is not None and place is not None and place.kind == "venue" and _mention_context(
        folded, place_m, lex, context_cache)[0]
    if weak and (place is None or place.kind == "country" or (place.kind == "venue" and not venue_hit)
                 or not _place_follows(place_m, te)):
        return None  # a bare "drones"/"hit" is an attack only with a city or region hit named after it
    target_country = place.country if place else targeted
    attacker = _attacker(folded, ts, te, countries_near, target_country, lex)
    if attacker is None:
        attacker = next((w for w in weapons if w.country != target_country), None)
    if attacker is None and said_by is not None and said_by.country != target_country:
        attacker = said_by
    if place is None:
        # "Kievul a fost ținta unui atac rusesc": the place hit is the subject, not after a preposition
        hit = next((m for m in found if cs <= m.start < ce and m.place and m.place.kind != "country"
                    and (attacker is None or m.place.country != attacker.country)), None)
        if hit is not None and hit.place is not None:
            place, target_country = hit.place, hit.place.country
            parties = [p for p in parties if p != hit.entity]
    if target_country is None and attacker is not None:
        # "loviturile de represalii asupra unor ținte militare iraniene": a nationality after the attack word, not
        # the attacker's, is the side hit
        target_country = next((ent.country for pos, ent in countries_near if pos > ts and ent.country != attacker.country),
                              None)
    sides = {attacker.country if attacker else None, target_country}
    parties = [p for p in parties if p.kind in ("organization", "group") or (p.kind == "person" and p.country in sides)]
    if attacker is None and target_country is None:
        return None
    return Arguments(parties, speakers, attacker, target_country, place)


def _mention_context(
    folded: str, m: Mention, lex: Lexicon, cache: dict[int, tuple[bool, bool, bool]]
) -> tuple[bool, bool, bool]:
    """(after a target preposition, after a place preposition, after "războiul din"), once per name."""
    hit = cache.get(m.start)
    if hit is None:
        before = words_before(folded, m.start)
        # a preposition phrase ends with the last word before the name: most names fail that one set lookup
        phrases = tails(before) if before and before[-1] in lex.preposition_last else []
        if ends_with_phrase(before, lex.government_before):
            phrases = []  # "liderul de la Kremlin": the government, no place
        hit = (
            any(t in lex.target_before for t in phrases),
            any(t in lex.place_before for t in phrases),
            # every phrase's last word is the last word before the name: most names fail that set lookup
            bool(before) and before[-1] in lex.context_last
            and lex.context_before.search(folded, max(0, m.start - 30), m.start) is not None,
        )
        cache[m.start] = hit
    return hit


def _dropped_subject(folded: str, start: int, ts: int, lex: Lexicon) -> bool:
    """Does the trigger's verb follow "că" with no subject ("a anunțat că va suna", "că s-a întâlnit")?"""
    hit = lex.dropped_subject.search(folded, start, ts)
    # a finite verb with its subject dropped opens with an auxiliary or a clitic; a noun ("că discuțiile dintre
    # Rusia și SUA ...") has parties of its own
    return hit is not None and lex.verb_initial.match(folded, hit.end(1)) is not None


def _describes_place(folded: str, m: Mention, lex: Lexicon, found: list[Mention]) -> bool:
    """Is a nationality right next to a place noun ("the Egyptian resort of", "orașul sud-coreean") or right before
    a place of its own country ("statul american Alaska")?"""
    if lex.place_noun_after.match(folded, m.end) or lex.place_noun_before.search(folded, max(0, m.start - 20), m.start):
        return True
    country = m.entity.country if m.entity else None
    return any(n.place is not None and n.place.country == country and n.start == m.end + 1 and folded[m.end] == " "
               for n in found)


_POSSESSIVE_AFTER: Final = re.compile(r"(?:'s|’s)((?:\s+[\w-]+){1,3})")
_GENITIVE_BEFORE: Final = re.compile(r"((?:[\w-]+\s+){1,3})(?:al |a |ai |ale )?lui\s+$")


def _possessor(gaz: Gazetteer, folded: str, m: Mention, lex: Lexicon) -> bool:
    """Is a person named as the one whose aide the title names ("Trump's special envoy", "emisarul special al lui
    Trump", "consilierul lui Putin")?"""
    after = _POSSESSIVE_AFTER.match(folded, m.end)
    if after is not None:
        return any(lex.titles.fullmatch(w) or lex.aide_titles.fullmatch(w) for w in after.group(1).split())
    before = _GENITIVE_BEFORE.search(folded, max(0, m.start - 45), m.start)
    if before is not None and any(lex.titles.fullmatch(w) or lex.aide_titles.fullmatch(w)
                                  for w in before.group(1).split()):
        return True  # ("ginerele lui Trump": an aide's title too)
    return _aide_before(gaz, folded[max(0, m.start - 60) : m.start].split(), lex)


def _reacts(folded: str, cues: Found, start: int, trigger_start: int, relatives: list[tuple[int, int]]) -> bool:
    """Is the trigger what a verb of reacting after a name has as its object, outside a relative clause ("X condemned
    the attack"; not "X, who criticised both sides, will attend the summit", "X denounced ... and had a call")?"""
    return any(trigger_start - r.end <= 30 and not any(a <= r.start < b for a, b in relatives)
               and not _PASSIVE_OR_REASON.search(folded, max(0, r.start - 8), min(len(folded), r.end + 5))
               for r in cues.get("reaction", start, trigger_start))


# "was criticized for meeting Putin": the one criticised, and why -- no reaction to the event
_PASSIVE_OR_REASON: Final = re.compile(r"\b(?:was|were|been|being|is|are|fost)\s+\S+\s|\S\s+(?:for|over|pentru)\b")


def _sender(folded: str, m: Mention, lex: Lexicon) -> bool:
    """Is a person named as the one who sent a participant, only titles between ("sent by President Ruto",
    "trimis de președintele Ruto")?"""
    sent = list(lex.sender_before.finditer(folded, max(0, m.start - 60), m.start))
    return bool(sent) and _only_title_between(folded, sent[-1].end(), m.start, lex)


def _aide_before(gaz: Gazetteer, words: list[str], lex: Lexicon) -> bool:
    """Do the words before a name make it whose aide or kin someone is: an aide's title, then a title in the genitive
    or "of"/"to", then only titles and nationalities ("ginerele președintelui american Donald Trump", "an adviser to
    Russian President Putin"; not "an envoy to the talks met Putin")?"""
    for k in range(2, min(len(words), 5) + 1):  # the aide's title k words back
        if not lex.aide_titles.fullmatch(words[-k]):
            continue
        nxt, between = words[-k + 1], words[-k + 2 :] if k > 2 else []
        linked = nxt in ("of", "to") or (nxt.endswith(("lui", "ei")) and lex.titles.fullmatch(nxt) is not None)
        if linked and all(w == "the" or lex.titles.fullmatch(w) or _is_nationality(gaz, w) for w in between):
            return True
    return False


_BREADTH: Final = {"country": 2, "region": 1}  # how much a place holds: the smaller is the place meant


def _said_at(folded: str, cues: Found, m: Mention, lex: Lexicon) -> bool:
    """Is the place where something was said: a place word right before it, a reporting verb just before that ("the
    army said in Nairobi", "a anunțat armata la Nairobi")?"""
    before = words_before(folded, m.start, 1)
    return bool(before) and before[0] in lex.place_before \
        and cues.first("reporting", max(0, m.start - 25), m.start) is not None


def _best_place(places: list[tuple[Mention, bool]]) -> Mention | None:
    """The most specific place named after a place preposition, else any place named."""
    if not places:
        return None
    # a sea or strait belongs to no country: "the Red Sea port of Hodeidah" is the port; a region holds the town
    # it names with it ("the Darfur city of Nyala")
    best, _ = min(places, key=lambda mp: (mp[0].place is None or mp[0].place.country is None, not mp[1],
                                          _BREADTH.get(mp[0].place.kind if mp[0].place else "", 0), mp[0].start))
    return best


def _weak_target_ok(m: Mention, cues: Found, folded: str) -> bool:
    """A bare "strikes" did not hit a place that names another event ("after the Alaska summit"); an event word in
    another phrase ("după vizită, capitala ucraineană a fost lovită") names no place."""
    return all("," in folded[min(c.end, m.end) : max(c.start, m.start)]
               for c in cues.get(("T:talks", "T:summit", "T:meeting"), max(0, m.start - 25), m.end + 25))


def _place_follows(m: Mention | None, te: int) -> bool:
    """Is the place named close to the trigger ("drones hit Odesa", "In Kharkiv, a drone hit")?"""
    return m is None or -60 <= m.start - te <= 80


_CLOSES: Final = re.compile(r"\s*(?:[,.;:)]|$)")  # what follows a country that only qualifies a place
# "in Bali, Indonesia", "la Ohrid, în Macedonia de Nord": the word before the comma, and what may come before the
# country after it
_BEFORE_COMMA: Final = re.compile(r"([A-ZĂÂÎȘȚŞŢÀ-ÖØ-Þ][\w'’\-]+)\s*,\s*(?:în\s+|in\s+)?$")


def not_parties(text: str, folded: str, found: list[Mention], lex: Lexicon) -> list[Mention]:
    """The names found, without the countries that only say where a place is ("in Bali, Indonesia"), where a
    weapon was made ("Iranian-made drones", "drone de fabricație iraniană") or whose people they are ("Eritrean
    refugees", "cetățeni indieni")."""
    return [m for m in found
            if not (_is_country(m) and (_made_in(folded, m, lex) or _foreign_people(folded, m, lex)
                                        or _qualifies(text, folded, found, m, lex)))]


def _is_country(m: Mention) -> bool:
    """A country named as such (not a capital or a seat of power standing for it)."""
    return m.entity is not None and m.entity.kind == "country" and not m.entity.seat and m.place is None


def _made_in(folded: str, m: Mention, lex: Lexicon) -> bool:
    """Is the country named as where a weapon was made ("Iranian-made", "Iranian made"; not "Uganda made the accord
    official", where "made" is the country's verb)?"""
    if folded.startswith(lex.made_in_after, m.end):
        after = next(w for w in lex.made_in_after if folded.startswith(w, m.end))
        if not after.startswith(" ") or (m.entity is not None and m.entity.adjective):
            return True
    return ends_with_phrase(words_before(folded, m.start), lex.made_in_before)


def _foreign_people(folded: str, m: Mention, lex: Lexicon) -> bool:
    """Does the demonym name people of its country who are not its state ("killed three Eritrean refugees",
    "întoarcerea refugiaților sirieni")?"""
    if m.entity is None or not m.entity.adjective:
        return False
    return folded.startswith(lex.foreign_people_after, m.end) \
        or ends_with_phrase(words_before(folded, m.start, 1), lex.foreign_people_before)


def _qualifies(text: str, folded: str, found: list[Mention], m: Mention, lex: Lexicon) -> bool:
    """Does the country only say where the place before it is ("in Bali, Indonesia, in November")?"""
    if text.startswith(("'s", "’s"), m.end):
        return False  # "Sharif, Pakistan's prime minister"
    before = _BEFORE_COMMA.search(text, max(0, m.start - 40), m.start)
    if before is None:
        return False
    word = before.start(1)
    if gaz_mod.key_of(before.group(1)) in dates_mod.anchor_words(lex.language):
        return False  # "On Monday, Russia fired ...": a day, not a place
    if m.entity is None or not _CLOSES.match(text, m.end):
        return False  # "În timp ce liderii erau reuniți la Haga, Rusia a lovit ...": the subject of what follows
    named = next((n for n in found if n.start <= word < n.end), None)
    if named is not None and (named.place is None or named.place.country != m.entity.country):
        return False  # "Russia, Ukraine and Turkey", "with Erdogan, Turkey ...", a place of another country
    # a known place of that country, or a word after a place word ("in", "la", "near")
    return named is not None or ends_with_phrase(words_before(folded, word, 2), lex.place_before)


def bare_place(
    gaz: Gazetteer, text: str, folded: str, cs: int, ce: int, lex: Lexicon, before: frozenset[str] | None = None,
    names: list[Mention] | None = None, skip: list[tuple[int, int]] | None = None,
) -> Place | None:
    """A city from the offline city list named after a target (or the given) preposition ("asupra orașului X").

    Month and weekday names are never cities here ("in March" is no town in Cambridgeshire), nor is a word of
    a known name or of a run of capitalised words ("pe Vladimir Putin", "in Donald Trump's plan").
    """
    before = lex.target_before if before is None else before
    date_words = dates_mod.anchor_words(lex.language)
    for w in _CAPITALISED.finditer(text, cs, ce):
        # cheapest test first: most capitalised words are known names ("pe Vladimir Putin")
        if names is not None and (
            any(m.start <= w.start() < m.end for m in names) or _CAPITALISED.match(text, w.end() + 1)
        ):
            continue
        prior = words_before(folded, w.start(), 4)
        if prior and prior[-1] in date_words:
            prior.pop()  # "au lovit marți Kisumu": the day told between the verb and the town
        if not ends_with_phrase(prior, before):
            continue
        if skip and any(a <= w.start() < b for a, b in skip):
            continue  # another event's words (a time reference)
        if gaz_mod.key_of(w.group()) in date_words:
            continue
        found_city = _city_at(gaz, text, w.start(), ce)
        if found_city is not None and not _common_word(text[w.start() : found_city[1]], found_city[0], lex.language):
            return _qualified(gaz, text, found_city[1], found_city[0])
    return None


def _common_word(written: str, town: Place, language: str) -> bool:
    """Is the town's name, as written, a common word of the article's language that only folds to the name ("în
    Sala de Est" is no Šaľa), not the town's own spelling ("in Nice")?"""
    if written == town.name or " " in written:
        return False
    import simplemma  # deferred: only a town of the offline list named after a preposition gets here

    word = written.lower()
    lemma = simplemma.lemmatize(word, lang=language)
    return simplemma.is_known(word, lang=language) and lemma == lemma.lower()


_NAME_WORDS: Final = re.compile(r"[\w'’\-]+(?: [\w'’\-]+){0,3}")


def _city_at(gaz: Gazetteer, text: str, start: int, end: int) -> tuple[Place, int] | None:
    """The city of the offline list named from `start`, its longest name first ("Dar es Salaam", not a town "Dar"),
    and where its name ends."""
    run = _NAME_WORDS.match(text, start, end)
    if run is None:
        return None
    words = run.group().split()
    for n in range(len(words), 0, -1):
        city = gaz.city(gaz_mod.key_of(" ".join(words[:n])))
        if city is not None:
            return city, start + len(" ".join(words[:n]))
    return None


def _passive_subject_town(gaz: Gazetteer, text: str, folded: str, cs: int, ts: int, lex: Lexicon,
                          names: list[Mention]) -> Place | None:
    """A town of the offline list named as the subject of the passive attack verb ("Kisumu a fost lovit de drone",
    "Kisumu was hit by drones"): the name that ends right before the auxiliary, of no known name."""
    aux = lex.passive_after.search(folded, max(cs, ts - 25), ts + 1)
    if aux is None:
        return None
    for word in _CAPITALISED.finditer(text, max(cs, aux.start() - 40), aux.start()):
        if any(m.start <= word.start() < m.end for m in names) \
                or gaz_mod.key_of(word.group()) in dates_mod.anchor_words(lex.language):
            continue
        found_city = _city_at(gaz, text, word.start(), aux.start())
        if found_city is not None and found_city[1] == aux.start():
            return found_city[0]
    return None


_AFTER_COMMA: Final = re.compile(r"\s*,\s*(?:în\s+|in\s+)?")


def _qualified(gaz: Gazetteer, text: str, end: int, city: Place) -> Place:
    """The city, unless the country named after it says it is another one ("in Bali, Indonesia" is no town in
    India): then that country."""
    comma = _AFTER_COMMA.match(text, end)
    if comma is None:
        return city
    after = gaz.find(text[comma.end(): comma.end() + 40])
    named = after[0].entity if after and after[0].start == 0 else None
    if named is None or named.kind != "country" or named.seat or not named.country or named.country == city.country:
        return city
    return gaz.country_place(named.country) or city


def _attacker(folded: str, ts: int, te: int, near: list[tuple[int, Entity]], target: str | None,
              lex: Lexicon) -> Entity | None:
    """The country behind an air attack: explicit "de către X", else the nationality of its weapons ("drone rusești
    au lovit"), else the nearest other country before the attack word, else after it."""
    for pos, ent in near:
        if lex.attacker_before.search(folded, max(0, pos - 20), pos):
            return ent
    weapons = [ent for pos, ent in near if ts < pos < te and ent.adjective and ent.country != target]
    if weapons:
        return weapons[0]  # within the attack words ("o rachetă rusească a lovit"): whose weapon struck
    # the subject before an active attack word over a name after it ("Israeli jets targeted Hamas leaders in Doha"),
    # the agent after a passive one ("portul, lângă Moldova, a fost atacat de armata rusă"); then the nearest
    passive = lex.passive_after.search(folded, max(0, ts - 30), ts + 1) is not None
    others = [((pos > ts) != passive, abs(pos - ts), ent) for pos, ent in near if ent.country != target]
    return min(others, key=lambda o: o[:2])[2] if others else None


def sentence_subjects(
    gaz: Gazetteer, found: list[Mention], clauses: list[Clause], folded: str, lex: Lexicon, speaker: bool = False
) -> list[Entity]:
    """The subject of the sentence's main clause and the names coordinated to it (see subject_mentions)."""
    return [e for _, e in subject_mentions(gaz, found, clauses, folded, lex, speaker)]


def subject_mentions(
    gaz: Gazetteer, found: list[Mention], clauses: list[Clause], folded: str, lex: Lexicon, speaker: bool = False
) -> list[tuple[int, Entity]]:
    """The first party-like actor of the sentence's main clause with the names coordinated to it ("Donald Trump and
    Russian President Vladimir Putin made brief remarks ...": both); coordinated verbs share it.

    After an introductory phrase ("După convorbirea cu Trump, Putin a ordonat ...") the main clause is the second
    one, and its subject is also the implied subject of the introduction; with `speaker`, even as the one who
    speaks ("After his call with Putin, Trump said ...").
    """
    first = clauses[0]
    if len(clauses) > 1 and lex.intro.match(folded, first.start):
        # the main clause after the introduction's comma ("Hours after the strike, Sunak announced ..." may be split
        # at "after" too)
        comma = folded.find(",", first.start, clauses[-1].start + 1)
        first = next((c for c in clauses[1:] if comma >= 0 and c.start >= comma), clauses[1])
    if lex.pronoun_start.match(folded, first.start):
        return []  # "He is due in Paris to meet Macron": the subject is the previous sentence's, Macron the object
    out: list[tuple[int, Entity]] = []
    last_end = -1
    for m in found:
        if m.entity is None or not first.start <= m.start < first.end or (first.attributed(m.start) and not speaker):
            continue
        if m.place and ends_with_phrase(words_before(folded, m.start), lex.place_before):
            continue
        if m.entity.adjective and _describes_place(folded, m, lex, found):
            continue  # "din Lyon, orașul francez, cu ...": the venue's country is no subject
        if out and out[-1][1].kind == "country" and m.entity.kind == "person" \
                and m.entity.country in (None, out[-1][1].country) \
                and lex.represented_by.fullmatch(lex.titles.sub(" ", folded[last_end:m.start])):
            out[-1] = (m.start, m.entity)  # "România a fost reprezentată de președintele Nicușor Dan": the person
            last_end = m.end
            continue
        if out and out[-1][1].kind == "country" and m.entity.kind == "person" \
                and m.entity.country in (None, out[-1][1].country) \
                and _POSSESSIVE_ONLY.fullmatch(lex.titles.sub(" ", folded[last_end:m.start])):
            out[-1] = (m.start, m.entity)  # "Guyana's Irfaan Ali", "omologul său bolivian Luis Arce": the person
            last_end = m.end
            continue
        if out and not _coordinated(gaz, folded, last_end, m.start, lex):
            break
        if all(e != m.entity for _, e in out):
            out.append((m.start, m.entity))
        last_end = m.end
    return out


_AND: Final = frozenset(("and", "si", "as", "well", ","))


def _coordinated(gaz: Gazetteer, folded: str, a: int, b: int, lex: Lexicon) -> bool:
    """Is the gap between two names a conjunction, perhaps with the second one's title ("and Russian President")?"""
    gap = _POSSESSIVE.sub(lambda m: _unless_country(gaz, m), lex.titles.sub(" ", folded[a:b]))
    words = _GAP_WORDS.findall(gap) + ([","] if "," in gap else [])
    return bool(words) and any(w in _AND for w in words) and all(
        w in _AND or w in _TITLE_FILLERS or _is_nationality(gaz, w) for w in words)


# up to three words before a possessive ("and south korea's president"): a country's name there is a title's
_POSSESSIVE: Final = re.compile(r"((?:[\w-]+ ){0,2}[\w-]+)['’]s\b")
# all that stands between a country and its person ("Guyana's Irfaan Ali", "bolivian Luis Arce")
_POSSESSIVE_ONLY: Final = re.compile(r"(?:['’]s)?\s*")


def _unless_country(gaz: Gazetteer, m: re.Match[str]) -> str:
    """The possessive's words without the country name that ends them ("and bolivia's" -> "and")."""
    words = m.group(1).split()
    for k in range(len(words)):
        if any(e.kind == "country" for _, e in gaz.entities.get(" ".join(words[k:]), ())):
            return " ".join(words[:k]) + " "
    return m.group()


def _is_nationality(gaz: Gazetteer, word: str) -> bool:
    """Is the (folded) word a nationality adjective ("russian", "ucrainean")?"""
    return any(e.adjective for _, e in gaz.entities.get(word, ()))
