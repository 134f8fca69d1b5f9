"""Event frames: an article's mentions of one real-world event brought together, references resolved.

"The two sides" takes the parties of the previous event, "the same day" its date, "again"/"the next round" makes
a new event; a thin mention that precedes the full one ("Întâlnirea ..." in a headline) joins it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Final

from events.arguments import party_key
from events.gazetteer import Entity, Place
from events.lexicon import TypeSpec
from events.mentions import EventMention
from events.phrases import bisect_left

PRECISION_RANK: Final = {"day": 4, "week": 3, "month": 2, "year": 1, None: 0}
LEAD_CHARS: Final = 300  # an article's lead: its first sentence or two


class TypeRules:
    """What the event types allow: who may stand alone, what a meeting of leaders is."""

    def __init__(self, types: dict[str, TypeSpec], leader_roles: frozenset[str], as_summit: str, otherwise: str,
                 country_names: dict[str, str] | None = None) -> None:
        self.types = types
        self.country_names = country_names or {}  # ISO-3 -> name, for a country named only by its code
        self.leader_roles = leader_roles
        self.as_summit = as_summit  # what a meeting of two leaders is
        self.otherwise = otherwise  # what any other meeting is
        self.attack_types: frozenset[str] = frozenset(t for t, spec in types.items() if spec.roles == "attack")

    def is_attack(self, etype: str) -> bool:
        return etype in self.attack_types

    def resolved_type(self, m: EventMention) -> str:
        """A meeting of two leaders in person is a summit, any other meeting (or one by phone) talks."""
        if m.etype != "meeting" and not (m.etype == self.otherwise and m.in_person):
            return m.etype  # (talks named as a meeting, "held talks", are a summit too when two leaders hold them)
        if m.remote:
            return self.otherwise  # "held talks with Zelensky by phone": a call, whoever makes it
        leaders = {p.country or p.name for p in m.parties if p.kind == "person" and set(p.roles) & self.leader_roles}
        return self.as_summit if len(leaders) >= 2 else self.otherwise

    def decided_type(self, m: EventMention) -> str:
        """A meeting of two leaders is a summit, of two named non-leaders talks; others stay open until merged."""
        if m.etype != "meeting":
            return m.etype
        if self.resolved_type(m) == self.as_summit:
            return self.as_summit
        persons = [p for p in m.parties if p.kind == "person"]
        if len({p.country or p.name for p in persons}) >= 2:
            return self.otherwise
        return m.etype

    def compatible(self, a: str, b: str) -> bool:
        """Same type, or a "meeting" and a type a meeting can turn out to be."""
        if a == b:
            return True
        return "meeting" in (a, b) and ({a, b} - {"meeting"}) <= {self.as_summit, self.otherwise}

    def can_stand_alone(self, etype: str) -> bool:
        """Does an organisation named alone make an event of this type (a summit of the organisation)?"""
        spec = self.types.get(etype)
        return bool(spec and spec.organization_alone)

    def can_stand(self, m: EventMention) -> bool:
        """Does the mention say enough to be an event on its own (two parties, an attacker or a target)?"""
        spec = self.types.get(self.resolved_type(m))
        # a vague group ("European leaders", "the West") leaves the other side unnamed: it does not count
        named = {party_key(p) for p in m.parties if p.kind != "group"}
        n = len(named | ({m.target_country} if m.target_country else set()))
        if spec and spec.roles == "attack":
            return m.target_country is not None  # an attacker alone ("North Korea fired missiles") hit nothing named
        if self.can_stand_alone(self.resolved_type(m)) and any(p.kind == "organization" for p in m.parties):
            return True
        return n >= (spec.min_parties if spec else 2)


def build_frames(
    mentions: list[EventMention], rules: TypeRules, published: date | None = None, dateline: Place | None = None
) -> list[EventMention]:
    """The article's events: each mention joined to an earlier report of its event, or a new event."""
    index = _Events()
    events = index.all
    pending: list[EventMention] = []
    earlier: list[EventMention] = []  # the mentions so far with two parties or more, for "the two sides"
    dated: EventMention | None = None
    references = _anchor_references(mentions)
    frame_of: dict[int, EventMention] = {}  # each mention's event so far, by the mention's id
    held_at: dict[int, EventMention | None] = {}  # the event a mention's sentence says it was held at, by its id
    by_sentence: dict[tuple[int, int], list[EventMention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    for m in _resolved(mentions, earlier, rules):
        if m.same_time and dated is not None and dated.date is not None:
            m.date, m.precision, m.date_text = dated.date + timedelta(days=m.shift), dated.precision, dated.date_text
        if m.anchor is not None and m.date is None:
            _date_from_anchor(m, m.anchor)  # "a day after the strike on Kharkiv" told after a dated report
        if m.date is not None and m.precision == "day":
            dated = m  # "the same day", "în aceeași zi": the latest day told, not "next year"
        if len(m.countries) >= 2:
            earlier.append(m)
        # a time reference is another event than the one it dates ("the attack came a night after ... struck")
        apart = [frame_of.get(id(r)) for r in references if r.anchor is m] + [frame_of.get(id(m.anchor))]
        if m.reference:  # "After the meeting, Ruto spoke by phone with Hassan": not the call
            apart += [frame_of.get(id(o)) for o in by_sentence[m.sentence] if not o.background]
        if not m.background:
            # the event its sentence names as where it was held is another ("on the sidelines of the summit, Erdogan
            # met Pashinyan": no report of the summit), filed or not
            occasions = [frame_of.get(id(r)) or _nearest(index.candidates(r), r, rules)
                         for r in by_sentence.get(m.sentence, ()) if r is not m and r.occasion]
            apart += occasions
            held_at[id(m)] = next((o for o in occasions if o is not None), None)
        target = _nearest([ev for ev in index.candidates(m) if ev not in apart], m, rules)
        if target is not None:
            _absorb(target, m, rules)
            index.file(target)  # it may have taken the mention's day
            frame_of[id(m)] = target
        elif rules.can_stand(m):
            index.add(m)
            frame_of[id(m)] = m
        else:
            pending.append(m)
    for m in pending:  # a thin mention ("the talks", "Întâlnirea ..." in a headline) joins the nearest report before it
        # but a time reference is another event than its sentence's ("on the sidelines of the summit, X met Y")
        target = _nearest([ev for ev in events if not (m.background and ev.sentence == m.sentence and not ev.background)],
                          m, rules)
        if target is not None:
            _absorb(target, m, rules)
            frame_of[id(m)] = target
        elif m.definite and not m.parties and len({e.country for e in m.salient}) >= 2 \
                and not any(not rules.is_attack(ev.etype) and ev.sentence[0] < m.sentence[0] for ev in events):
            # "Ruto and Museveni agreed to reopen the border. The talks took place in Mombasa": the talks of the
            # previous sentence's subjects, the first the article tells of
            m.parties = list(m.salient)
            m.changed()
            index.add(m)
        elif m.new_instance and len(m.countries) < 2:
            # "the two leaders will meet again", "Fidan opened the first two rounds": the parties of the latest
            # event of that kind (and the mention's own), a new event
            prior = next((ev for ev in reversed(events) if rules.compatible(ev.etype, m.etype)
                          and ev.sentence[0] <= m.sentence[0]), None)  # told before it
            if prior is not None:
                own = [p for p in m.parties if p.country not in prior.countries]
                m.parties = list(prior.parties) + own
                m.changed()
                m.etype = prior.etype if m.etype == "meeting" else m.etype
                index.add(m)
    for ev in events:
        if ev.attacker is None and ev.target_country and rules.is_attack(ev.etype):
            # "a barrage of missiles hit Dnipro" after "Russian strikes on ...": the article's attacker
            ev.attacker = next((o.attacker for o in events if o is not ev and o.attacker
                                and o.etype == ev.etype and o.target_country == ev.target_country), None)
            if ev.attacker is None:
                ev.attacker = _other_side(ev, events, rules)
            ev.changed()
    _bilaterals_at_summits(events, rules)
    _dates_from_references(by_sentence, frame_of)
    if published is not None:
        _date_news_of_the_day(events, rules, published)
        _dates_from_references(by_sentence, frame_of)  # of events dated only now, as the day's news
    for ev in events:
        anchor = frame_of.get(id(ev.anchor)) if ev.anchor is not None else None
        if ev.date is None and anchor is not None:
            _date_from_anchor(ev, anchor)  # its anchor dated only now, as the day's news
    if dateline is not None:
        for ev in events:
            # the dateline's city is more precise than the country named as the venue ("met in Turkey")
            vague = ev.place is None or (ev.place.kind == "country" and dateline.country == ev.place.country)
            if vague and not ev.remote and not rules.is_attack(ev.etype) and ev.sentence[0] < LEAD_CHARS:
                ev.place = dateline  # "ANCHORAGE: Trump and Putin met ...": the lead's meeting took place there
    for m in mentions:
        frame, occasion = frame_of.get(id(m)), held_at.get(id(m))
        if frame is not None and occasion is not None and frame.place is None and not frame.remote:
            frame.place = occasion.place  # "met Meloni on the sidelines of the summit in Tirana": in Tirana
    _places_from_company(events, rules)
    # "fragments of a drone near Galați": a bare word, and no one in the article fired at that country
    return [ev for ev in events if not (ev.weak and ev.attacker is None and rules.is_attack(ev.etype))
            and not _one_sided(ev, rules)]


def _places_from_company(events: list[EventMention], rules: TypeRules) -> None:
    """A meeting with no place where someone met others somewhere the same day: there too ("Aliyev and Pashinyan met
    in Abu Dhabi on Thursday ... Both were received by the Emirati president")."""
    meetings = [ev for ev in events if not ev.remote and not rules.is_attack(ev.etype)]
    persons = {id(ev): {p.name for p in ev.parties if p.kind == "person"} for ev in meetings}
    placed = [o for o in meetings if o.place is not None and o.place.kind != "country" and o.date is not None
              and o.precision == "day"]
    for ev in meetings:
        if ev.place is not None or not persons[id(ev)]:
            continue
        company = [o for o in placed if o is not ev and o.status == ev.status and persons[id(o)] & persons[id(ev)]]
        # the same day; an undated meeting that took place: where they met in the article's first report of them
        there = next((o for o in company if o.date == ev.date and ev.precision == "day"), None)
        if there is None and ev.date is None and ev.status == "occurred" and company:
            there = company[0]
        if there is not None:
            ev.place = there.place


def _bilaterals_at_summits(events: list[EventMention], rules: TypeRules) -> None:
    """A bilateral meeting told with no day or place ("Yoon and Kishida also held a bilateral meeting") was held at the
    meeting of more told before it that they both took part in: its day and place."""
    for ev in events:
        if not ev.bilateral or (ev.date is not None and ev.place is not None) or rules.is_attack(ev.etype):
            continue
        host = next((o for o in reversed(events) if o.sentence[0] < ev.sentence[0] and not rules.is_attack(o.etype)
                     and len(o.countries) > 2 and ev.countries <= o.countries and o.status == ev.status), None)
        if host is not None:
            if ev.date is None:
                ev.date, ev.precision, ev.date_text = host.date, host.precision, host.date_text
            ev.place = ev.place or host.place


def _dates_from_references(by_sentence: dict[tuple[int, int], list[EventMention]],
                           frame_of: dict[int, EventMention]) -> None:
    """An event told with no date beside a time reference to a dated one takes its day: "Before the meeting, X held
    talks with Y" that of the meeting, "two days after the summit" two days after it, "on the sidelines of the summit"
    during it."""
    for told in by_sentence.values():
        for r in told:
            referred = frame_of.get(id(r))
            if not r.reference or referred is None or referred.date is None:
                continue
            for m in told:
                frame = frame_of.get(id(m))
                if m.background or frame is None or frame is referred or frame.date is not None:
                    continue
                if r.occasion:
                    frame.date, frame.precision, frame.date_text = referred.date, referred.precision, referred.date_text
                elif referred.precision == "day":
                    shift = r.days_before or 0
                    frame.date, frame.precision = referred.date + timedelta(days=shift), "day"
                    frame.date_text = None if shift else referred.date_text  # (its words name the other day)


def _one_sided(ev: EventMention, rules: TypeRules) -> bool:
    """Talks or a summit that, all reports together, name fewer than two states ("Zelensky said the talks focused on
    security guarantees"): who talked to whom is not said -- unless an organisation's official is the other side
    ("Grossi is due to meet Pezeshkian") or it is the summit of an organisation ("the NATO summit in Ankara")."""
    if rules.is_attack(ev.etype) or len(ev.countries) >= 2:
        return False
    if any(p.kind == "person" and p.country is None for p in ev.parties):
        return False
    return not (rules.can_stand_alone(rules.resolved_type(ev)) and any(p.kind == "organization" for p in ev.parties))


def _anchor_references(mentions: list[EventMention]) -> list[EventMention]:
    """The time references with a distance in days ("a day after a missile strike on Kharkiv"), each given the report
    it dates: another report of its sentence, else the latest before it."""
    references = [m for m in mentions if m.days_before is not None]
    for ref in references:
        others = [m for m in mentions if m.days_before is None and m.sentence[0] <= ref.sentence[0]]
        same = [m for m in others if m.sentence == ref.sentence]
        ref.anchor = same[0] if same else (others[-1] if others else None)
    return references


def _date_from_anchor(m: EventMention, anchor: EventMention) -> None:
    """Date a time reference from the day of the report it dates, when that is known to the day."""
    if anchor.date is not None and anchor.precision == "day" and m.days_before is not None:
        m.date, m.precision = anchor.date - timedelta(days=m.days_before), "day"


def _date_news_of_the_day(events: list[EventMention], rules: TypeRules, published: date) -> None:
    """An event that took place and is dated nowhere in the article is the day's news: an air attack ("Russia
    launched 598 drones overnight"), or what the lead reports ("Trump l-a primit la Casa Albă pe Zelenski")."""
    # the dated attacks that took place, in text order: what an undated attack told after one belongs to
    wave = sorted((o.sentence[0], o.date) for o in events if rules.is_attack(o.etype) and o.date is not None
                  and o.precision == "day" and o.status == "occurred")
    wave_starts = [start for start, _ in wave]
    for ev in events:
        if ev.date is None and ev.status == "occurred" and not ev.background \
                and (rules.is_attack(ev.etype) or ev.sentence[0] < LEAD_CHARS):
            # an attack told after a dated one ("Missiles hit Ternopil early on Wednesday ... In a separate strike,
            # drones hit the Lviv region") is of the same wave: its day
            before = bisect_left(wave_starts, ev.sentence[0]) if rules.is_attack(ev.etype) else 0
            ev.date, ev.precision = (wave[before - 1][1] if before else published), "day"


def _vague(m: EventMention) -> bool:
    """Does the report name a side only as a group ("Trump and European leaders met")?"""
    return any(p.kind == "group" for p in m.parties)


class _Events:
    """The article's events in order, and by day: a mention dated to the day is compared only with the events of that
    day and those without one (two reports of different days are never one event), so an article with thousands of
    events costs time in proportion to its mentions, not to their square."""

    def __init__(self) -> None:
        self.all: list[EventMention] = []
        self._position: dict[int, int] = {}
        self._by_day: dict[date, list[EventMention]] = {}
        self._undated: list[EventMention] = []
        self._filed: set[tuple[date | None, int]] = set()

    def add(self, ev: EventMention) -> None:
        """A new event, after the others."""
        self._position[id(ev)] = len(self.all)
        self.all.append(ev)
        self.file(ev)

    def file(self, ev: EventMention) -> None:
        """File an event under its day, or with those without one (again after it took a mention's date)."""
        day = ev.date if ev.precision == "day" else None
        if (day, id(ev)) not in self._filed:
            self._filed.add((day, id(ev)))
            (self._undated if day is None else self._by_day.setdefault(day, [])).append(ev)

    def candidates(self, m: EventMention) -> list[EventMention]:
        """The events m could report, in the order they were told."""
        if m.date is None or m.precision != "day":
            return self.all
        found = {id(ev): ev for ev in self._by_day.get(m.date, []) + self._undated}
        return sorted(found.values(), key=lambda ev: self._position[id(ev)])


def _other_side(ev: EventMention, events: list[EventMention], rules: TypeRules) -> Entity | None:
    """The attacker of an attack on the side that attacks everywhere else in the article: the side it attacks
    ("Russian missiles hit Kyiv ... Drones struck an oil terminal in Novorossiysk": Ukraine's)."""
    sides = {(o.attacker.country, o.target_country) for o in events
             if o is not ev and rules.is_attack(o.etype) and o.attacker and o.attacker.country and o.target_country}
    if len(sides) != 1:
        return None
    attacker, target = next(iter(sides))
    if ev.target_country != attacker or target == attacker:
        return None
    return Entity(rules.country_names.get(target, target), "country", target)


def _nearest(events: list[EventMention], m: EventMention, rules: TypeRules) -> EventMention | None:
    """The event m may report: of those it fits, the nearest one told before it, else the first one after."""
    fits = [ev for ev in events if _same(ev, m, rules)]
    before = [ev for ev in fits if ev.sentence[0] <= m.sentence[0]]
    if before:
        return max(before, key=lambda ev: ev.sentence[0])
    return fits[0] if fits else None


def _parties_of(m: EventMention, rules: TypeRules) -> list[Entity]:
    """Who took part in a mention's event, the two sides of an air attack included ("Russia struck Kyiv ... talks
    between the two sides")."""
    sides = [m.attacker] if m.attacker is not None and m.attacker.country else []
    if m.target_country and m.target_country not in {s.country for s in sides}:
        sides.append(Entity(rules.country_names.get(m.target_country, m.target_country), "country", m.target_country))
    return m.parties + [s for s in sides if s.country not in {p.country for p in m.parties}]


def _resolved(mentions: list[EventMention], earlier: list[EventMention], rules: TypeRules) -> Iterator[EventMention]:
    """The mentions with "the two sides", "both leaders", "cei doi președinți" replaced by the parties they stand for
    (earlier: filled by the caller as it goes); held with each of them separately, one mention per party."""
    for m in mentions:
        if m.anaphoric and len(m.countries) < 2 and len({e.country for e in m.salient}) >= 2:
            # the states the previous sentence named as its subject ("Armenia and Azerbaijan agreed ... The two
            # leaders had met"), before an event told earlier in the article
            # a state the clause names only as a country ("the Kremlin said") still has its leader among them
            salient = [e for e in m.salient if e.country not in m.countries
                       or (e.kind == "person" and not any(p.kind == "person" and p.country == e.country
                                                          for p in m.parties))]
            m.parties = (_as_leaders(salient, rules) if m.people == "leaders" else salient) + m.parties
            m.changed()
            yield m
            continue
        if not (m.anaphoric and len(m.countries) < 2 and earlier):
            yield m
            continue
        antecedent = _antecedent(earlier, m, rules)
        names = {p.name for p in m.parties}
        others = [p for p in _parties_of(antecedent, rules) if p.name not in names]
        if m.people == "leaders":
            others = _as_leaders(others, rules)  # "the two leaders" of "Armenia and Azerbaijan": their leaders
        by_country: dict[str, list[Entity]] = {}
        for p in others:
            if p.country and p.country not in m.countries:
                by_country.setdefault(p.country, []).append(p)
        if m.separate and m.parties and len(by_country) >= 2:
            # "emirul a avut discuții separate cu fiecare dintre cei doi președinți": the emir with each
            for group in by_country.values():
                yield m.with_parties(m.parties + group)
            continue
        m.parties = others + m.parties
        m.changed()
        yield m


def _as_leaders(parties: list[Entity], rules: TypeRules) -> list[Entity]:
    """The parties with each state that has no leader among them standing for its leader ("the two leaders" of a
    report that named only their countries)."""
    led = {p.country for p in parties if p.kind == "person" and set(p.roles) & rules.leader_roles}
    return [Entity(f"{p.name} (leader)", "person", p.country, ("head_of_state",))
            if p.kind == "country" and p.country not in led else p for p in parties]


def _antecedent(earlier: list[EventMention], m: EventMention, rules: TypeRules) -> EventMention:
    """What "the two sides", "both leaders", "cele două părți" stand for: the latest mention with exactly two
    countries among its parties ("the three countries": three), else the latest -- of talks or a summit for persons ("the two leaders");
    the two sides of an attack may hold talks. "Their last meeting" counts no one: the latest meeting's parties."""
    same = [e for e in earlier if not rules.is_attack(e.etype)] if m.people or m.possessive else []
    same = same or earlier
    if m.possessive:
        return same[-1]
    return next((e for e in reversed(same) if len(e.countries) == m.number), same[-1])


def _same(ev: EventMention, m: EventMention, rules: TypeRules) -> bool:
    """Could mention m be another report of event ev?"""
    if rules.is_attack(ev.etype) and rules.is_attack(m.etype):
        # attacks by their sides: "Russia launched 598 drones" and "Kyiv was hit" may be one wave
        if not _same_sides(ev, m):
            return False
    else:
        a, b = ev.countries, m.countries
        if a and b and not (b <= a or (a <= b and len(a) < 2)) and not (_vague(m) and m.etype == ev.etype) \
                and not (m.attendance and not a & b):
            # a report may add detail to an event, not new parties to a two-party one -- but "European leaders"
            # may be the ones another report names, and "the summit was attended by X and Y" names its guests (a
            # meeting of its parties and others is another meeting)
            return False
        if not a and not b and {p.name for p in ev.parties} != {p.name for p in m.parties}:
            return False
        if (m.bilateral and len(b) == 2 and len(a) > 2) or (ev.bilateral and len(a) == 2 and len(b) > 2):
            return False  # "Yoon and Kishida also held a bilateral meeting": not the three-way summit it was held at
    if ev.status != m.status and ev.marked and m.marked:
        return False
    if ev.status != m.status and (ev.marked != m.marked):
        unmarked = m if ev.marked else ev
        if unmarked.place is not None or unmarked.precision == "day":
            return False  # a dated, placed report is its own event, not a mention of a planned one
    if m.new_instance and ev.status != m.status:
        return False
    if ev.place and m.place and not _same_place(ev.place, m.place):
        return False
    if (m.remote and not ev.remote and ev.place is not None) or (ev.remote and not m.remote and m.place is not None):
        return False  # a call is not the meeting held somewhere ("briefed Zelensky in a call" / "to meet him in Munich")
    if ev.date and m.date and _apart(_days(ev.date, ev.precision), _days(m.date, m.precision),
                                     ev.precision == m.precision == "day"):
        return False  # "a conversation in June" is not the call "on Friday" in September
    if m.people and not m.remote and rules.decided_type(ev) == rules.as_summit and m.etype == rules.otherwise:
        return True  # "the two leaders discussed trade" after their summit: what was said there, not another event
    if _talks_at_summit(ev, m, rules) or _talks_at_summit(m, ev, rules):
        return True  # "after Saturday's talks", the leaders having met on Saturday: the talks of their summit
    if m.definite and not m.parties and m.etype == rules.otherwise and rules.decided_type(ev) == rules.as_summit:
        return True  # "The talks took place in Mombasa" after the two presidents met: their summit's talks
    return rules.compatible(rules.decided_type(ev), rules.decided_type(m))


def _talks_at_summit(summit: EventMention, talks: EventMention, rules: TypeRules) -> bool:
    """Are these talks, in person on the summit's day between its parties, what was said at the summit?"""
    return (rules.decided_type(summit) == rules.as_summit and talks.etype == rules.otherwise and not talks.remote
            and talks.countries == summit.countries and talks.date is not None and talks.date == summit.date
            and talks.precision == summit.precision == "day")


def _days(d: date, precision: str | None) -> tuple[date, date]:
    """The first and last day a date at its precision may stand for (a week from its Monday, a month from its 1st)."""
    if precision == "week":
        return d, d + timedelta(days=6)
    if precision == "month":
        following = date(d.year + d.month // 12, d.month % 12 + 1, 1)
        return d, following - timedelta(days=1)
    if precision == "year":
        return d, date(d.year, 12, 31)
    return d, d


def _apart(a: tuple[date, date], b: tuple[date, date], days: bool) -> bool:
    """Are two dates different occasions: two days, or spans (a week, a month) more than a week apart?"""
    # a coarse date is often resolved a little off ("last week" read from a weekday, "early next month"): only a
    # clear gap keeps two reports apart
    gap = max(a[0] - b[1], b[0] - a[1]).days
    return gap > 0 if days else gap > 7


def _same_place(a: Place, b: Place) -> bool:
    """Could two places be the one place of an event? The same, a country and a place in it, or a city and the region
    named after it ("Kyiv" and "Kyiv region")."""
    if a.name == b.name:
        return True
    if a.kind == "country" and b.kind == "country":
        return a.country == b.country  # "a visit to China" is not "a visit to the United States"
    if a.kind == "country" or b.kind == "country":
        return True  # a country and a place in it (or a country named for what was discussed there)
    city, region = (a, b) if b.kind == "region" else (b, a)
    return region.kind == "region" and city.kind != "region" and city.country == region.country \
        and region.name.startswith(city.name + " ")


def _rank(place: Place) -> int:
    """How precise a place is: a country 0, a region 1, a city or a site 2."""
    return {"country": 0, "region": 1}.get(place.kind, 2)


def _same_sides(ev: EventMention, m: EventMention) -> bool:
    """Could two air attack reports be one attack? The side hit, and the attacker where both name one, agree."""
    attackers = (_attacker_of(ev), _attacker_of(m))
    targets = (ev.target_country, m.target_country)
    if None not in targets and targets[0] != targets[1]:
        return False
    if None not in attackers and attackers[0] != attackers[1]:
        return False
    # the side one report says was hit fired at someone else in the other: Iran firing at Israel is not the strike
    # that hit Iran (an attacker read without a target may be a misreading, and joins)
    for target, other_attacker, other_target in ((targets[0], attackers[1], targets[1]),
                                                 (targets[1], attackers[0], targets[0])):
        if target and target == other_attacker and other_target is not None and other_target != target:
            return False
    return True


def _attacker_of(m: EventMention) -> str | None:
    """The attacking country of an attack report, when it also says what was hit (else it may be a misreading:
    "Ukraine's air defences repelled a raid" names the defender)."""
    if m.attacker is None or (m.target_country is None and m.place is None):
        return None
    return m.attacker.country


def richness(m: EventMention) -> tuple[int, int, int, int]:
    """How much a mention says: the richest one's sentence is the event's evidence."""
    return (len(m.countries), PRECISION_RANK[m.precision], int(m.place is not None), int(not m.weak))


def _absorb(ev: EventMention, m: EventMention, rules: TypeRules) -> None:
    """Fold mention m into event ev: keep the most precise date and place, the best evidence sentence."""
    if ev.etype == "meeting" and m.etype != "meeting":
        # a meeting of two leaders stays a summit when what they discussed joins it
        ev.etype = rules.as_summit if rules.decided_type(ev) == rules.as_summit else m.etype
    elif ev.etype == rules.otherwise and rules.decided_type(m) == rules.as_summit:
        ev.etype = rules.as_summit  # the talks told first were those of the summit told after
    if not ev.marked and m.marked:
        ev.status, ev.marked = m.status, True
    ev.remote = ev.remote or m.remote
    names = {p.name for p in ev.parties}
    ev.parties.extend(p for p in m.parties if p.name not in names)
    ev.attacker = ev.attacker or m.attacker
    ev.target_country = ev.target_country or m.target_country
    ev.changed()
    richer = richness(m) > richness(ev)
    if PRECISION_RANK[m.precision] > PRECISION_RANK[ev.precision]:
        ev.date, ev.precision, ev.date_text = m.date, m.precision, m.date_text
    if m.place and (ev.place is None or _rank(m.place) > _rank(ev.place)):
        ev.place = m.place  # the most precise: a city over its region, a region over its country
    ev.speakers.extend(s for s in m.speakers if s not in ev.speakers)
    ev.background = ev.background and m.background  # told in its own right once is enough
    if richer:
        ev.sentence, ev.trigger, ev.weak = m.sentence, m.trigger, m.weak and ev.weak
    ev.mentions += 1
