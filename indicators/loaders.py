"""Cached loaders: the one module of ``indicators`` that imports Streamlit.

Each wraps a plain ``read_*`` function and is keyed by the data folder, so pointing
``$EARLY_YEARS_DATA_DIR`` elsewhere never serves a stale cache. Cached objects are shared
between sessions: callers must not mutate them (take a copy first).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from indicators import data, paths, views


@st.cache_data(show_spinner=False)
def _indicators(folder: str) -> pd.DataFrame:
    return data.read_indicators(Path(folder) / paths.INDICATORS_FILE)


@st.cache_data(show_spinner=False)
def _areas(folder: str) -> pd.DataFrame:
    return data.read_areas(Path(folder) / paths.AREAS_FILE)


@st.cache_data(show_spinner=False)
def _sources(folder: str) -> pd.DataFrame:
    return data.read_sources(Path(folder) / paths.SOURCES_FILE)


@st.cache_data(show_spinner=False)
def _neighbours(folder: str) -> pd.DataFrame:
    return data.read_neighbours(Path(folder) / paths.NEIGHBOURS_FILE)


@st.cache_resource(show_spinner=False)
def _boundaries(folder: str) -> dict:
    return data.read_map_boundaries(Path(folder) / paths.BOUNDARIES_FILE)


def load_indicators() -> pd.DataFrame:
    return _indicators(str(paths.data_dir()))


def load_areas() -> pd.DataFrame:
    return _areas(str(paths.data_dir()))


def load_sources() -> pd.DataFrame:
    return _sources(str(paths.data_dir()))


def load_boundaries() -> dict:
    return _boundaries(str(paths.data_dir()))


def load_neighbours() -> pd.DataFrame:
    return _neighbours(str(paths.data_dir()))


@st.cache_data(show_spinner=False)
def _options(folder: str) -> views.Options:
    return views.selection_options(_indicators(folder), _areas(folder))


def load_options() -> views.Options:
    return _options(str(paths.data_dir()))


@st.cache_data(show_spinner=False)
def _headline_facts(folder: str) -> pd.DataFrame:
    return data.read_headline_facts(Path(folder) / paths.HEADLINE_FACTS_FILE)


def load_headline_facts() -> pd.DataFrame:
    return _headline_facts(str(paths.data_dir()))


def boundaries_url() -> dict | str:
    """The boundaries for the map: the static file's URL when the app serves ``data/`` as
    ``static/`` (sent once and cached by the browser), else the GeoJSON itself."""
    if (
        st.get_option("server.enableStaticServing")
        and (paths.PROJECT_ROOT / "static").exists()
        and not os.environ.get("EARLY_YEARS_DATA_DIR")
    ):
        return f"app/static/{paths.BOUNDARIES_FILE}"
    return load_boundaries()


@st.cache_data(show_spinner=False)
def _release_dates(folder: str) -> pd.DataFrame:
    return data.read_release_dates(Path(folder) / paths.RELEASE_DATES_FILE)


def load_release_dates() -> pd.DataFrame:
    return _release_dates(str(paths.data_dir()))


@st.cache_data(show_spinner=False)
def _service_sites(folder: str) -> pd.DataFrame:
    return data.read_service_sites(Path(folder) / paths.SERVICE_SITES_FILE)


def load_service_sites() -> pd.DataFrame:
    return _service_sites(str(paths.data_dir()))


@st.cache_data(show_spinner=False)
def _service_lists(folder: str) -> dict[str, pd.DataFrame]:
    return data.read_service_lists(Path(folder))


def load_service_lists() -> dict[str, pd.DataFrame]:
    return _service_lists(str(paths.data_dir()))
