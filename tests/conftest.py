"""Shared fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
os.chdir(ROOT)  # the CLI's and dashboard's defaults are relative to the project folder


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
