"""Tests for events.dashboard.filters; also home of the synthetic events table the chart/export tests use."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from events.dashboard import filters as flt
from events.schema import EVENT_COLUMNS, to_frame


def _a(name: str, kind: str, country: str | None, role: str) -> dict[str, str | None]:
    """One actor dict."""
    return {"name": name, "kind": kind, "country": country, "role": role}


PUTIN = ("Vladimir Putin", "person", "RUS")
TRUMP = ("Donald Trump", "person", "USA")
ZELENSKY = ("Volodymyr Zelensky", "person", "UKR")
RUSSIA = ("Russia", "country", "RUS")
UKRAINE = ("Ukraine", "country", "UKR")
USA = ("United States", "country", "USA")
TURKEY = ("Turkey", "country", "TUR")
NATO = ("NATO", "organization", None)
KYIV = ("Kyiv", "city", "UKR")
HOUTHIS = ("Houthis", "group", "YEM")
ISRAEL = ("Israel", "country", "ISR")
MACRON = ("Emmanuel Macron", "person", "FRA")


def _event(
    n: int,
    etype: str,
    status: str,
    actors: list[tuple[tuple[str, str, str | None], str]],
    sentence: str,
    date_: str | None,
    published: str,
    *,
    precision: str = "day",
    date_text: str | None = None,
    place: tuple[str, str, float, float] | None = None,
    language: str = "ro",
    source: str = "Agerpres",
) -> dict[str, Any]:
    """A row dict for schema.to_frame."""
    acts = [_a(*a, role) for a, role in actors]
    loc_name, loc_country, lat, lon = place if place else (None, None, None, None)
    return {
        "report_id": f"ev{n:02d}",
        "event_type": etype,
        "status": status,
        "date": date_,
        "date_precision": precision if date_ else None,
        "date_text": date_text if date_text is not None else (date_ and "la " + date_),
        "actors": acts,
        "countries": sorted({a["country"] for a in acts if a["country"]}),
        "attributed_to": ["Reuters"] if n % 4 == 0 else [],
        "location_name": loc_name,
        "location_country": loc_country,
        "lat": lat,
        "lon": lon,
        "sentence": sentence,
        "start": n * 100,
        "end": n * 100 + len(sentence),
        "confidence": 0.5 + (n % 5) / 10,
        "article_id": f"{n:016x}",
        "path": f"articles/{n:02d}.txt",
        "title": f"Article {n}",
        "published": published,
        "language": language,
        "source": source,
        "url": f"https://example.org/{n}",
    }


ALASKA = ("Anchorage", "USA", 61.2181, -149.9003)
ISTANBUL = ("Istanbul", "TUR", 41.0082, 28.9784)
KYIV_PLACE = ("Kyiv", "UKR", 50.4501, 30.5234)
LVIV = ("Lviv", "UKR", 49.8397, 24.0297)
KHARKIV = ("Kharkiv", "UKR", 49.9935, 36.2304)
ODESA = ("Odesa", "UKR", 46.4825, 30.7233)
EILAT = ("Eilat", "ISR", 29.5577, 34.9519)

ROWS: list[dict[str, Any]] = [
    _event(1, "summit", "occurred", [(PUTIN, "participant"), (TRUMP, "participant")],
           "Summitul de la Anchorage dintre Putin și Trump s-a încheiat fără acord.",
           "2025-08-15", "2025-08-16", place=ALASKA, date_text="vineri"),
    _event(2, "talks", "occurred", [(RUSSIA, "participant"), (UKRAINE, "participant")],
           "Delegațiile Rusiei și Ucrainei au purtat discuții la Istanbul.",
           "2025-07-23", "2025-07-24", place=ISTANBUL),
    _event(3, "talks", "planned", [(RUSSIA, "participant"), (UKRAINE, "participant"),
                                   (TURKEY, "participant")],
           "O nouă rundă de negocieri la Istanbul ar urma să aibă loc luna viitoare.",
           "2025-09-01", "2025-08-20", precision="month", date_text="luna viitoare",
           place=ISTANBUL),
    _event(4, "talks", "cancelled", [(TRUMP, "initiator"), (PUTIN, "participant")],
           "Întâlnirea de la Budapesta dintre Trump și Putin a fost anulată.",
           "2025-10-22", "2025-10-22", date_text="miercuri"),
    _event(5, "air_attack", "occurred", [(RUSSIA, "initiator"), (KYIV, "target")],
           "Rusia a lansat un atac masiv cu drone asupra Kievului în noaptea de marți.",
           "2025-09-02", "2025-09-03", place=KYIV_PLACE, date_text="marți"),
    _event(6, "air_attack", "occurred", [(RUSSIA, "initiator"), (UKRAINE, "target")],
           "Un atac cu rachete a lovit Kievul, anunță autoritățile.",
           None, "2025-09-03", place=KYIV_PLACE),
    _event(7, "air_attack", "occurred", [(RUSSIA, "initiator"), (UKRAINE, "target")],
           "Russian drones struck Lviv overnight, the mayor said.",
           "2025-09-07", "2025-09-07", place=LVIV, language="en", source="Reuters"),
    _event(8, "air_attack", "occurred", [(RUSSIA, "initiator"), (UKRAINE, "target")],
           "Kharkiv was hit by guided bombs on Sunday.",
           "2025-06-01", "2025-06-02", place=KHARKIV, language="en", source="Reuters"),
    _event(9, "air_attack", "occurred", [(RUSSIA, "initiator"), (UKRAINE, "target")],
           "Portul Odesa a fost atacat cu drone.",
           None, "2025-05-10", place=ODESA),
    _event(10, "air_attack", "occurred", [(HOUTHIS, "initiator"), (ISRAEL, "target")],
           "Houthi drones were intercepted near Eilat.",
           "2025-09-08", "2025-09-08", place=EILAT, language="en", source="AP"),
    _event(11, "summit", "planned", [(TRUMP, "participant"), (PUTIN, "participant"),
                                     (ZELENSKY, "participant")],
           "Un summit trilateral Trump–Putin–Zelenski este în pregătire.",
           None, "2025-08-20"),
    _event(12, "summit", "occurred", [(NATO, "participant"), (USA, "participant"),
                                      (UKRAINE, "participant")],
           "Summitul NATO de la Haga a discutat sprijinul pentru Ucraina.",
           "2025-06-24", "2025-06-25", place=("The Hague", "NLD", 52.0705, 4.3007)),
    _event(13, "talks", "occurred", [(MACRON, "initiator"), (ZELENSKY, "participant")],
           "Emmanuel Macron a avut o convorbire telefonică cu Volodimir Zelenski.",
           "2025-08-28", "2025-08-28", language="ro", source="Digi24"),
    _event(14, "talks", "occurred", [(USA, "participant"), (UKRAINE, "participant")],
           "Washington and Kyiv held talks in Riyadh.",
           "2025-03-11", "2025-03-12", language="en", source="AP",
           place=("Riyadh", "SAU", 24.7136, 46.6753)),
    _event(15, "talks", "occurred", [(USA, "participant"), (RUSSIA, "participant")],
           "Diplomats from Washington and Moscow met in Riyadh.",
           "2025-02-18", "2025-02-19", language="en", source="AP",
           place=("Riyadh", "SAU", 24.7136, 46.6753)),
    _event(16, "talks", "occurred", [(TRUMP, "participant"), (ZELENSKY, "participant")],
           "Trump l-a primit pe Zelenski la Casa Albă pentru discuții.",
           "2025-08-18", "2025-08-18", source="Digi24",
           place=("Washington", "USA", 38.8977, -77.0365)),
    _event(17, "talks", "occurred", [(TRUMP, "participant"), (PUTIN, "participant")],
           "Trump și Putin au vorbit la telefon timp de două ore.",
           None, "2025-05-19", source="Digi24"),
    _event(18, "air_attack", "planned", [(RUSSIA, "initiator"), (UKRAINE, "target")],
           "Kievul se pregătește pentru noi atacuri aeriene în weekend.",
           "2025-09-06", "2025-09-04", date_text="în weekend"),
    _event(19, "summit", "cancelled", [(USA, "participant"), (RUSSIA, "participant")],
           "The planned summit in Budapest was called off.",
           "2025-10-23", "2025-10-23", language="en", source="Reuters"),
    _event(20, "air_attack", "occurred", [(RUSSIA, "initiator"), (UKRAINE, "target")],
           "A second strike hit Kyiv's energy grid.",
           "2025-09-10", "2025-09-10", place=KYIV_PLACE, language="en", source="Reuters"),
]  # fmt: skip


def sample_frame() -> pd.DataFrame:
    """The 20-event synthetic table (fresh copy)."""
    return to_frame(ROWS)


def big_frame(n: int = 100_000, seed: int = 0) -> pd.DataFrame:
    """A large random table with the same shape, for speed tests."""
    rng = np.random.default_rng(seed)
    people = [PUTIN, TRUMP, ZELENSKY, RUSSIA, UKRAINE, USA, TURKEY, NATO, KYIV, HOUTHIS]
    people += [(f"Actor {i}", "person", "FRA") for i in range(300)]
    types = ["talks", "summit", "air_attack"]
    statuses = ["occurred", "planned", "cancelled"]
    base = pd.Timestamp("2023-01-01")
    rows = []
    for i in range(n):
        picks = rng.choice(len(people), int(rng.integers(1, 4)), replace=False)
        acts = [_a(*people[j], "participant") for j in picks]
        day = base + pd.Timedelta(days=int(rng.integers(0, 1000)))
        rows.append(
            {
                "report_id": f"big{i}",
                "event_type": types[i % 3],
                "status": statuses[(i // 3) % 3],
                "date": None if i % 9 == 0 else day,
                "actors": acts,
                "countries": sorted({a["country"] for a in acts if a["country"]}),
                "sentence": f"Discuțiile nr. {i} au avut loc la Istanbul.",
                "published": day,
                "language": "ro" if i % 2 else "en",
                "source": f"source {i % 7}",
                "lat": 50.0,
                "lon": 30.0,
            }
        )
    return to_frame(rows)


@pytest.fixture
def df() -> pd.DataFrame:
    """Prepared synthetic table."""
    return flt.prepare(sample_frame())


def ids(frame: pd.DataFrame) -> set[str]:
    """Event ids of a frame."""
    return set(frame["report_id"])


# ---------------------------------------------------------------- prepare


def test_prepare_adds_helpers_and_keeps_columns(df: pd.DataFrame) -> None:
    raw = sample_frame()
    assert list(df.columns[: len(EVENT_COLUMNS)]) == list(EVENT_COLUMNS)
    assert flt.is_prepared(df) and not flt.is_prepared(raw)
    row = df.set_index("report_id").loc["ev06"]
    assert row[flt.UNDATED]
    assert row[flt.EFFECTIVE_DATE] == pd.Timestamp("2025-09-03")  # publication date
    assert row[flt.ACTOR_NAMES] == ("Russia", "Ukraine")
    assert "kievul" in row[flt.TEXT_KEY] and "autoritatile" in row[flt.TEXT_KEY]
    assert list(flt.drop_helpers(df).columns) == list(EVENT_COLUMNS)


def test_apply_prepares_on_the_fly() -> None:
    out = flt.apply(sample_frame(), flt.Filters(event_types=("summit",)))
    assert ids(out) == {"ev01", "ev11", "ev12", "ev19"}


def test_fold() -> None:
    assert flt.fold("Discuțiile ŞI Negocierile şi ÎNTÂLNIREA") == (
        "discutiile si negocierile si intalnirea"
    )


def test_fold_fast_path_agrees_with_the_table_for_every_character() -> None:
    # fold lowers in C and replaces the marked letters left; the table folds character by character
    from events import lexicon

    for c in range(0x3000):
        expected = lexicon._FOLD_LIST[c] if isinstance(lexicon._FOLD_LIST[c], str) else chr(c)
        assert lexicon.fold(chr(c) + "ă") == expected + "a", hex(c)
    assert lexicon.fold("İstanbul Ăă") == "istanbul aa"  # "İ" lowers to two characters: same length kept


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aăâîșțşţĂÂÎȘȚéÉöçİı„”“’–—«»…\u00a0\u3000ＡａΩ😀\U0001d400 \n"))) | st.text())
def test_fold_agrees_with_folding_each_character(text: str) -> None:
    from events import lexicon

    if "Σ" in text or len(text.lower()) != len(text):
        return  # final sigma lowers by context; "İ" to two characters (its own test above)
    assert lexicon.fold(text) == "".join(lexicon._fold_char(c) for c in text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aAăâîșțşţĂÂÎȘȚéÉöÖçÇğİıΣσς„”“’–—«»…\u00a0\u3000ＡａΩ😀 \n\ud800"))) | st.text())
def test_fold_of_the_letters_one_by_one_is_fold_of_the_lowered_text(text: str) -> None:
    """fold() lowers ASCII as bytes and folds the other letters one by one: what lowering the text gives."""
    from events import lexicon

    assert lexicon.fold(text) == lexicon._fold_lowered(text)
    assert len(lexicon.fold(text)) == len(text)


# ---------------------------------------------------------------- filters table


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (flt.Filters(), {f"ev{i:02d}" for i in range(1, 21)}),
        (flt.Filters(actors=("Vladimir Putin",)), {"ev01", "ev04", "ev11", "ev17"}),
        (
            flt.Filters(actors=("Vladimir Putin", "Volodymyr Zelensky")),
            {"ev01", "ev04", "ev11", "ev17", "ev13", "ev16"},
        ),
        (
            flt.Filters(actors=("Vladimir Putin", "Volodymyr Zelensky"), actor_mode="all"),
            {"ev11"},
        ),
        (
            flt.Filters(actors=("Donald Trump", "Vladimir Putin"), actor_mode="all"),
            {"ev01", "ev04", "ev11", "ev17"},
        ),
        (flt.Filters(actors=("Houthis",)), {"ev10"}),
        (flt.Filters(actors=("Kyiv",)), {"ev05"}),  # the city, not the country
        (flt.Filters(countries=("ISR",)), {"ev10"}),
        (flt.Filters(countries=("TUR", "ISR")), {"ev03", "ev10"}),
        (flt.Filters(event_types=("summit",)), {"ev01", "ev11", "ev12", "ev19"}),
        (flt.Filters(statuses=("cancelled",)), {"ev04", "ev19"}),
        (flt.Filters(statuses=("planned", "cancelled")), {"ev03", "ev04", "ev11", "ev18", "ev19"}),
        (flt.Filters(languages=("en",)), {"ev07", "ev08", "ev10", "ev14", "ev15", "ev19", "ev20"}),
        (flt.Filters(sources=("AP",)), {"ev10", "ev14", "ev15"}),
        (flt.Filters(text="kievul"), {"ev05", "ev06", "ev18"}),
        (flt.Filters(text="DISCUTII"), {"ev02", "ev16"}),  # "discuții", no diacritics typed
        (flt.Filters(text="  Întâlnirea  "), {"ev04"}),
        (flt.Filters(text="intalnirea"), {"ev04"}),
        (flt.Filters(text="Casa Albă"), {"ev16"}),
        (flt.Filters(text="nothing like this"), set()),
        (
            flt.Filters(
                actors=("Russia",),
                event_types=("air_attack",),
                date_from=date(2025, 9, 1),
                date_to=date(2025, 9, 7),
            ),
            {"ev05", "ev06", "ev07", "ev18"},  # ev06 undated, published 09-03
        ),
        (
            flt.Filters(event_types=("talks", "summit"), statuses=("occurred",), sources=("AP",)),
            {"ev14", "ev15"},
        ),
        (flt.Filters(countries=("UKR",), text="drone", languages=("ro",)), {"ev05", "ev09"}),
    ],
)
def test_apply_table(df: pd.DataFrame, filters: flt.Filters, expected: set[str]) -> None:
    assert ids(flt.apply(df, filters)) == expected


def test_date_range_uses_publication_date_for_undated(df: pd.DataFrame) -> None:
    may = flt.Filters(date_from=date(2025, 5, 1), date_to=date(2025, 5, 31))
    assert ids(flt.apply(df, may)) == {"ev09", "ev17"}  # both undated, published in May
    only_from = flt.apply(df, flt.Filters(date_from=date(2025, 10, 1)))
    assert ids(only_from) == {"ev04", "ev19"}
    only_to = flt.apply(df, flt.Filters(date_to=date(2025, 3, 11)))  # inclusive end day
    assert ids(only_to) == {"ev14", "ev15"}


def test_event_with_no_date_at_all_is_dropped_by_date_filter() -> None:
    rows = [dict(ROWS[0], report_id="nodate", date=None, published=None), ROWS[1]]
    frame = flt.prepare(to_frame(rows))
    assert ids(flt.apply(frame, flt.Filters())) == {"nodate", "ev02"}
    assert ids(flt.apply(frame, flt.Filters(date_from=date(2000, 1, 1)))) == {"ev02"}


def test_actor_names_are_whole_names_not_substrings(df: pd.DataFrame) -> None:
    assert ids(flt.apply(df, flt.Filters(actors=("Russ",)))) == set()
    assert ids(flt.apply(df, flt.Filters(countries=("US",)))) == set()


def test_apply_on_empty_frame() -> None:
    empty = flt.prepare(to_frame([]))
    out = flt.apply(empty, flt.Filters(actors=("Russia",), text="x", date_from=date(2025, 1, 1)))
    assert out.empty


def test_apply_100k_rows_under_200ms() -> None:
    big = flt.prepare(big_frame())
    f = flt.Filters(
        actors=("Russia", "Donald Trump", "Actor 7"),
        actor_mode="any",
        countries=("USA", "RUS", "FRA"),
        event_types=("talks", "summit"),
        statuses=("occurred", "planned"),
        date_from=date(2023, 6, 1),
        date_to=date(2025, 6, 1),
        languages=("ro",),
        sources=("source 1", "source 2", "source 3"),
        text="istanbul",
    )
    flt.apply(big, f)  # warm-up
    best = min(_timed(lambda: flt.apply(big, f)) for _ in range(3))
    assert best < 0.2, f"apply took {best * 1000:.0f} ms on 100k rows"
    all_mode = flt.Filters(actors=("Russia", "Ukraine"), actor_mode="all")
    assert _timed(lambda: flt.apply(big, all_mode)) < 0.2


def _timed(fn: Any) -> float:
    """Seconds one call takes."""
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


# ---------------------------------------------------------------- options, summary


def test_actor_options_sorted_by_count_then_name(df: pd.DataFrame) -> None:
    opts = flt.actor_options(df)
    assert opts[:3] == [("Russia", 11), ("Ukraine", 10), ("Donald Trump", 5)]
    counts = [n for _, n in opts]
    assert counts == sorted(counts, reverse=True)
    assert ("Houthis", 1) in opts and ("Kyiv", 1) in opts
    assert flt.actor_options(sample_frame()) == opts  # unprepared frame too


def test_country_and_source_options(df: pd.DataFrame) -> None:
    countries = dict(flt.country_options(df))
    assert countries["UKR"] == 14 and countries["ISR"] == 1 and "None" not in countries
    assert flt.source_options(df) == [("Agerpres", 10), ("Reuters", 4), ("AP", 3), ("Digi24", 3)]
    assert flt.type_options(df) == [("air_attack", 8), ("talks", 8), ("summit", 4)]


def test_summary(df: pd.DataFrame) -> None:
    s = flt.summary(df)
    assert s["events"] == 20
    assert s["by_type"] == {"air_attack": 8, "talks": 8, "summit": 4}
    assert s["actors"] == len(flt.actor_options(df)) == 12
    assert s["date_min"] == date(2025, 2, 18)
    assert s["date_max"] == date(2025, 10, 23)
    assert s["undated"] == 4
    empty = flt.summary(flt.prepare(to_frame([])))
    assert empty["events"] == 0 and empty["date_min"] is None and empty["by_type"] == {}


# ---------------------------------------------------------------- query params


def test_query_params_round_trip(df: pd.DataFrame) -> None:
    f = flt.Filters(
        actors=("Vladimir Putin", "Donald Trump"),
        actor_mode="all",
        countries=("RUS",),
        event_types=("talks", "summit"),
        statuses=("planned",),
        date_from=date(2025, 1, 1),
        date_to=date(2025, 9, 30),
        languages=("ro",),
        sources=("Digi24",),
        text="Casa Albă",
    )
    params = flt.to_query_params(f)
    assert params["actor"] == ["Vladimir Putin", "Donald Trump"]
    assert params["from"] == "2025-01-01" and params["actor_mode"] == "all"
    back, notices = flt.from_query_params(params, df)
    assert back == f and notices == []


def test_default_filters_give_no_params(df: pd.DataFrame) -> None:
    assert flt.to_query_params(flt.Filters()) == {}
    assert flt.from_query_params({}, df) == (flt.Filters(), [])
    assert flt.Filters().is_empty() and not flt.Filters(text="x").is_empty()


def test_stale_and_invalid_params_become_notices(df: pd.DataFrame) -> None:
    params = {
        "actor": ["Vladimir Putin", "Kim Jong Un"],
        "actor_mode": "most",
        "country": ["ukr", "XYZ"],
        "type": ["talks", "naval_battle"],
        "status": "rumoured",
        "from": "2025-13-01",
        "to": "yesterday",
        "lang": ["ro", "de"],
        "source": "Pravda",
        "q": "drone",
        "tab": "map",  # the dashboard's own parameter: left alone
    }
    f, notices = flt.from_query_params(params, df)
    assert f == flt.Filters(
        actors=("Vladimir Putin",),
        countries=("UKR",),
        event_types=("talks",),
        languages=("ro",),
        text="drone",
    )
    text = "\n".join(notices)
    for bit in ("Kim Jong Un", "most", "XYZ", "naval_battle", "rumoured", "2025-13-01",
                "yesterday", "'de'", "Pravda"):  # fmt: skip
        assert bit in text
    assert len(notices) == 9
    assert "tab" not in text


def test_params_case_and_diacritics_insensitive_and_inverted_dates_ignored(df: pd.DataFrame) -> None:
    f, notices = flt.from_query_params(
        {"actor": "vladimir putin", "from": "2025-09-30", "to": "2025-01-01"}, df
    )
    assert f.actors == ("Vladimir Putin",)
    assert (f.date_from, f.date_to) == (None, None)  # which one is wrong can't be told: neither is guessed
    assert notices == ["Ignored the dates 2025-09-30 to 2025-01-01: the start is after the end."]


BOUNDS = (date(2025, 2, 18), date(2025, 10, 23))


@pytest.mark.parametrize(
    ("params", "expected", "notice"),
    [
        ({"from": "2025-03-01", "to": "2025-09-30"}, (date(2025, 3, 1), date(2025, 9, 30)), None),
        ({"from": "2025-02-18", "to": "2025-10-23"}, (date(2025, 2, 18), date(2025, 10, 23)), None),  # the ends
        ({"from": "2031-01-01"}, (None, None), "Ignored the start date '2031-01-01': the events run from "
                                               "2025-02-18 to 2025-10-23."),
        ({"from": "2024-12-31", "to": "2025-05-01"}, (None, date(2025, 5, 1)), "Ignored the start date"),
        ({"to": "2025-01-01"}, (None, None), "Ignored the end date '2025-01-01'"),
        ({"from": "2025-05-01", "to": "2026-01-01"}, (date(2025, 5, 1), None), "Ignored the end date"),
        ({"from": "2031-01-01", "to": "2025-05-01"}, (None, None), "the start is after the end"),
    ],
)
def test_dates_outside_the_events_span_are_ignored_with_a_notice(
    df: pd.DataFrame, params: dict[str, str], expected: tuple[date | None, date | None], notice: str | None
) -> None:
    f, notices = flt.from_query_params(params, df, bounds=BOUNDS)
    assert (f.date_from, f.date_to) == expected
    if notice is None:
        assert notices == []
    else:
        assert len(notices) == 1 and notices[0].startswith("Ignored") and notice in notices[0]


def test_params_never_raise(df: pd.DataFrame) -> None:
    class Broken(dict):  # type: ignore[type-arg]
        def __getitem__(self, key: str) -> Any:
            raise RuntimeError("boom")

    f, notices = flt.from_query_params(Broken(actor="x"), df)
    assert f == flt.Filters() and notices
    f, notices = flt.from_query_params({"actor": [None, 3, ""], "from": ["", "2025-01-01"]}, df)
    assert f.date_from == date(2025, 1, 1)
    f, _ = flt.from_query_params({"actor": "Russia"}, flt.prepare(to_frame([])))
    assert f.actors == ()


def test_vectorised_fold_matches_fold():
    from events.dashboard.filters import _fold_series, fold

    texts = ["Discuțiile de la Moscova", "Zelenskyy met Erdoğan", "ŞŢ șț ĂÂÎ", "", "Élysée – „citat”"]
    assert list(_fold_series(pd.Series(texts))) == [fold(t) for t in texts]


@pytest.mark.parametrize(
    ("typed", "actors", "note"),
    [
        ("Zelenski", ("Volodymyr Zelensky",), "Read actor 'Zelenski' as 'Volodymyr Zelensky'."),
        ("ZELENSKYY", ("Volodymyr Zelensky",), "Read actor 'ZELENSKYY' as 'Volodymyr Zelensky'."),
        ("Зеленський", ("Volodymyr Zelensky",), "Read actor 'Зеленський' as 'Volodymyr Zelensky'."),
        ("Kremlinului", ("Russia",), "Read actor 'Kremlinului' as 'Russia'."),
        ("casa alba", ("United States",), "Read actor 'casa alba' as 'United States'."),
        ("Elysee", (), None),  # France is in no event of the table: ignored, and said so
        ("volodymyr zelensky", ("Volodymyr Zelensky",), None),  # the name itself: nothing to note
        ("Kiev", ("Ukraine", "Kyiv"), "Read actor 'Kiev' as 2 actors, 'Ukraine' and 'Kyiv': it names each of them."),
    ],
)
def test_url_actors_by_any_name_the_gazetteer_knows(
    df: pd.DataFrame, typed: str, actors: tuple[str, ...], note: str | None
) -> None:
    read = flt.read_query_params({"actor": typed}, df)
    assert read.filters.actors == actors
    assert list(read.notes) == ([note] if note else [])
    assert bool(read.ignored) == (not actors)
    # the same events as the canonical names, and the URL written back says them
    assert ids(flt.apply(df, read.filters)) == ids(flt.apply(df, flt.Filters(actors=actors)))
    assert flt.to_query_params(read.filters).get("actor", []) == list(actors)


def test_unknown_url_actor_gets_did_you_mean(df: pd.DataFrame) -> None:
    f, notices = flt.from_query_params({"actor": ["Zelenskee", "Putin"]}, df)
    assert f.actors == ("Vladimir Putin",)
    assert notices[0] == "Ignored actor 'Zelenskee': not in the loaded events. Did you mean 'Volodymyr Zelensky'?"
    assert notices[1] == "Read actor 'Putin' as 'Vladimir Putin'."
    f, notices = flt.from_query_params({"actor": "Elysee"}, df)
    # the seat (France) and the venue (a place): neither is in the table
    assert notices == ["Ignored actor 'Elysee' ('France' and 'Élysée Palace'): no loaded event has this actor."]


# ---------------------------------------------------------------- minimum confidence, place, location country


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        # confidence is 0.5 + (n % 5) / 10: ev04, ev09, ev14, ev19 have 0.9
        (flt.Filters(min_confidence=0.9), {"ev04", "ev09", "ev14", "ev19"}),
        (flt.Filters(min_confidence=0.85), {"ev04", "ev09", "ev14", "ev19"}),
        (flt.Filters(min_confidence=0.8), {"ev03", "ev04", "ev08", "ev09", "ev13", "ev14", "ev18", "ev19"}),
        (flt.Filters(min_confidence=1.0), set()),
        (flt.Filters(places=("Kyiv",)), {"ev05", "ev06", "ev20"}),
        (flt.Filters(places=("Kyiv", "Riyadh")), {"ev05", "ev06", "ev20", "ev14", "ev15"}),
        # where it happened, not who took part: ev14 and ev15 (US talks held in Riyadh) are Saudi by location
        (flt.Filters(location_countries=("SAU",)), {"ev14", "ev15"}),
        (flt.Filters(countries=("SAU",)), set()),
        (flt.Filters(location_countries=("UKR",)), {"ev05", "ev06", "ev07", "ev08", "ev09", "ev20"}),
        (flt.Filters(location_countries=("USA",), countries=("UKR",)), {"ev16"}),  # Zelensky at the White House
        (flt.Filters(location_countries=("UKR",), min_confidence=0.8), {"ev08", "ev09"}),
    ],
)
def test_new_filters_apply(df: pd.DataFrame, filters: flt.Filters, expected: set[str]) -> None:
    assert ids(flt.apply(df, filters)) == expected


def test_unknown_confidence_is_left_out_above_zero(df: pd.DataFrame) -> None:
    df.loc[df["report_id"] == "ev04", "confidence"] = np.nan
    assert "ev04" not in ids(flt.apply(df, flt.Filters(min_confidence=0.05)))
    assert "ev04" in ids(flt.apply(df, flt.Filters()))  # 0: no restriction


def test_masks_are_one_per_restricting_filter(df: pd.DataFrame) -> None:
    f = flt.Filters(actors=("Russia",), event_types=("talks",), date_from=date(2025, 1, 1), min_confidence=0.7,
                    places=("Istanbul",), text="istanbul")
    masks = flt.masks(df, f)
    assert set(masks) == {"actors", "event_types", "dates", "min_confidence", "places", "text"}
    assert all(m.dtype == bool and len(m) == len(df) for m in masks.values())
    assert ids(flt.select(df, masks)) == ids(flt.apply(df, f)) == {"ev02", "ev03"}
    assert flt.masks(df, flt.Filters()) == {}


def test_new_filters_round_trip_through_the_url(df: pd.DataFrame) -> None:
    f = flt.Filters(places=("Kyiv", "Odesa"), location_countries=("UKR",), min_confidence=0.75)
    params = flt.to_query_params(f)
    assert params == {"place": ["Kyiv", "Odesa"], "loc_country": ["UKR"], "min_conf": "0.75"}
    assert flt.from_query_params(params, df) == (f, [])
    assert not f.is_empty() and not flt.Filters(min_confidence=0.5).is_empty()
    assert "min_conf" not in flt.to_query_params(flt.Filters(min_confidence=0.0))


def test_new_url_values_case_aside_and_two_decimals(df: pd.DataFrame) -> None:
    f, notices = flt.from_query_params({"place": "kyiv", "loc_country": "ukr", "min_conf": "0.333"}, df)
    assert (f.places, f.location_countries, f.min_confidence, notices) == (("Kyiv",), ("UKR",), 0.33, [])
    assert flt.from_query_params({"min_conf": ["0.2", "1"]}, df)[0].min_confidence == 1.0  # the last one


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"min_conf": "high"}, "Ignored min_conf 'high': expected a number from 0 to 1, such as 0.7."),
        ({"min_conf": "1.5"}, "Ignored min_conf '1.5': expected a number from 0 to 1, such as 0.7."),
        ({"min_conf": "-0.2"}, "Ignored min_conf '-0.2': expected a number from 0 to 1, such as 0.7."),
        ({"min_conf": "nan"}, "Ignored min_conf 'nan': expected a number from 0 to 1, such as 0.7."),
        ({"place": ["Kyiv", "Atlantis"]}, "Ignored place 'Atlantis': not in the loaded events."),
        ({"loc_country": "FRA"}, "Ignored location country 'FRA': not in the loaded events."),  # an actor's only
    ],
)
def test_bad_values_of_the_new_filters_become_notices(df: pd.DataFrame, params: dict[str, Any], notice: str) -> None:
    f, notices = flt.from_query_params(params, df)
    assert notices == [notice]
    assert f.min_confidence == 0.0 and f.location_countries == ()
    assert f.places == (("Kyiv",) if "place" in params else ())  # the good value is kept


def test_place_and_location_country_options(df: pd.DataFrame) -> None:
    assert flt.place_options(df)[:3] == [("Kyiv", 3), ("Istanbul", 2), ("Riyadh", 2)]
    assert dict(flt.location_country_options(df)) == {"UKR": 6, "SAU": 2, "USA": 2, "TUR": 2, "ISR": 1, "NLD": 1}
