"""Tests for events.dashboard.views: the sidebar's options, the selection, the headline, the events table."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from events.dashboard import charts, facets, views
from events.dashboard import filters as flt
from events.ingest import IngestReport
from events.schema import to_frame
from tests.dashboard.conftest import as_events
from tests.dashboard.test_filters import ROWS, big_frame, sample_frame


def test_headline(df: pd.DataFrame) -> None:
    h = views.headline(df)
    assert h["events"] == len(ROWS) and h["articles"] == len(ROWS)
    assert list(h["by_type"])[:3] == ["talks", "summit", "air_attack"]  # display order, not count order
    assert views.date_bounds(df) == (h["date_min"], h["date_max"])
    assert views.date_bounds(flt.prepare(to_frame([]))) is None


def test_table_frame(df: pd.DataFrame) -> None:
    t = views.table_frame(df)
    shown = list(views.TABLE_COLUMNS)
    shown.insert(shown.index("status") + 1, "n_reports")  # a table of events says how many reports each stands for
    assert list(t.columns) == shown and len(t) == len(df)
    assert list(views.table_frame(sample_frame()).columns) == list(views.TABLE_COLUMNS)  # reports: no such column
    row = t.set_index("report_id").loc["ev01"]
    assert row["actors"] == "Vladimir Putin, Donald Trump"
    assert row["countries"] == "RUS, USA" and row["event_type"] == "summit"
    eff = df.set_index("report_id")[flt.EFFECTIVE_DATE]
    assert list(eff.loc[t["report_id"]]) == sorted(eff, reverse=True)  # newest first, undated at publication
    assert pd.isna(t.set_index("report_id").loc["ev06", "date"])
    assert views.table_frame(as_events(sample_frame())).shape == t.shape  # unprepared input works too
    assert views.table_frame(flt.prepare(to_frame([]))).empty


def test_headline_matches_filters_summary(df: pd.DataFrame) -> None:
    for f in [flt.Filters(), flt.Filters(actors=("Russia",)), flt.Filters(event_types=("summit",)), flt.Filters(text="zzz")]:
        sel = flt.apply(df, f)
        mine, theirs = views.headline(sel), flt.summary(sel)
        assert mine.pop("articles") == sel["article_id"].nunique()
        assert mine.pop("unit") == "events"
        assert mine == theirs  # same numbers (dict equality ignores the display order of by_type)


def test_options_frame_validates_like_the_table(df: pd.DataFrame) -> None:
    opts = {
        "actors": flt.actor_options(df), "countries": flt.country_options(df), "types": flt.type_options(df),
        "statuses": flt.status_options(df), "languages": flt.language_options(df), "sources": flt.source_options(df),
        "places": flt.place_options(df), "location_countries": flt.location_country_options(df),
    }  # fmt: skip
    small = views.options_frame(opts)
    assert len(small) == max(len(v) for v in opts.values()) < len(df)
    params = {
        "actor": ["vladimir putin", "Nobody", "Russia"], "country": ["rus", "XXX"], "type": ["talks", "x"],
        "status": ["planned", "maybe"], "lang": ["EN", "xx"], "source": ["reuters", "zzz"], "q": "drone",
        "place": ["kyiv", "Atlantis"], "loc_country": ["ukr", "FRA"], "min_conf": "0.7",
    }  # fmt: skip
    assert flt.from_query_params(params, small) == flt.from_query_params(params, df)
    assert views.options_frame({}).empty


def test_table_frame_limit_keeps_the_newest(df: pd.DataFrame) -> None:
    full = views.table_frame(df)
    top = views.table_frame(df, limit=5)
    assert list(top["report_id"]) == list(full["report_id"][:5])
    assert views.table_frame(df, limit=0).empty


# ---------------------------------------------------------------- what the page shows (moved out of dashboard.py)


def test_sidebar_options(df: pd.DataFrame) -> None:
    opts = views.sidebar_options(df)
    assert opts["actors"] == flt.actor_options(df) and opts["places"] == flt.place_options(df)
    assert set(opts) == {"actors", "countries", "types", "statuses", "languages", "sources", "places",
                         "location_countries", "bounds", "headline"}
    assert opts["bounds"] == views.date_bounds(df) and opts["headline"] == views.headline(df)


def test_sidebar_options_from_the_facet_index_are_the_row_by_row_ones(df: pd.DataFrame) -> None:
    odd = sample_frame()
    odd.loc[0, "source"] = ""  # no value: listed nowhere
    odd.loc[1, "location_name"] = None
    odd.at[2, "countries"] = ["RUS", "RUS", ""]  # counted once, the empty one not at all
    odd.loc[3, "language"] = odd.loc[4, "language"]
    for frame in (df, flt.prepare(odd), flt.prepare(big_frame(3_000, seed=4)), flt.prepare(to_frame([]))):
        want = views.sidebar_options(frame)
        got = views.sidebar_options(frame, facets.build_index(frame))
        assert got == want
    assert views.sidebar_options(df, facets.build_index(flt.prepare(odd).iloc[:3])) == views.sidebar_options(df)


def test_filtered_shares_the_frame_when_nothing_is_filtered(df: pd.DataFrame) -> None:
    def no_index() -> facets.FacetIndex:
        raise AssertionError("the facet index is not needed when nothing is filtered")

    actors = flt.actor_options(df)
    chosen = views.filtered(df, flt.Filters(), None, actors, no_index)
    assert chosen.sel is df and chosen.counts is None and chosen.actor_counts == dict(actors)


def test_filtered_counts_each_facet_under_the_other_filters(df: pd.DataFrame) -> None:
    f = flt.Filters(event_types=("air_attack",))
    chosen = views.filtered(df, f, None, flt.actor_options(df), lambda: facets.build_index(df))
    assert list(chosen.sel["report_id"]) == list(flt.apply(df, f)["report_id"])
    assert chosen.counts == facets.facet_counts(df, f)
    assert chosen.counts["event_types"]["talks"] > 0  # the type facet ignores its own filter
    assert {a: n for a, n in chosen.actor_counts.items() if n} == dict(flt.actor_options(chosen.sel))


def test_metric_cards(df: pd.DataFrame) -> None:
    cards = views.metric_cards(views.headline(df))
    assert [c.label for c in cards] == ["Events", "Talks", "Summits", "Air attacks", "Actors", "Date span 2025"]
    events = cards[0]
    assert events.value == "20" and events.help == "20 events from 20 articles; 4 undated"
    many = {"events": 123_456, "articles": 9, "undated": 0, "actors": 3, "countries": 2,
            "by_type": {"talks": 12_000, "naval": 5}, "date_min": date(2025, 2, 13), "date_max": date(2025, 12, 1)}
    cards = {c.label: c for c in views.metric_cards(many)}
    assert cards["Events"].value == "123k" and cards["Events"].help.endswith("; 5 of other types")
    assert cards["Talks"] == views.Metric("Talks", "12.0k", "12,000") and cards["Summits"].help is None
    assert cards["Date span 2025"].value == "13 Feb – 1 Dec"
    assert cards["Date span 2025"].help == "13 Feb – 1 Dec 2025"  # no undated events: nothing more said


def test_auto_granularity(df: pd.DataFrame) -> None:
    assert views.auto_granularity(df) == "week"  # Feb to Oct 2025
    assert views.auto_granularity(df.drop(columns=[flt.EFFECTIVE_DATE])) == "day"  # no dates known: auto's first


def test_compare_options_put_the_chosen_first_then_the_most_events() -> None:
    known = ["Russia", "Ukraine", "NATO", "Kyiv"]
    assert views.compare_options(["NATO"], known, {"Ukraine": 5, "Kyiv": 2}) == ["NATO", "Ukraine", "Kyiv", "Russia"]
    assert views.compare_options([], [], {}) == []


def test_event_row_and_article_events(df: pd.DataFrame) -> None:
    row = views.report_row(df, "ev05")
    assert row is not None and row["event_type"] == "air_attack" and row["sentence"]
    assert views.report_row(df, "gone") is None
    assert list(views.article_events(df, row["article_id"])["report_id"]) == ["ev05"]
    assert views.article_events(df, "none").empty


def test_progress_share_and_report_level() -> None:
    assert [views.progress_share(d, t) for d, t in [(0, 0), (1, 4), (5, 4), (3, 0)]] == [0.0, 0.25, 1.0, 1.0]
    assert views.report_level(IngestReport(new=1)) == "success"
    assert views.report_level(IngestReport(new=1, rejected=[("a", "b")])) == "warning"
    assert views.report_level(IngestReport(unchanged=2)) == "info"


def test_the_selection_counts_the_distinct_actors_and_countries_the_headline_would() -> None:
    frame = flt.prepare(big_frame(3_000, seed=2))
    index = facets.build_index(frame)
    chosen_any = False
    for f in (flt.Filters(event_types=("air_attack",)), flt.Filters(countries=("FRA",)),
              flt.Filters(actors=("Actor 7",)), flt.Filters(actors=("Nobody at all",))):
        chosen = views.filtered(frame, f, None, flt.actor_options(frame), lambda: index)
        want = views.headline(chosen.sel)
        assert chosen.distinct == (want["actors"], want["countries"])
        assert views.headline(chosen.sel, chosen.distinct) == want
        chosen_any |= 0 < want["actors"] < len(index.values["actors"])
    assert chosen_any  # some filter left some actors out: the counts were not just the store's


def _filters() -> list[flt.Filters]:
    """Filters that keep many, few and no rows of big_frame, through each kind of mask."""
    return [flt.Filters(event_types=("air_attack",)), flt.Filters(countries=("FRA", "RUS")),
            flt.Filters(actors=("Actor 7", "Vladimir Putin")),
            flt.Filters(actors=("Vladimir Putin", "Donald Trump"), actor_mode="all"),
            flt.Filters(actors=("Nobody at all",)), flt.Filters(languages=("ro",), min_confidence=0.5),
            flt.Filters(statuses=("planned", "cancelled"), sources=("source 3", "no such source")),
            flt.Filters(places=("Kyiv",), location_countries=("UKR",), event_types=("talks", "naval"))]


def test_facet_masks_from_the_index_match_the_filters_own() -> None:
    frame = flt.prepare(big_frame(2_000, seed=5))
    frame.loc[frame.index % 5 == 0, "location_name"] = "Kyiv"
    frame.loc[frame.index % 10 == 0, "location_country"] = "UKR"
    frame.loc[frame.index % 7 == 0, "source"] = ""  # no value: it counts for no source
    frame.loc[frame.index % 11 == 0, "source"] = None
    index = facets.build_index(frame)
    partial = 0  # masks that keep some rows and not others: the comparisons below are not all of empty masks
    for f in _filters():
        want = flt.masks(frame, f)
        got = flt.masks(frame, f, facet_mask=lambda *a: facets.facet_mask(index, *a))
        assert want.keys() == got.keys()
        assert all(np.array_equal(want[k], got[k]) for k in want), f
        partial += sum(0 < m.sum() < len(frame) for m in got.values())
    assert partial >= 8
    odd = ["Actor\x1f7", ""]  # a value that could match otherwise in the joined key: the key search decides
    assert facets.facet_mask(index, "actors", odd) is None and facets.facet_mask(index, "actors", odd[:1]) is None
    assert facets.facet_mask(index, "sources", [""]) is None  # the rows with an empty source: compared


def test_the_rows_headline_is_the_headline_of_the_rows() -> None:
    frame = flt.prepare(big_frame(3_000, seed=6))
    index = facets.build_index(frame)
    for f in _filters():
        chosen = views.filtered(frame, f, None, flt.actor_options(frame), lambda: index)
        assert chosen.distinct is not None
        want = views.headline(chosen.sel) | {"articles": 17}
        assert views.rows_headline(chosen.rows, chosen.distinct, 17) == want


def test_rows_are_copied_once_and_only_when_asked(df: pd.DataFrame) -> None:
    rows = views.Rows(df, np.array([1, 4, 5]))
    assert len(rows) == 3 and not rows.everything
    assert rows.frame() is rows.frame() and rows.frame().equals(df.take([1, 4, 5]))
    charted = rows.chart_frame()
    assert list(charted.columns) == [c for c in df.columns if c not in views.UNCHARTED]
    assert charted.equals(df.take([1, 4, 5])[charted.columns])
    assert rows.column("event_type").equals(df["event_type"].take([1, 4, 5]))
    rows.forget()
    assert rows.frame() is not None and views.Rows(df, None).frame() is df and views.Rows(df, None).chart_frame() is df


@pytest.mark.parametrize("unit", ["events", "reports"])
def test_every_chart_of_the_charts_columns_is_the_chart_of_every_column(unit: str) -> None:
    reports = big_frame(600, seed=7)
    reports["event_id"] = [f"E{i // 3}" for i in range(len(reports))]  # three reports to an event
    reports.loc[reports.index % 3 == 0, "status"] = "planned"  # planned, then held: the timeline draws paths
    frame = as_events(reports) if unit == "events" else flt.prepare(reports)
    positions = np.flatnonzero(frame["event_type"].to_numpy() != "summit")
    rows = views.Rows(frame, positions)
    for chart in charts.CHARTS:
        for max_points in (100_000, 50):  # every event a marker, and markers per period
            for lanes in ("type", "actor"):
                want = charts.draw(rows.frame(), chart, lanes=lanes, max_points=max_points, compared=("Actor 3",))
                got = charts.draw(rows.chart_frame(), chart, lanes=lanes, max_points=max_points, compared=("Actor 3",),
                                  details=rows.details)
                assert got.to_json() == want.to_json(), (chart, max_points, lanes)


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_the_table_of_the_rows_is_the_table_of_their_copy(lang: str) -> None:
    reports = big_frame(500, seed=8)
    reports.loc[reports.index % 4 == 0, "title"] = None  # the table shows the path then
    for frame in (flt.prepare(reports), as_events(reports)):
        for positions in (None, np.flatnonzero(frame["language"].to_numpy() == "ro"), np.array([], dtype=np.int64)):
            rows = views.Rows(frame, positions)
            for limit in (None, 40):
                want = views.table_frame(rows.frame(), limit=limit, lang=lang)
                got = views.rows_table_frame(rows, limit=limit, lang=lang)
                pd.testing.assert_frame_equal(got, want)
