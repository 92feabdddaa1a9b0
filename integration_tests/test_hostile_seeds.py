"""Hostile seeds: the project builds, handles every row by a rule, and agrees
with the reference.

Two seed sets are written to a temporary directory and built in a project
copy (``conftest.make_project``) with ``dbt build --exclude tag:sample_data``
(the worked-example test is about the sample seeds only); warnings are
allowed, errors are not.

- Header-only seeds: every public mart is empty.
- One seed set of hostile rows: fields with quotes, commas, newlines,
  surrounding spaces and tabs, unicode, the texts ``NULL``, ``null`` and
  ``N/A``, 10,000-character values; ids that differ only in case or spaces;
  a creative whose campaign is missing; a campaign with views and no
  clicks, one with clicks and no views; a day of nothing but bot traffic;
  timestamps in the years 1, 1900 and 9999 (and offsets that push the UTC
  instant outside years 1-9999); employee counts ``1,200``, ``-5``,
  ``12.5``, 30 digits, the 64-bit maximum and one more, leading zeros.

Each hostile view and click row has a hand-written expected outcome (the
rule that handles it): the warehouse's outcome (``rejected_events``, and the
intermediate models for valid rows) and the reference's
(``ctr_tools.reference.evaluate``) must both equal it. Person accounts and
employee counts are checked the same way. Then every public mart is
compared with ``ctr_tools.reference.compute_marts`` on the same seeds.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from conftest import dbt, make_project
from mart_comparison import SHOWN_PROBLEMS, reference_problems

from ctr_tools.reference import (
    SEED_COLUMNS,
    RawData,
    compute_marts,
    evaluate,
    load_raw,
    parse_timestamp,
)

PUBLIC_MARTS = (
    "campaign_ctr",
    "creative_ctr",
    "account_ctr",
    "segment_ctr",
    "dim_accounts",
    "rejected_events",
    "tracking_health",
)
LONG = 10_000
HUMAN = "Mozilla/5.0"
BOT = "Googlebot/2.1"


@dataclass(frozen=True)
class Hostile:
    """A raw view or click row and what must become of it.

    ``expected`` is ``rejected:<reason>`` or the reference's outcome name:
    ``duplicate``, ``invalid_traffic``, ``counted`` (views), ``double``,
    ``orphan``, ``machine`` or ``qualifying`` (clicks).
    """

    event_id: str
    at: str
    email: str
    campaign_id: str
    creative_id: str
    user_agent: str
    expected: str

    @property
    def row(self) -> list[str]:
        return [
            self.event_id,
            self.at,
            self.email,
            self.campaign_id,
            self.creative_id,
            self.user_agent,
        ]


def ad(event_id: str, at: str, email: str, expected: str, ua: str = HUMAN) -> Hostile:
    """A row on campaign h_ad, creative cr_h_ad."""
    return Hostile(event_id, at, email, "h_ad", "cr_h_ad", ua, expected)


CAMPAIGNS = [
    ["h_ad", 'Spring "launch", EU\nedition', " AD ", "José's team", "N/A"],
    ["h_views_only", "Views, no clicks", "email", "NULL", "null"],
    ["h_clicks_only", "Clicks, no views", "link", "", ""],
    ["h_bots", "x" * LONG, "Ad", "Bots", "Awareness"],
    ["NULL", "A campaign whose id is the text NULL", "null", "N/A", "n/a"],
    ["h_case", "Lower-case id", "email", "A", "B"],
    ["H_CASE", "Upper-case id", "link", "A", "B"],
    [" h_case\t", "Duplicate record of h_case once trimmed", "ad", "A", "B"],
    ["h_far", "Far timestamps", "email", "", ""],
]
CREATIVES = [
    ["cr_h_ad", "h_ad", 'Control, "quoted"', "Demo\nday", "TRUE"],
    ["cr_h_ad_b", "h_ad", "Variant ü", "Démo", "null"],
    ["cr_h_views_only", "h_views_only", "v", "o", "1"],
    ["cr_h_clicks_only", "h_clicks_only", "c", "o", "yes"],
    ["cr_h_bots", "h_bots", "b", "o", "1"],
    ["cr_null", "NULL", "NULL", "NULL", "NULL"],
    ["cr_h_case", "h_case", "lower", "", "1"],
    ["CR_H_CASE", "H_CASE", "upper", "", "1"],
    [" cr_h_case\t", "h_case", "lower, second record", "", "0"],
    ["cr_orphaned", "h_missing", "creative whose campaign is missing", "", "1"],
    ["cr_no_campaign", "", "creative without a campaign", "", ""],
    ["cr_far", "h_far", "far", "", "1"],
]
ACCOUNTS = [
    [
        "acc_hostile",
        'Hostile, "Inc"',
        "https://hostile.io/about\nus",
        "NULL",
        "1,200",
        "N/A",
        "2026-01-01 00:00:00",
    ],
    ["ACC_HOSTILE", "Case twin", "case-twin.io", "Retail", "-5", "true", ""],
    [
        " acc_hostile ",
        "Older record",
        "https://hostile.io",
        "Software",
        "50",
        "yes",
        "2025-01-01 00:00:00",
    ],
    [
        "acc_example",
        "Exämple GmbH",
        "www.Exämple.com",
        "Manufacturing",
        "12.5",
        "1",
        "9999-12-31 23:59:59",
    ],
    ["acc_30_digits", "Thirty digits", "thirty.io", "", "1" + "0" * 29, "", ""],
    ["acc_max_bigint", "Max", "max.io", "", "9223372036854775807", "", ""],
    ["acc_over_bigint", "Over", "over.io", "", "9223372036854775808", "", ""],
    ["acc_zeros", "Leading zeros", "zeros.io", "", "0042", "", "0001-01-01 00:00:00"],
    ["acc_na_count", "N/A count", "na.io", "", "N/A", "", ""],
    ["acc_null_count", "NULL count", "null.io", "", "NULL", "", ""],
    ["acc_long", "y" * LONG, "long.io", "z" * LONG, " 7 ", "", ""],
]
CONTACTS = [
    ["ct_quote", '"Quoted, Person"@hostile.io', "ACC_HOSTILE", "1900-01-01 00:00:00"],
    ["ct_na", "N/A", "acc_hostile", ""],
    ["NULL", "null@hostile.io", "acc_long", "9999-12-31 23:59:59"],
    ["ct_spaced", "spaced@hostile.io", "\tacc_hostile ", "2026-02-01 00:00:00"],
]
VIEWS = [
    # Quotes, commas, newlines and unicode are data like any other.
    Hostile(
        "hv_quoted",
        "2026-04-01 09:00:00",
        '"Quoted, Person"@hostile.io',
        "h_ad",
        "cr_h_ad",
        'Mozilla/5.0 "quoted", with, commas',
        "counted",
    ),
    Hostile(
        "hv_newline",
        "2026-04-01 09:05:00",
        "multi\nline@hostile.io",
        "h_ad",
        "cr_h_ad",
        "Mozilla/5.0\nsecond line",
        "counted",
    ),
    Hostile(
        "hv_unicode",
        "2026-04-01 09:10:00",
        " José@Exämple.com ",
        "h_ad",
        "cr_h_ad_b",
        "Mozilla/5.0 (Ünïcödé)",
        "counted",
    ),
    # The texts NULL, null and N/A are values, not nulls.
    ad("hv_email_NULL", "2026-04-01 09:15:00", "NULL", "rejected:invalid_email"),
    ad("hv_email_null", "2026-04-01 09:16:00", "null", "rejected:invalid_email"),
    ad("hv_email_NA", "2026-04-01 09:17:00", "N/A", "rejected:invalid_email"),
    ad("NULL", "2026-04-01 10:00:00", "id.null@hostile.io", "counted", ua="NULL"),
    ad("null", "2026-04-01 10:01:00", "id.null.lower@hostile.io", "counted", "null"),
    ad("N/A", "2026-04-01 10:02:00", "id.na@hostile.io", "counted", ua="N/A"),
    Hostile(
        "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "rejected:invalid_timestamp"
    ),
    # 10,000 characters.
    ad("v" * LONG, "2026-04-01 10:03:00", "long.id@hostile.io", "counted"),
    ad("hv_long_email", "2026-04-01 10:04:00", "a" * LONG + "@hostile.io", "counted"),
    Hostile(
        "hv_long_bot",
        "2026-04-01 10:05:00",
        "long.bot@hostile.io",
        "h_ad",
        "cr_h_ad",
        "x" * (LONG - 3) + "bot",
        "invalid_traffic",
    ),
    ad(
        "hv_long_ua", "2026-04-01 10:06:00", "long.ua@hostile.io", "counted", "x" * LONG
    ),
    # Surrounding spaces and tabs are trimmed; a blank user agent is human.
    Hostile(
        "  hv_padded  ",
        " 2026-04-01 10:07:00\t",
        "\tpadded@hostile.io  ",
        "\th_ad ",
        " cr_h_ad",
        "  ",
        "counted",
    ),
    ad("", "2026-04-01 13:00:00", "no.id@hostile.io", "rejected:missing_id"),
    ad("   ", "2026-04-01 13:01:00", "blank.id@hostile.io", "rejected:missing_id"),
    # Ids that differ only in case are different; only in spaces, the same.
    ad("hv_case", "2026-04-01 11:00:00", "case@hostile.io", "counted"),
    ad("HV_CASE", "2026-04-01 11:00:00", "case@hostile.io", "counted"),
    ad(" hv_case", "2026-04-01 11:30:00", "case@hostile.io", "duplicate"),
    Hostile(
        "hv_campaign_case",
        "2026-04-01 12:00:00",
        "x@hostile.io",
        "H_AD",
        "cr_h_ad",
        HUMAN,
        "rejected:unknown_campaign",
    ),
    Hostile(
        "hv_creative_case",
        "2026-04-01 12:00:00",
        "x@hostile.io",
        "h_ad",
        "CR_H_AD",
        HUMAN,
        "rejected:unknown_creative",
    ),
    Hostile(
        "hv_h_case",
        "2026-04-02 09:00:00",
        "twin@hostile.io",
        "h_case",
        "cr_h_case",
        HUMAN,
        "counted",
    ),
    Hostile(
        "hv_H_CASE",
        "2026-04-02 09:00:00",
        "twin@hostile.io",
        "H_CASE",
        "CR_H_CASE",
        HUMAN,
        "counted",
    ),
    Hostile(
        "hv_cross_case",
        "2026-04-02 09:00:00",
        "twin@hostile.io",
        "h_case",
        "CR_H_CASE",
        HUMAN,
        "rejected:unknown_creative",
    ),
    # A creative whose campaign is missing, or that has none.
    Hostile(
        "hv_orphaned_creative",
        "2026-04-01 12:10:00",
        "x@hostile.io",
        "h_missing",
        "cr_orphaned",
        HUMAN,
        "rejected:unknown_campaign",
    ),
    Hostile(
        "hv_creative_elsewhere",
        "2026-04-01 12:11:00",
        "x@hostile.io",
        "h_ad",
        "cr_orphaned",
        HUMAN,
        "rejected:unknown_creative",
    ),
    Hostile(
        "hv_no_campaign",
        "2026-04-01 12:12:00",
        "x@hostile.io",
        "",
        "cr_no_campaign",
        HUMAN,
        "rejected:unknown_campaign",
    ),
    # A campaign whose id is the text NULL, and one that is not it.
    Hostile(
        "hv_campaign_NULL",
        "2026-04-01 12:30:00",
        "null.campaign@hostile.io",
        "NULL",
        "cr_null",
        HUMAN,
        "counted",
    ),
    Hostile(
        "hv_campaign_null",
        "2026-04-01 12:31:00",
        "null.campaign@hostile.io",
        "null",
        "cr_null",
        HUMAN,
        "rejected:unknown_campaign",
    ),
    # A campaign with views and no clicks.
    *(
        Hostile(
            f"hv_views_only_{n}",
            at,
            email,
            "h_views_only",
            "cr_h_views_only",
            HUMAN,
            "counted",
        )
        for n, (at, email) in enumerate(
            [
                ("2026-04-03 09:00:00", "viewer.one@hostile.io"),
                ("2026-04-03 10:00:00", "viewer.two@gmail.com"),
                ("2026-04-04 10:00:00", "viewer.one@hostile.io"),
            ],
            start=1,
        )
    ),
    # A day of nothing but bot traffic.
    *(
        Hostile(
            f"hv_bot_{n}",
            f"2026-04-05 08:0{n}:00",
            "bot.target@hostile.io",
            "h_bots",
            "cr_h_bots",
            agent,
            "invalid_traffic",
        )
        for n, agent in enumerate([BOT, "HeadlessChrome/120", "bingBOT"], start=1)
    ),
    # Far past and far future; UTC instants outside years 1-9999 are not
    # timestamps (decision, see macros/parse_utc_timestamp.sql).
    *(
        Hostile(event_id, at, email, "h_far", "cr_far", HUMAN, expected)
        for event_id, at, email, expected in [
            ("hv_year_1", "0001-01-01 00:00:00", "far.past@hostile.io", "counted"),
            ("hv_year_1900", "1900-01-01 12:00:00", "far.past@hostile.io", "counted"),
            (
                "hv_1900_feb_29",
                "1900-02-29 12:00:00",
                "far.past@hostile.io",
                "rejected:invalid_timestamp",
            ),
            ("hv_year_9999", "9999-12-31 23:59:00", "far.future@hostile.io", "counted"),
            (
                "hv_last_instant",
                "9999-12-31T23:59:59.999999Z",
                "far.future@hostile.io",
                "counted",
            ),
            (
                "hv_before_year_1",
                "0001-01-01T00:30:00+01:00",
                "far.past@hostile.io",
                "rejected:invalid_timestamp",
            ),
            (
                "hv_after_year_9999",
                "9999-12-31 23:30:00-01:00",
                "far.future@hostile.io",
                "rejected:invalid_timestamp",
            ),
            (
                "hv_ts_newline",
                "2026-04-01 10:00:00\n",
                "far.past@hostile.io",
                "rejected:invalid_timestamp",
            ),
            (
                "hv_ts_quoted",
                '"2026-04-01 10:00:00"',
                "far.past@hostile.io",
                "rejected:invalid_timestamp",
            ),
        ]
    ),
]
CLICKS = [
    ad("hc_quoted", "2026-04-01 09:01:00", '"quoted, person"@HOSTILE.IO', "qualifying"),
    ad("hc_newline", "2026-04-01 09:06:00", "MULTI\nLINE@hostile.io", "qualifying"),
    Hostile(
        "hc_unicode",
        "2026-04-01 09:11:00",
        "JOSÉ@EXÄMPLE.COM",
        "h_ad",
        "cr_h_ad_b",
        HUMAN,
        "qualifying",
    ),
    ad("NULL", "2026-04-01 10:00:10", "id.null@hostile.io", "qualifying", ua="null"),
    ad("hc_email_NA", "2026-04-01 12:40:00", "N/A", "rejected:invalid_email"),
    ad(
        "hc_long_bot",
        "2026-04-01 10:05:30",
        "long.bot@hostile.io",
        "invalid_traffic",
        "y" * (LONG - 3) + "BOT",
    ),
    ad("hc_case", "2026-04-01 11:01:00", "case@hostile.io", "qualifying"),
    ad("HC_CASE", "2026-04-01 11:01:10", "case@hostile.io", "double"),
    ad(" hc_case ", "2026-04-01 11:02:00", "case@hostile.io", "duplicate"),
    Hostile(
        "hc_twin",
        "2026-04-02 09:05:00",
        "twin@hostile.io",
        "H_CASE",
        "CR_H_CASE",
        HUMAN,
        "qualifying",
    ),
    Hostile(
        "hc_orphaned_creative",
        "2026-04-01 12:15:00",
        "x@hostile.io",
        "h_missing",
        "cr_orphaned",
        HUMAN,
        "rejected:unknown_campaign",
    ),
    Hostile(
        "hc_campaign_NULL",
        "2026-04-01 12:31:00",
        "null.campaign@hostile.io",
        "NULL",
        "cr_null",
        HUMAN,
        "qualifying",
    ),
    # A campaign with clicks and no views: orphans.
    *(
        Hostile(
            f"hc_clicks_only_{n}",
            at,
            "clicker@hostile.io",
            "h_clicks_only",
            "cr_h_clicks_only",
            HUMAN,
            "orphan",
        )
        for n, at in enumerate(["2026-04-03 09:00:00", "2026-04-04 09:00:00"], 1)
    ),
    Hostile(
        "hc_bot_1",
        "2026-04-05 08:01:30",
        "bot.target@hostile.io",
        "h_bots",
        "cr_h_bots",
        BOT,
        "invalid_traffic",
    ),
    Hostile(
        "hc_year_1",
        "0001-01-01 00:00:05",
        "far.past@hostile.io",
        "h_far",
        "cr_far",
        HUMAN,
        "qualifying",
    ),
    # The very last instant, at the same time as its view: a machine click.
    Hostile(
        "hc_last_instant",
        "9999-12-31 23:59:59.999999",
        "far.future@hostile.io",
        "h_far",
        "cr_far",
        HUMAN,
        "machine",
    ),
]
# Person -> canonical account id (None: unmapped), rule 8.
EXPECTED_PERSON_ACCOUNT: dict[str, str | None] = {
    '"quoted, person"@hostile.io': "ACC_HOSTILE",  # contact, case-sensitive id
    "multi\nline@hostile.io": "acc_hostile",  # domain after the last @
    "josé@exämple.com": "acc_example",  # unicode domain
    "viewer.two@gmail.com": None,  # free mail
    "twin@hostile.io": "acc_hostile",
}
# Account id -> employee count (rule 10), in dim_accounts.
EXPECTED_EMPLOYEE_COUNT: dict[str, int | None] = {
    "acc_hostile": None,  # 1,200
    "ACC_HOSTILE": None,  # -5
    "acc_example": None,  # 12.5
    "acc_30_digits": None,  # does not fit 64 bits
    "acc_max_bigint": 9_223_372_036_854_775_807,
    "acc_over_bigint": None,
    "acc_zeros": 42,
    "acc_na_count": None,
    "acc_null_count": None,
    "acc_long": 7,
}
HOSTILE_TABLES: dict[str, list[list[str]]] = {
    "raw_views": [view.row for view in VIEWS],
    "raw_clicks": [click.row for click in CLICKS],
    "raw_contacts": CONTACTS,
    "raw_accounts": ACCOUNTS,
    "raw_campaigns": CAMPAIGNS,
    "raw_creatives": CREATIVES,
}
RAW_COLUMNS = (
    "raw_event_id",
    "raw_event_at",
    "raw_email",
    "raw_campaign_id",
    "raw_creative_id",
    "raw_user_agent",
)


# --------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Build:
    """A built project copy: its seeds directory and its database."""

    seeds: Path
    database: Path

    def connect(self) -> duckdb.DuckDBPyConnection:
        return duckdb.connect(str(self.database), read_only=True)


def write_seeds(directory: Path, tables: dict[str, list[list[str]]]) -> Path:
    """Write the six seed CSVs (header row plus ``tables``' rows)."""
    directory.mkdir(parents=True)
    for name, columns in SEED_COLUMNS.items():
        path = directory / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            writer.writerows(tables.get(name, []))
    return directory


def build(workdir: Path, tables: dict[str, list[list[str]]]) -> Build:
    """dbt build on ``tables``; fails the test on any error (warnings pass)."""
    seeds = write_seeds(workdir / "seeds", tables)
    project = make_project(workdir, seeds)
    dbt(project, "build", "--exclude", "tag:sample_data")
    return Build(seeds, project / "ctr.duckdb")


@pytest.fixture(scope="module")
def header_only(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build(tmp_path_factory.mktemp("header_only"), {})


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build(tmp_path_factory.mktemp("hostile"), HOSTILE_TABLES)


@pytest.fixture(scope="module")
def hostile_conn(hostile: Build) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = hostile.connect()
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def hostile_raw(hostile: Build) -> RawData:
    return load_raw(hostile.seeds)


# --------------------------------------------------------------------------
# Outcomes
# --------------------------------------------------------------------------


def trim(value: str) -> str:
    return value.strip(" \t")


def as_loaded(value: str) -> str | None:
    """A raw value as staging keeps it: blank (empty or only spaces and tabs)
    is null, as the contract says dbt loads it; all else as written."""
    return value if value.strip(" \t") else None


def reference_outcomes(raw: RawData, kind: str) -> list[str]:
    """The reference's outcome of every raw row of ``kind``, in file order."""
    evaluation = evaluate(raw)
    events = evaluation.views if kind == "view" else evaluation.clicks
    outcomes = evaluation.view_outcomes if kind == "view" else evaluation.click_outcomes
    return [
        f"rejected:{e.reason}" if e.reason else outcomes[e.position] for e in events
    ]


def warehouse_outcome(conn: duckdb.DuckDBPyConnection, kind: str, row: Hostile) -> str:
    """What the built project did with one raw row."""
    reasons = {
        reason
        for (reason,) in conn.execute(
            "select reason from main_marts.rejected_events where event_type = ? and "
            + " and ".join(f"{c} is not distinct from ?" for c in RAW_COLUMNS),
            [kind, *(as_loaded(v) for v in row.row)],
        ).fetchall()
    }
    if reasons:
        return "rejected:" + "|".join(sorted(reasons))
    kept = conn.execute(
        "select event_at, is_invalid_traffic from main_intermediate.int_events_screened"
        " where event_type = ? and event_id = ?",
        [kind, trim(row.event_id)],
    ).fetchall()
    assert len(kept) == 1, (row.event_id[:40], kept)
    ((event_at, invalid),) = kept
    if parse_timestamp(row.at) != event_at:
        return "duplicate"
    if invalid:
        return "invalid_traffic"
    if kind == "view":
        return "counted"
    ((outcome,),) = conn.execute(
        "select click_outcome from main_intermediate.int_clicks_qualified"
        " where click_id = ?",
        [trim(row.event_id)],
    ).fetchall()
    return "double" if outcome == "double_click" else outcome


# --------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------


def test_header_only_seeds_build_empty_marts(header_only: Build) -> None:
    """Seeds with only a header row: the build passes, every mart is empty."""
    with header_only.connect() as conn:
        counts = {
            mart: conn.execute(f"select count(*) from main_marts.{mart}").fetchone()
            for mart in PUBLIC_MARTS
        }
    assert counts == dict.fromkeys(PUBLIC_MARTS, (0,))
    reference = compute_marts(load_raw(header_only.seeds))
    assert all(not rows for rows in reference.values())


@pytest.mark.parametrize(("kind", "rows"), [("view", VIEWS), ("click", CLICKS)])
def test_reference_handles_every_hostile_row_by_its_rule(
    kind: str, rows: list[Hostile], hostile_raw: RawData
) -> None:
    assert reference_outcomes(hostile_raw, kind) == [r.expected for r in rows]


@pytest.mark.parametrize(("kind", "rows"), [("view", VIEWS), ("click", CLICKS)])
def test_warehouse_handles_every_hostile_row_by_its_rule(
    kind: str, rows: list[Hostile], hostile_conn: duckdb.DuckDBPyConnection
) -> None:
    actual = [warehouse_outcome(hostile_conn, kind, row) for row in rows]
    wrong = [
        f"{row.event_id[:40]!r} at {row.at!r}: {got}, expected {row.expected}"
        for row, got in zip(rows, actual, strict=True)
        if got != row.expected
    ]
    assert not wrong, "\n".join(wrong)


def test_people_map_to_their_accounts(
    hostile_conn: duckdb.DuckDBPyConnection, hostile_raw: RawData
) -> None:
    """Rule 8 on quoted, multi-line and unicode emails, both sides."""
    warehouse = dict(
        hostile_conn.execute(
            "select person_email, account_id from main_intermediate.int_people_resolved"
        ).fetchall()
    )
    reference = evaluate(hostile_raw).person_account
    for person, account in EXPECTED_PERSON_ACCOUNT.items():
        assert warehouse.get(person, "no such person") == account, person
        assert reference.get(person, "no such person") == account, person


def test_employee_counts(
    hostile_conn: duckdb.DuckDBPyConnection, hostile_raw: RawData
) -> None:
    """Rule 10: only a whole number from 1 to the 64-bit maximum counts."""
    warehouse = dict(
        hostile_conn.execute(
            "select account_id, employee_count from main_marts.dim_accounts"
        ).fetchall()
    )
    reference = evaluate(hostile_raw).dims.accounts
    for account_id, count in EXPECTED_EMPLOYEE_COUNT.items():
        assert warehouse[account_id] == count, account_id
        assert reference[account_id].employee_count == count, account_id


def test_campaign_without_clicks_clicks_without_views_and_a_bot_day(
    hostile_conn: duckdb.DuckDBPyConnection,
) -> None:
    """Views and no clicks: CTR 0; clicks and no views, or bots only: no
    mart row, but every raw row in tracking_health."""
    rows = hostile_conn.execute(
        "select campaign_id, views, clicks, ctr, event_ctr "
        "from main_marts.campaign_ctr where period_grain = 'all_time'"
    ).fetchall()
    by_campaign = {campaign: rest for campaign, *rest in rows}
    assert by_campaign["h_views_only"] == [3, 0, 0.0, 0.0]
    assert "h_clicks_only" not in by_campaign
    assert "h_bots" not in by_campaign
    bot_day = hostile_conn.execute(
        "select sum(raw_views), sum(invalid_traffic_views), sum(counted_views), "
        "sum(raw_clicks), sum(invalid_traffic_clicks) "
        "from main_marts.tracking_health where date_day = date '2026-04-05'"
    ).fetchone()
    assert bot_day == (3, 3, 0, 1, 1)


def test_hostile_marts_match_reference(
    hostile_conn: duckdb.DuckDBPyConnection, hostile_raw: RawData
) -> None:
    """Every public mart (significance columns and tracking_health included,
    rejected_events as counts per reason) agrees with the reference."""
    problems = reference_problems(hostile_conn, compute_marts(hostile_raw))
    shown = {mart: found[:SHOWN_PROBLEMS] for mart, found in problems.items() if found}
    assert not shown, "\n".join(
        f"{mart}: {len(problems[mart])} difference(s)\n  " + "\n  ".join(found)
        for mart, found in shown.items()
    )
