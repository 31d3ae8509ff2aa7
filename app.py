"""Early Years Indicators: the frame. Page config, navigation and the shared selectors."""

import streamlit as st

from indicators import loaders, state, views
from indicators.catalogue import breakdown_label
from indicators.compare import BENCHMARK_KINDS
from indicators.errors import IndicatorsError
from pages import common

st.set_page_config(page_title="Early Years Indicators", layout="wide")

# file name -> page; the default page lives at "/".
PAGES = {
    "map.py": st.Page("pages/map.py", title="Map", default=True),
    "trends.py": st.Page("pages/trends.py", title="Trends", url_path="trends"),
    "compare_areas.py": st.Page(
        "pages/compare_areas.py", title="Compare areas", url_path="compare"
    ),
    "area_profile.py": st.Page("pages/area_profile.py", title="Area profile", url_path="profile"),
    "services.py": st.Page("pages/services.py", title="Services", url_path="services"),
    "four_nations.py": st.Page(
        "pages/four_nations.py", title="Four nations", url_path="four-nations"
    ),
    "about.py": st.Page("pages/about.py", title="About the data", url_path="about"),
    "present_page.py": st.Page(
        "pages/present_page.py", title="Presentation", url_path="presentation"
    ),
}
navigation = st.navigation(list(PAGES.values()))
common.resume_wanted_page(PAGES)

try:
    options = loaders.load_options()
except IndicatorsError as error:
    st.error(f"The bundled data could not be loaded, so nothing can be shown. {error}")
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
navigation.run()
