"""Trends: the selected area over time against England, its region and its peers."""

import streamlit as st

from indicators import data, figures, loaders, views
from indicators.catalogue import breakdown_label, get_indicator
from indicators.geography import NATION_CODES
from indicators.state import NATION_FILTERS
from indicators.text import escape_markdown
from pages import common

selection = common.shared_selection()
indicator = get_indicator(selection.indicator)
st.title(f"Trends: {indicator.short_title}")
common.show_notes()
indicators, areas, neighbours, sources = common.load_all()

if selection.area:
    area_code = selection.area
else:
    nation = indicator.nations[0] if selection.nation == NATION_FILTERS[0] else selection.nation
    area_code = NATION_CODES[nation]
    st.info(
        "No area chosen: showing the nation. Pick “My area” in the sidebar to see a local authority."
    )
area_name = areas.loc[areas["area_code"] == area_code, "area_name"].iloc[0]
peers_model = selection.benchmark[-4:] if selection.benchmark.startswith("peers") else "2025"
frame, trend = loaders.trend_view(indicator.id, area_code, selection.group, peers_model)
if frame.empty or frame.loc[frame["kind"] == "area", "value"].isna().all():
    common.stop_with(
        f"There is no {indicator.short_title.lower()} series for {escape_markdown(area_name)} "
        "in the bundled data."
    )

st.markdown(f"**{escape_markdown(trend.describe())}**")
source = data.caption_for(
    indicator.id,
    period=f"{frame['period'].iloc[0]} to {frame['period'].iloc[-1]}" if len(frame) else "",
    sources=sources,
    source_ids=frame["source_id"].tolist(),
)
common.chart(
    figures.figure_for_trend(
        frame,
        indicator_id=indicator.id,
        title=f"{indicator.short_title}: {area_name} ({breakdown_label(selection.group)})",
    ),
    key="trend_chart",
    filename=views.file_stem(indicator.id, area_code, "trend"),
    source=source,
)
common.caption(source)
for series_break in indicator.series_breaks:
    st.caption(
        f"Series break between {series_break.after} and {series_break.before}: {series_break.note}"
    )
for period, reason in indicator.no_data_periods.items():
    st.caption(f"{period}: {reason}")
former = frame[frame["kind"] == "predecessor"]["series"].unique()
if len(former):
    st.caption(
        "Former areas shown for history: "
        + escape_markdown("; ".join(former))
        + ". Their figures stay under their own codes."
    )

st.header("What the chart shows")
download = frame.assign(
    indicator_id=indicator.id, breakdown=breakdown_label(selection.group), trend=trend.describe()
)
shown = views.trend_table(frame, indicator_id=indicator.id)
common.table_with_download(
    shown,
    download,
    file_stem=views.file_stem(indicator.id, area_code, breakdown_label(selection.group), "trend"),
)
