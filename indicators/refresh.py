"""``python -m indicators refresh``: fetch newer figures from the publishers' APIs.

The flow, and why it is safe to run on a live app:

1. Each chosen publisher's files are downloaded (stdlib ``urllib``, with a timeout, and retries
   with back-off on transient errors) into a staging folder next to the data folder.
2. Each file is read at once with the same reader the build uses; a missing column or field is
   reported by name as a change in the publisher's format.
3. The whole dataset is rebuilt into the staging folder by the ordinary build
   (:func:`indicators.build.run_build`), which validates it against the schema, and the new
   ``indicators.csv`` is read back and validated again.
4. Only then is the old data folder swapped for the new one (two renames on one file system).
   Until that moment the app keeps reading the old folder; on any failure the staging folder is
   deleted and the old data is untouched.

Downloaded files are kept in ``<data>/downloads/<publisher>/`` and listed in the manifest, with
``retrievals.csv`` saying which indicator came from which publisher and when. A later refresh of
one publisher carries the others' downloads over.
"""

from __future__ import annotations

import contextlib
import csv
import ctypes
import fcntl
import io
import json
import os
import shutil
import socket
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from indicators import paths
from indicators.build import DOWNLOAD_READERS, RETRIEVAL_COLUMNS, run_build
from indicators.catalogue import (
    CATALOGUE,
    FINGERTIPS_CHILD_AREA_TYPE,
    FINGERTIPS_PARENT_AREA_TYPE,
    PUBLISHER_APIS,
    Indicator,
)
from indicators.errors import IndicatorsError, SourceFormatError
from indicators.schema import read_tidy_csv
from indicators.sources.scotland import PHS_27_30_FIELDS

PUBLISHERS = ("fingertips", "dfe", "phs")
SOURCE_IDS = {"fingertips": "fingertips", "dfe": "dfe_ees_api", "phs": "phs_open_data_api"}
DEFAULT_TIMEOUT_S = 30.0
DEFAULT_RETRIES = 3
DEFAULT_BACKOFF_S = 1.0
USER_AGENT = "early-years-indicators-refresh/1 (+https://github.com/)"
#: Exit codes of the command line.
EXIT_OFFLINE = 3
EXIT_FORMAT = 4
EXIT_OTHER = 1


class RefreshError(IndicatorsError):
    """The refresh could not finish; the data in use is unchanged."""

    exit_code = EXIT_OTHER


class OfflineError(RefreshError):
    """A publisher could not be reached (no network, DNS failure, refused, timed out)."""

    exit_code = EXIT_OFFLINE


class PublisherFormatError(RefreshError):
    """A publisher's file no longer has the layout the reader expects."""

    exit_code = EXIT_FORMAT


#: progress(publisher, done, total, message)
Progress = Callable[[str, int, int, str], None]


@dataclass(frozen=True)
class Retrieval:
    """One downloaded file: what it holds, where it came from, and when."""

    publisher: str
    indicator_ids: tuple[str, ...]
    url: str
    file: str  # relative to the downloads folder, e.g. "fingertips/fingertips_93436.csv"
    retrieved_at: str


@dataclass
class RefreshResult:
    """What a refresh did (for the command line and the About page)."""

    retrievals: list[Retrieval] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    rows_before: int = 0
    rows_after: int = 0

    def summary(self) -> str:
        fetched = sorted({r.publisher for r in self.retrievals})
        names = ", ".join(PUBLISHER_APIS[p].name for p in fetched) or "no publisher"
        text = (
            f"Downloaded {len(self.retrievals)} file(s) from {names}; the dataset now has "
            f"{self.rows_after:,} rows (was {self.rows_before:,})."
        )
        return " ".join([text, *self.skipped])


# --------------------------------------------------------------------------- HTTP
def _host(url: str) -> str:
    return urllib.parse.urlsplit(url).netloc or url


def fetch(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT_S,
    retries: int = DEFAULT_RETRIES,
    backoff: float = DEFAULT_BACKOFF_S,
    sleep: Callable[[float], None] = time.sleep,
) -> bytes:
    """GET ``url``, retrying transient failures (timeouts, refused connections, 429, 5xx).

    The wait doubles after each failed try (``backoff``, 2×, 4×…).

    Raises:
        OfflineError: the host could not be reached or answered in time on any try.
        RefreshError: the publisher answered with an error that retrying will not fix.
    """
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    last = ""
    for attempt in range(retries):
        if attempt:
            sleep(backoff * 2 ** (attempt - 1))
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            if error.code == 429 or error.code >= 500:
                last = f"HTTP {error.code}"
                continue
            raise RefreshError(
                f"{_host(url)} answered HTTP {error.code} ({error.reason}) for {url}"
            ) from error
        except TimeoutError:
            last = f"no answer within {timeout:g} s"
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, TimeoutError | socket.timeout):
                last = f"no answer within {timeout:g} s"
            elif isinstance(reason, socket.gaierror):
                last = "the name could not be resolved (no network?)"
            else:
                last = str(reason)
        except (ConnectionError, OSError) as error:
            last = str(error) or type(error).__name__
    raise OfflineError(
        f"cannot reach {_host(url)} after {retries} tries ({last}): check the network connection"
    )


# --------------------------------------------------------------------------- publishers
def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _check(publisher: str, path: Path) -> pd.DataFrame:
    """Read a downloaded file with the build's reader; a layout change is named clearly."""
    try:
        return DOWNLOAD_READERS[publisher](path)
    except SourceFormatError as error:
        detail = str(error).split(": ", 1)[-1]
        raise PublisherFormatError(
            f"{PUBLISHER_APIS[publisher].name} changed its format: {path.name}: {detail}"
        ) from error
    except IndicatorsError as error:
        raise PublisherFormatError(
            f"{PUBLISHER_APIS[publisher].name}: {path.name} does not pass the schema: {error}"
        ) from error


@dataclass(frozen=True)
class Plan:
    """One file to fetch: its URL and how to turn the answer into a CSV for the reader."""

    publisher: str
    indicators: tuple[Indicator, ...]
    url: str
    file: str
    to_csv: Callable[[bytes, str], bytes]


def _csv_as_is(body: bytes, url: str) -> bytes:
    if body.lstrip()[:1] in (b"{", b"[", b"<"):
        raise PublisherFormatError(f"{_host(url)} sent JSON or HTML where a CSV was expected")
    return body


def _ckan_records_to_csv(fields: Sequence[str]) -> Callable[[bytes, str], bytes]:
    """PHS's CKAN ``datastore_search`` answers JSON; keep the fields the reader needs."""

    def convert(body: bytes, url: str) -> bytes:
        try:
            answer = json.loads(body)
            records = answer["result"]["records"]
        except (ValueError, KeyError, TypeError) as error:
            raise PublisherFormatError(
                f"{_host(url)}: the answer has no result.records (CKAN datastore_search layout)"
            ) from error
        if not answer.get("success", False):
            raise PublisherFormatError(f"{_host(url)}: datastore_search answered success=false")
        present = set().union(*(r.keys() for r in records)) if records else set()
        missing = [f for f in fields if f not in present]
        if missing:
            raise PublisherFormatError(
                f"Public Health Scotland open data changed its format: missing field(s) "
                f"{', '.join(missing)} in datastore_search records"
            )
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(fields), extrasaction="ignore")
        writer.writeheader()
        for record in records:
            writer.writerow({f: "" if record.get(f) is None else record[f] for f in fields})
        return out.getvalue().encode("utf-8")

    return convert


def plans(publisher: str, *, base_url: str, dfe_data_set: str = "") -> tuple[list[Plan], str]:
    """What to fetch from ``publisher``, and a note when the catalogue gives nothing to fetch."""
    base = base_url.rstrip("/")
    if publisher == "fingertips":
        found = [i for i in CATALOGUE.values() if i.fingertips_id]
        return [
            Plan(
                publisher,
                (indicator,),
                f"{base}/all_data/csv/by_indicator_id?indicator_ids={indicator.fingertips_id}"
                f"&child_area_type_id={FINGERTIPS_CHILD_AREA_TYPE}"
                f"&parent_area_type_id={FINGERTIPS_PARENT_AREA_TYPE}",
                f"fingertips/fingertips_{indicator.fingertips_id}.csv",
                _csv_as_is,
            )
            for indicator in found
        ], ""
    if publisher == "phs":
        found = [i for i in CATALOGUE.values() if i.phs_resource_id]
        return [
            Plan(
                publisher,
                (indicator,),
                f"{base}/datastore_search?resource_id={indicator.phs_resource_id}&limit=100000",
                f"phs/phs_{indicator.phs_resource_id}.csv",
                _ckan_records_to_csv(PHS_27_30_FIELDS),
            )
            for indicator in found
        ], ""
    if publisher == "dfe":
        data_set = dfe_data_set or CATALOGUE["eyfsp_gld"].ees_data_set_id
        if not data_set:
            return [], (
                "DfE skipped: the catalogue has no confirmed explore-education-statistics data set "
                "id for EYFSP (pass --dfe-data-set ID to use one)."
            )
        return [
            Plan(
                publisher,
                (CATALOGUE["eyfsp_gld"],),
                f"{base}/data-sets/{urllib.parse.quote(data_set)}/csv",
                f"dfe/dfe_eyfsp_{data_set}.csv",
                _csv_as_is,
            )
        ], ""
    raise RefreshError(f"unknown source {publisher!r}: choose from {', '.join(PUBLISHERS)} or all")


# --------------------------------------------------------------------------- the refresh
def stderr_progress(publisher: str, done: int, total: int, message: str) -> None:
    """A one-line progress bar per publisher on stderr."""
    width = 20
    filled = width * done // max(total, 1)
    end = "\n" if done >= total else ""
    print(
        f"\r{publisher:<10} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} {message[:60]:<60}",
        end=end,
        file=sys.stderr,
        flush=True,
    )


def _carry_over(old_downloads: Path, new_downloads: Path, keep: Iterable[str]) -> pd.DataFrame:
    """Copy the earlier downloads of publishers not refreshed now; return their log rows."""
    log = pd.DataFrame(columns=list(RETRIEVAL_COLUMNS))
    old_log = old_downloads / "RETRIEVALS.csv"
    if old_log.exists():
        log = pd.read_csv(old_log, dtype=str, keep_default_na=False)
    kept = []
    for publisher in keep:
        folder = old_downloads / publisher
        if folder.is_dir():
            shutil.copytree(folder, new_downloads / publisher)
            kept.append(publisher)
    if log.empty or "file" not in log.columns:
        return pd.DataFrame(columns=list(RETRIEVAL_COLUMNS))
    return log[log["file"].str.split("/").str[0].isin(kept)][list(RETRIEVAL_COLUMNS)]


def _exchange(first: Path, second: Path) -> bool:
    """Swap two directories in one step (Linux ``renameat2(RENAME_EXCHANGE)``), if possible."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    return done == 0


def _swap(staging: Path, out: Path) -> None:
    """Put ``staging`` where ``out`` is.

    Where the system can, the two folders are exchanged in one step, so a reader never finds
    ``out`` missing; otherwise two renames leave it missing for an instant. The old data ends
    up in ``staging`` (then deleted) or in a ``.retired-`` folder.
    """
    if out.exists() and _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)
        return
    retired = out.with_name(f".{out.name}.retired-{time.time_ns()}")
    if out.exists():
        out.rename(retired)
    try:
        staging.rename(out)
    except OSError:
        if retired.exists():
            retired.rename(out)
        raise
    shutil.rmtree(retired, ignore_errors=True)


@contextlib.contextmanager
def _only_one_refresh(out: Path):
    """One refresh at a time per data folder; leftovers of a killed run are removed."""
    lock_path = out.with_name(f".{out.name}.refresh.lock")
    with lock_path.open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RefreshError("another refresh of this data folder is running") from None
        for leftover in [
            *out.parent.glob(f".{out.name}.refresh-*"),
            *out.parent.glob(f".{out.name}.retired-*"),
        ]:
            shutil.rmtree(leftover, ignore_errors=True)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def refresh(
    sources: Sequence[str] = PUBLISHERS,
    *,
    out: Path = paths.DATA_DIR,
    raw: Path = paths.DEFAULT_RAW_DIR,
    base_urls: dict[str, str] | None = None,
    dfe_data_set: str = "",
    timeout: float = DEFAULT_TIMEOUT_S,
    retries: int = DEFAULT_RETRIES,
    backoff: float = DEFAULT_BACKOFF_S,
    progress: Progress = stderr_progress,
    build: Callable[..., object] = run_build,
    log: io.TextIOBase | None = None,
) -> RefreshResult:
    """Download the chosen publishers' figures and rebuild ``out`` atomically.

    Args:
        sources: publisher ids from :data:`PUBLISHERS`.
        out: the data folder to replace (the app's ``data/``).
        raw: the raw snapshot the build starts from.
        base_urls: publisher id → API base URL, overriding the catalogue's (tests, mirrors).
        dfe_data_set: an explore-education-statistics data set id for EYFSP.
        timeout, retries, backoff: per request; see :func:`fetch`.
        progress: called as files arrive.
        build: the build to run (the real one; tests may pass one that fails midway).
        log: where the build's log lines go (default: discarded).

    Returns:
        What was downloaded and how the dataset changed.

    Raises:
        OfflineError, PublisherFormatError, RefreshError: the message says what failed; the
            data folder is untouched.
    """
    chosen = list(dict.fromkeys(sources))
    unknown = [s for s in chosen if s not in PUBLISHERS]
    if unknown:
        raise RefreshError(
            f"unknown source {unknown[0]!r}: choose from {', '.join(PUBLISHERS)} or all"
        )
    if not raw.is_dir():
        raise RefreshError(f"raw snapshot folder {raw} not found: the refresh rebuilds from it")
    bases = {p: PUBLISHER_APIS[p].base_url for p in PUBLISHERS} | (base_urls or {})
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with _only_one_refresh(out):
        return _refresh_locked(
            chosen,
            out=out,
            raw=raw,
            bases=bases,
            dfe_data_set=dfe_data_set,
            timeout=timeout,
            retries=retries,
            backoff=backoff,
            progress=progress,
            build=build,
            log=log,
        )


def _refresh_locked(
    chosen: list[str],
    *,
    out: Path,
    raw: Path,
    bases: dict[str, str],
    dfe_data_set: str,
    timeout: float,
    retries: int,
    backoff: float,
    progress: Progress,
    build: Callable[..., object],
    log: io.TextIOBase | None,
) -> RefreshResult:
    result = RefreshResult()
    old_indicators = out / paths.INDICATORS_FILE
    if old_indicators.exists():
        result.rows_before = max(0, sum(1 for _ in old_indicators.open(encoding="utf-8")) - 1)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.refresh-", dir=out.parent))
    try:
        downloads = staging / paths.DOWNLOADS_DIR
        downloads.mkdir()
        log_rows = _carry_over(
            out / paths.DOWNLOADS_DIR, downloads, [p for p in PUBLISHERS if p not in chosen]
        )
        for publisher in chosen:
            todo, note = plans(publisher, base_url=bases[publisher], dfe_data_set=dfe_data_set)
            if note:
                result.skipped.append(note)
                progress(publisher, 1, 1, note)
                continue
            (downloads / publisher).mkdir(exist_ok=True)
            progress(publisher, 0, len(todo), "starting")
            for done, plan in enumerate(todo, start=1):
                body = fetch(plan.url, timeout=timeout, retries=retries, backoff=backoff)
                target = downloads / plan.file
                target.write_bytes(plan.to_csv(body, plan.url))
                _check(publisher, target)
                retrieval = Retrieval(
                    publisher, tuple(i.id for i in plan.indicators), plan.url, plan.file, _now()
                )
                result.retrievals.append(retrieval)
                progress(publisher, done, len(todo), plan.file)
        new_rows = [
            {
                "indicator_id": indicator_id,
                "publisher": PUBLISHER_APIS[r.publisher].name,
                "source_id": SOURCE_IDS[r.publisher],
                "url": r.url,
                "retrieved_at": r.retrieved_at,
                "file": r.file,
            }
            for r in result.retrievals
            for indicator_id in r.indicator_ids
        ]
        pd.concat([log_rows, pd.DataFrame(new_rows, columns=list(RETRIEVAL_COLUMNS))]).to_csv(
            downloads / "RETRIEVALS.csv", index=False, lineterminator="\n"
        )
        if not result.retrievals and log_rows.empty:
            raise RefreshError(" ".join(result.skipped) or "nothing to download")
        try:
            build(raw, staging, log=log or io.StringIO(), downloads=downloads)
            result.rows_after = len(read_tidy_csv(staging / paths.INDICATORS_FILE))
        except IndicatorsError as error:
            raise RefreshError(
                f"the rebuilt dataset is not valid, so it was not used: {error}"
            ) from error
        _swap(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return result


def read_retrievals(path: str | Path) -> pd.DataFrame:
    """``retrievals.csv``: which indicator came from which publisher's API and when.

    A data folder that was never refreshed has no such file: the result is then empty.
    """
    if not Path(path).exists():
        return pd.DataFrame(columns=[*RETRIEVAL_COLUMNS, "rows_in_dataset"])
    return pd.read_csv(path, dtype=str, keep_default_na=False)


BUNDLED = "bundled snapshot"


def as_of_table(
    indicators: pd.DataFrame, sources: pd.DataFrame, retrievals: pd.DataFrame
) -> pd.DataFrame:
    """Per indicator and source: where its figures come from and as of when.

    Figures downloaded by the refresh carry their retrieval date; the others are the bundled
    snapshot's (each source's own title names its edition).
    """
    retrieved = {
        (row.indicator_id, row.source_id): row
        for row in retrievals.itertuples(index=False)
        if row.retrieved_at
    }
    rows = []
    for (indicator_id, source_id), group in indicators.groupby(
        ["indicator_id", "source_id"], sort=True
    ):
        indicator = CATALOGUE.get(indicator_id)
        if indicator is None:
            continue
        title = sources.loc[source_id, "title"] if source_id in sources.index else source_id
        found = retrieved.get((indicator_id, source_id))
        rows.append(
            {
                "Indicator": indicator.short_title,
                "Source": title,
                "As of": f"downloaded {found.retrieved_at[:10]}" if found else BUNDLED,
                "Rows": len(group),
                "Latest period": group.sort_values("period_end")["period"].iloc[-1],
            }
        )
    return pd.DataFrame(rows, columns=["Indicator", "Source", "As of", "Rows", "Latest period"])


def as_of_sentence(indicator_id: str, retrievals: pd.DataFrame) -> str:
    """One sentence for a chart caption: downloaded when and from where, or the snapshot."""
    mine = retrievals[retrievals["indicator_id"] == indicator_id]
    if mine.empty:
        return "Data as of the bundled snapshot."
    latest = mine.sort_values("retrieved_at").iloc[-1]
    return f"Data as of {latest['retrieved_at'][:10]}, downloaded from the {latest['publisher']}."


# --------------------------------------------------------------------------- in the app
BASE_URLS_ENV = "EARLY_YEARS_REFRESH_BASE_URLS"  # "fingertips=URL;phs=URL" (tests, mirrors)
OFFLINE_MESSAGE = (
    "Could not reach the publishers: there seems to be no network connection. Nothing was "
    "changed: the app keeps showing the data it has."
)


def base_urls_from_env(text: str | None) -> dict[str, str]:
    """Publisher base URLs from ``$EARLY_YEARS_REFRESH_BASE_URLS`` (empty when unset)."""
    pairs = (item.partition("=") for item in (text or "").split(";") if item.strip())
    return {key.strip(): url.strip() for key, _, url in pairs if key.strip() in PUBLISHERS and url}


def check_for_newer_data(
    *, out: Path, progress: Progress, base_urls: dict[str, str] | None = None
) -> tuple[str, str]:
    """The About page's "Check for newer data": the same refresh, answered in one sentence.

    Returns:
        ``(kind, message)`` with kind ``success``, ``offline`` or ``error``; the message is plain
        text.
    """
    try:
        result = refresh(
            PUBLISHERS, out=out, base_urls=base_urls, timeout=15.0, retries=2, progress=progress
        )
    except OfflineError as error:
        return "offline", f"{OFFLINE_MESSAGE} ({error})"
    except RefreshError as error:
        return "error", f"The refresh stopped and nothing was changed: {error}"
    return "success", result.summary()
