"""The Dask engine: `ingest --engine dask` writes the dataset the local ingest's store exports, and `export --dataset`
reads it back; a failed task is named by file while the rest is written; tables are read as the local reader reads
them.

One LocalCluster of 2 worker processes (processes=True, as the CLI starts it: the tasks, their arguments and results
really cross processes) serves the module; the CLI reaches it through --scheduler.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq
import pytest

from events import dask_ingest, grouping
from events.cli import main
from events.dashboard import duck, duck_index
from events.readers import read_paths
from events.records import Article, ReadProblem

GOLDEN = sorted(str(p) for p in Path("tests/data/golden/dev").glob("*.md"))
BUNDLED = ["data/corpus", "seeds", *GOLDEN]
META = ["--metadata", "data/seeds.metadata.yaml"]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=50) as cluster, distributed.Client(cluster) as c:
        yield c


def _not_here(*args, **kwargs):
    raise AssertionError("the links were to be found on the workers")


def _sorted(table: pa.Table, key: str) -> list[dict]:
    """Rows as dicts, by key (the dataset's parts are written in their own order)."""
    return sorted(table.to_pylist(), key=lambda r: r[key])


def test_dataset_holds_exactly_the_local_ingest_events(tmp_path, client, monkeypatch):
    db, out = tmp_path / "local.db", tmp_path / "dataset"
    code, stored, err = run("ingest", *BUNDLED, *META, "--db", str(db), "--quiet", "--jobs", "2", "--no-snapshot")
    assert code == 0, err
    n = int(stored.split()[0])
    # the reports' candidate pairs compared on the workers, 500 a task (a large run's way), never here
    monkeypatch.setattr(dask_ingest, "LINK_ON_CLUSTER_PAIRS", 1)
    monkeypatch.setattr(dask_ingest, "LINK_PAIRS_PER_TASK", 500)
    monkeypatch.setattr(grouping, "links", _not_here)
    code, summary, err = run("ingest", "--engine", "dask", "--scheduler", client.scheduler.address, *BUNDLED, *META,
                             "--out", str(out), "--quiet")
    assert code == 0, err
    assert re.match(rf"{n} articles and \d+ events written to ", summary) and n > len(GOLDEN), summary
    # the dashboard's index and per-day cube are written beside the new dataset: its first open reads them
    index = out / duck.INDEX_DIR
    assert duck_index.load(index, duck.Source.dataset(out).key) is not None
    assert duck.parquet_key(index / "day_cube.parquet") == duck.Source.dataset(out).key
    for unit, key in (("reports", "report_id"), ("events", "event_id")):
        code, _, err = run("export", "--db", str(db), "--unit", unit, "--format", "parquet", "-o",
                           str(tmp_path / f"local-{unit}.parquet"))
        assert code == 0, err
        code, _, err = run("export", "--dataset", str(out), "--unit", unit, "--format", "parquet", "-o",
                           str(tmp_path / f"dataset-{unit}.parquet"))
        assert code == 0, err
        local, dataset = (pq.read_table(tmp_path / f"{side}-{unit}.parquet") for side in ("local", "dataset"))
        assert dataset.schema.remove_metadata() == local.schema.remove_metadata()
        want, got = _sorted(local, key), _sorted(dataset, key)
        assert len(got) == len(want) > 1000
        if unit == "events":  # the union of an event's actors may list them in another order (README)
            for rows in (want, got):
                for r in rows:
                    r["actors"] = sorted(r["actors"], key=json.dumps)
            assert any(r["n_reports"] > 1 for r in got)  # reports really were grouped across articles
        assert got == want  # every column: report ids, event ids, dates, places, paths

    # read in small chunks, events are never cut in two: the same table as in one chunk
    from events import exports

    for unit in ("events", "reports"):
        whole, chunked = [], []
        exports.write_dataset(out, "jsonl", unit, whole.append)
        exports.write_dataset(out, "jsonl", unit, chunked.append, size=97)
        assert len(chunked) > 10 and b"".join(chunked) == b"".join(whole)

    # the events files themselves: the export's columns and types, one folder per publication month
    events_files = sorted((out / "events").glob("month=*/part-*.parquet"))
    assert events_files and not list(out.glob(".staging"))
    local_schema = pq.read_schema(tmp_path / "local-reports.parquet").remove_metadata()
    for f in events_files:
        assert pq.read_schema(f).remove_metadata() == local_schema
    reports = pads.dataset(out / "events", format="parquet", partitioning="hive").to_table()
    for month, published in zip(reports["month"].to_pylist(), reports["published"].to_pylist(), strict=True):
        assert month == (published.strftime("%Y-%m") if published else "unknown")

    # the articles: the store's columns and values
    from events.store import Store

    articles = pads.dataset(out / "articles", format="parquet", partitioning="hive").to_table()
    with Store(db, readonly=True) as store:
        stored = store.articles_frame()
        texts = {aid: store.article(aid).text for aid in stored["article_id"]}
    assert sorted(articles["article_id"].to_pylist()) == sorted(stored["article_id"])
    by_id = {r["article_id"]: r for r in articles.to_pylist()}
    for row in stored.to_dict("records"):
        got = by_id[row["article_id"]]
        for name in ("path", "title", "language", "source", "url", "n_events", "chars"):
            assert got[name] == (None if pd.isna(row[name]) else row[name]), name
        assert (got["published"].date() if got["published"] else None) == (
            row["published"].date() if row["published"] == row["published"] else None)
        assert got["text"] == texts[row["article_id"]]
        assert got["month"] == (got["published"].strftime("%Y-%m") if got["published"] else "unknown")
    stamp = articles.schema.field("ingested_at").type
    assert pa.types.is_timestamp(stamp) and stamp.tz == "UTC"


def _inject_failure(marker: str) -> None:
    """On a worker: reading any piece that holds a file named with `marker` raises."""
    from events import dask_ingest as engine

    real = getattr(engine, "_real_read_piece", engine.read_piece)
    engine._real_read_piece = real

    def failing(piece, options):
        if any(marker in name for name in piece.names()):
            raise RuntimeError("injected failure")
        return real(piece, options)

    engine.read_piece = failing


def _restore() -> None:
    """On a worker: undo _inject_failure."""
    from events import dask_ingest as engine

    engine.read_piece = getattr(engine, "_real_read_piece", engine.read_piece)


def test_a_failed_task_is_named_by_file_and_the_rest_is_written(tmp_path, client, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    golden = [Path(p) for p in GOLDEN[:6]]
    for i, p in enumerate(golden):  # one folder: the six files make one task, which fails on the broken one
        (src / (f"{i}-broken.md" if i == 2 else f"{i}.md")).write_bytes(p.read_bytes())
    table = tmp_path / "table.parquet"  # and a table of articles, read in ranges of 2 rows
    texts = [p.read_text(encoding="utf-8").split("---", 2)[2] for p in map(Path, GOLDEN[6:11])]
    pq.write_table(pa.table({"text": texts, "published": ["2025-10-01"] * 5, "language": ["en"] * 5}), table)
    monkeypatch.setattr(dask_ingest, "ROWS_PER_PIECE", 2)
    client.run(_inject_failure, "broken")
    try:
        code, summary, err = run("ingest", "--engine", "dask", "--scheduler", client.scheduler.address, str(src),
                                 str(table), "--out", str(tmp_path / "out"), "--quiet", "--no-snapshot")
    finally:
        client.run(_restore)
    assert code == 1
    assert err.splitlines() == [f"{src / '2-broken.md'}: not processed: the Dask task failed: RuntimeError: injected "
                                "failure"]

    from events.pipeline import extract_items

    expected = {}
    items = [*read_paths([src]), *(read_paths([_jsonl_of(table, tmp_path)]))]
    for item in extract_items([i for i in items if isinstance(i, Article) and "broken" not in i.path]):
        article, evs = item
        expected.update({e.event_id: article.path.replace("table.jsonl", "table.parquet") for e in evs})
    written = pads.dataset(tmp_path / "out" / "events", format="parquet", partitioning="hive").to_table()
    assert dict(zip(written["report_id"].to_pylist(), written["path"].to_pylist(), strict=True)) == expected
    months = len(list((tmp_path / "out" / "articles").glob("month=*")))
    assert summary == (f"10 articles and {len(expected)} events written to {tmp_path / 'out'} ({months} months); "
                       "1 failed inputs\n")
    assert any(p.endswith("table.parquet#5") for p in expected.values())
    assert not (tmp_path / "out" / duck.INDEX_DIR).exists()  # --no-snapshot: the dashboard builds its index itself


def _jsonl_of(table: Path, tmp_path: Path) -> Path:
    """The Parquet table's rows as a JSONL file (what the local reader reads)."""
    path = tmp_path / "table.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in pq.read_table(table).to_pylist()), encoding="utf-8")
    return path


def test_jsonl_ranges_read_as_the_local_reader(tmp_path, monkeypatch):
    lines = [json.dumps({"text": f"Article {i}: drones struck Odesa.", "published": f"2025-09-{i % 28 + 1:02d}"})
             for i in range(7)]
    lines[2] = "{not json"
    lines[3] = ""
    lines[4] = json.dumps({"body": 3})
    lines[5] = json.dumps(["a list"])
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")  # the last line without a newline
    monkeypatch.setattr(dask_ingest, "SPLIT_BYTES", 10)
    options = dask_ingest.read_options(language="en")
    pieces, problems = dask_ingest.list_pieces([path], options, rows_per_piece=3)
    assert not problems and [(p.first, p.count) for p in pieces] == [(1, 3), (4, 3), (7, 1)]
    got = [item for piece in pieces for item in dask_ingest.read_piece(piece, options)]
    assert got == list(read_paths([path], language="en"))
    assert sum(isinstance(i, Article) for i in got) == 3 and sum(isinstance(i, ReadProblem) for i in got) == 3


def test_small_files_share_a_task_and_each_keeps_its_manifest_row(tmp_path):
    (tmp_path / "a.txt").write_text("Drone rusești au lovit Odesa.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Russian drones struck Kyiv.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,published\na.txt,2025-09-03\n", encoding="utf-8")
    options = dask_ingest.read_options()
    pieces, problems = dask_ingest.list_pieces([tmp_path], options)
    assert not problems and len(pieces) == 1
    got = list(dask_ingest.read_piece(pieces[0], options))
    assert got == list(read_paths([tmp_path]))
    assert [str(a.published) for a in got] == ["2025-09-03", "None"]


@pytest.mark.parametrize(("argv", "message"), [
    (["ingest", "seeds", "--out", "x"], "--out is for --engine dask"),
    (["ingest", "seeds", "--scheduler", "tcp://h:8786"], "--scheduler is for --engine dask"),
    (["ingest", "--engine", "dask", "seeds"], "give its folder with --out DATASET"),
    (["ingest", "--engine", "dask", "seeds", "--out", "x", "--db", "y.db"], "not a store"),
    (["ingest", "--engine", "dask", "https://example.org/a.html", "--out", "x"], "web pages and feeds"),
    (["ingest", "--engine", "dask", "seeds", "--out", "seeds"], "is not empty"),
    (["export", "--db", "a.db", "--dataset", "d", "--format", "csv"], "not both"),
])
def test_usage_errors(argv, message):
    code, _, err = run(*argv)
    assert code == 2 and message in err, err


def test_export_names_a_folder_that_is_no_dataset(tmp_path):
    code, _, err = run("export", "--dataset", str(tmp_path), "--format", "csv")
    assert code == 1 and "not a dataset" in err


def test_the_rest_of_the_tool_does_not_import_dask():
    code = ("import sys, events.cli, events.ingest, events.exports, events.pipeline\n"
            "from events.cli import main\n"
            "main(['export', '--dataset', 'nowhere', '--format', 'csv'])\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_a_table_without_text_is_named_once(tmp_path):
    table = tmp_path / "t.parquet"
    pq.write_table(pa.table({"title": ["a", "b"], "published": ["2025-01-01", "2025-01-02"]}), table)
    (tmp_path / "broken.parquet").write_bytes(b"not parquet at all")
    pieces, problems = dask_ingest.list_pieces([tmp_path], dask_ingest.read_options())
    assert pieces == []
    assert [(Path(p.path).name, p.message.split(":")[0]) for p in problems] == [
        ("broken.parquet", "could not read as Parquet"), ("t.parquet", "no text column (expected 'text', 'body' or 'content')")]


def test_a_text_read_twice_is_kept_once_with_its_first_path(tmp_path, client):
    text = "Drone rusești au lovit Odesa în noaptea de marți spre miercuri, a anunțat primarul."
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(text, encoding="utf-8")
    table = tmp_path / "in" / "b.parquet"  # another task: a table is never grouped with files
    pq.write_table(pa.table({"text": [text, "Russian drones struck Kyiv overnight, the mayor said."]}), table)
    report = dask_ingest.ingest_dataset([tmp_path / "in"], tmp_path / "out", client=client, published="2025-09-03")
    assert (report.articles, report.duplicates, report.rejected) == (2, 1, [])
    articles = pads.dataset(tmp_path / "out" / "articles", partitioning="hive").to_table().to_pylist()
    assert sorted(Path(a["path"]).name for a in articles) == ["a.txt", "b.parquet#2"]
    events = pads.dataset(tmp_path / "out" / "events", partitioning="hive").to_table()
    assert events.num_rows == report.events == sum(a["n_events"] for a in articles) >= 2
    assert len(set(events["report_id"].to_pylist())) == events.num_rows
