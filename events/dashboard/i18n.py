"""The interface's words in the users' languages: one YAML file per language in data/strings/, read once.

    tr = i18n.strings("ro")
    tr("page.title")                       # 'Diplomația și războiul în știri'
    tr.plural(3, "n.event")                # '3 evenimente'; 20 -> '20 de evenimente'
    tr.day(date(2025, 9, 3))               # '3 sept. 2025'

A file holds flat or shallow-nested keys (`sidebar.actors.label`) whose texts take `{placeholders}` for
str.format; an integer value is written with the language's thousands separator. A plural entry is a mapping of
CLDR plural categories (English `one`/`other`, Romanian `one`/`few`/`other`: 1 eveniment, 2 evenimente, 20 de
evenimente). Month and weekday names are data in the same files, so dates never depend on the OS locale. Stored
values, URL values and exported columns stay canonical English codes (air_attack, planned): only what is shown is
translated (`type_name`, `status_name`).

Pure: no Streamlit, no plotly. A key missing from a file raises KeyError (tests exercise the pages with it);
`parity_problems` says what one file has that another lacks (tests/dashboard/test_i18n.py).
"""

from __future__ import annotations

import gettext
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
STRINGS_DIR = ROOT / "data" / "strings"
DEFAULT = "en"
PARAM = "ui_lang"  # the URL parameter (?ui_lang=ro); `lang` is the article-language filter's
PLURAL_CATEGORIES = frozenset({"zero", "one", "two", "few", "many", "other"})
# entries a language may give or not: short country names where pycountry's translation is long or formal
OPTIONAL_PREFIXES = ("country.",)


# ---------------------------------------------------------------- plural rules (CLDR, integers only)


def _plural_en(n: int) -> str:
    """English: 1 event, 0/2/20 events."""
    return "one" if n == 1 else "other"


def _plural_ro(n: int) -> str:
    """Romanian (CLDR): 1 eveniment; 0, 2–19, 101–119 … evenimente; 20–100, 120 … de evenimente."""
    if n == 1:
        return "one"
    if n == 0 or 1 <= n % 100 <= 19:
        return "few"
    return "other"


PLURAL_RULES = {"en": _plural_en, "ro": _plural_ro}
# the categories each language's plural entries must give (a new language adds its rule here and its YAML file)
PLURAL_FORMS = {"en": ("one", "other"), "ro": ("one", "few", "other")}


def plural_category(lang: str, n: int) -> str:
    """The CLDR plural category of n in a language ('other' for a language without a rule)."""
    rule = PLURAL_RULES.get(lang)
    return rule(abs(int(n))) if rule else "other"


# ---------------------------------------------------------------- the files


def available() -> tuple[str, ...]:
    """The languages with a strings file, English first."""
    found = sorted(p.stem for p in STRINGS_DIR.glob("*.yaml"))
    return tuple(sorted(found, key=lambda code: (code != DEFAULT, code)))


def _is_plural(value: object) -> bool:
    """A mapping of plural categories (a leaf), not a group of keys."""
    return isinstance(value, Mapping) and bool(value) and set(value) <= PLURAL_CATEGORIES


def flatten(tree: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested keys joined with dots; texts, lists and plural mappings are the leaves."""
    out: dict[str, Any] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping) and not _is_plural(value):
            out.update(flatten(value, name + "."))
        else:
            out[name] = value
    return out


@cache
def catalog(lang: str, directory: Path = STRINGS_DIR) -> dict[str, Any]:
    """A language's entries (dotted key -> text, list or plural mapping), read once per process."""
    path = directory / f"{lang}.yaml"
    with path.open(encoding="utf-8") as fh:
        tree = yaml.safe_load(fh) or {}
    if not isinstance(tree, Mapping):
        raise ValueError(f"{path}: expected a mapping of keys to texts")
    return flatten(tree)


def placeholders(text: str) -> frozenset[str]:
    """The {names} a text fills in."""
    return frozenset(name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text)
                     if name is not None)


def _shape(lang: str, key: str, value: Any) -> tuple[str, frozenset[str], int]:
    """(kind, placeholders, length) of an entry, for comparing languages."""
    if isinstance(value, str):
        return "text", placeholders(value), 0
    if _is_plural(value):
        return "plural", frozenset().union(*(placeholders(str(v)) for v in value.values())), 0
    if isinstance(value, list):
        return "list", frozenset(), len(value)
    raise ValueError(f"{lang}.yaml: {key}: expected a text, a list or plural forms")


def parity_problems(catalogs: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """What breaks parity between languages: a key one file lacks, different placeholders or list lengths, a
    plural entry without its language's forms. [] when every file has every key alike."""
    problems: list[str] = []
    keys = set().union(*(set(c) for c in catalogs.values())) if catalogs else set()
    for key in sorted(k for k in keys if not k.startswith(OPTIONAL_PREFIXES)):
        shapes: dict[str, tuple[str, frozenset[str], int]] = {}
        for lang, entries in catalogs.items():
            if key not in entries:
                problems.append(f"{lang}.yaml lacks {key!r}")
                continue
            shapes[lang] = _shape(lang, key, entries[key])
            value = entries[key]
            if _is_plural(value):
                missing = [f for f in PLURAL_FORMS.get(lang, ("other",)) if f not in value]
                if missing:
                    problems.append(f"{lang}.yaml: {key!r} lacks the plural forms {', '.join(missing)}")
        if len(set(shapes.values())) > 1:
            told = "; ".join(f"{lang}: {kind} {sorted(names)}" + (f" of {n}" if kind == "list" else "")
                             for lang, (kind, names, n) in shapes.items())
            problems.append(f"{key!r} differs between languages ({told})")
    return problems


# ---------------------------------------------------------------- one language's words


@dataclass(frozen=True)
class Strings:
    """The interface's words in one language: `tr(key, **values)`, plurals, numbers and dates."""

    lang: str
    entries: Mapping[str, Any] = field(repr=False)

    def __call__(self, key: str, **values: Any) -> str:
        """The text of `key` with its {placeholders} filled in (integers with the language's separators)."""
        text = self.entries[key]  # KeyError: a key missing from this language's file
        if not isinstance(text, str):
            raise TypeError(f"{self.lang}.yaml: {key!r} is not a text")
        return text.format(**self._shown(values)) if values else text

    def _shown(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Values as the text shows them: integers with thousands separators."""
        return {k: self.number(v) if isinstance(v, int) and not isinstance(v, bool) else v for k, v in values.items()}

    def has(self, key: str) -> bool:
        """True when the language's file has the key."""
        return key in self.entries

    def get(self, key: str, default: str, **values: Any) -> str:
        """The text of `key`, else `default` (for values a file need not list: an event type added later)."""
        return self(key, **values) if key in self.entries else default

    def names(self, key: str) -> list[str]:
        """A list entry (month names)."""
        value = self.entries[key]
        if not isinstance(value, list):
            raise TypeError(f"{self.lang}.yaml: {key!r} is not a list")
        return [str(v) for v in value]

    def plural(self, n: int, key: str, **values: Any) -> str:
        """The form of `key` for n ({n} is the number as written): '1 event', '3 evenimente', '20 de evenimente'."""
        forms = self.entries[key]
        if not _is_plural(forms):
            raise TypeError(f"{self.lang}.yaml: {key!r} has no plural forms")
        text = forms.get(plural_category(self.lang, n)) or forms["other"]
        return str(text).format(**self._shown({"n": int(n), **values}))

    # numbers

    def number(self, n: int | float, digits: int = 0) -> str:
        """'1,234' / '1.234'; with digits, '0.80' / '0,80'."""
        text = f"{n:,.{digits}f}"
        thousands, decimal = self("number.thousands"), self("number.decimal")
        return text.replace(",", "\x00").replace(".", decimal).replace("\x00", thousands)

    # dates

    def month(self, d: date, style: str = "short") -> str:
        """'Sep' / 'sept.' (short), 'September' / 'septembrie' (long)."""
        return self.names(f"months.{style}")[d.month - 1]

    def day(self, d: date) -> str:
        """'3 Sep 2025' / '3 sept. 2025'."""
        return self("date.day", day=str(d.day), month=self.month(d), year=str(d.year))

    def day_month(self, d: date) -> str:
        """'3 Sep' / '3 sept.'."""
        return self("date.day_month", day=str(d.day), month=self.month(d))

    def month_year(self, d: date, style: str = "short") -> str:
        """'Sep 2025' / 'sept. 2025'."""
        return self("date.month_year", month=self.month(d, style), year=str(d.year))

    def date_range(self, start: date | None, end: date | None) -> str:
        """'1–15 Aug 2025', '1 Feb – 30 Sep 2025', '1 Dec 2024 – 15 Jan 2025', 'From 1 Feb 2025', ''."""
        if start and end:
            if start == end:
                return self.day(start)
            if (start.year, start.month) == (end.year, end.month):
                return self("date.range_same_month", start=str(start.day), end=self.day(end))
            if start.year == end.year:
                return self("date.range", start=self.day_month(start), end=self.day(end))
            return self("date.range", start=self.day(start), end=self.day(end))
        if start:
            return self("date.from", day=self.day(start))
        if end:
            return self("date.until", day=self.day(end))
        return ""

    # the data's values as shown (stored values stay canonical codes)

    def type_name(self, event_type: str) -> str:
        """'air attack' / 'atac aerian' (a type the file does not list: its code with spaces)."""
        return self.get(f"type.{event_type}", event_type.replace("_", " "))

    def type_plural(self, event_type: str) -> str:
        """'Air attacks' / 'Atacuri aeriene': a metric card's label."""
        return self.get(f"type_plural.{event_type}", self.type_name(event_type).capitalize())

    def status_name(self, status: str) -> str:
        """'planned' / 'planificat'."""
        return self.get(f"status.{status}", status)

    def language_name(self, code: str) -> str:
        """An article language: 'Romanian' / 'română' (unknown codes as they are)."""
        return self.get(f"language.{code}", code)

    def kind_name(self, kind: str) -> str:
        """An actor kind: 'person' / 'persoană'."""
        return self.get(f"kind.{kind}", kind)

    def unit_name(self, unit: str) -> str:
        """A time bucket: 'week' / 'săptămână'."""
        return self.get(f"unit.{unit}", unit)

    def country_name(self, iso3: str, english: str) -> str:
        """A country's short name in this language; `english` (data/country_centroids.csv) when none is known."""
        if self.lang == DEFAULT:
            return english
        return self.get(f"country.{iso3}", "") or _pycountry_name(self.lang, iso3) or english


def _pycountry_name(lang: str, iso3: str) -> str:
    """pycountry's translation of the country's common (else official) name, '' when it has none."""
    translate = _iso3166_translation(lang)
    if translate is None:
        return ""
    try:
        import pycountry

        country = pycountry.countries.get(alpha_3=iso3)
    except (ImportError, LookupError):
        return ""
    if country is None:
        return ""
    english = getattr(country, "common_name", None) or country.name
    shown = translate(english)
    return "" if shown == english and lang != DEFAULT else shown


@cache
def _iso3166_translation(lang: str) -> Any:
    """pycountry's ISO 3166 gettext catalogue of a language (shipped in the package: no network), or None."""
    try:
        import pycountry

        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]).gettext
    except (ImportError, OSError):
        return None


@cache
def strings(lang: str) -> Strings:
    """The words of a language (English for a language without a file)."""
    code = lang if lang in available() else DEFAULT
    return Strings(code, catalog(code))


def t(lang: str, key: str, **values: Any) -> str:
    """One text in a language: `t("ro", "tabs.map")`."""
    return strings(lang)(key, **values)


# ---------------------------------------------------------------- choosing the language


def from_locale(locale: str | None) -> str | None:
    """The language of a browser locale ('ro-RO', 'ro', 'en_GB' -> 'ro' / 'en'), None when no file has it."""
    if not isinstance(locale, str) or not locale.strip():
        return None
    code = locale.strip().replace("_", "-").split("-")[0].lower()
    return code if code in available() else None


def browser_default(locales: Iterable[str | None]) -> str:
    """The first locale's language that has a file, else English (`st.context.locale`, then nothing else)."""
    for locale in locales:
        lang = from_locale(locale)
        if lang:
            return lang
    return DEFAULT


def from_params(values: Sequence[str] | str | None, lang: str = DEFAULT) -> tuple[str | None, list[str]]:
    """(the language ?ui_lang= asks for, notices): None when absent or unknown, an unknown one with a notice (in
    `lang`, the language the page is shown in)."""
    items = [values] if isinstance(values, str) else [str(v) for v in values or []]
    items = [v.strip() for v in items if v and v.strip()]
    if not items:
        return None, []
    wanted = from_locale(items[-1])
    if wanted:
        return wanted, []
    return None, [t(lang, "notice.ui_lang", value=repr(items[-1][:40]), choices=", ".join(available()))]
