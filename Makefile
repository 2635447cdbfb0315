# PStage — `make run` serves the demo, `make test` runs lint and the whole suite.
# The virtual environment uses the newest Python >= 3.11 found (override: PYTHON=python3.11 make test).
PYTHON ?= $(shell for v in 14 13 12 11; do \
	for p in python3.$$v $$(ls -d $$HOME/.pyenv/versions/3.$$v.*/bin/python3 2>/dev/null | sort -V | tail -n 1); do \
	  $$p -c 'import sys; assert sys.version_info >= (3, 11)' >/dev/null 2>&1 && { echo $$p; exit 0; }; \
	done; done; echo python3)
VENV := .venv
BIN := $(VENV)/bin
# pytest processes per pass (pytest-xdist; 0: a single process). Each has its own databases.
PYTEST_WORKERS ?= 2
PYTEST_XDIST := $(if $(filter 0,$(PYTEST_WORKERS)),,-n $(PYTEST_WORKERS) --dist loadfile)

.PHONY: run test test-sqlite test-postgresql lint bench install install-dev clean

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

# The suite on SQLite, then on PostgreSQL (PSTAGE_TEST_POSTGRES_URL, default the local server): the second
# pass runs the tests that opened their database in the first one (see tests/conftest.py).
test: lint
	@list=$$(mktemp); status=0; \
	echo '=== tests on SQLite'; \
	PSTAGE_TEST_DATABASE_TESTS=$$list $(BIN)/pytest $(PYTEST_XDIST) $(PYTEST_ARGS) || status=$$?; \
	echo "=== tests on PostgreSQL: the $$(sort -u $$list | wc -l) that opened their database"; \
	PSTAGE_TEST_BACKEND=postgresql PSTAGE_TEST_DATABASE_TESTS=$$list $(BIN)/pytest $(PYTEST_XDIST) $(PYTEST_ARGS) \
	  || { second=$$?; [ $$second -eq 5 ] || [ $$status -ne 0 ] || status=$$second; }; \
	rm -f $$list; exit $$status

test-sqlite: install-dev
	$(BIN)/pytest $(PYTEST_XDIST) $(PYTEST_ARGS)

test-postgresql: install-dev
	PSTAGE_TEST_BACKEND=postgresql $(BIN)/pytest $(PYTEST_XDIST) $(PYTEST_ARGS)

bench: install-dev
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
