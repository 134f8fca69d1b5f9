"""Events the news names by a name of their own: the data file is checked, and a report naming one gets its facts."""

from __future__ import annotations

from datetime import date

import pytest

from events import gazetteer, named_events
from events.extract import extract
from events.readers import read_text

CASES = [
    # a time reference by name: the event, its parties, day and place from the data
    ("en", "Since the Alaska summit, Witkoff has become the main channel to the Kremlin.",
     ("summit", "RUS-USA", "occurred", "2025-08-15")),
    ("ro", "De la summitul din Alaska, Witkoff a devenit principalul canal de comunicare cu Kremlinul.",
     ("summit", "RUS-USA", "occurred", "2025-08-15")),
    # a name with no trigger word in it ("clash", "cearta") is still the event
    ("en", "Washington resumed arms deliveries suspended after the Oval Office clash.",
     ("summit", "UKR-USA", "occurred", "2025-02-28")),
    ("ro", "Washingtonul a reluat livrările de arme, suspendate după cearta din Biroul Oval.",
     ("summit", "UKR-USA", "occurred", "2025-02-28")),
    ("en", "Trump and Xi agreed on a trade truce at the Busan summit.", ("summit", "CHN-USA", "occurred", "2025-10-30")),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES, ids=[c[1][:40] for c in CASES])
def test_a_named_event_gets_its_facts(lang, text, expected):
    (ev,) = extract(read_text(text, published=date(2025, 11, 10), language=lang))
    assert (ev.event_type, "-".join(ev.countries), ev.status, str(ev.date)) == expected


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Since the Alaska summit, Witkoff has become the main channel to the Kremlin."),
    ("ro", "De la summitul din Alaska, Witkoff a devenit principalul canal de comunicare cu Kremlinul."),
])
def test_an_article_years_before_a_named_event_does_not_name_it(lang, text):
    # "the Alaska meeting" in 2021 (Blinken and Wang Yi in Anchorage) is not the summit of 2025
    assert [e.date for e in extract(read_text(text, published=date(2021, 3, 20), language=lang))
            if e.date == date(2025, 8, 15)] == []


def test_what_the_text_says_wins_over_the_data():
    text = "Trump and Putin met in Anchorage on Friday for the Alaska summit, with Zelensky joining by video."
    (ev,) = extract(read_text(text, published=date(2025, 8, 16), language="en"))
    assert (str(ev.date), ev.location_name) == ("2025-08-15", "Anchorage")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("- {name: X, type: summit, countries: [RUS], date: 2025-01-01, place: Busan, status: occurred, forms: [x]}",
         "two or more known ISO-3"),
        ("- {name: X, type: summit, countries: [RUS, ZZZ], date: null, place: Busan, status: occurred, forms: [x]}",
         "two or more known ISO-3"),
        ("- {name: X, type: war, countries: [RUS, USA], date: null, place: Busan, status: occurred, forms: [x]}",
         "needs a name, a type"),
        ("- {name: X, type: summit, countries: [RUS, USA], date: null, place: Xqzzy Town, status: occurred, forms: [x]}",
         "not a place"),
        ("- {name: X, type: summit, countries: [RUS, USA], date: null, place: Busan, status: occurred, forms: [x]}\n"
         "- {name: Y, type: summit, countries: [RUS, USA], date: null, place: Busan, status: occurred, forms: [x]}",
         "also names"),
    ],
)
def test_bad_named_events_are_reported(tmp_path, monkeypatch, entry, message):
    (tmp_path / "gazetteer").mkdir()
    (tmp_path / "gazetteer" / "named_events.yaml").write_text(entry, encoding="utf-8")
    monkeypatch.setattr(named_events, "DATA_DIR", tmp_path)
    with pytest.raises(gazetteer.GazetteerError, match=message):
        named_events.load.__wrapped__(gazetteer.load())


def test_the_bundled_named_events_load():
    events = named_events.load(gazetteer.load()).events
    assert {"Alaska summit", "Oval Office clash", "Busan summit"} <= set(events)
    assert all(len(ev.countries) >= 2 and ev.place is not None for ev in events.values())
