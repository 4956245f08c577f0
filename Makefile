# Two commands on a fresh machine with python3 >= 3.11 and make:
#   make run    set up .venv, initialise the database, load the demo on first start, serve the app
#   make test   set up the dev tools, run lint, type checks and the tests
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run serve-many test lint bench mutate install dev clean

$(BIN)/.installed: requirements.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(BIN)/.installed-dev: $(BIN)/.installed requirements-dev.txt
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed
dev: $(BIN)/.installed-dev

run: $(BIN)/.installed
	$(BIN)/python -m tracker init
	$(BIN)/python -m tracker demo --if-empty
	$(BIN)/python dashboard.py --server.port $(PORT) --server.headless true

# Several app processes behind nginx over one database (PostgreSQL: TRACKER_DATABASE_URL); see README "Serving many users".
PROCESSES ?= 4
PROXY_PORT ?= 8080
serve-many: $(BIN)/.installed
	$(BIN)/python -m tracker init
	$(BIN)/python -m tracker demo --if-empty
	$(BIN)/python -m webapp.many --processes $(PROCESSES) --port $(PROXY_PORT)

lint: $(BIN)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -q

bench: $(BIN)/.installed-dev
	$(BIN)/python -m benchmarks.run

# Mutation testing of the engine's rules and the import checks (several minutes; not part of `make test`).
mutate: $(BIN)/.installed-dev
	$(BIN)/python -m benchmarks.mutation

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache mutants
