"""``python -m indicators refresh`` against recorded publisher responses on 127.0.0.1.

The fixtures in ``tests/fixtures/publishers/`` are hand-written in each publisher's documented
layout (Fingertips CSV export, CKAN ``datastore_search`` JSON, DfE EES CSV) with real GSS codes
and invented numbers. Expected values are worked out by hand from those files.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest

from indicators import paths
from indicators.__main__ import main
from indicators.data import read_indicators
from indicators.refresh import (
    EXIT_FORMAT,
    EXIT_OFFLINE,
    OfflineError,
    PublisherFormatError,
    RefreshError,
    fetch,
    refresh,
)

PUBLISHERS_DIR = Path(__file__).parent.parent / "fixtures" / "publishers"
PHS_RESOURCE = "018ba0e1-6562-43bb-82c5-97b6c6cc22d8"


def _fingertips_csv(indicator_id: str, *, renamed: bool = False) -> bytes:
    name = "fingertips_renamed_column.csv" if renamed else "fingertips_93436.csv"
    text = (PUBLISHERS_DIR / name).read_text(encoding="utf-8")
    return text.replace("\n93436,", f"\n{indicator_id},").encode("utf-8")


class Publisher:
    """A fake of the three APIs: routes by path; per-path delays for the first N requests."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.slow_first: dict[str, float] = {}
        self.renamed_column = False
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep pytest output clean
                pass

            def do_GET(self) -> None:  # http.server calls it by this name
                parts = urlsplit(self.path)
                query = parse_qs(parts.query)
                outer.hits[parts.path] += 1
                delay = outer.slow_first.get(parts.path)
                if delay and outer.hits[parts.path] == 1:
                    time.sleep(delay)
                body, kind = outer.answer(parts.path, query)
                try:
                    self.send_response(200 if body is not None else 404)
                    self.send_header("Content-Type", kind)
                    self.end_headers()
                    self.wfile.write(body or b"not found")
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def answer(self, path: str, query: dict[str, list[str]]) -> tuple[bytes | None, str]:
        if path == "/fingertips/api/all_data/csv/by_indicator_id":
            ids = query.get("indicator_ids", [""])[0]
            if query.get("child_area_type_id") != ["502"]:
                return None, "text/plain"
            return _fingertips_csv(ids, renamed=self.renamed_column), "text/csv"
        if path == "/phs/api/3/action/datastore_search":
            if query.get("resource_id") != [PHS_RESOURCE]:
                return None, "text/plain"
            return (PUBLISHERS_DIR / "phs_datastore_search.json").read_bytes(), "application/json"
        if path == "/dfe/statistics/v1/data-sets/test-eyfsp/csv":
            return (PUBLISHERS_DIR / "dfe_eyfsp_headline.csv").read_bytes(), "text/csv"
        return None, "text/plain"

    @property
    def base_urls(self) -> dict[str, str]:
        root = f"http://127.0.0.1:{self.server.server_address[1]}"
        return {
            "fingertips": f"{root}/fingertips/api",
            "phs": f"{root}/phs/api/3/action",
            "dfe": f"{root}/dfe/statistics/v1",
        }


@pytest.fixture
def publisher():
    fake = Publisher()
    fake.thread.start()
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


@pytest.fixture
def old_data(tmp_path):
    """A copy of the committed data folder, as the app would be using it."""
    target = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, target, ignore=shutil.ignore_patterns("downloads"))
    return target


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _leftovers(folder: Path) -> list[str]:
    """Staging or retired folders next to the data folder (the lock file may stay)."""
    return [
        p.name
        for p in folder.parent.iterdir()
        if p.name.startswith(".") and not p.name.endswith(".lock")
    ]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _no_progress(*_args) -> None:
    pass


# --------------------------------------------------------------------------- normal response
def test_refresh_from_all_publishers_rebuilds_the_dataset(publisher, old_data, raw_dir):
    result = refresh(
        ["fingertips", "phs", "dfe"],
        out=old_data,
        raw=raw_dir,
        base_urls=publisher.base_urls,
        dfe_data_set="test-eyfsp",
        backoff=0.01,
        progress=_no_progress,
    )
    table = read_indicators(old_data / paths.INDICATORS_FILE)

    def row(indicator_id, area_code, period):
        found = table[
            (table["indicator_id"] == indicator_id)
            & (table["area_code"] == area_code)
            & (table["period"] == period)
            & (table["breakdown"] == "all")
        ]
        assert len(found) == 1, (indicator_id, area_code, period)
        return found.iloc[0]

    hartlepool = row("asq3_all_domains", "E06000001", "2025/26")
    assert (hartlepool["value"], hartlepool["lower_ci95"], hartlepool["upper_ci95"]) == (
        75.0,
        72.2,
        77.6,
    )
    assert hartlepool["source_id"] == "fingertips"
    assert row("asq3_all_domains", "E06000002", "2025/26")["status"] == "suppressed"
    clackmannanshire = row("scot_concern_27_30m", "S12000005", "2025/26")
    assert clackmannanshire["value"] == pytest.approx(100 * 60 / 400)  # ConcernAny / reviews
    assert clackmannanshire["source_id"] == "phs_open_data_api"
    assert row("eyfsp_gld", "E06000001", "2025/26")["value"] == 71.0
    assert row("eyfsp_gld", "E06000002", "2025/26")["status"] == "suppressed"

    retrievals = pd.read_csv(old_data / paths.RETRIEVALS_FILE, dtype=str)
    by_indicator = retrievals.set_index("indicator_id")
    assert by_indicator.loc["asq3_all_domains", "file"] == "fingertips/fingertips_93436.csv"
    assert by_indicator.loc["scot_concern_27_30m", "publisher"].startswith("Public Health Scotland")
    assert by_indicator.loc["eyfsp_gld", "retrieved_at"][:10] == time.strftime(
        "%Y-%m-%d", time.gmtime()
    )
    assert int(by_indicator.loc["scot_concern_27_30m", "rows_in_dataset"]) == 3  # S92 + 2 S12

    manifest = pd.read_csv(old_data / paths.MANIFEST_FILE, dtype=str)
    listed = set(manifest["file"])
    on_disk = {str(p.relative_to(old_data)) for p in old_data.rglob("*") if p.is_file()}
    assert on_disk - {paths.MANIFEST_FILE} <= listed
    assert "downloads/phs/phs_018ba0e1-6562-43bb-82c5-97b6c6cc22d8.csv" in listed
    assert result.rows_after > result.rows_before
    assert _leftovers(old_data) == []


def test_refresh_of_one_publisher_keeps_the_others_downloads(publisher, old_data, raw_dir):
    common = {"out": old_data, "raw": raw_dir, "base_urls": publisher.base_urls}
    refresh(["phs"], progress=_no_progress, backoff=0.01, **common)
    refresh(["fingertips"], progress=_no_progress, backoff=0.01, **common)
    retrievals = pd.read_csv(old_data / paths.RETRIEVALS_FILE, dtype=str)
    assert {"phs", "fingertips"} == set(retrievals["file"].str.split("/").str[0])
    table = read_indicators(old_data / paths.INDICATORS_FILE)
    assert (table["source_id"] == "phs_open_data_api").sum() == 3


# --------------------------------------------------------------------------- timeout, then success
def test_a_timeout_is_retried_and_then_succeeds(publisher, old_data, raw_dir):
    path = "/phs/api/3/action/datastore_search"
    publisher.slow_first[path] = 2.0
    refresh(
        ["phs"],
        out=old_data,
        raw=raw_dir,
        base_urls=publisher.base_urls,
        timeout=0.5,
        retries=3,
        backoff=0.01,
        progress=_no_progress,
    )
    assert publisher.hits[path] == 2
    table = read_indicators(old_data / paths.INDICATORS_FILE)
    assert "2025/26" in set(table.loc[table["source_id"] == "phs_open_data_api", "period"])


def test_fetch_waits_longer_after_each_failure():
    waits: list[float] = []
    with pytest.raises(OfflineError, match="3 tries"):
        fetch(
            f"http://127.0.0.1:{_closed_port()}/x",
            timeout=0.5,
            retries=3,
            backoff=0.25,
            sleep=waits.append,
        )
    assert waits == [0.25, 0.5]


# --------------------------------------------------------------------------- changed format
def test_a_renamed_column_is_named_and_the_old_data_is_untouched(publisher, old_data, raw_dir):
    publisher.renamed_column = True
    before = _fingerprint(old_data)
    with pytest.raises(PublisherFormatError) as caught:
        refresh(
            ["fingertips"],
            out=old_data,
            raw=raw_dir,
            base_urls=publisher.base_urls,
            progress=_no_progress,
        )
    message = str(caught.value)
    assert "changed its format" in message
    assert "Time period" in message  # the column that disappeared
    assert _fingerprint(old_data) == before
    assert _leftovers(old_data) == []


def test_phs_missing_field_is_named(publisher, old_data, raw_dir, monkeypatch):
    original = publisher.answer

    def without_concerns(path, query):
        body, kind = original(path, query)
        if path.startswith("/phs/") and body:
            body = body.replace(b'"ConcernAny"', b'"AnyConcern"')
        return body, kind

    monkeypatch.setattr(publisher, "answer", without_concerns)
    before = _fingerprint(old_data)
    with pytest.raises(PublisherFormatError, match="ConcernAny"):
        refresh(
            ["phs"],
            out=old_data,
            raw=raw_dir,
            base_urls=publisher.base_urls,
            progress=_no_progress,
        )
    assert _fingerprint(old_data) == before


def test_command_line_exit_code_and_message_for_a_format_change(
    publisher, old_data, raw_dir, capsys
):
    publisher.renamed_column = True
    before = _fingerprint(old_data)
    code = main(
        [
            "refresh",
            "--source",
            "fingertips",
            "--out",
            str(old_data),
            "--raw",
            str(raw_dir),
            "--base-url",
            f"fingertips={publisher.base_urls['fingertips']}",
        ]
    )
    assert code == EXIT_FORMAT
    error_lines = [
        line for line in capsys.readouterr().err.splitlines() if "refresh failed" in line
    ]
    assert len(error_lines) == 1
    assert "Time period" in error_lines[0] and "unchanged" in error_lines[0]
    assert _fingerprint(old_data) == before


# --------------------------------------------------------------------------- no network
def test_no_network_gives_a_clear_message_and_exit_code(old_data, raw_dir, capsys):
    before = _fingerprint(old_data)
    code = main(
        [
            "refresh",
            "--out",
            str(old_data),
            "--raw",
            str(raw_dir),
            "--timeout",
            "0.5",
            "--retries",
            "2",
            "--base-url",
            f"fingertips=http://127.0.0.1:{_closed_port()}/api",
        ]
    )
    assert code == EXIT_OFFLINE
    message = capsys.readouterr().err
    assert "cannot reach 127.0.0.1" in message
    assert "network" in message and "unchanged" in message
    assert _fingerprint(old_data) == before
    assert _leftovers(old_data) == []


# --------------------------------------------------------------------------- atomicity
def test_a_failure_mid_write_leaves_the_previous_dataset_in_use(publisher, old_data, raw_dir):
    before = _fingerprint(old_data)

    def build_that_dies(raw, out, *, log, downloads):
        (out / paths.INDICATORS_FILE).write_text("indicator_id,area_code\nasq3_all", "utf-8")
        raise OSError("disk full (simulated)")

    with pytest.raises(OSError, match="simulated"):
        refresh(
            ["phs"],
            out=old_data,
            raw=raw_dir,
            base_urls=publisher.base_urls,
            progress=_no_progress,
            build=build_that_dies,
        )
    assert _fingerprint(old_data) == before
    assert len(read_indicators(old_data / paths.INDICATORS_FILE)) > 10_000
    assert _leftovers(old_data) == []


def test_killing_the_refresh_mid_download_leaves_the_previous_dataset(publisher, old_data, raw_dir):
    path = "/phs/api/3/action/datastore_search"
    publisher.slow_first[path] = 30.0
    before = _fingerprint(old_data)
    command = [
        sys.executable,
        "-m",
        "indicators",
        "refresh",
        "--source",
        "phs",
        "--out",
        str(old_data),
        "--raw",
        str(raw_dir),
        "--timeout",
        "60",
        "--base-url",
        f"phs={publisher.base_urls['phs']}",
    ]
    process = subprocess.Popen(
        command, cwd=paths.PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while publisher.hits[path] == 0:  # wait until the download has started
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        assert any(p.name.startswith(".data.refresh-") for p in old_data.parent.iterdir())
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    assert _fingerprint(old_data) == before
    assert len(read_indicators(old_data / paths.INDICATORS_FILE)) > 10_000
    # the next refresh clears what the killed one left behind
    publisher.slow_first.clear()
    refresh(
        ["phs"], out=old_data, raw=raw_dir, base_urls=publisher.base_urls, progress=_no_progress
    )
    assert _leftovers(old_data) == []


def test_an_invalid_rebuilt_dataset_is_not_used(publisher, old_data, raw_dir):
    before = _fingerprint(old_data)

    def build_with_bad_rows(raw, out, *, log, downloads):
        shutil.copytree(old_data, out, dirs_exist_ok=True)
        table = (out / paths.INDICATORS_FILE).read_text("utf-8").splitlines()
        table[1] = table[1].replace(",ok,", ",no_such_status,", 1)
        (out / paths.INDICATORS_FILE).write_text("\n".join(table) + "\n", "utf-8")

    with pytest.raises(RefreshError, match="not valid"):
        refresh(
            ["phs"],
            out=old_data,
            raw=raw_dir,
            base_urls=publisher.base_urls,
            progress=_no_progress,
            build=build_with_bad_rows,
        )
    assert _fingerprint(old_data) == before


def test_dfe_without_a_confirmed_data_set_says_so(old_data, raw_dir):
    with pytest.raises(RefreshError, match="no confirmed explore-education-statistics"):
        refresh(["dfe"], out=old_data, raw=raw_dir, progress=_no_progress)


def test_progress_is_reported_per_publisher(publisher, old_data, raw_dir):
    seen: list[tuple[str, int, int]] = []
    refresh(
        ["phs"],
        out=old_data,
        raw=raw_dir,
        base_urls=publisher.base_urls,
        progress=lambda p, done, total, _m: seen.append((p, done, total)),
    )
    assert seen == [("phs", 0, 1), ("phs", 1, 1)]


# --------------------------------------------------------------------------- "as of"
def test_as_of_names_the_download_date_or_the_snapshot():
    from indicators.refresh import as_of_sentence, as_of_table

    indicators = pd.DataFrame(
        {
            "indicator_id": ["asq3_all_domains", "asq3_all_domains", "eyfsp_gld"],
            "source_id": ["fingertips", "ohid_asq3_2021_22", "dfe_lait"],
            "period": ["2025/26", "2021/22", "2024/25"],
            "period_end": ["2026-03-31", "2022-03-31", "2025-08-31"],
        }
    )
    sources = pd.DataFrame(
        {"title": ["Fingertips export", "Nesta counts", "LAIT"]},
        index=["fingertips", "ohid_asq3_2021_22", "dfe_lait"],
    )
    retrievals = pd.DataFrame(
        {
            "indicator_id": ["asq3_all_domains"],
            "publisher": ["OHID Fingertips API"],
            "source_id": ["fingertips"],
            "url": ["http://x"],
            "retrieved_at": ["2026-11-29T10:00:00Z"],
            "file": ["fingertips/fingertips_93436.csv"],
        }
    )
    table = as_of_table(indicators, sources, retrievals)
    assert table.to_dict("records") == [
        {
            "Indicator": "ASQ-3 all five areas",
            "Source": "Fingertips export",
            "As of": "downloaded 2026-11-29",
            "Rows": 1,
            "Latest period": "2025/26",
        },
        {
            "Indicator": "ASQ-3 all five areas",
            "Source": "Nesta counts",
            "As of": "bundled snapshot",
            "Rows": 1,
            "Latest period": "2021/22",
        },
        {
            "Indicator": "Good level of development at 5",
            "Source": "LAIT",
            "As of": "bundled snapshot",
            "Rows": 1,
            "Latest period": "2024/25",
        },
    ]
    assert as_of_sentence("asq3_all_domains", retrievals) == (
        "Data as of 2026-11-29, downloaded from the OHID Fingertips API."
    )
    assert as_of_sentence("eyfsp_gld", retrievals) == "Data as of the bundled snapshot."
