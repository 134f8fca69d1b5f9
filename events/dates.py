"""Date expressions in Romanian and English news sentences, resolved against the publication date.

One compiled regex per language (built from data/lexicon/dates_<lang>.yaml at first use) finds the
expressions; absolute day dates go through dateparser (cached); everything relative is resolved by
our own news-reader rules, because dateparser's answers differ from what a reader means (a weekday
is the most recent one *including* the publication day, "August 2025" is a month not the 3rd, ...).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

import yaml

from events.lexicon import LEXICON_DIR, fold, load_data
from events.phrases import Tokens, bisect_left, word_char

# Romanian letters with and without diacritics (and the old cedilla ş ţ) must match the same
# vocabulary. Every replacement is one character, so offsets in the folded text are offsets in
# the original sentence.
_FOLD_PAIRS: Final = {
    "ă": "a", "â": "a", "î": "i", "ș": "s", "ş": "s", "ț": "t", "ţ": "t",
    "Ă": "A", "Â": "A", "Î": "I", "Ș": "S", "Ş": "S", "Ț": "T", "Ţ": "T",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2019": "'",
}  # fmt: skip
_FOLD_ITEMS: Final = tuple(_FOLD_PAIRS.items())


def _fold(text: str) -> str:
    # str.replace per pair present (a substring check in C each) beats translate, which visits every character
    if text.isascii():
        return text
    for src, dst in _FOLD_ITEMS:
        if src in text:
            text = text.replace(src, dst)
    return text


PRECISIONS: Final = ("day", "week", "month", "year")
_WD_MODES: Final = ("before", "after", "prev_week", "this_week", "next_week")
_REL_UNITS: Final = ("day", "week", "weekend", "month", "year")
_AGO_UNITS: Final = ("day", "week", "month", "year")

# A day-month date without a year, in a past context, is pushed back a year when it would fall
# more than this after publication ("15 octombrie" in an article of 3 September = last October).
_PAST_SLACK: Final = datetime.timedelta(days=31)


class DateMention:
    """One date expression found in a sentence; treat as immutable.

    A slotted class, not a frozen dataclass: compiled with mypyc its __init__ is native, ~20x cheaper.
    """

    __slots__ = ("end", "precision", "relative", "reporting", "start", "text", "value")

    def __init__(
        self,
        start: int,  # offsets into the sentence string passed in
        end: int,
        text: str,  # the expression as written
        value: datetime.date | None,  # None when it cannot be resolved (e.g. no publication date)
        precision: str | None,  # "day" | "week" | "month" | "year"; None when value is None
        relative: bool,  # True if it needs the publication date
        reporting: bool,  # True if attached to a reporting verb: it dates the report, not the event
    ) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.value = value
        self.precision = precision
        self.relative = relative
        self.reporting = reporting

    def _key(self) -> tuple[int, int, str, datetime.date | None, str | None, bool, bool]:
        return (self.start, self.end, self.text, self.value, self.precision, self.relative, self.reporting)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DateMention) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (f"DateMention(start={self.start}, end={self.end}, text={self.text!r}, value={self.value!r}, "
                f"precision={self.precision!r}, relative={self.relative}, reporting={self.reporting})")


# ---------------------------------------------------------------------------------------------
# Vocabulary files


_KEY_OF: Final[dict[str, str]] = {}  # _key() of the expressions met so far: dates repeat their few words


def _key(text: str) -> str:
    """Lookup key: folded, lower-case, hyphens as spaces, single spaces, no trailing dot."""
    key = _KEY_OF.get(text)
    if key is None:
        key = " ".join(_fold(text).casefold().replace("-", " ").split()).rstrip(".")
        if len(_KEY_OF) < 50_000:
            _KEY_OF[text] = key
    return key


def _fail(path: Path, key: str, problem: str) -> ValueError:
    return ValueError(f"{path}: key '{key}': {problem}")


def _str_list(data: dict[str, Any], key: str, path: Path, *, nonempty: bool = False) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, key, "must be a list of non-empty strings (quote on/no/yes/off)")
    if nonempty and not value:
        raise _fail(path, key, "must not be empty")
    return value


def _mapping(data: dict[str, Any], key: str, path: Path) -> dict[Any, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise _fail(path, key, "must be a mapping")
    for k in value:
        if not isinstance(k, str | int) or isinstance(k, bool) or (isinstance(k, str) and not k.strip()):
            raise _fail(path, key, f"bad entry name {k!r} (quote on/no/yes/off)")
    return value


def _numbered(data: dict[str, Any], key: str, path: Path, numbers: range, *, complete: bool) -> dict[str, int]:
    """{number: [forms]} -> {folded form: number}."""
    raw = _mapping(data, key, path)
    out: dict[str, int] = {}
    for num, forms in raw.items():
        if num not in numbers:
            raise _fail(path, key, f"entry {num!r} is not a number in {numbers.start}..{numbers.stop - 1}")
        if not isinstance(forms, list) or not forms or not all(isinstance(f, str) and f.strip() for f in forms):
            raise _fail(path, key, f"entry {num} must be a non-empty list of strings")
        for form in forms:
            out[_key(form)] = num
    if complete and set(raw) != set(numbers):
        raise _fail(path, key, f"needs exactly the entries {list(numbers)}")
    return out


def _enum_map(data: dict[str, Any], key: str, path: Path, allowed: tuple[str, ...]) -> dict[str, str]:
    raw = _mapping(data, key, path)
    for name, val in raw.items():
        if val not in allowed:
            raise _fail(path, key, f"entry {name!r}: {val!r} is not one of {list(allowed)}")
    return {_key(str(k)): v for k, v in raw.items()}


def _int_map(data: dict[str, Any], key: str, path: Path, lo: int, hi: int) -> dict[str, int]:
    raw = _mapping(data, key, path)
    for name, val in raw.items():
        if not isinstance(val, int) or isinstance(val, bool) or not lo <= val <= hi:
            raise _fail(path, key, f"entry {name!r}: {val!r} is not an integer in {lo}..{hi}")
    return {_key(str(k)): v for k, v in raw.items()}


_KEYS: Final = (
    "weekdays", "ambiguous_weekdays", "weekday_prefixes", "weekday_modifiers_before",
    "weekday_modifiers_after", "day_parts", "night_open", "night_join", "night_into", "months",
    "month_abbreviations", "capitalized_months", "ambiguous_months", "month_prefixes",
    "strong_month_prefixes", "month_list_joins", "day_prefixes", "day_articles", "day_suffixes", "day_month_joiners",
    "date_orders", "numeric_date_order", "period_prefixes", "period_words", "period_genitives",
    "relative_months", "relative", "numbers", "number_joiners", "units", "ago_before", "ago_around",
    "ago_after", "year_cues", "year_blockers", "reporting_verbs", "reporting_barriers",
)  # fmt: skip


@dataclass(frozen=True)
class Lexicon:
    """The validated vocabulary of one language, with lookups keyed by folded form."""

    path: Path
    raw: dict[str, Any]
    weekdays: dict[str, int]
    months: dict[str, int]
    abbreviations: dict[str, int]
    ambiguous_weekdays: dict[str, tuple[frozenset[str], tuple[str, ...]]]
    wd_before: dict[str, str]
    wd_after: dict[str, str]
    capitalized_months: bool
    ambiguous_months: frozenset[str]
    strong_month_prefixes: frozenset[str]
    month_list_joins: frozenset[str]
    date_orders: tuple[str, ...]
    numeric_date_order: str
    period_words: dict[str, int]
    relative_months: dict[str, int]
    relative: dict[str, tuple[str, int]]
    numbers: dict[str, int]
    units: dict[str, str]


def load_lexicon(path: Path) -> Lexicon:
    """Read and validate a dates_<lang>.yaml file; ValueError names the file and the key."""
    try:
        data = load_data(path)
    except (OSError, yaml.YAMLError) as exc:
        raise ValueError(f"{path}: cannot read the date vocabulary: {exc}") from exc
    if not isinstance(data, dict):
        raise _fail(path, "(top level)", "the date vocabulary must be a YAML mapping")
    for key in _KEYS:
        if key not in data:
            raise _fail(path, key, "missing")
    for key in data:
        if key not in _KEYS:
            raise _fail(path, str(key), "unknown key (typo?)")
    for key in (
        "weekday_prefixes", "day_parts", "night_open", "night_join", "night_into",
        "month_prefixes", "strong_month_prefixes", "month_list_joins", "day_prefixes", "day_articles", "day_suffixes",
        "day_month_joiners", "period_prefixes", "period_genitives", "number_joiners", "ago_before",
        "ago_around", "ago_after", "year_blockers", "reporting_barriers", "ambiguous_months",
    ):  # fmt: skip
        _str_list(data, key, path)
    for key in ("year_cues", "reporting_verbs", "date_orders"):
        _str_list(data, key, path, nonempty=True)

    weekdays = _numbered(data, "weekdays", path, range(7), complete=True)
    months = _numbered(data, "months", path, range(1, 13), complete=True)
    abbreviations = _numbered(data, "month_abbreviations", path, range(1, 13), complete=False)

    amb_wd: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {}
    for form, rule in _mapping(data, "ambiguous_weekdays", path).items():
        if _key(str(form)) not in weekdays:
            raise _fail(path, "ambiguous_weekdays", f"{form!r} is not a weekday form")
        if not isinstance(rule, dict) or set(rule) - {"not_after", "not_before"}:
            raise _fail(path, "ambiguous_weekdays", f"{form!r} needs only not_after / not_before lists")
        after = _str_list({"x": rule.get("not_after", [])}, "x", path) if rule.get("not_after") else []
        before = _str_list({"x": rule.get("not_before", [])}, "x", path) if rule.get("not_before") else []
        amb_wd[_key(str(form))] = (frozenset(_key(w) for w in after), tuple(_key(w) for w in before))

    if not isinstance(data["capitalized_months"], bool):
        raise _fail(path, "capitalized_months", "must be true or false")
    amb_months = frozenset(_key(m) for m in data["ambiguous_months"])
    if not amb_months <= set(months):
        raise _fail(path, "ambiguous_months", "every entry must be a month name from 'months'")
    strong = frozenset(_key(p) for p in data["strong_month_prefixes"])
    if not strong <= {_key(p) for p in data["month_prefixes"]}:
        raise _fail(path, "strong_month_prefixes", "every entry must also be in 'month_prefixes'")
    orders = tuple(data["date_orders"])
    if not set(orders) <= {"day_month", "month_day"}:
        raise _fail(path, "date_orders", "entries must be day_month or month_day")
    if data["numeric_date_order"] not in ("DMY", "MDY", "YMD"):
        raise _fail(path, "numeric_date_order", "must be DMY, MDY or YMD")
    if data["ago_around"] and not data["ago_after"]:
        raise _fail(path, "ago_around", "needs 'ago_after' words to close it")

    relative: dict[str, tuple[str, int]] = {}
    for phrase, spec in _mapping(data, "relative", path).items():
        ok = (
            isinstance(spec, list) and len(spec) == 2 and spec[0] in _REL_UNITS
            and isinstance(spec[1], int) and not isinstance(spec[1], bool) and -100 <= spec[1] <= 100
        )  # fmt: skip
        if not ok:
            raise _fail(path, "relative", f"entry {phrase!r} must be [unit, offset], unit in {list(_REL_UNITS)}")
        relative[_key(str(phrase))] = (spec[0], spec[1])

    return Lexicon(
        path=path,
        raw=data,
        weekdays=weekdays,
        months=months,
        abbreviations=abbreviations,
        ambiguous_weekdays=amb_wd,
        wd_before=_enum_map(data, "weekday_modifiers_before", path, _WD_MODES),
        wd_after=_enum_map(data, "weekday_modifiers_after", path, _WD_MODES),
        capitalized_months=data["capitalized_months"],
        ambiguous_months=amb_months,
        strong_month_prefixes=strong,
        month_list_joins=frozenset(_key(w) for w in data["month_list_joins"]),
        date_orders=orders,
        numeric_date_order=data["numeric_date_order"],
        period_words=_int_map(data, "period_words", path, 1, 28),
        relative_months=_int_map(data, "relative_months", path, -24, 24),
        relative=relative,
        numbers=_int_map(data, "numbers", path, 1, 999),
        units=_enum_map(data, "units", path, _AGO_UNITS),
    )


# ---------------------------------------------------------------------------------------------
# Regex construction


def _piece(ch: str) -> str:
    # _key turned hyphens into spaces: "azi-noapte", "azi noapte", "azi - noapte" are one form.
    return r"[\s-]+" if ch == " " else re.escape(ch)


def _trie(node: dict[str, Any]) -> str:
    branches = [_piece(ch) + _trie(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # A shorter form that is a prefix of a longer one: the optional tail is greedy, so the
    # longer form wins ("azi-noapte" before "azi").
    return f"(?:{body})?" if "" in node else body


def _alt(forms: Any) -> str | None:
    """A trie-shaped alternation of the folded forms (fast to reject); None if there are none."""
    keys = sorted({_key(f) for f in forms})
    if not keys:
        return None
    root: dict[str, Any] = {}
    for k in keys:
        node = root
        for ch in k:
            node = node.setdefault(ch, {})
        node[""] = {}
    return f"(?:{_trie(root)})"


def _words(forms: Any) -> str | None:
    """_alt ending at a word boundary."""
    alt = _alt(forms)
    return f"{alt}(?!\\w)" if alt else None


def _opt(pattern: str | None, tail: str = r"\s+") -> str:
    return f"(?:{pattern}{tail})?" if pattern else ""


_TOKEN: Final = re.compile(r"\w+")
# No expression needs more words than this before its first anchor word
# ("în după-amiaza zilei de marți", "in the early hours of Wednesday").
_MAX_LEAD_WORDS: Final = 8

_DAYNUM: Final = r"(?:3[01]|[12][0-9]|0?[1-9])"
_YEAR: Final = r"(?:19[0-9][0-9]|20[0-9][0-9]|2100)(?!\w)(?![.,/-][0-9])"
_HYPHEN_OR_SPACE: Final = r"(?:\s*-\s*|\s+)"


@dataclass(frozen=True)
class _Compiled:
    lex: Lexicon
    pattern: re.Pattern[str]  # every expression: what the starters' patterns together match (tests hold them to it)
    report_before: re.Pattern[str]
    report_after_loose: re.Pattern[str]
    report_after_strict: re.Pattern[str]
    anchors: frozenset[str]  # every match contains one of these words (or a digit)
    vocabulary: frozenset[str]  # every word of every form of the vocabulary (the words a match is made of)
    starters: dict[str, re.Pattern[str]]  # a word an expression can begin with -> the expressions that can
    # ...those of them that need neither a number nor a month name: at a word with none after it in the sentence
    # ("on Wednesday, officials said"), the others are not tried (they are the ones that backtrack the most)
    plain_starters: dict[str, re.Pattern[str]]
    months: frozenset[str]  # the month names and abbreviations, folded as the words they are compared with
    numeral: re.Pattern[str]  # the expressions that can begin with a number
    verb_first: frozenset[str]  # the first words of the reporting verbs


def _anchor_words(lex: Lexicon) -> frozenset[str]:
    """Words of which every date expression contains at least one: a cheap pre-check."""
    words: set[str] = set()
    for form in (*lex.weekdays, *lex.months, *lex.abbreviations, *lex.units):
        words.update(_TOKEN.findall(form))
    # A fixed phrase is matched whole, so its last word is always there ("săptămâna trecută").
    for phrase in (*lex.relative, *lex.relative_months):
        words.add(_TOKEN.findall(phrase)[-1])
    return frozenset(fold(w) for w in words)  # compared with words folded as phrases are (see sentence_words)


def _vocabulary_words(raw: Any) -> frozenset[str]:
    """Every word of every string in the vocabulary file, folded as matched (and as the lexicon folds it)."""
    words: set[str] = set()
    stack = [raw]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            for w in _TOKEN.findall(_key(item)):
                words.update((w, fold(w)))
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return frozenset(words)


def _heads(*forms: Any) -> frozenset[str]:
    """The first words of the forms, folded as the words they are compared with (see sentence_words)."""
    return frozenset(fold(words[0]) for group in forms for f in group if (words := _TOKEN.findall(_key(f))))


def _build(lex: Lexicon) -> _Compiled:
    r = lex.raw
    wd = _words(lex.weekdays)
    mon_full = _words(lex.months)
    abbr = _alt(lex.abbreviations)
    # Abbreviations may carry their dot ("Aug.", "sept."); full names never do.
    mon_all = f"(?:{mon_full}|{abbr}(?:\\.|(?!\\w)))" if abbr else mon_full
    suffix = _alt(r["day_suffixes"])
    day = _DAYNUM + (f"{suffix}?" if suffix else "") + r"(?!\w)"
    day_range = rf"(?:\s*-\s*{day})?"
    wpre = _words(r["weekday_prefixes"])
    wmod_b = _words(lex.wd_before)
    wmod_a = _words(lex.wd_after)
    part = _words(r["day_parts"])
    dpre = _words(r["day_prefixes"])
    art = _words(r["day_articles"])
    join = _words(r["day_month_joiners"])

    def year_tail(group: str) -> str:  # ", 2025" after a month
        return rf"(?:,?\s+(?P<{group}>{_YEAR}))?"

    def lead_wd(group: str) -> str:  # "miercuri, 3 septembrie", "on Wednesday, Sept. 3"
        return rf"(?:{_opt(wpre)}(?P<{group}>{wd}),?\s+)?"

    # Each expression with the words it can begin with (its optional leading words included) and whether it can
    # begin with a number: at a word, only the expressions that can start there are tried.
    alts: list[tuple[str, frozenset[str], bool]] = []
    fixed: set[int] = set()  # the expressions that contain a number or a month name wherever they match

    def add(name: str, pat: str | None, heads: frozenset[str], numeral: bool = False, needs: bool = False) -> None:
        if pat:
            if needs:
                fixed.add(len(alts))
            alts.append((f"(?P<{name}>{pat})", heads, numeral))

    weekday_heads = _heads(r["weekday_prefixes"], lex.weekdays)

    n_open, n_join, n_into = _words(r["night_open"]), _words(r["night_join"]), _words(r["night_into"])
    part_tail = rf"(?:\s+{part})?" if part else ""
    if n_open and n_join:
        add("night", rf"{n_open}\s+(?P<nt_wd1>{wd})\s+{n_join}\s+(?P<nt_wd2>{wd}){part_tail}", _heads(r["night_open"]))
        add("nightd", rf"{n_open}\s+{_DAYNUM}\s+{n_join}\s+(?P<nd_day>{_DAYNUM})(?!\w)\s+{_opt(join)}"
                      rf"(?P<nd_mon>{mon_all}){year_tail('nd_year')}", _heads(r["night_open"]), needs=True)
    if n_into:
        add("into", rf"{n_into}\s+(?P<in_wd>{wd})", _heads(r["night_into"]))
    if "day_month" in lex.date_orders:
        add("dm", rf"{lead_wd('dm_wd')}{_opt(dpre)}{_opt(art)}(?P<dm_day>{day}){day_range}\s+{_opt(join)}"
                  rf"(?P<dm_mon>{mon_all}){year_tail('dm_year')}",
            weekday_heads | _heads(r["day_prefixes"], r["day_articles"]), numeral=True, needs=True)
    if "month_day" in lex.date_orders:
        add("md", rf"{lead_wd('md_wd')}{_opt(dpre)}(?P<md_mon>{mon_all})\s+(?P<md_day>{day}){day_range}"
                  rf"{year_tail('md_year')}",
            weekday_heads | _heads(r["day_prefixes"], lex.months, lex.abbreviations), needs=True)
    add("num", rf"{_opt(dpre)}(?P<num_core>(?:19|20)[0-9][0-9]-(?:1[0-2]|0?[1-9])-{_DAYNUM}|"
               rf"{_DAYNUM}(?P<num_sep>[./-]){_DAYNUM}(?P=num_sep)(?:19|20)[0-9][0-9])(?!\w)(?![.,/-][0-9])",
        _heads(r["day_prefixes"]), numeral=True, needs=True)
    ppre, pwords, pgen = _words(r["period_prefixes"]), _words(lex.period_words), _words(r["period_genitives"])
    add("per", rf"{_opt(ppre)}(?P<pe_w>{pwords}){_HYPHEN_OR_SPACE}{_opt(pgen)}(?P<pe_mon>{mon_all})"
               rf"{year_tail('pe_year')}", _heads(r["period_prefixes"], lex.period_words), needs=True)
    relm = _words(lex.relative_months)
    if relm:
        add("rper", rf"{_opt(ppre)}(?P<rp_w>{pwords}){_HYPHEN_OR_SPACE}{_opt(pgen)}(?P<rp_rel>{relm})",
            _heads(r["period_prefixes"], lex.period_words))
    mpre = _words(r["month_prefixes"])
    month_heads = _heads(r["month_prefixes"], lex.months)
    add("my", rf"{_opt(mpre)}(?P<my_mon>{mon_all}),?\s+(?P<my_year>{_YEAR})", month_heads | _heads(lex.abbreviations),
        needs=True)
    # a month and the year it falls in said relative to publication ("in May last year", "în mai anul trecut")
    years = _words([phrase for phrase, (unit, _) in lex.relative.items() if unit == "year"])
    if years:
        add("myr", rf"{_opt(mpre)}(?P<mr_mon>{mon_full}),?\s+(?P<mr_rel>{years})", month_heads, needs=True)
    add("mo", rf"(?:(?P<mo_pre>{mpre})\s+)?(?P<mo_mon>{mon_full})" if mpre else rf"(?P<mo_mon>{mon_full})",
        month_heads, needs=True)
    num = rf"(?:[0-9]{{1,3}}(?!\w)|{_words(lex.numbers)})"
    unit = _words(lex.units)
    njoin = _opt(_words(r["number_joiners"]))
    a_before, a_around, a_after = _words(r["ago_before"]), _words(r["ago_around"]), _words(r["ago_after"])
    if a_before:
        add("agob", rf"{a_before}\s+(?P<ab_n>{num})\s+{njoin}(?P<ab_u>{unit})", _heads(r["ago_before"]))
    if a_around and a_after:
        add("agoc", rf"{a_around}\s+(?P<ac_n>{num})\s+{njoin}(?P<ac_u>{unit})\s+{a_after}", _heads(r["ago_around"]))
    if a_after:
        add("agoa", rf"(?P<aa_n>{num})\s+{njoin}(?P<aa_u>{unit})\s+{a_after}", _heads(lex.numbers), numeral=True)
    # Weekdays before the fixed phrases: "overnight Tuesday" is Tuesday, not "overnight" = P.
    add("wd", rf"{_opt(wpre)}(?:(?P<wd_pre>{wmod_b})\s+)?(?P<wd_d>{wd})"
              + (rf"(?:,?\s+(?P<wd_post>{wmod_a}))?" if wmod_a else "") + part_tail,
        weekday_heads | _heads(lex.wd_before))
    add("rel", f"(?P<rel_p>{_words(lex.relative)})" if lex.relative else None, _heads(lex.relative))
    blockers = _words(r["year_blockers"])
    add("yr", rf"{_words(r['year_cues'])}\s+(?P<yr_y>{_YEAR})" + (rf"(?!\s+{blockers})" if blockers else ""),
        _heads(r["year_cues"]), needs=True)

    # Start only at a word start, not inside a number such as "2.15" or "1,000". The expressions are tried in
    # the order above, but at each word only those that can begin with it: the whole alternation costs ~10x more.
    compiled: dict[tuple[int, ...], re.Pattern[str]] = {}

    def pattern(chosen: tuple[int, ...]) -> re.Pattern[str]:
        if chosen not in compiled:
            body = "|".join(alts[i][0] for i in chosen) or "(?!)"
            compiled[chosen] = re.compile(rf"(?<!\w)(?<![0-9][.,/])(?:{body})")
        return compiled[chosen]

    numeral = tuple(i for i, (_, _, num) in enumerate(alts) if num)
    starters = {
        word: pattern(tuple(i for i, (_, heads, num) in enumerate(alts)
                            if word in heads or (num and _digit_first(word))))
        for word in frozenset().union(*(heads for _, heads, _ in alts))
    }
    plain_starters = {
        word: pattern(tuple(i for i, (_, heads, num) in enumerate(alts)
                            if i not in fixed and (word in heads or (num and _digit_first(word)))))
        for word in starters
    }

    verbs = _words(r["reporting_verbs"])
    barriers = _words(r["reporting_barriers"])
    gap_word = (rf"(?!{barriers})" if barriers else "") + r"\w[\w'-]*"
    return _Compiled(
        lex=lex,
        pattern=pattern(tuple(range(len(alts)))),
        # verb, up to 3 words, then the date (commas allowed: "a declarat, miercuri, că").
        report_before=re.compile(rf"(?<!\w){verbs}(?:[\s,]+{gap_word}){{0,3}}[\s,]*\Z"),
        # date, up to 3 words, then the verb. Commas only for a sentence-initial date ("Marți,
        # Zaharova a declarat"); elsewhere ", officials said" attributes the whole clause. A sentence-initial date
        # also reaches over a subject with its title ("Luni, premierul britanic Keir Starmer a anunțat").
        report_after_loose=re.compile(rf"[\s,]*(?:(?:{gap_word}[\s,]+){{0,3}}|(?:{gap_word}\s+){{0,5}}){verbs}"),
        report_after_strict=re.compile(rf"\s*(?:{gap_word}\s+){{0,3}}{verbs}"),
        anchors=_anchor_words(lex),
        vocabulary=_vocabulary_words(lex.raw),
        starters=starters,
        plain_starters=plain_starters,
        months=frozenset(fold(w) for form in (*lex.months, *lex.abbreviations) for w in _TOKEN.findall(_key(form))),
        numeral=pattern(numeral),
        verb_first=_heads(r["reporting_verbs"]),
    )


_COMPILED: Final[dict[str, _Compiled]] = {}  # a dict read costs a tenth of an lru_cache call from compiled code


def _compiled(lang: str) -> _Compiled:
    hit = _COMPILED.get(lang)
    if hit is not None:
        return hit
    path = LEXICON_DIR / f"dates_{lang}.yaml"
    if not path.is_file():
        raise ValueError(f"unsupported language {lang!r}: no {path}")
    out = _COMPILED[lang] = _build(load_lexicon(path))
    return out


# ---------------------------------------------------------------------------------------------
# Resolution


@lru_cache(maxsize=8192)
def _dateparser_absolute(span: str, lang: str, order: str, parts: tuple[str, ...]) -> datetime.date | None:
    """dateparser's reading of an absolute span; a year-less span lands in the year 2000."""
    import dateparser  # heavy import, only needed once an absolute date is seen

    # Base 2000-01-01 (a leap year, so "29 februarie" parses): the caller picks the year.
    settings = {
        "RELATIVE_BASE": datetime.datetime(2000, 1, 1),
        "PREFER_DATES_FROM": "current_period",
        "REQUIRE_PARTS": list(parts),
        "DATE_ORDER": order,
    }
    got = dateparser.parse(span, languages=[lang], settings=settings)
    return got.date() if got else None


def _monday(d: datetime.date) -> datetime.date:
    return d - datetime.timedelta(days=d.weekday())


def _shift_month(year: int, month: int, k: int) -> tuple[int, int]:
    idx = year * 12 + month - 1 + k
    return idx // 12, idx % 12 + 1


def _weekday(p: datetime.date, wd: int, mode: str | None, forward: bool) -> datetime.date:
    if mode == "before":
        return p - datetime.timedelta(days=(p.weekday() - wd) % 7 or 7)
    if mode == "after":
        return p + datetime.timedelta(days=(wd - p.weekday()) % 7 or 7)
    if mode in ("prev_week", "this_week", "next_week"):
        weeks = {"prev_week": -1, "this_week": 0, "next_week": 1}[mode]
        return _monday(p) + datetime.timedelta(days=7 * weeks + wd)
    if forward:
        return p + datetime.timedelta(days=(wd - p.weekday()) % 7)
    # News reading: "miercuri" in a Wednesday article is that Wednesday, not last week's.
    return p - datetime.timedelta(days=(p.weekday() - wd) % 7)


def _year_for_day(p: datetime.date, month: int, day: int, forward: bool) -> datetime.date | None:
    year = p.year
    try:
        cand = datetime.date(year, month, day)
        if forward and cand < p:
            cand = datetime.date(year + 1, month, day)
        elif not forward and cand > p + _PAST_SLACK:
            cand = datetime.date(year - 1, month, day)
    except ValueError:  # 29 February in a common year
        return None
    return cand


def _year_for_month(p: datetime.date, month: int, forward: bool) -> int:
    if forward:
        return p.year + 1 if month < p.month else p.year
    # A past-context month more than about a month after publication is last year's.
    return p.year - 1 if month > p.month + 1 else p.year


_LETTERS: Final = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_NON_WORD: Final = re.compile(r"[^\w\s-]")
_PREV_WORD: Final = re.compile(r"(?<![\w'-])([\w'-]+)\s+\Z")

_Resolved = tuple[datetime.date | None, str | None, bool]


class _Reject(Exception):
    """The regex matched something that is not a date after all (e.g. "două luni")."""


def _get(table: dict[str, Any], text: str) -> Any:
    """Look a matched form up; IGNORECASE can match odd letters (the long s "ſ") that fold apart."""
    try:
        return table[_key(text)]
    except KeyError:
        raise _Reject from None


class _Matcher:
    """Resolves one regex match; one instance per find_dates call."""

    def __init__(self, c: _Compiled, lang: str, sentence: str, folded: str,
                 published: datetime.date | None, forward: bool) -> None:
        self.c, self.lex, self.lang = c, c.lex, lang
        self.sentence, self.folded = sentence, folded
        self.p, self.forward = published, forward

    # -- helpers ------------------------------------------------------------------------------
    def _month(self, m: re.Match[str], group: str) -> int:
        text = m.group(group)
        if self.lex.capitalized_months and not self.sentence[m.start(group)].isupper():
            raise _Reject  # "may", "march", "august" in lower case are ordinary English words
        k = _key(text)
        return self.lex.months.get(k) or _get(self.lex.abbreviations, text)

    def _wd(self, m: re.Match[str], group: str) -> int:
        k = _key(m.group(group))
        rule = self.lex.ambiguous_weekdays.get(k)
        if rule:
            not_after, not_before = rule
            # A count or quantifier right before it makes "luni" months: "două luni", "câteva luni".
            prev = _PREV_WORD.search(self.folded, max(0, m.start(group) - 40), m.start(group))
            if prev and (prev.group(1).lower() in not_after or prev.group(1).isdigit()):
                raise _Reject
            # ...and so do some words right after it: "luni de zile", "luni la rând".
            if self.folded[m.end(group): m.end(group) + 1].isspace():
                after = _key(_NON_WORD.sub(" ", self.folded[m.end(group): m.end(group) + 40]))
                if any(after == w or after.startswith(w + " ") for w in not_before):
                    raise _Reject
        return _get(self.lex.weekdays, k)

    def _relative_weekday(self, wd: int, mode: str | None) -> _Resolved:
        if self.p is None:
            return None, None, True
        return _weekday(self.p, wd, mode, self.forward), "day", True

    def _day_date(
        self, m: re.Match[str], day_g: str, mon_g: str, year_g: str, wd_g: str | None = None
    ) -> _Resolved:
        if wd_g and m.group(wd_g):
            self._wd(m, wd_g)  # a leading "luni," may be months: "două luni, 5 august"
        month = self._month(m, mon_g)
        day = int(m.group(day_g).rstrip(_LETTERS))  # "15th" -> 15
        year_text = m.group(year_g)
        span = f"{day} {self.sentence[m.start(mon_g):m.end(mon_g)]}" + (f" {year_text}" if year_text else "")
        parsed = _dateparser_absolute(span, self.lang, "DMY", ("day", "month"))
        # Our own reading from the vocabulary decides when dateparser fails or disagrees.
        if parsed is None or (parsed.month, parsed.day) != (month, day):
            try:
                parsed = datetime.date(int(year_text) if year_text else 2000, month, day)
            except ValueError:
                raise _Reject from None  # "31 februarie"
        if year_text:
            return parsed, "day", False
        if self.p is None:
            return None, None, True
        value = _year_for_day(self.p, month, day, self.forward)
        return value, ("day" if value else None), True

    def _month_date(self, month: int, day: int, year_text: str | None) -> _Resolved:
        if year_text:
            return datetime.date(int(year_text), month, day), "month", False
        if self.p is None:
            return None, None, True
        return datetime.date(_year_for_month(self.p, month, self.forward), month, day), "month", True

    # -- one method per regex alternative ------------------------------------------------------
    def night(self, m: re.Match[str]) -> _Resolved:
        self._wd(m, "nt_wd1")
        return self._relative_weekday(self._wd(m, "nt_wd2"), None)  # the day the night ends

    def nightd(self, m: re.Match[str]) -> _Resolved:
        return self._day_date(m, "nd_day", "nd_mon", "nd_year")

    def into(self, m: re.Match[str]) -> _Resolved:
        return self._relative_weekday(self._wd(m, "in_wd"), None)

    def dm(self, m: re.Match[str]) -> _Resolved:
        return self._day_date(m, "dm_day", "dm_mon", "dm_year", "dm_wd")

    def md(self, m: re.Match[str]) -> _Resolved:
        return self._day_date(m, "md_day", "md_mon", "md_year", "md_wd")

    def num(self, m: re.Match[str]) -> _Resolved:
        core = m.group("num_core")
        order = "YMD" if re.match(r"\d{4}", core) else self.lex.numeric_date_order
        value = _dateparser_absolute(core, self.lang, order, ("day", "month", "year"))
        if value is None:
            raise _Reject  # "31.02.2025", "15/16/2025"
        return value, "day", False

    def per(self, m: re.Match[str]) -> _Resolved:
        day = _get(self.lex.period_words, m.group("pe_w"))
        return self._month_date(self._month(m, "pe_mon"), day, m.group("pe_year"))

    def rper(self, m: re.Match[str]) -> _Resolved:
        day = _get(self.lex.period_words, m.group("rp_w"))
        if self.p is None:
            return None, None, True
        y, mo = _shift_month(self.p.year, self.p.month, _get(self.lex.relative_months, m.group("rp_rel")))
        return datetime.date(y, mo, day), "month", True

    def my(self, m: re.Match[str]) -> _Resolved:
        month = self._month(m, "my_mon")
        span = f"{self.sentence[m.start('my_mon'):m.end('my_mon')]} {m.group('my_year')}"
        parsed = _dateparser_absolute(span, self.lang, "DMY", ("month",))
        year = parsed.year if parsed and parsed.month == month else int(m.group("my_year"))
        # dateparser copies the day from its base ("august 2025" -> 3 August): a month is the 1st.
        return datetime.date(year, month, 1), "month", False

    def myr(self, m: re.Match[str]) -> _Resolved:
        month = self._month(m, "mr_mon")
        if self.p is None:
            return None, None, True
        return datetime.date(self.p.year + self.lex.relative[_key(m.group("mr_rel"))][1], month, 1), "month", True

    def mo(self, m: re.Match[str]) -> _Resolved:
        month = self._month(m, "mo_mon")
        if _key(m.group("mo_mon")) in self.lex.ambiguous_months:
            pre = _key(m.group("mo_pre") or "")
            nxt = self.folded[m.end():].lstrip()
            ends = not nxt or nxt[0] in ",.;:!?)" or _key(nxt.split(None, 1)[0]) in self.lex.month_list_joins
            if pre not in self.lex.strong_month_prefixes and not (pre and ends):
                raise _Reject  # "în mai multe orașe", "May God..."; but "în mai, ...", "în mai și în iunie"
        return self._month_date(month, 1, None)

    def _ago(self, m: re.Match[str], n_g: str, u_g: str) -> _Resolved:
        n_text = _key(m.group(n_g))
        n = int(n_text) if n_text.isdecimal() else _get(self.lex.numbers, n_text)
        unit = _get(self.lex.units, m.group(u_g))
        if self.p is None:
            return None, None, True
        if unit in ("day", "week"):
            days = n * (7 if unit == "week" else 1)
            return self.p - datetime.timedelta(days=days), "day", True
        if unit == "month":
            y, mo = _shift_month(self.p.year, self.p.month, -n)
            return datetime.date(y, mo, 1), "month", True
        return datetime.date(self.p.year - n, 1, 1), "year", True

    def agob(self, m: re.Match[str]) -> _Resolved:
        return self._ago(m, "ab_n", "ab_u")

    def agoc(self, m: re.Match[str]) -> _Resolved:
        return self._ago(m, "ac_n", "ac_u")

    def agoa(self, m: re.Match[str]) -> _Resolved:
        return self._ago(m, "aa_n", "aa_u")

    def wd(self, m: re.Match[str]) -> _Resolved:
        day = self._wd(m, "wd_d")
        mode = None
        if m.group("wd_pre"):
            mode = _get(self.lex.wd_before, m.group("wd_pre"))
        if "wd_post" in m.re.groupindex and m.group("wd_post"):
            mode = _get(self.lex.wd_after, m.group("wd_post"))
        return self._relative_weekday(day, mode)

    def rel(self, m: re.Match[str]) -> _Resolved:
        unit, off = _get(self.lex.relative, m.group("rel_p"))
        p = self.p
        if p is None:
            return None, None, True
        if unit == "day":
            return p + datetime.timedelta(days=off), "day", True
        if unit == "week":
            return _monday(p) + datetime.timedelta(weeks=off), "week", True
        if unit == "weekend":
            return _monday(p) + datetime.timedelta(weeks=off, days=5), "week", True
        if unit == "month":
            y, mo = _shift_month(p.year, p.month, off)
            return datetime.date(y, mo, 1), "month", True
        return datetime.date(p.year + off, 1, 1), "year", True

    def yr(self, m: re.Match[str]) -> _Resolved:
        return datetime.date(int(m.group("yr_y")), 1, 1), "year", False

    def resolve(self, kind: str, m: re.Match[str]) -> _Resolved:
        """The method of the alternative that matched (the commonest first: compiled, these are direct calls, where
        getattr() of the name made a bound method and called it through the interpreter)."""
        if kind == "wd":
            return self.wd(m)
        if kind == "dm":
            return self.dm(m)
        if kind == "rel":
            return self.rel(m)
        if kind == "md":
            return self.md(m)
        if kind == "night":
            return self.night(m)
        if kind == "nightd":
            return self.nightd(m)
        if kind == "into":
            return self.into(m)
        if kind == "num":
            return self.num(m)
        if kind == "per":
            return self.per(m)
        if kind == "rper":
            return self.rper(m)
        if kind == "my":
            return self.my(m)
        if kind == "mo":
            return self.mo(m)
        if kind == "agob":
            return self.agob(m)
        if kind == "agoc":
            return self.agoc(m)
        if kind == "agoa":
            return self.agoa(m)
        if kind == "yr":
            return self.yr(m)
        return getattr(self, kind)(m)  # type: ignore[no-any-return]  # an alternative added to the patterns later

    # -- reporting -------------------------------------------------------------------------------
    def reporting(self, start: int, end: int, verb_before: bool, verb_after: bool) -> bool:
        """Does a reporting verb stand next to the date ("a declarat miercuri", "said on Tuesday")?

        `verb_before` (`verb_after`) False: no reporting verb begins in the 120 characters before (after) the date,
        as a look at the words tells; that spares the regex.
        """
        c, f = self.c, self.folded
        if verb_before and c.report_before.search(f, max(0, start - 120), start):
            return True
        if not verb_after:
            return False
        initial = not f[:start].strip(" \t\n\"'„“”«»-—(")
        after = c.report_after_loose if initial else c.report_after_strict
        return bool(after.match(f, end, end + 120))


# "mai"/"may" are mostly "more"/"might": as a month they stand next to a number or a month cue
_MODAL_MONTHS: Final = frozenset({"mai", "may"})
_MONTH_CUES: Final = frozenset(
    "in în din luna lunii pe pana până de la on of early late mid since until by during".split()
)


def _month_context(words: list[str], i: int) -> bool:
    """Is words[i] ("mai"/"may") used as the month: a number or a month cue next to it?"""
    prev = words[i - 1].lower() if i else ""
    nxt = words[i + 1] if i + 1 < len(words) else ""
    return prev[:1].isdigit() or nxt[:1].isdigit() or prev in _MONTH_CUES


def sentence_words(tokens: Tokens, span: range, start: int, end: int) -> tuple[list[str], list[int]] | None:
    """The \\w+ words of text[start:end] and where each starts in the text, taken from the article's phrase words.

    The article's words are split and folded already; reusing them spares find_dates a second split of each
    sentence. Their folding strips every diacritic where the patterns' strips the Romanian ones only, so the word
    sets they are looked up in (anchors, first words, vocabulary) are folded the same way; a word may then read
    as a vocabulary word here and not in the sentence: that only adds places to try, which the patterns (run on
    the sentence) reject. None when a word crosses the sentence's edge.
    """
    words, starts = tokens.words, tokens.starts
    lo, hi = span.start, span.stop
    if lo > 0 and starts[lo - 1] + len(words[lo - 1]) > start:
        return None
    # the words up to the first that is not all letters and digits are the article's as they stand: copied in C
    odd = tokens.odd
    k = bisect_left(odd, lo)
    plain_to = odd[k] if k < len(odd) and odd[k] < hi else hi
    out_words = words[lo:plain_to]
    out_starts = starts[lo:plain_to]
    for i in range(plain_to, hi):  # range() written here: mypyc then counts in C
        word = words[i]
        at = starts[i]
        if word.isalnum():
            out_words.append(word)
            out_starts.append(at)
        elif word[-1] == "." and word[:-1].isalnum():  # "kiev." ending a sentence, "aug."
            out_words.append(word[:-1])
            out_starts.append(at)
        else:  # "s-a", "ukraine's", "15.08.2025"
            for m in _TOKEN.finditer(word):
                out_words.append(m.group())
                out_starts.append(at + m.start())
    if out_words and out_starts[-1] + len(out_words[-1]) > end:
        return None
    return out_words, out_starts


def _lower(text: str) -> str:
    """The text in lower case, as long as it is ("İ" lowers to two characters: such a letter is kept)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    return lowered


def _words_of(sentence: str) -> tuple[list[str], list[int]]:
    """The sentence's words when the caller has none: split as an article's are, then as sentence_words does."""
    tokens = Tokens(fold(sentence))
    words = sentence_words(tokens, range(len(tokens.words)), 0, len(sentence))
    if words is None:
        raise AssertionError("a word of a whole text reaches beyond it")  # sentence_words only cuts inside one
    return words


def _digit_first(word: str) -> bool:
    """Does the word begin with a digit? (str.isdigit, with the ASCII digits decided without a method call)"""
    o = ord(word[0])
    return 48 <= o <= 57 or (o > 127 and word[0].isdigit())


def anchor_words(lang: str) -> frozenset[str]:
    """Folded words that only a date uses here: weekday and month names, date units, relative words."""
    return _compiled(lang.strip().lower()).anchors


def ambiguous_months(lang: str) -> frozenset[str]:
    """Month names that are also other words ("May", "mai"), as lookup keys."""
    return _compiled(lang.strip().lower()).lex.ambiguous_months


def find_dates(
    sentence: str,
    lang: str,
    published: datetime.date | None,
    *,
    forward: bool = False,
    offset: int = 0,
    words: tuple[list[str], list[int]] | None = None,
) -> list[DateMention]:
    """All date expressions in the sentence, resolved against `published`, in text order.

    `offset` is added to every start and end (the sentence's place in its article); `words` are the sentence's
    words from sentence_words(), when the caller has them (their starts in the article: `offset` on).
    """
    lang = lang.strip().lower()
    c = _compiled(lang)
    if isinstance(published, datetime.datetime):
        published = published.date()
    folded = _fold(sentence)
    # Most event sentences have no date: a look at their words for an anchor word (or a number) rejects them. An
    # expression starts at a word start at most _MAX_LEAD_WORDS words before an anchor word it contains, so the
    # pattern is tried only at those word starts rather than searched through the whole sentence.
    anchors = c.anchors
    # the patterns are lower case: matching lowered text is faster than matching with re.IGNORECASE
    lowered = _lower(folded)
    word_list, word_starts = _words_of(sentence) if words is None else words
    base = 0 if words is None else offset  # where the sentence starts, in the word starts' terms
    # "mai"/"may" written in lower case are mostly "more"/"might": the month only next to a number or a cue
    hits: list[int] = []
    last_fixed = -1  # the last word that is a number or a month name
    months = c.months
    for i in range(len(word_list)):
        w = word_list[i]
        digit = _digit_first(w)
        if digit or w in anchors:
            if digit or w in months:
                last_fixed = i
            if not (w in _MODAL_MONTHS and folded.startswith(w, word_starts[i] - base)
                    and not _month_context(word_list, i)):
                hits.append(i)
    if not hits:
        return []
    # only where a number or a word that begins an expression is
    starters = c.starters
    tries = sorted({j for i in hits for j in range(max(0, i - _MAX_LEAD_WORDS), i + 1)
                    if word_list[j] in starters or _digit_first(word_list[j])})
    # A match is made of vocabulary words and numbers, and holds an anchor: one that begins with a word that is no
    # anchor goes on with a vocabulary word or a number ("in the night of", "in March"), not with "in the capital".
    anchors, vocabulary, last = c.anchors, c.vocabulary, len(word_list) - 1
    tries = [j for j in tries if word_list[j] in anchors or _digit_first(word_list[j]) or (
        j < last and (word_list[j + 1] in vocabulary or _digit_first(word_list[j + 1])))]
    matcher = _Matcher(c, lang, sentence, lowered, published, forward)
    out: list[DateMention] = []
    pos = 0
    for j in tries:
        at = word_starts[j] - base
        if at < pos:
            continue  # inside the previous expression
        # no number or month name from here on: only the expressions without one can match
        m = (starters if j <= last_fixed else c.plain_starters).get(word_list[j], c.numeral).match(lowered, at)
        if m is None:
            continue
        kind = m.lastgroup
        try:
            value, precision, relative = matcher.resolve(kind, m)  # type: ignore[arg-type]
        except _Reject:
            continue  # not a date here; later words may still start one
        start, end = m.start(), m.end()
        # a reporting verb before the date begins at one of the words of the 120 characters before it
        k = j - 1
        reach = start + base - 120  # (in the word starts' terms, as below)
        while k >= 0 and word_starts[k] >= reach and word_list[k] not in c.verb_first:
            k -= 1
        verb_before = k >= 0 and word_starts[k] >= reach
        # ...and one after it at one of the words of the 120 characters after it (or right at its end)
        after = j + 1
        while after <= last and word_starts[after] < end + base:
            after += 1
        reach = end + base + 120
        while after <= last and word_starts[after] < reach and word_list[after] not in c.verb_first:
            after += 1
        verb_after = (after <= last and word_starts[after] < reach) or (end < len(lowered) and word_char(lowered[end]))
        out.append(
            DateMention(
                start=start + offset,
                end=end + offset,
                text=sentence[start:end],
                value=value,
                precision=precision if value is not None else None,
                relative=relative,
                reporting=matcher.reporting(start, end, verb_before, verb_after),
            )
        )
        pos = end
    return out
