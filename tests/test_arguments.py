"""Case table of the arguments stage: who the parties are, who attacked whom, one event per partner of separate
talks, names in the English possessive. Sentences written for these tests, in both languages."""

from __future__ import annotations

from datetime import date

import pytest

from events.extract import extract
from events.readers import read_text

P = date(2025, 6, 12)  # a Thursday


def summary(text: str, lang: str) -> list[tuple[str, str, str]]:
    events = extract(read_text(text, published=P, language=lang))
    return sorted((e.event_type, "-".join(e.countries), e.status) for e in events)


CASES = [
    # talks held with each partner separately: one event per partner, the subject in each
    ("en", "The French president spoke separately on Monday with Kenya's president William Ruto and with the "
           "Nigerian leader Bola Tinubu.",
     [("talks", "FRA-KEN", "occurred"), ("talks", "FRA-NGA", "occurred")]),
    ("en", "Secretary of State Marco Rubio held talks with Sergei Lavrov and with Andrii Sybiha on Tuesday.",
     [("talks", "RUS-USA", "occurred"), ("talks", "UKR-USA", "occurred")]),
    ("ro", "Cancelarul german Friedrich Merz a vorbit separat cu premierul polonez Donald Tusk și cu președintele "
           "lituanian Gitanas Nausėda.",
     [("talks", "DEU-LTU", "occurred"), ("talks", "DEU-POL", "occurred")]),
    ("ro", "Emirul Qatarului a discutat la telefon, pe rând, cu Benjamin Netanyahu și cu Abdel Fattah al-Sisi.",
     [("talks", "EGY-QAT", "occurred"), ("talks", "ISR-QAT", "occurred")]),
    # ... but a meeting of three stays one event
    ("en", "Emmanuel Macron met Friedrich Merz and Donald Tusk in Berlin on Tuesday.",
     [("summit", "DEU-FRA-POL", "occurred")]),
    ("ro", "Emmanuel Macron s-a întâlnit marți la Berlin cu Friedrich Merz și Donald Tusk.",
     [("summit", "DEU-FRA-POL", "occurred")]),
    # a pronoun subject stands for the one who speaks, else for the previous sentence's subject
    ("en", "Zelensky said he expected to speak with Erdogan later on Thursday.", [("talks", "TUR-UKR", "planned")]),
    ("en", "Grossi arrived in Tehran on Monday. He is due to meet President Masoud Pezeshkian on Tuesday.",
     [("talks", "IRN", "planned")]),
    ("ro", "Volodimir Zelenski a anunțat noi sancțiuni. Acesta îl va primi marți, la Kiev, pe premierul olandez "
           "Dick Schoof.", [("summit", "NLD-UKR", "planned")]),
    # aircraft as the subject of a verb of striking; the attacker and the side hit
    ("en", "Israeli warplanes pounded the Red Sea port of Hodeidah on Monday.", [("air_attack", "ISR-YEM", "occurred")]),
    ("ro", "Avioane de luptă israeliene au bombardat luni portul Hodeidah.", [("air_attack", "ISR-YEM", "occurred")]),
    ("ro", "Thailanda a trimis avioane F-16 care au lovit poziții militare cambodgiene din provincia Oddar Meanchey.",
     [("air_attack", "KHM-THA", "occurred")]),
    # ... of a participle after its clause, and weapons used against a target
    ("en", "Russian jets kept up the assault overnight, striking two villages near Kupiansk.",
     [("air_attack", "RUS-UKR", "occurred")]),
    ("ro", "Avioanele rusești și-au continuat zborurile peste noapte, lovind două sate de lângă Kupiansk.",
     [("air_attack", "RUS-UKR", "occurred")]),
    ("en", "Pakistan used drones against Indian border posts in the Poonch sector on Friday.",
     [("air_attack", "IND-PAK", "occurred")]),
    ("ro", "Azerbaidjanul a folosit drone de atac împotriva pozițiilor armenești din regiunea Syunik.",
     [("air_attack", "ARM-AZE", "occurred")]),
    # a strike named for its kind ("retaliatory strikes", "lovituri de represalii") is an air attack
    ("en", "Israel resumed retaliatory strikes on Iranian military targets on Sunday.",
     [("air_attack", "IRN-ISR", "occurred")]),
    ("ro", "Israelul a reluat duminică loviturile de represalii asupra unor ținte militare iraniene.",
     [("air_attack", "IRN-ISR", "occurred")]),
    # within one state: the state's one code; an armed group hit stands for where it fights
    ("en", "RSF drones struck Port Sudan on Tuesday.", [("air_attack", "SDN", "occurred")]),
    ("en", "Congolese army drones struck M23 positions in North Kivu on Wednesday.", [("air_attack", "COD", "occurred")]),
    # a name nobody listed takes its country from the title's nationality or possessive, its rank from the title
    ("en", "The Malaysian prime minister Tan Ahmadi met Thai Prime Minister Somchai Wongsawat in Kuala Lumpur.",
     [("summit", "MYS-THA", "occurred")]),
    ("en", "Egypt's foreign minister Karim Nassar held talks with Qatar's prime minister Fahad Jassim in Doha.",
     [("talks", "EGY-QAT", "occurred")]),
    ("ro", "Premierul sârb Dragan Milić s-a întâlnit cu ministrul kosovar de externe Arben Gashi la Bruxelles.",
     [("talks", "SRB-XKX", "occurred")]),
    # a visitor received by a host met the host
    ("en", "The Ukrainian leader was received on Monday evening in Riyadh by Crown Prince Mohammed bin Salman.",
     [("summit", "SAU-UKR", "occurred")]),
    ("en", "The French foreign minister was welcomed in Kyiv by his Ukrainian counterpart on Thursday.",
     [("talks", "FRA-UKR", "occurred")]),
    ("en", "The proposal was received by the Kremlin with scepticism.", []),
    ("ro", "Președintele sirian a plecat apoi la Baku, unde a fost primit de președintele Ilham Aliyev.",
     [("summit", "AZE-SYR", "occurred")]),
    ("ro", "Ministrul francez de externe a fost primit joi la Kiev de omologul său ucrainean.",
     [("talks", "FRA-UKR", "occurred")]),
    ("ro", "Propunerea a fost primită de Kremlin cu scepticism.", []),
    # a verb of attacking before a city makes it the place hit; a warship's "USS" names who fired
    ("en", "Russian drones attacked Kyiv overnight, killing two people.", [("air_attack", "RUS-UKR", "occurred")]),
    ("ro", "Drone rusești au atacat Kievul în timpul nopții, ucigând doi oameni.", [("air_attack", "RUS-UKR", "occurred")]),
    ("en", "Fighter jets launched from the USS Nimitz struck Houthi positions near Hodeidah.",
     [("air_attack", "USA-YEM", "occurred")]),
    ("ro", "Avioane de luptă decolate de pe portavionul USS Carl Vinson au bombardat mai multe cartiere din Sanaa.",
     [("air_attack", "USA-YEM", "occurred")]),
    # the one whose aide a title names is no party himself: his state is ("Trump's envoy": talks, not a summit)
    ("en", "Trump's special envoy Steve Witkoff held talks with Vladimir Putin in Moscow on Thursday.",
     [("talks", "RUS-USA", "occurred")]),
    ("en", "Trump's envoy met Putin in Moscow on Thursday.", [("talks", "RUS-USA", "occurred")]),
    ("en", "Trump's meeting with Putin in Alaska ended without a deal.", [("summit", "RUS-USA", "occurred")]),
    ("ro", "Emisarul special al lui Trump, Steve Witkoff, a avut joi discuții cu Vladimir Putin la Moscova.",
     [("talks", "RUS-USA", "occurred")]),
    ("ro", "Întâlnirea lui Trump cu Putin din Alaska s-a încheiat fără acord.", [("summit", "RUS-USA", "occurred")]),
    # a name in the English possessive is the name
    ("en", "Egypt's foreign minister held talks with Qatar's prime minister in Doha on Sunday.",
     [("talks", "EGY-QAT", "occurred")]),
    ("en", "Saudi Arabia's foreign minister spoke by phone with Iran's foreign minister on Sunday.",
     [("talks", "IRN-SAU", "occurred")]),
    # received separately: one meeting per guest; an aside between the words of a phrase ("primiți, separat, de")
    ("en", "Aliyev and Pashinyan were received separately by UAE President Mohammed bin Zayed in Abu Dhabi.",
     [("summit", "ARE-ARM", "occurred"), ("summit", "ARE-AZE", "occurred")]),
    ("ro", "Aliev și Pașinian au fost primiți, separat, de președintele emiratez Mohammed bin Zayed la Abu Dhabi.",
     [("summit", "ARE-ARM", "occurred"), ("summit", "ARE-AZE", "occurred")]),
    ("ro", "Pașinian a fost primit, joi, de președintele emiratez Mohammed bin Zayed.", [("summit", "ARE-ARM", "occurred")]),
    # "a separate set of agreements" is no meeting held separately
    ("en", "Tshisekedi and Kagame are expected in Washington next month to sign a separate set of agreements in the "
           "presence of Donald Trump.", [("summit", "COD-RWA-USA", "planned")]),
    ("ro", "Pașinian și Aliev au semnat la Casa Albă declarații separate în prezența lui Donald Trump.",
     [("summit", "ARM-AZE-USA", "occurred")]),
    # "liderul de la Kremlin", "oficialii de la Beijing": the government a seat or capital stands for
    ("ro", "Liderul de la Kremlin a avut marți o întâlnire cu Zelenski la Istanbul.", [("summit", "RUS-UKR", "occurred")]),
    ("ro", "Oficialii de la Beijing au avut discuții cu delegația americană la Geneva.",
     [("talks", "CHN-USA", "occurred")]),
    # a country a weapon was made in is no party
    ("en", "Russia fired cruise missiles and North Korean-made rockets at Kharkiv on Monday.",
     [("air_attack", "RUS-UKR", "occurred")]),
    ("ro", "Rusia a lansat luni drone de fabricație iraniană asupra Odesei.", [("air_attack", "RUS-UKR", "occurred")]),
    # a country that says where a place is, is no party ("in Bali, Indonesia"); a day before a comma is no place
    ("en", "Erdogan and Putin last met in Samarkand, Uzbekistan, in September.", [("summit", "RUS-TUR", "occurred")]),
    ("ro", "Erdogan și Putin s-au întâlnit ultima dată la Samarkand, în Uzbekistan, în septembrie.",
     [("summit", "RUS-TUR", "occurred")]),
    ("en", "On Monday, Russia fired cruise missiles at Kharkiv.", [("air_attack", "RUS-UKR", "occurred")]),
    ("en", "Talks between Russia, Ukraine and Turkey resumed in Istanbul on Monday.",
     [("talks", "RUS-TUR-UKR", "occurred")]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_arguments(lang: str, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert summary(text, lang) == expected
