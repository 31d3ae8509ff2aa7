"""Area profile: one area, every indicator it has, as a spine chart with plain-English summaries."""

import streamlit as st

from indicators import exports, figures, loaders, views
from indicators.compare import BENCHMARK_KINDS
from indicators.text import escape_markdown
from pages import common

selection = common.shared_selection()
common.show_notes()
indicators, areas, neighbours, sources = common.load_all()
if not selection.area:
    st.title("Area profile")
    common.stop_with("Choose “My area” in the sidebar to see its profile.")
area = areas[areas["area_code"] == selection.area].iloc[0]
st.title(f"Area profile: {escape_markdown(area['area_name'])}")
if area["area_level"] != "la":
    common.stop_with(
        "Profiles are for local authorities and council areas: choose one in “My area”."
    )

notice = views.benchmark_notice(areas, area_code=selection.area, benchmark=selection.benchmark)
if notice:
    st.info(notice)
profile = loaders.profile_view(selection.area, selection.benchmark, selection.group)
if profile.empty:
    common.stop_with(
        f"The bundled data has no local-authority figures for {escape_markdown(area['area_name'])}."
    )
st.caption(
    escape_markdown(
        f"{area['area_code']} · {area['nation']}{' · ' + area['region_name'] if area['region_name'] else ''} · compared with {views.benchmark_phrase(areas, area_code=selection.area, benchmark=views.profile_benchmark(area['nation'], selection.benchmark))}"
    )
)

plotted, centre, spine_caption = views.spine_rows(profile, nation=area["nation"])
used = sorted(
    set(
        indicators.loc[
            (indicators["area_code"] == selection.area)
            & indicators["indicator_id"].isin(profile["indicator_id"]),
            "source_id",
        ]
    )
)
source_titles = "; ".join(
    f"{sources.loc[s, 'title']} ({sources.loc[s, 'publisher']})" for s in used if s in sources.index
)
if not plotted.empty:
    common.chart(
        figures.figure_for_spine(plotted, area_name=area["area_name"], centre=centre),
        key="spine_chart",
        filename=views.file_stem(selection.area, "profile"),
        source=f"{spine_caption} Sources: {source_titles}.",
    )
    st.caption(spine_caption)

st.header("In words")
for row in profile.itertuples():
    st.markdown(
        f"- **{escape_markdown(row.indicator)}.** {escape_markdown(row.summary)}"
        + (f" {escape_markdown(row.trend)}." if row.trend else "")
    )

if selection.period and area["nation"] == "England":
    # Issue 12: the area among its statistical neighbours alone, for the chosen indicator.
    st.header("Among its statistical neighbours")
    model = selection.benchmark[-4:] if selection.benchmark.startswith("peers") else "2025"
    peers = loaders.peers_only(
        selection.indicator, selection.period, selection.area, model, selection.group
    )
    st.markdown(escape_markdown(peers.sentence))
    st.page_link("pages/peers_page.py", label="See this area and its neighbours alone")

st.header("Table")
common.table_with_download(
    views.profile_table(profile),
    profile.assign(area_code=selection.area, area_name=area["area_name"]),
    file_stem=views.file_stem(selection.area, area["area_name"], "profile"),
)
st.caption(
    "Sources: "
    + escape_markdown(source_titles)
    + ". Contains public sector information licensed under the Open Government Licence v3.0."
)

printable = exports.profile_html(
    area_name=area["area_name"],
    area_line=f"{area['area_code']} · {area['nation']} · compared with {BENCHMARK_KINDS[selection.benchmark]}",
    rows=exports.profile_rows(profile),
    sources=[
        f"{sources.loc[s, 'title']} ({sources.loc[s, 'publisher']}), {sources.loc[s, 'url']}"
        for s in used
        if s in sources.index
    ],
)
html_column, pdf_column = st.columns(2)
html_column.download_button(
    "Printable profile (A4 page to print)",
    data=printable,
    file_name=f"{views.file_stem(selection.area, area['area_name'], 'profile')}.html",
    mime=exports.MIME["html"],
)
pdf_column.download_button(
    "Profile as PDF",
    data=lambda: exports.html_to_pdf(printable),  # printed by Chromium only when clicked
    file_name=f"{views.file_stem(selection.area, area['area_name'], 'profile')}.pdf",
    mime=exports.MIME["pdf"],
    disabled=exports.chromium_path() is None,
    help="Needs Chromium on the server." if exports.chromium_path() is None else None,
)
