"""Four nations, stage by stage: what each nation measures, its latest national figure, its
trend and its spread across its own areas (small multiples), then the quoted headline facts."""

import streamlit as st

from indicators import figures, loaders, nations, views
from indicators.catalogue import ATTRIBUTION
from indicators.errors import IndicatorsError
from indicators.services import team_count_series
from indicators.text import escape_markdown
from pages import common

st.title("Four nations, stage by stage")
common.show_notes()
try:
    grid, cell_figures = loaders.load_four_nations()
except IndicatorsError as error:
    common.page_failed(error)
    st.stop()

st.markdown(nations.INTRO)
STAGE_CHOICES = {"all": "All stages", **{nations.stage_slug(s): s for s in nations.STAGES}}
chosen = common.url_choice("Life stage", STAGE_CHOICES, key="stage", default="all")
BADGE_COLOURS = {
    "Comparable": "blue",
    "Same concept, different measure": "orange",
    "Not comparable": "gray",
    nations.ONLY_THIS_NATION: "gray",
}


def show_cell(cell) -> None:
    """One nation at one stage and topic (every string from the catalogue or data escaped)."""
    with st.container(border=True):
        if cell.status != "measured":
            st.markdown(f"**{escape_markdown(cell.nation)}**: not collected")
            common.caption(cell.text)
            return
        st.markdown(f"**{escape_markdown(cell.nation)}** · {escape_markdown(cell.short_title)}")
        st.badge(cell.comparability, color=BADGE_COLOURS.get(cell.comparability, "gray"))
        if cell.national_period:
            st.metric(escape_markdown(f"National figure, {cell.national_period}"), cell.national)
        else:
            st.markdown(f"**{escape_markdown(cell.national)}**")
            common.caption(cell.national_text)
        if cell.cell in cell_figures:
            common.chart(
                cell_figures[cell.cell],
                key=f"nations_{cell.cell}",
                filename=f"four-nations-{cell.indicator_id}",
                source=cell.caption + " " + ATTRIBUTION,
            )
        common.caption(f"Trend: {cell.trend_text}")
        common.caption(f"Spread: {cell.spread_text}")
        with st.expander("What is measured, and how far it compares"):
            st.markdown(escape_markdown(cell.definition))
            st.markdown(escape_markdown(f"Age: {cell.age}."))
            st.markdown(escape_markdown(cell.comparability_text))
            if cell.derivation:
                st.markdown(escape_markdown(f"How the values were obtained: {cell.derivation}"))
            if cell.also:
                st.markdown(escape_markdown(f"Also published at this stage: {cell.also}."))
        common.caption(cell.caption)


for stage in nations.STAGES:
    if chosen not in ("all", nations.stage_slug(stage)):
        continue
    st.header(stage)
    for row_stage, topic in grid.rows():
        if row_stage != stage:
            continue
        st.subheader(escape_markdown(topic.capitalize()))
        for nation, column in zip(nations.NATIONS, st.columns(4), strict=True):
            with column:
                show_cell(grid.cell(stage, topic, nation))

common.caption(ATTRIBUTION)
st.download_button(
    "Download the four nations grid (CSV)",
    data=lambda: views.csv_bytes(grid.cells),
    on_click="ignore",
    file_name="four_nations_by_stage.csv",
    mime="text/csv",
)

st.header("Measures that span several ages")
common.caption(nations.UNSTAGED_NOTE)
st.dataframe(grid.unstaged, hide_index=True, width="stretch")

st.header("Headline facts, quoted")
st.markdown(nations.FACTS_INTRO)
TEAMS_SOURCE = (
    "Counts as stated by the Parent-Infant Foundation and others; the 2019 baseline appears as "
    "both 27 and 29 in its own texts."
)
facts = loaders.load_headline_facts()
teams = team_count_series(loaders.load_service_lists()["team_counts"])  # the services page's series
if not teams.empty:
    common.chart(
        figures.figure_for_counts(
            teams, title="Specialised parent-infant relationship teams in the UK", y_title="Teams"
        ),
        key="teams_chart",
        source=TEAMS_SOURCE,
    )
    common.caption(TEAMS_SOURCE)
places = list(
    dict.fromkeys(
        [
            *nations.NATIONS,
            "United Kingdom",
            *sorted(map(nations.fact_place, facts["area_code"], facts["area_name"])),
        ]
    )
)
for place, tab in zip(places, st.tabs(places), strict=True):
    with tab:
        table = nations.nation_facts(facts, place)
        if table.empty:
            st.markdown(
                escape_markdown(f"No quoted headline facts about {place} in the bundled data.")
            )
            continue
        st.dataframe(
            common.safe_links(table, "Link"),
            hide_index=True,
            width="stretch",
            column_config={"Link": st.column_config.LinkColumn("Link")},
        )
st.download_button(
    "Download all headline facts with their sources (CSV)",
    data=lambda: views.csv_bytes(facts),
    on_click="ignore",
    file_name="headline_facts_with_sources.csv",
    mime="text/csv",
)
