"""Real headless Chromium (Debian's, no browser download) against a real `streamlit run`."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from indicators import paths

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = paths.PROJECT_ROOT / "test-results"
#: Streamlit's own front end, opened at a page path such as /trends, first probes
#: /trends/_stcore/health and /trends/_stcore/host-config to find its base path, and logs
#: those 404s before trying the root. They are Streamlit's, not the app's.
STREAMLIT_BASE_PATH_PROBE = re.compile(
    r"^http://127\.0\.0\.1:\d+/[\w-]+/_stcore/(health|host-config)$"
)


def chromium_path() -> str | None:
    for candidate in (
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    found = chromium_path()
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(
                "Debian chromium is not installed: CI must run `apt-get install -y chromium`"
            )
        pytest.skip("chromium is not installed on this machine")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve(script: Path) -> Iterator[str]:
    """`streamlit run script` on a free 127.0.0.1 port; yields the URL once healthy."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--server.fileWatcherType",
            "none",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=script.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(f"streamlit exited: {process.stderr.read().decode()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.read().decode().strip() == "ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("streamlit did not answer its health check within 60 s")
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    with serve(paths.PROJECT_ROOT / "serve.py") as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium_executable):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_executable, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


class PageWatch:
    """A page plus what it asked the network for and what went wrong on it."""

    def __init__(self, page) -> None:
        self.page = page
        self.outside_requests: list[str] = []
        self.console_errors: list[str] = []
        self.failed_responses: list[str] = []
        page.on("request", self._request)
        page.on(
            "response", lambda r: self.failed_responses.append(r.url) if r.status >= 400 else None
        )
        page.on(
            "console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None
        )
        page.on("pageerror", lambda error: self.console_errors.append(f"page error: {error}"))
        #: Script runs whose end the page was sent (Streamlit's ``script_finished`` message),
        #: on the app's websocket (the latest: a reconnection opens another).
        self.finished_runs = 0
        self.socket = None
        page.on("websocket", self._socket)

    def _socket(self, socket) -> None:
        self.socket = socket
        socket.on("framereceived", self._frame)

    def _frame(self, payload) -> None:
        if ends_a_run(payload):
            self.finished_runs += 1

    def _request(self, request) -> None:
        url = request.url
        if url.startswith(("data:", "blob:", "about:")):
            return
        host = url.split("://", 1)[-1].split("/", 1)[0].split(":")[0]
        if host != "127.0.0.1":
            self.outside_requests.append(url)

    def app_errors(self) -> list[str]:
        """Console errors, less the 404s of Streamlit's own base-path probe."""
        probes = [u for u in self.failed_responses if STREAMLIT_BASE_PATH_PROBE.match(u)]
        others = [u for u in self.failed_responses if not STREAMLIT_BASE_PATH_PROBE.match(u)]
        errors = list(self.console_errors)
        for _ in probes:
            for i, text in enumerate(errors):
                if text.startswith("Failed to load resource") and "404" in text:
                    del errors[i]
                    break
        return errors + [f"HTTP error: {u}" for u in others]

    def runs(self) -> int:
        """Script runs the page has been told have ended. (Counted from the websocket, not
        from the page's "running" attribute: React may batch a short run's start and end
        into one update, and the attribute then never shows it.)"""
        return self.finished_runs

    def wait_until_idle(self, timeout_ms: int = 60_000, *, after: int = 0) -> None:
        """More than ``after`` script runs ended (waiting on the websocket's frames), then
        connected with none running now."""
        deadline = time.monotonic() + timeout_ms / 1000

        def left() -> float:
            remaining = (deadline - time.monotonic()) * 1000
            if remaining <= 0:
                raise TimeoutError(
                    f"no script run ended after the {after} before within {timeout_ms} ms "
                    f"({self.finished_runs} ended)"
                )
            return remaining

        while self.socket is None:
            self.page.wait_for_event("websocket", timeout=left())
        while self.finished_runs <= after:
            socket = self.socket
            try:
                socket.wait_for_event("framereceived", predicate=ends_a_run, timeout=left())
            except PlaywrightError:
                if socket is self.socket:  # not a reconnection: a real failure
                    raise
        self.page.wait_for_function(IDLE_JS, timeout=left())

    def act(self, action, timeout_ms: int = 60_000) -> None:
        """Do ``action`` (a click, a choice) and wait until the rerun it starts has ended."""
        before = self.runs()
        action()
        self.wait_until_idle(timeout_ms, after=before)

    def open(self, url: str) -> None:
        self.page.goto(url)
        self.wait_until_idle()

    def wait_for_charts(self, minimum: int = 1, timeout_ms: int = 60_000) -> None:
        """At least ``minimum`` charts on the page and every one drawn (SVG map paths in,
        WebGL map loaded, the map component painted), then two animation frames so that the
        browser has painted."""
        self.page.wait_for_function(CHARTS_DRAWN_JS, arg=minimum, timeout=timeout_ms, polling="raf")
        self.page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )


#: True when there are at least ``minimum`` charts (plotly charts and the dashboard's map
#: component) and every one is drawn.
CHARTS_DRAWN_JS = """
(minimum) => {
  const charts = document.querySelectorAll('[data-testid=stPlotlyChart] .js-plotly-plot');
  const maps = document.querySelectorAll('.eyi-map');
  if (charts.length + maps.length < minimum) return false;
  // The map component: its paths are drawn and coloured for the latest payload.
  for (const map of maps) {
    if (map.dataset.state !== 'painted' || !map.querySelector('path')) return false;
  }
  for (const gd of charts) {
    const layout = gd._fullLayout;
    if (!layout || !gd._fullData || !gd.querySelector('.main-svg')) return false;
    for (const key of Object.keys(layout)) {
      const subplot = layout[key] && layout[key]._subplot;
      if (/^map\\d*$/.test(key) && subplot) {
        const map = subplot.map;
        if (!map || !map.loaded() || !map.areTilesLoaded()) return false;
      }
    }
    // A geo choropleth is drawn once its topojson and GeoJSON have arrived: its paths exist.
    if (gd._fullData.some(t => t.type === 'choropleth')
        && !gd.querySelector('.choroplethlayer path')) return false;
  }
  return true;
}
"""
#: Pages that draw no chart when opened (the presentation page opens on a headline slide).
NO_CHART_PAGES = frozenset({"about", "presentation"})


def ends_a_run(payload) -> bool:
    """Whether a websocket frame is Streamlit's message that a script run has ended."""
    if isinstance(payload, str):
        return False
    message = ForwardMsg()
    message.ParseFromString(payload)
    return message.WhichOneof("type") == "script_finished"


IDLE_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return Boolean(app && app.dataset.testConnectionState === 'CONNECTED'
    && app.dataset.testScriptState === 'notRunning');
}
"""


@pytest.fixture
def watched_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    yield PageWatch(page)
    context.close()
