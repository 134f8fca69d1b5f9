"""The command line: formats, exit codes, bad input, the store round trip."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

from events import schema
from events.cli import main
from events.event_table import EVENT_EXTRA_COLUMNS

SEED_ARGS = ["seeds", "--metadata", "data/seeds.metadata.yaml"]
ATTACK_RO = "Drone rusești au lovit orașul Odesa ieri, a anunțat primarul.\n"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_extract_jsonl_has_exactly_the_schema_fields():
    code, out, err = run("extract", *SEED_ARGS)
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 6
    for row in rows:
        assert list(row) == list(schema.EVENT_COLUMNS)
        assert all(set(a) == {"name", "kind", "country", "role"} for a in row["actors"])


def test_extract_csv_and_table():
    code, out, _ = run("extract", *SEED_ARGS, "--format", "csv")
    assert code == 0
    df = pd.read_csv(io.StringIO(out.lstrip("\ufeff")))
    assert len(df) == 6 and "event_type" in df.columns
    code, out, _ = run("extract", *SEED_ARGS, "--format", "table")
    assert code == 0 and "air_attack" in out and "RUS-UKR" in out


def test_published_option_resolves_relative_dates(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ATTACK_RO, encoding="utf-8")
    _, out, _ = run("extract", str(f), "--published", "2025-09-03", "--lang", "ro")
    (row,) = [json.loads(line) for line in out.splitlines()]
    assert row["date"] == "2025-09-02" and row["date_text"] == "ieri"
    _, out, err = run("extract", str(f), "--lang", "ro")
    (row,) = [json.loads(line) for line in out.splitlines()]
    assert row["date"] is None and row["date_text"] == "ieri"  # never today's date


@pytest.mark.parametrize("argv", [
    ["extract"], ["extract", "x.txt", "--published", "2025-02-30"], ["extract", "x.txt", "--lang", "fr"],
    ["export", "--format", "xml"], ["nonsense"],
])
def test_usage_errors_exit_2(argv):
    code, _, err = run(*argv)
    assert code == 2 and err


@pytest.mark.parametrize("command", ["extract", "ingest", "export"])
def test_help_has_an_example(command, capsys):
    assert main([command, "--help"]) == 0
    assert "example:" in capsys.readouterr().out


def test_bad_inputs_are_named_and_the_rest_is_processed(tmp_path):
    d = tmp_path / "batch"
    d.mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (d / "broken.json").write_text('{"text": "unterminated', encoding="utf-8")
    (d / "slides.pdf").write_bytes(b"%PDF-1.4")
    # cp1250 has only the cedilla letters; they come back as comma-below ș ț
    (d / "cp1250.txt").write_bytes("Ruşii au lansat un atac aerian asupra Kievului ieri.".encode("cp1250"))
    (d / "fara_diacritice.txt").write_text("Rusia a lansat un atac aerian asupra Kievului ieri.", encoding="utf-8")
    (d / "broken.html").write_text("<html><body><p>Russian drones hit Kharkiv on Monday.<div>", encoding="utf-8")
    (d / "bad_date.md").write_text("---\npublished: 2025-02-30\n---\nRussian missiles struck Odesa.\n",
                                   encoding="utf-8")
    big = d / "huge.txt"
    with big.open("wb") as fh:
        fh.seek(50 * 1024 * 1024)
        fh.write(b"x")
    code, out, err = run("extract", str(d), "--published", "2025-09-03")
    assert code == 1
    for name, words in [("empty.txt", "empty"), ("binary.txt", "binary"), ("broken.json", "JSON"),
                        ("slides.pdf", "unsupported"), ("huge.txt", "too large"), ("bad_date.md", "2025-02-30")]:
        line = next((ln for ln in err.splitlines() if name in ln), "")
        assert words.lower() in line.lower(), (name, err)
    rows = [json.loads(line) for line in out.splitlines()]
    paths = {Path(r["path"]).name for r in rows}
    assert {"cp1250.txt", "fara_diacritice.txt", "broken.html", "bad_date.md"} <= paths
    cp = next(r for r in rows if r["path"].endswith("cp1250.txt"))
    assert "Rușii" in cp["sentence"] and cp["countries"] == ["RUS", "UKR"]


def test_ingest_unchanged_replaced_and_export(tmp_path):
    db = tmp_path / "events.db"
    art = tmp_path / "a.txt"
    art.write_text(ATTACK_RO, encoding="utf-8")
    code, out, err = run("ingest", str(art), "--published", "2025-09-03", "--db", str(db), "--quiet")
    assert code == 0 and "1 new" in out and "1 events added" in out
    code, out, _ = run("ingest", str(art), "--published", "2025-09-03", "--db", str(db), "--quiet")
    assert "1 unchanged" in out and "0 events added" in out
    art.write_text(ATTACK_RO + "Summitul dintre Putin și Xi Jinping a avut loc la Beijing.\n", encoding="utf-8")
    code, out, _ = run("ingest", str(art), "--published", "2025-09-03", "--db", str(db), "--quiet")
    assert "1 replaced" in out and "2 events added" in out
    code, out, _ = run("export", "--db", str(db), "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert sorted(r["event_type"] for r in rows) == ["air_attack", "summit"]
    assert list(rows[0]) == [*schema.EVENT_COLUMNS, *EVENT_EXTRA_COLUMNS]  # events (the default unit)
    assert all(r["n_reports"] >= 1 and r["status_history"] and r["report_ids"] for r in rows)
    code, out, _ = run("export", "--db", str(db), "--format", "jsonl", "--unit", "reports")
    reports = [json.loads(line) for line in out.splitlines()]
    assert list(reports[0]) == list(schema.EVENT_COLUMNS)
    assert {r["event_id"] for r in reports} == {r["event_id"] for r in rows}  # each report names its event
    pq = tmp_path / "e.parquet"
    assert run("export", "--db", str(db), "--format", "parquet", "-o", str(pq))[0] == 0
    assert len(pd.read_parquet(pq)) == 2
    code, out, _ = run("export", "--db", str(db), "--format", "csv")
    assert code == 0 and "air_attack" in out


def test_ingest_reports_failures_but_keeps_the_rest(tmp_path):
    db = tmp_path / "store" / "events.db"
    src = tmp_path / "articles"
    src.mkdir()
    (src / "good.txt").write_text(ATTACK_RO, encoding="utf-8")
    (src / "bad.json").write_text("[{", encoding="utf-8")
    code, out, err = run("ingest", str(src), "--published", "2025-09-03", "--db", str(db), "--quiet",
                         "--lang", "ro")
    assert code == 1 and "bad.json" in err and "1 new" in out and "1 failed" in out


def test_export_without_store(tmp_path):
    code, _, err = run("export", "--db", str(tmp_path / "none.db"), "--format", "csv")
    assert code == 1 and "no such store" in err


def test_module_entry_point(root):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "events", "extract", *SEED_ARGS, "--format", "table"],
                       capture_output=True, text=True, cwd=root, timeout=120)
    assert r.returncode == 0 and "summit" in r.stdout
