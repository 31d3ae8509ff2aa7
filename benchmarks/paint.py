"""Per-page browser timings against the bare one-chart Streamlit page, in one run.

For every page, and for the bare page (benchmarks/bare_app.py):
- fresh browser (new context, warm server) -> every chart painted;
- indicator change (the bare page: its selectbox) -> every chart repainted;
- server CPU (user + system time of the server process) per such rerun;
- websocket bytes per such rerun: as the browser receives them (decompressed) and on the
  wire (the TCP bytes the server sent, by `ss`: after the websocket's compression).

"Painted" means: each plotly chart has been (re)drawn by plotly (its ``_fullData`` is new),
a WebGL map (``map`` subplot) reports its style and tiles loaded, a ``geo`` choropleth has
its paths, the map component (``indicators/map_component``) has its paths drawn and has
applied a new payload (its ``data-rendered`` count moved), and then two animation frames
have passed (the browser has painted).
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

APP = '[data-testid="stApp"]'
IDLE = f'{APP}[data-test-script-state="notRunning"]'

#: True when every plotly chart on the page is drawn. ``mode``: "fresh" needs at least one
#: chart; "change" needs one redrawn since ``window.__before`` was taken; "settled" takes
#: the page as it is (no chart at all is fine).
PAINTED_JS = """
(mode) => {
  const requireChange = mode === 'change';
  const charts = [...document.querySelectorAll('[data-testid=stPlotlyChart] .js-plotly-plot')];
  const maps = [...document.querySelectorAll('.eyi-map')];
  if (charts.length === 0 && maps.length === 0) return mode === 'settled';
  const before = window.__before || [];
  let changed = false;
  for (const gd of charts) {
    const layout = gd._fullLayout;
    if (!layout || !gd._fullData || !gd.querySelector('.main-svg')) return false;
    if (!before.includes(gd._fullData)) changed = true;
    for (const key of Object.keys(layout)) {
      if (/^map\\d*$/.test(key) && layout[key] && layout[key]._subplot) {
        const map = layout[key]._subplot.map;
        if (!map || !map.loaded() || !map.isStyleLoaded() || !map.areTilesLoaded()) return false;
      }
    }
    // A geo choropleth is drawn once its topojson and GeoJSON have arrived: its paths exist.
    const choropleths = gd._fullData.filter(t => t.type === 'choropleth' && t.visible !== false);
    if (choropleths.length && !gd.querySelector('.choroplethlayer path')) return false;
  }
  // The dashboard's map component: its paths are drawn and coloured ("painted"), and it
  // counts the payloads it has applied ("rendered"): a new count is a recolouring.
  const beforeMaps = window.__beforeMaps || [];
  maps.forEach((map, i) => {
    if (map.dataset.state !== 'painted' || !map.querySelector('path')) changed = null;
    else if (map.dataset.rendered !== beforeMaps[i]) changed = changed === null ? null : true;
  });
  if (changed === null) return false;
  return changed || !requireChange;
}
"""
REMEMBER_JS = """
() => {
  window.__before = [...document.querySelectorAll(
    '[data-testid=stPlotlyChart] .js-plotly-plot')].map(gd => gd._fullData);
  window.__beforeMaps = [...document.querySelectorAll('.eyi-map')].map(m => m.dataset.rendered);
}
"""
TWO_FRAMES_JS = (
    "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))"
)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (and its reaped children), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = sum(int(value) for value in fields[11:15])
    return ticks / os.sysconf("SC_CLK_TCK")


def wire_bytes(port: int) -> int | None:
    """Bytes the server at ``port`` has sent (and had acknowledged) on its open TCP
    connections, by ``ss``: what crossed the network, after the websocket's compression
    (the browser's frames are counted after decompression). None without ``ss``."""
    try:
        out = subprocess.run(
            ["ss", "-tinH", "state", "established", f"( sport = :{port} )"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return sum(int(sent) for sent in re.findall(r"bytes_acked:(\d+)", out))


def median(values: list[float]) -> float:
    return round(statistics.median(values), 3) if values else float("nan")


def wait_painted(page, *, has_chart: bool, timeout_ms: int = 60_000, mode: str = "fresh") -> None:
    page.wait_for_selector(IDLE, timeout=timeout_ms)
    if has_chart:
        page.wait_for_function(PAINTED_JS, arg=mode, timeout=timeout_ms, polling="raf")
    else:
        page.wait_for_selector("h1", timeout=timeout_ms)
    page.evaluate(TWO_FRAMES_JS)


def fresh_paint(browser, url: str, *, has_chart: bool, viewport: dict) -> float:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_selector(f'{APP}[data-test-connection-state="CONNECTED"]', timeout=60_000)
        wait_painted(page, has_chart=has_chart)
        return time.perf_counter() - start
    finally:
        context.close()


def change_and_repaint(
    page, change, *, has_chart: bool, pid: int, frames: list[int], port: int | None = None
) -> dict:
    """Make ``change`` (a :class:`Choice`); time it from the moment it is committed (the
    Enter key) to the repaint, with the server CPU and bytes it cost (the websocket's
    messages as the page receives them, and, given the server's ``port``, on the wire)."""
    change.prepare(page)
    page.evaluate(REMEMBER_JS)
    frames.clear()
    sent = wire_bytes(port) if port else None
    cpu = cpu_seconds(pid)
    start = time.perf_counter()
    change.commit(page)
    page.wait_for_timeout(30)
    page.wait_for_selector(IDLE, timeout=60_000)
    idle = time.perf_counter() - start
    try:
        wait_painted(page, has_chart=has_chart, timeout_ms=5_000, mode="change")
        repainted, elapsed = True, time.perf_counter() - start
    except Exception:  # no chart on the page depends on the change (e.g. Area profile)
        wait_painted(page, has_chart=has_chart, mode="settled")
        repainted, elapsed = False, idle
    page.wait_for_timeout(300)  # let trailing messages and the server's GC finish
    cpu = cpu_seconds(pid) - cpu
    after = wire_bytes(port) if sent is not None else None
    return {
        "seconds": elapsed,
        "cpu_s": cpu,
        "bytes": sum(frames),
        "wire_bytes": after - sent if after is not None else None,
        "repainted": repainted,
    }


class Choice:
    """Choose ``words`` in the selectbox ``label``: ``prepare`` opens it and types (not timed:
    typing into a long list of options takes the browser 0.2-0.5 s, which is the selectbox's
    and not the page's response); ``commit`` presses Enter (the change the timer measures)."""

    def __init__(self, label: str, words: str) -> None:
        self.label, self.words = label, words

    def prepare(self, page) -> None:
        page.get_by_role("combobox", name=self.label).click()
        page.keyboard.type(self.words)

    def commit(self, page) -> None:
        page.keyboard.press("Enter")


def wait_quiet(pid: int, *, timeout_s: float = 90.0) -> None:
    """Wait until the server is idle (under 20 ms of CPU in a second): its start-up cache
    warming runs in a background thread and would be counted as the pages' CPU."""
    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        before = cpu_seconds(pid)
        time.sleep(1.0)
        if cpu_seconds(pid) - before < 0.02:
            return


def warm_server(browser, url: str, changes: list, *, has_chart: bool, viewport: dict) -> None:
    """Make each change once (untimed) in a browser of its own."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        page.goto(url)
        wait_painted(page, has_chart=has_chart)
        for change in changes:
            change_and_repaint(page, change, has_chart=has_chart, pid=os.getpid(), frames=[])
    finally:
        context.close()


def measure_page(
    browser,
    url: str,
    *,
    pid: int,
    has_chart: bool,
    changes: list,
    repeat: int,
    viewport: dict | None = None,
) -> dict:
    """Fresh-browser paint (median of ``repeat``) and the ``changes`` cycled ``2*repeat``
    times in one browser (median time, CPU and bytes per change).

    The changes are first made once in another browser, so that the server's caches hold
    their views (start-up warms only each indicator's default view) and the CPU measured is
    a rerun's, not a first computation's; the measuring browser still sees each view for
    the first time (its bytes are not cut by Streamlit's message cache)."""
    viewport = viewport or {"width": 1400, "height": 1000}
    fresh = [
        fresh_paint(browser, url, has_chart=has_chart, viewport=viewport) for _ in range(repeat)
    ]
    warm_server(browser, url, changes[: 2 * repeat], has_chart=has_chart, viewport=viewport)
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    frames: list[int] = []
    page.on(
        "websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(len(payload)))
    )
    port = urlsplit(url).port
    try:
        page.goto(url)
        wait_painted(page, has_chart=has_chart)
        runs = [
            change_and_repaint(
                page,
                changes[step % len(changes)],
                has_chart=has_chart,
                pid=pid,
                frames=frames,
                port=port,
            )
            for step in range(2 * repeat)
        ]
    finally:
        context.close()
    return {
        "fresh_painted_s": median(fresh),
        "change_repainted_s": median([run["seconds"] for run in runs]),
        "server_cpu_per_rerun_s": median([run["cpu_s"] for run in runs]),
        "bytes_per_rerun": int(statistics.median([run["bytes"] for run in runs])),
        "wire_bytes_per_rerun": (
            int(statistics.median([run["wire_bytes"] for run in runs]))
            if all(run["wire_bytes"] is not None for run in runs)
            else None
        ),
        # False: no chart depends on the indicator, so the time is to the end of the rerun
        "charts_repainted": all(run["repainted"] for run in runs),
    }


#: Six different indicators (with local figures), so that each change in one browser is the
#: first view of its indicator: Streamlit's client keeps large messages it has seen and the
#: server then sends only a reference, so cycling between two indicators would count only
#: the first two changes' bytes.
INDICATOR_CHANGES = [
    Choice("Indicator (grouped by theme)", words)
    for words in (
        "communication",
        "good level",
        "gross motor",
        "problem solving",
        "fine motor",
        "breastfeeding",
    )
]
BARE_CHANGES = [Choice("Series", "second"), Choice("Series", "first")]


def measure_all(browser, base_url: str, pages: dict[str, str], *, pid: int, repeat: int) -> dict:
    """Every page of the dashboard at ``base_url`` (``pages``: name -> path)."""
    return {
        name: measure_page(
            browser,
            f"{base_url}{path}?area=E06000005",
            pid=pid,
            has_chart=name != "about",
            changes=INDICATOR_CHANGES,
            repeat=repeat,
        )
        for name, path in pages.items()
    }


def measure_bare(browser, base_url: str, *, pid: int, repeat: int) -> dict:
    return measure_page(
        browser, f"{base_url}/", pid=pid, has_chart=True, changes=BARE_CHANGES, repeat=repeat
    )


NO_GC_BARE = "bare_without_post_script_gc"
#: The issue's targets for the map page (issue 15), printed with the results.
TARGETS = {
    "change_ratio_to_bare": 1.3,  # stretch: 0.7
    "fresh_ratio_to_bare": 1.2,
    "server_cpu_per_rerun_s": 0.050,
    "bytes_per_rerun": 20_000,
}


def with_ratios(pages: dict, bare: dict, bare_no_gc: dict) -> dict:
    """Each page's figures plus its two timings as ratios to the bare page's, and its server
    CPU less the bare page's (with the app's runner setting)."""
    out = {}
    for name, figures in pages.items():
        out[name] = dict(figures)
        out[name]["server_cpu_net_of_bare_s"] = round(
            figures["server_cpu_per_rerun_s"] - bare_no_gc["server_cpu_per_rerun_s"], 3
        )
        out[name]["fresh_ratio_to_bare"] = round(
            figures["fresh_painted_s"] / bare["fresh_painted_s"], 2
        )
        out[name]["change_ratio_to_bare"] = round(
            figures["change_repainted_s"] / bare["change_repainted_s"], 2
        )
    return out


def main() -> None:
    """``python benchmarks/paint.py [--app LABEL=DIR/ENTRY ...] [--repeat 3] [--out F]``: the
    per-page figures alone, for one or more checkouts (e.g. the code before a change as
    ``--app before=/tmp/before/app.py --app after=serve.py``), all against the same bare page
    in one run."""
    import argparse
    import json
    import sys

    here = Path(__file__).resolve().parent
    sys.path.insert(0, str(here))
    from playwright.sync_api import sync_playwright
    from run import ARGS, CHROMIUM, free_port, start_server, wait_healthy

    parser = argparse.ArgumentParser()
    parser.add_argument("--app", action="append", default=[])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--pages", help="comma-separated page names (default: every page)")
    args = parser.parse_args()
    apps = dict(item.split("=", 1) for item in args.app) or {"app": "serve.py"}
    pages = {
        "map": "/",
        "trends": "/trends",
        "compare": "/compare",
        "profile": "/profile",
        "services": "/services",
        "four-nations": "/four-nations",
        "about": "/about",
    }
    if args.pages:
        pages = {name: pages[name] for name in args.pages.split(",")}
    results: dict = {"when": time.strftime("%Y-%m-%d %H:%M"), "apps": apps}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        # The bare page twice: as Streamlit comes (the reference for the timings), and with
        # the app's own runner setting (no gc.collect after each run: most of a bare rerun's
        # CPU), the reference for the server CPU.
        runs = [
            ("bare", here / "bare_app.py", ()),
            (NO_GC_BARE, here / "bare_app.py", ("--runner.postScriptGC", "false")),
        ] + [(label, (here.parent / entry).resolve(), ()) for label, entry in apps.items()]
        for label, script, flags in runs:
            port = free_port()
            server = start_server(script, port, *flags)
            try:
                url = f"http://127.0.0.1:{port}"
                wait_healthy(url)
                if label in ("bare", NO_GC_BARE):
                    wait_quiet(server.pid)
                    results[label] = measure_bare(browser, url, pid=server.pid, repeat=args.repeat)
                    continue
                # one visit first, so that every page starts from a warm server
                fresh_paint(
                    browser, f"{url}/", has_chart=True, viewport={"width": 1400, "height": 1000}
                )
                wait_quiet(server.pid)
                measured = measure_all(browser, url, pages, pid=server.pid, repeat=args.repeat)
                results[label] = with_ratios(measured, results["bare"], results[NO_GC_BARE])
            finally:
                server.terminate()
                server.wait(timeout=20)
        browser.close()
    text = json.dumps(results, indent=2)
    print(text)
    for label in apps:
        mapped = results.get(label, {}).get("map")
        if mapped:
            for key, target in TARGETS.items():
                verdict = "met" if mapped[key] <= target else "NOT met"
                print(f"{label} map {key}: {mapped[key]} (target <= {target}: {verdict})")
    if args.out:
        args.out.write_text(text + "\n")


if __name__ == "__main__":
    main()
