"""Tests for events.dashboard.views: the headline, the events table, the options table."""

from __future__ import annotations

import pandas as pd

from events.dashboard import filters as flt
from events.dashboard import state, views
from events.schema import to_frame
from tests.dashboard.test_filters import ROWS, sample_frame


def test_headline(df: pd.DataFrame) -> None:
    h = views.headline(df)
    assert h["events"] == len(ROWS) and h["articles"] == len(ROWS)
    assert list(h["by_type"])[:3] == ["talks", "summit", "air_attack"]  # display order, not count order
    assert state.date_bounds(df) == (h["date_min"], h["date_max"])
    assert state.date_bounds(flt.prepare(to_frame([]))) is None


def test_table_frame(df: pd.DataFrame) -> None:
    t = views.table_frame(df)
    assert list(t.columns) == list(views.TABLE_COLUMNS) and len(t) == len(df)
    row = t.set_index("event_id").loc["ev01"]
    assert row["actors"] == "Vladimir Putin, Donald Trump"
    assert row["countries"] == "RUS, USA" and row["event_type"] == "summit"
    eff = df.set_index("event_id")[flt.EFFECTIVE_DATE]
    assert list(eff.loc[t["event_id"]]) == sorted(eff, reverse=True)  # newest first, undated at publication
    assert pd.isna(t.set_index("event_id").loc["ev06", "date"])
    assert views.table_frame(sample_frame()).shape == t.shape  # unprepared input works too
    assert views.table_frame(flt.prepare(to_frame([]))).empty


def test_headline_matches_filters_summary(df: pd.DataFrame) -> None:
    for f in [flt.Filters(), flt.Filters(actors=("Russia",)), flt.Filters(event_types=("summit",)), flt.Filters(text="zzz")]:
        sel = flt.apply(df, f)
        mine, theirs = views.headline(sel), flt.summary(sel)
        assert mine.pop("articles") == sel["article_id"].nunique()
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
    assert list(top["event_id"]) == list(full["event_id"][:5])
    assert views.table_frame(df, limit=0).empty
