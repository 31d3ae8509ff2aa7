"""Every page survives every data fault: it works as before (with one warning naming the
damaged file) or says plainly that it needs that file; never a traceback, a server path or a
quietly different figure.

The whole matrix (every file x every fault x every page) is ``benchmarks/fault_matrix.py``;
here every file is cut short, and the files most pages need get every fault. The loader-level
outcome of every file x fault is in ``test_every_fault_refuses_exactly_the_damaged_file``.
"""

from __future__ import annotations

import shutil

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from indicators import integrity, loaders, paths
from tests import faults
from tests.app.conftest import APP, PAGES

FILES = faults.data_files(paths.DATA_DIR)
CASES = [(file, "truncated") for file in FILES] + [
    (file, fault)
    for file in (paths.INDICATORS_FILE, paths.BOUNDARIES_FILE)
    for fault in faults.FAULTS
    if fault != "truncated"
]
ACCEPTABLE = {"same", "same, warned", "message"}


def _visit_every_page(folder, monkeypatch) -> dict[str, AppTest]:
    monkeypatch.setenv("EARLY_YEARS_DATA_DIR", str(folder))
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=90)
    seen = {}
    for index, page in enumerate(PAGES):
        (at.run() if index == 0 else at.switch_page(page).run())
        seen[page] = (
            faults.signature(at),
            at,
            [e.value for e in at.exception],
            [str(e.value) for e in at.error]
            + [str(w.value) for w in at.warning if "data check" in str(w.value)],
        )
    return seen


@pytest.fixture(scope="module")
def baselines(tmp_path_factory):
    folder = tmp_path_factory.mktemp("intact") / "data"
    shutil.copytree(paths.DATA_DIR, folder)
    with pytest.MonkeyPatch.context() as monkeypatch:
        seen = _visit_every_page(folder, monkeypatch)
    for page, (_, _, exceptions, messages) in seen.items():
        assert not exceptions and not messages, (page, exceptions, messages)
    return {page: signature for page, (signature, *_rest) in seen.items()}


@pytest.mark.parametrize(("file", "fault"), CASES)
def test_each_page_works_or_names_the_damaged_file(baselines, tmp_path, monkeypatch, file, fault):
    folder = faults.faulty_copy(paths.DATA_DIR, tmp_path / "data", file=file, fault=fault)
    monkeypatch.setenv("EARLY_YEARS_DATA_DIR", str(folder))
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=90)
    outcomes = {}
    for index, page in enumerate(PAGES):
        (at.run() if index == 0 else at.switch_page(page).run())
        outcomes[page] = faults.outcome(at, baselines[page], file=file, folder=str(folder))
        shown = " ".join(str(e.value) for e in (*at.error, *at.warning, *at.info, *at.markdown))
        assert str(tmp_path) not in shown, "no server path on the page"
        assert "Traceback" not in shown
    assert set(outcomes.values()) <= ACCEPTABLE, outcomes
    # The pages that need the file say so: a damaged indicator table stops every page.
    if file in (paths.INDICATORS_FILE, paths.AREAS_FILE):
        assert set(outcomes.values()) == {"message"}, outcomes


@pytest.mark.parametrize("file", FILES)
@pytest.mark.parametrize("fault", list(faults.FAULTS))
def test_every_fault_refuses_exactly_the_damaged_file(tmp_path, monkeypatch, file, fault):
    folder = faults.faulty_copy(paths.DATA_DIR, tmp_path / "data", file=file, fault=fault)
    monkeypatch.setenv("EARLY_YEARS_DATA_DIR", str(folder))
    needs = {
        paths.INDICATORS_FILE: loaders.load_options,
        paths.AREAS_FILE: loaders.load_areas,
        paths.SOURCES_FILE: loaders.load_sources,
        paths.NEIGHBOURS_FILE: loaders.load_neighbours,
        paths.BOUNDARIES_FILE: loaders.boundaries_url,
        paths.HEADLINE_FACTS_FILE: loaders.load_headline_facts,
        paths.RELEASE_DATES_FILE: loaders.load_release_dates,
        paths.SERVICE_SITES_FILE: loaders.load_service_sites,
        paths.PROGRAMME_FILE: loaders.load_service_lists,
        paths.TEAM_COUNTS_FILE: loaders.load_service_lists,
        paths.NAMED_TEAMS_FILE: loaders.load_service_lists,
        paths.MBU_FILE: loaders.load_service_lists,
    }
    assert [p.file for p in loaders.data_problems()] == [file]
    if file in needs:
        with pytest.raises(integrity.DataFileError) as refused:
            needs[file]()
        assert refused.value.file == file
        assert str(refused.value).startswith(
            f"This page could not be loaded: it needs {file}, which failed the data check"
        )
        assert str(tmp_path) not in str(refused.value)
    # A file nobody reads for this page still loads (the cheapest one stands for the rest).
    if file != paths.RELEASE_DATES_FILE:
        assert len(loaders.load_release_dates()) > 0
