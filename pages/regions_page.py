"""Regions ranked: England's nine regions best first, with CIs and the test against England."""

import streamlit as st

from indicators import analyses, analysis_figures, data, loaders, views
from indicators.catalogue import breakdown_label, get_indicator
from indicators.text import escape_markdown
from pages import common

selection = common.shared_selection()
indicator = get_indicator(selection.indicator)
st.title(f"Regions ranked: {indicator.short_title}")
common.show_notes()
indicators, areas, neighbours, sources = common.load_all()
if not selection.period:
    common.stop_with("There is no figure for this indicator in the bundled data.")

ranking = loaders.region_ranking(indicator.id, selection.period, selection.group)
drawn = ranking.table[ranking.table["value"].notna()]
if drawn.empty:
    common.stop_with(
        f"No regional figures for {indicator.short_title.lower()} in {selection.period}: "
        "English regions are published for the EYFS profile and (aggregated) ASQ-3 only."
    )
st.markdown(
    escape_markdown(
        analyses.ranking_sentence(ranking, indicator_id=indicator.id, period=selection.period)
    )
)
source = data.caption_for(
    indicator.id,
    period=selection.period,
    sources=sources,
    source_ids=drawn["source_id"].tolist(),
)
common.chart(
    analysis_figures.figure_for_region_ranking(
        drawn,
        indicator_id=indicator.id,
        period=selection.period,
        england_value=ranking.england_value,
    ),
    key="regions_chart",
    filename=views.file_stem(indicator.id, selection.period, "regions"),
    source=source,
)
common.caption(source)
st.caption(ranking.method)
if drawn["ci_basis"].str.startswith("approximate").any():
    st.caption(
        "Counts are not published for this period, so the intervals are approximate: each "
        "uses the region's latest published cohort size (named in the table)."
    )

st.header("What the chart shows")
download = analyses.ranking_download(ranking, indicator_id=indicator.id, period=selection.period)
common.table_with_download(
    analyses.ranking_display(download, unit=indicator.unit),
    download,
    file_stem=views.file_stem(
        indicator.id, selection.period, breakdown_label(selection.group), "regions"
    ),
)
