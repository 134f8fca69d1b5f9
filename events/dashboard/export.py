"""Chart downloads: images (kaleido + one persistent Chromium) and offline HTML. The data files (CSV/JSON/Parquet)
are events.dashboard.tables.

Image export needs a Chrome/Chromium binary. kaleido looks for its own download, then
$BROWSER_PATH, then `chromium`/`google-chrome` on PATH and the usual /usr/bin paths. One
browser is started lazily (`start_image_server`) and reused: ~1.5 s for the first image,
0.1-0.2 s after. Renders are serialised by a lock (kaleido's sync server is one queue).
Maps render offline: plotly.io.defaults.topojson points at static/topojson/ (file:// URL),
and HTML downloads carry the outlines inline (window.PlotlyGeoAssets).

Exports stand on their own in a report: `chart_file` puts a caption under a copy of the chart (filters, counts,
sources, date made; events.dashboard.caption), sizes it by a preset (slide, report column, full page) or by hand, and
lays a PDF on a printable page (A4 or Letter landscape) with its title and subject in the document's metadata.
"""

from __future__ import annotations

import dataclasses
import html
import io
import json
import os
import threading
import time
import warnings
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from events.dashboard import charts, i18n, tables
from events.dashboard import filters as flt
from events.dashboard.caption import TOOL_NAME, Caption
from events.dashboard.caption import caption as chart_caption
from events.dashboard.charts import style
from events.dashboard.charts.config import plotly_locale

ROOT = Path(__file__).resolve().parents[2]
TOPOJSON_DIR = ROOT / "static" / "topojson"
IMAGE_FORMATS = ("png", "svg", "pdf")
FORMATS = (*IMAGE_FORMATS, "html")
MIME_TYPES = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "html": "text/html",
    **tables.MIME_TYPES,  # the data files' downloads
}
GEO_TRACE_TYPES = ("scattergeo", "choropleth")  # traces drawn on a geo subplot (topojson)
DEFAULT_WIDTH = 1200
DEFAULT_HEIGHT = 700
RENDER_TIMEOUT = 120.0  # seconds for one image, including the first browser start
INSTALL_HINT = (
    "Install Chromium (Debian/Ubuntu: `apt-get install chromium`) or Google Chrome, "
    "or set BROWSER_PATH to a Chrome/Chromium executable."
)
KOPTS_WARNING = "The kopts argument is ignored if using a server"

T = TypeVar("T")
_start_lock = threading.Lock()
_render_lock = threading.Lock()
_server_browser: str | None = None  # the browser the running server was started with


class ImageExportUnavailable(RuntimeError):
    """No usable Chrome/Chromium for kaleido; the message says what to install."""


# ---------------------------------------------------------------- browser and server


def find_browser() -> str | None:
    """The Chrome/Chromium kaleido would use, or None (a bogus $BROWSER_PATH is returned as is)."""
    from choreographer.browsers.chromium import Chromium

    try:
        return Chromium.find_browser(skip_local=False)
    except Exception:
        return None


def _check_browser(path: str | None) -> str:
    """The browser path if it is an executable file, else ImageExportUnavailable."""
    if path and Path(path).is_file() and os.access(path, os.X_OK):
        return path
    if os.environ.get("BROWSER_PATH"):
        where = f"No browser at BROWSER_PATH={os.environ['BROWSER_PATH']!r}."
    elif path:
        where = f"No browser at {path!r}."
    else:
        where = "No Chrome/Chromium found."
    raise ImageExportUnavailable(
        f"Image export (PNG/SVG/PDF) needs Chromium. {where} {INSTALL_HINT}"
    )


def topojson_url() -> str:
    """file:// URL of the offline map outlines (trailing slash), as plotly.io.defaults wants."""
    return TOPOJSON_DIR.resolve().as_uri() + "/"


def _server() -> Any:
    """kaleido's global sync-server singleton."""
    import kaleido

    return kaleido._global_server  # only to check that its thread is alive


def _server_alive() -> bool:
    """True when kaleido's server is started and its thread still runs."""
    srv = _server()
    thread = getattr(srv, "_thread", None)
    return bool(srv.is_running() and thread is not None and thread.is_alive())


def start_image_server() -> str:
    """Start the persistent Chromium used for image export once; returns the browser path.

    Raises ImageExportUnavailable when no browser is found. Hold it in Streamlit with
    `st.cache_resource(start_image_server)()`; calling it again is cheap.
    """
    import kaleido

    global _server_browser
    with _start_lock:
        pio.defaults.topojson = topojson_url()
        warnings.filterwarnings("ignore", message=KOPTS_WARNING, category=UserWarning)
        if _server_alive():
            return str(_server_browser)
        if _server().is_running():  # its thread died: reset before starting again
            kaleido.stop_sync_server(silence_warnings=True)
        path = _check_browser(find_browser())
        kaleido.start_sync_server(path=path, mathjax=False, silence_warnings=True)
        _server_browser = path
        return path


def stop_image_server() -> None:
    """Stop the persistent Chromium (tests; the process exit does it too)."""
    import kaleido

    with _start_lock:
        if _server().is_running():
            kaleido.stop_sync_server(silence_warnings=True)


def _watched(fn: Callable[[], T], timeout: float = RENDER_TIMEOUT) -> T:
    """Run fn in a helper thread; fail instead of hanging if kaleido's server thread dies."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:
            box["error"] = exc

    worker = threading.Thread(target=run, daemon=True, name="events-export-render")
    worker.start()
    deadline = time.monotonic() + timeout
    while worker.is_alive():
        worker.join(0.05)
        if worker.is_alive() and not _server_alive():
            worker.join(0.5)
            if worker.is_alive():
                stop_image_server()
                raise ImageExportUnavailable(
                    f"The browser for image export ({_server_browser}) stopped or could not start. "
                    + INSTALL_HINT
                )
        if time.monotonic() > deadline:
            raise TimeoutError(f"image export took longer than {timeout:.0f} s")
    if "error" in box:
        raise box["error"]
    return box["value"]


def figure_image(
    fig: go.Figure,
    fmt: str = "png",
    scale: float = 2,
    width: int | None = None,
    height: int | None = None,
) -> bytes:
    """PNG/SVG/PDF bytes of a figure, rendered by the persistent Chromium (maps offline)."""
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"image format must be one of {', '.join(IMAGE_FORMATS)}, not {fmt!r}")
    start_image_server()
    w = width or fig.layout.width or DEFAULT_WIDTH
    h = height or fig.layout.height or DEFAULT_HEIGHT
    with _render_lock:
        try:
            return _watched(lambda: pio.to_image(fig, format=fmt, scale=scale, width=w, height=h))
        except ImageExportUnavailable:
            raise
        except RuntimeError as exc:
            if "chrome" in str(exc).lower() or "browser" in str(exc).lower():
                raise ImageExportUnavailable(f"{exc} {INSTALL_HINT}") from exc
            raise


# ---------------------------------------------------------------- captions, sizes and pages


@dataclasses.dataclass(frozen=True)
class Preset:
    """A named export size: the chart's pixels, and image pixels per chart pixel."""

    label: str
    width: int
    height: int
    scale: float


@dataclasses.dataclass(frozen=True)
class Size:
    """The size one export is drawn at."""

    width: int
    height: int
    scale: float
    grow: bool  # the caption adds to the height (the chart keeps its own size) rather than taking from it


PAGES_PT = {"a4": (841.89, 595.28), "letter": (792.0, 612.0)}  # landscape, PDF points (1/72 in)
PAGE_LABELS = {"a4": "A4 landscape", "letter": "Letter landscape"}
DEFAULT_PAGE = "a4"
CSS_PX_PER_PT = 96 / 72  # kaleido prints a PDF page of width x height CSS pixels, 96 to the inch


def page_px(page: str) -> tuple[int, int]:
    """A landscape page in CSS pixels: A4 is 1123 x 794."""
    if page not in PAGES_PT:
        raise ValueError(f"page must be one of {', '.join(PAGES_PT)}, not {page!r}")
    w, h = PAGES_PT[page]
    return round(w * CSS_PX_PER_PT), round(h * CSS_PX_PER_PT)


PRESETS: dict[str, Preset] = {
    "slide": Preset("Slide (1920 × 1080)", 1920, 1080, 1),
    "column": Preset("Report column (900 × 600, 2x)", 900, 600, 2),
    "page": Preset("Full page (A4 landscape, 2x)", *page_px(DEFAULT_PAGE), 2),  # follows the chosen page
}
CAPTION_FONT_PX = 12
CAPTION_LINE_PX = 16  # plotly sets lines 1.3 font sizes apart; a pixel more, so the reserved strip never falls short
CAPTION_PAD_PX = 8  # between the caption and the figure's foot, and between it and the legend above
CAPTION_CHAR_PX = 6.6  # a wide average glyph of the chart font at 12 px: lines are wrapped a little early
CAPTION_LEFT_PX = 180  # the plot area starts right of the axis labels (timeline lanes): room kept for them
HTML_CAPTION_PX = 800  # an HTML page's caption is wrapped for a window this wide (it has no fixed width)


def export_size(
    fig: go.Figure,
    fmt: str,
    preset: str | None = None,
    width: int | None = None,
    height: int | None = None,
    scale: float | None = None,
    page: str = DEFAULT_PAGE,
) -> Size:
    """Explicit width/height/scale, else the preset's, else (PDF) the page's, else the chart's own at 2x."""
    if preset is not None and preset not in PRESETS:
        raise ValueError(f"preset must be one of {', '.join(PRESETS)}, not {preset!r}")
    if preset == "page" or (preset is None and fmt == "pdf"):
        base: tuple[int, int, float] = (*page_px(page), 2)
    elif preset is not None:
        p = PRESETS[preset]
        base = (p.width, p.height, p.scale)
    else:
        base = (int(fig.layout.width or DEFAULT_WIDTH), int(fig.layout.height or DEFAULT_HEIGHT), 2)
    grow = preset is None and height is None and fmt != "pdf"  # a page or a preset is a fixed frame
    return Size(width or base[0], height or base[1], scale or base[2], grow)


def caption_lines(cap: Caption, width: int) -> list[str]:
    """The caption's lines, wrapped at ' · ' to fit a chart `width` pixels wide, HTML-escaped for plotly."""
    chars = max(40, int((width - CAPTION_LEFT_PX) / CAPTION_CHAR_PX))
    return [
        html.escape(line, quote=False)
        for parts in cap.parts()
        for line in style.subtitle_lines(parts, width=chars)
    ]


def with_caption(fig: go.Figure, cap: Caption, size: Size) -> go.Figure:
    """A copy of fig with the caption in a strip at its foot; the cached on-screen figure is never changed.

    Plotly places annotations only relative to the plot area, whose bottom moves when the legend or axis labels
    push the margin. Its top does not (nothing pushes the top margin here), so the caption hangs from the top of
    the plot area by a fixed number of pixels. Legends below the plot move up, above the strip, and plotly's
    auto-margin keeps the plot above them.
    """
    out = go.Figure(fig, _validate=False)  # a deep copy, without re-validating every trace
    lines = caption_lines(cap, size.width)
    strip = len(lines) * CAPTION_LINE_PX + 2 * CAPTION_PAD_PX
    total = size.height + strip if size.grow else size.height
    top = out.layout.margin.t if out.layout.margin.t is not None else 100  # plotly's default top margin
    bottom = out.layout.margin.b if out.layout.margin.b is not None else 80
    out.update_layout(height=total, margin={"t": top, "b": bottom + strip})
    if out.layout.legend.orientation == "h":  # the legends under the charts: lift them above the caption
        out.update_layout(legend={"yref": "container", "y": strip / total, "yanchor": "bottom"})
    out.add_annotation(
        name="caption",
        text="<br>".join(lines),
        xref="paper",
        x=0,
        xanchor="left",
        yref="paper",
        y=1,
        yanchor="bottom",
        yshift=-(total - top - CAPTION_PAD_PX),
        align="left",
        showarrow=False,
        font={"size": CAPTION_FONT_PX, "color": style.MUTED},
    )
    return out


def plain_title(fig: go.Figure) -> str:
    """The figure's title as plain text (tags dropped, entities read), for file metadata."""
    import re

    text = re.sub(r"<br\s*/?>", " ", str(fig.layout.title.text or ""))
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip() or "Chart"


def pdf_on_page(data: bytes, page: str = DEFAULT_PAGE, title: str = "", subject: str = "") -> bytes:
    """kaleido's one-page PDF scaled to fit a landscape page, centred, with Title/Subject/Author/Creator set."""
    from pypdf import PdfReader, PdfWriter, Transformation

    src = PdfReader(io.BytesIO(data)).pages[0]
    paper_w, paper_h = PAGES_PT[page]
    box = src.mediabox
    k = min(paper_w / float(box.width), paper_h / float(box.height))
    dx = (paper_w - float(box.width) * k) / 2 - float(box.left) * k
    dy = (paper_h - float(box.height) * k) / 2 - float(box.bottom) * k
    writer = PdfWriter()
    sheet = writer.add_blank_page(paper_w, paper_h)
    sheet.merge_transformed_page(src, Transformation().scale(k).translate(dx, dy))
    meta = {"/Title": title, "/Subject": subject, "/Author": TOOL_NAME, "/Creator": TOOL_NAME}
    writer.add_metadata({k: v for k, v in meta.items() if v})  # kaleido's own title was "Kaleido-fier"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


CHART_SIZE = "chart"  # the Export tab's size choice for "no preset": the chart as on screen, at 2x


class ExportLook(NamedTuple):
    """How the Export tab draws a chart's files; hashable, so it keys their cache."""

    caption: bool
    preset: str | None
    page: str
    made: date  # the caption's date: a page left open overnight makes tomorrow's files anew


def size_label(preset: str, lang: str = i18n.DEFAULT) -> str:
    """The Export tab's size option: 'Chart size (as on screen, 2x)' or a preset's label."""
    default = "Chart size (as on screen, 2x)" if preset == CHART_SIZE else PRESETS[preset].label
    return i18n.strings(lang).get(f"export.size.{preset}", default)


def page_label(page: str, lang: str = i18n.DEFAULT) -> str:
    """A PDF page: 'A4 landscape' / 'A4 vedere' (PAGE_LABELS in English)."""
    return i18n.strings(lang).get(f"export.page.{page}", PAGE_LABELS.get(page, page))


def failure_text(exc: Exception) -> str:
    """Why an export failed, for the page: what to install when there is no browser, else the error itself."""
    return str(exc) if isinstance(exc, ImageExportUnavailable) else f"{type(exc).__name__}: {exc}"


# ---------------------------------------------------------------- HTML


def _topojson_names(fig: go.Figure) -> list[str]:
    """Topojson files ('world_110m', ...) the figure's geo subplots will ask plotly.js for."""
    layout = fig.to_plotly_json().get("layout", {})
    names = set()
    for trace in fig.data:
        if trace.type not in GEO_TRACE_TYPES:
            continue
        geo = layout.get(trace.geo or "geo") or {}
        scope = str(geo.get("scope") or "world").replace(" ", "-")
        resolution = int(geo.get("resolution") or 110)
        names.add(f"{scope}_{resolution}m")
    return sorted(names)


def geo_assets_script(names: list[str]) -> str:
    """<script> that preloads topojson files into window.PlotlyGeoAssets (plotly.js reads them)."""
    parts = []
    for name in names:
        path = TOPOJSON_DIR / f"{name}.json"
        if not path.is_file():
            raise FileNotFoundError(f"map outlines {path} missing (see static/topojson/ORIGIN.md)")
        data = path.read_text(encoding="utf-8").replace("</", "<\\/")
        parts.append(f"window.PlotlyGeoAssets.topojson[{json.dumps(name)}] = {data};")
    return (
        "<script>\nwindow.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};\n"
        "window.PlotlyGeoAssets.topojson = window.PlotlyGeoAssets.topojson || {};\n"
        + "\n".join(parts)
        + "\n</script>"
    )


def figure_html(fig: go.Figure, title: str | None = None, description: str = "", lang: str = i18n.DEFAULT) -> bytes:
    """Self-contained interactive HTML (plotly.js inline, map outlines inline, the language's month names and
    toolbar titles): works offline."""
    locale = {} if lang == i18n.DEFAULT else {"locale": lang, "locales": {lang: plotly_locale(lang)}}
    div = pio.to_html(
        fig,
        include_plotlyjs=True,
        full_html=False,
        config={"displaylogo": False, "responsive": True, **locale},
        default_width="100%",
        default_height=f"{int(fig.layout.height or DEFAULT_HEIGHT)}px",
    )
    names = _topojson_names(fig)
    assets = geo_assets_script(names) if names else ""
    if title is None:
        title = fig.layout.title.text or "Chart"
    meta = f'<meta name="description" content="{html.escape(description)}">\n' if description else ""
    page = (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(str(title))}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"{meta}"
        "<style>body{margin:0;padding:12px;font-family:Arial,sans-serif;background:#fff}</style>\n"
        f"{assets}\n</head>\n<body>\n{div}\n</body>\n</html>\n"
    )
    return page.encode("utf-8")


def figure_file(
    fig: go.Figure,
    fmt: str,
    caption: Caption | None = None,
    preset: str | None = None,
    width: int | None = None,
    height: int | None = None,
    scale: float | None = None,
    page: str = DEFAULT_PAGE,
    lang: str = i18n.DEFAULT,
) -> bytes:
    """A figure as a download: png/svg/pdf (Chromium) or self-contained html, captioned when given a caption.

    Sizes: explicit width/height/scale win over the preset (PRESETS), which wins over the chart's own size at 2x;
    a PDF without either fills the page. A PDF is laid on a landscape `page` (a4 or letter), scaled to fit.
    `lang` is the language the figure's words are in: its date ticks follow it (see `local_date_ticks`).
    """
    if fmt not in FORMATS:
        raise ValueError(f"image format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    size = export_size(fig, fmt, preset, width, height, scale, page)
    if fmt == "html":  # the page is as wide as the browser window: wrap the caption for a narrow one
        size = dataclasses.replace(size, width=min(size.width, HTML_CAPTION_PX))
    out = with_caption(fig, caption, size) if caption is not None else fig
    if fmt == "html":
        return figure_html(out, description=caption.text() if caption else "", lang=lang)
    out = local_date_ticks(out, lang)
    high = int(out.layout.height) if caption is not None else size.height  # the caption's strip may add to it
    data = figure_image(out, fmt, scale=size.scale, width=size.width, height=high)
    if fmt == "pdf":
        data = pdf_on_page(data, page, title=plain_title(fig), subject=caption.filters if caption else "")
    return data


def local_date_ticks(fig: go.Figure, lang: str) -> go.Figure:
    """The figure with its date axes ticked in the language's words ('3 sept.', 'sept. 2025'), for images.

    plotly.js names months in English unless given a locale, and kaleido renders without the page's config: a
    Romanian chart would read "Sep 2025" under Romanian titles. The ticks are then given as values and texts:
    weeks (their Monday) over a short span, months over up to two years, years beyond. English figures are
    returned as they are.
    """
    axes = [name for name in fig.layout if name.startswith("xaxis") and getattr(fig.layout[name], "type", None) == "date"]
    if lang == i18n.DEFAULT or not axes:
        return fig
    span = _date_span(fig, axes)
    if span is None:
        return fig
    values, texts = date_ticks(span[0], span[1], lang)
    out = go.Figure(fig)
    out.update_layout({name: {"tickmode": "array", "tickvals": values, "ticktext": texts} for name in axes})
    return out


def _date_span(fig: go.Figure, axes: list[str]) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The first and last day the figure's date axes show: their ranges, else the traces' dates."""
    days: list[pd.Timestamp] = []
    for name in axes:
        rng = fig.layout[name].range
        if rng:
            days += [pd.Timestamp(v) for v in rng if v is not None]
    if not days:
        for trace in fig.data:
            xs = getattr(trace, "x", None)
            if xs is not None and len(xs):
                stamps = pd.to_datetime(pd.Series(list(xs)), errors="coerce").dropna()
                if len(stamps):
                    days += [stamps.min(), stamps.max()]
    return (min(days), max(days)) if days else None


def date_ticks(first: pd.Timestamp, last: pd.Timestamp, lang: str) -> tuple[list[str], list[str]]:
    """Tick values (ISO days) and texts in the language's words between two days: weekly Mondays, monthly or
    yearly by the span."""
    tr = i18n.strings(lang)
    first, last = first.normalize(), last.normalize()
    days = (last - first).days
    if days <= 60:
        ticks = list(pd.date_range(first - pd.Timedelta(days=first.weekday()), last, freq="7D"))
        texts = [tr.day_month(t.date()) for t in ticks]
    elif days <= 2 * 366:
        step = 1 if days <= 400 else 2
        ticks = [t for t in pd.date_range(first.replace(day=1), last, freq=f"{step}MS") if t >= first]
        texts = [tr.month_year(t.date()) if t.month == 1 or i == 0 else tr.month(t.date())
                 for i, t in enumerate(ticks)]
    else:
        ticks = [t for t in pd.date_range(first.replace(month=1, day=1), last, freq="YS") if t >= first]
        texts = [str(t.year) for t in ticks]
    return [t.date().isoformat() for t in ticks], texts


# ---------------------------------------------------------------- CLI entry


def format_for_path(path: str | os.PathLike[str]) -> str:
    """Output format from a file name's extension (png/svg/pdf/html)."""
    ext = Path(path).suffix.lower().lstrip(".")
    ext = {"htm": "html"}.get(ext, ext)
    if ext not in FORMATS:
        raise ValueError(f"can't tell the format of {str(path)!r}: use .{', .'.join(FORMATS)}")
    return ext


def render_chart(
    df: pd.DataFrame,
    chart: str,
    fmt: str,
    filters: flt.Filters | None = None,
    *,
    caption: bool = True,
    made: date | None = None,
    preset: str | None = None,
    page: str = DEFAULT_PAGE,
    **chart_options: Any,
) -> bytes:
    """Bytes of one chart (timeline/counts/map/network) as png/svg/pdf/html after filters, captioned by default."""
    if chart not in charts.CHARTS:
        raise ValueError(f"unknown chart {chart!r}; choose one of {', '.join(charts.CHARTS)}")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if filters is not None:
        df = flt.apply(df, filters)
    fig = charts.build(df, chart, **chart_options)
    cap = chart_caption(filters, df, made) if caption else None
    return figure_file(fig, fmt, caption=cap, preset=preset, page=page)
