# The two commands a newcomer needs (see README):
#   make app    set up and run the dashboard on the bundled data
#   make test   set up and run the whole test suite (installs Debian chromium if missing)
# Everything is installed into .venv from the lock file.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: app test lint build chromium audit bench

$(STAMP): requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	touch $(STAMP)

app: $(STAMP)
	$(PY) -m streamlit run serve.py

build: $(STAMP)
	$(PY) -m indicators build

chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
		if [ "$$(id -u)" = "0" ]; then apt-get update && apt-get install -y chromium; \
		else echo "Debian chromium is missing: sudo apt-get install -y chromium (browser tests will be skipped)"; fi; \
	fi

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: $(STAMP) chromium lint
	$(PY) -m pytest

audit: $(STAMP)
	$(PY) .ci/audit.py

bench: $(STAMP) chromium
	$(PY) benchmarks/run.py
