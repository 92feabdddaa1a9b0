"""ctr_tools.check_coverage: what it flags, on small manifests and on the project."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ctr_tools.check_coverage import check, main, report

PROJECT = "ctr"


def model(name: str, description: str = "A model.", **columns: str) -> dict[str, Any]:
    """A manifest model node with the given column descriptions."""
    return {
        "unique_id": f"model.{PROJECT}.{name}",
        "resource_type": "model",
        "package_name": PROJECT,
        "name": name,
        "description": description,
        "columns": {c: {"name": c, "description": d} for c, d in columns.items()},
    }


def grain_test(name: str, attached: str) -> dict[str, Any]:
    """A generic test node attached to a model."""
    return {
        "unique_id": f"test.{PROJECT}.{name}_{attached}",
        "resource_type": "test",
        "package_name": PROJECT,
        "name": f"{name}_{attached}",
        "test_metadata": {"name": name},
        "attached_node": f"model.{PROJECT}.{attached}",
    }


def manifest(
    *nodes: dict[str, Any], macros: dict[str, str] | None = None
) -> dict[str, Any]:
    """A minimal manifest of this project (and one dbt macro, never checked)."""
    all_macros = {
        f"macro.{PROJECT}.{name}": {
            "unique_id": f"macro.{PROJECT}.{name}",
            "name": name,
            "package_name": PROJECT,
            "original_file_path": f"macros/{name}.sql",
            "description": description,
        }
        for name, description in (macros or {}).items()
    }
    all_macros["macro.dbt.run_query"] = {
        "unique_id": "macro.dbt.run_query",
        "name": "run_query",
        "package_name": "dbt",
        "original_file_path": "macros/run_query.sql",
        "description": "",
    }
    return {
        "metadata": {"project_name": PROJECT},
        "nodes": {node["unique_id"]: node for node in nodes},
        "macros": all_macros,
    }


def test_a_documented_project_with_tested_grains_passes() -> None:
    """One described model with a unique key and a described macro: no problem."""
    result = check(
        manifest(
            model("orders", order_id="The order."),
            grain_test("unique", "orders"),
            macros={"cents": "Cents to units."},
        )
    )
    assert result.problems == ()
    assert (result.models, result.macros, result.columns) == (1, 1, 1)
    assert next(iter(report(result))).startswith("Coverage OK: 1 models")


def test_every_kind_of_gap_is_listed() -> None:
    """Blank model and column descriptions, a missing grain test, a blank macro."""
    result = check(
        manifest(
            model("orders", "  ", order_id="", status="The status."),
            model("customers", customer_id="The customer."),
            grain_test("unique_combination", "customers"),
            macros={"cents": ""},
        )
    )
    assert result.problems == (
        "model orders: no description",
        "model orders: column order_id has no description",
        "model orders: no grain test (one of one_row_per_raw_row, unique, "
        "unique_combination, unique_combination_of_columns, or a primary key)",
        "macro cents (macros/cents.sql): no description",
    )
    lines = list(report(result))
    assert lines[0].startswith("Coverage FAILED")
    assert "4 problem(s)" in lines[0]


def test_catalog_columns_missing_from_yaml_are_flagged() -> None:
    """A column the warehouse has but the YAML does not describe."""
    nodes = manifest(
        model("orders", order_id="The order."), grain_test("unique", "orders")
    )
    catalog = {
        "nodes": {
            f"model.{PROJECT}.orders": {"columns": {"ORDER_ID": {}, "amount": {}}}
        }
    }
    assert check(nodes, catalog).problems == (
        "model orders: column amount is not documented",
    )


def test_versioned_models_and_primary_keys() -> None:
    """A primary key constraint is a grain; versioned names say their version."""
    keyed = model("orders", order_id="The order.")
    keyed["columns"]["order_id"]["constraints"] = [{"type": "primary_key"}]
    versioned = {**model("customers"), "version": 1}
    versioned["unique_id"] += ".v1"
    result = check(manifest(keyed, versioned))
    assert result.problems == (
        "model customers (v1): no grain test (one of one_row_per_raw_row, unique, "
        "unique_combination, unique_combination_of_columns, or a primary key)",
    )


def test_main_exits_1_with_the_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command fails with the problems printed, and 2 without a manifest."""
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(manifest(model("orders", ""))))
    assert main([str(path)]) == 1
    assert "model orders: no description" in capsys.readouterr().out
    assert main([str(tmp_path / "missing.json")]) == 2


def test_the_project_is_fully_covered(built_project: Path) -> None:
    """The built project itself: every model, seed, macro and column."""
    target = built_project / "target"
    result = check(json.loads((target / "manifest.json").read_text()))
    assert result.problems == ()
    assert result.models >= 20 and result.macros >= 60
