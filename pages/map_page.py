"""Map: one indicator across all 218 UK areas, coloured by value or by comparison."""

import streamlit as st

from indicators import data, deck, loaders, sentences, views
from indicators.catalogue import breakdown_label, get_indicator
from indicators.errors import IndicatorsError
from pages import common

selection = common.shared_selection()
indicator = get_indicator(selection.indicator)
st.title(indicator.title)
indicators, areas, neighbours, sources = common.load_all()
if not selection.period:
    common.stop_with("There is no figure for this indicator in the bundled data.")


def choose_clicked_area() -> None:
    """A click on the map makes that area "my area" (then the whole app reruns)."""
    clicked = common.clicked_location("map_chart")
    if clicked in options.area_names and clicked != st.session_state.get("area"):
        st.session_state["area"] = clicked
        common.clear_notes()
        st.session_state["_rerun_app"] = True


options = loaders.load_options()


@st.fragment
def map_with_controls() -> None:
    """Colour, classes, confidence and zoom rerun only this part; a click on an area reruns
    the app (it changes the shared "my area")."""
    if st.session_state.pop("_rerun_app", False):
        st.rerun(scope="app")
    try:
        map_part()
    except IndicatorsError as error:  # a fragment keeps its errors: the same plain message
        common.page_failed(error)


def map_part() -> None:
    left, middle, right, zoom_column = st.columns(4)
    with left:
        colour_by = common.url_choice(
            "Colour areas by",
            {"value": "Value (classes)", "comparison": "Comparison with benchmark"},
            key="colour",
            default="value",
        )
    with middle:
        classes = common.url_choice(
            "Classes",
            {"quintiles": "Quintiles", "equal_intervals": "Equal intervals"},
            key="classes",
            default="quintiles",
        )
    with right:
        confidence = common.url_choice(
            "Confidence level", {"95": "95%", "99.8": "99.8%"}, key="ci", default="95"
        )
    with zoom_column:
        zoom = common.url_choice("Zoom to", loaders.ZOOMS, key="zoom", default="auto")
    common.show_notes()
    table = loaders.map_view(selection, confidence)
    extremes = loaders.extremes_text(indicator.id, selection.period, selection.group)
    if extremes:  # only the highest and lowest were published: words, not a map
        st.info(extremes)
    st.markdown(f"**{indicator.definition}**  \n{indicator.comparability_note}")
    national = loaders.national_figures(indicator.id, selection.group)
    if national is not None:
        st.info(national.sentence)
        st.dataframe(national.table, hide_index=True, width="stretch")
        common.stop_with("Choose an indicator with local figures to see a map.")
    notice = loaders.benchmark_notice(selection.area, selection.benchmark)
    if notice:
        st.info(notice)
    common.recoloured_map(
        loaders.map_payload(
            selection, confidence=confidence, colour_by=colour_by, classes=classes, zoom=zoom
        ),
        key="map_chart",
        figure=lambda: loaders.map_figure(
            selection, confidence=confidence, colour_by=colour_by, classes=classes, zoom=zoom
        ),
        filename=views.file_stem(indicator.id, selection.period, "map"),
        on_select=choose_clicked_area,
        source=data.caption_for(
            indicator.id,
            period=selection.period,
            sources=sources,
            source_ids=table["source_id"].tolist(),
        ),
    )
    st.caption(
        "Click an area, or move to it with the arrow keys and press Enter, to make it your area."
    )
    map_notes(table)
    if st.button("Add this view as a slide", help="Adds this map to the presentation deck"):
        slide = deck.slide_from_selection("map", selection)
        st.switch_page("pages/present_page.py", query_params={"add": slide.token()})
    st.header("What the map shows")
    shown, download, csv, former = loaders.map_tables(selection, confidence)
    file_stem = views.file_stem(
        indicator.id,
        selection.period,
        breakdown_label(selection.group),
        selection.nation,
        "by-area",
    )
    # Built, and sent, only when opened: the table of every area is most of a rerun's bytes.
    every_area = common.url_expander(
        sentences.map_table_label(len(shown), len(former)), key="table"
    )
    if every_area.open:
        with every_area:
            st.dataframe(shown, hide_index=True, width="stretch")
            former_areas(former)
    common.csv_download(download, csv=csv, file_stem=file_stem)


def map_notes(table) -> None:
    """Source, caveats and the low-coverage warning under the map."""
    common.caption(
        data.caption_for(
            indicator.id,
            period=selection.period,
            sources=sources,
            source_ids=table["source_id"].tolist(),
        ),
        boundaries=True,
    )
    for caveat in indicator.caveats:
        st.caption(f"Caveat: {caveat}")
    flagged = table[table["caution"] != ""]
    if not flagged.empty:
        st.warning(
            f"{sentences.plural(len(flagged), 'area carries', 'areas carry')} a data-quality flag "
            "(for example counts that are impossible as published, or few children counted for "
            "the area's population): interpret with caution (purple outline; the reason is in "
            "the table's Caution column)."
        )


def former_areas(former) -> None:
    if former.empty:
        return
    st.subheader("Areas since reorganised")
    st.caption(
        "These figures were published for areas that no longer exist; the map uses the December 2023 "
        "boundaries, so they are listed here rather than drawn."
    )
    st.dataframe(
        former.rename(
            columns={
                "area_code": "Area code",
                "area_name": "Former area",
                "value": views.value_column(indicator.id),
                "status": "Status",
                "note": "Note",
            }
        ).drop(columns=["lower_ci95", "upper_ci95"]),
        hide_index=True,
        width="stretch",
    )


map_with_controls()
