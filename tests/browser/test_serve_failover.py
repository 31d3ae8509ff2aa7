"""A real browser behind the load balancer: its process dies, it reconnects to the other one
and the page renders again from the URL (deploy/serve.py + HAProxy, two processes)."""

from __future__ import annotations

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.serve.cluster import COOKIE, require_haproxy, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]

APP = '[data-testid="stApp"]'
LINK = "/compare?indicator=eyfsp_gld&area=E06000005&view=funnel"


def script_finished(payload) -> bool:
    if isinstance(payload, str):
        return False
    message = ForwardMsg()
    message.ParseFromString(payload)
    return message.WhichOneof("type") == "script_finished"


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
        finished: dict[str, int] = {}  # websocket URL + order -> script runs finished on it
        sockets = []

        def on_websocket(ws) -> None:
            key = f"{len(sockets)}"
            sockets.append(ws)
            finished[key] = 0

            def count(payload) -> None:
                if script_finished(payload):
                    finished[key] += 1

            ws.on("framereceived", count)

        page.on("websocket", on_websocket)
        page.goto(f"{cluster.url}{LINK}")
        wait_rendered(page)
        title = page.locator("h1").first.inner_text()
        assert "Compare areas" in title
        assert page.get_by_role("radio", name="Funnel plot").is_checked()
        first = sticky_cookie(context)
        assert first in ("st1", "st2")
        assert finished["0"] >= 1

        with page.expect_websocket(timeout=60_000) as reconnected:
            cluster.kill(cluster.names.index(first))
        new_socket = reconnected.value
        key = str(sockets.index(new_socket))
        if finished[key] == 0:  # wait for the new session's first run, unless already seen
            new_socket.wait_for_event("framereceived", predicate=script_finished, timeout=60_000)
        wait_rendered(page)

        other = "st2" if first == "st1" else "st1"
        assert sticky_cookie(context) == other  # the proxy moved the browser and said so
        assert page.url.endswith(LINK)
        assert page.locator("h1").first.inner_text() == title  # the same view, from the URL
        assert page.get_by_role("radio", name="Funnel plot").is_checked()
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.get_by_text("Page not found").count() == 0
        context.close()
