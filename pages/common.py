"""Rendering helpers shared by the pages: URL state, notes, tables and downloads.

The frame (app.py) resolves the URL once per session, keeps the shared selection in
``st.session_state`` and writes it back to the URL on every run.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Sequence

import streamlit as st

from indicators import exports, loaders, map_component, paths, state, views
from indicators.catalogue import BOUNDARY_ATTRIBUTION
from indicators.errors import IndicatorsError
from indicators.figures import TOPOJSON_ROUTE
from indicators.text import escape_markdown, safe_url

_SELECTION = "_selection"
_NOTES = "_url_notes"
_STARTED = "_started_from_url"
_PUBLISHED = "_published_selection"
#: The frame's shared selector keys (kept in the URL).
SHARED_KEYS = ("indicator", "period", "nation", "area", "benchmark", "group")
#: Every page's own URL keys (``url_choice``); a page's key read elsewhere is added as it runs.
PAGE_KEYS = {"colour", "classes", "ci", "view", "zoom", "cohort_x", "cohort_year", "topic", "table"}
_log = logging.getLogger("early_years.pages")


def show_data_problems() -> None:
    """One message naming every data file that failed the check against its manifest."""
    problems = loaders.data_problems()
    if problems:
        st.warning(
            "**The data check found a problem.** "
            + " ".join(escape_markdown(problem) for problem in problems)
            + " Pages that need a damaged file say so instead of showing figures; the others "
            "are shown as usual."
        )


def page_failed(error: Exception) -> None:
    """The page boundary: a plain message for the reader, the detail in the server log."""
    if isinstance(error, IndicatorsError):
        _log.warning("page stopped: %s", error)
        st.error(escape_markdown(error))
    else:
        _log.error("page failed", exc_info=error)
        st.error(
            "Sorry: this page could not be shown because of an unexpected error. The other "
            "pages may still work; the details are in the server log."
        )


def safe_links(frame, column: str):
    """``frame`` with only web addresses left in ``column`` (shown as a LinkColumn): a
    ``javascript:`` or other address from a data file never becomes a clickable link."""
    return frame.assign(**{column: frame[column].map(safe_url)})


def tidy_address_bar() -> None:
    """After the page: keep only the keys the frame and the pages read, once each.

    Called from the frame's ``finally``; skipped when the run ends in a rerun or a page
    switch (Streamlit's control-flow exceptions other than ``st.stop``), whose next run
    tidies instead.
    """
    ending = sys.exc_info()[1]
    if ending is not None and type(ending).__name__ != "StopException":
        return
    everything = {key: st.query_params.get_all(key) for key in st.query_params}
    known = (*SHARED_KEYS, *PAGE_KEYS)
    tidy = state.tidy_query(everything, known=known)
    if len(tidy) != len(everything) or any(len(v) > 1 for v in everything.values()):
        st.query_params.from_dict(tidy)  # unknown or repeated keys leave the address bar


def start_from_url(options: views.Options) -> None:
    """Seed the shared selectors from the URL: on a session's first run, and whenever the
    URL's selection differs from the one last published (the browser's Back or Forward, or
    an edited address). A link that cannot be used in full leaves a note."""
    params = st.query_params.to_dict()
    in_url = {key: value for key, value in params.items() if key in state.KEYS}
    published = st.session_state.get(_PUBLISHED)
    # A move between pages keeps the address's selection; one without any is not a change.
    moved = published is not None and "indicator" in in_url and in_url != published
    started = st.session_state.get(_STARTED)
    if started and not moved and all(key in st.session_state for key in SHARED_KEYS):
        return
    if started and not moved and _SELECTION in st.session_state:
        source = st.session_state[_SELECTION]
    else:
        source = state.resolve(
            params,
            periods_of=options.periods_of,
            area_names=options.area_names,
            groups_of=options.groups_of,
            default_period_of=options.default_period_of,
        )
        st.session_state[_NOTES] = list(source.notes)
        st.session_state[_STARTED] = True
    for key in SHARED_KEYS:
        if moved or key not in st.session_state:
            st.session_state[key] = getattr(source, key)


def keep_valid(key: str, allowed: Sequence[str], *, default: str | None) -> None:
    """Reset a selector whose value the current indicator does not offer."""
    if st.session_state.get(key) not in allowed:
        st.session_state[key] = default


def indicator_changed(options: views.Options) -> None:
    """A new indicator starts at its default period unless the current one has local figures."""
    clear_notes()
    indicator = st.session_state["indicator"]
    if st.session_state.get("period") not in options.local_periods_of.get(indicator, ()):
        st.session_state["period"] = options.default_period_of.get(indicator)


def clear_notes() -> None:
    st.session_state[_NOTES] = []


def add_note(note: str) -> None:
    st.session_state.setdefault(_NOTES, []).append(note)


def publish(selection: state.Selection) -> None:
    """Make the selection available to the page and write it to the URL."""
    st.session_state[_SELECTION] = selection
    wanted = selection.as_params()
    st.session_state[_PUBLISHED] = wanted
    current = st.query_params.to_dict()
    others = {key: value for key, value in current.items() if key not in state.KEYS}
    if {key: value for key, value in current.items() if key in state.KEYS} != wanted:
        # One write, so one browser history entry per change (each write adds one).
        st.query_params.from_dict({**wanted, **others})


def shared_selection() -> state.Selection:
    """The shared selection the frame published in this run (pages run inside the frame)."""
    return st.session_state[_SELECTION]


def show_notes() -> None:
    """Say which parts of the link could not be used (never an error)."""
    for note in st.session_state.get(_NOTES, []):
        st.info(escape_markdown(note))


def url_choice(
    label: str,
    choices: dict[str, str],
    *,
    key: str,
    default: str,
    horizontal: bool = True,
) -> str:
    """A page-level radio whose value is kept in the URL under ``key`` (ids, not labels)."""
    PAGE_KEYS.add(key)
    if key not in st.session_state:
        asked = st.query_params.get(key)
        if asked is not None and asked not in choices:
            add_note(
                f"Unknown {label.lower()} in the link ({state.shown(asked)}); showing {choices[default]}."
            )
        st.session_state[key] = asked if asked in choices else default
    value = st.radio(label, list(choices), format_func=choices.get, key=key, horizontal=horizontal)
    if value == default:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != value:
        st.query_params[key] = value
    return value


def url_expander(label: str, *, key: str) -> object:
    """A closed-by-default expander whose open state is kept in the URL (``key=open``) and
    which tracks its state (``.open``): its content is built, and sent, only while it is
    open."""
    PAGE_KEYS.add(key)
    if key not in st.session_state:
        st.session_state[key] = st.query_params.get(key) == "open"
    box = st.expander(label, key=key, on_change="rerun")
    if not box.open:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != "open":
        st.query_params[key] = "open"
    return box


def load_all() -> tuple:
    """Indicators, areas, neighbours and sources (cached), or a plain message and stop."""
    try:
        return (
            loaders.load_indicators(),
            loaders.load_areas(),
            loaders.load_neighbours(),
            loaders.load_sources(),
        )
    except IndicatorsError as error:
        st.error(escape_markdown(f"The bundled data could not be loaded. {error}"))
        st.stop()


def caption(text: str, *, boundaries: bool = False) -> None:
    """Source, period and licence under a chart: small, but in full-contrast text (a faded
    caption would put its links below the WCAG AA contrast ratio)."""
    body = f"{text} {BOUNDARY_ATTRIBUTION}" if boundaries else text
    st.markdown(":small[" + escape_markdown(body.replace("[", "(").replace("]", ")")) + "]")


def table_with_download(
    shown: object,
    download: object,
    *,
    file_stem: str,
    label: str = "Download this table (CSV)",
    csv: bytes | None = None,
) -> None:
    """The table alternative of a chart and a CSV of exactly what the chart draws (its bytes
    made only when the button is clicked)."""
    st.dataframe(shown, hide_index=True, width="stretch")
    csv_download(download, file_stem=file_stem, label=label, csv=csv)


def csv_download(
    download: object,
    *,
    file_stem: str,
    label: str = "Download this table (CSV)",
    csv: bytes | None = None,
) -> None:
    """A CSV of ``download`` (its bytes made only when the button is clicked)."""
    st.download_button(
        label,
        data=(lambda: csv) if csv is not None else (lambda: views.csv_bytes(download)),
        on_click="ignore",
        file_name=f"{file_stem}.csv",
        mime="text/csv",
        key=f"download_{file_stem}",
    )


def stop_with(message: str) -> None:
    """Explain why there is nothing to draw, and end the page there."""
    st.info(message)
    st.stop()


def chart(
    figure: object,
    *,
    key: str,
    filename: str = "",
    on_select: Callable[[], None] | None = None,
    source: str = "",
) -> None:
    """A plotly chart, full width, with a PNG export at twice the size (for slides), the
    chart's title as its accessible name (the table below it holds the same figures), and
    plotly's base-map topology from this server (so ``geo`` maps draw offline).

    ``on_select``: called when an item is clicked (one at a time); the chart is then
    clickable. ``source``: the caption shown under the chart (source, period, licence),
    drawn into the downloadable images of the chart (issue 13).
    """
    options: dict = {"displaylogo": False, "topojsonURL": TOPOJSON_ROUTE}
    if filename:
        options["toImageButtonOptions"] = {"format": "png", "scale": 2, "filename": filename}
    title = figure.layout.title.text or "Chart"
    st.plotly_chart(
        figure,
        width="stretch",
        config=options,
        key=key,
        alt=f"{title}. The same figures are in the table below.",
        **({"on_select": on_select, "selection_mode": "points"} if on_select else {}),
    )
    image_download(figure, key=key, title=title, source=source, filename=filename or key)


def image_download(
    figure: object,
    *,
    key: str,
    title: str,
    source: str,
    filename: str,
    is_map: bool | None = None,
) -> None:
    """PNG and SVG of the chart at a presentation size, with its title, source, period and
    licence drawn in; each image is drawn (by kaleido) only when its button is clicked.

    ``figure``: the figure, or a function that builds it (called only for an image).
    ``is_map``: whether the image credits the boundaries (found from the figure if None).

    The popover tracks its state, and its controls are built (and sent) only while it is
    open: a page of 23 charts otherwise resent 92 controls with every rerun."""
    box = st.popover("Download image", key=f"{key}_image", on_change="rerun")
    if not box.open:
        return
    with box:
        reason = exports.unavailable_reason()
        if reason:
            st.info(escape_markdown(f"Images cannot be made here: {reason}"))
            return
        size = st.radio(
            "Size",
            list(exports.SIZES),
            format_func=exports.SIZE_LABELS.get,
            key=f"{key}_image_size",
        )
        if is_map is None:
            is_map = any(t.type in ("choropleth", "choroplethmap") for t in figure.data)
        if is_map:
            source = f"{source} {BOUNDARY_ATTRIBUTION}"  # a map also credits its boundaries
        credit = exports.chart_credit(title, source)
        for fmt in exports.FORMATS:
            st.download_button(
                f"{fmt.upper()} image",
                data=image_maker(figure, credit, size=size, fmt=fmt),
                on_click="ignore",
                file_name=f"{filename}-{'16x9' if size == 'wide' else 'square'}.{fmt}",
                mime=exports.MIME[fmt],
                key=f"{key}_image_{fmt}",
            )
        st.caption("The first image takes a few seconds while the drawing browser starts.")


def image_maker(figure: object, credit: exports.Credit, *, size: str, fmt: str):
    """The callable that draws one image (run only when its download button is clicked)."""
    topojson = (paths.PROJECT_ROOT / "topojson").as_uri() + "/"
    return lambda: exports.chart_image(
        figure() if callable(figure) else figure,
        credit,
        size=size,
        fmt=fmt,
        boundaries=loaders.load_boundaries,
        topojson=topojson,
        served=loaders.served_boundaries(),
    )


#: The dashboard's map: keeps its SVG paths mounted and recolours them per change
#: (``indicators/map_component``). Registered once per process.
_map_component = st.components.v2.component(
    map_component.NAME, js=map_component.LOADER_JS, isolate_styles=False
)


def recoloured_map(
    payload: dict,
    *,
    key: str,
    figure: Callable[[], object],
    filename: str,
    on_select: Callable[[], None],
    source: str = "",
) -> None:
    """The map drawn by the map component from ``payload``
    (:func:`indicators.loaders.map_payload`): a click on an area calls ``on_select`` (read
    the area with :func:`clicked_location`). ``figure`` builds the same map as a plotly
    figure for the image download (only when an image is asked for)."""
    # As compact JSON bytes: Streamlit would re-encode a dict with spaces on every rerun.
    _map_component(
        key=key,
        data=json.dumps(payload, separators=(",", ":")).encode(),
        on_clicked_change=on_select,
        height="content",
    )
    image_download(
        figure, key=key, title=payload["title"], source=source, filename=filename, is_map=True
    )


def clicked_location(key: str) -> str | None:
    """The area code last clicked in the chart or map ``key``: a plotly selection's
    ``location``, or the map component's ``clicked`` trigger."""
    event = st.session_state.get(key)
    if not event:
        return None
    if event.get("clicked"):
        return str(event["clicked"])
    points = event.get("selection", {}).get("points", [])
    return points[0].get("location") if points else None
