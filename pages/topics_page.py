"""UK by topic: one topic, each nation's own measure on its own geography and its own scale."""

import streamlit as st

from indicators import loaders, topics, views
from indicators.catalogue import TRUST_BOUNDARY_ATTRIBUTION
from indicators.errors import IndicatorsError
from indicators.text import escape_markdown
from pages import common

st.title("UK by topic: each nation's own measures")
topic_id = common.url_choice(
    "Topic",
    {topic_id: topics.topic_label(topic_id) for topic_id in topics.TOPIC_IDS},
    key="topic",
    default=topics.DEFAULT_TOPIC_ID,
)
try:
    first = loaders.topic_view(topic_id)
    chosen = {}
    several = [measure for measure in first.measures if len(measure.choices) > 1]
    if several:
        with st.expander("Where a nation publishes several measures of this topic", expanded=True):
            for measure in several:
                key = topics.MEASURE_KEYS[measure.nation]
                choices = {indicator.id: indicator.short_title for indicator in measure.choices}
                if key in st.session_state:  # a measure of another topic: back to the default
                    common.keep_valid(key, list(choices), default=measure.choices[0].id)
                chosen[measure.nation] = common.url_choice(
                    f"{measure.nation}'s measure",
                    choices,
                    key=key,
                    default=measure.choices[0].id,
                )
    common.show_notes()
    view = loaders.topic_view(topic_id, tuple(chosen.items()))
    figure = loaders.topic_figure(topic_id, tuple(chosen.items()))
except IndicatorsError as error:
    common.page_failed(error)
    st.stop()

st.markdown(escape_markdown(topics.NEVER_RANKED))
st.markdown(escape_markdown(view.periods_note))
if not view.measures:
    common.stop_with("No nation publishes local figures for this topic in the bundled data.")
common.chart(
    figure,
    key="topic_map",
    filename=views.file_stem("uk-by-topic", topic_id),
    source=" ".join(measure.caption for measure in view.measures)
    + (f" {TRUST_BOUNDARY_ATTRIBUTION}" if view.trust_measures else ""),
)
st.header("What each nation measures")
for measure in view.measures:
    st.markdown(f"**{escape_markdown(measure.legend_title)}**  \n{escape_markdown(measure.label)}")
    if measure.layer == topics.TRUSTS_LAYER:
        common.caption(f"{measure.caption} {TRUST_BOUNDARY_ATTRIBUTION}")
    else:
        common.caption(measure.caption, boundaries=True)
for gap in view.gaps:
    st.markdown(
        f"**{escape_markdown(gap.nation)}: no local figures.** {escape_markdown(gap.label)}"
    )
if view.comparability:
    st.header("How far the measures compare")
    for sentence in view.comparability:
        st.markdown(escape_markdown(sentence))

st.header("Every area on the map")
common.table_with_download(
    view.table, view.table, file_stem=views.file_stem("uk-by-topic", topic_id, "by-area")
)
