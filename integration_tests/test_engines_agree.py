"""Cross-engine: the marts built on PostgreSQL or Spark equal DuckDB's.

Runs when CTR_TARGET is postgres or spark (``make test-postgres``, ``make
test-spark``): the ``target_warehouse`` fixture is the project built on that
engine, and this module builds the same seeds on DuckDB too. Every public
mart and rejected_events must have the same rows, keyed by the mart's grain:
the same keys, ids, labels, dates, flags and counts exactly (and of the same
Python type), rates within 1e-9.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import build_project
from mart_comparison import assert_no_problems, compare_rows
from warehouses import PUBLIC_MARTS, Warehouse, open_warehouse

from ctr_tools.reference import MART_GRAINS

GRAINS: dict[str, tuple[str, ...]] = {
    **{mart: MART_GRAINS[mart] for mart in PUBLIC_MARTS if mart in MART_GRAINS},
    # The semantic layer's dimensions (not in the contract's reference).
    "dim_campaigns": ("campaign_id",),
    "dim_creatives": ("creative_id",),
    "rejected_events": ("event_type", "raw_row_fingerprint", "raw_row_occurrence"),
}


@pytest.fixture(scope="module")
def duckdb_warehouse(
    target: str, tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path
) -> Iterator[Warehouse]:
    """The same seeds built on DuckDB, the engine the others must equal."""
    if target == "duckdb":
        pytest.skip("the warehouse is DuckDB: run with CTR_TARGET=postgres or spark")
    project = build_project(tmp_path_factory.mktemp("duckdb"), seeds_dir, "duckdb")
    connection = open_warehouse("duckdb", project)
    yield connection
    connection.close()


@pytest.mark.parametrize("mart", sorted(GRAINS))
def test_mart_equals_the_duckdb_build_row_for_row(
    mart: str, duckdb_warehouse: Warehouse, target_warehouse: Warehouse
) -> None:
    """Same columns, same grain keys, same values (rates within 1e-9)."""
    columns = duckdb_warehouse.columns("marts", mart)
    assert columns, f"DuckDB built no {mart}"
    assert target_warehouse.columns("marts", mart) == columns, f"{mart} columns differ"
    expected = duckdb_warehouse.rows("marts", mart)
    assert expected, f"{mart} is empty on DuckDB: the comparison would be vacuous"
    keys = GRAINS[mart]
    values = [c for c in columns if c not in keys]
    problems = compare_rows(
        expected, target_warehouse.rows("marts", mart), keys, values
    )
    assert_no_problems(f"{mart} on {target_warehouse.target}", problems, len(expected))
