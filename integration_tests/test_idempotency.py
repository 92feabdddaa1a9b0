"""Building twice without a change gives the same public marts, row for row.

The sample project (``sample_project``: one full ``dbt build``) is read, built
again with ``dbt build``, and read again: every public mart must have the
same columns and the same rows. Rows are compared as multisets (sorted), not
by position, since a table has no row order.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import duckdb
from conftest import dbt

SCHEMA = "main_marts"
PUBLIC_MARTS = (
    "campaign_ctr",
    "creative_ctr",
    "account_ctr",
    "segment_ctr",
    "dim_accounts",
    "rejected_events",
    "tracking_health",
)
Snapshot = dict[str, tuple[list[str], Counter[tuple[object, ...]]]]


def snapshot(database: Path) -> Snapshot:
    """Every public mart's column names and rows (as a multiset)."""
    marts: Snapshot = {}
    with duckdb.connect(str(database), read_only=True) as conn:
        for mart in PUBLIC_MARTS:
            cursor = conn.execute(f'select * from {SCHEMA}."{mart}"')
            columns = [d[0] for d in cursor.description]
            marts[mart] = (columns, Counter(cursor.fetchall()))
    return marts


def test_second_build_changes_no_public_mart(sample_project: Path) -> None:
    database = sample_project / "ctr.duckdb"
    first = snapshot(database)
    for mart, (_, rows) in first.items():
        assert rows, f"{mart} is empty: the comparison would prove nothing"
    dbt(sample_project, "build")
    second = snapshot(database)
    for mart in PUBLIC_MARTS:
        (columns_1, rows_1), (columns_2, rows_2) = first[mart], second[mart]
        assert columns_2 == columns_1, mart
        only_first, only_second = rows_1 - rows_2, rows_2 - rows_1
        assert not only_first and not only_second, (
            f"{mart}: {sum(only_first.values())} row(s) only after the first "
            f"build, {sum(only_second.values())} only after the second, e.g. "
            f"{next(iter(only_first or only_second))}"
        )
