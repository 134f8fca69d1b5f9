"""Reports of one occurrence across articles grouped into events: deterministic, explainable, incremental.

Every report (one article's account of an event: a row of the events table) is compared with the reports that
could describe the same occurrence: same type family, a country in common, dates that can overlap. A pair
*conflicts* when its dates, places, parties or statuses rule out one occurrence (or both come from one article,
which reports each event once); otherwise it scores the evidence the two share (`data/grouping.yaml`). Pairs that
score at least `min_score` are links. Links are merged strongest first, and two groups are merged only when no
pair across them conflicts, so a vague report never chains two events together.

The result on a set of reports is the union of the results on the connected components of its link graph, and
the merges are a fixed sequence of attempts, so an ingest replays only the attempts its new reports can alter
(events/regroup.py), with the same events as grouping all reports from scratch.
"""

from __future__ import annotations

import datetime
import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from events.lexicon import load_data
from events.text import fold

RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "grouping.yaml"
STATUS_ORDER = ("planned", "cancelled", "occurred")
_PRECISION_RANK = {"day": 4, "week": 3, "month": 2, "year": 1}


class GroupingRulesError(ValueError):
    """data/grouping.yaml is malformed."""


@dataclass(frozen=True)
class Rules:
    """The thresholds and weights of data/grouping.yaml."""

    family_of: dict[str, str]
    min_score: float
    scores: dict[str, float]
    occurred_days: dict[str, int]
    planned_shift_days: int
    undated_past_days: dict[str, int]
    undated_future_days: int
    same_place_km: float
    compatible_km: float


@cache
def load_rules(path: Path = RULES_FILE) -> Rules:
    """The grouping rules, checked: a missing or mistyped key names the file and the key."""
    data = load_data(path)
    try:
        family_of = {t: fam for fam, types in data["families"].items() for t in types}
        scores = {k: float(v) for k, v in data["scores"].items()}
        dates, places = data["dates"], data["places"]
        rules = Rules(
            family_of=family_of,
            min_score=float(data["min_score"]),
            scores=scores,
            occurred_days={k: int(v) for k, v in dates["occurred_days"].items()},
            planned_shift_days=int(dates["planned_shift_days"]),
            undated_past_days={k: int(v) for k, v in dates["undated_past_days"].items()},
            undated_future_days=int(dates["undated_future_days"]),
            same_place_km=float(places["same_place_km"]),
            compatible_km=float(places["compatible_km"]),
        )
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise GroupingRulesError(f"{path.name}: missing or malformed key {exc}") from exc
    expected = {"same_day", "adjacent_days", "overlapping_dates", "same_place", "same_parties", "nested_parties",
                "same_type", "several_parties"}
    if set(scores) != expected:
        raise GroupingRulesError(f"{path.name}: 'scores' must have exactly {sorted(expected)}")
    _check_index(rules, path)
    return rules


@dataclass(frozen=True)
class Report:
    """What grouping needs of one report (a row of the events table)."""

    report_id: str
    article_id: str
    outlet: str  # the source, or the article when the source is unknown: corroboration counts outlets
    published: date | None
    event_type: str
    status: str
    date: date | None
    precision: str | None
    countries: frozenset[str]
    attackers: frozenset[str]
    targets: frozenset[str]
    place: str | None  # folded name
    place_wide: bool  # a region or a country: it holds many places
    place_country: str | None
    lat: float | None
    lon: float | None
    confidence: float
    span: tuple[datetime.date, datetime.date] | None  # the days its date can mean (`span_of`)
    days: tuple[int, int] | None  # the span as day ordinals: pairs compare them without date arithmetic
    point: tuple[float, float, float] | None  # latitude and longitude in radians, and the latitude's cosine


def span_of(d: date | None, precision: str | None) -> tuple[date, date] | None:
    """The days a date can mean at its precision: one day, its week (Monday to Sunday), month or year."""
    if d is None:
        return None
    if precision == "week":
        monday = d - timedelta(days=d.weekday())
        return monday, monday + timedelta(days=6)
    if precision == "month":
        nxt = date(d.year + d.month // 12, d.month % 12 + 1, 1)
        return d.replace(day=1), nxt - timedelta(days=1)
    if precision == "year":
        return date(d.year, 1, 1), date(d.year, 12, 31)
    return d, d


def _day(value: Any) -> date | None:
    """A date from a date, a timestamp, an ISO string or a missing value."""
    if value is None or value == "":
        return None
    try:
        if value != value:  # NaN / NaT (pandas' NaT is a datetime too)
            return None
    except (TypeError, ValueError):
        return None
    if isinstance(value, date):
        return value if type(value) is date else date(value.year, value.month, value.day)
    if hasattr(value, "date"):
        return value.date()
    return date.fromisoformat(str(value)[:10])


def _number(value: Any) -> float | None:
    """A float, or None for a missing value."""
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def _text(value: Any) -> str | None:
    """A non-empty string, or None for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


@cache
def _is_wide(place: str | None) -> bool:
    """Is the place a region or a country (by the gazetteer), rather than a city or a venue?"""
    if not place:
        return False
    from events import gazetteer

    found = gazetteer.place_named(place)
    return found is not None and found.kind in ("region", "country")


def report_of(row: Mapping[str, Any]) -> Report:
    """A report from an events-table row (a dict of event_row, or a row of Store.events_frame)."""
    actors = row.get("actors")
    actors = list(actors) if actors is not None else []
    countries = row.get("countries")
    return new_report(
        report_id=str(row["report_id"]),
        article_id=str(row["article_id"]),
        source=_text(row.get("source")),
        published=_day(row.get("published")),
        event_type=str(row["event_type"]),
        status=str(row["status"]),
        day=_day(row.get("date")),
        precision=_text(row.get("date_precision")),
        countries=countries if countries is not None else (),
        attackers=frozenset(a["country"] for a in actors if a.get("role") == "initiator" and a.get("country")),
        targets=frozenset(a["country"] for a in actors if a.get("role") == "target" and a.get("country")),
        place=_text(row.get("location_name")),
        place_country=_text(row.get("location_country")),
        lat=_number(row.get("lat")),
        lon=_number(row.get("lon")),
        confidence=_number(row.get("confidence")),
    )


def new_report(*, report_id: str, article_id: str, source: str | None, published: date | None, event_type: str,
               status: str, day: date | None, precision: str | None, countries: Iterable[str],
               attackers: frozenset[str], targets: frozenset[str], place: str | None, place_country: str | None,
               lat: float | None, lon: float | None, confidence: float | None) -> Report:
    """A report from facts already typed (missing ones None; `report_of` types a row's): what grouping derives
    from them (the folded place, the span of days, the point) is derived here."""
    span = span_of(day, precision)
    return Report(
        report_id=report_id,
        article_id=article_id,
        outlet=source or article_id,
        published=published,
        event_type=event_type,
        status=status,
        date=day,
        precision=precision,
        countries=frozenset(countries),
        attackers=attackers,
        targets=targets,
        place=fold(place) if place else None,
        place_wide=_is_wide(place),
        place_country=place_country,
        lat=lat,
        lon=lon,
        confidence=confidence or 0.0,
        span=span,
        days=None if span is None else (span[0].toordinal(), span[1].toordinal()),
        point=None if lat is None or lon is None else (math.radians(lat), math.radians(lon), math.cos(math.radians(lat))),
    )


@dataclass(frozen=True)
class Link:
    """Why two reports are (or cannot be) one event: the evidence they share, or the conflict between them."""

    a: str
    b: str
    score: float
    reasons: tuple[str, ...]
    conflict: str | None = None

    def explain(self) -> str:
        """'same day, same place, same parties (score 8)' or 'conflict: places 410 km apart'."""
        if self.conflict:
            return f"conflict: {self.conflict}"
        return f"{', '.join(self.reasons)} (score {self.score:g})"


def strongest_first(link: Link) -> tuple[float, str, str]:
    """The order in which links are merged: strongest first, ties by ids."""
    return -link.score, link.a, link.b


def _km(a: Report, b: Report) -> float | None:
    """Great-circle distance between two geocoded reports."""
    pa, pb = a.point, b.point
    if pa is None or pb is None:
        return None
    h = math.sin((pb[0] - pa[0]) / 2) ** 2 + pa[2] * pb[2] * math.sin((pb[1] - pa[1]) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def window_of(r: Report, rules: Rules) -> tuple[date, date] | None:
    """The days an event of this report can fall on: its date's span, widened for a planned one (it can move),
    or for an undated one a window before (occurred) or after (planned) its publication."""
    span = r.span
    family = rules.family_of.get(r.event_type, r.event_type)
    if span is not None:
        if r.status == "occurred":
            slack = timedelta(days=rules.occurred_days.get(family, 0) if r.precision == "day" else 0)
            return span[0] - slack, span[1] + slack
        shift = timedelta(days=rules.planned_shift_days)
        return span[0] - shift, span[1] + shift
    if r.published is None:
        return None
    past = timedelta(days=rules.undated_past_days.get(family, rules.undated_future_days))
    future = timedelta(days=rules.undated_future_days)
    if r.status == "occurred":
        return r.published - past, r.published
    if r.status == "planned":
        return r.published - timedelta(days=rules.planned_shift_days), r.published + future
    return r.published - past, r.published + future


def _date_evidence(a: Report, b: Report, family: str, rules: Rules) -> tuple[float, str | None, str | None]:
    """(score, reason, conflict) of the two reports' dates."""
    sa, sb = a.days, b.days
    if sa is not None and sb is not None:
        gap = max(sb[0] - sa[1], sa[0] - sb[1], 0)
        if a.precision == b.precision == "day":
            if gap == 0:
                return rules.scores["same_day"], "same day", None
            planned = "planned" in (a.status, b.status) or "cancelled" in (a.status, b.status)
            allowed = rules.planned_shift_days if planned else rules.occurred_days.get(family, 0)
            if gap <= allowed:
                if planned:
                    return 0.0, f"dates {gap} d apart (a planned date moved)", None
                return rules.scores["adjacent_days"], f"dates {gap} d apart", None
            return 0.0, None, f"dates {gap} days apart"
        if gap == 0:
            return rules.scores["overlapping_dates"], "overlapping dates", None
        planned = a.status != "occurred" or b.status != "occurred"
        if planned and gap <= rules.planned_shift_days:
            return 0.0, None, None
        return 0.0, None, f"dates {gap} days apart"
    wa, wb = window_of(a, rules), window_of(b, rules)
    if wa is not None and wb is not None and (wa[1] < wb[0] or wb[1] < wa[0]):
        return 0.0, None, "an undated report published too far from the other's date"
    return 0.0, None, None


def _place_evidence(a: Report, b: Report, family: str, rules: Rules) -> tuple[float, str | None, str | None]:
    """(score, reason, conflict) of the two reports' places."""
    if a.place is None or b.place is None:
        return 0.0, None, None
    if a.place == b.place:
        return rules.scores["same_place"], "same place", None
    plans = a.status != "occurred" or b.status != "occurred"
    if a.place_country and b.place_country and a.place_country != b.place_country:
        return 0.0, None, None if plans else f"places in {a.place_country} and {b.place_country}"
    if a.place_wide or b.place_wide:
        return 0.0, "a place within the other", None
    km = _km(a, b)
    if km is None:
        return 0.0, None, None
    if km <= rules.same_place_km:
        return rules.scores["same_place"], f"places {km:.0f} km apart", None
    if km <= rules.compatible_km or plans:
        return 0.0, f"places {km:.0f} km apart", None
    return 0.0, None, f"places {km:.0f} km apart"


def _party_evidence(a: Report, b: Report, family: str, rules: Rules) -> tuple[float, str | None, str | None]:
    """(score, reason, conflict) of the two reports' parties; attacker and target must agree."""
    if family == "air_attack":
        if a.attackers and b.attackers and not a.attackers & b.attackers:
            return 0.0, None, "different attackers"
        if a.targets and b.targets and not a.targets & b.targets:
            return 0.0, None, "different targets"
    ca, cb = a.countries, b.countries
    if ca == cb and len(ca) >= 2:
        bonus = rules.scores["several_parties"] if len(ca) >= 3 else 0.0
        return rules.scores["same_parties"] + bonus, "same parties", None
    shared = ca & cb  # (most pairs the index proposes have the same parties: no set is made for them)
    if len(shared) >= 2 and (ca <= cb or cb <= ca):
        return rules.scores["nested_parties"], "parties within the other's", None
    if len(ca) >= 2 and len(cb) >= 2 and len(shared) < 2:
        return 0.0, None, "different parties"
    if not shared and ca and cb:
        return 0.0, None, "no party in common"
    return 0.0, None, None


def _conflict(a: Report, b: Report, family: str, rules: Rules) -> str | None:
    """Why the two reports cannot be one event, checked cheapest first; None when they can be."""
    if family != rules.family_of.get(b.event_type, b.event_type):
        return "different kinds of event"
    if a.article_id == b.article_id:
        return "one article reports each event once"
    if a.status != b.status and {a.status, b.status} == {"occurred", "cancelled"}:
        return "held and cancelled"
    return None


def compare(a: Report, b: Report, rules: Rules | None = None) -> Link:
    """The evidence two reports share, or why they cannot be one event."""
    rules = rules or load_rules()
    x, y = (a, b) if a.report_id <= b.report_id else (b, a)
    score, reasons, why = _evidence(a, b, rules)
    return Link(x.report_id, y.report_id, score, reasons, why)


def link_between(a: Report, b: Report, rules: Rules) -> Link | None:
    """The link of two reports whose shared evidence reaches min_score, else None (most pairs compared: no Link
    is made for them)."""
    score, reasons, why = _evidence(a, b, rules)
    if why is not None or score < rules.min_score:
        return None
    x, y = (a, b) if a.report_id <= b.report_id else (b, a)
    return Link(x.report_id, y.report_id, score, reasons)


def conflicting(a: Report, b: Report, rules: Rules) -> bool:
    """Can the two reports not be one event?"""
    return _evidence(a, b, rules)[2] is not None


def _evidence(a: Report, b: Report, rules: Rules) -> tuple[float, tuple[str, ...], str | None]:
    """(score, reasons, conflict) of two reports: the evidence they share, or why they cannot be one event."""
    family = rules.family_of.get(a.event_type, a.event_type)
    why = _conflict(a, b, family, rules)
    if why is not None:
        return 0.0, (), why
    score, reasons = 0.0, []
    # one after the other: a conflict spares the rest (most pairs the index proposes conflict)
    for evidence in (_date_evidence, _place_evidence, _party_evidence):
        points, reason, why = evidence(a, b, family, rules)
        if why:
            return 0.0, (), why
        score += points
        if reason:
            reasons.append(reason)
    if a.event_type == b.event_type:
        score += rules.scores["same_type"]
    else:
        x, y = (a, b) if a.report_id <= b.report_id else (b, a)
        reasons.append(f"{x.event_type} / {y.event_type}")
    return score, tuple(reasons), None


# how a report sits under an index key: stored there (found by those that look), looking there, or both
STORED, LOOKS, BOTH = "stored", "looks", "both"
Key = tuple[str, str, tuple[int, int]]  # an index key, how a report sits there, and its days (as ordinals)
KEY_SEPARATOR = "\x1f"  # between the parts of an index key, in one string: it hashes once, and is stored as is


def _ordinals(days: tuple[date, date]) -> tuple[int, int]:
    """A window of days as day ordinals: the index compares them as integers."""
    return days[0].toordinal(), days[1].toordinal()


def _keys(r: Report, family: str, rules: Rules) -> list[Key]:
    """The index keys under which a report meets every report it could link to, each with the days it can meet
    them on (see `_check_index`); none for a report that has no window of days.

    A pair is proposed when one report looks under a key where the other is stored and their days overlap.
    Reports of two or more countries that share fewer than two conflict (different parties), so they meet each
    other under keys of their pairs of countries, and under a bare country or place only reports of fewer
    countries look for them.
    """
    window = window_of(r, rules)
    if window is None:
        return []
    days = _ordinals(window)
    countries = sorted(r.countries)
    keys = [(KEY_SEPARATOR.join(key), how, days) for key, how in _place_and_day_keys(r, family, countries, rules)]
    # the same three or more parties link on any compatible days; the same two link without a place only when
    # their dates score (they overlap, or occurred days lie within occurred_days), so they meet on their spans
    # and not on the days a plan could move to
    parties = KEY_SEPARATOR.join(("parties", family, *countries))
    if len(countries) >= 3:
        keys.append((parties, BOTH, days))
    elif len(countries) == 2 and r.days is not None:
        keys.append((parties, BOTH, days if r.status == "occurred" else r.days))
    return keys


def _place_and_day_keys(r: Report, family: str, countries: list[str], rules: Rules) -> list[tuple[tuple[str, ...], str]]:
    """The keys of a report's day and place (with its pairs of countries), and how it sits under each."""
    keys: list[tuple[tuple[str, ...], str]] = []
    pairs = [(a, b) for i, a in enumerate(countries) for b in countries[i + 1:]]
    few = len(countries) < 2  # a report of one country (or none) can share one with anybody
    bare = BOTH if few else STORED
    day = r.date.isoformat() if r.date is not None and r.precision == "day" else None
    if day:
        keys += [(("day", family, c, day), bare) for c in countries or [""]]
        keys += [(("day", family, *pair, day), BOTH) for pair in pairs]
    if r.place is None:
        return keys
    if r.date is not None:
        keys.append((("place", family, r.place), bare))
    keys += [(("place and parties", family, r.place, *pair), BOTH) for pair in pairs]
    if r.lat is None or r.lon is None or r.place_wide:
        return keys
    # cells of a quarter degree: a place within same_place_km (<= 25 km, less than a quarter degree of latitude)
    # lies in a neighbouring row, and in as many columns as that distance spans at this latitude. A report is
    # stored in its own cell and looks into the neighbours.
    x, y = cell_of(r.lat, r.lon)
    reach = columns_reached(r.lat, rules)
    cells = [(x + dx, y + dy) for dx in (-1, 0, 1) for dy in range(-reach, reach + 1)]
    if r.date is not None:
        keys += [(("cell", family, str(cx), str(cy)), bare if (cx, cy) == (x, y) else LOOKS)
                 for cx, cy in cells if few or (cx, cy) == (x, y)]
    # undated reports need the place and two shared parties (or three-plus parties): see _check_index. Both
    # reports of such a pair look, so it is enough that one looks the other's way: each looks into the
    # neighbours that come after its cell (the rest of its row, the next row)
    keys += [(("cell and parties", family, str(cx), str(cy), *pair), BOTH if (cx, cy) == (x, y) else LOOKS)
             for cx, cy in cells if (cx, cy) >= (x, y) for pair in pairs]
    return keys


def cell_of(lat: float, lon: float) -> tuple[int, int]:
    """The quarter-degree cell of a point."""
    return round(lat * 4), round(lon * 4)


def columns_reached(lat: float, rules: Rules) -> int:
    """How many columns of cells same_place_km spans at this latitude (a quarter degree of longitude narrows
    towards the poles)."""
    km_per_column = 111.32 * 0.25 * math.cos(math.radians(min(abs(lat) + 0.25, 89.0)))
    return math.ceil(rules.same_place_km / km_per_column)


def index_keys(r: Report, rules: Rules) -> list[Key]:
    """Every index key of a report: where it is stored and where it looks (`_keys`)."""
    return _keys(r, rules.family_of.get(r.event_type, r.event_type), rules)


def stored_keys(r: Report, rules: Rules) -> list[Key]:
    """The keys a store keeps for a report: those where others find it (a report that only looks under a key is
    found by the other's `lookup_keys`)."""
    return [key for key in index_keys(r, rules) if key[1] != LOOKS]


def lookup_keys(r: Report, rules: Rules) -> list[tuple[str, tuple[str, ...], tuple[int, int]]]:
    """The keys under which a new report finds, among the `stored_keys` of stored reports, every report it could
    be proposed with (`candidate_pairs`), each with the ways the other must be stored there and the days.

    Where it looks, the others must be stored there; where it is stored, they must look, and as looking is not
    stored, it finds them where they are stored: those that look at its cell from a neighbouring one are stored
    in their own cell, so it searches its neighbours, as far as a report of the next rows can reach.
    """
    family = rules.family_of.get(r.event_type, r.event_type)
    found: list[tuple[str, tuple[str, ...], tuple[int, int]]] = []
    for key, how, days in _keys(r, family, rules):
        found.append((key, (BOTH,) if how == STORED else (STORED, BOTH), days))
    window = window_of(r, rules)
    if window is None or r.place is None or r.lat is None or r.lon is None or r.place_wide:
        return found
    days = _ordinals(window)
    x, y = cell_of(r.lat, r.lon)
    reach = columns_reached(abs(r.lat) + 0.5, rules)  # the rows next to its own lie up to half a degree nearer the pole
    countries = sorted(r.countries)
    pairs = [(a, b) for i, a in enumerate(countries) for b in countries[i + 1:]]
    for cx, cy in ((x + dx, y + dy) for dx in (-1, 0, 1) for dy in range(-reach, reach + 1)):
        if (cx, cy) == (x, y):
            continue
        if r.date is not None:
            found.append((KEY_SEPARATOR.join(("cell", family, str(cx), str(cy))), (BOTH,), days))
        if (cx, cy) < (x, y):
            found += [(KEY_SEPARATOR.join(("cell and parties", family, str(cx), str(cy), *pair)), (BOTH,), days)
                      for pair in pairs]
    return found


def _check_index(rules: Rules, path: Path) -> None:
    """The index finds every link only if the weights need what its keys share: the same day, the same parties
    or the same place for dated reports; for an undated one, the same place and two parties in common, or the
    same three or more parties. Weights that allow other links are refused."""
    s = rules.scores
    if s["overlapping_dates"] + s["nested_parties"] + s["same_type"] >= rules.min_score:
        raise GroupingRulesError(f"{path.name}: overlapping_dates + nested_parties + same_type must stay below "
                                 "min_score (a link needs the same day, parties or place)")
    if s["adjacent_days"] + s["nested_parties"] + s["same_type"] >= rules.min_score:
        raise GroupingRulesError(f"{path.name}: adjacent_days + nested_parties + same_type must stay below min_score "
                                 "(reports a day apart meet by their parties only when they have the same ones)")
    if s["same_parties"] + s["same_type"] >= rules.min_score:
        raise GroupingRulesError(f"{path.name}: same_parties + same_type must stay below min_score (an undated "
                                 "pair of two parties needs a place)")
    if s["same_place"] + s["same_type"] >= rules.min_score:
        raise GroupingRulesError(f"{path.name}: same_place + same_type must stay below min_score (an undated pair "
                                 "needs two parties in common)")
    if rules.same_place_km > 25:
        raise GroupingRulesError(f"{path.name}: same_place_km must be at most 25 (the index's cells)")


def candidate_pairs(reports: Sequence[Report], rules: Rules | None = None) -> set[tuple[int, int]]:
    """Index pairs (i < j) that could link: one looks under a key where the other is stored, and their windows
    of days overlap."""
    from events import link_columns  # (it builds on this module's rules)

    first, second = link_columns.candidate_pairs(reports, rules or load_rules())
    return set(zip(first.tolist(), second.tolist(), strict=True))


def links_among(reports: Sequence[Report], pairs: Iterable[tuple[int, int]], rules: Rules) -> list[Link]:
    """Of these pairs of reports, those whose shared evidence reaches min_score, as links, strongest first (one
    pair at a time: for a few pairs, or a share of them on another machine)."""
    found = []
    for i, j in pairs:
        link = link_between(reports[i], reports[j], rules)
        if link is not None:
            found.append(link)
    found.sort(key=strongest_first)
    return found


def links(reports: Sequence[Report], rules: Rules | None = None) -> list[Link]:
    """Every pair of reports whose shared evidence reaches min_score, strongest first (ties by ids), found on
    columns of all the reports at once (events/link_columns.py)."""
    from events import link_columns

    return link_columns.links(reports, rules or load_rules())


def connected_parts(reports: Sequence[Report], rules: Rules | None = None,
                    found: Sequence[Link] | None = None) -> list[list[Report]]:
    """The reports split into the connected parts of their link graph: each part groups alone, as in the whole
    (`found`: their links, when the caller has them)."""
    parent = {r.report_id: r.report_id for r in reports}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links(reports, rules or load_rules()) if found is None else found:
        ra, rb = root(link.a), root(link.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    parts: dict[str, list[Report]] = defaultdict(list)
    for r in reports:
        parts[root(r.report_id)].append(r)
    return [parts[k] for k in sorted(parts)]


@dataclass(frozen=True)
class EventGroup:
    """One real-world occurrence: the reports that describe it and what they say together."""

    event_id: str
    report_ids: tuple[str, ...]  # sorted by publication, then id
    links: tuple[Link, ...]  # the links that joined its reports, strongest first: why they are one event
    event_type: str
    status: str  # its latest state: occurred as soon as one report says so, else the latest report's
    status_history: tuple[tuple[str, str], ...]  # (status, first reported on YYYY-MM-DD) in order
    planned_dates: tuple[str, ...]  # the dates planned reports gave, "YYYY-MM-DD/precision"
    date: date | None
    date_precision: str | None
    place: str | None  # folded name of the most reported place
    countries: tuple[str, ...]
    n_reports: int
    n_articles: int
    n_sources: int
    first_reported: datetime.date | None  # (the module's `date` is shadowed by the field above)
    last_reported: datetime.date | None
    confidence: float  # 1 - prod(1 - best confidence of each outlet): two outlets corroborate, one twice does not


def event_id_of(report_ids: Iterable[str]) -> str:
    """A group's id: from its smallest report id, so the same reports give the same id on every run."""
    return "E" + hashlib.sha1(min(report_ids).encode()).hexdigest()[:15]


def summarize(members: Sequence[Report], joined: Sequence[Link] = ()) -> EventGroup:
    """The event a group of reports describes (`joined`: the links that joined them)."""
    if len(members) == 1 and not joined:
        return _alone(members[0])
    return _together(members, joined)


def _together(members: Sequence[Report], joined: Sequence[Link]) -> EventGroup:
    """The event of several reports: their votes on its type, status, date and place."""
    members = sorted(members, key=lambda r: (r.published or date.min, r.report_id))
    history: dict[str, str] = {}
    for r in members:
        history.setdefault(r.status, r.published.isoformat() if r.published else "")
    status = "occurred" if "occurred" in history else members[-1].status
    voters = [r for r in members if r.status == status and r.date] or [r for r in members if r.date]
    best_rank = max((_PRECISION_RANK.get(r.precision or "", 0) for r in voters), default=0)
    dated = Counter((r.date, r.precision) for r in voters if _PRECISION_RANK.get(r.precision or "", 0) == best_rank)
    when = min(dated, key=lambda k: (-dated[k], k[0])) if dated else (None, None)
    places = Counter(r.place for r in members if r.place)
    types = Counter(r.event_type for r in members)
    best_of_outlet: dict[str, float] = {}
    for r in members:
        best_of_outlet[r.outlet] = max(best_of_outlet.get(r.outlet, 0.0), r.confidence)
    doubt = math.prod(1.0 - c for c in best_of_outlet.values())
    published = [r.published for r in members if r.published]
    return EventGroup(
        event_id=event_id_of(r.report_id for r in members),
        report_ids=tuple(r.report_id for r in members),
        links=tuple(sorted(joined, key=strongest_first)),
        event_type=min(types, key=lambda t: (-types[t], t)),
        status=status,
        status_history=tuple(history.items()),
        planned_dates=tuple(sorted({f"{r.date.isoformat()}/{r.precision}" for r in members
                                    if r.status == "planned" and r.date})),
        date=when[0],
        date_precision=when[1],
        place=min(places, key=lambda p: (-places[p], p)) if places else None,
        countries=tuple(sorted(set().union(*(r.countries for r in members)))),
        n_reports=len(members),
        n_articles=len({r.article_id for r in members}),
        n_sources=len(best_of_outlet),
        first_reported=min(published) if published else None,
        last_reported=max(published) if published else None,
        confidence=round(1.0 - doubt, 4),
    )


def _alone(r: Report) -> EventGroup:
    """The event of one report, as `summarize` makes it: most events of a store have one report, and the votes
    among reports that make a larger one cost several times more than this."""
    return EventGroup(
        event_id=event_id_of((r.report_id,)),
        report_ids=(r.report_id,),
        links=(),
        event_type=r.event_type,
        status=r.status,
        status_history=((r.status, r.published.isoformat() if r.published else ""),),
        planned_dates=(f"{r.date.isoformat()}/{r.precision}",) if r.status == "planned" and r.date else (),
        date=r.date,
        date_precision=r.precision if r.date else None,
        place=r.place or None,
        countries=tuple(sorted(r.countries)),
        n_reports=1,
        n_articles=1,
        n_sources=1,
        first_reported=r.published,
        last_reported=r.published,
        confidence=round(1.0 - (1.0 - max(0.0, r.confidence)), 4),  # (the votes' formula, to the last bit)
    )


def group(reports: Sequence[Report], rules: Rules | None = None, found: list[Link] | None = None) -> list[EventGroup]:
    """The events the reports describe, every report in exactly one, sorted by event id (`found`: their links,
    when the caller has them already)."""
    rules = rules or load_rules()
    by_id = {r.report_id: r for r in reports}
    if len(by_id) != len(reports):
        raise ValueError("report ids must be unique")
    members: dict[str, list[str]] = {rid: [rid] for rid in sorted(by_id)}
    owner = {rid: rid for rid in by_id}
    joined: dict[str, list[Link]] = defaultdict(list)
    if found is None:
        found = links(reports, rules)
    conflicts = {(lk.a, lk.b): False for lk in found}  # linked reports do not conflict

    def ids_conflict(x: str, y: str) -> bool:
        key = (x, y) if x < y else (y, x)
        if key not in conflicts:
            conflicts[key] = conflicting(by_id[x], by_id[y], rules)
        return conflicts[key]

    apart: set[tuple[str, str]] = set()  # groups that conflict: they still do when either grows

    def merge(link: Link) -> None:
        ga, gb = sorted((owner[link.a], owner[link.b]))
        if ga == gb or (ga, gb) in apart:
            return
        if any(ids_conflict(x, y) for x in members[ga] for y in members[gb]):
            apart.add((ga, gb))
            return
        for rid in members[gb]:
            owner[rid] = ga
        members[ga].extend(members.pop(gb))
        joined[ga].extend(joined.pop(gb, []))
        joined[ga].append(link)

    dated = {r.report_id for r in reports if r.date is not None}
    # dated reports first: they fix when each event happened
    for link in found:
        if link.a in dated and link.b in dated:
            merge(link)
    # an undated report joins the event it fits best, and only when no other event fits it as well: "the talks in
    # Geneva" recalled months later could be any of the rounds held there
    best: dict[str, dict[str, Link]] = defaultdict(dict)
    for link in found:
        for u, v in ((link.a, link.b), (link.b, link.a)):
            if u not in dated and v in dated:
                g = owner[v]
                if g not in best[u] or link.score > best[u][g].score:
                    best[u][g] = link
    for u in sorted(best):
        ranked = sorted(best[u].values(), key=strongest_first)
        if len(ranked) == 1 or ranked[0].score > ranked[1].score:
            merge(ranked[0])
    # undated reports of the same thing (a plan no article dates) group among themselves
    for link in found:
        if link.a not in dated and link.b not in dated:
            merge(link)
    groups = [summarize([by_id[rid] for rid in ids], joined.get(key, [])) for key, ids in members.items()]
    return sorted(groups, key=lambda g: g.event_id)


def set_event_ids(rows: Sequence[dict[str, Any]], rules: Rules | None = None) -> None:
    """Fill each events-table row's `event_id` with the event it belongs to among these rows (in place)."""
    owner = {rid: g.event_id for g in group([report_of(r) for r in rows], rules) for rid in g.report_ids}
    for row in rows:
        row["event_id"] = owner[str(row["report_id"])]
