"""Tests for events.export: table downloads, real kaleido rendering, offline HTML in Chromium."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from events import charts, export
from events import filters as flt
from events.schema import EVENT_COLUMNS, to_frame
from tests.browser import CHROMIUM_ARGS
from tests.test_filters import ROWS, sample_frame

BROWSER = export.find_browser()
HAVE_BROWSER = bool(BROWSER and Path(BROWSER).is_file())
needs_browser = pytest.mark.skipif(not HAVE_BROWSER, reason="no Chromium for kaleido/Playwright")
MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-", "svg": b"<svg"}


@pytest.fixture
def df() -> pd.DataFrame:
    """Prepared synthetic table (helper columns must not leak into exports)."""
    return flt.prepare(sample_frame())


def read_csv_rows(data: bytes) -> list[dict[str, str]]:
    """CSV bytes -> list of row dicts, exactly as a spreadsheet would get the text."""
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


# ---------------------------------------------------------------- CSV


def test_csv_columns_lists_and_dates(df: pd.DataFrame) -> None:
    rows = read_csv_rows(export.frame_csv(df))
    assert list(rows[0]) == list(EVENT_COLUMNS)  # no helper columns
    r = {row["event_id"]: row for row in rows}
    assert r["ev01"]["actors"] == (
        "Vladimir Putin (person, RUS, participant); Donald Trump (person, USA, participant)"
    )
    assert r["ev12"]["actors"].startswith("NATO (organization, participant); ")
    assert r["ev01"]["countries"] == "RUS; USA"
    assert r["ev04"]["attributed_to"] == "Reuters"
    assert r["ev01"]["date"] == "2025-08-15" and r["ev01"]["published"] == "2025-08-16"
    assert r["ev06"]["date"] == ""
    assert r["ev01"]["lon"] == "-149.9003"  # numbers are not touched
    assert r["ev02"]["sentence"].startswith("Delegațiile Rusiei și Ucrainei")  # UTF-8 kept
    back = pd.read_csv(io.BytesIO(export.frame_csv(df)))
    assert list(back.columns) == list(EVENT_COLUMNS) and len(back) == 20


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("sentence", '=HYPERLINK("http://evil.example","click")'),
        ("title", "+cmd|' /C calc'!A0"),
        ("location_name", "-2+3+cmd|' /C calc'!A0"),
        ("source", "@SUM(1+1)*cmd|' /C calc'!A0"),
        ("date_text", "\t=1+1"),
        ("url", "\r=1+1"),
        ("path", "=cmd"),
    ],
)
def test_csv_neutralises_formulas(field: str, value: str) -> None:
    frame = to_frame([dict(ROWS[0], **{field: value})])
    (row,) = read_csv_rows(export.frame_csv(frame))
    assert row[field] == "'" + value
    assert row["event_id"] == "ev01"  # ordinary cells unchanged


def test_csv_neutralises_list_cells() -> None:
    evil = {"name": "=1+2", "kind": "person", "country": None, "role": "initiator"}
    frame = to_frame([dict(ROWS[0], actors=[evil], attributed_to=["@foo", "bar"])])
    (row,) = read_csv_rows(export.frame_csv(frame))
    assert row["actors"] == "'=1+2 (person, initiator)"
    assert row["attributed_to"] == "'@foo; bar"


def test_csv_empty_frame() -> None:
    data = export.frame_csv(to_frame([]))
    assert data.decode("utf-8-sig").strip() == ",".join(EVENT_COLUMNS)


# ---------------------------------------------------------------- JSON and Parquet


def test_json_records(df: pd.DataFrame) -> None:
    records = json.loads(export.frame_json(df))
    assert len(records) == 20
    assert list(records[0]) == list(EVENT_COLUMNS)
    r = {rec["event_id"]: rec for rec in records}
    assert r["ev01"]["date"] == "2025-08-15" and r["ev01"]["published"] == "2025-08-16"
    assert r["ev06"]["date"] is None
    assert r["ev04"]["lat"] is None and r["ev01"]["lat"] == 61.2181
    assert r["ev01"]["actors"] == ROWS[0]["actors"]
    assert r["ev12"]["actors"][0] == {
        "name": "NATO",
        "kind": "organization",
        "country": None,
        "role": "participant",
    }
    assert r["ev01"]["start"] == 100 and isinstance(r["ev01"]["confidence"], float)
    assert "ț" in export.frame_json(df).decode()  # UTF-8, not \\u escapes
    assert json.loads(export.frame_json(to_frame([]))) == []


def test_json_round_trip_to_frame(df: pd.DataFrame) -> None:
    back = to_frame(json.loads(export.frame_json(df)))
    pd.testing.assert_frame_equal(back, sample_frame())


def test_parquet_round_trip(df: pd.DataFrame) -> None:
    back = pd.read_parquet(io.BytesIO(export.frame_parquet(df)))
    assert list(back.columns) == list(EVENT_COLUMNS)
    assert back["date"].dtype == "datetime64[s]" or str(back["date"].dtype).startswith("datetime64")
    rows = back.to_dict("records")
    for col in ("actors", "countries", "attributed_to"):
        for row in rows:
            row[col] = [dict(v) if isinstance(v, dict) else v for v in list(row[col])]
    pd.testing.assert_frame_equal(to_frame(rows), sample_frame())


def test_parquet_empty_and_odd_cells() -> None:
    assert pd.read_parquet(io.BytesIO(export.frame_parquet(to_frame([])))).empty
    odd = to_frame([dict(ROWS[0], actors=[{"name": "X"}], countries=None)])
    back = pd.read_parquet(io.BytesIO(export.frame_parquet(odd)))
    assert next(iter(back["actors"][0]))["name"] == "X"
    assert list(back["countries"][0]) == []


# ---------------------------------------------------------------- formats and dispatch


@pytest.mark.parametrize("fmt", export.DATA_FORMATS)
def test_frame_file_dispatches_by_format(df: pd.DataFrame, fmt: str) -> None:
    writer = {"csv": export.frame_csv, "json": export.frame_json, "parquet": export.frame_parquet}[fmt]
    assert export.frame_file(df, fmt) == writer(df)
    assert fmt in export.MIME_TYPES


def test_frame_file_and_figure_file_reject_unknown_formats(df: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="data format"):
        export.frame_file(df, "xlsx")
    with pytest.raises(ValueError, match="image format"):
        export.figure_file(charts.counts_over_time(df), "gif")
    page = export.figure_file(charts.counts_over_time(df), "html")
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
    fig = charts.actor_map(sample_frame())
    assert export._topojson_names(fig) == ["world_110m"]
    fig.update_geos(resolution=50)
    assert export._topojson_names(fig) == ["world_50m"]
    assert export._topojson_names(charts.timeline(sample_frame())) == []
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
    png = export.figure_image(charts.counts_over_time(df), "png", scale=1, width=800, height=400)
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
    fig = charts.timeline(df)
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
        export.figure_image(charts.timeline(df), "png")
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
        export.figure_image(charts.timeline(df), "png")
    assert not export._server_alive()


@needs_browser
def test_restarts_after_unavailable(df: pd.DataFrame) -> None:
    export.stop_image_server()
    assert export.figure_image(charts.timeline(df), "svg").startswith(MAGIC["svg"])


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
    page.write_bytes(export.figure_html(charts.actor_map(df)))
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
    charts.actor_map(df).write_html(page, include_plotlyjs=True)
    seen = _load_offline(page)
    assert seen["failed"], "plotly.js should have tried to fetch the topojson"
    assert seen["layers"].get("land", 0) == 0


def test_figure_html_is_self_contained(df: pd.DataFrame) -> None:
    page = export.figure_html(charts.actor_map(df)).decode()
    assert "<title>Who talks with whom" in page
    assert page.count("<script") >= 3
    assert 'window.PlotlyGeoAssets.topojson["world_110m"] = {"type":"Topology"' in page
    head, _, body = page.partition("</head>")
    assert "PlotlyGeoAssets" in head and "Plotly.newPlot" in body
