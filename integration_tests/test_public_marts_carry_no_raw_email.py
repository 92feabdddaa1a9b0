"""No public mart carries a raw email.

People appear in the marts only through the salted person key (salt from
CTR_PERSON_KEY_SALT). Every string value of every public mart (and of the
person-level fact) is scanned for an `@`. rejected_events is not a public
mart: it keeps the raw email by design, and serves here as the proof that
the scan finds emails where they are.
"""

from __future__ import annotations

import pytest
from warehouses import NOT_FOR_BI, PUBLIC_MARTS, Warehouse

SCANNED = (*PUBLIC_MARTS, "fct_person_engagement")


def values_with_at(target_warehouse: Warehouse, mart: str) -> list[tuple[str, str]]:
    """(column, value) of every string value of ``mart`` containing `@`."""
    rows = target_warehouse.rows("marts", mart)
    assert rows, f"{mart} is empty: the scan would be vacuous"
    return [
        (column, value)
        for row in rows
        for column, value in row.items()
        if isinstance(value, str) and "@" in value
    ]


@pytest.mark.parametrize("mart", SCANNED)
def test_mart_has_no_value_with_an_at_sign(
    target_warehouse: Warehouse, mart: str
) -> None:
    found = values_with_at(target_warehouse, mart)
    assert not found, f"{mart} carries email-like values, e.g. {found[:3]}"


def test_the_scan_finds_the_raw_emails_of_rejected_events(
    target_warehouse: Warehouse,
) -> None:
    assert "rejected_events" in NOT_FOR_BI
    assert any(
        column == "raw_email"
        for column, _ in values_with_at(target_warehouse, "rejected_events")
    )
