"""A real browser behind the load balancer: its process dies, it reconnects to the other one
and the page renders again from the URL (deploy/launch.py + HAProxy, two processes)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import ends_a_run
from tests.serve.cluster import COOKIE, require_haproxy, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]

APP = '[data-testid="stApp"]'
LINK = "/compare?indicator=eyfsp_gld&area=E06000005"


def sticky_cookie(context) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == COOKIE)


def wait_rendered(page) -> None:
    page.wait_for_selector(
        f'{APP}[data-test-connection-state="CONNECTED"][data-test-script-state="notRunning"]',
        timeout=60_000,
    )
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=60_000)


def test_killed_process_moves_the_browser_to_the_other_and_the_page_renders_again(browser):
    require_haproxy()
    with serve.Cluster(2) as cluster:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(f"{cluster.url}{LINK}")
        wait_rendered(page)
        assert page.get_by_text("Page not found").count() == 0  # processes are warmed up
        title = page.locator("h1").first.inner_text()
        assert "Compare areas" in title
        assert page.get_by_role("radio", name="95%", exact=True).is_checked()
        first = sticky_cookie(context)
        assert first in ("st1", "st2")

        with page.expect_websocket(timeout=60_000) as reconnected:
            cluster.kill(cluster.names.index(first))
        new_socket = reconnected.value
        page.wait_for_selector(f'{APP}[data-test-connection-state="CONNECTED"]', timeout=60_000)
        # Streamlit's front end does not rerun on a reconnect (it expects the same server to
        # still hold its session); the next click does, with the URL, and the other process,
        # which has never seen this user, must draw the page from it.
        with new_socket.expect_event("framereceived", predicate=ends_a_run, timeout=60_000):
            page.get_by_text("99.8%", exact=True).click()
        wait_rendered(page)
        other = "st2" if first == "st1" else "st1"
        assert sticky_cookie(context) == other  # the proxy moved the browser and said so
        query = parse_qs(urlsplit(page.url).query)
        assert urlsplit(page.url).path == "/compare"
        assert {k: query[k] for k in ("indicator", "area")} == {
            "indicator": ["eyfsp_gld"],
            "area": ["E06000005"],
        }
        assert page.locator("h1").first.inner_text() == title  # the same view
        # A reload (a new session) reaches the live process and shows the view from the URL.
        page.reload()
        wait_rendered(page)
        assert page.locator("h1").first.inner_text() == title
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.get_by_text("Page not found").count() == 0
        context.close()
