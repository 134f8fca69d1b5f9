"""The page's numbers and tables over the events: the sidebar's options, the filtered selection with its facet counts,
the headline and its metric cards, the events table, the small options table the URL is validated against, and the
rows a panel shows.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import pandas as pd

from events.dashboard import facets, i18n, periods, strings, units
from events.dashboard import filters as flt
from events.dashboard.charts import style, timeline
from events.search import SearchHits

if TYPE_CHECKING:
    from events.ingest import IngestReport


def date_bounds(df: pd.DataFrame) -> tuple[date, date] | None:
    """First and last effective date (event date, else publication date) of the events, or None."""
    col = flt.effective_dates(df)
    col = col.dropna()
    if col.empty:
        return None
    return col.min().date(), col.max().date()


def headline(df: pd.DataFrame, distinct: tuple[int, int] | None = None) -> dict[str, Any]:
    """filters.summary's numbers (types in display order) plus articles; set-based, so ~3x faster per rerun.

    `distinct`: the numbers of distinct actors and countries when the caller has counted them already (the facet
    index's counts of the rows kept), which spares splitting every row's keys.
    """
    if not flt.is_prepared(df):
        df = flt.prepare(df)
    counts = df["event_type"].value_counts()
    eff = df[flt.EFFECTIVE_DATE]
    lo, hi = (eff.min(), eff.max()) if len(df) else (None, None)
    return {
        "unit": units.unit_of(df),
        "events": len(df),
        "by_type": {t: int(counts[t]) for t in style.type_order(counts.index)},
        "actors": _distinct(df[flt.ACTORS_KEY]) if distinct is None else distinct[0],
        "countries": _distinct(df[flt.COUNTRIES_KEY]) if distinct is None else distinct[1],
        "date_min": None if lo is None or pd.isna(lo) else lo.date(),
        "date_max": None if hi is None or pd.isna(hi) else hi.date(),
        "undated": int(df["date"].isna().sum()),
        "articles": int(df["article_id"].nunique()),
    }


def _distinct(keys: pd.Series) -> int:
    """Distinct elements of the filters' joined keys ("\x1fRussia\x1fUkraine\x1f"), split and counted in Arrow."""
    import pyarrow as pa
    import pyarrow.compute as pc

    parts = pc.list_flatten(pc.split_pattern(pa.array(keys.array), flt.SEP))
    return int(pc.count_distinct(parts.filter(pc.not_equal(parts, ""))).as_py())


def options_frame(options: Mapping[str, Sequence[tuple[str, int]]]) -> pd.DataFrame:
    """A tiny table holding each distinct actor/country/type/... once: filters.from_query_params
    validates against it as against the whole table (which at 1M events takes seconds to scan)."""
    cols = {
        "actors": [[{"name": a}] for a, _ in options.get("actors", [])],
        "countries": [[c] for c, _ in options.get("countries", [])],
        "event_type": [t for t, _ in options.get("types", [])],
        "status": [v for v, _ in options.get("statuses", [])],
        "language": [v for v, _ in options.get("languages", [])],
        "source": [v for v, _ in options.get("sources", [])],
        "location_name": [v for v, _ in options.get("places", [])],
        "location_country": [v for v, _ in options.get("location_countries", [])],
    }
    n = max([len(v) for v in cols.values()] + [0])
    pad = {"actors": [], "countries": []}
    data = {k: v + [pad.get(k)] * (n - len(v)) for k, v in cols.items()}
    out = pd.DataFrame({k: pd.Series(v, dtype="object") for k, v in data.items()})
    for k in ("event_type", "status", "language", "source", "location_name", "location_country"):
        out[k] = out[k].astype("str").where(out[k].notna(), None)
    return out


def _names_text(names: object) -> str:
    """'Vladimir Putin, Donald Trump' from a tuple of names."""
    return ", ".join(names) if isinstance(names, tuple | list) else ""


TABLE_COLUMNS = (
    "date", "event_type", "status", "actors", "countries", "location_name", "sentence",
    "confidence", "date_text", "source", "published", "title", "language", "event_id", "report_id", "article_id",
)  # fmt: skip


# the columns the events table is made of (table_frame): the rest of a row is never read for it
TABLE_SOURCES = (
    "date", "event_type", "status", flt.ACTOR_NAMES, "countries", "location_name", "sentence", "confidence",
    "date_text", "source", "published", "title", "path", "language", "event_id", "report_id", "article_id",
    "n_reports",
)  # fmt: skip


def table_frame(df: pd.DataFrame, limit: int | None = None, lang: str = i18n.DEFAULT) -> pd.DataFrame:
    """The filtered events as the dashboard shows them: readable actors/countries, types and statuses in the page's
    language, newest first (at most `limit` rows: the newest). Exports keep the stored codes (events.dashboard.tables).
    """
    if not flt.is_prepared(df):
        df = flt.prepare(df)
    return table_of(df, _newest_first(df[flt.EFFECTIVE_DATE], limit), lang)


def rows_table_frame(rows: Rows, limit: int | None = None, lang: str = i18n.DEFAULT) -> pd.DataFrame:
    """`table_frame(rows.frame(), limit, lang)` without copying the rows: only the newest `limit` are taken."""
    order = _newest_first(rows.column(flt.EFFECTIVE_DATE), limit)
    return table_of(rows.df, order if rows.positions is None else rows.positions[order], lang)


def _newest_first(eff: pd.Series, limit: int | None) -> np.ndarray:
    """Positions of the rows by effective date, newest first (ties in row order), at most `limit`."""
    order = np.argsort(-eff.to_numpy(dtype="datetime64[s]").astype("int64"), kind="stable")
    return order if limit is None else order[:limit]


def table_of(df: pd.DataFrame, positions: np.ndarray, lang: str) -> pd.DataFrame:
    """The table of df's rows at `positions`, in that order (df prepared)."""
    tr = i18n.strings(lang)
    # the rows are cut first (the text columns below cost ~1 µs per row), from the columns read only: the others'
    # pages of a memory-mapped table are then never touched
    df = df[[c for c in TABLE_SOURCES if c in df.columns]].take(positions)
    out = pd.DataFrame(
        {
            "date": df["date"],
            "event_type": df["event_type"].map(tr.type_name, na_action="ignore"),
            "status": df["status"] if lang == i18n.DEFAULT else df["status"].map(tr.status_name, na_action="ignore"),
            "actors": df[flt.ACTOR_NAMES].map(_names_text).astype("str"),
            "countries": df["countries"].map(_names_text).astype("str"),
            "location_name": df["location_name"],
            "sentence": df["sentence"],
            "confidence": df["confidence"],
            "date_text": df["date_text"],
            "source": df["source"],
            "published": df["published"],
            "title": df["title"].fillna(df["path"]),
            "language": df["language"],
            "event_id": df["event_id"],
            "report_id": df["report_id"],
            "article_id": df["article_id"],
        },
    )
    if "n_reports" in df.columns:  # a table of events: how many reports each stands for
        out.insert(out.columns.get_loc("status") + 1, "n_reports", df["n_reports"].to_numpy())
    return out.reset_index(drop=True)


# ---------------------------------------------------------------- the page's selection and headline


# the sidebar's option lists -> the facet each one's counts come from
OPTION_FACETS = {"actors": "actors", "countries": "countries", "types": "event_types", "statuses": "statuses",
                 "languages": "languages", "sources": "sources", "places": "places",
                 "location_countries": "location_countries"}


def sidebar_options(df: pd.DataFrame, index: facets.FacetIndex | None = None) -> dict[str, Any]:
    """Filter choices with counts, the date span and the unfiltered headline (once per store version).

    With the table's facet index (`facets.build_index`) the counts are its codes counted over every row: the
    same lists (a test compares them) in a bincount each rather than a pass over every row's values (~1.5 s at 1M).
    """
    distinct = None
    if index is not None and index.n_rows == len(df):
        everything = np.ones(len(df), dtype=bool)
        options = {key: ranked_counts(facets.value_counts(index, facet, everything))
                   for key, facet in OPTION_FACETS.items()}
        distinct = (len(options["actors"]), len(options["countries"]))
    else:
        options = {
            "actors": flt.actor_options(df),
            "countries": flt.country_options(df),
            "types": flt.type_options(df),
            "statuses": flt.status_options(df),
            "languages": flt.language_options(df),
            "sources": flt.source_options(df),
            "places": flt.place_options(df),
            "location_countries": flt.location_country_options(df),
        }
    return {**options, "bounds": date_bounds(df), "headline": headline(df, distinct)}


def ranked_counts(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    """(value, count) of the values with any, most frequent first, then by value (as the filters' options)."""
    return sorted(((v, n) for v, n in counts.items() if n), key=lambda kv: (-kv[1], kv[0]))


# Columns no chart reads (events.dashboard.charts), and those only the timeline's hover texts read (which it takes for
# the few events it draws one by one): the charts' copy of the filtered rows leaves them out. They are the widest
# (the folded search text, the sentences, paths, titles, ids), and the rows are copied on every filter change: at 1M
# events the copy takes ~0.05 s without them instead of ~0.2 s, and their memory-mapped pages stay unread.
UNCHARTED = (
    flt.TEXT_KEY, flt.ACTORS_KEY, flt.COUNTRIES_KEY, flt.UNDATED, "url", "path", "title", "article_id", "language",
    "attributed_to", "location_country", "confidence", "start", "end", "report_ids", "planned_dates", "first_reported",
    "last_reported", "corrected", *timeline.HOVER_COLUMNS,
)  # fmt: skip


class Rows:
    """The rows of the page's shared table that the filters keep, copied only when (and as far as) a view needs them.

    A rerun whose charts come from the cache copies nothing; one that draws copies the charts' columns only.
    """

    def __init__(self, df: pd.DataFrame, positions: np.ndarray | None) -> None:
        self.df = df  # the shared (read-only) table
        self.positions = positions  # the rows kept, in order; None: every row
        self._frames: dict[str, pd.DataFrame] = {}

    def __len__(self) -> int:
        return len(self.df) if self.positions is None else len(self.positions)

    @property
    def everything(self) -> bool:
        """True when nothing is filtered out (the frames are then the shared table itself)."""
        return self.positions is None

    def frame(self) -> pd.DataFrame:
        """The rows with every column (as `filters.select` gives them)."""
        if "all" not in self._frames:
            self._frames["all"] = self.df if self.positions is None else self.df.take(self.positions)
        return self._frames["all"]

    def chart_frame(self) -> pd.DataFrame:
        """The rows with the columns the charts read (every column but `UNCHARTED`)."""
        if self.positions is None:
            return self.df
        if "charts" not in self._frames:
            source = self._frames.get("all", self.df)
            columns = [c for c in source.columns if c not in UNCHARTED]
            self._frames["charts"] = source[columns] if "all" in self._frames else source[columns].take(self.positions)
        return self._frames["charts"]

    def details(self, positions: np.ndarray) -> pd.DataFrame:
        """The rows at these positions among the rows kept, with every column (`timeline.timeline`'s `details`)."""
        return self.df.take(positions if self.positions is None else self.positions[positions])

    def column(self, name: str) -> pd.Series:
        """One column of the rows."""
        return self.df[name] if self.positions is None else self.df[name].take(self.positions)

    def forget(self) -> None:
        """Let go of the copies made (a big selection's memory goes back before the next rerun)."""
        self._frames.clear()


class Selection(NamedTuple):
    """The events matching the filters, and the sidebar's facet counts (None: nothing filtered, the store's own)."""

    rows: Rows
    counts: dict[str, dict[str, int]] | None
    actor_counts: dict[str, int]  # events per actor among the rows kept
    distinct: tuple[int, int] | None = None  # distinct actors and countries among the rows kept (None: not counted)

    @property
    def sel(self) -> pd.DataFrame:
        """The rows kept, every column (the shared frame itself when nothing is filtered)."""
        return self.rows.frame()


def filtered(df: pd.DataFrame, f: flt.Filters, hits: SearchHits | None, actor_options: Sequence[tuple[str, int]],
             index: Callable[[], facets.FacetIndex]) -> Selection:
    """The events matching f (the shared frame itself when nothing is filtered) and the facet counts.

    Each filter's row mask is made once: the selection keeps the rows all of them keep, each facet counts the rows
    all the others keep. `actor_options` are the store's actors with their counts (`flt.actor_options`), `index`
    gives the store's facet index (asked for only when something is filtered).
    """
    if f.is_empty():
        return Selection(Rows(df, None), None, dict(actor_options))
    coded = index()
    by_codes = functools.partial(facets.facet_mask, coded) if coded.n_rows == len(df) else None  # the table's own
    masks = flt.masks(df, f, hits, facet_mask=by_codes)
    counts = facets.facet_counts(df, f, hits, index=coded, masks=masks)
    keep = flt.combined(len(df), masks.values())
    # a facet without a filter of its own was counted under every mask, i.e. among the rows kept: not counted again
    actor_counts = counts["actors"] if "actors" not in masks else facets.value_counts(coded, "actors", keep)
    countries = counts["countries"] if "countries" not in masks else facets.value_counts(coded, "countries", keep)
    distinct = (sum(1 for n in actor_counts.values() if n), sum(1 for n in countries.values() if n))
    return Selection(Rows(df, np.flatnonzero(keep)), counts, actor_counts, distinct)


def rows_headline(rows: Rows, distinct: tuple[int, int], articles: int) -> dict[str, Any]:
    """`headline(rows.frame(), distinct)` with its article count given, read from the few columns it needs (the
    shared table's, at the rows' positions) instead of a copy of the rows. The table must be prepared."""
    types = rows.column("event_type")
    counts = types.value_counts()
    eff = rows.column(flt.EFFECTIVE_DATE)
    lo, hi = (eff.min(), eff.max()) if len(rows) else (None, None)
    return {
        "unit": units.unit_of(rows.df),
        "events": len(rows),
        "by_type": {t: int(counts[t]) for t in style.type_order(counts.index)},
        "actors": distinct[0],
        "countries": distinct[1],
        "date_min": None if lo is None or pd.isna(lo) else lo.date(),
        "date_max": None if hi is None or pd.isna(hi) else hi.date(),
        "undated": int(rows.column("date").isna().sum()),
        "articles": articles,
    }


TYPE_METRICS = ("talks", "summit", "air_attack")  # the event types with a metric card of their own


class Metric(NamedTuple):
    """One metric card of the headline."""

    label: str
    value: str
    help: str | None


def metric_cards(s: Mapping[str, Any], lang: str = i18n.DEFAULT) -> list[Metric]:
    """The headline's cards from `headline()`'s numbers: events, one per type, actors, date span (short values,
    the exact numbers in the help)."""
    tr = i18n.strings(lang)
    others = sum(n for t, n in s["by_type"].items() if t not in TYPE_METRICS)

    def num(n: int) -> str:
        return strings.compact_number(n, lang)

    unit = s.get("unit", "events")
    help_events = tr("metric.events_help", events=tr.plural(s["events"], "n.event" if unit == "events" else "n.report"),
                     articles=tr.plural(s["articles"], "n.article"), undated=s["undated"])
    if others:
        help_events += tr("metric.events_help_others", n=others)
    cards = [Metric(tr(f"count_unit.names.{unit}"), num(s["events"]), help_events)]
    for t in TYPE_METRICS:
        n = s["by_type"].get(t, 0)
        cards.append(Metric(tr.type_plural(t), num(n), tr.number(n) if n >= 10_000 else None))
    cards.append(Metric(tr("metric.actors"), num(s["actors"]),
                        tr("metric.actors_help", actors=tr.plural(s["actors"], "n.actor"),
                           countries=tr.plural(s["countries"], "n.country"))))
    year, span = strings.span_parts(s["date_min"], s["date_max"], lang)
    cards.append(Metric(tr("metric.span", year=year).strip(), span,
                        strings.span_text(s["date_min"], s["date_max"], lang)
                        + (tr("metric.span_undated", events=tr.plural(s["undated"], "n.undated_event")) if s["undated"]
                           else "")))
    return cards


def auto_granularity(sel: pd.DataFrame) -> str:
    """The bucket "auto" picks for the filtered events (the granularity control says it: 'Auto (week)')."""
    dates = sel[flt.EFFECTIVE_DATE] if flt.EFFECTIVE_DATE in sel.columns else pd.Series(dtype="datetime64[s]")
    return periods.unit_for(dates, "auto")


def compare_options(chosen: Sequence[str], known: Sequence[str], actor_counts: Mapping[str, int]) -> list[str]:
    """The compared-actors box's options: the chosen ones, then the store's actors, most filtered events first."""
    ranked = sorted(known, key=lambda a: -actor_counts.get(a, 0))
    return [*dict.fromkeys([*chosen, *ranked])]


def report_row(df: pd.DataFrame, report_id: str) -> dict[str, Any] | None:
    """One report's row as a dict, or None when the store no longer has it."""
    rows = df[df["report_id"].to_numpy() == report_id]
    return None if rows.empty else rows.iloc[0].to_dict()


def article_events(df: pd.DataFrame, article_id: str) -> pd.DataFrame:
    """The events of one article."""
    return df[df["article_id"].to_numpy() == article_id]


def progress_share(done: int, total: int) -> float:
    """A progress bar's value: done of total, at most 1 (an empty total counts as one)."""
    return min(done / max(total, 1), 1.0)


def report_level(report: IngestReport) -> str:
    """How an ingest's outcome is shown: 'success' (stored, none rejected), 'warning' (some rejected), else 'info'."""
    return "success" if report.stored and not report.rejected else "warning" if report.rejected else "info"
