# PStage — `make run` serves the demo, `make test` runs lint and the whole suite.
# The virtual environment uses the newest Python >= 3.11 found (override: PYTHON=python3.11 make test).
PYTHON ?= $(shell for v in 14 13 12 11; do \
	for p in python3.$$v $$(ls -d $$HOME/.pyenv/versions/3.$$v.*/bin/python3 2>/dev/null | sort -V | tail -n 1); do \
	  $$p -c 'import sys; assert sys.version_info >= (3, 11)' >/dev/null 2>&1 && { echo $$p; exit 0; }; \
	done; done; echo python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench install install-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/pstage db upgrade
	PSTAGE_DEMO=$${PSTAGE_DEMO:-true} $(BIN)/pstage seed-demo --if-empty
	PSTAGE_DEMO=$${PSTAGE_DEMO:-true} $(BIN)/pstage serve

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/mypy .

test: lint
	$(BIN)/pytest $(PYTEST_ARGS)

bench: install-dev
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
