"""Only a browser can show that the map really draws, offline."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from indicators.figures import BLUES, NOT_COLLECTED_GREY, SERVICE_COLOURS
from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def test_map_draws_its_areas_offline_in_svg(app_url, watched_page):
    page = watched_page.page
    watched_page.open(f"{app_url}/")
    chart = page.locator(".eyi-map").first
    page.wait_for_function(
        "() => document.querySelectorAll('.eyi-map path').length >= 218", timeout=60_000
    )
    watched_page.wait_for_charts()
    # SVG, not WebGL: one path per area, each coloured, no canvas (offline: every request
    # stayed on 127.0.0.1, checked below).
    assert chart.locator("path").count() == 218
    assert chart.locator("canvas").count() == 0
    assert page.locator("canvas.maplibregl-canvas").count() == 0
    assert chart.evaluate(
        "map => [...map.querySelectorAll('path')].every(p => p.getAttribute('fill'))"
    )
    assert (
        chart.locator("svg[role=listbox]")
        .get_attribute("aria-label")
        .startswith("Good level of development at 5")
    )
    SCREENSHOTS.mkdir(exist_ok=True)
    png = chart.screenshot(path=str(SCREENSHOTS / "map.png"))
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=2_000_000)
    grey = sum(count for count, colour in colours if colour == rgb(NOT_COLLECTED_GREY))
    blues = {rgb(blue) for blue in BLUES}
    in_blue = {colour for count, colour in colours if colour in blues and count > 50}
    # Scotland, Wales and NI are drawn grey; England's areas in the five class colours.
    assert grey > 5_000, "the not-collected areas were not drawn"
    assert in_blue == blues, "England's areas were not drawn in the five class colours"
    assert watched_page.outside_requests == []
    assert watched_page.app_errors() == []


def test_service_points_draw_offline(app_url, watched_page):
    page = watched_page.page
    watched_page.open(f"{app_url}/services")
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    page.wait_for_function(
        "() => document.querySelectorAll('.choroplethlayer path').length >= 218",
        timeout=60_000,
    )
    watched_page.wait_for_charts()
    # SVG, as on the map page: one path per area, no map canvas.
    assert page.locator(".choroplethlayer path").count() == 218
    assert page.locator("canvas.maplibregl-canvas").count() == 0
    SCREENSHOTS.mkdir(exist_ok=True)
    png = chart.screenshot(path=str(SCREENSHOTS / "services_map.png"))
    image = Image.open(io.BytesIO(png)).convert("RGB")
    target = rgb(SERVICE_COLOURS["family_hub"])

    def near(colour: tuple[int, int, int]) -> bool:
        return sum(abs(a - b) for a, b in zip(colour, target, strict=True)) < 60

    hub_pixels = sum(
        count for count, colour in image.getcolors(maxcolors=2_000_000) if near(colour)
    )
    assert hub_pixels > 500, "the family hub points were not drawn"
    assert watched_page.outside_requests == []
    assert watched_page.app_errors() == []
