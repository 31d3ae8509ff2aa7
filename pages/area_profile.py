"""Area profile: one area, every indicator it has, as a spine chart with plain-English summaries."""

import streamlit as st

from indicators import exports, figures, loaders, views
from indicators.compare import BENCHMARK_KINDS
from pages import common

selection = common.selection(__file__)
common.show_notes()
indicators, areas, neighbours, sources = common.load_all()
if not selection.area:
    st.title("Area profile")
    common.stop_with("Choose “My area” in the sidebar to see its profile.")
area = areas[areas["area_code"] == selection.area].iloc[0]
st.title(f"Area profile: {area['area_name']}")
if area["area_level"] != "la":
    common.stop_with(
        "Profiles are for local authorities and council areas: choose one in “My area”."
    )

profile = loaders.profile_view(selection.area, selection.benchmark, selection.group)
if profile.empty:
    common.stop_with(f"The bundled data has no local-authority figures for {area['area_name']}.")
st.caption(
    f"{area['area_code']} · {area['nation']}{' · ' + area['region_name'] if area['region_name'] else ''} · compared with {BENCHMARK_KINDS[selection.benchmark]}"
)

plotted = profile[profile["england"].notna()]
if not plotted.empty:
    common.chart(
        figures.figure_for_spine(plotted, area_name=area["area_name"]),
        key="spine_chart",
        filename=views.file_stem(selection.area, "profile"),
    )
    st.caption(
        "Each row: light grey spans the worst to the best local authority, darker grey the middle half; "
        "England is the centre line; the dot is this area, coloured by its comparison. Sources and licence below."
    )

st.header("In words")
for row in profile.itertuples():
    st.markdown(f"- **{row.indicator}.** {row.summary} {row.trend}.")

st.header("Table")
shown = profile.rename(
    columns={
        "indicator": "Indicator",
        "period": "Period",
        "value": "Value (%)",
        "england": "England (%)",
        "benchmark_value": "Benchmark (%)",
        "comparison_label": "Comparison",
        "rank": "Rank",
        "n_ranked": "Of",
        "trend": "Recent trend",
        "caution": "Caution",
    }
)[
    [
        "Indicator",
        "Period",
        "Value (%)",
        "England (%)",
        "Benchmark (%)",
        "Comparison",
        "Rank",
        "Of",
        "Recent trend",
        "Caution",
    ]
].round(1)
common.table_with_download(
    shown,
    profile.assign(area_code=selection.area, area_name=area["area_name"]),
    file_stem=views.file_stem(selection.area, area["area_name"], "profile"),
)
used = sorted(
    set(
        indicators.loc[
            (indicators["area_code"] == selection.area)
            & indicators["indicator_id"].isin(profile["indicator_id"]),
            "source_id",
        ]
    )
)
st.caption(
    "Sources: "
    + "; ".join(
        f"{sources.loc[s, 'title']} ({sources.loc[s, 'publisher']})"
        for s in used
        if s in sources.index
    )
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
