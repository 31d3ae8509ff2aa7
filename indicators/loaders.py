"""Cached loaders: the one module of ``indicators`` that imports Streamlit.

Each wraps a plain ``read_*`` function and is keyed by the data folder, so pointing
``$EARLY_YEARS_DATA_DIR`` elsewhere never serves a stale cache. Cached objects are shared
between sessions: callers must not mutate them (take a copy first).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from indicators import data, paths


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
