"""The tracking warnings flag the sample data's broken day and no other day.

Runs ``dbt test --select tag:tracking_warning --store-failures`` on the built
sample project and reads the days each warning flags from its audit table
(one row per flagged day). The expected days are ``BROKEN_DAY`` of the
sample-data generator, and, independently of the SQL, the days that the
documented definitions (tests/tracking/_tracking__tests.yml) flag when
applied in Python to the reference's tracking_health rows with the
thresholds of dbt_project.yml.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml
from conftest import PROJECT_DIR, dbt

from ctr_tools.reference import HEALTH_COLUMNS, MartRow, compute_marts, load_raw
from ctr_tools.sample_data import BROKEN_DAY

AUDIT_SCHEMA = "main_dbt_test__audit"
Totals = Counter[str]
# (numerator, denominator) of a day's share, as each test's description says.
Share = Callable[[Totals], tuple[int, int]]


def orphan_click_share(t: Totals) -> tuple[int, int]:
    attribution = t["orphan_clicks"] + t["machine_clicks"] + t["qualifying_clicks"]
    return t["orphan_clicks"], attribution


def machine_click_share(t: Totals) -> tuple[int, int]:
    return t["machine_clicks"], t["machine_clicks"] + t["qualifying_clicks"]


def invalid_traffic_share(t: Totals) -> tuple[int, int]:
    valid = (
        t["raw_views"]
        - t["rejected_views"]
        - t["duplicate_views"]
        + t["raw_clicks"]
        - t["rejected_clicks"]
        - t["duplicate_clicks"]
    )
    return t["invalid_traffic_views"] + t["invalid_traffic_clicks"], valid


def unmapped_view_share(t: Totals) -> tuple[int, int]:
    return t["unmapped_views"], t["counted_views"]


SHARE_WARNINGS: dict[str, tuple[Share, str]] = {
    "daily_orphan_click_share_at_most_threshold": (
        orphan_click_share,
        "tracking_max_orphan_click_share",
    ),
    "daily_machine_click_share_at_most_threshold": (
        machine_click_share,
        "tracking_max_machine_click_share",
    ),
    "daily_invalid_traffic_share_at_most_threshold": (
        invalid_traffic_share,
        "tracking_max_invalid_traffic_share",
    ),
    "daily_unmapped_view_share_at_most_threshold": (
        unmapped_view_share,
        "tracking_max_unmapped_view_share",
    ),
}
OUTAGE_WARNING = "daily_counted_views_at_least_share_of_trailing_median"
WARNINGS = (*SHARE_WARNINGS, OUTAGE_WARNING)


# --------------------------------------------------------------------------
# The definitions, in Python
# --------------------------------------------------------------------------


def project_vars() -> dict[str, Any]:
    """The vars of dbt_project.yml (the thresholds' defaults)."""
    text = (PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)["vars"]


def daily_totals(health: Iterable[MartRow]) -> dict[date, Totals]:
    """tracking_health summed over channels per UTC day (dated rows only)."""
    totals: dict[date, Totals] = defaultdict(Counter)
    for row in health:
        day = row["date_day"]
        if isinstance(day, date):
            totals[day].update(
                {k: v for k, v in row.items() if isinstance(v, int) and k != "date_day"}
            )
    return totals


def share_flagged_days(
    totals: dict[date, Totals], share: Share, threshold: float, minimum: float
) -> set[date]:
    """Days whose share is above ``threshold`` with a big enough denominator."""
    flagged = set()
    for day, day_totals in totals.items():
        numerator, denominator = share(day_totals)
        if denominator >= minimum and numerator / denominator > threshold:
            flagged.add(day)
    return flagged


def outage_flagged_days(
    totals: dict[date, Totals], ratio: float, baseline_days: int, minimum: float
) -> set[date]:
    """Days below ``ratio`` x the median of the previous ``baseline_days``.

    The calendar runs from the first to the last day with a row; a day
    without a row has 0 counted views.
    """
    first, last = min(totals), max(totals)
    flagged = set()
    day = first + timedelta(days=baseline_days)
    while day <= last:
        previous = [
            totals.get(day - timedelta(days=n), Counter())["counted_views"]
            for n in range(1, baseline_days + 1)
        ]
        median = statistics.median(previous)
        views = totals.get(day, Counter())["counted_views"]
        if median >= minimum and views < ratio * median:
            flagged.add(day)
        day += timedelta(days=1)
    return flagged


def expected_flagged_days(seeds_dir: Path) -> dict[str, set[date]]:
    """Each warning's flagged days, from the reference's tracking_health."""
    settings = project_vars()
    minimum = float(settings["tracking_min_daily_volume"])
    totals = daily_totals(compute_marts(load_raw(seeds_dir))["tracking_health"])
    expected = {
        name: share_flagged_days(
            totals,
            share,
            float(settings[threshold]),
            minimum,
        )
        for name, (share, threshold) in SHARE_WARNINGS.items()
    }
    expected[OUTAGE_WARNING] = outage_flagged_days(
        totals,
        float(settings["tracking_outage_view_ratio"]),
        int(settings["tracking_outage_baseline_days"]),
        minimum,
    )
    return expected


# --------------------------------------------------------------------------
# What dbt flags
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def warning_run(sample_project: Path) -> tuple[dict[str, dict[str, object]], Path]:
    """Run the warnings with --store-failures; their results by test name."""
    dbt(sample_project, "test", "--select", "tag:tracking_warning", "--store-failures")
    run_results = json.loads(
        (sample_project / "target" / "run_results.json").read_text(encoding="utf-8")
    )
    results = {
        r["unique_id"].split(".")[2]: r
        for r in run_results["results"]
        if r["unique_id"].startswith("test.")
    }
    return results, sample_project / "ctr.duckdb"


def flagged_days(database: Path, warning: str) -> list[date]:
    """The days in a warning's audit table (one row per flagged day)."""
    with duckdb.connect(str(database), read_only=True) as conn:
        rows = conn.execute(
            f'select date_day from {AUDIT_SCHEMA}."{warning}" order by 1'
        ).fetchall()
    return [day for (day,) in rows]


# --------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------


def test_every_warning_is_tagged_and_warns(
    warning_run: tuple[dict[str, dict[str, object]], Path],
) -> None:
    """The tag selects exactly the five warnings, each at severity warn."""
    results, _ = warning_run
    assert sorted(results) == sorted(WARNINGS)
    for name, result in results.items():
        assert result["status"] == "warn", (name, result["status"])
        assert result["failures"] == 1, (name, result["failures"])


@pytest.mark.parametrize("warning", WARNINGS)
def test_warning_flags_exactly_the_broken_day(
    warning: str, warning_run: tuple[dict[str, dict[str, object]], Path]
) -> None:
    """Each warning flags the broken day, and no normal day."""
    _, database = warning_run
    assert flagged_days(database, warning) == [BROKEN_DAY]


def test_definitions_flag_exactly_the_broken_day(seeds_dir: Path) -> None:
    """The documented definitions, in Python on the reference, agree."""
    expected = expected_flagged_days(seeds_dir)
    assert expected == {warning: {BROKEN_DAY} for warning in WARNINGS}


# --------------------------------------------------------------------------
# Boundaries: the compiled warnings on a hand-made tracking_health
# --------------------------------------------------------------------------

VIEW_PARTS = ("rejected", "duplicate", "invalid_traffic", "counted")
CLICK_PARTS = ("rejected", "duplicate", "invalid_traffic", "double")
CLICK_OUTCOMES = ("orphan_clicks", "machine_clicks", "qualifying_clicks")
NORMAL_DAY: dict[str, int] = {"counted_views": 60, "qualifying_clicks": 10}


def health_row(day: date | None, channel: str = "ad", **parts: int) -> MartRow:
    """A tracking_health row whose raw totals reconcile with its parts."""
    counts = {**dict.fromkeys(HEALTH_COLUMNS, 0), **parts}
    counts["raw_views"] = sum(counts[f"{part}_views"] for part in VIEW_PARTS)
    counts["raw_clicks"] = sum(
        counts[column]
        for column in (*(f"{part}_clicks" for part in CLICK_PARTS), *CLICK_OUTCOMES)
    )
    return {"date_day": day, "channel": channel, **counts}


def day(number: int) -> date:
    return date(2026, 3, number)


# 3/1-3/8 are normal but for the cases named; 3/9 has no row at all.
BOUNDARY_ROWS: list[MartRow] = [
    health_row(day(1), **NORMAL_DAY),
    # orphan share exactly 0.5: not above the threshold
    health_row(day(2), counted_views=60, orphan_clicks=5, qualifying_clicks=5),
    # orphan share 6/10 over two channels (neither reaches 10 clicks alone)
    health_row(day(3), "ad", counted_views=30, orphan_clicks=6),
    health_row(day(3), "email", counted_views=30, qualifying_clicks=4),
    # orphan share 9/9, but 9 clicks is under the minimum volume
    health_row(day(4), counted_views=60, orphan_clicks=9),
    # machine share 6/10 and exactly 0.5
    health_row(day(5), counted_views=60, machine_clicks=6, qualifying_clicks=4),
    health_row(day(6), counted_views=60, machine_clicks=5, qualifying_clicks=5),
    # invalid traffic 30 / (30 + 30 + 10): rejected rows are not valid events
    health_row(
        day(7),
        counted_views=30,
        invalid_traffic_views=30,
        rejected_views=100,
        qualifying_clicks=10,
    ),
    # invalid traffic exactly 0.3 = 30 / (60 + 30 + 10); duplicates left out
    health_row(
        day(8),
        counted_views=60,
        invalid_traffic_views=30,
        duplicate_clicks=50,
        qualifying_clicks=10,
    ),
    # 30 = 0.5 x median 60: not below it
    health_row(day(10), counted_views=30, qualifying_clicks=10),
    # 29 < 0.5 x median 60: an outage
    health_row(day(11), counted_views=29, qualifying_clicks=10),
    # unmapped share exactly 0.3, then 19/60, then 9/9 under the minimum
    health_row(day(12), counted_views=30, unmapped_views=9, qualifying_clicks=10),
    health_row(day(13), counted_views=60, unmapped_views=19, qualifying_clicks=10),
    health_row(day(14), counted_views=9, unmapped_views=9, qualifying_clicks=10),
    # rows without a date (invalid timestamps) are never judged
    health_row(None, "unknown", rejected_views=50, orphan_clicks=100),
]
BOUNDARY_FLAGS: dict[str, set[date]] = {
    "daily_orphan_click_share_at_most_threshold": {day(3)},
    "daily_machine_click_share_at_most_threshold": {day(5)},
    "daily_invalid_traffic_share_at_most_threshold": {day(7)},
    "daily_unmapped_view_share_at_most_threshold": {day(13)},
    # 3/9 (no row: 0 views), 3/11, and 3/14 (9 < 0.5 x median 30)
    OUTAGE_WARNING: {day(9), day(11), day(14)},
}


def run_compiled_warning(project: Path, warning: str, rows: list[MartRow]) -> set[date]:
    """Run a warning's compiled SQL on ``rows`` as main_marts.tracking_health."""
    sql = (
        project
        / "target"
        / "compiled"
        / "ctr"
        / "tests"
        / "tracking"
        / f"{warning}.sql"
    ).read_text(encoding="utf-8")
    columns = ("date_day", "channel", *HEALTH_COLUMNS)
    with duckdb.connect() as conn:
        conn.execute("attach ':memory:' as ctr")
        conn.execute("create schema ctr.main_marts")
        conn.execute(
            "create table ctr.main_marts.tracking_health (date_day date, "
            "channel varchar, " + ", ".join(f"{c} bigint" for c in HEALTH_COLUMNS) + ")"
        )
        conn.executemany(
            "insert into ctr.main_marts.tracking_health values "
            f"({', '.join('?' for _ in columns)})",
            [[row[c] for c in columns] for row in rows],
        )
        return {d for (d, *_) in conn.execute(sql).fetchall()}


@pytest.mark.parametrize("warning", WARNINGS)
def test_warning_boundaries(
    warning: str, warning_run: tuple[dict[str, dict[str, object]], Path]
) -> None:
    """Shares exactly at the threshold and days under the minimum volume
    pass; channels are summed per day; a day without rows is an outage."""
    _, database = warning_run
    assert (
        run_compiled_warning(database.parent, warning, BOUNDARY_ROWS)
        == (BOUNDARY_FLAGS[warning])
    )


def test_python_definitions_agree_on_the_boundaries() -> None:
    """The Python reading of the definitions flags the same boundary days."""
    settings = project_vars()
    totals = daily_totals(BOUNDARY_ROWS)
    minimum = float(settings["tracking_min_daily_volume"])
    for name, (share, threshold) in SHARE_WARNINGS.items():
        limit = float(settings[threshold])
        assert (
            share_flagged_days(totals, share, limit, minimum) == (BOUNDARY_FLAGS[name])
        ), name
    assert (
        outage_flagged_days(totals, 0.5, 7, minimum) == BOUNDARY_FLAGS[OUTAGE_WARNING]
    )
