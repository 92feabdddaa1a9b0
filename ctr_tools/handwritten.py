"""Run the hand-written DuckDB baseline, ``benchmarks/handwritten.sql``.

The script reads the six raw inputs as Parquet from a directory (as written
by :mod:`ctr_tools.scale_data`) and builds the public marts in a DuckDB
database file. The directory is passed as the DuckDB variable ``raw_dir``.

Usage::

    python -m ctr_tools.handwritten --raw data/scale/1000000 \\
        --db data/bench/handwritten_1000000.duckdb --steps
"""

from __future__ import annotations

import argparse
import contextlib
import resource
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import duckdb

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "handwritten.sql"
"""The hand-written SQL script."""

MART_TABLES = (
    "campaign_ctr",
    "creative_ctr",
    "account_ctr",
    "segment_ctr",
    "dim_accounts",
    "rejected_events",
)
"""The tables the script builds."""


def configure(
    con: duckdb.DuckDBPyConnection,
    raw_dir: Path,
    memory_limit: str,
    temp_directory: Path,
) -> None:
    """Set the session up for the script: limits, spill directory, raw_dir."""
    temp_directory.mkdir(parents=True, exist_ok=True)
    con.execute(f"set memory_limit = '{memory_limit}'")
    con.execute(f"set temp_directory = '{temp_directory}'")
    # Marts are ordered explicitly; intermediate tables need no order.
    con.execute("set preserve_insertion_order = false")
    con.execute("set variable raw_dir = ?", [str(raw_dir.resolve())])


def statements(script: Path = SCRIPT) -> list[str]:
    """The script's statements, in order, as SQL text."""
    return [s.query for s in duckdb.extract_statements(script.read_text())]


def describe(statement: str) -> str:
    """A short label for a statement: its first line naming an object."""
    for line in statement.splitlines():
        line = line.strip()
        if line.startswith(("create", "select")):
            return line[:72]
    return statement.strip().splitlines()[0][:72]


def cpu_seconds() -> float:
    """CPU time of this process so far, DuckDB's threads included."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_handwritten(
    raw_dir: Path | str,
    db_path: Path | str,
    *,
    memory_limit: str = "14GB",
    temp_directory: Path | str | None = None,
    progress: Callable[[str], None] | None = None,
) -> float:
    """Build the marts of ``raw_dir`` into ``db_path``; return the seconds.

    The database file is replaced. ``temp_directory`` defaults to
    ``<db_path>.tmp``; ``progress`` receives one line per statement.
    """
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    for stale in (db_path, db_path.with_name(db_path.name + ".wal")):
        stale.unlink(missing_ok=True)
    spill = Path(temp_directory or db_path.with_name(db_path.name + ".tmp"))
    started = time.perf_counter()
    con = duckdb.connect(str(db_path))
    try:
        configure(con, Path(raw_dir), memory_limit, spill)
        for statement in statements():
            step_started, cpu_started = time.perf_counter(), cpu_seconds()
            con.execute(statement)
            if progress is not None:
                seconds = time.perf_counter() - step_started
                cpu = cpu_seconds() - cpu_started
                progress(f"  {seconds:7.2f} s {cpu:7.2f} cpu-s  {describe(statement)}")
    finally:
        con.close()
        with contextlib.suppress(OSError):
            spill.rmdir()  # only when DuckDB left it empty
    return time.perf_counter() - started


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m ctr_tools.handwritten``."""
    parser = argparse.ArgumentParser(
        prog="python -m ctr_tools.handwritten",
        description="Run benchmarks/handwritten.sql on a directory of raw Parquet.",
    )
    parser.add_argument("--raw", type=Path, required=True, help="raw Parquet dir")
    parser.add_argument("--db", type=Path, required=True, help="DuckDB file to build")
    parser.add_argument("--memory-limit", default="14GB", help="default 14GB")
    parser.add_argument("--steps", action="store_true", help="time every statement")
    args = parser.parse_args(argv)
    seconds = run_handwritten(
        args.raw,
        args.db,
        memory_limit=args.memory_limit,
        progress=print if args.steps else None,
    )
    print(f"handwritten.sql on {args.raw}: {seconds:.1f} s -> {args.db}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
