"""Grants: the reporting role reads the public marts and nothing else.

The marts are what BI tools read; staging, intermediate, the raw seeds and
rejected_events hold raw emails, and fct_person_engagement is person-level.
On every engine the build's manifest must grant select to the reporting role
on exactly the public marts. On PostgreSQL (CTR_TARGET=postgres) the role
(created with a password by the ``reporting_password`` fixture before the
build) logs in, reads every public mart, and is refused every other
relation the build made.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import REPORTING_ROLE
from warehouses import PUBLIC_MARTS, Warehouse, postgres_connect


def granted_models(target_warehouse: Warehouse) -> dict[str, list[str]]:
    """Every model and seed of the build with the grantees of its select."""
    manifest = json.loads(
        (target_warehouse.project / "target" / "manifest.json").read_text(
            encoding="utf-8"
        )
    )
    granted = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] in ("model", "seed"):
            grantees = (node["config"].get("grants") or {}).get("select", [])
            granted[node["name"]] = (
                [grantees] if isinstance(grantees, str) else list(grantees)
            )
    return granted


def test_only_public_marts_grant_select_to_the_reporting_role(
    target_warehouse: Warehouse,
) -> None:
    granted = granted_models(target_warehouse)
    assert set(PUBLIC_MARTS) <= set(granted)
    assert {name for name, grantees in granted.items() if grantees} == set(PUBLIC_MARTS)
    assert all(granted[mart] == [REPORTING_ROLE] for mart in PUBLIC_MARTS)


@pytest.fixture
def postgres_only(target_warehouse: Warehouse) -> None:
    if target_warehouse.target != "postgres":
        pytest.skip("grants are enforced on PostgreSQL only (CTR_TARGET=postgres)")


@pytest.fixture
def as_reporter(postgres_only: None, reporting_password: str | None) -> Iterator[Any]:
    """A connection logged in as the reporting role, with its password."""
    assert reporting_password is not None
    connection = postgres_connect(REPORTING_ROLE, reporting_password)
    yield connection
    connection.close()


def built_relations(target_warehouse: Warehouse) -> dict[str, str]:
    """Every table and view of the build's schemas: name -> layer."""
    rows = target_warehouse.query(
        "select table_schema, table_name from information_schema.tables"
        f" where table_schema like '{target_warehouse.schema}\\_%'"
    )
    prefix = len(target_warehouse.schema) + 1
    return {r["table_name"]: r["table_schema"][prefix:] for r in rows}


def selects(
    connection: Any, target_warehouse: Warehouse, layer: str, name: str
) -> bool:
    """Whether ``connection`` may read the relation (False when refused)."""
    import psycopg2.errors

    try:
        with connection.cursor() as cursor:
            cursor.execute(
                f"select * from {target_warehouse.relation(layer, name)} limit 1"
            )
            cursor.fetchall()
    except psycopg2.errors.InsufficientPrivilege:
        return False
    return True


def test_reporting_role_logs_in_only_with_its_password(postgres_only: None) -> None:
    import psycopg2

    with pytest.raises(psycopg2.OperationalError, match="password"):
        postgres_connect(REPORTING_ROLE, "not-the-password")


def test_reporting_role_reads_every_public_mart(
    as_reporter: Any, target_warehouse: Warehouse
) -> None:
    for mart in PUBLIC_MARTS:
        assert selects(as_reporter, target_warehouse, "marts", mart), mart


def test_reporting_role_is_refused_everything_else(
    as_reporter: Any, target_warehouse: Warehouse
) -> None:
    relations = built_relations(target_warehouse)
    others = {n: layer for n, layer in relations.items() if n not in PUBLIC_MARTS}
    # Not vacuous: every layer, the raw seeds and the non-BI marts are there.
    assert {"raw", "staging", "intermediate", "marts"} <= set(others.values())
    assert {"rejected_events", "fct_person_engagement", "raw_views"} <= set(others)
    readable = [
        n
        for n, layer in others.items()
        if selects(as_reporter, target_warehouse, layer, n)
    ]
    assert not readable, f"the reporting role can read {readable}"
