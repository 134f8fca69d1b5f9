"""Fixtures of the dashboard's tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from events.dashboard import filters as flt
from events.event_table import events_table
from tests.dashboard.test_filters import sample_frame
from tests.dashboard_data import build_store


def as_events(reports: pd.DataFrame) -> pd.DataFrame:
    """A table of reports as the page shows it by default: one row per event, prepared for filtering."""
    return flt.prepare(events_table(reports))


@pytest.fixture
def df() -> pd.DataFrame:
    """The synthetic table of the filter tests, one event per report (none shares an event), as the page shows it."""
    return as_events(sample_frame())


@pytest.fixture
def reports_df() -> pd.DataFrame:
    """The synthetic table of the filter tests as reports, prepared."""
    return flt.prepare(sample_frame())

@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the seed article and the test articles (read once per module)."""
    folder = tmp_path_factory.mktemp("dash")
    build_store(folder / "events.db", folder / "articles")
    return folder / "events.db"


@pytest.fixture
def db(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the built store, named by EVENTS_DB (tests that add articles or corrections change it)."""
    path = tmp_path / "events.db"
    shutil.copy(built, path)
    monkeypatch.setenv("EVENTS_DB", str(path))
    return path
