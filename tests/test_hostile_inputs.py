"""Hostile input: files made to exhaust memory, block the batch or smuggle markup; each is refused or read safely,
named in a short message, and the good files beside it are still processed (exit code 1)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from events import ingest
from events.dashboard import strings
from events.readers import FIELD_MAX_CHARS, is_warning, read_paths, shown
from events.records import Article, ReadProblem
from events.store import Store
from events.text import normalize

ROOT = Path(__file__).resolve().parents[1]
GOOD = "Drone rusești au lovit Odesa marți noaptea, a anunțat administrația regională.\n"


def alias_bomb(depth: int, width: int = 9) -> str:
    """YAML whose last alias stands for width**depth strings ("billion laughs") in a few hundred bytes."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]" for i in range(1, depth)]
    return "\n".join(lines) + "\n"


def bomb_article(depth: int, field: str = "published") -> str:
    return f"---\ntitle: Bomb\n{alias_bomb(depth)}{field}: *a{depth - 1}\n---\n{GOOD}"


# Runs in a child process with its address space capped at 2 GB: should a bomb ever be expanded again, the test
# fails with a MemoryError instead of taking the machine down. Prints, per input, what was read and its cost.
CHILD = r"""
import json, resource, sys, time, tracemalloc
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
from events.readers import read_paths
from events.records import Article
from events.store import Store
from events import ingest
out = []
with Store(":memory:") as store:  # warm-up, not measured: imports, lexicons and gazetteer load once
    ingest.ingest_uploads(store, [("warm.txt", "Drone rusești au lovit Odesa marți.".encode())])
for kind, path in json.loads(sys.argv[1]):
    tracemalloc.start()
    t = time.perf_counter()
    if kind == "upload":
        with Store(":memory:") as store:
            report = ingest.ingest_uploads(store, [(path.rsplit("/", 1)[-1], open(path, "rb").read())])
        items = [report.stored, report.warnings, report.rejected]
    else:
        items = [(type(i).__name__, getattr(i, "message", getattr(i, "text", ""))) for i in read_paths([path])]
    seconds = time.perf_counter() - t
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    out.append({"path": path, "seconds": seconds, "peak_mb": peak / 1e6, "items": items})
print(json.dumps(out))
"""


def run_child(inputs: list[tuple[str, Path]]) -> list[dict]:
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps([(k, str(p)) for k, p in inputs])],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout)


def test_alias_bombs_in_front_matter_manifest_and_upload_are_refused_in_1_s_and_50_mb(tmp_path: Path) -> None:
    inputs: list[tuple[str, Path]] = []
    for depth in (3, 5, 7, 9, 12):  # 9 ** 12 strings: beyond any machine's memory if expanded
        for field in ("published", "language", "title"):
            path = tmp_path / f"bomb-{depth}-{field}.md"
            path.write_text(bomb_article(depth, field))
            inputs.append(("read", path))
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "metadata.yaml").write_text(
        f"{alias_bomb(9)}entries:\n  - file: good.txt\n    published: *a8\n"
    )
    (folder / "good.txt").write_text(GOOD)
    inputs.append(("read", folder))
    inputs.append(("upload", tmp_path / "bomb-9-published.md"))
    results = run_child(inputs)
    for r in results:
        assert r["seconds"] < 1.0 and r["peak_mb"] < 50, r
    for r in results[:-2]:  # the articles: read without their front matter, one short warning each
        kinds = [k for k, _ in r["items"]]
        assert kinds == ["Article", "ReadProblem"], r["items"]
        assert r["items"][0][1].strip() == GOOD.strip()
        message = r["items"][1][1]
        assert message.startswith("warning: front matter ignored") and "aliases" in message and len(message) < 200
    manifest, good = results[-2]["items"]
    assert manifest[0] == "ReadProblem" and "aliases" in manifest[1] and len(manifest[1]) < 200
    assert good == ["Article", GOOD.strip()]
    stored, warnings, rejected = results[-1]["items"]
    assert stored == 1 and not rejected and "aliases" in warnings[0][1]


def test_a_bad_metadata_value_is_named_briefly_and_the_article_read_without_it(tmp_path: Path) -> None:
    long_title = "T" * (FIELD_MAX_CHARS["title"] + 1)
    cases = {
        "list.md": ("published: [2025, 9, 3]", "invalid publication date [2025, 9, 3] (expected a date, got a list)"),
        "map.md": ("published: {y: 2025}", "(expected a date, got a mapping)"),
        "long-date.md": (f"published: '{'2025-09-03 ' * 50}'", "characters, too long for a date"),
        "big-int.md": (f"published: {'9' * 5000}", "front matter ignored (a value cannot be read"),
        "lang.md": ("language: [ro, en]", "unsupported language ['ro', 'en']"),
        "title.md": (f"title: {long_title}", "title ignored in front matter (1,001 characters, more than the 1,000"),
        "title-list.md": ("title: [a, b]", "title ignored in front matter (expected text, got a list)"),
    }
    for name, (line, _) in cases.items():
        (tmp_path / name).write_text(f"---\n{line}\n---\n{GOOD}")
    items = list(read_paths([tmp_path]))
    read = {Path(i.path).name: i for i in items if isinstance(i, Article)}
    warned = {Path(i.path).name: i.message for i in items if isinstance(i, ReadProblem)}
    assert set(read) == set(cases) and set(warned) == set(cases)
    for name, (_, expected) in cases.items():
        assert expected in warned[name] and len(warned[name]) < 200, (name, warned[name])
        assert read[name].text == GOOD.strip() and read[name].published is None


def test_json_metadata_fields_get_the_same_checks(tmp_path: Path) -> None:
    deep: object = "2025-09-03"
    for _ in range(500):
        deep = [deep]
    records = [
        {"text": GOOD, "published": deep, "title": {"a": 1}},
        {"text": GOOD, "language": ["ro"] * 1000, "url": "x" * 5000},
    ]
    path = tmp_path / "records.json"
    path.write_text(json.dumps(records))
    items = list(read_paths([path]))
    assert sum(isinstance(i, Article) for i in items) == 2
    messages = [i.message for i in items if isinstance(i, ReadProblem)]
    assert all(is_warning(i) for i in items if isinstance(i, ReadProblem))
    assert any("expected a date, got a list" in m for m in messages)
    assert any("title ignored in the record (expected text, got a mapping)" in m for m in messages)
    assert any("url ignored in the record (5,000 characters" in m for m in messages)
    assert max(len(m) for m in messages) < 250


def test_shown_cuts_any_value_to_80_characters() -> None:
    shared: list[object] = ["lol"] * 9
    for _ in range(30):  # 9 ** 30 strings if walked in full
        shared = [shared] * 9
    for value in (shared, "x" * 10_000, {"k" * 500: "v"}, 10**4000, b"\xff" * 300):
        assert len(shown(value)) <= 80


def _cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "events", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_pipes_and_sockets_are_skipped_without_opening_them(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-good.txt").write_text(GOOD)
    os.mkfifo(folder / "b-pipe.txt")  # nobody ever writes: opening it for reading would wait forever
    os.mkfifo(folder / "metadata.yaml")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(folder / "c-socket.md"))
        (folder / "d-good.md").write_text(GOOD)
        lonely = tmp_path / "named.jsonl"
        os.mkfifo(lonely)
        proc = _cli("extract", str(folder), str(lonely), "--format", "jsonl", "--published", "2025-09-03")
    assert proc.returncode == 1, proc.stderr
    paths = [json.loads(line)["path"] for line in proc.stdout.splitlines()]
    assert sorted({Path(p).name for p in paths}) == ["a-good.txt", "d-good.md"]
    err = proc.stderr
    assert f"{folder / 'b-pipe.txt'}: not a regular file (a named pipe); skipped" in err
    assert f"{folder / 'c-socket.md'}: not a regular file (a socket); skipped" in err
    assert f"{lonely}: not a regular file (a named pipe); skipped" in err
    assert "metadata.yaml: metadata manifest: not a regular file (a named pipe)" in err
    # a pipe given as the manifest: refused the same way, the article still read
    proc = _cli("extract", str(folder / "a-good.txt"), "--metadata", str(lonely), "--published", "2025-09-03")
    assert proc.returncode == 1 and "a-good.txt" in proc.stdout and "not a regular file" in proc.stderr


def test_nested_json_huge_records_and_lone_surrogates(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (folder / "deep.jsonl").write_text(json.dumps({"text": GOOD}) + "\n" + "[" * 100_000 + "\n")
    (folder / "big-number.json").write_text('{"text": "x", "published": ' + "9" * 5000 + "}")
    with (folder / "huge-line.jsonl").open("w") as f:
        f.write(json.dumps({"text": GOOD}) + "\n")
        f.write(json.dumps({"text": "a" * 21_000_000}) + "\n")
        f.write(json.dumps({"text": GOOD, "title": "after"}) + "\n")
    (folder / "surrogates.json").write_text('{"text": "Odesa \\ud800 lovit\\udfff", "title": "\\udc80"}')
    items = list(read_paths([folder], published=date(2025, 9, 3)))
    by_path = {}
    for i in items:
        by_path.setdefault(i.path.replace(str(folder) + "/", ""), []).append(i)
    assert by_path["deep.json"][0].message == "invalid JSON: nested too deeply"
    assert by_path["deep.jsonl#2"][0].message == "invalid JSON: nested too deeply"
    assert isinstance(by_path["deep.jsonl#1"][0], Article)
    assert by_path["big-number.json"][0].message.startswith("invalid JSON: Exceeds the limit")
    assert by_path["huge-line.jsonl#2"][0].message == "record too large: more than 20.0 MB limit"
    assert by_path["huge-line.jsonl#3"][0].title == "after"
    surrogate = by_path["surrogates.json"][0]
    assert isinstance(surrogate, Article) and surrogate.text == "Odesa \ufffd lovit\ufffd"
    assert surrogate.title == "\ufffd" and len(surrogate.article_id) == 16
    # the command line: the good records' events printed, the bad ones named, exit code 1
    proc = _cli("extract", str(folder), "--published", "2025-09-03", "--format", "jsonl")
    assert proc.returncode == 1
    assert {json.loads(line)["path"].rsplit("/", 1)[1] for line in proc.stdout.splitlines()} >= {
        "deep.jsonl#1", "huge-line.jsonl#1", "huge-line.jsonl#3"}
    assert "huge-line.jsonl#2: record too large" in proc.stderr and "deep.json: invalid JSON" in proc.stderr


def test_a_long_run_of_combining_cedillas_is_normalised_in_one_pass() -> None:
    # Each stray U+0327 after Ș used to cost a pass over the whole text: 40,000 of them took six minutes.
    text = "a" * 100_000 + "Ș" + "\u0327" * 40_000
    out = normalize(text)
    assert out == "a" * 100_000 + "Ș" + "\u0326" * 40_000
    assert normalize(out) == out


def test_ingest_skips_the_store_in_its_own_folder(tmp_path: Path) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD)
    db = folder / "events.db"
    first = _cli("ingest", str(folder), "--db", str(db), "--published", "2025-09-03", "--quiet")
    assert first.returncode == 0, first.stderr
    # the store's side files exist while another connection holds it open (WAL mode)
    with Store(db):
        assert (folder / "events.db-wal").exists()
        again = _cli("ingest", str(folder), "--db", str(db), "--published", "2025-09-03", "--quiet")
    assert again.returncode == 0, again.stderr
    assert "events.db" not in again.stderr
    assert again.stdout.startswith("0 new, 0 replaced, 1 unchanged, 0 failed articles")


def test_table_format_prints_an_empty_title_not_nan(tmp_path: Path) -> None:
    path = tmp_path / "untitled.txt"
    path.write_text(GOOD)
    proc = _cli("extract", str(path), "--published", "2025-09-03", "--format", "table")
    assert proc.returncode == 0 and "air_attack" in proc.stdout
    assert "NaN" not in proc.stdout and "None" not in proc.stdout


# --- uploads through the dashboard's logic ---------------------------------------------------------------------


def test_uploads_that_clean_to_one_name_are_all_kept(tmp_path: Path) -> None:
    with Store(tmp_path / "e.db") as store:
        files = [("..", GOOD.encode()), ("x.txt/", b"0 " + GOOD.encode()), ("", b"Kyiv was hit. " + GOOD.encode()),
                 ("a.txt", b"1 " + GOOD.encode()), ("a.txt", b"2 " + GOOD.encode()), ("sub/a.txt", b"3 " + GOOD.encode())]
        report = ingest.ingest_uploads(store, files, published=date(2025, 9, 3))
        paths = sorted(store.articles_frame()["path"])
    assert not report.rejected and report.stored == 6
    assert paths == sorted(["upload/upload.txt", "upload/x.txt", "upload/upload (2).txt", "upload/a.txt",
                            "upload/a (2).txt", "upload/a (3).txt"])  # fmt: skip


def test_long_upload_names_keep_their_extension() -> None:
    for name in ("a" * 500 + ".jsonl", "ș" * 300 + ".md", "😀" * 200 + ".html"):
        safe = ingest.safe_name(name)
        assert safe.endswith(os.path.splitext(name)[1]) and len(safe) <= ingest.MAX_NAME_CHARS
        assert len(safe.encode("utf-8")) <= 240
    assert ingest.safe_name("report.final-version-of-the-text-that-goes-on") == "report.final-version-of-the-text-that-goes-on"


def test_an_upload_has_a_cap_on_files_and_on_total_size(tmp_path: Path) -> None:
    with Store(tmp_path / "e.db") as store:
        many = [(f"n{i}.txt", f"{i} {GOOD}".encode()) for i in range(ingest.MAX_UPLOAD_FILES + 3)]
        report = ingest.ingest_uploads(store, many, published=date(2025, 9, 3))
        assert report.stored == ingest.MAX_UPLOAD_FILES and len(report.rejected) == 3
        assert "more than 200 files in one upload" in report.rejected[0][1]
        big = b"Odesa. " + b"x " * 4_500_000  # 9 MB each: under the per-file limit, six of them over the total
        report = ingest.ingest_uploads(store, [(f"big{i}.txt", big + bytes([65 + i])) for i in range(6)])
        assert report.stored == 5 and report.rejected == [
            ("big5.txt", "the upload would exceed 50 MB in all; add it in another, or use `python -m events ingest`")
        ]


# --- text shown in the dashboard -------------------------------------------------------------------------------


def test_markdown_shortcodes_in_article_text_are_broken_up() -> None:
    escaped = strings.md_escape("Bolt :material/bolt: :red[red] :smile: 10:30 https://x")
    assert ":material/" not in escaped.replace("\\", "")  # Streamlit would draw that as an icon
    assert escaped.replace("\\", "").replace("\u2060", "") == "Bolt :material/bolt: :red[red] :smile: 10:30 https://x"
