"""The interactive map as projected SVG paths plus a small per-change payload.

The boundaries are projected once (Web Mercator, as the plotly ``geo`` map draws them) to SVG
path strings, served by the app as one cacheable file (:func:`shapes_json`). Each change of
indicator, colouring or zoom then sends only :func:`map_payload`: the title, one colour index
and a few tooltip lines per area, the legend, the outlines and the view box. The browser keeps
the drawn paths and only recolours them (``indicators/map_component``).

Plain Python: no Streamlit here (``indicators.loaders`` caches these).
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass

import pandas as pd

from indicators.catalogue import get_indicator
from indicators.figures import (
    CAUTION_OUTLINE,
    SELECTED_OUTLINE,
    Box,
    area_lines,
    map_categories,
    map_legend_title,
)

#: Projected units per degree of longitude: coordinates are whole units (0.001 degree, about
#: 70 m), fine enough for the London zoom and short as text.
SCALE = 1000
#: The map's accessible description (after its title): how to use it from the keyboard.
DESCRIPTION = (
    "A list of areas: the arrow keys move through them in alphabetical order, typing a name "
    "jumps to it, and Enter makes it your area. The same figures are in the table under "
    "the map."
)
#: Where the app serves the projected shapes (serve.py): ``<route><digest>.json``.
SHAPES_ROUTE = "/mapshapes/"


@dataclass(frozen=True)
class MapShapes:
    """Every area's outline as an SVG path, in one fixed order (the payload's order)."""

    codes: tuple[str, ...]
    names: tuple[str, ...]
    paths: tuple[str, ...]
    digest: str  # of the file's content: its URL changes when the boundaries do

    @property
    def url(self) -> str:
        return f"{SHAPES_ROUTE}{self.digest}.json"


def project(lon: float, lat: float) -> tuple[int, int]:
    """Web Mercator in whole units (x east, y down as in SVG)."""
    y = math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))
    return round(lon * SCALE), round(-y * SCALE)


def _ring_path(ring: list) -> str:
    """One closed ring: an absolute move, then relative lines (repeated points dropped, and
    the closing point: ``z`` draws the line back to the start)."""
    points = [project(float(p[0]), float(p[1])) for p in ring]
    if len(points) > 1 and points[-1] == points[0]:
        points.pop()
    x, y = points[0]
    parts = [f"M{x} {y}"]
    for px, py in points[1:]:
        if (px, py) != (x, y):
            parts.append(f"l{px - x} {py - y}")
            x, y = px, py
    return "".join(parts) + "z"


def _geometry_path(geometry: dict) -> str:
    if geometry["type"] == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        raise ValueError(f"unsupported geometry {geometry['type']!r}")
    return "".join(_ring_path(ring) for polygon in polygons for ring in polygon if len(ring) > 2)


def project_boundaries(boundaries: dict) -> MapShapes:
    """Project a GeoJSON FeatureCollection (feature ``id`` = GSS code, ``area_name``) to
    SVG paths. Features without usable polygons are left out (they are not drawn)."""
    codes, names, paths = [], [], []
    for feature in boundaries.get("features", []):
        try:
            path = _geometry_path(feature["geometry"])
        except (KeyError, IndexError, TypeError, ValueError):
            continue
        if not path:
            continue
        codes.append(str(feature.get("id")))
        names.append(str(feature.get("properties", {}).get("area_name", feature.get("id"))))
        paths.append(path)
    body = _shapes_body(codes, names, paths)
    digest = hashlib.sha256(body).hexdigest()[:16]
    return MapShapes(tuple(codes), tuple(names), tuple(paths), digest)


def _shapes_body(codes: list[str], names: list[str], paths: list[str]) -> bytes:
    return json.dumps(
        {"codes": codes, "names": names, "paths": paths}, separators=(",", ":")
    ).encode()


def shapes_json(shapes: MapShapes) -> bytes:
    """The file the browser fetches once (its digest is in its URL)."""
    return _shapes_body(list(shapes.codes), list(shapes.names), list(shapes.paths))


def view_box(box: Box) -> list[int]:
    """A lon/lat box (west, south, east, north) as an SVG viewBox (x, y, width, height)."""
    west, north = project(box[0], box[3])
    east, south = project(box[2], box[1])
    return [west, north, east - west, south - north]


def map_payload(
    table: pd.DataFrame,
    shapes: MapShapes,
    *,
    indicator_id: str,
    period: str,
    colour_by: str = "value",
    classes_method: str = "quintiles",
) -> dict:
    """What the map component needs for one indicator view, in the shapes' area order (the
    outline of "my area" and the view box are added by :func:`place_view`).

    Args:
        table: from :func:`indicators.views.map_view`.
        shapes: from :func:`project_boundaries` (the order of every per-area list).

    Returns:
        A JSON-ready dict: ``title``; ``description`` (:data:`DESCRIPTION`); ``shapes``
        (the shapes' URL); ``colour`` (per area, an
        index into ``legend``, -1 for an area not in the table: not drawn); ``lines`` (per
        area, indexes into ``texts``: the tooltip lines under the area's name);
        ``legend_title``, ``legend`` ([label, colour] per category; :func:`place_view` adds
        the outlines as [label, colour, "outline"]); ``selected`` (an area code or None);
        ``caution`` (area codes outlined in purple); ``view`` (an SVG viewBox, or None to
        fit every area drawn).
    """
    indicator = get_indicator(indicator_id)
    category, colours = map_categories(
        table, indicator_id=indicator_id, colour_by=colour_by, classes_method=classes_method
    )
    order = list(colours)
    index_of = {label: i for i, label in enumerate(order)}
    by_code = table.assign(_category=category.to_numpy()).set_index("area_code")
    texts: list[str] = []
    text_index: dict[str, int] = {}

    def intern(text: str) -> int:
        if text not in text_index:
            text_index[text] = len(texts)
            texts.append(text)
        return text_index[text]

    colour_index, lines = [], []
    for code in shapes.codes:
        if code not in by_code.index:
            colour_index.append(-1)
            lines.append([])
            continue
        row = by_code.loc[code]
        if isinstance(row, pd.DataFrame):  # a code listed twice: the first row counts
            row = row.iloc[0]
        colour_index.append(index_of[row["_category"]])
        lines.append([intern(line) for line in area_lines(row, indicator)])
    legend: list[list[str]] = [
        [f"{label} ({int((category == label).sum())})", colours[label]] for label in order
    ]
    caution = table.loc[table["caution"].astype(bool), "area_code"].tolist()
    return {
        "title": f"{indicator.short_title}, {period}",
        "description": DESCRIPTION,
        "shapes": shapes.url,
        "colour": colour_index,
        "lines": lines,
        "texts": texts,
        "legend_title": map_legend_title(table, indicator, colour_by=colour_by),
        "legend": legend,
        "selected": None,
        "caution": caution,
        "view": None,
    }


def place_view(
    payload: dict, shapes: MapShapes, *, selected_area: str | None, box: Box | None
) -> dict:
    """``payload`` (from :func:`map_payload`, not changed) with "my area" outlined and the
    view box: the cheap part, so that choosing an area reuses the cached colours.

    The selected area is outlined (and named in the legend) only when it is drawn; the
    outline entries follow the categories: my area, then the areas flagged for caution."""
    drawn = {
        code: name
        for code, name, colour in zip(shapes.codes, shapes.names, payload["colour"], strict=True)
        if colour >= 0
    }
    legend = list(payload["legend"])
    selected = selected_area if selected_area in drawn else None
    if selected is not None:
        legend.append([f"Outlined: {drawn[selected]}", SELECTED_OUTLINE, "outline"])
    caution = payload["caution"]
    if caution:
        legend.append(
            [f"Purple outline: interpret with caution ({len(caution)})", CAUTION_OUTLINE, "outline"]
        )
    return {
        **payload,
        "legend": legend,
        "selected": selected,
        "view": view_box(box) if box is not None else None,
    }
