"""Map: the latest EYFSP good level of development across the UK's 218 areas."""

import streamlit as st

from indicators import data, figures, loaders
from indicators.catalogue import BOUNDARY_ATTRIBUTION, get_indicator
from indicators.errors import IndicatorsError

INDICATOR_ID = "eyfsp_gld"
indicator = get_indicator(INDICATOR_ID)

st.title(indicator.title)
try:
    indicators = loaders.load_indicators()
    areas = loaders.load_areas()
    sources = loaders.load_sources()
    boundaries = loaders.load_boundaries()
except IndicatorsError as error:
    st.error(f"The bundled data could not be loaded, so the map cannot be drawn. {error}")
    st.stop()

period = data.latest_period(indicators, INDICATOR_ID)
if period is None:
    st.warning("There is no local-authority figure for this indicator in the bundled data.")
    st.stop()

table = data.map_table(indicators, areas, indicator_id=INDICATOR_ID, period=period)
st.markdown(f"**{indicator.definition}**  \n{indicator.comparability_note}")
st.plotly_chart(
    figures.figure_for_map(table, boundaries, indicator_id=INDICATOR_ID, period=period),
    width="stretch",
    config={
        "displaylogo": False,
        "toImageButtonOptions": {"filename": f"{INDICATOR_ID}_{period.replace('/', '-')}_map"},
    },
)
caption = data.caption_for(
    INDICATOR_ID, period=period, sources=sources, source_ids=table["source_id"].tolist()
)
st.caption(f"{caption} {BOUNDARY_ATTRIBUTION}")
for note in indicator.caveats:
    st.caption(f"Caveat: {note}")

st.subheader("What the map shows")
shown = data.display_table(table)
st.dataframe(shown, hide_index=True, width="stretch")
st.download_button(
    "Download this table (CSV)",
    data=shown.to_csv(index=False).encode("utf-8"),
    file_name=f"{INDICATOR_ID}_{period.replace('/', '-')}_by_area.csv",
    mime="text/csv",
)
