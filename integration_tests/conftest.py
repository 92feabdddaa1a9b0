"""Shared fixtures: build the dbt project into throwaway DuckDB files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

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
    project: Path, extra_env: dict[str, str] | None = None
) -> dict[str, str]:
    """The environment that points dbt (and MetricFlow) at a project copy."""
    return {
        **os.environ,
        # make exports DBT_PROJECT_DIR as the checkout: without this, dbt
        # would build the checkout's project instead of the copy.
        "DBT_PROJECT_DIR": str(project),
        "DBT_PROFILES_DIR": str(project),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        "CTR_DUCKDB_PATH": str(project / "ctr.duckdb"),
        "CTR_DUCKDB_TEMP_DIRECTORY": str(project / ".duckdb_tmp"),
        **(extra_env or {}),
    }


def dbt(
    project: Path,
    *args: str,
    extra_env: dict[str, str] | None = None,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Run a dbt command in a project copy, on the DuckDB file inside it.

    Fails the test with dbt's output when dbt prints a deprecation, or exits
    non-zero unless `check` is false (for tests of dbt's errors).
    """
    result = subprocess.run(
        [str(DBT), *args],
        cwd=project,
        env=project_env(project, extra_env),
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
    project = make_project(workdir, seeds_dir)
    dbt(project, "seed")
    dbt(project, "run")
    return project / "ctr.duckdb"


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
