"""Figures for the analysis views (regions ranked, gap over time, peers only, cohort 2→5).

Plain functions returning ``go.Figure``; no Streamlit. Names from the data are HTML-escaped
before they reach hover text or titles (plotly renders a subset of HTML there).
"""

from __future__ import annotations

from html import escape

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from indicators.catalogue import Indicator, get_indicator
from indicators.figures import COMPARISON_COLOURS, FONT, draw_benchmark_line, draw_series_breaks
from indicators.units import format_ci, format_value

SELECTED = "#000000"
PEER = "#009e73"
ENGLAND = "#d55e00"


def _ci(value: float, low: float, high: float) -> str:
    return "" if pd.isna(low) else f" (95% CI {low:.1f} to {high:.1f})"


def _unit_ci(low: float, high: float, indicator: Indicator) -> str:
    interval = format_ci(low, high, indicator)
    return f" (95% CI {interval})" if interval else ""


def _bars(
    table: pd.DataFrame,
    *,
    indicator: Indicator,
    names: list[str],
    title: str,
    x_title: str,
    reference: float | None,
    reference_label: str,
    outline: list[float],
) -> go.Figure:
    shown = table.iloc[::-1]  # plotly draws the first bar at the bottom
    has_ci = shown["lower_ci95"].notna()
    figure = go.Figure(
        go.Bar(
            x=shown["value"],
            y=names[::-1],
            orientation="h",
            marker={
                "color": [
                    COMPARISON_COLOURS.get(c or "Not compared", "#ffffff")
                    for c in shown["comparison_label"]
                ],
                "line": {"color": "#000000", "width": outline[::-1]},
            },
            error_x={
                "type": "data",
                "symmetric": False,
                "array": (shown["upper_ci95"] - shown["value"]).where(has_ci, 0).tolist(),
                "arrayminus": (shown["value"] - shown["lower_ci95"]).where(has_ci, 0).tolist(),
                "color": "#333333",
                "thickness": 1.5,
            },
            hovertemplate=[
                f"{escape(str(n))}: {format_value(v, indicator)}{_unit_ci(lo, hi, indicator)}"
                f"<br>{escape(c or 'Not compared')}<extra></extra>"
                for n, v, lo, hi, c in zip(
                    shown["area_name"],
                    shown["value"],
                    shown["lower_ci95"],
                    shown["upper_ci95"],
                    shown["comparison_label"],
                    strict=True,
                )
            ],
            showlegend=False,
        )
    )
    for label, colour in COMPARISON_COLOURS.items():
        count = int((shown["comparison_label"].replace("", "Not compared") == label).sum())
        if count:
            figure.add_trace(
                go.Bar(
                    x=[None],
                    y=[None],
                    orientation="h",
                    marker={"color": colour, "line": {"color": "#000", "width": 0.5}},
                    name=f"{label} ({count})",
                )
            )
    draw_benchmark_line(figure, reference, reference_label, indicator)
    low = float(np.nanmin(shown["lower_ci95"].fillna(shown["value"]))) if len(shown) else 0.0
    high = float(np.nanmax(shown["upper_ci95"].fillna(shown["value"]))) if len(shown) else 100.0
    figure.update_layout(
        title={"text": title, "x": 0.01},
        xaxis={"title": x_title, "range": [max(0.0, low - 3), high + 2]},
        height=max(380, 34 * len(shown) + 200),
        font=FONT,
        barmode="overlay",
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0.0},
        margin={"l": 10, "r": 10, "t": 130, "b": 40},
    )
    return figure


def figure_for_region_ranking(
    table: pd.DataFrame, *, indicator_id: str, period: str, england_value: float | None
) -> go.Figure:
    """Regions best first with 95% CI whiskers, coloured by their test against England."""
    indicator = get_indicator(indicator_id)
    drawn = table[table["value"].notna()]
    names = [
        f"{int(r)}. {escape(n)}" if pd.notna(r) else f"{escape(n)} (nation)"
        for r, n in zip(drawn["rank"], drawn["area_name"], strict=True)
    ]
    return _bars(
        drawn,
        indicator=indicator,
        names=names,
        title=f"{escape(indicator.short_title)}, {escape(period)}: English regions ranked, compared with England",
        x_title=indicator.unit,
        reference=england_value,
        reference_label="England",
        outline=[0.5] * len(drawn),
    )


def figure_for_peers(
    table: pd.DataFrame, *, indicator_id: str, period: str, pooled: float | None, area_name: str
) -> go.Figure:
    """The area and its statistical neighbours, best first, against the pooled peer value."""
    indicator = get_indicator(indicator_id)
    drawn = table[table["value"].notna()]
    selected = (drawn["role"] == "selected area").tolist()
    names = [
        f"<b>▶ {escape(n)}</b>" if s else escape(n)
        for n, s in zip(drawn["area_name"], selected, strict=True)
    ]
    return _bars(
        drawn,
        indicator=indicator,
        names=names,
        title=f"{escape(indicator.short_title)}, {escape(period)}: {escape(area_name)} and its statistical neighbours",
        x_title=indicator.unit,
        reference=pooled,
        reference_label="Statistical neighbours (pooled)",
        outline=[3.0 if s else 0.5 for s in selected],
    )


def figure_for_gap(
    table: pd.DataFrame,
    *,
    indicator_id: str,
    area_name: str,
    benchmark_label: str,
) -> go.Figure:
    """The gap (area minus benchmark) per period with 95% CI bars; zero line, breaks and
    periods without data drawn; no line joins across a break or a missing year."""
    from indicators.catalogue import crosses_break

    indicator = get_indicator(indicator_id)
    periods = table.sort_values("period_start")["period"].tolist()
    position = {p: i for i, p in enumerate(periods)}
    frame = table.set_index("period").loc[periods]
    figure = go.Figure()
    segment: list[str] = []
    segments: list[list[str]] = []
    for period in periods:
        if pd.isna(frame.loc[period, "gap"]) or (
            segment and crosses_break(indicator, segment[-1], period)
        ):
            if segment:
                segments.append(segment)
            segment = []
        if pd.notna(frame.loc[period, "gap"]):
            segment.append(period)
    if segment:
        segments.append(segment)
    for number, part in enumerate(segments):
        rows = frame.loc[part]
        has_ci = rows["gap_lower_ci95"].notna()
        figure.add_trace(
            go.Scatter(
                x=[position[p] for p in part],
                y=rows["gap"],
                mode="lines+markers",
                line={"color": "#08519c", "width": 3},
                marker={"size": 10},
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": (rows["gap_upper_ci95"] - rows["gap"]).where(has_ci, 0).tolist(),
                    "arrayminus": (rows["gap"] - rows["gap_lower_ci95"]).where(has_ci, 0).tolist(),
                    "color": "#08519c",
                    "thickness": 1.5,
                },
                name=f"{escape(area_name)} minus {escape(benchmark_label)} (95% CI)",
                legendgroup="gap",
                showlegend=number == 0,
                hovertemplate=[
                    f"{escape(p)}: {g:+.1f} points{_ci(g, lo, hi)}<extra></extra>"
                    for p, g, lo, hi in zip(
                        part,
                        rows["gap"],
                        rows["gap_lower_ci95"],
                        rows["gap_upper_ci95"],
                        strict=True,
                    )
                ],
            )
        )
    figure.add_hline(y=0, line={"color": "#000", "width": 1.5})
    draw_series_breaks(figure, indicator, periods, position)
    for period in periods:
        if pd.isna(frame.loc[period, "gap"]):
            x = position[period]
            figure.add_vrect(
                x0=x - 0.45, x1=x + 0.45, fillcolor="#eeeeee", line_width=0, layer="below"
            )
            label = "No data<br>(COVID-19)" if period in indicator.no_data_periods else "No figure"
            figure.add_annotation(
                x=x, y=0.02, yref="paper", text=label, showarrow=False, font={"size": 12}
            )
    figure.update_layout(
        title={
            "text": f"{escape(indicator.short_title)}: gap between {escape(area_name)} and {escape(benchmark_label)}",
            "x": 0.01,
        },
        xaxis={
            "tickmode": "array",
            "tickvals": list(range(len(periods))),
            "ticktext": periods,
            "title": "Period",
        },
        yaxis={"title": "Gap (percentage points; above 0 = higher)", "zeroline": True},
        height=520,
        font=FONT,
        margin={"t": 90},
        legend={"orientation": "h", "y": -0.2},
    )
    return figure


def figure_for_cohort(
    table: pd.DataFrame,
    band: pd.DataFrame | None,
    *,
    x_title: str,
    y_title: str,
    title: str,
) -> go.Figure:
    """Each LA's outcome at 2 (x) against the same cohort at 5 (y), CIs on both axes, the
    England point, the chosen area and its peers marked, and the fitted line with its band."""
    figure = go.Figure()
    if band is not None and not band.empty:
        figure.add_trace(
            go.Scatter(
                x=band["x"],
                y=band["lower95"],
                mode="lines",
                line={"width": 0},
                hoverinfo="skip",
                showlegend=False,
            )
        )
        figure.add_trace(
            go.Scatter(
                x=band["x"],
                y=band["upper95"],
                mode="lines",
                line={"width": 0},
                fill="tonexty",
                fillcolor="rgba(0,0,0,0.12)",
                hoverinfo="skip",
                name="95% CI of the fitted line",
            )
        )
        figure.add_trace(
            go.Scatter(
                x=band["x"],
                y=band["fit"],
                mode="lines",
                line={"color": "#000", "width": 2},
                name="Fitted line (OLS)",
                hoverinfo="skip",
            )
        )
    styles = {
        "local authority": {"color": "#6baed6", "size": 7, "symbol": "circle"},
        "statistical neighbour": {"color": PEER, "size": 11, "symbol": "diamond"},
        "selected area": {"color": SELECTED, "size": 15, "symbol": "star"},
        "England": {"color": ENGLAND, "size": 16, "symbol": "square"},
    }
    for role, style in styles.items():
        part = table[table["role"] == role]
        if part.empty:
            continue
        figure.add_trace(
            go.Scatter(
                x=part["x_value"],
                y=part["y_value"],
                mode="markers",
                name=role[0].upper() + role[1:],
                marker={**style, "line": {"color": "#ffffff", "width": 0.5}},
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": (part["x_upper_ci95"] - part["x_value"]).fillna(0).tolist(),
                    "arrayminus": (part["x_value"] - part["x_lower_ci95"]).fillna(0).tolist(),
                    "thickness": 0.8,
                    "width": 0,
                    "color": style["color"],
                },
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": (part["y_upper_ci95"] - part["y_value"]).fillna(0).tolist(),
                    "arrayminus": (part["y_value"] - part["y_lower_ci95"]).fillna(0).tolist(),
                    "thickness": 0.8,
                    "width": 0,
                    "color": style["color"],
                },
                hovertemplate=[
                    f"<b>{escape(n)}</b><br>At 2: {x:.1f}%{_ci(x, xl, xh)}<br>At 5: {y:.1f}%{_ci(y, yl, yh)}"
                    + (f"<br>{escape(c)}" if c else "")
                    + "<extra></extra>"
                    for n, x, xl, xh, y, yl, yh, c in zip(
                        part["area_name"],
                        part["x_value"],
                        part["x_lower_ci95"],
                        part["x_upper_ci95"],
                        part["y_value"],
                        part["y_lower_ci95"],
                        part["y_upper_ci95"],
                        part["x_caution"],
                        strict=True,
                    )
                ],
            )
        )
    figure.update_layout(
        title={"text": escape(title), "x": 0.01},
        xaxis={"title": escape(x_title)},
        yaxis={"title": escape(y_title)},
        height=620,
        font=FONT,
        legend={"orientation": "h", "y": -0.18},
        margin={"t": 80},
    )
    return figure
