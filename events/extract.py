"""Article -> events: the rule-based extractor as a pipeline of stages, each its own module.

sentences -> trigger words (mentions) -> clauses -> status -> arguments (parties, roles, place) -> date
-> frames (the mentions of one event together, references resolved) -> Event records.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Final

from events import dates as dates_mod
from events import gazetteer as gaz_mod
from events import lexicon as lex_mod
from events import named_events
from events.arguments import (
    bare_place,
    capital_cities,
    mention_arguments,
    not_parties,
    places_before,
    sentence_subjects,
    titled_persons,
)
from events.clauses import Clause, occurrences, split_clauses, topic_zones
from events.event_records import EventRecords
from events.frames import TypeRules, build_frames
from events.gazetteer import Entity, Gazetteer, Mention, Place
from events.lexicon import Lexicon, fold
from events.mention_dates import LazyDates, enumerated_dates, mention_date
from events.mentions import (
    EventMention,
    Reference,
    Trigger,
    after_past,
    family,
    has_own,
    other_round,
    own_cues,
    reporting_triggers,
    trigger_spans,
)
from events.named_events import NamedEvent
from events.phrases import Found, PhraseMatch, Tokens, bisect_left, merge_by_start
from events.records import Article, Event
from events.sentences import split as split_sentences
from events.status import at_occasion, dated_status, mention_status
from events.text import detect_language

# a dateline: a place name, then a date or a dash or colon, at the very start of the text
_PLACE_WORDS: Final = r"[^\W\d_][^\W\d_ .'’-]*(?:[ .'’-][^\W\d_]+){0,2}"
# (several places: "BAKU/YEREVAN, Sept 21 -")
_DATELINE: Final = re.compile(
    rf"\s*({_PLACE_WORDS})(?:\s*/\s*{_PLACE_WORDS})*\s*(?:,[^\n]{{0,30}}?|\([^)\n]{{1,30}}\))?\s*(?:--|—|–|-|:)\s"
)


class _Sentence:
    """One sentence with a trigger word and what the stages read of it (offsets are the article's)."""

    __slots__ = ("_previous_names", "_previous_subjects", "article", "before", "before_attacks", "cues", "dateline",
                 "dateline_end", "dates", "e", "folded", "found", "lex", "named", "prior", "s", "text", "tokens",
                 "triggers")

    def __init__(self, article: Article, text: str, folded: str, s: int, e: int, lex: Lexicon, tokens: Tokens,
                 span: range, triggers: list[Trigger], found: list[Mention], cues: Found) -> None:
        self.article = article
        self.text = text
        self.folded = folded
        self.s = s
        self.e = e
        self.lex = lex
        self.tokens = tokens
        self.triggers = triggers
        self.found = found  # the names in the sentence
        self.cues = cues  # the cue and trigger phrases in the sentence
        self.dates = LazyDates(text, s, e, lex.language, article.published, tokens, span)
        self.before = (0, 0)  # the previous sentence
        self.before_attacks = False  # does the previous sentence have an attack word ("Russia launched an attack")?
        self.dateline_end = 0  # where the article's dateline ends ("TOKYO --"): its city is no subject
        self.dateline: Place | None = None  # where the news was filed
        self.named: list[tuple[int, int, NamedEvent]] = []  # the events it names by their names ("the Alaska summit")
        self.prior: _Sentence | None = None  # the latest earlier sentence with a trigger word
        self._previous_subjects: list[Entity] | None = None
        self._previous_names: list[Mention] | None = None

    def previous_names(self, gaz: Gazetteer) -> list[Mention]:
        """The names of the previous sentence (looked up once, when asked)."""
        if self._previous_names is None:
            bs, be = self.before
            self._previous_names = []
            if be > bs:
                # names and cues are looked up only in sentences with a trigger word: the previous one's, when asked
                # (its own titles make "Somali President X" a person, not the country's adjective)
                span = self.tokens.span(bs, be)
                cues = self.lex.cues.find_all(self.folded, self.tokens, span)
                year = self.article.published.year if self.article.published else None
                names = [m for m in gaz.dated(gaz.find_tokens(self.text, self.folded, self.tokens, span), year)
                         if m.start >= self.dateline_end]
                self._previous_names = titled_persons(self.text, self.folded, cues, names, self.lex)
        return self._previous_names

    def previous_day(self) -> dates_mod.DateMention | None:
        """The last date to the day the previous sentence names, if any (its dates are read only when asked)."""
        bs, be = self.before
        if be <= bs:
            return None
        if self.prior is not None and (self.prior.s, self.prior.e) == self.before:
            told = self.prior.dates.get()  # a sentence with a trigger word has read its dates already
        else:
            told = LazyDates(self.text, bs, be, self.lex.language, self.article.published, self.tokens,
                             self.tokens.span(bs, be)).get()
        return next((d for d in reversed(told) if d.precision == "day" and d.value is not None), None)

    def previous_subjects(self, gaz: Gazetteer) -> list[Entity]:
        """The subject of the previous sentence (persons and countries), for a clause that has none of its own."""
        if self._previous_subjects is None:
            bs, be = self.before
            found = self.previous_names(gaz)
            clauses = [Clause(bs, be, ())]
            comma = self.folded.find(",", bs, be)
            if comma > 0 and self.lex.intro.match(self.folded, bs):
                # "Shortly after the US strikes, Iran launched ...": the subject is the main clause's
                clauses = [Clause(bs, comma, ()), Clause(comma + 1, be, ())]
            self._previous_subjects = [e for e in sentence_subjects(gaz, found, clauses, self.folded, self.lex)
                                       if e.kind in ("person", "country")] if found else []
            if not self._previous_subjects and self.lex.pronoun_start.match(self.folded, bs):
                # "On Monday he held talks with Sunak. That came a day after his talks with Macron": the subject
                # that pronoun stood for
                self._previous_subjects = self.earlier_subjects(gaz)
        return self._previous_subjects

    def previous_places(self, gaz: Gazetteer) -> list[Place]:
        """The places the previous sentence names, in order ("He flew to Baku. There he met Aliyev")."""
        found = self.previous_names(gaz)
        named = places_before(gaz, found, self.before[1])
        if named and all(p.kind == "country" or p.country is None for p in named):
            # "Russia opened a new offensive. ... hit a printing house in the city": the city is an earlier one (nor
            # is a sea, "orașul de la Marea Roșie", a city)
            return self.earlier_places(gaz, cities=True) + named
        if named:
            return named
        if self.before[1] <= self.before[0]:
            return self.earlier_places(gaz)
        # a town of the offline city list ("a sosit luni la Arusha. Acolo ...")
        town = bare_place(gaz, self.text, self.folded, *self.before, self.lex, self.lex.place_before, found)
        # else the places of an earlier sentence ("a lovit tabăra Jabalia. Imaginile arată ... . Bombe au lovit un
        # cartier din aceeași tabără")
        return [town] if town is not None else self.earlier_places(gaz)

    def earlier_places(self, gaz: Gazetteer, cities: bool = False) -> list[Place]:
        """The places of the latest earlier sentence with a trigger word that names one (`cities`: a place inside a
        country)."""
        prior = self.prior
        while prior is not None:
            named = [p for p in places_before(gaz, prior.found, prior.e)
                     if not cities or (p.kind != "country" and p.country)]
            if named:
                return named
            prior = prior.prior
        return []

    def earlier_subjects(self, gaz: Gazetteer) -> list[Entity]:
        """The subjects the latest earlier sentence with a trigger word had, or was handed ("Residents filmed the
        missiles" names no one a later "he" could be)."""
        prior = self.prior
        while prior is not None:
            clauses = [Clause(prior.s, prior.e, ())]
            own = [e for e in sentence_subjects(gaz, prior.found, clauses, prior.folded, prior.lex)
                   if e.kind in ("person", "country")]
            if own:
                return own
            prior = prior.prior
        return []

    def capital(self, gaz: Gazetteer) -> Place | None:
        """The capital "the capital" names alone: that of the dateline's country, else of the previous sentence's
        last place ("KYIV -- ... Missiles hit two power plants in the capital")."""
        if self.dateline is not None and self.dateline.country:
            return gaz.capital(self.dateline.country)
        earlier = [p for p in self.previous_places(gaz) if p.country]
        return gaz.capital(earlier[-1].country or "") if earlier else None

    def previous_attackers(self, gaz: Gazetteer) -> list[Entity]:
        """The countries the previous sentence names as its subject when it tells of an attack ("Rusia a lansat un
        nou atac ... . Odesa a fost lovită"): who attacked, for a report that names only the place hit."""
        if not self.before_attacks:
            return []
        return [e for e in self.previous_subjects(gaz) if e.kind == "country"]


class Extractor:
    """Extracts events from articles; holds the compiled vocabularies and the gazetteer."""

    def __init__(self) -> None:
        self.gaz = gaz_mod.load()
        self.rules = TypeRules(lex_mod.event_types(), *lex_mod.meeting_rule(), self.gaz.country_names)
        self.records = EventRecords(self.gaz, self.rules)
        self.named = named_events.load(self.gaz)

    def extract(self, article: Article) -> list[Event]:
        """All events of one article, the mentions of one event merged."""
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
        # an event named by its name ("cearta din Biroul Oval") is a trigger of its type, whatever its words
        # an article cannot name an event months before it is announced ("the Alaska meeting" of 2021 is not 2025's)
        named = [n for n in self.named.find(folded, tokens) if n[2].date is None or article.published is None
                 or article.published >= n[2].date - NAMED_LEAD]
        if named:
            trigger_matches = merge_by_start(trigger_matches, [PhraseMatch(s, e, "T:" + ev.etype) for s, e, ev in named])
        triggers = trigger_spans(trigger_matches)
        if not triggers:
            return []
        dateline, dateline_end = self._dateline(text)
        year = article.published.year if article.published else None  # whose office a title names
        trigger_starts = [m.start for m in trigger_matches]
        boundaries = occurrences(folded, lex.boundary_words)
        context_cache: dict[int, tuple[bool, bool, bool]] = {}  # what precedes each name, asked once per name
        mentions: list[EventMention] = []
        ti = 0
        previous = (0, 0)  # the sentence before the current one
        prior: _Sentence | None = None  # the latest sentence with a trigger word
        attack_words = False  # does it have an attack word?
        for s, e in split_sentences(text, lex):
            before, previous = previous, (s, e)
            before_attacks, attack_words = attack_words, False
            while ti < len(triggers) and triggers[ti].start < s:
                ti += 1
            here = []
            while ti < len(triggers) and triggers[ti].start < e:
                here.append(triggers[ti])
                ti += 1
            if not here:
                continue
            attack_words = any(self.rules.is_attack(t.etype) for t in here)
            span = tokens.span(s, e)
            found = capital_cities(self.gaz, lex, folded, self.gaz.dated(self.gaz.find_tokens(text, folded, tokens, span),
                                                                         year))
            found = self.gaz.name_part_mentions(text, folded, s, e, found)  # "Anwar Ibrahim ... Anwar said"
            if s < dateline_end:  # where the news was filed is no party or place of what it reports
                found = [m for m in found if m.start >= dateline_end]
            found = not_parties(text, folded, found, lex)
            sent_triggers = trigger_matches[bisect_left(trigger_starts, s) : bisect_left(trigger_starts, e)]
            cue_matches = lex.cues.find_all(folded, tokens, span).matches
            if any(m.label == "not_talks" for m in cue_matches):
                # "a new round of strikes", "o nouă rundă de sancțiuni": that round is no trigger word for any stage
                rounds = Found(cue_matches)
                here = [t for t in here if not other_round(t.start, t.end, rounds)]
                sent_triggers = [m for m in sent_triggers if not other_round(m.start, m.end, rounds)]
                if not here:
                    continue
            # at one position the cues come before the triggers, as in one combined pass
            cues = Found(merge_by_start(cue_matches, sent_triggers))
            sentence = _Sentence(article, text, folded, s, e, lex, tokens, span, here, found, cues)
            sentence.before = before
            sentence.named = [n for n in named if s <= n[0] < e]
            sentence.before_attacks = before_attacks
            sentence.prior = prior
            prior = sentence
            sentence.dateline_end = dateline_end
            sentence.dates.not_before = dateline_end
            sentence.dateline = dateline
            mentions.extend(self._sentence_mentions(sentence, boundaries, context_cache))
        return self.records.records(build_frames(mentions, self.rules, article.published, dateline), article)

    def _dateline(self, text: str) -> tuple[Place | None, int]:
        """The place of a dateline ("KYIV --", "Anchorage:", "BUCUREȘTI, 9 oct. -"): where the news was reported;
        and where the dateline ends (0 without one)."""
        m = _DATELINE.match(text)
        if m is None:
            return None, 0
        key = gaz_mod.key_of(m.group(1))
        hits = self.gaz.places.get(key)
        place = hits[0][1] if hits else self.gaz.city(key)
        if place is None:
            return None, 0
        # filed from two places ("BAKU/YEREVAN -"): neither says where the news happened
        return (None if "/" in text[m.start(1): m.end()] else place), m.end()

    def _sentence_mentions(
        self, sent: _Sentence, boundaries: list[list[int]], context_cache: dict[int, tuple[bool, bool, bool]]
    ) -> list[EventMention]:
        """The event mentions of one sentence: at most one per clause and family of types."""
        out: list[EventMention] = []
        bare = all(t.weak for t in sent.triggers) and not any(m.place for m in sent.found)
        # "a strike hit a house in Jinja": bare attack words and a town of the offline list
        town = bare and len(sent.triggers) >= 2 and bare_place(
            self.gaz, sent.text, sent.folded, sent.s, sent.e, sent.lex, sent.lex.town_before, sent.found) is not None
        if bare and not town:
            return out  # only bare "drones"/"hit" words and no place named: nothing was attacked here
        # no actor, place or reference to one ("the talks"): nothing to report or to add to an event (but "an air
        # strike hit a market in Lashio" names its place from the offline city list, looked up only here)
        nothing = not sent.found and sent.cues.first("anaphora") is None and sent.cues.first("new_instance") is None \
            and not town and not any(not t.weak and self.rules.is_attack(t.etype) for t in sent.triggers)
        if nothing and not any(self._definite(sent, t) for t in sent.triggers):
            return out
        lex, folded, cues = sent.lex, sent.folded, sent.cues
        found = titled_persons(sent.text, folded, cues, sent.found, lex)
        clauses = split_clauses(folded, lex, [(t.start, t.end) for t in sent.triggers], cues, sent.s, sent.e, boundaries)
        done: set[tuple[int, int, str]] = set()  # (clause or time reference, kind) tried
        reports = reporting_triggers(folded, sent.triggers, clauses, lex, self.rules.as_summit, cues,
                                     self.rules.attack_types)
        # the names of a time reference ("după summitul de la Riad dintre Rusia și SUA, ...") are its own
        references = [(r.start, r.end) for _, _, r in reports if r is not None]
        for t, clause, reference in reports:
            if nothing and reference is not None:
                continue  # "după întâlnirea lor", with no one named: a time reference adds nothing to an event
            kind = family(t.etype, self.rules.attack_types)
            if reference is not None:
                # "după summitul din Alaska, ...": the event referred to, read within its phrase
                clause = Clause(reference.start, reference.end, ())
            if (clause.start, clause.end, kind) in done:
                continue  # several trigger words of one kind in one clause ("summit" ... "meeting"): one mention
            aside = [] if reference is not None else references
            reported = self._mentions(sent, t, clause, clauses, found, context_cache, reference, aside)
            if reported is None:
                done.add((clause.start, clause.end, kind))  # "Lviv was not hit by drones": the other words tell the same
                continue
            if t.weak and not reported:
                continue  # a bare "drones" that found no place: a strong word of the clause may still report it
            done.add((clause.start, clause.end, kind))  # one attempt per clause and kind: the others would find the same
            out.extend(reported)
        return out

    @staticmethod
    def _definite(sent: _Sentence, t: Trigger) -> bool:
        """Is the trigger word named with the definite article ("the talks", "convorbirile")?"""
        return sent.lex.definite_before.search(sent.folded, max(sent.s, t.start - 5), t.start) is not None \
            or any(c.start <= t.start < c.end for c in sent.cues.get("definite", t.start, t.end))

    def _no_cue_spans(self, sent: _Sentence, clause: Clause) -> list[tuple[int, int]]:
        """The spans of a clause whose words are no status cues: dates named by a month that is also another word
        ("in May": no modal "may" in it), and the dateline ("ISLAMABAD, May 9 -")."""
        months = dates_mod.ambiguous_months(sent.lex.language)
        spans = [(d.start, d.end) for d in sent.dates.get() if clause.start <= d.start < clause.end
                 and any(w in months for w in sent.folded[d.start : d.end].split())]
        return spans + [(sent.s, sent.dateline_end)] if sent.s < sent.dateline_end else spans

    def _mentions(
        self, sent: _Sentence, t: Trigger, clause: Clause, clauses: list[Clause], found: list[Mention],
        context_cache: dict[int, tuple[bool, bool, bool]], reference: Reference | None,
        aside: list[tuple[int, int]],
    ) -> list[EventMention] | None:
        """What a trigger reports in its clause (status, arguments, date): one mention, several for talks held
        separately, none when empty; None when negated."""
        folded, cues, lex = sent.folded, sent.cues, sent.lex
        cs, ce = clause.start, clause.end
        status: str | None = "occurred"  # "after the summit": it took place
        marked = True
        occasion = at_occasion(folded, t.start, lex.occasion_before)
        if reference is None or not reference.past:
            # what talks are about says nothing of their status ("discussed preparations for the round")
            topics = [z for z in topic_zones(folded, cues, cs, ce, lex) if z[0] >= t.end] \
                if cues.first("topic", t.end, ce) is not None else []
            status, marked = mention_status(folded, cues, t.start, t.end, clause,
                                            self._no_cue_spans(sent, clause) + topics, occasion)
            if reference is not None and not marked:
                status = "planned"  # "ahead of the summit": it lies ahead
            elif reference is None and status == "planned" and after_past(folded, max(cs, t.start - 40), t.start, lex):
                # "Granița va fi redeschisă, a spus Ruto după o întrevedere cu Museveni": what follows "after" has
                # happened, whatever the clause says of what comes next
                status, marked = "occurred", True
        if status is None:
            return None
        # "The talks took place in Mombasa on Sunday": an event told before, named with the definite article
        definite = self._definite(sent, t)
        reported = mention_arguments(self.gaz, lex, sent.text, folded, cues, found, t, sent.triggers, clause, clauses,
                                     self.rules.is_attack(t.etype), context_cache, sent.e, aside,
                                     subject_speaks=reference is not None,
                                     previous_subjects=lambda: sent.previous_subjects(self.gaz),
                                     previous_attackers=lambda: sent.previous_attackers(self.gaz),
                                     previous_places=lambda: sent.previous_places(self.gaz),
                                     capital=lambda: sent.capital(self.gaz),
                                     after_attack=sent.before_attacks,
                                     definite=definite)
        if not reported:
            return []
        told_as_past = marked and status == "occurred"
        dated = [mention_date(sent.dates, clause, t.start, status, t.etype, folded, lex, told_as_past)]
        if dated[0][0] is None and reference is None and cs > sent.s and lex.simultaneous.match(folded, cs):
            # "warned Venezuela on Thursday, as he held talks with Ali": at the time of the clause before it
            dated = [mention_date(sent.dates, Clause(sent.s, cs, ()), cs, status, t.etype, folded, lex, told_as_past)]
        if cues.first("plural", max(cs, t.start - 30), min(ce, t.end + 30)) is not None:
            # "two rounds, on May 16 and June 2", "met twice, in May and in June": one event per date
            dated = enumerated_dates(sent.dates, clause, t.start, status, folded, lex) or dated
        anaphors = own_cues(cues, "anaphora", t, sent.triggers, cs, ce)
        if reference is not None and not anaphors and all(len({p.country for p in a.parties if p.country}) < 2
                                                          for a in reported):
            # "It was their first meeting since the summit in Vladivostok": the earlier event is theirs too
            anaphors = cues.get("anaphora", sent.s, reference.start)
        # "A day earlier he was in Paris": the day before the previous dated report
        moved = cues.first("day_shift", cs, ce)
        shift = lex.day_shifts[" ".join(folded[moved.start : moved.end].split())] if moved is not None else None
        if dated[0][0] is None and (shift is not None or cues.first("same_time", cs, ce) is not None) \
                and (day := sent.previous_day()) is not None and day.value is not None \
                and not (status == "occurred" and sent.article.published and day.value > sent.article.published):
            # "Consiliul a anunțat miercuri încetarea focului. În aceeași zi, Meloni a vorbit cu Dbeibah": the day the
            # previous sentence names, whatever it tells of -- not a day ahead for what has happened ("talks are to
            # start on March 10. The same day, Esper met Ghani"); the frames date it otherwise from the latest
            # dated event
            dated = [(day.value + timedelta(days=shift or 0), "day", None)]
        # "met in recent weeks": a past without a date, told as background (not the day's news)
        vague = cues.first("vague_time", cs, ce) is not None
        mentions = [
            EventMention(
                etype=t.etype,
                status=dated_status(status, when, sent.article.published),
                marked=marked,
                parties=args.parties,
                attacker=args.attacker,
                target_country=args.target_country,
                place=args.place,
                date=when,
                precision=precision,
                date_text=date_text,
                speakers=args.speakers,
                sentence=(sent.s, sent.e),
                trigger=sent.text[t.start : t.end],
                weak=t.weak,
                new_instance=cues.first("new_instance", max(cs, t.start - 40), t.end + 20) is not None,
                anaphoric=bool(anaphors),  # "the two sides" of this trigger
                people=_people(folded, anaphors, lex),
                possessive=bool(anaphors) and all(lex.possessives.intersection(folded[a.start : a.end].split())
                                                  for a in anaphors),
                number=_number(folded, anaphors, lex),
                definite=definite,
                bilateral=cues.first("bilateral", max(cs, t.start - 40), min(ce, t.end + 40)) is not None,
                # (a reference's parties; a definite one names them only when it has none of its own)
                salient=sent.previous_subjects(self.gaz) if anaphors or (definite and not args.parties) else None,
                same_time=when is None and (cues.first("same_time", cs, ce) or shift) is not None,
                shift=0 if shift is None else shift,
                separate=len(reported) > 1 or has_own(cues, "separate", t, sent.triggers, cs, ce),
                background=(reference is not None or lex.backgrounding.search(folded, cs, t.start) is not None
                            or (vague and when is None)),
                remote=cues.first("remote", cs, ce) is not None,
                occasion=reference is not None and occasion,
                reference=reference is not None,
                days_before=reference.days_before if reference is not None else None,
                attendance=cues.first("attendance", t.end, ce) is not None,  # "the summit was attended by"
                # talks named as a meeting, unless held through mediators ("indirect talks", "in separate rooms")
                in_person=folded[t.start : t.end] in lex.in_person_talks and cues.first("indirect") is None,
            )
            for args in reported
            for when, precision, date_text in dated
        ]
        # "De la summitul din Alaska, ...": the event named by its name, with what the data says of it
        named = next((ev for s, e, ev in sent.named if s < t.end + 40 and e > t.start), None)
        if named is not None:
            for m in mentions:
                named_events.apply(m, named, self.gaz)
        return mentions


def _people(folded: str, anaphors: list[PhraseMatch], lex: Lexicon) -> str:
    """Whom a reference names: "leaders" ("the two leaders", "cei doi președinți"), "persons" ("the two ministers"),
    or "" (sides, countries, delegations)."""
    last = {folded[a.start : a.end].split()[-1] for a in anaphors}
    # "between the two" is found before "the two leaders" it holds: the word after it names them
    last |= {w for a in anaphors for w in folded[a.end : a.end + 20].split()[:1]}
    return "leaders" if last & lex.leader_nouns else "persons" if last & lex.people_nouns else ""


# how long before a named event's date articles may already name it (a summit announced weeks ahead)
NAMED_LEAD: Final = timedelta(days=90)

def _number(folded: str, anaphors: list[PhraseMatch], lex: Lexicon) -> int:
    """How many parties a reference counts: "the three countries" 3, "cele patru țări" 4, others 2."""
    words = {w for a in anaphors for w in folded[a.start : a.end].split()}
    return 4 if words & lex.four_words else 3 if words & lex.three_words else 2


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

