"""Articles into the store: read items -> extract -> store, with a report of what was stored and what was refused.

The command line's `ingest`, the dashboard's first run (the bundled corpus) and its *Add articles* tab (uploads and
pasted text) all go through `ingest_items`. This is the pipeline's side: nothing here imports the dashboard.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from events.readers import SUPPORTED_EXTENSIONS, is_warning, read_paths, read_text
from events.records import Article, Event, ReadProblem
from events.store import IngestResult, Store
from events.web import Fetcher, FetchOptions, is_url, read_web

ROOT = Path(__file__).resolve().parents[1]
# The bundled corpus: (folder, manifest beside it in data/); missing folders are skipped.
BUNDLED = (
    ("seeds", "data/seeds.metadata.yaml"),
    ("data/corpus", "data/corpus.metadata.yaml"),
)
WRITE_BATCH = 64  # articles stored per transaction: a commit per article wrote 3.4x the bytes (README, Search)
MAX_UPLOAD_MB = 10  # per file; a news article is a few KB, a big jsonl dump a few MB
MAX_UPLOAD_FILES = 200  # per upload: more is a job for `python -m events ingest`
MAX_UPLOAD_TOTAL_MB = 50  # per upload, all files together
MAX_NAME_CHARS = 120  # of a stored upload name; longer ones are cut before the extension
UPLOAD_TYPES = tuple(ext.lstrip(".") for ext in SUPPORTED_EXTENSIONS)
LANGUAGE_CHOICES = ("auto", "ro", "en")
UPLOAD_PREFIX = "upload/"  # stored path of an uploaded file: re-uploading a name replaces it
PASTE_PREFIX = "pasted/"

Progress = Callable[[int, int, str], None]  # (done, total, what is being read)


def bundled_inputs(root: Path = ROOT) -> list[tuple[Path, Path | None]]:
    """(folder, manifest or None) of the bundled corpus folders that exist."""
    out = []
    for folder, manifest in BUNDLED:
        path = root / folder
        if path.is_dir():
            meta = root / manifest
            out.append((path, meta if meta.is_file() else None))
    return out


def count_inputs(paths: Iterable[Path]) -> int:
    """Number of readable files under the paths (the progress bar's total; jsonl counts once)."""
    n = 0
    exts = set(SUPPORTED_EXTENSIONS)
    for path in paths:
        if path.is_file():
            n += path.suffix.lower() in exts
            continue
        for _dirpath, dirnames, filenames in os.walk(path):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            n += sum(
                1
                for f in filenames
                if not f.startswith(".") and Path(f).suffix.lower() in exts and not f.startswith("metadata.")
            )
    return n


@dataclass
class IngestReport:
    """What an ingest did: article counts, events added, and each input that was rejected or warned."""

    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    events_added: int = 0
    events_removed: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (file or record, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def stored(self) -> int:
        """Articles written (new or replaced)."""
        return self.new + self.replaced

    def merge(self, other: IngestReport) -> None:
        """Add another report's counts and messages to this one."""
        for f in ("new", "replaced", "unchanged", "events_added", "events_removed"):
            setattr(self, f, getattr(self, f) + getattr(other, f))
        self.rejected += other.rejected
        self.warnings += other.warnings

    def message(self) -> str:
        """One line for the user: '2 new articles, 1 unchanged; 7 events added; 1 file rejected'."""
        parts = []
        if self.new:
            parts.append(_plural(self.new, "new article"))
        if self.replaced:
            parts.append(f"{_plural(self.replaced, 'article')} replaced")
        if self.unchanged:
            parts.append(f"{self.unchanged:,} already stored")
        head = ", ".join(parts) or "no articles stored"
        head += f"; {_plural(self.events_added, 'event')} added"
        if self.events_removed:
            head += f", {self.events_removed:,} removed"
        if self.rejected:
            head += f"; {_plural(len(self.rejected), 'input')} rejected"
        return head


def _plural(n: int, word: str) -> str:
    """'1 event' / '3 events'."""
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def ingest_items(
    store: Store,
    items: Iterable[Article | ReadProblem],
    *,
    total: int = 0,
    progress: Progress | None = None,
    rename: Callable[[str], str] | None = None,
    jobs: int = 1,
) -> IngestReport:
    """Extract (on `jobs` processes, 0: one per core) and store read articles; problems and failures become report
    entries, never exceptions."""
    from events.pipeline import extract_items

    report = IngestReport()
    done = 0
    batch: list[tuple[Article, list[Event]]] = []

    def store_batch() -> None:
        """Store the batch in one transaction; each article's result, or why it could not be stored, goes in."""
        try:
            results: list[IngestResult | Exception] = list(store.ingest_many(batch))
        except Exception as exc:  # the whole batch failed (a full disk, a locked store): the others go on
            results = [exc] * len(batch)
        for (article, _), result in zip(batch, results, strict=True):
            if isinstance(result, Exception):
                report.rejected.append((article.path, f"could not be processed: {type(result).__name__}: {result}"))
            else:
                setattr(report, result.status, getattr(report, result.status) + 1)
                report.events_added += result.events_added
                report.events_removed += result.events_removed
        batch.clear()

    def to_extract() -> Iterator[Article | ReadProblem | _Unchanged]:
        for item in items:
            path = rename(item.path) if rename else item.path
            item = dataclasses.replace(item, path=path) if path != item.path else item
            if isinstance(item, ReadProblem):
                yield item
                continue
            try:
                unchanged = store.article_status(item) == "unchanged"
            except Exception as exc:  # one bad article must not stop the others
                yield ReadProblem(item.path, f"could not be processed: {type(exc).__name__}: {exc}")
                continue
            yield _Unchanged(item) if unchanged else item  # an unchanged article is not extracted again

    for item in extract_items(to_extract(), jobs):
        if isinstance(item, ReadProblem):
            target = report.warnings if is_warning(item) else report.rejected
            target.append((item.path, item.message.removeprefix("warning: ")))
            if not is_warning(item):
                done += 1
            continue
        article = item.article if isinstance(item, _Unchanged) else item[0]
        if progress:
            progress(done, max(total, done + 1), _display(article.path))
        if isinstance(item, _Unchanged):
            report.unchanged += 1
        else:
            batch.append(item)
            if len(batch) >= WRITE_BATCH:
                store_batch()
        done += 1
    store_batch()
    if report.new or report.replaced:
        try:
            store.update_groups()  # the new reports join the events they describe, across articles
        except Exception as exc:  # the reports are stored: the next ingest or open groups them
            report.warnings.append((str(store.path), f"events not grouped yet: {type(exc).__name__}: {exc}"))
    if progress:
        progress(done, max(total, done), "")
    return report


@dataclass(frozen=True)
class _Unchanged:
    """An article stored before with the same text: passed along, not extracted."""

    article: Article


def _display(path: str) -> str:
    """Short name of an input for the progress text."""
    return path.rsplit("/", 1)[-1]


def _relative(root: Path) -> Callable[[str], str]:
    """Rename read paths to project-relative POSIX paths, as `python -m events ingest seeds` stores them."""

    def rename(path: str) -> str:
        main, sep, record = path.partition("#")
        try:
            rel = Path(main).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return path
        return rel + sep + record

    return rename


def ingest_bundled(store: Store, root: Path = ROOT, progress: Progress | None = None) -> IngestReport:
    """Ingest the bundled corpus (seeds/ and data/corpus/ with their manifests), skipping absent parts."""
    inputs = bundled_inputs(root)
    total = count_inputs(p for p, _ in inputs)
    report = IngestReport()
    for folder, manifest in inputs:
        part = ingest_items(
            store,
            read_paths([folder], metadata=manifest),
            total=total,
            progress=_offset(progress, report.stored + report.unchanged + len(report.rejected), total),
            rename=_relative(root),
        )
        report.merge(part)
    if progress:
        progress(total, max(total, 1), "done")
    return report


def _offset(progress: Progress | None, before: int, total: int) -> Progress | None:
    """A progress callback that counts on from `before` (several folders, one bar)."""
    if progress is None:
        return None
    return lambda done, _t, label: progress(min(before + done, total), max(total, 1), label)


def safe_name(name: str) -> str:
    """A file name without folders or control characters ('../x/evil.txt' -> 'evil.txt'), cut to a sane length."""
    parts = [p for p in re.split(r"[\\/]", name or "") if p.strip(" .")]
    base = parts[-1] if parts else ""  # "x.txt/" names x.txt; ".." and "" name nothing
    base = "".join(c for c in unicodedata.normalize("NFC", base) if unicodedata.category(c)[0] != "C")
    base = base.strip().lstrip(".") or "upload.txt"
    stem, ext = os.path.splitext(base)
    if len(ext) > 16:  # not an extension, just a dot in a long name
        stem, ext = base, ""
    stem = stem[: MAX_NAME_CHARS - len(ext)]
    while len((stem + ext).encode("utf-8")) > 240:  # a file system takes at most 255 bytes per name
        stem = stem[:-1]
    return stem.rstrip() + ext


def unique_names(names: Sequence[str]) -> list[str]:
    """The names with repeats told apart: a.txt, a (2).txt, a (3).txt (two uploads never replace each other)."""
    taken = set(names)
    seen: set[str] = set()
    out = []
    for name in names:
        if name in seen:
            stem, ext = os.path.splitext(name)
            n = 2
            while f"{stem} ({n}){ext}" in taken:
                n += 1
            name = f"{stem} ({n}){ext}"
            taken.add(name)
        seen.add(name)
        out.append(name)
    return out


def _size(n: float) -> str:
    """'12.3 MB' / '800 KB'."""
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{max(n / 1e3, 0.1):.0f} KB" if n >= 1e3 else f"{int(n)} bytes"


def check_upload(name: str, size: int, max_bytes: int = MAX_UPLOAD_MB * 1_000_000) -> str | None:
    """Why an uploaded file is refused before reading (type, size, empty), or None if it may be read."""
    ext = Path(name).suffix.lower()
    if ext not in SUPPORTED_EXTENSIONS:
        shown = f"'{ext}'" if ext else "without an extension"
        return f"unsupported file type {shown} (use {', '.join(UPLOAD_TYPES)})"
    if size > max_bytes:
        return f"too large: {_size(size)} (the limit is {_size(max_bytes)} per file)"
    if size == 0:
        return "the file is empty"
    return None


def _over_upload_limits(files: int, size: int, more: int) -> str | None:
    """Why one more file of `more` bytes breaks the per-upload limits, or None."""
    if files >= MAX_UPLOAD_FILES:
        return f"more than {MAX_UPLOAD_FILES} files in one upload; add it in another, or use `python -m events ingest`"
    if size + more > MAX_UPLOAD_TOTAL_MB * 1_000_000:
        return (f"the upload would exceed {MAX_UPLOAD_TOTAL_MB} MB in all; add it in another, "
                "or use `python -m events ingest`")
    return None


def _language(language: str | None) -> str | None:
    """None for 'auto'/empty, else the code."""
    return None if not language or language == "auto" else language


def ingest_uploads(
    store: Store,
    files: Sequence[tuple[str, bytes]],
    *,
    published: date | None = None,
    language: str | None = None,
    source: str | None = None,
    max_bytes: int = MAX_UPLOAD_MB * 1_000_000,
    progress: Progress | None = None,
) -> IngestReport:
    """Read, extract and store uploaded files (name, bytes); each refused file is named with its reason."""
    report = IngestReport()
    total = len(files)
    names = unique_names([safe_name(raw_name) for raw_name, _ in files])
    accepted = accepted_bytes = 0
    with tempfile.TemporaryDirectory(prefix="events-upload-") as tmp:
        for i, (name, (_, data)) in enumerate(zip(names, files, strict=True)):
            if progress:
                progress(i, total, name)
            reason = check_upload(name, len(data), max_bytes) or _over_upload_limits(accepted, accepted_bytes, len(data))
            if reason:
                report.rejected.append((name, reason))
                continue
            accepted += 1
            accepted_bytes += len(data)
            # one folder per file: two uploads with the same name don't overwrite each other here
            folder = Path(tmp) / str(i)
            folder.mkdir()
            path = folder / name
            path.write_bytes(data)
            prefix = str(path)

            def rename(p: str, prefix: str = prefix, name: str = name) -> str:
                return UPLOAD_PREFIX + name + p[len(prefix) :] if p.startswith(prefix) else p

            items = read_paths(
                [path], published=published, language=_language(language), source=source, max_bytes=max_bytes
            )
            report.merge(ingest_items(store, items, rename=rename))
    # the user knows their files by name: "feed.jsonl#2", not the stored "upload/feed.jsonl#2"
    report.rejected = [(n.removeprefix(UPLOAD_PREFIX), r) for n, r in report.rejected]
    report.warnings = [(n.removeprefix(UPLOAD_PREFIX), r) for n, r in report.warnings]
    if progress:
        progress(total, max(total, 1), "done")
    return report


def ingest_pasted(
    store: Store,
    text: str,
    *,
    title: str | None = None,
    published: date | None = None,
    language: str | None = None,
    source: str | None = None,
) -> IngestReport:
    """Extract and store pasted text as one article (path pasted/<id>, so pastes never replace each other)."""
    if not text or not text.strip():
        report = IngestReport()
        report.rejected.append(("pasted text", "the text is empty"))
        return report
    article = read_text(text, title=title or None, published=published, language=_language(language), source=source)
    article = dataclasses.replace(article, path=PASTE_PREFIX + article.article_id)
    return ingest_items(store, [article])


def ingest_web(
    store: Store,
    lines: str,
    *,
    published: date | None = None,
    language: str | None = None,
    progress: Progress | None = None,
    options: FetchOptions | None = None,
) -> IngestReport:
    """Fetch the web pages and feeds given one per line (a feed brings its new items) and store their articles;
    a line that is not an http(s) address is reported, pages already stored are not fetched again."""
    report = IngestReport()
    urls = []
    for line in (raw.strip() for raw in lines.splitlines()):
        if line and is_url(line):
            urls.append(line)
        elif line:
            report.rejected.append((line, "not a web address (http:// or https://)"))
    if urls:
        items = read_web(urls, (), Fetcher(options), language=_language(language), published=published,
                         skip=lambda url: url in store.known_paths([url]))
        report.merge(ingest_items(store, items, progress=progress))
    return report
