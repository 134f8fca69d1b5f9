"""scripts/bench_dashboard.py keeps working: its synthetic store is a valid store the dashboard reads."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from events.dashboard import data, reader
from events.store import Store
from tests.dashboard_data import ROOT


def _bench() -> object:
    """The benchmark script as a module."""
    spec = importlib.util.spec_from_file_location("bench_dashboard", ROOT / "scripts" / "bench_dashboard.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_synthetic_store(tmp_path: Path) -> None:
    bench = _bench()
    db = tmp_path / "bench.db"
    info = bench.build_store(db, 2_000)
    assert info == {"events": 2_000, "articles": 250}
    with Store(db, readonly=True) as store:
        assert store.stats()["events"] == 2_000
        df = data.load_events(store, chunk_articles=100, share_above=0)  # the big-store path, on a small store
        assert len(df) == 2_000 and set(df["event_type"]) == {"talks", "summit", "air_attack"}
        first = df.iloc[0]
        article = store.article(first["article_id"])
        assert article.text[first["start"] : first["end"]] == first["sentence"]  # the reader can highlight it
        html = reader.article_html(article.text, df[df["article_id"] == first["article_id"]])
        assert html.count("<mark") == (df["article_id"] == first["article_id"]).sum()
