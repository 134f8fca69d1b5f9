"""The page's state and its URL: sidebar widgets <-> Filters, the chart choices (granularity, compared actors)
in the query string, typed actor names, a click that sets the actor filter.

The URL holds the filters (`filters.to_query_params`) and the chart choices (`periods.PARAM`, `COMPARE_PARAM`);
`*_param_changes` say what to set and delete so that it holds exactly the page's state.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

import pandas as pd

from events.dashboard import filters as flt
from events.dashboard import i18n, periods, views
from events.dashboard.actor_names import ActorLookup
from events.dashboard.charts.compare import MAX_COMPARED

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
ACTOR_MODE_LABELS = {"any": "any of them", "all": "all of them"}  # English; `actor_mode_label` per language


def actor_mode_label(mode: str, lang: str = i18n.DEFAULT) -> str:
    """The actors' mode control: 'any of them' / 'oricare dintre ei'."""
    return i18n.t(lang, f"sidebar.actor_mode.{mode}")




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
    value: Sequence[str], known: Collection[str], lookup: ActorLookup, lang: str = i18n.DEFAULT
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
        note = found.note(lang) or (found.problem(lang) and i18n.t(lang, "notice.ignored", problem=found.problem(lang)))
        if note:
            notes.append(note)
    return list(out), notes


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
    params: Mapping[str, Any], df: pd.DataFrame, lookup: ActorLookup | None = None, lang: str = i18n.DEFAULT
) -> tuple[ChartChoices, list[str]]:
    """(choices, notices) from the URL's gran= and cmp=; bad values are ignored with a notice, as filters are."""
    tr = i18n.strings(lang)
    granularity, notices = periods.from_params(params.get(periods.PARAM), lang)
    compared: tuple[str, ...] = ()
    if params.get(COMPARE_PARAM):
        compared, ignored, notes = flt.read_actors(params.get(COMPARE_PARAM), df, lookup, lang)
        notices += [n.replace(tr("notice.actor_prefix"), tr("notice.compared_prefix"), 1) for n in ignored] + notes
        if len(compared) > MAX_COMPARED:
            extra = compared[MAX_COMPARED:]
            notices.append(tr("notice.compared_beyond", k=MAX_COMPARED, names=", ".join(extra)))
            compared = compared[: MAX_COMPARED]
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
        return list(f.actors[: MAX_COMPARED])
    ranked = sorted((a for a, n in actor_counts.items() if n > 0), key=lambda a: (-actor_counts[a], a))
    return ranked[: MAX_COMPARED]


def actor_click_state(actor: str) -> dict[str, Any]:
    """Session-state values that make the sidebar filter by the clicked actor alone (other filters stay)."""
    return {WIDGET_KEYS["actors"]: [actor]}


def content_key(*parts: Any) -> str:
    """A short stable hash of some values (widget keys that must change with the data)."""
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:12]


# ---------------------------------------------------------------- the page's state from and to the URL

# query-parameter names the page reads its state from (the tabs' own "view" is Streamlit's)
URL_PARAMS = frozenset({*flt.PARAM_NAMES.values(), periods.PARAM, COMPARE_PARAM})
# sidebar multiselects and pills: session key -> the sidebar_options entry holding their values
MULTISELECT_OPTIONS = {"f_actors": "actors", "f_countries": "countries", "f_sources": "sources",
                       "f_places": "places", "f_loc_countries": "location_countries"}
PILL_OPTIONS = {"f_types": "types", "f_statuses": "statuses", "f_langs": "languages"}


def filters_key(f: flt.Filters) -> str:
    """A stable text standing for f in cache keys."""
    return json.dumps(flt.to_query_params(f), sort_keys=True)


def read_url(
    params: Mapping[str, Sequence[str]], opts: Mapping[str, Any], lookup: Callable[[], ActorLookup],
    lang: str = i18n.DEFAULT,
) -> tuple[flt.Filters, ChartChoices, list[str]]:
    """(filters, chart choices, notices) the URL's parameters hold; bad values are ignored with a notice.

    `opts` are the sidebar's options (`views.sidebar_options`): the URL is validated against them rather than the
    whole table. `lookup` (every name the gazetteer knows, ~0.5 s the first time) is asked for only when the URL
    names actors.
    """
    if not any(k in URL_PARAMS for k in params):  # parsing scans the options: only when needed
        return flt.Filters(), ChartChoices(), []
    named = params.get(flt.PARAM_NAMES["actors"]) or params.get(COMPARE_PARAM)
    names = lookup() if named else None
    frame = views.options_frame(opts)
    f, notices = flt.from_query_params(params, frame, opts["bounds"], names, lang)
    choices, chart_notices = read_chart_params(params, frame, names, lang)
    return f, choices, [*notices, *chart_notices]


def url_update(current: Mapping[str, Sequence[str]], f: flt.Filters, choices: ChartChoices) -> dict[str, list[str]]:
    """The one update that makes the URL hold f and the chart choices ({} when it does): a name given no values
    is to be removed. One update, not one per parameter: each is a browser history entry."""
    to_set, to_delete = query_param_changes(current, f)
    chart_set, chart_delete = chart_param_changes(current, choices)
    return {**to_set, **chart_set, **{k: [] for k in [*to_delete, *chart_delete]}}


def pruned(values: Mapping[str, Any], opts: Mapping[str, Any]) -> dict[str, list[str]]:
    """The sidebar selections that hold values no longer offered, without them (key -> kept values)."""
    out = {}
    for key, name in {**MULTISELECT_OPTIONS, **PILL_OPTIONS}.items():
        offered = {v for v, _ in opts[name]}
        value = values.get(key) or []
        kept = [v for v in value if v in offered]
        if kept != list(value):
            out[key] = kept
    return out


def dates_for_new_span(
    value: Sequence[date] | None, old: tuple[date, date] | None, new: tuple[date, date] | None
) -> tuple[date, date] | None:
    """The date widget's value after new data moved the events' span from `old` to `new`: the new span when it
    showed the whole old one, else None (the user's range is kept)."""
    if old and new and tuple(value or ()) == tuple(old):
        return new
    return None


def chart_choices(granularity: Any, compared: Sequence[str] | None) -> ChartChoices:
    """The chart choices the page's state holds, an unknown granularity read as auto."""
    return ChartChoices(granularity if granularity in periods.GRANULARITIES else "auto", tuple(compared or ()))


def compared_actors(choices: ChartChoices, f: flt.Filters, actor_counts: Mapping[str, int]) -> tuple[str, ...]:
    """The actors the comparison draws: the user's choice, else the sidebar's actors, else the 6 with most events."""
    return choices.compared or tuple(default_compared(f, actor_counts))


class FigureOptions(NamedTuple):
    """What besides the filters shapes a chart's figure; the parts another chart ignores are blank (one cache
    entry per figure)."""

    lanes: str
    region: str
    granularity: str
    compared: tuple[str, ...]


def figure_options(chart: str, lanes: str, region: str, granularity: str, compared: Sequence[str]) -> FigureOptions:
    """The options of `chart` among the page's: the timeline's lanes, the map's region, the counts' and
    comparison's granularity, the comparison's actors."""
    return FigureOptions(
        lanes if chart == "timeline" else "",
        region if chart == "map" else "",
        granularity if chart in ("counts", "compare") else "",
        tuple(compared) if chart == "compare" else (),
    )


def view_key(chart: str, options: FigureOptions) -> str:
    """`chart`'s figure options as one text (a cache key of its exported files)."""
    if chart == "compare":
        return options.granularity + "|" + "\x1f".join(options.compared)
    return options.lanes or options.region or options.granularity


def date_limits(value: Sequence[Any] | None, bounds: tuple[date, date]) -> tuple[date, date]:
    """The date widget's first and last selectable day: the events' span, widened to a range the widget still holds
    (a stale URL or the data's old span) so that it never shows a value outside its limits."""
    days = [d for d in (value or bounds) if isinstance(d, date)]
    return min([bounds[0], *days]), max([bounds[1], *days])


# ---------------------------------------------------------------- the open tab and the interface's language in the URL

# the page's tabs by their canonical names: ?view= holds these whatever the language (a shared link opens the same tab)
VIEWS = ("Timeline", "Compare", "Map", "Network", "Table", "Article reader", "Add articles", "Export")
DEFAULT_VIEW = VIEWS[0]
VIEW_PARAM = "view"


def view_label(view: str, lang: str = i18n.DEFAULT) -> str:
    """A tab's name in the page's language: 'Article reader' / 'Cititor de articole'."""
    return i18n.t(lang, "tabs." + view.lower().replace(" ", "_"))


def view_of_label(label: object) -> str:
    """The canonical view a tab's label names, in any language (the labels of the language just left too), or its
    canonical name; the default view for anything else."""
    for view in VIEWS:
        if label == view or any(label == view_label(view, lang) for lang in i18n.available()):
            return view
    return DEFAULT_VIEW


def view_from_params(values: Sequence[str] | str | None, lang: str = i18n.DEFAULT) -> tuple[str, list[str]]:
    """(the view ?view= asks for, notices): a canonical name, matched case aside; the default with a notice when
    unknown."""
    items = [values] if isinstance(values, str) else [str(v) for v in values or []]
    items = [v.strip() for v in items if v and v.strip()]
    if not items:
        return DEFAULT_VIEW, []
    wanted = items[-1].casefold()
    for view in VIEWS:
        if wanted in (view.casefold(), view_label(view, lang).casefold()):
            return view, []
    return DEFAULT_VIEW, [i18n.t(lang, "notice.view", value=repr(items[-1][:40]),
                                 choices=", ".join(VIEWS))]


def page_param_changes(current: Mapping[str, Sequence[str]], view: str, ui_lang: str | None) -> dict[str, list[str]]:
    """The URL update that makes ?view= and ?ui_lang= say the open tab and the chosen language ({} when they do);
    the first tab and a language the user did not choose (the browser's) are left out."""
    wanted = {VIEW_PARAM: [] if view == DEFAULT_VIEW else [view], i18n.PARAM: [ui_lang] if ui_lang else []}
    return {k: v for k, v in wanted.items() if list(current.get(k, [])) != v}
