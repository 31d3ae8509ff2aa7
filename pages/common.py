"""Rendering helpers shared by the pages: URL state, notes, tables and downloads.

The frame (app.py) resolves the URL once per session, keeps the shared selection in
``st.session_state`` and writes it back to the URL on every run.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import streamlit as st

from indicators import loaders, state, views
from indicators.catalogue import BOUNDARY_ATTRIBUTION

_SELECTION = "_selection"
_NOTES = "_url_notes"
_STARTED = "_started_from_url"
_WANTED_PAGE = "_wanted_page"


def start_from_url(options: views.Options) -> None:
    """On a session's first run, seed the shared selectors from the URL (with notes)."""
    if st.session_state.get(_STARTED):
        return
    resolved = state.resolve(
        st.query_params.to_dict(),
        periods_of=options.periods_of,
        area_names=options.area_names,
        groups_of=options.groups_of,
        default_period_of=options.default_period_of,
    )
    st.session_state.update(
        {
            "indicator": resolved.indicator,
            "period": resolved.period,
            "nation": resolved.nation,
            "area": resolved.area,
            "benchmark": resolved.benchmark,
            "group": resolved.group,
            _NOTES: list(resolved.notes),
            _STARTED: True,
        }
    )


def keep_valid(key: str, allowed: Sequence[str], *, default: str | None) -> None:
    """Reset a selector whose value the current indicator does not offer."""
    if st.session_state.get(key) not in allowed:
        st.session_state[key] = default


def clear_notes() -> None:
    st.session_state[_NOTES] = []


def add_note(note: str) -> None:
    st.session_state.setdefault(_NOTES, []).append(note)


def publish(selection: state.Selection) -> None:
    """Make the selection available to the page and write it to the URL."""
    st.session_state[_SELECTION] = selection
    wanted = selection.as_params()
    for key in state.KEYS:
        if key in wanted:
            if st.query_params.get(key) != wanted[key]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]


def selection(page_file: str) -> state.Selection:
    """The shared selection set by the frame.

    On a fresh server whose first request goes straight to a page, Streamlit's legacy
    ``pages/`` mode runs the page without the frame; hand over to the frame, which comes back
    to this page with the same link.
    """
    if _SELECTION not in st.session_state:
        st.session_state[_WANTED_PAGE] = Path(page_file).name
        st.switch_page("app.py", query_params=st.query_params.to_dict())
    return st.session_state[_SELECTION]


def resume_wanted_page(pages: Sequence[object]) -> None:
    """Finish the hand-over started by :func:`selection` (see there)."""
    wanted = st.session_state.pop(_WANTED_PAGE, None)
    if wanted is None:
        return
    for page in pages:
        if Path(str(getattr(page, "_page", ""))).name == wanted:
            st.switch_page(page, query_params=st.query_params.to_dict())


def show_notes() -> None:
    """Say which parts of the link could not be used (never an error)."""
    for note in st.session_state.get(_NOTES, []):
        st.info(note, icon=None)


def url_choice(
    label: str,
    choices: dict[str, str],
    *,
    key: str,
    default: str,
    horizontal: bool = True,
) -> str:
    """A page-level radio whose value is kept in the URL under ``key`` (ids, not labels)."""
    started = f"_started_{key}"
    if not st.session_state.get(started):
        asked = st.query_params.get(key)
        if asked is not None and asked not in choices:
            add_note(
                f"Unknown {label.lower()} in the link ({state.shown(asked)}); showing {choices[default]}."
            )
        st.session_state[key] = asked if asked in choices else default
        st.session_state[started] = True
    value = st.radio(label, list(choices), format_func=choices.get, key=key, horizontal=horizontal)
    if value == default:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != value:
        st.query_params[key] = value
    return value


def load_all():
    """The cached data every chart page needs, or a plain message and stop."""
    from indicators.errors import IndicatorsError

    try:
        return (
            loaders.load_indicators(),
            loaders.load_areas(),
            loaders.load_neighbours(),
            loaders.load_sources(),
        )
    except IndicatorsError as error:
        st.error(f"The bundled data could not be loaded. {error}")
        st.stop()


def caption(text: str, *, boundaries: bool = False) -> None:
    st.caption(f"{text} {BOUNDARY_ATTRIBUTION}" if boundaries else text)


def table_with_download(
    shown: pd.DataFrame,
    download: pd.DataFrame,
    *,
    file_stem: str,
    label: str = "Download this table (CSV)",
    height: int | None = None,
) -> None:
    """The table alternative of a chart and a CSV of exactly what the chart draws."""
    st.dataframe(shown, hide_index=True, width="stretch", height=height or "auto")
    st.download_button(
        label,
        data=views.csv_bytes(download),
        file_name=f"{file_stem}.csv",
        mime="text/csv",
        key=f"download_{file_stem}",
    )


def stop_with(message: str) -> None:
    """Explain why there is nothing to draw, and end the page there."""
    st.info(message)
    st.stop()
