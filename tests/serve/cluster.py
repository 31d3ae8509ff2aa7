"""Shared by the serve tests: HAProxy present (or skip, but fail under CI) and a running set-up."""

from __future__ import annotations

import os
import sys
import urllib.request

import pytest

from indicators import paths

sys.path.insert(0, str(paths.PROJECT_ROOT / "deploy"))

import launch as serve  # deploy/launch.py, the launcher under test

COOKIE = serve.COOKIE


def require_haproxy() -> str:
    found = serve.haproxy_executable()
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Debian haproxy is not installed: CI must run `apt-get install -y haproxy`")
        pytest.skip("haproxy is not installed on this machine")
    return found


def get(url: str, cookie: str | None = None, gzip: bool = False):
    """GET without following anything; returns (status, headers, body)."""
    request = urllib.request.Request(url)
    if cookie:
        request.add_header("Cookie", f"{COOKIE}={cookie}")
    if gzip:
        request.add_header("Accept-Encoding", "gzip")
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.status, answer.headers, answer.read()


def set_cookie(headers) -> str | None:
    """The value of the sticky cookie the proxy sets in this answer, if any."""
    for header in headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        if name.strip() == COOKIE:
            return rest.split(";", 1)[0]
    return None
