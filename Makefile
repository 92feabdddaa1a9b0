# Two commands do everything on a fresh machine with Python 3.11:
#   make run   set up, build on the embedded DuckDB, generate docs, report
#   make test  lint, build with every dbt test, run the pytest suites
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
export DBT_PROFILES_DIR := $(CURDIR)
export DBT_PROJECT_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := False
DBT := $(BIN)/dbt

.PHONY: help setup check-inputs run build docs summary test lint sqlfluff ruff dbt-build pytest seeds lock clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(INSTALLED): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

setup: $(INSTALLED) ## create .venv and install the pinned packages

# dbt stops on a missing seed while parsing, naming it but not the fix; this
# names both. Skip it (CHECK_INPUTS=no) when raw_input() reads your tables.
CHECK_INPUTS ?= yes
check-inputs: setup ## check the six raw seed files exist with the contract's header
	@if [ "$(CHECK_INPUTS)" != no ]; then $(BIN)/python -m ctr_tools.check_inputs seeds; fi

run: setup build docs summary ## set up, build everything on DuckDB, generate docs, print a summary

build: setup check-inputs ## dbt build (seeds, models, unit and data tests) on the default target
	$(DBT) build

docs: setup check-inputs ## dbt docs generate (open with: .venv/bin/dbt docs serve)
	$(DBT) docs generate

summary: setup ## print campaigns with views, CTR and account CTR
	$(BIN)/python -m ctr_tools.summary

test: setup lint dbt-build pytest ## lint, dbt build with every test, pytest

lint: sqlfluff ruff ## sqlfluff (dbt templater) and ruff

sqlfluff: setup
	$(BIN)/sqlfluff lint models tests macros analyses

ruff: setup
	$(BIN)/ruff check ctr_tools integration_tests
	$(BIN)/ruff format --check ctr_tools integration_tests

dbt-build: setup check-inputs ## dbt build into a throwaway DuckDB file
	CTR_DUCKDB_PATH=target/ci.duckdb $(DBT) build --full-refresh

pytest: setup ## the Python suites (end to end against an independent computation)
	$(BIN)/python -m pytest

seeds: setup ## regenerate the committed sample seeds (deterministic)
	$(BIN)/python -m ctr_tools.sample_data --seed 42 --out seeds

lock: ## re-resolve requirements.in into the exact pins of requirements.txt
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -r requirements.in
	{ echo "# Generated from requirements.in by \`make lock\`: every package pinned exactly."; \
	  .venv-lock/bin/pip freeze | grep -v '^pip=='; } > requirements.txt
	rm -rf .venv-lock

clean: ## remove build output and the local database
	rm -rf target logs ctr.duckdb ctr.duckdb.wal .duckdb_tmp
