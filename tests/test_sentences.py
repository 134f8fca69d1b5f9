"""Sentence splitting case table."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from events import lexicon, sentences
from events.sentences import split

CASES = [
    ("en", "Talks began. They ended.", ["Talks began.", "They ended."]),
    ("en", "The U.S. envoy met Lavrov on Aug. 15. Then he left.", ["The U.S. envoy met Lavrov on Aug. 15.",
                                                                  "Then he left."]),
    ("en", "J. D. Vance spoke. Zelensky listened.", ["J. D. Vance spoke.", "Zelensky listened."]),
    ("ro", "Dl. Popescu a vorbit. Dna. Ionescu a tăcut.", ["Dl. Popescu a vorbit.", "Dna. Ionescu a tăcut."]),
    ("ro", "Titlu fără punct\nPrimul paragraf are o frază.", ["Titlu fără punct", "Primul paragraf are o frază."]),
    ("ro", "„Apărarea este activă!” a declarat el. Alerta continuă.",
     ["„Apărarea este activă!” a declarat el.", "Alerta continuă."]),
    ("ro", "A fost ora 10.30. Apoi s-a încheiat.", ["A fost ora 10.30.", "Apoi s-a încheiat."]),
    ("en", "Is it over? No. It is not!", ["Is it over?", "No.", "It is not!"]),
    ("en", "Resolution No. 5 passed. It was late.", ["Resolution No. 5 passed.", "It was late."]),
    ("en", "", []),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES, ids=[c[1][:30] or "empty" for c in CASES])
def test_split(lang, text, expected):
    spans = list(split(text, lexicon.load(lang)))
    assert [text[s:e] for s, e in spans] == expected


# the sentence-end pattern as first written: the hand-written scanner must find exactly the same ends
_PLAIN_END = re.compile(r"""[.!?…]+["'”’»)\]]*(?=\s+["'„“«(\[]?[A-ZĂÂÎȘȚŞŢÀ-ÖØ-Þ0-9])|\n\s*""")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab A.!?…\n\t\"'”’»)]„“«([ȘşÀ×Ø9 \u2028\xa0Þß"))) | st.text())
def test_sentence_ends_are_the_pattern_matches(text: str) -> None:
    assert sentences._ends(text) == [m.span() for m in _PLAIN_END.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aB1_.. ,ăș-\n²"))) | st.text())
def test_word_before_a_dot_is_what_the_regex_finds(text: str) -> None:
    # the backward scan replaces re.search(r"([\w.]+)\.$") over the 20 characters before the dot
    for dot in [i for i, c in enumerate(text) if c == "."]:
        m = re.compile(r"([\w.]+)\.$").search(text, max(0, dot - 20), dot + 1)
        assert sentences._word_before(text, dot) == (m.group(1) if m else "")
