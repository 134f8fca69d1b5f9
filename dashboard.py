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

from events import ingest
from events.dashboard import (
    caption,
    charts,
    countries,
    data,
    export,
    facets,
    geo,
    periods,
    reader,
    selection,
    state,
    strings,
    tables,
    views,
)
from events.dashboard import filters as flt
from events.dashboard.actor_names import ActorLookup
from events.dashboard.caption import Caption
from events.dashboard.charts import compare, config, style, timeline
from events.search import SearchHits
from events.store import Store

st.set_page_config(
    page_title="Diplomacy & war — events",
    page_icon=str(Path(__file__).resolve().parent / "static" / "favicon.png"),  # local: works offline
    layout="wide",
    initial_sidebar_state="expanded",
)

VIEWS = ("Timeline", "Compare", "Map", "Network", "Table", "Article reader", "Add articles", "Export")
READER_MAX_ARTICLES = 2_000  # the reader's picker lists at most this many (most recent first)
# One marker per event costs ~0.1 ms to build and ~0.5 KB to send; above this many the timeline
# aggregates per day/week/month (and says so in its title) to keep a rerun under ~0.2 s.
TIMELINE_MAX_POINTS = int(os.environ.get("EVENTS_TIMELINE_MAX_POINTS") or 1_500)
# The table shows the newest rows only beyond this (1M rows would take ~2 GB to convert and send)
TABLE_MAX_ROWS = 25_000
MARKER_MAX_ROWS = 200  # a clicked aggregated marker lists at most this many of its events
MARKER_COLUMNS = ("date", "event_type", "status", "actors", "location_name", "sentence", "event_id")
# The Export tab makes the data files on arrival up to this many rows (~1 s); above, when asked to
EXPORT_EAGER_ROWS = int(os.environ.get("EVENTS_EXPORT_EAGER_ROWS") or 5_000)


# ---------------------------------------------------------------- cached resources and data


# the spinner shows only while a store made before the full-text index gets it (once; ~1 s per 20,000 articles)
@st.cache_resource(show_spinner="Opening the store…")
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
@st.cache_resource(show_spinner="Loading events…", max_entries=1)
def events_frame(path: str, version: str) -> pd.DataFrame:
    """The store's events, prepared for filtering (one shared read-only copy per store version)."""
    return data.load_events(get_store(path))


@st.cache_data(show_spinner=False, max_entries=4)
def sidebar_options(path: str, version: str) -> dict[str, Any]:
    """Filter choices with counts, the date span and the unfiltered headline, per store version."""
    return views.sidebar_options(events_frame(path, version))


@st.cache_resource(show_spinner=False, max_entries=1)
def facet_index(path: str, version: str) -> facets.FacetIndex:
    """Each sidebar facet's values coded per event, for the counts beside the options (~0.2 s per 100k events)."""
    return facets.build_index(events_frame(path, version))


@st.cache_resource(show_spinner=False, max_entries=2)
def actor_lookup(path: str, version: str) -> ActorLookup:
    """Every name the gazetteer knows -> the store's actors (the gazetteer is read once per process, ~0.5 s)."""
    return ActorLookup(a for a, _ in sidebar_options(path, version)["actors"])


# cache_resource: the hits are only read, and a broad search holds thousands of ids (pickling them per rerun costs)
@st.cache_resource(show_spinner=False, max_entries=32)
def search_hits(path: str, version: str, text: str) -> SearchHits | None:
    """The store's full-text search for the sidebar's text, per store version."""
    return get_store(path).search(text)


# cache_resource: the figure is only read (serialised to JSON by st.plotly_chart); cache_data would pickle
# it on every miss and unpickle it on every hit (~30 ms for a timeline at 100k events)
@st.cache_resource(show_spinner=False, max_entries=64)
def figure(path: str, version: str, key: str, chart: str, lanes: str, region: str, gran: str,
           compared: tuple[str, ...], _sel: pd.DataFrame) -> Any:
    """A chart of the filtered events `_sel`, cached per store version, filters (`key`), lanes, map region,
    granularity and compared actors.

    Revisiting a view (another tab, reset filters, a click on the timeline) is then instant.
    `_sel` is not hashed (hashing 100k rows would cost more than drawing them): `key` stands for it.
    """
    return charts.draw(_sel, chart, lanes=lanes, region=region, granularity=gran, compared=compared,
                       max_points=TIMELINE_MAX_POINTS)


@st.cache_data(show_spinner=False, max_entries=4)
def articles_table(path: str, version: str) -> pd.DataFrame:
    """One row per stored article (for the reader's picker), per store version."""
    return get_store(path).articles_frame().set_index("article_id")


@st.cache_resource(show_spinner="Starting the image renderer (Chromium)…")
def image_server() -> str:
    """The persistent Chromium for PNG/SVG/PDF export (raises ImageExportUnavailable; not cached then)."""
    return export.start_image_server()


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
        bar = st.progress(0.0, text="First run: reading the bundled articles…")

        def progress(done: int, total: int, label: str) -> None:
            bar.progress(views.progress_share(done, total),
                         text=strings.progress_text(done, total, label, "First run: reading the bundled articles — "))

        report = ingest.ingest_bundled(store, progress=progress)
        bar.empty()
        st.session_state["ingest_report"] = ("First run: the bundled articles were read.", report)
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
    resolved, notes = state.resolve_typed_actors(value, set(known), actor_lookup(str(DB), VERSION))
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
    f, choices, notices = state.read_url(params, opts, lambda: actor_lookup(str(DB), VERSION))
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
        return facets.option_label(v, totals, counts, name)

    _send_new_labels(key, shown)
    sb.multiselect(label, facets.facet_order(options, counts), key=key, format_func=shown, **kwargs)


def _facet_pills(sb: Any, label: str, key: str, options: list[tuple[str, int]], counts: dict[str, int] | None,
                 name: Callable[[str], str] = str, **kwargs: Any) -> None:
    """Sidebar pills with facet counts; a value with none is greyed (pills read Markdown) and keeps its place."""
    totals = dict(options)
    sb.pills(label, [v for v, _ in options], key=key, selection_mode="multi", on_change=_clear_notices,
             format_func=lambda v: facets.pill_option_label(v, totals, counts, name), **kwargs)


def sidebar_filters(opts: dict[str, Any], counts: dict[str, dict[str, int]] | None) -> None:
    """Draw the filter widgets, each option with its number of events among those the other filters leave."""
    bounds = opts["bounds"]
    fc = counts or {}
    sb = st.sidebar
    head, reset = sb.columns([3, 2], vertical_alignment="center")
    head.subheader("Filters")
    reset.button("Reset", icon=":material/restart_alt:", on_click=_reset_filters, args=(bounds,),
                 help="Clear every filter", key="reset_filters", width="stretch")
    for notice in st.session_state.get("url_notices") or []:
        sb.caption(f":material/info: {strings.md_escape(notice)}")
    if counts is not None:
        sb.caption("Counts beside the options: events among those the *other* filters leave.")

    known_actors = [a for a, _ in opts["actors"]]
    # Streamlit filters the options by their labels only: a name written otherwise ("Zelenski", "Kremlin") matches
    # none, so Enter adds it as typed and _resolve_typed_actors swaps it for the actors it names. "contains" rather
    # than the default fuzzy filter, whose loose in-order letters would offer (and Enter pick) an unrelated actor;
    # no "select all" row, which Enter would pick first
    _facet_multiselect(
        sb, "Actors", "f_actors", opts["actors"], fc.get("actors") if counts is not None else None,
        placeholder="All actors — type any name", on_change=_resolve_typed_actors, args=(known_actors,),
        accept_new_options=True, filter_mode="contains", select_all=False,
        help="Countries, people, organisations and places taking part, most events first. Type a name as the "
             "news writes it (Zelenski, Zelenskyy, Kremlin, Casa Albă, Élysée) and press Enter: it selects the "
             "actors it stands for.",
    )
    for notice in st.session_state.get("actor_notices") or []:
        sb.caption(f":material/info: {strings.md_escape(notice)}")
    sb.segmented_control(
        "Events with", list(flt.ACTOR_MODES), key="f_actor_mode", format_func=state.ACTOR_MODE_LABELS.get,
        required=True, on_change=_clear_notices, help="Any of the selected actors, or all of them together.",
    )
    country = functools.partial(countries.country_label, names=countries.country_names())

    facet = {k: (fc.get(k) if counts is not None else None) for k in facets.FACETS}
    _facet_multiselect(sb, "Countries", "f_countries", opts["countries"], facet["countries"], country,
                       on_change=_clear_notices, placeholder="All countries",
                       help="Events with an actor from one of these countries.")
    _facet_multiselect(sb, "Location country", "f_loc_countries", opts["location_countries"],
                       facet["location_countries"], country, on_change=_clear_notices, placeholder="Anywhere",
                       help="Where the event happened: the country of its place (the talks' venue, the city hit), "
                            "whoever took part. Events without a place have none.")
    _facet_multiselect(sb, "Place", "f_places", opts["places"], facet["places"], on_change=_clear_notices,
                       placeholder="All places", help="Where it took place, or the place hit (the target city).")
    _facet_pills(sb, "Event types", "f_types", opts["types"], facet["event_types"], style.type_label)
    _facet_pills(sb, "Status", "f_statuses", opts["statuses"], facet["statuses"])
    if bounds:
        lo, hi = state.date_limits(st.session_state.get("f_dates"), bounds)
        sb.date_input("Dates", key="f_dates", min_value=lo, max_value=hi, format="YYYY-MM-DD",
                      on_change=_clear_notices, help="Event date; undated events count at their publication date.")
    _facet_pills(sb, "Language", "f_langs", opts["languages"], facet["languages"])
    _facet_multiselect(sb, "Sources", "f_sources", opts["sources"], facet["sources"], placeholder="All sources",
                       on_change=_clear_notices)
    sb.slider("Minimum confidence", min_value=0.0, max_value=1.0, step=flt.CONFIDENCE_STEP, key="f_min_conf",
              format="%.2f", on_change=_clear_notices,
              help="Only events the extractor is at least this sure of (0 keeps every event; above 0, events of "
                   "unknown confidence are left out).")
    sb.text_input("Search titles, articles and evidence sentences", key="f_text", placeholder="e.g. drone, Istanbul",
                  on_change=_clear_notices,
                  help="Words match at their start, case and diacritics aside: *negocieri* finds *negocierile*, "
                       "*Brasov* finds *Brașov*. An event matches when its article's title or text, or its evidence "
                       'sentence, holds every word. "Quotes" make a phrase; AND, OR, NOT and brackets combine words.')


def sync_url(f: flt.Filters) -> None:
    """Mirror the filters and chart choices in the query string so a copied URL reproduces the view (one history
    entry per change)."""
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    update = state.url_update(current, f, chart_choices())
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


def granularity_control(key: str, sel: pd.DataFrame, mark: str) -> str:
    """Day / week / month / auto for a chart counting per period; 'Auto (week)' says what auto picked."""
    st.session_state[key] = chart_choices().granularity  # the control shows the kept choice
    auto = views.auto_granularity(sel)
    st.segmented_control(
        f"One {mark} per", list(periods.GRANULARITIES), key=key, required=True, on_change=_granularity_picked,
        args=(key,), format_func=lambda g: strings.granularity_label(g, auto),
        help="Day, week (Monday to Sunday) or month; auto picks days up to 60 days of events, weeks up to two "
             "years, months beyond.",
    )
    return chart_choices().granularity


# ---------------------------------------------------------------- page pieces


def headline(s: dict[str, Any]) -> None:
    """Metric cards: events, events by type, actors, date span (they wrap onto a second row on a narrow page)."""
    # a wrapping row, not st.columns: columns share the width whatever their text, and at 900 px cut "122" to "1"
    row = st.container(horizontal=True, gap="small", key="headline")
    for card in views.metric_cards(s):
        row.metric(card.label, card.value, border=True, width="stretch", help=card.help)


def plot(fig: Any, chart: str, f: flt.Filters, **kwargs: Any) -> Any:
    """st.plotly_chart with the project's config (2x PNG, descriptive name, offline map outlines)."""
    return st.plotly_chart(fig, config=config.plotly_config(chart, f), theme=None, **kwargs)


def chart_of(chart: str, f: flt.Filters, sel: pd.DataFrame, lanes: str = "type") -> Any:
    """The cached figure of one chart of `sel` (the events matching f in the page's DB at VERSION).

    The map shows the region chosen on its tab (st.session_state[MAP_REGION]); counts and compare the granularity,
    compare the actors chosen on its tab (`chart_choices`).
    """
    o = figure_options(chart, f, lanes)
    return figure(str(DB), VERSION, state.filters_key(f), chart, o.lanes, o.region, o.granularity, o.compared, sel)


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


def map_region() -> str:
    """The map's region (the data's extent until the URL or the user says otherwise)."""
    return geo.valid_region(st.session_state.get(MAP_REGION))


def init_region_state() -> None:
    """First run and Back/Forward: the map's region from the URL (?region=), a notice for an unknown value."""
    if MAP_REGION in st.session_state and not history_navigation():
        return
    region, notices = geo.region_from_params(st.query_params.get_all(geo.REGION_PARAM))
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


def map_view(f: flt.Filters, sel: pd.DataFrame) -> None:
    """The region control, and the map of the filtered events in that region."""
    st.session_state[REGION_PICK] = map_region()  # the widget shows the kept choice (its own key died with the tab)
    st.segmented_control("Region", list(geo.REGIONS), key=REGION_PICK, required=True, on_change=_region_picked,
                         format_func=lambda r: geo.REGIONS[r].label, label_visibility="collapsed",
                         help="Where the map opens: the data's extent (where most events are), or a region")
    plot(chart_of("map", f, sel), "map", f, key="map_chart")
    st.caption(":material/zoom_in: Scroll to zoom, drag to pan, double-click to return to the region. Hover a "
               "marker for its name and events.")


def _network_clicked(actors: list[str]) -> None:
    """on_select of the network: a click on a node filters by that actor (its URL follows; Back undoes it)."""
    actor = selection.clicked_actor(st.session_state.get("network_chart"), actors)
    if actor is not None:
        st.session_state.update(state.actor_click_state(actor))
        _clear_notices()


def network_view(f: flt.Filters, sel: pd.DataFrame, actors: list[str]) -> None:
    """The actor network; clicking a node sets the actor filter to it."""
    plot(chart_of("network", f, sel), "network", f, key="network_chart", selection_mode="points",
         on_select=functools.partial(_network_clicked, actors))
    st.caption(":material/touch_app: Click an actor to show only its events — the Reset button or the browser's "
               "Back button undoes it. Hover a node for its name and events.")


def _open_reader(article_id: str, event_id: str | None) -> None:
    """on_click: show an article (and one of its events) in the reader tab."""
    st.session_state["reader_article"] = article_id
    st.session_state["reader_event"] = event_id
    st.session_state["view"] = "Article reader"


def event_panel(df: pd.DataFrame, event_id: str, key: str, note: str = "") -> None:
    """Details of one event and a button to read it in its article."""
    row = views.event_row(df, event_id)
    if row is None:
        st.caption("The selected event is no longer in the store.")
        return
    with st.container(border=True):
        st.markdown(f"**Selected event** {note}")
        st.html(reader.details_html(reader.event_details(row), str(row.get("sentence") or "")))
        st.button("Read it in its article", icon=":material/article:", key=key, on_click=_open_reader,
                  args=(str(row["article_id"]), event_id), type="primary")


def timeline_view(df: pd.DataFrame, sel: pd.DataFrame, f: flt.Filters) -> None:
    """Timeline (lanes by type or actor), clicked event's details, counts per period."""
    st.session_state.setdefault("lanes", "type")
    lanes = st.segmented_control("Lanes", ["type", "actor"], key="lanes", required=True, label_visibility="collapsed",
                                 format_func={"type": "One lane per event type", "actor": "One lane per actor"}.get)
    fig = chart_of("timeline", f, sel, lanes or "type")
    event = plot(fig, "timeline", f, key="timeline_chart", on_select="rerun", selection_mode="points")
    ids = selection.selected_event_ids(event)
    per = (fig.layout.meta or {}).get("aggregated")
    markers = selection.selected_markers(event) if per else []
    if markers:  # one marker stands for all events of its lane, type and status in that period
        marker_view(df, timeline.marker_events(sel, markers[0], lanes or "type"), per, markers[0])
    elif ids:
        event_panel(df, ids[0], "open_from_timeline", f"(1 of {len(ids)} selected)" if len(ids) > 1 else "")
    else:
        st.caption(":material/touch_app: Click an event to see its details and open its article.")
    granularity_control("gran_counts", sel, "bar")
    plot(chart_of("counts", f, sel), "counts", f, key="counts_chart")


def _compared_picked() -> None:
    """on_change of the compared actors: the user's choice (none chosen: back to the default)."""
    st.session_state[COMPARED] = list(st.session_state.get("compare_pick") or [])[: compare.MAX_COMPARED]
    st.session_state.pop("url_notices", None)


def compare_view(f: flt.Filters, sel: pd.DataFrame, actor_counts: dict[str, int], known: list[str]) -> None:
    """Events per period of up to 6 actors side by side (small multiples), the actors chosen here."""
    chosen = list(compared_actors(f))
    st.session_state["compare_pick"] = chosen  # the control shows the kept choice (its own key dies with the tab)
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    with left:
        st.multiselect(
            f"Actors compared (up to {compare.MAX_COMPARED})", views.compare_options(chosen, known, actor_counts),
            key="compare_pick", max_selections=compare.MAX_COMPARED, on_change=_compared_picked,
            placeholder="The actors with the most events", filter_mode="contains",
            help="Choose up to 6 actors. Without a choice: the sidebar's actors, else the 6 with the most events "
                 "among the filtered ones. An actor with no filtered event is drawn as zeros.",
        )
    with right:
        granularity_control("gran_compare", sel, "point")
    if not chart_choices().compared:
        st.caption(strings.compare_caption(bool(f.actors), len(chosen)))
    plot(chart_of("compare", f, sel), "compare", f, key="compare_chart")


def marker_view(df: pd.DataFrame, rows: pd.DataFrame, per: str, marker: str) -> None:
    """The events behind a clicked aggregated marker: a short table, and the details of the one picked."""
    if rows.empty:
        st.caption("The events of that marker are no longer in the filtered set.")
        return
    view = views.table_frame(rows, limit=MARKER_MAX_ROWS)
    st.caption(strings.marker_caption(len(view), len(rows), per))
    # a key per marker: a row picked in one marker's list is not carried over to the next marker clicked
    table = st.dataframe(view[[c for c in MARKER_COLUMNS if c in view.columns]], hide_index=True,
                         key="marker_table_" + state.content_key(marker),
                         height=min(38 + 35 * len(view), 280), on_select="rerun", selection_mode="single-row",
                         column_config=table_columns())
    picked = list(getattr(getattr(table, "selection", None), "rows", []) or [])
    index = picked[0] if picked and picked[0] < len(view) else 0
    note = "" if picked else f"(the first of the {len(rows):,})"
    event_panel(df, str(view["event_id"].iloc[index]), "open_from_marker", note)


def table_columns() -> dict[str, Any]:
    """Column configuration of the events tables."""
    return {
        "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD", help="Empty when the text gives none"),
        "event_type": st.column_config.TextColumn("Type"),
        "status": st.column_config.TextColumn("Status"),
        "actors": st.column_config.TextColumn("Actors", width="medium"),
        "countries": st.column_config.TextColumn("Countries"),
        "location_name": st.column_config.TextColumn("Place"),
        "sentence": st.column_config.TextColumn("Evidence sentence", width="large"),
        "confidence": st.column_config.ProgressColumn("Confidence", min_value=0.0, max_value=1.0, format="%.2f"),
        "date_text": st.column_config.TextColumn("Date as written"),
        "source": st.column_config.TextColumn("Source"),
        "published": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
        "title": st.column_config.TextColumn("Article"),
        "language": st.column_config.TextColumn("Lang"),
        "event_id": st.column_config.TextColumn("Event id"),
        "article_id": st.column_config.TextColumn("Article id"),
    }


def table_view(df: pd.DataFrame, sel: pd.DataFrame) -> None:
    """The filtered events as a sortable table; a selected row shows its details."""
    view = views.table_frame(sel, limit=TABLE_MAX_ROWS)
    st.caption(strings.table_caption(len(view), len(sel)))
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
        event_panel(df, str(view["event_id"].iloc[rows[0]]), "open_from_table")


def reader_view(path: str, version: str, df: pd.DataFrame, sel: pd.DataFrame) -> None:
    """An article's text with every event sentence highlighted and labelled (escaped: never executed)."""
    arts = articles_table(path, version)
    options, n_articles = reader.article_choices(arts, sel, st.session_state.get("reader_article"),
                                                 READER_MAX_ARTICLES)
    if not options:
        st.info("No article has events matching the filters.")
        return
    if st.session_state.get("reader_article") not in options:
        st.session_state["reader_article"] = options[0]
    capped = reader.picker_note(n_articles, READER_MAX_ARTICLES)
    aid = st.selectbox(f"Article — among those with events matching the filters{capped}", options,
                       key="reader_article", format_func=functools.partial(reader.picker_label, arts))
    article = get_store(path).article(aid)
    if article is None:
        st.warning("This article is no longer in the store.")
        return
    events = views.article_events(df, aid)
    st.subheader(strings.md_escape(reader.article_title(article)), anchor=False)
    st.caption(strings.md_escape(reader.article_caption(article, len(events))))
    url = strings.safe_url(article.url)
    if url:
        st.link_button("Original article", url, icon=":material/open_in_new:")
    with st.container(border=True):
        st.html(reader.article_html(article.text, events, selected=st.session_state.get("reader_event")))
    if len(events):
        st.dataframe(views.table_frame(events)[["date", "event_type", "status", "actors", "location_name", "confidence"]],
                     hide_index=True, placeholder="—", key="reader_events", column_config={
                         "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
                         "event_type": "Type", "status": "Status", "actors": "Actors", "location_name": "Place",
                         "confidence": st.column_config.ProgressColumn("Confidence", min_value=0.0, max_value=1.0,
                                                                       format="%.2f")})


def _show_report(title: str, report: ingest.IngestReport) -> None:
    """Outcome of an ingest: a summary line, then each rejected input with its reason."""
    show = {"success": st.success, "warning": st.warning, "info": st.info}[views.report_level(report)]
    show(f"{title} {report.message()}.")
    for name, reason in report.rejected:
        st.error(f"**{strings.md_escape(name)}** was not added: {strings.md_escape(reason)}", icon=":material/block:")
    if report.warnings:
        with st.expander(f"{len(report.warnings)} warnings"):
            for name, reason in report.warnings:
                st.caption(strings.md_escape(f"{name}: {reason}"))


def add_view(store: Store) -> None:
    """Upload files or paste text; ingest with progress; new events show on the rerun."""
    st.markdown(
        f"Add news articles: files (**{', '.join(ingest.UPLOAD_TYPES)}**, up to {ingest.MAX_UPLOAD_MB} MB each, "
        f"{ingest.MAX_UPLOAD_FILES} files and {ingest.MAX_UPLOAD_TOTAL_MB} MB per upload) "
        "or pasted text. Dates, places and actors are read from the text; the fields below fill in what an "
        "article does not say. Re-uploading a file with the same name replaces it."
    )
    with st.form("add_form", clear_on_submit=True):
        files = st.file_uploader("Article files", type=list(ingest.UPLOAD_TYPES), accept_multiple_files=True,
                                 max_upload_size=ingest.MAX_UPLOAD_MB, key="upload_files")
        text = st.text_area("…or paste an article", height=150, key="paste_text",
                            placeholder="Paste the text of a news article (Romanian or English)")
        title = st.text_input("Title of the pasted article", key="paste_title")
        c1, c2, c3 = st.columns(3)
        published = c1.date_input("Publication date", value=None, key="add_published", format="YYYY-MM-DD",
                                  help="For articles that don't carry one")
        language = c2.selectbox("Language", ingest.LANGUAGE_CHOICES, key="add_language",
                                format_func={"auto": "Detect", "ro": "Romanian", "en": "English"}.get)
        source = c3.text_input("Source", key="add_source", placeholder="e.g. Reuters")
        submitted = st.form_submit_button("Add articles", type="primary", icon=":material/upload:")
    if not submitted:
        return
    uploads = [(u.name, u.getvalue()) for u in files or []]
    if not uploads and not (text or "").strip():
        st.warning("Choose one or more files, or paste a text, then press *Add articles*.")
        return
    bar = st.progress(0.0, text="Reading…")

    def progress(done: int, total: int, label: str) -> None:
        bar.progress(views.progress_share(done, total), text=strings.progress_text(done, total, label, "Reading ", ": "))

    report = ingest.IngestReport()
    if uploads:
        report.merge(ingest.ingest_uploads(store, uploads, published=published, language=language,
                                        source=source or None, progress=progress))
    if (text or "").strip():
        report.merge(ingest.ingest_pasted(store, text, title=title or None, published=published,
                                       language=language, source=source or None))
    bar.empty()
    st.session_state["ingest_report"] = ("Done:", report)
    st.rerun()  # the store's version changed: reload the events everywhere on the page


EXPORT_LABELS = {"png": "PNG", "svg": "SVG", "pdf": "PDF", "html": "HTML (interactive)", "csv": "CSV",
                 "json": "JSON", "parquet": "Parquet"}


# The files are made before their buttons are drawn, and the buttons carry the bytes: a button whose bytes are made
# on click (data=callable) keeps them under an id that the next rerun replaces, so a second click while a first
# download's rerun was on its way asked for an id no longer known and hung ("Deferred file … not found").
# Cached per view, a rerun hands the buttons the very same bytes, hence the same URL.
@st.cache_resource(show_spinner=False, max_entries=16)
def chart_file(path: str, version: str, key: str, chart: str, view: str, fmt: str, look: export.ExportLook, _fig: Any,
               _cap: Caption | None) -> bytes:
    """One export of a chart (PNG/SVG/PDF/HTML), cached like the figure itself (`key` stands for the filters).

    `view` (`state.view_key`: the timeline's lanes, the map's region, the granularity, the compared actors) and `look`
    (caption on, preset, page, day made) stand for what else made `_fig` and `_cap`, and the size.
    """
    return export.figure_file(_fig, fmt, caption=_cap if look.caption else None, preset=look.preset, page=look.page)


@st.cache_resource(show_spinner=False, max_entries=16)
def chart_caption(path: str, version: str, key: str, made: date, _f: flt.Filters, _sel: pd.DataFrame) -> Caption:
    """The caption of the filtered events (it counts their articles and outlets: once per view and day)."""
    return caption.caption(_f, _sel, made)


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
    st.download_button(EXPORT_LABELS[fmt], data=content or b"", file_name=f"{name}.{fmt}", mime=export.MIME_TYPES[fmt],
                       key=f"export_{fmt}", disabled=content is None, on_click="ignore", icon=":material/download:",
                       width="stretch")


def _show_failures(failures: dict[str, str]) -> None:
    """One error per file that could not be made."""
    for fmt, reason in failures.items():
        st.error(f"The {EXPORT_LABELS[fmt]} file could not be made: {strings.md_escape(reason)}", icon=":material/error:")


def export_look() -> export.ExportLook:
    """The Export tab's caption switch, size and PDF page (defaults: caption on, the chart's own size, A4)."""
    st.session_state.setdefault("export_caption", True)
    st.session_state.setdefault("export_preset", export.CHART_SIZE)
    st.session_state.setdefault("export_page", export.DEFAULT_PAGE)
    c1, c2, c3 = st.columns([2, 3, 2], vertical_alignment="bottom")
    on = c1.toggle("Caption", key="export_caption",
                   help="Under the chart: the filters, the number of events and articles, the sources and the date")
    preset = c2.selectbox("Size", [export.CHART_SIZE, *export.PRESETS], key="export_preset", format_func=export.size_label,
                          help="Image size; a PDF is always scaled to fit its page")
    page = c3.segmented_control("PDF page", list(export.PAGES_PT), key="export_page", required=True,
                                format_func=lambda p: export.PAGE_LABELS[p].split()[0])
    return export.ExportLook(bool(on), None if preset == export.CHART_SIZE else preset, page or export.DEFAULT_PAGE,
                             date.today())


def chart_exports(sel: pd.DataFrame, f: flt.Filters) -> None:
    """The chosen chart as PNG/SVG/PDF (server-side kaleido) and interactive HTML, captioned unless switched off."""
    st.session_state.setdefault("export_chart", "timeline")
    chart = st.segmented_control("Chart", list(charts.CHARTS), key="export_chart", required=True,
                                 format_func=lambda c: c.capitalize())
    chart = chart or "timeline"
    lanes = (st.session_state.get("lanes") or "type") if chart == "timeline" else ""
    view = state.view_key(chart, figure_options(chart, f, lanes))  # what besides the filters makes the figure
    fig = chart_of(chart, f, sel, lanes or "type")
    name = config.figure_filename(chart, f)
    st.markdown(f"**{strings.md_escape(fig.layout.title.text)}** — `{name}.*`")
    look = export_look()
    cap = chart_caption(str(DB), VERSION, state.filters_key(f), look.made, f, sel) if look.caption else None
    if cap is not None:
        st.caption(strings.md_escape(" · ".join(cap.lines())))
    unavailable = ""
    try:
        image_server()
    except export.ImageExportUnavailable as exc:
        unavailable = str(exc)
    failures: dict[str, str] = {}
    files: dict[str, bytes | None] = {}
    with st.spinner("Making the chart's files…"):
        for fmt in export.FORMATS:
            if fmt in export.IMAGE_FORMATS and unavailable:
                files[fmt] = None
                continue
            files[fmt] = _made(lambda fmt=fmt: chart_file(str(DB), VERSION, state.filters_key(f), chart, view, fmt, look,
                                                          fig, cap), fmt, failures)
    for col, fmt in zip(st.columns(len(export.FORMATS)), export.FORMATS, strict=True):
        with col:
            _download(fmt, files[fmt], name)
    if unavailable:
        st.info(f"PNG, SVG and PDF need a Chromium browser on the server. {unavailable} "
                "Meanwhile the camera button on each chart's toolbar downloads a PNG, and HTML works.",
                icon=":material/info:")
    else:
        st.caption(f"Images are rendered on the server: {export.size_label(look.preset or export.CHART_SIZE)}. PDF: one "
                   f"{export.PAGE_LABELS[look.page]} page, the chart scaled to fit. Maps use the bundled outlines.")
    _show_failures(failures)


def _prepare_data(ready: tuple[str, str]) -> None:
    """on_click of 'Prepare the data files': make them on this rerun."""
    st.session_state["export_data_ready"] = ready


def data_exports(sel: pd.DataFrame, f: flt.Filters) -> None:
    """The filtered events as CSV/JSON/Parquet; above EXPORT_EAGER_ROWS rows only when asked for."""
    st.markdown(f"**The filtered events** — {len(sel):,} rows")
    name = config.figure_filename("events", f)
    key = state.filters_key(f)
    cols = st.columns(4)
    if len(sel) > EXPORT_EAGER_ROWS and st.session_state.get("export_data_ready") != (VERSION, key):
        # a few seconds per 20k rows: not on every visit of the tab
        cols[0].button("Prepare the data files", icon=":material/build:", key="export_prepare", on_click=_prepare_data,
                       args=((VERSION, key),), width="stretch",
                       help=f"Make CSV, JSON and Parquet files of the {len(sel):,} filtered events")
        return
    failures: dict[str, str] = {}
    with st.spinner(f"Making the data files of {len(sel):,} events…"):
        files = {fmt: _made(lambda fmt=fmt: data_file(str(DB), VERSION, key, fmt, sel), fmt, failures)
                 for fmt in tables.DATA_FORMATS}
    for col, fmt in zip(cols, tables.DATA_FORMATS, strict=False):
        with col:
            _download(fmt, files[fmt], name)
    st.caption("CSV cells that start with = + - @ are prefixed with ' so spreadsheets never run them as formulas.")
    _show_failures(failures)


def export_view(sel: pd.DataFrame, f: flt.Filters) -> None:
    """Chart images and interactive HTML, and the filtered events as data files."""
    chart_exports(sel, f)
    st.divider()
    data_exports(sel, f)


def empty_state(store: Store, path: Path) -> None:
    """No events yet: say how to add some, and offer the panel and the bundled articles."""
    st.info(
        "**No events yet.** Add news articles below — upload files or paste a text — and their talks, "
        "summits and air attacks appear here. From a terminal:\n\n"
        f"`python -m events ingest path/to/articles --db {path}`",
        icon=":material/inbox:",
    )
    if ingest.bundled_inputs() and st.button("Load the bundled sample articles", icon=":material/library_add:"):
        bar = st.progress(0.0, text="Reading the bundled articles…")
        report = ingest.ingest_bundled(
            store,
            progress=lambda d, t, label: bar.progress(views.progress_share(d, t), text=strings.progress_text(d, t, label)),
        )
        st.session_state["ingest_report"] = ("Bundled articles:", report)
        st.rerun()
    st.subheader("Add articles")
    add_view(store)


# ---------------------------------------------------------------- the page

db = DB = data.db_path()
store = ensure_store(db)
version = VERSION = store.version()

# only style: a tighter top margin than Streamlit's default
st.html("<style>.block-container{padding-top:2.2rem}</style>")
st.title("Diplomacy & war in the news")
if "ingest_report" in st.session_state:
    _show_report(*st.session_state.pop("ingest_report"))

df = events_frame(str(db), version)
if df.empty:
    empty_state(store, db)
    st.stop()
opts = sidebar_options(str(db), version)
facet_index(str(db), version)  # built with the store's load, not on the first filter change (~0.2 s per 100k events)
init_filter_state(opts)
init_region_state()
prune_filter_state(opts)
# the filters first (from the widgets' state), then the widgets: their options carry counts under these filters
filters = state.filters_from_state(st.session_state, opts["bounds"])
hits = search_hits(str(db), version, filters.text) if filters.text else None
SELECTION = views.filtered(df, filters, hits, opts["actors"], lambda: facet_index(str(db), version))
sel = SELECTION.sel
sidebar_filters(opts, SELECTION.counts)
if filters.text:
    st.sidebar.caption(f":material/search: {strings.md_escape(strings.search_caption(hits, filters.text, len(sel)))}")
sync_url(filters)
sync_region_url()
total = opts["headline"]
st.caption(strings.page_caption(total["articles"], len(sel), len(df)))
headline(total if sel is df else views.headline(sel))
st.sidebar.caption(f"Store: `{data.shown_path(db, Path.cwd())}` · share the page's URL to share this view.")

tabs = dict(zip(VIEWS, st.tabs(VIEWS, key="view", bind="query-params"), strict=True))
with tabs["Timeline"]:
    if tabs["Timeline"].open:
        timeline_view(df, sel, filters)
with tabs["Compare"]:
    if tabs["Compare"].open:
        compare_view(filters, sel, SELECTION.actor_counts, [a for a, _ in opts["actors"]])
with tabs["Map"]:
    if tabs["Map"].open:
        map_view(filters, sel)
with tabs["Network"]:
    if tabs["Network"].open:
        network_view(filters, sel, [a for a, _ in opts["actors"]])
with tabs["Table"]:
    if tabs["Table"].open:
        table_view(df, sel)
with tabs["Article reader"]:
    if tabs["Article reader"].open:
        reader_view(str(db), version, df, sel)
with tabs["Add articles"]:
    if tabs["Add articles"].open:
        add_view(store)
with tabs["Export"]:
    if tabs["Export"].open:
        export_view(sel, filters)

if len(df) > data.TRIM_ABOVE:
    # a big store: this run's filtered frames and figure temporaries are freed, but glibc keeps their pages and
    # the process would grow with every filter change (1.2 GB loaded, 2.1 GB after ten changes at 1M events)
    del sel
    data.trim_memory()
