"""Tests for events.dashboard.i18n and the words of the dashboard in each language: the files' parity, every key the
code uses, Romanian plurals, dates and numbers, the browser's language, charts and captions in Romanian."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from events.dashboard import caption, charts, i18n, periods, state, strings, views
from events.dashboard import filters as flt
from tests.dashboard.conftest import as_events
from tests.dashboard.test_filters import sample_frame
from tests.dashboard_data import ROOT

LANGS = i18n.available()


def catalogs() -> dict[str, dict[str, object]]:
    """Every language's entries, read from data/strings/."""
    return {lang: dict(i18n.catalog(lang)) for lang in LANGS}


# ---------------------------------------------------------------- the files


def test_english_and_romanian_are_there() -> None:
    assert LANGS[:1] == ("en",) and "ro" in LANGS


def test_every_language_file_has_every_key_with_the_same_placeholders() -> None:
    assert i18n.parity_problems(catalogs()) == []


def test_parity_fails_when_a_key_or_a_placeholder_or_a_plural_form_is_missing() -> None:
    # the check above is only worth something if it fails: take one thing away from the real files at a time
    broken = catalogs()
    del broken["ro"]["tabs.map"]
    assert i18n.parity_problems(broken) == ["ro.yaml lacks 'tabs.map'"]

    broken = catalogs()
    broken["ro"]["page.caption"] = "Negocieri citite din {articles}"  # {matched} forgotten
    (problem,) = i18n.parity_problems(broken)
    assert problem.startswith("'page.caption' differs between languages")

    broken = catalogs()
    broken["ro"]["n.event"] = {"one": "{n} eveniment", "other": "{n} de evenimente"}  # no 'few': 2 evenimente
    assert i18n.parity_problems(broken) == ["ro.yaml: 'n.event' lacks the plural forms few"]

    broken = catalogs()
    broken["en"]["months.short"] = ["Jan"] * 11
    assert [p.split(" (")[0] for p in i18n.parity_problems(broken)] == ["'months.short' differs between languages"]


def test_an_unknown_key_raises_rather_than_showing_nothing() -> None:
    with pytest.raises(KeyError):
        i18n.t("ro", "sidebar.no_such_label")
    with pytest.raises(KeyError):
        i18n.strings("en").plural(2, "n.no_such_noun")


# the calls that name a key literally: TR("…"), tr("…"), i18n.t(lang, "…"), .plural(n, "…"), tr.get("…", …)
KEY_CALL = re.compile(r"""\b(?:TR|tr)\(\s*"([\w.-]+)"|\bi18n\.t\([^,()]+,\s*"([\w.-]+)"|"""
                      r"""\.plural\([^,()]+(?:\([^()]*\))?,\s*["']([\w.-]+)["']|\b(?:TR|tr)\.get\(\s*"([\w.-]+)\"""")
SOURCES = [ROOT / "dashboard.py", *sorted((ROOT / "events" / "dashboard").rglob("*.py")), ROOT / "events" / "cli.py"]


def used_keys() -> set[str]:
    """Keys named literally in the dashboard's code."""
    found: set[str] = set()
    for path in SOURCES:
        for match in KEY_CALL.finditer(path.read_text(encoding="utf-8")):
            key = next(g for g in match.groups() if g)
            if not key.endswith("."):  # "tabs." + a view: computed keys are exercised by the page tests instead
                found.add(key)
    return found


def test_every_key_the_code_names_is_in_every_language() -> None:
    keys = used_keys()
    assert len(keys) > 150  # the scan finds the page's texts (a broken pattern would find none and pass)
    for lang, entries in catalogs().items():
        missing = sorted(k for k in keys if k not in entries)
        assert missing == [], f"{lang}.yaml lacks {missing}"


def test_the_scan_would_catch_a_new_key(tmp_path: Path) -> None:
    source = 'st.caption(TR("sidebar.brand_new"))\nx = tr.plural(len(rows), "n.widget")\n'
    found = {next(g for g in m.groups() if g) for m in KEY_CALL.finditer(source)}
    assert found == {"sidebar.brand_new", "n.widget"}


# ---------------------------------------------------------------- plurals, numbers and dates


@pytest.mark.parametrize(("n", "text"), [
    (0, "0 evenimente"), (1, "1 eveniment"), (2, "2 evenimente"), (19, "19 evenimente"), (20, "20 de evenimente"),
    (21, "21 de evenimente"), (99, "99 de evenimente"), (100, "100 de evenimente"), (101, "101 evenimente"),
    (102, "102 evenimente"), (119, "119 evenimente"), (120, "120 de evenimente"), (200, "200 de evenimente"),
    (1_000, "1.000 de evenimente"), (1_001, "1.001 evenimente"), (1_019, "1.019 evenimente"),
    (1_020, "1.020 de evenimente"), (1_000_000, "1.000.000 de evenimente"),
])  # fmt: skip
def test_romanian_plural_forms(n: int, text: str) -> None:
    assert i18n.strings("ro").plural(n, "n.event") == text


@pytest.mark.parametrize(("n", "en", "ro"), [
    (1, "1 article", "1 articol"), (3, "3 articles", "3 articole"), (25, "25 articles", "25 de articole"),
    (1234, "1,234 articles", "1.234 de articole"),
])  # fmt: skip
def test_plurals_and_thousands_in_both_languages(n: int, en: str, ro: str) -> None:
    assert strings.plural(n, "article") == en
    assert strings.plural(n, "article", "ro") == ro


@pytest.mark.parametrize(("day", "en", "ro"), [
    (date(2025, 9, 3), "3 Sep 2025", "3 sept. 2025"),
    (date(2025, 1, 1), "1 Jan 2025", "1 ian. 2025"),
    (date(2025, 5, 31), "31 May 2025", "31 mai 2025"),
    (date(2025, 6, 12), "12 Jun 2025", "12 iun. 2025"),
    (date(2026, 12, 4), "4 Dec 2026", "4 dec. 2026"),
])  # fmt: skip
def test_one_day_in_both_languages(day: date, en: str, ro: str) -> None:
    assert i18n.strings("en").day(day) == en and caption.day_text(day) == en
    assert i18n.strings("ro").day(day) == ro and caption.day_text(day, "ro") == ro


@pytest.mark.parametrize(("start", "end", "en", "ro"), [
    (date(2025, 8, 1), date(2025, 8, 15), "1–15 Aug 2025", "1–15 aug. 2025"),
    (date(2025, 2, 1), date(2025, 9, 30), "1 Feb – 30 Sep 2025", "1 feb. – 30 sept. 2025"),
    (date(2024, 12, 1), date(2025, 1, 15), "1 Dec 2024 – 15 Jan 2025", "1 dec. 2024 – 15 ian. 2025"),
    (date(2025, 2, 1), None, "From 1 Feb 2025", "Din 1 feb. 2025"),
    (None, date(2025, 11, 7), "Until 7 Nov 2025", "Până la 7 nov. 2025"),
    (None, None, "", ""),
])  # fmt: skip
def test_date_ranges_in_both_languages(start: date | None, end: date | None, en: str, ro: str) -> None:
    assert caption.date_range_text(start, end) == en
    assert caption.date_range_text(start, end, "ro") == ro


def test_metric_card_spans_and_numbers_in_romanian() -> None:
    assert strings.span_text(date(2025, 8, 15), date(2025, 9, 3), "ro") == "15 aug. – 3 sept. 2025"
    assert strings.span_parts(date(2024, 2, 13), date(2025, 12, 1), "ro") == ("", "feb. ’24 – dec. ’25")
    assert [strings.compact_number(n, "ro") for n in (9_999, 12_345, 1_000_000)] == ["9.999", "12,3k", "1,0M"]
    assert i18n.strings("ro").number(0.8, 2) == "0,80"


def test_month_names_come_from_the_files_not_the_os_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    import locale

    try:
        locale.setlocale(locale.LC_TIME, "C")
    except locale.Error:
        pass
    assert i18n.strings("ro").day(date(2025, 9, 3)) == "3 sept. 2025"


# ---------------------------------------------------------------- which language


@pytest.mark.parametrize(("locales", "lang"), [
    (["ro-RO"], "ro"), (["ro"], "ro"), (["RO_ro"], "ro"), (["ro-MD"], "ro"), (["en-US"], "en"), (["en-GB"], "en"),
    (["de-DE"], "en"), ([None], "en"), ([""], "en"), ([], "en"), (["fr-FR", "ro-RO"], "ro"),
])  # fmt: skip
def test_the_browser_language_picks_the_default(locales: list[str | None], lang: str) -> None:
    assert i18n.browser_default(locales) == lang


def test_the_url_language_and_a_bad_value() -> None:
    assert i18n.from_params(["ro"]) == ("ro", [])
    assert i18n.from_params("en") == ("en", [])
    assert i18n.from_params([]) == (None, [])
    assert i18n.from_params(["klingon"]) == (None, ["Ignored ui_lang 'klingon': use one of en, ro."])
    assert i18n.from_params(["xx"], "ro") == (None, ["S-a ignorat ui_lang 'xx': folosiți una dintre en, ro."])


def test_tabs_keep_canonical_names_in_the_url() -> None:
    assert state.view_label("Article reader", "ro") == "Cititor de articole"
    assert state.view_of_label("Cititor de articole") == "Article reader"  # a label of the language just left
    assert state.view_of_label("Map") == "Map" and state.view_of_label("nonsense") == "Timeline"
    assert state.view_from_params(["hartă"], "ro") == ("Map", [])
    assert state.view_from_params(["compare"]) == ("Compare", [])
    view, notices = state.view_from_params(["Atlantis"])
    assert view == "Timeline" and notices[0].startswith("Ignored view 'Atlantis'")
    assert state.page_param_changes({}, "Map", "ro") == {"view": ["Map"], "ui_lang": ["ro"]}
    assert state.page_param_changes({"view": ["Map"], "ui_lang": ["ro"]}, "Timeline", None) == {"view": [],
                                                                                               "ui_lang": []}
    assert state.page_param_changes({"view": ["Map"]}, "Map", None) == {}


# ---------------------------------------------------------------- what the page and the exports say


def test_countries_in_romanian_from_pycountry_or_the_file() -> None:
    ro = i18n.strings("ro")
    assert ro.country_name("UKR", "Ukraine") == "Ucraina"  # pycountry's gettext catalogue, offline
    assert ro.country_name("RUS", "Russia") == "Rusia"  # the file's short name, not "Federația Rusă"
    assert ro.country_name("ZZZ", "Nowhere") == "Nowhere"  # no translation: the English name
    assert i18n.strings("en").country_name("RUS", "Russia") == "Russia"


def test_caption_in_romanian() -> None:
    df = flt.prepare(sample_frame())
    f = flt.Filters(actors=("Russia", "Ukraine"), actor_mode="all", event_types=("air_attack",),
                    statuses=("occurred",), countries=("RUS",), min_confidence=0.8,
                    date_from=date(2025, 2, 1), date_to=date(2025, 9, 30))
    cap = caption.caption(f, df, date(2026, 12, 4), "ro")
    assert re.fullmatch(r"\d+ (de )?(relatare|relatări) din \d+ (de )?articole?", cap.counts), cap.counts  # a table of reports
    cap = caption.caption(f, as_events(df), date(2026, 12, 4), "ro")
    assert cap.filters == ("Actori (toți): Russia, Ukraine · Țară: Rusia · Tip: atac aerian · Stare: petrecut · "
                           "Încredere ≥ 0,80 · 1 feb. – 30 sept. 2025")
    assert cap.made == "Realizat pe 4 dec. 2026 cu Diplomația și războiul în știri"
    assert re.fullmatch(r"\d+ (de )?evenimente? din \d+ (de )?articole?", cap.counts), cap.counts
    assert caption.caption(None, df, date(2026, 12, 4), "ro").filters == "Toate evenimentele"
    assert caption.caption(None, df, date(2026, 12, 4)).made == "Made on 4 Dec 2026 with Diplomacy & war in the news"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("chart", charts.CHARTS)
def test_every_chart_draws_in_every_language(chart: str, lang: str) -> None:
    df = flt.prepare(sample_frame())
    for gran in periods.GRANULARITIES if chart in ("counts", "compare") else ("auto",):
        fig = charts.draw(df, chart, granularity=gran, lang=lang)
        assert fig.layout.title.text
    for empty in (charts.draw(df.iloc[0:0], chart, lang=lang),):
        assert i18n.t(lang, "chart.no_events") in [a.text for a in empty.layout.annotations]


def test_chart_words_in_romanian_values_stay_codes() -> None:
    df = flt.prepare(sample_frame())
    fig = charts.draw(df, "timeline", lang="ro")
    assert fig.layout.title.text == "Evenimente în timp, după tip"
    keys = [t for t in fig.data if (t.meta or {}).get("role") == "key"]
    assert "atac aerian" in {t.name for t in keys} and "air attack" not in {t.name for t in keys}
    assert {t.meta.get("event_type") for t in keys} >= {"air_attack"}  # the meta keeps the code
    counts = charts.draw(df, "counts", granularity="week", lang="ro")
    assert counts.layout.title.text == "Evenimente pe săptămână, după tip"
    assert counts.layout.yaxis.title.text == "evenimente pe săptămână"
    table = views.table_frame(df, lang="ro")
    assert set(table["event_type"]) <= {"negocieri", "summit", "atac aerian"}
    assert set(table["status"]) <= {"petrecut", "planificat", "anulat"}
    assert set(views.table_frame(df)["status"]) <= set(flt.KNOWN_STATUSES)


def test_url_notices_in_romanian() -> None:
    df = flt.prepare(sample_frame())
    _f, notices = flt.from_query_params({"min_conf": "mare", "place": "Atlantis", "from": "ieri"}, df, lang="ro")
    assert notices == [
        "S-a ignorat locul 'Atlantis': nu apare în evenimentele încărcate.",
        "S-a ignorat min_conf 'mare': se aștepta un număr între 0 și 1, de exemplu 0.7.",
        "S-a ignorat data de început 'ieri': se aștepta AAAA-LL-ZZ.",
    ]
    assert periods.from_params(["hourly"], "ro")[1] == ["S-a ignorat gran 'hourly': folosiți auto, day, week, month."]


def test_cli_chart_in_romanian(tmp_path: Path) -> None:
    import io

    from events.cli import main
    from tests.dashboard_data import build_store

    build_store(tmp_path / "events.db", tmp_path / "articles")
    out = tmp_path / "map.html"
    err = io.StringIO()
    code = main(["chart", "map", "--db", str(tmp_path / "events.db"), "--ui-lang", "ro", "-o", str(out)],
                out=io.StringIO(), err=err)
    assert code == 0, err.getvalue()
    page = out.read_text(encoding="utf-8")
    assert '<html lang="ro">' in page and "<title>Cine negociază cu cine și unde lovesc atacurile aeriene</title>" in page
    assert "Realizat pe " in page and '"locale": "ro"' in page


def test_ingest_summary_and_search_notices_in_both_languages() -> None:
    from events.ingest import IngestReport
    from events.search import SearchHits

    report = IngestReport(new=2, unchanged=1, events_added=21, rejected=[("a.txt", "empty")])
    assert strings.ingest_summary(report) == "2 new articles, 1 already stored; 21 reports added; 1 input rejected"
    assert strings.ingest_summary(report, "ro") == ("2 articole noi, 1 era deja stocat; 21 de relatări adăugate; "
                                                    "1 intrare respinsă")
    assert strings.ingest_summary(IngestReport(), "ro") == "niciun articol stocat; 0 relatări adăugate"
    empty = SearchHits("--", searched=False, notice="Nothing to search for in '--': it has no words.",
                       notice_kind="no_words")
    assert strings.search_caption(empty, "--", 3) == empty.notice  # the page's words equal the store's in English
    assert strings.search_caption(empty, "--", 3, "ro") == "Nimic de căutat în '--': nu conține cuvinte."


def test_exported_images_name_months_in_the_page_language() -> None:
    """kaleido renders without plotly's locale: a Romanian image's date axis gets Romanian tick texts."""
    from events.dashboard import export
    from events.dashboard.charts import timeline

    fig = timeline.timeline(flt.prepare(sample_frame()), lang="ro")
    ro = export.local_date_ticks(fig, "ro").layout.xaxis
    assert ro.tickmode == "array" and len(ro.tickvals) == len(ro.ticktext) >= 3
    assert any(t.startswith(("ian.", "feb.", "mar.", "apr.", "mai", "iun.", "iul.", "aug.", "sept.", "oct.", "nov.",
                             "dec.")) for t in ro.ticktext), ro.ticktext
    assert export.local_date_ticks(fig, "en") is fig  # English: plotly's own ticks
    values, texts = export.date_ticks(pd.Timestamp("2025-09-01"), pd.Timestamp("2025-09-20"), "ro")
    assert values[0] == "2025-09-01" and texts[:2] == ["1 sept.", "8 sept."]
    values, texts = export.date_ticks(pd.Timestamp("2024-11-20"), pd.Timestamp("2025-03-01"), "ro")
    assert texts == ["dec. 2024", "ian. 2025", "feb.", "mar."] and values[0] == "2024-12-01"
