"""A protocol-level load client: many Streamlit sessions over websockets, no browser.

Each virtual user opens a session at a link (as a browser would), then asks the server to
rerun the script again and again, as a click does, timing each rerun from request to the
server's "script finished". It only talks to 127.0.0.1 and stops at its deadline.
"""

from __future__ import annotations

import asyncio
import time

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

LINKS = [
    "indicator=eyfsp_gld&area=E06000005",
    "indicator=asq3_all_domains&benchmark=peers_2025",
    "indicator=asq3_communication&colour=comparison",
    "indicator=scot_concern_27_30m&nation=Scotland",
]


def rerun_message(query_string: str) -> bytes:
    message = BackMsg()
    message.rerun_script.query_string = query_string
    message.rerun_script.page_script_hash = ""
    return message.SerializeToString()


async def run_once(socket, query_string: str, timeout: float) -> tuple[float, int]:
    """Ask for one script run; return its duration and the bytes the server sent for it."""
    start = time.perf_counter()
    received = 0
    await socket.send(rerun_message(query_string))
    while True:
        raw = await asyncio.wait_for(socket.recv(), timeout=timeout)
        received += len(raw)
        message = ForwardMsg()
        message.ParseFromString(raw)
        if message.WhichOneof("type") == "script_finished":
            return time.perf_counter() - start, received


async def user(
    url: str,
    number: int,
    deadline: float,
    pause: float,
    durations: list[float],
    errors: list[str],
    sizes: list[int],
) -> None:
    link = LINKS[number % len(LINKS)]
    try:
        async with websockets.connect(
            f"{url.replace('http', 'ws')}/_stcore/stream",
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=60,
        ) as socket:
            await run_once(socket, link, 120)  # the first run of a new session
            while time.perf_counter() < deadline:
                elapsed, received = await run_once(socket, link, 60)
                durations.append(elapsed)
                sizes.append(received)
                await asyncio.sleep(pause)
    except Exception as error:  # every failure is counted and reported
        errors.append(f"user {number}: {type(error).__name__}: {str(error)[:160]}")


async def load(url: str, *, sessions: int, seconds: float, pause: float = 1.0) -> dict:
    durations: list[float] = []
    errors: list[str] = []
    sizes: list[int] = []
    deadline = time.perf_counter() + seconds
    await asyncio.gather(
        *(user(url, n, deadline, pause, durations, errors, sizes) for n in range(sessions))
    )
    return {"durations": durations, "errors": errors, "sizes": sizes}
