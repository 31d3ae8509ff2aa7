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

from indicators import data, deck, figures, paths, state, views
from indicators.sources.services import SERVICE_TYPES

#: name -> (reader, file in the data folder)
_TABLES = {
    "indicators": (data.read_indicators, paths.INDICATORS_FILE),
    "areas": (data.read_areas, paths.AREAS_FILE),
    "sources": (data.read_sources, paths.SOURCES_FILE),
    "neighbours": (data.read_neighbours, paths.NEIGHBOURS_FILE),
    "boundaries": (data.read_map_boundaries, paths.BOUNDARIES_FILE),
    "headline_facts": (data.read_headline_facts, paths.HEADLINE_FACTS_FILE),
    "release_dates": (data.read_release_dates, paths.RELEASE_DATES_FILE),
    "service_sites": (data.read_service_sites, paths.SERVICE_SITES_FILE),
    "service_lists": (data.read_service_lists, ""),
    "team_counts": (
        deck.read_team_counts,
        paths.TEAM_COUNTS_FILE,
    ),  # reads several files of the folder
}


@st.cache_resource(show_spinner=False)
def _read(name: str, folder: str):
    reader, file_name = _TABLES[name]
    return reader(Path(folder) / file_name)


def _load(name: str):
    return _read(name, str(paths.data_dir()))


@st.cache_resource(show_spinner=False)
def _options(folder: str) -> views.Options:
    return views.selection_options(_read("indicators", folder), _read("areas", folder))


def load_indicators() -> pd.DataFrame:
    return _load("indicators")


def load_areas() -> pd.DataFrame:
    return _load("areas")


def load_sources() -> pd.DataFrame:
    return _load("sources")


def load_neighbours() -> pd.DataFrame:
    return _load("neighbours")


def load_boundaries() -> dict:
    return _load("boundaries")


def load_options() -> views.Options:
    return _options(str(paths.data_dir()))


def load_headline_facts() -> pd.DataFrame:
    return _load("headline_facts")


def load_release_dates() -> pd.DataFrame:
    return _load("release_dates")


def load_service_sites() -> pd.DataFrame:
    return _load("service_sites")


def load_team_counts() -> pd.DataFrame:
    return _load("team_counts")


def load_service_lists() -> dict[str, pd.DataFrame]:
    return _load("service_lists")


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


@st.cache_resource(show_spinner=False, max_entries=512)
def trend_view(indicator_id: str, area_code: str, breakdown: str, peers_model: str):
    return views.trend_view(
        load_indicators(),
        load_areas(),
        load_neighbours(),
        indicator_id=indicator_id,
        area_code=area_code,
        breakdown=breakdown,
        peers_model=peers_model,
    )


@st.cache_resource(show_spinner=False, max_entries=256)
def services_figure(selection: state.Selection, types: tuple[str, ...]) -> go.Figure:
    """The outcome map with the chosen service layers on top (shared; do not mutate)."""
    figure = figures.figure_for_map(
        map_view(selection, "95"),
        boundaries_url(),
        indicator_id=selection.indicator,
        period=selection.period,
        selected_area=selection.area,
        nation=selection.nation,
    )
    return figures.add_service_points(
        figure, views.service_points(load_service_sites(), types=types), labels=SERVICE_TYPES
    )


@st.cache_resource(show_spinner=False, max_entries=128)
def slide_view(slide: deck.Slide, *, embed_boundaries: bool = False) -> deck.SlideView:
    """What a slide shows (shared; do not mutate). ``embed_boundaries`` puts the GeoJSON
    itself in a map (an image export cannot fetch the app's static URL)."""
    return deck.slide_view(
        slide,
        indicators=load_indicators(),
        areas=load_areas(),
        neighbours=load_neighbours(),
        sources=load_sources(),
        facts=load_headline_facts(),
        team_counts=load_team_counts(),
        boundaries=load_boundaries() if embed_boundaries else boundaries_url(),
    )
