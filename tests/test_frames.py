"""Case table of the frames stage: which mentions of an article are one event. Articles written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from events.extract import extract
from events.readers import read_text

P = date(2025, 6, 12)  # a Thursday


def summary(text: str, lang: str) -> list[tuple[str, str, str, str | None]]:
    events = extract(read_text(text, published=P, language=lang))
    return sorted(((e.event_type, "-".join(e.countries), e.status, e.location_name) for e in events), key=str)


CASES = [
    # an air attack and the answer to it are two attacks: the side hit differs
    ("en", "Israeli warplanes struck Hodeidah on Tuesday. Hours later, the Houthis fired a ballistic missile at Israel.",
     [("air_attack", "ISR-YEM", "occurred", "Hodeidah"), ("air_attack", "ISR-YEM", "occurred", None)]),
    ("en", "American bombers hit Fordow on Sunday. Iran fired a barrage of missiles at Israel on Monday.",
     [("air_attack", "IRN-ISR", "occurred", None), ("air_attack", "IRN-USA", "occurred", "Fordow")]),
    ("ro", "Avioane israeliene au bombardat Hodeidah marți. Câteva ore mai târziu, rebelii houthi au lansat o rachetă "
           "asupra Israelului.",
     [("air_attack", "ISR-YEM", "occurred", "Hodeidah"), ("air_attack", "ISR-YEM", "occurred", None)]),
    # "the two presidents", "both leaders" stand for the parties before; held with each separately: one per party
    # the emir met each of them where they were that day (his talks with them take the place of their meeting)
    ("ro", "Tshisekedi și Kagame s-au întâlnit marți la Doha. Emirul Qatarului a avut anterior discuții separate cu "
           "fiecare dintre cei doi președinți.",
     [("summit", "COD-RWA", "occurred", "Doha"), ("talks", "COD-QAT", "occurred", "Doha"),
      ("talks", "QAT-RWA", "occurred", "Doha")]),
    ("en", "Anutin and Hun Manet agreed to a ceasefire in Putrajaya on Monday. Days earlier, Trump phoned both "
           "leaders.",
     [("talks", "KHM-USA", "occurred", None), ("talks", "THA-USA", "occurred", None)]),
    # the two sides of an attack are the parties "the two sides" stand for
    ("en", "Russia struck Kharkiv with glide bombs on Tuesday, as peace talks between the two sides stalled.",
     [("air_attack", "RUS-UKR", "occurred", "Kharkiv"), ("talks", "RUS-UKR", "occurred", None)]),
    # rounds counted are rounds held: not the planned one
    ("en", "Ukraine and Russia will hold talks in Istanbul next week. Two rounds of talks between Russia and Ukraine "
           "in Istanbul produced only prisoner swaps.",
     [("talks", "RUS-UKR", "occurred", "Istanbul"), ("talks", "RUS-UKR", "planned", "Istanbul")]),
    ("ro", "Ucraina și Rusia vor avea negocieri la Istanbul săptămâna viitoare. Primele două runde de negocieri dintre "
           "Rusia și Ucraina au adus doar schimburi de prizonieri.",
     [("talks", "RUS-UKR", "occurred", None), ("talks", "RUS-UKR", "planned", "Istanbul")]),
    # a vague side ("European leaders") makes no event alone, and joins the report that names its members
    ("en", "Trump and European leaders met at the White House on Monday.", []),
    ("en", "Trump and European leaders met at the White House on Monday. Macron, Merz and Starmer attended the "
           "meeting.",
     [("summit", "DEU-FRA-GBR-USA", "occurred", "White House")]),
    ("ro", "Trump și liderii europeni s-au întâlnit luni la Casa Albă. La întâlnire au participat Macron, Merz și "
           "Starmer.",
     [("summit", "DEU-FRA-GBR-USA", "occurred", "White House")]),
    # a second report of the same attack, without its attacker, joins it
    ("en", "Russian drones struck Odesa overnight. The attack on Odesa damaged port facilities, the governor said.",
     [("air_attack", "RUS-UKR", "occurred", "Odesa")]),
    # a city and the region named after it are one attack's place; the city, the more precise, is kept
    ("en", "Russian drones attacked the Kharkiv region overnight. In Kharkiv, the attack damaged a school.",
     [("air_attack", "RUS-UKR", "occurred", "Kharkiv")]),
    ("ro", "Drone rusești au atacat regiunea Harkov în timpul nopții. La Harkov, atacul a avariat o școală.",
     [("air_attack", "RUS-UKR", "occurred", "Kharkiv")]),
    # a country named as its capital is that city
    ("en", "Russian forces struck the Ukrainian capital with ballistic missiles on Tuesday.",
     [("air_attack", "RUS-UKR", "occurred", "Kyiv")]),
    ("en", "Israeli jets struck the capital of Yemen on Sunday.", [("air_attack", "ISR-YEM", "occurred", "Sanaa")]),
    ("ro", "Forțele ruse au lovit capitala Ucrainei cu rachete balistice marți.",
     [("air_attack", "RUS-UKR", "occurred", "Kyiv")]),
    ("ro", "Drone rusești au atacat capitala ucraineană în noaptea de marți.",
     [("air_attack", "RUS-UKR", "occurred", "Kyiv")]),
    # "their last meeting", "prima lor întâlnire de la ...": an earlier meeting of the same parties
    ("en", "Serbian President Aleksandar Vucic and Kosovo Prime Minister Albin Kurti met in Brussels on Monday. Their "
           "previous meeting, in Ohrid in March, had ended with a verbal deal.",
     [("summit", "SRB-XKX", "occurred", "Brussels"), ("summit", "SRB-XKX", "occurred", "Ohrid")]),
    # a place named in a time reference is the reference's, not the main event's
    ("en", "Vladimir Putin and Kim Jong Un met at the Vostochny cosmodrome on Wednesday, their first meeting since a "
           "summit in Vladivostok in April 2019.",
     [("summit", "PRK-RUS", "occurred", "Vladivostok"), ("summit", "PRK-RUS", "occurred", None)]),
    ("en", "Vladimir Putin and Kim Jong Un met at the Vostochny cosmodrome on Wednesday. It was their first meeting "
           "since the summit in Vladivostok in April 2019.",
     [("summit", "PRK-RUS", "occurred", "Vladivostok"), ("summit", "PRK-RUS", "occurred", None)]),
    ("ro", "Aleksandar Vucic și Albin Kurti s-au întâlnit luni la Bruxelles. Precedenta lor întâlnire, de la Ohrid din "
           "martie, se încheiase cu un acord verbal.",
     [("summit", "SRB-XKX", "occurred", "Brussels"), ("summit", "SRB-XKX", "occurred", "Ohrid")]),
]


DATED = [
    # an attack or a lead event dated nowhere is the news of the publication day; a background one is not dated
    ("en", "Russia launched hundreds of drones at Kyiv overnight, officials said.", "2025-06-12"),
    ("ro", "Donald Trump l-a primit la Casa Albă pe Volodimir Zelenski, a anunțat Casa Albă.", "2025-06-12"),
    ("ro", "Zelenski, care s-a întâlnit cu Erdogan la Ankara, a declarat că speră la pace.", None),
    ("en", "After his meeting with Erdogan in Ankara, Zelensky said he hoped for peace.", None),
    # "since 2022" says when something began, not when the event took place
    ("en", "Russian and Ukrainian delegations met in Istanbul on Friday, their first direct talks since 2022.",
     "2025-06-06"),
    ("ro", "Delegațiile Rusiei și Ucrainei s-au întâlnit vineri la Istanbul, primele discuții directe de la 2022 încoace.",
     "2025-06-06"),
]


PLACED = [
    # a dateline places the lead's meeting where the news was reported; not a call, not an attack
    ("en", "ANCHORAGE -- Trump and Putin ended their meeting without a deal on Friday.", "Anchorage"),
    ("ro", "BUCUREȘTI, 12 iunie (Agerpres) - Nicușor Dan s-a întâlnit joi cu Maia Sandu.", "Bucharest"),
    ("en", "ANCHORAGE -- Trump spoke by phone with Putin on Friday.", None),
    # filed from two places: neither is where it happened
    ("en", "ANKARA/MOSCOW, May 3 - Turkish and Russian officials ended their meeting without a deal.", None),
]

FILED_FROM = [
    # the city a wire story is filed from is no party and no place of what it reports
    ("en", "BANGKOK, April 12 - A Myanmar military air strike on a village in Sagaing killed dozens of people.",
     ("air_attack", "MMR")),
    ("en", "DOHA/KINSHASA, March 19 - Congolese and Rwandan officials held talks mediated by Angola.",
     ("talks", "AGO-COD-RWA")),
    ("ro", "BRUXELLES, 5 martie /Agerpres/ - Drone rusești au lovit orașul Harkov în cursul nopții.",
     ("air_attack", "RUS-UKR")),
    ("ro", "CAIRO/TEL AVIV, 2 mai - Negociatorii israelieni și qatarezi au purtat discuții indirecte.",
     ("talks", "ISR-QAT")),
]


RELATIVE = [
    # a time reference with a distance ("a day after", "la o noapte după ce") is another event, dated from the report
    # it dates; the reference's own words: "with missiles" is a weapon, not a partner
    ("en", "Russian drones struck Odesa on Tuesday, a day after a missile strike on Kharkiv.",
     [("air_attack", "RUS-UKR", "occurred", "Kharkiv", "2025-06-09"), ("air_attack", "RUS-UKR", "occurred", "Odesa",
                                                                       "2025-06-10")]),
    ("en", "A Russian drone attack on Kharkiv killed three people on Sunday. The attack came just one night after "
           "Russian missiles struck Kharkiv, killing two.",
     [("air_attack", "RUS-UKR", "occurred", "Kharkiv", "2025-06-07"), ("air_attack", "RUS-UKR", "occurred", "Kharkiv",
                                                                        "2025-06-08")]),
    ("ro", "Drone rusești au lovit Odesa marți, la o zi după un atac cu rachete asupra Harkovului.",
     [("air_attack", "RUS-UKR", "occurred", "Kharkiv", "2025-06-09"), ("air_attack", "RUS-UKR", "occurred", "Odesa",
                                                                       "2025-06-10")]),
    ("ro", "Atacul asupra Harkovului vine la doar o noapte după ce forțele ruse au lovit Harkovul cu rachete balistice.",
     [("air_attack", "RUS-UKR", "occurred", "Kharkiv", "2025-06-11"), ("air_attack", "RUS-UKR", "occurred", "Kharkiv",
                                                                       "2025-06-12")]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), PLACED)
def test_dateline(lang: str, text: str, expected: str | None) -> None:
    events = extract(read_text(text, published=P, language=lang))
    assert len(events) == 1 and events[0].location_name == expected


@pytest.mark.parametrize(("lang", "text", "expected"), FILED_FROM)
def test_where_a_story_is_filed_from_is_no_party(lang: str, text: str, expected: tuple[str, str]) -> None:
    events = extract(read_text(text, published=P, language=lang))
    assert [(e.event_type, "-".join(e.countries)) for e in events] == [expected]


@pytest.mark.parametrize(("lang", "text", "expected"), DATED)
def test_news_of_the_day(lang: str, text: str, expected: str | None) -> None:
    events = extract(read_text(text, published=P, language=lang))
    assert len(events) == 1 and (events[0].date.isoformat() if events[0].date else None) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), RELATIVE)
def test_relative_references(lang: str, text: str, expected: list[tuple[str, str, str, str | None, str]]) -> None:
    events = extract(read_text(text, published=P, language=lang))
    got = [(e.event_type, "-".join(e.countries), e.status, e.location_name, e.date.isoformat() if e.date else "")
           for e in events]
    assert sorted(got, key=str) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_frames(lang: str, text: str, expected: list[tuple[str, str, str, str | None]]) -> None:
    assert summary(text, lang) == expected


@pytest.mark.parametrize(("a", "pa", "b", "pb", "apart"), [
    ("2025-08-29", "day", "2025-08-29", "day", False),
    ("2025-08-29", "day", "2025-08-28", "day", True),  # two days: two occasions
    ("2025-08-01", "month", "2025-08-29", "day", False),  # "in August" and "on Friday"
    ("2025-06-01", "month", "2025-08-29", "day", True),  # "in June" is not "on Friday" in late August
    ("2025-08-25", "week", "2025-09-03", "day", False),  # "last week" a little off: within a week of it
    ("2025-07-01", "month", "2025-08-05", "day", False),  # July's end and early August: too close to tell
    ("2025-01-01", "year", "2025-11-20", "day", False),
    ("2024-01-01", "year", "2025-03-01", "month", True),
])
def test_dates_apart_at_their_precision(a: str, pa: str, b: str, pb: str, apart: bool) -> None:
    from events.frames import _apart, _days

    da, db = date.fromisoformat(a), date.fromisoformat(b)
    assert _apart(_days(da, pa), _days(db, pb), pa == pb == "day") is apart


def test_a_long_article_keeps_each_day_apart_and_joins_reports_of_one_day() -> None:
    # events filed by day: a report is compared only with the events of its day and the undated ones; the result is
    # what comparing with every event gives (one event per day, the later reports of a day joined to it)
    days = [date(2024, 1, 1 + i) for i in range(28)]
    sentences = [f"On {d:%B} {d.day}, {d.year}, Russian drones struck Kharkiv." for d in days]
    sentences += [f"The strike on Kharkiv on {d:%B} {d.day}, {d.year} damaged a school." for d in days[::7]]
    sentences.append("Russian missiles also hit Odesa.")  # undated: the day's news, its own event
    events = extract(read_text(" ".join(sentences), published=date(2024, 3, 1), language="en"))
    kharkiv = sorted(str(e.date) for e in events if e.location_name == "Kharkiv")
    assert kharkiv == [str(d) for d in days]
    assert [e.location_name for e in events if e.location_name != "Kharkiv"] == ["Odesa"]
