"""Issue 13: the callable behind a chart's "Download image" buttons (pages/common.py) draws
the chart at the chosen presentation size with the page's caption written into it."""

from __future__ import annotations

import os
import re
import struct
import time

import plotly.graph_objects as go
import pytest

from indicators import exports
from indicators.catalogue import ATTRIBUTION
from pages import common

CAPTION = (
    "Share of toddlers counted, 2023/24. Publisher: Ministry of Tests. Source: Zebra Survey "
    f"of Toddlers (Ministry of Tests), https://example.org/zebra. Licence: OGL v3.0. {ATTRIBUTION}"
)


@pytest.fixture(scope="module")
def renderer():
    reason = exports.unavailable_reason()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    yield
    exports.stop()


def bar_figure() -> go.Figure:
    figure = go.Figure(go.Bar(x=["England", "Wales", "Scotland"], y=[67.2, 60.1, 80.4]))
    figure.update_layout(title={"text": "Toddlers counted &amp; seen<br>by nation"})
    return figure


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the PNG signature and IHDR chunk (bytes 16–24, big-endian)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def test_chart_credit_reads_the_title_as_text_and_keeps_the_licence_once():
    credit = exports.chart_credit("Toddlers counted &amp; seen<br>by <b>nation</b>", CAPTION)
    assert credit.title == "Toddlers counted & seen by nation"
    lines = credit.footer_lines()
    assert lines[-1] == ATTRIBUTION
    assert ATTRIBUTION not in lines[0]
    assert lines[0].startswith("Share of toddlers counted, 2023/24. Publisher: Ministry of Tests.")


@pytest.mark.slow
def test_the_download_callable_draws_a_1920_by_1080_png_and_an_svg_with_the_source(renderer):
    figure = bar_figure()
    before = figure.to_dict()
    credit = exports.chart_credit(figure.layout.title.text, CAPTION)
    started = time.perf_counter()
    png = common.image_maker(figure, credit, size="wide", fmt="png")()
    first = time.perf_counter() - started
    assert png_size(png) == (1920, 1080)
    started = time.perf_counter()
    square = common.image_maker(figure, credit, size="square", fmt="png")()
    later = time.perf_counter() - started
    assert png_size(square) == (1080, 1080)
    svg = common.image_maker(figure, credit, size="wide", fmt="svg")().decode()
    assert 'width="1920"' in svg and 'height="1080"' in svg
    words = " ".join(re.sub(r"<[^>]+>", " ", svg).split())
    assert "Zebra Survey of Toddlers (Ministry of Tests)" in words
    assert "Share of toddlers counted, 2023/24" in words
    assert "Open Government Licence v3.0" in words
    assert "Toddlers counted &amp; seen by nation" in words  # the title, as text
    assert figure.to_dict() == before  # the shared figure is not modified
    print(f"first image {first:.2f} s, next {later:.2f} s")


@pytest.mark.slow
def test_a_map_whose_boundaries_are_a_url_is_drawn_with_the_geojson_itself(renderer):
    square = [[-2, 54], [-1, 54], [-1, 55], [-2, 55], [-2, 54]]
    boundaries = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": code,
                "properties": {},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
            for code, ring in (
                ("E06000001", square),
                ("E06000002", [[x + 1, y] for x, y in square]),
            )
        ],
    }
    figure = go.Figure(
        go.Choropleth(
            geojson="app/static/boundaries.geojson",
            locations=["E06000001", "E06000002"],
            z=[1, 2],
            featureidkey="id",
        )
    )
    figure.update_geos(scope="europe", resolution=110, fitbounds="locations")
    calls = []

    def load():
        calls.append(1)
        return boundaries

    credit = exports.chart_credit("A map", CAPTION)
    svg = exports.chart_image(
        figure,
        credit,
        size="wide",
        fmt="svg",
        boundaries=load,
        topojson=(common.paths.PROJECT_ROOT / "topojson").as_uri() + "/",
    ).decode()
    assert calls == [1]
    assert svg.count("choroplethlocation") == 2  # both areas drawn from the embedded GeoJSON
    assert figure.data[0].geojson == "app/static/boundaries.geojson"  # not modified
