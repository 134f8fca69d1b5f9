"""Read news articles from files, folders and pasted text into normalised `Article` records.

Formats: .txt/.md (optional YAML front matter), .html/.htm (main text through trafilatura),
.json (an object or a list of objects) and .jsonl (one object per line). Metadata comes, in
order of precedence, from the article itself, from a manifest (metadata.csv/.yaml/.json beside
the files, or one passed explicitly) and from the defaults given by the caller.

`read_paths` never raises for a bad input: it yields a `ReadProblem` (path = the file or
record, message = what is wrong) and goes on with the next file. Messages do not repeat the
path (the CLI prints "path: message"); messages of problems that still produced an article
start with "warning: " (see `is_warning`).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import os
import re
import reprlib
import stat
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from html.parser import HTMLParser
from typing import Any, BinaryIO

from events.records import Article, ReadProblem
from events.text import detect_language, normalize, strip_diacritics
from events.untrusted_yaml import UntrustedYamlError
from events.untrusted_yaml import load as load_yaml

__all__ = [
    "MANIFEST_NAMES",
    "SUPPORTED_EXTENSIONS",
    "article_id",
    "decode_bytes",
    "is_warning",
    "load_manifest",
    "parse_date",
    "parse_language",
    "read_paths",
    "read_text",
]

SUPPORTED_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")
# Auto-discovered in every folder read; applied to that folder's files, never read as articles.
MANIFEST_NAMES = ("metadata.csv", "metadata.json", "metadata.yaml", "metadata.yml")
MANIFEST_FIELDS = ("file", "title", "published", "language", "source", "url")
TEXT_FIELDS = ("text", "body", "content")  # first one present is the article text
WARNING = "warning: "
LANGUAGES = ("ro", "en")

_BINARY_SAMPLE = 8192


def is_warning(problem: ReadProblem) -> bool:
    """True when the problem did not stop the article from being read."""
    return problem.message.startswith(WARNING)


def article_id(text: str) -> str:
    """First 16 hex digits of the SHA-1 of the (already normalised) text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


# --- values: dates, languages, text fields -------------------------------------------------------

_MONTHS = {
    # English and Romanian month names, compared after folding diacritics and case.
    **dict.fromkeys(("january", "jan", "ianuarie", "ian"), 1),
    **dict.fromkeys(("february", "feb", "februarie"), 2),
    **dict.fromkeys(("march", "mar", "martie"), 3),
    **dict.fromkeys(("april", "apr", "aprilie"), 4),
    **dict.fromkeys(("may", "mai"), 5),
    **dict.fromkeys(("june", "jun", "iunie", "iun"), 6),
    **dict.fromkeys(("july", "jul", "iulie", "iul"), 7),
    **dict.fromkeys(("august", "aug"), 8),
    **dict.fromkeys(("september", "sep", "sept", "septembrie"), 9),
    **dict.fromkeys(("october", "oct", "octombrie"), 10),
    **dict.fromkeys(("november", "nov", "noiembrie", "noi"), 11),
    **dict.fromkeys(("december", "dec", "decembrie"), 12),
}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:([T ])(.*))?")
_DOTTED = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")  # 03.09.2025: day first (ro and en-GB)
_SLASHED = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
_DAY_MONTH_YEAR = re.compile(r"(?:[^\W\d_]+,?\s+)?(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"(?:[^\W\d_]+,?\s+)?([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")


def _month(name: str) -> int:
    """Month number of an English or Romanian month name or abbreviation."""
    month = _MONTHS.get(strip_diacritics(name.lower()))
    if month is None:
        raise ValueError(f"unknown month {name!r}")
    return month


def parse_date(value: object) -> date:
    """Parse a publication date (ISO date or date-time, 3 September 2025, 03.09.2025)."""
    # Explicit patterns rather than dateparser: deterministic, fast, no "September 2025"
    # silently becoming the 3rd because today is the 3rd, and the exact reason on failure
    # ("day is out of range for month") to put in the warning.
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    # Anything else (a YAML/JSON number such as 2025) is judged by how it reads.
    s = " ".join(str(value).split())
    if not s:
        raise ValueError("empty")
    if m := _ISO.fullmatch(s):
        day = date(int(m[1]), int(m[2]), int(m[3]))  # ValueError names the bad part
        if m[4]:
            try:  # validate the time part too; the date is the one written (local to the source)
                datetime.fromisoformat(f"{day.isoformat()}T{m[5]}")
            except ValueError:
                raise ValueError("not an ISO 8601 date-time") from None
        return day
    if m := _DOTTED.fullmatch(s):
        return date(int(m[3]), int(m[2]), int(m[1]))
    if m := _SLASHED.fullmatch(s):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := _DAY_MONTH_YEAR.fullmatch(s):
        return date(int(m[3]), _month(m[2]), int(m[1]))
    if m := _MONTH_DAY_YEAR.fullmatch(s):
        return date(int(m[3]), _month(m[1]), int(m[2]))
    raise ValueError("not a recognised date (use YYYY-MM-DD)")


_LANGUAGE_NAMES = {
    **dict.fromkeys(("ro", "ron", "rum", "romanian", "română", "romana", "românește", "romaneste"), "ro"),
    **dict.fromkeys(("en", "eng", "english", "engleză", "engleza"), "en"),
}


def parse_language(value: object) -> str | None:
    """Return "ro"/"en" for a language code or name, None for "auto"/None/empty."""
    if value is None:
        return None
    s = str(value).strip().lower().replace("_", "-")
    if s in ("", "auto"):
        return None
    # Region variants (ro-RO, en-GB, en_US) name the same language for this tool.
    code = _LANGUAGE_NAMES.get(s) or _LANGUAGE_NAMES.get(s.split("-")[0])
    if code is None:
        raise ValueError(f"unsupported language {value!r} (supported: {', '.join(LANGUAGES)})")
    return code


def clean_text_field(value: object) -> str | None:
    """A title/source/url as one normalised line, or None when empty; ValueError if not text."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise TypeError(f"expected text, got {_kind(value)}")
    s = " ".join(normalize(str(value)).split())
    return s or None


# --- decoding -----------------------------------------------------------------------------------

# Legacy code pages tried when a file is not UTF-8, in tie-break order: cp1250 is what Romanian
# Windows software writes; ISO-8859-16 is the Romanian standard (comma-below letters,
# „ ” quotes); ISO-8859-2 has the same letters at the same bytes (with cedillas) and so only
# wins on its own characters; cp1252 is for Western European and English files.
_LEGACY_ENCODINGS = ("cp1250", "iso8859_16", "iso8859_2", "cp1252")
_ROMANIAN_LETTERS = frozenset("ăâîșțşţĂÂÎȘȚŞŢ")
# Non-ASCII characters that are normal in Romanian or English news and so cost nothing:
# punctuation, and Western European letters (so a French cp1252 file, whose à è ñ read as
# ŕ č ń in cp1250, goes to cp1252). Not ã º þ: they are what cp1252 makes of ă ş ţ.
# Anything else non-ASCII costs a point; C1 controls and U+FFFD cost five.
_PUNCTUATION = "\u00a0„”“‘’«»–—…•·°§©®™€£×÷±µ¹²³¼½¾´"
_WESTERN_LETTERS = "áàäåæçéèêëíìïñóòôöøœúùûüýÿßÁÀÄÅÆÇÉÈÊËÍÌÏÑÓÒÔÖØŒÚÙÛÜÝ"
_PLAUSIBLE = frozenset(_PUNCTUATION + _WESTERN_LETTERS)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _plausibility(text: str) -> int:
    """Score a candidate decoding: Romanian letters up, implausible characters down."""
    score = 0
    # Counter runs in C; the Python loop is then over distinct characters only.
    for ch, n in Counter(_NON_ASCII.findall(text)).items():
        if ch in _ROMANIAN_LETTERS:
            score += 2 * n
        elif ch in _PLAUSIBLE:
            continue
        elif "\x80" <= ch <= "\x9f" or ch == "\ufffd":
            score -= 5 * n
        else:
            score -= n
    return score


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes: BOM, then UTF-8, else the most plausible legacy code page."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        # UTF-32-LE's BOM starts with UTF-16-LE's, so it is checked first.
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Not valid UTF-8. Score every candidate and keep the best; "UTF-8 with a few bad bytes
    # replaced" is a candidate too, so a UTF-8 file with one stray byte is not turned into
    # mojibake. On 20 Romanian (cp1250, ISO-8859-2/16, 1 to 14 sentences) and Western
    # (cp1252) samples this was right 20 times in 0.5 ms; charset-normalizer 17 times in 2.5 ms
    # (it took long Romanian texts with „quotes” for mac_latin2 or ISO-8859-2), so it is not used.
    candidates: list[tuple[int, int, str, str]] = []
    for rank, encoding in enumerate((*_LEGACY_ENCODINGS, "utf-8")):
        try:
            text = data.decode(encoding, errors="replace" if encoding == "utf-8" else "strict")
        except UnicodeDecodeError:
            continue  # cp1250/cp1252 leave a few bytes undefined
        candidates.append((_plausibility(text), -rank, encoding, text))
    _, _, encoding, text = max(candidates)
    return text, encoding if encoding != "utf-8" else _UTF8_REPLACED


_UTF8_REPLACED = "utf-8 (invalid bytes replaced)"


def _decode(path: str, data: bytes) -> tuple[str, list[ReadProblem]]:
    """decode_bytes plus a warning when bytes had to be replaced."""
    text, encoding = decode_bytes(data)
    if encoding == _UTF8_REPLACED:
        n = text.count("\ufffd")
        return text, [_warning(path, f"{n} invalid UTF-8 byte sequence(s) replaced with U+FFFD")]
    return text, []


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first 8 KB (UTF-16/32 with a BOM excepted)."""
    sample = data[:_BINARY_SAMPLE]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 11, 12, 13))
    return controls > len(sample) * 0.05


def human_size(n: float) -> str:
    """Human size: '52.4 MB', '3.0 KB', '12 bytes'."""
    if n >= 1e6:
        return f"{n / 1e6:.1f} MB"
    if n >= 1e3:
        return f"{n / 1e3:.1f} KB"
    return f"{int(n)} bytes"


def _os_error(exc: OSError) -> str:
    """A short lower-case reason for an OSError ("no such file or directory")."""
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return (exc.strerror or str(exc) or type(exc).__name__).lower()


# --- limits on what a file may make us hold -----------------------------------------------------

FRONT_MATTER_MAX_CHARS = 64_000  # a real header is a few hundred characters
# Longest value kept per text field; a longer one is reported and left out (it is not a title).
FIELD_MAX_CHARS = {"title": 1_000, "source": 200, "url": 2_048}
_DATE_MAX_CHARS = 100  # the longest written date ("Wednesday, 3 September 2025, 14:05 EEST") is far shorter
_SHOWN_CHARS = 80  # of a bad value quoted in a message

_REPR = reprlib.Repr()  # bounded by depth and length whatever the value: never expands a shared structure
_REPR.maxlevel, _REPR.maxlist, _REPR.maxdict, _REPR.maxtuple, _REPR.maxset = 2, 3, 3, 3, 3
_REPR.maxstring, _REPR.maxother, _REPR.maxlong = _SHOWN_CHARS, _SHOWN_CHARS, 40


def shown(value: object) -> str:
    """A value as a message quotes it: its repr, at most 80 characters."""
    try:
        text = _REPR.repr(value)
    except ValueError:  # an int beyond Python's 4,300-digit conversion limit
        text = f"<{type(value).__name__} too large to show>"
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


def _kind(value: object) -> str:
    """What a value is, for 'expected text, got a list'."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return f"a {type(value).__name__}"


# --- metadata -----------------------------------------------------------------------------------


@dataclass
class Meta:
    """Validated metadata from one source (front matter, a JSON record, a manifest row)."""

    origin: str  # for messages: "front matter", "metadata.csv"
    values: dict[str, Any] = field(default_factory=dict)  # title/published/language/source/url
    bad_published: tuple[str, str] | None = None  # (value as written, reason)
    bad_language: str | None = None
    notes: list[str] = field(default_factory=list)  # other warnings


def _validate(raw: Mapping[str, Any], origin: str) -> Meta:
    """Validate title/published/date/language/source/url of a mapping; other keys are ignored."""
    meta = Meta(origin)
    published = raw.get("published")
    if _blank(published):
        published = raw.get("date")  # front matter of static-site generators says "date"
    if not _blank(published):
        try:
            meta.values["published"] = _date_value(published)
        except ValueError as exc:
            meta.bad_published = (shown(published), str(exc))
    language = raw.get("language")
    if not _blank(language):
        try:
            if not isinstance(language, str):
                raise ValueError(f"expected a language code, got {_kind(language)}")
            if (code := parse_language(language[:_SHOWN_CHARS])) is not None:
                meta.values["language"] = code
        except ValueError:
            meta.bad_language = shown(language)
    for key in ("title", "source", "url"):
        try:
            if (value := clean_text_field(raw.get(key))) is not None:
                if len(value) > FIELD_MAX_CHARS[key]:
                    raise TypeError(f"{len(value):,} characters, more than the {FIELD_MAX_CHARS[key]:,} allowed")
                meta.values[key] = value
        except TypeError as exc:
            meta.notes.append(f"{key} ignored in {origin} ({exc})")
    return meta


def _date_value(value: object) -> date:
    """parse_date for a metadata value, refusing what cannot be a date before reading it."""
    if isinstance(value, bool) or not isinstance(value, str | int | float | date):
        raise ValueError(f"expected a date, got {_kind(value)}")
    if isinstance(value, str) and len(value) > _DATE_MAX_CHARS:
        raise ValueError(f"{len(value):,} characters, too long for a date")
    return parse_date(value)


def _blank(value: object) -> bool:
    """None or a string of whitespace: a field given as empty counts as absent."""
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass
class Defaults:
    """Caller-given values for articles that carry none."""

    published: date | None = None
    language: str | None = None
    source: str | None = None
    title: str | None = None
    url: str | None = None


def _article(
    path: str, text: str, own: Meta | None, manifest: Meta | None, defaults: Defaults
) -> tuple[Article, list[ReadProblem]]:
    """Build the Article from normalised text and its metadata layers, plus any warnings."""
    layers = [m for m in (own, manifest) if m is not None]
    values: dict[str, Any] = {}
    for key in ("title", "published", "language", "source", "url"):
        for layer in layers:
            if key in layer.values:
                values[key] = (layer.values[key], layer.origin)
                break
        else:
            default = getattr(defaults, key)
            if default is not None:
                values[key] = (default, "the default")
    language = values["language"][0] if "language" in values else detect_language(text)
    article = Article(
        article_id=article_id(text),
        path=path,
        text=text,
        title=values.get("title", (None,))[0],
        published=values.get("published", (None,))[0],
        language=language,
        source=values.get("source", (None,))[0],
        url=values.get("url", (None,))[0],
    )
    out: list[ReadProblem] = []
    if own is not None:
        # Only the article's own bad values are reported here: a manifest's are reported once,
        # against the manifest, when it is loaded.
        if own.bad_published is not None:
            written, reason = own.bad_published
            if "published" in values:
                value, origin = values["published"]
                instead = f"used {value.isoformat()} from {origin} instead"
            else:
                instead = "read without one"
            out.append(_warning(path, f"invalid publication date {written} ({reason}); {instead}"))
        if own.bad_language is not None:
            how = f"from {values['language'][1]}" if "language" in values else "detected"
            out.append(
                _warning(
                    path,
                    f"unsupported language {own.bad_language} (supported: "
                    f"{', '.join(LANGUAGES)}); used {language!r} {how}",
                )
            )
        out.extend(_warning(path, note) for note in own.notes)
    return article, out


def _warning(path: str, message: str) -> ReadProblem:
    """A problem that did not stop the article from being read."""
    return ReadProblem(path, WARNING + message)


# --- manifests ----------------------------------------------------------------------------------


@dataclass
class _Manifest:
    """Rows of one manifest: by absolute path, and by bare file name (explicit manifests)."""

    by_path: dict[str, Meta] = field(default_factory=dict)
    by_name: dict[str, Meta] = field(default_factory=dict)


def _key(path: str) -> str:
    """Comparable absolute path (no symlink resolution: same spelling as the walk produces)."""
    return os.path.normcase(os.path.abspath(path))


def _manifest_rows(text: str, suffix: str) -> Iterator[tuple[str, object]]:
    """(where, row) pairs of a manifest's text; raises ValueError on a syntax error."""
    if suffix == ".csv":
        # Excel in a Romanian locale writes ";"-separated CSV: take the separator the header uses.
        header = text.split("\n", 1)[0]
        delimiter = max((",", ";", "\t"), key=header.count)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            columns = [c.strip().lower() for c in next(reader, [])]
            if "file" not in columns:
                # One clear message rather than "no 'file'" on every row.
                raise ValueError(f"no 'file' column in the header (found: {', '.join(columns) or 'nothing'})")
            for cells in reader:
                if not any(c.strip() for c in cells):
                    continue
                row: dict[str, object] = {}
                for i, cell in enumerate(cells):
                    name = columns[i] if i < len(columns) else f"column {i + 1}"
                    row[name] = cell.strip() or None
                yield f"line {reader.line_num}", row
        except csv.Error as exc:
            raise ValueError(f"invalid CSV at line {reader.line_num}: {exc}") from None
        return
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    else:
        try:
            data = load_yaml(text, max_chars=len(text))  # the manifest's size was capped when it was read
        except UntrustedYamlError as exc:
            raise ValueError(f"invalid YAML: {exc}") from None
    if data is None:
        return
    if isinstance(data, list):
        for i, row in enumerate(data):
            yield f"entry {i + 1}", row
    elif isinstance(data, dict):
        # Also accepted: {"a.txt": {"published": ...}, ...}
        for name, row in data.items():
            yield f"entry {shown(name)}", {"file": name, **row} if isinstance(row, dict) else row
    else:
        raise ValueError(f"expected a list of entries, got {type(data).__name__}")


def _load_manifest(path: str, max_bytes: int, *, explicit: bool) -> tuple[_Manifest, list[ReadProblem]]:
    """Load and validate a manifest; problems are returned, never raised."""
    manifest = _Manifest()
    problems: list[ReadProblem] = []
    name = os.path.basename(path)
    suffix = os.path.splitext(path)[1].lower()
    if suffix == ".yml":
        suffix = ".yaml"
    if suffix not in (".csv", ".json", ".yaml"):
        return manifest, [
            ReadProblem(path, f"unsupported manifest type {suffix or path!r} (use .csv, .json or .yaml)")
        ]
    try:
        data = _read_bytes(path, max_bytes)
    except _FileError as exc:
        return manifest, [ReadProblem(path, f"metadata manifest: {exc}")]
    text = normalize(decode_bytes(data)[0])
    folder = os.path.dirname(path)
    try:
        rows = list(_manifest_rows(text, suffix))
    except ValueError as exc:
        return manifest, [ReadProblem(path, f"metadata manifest: {exc}")]
    unknown_reported: set[str] = set()
    for where, row in rows:
        label = f"{name} {where}"
        if not isinstance(row, dict):
            problems.append(
                _warning(path, f"{label}: expected a mapping with 'file', got {type(row).__name__}; ignored")
            )
            continue
        row = {str(k).strip().lower(): v for k, v in row.items()}
        for key in sorted(set(row) - set(MANIFEST_FIELDS) - {"date"} - unknown_reported):
            # Reported once per key: a misspelt CSV column would otherwise warn on every row.
            unknown_reported.add(key)
            problems.append(
                _warning(path, f"{label}: unknown key {shown(key)} (known: {', '.join(MANIFEST_FIELDS)}); ignored")
            )
        file = row.get("file")
        if not isinstance(file, str) or not file.strip():
            problems.append(_warning(path, f"{label}: no 'file'; entry ignored"))
            continue
        file = file.strip()
        meta = _validate(row, label)
        if meta.bad_published is not None:
            written, reason = meta.bad_published
            problems.append(
                _warning(path, f"{label}: invalid publication date {written} ({reason}); ignored")
            )
        if meta.bad_language is not None:
            problems.append(
                _warning(
                    path,
                    f"{label}: unsupported language {meta.bad_language} "
                    f"(supported: {', '.join(LANGUAGES)}); ignored",
                )
            )
        problems.extend(_warning(path, note) for note in meta.notes)
        meta.notes = []
        target = os.path.join(folder, file)
        bare = os.path.basename(file) == file
        # A bare name in an explicit manifest may name a file in any folder read (the seed
        # manifest lives in data/, the seed in seeds/), so only paths are checked there.
        if (not bare or not explicit) and not os.path.exists(target):
            problems.append(_warning(path, f"{label}: no such file {shown(file)} beside the manifest"))
        key = _key(target)
        if key in manifest.by_path:
            problems.append(_warning(path, f"{label}: {shown(file)} listed again; the later entry wins"))
        manifest.by_path[key] = meta
        if bare:
            manifest.by_name[file] = meta
    return manifest, problems


def load_manifest(path: str | os.PathLike[str], *, max_bytes: int = 20_000_000) -> dict[str, dict[str, Any]]:
    """Load a metadata manifest: absolute file path -> fields; ValueError on any problem."""
    manifest, problems = _load_manifest(os.fspath(path), max_bytes, explicit=True)
    if problems:
        raise ValueError("; ".join(f"{p.path}: {p.message}" for p in problems))
    return {key: dict(meta.values) for key, meta in manifest.by_path.items()}


# --- file reading -------------------------------------------------------------------------------


class _FileError(Exception):
    """A file-level problem; str() is the message."""


_SPECIAL_FILES = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def not_regular(mode: int) -> str | None:
    """'not a regular file (a named pipe)' for anything but a regular file, else None."""
    if stat.S_ISREG(mode):
        return None
    what = next((name for test, name in _SPECIAL_FILES if test(mode)), "an unknown kind of file")
    return f"not a regular file ({what}); skipped"


def open_regular(path: str) -> io.BufferedReader:
    """Open a regular file for reading; _FileError for a pipe, socket or device, which is never read."""
    # O_NONBLOCK: opening a named pipe would otherwise wait for a writer forever. The check is on the opened
    # descriptor, so a file swapped for a pipe after a stat() cannot slip through.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _FileError(_os_error(exc)) from None
    reason = not_regular(os.fstat(fd).st_mode)
    if reason is not None:
        os.close(fd)
        raise _FileError(reason)
    return open(fd, "rb")


def _read_bytes(path: str, max_bytes: int) -> bytes:
    """The whole file, after the size, emptiness and binary checks."""
    try:
        with open_regular(path) as f:
            size = os.fstat(f.fileno()).st_size
            if size > max_bytes:
                raise _FileError(f"file too large: {human_size(size)} > {human_size(max_bytes)} limit")
            # Read one byte more than allowed: st_size can be stale or 0 (pipes, /proc files).
            data = f.read(max_bytes + 1)
    except OSError as exc:
        raise _FileError(_os_error(exc)) from None
    if len(data) > max_bytes:
        raise _FileError(f"file too large: more than {human_size(max_bytes)} limit")
    if not data:
        raise _FileError("empty file")
    if looks_binary(data):
        raise _FileError("binary file, not text")
    return data


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*$\n?", re.DOTALL | re.MULTILINE)
_YAML_KEY_LINE = re.compile(r"\s*[A-Za-z_][\w-]*\s*:")


def _split_front_matter(text: str, path: str) -> tuple[str, Meta | None, list[ReadProblem]]:
    """Remove a leading YAML front matter block; return (text, metadata, warnings)."""
    m = _FRONT_MATTER.match(text)
    if m is None:
        return text, None, []
    try:
        data = load_yaml(m[1], max_chars=FRONT_MATTER_MAX_CHARS) if m[1].strip() else {}
        error = None if isinstance(data, dict) else f"expected key: value pairs, got {_kind(data)}"
    except UntrustedYamlError as exc:
        data, error = None, str(exc)
    if error is None:
        return text[m.end() :], _validate(data, "front matter"), []
    first = next((line for line in m[1].splitlines() if line.strip()), "")
    if not _YAML_KEY_LINE.match(first):
        # "---" used as a rule at the top of a plain text, not front matter: keep everything.
        return text, None, []
    # Clearly meant as front matter ("title: ..."): drop it so it does not pollute the text.
    return text[m.end() :], None, [_warning(path, f"front matter ignored ({error})")]


def _read_plain(
    path: str, data: bytes, manifest: Meta | None, defaults: Defaults
) -> list[Article | ReadProblem]:
    """A .txt or .md file, with optional front matter."""
    decoded, problems = _decode(path, data)
    text = normalize(decoded)
    if not text.strip():
        return [ReadProblem(path, "file contains only whitespace")]
    body, own, fm_problems = _split_front_matter(text, path)
    problems += fm_problems
    body = body.strip()
    if not body:
        return [ReadProblem(path, "no text after the front matter"), *problems]
    article, warnings = _article(path, body, own, manifest, defaults)
    return [article, *warnings, *problems]


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _decode_html(data: bytes) -> str:
    """Decode HTML: BOM/UTF-8, else the <meta charset> if it decodes, else the scorer."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(data)[0]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if m := _META_CHARSET.search(data[:4096]):
        declared = m[1].decode("ascii").lower()
        # WHATWG: pages labelled latin-1 are decoded as windows-1252.
        declared = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252"}.get(declared, declared)
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass  # an unknown or wrong label: guess like any other file
    return decode_bytes(data)[0]


class _TagStripper(HTMLParser):
    """Plain text of an HTML page: the fallback when trafilatura finds no main text."""

    _SKIP = frozenset(("script", "style", "noscript", "template", "svg", "iframe", "object", "head"))
    _BLOCK = frozenset(
        ("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th")
        + ("table", "article", "section", "header", "footer", "blockquote", "pre", "dd", "dt")
        + ("dl", "figcaption", "hr", "main", "aside", "nav", "title")
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in self._SKIP:
            self._skip += 1
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self._SKIP and self._skip:
            self._skip -= 1
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line)


def _strip_tags(html: str) -> tuple[str, str | None]:
    """(text, title) by plain tag stripping; never raises."""
    parser = _TagStripper()
    try:
        parser.feed(html)
        parser.close()
    except Exception:
        pass
    return parser.text(), " ".join("".join(parser.title).split()) or None


def _read_html(
    path: str, data: bytes, manifest: Meta | None, defaults: Defaults
) -> list[Article | ReadProblem]:
    """An .html/.htm page: trafilatura's main text and metadata, else tag-stripped text."""
    html = _decode_html(data)
    raw: dict[str, Any] = {}
    text = ""
    try:
        import trafilatura  # heavy import (lxml, htmldate): only when an HTML file comes

        # Dates only from the markup (meta tags, <time>, JSON-LD, URL): htmldate's extensive
        # search would otherwise take any date in the text ("updated 12.03.2021").
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:
        doc = None
    if doc is not None:
        text = doc.text or ""
        raw = {"title": doc.title, "published": doc.date, "source": doc.sitename, "url": doc.url}
    if not text.strip():
        text, title = _strip_tags(html)
        raw = {"title": title}
    text = normalize(text).strip()
    if not text:
        return [ReadProblem(path, "no text found in the HTML")]
    article, warnings = _article(path, text, _validate(raw, "HTML metadata"), manifest, defaults)
    return [article, *warnings]


def read_page(
    url: str, data: bytes, *, published: date | None = None, title: str | None = None, source: str | None = None,
    language: str | None = None,
) -> list[Article | ReadProblem]:
    """A fetched web page: its main text and metadata (trafilatura), with the URL as its path; a feed's title and
    date, and the site's name, stand in for what the page does not say."""
    defaults = Defaults(published=published, language=parse_language(language), source=clean_text_field(source),
                         title=clean_text_field(title), url=url)
    return _read_html(url, data, None, defaults)


def record_articles(
    path: str, obj: object, manifest: Meta | None, defaults: Defaults
) -> list[Article | ReadProblem]:
    """One JSON object -> Article (or a problem naming the record)."""
    if not isinstance(obj, dict):
        return [ReadProblem(path, f"expected a JSON object, got {_json_type(obj)}")]
    field_name = next((k for k in TEXT_FIELDS if k in obj and obj[k] is not None), None)
    if field_name is None:
        return [ReadProblem(path, "no text field (expected 'text', 'body' or 'content')")]
    value = obj[field_name]
    if not isinstance(value, str):
        return [ReadProblem(path, f"'{field_name}' is {_json_type(value)}, not a string")]
    text = normalize(value).strip()
    if not text:
        return [ReadProblem(path, f"'{field_name}' is empty")]
    article, warnings = _article(path, text, _validate(obj, "the record"), manifest, defaults)
    return [article, *warnings]


def _json_type(value: object) -> str:
    """JSON name of a Python value's type, for messages."""
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


def _read_json(
    path: str, data: bytes, manifest: Meta | None, defaults: Defaults
) -> Iterator[Article | ReadProblem]:
    """A .json file: one object, or a list of objects (path#0, path#1, ...)."""
    text, problems = _decode(path, data)
    yield from problems
    if not text.strip():
        yield ReadProblem(path, "file contains only whitespace")
        return
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        yield ReadProblem(path, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}")
        return
    except RecursionError:
        yield ReadProblem(path, "invalid JSON: nested too deeply")
        return
    except ValueError as exc:  # a number beyond Python's 4,300-digit limit
        yield ReadProblem(path, f"invalid JSON: {str(exc)[:80]}")
        return
    if isinstance(obj, dict):
        yield from record_articles(path, obj, manifest, defaults)
    elif isinstance(obj, list):
        if not obj:
            yield ReadProblem(path, "no articles (an empty JSON list)")
        for i, item in enumerate(obj):
            yield from record_articles(f"{path}#{i}", item, manifest, defaults)
    else:
        yield ReadProblem(path, f"expected a JSON object or a list of objects, got {_json_type(obj)}")


def jsonl_line(f: BinaryIO, path: str, number: int, max_bytes: int, manifest: Meta | None,
               defaults: Defaults) -> list[Article | ReadProblem] | None:
    """The next line of a .jsonl file open at a line's start (`path#number`): its article, or why not; [] for a blank
    line, None at the end. max_bytes is per line: the rest of a longer one is skipped."""
    line = f.readline(max_bytes + 1)
    if not line:
        return None
    where = f"{path}#{number}"
    if len(line) > max_bytes and not line.endswith(b"\n"):
        while (rest := f.readline(1 << 20)) and not rest.endswith(b"\n"):
            pass  # skip the remainder of the oversized line
        return [ReadProblem(where, f"record too large: more than {human_size(max_bytes)} limit")]
    text = decode_bytes(line)[0]
    if not text.strip():
        return []
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return [ReadProblem(where, f"invalid JSON at line {number} column {exc.colno}: {exc.msg}")]
    except RecursionError:
        return [ReadProblem(where, "invalid JSON: nested too deeply")]
    except ValueError as exc:  # a number beyond Python's 4,300-digit limit
        return [ReadProblem(where, f"invalid JSON: {str(exc)[:80]}")]
    return record_articles(where, obj, manifest, defaults)


def _read_jsonl(
    path: str, max_bytes: int, manifest: Meta | None, defaults: Defaults
) -> Iterator[Article | ReadProblem]:
    """A .jsonl file, streamed line by line (path#1 is the first line); max_bytes is per line."""
    try:
        f = open_regular(path)
    except _FileError as exc:
        yield ReadProblem(path, str(exc))
        return
    try:
        head = f.read(_BINARY_SAMPLE)
        if not head:
            yield ReadProblem(path, "empty file")
            return
        if looks_binary(head):
            yield ReadProblem(path, "binary file, not text")
            return
        f.seek(0)
        records = 0
        number = 0
        while (found := jsonl_line(f, path, number + 1, max_bytes, manifest, defaults)) is not None:
            number += 1
            records += bool(found)
            yield from found
        if not records:
            yield ReadProblem(path, "file contains only whitespace")
    except OSError as exc:
        yield ReadProblem(path, _os_error(exc))
    finally:
        f.close()


# --- read_paths ---------------------------------------------------------------------------------


class Reader:
    """State of one read_paths call: defaults, manifests loaded so far, directories visited."""

    def __init__(self, defaults: Defaults, metadata: str | None, max_bytes: int, skip: Iterable[str]) -> None:
        self.defaults = defaults
        self.metadata = metadata
        self.max_bytes = max_bytes
        self.explicit = _Manifest()
        self.auto = _Manifest()  # all auto-discovered manifests, nearer ones overriding
        self.loaded: set[str] = set()
        # never read in a folder: the explicit manifest, and what the caller names (the store's own files)
        self.skip: set[str] = {_key(p) for p in skip}
        self.visited: set[str] = set()  # real paths of directories, against symlink loops

    def run(self, paths: Iterable[str | os.PathLike[str]]) -> Iterator[Article | ReadProblem]:
        """Read the paths in the order given (folders recursively, sorted)."""
        if self.metadata is not None:
            self.skip.add(_key(self.metadata))
            manifest, problems = _load_manifest(self.metadata, self.max_bytes, explicit=True)
            self.explicit = manifest
            yield from problems
        for p in paths:
            display = os.fspath(p)
            if os.path.isdir(display):
                yield from self._dir(display)
            else:
                # Metadata beside a file named on its own applies too ("file + metadata.csv").
                yield from self._manifests_in(os.path.dirname(display) or ".")
                yield from self._file(display)

    def _manifests_in(self, folder: str) -> Iterator[ReadProblem]:
        """Load the metadata.* manifests of a folder once; yield their problems."""
        for name in MANIFEST_NAMES:
            path = os.path.join(folder, name)
            key = _key(path)
            if key in self.loaded or key in self.skip or not os.path.lexists(path):
                continue
            self.loaded.add(key)
            manifest, problems = _load_manifest(path, self.max_bytes, explicit=False)
            self.auto.by_path.update(manifest.by_path)
            yield from problems

    def _dir(self, folder: str) -> Iterator[Article | ReadProblem]:
        """Read a folder: its manifests first, then entries by name, skipping hidden ones."""
        real = os.path.realpath(folder)
        if real in self.visited:
            return  # a symlink back up the tree
        self.visited.add(real)
        try:
            with os.scandir(folder) as it:
                # Names only (not contents) are held: thousands of files cost a few hundred KB.
                entries = sorted((e.name, e.is_dir()) for e in it if not e.name.startswith("."))
        except OSError as exc:
            yield ReadProblem(folder, _os_error(exc))
            return
        yield from self._manifests_in(folder)
        for name, is_dir in entries:
            path = os.path.join(folder, name)
            if is_dir:
                if _key(path) not in self.skip:  # a store's snapshot folder
                    yield from self._dir(path)
            elif name not in MANIFEST_NAMES and _key(path) not in self.skip:
                yield from self._file(path)

    def _meta_for(self, path: str) -> Meta | None:
        """Manifest row for a file: explicit manifest first, then those found beside the files."""
        key = _key(path)
        found = [
            m
            for m in (
                self.explicit.by_path.get(key),
                self.explicit.by_name.get(os.path.basename(path)),
                self.auto.by_path.get(key),
            )
            if m is not None
        ]
        if not found:
            return None
        if len(found) == 1:
            return found[0]
        # Field by field: an explicit manifest may set only the date, the folder's the title.
        merged = Meta(found[0].origin)
        for meta in reversed(found):
            merged.values.update(meta.values)
        return merged

    def _file(self, path: str) -> Iterator[Article | ReadProblem]:
        """Read one file by its extension; any failure becomes a ReadProblem."""
        ext = os.path.splitext(path)[1].lower()
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            yield ReadProblem(path, _os_error(exc))
            return
        except ValueError:  # a NUL in the name
            yield ReadProblem(path, "invalid file name")
            return
        if (reason := not_regular(mode)) is not None:
            yield ReadProblem(path, reason)
            return
        if ext not in SUPPORTED_EXTENSIONS:
            shown = f"'{ext}'" if ext else "without an extension"
            yield ReadProblem(
                path, f"unsupported file type {shown} (supported: {' '.join(SUPPORTED_EXTENSIONS)})"
            )
            return
        manifest = self._meta_for(path)
        try:
            if ext == ".jsonl":
                yield from _read_jsonl(path, self.max_bytes, manifest, self.defaults)
                return
            try:
                data = _read_bytes(path, self.max_bytes)
            except _FileError as exc:
                yield ReadProblem(path, str(exc))
                return
            if ext == ".json":
                yield from _read_json(path, data, manifest, self.defaults)
            elif ext in (".html", ".htm"):
                yield from _read_html(path, data, manifest, self.defaults)
            else:
                yield from _read_plain(path, data, manifest, self.defaults)
        except Exception as exc:
            yield ReadProblem(path, f"could not read: {type(exc).__name__}: {exc}")


def published_arg(published: date | str | None) -> date | None:
    """Validate a caller's `published` (date, datetime or string); ValueError if invalid."""
    if published is None or published == "":
        return None
    try:
        return parse_date(published)
    except ValueError as exc:
        raise ValueError(f"invalid publication date {published!r}: {exc}") from None


def read_paths(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    published: date | str | None = None,
    language: str | None = None,
    source: str | None = None,
    metadata: str | os.PathLike[str] | None = None,
    max_bytes: int = 20_000_000,
    skip: Iterable[str | os.PathLike[str]] = (),
) -> Iterator[Article | ReadProblem]:
    """Yield an Article or a ReadProblem per article in the files and folders given, lazily.

    Files named in `skip` are passed over without a word when a folder holds them (the store being written).
    """
    # A plain function returning a generator: bad arguments raise here, at the call, while
    # everything about the files is reported as ReadProblems during iteration.
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    if not isinstance(max_bytes, int) or max_bytes <= 0:
        raise ValueError(f"max_bytes must be a positive integer, got {max_bytes!r}")
    defaults = Defaults(
        published=published_arg(published),
        language=parse_language(language),
        source=clean_text_field(source),
    )
    reader = Reader(
        defaults, None if metadata is None else os.fspath(metadata), max_bytes, [os.fspath(p) for p in skip]
    )
    return reader.run(paths)


def read_text(
    text: str,
    *,
    path: str = "<text>",
    title: str | None = None,
    published: date | str | None = None,
    language: str | None = None,
    source: str | None = None,
    url: str | None = None,
) -> Article:
    """Make an Article from pasted text (normalised; language detected unless given)."""
    # Pasted text is taken as it is: no front matter parsing, no problems, never an exception
    # for any text (only invalid published/language arguments raise ValueError).
    clean = normalize(text).strip()
    defaults = Defaults(
        published=published_arg(published),
        language=parse_language(language),
        source=clean_text_field(source),
        title=clean_text_field(title),
        url=clean_text_field(url),
    )
    return _article(path, clean, None, None, defaults)[0]
