"""Fail unless the dbt project is fully documented and every model's grain tested.

Reads dbt's ``target/manifest.json`` (and, when given, ``catalog.json`` for
the columns the warehouse really has) and checks, for this project's own
resources only:

- every model, seed and macro has a non-empty description;
- every column of every model and seed has one: the columns declared in
  YAML and, with a catalog, every column the built relation has;
- every model has a grain test: ``unique`` on a column,
  ``unique_combination`` (or dbt_utils' ``unique_combination_of_columns``)
  on the model, a ``primary_key`` constraint, or ``one_row_per_raw_row``
  (the grain of a staging model that keeps identical raw rows).

Prints a clear list of what is missing and exits 1, or a one-line summary.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GRAIN_TESTS = frozenset(
    {
        "unique",
        "unique_combination",
        "unique_combination_of_columns",
        "one_row_per_raw_row",
    }
)
DOCUMENTED_TYPES = ("model", "seed")

Json = Mapping[str, Any]


@dataclass(frozen=True)
class Coverage:
    """What was checked and what is missing."""

    models: int
    seeds: int
    macros: int
    columns: int
    problems: tuple[str, ...]


def described(resource: Json) -> bool:
    """Whether a resource or column has a non-blank description."""
    return bool(str(resource.get("description") or "").strip())


def display_name(node: Json) -> str:
    """A node's name as people write it (``campaign_ctr`` v1 included)."""
    version = node.get("version")
    return f"{node['name']} (v{version})" if version is not None else node["name"]


def own_nodes(manifest: Json, project: str, resource_type: str) -> list[Json]:
    """The project's nodes of one resource type, sorted by name."""
    nodes = [
        node
        for node in manifest["nodes"].values()
        if node["resource_type"] == resource_type and node["package_name"] == project
    ]
    return sorted(nodes, key=lambda node: node["unique_id"])


def grain_tested_ids(manifest: Json) -> set[str]:
    """The unique ids of the nodes that have a grain test or primary key."""
    tested = set()
    for node in manifest["nodes"].values():
        metadata = node.get("test_metadata") or {}
        if node["resource_type"] == "test" and metadata.get("name") in GRAIN_TESTS:
            tested.add(node.get("attached_node") or "")
        if node["resource_type"] == "model":
            constraints = [
                *node.get("constraints", []),
                *(
                    c
                    for column in node.get("columns", {}).values()
                    for c in column.get("constraints", [])
                ),
            ]
            if any(c.get("type") == "primary_key" for c in constraints):
                tested.add(node["unique_id"])
    return tested


def column_problems(node: Json, catalog: Json | None) -> tuple[int, list[str]]:
    """How many columns a model or seed has, and those without a description."""
    kind = node["resource_type"]
    declared = {name.lower(): column for name, column in node["columns"].items()}
    problems = [
        f"{kind} {display_name(node)}: column {name} has no description"
        for name, column in sorted(declared.items())
        if not described(column)
    ]
    columns = set(declared)
    catalog_node = (catalog or {}).get("nodes", {}).get(node["unique_id"])
    if catalog_node is not None:
        built = {name.lower() for name in catalog_node["columns"]}
        problems += [
            f"{kind} {display_name(node)}: column {name} is not documented"
            for name in sorted(built - set(declared))
        ]
        columns |= built
    return len(columns), problems


def check(manifest: Json, catalog: Json | None = None) -> Coverage:
    """Every coverage problem of the manifest's own project."""
    project = manifest["metadata"]["project_name"]
    problems: list[str] = []
    column_count = 0
    tested = grain_tested_ids(manifest)
    counts = {}
    for kind in DOCUMENTED_TYPES:
        nodes = own_nodes(manifest, project, kind)
        counts[kind] = len(nodes)
        for node in nodes:
            if not described(node):
                problems.append(f"{kind} {display_name(node)}: no description")
            found, missing = column_problems(node, catalog)
            column_count += found
            problems += missing
            if kind == "model" and node["unique_id"] not in tested:
                problems.append(
                    f"model {display_name(node)}: no grain test "
                    f"(one of {', '.join(sorted(GRAIN_TESTS))}, or a primary key)"
                )
    macros = sorted(
        (m for m in manifest["macros"].values() if m["package_name"] == project),
        key=lambda m: m["unique_id"],
    )
    problems += [
        f"macro {m['name']} ({m['original_file_path']}): no description"
        for m in macros
        if not described(m)
    ]
    return Coverage(
        models=counts["model"],
        seeds=counts["seed"],
        macros=len(macros),
        columns=column_count,
        problems=tuple(problems),
    )


def report(coverage: Coverage) -> Iterable[str]:
    """The lines to print for a coverage result."""
    checked = (
        f"{coverage.models} models, {coverage.seeds} seeds, "
        f"{coverage.macros} macros, {coverage.columns} columns"
    )
    if not coverage.problems:
        yield f"Coverage OK: {checked} documented; every model's grain tested."
        return
    yield f"Coverage FAILED ({checked}): {len(coverage.problems)} problem(s):"
    yield from (f"  - {problem}" for problem in coverage.problems)


def load(path: Path) -> Json:
    """A dbt JSON artifact."""
    with path.open() as handle:
        data: Json = json.load(handle)
    return data


def main(argv: list[str] | None = None) -> int:
    """Check the artifacts; exit 1 with the list of problems."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("manifest", type=Path, help="dbt's target/manifest.json")
    parser.add_argument(
        "--catalog",
        type=Path,
        help="dbt's target/catalog.json (dbt docs generate): check built columns too",
    )
    args = parser.parse_args(argv)
    for path in (args.manifest, args.catalog):
        if path is not None and not path.exists():
            print(
                f"No {path}: run dbt build (and dbt docs generate) first.",
                file=sys.stderr,
            )
            return 2
    catalog = load(args.catalog) if args.catalog else None
    coverage = check(load(args.manifest), catalog)
    print("\n".join(report(coverage)))
    return 1 if coverage.problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
