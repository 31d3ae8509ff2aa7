"""The same children at 2 and at 5: each area's ASQ-3 outcome against its EYFSP outcome."""

import streamlit as st

from indicators import analyses, analysis_figures, data, loaders, views
from indicators.catalogue import get_indicator
from indicators.text import escape_markdown
from pages import common

selection = common.shared_selection()
st.title("The same children at 2 and at 5")
indicators, areas, neighbours, sources = common.load_all()
alignment = analyses.cohort_alignment(2021)
left, right = st.columns(2)
with left:
    x_indicator = common.url_choice(
        "Measures (ASQ-3 at 2–2½ in 2021/22 → EYFS profile at 5)",
        {x: label for x, (_, label) in analyses.COHORT_PAIRS.items()},
        key="cohort_x",
        default="asq3_all_domains",
    )
with right:
    y_period = common.url_choice(
        "At 5 (EYFS profile)",
        {year: f"{year} ({share:.0%} of the cohort)" for year, share in alignment.shares.items()},
        key="cohort_year",
        default=alignment.primary_year,
    )
common.show_notes()
model = selection.benchmark[-4:] if selection.benchmark.startswith("peers") else "2025"
result = loaders.cohort_scatter(x_indicator, y_period, selection.area, model)
y_indicator = analyses.COHORT_PAIRS[x_indicator][0]
x_ind, y_ind = get_indicator(x_indicator), get_indicator(y_indicator)
st.markdown(escape_markdown(alignment.describe()))
if selection.area and selection.area not in set(result.table["area_code"]):
    st.info(
        f"{escape_markdown(areas.loc[areas['area_code'] == selection.area, 'area_name'].iloc[0])} has no figure at 2 or at 5 for this pair "
        "of measures, so it is not marked."
    )
st.markdown(f"**{escape_markdown(result.words)}**")
title = f"{x_ind.short_title} at 2–2½ (2021/22) against {y_ind.short_title} ({y_period})"
captions = [
    data.caption_for(
        x_indicator, period="2021/22", sources=sources, source_ids=["ohid_asq3_2021_22"]
    ),
    data.caption_for(y_indicator, period=y_period, sources=sources, source_ids=["dfe_lait"]),
]
common.chart(
    analysis_figures.figure_for_cohort(
        result.table,
        None if result.fit is None else result.fit.band,
        x_title=f"{x_ind.short_title}, 2021/22 (%)",
        y_title=f"{y_ind.short_title}, {y_period} (%)",
        title=title,
    ),
    key="cohort_chart",
    filename=views.file_stem("cohort", x_indicator, y_period),
    source=" ".join(captions),
)
for text in captions:
    common.caption(text)
st.markdown(
    "**What this can and cannot say.** Each point is an area, not a child: the association "
    "is ecological, and a strong one would not show that the children behind at 2 were the "
    "ones behind at 5. ASQ-3 outcomes are voluntary returns (not every area sent four quarters; "
    "missing areas are listed below) and cover only the children reviewed with ASQ-3 "
    "(coverage varies by area); the EYFS profile covers children in state-funded schools, "
    "counted where they go to school rather than where they were reviewed; children who move "
    "between areas, and summer-born children whose start of school is deferred a year, are "
    "not followed. "
    f"{result.low_coverage} of the areas drawn had ASQ-3 coverage below the threshold "
    "(flagged in the table). "
    + (
        "The intervals at 5 are approximate (counts are not published for this year; each uses "
        "the area's 2021/22 cohort size). "
        if result.table["y_ci_basis"].astype(str).str.startswith("approximate").any()
        else "The figures at 5 have no interval: DfE publishes them as percentages without counts. "
    )
    + "The England point is not used in the fit."
)
st.header("What the chart shows")
download = analyses.cohort_download(
    result, x_indicator=x_indicator, y_indicator=y_indicator, y_period=y_period
)
common.table_with_download(
    analyses.cohort_display(download),
    download,
    file_stem=views.file_stem("cohort", x_indicator, y_period),
)
if not result.excluded.empty:
    st.caption(
        "Not drawn (a figure at one age only): " + escape_markdown(result.excluded_text()) + "."
    )
