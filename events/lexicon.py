"""Event vocabularies per language, loaded from data/lexicon/*.yaml, validated and compiled."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any, Final

import yaml

from events.phrases import PhraseMatcher

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
LEXICON_DIR = DATA_DIR / "lexicon"

_FOLD_CACHE: Final[dict[str, str]] = {}
_LIST_END: Final = "\u3000"  # the characters below it fold through a list (below); those beyond are rare in news


def _fold_char(ch: str) -> str:
    """One character lowercased and stripped of diacritics, always one character long."""
    out = _FOLD_CACHE.get(ch)
    if out is None:
        low = ch.lower()
        if len(low) != 1:  # "İ".lower() is two characters
            low = unicodedata.normalize("NFD", ch)[0].lower()
        base = unicodedata.normalize("NFD", low)[0]
        # ș ț ă â î and their cedilla twins lose the mark; non-letters stay as they are
        out = base if base.isalpha() or base == low else low
        if ch < _LIST_END:  # only the list's characters are kept: text in any script must not grow the table
            _FOLD_CACHE[ch] = out
    return out


# Latin, Greek, Cyrillic and the typographic marks („ ” – …) fold through one list indexed by code point (a
# list translates faster than a dict; a per-character Python loop costs ~0.5 ms per 3 KB article). Rarer
# characters beyond it are folded one by one, never remembered (a long run of text in other scripts would grow any
# table of them without end).
_FOLD_LIST: Final[list[int | str]] = [_fold_char(chr(c)) if _fold_char(chr(c)) != chr(c) else c for c in range(ord(_LIST_END))]
_HIGH: Final = re.compile(f"[{_LIST_END}-\U0010ffff]")
_FOLD_TABLE: Final[dict[int, str]] = {c: v for c, v in enumerate(_FOLD_LIST) if isinstance(v, str)}


# Lower-case letters below _LIST_END that still fold to something else (ă ș é й ...): after str.lower(), which
# runs in C, only these few need replacing, and a regex finds them faster than translate visits every character.
_MARKED: Final = re.compile(
    "[" + "".join(re.escape(chr(c)) for c, v in enumerate(_FOLD_LIST) if isinstance(v, str) and chr(c).lower() == chr(c))
    + "]"
)


# by frequency in Romanian text (the capitals after the small letters, as in a sentence)
_COMMON_MARKED: Final = tuple((ch, _FOLD_TABLE[ord(ch)]) for ch in "ăîșțâÎȘȚĂÂ")
_NON_ASCII: Final = re.compile("[^\x00-\x7f]")
_SELF_FOLDING: Final = "„”“’‘–—«»…\u00a0"  # typographic marks of news text; fold() leaves them as they are
assert all(_fold_char(c) == c for c in _SELF_FOLDING)


# after lowering, a character beyond the list folds as it would have before (lowering is idempotent)
_MARKED_OR_HIGH: Final = re.compile(_MARKED.pattern + f"|[{_LIST_END}-\U0010ffff]")


def _unmark(m: re.Match[str]) -> str:
    c = m.group()
    out = _FOLD_TABLE.get(ord(c))
    return _fold_char(c) if out is None else out


def fold(text: str) -> str:
    """Lowercase and strip diacritics, keeping the length so offsets stay valid."""
    if text.isascii():
        return text.lower()
    if "\u0130" in text or "\u03a3" in text:
        return _fold_lowered(text)  # "İ" lowers to two characters, "Σ" to σ or ς by the letters around it
    # Every other character lowers to one, by itself: folding each character of the text is folding the text. The
    # Romanian letters, most of the marked ones, go by str.replace in C; lowering the rest as UTF-8 bytes (ASCII
    # letters only) is ~3x faster than str.lower() on text that is not ASCII, and leaves only the few other marked
    # letters (Erdoğan, Vučić) for one regex scan.
    for marked, plain in _COMMON_MARKED:
        if marked in text:
            text = text.replace(marked, plain)
            if text.isascii():
                return text.lower()
    low = text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")
    # most of what is left is typographic („quotes”, dashes), which folds to itself: when nothing else is, the
    # text is folded already (a few substring passes in C instead of the regex's scan of every character)
    probe = low
    for mark in _SELF_FOLDING:
        if mark in probe:
            probe = probe.replace(mark, " ")
            if probe.isascii():
                return low
    return _NON_ASCII.sub(_fold_match, low)


def _fold_match(m: re.Match[str]) -> str:
    return _fold_char(m.group())


def _fold_lowered(text: str) -> str:
    """fold() through str.lower() of the whole text, for the letters that lower by context or to two letters."""
    low = text.lower()
    if len(low) != len(text):  # "İ" lowers to two characters: the table keeps it one
        if max(text) < _LIST_END:
            return text.translate(_FOLD_LIST)
        # a rare text (İ and characters beyond the list): the table plus its own high characters, for this call only
        high = {ord(c): _fold_char(c) for c in set(_HIGH.findall(text))}
        return text.translate(_FOLD_TABLE | high)
    return _MARKED_OR_HIGH.sub(_unmark, low)


def pattern_to_regex(pattern: str) -> str:
    """Translate the lexicon mini-syntax (phrases separated by |, trailing * wildcards, ~N gaps) to a regex."""
    return _whole_words([_phrase_core(p) for p in pattern.split("|") if p.strip()])


def _phrase_to_regex(phrase: str, barrier: str = "") -> str:
    """One phrase: words separated by whitespace, a trailing * matches any ending, ~N allows N words between
    (none of them a `barrier` word: a regex of alternatives)."""
    return _whole_words([_phrase_core(phrase, barrier)])


def _phrase_core(phrase: str, barrier: str = "") -> str:
    """The phrase's regex without the word-boundary checks around it (`barrier`: words no ~N gap skips)."""
    # Possessive quantifiers (++, *+): giving back characters of a word or of the spaces after it can never let
    # what follows match (a space cannot follow a shorter word, nor a word character a shorter run of spaces), so
    # the regex engine is told not to try; only the number of skipped words (~N) is still backtracked.
    parts: list[str] = []
    words = phrase.strip().split()
    for k, word in enumerate(words):
        if re.fullmatch(r"~\d+", word):
            # a skipped word never ends a sentence ("launched drones overnight. Drones" is two sentences), nor is a
            # barrier ("spoke after a meeting with Museveni": the meeting is another event)
            unless = r"(?!" + barrier + r"\s)" if barrier else ""
            parts.append(r"(?:" + unless + r"\S++(?<![.!?])\s++){0," + str(int(word[1:])) + "}")
            continue
        word = fold(word)
        star = word.endswith("*")
        # before a gap, a comma may end the word: the words skipped may be an aside ("au fost primiți, separat, de")
        gap_next = k + 1 < len(words) and re.fullmatch(r"~\d+", words[k + 1]) is not None
        parts.append(re.escape(word.rstrip("*")) + (r"\w*+" if star else "") + (r",?\s++" if gap_next else r"\s++"))
    rx = "".join(parts)
    return rx[: -len(r"\s++")] if rx.endswith(r"\s++") else rx


def _whole_words(cores: list[str]) -> str:
    """Alternatives matched as whole words: one boundary check around them all, not one per alternative.

    Equivalent to checking each alternative on its own (the lookahead is retried for each one in turn), but the
    regex engine then sees literal first characters and skips a failing alternative at once: searching a list of
    phrases costs a tenth.
    """
    return r"(?<![\w-])(?:" + "|".join(cores) + r")(?![\w-])"


def _alternation(patterns: list[str]) -> str:
    """Alternation of many patterns, each expanded on its own '|' words into separate branches."""
    return _whole_words([_phrase_core(p) for pattern in patterns for p in pattern.split("|") if p.strip()])


class LexiconError(ValueError):
    """A lexicon file is missing a key or has a value of the wrong shape."""


@dataclass(frozen=True)
class TypeSpec:
    """One event type's behaviour."""

    name: str
    label: str
    roles: str  # "parties" or "attack"
    min_parties: int
    organization_alone: bool = False


@dataclass(frozen=True)
class Lexicon:
    """Compiled vocabulary of one language."""

    language: str
    reference_before: re.Pattern[str]
    reference_opening: re.Pattern[str]  # a reference word that may open a clause ("two days | after Trump phoned Hun")
    reference_words: tuple[str, ...]  # reference_before's words, one of them in every match: a quick check
    reference_past: tuple[str, ...]  # the reference words after which the event referred to has happened
    since_before: frozenset[str]  # before a date: where something began ("since 2019"), not the event's date
    since_after: frozenset[str]  # after a date: where something began ("din martie încoace"), not the event's date
    since_words: frozenset[str]  # between a trigger and a later date: the date is of what came before ("since the war in June")
    # a country a weapon comes from, not a party: "Iranian-made drones", "drone de fabricație iraniană"
    made_in_after: tuple[str, ...]
    made_in_before: frozenset[str]
    # people of a country who are not its state: "Eritrean refugees", "doi cetățeni indieni" (the words after the
    # demonym in English, before it in Romanian)
    foreign_people_after: tuple[str, ...]
    foreign_people_before: frozenset[str]
    separate_adjectives: frozenset[str]  # "separately" words that qualify a noun ("a separate set of agreements")
    # "one night after", "la două zile după": days per unit word, and the count words before a unit
    offset_units: dict[str, int]
    offset_counts: dict[str, int]
    day_shifts: dict[str, int]  # "a day earlier": -1, "three days later": 3 (from the previous dated report)
    span_lengths: dict[str, int]  # "two days of": an event over that many days (dated by its first)
    span_ends: tuple[str, ...]  # "wrapped up": ... told on the day it ended
    span_reached: dict[str, int]  # "a third day" it "entered": ... told on the day it reached
    span_reach_verbs: tuple[str, ...]  # "entered"
    # common words looked for only where a rule needs them (as cue phrases they would be matched in every sentence)
    partner_word: re.Pattern[str]  # the word before a partner of talks ("with X", "cu X")
    pronoun_before: re.Pattern[str]  # a pronoun subject just before a trigger ("he is due to meet")
    possessive_before: re.Pattern[str]  # a possessive just before a trigger ("after his talks with Macron")
    # a possessive just after a trigger word, with a partner after it ("după discuțiile sale cu Macron"), on the text
    # itself: folded, "sa" would also be "să" and "său" "sau"
    possessive_after: re.Pattern[str]
    weapon_joins: frozenset[str]  # before a weapon a few words after an attack word ("struck the town with")
    weapon_links: frozenset[str]  # between an attack word and its weapon right after it ("bombardamente de artilerie")
    people_nouns: frozenset[str]  # the last word of a reference to persons ("the two leaders", "cei doi miniștri")
    leader_nouns: frozenset[str]  # of those, to leaders ("the two presidents", "cei doi lideri"): a summit
    leaders_of: re.Pattern[str]  # right before the states whose leaders they are ("the leaders of Kenya and Uganda")
    simultaneous: re.Pattern[str]  # opens a clause that happened at the time of the one before it ("as", "în timp ce")
    definite_before: re.Pattern[str]  # a definite article right before a trigger word ("the talks")
    possessives: frozenset[str]  # "its drones", "dronele sale": whose weapons, told before
    three_words: frozenset[str]  # "the three countries": a reference to three parties
    four_words: frozenset[str]  # "cele patru țări": to four
    there: re.Pattern[str]  # "held a summit there", "s-au întâlnit acolo": the place named just before
    there_city: re.Pattern[str]  # "fired missiles at the city", "asupra orașului": the city named before
    call_verbs: frozenset[str]  # "phoned", "a sunat": a trigger whose objects are each called apart
    in_person_talks: frozenset[str]  # "talks", "negocieri": a meeting's name, a summit when two leaders hold it
    pronoun_start: re.Pattern[str]  # a sentence that opens with a pronoun subject ("He is due in Paris ... to meet")
    dropped_subject: re.Pattern[str]  # a verb with no subject after "said that" ("a anunțat că va suna"): the speaker
    verb_initial: re.Pattern[str]  # a sentence that opens with its verb ("A avut apoi o întâlnire cu ..."): no subject
    complementizers: re.Pattern[str]
    boundaries: re.Pattern[str]
    boundary_words: tuple[str, ...]  # the clause boundaries as plain strings, for a quick check before the regex
    backgrounding: re.Pattern[str]
    enumeration_join: re.Pattern[str]  # fullmatch: what may stand between two dates of one enumeration
    context_before: re.Pattern[str]
    context_last: frozenset[str]  # the last word of each context_before phrase
    place_before: frozenset[str]
    excluded_before: frozenset[str]  # "without (involving)", "fără": the name after is left out of the event
    venue_country_before: frozenset[str]  # "in Turkey": a country named as the venue of talks
    passive_agent: frozenset[str]  # "bombardat zilnic de artilerie": after a passive verb, the word of its agent
    visitor_after: frozenset[str]  # "a visit by X", "vizita lui X": the visit names its own visitor
    occasion_before: frozenset[str]  # "agreed ... at their meeting": the meeting is where it was agreed
    government_before: frozenset[str]  # "liderul de la Kremlin": a seat or capital standing for its government
    target_before: frozenset[str]
    town_before: frozenset[str]  # before a town named with bare attack words only ("a strike hit a house in Jinja")
    sender_before: re.Pattern[str]  # before one who sends a participant ("sent by President Ruto"): no participant
    preposition_last: frozenset[str]  # the last words of the place_before and target_before phrases
    attacker_before: re.Pattern[str]
    passive_after: re.Pattern[str]  # matched right after a name: "a fost", "was"
    represented_by: re.Pattern[str]  # between a country and its representative, titles removed
    titles: re.Pattern[str]
    aide_titles: re.Pattern[str]  # an aide or kin of the person named after them
    abbreviations: frozenset[str]
    number_abbreviations: frozenset[str]
    topic_end: re.Pattern[str]
    # a place noun right after a nationality ("the South Korean city of Busan") or right before it ("orașul
    # sud-coreean Busan"): the nationality describes the venue and names no party
    place_noun_after: re.Pattern[str]
    place_noun_before: re.Pattern[str]
    intro: re.Pattern[str]  # words opening an introductory phrase closed by a comma
    # a country's name next to a word for its capital stands for that city ("the Ukrainian capital", "capitala
    # Ucrainei"): the word before the name, or after it
    capital_before: re.Pattern[str]
    capital_after: re.Pattern[str]
    capital_alone: re.Pattern[str]  # "in the capital", "în capitală": the capital of the country the news is from
    # trigger phrases "T:type" and weak ones "W:type": matched over the whole article
    triggers: PhraseMatcher
    # the other phrase lists in one first-word-indexed matcher, matched only in sentences with a trigger:
    # status cues labelled planned/cancelled/occurred, the lists of _CUE_LISTS by their label
    cues: PhraseMatcher


_DATA_LOADER: Final[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster on persons.yaml


def load_data(path: Path) -> Any:
    """A YAML data file of this project (lexicons, gazetteers), read with the C loader where there is one."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_DATA_LOADER)


def _require(data: dict[str, Any], key: str, kind: type, path: Path) -> Any:
    """Fetch a key of the expected type or raise a LexiconError naming the file."""
    if key not in data:
        raise LexiconError(f"{path.name}: missing key '{key}'")
    value = data[key]
    if not isinstance(value, kind):
        raise LexiconError(f"{path.name}: '{key}' must be a {kind.__name__}, got {type(value).__name__}")
    return value


def _str_list(value: Any, where: str, path: Path) -> list[str]:
    """Validate a list of non-empty strings."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LexiconError(f"{path.name}: '{where}' must be a list of non-empty strings")
    return value


_NEVER: Final = re.compile(r"(?!x)x")  # matches nothing: the pattern of an empty list of words


def _compile(patterns: list[str]) -> re.Pattern[str]:
    """Compile a list of lexicon patterns into one regex."""
    return re.compile(_alternation(patterns)) if patterns else _NEVER


def _int_map(data: dict[str, Any], key: str, path: Path) -> dict[str, int]:
    """A mapping of words to whole numbers, its words folded."""
    value = _require(data, key, dict, path)
    if not all(isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) for k, v in value.items()):
        raise LexiconError(f"{path.name}: '{key}' must map words to whole numbers")
    return {fold(k): v for k, v in value.items()}


def _either(words: list[str]) -> str:
    """A regex group matching any of the phrases, folded and taken literally: "(?:a|b|c)"."""
    return "(?:" + "|".join(re.escape(fold(w)) for w in words) + ")"


def _words_pattern(words: list[str]) -> re.Pattern[str]:
    """A regex for one of the phrases as whole words, anywhere (none matches an empty list)."""
    return re.compile(r"\b" + _either(words) + r"\b") if words else _NEVER


def _before_pattern(words: list[str]) -> re.Pattern[str]:
    """A regex for one of the phrases, as whole words, right before a position (searched up to it)."""
    if not words:
        return _NEVER
    return re.compile(r"\b" + _either(words) + r"\s+$")


def _phrase_set(words: list[str]) -> frozenset[str]:
    """Folded phrases for exact lookups."""
    return frozenset(fold(w) for w in words)


@cache
def event_types() -> dict[str, TypeSpec]:
    """The event types declared in data/lexicon/types.yaml."""
    path = LEXICON_DIR / "types.yaml"
    data = load_data(path)
    types = _require(data, "types", dict, path)
    out = {}
    for name, spec in types.items():
        if not isinstance(spec, dict) or spec.get("roles") not in ("parties", "attack"):
            raise LexiconError(f"{path.name}: type '{name}' needs roles: parties|attack")
        out[name] = TypeSpec(
            name, str(spec.get("label", name)), spec["roles"], int(spec.get("min_parties", 1)),
            bool(spec.get("organization_alone", False)),
        )
    return out


@cache
def meeting_rule() -> tuple[frozenset[str], str, str]:
    """(leader roles, type when leaders meet, type otherwise) for 'meeting' triggers."""
    path = LEXICON_DIR / "types.yaml"
    data = load_data(path)
    m = _require(data, "meeting", dict, path)
    return frozenset(m["leader_roles"]), m["as_summit"], m["otherwise"]


def available_languages() -> list[str]:
    """Languages that have a lexicon file."""
    return sorted(p.stem for p in LEXICON_DIR.glob("*.yaml") if len(p.stem) == 2)


@cache
def load(language: str) -> Lexicon:
    """Load, validate and compile data/lexicon/<language>.yaml."""
    path = LEXICON_DIR / f"{language}.yaml"
    if not path.exists():
        raise LexiconError(f"no lexicon for language '{language}' (have: {', '.join(available_languages())})")
    data = load_data(path)
    if not isinstance(data, dict):
        raise LexiconError(f"{path.name}: must be a mapping")
    types = event_types()
    triggers = _require(data, "triggers", dict, path)
    strong: list[tuple[str, str]] = []
    weak: list[tuple[str, str]] = []
    for key, patterns in triggers.items():
        patterns = _str_list(patterns, f"triggers.{key}", path)
        base = key.removesuffix("_weak")
        if base not in types and base not in ("meeting", "not_event"):
            raise LexiconError(f"{path.name}: trigger type '{key}' is not declared in types.yaml")
        target = weak if key.endswith("_weak") else strong
        target.extend((ph, base) for p in patterns for ph in p.split("|") if ph.strip())
    status = _require(data, "status", dict, path)
    cues: list[tuple[str, str]] = []
    for key in ("planned", "cancelled", "occurred"):
        cues.extend((ph, key) for p in _str_list(status.get(key), f"status.{key}", path) for ph in p.split("|"))
    boundaries = _str_list(_require(data, "clause_boundaries", list, path), "clause_boundaries", path)

    def words(key: str) -> list[str]:
        return _str_list(_require(data, key, list, path), key, path)

    gapped = partial(_phrase_to_regex, barrier=_either(words("gap_barriers")))
    day_shifts = _int_map(data, "day_shifts", path)
    return Lexicon(
        language=language,
        reference_before=re.compile(_either(words("reference_before"))
                                    + r"\s+(?:(?:un|o|the|a|an|acest|acestui|this|unui|unei|ultimul|ultima|last)\s+)?"
                                    + r"(?:[\w.'’-]+\s+){0,2}$"),
        reference_opening=re.compile(r"\b" + _either(words("reference_before")) + r"\b"),
        reference_words=tuple(dict.fromkeys(fold(w) for w in words("reference_before"))),
        reference_past=tuple(dict.fromkeys(fold(w) for w in words("reference_past"))),
        since_before=_phrase_set(words("since_before")),
        since_after=_phrase_set(words("since_after")),
        since_words=_phrase_set(words("since_words")),
        made_in_after=tuple(fold(w) for w in words("made_in_after")),
        made_in_before=_phrase_set(words("made_in_before")),
        foreign_people_after=tuple(" " + fold(w) for w in words("foreign_people_after")),
        foreign_people_before=_phrase_set(words("foreign_people_before")),
        separate_adjectives=_phrase_set(words("separate_adjectives")),
        offset_units=_int_map(data, "offset_units", path),
        offset_counts=_int_map(data, "offset_counts", path),
        day_shifts=day_shifts,
        span_lengths=_int_map(data, "span_lengths", path),
        span_ends=tuple(fold(w) for w in words("span_ends")),
        span_reached=_int_map(data, "span_reached", path),
        span_reach_verbs=tuple(fold(w) for w in words("span_reach_verbs")),
        partner_word=_words_pattern(words("partner_before")),
        pronoun_before=re.compile(r"\b" + _either(words("subject_pronouns")) + r"\b(?:\s+\S+){0,6}\s*$"),
        possessive_before=re.compile(r"\b" + _either(words("possessive_pronouns")) + r"\s+$")
        if words("possessive_pronouns") else _NEVER,
        possessive_after=re.compile(r"\s(?:" + "|".join(map(re.escape, words("possessive_after"))) + r")\b(?=[^.;]{0,40}\b(?:"
                                    + "|".join(map(re.escape, words("partner_after_possessive"))) + r")\b)",
                                    re.IGNORECASE)
        if words("possessive_after") else _NEVER,
        possessives=_phrase_set(words("possessives")),
        three_words=_phrase_set(words("three_words")),
        four_words=_phrase_set(words("four_words")),
        call_verbs=_phrase_set(words("call_verbs")),
        in_person_talks=_phrase_set(words("in_person_talks")),
        there=(re.compile(r"\b" + _either(words("there")) + r"\b"
                          + (r"(?!\s*" + _either(words("there_not_before")) + r"\b)" if words("there_not_before") else ""))
               if words("there") else _NEVER),
        there_city=_words_pattern(words("there_city")),
        people_nouns=_phrase_set(words("people_nouns")),
        leader_nouns=_phrase_set(words("leader_nouns")),
        leaders_of=_before_pattern(words("leaders_of")),
        simultaneous=re.compile(r"[\s,]*" + _either(words("simultaneous")) + r"\b"),
        definite_before=_before_pattern(words("definite_before")),
        weapon_joins=_phrase_set(words("weapon_joins")),
        weapon_links=_phrase_set(words("weapon_links")),
        pronoun_start=re.compile(
            (r"\W*(?:" + _either(words("leading_time")) + r"\W+){0,2}" if words("leading_time") else r"\W*")
            + _either(words("start_pronouns")) + r"\b"
        ),
        dropped_subject=(re.compile(r"\b" + _either(words("dropped_subject_before")) + r"(\s+)(?:\S+\s+){0,2}$")
                         if words("dropped_subject_before") else _NEVER),
        verb_initial=re.compile(
            (r"(?:" + _either(words("leading_time")) + r"\s*,?\s+){0,2}" if words("leading_time") else "")
            + _either(words("verb_initial")) + r"\s"
        ) if words("verb_initial") else _NEVER,
        complementizers=_compile(words("complementizers")),
        boundaries=re.compile("|".join(re.escape(fold(b)) for b in boundaries)),
        boundary_words=tuple(dict.fromkeys(fold(b) for b in boundaries)),
        backgrounding=_compile(words("backgrounding")),
        context_before=re.compile(_either(words("context_before")) + r"\s+$"),
        context_last=frozenset(fold(w).split()[-1] for w in words("context_before")),
        place_before=_phrase_set(words("place_before")),
        excluded_before=_phrase_set(words("excluded_before")),
        venue_country_before=_phrase_set(words("venue_country_before")),
        passive_agent=_phrase_set(words("passive_agent")),
        visitor_after=_phrase_set(words("visitor_after")),
        occasion_before=_phrase_set(words("occasion_before")),
        government_before=_phrase_set(words("government_before")),
        target_before=_phrase_set(words("target_before")),
        town_before=_phrase_set(words("town_before")),
        sender_before=_words_pattern(words("sender_before")),
        preposition_last=frozenset(fold(w).split()[-1] for w in words("place_before") + words("target_before")),
        attacker_before=re.compile(_either(words("attacker_before")) + r"\s+$"),
        passive_after=re.compile(r"\s+" + _either(words("passive_after")) + r"\s"),
        represented_by=(re.compile(r"\s*" + _either(words("represented_by")) + r"\s*") if words("represented_by")
                        else _NEVER),
        titles=_compile(words("titles")),
        aide_titles=_compile(words("aide_titles")),
        abbreviations=_phrase_set(words("abbreviations")),
        number_abbreviations=_phrase_set(words("number_abbreviations")),
        topic_end=_compile(words("topic_end")),
        place_noun_after=re.compile(r"[\s-]+" + _either(words("place_nouns")) + r"\b"),
        place_noun_before=re.compile(r"\b" + _either(words("place_nouns")) + r"\s+$"),
        capital_before=_before_pattern(words("capital_before")),
        capital_alone=_words_pattern(words("capital_alone")),
        capital_after=(re.compile(r"(?:'s)?\s+" + _either(words("capital_after")) + r"\b") if words("capital_after")
                       else _NEVER),
        # the gap between two dates of one enumeration, whole ("on May 16 and June 2")
        enumeration_join=re.compile(r"\s*" + _either(sorted(words("enumeration_joins"), key=len, reverse=True))
                                    + r"\s*"),
        intro=re.compile(_either(words("intro_phrases")) + r"\b"),
        # the matchers index phrases by their first words, which are compared with the text's folded words:
        # the phrases are folded first ("discuți*" must find "discuții" written either way)
        triggers=PhraseMatcher([(fold(ph), "T:" + lab) for ph, lab in strong]
                               + [(fold(ph), "W:" + lab) for ph, lab in weak], gapped),
        cues=PhraseMatcher(
            [(fold(ph), lab) for ph, lab in cues if ph.strip()]
            + [(fold(ph), lab) for key, lab in _CUE_LISTS for p in words(key) for ph in p.split("|") if ph.strip()]
            + [(phrase, "day_shift") for phrase in day_shifts],
            gapped,
        ),
    )


# lexicon list -> label in the combined cue matcher (status cues are labelled planned/cancelled/occurred)
_CUE_LISTS: Final = (
    ("negation_before", "negation"),
    ("denial_before", "denial"),
    ("reporting_verbs", "reporting"),
    ("topic_before", "topic"),
    ("purpose_topic", "purpose_topic"),
    ("anaphora", "anaphora"),
    ("titles", "title"),
    ("host_cues", "host"),
    ("remote_cues", "remote"),
    ("leader_titles", "leader"),
    ("same_time", "same_time"),
    ("definite_reference", "definite"),
    ("bilateral_cues", "bilateral"),
    ("indirect_talks", "indirect"),
    ("new_instance", "new_instance"),
    ("separately", "separate"),
    ("joint_call", "joint_call"),
    ("phone_cues", "phone"),
    ("status_neutral", "neutral"),
    ("not_air", "not_air"),
    ("ground_agents", "ground_agent"),
    ("attack_agent_marks", "agent_mark"),
    ("sea_landing", "sea_landing"),
    ("campaign_count", "campaign_count"),
    ("campaign_span", "campaign_span"),
    ("procurement", "procurement"),
    ("reaction_verbs", "reaction"),
    ("attendance", "attendance"),
    ("not_talks", "not_talks"),
    ("rescheduled", "rescheduled"),
    ("vague_time", "vague_time"),
    ("plural_events", "plural"),
    ("not_ruled_out", "not_ruled_out"),
    ("agreed", "agreed"),
)
