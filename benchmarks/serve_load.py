"""Load through the load balancer: one process alone, and 1, 2 or N processes behind HAProxy.

    python benchmarks/serve_load.py                      # the full matrix (long: run it alone)
    python benchmarks/serve_load.py --processes 1,2 --sessions 50 --seconds 120
    python benchmarks/serve_load.py --only capacity      # throughput, 1 against 2 processes
    python benchmarks/serve_load.py --only kill          # a process killed mid-load

Every cell starts its own servers (deploy/launch.py's Cluster for the proxy, or one bare
`streamlit run` for "direct"), runs the protocol-level client of protocol_load.py against it
(with the sticky cookie when behind the proxy), and stops them. Three kinds of run:

- think: S sessions, each rerunning then waiting --think seconds (users clicking), for
  direct/1 process and for each process count behind the proxy: reruns/s, p50, p95, errors;
- capacity: sessions rerunning with no think time, so the servers are saturated: the
  throughput of 2 processes against 1 (target: at least 1.7x);
- kill: S sessions through the proxy with 2 processes; one process is killed part-way; its
  sessions must reconnect to the other and render their link again (no errors).

Prints a table and writes benchmarks/serve_results.json. Talks only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "deploy"))

from launch import Cluster, free_port, healthy, streamlit_command, warm  # noqa: E402
from protocol_load import load  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3)


def summarise(outcome: dict, seconds: float) -> dict:
    durations = outcome["durations"]
    return {
        "reruns": len(durations),
        "reruns_per_second": round(len(durations) / seconds, 2),
        "p50_rerun_s": percentile(durations, 0.5),
        "p95_rerun_s": percentile(durations, 0.95),
        "errors": len(outcome["errors"]),
        "error_examples": outcome["errors"][:3],
        "reconnects": outcome["reconnects"],
        "recovered": len(outcome["recovery_s"]),
        "recovery_s_max": round(max(outcome["recovery_s"]), 2) if outcome["recovery_s"] else None,
        "sessions_per_process": outcome["servers"],
        "median_bytes_per_rerun": int(statistics.median(outcome["sizes"]))
        if outcome["sizes"]
        else 0,
    }


async def run_direct(sessions: int, seconds: float, think: float) -> dict:
    """One `streamlit run`, no proxy: the reference."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        streamlit_command(port), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 90
        while not healthy(url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("streamlit did not start")
            await asyncio.sleep(0.2)
        await asyncio.to_thread(warm, url)  # as deploy/launch.py does for each process
        outcome = await load(url, sessions=sessions, seconds=seconds, pause=think)
    finally:
        process.terminate()
        process.wait(timeout=20)
    return summarise(outcome, seconds)


async def run_proxy(
    processes: int, sessions: int, seconds: float, think: float, kill_after: float | None = None
) -> dict:
    with Cluster(processes) as cluster:
        task = asyncio.create_task(
            load(cluster.url, sessions=sessions, seconds=seconds, pause=think, sticky=True)
        )
        if kill_after is not None:
            await asyncio.sleep(kill_after)
            cluster.kill(0)
        outcome = await task
    result = summarise(outcome, seconds)
    if kill_after is not None:
        result["killed"] = f"st1 after {kill_after:.0f} s"
    return result


def cell_seconds(sessions: int, args: argparse.Namespace) -> float:
    return args.long_seconds if sessions in args.long_for else args.seconds


def parse_counts(text: str) -> list[int]:
    cores = os.cpu_count() or 1
    counts = [cores if part.strip().upper() == "N" else int(part) for part in text.split(",")]
    return list(dict.fromkeys(counts))  # N may equal 1 or 2: measure each count once


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", choices=["think", "capacity", "kill"], action="append")
    parser.add_argument("--processes", default="1,2,N", help="process counts behind the proxy")
    parser.add_argument("--sessions", default="20,50,100", help="session counts")
    parser.add_argument("--no-direct", action="store_true", help="skip the no-proxy reference")
    parser.add_argument("--think", type=float, default=5.0, help="seconds between reruns")
    parser.add_argument("--seconds", type=float, default=45, help="seconds per cell")
    parser.add_argument("--long-seconds", type=float, default=120, help="for --long-for cells")
    parser.add_argument("--long-for", default="50", help="session counts run --long-seconds")
    parser.add_argument("--capacity-sessions", type=int, default=20)
    parser.add_argument("--capacity-seconds", type=float, default=40)
    parser.add_argument("--kill-sessions", type=int, default=50)
    parser.add_argument("--kill-seconds", type=float, default=60)
    parser.add_argument("--kill-after", type=float, default=20)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "serve_results.json")
    args = parser.parse_args()
    args.long_for = parse_counts(args.long_for)
    kinds = args.only or ["think", "capacity", "kill"]
    rows: list[dict] = []

    def record(kind: str, setup: str, sessions: int, seconds: float, think: float, result):
        row = {
            "kind": kind,
            "setup": setup,
            "sessions": sessions,
            "seconds": seconds,
            "think_s": think,
            **result,
        }
        rows.append(row)
        print(
            f"{kind:9} {setup:16} {sessions:4d} sessions {seconds:4.0f} s: "
            f"{row['reruns_per_second']:6.2f} reruns/s  p50 {row['p50_rerun_s']:6.3f} s  "
            f"p95 {row['p95_rerun_s']:6.3f} s  errors {row['errors']}  "
            f"reconnects {row['reconnects']} (recovered {row['recovered']})  "
            f"per process {row['sessions_per_process']}",
            flush=True,
        )

    if "think" in kinds:
        for sessions in parse_counts(args.sessions):
            seconds = cell_seconds(sessions, args)
            if not args.no_direct:
                result = asyncio.run(run_direct(sessions, seconds, args.think))
                record("think", "direct, 1 process", sessions, seconds, args.think, result)
            for processes in parse_counts(args.processes):
                result = asyncio.run(run_proxy(processes, sessions, seconds, args.think))
                record("think", f"proxy, {processes} proc", sessions, seconds, args.think, result)
    if "capacity" in kinds:
        for processes in (1, 2):
            result = asyncio.run(
                run_proxy(processes, args.capacity_sessions, args.capacity_seconds, 0.0)
            )
            record(
                "capacity",
                f"proxy, {processes} proc",
                args.capacity_sessions,
                args.capacity_seconds,
                0.0,
                result,
            )
        one, two = (r["reruns_per_second"] for r in rows if r["kind"] == "capacity")
        print(f"throughput 2 processes / 1 process: {two / one:.2f}x (target >= 1.7x)")
    if "kill" in kinds:
        result = asyncio.run(
            run_proxy(2, args.kill_sessions, args.kill_seconds, args.think, args.kill_after)
        )
        record("kill", "proxy, 2 proc", args.kill_sessions, args.kill_seconds, args.think, result)

    load_average = os.getloadavg()
    args.out.write_text(
        json.dumps(
            {
                "when": time.strftime("%Y-%m-%d %H:%M"),
                "cores": os.cpu_count(),
                "load_average_at_end": [round(x, 2) for x in load_average],
                "command": " ".join(sys.argv),
                "rows": rows,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
