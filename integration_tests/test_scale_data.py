"""The scale-data generator and the hand-written SQL baseline, on tiny sizes.

``ctr_tools.scale_data`` must be deterministic per seed and produce the
contract's six raw inputs with realistic shapes; ``benchmarks/handwritten.sql``
must build marts that satisfy the contract's invariants and agree with the
independent reference implementation.
"""

from __future__ import annotations

import math
from pathlib import Path

import duckdb
import pytest
from contract_columns import CONTRACT_COLUMNS

from ctr_tools import reference, scale_data
from ctr_tools.handwritten import MART_TABLES, run_handwritten

VIEWS = 20_000


TIMESTAMP_SHAPE = (
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[ T]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
    r"(\.[0-9]+)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?"
)
"""The project's timestamp shape (contract section 1)."""

GRAINS = {
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
    "dim_accounts": ["account_id"],
    "rejected_events": ["event_type", "source_row_number"],
}


def generate(out: Path, seed: int, views: int = VIEWS) -> Path:
    """Run the CLI as a user would; return the output directory."""
    argv = ["--views", f"{views:_}", "--out", str(out), "--seed", str(seed)]
    assert scale_data.main(argv) == 0
    return out


def parquet(directory: Path, table: str) -> str:
    """A DuckDB FROM item for one generated file, with its row number."""
    return f"read_parquet('{directory / table}.parquet', file_row_number = true)"


def query(sql: str) -> list[tuple[object, ...]]:
    """Every row of a query, on a fresh in-memory DuckDB."""
    with duckdb.connect() as con:
        return con.execute(sql).fetchall()


def scalar(sql: str) -> object:
    """The single value of a query on a fresh in-memory DuckDB."""
    return query(sql)[0][0]


@pytest.fixture(scope="module")
def seven(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny dataset, seed 7."""
    return generate(tmp_path_factory.mktemp("seed7"), seed=7)


@pytest.fixture(scope="module")
def handwritten_db(tmp_path_factory: pytest.TempPathFactory, seven: Path) -> Path:
    """The hand-written script built on the seed-7 dataset."""
    db = tmp_path_factory.mktemp("handwritten") / "handwritten.duckdb"
    seconds = run_handwritten(seven, db, memory_limit="2GB")
    assert seconds > 0
    return db


# --------------------------------------------------------------------------
# Generator
# --------------------------------------------------------------------------


def test_views_accept_underscores() -> None:
    assert scale_data.parse_count("1_000_000") == 1_000_000
    assert scale_data.parse_count("20000") == 20_000


def test_same_seed_writes_the_same_rows_in_the_same_order(
    seven: Path, tmp_path: Path
) -> None:
    again = generate(tmp_path / "again", seed=7)
    for table in CONTRACT_COLUMNS:
        differing = scalar(
            f"select count(*) from ("
            f"(from {parquet(seven, table)} except all from {parquet(again, table)})"
            f" union all "
            f"(from {parquet(again, table)} except all from {parquet(seven, table)}))"
        )
        assert differing == 0, table


def test_another_seed_writes_other_data(seven: Path, tmp_path: Path) -> None:
    other = generate(tmp_path / "other", seed=8)
    for table in ("raw_views", "raw_clicks", "raw_contacts", "raw_accounts"):
        shared = scalar(
            f"select count(*) from (from {parquet(seven, table)} "
            f"intersect all from {parquet(other, table)})"
        )
        total = scalar(f"select count(*) from {parquet(seven, table)}")
        assert shared < 0.1 * total, table


def test_files_have_the_contract_columns_in_order_all_varchar(seven: Path) -> None:
    for table, columns in CONTRACT_COLUMNS.items():
        described = query(
            f"describe select * from read_parquet('{seven / table}.parquet')"
        )
        assert [row[0] for row in described] == columns, table
        assert {row[1] for row in described} == {"VARCHAR"}, table


def test_sizes_follow_the_view_count(seven: Path) -> None:
    views = scalar(f"select count(*) from {parquet(seven, 'raw_views')}")
    people = scalar(
        f"select count(distinct lower(trim(email, ' ' || chr(9)))) "
        f"from {parquet(seven, 'raw_views')}"
    )
    campaigns = scalar(
        f"select count(distinct trim(campaign_id, ' ' || chr(9))) "
        f"from {parquet(seven, 'raw_campaigns')}"
    )
    creatives = scalar(f"select count(*) from {parquet(seven, 'raw_creatives')}")
    assert views == VIEWS
    assert VIEWS / 10 < people < VIEWS / 7
    assert 30 <= campaigns <= 60
    assert 3 * campaigns <= creatives <= 4 * campaigns + 2


def test_event_shares_are_realistic(seven: Path) -> None:
    views = parquet(seven, "raw_views")
    shares = query(
        f"""
        select
            (select count(*) from {parquet(seven, "raw_clicks")}) / count(*),
            1 - count(distinct view_id) / count(view_id),
            count(*) filter (where regexp_matches(
                user_agent, 'bot|crawl|spider|headless|scanner', 'i')) / count(*),
            count(*) filter (where user_agent is null) / count(*)
        from {views}
        """
    )[0]
    click_share, duplicate_share, bot_share, empty_agent_share = shares
    assert 0.03 < click_share < 0.07
    assert 0.005 < duplicate_share < 0.02
    assert 0.005 < bot_share < 0.02
    assert 0.01 < empty_agent_share < 0.06


def test_timestamps_come_in_every_accepted_form(seven: Path) -> None:
    forms = query(
        f"""
        select
            count(*) filter (where viewed_at like '____-__-__T%'),
            count(*) filter (where viewed_at like '____-__-__ %'),
            count(*) filter (where viewed_at like '%Z'),
            count(*) filter (where regexp_matches(
                viewed_at, '\\+[0-9]{{2}}:[0-9]{{2}}$')),
            count(*) filter (where regexp_matches(
                viewed_at, ':[0-9]{{2}}(\\.[0-9]+)?-[0-9]{{2}}:[0-9]{{2}}$')),
            count(*) filter (where regexp_matches(viewed_at, ':[0-9]{{2}}\\.[0-9]+')),
            count(*) filter (where length(viewed_at) = 19),
            min(viewed_at[1:7]) filter (where is_timestamp),
            max(viewed_at[1:7]) filter (where is_timestamp)
        from (
            select
                viewed_at,
                regexp_full_match(viewed_at, '{TIMESTAMP_SHAPE}')
                and try_cast(left(viewed_at, 10) as date) is not null as is_timestamp
            from {parquet(seven, "raw_views")}
        )
        """
    )[0]
    *counts, first_month, last_month = forms
    assert all(count > VIEWS * 0.02 for count in counts), counts
    assert first_month in ("2025-12", "2026-01")
    assert last_month in ("2026-06", "2026-07")


def test_file_is_in_arrival_order_with_a_late_tail(seven: Path) -> None:
    """Timestamps follow the row order; ~0.5 % are days older than before."""
    late_share = scalar(
        f"""
        with parsed as (
            select
                file_row_number,
                try_cast(left(viewed_at, 19) as timestamp) as local_at
            from {parquet(seven, "raw_views")}
            where regexp_full_match(viewed_at, '{TIMESTAMP_SHAPE}')
        ),
        running as (
            select
                local_at,
                max(local_at) over (
                    order by file_row_number
                    rows between 200 preceding and 1 preceding
                ) as recent_max
            from parsed
        )
        select count(*) filter (where local_at < recent_max - interval 2 day)
            / count(*)
        from running
        """
    )
    assert 0.002 < late_share < 0.01


def test_clicks_mostly_follow_a_view_of_the_same_person_and_creative(
    handwritten_db: Path, seven: Path
) -> None:
    """Checked with the reference: most clicks qualify, some are each kind."""
    raw = reference_raw(seven, handwritten_db.parent / "csv")
    outcomes = reference.evaluate(raw).click_outcomes.values()
    share = {
        kind: sum(o == kind for o in outcomes) / len(outcomes) for kind in set(outcomes)
    }
    assert share["qualifying"] > 0.75
    for kind in ("double", "orphan", "machine", "duplicate", "invalid_traffic"):
        assert 0.002 < share[kind] < 0.1, (kind, share)


# --------------------------------------------------------------------------
# Hand-written baseline
# --------------------------------------------------------------------------


def reference_raw(raw_dir: Path, csv_dir: Path) -> reference.RawData:
    """The generated Parquet as the reference loads seeds (via CSV)."""
    csv_dir.mkdir(exist_ok=True)
    for table in CONTRACT_COLUMNS:
        duckdb.execute(
            f"copy (from read_parquet('{raw_dir / table}.parquet')) "
            f"to '{csv_dir / table}.csv' (header)"
        )
    return reference.load_raw(csv_dir)


def mart_rows(db: Path, table: str) -> list[dict[str, object]]:
    """Every row of one table of the handwritten database."""
    with duckdb.connect(str(db), read_only=True) as con:
        cursor = con.execute(f"select * from {table}")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def test_handwritten_builds_every_mart_with_a_unique_grain(
    handwritten_db: Path,
) -> None:
    with duckdb.connect(str(handwritten_db), read_only=True) as con:
        for table in MART_TABLES:
            grain = ", ".join(GRAINS[table])
            rows, unique = con.execute(
                f"select count(*), count(distinct ({grain})) from {table}"
            ).fetchone() or (0, 0)
            assert rows > 0, table
            assert rows == unique, table


def test_handwritten_types_counts_bigint_rates_double(handwritten_db: Path) -> None:
    with duckdb.connect(str(handwritten_db), read_only=True) as con:
        types = dict(
            con.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_name = 'campaign_ctr'"
            ).fetchall()
        )
    assert types["period_start"] == "DATE"
    for column in ("views", "clicks", "viewers", "clickers", "accounts_viewed"):
        assert types[column] == "BIGINT", column
    for column in ("ctr", "ctr_lower", "ctr_upper", "event_ctr", "account_ctr"):
        assert types[column] == "DOUBLE", column


@pytest.mark.parametrize("table", ["campaign_ctr", "creative_ctr", "segment_ctr"])
def test_handwritten_person_measures_are_consistent(
    handwritten_db: Path, table: str
) -> None:
    for row in mart_rows(handwritten_db, table):
        assert 0 < row["viewers"] <= row["views"]
        assert 0 <= row["clickers"] <= row["viewers"]
        assert row["clickers"] <= row["clicks"]
        assert 0 <= row["ctr"] <= 1
        assert row["ctr_lower"] <= row["ctr"] <= row["ctr_upper"]
        assert row["ctr_lower"] == 0 or row["clickers"] > 0
        assert row["ctr_upper"] == 1 or row["clickers"] < row["viewers"]


@pytest.mark.parametrize("table", ["campaign_ctr", "segment_ctr", "account_ctr"])
def test_handwritten_account_measures_are_consistent(
    handwritten_db: Path, table: str
) -> None:
    for row in mart_rows(handwritten_db, table):
        assert 0 <= row["accounts_clicked"] <= row["accounts_viewed"]
        if row["accounts_viewed"] == 0:
            assert row["account_ctr"] is None
        else:
            assert 0 <= row["account_ctr"] <= 1


def test_handwritten_rejects_every_reason_keeping_the_raw_row(
    handwritten_db: Path, seven: Path
) -> None:
    rejected = mart_rows(handwritten_db, "rejected_events")
    assert {row["rejection_reason"] for row in rejected} == set(
        reference.REJECTION_REASONS
    )
    tables = {"view": "raw_views", "click": "raw_clicks"}
    for row in rejected:
        raw = query(
            f"select * exclude (file_row_number) "
            f"from {parquet(seven, tables[row['event_type']])} "
            f"where file_row_number = {row['source_row_number'] - 1}"
        )
        assert raw == [
            (
                row["raw_event_id"],
                row["raw_event_at"],
                row["raw_email"],
                row["raw_campaign_id"],
                row["raw_creative_id"],
                row["raw_user_agent"],
            )
        ]


def test_handwritten_matches_the_reference(handwritten_db: Path, seven: Path) -> None:
    """Every mart row and value equals the independent reference's."""
    expected = reference.compute_marts(
        reference_raw(seven, handwritten_db.parent / "csv")
    )
    for table in MART_TABLES:
        actual = mart_rows(handwritten_db, table)
        columns = [c for c in actual[0] if c in expected[table][0]]
        if table == "rejected_events":
            columns = ["event_type", "source_row_number"]
            for row in expected[table]:
                assert row["reason"] in reference.REJECTION_REASONS
        key = GRAINS[table]
        ours = {tuple(r[c] for c in key): r for r in actual}
        theirs = {tuple(r[c] for c in key): r for r in expected[table]}
        assert ours.keys() == theirs.keys(), table
        for grain, row in ours.items():
            for column in columns:
                assert same(row[column], theirs[grain][column]), (table, grain, column)


def same(a: object, b: object) -> bool:
    """Equal, with floats compared to 1e-9 relative."""
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return a == b
