"""Fail when an installed (locked) dependency has a known vulnerability with a fix available.

Runs pip-audit on the project's virtual environment and prints every finding; only those
with a fixed version fail the run (nothing can be done about the others but watch them).
"""

from __future__ import annotations

import json
import subprocess
import sys

result = subprocess.run(
    [sys.executable, "-m", "pip_audit", "--format", "json", "--progress-spinner", "off"],
    capture_output=True,
    text=True,
    check=False,
)
if result.returncode not in (0, 1) or not result.stdout.strip():
    print(result.stderr, file=sys.stderr)
    sys.exit("pip-audit could not run")
report = json.loads(result.stdout)
fixable = []
for dependency in report.get("dependencies", []):
    for vulnerability in dependency.get("vulns", []):
        line = f"{dependency['name']} {dependency['version']}: {vulnerability['id']} (fix: {', '.join(vulnerability.get('fix_versions', [])) or 'none'})"
        print(line)
        if vulnerability.get("fix_versions"):
            fixable.append(line)
audited = len(report.get("dependencies", []))
print(
    f"pip-audit: {audited} packages audited, {len(fixable)} known vulnerabilities with a fix available"
)
sys.exit(1 if fixable else 0)
