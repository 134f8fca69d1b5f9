"""Arbitrary text never breaks extraction or the readers; lexicon and gazetteer files are validated on load."""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import lexicon
from events.extract import extract
from events.readers import read_paths, read_text
from events.records import Article, ReadProblem

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


def _read_file(name: str, content: str | bytes) -> list[Article | ReadProblem]:
    """Write one file and read it as the CLI would; each item is an Article or a ReadProblem."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
        items = list(read_paths([path], published=date(2025, 9, 3)))
    for item in items:
        assert isinstance(item, Article | ReadProblem)
        if isinstance(item, ReadProblem):
            assert len(item.message) < 400, item.message  # a message quotes at most 80 characters of a value
    return items


# YAML-ish front matter: keys the readers look at, flow and block syntax, anchors and aliases, tags
YAML_BITS = st.sampled_from([
    "published: ", "date: ", "language: ", "title: ", "source: ", "url: ", "&a ", "*a", "[", "]", "{", "}", ": ",
    "- ", "\n", "\n  ", "2025-09-03", "ro", "!!python/object:os.system", "!!binary", "'", '"', "? ", "<<: ", "9" * 50,
])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(YAML_BITS | st.text(max_size=10), max_size=30).map("".join), st.text(max_size=200))
def test_readers_never_raise_on_arbitrary_front_matter(front, body):
    _read_file("a.md", f"---\n{front}\n---\n{body}")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(["text", "body", "published", "date", "language", "title", "source", "url"]),
                       JSON_VALUES, max_size=8))
def test_readers_never_raise_on_arbitrary_json_records(record):
    _read_file("a.json", json.dumps(record))
    jsonl = _read_file("a.jsonl", json.dumps(record) + "\n" + json.dumps([record]) + "\n")
    assert len(jsonl) >= 2  # one item per line at least


HTML_BITS = st.sampled_from([
    "<html>", "<head>", "<title>", "</title>", "<meta charset='cp1250'>", "<body>", "<p>", "</p>", "<script>",
    "</script>", "<!--", "-->", "<![CDATA[", "&amp;", "&#0;", "&#x110000;", "<!DOCTYPE x [<!ENTITY a 'aaaa'>]>",
    "&a;", "<article>", "Drone rusești au lovit Odesa. ", "Talks in Geneva. ", "\x00", "<time datetime='2025-02-30'>",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(HTML_BITS | st.text(max_size=10), max_size=40).map("".join))
def test_readers_never_raise_on_arbitrary_html(html):
    _read_file("a.html", html)


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
