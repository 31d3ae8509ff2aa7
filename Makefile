# The two commands a newcomer needs (see README):
#   make app    set up and run the dashboard on the bundled data
#   make test   set up and run the whole test suite (installs Debian chromium if missing)
#   make serve  many users at once: one Streamlit process per core behind HAProxy (see README)
# Everything is installed into .venv from the lock file.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: app test lint build chromium haproxy audit bench bench-serve serve serve-stop

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

haproxy:
	@if ! command -v haproxy >/dev/null 2>&1 && [ ! -x /usr/sbin/haproxy ]; then \
		if [ "$$(id -u)" = "0" ]; then apt-get update && apt-get install -y haproxy; \
		else echo "Debian haproxy is missing: sudo apt-get install -y haproxy (serve tests will be skipped)"; fi; \
	fi

# PROCESSES=N (default: one per core), PORT=8501; Ctrl-C or `make serve-stop` stops it.
serve: $(STAMP) haproxy
	$(PY) deploy/launch.py $(if $(PROCESSES),--processes $(PROCESSES)) --port $(or $(PORT),8501)

serve-stop:
	@if [ -f .serve.pid ]; then kill -TERM "$$(cat .serve.pid)" && echo "stopping make serve"; \
	else echo "make serve is not running (no .serve.pid)"; fi

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: $(STAMP) chromium haproxy lint
	$(PY) -m pytest

audit: $(STAMP)
	$(PY) .ci/audit.py

bench: $(STAMP) chromium haproxy
	$(PY) benchmarks/run.py

# Load through the proxy: 1, 2 and N processes at 20, 50 and 100 sessions (long; see README).
bench-serve: $(STAMP) haproxy
	$(PY) benchmarks/serve_load.py
