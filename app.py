"""Early Years Indicators: the frame. Page config and navigation only."""

import streamlit as st

st.set_page_config(
    page_title="Early Years Indicators",
    layout="wide",
)

navigation = st.navigation([st.Page("pages/map.py", title="Map", default=True)])
navigation.run()
