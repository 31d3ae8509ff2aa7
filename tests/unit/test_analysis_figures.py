"""Analysis figures, without Streamlit: what is drawn, and that data strings are escaped."""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators import analysis_figures

HOSTILE = "<b>Evil</b> & Co"


def test_region_bars_best_first_with_whiskers_and_escaped_names():
    table = pd.DataFrame(
        {
            "rank": pd.array([1, 2, pd.NA], dtype="Int64"),
            "area_name": ["North West", HOSTILE, "Wales"],
            "value": [80.0, 60.0, 70.0],
            "lower_ci95": [77.0, 57.0, np.nan],
            "upper_ci95": [82.0, 63.0, np.nan],
            "comparison_label": ["Better", "Worse", "Not compared"],
        }
    )
    figure = analysis_figures.figure_for_region_ranking(
        table, indicator_id="eyfsp_gld", period="2023/24", england_value=70.0
    )
    bars = figure.data[0]
    assert list(bars.x) == [70.0, 60.0, 80.0]  # plotly lists bottom-up: best ends on top
    assert list(bars.y)[-1] == "1. North West"
    assert "&lt;b&gt;Evil&lt;/b&gt; &amp; Co" in list(bars.y)[1]
    assert "<b>Evil" not in "".join(bars.hovertemplate)
    assert list(bars.error_x.array) == [0.0, 3.0, 2.0]
    assert any(shape.x0 == 70.0 for shape in figure.layout.shapes)


def test_gap_figure_never_joins_across_the_break_or_a_missing_year():
    periods = ["2017/18", "2018/19", "2019/20", "2021/22", "2022/23"]
    table = pd.DataFrame(
        {
            "period": periods,
            "period_start": ["2017-09-01", "2018-09-01", "2019-09-01", "2021-09-01", "2022-09-01"],
            "gap": [1.0, 2.0, np.nan, -1.0, -2.0],
            "gap_lower_ci95": [0.0, 1.0, np.nan, -2.0, -3.0],
            "gap_upper_ci95": [2.0, 3.0, np.nan, 0.0, -1.0],
        }
    )
    figure = analysis_figures.figure_for_gap(
        table, indicator_id="eyfsp_gld", area_name=HOSTILE, benchmark_label="England"
    )
    lines = [t for t in figure.data if t.mode == "lines+markers"]
    assert [list(t.x) for t in lines] == [[0, 1], [3, 4]]
    texts = [a.text for a in figure.layout.annotations]
    assert "Series break: not comparable" in texts
    assert any("COVID" in t for t in texts)
    assert "<b>Evil" not in figure.layout.title.text


def test_cohort_figure_marks_roles_and_draws_the_band():
    table = pd.DataFrame(
        {
            "area_name": ["A", "B", HOSTILE, "England"],
            "role": ["local authority", "statistical neighbour", "selected area", "England"],
            "x_value": [80.0, 85.0, 90.0, 84.0],
            "x_lower_ci95": [78.0, 83.0, 88.0, 83.9],
            "x_upper_ci95": [82.0, 87.0, 92.0, 84.1],
            "y_value": [60.0, 65.0, 70.0, 66.0],
            "y_lower_ci95": [58.0, 63.0, 68.0, 65.9],
            "y_upper_ci95": [62.0, 67.0, 72.0, 66.1],
            "x_caution": ["", "", "Interpret with caution: low coverage", ""],
        }
    )
    band = pd.DataFrame(
        {"x": [80.0, 90.0], "fit": [60.0, 70.0], "lower95": [58, 68], "upper95": [62, 72]}
    )
    figure = analysis_figures.figure_for_cohort(
        table, band, x_title="At 2", y_title="At 5", title="Cohort"
    )
    names = [t.name for t in figure.data]
    assert {"Local authority", "Statistical neighbour", "Selected area", "England"} <= set(names)
    assert "Fitted line (OLS)" in names and "95% CI of the fitted line" in names
    star = next(t for t in figure.data if t.name == "Selected area")
    assert "&lt;b&gt;Evil" in star.hovertemplate[0] and "low coverage" in star.hovertemplate[0]
    assert list(star.error_x.array) == [2.0] and list(star.error_y.arrayminus) == [2.0]
