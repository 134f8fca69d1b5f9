"""Fast matching of many lexicon phrases: index the phrases by their first word, try only those that fit.

One big regex alternation of hundreds of phrases is tried at every character of the text (~8 ms per 3 KB
article); looking up each word of the text in a dict first and running only the candidate phrases' regexes at
that word is ~30x faster and gives the same matches.
"""

from __future__ import annotations

import re
from typing import Final

# the same words as the gazetteer's names ("U.S.", "s-a", "Nord-Atlantică"); a sentence-final dot may stick
WORD: Final = re.compile(r"\w+(?:[.'’\-]\w+)*\.?")
_PREFIX: Final = 3
# Words a matcher's memo tables hold. News vocabulary repeats, so the memos pay; but every new word of a long run
# (or of fuzz) is a new entry, so a full table is emptied and refilled: memory stays flat, the hit rate on news too.
MEMO_WORDS: Final = 50_000


def bisect_left(a: list[int], x: int) -> int:
    """bisect.bisect_left for a list of ints: compiled, a loop in C without a call into the bisect module."""
    lo, hi = 0, len(a)
    while lo < hi:
        mid = (lo + hi) // 2
        if a[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def word_char(c: str) -> bool:
    """Does the character match the regex \\w?"""
    return c.isalnum() or c == "_"


class PhraseMatch:
    """A phrase found in folded text (a slotted class: articles have hundreds, built ~3x faster than a dataclass,
    and read as a native struct when compiled with mypyc)."""

    __slots__ = ("end", "label", "start")

    def __init__(self, start: int, end: int, label: str) -> None:
        self.start = start
        self.end = end
        self.label = label

    def __repr__(self) -> str:
        return f"PhraseMatch({self.start}, {self.end}, {self.label!r})"


class Tokens:
    """Word starts of a folded text, for matching phrases in any span of it."""

    __slots__ = ("odd", "starts", "words")

    def __init__(self, folded: str = "") -> None:
        # The words are WORD's matches. Splitting on spaces and line breaks in C and checking each piece in C is ~3x
        # faster than the regex: most pieces are a word as they stand, maybe with one mark before or after it
        # ("„putin", "kiev,", "(nato)") or hyphens inside ("s-a"); only the rest are matched with the regex.
        words: list[str] = []
        starts: list[int] = []
        odd: list[int] = []  # the indices of the words that are not all letters and digits ("s-a", "kiev.")
        pos = 0
        # "\n" and " " both end a piece: one split of the text with its line breaks made spaces (the same length)
        for part in (folded.replace("\n", " ") if "\n" in folded else folded).split(" "):
            n = len(part)
            if n == 0:
                pos += 1
                continue
            if part.isalnum():
                words.append(part)
                starts.append(pos)
                pos += n + 1
                continue
            # at most one mark on each side: a word never starts with one, and keeps only a final dot
            a = 0 if word_char(part[0]) else 1
            b = n
            dot = False
            if b - a > 1 and not word_char(part[b - 1]):
                dot = part[b - 1] == "."
                b -= 1
            mid = part[a:b] if a or b < n else part
            if mid and (mid.isalnum() or (
                len(mid) > 2 and mid[0] != "-" and mid[-1] != "-" and "--" not in mid
                and mid.replace("-", "").isalnum()  # "s-a", "intr-o", "nord-atlantic": one word
            )):
                word = mid + "." if dot else mid
                if not word.isalnum():
                    odd.append(len(words))
                words.append(word)
                starts.append(pos + a)
            else:
                for m in WORD.finditer(folded, pos, pos + n):
                    word = m.group()
                    if not word.isalnum():
                        odd.append(len(words))
                    words.append(word)
                    starts.append(m.start())
            pos += n + 1
        self.words = words
        self.starts = starts
        self.odd = odd

    def span(self, start: int, end: int) -> range:
        """Indices of the words that start within [start, end)."""
        return range(bisect_left(self.starts, start), bisect_left(self.starts, end))


_SIMPLE_WORD: Final = re.compile(r"[^\W_]+(?:[.-][^\W_]+)*\.?")  # a WORD without apostrophes or underscores


def _program(phrase: str) -> tuple[tuple[str, bool], ...] | None:
    """(word, starred) for each word of a phrase that can be matched word by word, else None (the regex decides)."""
    out = []
    for word in phrase.split():
        star = word.endswith("*")
        core = word[:-1] if star else word
        if not _SIMPLE_WORD.fullmatch(core):
            return None  # "~3" gaps, apostrophes
        out.append((core, star))
    return tuple(out) if out else None


class _Phrase:
    """One lexicon phrase: its regex, and the same test done on the text's words where that is possible.

    Comparing words costs a few string operations; a regex call costs ~10x more, and phrase matching makes
    hundreds per article. A test holds the word-by-word test to the regex on every word of the dev articles.
    """

    __slots__ = ("program", "rx")

    def __init__(self, rx: re.Pattern[str], program: tuple[tuple[str, bool], ...] | None) -> None:
        self.rx = rx
        self.program = program

    def match(self, folded: str, words: list[str], starts: list[int], i: int) -> int:
        """End of the phrase matched at word i, or -1."""
        if self.program is not None:
            end = _match_words(self.program, folded, words, starts, i)
            if end != -2:
                return end
        m = self.rx.match(folded, starts[i])
        return m.end() if m else -1


def _match_words(program: tuple[tuple[str, bool], ...], folded: str, words: list[str], starts: list[int], i: int) -> int:
    r"""What the phrase regex gives at word i (its end, or -1), from the words alone; -2 when only the regex can tell.

    The regex: (?<![\w-]) word \s++ word ... (?![\w-]), a starred word being stem\w*+. A word of the text starts
    after a character that is not a word character; it keeps inner dots and hyphens and a final dot.
    """
    n = len(program)
    if i + n > len(words):
        return -2
    pos = starts[i]
    if pos and folded[pos - 1] == "-":
        return -1
    end = -1
    for k in range(n):
        word, star = program[k]
        tok = words[i + k]
        if not tok.isalnum() and ("'" in tok or "’" in tok or "_" in tok):  # most words: one check in C
            return -2
        if k:
            gap_start = starts[i + k - 1] + len(words[i + k - 1])
            if starts[i + k] == gap_start or not folded[gap_start : starts[i + k]].isspace():
                return -1
        last = k == n - 1
        if star:
            if not tok.startswith(word):
                return -1
            rest = tok[len(word) :]
            if last:
                cut = rest.find(".")
                rest = rest if cut < 0 else rest[:cut]
            if rest and not rest.isalnum():
                return -1
            end = starts[i + k] + len(word) + len(rest)
        elif last:
            if not (tok == word or tok.startswith(word + ".")):
                return -1
            end = starts[i + k] + len(word)
        elif tok != word:
            return -1
    if end < len(folded) and folded[end] == "-":
        return -1
    return end


def _index_word(word: str) -> str:
    """A phrase word as the text's words are split ("leaders'" -> "leaders"), its trailing * kept."""
    if word.startswith("~"):
        return word
    star = word.endswith("*")
    core = word[:-1] if star else word
    m = WORD.match(core)
    return (m.group() if m else core) + ("*" if star else "")


class PhraseMatcher:
    """Phrases in the lexicon mini-syntax, each with a label, matched on folded text."""

    def __init__(self, phrases: list[tuple[str, str]], to_regex) -> None:
        # an entry: (phrase, label, second word: "" = anything, "x" = exactly x, "x*" = starting with x)
        self.exact: dict[str, list[tuple[_Phrase, str, str]]] = {}
        self.prefix: dict[str, list[tuple[str, _Phrase, str, str]]] = {}
        self.short: list[tuple[str, _Phrase, str, str]] = []  # starred stems shorter than the prefix key
        self._cache: dict[str, list[tuple[_Phrase, str, str]]] = {}
        self._pairs: dict[str, dict[str, list[tuple[_Phrase, str]]]] = {}
        self._pair_count = 0  # (word, next word) entries in _pairs
        self._starts_phrase: dict[str, bool] = {}  # word -> could a phrase start with it
        for phrase, label in phrases:
            words = [_index_word(w) for w in phrase.split()]
            first = words[0]
            second = words[1] if len(words) > 1 and not words[1].startswith("~") else ""
            ph = _Phrase(re.compile(to_regex(phrase)), _program(phrase))
            if first.endswith("*"):
                stem = first[:-1]
                if len(stem) >= _PREFIX:
                    self.prefix.setdefault(stem[:_PREFIX], []).append((stem, ph, label, second))
                else:
                    self.short.append((stem, ph, label, second))
            else:
                self.exact.setdefault(first, []).append((ph, label, second))

    def may_start(self, word: str) -> bool:
        """Could any phrase start with this word? (memoised; most words of a text cannot)"""
        hit = self._starts_phrase.get(word)
        if hit is None:
            hit = bool(self._first(word))
            if len(self._starts_phrase) >= MEMO_WORDS:
                self._starts_phrase.clear()
            self._starts_phrase[word] = hit
        return hit

    def _first(self, word: str) -> list[tuple[_Phrase, str, str]]:
        """The phrases whose first word fits this word (memoised: news vocabulary repeats)."""
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        if word.endswith(".") and len(word) > 1:
            out = self.exact.get(word, []) + self._first(word[:-1])
        else:
            out = list(self.exact.get(word, ()))
            out.extend((ph, lab, sec) for stem, ph, lab, sec in self.prefix.get(word[:_PREFIX], ()) if word.startswith(stem))
            out.extend((ph, lab, sec) for stem, ph, lab, sec in self.short if word.startswith(stem))
        if len(self._cache) >= MEMO_WORDS:
            self._cache.clear()
        self._cache[word] = out
        return out

    def candidates(self, word: str, nxt: str = "") -> list[tuple[_Phrase, str]]:
        """The phrases that may start with this word followed by nxt (both memoised)."""
        # two levels of dicts rather than one keyed by (word, nxt): no tuple to build and hash per lookup
        by_next = self._pairs.get(word)
        if by_next is not None:
            hit = by_next.get(nxt)
            if hit is not None:
                return hit
        bare = nxt[:-1] if nxt.endswith(".") else nxt
        out = []
        for ph, label, second in self._first(word):
            if not second or (second.endswith("*") and bare.startswith(second[:-1])) or second == bare:
                out.append((ph, label))
        if self._pair_count >= MEMO_WORDS:
            self._pairs.clear()
            self._pair_count = 0
            by_next = None
        if by_next is None:
            by_next = self._pairs[word] = {}
        by_next[nxt] = out
        self._pair_count += 1
        return out

    def find_all(self, folded: str, tokens: Tokens, span: range | None = None) -> Found:
        """Every label's longest matches (starting in a span of the words, or anywhere); labels may overlap."""
        out: list[PhraseMatch] = []
        covered: dict[str, int] = {}
        starts, words = tokens.starts, tokens.words
        may = self._starts_phrase
        lo = 0 if span is None else span.start
        hi = len(words) if span is None else span.stop
        for i in range(lo, hi):
            known = may.get(words[i])
            if not (known or (known is None and self.may_start(words[i]))):
                continue
            pos = starts[i]
            cands = self.candidates(words[i], words[i + 1] if i + 1 < len(words) else "")
            if len(cands) <= 1:  # the usual case: no dict of the best match per label needed
                if cands:
                    ph, label = cands[0]
                    if covered.get(label, -1) <= pos:
                        end = ph.match(folded, words, starts, i)
                        if end >= 0:
                            out.append(PhraseMatch(pos, end, label))
                            covered[label] = end
                continue
            best: dict[str, int] = {}
            for ph, label in cands:
                if covered.get(label, -1) > pos:
                    continue
                end = ph.match(folded, words, starts, i)
                if end >= 0 and end > best.get(label, -1):
                    best[label] = end
            for label, end in best.items():
                out.append(PhraseMatch(pos, end, label))
                covered[label] = end
        return Found(out)


def merge_by_start(a: list[PhraseMatch], b: list[PhraseMatch]) -> list[PhraseMatch]:
    """Two lists of matches, each in order of start, as one: what sorted(a + b, key=start) gives (a's first where
    the starts are equal), without a call of the key function per match."""
    out: list[PhraseMatch] = []
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i].start <= b[j].start:
            out.append(a[i])
            i += 1
        else:
            out.append(b[j])
            j += 1
    out.extend(a[i:])
    out.extend(b[j:])
    return out


class Found:
    """Labelled matches of one text, filtered by label and span."""

    __slots__ = ("_by_label", "matches")

    def __init__(self, matches: list[PhraseMatch]) -> None:
        self.matches = matches
        self._by_label: dict[str, list[PhraseMatch]] | None = None  # built on the first query

    def _index(self) -> dict[str, list[PhraseMatch]]:
        """The matches of each label, in text order (built on the first query)."""
        by_label = self._by_label
        if by_label is None:
            by_label = self._by_label = {}
            for m in self.matches:
                by_label.setdefault(m.label, []).append(m)
        return by_label

    def get(self, labels: str | tuple[str, ...], start: int = 0, end: int = 1 << 30) -> list[PhraseMatch]:
        """Matches with one of the labels that start in [start, end) and end by `end`, in text order."""
        by_label = self._index()
        if isinstance(labels, str):
            return [m for m in by_label.get(labels, ()) if start <= m.start and m.end <= end]
        out: list[PhraseMatch] = []
        for label in labels:  # each label's in text order; merged, the first label's first at one start
            mine = [m for m in by_label.get(label, ()) if start <= m.start and m.end <= end]
            if mine:
                out = merge_by_start(out, mine) if out else mine
        return out

    def first(self, labels: str | tuple[str, ...], start: int = 0, end: int = 1 << 30) -> PhraseMatch | None:
        """The first such match, or None."""
        if isinstance(labels, str):  # one label's matches are in text order: stop at the first that fits
            for m in self._index().get(labels, ()):
                if start <= m.start and m.end <= end:
                    return m
            return None
        found = self.get(labels, start, end)
        return found[0] if found else None
