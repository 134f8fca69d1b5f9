"""Sentences -> event mentions -> events: the rule-based extractor."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import date
from typing import Final

from events import dates as dates_mod
from events import gazetteer as gaz_mod
from events import lexicon as lex_mod
from events.gazetteer import Entity, Mention, Place
from events.lexicon import Lexicon, fold
from events.phrases import Found, PhraseMatch, Tokens, bisect_left, merge_by_start, word_char
from events.records import Actor, Article, Event, assemble
from events.sentences import split as split_sentences
from events.text import detect_language

_PRECISION_RANK: Final = {"day": 4, "week": 3, "month": 2, "year": 1, None: 0}
# the words that open a relative (or contrastive) clause after a comma
_RELATIVE_WORDS: Final = ("where", "which", "who", "when", "while", "as", "unde", "care", "cand", "in timp ce", "dupa ce",
                          "iar", "dar", "but")
_RELATIVE_AFTER: Final = re.compile(r",\s*(?:" + "|".join(_RELATIVE_WORDS) + r")\b")
_RELATIVE_BY_LETTER: Final[dict[str, tuple[str, ...]]] = {
    w[0]: tuple(x for x in _RELATIVE_WORDS if x[0] == w[0]) for w in _RELATIVE_WORDS
}
_ARTICLES: Final = frozenset(("the", "a", "an"))
_PURPOSE: Final = ("to ", "pentru a ", "in order to ", "spre a ")  # an infinitive of purpose
# "pentru a continua negocierile", "to resume talks": a purpose, up to two words before the trigger
# right after a trigger: "talks with Merz", "convorbirea de marți cu Trump" name the event's own parties
_OWN_PARTIES: Final = re.compile(r"(?:\s+\S+){0,3}?\s+(?:with|cu|between|intre|dintre|among)\b")
_NOT_PURPOSE: Final = frozenset(
    "due expected set going scheduled plan plans planned agreed agree ready willing is are was were be aim aims "
    "hope hopes want wants likely able unable refused refuses declined decided intend intends continue "
    "continues sought seeks urmeaza prepared offered offers proposed proposes invited asked agreed needs "
    "need has have had wishes wish preparat pregatit gata dispus".split()
)
_PURPOSE_BEFORE: Final = re.compile(r"(?:\bto|\bpentru a(?:-\w+)?|\bspre a|\bin order to)\s+(?:\S+\s+){0,2}$")
_STATUS_RANK: Final = {"cancelled": 0, "planned": 1, "occurred": 2}  # at one distance from the trigger the first wins
_PURPOSE_WORDS: Final = ("to", "pentru a", "spre a")  # one of them is in every _PURPOSE_BEFORE match
# words that may stand between a nationality and a name besides title words ("ministrul rus de externe, X")
_TITLE_FILLERS: Final = frozenset(
    "de al a of for the externe afacerilor foreign affairs external defence defense apararii aparare state stat "
    "lui pe interne interior economiei finantelor energiei justitiei cabinetului guvernului".split()
)
_GAP_WORDS: Final = re.compile(r"[\w-]+")
_CAPITALISED: Final = re.compile(r"[A-ZĂÂÎȘȚŞŢÀ-ÖØ-Þ][\w'’\-]+")


class _Mention:
    """One sentence's report of an event, before mentions of the same event are merged.

    A slotted class rather than a dataclass: when compiled its __init__ is native (a dataclass's stays Python).
    """

    __slots__ = ("_countries", "anaphoric", "attacker", "date", "date_text", "etype", "marked", "mentions",
                 "new_instance", "parties", "place", "precision", "same_time", "sentence", "speakers", "status",
                 "target_country", "trigger", "weak")

    def __init__(
        self,
        *,
        etype: str,  # talks / summit / air_attack / meeting (resolved at merge)
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
        same_time: bool = False,  # "în aceeași noapte", "the same day": the date of the previous dated report
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
        self.same_time = same_time
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


def _words_before(folded: str, pos: int, n: int = 3) -> list[str]:
    """The last n words before pos (folded), English articles skipped ("at the White House" -> "at")."""
    words = folded[max(0, pos - 40) : pos].rsplit(None, n + 2)[-n - 2 :]  # the words before the last n + 2 unsplit
    while words and words[-1] in _ARTICLES:
        words.pop()
    return words[-n:]


def _tails(words: list[str]) -> list[str]:
    """The last one, two and three words, joined: the phrases the words may end with."""
    n = len(words)
    if n == 0:
        return []
    if n == 1:
        return [words[-1]]
    if n == 2:
        return [words[-1], words[-2] + " " + words[-1]]
    return [words[-1], words[-2] + " " + words[-1], words[-3] + " " + words[-2] + " " + words[-1]]


def _ends_with_phrase(words: list[str], phrases: frozenset[str]) -> bool:
    """Do the words before a mention end with one of the phrases?"""
    if not words:
        return False
    if words[-1] in phrases:
        return True
    return (len(words) >= 2 and " ".join(words[-2:]) in phrases) or (len(words) >= 3 and " ".join(words[-3:]) in phrases)


class _Clause:
    """A clause of a sentence and its attribution zones (a slotted class: built natively when compiled)."""

    __slots__ = ("end", "start", "zones")

    def __init__(self, start: int, end: int, zones: tuple[tuple[int, int], ...]) -> None:
        self.start = start
        self.end = end
        self.zones = zones  # attribution zones inside the clause


def _occurrences(folded: str, phrases: tuple[str, ...]) -> list[list[int]]:
    """Where each phrase occurs in the text (every start, overlaps included): one pass of str.find per phrase."""
    out: list[list[int]] = []
    for phrase in phrases:
        starts: list[int] = []
        # str.find of a two-character phrase ("; ") is ~20x slower than of its first character, then checked
        short = len(phrase) == 2
        first = phrase[0] if short else phrase
        at = folded.find(first)
        while at != -1:
            if not short or folded.startswith(phrase, at):
                starts.append(at)
            at = folded.find(first, at + 1)
        out.append(starts)
    return out


def _boundary_cuts(lex: Lexicon, occurrences: list[list[int]], s: int, e: int) -> list[int]:
    """The starts of lex.boundaries.finditer(folded, s, e), from where each boundary phrase occurs in the text.

    The regex is an alternation of the phrases: the leftmost match wins, at one place the phrase listed first, and
    the next match begins after it. Scanning every sentence with it cost ~10x more than looking the phrases up.
    """
    found: list[tuple[int, int, int]] = []  # (start, the phrase's place in the list, end)
    for k, starts in enumerate(occurrences):
        if starts:
            size = len(lex.boundary_words[k])
            for at in starts[bisect_left(starts, s) :]:
                if at + size > e:
                    break
                found.append((at, k, at + size))
    cuts: list[int] = []
    if found:
        found.sort()
        pos = s
        for at, _, end in found:
            if at >= pos:
                cuts.append(at)
                pos = end
    return cuts


def _clauses(
    folded: str, lex: Lexicon, triggers: list[tuple[int, int]], cues: Found, s: int, e: int,
    boundaries: list[list[int]],
) -> list[_Clause]:
    """Split a sentence into clauses and mark the attribution ("X said", "potrivit X") zones of each.

    `boundaries`: where each of lex.boundary_words occurs in the article (_occurrences). A reporting verb with a
    trigger after it heads a preposed zone ("X a declarat că ..."), running back to the previous trigger; one after
    every trigger heads a postposed zone to the clause end ("..., a declarat X").
    """
    cuts = [s, *_boundary_cuts(lex, boundaries, s, e), e]
    if lex.intro.match(folded, s):
        # "După convorbirea de marți cu Trump, Putin a ordonat ...": the opening phrase is a clause of its own
        comma = folded.find(",", s, e)
        if comma != -1:
            cuts = sorted({*cuts, comma})
    out = []
    for k in range(len(cuts) - 1):
        cs, ce = cuts[k], cuts[k + 1]
        zones: list[tuple[int, int]] = []
        here = [t for t in triggers if cs <= t[0] < ce]
        for r in cues.get("reporting", cs, ce):
            head = folded[r.start : r.start + 12]
            if head.startswith(("potrivit", "conform", "according", "citing", "citand", "quoting")):
                nxt = folded.find(",", r.end, ce)
                zones.append((r.start, nxt if nxt != -1 else ce))
            elif any(t[0] >= r.end for t in here) and not _postposed(folded, cs, r.start, here):
                zone_start = max([cs] + [t[1] for t in here if t[1] <= r.start])
                last = folded[r.start : r.end].split()[-1]
                if lex.complementizers.fullmatch(folded, r.end - len(last), r.end):
                    zones.append((zone_start, r.end))  # the verb phrase ends in its complementizer ("se așteaptă ca")
                    continue
                nxt_trigger = min(t[0] for t in here if t[0] >= r.end)
                comp = lex.complementizers.search(folded, r.end, min(nxt_trigger, r.end + 60))
                zones.append((zone_start, comp.end() if comp else r.end))
            else:
                first_trigger = ce
                for t in here:  # a loop: compiled, min() of a generator with a default is a call into Python
                    first_trigger = min(first_trigger, t[0])
                before = folded[cs : r.start]
                comma = max(before.rfind(","), before.rfind("”"), before.rfind('"'))
                start = cs + comma if comma != -1 and r.start - (cs + comma) <= 45 else r.start
                zones.append((max(start, first_trigger + 1), ce))
        out.append(_Clause(cs, ce, tuple(zones)))
    return out


def _relative_at(folded: str, comma: int, end: int) -> bool:
    """Does _RELATIVE_AFTER match at the comma (the text cut at `end`)? Its words compared in C, not by the regex."""
    k = comma + 1
    while k < end and folded[k].isspace():
        k += 1
    if k >= end:
        return False
    for w in _RELATIVE_BY_LETTER.get(folded[k], ()):
        after = k + len(w)
        if after <= end and folded.startswith(w, k) and (after == end or not word_char(folded[after])):
            return True
    return False


def _postposed(folded: str, cs: int, verb: int, triggers: list[tuple[int, int]]) -> bool:
    """Is a reporting verb after a trigger in the ", X said" form (not ", who ..., said that")?"""
    if not any(t[1] <= verb for t in triggers):
        return False
    before = folded[cs:verb]
    comma = before.rfind(",")
    if comma == -1 or verb - (cs + comma) > 45:
        return False
    # the comma that closes a relative clause (", who visited Moscow, said ...") opens no attribution
    opener = _RELATIVE_AFTER.search(folded, cs, cs + comma)
    return not (opener and "," not in folded[opener.end() : cs + comma])


def _in_zone(pos: int, clause: _Clause) -> bool:
    return any(a <= pos < b for a, b in clause.zones)


class _Memo:
    """What one article's sentences share: computed once per article, per extract() call (so per thread too)."""

    __slots__ = ("boundaries", "context")

    def __init__(self, boundaries: list[list[int]]) -> None:
        self.boundaries = boundaries  # where each clause boundary phrase occurs (_occurrences)
        self.context: dict[int, tuple[bool, bool, bool]] = {}  # Extractor._mention_context by a name's start


class _LazyDates:
    """The date expressions of a sentence, found only if a mention in it survives to need them."""

    __slots__ = ("end", "found", "lang", "offset", "published", "sentence", "span", "tokens")

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

    def get(self, forward: bool = False) -> list[dates_mod.DateMention]:
        """Date mentions with offsets into the article."""
        if self.found is None or forward:
            # the sentence's words come from the article's, already split
            words = dates_mod.sentence_words(self.tokens, self.span, self.offset, self.end)
            found = dates_mod.find_dates(self.sentence, self.lang, self.published, forward=forward,
                                         offset=self.offset, words=words)
            if forward:
                return found
            self.found = found
        return self.found


class Extractor:
    """Extracts events from articles; holds the compiled vocabularies and the gazetteer."""

    def __init__(self) -> None:
        self.gaz = gaz_mod.load()
        self.types = lex_mod.event_types()
        self.leader_roles, self.as_summit, self.otherwise = lex_mod.meeting_rule()
        self._actors: dict[tuple[str, str, str | None, str], Actor] = {}

    # -- public ------------------------------------------------------------------------------------------
    def extract(self, article: Article) -> list[Event]:
        """All events of one article, mentions of the same event merged."""
        text = article.text
        folded = fold(text)
        lang = article.language or detect_language(text, folded)
        try:
            lex = lex_mod.load(lang)
        except lex_mod.LexiconError:
            lex = lex_mod.load("en")
        tokens = Tokens(folded)
        # one pass over the article's words for the trigger phrases; cue phrases and names are looked up only
        # in the sentences with a trigger (most of an article's words are not in one)
        trigger_matches = lex.triggers.find_all(folded, tokens).matches
        triggers = self._triggers(trigger_matches)
        if not triggers:
            return []
        trigger_starts = [m.start for m in trigger_matches]
        memo = _Memo(_occurrences(folded, lex.boundary_words))
        mentions: list[_Mention] = []
        ti = 0
        for s, e in split_sentences(text, lex):
            while ti < len(triggers) and triggers[ti][1] < s:
                ti += 1
            here = []
            while ti < len(triggers) and triggers[ti][1] < e:
                here.append(triggers[ti])
                ti += 1
            if here:
                span = tokens.span(s, e)
                found = self.gaz.find_tokens(text, folded, tokens, span)
                sent_triggers = trigger_matches[bisect_left(trigger_starts, s) : bisect_left(trigger_starts, e)]
                # at one position the cues come before the triggers, as in one combined pass
                sent_cues = Found(merge_by_start(lex.cues.find_all(folded, tokens, span).matches, sent_triggers))
                mentions.extend(self._sentence(text, folded, s, e, here, found, sent_cues, lex, article.published, tokens,
                                                   span, memo))
        return self._merge(mentions, article, text)

    # -- triggers ----------------------------------------------------------------------------------------
    @staticmethod
    def _triggers(all_cues: list[PhraseMatch]) -> list[tuple[str, int, int, bool]]:
        """(type, start, end, weak) of the trigger phrases, longest first, weak ones only outside strong ones."""
        found: list[tuple[str, int, int, bool]] = []
        for weak_pass in (False, True):
            prefix = "W:" if weak_pass else "T:"
            last_end = -1
            # the strong words' spans, in text order and apart: one pointer follows them through the weak pass
            taken = [(s, e) for _, s, e, _ in found]
            t = 0
            for i, m in enumerate(all_cues):  # in text order, one longest match per label and position
                if not m.label.startswith(prefix) or m.start < last_end:
                    continue
                if weak_pass:
                    while t < len(taken) and taken[t][1] <= m.start:
                        t += 1
                    if t < len(taken) and taken[t][0] <= m.start:
                        continue  # inside a strong trigger word
                best = m
                k = i + 1
                while k < len(all_cues) and all_cues[k].start == m.start:  # matches at one position are adjacent
                    x = all_cues[k]
                    if x.label.startswith(prefix) and x.end > best.end:
                        best = x  # the longest
                    k += 1
                found.append((best.label[2:], best.start, best.end, weak_pass))
                last_end = best.end
        found.sort(key=lambda t: t[1])
        return found

    # -- one sentence ------------------------------------------------------------------------------------
    def _sentence(
        self,
        text: str,
        folded: str,
        s: int,
        e: int,
        triggers: list[tuple[str, int, int, bool]],
        found: list[Mention],
        cues: Found,
        lex: Lexicon,
        published: date | None,
        tokens: Tokens,
        span: range,
        memo: _Memo,
    ) -> list[_Mention]:
        """The event mentions of one sentence (its words are span of the article's tokens); offsets stay relative
        to the article."""
        out: list[_Mention] = []  # a list, not a generator: compiled with mypyc, a generator costs more
        if all(t[3] for t in triggers) and not any(m.place for m in found):
            return out  # only bare "drones"/"hit" words and no place named: nothing was attacked here
        if not found and cues.first("anaphora") is None and cues.first("new_instance") is None:
            return out  # no actor, place or reference to one: nothing to report or to add to an event
        found = self._titled_persons(text, folded, cues, found, lex)
        clauses = _clauses(folded, lex, [(t[1], t[2]) for t in triggers], cues, s, e, memo.boundaries)
        date_mentions = _LazyDates(text, s, e, lex.language, published, tokens, span)
        done: set[tuple[int, str]] = set()
        # several trigger words in one clause: the specific one decides ("s-au reunit ... pentru summit" is a
        # summit; "a întrerupt reuniunea pentru a-l suna pe Putin" a call) -- generic meeting words go last
        rank = {self.as_summit: 0, "meeting": 2}
        for etype, ts, te, weak in sorted(triggers, key=lambda t: (rank.get(t[0], 1), t[1])):
            clause = next((c for c in clauses if c.start <= ts < c.end), clauses[-1])
            family = "attack" if self.types.get(etype) and self.types[etype].roles == "attack" else "parties"
            if (clause.start, family) in done:
                continue  # several trigger words of one kind in one clause ("summit" ... "meeting"): one mention
            if weak and any(not t[3] and t[0] != etype and clause.start <= t[1] < clause.end for t in triggers):
                continue  # "talks ... on a joint drone manufacturing deal": the clause reports the talks
            if self._reference_before(folded, max(clause.start, ts - 40), ts, lex) and not _OWN_PARTIES.match(
                folded, te, min(clause.end, te + 30)
            ):
                continue  # "după summit": a time reference; "after talks with Merz in Berlin" still reports them
            if self._purpose(folded, max(clause.start, ts - 40), ts) and any(
                t[1] != ts and clause.start <= t[1] < clause.end and t[0] != etype for t in triggers
            ):
                continue  # "met in Ankara to discuss a ceasefire": the purpose of the meeting, not another event
            m = self._mention(text, folded, cues, etype, ts, te, weak, clause, clauses, found, date_mentions, lex,
                              published, memo)
            if weak and m is None:
                continue  # a bare "drones" that found no place: a strong word of the clause may still report it
            done.add((clause.start, family))  # one attempt per clause and kind: the others would find the same
            if m is not None:
                m.sentence = (s, e)
                out.append(m)
        return out

    @staticmethod
    def _reference_before(folded: str, start: int, ts: int, lex: Lexicon) -> bool:
        """Does the trigger follow a time reference ("după summit", "ahead of the talks")?"""
        if all(folded.find(w, start, ts) == -1 for w in lex.reference_words):
            return False  # none of the words: substring searches in C are ~10x cheaper than the regex
        return lex.reference_before.search(folded, start, ts) is not None

    @staticmethod
    def _purpose(folded: str, start: int, ts: int) -> bool:
        """Is the trigger in a purpose clause ("met ... to discuss", "pentru a continua negocierile")?"""
        if all(folded.find(w, start, ts) == -1 for w in _PURPOSE_WORDS):
            return False  # none of the regex's words: substring searches in C are ~10x cheaper than the regex
        m = _PURPOSE_BEFORE.search(folded, start, ts)
        if m is None:
            return False
        before = folded[max(0, m.start() - 20) : m.start()].split()
        # "is due to hold talks", "expected to meet": the infinitive is the event itself, not a purpose
        return not (before and before[-1] in _NOT_PURPOSE)

    def _titled_persons(
        self, sent: str, fsent: str, cues: Found, found: list[Mention], lex: Lexicon
    ) -> list[Mention]:
        """Turn "ministrul turc de externe Hakan Fidan" into a person of Turkey; absorb the adjective."""
        out: list[Mention] = []
        skip: set[int] = set()
        for i, m in enumerate(found):
            if i in skip:
                continue
            ent = m.entity
            if not (ent and ent.kind == "country" and not ent.seat) or not cues.first("title", max(0, m.start - 40), m.end + 40):
                out.append(m)
                continue
            window_end = min(len(sent), m.end + 45)
            nxt = found[i + 1] if i + 1 < len(found) else None
            if nxt and nxt.entity and nxt.entity.kind == "person" and self._only_title_between(fsent, m.end, nxt.start, lex):
                # "președintele ucrainean Volodimir Zelenski": the known person carries the country
                if nxt.entity.country is None:
                    nxt = nxt.with_entity(replace(nxt.entity, country=ent.country))
                out.append(nxt)
                skip.add(i + 1)
                continue
            limit = nxt.start if nxt else window_end
            name = self._name_after(sent, m.end, min(limit, window_end))
            if name and not self._only_title_between(fsent, m.end, name[0], lex):
                name = None
            if name:
                ns, ne = name
                person = Entity(sent[ns:ne], "person", ent.country)
                out.append(Mention(ns, ne, sent[ns:ne], person, None))
            elif self._leader_title_next_to(fsent, cues, m):
                # "liderul ucrainean", "the Russian president": a head of state without a name
                leader = Entity(f"{ent.name} (leader)", "person", ent.country, ("head_of_state",))
                out.append(m.with_entity(leader))
            else:
                out.append(m)
        return out

    @staticmethod
    def _leader_title_next_to(fsent: str, cues: Found, m: Mention) -> bool:
        """Is a leader's title right before or after the nationality ("președintele rus", "Ukrainian leader")?"""
        for t in cues.get("leader", max(0, m.start - 30), m.end + 30):
            if (t.end <= m.start and not fsent[t.end : m.start].strip()) or (
                t.start >= m.end and not fsent[m.end : t.start].strip()
            ):
                return True
        return False

    @staticmethod
    def _only_title_between(fsent: str, start: int, end: int, lex: Lexicon) -> bool:
        """Is the gap between a nationality and a name only title words ("de externe", "Foreign Minister")?"""
        gap = lex.titles.sub(" ", fsent[start:end])
        return all(w in _TITLE_FILLERS for w in _GAP_WORDS.findall(gap))

    @staticmethod
    def _name_after(sent: str, start: int, end: int) -> tuple[int, int] | None:
        """A run of two or three capitalised words between start and end ("Hakan Fidan")."""
        words = list(_CAPITALISED.finditer(sent, start, end))
        for i in range(len(words)):
            run = [words[i]]
            for w in words[i + 1 : i + 3]:
                if sent[run[-1].end() : w.start()].strip():
                    break
                run.append(w)
            if len(run) >= 2:
                return run[0].start(), run[-1].end()
        return None

    def _mention(
        self,
        sent: str,
        fsent: str,
        cues: Found,
        etype: str,
        ts: int,
        te: int,
        weak: bool,
        clause: _Clause,
        clauses: list[_Clause],
        found: list[Mention],
        date_mentions: _LazyDates,
        lex: Lexicon,
        published: date | None,
        memo: _Memo,
    ) -> _Mention | None:
        cs, ce = clause.start, clause.end
        # -- negation and status -----------------------------------------------------------------------
        status, marked = self._status(fsent, cues, ts, te, clause)
        if status is None:
            return None
        # -- actors and places in this clause ----------------------------------------------------------
        parties: list[Entity] = []
        speakers: list[str] = []
        speaker_entities: list[Entity] = []
        weapons: list[Entity] = []
        targeted: str | None = None
        own_subject = False
        places: list[tuple[Mention, bool]] = []  # (mention, after a target/place preposition)
        countries_near: list[tuple[int, Entity]] = []
        spec = self.types.get(etype)
        attack = bool(spec and spec.roles == "attack")
        topics = [] if attack else self._topic_zones(fsent, cues, cs, ce, lex)
        relatives = [(a, b) for a, b in self._relative_zones(fsent, cs, ce) if not a <= ts < b]
        for m in found:
            if not (cs <= m.start < ce):
                continue
            if any(a <= m.start < b for a, b in topics):
                continue  # "au discutat despre atacurile Rusiei": a topic, not a party or the venue
            if m.entity and not m.place and any(a <= m.start < b for a, b in relatives):
                continue  # "talks ..., which Turkey had offered to host, ...": Turkey is no party
            placed_as_target, placed_as_venue, context = self._mention_context(fsent, m, lex, memo)
            placed = placed_as_target if attack else placed_as_venue
            if m.place and (placed or not m.entity):
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
            if not attack and ent.adjective and self._describes_place(fsent, m, lex):
                continue  # "in the South Korean city of Busan": the venue's country, not a party
            if attack and placed_as_target and ent.kind == "country" and targeted is None and m.start > ts:
                targeted = ent.country  # "atacuri cu drone asupra Ucrainei": the country hit, no place named
            if _in_zone(m.start, clause):
                if ent.kind in ("person", "organization", "country"):
                    speakers.append(ent.name)
                    speaker_entities.append(ent)
                continue
            if m.start < ts:
                own_subject = True
            if ent.country:
                countries_near.append((m.start, ent))
            parties.append(ent)
        place_m = self._best_place(places)
        place = place_m.place if place_m else None
        if not attack and cues.first("remote", cs, ce) is not None:
            place_m = place = None  # a phone or video call has no venue
        elif not attack and place is None:
            place = self._bare_place(sent, fsent, cs, ce, lex, lex.place_before, found)  # "in the city of Busan"
        # -- air attack roles --------------------------------------------------------------------------
        attacker = None
        target_country = None
        if attack:
            if place is None:
                place = self._bare_place(sent, fsent, cs, ce, lex)
                place_m = None
            if weak and place is None:
                # "Kyiv was struck by Russian missiles": the place hit named as the subject, just before
                subj = next((m for m in reversed(found) if cs <= m.start < ts and ts - m.end <= 40 and m.place
                             and m.place.kind in ("city", "region", "country_part")), None)
                if subj is not None and subj.place is not None \
                        and any(ent.country != subj.place.country for _, ent in countries_near):
                    place, place_m = subj.place, None
                    parties = [p for p in parties if p != subj.entity]
                    countries_near = [(pos, ent) for pos, ent in countries_near if pos != subj.start]
            if weak and place_m is not None and not self._weak_target_ok(place_m, cues):
                place = place_m = None
            if weak and (place is None or place.kind in ("venue", "country") or not self._place_follows(place_m, te)):
                return None  # a bare "drones"/"hit" is an attack only with a city or region hit named after it
            target_country = place.country if place else targeted
            attacker = self._attacker(fsent, ts, te, countries_near, target_country, lex)
            if attacker is None:
                attacker = next((w for w in weapons if w.country != target_country), None)
            if place is None:
                # "Kievul a fost ținta unui atac rusesc": the place hit is the subject, not after a preposition
                hit = next((m for m in found if cs <= m.start < ce and m.place and m.place.kind != "country"
                            and (attacker is None or m.place.country != attacker.country)), None)
                if hit is not None and hit.place is not None:
                    place, target_country = hit.place, hit.place.country
                    parties = [p for p in parties if p != hit.entity]
            sides = {attacker.country if attacker else None, target_country}
            parties = [p for p in parties if p.kind in ("organization", "group") or (p.kind == "person" and p.country in sides)]
            if attacker is None and target_country is None:
                return None
        else:
            if not own_subject or len({self._party_key(p) for p in parties}) < 2:
                # a verb-initial clause ("și ulterior s-a întâlnit cu ...") shares the sentence's subject
                subject = self._sentence_subject(found, clauses, fsent, lex)
                if subject is not None and subject not in parties:
                    parties.insert(0, subject)
            if len({self._party_key(p) for p in parties}) < 2:
                # "Lavrov said he had met Rubio": the speaker is a party when no one else could be
                parties.extend(e for e in speaker_entities if e not in parties)
            country_parties = {p.country for p in parties if p.country}
            if len(country_parties) == 1 and place and place.country and place.country not in country_parties \
                    and cues.first("host", cs, ce) is not None:
                # "Rubio traveled to Kyiv for talks", "vizita lui Sibiha la Budapesta": the host is a party
                host = self.gaz.country_entity(place.country)
                if host is not None:
                    parties.append(host)
        # -- date ------------------------------------------------------------------------------------
        dm = self._date_for(date_mentions.get(), clause, ts, status, etype, fsent, lex)
        when, precision, date_text = None, None, None
        if dm is not None:
            date_text = dm.text
            if status == "planned" and dm.relative and published is not None:
                fwd = next((d for d in date_mentions.get(forward=True) if d.start == dm.start), dm)
                dm = fwd
            when, precision = dm.value, dm.precision
        trig_text = sent[ts:te]
        new_instance = cues.first("new_instance", max(cs, ts - 40), te + 20) is not None
        anaphoric = cues.first("anaphora", cs, ce) is not None
        same_time = when is None and cues.first("same_time", cs, ce) is not None
        return _Mention(
            same_time=same_time,
            anaphoric=anaphoric,
            etype=etype,
            status=status,
            marked=marked,
            parties=parties,
            attacker=attacker,
            target_country=target_country,
            place=place,
            date=when,
            precision=precision,
            date_text=date_text,
            speakers=speakers,
            sentence=(0, 0),
            trigger=trig_text,
            weak=weak,
            new_instance=new_instance,
        )

    @staticmethod
    def _mention_context(fsent: str, m: Mention, lex: Lexicon, memo: _Memo) -> tuple[bool, bool, bool]:
        """(after a target preposition, after a place preposition, after "războiul din"), once per name."""
        cache = memo.context
        hit = cache.get(m.start)
        if hit is None:
            before = _words_before(fsent, m.start)
            # a preposition phrase ends with the last word before the name: most names fail that one set lookup
            tails = _tails(before) if before and before[-1] in lex.preposition_last else []
            hit = (
                any(t in lex.target_before for t in tails),
                any(t in lex.place_before for t in tails),
                # every phrase's last word is the last word before the name: most names fail that set lookup
                bool(before) and before[-1] in lex.context_last
                and lex.context_before.search(fsent, max(0, m.start - 30), m.start) is not None,
            )
            cache[m.start] = hit
        return hit

    @staticmethod
    def _describes_place(fsent: str, m: Mention, lex: Lexicon) -> bool:
        """Is a nationality right next to a place noun ("the Egyptian resort of", "orașul sud-coreean")?"""
        return bool(lex.place_noun_after.match(fsent, m.end) or lex.place_noun_before.search(fsent, max(0, m.start - 20),
                                                                                            m.start))

    @staticmethod
    def _topic_zones(fsent: str, cues: Found, cs: int, ce: int, lex: Lexicon) -> list[tuple[int, int]]:
        """Stretches that name what talks are about, up to the next "between/with" or comma."""
        zones = []
        for t in cues.get("topic", cs, ce):
            end_m = lex.topic_end.search(fsent, t.end, ce)
            comma = fsent.find(",", t.end, ce)
            ends = [x for x in (end_m.start() if end_m else -1, comma) if x != -1]
            zones.append((t.end, min(ends) if ends else ce))
        return zones

    @staticmethod
    def _relative_zones(fsent: str, cs: int, ce: int) -> list[tuple[int, int]]:
        """Relative clauses set off by commas (", which ... ,", ", care ... ,")."""
        zones: list[tuple[int, int]] = []
        # every relative clause opens with a comma: its opening word is looked for at each comma (found in C)
        at = fsent.find(",", cs, ce)
        while at != -1:
            nxt = fsent.find(",", at + 1, ce)
            if _relative_at(fsent, at, ce):
                zones.append((at, nxt if nxt != -1 else ce))  # up to the next comma (none in the opener)
            at = nxt
        return zones

    @staticmethod
    def _party_key(e: Entity) -> str:
        return e.country or e.name

    def _status(self, fsent: str, cues: Found, ts: int, te: int, clause: _Clause) -> tuple[str | None, bool]:
        """(status, marked) from the cue nearest to the trigger; (None, _) for a negated mention."""
        cs, ce = clause.start, clause.end
        post_zone = -1  # the first zone after the trigger begins (a loop: compiled, min() with a default is a call)
        for a, _ in clause.zones:
            if a > ts and (post_zone == -1 or a < post_zone):
                post_zone = a
        if post_zone == -1:
            post_zone = ce
        # after the trigger only its own predicate counts ("talks were called off"), not a relative clause
        # ("..., where he promised that Washington would ...")
        relatives = self._relative_zones(fsent, te, post_zone)
        end = min(post_zone, te + 90 + sum(b - a for a, b in relatives))
        near: list[tuple[int, str]] = []  # (distance to the trigger, status)
        for m in cues.get(("planned", "cancelled", "occurred"), cs, end):
            if any(a <= m.start < b for a, b in relatives):
                continue  # "..., care urma să aibă loc la Budapesta, a fost anulat": the relative is aside
            if m.start < te and m.end > ts:
                dist = 0  # the trigger itself carries the status ("met", "amânarea", "upcoming")
            else:
                dist = ts - m.end if m.end <= ts else m.start - te
                if m.start >= te and m.label == "planned" and fsent.startswith(_PURPOSE, m.start):
                    continue  # "met in Ankara to discuss a ceasefire": a purpose, not a plan
            if dist >= 0:
                near.append((dist, m.label))
        cancelled = any(st == "cancelled" for _, st in near)
        if cues.first("negation", max(cs, ts - 25), ts) is not None or cues.first("denial", max(cs, ts - 70), ts):
            return ("cancelled", True) if cancelled else (None, False)
        if not near:
            return "occurred", False
        # the nearest cue; at one distance the stronger (a loop: compiled, min() with a key lambda costs more)
        best_dist, status = near[0]
        for dist, st in near[1:]:
            if dist < best_dist or (dist == best_dist and _STATUS_RANK[st] < _STATUS_RANK[status]):
                best_dist, status = dist, st
        if status == "planned" and cancelled:
            status = "cancelled"  # "a respins propunerea unei întâlniri": the plan was called off
        return status, True

    @staticmethod
    def _best_place(places: list[tuple[Mention, bool]]) -> Mention | None:
        """The most specific place named after a place preposition, else any place named."""
        best: Mention | None = None
        best_key = (True, True, 0)
        for m, placed in places:  # the first of the least (a loop: compiled, min() with a key lambda costs more)
            key = (not placed, m.place is not None and m.place.kind == "country", m.start)
            if best is None or key < best_key:
                best, best_key = m, key
        return best

    @staticmethod
    def _weak_target_ok(m: Mention, cues: Found) -> bool:
        """A bare "strikes" did not hit a place that names another event ("after the Alaska summit")."""
        return not cues.get(("T:talks", "T:summit", "T:meeting"), max(0, m.start - 25), m.end + 25)

    @staticmethod
    def _place_follows(m: Mention | None, te: int) -> bool:
        """Is the place named close to the trigger ("drones hit Odesa", "In Kharkiv, a drone hit")?"""
        return m is None or -60 <= m.start - te <= 80

    def _bare_place(
        self, sent: str, fsent: str, cs: int, ce: int, lex: Lexicon, before: frozenset[str] | None = None,
        names: list[Mention] | None = None,
    ) -> Place | None:
        """A city from the offline city list named after a target (or the given) preposition ("asupra orașului X").

        Month and weekday names are never cities here ("in March" is no town in Cambridgeshire), nor is a word of
        a known name or of a run of capitalised words ("pe Vladimir Putin", "in Donald Trump's plan").
        """
        before = lex.target_before if before is None else before
        date_words = dates_mod.anchor_words(lex.language)
        for w in _CAPITALISED.finditer(sent, cs, ce):
            # cheapest test first: most capitalised words are known names ("pe Vladimir Putin")
            if names is not None and (
                any(m.start <= w.start() < m.end for m in names) or _CAPITALISED.match(sent, w.end() + 1)
            ):
                continue
            if not _ends_with_phrase(_words_before(fsent, w.start()), before):
                continue
            key = gaz_mod.key_of(w.group())
            if key in date_words:
                continue
            city = self.gaz.city(key)
            if city is not None:
                return city
        return None

    @staticmethod
    def _attacker(
        fsent: str, ts: int, te: int, near: list[tuple[int, Entity]], target: str | None, lex: Lexicon
    ) -> Entity | None:
        """The country behind an air attack: explicit "de către X", else the nearest other country."""
        for pos, ent in near:
            if lex.attacker_before.search(fsent, max(0, pos - 20), pos):
                return ent
        nearest: Entity | None = None
        best = 0
        for pos, ent in near:  # the first of the nearest
            if ent.country != target and (nearest is None or abs(pos - ts) < best):
                nearest, best = ent, abs(pos - ts)
        return nearest

    def _sentence_subject(
        self, found: list[Mention], clauses: list[_Clause], fsent: str, lex: Lexicon
    ) -> Entity | None:
        """The first party-like actor of the sentence's main clause (shared by coordinated verbs).

        After an introductory phrase ("După convorbirea cu Trump, Putin a ordonat ...") the main clause is the
        second one, and its subject is also the implied subject of the introduction.
        """
        first = clauses[0]
        if len(clauses) > 1 and lex.intro.match(fsent, first.start):
            first = clauses[1]
        for m in found:
            if m.entity is None or not first.start <= m.start < first.end or _in_zone(m.start, first):
                continue
            if m.place and _ends_with_phrase(_words_before(fsent, m.start), lex.place_before):
                continue
            return m.entity
        return None

    @staticmethod
    def _date_for(
        mentions: list[dates_mod.DateMention],
        clause: _Clause,
        ts: int,
        status: str,
        etype: str,
        fsent: str,
        lex: Lexicon,
    ) -> dates_mod.DateMention | None:
        """The event's own date (nearest in its clause), else the report's date when that dates it too."""
        own = [d for d in mentions if clause.start <= d.start < clause.end and not d.reporting and not _in_zone(d.start, clause)]
        if own:
            nearest = own[0]
            for d in own[1:]:  # the first of the nearest
                if abs(d.start - ts) < abs(nearest.start - ts):
                    nearest = d
            return nearest
        if status != "occurred":
            return None
        report = [d for d in mentions if d.reporting and clause.start <= d.start < clause.end]
        if not report:
            return None
        backgrounded = lex.backgrounding.search(fsent, clause.start, ts)
        if etype != "air_attack" and backgrounded:
            return None  # "Trump, care a avut un summit ..., a declarat marți": Tuesday dates the report
        return report[0]

    # -- merging -----------------------------------------------------------------------------------------
    def _merge(self, mentions: list[_Mention], article: Article, text: str) -> list[Event]:
        """Mentions of one real event (headline + body, "the summit" again) become one event."""
        events: list[_Mention] = []
        pending: list[_Mention] = []
        previous: _Mention | None = None
        dated: _Mention | None = None
        for m in mentions:
            if m.same_time and dated is not None:
                m.date, m.precision, m.date_text = dated.date, dated.precision, dated.date_text
            if m.date is not None:
                dated = m
            if m.anaphoric and len(m.countries) < 2 and previous is not None:
                names = {p.name for p in m.parties}
                m.parties = [p for p in previous.parties if p.name not in names] + m.parties
                m.changed()
            if len(m.countries) >= 2:
                previous = m
            target = next((ev for ev in events if self._same(ev, m)), None)
            if target is not None:
                self._absorb(target, m)
            elif self._can_stand(m):
                events.append(m)
            else:
                pending.append(m)
        for m in pending:  # a thin mention that precedes the full one ("Întâlnirea ..." in a headline)
            target = next((ev for ev in events if self._same(ev, m)), None)
            if target is not None:
                self._absorb(target, m)
            elif m.new_instance and not m.countries:
                # "the two leaders will meet again": the parties of the latest event of that kind, a new event
                prior = next((ev for ev in reversed(events) if self._types_compatible(ev.etype, m.etype)), None)
                if prior is not None:
                    m.parties = list(prior.parties)
                    m.changed()
                    m.etype = prior.etype if m.etype == "meeting" else m.etype
                    events.append(m)
        for ev in events:
            if ev.attacker is None and ev.target_country and self.types.get(ev.etype, None) and \
                    self.types[ev.etype].roles == "attack":
                # "a barrage of missiles hit Dnipro" after "Russian strikes on ...": the article's attacker
                ev.attacker = next((o.attacker for o in events if o is not ev and o.attacker
                                    and o.etype == ev.etype and o.target_country == ev.target_country), None)
                ev.changed()
        # "fragments of a drone near Galați": a bare word, and no one in the article fired at that country
        events = [ev for ev in events if not (ev.weak and ev.attacker is None
                                              and self.types.get(ev.etype) and self.types[ev.etype].roles == "attack")]
        out: list[Event] = []
        seen: set[str] = set()
        for m in events:
            row = self._to_event(m, article, text)
            n = 1
            while row.event_id in seen:  # two events of one kind and parties in one sentence (different places)
                n += 1
                row = replace(row, event_id=hashlib.sha1(f"{row.event_id}|{n}".encode()).hexdigest()[:16])
            seen.add(row.event_id)
            out.append(row)
        return out

    def _resolved_type(self, m: _Mention) -> str:
        if m.etype != "meeting":
            return m.etype
        leaders = {p.country or p.name for p in m.parties if p.kind == "person" and set(p.roles) & self.leader_roles}
        return self.as_summit if len(leaders) >= 2 else self.otherwise

    def _can_stand(self, m: _Mention) -> bool:
        spec = self.types.get(self._resolved_type(m))
        n = len({self._party_key(p) for p in m.parties} | ({m.target_country} if m.target_country else set()))
        if spec and spec.roles == "attack":
            return bool(m.attacker or m.target_country)
        if spec and spec.organization_alone and any(p.kind == "organization" for p in m.parties):
            return True
        return n >= (spec.min_parties if spec else 2)

    def _same(self, ev: _Mention, m: _Mention) -> bool:
        """Could mention m be another report of event ev?"""
        # the cheap tests first: most pairs of an article's mentions differ in their parties already
        a, b = ev.countries, m.countries
        if a and b and not (b <= a or (a <= b and len(a) < 2)):
            return False  # a report may add detail to an event, not new parties to a two-party one
        if not a and not b and {p.name for p in ev.parties} != {p.name for p in m.parties}:
            return False
        if ev.status != m.status and ev.marked and m.marked:
            return False
        if ev.status != m.status and (ev.marked != m.marked):
            unmarked = m if ev.marked else ev
            if unmarked.place is not None or unmarked.precision == "day":
                return False  # a dated, placed report is its own event, not a mention of a planned one
        if m.new_instance and ev.status != m.status:
            return False
        if ev.place and m.place and ev.place.name != m.place.name and ev.place.kind != "country" and m.place.kind != "country":
            return False
        if ev.date and m.date and ev.precision == m.precision == "day" and ev.date != m.date:
            return False
        return self._types_compatible(self._decided_type(ev), self._decided_type(m))

    def _decided_type(self, m: _Mention) -> str:
        """A meeting of two leaders is a summit, of two named non-leaders talks; others stay open until merged."""
        if m.etype != "meeting":
            return m.etype
        if self._resolved_type(m) == self.as_summit:
            return self.as_summit
        persons = [p for p in m.parties if p.kind == "person"]
        if len({p.country or p.name for p in persons}) >= 2:
            return self.otherwise
        return m.etype

    def _types_compatible(self, a: str, b: str) -> bool:
        """Same type, or a "meeting" and a type a meeting can turn out to be."""
        if a == b:
            return True
        return "meeting" in (a, b) and ({a, b} - {"meeting"}) <= {self.as_summit, self.otherwise}

    def _absorb(self, ev: _Mention, m: _Mention) -> None:
        """Fold mention m into event ev: keep the most precise date and place, the best evidence sentence."""
        if ev.etype == "meeting" and m.etype != "meeting":
            ev.etype = m.etype
        if not ev.marked and m.marked:
            ev.status, ev.marked = m.status, True
        names = {p.name for p in ev.parties}
        ev.parties.extend(p for p in m.parties if p.name not in names)
        ev.attacker = ev.attacker or m.attacker
        ev.target_country = ev.target_country or m.target_country
        ev.changed()
        richer = _richness(m) > _richness(ev)
        if _PRECISION_RANK[m.precision] > _PRECISION_RANK[ev.precision]:
            ev.date, ev.precision, ev.date_text = m.date, m.precision, m.date_text
        if m.place and (ev.place is None or (ev.place.kind == "country" and m.place.kind != "country")):
            ev.place = m.place
        ev.speakers.extend(s for s in m.speakers if s not in ev.speakers)
        if richer:
            ev.sentence, ev.trigger, ev.weak = m.sentence, m.trigger, m.weak and ev.weak
        ev.mentions += 1

    def _to_event(self, m: _Mention, article: Article, text: str) -> Event:
        etype = self._resolved_type(m)
        spec = self.types.get(etype)
        # (name, kind, country, role) in order, the first of each (name, role) kept (a loop rather than a closure:
        # compiled, a closure call costs several times a list append)
        wanted: list[tuple[str, str, str | None, str]] = []
        if spec and spec.roles == "attack":
            if m.attacker and m.attacker.country:
                wanted.append((self.gaz.country_names.get(m.attacker.country, m.attacker.name), "country",
                               m.attacker.country, "initiator"))
            if m.target_country:
                wanted.append((self.gaz.country_names.get(m.target_country, m.target_country), "country",
                               m.target_country, "target"))
            if m.place and m.place.kind != "country":
                wanted.append((m.place.name, "city", m.place.country, "target"))
        for p in m.parties:
            if p.kind == "country":
                wanted.append((p.name, "country", p.country, "participant"))
            else:
                wanted.append((p.name, p.kind, p.country, "participant"))
                if p.country and (spec is None or spec.roles != "attack"):
                    wanted.append((self.gaz.country_names.get(p.country, p.country), "country", p.country,
                                   "participant"))
        actors: list[Actor] = []
        seen: set[tuple[str, str]] = set()
        known = self._actors
        for key in wanted:
            name, kind, country, role = key
            if (name, role) not in seen:
                seen.add((name, role))
                actor = known.get(key)
                if actor is None:  # the same few actors recur in every article: one shared immutable record each
                    actor = Actor(name, kind, country, role)
                    if len(known) < 100_000:
                        known[key] = actor
                actors.append(actor)
        s, e = m.sentence
        confidence = 0.45 + (0.0 if m.weak else 0.15) + (0.1 if len(m.countries) >= 2 else 0.0)
        confidence += (0.1 if m.date else 0.0) + (0.05 if m.place else 0.0) + (0.05 if m.marked else 0.0)
        confidence += min(0.09, 0.03 * (m.mentions - 1))
        countries = ",".join(sorted(m.countries))
        eid = hashlib.sha1(f"{article.article_id}|{etype}|{m.status}|{countries}|{s}".encode()).hexdigest()[:16]
        place = m.place
        party_names = {p.name for p in m.parties}
        return assemble(Event, {  # an Event, built without its slow frozen __init__
            "event_id": eid,
            "event_type": etype,
            "status": m.status,
            "actors": tuple(actors),
            "sentence": text[s:e],
            "start": s,
            "end": e,
            "article_id": article.article_id,
            "confidence": round(min(confidence, 0.99), 2),
            "date": m.date,
            "date_precision": m.precision if m.date else None,
            "date_text": m.date_text,
            "location_name": place.name if place else None,
            "location_country": place.country if place else None,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "attributed_to": tuple(dict.fromkeys(s for s in m.speakers if s not in party_names)),
            "trigger": m.trigger,
        })


def _richness(m: _Mention) -> tuple[int, int, int, int]:
    return (len(m.countries), _PRECISION_RANK[m.precision], int(m.place is not None), int(not m.weak))


_EXTRACTOR: Extractor | None = None


def extractor() -> Extractor:
    """The process-wide extractor (vocabularies and gazetteer load once)."""
    global _EXTRACTOR
    if _EXTRACTOR is None:
        _EXTRACTOR = Extractor()
    return _EXTRACTOR


def extract(article: Article) -> list[Event]:
    """Events of one article."""
    return extractor().extract(article)
