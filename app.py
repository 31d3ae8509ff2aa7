"""Early Years Indicators: the frame. Page config, navigation and the shared selectors."""

import streamlit as st

from indicators import loaders, state, views
from indicators.catalogue import breakdown_label
from indicators.compare import BENCHMARK_KINDS
from indicators.errors import IndicatorsError
from pages import PAGES, common

st.set_page_config(page_title="Early Years Indicators", layout="wide")

# Every page listed (expanded): a collapsed menu hides pages behind "View more". A flat list:
# Streamlit's sectioned menu is not a valid HTML list (axe: list, listitem).
navigation = st.navigation(
    [
        st.Page(entry.file, title=entry.title, url_path=entry.url_path, default=entry.default)
        for entry in PAGES
    ],
    expanded=True,
)
common.show_data_problems()

try:
    options = loaders.load_options()
except IndicatorsError as error:
    common.page_failed(error)
    st.stop()

common.start_from_url(options)
with st.sidebar:
    st.header("Show")
    indicator = st.selectbox(
        "Indicator (grouped by theme)",
        options.indicator_ids,
        format_func=views.indicator_label,
        key="indicator",
        on_change=common.indicator_changed,
        args=(options,),
    )
    common.keep_valid("group", options.groups_of.get(indicator, ("all",)), default="all")
    groups = options.groups_of.get(indicator, ("all",))
    group = st.selectbox(
        "Children",
        groups,
        format_func=breakdown_label,
        key="group",
        disabled=len(groups) == 1,
        on_change=common.clear_notes,
    )
    periods = options.periods_of.get(indicator, ())
    common.keep_valid("period", periods, default=options.default_period_of.get(indicator))
    period = st.selectbox("Period", periods[::-1], key="period", on_change=common.clear_notes)
    nation = st.selectbox(
        "Nation", state.NATION_FILTERS, key="nation", on_change=common.clear_notes
    )
    area = st.selectbox(
        "My area (type to search)",
        options.area_order,
        format_func=lambda code: options.area_names.get(code, code),
        index=None,
        placeholder="Type an area name…",
        key="area",
        on_change=common.clear_notes,
    )
    benchmark = st.selectbox(
        "Compare with",
        list(BENCHMARK_KINDS),
        format_func=BENCHMARK_KINDS.get,
        key="benchmark",
        on_change=common.clear_notes,
    )
    st.caption("Every choice is kept in the page address: copy it to share or bookmark this view.")

common.publish(
    state.Selection(
        indicator=indicator,
        period=period,
        nation=nation,
        area=area,
        benchmark=benchmark,
        group=group,
    )
)
try:
    navigation.run()
except Exception as error:  # the page boundary: a plain message, the detail in the server log
    common.page_failed(error)
finally:
    common.tidy_address_bar()
