"""Tests for events.dashboard.app_logic: store location, widgets <-> filters, table, details, reader HTML."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from events.dashboard import app_logic as app
from events.dashboard import filters as flt
from events.schema import to_frame
from events.store import Store
from tests.dashboard.test_filters import ROWS, sample_frame
from tests.dashboard_data import ROOT

# ---------------------------------------------------------------- store location


def test_db_path_env_override() -> None:
    assert app.db_path({}) == app.DEFAULT_DB == ROOT / "data" / "events.db"
    assert app.db_path({"EVENTS_DB": "  "}) == app.DEFAULT_DB
    assert app.db_path({"EVENTS_DB": "/tmp/x.db"}) == Path("/tmp/x.db")


# ---------------------------------------------------------------- widgets <-> filters <-> URL

BOUNDS = (date(2025, 1, 1), date(2025, 12, 31))


def test_widget_state_round_trip() -> None:
    f = flt.Filters(
        actors=("Russia", "Ukraine"), actor_mode="all", countries=("RUS",), event_types=("talks",),
        statuses=("planned",), date_from=date(2025, 3, 1), date_to=date(2025, 4, 1), languages=("ro",),
        sources=("Agerpres",), text="drone", places=("Kyiv",), location_countries=("UKR",), min_confidence=0.65,
    )  # fmt: skip
    state = app.widget_state(f, BOUNDS)
    assert state["f_min_conf"] == 0.65 and state["f_places"] == ["Kyiv"] and state["f_loc_countries"] == ["UKR"]
    assert state["f_dates"] == (date(2025, 3, 1), date(2025, 4, 1))
    assert app.filters_from_state(state, BOUNDS) == f
    empty = app.widget_state(flt.Filters(), BOUNDS)
    assert empty["f_dates"] == BOUNDS and empty["f_actors"] == []
    assert app.filters_from_state(empty, BOUNDS) == flt.Filters()
    assert app.widget_state(flt.Filters(), None)["f_dates"] == ()


def test_dates_from_widget() -> None:
    def dates(value: Any) -> tuple[date | None, date | None]:
        f = app.filters_from_state({"f_dates": value}, BOUNDS)
        return f.date_from, f.date_to

    assert dates((date(2025, 5, 1),)) == (None, None)  # only the first day picked so far
    assert dates((date(2025, 6, 1), date(2025, 5, 1))) == (date(2025, 5, 1), date(2025, 6, 1))
    assert dates((date(2024, 1, 1), date(2025, 6, 1))) == (None, date(2025, 6, 1))  # from the start
    assert dates(BOUNDS) == (None, None)
    assert dates(None) == (None, None)
    assert app.filters_from_state({"f_actor_mode": "bogus", "f_text": "  x "}, None) == flt.Filters(text="x")


@pytest.mark.parametrize(
    ("slider", "expected"),
    [(0.35000000000000003, 0.35), (0.0, 0.0), (None, 0.0), (1.0, 1.0), (1.5, 0.0), (-0.1, 0.0), ("x", 0.0)],
)
def test_confidence_from_the_slider(slider: Any, expected: float) -> None:
    assert app.filters_from_state({"f_min_conf": slider}, None).min_confidence == expected


def test_query_param_changes_touch_only_filter_names() -> None:
    current = {"actor": ["Russia"], "type": ["talks"], "view": ["Map"], "q": ["old"]}
    f = flt.Filters(actors=("Russia", "Ukraine"), event_types=("talks",))
    to_set, to_delete = app.query_param_changes(current, f)
    assert to_set == {"actor": ["Russia", "Ukraine"]}
    assert to_delete == ["q"]  # "view" belongs to the tabs
    assert app.query_param_changes({"view": ["Map"]}, flt.Filters()) == ({}, [])
    current = {"min_conf": ["0.5"], "place": ["Kyiv"], "gran": ["week"]}
    to_set, to_delete = app.query_param_changes(current, flt.Filters(min_confidence=0.7))
    assert to_set == {"min_conf": ["0.7"]} and to_delete == ["place"]  # gran= is the charts', not a filter


def test_chart_choices_from_and_to_the_url(df: pd.DataFrame) -> None:
    choices, notices = app.read_chart_params({"gran": ["month"], "cmp": ["Kremlin", "Zelenski"]}, df)
    assert choices == app.ChartChoices("month", ("Russia", "Volodymyr Zelensky"))
    assert notices == ["Read actor 'Kremlin' as 'Russia'.", "Read actor 'Zelenski' as 'Volodymyr Zelensky'."]
    assert app.read_chart_params({}, df) == (app.ChartChoices(), [])
    choices, notices = app.read_chart_params({"gran": "hourly", "cmp": ["Russia", "Zelenskee"]}, df)
    assert choices == app.ChartChoices("auto", ("Russia",))
    assert notices[0] == "Ignored gran 'hourly': use auto, day, week, month."
    assert notices[1].startswith("Ignored compared actor 'Zelenskee': not in the loaded events. Did you mean")
    seven = [a for a, _ in flt.actor_options(df)[:7]]
    choices, notices = app.read_chart_params({"cmp": seven}, df)
    assert choices.compared == tuple(seven[:6]) and notices == [f"Ignored compared actors beyond the 6th: {seven[6]}."]
    assert app.chart_param_changes({"gran": ["week"], "actor": ["Russia"]}, app.ChartChoices()) == ({}, ["gran"])
    assert app.chart_param_changes({}, app.ChartChoices("day", ("Russia", "Ukraine"))) == (
        {"gran": ["day"], "cmp": ["Russia", "Ukraine"]}, [])
    assert app.chart_param_changes({"gran": ["day"]}, app.ChartChoices("day")) == ({}, [])


def test_default_compared_actors() -> None:
    counts = {"Russia": 11, "Ukraine": 10, "Trump": 5, "Putin": 5, "NATO": 1, "Kyiv": 1, "Houthis": 1, "Gone": 0}
    assert app.default_compared(flt.Filters(), counts) == ["Russia", "Ukraine", "Putin", "Trump", "Houthis", "Kyiv"]
    assert app.default_compared(flt.Filters(), {"Russia": 2, "Gone": 0}) == ["Russia"]  # none without events
    chosen = flt.Filters(actors=("NATO", "Kyiv"))
    assert app.default_compared(chosen, counts) == ["NATO", "Kyiv"]  # the sidebar's actors first


def test_facet_labels_order_and_greyed_zeros() -> None:
    assert app.facet_label("Kyiv", 1234) == "Kyiv (1,234)" and app.facet_label("Kyiv", 0) == "Kyiv (0)"
    assert app.pill_label("air attack", 7) == "air attack \\(7\\)"
    assert app.pill_label("summit", 0) == ":gray[summit \\(0\\)]"  # greyed: pills read Markdown
    assert app.pill_label("**x** [y](z)", 0) == ":gray[\\*\\*x\\*\\* \\[y\\]\\(z\\) \\(0\\)]"  # data stays text
    options = [("Russia", 11), ("Ukraine", 10), ("Turkey", 1), ("Houthis", 1)]
    assert app.facet_order(options, None) == ["Russia", "Ukraine", "Turkey", "Houthis"]  # nothing filtered
    counts = {"Russia": 2, "Ukraine": 0, "Turkey": 2, "Houthis": 5}
    assert app.facet_order(options, counts) == ["Houthis", "Russia", "Turkey", "Ukraine"]  # zeros last, store order
    assert app.facet_count(counts, dict(options), "Ukraine") == 0
    assert app.facet_count(None, dict(options), "Ukraine") == 10


def test_labels_and_escaping() -> None:
    assert app.count_label("Russia", 1234) == "Russia (1,234)"
    assert app.count_label("RUS", 3, "Russia · RUS") == "Russia · RUS (3)"
    assert app.country_names()["UKR"] == "Ukraine"
    assert app.md_escape("[x](javascript:alert(1)) **b** :material/home:") == (
        "\\[x\\]\\(javascript\\:\u2060alert\\(1\\)\\) \\*\\*b\\*\\* \\:\u2060material/home\\:"
    )  # the word joiner after a colon before a word: Streamlit would draw :material/home: as an icon
    assert app.safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert app.safe_url("javascript:alert(1)") is None and app.safe_url(None) is None
    assert app.span_text(date(2025, 8, 15), date(2025, 9, 3)) == "15 Aug – 3 Sep 2025"
    assert app.span_text(date(2024, 12, 28), date(2025, 1, 3)) == "28 Dec 2024 – 3 Jan 2025"
    assert app.span_text(None, None) == "—" and app.span_text(date(2025, 1, 2), date(2025, 1, 2)) == "2 Jan 2025"
    assert app.span_parts(date(2025, 2, 13), date(2025, 12, 1)) == ("2025", "13 Feb – 1 Dec")
    assert app.span_parts(date(2024, 2, 13), date(2025, 12, 1)) == ("", "Feb ’24 – Dec ’25")
    assert app.span_parts(date(2025, 2, 13), date(2025, 2, 13)) == ("", "13 Feb 2025")
    assert [app.compact_number(n) for n in (0, 9_999, 12_345, 399_527, 1_000_000, 123_456_789)] == [
        "0", "9,999", "12.3k", "400k", "1.0M", "123M"
    ]


# ---------------------------------------------------------------- headline, table, details


@pytest.fixture
def df() -> pd.DataFrame:
    """The synthetic table of the filter tests, prepared."""
    return flt.prepare(sample_frame())


def test_headline(df: pd.DataFrame) -> None:
    h = app.headline(df)
    assert h["events"] == len(ROWS) and h["articles"] == len(ROWS)
    assert list(h["by_type"])[:3] == ["talks", "summit", "air_attack"]  # display order, not count order
    assert app.date_bounds(df) == (h["date_min"], h["date_max"])
    assert app.date_bounds(flt.prepare(to_frame([]))) is None


def test_table_frame(df: pd.DataFrame) -> None:
    t = app.table_frame(df)
    assert list(t.columns) == list(app.TABLE_COLUMNS) and len(t) == len(df)
    row = t.set_index("event_id").loc["ev01"]
    assert row["actors"] == "Vladimir Putin, Donald Trump"
    assert row["countries"] == "RUS, USA" and row["event_type"] == "summit"
    eff = df.set_index("event_id")[flt.EFFECTIVE_DATE]
    assert list(eff.loc[t["event_id"]]) == sorted(eff, reverse=True)  # newest first, undated at publication
    assert pd.isna(t.set_index("event_id").loc["ev06", "date"])
    assert app.table_frame(sample_frame()).shape == t.shape  # unprepared input works too
    assert app.table_frame(flt.prepare(to_frame([]))).empty


def test_selected_event_ids() -> None:
    state = {"selection": {"points": [{"customdata": "ev1"}, {"customdata": ["ev2", 3]}, {"x": 1}, {"customdata": "ev1"}]}}
    assert app.selected_event_ids(state) == ["ev1", "ev2"]
    assert app.selected_event_ids(None) == [] and app.selected_event_ids({}) == []
    assert app.selected_event_ids({"selection": {"points": []}}) == []
    assert app.selected_event_ids({"selection": None}) == []


def test_selected_markers() -> None:
    state = {"selection": {"points": [{"customdata": ["ev1", "m1"]}, {"customdata": "ev2"}, {"customdata": ["ev3", "m1"]},
                                      {"customdata": ["ev4", "m2"]}, {"customdata": ["ev5"]}]}}
    assert app.selected_markers(state) == ["m1", "m2"]
    assert app.selected_event_ids(state) == ["ev1", "ev2", "ev3", "ev4", "ev5"]
    assert app.selected_markers(None) == [] and app.selected_markers({"selection": {"points": []}}) == []


KNOWN = ["Russia", "Vladimir Putin", "Kyiv"]


@pytest.mark.parametrize(
    ("state", "actor"),
    [
        ({"selection": {"points": [{"customdata": "Vladimir Putin", "curve_number": 5}]}}, "Vladimir Putin"),
        ({"selection": {"points": [{"x": 0.3, "y": 1.2}, {"customdata": "Kyiv"}]}}, "Kyiv"),  # a link's midpoint first
        ({"selection": {"points": [{"customdata": "Nobody"}]}}, None),  # not an actor of the data (a stale click)
        ({"selection": {"points": [{"customdata": ["ev1", "m1"]}]}}, None),  # a timeline marker's customdata
        ({"selection": {"points": [{"customdata": ""}]}}, None),
        ({"selection": {"points": []}}, None),  # the click was undone
        ({"selection": None}, None),
        (None, None),
        ({}, None),
    ],
)
def test_clicked_actor(state: Any, actor: str | None) -> None:
    assert app.clicked_actor(state, KNOWN) == actor


def test_actor_click_state_sets_the_actor_filter_alone() -> None:
    state = app.actor_click_state("Vladimir Putin")
    assert state == {"f_actors": ["Vladimir Putin"]}
    f = app.filters_from_state({**app.widget_state(flt.Filters(actors=("Russia", "Ukraine"), event_types=("talks",)),
                                                   None), **state}, None)
    assert f.actors == ("Vladimir Putin",) and f.event_types == ("talks",)  # the other filters stay


def test_event_details(df: pd.DataFrame) -> None:
    rows = df.set_index("event_id", drop=False)
    d = dict(app.event_details(rows.loc["ev05"].to_dict()))
    assert d["Type"] == "air attack" and d["Status"] == "occurred"
    assert d["Date"] == "2025-09-02 — written “marți”"
    assert d["Actors"] == "Russia (country, RUS, initiator); Kyiv (city, UKR, target)"
    assert d["Place"] == "Kyiv (UKR; 50.450, 30.523)"
    assert d["Confidence"] == "0.50" and d["Source"] == "Agerpres"
    undated = dict(app.event_details(rows.loc["ev06"].to_dict()))
    assert undated["Date"] == "not stated (published 2025-09-03)"
    month = dict(app.event_details(rows.loc["ev03"].to_dict()))
    assert month["Date"] == "2025-09-01 (month) — written “luna viitoare”"
    page = app.details_html([("Actors", "<script>x</script>")], "a <b>b</b>")
    assert "<script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page and "a &lt;b&gt;b&lt;/b&gt;" in page


# ---------------------------------------------------------------- article reader


def _events(text: str, *specs: tuple[str, str, str, str]) -> pd.DataFrame:
    """Events (id, type, status, sentence) located by their sentence in text."""
    rows = []
    for eid, etype, status, sentence in specs:
        start = text.find(sentence)
        rows.append(
            {"event_id": eid, "event_type": etype, "status": status, "sentence": sentence,
             "start": start if start >= 0 else 0, "end": start + len(sentence) if start >= 0 else 5}
        )  # fmt: skip
    return pd.DataFrame(rows)


def test_article_html_escapes_and_highlights() -> None:
    text = "Intro <script>alert(1)</script>.\nRussia attacked Kyiv.\nThe two sides held talks in Geneva & Bern."
    ev = _events(
        text,
        ("e1", "air_attack", "occurred", "Russia attacked Kyiv."),
        ("e2", "talks", "planned", "The two sides held talks in Geneva & Bern."),
    )
    page = app.article_html(text, ev, selected="e2")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<mark") == 2 and "Geneva &amp; Bern." in page
    assert ">air attack</span>" in page and ">talks · planned</span>" in page
    assert page.index("air attack</span>") < page.index("Russia attacked") < page.index("talks · planned</span>")
    assert "box-shadow" in page.split('data-event="e2"')[1].split(">")[0]  # the selected event stands out
    assert "white-space:pre-wrap" in page  # paragraphs kept


def test_article_html_overlaps_fallback_and_missing() -> None:
    text = "Alpha beta gamma. Delta epsilon."
    ev = pd.DataFrame(
        [
            {"event_id": "a", "event_type": "talks", "status": "occurred", "sentence": "Alpha beta gamma.", "start": 0, "end": 17},
            {"event_id": "b", "event_type": "summit", "status": "occurred", "sentence": "beta gamma. Delta", "start": 6, "end": 23},
            # stale offsets: found again by its sentence
            {"event_id": "c", "event_type": "air_attack", "status": "occurred", "sentence": "Delta epsilon.", "start": 99, "end": 120},
            {"event_id": "d", "event_type": "talks", "status": "occurred", "sentence": "Not in the text.", "start": None, "end": None},
        ]
    )  # fmt: skip
    spans, missing = app.locate_events(text, ev)
    assert [(s.event_id, s.start, s.end) for s in spans] == [("a", 0, 17), ("b", 6, 23), ("c", 18, 32)]
    assert missing == ["d"]
    page = app.article_html(text, ev)
    # segments: [0,6) a · [6,17) a+b · [17,18) b · [18,23) b+c · [23,32) c
    assert page.count("<mark") == 5
    assert "1 event whose sentence could not be located" in page
    assert app.article_html("", ev.iloc[:0]).count("<mark") == 0


def test_article_label() -> None:
    assert app.article_label("Title", "a/b.md", "Wire", pd.Timestamp("2025-09-03"), 3) == "Title — Wire, 2025-09-03 (3 events)"
    assert app.article_label(None, "seeds/000.txt", None, pd.NaT) == "000.txt"
    assert app.article_label("x" * 100, "", "", None).endswith("…")


# ---------------------------------------------------------------- loading big stores, options frame


def test_load_events_in_chunks_with_shared_cells(tmp_path: Path) -> None:
    from tests.dashboard_data import build_store

    db = tmp_path / "e.db"
    build_store(db, tmp_path / "articles")
    with Store(db, readonly=True) as store:
        plain = app.load_events(store)
        chunked = app.load_events(store, chunk_articles=1)  # one article per read, shared cells
        one_read_shared = app.load_events(store, share_above=0)
    assert flt.is_prepared(plain) and flt.is_prepared(chunked)
    pd.testing.assert_frame_equal(plain, one_read_shared)
    assert len({id(a) for a in one_read_shared["actors"]}) < len(one_read_shared)
    key = ["event_id"]
    a = plain.sort_values(key).reset_index(drop=True)
    b = chunked.sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)
    # equal cells are one object; different cells stay different
    cells: dict[str, Any] = {}
    for actors in chunked["actors"]:
        cells.setdefault(json.dumps(actors, sort_keys=True), []).append(id(actors))
    assert all(len(set(ids)) == 1 for ids in cells.values())
    assert len({id(a) for a in chunked["actors"]}) == len(cells)
    assert len({id(d) for actors in chunked["actors"] for d in actors}) == len(
        {json.dumps(d, sort_keys=True) for actors in chunked["actors"] for d in actors}
    )


def test_share_repeated_keeps_values() -> None:
    raw = sample_frame()
    shared = app.share_repeated(pd.concat([raw, raw], ignore_index=True))
    assert shared["actors"].iloc[0] is shared["actors"].iloc[len(raw)]
    assert shared["countries"].iloc[0] is shared["countries"].iloc[len(raw)]
    assert list(shared["actors"].iloc[: len(raw)]) == list(raw["actors"])


def test_headline_matches_filters_summary(df: pd.DataFrame) -> None:
    for f in [flt.Filters(), flt.Filters(actors=("Russia",)), flt.Filters(event_types=("summit",)), flt.Filters(text="zzz")]:
        sel = flt.apply(df, f)
        mine, theirs = app.headline(sel), flt.summary(sel)
        assert mine.pop("articles") == sel["article_id"].nunique()
        assert mine == theirs  # same numbers (dict equality ignores the display order of by_type)


def test_options_frame_validates_like_the_table(df: pd.DataFrame) -> None:
    opts = {
        "actors": flt.actor_options(df), "countries": flt.country_options(df), "types": flt.type_options(df),
        "statuses": flt.status_options(df), "languages": flt.language_options(df), "sources": flt.source_options(df),
        "places": flt.place_options(df), "location_countries": flt.location_country_options(df),
    }  # fmt: skip
    small = app.options_frame(opts)
    assert len(small) == max(len(v) for v in opts.values()) < len(df)
    params = {
        "actor": ["vladimir putin", "Nobody", "Russia"], "country": ["rus", "XXX"], "type": ["talks", "x"],
        "status": ["planned", "maybe"], "lang": ["EN", "xx"], "source": ["reuters", "zzz"], "q": "drone",
        "place": ["kyiv", "Atlantis"], "loc_country": ["ukr", "FRA"], "min_conf": "0.7",
    }  # fmt: skip
    assert flt.from_query_params(params, small) == flt.from_query_params(params, df)
    assert app.options_frame({}).empty


def test_table_frame_limit_keeps_the_newest(df: pd.DataFrame) -> None:
    full = app.table_frame(df)
    top = app.table_frame(df, limit=5)
    assert list(top["event_id"]) == list(full["event_id"][:5])
    assert app.table_frame(df, limit=0).empty


@pytest.mark.parametrize(
    ("typed", "value", "notes"),
    [
        (["Russia"], ["Russia"], []),  # an option as offered: left alone
        (["Russia", "Kremlin"], ["Russia"], ["Read actor 'Kremlin' as 'Russia'."]),  # no repeat
        (["Casa Albă"], ["United States"], ["Read actor 'Casa Albă' as 'United States'."]),
        (["Kiev"], ["Ukraine", "Kyiv"], ["Read actor 'Kiev' as 2 actors, 'Ukraine' and 'Kyiv': it names each of them."]),
        (["Putn", "Kyiv"], ["Kyiv"], ["Ignored actor 'Putn': not in the loaded events. Did you mean 'Vladimir Putin'?"]),
    ],
)
def test_names_typed_into_the_actors_box(typed: list[str], value: list[str], notes: list[str]) -> None:
    from events.dashboard.actor_names import ActorLookup

    known = ["Russia", "Ukraine", "United States", "Kyiv", "Vladimir Putin"]
    assert app.resolve_typed_actors(typed, set(known), ActorLookup(known)) == (value, notes)


def test_search_caption_counts_articles_sentences_and_events() -> None:
    from events.search import SearchHits

    hits = SearchHits("brasov", frozenset({"a1", "a2"}), frozenset({"e1"}))
    assert app.search_caption(hits, "brasov", 5) == ("Found in 2 articles (title or text) and 1 evidence sentence: "
                                                     "5 events match the filters.")
    fallback = SearchHits("AND", frozenset({"a1"}), frozenset(), notice="Searched 'AND' as plain words: …")
    assert app.search_caption(fallback, "AND", 1).startswith("Searched 'AND' as plain words: … Found in 1 article")
    assert app.search_caption(None, "x", 1) == ("Searched the evidence sentences only (this store has no full-text "
                                                 "index): 1 event matches the filters.")
    assert app.search_caption(SearchHits('"', searched=False, notice="Nothing to search for"), '"', 9) == (
        "Nothing to search for")
    assert app.search_caption(None, "", 3) == ""
