"""python -m events chart: filters, formats, exit codes (1 when image export is unavailable)."""

from __future__ import annotations

import io
import json
import re
import struct
from pathlib import Path

import pytest

from events.cli import main
from events.dashboard import export
from tests.dashboard.test_export import html_layout
from tests.dashboard_data import build_store

BROWSER = export.find_browser()
needs_browser = pytest.mark.skipif(not (BROWSER and Path(BROWSER).is_file()), reason="no Chromium for kaleido")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the seed article and three small articles."""
    folder = tmp_path_factory.mktemp("chart")
    build_store(folder / "events.db", folder / "articles")
    return folder / "events.db"


def run(*argv: str) -> tuple[int, str, str]:
    """main() with captured output."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def plotly_data(page: str) -> list[dict]:
    """The traces of the figure in an HTML export."""
    m = re.search(r'Plotly\.newPlot\(\s*"[^"]+",\s*(\[.*?\]),\s*\{', page, re.S)
    assert m, "no Plotly.newPlot call"
    return json.loads(m.group(1))


@pytest.mark.parametrize("chart", ["timeline", "counts", "compare", "map", "network"])
def test_html_of_every_chart(db: Path, tmp_path: Path, chart: str) -> None:
    out = tmp_path / f"{chart}.html"
    code, _, err = run("chart", chart, "--db", str(db), "-o", str(out))
    assert code == 0, err
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Plotly.newPlot" in page
    assert re.search(rf"^{chart} chart of \d+ events \(no filters\) written to ", err)


def test_actor_filter_narrows_the_chart(db: Path, tmp_path: Path) -> None:
    every, russia = tmp_path / "all.html", tmp_path / "russia.html"
    assert run("chart", "timeline", "--db", str(db), "-o", str(every))[0] == 0
    code, _, err = run("chart", "timeline", "--db", str(db), "--actor", "russia", "-o", str(russia))
    assert code == 0, err
    assert "(actor=Russia)" in err  # matched case-insensitively to the canonical name
    assert 0 < n_events(russia) < n_events(every)


def n_events(path: Path) -> int:
    """Events drawn on a timeline HTML export."""
    return sum(
        len(t["x"]) for t in plotly_data(path.read_text(encoding="utf-8")) if (t.get("meta") or {}).get("role") == "events"
    )


@pytest.mark.parametrize("typed", ["Zelenski", "ZELENSKYY", "Зеленський", "volodymyr zelensky"])
def test_actor_by_any_name_gives_the_canonical_actors_events(db: Path, tmp_path: Path, typed: str) -> None:
    canonical, variant = tmp_path / "canonical.html", tmp_path / "variant.html"
    assert run("chart", "timeline", "--db", str(db), "--actor", "Volodymyr Zelensky", "-o", str(canonical))[0] == 0
    code, _, err = run("chart", "timeline", "--db", str(db), "--actor", typed, "-o", str(variant))
    assert code == 0, err
    assert "(actor=Volodymyr Zelensky)" in err
    noted = f"Read actor '{typed}' as 'Volodymyr Zelensky'." in err
    assert noted == (typed != "volodymyr zelensky")  # the name itself: nothing to note
    assert n_events(variant) == n_events(canonical) > 0


def test_unknown_actor_gets_did_you_mean(db: Path, tmp_path: Path) -> None:
    code, _, err = run("chart", "timeline", "--db", str(db), "--actor", "Zelenskee", "-o", str(tmp_path / "t.html"))
    assert code == 2
    assert err.strip() == ("python -m events chart: error: actor 'Zelenskee': not in the loaded events. "
                           "Did you mean 'Volodymyr Zelensky'?")
    code, _, err = run("chart", "timeline", "--db", str(db), "--actor", "Kim Jong Un", "-o", str(tmp_path / "t.html"))
    assert code == 2 and "actor 'Kim Jong Un': no loaded event has this actor" in err
    assert not (tmp_path / "t.html").exists()


def test_search_finds_titles_texts_and_sentences(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.html"
    code, _, err = run("chart", "timeline", "--db", str(db), "--search", "geneva", "-o", str(out))
    assert code == 0, err
    assert "the search matched 1 article (title or text) and 1 evidence sentence" in err
    assert n_events(out) >= 1
    for typed in ('"', "AND", "Russia OR", "(Odesa"):  # never a crash; what was done is said
        code, _, err = run("chart", "timeline", "--db", str(db), "--search", typed, "-o", str(out))
        assert code == 0, err
        assert "as plain words" in err or "Nothing to search for" in err


def test_search_of_a_store_without_index_says_so(db: Path, tmp_path: Path) -> None:
    from tests.test_search import drop_index

    old = tmp_path / "old.db"
    old.write_bytes(db.read_bytes())
    drop_index(old)
    code, _, err = run("chart", "timeline", "--db", str(old), "--search", "Odesa", "-o", str(tmp_path / "t.html"))
    assert code == 0, err
    assert "has no full-text index yet, so only the evidence sentences were searched" in err
    assert n_events(tmp_path / "t.html") == 1  # the one sentence naming Odesa


def test_type_status_and_dates(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "c.html"
    code, _, err = run(
        "chart", "counts", "--db", str(db), "--type", "air_attack", "--status", "occurred",
        "--from", "2025-10-01", "--to", "2025-10-31", "-o", str(out),
    )  # fmt: skip
    assert code == 0, err
    assert "type=air_attack, status=occurred, from=2025-10-01, to=2025-10-31" in err
    traces = plotly_data(out.read_text(encoding="utf-8"))
    assert {t["name"] for t in traces} == {"air attack"}


def test_unknown_actor_is_a_usage_error(db: Path, tmp_path: Path) -> None:
    code, _, err = run("chart", "map", "--db", str(db), "--actor", "Nobody Atall", "-o", str(tmp_path / "m.html"))
    assert code == 2
    assert "actor 'Nobody Atall': not in the loaded events" in err
    assert not (tmp_path / "m.html").exists()


def test_inverted_dates_are_a_usage_error(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "c.html"
    code, _, err = run("chart", "counts", "--db", str(db), "--from", "2025-10-31", "--to", "2025-10-01", "-o", str(out))
    assert code == 2
    assert "the dates 2025-10-31 to 2025-10-01: the start is after the end" in err
    assert not out.exists()


def test_bad_extension_date_and_missing_store(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run("chart", "map", "--db", str(db), "-o", str(tmp_path / "m.gif"))
    assert code == 2 and "can't tell the format" in err
    code, _, err = run("chart", "map", "--db", str(db), "--from", "2025-02-30", "-o", str(tmp_path / "m.png"))
    assert code == 2 and "invalid date '2025-02-30'" in err + capsys.readouterr().err  # argparse's message
    code, _, err = run("chart", "map", "--db", str(tmp_path / "none.db"), "-o", str(tmp_path / "m.png"))
    assert code == 1 and "no such store" in err
    code, _, err = run("chart", "pie", "-o", str(tmp_path / "m.png"))
    assert code == 2


def test_image_export_unavailable_exits_1(db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    export.stop_image_server()  # a running server would be reused
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    out = tmp_path / "t.png"
    code, _, err = run("chart", "timeline", "--db", str(db), "-o", str(out))
    assert code == 1
    assert "cannot write PNG" in err and "apt-get install chromium" in err and "-o FILE.html" in err
    assert not out.exists()


@needs_browser
@pytest.mark.parametrize(("fmt", "magic"), [("png", b"\x89PNG\r\n\x1a\n"), ("svg", b"<svg"), ("pdf", b"%PDF-")])
def test_images(db: Path, tmp_path: Path, fmt: str, magic: bytes) -> None:
    out = tmp_path / f"map.{fmt}"
    code, _, err = run("chart", "map", "--db", str(db), "--actor", "Russia", "-o", str(out))
    assert code == 0, err
    data = out.read_bytes()
    assert data.startswith(magic)
    if fmt == "png":
        width, height = struct.unpack(">II", data[16:24])
        assert width == 2 * export.DEFAULT_WIDTH and height > 2 * 600  # 2x the map's 1200 x 600, and the caption


@pytest.mark.parametrize(("argv", "region"), [([], "data"), (["--region", "ukraine"], "ukraine"),
                                              (["--region", "world"], "world")])
def test_map_region(db: Path, tmp_path: Path, argv: list[str], region: str) -> None:
    out = tmp_path / "map.html"
    code, _, err = run("chart", "map", "--db", str(db), *argv, "-o", str(out))
    assert code == 0, err
    layout = html_layout(out.read_text(encoding="utf-8"))
    assert layout["meta"]["region"] == region
    if region != "data":  # the data's extent is narrow or wide depending on the store
        assert layout["geo"]["resolution"] == (50 if region == "ukraine" else 110)
    assert "world_50m" in out.read_text(encoding="utf-8") or layout["geo"]["resolution"] == 110  # outlines inline


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["map", "--region", "mars"], "invalid choice: 'mars'"),
        (["timeline", "--region", "ukraine"], "--region draws the map only, not the timeline"),
    ],
)
def test_bad_region_is_a_usage_error(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
                                     message: str) -> None:
    code, _, err = run("chart", *argv, "--db", str(db), "-o", str(tmp_path / "x.html"))
    assert code == 2
    assert message in err + capsys.readouterr().err


def test_help_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run("chart", "--help")
    assert code == 0
    assert "python -m events chart timeline --actor Russia -o timeline.png" in capsys.readouterr().out


def png_dims(path: Path) -> tuple[int, int]:
    """(width, height) of a PNG file."""
    return struct.unpack(">II", path.read_bytes()[16:24])


def caption_texts(page: str) -> list[str]:
    """The caption annotations of the figure in an HTML export."""
    return [a["text"] for a in html_layout(page).get("annotations", []) if a.get("name") == "caption"]


def test_html_has_a_caption_unless_told_not_to(db: Path, tmp_path: Path) -> None:
    with_caption, without = tmp_path / "with.html", tmp_path / "without.html"
    code, _, err = run("chart", "counts", "--db", str(db), "--type", "talks", "-o", str(with_caption))
    assert code == 0, err
    (text,) = caption_texts(with_caption.read_text(encoding="utf-8"))
    assert text.startswith("Type: talks<br>") and "Sources: " in text and "Made on " in text
    code, _, err = run("chart", "counts", "--db", str(db), "--type", "talks", "--no-caption", "-o", str(without))
    assert code == 0, err
    assert caption_texts(without.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--width", "50"], "--width must be between 100 and 10000 pixels, not 50"),
        (["--height", "20000"], "--height must be between 100 and 10000 pixels, not 20000"),
        (["--scale", "0"], "--scale must be between 0 and 10, not 0.0"),
    ],
)
def test_sizes_out_of_range_are_usage_errors(db: Path, tmp_path: Path, argv: list[str], message: str) -> None:
    code, _, err = run("chart", "timeline", "--db", str(db), *argv, "-o", str(tmp_path / "t.png"))
    assert code == 2 and message in err


def test_preset_and_page_choices_match_the_library() -> None:
    code, _, err = run("chart", "timeline", "--preset", "poster", "-o", "x.png")
    assert code == 2 and "invalid choice: 'poster' (choose from 'slide', 'column', 'page')" in err
    code, _, err = run("chart", "timeline", "--page", "a3", "-o", "x.pdf")
    assert code == 2 and "invalid choice: 'a3' (choose from 'a4', 'letter')" in err
    assert list(export.PRESETS) == ["slide", "column", "page"] and list(export.PAGES_PT) == ["a4", "letter"]


@needs_browser
@pytest.mark.parametrize(
    ("argv", "dims"),
    [
        (["--preset", "slide"], (1920, 1080)),
        (["--preset", "column"], (1800, 1200)),
        (["--preset", "page"], (2246, 1588)),
        (["--preset", "page", "--page", "letter", "--scale", "1"], (1056, 816)),
        (["--preset", "column", "--width", "800"], (1600, 1200)),  # explicit values win over the preset
        (["--preset", "slide", "--no-caption"], (1920, 1080)),  # a preset is a fixed frame, caption or not
        (["--width", "1000", "--height", "500", "--scale", "1"], (1000, 500)),
    ],
)
def test_presets_and_sizes(db: Path, tmp_path: Path, argv: list[str], dims: tuple[int, int]) -> None:
    out = tmp_path / "t.png"
    code, _, err = run("chart", "timeline", "--db", str(db), *argv, "-o", str(out))
    assert code == 0, err
    assert png_dims(out) == dims


@needs_browser
def test_caption_adds_its_strip_to_the_charts_own_size(db: Path, tmp_path: Path) -> None:
    plain, captioned = tmp_path / "plain.png", tmp_path / "captioned.png"
    assert run("chart", "network", "--db", str(db), "--no-caption", "-o", str(plain))[0] == 0
    assert run("chart", "network", "--db", str(db), "-o", str(captioned))[0] == 0
    (width, high), (plain_width, plain_high) = png_dims(captioned), png_dims(plain)
    lines, rest = divmod((high - plain_high) // 2 - 2 * export.CAPTION_PAD_PX, export.CAPTION_LINE_PX)
    assert width == plain_width and lines >= 2 and rest == 0  # a strip of whole caption lines, at 2x


@needs_browser
@pytest.mark.parametrize(("argv", "paper"), [([], (841.89, 595.28)), (["--page", "letter"], (792, 612))])
def test_pdf_page_and_metadata(db: Path, tmp_path: Path, argv: list[str], paper: tuple[float, float]) -> None:
    from pypdf import PdfReader

    out = tmp_path / "t.pdf"
    code, _, err = run("chart", "timeline", "--db", str(db), "--type", "air_attack", *argv, "-o", str(out))
    assert code == 0, err
    reader = PdfReader(out)
    (sheet,) = reader.pages
    assert (float(sheet.mediabox.width), float(sheet.mediabox.height)) == pytest.approx(paper, abs=0.01)
    assert reader.metadata.title == "Events over time by type"
    assert reader.metadata.subject == "Type: air attack"
    assert "Type: air attack" in sheet.extract_text()


# ---------------------------------------------------------------- new filters, granularity, compare


def test_chart_and_granularity_choices_match_the_library() -> None:
    from events import cli
    from events.dashboard import charts, periods

    assert cli.CHART_NAMES == charts.CHARTS and cli.GRANULARITIES == periods.GRANULARITIES


def test_min_confidence_place_and_location_country_narrow_the_chart(db: Path, tmp_path: Path) -> None:
    every, sure, where = tmp_path / "every.html", tmp_path / "sure.html", tmp_path / "where.html"
    assert run("chart", "timeline", "--db", str(db), "-o", str(every))[0] == 0
    code, _, err = run("chart", "timeline", "--db", str(db), "--min-confidence", "0.9", "-o", str(sure))
    assert code == 0, err
    assert "(min_conf=0.9)" in err and 0 < n_events(sure) < n_events(every)
    code, _, err = run("chart", "timeline", "--db", str(db), "--place", "odesa", "--location-country", "ukr",
                       "-o", str(where))
    assert code == 0, err
    assert "(place=Odesa, loc_country=UKR)" in err and 0 < n_events(where) < n_events(every)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["timeline", "--min-confidence", "1.2"], "invalid confidence '1.2' (expected a number from 0 to 1"),
        (["timeline", "--place", "Atlantis"], "error: place 'Atlantis': not in the loaded events."),
        (["timeline", "--location-country", "XYZ"], "error: location country 'XYZ': not in the loaded events."),
        (["timeline", "--granularity", "week"], "error: --granularity is for the counts and compare charts, not "
                                                "timeline"),
        (["counts", "--granularity", "year"], "invalid choice: 'year'"),
    ],
)
def test_bad_new_options_are_usage_errors(db: Path, tmp_path: Path, argv: list[str], message: str) -> None:
    code, _, err = run("chart", argv[0], "--db", str(db), *argv[1:], "-o", str(tmp_path / "x.html"))
    assert code == 2 and message in err, err
    assert not (tmp_path / "x.html").exists()


@pytest.mark.parametrize(("gran", "unit"), [("day", "day"), ("week", "week"), ("month", "month")])
def test_counts_granularity(db: Path, tmp_path: Path, gran: str, unit: str) -> None:
    out = tmp_path / "c.html"
    code, _, err = run("chart", "counts", "--db", str(db), "--granularity", gran, "-o", str(out))
    assert code == 0, err
    layout = html_layout(out.read_text(encoding="utf-8"))
    assert layout["meta"]["unit"] == unit and layout["title"]["text"] == f"Events per {unit} by type"
    assert layout["yaxis"]["title"]["text"] == f"events per {unit}"


def test_compare_draws_the_actors_named(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "cmp.html"
    code, _, err = run("chart", "compare", "--db", str(db), "--actor", "Kremlin", "--actor", "Zelenski",
                       "--granularity", "month", "-o", str(out))
    assert code == 0, err
    page = out.read_text(encoding="utf-8")
    layout = html_layout(page)
    assert layout["meta"]["actors"] == ["Russia", "Volodymyr Zelensky"] and layout["meta"]["unit"] == "month"
    rows = [t["meta"]["actor"] for t in plotly_data(page) if (t.get("meta") or {}).get("role") == "compare"]
    assert rows == ["Russia", "Volodymyr Zelensky"]
    (text,) = caption_texts(page)  # exported with its caption, like the other charts
    assert text.startswith("Actors (any of): Russia, Volodymyr Zelensky<br>")
    assert re.search(r"^compare chart of \d+ events \(actor=Russia\+Volodymyr Zelensky\) written to ", err, re.M)


def test_compare_without_actors_draws_the_top_ones_and_at_most_six(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "cmp.html"
    code, _, err = run("chart", "compare", "--db", str(db), "-o", str(out))
    assert code == 0, err
    assert 0 < len(html_layout(out.read_text(encoding="utf-8"))["meta"]["actors"]) <= 6
    seven = ["Russia", "Ukraine", "United States", "Donald Trump", "Vladimir Putin", "Volodymyr Zelensky", "Odesa"]
    code, _, err = run("chart", "compare", "--db", str(db), *[a for name in seven for a in ("--actor", name)],
                       "-o", str(out.with_name("seven.html")))
    assert code == 2 and "compare draws at most 6 actors; --actor named 7" in err
