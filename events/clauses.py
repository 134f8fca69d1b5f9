"""A sentence's clauses, their attribution zones ("X said", "potrivit X") and relative clauses; the words before a
name. Every later stage asks these questions of the folded text; offsets are the article's."""

from __future__ import annotations

import re
from typing import Final

from events.lexicon import Lexicon
from events.phrases import Found, bisect_left, word_char

# the words that open a relative (or contrastive) clause after a comma
_RELATIVE_WORDS: Final = ("where", "which", "who", "whom", "whose", "when", "while", "as", "unde", "care", "pe care",
                          "al carui", "a carui", "ai carui", "ale carui", "al caror", "a caror", "ai caror", "ale caror",
                          "cand", "in timp ce", "dupa ce", "iar", "dar", "but")
RELATIVE_AFTER: Final = re.compile(r",\s*(?:" + "|".join(_RELATIVE_WORDS) + r")\b")
_RELATIVE_BY_LETTER: Final[dict[str, tuple[str, ...]]] = {
    w[0]: tuple(x for x in _RELATIVE_WORDS if x[0] == w[0]) for w in _RELATIVE_WORDS
}
_ARTICLES: Final = frozenset(("the", "a", "an"))
ATTRIBUTION_OPENERS: Final = ("potrivit", "conform", "according", "citing", "citand", "quoting")


class Clause:
    """A clause of a sentence and its attribution zones (a slotted class: built natively when compiled)."""

    __slots__ = ("end", "start", "zones")

    def __init__(self, start: int, end: int, zones: tuple[tuple[int, int], ...]) -> None:
        self.start = start
        self.end = end
        self.zones = zones  # attribution zones inside the clause

    def attributed(self, pos: int) -> bool:
        """Is the position inside an attribution zone ("X said", "potrivit X")?"""
        return any(a <= pos < b for a, b in self.zones)


def clause_at(clauses: list[Clause], pos: int) -> Clause:
    """The clause holding a position (the last one for a position past the sentence)."""
    return next((c for c in clauses if c.start <= pos < c.end), clauses[-1])


def words_before(folded: str, pos: int, n: int = 3) -> list[str]:
    """The last n words before pos (folded), English articles skipped ("at the White House" -> "at")."""
    words = folded[max(0, pos - 40) : pos].rsplit(None, n + 2)[-n - 2 :]  # the words before the last n + 2 unsplit
    while words and words[-1] in _ARTICLES:
        words.pop()
    return words[-n:]


def tails(words: list[str]) -> list[str]:
    """The last one, two and three words, joined: the phrases the words may end with."""
    return [" ".join(words[-k:]) for k in range(1, min(3, len(words)) + 1)]


def ends_with_phrase(words: list[str], phrases: frozenset[str]) -> bool:
    """Do the words before a mention end with one of the phrases?"""
    return any(t in phrases for t in tails(words))


def occurrences(folded: str, phrases: tuple[str, ...]) -> list[list[int]]:
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


def boundary_cuts(lex: Lexicon, where: list[list[int]], s: int, e: int) -> list[int]:
    """The starts of lex.boundaries.finditer(folded, s, e), from where each boundary phrase occurs in the text.

    The regex is an alternation of the phrases: the leftmost match wins, at one place the phrase listed first, and
    the next match begins after it. Scanning every sentence with it cost ~10x more than looking the phrases up.
    """
    found: list[tuple[int, int, int]] = []  # (start, the phrase's place in the list, end)
    for k, starts in enumerate(where):
        size = len(lex.boundary_words[k])
        for at in starts[bisect_left(starts, s) :]:
            if at + size > e:
                break
            found.append((at, k, at + size))
    cuts: list[int] = []
    pos = s
    for at, _, end in sorted(found):
        if at >= pos:
            cuts.append(at)
            pos = end
    return cuts


def split_clauses(
    folded: str, lex: Lexicon, triggers: list[tuple[int, int]], cues: Found, s: int, e: int,
    boundaries: list[list[int]],
) -> list[Clause]:
    """Split a sentence into clauses and mark the attribution ("X said", "potrivit X") zones of each.

    `boundaries`: where each of lex.boundary_words occurs in the article (occurrences()). A reporting verb with a
    trigger after it heads a preposed zone ("X a declarat că ..."), running back to the previous trigger; one after
    every trigger heads a postposed zone to the clause end ("..., a declarat X").
    """
    cuts = [s, *boundary_cuts(lex, boundaries, s, e), e]
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
            if folded.startswith(ATTRIBUTION_OPENERS, r.start):
                nxt = folded.find(",", r.end, ce)
                zones.append((r.start, nxt if nxt != -1 else ce))
            elif any(t[0] >= r.end for t in here) and not _postposed(folded, cs, r.start, here):
                zone_start = max([cs] + [t[1] for t in here if t[1] <= r.start])
                opener = RELATIVE_AFTER.search(folded, cs, r.start)
                close = folded.rfind(",", opener.end(), r.start) if opener else -1
                if close != -1 and not folded[close + 1 : r.start].strip():
                    # "Zelensky, who held talks with Erdogan, said ...": the relative clause's names are not the speaker
                    zone_start = close
                last = folded[r.start : r.end].split()[-1]
                if lex.complementizers.fullmatch(folded, r.end - len(last), r.end):
                    zones.append((zone_start, r.end))  # the verb phrase ends in its complementizer ("se așteaptă ca")
                    continue
                nxt_trigger = min(t[0] for t in here if t[0] >= r.end)
                comp = lex.complementizers.search(folded, r.end, min(nxt_trigger, r.end + 60))
                zones.append((zone_start, comp.end() if comp else r.end))
            else:
                first_trigger = min([t[0] for t in here], default=ce)
                before = folded[cs : r.start]
                comma = max(before.rfind(","), before.rfind("”"), before.rfind('"'))
                start = cs + comma if comma != -1 and r.start - (cs + comma) <= 45 else r.start
                zones.append((max(start, first_trigger + 1), ce))
        out.append(Clause(cs, ce, tuple(zones)))
    return out


def _relative_at(folded: str, comma: int, end: int) -> bool:
    """Does RELATIVE_AFTER match at the comma (the text cut at `end`)? Its words compared in C, not by the regex."""
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


def relative_zones(folded: str, cs: int, ce: int) -> list[tuple[int, int]]:
    """Relative clauses set off by commas (", which ... ,", ", care ... ,")."""
    zones: list[tuple[int, int]] = []
    # every relative clause opens with a comma: its opening word is looked for at each comma (found in C)
    at = folded.find(",", cs, ce)
    while at != -1:
        nxt = folded.find(",", at + 1, ce)
        if _relative_at(folded, at, ce):
            zones.append((at, nxt if nxt != -1 else ce))  # up to the next comma (none in the opener)
        at = nxt
    return zones


def _postposed(folded: str, cs: int, verb: int, triggers: list[tuple[int, int]]) -> bool:
    """Is a reporting verb after a trigger in the ", X said" form (not ", who ..., said that")?"""
    if not any(t[1] <= verb for t in triggers):
        return False
    before = folded[cs:verb]
    comma = before.rfind(",")
    if comma == -1 or verb - (cs + comma) > 45:
        return False
    # the comma that closes a relative clause (", who visited Moscow, said ...") opens no attribution
    opener = RELATIVE_AFTER.search(folded, cs, cs + comma)
    return not (opener and "," not in folded[opener.end() : cs + comma])


def topic_zones(folded: str, cues: Found, cs: int, ce: int, lex: Lexicon) -> list[tuple[int, int]]:
    """Stretches that name what talks are about, up to the next "between/with" or comma, and purposes that name no
    party ("to reinforce the ceasefire between Israel and Hamas"), up to the comma."""
    zones = []
    for t in cues.get("topic", cs, ce):
        end_m = lex.topic_end.search(folded, t.end, ce)
        comma = folded.find(",", t.end, ce)
        ends = [x for x in (end_m.start() if end_m else -1, comma) if x != -1]
        zones.append((t.end, min(ends) if ends else ce))
    for t in cues.get("purpose_topic", cs, ce):
        # "to reinforce the truce between X and Y": the sides of what is reinforced, up to the comma ("to shore up
        # support for Ukraine" names no sides, and Ukraine may be there)
        end = folded.find(",", t.end, ce)
        end = ce if end == -1 else end
        between = lex.topic_end.search(folded, t.end, end)
        if between is not None:
            zones.append((t.end, end))
    return zones
