"""The page in the users' languages: ?ui_lang=, the browser's language, the language control, under AppTest and in
headless Chromium."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from events.dashboard import i18n
from tests.dashboard_data import ROOT

SCRIPT = str(ROOT / "dashboard.py")
EN, RO = i18n.strings("en"), i18n.strings("ro")
RO_TABS = ["Cronologie", "Comparație", "Hartă", "Rețea", "Tabel", "Cititor de articole", "Adaugă articole", "Export"]




def start(locale: str | None = None, **params: Any) -> AppTest:
    """Run the page once with a browser locale and URL parameters; fail with the page's traceback if it raised."""
    at = AppTest.from_file(SCRIPT, default_timeout=60)
    if locale:
        at.context["locale"] = locale
    at.query_params.update(params)
    return ok(at.run())


def ok(at: AppTest) -> AppTest:
    """The AppTest, after checking the page did not raise."""
    assert not at.exception, at.exception[0].message + "\n" + "\n".join(at.exception[0].stack_trace)
    return at


def url(at: AppTest, name: str) -> list[str]:
    """A URL parameter's values as the page left them (as a list)."""
    value = at.query_params.get(name, [])
    return [value] if isinstance(value, str) else list(value)


def sidebar_labels(at: AppTest) -> list[str]:
    """The labels of the sidebar's widgets, top to bottom."""
    out: list[str] = []

    def walk(node: Any) -> None:
        label = getattr(node, "label", None)
        if isinstance(label, str):
            out.append(label)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.sidebar)
    return out


def english_sidebar_texts() -> set[str]:
    """Every English text under `sidebar.` that differs from its Romanian one (a label left untranslated shows)."""
    return {v for k, v in i18n.catalog("en").items()
            if k.startswith("sidebar.") and isinstance(v, str) and v != i18n.catalog("ro")[k]}


def test_ui_lang_ro_shows_the_page_in_romanian(db: Path) -> None:
    at = start(ui_lang="ro")
    assert at.title[0].value == "Diplomația și războiul în știri"
    assert [t.label for t in at.tabs] == RO_TABS
    labels = sidebar_labels(at)
    assert labels[:4] == ["Limba paginii", "Numără", "Resetează", "Actori"]
    assert {"Țări", "Țara locului", "Tipuri de evenimente", "Stare", "Încredere minimă"} <= set(labels)
    assert not set(labels) & english_sidebar_texts(), set(labels) & english_sidebar_texts()
    assert [m.label for m in at.metric][:4] == ["Evenimente", "Negocieri", "Summituri", "Atacuri aeriene"]
    assert at.caption[0].value.startswith("Negocieri, summituri și atacuri aeriene citite din ")
    assert url(at, "ui_lang") == ["ro"]  # the choice stays in the URL
    pills = at.sidebar.button_group  # the type pills show names, the filter keeps codes
    types = next(p for p in pills if p.label == "Tipuri de evenimente")
    assert any("atac aerian" in o.content for o in types.proto.options), [o.content for o in types.proto.options]


def test_english_is_the_default_without_a_browser_language(db: Path) -> None:
    at = start()
    assert at.title[0].value == EN("page.title")
    assert [t.label for t in at.tabs][:3] == ["Timeline", "Compare", "Map"]
    assert "ui_lang" not in at.query_params


@pytest.mark.parametrize(("locale", "title"), [("ro-RO", RO("page.title")), ("ro", RO("page.title")),
                                               ("en-GB", EN("page.title")), ("de-DE", EN("page.title"))])
def test_the_browser_language_is_the_default(db: Path, locale: str, title: str) -> None:
    at = start(locale)
    assert at.title[0].value == title
    assert "ui_lang" not in at.query_params  # the browser's language is not a choice: a shared link follows its reader


def test_the_url_wins_over_the_browser(db: Path) -> None:
    assert start("ro-RO", ui_lang="en").title[0].value == EN("page.title")
    assert start("en-US", ui_lang="ro").title[0].value == RO("page.title")


def test_an_unknown_ui_lang_gets_a_notice(db: Path) -> None:
    at = start(ui_lang="klingon", min_conf="high")
    notices = [c.value.replace("\\", "") for c in at.sidebar.caption]  # Markdown escapes aside
    assert any("Ignored ui_lang 'klingon': use one of en, ro." in n for n in notices), notices
    assert any("Ignored min_conf 'high'" in n for n in notices), notices  # like the other bad values
    assert at.title[0].value == EN("page.title")
    assert url(at, "ui_lang") == []  # dropped from the URL, as other bad values are


def test_the_language_control_switches_and_keeps_filters_and_tab(db: Path) -> None:
    at = start(type="air_attack", view="Map")
    assert url(at, "type") == ["air_attack"]
    at.button_group(key="ui_lang_pick").set_value("ro").run()
    ok(at)
    assert at.title[0].value == RO("page.title")
    assert url(at, "ui_lang") == ["ro"] and url(at, "type") == ["air_attack"]
    assert url(at, "view") == ["Map"]  # canonical: the link opens the map in any language
    assert at.session_state["view"] == "Hartă"  # the open tab, relabelled
    assert at.session_state["f_types"] == ["air_attack"]  # the stored code, shown as "atac aerian"
    at.button_group(key="ui_lang_pick").set_value("en").run()
    assert ok(at).title[0].value == EN("page.title") and url(at, "ui_lang") == ["en"]


@pytest.mark.parametrize("view", ["Timeline", "Compare", "Map", "Network", "Table", "Article reader", "Add articles",
                                  "Export"])
def test_every_tab_renders_in_romanian(db: Path, view: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")  # Export: no image server needed for its words
    at = start(ui_lang="ro", view=view)
    assert at.session_state["view"] == RO_TABS[["Timeline", "Compare", "Map", "Network", "Table", "Article reader",
                                                "Add articles", "Export"].index(view)]
    texts = " ".join([c.value for c in at.caption] + [m.value for m in at.markdown])
    for english in ("Click an event", "Scroll to zoom", "Click an actor", "newest first", "Add news articles",
                    "Images are rendered", "need a Chromium"):
        assert english not in texts


# ---------------------------------------------------------------- in the browser

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def server(built: Path) -> Iterator[str]:
    """`streamlit run dashboard.py` over the module's store."""
    from tests.browser import streamlit

    with streamlit(built) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium (Debian's) for the module."""
    if not CHROMIUM.is_file():
        pytest.skip("needs Debian's Chromium at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM_ARGS

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


def svg_texts(page: Any, selector: str) -> list[str]:
    """The text of SVG elements (inner_text is for HTML only)."""
    return page.locator(selector).evaluate_all("els => els.map(e => e.textContent)")


ENGLISH_MONTH = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b")


@pytest.mark.parametrize(("locale", "query"), [("en-US", "?ui_lang=ro"), ("ro-RO", "")])
def test_romanian_in_the_browser(browser: Any, server: str, locale: str, query: str) -> None:
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale=locale)
    try:
        page = context.new_page()
        page.goto(server + query)
        page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2", timeout=30_000)
        tabs = [t.strip() for t in page.get_by_role("tab").all_inner_texts()]
        assert tabs == RO_TABS
        assert page.get_by_role("heading", name=RO("page.title")).is_visible()
        titles = svg_texts(page, ".js-plotly-plot .gtitle")
        assert RO("timeline.title.type") in titles, titles
        assert any(t.startswith("Evenimente pe ") for t in titles), titles
        ticks = svg_texts(page, ".js-plotly-plot .xtick text")
        assert ticks and not [t for t in ticks if ENGLISH_MONTH.search(t)], ticks  # plotly's locale from the config
        legend = svg_texts(page, ".js-plotly-plot .legendtext")
        assert "atac aerian" in legend and "air attack" not in legend, legend
        sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
        assert "Limba paginii" in sidebar and "Minimum confidence" not in sidebar
        if not query:  # the browser's language is no choice of the user's: the URL stays clean
            assert "ui_lang" not in page.url
    finally:
        context.close()
