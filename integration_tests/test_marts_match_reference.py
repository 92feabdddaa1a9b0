"""End-to-end: every row the dbt project builds matches the Python reference.

The reference (``ctr_tools.reference``) re-implements the contract in plain
Python. For each public mart this test reads the built table ``<mart>`` of
the marts schema from the ``target_warehouse`` fixture (the sample project
built on the CTR_TARGET engine: DuckDB by default, PostgreSQL or Spark) and
the reference's rows from
the same seed CSVs (``seeds_dir`` fixture), then compares them keyed by the
contract's grain with the helpers of ``mart_comparison``: the same keys,
counts exactly equal, rates within 1e-9, nulls where the reference has None.

``rejected_events`` is compared as a count per (event_type, reason). The
section 5 columns (significance, ``tracking_health``) are skipped, with a
message, while the warehouse does not have them yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from mart_comparison import (
    LAYER,
    ROW_MARTS,
    SIGNIFICANCE_COLUMNS,
    assert_no_problems,
    compare_rows,
    rejected_events_problems,
    values_match,
    warehouse_columns,
    warehouse_rows,
)
from warehouses import Warehouse

from ctr_tools.reference import (
    MART_COLUMNS,
    MART_GRAINS,
    MartRow,
    compute_marts,
    load_raw,
)

_reference_cache: dict[Path, dict[str, list[MartRow]]] = {}


@pytest.fixture
def reference(seeds_dir: Path) -> dict[str, list[MartRow]]:
    """The reference marts of the seeds the warehouse was built from."""
    key = Path(seeds_dir).resolve()
    if key not in _reference_cache:
        _reference_cache[key] = compute_marts(load_raw(key))
    return _reference_cache[key]


def rows_or_skip(conn: Warehouse, mart: str, columns: Sequence[str]) -> list[MartRow]:
    """The warehouse rows, or skip when the table or a column is missing."""
    present = warehouse_columns(conn, mart)
    if present is None:
        pytest.skip(f"{LAYER}.{mart} is not built yet")
    missing = [c for c in columns if c not in present]
    if missing:
        pytest.skip(f"{LAYER}.{mart} has no {', '.join(missing)} yet")
    return warehouse_rows(conn, mart, columns)


# --------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------


def test_seeds_exercise_the_comparison(reference: dict[str, list[MartRow]]) -> None:
    """The seeds yield rows, so the comparisons below are not vacuous."""
    assert reference["campaign_ctr"], "the seeds produce no counted view"
    assert reference["dim_accounts"], "the seeds produce no account"


@pytest.mark.parametrize("mart", ROW_MARTS)
def test_mart_rows_match_reference(
    mart: str,
    target_warehouse: Warehouse,
    reference: dict[str, list[MartRow]],
) -> None:
    """Every row and contract column of ``mart`` matches the reference."""
    expected = reference[mart]
    significance = SIGNIFICANCE_COLUMNS.get(mart, ())
    columns = [c for c in MART_COLUMNS[mart] if c not in significance]
    present = warehouse_columns(target_warehouse, mart)
    assert present is not None, f"{LAYER}.{mart} does not exist"
    missing = [c for c in columns if c not in present]
    assert not missing, f"{LAYER}.{mart} lacks contract columns {missing}"
    actual = warehouse_rows(target_warehouse, mart, columns)
    keys = MART_GRAINS[mart]
    values = [c for c in columns if c not in keys]
    assert_no_problems(
        mart, compare_rows(expected, actual, keys, values), len(expected)
    )


@pytest.mark.parametrize("mart", sorted(SIGNIFICANCE_COLUMNS))
def test_significance_columns_match_reference(
    mart: str,
    target_warehouse: Warehouse,
    reference: dict[str, list[MartRow]],
) -> None:
    """Section 5 significance columns of campaign_ctr and creative_ctr."""
    keys = MART_GRAINS[mart]
    columns = SIGNIFICANCE_COLUMNS[mart]
    actual = rows_or_skip(target_warehouse, mart, [*keys, *columns])
    expected = reference[mart]
    assert_no_problems(
        f"{mart} significance",
        compare_rows(expected, actual, keys, columns),
        len(expected),
    )


def test_rejected_events_match_reference(
    target_warehouse: Warehouse,
    reference: dict[str, list[MartRow]],
) -> None:
    """Rule 1: the same number of rejections per (event_type, reason)."""
    expected = reference["rejected_events"]
    assert_no_problems(
        "rejected_events",
        rejected_events_problems(target_warehouse, expected),
        len(expected),
    )


def test_tracking_health_matches_reference(
    target_warehouse: Warehouse,
    reference: dict[str, list[MartRow]],
) -> None:
    """Section 5: every raw row counted once per (date_day, channel)."""
    expected = reference["tracking_health"]
    keys = MART_GRAINS["tracking_health"]
    columns = MART_COLUMNS["tracking_health"]
    actual = rows_or_skip(target_warehouse, "tracking_health", columns)
    values = [c for c in columns if c not in keys]
    assert_no_problems(
        "tracking_health",
        compare_rows(expected, actual, keys, values),
        len(expected),
    )


# --------------------------------------------------------------------------
# The comparison itself (no warehouse needed)
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expected", "actual", "match"),
    [
        (None, None, True),
        (None, 0.0, False),
        (0.25, None, False),
        (0.25, 0.25 + 5e-10, True),
        (0.25, 0.25 + 2e-9, False),
        (0.25, Decimal("0.25"), True),
        (3, 3, True),
        (3, 3.0, False),
        (3, 4, False),
        (1, True, False),
        (True, True, True),
        (True, 1, False),
        ("c1", "c1", True),
        ("c1", "C1", False),
    ],
)
def test_values_match(expected: object, actual: object, match: bool) -> None:
    """Nulls, tolerance on rates, exact counts and flags."""
    assert values_match(expected, actual) is match


def test_compare_rows_reports_every_kind_of_difference() -> None:
    """Missing, extra, repeated keys and differing values are all listed."""
    expected = [{"k": 1, "v": 1.0}, {"k": 2, "v": 2.0}, {"k": 3, "v": None}]
    actual = [{"k": 1, "v": 1.0}, {"k": 1, "v": 1.0}, {"k": 3, "v": 0.0}]
    actual.append({"k": 4, "v": 4.0})
    problems = compare_rows(expected, actual, ["k"], ["v"])
    assert len(problems) == 4
    assert problems[0].startswith("grain (1,) occurs more than once")
    assert problems[1].startswith("missing from the warehouse: (2,)")
    assert problems[2].startswith("not in the reference: (4,)")
    assert problems[3] == "(3,) v: warehouse 0.0, reference None"
