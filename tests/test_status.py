"""Case table of the status stage: occurred, planned or cancelled from the trigger's own predicate, and mentions
that are no event at all. Sentences written for these tests, in both languages."""

from __future__ import annotations

from datetime import date

import pytest

from events.extract import extract
from events.readers import read_text
from events.status import dated_status

P = date(2025, 6, 12)  # a Thursday


def statuses(text: str, lang: str) -> list[tuple[str, str]]:
    return sorted((e.event_type, e.status) for e in extract(read_text(text, published=P, language=lang)))


CASES = [
    # what follows "after" / "după" has happened, whatever the clause says of what comes next; dated after the
    # article, it lies ahead
    ("ro", "Granița va fi redeschisă, a spus Ruto după o întrevedere cu Museveni, luni, la Kampala.",
     [("summit", "occurred")]),
    ("en", "The border will reopen next week, Ruto said on Monday after talks with Museveni in Kampala.",
     [("summit", "occurred")]),
    ("en", "Ruto will fly to Dodoma after talks with Museveni in Kampala next week.",
     [("summit", "planned"), ("summit", "planned")]),
    ("ro", "Ruto va pleca la Dodoma după ce se va întâlni săptămâna viitoare cu Museveni la Kampala.",
     [("summit", "planned"), ("summit", "planned")]),
    # what was agreed at a meeting is no plan for the meeting; a meeting agreed to is
    ("en", "Modi and Xi agreed on Tuesday to resume direct flights, in their first meeting in two years.",
     [("summit", "occurred")]),
    ("ro", "Modi și Xi au convenit marți să reia zborurile directe, la prima lor întâlnire din ultimii doi ani.",
     [("summit", "occurred")]),
    ("en", "Erdogan and Aliyev agreed to meet at a summit in Baku.", [("summit", "planned")]),
    ("ro", "Erdogan și Aliev au convenit să se întâlnească la un summit la Baku.", [("summit", "planned")]),
    # a word that holds a status cue in a phrase that says nothing of the status
    ("en", "The long-awaited summit between Modi and Xi took place in Tianjin on Sunday.", [("summit", "occurred")]),
    ("ro", "Summitul mult așteptat dintre Modi și Xi a avut loc duminică la Tianjin.", [("summit", "occurred")]),
    # the Romanian presumptive past reports what reportedly happened, it plans nothing
    ("ro", "La summitul de vineri de la Tianjin, Xi i-ar fi propus lui Modi un nou acord comercial.",
     [("summit", "occurred")]),
    ("ro", "Xi Jinping și Narendra Modi se vor întâlni la Tianjin, iar Xi i-ar putea propune un acord.",
     [("summit", "planned")]),
    # what must or should happen lies ahead
    ("en", "A meeting between Putin and Zelensky must take place before any deal.", [("summit", "planned")]),
    ("ro", "O întâlnire între Putin și Zelenski trebuie să aibă loc înaintea unui acord.", [("summit", "planned")]),
    # a generic mention is no event
    ("en", "Any negotiation between India and Pakistan will need American guarantees.", []),
    ("ro", "Orice negociere între India și Pakistan va avea nevoie de garanții americane.", []),
    # postponed to a new date: planned; called off: cancelled
    ("en", "The meeting between Aliyev and Pashinyan was postponed to next week.", [("summit", "planned")]),
    ("ro", "Întâlnirea dintre Aliev și Pașinian a fost amânată pentru săptămâna viitoare.", [("summit", "planned")]),
    ("en", "The meeting between Aliyev and Pashinyan was postponed indefinitely.", [("summit", "cancelled")]),
    ("ro", "Întâlnirea dintre Aliev și Pașinian a fost anulată.", [("summit", "cancelled")]),
    # what a gerund of saying reports is another predicate: its future does not plan the call
    ("en", "Trump spoke with Erdogan on Monday, warning him that Washington would impose new tariffs.",
     [("talks", "occurred")]),
    ("ro", "Starmer a vorbit luni la telefon cu Macron, avertizându-l că Londra nu va accepta un acord.",
     [("talks", "occurred")]),
    # a possibility kept open is planned, though its words hold a negation and a refusal
    ("en", "Trump said he would not rule out a meeting with Kim Jong Un in Seoul.", [("summit", "planned")]),
    ("ro", "Trump a spus că nu exclude o întâlnire cu Kim Jong Un la Seul.", [("summit", "planned")]),
    ("en", "Officials did not rule out a new round of talks between Iran and France in New York.",
     [("talks", "planned")]),
    ("ro", "Oficialii nu exclud o nouă rundă de discuții între Iran și Franța la New York.", [("talks", "planned")]),
    ("en", "Trump ruled out a meeting with Kim Jong Un in Seoul.", [("summit", "cancelled")]),
    # at the invitation of someone: how a meeting came about, held or not
    ("en", "Ruto attended a summit in Kampala in May at the invitation of Museveni.", [("summit", "occurred")]),
    ("ro", "Ruto a participat în iunie la un summit de la Kampala, la invitația lui Museveni.",
     [("summit", "occurred")]),
    ("en", "Ruto will attend a summit in Kampala in July at the invitation of Museveni.", [("summit", "planned")]),
    # meeting again, in the Romanian subjunctive: ahead
    ("ro", "Ruto și Museveni au convenit să se revadă în august la Nairobi.", [("summit", "planned")]),
    # preparation told in the past, or a preparatory meeting: held
    ("ro", "Miniștrii de externe ai Keniei și Ugandei au pregătit duminică textul declarației într-o reuniune la Arusha.",
     [("talks", "occurred")]),
    ("ro", "Miniștrii de externe ai Keniei și Ugandei s-au reunit duminică la Arusha, într-o reuniune pregătitoare.",
     [("talks", "occurred")]),
    ("en", "The foreign ministers of Kenya and Uganda met in Arusha on Sunday for a preparatory meeting.",
     [("talks", "occurred")]),
    # a refusal to say or to sign is none of the meeting: its own words tell its status
    ("en", "Kenya's foreign ministry refused to say whether Ruto would meet Museveni in Kampala next week.",
     [("summit", "planned")]),
    ("ro", "Purtătorul de cuvânt a refuzat să spună dacă Ruto se va întâlni săptămâna viitoare cu Museveni la Kampala.",
     [("summit", "planned")]),
    ("en", "Museveni refused to sign the final declaration of the summit with Ruto in Nairobi on Tuesday.",
     [("summit", "occurred")]),
    ("en", "Museveni refused to meet Ruto in Nairobi on Tuesday.", [("summit", "cancelled")]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_status(lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert statuses(text, lang) == expected


def test_an_event_dated_after_its_article_lies_ahead():
    assert dated_status("occurred", date(2025, 6, 16), P) == "planned"
    assert dated_status("occurred", P, P) == "occurred"
    assert dated_status("occurred", None, P) == "occurred"
    assert dated_status("cancelled", date(2025, 6, 16), P) == "cancelled"
    assert dated_status("occurred", date(2025, 6, 16), None) == "occurred"
