"""Tests for events.dashboard.export: real kaleido rendering, captions and sizes, offline HTML in Chromium."""

from __future__ import annotations

import html
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from events.dashboard import caption, charts, export, tables
from events.dashboard import filters as flt
from events.dashboard.caption import Caption
from events.dashboard.charts import counts, maps, timeline
from events.schema import to_frame
from tests.browser import CHROMIUM_ARGS
from tests.dashboard.test_filters import sample_frame

BROWSER = export.find_browser()
HAVE_BROWSER = bool(BROWSER and Path(BROWSER).is_file())
needs_browser = pytest.mark.skipif(not HAVE_BROWSER, reason="no Chromium for kaleido/Playwright")
MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-", "svg": b"<svg"}


# ---------------------------------------------------------------- formats and dispatch


def test_frame_file_and_figure_file_reject_unknown_formats(df: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="data format"):
        tables.frame_file(df, "xlsx")
    with pytest.raises(ValueError, match="image format"):
        export.figure_file(counts.counts_over_time(df), "gif")
    page = export.figure_file(counts.counts_over_time(df), "html")
    assert page.startswith(b"<!DOCTYPE html>") and set(export.FORMATS) <= set(export.MIME_TYPES)


def test_format_for_path() -> None:
    assert export.format_for_path("out/timeline.PNG") == "png"
    assert export.format_for_path("map.htm") == "html"
    assert export.format_for_path(Path("x.pdf")) == "pdf"
    with pytest.raises(ValueError, match=r"\.png"):
        export.format_for_path("chart.jpeg")


def test_render_chart_rejects_unknown(df: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="unknown chart"):
        export.render_chart(df, "pie", "png")
    with pytest.raises(ValueError, match="unknown format"):
        export.render_chart(df, "map", "gif")
    with pytest.raises(ValueError, match="image format"):
        export.figure_image(go.Figure(), "jpg")


@pytest.mark.parametrize("chart", charts.CHARTS)
def test_render_chart_html(df: pd.DataFrame, chart: str) -> None:
    page = export.render_chart(df, chart, "html", flt.Filters(actors=("Russia",)))
    assert page.startswith(b"<!DOCTYPE html>") and b"Plotly.newPlot" in page
    assert (b"window.PlotlyGeoAssets.topojson[" in page) == (chart == "map")
    assert b'<script src="http' not in page and b"<script src='http" not in page


def test_html_embeds_only_the_needed_outlines() -> None:
    fig = maps.actor_map(sample_frame())
    assert export._topojson_names(fig) == ["world_110m"]
    fig.update_geos(resolution=50)
    assert export._topojson_names(fig) == ["world_50m"]
    assert export._topojson_names(timeline.timeline(sample_frame())) == []
    bare = go.Figure(go.Scattergeo(lon=[0], lat=[0]))
    assert export._topojson_names(bare) == ["world_110m"]


# ---------------------------------------------------------------- images (real kaleido)


@needs_browser
@pytest.mark.parametrize("fmt", export.IMAGE_FORMATS)
@pytest.mark.parametrize("chart", ["timeline", "map"])
def test_images_render(df: pd.DataFrame, chart: str, fmt: str) -> None:
    data = export.render_chart(df, chart, fmt)
    assert data.startswith(MAGIC[fmt]), data[:20]
    assert len(data) > 5_000
    assert pio.defaults.topojson == export.topojson_url()
    assert pio.defaults.topojson.startswith("file://")
    if chart == "map" and fmt == "svg":  # outlines drawn from the local topojson
        svg = data.decode()
        land = svg.split('class="layer land"', 1)[1][:5000]
        assert "<path d=" in land and len(land) > 2_000


@needs_browser
def test_png_size_and_other_charts(df: pd.DataFrame) -> None:
    png = export.figure_image(counts.counts_over_time(df), "png", scale=1, width=800, height=400)
    assert png.startswith(MAGIC["png"])
    width = int.from_bytes(png[16:20], "big")
    height = int.from_bytes(png[20:24], "big")
    assert (width, height) == (800, 400)
    assert export.render_chart(df, "network", "png").startswith(MAGIC["png"])
    empty = export.render_chart(to_frame([]), "map", "png")  # empty map renders too
    assert empty.startswith(MAGIC["png"])


@needs_browser
def test_server_is_reused(df: pd.DataFrame) -> None:
    path = export.start_image_server()
    assert path == export.start_image_server()
    assert export._server_alive()
    fig = timeline.timeline(df)
    import time

    t0 = time.perf_counter()
    export.figure_image(fig, "png")
    assert time.perf_counter() - t0 < 5  # no new browser per image


def test_unavailable_with_bogus_browser_path(
    monkeypatch: pytest.MonkeyPatch, df: pd.DataFrame
) -> None:
    export.stop_image_server()
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    with pytest.raises(export.ImageExportUnavailable) as info:
        export.figure_image(timeline.timeline(df), "png")
    msg = str(info.value)
    assert "BROWSER_PATH='/nonexistent/chromium'" in msg
    assert "apt-get install chromium" in msg
    assert not export._server_alive()
    with pytest.raises(export.ImageExportUnavailable, match="apt-get install chromium"):
        export.render_chart(df, "map", "pdf")


def test_unavailable_when_no_browser_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    export.stop_image_server()
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setattr(export, "find_browser", lambda: None)
    with pytest.raises(export.ImageExportUnavailable, match="No Chrome/Chromium found"):
        export.start_image_server()
    assert issubclass(export.ImageExportUnavailable, RuntimeError)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
@pytest.mark.skipif(not Path("/bin/false").is_file(), reason="needs /bin/false")
def test_browser_that_dies_at_start_does_not_hang(
    monkeypatch: pytest.MonkeyPatch, df: pd.DataFrame
) -> None:
    export.stop_image_server()
    monkeypatch.setenv("BROWSER_PATH", "/bin/false")  # an executable that exits at once
    with pytest.raises(export.ImageExportUnavailable, match="could not start"):
        export.figure_image(timeline.timeline(df), "png")
    assert not export._server_alive()


@needs_browser
def test_restarts_after_unavailable(df: pd.DataFrame) -> None:
    export.stop_image_server()
    assert export.figure_image(timeline.timeline(df), "svg").startswith(MAGIC["svg"])


# ---------------------------------------------------------------- offline HTML in Chromium


def _load_offline(path: Path) -> dict[str, Any]:
    """Open a file in headless Chromium with the network off; what was drawn and requested."""
    from playwright.sync_api import sync_playwright

    out: dict[str, Any] = {"failed": [], "requests": [], "errors": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=BROWSER, headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(offline=True)
            page = context.new_page()
            page.on("requestfailed", lambda r: out["failed"].append(r.url))
            page.on("request", lambda r: out["requests"].append(r.url))
            page.on("pageerror", lambda e: out["errors"].append(str(e)))
            page.goto(path.as_uri())
            page.wait_for_selector(".main-svg", timeout=20_000)
            page.wait_for_timeout(500)
            out["layers"] = page.evaluate(
                """() => Object.fromEntries(Array.from(document.querySelectorAll('.geo .layer'))
                    .map(g => [g.getAttribute('class').replace('layer ', ''),
                               Array.from(g.querySelectorAll('path'))
                                    .map(p => (p.getAttribute('d') || '').length)
                                    .reduce((a, b) => a + b, 0)]))"""
            )
            out["points"] = page.evaluate(
                "() => document.querySelectorAll('.geo .scattergeo path.point').length"
            )
        finally:
            browser.close()
    return out


@needs_browser
def test_html_map_renders_offline(tmp_path: Path, df: pd.DataFrame) -> None:
    page = tmp_path / "map.html"
    page.write_bytes(export.figure_html(maps.actor_map(df)))
    seen = _load_offline(page)
    assert seen["failed"] == [] and seen["errors"] == []
    assert seen["requests"] == [page.as_uri()]  # nothing else fetched
    assert seen["layers"]["land"] > 10_000  # the land outlines are drawn
    assert seen["layers"]["countries"] > 10_000
    assert seen["points"] >= 12  # 7 countries + 5 targets


@needs_browser
def test_plain_plotly_html_map_is_blank_offline(tmp_path: Path, df: pd.DataFrame) -> None:
    """Control: without the inlined outlines the same map has no land offline."""
    page = tmp_path / "plain.html"
    maps.actor_map(df).write_html(page, include_plotlyjs=True)
    seen = _load_offline(page)
    assert seen["failed"], "plotly.js should have tried to fetch the topojson"
    assert seen["layers"].get("land", 0) == 0


def test_figure_html_is_self_contained(df: pd.DataFrame) -> None:
    page = export.figure_html(maps.actor_map(df)).decode()
    assert "<title>Who talks with whom" in page
    assert page.count("<script") >= 3
    assert 'window.PlotlyGeoAssets.topojson["world_110m"] = {"type":"Topology"' in page
    head, _, body = page.partition("</head>")
    assert "PlotlyGeoAssets" in head and "Plotly.newPlot" in body


# ---------------------------------------------------------------- captions, sizes, pages

MADE = date(2026, 12, 4)
RUSSIA = flt.Filters(actors=("Russia",), date_from=date(2025, 2, 1), date_to=date(2025, 9, 30))


def russia_caption(df: pd.DataFrame) -> Caption:
    """The caption of the sample's Russia view."""
    return caption.caption(RUSSIA, flt.apply(df, RUSSIA), MADE)


def caption_annotation(fig: go.Figure) -> Any:
    """The caption's annotation (exactly one)."""
    (ann,) = [a for a in fig.layout.annotations if a.name == "caption"]
    return ann


@pytest.mark.parametrize("chart", charts.CHARTS)
def test_caption_goes_on_a_copy_below_the_plot(df: pd.DataFrame, chart: str) -> None:
    fig = charts.build(flt.apply(df, RUSSIA), chart)
    before = fig.to_json()
    size = export.export_size(fig, "png")
    out = export.with_caption(fig, russia_caption(df), size)
    assert fig.to_json() == before  # the cached on-screen figure is untouched
    ann = caption_annotation(out)
    assert ann.text.startswith("Actor: Russia · 1 Feb – 30 Sep 2025<br>10 events from 10 articles · Sources: ")
    strip = 2 * export.CAPTION_LINE_PX + 2 * export.CAPTION_PAD_PX  # two short lines
    assert out.layout.height == fig.layout.height + strip  # the chart keeps its size; the strip is added
    assert out.layout.margin.b == fig.layout.margin.b + strip
    # hung from the plot's top, whose place no legend or axis label moves: the caption ends PAD above the foot
    assert (ann.yref, ann.y, ann.yanchor) == ("paper", 1, "bottom")
    assert out.layout.height - out.layout.margin.t + ann.yshift == export.CAPTION_PAD_PX
    if fig.layout.legend.orientation == "h":  # the legend sits on the strip, not on the caption
        assert (out.layout.legend.yref, out.layout.legend.yanchor) == ("container", "bottom")
        assert out.layout.legend.y == pytest.approx(strip / out.layout.height)


def test_caption_in_a_fixed_frame_takes_room_from_the_plot(df: pd.DataFrame) -> None:
    fig = timeline.timeline(df)
    size = export.export_size(fig, "png", preset="slide")
    out = export.with_caption(fig, russia_caption(df), size)
    assert (size.width, size.height, size.scale, size.grow) == (1920, 1080, 1, False)
    assert out.layout.height == 1080


def test_long_captions_wrap_to_the_width(df: pd.DataFrame) -> None:
    many = flt.Filters(actors=("Russia", "Ukraine", "United States", "Turkey"), countries=("RUS", "UKR"),
                       event_types=("talks", "air_attack"), statuses=("occurred", "planned"), languages=("ro",),
                       sources=("Agerpres", "Reuters"), text="atac", date_from=date(2024, 12, 1))
    cap = caption.caption(many, df, MADE)
    wide = export.caption_lines(cap, 1920)
    narrow = export.caption_lines(cap, 600)
    assert len(wide) == 2 and len(narrow) > 4
    chars = (600 - export.CAPTION_LEFT_PX) / export.CAPTION_CHAR_PX
    assert all(len(html.unescape(line)) <= chars for line in narrow)
    assert " ".join(narrow).replace(" · ", " ") == " ".join(wide).replace(" · ", " ")  # nothing lost
    assert "United States +1 more" in narrow[0]


def test_caption_text_is_escaped_for_plotly(df: pd.DataFrame) -> None:
    cap = caption.caption(flt.Filters(text="<b>x</b> & y"), to_frame([]), MADE)
    ann = caption_annotation(export.with_caption(timeline.timeline(to_frame([])), cap, export.Size(800, 400, 1, True)))
    assert "Text: “&lt;b&gt;x&lt;/b&gt; &amp; y”" in ann.text and "Diplomacy &amp; war" in ann.text


@pytest.mark.parametrize(
    ("fmt", "kwargs", "expected"),
    [
        ("png", {}, (1200, 380, 2, True)),  # the timeline's own size, at 2x
        ("svg", {"preset": "column"}, (900, 600, 2, False)),
        ("png", {"preset": "slide", "scale": 2}, (1920, 1080, 2, False)),  # explicit values win over the preset
        ("png", {"preset": "page"}, (1123, 794, 2, False)),
        ("png", {"preset": "page", "page": "letter"}, (1056, 816, 2, False)),
        ("pdf", {}, (1123, 794, 2, False)),  # a PDF fills its page
        ("pdf", {"page": "letter", "width": 1000}, (1000, 816, 2, False)),
        ("html", {"height": 500}, (1200, 500, 2, False)),
    ],
)
def test_export_size(df: pd.DataFrame, fmt: str, kwargs: dict[str, Any], expected: tuple[Any, ...]) -> None:
    size = export.export_size(timeline.timeline(df), fmt, **kwargs)
    assert (size.width, size.height, size.scale, size.grow) == expected


def test_presets_and_pages_are_checked(df: pd.DataFrame) -> None:
    assert set(export.PRESETS) == {"slide", "column", "page"}
    with pytest.raises(ValueError, match="preset must be one of slide, column, page"):
        export.export_size(timeline.timeline(df), "png", preset="poster")
    with pytest.raises(ValueError, match="page must be one of a4, letter"):
        export.page_px("a3")


def test_html_carries_the_caption(df: pd.DataFrame) -> None:
    cap = russia_caption(df)
    page = export.figure_file(maps.actor_map(df), "html", caption=cap).decode()
    (text,) = [a["text"] for a in html_layout(page)["annotations"] if a.get("name") == "caption"]
    assert text.startswith("Actor: Russia · 1 Feb – 30 Sep 2025<br>10 events from 10 articles")  # in the figure
    assert f'<meta name="description" content="{cap.text().replace("&", "&amp;")}">' in page
    plain = export.figure_file(maps.actor_map(df), "html").decode()
    assert "Made on" not in plain


def html_layout(page: str) -> dict[str, Any]:
    """The layout of the figure in an HTML export (the third argument of Plotly.newPlot)."""
    decoder = json.JSONDecoder()
    rest = page[page.index("Plotly.newPlot(") + len("Plotly.newPlot(") :]
    for _ in range(3):  # the div's id, the data, the layout
        value, end = decoder.raw_decode(rest.lstrip())
        rest = rest.lstrip()[end:].lstrip().removeprefix(",")
    return value


def blank_pdf(width: float, height: float) -> bytes:
    """A one-page PDF of the given size in points, titled as kaleido titles its PDFs."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width, height)
    writer.add_metadata({"/Title": "Kaleido-fier"})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


@pytest.mark.parametrize(("page", "paper"), [("a4", (841.89, 595.28)), ("letter", (792, 612))])
def test_pdf_on_page_fits_the_paper_and_names_itself(page: str, paper: tuple[float, float]) -> None:
    from pypdf import PdfReader

    data = export.pdf_on_page(blank_pdf(1800, 570), page, title="Events over time by type", subject="Actor: Russia")
    reader = PdfReader(io.BytesIO(data))
    (sheet,) = reader.pages
    assert (float(sheet.mediabox.width), float(sheet.mediabox.height)) == pytest.approx(paper, abs=0.01)
    meta = reader.metadata
    assert (meta.title, meta.subject) == ("Events over time by type", "Actor: Russia")
    assert meta.author == meta.creator == "Diplomacy & war in the news"


def test_plain_title_for_metadata() -> None:
    fig = go.Figure(layout={"title": {"text": "Talks &amp; summits<br><i>by week</i>"}})
    assert export.plain_title(fig) == "Talks & summits by week"
    assert export.plain_title(go.Figure()) == "Chart"


@needs_browser
@pytest.mark.parametrize("chart", charts.CHARTS)
def test_svg_carries_the_caption(df: pd.DataFrame, chart: str) -> None:
    svg = export.render_chart(df, chart, "svg", RUSSIA, made=MADE).decode()
    assert "Actor: Russia · 1 Feb – 30 Sep 2025" in svg
    assert "Made on 4 Dec 2026 with Diplomacy &amp; war in the news" in svg
    assert "Made on" not in export.render_chart(df, chart, "svg", RUSSIA, caption=False).decode()


@needs_browser
def test_png_caption_is_a_strip_added_below(df: pd.DataFrame) -> None:
    plain = export.render_chart(df, "timeline", "png", RUSSIA, caption=False)
    captioned = export.render_chart(df, "timeline", "png", RUSSIA, made=MADE)
    strip = 2 * export.CAPTION_LINE_PX + 2 * export.CAPTION_PAD_PX
    assert png_dims(plain) == (2 * 1200, 2 * 380)
    assert png_dims(captioned) == (2 * 1200, 2 * (380 + strip))


@needs_browser
@pytest.mark.parametrize(("preset", "dims"), [("slide", (1920, 1080)), ("column", (1800, 1200)),
                                              ("page", (2246, 1588))])
def test_png_presets(df: pd.DataFrame, preset: str, dims: tuple[int, int]) -> None:
    assert png_dims(export.render_chart(df, "counts", "png", RUSSIA, preset=preset)) == dims


@needs_browser
@pytest.mark.parametrize(("page", "paper"), [("a4", (841.89, 595.28)), ("letter", (792, 612))])
def test_pdf_is_a_landscape_page_with_title_and_subject(df: pd.DataFrame, page: str, paper: tuple[float, float]) -> None:
    from pypdf import PdfReader

    data = export.render_chart(df, "map", "pdf", RUSSIA, made=MADE, page=page)
    reader = PdfReader(io.BytesIO(data))
    (sheet,) = reader.pages
    assert (float(sheet.mediabox.width), float(sheet.mediabox.height)) == pytest.approx(paper, abs=0.01)
    meta = reader.metadata
    assert meta.title == "Who talks with whom, and where air attacks hit"
    assert meta.subject == "Actor: Russia · 1 Feb – 30 Sep 2025"
    assert meta.author == "Diplomacy & war in the news" and b"Kaleido-fier" not in data
    assert "Actor: Russia" in sheet.extract_text()  # the caption is on the page, as text


def png_dims(data: bytes) -> tuple[int, int]:
    """(width, height) of a PNG."""
    assert data.startswith(MAGIC["png"])
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_export_look_size_labels_and_failures() -> None:
    look = export.ExportLook(True, None, "a4", MADE)
    assert hash(look) == hash(export.ExportLook(True, None, "a4", MADE))  # it keys the page's cache
    assert export.size_label(export.CHART_SIZE) == "Chart size (as on screen, 2x)"
    assert export.size_label("slide") == export.PRESETS["slide"].label
    no_browser = export.ImageExportUnavailable("Image export needs Chromium.")
    assert export.failure_text(no_browser) == "Image export needs Chromium."  # what to install, as it is
    assert export.failure_text(ValueError("bad")) == "ValueError: bad"
