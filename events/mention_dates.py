"""The date of an event mention: the date expression of its own clause, else the report's date when that dates it."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Final

from events import dates as dates_mod
from events.clauses import Clause, ends_with_phrase, words_before
from events.lexicon import Lexicon
from events.phrases import Tokens


class LazyDates:
    """The date expressions of a sentence, found only if a mention in it survives to need them."""

    __slots__ = ("end", "found", "lang", "not_before", "offset", "published", "sentence", "span", "tokens")

    def __init__(self, text: str, s: int, e: int, lang: str, published: date | None, tokens: Tokens,
                 span: range) -> None:
        self.sentence = text[s:e]
        self.lang = lang
        self.published = published
        self.offset = s
        self.end = e
        self.tokens = tokens
        self.span = span
        self.found: list[dates_mod.DateMention] | None = None
        self.not_before = 0  # where a dateline ends: its date is when the news was filed

    def get(self, forward: bool = False) -> list[dates_mod.DateMention]:
        """Date mentions with offsets into the article; `forward` reads relative dates as future ones."""
        if self.found is None or forward:
            # the sentence's words come from the article's, already split
            words = dates_mod.sentence_words(self.tokens, self.span, self.offset, self.end)
            found = dates_mod.find_dates(self.sentence, self.lang, self.published, forward=forward,
                                         offset=self.offset, words=words)
            # the lead's own date first ("ISLAMABAD, May 9 - ... struck on Thursday"); without one, the day the
            # news was filed is the day it reports
            found = [d for d in found if d.start >= self.not_before] or found
            if forward:
                return found
            self.found = found
        return self.found


def mention_date(
    dates: LazyDates, clause: Clause, ts: int, status: str, etype: str, folded: str, lex: Lexicon,
    told_as_past: bool = False,
) -> tuple[date | None, str | None, str | None]:
    """(date, precision, date as written) of a mention whose trigger starts at ts; Nones when undated
    (`told_as_past`: a word of the clause says the event has happened)."""
    dm = _own_date(dates.get(), clause, ts, status, etype, folded, lex)
    if dm is None:
        return None, None, None
    text = dm.text
    if status == "planned" and dm.relative and dates.published is not None:
        # "on Monday" of a planned event is the coming Monday
        dm = next((d for d in dates.get(forward=True) if d.start == dm.start), dm)
    value = dm.value
    if told_as_past and dm.relative and value is not None and dates.published is not None \
            and value > dates.published and dm.precision in ("day", "month"):
        # "a culminat pe 22 iunie, când bombardiere B-2 au lovit" told on 13 June: what has happened is last year's
        value = _a_year_before(value)
    if value is not None and dm.precision == "day" and etype != "air_attack":  # (attacks are told day by day)
        return value - timedelta(days=_days_before_first(folded, clause, ts, lex)), dm.precision, text
    return value, dm.precision, text


def _a_year_before(day: date) -> date:
    """The same day a year earlier (28 February for a 29th)."""
    return day.replace(year=day.year - 1, day=28 if (day.month, day.day) == (2, 29) else day.day)


def _words(text: str) -> str:
    """The text's words between single spaces, with a space at each end (phrases are then found whole)."""
    return f" {' '.join(_PUNCTUATION.sub(' ', text).split())} "


_PUNCTUATION: Final = re.compile(r"[^\w\s'’-]")


def _days_before_first(folded: str, clause: Clause, ts: int, lex: Lexicon) -> int:
    """How many days the event began before the day its clause names: "two days of talks wrapped up on Sunday" began
    on the Saturday (a length by its word and a word of its end), talks that "entered a third day on Wednesday" on the
    Monday; 0 for an event of one day."""
    raw = folded[clause.start : clause.end]
    if not any(w in raw for w in lex.span_ends) and not any(w in raw for w in lex.span_reach_verbs):
        return 0  # (most clauses: a substring search in C spares making their words)
    near = _words(folded[max(clause.start, ts - 30) : min(clause.end, ts + 40)])
    stretch = _words(raw)
    length = next((n for phrase, n in lex.span_lengths.items() if f" {phrase} " in near), 0)
    if length and any(f" {w} " in stretch for w in lex.span_ends):
        return length - 1
    if not any(f" {w} " in stretch for w in lex.span_reach_verbs):
        return 0
    return next((n - 1 for phrase, n in lex.span_reached.items() if f" {phrase} " in stretch), 0)


def enumerated_dates(
    dates: LazyDates, clause: Clause, ts: int, status: str, folded: str, lex: Lexicon,
) -> list[tuple[date | None, str | None, str | None]]:
    """The dates of a clause that lists several ("on May 16 and June 2", "pe 16 mai și pe 2 iunie"), as
    (date, precision, as written), the list nearest the trigger at ts; [] when the clause has fewer than two."""
    own = sorted(_own_dates(dates.get(), clause, folded, lex), key=lambda d: d.start)
    runs: list[list[dates_mod.DateMention]] = []
    for d in own:
        if runs and lex.enumeration_join.fullmatch(folded, runs[-1][-1].end, d.start):
            runs[-1].append(d)
        else:
            runs.append([d])
    listed = [run for run in runs if len({d.value for d in run}) >= 2]
    if not listed:
        return []
    run = min(listed, key=lambda r: min(abs(d.start - ts) for d in r))
    if status == "planned" and any(d.relative for d in run) and dates.published is not None:
        ahead = {d.start: d for d in dates.get(forward=True)}  # "on Monday and Thursday" of planned calls lie ahead
        run = [ahead.get(d.start, d) for d in run]
    return [(d.value, d.precision, d.text) for d in run if d.value is not None and d.precision is not None]


def _own_dates(mentions: list[dates_mod.DateMention], clause: Clause, folded: str, lex: Lexicon,
               ) -> list[dates_mod.DateMention]:
    """The clause's dates of its event: not the report's, not another speaker's, not where something began."""
    return [d for d in mentions if clause.start <= d.start < clause.end and not d.reporting
            and not clause.attributed(d.start) and not _since(d, folded, lex)]


def _apart_from(folded: str, d: dates_mod.DateMention, ts: int, lex: Lexicon) -> int:
    """How far the date stands from the trigger at ts: 0 in its own stretch, 1 across a comma, 2 after a "since"
    that follows the trigger ("their first meeting since the war in June")."""
    if d.end <= ts:
        return 1 if "," in folded[d.end : ts] else 0
    between = f" {folded[ts : d.start]} "
    if any(f" {w} " in between for w in lex.since_words):
        return 2
    return 1 if "," in between else 0


def _since(d: dates_mod.DateMention, folded: str, lex: Lexicon) -> bool:
    """Does the date say where something began ("since 2019", "de la începutul anului", "din martie încoace"), not
    when it happened?"""
    first = " ".join(folded[d.start : d.end].split()[:2])
    if ends_with_phrase(words_before(folded, d.start), lex.since_before) or any(
            first == w or first.startswith(w + " ") for w in lex.since_before):
        return True
    after = [w.strip(".,;:!?\"”»)") for w in folded[d.end : d.end + 30].split()[:3]]
    return any(" ".join(after[:k]) in lex.since_after for k in range(1, len(after) + 1))


def _own_date(
    mentions: list[dates_mod.DateMention],
    clause: Clause,
    ts: int,
    status: str,
    etype: str,
    folded: str,
    lex: Lexicon,
) -> dates_mod.DateMention | None:
    """The event's own date (nearest in its clause), else the report's date when that dates it too."""
    own = _own_dates(mentions, clause, folded, lex)
    if own:
        # the nearest, one in the trigger's own stretch of the clause before one across a comma ("X, who arrived
        # on Friday, is due to call on Y on Monday": Monday); the first of the nearest
        return min(own, key=lambda d: (_apart_from(folded, d, ts, lex), abs(d.start - ts)))
    if status != "occurred":
        return None
    report = [d for d in mentions if d.reporting and clause.start <= d.start < clause.end]
    if not report:
        return None
    if etype != "air_attack" and lex.backgrounding.search(folded, clause.start, ts):
        return None  # "Trump, care a avut un summit ..., a declarat marți": Tuesday dates the report
    return report[0]
