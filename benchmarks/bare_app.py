"""A bare Streamlit page with one plotly bar chart: the reference the benchmarks and the
accessibility baseline compare the dashboard with (not part of the dashboard)."""

import plotly.graph_objects as go
import streamlit as st

st.title("Bare Streamlit page")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 3, 2])), key="bar")
