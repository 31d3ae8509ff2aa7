"""Audit the installed (locked) dependencies against a vulnerability database, honestly.

Runs pip-audit on the project's virtual environment and says how many packages were really
checked. Exit status:

- 0: every dependency was checked and none has a known vulnerability with a fix;
- 1: a known vulnerability with a fix available (each finding is printed), or some
  dependencies could not be checked (they are listed);
- 3: the vulnerability database could not be reached, so nothing was checked. CI may report
  this as a visible skip; it is never "0 vulnerabilities".

Findings without a fix are printed but do not fail the run (nothing can be done but watch).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

UNREACHABLE = 3
#: Distributions that are this project itself (never on PyPI, so never audited there).
OWN = {"early-years-indicators"}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def summarise(report: dict) -> tuple[list[str], int]:
    """The lines to print and the exit status for a pip-audit JSON report."""
    dependencies = [
        d for d in report.get("dependencies", []) if _canonical(d.get("name", "")) not in OWN
    ]
    checked = [d for d in dependencies if "skip_reason" not in d]
    skipped = [d for d in dependencies if "skip_reason" in d]
    lines, fixable = [], []
    for dependency in checked:
        for vulnerability in dependency.get("vulns", []):
            fixes = ", ".join(vulnerability.get("fix_versions", [])) or "none"
            line = f"{dependency['name']} {dependency['version']}: {vulnerability['id']} (fix: {fixes})"
            lines.append(line)
            if vulnerability.get("fix_versions"):
                fixable.append(line)
    if dependencies and not checked:
        lines.append(
            f"pip-audit: vulnerability database unreachable: 0 of {len(dependencies)} packages "
            f"checked (first reason: {skipped[0]['skip_reason']}). The audit did NOT run."
        )
        return lines, UNREACHABLE
    for dependency in skipped:
        lines.append(f"not checked: {dependency['name']}: {dependency['skip_reason']}")
    lines.append(
        f"pip-audit: {len(checked)} of {len(dependencies)} packages checked against the "
        f"vulnerability database, {len(fixable)} known vulnerabilities with a fix available"
        + (f", {len(skipped)} packages NOT checked" if skipped else "")
    )
    return lines, 1 if fixable or skipped else 0


def main() -> int:
    result = subprocess.run(
        [sys.executable, "-m", "pip_audit", "--format", "json", "--progress-spinner", "off"],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(result.stdout) if result.stdout.strip() else None
    except json.JSONDecodeError:
        report = None
    if report is None:
        detail = (result.stderr.strip().splitlines() or ["no output"])[-1]
        print(
            "pip-audit: vulnerability database unreachable (pip-audit could not run: "
            f"{detail}). 0 packages checked; the audit did NOT run.",
            file=sys.stderr,
        )
        return UNREACHABLE
    lines, status = summarise(report)
    for line in lines:
        print(line)
    return status


if __name__ == "__main__":
    sys.exit(main())
