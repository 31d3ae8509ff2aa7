"""Plotly figure builders: plain functions of tidy frames, unit-tested without Streamlit.

Colour is never the only cue: every category drawn is also named in the legend, the hover
text and the table beside the chart. Palettes are colour-blind safe (ColorBrewer Blues for
values, Okabe-Ito for comparisons).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from indicators import compare, sentences
from indicators.catalogue import Indicator, crosses_break, get_indicator
from indicators.text import escape_plotly as _esc
from indicators.units import YES_NO, axis_title, format_ci, format_value
from indicators.views import AVAILABILITY_LABELS

#: WebGL map views (the Services page): centre and zoom per nation filter.
VIEWS = {
    "United Kingdom": ({"lat": 54.6, "lon": -3.2}, 4.8),
    "England": ({"lat": 52.8, "lon": -1.6}, 5.6),
    "Wales": ({"lat": 52.35, "lon": -3.8}, 6.6),
    "Scotland": ({"lat": 57.4, "lon": -4.3}, 5.5),
    "Northern Ireland": ({"lat": 54.65, "lon": -6.7}, 7.1),
}
#: plotly's base-map topology for a ``geo`` map of this scope and resolution is
#: ``<topojsonURL>/<scope>_<resolution>m.json``; the app serves that one file itself.
GEO_SCOPE = "europe"
GEO_RESOLUTION = 110
TOPOJSON_FILE = f"{GEO_SCOPE}_{GEO_RESOLUTION}m.json"
#: Where the app serves that file (serve.py), for the chart's ``topojsonURL`` config.
TOPOJSON_ROUTE = "/topojson/"
#: Smallest box (degrees of longitude, latitude) the map zooms to around one area, so that
#: its neighbours stay in view and can be clicked.
AREA_BOX_MIN = (2.4, 1.5)
#: Greys for areas without a value, far apart in lightness so that they differ without
#: hue (and each is named in the legend, hover and table): not collected is near-white,
#: no local figures light, suppressed mid, no figure dark.
NOT_COLLECTED_GREY = "#f0f0f0"
NOT_PUBLISHED_GREY = "#c8c8c8"
SUPPRESSED_GREY = "#969696"
NO_VALUE_GREY = "#636363"
OUTLINE = "#ffffff"
SELECTED_OUTLINE = "#000000"
CAUTION_OUTLINE = "#7b3294"
#: ColorBrewer Blues, light to dark (5 classes).
BLUES = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
#: Okabe-Ito based comparison colours.
COMPARISON_COLOURS = {
    "Better": "#0072b2",
    "Similar": "#f0e442",
    "Worse": "#d55e00",
    "Higher": "#56b4e9",
    "Lower": "#cc79a7",
    # A valued area that could not be tested: a light tan (not a grey, so it never looks like
    # an area without a value), hatched where the chart allows it, and always named.
    "Not compared": "#e5d8bd",
}
NOT_COMPARED_PATTERN = "/"
NOT_COLLECTED = AVAILABILITY_LABELS["not_collected"]
NOT_PUBLISHED = AVAILABILITY_LABELS["not_published"]
SUPPRESSED = AVAILABILITY_LABELS["suppressed"]
NO_VALUE = AVAILABILITY_LABELS["no_figure"]
#: Legend label -> colour for areas without a value, in legend order.
AVAILABILITY_COLOURS = {
    SUPPRESSED: SUPPRESSED_GREY,
    NO_VALUE: NO_VALUE_GREY,
    NOT_PUBLISHED: NOT_PUBLISHED_GREY,
    NOT_COLLECTED: NOT_COLLECTED_GREY,
}
FONT = {"size": 15}


def _hover(row: pd.Series, indicator: Indicator) -> str:
    lines = [f"<b>{_esc(row['area_name'])}</b> ({_esc(row['area_code'])})"]
    lines += [_esc(line) for line in area_lines(row, indicator)]
    return "<br>".join(lines)


def area_lines(row: pd.Series, indicator: Indicator) -> list[str]:
    """What the map says about one area under its name, as plain-text lines (value and
    interval, comparison, rank; or why there is no value; and any caution)."""
    lines = []
    if pd.notna(row["value"]):
        interval = format_ci(row["lower_ci95"], row["upper_ci95"], indicator)
        ci = f" (95% CI {interval})" if interval else ""
        lines.append(f"{format_value(row['value'], indicator)}{ci}")
        if row.get("comparison_label"):
            name = sentences.benchmark_name(
                str(row.get("benchmark_kind", "")), str(row.get("benchmark_label", ""))
            )
            if row["comparison_label"] == "Not compared":
                reason = f": {row['comparison_reason']}" if row.get("comparison_reason") else ""
                lines.append(f"Not compared with {name}{reason}")
            else:
                lines.append(f"{row['comparison_label']} compared with {name}")
        if pd.notna(row.get("rank")) and indicator.unit != YES_NO:
            lines.append(f"Rank {int(row['rank'])} of {int(row['n_ranked'])}")
    else:
        label = row.get("availability_label", "")
        if label and not str(row["status_label"]).startswith(str(label)):
            lines.append(str(label))
        lines.append(str(row["status_label"]))
    if row.get("caution"):
        lines.append(str(row["caution"]))
    return lines


def map_categories(
    table: pd.DataFrame, *, indicator_id: str, colour_by: str, classes_method: str
) -> tuple[pd.Series, dict[str, str]]:
    """The legend category of each area and the colour of each category, in legend order.

    Args:
        table: from :func:`indicators.views.map_view`.
        colour_by: ``value`` (classes) or ``comparison`` (against the chosen benchmark).
        classes_method: ``quintiles`` or ``equal_intervals`` (for ``value``).
    """
    indicator = get_indicator(indicator_id)
    if "availability_label" in table:
        category = table["availability_label"].replace("", NO_VALUE).astype(object)
    else:
        category = pd.Series(NO_VALUE, index=table.index, dtype=object)
        category[table["status"] == "not_collected"] = NOT_COLLECTED
    valued = table["value"].notna()
    colours: dict[str, str] = {}
    if colour_by == "comparison":
        labels = table.loc[valued, "comparison_label"].replace("", "Not compared")
        category[valued] = labels
        for label, colour in COMPARISON_COLOURS.items():
            if (category == label).any():
                colours[label] = colour
    elif indicator.unit == YES_NO:
        # A flag has two categories, not classes of a scale.
        flags = ["Yes" if v >= 0.5 else "No" for v in table.loc[valued, "value"]]
        category[valued] = flags
        for label, colour in (("Yes", BLUES[3]), ("No", BLUES[0])):
            if label in flags:
                colours[label] = colour
    else:
        classes = compare.classify(
            table.loc[valued, "value"], method=classes_method, decimals=indicator.decimals
        )
        palette = (
            list(BLUES[: len(classes.labels)]) if len(classes.labels) <= len(BLUES) else list(BLUES)
        )
        if indicator.polarity == "lower_is_better":
            palette = palette[::-1]  # darker is always better
        for code, label in enumerate(classes.labels):
            colours[label] = palette[code]
        category[valued] = [classes.labels[int(c)] for c in classes.codes]
    for label, colour in AVAILABILITY_COLOURS.items():
        if (category == label).any():
            colours[label] = colour
    return category, colours


def map_legend_title(table: pd.DataFrame, indicator: Indicator, *, colour_by: str) -> str:
    """The map legend's heading: the benchmark compared with, or the value and its shading."""
    if colour_by == "comparison":
        return "Compared with " + sentences.benchmark_heading(
            str(table["benchmark_kind"].iloc[0])
            if "benchmark_kind" in table and len(table)
            else "",
            table["benchmark_label"].tolist(),
        )
    shading = "darker is better" if indicator.polarity != "no_judgement" else "darker is higher"
    return f"{axis_title(indicator)} ({shading})"


Box = tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


def boundary_boxes(boundaries: dict) -> dict[str, Box]:
    """The bounding box of every feature of a GeoJSON FeatureCollection with coordinates, by
    feature id."""
    boxes: dict[str, Box] = {}
    for feature in boundaries.get("features", []):
        try:
            points = np.array(list(_coordinates(feature["geometry"]["coordinates"])), dtype=float)
            if points.ndim != 2 or points.shape[1] < 2 or not len(points):
                continue
        except (KeyError, IndexError, TypeError, ValueError):
            continue  # a feature without usable coordinates has no box (it is not drawn)
        boxes[str(feature.get("id"))] = (
            float(points[:, 0].min()),
            float(points[:, 1].min()),
            float(points[:, 0].max()),
            float(points[:, 1].max()),
        )
    return boxes


def _coordinates(nested):
    if not isinstance(nested, (list, tuple)):
        raise TypeError("GeoJSON coordinates are nested lists of numbers")
    if nested and isinstance(nested[0], (int, float)):
        yield nested[:2]
        return
    for part in nested:
        yield from _coordinates(part)


def box_around(boxes: dict[str, Box], codes, *, minimum: tuple[float, float] = (0, 0)) -> Box:
    """The box holding every one of ``codes``, widened about its centre to ``minimum``."""
    chosen = [boxes[c] for c in codes if c in boxes]
    if not chosen:
        raise ValueError("none of the codes has a boundary")
    west, south = min(b[0] for b in chosen), min(b[1] for b in chosen)
    east, north = max(b[2] for b in chosen), max(b[3] for b in chosen)
    half_width = max(east - west, minimum[0]) / 2
    half_height = max(north - south, minimum[1]) / 2
    centre_lon, centre_lat = (west + east) / 2, (south + north) / 2
    return (
        centre_lon - half_width,
        centre_lat - half_height,
        centre_lon + half_width,
        centre_lat + half_height,
    )


def figure_for_map(
    table: pd.DataFrame,
    boundaries: dict | str,
    *,
    indicator_id: str,
    period: str,
    colour_by: str = "value",
    classes_method: str = "quintiles",
    selected_area: str | None = None,
    nation: str = "United Kingdom",
    box: Box | None = None,
    renderer: str = "svg",
) -> go.Figure:
    """Choropleth of one indicator and period over the 218 UK areas, fully offline.

    Args:
        table: from :func:`indicators.views.map_view`.
        boundaries: a GeoJSON dict, or the URL of the served GeoJSON file (sent once).
        box: the view for the SVG map (min lon, min lat, max lon, max lat); None fits
            every area drawn.
        renderer: ``svg``: a plotly ``geo`` choropleth (painted fast without a GPU; the page
            serves plotly's base-map topology, :data:`TOPOJSON_FILE`, and passes its folder
            as the chart's ``topojsonURL``). ``webgl``: a ``choroplethmap`` on the blank
            ``white-bg`` style, centred by ``nation`` (kept for maps with thousands of
            points on top).

    Returns:
        The figure: one choropleth trace (its ``locations`` are GSS codes, the selected area
        last so that its black outline is drawn on top), then one legend-only trace per
        category and outline (the selected area outlined in black, areas with a
        data-quality caution in purple).
    """
    indicator = get_indicator(indicator_id)
    category, colours = map_categories(
        table, indicator_id=indicator_id, colour_by=colour_by, classes_method=classes_method
    )
    order = list(colours)
    selected = table["area_code"] == selected_area
    caution = table["caution"].astype(bool)
    # Outlined areas last: an SVG path drawn later covers its neighbours' edges.
    drawing_order = np.argsort(selected.astype(int) * 2 + caution.astype(int), kind="stable")
    shown = table.iloc[drawing_order]
    code = category.iloc[drawing_order].map({label: i for i, label in enumerate(order)})
    is_selected, is_caution = selected.iloc[drawing_order], caution.iloc[drawing_order]
    k = len(order)
    scale = []
    for i, label in enumerate(order):
        scale += [[i / k, colours[label]], [(i + 1) / k, colours[label]]]
    line_colour = np.where(
        is_selected, SELECTED_OUTLINE, np.where(is_caution, CAUTION_OUTLINE, OUTLINE)
    )
    line_width = np.where(is_selected, 3.0, np.where(is_caution, 2.0, 0.5))
    choropleth = {
        "geojson": boundaries,
        "featureidkey": "id",
        "locations": shown["area_code"].tolist(),
        "z": code.astype(float).tolist(),
        "zmin": -0.5,
        "zmax": k - 0.5,
        "colorscale": scale,
        "showscale": False,
        "marker": {"line": {"color": line_colour.tolist(), "width": line_width.tolist()}},
        "hovertext": [_hover(row, indicator) for _, row in shown.iterrows()],
        "hoverinfo": "text",
        "name": indicator.short_title,
        "showlegend": False,
    }
    webgl = renderer == "webgl"
    if webgl:
        figure = go.Figure(go.Choroplethmap(**choropleth, marker_opacity=1))
        legend_trace = go.Scattermap
    else:
        # A clicked area stays in full colour (plotly would fade the others).
        figure = go.Figure(
            go.Choropleth(
                **choropleth,
                selected={"marker": {"opacity": 1}},
                unselected={"marker": {"opacity": 1}},
            )
        )
        legend_trace = go.Scattergeo
    legend_title = map_legend_title(table, indicator, colour_by=colour_by)
    entries = [(f"{label} ({int((category == label).sum())})", colours[label]) for label in order]
    if selected.any():
        entries.append(
            (f"Outlined: {_esc(table.loc[selected, 'area_name'].iloc[0])}", SELECTED_OUTLINE)
        )
    if caution.any():
        entries.append(
            (f"Purple outline: interpret with caution ({int(caution.sum())})", CAUTION_OUTLINE)
        )
    for name, colour in entries:
        figure.add_trace(
            legend_trace(
                lat=[None],
                lon=[None],
                mode="markers",
                marker={"size": 14, "color": colour},
                name=name,
                showlegend=True,
                hoverinfo="skip",
            )
        )
    layout: dict = {
        "margin": {"l": 0, "r": 0, "t": 50, "b": 0},
        "title": {"text": f"{indicator.short_title}, {period}", "x": 0.01},
        "legend": {"title": {"text": legend_title}},
        "font": FONT,
        "dragmode": False,
    }
    if webgl:
        center, zoom = VIEWS.get(nation, VIEWS["United Kingdom"])
        layout["map"] = {"style": "white-bg", "center": center, "zoom": zoom}
        layout["height"] = 780
        layout["legend"].update(
            {"yanchor": "top", "y": 0.98, "x": 0.01, "bgcolor": "rgba(255,255,255,0.85)"}
        )
    else:
        geo: dict = {
            "visible": False,
            "scope": GEO_SCOPE,
            "resolution": GEO_RESOLUTION,
            "projection": {"type": "mercator"},
            "bgcolor": "rgba(0,0,0,0)",
        }
        if box is None:
            geo["fitbounds"] = "locations"
        else:
            geo["lonaxis"] = {"range": [box[0], box[2]]}
            geo["lataxis"] = {"range": [box[1], box[3]]}
        layout["geo"] = geo
        layout["height"] = 720
        # Below the map, across: it never covers an area, on a phone either.
        layout["legend"].update(
            {"orientation": "h", "yanchor": "top", "y": 0, "x": 0, "xanchor": "left"}
        )
        layout["margin"]["b"] = 10
    figure.update_layout(**layout)
    return figure


# --------------------------------------------------------------------------- trends
SERIES_STYLE = {
    "area": {"color": "#08519c", "width": 4, "dash": "solid"},
    "england": {"color": "#000000", "width": 2, "dash": "dash"},
    "nation": {"color": "#000000", "width": 2, "dash": "dash"},
    "region": {"color": "#e69f00", "width": 2, "dash": "dot"},
    "peers": {"color": "#009e73", "width": 2, "dash": "dashdot"},
    "predecessor": {"color": "#cc79a7", "width": 2, "dash": "longdash"},
}


def _segments(periods: list[str], indicator_id: str) -> list[list[str]]:
    indicator = get_indicator(indicator_id)
    segments: list[list[str]] = [[]]
    for period in periods:
        if segments[-1] and crosses_break(indicator, segments[-1][-1], period):
            segments.append([])
        segments[-1].append(period)
    return segments


def draw_benchmark_line(
    figure: go.Figure, value: float | None, label: str, indicator: Indicator
) -> None:
    """A dashed vertical rule at the benchmark ``value`` across horizontal bars, with a legend
    entry "label: value" in the indicator's unit; nothing when there is no value."""
    if value is None or pd.isna(value):
        return
    line = {"color": "#000", "dash": "dash", "width": 2}
    figure.add_vline(x=value, line=line)
    figure.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="lines",
            line=line,
            name=f"{_esc(label)}: {format_value(value, indicator)}",
        )
    )


def labelled_rule(
    figure: go.Figure,
    x: float,
    text: str,
    *,
    line: dict,
    font_size: int = 13,
    xref: str = "x",
    yref: str = "y domain",
) -> None:
    """A vertical rule at ``x`` across the plot of axes ``xref``/``yref``, labelled on top."""
    figure.add_shape(type="line", x0=x, x1=x, y0=0, y1=1, xref=xref, yref=yref, line=line)
    figure.add_annotation(
        x=x,
        y=1,
        xref=xref,
        yref=yref,
        text=text,
        showarrow=False,
        yanchor="bottom",
        font={"size": font_size},
    )


def draw_series_breaks(
    figure: go.Figure,
    indicator: Indicator,
    periods: list[str],
    position: dict[str, int],
    *,
    text: str = "Series break: not comparable",
    width: float = 2,
    font_size: int = 13,
    xref: str = "x",
    yref: str = "y domain",
) -> None:
    """A dashed rule, labelled, between the periods either side of each series break (so no
    line or bar reads across it); ``position`` maps a period to its x position."""
    for series_break in indicator.series_breaks:
        before = [p for p in periods if p <= series_break.after]
        after = [p for p in periods if p >= series_break.before]
        if before and after:
            labelled_rule(
                figure,
                (position[before[-1]] + position[after[0]]) / 2,
                text,
                line={"color": "#444", "dash": "dash", "width": width},
                font_size=font_size,
                xref=xref,
                yref=yref,
            )


def figure_for_trend(frame: pd.DataFrame, *, indicator_id: str, title: str) -> go.Figure:
    """Lines over time with the area's 95% CI band; breaks drawn as labelled rules with no line
    across them, and periods without data (e.g. COVID) shaded and labelled."""
    indicator = get_indicator(indicator_id)
    periods = frame.drop_duplicates("period").sort_values("period_start")["period"].tolist()
    position = {p: i for i, p in enumerate(periods)}
    figure = go.Figure()
    for (kind, series), part in frame.groupby(["kind", "series"], sort=False):
        series = _esc(series)  # an area name: shown as text in the legend and hover
        style = SERIES_STYLE.get(kind, SERIES_STYLE["region"])
        part = part.set_index("period")
        first = True
        ci_shown = False
        for segment in _segments(periods, indicator_id):
            in_segment = [p for p in segment if p in part.index]
            if not in_segment:
                continue
            x = [position[p] for p in in_segment]
            y = [part.loc[p, "value"] for p in in_segment]
            with_ci = [p for p in in_segment if pd.notna(part.loc[p, "lower_ci95"])]
            if kind == "area" and with_ci:
                ci_x = [position[p] for p in with_ci]
                # Lower bound first (invisible), then the upper bound filled down to it.
                figure.add_trace(
                    go.Scatter(
                        x=ci_x,
                        y=part.loc[with_ci, "lower_ci95"].tolist(),
                        mode="lines",
                        line={"width": 0},
                        hoverinfo="skip",
                        showlegend=False,
                        legendgroup=f"{series} CI",
                    )
                )
                figure.add_trace(
                    go.Scatter(
                        x=ci_x,
                        y=part.loc[with_ci, "upper_ci95"].tolist(),
                        mode="lines",
                        line={"width": 0},
                        fill="tonexty",
                        fillcolor="rgba(8,81,156,0.18)",
                        hoverinfo="skip",
                        name=f"{series}: 95% confidence interval",
                        showlegend=not ci_shown,
                        legendgroup=f"{series} CI",
                    )
                )
                ci_shown = True
            figure.add_trace(
                go.Scatter(
                    x=x,
                    y=y,
                    mode="lines+markers",
                    name=series,
                    legendgroup=series,
                    showlegend=first,
                    line=style,
                    marker={"size": 9 if kind == "area" else 6},
                    connectgaps=False,
                    hovertemplate=[
                        f"{series}<br>{p}: {format_value(part.loc[p, 'value'], indicator) or part.loc[p, 'status_label']}<extra></extra>"
                        for p in in_segment
                    ],
                )
            )
            first = False
    draw_series_breaks(figure, indicator, periods, position)
    for period in indicator.no_data_periods:
        if period in position:
            x = position[period]
            figure.add_vrect(
                x0=x - 0.45, x1=x + 0.45, fillcolor="#eeeeee", line_width=0, layer="below"
            )
            figure.add_annotation(
                x=x,
                y=0.02,
                yref="paper",
                text="No data<br>(COVID-19)",
                showarrow=False,
                font={"size": 12},
            )
    figure.update_layout(
        title={"text": _esc(title), "x": 0.01},
        xaxis={
            "tickmode": "array",
            "tickvals": list(range(len(periods))),
            "ticktext": periods,
            "title": "Period",
        },
        yaxis={"title": axis_title(indicator)},
        height=560,
        font=FONT,
        margin={"t": 80},
        legend={"orientation": "h", "y": -0.2},
    )
    return figure


# --------------------------------------------------------------------------- compare areas
def figure_for_bars(
    table: pd.DataFrame,
    *,
    indicator_id: str,
    period: str,
    benchmark_value: float | None,
    benchmark_label: str,
) -> go.Figure:
    """Areas sorted best first, CI whiskers, benchmark line, selected area and peers marked."""
    indicator = get_indicator(indicator_id)
    shown = table[table["value"].notna()].iloc[::-1]  # plotly draws the first bar at the bottom
    compared = shown["comparison_label"].replace("", "Not compared")
    colours = [COMPARISON_COLOURS.get(c, "#ffffff") for c in compared]
    patterns = [NOT_COMPARED_PATTERN if c == "Not compared" else "" for c in compared]
    names = [
        f"<b>▶ {n}</b>" if s else (f"{n} ◆" if p else n)
        for n, s, p in zip(
            shown["area_name"].map(_esc), shown["selected"], shown["peer"], strict=True
        )
    ]
    line_width = [
        3 if s else (2 if p else 0.5) for s, p in zip(shown["selected"], shown["peer"], strict=True)
    ]
    has_ci = shown["lower_ci95"].notna()
    figure = go.Figure(
        go.Bar(
            x=shown["value"],
            y=names,
            orientation="h",
            marker={
                "color": colours,
                "line": {"color": "#000000", "width": line_width},
                "pattern": {"shape": patterns, "fgcolor": "#555555"},
            },
            error_x={
                "type": "data",
                "symmetric": False,
                "array": (shown["upper_ci95"] - shown["value"]).where(has_ci, 0).tolist(),
                "arrayminus": (shown["value"] - shown["lower_ci95"]).where(has_ci, 0).tolist(),
                "color": "#333333",
                "thickness": 1.2,
            },
            hovertemplate=[
                f"{n}: {format_value(v, indicator)}"
                + (
                    f" (95% CI {format_ci(lo, hi, indicator)})"
                    if format_ci(lo, hi, indicator)
                    else ""
                )
                + f"<br>{c or 'Not compared'}<extra></extra>"
                for n, v, lo, hi, c in zip(
                    shown["area_name"].map(_esc),
                    shown["value"],
                    shown["lower_ci95"],
                    shown["upper_ci95"],
                    shown["comparison_label"],
                    strict=True,
                )
            ],
            name=indicator.short_title,
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
                    marker={
                        "color": colour,
                        "line": {"color": "#000", "width": 0.5},
                        "pattern": {
                            "shape": NOT_COMPARED_PATTERN if label == "Not compared" else "",
                            "fgcolor": "#555555",
                        },
                    },
                    name=f"{label} ({count})",
                    orientation="h",
                )
            )
    draw_benchmark_line(figure, benchmark_value, benchmark_label, indicator)
    low = float(np.nanmin(shown["lower_ci95"].fillna(shown["value"]))) if len(shown) else 0
    figure.update_layout(
        title={
            "text": f"{indicator.short_title}, {period} (▶ selected area, ◆ statistical neighbours)",
            "x": 0.01,
        },
        xaxis={"title": axis_title(indicator), "range": [max(0.0, low - 5), None]},
        yaxis={"tickfont": {"size": 11}},
        height=max(420, 16 * len(shown) + 160),
        font=FONT,
        barmode="overlay",
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0.0, "xanchor": "left"},
        margin={"l": 10, "r": 10, "t": 130, "b": 40},
    )
    return figure


FUNNEL_COLOURS = {
    "above 99.8% limit": "#0072b2",
    "above 95% limit": "#56b4e9",
    "within limits": "#999999",
    "below 95% limit": "#e69f00",
    "below 99.8% limit": "#d55e00",
}


def figure_for_funnel(
    points: pd.DataFrame,
    limits: pd.DataFrame,
    *,
    indicator_id: str,
    period: str,
    benchmark_value: float,
    benchmark_label: str,
) -> go.Figure:
    """Value against denominator with 95% and 99.8% control limits around the benchmark."""
    indicator = get_indicator(indicator_id)
    figure = go.Figure()
    for column, name, dash in (
        ("upper_998", "99.8% limits", "dash"),
        ("lower_998", None, "dash"),
        ("upper_95", "95% limits", "dot"),
        ("lower_95", None, "dot"),
    ):
        figure.add_trace(
            go.Scatter(
                x=limits["denominator"],
                y=limits[column],
                mode="lines",
                line={"color": "#555", "dash": dash, "width": 1.5},
                name=name or column,
                showlegend=name is not None,
                legendgroup=dash,
                hoverinfo="skip",
            )
        )
    figure.add_hline(y=benchmark_value, line={"color": "#000", "width": 2})
    figure.add_annotation(
        x=1,
        xref="paper",
        y=benchmark_value,
        text=f"{_esc(benchmark_label)}: {format_value(benchmark_value, indicator)}",
        showarrow=False,
        xanchor="right",
        yanchor="bottom",
    )
    for position, colour in FUNNEL_COLOURS.items():
        part = points[points["funnel_position"] == position]
        if part.empty:
            continue
        figure.add_trace(
            go.Scatter(
                x=part["denominator"],
                y=part["value"],
                mode="markers",
                name=f"{position} ({len(part)})",
                marker={
                    "color": colour,
                    "size": [16 if s else 9 for s in part["selected"]],
                    "line": {"color": "#000", "width": [3 if s else 0.5 for s in part["selected"]]},
                },
                hovertemplate=[
                    f"{n}: {format_value(v, indicator)} of {int(d):,}<extra></extra>"
                    for n, v, d in zip(
                        part["area_name"].map(_esc), part["value"], part["denominator"], strict=True
                    )
                ],
            )
        )
    chosen = points[points["selected"]]
    for row in chosen.itertuples():
        figure.add_annotation(
            x=row.denominator, y=row.value, text=_esc(row.area_name), showarrow=True, arrowhead=2
        )
    figure.update_layout(
        title={
            "text": f"{indicator.short_title}, {period}: funnel plot around {_esc(benchmark_label)}",
            "x": 0.01,
        },
        xaxis={"title": "Number of children (denominator)", "type": "log"},
        yaxis={"title": axis_title(indicator)},
        height=620,
        font=FONT,
    )
    return figure


# --------------------------------------------------------------------------- area profile
def spine_positions(profile: pd.DataFrame) -> pd.DataFrame:
    """Positions on a spine chart: England at 0.5, worst area at 0, best at 1 (per indicator)."""
    rows = []
    for row in profile.itertuples(index=False):
        centre = row.england if row.england is not None and not pd.isna(row.england) else row.median
        span = max(abs(row.best - centre), abs(row.worst - centre)) or 1.0
        sign = -1.0 if row.polarity == "lower_is_better" else 1.0

        def place(
            value: float, centre: float = centre, span: float = span, sign: float = sign
        ) -> float:
            return 0.5 + 0.5 * sign * (value - centre) / span

        rows.append(
            {
                "indicator": row.indicator,
                "worst": place(row.worst),
                "q25": place(row.q25),
                "q75": place(row.q75),
                "best": place(row.best),
                "area": place(row.value),
                "comparison_label": row.comparison_label,
            }
        )
    return pd.DataFrame(rows)


def figure_for_spine(
    profile: pd.DataFrame, *, area_name: str, centre: str = "England"
) -> go.Figure:
    """Fingertips-style spine chart: the area against the range, quartiles and England.

    Args:
        profile: rows of :func:`indicators.views.profile_view`.
        area_name: the area's name.
        centre: what the middle line is: ``England``, or for a Welsh, Scottish or Northern
            Irish area (whose own measures have no England figure) e.g. ``Median of Welsh
            areas``; rows without an England value are centred on their median.
    """
    area_name = _esc(area_name)  # shown as text in the title, legend and hover
    centre = _esc(centre)
    positions = spine_positions(profile)
    figure = go.Figure()
    labels = [f"{row.indicator} ({row.period})" for row in profile.itertuples()]
    figure.add_trace(
        go.Bar(
            y=labels,
            x=positions["best"] - positions["worst"],
            base=positions["worst"],
            orientation="h",
            marker={"color": "#e0e0e0"},
            name="Range of areas (worst to best)",
            hoverinfo="skip",
        )
    )
    figure.add_trace(
        go.Bar(
            y=labels,
            x=positions["q75"] - positions["q25"],
            base=positions["q25"],
            orientation="h",
            marker={"color": "#a8a8a8"},
            name="Middle half of areas (25th to 75th percentile)",
            hoverinfo="skip",
        )
    )
    colours = [
        COMPARISON_COLOURS.get(c or "Not compared", "#ffffff")
        for c in positions["comparison_label"]
    ]
    figure.add_trace(
        go.Scatter(
            y=labels,
            x=positions["area"],
            mode="markers",
            name=area_name,
            marker={
                "size": 16,
                "color": colours,
                "line": {"color": "#000", "width": 1.5},
                "symbol": "circle",
            },
            hovertemplate=[
                f"{area_name}: {format_value(v, get_indicator(i))}"
                f"<br>{centre}: {format_value(e if centre == 'England' else m, get_indicator(i), missing='–')}<extra></extra>"
                for v, e, m, i in zip(
                    profile["value"],
                    profile["england"],
                    profile["median"],
                    profile["indicator_id"],
                    strict=True,
                )
            ],
        )
    )
    figure.add_vline(x=0.5, line={"color": "#000", "width": 2})
    figure.add_annotation(
        x=0.5, y=1.0, yref="paper", text=centre, showarrow=False, yanchor="bottom"
    )
    figure.update_layout(
        barmode="overlay",
        title={"text": f"{area_name}: where it stands (worse ◀ {centre} ▶ better)", "x": 0.01},
        xaxis={
            "range": [-0.02, 1.02],
            "showticklabels": False,
            "title": f"Worst area ◀ ─── {centre} ─── ▶ Best area",
        },
        yaxis={"autorange": "reversed"},
        height=max(320, 60 * len(profile) + 150),
        font=FONT,
        legend={"orientation": "h", "y": -0.25},
    )
    return figure


def figure_for_counts(facts: pd.DataFrame, *, title: str, y_title: str) -> go.Figure:
    """A simple line over time for headline counts, one point per stated figure."""
    figure = go.Figure(
        go.Scatter(
            x=facts["period"],
            y=facts["value"],
            mode="lines+markers+text",
            text=[f"{v:,.0f}" for v in facts["value"]],
            textposition="top center",
            line={"color": "#0072b2", "width": 3},
            marker={"size": 10},
            name=y_title,
        )
    )
    figure.update_layout(
        title={"text": _esc(title), "x": 0.01},
        xaxis={"title": "As at", "type": "category"},
        yaxis={"title": y_title, "rangemode": "tozero"},
        height=420,
        font=FONT,
    )
    return figure


SERVICE_COLOURS = {
    "childrens_centre": "#e69f00",
    "childrens_centre_linked_site": "#cc79a7",
    "family_hub": "#009e73",
    "ni_sure_start": "#d55e00",
    "wales_flying_start_centre": "#000000",
}


def add_service_points(
    figure: go.Figure, points: pd.DataFrame, *, labels: dict[str, str]
) -> go.Figure:
    """Service sites as points over a map figure: one legend entry per type, small markers so
    the UK view stays readable, name, type and location precision in the hover and table."""
    # Points of the same kind as the map under them: SVG (geo) or WebGL (map).
    on_geo = bool(figure.data) and figure.data[0].type == "choropleth"
    points_trace = go.Scattergeo if on_geo else go.Scattermap
    for service_type, part in points.groupby("service_type", sort=False):
        approximate = part["location_precision"] != "postcode"
        figure.add_trace(
            points_trace(
                lat=part["lat"],
                lon=part["lng"],
                mode="markers",
                marker={
                    "size": 5,
                    "color": SERVICE_COLOURS.get(service_type, "#000000"),
                    "opacity": 0.85,
                },
                name=f"{labels.get(service_type, service_type)} ({len(part)})",
                hovertext=[
                    f"<b>{_esc(name)}</b><br>{labels.get(service_type, service_type)}"
                    + ("<br>Location approximate" if approx else "")
                    for name, approx in zip(part["name"], approximate, strict=True)
                ],
                hoverinfo="text",
            )
        )
    return figure
