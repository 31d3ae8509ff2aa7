"""Four nations: what each nation measures at each age, latest national values and headline facts."""

import streamlit as st

from indicators import figures, loaders, views
from indicators.services import team_count_series
from indicators.text import escape_markdown
from pages import common

st.title("Four nations: what is measured, and the headline facts")
common.show_notes()
indicators, areas, neighbours, sources = common.load_all()
measures, latest = views.four_nations_view(indicators)

st.header("What each nation measures, by age")
st.caption(
    "Different nations review children at different ages and record different things; the labels below say how far figures can be compared."
)
st.dataframe(measures, hide_index=True, width="stretch")

st.header("Latest national values")
common.table_with_download(
    views.four_nations_table(latest), latest, file_stem="four_nations_latest_national_values"
)
st.caption(
    "Comparable: the same measure. Same concept, different measure: the same stage of childhood recorded "
    "another way (for example England's ASQ-3 '% at or above expected' and Scotland's '% with a concern'). "
    "Not comparable: different contacts or ages. Northern Ireland publishes review completion only; no "
    "official Northern Ireland figure is in the bundled data. Contains public sector information licensed "
    "under the Open Government Licence v3.0."
)

st.header("Headline facts from the campaign literature")
TEAMS_SOURCE = (
    "Counts as stated by the Parent-Infant Foundation and others; the 2019 baseline appears as "
    "both 27 and 29 in its own texts."
)
facts = loaders.load_headline_facts()
_, topics = views.headline_fact_tables(facts)
teams = team_count_series(loaders.load_service_lists()["team_counts"])  # the services page's series
if not teams.empty:
    common.chart(
        figures.figure_for_counts(
            teams, title="Specialised parent-infant relationship teams in the UK", y_title="Teams"
        ),
        key="teams_chart",
        source=TEAMS_SOURCE,
    )
    st.caption(TEAMS_SOURCE)
for topic, table in topics.items():
    with st.expander(escape_markdown(topic), expanded=topic.startswith("CAMHS")):
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
