"""The DuckDB path (events.dashboard.duck, duck_charts, duck_index) against the in-memory page: the same facet counts,
headline, chart numbers (counts, timeline buckets, map arcs and places, network nodes and edges, comparison) and
table rows, over a Parquet dataset written here (hive-partitioned by month) and over a store's snapshot."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from events.dashboard import caption, data, duck, duck_charts, duck_index, facets, reader, units, views
from events.dashboard import filters as flt
from events.dashboard.charts import compare, counts, maps, network, timeline
from events.dashboard.tables import parquet_table
from events.schema import to_frame
from events.store import Store

ACTORS = [("Russia", "country", "RUS"), ("Ukraine", "country", "UKR"), ("United States", "country", "USA"),
          ("Turkey", "country", "TUR"), ("Vladimir Putin", "person", "RUS"), ("Donald Trump", "person", "USA"),
          ("Volodymyr Zelensky", "person", "UKR"), ("NATO", "organisation", None), ("Hamas", "armed_group", None),
          ("Atlantis", "country", "ATL")]  # a country the map cannot place
PLACES = [("Kyiv", "UKR", 50.4547, 30.5238), ("Odesa", "UKR", 46.4857, 30.7438), ("Kharkiv", "UKR", 49.9935, 36.2304),
          ("", "UKR", 48.0, 37.8), ("Belgorod", "RUS", 50.5954, 36.5873), ("Kyiv", "UKR", 50.45471, 30.52379)]
TYPES = ["talks", "summit", "air_attack", "air_attack", None]
STATUSES = ["occurred", "occurred", "planned", "cancelled", None]


def synthetic_rows(n: int, seed: int = 3) -> list[dict]:
    """`n` random reports shaped like the store's (repeated actors in a cell, undated, untyped and unplaced ones)."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        etype = TYPES[int(rng.integers(0, len(TYPES)))]
        picks = rng.choice(len(ACTORS), int(rng.integers(0, 5)), replace=True)  # repeats: one name twice in a cell
        acts = [{"name": ACTORS[j][0], "kind": ACTORS[j][1], "country": ACTORS[j][2],
                 "role": "initiator" if (etype == "air_attack" and k == 0) else "participant"}
                for k, j in enumerate(picks)]
        place = PLACES[int(rng.integers(0, len(PLACES)))]
        day = pd.Timestamp("2024-01-01") + pd.Timedelta(days=int(rng.integers(0, 500)))
        coords = etype == "air_attack" and rng.random() < 0.9
        rows.append({
            "report_id": f"r{i:05d}", "event_id": f"e{i // 2:05d}", "event_type": etype,
            "status": STATUSES[int(rng.integers(0, len(STATUSES)))],
            "date": None if rng.random() < 0.15 else day, "date_precision": "day",
            "actors": acts, "countries": sorted({a["country"] for a in acts if a["country"]}),
            "location_name": place[0] if coords else None, "location_country": place[1],
            "lat": place[2] if coords else None, "lon": place[3] if coords else None,
            "sentence": f"Report {i}: talks in Brașov" if i % 7 == 0 else f"Report {i} of the war",
            "confidence": None if i % 50 == 0 else round(float(rng.uniform(0.3, 1.0)), 2),
            "article_id": f"a{i // 3:05d}", "title": f"Article {i // 3}", "path": f"p/{i // 3}.txt",
            "published": None if i % 97 == 0 else day + pd.Timedelta(days=1),
            "language": "ro" if i % 4 == 0 else "en", "source": f"Outlet {i % 5}" if i % 11 else None,
        })  # fmt: skip
    return rows


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pd.DataFrame]:
    """A dataset folder as the Dask ingest writes one (events/month=YYYY-MM/*.parquet, two files in some months),
    and the same reports as the in-memory page holds them (prepared, in the dataset's file order)."""
    folder = tmp_path_factory.mktemp("dataset")
    frame = to_frame(synthetic_rows(3_000))
    month = flt.effective_dates(frame).dt.strftime("%Y-%m").fillna("none")
    parts = []
    for m in sorted(month.unique()):
        rows = frame[month.to_numpy() == m]
        where = folder / "events" / f"month={m}"
        where.mkdir(parents=True)
        halves = [rows.iloc[: len(rows) // 2], rows.iloc[len(rows) // 2 :]] if len(rows) > 150 else [rows]
        for k, half in enumerate(halves):
            pq.write_table(parquet_table(half), where / f"part-{k}.parquet", row_group_size=64)
            parts.append(half)
    # a writer's leftovers the dataset does not hold (a hidden temporary file, an underscore folder)
    pq.write_table(parquet_table(frame.iloc[:5]), folder / "events" / f"month={m}" / ".part-9.parquet.tmp.parquet")
    (folder / "events" / "_staging").mkdir()
    pq.write_table(parquet_table(frame.iloc[:5]), folder / "events" / "_staging" / "e-1.parquet")
    # the articles, with their texts: each holds its reports' sentences
    articles = frame.groupby("article_id", sort=True).agg(path=("path", "first"), title=("title", "first"),
                                                          published=("published", "first"),
                                                          language=("language", "first"), source=("source", "first"),
                                                          text=("sentence", " ".join)).reset_index()
    (folder / "articles" / "month=all").mkdir(parents=True)
    pq.write_table(pa.Table.from_pandas(articles.assign(url=None), preserve_index=False),
                   folder / "articles" / "month=all" / "part-0.parquet")
    return folder, flt.prepare(pd.concat(parts, ignore_index=True))


@pytest.fixture(scope="module")
def source(dataset: tuple[Path, pd.DataFrame]) -> duck.DuckSource:
    """The dataset opened by the DuckDB path."""
    return duck.open_source(duck.Source.dataset(dataset[0]))


FILTERS = {
    "none": flt.Filters(),
    "actor": flt.Filters(actors=("Russia",)),
    "actors_all": flt.Filters(actors=("Russia", "Ukraine"), actor_mode="all"),
    "type_status": flt.Filters(event_types=("air_attack",), statuses=("occurred", "planned")),
    "dates": flt.Filters(date_from=date(2024, 3, 1), date_to=date(2024, 9, 30)),
    "country_dates": flt.Filters(countries=("UKR",), date_from=date(2024, 2, 1), date_to=date(2025, 1, 15)),
    "mixed": flt.Filters(actors=("Donald Trump", "NATO"), event_types=("talks", "summit"), languages=("en",),
                         min_confidence=0.5),
    "text": flt.Filters(text="brasov", sources=("Outlet 1", "Outlet 2")),
}


def memory_selection(df: pd.DataFrame, f: flt.Filters) -> views.Selection:
    """The in-memory page's selection."""
    index = facets.build_index(df)
    return views.filtered(df, f, None, flt.actor_options(df), lambda: index)


@pytest.mark.parametrize("name", list(FILTERS))
def test_counts_and_headline_match_memory(dataset: tuple[Path, pd.DataFrame], source: duck.DuckSource,
                                          name: str) -> None:
    """Facet counts, the rows kept, the headline and the per-period counts are the in-memory page's, filter by filter."""
    df = dataset[1]
    f = FILTERS[name]
    mem = memory_selection(df, f)
    sel = source.selection(f, None)
    assert len(sel) == len(mem.rows) and len(sel) > 0
    assert sel.counts == mem.counts
    assert sel.actor_counts == {a: n for a, n in mem.actor_counts.items() if n or mem.counts is not None}
    if mem.distinct is not None:
        assert sel.distinct == mem.distinct
    kept = mem.rows.frame()
    expected = views.headline(kept)
    expected["articles"] = units.articles_of(df, kept)
    assert sel.headline() == expected
    cube = duck_charts.day_cube(sel)
    for gran in ("auto", "day", "week", "month"):
        table, unit = duck_charts.counts_table(cube, gran)
        eff = pd.to_datetime(kept[flt.EFFECTIVE_DATE].dropna())
        assert unit == flt_unit(eff, gran)
        start = periods_start(eff, unit)
        want = pd.Series(1, index=eff.index).groupby([start.to_numpy(),
                                                      kept.loc[eff.index, "event_type"].fillna("").to_numpy()]).sum()
        got = table.stack()
        assert {k: v for k, v in got.items() if v} == {k: int(v) for k, v in want.items()}
    assert figure_json(duck_charts.counts_chart(sel)) == figure_json(counts.counts_over_time(kept))


@pytest.mark.parametrize("name", ["none", "actor", "type_status", "mixed", "text"])
@pytest.mark.parametrize("lang", ["en", "ro"])
def test_caption_matches_memory(dataset: tuple[Path, pd.DataFrame], source: duck.DuckSource, name: str,
                                lang: str) -> None:
    """An exported chart's caption (filters, rows and articles, the articles' outlets) is the in-memory page's."""
    f = FILTERS[name]
    kept = memory_selection(dataset[1], f).rows.frame()
    made = date(2026, 12, 7)
    assert source.selection(f, None).caption(f, made, lang) == caption.caption(f, kept, made, lang)


def flt_unit(eff: pd.Series, gran: str) -> str:
    """The counts chart's unit for these dates."""
    from events.dashboard import periods

    return periods.unit_for(eff, gran)


def periods_start(eff: pd.Series, unit: str) -> pd.Series:
    """Period starts."""
    from events.dashboard import periods

    return periods.period_starts(eff, unit)


def figure_json(fig: object) -> str:
    """A figure as comparable JSON."""
    return json.dumps(fig.to_plotly_json(), sort_keys=True, default=str)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["none", "actor", "type_status", "country_dates", "mixed"])
@pytest.mark.parametrize("lanes", ["type", "actor"])
def test_timeline_buckets_match_memory(dataset: tuple[Path, pd.DataFrame], source: duck.DuckSource, name: str,
                                       lanes: str) -> None:
    """The aggregated timeline's markers (lane, type, status, undated, period: count and first report) are the
    in-memory timeline's, and so is its figure."""
    kept = memory_selection(dataset[1], FILTERS[name]).rows.frame()
    sel = source.selection(FILTERS[name], None)
    pts, order = timeline._timeline_points(kept, lanes, 15)
    want, label = timeline._aggregate(pts)
    got, got_label, got_order, shown = duck_charts.timeline_buckets(sel, lanes)
    assert (got_label, got_order, shown) == (label, order, int(pts["pos"].nunique()))
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True), check_dtype=False)
    assert figure_json(duck_charts.timeline_chart(sel, lanes, max_points=50)) == \
        figure_json(timeline.timeline(kept, lanes=lanes, max_points=50))


@pytest.mark.parametrize("name", ["none", "actor", "type_status", "dates", "mixed"])
def test_map_matches_memory(dataset: tuple[Path, pd.DataFrame], source: duck.DuckSource, name: str) -> None:
    """Countries per type, the arcs, the rows drawn and the air-attack places are the in-memory map's."""
    kept = memory_selection(dataset[1], FILTERS[name]).rows.frame()
    want = maps.map_data(kept)
    got = duck_charts.map_data(source.selection(FILTERS[name], None))
    assert got.links == want.links and any(want.links.values()) == (name != "type_status")
    assert got.country_types == want.country_types
    assert (got.n_events, got.n_shown, got.n_attacks, got.bit) == (want.n_events, want.n_shown, want.n_attacks,
                                                                   want.bit)
    cols = ["location_name", "lat", "lon", "n", "attackers"]
    pd.testing.assert_frame_equal(got.targets[cols].reset_index(drop=True), want.targets[cols].reset_index(drop=True),
                                  check_dtype=False)
    for mine, theirs in zip(got.targets["report_ids"], want.targets["report_ids"], strict=True):
        assert mine == theirs[: duck_charts.MAX_TARGET_IDS]
    if all(len(ids) <= duck_charts.MAX_TARGET_IDS for ids in want.targets["report_ids"]):
        assert figure_json(maps.map_figure(got)) == figure_json(maps.actor_map(kept))


@pytest.mark.parametrize("name", ["none", "actor", "actors_all", "type_status", "country_dates"])
def test_network_matches_memory(dataset: tuple[Path, pd.DataFrame], source: duck.DuckSource, name: str) -> None:
    """The network's actors (events, kinds, country, types), nodes and edges are the in-memory network's."""
    kept = memory_selection(dataset[1], FILTERS[name]).rows.frame()
    for max_nodes in (40, 4):
        want = network.network_data(kept, max_nodes)
        got = duck_charts.network_data(source.selection(FILTERS[name], None), max_nodes)
        assert got.edges == want.edges and got.edges
        assert got.nodes == want.nodes
        assert got.actors == want.actors
        for a in got.actors:  # a tie between kinds goes to the one seen first, as Counter.most_common does
            assert list(got.actors[a]["kinds"]) == list(want.actors[a]["kinds"])
        assert (got.n_events, got.n_shown, got.n_named) == (want.n_events, want.n_shown, want.n_named)
    assert figure_json(network.network_figure(got)) == figure_json(network.actor_network(kept, max_nodes=4))


@pytest.mark.parametrize("name", ["none", "dates", "mixed"])
def test_compare_matches_memory(dataset: tuple[Path, pd.DataFrame], source: duck.DuckSource, name: str) -> None:
    """The comparison's counts per actor and period, and its figure, are the in-memory comparison's."""
    kept = memory_selection(dataset[1], FILTERS[name]).rows.frame()
    sel = source.selection(FILTERS[name], None)
    for gran in ("auto", "week"):
        chosen = compare.top_actors(kept)
        want, unit = compare.actor_period_counts(kept, chosen, gran)
        got, got_unit = duck_charts.compare_table(sel, chosen, gran)
        assert got_unit == unit
        pd.testing.assert_frame_equal(got, want, check_freq=False)
        assert figure_json(duck_charts.compare_chart(sel, (), gran)) == figure_json(compare.compare_actors(kept, None,
                                                                                                           gran))
    picked = ("Hamas", "Russia")
    assert figure_json(duck_charts.compare_chart(sel, picked)) == figure_json(compare.compare_actors(kept, picked))


@pytest.mark.parametrize("name", ["none", "actor", "dates"])
def test_table_pages_match_memory(dataset: tuple[Path, pd.DataFrame], source: duck.DuckSource, name: str) -> None:
    """Each page of the table is its slice of the in-memory table, newest first; past the end a page is empty."""
    kept = memory_selection(dataset[1], FILTERS[name]).rows.frame()
    want = views.table_frame(kept)
    sel = source.selection(FILTERS[name], None)
    size = 400
    for page in (0, 1, len(want) // size):
        got = sel.table_page(page, size)
        expected = want.iloc[page * size:(page + 1) * size].reset_index(drop=True)
        pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert sel.table_page(len(want) // size + 1, size).empty


def test_small_selection_is_drawn_in_memory(dataset: tuple[Path, pd.DataFrame], source: duck.DuckSource) -> None:
    """A selection of few rows is fetched and drawn by the in-memory charts: the same figures, every chart."""
    f = flt.Filters(actors=("Hamas",), event_types=("talks",))
    kept = memory_selection(dataset[1], f).rows.frame()
    sel = source.selection(f, None)
    assert 0 < len(sel) <= duck_charts.SMALL_ROWS
    pd.testing.assert_frame_equal(sel.frame().reset_index(drop=True)[list(kept.columns)],
                                  kept.reset_index(drop=True), check_dtype=False)
    for chart in ("timeline", "counts", "map", "network", "compare"):
        assert figure_json(duck_charts.draw(sel, chart)) == figure_json(
            __import__("events.dashboard.charts", fromlist=["draw"]).draw(kept, chart))


def test_index_is_saved_and_reused(dataset: tuple[Path, pd.DataFrame], source: duck.DuckSource) -> None:
    """The index is written beside the dataset once and memory-mapped by the next open; a changed file makes it
    stale (rebuilt), never wrong."""
    folder, df = dataset
    where = folder / duck.INDEX_DIR
    assert (where / "index.json").exists()
    again = duck_index.load(where, duck.Source.dataset(folder).key)
    assert again is not None and isinstance(again.facets.codes["actors"], np.memmap)
    assert duck_index.load(where, "another key") is None
    reopened = duck.open_source(duck.Source.dataset(folder))
    assert reopened.sidebar_options() == source.sidebar_options()
    assert source.sidebar_options()["actors"] == flt.actor_options(df)
    assert source.sidebar_options()["bounds"] == views.date_bounds(df)


def test_the_day_cube_of_every_row_is_kept_beside_the_index(dataset: tuple[Path, pd.DataFrame],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The per-day cube of every row is made once per dataset version: a page opened again with no filter reads it
    (DuckDB is not asked), a filtered selection still asks DuckDB, and a cube of another version is not read."""
    first = duck.open_source(duck.Source.dataset(dataset[0]))
    cube = duck_charts.day_cube(first.selection(flt.Filters(), None))
    saved = dataset[0] / duck.INDEX_DIR / "day_cube.parquet"
    assert saved.exists()

    def no_duckdb(*args, **kwargs):
        raise AssertionError("DuckDB was asked")

    reopened = duck.open_source(duck.Source.dataset(dataset[0]))
    monkeypatch.setattr(duck.DuckSelection, "query", no_duckdb)
    pd.testing.assert_frame_equal(duck_charts.day_cube(reopened.selection(flt.Filters(), None)), cube)
    with pytest.raises(AssertionError, match="DuckDB was asked"):
        duck_charts.day_cube(reopened.selection(FILTERS["actor"], None))
    assert duck_charts._saved_cube(saved, "another version") is None


@pytest.mark.parametrize("name", ["none", "actor", "mixed"])
def test_reader_reads_the_dataset(dataset: tuple[Path, pd.DataFrame], source: duck.DuckSource, name: str) -> None:
    """The reader over a dataset: the picker lists the articles behind the rows kept, most recent first, each with
    all its reports; an article's text comes from the dataset's articles, its reports from its events."""
    df = dataset[1]
    kept = memory_selection(df, FILTERS[name]).rows.frame()
    sel = source.selection(FILTERS[name], None)
    picks, n = sel.reader_articles(50)
    assert n == kept["article_id"].nunique()
    # (an article's reports here have different days: its latest is the article's)
    latest = df.groupby("article_id")["published"].max().loc[kept["article_id"].unique()].dropna()
    assert [pd.Timestamp(d) for d in picks["published"]] == list(latest.sort_values(ascending=False).iloc[:50])
    assert picks["n_events"].to_dict() == df.groupby("article_id").size().loc[picks.index].to_dict()
    aid = str(picks.index[0])
    article = source.article(aid)
    reports = sel.article_reports(aid)
    assert article is not None and article.article_id == aid and article.title == df.loc[
        df["article_id"] == aid, "title"].iloc[0]
    assert set(reports["report_id"]) == set(df.loc[df["article_id"] == aid, "report_id"])
    assert all(sentence in article.text for sentence in reports["sentence"])
    assert source.article("no such article") is None


def test_store_snapshot_both_units(db: Path) -> None:
    """A store's snapshot opened through DuckDB (its Parquet copy written once per version): reports and events give
    the in-memory page's counts, headline (articles behind events included), charts' numbers and table."""
    with Store(db) as store:
        tables = data.load_tables(store)  # writes the snapshot
        for unit, df in (("reports", tables.reports), ("events", tables.events)):
            src = duck.open_source(duck.snapshot_source(store, unit))
            assert src.n_rows == len(df)
            for f in (flt.Filters(), FILTERS["actor"], FILTERS["type_status"], FILTERS["country_dates"]):
                index = facets.build_index(df)
                mem = views.filtered(df, f, None, flt.actor_options(df), lambda index=index: index)
                sel = src.selection(f, None)
                assert sel.counts == mem.counts and len(sel) == len(mem.rows)
                kept = mem.rows.frame()
                codes = units.article_codes(tables.reports, df)
                positions = mem.rows.positions if mem.rows.positions is not None else np.arange(len(df))
                assert sel.articles() == units.count_articles(codes, positions)
                behind = None if unit == "reports" else units.reports_of(tables.reports, kept)
                assert sel.caption(f, date(2026, 12, 7), "en") == caption.caption(f, kept, date(2026, 12, 7), "en",
                                                                                reports=behind)
                assert sel.unit_bit() == units.unit_bit(kept)
                assert duck_charts.network_data(sel).edges == network.network_data(kept).edges
                assert duck_charts.map_data(sel).links == maps.map_data(kept).links
                pd.testing.assert_frame_equal(sel.table_page(0, 50), views.table_frame(kept).iloc[:50],
                                              check_dtype=False)
                # the reader's picker: the articles behind the rows, as the in-memory reader lists them
                arts = store.articles_frame().set_index("article_id")
                picks, n = sel.reader_articles(10_000)
                ids, n_memory = reader.article_choices(arts, kept if behind is None else behind, None, 10_000)
                assert n == n_memory and set(picks.index) == set(ids)
                assert picks["n_events"].to_dict() == arts.loc[picks.index, "n_events"].to_dict()
                for aid in ids[:1]:
                    assert set(sel.article_reports(aid)["report_id"]) == set(
                        views.article_events(tables.reports, aid)["report_id"])
        assert (data.snapshot.folder(db) / "reports.parquet").exists()
