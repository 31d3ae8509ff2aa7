"""Shared test helpers: paths to fixtures, the committed data and the raw files."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators import paths

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixture_path():
    def _path(name: str) -> Path:
        return FIXTURES / name

    return _path


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    if not paths.DEFAULT_RAW_DIR.is_dir():
        pytest.skip("../shared/raw is not present on this machine")
    return paths.DEFAULT_RAW_DIR


@pytest.fixture(scope="session")
def committed_indicators():
    from indicators.data import read_indicators

    return read_indicators()


@pytest.fixture(scope="session")
def committed_areas():
    from indicators.data import read_areas

    return read_areas()


FIXTURE_DATA = FIXTURES / "data"


@pytest.fixture(scope="session")
def fixture_data():
    """The small SYNTHETIC data folder (tests/fixtures/data), read with the app's readers."""
    from indicators import data

    return {
        "indicators": data.read_indicators(FIXTURE_DATA / paths.INDICATORS_FILE),
        "areas": data.read_areas(FIXTURE_DATA / paths.AREAS_FILE),
        "neighbours": data.read_neighbours(FIXTURE_DATA / paths.NEIGHBOURS_FILE),
    }
