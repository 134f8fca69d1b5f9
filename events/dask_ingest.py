"""Ingest past one machine: read and extract on a Dask cluster, write a Parquet dataset partitioned by month.

`python -m events ingest --engine dask SOURCES --out DATASET/` lists the inputs here (files, folders, and tables of
articles: JSONL or Parquet with a text column, split into ranges of rows), runs each piece on a worker through the
same readers and extractor as the local ingest, then groups the reports into events here, as the store does, and
has the workers write the dataset:

    DATASET/events/month=YYYY-MM/part-*.parquet     the reports: the columns of `export --unit reports --format parquet`
    DATASET/articles/month=YYYY-MM/part-*.parquet   the articles: the store's columns (`ARTICLE_SCHEMA`)

(hive partitioning by the article's publication month; `month=unknown` for articles without a date). The workers
must see the inputs and DATASET at the same paths (one machine, or a shared file system). A piece whose task fails
is named on its own, its files retried one by one, and the rest is written. Dask is imported only when a run starts.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from events import readers
from events.records import Article, ReadProblem

if TYPE_CHECKING:
    import pyarrow as pa

EVENTS_DIR = "events"
ARTICLES_DIR = "articles"
STAGING_DIR = ".staging"  # pieces' files before their reports are grouped: not under events/, so never read as data
UNKNOWN_MONTH = "unknown"
ROWS_PER_PIECE = 250  # records of a table per task: ~0.5-1 s of extraction, enough to hide a task's overhead
FILES_PER_PIECE = 64  # small files per task: fewer, larger part files than one per article
BYTES_PER_PIECE = 2_000_000  # ... or this much text, whichever comes first
SPLIT_BYTES = 1_000_000  # a JSONL file is split into ranges of rows above this size (below: one piece, read whole)
TABLE_FIELDS = (*readers.TEXT_FIELDS, "title", "published", "date", "language", "source", "url")  # read of Parquet

Progress = Callable[[int], None]  # articles done so far


# --- what a run reads ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadOptions:
    """What every piece is read with: the caller's defaults (--published, --lang) and the per-record size cap."""

    defaults: readers.Defaults
    max_bytes: int = 20_000_000


@dataclass(frozen=True)
class FilePiece:
    """Whole files, each read as the local ingest reads it, with the manifest row found for it."""

    files: tuple[tuple[str, readers.Meta | None], ...]

    def names(self) -> list[str]:
        """The files, for messages."""
        return [path for path, _ in self.files]


@dataclass(frozen=True)
class RowsPiece:
    """Records `first`..`first + count - 1` of a table (JSONL lines or Parquet rows, numbered from 1)."""

    path: str
    kind: str  # "jsonl" / "parquet"
    meta: readers.Meta | None
    first: int
    count: int
    offset: int = 0  # jsonl: the byte where line `first` starts

    def names(self) -> list[str]:
        """The range, for messages: 'feed.jsonl#251-500'."""
        return [f"{self.path}#{self.first}-{self.first + self.count - 1}"]


Piece = FilePiece | RowsPiece


@dataclass
class PieceResult:
    """What a piece's task hands back: little besides the grouping's view of its reports (the rows stay on disk)."""

    key: str  # orders the pieces as the inputs were given, and names their part files
    problems: list[tuple[str, str]] = field(default_factory=list)  # (path, message), warnings included
    article_ids: list[str] = field(default_factory=list)  # of the articles written, in reading order
    reports: list[dict[str, Any]] = field(default_factory=list)  # what grouping reads of each (`grouping_row`)
    report_articles: list[str] = field(default_factory=list)  # each report's article
    duplicates: int = 0  # texts met twice within the piece (stored once)
    records: int = 0  # jsonl lines that were not blank (a file of only whitespace is an error, as locally)
    months: list[str] = field(default_factory=list)  # of its articles written
    staged: list[tuple[str, str]] = field(default_factory=list)  # (events|articles, staging file)


class _Lister(readers.Reader):
    """The local reader's walk (same order, manifests, skips) that lists each file with its manifest row."""

    def _file(self, path: str) -> Iterator[Any]:
        yield (path, self._meta_for(path))


class _OneFile(readers.Reader):
    """The local reader for one file whose manifest row was found when the inputs were listed."""

    def __init__(self, options: ReadOptions, meta: readers.Meta | None) -> None:
        super().__init__(options.defaults, None, options.max_bytes, ())
        self._meta = meta

    def _meta_for(self, path: str) -> readers.Meta | None:
        return self._meta


def read_options(*, published: date | str | None = None, language: str | None = None,
                 source: str | None = None, max_bytes: int = 20_000_000) -> ReadOptions:
    """The options of read_paths, validated the same way."""
    return ReadOptions(readers.Defaults(published=readers.published_arg(published),
                                         language=readers.parse_language(language),
                                         source=readers.clean_text_field(source)), max_bytes)


def list_pieces(paths: Sequence[str | os.PathLike[str]], options: ReadOptions, *,
                metadata: str | os.PathLike[str] | None = None, skip: Iterable[str | os.PathLike[str]] = (),
                rows_per_piece: int = ROWS_PER_PIECE) -> tuple[list[Piece], list[ReadProblem]]:
    """The pieces of work for the inputs, in the order the local ingest reads them, and the manifests' problems."""
    lister = _Lister(options.defaults, None if metadata is None else os.fspath(metadata), options.max_bytes,
                     [os.fspath(p) for p in skip])
    pieces: list[Piece] = []
    problems: list[ReadProblem] = []
    small: list[tuple[str, readers.Meta | None]] = []
    small_bytes = 0

    def flush() -> None:
        nonlocal small_bytes
        if small:
            pieces.append(FilePiece(tuple(small)))
            small.clear()
            small_bytes = 0

    for item in lister.run(paths):
        if isinstance(item, ReadProblem):
            problems.append(item)
            continue
        path, meta = item
        split = _split_table(path, meta, options, rows_per_piece)
        if isinstance(split, ReadProblem):
            problems.append(split)
        elif split:
            flush()
            pieces.extend(split)
        else:
            small.append((path, meta))
            small_bytes += human_size(path)
            if len(small) >= FILES_PER_PIECE or small_bytes >= BYTES_PER_PIECE:
                flush()
    flush()
    return pieces, problems


def human_size(path: str) -> int:
    """A file's size, 0 when it cannot be read (the reader says why)."""
    try:
        return os.stat(path).st_size
    except (OSError, ValueError):
        return 0


def _split_table(path: str, meta: readers.Meta | None, options: ReadOptions,
                 rows: int) -> list[Piece] | ReadProblem | None:
    """Row ranges of a large JSONL file or of a Parquet table; None for a file read whole."""
    ext = os.path.splitext(path)[1].lower()
    try:
        if ext not in (".jsonl", ".parquet") or readers.not_regular(os.stat(path).st_mode):
            return None  # read whole; the reader says what is wrong with it, if anything (a pipe is never opened)
    except (OSError, ValueError):
        return None
    if ext == ".parquet":
        try:
            import pyarrow.parquet as pq

            table = pq.ParquetFile(path)
            total, columns = table.metadata.num_rows, table.schema_arrow.names
        except Exception as exc:  # not Parquet, unreadable: named like any unreadable file
            return ReadProblem(path, f"could not read as Parquet: {type(exc).__name__}: {exc}")
        if not any(name in columns for name in readers.TEXT_FIELDS):
            return ReadProblem(path, "no text column (expected 'text', 'body' or 'content')")
        if total == 0:
            return ReadProblem(path, "no articles (an empty table)")
        return [RowsPiece(path, "parquet", meta, first, min(rows, total - first + 1))
                for first in range(1, total + 1, rows)]
    try:
        if human_size(path) <= SPLIT_BYTES:
            return None
        with open(path, "rb") as f:
            if readers.looks_binary(f.read(8192)):
                return None
            f.seek(0)
            return [RowsPiece(path, "jsonl", meta, first, count, offset)
                    for first, count, offset in _line_ranges(f, rows)]
    except (OSError, ValueError):
        return None


def _line_ranges(f: Any, rows: int) -> Iterator[tuple[int, int, int]]:
    """(first line, lines, byte offset of the first) of consecutive ranges of `rows` lines of a binary file."""
    first, offset, pos, n = 1, 0, 0, 0
    while block := f.read(1 << 22):
        start = 0
        while (nl := block.find(b"\n", start)) >= 0:
            n += 1
            start = nl + 1
            if n == rows:
                yield first, n, offset
                first, offset, n = first + n, pos + start, 0
        pos += len(block)
    if pos > offset:  # the last lines, the final one maybe without a newline
        yield first, n + (1 if pos > offset and not _ends_with_newline(f, pos) else 0), offset


def _ends_with_newline(f: Any, size: int) -> bool:
    """Whether a file of `size` bytes ends with a newline."""
    f.seek(size - 1)
    return f.read(1) == b"\n"


# --- on a worker ---------------------------------------------------------------------------------


def read_piece(piece: Piece, options: ReadOptions) -> Iterator[Article | ReadProblem]:
    """The articles and problems of a piece, exactly as the local readers give them."""
    if isinstance(piece, FilePiece):
        for path, meta in piece.files:
            yield from _OneFile(options, meta)._file(path)
    elif piece.kind == "jsonl":
        yield from _jsonl_rows(piece, options)
    else:
        yield from _parquet_rows(piece, options)


def _jsonl_rows(piece: RowsPiece, options: ReadOptions) -> Iterator[Article | ReadProblem]:
    """Lines first..first+count-1 of a JSONL file, each read as the local reader reads it (`readers.jsonl_line`)."""
    with readers.open_regular(piece.path) as f:
        f.seek(piece.offset)
        for number in range(piece.first, piece.first + piece.count):
            found = readers.jsonl_line(f, piece.path, number, options.max_bytes, piece.meta, options.defaults)
            if found is None:
                return
            yield from found


def _parquet_rows(piece: RowsPiece, options: ReadOptions) -> Iterator[Article | ReadProblem]:
    """Rows first..first+count-1 of a Parquet table of articles, each read as a JSON record is."""
    import pyarrow.parquet as pq

    table = pq.ParquetFile(piece.path)
    meta = table.metadata
    columns = [c for c in table.schema_arrow.names if c in TABLE_FIELDS]
    start, row = piece.first - 1, 0  # 0-based row of the range's first, of the current row group
    for g in range(meta.num_row_groups):
        n = meta.row_group(g).num_rows
        lo, hi = max(start, row), min(start + piece.count, row + n)
        if lo < hi:
            rows = table.read_row_group(g, columns=columns).slice(lo - row, hi - lo).to_pylist()
            for i, obj in enumerate(rows):
                yield from readers.record_articles(f"{piece.path}#{lo + i + 1}", obj, piece.meta, options.defaults)
        row += n
        if row >= start + piece.count:
            break


def month_of(published: date | None) -> str:
    """The partition of an article: 'YYYY-MM' of its publication date, or 'unknown'."""
    return f"{published.year:04d}-{published.month:02d}" if published else UNKNOWN_MONTH


def process_piece(piece: Piece, options: ReadOptions, out: str, key: str) -> PieceResult:
    """Read and extract a piece (the local ingest's code), write its articles and reports to the staging folder."""
    from events.pipeline import event_row, extract_batch

    result = PieceResult(key)
    items: list[Article | ReadProblem] = []
    for item in read_piece(piece, options):
        if isinstance(item, ReadProblem):
            result.problems.append((item.path, item.message))
        else:
            items.append(item)
    if isinstance(piece, RowsPiece) and piece.kind == "jsonl":
        result.records = len(items) + sum(not readers.is_warning(ReadProblem(p, m)) for p, m in result.problems)
    seen: set[str] = set()
    articles: list[dict[str, Any]] = []
    reports: list[dict[str, Any]] = []
    for item in extract_batch(items):
        if isinstance(item, ReadProblem):
            result.problems.append((item.path, item.message))
            continue
        article, evs = item
        if article.article_id in seen:  # the same text again: the store keeps the first path and its events
            result.duplicates += 1
            continue
        seen.add(article.article_id)
        rows = [event_row(article, ev) for ev in evs]
        articles.append(article_row(article, len(rows)))
        reports.extend(rows)
        result.article_ids.append(article.article_id)
        result.reports.extend(grouping_row(r) for r in rows)
        result.report_articles.extend(article.article_id for _ in rows)
        if (month := month_of(article.published)) not in result.months:
            result.months.append(month)
    # one staging file per table and piece (months are split when the reports have their events: half the writes)
    staging = Path(out) / STAGING_DIR
    staging.mkdir(parents=True, exist_ok=True)
    if articles:
        result.staged.append((ARTICLES_DIR, _write(articles_table(articles), staging / f"a-{key}.parquet")))
    if reports:
        result.staged.append((EVENTS_DIR, _write(events_table(reports), staging / f"e-{key}.parquet")))
    return result


GROUPING_FIELDS = ("report_id", "article_id", "source", "published", "event_type", "status", "date",
                   "date_precision", "countries", "location_name", "location_country", "lat", "lon", "confidence")


def grouping_row(row: dict[str, Any]) -> dict[str, Any]:
    """The fields of an events-table row that grouping.report_of reads (sent back to group all reports at once;
    the compiled Report does not cross processes)."""
    slim = {k: row[k] for k in GROUPING_FIELDS}
    slim["actors"] = [{"role": a["role"], "country": a["country"]} for a in row["actors"]]
    return slim


@dataclass(frozen=True)
class Finish:
    """What a piece's files become (one object: Dask would walk a dict argument of thousands of items)."""

    staged: tuple[tuple[str, str], ...]
    out: str
    key: str
    drop: frozenset[str]  # articles read earlier in another piece
    event_ids: dict[str, str]  # report id -> event id


def finish_piece(job: Finish) -> int:
    """Move a piece's staged files into the dataset: articles met earlier dropped, reports given their events."""
    staged, out, key, drop, event_ids = job.staged, job.out, job.key, job.drop, job.event_ids
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    rows = 0
    for unit, path in staged:
        table = pq.read_table(path)
        if drop:
            table = table.filter(pc.invert(pc.is_in(table["article_id"], pa.array(sorted(drop), pa.large_string()))))
        if unit == EVENTS_DIR and table.num_rows:
            ids = pa.array([event_ids[r] for r in table["report_id"].to_pylist()], pa.large_string())
            table = table.set_column(table.schema.get_field_index("event_id"), "event_id", ids)
            rows += table.num_rows
        months = pa.array([month_of(d) for d in table["published"].to_pylist()], pa.string())
        for month in dict.fromkeys(months.to_pylist()):  # in reading order
            target = Path(out) / unit / f"month={month}" / f"part-{key}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            _write(table.filter(pc.equal(months, month)), target)
        os.remove(path)
    return rows


def _write(table: pa.Table, path: Path) -> str:
    """Write a Parquet file whole (a partial file is never left under its final name)."""
    import pyarrow.parquet as pq

    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)
    return str(path)


# --- the dataset's tables --------------------------------------------------------------------------


def article_row(article: Article, n_events: int) -> dict[str, Any]:
    """One row of the articles table: the store's columns for the article."""
    text = article.text
    return {
        "article_id": article.article_id, "path": article.path, "title": article.title,
        "published": article.published, "language": article.language, "source": article.source,
        "url": article.url, "text": text,
        "content_sha1": hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest(), "chars": len(text),
        "ingested_at": datetime.now(UTC).replace(microsecond=0), "n_events": n_events,
    }  # fmt: skip


def article_schema() -> pa.Schema:
    """The articles table: the store's `articles` columns (published a day, ingested_at UTC) and n_events."""
    import pyarrow as pa

    text = pa.large_string()
    return pa.schema([
        ("article_id", text), ("path", text), ("title", text), ("published", pa.timestamp("s")),
        ("language", text), ("source", text), ("url", text), ("text", text), ("content_sha1", text),
        ("chars", pa.int64()), ("ingested_at", pa.timestamp("s", tz="UTC")), ("n_events", pa.int64()),
    ])  # fmt: skip


def articles_table(rows: list[dict[str, Any]]) -> pa.Table:
    """Rows of article_row as an Arrow table of article_schema."""
    import pyarrow as pa

    schema = article_schema()
    columns = {name: [r[name] for r in rows] for name in schema.names}
    columns["published"] = [datetime(d.year, d.month, d.day) if d else None for d in columns["published"]]
    return pa.table({n: pa.array(columns[n], schema.field(n).type) for n in schema.names}, schema=schema)


@functools.cache
def events_schema() -> pa.Schema:
    """The reports' table: the schema `export --unit reports --format parquet` writes."""
    from events.exports import reports_arrow
    from events.schema import empty_frame

    return reports_arrow(empty_frame()).schema.remove_metadata()


def events_table(rows: list[dict[str, Any]]) -> pa.Table:
    """Rows of event_row as the export's Arrow table (each report its own event until grouped)."""
    from events.exports import reports_arrow
    from events.schema import to_frame

    return reports_arrow(to_frame(rows)).cast(events_schema())


# --- the run ---------------------------------------------------------------------------------------


@dataclass
class DaskReport:
    """What a Dask ingest wrote, and each input that failed (or was read with a warning)."""

    articles: int = 0
    events: int = 0
    duplicates: int = 0
    months: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)


class DatasetExistsError(ValueError):
    """The output folder already holds files: a dataset is written into a new or empty folder."""


def _key(index: int, sub: int = 0) -> str:
    """A piece's key: input order, fixed width, so names sort as the inputs were given."""
    return f"{index:06d}-{sub:04d}"


def ingest_dataset(paths: Sequence[str | os.PathLike[str]], out: str | os.PathLike[str], *,
                   scheduler: str | None = None, workers: int = 0, metadata: str | os.PathLike[str] | None = None,
                   published: date | str | None = None, language: str | None = None,
                   progress: Progress | None = None, client: Any = None,
                   rows_per_piece: int | None = None) -> DaskReport:
    """Read and extract the inputs on a Dask cluster (`client`, else the scheduler at `scheduler`, else a new
    LocalCluster of `workers` processes, 0: one per core) and write the dataset to `out`."""
    out = os.path.abspath(os.fspath(out))
    if os.path.isdir(out) and os.listdir(out):
        raise DatasetExistsError(f"{out} is not empty: write a dataset into a new or empty folder")
    if os.path.exists(out) and not os.path.isdir(out):
        raise DatasetExistsError(f"{out} is a file, not a folder")
    options = read_options(published=published, language=language)
    pieces, listed = list_pieces(paths, options, metadata=metadata, skip=[out],
                                 rows_per_piece=rows_per_piece or ROWS_PER_PIECE)
    report = DaskReport()
    _sort_problems(report, [(p.path, p.message) for p in listed])
    os.makedirs(out, exist_ok=True)
    if client is not None:
        return _run(client, pieces, options, out, report, progress)
    from dask.distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as remote:
            return _run(remote, pieces, options, out, report, progress)
    from events.parallel import resolve_jobs

    with LocalCluster(n_workers=resolve_jobs(workers), threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=logging.CRITICAL) as cluster, Client(cluster) as local:
        return _run(local, pieces, options, out, report, progress)


def _sort_problems(report: DaskReport, problems: Iterable[tuple[str, str]]) -> None:
    """Problems into the report's warnings (an article was read all the same) or rejected inputs."""
    for path, message in problems:
        if message.startswith(readers.WARNING):
            report.warnings.append((path, message.removeprefix(readers.WARNING)))
        else:
            report.rejected.append((path, message))


def _run(client: Any, pieces: Sequence[Piece], options: ReadOptions, out: str, report: DaskReport,
         progress: Progress | None) -> DaskReport:
    """Extract every piece, group the reports, write the dataset; a failed task is named and the rest written."""
    from dask.distributed import as_completed

    results: list[PieceResult] = []
    done = 0
    futures = {client.submit(process_piece, piece, options, out, _key(i), pure=False): (piece, i)
               for i, piece in enumerate(pieces)}
    names = {_key(i): piece.names() for i, piece in enumerate(pieces)}
    queue = as_completed(futures)
    for future in queue:
        piece, i = futures.pop(future)
        if future.status == "finished":
            result = future.result()
            results.append(result)
            done += len(result.article_ids) + result.duplicates
            if progress:
                progress(done)
        elif isinstance(piece, FilePiece) and len(piece.files) > 1:
            # which file made it fail? each one again in a task of its own: the others are written
            for j, one in enumerate(piece.files, start=1):
                retry = client.submit(process_piece, FilePiece((one,)), options, out, _key(i, j), pure=False)
                futures[retry] = (FilePiece((one,)), i)
                names[_key(i, j)] = [one[0]]
                queue.add(retry)
        else:
            for name in piece.names():
                report.rejected.append((name, f"not processed: the Dask task failed: {_failure(future)}"))
        future.release()
    results.sort(key=lambda r: r.key)
    _check_whitespace_files(pieces, results, report)
    for r in results:
        _sort_problems(report, r.problems)
    owners = _finish(client, results, out, report, names)
    report.articles = owners
    shutil.rmtree(Path(out) / STAGING_DIR, ignore_errors=True)
    return report


def _check_whitespace_files(pieces: Sequence[Piece], results: Sequence[PieceResult], report: DaskReport) -> None:
    """A split JSONL file without a single record is refused as a whole, as the local reader refuses it."""
    ranges: dict[str, list[str]] = {}
    for i, piece in enumerate(pieces):
        if isinstance(piece, RowsPiece) and piece.kind == "jsonl":
            ranges.setdefault(piece.path, []).append(_key(i))
    records = {r.key: r.records for r in results}
    for path, keys in ranges.items():
        if all(k in records for k in keys) and not any(records[k] for k in keys):
            report.rejected.append((path, "file contains only whitespace"))


def _failure(future: Any) -> str:
    """Why a task failed: 'RuntimeError: disk full'."""
    try:
        exc = future.exception()
    except BaseException as why:  # cancelled: the reason is the cancellation
        exc = why
    return f"{type(exc).__name__}: {exc}"


# grouping's candidate pairs of reports are compared on the workers above this many (below, here: each worker
# first rebuilds the reports, ~1 s per 20,000, and 150,000 pairs took 3.5 s here against 5.1 s on 2 local workers)
LINK_ON_CLUSTER_PAIRS = 500_000
LINK_PAIRS_PER_TASK = 50_000
_WORKER_REPORTS: dict[str, list[Any]] = {}  # on a worker: the reports of the run being grouped, built once


def link_pairs(rows: bytes, token: str, pairs: Any) -> bytes:
    """On a worker: the links among some candidate pairs (an n x 2 array) of the reports (`rows`: their grouping
    rows, pickled, shared by every task of a run), pickled."""
    import pickle

    from events.grouping import links_among, load_rules, report_of

    reports = _WORKER_REPORTS.get(token)
    if reports is None:  # the first task of the run here: later ones reuse them
        _WORKER_REPORTS.clear()
        reports = _WORKER_REPORTS[token] = [report_of(row) for row in pickle.loads(rows)]
    pairs = list(zip(pairs[:, 0].tolist(), pairs[:, 1].tolist(), strict=True))
    return pickle.dumps([(lk.a, lk.b, lk.score, lk.reasons) for lk in links_among(reports, pairs, load_rules())],
                        protocol=5)


def _forget_reports() -> None:
    """On a worker: let go of the last run's reports."""
    _WORKER_REPORTS.clear()


def _links(client: Any, rows: list[dict[str, Any]], reports: list[Any]) -> list[Any]:
    """grouping.links, its candidate pairs compared on the workers when there are many (most of the grouping's
    time; the local ingest compares them on its processes too)."""
    import pickle
    import uuid

    import numpy as np

    from events.grouping import Link, candidate_pairs, links, load_rules, strongest_first

    rules = load_rules()
    pairs = sorted(candidate_pairs(reports, rules))
    if len(pairs) < LINK_ON_CLUSTER_PAIRS:
        return links(reports, rules)
    # bytes and arrays: Dask would serialise a list of dicts or of tuples item by item (seconds for 20,000)
    [shared] = client.scatter([pickle.dumps(rows, protocol=5)], broadcast=True)  # one copy per worker
    token = uuid.uuid4().hex
    table = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    futures = [client.submit(link_pairs, shared, token, table[i:i + LINK_PAIRS_PER_TASK], pure=False)
               for i in range(0, len(table), LINK_PAIRS_PER_TASK)]
    try:
        found = [Link(a, b, score, reasons) for part in client.gather(futures)
                 for a, b, score, reasons in pickle.loads(part)]
    except Exception as exc:  # a worker lost: compared here instead (the same links, slower)
        print(f"events: linking reports on the cluster failed ({type(exc).__name__}: {exc}); linking them here",
              file=sys.stderr)
        return links(reports, rules)
    finally:
        client.run(_forget_reports)
    found.sort(key=strongest_first)
    return found


def _finish(client: Any, results: Sequence[PieceResult], out: str, report: DaskReport,
            names: dict[str, list[str]]) -> int:
    """Group the reports into events (the first reading of a text kept, as the store keeps it), then have the
    workers move every piece's files into the dataset; the number of articles written."""
    from events.grouping import group, report_of

    owner: dict[str, str] = {}
    for r in results:
        for aid in r.article_ids:
            owner.setdefault(aid, r.key)
    rows = [rep for r in results for rep, aid in zip(r.reports, r.report_articles, strict=True)
            if owner[aid] == r.key]
    kept = [report_of(row) for row in rows]
    event_of = {rid: g.event_id for g in group(kept, found=_links(client, rows, kept)) for rid in g.report_ids}
    report.duplicates = sum(r.duplicates for r in results) + sum(owner[a] != r.key for r in results
                                                                 for a in r.article_ids)
    futures = []
    for r in results:
        drop = frozenset(a for a in r.article_ids if owner[a] != r.key)
        ids = {rep["report_id"]: event_of[rep["report_id"]] for rep, aid in zip(r.reports, r.report_articles, strict=True)
               if owner[aid] == r.key}
        job = Finish(tuple(r.staged), out, r.key, drop, ids)
        futures.append((r.key, client.submit(finish_piece, job, pure=False)))
    for key, future in futures:
        if future.status != "error" and future.status != "cancelled":
            try:
                report.events += future.result()
                continue
            except Exception:  # the failure is read below
                pass
        for name in names[key]:
            report.rejected.append((name, f"not written: the Dask task failed: {_failure(future)}"))
    report.months = len({m for r in results for m in r.months})
    return len(owner)
