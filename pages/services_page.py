"""Services: children's centres, family hubs and other sites over the outcome map."""

import streamlit as st

from indicators import data, figures, loaders, views
from indicators.catalogue import get_indicator
from indicators.errors import IndicatorsError
from indicators.services import team_count_series
from indicators.sources.services import PRECISIONS, SERVICE_TYPES
from indicators.text import escape_markdown
from pages import common

selection = common.shared_selection()
indicator = get_indicator(selection.indicator)
st.title("Services and outcomes")
indicators, areas, neighbours, sources = common.load_all()
try:
    sites = loaders.load_service_sites()
    lists = loaders.load_service_lists()
except IndicatorsError as error:
    common.stop_with(escape_markdown(f"The service lists could not be loaded: {error}"))
common.show_notes()

chosen = st.multiselect(
    "Show these services",
    list(SERVICE_TYPES),
    default=["childrens_centre", "family_hub", "ni_sure_start"],
    format_func=SERVICE_TYPES.get,
    key="service_layers",
)
st.caption(
    "Coverage: children's centres are England's (GIAS); family hubs are those on DfE's England list; "
    "Northern Ireland has Sure Start sites only; Wales has one Flying Start centre in this data; "
    "there is no Scottish list here. An empty part of the map means no list, not no services."
)
if not selection.period:
    common.stop_with("There is no figure for the chosen indicator in the bundled data.")

outcome = loaders.map_view(selection, "95")
points = views.service_points(sites, types=chosen)
source = data.caption_for(
    indicator.id,
    period=selection.period,
    sources=sources,
    source_ids=[
        *outcome["source_id"],
        "dfe_gias_childrens_centres",
        "dfe_family_hub_sites_directory",
    ],
)
common.chart(
    loaders.services_figure(selection, tuple(chosen)),
    key="services_map",
    filename=views.file_stem("services", indicator.id, selection.period),
    source=source,
)
common.caption(source, boundaries=True)

st.header("Services and outcomes by area (England)")
table = views.services_table(indicators, outcome, indicator_id=indicator.id)
common.table_with_download(
    table, table, file_stem=views.file_stem("services_by_area", indicator.id, selection.period)
)

st.header("Sites on the map")
shown = points.assign(
    service=points["service_type"].map(SERVICE_TYPES),
    location=points["location_precision"].map(PRECISIONS),
)[
    [
        "name",
        "service",
        "postcode",
        "location",
        "area_code",
        "area_method",
        "source",
        "confidence",
        "lat",
        "lng",
    ]
]
common.table_with_download(shown, shown, file_stem=views.file_stem("service_sites", *chosen))

st.header("Family Hubs programme areas")
st.dataframe(lists["programme"], hide_index=True, width="stretch")

left, right = st.columns(2)
with left:
    st.header("Specialised parent-infant relationship teams (UK)")
    counts = lists["team_counts"]
    common.chart(
        figures.figure_for_counts(
            team_count_series(counts),
            title="Teams over time, as stated",
            y_title="Teams",
        ),
        key="team_counts_chart",
        source="Source: the Parent-Infant Foundation and others, as stated (cited in the table below).",
    )
    st.dataframe(
        common.safe_links(counts, "source_url"),
        hide_index=True,
        width="stretch",
        column_config={"source_url": st.column_config.LinkColumn("Source")},
    )
with right:
    st.header("Named teams (partial list)")
    st.warning(
        "Partial: 17 of the 51 teams the Parent-Infant Foundation counted in December 2025. No full list was available."
    )
    st.dataframe(
        common.safe_links(lists["named_teams"], "source_url"),
        hide_index=True,
        width="stretch",
        column_config={"source_url": st.column_config.LinkColumn("Source")},
    )
    st.header("Mother and baby units (partial list)")
    st.warning("Partial list of perinatal inpatient units, from the pages cited.")
    st.dataframe(
        common.safe_links(lists["mbus"], "source_url"),
        hide_index=True,
        width="stretch",
        column_config={"source_url": st.column_config.LinkColumn("Source")},
    )
