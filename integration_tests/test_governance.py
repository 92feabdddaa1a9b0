"""Governance as built: access, versions, owners, exposures and source freshness.

Reads the manifest and the database of the ``built_project`` fixture (the
project built from the sample seeds), and runs ``dbt source freshness``
against its seeded raw schema as a stand-in for the warehouse mode.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest
from conftest import dbt

GROUP = "ctr_analytics"
PUBLIC_MARTS = (
    "fct_person_engagement",
    "campaign_ctr",
    "creative_ctr",
    "account_ctr",
    "segment_ctr",
    "dim_accounts",
    "dim_campaigns",
    "dim_creatives",
    "rejected_events",
    "tracking_health",
)
RAW_SEEDS = {
    f"seed.ctr.{name}"
    for name in (
        "raw_views",
        "raw_clicks",
        "raw_contacts",
        "raw_accounts",
        "raw_campaigns",
        "raw_creatives",
    )
}


@pytest.fixture(scope="module")
def manifest(built_project: Path) -> dict[str, Any]:
    """The built project's manifest."""
    return json.loads((built_project / "target" / "manifest.json").read_text())


def models(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The project's models by name."""
    return {
        node["name"]: node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model"
    }


def test_marts_are_public_versioned_owned_and_enforced(
    manifest: dict[str, Any],
) -> None:
    """Each public mart: group, contract, v1 latest, alias = name, owner, cadence."""
    by_name = models(manifest)
    public = sorted(
        name for name, node in by_name.items() if node["access"] == "public"
    )
    assert public == sorted(PUBLIC_MARTS)
    for name in PUBLIC_MARTS:
        node = by_name[name]
        assert node["group"] == GROUP, name
        assert node["config"]["contract"]["enforced"], name
        assert (node["version"], node["latest_version"]) == (1, 1), name
        assert node["alias"] == name, f"{name} would be built as {node['alias']}"
        meta = node["config"]["meta"]
        assert meta.get("reporting_owner") and meta.get("review_cadence"), name
    assert manifest["groups"][f"group.ctr.{GROUP}"]["owner"]["email"]


def test_layers_under_the_marts_are_private(manifest: dict[str, Any]) -> None:
    """Staging and intermediate are private to the group."""
    layered = [
        node
        for node in models(manifest).values()
        if node["original_file_path"].startswith(
            ("models/staging/", "models/intermediate/")
        )
    ]
    assert len(layered) >= 10
    assert {(node["access"], node["group"]) for node in layered} == {("private", GROUP)}


def test_marts_keep_their_relation_names(built_project: Path) -> None:
    """Versioning did not rename a table BI reads (no `_v1` suffix)."""
    with duckdb.connect(
        str(built_project / "ctr.duckdb"), read_only=True
    ) as connection:
        tables = {
            name
            for (name,) in connection.execute(
                "select table_name from information_schema.tables "
                "where table_schema = 'main_marts'"
            ).fetchall()
        }
    assert set(PUBLIC_MARTS) <= tables
    assert not [name for name in tables if name.endswith("_v1")]


def ancestors(manifest: dict[str, Any], unique_id: str) -> set[str]:
    """Every node upstream of ``unique_id``."""
    seen: set[str] = set()
    stack = list(manifest["parent_map"][unique_id])
    while stack:
        parent = stack.pop()
        if parent not in seen:
            seen.add(parent)
            stack.extend(manifest["parent_map"].get(parent, []))
    return seen


@pytest.mark.parametrize(
    ("exposure", "marts"),
    [
        (
            "ctr_dashboard",
            {"campaign_ctr", "creative_ctr", "segment_ctr", "tracking_health"},
        ),
        (
            "abm_account_engagement_dashboard",
            {"account_ctr", "campaign_ctr", "dim_accounts"},
        ),
    ],
)
def test_dashboards_depend_on_marts_back_to_every_raw_seed(
    manifest: dict[str, Any], exposure: str, marts: set[str]
) -> None:
    """Lineage runs from each raw seed to the dashboard."""
    unique_id = f"exposure.ctr.{exposure}"
    node = manifest["exposures"][unique_id]
    assert node["type"] == "dashboard" and node["owner"]["email"]
    parents = {manifest["nodes"][p]["name"] for p in manifest["parent_map"][unique_id]}
    assert parents == marts
    assert ancestors(manifest, unique_id) >= RAW_SEEDS


def test_source_freshness_reads_the_raw_event_times(built_project: Path) -> None:
    """Pointed at the seeded raw schema, freshness finds the latest valid event.

    The sample data is from spring 2026, so the status depends on today; the
    check is that each event source's latest load time is the latest
    timestamp rule 1 can parse (staging's viewed_at / clicked_at, null when
    invalid), and that the tables with no timestamp are not checked.
    """
    dbt(
        built_project,
        "source",
        "freshness",
        "--vars",
        "{raw_schema: main_raw}",
        check=False,
    )
    results = json.loads((built_project / "target" / "sources.json").read_text())[
        "results"
    ]
    loaded = {
        r["unique_id"].split(".")[-1]: datetime.fromisoformat(r["max_loaded_at"])
        for r in results
    }
    assert set(loaded) == {"raw_views", "raw_clicks", "raw_contacts", "raw_accounts"}
    assert {r["status"] for r in results} <= {"pass", "warn", "error"}
    with duckdb.connect(
        str(built_project / "ctr.duckdb"), read_only=True
    ) as connection:
        (latest_view,) = connection.execute(
            "select max(viewed_at) from main_staging.stg_tracking__views"
        ).fetchone()
        (latest_click,) = connection.execute(
            "select max(clicked_at) from main_staging.stg_tracking__clicks"
        ).fetchone()
    assert loaded["raw_views"].replace(tzinfo=None) == latest_view
    assert loaded["raw_clicks"].replace(tzinfo=None) == latest_click
