"""Shared fixtures: build the dbt project into throwaway DuckDB files."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

PROJECT_DIR = Path(__file__).resolve().parents[1]
SEEDS_DIR = PROJECT_DIR / "seeds"
DBT = Path(sys.executable).with_name("dbt")


def dbt(
    *args: str,
    database: Path,
    seeds_dir: Path = SEEDS_DIR,
    extra_env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a dbt command against `database`, reading seeds from `seeds_dir`.

    Output goes to a target folder beside the database, so the project's own
    `target/` is left alone. Fails the test with dbt's output on error.
    """
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(PROJECT_DIR),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        "CTR_DUCKDB_PATH": str(database),
        "CTR_DUCKDB_TEMP_DIRECTORY": str(database.parent / "duckdb_tmp"),
        "CTR_SEED_PATH": str(seeds_dir),
        **(extra_env or {}),
    }
    command = [
        str(DBT),
        *args,
        "--project-dir",
        str(PROJECT_DIR),
        "--target-path",
        str(database.parent / "target"),
        "--log-path",
        str(database.parent / "logs"),
    ]
    result = subprocess.run(
        command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        pytest.fail(
            f"{' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout[-6000:]}\n{result.stderr[-2000:]}"
        )
    return result


def build_marts(database: Path, seeds_dir: Path = SEEDS_DIR) -> None:
    """Load the seeds and run every model into `database`."""
    dbt("seed", "--full-refresh", database=database, seeds_dir=seeds_dir)
    dbt("run", "--full-refresh", database=database, seeds_dir=seeds_dir)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The committed sample seeds the warehouse fixture is built from."""
    return SEEDS_DIR


@pytest.fixture(scope="session")
def warehouse(
    tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the project built from the sample seeds."""
    database = tmp_path_factory.mktemp("warehouse") / "ctr.duckdb"
    build_marts(database, seeds_dir)
    connection = duckdb.connect(str(database), read_only=True)
    yield connection
    connection.close()
