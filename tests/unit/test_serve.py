"""The serving entry point (serve.py) relies on one Streamlit class attribute: pin it."""

from __future__ import annotations

import asyncio
import threading

from streamlit.runtime.pages_manager import PagesManager

from indicators import paths


def test_legacy_pages_mode_is_the_class_attribute_serve_switches_off(monkeypatch):
    # Streamlit sets the attribute on the first PagesManager when it is still None, from
    # whether a pages/ folder sits next to the main script (ours does).
    monkeypatch.setattr(PagesManager, "uses_pages_directory", None)
    PagesManager(str(paths.PROJECT_ROOT / "app.py"), setup_watcher=False)
    assert PagesManager.uses_pages_directory is True

    # Once serve.py's start-up has set it to False, a new session keeps it off.
    import serve

    warmed = threading.Event()
    monkeypatch.setattr(serve.loaders, "warm_default_views", warmed.set)

    async def start_up() -> None:
        async with serve.lifespan(serve.app):
            PagesManager(str(paths.PROJECT_ROOT / "app.py"), setup_watcher=False)

    # In a thread of its own: Playwright's sync API (browser tests in the same session) keeps an
    # event loop running in the main thread, where asyncio.run() is refused.
    starter = threading.Thread(target=asyncio.run, args=(start_up(),))
    starter.start()
    starter.join(30)
    assert PagesManager.uses_pages_directory is False
    assert warmed.wait(10)  # the caches are warmed at start-up (here: a stand-in)


def test_serve_runs_the_frame():
    import serve

    assert serve.app.script_path.resolve() == (paths.PROJECT_ROOT / "app.py").resolve()


def test_the_map_shapes_route_serves_the_current_shapes_only():
    import json

    from starlette.requests import Request

    import serve
    from indicators import loaders, map_svg

    shapes = loaders.map_shapes()

    def get(name: str):
        return serve.map_shapes(Request({"type": "http", "path_params": {"name": name}}))

    answer = get(f"{shapes.digest}.json")
    assert answer.status_code == 200
    assert "immutable" in answer.headers["cache-control"]
    assert json.loads(answer.body)["codes"] == list(shapes.codes)
    assert shapes.url == f"{map_svg.SHAPES_ROUTE}{shapes.digest}.json"
    assert get("0000000000000000.json").status_code == 404  # an old digest is not served


def test_the_map_component_loader_names_its_served_files():
    import hashlib

    from indicators import map_component

    assert map_component.ROUTE == "/mapcomponent/"
    for name in ("map.js", "map.css"):
        assert (map_component.STATIC / name).is_file()
        assert f"{map_component.ROUTE}{name}?v={map_component.DIGEST}" in map_component.LOADER_JS
    content = (map_component.STATIC / "map.js").read_bytes() + (
        map_component.STATIC / "map.css"
    ).read_bytes()
    assert hashlib.sha256(content).hexdigest()[:12] == map_component.DIGEST
    # Text is text: the component never writes data as HTML.
    script = (map_component.STATIC / "map.js").read_text()
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script
