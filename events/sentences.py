"""Sentence splitting with offsets into the article text."""

from __future__ import annotations

import re

from events.lexicon import Lexicon, fold

# A sentence ends at . ! ? … (optionally followed by closing quotes/brackets) when whitespace and an opening
# character of a new sentence follow; a line break always ends one (headlines have no final stop).
# The pattern opens with one character class so that the regex engine scans for it in C (an alternation at the
# top level is tried at every position, ~4x slower); lookbehinds then tell the two cases apart.
_END = re.compile(
    r"""[.!?…\n](?:(?<=\n)\s*|(?<=[.!?…])[.!?…]*["'”’»)\]]*(?=\s+["'„“«(\[]?[A-ZĂÂÎȘȚŞŢÀ-ÖØ-Þ0-9]))"""
)


def split(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """(start, end) of each sentence, stripped of surrounding whitespace."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        if not m.group().startswith("\n") and m.group().startswith("."):
            before = _word_before(text, m.start())
            if before:
                word = fold(before)
                # "Dl. Popescu", "U.S. envoy", "Aug. 15", initials "J. D. Vance": not a sentence end
                if word in lex.abbreviations or (len(word) == 1 and word.isalpha() and word not in "ai"):
                    continue
                if word in lex.number_abbreviations and text[end : end + 3].lstrip()[:1].isdigit():
                    continue
        _strip(text, start, end, out)
        start = end
    _strip(text, start, len(text), out)
    return out


def _word_before(text: str, dot: int) -> str:
    """The run of word characters and dots (at most 20) right before the dot at `dot` ("U.S", "Aug", "Dl")."""
    # a backward scan: a regex anchored at the dot would be tried at each of the 20 positions before it
    lo = max(0, dot - 20)
    p = dot
    while p > lo and (text[p - 1].isalnum() or text[p - 1] in "._"):
        p -= 1
    return text[p:dot]


def _strip(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    """Add the span without leading/trailing whitespace to out, if anything is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))
