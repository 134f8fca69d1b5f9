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
    assert tokens.odd == [i for i, w in enumerate(tokens.words) if not w.isalnum()]


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


@pytest.mark.parametrize("language", ["ro", "en"])
def test_possessive_phrase_regexes_match_as_the_plain_ones(language: str) -> None:
    # the phrase regexes use possessive quantifiers (no futile backtracking); with plain ones they must match the
    # same text at every word of the golden articles
    from pathlib import Path

    from events.lexicon import load

    lex = load(language)
    regexes = {ph.rx.pattern for m in (lex.triggers, lex.cues) for entries in m.exact.values() for ph, _, _ in entries}
    regexes |= {ph.rx.pattern for m in (lex.triggers, lex.cues) for entries in m.prefix.values()
                for _, ph, _, _ in entries}
    pairs = [(re.compile(p), re.compile(p.replace("++", "+").replace("*+", "*"))) for p in regexes]
    assert any("++" in p.pattern for p, _ in pairs)
    golden = Path(__file__).parent / "data" / "golden" / "dev"
    for path in sorted(golden.glob(f"{language}_*.md")):
        text = fold(path.read_text(encoding="utf-8"))
        for start in Tokens(text).starts:
            for possessive, plain in pairs:
                a, b = possessive.match(text, start), plain.match(text, start)
                assert (a and a.end()) == (b and b.end()), (possessive.pattern, text[start : start + 60])


@pytest.mark.parametrize("language", ["ro", "en"])
def test_every_lexicon_phrase_finds_itself(language: str) -> None:
    # written with or without diacritics: the matchers' first-word index compares folded words
    import yaml

    from events.lexicon import _CUE_LISTS, LEXICON_DIR, load

    lex = load(language)
    data = yaml.safe_load((LEXICON_DIR / f"{language}.yaml").read_text(encoding="utf-8"))
    lists = [(lex.triggers, data["triggers"][key]) for key in data["triggers"]]
    lists += [(lex.cues, data["status"][key]) for key in ("planned", "cancelled", "occurred")]
    lists += [(lex.cues, data[key]) for key, _ in _CUE_LISTS]
    checked = 0
    for matcher, items in lists:
        for phrase in (p.strip() for item in items for p in item.split("|") if p.strip()):
            if "~" in phrase:
                continue
            for text in (phrase.replace("*", ""), fold(phrase.replace("*", ""))):
                folded = fold(text)
                found = matcher.find_all(folded, Tokens(folded)).matches
                assert any(m.start == 0 for m in found), (phrase, text)
                checked += 1
    assert checked > 200


@pytest.mark.parametrize("language", ["ro", "en"])
def test_word_by_word_matching_is_the_regex(language: str) -> None:
    # where a phrase is matched word by word instead of by its regex, both must give the same end at every word
    from pathlib import Path

    from events.lexicon import load
    from events.phrases import _match_words

    lex = load(language)
    phrases = [ph for m in (lex.triggers, lex.cues) for entries in m.exact.values() for ph, _, _ in entries]
    phrases += [ph for m in (lex.triggers, lex.cues) for entries in m.prefix.values() for _, ph, _, _ in entries]
    phrases += [ph for m in (lex.triggers, lex.cues) for _, ph, _, _ in m.short]
    programs = [ph for ph in phrases if ph.program is not None]
    # phrases with a gap ("hit ~5 by drone*", "va sosi ~2 la") are left to the regex: most are still matched word by word
    assert len(programs) > 0.75 * len(phrases)
    texts = [fold(p.read_text(encoding="utf-8"))
             for p in sorted((Path(__file__).parent / "data" / "golden").glob(f"dev/{language}_*.md"))]
    # every phrase written out, glued to marks and hyphens, and cut short
    words = [" ".join(w for w, _ in ph.program) for ph in programs]
    texts.append(" ".join(words) + " " + ", ".join(w + "ul" for w in words) + " -" + "- ".join(words) + ". "
                 + "’s ".join(words) + " " + ".".join(words) + " " + "\n".join(w[:-1] for w in words))
    decided = 0
    for text in texts:
        tokens = Tokens(text)
        for i, start in enumerate(tokens.starts):
            for ph in programs:
                end = _match_words(ph.program, text, tokens.words, tokens.starts, i)
                if end == -2:
                    continue
                m = ph.rx.match(text, start)
                assert end == (m.end() if m else -1), (ph.rx.pattern, text[start : start + 50])
                decided += 1
    assert decided > 10_000


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(-5, 50), max_size=30).map(sorted), st.integers(-10, 60))
def test_bisect_left_is_the_bisect_modules(a: list[int], x: int) -> None:
    import bisect

    from events.phrases import bisect_left

    assert bisect_left(a, x) == bisect.bisect_left(a, x)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20), st.sampled_from("ab")), max_size=12),
       st.lists(st.tuples(st.integers(0, 20), st.sampled_from("cd")), max_size=12))
def test_merge_by_start_is_the_stable_sort(a: list[tuple[int, str]], b: list[tuple[int, str]]) -> None:
    from events.phrases import PhraseMatch, merge_by_start

    ma = [PhraseMatch(s, s + 1, label) for s, label in sorted(a, key=lambda t: t[0])]
    mb = [PhraseMatch(s, s + 2, label) for s, label in sorted(b, key=lambda t: t[0])]
    assert merge_by_start(ma, mb) == sorted(ma + mb, key=lambda m: m.start)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 15), st.integers(0, 3), st.sampled_from("abc")), max_size=16),
       st.permutations("abc"), st.integers(0, 16), st.integers(0, 20))
def test_found_get_of_several_labels_is_the_stable_sort_by_start(
    spans: list[tuple[int, int, str]], labels: list[str], start: int, end: int
) -> None:
    from events.phrases import Found, PhraseMatch

    matches = [PhraseMatch(s, s + n, label) for s, n, label in sorted(spans, key=lambda t: t[0])]
    found = Found(matches)
    chosen = tuple(labels[:2])
    expected = sorted([m for label in chosen for m in matches if m.label == label and start <= m.start and m.end <= end],
                      key=lambda m: m.start)
    assert found.get(chosen, start, end) == expected


@pytest.mark.parametrize(("phrase", "text", "matched"), [
    ("launched ~2 drones", "launched drones overnight. drones struck", "launched drones"),
    ("launched ~2 drones", "launched dozens of drones overnight", "launched dozens of drones"),
    ("au lansat ~2 drone", "au lansat rachete. drone au lovit", None),
])
def test_a_gap_never_skips_the_end_of_a_sentence(phrase: str, text: str, matched: str | None) -> None:
    found = re.compile(_phrase_to_regex(phrase)).match(fold(text))
    assert (found.group() if found else None) == matched
