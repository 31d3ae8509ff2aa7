"""The data-fault matrix: every data file x every fault, every page, through AppTest.

    python benchmarks/fault_matrix.py [--project PATH] [--json OUT] [--files a.csv,b.csv]

For each case a copy of ``data/`` with one fault is served through ``$EARLY_YEARS_DATA_DIR``
and each page is opened in one AppTest session. A page's outcome is one of

- ``same``: shown exactly as on the intact data, no message;
- ``same, warned``: shown exactly as on the intact data, with a warning naming the file;
- ``message``: an error or warning that names the damaged file (``message+path`` when it
  also shows a server path);
- ``other message``: an error or warning that does not name the file;
- ``traceback``: an exception reached the page;
- ``SILENT``: the page shows something different from the intact data and says nothing.

``--project`` runs the same matrix against another checkout (e.g. the main branch) to get
the "before" column. Slow (minutes): run it under ``flock /tmp/eyi-heavy.lock``.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _faults_module():
    spec = importlib.util.spec_from_file_location("faults", HERE.parent / "tests" / "faults.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _page_files(project: Path) -> list[str]:
    """Pages in menu order: from the page registry, or from app.py in older checkouts."""
    try:
        from pages import PAGES

        return [entry.file for entry in PAGES]
    except ImportError:
        pass
    text = (project / "app.py").read_text(encoding="utf-8")
    found = []
    for name in sorted((project / "pages").glob("*.py")):
        if name.stem in ("common", "__init__"):
            continue
        at = text.find(f"pages/{name.name}")
        if at >= 0:
            found.append((at, f"pages/{name.name}"))
    return [page for _, page in sorted(found)]


def run_case(
    app: str, pages: list[str], folder: Path | None, baselines=None, *, file="", faults=None
):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_resource.clear()
    st.cache_data.clear()
    if folder is None:
        os.environ.pop("EARLY_YEARS_DATA_DIR", None)
    else:
        os.environ["EARLY_YEARS_DATA_DIR"] = str(folder)
    at = AppTest.from_file(app, default_timeout=120)
    results = {}
    for index, page in enumerate(pages):
        try:
            if index == 0:
                at.run()
            else:
                at.switch_page(page).run()
        except Exception as error:  # AppTest itself failed (e.g. a timeout)
            results[page] = f"harness: {type(error).__name__}"
            at = AppTest.from_file(app, default_timeout=120)
            continue
        if baselines is None:
            results[page] = faults.signature(at)
        else:
            results[page] = faults.outcome(at, baselines[page], file=file, folder=str(folder))
    return results


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--project", type=Path, default=HERE.parent)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--files", default="")
    parser.add_argument("--faults", default="")
    args = parser.parse_args()
    project = args.project.resolve()
    sys.path.insert(0, str(project))
    os.chdir(project)
    logging.disable(logging.CRITICAL)
    faults = _faults_module()
    app = str(project / "app.py")
    pages = _page_files(project)
    data = project / "data"
    files = [f for f in args.files.split(",") if f] or faults.data_files(data)
    fault_names = [f for f in args.faults.split(",") if f] or list(faults.FAULTS)
    with tempfile.TemporaryDirectory(prefix="fault-matrix-") as tmp:
        intact = Path(tmp) / "intact"
        import shutil

        shutil.copytree(data, intact)
        baselines = run_case(app, pages, intact, faults=faults)
        matrix = {}
        started = time.perf_counter()
        for file in files:
            for fault in fault_names:
                folder = faults.faulty_copy(
                    data, Path(tmp) / f"{file}-{fault}".replace(" ", "_"), file=file, fault=fault
                )
                outcome = run_case(app, pages, folder, baselines, file=file, faults=faults)
                matrix[f"{file} | {fault}"] = outcome
                print(
                    f"[{time.perf_counter() - started:6.0f}s] {file:40} {fault:15} "
                    + " ".join(f"{Path(p).stem[:8]}={o}" for p, o in outcome.items()),
                    flush=True,
                )
                shutil.rmtree(folder)
    totals = collections.Counter(o for row in matrix.values() for o in row.values())
    by_fault = {
        fault: collections.Counter(
            o for key, row in matrix.items() if key.endswith(f"| {fault}") for o in row.values()
        )
        for fault in fault_names
    }
    worst = collections.Counter()
    for row in matrix.values():
        outcomes = set(row.values())
        for bad in ("traceback", "SILENT", "message+path", "other message"):
            if bad in outcomes:
                worst[bad] += 1
                break
        else:
            worst["clear or unchanged"] += 1
    summary = {
        "cases": len(matrix),
        "page_runs": sum(totals.values()),
        "outcomes": dict(totals),
        "cases_by_worst_page": dict(worst),
        "by_fault": {k: dict(v) for k, v in by_fault.items()},
    }
    print(json.dumps(summary, indent=1))
    if args.json:
        args.json.write_text(json.dumps({"summary": summary, "matrix": matrix}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
