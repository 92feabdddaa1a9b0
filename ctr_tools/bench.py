"""Benchmark the dbt project against the hand-written DuckDB baseline.

`python -m ctr_tools.bench --views 10_000_000` (or `make bench SIZE=...`):

1. generates the raw inputs as Parquet under data/scale/<views>/ if missing;
2. times a full build (`dbt run --full-refresh`, every model, seeds
   excluded, raw data read from Parquet) and, apart, `dbt test`;
3. times a one-day incremental build: the project is first built on every
   day but the last (untimed), then `dbt run` picks up the last day;
4. runs benchmarks/handwritten.sql on the same data and checks that it
   produces the same marts as dbt;
5. prints wall seconds, peak memory, raw events per second and the time per
   model, and last a machine-readable line:
   `bench: views=<n> full_s=<x> handwritten_s=<y> ratio=<x/y>
   incremental_s=<z> peak_rss_mib=<m>`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ctr_tools.scale_data import parse_count

PROJECT_DIR = Path(__file__).resolve().parents[1]
DBT = Path(sys.executable).with_name("dbt")
EVENT_INPUTS = {"raw_views": "viewed_at", "raw_clicks": "clicked_at"}
DIMENSION_INPUTS = ("raw_contacts", "raw_accounts", "raw_campaigns", "raw_creatives")
COMPARED_MARTS = {
    "campaign_ctr": ["period_grain", "period_start", "campaign_id"],
    "creative_ctr": ["period_grain", "period_start", "campaign_id", "creative_id"],
    "account_ctr": [
        "period_grain",
        "period_start",
        "campaign_id",
        "segment_type",
        "segment_value",
    ],
    "segment_ctr": ["period_grain", "period_start", "dimension", "dimension_value"],
}
COMPARED_MEASURES = ("views", "clicks", "viewers", "clickers", "ctr", "account_ctr")


@dataclass(frozen=True)
class Timed:
    """What one timed command took."""

    seconds: float
    peak_rss_mib: float


def run_timed(command: list[str], env: dict[str, str]) -> Timed:
    """Run a command, failing loudly, and measure wall time and peak RSS."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=PROJECT_DIR, env=env)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return Timed(seconds, usage.ru_maxrss / 1024)


def dbt_env(database: Path) -> dict[str, str]:
    """Environment for a dbt run on its own DuckDB file and spill folder."""
    return {
        **os.environ,
        "DBT_PROFILES_DIR": str(PROJECT_DIR),
        "CTR_DUCKDB_PATH": str(database),
        "CTR_DUCKDB_MEMORY_LIMIT": os.environ.get("CTR_DUCKDB_MEMORY_LIMIT", "14GB"),
    }


def dbt_command(verb: str, raw_dir: Path, target: Path, *extra: str) -> list[str]:
    """A dbt command reading the raw inputs from Parquet files in raw_dir."""
    variables = json.dumps(
        {"raw_source": "parquet", "raw_parquet_path": str(raw_dir.resolve())}
    )
    return [
        str(DBT),
        verb,
        "--vars",
        variables,
        "--target-path",
        str(target),
        "--log-path",
        str(target / "logs"),
        *extra,
    ]


def ensure_data(views: int, seed: int) -> Path:
    """The raw Parquet inputs at this size, generated when missing."""
    raw_dir = PROJECT_DIR / "data" / "scale" / str(views)
    if all(
        (raw_dir / f"{name}.parquet").exists()
        for name in [*EVENT_INPUTS, *DIMENSION_INPUTS]
    ):
        print(f"data: {raw_dir} (already there)")
        return raw_dir
    print(f"data: generating {views:,} views into {raw_dir}")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "ctr_tools.scale_data",
            "--views",
            str(views),
            "--seed",
            str(seed),
            "--out",
            str(raw_dir),
        ],
        check=True,
        cwd=PROJECT_DIR,
    )
    return raw_dir


LAST_DAY_QUERY = """
with days as (
    select try_strptime(substr(trim(viewed_at), 1, 10), '%Y-%m-%d') as day
    from read_parquet(?)
),
per_day as (
    select cast(day as date) as day, count(*) as views
    from days
    where day is not null
    group by 1
)
select cast(max(day) as varchar)
from per_day
where views >= (select median(views) from per_day) / 2
"""
"""The last day of the raw views with at least half a median day's views:
real calendar dates only (a malformed `2026-13-01` is not a day), and not
the thin tail of events whose offset moves them past the last full day."""


def last_full_day(connection: duckdb.DuckDBPyConnection, views: Path) -> str:
    """The last full day (YYYY-MM-DD) of the raw views in a Parquet file."""
    [(day,)] = connection.execute(LAST_DAY_QUERY, [str(views)]).fetchall()
    if day is None:
        raise SystemExit(f"no dated views in {views}")
    return str(day)


def split_last_day(raw_dir: Path, work: Path) -> tuple[Path, str]:
    """Write every raw input without its last full day's events (and the
    events dated after it); return that directory and the day."""
    base = work / "without_last_day"
    base.mkdir(parents=True, exist_ok=True)
    with duckdb.connect() as connection:
        last_day = last_full_day(connection, raw_dir / "raw_views.parquet")
        for name, column in EVENT_INPUTS.items():
            connection.execute(
                f"copy (select * from read_parquet('{raw_dir / name}.parquet')"
                f" where coalesce(substr(trim({column}), 1, 10), '') < '{last_day}')"
                f" to '{base / name}.parquet' (format parquet)"
            )
        for name in DIMENSION_INPUTS:
            target = base / f"{name}.parquet"
            if not target.exists():
                target.symlink_to((raw_dir / f"{name}.parquet").resolve())
    return base, last_day


def model_seconds(target: Path) -> list[tuple[str, float]]:
    """Seconds per model of the last dbt command, slowest first."""
    results = json.loads((target / "run_results.json").read_text())["results"]
    timings = [
        (result["unique_id"].split(".", 2)[-1], float(result["execution_time"]))
        for result in results
    ]
    return sorted(timings, key=lambda item: -item[1])


def marts_differences(dbt_database: Path, handwritten_database: Path) -> list[str]:
    """Where the hand-written marts differ from dbt's (empty: identical)."""
    differences = []
    with duckdb.connect(str(dbt_database), read_only=True) as connection:
        connection.execute(f"attach '{handwritten_database}' as hand (read_only)")
        for mart, grain in COMPARED_MARTS.items():
            columns = [
                column
                for (column,) in connection.sql(
                    "select column_name from duckdb_columns()"
                    f" where database_name = 'hand' and table_name = '{mart}'"
                ).fetchall()
                if column in COMPARED_MEASURES
            ]
            keys = " and ".join(
                f"d.{key} is not distinct from h.{key}" for key in grain
            )
            mismatch = " or ".join(
                f"not (abs(coalesce(d.{c}, -1) - coalesce(h.{c}, -1)) < 1e-9)"
                for c in columns
            )
            [(count,)] = connection.sql(
                f"select count(*) from main_marts.{mart} as d"
                f" full outer join hand.main.{mart} as h on {keys}"
                f" where d.{grain[0]} is null or h.{grain[0]} is null or {mismatch}"
            ).fetchall()
            if count:
                differences.append(f"{mart}: {count} rows differ")
    return differences


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--views", type=parse_count, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    raw_dir = ensure_data(args.views, args.seed)
    work = PROJECT_DIR / "data" / "bench" / str(args.views)
    work.mkdir(parents=True, exist_ok=True)
    with duckdb.connect() as connection:
        [(raw_events,)] = connection.sql(
            f"select (select count(*) from read_parquet('{raw_dir}/raw_views.parquet'))"
            f" + (select count(*) from read_parquet('{raw_dir}/raw_clicks.parquet'))"
        ).fetchall()

    full_db, full_target = work / "dbt_full.duckdb", work / "target_full"
    full_db.unlink(missing_ok=True)
    env = dbt_env(full_db)
    if args.views <= 1_000_000:
        parse = run_timed(dbt_command("parse", raw_dir, full_target), env)
        compile_ = run_timed(dbt_command("compile", raw_dir, full_target), env)
        print(
            f"dbt overhead: parse {parse.seconds:.1f} s,"
            f" compile {compile_.seconds:.1f} s"
        )
    print("full build: dbt run --full-refresh")
    full = run_timed(dbt_command("run", raw_dir, full_target, "--full-refresh"), env)
    full_models = model_seconds(full_target)
    print("dbt test")
    # Unit tests run on the seeds (make test); the worked example lives there.
    test = run_timed(
        dbt_command(
            "test",
            raw_dir,
            full_target,
            "--exclude-resource-type",
            "unit_test",
            "--exclude",
            "worked_example_campaign_account_ctr_is_exactly_one_quarter",
        ),
        env,
    )

    increment_db, increment_target = (
        work / "dbt_incremental.duckdb",
        work / "target_inc",
    )
    increment_db.unlink(missing_ok=True)
    base_dir, last_day = split_last_day(raw_dir, work)
    print(f"incremental: build without {last_day} (untimed), then add that day")
    run_timed(
        dbt_command("run", base_dir, increment_target, "--full-refresh"),
        dbt_env(increment_db),
    )
    incremental = run_timed(
        dbt_command("run", raw_dir, increment_target), dbt_env(increment_db)
    )
    incremental_models = model_seconds(increment_target)

    print("hand-written SQL baseline")
    hand_db = work / "handwritten.duckdb"
    hand = run_timed(
        [
            sys.executable,
            "-m",
            "ctr_tools.handwritten",
            "--raw",
            str(raw_dir),
            "--db",
            str(hand_db),
        ],
        dict(os.environ),
    )
    handwritten_s = hand.seconds
    differences = marts_differences(full_db, hand_db)

    print(
        f"\nviews {args.views:,}; raw events {raw_events:,}; machine: "
        f"{os.cpu_count()} cores, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB"
    )
    print(f"{'phase':<22}{'wall s':>10}{'peak MiB':>12}{'events/s':>14}")
    for name, timed in [
        ("full build (dbt run)", full),
        ("dbt test", test),
        ("one-day incremental", incremental),
    ]:
        rate = raw_events / timed.seconds if timed.seconds else 0.0
        print(
            f"{name:<22}{timed.seconds:>10.1f}{timed.peak_rss_mib:>12.0f}{rate:>14,.0f}"
        )
    print(
        f"{'hand-written SQL':<22}{handwritten_s:>10.1f}{'':>12}"
        f"{raw_events / handwritten_s:>14,.0f}"
    )
    print("\nfull build, seconds per model:")
    for model, seconds in full_models:
        print(f"  {seconds:8.2f}  {model}")
    print("incremental build, seconds per model:")
    for model, seconds in incremental_models:
        print(f"  {seconds:8.2f}  {model}")
    print(
        "marts equal the hand-written SQL's: "
        + ("yes" if not differences else "NO: " + "; ".join(differences))
    )
    peak = max(full.peak_rss_mib, incremental.peak_rss_mib)
    print(
        f"bench: views={args.views} full_s={full.seconds:.1f} "
        f"handwritten_s={handwritten_s:.1f} ratio={full.seconds / handwritten_s:.2f} "
        f"incremental_s={incremental.seconds:.1f} peak_rss_mib={peak:.0f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
