"""The app's websocket settings (.streamlit/config.toml), against a real server: messages
are compressed on the wire, and an unchanged selector of a few KB is sent once, then
referred to (Streamlit's message cache, from 2 KB here instead of its default 10 KB)."""

from __future__ import annotations

import asyncio
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor

import pytest
import websockets
from streamlit import config
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from indicators import paths

sys.path.insert(0, str(paths.PROJECT_ROOT / "benchmarks"))

from protocol_load import rerun_message
from run import free_port, start_server, wait_healthy

pytestmark = pytest.mark.slow

AREA_BOX = "My area (type to search)"


def test_the_settings_are_streamlits_own_options():
    """Both are Streamlit options (one of them hidden): pinned, so that an upgrade that
    drops or renames one fails here rather than silently sending more."""
    settings = tomllib.loads((paths.PROJECT_ROOT / ".streamlit/config.toml").read_text())
    assert settings["global"]["minCachedMessageSize"] == 2000
    assert settings["server"]["enableWebsocketCompression"] is True
    options = config.get_config_options()
    assert options["global.minCachedMessageSize"].default_val == 10_000
    assert options["server.enableWebsocketCompression"].default_val is False


async def one_run(socket, query: str, cached: list[str]) -> list[ForwardMsg]:
    await socket.send(rerun_message(query, cached))
    messages = []
    while True:
        message = ForwardMsg()
        message.ParseFromString(await asyncio.wait_for(socket.recv(), timeout=120))
        messages.append(message)
        if message.WhichOneof("type") == "script_finished":
            return messages


def area_box(messages: list[ForwardMsg]) -> ForwardMsg:
    (found,) = [
        m
        for m in messages
        if m.WhichOneof("type") == "delta"
        and m.delta.new_element.WhichOneof("type") == "selectbox"
        and m.delta.new_element.selectbox.label == AREA_BOX
    ]
    return found


async def two_runs(url: str) -> tuple[str, list[ForwardMsg], list[ForwardMsg]]:
    async with websockets.connect(
        f"{url.replace('http', 'ws')}/_stcore/stream",
        subprotocols=["streamlit"],
        max_size=None,
        open_timeout=60,
    ) as socket:
        extensions = socket.response.headers.get("Sec-WebSocket-Extensions", "")
        first = await one_run(socket, "indicator=eyfsp_gld&area=E06000005", [])
        # What a browser keeps: every message the server marked cacheable.
        kept = [m.hash for m in first if m.metadata.cacheable]
        second = await one_run(socket, "indicator=asq3_communication&area=E06000005", kept)
        return extensions, first, second


def test_compressed_and_an_unchanged_selector_is_sent_once():
    port = free_port()
    server = start_server(paths.PROJECT_ROOT / "serve.py", port)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url)
        # In a thread of its own: Playwright's sync API may hold this thread's event loop.
        with ThreadPoolExecutor(1) as pool:
            extensions, first, second = pool.submit(asyncio.run, two_runs(url)).result()
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert "permessage-deflate" in extensions
    sent = area_box(first)
    size = len(sent.SerializeToString())
    # The list of 400-odd areas: above the app's 2 KB, below Streamlit's default 10 KB.
    assert 2_000 < size < 10_000 and sent.metadata.cacheable
    # The next run (another indicator) refers to it: the same place, the same hash.
    (reference,) = [
        m
        for m in second
        if m.WhichOneof("type") == "ref_hash"
        and list(m.metadata.delta_path) == list(sent.metadata.delta_path)
    ]
    assert reference.ref_hash == sent.hash
    assert len(reference.SerializeToString()) < 200
    assert not [m for m in second if m.delta.new_element.selectbox.label == AREA_BOX]
