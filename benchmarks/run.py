"""Benchmarks of the running dashboard, measured the same way every time.

    python benchmarks/run.py [--sessions 50] [--load-seconds 120] [--repeat 5]

Starts the app on 127.0.0.1 with `streamlit run`, drives Debian's headless Chromium through
Playwright, prints each figure against its target and writes them all to
benchmarks/results.json. Nothing leaves the machine; the load test stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import pages as registry  # noqa: E402  (needs the project root on sys.path)

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
]
APP = '[data-testid="stApp"]'
IDLE = f'{APP}[data-test-script-state="notRunning"]'
#: The SVG map drawn (the Map and Services pages).
MAP = '[data-testid="stPlotlyChart"] .choroplethlayer path'
CHART = '[data-testid="stPlotlyChart"] .main-svg, [data-testid="stPlotlyChart"] .maplibregl-canvas'
PAGES = {entry.url_path: entry.path for entry in registry.PAGES}
TARGETS = {
    "in_app_navigation_to_map_s": 0.5,
    "fresh_browser_map_drawn_s": 2.5,
    "indicator_change_map_redrawn_s": 0.5,
    "websocket_bytes_per_rerun": 50_000,
    "ram_per_extra_session_mb": 2.0,
    "load_p95_rerun_s": 1.5,
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(script: Path, port: int, *flags: str) -> subprocess.Popen:
    return subprocess.Popen(
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
            *flags,
        ],
        cwd=script.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_healthy(url: str, timeout: float = 60) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read().decode().strip() == "ok":
                    return time.perf_counter() - start
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("server did not become healthy")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def median(values: list[float]) -> float:
    return round(statistics.median(values), 3) if values else float("nan")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3)


def open_and_time(browser, url: str, selector: str) -> float:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(selector, timeout=60_000)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def wait_rerun(page) -> None:
    page.wait_for_timeout(30)
    page.wait_for_selector(IDLE, timeout=60_000)


def choose_indicator(page, words: str) -> None:
    box = page.get_by_role("combobox", name="Indicator (grouped by theme)")
    box.click()
    page.keyboard.type(words)
    page.keyboard.press("Enter")


def measure(args: argparse.Namespace) -> dict:
    from playwright.sync_api import sync_playwright

    results: dict[str, object] = {
        "machine": {
            "cores": __import__("os").cpu_count(),
            "python": platform.python_version(),
            "when": time.strftime("%Y-%m-%d %H:%M"),
        },
        "targets": TARGETS,
    }
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)

        # Cold start: `streamlit run` -> first map drawn in a browser.
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        started = time.perf_counter()
        server = start_server(ROOT / "serve.py", port)
        try:
            health = wait_healthy(url)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url)
            page.wait_for_selector(MAP, timeout=90_000)
            results["cold_start_s"] = round(time.perf_counter() - started, 3)
            results["cold_health_s"] = round(health, 3)
            page.close()

            # Warm: each page in a fresh browser context.
            warm = {}
            for name, path in PAGES.items():
                selector = (
                    "h1" if name == "about" else {"map": MAP, "services": MAP}.get(name, CHART)
                )
                warm[name] = median(
                    [
                        open_and_time(browser, f"{url}{path}?area=E06000005", selector)
                        for _ in range(args.repeat)
                    ]
                )
            results["fresh_browser_page_drawn_s"] = warm
            results["fresh_browser_map_drawn_s"] = warm["map"]

            # In-app navigation to the map, and indicator changes with their payload.
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            frames: list[int] = []
            page.on(
                "websocket",
                lambda ws: ws.on("framereceived", lambda payload: frames.append(len(payload))),
            )
            page.goto(f"{url}/trends?area=E06000005")
            page.wait_for_selector(CHART, timeout=60_000)
            navigation = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                page.get_by_role("link", name="Map").click()
                page.wait_for_selector(MAP, timeout=60_000)
                wait_rerun(page)
                navigation.append(time.perf_counter() - start)
                page.get_by_role("link", name="Trends").click()
                page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=60_000)
                wait_rerun(page)
            results["in_app_navigation_to_map_s"] = median(navigation)
            page.get_by_role("link", name="Map").click()
            page.wait_for_selector(MAP, timeout=60_000)
            wait_rerun(page)

            redraw, payload = [], []
            for step in range(args.repeat * 2):
                words, title = (
                    ("communication", "ASQ-3 communication")
                    if step % 2 == 0
                    else ("good level", "Good level of development at 5")
                )
                frames.clear()
                start = time.perf_counter()
                choose_indicator(page, words)
                page.wait_for_timeout(30)
                page.wait_for_selector(IDLE, timeout=60_000)
                page.wait_for_function(
                    "t => [...document.querySelectorAll('[data-testid=stPlotlyChart] .gtitle')].some(e => e.textContent.includes(t))",
                    arg=title,
                    timeout=30_000,
                )
                redraw.append(time.perf_counter() - start)
                page.wait_for_timeout(300)
                payload.append(sum(frames))
            results["indicator_change_map_redrawn_s"] = median(redraw)
            results["websocket_bytes_per_rerun"] = int(statistics.median(payload))
            context.close()

            boundary = (ROOT / "data" / "boundaries_ctyua_2023.geojson").read_bytes()
            with urllib.request.urlopen(
                f"{url}/app/static/boundaries_ctyua_2023.geojson"
            ) as answer:
                served = answer.read()
                encoding = answer.headers.get("Content-Encoding", "identity")
            results["boundary_file"] = {
                "bytes_served": len(served),
                "content_encoding": encoding,
                "bytes_if_gzipped": len(gzip.compress(boundary, 6)),
                "sent": "once per browser (static file), not per rerun",
            }

            # Memory: one session, then twenty open sessions.
            one = browser.new_context()
            one.new_page().goto(url)
            one.pages[0].wait_for_selector(MAP, timeout=60_000)
            time.sleep(2)
            rss_one = rss_mb(server.pid)
            contexts = [one]
            for _ in range(19):
                context = browser.new_context()
                context.new_page().goto(url)
                context.pages[0].wait_for_selector(MAP, timeout=90_000)
                contexts.append(context)
            time.sleep(2)
            rss_twenty = rss_mb(server.pid)
            results["server_rss_mb"] = {
                "one_session": round(rss_one, 1),
                "twenty_sessions": round(rss_twenty, 1),
            }
            results["ram_per_extra_session_mb"] = round((rss_twenty - rss_one) / 19, 2)
            for context in contexts:
                context.close()
        finally:
            server.terminate()
            server.wait(timeout=20)

        # The floor: the same map figure in a static HTML file, no server.
        results["static_html_map_drawn_s"] = static_floor(browser, args.repeat)
        results["ratio_to_static_floor"] = round(
            results["fresh_browser_map_drawn_s"] / results["static_html_map_drawn_s"], 2
        )

        # A bare Streamlit page with one bar chart: what Streamlit costs on its own.
        port = free_port()
        bare = start_server(ROOT / "benchmarks" / "bare_app.py", port)
        try:
            wait_healthy(f"http://127.0.0.1:{port}")
            results["bare_streamlit_chart_drawn_s"] = median(
                [
                    open_and_time(browser, f"http://127.0.0.1:{port}/", CHART)
                    for _ in range(args.repeat)
                ]
            )
        finally:
            bare.terminate()
            bare.wait(timeout=20)
        browser.close()

    return results


def static_floor(browser, repeat: int) -> float:
    from indicators import data, figures, views
    from indicators.state import Selection

    indicators, areas, neighbours = (
        data.read_indicators(),
        data.read_areas(),
        data.read_neighbours(),
    )
    options = views.selection_options(indicators, areas)
    selection = Selection(period=options.default_period_of["eyfsp_gld"], area="E06000005")
    figure = figures.figure_for_map(
        views.map_view(indicators, areas, neighbours, selection),
        data.read_map_boundaries(),
        indicator_id="eyfsp_gld",
        period=selection.period,
        selected_area="E06000005",
        renderer="webgl",  # a file:// page cannot fetch the geo map's topojson
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "map.html"
        path.write_text(figure.to_html(include_plotlyjs=True, full_html=True), encoding="utf-8")
        return median(
            [open_and_time(browser, path.as_uri(), ".maplibregl-canvas") for _ in range(repeat)]
        )


async def load_test(sessions: int, seconds: float, think: float) -> dict:
    """N concurrent sessions over Streamlit's own websocket protocol (no browser, so the
    server is measured, not Chromium), each rerunning the app about once a second."""
    from protocol_load import load

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_server(ROOT / "serve.py", port)
    try:
        wait_healthy(url)
        rss_start = rss_mb(server.pid)
        outcome = await load(url, sessions=sessions, seconds=seconds, pause=think)
        rss_end = rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=20)
    durations = outcome["durations"]
    return {
        "client": "protocol-level (websocket, Streamlit protobuf messages)",
        "sessions": sessions,
        "seconds": seconds,
        "think_time_s": think,
        "reruns": len(durations),
        "reruns_per_second": round(len(durations) / seconds, 2),
        "errors": len(outcome["errors"]),
        "error_examples": outcome["errors"][:3],
        "p50_rerun_s": percentile(durations, 0.5),
        "p95_rerun_s": percentile(durations, 0.95),
        "median_bytes_per_full_rerun": int(statistics.median(outcome["sizes"]))
        if outcome["sizes"]
        else 0,
        "server_rss_mb_start": round(rss_start, 1),
        "server_rss_mb_end": round(rss_end, 1),
    }


async def post_script_gc(seconds: float, soak_sessions: int, soak_seconds: float) -> dict:
    """Streamlit's ``runner.postScriptGC`` (a full ``gc.collect`` after every script run),
    measured both ways on the same reruns, then a soak with it off: memory must stay flat."""
    from paint import cpu_seconds
    from protocol_load import load

    figures: dict[str, object] = {}
    for setting in ("true", "false"):
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        server = start_server(ROOT / "serve.py", port, "--runner.postScriptGC", setting)
        try:
            wait_healthy(url)
            await load(url, sessions=1, seconds=3, pause=0.1)  # warm caches and imports
            cpu = cpu_seconds(server.pid)
            outcome = await load(url, sessions=1, seconds=seconds, pause=0.1)
            cpu = cpu_seconds(server.pid) - cpu
        finally:
            server.terminate()
            server.wait(timeout=20)
        reruns = len(outcome["durations"])
        figures[f"gc_{'on' if setting == 'true' else 'off'}"] = {
            "reruns": reruns,
            "p50_rerun_s": percentile(outcome["durations"], 0.5),
            "p95_rerun_s": percentile(outcome["durations"], 0.95),
            "server_cpu_per_rerun_s": round(cpu / max(reruns, 1), 4),
        }

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_server(ROOT / "serve.py", port, "--runner.postScriptGC", "false")
    samples: list[float] = []

    async def sample() -> None:
        while True:
            samples.append(round(rss_mb(server.pid), 1))
            await asyncio.sleep(5)

    try:
        wait_healthy(url)
        sampler = asyncio.create_task(sample())
        outcome = await load(url, sessions=soak_sessions, seconds=soak_seconds, pause=0.5)
        sampler.cancel()
        samples.append(round(rss_mb(server.pid), 1))
    finally:
        server.terminate()
        server.wait(timeout=20)
    half = len(samples) // 2
    growth = samples[-1] - max(samples[: half + 1])
    figures["soak_gc_off"] = {
        "sessions": soak_sessions,
        "seconds": soak_seconds,
        "reruns": len(outcome["durations"]),
        "errors": len(outcome["errors"]),
        "rss_mb_every_5_s": samples,
        "rss_growth_second_half_mb": round(growth, 1),
        "flat": growth < 10,
    }
    return figures


def report(results: dict) -> None:
    lower_is_better = {
        "in_app_navigation_to_map_s",
        "fresh_browser_map_drawn_s",
        "indicator_change_map_redrawn_s",
        "websocket_bytes_per_rerun",
        "ram_per_extra_session_mb",
        "load_p95_rerun_s",
    }
    print(f"{'figure':40} {'measured':>14} {'target':>10}  met")
    for key, value in results.items():
        if isinstance(value, dict):
            print(f"{key:40} {json.dumps(value)}")
            continue
        target = TARGETS.get(key)
        met = (
            ""
            if target is None
            else ("yes" if key in lower_is_better and value <= target else "NO")
        )
        print(f"{key:40} {value!s:>14} {target if target is not None else '':>10}  {met}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--load-seconds", type=float, default=120)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--think",
        type=float,
        default=5.0,
        help="seconds each simulated user waits between interactions",
    )
    parser.add_argument(
        "--only-load",
        action="store_true",
        help="rerun only the load test, keeping the other figures",
    )
    parser.add_argument(
        "--only-gc",
        action="store_true",
        help="measure only runner.postScriptGC on and off, and the soak, keeping the rest",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.json")
    args = parser.parse_args()
    if args.only_gc:
        results = json.loads(args.out.read_text()) if args.out.exists() else {}
        results["post_script_gc"] = asyncio.run(post_script_gc(20, 10, 120))
        args.out.write_text(json.dumps(results, indent=2) + "\n")
        print(json.dumps(results["post_script_gc"], indent=2))
        return
    results = (
        json.loads(args.out.read_text()) if args.only_load and args.out.exists() else measure(args)
    )
    single = asyncio.run(load_test(1, 15, 0.2))
    results["server_rerun_s"] = single["p50_rerun_s"]
    results["load"] = asyncio.run(load_test(args.sessions, args.load_seconds, args.think))
    results["load_p95_rerun_s"] = results["load"]["p95_rerun_s"]
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    report(results)
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
