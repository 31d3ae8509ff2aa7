"""Services map: SVG (``geo``) or WebGL (``map``) with ~3,700 service points on top?

Draws the Services page's figure both ways in static HTML pages (no server; boundaries and
plotly's topojson from local files) and times, in headless Chromium, from navigation to the
figure painted (median of ``--repeat``). Prints and returns the figures.

    python benchmarks/services_renderer.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from paint import PAINTED_JS, TWO_FRAMES_JS  # noqa: E402
from run import ARGS, CHROMIUM  # noqa: E402


def figures_both_ways():
    from indicators import data, figures, views
    from indicators.sources.services import SERVICE_TYPES
    from indicators.state import Selection

    indicators, areas, neighbours = (
        data.read_indicators(),
        data.read_areas(),
        data.read_neighbours(),
    )
    options = views.selection_options(indicators, areas)
    selection = Selection(period=options.default_period_of["eyfsp_gld"])
    table = views.map_view(indicators, areas, neighbours, selection)
    boundaries = data.read_map_boundaries()
    types = ["childrens_centre", "family_hub", "ni_sure_start"]
    points = views.service_points(data.read_service_sites(), types=types)
    out = {}
    for renderer in ("svg", "webgl"):
        figure = figures.figure_for_map(
            table,
            boundaries,
            indicator_id="eyfsp_gld",
            period=selection.period,
            renderer=renderer,
            box=figures.box_around(figures.boundary_boxes(boundaries), table["area_code"]),
        )
        if renderer == "webgl":
            figures.add_service_points(figure, points, labels=SERVICE_TYPES)
        else:
            import plotly.graph_objects as go

            for service_type, part in points.groupby("service_type", sort=False):
                figure.add_trace(
                    go.Scattergeo(
                        lat=part["lat"],
                        lon=part["lng"],
                        mode="markers",
                        marker={"size": 5},
                        name=SERVICE_TYPES.get(service_type, service_type),
                    )
                )
        out[renderer] = figure
    return out, len(points)


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    built, n_points = figures_both_ways()
    results: dict = {"service_points": n_points}
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        # Served over http (127.0.0.1): Chromium refuses fetch() of file:// topojson.
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=folder)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        (Path(folder) / "europe_110m.json").write_bytes(
            (ROOT / "topojson" / "europe_110m.json").read_bytes()
        )
        for renderer, figure in built.items():
            page_file = Path(folder) / f"{renderer}.html"
            page_file.write_text(
                figure.to_html(
                    include_plotlyjs=True,
                    full_html=True,
                    config={"topojsonURL": f"{base}/"},
                    div_id="chart",
                ).replace('class="plotly-graph-div"', 'class="plotly-graph-div js-plotly-plot"'),
                encoding="utf-8",
            )
            times = []
            for _ in range(args.repeat):
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = context.new_page()
                start = time.perf_counter()
                page.goto(f"{base}/{page_file.name}")
                page.wait_for_function(
                    PAINTED_JS.replace("[data-testid=stPlotlyChart] ", ""),
                    arg="fresh",
                    timeout=60_000,
                    polling="raf",
                )
                page.evaluate(TWO_FRAMES_JS)
                times.append(time.perf_counter() - start)
                context.close()
            results[f"{renderer}_painted_s"] = round(statistics.median(times), 3)
        browser.close()
        server.shutdown()
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
