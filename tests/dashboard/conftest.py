"""Fixtures of the dashboard's tests."""

from __future__ import annotations

import pandas as pd
import pytest

from events.dashboard import filters as flt
from tests.dashboard.test_filters import sample_frame


@pytest.fixture
def df() -> pd.DataFrame:
    """The synthetic table of the filter tests, prepared."""
    return flt.prepare(sample_frame())
