"""My peers only: an area and its DfE statistical neighbours, nothing else."""

import streamlit as st

from indicators import analyses, analysis_figures, data, loaders, views
from indicators.catalogue import breakdown_label, get_indicator
from indicators.text import escape_markdown
from pages import common

selection = common.shared_selection()
indicator = get_indicator(selection.indicator)
st.title(f"My peers only: {indicator.short_title}")
common.show_notes()
indicators, areas, neighbours, sources = common.load_all()
if not selection.area or not selection.period:
    common.stop_with("Choose “My area” (an English local authority) in the sidebar.")
model = selection.benchmark[-4:] if selection.benchmark.startswith("peers") else "2025"
result = loaders.peers_only(indicator.id, selection.period, selection.area, model, selection.group)
drawn = result.table[result.table["value"].notna()]
if drawn.empty:
    common.stop_with(
        "This area has no DfE statistical neighbours, or none of them has a figure for "
        f"{indicator.short_title.lower()} in {selection.period}."
    )
area_name = areas.loc[areas["area_code"] == selection.area, "area_name"].iloc[0]
st.markdown(escape_markdown(result.sentence))
source = data.caption_for(
    indicator.id,
    period=selection.period,
    sources=sources,
    source_ids=drawn["source_id"].tolist(),
)
common.chart(
    analysis_figures.figure_for_peers(
        drawn,
        indicator_id=indicator.id,
        period=selection.period,
        pooled=result.pooled.value,
        area_name=area_name,
    ),
    key="peers_chart",
    filename=views.file_stem(indicator.id, selection.period, selection.area, "peers"),
    source=source,
)
common.caption(source)
st.caption(
    f"Statistical neighbours: DfE {model} model. Pooled peer value: "
    f"{result.pooled.method or result.pooled.note}. Bars are coloured by each area's 95% CI "
    "against the pooled peer value; quartiles are among all areas of the nation."
)
if result.approximate:
    st.caption(
        "Counts are not published for this period, so the intervals are approximate: each "
        "uses the area's latest published cohort size."
    )

st.header("What the chart shows")
download = analyses.peers_download(result, indicator_id=indicator.id, period=selection.period)
common.table_with_download(
    analyses.peers_display(download, unit=indicator.unit),
    download,
    file_stem=views.file_stem(
        indicator.id, selection.period, selection.area, breakdown_label(selection.group), "peers"
    ),
)
