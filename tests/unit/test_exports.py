"""Exports: chart images with their source drawn in, a PowerPoint deck, a printable profile.

Images are drawn by kaleido in the system Chromium (skipped without it on a developer
machine, failed in CI).
"""

from __future__ import annotations

import html
import io
import json
import os
import re

import plotly.graph_objects as go
import pytest
from PIL import Image

from indicators import exports

SOURCE = "Zebra Survey of Toddlers (Ministry of Tests), https://example.org/zebra"
CREDIT = exports.Credit(title="Share of toddlers counted, 2023/24", source=SOURCE, period="2023/24")
LONG_LEGEND = "Suppressed or not available (17)"


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
    figure = go.Figure(
        go.Bar(x=["England", "Wales", "Scotland"], y=[67.2, 60.1, 80.4], name="Value")
    )
    # a legend entry as long as the one the issue saw cut off
    figure.add_trace(go.Bar(x=[None], y=[None], name=LONG_LEGEND))
    return figure


@pytest.mark.slow
@pytest.mark.parametrize(("size", "expected"), [("wide", (1920, 1080)), ("square", (1080, 1080))])
def test_png_has_the_requested_size_and_is_drawn(renderer, size, expected):
    png = exports.image_bytes(bar_figure(), CREDIT, size=size, fmt="png")
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == expected
    grey = image.convert("L")
    dark = sum(1 for value in grey.get_flattened_data() if value < 200)
    assert dark > 0.01 * expected[0] * expected[1]  # bars and text, not a blank page
    # the footer (source, period, licence) is drawn along the bottom: dark pixels there
    footer = grey.crop((0, expected[1] - 90, expected[0], expected[1]))
    assert sum(1 for value in footer.get_flattened_data() if value < 128) > 200


@pytest.mark.slow
@pytest.mark.parametrize(("size", "expected"), [("wide", (1920, 1080)), ("square", (1080, 1080))])
def test_svg_has_the_size_and_carries_title_source_period_and_licence(renderer, size, expected):
    svg = exports.image_bytes(bar_figure(), CREDIT, size=size, fmt="svg").decode()
    assert f'width="{expected[0]}"' in svg and f'height="{expected[1]}"' in svg
    text = re.sub(r"<[^>]+>", " ", svg)  # the words of every text element
    text = " ".join(text.split())
    assert "Share of toddlers counted, 2023/24" in text
    assert "Zebra Survey of Toddlers (Ministry of Tests)" in text
    assert "Period: 2023/24" in text
    assert "Open Government Licence v3.0" in text
    assert LONG_LEGEND in text  # the whole legend entry, not cut


@pytest.mark.slow
def test_legend_is_inside_the_image(renderer):
    svg = exports.image_bytes(bar_figure(), CREDIT, size="square", fmt="svg").decode()
    legend = re.search(
        r'class="legend"[^>]*transform="translate\(([\d.]+),[\d.]+\)"><rect class="bg"[^>]*'
        r'width="([\d.]+)"',
        svg,
    )
    assert legend is not None
    # the legend box, as wide as plotly measured its longest entry, ends inside the image
    assert float(legend.group(1)) + float(legend.group(2)) <= 1080


@pytest.mark.slow
def test_data_text_is_escaped_in_the_image(renderer):
    credit = exports.Credit(title="<b>Bold</b> & co", source="A <i>source</i>", period="2024")
    svg = exports.image_bytes(bar_figure(), credit, fmt="svg").decode()
    title = re.search(r'<text class="gtitle"[^>]*>(.*?)</text>', svg).group(1)
    # shown as the literal characters, not read as markup (no bold or italic spans)
    assert html.unescape(title) == "<b>Bold</b> & co"
    assert "font-weight:bold" not in svg.replace(" ", "")
    assert "font-style:italic" not in svg.replace(" ", "")
    assert "A <i>source</i>" in html.unescape(re.sub(r"<(?!i>|/i>)[^>]+>", " ", svg))


@pytest.mark.slow
def test_geo_map_exports_with_a_local_topojson_folder(renderer, tmp_path):
    empty = {"type": "GeometryCollection", "geometries": []}
    topology = {
        "type": "Topology",
        "objects": {
            name: empty
            for name in ("coastlines", "land", "ocean", "lakes", "rivers", "countries", "subunits")
        },
        "arcs": [],
    }
    for name in ("world_110m.json", "world_50m.json"):
        (tmp_path / name).write_text(json.dumps(topology))
    square = [[-2, 54], [-1, 54], [-1, 55], [-2, 55], [-2, 54]]
    shifted = [[x + 1, y] for x, y in square]
    boundaries = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": code,
                "properties": {},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
            for code, ring in (("E06000001", square), ("E06000002", shifted))
        ],
    }
    figure = go.Figure(
        go.Choropleth(
            geojson=boundaries, locations=["E06000001", "E06000002"], z=[1, 2], featureidkey="id"
        )
    )
    figure.update_geos(visible=False)
    svg = exports.image_bytes(figure, CREDIT, fmt="svg", topojson=tmp_path.as_uri() + "/").decode()
    assert svg.count("choroplethlocation") == 2
    assert "Zebra Survey of Toddlers" in svg


def test_unknown_size_or_format_is_refused_with_a_reason():
    with pytest.raises(exports.ExportUnavailable, match="Unknown image size"):
        exports.framed(bar_figure(), CREDIT, size="poster")
    with pytest.raises(exports.ExportUnavailable, match="Unknown image format"):
        exports.image_bytes(bar_figure(), CREDIT, fmt="gif")


def test_framing_does_not_change_the_original_figure():
    figure = bar_figure()
    before = figure.to_json()
    framed = exports.framed(figure, CREDIT, size="wide")
    assert figure.to_json() == before
    assert (framed.layout.width, framed.layout.height) == (1920, 1080)


# --------------------------------------------------------------------------- PowerPoint
def tiny_png(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (160, 90), colour).save(out, format="PNG")
    return out.getvalue()


def test_three_slides_export_to_a_pptx_with_three_matching_titles():
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    titles = ["Teams in the UK", "Map of good level of development", "Four nations at age 5"]
    deck = exports.deck_pptx(
        [
            exports.SlideImage(title, tiny_png(colour), f"Source: test {n}")
            for n, (title, colour) in enumerate(zip(titles, ("red", "green", "blue"), strict=True))
        ]
    )
    presentation = Presentation(io.BytesIO(deck))
    assert len(presentation.slides) == 3
    assert [slide.shapes.title.text for slide in presentation.slides] == titles
    for n, slide in enumerate(presentation.slides):
        kinds = [shape.shape_type for shape in slide.shapes]
        assert MSO_SHAPE_TYPE.PICTURE in kinds
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        assert f"Source: test {n}" in texts
    assert presentation.slide_width * 9 == presentation.slide_height * 16


# --------------------------------------------------------------------------- printable profile
ROWS = [
    exports.ProfileRow(
        indicator="Good level of development at 5",
        period="2023/24",
        value="63.0%",
        england="67.7%",
        comparison="Worse",
        sentence="In 2023/24, 63.0% of children reached a good level of development in Testshire.",
    )
]


def test_profile_html_is_a4_and_escapes_text():
    page = exports.profile_html(
        area_name="Testshire <script>alert(1)</script>",
        area_line="E06000001 · England",
        rows=ROWS,
        sources=["Zebra & Co <b>"],
    )
    assert "@page { size: A4" in page
    assert "<script>" not in page
    assert "Testshire &lt;script&gt;" in page
    assert "Zebra &amp; Co &lt;b&gt;" in page
    assert ROWS[0].sentence in page


@pytest.mark.slow
def test_profile_prints_to_pdf_with_the_area_name_and_a_summary_sentence():
    if exports.chromium_path() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Debian chromium is not installed")
        pytest.skip("chromium is not installed")
    from pypdf import PdfReader

    pdf = exports.html_to_pdf(
        exports.profile_html(
            area_name="Testshire", area_line="E06000001 · England", rows=ROWS, sources=[SOURCE]
        )
    )
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    assert 1 <= len(reader.pages) <= 2
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Area profile: Testshire" in text
    assert "63.0% of children reached a good level of development in Testshire" in text
