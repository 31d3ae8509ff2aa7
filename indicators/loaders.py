"""Cached loaders: the one module of ``indicators`` that imports Streamlit.

Each wraps a plain function of the package and is keyed by the data folder (or by the
selection), so pointing ``$EARLY_YEARS_DATA_DIR`` elsewhere never serves a stale cache.

The large tables and the map figure are cached as shared resources: a copy of the 13,000-row
table would cost ~35 ms per call, and Streamlit re-validates a figure given as a dict (~300 ms).
Callers must never mutate what these return.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from indicators import data, figures, paths, state, views


def _folder() -> str:
    return str(paths.data_dir())


@st.cache_resource(show_spinner=False)
def _indicators(folder: str) -> pd.DataFrame:
    return data.read_indicators(Path(folder) / paths.INDICATORS_FILE)


@st.cache_resource(show_spinner=False)
def _areas(folder: str) -> pd.DataFrame:
    return data.read_areas(Path(folder) / paths.AREAS_FILE)


@st.cache_resource(show_spinner=False)
def _sources(folder: str) -> pd.DataFrame:
    return data.read_sources(Path(folder) / paths.SOURCES_FILE)


@st.cache_resource(show_spinner=False)
def _neighbours(folder: str) -> pd.DataFrame:
    return data.read_neighbours(Path(folder) / paths.NEIGHBOURS_FILE)


@st.cache_resource(show_spinner=False)
def _boundaries(folder: str) -> dict:
    return data.read_map_boundaries(Path(folder) / paths.BOUNDARIES_FILE)


@st.cache_resource(show_spinner=False)
def _options(folder: str) -> views.Options:
    return views.selection_options(_indicators(folder), _areas(folder))


@st.cache_resource(show_spinner=False)
def _headline_facts(folder: str) -> pd.DataFrame:
    return data.read_headline_facts(Path(folder) / paths.HEADLINE_FACTS_FILE)


@st.cache_resource(show_spinner=False)
def _release_dates(folder: str) -> pd.DataFrame:
    return data.read_release_dates(Path(folder) / paths.RELEASE_DATES_FILE)


@st.cache_resource(show_spinner=False)
def _service_sites(folder: str) -> pd.DataFrame:
    return data.read_service_sites(Path(folder) / paths.SERVICE_SITES_FILE)


@st.cache_resource(show_spinner=False)
def _service_lists(folder: str) -> dict[str, pd.DataFrame]:
    return data.read_service_lists(Path(folder))


def load_indicators() -> pd.DataFrame:
    return _indicators(_folder())


def load_areas() -> pd.DataFrame:
    return _areas(_folder())


def load_sources() -> pd.DataFrame:
    return _sources(_folder())


def load_neighbours() -> pd.DataFrame:
    return _neighbours(_folder())


def load_boundaries() -> dict:
    return _boundaries(_folder())


def load_options() -> views.Options:
    return _options(_folder())


def load_headline_facts() -> pd.DataFrame:
    return _headline_facts(_folder())


def load_release_dates() -> pd.DataFrame:
    return _release_dates(_folder())


def load_service_sites() -> pd.DataFrame:
    return _service_sites(_folder())


def load_service_lists() -> dict[str, pd.DataFrame]:
    return _service_lists(_folder())


def boundaries_url() -> dict | str:
    """The boundaries for the map: the static file's URL when the app serves ``data/`` as
    ``static/`` (sent once and cached by the browser), else the GeoJSON itself."""
    served = (
        st.get_option("server.enableStaticServing") and (paths.PROJECT_ROOT / "static").exists()
    )
    if served and not os.environ.get("EARLY_YEARS_DATA_DIR"):
        return f"app/static/{paths.BOUNDARIES_FILE}"
    return load_boundaries()


# --------------------------------------------------------------------------- cached views
# What a page shows depends only on the selection, so it is computed once per selection and
# shared by every session.


@st.cache_resource(show_spinner=False, max_entries=512)
def map_view(selection: state.Selection, confidence: str) -> pd.DataFrame:
    return views.map_view(
        load_indicators(), load_areas(), load_neighbours(), selection, confidence=confidence
    )


@st.cache_resource(show_spinner=False, max_entries=512)
def map_figure(
    selection: state.Selection, *, confidence: str, colour_by: str, classes: str
) -> go.Figure:
    """The map figure, built once per selection and shared (do not mutate it)."""
    return figures.figure_for_map(
        map_view(selection, confidence),
        boundaries_url(),
        indicator_id=selection.indicator,
        period=selection.period,
        colour_by=colour_by,
        classes_method=classes,
        selected_area=selection.area,
        nation=selection.nation,
    )


@st.cache_resource(show_spinner=False, max_entries=256)
def profile_view(area_code: str, benchmark: str, breakdown: str) -> pd.DataFrame:
    return views.profile_view(
        load_indicators(),
        load_areas(),
        load_neighbours(),
        area_code=area_code,
        benchmark=benchmark,
        breakdown=breakdown,
    )


@st.cache_resource(show_spinner=False, max_entries=256)
def compare_view(selection: state.Selection, confidence: str) -> pd.DataFrame:
    return views.compare_view(
        load_indicators(), load_areas(), load_neighbours(), selection, confidence=confidence
    )


@st.cache_resource(show_spinner=False, max_entries=512)
def map_tables(
    selection: state.Selection, confidence: str
) -> tuple[pd.DataFrame, pd.DataFrame, bytes, pd.DataFrame]:
    """Under the map: the table shown, the download table, its CSV bytes, and former areas."""
    listed = views.filter_nation(map_view(selection, confidence), selection.nation)
    download = views.table_for_download(listed, selection, confidence=confidence)
    former = views.predecessor_rows(load_indicators(), selection)
    return views.display_table(download), download, views.csv_bytes(download), former
