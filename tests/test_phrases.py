"""Word tokens and phrase matching on folded text."""

from __future__ import annotations

import re
from itertools import accumulate

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from events.lexicon import _phrase_to_regex, fold
from events.phrases import WORD, PhraseMatcher, Tokens

_WORD_SPLIT = re.compile(f"({WORD.pattern})")


def regex_tokens(folded: str) -> tuple[list[str], list[int]]:
    """The words and starts as one regex split gives them (the definition Tokens must keep)."""
    parts = _WORD_SPLIT.split(folded) if folded else [""]
    words = parts[1::2]
    return words, list(accumulate(map(len, parts)))[0::2][: len(words)]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("putin a vorbit cu trump.", ["putin", "a", "vorbit", "cu", "trump."]),
        ("s-a intalnit, la kiev; apoi", ["s-a", "intalnit", "la", "kiev", "apoi"]),
        ("„putin” (nato) u.s. envoy", ["putin", "nato", "u.s.", "envoy"]),
        ("linia 1\n\nlinia  2\ttab", ["linia", "1", "linia", "2", "tab"]),
        ("", []),
        ("  , ", []),
        ("zelenskyy’s aug. 15", ["zelenskyy’s", "aug.", "15"]),
    ],
)
def test_tokens(text: str, words: list[str]) -> None:
    tokens = Tokens(text)
    assert tokens.words == words
    assert [text[s : s + len(w)] for s, w in zip(tokens.starts, tokens.words, strict=True)] == words


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1_ .,;:'’-\n\t„”()ăș\xa0."))) | st.text())
def test_tokens_are_the_word_regex_matches(text: str) -> None:
    tokens = Tokens(text)
    assert (tokens.words, tokens.starts) == regex_tokens(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Convorbirea telefonică a fost lungă, apoi au mai discutat.", ["convorbirea", "au mai discutat"]),
        ("O convorbire telefonică între lideri.", ["convorbire telefonica"]),  # the longest match at one word
        ("Au discutat.", ["au discutat"]),
        ("Au vorbit, apoi au tăcut; nu au mai fost discutate.", []),  # a gap of one word at most, no comma
    ],
)
def test_phrase_matcher(text: str, expected: list[str]) -> None:
    matcher = PhraseMatcher(
        [("convorbir*", "T:talks"), ("convorbire telefonica", "T:talks"), ("au ~1 discutat", "T:talks")],
        _phrase_to_regex,
    )
    folded = fold(text)
    assert [folded[m.start : m.end] for m in matcher.find_all(folded, Tokens(folded)).matches] == expected


@pytest.mark.parametrize("language", ["ro", "en"])
@pytest.mark.parametrize("key", ["titles", "complementizers", "backgrounding", "topic_end"])
def test_one_boundary_check_around_the_phrase_list_finds_the_same(language: str, key: str) -> None:
    # the lists are compiled with one (?<![\w-])...(?![\w-]) around all the phrases; checking each phrase on its own
    # must find exactly the same matches
    from pathlib import Path

    import yaml

    from events.lexicon import LEXICON_DIR, _compile, _phrase_core

    phrases = [p for item in yaml.safe_load((LEXICON_DIR / f"{language}.yaml").read_text(encoding="utf-8"))[key]
               for p in item.split("|") if p.strip()]
    each = re.compile("|".join(r"(?<![\w-])(?:" + _phrase_core(p) + r")(?![\w-])" for p in phrases))
    texts = [fold(p.read_text(encoding="utf-8")) for p in sorted((Path(__file__).parent / "data" / "golden" / "dev").glob(f"{language}_*.md"))]
    texts.append(fold(" ".join(phrases) + " " + "-".join(phrases) + " " + ", ".join(p + "x" for p in phrases)))
    for text in texts:
        assert [m.span() for m in _compile(phrases).finditer(text)] == [
            m.span() for m in each.finditer(text)
        ]
