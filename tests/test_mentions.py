"""Case table of the mentions stage: which trigger words report an event, including events named only as a time
reference ("after his call with Putin"). Sentences written for these tests, in both languages."""

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
    # a video link is a call (no venue)
    ("en", "Narendra Modi and Xi Jinping spoke by video link on Tuesday.", [("talks", "CHN-IND", "occurred", None)]),
    ("ro", "Narendra Modi și Xi Jinping au avut marți o legătură video de două ore.",
     [("talks", "CHN-IND", "occurred", None)]),
    # a time reference names an event of its own, read within its phrase; the main clause keeps its own names
    ("en", "After his phone call with Putin, Trump said he would meet Zelensky in Rome.",
     [("summit", "UKR-USA", "planned", "Rome"), ("talks", "RUS-USA", "occurred", None)]),
    ("en", "Two days after Erdogan's meeting with Aliyev in Baku, Pashinyan flew to Moscow.",
     [("summit", "ARM-RUS", "occurred", "Moscow"), ("summit", "AZE-TUR", "occurred", "Baku")]),
    ("en", "Hours after the Israeli strikes on Beirut, Hezbollah fired rockets at Haifa.",
     [("air_attack", "ISR-LBN", "occurred", "Beirut"), ("air_attack", "ISR-LBN", "occurred", "Haifa")]),
    ("ro", "După convorbirea telefonică cu Putin, Trump a declarat că se va întâlni cu Zelenski la Roma.",
     [("summit", "UKR-USA", "planned", "Rome"), ("talks", "RUS-USA", "occurred", None)]),
    ("ro", "De la summitul dintre Xi Jinping și Narendra Modi de la Tianjin, relațiile s-au îmbunătățit.",
     [("summit", "CHN-IND", "occurred", "Tianjin")]),
    ("ro", "După întâlnirea de la Riad dintre delegațiile Rusiei și SUA, Lavrov a vorbit despre progrese.",
     [("talks", "RUS-USA", "occurred", "Riyadh")]),
    # an attack word that is no air attack, a trigger word in a phrase that reports nothing
    ("en", "A car bomb exploded near a market in Mogadishu on Tuesday, killing nine people.", []),
    ("en", "Pakistani artillery shelled villages near Poonch overnight.", []),
    ("ro", "Artileria pakistaneză a bombardat satele din apropiere de Poonch.", []),
    ("ro", "Un atentat sinucigaș cu mașină capcană a lovit centrul orașului Mogadiscio.", []),
    ("en", "Macron spoke to reporters in Paris after a cabinet meeting.", []),
    ("ro", "Macron a vorbit cu jurnaliștii la Paris.", []),
    # a reference with nothing of its own adds no event
    ("en", "After the summit, the prime minister flew back to London.", []),
    ("ro", "După summit, premierul s-a întors la București.", []),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_mentions(lang: str, text: str, expected: list[tuple[str, str, str, str | None]]) -> None:
    assert summary(text, lang) == expected
