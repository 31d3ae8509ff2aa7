"""About the data: definitions, sources, licence, breaks and caveats, and the full dataset."""

import os

import streamlit as st

from indicators import loaders, paths, refresh, views
from indicators.catalogue import ATTRIBUTION, BOUNDARY_ATTRIBUTION, CATALOGUE, OGL_URL
from indicators.text import escape_markdown
from pages import common

st.title("About the data")
common.show_notes()
indicators, areas, neighbours, sources = common.load_all()

st.markdown(
    "Every figure here is a published official statistic, or is computed from published counts and "
    "labelled as such. Nothing is estimated, interpolated or filled in: missing and suppressed values "
    "are shown with their reason, never as zero."
)
st.header("Licence and attribution")
st.markdown(f"{ATTRIBUTION} [Open Government Licence v3.0]({OGL_URL}).  \n{BOUNDARY_ATTRIBUTION}")

st.header("Indicators")
definitions = views.catalogue_table(loaders.load_release_dates())
st.dataframe(definitions, hide_index=True, width="stretch")

st.header("Sources")
st.dataframe(
    common.safe_links(views.sources_table(sources), "URL"),
    hide_index=True,
    width="stretch",
    column_config={"URL": st.column_config.LinkColumn("URL")},
)

st.header("Where each figure comes from, and as of when")
st.dataframe(
    refresh.as_of_table(indicators, sources, loaders.load_retrievals()),
    hide_index=True,
    width="stretch",
)
with st.expander("Check for newer data"):
    st.markdown(
        "Downloads the latest figures from OHID Fingertips and Public Health Scotland's open "
        "data, rebuilds the dataset with the same checks, and switches to it only when it is "
        "complete and valid. Without a network nothing changes."
    )
    if st.button("Check for newer data", key="check_for_newer_data"):
        bar = st.progress(0.0, text="Contacting the publishers…")
        kind, message = refresh.check_for_newer_data(
            out=paths.data_dir(),
            progress=lambda publisher, done, total, _note: bar.progress(
                min(1.0, done / max(total, 1)), text=f"{publisher}: {done} of {total} files"
            ),
            base_urls=refresh.base_urls_from_env(os.environ.get(refresh.BASE_URLS_ENV)),
        )
        if kind == "success":
            st.cache_resource.clear()  # every cached table and view is of the old data
            st.cache_data.clear()
            st.success(message)
        elif kind == "offline":  # the messages may quote a publisher's answer: shown as text
            st.warning(escape_markdown(message))
        else:
            st.error(escape_markdown(message))

st.header("Series breaks and caveats")
for indicator in CATALOGUE.values():
    notes = [f"Break between {b.after} and {b.before}: {b.note}" for b in indicator.series_breaks]
    notes += [f"{period}: {reason}" for period, reason in indicator.no_data_periods.items()]
    notes += list(indicator.caveats)
    if notes:
        st.markdown(f"**{indicator.short_title}**\n" + "\n".join(f"- {n}" for n in notes))

st.header("The full dataset")
st.caption(
    f"{len(indicators):,} rows in one tidy table: one row per indicator, area, period and breakdown."
)
left, right = st.columns(2)
with left:
    st.download_button(
        "Download all indicators (CSV)",
        lambda: views.csv_bytes(indicators),  # made on click, not on every rerun
        on_click="ignore",
        file_name="early_years_indicators.csv",
        mime="text/csv",
    )
with right:
    st.download_button(
        "Download all indicators (Parquet)",
        lambda: views.parquet_bytes(indicators),
        on_click="ignore",
        file_name="early_years_indicators.parquet",
        mime="application/octet-stream",
    )
st.caption("Column meanings: " + "; ".join(f"{k}: {v}" for k, v in views.COLUMN_HELP.items()) + ".")
