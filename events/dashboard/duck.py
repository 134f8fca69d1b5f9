"""The dashboard over more rows than fit in memory: DuckDB over Parquet, the rows never loaded into pandas.

A source is a dataset folder (`EVENTS_DATASET=DATASET/`: `DATASET/events/month=YYYY-MM/*.parquet`, the columns of
`python -m events export --format parquet --unit reports`) or a Parquet copy of a store's snapshot (made once per
store version beside its Arrow files, `snapshot_source`). The filters' masks and the sidebar's facet counts come from
per-row codes memory-mapped beside the source (`duck_index`); DuckDB scans the Parquet files, joined by position
with the mask of the rows kept (`POSITIONAL JOIN`: the index and DuckDB read the files in the same order), for the
per-day counts, the table's order, the text search and the rows a view reads (`duck_charts` draws the charts).
Pure functions and classes: no Streamlit.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from events.dashboard import caption as caption_mod
from events.dashboard import duck_index, facets, i18n, views
from events.dashboard import filters as flt
from events.dashboard.charts import style
from events.records import Article
from events.schema import EVENT_COLUMNS
from events.search import SearchHits

ENV_DATASET = "EVENTS_DATASET"  # a dataset folder the page opens instead of the store
ENV_ABOVE = "EVENTS_DUCK_ABOVE"  # rows: a store with more than this many reports is shown through DuckDB
DUCK_ABOVE = 2_000_000  # 1M rows are met in memory (README); the in-memory page needs ~1.3 GB per 1M
INDEX_DIR = "_dashboard_index"  # beside a dataset's events/ (an underscore folder: no partition of the dataset)
THREADS = 2  # DuckDB's threads (the page's other work runs beside it)
MEMORY_LIMIT = "1GB"  # DuckDB's own buffers; the 2 GB peak RSS of issue 14 §2 holds the index and the page too


def dataset_path(environ: Mapping[str, str] | None = None) -> Path | None:
    """The dataset folder $EVENTS_DATASET names, or None."""
    env = os.environ if environ is None else environ
    value = (env.get(ENV_DATASET) or "").strip()
    return Path(value).expanduser() if value else None


def duck_above(environ: Mapping[str, str] | None = None) -> int:
    """Rows above which a store is shown through DuckDB ($EVENTS_DUCK_ABOVE, else DUCK_ABOVE)."""
    env = os.environ if environ is None else environ
    try:
        return int(env.get(ENV_ABOVE) or DUCK_ABOVE)
    except ValueError:
        return DUCK_ABOVE


@dataclass(frozen=True)
class Source:
    """Parquet files of one table (read in this order), what their rows are, and where their index lives."""

    files: tuple[Path, ...]
    unit: str  # "reports" or "events"
    key: str  # changes whenever the files do
    index_dir: Path | None
    reports: tuple[Path, ...] = ()  # an events table's reports (its articles are theirs); () for a table of reports
    articles: tuple[Path, ...] = ()  # a dataset's articles with their texts (a store's are in the store)

    @staticmethod
    def dataset(folder: Path) -> Source:
        """A dataset folder's events (`events/**/*.parquet`, files in path order), a table of reports, and its
        articles (`articles/**/*.parquet`)."""
        files = _table_files(folder / "events")
        if not files:
            raise FileNotFoundError(f"no Parquet files under {folder / 'events'}")
        return Source(files, "reports", _files_key(files), folder / INDEX_DIR, articles=_table_files(folder / "articles"))


def _table_files(root: Path) -> tuple[Path, ...]:
    """The Parquet files of one table of a dataset, in path order; a writer's temporary or hidden files (".x", "_x",
    as Hive readers skip them) are not the dataset's."""
    return tuple(sorted(p for p in root.rglob("*.parquet")
                        if not any(part.startswith((".", "_")) for part in p.relative_to(root).parts)))


def _files_key(files: Sequence[Path]) -> str:
    """A key of the files' names, sizes and modification times."""
    digest = hashlib.sha1()
    for path in files:
        st = path.stat()
        digest.update(f"{path}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def snapshot_source(store: Any, unit: str) -> Source:
    """The store's snapshot table of `unit` as Parquet (written beside the Arrow files once per store version)."""
    from events.dashboard import snapshot

    where = snapshot.folder(store.path)
    key = snapshot.version_key(store)
    files = {}
    for part in ("reports", "events"):
        path = where / f"{part}.parquet"
        if parquet_key(path) != key:
            _snapshot_parquet(where / f"{part}.arrow", path, key)
        files[part] = (path,)
    return Source(files[unit], unit, f"{key}|{unit}", where / f"index.{unit}",
                  () if unit == "reports" else files["reports"])


_KEY = b"events_duck"  # a kept Parquet file's schema metadata: the source version it was made from


def parquet_key(path: Path) -> str | None:
    """The source version a Parquet file kept beside a source was made from (`write_keyed`), None when there is none."""
    import pyarrow.parquet as pq

    try:
        meta = pq.read_schema(path).metadata or {}
    except (OSError, pa.ArrowInvalid):
        return None
    raw = meta.get(_KEY)
    return raw.decode() if raw else None


def _snapshot_parquet(arrow_path: Path, path: Path, key: str) -> None:
    """Write a Parquet copy of a snapshot file: its list columns plain lists (actors as structs), helpers left out."""
    from events.dashboard import snapshot

    try:
        table = pa.ipc.open_file(pa.memory_map(str(arrow_path), "r")).read_all()
    except (OSError, pa.ArrowInvalid) as exc:
        raise FileNotFoundError(f"{arrow_path} cannot be read: {exc}") from exc
    own = snapshot.facts_of(table.schema)
    if own.get("version") != key:
        raise FileNotFoundError(f"{arrow_path} is not of the store's version: open the store to write its snapshot")
    lists: dict[str, dict[str, str]] = own["list_columns"]
    columns, names = [], []
    for name in table.column_names:
        if name.startswith("_"):
            continue
        column = table.column(name)
        columns.append(_plain_list(column, lists[name]) if name in lists else column.combine_chunks())
        names.append(name)
    write_keyed(pa.Table.from_arrays(columns, names=names), path, key, row_group_size=128 * 1024)


def write_keyed(table: pa.Table, path: Path, key: str, **options: Any) -> None:
    """Write a Parquet file that says which source version it was made from (`parquet_key`): whole, then renamed, so
    a reader never sees half of it."""
    import pyarrow.parquet as pq

    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table.replace_schema_metadata({**(table.schema.metadata or {}), _KEY: key.encode()}), tmp,
                   **options)
    os.replace(tmp, path)


ACTOR = pa.struct([(k, pa.string()) for k in ("name", "kind", "country", "role")])


def _plain_list(column: pa.ChunkedArray, how: Mapping[str, str]) -> pa.Array:
    """A snapshot's dictionary of list cells as a plain list column (JSON items of actors as structs)."""
    array = column.combine_chunks()
    cells, codes = array.dictionary, array.indices
    texts = cells.values.dictionary
    items: pa.Array = texts
    if how["items"] == "json":
        parsed = [json.loads(t) for t in texts.to_pylist()]
        if parsed and all(isinstance(p, dict) and "name" in p for p in parsed):  # actors: the export's struct
            items = pa.array([{k: (None if p.get(k) is None else str(p.get(k))) for k in ACTOR.names} for p in parsed],
                             ACTOR)
        elif parsed and all(isinstance(p, dict) for p in parsed):  # a status history: {status, since}
            fields = list(dict.fromkeys(k for p in parsed for k in p))
            items = pa.array([{k: (None if p.get(k) is None else str(p.get(k))) for k in fields} for p in parsed],
                             pa.struct([(k, pa.string()) for k in fields]))
    plain = pa.ListArray.from_arrays(cells.offsets, items.take(cells.values.indices))
    return plain.take(codes)


# ---------------------------------------------------------------- an open source


class DuckSource:
    """A source opened: its DuckDB view `src`, its index, and the numbers of every row (the sidebar's options)."""

    def __init__(self, source: Source, index: duck_index.RowIndex) -> None:
        self.source = source
        self.index = index
        self.n_rows = index.n_rows
        self._lock = threading.Lock()  # one query at a time on the connection (the page's sessions are threads)
        self._con = duckdb.connect(config={"threads": THREADS, "memory_limit": MEMORY_LIMIT,
                                           "preserve_insertion_order": True})
        self._con.execute(f"CREATE VIEW src AS SELECT * FROM read_parquet({_paths(source.files)}, union_by_name=true)")
        if source.reports:
            self._con.execute(f"CREATE VIEW reports AS SELECT * FROM read_parquet({_paths(source.reports)},"
                              " union_by_name=true)")
        if source.articles:
            self._con.execute(f"CREATE VIEW articles AS SELECT * FROM read_parquet({_paths(source.articles)},"
                              " union_by_name=true)")
        self.columns = [r[0] for r in self._con.execute("DESCRIBE src").fetchall()]
        self._pos = pa.array(np.arange(self.n_rows, dtype=np.int32))  # each row's position, joined to every scan
        self._groups: list[tuple[Path, int, int]] | None = None  # the files' row groups, once asked for
        self._cell_items: dict[str, Any] | None = None  # every distinct cell's items (duck_charts), once asked for
        self._all_counts: dict[str, dict[str, int]] = {}  # each facet's counts over every row

    @property
    def unit(self) -> str:
        """What the rows are: 'reports' or 'events'."""
        return self.source.unit

    def read_rows(self, positions: np.ndarray, columns: Sequence[str]) -> pd.DataFrame:
        """The rows at these positions (in this order), read from the row groups that hold them (pyarrow): a page
        of the table costs a few row groups, not a scan of every file."""
        import pyarrow.parquet as pq

        if self._groups is None:  # (file, row group, first row) of every row group, from the files' footers
            groups = []
            start = 0
            for path in self.source.files:
                meta = pq.ParquetFile(path).metadata
                for g in range(meta.num_row_groups):
                    groups.append((path, g, start))
                    start += meta.row_group(g).num_rows
            self._groups = groups
        firsts = np.array([g[2] for g in self._groups] + [self.n_rows], dtype=np.int64)
        which = np.searchsorted(firsts, positions, side="right") - 1
        parts, order = [], []
        for g in np.unique(which).tolist():
            path, group, first = self._groups[g]
            pf = pq.ParquetFile(path)
            have = [c for c in columns if c in pf.schema_arrow.names]
            mine = positions[which == g]
            parts.append(pf.read_row_group(group, columns=have).take(pa.array(mine - first)))
            order.extend(mine.tolist())
        if not parts:
            return pd.DataFrame(columns=list(columns))
        table = pa.concat_tables(parts, promote_options="default")
        df = table.to_pandas()
        rank = {p: i for i, p in enumerate(order)}
        return df.iloc[[rank[int(p)] for p in positions]].reset_index(drop=True)

    def query(self, sql: str, keep: np.ndarray | None = None, params: Sequence[Any] = (),
              tables: Mapping[str, pa.Table] | None = None) -> pd.DataFrame:
        """A (small) result as pandas. In `sql`, `rows` stands for the source's rows kept (`keep`: a row mask, None
        for all), each with its position `pos`; `tables` are Arrow tables to register under their names."""
        keeper = pa.table({"pos": self._pos} if keep is None else {"pos": self._pos, "k": pa.array(keep)})
        rows = "(SELECT * FROM src POSITIONAL JOIN keeper" + ("" if keep is None else " WHERE k") + ")"
        with self._lock:
            cur = self._con.cursor()
            try:
                cur.register("keeper", keeper)
                for name, table in (tables or {}).items():
                    cur.register(name, table)
                return cur.execute(sql.replace("{rows}", rows), list(params)).df()
            finally:
                cur.close()

    def article(self, article_id: str) -> Article | None:
        """A dataset's article with its text (its articles' Parquet files); None when it has none of that id."""
        if not self.source.articles:
            return None
        found = self.query("SELECT article_id, path, text, title, published, language, source, url FROM articles"
                           " WHERE article_id = ? LIMIT 1", None, [article_id])
        if found.empty:
            return None
        row = {k: (None if pd.isna(v) else v) for k, v in found.iloc[0].items()}
        day = pd.Timestamp(row["published"]).date() if row["published"] is not None else None
        return Article(row["article_id"], row["path"], row["text"], row["title"], day, row["language"],
                       row["source"], row["url"])

    # -------------------------------------------------------- the sidebar and the selection

    def sidebar_options(self) -> dict[str, Any]:
        """As `views.sidebar_options`: the filters' choices with their counts, the date span, the headline."""
        options = {key: views.ranked_counts(self.counts_of_all(facet)) for key, facet in views.OPTION_FACETS.items()}
        sel = self.selection(flt.Filters(), None)
        return {**options, "bounds": sel.bounds(), "headline": sel.headline()}

    def selection(self, f: flt.Filters, hits: SearchHits | None) -> DuckSelection:
        """The rows f keeps and the facet counts, as `views.filtered` gives them."""
        index = self.index.facets
        if f.is_empty():
            return DuckSelection(self, None, None, self.counts_of_all("actors"),
                                 (len(index.values["actors"]), len(index.values["countries"])))
        found = self.masks(f, hits)
        counts = {facet: facets.value_counts(index, facet, flt.combined(self.n_rows,
                                                                         [m for k, m in found.items() if k != facet]))
                  for facet in facets.FACETS}
        keep = flt.combined(self.n_rows, found.values())
        actor_counts = counts["actors"] if "actors" not in found else facets.value_counts(index, "actors", keep)
        countries = counts["countries"] if "countries" not in found else facets.value_counts(index, "countries", keep)
        distinct = (sum(1 for n in actor_counts.values() if n), sum(1 for n in countries.values() if n))
        return DuckSelection(self, keep, counts, actor_counts, distinct)

    def counts_of_all(self, facet: str) -> dict[str, int]:
        """`facets.value_counts` of every row (a bincount of the codes: no mask to gather through), kept."""
        if facet not in self._all_counts:
            index = self.index.facets
            codes = np.asarray(index.codes[facet])
            counts = np.bincount(codes[codes >= 0] if facet not in index.rows else codes,
                                 minlength=len(index.values[facet]))
            self._all_counts[facet] = dict(zip(index.values[facet], counts.tolist(), strict=True))
        return self._all_counts[facet]

    def masks(self, f: flt.Filters, hits: SearchHits | None = None) -> dict[str, np.ndarray]:
        """One row mask per filter that restricts something (`filters.masks`' own), from the index and, for a text
        search, DuckDB."""
        ix = self.index
        out: dict[str, np.ndarray] = {}
        if f.actors:
            out["actors"] = self._facet_mask("actors", f.actors, f.actor_mode)
        if f.countries:
            out["countries"] = self._facet_mask("countries", f.countries, "any")
        for name in flt.SCALAR_COLUMNS:
            if wanted := getattr(f, name):
                out[name] = self._facet_mask(name, wanted, "any")
        if f.date_from is not None or f.date_to is not None:
            day = np.asarray(ix.day)
            mask = day != duck_index.NO_DAY
            if f.date_from is not None:
                mask &= day >= _day_number(f.date_from)
            if f.date_to is not None:
                mask &= day <= _day_number(f.date_to)
            out["dates"] = mask
        if f.min_confidence > 0:
            with np.errstate(invalid="ignore"):
                out["min_confidence"] = np.asarray(ix.confidence) >= f.min_confidence
        if hits is not None and hits.text == f.text:
            if hits.searched:
                out["text"] = self._in_hits(hits.articles, hits.events)
        elif needle := flt.fold(f.text.strip()):
            # the sentences folded as `filters.fold` does (accents stripped, lower case), searched by DuckDB
            out["text"] = self._row_mask("contains(lower(strip_accents(coalesce(sentence, ''))), ?)", [needle])
        return out

    def _facet_mask(self, facet: str, wanted: Sequence[str], mode: str) -> np.ndarray:
        """A facet's row mask from the index (a value no row holds keeps none)."""
        found = facets.facet_mask(self.index.facets, facet, wanted, mode)
        return found if found is not None else np.zeros(self.n_rows, dtype=bool)

    def _row_mask(self, condition: str, params: Sequence[Any] = (),
                  tables: Mapping[str, pa.Table] | None = None) -> np.ndarray:
        """Per row (in order), whether a SQL condition holds (null: no)."""
        got = self.query(f"SELECT coalesce({condition}, false) AS m FROM {{rows}} ORDER BY pos", None, params, tables)
        return got["m"].to_numpy(dtype=bool)

    def _in_hits(self, articles: Collection[str], reports: Collection[str]) -> np.ndarray:
        """Rows whose article or report a full-text search found."""
        tables = {"hit_articles": pa.table({"v": pa.array(sorted(articles), pa.string())}),
                  "hit_reports": pa.table({"v": pa.array(sorted(reports), pa.string())})}
        return self._row_mask("article_id IN (SELECT v FROM hit_articles) OR report_id IN (SELECT v FROM hit_reports)",
                              tables=tables)


def _paths(files: Sequence[Path]) -> str:
    """A SQL list of file paths."""
    return "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in files) + "]"


def _day_number(day: date) -> int:
    """Days since 1970-01-01."""
    return (day - date(1970, 1, 1)).days


def _day(number: int) -> date:
    """The day of a day number."""
    return date.fromordinal(date(1970, 1, 1).toordinal() + int(number))


@dataclass
class DuckSelection:
    """The rows the filters keep (a mask over the source), with the sidebar's counts; each view is computed when
    asked for (and kept for the run)."""

    source: DuckSource
    keep: np.ndarray | None  # None: every row
    counts: dict[str, dict[str, int]] | None  # the facet counts (None: nothing filtered)
    actor_counts: dict[str, int]  # rows per actor among those kept
    distinct: tuple[int, int]  # distinct actors and countries among the rows kept
    _memo: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return self.source.n_rows if self.keep is None else int(self.keep.sum())

    @property
    def everything(self) -> bool:
        """True when nothing is filtered out."""
        return self.keep is None

    def mask(self) -> np.ndarray:
        """The rows kept, as a mask."""
        return np.ones(self.source.n_rows, dtype=bool) if self.keep is None else self.keep

    def query(self, sql: str, params: Sequence[Any] = (), tables: Mapping[str, pa.Table] | None = None) -> pd.DataFrame:
        """`DuckSource.query` over the rows kept."""
        return self.source.query(sql, self.keep, params, tables)

    def bounds(self) -> tuple[date, date] | None:
        """First and last effective day of the rows kept (`views.date_bounds`)."""
        day = np.asarray(self.source.index.day)[self.mask()]
        day = day[day != duck_index.NO_DAY]
        return (_day(day.min()), _day(day.max())) if len(day) else None

    def articles(self) -> int:
        """Distinct articles behind the rows kept (an event's: those of all its reports)."""
        if "articles" not in self._memo:
            if self.source.source.reports:  # an events table: its reports' articles, joined by DuckDB
                sql = ("SELECT count(DISTINCT article_id) AS n FROM reports WHERE event_id IN "
                       "(SELECT event_id FROM {rows})")
                self._memo["articles"] = int(self.query(sql)["n"].iloc[0])
            else:
                self._memo["articles"] = self._distinct(self.source.index.article)
        return self._memo["articles"]

    def _distinct(self, codes: np.ndarray) -> int:
        """Distinct codes (-1: none) among the rows kept."""
        codes = np.asarray(codes)
        picked = codes if self.keep is None else codes[self.keep]
        seen = np.zeros(int(codes.max()) + 2 if len(codes) else 1, dtype=bool)
        seen[picked + 1] = True
        return int(seen[1:].sum())

    def headline(self) -> dict[str, Any]:
        """`views.headline`'s numbers of the rows kept."""
        ix = self.source.index
        keep = self.mask()
        per_type = (self.source.counts_of_all("event_types") if self.keep is None
                    else facets.value_counts(ix.facets, "event_types", keep))
        types = {t: n for t, n in per_type.items() if n}
        span = self.bounds()
        return {
            "unit": self.source.unit,
            "events": len(self),
            "by_type": {t: int(types[t]) for t in style.type_order(types)},
            "actors": self.distinct[0],
            "countries": self.distinct[1],
            "date_min": span[0] if span else None,
            "date_max": span[1] if span else None,
            "undated": int(np.asarray(ix.undated)[keep].sum()),
            "articles": self.articles(),
        }

    def unit_bit(self, lang: str = i18n.DEFAULT) -> str:
        """`units.unit_bit` of the rows kept."""
        if "bit" not in self._memo:
            if not len(self):
                self._memo["bit"] = None
            elif self.source.unit == "events":
                self._memo["bit"] = ("events", int(self.query("SELECT sum(n_reports) AS n FROM {rows}")["n"].iloc[0]))
            else:
                self._memo["bit"] = ("reports", self._distinct(self.source.index.event))
        got = self._memo["bit"]
        if got is None:
            return ""
        tr = i18n.strings(lang)
        if got[0] == "events":
            return tr("count_unit.events_bit", reports=tr.plural(got[1], "n.report"))
        return tr("count_unit.reports_bit", events=tr.plural(got[1], "n.event"))

    def caption(self, f: flt.Filters, made: date, lang: str = i18n.DEFAULT) -> caption_mod.Caption:
        """`caption.caption` of the rows kept: the filters, the rows and their articles, the articles' outlets."""
        # one row per article (an event's: those of its reports), with the outlet its first row names, as in memory
        rows = ("(SELECT *, row_number() OVER () AS pos FROM reports WHERE event_id IN (SELECT event_id FROM {rows}))"
                if self.source.source.reports else "{rows}")
        firsts = self.query(f"SELECT arg_min([source, url], pos) AS first FROM {rows} GROUP BY article_id")["first"]
        outlets = [caption_mod.outlet(source, url) for source, url in firsts]
        tr = i18n.strings(lang)
        return caption_mod.Caption(
            filters=caption_mod.filters_text(f, lang),
            counts=tr("caption.counts", events=tr.plural(len(self), self.noun()),
                      articles=tr.plural(len(outlets), "n.article")),
            sources=caption_mod.outlets_text(outlets, lang=lang),
            made=caption_mod.made_text(made, lang=lang),
        )

    def noun(self) -> str:
        """`units.noun` of the rows."""
        return "n.event" if self.source.unit == "events" else "n.report"

    def word(self, lang: str = i18n.DEFAULT) -> str:
        """`units.word` of the rows."""
        return i18n.t(lang, f"count_unit.words.{self.source.unit}")

    def frame(self, limit: int | None = None) -> pd.DataFrame:
        """The rows kept as a prepared pandas table (for few rows only: a small selection is drawn in memory)."""
        cut = "" if limit is None else f" LIMIT {int(limit)}"
        df = self.query(f"SELECT * EXCLUDE (pos{', k' if self.keep is not None else ''}) FROM {{rows}} ORDER BY pos"
                        + cut)
        return prepare_frame(df)

    def rows_at(self, positions: Sequence[int]) -> pd.DataFrame:
        """The rows at these source positions, prepared, in position order."""
        wanted = pa.table({"p": pa.array(sorted({int(p) for p in positions}), pa.int32())})
        df = self.source.query("SELECT * EXCLUDE (pos) FROM {rows} WHERE pos IN (SELECT p FROM wanted) ORDER BY pos",
                               None, tables={"wanted": wanted})
        return prepare_frame(df)

    def table_page(self, page: int, size: int, lang: str = i18n.DEFAULT) -> pd.DataFrame:
        """One page of the events table (`views.table_frame`'s rows and columns), newest first: rows
        `page * size` to `(page + 1) * size` of the rows kept. DuckDB sorts the rows' dates and positions only
        (LIMIT/OFFSET); the page's own rows are then read from their files' row groups."""
        order = self.query('SELECT pos FROM {rows} ORDER BY coalesce("date", published) DESC NULLS FIRST, pos'
                           " LIMIT ? OFFSET ?", [int(size), int(page) * int(size)])["pos"].to_numpy()
        cols = [c for c in views.TABLE_SOURCES if c in self.source.columns] + ["actors"]
        df = _typed(self.source.read_rows(order, list(dict.fromkeys(cols))))
        df[flt.ACTOR_NAMES] = pd.Series([flt.distinct_actor_names(v) for v in df["actors"]], index=df.index,
                                        dtype="object")
        return views.table_of(df, np.arange(len(df)), lang)

    def event_reports(self, report_id: str) -> pd.DataFrame:
        """The reports of the event a report belongs to (every report of the source that shares its event)."""
        table = "reports" if self.source.source.reports else "src"
        df = self.source.query(f"SELECT * FROM {table} WHERE event_id = (SELECT event_id FROM {table} "
                               "WHERE report_id = ? LIMIT 1)", None, [report_id])
        return _typed(df)

    def reader_articles(self, limit: int) -> tuple[pd.DataFrame, int]:
        """The reader's picker: the `limit` most recent articles behind the rows kept, indexed by article_id with
        `Store.articles_frame`'s path, title, source, published and n_events (all their reports), and how many
        articles there are."""
        table = "reports" if self.source.source.reports else "src"
        kept = ("SELECT article_id FROM reports WHERE event_id IN (SELECT event_id FROM {rows})"
                if self.source.source.reports else "SELECT article_id FROM {rows}")
        df = self.query(f"SELECT article_id, any_value(path) AS path, any_value(title) AS title,"
                        f" any_value(source) AS source, max(published) AS published, count(*) AS n_events"
                        f" FROM {table} WHERE article_id IN ({kept}) GROUP BY article_id"
                        " ORDER BY published DESC NULLS LAST, article_id LIMIT ?", [int(limit)])
        df["published"] = pd.to_datetime(df["published"]).dt.date
        return df.set_index("article_id"), self.articles()

    def article_reports(self, article_id: str) -> pd.DataFrame:
        """Every report of one article, typed as the events table (the reader highlights their sentences)."""
        table = "reports" if self.source.source.reports else "src"
        return _typed(self.source.query(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY start, report_id",
                                        None, [article_id]))


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    """DuckDB's frame with the events table's own types: list cells as lists, dates as datetime64[s]."""
    for col in ("date", "published", "first_reported", "last_reported"):
        if col in df.columns:
            df[col] = pd.to_datetime(df[col]).astype("datetime64[s]")
    for col in ("actors", "countries", "attributed_to", "report_ids", "planned_dates", "status_history"):
        if col in df.columns:
            df[col] = pd.Series([_plain(v) for v in df[col]], index=df.index, dtype="object")
    for col, (dtype, _) in EVENT_COLUMNS.items():
        if dtype == "str" and col in df.columns:  # as `schema.to_frame` types them
            df[col] = df[col].astype("str").where(df[col].notna(), None).astype("str")
    return df


def _plain(value: Any) -> Any:
    """A DuckDB list cell (numpy array of dicts or strings) as a list; None as []."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    if isinstance(value, dict):
        return {k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in value.items()}
    return [_plain(v) if isinstance(v, dict) else v for v in list(value)]


def prepare_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A frame DuckDB gave, typed and prepared for filtering as the in-memory tables are."""
    df = _typed(df)
    for col in ("start", "end"):
        if col in df.columns:
            df[col] = df[col].astype("Int64")
    return flt.prepare(df.drop(columns=[c for c in ("month",) if c in df.columns]))


def open_source(source: Source) -> DuckSource:
    """The source opened: its index loaded (or built, and saved beside it), its DuckDB view made."""
    return DuckSource(source, duck_index.open_index(source.files, source.index_dir, source.key))


def store_rows(path: Path) -> int:
    """About how many reports a store holds (its events table's largest rowid: no count of every row), 0 when it
    cannot be read."""
    import sqlite3

    try:
        con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            return int(con.execute("SELECT coalesce(max(rowid), 0) FROM events").fetchone()[0])
        finally:
            con.close()
    except (sqlite3.Error, OSError):
        return 0


def store_source(store: Any, unit: str) -> Source:
    """The store's table of `unit` through DuckDB: its snapshot's Parquet copy (the snapshot written first when it is
    missing or stale, which builds the tables in memory once)."""
    try:
        return snapshot_source(store, unit)
    except FileNotFoundError:
        from events.dashboard import data

        data.write_snapshot(store)
        return snapshot_source(store, unit)
