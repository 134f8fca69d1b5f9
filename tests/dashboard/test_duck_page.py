"""dashboard.py through its DuckDB path (AppTest): a dataset named by EVENTS_DATASET, and a store above the row
threshold (EVENTS_DUCK_ABOVE) read through its snapshot's Parquet copy."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from streamlit.testing.v1 import AppTest

from events.dashboard import duck
from events.dashboard import filters as flt
from events.dashboard.tables import parquet_table
from events.schema import to_frame
from tests.dashboard.test_duck import synthetic_rows
from tests.dashboard_data import ROOT

SCRIPT = str(ROOT / "dashboard.py")
TIMEOUT = 120


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small dataset (events/month=YYYY-MM/part-0.parquet), hive-partitioned by month."""
    root = tmp_path_factory.mktemp("page-dataset")
    frame = to_frame(synthetic_rows(1_200, seed=11))
    month = flt.effective_dates(frame).dt.strftime("%Y-%m").fillna("none")
    for m in sorted(month.unique()):
        where = root / "events" / f"month={m}"
        where.mkdir(parents=True)
        pq.write_table(parquet_table(frame[month.to_numpy() == m]), where / "part-0.parquet")
    # the articles' texts (each holds its reports' sentences), the first one's missing
    articles = frame.groupby("article_id", sort=True).agg(
        path=("path", "first"), title=("title", "first"), published=("published", "max"),
        language=("language", "first"), source=("source", "first"), text=("sentence", " ".join),
    ).reset_index().iloc[1:].assign(url=None)
    (root / "articles" / "month=all").mkdir(parents=True)
    pq.write_table(pa.Table.from_pandas(articles, preserve_index=False), root / "articles" / "month=all" / "a.parquet")
    return root


def ok(at: AppTest) -> AppTest:
    """Fail with the page's own traceback if it raised."""
    assert not at.exception, at.exception[0].message + "\n" + "\n".join(at.exception[0].stack_trace)
    return at


def charts(at: AppTest) -> list[dict[str, Any]]:
    """The plotly figures on the page."""
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def show(at: AppTest, view: str) -> AppTest:
    """Open a tab and rerun."""
    at.session_state["view"] = view
    return ok(at.run())


def test_dataset_page_filters_and_tabs(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """EVENTS_DATASET opens the dataset: the headline counts its reports, a filter narrows them, every tab it keeps
    draws its chart, the table pages through the rows, the charts export with their caption, and the tabs that need
    the rows in memory say so."""
    monkeypatch.setenv(duck.ENV_DATASET, str(folder))
    monkeypatch.setattr("events.dashboard.duck_charts.SMALL_ROWS", 0)  # the DuckDB charts even for 1,200 rows
    at = ok(AppTest.from_file(SCRIPT, default_timeout=TIMEOUT).run())
    assert {m.label: m.value for m in at.metric}["Reports"] == "1,200"
    assert [f["layout"]["meta"]["chart"] for f in charts(at)] == ["timeline", "counts"]
    assert charts(at)[1]["layout"]["meta"]["events"]["total"] == 1_200
    at.multiselect(key="f_actors").set_value(["Russia"])
    ok(at.run())
    total = charts(at)[1]["layout"]["meta"]["events"]["total"]
    assert 0 < total < 1_200
    for view, chart in (("Compare", "compare"), ("Map", "map"), ("Network", "network")):
        (fig,) = charts(show(at, view))
        assert fig["layout"]["meta"]["chart"] == chart and fig["layout"]["meta"]["events"]["total"] == total
    show(at, "Table")
    assert len(at.dataframe[0].value) == min(total, 1_000)
    at.multiselect(key="f_actors").set_value([])
    ok(at.run())
    assert len(at.dataframe[0].value) == 1_000
    at.number_input(key="duck_table_page").set_value(2)
    ok(at.run())
    assert len(at.dataframe[0].value) == 200
    show(at, "Export")  # the charts' files, and the command that streams the rows
    assert {b.proto.label for b in at.get("download_button")} >= {"PNG", "SVG", "PDF"}
    assert any(f"python -m events export --dataset {folder}" in m.value for m in at.markdown)
    assert any("1,200 reports from 400 articles" in c.value for c in at.caption)
    show(at, "Article reader")  # the articles of the rows, their texts from the dataset's articles
    picked = at.selectbox(key="reader_article")
    assert len(picked.options) == 400
    shown = at.get("html")[0].proto.body
    assert at.subheader[0].value.startswith("Article ") and shown.count('class="ev-label"') == 3
    picked.set_value("a00000")  # the article whose text the dataset lacks
    ok(at.run())
    assert any("no text" in w.value for w in at.warning)
    show(at, "Add articles")  # a dataset is written once: the page says how to make one with more articles
    assert any("--engine dask" in i.value for i in at.info)


def test_store_above_threshold_reads_through_duckdb(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store with more reports than EVENTS_DUCK_ABOVE is read through its snapshot's Parquet copy: the same
    headline as the in-memory page."""
    memory = ok(AppTest.from_file(SCRIPT, default_timeout=TIMEOUT).run())
    want = {m.label: m.value for m in memory.metric}
    monkeypatch.setenv(duck.ENV_ABOVE, "0")
    at = ok(AppTest.from_file(SCRIPT, default_timeout=TIMEOUT).run())
    assert {m.label: m.value for m in at.metric} == want
    assert any("DuckDB" in c.value for c in at.sidebar.caption)
    show(at, "Article reader")  # the picker's articles read by DuckDB, the text from the store
    assert at.subheader and 'class="ev-label"' in at.get("html")[0].proto.body
    show(at, "Add articles")  # into the store: the next run reads its new snapshot through DuckDB
    before = int(want["Events"].replace(",", ""))
    at.text_area(key="paste_text").set_value("Russia launched a drone attack on Zaporizhzhia overnight, officials said.")
    at.button(key="FormSubmitter:add_form-Add articles").click()
    ok(at.run())
    assert int({m.label: m.value for m in at.metric}["Events"].replace(",", "")) == before + 1
    assert any("1 new article" in s.value for s in at.success)
    assert (db.with_name(db.name + ".snapshot") / "events.parquet").exists()
    assert pd.read_parquet(db.with_name(db.name + ".snapshot") / "reports.parquet").shape[0] > 0
