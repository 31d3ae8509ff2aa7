"""Every page in real Chromium: renders, offline, no console error; URL and downloads work."""

from __future__ import annotations

import pytest

import pages as registry
from indicators import data, views
from indicators.state import Selection
from tests.browser.conftest import NO_CHART_PAGES, SCREENSHOTS

pytestmark = pytest.mark.browser

PAGES = {entry.url_path: entry.path for entry in registry.PAGES}
#: A plotly chart, or the map page's map component with its paths drawn.
CHART = '[data-testid="stPlotlyChart"] .main-svg, .eyi-map[data-state="painted"] path'


@pytest.mark.parametrize("name", list(PAGES))
def test_page_renders_offline_without_errors(app_url, watched_page, name):
    page = watched_page.page
    watched_page.open(f"{app_url}{PAGES[name]}?area=E06000005")
    if name not in NO_CHART_PAGES:
        page.wait_for_selector(CHART, timeout=60_000)
    watched_page.wait_for_charts(minimum=int(name not in NO_CHART_PAGES))
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"page-{name}.png"), full_page=True)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator("h1").count() >= 1
    assert watched_page.outside_requests == []
    assert watched_page.app_errors() == []


def test_changing_the_indicator_changes_the_url(app_url, watched_page):
    page = watched_page.page
    watched_page.open(f"{app_url}/")
    assert "indicator=eyfsp_gld" in page.url
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text="Indicator").first
    box.click()
    page.keyboard.type("communication")
    page.keyboard.press("Enter")
    watched_page.wait_until_idle()
    page.wait_for_function(
        "() => location.search.includes('indicator=asq3_communication')", timeout=30_000
    )
    assert "period=2021%2F22" in page.url or "period=2021/22" in page.url


def test_download_is_exactly_the_table_shown(app_url, watched_page):
    page = watched_page.page
    watched_page.open(f"{app_url}/?indicator=asq3_all_domains&area=E06000005")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download this table (CSV)").click()
    download = download_info.value
    indicators, areas, neighbours = (
        data.read_indicators(),
        data.read_areas(),
        data.read_neighbours(),
    )
    options = views.selection_options(indicators, areas)
    selection = Selection(
        indicator="asq3_all_domains",
        period=options.default_period_of["asq3_all_domains"],
        area="E06000005",
    )
    expected = views.csv_bytes(
        views.table_for_download(
            views.map_view(indicators, areas, neighbours, selection), selection
        )
    )
    assert download.path().read_bytes() == expected
    assert (
        download.suggested_filename
        == "asq3_all_domains_2021-22_All-children_United-Kingdom_by-area.csv"
    )
