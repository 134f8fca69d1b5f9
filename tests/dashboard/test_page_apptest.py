"""dashboard.py under Streamlit's AppTest (no browser): start-up, filters, URL, tabs, reader, adding articles."""

from __future__ import annotations

import contextlib
import io
import json
import re
import struct
from pathlib import Path
from typing import Any

import pytest
from streamlit.runtime.media_file_storage import MediaFileStorageError
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest, app_test

from events import ingest
from events.store import Store
from tests.dashboard_data import ARTICLES, ROOT
from tests.web_site import serve

SCRIPT = str(ROOT / "dashboard.py")
TIMEOUT = 60  # the first run imports plotly/networkx and may read the bundled corpus




def start(**params: Any) -> AppTest:
    """Run the page once, with URL query parameters."""
    at = AppTest.from_file(SCRIPT, default_timeout=TIMEOUT)
    at.query_params.update(params)
    return at.run()


def ok(at: AppTest) -> AppTest:
    """Fail with the page's own traceback if it raised."""
    assert not at.exception, at.exception[0].message + "\n" + "\n".join(at.exception[0].stack_trace)
    return at


def metrics(at: AppTest) -> dict[str, str]:
    """Headline cards: label -> value."""
    return {m.label: m.value for m in at.metric}


def charts_json(at: AppTest) -> list[dict[str, Any]]:
    """The plotly figures on the page."""
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def timeline_events(at: AppTest) -> set[str]:
    """Event ids drawn on the timeline."""
    fig = next(f for f in charts_json(at) if f["layout"]["meta"]["chart"] == "timeline")
    return {
        eid for t in fig["data"] if (t.get("meta") or {}).get("role") == "events" for eid in t["customdata"]
    }


def show(at: AppTest, view: str) -> AppTest:
    """Switch tab (what a click does) and rerun."""
    at.session_state["view"] = view
    return ok(at.run())


def texts(at: AppTest, kind: str) -> str:
    """All values of one element kind, joined, markdown escapes removed."""
    return re.sub(r"\\(.)", r"\1", raw(at, kind))


def raw(at: AppTest, kind: str) -> str:
    """All values of one element kind, joined, as the page's markdown source."""
    return "\n".join(str(e.value) for e in getattr(at, kind))


def param(at: AppTest, name: str) -> list[str]:
    """A URL query parameter's values (AppTest gives a str for one value)."""
    value = at.query_params.get(name, [])
    return [value] if isinstance(value, str) else list(value)


# ---------------------------------------------------------------- start-up


def test_first_run_reads_the_bundled_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "fresh" / "events.db"
    monkeypatch.setenv("EVENTS_DB", str(db))
    at = ok(start())
    expected = ingest.count_inputs(p for p, _ in ingest.bundled_inputs())
    # success, or a warning naming the articles the extractor failed on (each shown as an error)
    assert "First run: the bundled articles were read." in texts(at, "success") + texts(at, "warning")
    with Store(db, readonly=True) as store:
        stats = store.stats()
        n_events = store.events_frame()["event_id"].nunique()
    assert stats["articles"] >= expected >= 1  # a jsonl file holds several articles
    # the page counts events across articles: fewer than the reports when outlets report the same event
    assert int(metrics(at)["Events"].replace(",", "")) == n_events
    assert 0 < n_events < stats["events"]
    assert len(charts_json(at)) == 2  # timeline and counts
    again = ok(start())  # a later session: no second ingest
    assert "First run" not in texts(again, "success") + texts(again, "warning")


def test_unit_switch_counts_reports_or_events(db: Path) -> None:
    """?unit=reports counts every article's report; the default counts events, and the switch sits in the URL."""
    with Store(db, readonly=True) as store:
        frame = store.events_frame()
    events = ok(start())
    assert int(metrics(events)["Events"].replace(",", "")) == frame["event_id"].nunique()
    assert "unit" not in events.query_params  # the default is left out of the URL
    reports = ok(start(unit="reports"))
    assert int(metrics(reports)["Reports"].replace(",", "")) == len(frame)
    assert "reports" in reports.caption[0].value
    picked = ok(start())
    picked.segmented_control(key="unit_pick").set_value("reports")
    ok(picked.run())
    assert "Reports" in metrics(picked) and param(picked, "unit") == ["reports"]
    bad = ok(start(unit="mentions"))
    assert "Ignored unit 'mentions': use one of events, reports." in texts(bad.sidebar, "caption")
    assert "Events" in metrics(bad) and param(bad, "unit") == []


def test_corrections_show_on_the_page_and_orphans_are_said(db: Path) -> None:
    """An event marked as not one leaves the counts; once its article is gone, the page says the correction is
    an orphan instead of dropping it."""
    from events.corrections import Correction

    before = int(metrics(ok(start()))["Events"].replace(",", ""))
    with Store(db) as store:
        frame = store.events_frame()
        alone = frame.groupby("event_id").filter(lambda g: len(g) == 1).iloc[0]
        store.add_correction(Correction("not_event", str(alone["report_id"]), who="ana"))
    at = ok(start())
    assert int(metrics(at)["Events"].replace(",", "")) == before - 1
    assert "no longer in the store" not in texts(at, "warning")
    with Store(db) as store:
        store.delete_article(str(alone["article_id"]))
    at = ok(start())
    assert "1 correction names reports no longer in the store" in texts(at, "warning")


def test_empty_store_explains_how_to_add(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "empty.db"
    Store(db).close()  # the file exists: not a first run
    monkeypatch.setenv("EVENTS_DB", str(db))
    at = ok(start())
    info = texts(at, "info")
    assert "No events yet" in info and f"python -m events ingest path/to/articles --db {db}" in info
    assert len(at.file_uploader) == 1 and not at.get("plotly_chart") and not at.metric


def test_every_tab_renders(db: Path) -> None:
    at = ok(start())
    assert [t.label for t in at.tabs] == ["Timeline", "Compare", "Map", "Network", "Table", "Article reader",
                                          "Add articles", "Export"]
    figs = charts_json(at)
    assert [f["layout"]["meta"]["chart"] for f in figs] == ["timeline", "counts"]
    for view, chart in [("Compare", "compare"), ("Map", "map"), ("Network", "network")]:
        show(at, view)
        (fig,) = charts_json(at)  # tabs are lazy: only the open one is drawn
        assert fig["layout"]["meta"]["chart"] == chart
    assert {t["type"] for t in charts_json(show(at, "Map"))[0]["data"]} == {"scattergeo"}
    show(at, "Table")
    assert len(at.dataframe[0].value) == int(metrics(at)["Events"])
    show(at, "Article reader")
    assert at.selectbox(key="reader_article").options
    show(at, "Add articles")
    assert at.button(key="FormSubmitter:add_form-Add articles") is not None
    show(at, "Export")
    assert len(at.download_button) == 7  # PNG SVG PDF HTML + CSV JSON Parquet


# ---------------------------------------------------------------- filters


def test_choosing_an_actor_changes_numbers_table_and_charts(db: Path) -> None:
    at = ok(start())
    before_metrics, before_events = metrics(at), timeline_events(at)
    options = at.multiselect(key="f_actors").options
    counts = [int(o.rsplit("(", 1)[1].rstrip(")")) for o in options]
    assert counts == sorted(counts, reverse=True) and "Russia (" in options[1] + options[0]  # by count
    at.multiselect(key="f_actors").set_value(["Russia"])
    ok(at.run())
    after_metrics, after_events = metrics(at), timeline_events(at)
    assert int(after_metrics["Events"]) < int(before_metrics["Events"])
    assert after_metrics != before_metrics
    assert after_events and after_events < before_events
    assert len(after_events) == int(after_metrics["Events"])
    assert param(at, "actor") == ["Russia"]
    show(at, "Table")
    table = at.dataframe[0].value
    assert len(table) == int(after_metrics["Events"]) and all("Russia" in a for a in table["actors"])
    show(at, "Network")
    nodes = [n for t in charts_json(at)[0]["data"] if (t.get("meta") or {}).get("role") == "nodes" for n in t["customdata"]]
    assert "Russia" in nodes


def test_any_or_all_types_status_text_and_reset(db: Path) -> None:
    at = ok(start())
    total = int(metrics(at)["Events"])
    at.multiselect(key="f_actors").set_value(["Russia", "Ukraine"])
    any_n = int(metrics(ok(at.run()))["Events"])
    at.segmented_control(key="f_actor_mode").set_value("all")
    all_n = int(metrics(ok(at.run()))["Events"])
    assert 0 < all_n < any_n <= total
    assert param(at, "actor_mode") == ["all"] and param(at, "actor") == ["Russia", "Ukraine"]
    at.button_group(key="f_types").set_value(["air_attack"])
    ok(at.run())
    assert metrics(at)["Talks"] == "0" and int(metrics(at)["Air attacks"]) > 0
    at.text_input(key="f_text").set_value("Odesa")
    ok(at.run())
    # the article about Odesa has it in its title and text: both its air attacks match, the Kharkiv one too
    assert int(metrics(at)["Events"]) == 2 and param(at, "q") == ["Odesa"]
    assert "Found in 1 article (title or text) and 1 evidence sentence: 2 events match" in texts(at.sidebar, "caption")
    at.button(key="reset_filters").click()
    ok(at.run())
    assert int(metrics(at)["Events"]) == total
    assert at.multiselect(key="f_actors").value == [] and at.text_input(key="f_text").value == ""
    assert not {"actor", "actor_mode", "type", "q"} & set(at.query_params)


def test_shared_url_reproduces_the_filters(db: Path) -> None:
    at = ok(start(actor="russia", type="air_attack", **{"from": "2025-09-01"}))
    assert at.multiselect(key="f_actors").value == ["Russia"]  # matched to the canonical name
    assert at.button_group(key="f_types").value == ["air_attack"]
    assert at.date_input(key="f_dates").value[0].isoformat() == "2025-09-01"
    assert metrics(at)["Talks"] == metrics(at)["Summits"] == "0"
    assert 0 < int(metrics(at)["Events"]) == len(timeline_events(at))
    assert not texts(at.sidebar, "caption").count("Ignored")


def test_bad_url_parameters_are_survived_with_a_notice(db: Path) -> None:
    at = ok(start(actor=["Russia", "[Nobody](javascript:alert(1))"], status="maybe", to="2025-13-45", actor_mode="x"))
    notes = texts(at.sidebar, "caption")
    assert "Ignored actor" in notes and "Nobody" in notes
    assert "\\[Nobody\\]\\(javascript" in raw(at.sidebar, "caption")  # shown as text, not as a link
    assert "Ignored status 'maybe'" in notes and "Ignored the end date '2025-13-45'" in notes
    assert "Ignored actor_mode 'x'" in notes
    assert at.multiselect(key="f_actors").value == ["Russia"]  # the good value is kept
    assert param(at, "actor") == ["Russia"] and "status" not in at.query_params  # the URL is cleaned
    at.button_group(key="f_types").set_value(["talks"])
    ok(at.run())
    assert "Ignored" not in texts(at.sidebar, "caption")  # the notice goes once the user acts


@pytest.mark.parametrize("typed", ["Zelenski", "ZELENSKYY", "Zelenskii", "Зеленський"])
def test_url_actor_by_any_name_shows_the_canonical_actors_events(db: Path, typed: str) -> None:
    canonical = ok(start(actor="Volodymyr Zelensky"))
    variant = ok(start(actor=typed))
    assert timeline_events(variant) == timeline_events(canonical) and timeline_events(canonical)
    assert metrics(variant) == metrics(canonical)
    assert variant.multiselect(key="f_actors").value == ["Volodymyr Zelensky"]
    assert param(variant, "actor") == ["Volodymyr Zelensky"]  # the URL names the actor as the page does
    assert f"Read actor '{typed}' as 'Volodymyr Zelensky'." in texts(variant.sidebar, "caption")


def test_url_actor_unknown_gets_did_you_mean(db: Path) -> None:
    at = ok(start(actor="Zelenskee"))
    assert ("Ignored actor 'Zelenskee': not in the loaded events. Did you mean 'Volodymyr Zelensky'?"
            in texts(at.sidebar, "caption"))
    assert at.multiselect(key="f_actors").value == [] and "actor" not in at.query_params


def test_a_name_typed_into_the_actors_box_selects_its_actors(db: Path) -> None:
    at = ok(start())
    box = at.multiselect(key="f_actors")
    assert box.proto.accept_new_options  # Enter adds what the options do not hold: the page resolves it
    russia = int(metrics(ok(start(actor="Russia")))["Events"])
    box.set_value(["Kremlin"])
    ok(at.run())
    assert at.multiselect(key="f_actors").value == ["Russia"] and param(at, "actor") == ["Russia"]
    assert int(metrics(at)["Events"]) == russia
    assert "Read actor 'Kremlin' as 'Russia'." in texts(at.sidebar, "caption")
    at.multiselect(key="f_actors").set_value(["Russia", "Zelenskee"])
    ok(at.run())
    assert at.multiselect(key="f_actors").value == ["Russia"]  # the unknown name is dropped, with its hint
    assert "Did you mean 'Volodymyr Zelensky'?" in texts(at.sidebar, "caption")
    assert "Read actor" not in texts(at.sidebar, "caption")  # the last change's notes only


@pytest.mark.parametrize("typed", ['"', "AND", "(Odesa", "Russia OR"])
def test_search_box_survives_fts_syntax(db: Path, typed: str) -> None:
    at = ok(start())
    total = int(metrics(at)["Events"])
    at.text_input(key="f_text").set_value(typed)
    ok(at.run())
    caption = texts(at.sidebar, "caption")
    if typed == '"':  # no word to look for: nothing is filtered away
        assert "Nothing to search for in '\"': it has no words." in caption and int(metrics(at)["Events"]) == total
    else:
        assert f"Searched {typed!r} as plain words" in caption and int(metrics(at)["Events"]) < total


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"from": "2031-01-01"}, "Ignored the start date '2031-01-01': the events run from "),
        ({"to": "1999-12-31"}, "Ignored the end date '1999-12-31': the events run from "),
        ({"from": "2025-11-20", "to": "2025-10-01"}, "Ignored the dates 2025-11-20 to 2025-10-01: the start is after"),
    ],
)
def test_stale_or_inverted_url_dates_get_a_notice(db: Path, params: dict[str, str], notice: str) -> None:
    at = ok(start(**params))
    bounds = at.session_state["f_dates_bounds"]
    assert notice in texts(at.sidebar, "caption")
    assert tuple(at.date_input(key="f_dates").value) == bounds  # the whole span, not a shifted or inverted range
    assert bounds[0] <= bounds[1]
    assert not {"from", "to"} & set(at.query_params)  # the URL is cleaned
    assert int(metrics(at)["Events"]) == len(timeline_events(at)) > 0  # nothing filtered away


# ---------------------------------------------------------------- timeline lanes, reader


def test_timeline_lanes_by_actor(db: Path) -> None:
    at = ok(start())
    at.segmented_control(key="lanes").set_value("actor")
    ok(at.run())
    fig = charts_json(at)[0]
    assert fig["layout"]["meta"]["lanes"] == "actor"
    assert "Russia" in fig["layout"]["yaxis"]["ticktext"]
    assert "Click an event" in texts(at, "caption")


def test_reader_highlights_and_escapes(db: Path) -> None:
    at = ok(start())
    with Store(db, readonly=True) as store:
        arts = store.articles_frame().set_index("path")
    odesa = next(aid for path, aid in arts["article_id"].items() if path.endswith("odesa-strike.md"))
    at.session_state["reader_article"] = odesa
    show(at, "Article reader")
    page = next(h.value for h in at.get("html") if "article-text" in h.value)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;Not bold&lt;/b&gt;" in page
    assert page.count("<mark") >= 1 and ">air attack</span>" in page
    assert "Drones hit Odesa \\<script\\>" in raw(at, "subheader")  # the title is escaped markdown too


# ---------------------------------------------------------------- adding articles


def test_upload_adds_events_and_names_rejected_files(db: Path) -> None:
    at = ok(start())
    before = int(metrics(at)["Events"])
    show(at, "Add articles")
    new = ARTICLES["odesa-strike.md"].replace("Odesa", "Mykolaiv").replace("Kharkiv", "Kherson")
    at.file_uploader(key="upload_files").set_value(
        [("mykolaiv.md", new.encode(), "text/markdown"), ("broken.json", b"{oops", "application/json")]
    )
    at.button(key="FormSubmitter:add_form-Add articles").click()
    ok(at.run())
    assert int(metrics(at)["Events"]) > before  # without a restart
    assert "1 new article" in texts(at, "warning")  # warning: one file was rejected
    assert "broken.json" in texts(at, "error") and "invalid JSON" in texts(at, "error")
    assert any(o.startswith("Mykolaiv (") for o in at.multiselect(key="f_actors").options)
    with Store(db, readonly=True) as store:
        assert "upload/mykolaiv.md" in set(store.articles_frame()["path"])


def test_pasted_text_adds_events(db: Path) -> None:
    at = ok(start())
    before = int(metrics(at)["Events"])
    show(at, "Add articles")
    at.text_area(key="paste_text").set_value("Russia launched a drone attack on Zaporizhzhia overnight, officials said.")
    at.text_input(key="paste_title").set_value("Pasted")
    at.button(key="FormSubmitter:add_form-Add articles").click()
    ok(at.run())
    assert int(metrics(at)["Events"]) == before + 1
    assert "1 new article" in texts(at, "success")


def test_web_pages_and_feeds_add_events(db: Path) -> None:
    at = ok(start())
    before = int(metrics(at)["Events"])
    show(at, "Add articles")
    with serve() as site:
        at.text_area(key="add_urls").set_value(f"{site}/feed.xml\n{site}/missing.html")
        at.button(key="FormSubmitter:add_form-Add articles").click()
        ok(at.run())
    assert int(metrics(at)["Events"]) > before
    assert "2 new articles" in texts(at, "warning")  # warning: some inputs failed
    assert "missing.html" in texts(at, "error") and "HTTP 404" in texts(at, "error")
    with Store(db, readonly=True) as store:
        assert store.known_paths([f"{site}/pages/talks_en.html"]) == {f"{site}/pages/talks_en.html"}


# ---------------------------------------------------------------- export


def export_buttons(at: AppTest) -> dict[str, Any]:
    """The Export tab's download buttons by label (their protos)."""
    return {b.proto.label: b.proto for b in at.get("download_button")}


def test_export_buttons_hold_their_files_and_keep_them_over_reruns(db: Path) -> None:
    at = show(ok(start()), "Export")
    first = export_buttons(at)
    assert list(first) == ["PNG", "SVG", "PDF", "HTML (interactive)", "CSV", "JSON", "Parquet"]
    for label, proto in first.items():
        # bytes made before the click, at a URL named by their content: not a file made on click under an id
        # that the next rerun replaces (the downloads that never arrived)
        assert not proto.HasField("deferred_file_id"), label
        assert proto.ignore_rerun, label  # a click does not rerun the page
        if label in ("HTML (interactive)", "CSV", "JSON", "Parquet") or not texts(at, "info"):
            assert proto.url.startswith("/mock/media/") and not proto.disabled, label
    again = export_buttons(ok(at.run()))
    assert {k: p.url for k, p in again.items()} == {k: p.url for k, p in first.items()}  # the same files
    at.button_group(key="f_types").set_value(["talks"])
    changed = export_buttons(ok(at.run()))
    assert all(changed[k].url != first[k].url for k in ("CSV", "JSON", "Parquet", "HTML (interactive)"))


def test_an_export_that_fails_says_so(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from events.dashboard import export

    def broken(fig: Any, fmt: str = "png", **_: Any) -> bytes:
        raise RuntimeError(f"renderer crashed on {fmt}")

    monkeypatch.setattr(export, "figure_image", broken)
    at = show(ok(start(type="summit")), "Export")  # a view of its own: no cached images
    buttons = export_buttons(at)
    errors = texts(at, "error")
    if "need a Chromium browser" in texts(at, "info"):  # no Chromium here: that message says it already
        assert all(buttons[k].disabled for k in ("PNG", "SVG", "PDF"))
    else:
        for fmt in ("PNG", "SVG", "PDF"):
            assert f"The {fmt} file could not be made: RuntimeError: renderer crashed on {fmt.lower()}" in errors
            assert buttons[fmt].disabled
    assert not buttons["HTML (interactive)"].disabled and not buttons["CSV"].disabled  # the others still work


def test_chromium_missing_is_named_on_the_page(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from events.dashboard import export

    def missing(fig: Any, fmt: str = "png", **_: Any) -> bytes:
        raise export.ImageExportUnavailable(f"Image export (PNG/SVG/PDF) needs Chromium. {export.INSTALL_HINT}")

    monkeypatch.setattr(export, "figure_image", missing)
    at = show(ok(start(type="talks")), "Export")
    shown = texts(at, "error") + texts(at, "info")
    assert "apt-get install chromium" in shown
    assert export_buttons(at)["PNG"].disabled


def test_big_selections_make_data_files_when_asked(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTS_EXPORT_EAGER_ROWS", "3")
    at = show(ok(start()), "Export")
    assert list(export_buttons(at)) == ["PNG", "SVG", "PDF", "HTML (interactive)"]
    at.button(key="export_prepare").click()
    ok(at.run())
    assert list(export_buttons(at))[4:] == ["CSV", "JSON", "Parquet"]
    at.text_input(key="f_text").set_value("Odesa")  # two events: made on arrival
    assert list(export_buttons(ok(at.run())))[4:] == ["CSV", "JSON", "Parquet"]
    at.text_input(key="f_text").set_value("")  # back to the big view: prepared already for this store version
    assert list(export_buttons(ok(at.run())))[4:] == ["CSV", "JSON", "Parquet"]


class RecordingStorage(MemoryMediaFileStorage):
    """AppTest's in-memory media storage, kept after the run so that a test can read a download button's bytes."""

    made: list[RecordingStorage] = []

    def __init__(self, media_endpoint: str) -> None:
        super().__init__(media_endpoint)
        RecordingStorage.made.append(self)


def button_bytes(url: str) -> bytes:
    """The bytes behind a download button's URL ('/mock/media/<id>.<ext>')."""
    name = url.rsplit("/", 1)[1]
    for storage in reversed(RecordingStorage.made):
        with contextlib.suppress(MediaFileStorageError):
            return storage.get_file(name).content
    raise AssertionError(f"no file behind {url}")


def test_caption_switch_takes_the_caption_out_of_the_files(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", RecordingStorage)
    at = show(ok(start(type="air_attack", status="occurred")), "Export")  # a view of its own: no cached files
    assert at.toggle(key="export_caption").value is True  # on by default
    assert "Type: air attack · Status: occurred" in texts(at, "caption")  # the caption, shown before it is made
    on = export_buttons(at)
    page = button_bytes(on["HTML (interactive)"].url).decode()
    assert "Type: air attack · Status: occurred" in page and '"name":"caption"' in page  # in the figure
    at.toggle(key="export_caption").set_value(False)
    off = export_buttons(ok(at.run()))
    page = button_bytes(off["HTML (interactive)"].url).decode()
    assert "Made on" not in page and '"name":"caption"' not in page
    if not off["PNG"].disabled:  # with Chromium: the captioned PNG is taller by the caption's strip
        (w_on, h_on), (w_off, h_off) = (struct.unpack(">II", button_bytes(b["PNG"].url)[16:24]) for b in (on, off))
        assert w_on == w_off and h_on > h_off
        assert b"Made on" in button_bytes(on["SVG"].url) and b"Made on" not in button_bytes(off["SVG"].url)
    assert all(off[k].url != on[k].url for k in ("HTML (interactive)", "PNG") if not off[k].disabled)
    assert off["CSV"].url == on["CSV"].url  # the data files carry no caption


def test_export_size_and_page_choices(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", RecordingStorage)
    at = show(ok(start(type="talks", status="occurred")), "Export")
    assert at.selectbox(key="export_preset").options == [
        "Chart size (as on screen, 2x)", "Slide (1920 × 1080)", "Report column (900 × 600, 2x)",
        "Full page (A4 landscape, 2x)",
    ]
    assert at.selectbox(key="export_preset").value == "chart"
    if export_buttons(at)["PNG"].disabled:
        pytest.skip("no Chromium for image export")
    at.selectbox(key="export_preset").set_value("slide")
    at.button_group(key="export_page").set_value("letter")
    buttons = export_buttons(ok(at.run()))
    assert struct.unpack(">II", button_bytes(buttons["PNG"].url)[16:24]) == (1920, 1080)
    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(button_bytes(buttons["PDF"].url)))
    assert (float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)) == (792, 612)
    assert pdf.metadata.subject == "Type: talks · Status: occurred"


# ---------------------------------------------------------------- charts agree on what they count


def chart_counts(at: AppTest) -> dict[str, tuple[int, int, str]]:
    """Per chart on the page: (events in the view, events drawn, subtitle as one line)."""
    return {
        f["layout"]["meta"]["chart"]: (
            f["layout"]["meta"]["events"]["total"],
            f["layout"]["meta"]["events"]["shown"],
            f["layout"]["title"]["subtitle"]["text"].replace("<br>", " "),
        )
        for f in charts_json(at)
    }


def test_every_chart_counts_the_view_and_says_what_it_leaves_out(db: Path) -> None:
    at = ok(start())
    show(at, "Add articles")  # an article with no date at all: its event can be on no time axis
    at.text_area(key="paste_text").set_value("Russia launched a drone attack on Zaporizhzhia overnight, officials said.")
    at.button(key="FormSubmitter:add_form-Add articles").click()
    ok(at.run())
    for fltr in ({}, {"f_types": ["air_attack"]}):
        for key, value in fltr.items():
            at.button_group(key=key).set_value(value)
        events = int(metrics(ok(at.run()))["Events"].replace(",", ""))
        counted: dict[str, tuple[int, int, str]] = {}
        for view in ("Timeline", "Map", "Network"):
            counted.update(chart_counts(show(at, view)))
        assert set(counted) == {"timeline", "counts", "map", "network"}
        for chart, (total, shown, subtitle) in counted.items():
            assert total == events, chart  # every chart counts the same view as the headline
            expected = f"{events} events" if shown == total else f"{shown} of {events} events; "
            assert subtitle.startswith(expected), (chart, subtitle)
        # the undated event is on neither time axis, and both say so with the same numbers
        assert counted["timeline"][1] == counted["counts"][1] == events - 1
        assert "1 without any date" in counted["timeline"][2] and "1 without any date" in counted["counts"][2]


# ---------------------------------------------------------------- faceted filters, granularity, compare


def labels(options: list[str]) -> dict[str, int]:
    """Option labels 'Kyiv (3)', 'talks \\(3\\)' or ':gray[summit \\(0\\)]' -> {name: count}."""
    out = {}
    for option in options:
        m = re.fullmatch(r"(?::gray\[)?(.*?) \\?\((\d[\d,]*)\\?\)\]?", option)
        assert m, option
        out[m.group(1)] = int(m.group(2).replace(",", ""))
    return out


def test_sidebar_counts_follow_the_other_filters(db: Path) -> None:
    at = ok(start())
    total = int(metrics(at)["Events"])
    types = labels(at.button_group(key="f_types").options)
    assert sum(types.values()) == total  # nothing filtered: the store's counts
    at = ok(start(place="Odesa"))  # the Odesa air attack only
    odesa = int(metrics(at)["Events"])
    types = labels(at.button_group(key="f_types").options)
    assert types["air attack"] == odesa and types["talks"] == types["summit"] == 0  # zeros stay listed...
    grey = [o for o in at.button_group(key="f_types").options if o.startswith(":gray[")]
    assert len(grey) == 2  # ... greyed
    places = at.multiselect(key="f_places").options
    assert labels(places)["Odesa"] == odesa and len(places) > 1  # the place facet ignores its own filter
    before = labels(at.multiselect(key="f_sources").options)
    at.button_group(key="f_types").set_value(["talks"])  # no talks in Odesa: the other facets count nothing now
    ok(at.run())
    assert int(metrics(at)["Events"]) == 0
    after = labels(at.multiselect(key="f_sources").options)
    assert set(after) == set(before) and sum(after.values()) == 0 < sum(before.values())
    assert labels(at.button_group(key="f_types").options)["air attack"] == odesa  # its own filter aside
    assert at.multiselect(key="f_places").value == ["Odesa"]


def test_sidebar_counts_change_when_another_filter_changes(db: Path) -> None:
    at = ok(start())
    statuses = labels(at.button_group(key="f_statuses").options)
    countries = labels(at.multiselect(key="f_countries").options)
    at.button_group(key="f_types").set_value(["air_attack"])
    ok(at.run())
    attacks = int(metrics(at)["Events"])
    now = labels(at.button_group(key="f_statuses").options)
    assert sum(now.values()) == attacks < sum(statuses.values())
    assert labels(at.multiselect(key="f_countries").options)["Russia · RUS"] < countries["Russia · RUS"]
    assert "Counts beside the options: events among those the *other* filters leave." in raw(at.sidebar, "caption")
    options = at.multiselect(key="f_countries").options  # most events under the other filters first, zeros last
    counts = list(labels(options).values())
    assert counts == sorted(counts, reverse=True) and counts[-1] == 0


def test_new_filters_from_the_url(db: Path) -> None:
    at = ok(start())
    total = int(metrics(at)["Events"])
    at = ok(start(min_conf="0.9", loc_country="ukr", place="odesa"))
    assert at.slider(key="f_min_conf").value == 0.9
    assert at.multiselect(key="f_loc_countries").value == ["UKR"] and at.multiselect(key="f_places").value == ["Odesa"]
    assert 0 < int(metrics(at)["Events"]) < total
    assert param(at, "min_conf") == ["0.9"] and param(at, "loc_country") == ["UKR"] and param(at, "place") == ["Odesa"]
    assert "Ignored" not in texts(at.sidebar, "caption")
    at.slider(key="f_min_conf").set_value(0.0)
    ok(at.run())
    assert "min_conf" not in at.query_params  # 0: no restriction, nothing in the URL


def test_bad_new_url_values_are_ignored_with_a_notice(db: Path) -> None:
    at = ok(start(min_conf="sure", place=["Odesa", "Atlantis"], loc_country="XYZ", gran="hourly",
                  cmp=["Russia", "Zelenskee"]))
    notes = texts(at.sidebar, "caption")
    assert "Ignored min_conf 'sure': expected a number from 0 to 1, such as 0.7." in notes
    assert "Ignored place 'Atlantis': not in the loaded events." in notes
    assert "Ignored location country 'XYZ': not in the loaded events." in notes
    assert "Ignored gran 'hourly': use auto, day, week, month." in notes
    assert "Ignored compared actor 'Zelenskee'" in notes
    assert at.slider(key="f_min_conf").value == 0.0 and at.multiselect(key="f_places").value == ["Odesa"]
    assert param(at, "place") == ["Odesa"] and param(at, "cmp") == ["Russia"]  # the URL keeps the good values
    assert not {"min_conf", "loc_country", "gran"} & set(at.query_params)


def test_granularity_control_and_url(db: Path) -> None:
    at = ok(start(gran="month"))
    assert at.segmented_control(key="gran_counts").value == "month"
    counts = next(f for f in charts_json(at) if f["layout"]["meta"]["chart"] == "counts")
    assert counts["layout"]["meta"]["unit"] == "month" and counts["layout"]["title"]["text"] == "Events per month by type"
    at.segmented_control(key="gran_counts").set_value("day")
    ok(at.run())
    counts = next(f for f in charts_json(at) if f["layout"]["meta"]["chart"] == "counts")
    assert counts["layout"]["meta"]["unit"] == "day" and param(at, "gran") == ["day"]
    show(at, "Compare")  # the comparison uses the same choice
    assert at.segmented_control(key="gran_compare").value == "day"
    (compare,) = charts_json(at)
    assert compare["layout"]["meta"]["unit"] == "day"
    at.segmented_control(key="gran_compare").set_value("auto")
    ok(at.run())
    assert "gran" not in at.query_params
    assert at.segmented_control(key="gran_compare").format_func("auto").startswith("Auto (")  # says what it picked


def test_compare_tab_defaults_choice_and_url(db: Path) -> None:
    at = ok(start(view="Compare"))
    (fig,) = charts_json(at)
    top = fig["layout"]["meta"]["actors"]
    assert 0 < len(top) <= 6 and at.multiselect(key="compare_pick").value == top
    assert "Showing the" in texts(at, "caption") and "cmp" not in at.query_params
    at.multiselect(key="compare_pick").set_value(["Russia", "Volodymyr Zelensky"])
    ok(at.run())
    (fig,) = charts_json(at)
    assert fig["layout"]["meta"]["actors"] == ["Russia", "Volodymyr Zelensky"]
    assert param(at, "cmp") == ["Russia", "Volodymyr Zelensky"]
    shared = ok(start(view="Compare", cmp=["Kremlin", "Zelenski"], gran="week"))  # any name, as actor= takes
    (fig,) = charts_json(shared)
    assert fig["layout"]["meta"]["actors"] == ["Russia", "Volodymyr Zelensky"] and fig["layout"]["meta"]["unit"] == "week"
    # with actors chosen in the sidebar and none here, the comparison shows the sidebar's
    sidebar = ok(start(view="Compare", actor=["Donald Trump", "Vladimir Putin"]))
    assert charts_json(sidebar)[0]["layout"]["meta"]["actors"] == ["Donald Trump", "Vladimir Putin"]


def test_compare_chart_in_the_export_tab(db: Path) -> None:
    at = ok(start(view="Export", cmp="Russia", gran="month", min_conf="0.8"))
    at.segmented_control(key="export_chart").set_value("compare")
    ok(at.run())
    heading = texts(at, "markdown")
    assert "Events per month: actors compared" in heading and "compare_conf-0.8_" in heading
    html = next(b for b in at.download_button if b.proto.label.startswith("HTML"))
    assert html.proto.disabled is False


# ---------------------------------------------------------------- map region and network click


def map_figure(at: AppTest) -> dict[str, Any]:
    """The map on the page (the Map tab open)."""
    (fig,) = [f for f in charts_json(at) if f["layout"]["meta"]["chart"] == "map"]
    return fig


@pytest.mark.parametrize(
    ("params", "region", "notice", "url"),
    [
        ({}, "data", "", []),
        ({"region": "ukraine"}, "ukraine", "", ["ukraine"]),
        ({"region": "Middle_East"}, "middle-east", "", ["middle-east"]),  # read leniently, written canonically
        ({"region": "mars"}, "data", "Ignored region 'mars': use one of data, world, europe", []),
        ({"region": "data"}, "data", "", []),  # the default stays out of the URL
    ],
)
def test_region_parameter(db: Path, params: dict[str, str], region: str, notice: str, url: list[str]) -> None:
    at = ok(start(view="Map", **params))
    assert map_figure(at)["layout"]["meta"]["region"] == region
    assert at.segmented_control(key="map_region_pick").value == region
    notes = texts(at.sidebar, "caption")
    assert (notice in notes) if notice else "Ignored" not in notes
    assert param(at, "region") == url  # a bad value is cleaned from the URL


def test_region_choice_is_kept_in_the_url_and_across_tabs(db: Path) -> None:
    at = show(ok(start()), "Map")
    at.segmented_control(key="map_region_pick").set_value("ukraine")
    ok(at.run())
    fig = map_figure(at)
    assert fig["layout"]["meta"]["region"] == "ukraine" and fig["layout"]["geo"]["resolution"] == 50
    assert param(at, "region") == ["ukraine"]
    show(at, "Timeline")
    assert param(at, "region") == ["ukraine"]  # the map's tab is shut, its region stays
    show(at, "Map")
    assert map_figure(at)["layout"]["meta"]["region"] == "ukraine"
    assert at.segmented_control(key="map_region_pick").value == "ukraine"
    at.segmented_control(key="map_region_pick").set_value("data")
    ok(at.run())
    assert "region" not in at.query_params and map_figure(at)["layout"]["meta"]["region"] == "data"


def click_node(at: AppTest, actor: str) -> AppTest:
    """What the browser sends when a network node is clicked: the chart's selection state, then a rerun.

    AppTest cannot click inside a plotly chart, so the widget state the frontend would send is added to the page's
    own widget states (AppTest internals: _tree, _run).
    """
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    (chart,) = at.get("plotly_chart")
    fig = json.loads(chart.proto.spec)
    curve, index = next((i, t["customdata"].index(actor)) for i, t in enumerate(fig["data"])
                        if (t.get("meta") or {}).get("role") == "nodes" and actor in t["customdata"])
    point = {"curve_number": curve, "point_number": index, "point_index": index, "customdata": actor}
    states = at._tree.get_widget_states()
    states.widgets.append(WidgetState(id=chart.proto.id, string_value=json.dumps(
        {"selection": {"points": [point], "point_indices": [index], "box": [], "lasso": []}})))
    return ok(at._run(states))


def test_clicking_a_network_node_filters_by_its_actor(db: Path) -> None:
    at = show(ok(start(type="talks")), "Network")
    before = int(metrics(at)["Events"])
    click_node(at, "Russia")
    assert at.multiselect(key="f_actors").value == ["Russia"]
    assert param(at, "actor") == ["Russia"] and param(at, "type") == ["talks"]  # the other filters stay
    after = int(metrics(at)["Events"])
    assert 0 < after < before
    nodes = {n for t in charts_json(at)[0]["data"] if (t.get("meta") or {}).get("role") == "nodes"
             for n in t["customdata"]}
    assert "Russia" in nodes  # the network now shows Russia's events
    assert "Click an actor" in texts(at, "caption")
