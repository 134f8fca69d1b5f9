"""dashboard.py in a real browser: `streamlit run` on loopback driven by Playwright with Debian's Chromium.

Checks what only a browser shows: charts drawn, offline map outlines, the filter round trip through
the URL, the chart toolbar's PNG download (2x), the server-side PNG export and the click-to-reader
flow. Saves a screenshot of the main view to tests/artifacts/dashboard.png.
"""

from __future__ import annotations

import io
import itertools
import json
import re
import struct
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from events.dashboard.charts import maps, network
from tests.browser import CHROMIUM_ARGS, streamlit
from tests.dashboard_data import ROOT, build_store

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.is_file(), reason="needs Debian's Chromium at /usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "artifacts"
PNG = b"\x89PNG\r\n\x1a\n"
WAIT = 30_000  # ms


@pytest.fixture(scope="module")
def store_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the bundled corpus plus our test articles: what a newcomer sees, plus ours."""
    folder = tmp_path_factory.mktemp("browser")
    build_store(folder / "events.db", folder / "articles", corpus=True)
    return folder


@pytest.fixture(scope="module")
def server(store_folder: Path) -> Iterator[str]:
    """The dashboard as a user runs it."""
    with streamlit(store_folder / "events.db") as url:
        yield url


@pytest.fixture(scope="module")
def aggregating_server(store_folder: Path) -> Iterator[str]:
    """The same store with a timeline that aggregates above 20 markers (as it does above 1,500)."""
    with streamlit(store_folder / "events.db", EVENTS_TIMELINE_MAX_POINTS="20") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Watched:
    """A page plus what went wrong on it (failed requests, requests leaving loopback, JS errors)."""

    def __init__(self, browser: Any, url: str, width: int = 1440) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": 1000}, accept_downloads=True)
        self.page = self.context.new_page()
        self.failed: list[str] = []
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} {r.failure}"))
        self.page.on("request", lambda r: None if r.url.startswith((url, "data:", "blob:")) else self.outside.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser: Any, server: str) -> Iterator[Watched]:
    """A fresh page (own context: own Streamlit session) watched for network failures."""
    w = Watched(browser, server)
    yield w
    w.close()


def open_page(page: Any, url: str) -> None:
    """Load the dashboard and wait until both timeline charts are drawn."""
    page.goto(url)
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2", timeout=WAIT)
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=WAIT)


def events_metric(page: Any) -> int:
    """The 'Events' headline number."""
    card = page.locator('[data-testid="stMetric"]').filter(has_text="Events").first
    return int(card.locator('[data-testid="stMetricValue"]').inner_text().replace(",", ""))


def wait_metric_change(page: Any, before: int) -> int:
    """Wait for the page to rerun and show another Events number."""
    deadline = time.monotonic() + WAIT / 1000
    while time.monotonic() < deadline:
        try:
            now = events_metric(page)
        except Exception:
            now = before
        if now != before:
            return now
        page.wait_for_timeout(100)
    raise AssertionError(f"the Events number stayed {before}")


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a PNG's IHDR chunk."""
    assert data.startswith(PNG), data[:16]
    return struct.unpack(">II", data[16:24])


def choose_actor(page: Any, name: str) -> None:
    """Type into the sidebar's Actors multiselect and press Enter."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    box.locator("input").click()
    page.keyboard.type(name)
    page.wait_for_selector(f'[role="option"]:has-text("{name} (")', timeout=WAIT)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")


def open_tab(page: Any, name: str) -> None:
    """Click a tab of the main area."""
    page.get_by_role("tab", name=name, exact=True).click()


# ---------------------------------------------------------------- tests


def test_page_loads_with_charts_and_screenshot(watched: Watched, server: str) -> None:
    page = watched.page
    open_page(page, server)
    assert page.get_by_role("heading", name="Diplomacy & war in the news").is_visible()
    points = page.locator(".js-plotly-plot").first.locator(".scatterlayer path.point")
    assert points.count() >= 5  # timeline markers drawn
    bars = page.locator(".js-plotly-plot").nth(1).locator(".barlayer path")
    assert bars.count() >= 3
    assert events_metric(page) > 5
    page.wait_for_timeout(500)  # let the fonts and transitions settle for the picture
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"))
    assert watched.failed == [] and watched.outside == [] and watched.errors == []


def test_map_has_outlines_offline(watched: Watched, server: str) -> None:
    page = watched.page
    open_page(page, server)
    open_tab(page, "Map")
    page.wait_for_selector(".geo .layer.land path", timeout=WAIT)
    page.wait_for_timeout(300)
    drawn = page.evaluate(
        """() => Object.fromEntries(['land', 'countries', 'coastlines'].map(name => [name,
             Array.from(document.querySelectorAll('.geo .layer.' + name + ' path'))
                  .reduce((n, p) => n + (p.getAttribute('d') || '').length, 0)]))"""
    )
    assert drawn["land"] > 10_000 and drawn["countries"] > 10_000  # the outlines came from /app/static
    assert page.locator(".geo .scattergeo path.point").count() >= 3
    assert watched.failed == [] and watched.outside == []


def test_selecting_an_actor_updates_counts_and_the_url(watched: Watched, server: str, browser: Any) -> None:
    page = watched.page
    open_page(page, server)
    before = events_metric(page)
    choose_actor(page, "Russia")
    after = wait_metric_change(page, before)
    assert 0 < after < before
    page.wait_for_function("location.search.includes('actor=Russia')", timeout=WAIT)
    # one marker per event on the type lanes (the chart redraws a moment after the metric on a loaded machine)
    page.wait_for_function(
        "n => document.querySelector('.js-plotly-plot').querySelectorAll('.scatterlayer path.point').length === n",
        arg=after, timeout=WAIT)

    # the shared URL, opened in another browser session, shows the same view
    shared = page.url + "&type=air_attack"
    other = Watched(browser, server)
    try:
        open_page(other.page, shared)
        sidebar = other.page.locator('[data-testid="stSidebar"]')
        assert sidebar.get_by_text("Russia (", exact=False).first.is_visible()  # the chip is selected
        n = events_metric(other.page)
        assert 0 < n <= after
        assert parse_qs(urlparse(other.page.url).query) == {"actor": ["Russia"], "type": ["air_attack"]}
        assert other.failed == []
    finally:
        other.close()


def test_typing_a_variant_into_the_actors_box_selects_the_actor(watched: Watched, server: str) -> None:
    """'Zelenski' is no option's label: Enter adds it as typed, and the page swaps it for Volodymyr Zelensky."""
    page = watched.page
    open_page(page, server)
    before = events_metric(page)
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    box.locator("input").click()
    page.keyboard.type("Zelenski")
    # the dropdown offers no actor for the variant, only to add it as typed
    page.wait_for_selector('[role="option"]:has-text("Zelenski")', timeout=WAIT)
    assert page.locator('[role="option"]:has-text("Volodymyr Zelensky (")').count() == 0
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    after = wait_metric_change(page, before)
    wait_url(page, {"actor": ["Volodymyr Zelensky"]})
    assert sidebar_chips(page) == ["Volodymyr Zelensky"]
    assert 0 < after < before
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_by_text("Read actor 'Zelenski' as 'Volodymyr Zelensky'.").is_visible()
    assert watched.errors == []


def test_toolbar_download_is_a_2x_png(watched: Watched, server: str) -> None:
    page = watched.page
    open_page(page, server)
    chart = page.locator(".js-plotly-plot").first
    chart.hover()
    css_width = chart.evaluate("el => el._fullLayout.width")
    with page.expect_download(timeout=WAIT) as info:
        chart.locator('.modebar-btn[data-title^="Download plot"]').click()
    download = info.value
    data = Path(download.path()).read_bytes()
    width, _height = png_size(data)
    assert width == 2 * css_width
    assert download.suggested_filename.startswith("timeline_") and download.suggested_filename.endswith(".png")


def test_server_side_png_export(watched: Watched, server: str) -> None:
    page = watched.page
    open_page(page, server)
    open_tab(page, "Export")
    button = page.locator('[data-testid="stDownloadButton"] button').filter(has_text="PNG")
    button.wait_for(timeout=WAIT)
    assert button.is_enabled()
    with page.expect_download(timeout=60_000) as info:
        button.click()
    data = Path(info.value.path()).read_bytes()
    assert png_size(data)[0] == 2 * 1200  # the figure's default export width, at scale 2
    assert info.value.suggested_filename.startswith("timeline_")
    assert watched.failed == []


def test_clicking_an_event_opens_its_details_and_article(watched: Watched, server: str) -> None:
    page = watched.page
    open_page(page, server)
    point = page.locator(".js-plotly-plot").first.locator(".scatterlayer path.point").first
    point.click(force=True)  # plotly's drag layer sits above the markers
    page.get_by_text("Selected event").wait_for(timeout=WAIT)
    assert page.get_by_text("Reported by").count() == 1 and page.get_by_text("Status:").count() == 1
    page.get_by_role("button", name="Read", exact=True).first.click()  # each of the event's reports has one
    page.wait_for_selector(".article-text mark", timeout=WAIT)
    assert page.get_by_role("tab", name="Article reader", exact=True).get_attribute("aria-selected") == "true"
    assert page.locator(".article-text mark").count() >= 1


def test_clicking_an_aggregated_marker_lists_its_events(watched: Watched, aggregating_server: str) -> None:
    page = watched.page
    open_page(page, aggregating_server)
    assert "aggregated per" in page.locator(".js-plotly-plot").first.inner_text()
    point = page.locator(".js-plotly-plot").first.locator(".scatterlayer path.point").first
    point.click(force=True)
    page.get_by_text("The clicked marker stands for").wait_for(timeout=WAIT)
    page.get_by_text("Selected event").wait_for(timeout=WAIT)
    assert page.get_by_text("Reported by").count() == 1 and page.get_by_text("Status:").count() == 1
    page.get_by_role("button", name="Read", exact=True).first.click()  # each of the event's reports has one
    page.wait_for_selector(".article-text mark", timeout=WAIT)
    assert watched.failed == []


SHORTCODES = "Bolt :material/bolt: :red[red] :smile: **bold** <b>x</b>"


@pytest.fixture(scope="module")
def shortcode_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A store of one article whose title, source and text are full of Markdown and Streamlit shortcodes."""
    from events import ingest
    from events.readers import read_paths
    from events.store import Store

    folder = tmp_path_factory.mktemp("shortcodes")
    (folder / "in").mkdir()
    (folder / "in" / "a.md").write_text(
        f'---\ntitle: "{SHORTCODES}"\npublished: 2025-09-03\nlanguage: en\nsource: ":material/warning: Wire"\n---\n'
        f"Russian drones struck Odesa on Tuesday night {SHORTCODES}, officials said.\n"
    )
    with Store(folder / "events.db") as store:
        ingest.ingest_items(store, read_paths([folder / "in"]))
    with streamlit(folder / "events.db") as url:
        yield url


def test_shortcodes_in_article_text_stay_text(browser: Any, shortcode_server: str) -> None:
    """Title, source and text show :material/bolt: as written: no icon, no colour, no bold."""
    w = Watched(browser, shortcode_server)
    try:
        page = w.page
        page.goto(shortcode_server + "?view=Article+reader")
        heading = page.locator('[data-testid="stHeading"]').filter(has_text="Bolt").first
        heading.wait_for(timeout=WAIT)
        caption = page.locator('[data-testid="stCaptionContainer"]').filter(has_text="Wire").first

        def plain(text: str) -> str:
            return text.replace("\u2060", "")

        assert plain(heading.inner_text()) == SHORTCODES
        assert plain(caption.inner_text()).startswith(":material/warning: Wire")
        for element in (heading, caption):
            assert element.locator("span[translate='no'], [data-testid='stIconMaterial'], strong, b").count() == 0
        # the article's own st.html block (the page's style block is one too, and at times comes first)
        article = page.locator('[data-testid="stHtml"]').filter(has=page.locator(".article-text"))
        assert SHORTCODES in plain(article.inner_text())
        assert not w.errors
    finally:
        w.close()


def sidebar_chips(page: Any) -> list[str]:
    """The values selected in the sidebar's Actors box, without their counts."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    return [re.sub(r" \(\d[\d,]*\)$", "", t) for t in box.locator("[data-tag]").all_inner_texts()]


def wait_url(page: Any, query: dict[str, list[str]]) -> None:
    """Wait until the page's query string holds exactly these filter parameters."""
    deadline = time.monotonic() + WAIT / 1000
    while parse_qs(urlparse(page.url).query) != query:
        if time.monotonic() > deadline:
            raise AssertionError(f"the URL stayed {page.url}, expected {query}")
        page.wait_for_timeout(100)


def wait_view(page: Any, query: dict[str, list[str]], actors: list[str], events: int) -> None:
    """Wait until URL, actor chips and the Events number all show one view."""
    wait_url(page, query)
    deadline = time.monotonic() + WAIT / 1000
    while (sidebar_chips(page), events_metric(page)) != (actors, events):
        if time.monotonic() > deadline:
            raise AssertionError(f"the page shows {sidebar_chips(page)}, {events_metric(page)} events")
        page.wait_for_timeout(100)


def test_back_and_forward_move_between_filter_views(watched: Watched, server: str) -> None:
    page = watched.page
    open_page(page, server)
    everything = events_metric(page)
    entries = page.evaluate("history.length")
    choose_actor(page, "Russia")
    russia = wait_metric_change(page, everything)
    wait_url(page, {"actor": ["Russia"]})
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name=re.compile(r"^air attack \(")).click()
    both = wait_metric_change(page, russia)
    wait_url(page, {"actor": ["Russia"], "type": ["air_attack"]})
    assert page.evaluate("history.length") == entries + 2  # one entry per change

    page.go_back()
    wait_view(page, {"actor": ["Russia"]}, ["Russia"], russia)
    page.go_back()
    wait_view(page, {}, [], everything)
    page.go_forward()
    wait_view(page, {"actor": ["Russia"]}, ["Russia"], russia)
    page.go_forward()
    wait_view(page, {"actor": ["Russia"], "type": ["air_attack"]}, ["Russia"], both)

    # Reset clears two parameters in one change: one Back brings both back
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Reset").click()
    wait_view(page, {}, [], everything)
    page.go_back()
    wait_view(page, {"actor": ["Russia"], "type": ["air_attack"]}, ["Russia"], both)
    assert watched.errors == []


def export_buttons(page: Any) -> Any:
    """The Export tab's download buttons (7 once the files are made)."""
    buttons = page.locator('[data-testid="stDownloadButton"] button')
    page.wait_for_function("document.querySelectorAll('[data-testid=\"stDownloadButton\"] button').length == 7",
                           timeout=60_000)
    return buttons


def check_file(name: str, data: bytes, events: int) -> None:
    """A downloaded export is whole: its format's signature, and every event in the data files."""
    ext = name.rsplit(".", 1)[1]
    if ext == "png":
        assert png_size(data)[0] == 2 * 1200
    elif ext == "svg":
        assert data.lstrip().startswith(b"<svg") and data.rstrip().endswith(b"</svg>")
    elif ext == "pdf":
        assert data.startswith(b"%PDF-") and b"%%EOF" in data[-64:]
    elif ext == "html":
        assert data.startswith(b"<!DOCTYPE html>") and data.rstrip().endswith(b"</html>")
    elif ext == "csv":
        assert len(data.decode("utf-8-sig").strip().split("\r\n")) >= events + 1  # header + a row each (cells may wrap)
    elif ext == "json":
        assert len(json.loads(data)) == events
    elif ext == "parquet":
        import pyarrow.parquet as pq

        assert pq.read_table(io.BytesIO(data)).num_rows == events
    else:
        raise AssertionError(f"unexpected download {name}")


CLICK_PACE_MS = 150


def test_every_export_arrives_however_fast_the_clicks(browser: Any, server: str) -> None:
    """Two tabs click all seven export buttons in quick succession, twice: 28 files, all whole, no error."""
    tabs = [Watched(browser, server) for _ in range(2)]
    try:
        arrived: list[list[Any]] = [[] for _ in tabs]
        for w, got in zip(tabs, arrived, strict=True):
            open_page(w.page, server)
            open_tab(w.page, "Export")
            w.page.on("download", lambda d, got=got: got.append(d))
        buttons = [export_buttons(w.page) for w in tabs]
        events = events_metric(tabs[0].page)
        labels = buttons[0].all_inner_texts()
        for _ in range(2):
            for i in range(len(labels)):
                for b in buttons:  # the tabs take turns: their sessions download at the same time
                    b.nth(i).click()
                    # Chromium itself starts no more than ~10 downloads clicked under ~100 ms apart (a plain HTML
                    # page of download links does the same), so the clicks come as fast as a hand clicks, not faster
                    b.page.wait_for_timeout(CLICK_PACE_MS)
        for w, got in zip(tabs, arrived, strict=True):
            deadline = time.monotonic() + 60
            while len(got) < 2 * len(labels):
                assert time.monotonic() < deadline, (f"{len(got)} of {2 * len(labels)} downloads arrived: "
                                                     f"{sorted(d.suggested_filename for d in got)}")
                w.page.wait_for_timeout(100)
            names = sorted(d.suggested_filename.rsplit(".", 1)[1] for d in got)
            assert names == sorted(["png", "svg", "pdf", "html", "csv", "json", "parquet"] * 2)
            for d in got:
                assert d.failure() is None, d.suggested_filename
                check_file(d.suggested_filename, Path(d.path()).read_bytes(), events)
            assert w.page.locator('[data-testid="stAlertContentError"]').count() == 0
            assert w.failed == [] and w.errors == []
    finally:
        for w in tabs:
            w.close()


# Boxes of what must stay readable: metric texts against their own boxes and cards; per chart, its title,
# subtitle, legend, plot area and whole figure (page coordinates)
LAYOUT_JS = """() => {
  const box = el => { if (!el) return null; const b = el.getBoundingClientRect();
                      return {l: b.left, t: b.top, r: b.right, b: b.bottom}; };
  const textBox = el => { const r = document.createRange(); r.selectNodeContents(el); return box(r); };
  const metrics = Array.from(document.querySelectorAll('[data-testid="stMetric"]')).map(card => {
    const texts = [card.querySelector('[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"]'),
                   card.querySelector('[data-testid="stMetricValue"]')];
    const parts = texts.flatMap(el => [el, ...el.querySelectorAll('*')]);
    return {text: card.innerText.replace(/\\s+/g, ' '), card: box(card), texts: texts.map(textBox),
            clipped: parts.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.outerHTML.slice(0, 80))};
  });
  const charts = Array.from(document.querySelectorAll('.js-plotly-plot')).filter(p => p.offsetWidth > 0).map(p => ({
    chart: p.querySelector('.gtitle').textContent, title: box(p.querySelector('.gtitle')),
    subtitle: box(p.querySelector('.gtitle-subtitle')), legend: box(p.querySelector('.legend')),
    plot: box(p.querySelector('.nsewdrag') || p.querySelector('.geolayer .bg')), svg: box(p.querySelector('.main-svg')),
  }));
  return {metrics, charts};
}"""


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    """Two boxes share some area."""
    return a["l"] < b["r"] and b["l"] < a["r"] and a["t"] < b["b"] and b["t"] < a["b"]


def inside(a: dict[str, float], b: dict[str, float], slack: float = 1.0) -> bool:
    """Box a lies within box b."""
    return a["l"] >= b["l"] - slack and a["t"] >= b["t"] - slack and a["r"] <= b["r"] + slack and a["b"] <= b["b"] + slack


def check_readable(page: Any, charts_drawn: int) -> list[str]:
    """Metric texts whole and inside their cards; legends under the plot, clear of titles, inside the figure."""
    # only the charts of the open view (a chart of the tab left behind may still be in the page, hidden)
    page.wait_for_function(
        "n => Array.from(document.querySelectorAll('.js-plotly-plot')).filter(p => p.offsetWidth > 0"
        " && p.querySelector('.legend') && (p.querySelector('.nsewdrag') || p.querySelector('.geolayer .bg')))"
        ".length == n", arg=charts_drawn, timeout=WAIT)  # legend and plot area drawn (a busy machine draws late)
    page.wait_for_timeout(300)  # plotly lays out again once the element has its final width
    found = page.evaluate(LAYOUT_JS)
    assert len(found["metrics"]) == 6
    for m in found["metrics"]:
        assert m["clipped"] == [], m  # no text cut or ellipsised ("1" for 122, "T." for Talks)
        assert all(inside(t, m["card"]) for t in m["texts"]), m
    charts = found["charts"]
    assert len(charts) == charts_drawn
    for c in charts:
        assert c["legend"] and not overlap(c["legend"], c["title"]) and not overlap(c["legend"], c["subtitle"]), c
        assert c["legend"]["t"] >= c["plot"]["b"] - 1, c  # under the plot, not squeezing it from the side
        for part in ("title", "subtitle", "legend"):
            assert inside(c[part], c["svg"]), (part, c)  # nothing cut at the figure's edge
    return [c["chart"] for c in charts]


@pytest.mark.parametrize("width", [900, 768])
def test_page_is_readable_from_768_px(browser: Any, server: str, width: int) -> None:
    w = Watched(browser, server, width=width)
    try:
        page = w.page
        open_page(page, server)
        assert check_readable(page, 2) == ["Events over time by type", "Events per week by type"]
        page.get_by_text("One lane per actor", exact=True).click()
        page.wait_for_function("document.querySelector('.js-plotly-plot .gtitle').textContent.endsWith('actor')",
                               timeout=WAIT)
        check_readable(page, 2)
        for view in ("Map", "Network"):
            open_tab(page, view)
            check_readable(page, 1)
        assert w.errors == []
    finally:
        w.close()


# ---------------------------------------------------------------- faceted filters


def sidebar_pill(page: Any, label: str) -> Any:
    """A sidebar pill by the start of its label ('air attack' for 'air attack (12)')."""
    return page.locator('[data-testid="stSidebar"] button').filter(has_text=re.compile(rf"^{re.escape(label)} \(\d"))


def country_chips(page: Any) -> list[str]:
    """The chips of the sidebar's Countries box, as shown ('Ukraine · UKR (12)')."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').nth(1)
    return box.locator("[data-tag]").all_inner_texts()


def test_min_confidence_in_the_url_and_facet_counts_that_follow_the_filters(watched: Watched, server: str) -> None:
    """?min_conf= narrows the headline; a chosen country survives two changes of other filters that change its
    count (the browser keeps a multiselect's chips by label: a stale label would drop the country)."""
    page = watched.page
    open_page(page, server + "?country=UKR")
    every = events_metric(page)
    open_page(page, server + "?country=UKR&min_conf=0.9")
    sure = events_metric(page)
    assert 0 < sure < every
    assert page.locator('[data-testid="stSidebar"] [data-testid="stSlider"]').get_by_text("0.90").is_visible()
    chip = country_chips(page)
    assert len(chip) == 1 and chip[0] == f"Ukraine · UKR ({sure})"  # its count: the events the other filters leave

    sidebar_pill(page, "air attack").first.click()
    attacks = wait_metric_change(page, sure)
    wait_url(page, {"country": ["UKR"], "min_conf": ["0.9"], "type": ["air_attack"]})
    page.wait_for_function(f"""() => Array.from(document.querySelectorAll('[data-testid="stSidebar"] [data-tag]'))
                                     .some(t => t.innerText === 'Ukraine · UKR ({attacks})')""", timeout=WAIT)
    talks = int(sidebar_pill(page, "talks").first.inner_text().split("(")[1].rstrip(")"))
    assert talks > 0  # an unchosen type says how many events choosing it would add
    sidebar_pill(page, "talks").first.click()  # the chip's label changed once already: the country must stay
    both = wait_metric_change(page, attacks)
    wait_url(page, {"country": ["UKR"], "min_conf": ["0.9"], "type": ["air_attack", "talks"]})
    assert both == attacks + talks
    page.wait_for_function(f"""() => Array.from(document.querySelectorAll('[data-testid="stSidebar"] [data-tag]'))
                                     .some(t => t.innerText === 'Ukraine · UKR ({both})')""", timeout=WAIT)


# ---------------------------------------------------------------- map and network labels, regions, node clicks

# Every text drawn on the open chart's markers (not the legend or titles), with its box and font size
CHART_LABELS_JS = """() => {
  const gd = Array.from(document.querySelectorAll('.js-plotly-plot')).find(p => p.offsetWidth > 0);
  const frame = gd.querySelector('.geolayer .bg') || gd.querySelector('.nsewdrag');
  const f = frame.getBoundingClientRect();
  return {frame: {l: f.left, t: f.top, r: f.right, b: f.bottom},
          labels: Array.from(gd.querySelectorAll('.scatterlayer .trace text')).filter(t => t.textContent).map(t => {
            const b = t.getBoundingClientRect(), style = getComputedStyle(t);
            return {text: t.textContent, l: b.left, t: b.top, r: b.right, b: b.bottom,
                    size: parseFloat(style.fontSize), shadow: style.textShadow};
          })};
}"""


def open_view(page: Any, url: str) -> None:
    """Load the dashboard on a view given in the URL and wait until its chart has drawn its labels."""
    page.goto(url)
    page.wait_for_function(
        "Array.from(document.querySelectorAll('.js-plotly-plot')).some(p => p.offsetWidth > 0"
        " && p.querySelector('.scatterlayer .trace text'))", timeout=WAIT)
    page.wait_for_timeout(500)  # plotly lays out again once the element has its final width


def chart_labels(page: Any) -> tuple[dict[str, float], list[dict[str, Any]]]:
    """(the plot frame, the labels drawn on the open chart) in page pixels."""
    found = page.evaluate(CHART_LABELS_JS)
    return found["frame"], found["labels"]


def check_labels(page: Any, at_most: int) -> list[str]:
    """The open chart's labels: a few, none over another, readable size, white outline, inside the plot."""
    frame, labels = chart_labels(page)
    assert 5 <= len(labels) <= at_most, [lb["text"] for lb in labels]
    for a, b in itertools.combinations(labels, 2):
        assert not overlap(a, b), (a["text"], b["text"])
    for lb in labels:
        assert lb["size"] >= 11 and "255, 255, 255" in lb["shadow"], lb
        assert inside(lb, frame, slack=2), (lb, frame)
    return [lb["text"] for lb in labels]


@pytest.mark.parametrize(("query", "at_most", "names"), [
    ("?view=Map", maps.MAP_LABELS, {"Russia", "Ukraine"}),
    ("?view=Map&region=ukraine", maps.CITY_VIEW_LABELS, {"Kyiv", "Kharkiv", "Odesa", "Lviv", "Dnipro"}),
    # the biggest nodes of the bundled corpus are named whatever else fits around them
    ("?view=Network", network.NETWORK_LABELS, {"Russia", "Ukraine", "Donald Trump"}),
])
def test_labels_are_readable_at_900_px(browser: Any, server: str, query: str, at_most: int, names: set[str]) -> None:
    w = Watched(browser, server, width=900)
    try:
        open_view(w.page, server + query)
        assert names <= set(check_labels(w.page, at_most))
        assert w.errors == [] and w.failed == []
    finally:
        w.close()


def test_map_region_control_zoom_and_url(watched: Watched, server: str) -> None:
    page = watched.page
    open_view(page, server + "?view=Map")
    frame, labels = chart_labels(page)
    assert {"Russia", "Ukraine"} <= {lb["text"] for lb in labels}
    page.get_by_role("radiogroup", name="Region").get_by_role("radio", name="Ukraine", exact=True).click()
    page.wait_for_function("location.search.includes('region=ukraine')", timeout=WAIT)
    page.wait_for_function(
        "Array.from(document.querySelectorAll('.js-plotly-plot .scatterlayer .trace text'))"
        ".some(t => t.textContent === 'Kharkiv')", timeout=WAIT)
    chart = page.locator(".js-plotly-plot").filter(has=page.locator(".geolayer")).first
    before = chart.evaluate("gd => gd._fullLayout.geo._subplot.projection.scale()")
    box = chart.locator(".geolayer .bg").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -300)  # scroll up over the map: zoom in
    page.wait_for_timeout(500)
    after = chart.evaluate("gd => gd._fullLayout.geo._subplot.projection.scale()")
    assert after > before * 1.1
    assert watched.errors == [] and watched.failed == []


# The page position of a network node, from plotly's own axes
NODE_XY_JS = """name => {
  const gd = Array.from(document.querySelectorAll('.js-plotly-plot')).find(p => p.offsetWidth > 0);
  for (const t of gd._fullData) {
    const i = t.meta && t.meta.role === 'nodes' ? t.customdata.indexOf(name) : -1;
    if (i < 0) continue;
    const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, box = gd.getBoundingClientRect();
    return {x: box.left + xa._offset + xa.l2p(t.x[i]), y: box.top + ya._offset + ya.l2p(t.y[i])};
  }
  return null;
}"""


def test_clicking_a_network_node_filters_by_its_actor(watched: Watched, server: str) -> None:
    page = watched.page
    open_view(page, server + "?view=Network")
    everything = events_metric(page)
    xy = page.evaluate(NODE_XY_JS, "Vladimir Putin")
    assert xy is not None
    page.mouse.click(xy["x"], xy["y"])
    putin = wait_metric_change(page, everything)
    assert 0 < putin < everything
    wait_url(page, {"view": ["Network"], "actor": ["Vladimir Putin"]})
    assert sidebar_chips(page) == ["Vladimir Putin"]
    page.wait_for_function("text => Array.from(document.querySelectorAll('.js-plotly-plot .gtitle-subtitle'))"
                           ".some(t => t.textContent.startsWith(text))",
                           arg=f"{putin} events", timeout=WAIT)  # the network is redrawn for his events
    page.go_back()  # the browser's Back button undoes the click
    wait_view(page, {"view": ["Network"]}, [], everything)
    assert watched.errors == []
