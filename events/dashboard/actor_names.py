"""Actors as people write them: every name the gazetteer knows -> the actor's name in the events table.

"Zelenski", "ZELENSKYY" and "Зеленський" find Volodymyr Zelensky; "Kremlin" finds Russia and "Casa Albă" the
United States (a seat of power stands for its government, as the extractor records it). The dashboard's actor
filter (sidebar and URL) and the CLI's `--actor` resolve through `ActorLookup`; a name that finds nothing gets the
closest names of the loaded events (rapidfuzz), and a name of two actors finds both and says so.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from events.dashboard import i18n
from events.lexicon import DATA_DIR, load_data

GAZETTEER_DIR = DATA_DIR / "gazetteer"
SUGGESTIONS = 3  # "did you mean" names
_GOOD_SCORE = 70  # rapidfuzz WRatio (0-100): below it a name is offered only when no name comes closer
_WORD = re.compile(r"\w+")
# letters that carry their mark in the letter itself (no combining mark to drop): what a keyboard without them types
_PLAIN_LETTERS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "æ": "ae", "œ": "oe",
                                "þ": "th"})


def _cyrillic(ch: str) -> bool:
    """A Cyrillic letter (its marks are part of the letter: й is not и, ї is not і)."""
    return "\u0400" <= ch <= "\u052f"


def fold_name(text: str) -> str:
    """The lookup key of a name: casefolded, Latin diacritics dropped, words joined by one space.

    "Casa Albă" -> "casa alba", "Şoigu" and "Șoigu" -> "soigu", "U.S." -> "u s", "Зеленський" -> "зеленський"
    (Cyrillic letters keep their marks).
    """
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and out and not _cyrillic(out[-1]):
            continue
        out.append(ch)
    folded = unicodedata.normalize("NFC", "".join(out)).casefold().translate(_PLAIN_LETTERS)
    return " ".join(_WORD.findall(folded))


@dataclass(frozen=True)
class KnownName:
    """One way the gazetteer writes an actor's name."""

    form: str  # as written in the data file
    actor: str  # the actor's name in the events table
    kind: str  # country / person / organization / group / armed_group / city


@dataclass(frozen=True)
class AliasIndex:
    """Folded name -> every gazetteer name with that key (one key may stand for two actors: "Kiev")."""

    names: Mapping[str, tuple[KnownName, ...]]

    def lookup(self, text: str) -> tuple[KnownName, ...]:
        """The gazetteer's names written like `text` (case, diacritics and punctuation aside)."""
        return self.names.get(fold_name(text), ())

    def actors(self, text: str) -> tuple[str, ...]:
        """The distinct actors a name stands for, in data-file order."""
        return tuple(dict.fromkeys(k.actor for k in self.lookup(text)))


def _split(cell: str | None) -> list[str]:
    """A pipe-separated data cell as a list."""
    return [v.strip() for v in (cell or "").split("|") if v.strip()]


def _csv_rows(path: Path) -> list[dict[str, str]]:
    """Rows of a gazetteer CSV file, '#' comment lines skipped (as the gazetteer reads them)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def _yaml_list(path: Path) -> list[dict[str, Any]]:
    """A gazetteer YAML list (the gazetteer's loader validates it; here its names are only read)."""
    data = load_data(path)
    return [d for d in data if isinstance(d, dict)] if isinstance(data, list) else []


def gazetteer_names(folder: Path = GAZETTEER_DIR) -> Iterator[KnownName]:
    """Every name in the gazetteer files with the actor the extractor records for it.

    Mirrors `gazetteer.Gazetteer._load`: a country's adjectives stand for the country, a seat of power for its
    country (or organisation), a place for itself (an attacked place is an actor of kind "city").
    """
    from events.gazetteer import romanian_articled

    countries: dict[str, str] = {}
    for row in _csv_rows(folder / "countries.csv"):
        name = (row.get("name_en") or "").strip()
        countries[row.get("iso3") or ""] = name
        for col in ("name_en", "aliases_en", "adj_en", "name_ro", "forms_ro", "adj_ro"):
            for form in _split(row.get(col)):
                yield KnownName(form, name, "country")
    for entry in _yaml_list(folder / "persons.yaml"):
        for form in [entry.get("name"), *(entry.get("aliases") or [])]:
            if form:
                yield KnownName(str(form), str(entry["name"]), "person")
    for entry in _yaml_list(folder / "organizations.yaml"):
        for form in [entry.get("name"), *(entry.get("aliases") or [])]:
            if form:
                yield KnownName(str(form), str(entry["name"]), str(entry.get("kind") or "organization"))
    for entry in _yaml_list(folder / "seats.yaml"):
        iso = entry.get("country")
        actor, kind = (countries.get(iso, iso), "country") if iso else (entry.get("organization"), "organization")
        for form in [entry.get("name"), *(entry.get("forms") or [])]:
            if form and actor:
                yield KnownName(str(form), str(actor), kind)
    for row in _csv_rows(folder / "places.csv"):
        forms = [row["name"], *_split(row.get("forms"))]
        for form in forms:
            yield KnownName(form, row["name"], "city")
        if (row.get("kind") or "city") == "city":  # "Kievului", "Odesei": the extractor knows these forms too
            for form in forms:
                for articled in romanian_articled(form):
                    yield KnownName(articled, row["name"], "city")


def build_index(names: Iterable[KnownName]) -> AliasIndex:
    """The index of some names, each key's names in the order given, repeats dropped."""
    index: dict[str, dict[tuple[str, str], KnownName]] = {}
    for known in names:
        key = fold_name(known.form)
        if key:
            index.setdefault(key, {}).setdefault((known.actor, known.kind), known)
    return AliasIndex({k: tuple(v.values()) for k, v in index.items()})


@cache
def gazetteer_index() -> AliasIndex:
    """The index of the bundled gazetteer, built once per process (~0.3 s)."""
    return build_index(gazetteer_names())


@dataclass(frozen=True)
class Resolution:
    """What one typed actor name stands for among the actors of the loaded events."""

    query: str
    actors: tuple[str, ...] = ()  # the actors of the loaded events it names; empty when none
    absent: tuple[str, ...] = ()  # actors the gazetteer gives for it that no loaded event has
    suggestions: tuple[str, ...] = ()  # the closest actor names, when it names none

    @property
    def ambiguous(self) -> bool:
        """The name stands for more than one actor (all of them are kept)."""
        return len(self.actors) > 1

    def note(self, lang: str = i18n.DEFAULT) -> str:
        """How an alias was read, when it says more than the name itself ("" for "russia" -> "Russia")."""
        tr = i18n.strings(lang)
        if self.ambiguous:
            n, names = len(self.actors), _names(self.actors, tr("actor_names.and"))
            return tr("actor_names.read_many", query=repr(self.query), n=n, names=names)
        if self.actors and fold_name(self.query) != fold_name(self.actors[0]):
            return tr("actor_names.read_as", query=repr(self.query), actor=repr(self.actors[0]))
        return ""

    def problem(self, lang: str = i18n.DEFAULT) -> str:
        """Why nothing was kept, with the closest names ("" when the name found an actor)."""
        tr = i18n.strings(lang)
        if self.actors:
            return ""
        if self.absent:
            who = ("" if [fold_name(self.query)] == [fold_name(a) for a in self.absent]
                   else f" ({_names(self.absent, tr('actor_names.and'))})")
            return tr("actor_names.absent", query=repr(self.query), who=who)
        hint = (" " + tr("actor_names.did_you_mean", names=_names(self.suggestions, tr("actor_names.or")))
                if self.suggestions else "")
        return tr("actor_names.unknown", query=repr(self.query), hint=hint)


def _names(names: Iterable[str], last: str = "and") -> str:
    """'A', 'A' and 'B', 'A', 'B' or 'C'."""
    quoted = [repr(n) for n in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} {last} {quoted[-1]}"


class ActorLookup:
    """Resolves typed names to the actors of the loaded events; build one per set of actors (store version)."""

    def __init__(self, present: Iterable[str], index: AliasIndex | None = None) -> None:
        self.index = gazetteer_index() if index is None else index
        self.present = tuple(dict.fromkeys(present))
        present_set = set(self.present)
        self._by_key: dict[str, list[str]] = {}
        for name in self.present:
            self._by_key.setdefault(fold_name(name), []).append(name)
        # what a mistyped name is compared with: the actors' own names and every alias of theirs
        self._choices: dict[str, str] = {}
        for key, known in self.index.names.items():
            for k in known:
                if k.actor in present_set:
                    self._choices.setdefault(key, k.actor)
        for key, names in self._by_key.items():
            self._choices[key] = names[0]
        self._keys = list(self._choices)

    def resolve(self, text: str) -> Resolution:
        """The actors a typed name stands for: its own name first, then the gazetteer's aliases, else suggestions."""
        query = str(text).strip()
        key = fold_name(query)
        if not key:
            return Resolution(query)
        exact = self._by_key.get(key)
        if exact:  # an actor's own name wins over an alias ("Kyiv" the city, not Ukraine's seat of government)
            return Resolution(query, tuple(exact))
        named = self.index.actors(query)
        present = set(self.present)
        found = tuple(a for a in named if a in present)
        if found:
            return Resolution(query, found)
        if named:
            return Resolution(query, absent=named)
        # a surname the gazetteer does not give alone ("Sorensen", "Dan"): the one actor whose name ends so
        ending = [n for n in self.present if f" {fold_name(n)}".endswith(f" {key}")]
        if len(ending) == 1:
            return Resolution(query, (ending[0],))
        return Resolution(query, suggestions=tuple(dict.fromkeys([*ending, *self.suggest(key)]))[: SUGGESTIONS])

    def suggest(self, key: str, limit: int = SUGGESTIONS) -> tuple[str, ...]:
        """The actors whose names (or aliases) come closest to a folded name, best first."""
        good: dict[str, None] = {}
        near: dict[str, None] = {}
        # several keys may stand for one actor ("zelenski", "zelensky"...): ask for more, keep `limit` distinct actors
        for choice, score, _i in process.extract(key, self._keys, scorer=fuzz.WRatio, limit=limit * 10):
            (good if score >= _GOOD_SCORE else near).setdefault(self._choices[choice], None)
        # close names only ("Zelenskee": Zelensky, not France too); the nearest ones when no name is close
        return tuple(good or near)[:limit]
