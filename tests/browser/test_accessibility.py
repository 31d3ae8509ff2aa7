"""axe-core on every page (WCAG 2.2 AA rules), and a keyboard-only walk through the main flow."""

from __future__ import annotations

import json

import pytest

from indicators import paths
from tests.browser.conftest import NO_CHART_PAGES, SCREENSHOTS, serve
from tests.browser.test_pages import PAGES

pytestmark = pytest.mark.browser
FAILING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture(scope="module")
def bare_app_url():
    """A bare Streamlit page (benchmarks/bare_app.py): what Streamlit itself brings."""
    with serve(paths.PROJECT_ROOT / "benchmarks" / "bare_app.py") as url:
        yield url


def violations(axe, watched_page, url: str, *, charts: int = 1) -> list[dict]:
    watched_page.open(url)
    watched_page.wait_for_charts(minimum=charts)
    options = {
        "resultTypes": ["violations"],
        "runOnly": {
            "type": "tag",
            "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
        },
    }
    return axe.run(watched_page.page, options=options).response["violations"]


def test_no_serious_violations_of_our_own(axe, app_url, bare_app_url, watched_page):
    baseline = {v["id"] for v in violations(axe, watched_page, bare_app_url)}
    report = {"streamlit_baseline": sorted(baseline), "pages": {}}
    ours = []
    for name, path in PAGES.items():
        found = violations(
            axe,
            watched_page,
            f"{app_url}{path}?area=E06000005",
            charts=int(name not in NO_CHART_PAGES),
        )
        report["pages"][name] = [
            {"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"])} for v in found
        ]
        ours += [
            f"{name}: {v['id']} ({v['impact']})"
            for v in found
            if v["impact"] in FAILING_IMPACTS and v["id"] not in baseline
        ]
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / "axe.json").write_text(json.dumps(report, indent=2))
    assert ours == []


def test_keyboard_only_walk_through(app_url, watched_page):
    """Choose an indicator and an area, reach the table and download it, keys only."""
    page = watched_page.page
    watched_page.open(f"{app_url}/")
    indicator = page.get_by_role("combobox", name="Indicator (grouped by theme)")
    indicator.focus()
    page.keyboard.press("Enter")
    page.keyboard.type("communication")
    page.keyboard.press("Enter")
    watched_page.wait_until_idle()
    page.wait_for_function(
        "() => location.search.includes('indicator=asq3_communication')", timeout=30_000
    )
    area = page.get_by_role("combobox", name="My area (type to search)")
    area.focus()
    page.keyboard.type("Darlington")
    page.keyboard.press("Enter")
    watched_page.wait_until_idle()
    page.wait_for_function("() => location.search.includes('area=E06000005')", timeout=30_000)
    button = page.get_by_role("button", name="Download this table (CSV)")
    for _ in range(200):  # Tab forward until the download button has focus
        page.keyboard.press("Tab")
        if button.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("the download button cannot be reached with Tab")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    assert download_info.value.suggested_filename.startswith("asq3_communication_2021-22")
