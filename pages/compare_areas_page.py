"""Compare areas: every comparable area as a sorted bar chart, or as a funnel plot."""

import streamlit as st

from indicators import compare, data, figures, loaders, refresh, upload, views
from indicators.catalogue import breakdown_label, get_indicator
from indicators.text import escape_markdown
from pages import common

selection = common.shared_selection()
indicator = get_indicator(selection.indicator)
st.title(f"Compare areas: {indicator.short_title}")
indicators, areas, neighbours, sources = common.load_all()
if not selection.period:
    common.stop_with("There is no figure for this indicator in the bundled data.")

left, right = st.columns(2)
with left:
    view = common.url_choice(
        "View",
        {"bars": "Sorted bars with 95% CIs", "funnel": "Funnel plot"},
        key="view",
        default="bars",
    )
with right:
    confidence = common.url_choice(
        "Confidence level", {"95": "95%", "99.8": "99.8%"}, key="ci", default="95"
    )

common.show_notes()
table = loaders.compare_view(selection, confidence)
extremes = compare.extremes_text(
    loaders.load_indicators(),
    indicator_id=indicator.id,
    period=selection.period or "",
    breakdown=selection.group,
)
if extremes:  # only the highest and lowest were published: words, never a ranking
    st.info(extremes)
with st.expander("Add your own figures (your data, not official)"):
    st.markdown(
        "Upload a CSV in the tidy layout (`indicator_id, area_code, period, value`, optionally "
        "`breakdown, numerator, denominator`) or a Fingertips export. Your figures are shown next "
        "to the official ones, compared in the same way, and kept only in this session."
    )
    own_file = st.file_uploader("Your CSV", type=["csv"], max_upload_size=1, key="own_figures")
if own_file is not None:
    checked = loaders.checked_upload(own_file.getvalue())
    if checked.error:
        st.error(escape_markdown(checked.error))
    for note in checked.notes:
        st.caption(note)
    if checked.problems:
        shown, more = upload.problems_shown(checked)
        st.warning(f"{len(checked.problems)} row(s) of your file were not used:")
        st.dataframe({"Problem": shown}, hide_index=True, width="stretch")
        if more:
            st.caption(f"… and {more} more.")
    if checked.ok:
        table = upload.compare_uploaded(
            table,
            checked.rows,
            indicator=indicator,
            period=selection.period,
            breakdown=selection.group,
            confidence=confidence,
        )
        added = int((~table["official"]).sum())
        st.info(
            f"{added} of your {len(checked.rows)} figure(s) are for this indicator, period and "
            "children; they are marked “your data (not official)”."
        )
if table.empty or table["value"].notna().sum() == 0:
    common.stop_with(
        f"No local-authority figures for {indicator.short_title.lower()} in {selection.period} ({selection.nation})."
    )
notice = views.benchmark_notice(areas, area_code=selection.area, benchmark=selection.benchmark)
if notice:
    st.info(notice)
benchmark_label = next((b for b in table["benchmark_label"] if b), "benchmark")
benchmarks = table["benchmark_value"].dropna().unique()
single_benchmark = float(benchmarks[0]) if len(benchmarks) == 1 else None
if single_benchmark is None and len(benchmarks) > 1:
    st.caption(escape_markdown(views.benchmark_caption(table)))


def source_for(drawn) -> str:
    """Source, period, licence and as-of date of the areas drawn."""
    return (
        data.caption_for(
            indicator.id,
            period=selection.period,
            sources=sources,
            source_ids=drawn["source_id"].tolist(),
        )
        + " "
        + refresh.as_of_sentence(indicator.id, loaders.load_retrievals())
    )


if view == "funnel":
    if not views.funnel_applies(indicator.id):
        common.stop_with(views.FUNNEL_PERCENT_ONLY)
    if single_benchmark is None:
        common.stop_with(
            "A funnel plot needs one benchmark: choose England, or a nation, in “Compare with”."
        )
    points, limits = views.funnel_view(table, benchmark_value=single_benchmark)
    if points.empty:
        common.stop_with(
            "A funnel plot needs counts (numerator and denominator), which are not published for this indicator and period."
        )
    common.chart(
        figures.figure_for_funnel(
            points,
            limits,
            indicator_id=indicator.id,
            period=selection.period,
            benchmark_value=single_benchmark,
            benchmark_label=benchmark_label,
        ),
        key="funnel_chart",
        filename=views.file_stem(indicator.id, selection.period, "funnel"),
        source=source_for(points),
    )
    drawn = points
else:
    drawn = table[table["value"].notna()]
    common.chart(
        figures.figure_for_bars(
            table,
            indicator_id=indicator.id,
            period=selection.period,
            benchmark_value=single_benchmark,
            benchmark_label=benchmark_label,
        ),
        key="bars_chart",
        filename=views.file_stem(indicator.id, selection.period, "bars"),
        source=source_for(drawn),
    )
common.caption(source_for(drawn))
excluded = table[table["value"].isna()]
if not excluded.empty:
    st.caption(
        f"Not drawn (no value): {escape_markdown(', '.join(excluded['area_name'] + ' — ' + excluded['status_label']))}."
    )

st.header("What the chart shows")
download = views.table_for_download(drawn, selection, confidence=confidence)
if view == "funnel":
    download = download.assign(funnel_position=drawn["funnel_position"].to_numpy())
shown = views.display_table(download)
if view == "funnel":
    shown = shown.assign(**{"Funnel position": download["funnel_position"]})
common.table_with_download(
    shown,
    download,
    file_stem=views.file_stem(
        indicator.id, selection.period, breakdown_label(selection.group), selection.nation, view
    ),
)
