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

.PHONY: help setup setup-spark check-inputs run build docs summary test lint sqlfluff ruff dbt-build \
	pytest test-postgres test-spark engine-suite seeds lock clean metrics semantic-validate coverage \
	yaml report bench

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

# pyspark is a 450 MB download: only the Spark run installs it.
$(SPARK_INSTALLED): $(INSTALLED) requirements-spark.txt
	$(BIN)/python -m pip install --quiet -r requirements-spark.txt
	@touch $@

setup-spark: $(SPARK_INSTALLED) ## install the Spark extras (pyspark) into .venv

run: setup build docs summary ## set up, build everything on DuckDB, generate docs, print a summary

build: setup check-inputs ## dbt build (seeds, models, unit and data tests) on the default target
	$(DBT) build

docs: setup check-inputs ## dbt docs generate (open with: .venv/bin/dbt docs serve)
	$(DBT) docs generate

summary: setup ## print campaigns with views, CTR and account CTR
	$(BIN)/python -m ctr_tools.summary

test: setup lint dbt-build semantic-validate coverage pytest ## lint, dbt build with every test, semantic layer, coverage, pytest

lint: sqlfluff ruff yaml ## sqlfluff (dbt templater), ruff and check-yaml (as .pre-commit-config.yaml)

sqlfluff: setup
	$(BIN)/sqlfluff lint models tests macros analyses

ruff: setup
	$(BIN)/ruff check ctr_tools integration_tests
	$(BIN)/ruff format --check ctr_tools integration_tests

yaml: setup
	$(BIN)/check-yaml $$(find . \( -path ./.venv -o -path ./target -o -path ./dbt_packages \
	  -o -path ./logs -o -path ./.git -o -path ./data \) -prune -o \( -name '*.yml' -o -name '*.yaml' \) -print)

dbt-build: setup check-inputs ## dbt build into a throwaway DuckDB file
	CTR_DUCKDB_PATH=target/ci.duckdb $(DBT) build --full-refresh

semantic-validate: setup ## mf validate-configs on the CI build (after dbt-build)
	CTR_DUCKDB_PATH=target/ci.duckdb $(BIN)/mf validate-configs

coverage: setup ## every model, seed, macro and column described, every model's grain tested (after dbt-build)
	CTR_DUCKDB_PATH=target/ci.duckdb $(DBT) --quiet docs generate --no-compile
	$(BIN)/python -m ctr_tools.check_coverage target/manifest.json --catalog target/catalog.json

pytest: setup ## the Python suites (end to end against an independent computation)
	$(BIN)/python -m pytest

# `make metrics` answers from the local build (`make build` first); override
# e.g. make metrics MF_METRICS=ctr,viewers MF_GROUP_BY=metric_time__week,campaign MF_WHERE=
MF_METRICS ?= account_ctr,accounts_clicked,accounts_viewed
MF_GROUP_BY ?= metric_time__week,account__industry
MF_WHERE ?= {{ Entity('account') }} is not null
metrics: setup ## MetricFlow: account CTR by industry per week (MF_METRICS, MF_GROUP_BY, MF_WHERE)
	@test -f ctr.duckdb || { echo "No ctr.duckdb: run make build first." >&2; exit 1; }
	@# The semantic manifest names the relations of the target it was parsed
	@# for (make test parses for target/ci.duckdb): parse for ctr.duckdb.
	$(DBT) --quiet parse
	$(BIN)/mf query --metrics $(MF_METRICS) --group-by $(MF_GROUP_BY) \
	  $(if $(MF_WHERE),--where "$(MF_WHERE)") --order $(MF_GROUP_BY)

report: setup ## write the self-contained HTML report reports/ctr_report.html (after make build)
	$(BIN)/python -m ctr_tools.report --database ctr.duckdb --out reports/ctr_report.html

test-postgres: setup ## dbt build with every test, and pytest, on a throwaway PostgreSQL 15
	$(BIN)/python -m ctr_tools.throwaway_postgres -- \
		$(MAKE) --no-print-directory engine-suite CTR_TARGET=postgres

# pytest reads the Spark build engine-suite made (CTR_BUILT_SPARK_DIR)
# rather than building the same seeds on Spark a second time.
test-spark: setup-spark ## dbt build with every test, and pytest, on a local Spark session
	rm -rf target/spark
	$(MAKE) --no-print-directory engine-suite CTR_TARGET=spark \
		CTR_SPARK_DIR=$(CURDIR)/target/spark CTR_BUILT_SPARK_DIR=$(CURDIR)/target/spark

# The dbt build and the pytest suites on $(CTR_TARGET), which the two
# targets above set up (pytest builds its own copies besides, except on
# Spark, and compares them with a DuckDB build of the same seeds).
engine-suite: check-inputs
	@test -n "$(CTR_TARGET)" || { echo "set CTR_TARGET"; exit 2; }
	CTR_TARGET=$(CTR_TARGET) $(DBT) build --full-refresh
	@# A second, incremental run of the incremental models (delete+insert;
	@# on Spark they are tables, so nothing is selected) and what reads them.
	CTR_TARGET=$(CTR_TARGET) $(DBT) build --select config.materialized:incremental+
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
	rm -rf target logs ctr.duckdb ctr.duckdb.wal ctr.duckdb.tmp derby.log

SIZE ?= 1000000
bench: setup ## benchmark dbt against hand-written SQL: make bench SIZE=10000000
	$(BIN)/python -m ctr_tools.bench --views $(SIZE)
