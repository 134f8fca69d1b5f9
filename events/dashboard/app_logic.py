"""The dashboard's pure logic: store location and loading, filter widgets <-> Filters, the table view, event
details and the highlighted article reader (HTML, escaped). Reading articles into the store is events.ingest.

Nothing here imports Streamlit: dashboard.py draws, this module decides, the tests call it directly.
"""

from __future__ import annotations

import gc
import hashlib
import html
import math
import os
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from events.dashboard import charts, periods
from events.dashboard import filters as flt
from events.dashboard.actor_names import ActorLookup
from events.search import SearchHits, found_text
from events.store import Store

ROOT = Path(__file__).resolve().parents[2]
ENV_DB = "EVENTS_DB"  # overrides the store location (tests, several stores side by side)
DEFAULT_DB = ROOT / "data" / "events.db"


# ---------------------------------------------------------------- store and first run


def db_path(environ: Mapping[str, str] | None = None) -> Path:
    """The store file: $EVENTS_DB if set, else data/events.db in the project."""
    env = os.environ if environ is None else environ
    value = (env.get(ENV_DB) or "").strip()
    return Path(value).expanduser() if value else DEFAULT_DB


LOAD_CHUNK_ARTICLES = 20_000  # articles per read: bounds the temporary rows SQLite hands back at once
SHARE_ABOVE = 200_000  # events in one read; above this (or with several reads) equal list cells are shared


def load_events(store: Store, *, chunk_articles: int = LOAD_CHUNK_ARTICLES, share_above: int = SHARE_ABOVE) -> pd.DataFrame:
    """The store's events table, prepared for filtering (helper columns added once).

    Big stores are read a chunk of articles at a time (one read of 1M events peaks at 2.8 GB)
    and their repeated actor/country lists are shared between rows (the dashboard's frame is
    read-only): 1M events take ~0.9 GB instead of ~1.9 GB.
    """
    ids = store.articles_frame()["article_id"].tolist()
    if len(ids) <= chunk_articles:  # the usual case: one read
        chunks: list[list[str] | None] = [None]
        share = False  # decided below, once the size is known
    else:
        chunks = [ids[i : i + chunk_articles] for i in range(0, len(ids), chunk_articles)]
        share = True  # more than chunk_articles articles: a big store, where memory matters most
    pool: dict[Any, Any] = _preload_pool(store) if share else {}
    out = []
    for chunk in chunks:  # one chunk's raw rows at a time: they are the bulk of the temporary memory
        part = store.events_frame(article_ids=chunk) if chunk is not None else store.events_frame()
        if chunk is None and len(part) > share_above:
            share = True
        if share:
            part = share_repeated(part, pool)
        prepared = flt.prepare(part)
        del part
        if share:
            prepared[flt.ACTOR_NAMES] = _shared(prepared[flt.ACTOR_NAMES], pool, lambda v: ("names", v))
        out.append(prepared)
    frame = out[0] if len(out) == 1 else pd.concat(out, ignore_index=True)
    if share:
        del out, pool
        _release_memory()
    return frame


def _release_memory() -> None:
    """Hand freed heap pages back to the OS after a big load (glibc keeps them otherwise)."""
    gc.collect()
    trim_memory()


TRIM_ABOVE = 200_000  # events: above this the dashboard hands freed memory back after each run


def trim_memory() -> None:
    """Return the heap pages freed so far to the OS (glibc's malloc_trim; a no-op elsewhere)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (macOS, musl, Windows): nothing to do
        pass


def _preload_pool(store: Store) -> dict[Any, Any]:
    """The distinct actors/countries lists of the store, made before any chunk is read.

    Why: objects kept from the middle of a chunk pin the memory arenas of that chunk's temporary
    rows (1M events: ~750 MB held for ~100k small objects). Made first, they sit together.
    Reads the store's JSON columns directly (read-only); cells it misses are pooled on the fly.
    """
    import json
    import sqlite3

    if store.memory:
        return {}
    pool: dict[Any, Any] = {}
    try:
        con = sqlite3.connect(store.path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            for col in ("actors", "countries", "attributed_to"):
                for (text,) in con.execute(f'SELECT DISTINCT "{col}" FROM events'):
                    value = json.loads(text or "[]")
                    if col == "actors":
                        kept = _actor_list(value, pool)
                        names = flt._actor_names(kept)  # what prepare() will compute for these rows
                        pool.setdefault(("names", names), names)
                    else:
                        pool.setdefault((col, tuple(value)), value)
        finally:
            con.close()
    except (sqlite3.Error, ValueError, OSError):
        return {}
    return pool


def _actors_key(value: Any) -> Any:
    """Hashable identity of an actors cell (a list of dicts)."""
    if not isinstance(value, list | tuple):
        return ("actors", None)
    return ("actors", tuple(tuple(a.items()) if isinstance(a, dict) else a for a in value))


def _shared(values: pd.Series, pool: dict[Any, Any], key: Callable[[Any], Any]) -> pd.Series:
    """The column with equal cells replaced by one shared object each."""
    out = [pool.setdefault(key(v), v) for v in values]
    return pd.Series(out, index=values.index, dtype="object")


def _actor_list(value: Any, pool: dict[Any, Any]) -> Any:
    """One shared list per distinct actors cell, made of one shared dict per distinct actor."""
    key = _actors_key(value)
    hit = pool.get(key)
    if hit is None:
        if isinstance(value, list):
            # keep the first dict seen for each actor: the parsed copies (and their strings) are freed
            value[:] = [pool.setdefault(("actor", tuple(a.items())), a) if isinstance(a, dict) else a for a in value]
        hit = pool[key] = value
    return hit


def _plural(n: int, word: str) -> str:
    """'1 event' / '3 events'."""
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def share_repeated(df: pd.DataFrame, pool: dict[Any, Any] | None = None) -> pd.DataFrame:
    """A copy of the events table whose equal actors/countries/attributed_to cells are one object.

    Only for tables nobody modifies in place (the dashboard's): a change to one shared list would
    show in every row that shares it.
    """
    pool = {} if pool is None else pool
    out = df.copy(deep=False)
    out["actors"] = pd.Series([_actor_list(v, pool) for v in df["actors"]], index=df.index, dtype="object")
    for col in ("countries", "attributed_to"):
        out[col] = _shared(df[col], pool, lambda v, col=col: (col, tuple(v) if isinstance(v, list | tuple) else None))
    return out



# ---------------------------------------------------------------- filters <-> widgets

# Session-state keys of the sidebar widgets, per Filters field
WIDGET_KEYS: dict[str, str] = {
    "actors": "f_actors",
    "actor_mode": "f_actor_mode",
    "countries": "f_countries",
    "event_types": "f_types",
    "statuses": "f_statuses",
    "dates": "f_dates",
    "languages": "f_langs",
    "sources": "f_sources",
    "text": "f_text",
    "places": "f_places",
    "location_countries": "f_loc_countries",
    "min_confidence": "f_min_conf",
}
ACTOR_MODE_LABELS = {"any": "any of them", "all": "all of them"}


def date_bounds(df: pd.DataFrame) -> tuple[date, date] | None:
    """First and last effective date (event date, else publication date) of the events, or None."""
    col = df[flt.EFFECTIVE_DATE] if flt.EFFECTIVE_DATE in df.columns else df["date"].fillna(df["published"])
    col = col.dropna()
    if col.empty:
        return None
    return col.min().date(), col.max().date()


def widget_state(f: flt.Filters, bounds: tuple[date, date] | None) -> dict[str, Any]:
    """Session-state values that make the sidebar widgets show f."""
    lo = f.date_from or (bounds[0] if bounds else None)
    hi = f.date_to or (bounds[1] if bounds else None)
    return {
        WIDGET_KEYS["actors"]: list(f.actors),
        WIDGET_KEYS["actor_mode"]: f.actor_mode,
        WIDGET_KEYS["countries"]: list(f.countries),
        WIDGET_KEYS["event_types"]: list(f.event_types),
        WIDGET_KEYS["statuses"]: list(f.statuses),
        WIDGET_KEYS["dates"]: (lo, hi) if lo and hi else (),
        WIDGET_KEYS["languages"]: list(f.languages),
        WIDGET_KEYS["sources"]: list(f.sources),
        WIDGET_KEYS["text"]: f.text,
        WIDGET_KEYS["places"]: list(f.places),
        WIDGET_KEYS["location_countries"]: list(f.location_countries),
        WIDGET_KEYS["min_confidence"]: float(f.min_confidence),
    }


def filters_from_state(state: Mapping[str, Any], bounds: tuple[date, date] | None) -> flt.Filters:
    """Filters from the sidebar widgets' values; a date range equal to the data's span means no limit."""

    def many(name: str) -> tuple[str, ...]:
        value = state.get(WIDGET_KEYS[name]) or ()
        return tuple(str(v) for v in value)

    date_from = date_to = None
    dates = state.get(WIDGET_KEYS["dates"]) or ()
    if isinstance(dates, date):
        dates = (dates,)
    dates = [d for d in dates if isinstance(d, date)]
    if len(dates) == 2:  # while the user has picked only the first day, the range is not applied yet
        date_from, date_to = sorted(dates)
        if bounds and date_from <= bounds[0]:
            date_from = None
        if bounds and date_to >= bounds[1]:
            date_to = None
    mode = state.get(WIDGET_KEYS["actor_mode"]) or "any"
    return flt.Filters(
        actors=many("actors"),
        actor_mode=mode if mode in flt.ACTOR_MODES else "any",
        countries=many("countries"),
        event_types=many("event_types"),
        statuses=many("statuses"),
        date_from=date_from,
        date_to=date_to,
        languages=many("languages"),
        sources=many("sources"),
        text=str(state.get(WIDGET_KEYS["text"]) or "").strip()[:200],
        places=many("places"),
        location_countries=many("location_countries"),
        min_confidence=_confidence(state.get(WIDGET_KEYS["min_confidence"])),
    )


def _confidence(value: Any) -> float:
    """The slider's value as a minimum confidence: two decimals (its floats carry noise: 0.35000000000000003)."""
    try:
        number = float(value or 0.0)
    except (TypeError, ValueError):
        return 0.0
    return round(number, 2) if 0 < number <= 1 else 0.0


def resolve_typed_actors(
    value: Sequence[str], known: Collection[str], lookup: ActorLookup
) -> tuple[list[str], list[str]]:
    """(the Actors box's values, notes): a name typed into it ("Zelenski", "Kremlin") becomes the actors it stands
    for; one that names none is dropped, and a note says why and what comes closest."""
    out: dict[str, None] = {}
    notes: list[str] = []
    for v in value:
        if v in known:
            out[v] = None
            continue
        found = lookup.resolve(v)
        out.update(dict.fromkeys(found.actors))
        note = found.note() or (found.problem() and "Ignored " + found.problem())
        if note:
            notes.append(note)
    return list(out), notes


def search_caption(hits: SearchHits | None, text: str, events: int) -> str:
    """What the sidebar says under the search box: where the words were found and how many events match."""
    if not text:
        return ""
    shown = f"{events:,} event matches" if events == 1 else f"{events:,} events match"
    if hits is None:
        return f"Searched the evidence sentences only (this store has no full-text index): {shown} the filters."
    if not hits.searched:
        return hits.notice
    found = f"Found in {found_text(len(hits.articles), len(hits.events))}: {shown} the filters."
    return f"{hits.notice} {found}" if hits.notice else found


def query_param_changes(
    current: Mapping[str, Sequence[str]], f: flt.Filters
) -> tuple[dict[str, list[str]], list[str]]:
    """(parameters to set, parameter names to delete) so the URL holds exactly f; other names untouched."""
    wanted = {k: ([v] if isinstance(v, str) else list(v)) for k, v in flt.to_query_params(f).items()}
    to_set = {k: v for k, v in wanted.items() if list(current.get(k, [])) != v}
    to_delete = [k for k in flt.PARAM_NAMES.values() if k in current and k not in wanted]
    return to_set, to_delete


# ---------------------------------------------------------------- chart choices in the URL (not filters)

COMPARE_PARAM = "cmp"  # ?cmp=Russia&cmp=Ukraine: the actors the comparison chart draws (absent: its default)


@dataclass(frozen=True)
class ChartChoices:
    """What the page's charts draw besides the filters: the counts' and comparison's bucket, the compared actors."""

    granularity: str = "auto"
    compared: tuple[str, ...] = ()  # empty: the default (the sidebar's actors, else the 6 with the most events)


def read_chart_params(
    params: Mapping[str, Any], df: pd.DataFrame, lookup: ActorLookup | None = None
) -> tuple[ChartChoices, list[str]]:
    """(choices, notices) from the URL's gran= and cmp=; bad values are ignored with a notice, as filters are."""
    granularity, notices = periods.from_params(params.get(periods.PARAM))
    compared: tuple[str, ...] = ()
    if params.get(COMPARE_PARAM):
        compared, ignored, notes = flt.read_actors(params.get(COMPARE_PARAM), df, lookup)
        notices += [n.replace("Ignored actor", "Ignored compared actor", 1) for n in ignored] + notes
        if len(compared) > charts.MAX_COMPARED:
            extra = compared[charts.MAX_COMPARED:]
            notices.append(f"Ignored compared actors beyond the {charts.MAX_COMPARED}th: {', '.join(extra)}.")
            compared = compared[: charts.MAX_COMPARED]
    return ChartChoices(granularity, compared), notices


def chart_param_changes(
    current: Mapping[str, Sequence[str]], choices: ChartChoices
) -> tuple[dict[str, list[str]], list[str]]:
    """(parameters to set, names to delete) so the URL holds the chart choices; defaults are left out."""
    wanted = {
        periods.PARAM: [choices.granularity] if choices.granularity in periods.UNITS else [],
        COMPARE_PARAM: list(choices.compared),
    }
    to_set = {k: v for k, v in wanted.items() if v and list(current.get(k, [])) != v}
    to_delete = [k for k, v in wanted.items() if not v and k in current]
    return to_set, to_delete


def default_compared(f: flt.Filters, actor_counts: Mapping[str, int]) -> list[str]:
    """The comparison's actors when none are chosen: the sidebar's (up to 6), else the 6 with the most events."""
    if f.actors:
        return list(f.actors[: charts.MAX_COMPARED])
    ranked = sorted((a for a, n in actor_counts.items() if n > 0), key=lambda a: (-actor_counts[a], a))
    return ranked[: charts.MAX_COMPARED]


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


_ESCAPED_COLON_WORD = re.compile(r"\\:(?=[^\W\d_])")


def md_escape(text: str) -> str:
    """Text safe inside Streamlit markdown: no links, emphasis, HTML or :material: icons from user data."""
    escaped = _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")
    # Streamlit makes :material/name: an icon after the markdown is parsed, when "\:" is ":" again: an invisible
    # word joiner after such a colon keeps the characters as they were written
    return _ESCAPED_COLON_WORD.sub("\\:\u2060", escaped)


def safe_url(url: Any) -> str | None:
    """The URL if it is http(s), else None (a javascript: link from an article must never be clickable)."""
    text = _text(url).strip()
    return text if re.match(r"(?i)^https?://[^\s]+$", text) else None


def count_label(value: str, n: int, name: str | None = None) -> str:
    """Option label with its count: 'Russia (1,234)', 'Russia · RUS (12)'."""
    return f"{name or value} ({n:,})"


def facet_label(label: str, n: int) -> str:
    """A multiselect option with its facet count: 'Kyiv (12)', 'Kyiv (0)'.

    Streamlit draws a multiselect's options as plain text and styles none of them alone, so a value the other
    filters leave no event for reads '(0)' and sorts last (`facet_order`) rather than being greyed.
    """
    return f"{label} ({n:,})"


def pill_label(label: str, n: int) -> str:
    """A pill with its facet count, greyed when 0: 'air attack (7)', ':gray[summit (0)]' (pills read Markdown)."""
    text = md_escape(f"{label} ({n:,})")
    return f":gray[{text}]" if n == 0 else text


def facet_order(options: Sequence[tuple[str, int]], counts: Mapping[str, int] | None) -> list[str]:
    """The options, most events among the other filters' events first (store order among equals); with no
    counts (nothing filtered) the store's order."""
    values = [v for v, _ in options]
    if counts is None:
        return values
    rank = {v: i for i, v in enumerate(values)}
    return sorted(values, key=lambda v: (-counts.get(v, 0), rank[v]))


def facet_count(counts: Mapping[str, int] | None, options: Mapping[str, int], value: str) -> int:
    """A value's facet count: the other filters' count, else (nothing filtered) its count in the store."""
    return int(counts.get(value, 0)) if counts is not None else int(options.get(value, 0))


def country_names() -> dict[str, str]:
    """ISO-3 -> English short name, for the country filter's labels."""
    return {iso: name for iso, (_lat, _lon, name) in charts.country_centroids().items()}


# ---------------------------------------------------------------- headline and table


def headline(df: pd.DataFrame) -> dict[str, Any]:
    """filters.summary's numbers (types in display order) plus articles; set-based, so ~3x faster per rerun."""
    if not flt.is_prepared(df):
        df = flt.prepare(df)
    counts = df["event_type"].value_counts()
    eff = df[flt.EFFECTIVE_DATE]
    lo, hi = (eff.min(), eff.max()) if len(df) else (None, None)
    return {
        "events": len(df),
        "by_type": {t: int(counts[t]) for t in charts.type_order(counts.index)},
        "actors": _distinct(df[flt.ACTORS_KEY]),
        "countries": _distinct(df[flt.COUNTRIES_KEY]),
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


def span_text(lo: date | None, hi: date | None) -> str:
    """'15 Aug – 3 Sep 2025', '28 Dec 2024 – 3 Jan 2025', one day, or '—' (short: it sits in a metric card)."""
    if lo is None or hi is None:
        return "—"
    if lo == hi:
        return f"{hi.day} {hi:%b %Y}"
    left = f"{lo.day} {lo:%b}" if lo.year == hi.year else f"{lo.day} {lo:%b %Y}"
    return f"{left} – {hi.day} {hi:%b %Y}"


def span_parts(lo: date | None, hi: date | None) -> tuple[str, str]:
    """(year for the label, span for the value), short enough for a metric card:
    ('2025', '13 Feb – 1 Dec') within a year, ('', 'Jan ’23 – Sep ’25') across years."""
    if lo is not None and hi is not None and lo != hi:
        if lo.year == hi.year:
            return str(hi.year), f"{lo.day} {lo:%b} – {hi.day} {hi:%b}"
        return "", f"{lo:%b} ’{lo:%y} – {hi:%b} ’{hi:%y}"
    return "", span_text(lo, hi)


def compact_number(n: int) -> str:
    """'9,999', '12.3k', '399k', '1.0M': at most six characters, for metric cards."""
    if n < 10_000:
        return f"{n:,}"
    if n < 1_000_000:
        return f"{n / 1000:.1f}k" if n < 100_000 else f"{n / 1000:.0f}k"
    return f"{n / 1e6:.1f}M" if n < 100_000_000 else f"{n / 1e6:.0f}M"


def _names_text(names: object) -> str:
    """'Vladimir Putin, Donald Trump' from a tuple of names."""
    return ", ".join(names) if isinstance(names, tuple | list) else ""


TABLE_COLUMNS = (
    "date", "event_type", "status", "actors", "countries", "location_name", "sentence",
    "confidence", "date_text", "source", "published", "title", "language", "event_id", "article_id",
)  # fmt: skip


def table_frame(df: pd.DataFrame, limit: int | None = None) -> pd.DataFrame:
    """The filtered events as the dashboard shows them: readable actors/countries, newest first
    (at most `limit` rows: the newest)."""
    if not flt.is_prepared(df):
        df = flt.prepare(df)
    eff = df[flt.EFFECTIVE_DATE].to_numpy(dtype="datetime64[s]").astype("int64")
    order = np.argsort(-eff, kind="stable")
    if limit is not None:
        order = order[:limit]
    df = df.iloc[order]  # cut first: the text columns below cost ~1 µs per row
    out = pd.DataFrame(
        {
            "date": df["date"],
            "event_type": df["event_type"].map(charts.type_label, na_action="ignore"),
            "status": df["status"],
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
            "article_id": df["article_id"],
        },
    )
    return out.reset_index(drop=True)


# ---------------------------------------------------------------- timeline selection and details


def _selected_customdata(state: Any) -> list[Any]:
    """customdata of the points selected in a plotly chart (st.plotly_chart's on_select state)."""
    if not state:
        return []
    try:
        selection = state["selection"] if "selection" in state else state
        points = selection.get("points", []) if isinstance(selection, Mapping) else selection["points"]
    except (KeyError, TypeError, AttributeError):
        return []
    return [p.get("customdata") for p in points or [] if isinstance(p, Mapping)]


def selected_event_ids(state: Any) -> list[str]:
    """Event ids of the points selected in a plotly chart (a list customdata starts with the id)."""
    out: list[str] = []
    for cd in _selected_customdata(state):
        if isinstance(cd, list | tuple):
            cd = cd[0] if cd else None
        if isinstance(cd, str) and cd and cd not in out:
            out.append(cd)
    return out


def selected_markers(state: Any) -> list[str]:
    """Marker keys of the aggregated timeline markers selected (the second item of their customdata)."""
    out: list[str] = []
    for cd in _selected_customdata(state):
        if isinstance(cd, list | tuple) and len(cd) > 1 and isinstance(cd[1], str) and cd[1] not in out:
            out.append(cd[1])
    return out


def clicked_actor(state: Any, known: Iterable[str]) -> str | None:
    """The actor of the network node clicked (st.plotly_chart's on_select state), if it is one of `known`.

    Nodes carry their actor's name as customdata; a click on a link's midpoint or anything else selects no actor.
    """
    names = set(known)
    for cd in _selected_customdata(state):
        if isinstance(cd, str) and cd in names:
            return cd
    return None


def actor_click_state(actor: str) -> dict[str, Any]:
    """Session-state values that make the sidebar filter by the clicked actor alone (other filters stay)."""
    return {WIDGET_KEYS["actors"]: [actor]}


def _text(value: Any) -> str:
    """A cell as text; '' for None/NaN/NaT."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def _day(value: Any) -> str:
    """YYYY-MM-DD of a date/timestamp, '' when missing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def event_details(row: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(label, value) pairs describing one event: every field a reader needs, as plain text."""
    actors = row.get("actors")
    actor_text = "; ".join(
        f"{a.get('name')} ({', '.join(str(a[k]) for k in ('kind', 'country', 'role') if a.get(k))})"
        for a in (actors if isinstance(actors, list | tuple) else [])
        if isinstance(a, Mapping)
    )
    when = _day(row.get("date"))
    if when:
        prec = _text(row.get("date_precision"))
        when += f" ({prec})" if prec and prec != "day" else ""
    else:
        when = f"not stated (published {_day(row.get('published')) or 'unknown'})"
    written = _text(row.get("date_text"))
    if written:
        when += f" — written “{written}”"
    place = _text(row.get("location_name"))
    if place:
        extra = [_text(row.get("location_country"))]
        if _text(row.get("lat")) and _text(row.get("lon")):
            extra.append(f"{float(row['lat']):.3f}, {float(row['lon']):.3f}")
        extra = [e for e in extra if e]
        place += f" ({'; '.join(extra)})" if extra else ""
    conf = row.get("confidence")
    attributed = row.get("attributed_to")
    pairs = [
        ("Type", charts.type_label(_text(row.get("event_type")))),
        ("Status", _text(row.get("status"))),
        ("Date", when),
        ("Actors", actor_text or "—"),
        ("Place", place or "—"),
        ("Confidence", f"{float(conf):.2f}" if _text(conf) else "—"),
        ("Attributed to", ", ".join(map(str, attributed)) if isinstance(attributed, list | tuple) and attributed else "—"),
        ("Article", _text(row.get("title")) or _text(row.get("path"))),
        ("Source", _text(row.get("source")) or "—"),
        ("Published", _day(row.get("published")) or "—"),
        ("Language", _text(row.get("language")) or "—"),
        ("URL", _text(row.get("url")) or "—"),
        ("Event id", _text(row.get("event_id"))),
    ]
    return pairs


def details_html(pairs: Sequence[tuple[str, str]], sentence: str = "") -> str:
    """The event details as an escaped HTML definition list, the evidence sentence quoted above it."""
    quote = (
        f'<blockquote style="margin:0 0 .6rem 0;padding:.4rem .8rem;border-left:4px solid #94a3b8;'
        f'background:#f8fafc;color:#1f2933">{html.escape(sentence)}</blockquote>'
        if sentence
        else ""
    )
    rows = "".join(
        f'<dt style="color:#616e7c;font-weight:600">{html.escape(k)}</dt>'
        f'<dd style="margin:0;overflow-wrap:anywhere">{html.escape(v)}</dd>'
        for k, v in pairs
    )
    grid = f'<dl style="display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0">{rows}</dl>'
    return f'<div style="font-size:.92rem;line-height:1.45">{quote}{grid}</div>'


# ---------------------------------------------------------------- article reader


def article_label(title: Any, path: Any, source: Any, published: Any, n_events: int | None = None) -> str:
    """'Title — Source, 2025-09-03 (6 events)' for the reader's article picker."""
    name = _text(title) or _text(path).rsplit("/", 1)[-1] or "untitled"
    bits = [b for b in (_text(source), _day(published)) if b]
    label = name if len(name) <= 90 else name[:88].rstrip() + "…"
    if bits:
        label += " — " + ", ".join(bits)
    if n_events is not None:
        label += f" ({_plural(n_events, 'event')})"
    return label


def _hex_rgba(color: str, alpha: float) -> str:
    """#RRGGBB -> rgba(r,g,b,alpha)."""
    c = color.lstrip("#")
    r, g, b = (int(c[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


@dataclass(frozen=True)
class _Span:
    """Where one event's evidence sentence sits in the article text."""

    start: int
    end: int
    event_id: str
    event_type: str
    status: str


def locate_events(text: str, events: pd.DataFrame) -> tuple[list[_Span], list[str]]:
    """Spans of the events' sentences in the text (stored offsets, else a search); ids not found."""
    spans: list[_Span] = []
    missing: list[str] = []
    for row in events.itertuples(index=False):
        eid = _text(row.event_id)
        sentence = _text(row.sentence)
        start, end = row.start, row.end
        ok = (
            not pd.isna(start)
            and not pd.isna(end)
            and 0 <= int(start) < int(end) <= len(text)
            and (not sentence or text[int(start) : int(end)].strip() == sentence.strip())
        )
        if not ok and sentence:
            found = text.find(sentence.strip())
            if found >= 0:
                start, end, ok = found, found + len(sentence.strip()), True
        if ok:
            spans.append(_Span(int(start), int(end), eid, _text(row.event_type), _text(row.status)))
        else:
            missing.append(eid)
    return spans, missing


def article_html(text: str, events: pd.DataFrame, selected: str | None = None) -> str:
    """The article text, HTML-escaped, with each event's sentence highlighted and labelled by type.

    `events` needs event_id, event_type, status, sentence, start, end. Overlapping sentences are
    split into segments; a segment takes the colour of the first event type covering it.
    """
    spans, missing = locate_events(text, events)
    order = charts.type_order({s.event_type for s in spans})
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    starts: dict[int, list[_Span]] = {}
    for s in sorted(spans, key=lambda s: (s.start, order.index(s.event_type), s.event_id)):
        starts.setdefault(s.start, []).append(s)
    parts: list[str] = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        for s in starts.get(lo, []):
            color = charts.type_color(s.event_type)
            ring = "box-shadow:0 0 0 2px #1f2933;" if s.event_id == selected else ""
            label = charts.type_label(s.event_type) + (f" · {s.status}" if s.status and s.status != "occurred" else "")
            parts.append(
                f'<span class="ev-label" data-event="{html.escape(s.event_id)}" style="display:inline-block;'
                f"background:{color};color:#fff;font-size:.72rem;font-weight:600;border-radius:3px;"
                f'padding:0 .35rem;margin:0 .25rem 0 .1rem;line-height:1.4;vertical-align:.08rem;{ring}">'
                f"{html.escape(label)}</span>"
            )
        chunk = html.escape(text[lo:hi])
        covering = [s for s in spans if s.start <= lo and s.end >= hi]
        if covering and chunk:
            first = min(covering, key=lambda s: order.index(s.event_type))
            color = charts.type_color(first.event_type)
            strong = any(s.event_id == selected for s in covering)
            parts.append(
                f'<mark style="background:{_hex_rgba(color, 0.30 if strong else 0.14)};color:inherit;'
                f'border-bottom:2px solid {color};padding:0 1px">{chunk}</mark>'
            )
        else:
            parts.append(chunk)
    legend = " ".join(
        f'<span style="display:inline-block;width:.8rem;height:.8rem;background:{charts.type_color(t)};'
        f'border-radius:2px;vertical-align:-.1rem"></span> {html.escape(charts.type_label(t))}'
        for t in order
    )
    notes = ""
    if missing:
        notes = (
            f'<p style="color:#616e7c;font-size:.85rem">{_plural(len(missing), "event")} whose sentence '
            "could not be located in this text are not highlighted.</p>"
        )
    head = f'<div style="font-size:.85rem;color:#616e7c;margin-bottom:.5rem">{legend}</div>' if legend else ""
    body = (
        '<div class="article-text" style="white-space:pre-wrap;font-size:1rem;line-height:1.7;'
        "font-family:Georgia,'Times New Roman',serif;color:#1f2933;max-width:48rem;"
        f'overflow-wrap:anywhere">{"".join(parts)}</div>'
    )
    return f"<div>{head}{body}{notes}</div>"


def content_key(*parts: Any) -> str:
    """A short stable hash of some values (widget keys that must change with the data)."""
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:12]


def today() -> date:
    """Today's date (one place to patch in tests)."""
    return datetime.now().date()
