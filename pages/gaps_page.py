"""Gap over time: an area (or region) minus its benchmark in every period, with the CI of the gap."""

import streamlit as st

from indicators import analyses, analysis_figures, data, loaders, views
from indicators.catalogue import breakdown_label, get_indicator
from indicators.text import escape_markdown
from pages import common

selection = common.shared_selection()
indicator = get_indicator(selection.indicator)
st.title(f"Gap over time: {indicator.short_title}")
common.show_notes()
indicators, areas, neighbours, sources = common.load_all()
if not selection.area:
    common.stop_with("Choose “My area” in the sidebar (a local authority or a region).")
area = areas[areas["area_code"] == selection.area].iloc[0]
benchmark = selection.benchmark
if area["area_level"] != "la" and benchmark != "england":
    st.info("Regions and nations are compared with England.")
    benchmark = "england"
result = loaders.gap_over_time(indicator.id, selection.area, benchmark, selection.group)
if result.table["gap"].notna().sum() == 0:
    common.stop_with(
        f"No period has both a figure for {area['area_name']} and one for "
        f"{result.benchmark_label} for {indicator.short_title.lower()}."
    )
st.markdown(f"**{escape_markdown(result.trend_words)}**")
drawn = result.table[result.table["gap"].notna()]
source = data.caption_for(
    indicator.id,
    period=f"{drawn['period'].iloc[0]} to {drawn['period'].iloc[-1]}",
    sources=sources,
    source_ids=result.table["source_id"].tolist(),
)
common.chart(
    analysis_figures.figure_for_gap(
        result.table,
        indicator_id=indicator.id,
        area_name=result.area_name,
        benchmark_label=result.benchmark_label,
    ),
    key="gap_chart",
    filename=views.file_stem(indicator.id, selection.area, "gap"),
    source=source,
)
common.caption(source)
st.caption(f"Gap: {result.method}. Trend: {result.trend_method}.")
if drawn["ci_basis"].str.startswith("approximate").any():
    st.caption(
        "Counts are not published for some periods, so their intervals are approximate: each "
        "uses the area's latest published cohort size (named in the table)."
    )
for series_break in indicator.series_breaks:
    st.caption(
        f"Series break between {series_break.after} and {series_break.before}: {series_break.note}"
    )
for period, reason in indicator.no_data_periods.items():
    st.caption(f"{period}: {reason}")

st.header("What the chart shows")
download = analyses.gap_download(result, indicator_id=indicator.id, area_code=selection.area)
common.table_with_download(
    analyses.gap_display(download),
    download,
    file_stem=views.file_stem(
        indicator.id, selection.area, breakdown_label(selection.group), benchmark, "gap"
    ),
)
