"""Only a browser can show that the map really draws, offline."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from indicators.figures import NOT_COLLECTED_GREY
from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def test_map_draws_offline_with_no_console_error(app_url, watched_page):
    page = watched_page.page
    page.goto(app_url)
    watched_page.wait_until_idle()
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.locator(".maplibregl-canvas").wait_for(timeout=60_000)
    page.wait_for_timeout(1500)  # let WebGL paint the polygons
    SCREENSHOTS.mkdir(exist_ok=True)
    png = chart.screenshot(path=str(SCREENSHOTS / "map_page_chart.png"))
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=1_000_000)
    grey = sum(count for count, colour in colours if colour == rgb(NOT_COLLECTED_GREY))
    distinct = sum(1 for count, _ in colours if count > 20)
    # Scotland, Wales and NI are drawn grey; England's areas in many shades of the scale.
    assert grey > 5_000, "the not-collected areas were not drawn"
    assert distinct > 30, "the choropleth shows too few colours to have drawn the areas"
    assert watched_page.outside_requests == []
    assert watched_page.console_errors == []


def test_table_and_download_are_on_the_page(app_url, watched_page):
    page = watched_page.page
    page.goto(app_url)
    watched_page.wait_until_idle()
    assert page.get_by_text("What the map shows").is_visible()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download this table (CSV)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("eyfsp_gld_")
    text = download.path().read_text(encoding="utf-8")
    header = text.splitlines()[0]
    assert header.startswith("Area code,Area,Nation,Value (%)")
    assert len(text.splitlines()) == 219  # a header and the 218 areas drawn
