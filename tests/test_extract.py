"""Case tables for the extractor on sentences written for these tests (not from any corpus article)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from events.extract import extract
from events.readers import read_text
from tests.golden_texts import golden_texts

P = date(2025, 9, 3)  # a Wednesday


def run(text: str, lang: str, published: date | None = P):
    return extract(read_text(text, published=published, language=lang))


def summary(evs):
    return sorted((e.event_type, "-".join(e.countries), e.status) for e in evs)


CASES = [
    # talks that name one state say nothing of who talked to whom; the summit of an organisation stands with it
    ("en", "Zelensky said the talks had focused on security guarantees and coordination with EU partners.", []),
    ("ro", "Zelenski a spus că discuțiile au vizat garanțiile de securitate și coordonarea cu partenerii din UE.", []),
    ("en", "Erdogan will host the NATO summit in Ankara in July.", [("summit", "TUR", "planned")]),
    # "separately with X and Y" after one partner word: the subject with each
    ("en", "Marco Rubio spoke separately with Indian Foreign Minister Subrahmanyam Jaishankar and Pakistani Prime "
           "Minister Shehbaz Sharif on Wednesday.", [("talks", "IND-USA", "occurred"), ("talks", "PAK-USA", "occurred")]),
    ("ro", "Rubio a vorbit separat cu ministrul indian de externe Subrahmanyam Jaishankar și premierul pakistanez "
           "Shehbaz Sharif.", [("talks", "IND-USA", "occurred"), ("talks", "PAK-USA", "occurred")]),
    # a visitor received by title is talks with the host; people taken in are not
    ("en", "Zelensky, who received US special envoy Keith Kellogg in Kyiv on Friday, said the talks were productive.",
     [("talks", "UKR-USA", "occurred")]),
    ("en", "The hospital received 40 wounded in Kharkiv.", []),
    # the predicate of a long subject decides its status, not a participle inside it ("set for", "programată")
    ("en", "A sixth round of Oman-mediated talks between Iran and the United States, set for June 15 in Muscat, was "
           "scrapped after the strikes.", [("talks", "IRN-OMN-USA", "cancelled")]),
    ("ro", "Vizita la Cairo a ministrului israelian Ron Dermer, programată pentru joi, a fost anulată.",
     [("talks", "EGY-ISR", "cancelled")]),
    ("ro", "A șasea rundă de negocieri dintre Iran și Statele Unite, mediată de Oman și programată pentru 15 iunie la "
           "Mascat, nu a mai avut loc.", [("talks", "IRN-OMN-USA", "cancelled")]),
    # a name after "without", "fără" is left out; what a subject with a relative clause said is its own clause
    ("en", "Trump, who was criticized for meeting Putin without involving Ukraine, said he would call Ukrainian "
           "President Volodymyr Zelensky.", [("summit", "RUS-USA", "occurred"), ("talks", "UKR-USA", "planned")]),
    ("ro", "Aliev și Pașinian s-au întâlnit la Abu Dhabi, fără Rusia la masă.", [("summit", "ARM-AZE", "occurred")]),
    # an envoy's trip for talks with a leader: talks, not a summit
    ("en", "Special envoy Steve Witkoff arrived in Moscow for talks with Russian President Vladimir Putin.",
     [("talks", "RUS-USA", "occurred")]),
    ("ro", "Emisarul special Steve Witkoff a ajuns la Moscova pentru discuții cu președintele rus Vladimir Putin.",
     [("talks", "RUS-USA", "occurred")]),
    # "talk to", a meal together, meeting again ("să se revadă"), arriving ("să ajungă la")
    ("en", "Erdogan said he would talk to Azerbaijani President Ilham Aliyev soon.", [("talks", "AZE-TUR", "planned")]),
    ("en", "Trump had dinner with Pakistani Prime Minister Shehbaz Sharif in New York on Friday.",
     [("summit", "PAK-USA", "occurred")]),
    ("ro", "Vineri, președintele Donald Trump a luat cina la New York cu premierul pakistanez Shehbaz Sharif.",
     [("summit", "PAK-USA", "occurred")]),
    ("ro", "Erdogan și Aliev au convenit să se revadă la Ankara anul viitor.", [("summit", "AZE-TUR", "planned")]),
    ("ro", "Emisarul american Steve Witkoff urmează să ajungă marți la Doha.", [("talks", "QAT-USA", "planned")]),
    # what a visitor will raise is a topic, up to "when"
    ("en", "Saudi Crown Prince Mohammed bin Salman is expected to raise Sudan when he visits the White House next week.",
     [("summit", "SAU-USA", "planned")]),
    # a ground weapon after the attack word is what was hit, unless joined as its weapon
    ("en", "Thai warplanes bombed Cambodian artillery positions near Preah Vihear on Monday.",
     [("air_attack", "KHM-THA", "occurred")]),
    ("ro", "Avioane israeliene au atacat coloane de tancuri ale armatei siriene lângă Daraa.",
     [("air_attack", "ISR-SYR", "occurred")]),
    ("en", "Russian forces struck Kherson with artillery on Monday.", []),
    ("ro", "Forțele ruse au continuat bombardamentele de artilerie asupra orașului Herson.", []),
    # trips told with "go to" / "merge la", "continue to" / "continua spre": a visit to the hosts
    ("en", "Trump said he could go to Egypt at the end of the month.", [("summit", "EGY-USA", "planned")]),
    ("ro", "Trump a declarat că ar putea merge în Egipt la sfârșitul lunii.", [("summit", "EGY-USA", "planned")]),
    # a second predicate with its own modality is its own event
    ("en", "Rubio met Lavrov in Riyadh on Tuesday and will travel to Kyiv next week.",
     [("talks", "RUS-USA", "occurred"), ("talks", "UKR-USA", "planned")]),
    ("ro", "Rubio s-a întâlnit marți cu Lavrov la Riad și va merge la Kiev săptămâna viitoare.",
     [("talks", "RUS-USA", "occurred"), ("talks", "UKR-USA", "planned")]),
    ("en", "Saudi Foreign Minister Faisal bin Farhan visited New Delhi on Thursday and was expected to continue to "
           "Islamabad on Friday.", [("talks", "IND-SAU", "occurred"), ("talks", "PAK-SAU", "planned")]),
    ("ro", "Ministrul saudit de externe Faisal bin Farhan a vizitat joi New Delhi și urma să continue vineri spre "
           "Islamabad.", [("talks", "IND-SAU", "occurred"), ("talks", "PAK-SAU", "planned")]),
    # a meeting reported at second hand took place; the one met, in the accusative, is a party
    ("en", "Syrian and Israeli officials reportedly met in Baku on Saturday.", [("talks", "ISR-SYR", "occurred")]),
    ("ro", "Oficialii sirieni și cei israelieni s-ar fi întâlnit sâmbătă la Baku.", [("talks", "ISR-SYR", "occurred")]),
    ("ro", "Zelenski a declarat că se așteaptă să-l întâlnească pe Donald Trump la New York.",
     [("summit", "UKR-USA", "planned")]),
    # a strike whose attacker the text does not name is still an attack on the place it hit (a city of the offline
    # city list, after any place word)
    ("en", "An air strike hit a market in Mandalay on Wednesday.", [("air_attack", "MMR", "occurred")]),
    ("ro", "Un raid aerian a lovit miercuri o piață din Mandalay.", [("air_attack", "MMR", "occurred")]),
    ("ro", "Iranul lansase luni seara rachete balistice asupra bazei aeriene Al Udeid din Qatar.",
     [("air_attack", "IRN-QAT", "occurred")]),
    # the Romanian feminine plural of "aerian" ("lovituri aeriene", "raiduri aeriene")
    ("ro", "Rusia a lansat lovituri aeriene asupra Ucrainei.", [("air_attack", "RUS-UKR", "occurred")]),
    ("ro", "Israelul a efectuat raiduri aeriene asupra Libanului.", [("air_attack", "ISR-LBN", "occurred")]),
    ("en", "Drones launched by the paramilitary Rapid Support Forces struck fuel depots in Port Sudan on Tuesday.",
     [("air_attack", "SDN", "occurred")]),
    # an invitation to a place is a planned visit to the host; to join a body it is none
    ("en", "Greek Prime Minister Kyriakos Mitsotakis has invited President Volodymyr Zelensky to Athens.",
     [("summit", "GRC-UKR", "planned")]),
    ("en", "NATO invited Finland to join the alliance.", []),
    ("ro", "Erdogan l-a invitat pe Aliev la Ankara.", [("summit", "AZE-TUR", "planned")]),
    # a talk after a modal is planned ("could speak with", "ar putea vorbi cu", "poate discuta cu")
    ("en", "Erdogan said he could speak with Aliyev by phone this weekend.", [("talks", "AZE-TUR", "planned")]),
    ("en", "The Indian and Pakistani army commanders are due to speak again on Monday.", [("talks", "IND-PAK", "planned")]),
    ("ro", "Erdogan a spus că ar putea discuta direct cu Aliev săptămâna viitoare.", [("talks", "AZE-TUR", "planned")]),
    ("ro", "Erdogan poate vorbi cu Aliev la Baku.", [("talks", "AZE-TUR", "planned")]),
    ("ro", "Președintele Nicușor Dan s-a întreținut cu omologul său francez, Emmanuel Macron, la Paris.",
     [("summit", "FRA-ROU", "occurred")]),
    # a counterpart received, views exchanged: talks
    ("en", "Wang Yi received his Pakistani counterpart Ishaq Dar in Beijing on Tuesday.", [("talks", "CHN-PAK", "occurred")]),
    ("en", "The foreign ministers of Armenia and Azerbaijan exchanged views on the peace treaty.",
     [("talks", "ARM-AZE", "occurred")]),
    ("ro", "Miniștrii de externe ai Armeniei și Azerbaidjanului au făcut un schimb de opinii privind tratatul de pace.",
     [("talks", "ARM-AZE", "occurred")]),
    # whoever says "it struck" is the attacker when the clause's subject is a pronoun or dropped
    ("en", "The Israeli military said it had carried out strikes on Hamas targets in Khan Younis.",
     [("air_attack", "ISR-PSE", "occurred")]),
    ("en", "The IDF said its jets struck Hezbollah sites in Nabatieh.", [("air_attack", "ISR-LBN", "occurred")]),
    ("ro", "Armata israeliană a anunțat că a efectuat lovituri asupra unor ținte Hamas în Khan Younis.",
     [("air_attack", "ISR-PSE", "occurred")]),
    ("ro", "Ministerul rus al Apărării a declarat că a lovit ținte din Harkov cu drone.",
     [("air_attack", "RUS-UKR", "occurred")]),
    # a second predicate of saying opens its own events: the call took place, the trip is planned
    ("en", "Tokayev spoke by phone with Xi Jinping on Monday and said he would travel to Beijing next month.",
     [("talks", "CHN-KAZ", "occurred"), ("summit", "CHN-KAZ", "planned")]),
    ("ro", "Tokaev a vorbit luni la telefon cu Xi Jinping și a spus că va călători la Beijing luna viitoare.",
     [("talks", "CHN-KAZ", "occurred"), ("summit", "CHN-KAZ", "planned")]),
    # initialling a text at a place is a meeting of its signatories, as signing is
    ("en", "Aliyev and Pashinyan initialled the peace text in Abu Dhabi on Friday.", [("summit", "ARM-AZE", "occurred")]),
    ("ro", "Aliev și Pașinian au parafat textul păcii la Abu Dhabi vineri.", [("summit", "ARM-AZE", "occurred")]),
    # Romanian: inflected names, adjectives, seats of power, titles with nationality
    ("ro", "Ministrul turc de externe Hakan Fidan a purtat discuții cu omologul său ucrainean la Ankara.",
     [("talks", "TUR-UKR", "occurred")]),
    ("ro", "Delegațiile Rusiei și Ucrainei se vor întâlni săptămâna viitoare la Istanbul.",
     [("talks", "RUS-UKR", "planned")]),
    ("ro", "Kremlinul a respins propunerea unei întâlniri între Putin și Zelenski.",
     [("summit", "RUS-UKR", "cancelled")]),
    ("ro", "Nu au existat negocieri directe între Moscova și Kiev de luni de zile.", []),
    ("ro", "Drone rusești au lovit orașul Odesa în noaptea de marți spre miercuri.",
     [("air_attack", "RUS-UKR", "occurred")]),
    ("ro", "Macron și Merz au vorbit la telefon cu Zelenski despre garanțiile de securitate.",
     [("talks", "DEU-FRA-UKR", "occurred")]),
    ("ro", "Rusia si Statele Unite au avut discutii la Riad, a anuntat Kremlinul.",
     [("talks", "RUS-USA", "occurred")]),
    ("ro", "Summitul dintre Xi Jinping și Vladimir Putin de la Beijing a avut loc ieri.",
     [("summit", "CHN-RUS", "occurred")]),
    ("ro", "Guvernul a aprobat un nou pachet de ajutor pentru fermieri.", []),
    # English: titles, attribution, negation, cancellation, attacks both ways
    ("en", "Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State Marco Rubio in Riyadh on Tuesday.",
     [("talks", "RUS-USA", "occurred")]),
    ("en", "President Trump and President Putin will meet in Budapest, the White House said.",
     [("summit", "RUS-USA", "planned")]),
    ("en", "The summit between Xi Jinping and Donald Trump was called off.",
     [("summit", "CHN-USA", "cancelled")]),
    ("en", "There were no talks between India and Pakistan last week.", []),
    ("en", "Ukrainian drones struck an oil refinery in Belgorod overnight.",
     [("air_attack", "RUS-UKR", "occurred")]),
    ("en", "Zelensky spoke by phone with Turkish President Recep Tayyip Erdogan on Monday.",
     [("talks", "TUR-UKR", "occurred")]),
    ("en", "Armenia and Azerbaijan are expected to resume peace negotiations in Abu Dhabi next month.",
     [("talks", "ARM-AZE", "planned")]),
    ("en", "Oil prices rose on Tuesday as traders weighed new sanctions.", []),
    # varied phrasing: purpose clauses, hyphenated pairs, organisations alone, visits, rarer meeting words
    ("en", "Zelensky met Turkish President Recep Tayyip Erdogan in Ankara on Monday to discuss a ceasefire.",
     [("summit", "TUR-UKR", "occurred")]),
    ("en", "Putin and Lukashenko met in Minsk to discuss the deployment of nuclear weapons.",
     [("summit", "BLR-RUS", "occurred")]),
    ("en", "NATO leaders gathered in The Hague for a two-day summit on Tuesday.", [("summit", "", "occurred")]),
    ("en", "The next round of the Belgrade-Pristina dialogue, due in Brussels next week, has been postponed.",
     [("talks", "SRB-XKX", "cancelled")]),
    ("ro", "Summitul UE-Ucraina de la Bruxelles a fost amânat.", [("summit", "UKR", "cancelled")]),
    ("ro", "Vizita ministrului ucrainean de externe la Budapesta a fost anulată în ultimul moment.",
     [("talks", "HUN-UKR", "cancelled")]),
    ("ro", "Premierul Ungariei, Viktor Orban, a avut miercuri o întrevedere cu Vladimir Putin la Kremlin.",
     [("summit", "HUN-RUS", "occurred")]),
    ("ro", "Kievul nu a fost invitat la discuțiile de la Miami.", []),
    # passives, the place hit as the subject, ruled-out and scheduled-then-cancelled meetings
    ("en", "Kyiv was struck by Russian missiles early on Tuesday.", [("air_attack", "RUS-UKR", "occurred")]),
    ("ro", "Kievul a fost lovit marți de rachete rusești.", [("air_attack", "RUS-UKR", "occurred")]),
    ("en", "Russia pounded Kharkiv with glide bombs.", [("air_attack", "RUS-UKR", "occurred")]),
    ("en", "The talks between Rubio and Lavrov, scheduled for Thursday in Budapest, were called off.",
     [("talks", "RUS-USA", "cancelled")]),
    ("en", "The Kremlin ruled out a meeting between Putin and Zelensky.", [("summit", "RUS-UKR", "cancelled")]),
    ("ro", "Kremlinul a exclus o întâlnire între Putin și Zelenski.", [("summit", "RUS-UKR", "cancelled")]),
    ("ro", "Zelenski s-a declarat gata să se întâlnească cu Putin.", [("summit", "RUS-UKR", "planned")]),
    ("en", "Witkoff is expected to travel to Moscow next week for talks with Putin.",
     [("talks", "RUS-USA", "planned")]),
    # nominalisations, scheduling, weapons that name the attacker, hosts
    ("ro", "Organizarea unei noi runde de consultări între Rusia și Ucraina a fost amânată.",
     [("talks", "RUS-UKR", "cancelled")]),
    ("en", "A meeting between the Chinese and Indian foreign ministers has been scheduled for next month in New Delhi.",
     [("talks", "CHN-IND", "planned")]),
    ("en", "French President Emmanuel Macron hosted Polish Prime Minister Donald Tusk at the Elysee Palace.",
     [("summit", "FRA-POL", "occurred")]),
    ("en", "Shahed drones hit residential buildings in Zaporizhzhia overnight.", [("air_attack", "RUS-UKR", "occurred")]),
    ("ro", "Bombe aeriene ghidate au lovit Harkovul în cursul nopții.", [("air_attack", "RUS-UKR", "occurred")]),
    ("ro", "Convorbirile dintre Erdogan și Putin s-au desfășurat prin telefon.", [("talks", "RUS-TUR", "occurred")]),
    # introductory phrases, relative clauses before a reporting verb, far-reaching denials, "no date set"
    ("ro", "După convorbirea telefonică de marți cu Donald Trump, Vladimir Putin a ordonat un nou val de atacuri cu "
           "drone asupra Ucrainei.", [("talks", "RUS-USA", "occurred"), ("air_attack", "RUS-UKR", "occurred")]),
    # (the visit named in passing is an earlier event of its own: the golden corpus's convention)
    ("en", "Hungarian Prime Minister Viktor Orban, who visited Moscow last year, said on Tuesday he was prepared to "
           "host a summit between Trump and Putin.", [("summit", "HUN-RUS", "occurred"),
                                                      ("summit", "HUN-RUS-USA", "planned")]),
    ("en", "No date has been set for the next round of talks between Moscow and Kyiv.",
     [("talks", "RUS-UKR", "planned")]),
    ("en", "Kremlin spokesman Dmitry Peskov denied on Monday that Moscow was preparing talks with Chisinau.", []),
    # a place that names another event, or a bare word with no one who fired, is no attack
    # (the summit named is an event of its own, from the named events' data; no attack hit Alaska)
    ("en", "The exchange of strikes comes as diplomatic efforts stall following the Alaska summit.",
     [("summit", "RUS-USA", "occurred")]),
    ("en", "Soldiers recovered fragments of a drone in a field on the outskirts of Galati.", []),
    ("ro", "În timp ce liderii erau reuniți la Haga, Rusia a lovit cu rachete balistice orașul Dnipro.",
     [("air_attack", "RUS-UKR", "occurred")]),
    ("ro", "Ministrul de externe al Ucrainei, Andrii Sibiga, s-a întâlnit vineri la Varșovia cu omologul său "
           "polonez, Radoslaw Sikorski.", [("talks", "POL-UKR", "occurred")]),
    # a nationality that describes the venue names no party
    ("en", "Trump and Chinese President Xi Jinping will meet on Thursday in the South Korean city of Busan.",
     [("summit", "CHN-USA", "planned")]),
    ("en", "Armenian and Azerbaijani negotiators met in the Emirati capital on Monday.",
     [("talks", "ARM-AZE", "occurred")]),
    ("ro", "Trump și Xi Jinping se vor întâlni joi în orașul sud-coreean Busan.", [("summit", "CHN-USA", "planned")]),
    ("ro", "Delegațiile Rusiei și Ucrainei au negociat vineri în stațiunea egipteană Sharm el-Sheikh.",
     [("talks", "RUS-UKR", "occurred")]),
    # a demand or a deal to stop attacks reports no attack
    ("ro", "Bucureștiul a cerut Moscovei să înceteze atacurile asupra porturilor ucrainene de la Dunăre.", []),
    ("en", "Washington urged Moscow to halt the strikes on Ukraine's energy grid.", []),
    ("en", "Kyiv and Moscow agreed to a halt to attacks on energy facilities in Kherson.", []),
    # a future call announced by its subject
    ("ro", "Zelenski a anunțat că va discuta astăzi la telefon cu cancelarul german Friedrich Merz.",
     [("talks", "DEU-UKR", "planned")]),
    ("ro", "Premierul Bolojan va vorbi mâine la telefon cu omologul său moldovean, Alexandru Munteanu.",
     [("talks", "MDA-ROU", "planned")]),
    ("en", "Zelensky said he will talk with German Chancellor Friedrich Merz by phone on Thursday.",
     [("talks", "DEU-UKR", "planned")]),
    # a bare attack word inside a clause that reports talks is their topic
    ("en", "A Ukrainian delegation will hold talks with Pentagon officials in Washington on a drone production deal.",
     [("talks", "UKR-USA", "planned")]),
    ("ro", "O delegație ucraineană va avea discuții cu oficiali americani la Washington despre producția de drone.",
     [("talks", "UKR-USA", "planned")]),
    # a host welcoming a visitor somewhere, a call in the perfect tense; welcoming a text or talking to the press is none
    ("en", "Keir Starmer welcomed Volodymyr Zelensky to Downing Street on Saturday.",
     [("summit", "GBR-UKR", "occurred")]),
    ("ro", "Keir Starmer l-a primit pe Volodimir Zelenski la Downing Street sâmbătă.",
     [("summit", "GBR-UKR", "occurred")]),
    ("en", "Macron said he had spoken to Trump by phone late on Saturday.", [("talks", "FRA-USA", "occurred")]),
    ("ro", "Macron a declarat că a vorbit telefonic cu Trump sâmbătă seara.", [("talks", "FRA-USA", "occurred")]),
    ("en", "Macron welcomed the agreement at a press conference.", []),
    ("ro", "Macron a salutat acordul într-o conferință de presă.", []),
    ("en", "Erdogan had spoken to reporters in Ankara about Putin.", []),
    # a nationality describing the venue ("Lyon, orașul francez", "statul american Alaska") is neither a party nor
    # the subject; the speaker's meeting stays his
    ("ro", "Președintele francez Emmanuel Macron a declarat că întâlnirea sa de joi din Lyon, orașul francez, cu "
           "premierul britanic Keir Starmer a fost foarte utilă.", [("summit", "FRA-GBR", "occurred")]),
    ("ro", "Premierul indian a spus că întâlnirea sa din Anchorage, statul american Alaska, cu premierul japonez a "
           "fost utilă.", [("summit", "IND-JPN", "occurred")]),
    ("en", "The Indian prime minister said his meeting in Anchorage, the American state of Alaska, with the Japanese "
           "prime minister was useful.", [("summit", "IND-JPN", "occurred")]),
    # Romanian drops the subject after "că": the speaker calls, also when an organisation is the other side
    ("ro", "Președintele francez a anunțat că va suna la NATO și în Germania.", [("talks", "DEU-FRA", "planned")]),
    ("ro", "Cancelarul german a spus că va discuta mâine cu NATO și cu Polonia.", [("talks", "DEU-POL", "planned")]),
    ("en", "The French president said he would call NATO and Germany.", [("talks", "DEU-FRA", "planned")]),
    ("ro", "Cancelarul german a anunțat că îl va primi pe Zelenski la Berlin.", [("summit", "DEU-UKR", "planned")]),
    ("en", "The German chancellor announced that he will receive Zelensky in Berlin.",
     [("summit", "DEU-UKR", "planned")]),
    # a host receives a visitor at a place; goods or refugees received are no meeting
    ("en", "Macron received the Polish president at the Elysee Palace on Monday.", [("summit", "FRA-POL", "occurred")]),
    ("ro", "Macron l-a primit pe președintele polonez la Palatul Elysee luni.", [("summit", "FRA-POL", "occurred")]),
    ("en", "Romania received Ukrainian refugees in Bucharest.", []),
    ("en", "Poland received the first Patriot systems from the United States in May.", []),
    ("ro", "România a primit refugiați ucraineni la București.", []),
    ("en", "Trump will call on Russia to stop the war.", []),
    ("en", "Macron would call for a ceasefire in Gaza, he told Netanyahu.", []),
    # talks named as the time of an attack are not what the clause reports ("hours after the talks, Kyiv was hit")
    ("ro", "La câteva ore după discuții, capitala ucraineană a fost lovită de drone rusești.",
     [("air_attack", "RUS-UKR", "occurred")]),
    ("en", "Hours after the visit, the Ukrainian capital was hit by Russian drones.",
     [("air_attack", "RUS-UKR", "occurred")]),
    # a place that was not hit; the other attack words of the clause tell the same
    ("ro", "Forțele Aeriene au precizat că Liovul nu a fost vizat de drone rusești.", []),
    ("en", "Lviv was not hit by Russian drones.", []),
    ("ro", "Oficialii nu exclud o nouă rundă de discuții între Iran și Franța la New York.",
     [("talks", "FRA-IRN", "planned")]),
    # the pluperfect, a host to come and a host as the visitor arrives
    ("ro", "În aceeași zi, Macron se întâlnise la Berlin cu cancelarul Friedrich Merz.",
     [("summit", "DEU-FRA", "occurred")]),
    ("ro", "Lavrov discutase deja cu Rubio despre un schimb de prizonieri.", [("talks", "RUS-USA", "occurred")]),
    ("ro", "Zelenski urmează să meargă duminică la Madrid, unde va fi primit de premierul Pedro Sánchez.",
     [("summit", "ESP-UKR", "planned")]),
    ("en", "Zelensky will travel to Madrid on Sunday, where he will be received by Prime Minister Pedro Sánchez.",
     [("summit", "ESP-UKR", "planned")]),
    ("ro", "Președintele Nicușor Dan a ajuns marți la Dublin, fiind primit de premierul irlandez Micheál Martin.",
     [("summit", "IRL-ROU", "occurred")]),
    # a Romanian sentence that opens with its verb has the previous sentence's subject
    ("ro", "Președintele Nicușor Dan a ajuns la Kiev. A avut apoi o întâlnire cu Zelenski.",
     [("summit", "ROU-UKR", "occurred")]),
    ("ro", "Premierul Ilie Bolojan a sosit luni la Chișinău. S-a întâlnit apoi cu premierul moldovean Alexandru "
           "Munteanu.", [("summit", "MDA-ROU", "occurred")]),
    # drones or missiles as the subject of a verb of attacking
    ("ro", "Drone ucrainene au atacat o stație de pompare în regiunea Briansk.", [("air_attack", "RUS-UKR", "occurred")]),
    ("en", "Ukrainian drones attacked an oil pumping station in Russia's Bryansk region overnight.",
     [("air_attack", "RUS-UKR", "occurred")]),
    ("en", "Russian drones set fire to fuel depots in the port of Izmail.", [("air_attack", "RUS-UKR", "occurred")]),
    # a country represented by its leader: the leader is the next sentence's subject
    ("ro", "România a fost reprezentată de președintele Nicușor Dan. A avut apoi o întâlnire bilaterală cu Zelenski.",
     [("summit", "ROU-UKR", "occurred")]),
    ("en", "Romania was represented by President Nicusor Dan. He later held a bilateral meeting with Zelensky.",
     [("summit", "ROU-UKR", "occurred")]),
    # a call told without a partner word after it, its subject a pronoun for the previous sentence's
    ("en", "Rubio spoke with Pakistan's army chief on Thursday. In a separate call, he told India's External Affairs "
           "Minister S. Jaishankar that Washington wanted restraint.",
     [("talks", "IND-USA", "occurred"), ("talks", "PAK-USA", "occurred")]),
    ("ro", "Rubio a vorbit joi cu șeful armatei pakistaneze. Într-o convorbire separată, i-a transmis ministrului indian "
           "de externe, Subrahmanyam Jaishankar, că Washingtonul dorește reținere.",
     [("talks", "IND-USA", "occurred"), ("talks", "PAK-USA", "occurred")]),
    # a relative clause on the partner names no party; a Romanian verb after a word of time has the previous subject
    ("en", "Rubio landed in Guatemala on Saturday. On Sunday he is due to meet President Jose Raul Mulino, whom Trump "
           "has accused of letting China control the canal.",
     [("talks", "GTM-USA", "occurred"), ("talks", "PAN-USA", "planned")]),
    ("ro", "Rubio a aterizat sâmbătă în Guatemala. Duminică urmează să se întâlnească cu președintele Jose Raul Mulino, "
           "pe care Trump l-a acuzat că lasă China să controleze canalul.",
     [("talks", "GTM-USA", "occurred"), ("talks", "PAN-USA", "planned")]),
    # the sides of what a meeting is to reinforce are not its parties; what it supports may be
    ("en", "An international summit opened on Monday in Sharm el-Sheikh to reinforce the ceasefire between Israel and "
           "Hamas. Trump attended the summit with Egyptian President Abdel Fattah el-Sisi.",
     [("summit", "EGY-USA", "occurred")]),
    ("ro", "Un summit internațional a început luni la Sharm el-Sheikh pentru consolidarea armistițiului dintre Israel și "
           "Hamas. Trump a participat la summit alături de președintele egiptean Abdel Fattah al-Sisi.",
     [("summit", "EGY-USA", "occurred")]),
    ("en", "Starmer and Zelensky met in London on Sunday to shore up support for Ukraine.",
     [("summit", "GBR-UKR", "occurred")]),
    # a leader named only as whose aide or kin someone is: the state, not a summit with that leader
    ("ro", "Putin s-a întâlnit cu Witkoff și cu ginerele președintelui american Donald Trump, Jared Kushner.",
     [("talks", "RUS-USA", "occurred")]),
    ("ro", "Consilierul președintelui rus Vladimir Putin, Iuri Ușakov, a discutat cu Witkoff.",
     [("talks", "RUS-USA", "occurred")]),
    ("en", "Putin met Steve Witkoff and Jared Kushner, the son-in-law of President Donald Trump.",
     [("talks", "RUS-USA", "occurred")]),
    ("en", "Putin met Witkoff and Trump's son-in-law Jared Kushner in Moscow.", [("talks", "RUS-USA", "occurred")]),
    ("en", "Trump met the President of Ukraine, Volodymyr Zelensky.", [("summit", "UKR-USA", "occurred")]),
    # the governing predicate says the event will no longer be held ("the United States" holds no reporting verb)
    ("en", "The sixth round of talks between Iran and the United States, which was due to take place in Muscat on "
           "Sunday, will no longer go ahead.", [("talks", "IRN-USA", "cancelled")]),
    ("ro", "A șasea rundă de negocieri dintre Iran și Statele Unite, care urma să aibă loc duminică la Mascat, nu se mai "
           "ține.", [("talks", "IRN-USA", "cancelled")]),
    # a signing told with its place is a meeting of the signatories; one party signing alone is none
    ("en", "Armenian Prime Minister Nikol Pashinyan and Azerbaijani President Ilham Aliyev signed a peace declaration "
           "at the White House in August.", [("summit", "ARM-AZE", "occurred")]),
    ("ro", "Premierul armean Nikol Pașinian și președintele azer Ilham Aliev au semnat în august o declarație de pace "
           "la Casa Albă.", [("summit", "ARM-AZE", "occurred")]),
    ("en", "Trump signed an executive order in Washington.", []),
    ("ro", "Putin a semnat luni la Kremlin un decret.", []),
    # a host of "both leaders" named, with their titles, in the sentence before
    ("en", "Somali President Hassan Sheikh Mohamud and Ethiopian Prime Minister Abiy Ahmed ended their dispute in "
           "December. Turkish President Recep Tayyip Erdogan hosted both leaders in Ankara.",
     [("summit", "ETH-SOM-TUR", "occurred")]),
    ("ro", "Președintele somalez Hassan Sheikh Mohamud și premierul etiopian Abiy Ahmed și-au încheiat disputa în "
           "decembrie. Președintele turc Recep Tayyip Erdogan i-a găzduit pe cei doi lideri la Ankara.",
     [("summit", "ETH-SOM-TUR", "occurred")]),
    # begun or ended: held
    ("en", "The summit opened in Tianjin on Sunday, with Modi, Putin and Xi in attendance.",
     [("summit", "CHN-IND-RUS", "occurred")]),
    ("ro", "Summitul s-a deschis duminică la Tianjin, în prezența lui Modi, Putin și Xi.",
     [("summit", "CHN-IND-RUS", "occurred")]),
    # Romanian: a meeting named by its format, a call told with a clitic
    ("ro", "Se pregătește o trilaterală Trump-Putin-Zelenski la finalul acestei săptămâni.",
     [("summit", "RUS-UKR-USA", "planned")]),
    ("ro", "Zelenski și liderii europeni l-au sunat pe Trump.", [("talks", "UKR-USA", "occurred")]),
    # a meeting on the sidelines of another event is its own, not that event (nor hidden by its time reference)
    ("ro", "În marja reuniunii, Zelenski a avut o întâlnire separată cu cei doi emisari americani.",
     [("talks", "UKR-USA", "occurred")]),
    ("en", "On the sidelines of the summit, Zelensky held a separate meeting with the two US envoys.",
     [("talks", "UKR-USA", "occurred")]),
]

ATTACKER_CARRIED_OVER = [
    # who attacked is the subject of the sentence before, when it tells of an attack
    ("ro", "Rusia a lansat în noaptea de luni spre marți un nou atac asupra rețelei electrice ucrainene. Odesa a fost "
           "lovită de drone și rachete, iar mai multe cartiere au rămas fără curent. Harkovul a fost și el vizat, cu "
           "pagube la o centrală.", [("RUS-UKR", "Kharkiv"), ("RUS-UKR", "Odesa")]),
    ("en", "Russia launched a new attack on the Ukrainian power grid overnight. Odesa was hit by drones and missiles, "
           "leaving several districts without power. Kharkiv was also targeted, with damage to a power plant.",
     [("RUS-UKR", "Kharkiv"), ("RUS-UKR", "Odesa")]),
    # not from a sentence that tells of something else
    ("en", "Trump spoke with Putin on Monday. Drones hit Odesa overnight.", [("UKR", "Odesa"), ("RUS-USA", None)]),
]


PASSIVE_HITS = [
    # the place hit named as the subject of a passive, the weapons after it; the attacker is not named
    ("ro", "Kievul a fost lovit de drone și rachete balistice în cursul nopții.", [("UKR", "Kyiv")]),
    ("ro", "Rafinăria din Saratov a fost lovită în noaptea de sâmbătă spre duminică de drone.", [("RUS", "Saratov")]),
    ("en", "Kyiv was hit by drones and missiles overnight.", [("UKR", "Kyiv")]),
    ("en", "The port of Izmail was struck on Tuesday night by a drone.", [("UKR", "Izmail")]),
    # who attacked is the main clause's subject of the sentence before, not its introduction's
    ("en", "Shortly after the US strikes, Iran launched missiles at Israel. Parts of Haifa were hit.", [("IRN-ISR", "Haifa")]),
    ("ro", "La scurt timp după loviturile americane, Iranul a lansat rachete asupra Israelului. Mai multe clădiri din "
           "Haifa au fost lovite.", [("IRN-ISR", "Haifa")]),
    # the attacker named as the aircraft of a passive in the next sentence
    ("en", "Military strikes were carried out on Saturday against nuclear sites in Iran, at Fordow and Natanz. They were "
           "destroyed by US warplanes.", [("IRN-USA", "Fordow")]),
    ("ro", "Sâmbătă au fost efectuate lovituri militare împotriva siturilor nucleare din Iran, la Fordow și Natanz. Au "
           "fost distruse de avioanele americane.", [("IRN-USA", "Fordow")]),
    # hit by something else
    ("ro", "Kievul a fost lovit de sancțiuni.", []),
    ("en", "Kyiv was hit hard by the decision.", []),
]


@pytest.mark.parametrize(("lang", "text", "expected"), PASSIVE_HITS, ids=[c[1][:40] for c in PASSIVE_HITS])
def test_place_hit_as_the_subject_of_a_passive(lang, text, expected):
    assert sorted(("-".join(e.countries), e.location_name) for e in run(text, lang)) == sorted(expected)


VISITS = [
    # a trip to another country's city is a visit to its hosts
    ("en", "French Foreign Minister Jean-Noel Barrot will arrive in Beirut on Monday.", [("talks", "FRA-LBN", "planned")]),
    ("en", "Turkish Foreign Minister Hakan Fidan is expected in Tehran on Thursday.", [("talks", "IRN-TUR", "planned")]),
    ("en", "Rubio could travel to Moscow in the coming days to present the plan to Vladimir Putin.",
     [("talks", "RUS-USA", "planned")]),
    ("ro", "Ministrul francez de externe Jean-Noël Barrot va sosi luni la Beirut.", [("talks", "FRA-LBN", "planned")]),
    ("ro", "Ministrul turc de externe Hakan Fidan este așteptat joi la Teheran.", [("talks", "IRN-TUR", "planned")]),
    ("ro", "Steve Witkoff a ajuns joi dimineață la Moscova.", [("talks", "RUS-USA", "occurred")]),
    ("ro", "Președintele Nicușor Dan se va deplasa marți la Chișinău.", [("summit", "MDA-ROU", "planned")]),
    # a leader's visit abroad meets the host's leader
    ("ro", "Macron va face vineri o vizită la Kiev.", [("summit", "FRA-UKR", "planned")]),
    ("en", "Japanese Prime Minister Shigeru Ishiba flew to Washington on Sunday.", [("summit", "JPN-USA", "occurred")]),
    ("en", "Trump said he would travel to China early next year.", [("summit", "CHN-USA", "planned")]),
    ("ro", "Trump a spus că va călători în China la începutul anului viitor.", [("summit", "CHN-USA", "planned")]),
    ("en", "Rubio will travel to China next month.", [("talks", "CHN-USA", "planned")]),
    # the one who tells of a trip is not its other party: the host is
    ("ro", "Trump a spus că Witkoff urmează să plece la Moscova în următoarele zile.", [("talks", "RUS-USA", "planned")]),
    # reaching an agreement is no arrival
    ("ro", "Trump a declarat că întâlnirea sa din Anchorage cu Vladimir Putin a fost productivă, deși nu a ajuns la "
           "niciun acord cu șeful statului rus.", [("summit", "RUS-USA", "occurred")]),
    # a trip at home, to an organisation's seat, or by no one meets no host state
    ("en", "Trump flew to Alaska on Friday.", []),
    ("en", "Romanian Prime Minister Ilie Bolojan arrived in Brussels on Friday.", []),
    ("ro", "Premierul Ilie Bolojan a ajuns vineri la Bruxelles.", []),
    ("ro", "Premierul Ilie Bolojan a efectuat vineri o vizită la Bruxelles.", []),
    ("en", "Thousands of refugees arrived in Poland.", []),
]


@pytest.mark.parametrize(("lang", "text", "expected"), VISITS, ids=[c[1][:40] for c in VISITS])
def test_a_trip_abroad_is_a_visit_to_the_hosts(lang, text, expected):
    assert summary(run(text, lang)) == sorted(expected)


APART_BY_DATE = [
    # two reports of the same parties months apart are two events; the same day's follow-up is the same one
    ("en", "Trump and Xi spoke by phone on Friday. Trump had last spoken with Xi in June, in a call that eased a dispute "
           "over rare earths.", ["2025-06-01", "2025-08-29"]),
    ("ro", "Trump și Xi au vorbit vineri la telefon. Trump vorbise ultima dată cu Xi în iunie, într-o convorbire care a "
           "detensionat disputa.", ["2025-06-01", "2025-08-29"]),
    ("ro", "Trump și Xi au vorbit vineri la telefon. Discuția cu Xi a durat două ore, a spus Trump.", ["2025-08-29"]),
    # counted events with their dates listed: one event per date
    ("en", "Armenian and Azerbaijani negotiators held two rounds of talks in Abu Dhabi, on March 4 and April 11.",
     ["2025-03-04", "2025-04-11"]),
    ("ro", "Negociatorii armeni și azeri au purtat două runde de negocieri la Abu Dhabi, pe 4 martie și pe 11 aprilie.",
     ["2025-03-04", "2025-04-11"]),
    ("en", "Wang Yi and Jaishankar spoke twice by phone, on Monday and on Tuesday.", ["2025-09-01", "2025-09-02"]),
    ("ro", "Wang Yi și Jaishankar au vorbit de două ori la telefon, luni și marți.", ["2025-09-01", "2025-09-02"]),
    ("en", "Narendra Modi met Shehbaz Sharif at two summits, in May and in July.", ["2025-05-01", "2025-07-01"]),
    ("ro", "Narendra Modi și Shehbaz Sharif s-au întâlnit la două summituri, în mai și în iulie.",
     ["2025-05-01", "2025-07-01"]),
    # one event with two dates (a start and an end, a report) is not counted
    ("en", "Armenian and Azerbaijani negotiators met in Abu Dhabi on March 4 and agreed to meet again.",
     ["2025-03-04"]),
]


@pytest.mark.parametrize(("lang", "text", "dates"), APART_BY_DATE, ids=[c[1][:40] for c in APART_BY_DATE])
def test_reports_months_apart_are_two_events(lang, text, dates):
    assert sorted(str(e.date) for e in run(text, lang)) == dates


@pytest.mark.parametrize(("lang", "text", "expected"), ATTACKER_CARRIED_OVER, ids=[c[1][:40] for c in ATTACKER_CARRIED_OVER])
def test_attacker_carried_over_from_the_sentence_before(lang, text, expected):
    assert sorted(("-".join(e.countries), e.location_name) for e in run(text, lang)) == sorted(expected)


@pytest.mark.parametrize(("lang", "text", "expected"), CASES, ids=[c[1][:40] for c in CASES])
def test_events_of_sentence(lang, text, expected):
    assert summary(run(text, lang)) == sorted(expected)


PLACES = [
    ("ro", "Rusia a lansat un atac aerian asupra Kievului.", "Kyiv", "UKR"),
    ("ro", "Drone rusești au lovit orașul Odesa în noaptea de marți spre miercuri.", "Odesa", "UKR"),
    ("en", "Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State Marco Rubio in Riyadh on Tuesday.",
     "Riyadh", "SAU"),
    ("en", "Armenia and Azerbaijan are expected to resume peace negotiations in Abu Dhabi next month.",
     "Abu Dhabi", "ARE"),
    ("ro", "Trump l-a primit pe Zelenski la Casa Albă.", "White House", "USA"),
    # a city only the offline city list knows, after a place preposition
    ("en", "Trump and Chinese President Xi Jinping will meet on Thursday in the South Korean city of Busan.",
     "Busan", "KOR"),
    ("ro", "Miniștrii de externe ai Armeniei și Azerbaidjanului s-au întâlnit la Almaty, în Kazahstan.",
     "Almaty", "KAZ"),
    # where a statement was made is not where the attack was ("the army said in Nairobi")
    ("en", "Kenyan jets struck al-Shabaab camps in Lower Shabelle on Tuesday, the army said in Nairobi.",
     "Lower Shabelle", "SOM"),
    ("ro", "Avioane kenyene au lovit marți tabere din Kismayo, a anunțat armata la Nairobi.", "Kismayo", "SOM"),
    # the rooms of the White House are its venues
    ("ro", "Trump i-a primit marți pe Ruto și Museveni în Sala de Est.", "East Room", "USA"),
    ("en", "Trump met Ruto and Museveni in the East Room on Tuesday.", "East Room", "USA"),
    ("en", "Trump hosted Ruto in the Rose Garden on Tuesday.", "Rose Garden", "USA"),
    ("ro", "Trump l-a primit marți pe Ruto în Grădina de Trandafiri.", "Rose Garden", "USA"),
]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Zelensky and Macron met in March to discuss air defence."),  # March is a town in England
        ("ro", "Trump a vorbit la telefon cu Vladimir Putin despre un armistițiu."),  # Vladimir is a Russian city
        ("en", "Rubio held talks with Lavrov about a meeting in Donald Trump's plan."),
        # a common word that only folds to a town's name ("Sala" is no Šaľa, a town in Slovakia)
        ("ro", "Ruto și Museveni s-au întâlnit marți în Sala de consiliu a palatului."),
        # a call is held nowhere, not in the dateline's city
        ("en", "NAIROBI, March 3 - Kenya's army chief called his Ugandan counterpart, General Muhoozi Kainerugaba, on "
               "Saturday."),
        ("ro", "NAIROBI, 3 martie - Comandantul armatei kenyene l-a sunat sâmbătă pe omologul său ugandez, generalul "
               "Muhoozi Kainerugaba."),
    ],
)
def test_no_place_from_a_month_or_a_name(lang, text):
    evs = run(text, lang)
    assert evs and all(ev.location_name is None for ev in evs)


@pytest.mark.parametrize(("lang", "text", "place", "country"), PLACES, ids=[p[2] for p in PLACES])
def test_place_is_geocoded(lang, text, place, country):
    (ev,) = run(text, lang)
    assert (ev.location_name, ev.location_country) == (place, country)
    assert ev.lat is not None and ev.lon is not None


DATES = [
    # (lang, text, date, precision): the event's own date, never the report's date for a past meeting
    ("ro", "Drone rusești au lovit orașul Odesa în noaptea de marți spre miercuri.", "2025-09-03", "day"),
    ("en", "Zelensky spoke by phone with Turkish President Recep Tayyip Erdogan on Monday.", "2025-09-01", "day"),
    ("en", "Lavrov said on Friday that he had met Rubio in Riyadh in August.", "2025-08-01", "month"),
    ("ro", "Zelenski, care s-a întâlnit cu Erdogan la Ankara, a declarat marți că speră la pace.", None, None),
    ("en", "Kyiv came under a massive Russian drone attack, the mayor said on Wednesday.", "2025-09-03", "day"),
    ("en", "Putin and Trump will meet in Budapest next Friday.", "2025-09-05", "day"),
    # a month that begins a span ("din martie încoace", like "since March") is not the attack's date
    ("ro", "Rusia a lansat zeci de drone asupra Kievului în timpul nopții, cel mai mare atac din martie încoace.",
     "2025-09-03", "day"),
    # a sentence-initial day dates the report, and with it the call reported in the past
    ("ro", "Luni, premierul britanic Keir Starmer a anunțat că a vorbit la telefon cu Macron.", "2025-09-01", "day"),
    ("en", "On Monday, British Prime Minister Keir Starmer announced that he spoke by phone with Macron.",
     "2025-09-01", "day"),
    # a past told without a date is no day's news: the lead's meeting "in recent weeks" stays undated
    ("en", "Saudi and Iranian officials have met in Muscat in recent weeks, diplomats said.", None, None),
    ("ro", "Oficiali saudiți și iranieni s-au întâlnit în ultimele săptămâni la Muscat, au spus diplomații.", None, None),
    ("en", "Erdogan recently spoke by phone with Aliyev.", None, None),
    ("ro", "Zilele trecute, Erdogan a discutat la telefon cu Aliev.", None, None),
    # "May" the month is no modal: the meeting took place
    ("en", "Narendra Modi met Shehbaz Sharif at a summit in May.", "2025-05-01", "month"),
    # a dateline's date is when the news was filed: the lead's own day first, else the dateline's
    ("en", "NAIROBI, Sept 3 - Kenyan army jets bombed militant camps near Mandera on Monday.", "2025-09-01", "day"),
    ("ro", "KAMPALA, 3 septembrie - Avioane ale armatei ugandeze au bombardat luni tabere ale rebelilor de lângă "
           "Kasese.", "2025-09-01", "day"),
    ("en", "NAIROBI, Sept 3 - Kenyan army jets bombed militant camps near Mandera.", "2025-09-03", "day"),
    ("ro", "KAMPALA, 3 septembrie - Avioane ale armatei ugandeze au bombardat tabere ale rebelilor de lângă Kasese.",
     "2025-09-03", "day"),
    # a day-month a little after publication: last year's when the clause says the event has happened
    ("en", "Kenyan and Ugandan officials held talks in Mombasa on September 20.", "2024-09-20", "day"),
    ("ro", "Ruto și Museveni s-au întâlnit pe 20 septembrie la Mombasa.", "2024-09-20", "day"),
    ("en", "Kenyan and Ugandan officials will hold talks in Mombasa on September 20.", "2025-09-20", "day"),
    # an event over several days is dated by its first day, when a length and its end (or the day reached) pin it
    ("en", "Kenyan and Ugandan officials wrapped up two days of talks in Mombasa on Sunday.", "2025-08-30", "day"),
    ("en", "Talks between Kenya and Uganda in Mombasa entered a third day on Sunday.", "2025-08-29", "day"),
    ("en", "Kenyan and Ugandan officials held talks in Mombasa on Sunday, the third day of the crisis.",
     "2025-08-31", "day"),
    ("ro", "Cele două zile de negocieri dintre Kenya și Uganda s-au încheiat duminică la Mombasa.", "2025-08-30", "day"),
    ("ro", "Negocierile dintre Kenya și Uganda de la Mombasa au intrat duminică în a treia zi.", "2025-08-29", "day"),
    ("ro", "Avioane ugandeze au bombardat duminică, în a treia zi de lupte, tabere de lângă Kisumu.", "2025-08-31", "day"),
]


@pytest.mark.parametrize(("lang", "text", "iso", "precision"), DATES, ids=[d[1][:40] for d in DATES])
def test_event_date(lang, text, iso, precision):
    (ev,) = run(text, lang)
    assert (ev.date.isoformat() if ev.date else None, ev.date_precision) == (iso, precision)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Narendra Modi met Shehbaz Sharif at a summit in May."),
    ("en", "Armenian and Azerbaijani negotiators met in Abu Dhabi in May, officials said."),
    ("ro", "Negociatorii armeni și azeri s-au întâlnit la Abu Dhabi în mai și în iunie."),
    # nor in a dateline whose own date is not the lead's
    ("en", "NAIROBI, May 9 - Kenyan army jets bombed militant camps near Mandera on Thursday."),
    ("ro", "KAMPALA, 9 mai - Avioanele armatei ugandeze au bombardat joi tabere ale rebelilor de lângă Kasese."),
])
def test_a_month_name_is_no_status_cue(lang, text):
    assert {e.status for e in run(text, lang)} == {"occurred"}


def test_no_publication_date_keeps_expression_unresolved():
    (ev,) = run("Drone rusești au lovit orașul Odesa ieri.", "ro", published=None)
    assert ev.date is None and ev.date_text == "ieri"


ATTRIBUTED = [
    ("ro", "Rusia și SUA pregătesc o nouă rundă de discuții, a declarat Dmitri Peskov.", ("RUS", "USA"),
     "Dmitry Peskov"),
    # a noun right after "ca"/"că" has its own parties: the speaker is no dropped subject of it
    ("ro", "Purtătorul de cuvânt Dmitri Peskov a spus că Moscova vrea ca negocierile dintre Rusia și SUA să "
           "continue.", ("RUS", "USA"), "Dmitry Peskov"),
    ("ro", "Dmitri Peskov a afirmat că discuțiile dintre Rusia și SUA vor continua.", ("RUS", "USA"),
     "Dmitry Peskov"),
    ("en", "Dmitry Peskov said that talks between Russia and the US would go on.", ("RUS", "USA"), "Dmitry Peskov"),
]


RELATIVE_SPEAKER = [
    # the speaker is the subject before a relative clause, not the partner named at its end
    ("en", "Zelensky, who held talks with President Tayyip Erdogan in Ankara on Monday, said the strike showed that "
           "Moscow wants no peace."),
    ("ro", "Zelenski, care a avut luni discuții cu președintele Recep Tayyip Erdogan la Ankara, a spus că atacul arată "
           "că Moscova nu vrea pace."),
]


@pytest.mark.parametrize(("lang", "text"), RELATIVE_SPEAKER, ids=[a[1][:40] for a in RELATIVE_SPEAKER])
def test_a_relative_clause_partner_is_no_speaker(lang, text):
    (ev,) = (e for e in run(text, lang) if e.event_type != "air_attack")
    assert {"TUR", "UKR"} <= set(ev.countries) and "Recep Tayyip Erdoğan" not in ev.attributed_to


def test_an_aide_title_far_before_a_leader_is_not_his():
    # "adviser to" then words that are neither titles nor nationalities: not Putin's adviser, Putin meets in person
    (ev,) = run("Steve Witkoff, adviser to the fund, met Putin in Moscow.", "en")
    assert "Vladimir Putin" in {a.name for a in ev.actors}


@pytest.mark.parametrize(("lang", "text", "countries", "speaker"), ATTRIBUTED, ids=[a[1][:40] for a in ATTRIBUTED])
def test_quoted_person_is_attributed_not_a_party(lang, text, countries, speaker):
    (ev,) = run(text, lang)
    assert ev.countries == countries and ev.status == "planned"
    assert speaker in ev.attributed_to
    assert speaker not in {a.name for a in ev.actors}


def test_attack_roles():
    (ev,) = run("Ukrainian drones struck an oil refinery in Belgorod overnight.", "en")
    roles = {(a.country, a.role) for a in ev.actors if a.kind == "country"}
    assert roles == {("UKR", "initiator"), ("RUS", "target")}


def test_attacker_is_taken_from_the_article_when_a_sentence_omits_it():
    text = ("Russian missiles struck Kharkiv on Monday night. A barrage of ballistic missiles hit the city of "
            "Dnipro overnight, killing nine people.")
    evs = run(text, "en")
    assert summary(evs) == [("air_attack", "RUS-UKR", "occurred"), ("air_attack", "RUS-UKR", "occurred")]


def test_headline_and_body_are_one_event():
    text = ("Rusia lovește Harkovul cu drone\n\nArmata rusă a lansat marți noaptea un atac cu drone asupra "
            "Harkovului, a anunțat primarul orașului. Atacul aerian asupra Harkovului a rănit cinci oameni.")
    evs = run(text, "ro")
    assert summary(evs) == [("air_attack", "RUS-UKR", "occurred")]


def test_two_meetings_of_the_same_parties_stay_apart():
    text = ("Trump and Putin met in Alaska in August. The two leaders will meet again in Budapest, "
            "the Kremlin said.")
    evs = run(text, "en")
    assert summary(evs) == [("summit", "RUS-USA", "occurred"), ("summit", "RUS-USA", "planned")]


@pytest.mark.parametrize(
    ("lang", "first", "again", "plain"),
    [
        ("ro", "Putin și Trump s-au întâlnit vineri în Alaska.", "Se vor întâlni din nou curând.",
         "Se vor întâlni curând."),
        ("ro", "Putin și Trump s-au întâlnit vineri în Alaska.", "O nouă întâlnire este planificată.",
         "Întâlnirea este planificată."),
        ("en", "Trump and Putin met in Alaska on Friday.", "They will meet again soon.", "They will meet soon."),
        ("en", "Trump and Putin met in Alaska on Friday.", "Another meeting is planned.", "The meeting is planned."),
    ],
)
def test_a_new_round_without_parties_takes_the_last_events(lang: str, first: str, again: str, plain: str) -> None:
    """The new_instance cues of the lexicon: "again" makes a second event, its plain twin is the first one."""
    assert summary(run(f"{first} {again}", lang)) == [("summit", "RUS-USA", "occurred"), ("summit", "RUS-USA", "planned")]
    assert summary(run(f"{first} {plain}", lang)) == [("summit", "RUS-USA", "occurred")]


PREVIOUS_ROUND = [
    # an earlier round named only as such is another event of the same parties, with its own place and date
    ("en", "Armenian and Azerbaijani negotiators met in Abu Dhabi on Thursday. The previous round, held in Almaty in "
           "March, ended without a deal.", [("2025-03-01", "Almaty"), ("2025-08-28", "Abu Dhabi")]),
    ("ro", "Negociatorii armeni și azeri s-au întâlnit joi la Abu Dhabi. Runda anterioară, desfășurată la Almaty în "
           "martie, s-a încheiat fără acord.", [("2025-03-01", "Almaty"), ("2025-08-28", "Abu Dhabi")]),
    ("ro", "Negociatorii armeni și azeri s-au întâlnit joi la Abu Dhabi. Precedenta rundă a avut loc la Almaty, în "
           "martie.", [("2025-03-01", "Almaty"), ("2025-08-28", "Abu Dhabi")]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), PREVIOUS_ROUND, ids=[c[1][60:100] for c in PREVIOUS_ROUND])
def test_the_previous_round_is_an_earlier_event_of_the_same_parties(lang, text, expected):
    evs = run(text, lang)
    assert {"-".join(e.countries) for e in evs} == {"ARM-AZE"}
    assert sorted((str(e.date), e.location_name) for e in evs) == expected


def test_events_are_complete_frozen_records() -> None:
    # events are assembled without the dataclass __init__: each must still be the same record it would build
    import dataclasses

    from events.records import Event

    text = "Putin și Trump s-au întâlnit vineri în Alaska. Rusia a atacat Kievul cu drone marți noapte."
    events = extract(read_text(text, published=date(2025, 8, 20)))
    assert events
    names = [f.name for f in dataclasses.fields(Event)]
    for ev in events:
        assert list(vars(ev)) == names
        assert ev == Event(**{n: getattr(ev, n) for n in names})
        assert hash(ev) == hash(Event(**{n: getattr(ev, n) for n in names}))
        with pytest.raises(dataclasses.FrozenInstanceError):
            ev.status = "planned"  # type: ignore[misc]


_CHECK_BITS = [
    "după", "dupa", "înainte de", "de la", "ca urmare a", "after", "ahead of", "prior to", "in the wake of", "to",
    "pentru a", "pentru a-l", "spre a", "in order to", "discuta", "talks", "summit", "the", "un", ",", ", care", ", which",
    "x", "tot", "auto", "dupăamiaza", "as", "asked", "but", "butter", "în timp ce", "dupa ce", "iar", "whichever",
    "who's", "care_", ",\u00a0while", ",\nwhen", "dar,",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_CHECK_BITS), max_size=10).map(lambda w: " ".join(w) + " "), st.sampled_from(["ro", "en"]))
def test_quick_word_checks_skip_only_searches_that_cannot_match(text: str, lang: str) -> None:
    """The substring checks before the purpose, time-reference and relative-clause regexes never hide a match.

    (The text ends in a space, as the stretch before a trigger word does.)
    """
    from events import clauses as c
    from events import mentions as x
    from events.lexicon import fold, load

    lex = load(lang)
    f = fold(text)
    for start in range(len(f) + 1):
        end = len(f)
        if x._PURPOSE_BEFORE.search(f, start, end):
            assert any(f.find(w, start, end) != -1 for w in x._PURPOSE_WORDS)
        assert x.reference_before(f, start, end, lex) == bool(lex.reference_before.search(f, start, end))
        assert c.relative_zones(f, start, end) == [
            (r.start(), f.find(",", r.end(), end) if f.find(",", r.end(), end) != -1 else end)
            for r in c.RELATIVE_AFTER.finditer(f, start, end)
        ]


@pytest.mark.parametrize(
    ("lang", "before", "reference", "purpose"),
    [
        ("ro", "după ", True, False),
        ("ro", "ca urmare a unei ", True, False),
        ("ro", "pentru a relua ", False, True),
        ("en", "in the wake of the ", True, False),
        ("en", "in order to resume ", False, True),
        ("en", "met in Ankara and ", False, False),
    ],
)
def test_time_reference_and_purpose_before_a_trigger(lang: str, before: str, reference: bool, purpose: bool) -> None:
    from events.lexicon import fold, load
    from events.mentions import purpose_before, reference_before

    f = fold(before)
    assert reference_before(f, 0, len(f), load(lang)) is reference
    assert purpose_before(f, 0, len(f)) is purpose


@pytest.mark.parametrize("lang", ["ro", "en"])
def test_every_preposition_phrase_is_found_through_its_last_word(lang: str) -> None:
    """_mention_context looks at the tails of the words before a name only when the last one ends a phrase."""
    from events.clauses import tails as _tails
    from events.lexicon import load

    lex = load(lang)
    for phrase in lex.place_before | lex.target_before:
        words = ["x", *phrase.split()]
        assert words[-1] in lex.preposition_last
        assert phrase in _tails(words) or len(phrase.split()) > 3


def test_a_mentions_countries_follow_its_parties() -> None:
    """The countries a mention keeps are recomputed when its parties grow or are replaced (merging changes them)."""
    from events.gazetteer import Entity
    from events.mentions import EventMention as _Mention

    rus, usa, ukr = Entity("Rusia", "country", "RUS"), Entity("SUA", "country", "USA"), Entity("Ucraina", "country", "UKR")
    m = _Mention(etype="talks", status="occurred", marked=False, parties=[rus], attacker=None, target_country=None,
                 place=None, date=None, precision=None, date_text=None, speakers=[], sentence=(0, 0), trigger="",
                 weak=False)
    assert m.countries == {"RUS"}
    m.parties.append(usa)  # grown in place
    assert m.countries == {"RUS", "USA"}
    m.parties = [ukr, usa]  # replaced with as many parties
    m.changed()
    assert m.countries == {"UKR", "USA"}
    m.target_country = "RUS"
    m.changed()
    assert m.countries == {"RUS", "UKR", "USA"}


def _triggers_reference(all_cues):
    """trigger_spans as first written: every strong span searched for each weak word."""
    found = []
    for weak_pass in (False, True):
        prefix = "W:" if weak_pass else "T:"
        last_end = -1
        taken = [(s, e) for _, s, e, _ in found]
        for i, m in enumerate(all_cues):
            if not m.label.startswith(prefix) or m.start < last_end:
                continue
            if weak_pass and any(s <= m.start < e for s, e in taken):
                continue
            best = m
            for x in all_cues[i + 1 :]:
                if x.start != m.start:
                    break
                if x.label.startswith(prefix) and x.end > best.end:
                    best = x
            found.append((best.label[2:], best.start, best.end, weak_pass))
            last_end = best.end
    found.sort(key=lambda t: t[1])
    return found


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 12), st.sampled_from(["T:talks", "T:summit", "W:air_attack",
                                                                                  "W:talks", "C:other"])), max_size=25))
def test_trigger_words_are_picked_as_the_plain_search_picks_them(spans) -> None:
    from events.mentions import trigger_spans
    from events.phrases import PhraseMatch

    matches = [PhraseMatch(s, s + n, label) for s, n, label in sorted(spans, key=lambda t: t[0])]
    got = [(t.etype, t.start, t.end, t.weak) for t in trigger_spans(matches)]
    assert got == _triggers_reference(matches)


def _cuts_agree(text: str, lang: str) -> int:
    """At every sentence, the clause cuts from the boundary phrases' places are the boundary regex's matches."""
    from events import clauses as ex
    from events.lexicon import fold, load
    from events.sentences import split

    lex = load(lang)
    folded = fold(text)
    where = ex.occurrences(folded, lex.boundary_words)
    found = 0
    for s, e in [*split(text, lex), (0, len(text))]:
        expected = [m.start() for m in lex.boundaries.finditer(folded, s, e)]
        assert ex.boundary_cuts(lex, where, s, e) == expected, folded[s:e]
        found += len(expected)
    return found


@pytest.mark.parametrize("lang", ["ro", "en"])
def test_clause_cuts_are_the_boundary_regex_matches(lang: str) -> None:
    texts = golden_texts(lang)
    assert sum(_cuts_agree(t, lang) for t in texts) > 20


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([", ", "; ", " ", "in timp ce", "while", "and", "after", "hours", "si apoi", "iar", "but",
                              "as", ",", "x", "și", "după", "ce", ".", "A"]), max_size=24).map("".join),
    st.sampled_from(["ro", "en"]),
)
def test_clause_cuts_are_the_boundary_regex_matches_in_any_text(text: str, lang: str) -> None:
    _cuts_agree(text, lang)


VENUE_COUNTRIES = [
    # a country named as where talks are held is their place, and no party when two others are named
    ("en", "Ukrainian and American negotiators met in Saudi Arabia on Monday.", "UKR-USA", "Saudi Arabia"),
    ("ro", "Negociatorii ucraineni și americani s-au întâlnit luni în Arabia Saudită.", "UKR-USA", "Saudi Arabia"),
    ("en", "Armenia and Azerbaijan will hold talks in Kazakhstan next month.", "ARM-AZE", "Kazakhstan"),
    ("ro", "Armenia și Azerbaidjanul vor purta negocieri în Kazahstan luna viitoare.", "ARM-AZE", "Kazakhstan"),
    # ... but a party when the clause makes it the host
    ("en", "Talks between Sudan's army and the RSF, hosted by Saudi Arabia, resumed in Saudi Arabia on Monday.",
     "SAU-SDN", "Saudi Arabia"),
    # a city of that country is more precise than the country
    ("en", "Ukrainian and American negotiators met in Saudi Arabia, in Jeddah, on Monday.", "UKR-USA", "Jeddah"),
]


@pytest.mark.parametrize(("lang", "text", "countries", "place"), VENUE_COUNTRIES, ids=[c[1][:40] for c in VENUE_COUNTRIES])
def test_a_country_named_as_the_venue_is_the_place(lang, text, countries, place):
    (ev,) = run(text, lang)
    assert ("-".join(ev.countries), ev.location_name) == (countries, place)
    # a whole country is no point on a map
    assert (ev.lat is None) == (place in ("Saudi Arabia", "Kazakhstan"))


RETALIATION = [
    # "in response to X", "ca răspuns la X": X is an earlier event of its own, with its own date
    ("en", "Israeli jets struck military sites near Tehran on Saturday in response to the missile attack launched "
           "by Iran on Israel on October 1.", ["2024-10-01", "2025-06-07"]),
    ("ro", "Armata rusă a lovit Harkovul luni noaptea, drept răspuns la atacul cu drone ucrainene asupra "
           "Belgorodului de duminică.", ["2025-06-08", "2025-06-09"]),
    ("ro", "Avioane israeliene au bombardat sâmbătă ținte din apropierea Teheranului, ca represalii pentru atacul cu "
           "rachete lansat de Iran asupra Israelului la 1 octombrie.", ["2024-10-01", "2025-06-07"]),
]


@pytest.mark.parametrize(("lang", "text", "dates"), RETALIATION, ids=[c[1][:40] for c in RETALIATION])
def test_what_an_attack_answers_is_an_earlier_attack(lang, text, dates):
    evs = run(text, lang, date(2025, 6, 10))
    assert sorted(str(e.date) for e in evs if e.event_type == "air_attack") == dates


ROUNDS = [
    # a round named by its rank is talks: of the article's parties when it names none of its own
    ("en", "Ethiopian and Somali officials held talks in Ankara in July. A second round, scheduled for September, "
           "was postponed indefinitely.", [("talks", "ETH-SOM", "cancelled"), ("talks", "ETH-SOM", "occurred")]),
    ("ro", "Oficiali etiopieni și somalezi au purtat discuții la Ankara în iulie. A doua rundă, programată pentru "
           "septembrie, a fost amânată sine die.", [("talks", "ETH-SOM", "cancelled"), ("talks", "ETH-SOM", "occurred")]),
    # counted rounds with their dates: one event each, with the mediator the sentence names
    ("en", "Serbian and Kosovar negotiators met in Brussels on Wednesday. Turkish Foreign Minister Hakan Fidan "
           "attended, as he had at the first two rounds on May 16 and June 2.",
     [("talks", "SRB-TUR-XKX", "occurred"), ("talks", "SRB-TUR-XKX", "occurred"), ("talks", "SRB-XKX", "occurred")]),
    ("ro", "Negociatorii sârbi și kosovari s-au întâlnit miercuri la Bruxelles. Spre deosebire de primele două "
           "runde, din 16 mai și 2 iunie, atmosfera a fost tensionată.",
     [("talks", "SRB-XKX", "occurred"), ("talks", "SRB-XKX", "occurred"), ("talks", "SRB-XKX", "occurred")]),
    # a round of something else is no talks
    ("en", "The European Union is preparing a new round of sanctions against Russia.", []),
    ("ro", "UE pregătește o nouă rundă de sancțiuni împotriva Rusiei.", []),
    ("en", "Russia launched a new round of strikes on Kharkiv on Monday.", [("air_attack", "RUS-UKR", "occurred")]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), ROUNDS, ids=[c[1][:50] for c in ROUNDS])
def test_a_round_named_by_its_rank_is_talks(lang, text, expected):
    assert summary(run(text, lang)) == sorted(expected)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "India and Pakistan agreed to a ceasefire on Saturday. Indian Foreign Secretary Vikram Misri said the "
               "truce was agreed in a phone call between the two armies' commanders. The two officers will speak "
               "again on Monday."),
        ("ro", "India și Pakistanul au convenit sâmbătă un armistițiu. Secretarul indian de externe Vikram Misri a "
               "spus că armistițiul a fost convenit într-o convorbire telefonică între comandanții celor două armate. "
               "Cei doi ofițeri vor vorbi din nou luni."),
    ],
)
def test_the_two_armies_and_the_two_officers_are_the_states_named_before(lang, text):
    assert summary(run(text, lang, date(2025, 5, 11))) == [("talks", "IND-PAK", "occurred"),
                                                           ("talks", "IND-PAK", "planned")]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # a sentence that opens with "he"/"el" has the previous sentence's subject; the name after the verb is met
        ("en", "President Volodymyr Zelensky was in Athens on Sunday. He is due in Paris later on Monday to meet "
               "President Emmanuel Macron.", [("summit", "FRA-UKR", "planned")]),
        ("ro", "Președintele Volodimir Zelenski a fost duminică la Atena. El urmează să-l întâlnească luni la Paris pe "
               "președintele Emmanuel Macron.", [("summit", "FRA-UKR", "planned")]),
        # whose drones: the previous sentence's subject
        ("en", "Ukraine kept up its campaign against Russian refineries. Its drones attacked the Saratov refinery on "
               "Sunday.", [("air_attack", "RUS-UKR", "occurred")]),
        ("ro", "Ucraina și-a continuat campania împotriva rafinăriilor rusești. Dronele sale au lovit duminică "
               "rafinăria din Saratov.", [("air_attack", "RUS-UKR", "occurred")]),
        # the attacker is the subject of an active attack word, the agent of a passive one
        ("en", "Israeli jets targeted Hamas leaders in Doha on Tuesday.", [("air_attack", "ISR-QAT", "occurred")]),
        ("ro", "Avioane israeliene au lovit marți lideri Hamas la Doha.", [("air_attack", "ISR-QAT", "occurred")]),
        ("ro", "Portul Reni, de lângă granița cu Moldova, a fost atacat cu drone de armata rusă.",
         [("air_attack", "RUS-UKR", "occurred")]),
        ("en", "The port of Reni, near the border with Moldova, was attacked with drones by the Russian army.",
         [("air_attack", "RUS-UKR", "occurred")]),
    ],
)
def test_subjects_carried_from_the_sentence_before_and_attackers_by_position(lang, text, expected):
    assert summary(run(text, lang, date(2025, 11, 17))) == sorted(expected)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # what the two leaders discussed is their summit, not other talks
        ("en", "Pakistani Prime Minister Shehbaz Sharif met Chinese President Xi Jinping in Beijing on Monday. The two "
               "leaders discussed the economic corridor and security along the border.",
         [("summit", "CHN-PAK", "occurred")]),
        ("ro", "Președintele Nicușor Dan s-a întâlnit luni la Chișinău cu omoloaga sa, Maia Sandu. Cei doi lideri au "
               "discutat despre interconectarea rețelelor de energie.", [("summit", "MDA-ROU", "occurred")]),
        # "the two leaders" are the persons of the latest meeting, not the sides of an attack told in between
        ("ro", "Putin și Aliev s-au întâlnit joi la Dușanbe. Între timp, drone ucrainene au lovit rafinăria din "
               "Saratov. Cei doi lideri au convenit să se revadă la Moscova anul viitor.",
         [("air_attack", "RUS-UKR", "occurred"), ("summit", "AZE-RUS", "occurred"), ("summit", "AZE-RUS", "planned")]),
        ("en", "Putin and Aliyev met in Dushanbe on Thursday. Meanwhile, Ukrainian drones struck the refinery in "
               "Saratov. The two leaders agreed to meet again in Moscow next year.",
         [("air_attack", "RUS-UKR", "occurred"), ("summit", "AZE-RUS", "occurred"), ("summit", "AZE-RUS", "planned")]),
    ],
)
def test_the_two_leaders_are_the_persons_of_the_latest_meeting(lang, text, expected):
    assert summary(run(text, lang, date(2025, 10, 10))) == sorted(expected)


def test_the_same_day_is_the_latest_day_told_not_a_year():
    text = ("Putin și Aliev s-au întâlnit joi la Dușanbe. Cei doi lideri au convenit să se revadă la Moscova anul "
            "viitor. Miniștrii de externe Serghei Lavrov și Jeyhun Bayramov au avut o întrevedere separată în aceeași zi.")
    talks = [e for e in run(text, "ro", date(2025, 10, 10)) if e.event_type == "talks"]
    assert [(str(e.date), e.date_precision) for e in talks] == [("2025-10-09", "day")]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # a word of talking after a meeting word in one clause: the meeting decides (two leaders: a summit)
        ("en", "Zelensky had met Donald Trump in Davos, with whom he discussed security guarantees.",
         [("summit", "UKR-USA", "occurred")]),
        ("ro", "Zelenski se întâlnise la Davos cu Donald Trump, cu care a discutat despre garanțiile de securitate.",
         [("summit", "UKR-USA", "occurred")]),
        # "the two leaders" with no event before: the leaders of the states the previous sentence named
        ("en", "Armenia and Azerbaijan agreed on Friday to end their conflict. The two leaders had first met without a "
               "mediator in Abu Dhabi in July.", [("summit", "ARM-AZE", "occurred")]),
        ("ro", "Armenia și Azerbaidjanul au convenit vineri să pună capăt conflictului. Cei doi lideri se întâlniseră "
               "prima dată fără mediator la Abu Dhabi, în iulie.", [("summit", "ARM-AZE", "occurred")]),
        # ... and "the two sides" are those states, in talks
        ("en", "Armenia and Azerbaijan agreed on Friday to end their conflict. The two sides had first met in Abu Dhabi "
               "in July.", [("talks", "ARM-AZE", "occurred")]),
    ],
)
def test_meetings_of_leaders_and_references_to_them(lang, text, expected):
    assert summary(run(text, lang, date(2025, 8, 9))) == sorted(expected)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Russian missiles hit Ternopil early on Wednesday, killing 26 people. In a separate strike, drones hit "
               "energy infrastructure in the Lviv region."),
        ("ro", "Rachete rusești au lovit miercuri dimineață orașul Ternopil, ucigând 26 de oameni. Într-un atac separat, "
               "drone au lovit infrastructura energetică din regiunea Liov."),
    ],
)
def test_an_undated_attack_after_a_dated_one_is_of_the_same_wave(lang, text):
    evs = run(text, lang, date(2025, 11, 20))  # a Thursday
    assert sorted((e.location_name, str(e.date)) for e in evs) == [("Lviv region", "2025-11-19"),
                                                                    ("Ternopil", "2025-11-19")]


# Sentences of the kinds the fifth fresh batch of unseen articles showed missing or misread (written for these tests).
UNSEEN_KINDS = [
    # "X's President A and Y's President B" are both the subject; "the two presidents" of the next sentence are them
    ("en", "Chile's President Gabriel Boric and Bolivia's President Luis Arce pledged on Thursday to reopen the "
           "border.\n\nThe two presidents met for several hours at a hotel in Arica.", [("summit", "BOL-CHL", "occurred")]),
    ("en", "Venezuela's Nicolas Maduro and Guyana's Irfaan Ali pledged on Thursday not to use force.\n\nThe two "
           "leaders met at an airport hotel in Kingstown.", [("summit", "GUY-VEN", "occurred")]),
    ("ro", "Președintele chilian Gabriel Boric și omologul său bolivian Luis Arce au promis joi redeschiderea "
           "frontierei.\n\nCei doi președinți s-au întâlnit timp de câteva ore la un hotel din Arica.",
     [("summit", "BOL-CHL", "occurred")]),
    # the city of a dateline is not the subject the next sentence's "the two leaders" stand for
    ("en", "NAIROBI — Kenyan President William Ruto and Ethiopian Prime Minister Abiy Ahmed agreed on Friday to "
           "build a new road.\n\nThe two leaders met for three hours at the State House.",
     [("summit", "ETH-KEN", "occurred")]),
    # weapons listed before the verb of striking; a place after "district of", "area of"
    ("en", "Argentine aircraft, drones and long-range rockets pounded rebel positions near Salta on Monday.",
     [("air_attack", "ARG", "occurred")]),
    ("en", "Turkish missiles slammed into a residential district of Mosul on Monday.",
     [("air_attack", "IRQ-TUR", "occurred")]),
    ("ro", "Rachete turcești au lovit luni un cartier rezidențial din Mosul.", [("air_attack", "IRQ-TUR", "occurred")]),
    # a striking word said figuratively, a missile test: no air attack
    ("en", "Lee, who once criticised Tokyo sharply, struck a conciliatory tone in Seoul on Friday.", []),
    ("en", "Seoul and Tokyo condemned Pyongyang, whose latest ballistic missile launch landed near Hokkaido.", []),
    ("ro", "Seulul și Tokyo au condamnat Phenianul, al cărui ultim test cu rachete balistice a avut loc luni.", []),
    # a visitor received by the title of a diplomat; a group that sat down together
    ("en", "President Hassan Sheikh Mohamud received the British charge d'affaires in Mogadishu on Tuesday.",
     [("talks", "GBR-SOM", "occurred")]),
    ("en", "Kenya's foreign minister and his Ethiopian counterpart sat down together in Nairobi on Saturday.",
     [("talks", "ETH-KEN", "occurred")]),
    # a call after the main clause, the sentence opening with "hours after ...": its subject is the caller
    ("en", "Hours after the strike, British Prime Minister Rishi Sunak announced that Britain would send tanks, after "
           "speaking to President Volodymyr Zelensky.", [("talks", "GBR-UKR", "occurred")]),
    ("ro", "La câteva ore după atac, premierul britanic Rishi Sunak a anunțat că Marea Britanie va trimite tancuri, "
           "după ce a vorbit cu Volodimir Zelenski.", [("talks", "GBR-UKR", "occurred")]),
    # troops advancing on a front make no trip; a leader sitting down with another at a summit meets him
    ("en", "In the east, Russian forces continued to advance toward Pokrovsk, where Ukrainian troops are dug in.", []),
    ("ro", "În estul țării, forțele ruse continuă să înainteze spre Pokrovsk, unde luptele sunt intense.", []),
    ("en", "Erdogan was in Kazan on Wednesday, sitting down with Vladimir Putin on the sidelines of the BRICS summit.",
     [("summit", "RUS-TUR", "occurred"), ("summit", "TUR", "occurred")]),  # the BRICS summit, Erdogan attending
    # an attack with no attacker on the side that attacks everywhere else in the article: the side it attacks
    ("en", "Russian missiles hit a power plant in Kharkiv on Monday.\n\nIn the south, drones struck an oil depot in "
           "the Russian port of Novorossiysk overnight.",
     [("air_attack", "RUS-UKR", "occurred"), ("air_attack", "RUS-UKR", "occurred")]),
    ("ro", "Rachete rusești au lovit luni o centrală electrică din Harkov.\n\nÎn sud, drone au lovit un depozit de "
           "petrol din portul rus Novorosiisk.",
     [("air_attack", "RUS-UKR", "occurred"), ("air_attack", "RUS-UKR", "occurred")]),
    # meeting again ("se vor reîntâlni")
    ("ro", "Delegațiile Armeniei și Azerbaidjanului se vor reîntâlni pe 25 octombrie la Istanbul.",
     [("talks", "ARM-AZE", "planned")]),
    # a meeting on the sidelines of a summit is an event of its own, not a report of the summit
    ("en", "Turkish President Recep Tayyip Erdogan, Azerbaijani President Ilham Aliyev and Armenian Prime Minister "
           "Nikol Pashinyan attended the summit in Prague on Thursday, hosted by Czech Prime Minister Petr Fiala.\n\n"
           "On the sidelines of the summit, Erdogan met Pashinyan.",
     [("summit", "ARM-AZE-CZE-TUR", "occurred"), ("summit", "ARM-TUR", "occurred")]),
    ("ro", "Președintele turc Recep Tayyip Erdogan, președintele azer Ilham Aliev și premierul armean Nikol Pașinian au "
           "participat joi la summitul de la Praga, găzduit de premierul ceh Petr Fiala.\n\nÎn marja summitului, "
           "Erdogan s-a întâlnit cu Pașinian.",
     [("summit", "ARM-AZE-CZE-TUR", "occurred"), ("summit", "ARM-TUR", "occurred")]),
    # nationalities joined before or after a leaders' title are all leaders: a summit
    ("en", "In Tehran, the Russian and Turkish leaders also held a bilateral meeting.", [("summit", "RUS-TUR", "occurred")]),
    ("ro", "La Teheran, liderii rus și turc au avut și o întâlnire bilaterală.", [("summit", "RUS-TUR", "occurred")]),
    # a time clause after "hours before" holds its own event; a promise to stop bombing reports no attack
    ("en", "Israeli warplanes struck Sanaa's airport on Tuesday, hours before the United States announced that it would "
           "stop bombing the Houthis.", [("air_attack", "ISR-YEM", "occurred")]),
    ("ro", "Avioane israeliene au bombardat marți aeroportul din Sanaa, înainte ca Statele Unite să anunțe că vor opri "
           "bombardamentele asupra houthiștilor.", [("air_attack", "ISR-YEM", "occurred")]),
    ("en", "The United States announced on Tuesday that it would stop bombing Yemen.", []),
    ("ro", "Statele Unite au anunțat marți că vor opri bombardamentele asupra Yemenului.", []),
    ("en", "Russia launched a massive attack on Kyiv overnight, hours before Russian and Ukrainian negotiators were due "
           "to meet again in Abu Dhabi.", [("air_attack", "RUS-UKR", "occurred"), ("talks", "RUS-UKR", "planned")]),
    # a visitor received by a long title ("Saudi Arabia's deputy foreign minister")
    ("en", "General Abdel Fattah al-Burhan received Saudi Arabia's deputy foreign minister in Port Sudan on Monday.",
     [("talks", "SAU-SDN", "occurred")]),
    # an envoy's trip to a leader abroad is talks: the host's leader makes no summit of it
    ("en", "The United States sent an envoy to the region on Monday.\n\nThe envoy is due to fly to Israel on Thursday "
           "to brief Prime Minister Benjamin Netanyahu.", [("talks", "ISR-USA", "planned")]),
    ("ro", "Statele Unite au trimis luni un emisar în regiune.\n\nEmisarul se va deplasa joi în Israel pentru a se "
           "întâlni cu premierul Benjamin Netanyahu.", [("talks", "ISR-USA", "planned")]),
    # talks as the only way are a generic mention; "only hours after the talks" still tells of talks
    ("en", "\"Only dialogue between Ethiopia and Eritrea can avoid a new war,\" a European diplomat said.", []),
    ("ro", "„Doar dialogul dintre Etiopia și Eritreea poate evita un nou război”, a spus un diplomat european.", []),
    ("en", "Negotiations are the only way to avoid a new war between Ethiopia and Eritrea, the envoy said.", []),
    ("en", "Only hours after talks between Ethiopia and Eritrea in Nairobi on Monday, the border was closed.",
     [("talks", "ERI-ETH", "occurred")]),
    # a former prime minister is no leader: his talks with a president are talks
    ("en", "Former Kenyan prime minister Raila Odinga held talks with South Sudan's President Salva Kiir in Juba on "
           "Wednesday.", [("talks", "KEN-SSD", "occurred")]),
    ("ro", "Fostul premier kenyan Raila Odinga a avut miercuri convorbiri cu președintele sud-sudanez Salva Kiir la "
           "Juba.", [("talks", "KEN-SSD", "occurred")]),
    # a call by telephone told with its day between the verb and the partner
    ("en", "Kenyan President William Ruto spoke by telephone on Thursday with Ethiopian Prime Minister Abiy Ahmed.",
     [("talks", "ETH-KEN", "occurred")]),
    # a call is not the meeting planned somewhere with the same people
    ("en", "Vance and Rubio are due to meet Ukrainian President Volodymyr Zelensky in Munich on Friday.\n\nTrump "
           "briefed Zelensky in a separate call.", [("talks", "UKR-USA", "occurred"), ("talks", "UKR-USA", "planned")]),
    # a host receiving a visitor named with a long title
    ("en", "Zelensky is expected to receive Polish Prime Minister Donald Tusk in Kyiv on Wednesday.",
     [("summit", "POL-UKR", "planned")]),
    # talks between two leaders by phone are a call, not a summit; in person they are a summit
    ("en", "Kenyan President William Ruto held talks with Tanzanian President Samia Suluhu Hassan by phone on Tuesday.",
     [("talks", "KEN-TZA", "occurred")]),
    ("ro", "Președintele kenyan William Ruto a avut marți discuții cu președinta Tanzaniei, Samia Suluhu Hassan, la "
           "telefon.", [("talks", "KEN-TZA", "occurred")]),
    ("ro", "Președintele kenyan William Ruto a avut marți discuții cu președinta Tanzaniei, Samia Suluhu Hassan, la "
           "Dodoma.", [("summit", "KEN-TZA", "occurred")]),
    # a host who had received a visitor; a sentence that opens with "tot"/"și" and its verb has the previous subject
    ("ro", "Pe 3 iulie, liderul kenyan îl primise la Nairobi pe președintele ugandez Yoweri Museveni.",
     [("summit", "KEN-UGA", "occurred")]),
    ("ro", "Președintele Ruto a sosit luni la Kampala. Tot luni a avut discuții cu Yoweri Museveni.",
     [("summit", "KEN-UGA", "occurred")]),
    # a town of the offline list of towns above 5,000 people, by its name or a Latin alternate name
    ("en", "Myanmar military jets bombed a monastery in Kalewa on Sunday.", [("air_attack", "MMR", "occurred")]),
    ("ro", "Avioane ale armatei din Myanmar au bombardat duminică o mănăstire din Kalewa.",
     [("air_attack", "MMR", "occurred")]),
    # "the three countries", "cei trei miniștri": the previous sentence's three subjects
    ("en", "Kenya, Uganda and Tanzania agreed on a new timetable. Foreign ministers of the three countries met in "
           "Arusha on Saturday.", [("talks", "KEN-TZA-UGA", "occurred")]),
    ("ro", "Kenya, Uganda și Tanzania au convenit asupra unui nou calendar. Miniștrii de externe ai celor trei țări s-au "
           "întâlnit sâmbătă la Arusha.", [("talks", "KEN-TZA-UGA", "occurred")]),
    # a call is between two: telephoning two leaders is two calls, a conference call one
    ("en", "President Donald Trump telephoned Kenyan President William Ruto and, later, Ugandan President Yoweri "
           "Museveni on Tuesday.", [("talks", "KEN-USA", "occurred"), ("talks", "UGA-USA", "occurred")]),
    ("en", "President Donald Trump held a conference call with Kenyan President William Ruto and Ugandan President "
           "Yoweri Museveni on Tuesday.", [("talks", "KEN-UGA-USA", "occurred")]),
    ("ro", "Președintele Donald Trump i-a sunat marți pe președintele kenyan William Ruto și pe președintele ugandez "
           "Yoweri Museveni.", [("talks", "KEN-USA", "occurred"), ("talks", "UGA-USA", "occurred")]),
    # one drone or missile as the subject of a verb of striking; a town of the offline list after "market of", or
    # named in a sentence of bare attack words
    ("ro", "O dronă a armatei ugandeze a lovit duminică o piață aglomerată din orașul Kasese.",
     [("air_attack", "UGA", "occurred")]),
    ("ro", "O rachetă a lovit sâmbătă dimineața un autobuz în orașul Jinja.", [("air_attack", "UGA", "occurred")]),
    ("en", "A Kenyan air force jet dropped two bombs on the crowded market of Lodwar on Monday.",
     [("air_attack", "KEN", "occurred")]),
    ("en", "Kenyan warplanes struck rebel camps in Kasese on Monday. On Tuesday, another strike hit a house in Jinja, "
           "killing four people.", [("air_attack", "KEN-UGA", "occurred")] * 2),
    ("ro", "Avioane kenyene au bombardat luni tabere ale rebelilor din Kasese. Marți, o rachetă a lovit o casă în "
           "orașul Jinja.", [("air_attack", "KEN-UGA", "occurred")] * 2),
    # a counterpart called is a call; a long time between "retaliated" and its weapons
    ("en", "Kenya's army chief called his Ugandan counterpart, General Muhoozi Kainerugaba, on Saturday.",
     [("talks", "KEN-UGA", "occurred")]),
    ("en", "Uganda retaliated overnight into Saturday with salvoes of missiles on the Kenyan town of Lodwar.",
     [("air_attack", "KEN-UGA", "occurred")]),
    ("ro", "Uganda a ripostat în noaptea de vineri spre sâmbătă cu salve de rachete asupra orașului kenyan Lodwar.",
     [("air_attack", "KEN-UGA", "occurred")]),
    # the next round or meeting, the delegations meeting again: a planned event of the talks before it
    ("en", "Talks between Kenya and Uganda ended on Thursday in Arusha under Tanzanian mediation. The delegations would "
           "reconvene in Geneva in November.",
     [("talks", "KEN-TZA-UGA", "occurred"), ("talks", "KEN-UGA", "planned")]),
    ("ro", "Discuțiile dintre Kenya și Uganda s-au încheiat joi la Arusha, cu medierea Tanzaniei. Următoarea rundă este "
           "programată pentru luna noiembrie, la Geneva.",
     [("talks", "KEN-TZA-UGA", "occurred"), ("talks", "KEN-TZA-UGA", "planned")]),
    ("ro", "Negociatorii kenyeni și ugandezi s-au întâlnit luni la Arusha. Ei urmau să se reîntâlnească joi.",
     [("talks", "KEN-UGA", "occurred"), ("talks", "KEN-UGA", "planned")]),
    # talks in person on the day two leaders met, between them: the talks of their summit
    ("en", "Kenyan President William Ruto and Ugandan President Yoweri Museveni met in Nairobi on Saturday. Ruto hosted "
           "Museveni for dinner after Saturday's talks.", [("summit", "KEN-UGA", "occurred")]),
    ("ro", "Președintele kenyan William Ruto și președintele ugandez Yoweri Museveni s-au întâlnit sâmbătă la Nairobi. "
           "Ruto a spus după discuțiile de sâmbătă că granița va fi redeschisă.", [("summit", "KEN-UGA", "occurred")]),
    # the leader who sent an envoy takes no part: the envoy's talks with a leader are talks, not a summit
    ("en", "Former Tanzanian president Jakaya Kikwete, sent by President Samia Suluhu Hassan, held talks with Ugandan "
           "President Yoweri Museveni in Kampala on Monday.", [("talks", "TZA-UGA", "occurred")]),
    ("ro", "Fostul președinte tanzanian Jakaya Kikwete, trimis de președinta Samia Suluhu Hassan, a avut luni discuții "
           "cu președintele ugandez Yoweri Museveni la Kampala.", [("talks", "TZA-UGA", "occurred")]),
    # ... nor does the leader whose message a minister hands over
    ("en", "Its foreign minister, Jeje Odongo, was received by Kenyan President William Ruto in Nairobi last week and "
           "handed over a message from President Yoweri Museveni.", [("talks", "KEN-UGA", "occurred")]),
    ("ro", "Ministrul ugandez de externe, Jeje Odongo, a fost primit săptămâna trecută la Nairobi de președintele kenyan "
           "William Ruto, căruia i-a înmânat un mesaj din partea președintelui Yoweri Museveni.",
     [("talks", "KEN-UGA", "occurred")]),
    # missiles that came down in the sea hit nothing: a launch, no air attack
    ("en", "North Korea launched two short-range ballistic missiles on Tuesday, which fell into the Sea of Japan, the "
           "South Korean military said.", []),
    ("ro", "Coreea de Nord a lansat marți două rachete balistice cu rază scurtă de acțiune, care au căzut în Marea "
           "Japoniei, a anunțat armata sud-coreeană.", []),
    ("en", "Ugandan missiles launched from Lake Victoria hit the port of Kisumu on Tuesday.",
     [("air_attack", "KEN-UGA", "occurred")]),
    # many strikes counted over a span are a campaign, not one attack; a night's hundreds of drones are one
    ("en", "The rebels have fired hundreds of rockets and drones at Kenya since the war began.", []),
    ("ro", "Rebelii au lansat sute de rachete și drone asupra Kenyei de la începutul războiului.", []),
    ("en", "Ugandan forces launched hundreds of drones at Kisumu overnight.", [("air_attack", "KEN-UGA", "occurred")]),
    # who criticises a summit took no part in it; who criticised something else in a relative clause still does
    ("en", "Tanzania criticised the summit between Kenya and Uganda in Kisumu on Tuesday.",
     [("summit", "KEN-UGA", "occurred")]),
    ("ro", "Tanzania a criticat summitul de marți de la Kisumu dintre Kenya și Uganda.",
     [("summit", "KEN-UGA", "occurred")]),
    ("en", "Ruto, who criticised both sides on Monday, will meet Museveni in Kampala on Friday.",
     [("summit", "KEN-UGA", "planned")]),
    # who condemns or reacts to an attack did not strike: the reaction is the attack told before, no new one
    ("en", "Ugandan drones struck Kisumu overnight, killing nine people. Tanzania condemned the attack on Kisumu.",
     [("air_attack", "KEN-UGA", "occurred")]),
    ("ro", "Drone ugandeze au lovit peste noapte orașul Kisumu, ucigând nouă oameni. Tanzania a condamnat atacul "
           "asupra orașului Kisumu.", [("air_attack", "KEN-UGA", "occurred")]),
    # a capital outside the gazetteer's places, found anywhere, with its Romanian article
    ("ro", "Avioane kenyene au bombardat marți Kampala, ucigând 12 oameni.", [("air_attack", "KEN-UGA", "occurred")]),
    ("en", "Kenyan jets bombed Kampala on Tuesday, killing 12 people.", [("air_attack", "KEN-UGA", "occurred")]),
    # who attended a summit told after it: more parties of that summit, not another one
    ("en", "Kenyan President William Ruto and Ugandan President Yoweri Museveni held a summit in Arusha on Monday. The "
           "summit was attended by Tanzanian President Samia Suluhu Hassan and Rwandan President Paul Kagame.",
     [("summit", "KEN-RWA-TZA-UGA", "occurred")]),
    ("ro", "Președintele kenyan William Ruto și președintele ugandez Yoweri Museveni au avut luni un summit la Arusha. "
           "La reuniune au participat și președinta Tanzaniei, Samia Suluhu Hassan, și președintele rwandez Paul "
           "Kagame.", [("summit", "KEN-RWA-TZA-UGA", "occurred")]),
    # a visit to one country is not a visit to another: two planned summits
    ("en", "Ruto said he would travel to Uganda in April. Museveni would make a reciprocal visit to Kenya at some point "
           "after that, he added.", [("summit", "KEN-UGA", "planned")] * 2),
    ("ro", "Ruto a spus că va călători în aprilie în Uganda. Museveni va face ulterior o vizită reciprocă în Kenya, a "
           "adăugat el.", [("summit", "KEN-UGA", "planned")] * 2),
    # an appeal for talks is no talks, held or planned; a return to talks agreed is
    ("en", "Tanzania and the African Union urged Kenya and Uganda to return to negotiations.", []),
    ("ro", "Uniunea Africană și Tanzania au cerut Kenyei și Ugandei să revină la dialog.", []),
    ("en", "Kenya and Uganda will return to talks in Arusha next week.", [("talks", "KEN-UGA", "planned")]),
    # a pronoun in a later clause stands for the main clause's speaker, not for a name in what the speaker said
    ("en", "Tanzanian Foreign Minister Mahmoud Thabit Kombo warned on Thursday that any attack on Kenya would be a grave "
           "mistake, as he held talks with Kenyan President William Ruto in Nairobi.",
     [("talks", "KEN-TZA", "occurred")]),
    ("ro", "Ministrul tanzanian de externe, Mahmoud Thabit Kombo, a avertizat joi că orice atac asupra Kenyei ar fi o "
           "greșeală gravă, în timp ce el avea discuții cu președintele kenyan William Ruto la Nairobi.",
     [("talks", "KEN-TZA", "occurred")]),
    # talks named as a meeting, held by two leaders, are a summit; by phone, or told with "spoke with", talks
    ("en", "Kenyan President William Ruto and Ugandan President Yoweri Museveni held talks in Kisumu on Tuesday.",
     [("summit", "KEN-UGA", "occurred")]),
    ("ro", "Președintele kenyan William Ruto și președintele ugandez Yoweri Museveni au purtat negocieri marți la "
           "Kisumu.", [("summit", "KEN-UGA", "occurred")]),
    ("en", "Kenyan President William Ruto and Ugandan President Yoweri Museveni held talks by phone on Tuesday.",
     [("talks", "KEN-UGA", "occurred")]),
    ("ro", "Președintele kenyan William Ruto a avut marți discuții telefonice cu președintele ugandez Yoweri Museveni.",
     [("talks", "KEN-UGA", "occurred")]),
    ("en", "Kenyan President William Ruto spoke with Ugandan President Yoweri Museveni on Tuesday.",
     [("talks", "KEN-UGA", "occurred")]),
    # ... and so is any talk by phone from one caller, named or "both leaders"; a country named after it is a topic
    ("en", "Tanzanian President Samia Suluhu Hassan held phone calls with Kenyan President William Ruto and Ugandan "
           "President Yoweri Museveni on Sunday.", [("talks", "KEN-TZA", "occurred"), ("talks", "TZA-UGA", "occurred")]),
    ("en", "Kenya and Uganda agreed to reopen the border crossing at Busia. Tanzanian President Samia Suluhu Hassan said "
           "she had spoken by phone with both leaders on Saturday.",
     [("talks", "KEN-TZA", "occurred"), ("talks", "TZA-UGA", "occurred")]),
    ("en", "Kenyan President William Ruto spoke by phone with Ugandan President Yoweri Museveni on Monday about the "
           "fighting in South Sudan.", [("talks", "KEN-UGA", "occurred")]),
    ("ro", "Președinta Tanzaniei, Samia Suluhu Hassan, a avut duminică convorbiri telefonice cu președintele kenyan "
           "William Ruto și cu președintele ugandez Yoweri Museveni.",
     [("talks", "KEN-TZA", "occurred"), ("talks", "TZA-UGA", "occurred")]),
    ("ro", "Kenya și Uganda au convenit să redeschidă punctul de trecere de la Busia. Președinta Tanzaniei, Samia "
           "Suluhu Hassan, a spus că a vorbit sâmbătă la telefon cu ambii lideri.",
     [("talks", "KEN-TZA", "occurred"), ("talks", "TZA-UGA", "occurred")]),
    # "each leader", "fiecare lider": the previous sentence's leaders, met one at a time; "both presidents" all of them
    ("en", "Kenyan President William Ruto and Ugandan President Yoweri Museveni signed a border deal in Nairobi on "
           "Tuesday. Before the ceremony, Tanzanian President Samia Suluhu Hassan met each leader separately.",
     [("summit", "KEN-UGA", "occurred"), ("summit", "KEN-TZA", "occurred"), ("summit", "TZA-UGA", "occurred")]),
    ("ro", "Președintele kenyan William Ruto și președintele ugandez Yoweri Museveni au semnat marți un acord la "
           "Nairobi. Înaintea ceremoniei, președinta Tanzaniei, Samia Suluhu Hassan, s-a întâlnit separat cu fiecare "
           "lider.", [("summit", "KEN-UGA", "occurred"), ("summit", "KEN-TZA", "occurred"),
                      ("summit", "TZA-UGA", "occurred")]),
    ("en", "Kenya and Uganda agreed a truce on Monday. Tanzanian President Samia Suluhu Hassan said she would speak to "
           "both presidents on Thursday.", [("talks", "KEN-TZA-UGA", "planned")]),
    ("ro", "Kenya și Uganda au convenit luni un armistițiu. Președinta Tanzaniei, Samia Suluhu Hassan, a spus că va "
           "vorbi joi cu ambii președinți.", [("talks", "KEN-TZA-UGA", "planned")]),
    # "their last meeting", "ultima lor întâlnire" counts no parties: the latest meeting's, not the latest of two
    ("en", "Kenyan President William Ruto spoke by phone with Tanzanian President Samia Suluhu Hassan on Monday. Ruto "
           "will meet Ugandan President Yoweri Museveni and Rwandan President Paul Kagame in Arusha on Friday. Their "
           "last meeting, in Kampala in March, ended without a deal.",
     [("talks", "KEN-TZA", "occurred"), ("summit", "KEN-RWA-UGA", "planned"), ("summit", "KEN-RWA-UGA", "occurred")]),
    ("ro", "Președintele kenyan William Ruto a vorbit luni la telefon cu președinta Tanzaniei, Samia Suluhu Hassan. Ruto "
           "se va întâlni vineri la Arusha cu președintele ugandez Yoweri Museveni și președintele rwandez Paul Kagame. "
           "Ultima lor întâlnire, la Kampala în martie, s-a încheiat fără un acord.",
     [("talks", "KEN-TZA", "occurred"), ("summit", "KEN-RWA-UGA", "planned"), ("summit", "KEN-RWA-UGA", "occurred")]),
    # a visit that names its visitor is an event of its own, whose parties are not the sentence's subject's
    ("en", "Kenyan and Tanzanian officials held a meeting in Nairobi on Tuesday, on the sidelines of a visit by Ugandan "
           "President Yoweri Museveni to Kenya.", [("talks", "KEN-TZA", "occurred"), ("summit", "KEN-UGA", "occurred")]),
    ("ro", "Oficiali kenyeni și tanzanieni au avut marți o întâlnire la Nairobi, în marja vizitei președintelui ugandez "
           "Yoweri Museveni în Kenya.", [("talks", "KEN-TZA", "occurred"), ("summit", "KEN-UGA", "occurred")]),
    # a pronoun right before the trigger is its subject, not the name another verb governs before it
    ("en", "Kenyan President William Ruto said he will present his plan to Ugandan President Yoweri Museveni when he "
           "travels to Kampala later this month.", [("summit", "KEN-UGA", "planned")]),
    ("ro", "Președintele kenyan William Ruto a spus că îi va prezenta planul președintelui ugandez Yoweri Museveni când "
           "el va călători la Kampala, luna aceasta.", [("summit", "KEN-UGA", "planned")]),
    # a second trip of the same subject after "and" is another meeting, with its own partner and place
    ("en", "Tanzanian Foreign Minister Mahmoud Thabit Kombo held talks with his Kenyan counterpart in Nairobi on Tuesday "
           "and travelled on to Kampala for a similar meeting with Ugandan ministers on Thursday.",
     [("talks", "KEN-TZA", "occurred"), ("talks", "TZA-UGA", "occurred")]),
    ("ro", "Ministrul tanzanian de externe, Mahmoud Thabit Kombo, a avut marți discuții cu omologul său kenyan la Nairobi "
           "și a plecat apoi la Kampala pentru o întâlnire similară cu miniștri ugandezi, joi.",
     [("talks", "KEN-TZA", "occurred"), ("talks", "TZA-UGA", "occurred")]),
    # what did not happen ("without meeting face to face") does not undo the talks held beside it; talks held apart,
    # through mediators, are no summit
    ("en", "On Monday, Kenyan President William Ruto and Ugandan President Yoweri Museveni held eight hours of talks in "
           "Arusha, without meeting face to face.", [("talks", "KEN-UGA", "occurred")]),
    ("ro", "Luni, președintele kenyan William Ruto și președintele ugandez Yoweri Museveni au purtat timp de opt ore "
           "discuții la Arusha, fără să se întâlnească față în față.", [("talks", "KEN-UGA", "occurred")]),
    # "the first round", "prima rundă" of talks told before: another event of their parties
    ("en", "Kenya and Uganda held a second round of border talks in Busia on Tuesday. The first round, held on March 14 "
           "in Malaba, took place in a tense context.", [("talks", "KEN-UGA", "occurred")] * 2),
    ("ro", "Kenya și Uganda au purtat marți la Busia a doua rundă de negocieri privind frontiera. Prima rundă, "
           "desfășurată pe 14 martie la Malaba, a avut loc într-un context tensionat.", [("talks", "KEN-UGA", "occurred")] * 2),
    # "his talks": the subject a sentence opening with "On Monday he" stood for, carried from the sentence before
    ("en", "Kenyan President William Ruto arrived in Dar es Salaam on Sunday. On Monday he held talks with Tanzanian "
           "President Samia Suluhu Hassan at State House. That came a day after his talks with Ugandan President Yoweri "
           "Museveni in Kampala.", [("summit", "KEN-TZA", "occurred"), ("summit", "KEN-TZA", "occurred"),
                                   ("summit", "KEN-UGA", "occurred")]),
    # a signing told in the passive or as a participle is the meeting of its signatories
    ("ro", "Acordul pe care președintele kenyan William Ruto și președintele ugandez Yoweri Museveni l-au semnat la "
           "Arusha pe 10 martie a redus tensiunile.", [("summit", "KEN-UGA", "occurred")]),
    ("en", "The accord was signed on Friday in Arusha by the foreign ministers of Kenya and Uganda, at a ceremony hosted "
           "by Tanzanian President Samia Suluhu Hassan.", [("talks", "KEN-TZA-UGA", "occurred")]),
    # "se mai întâlniseră", "s-au văzut ultima dată": an earlier meeting
    ("ro", "Președintele kenyan William Ruto și președintele ugandez Yoweri Museveni s-au văzut ultima dată în iunie "
           "2019, la Arusha.", [("summit", "KEN-UGA", "occurred")]),
    ("ro", "Ruto și Museveni se mai întâlniseră la Arusha pe 31 august.", [("summit", "KEN-UGA", "occurred")]),
    # "the three countries", "celor patru țări": the latest event of that many parties, not of two
    ("en", "Kenya, Uganda and Tanzania signed a rail pact in Arusha on Monday. Kenyan President William Ruto spoke by "
           "phone with Ugandan President Yoweri Museveni on Tuesday. Foreign ministers of the three countries met in "
           "Kampala on Wednesday.", [("talks", "KEN-TZA-UGA", "occurred"), ("talks", "KEN-UGA", "occurred"),
                                      ("talks", "KEN-TZA-UGA", "occurred")]),
    ("ro", "Kenya, Uganda, Tanzania și Rwanda au semnat luni un acord la Arusha. Ruto a vorbit marți la telefon cu "
           "Museveni. Miniștrii de externe ai celor patru țări s-au reunit miercuri la Kampala.",
     [("talks", "KEN-RWA-TZA-UGA", "occurred"), ("talks", "KEN-UGA", "occurred"),
      ("talks", "KEN-RWA-TZA-UGA", "occurred")]),
    # what a summit will focus on is its topic, not a party
    ("en", "South Korean President Lee Jae-myung will meet Donald Trump at the White House on Monday; the summit is "
           "expected to focus on North Korea.",
     [("summit", "KOR-USA", "planned")]),
    # "their foreign ministers", "miniștrii lor": the previous sentence's states
    ("en", "Kenya, Uganda and Tanzania pledged on Tuesday to build a joint railway. Their foreign ministers met in "
           "Arusha last week.", [("talks", "KEN-TZA-UGA", "occurred")]),
    ("ro", "Kenya, Uganda și Tanzania s-au angajat marți să construiască o cale ferată comună. Miniștrii lor de externe "
           "s-au întâlnit săptămâna trecută la Arusha.", [("talks", "KEN-TZA-UGA", "occurred")]),
    # "the two", "cei doi" as a subject: the previous sentence's leaders; what "cei doi" discussed there is that meeting
    ("en", "Kenyan President William Ruto hosted Ugandan President Yoweri Museveni in Nairobi on Tuesday. The two first "
           "met in Arusha in March, on the sidelines of an East African Community summit.",
     [("summit", "KEN-UGA", "occurred")] * 2),
    ("ro", "Președintele kenyan William Ruto l-a primit marți la Nairobi pe președintele ugandez Yoweri Museveni. Cei doi "
           "s-au întâlnit pentru prima dată în martie la Arusha, în marja unui summit al Comunității Est-Africane.",
     [("summit", "KEN-UGA", "occurred")] * 2),
    ("ro", "Președintele kenyan William Ruto l-a primit marți la Nairobi pe președintele ugandez Yoweri Museveni. Cei doi "
           "au discutat despre securitatea frontierei.", [("summit", "KEN-UGA", "occurred")]),
    # a state visit is a head of state's: a summit with the host
    ("en", "Kenyan President William Ruto began a state visit to Kampala on Monday.", [("summit", "KEN-UGA", "occurred")]),
    ("ro", "Președintele kenyan William Ruto a început luni o vizită de stat la Kampala.",
     [("summit", "KEN-UGA", "occurred")]),
    # a verb of striking with an air weapon as its means: an air attack, whoever (state or not) struck
    # "next to the airport" is a place, no plan
    ("en", "Ugandan drones targeted an air base next to Kisumu airport on Monday.", [("air_attack", "KEN-UGA", "occurred")]),
    # one missile or drone as the subject of a verb of striking, in both languages
    ("en", "A Ugandan ballistic missile hit Kisumu on Tuesday.", [("air_attack", "KEN-UGA", "occurred")]),
    ("en", "A Ugandan drone struck the port area of Kisumu on Tuesday.", [("air_attack", "KEN-UGA", "occurred")]),
    # "a missile launched from Uganda struck" is an attack, "a missile launch" none
    ("en", "A missile launched from Uganda struck Kisumu.", [("air_attack", "KEN-UGA", "occurred")]),
    ("en", "Uganda conducted a missile launch on Tuesday.", []),
    ("ro", "O rachetă balistică ugandeză a lovit marți Kisumu.", [("air_attack", "KEN-UGA", "occurred")]),
    # the nationality of the weapons within the attack words is the attacker's, whoever else the sentence names
    ("ro", "Liderul american se referea la atacul de miercuri, când rachete balistice și drone ugandeze au lovit "
           "Kisumu, ucigând 12 oameni.", [("air_attack", "KEN-UGA", "occurred")]),
    # the agent of a passive attack verb is its weapon: artillery is no air attack
    ("ro", "Orașul Kisumu este bombardat zilnic de artileria ugandeză.", []),
    ("ro", "Orașul Kisumu a fost bombardat marți de aviația ugandeză.", [("air_attack", "KEN-UGA", "occurred")]),
    # a town of the offline list as the subject of a passive attack verb
    ("ro", "Kisumu a fost lovit marți de drone ugandeze.", [("air_attack", "KEN-UGA", "occurred")]),
    ("en", "Kisumu was hit by Ugandan drones on Tuesday.", [("air_attack", "KEN-UGA", "occurred")]),
    # a city of the offline list by its whole name, not a town named by its first word ("Dar" in Cambodia)
    ("en", "Kenyan President William Ruto arrived in Dar es Salaam on Tuesday.", [("summit", "KEN-TZA", "occurred")]),
    ("ro", "Dar es Salaam a fost lovit marți de drone ugandeze.", [("air_attack", "TZA-UGA", "occurred")]),
    # a town of the offline list after the verb and a day ("au lovit marți Kisumu")
    ("ro", "Rachete ugandeze au lovit marți Kisumu.", [("air_attack", "KEN-UGA", "occurred")]),
    ("en", "Kenyan army warplanes bombed the town of Wajir on Tuesday, while the militants hit back overnight with a "
           "swarm of drones on the Garissa power station.", [("air_attack", "KEN", "occurred")] * 2),
    ("ro", "Avioanele armatei kenyene au bombardat marți orașul Wajir, iar militanții au ripostat peste noapte cu un roi "
           "de drone asupra centralei electrice din Garissa.", [("air_attack", "KEN", "occurred")] * 2),
    # an attack by armed men on the ground is no air attack, whatever country the sentence names; armed men killed by
    # drones, or an attack by drones, stay one
    ("en", "A Kenyan police officer was killed on Friday in an attack by a group of some twenty armed men near Mandera, "
           "close to a Ugandan aid convoy.", []),
    ("ro", "Un polițist kenyan a fost ucis vineri într-un atac comis de un grup de circa douăzeci de bărbați înarmați "
           "lângă Mandera, în apropierea unui convoi umanitar ugandez.", []),
    ("ro", "Un polițist kenyan a fost ucis vineri în atacul unor bărbați înarmați lângă Mandera, în apropierea unui "
           "convoi umanitar ugandez.", []),
    ("en", "Gunmen attacked a Kenyan border post near Mandera on Friday.", []),
    ("ro", "Bărbați înarmați au atacat vineri un post de frontieră kenyan de lângă Mandera.", []),
    ("en", "Ugandan drones struck Kisumu on Friday, killing three armed men.", [("air_attack", "KEN-UGA", "occurred")]),
    ("ro", "Drone ugandeze au lovit vineri Kisumu, ucigând trei bărbați înarmați.", [("air_attack", "KEN-UGA", "occurred")]),
    ("en", "A drone attack by Ugandan forces hit Kisumu on Friday.", [("air_attack", "KEN-UGA", "occurred")]),
    # aircraft sent to strike: the strike happened; threatened, it is none
    ("en", "Uganda sent fighter jets to bomb Kenyan army positions near Lodwar on Tuesday.",
     [("air_attack", "KEN-UGA", "occurred")]),
    ("ro", "Uganda a trimis marți avioane de luptă să bombardeze poziții ale armatei kenyene de lângă Lodwar.",
     [("air_attack", "KEN-UGA", "occurred")]),
    ("en", "Uganda threatened to send fighter jets to bomb Kisumu if the raids continued.", []),
    ("ro", "Uganda a amenințat că va trimite avioane de luptă să bombardeze Kisumu dacă raidurile continuă.", []),
    ("ro", "Un atac cu drone lansat de forțele ugandeze a lovit vineri Kisumu.", [("air_attack", "KEN-UGA", "occurred")]),
    # an air force or aircraft that targeted a place, air weapons sent or launched at it, districts of a town hit
    ("en", "The Ugandan air force targeted a district of Kisumu on Tuesday.", [("air_attack", "KEN-UGA", "occurred")]),
    ("ro", "Aviația ugandeză a vizat marți mai multe cartiere din Kisumu.", [("air_attack", "KEN-UGA", "occurred")]),
    ("en", "Ugandan drones were sent on Tuesday against camps near Kisumu.", [("air_attack", "KEN-UGA", "occurred")]),
    ("ro", "Alte drone ugandeze au fost trimise asupra unor tabere de lângă Kisumu.",
     [("air_attack", "KEN-UGA", "occurred")]),
    ("ro", "Drone ugandeze au fost lansate marți asupra orașului Kisumu.", [("air_attack", "KEN-UGA", "occurred")]),
    ("en", "Ugandan warplanes struck several neighbourhoods of Kisumu on Tuesday.",
     [("air_attack", "KEN-UGA", "occurred")]),
    ("en", "Uganda said its drones would be sent against the camps near Kisumu if the raids went on.", []),
    # aircraft that carried out raids: from the air; raids of troops on the ground are none
    ("en", "The Ugandan air force carried out a series of raids on Kisumu on Tuesday.",
     [("air_attack", "KEN-UGA", "occurred")]),
    ("ro", "Aviația ugandeză a efectuat marți o serie de raiduri asupra orașului Kisumu.",
     [("air_attack", "KEN-UGA", "occurred")]),
    ("ro", "Avioane ugandeze au lansat marți cele mai puternice raiduri asupra orașului Kisumu.",
     [("air_attack", "KEN-UGA", "occurred")]),
    ("en", "Ugandan commandos carried out raids on villages near Kisumu on Tuesday.", []),
    ("ro", "Comandouri ugandeze au efectuat marți raiduri în satele de lângă Kisumu.", []),
    # the words a phrase may skip ("spoke ... with") never begin a time reference: the meeting after which someone
    # spoke is the event, not a talk with whoever it names
    ("en", "Ruto spoke to reporters after a meeting with Museveni in Kampala on Monday.",
     [("summit", "KEN-UGA", "occurred")]),
    ("ro", "Ruto a vorbit după o întrevedere cu Museveni, luni, la Kampala.", [("summit", "KEN-UGA", "occurred")]),
    ("en", "Ruto spoke at length with Museveni by phone on Monday.", [("talks", "KEN-UGA", "occurred")]),
    ("ro", "Ruto a vorbit luni la telefon cu Museveni.", [("talks", "KEN-UGA", "occurred")]),
    # people of a country who are not its state (refugees, nationals, workers abroad) make it no party
    ("en", "A drone strike on a camp near Gondar killed three Eritrean refugees.", [("air_attack", "ETH", "occurred")]),
    ("ro", "O lovitură cu drona asupra unei tabere de lângă Gondar a ucis trei refugiați eritreeni.",
     [("air_attack", "ETH", "occurred")]),
    ("en", "The Kenyan and Ugandan foreign ministers met in Kampala on Tuesday to discuss the return of Somali "
           "refugees.", [("talks", "KEN-UGA", "occurred")]),
    ("ro", "Miniștrii de externe kenyan și ugandez s-au întâlnit marți la Kampala pentru a discuta întoarcerea "
           "refugiaților somalezi.", [("talks", "KEN-UGA", "occurred")]),
    # air weapons bought, sold or built are not fired
    ("en", "Kenya's army has acquired Turkish drones during the war in Tigray.", []),
    ("ro", "Armata kenyană a achiziționat drone turcești în timpul războiului din Tigray.", []),
    ("en", "Ethiopia built its drone fleet during the war in Tigray, buying Turkish drones.", []),
    ("ro", "Etiopia și-a construit flota în timpul războiului din Tigray, cumpărând drone turcești.", []),
    # strikes counted over a span since a month, a year or an event are a campaign, not one attack; one night's
    # attack compared with those since then is one
    ("en", "Uganda has fired hundreds of rockets and drones at Kenyan towns since the collapse of the truce in March.",
     []),
    ("ro", "Uganda a lansat sute de rachete și drone asupra orașelor kenyene de la prăbușirea armistițiului din martie.",
     []),
    ("en", "Uganda has launched thousands of drones at Kenyan towns since January, the Kenyan army said.", []),
    ("ro", "Uganda a lansat mii de drone asupra orașelor kenyene din ianuarie încoace, potrivit armatei kenyene.", []),
    ("en", "Ugandan drones struck Kisumu overnight, the heaviest attack since March.",
     [("air_attack", "KEN-UGA", "occurred")]),
    ("ro", "Drone ugandeze au lovit Kisumu în timpul nopții, cel mai puternic atac din martie încoace.",
     [("air_attack", "KEN-UGA", "occurred")]),
    # a call told in the Romanian pluperfect, beside a meeting still ahead that it discussed
    ("ro", "Ruto și Museveni vorbiseră ultima oară la telefon pe 19 august, când au discutat și viitoarea întâlnire.",
     [("talks", "KEN-UGA", "occurred")]),
    ("en", "Ruto and Museveni had last spoken by phone on August 19, when they also discussed the upcoming meeting.",
     [("talks", "KEN-UGA", "occurred")]),
    # general openness to dialogue offers no meeting; an offer of a concrete round does
    ("en", "Uganda said it remained open to dialogue with Kenya.", []),
    ("ro", "Uganda a spus că rămâne deschisă la dialog cu Kenya.", []),
    ("en", "Uganda said it was ready to hold talks with Kenya in Arusha next week.", [("talks", "KEN-UGA", "planned")]),
    # a missile fired into the sea, one of a barrage of launches, hit nothing
    ("en", "Uganda fired a ballistic missile into the sea on Thursday, part of a barrage of launches that prompted Kenya "
           "to urge residents of Kisumu to take shelter.", []),
    ("ro", "Uganda a lansat joi o rachetă balistică în mare, parte a unei serii de lansări care a determinat Kenya să "
           "ceară locuitorilor din Kisumu să se adăpostească.", []),
    # a possessive of the talks stands for the previous sentence's subject (after the noun in Romanian)
    ("ro", "Ruto a revenit marți la Nairobi. Vizita a venit la o zi după discuțiile sale cu Museveni de la Kampala.",
     [("summit", "KEN-UGA", "occurred")]),
    ("en", "Ruto returned to Nairobi on Tuesday. The visit came a day after his talks with Museveni in Kampala.",
     [("summit", "KEN-UGA", "occurred")]),
    # a region of Somalia named after the Juba river is not South Sudan's capital
    ("en", "Kenyan jets struck al-Shabaab camps in Somalia's Middle Juba region on Tuesday.",
     [("air_attack", "KEN-SOM", "occurred")]),
    ("ro", "Avioane kenyene au lovit marți tabere ale al-Shabaab din regiunea Juba de Mijloc.",
     [("air_attack", "KEN-SOM", "occurred")]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), UNSEEN_KINDS, ids=[c[1][:40] for c in UNSEEN_KINDS])
def test_kinds_seen_in_unseen_articles(lang, text, expected):
    assert summary(run(text, lang)) == sorted(expected)


# an airport or air base named by its town ("the airport of Lodwar", "aeroportul din Lodwar"): the town was hit
AIRPORTS = [
    ("en", "Ugandan warplanes bombed the airport of Lodwar on Tuesday."),
    ("en", "Ugandan drones struck the air base of Lodwar on Tuesday."),
    ("ro", "Avioane ugandeze au bombardat marți aeroportul din Lodwar."),
    ("ro", "Drone ugandeze au lovit marți baza aeriană de la Lodwar."),
]


@pytest.mark.parametrize(("lang", "text"), AIRPORTS)
def test_an_airport_named_by_its_town_is_the_place_hit(lang, text):
    evs = run(text, lang)
    assert [(e.event_type, e.countries, e.location_name) for e in evs] == [("air_attack", ("KEN", "UGA"), "Lodwar")]


# a meeting with no place of its own, where someone met others the same day: there too
COMPANY_PLACES = [
    ("en", "Kenyan President William Ruto and Ugandan President Yoweri Museveni met in Arusha on Thursday. Later that "
           "day Ruto also held talks with Tanzanian President Samia Suluhu Hassan."),
    ("ro", "Președintele kenyan William Ruto și președintele ugandez Yoweri Museveni s-au întâlnit joi la Arusha. În "
           "aceeași zi, Ruto a avut discuții și cu președinta Tanzaniei, Samia Suluhu Hassan."),
]


@pytest.mark.parametrize(("lang", "text"), COMPANY_PLACES)
def test_a_meeting_takes_the_place_where_its_people_met_that_day(lang, text):
    evs = run(text, lang)
    assert sorted((e.countries, e.location_name) for e in evs) == [(("KEN", "TZA"), "Arusha"), (("KEN", "UGA"), "Arusha")]


# an event told with no date beside a time reference to a dated one: the day of that one (a reference is never the
# event of its own sentence, so "After the meeting, Ruto spoke by phone" is a call after the ministers' meeting)
DATES_BY_REFERENCE = [
    ("en", "The foreign ministers of Kenya and Uganda met in Nairobi on Tuesday. Before the meeting, the Kenyan "
           "minister held talks with his Tanzanian counterpart.", "2025-06-10"),
    ("en", "The foreign ministers of Kenya and Uganda met in Nairobi on Tuesday. After the meeting, Ruto spoke by "
           "phone with Tanzanian President Samia Suluhu Hassan.", "2025-06-10"),
    ("en", "The foreign ministers of Kenya and Uganda met in Nairobi on Tuesday. A day before the meeting, Ruto spoke "
           "by phone with Tanzanian President Samia Suluhu Hassan.", "2025-06-09"),
    ("ro", "Miniștrii de externe ai Keniei și Ugandei s-au întâlnit marți la Nairobi. Înaintea întâlnirii, ministrul "
           "kenyan a avut convorbiri cu omologul său tanzanian.", "2025-06-10"),
    ("ro", "Miniștrii de externe ai Keniei și Ugandei s-au întâlnit marți la Nairobi. După întâlnire, Ruto a vorbit "
           "la telefon cu președinta Tanzaniei, Samia Suluhu Hassan.", "2025-06-10"),
    ("ro", "Miniștrii de externe ai Keniei și Ugandei s-au întâlnit marți la Nairobi. Cu o zi înaintea întâlnirii, "
           "Ruto a vorbit la telefon cu președinta Tanzaniei, Samia Suluhu Hassan.", "2025-06-09"),
]


@pytest.mark.parametrize(("lang", "text", "iso"), DATES_BY_REFERENCE)
def test_an_undated_event_takes_the_day_of_the_event_it_is_told_against(lang, text, iso):
    evs = run(text, lang, date(2025, 6, 12))
    assert sorted((e.countries, str(e.date)) for e in evs) == [(("KEN", "TZA"), iso), (("KEN", "UGA"), "2025-06-10")]


# a clause that "after" / "după ce" opens tells another event, the time of its sentence's, however long its subject
REFERENCE_CLAUSES = [
    ("en", "Ruto met Museveni in Kampala on Tuesday. The meeting came two days after Tanzanian President Samia Suluhu "
           "Hassan telephoned Ruto."),
    ("ro", "Ruto s-a întâlnit marți cu Museveni la Kampala. Întâlnirea a avut loc la două zile după ce președinta "
           "Tanzaniei, Samia Suluhu Hassan, l-a sunat pe Ruto."),
]


@pytest.mark.parametrize(("lang", "text"), REFERENCE_CLAUSES)
def test_a_clause_opened_by_after_is_another_event_told_as_a_time(lang, text):
    evs = run(text, lang, date(2025, 6, 12))
    assert sorted((e.countries, str(e.date)) for e in evs) == [(("KEN", "TZA"), "2025-06-08"),
                                                              (("KEN", "UGA"), "2025-06-10")]


SIDELINES = [
    ("en", "Leaders of the African Union met in Addis Ababa on Tuesday for their annual summit. On the sidelines of the "
           "summit, Ruto and Museveni held a separate meeting on the border dispute."),
    ("ro", "Liderii Uniunii Africane s-au reunit marți la Addis Abeba pentru summitul lor anual. În marja summitului, "
           "Ruto și Museveni au avut o întrevedere separată despre disputa de frontieră."),
]


@pytest.mark.parametrize(("lang", "text"), SIDELINES)
def test_a_meeting_on_the_sidelines_of_a_summit_is_held_during_it(lang, text):
    bilateral = [e for e in run(text, lang, date(2025, 6, 12)) if e.sentence.startswith(("On the", "În marja"))]
    assert [(e.countries, str(e.date)) for e in bilateral] == [(("KEN", "UGA"), "2025-06-10")]


# "there" / "acolo": the place named before it in the sentence, else in the previous one; a meeting on the sidelines
# of a summit: where the summit is
PLACES_BY_REFERENCE = [
    ("en", "Kenyan President William Ruto flew to Arusha on Monday. There he held talks with Ugandan President Yoweri "
           "Museveni.", ("KEN", "UGA"), "Arusha"),
    ("en", "Ruto was in Arusha for the East African summit, and there he met Museveni on Friday.", ("KEN", "UGA"),
     "Arusha"),
    ("ro", "Președintele kenyan William Ruto a sosit luni la Arusha. Acolo s-a întâlnit cu președintele ugandez Yoweri "
           "Museveni.", ("KEN", "UGA"), "Arusha"),
    ("en", "African Union leaders opened a two-day summit in Addis Ababa on Saturday. On the sidelines of the summit, "
           "Kenyan President William Ruto met Ugandan President Yoweri Museveni.", ("KEN", "UGA"), "Addis Ababa"),
    ("ro", "Liderii Uniunii Africane au deschis sâmbătă la Addis Abeba un summit de două zile. În marja summitului, "
           "președintele kenyan William Ruto s-a întâlnit cu președintele ugandez Yoweri Museveni.", ("KEN", "UGA"),
     "Addis Ababa"),
    # "the capital" with no name: of the country named right after it, of a place named before it in the sentence,
    # of the dateline's country
    ("en", "KHARTOUM, May 4 - Drones struck a power station in the capital on Sunday, officials said.", ("SDN",),
     "Khartoum"),
    ("ro", "KIEV, 4 februarie – Rachete rusești și drone au lovit peste noapte două centrale electrice din capitală, au "
           "anunțat autoritățile.", ("RUS", "UKR"), "Kyiv"),
    ("en", "Kenyan President William Ruto arrived in Uganda on Monday and held talks with Yoweri Museveni in the capital "
           "on Tuesday.", ("KEN", "UGA"), "Kampala"),
    ("ro", "Președintele kenyan William Ruto a avut marți, în capitala ugandeză, convorbiri cu Yoweri Museveni.",
     ("KEN", "UGA"), "Kampala"),
]


@pytest.mark.parametrize(("lang", "text", "countries", "place"), PLACES_BY_REFERENCE)
def test_a_place_told_by_reference(lang, text, countries, place):
    assert {e.countries: e.location_name for e in run(text, lang)}[countries] == place


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Kenyan President William Ruto and Ugandan President Yoweri Museveni are both due in Addis Ababa on Saturday. "
           "But Kenya's foreign ministry ruled out a meeting between the two."),
    ("ro", "Președintele kenyan William Ruto și președintele ugandez Yoweri Museveni sunt așteptați sâmbătă la Addis "
           "Abeba. Ministerul kenyan de externe a exclus însă o întâlnire între cei doi."),
])
def test_between_the_two_stands_for_the_previous_subjects(lang, text):
    assert ("cancelled", ("KEN", "UGA")) in {(e.status, e.countries) for e in run(text, lang)}


def test_outside_the_capital_is_not_in_it():
    text = ("MOSCOW, July 8 - Indian Prime Minister Narendra Modi arrived in Moscow on Monday and was welcomed by "
            "Vladimir Putin for a dinner at his residence outside the capital.")
    assert [e.location_name for e in run(text, "en")] == ["Moscow"]


def test_there_of_there_were_is_no_place():
    evs = run("Kenya and Uganda met in Arusha in May. There were talks between Kenya and Uganda again on Friday.", "en")
    assert [e.location_name for e in evs if e.date_text == "on Friday"] == [None]


def test_a_call_takes_no_place_from_company():
    text = ("Kenyan President William Ruto and Ugandan President Yoweri Museveni met in Arusha on Thursday. Later that "
            "day Ruto also spoke by phone with Tanzanian President Samia Suluhu Hassan.")
    places = {e.countries: e.location_name for e in run(text, "en")}
    assert places == {("KEN", "UGA"): "Arusha", ("KEN", "TZA"): None}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Ugandan army warplanes bombed the Ituri town of Bunia on Tuesday, residents said."),
    ("ro", "Avioane ale armatei ugandeze au bombardat marți orașul Bunia, din provincia Ituri, au spus localnicii."),
])
def test_the_town_named_in_the_region_hit_is_the_place(lang, text):
    # "the Darfur city of Nyala": the town, not the region that holds it
    assert [e.location_name for e in run(text, lang)] == ["Bunia"]


# the date in the trigger's own stretch of the clause, not one across a comma or after "since"
OWN_STRETCH_DATES = [
    ("en", "Chinese Foreign Minister Wang Yi, who arrived in Thailand on Friday, is due to call on Thai Prime Minister "
           "Srettha Thavisin in Bangkok on Monday.", "2025-09-08"),
    ("en", "South Korean President Lee Jae-myung flies on Sunday to Washington, where he is due to meet Donald Trump at "
           "the White House on Monday.", "2025-09-08"),
    ("ro", "Aliev, care a sosit vineri la Ankara, urmează să se întâlnească luni cu Erdogan la palatul prezidențial.",
     "2025-09-08"),
    ("en", "Iranian and Turkish diplomats held talks in Istanbul on Tuesday, their first meeting since the war in June.",
     "2025-09-02"),
]


@pytest.mark.parametrize(("lang", "text", "iso"), OWN_STRETCH_DATES, ids=[c[1][:40] for c in OWN_STRETCH_DATES])
def test_date_of_the_triggers_own_stretch(lang, text, iso):
    evs = run(text, lang)
    assert len(evs) == 1 and evs[0].date.isoformat() == iso


def test_a_capital_in_apposition_is_the_place_hit():
    # "in the capital, Kyiv": the city hit, not the government's seat read as the attacker
    (ev,) = run("Missiles hit energy infrastructure in the capital, Kyiv, on Monday, where debris fell on homes.", "en")
    assert ev.location_name == "Kyiv" and [(a.name, a.role) for a in ev.actors if a.role == "initiator"] == []


@pytest.mark.parametrize(("published", "etype"), [(date(2022, 6, 1), "summit"), (date(2025, 6, 1), "talks")])
def test_a_persons_offices_are_those_of_the_publication_year(published, etype):
    # Ignazio Cassis was President of the Swiss Confederation in 2022 only, foreign minister before and after
    evs = run("Moldovan President Maia Sandu met Ignazio Cassis in Chisinau on Monday.", "en", published)
    assert summary(evs) == [(etype, "CHE-MDA", "occurred")]


# "a day earlier", "a doua zi": a day before or after the previous dated report; a pronoun a few words before the
# trigger ("A day earlier he was in Kampala for talks") is the previous sentence's subject
DAY_SHIFTS = [
    ("en", "Kenyan President William Ruto arrived in Nairobi on Tuesday. A day earlier he was in Kampala for talks with "
           "Ugandan President Yoweri Museveni.", ("summit", "KEN-UGA", "2025-06-09")),
    ("ro", "Președintele kenyan William Ruto a ajuns marți la Nairobi. Cu o zi înainte, el fusese la Kampala pentru "
           "discuții cu președintele ugandez Yoweri Museveni.", ("summit", "KEN-UGA", "2025-06-09")),
    ("en", "Kenyan President William Ruto met Ugandan President Yoweri Museveni in Nairobi on Tuesday. The next day Ruto "
           "spoke by phone with Tanzanian President Samia Suluhu Hassan.", ("talks", "KEN-TZA", "2025-06-11")),
    ("ro", "Președintele kenyan William Ruto s-a întâlnit marți la Nairobi cu președintele ugandez Yoweri Museveni. A "
           "doua zi, Ruto a vorbit la telefon cu președinta Tanzaniei, Samia Suluhu Hassan.",
     ("talks", "KEN-TZA", "2025-06-11")),
    # "the same day" after a sentence that names a day but no event: that day ("Kenya announced the reopening on
    # Wednesday. The same day, ..."), never a day ahead for what has happened
    ("en", "Kenya announced the reopening of the border on Wednesday. The same day, Ruto spoke by phone with Tanzanian "
           "President Samia Suluhu Hassan.", ("talks", "KEN-TZA", "2025-06-04")),
    ("ro", "Kenya a anunțat miercuri redeschiderea frontierei. În aceeași zi, Ruto a vorbit la telefon cu președinta "
           "Tanzaniei, Samia Suluhu Hassan.", ("talks", "KEN-TZA", "2025-06-04")),
    ("en", "Kenya said the border would reopen on June 20. The same day, Ruto spoke by phone with Tanzanian "
           "President Samia Suluhu Hassan.", ("talks", "KEN-TZA", "2025-06-10")),
    # days counted: "three days earlier", "două zile mai târziu"
    ("en", "Kenyan President William Ruto met Ugandan President Yoweri Museveni in Nairobi on Tuesday. Three days "
           "earlier, Ruto had spoken by phone with Tanzanian President Samia Suluhu Hassan.",
     ("talks", "KEN-TZA", "2025-06-07")),
    ("ro", "Președintele kenyan William Ruto s-a întâlnit luni la Nairobi cu președintele ugandez Yoweri Museveni. Două "
           "zile mai târziu, Ruto a vorbit la telefon cu președinta Tanzaniei, Samia Suluhu Hassan.",
     ("talks", "KEN-TZA", "2025-06-11")),
]


@pytest.mark.parametrize(("lang", "text", "expected"), DAY_SHIFTS, ids=[c[1][-40:] for c in DAY_SHIFTS])
def test_a_day_before_or_after_the_previous_report(lang, text, expected):
    kind, countries, iso = expected
    evs = [e for e in run(text, lang, published=date(2025, 6, 10)) if e.event_type == kind]
    assert [("-".join(e.countries), e.date.isoformat() if e.date else None) for e in evs] == [(countries, iso)]


# "the same city", "același oraș": the place named last before, in the previous sentence or, when it names none, in
# the latest earlier sentence with an event word; bombs as the subject of a verb of striking
SAME_PLACE = [
    ("en", "Kenyan jets struck Kampala on Wednesday. Footage showed collapsed buildings and people digging with their "
           "hands. On Tuesday, several bombs hit a crowded district of the same city."),
    ("ro", "Avioane kenyene au lovit miercuri orașul Kampala. Imaginile difuzate de televiziuni arată clădiri "
           "prăbușite. Marți, mai multe bombe au lovit un cartier dens populat din același oraș."),
    ("en", "Kenyan jets struck Kampala on Wednesday. On Tuesday, several bombs hit a crowded district of the same city."),
    ("ro", "Avioane kenyene au lovit miercuri orașul Kampala. Marți, mai multe bombe au lovit un cartier dens populat "
           "din același oraș."),
]


@pytest.mark.parametrize(("lang", "text"), SAME_PLACE, ids=[c[1][-40:] for c in SAME_PLACE])
def test_the_same_city_is_the_one_named_before(lang, text):
    evs = run(text, lang, published=date(2025, 6, 10))
    assert sorted((e.date.isoformat(), e.location_name) for e in evs) == [("2025-06-04", "Kampala"),
                                                                          ("2025-06-10", "Kampala")]


# "the city", "asupra orașului": the city named before, never a country named in between ("Kenya fired ... at the city")
THE_CITY = [
    ("en", "Kenyan artillery shelled the outskirts of Kampala on Monday. On Tuesday, Kenya fired ballistic missiles at "
           "the city."),
    ("ro", "Artileria kenyană a bombardat luni periferia Kampalei. Marți, Kenya a tras rachete balistice asupra "
           "orașului."),
]


@pytest.mark.parametrize(("lang", "text"), THE_CITY, ids=[c[1][-30:] for c in THE_CITY])
def test_the_city_is_the_one_named_before(lang, text):
    (ev,) = run(text, lang, published=date(2025, 6, 10))
    assert (ev.event_type, "-".join(ev.countries), ev.location_name) == ("air_attack", "KEN-UGA", "Kampala")


# an event named with the definite article ("the talks", "convorbirile", "the missiles") is one told before: its date
# and place join it; the first told, it is the talks of the previous sentence's subjects
DEFINITE_REFERENCES = [
    ("en", "Kenyan President William Ruto said he had held talks with Ugandan President Yoweri Museveni. The talks took "
           "place in Mombasa on Sunday.", ("summit", "KEN-UGA", "occurred", "2025-06-08", "Mombasa")),
    ("ro", "Președintele kenyan William Ruto a spus că a avut convorbiri cu președintele ugandez Yoweri Museveni. "
           "Convorbirile au avut loc duminică la Mombasa.", ("talks", "KEN-UGA", "occurred", "2025-06-08", "Mombasa")),
    ("en", "Kenyan Foreign Minister Musalia Mudavadi will travel to Kampala to meet his Ugandan counterpart. The talks "
           "are due to take place on Friday.", ("talks", "KEN-UGA", "planned", "2025-06-13", "Kampala")),
    ("ro", "Ministrul kenyan de externe Musalia Mudavadi va merge la Kampala pentru a se întâlni cu omologul său "
           "ugandez. Negocierile ar urma să aibă loc vineri.", ("talks", "KEN-UGA", "planned", "2025-06-13", "Kampala")),
    ("en", "Ugandan jets struck rebel camps near Kisangani, the army said. The missiles slammed into a training ground "
           "on Sunday afternoon, killing 12 people.", ("air_attack", "COD-UGA", "occurred", "2025-06-08", "Kisangani")),
    ("ro", "Avioane ugandeze au lovit tabere ale rebelilor lângă Kisangani, a anunțat armata. Rachetele au lovit un "
           "teren de instrucție duminică după-amiază.", ("air_attack", "COD-UGA", "occurred", "2025-06-08", "Kisangani")),
    ("en", "Kenyan President William Ruto and Ugandan President Yoweri Museveni agreed to reopen the border. The talks "
           "took place in Mombasa on Sunday.", ("summit", "KEN-UGA", "occurred", "2025-06-08", "Mombasa")),
    ("ro", "Președintele kenyan William Ruto și președintele ugandez Yoweri Museveni au convenit să redeschidă "
           "frontiera. Convorbirile au avut loc duminică la Mombasa.",
     ("talks", "KEN-UGA", "occurred", "2025-06-08", "Mombasa")),
]


@pytest.mark.parametrize(("lang", "text", "expected"), DEFINITE_REFERENCES, ids=[c[1][-40:] for c in DEFINITE_REFERENCES])
def test_an_event_named_with_the_definite_article_is_one_told_before(lang, text, expected):
    (ev,) = run(text, lang, published=date(2025, 6, 10))
    assert (ev.event_type, "-".join(ev.countries), ev.status, ev.date.isoformat(), ev.location_name) == expected


def test_the_talks_with_no_event_before_and_no_subjects_are_nothing():
    assert run("The talks took place in Mombasa on Sunday.", "en", published=date(2025, 6, 10)) == []


# a host bringing leaders together, an ambassador summoned, a conference of states (its subject no party), a hope to
# meet or receive someone (planned), a second thing said ("și că ...") that does not govern the event before it
GATHERINGS = [
    ("en", "Tanzanian President Samia Suluhu Hassan brought together the Kenyan and Ugandan leaders in Arusha on "
           "Monday.", [("summit", "KEN-TZA-UGA", "occurred")]),
    ("ro", "Președinta Tanzaniei, Samia Suluhu Hassan, i-a reunit luni la Arusha pe liderii Kenyei și Ugandei.",
     [("summit", "KEN-TZA-UGA", "occurred")]),
    ("en", "Kenya's foreign ministry summoned Uganda's ambassador on Tuesday over the border incident.",
     [("talks", "KEN-UGA", "occurred")]),
    ("ro", "Ministerul kenyan de Externe l-a convocat marți pe ambasadorul Ugandei, în urma incidentului de la "
           "frontieră.", [("talks", "KEN-UGA", "occurred")]),
    ("en", "Kenya will host an international conference on Somalia in Nairobi next month, with Uganda and Ethiopia "
           "attending.", [("talks", "ETH-KEN-UGA", "planned")]),
    ("ro", "Kenya va găzdui luna viitoare la Nairobi o conferință internațională privind Somalia, la care vor participa "
           "Uganda și Etiopia.", [("talks", "ETH-KEN-UGA", "planned")]),
    ("ro", "Ruto speră să-l primească pe Museveni la Nairobi în august.", [("summit", "KEN-UGA", "planned")]),
    ("ro", "Ruto a declarat ca spera sa il intalneasca din nou pe Museveni in noiembrie, la Addis Abeba.",
     [("summit", "KEN-UGA", "planned")]),
    ("en", "Ruto said he hoped to meet Museveni again in November in Addis Ababa.", [("summit", "KEN-UGA", "planned")]),
    ("ro", "Președintele kenyan a spus vineri că este dezamăgit de discuția cu Museveni și că liderul ugandez nu vrea "
           "să cedeze.", [("talks", "KEN-UGA", "occurred")]),
    # a news conference is no conference of states
    ("en", "Kenyan President William Ruto held a news conference on Tuesday with no word on Uganda.", []),
]


@pytest.mark.parametrize(("lang", "text", "expected"), GATHERINGS, ids=[c[1][:40] for c in GATHERINGS])
def test_gatherings_summons_and_hopes(lang, text, expected):
    assert summary(run(text, lang)) == sorted(expected)


# a state's armed forces named without its nationality; missiles fired into the sea; a launch told with a long time
# phrase before its missiles; a host "was hosting"; what a meeting is "devoted to" is no party
FORCES_AND_HOSTS = [
    ("ro", "Gărzile Revoluționare au lovit luni cu rachete balistice orașul Erbil.", [("air_attack", "IRN-IRQ", "occurred")]),
    ("en", "The Revolutionary Guards fired ballistic missiles at Erbil on Monday.", [("air_attack", "IRN-IRQ", "occurred")]),
    ("en", "The PLA fired missiles into waters near Taiwan on Thursday.", []),
    ("ro", "Armata Populară de Eliberare a lansat joi rachete în apele din jurul Taiwanului.", []),
    ("ro", "Kenya a lansat în noaptea de joi spre vineri 40 de rachete de croazieră asupra orașului Kampala.",
     [("air_attack", "KEN-UGA", "occurred")]),
    ("en", "Kenya launched overnight on Thursday some forty cruise missiles at the city of Kampala.",
     [("air_attack", "KEN-UGA", "occurred")]),
    ("ro", "Ruto a dat ordinul în timp ce îl găzduia pe omologul său ugandez Yoweri Museveni la Mombasa, unde cei doi "
           "lideri au început joi o întâlnire de două zile dedicată comerțului și Somaliei.",
     [("summit", "KEN-UGA", "occurred")]),
    ("en", "Ruto gave the order while he was hosting his Ugandan counterpart Yoweri Museveni in Mombasa, where the two "
           "leaders began on Thursday a two-day meeting devoted to trade and Somalia.",
     [("summit", "KEN-UGA", "occurred")]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), FORCES_AND_HOSTS, ids=[c[1][:40] for c in FORCES_AND_HOSTS])
def test_armed_forces_sea_launches_hosts_and_topics(lang, text, expected):
    assert summary(run(text, lang)) == sorted(expected)


@pytest.mark.parametrize(("lang", "text"), [
    ("ro", "Președintele kenyan William Ruto și președintele ugandez Yoweri Museveni s-au întâlnit sâmbătă la Arusha. "
           "Potrivit unui comunicat al guvernului de la Kampala, cei doi lideri au convenit să continue negocierile."),
    ("en", "Kenyan President William Ruto and Ugandan President Yoweri Museveni met in Arusha on Saturday. According to "
           "a statement from the government in Dodoma, the two leaders agreed to continue negotiations."),
])
def test_where_a_statement_came_from_is_no_venue(lang, text):
    assert {e.location_name for e in run(text, lang) if e.status == "planned"} == {None}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "UN envoy Martin Griffiths held talks with Houthi leaders in Sanaa on Monday.", [("talks", "YEM", "occurred")]),
    ("ro", "Emisarul ONU Martin Griffiths a avut luni discuții cu liderii houthi la Sanaa.", [("talks", "YEM", "occurred")]),
    ("en", "Abdoulaye Bathily met Libyan Prime Minister Abdul Hamid Dbeibah in Tripoli on Sunday.",
     [("talks", "LBY", "occurred")]),
])
def test_an_envoy_of_an_organisation_is_the_other_side(lang, text, expected):
    assert summary(run(text, lang)) == expected


# a ceremony of two states is their meeting (one state's is nothing); "hours earlier", "cu câteva ore înainte": the
# day of the report before; "Uganda made ..." is the country's verb, not where a weapon was made
CEREMONIES = [
    ("ro", "Kenya și Uganda au oficializat joi acordul de frontieră în cadrul unei ceremonii desfășurate la Arusha.",
     [("talks", "KEN-UGA", "2025-06-05")]),
    ("en", "Kenya and Uganda made the border accord official at a ceremony in Arusha on Thursday.",
     [("talks", "KEN-UGA", "2025-06-05")]),
    ("en", "Kenyan President William Ruto awarded medals to soldiers at a ceremony in Nairobi on Thursday.", []),
    ("en", "Kenya and Uganda signed a border accord in Arusha on Thursday. Hours earlier, Ruto had held talks with "
           "Tanzanian President Samia Suluhu Hassan.", [("summit", "KEN-TZA", "2025-06-05"), ("talks", "KEN-UGA", "2025-06-05")]),
    ("ro", "Kenya și Uganda au semnat joi la Arusha un acord de frontieră. Cu câteva ore înainte, Ruto avusese discuții "
           "cu președinta Tanzaniei, Samia Suluhu Hassan.", [("summit", "KEN-TZA", "2025-06-05"), ("talks", "KEN-UGA", "2025-06-05")]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CEREMONIES, ids=[c[1][:40] for c in CEREMONIES])
def test_ceremonies_and_hours_earlier(lang, text, expected):
    evs = run(text, lang, published=date(2025, 6, 10))
    assert sorted((e.event_type, "-".join(e.countries), e.date.isoformat()) for e in evs) == expected


# "the leaders of Kenya and Uganda", "liderii Kenyei și Ugandei": their leaders, a summit; a bilateral meeting held
# at a summit of more is another event, on the summit's day and at its place
LEADERS_AND_BILATERALS = [
    ("en", "The leaders of Kenya and Uganda will meet in Arusha on Friday.", [("summit", "KEN-UGA", "2025-06-13", "Arusha")]),
    ("ro", "Liderii Kenyei și Ugandei se vor întâlni vineri la Arusha.", [("summit", "KEN-UGA", "2025-06-13", "Arusha")]),
    ("en", "The presidents of Kenya and Uganda met in Arusha on Friday.", [("summit", "KEN-UGA", "2025-06-06", "Arusha")]),
    ("ro", "Președinții Kenyei și Ugandei s-au întâlnit vineri la Arusha.", [("summit", "KEN-UGA", "2025-06-06", "Arusha")]),
    ("en", "Kenyan President William Ruto, Ugandan President Yoweri Museveni and Tanzanian President Samia Suluhu Hassan "
           "met in Arusha on Friday. Ruto and Museveni also held a bilateral meeting.",
     [("summit", "KEN-TZA-UGA", "2025-06-06", "Arusha"), ("summit", "KEN-UGA", "2025-06-06", "Arusha")]),
    ("ro", "Președintele kenyan William Ruto, președintele ugandez Yoweri Museveni și președinta Tanzaniei, Samia Suluhu "
           "Hassan, s-au întâlnit vineri la Arusha. Ruto și Museveni au avut și o întrevedere bilaterală.",
     [("summit", "KEN-TZA-UGA", "2025-06-06", "Arusha"), ("summit", "KEN-UGA", "2025-06-06", "Arusha")]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), LEADERS_AND_BILATERALS, ids=[c[1][:40] for c in LEADERS_AND_BILATERALS])
def test_leaders_of_states_and_bilaterals_at_summits(lang, text, expected):
    evs = run(text, lang, published=date(2025, 6, 10))
    assert sorted((e.event_type, "-".join(e.countries), e.date.isoformat(), e.location_name) for e in evs) == expected


# what talks are on is no party, but the place named after it is where they were held -- unless it is another
# event's ("despre rezultatele vizitei la Kampala")
TOPIC_PLACES = [
    ("en", "Kenyan and Ugandan officials held their first technical talks on Somalia in Arusha on Wednesday.",
     ("KEN-UGA", "Arusha")),
    ("ro", "Oficiali kenyeni și ugandezi au purtat miercuri primele discuții tehnice privind Somalia la Arusha.",
     ("KEN-UGA", "Arusha")),
    ("ro", "Ruto și Museveni au discutat despre rezultatele vizitei la Kampala.", ("KEN-UGA", None)),
]


@pytest.mark.parametrize(("lang", "text", "expected"), TOPIC_PLACES, ids=[c[1][:40] for c in TOPIC_PLACES])
def test_a_topic_is_no_party_and_the_place_after_it_is_the_venue(lang, text, expected):
    (ev,) = run(text, lang)
    assert ("-".join(ev.countries), ev.location_name) == expected


# a visitor received at a foreign place meets its hosts; a source cited ("according to a Kenyan official") is no party
RECEIVED_AND_SOURCES = [
    ("ro", "Secretarul de stat american Marco Rubio a fost primit marți la Kampala de președinte.",
     [("talks", "UGA-USA", "occurred")]),
    ("en", "US Secretary of State Marco Rubio was received in Kampala on Tuesday by the president.",
     [("talks", "UGA-USA", "occurred")]),
    ("en", "Tanzania hosted a meeting of security chiefs in Arusha on Monday, according to a Kenyan official.", []),
]


@pytest.mark.parametrize(("lang", "text", "expected"), RECEIVED_AND_SOURCES, ids=[c[1][:40] for c in RECEIVED_AND_SOURCES])
def test_received_abroad_and_sources_cited(lang, text, expected):
    assert summary(run(text, lang)) == expected


def test_spoke_for_a_while_with():
    evs = run("On Tuesday Kenyan President William Ruto spoke for about an hour with Ugandan President Yoweri Museveni.", "en")
    assert summary(evs) == [("talks", "KEN-UGA", "occurred")]


@pytest.mark.parametrize(("lang", "text"), [
    ("ro", "Președintele kenyan William Ruto a discutat vineri la telefon cu omologul său ugandez, Yoweri Museveni, "
           "despre pregătirea summitului de la Arusha."),
    ("en", "Kenyan President William Ruto spoke by phone on Friday with Ugandan President Yoweri Museveni about "
           "preparations for the planned summit in Arusha."),
])
def test_what_talks_are_about_says_nothing_of_their_status(lang, text):
    evs = run(text, lang, published=date(2025, 6, 10))
    assert [(e.event_type, "-".join(e.countries), e.status, e.date.isoformat()) for e in evs if e.date_text] == \
        [("talks", "KEN-UGA", "occurred", "2025-06-06")]


# a clause opened by "as", "while", "în timp ce" happened at the time of the clause before it; "met with force" is a
# reaction, no meeting
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Kenyan President William Ruto warned Somalia on Thursday that any incursion would be met with force, as he "
           "held talks with Ugandan President Yoweri Museveni in Kampala."),
    ("ro", "Președintele kenyan William Ruto a avertizat joi Somalia, în timp ce purta discuții cu președintele ugandez "
           "Yoweri Museveni la Kampala."),
])
def test_a_simultaneous_clause_takes_the_date_before_it(lang, text):
    evs = run(text, lang, published=date(2025, 6, 10))
    assert [("-".join(e.countries), e.date.isoformat(), e.location_name) for e in evs] == [("KEN-UGA", "2025-06-05", "Kampala")]


# "the city", "din oraș" after a sentence that names only a country (or a sea) is a city named before it; "orașului X"
# names its city
CITY_BEFORE = [
    ("en", "Russian missiles struck Kharkiv on Wednesday. The city has been under fire since Russia opened a new "
           "offensive in the region. On Thursday, a barrage of missiles hit a printing house in the city.",
     [("2025-06-04", "Kharkiv"), ("2025-06-05", "Kharkiv")]),
    ("ro", "Rachete rusești au lovit miercuri Harkovul. Orașul este bombardat aproape zilnic de când Rusia a lansat o "
           "nouă ofensivă. Joi, o salvă de rachete a lovit o tipografie din oraș.",
     [("2025-06-04", "Kharkiv"), ("2025-06-05", "Kharkiv")]),
    ("ro", "Rachete rusești au lovit miercuri Harkovul. Joi, două bombe ghidate au lovit centrul orașului Zaporojie.",
     [("2025-06-04", "Kharkiv"), ("2025-06-05", "Zaporizhzhia")]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CITY_BEFORE, ids=[c[1][-40:] for c in CITY_BEFORE])
def test_the_city_after_a_country_is_the_city_named_before(lang, text, expected):
    evs = run(text, lang, published=date(2025, 6, 10))
    assert sorted((e.date.isoformat(), e.location_name) for e in evs) == expected


def test_the_visitor_and_host_who_speak_on_a_visit_are_its_parties():
    text = ("Președintele Ferdinand Marcos Jr. a cerut respectarea dreptului maritim. La începutul lunii, în timpul "
            "vizitei sale la New Delhi, Marcos și premierul Narendra Modi au anunțat un parteneriat strategic.")
    evs = run(text, "ro", published=date(2025, 8, 14))
    assert [(e.event_type, "-".join(e.countries), e.date.isoformat(), e.date_precision) for e in evs] == \
        [("summit", "IND-PHL", "2025-08-01", "month")]


def test_an_aides_title_in_the_genitive_makes_its_person_the_state():
    evs = run("Ginerele lui William Ruto a avut luni la Kampala discuții cu președintele ugandez Yoweri Museveni.", "ro")
    assert summary(evs) == [("talks", "KEN-UGA", "occurred")]
