"""Reading built marts and comparing them with the Python reference.

Shared by the end-to-end suites (``test_marts_match_reference``,
``test_hostile_seeds``): rows of ``main_marts.<mart>`` are compared with
``ctr_tools.reference.compute_marts`` keyed by the contract's grain: the
same keys, counts exactly equal, rates within ``TOLERANCE``, nulls where the
reference has None. ``rejected_events`` is compared as a count per
(event_type, reason).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal

import duckdb
import pytest
from warehouses import Warehouse

from ctr_tools.reference import (
    CAMPAIGN_SIGNIFICANCE_COLUMNS,
    CREATIVE_SIGNIFICANCE_COLUMNS,
    MART_COLUMNS,
    MART_GRAINS,
    MartRow,
)

SCHEMA = "main_marts"
# The layer of the marts for a ``Warehouse`` (its schema is <base>_marts).
LAYER = "marts"
# A read-only DuckDB connection, or a Warehouse on any target.
Connection = duckdb.DuckDBPyConnection | Warehouse
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


# --------------------------------------------------------------------------
# Reading the warehouse
# --------------------------------------------------------------------------


def warehouse_columns(conn: Connection, mart: str) -> list[str] | None:
    """The columns of mart ``mart``, or None when it does not exist.

    ``conn`` is a DuckDB connection (``main_marts.<mart>``) or a
    ``warehouses.Warehouse`` on any target (its marts schema).
    """
    if isinstance(conn, Warehouse):
        return conn.columns(LAYER, mart)
    try:
        cursor = conn.execute(f'select * from {SCHEMA}."{mart}" limit 0')
    except duckdb.CatalogException:
        return None
    return [d[0] for d in cursor.description]


def warehouse_rows(
    conn: Connection, mart: str, columns: Sequence[str]
) -> list[MartRow]:
    """Every row of mart ``mart``, only ``columns``, as dicts."""
    if isinstance(conn, Warehouse):
        return conn.rows(LAYER, mart, list(columns))
    selected = ", ".join(f'"{c}"' for c in columns)
    cursor = conn.execute(f'select {selected} from {SCHEMA}."{mart}"')
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


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
# Whole marts
# --------------------------------------------------------------------------


def mart_problems(conn: Connection, mart: str, expected: list[MartRow]) -> list[str]:
    """Differences of one mart (every contract column) from the reference."""
    columns = MART_COLUMNS[mart]
    present = warehouse_columns(conn, mart)
    if present is None:
        return [f"{SCHEMA}.{mart} does not exist"]
    missing = [c for c in columns if c not in present]
    if missing:
        return [f"{SCHEMA}.{mart} lacks contract columns {missing}"]
    keys = MART_GRAINS[mart]
    values = [c for c in columns if c not in keys]
    return compare_rows(expected, warehouse_rows(conn, mart, columns), keys, values)


def rejected_events_problems(conn: Connection, expected: list[MartRow]) -> list[str]:
    """Rule 1: differences in the count of rejections per (type, reason)."""
    present = warehouse_columns(conn, "rejected_events")
    if present is None:
        return [f"{SCHEMA}.rejected_events does not exist"]
    reasons = [c for c in REASON_COLUMNS if c in present]
    if not reasons:
        return [f"{SCHEMA}.rejected_events has none of {REASON_COLUMNS}"]
    actual = Counter(
        (row["event_type"], row[reasons[0]])
        for row in warehouse_rows(conn, "rejected_events", ["event_type", reasons[0]])
    )
    wanted = Counter((r["event_type"], r["reason"]) for r in expected)
    return [
        f"{key}: warehouse {actual[key]}, reference {wanted[key]}"
        for key in sorted(wanted.keys() | actual.keys(), key=sort_key)
        if actual[key] != wanted[key]
    ]


def reference_problems(
    conn: Connection, reference: dict[str, list[MartRow]]
) -> dict[str, list[str]]:
    """Every public mart's differences from the reference, by mart."""
    problems = {
        mart: mart_problems(conn, mart, reference[mart])
        for mart in (*ROW_MARTS, "tracking_health")
    }
    problems["rejected_events"] = rejected_events_problems(
        conn, reference["rejected_events"]
    )
    return problems
