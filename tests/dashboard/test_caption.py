"""events.dashboard.caption: the words under an exported chart (filters, counts, sources, date made)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import pytest

from events.dashboard import caption
from events.dashboard import filters as flt
from events.schema import to_frame
from tests.dashboard.conftest import as_events
from tests.dashboard.test_filters import ROWS, sample_frame

MADE = date(2026, 12, 4)


@pytest.mark.parametrize(
    ("f", "expected"),
    [
        (flt.Filters(), "All events"),
        (flt.Filters(actor_mode="all"), "All events"),  # a mode alone restricts nothing
        (
            flt.Filters(actors=("Volodymyr Zelensky",), event_types=("summit",), date_from=date(2025, 2, 1),
                        date_to=date(2025, 9, 30)),
            "Actor: Volodymyr Zelensky · Type: summit · 1 Feb – 30 Sep 2025",
        ),
        (flt.Filters(actors=("Russia", "Ukraine")), "Actors (any of): Russia, Ukraine"),
        (
            flt.Filters(actors=("Russia", "Ukraine", "United States", "Turkey", "NATO"), actor_mode="all"),
            "Actors (all of): Russia, Ukraine, United States +2 more",
        ),
        (flt.Filters(event_types=("air_attack", "talks")), "Types: air attack, talks"),
        (flt.Filters(statuses=("planned",)), "Status: planned"),
        (flt.Filters(countries=("RUS", "UKR", "XXX")), "Countries: Russia, Ukraine, XXX"),
        (flt.Filters(languages=("ro", "en")), "Languages: Romanian, English"),
        (flt.Filters(sources=("Reuters",)), "Outlet: Reuters"),
        (flt.Filters(text="  Odesa "), "Text: “Odesa”"),
        (flt.Filters(date_from=date(2025, 8, 1), date_to=date(2025, 8, 15)), "1–15 Aug 2025"),
        (flt.Filters(date_from=date(2025, 8, 15), date_to=date(2025, 8, 15)), "15 Aug 2025"),
        (flt.Filters(date_from=date(2024, 12, 1), date_to=date(2025, 1, 15)), "1 Dec 2024 – 15 Jan 2025"),
        (flt.Filters(date_from=date(2025, 2, 1)), "From 1 Feb 2025"),
        (flt.Filters(date_to=date(2025, 9, 30)), "Until 30 Sep 2025"),
        (flt.Filters(places=("Kyiv",)), "Place: Kyiv"),
        (flt.Filters(places=("Kyiv", "Odesa", "Lviv", "Kharkiv")), "Places: Kyiv, Odesa, Lviv +1 more"),
        # where it happened, named apart from the actors' countries
        (flt.Filters(countries=("RUS",), location_countries=("UKR",)), "Country: Russia · Location country: Ukraine"),
        (flt.Filters(location_countries=("UKR", "POL")), "Location countries: Ukraine, Poland"),
        (flt.Filters(min_confidence=0.7), "Confidence ≥ 0.70"),
        (flt.Filters(event_types=("talks",), min_confidence=0.85, date_from=date(2025, 2, 1)),
         "Type: talks · Confidence ≥ 0.85 · From 1 Feb 2025"),
    ],
)
def test_filters_in_words(f: flt.Filters, expected: str) -> None:
    assert caption.filters_text(f) == expected


@dataclass(frozen=True)
class WiderFilters(flt.Filters):
    """Filters as a later version might have them: one more field."""

    regions: tuple[str, ...] = ()


def test_a_filter_this_module_does_not_know_is_still_named() -> None:
    f = WiderFilters(event_types=("talks",), regions=("Balkans", "Caucasus"))
    assert caption.filters_text(f) == "Type: talks · Regions: Balkans, Caucasus"


def reports(*outlets: tuple[str, str | None, str | None]) -> pd.DataFrame:
    """Reports as (article_id, source, url); one report of its own event per tuple."""
    return to_frame(
        [dict(ROWS[0], report_id=f"e{i}", article_id=a, source=s, url=u) for i, (a, s, u) in enumerate(outlets)]
    )


def frame(*outlets: tuple[str, str | None, str | None]) -> pd.DataFrame:
    """Events as (article_id, source, url); one event per tuple."""
    return as_events(reports(*outlets))


def test_counts_and_sources_count_articles_and_outlets() -> None:
    df = frame(
        ("a1", "Reuters", None),
        ("a1", "Reuters", None),  # a second event of the same article
        ("a2", "Reuters", "https://www.reuters.com/x"),
        ("a3", "Digi24", None),
        ("a4", None, "https://www.kyivindependent.com/story"),  # no publisher: the URL's host stands for it
        ("a5", None, None),
    )
    assert caption.counts_text(df) == "6 events from 5 articles"
    assert caption.sources_text(df) == (
        "Sources: 5 articles from 3 outlets (Reuters, Digi24, kyivindependent.com; 1 without a named outlet)"
    )


def test_outlets_are_listed_most_articles_first_then_cut() -> None:
    df = frame(*[(f"a{i}", name, None) for i, name in enumerate(["B", "A", "C", "D", "E", "E", "F"])])
    assert caption.sources_text(df) == "Sources: 7 articles from 6 outlets (E, A, B, C +2 more)"


def test_a_table_of_reports_counts_reports() -> None:
    assert caption.counts_text(reports(("a1", "Reuters", None), ("a2", None, None))) == "2 reports from 2 articles"


def test_events_count_the_articles_and_outlets_of_all_their_reports() -> None:
    behind = to_frame([dict(ROWS[0], report_id=f"r{i}", event_id="E1", article_id=f"a{i}", source=s)
                       for i, s in enumerate(["Reuters", "Digi24", "Reuters"])])
    events = as_events(behind)
    assert len(events) == 1
    cap = caption.caption(None, events, MADE, reports=behind)
    assert cap.counts == "1 event from 3 articles"
    assert cap.sources == "Sources: 3 articles from 2 outlets (Reuters, Digi24)"


def test_zero_events() -> None:
    empty = as_events(to_frame([]))
    cap = caption.caption(flt.Filters(text="nothing"), empty, MADE)
    assert cap.counts == "0 events from 0 articles"
    assert cap.sources == "Sources: none"
    assert cap.lines() == [
        "Text: “nothing”",
        "0 events from 0 articles · Sources: none · Made on 4 Dec 2026 with Diplomacy & war in the news",
    ]


def test_one_event_is_singular() -> None:
    assert caption.counts_text(frame(("a1", "Reuters", None))) == "1 event from 1 article"
    assert caption.sources_text(frame(("a1", "Reuters", None))) == "Sources: 1 article from 1 outlet (Reuters)"


def test_whole_caption_of_the_sample() -> None:
    df = flt.prepare(sample_frame())
    f = flt.Filters(actors=("Russia",), date_from=date(2025, 2, 1), date_to=date(2025, 9, 30))
    cap = caption.caption(f, flt.apply(df, f), MADE)
    assert cap.filters == "Actor: Russia · 1 Feb – 30 Sep 2025"
    assert cap.made == "Made on 4 Dec 2026 with Diplomacy & war in the news"
    assert cap.text() == " · ".join([cap.filters, cap.counts, cap.sources, cap.made])
    assert cap.parts()[0] == ["Actor: Russia", "1 Feb – 30 Sep 2025"]
    assert caption.caption(None, df, MADE).filters == "All events"


def test_made_defaults_to_today() -> None:
    assert caption.caption(None, to_frame([])).made.startswith(f"Made on {caption.day_text(date.today())} ")
