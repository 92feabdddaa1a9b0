"""Shared fixtures: build the dbt project in throwaway copies and read it.

Most suites build on DuckDB (``sample_project``, ``warehouse``: a read-only
DuckDB connection). The engine suites read ``target_warehouse``: the sample
project built on CTR_TARGET (duckdb by default, postgres or spark; see
warehouses.py). On another target the DuckDB-only suites are skipped.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
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


def project_env(
    project: Path, extra_env: dict[str, str] | None = None, target: str = "duckdb"
) -> dict[str, str]:
    """The environment that points dbt (and MetricFlow) at a project copy,
    on its own place on ``target`` (the DuckDB file inside it by default)."""
    return {
        **os.environ,
        # make exports DBT_PROJECT_DIR as the checkout: without this, dbt
        # would build the checkout's project instead of the copy.
        "DBT_PROJECT_DIR": str(project),
        "DBT_PROFILES_DIR": str(project),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        "CTR_DUCKDB_PATH": str(project / "ctr.duckdb"),
        **target_env(target, project),
        **(extra_env or {}),
    }


def dbt(
    project: Path,
    *args: str,
    extra_env: dict[str, str] | None = None,
    check: bool = True,
    target: str = "duckdb",
) -> subprocess.CompletedProcess[str]:
    """Run a dbt command in a project copy, on its own place on ``target``
    (the DuckDB file inside it by default, whatever CTR_TARGET says).

    Fails the test with dbt's output when dbt prints a deprecation, or exits
    non-zero unless `check` is false (for tests of dbt's errors).
    """
    result = subprocess.run(
        [str(DBT), *args],
        cwd=project,
        env=project_env(project, extra_env, target),
        capture_output=True,
        text=True,
    )
    if "deprecat" in (result.stdout + result.stderr).lower():
        pytest.fail(f"dbt {' '.join(args)} printed a deprecation:\n{result.stdout}")
    if check and result.returncode != 0:
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


# Suites that build or read DuckDB only (the browser, report, semantic
# layer, replay, scale, hostile-seed, idempotency, config-error, tracking
# and governance suites): skipped when CTR_TARGET is another engine, whose
# run checks the engine suites (reference, engines agree, grants, emails).
DUCKDB_ONLY_FIXTURES = frozenset({"sample_project", "warehouse", "built_project"})
DUCKDB_ONLY_MODULES = frozenset(
    {
        "test_browser",
        "test_check_coverage",
        "test_config_errors",
        "test_governance",
        "test_hostile_seeds",
        "test_idempotency",
        "test_incremental_replay",
        "test_report",
        "test_scale_data",
        "test_semantic_layer",
        "test_tracking_warnings",
    }
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "duckdb_only: runs on DuckDB only (skipped when CTR_TARGET is not)"
    )


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    """Skip the DuckDB-only suites when CTR_TARGET is another engine."""
    target = current_target()
    if target == "duckdb":
        return
    skip = pytest.mark.skip(
        reason=f"DuckDB-only suite (CTR_TARGET={target}): `make test` runs it"
    )
    for item in items:
        module = item.module.__name__ if item.module else ""
        if (
            item.get_closest_marker("duckdb_only")
            or module.rsplit(".", 1)[-1] in DUCKDB_ONLY_MODULES
            or DUCKDB_ONLY_FIXTURES & set(getattr(item, "fixturenames", ()))
        ):
            item.add_marker(skip)


REPORTING_ROLE = "reporter"


@pytest.fixture(scope="session")
def target() -> str:
    """The target the engine suites build on (CTR_TARGET, duckdb by default)."""
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
def built_project(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """A project copy with every model built from the sample seeds.

    For the tools that work on the project itself (MetricFlow, dbt docs,
    the report): nothing holds its database open between tests, so each may
    open it in turn.
    """
    database = build_marts(tmp_path_factory.mktemp("built_project"), seeds_dir)
    return database.parent


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The committed sample seeds the warehouse fixture is built from."""
    return SEEDS_DIR


@pytest.fixture(scope="session")
def sample_project(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """A project copy on the sample seeds after one full ``dbt build``.

    Every model, unit test and data test ran (warnings allowed); its
    database is ``ctr.duckdb`` in the returned directory. Shared by the
    suites that need a built project, so the sample is built once.
    """
    project = make_project(tmp_path_factory.mktemp("sample"), seeds_dir)
    dbt(project, "build")
    return project


@pytest.fixture(scope="module")
def warehouse(sample_project: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the sample project's database.

    Module-scoped: DuckDB lets no dbt process write the file while it is
    open, and other modules run dbt on the same project.
    """
    connection = duckdb.connect(str(sample_project / "ctr.duckdb"), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def built_spark_dir(target: str, seeds_dir: Path) -> Path | None:
    """The Spark build of the checkout that ``make test-spark`` made just
    before pytest (CTR_BUILT_SPARK_DIR: its warehouse and metastore, from
    the committed seeds), which the engine suites read instead of building
    the same seeds on Spark again; None when not set, not on Spark, or when
    the suites read other seeds."""
    built = os.environ.get("CTR_BUILT_SPARK_DIR")
    if not built or target != "spark" or seeds_dir != SEEDS_DIR:
        return None
    return Path(built)


@pytest.fixture(scope="session")
def target_project(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    seeds_dir: Path,
    target: str,
    reporting_password: str | None,
    built_spark_dir: Path | None,
) -> Path:
    """The sample project built on the target: on DuckDB the shared
    ``sample_project`` (one build for every suite); on Spark after ``make``
    built it, the checkout (``built_spark_dir``); otherwise a fresh copy
    seeded and run there."""
    if target == "duckdb":
        return request.getfixturevalue("sample_project")
    if built_spark_dir is not None:
        return PROJECT_DIR
    return build_project(tmp_path_factory.mktemp("warehouse"), seeds_dir, target)


def _target_warehouse_scope(fixture_name: str, config: pytest.Config) -> str:
    # DuckDB: per module, like ``warehouse`` (an open file blocks dbt's
    # writes from other modules); elsewhere one connection for the session.
    return "module" if current_target() == "duckdb" else "session"


@pytest.fixture(scope=_target_warehouse_scope)
def target_warehouse(
    target_project: Path, target: str, built_spark_dir: Path | None
) -> Iterator[Warehouse]:
    """The sample project built on the target, read-only (warehouses.py)."""
    connection = open_warehouse(target, target_project, built_spark_dir)
    yield connection
    connection.close()
