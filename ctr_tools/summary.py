"""Print a short, readable summary of the built marts.

One line per campaign (all time): views, viewers, CTR with its 95 % Wilson
interval, and account CTR. Reads the DuckDB file the default target writes.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import duckdb

QUERY = """
select
    campaign_id,
    channel,
    views,
    viewers,
    clickers,
    ctr,
    ctr_lower,
    ctr_upper,
    accounts_viewed,
    accounts_clicked,
    account_ctr
from main_marts.campaign_ctr
where period_grain = 'all_time'
order by channel, campaign_id
"""


def percent(value: float | None) -> str:
    """A rate as a percentage with one decimal, or a dash when undefined."""
    return "-" if value is None else f"{value * 100:5.1f} %"


def format_rows(rows: list[tuple]) -> list[str]:
    """Lay the campaign rows out as an aligned text table."""
    header = (
        f"{'campaign':<24} {'channel':<8} {'views':>8} {'viewers':>8} "
        f"{'CTR':>8} {'95 % interval':>17} {'accounts':>9} {'acct CTR':>9}"
    )
    lines = [header, "-" * len(header)]
    for (
        campaign_id,
        channel,
        views,
        viewers,
        _clickers,
        ctr,
        ctr_lower,
        ctr_upper,
        accounts_viewed,
        _accounts_clicked,
        account_ctr,
    ) in rows:
        interval = f"{percent(ctr_lower)}-{percent(ctr_upper).strip()}"
        lines.append(
            f"{campaign_id:<24.24} {channel:<8} {views:>8,} {viewers:>8,} "
            f"{percent(ctr):>8} {interval:>17} {accounts_viewed:>9,} "
            f"{percent(account_ctr):>9}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    """Print the summary; exit 1 with a clear message if nothing is built."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--database",
        type=Path,
        default=Path(os.environ.get("CTR_DUCKDB_PATH", "ctr.duckdb")),
        help="DuckDB file built by `make run` (default: ctr.duckdb)",
    )
    args = parser.parse_args(argv)
    if not args.database.exists():
        print(f"No database at {args.database}: run `make run` first.", file=sys.stderr)
        return 1
    with duckdb.connect(str(args.database), read_only=True) as connection:
        rows = connection.sql(QUERY).fetchall()
    print(f"\nCampaigns, all time ({len(rows)}): CTR = clickers / viewers")
    print("\n".join(format_rows(rows)))
    print(
        "\nDefinitions: `make docs`, then `.venv/bin/dbt docs serve`; "
        "contract: ../shared/spec/ctr_contract.md"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
