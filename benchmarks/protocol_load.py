"""A protocol-level load client: many Streamlit sessions over websockets, no browser.

Each virtual user opens a session at a link (as a browser would), then asks the server to
rerun the script again and again, as a click does, timing each rerun from request to the
server's "script finished". It only talks to 127.0.0.1 and stops at its deadline.

Behind the load balancer (deploy/launch.py) each user first asks for a page over HTTP, as a
browser does, keeps the sticky-session cookie it gets, and sends it with its websocket. When
its connection drops (a process killed) it reconnects as Streamlit's front end does: health
ping with the cookie (the proxy moves it to a live process and rewrites the cookie), a new
websocket, and a first run of the same link, so the view comes back from the URL.
"""

from __future__ import annotations

import asyncio
import time
import urllib.request
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

LINKS = [
    "indicator=eyfsp_gld&area=E06000005",
    "indicator=asq3_all_domains&benchmark=peers_2025",
    "indicator=asq3_communication&colour=comparison",
    "indicator=scot_concern_27_30m&nation=Scotland",
]


#: The sticky-session cookie set by HAProxy (deploy/haproxy.cfg.template).
COOKIE = "EYI_SERVER"


@dataclass
class Outcome:
    durations: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    #: connections that dropped, and the seconds from the drop to the view shown again
    reconnects: int = 0
    recovery_s: list[float] = field(default_factory=list)
    #: sessions per process (sticky cookie value) at their first run and after a move
    servers: Counter = field(default_factory=Counter)


def read_cookie(url: str, cookie: str | None) -> str | None:
    """GET the health check as a browser would, with the cookie; return the cookie to keep."""
    request = urllib.request.Request(f"{url}/_stcore/health")
    if cookie:
        request.add_header("Cookie", f"{COOKIE}={cookie}")
    with urllib.request.urlopen(request, timeout=30) as answer:
        answer.read()
        for header in answer.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            if name.strip() == COOKIE:
                return rest.split(";", 1)[0]
    return cookie


def rerun_message(query_string: str, cached: Sequence[str] = ()) -> bytes:
    """A run of the default page for ``query_string``; ``cached``: the hashes of the
    messages the client keeps (the server then sends references to them)."""
    message = BackMsg()
    message.rerun_script.query_string = query_string
    message.rerun_script.page_script_hash = ""
    message.rerun_script.cached_message_hashes.extend(cached)
    return message.SerializeToString()


async def run_once(socket, query_string: str, timeout: float) -> tuple[float, int]:
    """Ask for one script run; return its duration and the bytes the server sent for it.

    Raises RuntimeError if the page shows an exception or the script does not finish."""
    start = time.perf_counter()
    received = 0
    await socket.send(rerun_message(query_string))
    while True:
        raw = await asyncio.wait_for(socket.recv(), timeout=timeout)
        received += len(raw)
        message = ForwardMsg()
        message.ParseFromString(raw)
        kind = message.WhichOneof("type")
        if kind == "delta" and message.delta.new_element.WhichOneof("type") == "exception":
            raise RuntimeError(f"exception shown: {message.delta.new_element.exception.message}")
        if kind == "script_finished":
            if message.script_finished not in (
                ForwardMsg.FINISHED_SUCCESSFULLY,
                ForwardMsg.FINISHED_EARLY_FOR_RERUN,
            ):
                raise RuntimeError(f"script finished with status {message.script_finished}")
            return time.perf_counter() - start, received


async def user(
    url: str,
    number: int,
    deadline: float,
    pause: float,
    outcome: Outcome,
    *,
    sticky: bool = False,
    reconnect_within: float = 30.0,
) -> None:
    link = LINKS[number % len(LINKS)]
    cookie: str | None = None
    dropped_at: float | None = None
    while True:
        try:
            if sticky:
                cookie = await asyncio.to_thread(read_cookie, url, cookie)
            headers = {"Cookie": f"{COOKIE}={cookie}"} if cookie else {}
            async with websockets.connect(
                f"{url.replace('http', 'ws')}/_stcore/stream",
                subprotocols=["streamlit"],
                additional_headers=headers,
                max_size=None,
                open_timeout=60,
            ) as socket:
                await run_once(socket, link, 120)  # the first run of a new session
                outcome.servers[cookie or "direct"] += 1
                if dropped_at is not None:
                    outcome.recovery_s.append(time.perf_counter() - dropped_at)
                    dropped_at = None
                while time.perf_counter() < deadline:
                    elapsed, received = await run_once(socket, link, 60)
                    outcome.durations.append(elapsed)
                    outcome.sizes.append(received)
                    await asyncio.sleep(pause)
                return
        except (websockets.ConnectionClosed, OSError) as error:
            # A dropped connection or a refused one: reconnect, as the browser would.
            now = time.perf_counter()
            if dropped_at is None:
                dropped_at = now
                outcome.reconnects += 1
            if now - dropped_at > reconnect_within or now > deadline:
                outcome.errors.append(
                    f"user {number}: not reconnected: {type(error).__name__}: {str(error)[:120]}"
                )
                return
            await asyncio.sleep(0.5)
        except Exception as error:  # every other failure is counted and reported
            outcome.errors.append(f"user {number}: {type(error).__name__}: {str(error)[:160]}")
            return


async def load(
    url: str, *, sessions: int, seconds: float, pause: float = 1.0, sticky: bool = False
) -> dict:
    outcome = Outcome()
    deadline = time.perf_counter() + seconds
    await asyncio.gather(
        *(user(url, n, deadline, pause, outcome, sticky=sticky) for n in range(sessions))
    )
    return {
        "durations": outcome.durations,
        "errors": outcome.errors,
        "sizes": outcome.sizes,
        "reconnects": outcome.reconnects,
        "recovery_s": outcome.recovery_s,
        "servers": dict(outcome.servers),
    }
