"""Diplomacy & war in the news: the events dashboard.

    streamlit run dashboard.py

A thin Streamlit page over the events library: what it shows is decided by the pure functions of
events/dashboard/ (state and URL, filters and facets, figures per chart, exports, strings) and articles
are added by events.ingest; this file wires widgets to them: it declares the page's pieces, then draws
the page. The store is data/events.db ($EVENTS_DB overrides it); on the very first run (no store file
yet) the bundled articles are read into it.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from events import corrections, ingest
from events.corrections import Correction, current_user
from events.dashboard import (
    caption,
    charts,
    countries,
    data,
    duck,
    duck_charts,
    editing,
    export,
    facets,
    geo,
    i18n,
    periods,
    reader,
    selection,
    state,
    strings,
    tables,
    units,
    views,
)
from events.dashboard import filters as flt
from events.dashboard.actor_names import ActorLookup
from events.dashboard.caption import Caption
from events.dashboard.charts import compare, config, timeline
from events.records import Article
from events.search import SearchHits
from events.store import Store

VIEWS = state.VIEWS  # the tabs by their canonical names (?view= holds these in every language)
READER_MAX_ARTICLES = 2_000  # the reader's picker lists at most this many (most recent first)
# One marker per event costs ~0.1 ms to build and ~0.5 KB to send; above this many the timeline
# aggregates per day/week/month (and says so in its title) to keep a rerun under ~0.2 s.
TIMELINE_MAX_POINTS = int(os.environ.get("EVENTS_TIMELINE_MAX_POINTS") or 1_500)
# The table shows the newest rows only beyond this (1M rows would take ~2 GB to convert and send)
TABLE_MAX_ROWS = 25_000
MARKER_MAX_ROWS = 200  # a clicked aggregated marker lists at most this many of its events
MARKER_COLUMNS = ("date", "event_type", "status", "actors", "location_name", "sentence", "report_id")
# The Export tab makes the data files on arrival up to this many rows (~1 s); above, when asked to
EXPORT_EAGER_ROWS = int(os.environ.get("EVENTS_EXPORT_EAGER_ROWS") or 5_000)


# ---------------------------------------------------------------- cached resources and data


# slow only while a store made before the full-text index gets it (once; ~1 s per 20,000 articles): the page's
# spinner around ensure_store says so in its language (a decorator's text is fixed at import)
@st.cache_resource(show_spinner=False)
def get_store(path: str) -> Store:
    """One open store per file for the whole server (thread-safe; uploads write through it)."""
    return Store(path)


@st.cache_resource(show_spinner=False)
def first_run_lock() -> threading.Lock:
    """Serialises the first-run ingest between sessions that open at the same moment."""
    return threading.Lock()


# cache_resource, not cache_data: cache_data hands every rerun a pickled copy (0.4 s at 100k
# events), which alone would break the 200 ms filter budget. The frame is never modified: filters
# return new frames. Keyed on the store's version, so new articles show without a restart.
@st.cache_resource(show_spinner=False, max_entries=1)  # the page's spinner says it, in its language
def tables_of(path: str, version: str) -> data.Tables:
    """The store's reports and events with the corrections applied (one shared read-only copy per store version)."""
    tables = data.load_tables(get_store(path))
    data.freeze_long_lived()  # the tables live as long as the page: out of the collector's walks
    return tables


def reports_frame(path: str, version: str) -> pd.DataFrame:
    """The store's reports, each with its event, prepared for filtering."""
    return tables_of(path, version).reports


def event_table(path: str, version: str) -> pd.DataFrame:
    """The store's events across articles, one row each, corrected, prepared for filtering."""
    return tables_of(path, version).events


def unit_frame(path: str, version: str, unit: str) -> pd.DataFrame:
    """What the page counts: the events table or the reports."""
    return event_table(path, version) if unit == "events" else reports_frame(path, version)


@st.cache_data(show_spinner=False, max_entries=4)
def sidebar_options(path: str, version: str, unit: str) -> dict[str, Any]:
    """Filter choices with counts, the date span and the unfiltered headline, per store version and unit."""
    return views.sidebar_options(unit_frame(path, version, unit), facet_index(path, version, unit))


@st.cache_resource(show_spinner=False, max_entries=2)
def facet_index(path: str, version: str, unit: str) -> facets.FacetIndex:
    """Each sidebar facet's values coded per row, for the counts beside the options (~0.2 s per 100k rows)."""
    return facets.build_index(unit_frame(path, version, unit))


@st.cache_resource(show_spinner=False, max_entries=2)
def article_codes(path: str, version: str, unit: str) -> units.ArticleCodes:
    """The articles behind the page's rows, coded once per store version and unit (~0.1 s at 1M events)."""
    return units.article_codes(reports_frame(path, version), unit_frame(path, version, unit))


@st.cache_resource(show_spinner=False, max_entries=2)
def actor_lookup(path: str, version: str) -> ActorLookup:
    """Every name the gazetteer knows -> the store's actors (the gazetteer is read once per process, ~0.5 s)."""
    return ActorLookup(a for a, _ in sidebar_options(path, version, "reports")["actors"])


# cache_resource: the hits are only read, and a broad search holds thousands of ids (pickling them per rerun costs)
@st.cache_resource(show_spinner=False, max_entries=32)
def search_hits(path: str, version: str, text: str) -> SearchHits | None:
    """The store's full-text search for the sidebar's text, per store version."""
    return get_store(path).search(text)


# cache_resource: the figure is only read (serialised to JSON by st.plotly_chart); cache_data would pickle
# it on every miss and unpickle it on every hit (~30 ms for a timeline at 100k events)
@st.cache_resource(show_spinner=False, max_entries=64)
def figure(path: str, version: str, key: str, chart: str, lanes: str, region: str, gran: str,
           compared: tuple[str, ...], lang: str, _rows: views.Rows) -> Any:
    """A chart of the filtered events `_rows`, cached per store version, filters (`key`), lanes, map region,
    granularity, compared actors and language.

    Revisiting a view (another tab, reset filters, a click on the timeline) is then instant, and copies no rows.
    `_rows` is not hashed (hashing 100k rows would cost more than drawing them): `key` stands for it.
    """
    return charts.draw(_rows.chart_frame(), chart, lanes=lanes, region=region, granularity=gran, compared=compared,
                       max_points=TIMELINE_MAX_POINTS, lang=lang, details=_rows.details)


# ---------------------------------------------------------------- the DuckDB path (a dataset, or a store too big)

DUCK: duck.DuckSource | None = None  # the source the page reads through DuckDB, None: the in-memory tables
DUCK_PAGE_ROWS = 1_000  # the DuckDB table's page: sorted by DuckDB, read from the page's row groups only


@st.cache_resource(show_spinner=False, max_entries=2)
def duck_source(key: str, _source: duck.Source) -> duck.DuckSource:
    """A Parquet source opened through DuckDB, its index loaded (built and saved beside it the first time)."""
    return duck.open_source(_source)


@st.cache_resource(show_spinner=False, max_entries=2)
def duck_options(key: str, _src: duck.DuckSource) -> dict[str, Any]:
    """The source's filter choices with counts, date span and headline (once per source version)."""
    return _src.sidebar_options()


@st.cache_resource(show_spinner=False, max_entries=2)
def duck_lookup(key: str, _actors: tuple[str, ...]) -> ActorLookup:
    """Every name the gazetteer knows -> the source's actors."""
    return ActorLookup(_actors)


# a filter set's mask and counts: a rerun that changes no filter (a tab, a click) reuses them
@st.cache_resource(show_spinner=False, max_entries=8)
def duck_selection(key: str, rows: str, _src: duck.DuckSource, _f: flt.Filters) -> duck.DuckSelection:
    """The rows the filters keep and the sidebar's counts, per source version and filters (`rows`)."""
    return _src.selection(_f, None)


@st.cache_resource(show_spinner=False, max_entries=64)
def duck_figure(key: str, rows: str, chart: str, lanes: str, region: str, gran: str, compared: tuple[str, ...],
                lang: str, _sel: duck.DuckSelection) -> Any:
    """A chart of the selection `_sel` computed by DuckDB, cached as `figure` is."""
    return duck_charts.draw(_sel, chart, lanes=lanes, region=region, granularity=gran, compared=compared,
                            max_points=TIMELINE_MAX_POINTS, lang=lang)


@st.cache_data(show_spinner=False, max_entries=4)
def store_rows(path: str, version: str) -> int:
    """About how many reports the store holds (whether the page reads it through DuckDB)."""
    return duck.store_rows(Path(path))


def page_lookup() -> ActorLookup:
    """The actor names the page resolves typed or linked names against."""
    if DUCK is not None:
        return duck_lookup(VERSION, tuple(a for a, _ in duck_options(VERSION, DUCK)["actors"]))
    return actor_lookup(str(DB), VERSION)


@st.cache_data(show_spinner=False, max_entries=4)
def articles_table(path: str, version: str) -> pd.DataFrame:
    """One row per stored article (for the reader's picker), per store version."""
    return get_store(path).articles_frame().set_index("article_id")


@st.cache_resource(show_spinner=False)  # the Export tab's spinner says it, in the page's language
def image_server() -> str:
    """The persistent Chromium for PNG/SVG/PDF export (raises ImageExportUnavailable; not cached then)."""
    return export.start_image_server()


# ---------------------------------------------------------------- the interface's language and the open tab

UI_LANG = "ui_lang_chosen"  # the language the user chose (in the URL or the control); None: the browser's
UI_PICK = "ui_lang_pick"  # the language control's own key
TABS = "view"  # the tabs' key: the open tab's label in the page's language (`state.view_of_label` reads it back)


def browser_language() -> str:
    """The language of the browser (`st.context.locale`, e.g. 'ro-RO' -> ro) when a strings file has it, else English."""
    try:
        locale = st.context.locale
    except Exception:  # no browser context (a bare script run): English
        locale = None
    return i18n.browser_default([locale])


def init_language() -> list[str]:
    """First run and Back/Forward: the language ?ui_lang= asks for; notices for a value no strings file has."""
    if "ui_lang_loaded" in st.session_state and not history_navigation():
        return []
    wanted, notices = i18n.from_params(st.query_params.get_all(i18n.PARAM), browser_language())
    st.session_state[UI_LANG] = wanted
    st.session_state["ui_lang_loaded"] = True
    return notices


def page_language() -> str:
    """The page's language: the one chosen, else the browser's."""
    chosen = st.session_state.get(UI_LANG)
    return chosen if chosen in i18n.available() else browser_language()


def _language_picked() -> None:
    """on_change of the language control: the choice goes into the URL (?ui_lang=) and holds for the session."""
    st.session_state[UI_LANG] = st.session_state.get(UI_PICK) or i18n.DEFAULT
    _clear_notices()  # said in the language just left


def language_control() -> None:
    """English / Română at the top of the sidebar, each named in its own language."""
    st.session_state[UI_PICK] = LANG  # the control shows the page's language (the browser's until one is chosen)
    st.sidebar.segmented_control(TR("sidebar.ui_lang"), list(i18n.available()), key=UI_PICK, required=True,
                                 on_change=_language_picked, format_func=lambda code: i18n.t(code, "language.self"))


def init_view_state(notices: list[str]) -> None:
    """First run and Back/Forward: the tab the URL opens (?view=, canonical names), a notice for an unknown one."""
    if "view_loaded" in st.session_state and not history_navigation():
        return
    view, bad = state.view_from_params(st.query_params.get_all(state.VIEW_PARAM), LANG)
    st.session_state[TABS] = view
    st.session_state["view_loaded"] = True
    notices += bad


def current_view() -> str:
    """The open tab's canonical name (its label in any language, or its name, read back)."""
    return state.view_of_label(st.session_state.get(TABS))


def draw_tabs() -> dict[str, Any]:
    """The page's tabs in its language, by canonical name; only the open one is drawn (on_change="rerun")."""
    st.session_state[TABS] = state.view_label(current_view(), LANG)  # a language switch relabels the open tab
    labels = [state.view_label(v, LANG) for v in VIEWS]
    return dict(zip(VIEWS, st.tabs(labels, key=TABS, on_change="rerun"), strict=True))


# ---------------------------------------------------------------- start-up


def ensure_store(path: Path) -> Store:
    """Open the store; on the very first run (no file yet) read the bundled corpus with a progress bar."""
    with first_run_lock():
        if path.exists():
            return get_store(str(path))
        get_store.clear()  # a store file deleted while the server ran: forget the old handle
        store = get_store(str(path))
        if not ingest.bundled_inputs():
            return store
        bar = st.progress(0.0, text=TR("ingest.first_run"))

        def progress(done: int, total: int, label: str) -> None:
            bar.progress(views.progress_share(done, total),
                         text=strings.progress_text(done, total, label, TR("ingest.first_run_lead")))

        report = ingest.ingest_bundled(store, progress=progress)
        bar.empty()
        st.session_state["ingest_report"] = (TR("ingest.first_run_done"), report)
        return store


# ---------------------------------------------------------------- filters (sidebar)


def _clear_notices() -> None:
    """A filter changed: the URL notices and the notes on typed actor names are no longer news."""
    st.session_state.pop("url_notices", None)
    st.session_state.pop("actor_notices", None)


def _resolve_typed_actors(known: list[str]) -> None:
    """on_change of the Actors box: a typed name ("Zelenski", "Kremlin", "Casa Albă") becomes its actors."""
    value = list(st.session_state.get("f_actors") or [])
    _clear_notices()
    if all(v in known for v in value):
        return
    resolved, notes = state.resolve_typed_actors(value, set(known), page_lookup(), LANG)
    st.session_state["f_actors"] = resolved
    st.session_state["actor_notices"] = notes


def _reset_filters(bounds: tuple[date, date] | None) -> None:
    """on_click of 'Reset filters': every widget back to 'no restriction'."""
    st.session_state.update(state.widget_state(flt.Filters(), bounds))
    st.session_state["f_dates_bounds"] = bounds
    _clear_notices()


def history_navigation() -> bool:
    """True on the run Streamlit makes for the browser's Back or Forward button: the URL holds the view to show."""
    # Streamlit pushes a history entry whenever the script changes st.query_params, and on Back/Forward reruns
    # with the entry's URL and this flag (it restores widgets bound to the URL itself; ours are not bound, as
    # their parameters are validated and named for shared links)
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    return bool(getattr(get_script_run_ctx(), "is_history_navigation", False))


def init_filter_state(opts: dict[str, Any]) -> None:
    """First run of a session, and Back/Forward: widgets show the URL's filters (bad values noted, never fatal)."""
    bounds = opts["bounds"]
    if "url_loaded" in st.session_state and not history_navigation():
        if st.session_state.get("f_dates_bounds") != bounds:  # new data moved the span
            dates = state.dates_for_new_span(st.session_state.get("f_dates"), st.session_state.get("f_dates_bounds"),
                                             bounds)
            if dates is not None:
                st.session_state["f_dates"] = dates
            st.session_state["f_dates_bounds"] = bounds
        return
    try:
        params = {k: st.query_params.get_all(k) for k in st.query_params}
    except Exception:
        params = {}
    f, choices, notices = state.read_url(params, opts, page_lookup, LANG)
    st.session_state.update(state.widget_state(f, bounds))
    st.session_state[GRANULARITY] = choices.granularity
    st.session_state[COMPARED] = list(choices.compared)
    st.session_state["f_dates_bounds"] = bounds
    st.session_state["url_notices"] = notices
    st.session_state["url_loaded"] = True


def prune_filter_state(opts: dict[str, Any]) -> None:
    """Drop selected values that are no longer offered, before the filters are read from the widgets' state."""
    st.session_state.update(state.pruned(st.session_state, opts))


def _send_new_labels(key: str, label: Callable[[str], str]) -> None:
    """A multiselect whose chosen values' labels changed sends them to the browser again (before it is drawn).

    The browser keeps a multiselect's chips as their labels, and pills resend changed labels by themselves but a
    multiselect does not: once "Russia · RUS (120)" reads "(40)" after another filter changed, the chip it holds
    names no option and the next rerun would lose the country. Setting the value makes Streamlit send it anew.
    """
    value = list(st.session_state.get(key) or [])
    labels = [label(v) for v in value]
    memo = f"{key}__labels"
    if value and st.session_state.get(memo) not in (None, labels):
        st.session_state[key] = value
    st.session_state[memo] = labels


def _facet_multiselect(sb: Any, label: str, key: str, options: list[tuple[str, int]],
                       counts: dict[str, int] | None, name: Callable[[str], str] = str, **kwargs: Any) -> None:
    """A sidebar multiselect whose options say how many events each has among those the other filters leave."""
    totals = dict(options)

    def shown(v: str) -> str:
        return facets.option_label(v, totals, counts, name, LANG)

    _send_new_labels(key, shown)
    sb.multiselect(label, facets.facet_order(options, counts), key=key, format_func=shown, **kwargs)


def _facet_pills(sb: Any, label: str, key: str, options: list[tuple[str, int]], counts: dict[str, int] | None,
                 name: Callable[[str], str] = str, **kwargs: Any) -> None:
    """Sidebar pills with facet counts; a value with none is greyed (pills read Markdown) and keeps its place."""
    totals = dict(options)
    sb.pills(label, [v for v, _ in options], key=key, selection_mode="multi", on_change=_clear_notices,
             format_func=lambda v: facets.pill_option_label(v, totals, counts, name, LANG), **kwargs)


def sidebar_filters(opts: dict[str, Any], counts: dict[str, dict[str, int]] | None) -> None:
    """Draw the filter widgets, each option with its number of events among those the other filters leave."""
    bounds = opts["bounds"]
    fc = counts or {}
    sb = st.sidebar
    # halves: "Resetează" is a word longer than "Reset" and a 3:2 split cut it to "Res…"
    head, reset = sb.columns([1, 1], vertical_alignment="center")
    head.subheader(TR("sidebar.filters"))
    reset.button(TR("sidebar.reset"), icon=":material/restart_alt:", on_click=_reset_filters, args=(bounds,),
                 help=TR("sidebar.reset_help"), key="reset_filters", width="stretch")
    for notice in st.session_state.get("url_notices") or []:
        sb.caption(f":material/info: {strings.md_escape(notice)}")
    if counts is not None:
        sb.caption(TR("sidebar.counts_note"))

    known_actors = [a for a, _ in opts["actors"]]
    # Streamlit filters the options by their labels only: a name written otherwise ("Zelenski", "Kremlin") matches
    # none, so Enter adds it as typed and _resolve_typed_actors swaps it for the actors it names. "contains" rather
    # than the default fuzzy filter, whose loose in-order letters would offer (and Enter pick) an unrelated actor;
    # no "select all" row, which Enter would pick first
    _facet_multiselect(
        sb, TR("sidebar.actors.label"), "f_actors", opts["actors"], fc.get("actors") if counts is not None else None,
        placeholder=TR("sidebar.actors.placeholder"), on_change=_resolve_typed_actors, args=(known_actors,),
        accept_new_options=True, filter_mode="contains", select_all=False, help=TR("sidebar.actors.help"),
    )
    for notice in st.session_state.get("actor_notices") or []:
        sb.caption(f":material/info: {strings.md_escape(notice)}")
    sb.segmented_control(
        TR("sidebar.actor_mode.label"), list(flt.ACTOR_MODES), key="f_actor_mode",
        format_func=functools.partial(state.actor_mode_label, lang=LANG), required=True, on_change=_clear_notices,
        help=TR("sidebar.actor_mode.help"),
    )
    english = countries.country_names()
    names = {iso: TR.country_name(iso, name) for iso, name in english.items()}
    country = functools.partial(countries.country_label, names=names)

    facet = {k: (fc.get(k) if counts is not None else None) for k in facets.FACETS}
    _facet_multiselect(sb, TR("sidebar.countries.label"), "f_countries", opts["countries"], facet["countries"],
                       country, on_change=_clear_notices, placeholder=TR("sidebar.countries.placeholder"),
                       help=TR("sidebar.countries.help"))
    _facet_multiselect(sb, TR("sidebar.location_country.label"), "f_loc_countries", opts["location_countries"],
                       facet["location_countries"], country, on_change=_clear_notices,
                       placeholder=TR("sidebar.location_country.placeholder"),
                       help=TR("sidebar.location_country.help"))
    _facet_multiselect(sb, TR("sidebar.place.label"), "f_places", opts["places"], facet["places"],
                       on_change=_clear_notices, placeholder=TR("sidebar.place.placeholder"),
                       help=TR("sidebar.place.help"))
    _facet_pills(sb, TR("sidebar.types"), "f_types", opts["types"], facet["event_types"], TR.type_name)
    _facet_pills(sb, TR("sidebar.status"), "f_statuses", opts["statuses"], facet["statuses"], TR.status_name)
    if bounds:
        lo, hi = state.date_limits(st.session_state.get("f_dates"), bounds)
        sb.date_input(TR("sidebar.dates.label"), key="f_dates", min_value=lo, max_value=hi, format="YYYY-MM-DD",
                      on_change=_clear_notices, help=TR("sidebar.dates.help"))
    _facet_pills(sb, TR("sidebar.language"), "f_langs", opts["languages"], facet["languages"], TR.language_name)
    _facet_multiselect(sb, TR("sidebar.sources.label"), "f_sources", opts["sources"], facet["sources"],
                       placeholder=TR("sidebar.sources.placeholder"), on_change=_clear_notices)
    sb.slider(TR("sidebar.min_conf.label"), min_value=0.0, max_value=1.0, step=flt.CONFIDENCE_STEP, key="f_min_conf",
              format="%.2f", on_change=_clear_notices, help=TR("sidebar.min_conf.help"))
    sb.text_input(TR("sidebar.search.label"), key="f_text", placeholder=TR("sidebar.search.placeholder"),
                  on_change=_clear_notices, help=TR("sidebar.search.help"))


def sync_url(f: flt.Filters) -> None:
    """Mirror the filters, chart choices, open tab and chosen language in the query string so a copied URL
    reproduces the view (one history entry per change)."""
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    update = {**state.url_update(current, f, chart_choices()),
              **state.page_param_changes(current, current_view(), st.session_state.get(UI_LANG))}
    if update:  # one update: each is a browser history entry, and Back would step through half-changed views
        st.query_params.update(update)


# ---------------------------------------------------------------- chart choices (granularity, compared actors)

GRANULARITY = "granularity"  # kept apart from the controls' keys, which Streamlit drops while their tab is shut
COMPARED = "compared_actors"  # [] while the user has chosen none: the comparison's default


def chart_choices() -> state.ChartChoices:
    """The granularity and compared actors the page holds (and the URL mirrors)."""
    return state.chart_choices(st.session_state.get(GRANULARITY), st.session_state.get(COMPARED))


def _granularity_picked(key: str) -> None:
    """on_change of a granularity control: keep the choice beyond its tab's life."""
    st.session_state[GRANULARITY] = st.session_state.get(key) or "auto"
    st.session_state.pop("url_notices", None)


def auto_granularity(rows: views.Rows | duck.DuckSelection) -> str:
    """The bucket "auto" picks for the rows kept (from their first and last day)."""
    if isinstance(rows, duck.DuckSelection):
        span = rows.bounds()
        return periods.auto_unit((span[1] - span[0]).days if span else 0)
    return views.auto_granularity(rows.column(flt.EFFECTIVE_DATE).to_frame())


def granularity_control(key: str, rows: views.Rows | duck.DuckSelection, mark: str) -> str:
    """Day / week / month / auto for a chart counting per period; 'Auto (week)' says what auto picked."""
    st.session_state[key] = chart_choices().granularity  # the control shows the kept choice
    auto = auto_granularity(rows)
    st.segmented_control(
        TR(f"granularity.label_{mark}"), list(periods.GRANULARITIES), key=key, required=True,
        on_change=_granularity_picked, args=(key,), format_func=lambda g: strings.granularity_label(g, auto, LANG),
        help=TR("granularity.help"),
    )
    return chart_choices().granularity


# ---------------------------------------------------------------- page pieces


def headline(s: dict[str, Any]) -> None:
    """Metric cards: events, events by type, actors, date span (they wrap onto a second row on a narrow page)."""
    # a wrapping row, not st.columns: columns share the width whatever their text, and at 900 px cut "122" to "1"
    row = st.container(horizontal=True, gap="small", key="headline")
    for card in views.metric_cards(s, LANG):
        row.metric(card.label, card.value, border=True, width="stretch", help=card.help)


def plot(fig: Any, chart: str, f: flt.Filters, **kwargs: Any) -> Any:
    """st.plotly_chart with the project's config (2x PNG, descriptive name, offline map outlines)."""
    return st.plotly_chart(fig, config=config.plotly_config(chart, f, lang=LANG), theme=None, **kwargs)


def rows_key(f: flt.Filters) -> str:
    """What the page's rows are (events or reports) and the filters that keep them: the key of caches of them."""
    return f"{UNIT}:{state.filters_key(f)}"


def chart_of(chart: str, f: flt.Filters, rows: views.Rows | duck.DuckSelection, lanes: str = "type") -> Any:
    """The cached figure of one chart of `rows` (the events matching f in the page's DB at VERSION).

    The map shows the region chosen on its tab (st.session_state[MAP_REGION]); counts and compare the granularity,
    compare the actors chosen on its tab (`chart_choices`).
    """
    o = figure_options(chart, f, lanes)
    if isinstance(rows, duck.DuckSelection):
        return duck_figure(VERSION, rows_key(f), chart, o.lanes, o.region, o.granularity, o.compared, LANG, rows)
    return figure(str(DB), VERSION, rows_key(f), chart, o.lanes, o.region, o.granularity,
                  o.compared, LANG, rows)


def figure_options(chart: str, f: flt.Filters, lanes: str) -> state.FigureOptions:
    """What besides the filters shapes a chart's figure: the lanes given, the map's region, the granularity, the
    compared actors the page holds."""
    compared = compared_actors(f) if chart == "compare" else ()  # ranks the actors: only for the comparison
    return state.figure_options(chart, lanes, map_region(), chart_choices().granularity, compared)


def compared_actors(f: flt.Filters) -> tuple[str, ...]:
    """The actors the comparison draws: the user's choice, else the sidebar's actors, else the 6 with most events."""
    return state.compared_actors(chart_choices(), f, SELECTION.actor_counts)


# ---------------------------------------------------------------- map and network

MAP_REGION = "map_region"  # the map's region; kept apart from its widget's key, which is dropped while the tab is shut
REGION_PICK = "map_region_pick"


COUNT_UNIT = "count_unit"  # events or reports (the control's own key dies with the sidebar's reruns: kept apart)
UNIT_PICK = "unit_pick"


def current_unit() -> str:
    """What the page counts: 'events' (the default) or 'reports'."""
    return units.valid_unit(st.session_state.get(COUNT_UNIT))


def init_unit_state() -> list[str]:
    """First run and Back/Forward: the unit from the URL (?unit=reports); a notice for an unknown value."""
    if COUNT_UNIT in st.session_state and not history_navigation():
        return []
    unit, notices = units.unit_from_params(st.query_params.get_all(units.UNIT_PARAM), LANG)
    st.session_state[COUNT_UNIT] = unit
    return notices


def _unit_picked() -> None:
    """on_change of the unit control."""
    st.session_state[COUNT_UNIT] = st.session_state.get(UNIT_PICK) or units.DEFAULT_UNIT
    _clear_notices()


def unit_control() -> None:
    """Events / Reports at the top of the sidebar: what every count, chart and export of the page counts."""
    st.session_state[UNIT_PICK] = current_unit()
    st.sidebar.segmented_control(TR("count_unit.label"), list(units.UNITS), key=UNIT_PICK, required=True,
                                 on_change=_unit_picked, help=TR("count_unit.help"),
                                 format_func=lambda u: TR(f"count_unit.names.{u}"))


def sync_unit_url() -> None:
    """Mirror the unit in the query string (?unit=reports; the default is left out)."""
    change = units.unit_param_changes(st.query_params.get_all(units.UNIT_PARAM), current_unit())
    if change is not None:
        st.query_params.update({units.UNIT_PARAM: change})


def map_region() -> str:
    """The map's region (the data's extent until the URL or the user says otherwise)."""
    return geo.valid_region(st.session_state.get(MAP_REGION))


def init_region_state() -> None:
    """First run and Back/Forward: the map's region from the URL (?region=), a notice for an unknown value."""
    if MAP_REGION in st.session_state and not history_navigation():
        return
    region, notices = geo.region_from_params(st.query_params.get_all(geo.REGION_PARAM), LANG)
    st.session_state[MAP_REGION] = region
    if notices:  # shown with the filters' URL notices, and cleared with them
        st.session_state["url_notices"] = [*(st.session_state.get("url_notices") or []), *notices]


def sync_region_url() -> None:
    """Mirror the map's region in the query string (?region=ukraine; the default is left out)."""
    change = geo.region_param_changes(st.query_params.get_all(geo.REGION_PARAM), map_region())
    if change is not None:
        st.query_params.update({geo.REGION_PARAM: change})


def _region_picked() -> None:
    """on_change of the region control: keep the choice beyond the tab's life, drop the URL notices."""
    st.session_state[MAP_REGION] = st.session_state.get(REGION_PICK) or geo.DEFAULT_REGION
    _clear_notices()


def map_view(f: flt.Filters, rows: views.Rows | duck.DuckSelection) -> None:
    """The region control, and the map of the filtered events in that region."""
    st.session_state[REGION_PICK] = map_region()  # the widget shows the kept choice (its own key died with the tab)
    st.segmented_control(TR("map.region_label"), list(geo.REGIONS), key=REGION_PICK, required=True,
                         on_change=_region_picked, format_func=functools.partial(geo.region_label, lang=LANG),
                         label_visibility="collapsed", help=TR("map.region_help"))
    plot(chart_of("map", f, rows), "map", f, key="map_chart")
    st.caption(":material/zoom_in: " + TR("map.zoom_caption"))


def _network_clicked(actors: list[str]) -> None:
    """on_select of the network: a click on a node filters by that actor (its URL follows; Back undoes it)."""
    actor = selection.clicked_actor(st.session_state.get("network_chart"), actors)
    if actor is not None:
        st.session_state.update(state.actor_click_state(actor))
        _clear_notices()


def network_view(f: flt.Filters, rows: views.Rows | duck.DuckSelection, actors: list[str]) -> None:
    """The actor network; clicking a node sets the actor filter to it."""
    plot(chart_of("network", f, rows), "network", f, key="network_chart", selection_mode="points",
         on_select=functools.partial(_network_clicked, actors))
    st.caption(":material/touch_app: " + TR("network.click_caption"))


def _open_reader(article_id: str, event_id: str | None) -> None:
    """on_click: show an article (and one of its events) in the reader tab."""
    st.session_state["reader_article"] = article_id
    st.session_state["reader_event"] = event_id
    st.session_state[TABS] = "Article reader"  # a canonical name: the next run shows it in the page's language


PANEL_MAX_REPORTS = 30  # an event's panel lists at most this many of its reports (the first reported)


def event_panel(reports: pd.DataFrame, report_id: str, key: str, note: str = "") -> None:
    """The event a clicked row or marker stands for: its details and status history, each of its reports with
    a button to read it in its article, and the analyst's corrections of it."""
    panel = units.event_panel(reports, report_id, LANG, event_table(str(DB), VERSION))
    if panel is None:
        st.caption(TR("event.gone"))
        return
    event = panel.event
    with st.container(border=True, key=f"event_panel_{key}"):
        st.markdown(f"**{TR('event.selected')}** {note}" + (" " + TR("correction.badge") if event.get("corrected")
                                                             else ""))
        st.html(reader.details_html(reader.event_details(event, LANG), str(event.get("sentence") or "")))
        st.markdown(strings.md_escape(panel.history) + ("  \n" + strings.md_escape(panel.planned)
                                                        if panel.planned else ""))
        st.markdown(panel.head)
        for i, line in enumerate(panel.reports[:PANEL_MAX_REPORTS]):
            text, button = st.columns([6, 1], vertical_alignment="center")
            chosen = "**" if line.report_id == report_id and len(panel.reports) > 1 else ""
            text.markdown(f"{chosen}{strings.md_escape(line.line)}{chosen}  \n"
                          f":gray[{strings.md_escape(line.sentence)}]")
            button.button(TR("event.read_report"), icon=":material/article:", key=f"{key}_{i}",
                          on_click=_open_reader, args=(line.article_id, line.report_id))
            if len(panel.reports) > 1:
                button.button(TR("correction.split_button"), key=f"{key}_split_{i}", help=TR("correction.split_help"),
                              on_click=_correct, args=([Correction("split", line.report_id, who=corrector())],))
        if len(panel.reports) > PANEL_MAX_REPORTS:
            st.caption(TR("marker.some", shown=PANEL_MAX_REPORTS, events=TR.plural(len(panel.reports), "n.report")))
        if len(panel.reports) > 1:
            why_one_event(panel, key)
        correction_form(event, key)


def why_one_event(panel: units.EventPanel, key: str) -> None:
    """The grouping's links among the event's reports: what each pair shares (the grouping's own words)."""
    found = get_store(str(DB)).links_between([line.report_id for line in panel.reports])
    if not found:
        return
    names = {line.report_id: line.line for line in panel.reports}
    with st.expander(TR("event.why"), icon=":material/link:"):
        for a, b, score, reasons in found[:PANEL_MAX_REPORTS]:
            st.caption(strings.md_escape(f"{names.get(a, a)} ~ {names.get(b, b)}: {', '.join(reasons)} "
                                         f"({TR('event.score', score=f'{score:g}')})"))


def corrector() -> str:
    """Who corrects: the name typed in the panel, else the computer's user name."""
    return str(st.session_state.get("corrector") or "").strip() or current_user()


def _correct(made: list[Correction]) -> None:
    """on_click: store corrections (each its own transaction); the next run reads the new store version."""
    for c in made:
        get_store(str(DB)).add_correction(c)
    st.session_state["correction_note"] = TR("correction.saved") if made else TR("correction.nothing")


def _undo(correction_id: int) -> None:
    """on_click: undo a correction."""
    get_store(str(DB)).undo_correction(correction_id, corrector())


def _merge(event: dict[str, Any], field: str) -> None:
    """on_click: merge the event whose id the analyst typed into this one."""
    wanted = str(st.session_state.get(field) or "").strip()
    reports = reports_frame(str(DB), VERSION)
    others = reports.loc[reports["event_id"].to_numpy() == wanted, "report_id"]
    if others.empty or wanted == event["event_id"]:
        st.session_state["correction_note"] = TR("correction.merge_unknown", id=wanted)
        return
    _correct([Correction("merge", str(event["report_ids"][0]), other=str(others.iloc[0]), who=corrector())])


def correction_form(event: dict[str, Any], key: str) -> None:
    """The analyst's corrections of one event: the form, not-an-event, merge, and the history with undo."""
    tables = tables_of(str(DB), VERSION)
    with st.expander(TR("correction.head"), icon=":material/edit:"):
        st.session_state.setdefault("corrector", current_user())
        st.text_input(TR("correction.who"), key="corrector", help=TR("correction.who_help"))
        now = editing.form_of(event)
        types = sorted({*reports_frame(str(DB), VERSION)["event_type"].dropna().unique(), now.event_type})
        with st.form(f"correct_{key}", border=False):
            left, right = st.columns(2)
            etype = left.selectbox(TR("correction.type"), types, index=types.index(now.event_type),
                                   format_func=TR.type_name)
            statuses = ["occurred", "planned", "cancelled"]
            status = right.selectbox(TR("correction.status"), statuses,
                                     index=statuses.index(now.status) if now.status in statuses else 0,
                                     format_func=TR.status_name)
            day = left.date_input(TR("correction.date"), value=now.day, format="YYYY-MM-DD")
            precision = right.selectbox(TR("correction.precision"), list(corrections.PRECISIONS),
                                        index=list(corrections.PRECISIONS).index(now.precision)
                                        if now.precision in corrections.PRECISIONS else 0, format_func=TR.unit_name)
            place = st.text_input(TR("correction.place"), value=now.place)
            known = {a: {} for a, _ in sidebar_options(str(DB), VERSION, "reports")["actors"]}
            actors = st.multiselect(TR("correction.actors"), sorted({*known, *now.actors}), default=list(now.actors))
            form = editing.Form(etype, status, day if isinstance(day, date) else None, precision, place, tuple(actors))
            if st.form_submit_button(TR("correction.save"), type="primary"):
                _correct(editing.changes(event, form, units.actor_details(reports_frame(str(DB), VERSION)),
                                         corrector()))
                st.rerun()
        left, right = st.columns(2)
        left.button(TR("correction.not_event_button"), key=f"{key}_not_event", help=TR("correction.not_event_help"),
                    on_click=_correct, args=([Correction("not_event", str(event["report_ids"][0]),
                                                         who=corrector())],))
        right.text_input(TR("correction.merge_label"), key=f"{key}_merge_id")
        right.button(TR("correction.merge_button"), key=f"{key}_merge", on_click=_merge, args=(event, f"{key}_merge_id"))
        if note := st.session_state.pop("correction_note", None):
            st.caption(note)
        mine = editing.of_event(tables.corrections, event["report_ids"])
        if mine:
            st.markdown(f"**{TR('correction.history')}**")
        for c in mine:
            text, undo = st.columns([6, 1], vertical_alignment="center")
            text.caption(strings.md_escape(editing.describe(c, LANG)))
            if c.undone_at is None and c.correction_id is not None:
                undo.button(TR("correction.undo"), key=f"{key}_undo_{c.correction_id}", on_click=_undo,
                            args=(c.correction_id,))


def timeline_chart(f: flt.Filters, rows: views.Rows | duck.DuckSelection) -> tuple[Any, Any]:
    """The lanes control and the timeline of `rows`: the figure, and what was clicked on it."""
    st.session_state.setdefault("lanes", "type")
    lanes = st.segmented_control(TR("timeline.lanes_label"), ["type", "actor"], key="lanes", required=True,
                                 label_visibility="collapsed", format_func=lambda v: TR(f"timeline.lanes.{v}"))
    fig = chart_of("timeline", f, rows, lanes or "type")
    return fig, plot(fig, "timeline", f, key="timeline_chart", on_select="rerun", selection_mode="points")


def timeline_view(reports: pd.DataFrame, rows: views.Rows, f: flt.Filters) -> None:
    """Timeline (lanes by type or actor), clicked event's details, counts per period."""
    fig, event = timeline_chart(f, rows)
    ids = selection.selected_report_ids(event)
    per = (fig.layout.meta or {}).get("aggregated")
    markers = selection.selected_markers(event) if per else []
    if markers:  # one marker stands for all events of its lane, type and status in that period
        lanes = st.session_state.get("lanes") or "type"
        marker_view(reports, timeline.marker_events(rows.frame(), markers[0], lanes), per, markers[0])
    elif ids:
        event_panel(reports, ids[0], "open_from_timeline", TR("event.one_of", n=len(ids)) if len(ids) > 1 else "")
    else:
        st.caption(":material/touch_app: " + TR("timeline.click_caption"))
    granularity_control("gran_counts", rows, "bar")
    plot(chart_of("counts", f, rows), "counts", f, key="counts_chart")


def _compared_picked() -> None:
    """on_change of the compared actors: the user's choice (none chosen: back to the default)."""
    st.session_state[COMPARED] = list(st.session_state.get("compare_pick") or [])[: compare.MAX_COMPARED]
    st.session_state.pop("url_notices", None)


def compare_view(f: flt.Filters, rows: views.Rows | duck.DuckSelection, actor_counts: dict[str, int], known: list[str]) -> None:
    """Events per period of up to 6 actors side by side (small multiples), the actors chosen here."""
    chosen = list(compared_actors(f))
    st.session_state["compare_pick"] = chosen  # the control shows the kept choice (its own key dies with the tab)
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    with left:
        st.multiselect(
            TR("compare.pick_label", k=compare.MAX_COMPARED), views.compare_options(chosen, known, actor_counts),
            key="compare_pick", max_selections=compare.MAX_COMPARED, on_change=_compared_picked,
            placeholder=TR("compare.pick_placeholder"), filter_mode="contains",
            help=TR("compare.pick_help", k=compare.MAX_COMPARED),
        )
    with right:
        granularity_control("gran_compare", rows, "point")
    if not chart_choices().compared:
        st.caption(strings.compare_caption(bool(f.actors), len(chosen), LANG))
    plot(chart_of("compare", f, rows), "compare", f, key="compare_chart")


def marker_view(reports: pd.DataFrame, rows: pd.DataFrame, per: str, marker: str) -> None:
    """The events behind a clicked aggregated marker: a short table, and the details of the one picked."""
    if rows.empty:
        st.caption(TR("marker.gone"))
        return
    view = views.table_frame(rows, limit=MARKER_MAX_ROWS, lang=LANG)
    st.caption(strings.marker_caption(len(view), len(rows), per, LANG, units.noun(rows)))
    # a key per marker: a row picked in one marker's list is not carried over to the next marker clicked
    table = st.dataframe(view[[c for c in MARKER_COLUMNS if c in view.columns]], hide_index=True,
                         key="marker_table_" + state.content_key(marker),
                         height=min(38 + 35 * len(view), 280), on_select="rerun", selection_mode="single-row",
                         column_config=table_columns())
    picked = list(getattr(getattr(table, "selection", None), "rows", []) or [])
    index = picked[0] if picked and picked[0] < len(view) else 0
    note = "" if picked else TR("marker.first_of", n=len(rows))
    event_panel(reports, str(view["report_id"].iloc[index]), "open_from_marker", note)


def table_columns() -> dict[str, Any]:
    """Column configuration of the events tables (headers in the page's language; the cells' values as shown)."""
    cc = st.column_config

    def head(column: str) -> str:
        return TR(f"table.columns.{column}")

    return {
        "date": cc.DateColumn(head("date"), format="YYYY-MM-DD", help=TR("table.date_help")),
        "event_type": cc.TextColumn(head("event_type")),
        "status": cc.TextColumn(head("status")),
        "n_reports": cc.NumberColumn(head("n_reports"), help=TR("table.n_reports_help")),
        "actors": cc.TextColumn(head("actors"), width="medium"),
        "countries": cc.TextColumn(head("countries")),
        "location_name": cc.TextColumn(head("location_name")),
        "sentence": cc.TextColumn(head("sentence"), width="large"),
        "confidence": cc.ProgressColumn(head("confidence"), min_value=0.0, max_value=1.0, format="%.2f"),
        "date_text": cc.TextColumn(head("date_text")),
        "source": cc.TextColumn(head("source")),
        "published": cc.DateColumn(head("published"), format="YYYY-MM-DD"),
        "title": cc.TextColumn(head("title")),
        "language": cc.TextColumn(head("language")),
        "event_id": cc.TextColumn(head("event_id")),
        "report_id": cc.TextColumn(head("report_id")),
        "article_id": cc.TextColumn(head("article_id")),
    }


def table_view(reports: pd.DataFrame, rows: views.Rows) -> None:
    """The filtered events as a sortable table; a selected row shows its details."""
    view = views.rows_table_frame(rows, limit=TABLE_MAX_ROWS, lang=LANG)
    st.caption(strings.table_caption(len(view), len(rows), LANG, units.noun(rows.df)))
    table = st.dataframe(
        view,
        hide_index=True,
        height=520,
        placeholder="—",
        key="events_table",
        on_select="rerun",
        selection_mode="single-row",
        column_config=table_columns(),
    )
    rows = list(getattr(getattr(table, "selection", None), "rows", []) or [])
    if rows and rows[0] < len(view):
        event_panel(reports, str(view["report_id"].iloc[rows[0]]), "open_from_table")


def article_picker(arts: pd.DataFrame, options: list[str], n_articles: int) -> str | None:
    """The reader's picker over some articles (`arts`: indexed by article_id); the one picked, None when none."""
    if not options:
        st.info(TR("reader.none"))
        return None
    if st.session_state.get("reader_article") not in options:
        st.session_state["reader_article"] = options[0]
    capped = reader.picker_note(n_articles, READER_MAX_ARTICLES, LANG)
    return st.selectbox(TR("reader.picker", capped=capped), options, key="reader_article",
                        format_func=functools.partial(reader.picker_label, arts, lang=LANG))


def reader_view(path: str, version: str, df: pd.DataFrame, sel: pd.DataFrame) -> None:
    """An article's text with every event sentence highlighted and labelled (escaped: never executed)."""
    arts = articles_table(path, version)
    options, n_articles = reader.article_choices(arts, sel, st.session_state.get("reader_article"),
                                                 READER_MAX_ARTICLES)
    aid = article_picker(arts, options, n_articles)
    if aid is None:
        return
    article = get_store(path).article(aid)
    if article is None:
        st.warning(TR("reader.gone"))
        return
    show_article(article, views.article_events(df, aid))


def show_article(article: Article, events: pd.DataFrame) -> None:
    """An article's heading, its text with its events' sentences highlighted, and the table of its events."""
    st.subheader(strings.md_escape(reader.article_title(article)), anchor=False)
    st.caption(strings.md_escape(reader.article_caption(article, len(events), LANG)))
    url = strings.safe_url(article.url)
    if url:
        st.link_button(TR("reader.original"), url, icon=":material/open_in_new:")
    with st.container(border=True):
        st.html(reader.article_html(article.text, events, selected=st.session_state.get("reader_event"), lang=LANG))
    if len(events):
        columns = ["date", "event_type", "status", "actors", "location_name", "confidence"]
        st.dataframe(views.table_frame(events, lang=LANG)[columns], hide_index=True, placeholder="—",
                     key="reader_events", column_config={c: table_columns()[c] for c in columns})


def _show_report(title: str, report: ingest.IngestReport) -> None:
    """Outcome of an ingest: a summary line, then each rejected input with its reason."""
    show = {"success": st.success, "warning": st.warning, "info": st.info}[views.report_level(report)]
    show(f"{title} {strings.ingest_summary(report, LANG)}.")
    for name, reason in report.rejected:
        st.error(TR("ingest.rejected", name=strings.md_escape(name), reason=strings.md_escape(reason)),
                 icon=":material/block:")
    if report.warnings:
        with st.expander(TR.plural(len(report.warnings), "ingest.warnings")):
            for name, reason in report.warnings:
                st.caption(strings.md_escape(f"{name}: {reason}"))


def add_view(store: Store) -> None:
    """Upload files or paste text; ingest with progress; new events show on the rerun."""
    st.markdown(TR("add.intro", types=", ".join(ingest.UPLOAD_TYPES), mb=ingest.MAX_UPLOAD_MB,
                   files=ingest.MAX_UPLOAD_FILES, total_mb=ingest.MAX_UPLOAD_TOTAL_MB))
    with st.form("add_form", clear_on_submit=True):
        files = st.file_uploader(TR("add.files"), type=list(ingest.UPLOAD_TYPES), accept_multiple_files=True,
                                 max_upload_size=ingest.MAX_UPLOAD_MB, key="upload_files")
        text = st.text_area(TR("add.paste"), height=150, key="paste_text", placeholder=TR("add.paste_placeholder"))
        title = st.text_input(TR("add.title"), key="paste_title")
        urls = st.text_area(TR("add.urls"), height=80, key="add_urls", placeholder=TR("add.urls_placeholder"))
        c1, c2, c3 = st.columns(3)
        published = c1.date_input(TR("add.published"), value=None, key="add_published", format="YYYY-MM-DD",
                                  help=TR("add.published_help"))
        language = c2.selectbox(TR("add.language"), ingest.LANGUAGE_CHOICES, key="add_language",
                                format_func=lambda v: TR("add.detect") if v == "auto" else TR.language_name(v))
        source = c3.text_input(TR("add.source"), key="add_source", placeholder=TR("add.source_placeholder"))
        submitted = st.form_submit_button(TR("add.submit"), type="primary", icon=":material/upload:")
    if not submitted:
        return
    uploads = [(u.name, u.getvalue()) for u in files or []]
    if not uploads and not (text or "").strip() and not (urls or "").strip():
        st.warning(TR("add.nothing"))
        return
    bar = st.progress(0.0, text=TR("add.reading"))

    def progress(done: int, total: int, label: str) -> None:
        bar.progress(views.progress_share(done, total),
                     text=strings.progress_text(done, total, label, TR("add.reading_lead"), ": "))

    report = ingest.IngestReport()
    if uploads:
        report.merge(ingest.ingest_uploads(store, uploads, published=published, language=language,
                                        source=source or None, progress=progress))
    if (text or "").strip():
        report.merge(ingest.ingest_pasted(store, text, title=title or None, published=published,
                                       language=language, source=source or None))
    if (urls or "").strip():
        report.merge(ingest.ingest_web(store, urls, published=published, language=language, progress=progress))
    bar.empty()
    st.session_state["ingest_report"] = (TR("add.done"), report)
    st.rerun()  # the store's version changed: reload the events everywhere on the page


def export_label(fmt: str) -> str:
    """A download button's name: 'PNG', 'HTML (interactive)' / 'HTML (interactiv)'."""
    return TR.get(f"export.format.{fmt}", fmt.upper())


# The files are made before their buttons are drawn, and the buttons carry the bytes: a button whose bytes are made
# on click (data=callable) keeps them under an id that the next rerun replaces, so a second click while a first
# download's rerun was on its way asked for an id no longer known and hung ("Deferred file … not found").
# Cached per view, a rerun hands the buttons the very same bytes, hence the same URL.
@st.cache_resource(show_spinner=False, max_entries=16)
def chart_file(path: str, version: str, key: str, chart: str, view: str, fmt: str, look: export.ExportLook, lang: str,
               _fig: Any, _cap: Caption | None) -> bytes:
    """One export of a chart (PNG/SVG/PDF/HTML), cached like the figure itself (`key` stands for the filters).

    `view` (`state.view_key`: the timeline's lanes, the map's region, the granularity, the compared actors) and `look`
    (caption on, preset, page, day made) stand for what else made `_fig` and `_cap`, and the size.
    """
    return export.figure_file(_fig, fmt, caption=_cap if look.caption else None, preset=look.preset, page=look.page,
                              lang=lang)


@st.cache_resource(show_spinner=False, max_entries=16)
def chart_caption(path: str, version: str, key: str, made: date, lang: str, _f: flt.Filters,
                  _rows: views.Rows) -> Caption:
    """The caption of the filtered events (it counts their articles and outlets: once per view, day and language)."""
    sel = _rows.frame()
    behind = None if units.unit_of(sel) == "reports" else units.reports_of(reports_frame(path, version), sel)
    return caption.caption(_f, sel, made, lang, reports=behind)


@st.cache_resource(show_spinner=False, max_entries=6)
def data_file(path: str, version: str, key: str, fmt: str, _sel: pd.DataFrame) -> bytes:
    """The filtered events as CSV/JSON/Parquet, cached per store version and filters (`key`)."""
    return tables.frame_file(_sel, fmt)


def _made(make: Callable[[], bytes], fmt: str, failures: dict[str, str]) -> bytes | None:
    """make(), or None with the reason noted in failures (an export that fails must say so, not hang)."""
    try:
        return make()
    except Exception as exc:  # any failure: the page names the format and the reason, the other files still work
        failures[fmt] = export.failure_text(exc)
        return None


def _download(fmt: str, content: bytes | None, name: str) -> None:
    """A download button holding its file's bytes (disabled when the file could not be made)."""
    # on_click="ignore": a download needs no rerun, and without one the page's files stay as they are
    st.download_button(export_label(fmt), data=content or b"", file_name=f"{name}.{fmt}", mime=export.MIME_TYPES[fmt],
                       key=f"export_{fmt}", disabled=content is None, on_click="ignore", icon=":material/download:",
                       width="stretch")


def _show_failures(failures: dict[str, str]) -> None:
    """One error per file that could not be made."""
    for fmt, reason in failures.items():
        st.error(TR("export.failed", fmt=export_label(fmt), reason=strings.md_escape(reason)), icon=":material/error:")


def export_look() -> export.ExportLook:
    """The Export tab's caption switch, size and PDF page (defaults: caption on, the chart's own size, A4)."""
    st.session_state.setdefault("export_caption", True)
    st.session_state.setdefault("export_preset", export.CHART_SIZE)
    st.session_state.setdefault("export_page", export.DEFAULT_PAGE)
    c1, c2, c3 = st.columns([2, 3, 2], vertical_alignment="bottom")
    on = c1.toggle(TR("export.caption"), key="export_caption", help=TR("export.caption_help"))
    preset = c2.selectbox(TR("export.size_label"), [export.CHART_SIZE, *export.PRESETS], key="export_preset",
                          format_func=functools.partial(export.size_label, lang=LANG), help=TR("export.size_help"))
    page = c3.segmented_control(TR("export.pdf_page"), list(export.PAGES_PT), key="export_page", required=True,
                                format_func=lambda p: export.PAGE_LABELS[p].split()[0])
    return export.ExportLook(bool(on), None if preset == export.CHART_SIZE else preset, page or export.DEFAULT_PAGE,
                             date.today())


@st.cache_resource(show_spinner=False, max_entries=16)
def duck_caption(version: str, key: str, made: date, lang: str, _f: flt.Filters, _sel: duck.DuckSelection) -> Caption:
    """The caption of the rows a DuckDB page keeps (DuckDB counts their articles and outlets: once per view)."""
    return _sel.caption(_f, made, lang)


def chart_exports(rows: views.Rows | duck.DuckSelection, f: flt.Filters) -> None:
    """The chosen chart as PNG/SVG/PDF (server-side kaleido) and interactive HTML, captioned unless switched off."""
    st.session_state.setdefault("export_chart", "timeline")
    chart = st.segmented_control(TR("export.chart"), list(charts.CHARTS), key="export_chart", required=True,
                                 format_func=lambda c: TR(f"export.charts.{c}"))
    chart = chart or "timeline"
    lanes = (st.session_state.get("lanes") or "type") if chart == "timeline" else ""
    view = state.view_key(chart, figure_options(chart, f, lanes))  # what besides the filters makes the figure
    fig = chart_of(chart, f, rows, lanes or "type")
    name = config.figure_filename(chart, f)
    st.markdown(f"**{strings.md_escape(fig.layout.title.text)}** — `{name}.*`")
    look = export_look()
    cap: Caption | None = None
    if look.caption and isinstance(rows, duck.DuckSelection):
        cap = duck_caption(VERSION, rows_key(f), look.made, LANG, f, rows)
    elif look.caption:
        cap = chart_caption(str(DB), VERSION, rows_key(f), look.made, LANG, f, rows)
    if cap is not None:
        st.caption(strings.md_escape(" · ".join(cap.lines())))
    unavailable = ""
    try:
        with st.spinner(TR("spinner.renderer")):
            image_server()
    except export.ImageExportUnavailable as exc:
        unavailable = str(exc)
    failures: dict[str, str] = {}
    files: dict[str, bytes | None] = {}
    with st.spinner(TR("export.making_chart")):
        for fmt in export.FORMATS:
            if fmt in export.IMAGE_FORMATS and unavailable:
                files[fmt] = None
                continue
            files[fmt] = _made(lambda fmt=fmt: chart_file(str(DB), VERSION, rows_key(f), chart, view, fmt, look,
                                                          LANG, fig, cap), fmt, failures)
    for col, fmt in zip(st.columns(len(export.FORMATS)), export.FORMATS, strict=True):
        with col:
            _download(fmt, files[fmt], name)
    if unavailable:
        st.info(TR("export.no_chromium", reason=unavailable), icon=":material/info:")
    else:
        st.caption(TR("export.rendered", size=export.size_label(look.preset or export.CHART_SIZE, LANG),
                      page=export.page_label(look.page, LANG)))
    _show_failures(failures)


def _prepare_data(ready: tuple[str, str]) -> None:
    """on_click of 'Prepare the data files': make them on this rerun."""
    st.session_state["export_data_ready"] = ready


def data_exports(rows: views.Rows, f: flt.Filters) -> None:
    """The filtered events as CSV/JSON/Parquet; above EXPORT_EAGER_ROWS rows only when asked for."""
    st.markdown(TR("export.data_head", rows=TR.plural(len(rows), "n.row")))
    name = config.figure_filename(UNIT, f)
    key = rows_key(f)
    cols = st.columns(4)
    if len(rows) > EXPORT_EAGER_ROWS and st.session_state.get("export_data_ready") != (VERSION, key):
        # a few seconds per 20k rows: not on every visit of the tab
        cols[0].button(TR("export.prepare"), icon=":material/build:", key="export_prepare", on_click=_prepare_data,
                       args=((VERSION, key),), width="stretch", help=TR("export.prepare_help", n=len(rows)))
        return
    failures: dict[str, str] = {}
    with st.spinner(TR("export.making_data", events=TR.plural(len(rows), units.noun(rows.df)))):
        files = {fmt: _made(lambda fmt=fmt: data_file(str(DB), VERSION, key, fmt, rows.frame()), fmt, failures)
                 for fmt in tables.DATA_FORMATS}
    for col, fmt in zip(cols, tables.DATA_FORMATS, strict=False):
        with col:
            _download(fmt, files[fmt], name)
    st.caption(TR("export.csv_note"))
    _show_failures(failures)


def export_view(rows: views.Rows, f: flt.Filters) -> None:
    """Chart images and interactive HTML, and the filtered events as data files."""
    chart_exports(rows, f)
    st.divider()
    data_exports(rows, f)


def empty_state(store: Store, path: Path) -> None:
    """No events yet: say how to add some, and offer the panel and the bundled articles."""
    st.info(TR("empty.intro", command=f"`python -m events ingest path/to/articles --db {path}`"),
            icon=":material/inbox:")
    if ingest.bundled_inputs() and st.button(TR("empty.load"), icon=":material/library_add:"):
        bar = st.progress(0.0, text=TR("empty.reading"))
        report = ingest.ingest_bundled(
            store,
            progress=lambda d, t, label: bar.progress(views.progress_share(d, t), text=strings.progress_text(d, t, label)),
        )
        st.session_state["ingest_report"] = (TR("empty.done"), report)
        st.rerun()
    st.subheader(TR("tabs.add_articles"))
    add_view(store)


# ---------------------------------------------------------------- the page through DuckDB


def duck_event_panel(sel: duck.DuckSelection, report_id: str, key: str) -> None:
    """The event a clicked row or marker stands for, read from the source: its details, history and reports."""
    panel = units.event_panel(sel.event_reports(report_id), report_id, LANG)
    if panel is None:
        st.caption(TR("event.gone"))
        return
    event = panel.event
    with st.container(border=True, key=f"event_panel_{key}"):
        st.markdown(f"**{TR('event.selected')}**")
        st.html(reader.details_html(reader.event_details(event, LANG), str(event.get("sentence") or "")))
        st.markdown(strings.md_escape(panel.history) + ("  \n" + strings.md_escape(panel.planned)
                                                        if panel.planned else ""))
        st.markdown(panel.head)
        for line in panel.reports[:PANEL_MAX_REPORTS]:
            st.markdown(f"{strings.md_escape(line.line)}  \n:gray[{strings.md_escape(line.sentence)}]")


def duck_timeline_view(sel: duck.DuckSelection, f: flt.Filters) -> None:
    """The timeline and the counts per period of the selection (aggregated by DuckDB above the marker limit)."""
    fig, event = timeline_chart(f, sel)
    ids = selection.selected_report_ids(event)
    if (fig.layout.meta or {}).get("aggregated") and selection.selected_markers(event):
        st.caption(TR("duck.marker", n=TR.number(len(sel))))
    elif ids:
        duck_event_panel(sel, ids[0], "open_from_timeline")
    else:
        st.caption(":material/touch_app: " + TR("timeline.click_caption"))
    granularity_control("gran_counts", sel, "bar")
    plot(chart_of("counts", f, sel), "counts", f, key="counts_chart")


def duck_table_view(sel: duck.DuckSelection) -> None:
    """The selection's rows, a page at a time (DuckDB sorts; only the page's rows are read)."""
    pages = max(1, -(-len(sel) // DUCK_PAGE_ROWS))
    if int(st.session_state.get("duck_table_page") or 1) > pages:  # fewer rows than the page shown before
        st.session_state["duck_table_page"] = pages
    page = int(st.number_input(TR("duck.page"), min_value=1, max_value=pages, step=1,
                               key="duck_table_page") or 1)
    view = sel.table_page(page - 1, DUCK_PAGE_ROWS, LANG)
    first = (page - 1) * DUCK_PAGE_ROWS
    st.caption(TR("duck.rows", first=TR.number(first + 1 if len(view) else 0),
                                 last=TR.number(first + len(view)), total=TR.plural(len(sel), sel.noun())))
    table = st.dataframe(view, hide_index=True, height=520, placeholder="—", key="events_table", on_select="rerun",
                         selection_mode="single-row", column_config=table_columns())
    picked = list(getattr(getattr(table, "selection", None), "rows", []) or [])
    if picked and picked[0] < len(view):
        duck_event_panel(sel, str(view["report_id"].iloc[picked[0]]), "open_from_table")


def duck_reader_view(sel: duck.DuckSelection, store: Store | None) -> None:
    """The reader over DuckDB: the picker's articles and an article's reports read by DuckDB, its text from the store
    or from the dataset's articles."""
    arts, n_articles = sel.reader_articles(READER_MAX_ARTICLES)
    aid = article_picker(arts, list(arts.index), n_articles)
    if aid is None:
        return
    article = store.article(aid) if store is not None else sel.source.article(aid)
    if article is None:
        st.warning(TR("reader.gone" if store is not None else "reader.no_text"))
        return
    show_article(article, sel.article_reports(aid))


def duck_page(source: duck.Source, where: Path, store: Store | None) -> None:
    """The page over a source read through DuckDB (a dataset, or a store with more rows than memory holds): the
    filters with their counts, the headline, the charts and the table's pages; then the script stops."""
    global DUCK, SELECTION, VERSION
    VERSION = source.key
    with st.spinner(TR("spinner.events")):
        src = duck_source(source.key, source)
        opts = duck_options(source.key, src)
    DUCK = src
    language_control()
    if store is not None:
        unit_control()
    init_filter_state(opts)
    init_region_state()
    page_notices: list[str] = list(url_language_notices)
    init_view_state(page_notices)
    if page_notices:
        st.session_state["url_notices"] = [*(st.session_state.get("url_notices") or []), *page_notices]
    prune_filter_state(opts)
    f = state.filters_from_state(st.session_state, opts["bounds"])
    sel = SELECTION = duck_selection(source.key, rows_key(f), src, f)
    sidebar_filters(opts, sel.counts)
    sync_url(f)
    sync_region_url()
    if store is not None:
        sync_unit_url()
    numbers = opts["headline"] if sel.everything else sel.headline()
    st.caption(strings.page_caption(opts["headline"]["articles"], len(sel), src.n_rows, LANG, sel.noun()))
    headline(numbers)
    st.sidebar.caption(TR("duck.mode", rows=TR.number(src.n_rows), where=f"`{where}`"))
    actors = [a for a, _ in opts["actors"]]
    for view, tab in draw_tabs().items():
        with tab:
            if not tab.open:
                continue
            if view == "Timeline":
                duck_timeline_view(sel, f)
            elif view == "Compare":
                compare_view(f, sel, sel.actor_counts, actors)
            elif view == "Map":
                map_view(f, sel)
            elif view == "Network":
                network_view(f, sel, actors)
            elif view == "Table":
                duck_table_view(sel)
            elif view == "Export":  # the charts; the rows stream from the command line
                chart_exports(sel, f)
                st.divider()
                st.markdown(TR("duck.export_data", option="--dataset" if store is None else "--db", where=str(where)))
            elif view == "Article reader":
                duck_reader_view(sel, store)
            elif store is not None:  # Add articles: into the store, whose snapshot the next run reads
                add_view(store)
            else:  # a dataset is written once, by the Dask ingest
                st.info(TR("duck.add_to_dataset"), icon=":material/info:")
    data.trim_memory()
    st.stop()


# ---------------------------------------------------------------- the page

url_language_notices = init_language()
LANG = page_language()
TR = i18n.strings(LANG)
st.set_page_config(
    page_title=TR("page.browser_title"),
    page_icon=str(Path(__file__).resolve().parent / "static" / "favicon.png"),  # local: works offline
    layout="wide",
    initial_sidebar_state="expanded",
)

db = DB = data.db_path()
DATASET = duck.dataset_path()  # $EVENTS_DATASET: a dataset folder read through DuckDB instead of the store
if DATASET is None:
    with st.spinner(TR("spinner.store")):  # st.spinner shows only after 0.5 s: on a slow first open
        store = ensure_store(db)
    version = VERSION = store.version()

# only style: a tighter top margin than Streamlit's default
st.html("<style>.block-container{padding-top:2.2rem}</style>")
st.title(TR("page.title"))
if "ingest_report" in st.session_state:
    _show_report(*st.session_state.pop("ingest_report"))

if DATASET is not None:  # a dataset holds reports (the Dask ingest's): the page counts them
    UNIT = "reports"
    duck_page(duck.Source.dataset(DATASET), DATASET, None)
unit_notices = init_unit_state()
UNIT = current_unit()
if store_rows(str(db), version) > duck.duck_above():  # more than memory holds: DuckDB over the snapshot's Parquet
    with st.spinner(TR("spinner.events")):
        duck_source_of_store = duck.store_source(store, UNIT)
    duck_page(duck_source_of_store, data.shown_path(db, Path.cwd()), store)
with st.spinner(TR("spinner.events")):
    reports = reports_frame(str(db), version)
    df = unit_frame(str(db), version, UNIT)
language_control()
if reports.empty:
    empty_state(store, db)
    st.stop()
unit_control()
opts = sidebar_options(str(db), version, UNIT)
facet_index(str(db), version, UNIT)  # built with the load, not on the first filter change (~0.2 s per 100k rows)
codes = article_codes(str(db), version, UNIT)  # the same, for the articles behind the rows kept
init_filter_state(opts)
init_region_state()
page_notices: list[str] = [*url_language_notices, *unit_notices]
init_view_state(page_notices)
if page_notices:  # shown with the filters' URL notices, and cleared with them
    st.session_state["url_notices"] = [*(st.session_state.get("url_notices") or []), *page_notices]
prune_filter_state(opts)
# the filters first (from the widgets' state), then the widgets: their options carry counts under these filters
filters = state.filters_from_state(st.session_state, opts["bounds"])
hits = search_hits(str(db), version, filters.text) if filters.text else None
row_hits = units.event_hits(reports, df, hits) if hits is not None and UNIT == "events" else hits
SELECTION = views.filtered(df, filters, row_hits, opts["actors"], lambda: facet_index(str(db), version, UNIT))
ROWS = SELECTION.rows  # copied only where a view needs them (views.Rows)
sidebar_filters(opts, SELECTION.counts)
if filters.text:
    found = strings.search_caption(hits, filters.text, len(ROWS), LANG)
    st.sidebar.caption(f":material/search: {strings.md_escape(found)}")
sync_url(filters)
sync_region_url()
sync_unit_url()
total = opts["headline"]
all_articles = codes.n_articles  # the store's articles (those of every report)
if ROWS.everything:
    numbers = {**total, "articles": all_articles}
else:  # an event's row names only one of its articles: count those of all its reports
    numbers = views.rows_headline(ROWS, SELECTION.distinct or (0, 0),
                                  units.count_articles(codes, ROWS.positions))
st.caption(strings.page_caption(all_articles, len(ROWS), len(df), LANG, units.noun(df)))
headline(numbers)
if orphans := tables_of(str(db), version).orphans:  # corrections are never dropped in silence
    st.warning(TR.plural(len(orphans), "correction.orphans",
                         ids=", ".join(f"{c.correction_id} ({c.action}, report {c.anchor})" for c in orphans[:5])
                         + (" …" if len(orphans) > 5 else "")), icon=":material/link_off:")
st.sidebar.caption(TR("sidebar.store", path=f"`{data.shown_path(db, Path.cwd())}`"))

tabs = draw_tabs()
with tabs["Timeline"]:
    if tabs["Timeline"].open:
        timeline_view(reports, ROWS, filters)
with tabs["Compare"]:
    if tabs["Compare"].open:
        compare_view(filters, ROWS, SELECTION.actor_counts, [a for a, _ in opts["actors"]])
with tabs["Map"]:
    if tabs["Map"].open:
        map_view(filters, ROWS)
with tabs["Network"]:
    if tabs["Network"].open:
        network_view(filters, ROWS, [a for a, _ in opts["actors"]])
with tabs["Table"]:
    if tabs["Table"].open:
        table_view(reports, ROWS)
with tabs["Article reader"]:
    if tabs["Article reader"].open:
        reader_view(str(db), version, reports,
                    ROWS.frame() if UNIT == "reports" else units.reports_of(reports, ROWS.frame()))
with tabs["Add articles"]:
    if tabs["Add articles"].open:
        add_view(store)
with tabs["Export"]:
    if tabs["Export"].open:
        export_view(ROWS, filters)

if len(df) > data.TRIM_ABOVE:
    # a big store: this run's filtered frames and figure temporaries are freed, but glibc keeps their pages and
    # the process would grow with every filter change (1.2 GB loaded, 2.1 GB after ten changes at 1M events);
    # ROWS outlives the run (a global of the script until the next run), so it lets go of its copies first
    ROWS.forget()
    data.trim_memory()
