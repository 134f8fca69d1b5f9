"""Fixtures of the dashboard's tests."""

from __future__ import annotations

import pandas as pd
import pytest

from events.dashboard import filters as flt
from events.event_table import events_table
from tests.dashboard.test_filters import sample_frame


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
