"""The benchmark's one-day split picks the last full day of real dates."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ctr_tools.bench import last_full_day, split_last_day


def write_views(path: Path, days: dict[str, int], event: str = "view") -> None:
    """Raw views (or clicks): `count` rows whose timestamp text starts with
    each day."""
    rows = [
        (f"v{day}{n}", f"  {day} 10:00:00", "a@x.com", "c1", "cr1", "")
        for day, count in days.items()
        for n in range(count)
    ]
    with duckdb.connect() as connection:
        connection.execute(
            f"create table raw_views ({event}_id varchar, {event}ed_at varchar,"
            " email varchar, campaign_id varchar, creative_id varchar,"
            " user_agent varchar)"
        )
        connection.executemany("insert into raw_views values (?, ?, ?, ?, ?, ?)", rows)
        connection.execute(f"copy raw_views to '{path}' (format parquet)")


def test_last_full_day_skips_malformed_dates_and_a_thin_tail(tmp_path: Path) -> None:
    views = tmp_path / "raw_views.parquet"
    write_views(
        views,
        # 2026-13-01 sorts last as text but is no date; 2026-07-01 holds a
        # few events whose offset moved them past the last full day.
        {
            "2026-06-28": 10,
            "2026-06-29": 12,
            "2026-06-30": 9,
            "2026-07-01": 2,
            "2026-13-01": 20,
        },
    )
    with duckdb.connect() as connection:
        assert last_full_day(connection, views) == "2026-06-30"


def test_split_holds_back_the_last_day_and_later_rows(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    write_views(
        raw / "raw_views.parquet", {"2026-06-29": 4, "2026-06-30": 3, "2026-07-01": 1}
    )
    write_views(raw / "raw_clicks.parquet", {"2026-06-29": 2, "2026-06-30": 1}, "click")
    for name in ("raw_contacts", "raw_accounts", "raw_campaigns", "raw_creatives"):
        (raw / f"{name}.parquet").write_bytes(b"")

    base, day = split_last_day(raw, tmp_path / "work")

    assert day == "2026-06-30"
    with duckdb.connect() as connection:
        [(views, last)] = connection.sql(
            f"select count(*), max(trim(viewed_at)) from '{base}/raw_views.parquet'"
        ).fetchall()
        [(clicks,)] = connection.sql(
            f"select count(*) from '{base}/raw_clicks.parquet'"
        ).fetchall()
    assert (views, clicks) == (4, 2)
    assert last.startswith("2026-06-29")
