"""Sentence splitting with offsets into the article text."""

from __future__ import annotations

from typing import Final

from events.lexicon import Lexicon, fold

# A sentence ends at . ! ? … (optionally followed by closing quotes/brackets) when whitespace and an opening
# character of a new sentence follow; a line break always ends one (headlines have no final stop). As a regex:
#   [.!?…]+["'”’»)\]]*(?=\s+["'„“«(\[]?[A-ZĂÂÎȘȚŞŢÀ-ÖØ-Þ0-9])|\n\s*
# _ends() finds the same spans without it: the candidate characters are found by str.find in C, and each is then
# checked by hand; the regex engine spent ~250 instructions per character of text on it.
_ENDERS: Final = frozenset(".!?…")
_CLOSERS: Final = frozenset("\"'”’»)]")
_OPENERS: Final = frozenset("\"'„“«([")
_NEW_SENTENCE: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZĂÂÎȘȚŞŢ0123456789") | frozenset(
    chr(c) for c in (*range(0xC0, 0xD7), *range(0xD8, 0xDF))
)


def _ends(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence end: the matches of the pattern above, in order."""
    candidates: list[int] = []
    for ch in ".!?…\n":
        i = text.find(ch)
        while i != -1:
            candidates.append(i)
            i = text.find(ch, i + 1)
    candidates.sort()
    n = len(text)
    out: list[tuple[int, int]] = []
    resume = 0  # a match ends here: the next starts no earlier
    for p in candidates:
        if p < resume:
            continue
        q = p + 1
        if text[p] == "\n":
            while q < n and text[q].isspace():
                q += 1
            out.append((p, q))
            resume = q
            continue
        while q < n and text[q] in _ENDERS:
            q += 1
        while q < n and text[q] in _CLOSERS:
            q += 1
        # every ender up to q gives the same run, so the same answer: on to the next candidate after it
        resume = q
        r = q
        while r < n and text[r].isspace():
            r += 1
        if r == q or r == n:
            continue
        if text[r] in _OPENERS:
            r += 1
        if r < n and text[r] in _NEW_SENTENCE:
            out.append((p, q))
    return out


def split(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """(start, end) of each sentence, stripped of surrounding whitespace."""
    out: list[tuple[int, int]] = []
    start = 0
    for m_start, end in _ends(text):
        if text[m_start] == ".":
            before = _word_before(text, m_start)
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
