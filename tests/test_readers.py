"""Tests for events.text and events.readers: formats, metadata, encodings, bad inputs."""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import time
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import text as _text_mod
from events.readers import (
    article_id,
    decode_bytes,
    is_warning,
    load_manifest,
    parse_date,
    parse_language,
    read_paths,
    read_text,
)
from events.records import Article, ReadProblem
from events.text import detect_language, normalize, strip_diacritics

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_eea6658212023e61.txt"
SEED_MANIFEST = ROOT / "data" / "seeds.metadata.yaml"

RO = "Rusia și Statele Unite sunt în proces de coordonare a următoarei runde de discuții bilaterale."
RO_CEDILLA = RO.translate(str.maketrans("șțȘȚ", "şţŞŢ"))
EN = "Russia and the United States are coordinating the next round of bilateral talks."


def read_all(*paths: Path | str, **kwargs: object) -> list[Article | ReadProblem]:
    return list(read_paths([*paths], **kwargs))


def articles(items: list[Article | ReadProblem]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def problems(items: list[Article | ReadProblem]) -> list[ReadProblem]:
    return [i for i in items if isinstance(i, ReadProblem)]


def shown(p: ReadProblem) -> str:
    """How the CLI prints a problem."""
    return f"{p.path}: {p.message}"


def write(path: Path, content: str | bytes, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


# --- normalize / strip_diacritics -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Bucureşti, Ţara", "București, Țara"),  # cedilla -> comma-below
        ("s\u0327i t\u0327ara", "și țara"),  # decomposed cedilla -> composed -> comma-below
        ("a\u0306 i\u0302", "ă î"),  # NFC
        ("a\r\nb\rc", "a\nb\nc"),  # line endings
        ("\ufeffText", "Text"),  # BOM
        ("a\x00b\x07c\x1bd\te", "abcd\te"),  # C0 controls go, tab stays
        ("a\x0cb", "a\nb"),  # a form feed separates lines, it does not join words
        ("a\ud800b", "a\ufffdb"),  # lone surrogate (from JSON escapes) cannot be UTF-8
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_normalize_stray_combining_cedilla() -> None:
    # NFC of "Ș" + U+0327 recomposes a cedilla Ş: normalize() must still be idempotent
    once = normalize("Ş\u0327")
    assert once == "Ș\u0326" and normalize(once) == once


def test_strip_diacritics_same_length() -> None:
    text = "ăâîșțşţ ĂÂÎȘȚŞŢ Erdoğan"
    assert strip_diacritics(text) == "aaistst AAISTST Erdogan"
    assert len(strip_diacritics(text)) == len(text)


# --- detect_language ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (RO, "ro"),
        (RO_CEDILLA, "ro"),
        (strip_diacritics(RO), "ro"),
        ("Putin si Trump s-au intalnit in Alaska.", "ro"),
        ("Presedintele a spus ca tara este pregatita pentru negocieri.", "ro"),
        ("Dupa summit, ministrul a declarat ca discutiile continua.", "ro"),
        ("Zelenski s-a intalnit cu Ciolacu la Bucuresti.", "ro"),
        ("Întâlnirea a avut loc într-un climat tensionat.", "ro"),
        ("Ministrul de Externe", "ro"),
        (EN, "en"),
        ("Putin met Trump in Alaska.", "en"),
        ("Zelensky met Ciolacu and Iohannis in Bucharest on Tuesday.", "en"),
        ("The talks in Iași and Timișoara were postponed, officials said.", "en"),
        ("The UN Security Council will meet on Friday to discuss the attack.", "en"),
        ("NATO summit", "en"),
        ("12345 !!!", "en"),
        ("", "en"),
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def _scores_of_lowered_text(sample: str) -> tuple[float, float]:
    """The function-word scores as first written: strip_diacritics() of the lower-cased sample, two word sets."""
    ro = en = 0.0
    for token in _text_mod.letter_words(strip_diacritics(sample.lower())):
        if token in _text_mod._RO_WORDS:
            ro += 1
        elif token in _text_mod._EN_WORDS:
            en += 1
    return ro + 0.5 * sum(sample.count(c) for c in "ăĂșȘțȚşŞţŢ"), en


def test_folding_a_character_gives_the_ascii_letters_lowering_and_stripping_it_gives() -> None:
    """Function words are ASCII: fold(c) and strip_diacritics(c.lower()) may differ, but not in what they make ASCII
    or a letter, for any character but "İ"."""
    import re

    from events.lexicon import fold

    letter = re.compile(r"[^\W\d_]")
    differ = []
    for cp in [*range(0xD800), *range(0xE000, 0x30000)]:
        a, b = fold(chr(cp)), strip_diacritics(chr(cp).lower())
        if a != b and (any(ch.isascii() for ch in a + b) or [bool(letter.match(ch)) for ch in a] != [
            bool(letter.match(ch)) for ch in b
        ]):
            differ.append(chr(cp))
    assert differ == ["\u0130"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("siaădecuthwoAȘĂÎİΣσKK\u0301-' ,.\n„”2"))) | st.text())
def test_function_word_scores_are_those_of_the_lowered_text(text: str) -> None:
    from events.lexicon import fold

    expected = _scores_of_lowered_text(text)
    assert _text_mod._function_word_scores(text) == expected
    assert _text_mod._function_word_scores(text, fold(text)) == expected
    assert detect_language(text, fold(text)) == detect_language(text)


def test_detect_language_seed_and_speed() -> None:
    text = SEED.read_text(encoding="utf-8")[:3000]
    assert detect_language(text) == "ro"
    assert detect_language(strip_diacritics(text)) == "ro"
    start = time.perf_counter()
    for _ in range(200):
        detect_language(text)
    assert (time.perf_counter() - start) / 200 < 0.001


# --- dates and languages ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-09-03", date(2025, 9, 3)),
        ("2025-09-03T10:00:00Z", date(2025, 9, 3)),
        ("2025-09-03 23:30+03:00", date(2025, 9, 3)),  # the date as written, in its own zone
        ("3 September 2025", date(2025, 9, 3)),
        ("September 3, 2025", date(2025, 9, 3)),
        ("miercuri, 3 septembrie 2025", date(2025, 9, 3)),
        ("03.09.2025", date(2025, 9, 3)),
        (date(2025, 9, 3), date(2025, 9, 3)),
    ],
)
def test_parse_date(value: object, expected: date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2025-02-30", "day is out of range for month"),
        ("30 February 2025", "day is out of range for month"),
        ("2025-13-01", "month must be in 1..12"),
        ("September 2025", "not a recognised date"),  # no day: not silently the 1st or today's
        ("soon", "not a recognised date"),
    ],
)
def test_parse_date_invalid(value: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_date(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("ro", "ro"), ("RO-ro", "ro"), ("Romanian", "ro"), ("en_GB", "en"), ("auto", None), (None, None)],
)
def test_parse_language(value: str | None, expected: str | None) -> None:
    assert parse_language(value) == expected


def test_parse_language_unsupported() -> None:
    with pytest.raises(ValueError, match="unsupported language 'fr'"):
        parse_language("fr")


# --- one test per format ----------------------------------------------------------------------------

HTML = f"""<!doctype html><html><head><title>Talks | Example News</title>
<meta property="og:title" content="Talks resume">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2025-09-03T10:00:00Z">
<link rel="canonical" href="https://example.org/talks"></head>
<body><nav>Home | World | Sport</nav><article><p>{EN} The RIA agency reported it on Wednesday,
citing the foreign ministry spokeswoman.</p><p>Meanwhile, air defence systems repelled an attack
on Kyiv, the city's military administration said.</p></article><footer>Copyright</footer></body></html>"""

FORMAT_CASES = [
    # (file name, content, expected path suffix, text, title, published, source, url, language)
    ("plain.txt", RO + "\n", "plain.txt", RO, None, None, None, None, "ro"),
    (
        "front.txt",
        f"---\ntitle: Discuții\npublished: 2025-09-03\nsource: Agerpres\nurl: https://ex.ro/a\n---\n\n{RO}\n",
        "front.txt",
        RO,
        "Discuții",
        date(2025, 9, 3),
        "Agerpres",
        "https://ex.ro/a",
        "ro",
    ),
    (
        "front.md",
        f"---\ntitle: Talks\ndate: 3 September 2025\nlanguage: en\ntags: [diplomacy]\n---\n{EN}\n",
        "front.md",
        EN,
        "Talks",
        date(2025, 9, 3),
        None,
        None,
        "en",
    ),
    (
        "page.html",
        HTML,
        "page.html",
        None,  # checked by containment below
        "Talks resume",
        date(2025, 9, 3),
        "Example News",
        "https://example.org/talks",
        "en",
    ),
    (
        "one.json",
        json.dumps(
            {"title": "T", "body": RO, "date": "2025-09-03", "source": "S", "url": "u", "language": "ro"}
        ),
        "one.json",
        RO,
        "T",
        date(2025, 9, 3),
        "S",
        "u",
        "ro",
    ),
    (
        "many.json",
        json.dumps([{"text": "x"}, {"content": EN, "published": "2025-09-03T10:00:00Z", "title": "B"}]),
        "many.json#1",
        EN,
        "B",
        date(2025, 9, 3),
        None,
        None,
        "en",
    ),
    (
        "lines.jsonl",
        json.dumps({"text": "x"}) + "\n\n" + json.dumps({"text": RO, "title": "L", "source": "S"}) + "\n",
        "lines.jsonl#3",  # 1-based line numbers, blank lines counted
        RO,
        "L",
        None,
        "S",
        None,
        "ro",
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "path_suffix", "text", "title", "published", "source", "url", "language"),
    FORMAT_CASES,
    ids=[c[0] for c in FORMAT_CASES],
)
def test_formats(
    tmp_path: Path,
    name: str,
    content: str,
    path_suffix: str,
    text: str | None,
    title: str | None,
    published: date | None,
    source: str | None,
    url: str | None,
    language: str,
) -> None:
    write(tmp_path / name, content)
    items = read_all(tmp_path / name)
    assert problems(items) == []
    art = articles(items)[-1]
    assert art.path == str(tmp_path / path_suffix)
    if text is None:
        assert EN in art.text and "Home | World" not in art.text and "Copyright" not in art.text
    else:
        assert art.text == text
    assert (art.title, art.published, art.source, art.url, art.language) == (
        title,
        published,
        source,
        url,
        language,
    )
    assert art.article_id == hashlib.sha1(art.text.encode("utf-8")).hexdigest()[:16]


def test_json_records_numbered(tmp_path: Path) -> None:
    write(tmp_path / "a.json", json.dumps([{"text": "one"}, {"text": "two"}, {"text": "three"}]))
    assert [a.path.rsplit("#", 1)[1] for a in articles(read_all(tmp_path / "a.json"))] == ["0", "1", "2"]


def test_front_matter_removed_and_title_not_guessed(tmp_path: Path) -> None:
    write(tmp_path / "a.md", f"# Heading\n\n{EN}\n")
    write(tmp_path / "b.md", f"---\n\n{EN}\n\n---\n\nMore text.\n")  # horizontal rules, not front matter
    write(tmp_path / "c.md", f"---\ntitle: Talks: resumed\n---\n{EN}\n")  # invalid YAML
    a, b, c, warn = read_all(tmp_path / "a.md", tmp_path / "b.md", tmp_path / "c.md")
    assert a.title is None and a.text.startswith("# Heading")
    assert b.text.startswith("---") and "More text." in b.text
    assert c.text == EN and c.title is None
    assert is_warning(warn) and warn.path.endswith("c.md") and "front matter ignored" in warn.message


def test_html_broken_and_empty(tmp_path: Path) -> None:
    write(
        tmp_path / "broken.html", "<html><body><div><p>Scurt text despre Rusia și Ucraina.<b><table><tr><td>x"
    )
    write(tmp_path / "script.htm", "<html><head><script>var a = 1;</script></head><body></body></html>")
    write(tmp_path / "latin2.html", f"<html><body><p>{RO_CEDILLA}</p></body></html>", encoding="iso8859_2")
    broken, script, latin2 = read_all(
        tmp_path / "broken.html", tmp_path / "script.htm", tmp_path / "latin2.html"
    )
    assert isinstance(broken, Article) and "Rusia și Ucraina" in broken.text
    assert isinstance(script, ReadProblem) and script.message == "no text found in the HTML"
    assert isinstance(latin2, Article) and latin2.text == RO


# --- metadata: defaults, manifests ---------------------------------------------------------------


def test_defaults_apply_only_when_the_article_has_none(tmp_path: Path) -> None:
    write(tmp_path / "own.md", f"---\npublished: 2024-01-02\nsource: Own\nlanguage: en\n---\n{RO}")
    write(tmp_path / "bare.txt", RO)
    bare, own = read_all(tmp_path, published="2025-09-03", language="en", source="Default")  # sorted
    assert (own.published, own.source, own.language) == (date(2024, 1, 2), "Own", "en")
    assert (bare.published, bare.source, bare.language) == (date(2025, 9, 3), "Default", "en")
    detected = articles(read_all(tmp_path / "bare.txt", language="auto"))[0]
    assert detected.language == "ro"


def test_bad_arguments_raise_at_call() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        read_paths(["x"], language="fr")
    with pytest.raises(ValueError, match="day is out of range"):
        read_paths(["x"], published="2025-02-30")


MANIFESTS = {
    "csv": "file;published;title;source\nsub/a.txt;2025-09-03;Titlu;Agerpres\nb.txt;3 September 2025;;\n",
    "json": json.dumps(
        [
            {"file": "sub/a.txt", "published": "2025-09-03", "title": "Titlu", "source": "Agerpres"},
            {"file": "b.txt", "published": "3 September 2025"},
        ]
    ),
    "yaml": (
        "- file: sub/a.txt\n  published: 2025-09-03\n  title: Titlu\n  source: Agerpres\n"
        "- file: b.txt\n  published: 3 September 2025\n"
    ),
}


@pytest.mark.parametrize("kind", sorted(MANIFESTS))
def test_explicit_manifest(tmp_path: Path, kind: str) -> None:
    write(tmp_path / "in" / "sub" / "a.txt", RO)
    write(tmp_path / "in" / "b.txt", EN)
    manifest = write(tmp_path / "in" / f"meta.{kind}", MANIFESTS[kind])
    items = read_all(tmp_path / "in" / "b.txt", tmp_path / "in" / "sub", metadata=manifest)
    assert problems(items) == []
    b, a = items
    assert (a.title, a.published, a.source) == ("Titlu", date(2025, 9, 3), "Agerpres")
    assert (b.title, b.published) == (None, date(2025, 9, 3))
    # read as a folder, the manifest itself is not taken for an article
    assert len(read_all(tmp_path / "in", metadata=manifest)) == 2


def test_auto_discovered_manifest(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", RO)
    write(tmp_path / "b.txt", EN)
    write(tmp_path / "metadata.yaml", "a.txt:\n  published: 2025-09-03\n  language: ro\nb.txt:\n  title: B\n")
    items = read_all(tmp_path)
    assert problems(items) == []
    a, b = items
    assert (a.path, a.published) == (str(tmp_path / "a.txt"), date(2025, 9, 3))
    assert (b.title, b.published) == ("B", None)
    # also when the file is named on its own
    assert articles(read_all(tmp_path / "a.txt"))[0].published == date(2025, 9, 3)


def test_article_metadata_wins_over_manifest(tmp_path: Path) -> None:
    write(tmp_path / "a.md", f"---\npublished: 2024-05-06\n---\n{RO}")
    write(tmp_path / "metadata.csv", "file,published,source\na.md,2025-09-03,Manifest\n")
    (a,) = read_all(tmp_path)
    assert (a.published, a.source) == (date(2024, 5, 6), "Manifest")


def test_manifest_validation(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", RO)
    manifest = write(
        tmp_path / "metadata.csv",
        "file,published,autor\na.txt,2025-02-30,X\nmissing.txt,2025-09-03,\n,2025-09-03,\n",
    )
    items = read_all(tmp_path)
    warns = [shown(p) for p in problems(items)]
    assert all(is_warning(p) and p.path == str(manifest) for p in problems(items))
    assert any("metadata.csv line 2: unknown key 'autor'" in w for w in warns)
    assert any(
        "metadata.csv line 2: invalid publication date '2025-02-30' (day is out of range" in w for w in warns
    )
    assert any("metadata.csv line 3: no such file 'missing.txt'" in w for w in warns)
    assert any("metadata.csv line 4: no 'file'" in w for w in warns)
    assert articles(items)[0].published is None  # the file is still read
    with pytest.raises(ValueError, match="metadata.csv"):
        load_manifest(manifest)


def test_broken_manifest_does_not_stop_reading(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", RO)
    manifest = write(tmp_path / "m.json", '[{"file": "a.txt",}]')
    first, second = read_all(tmp_path / "a.txt", metadata=manifest)
    assert isinstance(first, ReadProblem) and first.path == str(manifest)
    assert first.message.startswith("metadata manifest: invalid JSON at line 1 column 19")
    assert isinstance(second, Article)


def test_load_manifest_ok(tmp_path: Path) -> None:
    manifest = write(tmp_path / "m.yaml", "- file: a.txt\n  published: 2025-09-03\n")
    key = os.path.normcase(str(tmp_path / "a.txt"))
    assert load_manifest(manifest) == {key: {"published": date(2025, 9, 3)}}


def test_seed_with_bundled_manifest() -> None:
    before = SEED.read_bytes()
    items = read_all(ROOT / "seeds", metadata=SEED_MANIFEST)
    assert problems(items) == []
    (seed,) = items
    assert (seed.published, seed.language) == (date(2025, 9, 3), "ro")
    assert seed.title is None
    # the seed is already normalised: its id is the SHA-1 of the file itself, and it is untouched
    assert seed.article_id == hashlib.sha1(before).hexdigest()[:16]
    assert SEED.read_bytes() == before


def test_invalid_publication_date_warns(tmp_path: Path) -> None:
    write(tmp_path / "a.md", f"---\npublished: 2025-02-30\n---\n{RO}")
    write(tmp_path / "b.jsonl", json.dumps({"text": EN, "date": "2025-02-30"}) + "\n")
    a, warn_a, b, warn_b = read_all(tmp_path)
    assert isinstance(a, Article) and a.published is None
    assert warn_a.path == a.path and is_warning(warn_a)
    assert warn_a.message == (
        "warning: invalid publication date '2025-02-30' (day is out of range for month); read without one"
    )
    assert isinstance(b, Article) and b.path.endswith("b.jsonl#1") and warn_b.path == b.path
    # with a default the message says what was used instead
    _, warn = read_all(tmp_path / "a.md", published=date(2025, 9, 3))
    assert warn.message.endswith("used 2025-09-03 from the default instead")


# --- encodings ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "original"),
    [
        ("cp1250", RO_CEDILLA),
        ("cp1250", "„" + RO_CEDILLA + "” – a declarat ministrul."),
        ("iso8859_2", RO_CEDILLA),
        ("iso8859_16", "„" + RO + "”"),
        ("utf-8-sig", RO),
        ("utf-16", RO),
        ("cp1252", "The minister’s “talks” in Zürich – café, Société Générale, señor."),
        ("cp1252", "Le président a déclaré à Paris que les négociations étaient très importantes."),
    ],
)
def test_encodings_round_trip(tmp_path: Path, encoding: str, original: str) -> None:
    write(tmp_path / "a.txt", original, encoding=encoding)
    (art,) = read_all(tmp_path / "a.txt")
    assert art.text == normalize(original)
    assert "ş" not in art.text and "ţ" not in art.text


def test_legacy_romanian_letters_exact(tmp_path: Path) -> None:
    letters = "ăâîşţĂÂÎŞŢ"
    for encoding in ("cp1250", "iso8859_2"):
        write(tmp_path / f"{encoding}.txt", f"Litere: {letters} în România şi ţară", encoding=encoding)
    for art in articles(read_all(tmp_path)):
        assert art.text == "Litere: ăâîșțĂÂÎȘȚ în România și țară"


def test_utf8_with_a_stray_byte(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", RO.encode("utf-8") + b" \xba " + RO.encode("utf-8"))
    art, warn = read_all(tmp_path / "a.txt")
    assert art.text.count("ș") == 2 and "\ufffd" in art.text  # not cp1250 mojibake
    assert is_warning(warn) and "invalid UTF-8" in warn.message


def test_decode_bytes_reports_encoding() -> None:
    assert decode_bytes(RO.encode("utf-8")) == (RO, "utf-8")
    assert decode_bytes(RO_CEDILLA.encode("cp1250")) == (RO_CEDILLA, "cp1250")


def test_nfc_and_cedilla_from_utf8_file(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", RO_CEDILLA)
    assert decomposed != RO_CEDILLA
    write(tmp_path / "a.txt", decomposed.replace("\n", "\r\n"))
    write(tmp_path / "b.json", json.dumps({"text": decomposed + "\u0000"}))
    a, b = read_all(tmp_path)
    assert a.text == b.text == RO
    assert a.article_id == b.article_id == article_id(RO)


# --- bad inputs -------------------------------------------------------------------------------------


def make_bad(tmp_path: Path, kind: str) -> Path:
    """Create one bad input of the given kind and return its path."""
    if kind == "empty":
        return write(tmp_path / "empty.txt", b"")
    if kind == "whitespace":
        return write(tmp_path / "blank.md", " \n\t\r\n  ")
    if kind == "binary":
        return write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    if kind == "mostly-control":
        return write(tmp_path / "controls.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 20 + b"abc")
    if kind == "too-large":
        path = tmp_path / "huge.txt"
        with open(path, "wb") as f:
            f.truncate(52_400_000)  # sparse: takes no disk space, never read
        return path
    if kind == "extension":
        return write(tmp_path / "report.pdf", "%PDF-1.7")
    if kind == "invalid-json":
        return write(tmp_path / "bad.json", '{\n "text": "a",\n    x\n}')
    if kind == "json-no-text":
        return write(tmp_path / "notext.json", json.dumps({"title": "Only a title"}))
    if kind == "json-scalar":
        return write(tmp_path / "scalar.json", "42")
    if kind == "html-empty":
        return write(tmp_path / "empty.html", "<html><body><script>x()</script></body></html>")
    if kind == "front-matter-only":
        return write(tmp_path / "fm.md", "---\ntitle: Nothing else\n---\n\n")
    if kind == "missing":
        return tmp_path / "nowhere" / "missing.txt"
    raise AssertionError(kind)


BAD_CASES = [
    ("empty", "empty.txt", "empty file"),
    ("whitespace", "blank.md", "file contains only whitespace"),
    ("binary", "image.txt", "binary file, not text"),
    ("mostly-control", "controls.txt", "binary file, not text"),
    ("too-large", "huge.txt", "file too large: 52.4 MB > 20.0 MB limit"),
    ("extension", "report.pdf", "unsupported file type '.pdf' (supported: .txt .md .html .htm .json .jsonl)"),
    ("invalid-json", "bad.json", "invalid JSON at line 3 column 5: Expecting property name"),
    ("json-no-text", "notext.json", "no text field (expected 'text', 'body' or 'content')"),
    ("json-scalar", "scalar.json", "expected a JSON object or a list of objects, got a number"),
    ("html-empty", "empty.html", "no text found in the HTML"),
    ("front-matter-only", "fm.md", "no text after the front matter"),
    ("missing", "missing.txt", "no such file or directory"),
]


@pytest.mark.parametrize(("kind", "name", "message"), BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_bad_input_then_next_file_is_read(tmp_path: Path, kind: str, name: str, message: str) -> None:
    bad = make_bad(tmp_path, kind)
    good = write(tmp_path / "zz_good.txt", RO)
    items = read_all(bad, good)
    assert len(items) == 2
    problem, article = items
    assert isinstance(problem, ReadProblem) and not is_warning(problem)
    assert problem.path == str(bad)
    assert name in shown(problem) and message in shown(problem)
    assert isinstance(article, Article) and article.path == str(good)


def test_bad_inputs_in_one_folder(tmp_path: Path) -> None:
    for kind, _, _ in BAD_CASES:
        if kind != "missing":
            make_bad(tmp_path, kind)
    write(tmp_path / "zz_good.txt", RO)
    items = read_all(tmp_path)
    assert len(problems(items)) == len(BAD_CASES) - 1
    assert [a.path for a in articles(items)] == [str(tmp_path / "zz_good.txt")]


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = write(tmp_path / "locked.txt", RO)
    good = write(tmp_path / "ok.txt", EN)
    real_open = os.open

    def fake_open(file: object, *args: object, **kwargs: object) -> object:
        if os.fspath(file) == str(locked):  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", str(locked))
        return real_open(file, *args, **kwargs)  # type: ignore[arg-type]

    # Tests run as root in CI, where chmod 000 does not stop reading: simulate the error.
    monkeypatch.setattr(os, "open", fake_open)
    problem, article = read_all(locked, good)
    assert shown(problem) == f"{locked}: permission denied"
    assert isinstance(article, Article)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads mode-000 files")
def test_unreadable_file_chmod(tmp_path: Path) -> None:
    locked = write(tmp_path / "locked.txt", RO)
    locked.chmod(0)
    try:
        (problem,) = read_all(locked)
        assert problem.message == "permission denied"
    finally:
        locked.chmod(0o644)


def test_jsonl_bad_records_do_not_stop_the_file(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "Primul articol despre Rusia."}),
        json.dumps({"title": "no text"}),
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"text": 5}),
        json.dumps({"text": "   "}),
        json.dumps({"body": "The last article."}),
    ]
    write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    items = read_all(tmp_path / "batch.jsonl")
    assert [type(i).__name__ for i in items] == ["Article"] + ["ReadProblem"] * 5 + ["Article"]
    assert [shown(p).split(str(tmp_path) + os.sep)[1] for p in problems(items)] == [
        "batch.jsonl#2: no text field (expected 'text', 'body' or 'content')",
        "batch.jsonl#3: invalid JSON at line 3 column 2: Expecting property name enclosed in double quotes",
        "batch.jsonl#4: expected a JSON object, got an array",
        "batch.jsonl#5: 'text' is a number, not a string",
        "batch.jsonl#6: 'text' is empty",
    ]
    assert items[-1].path.endswith("batch.jsonl#7")


def test_jsonl_line_limit(tmp_path: Path) -> None:
    write(tmp_path / "a.jsonl", json.dumps({"text": "x" * 500}) + "\n" + json.dumps({"text": "short"}) + "\n")
    big, small = read_all(tmp_path / "a.jsonl", max_bytes=100)
    assert (
        isinstance(big, ReadProblem) and big.path.endswith("a.jsonl#1") and "record too large" in big.message
    )
    assert isinstance(small, Article) and small.text == "short"


# --- folders ------------------------------------------------------------------------------------------


def test_folder_sorted_recursive_skips_hidden(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", EN)
    write(tmp_path / "a" / "z.txt", RO)
    write(tmp_path / "a" / "y.md", EN)
    write(tmp_path / ".hidden.txt", EN)
    write(tmp_path / ".git" / "c.txt", EN)
    items = read_all(tmp_path)
    assert [i.path for i in items] == [str(tmp_path / p) for p in ("a/y.md", "a/z.txt", "b.txt")]


def test_folder_of_3000_files_is_read_lazily(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(3000):
        (folder / f"{i:04d}.txt").write_text(
            f"Articolul {i}: Rusia și Ucraina au discutat.", encoding="utf-8"
        )
    items = read_paths(folder)
    assert inspect.isgenerator(items)
    first = next(items)
    assert isinstance(first, Article) and first.path.endswith("0000.txt")
    # Deleting a file after the walk started shows its content had not been loaded yet.
    (folder / "2999.txt").unlink()
    rest = list(items)
    assert 1 + len(rest) == 3000
    assert isinstance(rest[-1], ReadProblem) and rest[-1].message == "no such file or directory"
    assert len({a.article_id for a in rest if isinstance(a, Article)}) == 2998


# --- read_text ------------------------------------------------------------------------------------------


def test_read_text() -> None:
    art = read_text(f"\ufeff  {RO_CEDILLA}\r\n", title=" Titlu ", published="2025-09-03", source="S", url="u")
    assert art.text == RO and art.path == "<text>"
    assert (art.title, art.published, art.source, art.url, art.language) == (
        "Titlu",
        date(2025, 9, 3),
        "S",
        "u",
        "ro",
    )
    assert art.article_id == article_id(RO)
    assert read_text(EN, language="ro").language == "ro"


def test_same_text_same_id(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", RO + "\n")
    write(tmp_path / "b.jsonl", json.dumps({"text": RO_CEDILLA}) + "\n")
    ids = {a.article_id for a in articles(read_all(tmp_path))} | {read_text(RO).article_id}
    assert len(ids) == 1


# --- properties -------------------------------------------------------------------------------------------

NASTY = st.text(
    alphabet=st.sampled_from(list("aăsștţşŞ \n\r\t\x00\x07\x0c\x85\ufeff\u0327\u0326\u0306\ud800\u2028é"))
)
ANY_TEXT = st.one_of(st.text(), NASTY, st.text(alphabet=st.characters(codec="utf-8")))


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert not set("\r\x00\ufeffşţŞŢ") & set(once)
    assert len(strip_diacritics(once)) == len(once)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aăâîșțşţĂÂÎȘȚŞŢéÉöx „"))) | ANY_TEXT)
def test_strip_diacritics_is_the_table_applied_to_each_letter(text: str) -> None:
    table = _text_mod._FOLD_TABLE
    assert strip_diacritics(text) == "".join(table.get(ord(c), c) for c in text)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_normalize_fast_checks_change_nothing(text: str) -> None:
    # the printable and cedilla pre-checks only skip regex passes that would have changed nothing
    if _text_mod._plain_lines(text):
        assert _text_mod._LINE_BREAKS.sub("\n", _text_mod._CONTROLS.sub("", text)) == text
        assert _text_mod._SURROGATES.search(text) is None
    assert _text_mod._has_cedilla(text) == bool(_text_mod._CEDILLA.search(text))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT, st.sampled_from([None, "auto", "ro", "en"]))
def test_read_text_never_raises(text: str, language: str | None) -> None:
    art = read_text(text, language=language)
    assert art.language in ("ro", "en")
    assert art.text == normalize(art.text) == art.text.strip()
    assert read_text(art.text).article_id == art.article_id


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_token_pattern_is_the_letter_pattern_on_ascii(text: str) -> None:
    assert _text_mod._ASCII_TOKEN.findall(text) == _text_mod._TOKEN.findall(text)


@settings(max_examples=500, deadline=None)
@given(st.one_of(
    st.text(),
    st.lists(st.sampled_from(["war", "(nato)", "s-a", "-", "--", "x_y", "2025,", "m²", "„kiev”", "ăș", " ", "\n",
                              "a-", "-b", "war,", "_", "\u2028", "é."]), max_size=12).map("".join),
))
def test_letter_words_are_the_letter_pattern_matches(text: str) -> None:
    assert _text_mod.letter_words(text) == _text_mod._TOKEN.findall(text)
