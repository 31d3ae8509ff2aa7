"""Command line: ``python -m indicators build [--raw PATH] [--out PATH]``."""

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
    args = parser.parse_args(argv)
    if args.command == "build":
        from indicators.build import run_build

        try:
            run_build(args.raw.resolve(), args.out.resolve())
        except IndicatorsError as error:
            print(f"build failed: {error}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
