"""Command line: python -m events extract|ingest|export|chart."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from events.dashboard import geo, i18n
from events.records import ReadProblem
from events.search import SearchHits, found_text

CHART_NAMES = ("timeline", "counts", "compare", "map", "network")  # events.dashboard.charts.CHARTS (not imported: plotly is slow)
GRANULARITIES = ("auto", "day", "week", "month")  # events.dashboard.periods.GRANULARITIES
PERIOD_CHARTS = ("counts", "compare")  # the charts that count per period: --granularity is theirs
UI_LANGUAGES = i18n.available()  # a chart's words: one per strings file (data/strings/)
EXAMPLES = {
    "extract": "example:\n  python -m events extract seeds/ --metadata data/seeds.metadata.yaml --format table\n"
    "  python -m events extract article.txt --published 2025-09-03 --lang ro",
    "ingest": "example:\n  python -m events ingest data/corpus seeds --metadata data/seeds.metadata.yaml --db data/events.db\n"
    "  python -m events ingest --engine dask articles.parquet feeds/ --out dataset/\n"
    "  python -m events ingest --engine dask --scheduler tcp://10.0.0.5:8786 /shared/articles --out /shared/dataset",
    "export": "example:\n  python -m events export --format csv -o events.csv\n"
    "  python -m events export --db data/events.db --format parquet -o events.parquet\n"
    "  python -m events export --dataset dataset/ --unit reports --format jsonl -o reports.jsonl",
    "corrections": "example:\n  python -m events corrections export -o team.jsonl\n"
    "  python -m events corrections apply team.jsonl --db other.db\n"
    "  python -m events corrections list",
    "chart": "example:\n  python -m events chart timeline --actor Russia -o timeline.png\n"
    "  python -m events chart counts --preset slide --no-caption -o counts.png\n"
    "  python -m events chart timeline --from 2025-02-01 --to 2025-09-30 --page letter -o timeline.pdf\n"
    "  python -m events chart map --type talks --type summit --from 2025-06-01 -o map.html\n"
    "  python -m events chart map --type air_attack --region ukraine -o strikes.png\n"
    "  python -m events chart network --actor Russia --actor Ukraine --actor-mode all -o network.svg\n"
    "  python -m events chart counts --actor Zelenski --actor Kremlin --search 'negocieri OR \"Casa Albă\"' -o c.pdf\n"
    "  python -m events chart counts --granularity week --min-confidence 0.8 --location-country UKR -o c.png\n"
    "  python -m events chart compare --actor Russia --actor Ukraine --actor Zelenski --granularity month -o cmp.svg",
}


class _UsageError(Exception):
    """Bad arguments: exit code 2."""


def _date_arg(value: str) -> date:
    """argparse type for --published: an ISO date that exists."""
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"invalid date '{value}' (expected YYYY-MM-DD): {exc}") from None


def _confidence_arg(value: str) -> float:
    """argparse type for --min-confidence: a number from 0 to 1."""
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError(f"invalid confidence '{value}' (expected a number from 0 to 1, such as 0.7)")
    return number


def _jobs_arg(value: str) -> int:
    """argparse type for --jobs: a count of processes, 0 for one per core."""
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"invalid count '{value}' (expected 0 for one per core, or 1, 2, ...)")
    return int(value)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m events",
        description="Extract diplomatic events (talks, summits, air attacks) from news articles.",
        epilog="Run 'python -m events COMMAND --help' for a command's options and an example.",
    )
    sub = p.add_subparsers(dest="command", required=True)

    def add_input_options(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or folders (.txt .md .html .json .jsonl), or web pages (http/https URLs)")
        sp.add_argument("--feed", action="append", default=[], metavar="URL",
                        help="an RSS or Atom feed: its items' pages are read (may be given several times)")
        sp.add_argument("--fetch-interval", type=float, default=1.0, metavar="S",
                        help="seconds between two requests to one web site (default 1)")
        sp.add_argument("--fetch-timeout", type=float, default=20.0, metavar="S",
                        help="seconds allowed to fetch one page (default 20)")
        sp.add_argument("--published", type=_date_arg, help="publication date for articles without one")
        sp.add_argument("--lang", choices=["auto", "ro", "en"], default="auto", help="article language")
        sp.add_argument("--metadata", type=Path, help="manifest (csv/yaml/json) with per-file metadata")
        sp.add_argument("--jobs", type=_jobs_arg, default=0, metavar="N",
                        help="processes that extract (default 0: one per core; inputs under 16 articles use one)")

    fmt = argparse.RawDescriptionHelpFormatter
    ex = sub.add_parser("extract", help="print the events of articles", epilog=EXAMPLES["extract"], formatter_class=fmt)
    add_input_options(ex)
    ex.add_argument("--format", choices=["jsonl", "csv", "table"], default="jsonl")
    ing = sub.add_parser("ingest", help="add articles and their events to the store", epilog=EXAMPLES["ingest"],
                         formatter_class=fmt)
    add_input_options(ing)
    ing.add_argument("--db", type=Path, help="store file (default data/events.db)")
    ing.add_argument("--quiet", action="store_true", help="no progress bar")
    ing.add_argument("--no-snapshot", action="store_true",
                     help="leave the dashboard's snapshot of the store stale (the dashboard rebuilds it at its next "
                          "start); for a series of ingests, all but the last. dask: do not write the dashboard's index "
                          "beside the dataset (its first open builds it)")
    ing.add_argument("--engine", choices=["local", "dask"], default="local",
                     help="local (default): processes of this machine into the store; dask: a Dask cluster into a "
                          "Parquet dataset (--out), also from tables of articles (.parquet or .jsonl with a text column)")
    ing.add_argument("--scheduler", metavar="ADDRESS",
                     help="dask: the scheduler of an existing cluster (tcp://host:8786); default: a local cluster of "
                          "--jobs worker processes")
    ing.add_argument("--out", type=Path, metavar="DATASET",
                     help="dask: the folder of the Parquet dataset to write (new or empty): events/ and articles/, "
                          "partitioned by publication month")
    exp = sub.add_parser("export", help="write the stored events", epilog=EXAMPLES["export"], formatter_class=fmt)
    exp.add_argument("--db", type=Path, help="store file (default data/events.db)")
    exp.add_argument("--dataset", type=Path, metavar="DATASET",
                     help="read a Parquet dataset of `ingest --engine dask` instead of a store (default: "
                          "$EVENTS_DATASET when set and --db is not given)")
    exp.add_argument("--format", choices=["csv", "jsonl", "parquet"], required=True)
    exp.add_argument("-o", "--output", type=Path, help="output file (default: standard output; required for parquet)")
    exp.add_argument("--unit", choices=["events", "reports"], default="events",
                     help="one row per event across articles with its event_id, n_reports, n_sources, first_reported "
                          "and status_history (default), or one per article's report with its event_id")
    co = sub.add_parser("corrections", help="the analysts' corrections: list, export, apply to another store",
                        epilog=EXAMPLES["corrections"], formatter_class=fmt)
    co.add_argument("action", choices=["list", "export", "apply"])
    co.add_argument("file", nargs="?", type=Path, help="apply: the corrections file (JSON lines, from export)")
    co.add_argument("--db", type=Path, help="store file (default data/events.db)")
    co.add_argument("-o", "--output", type=Path, help="export: output file (default: standard output)")
    ch = sub.add_parser("chart", help="draw a chart of the stored events (png/svg/pdf/html)", epilog=EXAMPLES["chart"],
                        formatter_class=fmt)
    ch.add_argument("chart", choices=list(CHART_NAMES), help="which chart; compare: events per period of up to 6 "
                    "actors, the --actor ones (default: the 6 with the most events)")
    ch.add_argument("-o", "--output", type=Path, required=True, help="output file: .png .svg .pdf or .html")
    ch.add_argument("--db", type=Path, help="store file (default data/events.db)")
    ch.add_argument("--actor", action="append", default=[], metavar="NAME",
                    help="only events with this actor, by any name the gazetteer knows: Zelenski, Kremlin (repeat)")
    ch.add_argument("--actor-mode", choices=["any", "all"], default="any", help="with any (default) or all of the actors")
    ch.add_argument("--country", action="append", default=[], metavar="ISO3", help="an actor from this country (repeat)")
    ch.add_argument("--type", action="append", default=[], metavar="TYPE", help="talks, summit, air_attack (repeat)")
    ch.add_argument("--status", action="append", default=[], metavar="STATUS", help="occurred, planned, cancelled (repeat)")
    ch.add_argument("--from", dest="date_from", type=_date_arg, metavar="DATE", help="first day (YYYY-MM-DD)")
    ch.add_argument("--to", dest="date_to", type=_date_arg, metavar="DATE", help="last day (YYYY-MM-DD)")
    ch.add_argument("--lang", action="append", default=[], metavar="LANG", help="article language (repeat)")
    ch.add_argument("--source", action="append", default=[], metavar="NAME", help="publisher (repeat)")
    ch.add_argument("--place", action="append", default=[], metavar="NAME",
                    help="where it took place, or the place hit: Kyiv, Istanbul (repeat)")
    ch.add_argument("--location-country", action="append", default=[], metavar="ISO3",
                    help="where it happened: the place's country, not the actors' (repeat)")
    ch.add_argument("--min-confidence", type=_confidence_arg, default=0.0, metavar="X",
                    help="only events whose confidence is at least X (0-1)")
    ch.add_argument("--search", default="", metavar="TEXT",
                    help='words in the title, text or evidence sentence (word starts; "a phrase"; AND, OR, NOT)')
    ch.add_argument("--unit", choices=["events", "reports"], default="events",
                    help="count events across articles (default) or every article's report of them")
    ch.add_argument("--lanes", choices=["type", "actor"], default="type", help="timeline: one lane per type or actor")
    ch.add_argument("--granularity", choices=list(GRANULARITIES), metavar="{auto,day,week,month}",
                    help="counts and compare: one bar or point per day, week (from Monday) or month; auto (default) "
                         "chooses by the events' span")
    ch.add_argument("--region", choices=list(geo.REGIONS), metavar="REGION",
                    help=f"map: the view, one of {', '.join(geo.REGIONS)} (default: data, where most events are)")
    ch.add_argument("--scale", type=float, help="image pixels per chart pixel (default 2, or the preset's)")
    ch.add_argument("--preset", choices=["slide", "column", "page"],
                    help="size for a slide (1920x1080), a report column (900x600 at 2x) or a full page (A4/Letter "
                         "landscape at 2x); --width/--height/--scale override it (default: the chart's own size)")
    ch.add_argument("--width", type=int, metavar="PX", help="chart width in pixels")
    ch.add_argument("--height", type=int, metavar="PX", help="chart height in pixels (the caption takes room from it)")
    ch.add_argument("--page", choices=["a4", "letter"], default="a4", help="PDF paper, landscape (default a4)")
    ch.add_argument("--ui-lang", choices=list(UI_LANGUAGES), default="en", metavar="{" + ",".join(UI_LANGUAGES) + "}",
                    help="language of the chart's words and caption (default en; --lang filters the articles' language)")
    ch.add_argument("--no-caption", dest="caption", action="store_false",
                    help="no caption under the chart (filters, counts, sources, date made)")
    return p


def _report(problems: list[ReadProblem], err: TextIO) -> None:
    for pr in problems:
        print(f"{pr.path}: {pr.message}", file=err)


def _is_failure(pr: ReadProblem) -> bool:
    """Warnings (an article read without a date) are reported but are not failures."""
    return not pr.message.startswith("warning")


def _inputs(args: argparse.Namespace, lang: str | None, *, skip_urls: Callable[[str], bool],
            skip_files: Sequence[Path] = ()) -> Iterator[Any]:
    """The articles (and problems) of the files, folders, web pages and feeds given on the command line, read
    lazily."""
    if not args.paths and not args.feed:
        raise _UsageError("give files, folders or URLs to read, or --feed URL")
    return _read_inputs(args, lang, skip_urls, skip_files)


def _read_inputs(args: argparse.Namespace, lang: str | None, skip_urls: Callable[[str], bool],
                 skip_files: Sequence[Path]) -> Iterator[Any]:
    """See _inputs."""
    from events.readers import read_paths
    from events.web import Fetcher, FetchOptions, is_url, read_web

    files = [p for p in args.paths if not is_url(p)]
    if files:
        yield from read_paths(files, published=args.published, language=lang, metadata=args.metadata,
                              skip=skip_files)
    urls = [p for p in args.paths if is_url(p)]
    if urls or args.feed:
        fetcher = Fetcher(FetchOptions(timeout=args.fetch_timeout, host_interval=args.fetch_interval))
        yield from read_web(urls, args.feed, fetcher, language=lang, published=args.published, skip=skip_urls)


def cmd_extract(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print events as jsonl, csv or a table."""
    from events.pipeline import event_row, extract_items
    from events.schema import to_frame

    problems: list[ReadProblem] = []
    rows = []
    lang = None if args.lang == "auto" else args.lang
    for item in extract_items(_inputs(args, lang, skip_urls=lambda url: False), jobs=args.jobs):
        if isinstance(item, ReadProblem):
            problems.append(item)
            continue
        article, evs = item
        for ev in evs:
            row = event_row(article, ev)
            if args.format == "jsonl":
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                rows.append(row)
    if rows:  # jsonl is written as it comes, before any grouping: its event_id stays null
        from events.grouping import set_event_ids

        set_event_ids(rows)
    if args.format == "csv":
        from events.dashboard.tables import frame_csv

        out.write(frame_csv(to_frame(rows)).decode("utf-8"))
    elif args.format == "table":
        df = to_frame(rows)
        if df.empty:
            out.write("no events\n")
        else:
            view = df.assign(
                date=df["date"].dt.strftime("%Y-%m-%d").fillna("?"),
                countries=df["countries"].map(lambda c: "-".join(c)),
                where=df["location_name"].fillna(""),
                title=df["title"].fillna(""),
            )[["event_type", "status", "date", "countries", "where", "title"]]
            out.write(view.to_string(index=False, max_colwidth=40) + "\n")
    _report(problems, err)
    return 1 if any(_is_failure(p) for p in problems) else 0


def cmd_ingest(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Read, extract and store; print a summary."""
    if args.engine == "dask":
        return _ingest_dask(args, out, err)
    for option, given in (("--out", args.out), ("--scheduler", args.scheduler)):
        if given is not None:
            raise _UsageError(f"{option} is for --engine dask (the local engine writes the store, --db)")
    from tqdm import tqdm

    from events.ingest import ingest_items
    from events.store import DEFAULT_DB, Store, store_files

    lang = None if args.lang == "auto" else args.lang
    bar = tqdm(desc="ingest", unit=" articles", disable=args.quiet, file=err)

    def progress(done: int, _total: int, _label: str) -> None:
        bar.update(done - bar.n)  # the folder is read lazily: no total, a count

    db = args.db or DEFAULT_DB
    with Store(db) as store:
        known = store.known_paths
        items = _inputs(args, lang, skip_urls=lambda url: url in known([url]), skip_files=store_files(db))
        report = ingest_items(store, items, progress=progress, jobs=args.jobs)
        if not args.no_snapshot and (report.new or report.replaced):
            _refresh_snapshot(store, "ingest", err)
    bar.close()
    for path, message in report.warnings:
        print(f"{path}: warning: {message}", file=err)
    for path, message in report.rejected:
        print(f"{path}: {message}", file=err)
    print(
        f"{report.new} new, {report.replaced} replaced, {report.unchanged} unchanged, "
        f"{len(report.rejected)} failed articles; {report.events_added} events added",
        file=out,
    )
    return 1 if report.rejected else 0


def _ingest_dask(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Read and extract on a Dask cluster into a Parquet dataset; print a summary."""
    from events.web import is_url

    if args.out is None:
        raise _UsageError("--engine dask writes a Parquet dataset: give its folder with --out DATASET")
    if args.db is not None:
        raise _UsageError("--engine dask writes a dataset (--out), not a store: --db does not apply")
    if args.feed or any(is_url(p) for p in args.paths):
        raise _UsageError("--engine dask reads files and tables; web pages and feeds are read by the local engine")
    if not args.paths:
        raise _UsageError("give files or folders to read")
    from tqdm import tqdm

    from events import dask_ingest

    lang = None if args.lang == "auto" else args.lang
    bar = tqdm(desc="ingest", unit=" articles", disable=args.quiet, file=err)
    try:
        report = dask_ingest.ingest_dataset(args.paths, args.out, scheduler=args.scheduler, workers=args.jobs,
                                            metadata=args.metadata, published=args.published, language=lang,
                                            progress=lambda done: bar.update(done - bar.n))
    except dask_ingest.DatasetExistsError as exc:
        raise _UsageError(str(exc)) from None
    except OSError as exc:  # the scheduler cannot be reached, the folder cannot be made
        print(f"python -m events ingest: {exc}", file=err)
        return 1
    finally:
        bar.close()
    for path, message in report.warnings:
        print(f"{path}: warning: {message}", file=err)
    for path, message in report.rejected:
        print(f"{path}: {message}", file=err)
    again = f", {report.duplicates} read again (kept once)" if report.duplicates else ""
    print(f"{report.articles} articles and {report.events} events written to {args.out} ({report.months} months)"
          f"{again}; {len(report.rejected)} failed inputs", file=out)
    if not args.no_snapshot and report.events:
        _prepare_dataset(args.out, err)
    return 1 if report.rejected else 0


def _prepare_dataset(folder: Path, err: TextIO) -> None:
    """Write the dashboard's index and per-day cube beside a new dataset (its first open then reads them); a failure
    is said and the command goes on."""
    from events.dashboard import duck_charts

    try:
        duck_charts.prepare(folder)
    except Exception as exc:  # the dataset is written whatever goes wrong here: the page builds its index
        print(f"python -m events ingest: the dashboard's index could not be written beside {folder} ({exc}); the "
              "dashboard will build it when it first opens the dataset", file=err)


def _refresh_snapshot(store: Any, command: str, err: TextIO) -> None:
    """Write the dashboard's snapshot of the store as it is now (its next start then maps it instead of reading
    the store); a failure is said and the command goes on."""
    from events.dashboard import data

    if data.write_snapshot(store) is None and not store.memory:
        print(f"python -m events {command}: the dashboard's snapshot could not be written beside {store.path}; "
              "the dashboard will read the store instead", file=err)


def cmd_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write the stored events (or a dataset's) as csv, jsonl or parquet, a chunk of whole events at a time."""
    from events import exports
    from events.store import DEFAULT_DB, Store

    if args.dataset is not None and args.db is not None:
        raise _UsageError("give --db (a store) or --dataset (a Parquet dataset), not both")
    if args.format == "parquet" and args.output is None:
        raise _UsageError("--format parquet needs -o FILE")
    dataset = args.dataset or (None if args.db else os.environ.get("EVENTS_DATASET") or None)
    if dataset is not None:
        return _export_dataset(Path(dataset), args, out, err)
    db = args.db or DEFAULT_DB
    if not Path(db).exists():
        print(f"{db}: no such store (run 'python -m events ingest PATH' first)", file=err)
        return 1
    with Store(db, readonly=True) as store:
        written = _export_to(args, out, err, lambda sink: exports.write(store, args.format, args.unit, sink))
    _report_orphans(written.orphans, "export", err)
    return 0


def _export_dataset(dataset: Path, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write a Parquet dataset's reports or events as csv, jsonl or parquet, a chunk of whole events at a time."""
    from events import exports

    if not (dataset / "events").is_dir():
        print(f"{dataset}: not a dataset of 'python -m events ingest --engine dask' (no events/ folder)", file=err)
        return 1
    _export_to(args, out, err, lambda sink: exports.write_dataset(dataset, args.format, args.unit, sink))
    return 0


def _export_to(args: argparse.Namespace, out: TextIO, err: TextIO, write: Callable[[Any], Any]) -> Any:
    """What `write(sink)` wrote, to -o FILE (and said so) or to standard output."""
    if args.output is None:
        return write(lambda data: out.write(data.decode("utf-8")))
    with args.output.open("wb") as fh:
        written = write(fh)
    print(f"{written.rows} {args.unit} written to {args.output}", file=err)
    return written


def _tables(store: Any) -> tuple[Any, Any, tuple[Any, ...]]:
    """(reports, events, orphan corrections) of a store, its analysts' corrections applied."""
    from events.event_table import corrected_tables

    return corrected_tables(store.events_frame(), store.corrections())


def _report_orphans(orphans: Sequence[Any], command: str, err: TextIO) -> None:
    """Say which corrections name reports the store no longer has (never dropped in silence)."""
    for c in orphans:
        print(f"python -m events {command}: correction {c.correction_id} ({c.action} of report {c.anchor}) names a "
              "report no longer in the store: not applied", file=err)


def cmd_corrections(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """List the corrections, export them as JSON lines, or apply a file of them to the store."""
    from events import corrections as corr
    from events.store import DEFAULT_DB, Store

    db = args.db or DEFAULT_DB
    if args.action == "apply":
        if args.file is None:
            raise _UsageError("apply needs the corrections file")
        try:
            made = corr.from_jsonl(args.file.read_text(encoding="utf-8"), str(args.file))
        except OSError as exc:
            print(f"{args.file}: cannot read ({exc.strerror})", file=err)
            return 1
        except corr.CorrectionError as exc:
            print(str(exc), file=err)
            return 1
        with Store(db) as store:
            added, known = store.import_corrections(made)
            from events.dashboard import data

            orphans = data.load_tables(store).orphans  # (writes the dashboard's snapshot too)
        print(f"{added} corrections added, {known} already in {db}", file=out)
        _report_orphans(orphans, "corrections", err)
        return 0
    if not Path(db).exists():
        print(f"{db}: no such store (run 'python -m events ingest PATH' first)", file=err)
        return 1
    with Store(db, readonly=True) as store:
        stored = store.corrections()
    if args.action == "export":
        text = corr.to_jsonl(stored)
        if args.output:
            args.output.write_text(text, encoding="utf-8")
            print(f"{len(stored)} corrections written to {args.output}", file=err)
        else:
            out.write(text)
        return 0
    for c in stored:
        what = f"{c.field} = {json.dumps(c.value, ensure_ascii=False)}" if c.action == "set" else c.action
        other = f" + {c.other}" if c.other else ""
        undone = f" (undone {c.undone_at} by {c.undone_by})" if c.undone_at else ""
        print(f"{c.correction_id}\t{c.at}\t{c.who}\treport {c.anchor}{other}: {what}{undone}", file=out)
    return 0


def cmd_chart(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Draw one chart of the stored events, after filters, to an image or HTML file."""
    from events.dashboard import caption, charts, export, units
    from events.dashboard import filters as flt
    from events.dashboard.charts import compare
    from events.store import DEFAULT_DB, Store

    try:
        fmt = export.format_for_path(args.output)
    except ValueError as exc:
        raise _UsageError(str(exc)) from None
    if args.region is not None and args.chart != "map":
        raise _UsageError(f"--region draws the map only, not the {args.chart}")
    if args.scale is not None and not 0 < args.scale <= 10:
        raise _UsageError(f"--scale must be between 0 and 10, not {args.scale}")
    for name in ("width", "height"):
        px = getattr(args, name)
        if px is not None and not 100 <= px <= 10_000:
            raise _UsageError(f"--{name} must be between 100 and 10000 pixels, not {px}")
    if args.granularity is not None and args.chart not in PERIOD_CHARTS:
        raise _UsageError(f"--granularity is for the {' and '.join(PERIOD_CHARTS)} charts, not {args.chart}")
    db = args.db or DEFAULT_DB
    if not Path(db).exists():
        print(f"{db}: no such store (run 'python -m events ingest PATH' first)", file=err)
        return 1
    # the same validation as the dashboard's URL: actors by any name the gazetteer knows, others case- and
    # accent-insensitively
    params = {
        "actor": args.actor, "actor_mode": args.actor_mode, "country": args.country, "type": args.type,
        "status": args.status, "lang": args.lang, "source": args.source, "q": args.search,
        "place": args.place, "loc_country": args.location_country,
        "min_conf": str(args.min_confidence) if args.min_confidence else None,
        "from": args.date_from.isoformat() if args.date_from else None,
        "to": args.date_to.isoformat() if args.date_to else None,
    }  # fmt: skip
    with Store(db, readonly=True) as store:
        reports, events, orphans = _tables(store)
        _report_orphans(orphans, "chart", err)
        df = flt.prepare(events if args.unit == "events" else reports)
        read = flt.read_query_params({k: v for k, v in params.items() if v}, df)
        if read.ignored:
            # the dashboard ignores a bad URL value with a notice; on the command line it is an error, named the same way
            raise _UsageError(" ".join(n.removeprefix("Ignored ") for n in read.ignored))
        filters = read.filters
        hits = store.search(filters.text) if filters.text else None
    # an event is found when any of its reports is; the messages below say what the search itself found
    row_hits = units.event_hits(reports, df, hits) if hits is not None and args.unit == "events" else hits
    for note in read.notes:
        print(f"python -m events chart: {note}", file=err)
    if filters.text and hits is None:
        print(f"python -m events chart: {db} has no full-text index yet, so only the evidence sentences were searched "
              "(the index is built once when the store is opened for writing: by ingest or the dashboard)", file=err)
    elif hits is not None and hits.notice:
        print(f"python -m events chart: {hits.notice}", file=err)
    if args.chart == "compare" and len(filters.actors) > compare.MAX_COMPARED:
        raise _UsageError(f"compare draws at most {compare.MAX_COMPARED} actors; --actor named {len(filters.actors)}: "
                          + ", ".join(filters.actors))
    sel = flt.apply(df, filters, row_hits)
    fig = charts.build(sel, args.chart, lang=args.ui_lang, **_chart_options(args, filters))
    behind = units.reports_of(reports, sel) if args.unit == "events" else None
    cap = caption.caption(filters, sel, lang=args.ui_lang, reports=behind) if args.caption else None
    try:
        data = export.figure_file(fig, fmt, caption=cap, preset=args.preset, width=args.width, height=args.height,
                                  scale=args.scale, page=args.page, lang=args.ui_lang)
    except export.ImageExportUnavailable as exc:
        print(f"python -m events chart: cannot write {fmt.upper()}: {exc}", file=err)
        print("HTML needs no browser: use -o FILE.html", file=err)
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    what = flt.to_query_params(filters)
    shown = ", ".join(f"{k}={'+'.join(v) if isinstance(v, list) else v}" for k, v in what.items()) or "no filters"
    found = f"; the search matched {_found(hits)}" if hits is not None and hits.searched else ""
    print(f"{args.chart} chart of {len(sel)} {args.unit} ({shown}) written to {args.output}{found}", file=err)
    return 0


def _chart_options(args: argparse.Namespace, filters: object) -> dict[str, object]:
    """The builder's own options: the timeline's lanes, the map's region; the granularity; the compared actors (the
    --actor ones)."""
    if args.chart == "timeline":
        return {"lanes": args.lanes}
    if args.chart == "map":
        return {"region": args.region or geo.DEFAULT_REGION}
    options: dict[str, object] = {}
    if args.chart in PERIOD_CHARTS:
        options["granularity"] = args.granularity or "auto"
    if args.chart == "compare":
        options["actors"] = list(getattr(filters, "actors", ())) or None
    return options


def _found(hits: SearchHits) -> str:
    """'3 articles (title or text) and 5 evidence sentences'."""
    return found_text(len(hits.articles), len(hits.events))


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Entry point; returns the exit code (0 ok, 1 some inputs failed, 2 usage error)."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = _parser()
    try:
        with contextlib.redirect_stderr(err):
            args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    commands = {"extract": cmd_extract, "ingest": cmd_ingest, "export": cmd_export, "chart": cmd_chart,
                "corrections": cmd_corrections}
    try:
        return commands[args.command](args, out, err)
    except _UsageError as exc:
        print(f"python -m events {args.command}: error: {exc}", file=err)
        return 2
    except BrokenPipeError:
        return 0
