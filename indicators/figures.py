"""Plotly figure builders: plain functions of tidy frames, unit-tested without Streamlit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from indicators.catalogue import get_indicator

#: Map view of the whole UK (fits 218 areas on a 16:10 screen).
UK_CENTER = {"lat": 54.6, "lon": -3.2}
UK_ZOOM = 4.8
NOT_COLLECTED_GREY = "#d9d9d9"
NO_VALUE_GREY = "#8c8c8c"
OUTLINE = "#ffffff"
#: Colour-blind-safe sequential scale (cividis) — darker is lower.
SEQUENTIAL = "Cividis"


def _hover(table: pd.DataFrame) -> list[str]:
    texts = []
    for row in table.itertuples(index=False):
        value = "" if pd.isna(row.value) else f"{row.value:.1f}%"
        ci = (
            ""
            if pd.isna(row.lower_ci95)
            else f" (95% CI {row.lower_ci95:.1f}–{row.upper_ci95:.1f})"
        )
        line = f"{value}{ci}" if value else row.status_label
        texts.append(f"<b>{row.area_name}</b> ({row.area_code})<br>{line}")
    return texts


def figure_for_map(
    table: pd.DataFrame, boundaries: dict, *, indicator_id: str, period: str
) -> go.Figure:
    """Choropleth of one indicator and period over the 218 UK areas.

    Drawn with ``choroplethmap`` on the ``white-bg`` style, so nothing is fetched from the
    internet. Areas with values are coloured on a colour-blind-safe scale; areas in nations that
    do not collect the indicator are light grey, and missing or suppressed values darker grey,
    each as its own legend entry so colour is not the only cue.

    Args:
        table: from :func:`indicators.data.map_table`.
        boundaries: GeoJSON dict whose feature ``id`` is the GSS code.
        indicator_id: catalogue id (for titles and units).
        period: period label shown in the title.

    Returns:
        The figure.
    """
    indicator = get_indicator(indicator_id)
    figure = go.Figure()
    valued = table[table["value"].notna()]
    not_collected = table[table["status"] == "not_collected"]
    no_value = table[table["value"].isna() & (table["status"] != "not_collected")]
    if not valued.empty:
        # A few very small areas (Isles of Scilly, City of London) sit far from the rest; the
        # colour range spans the 2nd-98th percentiles and values beyond take the end colours.
        low, high = np.nanpercentile(valued["value"], [2, 98])
        figure.add_trace(
            go.Choroplethmap(
                geojson=boundaries,
                locations=valued["area_code"],
                z=valued["value"],
                featureidkey="id",
                colorscale=SEQUENTIAL,
                zmin=float(low),
                zmax=float(high) if high > low else float(low) + 1.0,
                reversescale=indicator.polarity == "lower_is_better",
                marker={"line": {"color": OUTLINE, "width": 0.5}},
                colorbar={"title": {"text": indicator.unit}, "thickness": 14},
                hovertext=_hover(valued),
                hoverinfo="text",
                name=indicator.short_title,
            )
        )
    for part, colour, label in (
        (not_collected, NOT_COLLECTED_GREY, "Not collected in this nation"),
        (no_value, NO_VALUE_GREY, "Suppressed or not available"),
    ):
        if part.empty:
            continue
        figure.add_trace(
            go.Choroplethmap(
                geojson=boundaries,
                locations=part["area_code"],
                z=np.zeros(len(part)),
                featureidkey="id",
                colorscale=[[0, colour], [1, colour]],
                showscale=False,
                marker={"line": {"color": OUTLINE, "width": 0.5}},
                hovertext=_hover(part),
                hoverinfo="text",
                name=label,
                showlegend=True,
            )
        )
    figure.update_layout(
        map={"style": "white-bg", "center": UK_CENTER, "zoom": UK_ZOOM},
        margin={"l": 0, "r": 0, "t": 40, "b": 0},
        height=780,
        title={"text": f"{indicator.short_title}, {period}", "x": 0.01},
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 0.0,
            "x": 0.01,
            "bgcolor": "rgba(255,255,255,0.8)",
        },
        font={"size": 14},
    )
    return figure
