# polyadmin — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 5000
PYTEST_ARGS ?=

# Outside production, a secret key is generated once and kept in instance/.
export POLYADMIN_ENV ?= demo

.PHONY: help install translations migrate demo run test lint bench mutation clean

help:
	@echo "make run    — installe, migre, crée la session de démonstration et sert http://$(HOST):$(PORT)"
	@echo "make test   — installe et lance toute la suite de tests"
	@echo "make lint   — ruff, mypy, contrat d'architecture (import-linter) et code mort (vulture)"
	@echo "make bench  — mesures de performance"
	@echo "make mutation — tests de mutation des règles du domaine (mutmut, plusieurs minutes ; MUTANTS=… pour un module)"
	@echo "make migrate / make clean"

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip setuptools wheel
	$(BIN)/pip install --quiet -e '.[dev,postgres,server]'
	touch $(STAMP)

translations: $(STAMP)
	@if [ -d polyadmin/translations ]; then $(BIN)/pybabel -q compile -d polyadmin/translations; fi

install: $(STAMP) translations

migrate: install
	$(BIN)/polyadmin db upgrade

demo: migrate
	$(BIN)/polyadmin demo

run: demo
	@echo "polyadmin sur http://$(HOST):$(PORT) (Ctrl+C pour arrêter)"
	$(BIN)/polyadmin run --host $(HOST) --port $(PORT) --no-reload

test: install
	POLYADMIN_ENV=test $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check polyadmin tests migrations
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/vulture  # paths and settings: pyproject.toml [tool.vulture]; framework names: vulture_whitelist.py

bench: install migrate
	POLYADMIN_ENV=test $(BIN)/python -m tests.bench

# Mutation testing of the domain rules ([mutmut] in setup.cfg); not in CI: it takes minutes.
# One module: make mutation MUTANTS='polyadmin.domain.money*'. Survivors: mutmut results / mutmut show NAME.
MUTANTS ?=
MUTATION_JOBS ?= 2
mutation: install
	POLYADMIN_ENV=test nice -n 10 $(BIN)/mutmut run --max-children $(MUTATION_JOBS) $(MUTANTS)
	$(BIN)/python -m tests.mutation_report

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .mypy_cache reports mutants
	rm -f instance/polyadmin.sqlite3 instance/polyadmin.sqlite3-wal instance/polyadmin.sqlite3-shm
