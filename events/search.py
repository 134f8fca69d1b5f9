"""Full-text search over the store: what the user types -> an SQLite FTS5 query, and what the search found.

Words match at their start, case and diacritics aside ("negocieri" finds "negocierile", "Brasov" finds "Brașov");
words in double quotes are a phrase; AND, OR, NOT (in capitals) and brackets combine them, as in FTS5. Anything
else FTS5 would read as syntax (a lone quote, `*`, `:`, `^`) is quoted away, so only a misplaced operator can make
a query FTS5 refuses ("AND", "Russia OR"): then the whole text is searched as plain words, and `SearchHits.notice`
says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPERATORS = frozenset({"AND", "OR", "NOT"})
# a phrase in quotes (the closing quote may be missing), a bracket, or a run of anything else
_TOKEN = re.compile(r'"([^"]*)"?|([()])|([^\s()"]+)')
_HAS_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class SearchHits:
    """What one search found: articles whose title or text matches, events whose evidence sentence matches."""

    text: str  # the search as typed
    articles: frozenset[str] = frozenset()  # article_id
    events: frozenset[str] = frozenset()  # report_id (the events table of the store stores it as event_id)
    searched: bool = True  # False when the text held no word to look for: it then restricts nothing
    notice: str = ""  # how the text was read, when not as typed
    notice_kind: str = ""  # which notice: "no_words", "plain_words" (a page says it in its own language)


def _term(text: str) -> str:
    """One word or phrase as an FTS5 string matching at the start of its last word: "Brașov" -> '"Brașov"*'."""
    return '"' + text.replace('"', '""') + '"*'


def _tokens(text: str) -> list[tuple[str, str]]:
    """("term" | "op" | "bracket", text) of a typed search; pieces without a letter or digit are dropped."""
    out: list[tuple[str, str]] = []
    for m in _TOKEN.finditer(text):
        phrase, bracket, word = m.groups()
        if bracket:
            out.append(("bracket", bracket))
        elif word in OPERATORS:
            out.append(("op", word))
        else:
            piece = phrase if phrase is not None else word
            if _HAS_WORD.search(piece):
                out.append(("term", piece.rstrip("*")))
    return out


def fts_query(text: str) -> str:
    """The FTS5 query of a typed search, operators and brackets kept ("" when it has no word)."""
    tokens = _tokens(text)
    if not any(kind == "term" for kind, _ in tokens):
        return ""
    return " ".join(_term(t) if kind == "term" else t for kind, t in tokens)


def plain_query(text: str) -> str:
    """The typed search as plain words, every one required (operators too: "AND" is then a word)."""
    words = [t for kind, t in _tokens(text) if kind != "bracket"]
    return " ".join(_term(w) for w in words)


def is_syntax_error(exc: Exception) -> bool:
    """An error FTS5 raises for a query it cannot parse (not a locked or broken database)."""
    message = str(exc).lower()
    return "fts5: syntax error" in message or "unterminated string" in message or "malformed match" in message


def found_text(articles: int, sentences: int) -> str:
    """'3 articles (title or text) and 1 evidence sentence': a search's hits in words."""
    a = f"{articles:,} article" + ("" if articles == 1 else "s")
    s = f"{sentences:,} evidence sentence" + ("" if sentences == 1 else "s")
    return f"{a} (title or text) and {s}"
