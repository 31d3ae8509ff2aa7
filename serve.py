"""The serving entry point: ``streamlit run serve.py`` serves the frame, app.py.

Two things a plain ``streamlit run app.py`` cannot do:

- Streamlit switches a fresh server into its legacy ``pages/`` mode (a ``pages/`` folder sits
  next to the main script) until ``st.navigation`` first runs; in that mode the first request
  to a deep link such as ``/compare`` shows a "Page not found" dialog. This app navigates with
  ``st.navigation`` from its very first run, so the mode is switched off at start-up. That
  switch is Streamlit's own class attribute (no public option sets it);
  ``tests/unit/test_serve.py`` pins it.
- plotly's ``geo`` map fetches a base-map topology file even when the base map is hidden; the
  file is served from ``topojson/`` at ``/topojson/`` (real files, cacheable), so the map
  draws offline. (Streamlit's own static route serves ``static/`` = ``data/``: the map
  boundaries, gzipped by this server.)

It also serves the map's projected boundaries (``indicators.map_svg``) at
``/mapshapes/<digest>.json``: fetched once by the map component, cached by the browser (the
digest changes with the boundaries), and the component's script and stylesheet at
``/mapcomponent/``.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send
from streamlit.runtime.pages_manager import PagesManager

from indicators import loaders, map_component, map_svg
from indicators.errors import IndicatorsError
from indicators.figures import TOPOJSON_ROUTE

ROOT = Path(__file__).resolve().parent
FRAME = ROOT / "app.py"


@asynccontextmanager
async def lifespan(_app: st.App) -> AsyncIterator[None]:
    PagesManager.uses_pages_directory = False
    # Every indicator's default views, computed in the background (shared caches).
    threading.Thread(target=loaders.warm_default_views, name="warm-caches", daemon=True).start()
    yield


class Cacheable:
    """Static files with a day's ``Cache-Control`` (they change only with a deploy)."""

    def __init__(self, app: StaticFiles) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_cached(message: dict) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []),
                    (b"cache-control", b"public, max-age=86400"),
                ]
            await send(message)

        await self.app(scope, receive, send_cached)


def map_shapes(request: Request) -> Response:
    """The projected map boundaries (a plain function: Starlette runs it in a worker thread,
    the first call projects them, ~0.1 s, later calls reuse the cached shapes)."""
    try:
        shapes = loaders.map_shapes()
    except IndicatorsError:
        return Response("The map boundaries cannot be read.", status_code=503)
    if request.path_params["name"] != f"{shapes.digest}.json":
        return Response("No such map shapes.", status_code=404)
    return Response(
        map_svg.shapes_json(shapes),
        media_type="application/json",
        headers={"cache-control": "public, max-age=31536000, immutable"},
    )


app = st.App(
    FRAME,
    lifespan=lifespan,
    routes=[
        Route(f"{map_svg.SHAPES_ROUTE}{{name}}", map_shapes),
        Mount(
            map_component.ROUTE.rstrip("/"),
            app=Cacheable(StaticFiles(directory=map_component.STATIC)),
            name="mapcomponent",
        ),
        Mount(
            TOPOJSON_ROUTE.rstrip("/"),
            app=Cacheable(StaticFiles(directory=ROOT / "topojson")),
            name="topojson",
        ),
    ],
)
