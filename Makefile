# Every target does its own set-up, so a fresh clone needs only `make demo` or `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install demo test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	# torch first, pinned to the local CPU build: otherwise sentence-transformers pulls CUDA wheels.
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	# Export the default model to OpenVINO once, now, instead of on the first command.
	$(BIN)/python -c "from embeddings import Encoder; Encoder().encode(['warm up'])"
	touch $@

install: $(STAMP)

demo: install
	$(BIN)/provenance ingest seeds/ --store .provenance/demo
	$(BIN)/provenance report --store .provenance/demo --format md --out out/seeds-report.md
	$(BIN)/provenance report --store .provenance/demo --format json --out out/seeds-report.json
	$(BIN)/provenance report --store .provenance/demo --format html --out out/seeds-report.html

test: install browser-deps
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check provenance embeddings tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .provenance out

# Headless Chromium for tests/test_html_browser.py and bench/report_open.py: Debian's build,
# driven by Playwright for Python (never `playwright install`, which downloads a browser).
# apt needs root: CI runs as root; elsewhere use `make browser-deps APT="sudo apt-get"`.
APT ?= apt-get
.PHONY: browser-deps
browser-deps: install
	command -v chromium >/dev/null || { $(APT) update && \
	  DEBIAN_FRONTEND=noninteractive $(APT) install -y chromium chromium-driver; } || \
	  echo "warning: no Chromium (apt-get needs root): the browser tests will skip"
