"""Shared fixtures: build the dbt project in throwaway copies and read it.

The target is CTR_TARGET (duckdb by default, postgres or spark; see
warehouses.py): the same suites check every engine.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from warehouses import (
    Warehouse,
    current_target,
    open_warehouse,
    postgres_connect,
    target_env,
)

PROJECT_DIR = Path(__file__).resolve().parents[1]
SEEDS_DIR = PROJECT_DIR / "seeds"
DBT = Path(sys.executable).with_name("dbt")


PROJECT_FILES = ("dbt_project.yml", "profiles.yml")
PROJECT_DIRS = ("models", "macros", "tests", "analyses")


def make_project(workdir: Path, seeds_dir: Path = SEEDS_DIR) -> Path:
    """Copy the dbt project into `workdir` with the seeds of `seeds_dir`.

    Each build gets its own copy, so its seeds, target/ and database never
    touch the checkout (dbt writes compiled seeds beside their source path).
    """
    project = workdir / "project"
    project.mkdir(parents=True)
    for name in PROJECT_FILES:
        shutil.copy2(PROJECT_DIR / name, project / name)
    for name in PROJECT_DIRS:
        if (PROJECT_DIR / name).exists():
            shutil.copytree(PROJECT_DIR / name, project / name)
    shutil.copytree(seeds_dir, project / "seeds")
    if not (project / "seeds" / "_seeds.yml").exists():
        shutil.copy2(SEEDS_DIR / "_seeds.yml", project / "seeds" / "_seeds.yml")
        shutil.copy2(SEEDS_DIR / "_seeds__docs.md", project / "seeds")
    return project


def dbt(
    project: Path,
    *args: str,
    extra_env: dict[str, str] | None = None,
    target: str = "duckdb",
) -> subprocess.CompletedProcess[str]:
    """Run a dbt command in a project copy, on its own place on ``target``
    (the DuckDB file inside it by default).

    Fails the test with dbt's output when dbt exits non-zero.
    """
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(project),
        # make exports the checkout as DBT_PROJECT_DIR: point dbt at the copy.
        "DBT_PROJECT_DIR": str(project),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        **target_env(target, project),
        **(extra_env or {}),
    }
    result = subprocess.run(
        [str(DBT), *args], cwd=project, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        pytest.fail(
            f"dbt {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout[-6000:]}\n{result.stderr[-2000:]}"
        )
    return result


def build_marts(workdir: Path, seeds_dir: Path = SEEDS_DIR) -> Path:
    """Seed and run every model in a fresh project copy; return its database."""
    project = build_project(workdir, seeds_dir, "duckdb")
    return project / "ctr.duckdb"


def build_project(workdir: Path, seeds_dir: Path, target: str) -> Path:
    """Seed and run every model of a fresh project copy on ``target``."""
    project = make_project(workdir, seeds_dir)
    dbt(project, "seed", target=target)
    dbt(project, "run", target=target)
    return project


REPORTING_ROLE = "reporter"


@pytest.fixture(scope="session")
def target() -> str:
    """The target the suites build on (CTR_TARGET, duckdb by default)."""
    return current_target()


@pytest.fixture(scope="session")
def reporting_password(target: str) -> str | None:
    """On PostgreSQL: creates the reporting role (login, a fresh password)
    before anything is built, as a DBA would; dbt grants to it. None on
    engines without access control."""
    if target != "postgres":
        return None
    password = secrets.token_urlsafe(16)
    connection = postgres_connect()
    with connection.cursor() as cursor:
        cursor.execute("select 1 from pg_roles where rolname = %s", (REPORTING_ROLE,))
        verb = "alter" if cursor.fetchone() else "create"
        cursor.execute(f"{verb} role {REPORTING_ROLE} login password %s", (password,))
    connection.close()
    return password


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The committed sample seeds the warehouse fixture is built from."""
    return SEEDS_DIR


@pytest.fixture(scope="session")
def warehouse(
    tmp_path_factory: pytest.TempPathFactory,
    seeds_dir: Path,
    target: str,
    reporting_password: str | None,
) -> Iterator[Warehouse]:
    """The project built from the sample seeds on the target, read-only."""
    project = build_project(tmp_path_factory.mktemp("warehouse"), seeds_dir, target)
    connection = open_warehouse(target, project)
    yield connection
    connection.close()
