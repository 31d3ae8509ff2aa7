"""Command line: ``python -m indicators build [--raw PATH] [--out PATH]`` and
``python -m indicators refresh [--source fingertips|dfe|phs|all] [--out PATH] [--base-url ...]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from indicators import paths
from indicators.errors import IndicatorsError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m indicators")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="rebuild data/ from the raw official files")
    build.add_argument(
        "--raw",
        type=Path,
        default=paths.DEFAULT_RAW_DIR,
        help="raw data folder (default ../shared/raw)",
    )
    build.add_argument(
        "--out", type=Path, default=paths.DATA_DIR, help="output folder (default data/)"
    )
    refresh = commands.add_parser(
        "refresh", help="download newer figures from the publishers and rebuild data/ atomically"
    )
    refresh.add_argument("--source", choices=("fingertips", "dfe", "phs", "all"), default="all")
    refresh.add_argument("--raw", type=Path, default=paths.DEFAULT_RAW_DIR)
    refresh.add_argument("--out", type=Path, default=paths.DATA_DIR)
    refresh.add_argument(
        "--base-url",
        action="append",
        default=[],
        metavar="PUBLISHER=URL",
        help="override a publisher's API base URL, e.g. fingertips=http://127.0.0.1:8000/api",
    )
    refresh.add_argument(
        "--dfe-data-set", default="", help="explore-education-statistics data set id"
    )
    refresh.add_argument("--timeout", type=float, default=30.0, help="seconds per request")
    refresh.add_argument("--retries", type=int, default=3, help="tries per request")
    args = parser.parse_args(argv)
    if args.command == "refresh":
        return _refresh(args)
    if args.command == "build":
        from indicators.build import run_build

        try:
            run_build(args.raw.resolve(), args.out.resolve())
        except IndicatorsError as error:
            print(f"build failed: {error}", file=sys.stderr)
            return 1
    return 0


def _refresh(args: argparse.Namespace) -> int:
    from indicators.refresh import PUBLISHERS, RefreshError, refresh

    sources = list(PUBLISHERS) if args.source == "all" else [args.source]
    bases = {}
    for item in args.base_url:
        publisher, _, url = item.partition("=")
        if publisher not in PUBLISHERS or not url:
            print(f"refresh failed: --base-url {item!r} is not PUBLISHER=URL", file=sys.stderr)
            return 2
        bases[publisher] = url
    try:
        result = refresh(
            sources,
            out=args.out,
            raw=args.raw,
            base_urls=bases,
            dfe_data_set=args.dfe_data_set,
            timeout=args.timeout,
            retries=args.retries,
        )
    except RefreshError as error:
        print(file=sys.stderr)  # end the progress line
        print(f"refresh failed: {error}. The data in use is unchanged.", file=sys.stderr)
        return error.exit_code
    print(result.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
