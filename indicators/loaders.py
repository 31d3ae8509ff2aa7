"""Cached loaders: the one module of ``indicators`` that imports Streamlit.

Each wraps a plain function of the package and is keyed by the data folder (or by the
selection), so pointing ``$EARLY_YEARS_DATA_DIR`` elsewhere never serves a stale cache.

The large tables and the map figure are cached as shared resources: a copy of the 13,000-row
table would cost ~35 ms per call, and Streamlit re-validates a figure given as a dict (~300 ms).
Callers must never mutate what these return.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from indicators import (
    compare,
    data,
    deck,
    figures,
    integrity,
    map_svg,
    nations,
    paths,
    refresh,
    state,
    topics,
    upload,
    views,
)
from indicators.errors import IndicatorsError
from indicators.sources.services import SERVICE_TYPES

#: name -> (reader, file in the data folder)
_TABLES = {
    "indicators": (data.read_indicators, paths.INDICATORS_FILE),
    "areas": (data.read_areas, paths.AREAS_FILE),
    "sources": (data.read_sources, paths.SOURCES_FILE),
    "neighbours": (data.read_neighbours, paths.NEIGHBOURS_FILE),
    "boundaries": (data.read_map_boundaries, paths.BOUNDARIES_FILE),
    "trust_boundaries": (data.read_map_boundaries, paths.TRUST_BOUNDARIES_FILE),
    "headline_facts": (data.read_headline_facts, paths.HEADLINE_FACTS_FILE),
    "release_dates": (data.read_release_dates, paths.RELEASE_DATES_FILE),
    "service_sites": (data.read_service_sites, paths.SERVICE_SITES_FILE),
    "service_lists": (data.read_service_lists, ""),  # reads several files of the folder
    "retrievals": (refresh.read_retrievals, paths.RETRIEVALS_FILE),  # after a refresh only
    "team_counts": (deck.read_team_counts, paths.TEAM_COUNTS_FILE),
}


#: files read by "service_lists"
_LIST_FILES = (paths.PROGRAMME_FILE, paths.TEAM_COUNTS_FILE, paths.NAMED_TEAMS_FILE, paths.MBU_FILE)
_log = logging.getLogger(__name__)


@st.cache_resource(show_spinner=False, max_entries=8)
def _problems(folder: str, stamp: str) -> dict[str, integrity.Problem]:
    """The data check, run once per folder and state of its files (``stamp``, as text: a
    string is hashed for the cache key in one step, a tuple of tuples item by item)."""
    problems = integrity.check_folder(Path(folder))
    for problem in problems:
        _log.warning("data check: %s: %s", folder, problem)
    return {problem.file: problem for problem in problems}


def data_problems() -> list[integrity.Problem]:
    """What is wrong with the data folder (empty when every file matches its manifest)."""
    folder = paths.data_dir()
    return list(_problems(str(folder), repr(integrity.folder_stamp(folder))).values())


def _require(*files: str) -> None:
    """Refuse a file that failed the data check (raises :class:`integrity.DataFileError`)."""
    folder = paths.data_dir()
    problems = _problems(str(folder), repr(integrity.folder_stamp(folder)))
    for file in files:
        if file in problems:
            raise integrity.DataFileError(file, f"failed the data check: {problems[file].what}")


@st.cache_resource(show_spinner=False)
def _read(name: str, folder: str):
    reader, file_name = _TABLES[name]
    try:
        return reader(Path(folder) / file_name)
    except IndicatorsError as error:  # the detail (with server paths) goes to the log only
        _log.exception("cannot read %s from %s", name, folder)
        raise integrity.DataFileError(
            file_name or name, "cannot be read: " + str(error).replace(folder + os.sep, "")
        ) from error


def _files_of(name: str) -> tuple[str, ...]:
    return _LIST_FILES if name == "service_lists" else (_TABLES[name][1],)


def _load(name: str):
    _require(*_files_of(name))
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
    _require(paths.INDICATORS_FILE, paths.AREAS_FILE)
    return _options(str(paths.data_dir()))


def load_headline_facts() -> pd.DataFrame:
    return _load("headline_facts")


@st.cache_resource(show_spinner=False)
def _four_nations(folder: str) -> tuple[nations.FourNationsGrid, dict[str, go.Figure]]:
    grid = nations.four_nations_grid(_read("indicators", folder))
    return grid, nations.cell_figures(grid)


def load_four_nations() -> tuple[nations.FourNationsGrid, dict[str, go.Figure]]:
    """The four nations grid and its cell figures (shared: never modify them)."""
    _require(paths.INDICATORS_FILE)
    return _four_nations(str(paths.data_dir()))


def load_release_dates() -> pd.DataFrame:
    return _load("release_dates")


def load_service_sites() -> pd.DataFrame:
    return _load("service_sites")


def load_team_counts() -> pd.DataFrame:
    return _load("team_counts")


def load_service_lists() -> dict[str, pd.DataFrame]:
    return _load("service_lists")


def load_retrievals() -> pd.DataFrame:
    return _load("retrievals")


@st.cache_data(show_spinner=False, max_entries=8)
def checked_upload(content: bytes) -> upload.UploadResult:
    """An uploaded CSV, checked once per distinct file (kept in this process only)."""
    return upload.read_upload(content, areas=load_areas())


def boundaries_url() -> dict | str:
    """The boundaries for the map: the static file's URL when the app serves ``data/`` as
    ``static/`` (sent once and cached by the browser), else the GeoJSON itself."""
    return _served_or_loaded("boundaries")


def trust_boundaries_url() -> dict | str:
    """The NI HSC trust boundaries, served like :func:`boundaries_url`."""
    return _served_or_loaded("trust_boundaries")


def served_boundaries() -> dict[str, Callable[[], dict]]:
    """Served boundary URL -> loader of its GeoJSON (an image export cannot fetch the URL)."""
    return {
        f"app/static/{_TABLES[name][1]}": (lambda name=name: _load(name))
        for name in ("boundaries", "trust_boundaries")
    }


def _served_or_loaded(name: str) -> dict | str:
    file_name = _TABLES[name][1]
    _require(file_name)  # a damaged file served as a URL would draw a blank map
    served = (
        st.get_option("server.enableStaticServing") and (paths.PROJECT_ROOT / "static").exists()
    )
    if served and not os.environ.get("EARLY_YEARS_DATA_DIR"):
        return f"app/static/{file_name}"
    return _load(name)


# --------------------------------------------------------------------------- cached views
# What a page shows depends only on the selection, so it is computed once per selection and
# shared by every session.


def _for_map_view(selection: state.Selection) -> state.Selection:
    """The part of a selection the map's values depend on (not the area, nation or notes),
    so that choosing "my area" or a nation reuses the cached view."""
    return dataclasses.replace(selection, area=None, nation="United Kingdom", notes=())


def map_view(selection: state.Selection, confidence: str) -> pd.DataFrame:
    return _map_view(_for_map_view(selection), confidence)


@st.cache_resource(show_spinner=False, max_entries=512)
def _map_view(selection: state.Selection, confidence: str) -> pd.DataFrame:
    return views.map_view(
        load_indicators(), load_areas(), load_neighbours(), selection, confidence=confidence
    )


@st.cache_resource(show_spinner=False)
def _boundary_boxes(folder: str) -> dict[str, figures.Box]:
    return figures.boundary_boxes(_read("boundaries", folder))


#: Map zoom choices (page-local, kept in the URL).
ZOOMS = {"auto": "My area, else the nation", "nation": "Whole nation", "london": "London"}


def map_box(selection: state.Selection, zoom: str = "auto") -> figures.Box | None:
    """The map's view: around my area (with its neighbours), the nation chosen, or London;
    None (fit every area) when the boundary file cannot be read."""
    try:
        boxes = _boundary_boxes(str(paths.data_dir()))
    except IndicatorsError:
        return None
    if zoom == "london":
        return figures.box_around(boxes, [c for c in boxes if c.startswith("E09")])
    if zoom == "auto" and selection.area in boxes:
        return figures.box_around(boxes, [selection.area], minimum=figures.AREA_BOX_MIN)
    areas = load_areas()
    in_map = areas[areas["in_map"]]
    if selection.nation in set(in_map["nation"]):
        codes = in_map.loc[in_map["nation"] == selection.nation, "area_code"]
    else:
        codes = in_map["area_code"]
    return figures.box_around(boxes, codes)


def map_figure(
    selection: state.Selection, *, confidence: str, colour_by: str, classes: str, zoom: str = "auto"
) -> go.Figure:
    """The map figure, built once per selection and shared (do not mutate it)."""
    return _map_figure(
        dataclasses.replace(selection, notes=()),
        confidence=confidence,
        colour_by=colour_by,
        classes=classes,
        box=map_box(selection, zoom),
    )


@st.cache_resource(show_spinner=False, max_entries=512)
def _map_figure(
    selection: state.Selection,
    *,
    confidence: str,
    colour_by: str,
    classes: str,
    box: figures.Box | None,
) -> go.Figure:
    return figures.figure_for_map(
        map_view(selection, confidence),
        boundaries_url(),
        indicator_id=selection.indicator,
        period=selection.period,
        colour_by=colour_by,
        classes_method=classes,
        selected_area=selection.area,
        box=box,
    )


@st.cache_resource(show_spinner=False)
def _map_shapes(folder: str) -> map_svg.MapShapes:
    return map_svg.project_boundaries(_read("boundaries", folder))


def map_shapes() -> map_svg.MapShapes:
    """The boundaries projected to SVG paths, once per data folder (shared; served by
    serve.py at their URL)."""
    _require(paths.BOUNDARIES_FILE)
    return _map_shapes(str(paths.data_dir()))


def map_payload(
    selection: state.Selection, *, confidence: str, colour_by: str, classes: str, zoom: str = "auto"
) -> dict:
    """What the map component is sent for this view: the colours (cached per indicator
    view, whatever "my area" is) plus my area's outline and the view box."""
    shapes = map_shapes()
    colours = _map_colours(
        _for_map_view(selection),
        confidence=confidence,
        colour_by=colour_by,
        classes=classes,
        shapes_digest=shapes.digest,
    )
    return map_svg.place_view(
        colours, shapes, selected_area=selection.area, box=map_box(selection, zoom)
    )


@st.cache_resource(show_spinner=False, max_entries=512)
def _map_colours(
    selection: state.Selection, *, confidence: str, colour_by: str, classes: str, shapes_digest: str
) -> dict:
    """``shapes_digest`` keys the colours to the shapes' area order (their lists align)."""
    return map_svg.map_payload(
        map_view(selection, confidence),
        map_shapes(),
        indicator_id=selection.indicator,
        period=selection.period,
        colour_by=colour_by,
        classes_method=classes,
    )


@st.cache_resource(show_spinner=False, max_entries=512)
def extremes_text(indicator_id: str, period: str, breakdown: str) -> str:
    """:func:`indicators.compare.extremes_text` for the map, once per view (shared)."""
    return compare.extremes_text(
        load_indicators(), indicator_id=indicator_id, period=period, breakdown=breakdown
    )


@st.cache_resource(show_spinner=False, max_entries=512)
def national_figures(indicator_id: str, breakdown: str):
    """:func:`indicators.views.national_figures` once per indicator and group (shared)."""
    return views.national_figures(load_indicators(), indicator_id=indicator_id, breakdown=breakdown)


@st.cache_resource(show_spinner=False, max_entries=512)
def benchmark_notice(area_code: str | None, benchmark: str) -> str:
    """:func:`indicators.views.benchmark_notice`, once per area and benchmark (shared)."""
    return views.benchmark_notice(load_areas(), area_code=area_code, benchmark=benchmark)


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


def map_tables(
    selection: state.Selection, confidence: str
) -> tuple[pd.DataFrame, pd.DataFrame, bytes, pd.DataFrame]:
    """Under the map: the table shown, the download table, its CSV bytes, and former areas."""
    return _map_tables(dataclasses.replace(selection, area=None, notes=()), confidence)


@st.cache_resource(show_spinner=False, max_entries=512)
def _map_tables(
    selection: state.Selection, confidence: str
) -> tuple[pd.DataFrame, pd.DataFrame, bytes, pd.DataFrame]:
    listed = views.filter_nation(map_view(selection, confidence), selection.nation)
    download = views.table_for_download(listed, selection, confidence=confidence)
    former = views.predecessor_rows(load_indicators(), selection)
    shown = views.repeated_text_as_categories(views.display_table(download))
    return shown, download, views.csv_bytes(download), former


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
        # SVG: with ~3,000 points on top it still paints faster than WebGL without a GPU
        # (benchmarks/services_renderer.py: 1.76 s against 2.33 s).
        box=map_box(dataclasses.replace(selection, area=None), "nation"),
    )
    return figures.add_service_points(
        figure, views.service_points(load_service_sites(), types=types), labels=SERVICE_TYPES
    )


# --------------------------------------------------------------------------- analysis views
# Regions ranked, gap over time, peers only and the cohort view (indicators.analyses).


@st.cache_resource(show_spinner=False, max_entries=256)
def region_ranking(indicator_id: str, period: str, breakdown: str):
    from indicators import analyses

    return analyses.rank_regions(
        load_indicators(), indicator_id=indicator_id, period=period, breakdown=breakdown
    )


@st.cache_resource(show_spinner=False, max_entries=256)
def gap_over_time(indicator_id: str, area_code: str, benchmark: str, breakdown: str):
    from indicators import analyses

    return analyses.gap_over_time(
        load_indicators(),
        load_areas(),
        load_neighbours(),
        indicator_id=indicator_id,
        area_code=area_code,
        benchmark=benchmark,
        breakdown=breakdown,
    )


@st.cache_resource(show_spinner=False, max_entries=256)
def peers_only(indicator_id: str, period: str, area_code: str, model: str, breakdown: str):
    from indicators import analyses

    return analyses.peers_only(
        load_indicators(),
        load_areas(),
        load_neighbours(),
        indicator_id=indicator_id,
        period=period,
        area_code=area_code,
        model=model,
        breakdown=breakdown,
    )


@st.cache_resource(show_spinner=False, max_entries=128)
def cohort_scatter(x_indicator: str, y_period: str, area_code: str | None, model: str):
    from indicators import analyses

    return analyses.cohort_scatter(
        load_indicators(),
        load_neighbours(),
        x_indicator=x_indicator,
        y_period=y_period,
        area_code=area_code,
        model=model,
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


#: A choice of measure per nation for the "UK by topic" map: ((nation, indicator id), ...).
MeasureChoice = tuple[tuple[str, str], ...]


@st.cache_resource(show_spinner=False, max_entries=64)
def _topic_view(topic_id: str, chosen: MeasureChoice, folder: str) -> topics.TopicMapView:
    return topics.topic_map_view(
        load_indicators(), load_areas(), load_sources(), topic_id=topic_id, chosen=dict(chosen)
    )


def topic_view(topic_id: str, chosen: MeasureChoice = ()) -> topics.TopicMapView:
    """The "UK by topic" view, computed once per topic and choice of measures and shared (do
    not mutate it)."""
    return _topic_view(topic_id, tuple(sorted(chosen)), str(paths.data_dir()))


@st.cache_resource(show_spinner=False, max_entries=64)
def _topic_figure(topic_id: str, chosen: MeasureChoice, folder: str) -> go.Figure:
    return topics.figure_for_topic_map(
        topic_view(topic_id, chosen),
        area_boundaries=boundaries_url(),
        trust_boundaries=trust_boundaries_url(),
    )


def topic_figure(topic_id: str, chosen: MeasureChoice = ()) -> go.Figure:
    """The "UK by topic" map, built once per topic and choice of measures and shared (do not
    mutate it)."""
    return _topic_figure(topic_id, tuple(sorted(chosen)), str(paths.data_dir()))


def warm_default_views() -> None:
    """Compute the cached views of every indicator's default selection (UK, no area), so that
    no first visitor waits for them. Run once at start-up, off the request path."""
    options = load_options()
    for indicator in options.indicator_ids:
        period = options.default_period_of.get(indicator)
        if not period:
            continue
        selection = state.Selection(indicator=indicator, period=period)
        map_payload(selection, confidence="95", colour_by="value", classes="quintiles")
        map_tables(selection, "95")
        compare_view(selection, "95")
    for topic_id in topics.TOPIC_IDS:
        topic_figure(topic_id)
