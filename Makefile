# Two commands do everything on a fresh machine with Python 3.11:
#   make run   set up, build on the embedded DuckDB, generate docs, report
#   make test  lint, build with every dbt test, run the pytest suites
# The same build and suites on the other engines:
#   make test-postgres  against a throwaway PostgreSQL 15 cluster
#   make test-spark     against a local Spark (dbt-spark session method)
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
SPARK_INSTALLED := $(VENV)/.installed-spark
export DBT_PROFILES_DIR := $(CURDIR)
export DBT_PROJECT_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := False
DBT := $(BIN)/dbt

.PHONY: help setup setup-spark run build docs summary test lint sqlfluff ruff dbt-build pytest \
	test-postgres test-spark engine-suite seeds lock clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(INSTALLED): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

setup: $(INSTALLED) ## create .venv and install the pinned packages

# pyspark is a 450 MB download: only the Spark run installs it.
$(SPARK_INSTALLED): $(INSTALLED) requirements-spark.txt
	$(BIN)/python -m pip install --quiet -r requirements-spark.txt
	@touch $@

setup-spark: $(SPARK_INSTALLED) ## install the Spark extras (pyspark) into .venv

run: setup build docs summary ## set up, build everything on DuckDB, generate docs, print a summary

build: setup ## dbt build (seeds, models, unit and data tests) on the default target
	$(DBT) build

docs: setup ## dbt docs generate (open with: .venv/bin/dbt docs serve)
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

dbt-build: setup ## dbt build into a throwaway DuckDB file
	CTR_DUCKDB_PATH=target/ci.duckdb $(DBT) build --full-refresh

pytest: setup ## the Python suites (end to end against an independent computation)
	$(BIN)/python -m pytest

test-postgres: setup ## dbt build with every test, and pytest, on a throwaway PostgreSQL 15
	$(BIN)/python -m ctr_tools.throwaway_postgres -- \
		$(MAKE) --no-print-directory engine-suite CTR_TARGET=postgres

test-spark: setup-spark ## dbt build with every test, and pytest, on a local Spark session
	rm -rf target/spark
	$(MAKE) --no-print-directory engine-suite CTR_TARGET=spark \
		CTR_SPARK_DIR=$(CURDIR)/target/spark

# The dbt build and the pytest suites on $(CTR_TARGET), which the two
# targets above set up (pytest builds its own copies besides, and compares
# them with a DuckDB build of the same seeds).
engine-suite:
	@test -n "$(CTR_TARGET)" || { echo "set CTR_TARGET"; exit 2; }
	CTR_TARGET=$(CTR_TARGET) $(DBT) build --full-refresh
	CTR_TARGET=$(CTR_TARGET) $(BIN)/python -m pytest

seeds: setup ## regenerate the committed sample seeds (deterministic)
	$(BIN)/python -m ctr_tools.sample_data --seed 42 --out seeds

lock: ## re-resolve requirements*.in into the exact pins of requirements*.txt
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -r requirements.in
	{ echo "# Generated from requirements.in by \`make lock\`: every package pinned exactly."; \
	  .venv-lock/bin/pip freeze | grep -v '^pip=='; } > requirements.txt
	.venv-lock/bin/pip install --quiet -r requirements-spark.in
	{ echo "# Generated from requirements-spark.in by \`make lock\`: the packages the"; \
	  echo "# Spark run adds to requirements.txt, every one pinned exactly."; \
	  .venv-lock/bin/pip freeze | grep -v '^pip==' | grep -vxF -f requirements.txt; \
	} > requirements-spark.txt
	rm -rf .venv-lock

clean: ## remove build output and the local database
	rm -rf target logs ctr.duckdb ctr.duckdb.wal .duckdb_tmp derby.log
