"""Arbitrary text never breaks extraction; lexicon and gazetteer files are validated on load."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import lexicon
from events.extract import extract
from events.readers import read_text

WORDS = st.sampled_from([
    "Rusia", "Kievului", "atac", "aerian", "asupra", "discuții", "summit", "Putin", "Zelenski", "miercuri", "ieri",
    "talks", "Russian", "drones", "hit", "Odesa", "met", "will", "not", "no", ",", ".", "„", "”", "\n", "a declarat",
    "said", "on", "Aug.", "15", "2025", "între", "și", "cu", "la", "Casa", "Albă", "the", "White", "House", "ş", "ţ",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_extract_never_raises_on_arbitrary_text(text):
    for lang in ("ro", "en", None):
        for ev in extract(read_text(text, published=date(2025, 9, 3), language=lang)):
            assert 0 <= ev.start <= ev.end


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=60).map(" ".join))
def test_extract_never_raises_on_news_like_word_salad(text):
    article = read_text(text, published=date(2025, 9, 3))
    for ev in extract(article):
        assert article.text[ev.start : ev.end] == ev.sentence
        assert ev.status in ("occurred", "planned", "cancelled")


@pytest.mark.parametrize(("content", "message"), [
    ("language: ro\n", "missing key 'triggers'"),
    ("- just a list\n", "must be a mapping"),
])
def test_lexicon_errors_name_the_file(tmp_path, monkeypatch, content, message):
    (tmp_path / "xx.yaml").write_text(content, encoding="utf-8")
    (tmp_path / "types.yaml").write_text((lexicon.LEXICON_DIR / "types.yaml").read_text(), encoding="utf-8")
    monkeypatch.setattr(lexicon, "LEXICON_DIR", tmp_path)
    lexicon.load.cache_clear()
    lexicon.event_types.cache_clear()
    try:
        with pytest.raises(lexicon.LexiconError, match=message) as exc:
            lexicon.load("xx")
        assert "xx.yaml" in str(exc.value)
    finally:
        lexicon.load.cache_clear()
        lexicon.event_types.cache_clear()


def test_unknown_trigger_type_is_rejected(tmp_path, monkeypatch):
    text = (lexicon.LEXICON_DIR / "en.yaml").read_text(encoding="utf-8").replace("  air_attack:\n", "  naval_attack:\n", 1)
    (tmp_path / "en.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "types.yaml").write_text((lexicon.LEXICON_DIR / "types.yaml").read_text(), encoding="utf-8")
    monkeypatch.setattr(lexicon, "LEXICON_DIR", tmp_path)
    lexicon.load.cache_clear()
    try:
        with pytest.raises(lexicon.LexiconError, match="naval_attack"):
            lexicon.load("en")
    finally:
        lexicon.load.cache_clear()


def test_a_new_event_type_is_a_data_change(tmp_path, monkeypatch):
    """Declare 'ceasefire' in types.yaml and give it trigger words: the extractor reports it, no code touched."""
    types = (lexicon.LEXICON_DIR / "types.yaml").read_text(encoding="utf-8").replace(
        "types:\n", "types:\n  ceasefire:\n    label: Ceasefire\n    roles: parties\n    min_parties: 2\n", 1)
    en = (lexicon.LEXICON_DIR / "en.yaml").read_text(encoding="utf-8").replace(
        "triggers:\n", "triggers:\n  ceasefire:\n    - ceasefire|truce\n", 1)
    for name in ("ro.yaml",):
        (tmp_path / name).write_text((lexicon.LEXICON_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "types.yaml").write_text(types, encoding="utf-8")
    (tmp_path / "en.yaml").write_text(en, encoding="utf-8")
    import events.extract as ex_mod

    monkeypatch.setattr(lexicon, "LEXICON_DIR", tmp_path)
    lexicon.load.cache_clear()
    lexicon.event_types.cache_clear()
    monkeypatch.setattr(ex_mod, "_EXTRACTOR", None)
    try:
        evs = extract(read_text("India and Pakistan agreed a ceasefire on Saturday.", published=date(2025, 5, 12),
                                language="en"))
        assert [(e.event_type, e.countries) for e in evs] == [("ceasefire", ("IND", "PAK"))]
    finally:
        lexicon.load.cache_clear()
        lexicon.event_types.cache_clear()
        ex_mod._EXTRACTOR = None


def test_extraction_is_thread_safe(root):
    """Streamlit sessions share one extractor: concurrent extraction gives the same events as sequential."""
    from concurrent.futures import ThreadPoolExecutor

    from events.readers import read_paths
    from events.records import Article

    articles = [a for a in read_paths([root / "tests" / "data" / "golden" / "dev"]) if isinstance(a, Article)]
    expected = [[e.event_id for e in extract(a)] for a in articles]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda a: [e.event_id for e in extract(a)], articles * 3))
    assert got == expected * 3
