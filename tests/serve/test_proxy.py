"""The serving set-up (deploy/launch.py + HAProxy) with two real Streamlit processes."""

from __future__ import annotations

import asyncio
import gzip
import os
import queue
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import websockets

from indicators import paths
from tests.serve.cluster import COOKIE, get, require_haproxy, serve, set_cookie

sys.path.insert(0, str(paths.PROJECT_ROOT / "benchmarks"))

from protocol_load import run_once

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("processes", [1, 3])
def test_generated_config_passes_haproxy_check(processes):
    require_haproxy()
    text = serve.render_config([9001 + i for i in range(processes)], port=9000)
    # One sticky server line per process, and the same processes for static files.
    assert re.findall(r"^    server (st\d+) 127\.0\.0\.1:(\d+) cookie (st\d+)$", text, re.M) == [
        (f"st{i}", str(9000 + i), f"st{i}") for i in range(1, processes + 1)
    ]
    assert len(re.findall(r"track streamlit/st\d+$", text, re.M)) == processes
    assert "option httpchk GET /_stcore/health" in text
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "haproxy.cfg"
        path.write_text(text)
        serve.check_config(path)  # raises if haproxy -c rejects it


def test_a_broken_config_is_rejected():
    require_haproxy()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "haproxy.cfg"
        path.write_text("backend b\n    server x 127.0.0.1:1 no-such-keyword\n")
        with pytest.raises(RuntimeError, match="haproxy -c rejected"):
            serve.check_config(path)


@pytest.fixture(scope="module")
def cluster():
    require_haproxy()
    with serve.Cluster(2) as running:
        yield running


def test_both_processes_serve(cluster):
    for index in range(2):  # each process on its own
        assert get(f"{cluster.backend_url(index)}/_stcore/health")[2] == b"ok"
    served = set()
    for _ in range(8):  # new visitors (no cookie) are spread over both
        status, headers, body = get(f"{cluster.url}/")
        assert status == 200 and b"<html" in body.lower()
        assert set_cookie(headers) == headers["X-Served-By"]
        served.add(headers["X-Served-By"])
    assert served == {"st1", "st2"}


def test_a_cookie_pins_a_client_to_one_process(cluster):
    for name in ("st1", "st2"):
        for path in ("/", "/_stcore/health", "/_stcore/host-config", "/compare"):
            status, headers, _ = get(f"{cluster.url}{path}", cookie=name)
            assert status == 200
            assert headers["X-Served-By"] == name
            assert set_cookie(headers) is None  # a valid cookie is kept as it is


def test_static_files_are_gzipped_and_cacheable(cluster):
    original = (paths.PROJECT_ROOT / "data" / "boundaries_ctyua_2023.geojson").read_bytes()
    _, headers, body = get(f"{cluster.url}/app/static/boundaries_ctyua_2023.geojson", gzip=True)
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == original
    assert len(body) < len(original) / 2
    assert headers["Cache-Control"] == "public, max-age=3600"
    assert set_cookie(headers) is None  # no cookie, so caches may keep it
    _, plain_headers, plain = get(f"{cluster.url}/app/static/boundaries_ctyua_2023.geojson")
    assert plain == original and plain_headers.get("Content-Encoding") is None


def in_own_loop(coroutine):
    """asyncio.run in a thread of its own: Playwright's sync API may hold this thread's loop."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def first_run(url: str, cookie: str, query: str) -> tuple[float, int]:
    async with websockets.connect(
        f"{url.replace('http', 'ws')}/_stcore/stream",
        subprotocols=["streamlit"],
        additional_headers={"Cookie": f"{COOKIE}={cookie}"},
        max_size=None,
        open_timeout=60,
    ) as socket:
        return await run_once(socket, query, 120)  # raises if the page shows an exception


def test_a_killed_process_moves_its_client_to_the_other():
    require_haproxy()
    with serve.Cluster(2) as cluster:
        in_own_loop(first_run(cluster.url, "st1", "indicator=eyfsp_gld&area=E06000005"))
        cluster.kill(0)
        # The client's next request still names st1: the proxy sends it to st2 and says so.
        _, headers, body = get(f"{cluster.url}/_stcore/health", cookie="st1")
        assert body == b"ok"
        assert headers["X-Served-By"] == "st2"
        assert set_cookie(headers) == "st2"
        # A new websocket session there runs the page for the same link, with no exception.
        _, received = in_own_loop(
            first_run(cluster.url, "st2", "indicator=eyfsp_gld&area=E06000005")
        )
        assert received > 1000


def test_the_launcher_restarts_a_dead_process_and_stops_everything_on_sigterm(tmp_path):
    require_haproxy()
    port = serve.free_port()
    pid_file = tmp_path / "serve.pid"
    launcher = subprocess.Popen(
        [
            sys.executable,
            str(paths.PROJECT_ROOT / "deploy" / "launch.py"),
            "--processes",
            "2",
            "--port",
            str(port),
            "--pid-file",
            str(pid_file),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put(text) for text in launcher.stdout], daemon=True
    ).start()

    def wait_for_line(text: str, timeout: float = 90) -> str:
        deadline = time.monotonic() + timeout
        while True:  # queue.get raises queue.Empty (the test fails) when nothing comes in time
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            if text in line:
                return line

    try:
        line = wait_for_line("Serving the dashboard")
        backends = [int(p) for p in re.search(r"ports ([\d, ]+)\)", line)[1].split(", ")]
        assert pid_file.read_text().strip() == str(launcher.pid)
        url = f"http://127.0.0.1:{port}"
        assert get(f"{url}/_stcore/health")[2] == b"ok"

        victim = next(
            p for p in children_of(launcher.pid) if f"--server.port {backends[0]}" in p[1]
        )
        os.kill(victim[0], signal.SIGKILL)
        wait_for_line("had exited: started again", timeout=60)
        assert get(f"http://127.0.0.1:{backends[0]}/_stcore/health")[2] == b"ok"

        children = [pid for pid, _ in children_of(launcher.pid)]
        launcher.send_signal(signal.SIGTERM)
        assert launcher.wait(timeout=30) == 0
        assert not pid_file.exists()
        for pid in children:  # HAProxy and every Streamlit process are gone
            assert (
                not Path(f"/proc/{pid}").exists()
                or "zombie" in Path(f"/proc/{pid}/status").read_text()
            )
        with pytest.raises(OSError):
            get(f"{url}/_stcore/health")
    finally:
        if launcher.poll() is None:
            launcher.kill()
            launcher.wait()


def children_of(parent: int) -> list[tuple[int, str]]:
    """(pid, command line) of the direct children of `parent`, read from /proc."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line
            )
            if int(fields.get("PPid", "0")) == parent:
                command = (status.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                found.append((int(status.parent.name), command))
        except (OSError, ValueError):
            continue
    return found
