"""Serve the dashboard from several Streamlit processes behind HAProxy, on one machine.

    python deploy/launch.py [--processes N] [--port 8501] [--bind 127.0.0.1]
    python deploy/launch.py --check          # write and validate the HAProxy config only

One Streamlit server is one Python process, and a rerun is CPU-bound: one process serves a
few reruns a second. This starts N processes (default: one per core) on free 127.0.0.1 ports,
writes an HAProxy config for them from deploy/haproxy.cfg.template, checks it with
`haproxy -c`, starts HAProxy in front (sticky sessions by cookie, health checks on
/_stcore/health, gzip and cache headers for static files), waits until the whole set answers,
and restarts a process that dies. Ctrl-C, SIGTERM or `make serve-stop` stops everything.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().with_name("haproxy.cfg.template")
PID_FILE = ROOT / ".serve.pid"
COOKIE = "EYI_SERVER"

#: The flags every process gets: headless, no file watcher, no usage statistics, and no full
#: garbage collection after every script run (it costs a CPU-bound process a large share of
#: each rerun and is not needed by this app).
STREAMLIT_FLAGS = [
    "--server.headless",
    "true",
    "--server.fileWatcherType",
    "none",
    "--browser.gatherUsageStats",
    "false",
    "--runner.postScriptGC",
    "false",
]


def server_name(index: int) -> str:
    return f"st{index + 1}"


def render_config(ports: list[int], *, bind: str = "127.0.0.1", port: int = 8501) -> str:
    """The HAProxy config for Streamlit processes on 127.0.0.1 at `ports`."""
    if not ports:
        raise ValueError("at least one Streamlit process is needed")
    servers = "\n".join(
        f"    server {server_name(i)} 127.0.0.1:{p} cookie {server_name(i)}"
        for i, p in enumerate(ports)
    )
    static_servers = "\n".join(
        f"    server {server_name(i)} 127.0.0.1:{p} track streamlit/{server_name(i)}"
        for i, p in enumerate(ports)
    )
    template = string.Template(TEMPLATE.read_text(encoding="utf-8"))
    return template.substitute(bind=bind, port=port, servers=servers, static_servers=static_servers)


def haproxy_executable() -> str | None:
    return shutil.which("haproxy") or (
        "/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None
    )


def check_config(path: Path) -> None:
    """`haproxy -c`: raises with HAProxy's own message if the config is not valid."""
    haproxy = haproxy_executable()
    if haproxy is None:
        raise RuntimeError("haproxy is not installed: apt-get install -y haproxy")
    checked = subprocess.run(
        [haproxy, "-c", "-f", str(path)], capture_output=True, text=True, check=False
    )
    if checked.returncode != 0:
        raise RuntimeError(f"haproxy -c rejected {path}:\n{checked.stdout}{checked.stderr}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def streamlit_command(port: int, python: str = sys.executable) -> list[str]:
    return [
        python,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "serve.py"),  # the entry point: deep links and the local topojson route
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        *STREAMLIT_FLAGS,
    ]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
            return answer.read().decode().strip() == "ok"
    except OSError:
        return False


async def _first_run(url: str, timeout: float) -> None:
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    message = BackMsg()
    message.rerun_script.query_string = ""
    message.rerun_script.page_script_hash = ""
    async with websockets.connect(
        f"{url.replace('http', 'ws', 1)}/_stcore/stream",
        subprotocols=["streamlit"],
        max_size=None,
        open_timeout=timeout,
    ) as socket:
        await socket.send(message.SerializeToString())
        while True:
            answer = ForwardMsg()
            answer.ParseFromString(await asyncio.wait_for(socket.recv(), timeout=timeout))
            if answer.WhichOneof("type") == "script_finished":
                return


def warm(url: str, timeout: float = 120) -> None:
    """Run the app once in a fresh process, as a first visitor would.

    Two reasons: the first visitor does not pay for the imports and the data loading; and until
    `st.navigation` has run once, Streamlit treats a process as a legacy `pages/` app, so a
    browser that arrives at a deep link such as /compare (a new user, or one moved here after
    its process died) would get a "Page not found" dialog."""
    asyncio.run(_first_run(url, timeout))


class Cluster:
    """N Streamlit processes and one HAProxy; use as a context manager."""

    def __init__(
        self,
        processes: int,
        *,
        port: int | None = None,
        bind: str = "127.0.0.1",
        python: str = sys.executable,
        quiet: bool = True,
    ) -> None:
        self.count = processes
        self.port = port or free_port()
        self.bind = bind
        self.python = python
        self.quiet = quiet
        self.ports = [free_port() for _ in range(processes)]
        self.names = [server_name(i) for i in range(processes)]
        self.servers: list[subprocess.Popen | None] = [None] * processes
        self.proxy: subprocess.Popen | None = None
        self.folder = Path(tempfile.mkdtemp(prefix="eyi-serve-"))
        self.config_path = self.folder / "haproxy.cfg"
        self.env = dict(os.environ)
        # One cookie secret for all processes, so a signed cookie stays valid after a move.
        self.env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.bind in ("0.0.0.0", "::", "") else self.bind
        return f"http://{host}:{self.port}"

    def backend_url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.ports[index]}"

    def write_config(self) -> Path:
        self.config_path.write_text(
            render_config(self.ports, bind=self.bind, port=self.port), encoding="utf-8"
        )
        check_config(self.config_path)
        return self.config_path

    def start_server(self, index: int) -> None:
        self.servers[index] = subprocess.Popen(
            streamlit_command(self.ports[index], self.python),
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL if self.quiet else None,
        )

    def wait_until(self, ready, what: str, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while not ready():
            for index, server in enumerate(self.servers):
                if server is not None and server.poll() is not None:
                    raise RuntimeError(f"Streamlit process {self.names[index]} exited")
            if self.proxy is not None and self.proxy.poll() is not None:
                raise RuntimeError("haproxy exited")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not answer within {timeout:.0f} s")
            time.sleep(0.2)

    def start(self) -> Cluster:
        self.write_config()
        for index in range(self.count):
            self.start_server(index)
        for index in range(self.count):
            url = self.backend_url(index)
            self.wait_until(lambda url=url: healthy(url), f"Streamlit at {url}")
        with ThreadPoolExecutor(self.count) as pool:
            list(pool.map(warm, [self.backend_url(i) for i in range(self.count)]))
        self.proxy = subprocess.Popen(
            [haproxy_executable(), "-db", "-f", str(self.config_path)],
            stdout=subprocess.DEVNULL if self.quiet else None,
            stderr=subprocess.DEVNULL if self.quiet else None,
        )
        self.wait_until(lambda: healthy(self.url), f"haproxy at {self.url}")
        return self

    def kill(self, index: int) -> None:
        """Kill one Streamlit process at once, as a crash would."""
        server = self.servers[index]
        if server is not None:
            server.kill()
            server.wait(timeout=10)

    def restart_dead(self) -> list[str]:
        """Start again every Streamlit process that has exited, and warm it; return their names."""
        restarted = []
        for index, server in enumerate(self.servers):
            if server is None or server.poll() is not None:
                self.start_server(index)
                restarted.append(self.names[index])
        for name in restarted:
            url = self.backend_url(self.names.index(name))
            try:
                self.wait_until(lambda url=url: healthy(url), f"Streamlit at {url}")
                warm(url)
            except Exception as error:  # the supervisor goes on; the next round retries
                print(f"{name} did not start cleanly: {error}", file=sys.stderr)
        return restarted

    def stop(self) -> None:
        running = [p for p in [self.proxy, *self.servers] if p is not None]
        for process in running:
            if process.poll() is None:
                process.terminate()
        for process in running:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Cluster:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc_info) -> None:
        self.stop()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--processes",
        type=int,
        default=os.cpu_count() or 1,
        help="Streamlit processes (default: one per core)",
    )
    parser.add_argument("--port", type=int, default=8501, help="the port HAProxy listens on")
    parser.add_argument(
        "--bind", default="127.0.0.1", help="the address HAProxy listens on (0.0.0.0: all)"
    )
    parser.add_argument(
        "--pid-file", type=Path, default=PID_FILE, help="where `make serve-stop` finds this"
    )
    parser.add_argument(
        "--check", action="store_true", help="print and validate the HAProxy config, then exit"
    )
    args = parser.parse_args()
    if args.processes < 1:
        parser.error("--processes must be at least 1")

    if args.check:
        ports = [8601 + i for i in range(args.processes)]
        text = render_config(ports, bind=args.bind, port=args.port)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "haproxy.cfg"
            path.write_text(text, encoding="utf-8")
            check_config(path)
        print(text)
        print(f"# haproxy -c: configuration for {args.processes} processes is valid")
        return

    def stop_on_signal(signum, _frame) -> None:
        raise KeyboardInterrupt

    # Explicit for SIGINT too: a shell starts a background job with SIGINT ignored.
    signal.signal(signal.SIGTERM, stop_on_signal)
    signal.signal(signal.SIGINT, stop_on_signal)
    cluster = Cluster(args.processes, port=args.port, bind=args.bind, quiet=False)
    args.pid_file.write_text(f"{os.getpid()}\n")
    try:
        cluster.start()
        print(
            f"Serving the dashboard at {cluster.url} from {args.processes} Streamlit "
            f"processes (127.0.0.1 ports {', '.join(map(str, cluster.ports))}) behind HAProxy. "
            "Ctrl-C or `make serve-stop` stops it.",
            flush=True,
        )
        while cluster.proxy is not None and cluster.proxy.poll() is None:
            for name in cluster.restart_dead():
                print(f"Streamlit process {name} had exited: started again", file=sys.stderr)
            time.sleep(1)
        print("haproxy exited; stopping", file=sys.stderr)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        print("Stopping HAProxy and the Streamlit processes…", flush=True)
        cluster.stop()
        with contextlib.suppress(FileNotFoundError):
            args.pid_file.unlink()


if __name__ == "__main__":
    main()
