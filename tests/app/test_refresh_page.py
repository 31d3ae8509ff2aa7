"""About page: "as of" per indicator, and "Check for newer data" offline and online."""

from __future__ import annotations

import shutil
import socket
import time

import pandas as pd
import pytest

from indicators import paths
from indicators.data import read_indicators
from indicators.refresh import BASE_URLS_ENV
from tests.app.conftest import PAGE, open_page
from tests.unit.test_refresh import Publisher

ABOUT = PAGE["about"]


@pytest.fixture
def data_copy(tmp_path, monkeypatch, raw_dir):
    target = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, target, ignore=shutil.ignore_patterns("downloads"))
    monkeypatch.setenv("EARLY_YEARS_DATA_DIR", str(target))
    return target


def _as_of(at) -> pd.DataFrame:
    frames = [d.value for d in at.dataframe if "As of" in d.value.columns]
    assert len(frames) == 1
    return frames[0]


def test_bundled_data_is_shown_as_the_snapshot(app):
    at = open_page(app, ABOUT)
    assert not at.exception
    table = _as_of(at)
    committed = read_indicators()
    # one row per indicator and source in the data, counted independently with pandas
    expected = committed.groupby(["indicator_id", "source_id"]).size()
    assert len(table) == len(expected)
    assert set(table["As of"]) == {"bundled snapshot"}
    assert table["Rows"].sum() == len(committed)


def test_check_for_newer_data_offline_says_so_and_changes_nothing(app, data_copy, monkeypatch):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv(
        BASE_URLS_ENV, f"fingertips=http://127.0.0.1:{port}/api;phs=http://127.0.0.1:{port}/ckan"
    )
    before = (data_copy / paths.INDICATORS_FILE).read_bytes()
    at = open_page(app, ABOUT)
    at.button(key="check_for_newer_data").click().run()
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert any("no network connection" in w and "Nothing was changed" in w for w in warnings)
    assert not at.success
    assert (data_copy / paths.INDICATORS_FILE).read_bytes() == before


def test_check_for_newer_data_online_switches_to_the_new_data(app, data_copy, monkeypatch):
    publisher = Publisher()
    publisher.thread.start()
    try:
        urls = publisher.base_urls
        monkeypatch.setenv(BASE_URLS_ENV, f"fingertips={urls['fingertips']};phs={urls['phs']}")
        at = open_page(app, ABOUT)
        at.button(key="check_for_newer_data").click().run()
        assert not at.exception
        assert next(s.value for s in at.success).startswith("Downloaded 4 file(s)")
        assert any("DfE skipped" in s.value for s in at.success)
        at.run()
        table = _as_of(at)
        today = time.strftime("%Y-%m-%d", time.gmtime())
        downloaded = table[table["As of"] == f"downloaded {today}"]
        assert "ASQ-3 all five areas" in set(downloaded["Indicator"])
        assert "Concern at 27–30 months" in set(downloaded["Indicator"])
    finally:
        publisher.server.shutdown()
        publisher.server.server_close()
