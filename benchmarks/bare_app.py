"""A bare Streamlit page with one selectbox and one plotly bar chart: the reference the
benchmarks and the accessibility baseline compare the dashboard with (not part of the
dashboard)."""

import plotly.graph_objects as go
import streamlit as st

SERIES = {"first series": [1, 3, 2], "second series": [2, 1, 3]}

st.title("Bare Streamlit page")
series = st.selectbox("Series", list(SERIES), key="series")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=SERIES[series])), key="bar")
