"""The README's screenshots, made again: the dashboard on the bundled articles in headless Chromium (Debian's).

    .venv/bin/python scripts/screenshots.py            # all of them, into docs/screenshots/
    .venv/bin/python scripts/screenshots.py main-ro    # only some (names below, without .png)

A fresh store of the bundled articles in a temporary folder (data/events.db is left alone), `streamlit run
dashboard.py` on a free loopback port, Playwright driving /usr/bin/chromium (never `playwright install`: offline),
and `python -m events chart` for the exported images. Each page waits for its charts to be drawn.
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere: the events package is the project's

from tests.browser import CHROMIUM_ARGS, streamlit  # noqa: E402  (the page on a free port, as the browser tests run it)

OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
WAIT = 60_000  # ms
EXPORT_ARGS = ["timeline", "--actor", "Volodymyr Zelensky", "--type", "talks", "--type", "summit",
               "--from", "2025-02-01", "--to", "2025-09-30"]  # the README's example


def bundled_store(folder: Path) -> Path:
    """A store of the bundled articles (what a newcomer's first run reads)."""
    from events import ingest
    from events.store import Store

    db = folder / "events.db"
    with Store(db) as store:
        ingest.ingest_bundled(store)
    return db


def settle(page: Any, charts: int) -> None:
    """Wait until `charts` plotly charts are drawn and the page has stopped running."""
    page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}", timeout=WAIT)
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=WAIT)
    with contextlib.suppress(Exception):  # Streamlit's "running" indicator, when it shows
        page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=5_000)
    page.wait_for_timeout(1_500)  # fonts and plotly's transitions


def main_view(url: str, width: int) -> Callable[[Any, Path], None]:
    """The page's first view (headline, timeline and counts) at a window `width` px wide."""

    def shoot(browser: Any, path: Path) -> None:
        context = browser.new_context(viewport={"width": width, "height": 1100}, locale="en-US")
        page = context.new_page()
        page.goto(url)
        settle(page, 2)
        page.screenshot(path=str(path))
        context.close()

    return shoot


def chart_view(url: str, width: int, chart: int = 0) -> Callable[[Any, Path], None]:
    """One chart of a tab (the tab and region in the URL), cut to the chart's own box."""

    def shoot(browser: Any, path: Path) -> None:
        context = browser.new_context(viewport={"width": width, "height": 1200}, locale="en-US", device_scale_factor=1)
        page = context.new_page()
        page.goto(url)
        settle(page, 1)
        # the map's names are drawn last (a text trace): then the chart is complete
        page.wait_for_function("Array.from(document.querySelectorAll('.js-plotly-plot')).some(p => p.offsetWidth > 0"
                               " && p.querySelector('.scatterlayer .trace text'))", timeout=WAIT)
        page.wait_for_timeout(1_000)  # plotly lays out again once the element has its final width
        page.locator('[data-testid="stPlotlyChart"]').nth(chart).screenshot(path=str(path))
        context.close()

    return shoot


def exported(*extra: str) -> Callable[[Any, Path], None]:
    """A chart exported by `python -m events chart` with its caption (the README's example)."""

    def shoot(_browser: Any, path: Path, db: Path | None = None) -> None:
        subprocess.run([sys.executable, "-m", "events", "chart", *EXPORT_ARGS, *extra, "--db", str(DB), "-o", str(path)],
                       cwd=ROOT, check=True)

    return shoot


def _showcase_event() -> str:
    """The report standing for the event with most reports among those first reported as planned, then held."""
    from events.event_table import corrected_tables
    from events.store import Store

    with Store(DB, readonly=True) as store:
        _, events, _ = corrected_tables(store.events_frame(), store.corrections())
    held = events[[len(h) > 1 and h[-1]["status"] == "occurred" for h in events["status_history"]]]
    best = (held if len(held) else events).sort_values("n_reports", ascending=False, kind="stable").iloc[0]
    return str(best["report_id"])


def event_panel(url: str, width: int) -> Callable[[Any, Path], None]:
    """The event panel of an event reported several times, with its status history and one correction."""

    def shoot(browser: Any, path: Path) -> None:
        from events.corrections import Correction
        from events.store import Store

        report = _showcase_event()
        with Store(DB) as store:
            if not store.corrections():
                store.add_correction(Correction("set", report, "date", {"date": "2025-06-25", "precision": "day"},
                                                who="analyst"))
        context = browser.new_context(viewport={"width": width, "height": 3000}, locale="en-US")
        page = context.new_page()
        page.goto(url)
        settle(page, 2)
        k, i = page.evaluate(
            """(rid) => { const data = document.querySelectorAll('.js-plotly-plot')[0].data;
                 for (let k = 0; k < data.length; k++) { const cd = data[k].customdata || [];
                   const i = cd.indexOf(rid); if (i >= 0) return [k, i]; } return [-1, -1]; }""", report)
        point = page.locator(".js-plotly-plot").first.locator(".scatterlayer .trace").nth(k).locator("path.point").nth(i)
        point.click(force=True)
        page.get_by_text("Reported by").wait_for(timeout=WAIT)
        page.get_by_text("Correct this event").click()
        page.wait_for_timeout(1_000)
        page.locator('[class*="st-key-event_panel_"]').first.screenshot(path=str(path))
        context.close()

    return shoot


DB = Path()  # the temporary store, set by main()


def shots(url: str) -> dict[str, Callable[[Any, Path], None]]:
    """Name -> how to make it."""
    return {
        "main-en": main_view(url, 1500),
        "main-ro": main_view(url + "?ui_lang=ro", 1500),
        "main-900": main_view(url, 900),
        "main-ro-900": main_view(url + "?ui_lang=ro", 900),
        "map-ukraine": chart_view(url + "?view=Map&region=ukraine", 1500),
        "map-ukraine-ro": chart_view(url + "?view=Map&region=ukraine&ui_lang=ro", 1500),
        "event-panel": event_panel(url, 1500),
        "export-caption": exported(),
        "export-caption-ro": exported("--ui-lang", "ro"),
    }


def main() -> int:
    """Make the screenshots asked for (all by default) into docs/screenshots/."""
    global DB
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="which screenshots (default: all)")
    parser.add_argument("--out", type=Path, default=OUT, help="folder (default docs/screenshots)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        DB = bundled_store(Path(tmp))
        with streamlit(DB) as url, sync_playwright() as p:
            todo = shots(url)
            unknown = set(args.names) - set(todo)
            if unknown:
                parser.error(f"unknown screenshots {sorted(unknown)}; choose from {', '.join(todo)}")
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                for name in args.names or todo:
                    path = args.out / f"{name}.png"
                    todo[name](browser, path)
                    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
            finally:
                browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
