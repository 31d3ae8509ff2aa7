from __future__ import annotations

import base64
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import pages as registry
from indicators import paths

APP = str(paths.PROJECT_ROOT / "app.py")
PAGES = tuple(entry.file for entry in registry.PAGES)
#: url_path -> page file, e.g. PAGE["compare"].
PAGE = {entry.url_path: entry.file for entry in registry.PAGES}


@pytest.fixture
def app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=90)


def open_page(at: AppTest, page: str, **params: str) -> AppTest:
    """Run the app with URL parameters, then move to ``page`` (as a click in the menu would)."""
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != PAGE["map"]:
        at.switch_page(page).run()
    return at


def plotly_specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def map_payloads(at: AppTest) -> list[dict]:
    """What each map component on the page was sent (its data: JSON bytes)."""
    return [json.loads(element.proto.bytes) for element in at.get("bidi_component")]


def array(value) -> list:
    """A plotly spec array: plain list, or plotly's base64 typed array ``{dtype, bdata}``."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(
            base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"])
        ).tolist()
    return list(value)


def selectbox(at: AppTest, label_start: str):
    return next(box for box in at.selectbox if box.label.startswith(label_start))


@pytest.fixture(scope="session")
def api():
    """The real data through the indicators API (what the pages must show)."""
    from indicators import data, views

    indicators = data.read_indicators()
    areas = data.read_areas()
    neighbours = data.read_neighbours()
    return {
        "indicators": indicators,
        "areas": areas,
        "neighbours": neighbours,
        "options": views.selection_options(indicators, areas),
    }


@pytest.fixture
def fixture_app(monkeypatch):
    """The app reading the small SYNTHETIC data folder (tests/fixtures/data).

    The per-selection view caches in ``indicators.loaders`` are keyed by the selection, not
    by the data folder, so they are cleared on the way in and out: otherwise a later test on
    the real data could be served the fixture's map for the same selection.
    """
    import streamlit as st

    from tests.conftest import FIXTURE_DATA

    st.cache_resource.clear()
    monkeypatch.setenv("EARLY_YEARS_DATA_DIR", str(FIXTURE_DATA))
    yield AppTest.from_file(APP, default_timeout=90)
    st.cache_resource.clear()
