"""A shared deep link is the FIRST request to a freshly started server: it must open the
right page, with the sidebar and without Streamlit's "Page not found" dialog.

A test that opens "/" first never sees the fresh-server case (Streamlit's legacy ``pages/``
mode lasts until ``st.navigation`` first runs), so every case starts its own server.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

import pages as registry
from indicators import paths
from tests.browser.conftest import serve

pytestmark = pytest.mark.browser

APP = '[data-testid="stApp"]'
ACTIVE_LINK = '[data-testid="stSidebarNavLink"][aria-current="page"]'


@pytest.mark.parametrize("entry", registry.PAGES, ids=lambda entry: entry.url_path)
def test_first_request_to_a_fresh_server_is_a_deep_link(browser, entry):
    with serve(paths.PROJECT_ROOT / "serve.py") as url:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        try:
            page.goto(f"{url}{entry.path}?area=E06000005")
            page.wait_for_selector(f'{APP}[data-test-connection-state="CONNECTED"]')
            page.wait_for_selector("h1", timeout=60_000)
            page.wait_for_selector(f'{APP}[data-test-script-state="notRunning"]')
            page.wait_for_selector(ACTIVE_LINK, timeout=30_000)

            assert page.get_by_role("dialog").count() == 0
            assert page.get_by_text("Page not found").count() == 0
            assert page.locator(ACTIVE_LINK).inner_text().strip() == entry.title
            assert urlsplit(page.url).path == entry.path
            assert "area=E06000005" in page.url
            # The sidebar's shared selectors (a page may rerun once to write its own URL keys,
            # e.g. the presentation's deck, so wait for them rather than count at one instant).
            page.wait_for_function(
                "() => document.querySelectorAll("
                "'[data-testid=stSidebar] [data-testid=stSelectbox]').length >= 5",
                timeout=30_000,
            )
        finally:
            context.close()
