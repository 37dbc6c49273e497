# `make run` and `make test` set everything up from a fresh clone: virtual env, install, index.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# torch is pinned to the CPU build in the same pip call as everything else: an unpinned torch
# would pull a multi-GB CUDA build. Use pip (uv and poetry ignore the local torch wheel).
TORCH := torch==2.13.0
STAMP := $(VENV)/.installed

.PHONY: run test install index lint bench clean

run: index
	$(BIN)/explainer

test: install
	$(BIN)/ruff check explainer tests
	$(BIN)/mypy explainer tests
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "$(TORCH)" -e ".[dev]"
	touch $(STAMP)

index: install
	$(BIN)/explainer index build --if-changed

lint: install
	$(BIN)/ruff check explainer tests
	$(BIN)/mypy explainer tests
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .grimp_cache .import_linter_cache build dist
