"""The dependency audit says how many packages it really checked, and fails when it cannot."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

from indicators import paths

AUDIT = paths.PROJECT_ROOT / ".ci" / "audit.py"


def _audit_module():
    spec = importlib.util.spec_from_file_location("audit", AUDIT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_unreachable_database_exits_non_zero_and_says_so():
    # A proxy that refuses every connection: no vulnerability service can be reached.
    refused = "http://127.0.0.1:9"
    env = {**os.environ, "HTTPS_PROXY": refused, "HTTP_PROXY": refused, "https_proxy": refused}
    env.pop("NO_PROXY", None)
    env.pop("no_proxy", None)
    result = subprocess.run(
        [sys.executable, str(AUDIT)], capture_output=True, text=True, env=env, timeout=300
    )
    output = result.stdout + result.stderr
    assert result.returncode == 3, output
    assert "vulnerability database unreachable" in output
    assert "0 packages checked" in output or "0 of " in output
    assert "0 known vulnerabilities" not in output


def test_every_package_skipped_is_unreachable_not_success():
    report = {
        "dependencies": [
            {"name": "pandas", "skip_reason": "Dependency not found on PyPI"},
            {"name": "numpy", "skip_reason": "Dependency not found on PyPI"},
            {"name": "early_years_indicators", "skip_reason": "not on PyPI"},
        ]
    }
    lines, status = _audit_module().summarise(report)
    assert status == 3
    assert lines[-1].startswith("pip-audit: vulnerability database unreachable: 0 of 2 packages")


def test_counts_what_was_checked_and_fails_on_a_fixable_finding():
    report = {
        "dependencies": [
            {"name": "pandas", "version": "3.1.0", "vulns": []},
            {
                "name": "jinja2",
                "version": "3.1.0",
                "vulns": [{"id": "GHSA-x", "fix_versions": ["3.1.9"]}],
            },
            {"name": "tornado", "version": "6.0", "vulns": [{"id": "PYSEC-y", "fix_versions": []}]},
        ]
    }
    lines, status = _audit_module().summarise(report)
    assert status == 1
    assert "jinja2 3.1.0: GHSA-x (fix: 3.1.9)" in lines
    assert lines[-1] == (
        "pip-audit: 3 of 3 packages checked against the vulnerability database, "
        "1 known vulnerabilities with a fix available"
    )


def test_a_partly_skipped_audit_fails_and_lists_what_was_not_checked():
    report = {
        "dependencies": [
            {"name": "pandas", "version": "3.1.0", "vulns": []},
            {"name": "numpy", "skip_reason": "timed out"},
        ]
    }
    lines, status = _audit_module().summarise(report)
    assert status == 1
    assert "not checked: numpy: timed out" in lines
    assert lines[-1].endswith("1 packages NOT checked")


def test_a_clean_full_audit_passes():
    report = {"dependencies": [{"name": "pandas", "version": "3.1.0", "vulns": []}]}
    lines, status = _audit_module().summarise(report)
    assert status == 0
    assert lines[-1].startswith("pip-audit: 1 of 1 packages checked")
