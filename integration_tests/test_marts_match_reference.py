"""End-to-end: every row the dbt project builds matches the Python reference.

The reference (``ctr_tools.reference``) re-implements the contract in plain
Python. For each public mart this test reads the built table ``<mart>`` of
the marts schema from the ``warehouse`` fixture (the project freshly built
on the CTR_TARGET engine: DuckDB by default, PostgreSQL or Spark) and the
reference's rows from the
same seed CSVs (``seeds_dir`` fixture), then compares them keyed by the
contract's grain: the same keys, counts exactly equal, rates within 1e-9,
nulls where the reference has None.

``rejected_events`` is compared as a count per (event_type, reason). The
section 5 columns (significance, ``tracking_health``) are skipped, with a
message, while the warehouse does not have them yet.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from warehouses import Warehouse

from ctr_tools.reference import (
    CAMPAIGN_SIGNIFICANCE_COLUMNS,
    CREATIVE_SIGNIFICANCE_COLUMNS,
    MART_COLUMNS,
    MART_GRAINS,
    MartRow,
    compute_marts,
    load_raw,
)

LAYER = "marts"
TOLERANCE = 1e-9
SHOWN_PROBLEMS = 10
ROW_MARTS = (
    "campaign_ctr",
    "creative_ctr",
    "account_ctr",
    "segment_ctr",
    "dim_accounts",
)
# The contract calls it "reason"; either name is accepted.
REASON_COLUMNS = ("reason", "rejection_reason")
SIGNIFICANCE_COLUMNS: dict[str, tuple[str, ...]] = {
    "campaign_ctr": CAMPAIGN_SIGNIFICANCE_COLUMNS,
    "creative_ctr": CREATIVE_SIGNIFICANCE_COLUMNS,
}

_reference_cache: dict[Path, dict[str, list[MartRow]]] = {}


@pytest.fixture
def reference(seeds_dir: Path) -> dict[str, list[MartRow]]:
    """The reference marts of the seeds the warehouse was built from."""
    key = Path(seeds_dir).resolve()
    if key not in _reference_cache:
        _reference_cache[key] = compute_marts(load_raw(key))
    return _reference_cache[key]


# --------------------------------------------------------------------------
# Reading the warehouse
# --------------------------------------------------------------------------


def warehouse_columns(conn: Warehouse, mart: str) -> list[str] | None:
    """The columns of mart ``mart``, or None when it does not exist."""
    return conn.columns(LAYER, mart)


def warehouse_rows(conn: Warehouse, mart: str, columns: Sequence[str]) -> list[MartRow]:
    """Every row of mart ``mart``, only ``columns``, as dicts."""
    return conn.rows(LAYER, mart, list(columns))


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
# Comparing
# --------------------------------------------------------------------------


def values_match(expected: object, actual: object) -> bool:
    """Reference value against warehouse value.

    None only matches None; a reference float matches within ``TOLERANCE``;
    a reference int (a count) or bool (a flag) matches the same type
    exactly; anything else (ids, labels, dates) by equality.
    """
    if expected is None or actual is None:
        return expected is None and actual is None
    if isinstance(expected, bool):
        return isinstance(actual, bool) and actual == expected
    if isinstance(expected, int):
        return (
            isinstance(actual, int)
            and not isinstance(actual, bool)
            and actual == expected
        )
    if isinstance(expected, float):
        if not isinstance(actual, (float, int, Decimal)) or isinstance(actual, bool):
            return False
        return math.isclose(float(actual), expected, rel_tol=0.0, abs_tol=TOLERANCE)
    return type(actual) is type(expected) and actual == expected


def index_rows(
    rows: Iterable[MartRow], key_columns: Sequence[str]
) -> tuple[dict[tuple[object, ...], MartRow], list[tuple[object, ...]]]:
    """Rows by grain key, and the keys that occur more than once."""
    indexed: dict[tuple[object, ...], MartRow] = {}
    repeated: list[tuple[object, ...]] = []
    for row in rows:
        key = tuple(row[c] for c in key_columns)
        if key in indexed:
            repeated.append(key)
        indexed[key] = row
    return indexed, repeated


def sort_key(key: tuple[object, ...]) -> tuple[tuple[int, str], ...]:
    """Orders keys that may hold None and mixed types."""
    return tuple((0, "") if v is None else (1, repr(v)) for v in key)


def compare_rows(
    expected_rows: Iterable[MartRow],
    actual_rows: Iterable[MartRow],
    key_columns: Sequence[str],
    value_columns: Sequence[str],
) -> list[str]:
    """Every difference between reference and warehouse rows, as text."""
    expected, _ = index_rows(expected_rows, key_columns)
    actual, repeated = index_rows(actual_rows, key_columns)
    problems = [f"grain {k} occurs more than once in the warehouse" for k in repeated]
    problems += [
        f"missing from the warehouse: {k} (reference: {expected[k]})"
        for k in sorted(expected.keys() - actual.keys(), key=sort_key)
    ]
    problems += [
        f"not in the reference: {k} (warehouse: {actual[k]})"
        for k in sorted(actual.keys() - expected.keys(), key=sort_key)
    ]
    for key in sorted(expected.keys() & actual.keys(), key=sort_key):
        for column in value_columns:
            want, got = expected[key][column], actual[key][column]
            if not values_match(want, got):
                problems.append(
                    f"{key} {column}: warehouse {got!r}, reference {want!r}"
                )
    return problems


def assert_no_problems(mart: str, problems: list[str], compared: int) -> None:
    """Fail with the first few problems when there are any."""
    if problems:
        shown = "\n  ".join(problems[:SHOWN_PROBLEMS])
        more = len(problems) - SHOWN_PROBLEMS
        tail = f"\n  ... and {more} more" if more > 0 else ""
        pytest.fail(
            f"{mart}: {len(problems)} difference(s) against the reference "
            f"({compared} reference rows):\n  {shown}{tail}",
            pytrace=False,
        )


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
    warehouse: Warehouse,
    reference: dict[str, list[MartRow]],
) -> None:
    """Every row and contract column of ``mart`` matches the reference."""
    expected = reference[mart]
    significance = SIGNIFICANCE_COLUMNS.get(mart, ())
    columns = [c for c in MART_COLUMNS[mart] if c not in significance]
    present = warehouse_columns(warehouse, mart)
    assert present is not None, f"{LAYER}.{mart} does not exist"
    missing = [c for c in columns if c not in present]
    assert not missing, f"{LAYER}.{mart} lacks contract columns {missing}"
    actual = warehouse_rows(warehouse, mart, columns)
    keys = MART_GRAINS[mart]
    values = [c for c in columns if c not in keys]
    assert_no_problems(
        mart, compare_rows(expected, actual, keys, values), len(expected)
    )


@pytest.mark.parametrize("mart", sorted(SIGNIFICANCE_COLUMNS))
def test_significance_columns_match_reference(
    mart: str,
    warehouse: Warehouse,
    reference: dict[str, list[MartRow]],
) -> None:
    """Section 5 significance columns of campaign_ctr and creative_ctr."""
    keys = MART_GRAINS[mart]
    columns = SIGNIFICANCE_COLUMNS[mart]
    actual = rows_or_skip(warehouse, mart, [*keys, *columns])
    expected = reference[mart]
    assert_no_problems(
        f"{mart} significance",
        compare_rows(expected, actual, keys, columns),
        len(expected),
    )


def test_rejected_events_match_reference(
    warehouse: Warehouse,
    reference: dict[str, list[MartRow]],
) -> None:
    """Rule 1: the same number of rejections per (event_type, reason)."""
    present = warehouse_columns(warehouse, "rejected_events")
    assert present is not None, f"{LAYER}.rejected_events does not exist"
    reasons = [c for c in REASON_COLUMNS if c in present]
    assert reasons, f"{LAYER}.rejected_events has none of {REASON_COLUMNS}"
    actual = Counter(
        (row["event_type"], row[reasons[0]])
        for row in warehouse_rows(
            warehouse, "rejected_events", ["event_type", reasons[0]]
        )
    )
    expected = Counter(
        (r["event_type"], r["reason"]) for r in reference["rejected_events"]
    )
    problems = [
        f"{key}: warehouse {actual[key]}, reference {expected[key]}"
        for key in sorted(expected.keys() | actual.keys(), key=sort_key)
        if actual[key] != expected[key]
    ]
    assert_no_problems("rejected_events", problems, sum(expected.values()))


def test_tracking_health_matches_reference(
    warehouse: Warehouse,
    reference: dict[str, list[MartRow]],
) -> None:
    """Section 5: every raw row counted once per (date_day, channel)."""
    expected = reference["tracking_health"]
    keys = MART_GRAINS["tracking_health"]
    columns = MART_COLUMNS["tracking_health"]
    actual = rows_or_skip(warehouse, "tracking_health", columns)
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
