"""The four nations page in real Chromium: every cell's figure draws, offline."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

#: Cells with a figure in the shipped data, counted by hand from data/indicators.csv: birth
#: (Wales, Scotland, NI birth weight; England and Wales new birth contacts), 6–8 weeks (England
#: and Scotland breastfeeding), 1 year (Scotland, NI infant mortality), 2–2½ (Scotland
#: immunisation, England ASQ-3 use, England ASQ-3, Scotland concerns), 5 (England GLD; Wales,
#: Scotland, NI healthy weight) = 17, plus the parent-infant teams chart. More data only adds.
AT_LEAST = 18
NI_TRUST_CHART = "Northern Ireland: Infant mortality (NI trusts)"


def test_every_cell_figure_draws_offline(app_url, watched_page):
    page = watched_page.page
    watched_page.open(f"{app_url}/four-nations")
    watched_page.wait_for_charts(minimum=AT_LEAST, timeout_ms=90_000)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "four-nations-grid.png"))
    # NI's trust measure: five dots, one per HSC trust (not eleven councils)
    dots = page.evaluate(
        """(title) => {
            const gd = [...document.querySelectorAll('.js-plotly-plot')]
                .find(g => (g._fullLayout.title.text || "").includes(title));
            return gd ? gd.querySelectorAll('.boxlayer .points path').length : -1;
        }""",
        NI_TRUST_CHART,
    )
    assert dots == 5
    assert page.locator('[data-testid="stException"]').count() == 0
    assert watched_page.outside_requests == []
    assert watched_page.app_errors() == []


def test_one_stage_from_the_address(app_url, watched_page):
    page = watched_page.page
    watched_page.open(f"{app_url}/four-nations?stage=birth")
    watched_page.wait_for_charts(minimum=5)
    headers = page.locator("h2").all_inner_texts()
    assert "Birth" in headers and "5 years" not in headers
    assert "stage=birth" in page.url
