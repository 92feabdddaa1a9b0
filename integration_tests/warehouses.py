"""Read a built warehouse on any target: rows as dicts, one small interface.

``CTR_TARGET`` (``duckdb`` by default, ``postgres`` or ``spark``) picks the
target, as it does for dbt in profiles.yml. ``target_env`` gives the
environment that points a dbt run in a project copy at its own isolated
place on that target (a DuckDB file, a PostgreSQL schema, a Spark warehouse
directory); ``open_warehouse`` reads what that run built.
"""

from __future__ import annotations

import os
import re
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any

TARGETS = ("duckdb", "postgres", "spark")
Row = dict[str, Any]
# What BI tools read (granted to the reporting role), and the marts that are
# not for them: rejected_events keeps raw emails by design,
# fct_person_engagement is person-level.
PUBLIC_MARTS = (
    "campaign_ctr",
    "creative_ctr",
    "account_ctr",
    "segment_ctr",
    "dim_accounts",
    "dim_campaigns",
    "dim_creatives",
    "tracking_health",
)
NOT_FOR_BI = ("rejected_events", "fct_person_engagement")


def current_target() -> str:
    """The target the suites build on: CTR_TARGET, duckdb by default."""
    target = os.environ.get("CTR_TARGET", "duckdb")
    if target not in TARGETS:
        raise ValueError(f"CTR_TARGET must be one of {TARGETS}, got {target!r}")
    return target


def postgres_schema(project: Path) -> str:
    """A PostgreSQL schema of the project copy's own (dbt adds _marts etc.)."""
    return "ctr_" + re.sub(r"[^a-z0-9]+", "_", project.parent.name.lower())


def target_env(target: str, project: Path) -> dict[str, str]:
    """Environment for dbt in the project copy ``project`` on ``target``."""
    env = {"CTR_TARGET": target}
    if target == "duckdb":
        env["CTR_DUCKDB_PATH"] = str(project / "ctr.duckdb")
    elif target == "postgres":
        env["CTR_POSTGRES_SCHEMA"] = postgres_schema(project)
    elif target == "spark":
        env["CTR_SPARK_DIR"] = str(project / "spark")
    return env


class Warehouse(ABC):
    """A read connection to the relations one dbt build made."""

    target: str
    schema: str

    def __init__(self, project: Path, schema: str) -> None:
        self.project = project
        self.schema = schema

    def relation(self, layer: str, name: str) -> str:
        """The quoted name of relation ``name`` in ``layer`` (marts, raw, ...)."""
        return f"{self.quote(f'{self.schema}_{layer}')}.{self.quote(name)}"

    def quote(self, identifier: str) -> str:
        """A quoted identifier."""
        return '"' + identifier.replace('"', '""') + '"'

    @abstractmethod
    def query(self, sql: str) -> list[Row]:
        """Every row of ``sql`` as a dict keyed by column name."""

    @abstractmethod
    def columns(self, layer: str, name: str) -> list[str] | None:
        """The columns of a relation, or None when it does not exist."""

    def rows(
        self, layer: str, name: str, columns: list[str] | None = None
    ) -> list[Row]:
        """Every row of a relation, only ``columns`` when given."""
        selected = "*" if columns is None else ", ".join(map(self.quote, columns))
        return self.query(f"select {selected} from {self.relation(layer, name)}")

    @abstractmethod
    def close(self) -> None:
        """Release the connection."""


class DuckDBWarehouse(Warehouse):
    target = "duckdb"

    def __init__(self, project: Path) -> None:
        import duckdb

        super().__init__(project, "main")
        self._connection = duckdb.connect(str(project / "ctr.duckdb"), read_only=True)

    def query(self, sql: str) -> list[Row]:
        cursor = self._connection.execute(sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def columns(self, layer: str, name: str) -> list[str] | None:
        found = self._connection.execute(
            "select column_name from information_schema.columns"
            " where table_schema = ? and table_name = ? order by ordinal_position",
            [f"{self.schema}_{layer}", name],
        ).fetchall()
        return [c for (c,) in found] or None

    def close(self) -> None:
        self._connection.close()


def postgres_connect(user: str | None = None, password: str | None = None) -> Any:
    """A psycopg2 connection with the CTR_POSTGRES_* settings of profiles.yml."""
    import psycopg2

    connection = psycopg2.connect(
        host=os.environ.get("CTR_POSTGRES_HOST", "127.0.0.1"),
        port=int(os.environ.get("CTR_POSTGRES_PORT", "5432")),
        user=user or os.environ.get("CTR_POSTGRES_USER", "postgres"),
        password=(
            password
            if password is not None
            else os.environ.get("CTR_POSTGRES_PASSWORD", "")
        ),
        dbname=os.environ.get("CTR_POSTGRES_DBNAME", "ctr"),
        connect_timeout=10,
    )
    connection.autocommit = True
    return connection


class PostgresWarehouse(Warehouse):
    target = "postgres"

    def __init__(self, project: Path) -> None:
        super().__init__(project, postgres_schema(project))
        self._connection = postgres_connect()

    def query(self, sql: str) -> list[Row]:
        with self._connection.cursor() as cursor:
            cursor.execute(sql)
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def columns(self, layer: str, name: str) -> list[str] | None:
        with self._connection.cursor() as cursor:
            cursor.execute(
                "select column_name from information_schema.columns"
                " where table_schema = %s and table_name = %s"
                " order by ordinal_position",
                (f"{self.schema}_{layer}", name),
            )
            return [c for (c,) in cursor.fetchall()] or None

    def close(self) -> None:
        self._connection.close()


def spark_session(spark_dir: Path) -> Any:
    """A local Spark session on the warehouse and metastore of a build."""
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.enableHiveSupport()
        .master("local[2]")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.warehouse.dir", str(spark_dir / "warehouse"))
        .config(
            "spark.hadoop.javax.jdo.option.ConnectionURL",
            f"jdbc:derby:;databaseName={spark_dir / 'metastore_db'};create=true",
        )
        .config("spark.driver.extraJavaOptions", f"-Dderby.system.home={spark_dir}")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


class SparkWarehouse(Warehouse):
    target = "spark"

    def __init__(self, project: Path, spark_dir: Path | None = None) -> None:
        super().__init__(project, os.environ.get("CTR_SPARK_SCHEMA", "ctr"))
        self._session = spark_session(spark_dir or project / "spark")

    def quote(self, identifier: str) -> str:
        return "`" + identifier.replace("`", "``") + "`"

    def query(self, sql: str) -> list[Row]:
        return [row.asDict() for row in self._session.sql(sql).collect()]

    def columns(self, layer: str, name: str) -> list[str] | None:
        catalog = self._session.catalog
        table = f"{self.schema}_{layer}.{name}"
        if not catalog.tableExists(table):
            return None
        return [c.name for c in catalog.listColumns(table)]

    def close(self) -> None:
        self._session.stop()


def open_warehouse(
    target: str, project: Path, spark_dir: Path | None = None
) -> Warehouse:
    """Read what dbt built in ``project`` on ``target`` (on Spark, in
    ``spark_dir`` when given, else the copy's own ``spark`` directory)."""
    if target == "spark":
        return SparkWarehouse(project, spark_dir)
    kinds: dict[str, type[Warehouse]] = {
        "duckdb": DuckDBWarehouse,
        "postgres": PostgresWarehouse,
    }
    return kinds[target](project)
