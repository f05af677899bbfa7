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
	touch $@

install: $(STAMP)

demo: install
	$(BIN)/provenance ingest seeds/ --store .provenance/demo
	$(BIN)/provenance report --store .provenance/demo --format md --out out/seeds-report.md
	$(BIN)/provenance report --store .provenance/demo --format json --out out/seeds-report.json

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check provenance embeddings tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .provenance out
