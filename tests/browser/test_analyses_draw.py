"""The four analysis views draw in real Chromium, offline, without errors (screenshots kept)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

VIEWS = {
    "regions-ranked": "indicator=eyfsp_gld&period=2024%2F25&area=E06000005",
    "gap-over-time": "indicator=eyfsp_gld&area=E06000005",
    "my-peers": "indicator=eyfsp_gld&period=2024%2F25&area=E06000005",
    "cohort-2-to-5": "area=E06000005",
}
CHART = '[data-testid="stPlotlyChart"] .main-svg'


def test_each_analysis_view_draws_offline(app_url, watched_page):
    page = watched_page.page
    SCREENSHOTS.mkdir(exist_ok=True)
    # The home page first: a fresh server's first request to a page path goes through
    # Streamlit's legacy pages/ mode (see TESTING.md); deep links are the frame's tests.
    watched_page.open(f"{app_url}/")
    for path, query in VIEWS.items():
        watched_page.open(f"{app_url}/{path}?{query}")
        page.wait_for_selector(CHART, timeout=60_000)
        # Plotly has drawn the data: bars (regions, peers), the gap's markers, or scatter points.
        page.wait_for_selector(
            f"{CHART} .barlayer .point, {CHART} .scatterlayer .point", timeout=30_000
        )
        assert page.locator('[data-testid="stException"]').count() == 0, path
        assert page.locator('[data-testid="stDataFrame"]').count() >= 1, path
        assert page.get_by_role("button", name="Download this table (CSV)").count() == 1, path
        assert path in page.url, path
        page.screenshot(path=str(SCREENSHOTS / f"analysis-{path}.png"), full_page=True)
    if path == "cohort-2-to-5":
        points = page.locator(f"{CHART} .scatterlayer .point").count()
        assert points >= 137  # 136 areas + England (fit band and line are paths, not points)
    assert watched_page.outside_requests == []
    assert watched_page.app_errors() == []
