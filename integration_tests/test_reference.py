"""Unit tests of the pure-Python reference (ctr_tools.reference).

Every expected value is worked out from the contract
(shared/spec/ctr_contract.md) by hand, in the test or its comment, never by
running the code. Dates: 2026-03-01 is a Sunday, 2026-03-02 a Monday, so
2026-03-01 is in the week of 2026-02-23 and 2026-03-02 starts a new week.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from pathlib import Path

import pytest

from ctr_tools.reference import (
    CLICK_OUTCOMES,
    DOUBLE,
    DUPLICATE,
    HEALTH_COLUMNS,
    INVALID_TRAFFIC,
    MACHINE,
    ORPHAN,
    QUALIFYING,
    REJECTED,
    Config,
    MartRow,
    RawData,
    Row,
    company_size_band,
    compute_marts,
    email_domain,
    evaluate,
    load_raw,
    normalise_email,
    parse_bool,
    parse_employee_count,
    parse_timestamp,
    two_proportion_z,
    website_domain,
    wilson_interval,
)

Z = 1.959964
Z2 = Z * Z  # 3.8414588813 (1.96² - 2·1.96·0.000036 + 0.000036²)

# --------------------------------------------------------------------------
# Builders of tiny inputs
# --------------------------------------------------------------------------

CAMPAIGNS: list[Row] = [
    {
        "campaign_id": "c1",
        "campaign_name": "Spring",
        "channel": " Email ",
        "audience": "CFOs",
        "funnel_stage": "awareness",
    },
    {
        "campaign_id": "c2",
        "campaign_name": "Retarget",
        "channel": None,
        "audience": None,
        "funnel_stage": "decision",
    },
]
CREATIVES: list[Row] = [
    {
        "creative_id": "cr1",
        "campaign_id": "c1",
        "creative_name": "Control",
        "offer": "demo",
        "is_control": "TRUE",
    },
    {
        "creative_id": "cr2",
        "campaign_id": "c1",
        "creative_name": "Variant",
        "offer": "ebook",
        "is_control": "no",
    },
    {
        "creative_id": "cr3",
        "campaign_id": "c2",
        "creative_name": "Banner",
        "offer": None,
        "is_control": None,
    },
]


def view(
    view_id: str | None,
    viewed_at: str | None,
    email: str | None = "ann@acme.com",
    creative_id: str | None = "cr1",
    campaign_id: str | None = "c1",
    user_agent: str | None = "Mozilla/5.0",
) -> Row:
    """A raw view row."""
    return {
        "view_id": view_id,
        "viewed_at": viewed_at,
        "email": email,
        "campaign_id": campaign_id,
        "creative_id": creative_id,
        "user_agent": user_agent,
    }


def click(
    click_id: str | None,
    clicked_at: str | None,
    email: str | None = "ann@acme.com",
    creative_id: str | None = "cr1",
    campaign_id: str | None = "c1",
    user_agent: str | None = "Mozilla/5.0",
) -> Row:
    """A raw click row."""
    return {
        "click_id": click_id,
        "clicked_at": clicked_at,
        "email": email,
        "campaign_id": campaign_id,
        "creative_id": creative_id,
        "user_agent": user_agent,
    }


def account(
    account_id: str | None,
    website: str | None,
    updated_at: str | None = "2026-01-01 00:00:00",
    account_name: str | None = None,
    industry: str | None = "Software",
    employee_count: str | None = "100",
    is_target: str | None = "true",
) -> Row:
    """A raw account row."""
    return {
        "account_id": account_id,
        "account_name": account_name or f"Name of {account_id}",
        "website": website,
        "industry": industry,
        "employee_count": employee_count,
        "is_target": is_target,
        "updated_at": updated_at,
    }


def contact(
    contact_id: str | None,
    email: str | None,
    account_id: str | None,
    updated_at: str | None = "2026-01-01 00:00:00",
) -> Row:
    """A raw contact row."""
    return {
        "contact_id": contact_id,
        "email": email,
        "account_id": account_id,
        "updated_at": updated_at,
    }


def raw(
    views: list[Row] | None = None,
    clicks: list[Row] | None = None,
    contacts: list[Row] | None = None,
    accounts: list[Row] | None = None,
    campaigns: list[Row] | None = None,
    creatives: list[Row] | None = None,
) -> RawData:
    """RawData with the default campaigns and creatives."""
    return RawData(
        views=views or [],
        clicks=clicks or [],
        contacts=contacts or [],
        accounts=accounts or [],
        campaigns=CAMPAIGNS if campaigns is None else campaigns,
        creatives=CREATIVES if creatives is None else creatives,
    )


def one(rows: list[MartRow], **key: object) -> MartRow:
    """The single row matching every key=value."""
    found = [r for r in rows if all(r[k] == v for k, v in key.items())]
    assert len(found) == 1, f"{len(found)} rows match {key}"
    return found[0]


def none_match(rows: list[MartRow], **key: object) -> bool:
    """True when no row matches every key=value."""
    return not [r for r in rows if all(r[k] == v for k, v in key.items())]


# --------------------------------------------------------------------------
# Section 1 formats
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-01 10:00:00", datetime(2026, 3, 1, 10)),
        ("2026-03-01T10:00:00", datetime(2026, 3, 1, 10)),
        ("2026-03-01 10:00:00Z", datetime(2026, 3, 1, 10)),
        ("2026-03-01T10:00:00.5", datetime(2026, 3, 1, 10, 0, 0, 500000)),
        ("2026-03-01 10:00:00.123456789", datetime(2026, 3, 1, 10, 0, 0, 123456)),
        ("2026-03-01 10:00:00.000001Z", datetime(2026, 3, 1, 10, 0, 0, 1)),
        # +02:00 at 01:30 local is 23:30 UTC the day before (and month before).
        ("2026-03-01 01:30:00+02:00", datetime(2026, 2, 28, 23, 30)),
        # -01:00 at 23:30 local is 00:30 UTC the next day.
        ("2026-03-01T23:30:00-01:00", datetime(2026, 3, 2, 0, 30)),
        ("2026-03-01 10:00:00.25+05:30", datetime(2026, 3, 1, 4, 30, 0, 250000)),
        (" \t2026-03-01 10:00:00 ", datetime(2026, 3, 1, 10)),
        ("2024-02-29 00:00:00", datetime(2024, 2, 29)),
        ("2026-12-31 23:59:59", datetime(2026, 12, 31, 23, 59, 59)),
    ],
)
def test_timestamp_accepted_forms(text: str, expected: datetime) -> None:
    """Every accepted form parses to naive UTC, to the microsecond."""
    assert parse_timestamp(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2026-03-01 24:00:00",
        "2026-03-01 10:60:00",
        "2026-03-01 10:00:60",
        "2026-03-01 10:00:00+0200",
        "2026-03-01 10:00:00+24:00",
        "2026-03-01 10:00:00+02:60",
        "2026-03-01 10:00:00 +02:00",
        "2026-03-01 10:00:00z",
        "2026-03-01 10:00:00.",
        "2026-03-01",
        "2026-02-30 10:00:00",
        "2025-02-29 10:00:00",
        "2026-13-01 10:00:00",
        "2026-3-1 10:00:00",
        "2026-03-01 10:00",
        "2026-03-01  10:00:00",
        "2026/03/01 10:00:00",
        "01-03-2026 10:00:00",
        "now",
        "",
        None,
    ],
)
def test_timestamp_rejected_forms(text: str | None) -> None:
    """Anything else, impossible dates included, is not a timestamp."""
    assert parse_timestamp(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" Ann@Acme.COM ", "ann@acme.com"),
        ("\tann@acme.com", "ann@acme.com"),
        ("a@b@c.com", "a@b@c.com"),
        ("", None),
        (None, None),
        ("ann.acme.com", None),
        ("@acme.com", None),
        ("ann@", None),
        ("a@b@", None),
        ("  @acme.com", None),
    ],
)
def test_email_normalisation_and_validity(
    text: str | None, expected: str | None
) -> None:
    """Rule 1 invalid_email and rule 2 normalisation."""
    assert normalise_email(text) == expected


def test_email_domain_follows_the_last_at() -> None:
    """Rule 2: the domain is what follows the last @."""
    assert email_domain("a@b@c.com") == "c.com"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("true", True),
        ("TRUE", True),
        ("Yes", True),
        ("1", True),
        (" yes ", True),
        ("false", False),
        ("no", False),
        ("0", False),
        ("y", False),
        ("t", False),
        ("", False),
        (None, False),
    ],
)
def test_booleans(text: str | None, expected: bool) -> None:
    """true, yes, 1 in any case are true; everything else is false."""
    assert parse_bool(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", 1),
        (" 42 ", 42),
        ("5001", 5001),
        ("", None),
        (None, None),
        ("0", None),
        ("-5", None),
        ("12.5", None),
        ("1,200", None),
        ("many", None),
    ],
)
def test_employee_count(text: str | None, expected: int | None) -> None:
    """A whole number of at least 1; anything else is null."""
    assert parse_employee_count(text) == expected


@pytest.mark.parametrize(
    ("count", "band"),
    [
        (1, "1-50"),
        (50, "1-50"),
        (51, "51-200"),
        (200, "51-200"),
        (201, "201-1000"),
        (1000, "201-1000"),
        (1001, "1001-5000"),
        (5000, "1001-5000"),
        (5001, "5001+"),
        (None, "unknown"),
    ],
)
def test_company_size_band_boundaries(count: int | None, band: str) -> None:
    """Rule 10 bands, both ends of each."""
    assert company_size_band(count) == band


@pytest.mark.parametrize(
    "website",
    [
        "acme.com",
        "www.Acme.com",
        "https://acme.com/about",
        "http://www.acme.com:8080/",
        " ACME.COM. ",
        "https://www.acme.com?utm=1",
    ],
)
def test_website_domain_forms(website: str) -> None:
    """Rule 9: every form of the same website gives the same domain."""
    assert website_domain(website) == "acme.com"


def test_website_domain_empty() -> None:
    """No website, no domain."""
    assert website_domain(None) is None
    assert website_domain(" \t") is None


# --------------------------------------------------------------------------
# Rule 1: rejection
# --------------------------------------------------------------------------


def test_rejection_first_reason_wins() -> None:
    """Each row carries the first reason that applies, in contract order."""
    views = [
        view(None, "bad", email="bad"),  # missing_id before all
        view(" \t", "2026-03-01 10:00:00"),  # blank id is missing
        view("v2", "2026-03-01", email="bad"),  # invalid_timestamp first
        view("v3", "2026-03-01 10:00:00", email="x", campaign_id="zz"),
        view("v4", "2026-03-01 10:00:00", campaign_id="zz", creative_id="zz"),
        view("v5", "2026-03-01 10:00:00", campaign_id="C1"),  # case-sensitive
        view("v6", "2026-03-01 10:00:00", campaign_id=None),
        view("v7", "2026-03-01 10:00:00", creative_id="cr3"),  # c2's creative
        view("v8", "2026-03-01 10:00:00", creative_id=None),
        view("v9", "2026-03-01 10:00:00", creative_id="CR1"),
        view(" v10 ", "2026-03-01 10:00:00", campaign_id=" c1\t", creative_id=" cr1"),
    ]
    evaluation = evaluate(raw(views=views))
    reasons = [e.reason for e in evaluation.views]
    assert reasons == [
        "missing_id",
        "missing_id",
        "invalid_timestamp",
        "invalid_email",
        "unknown_campaign",
        "unknown_campaign",
        "unknown_campaign",
        "unknown_creative",
        "unknown_creative",
        "unknown_creative",
        None,
    ]


def test_rejected_events_keep_reason_and_raw_columns() -> None:
    """rejected_events holds rule 1 rejections only, raw values as loaded."""
    marts = compute_marts(
        raw(
            views=[
                view("v1", "2026-02-30 10:00:00"),
                view("v2", "2026-03-01 10:00:00", user_agent="bot"),
            ],
            clicks=[click("k1", "2026-03-01 10:00:05", email=" nobody ")],
        )
    )
    rejected = marts["rejected_events"]
    assert [(r["event_type"], r["reason"]) for r in rejected] == [
        ("click", "invalid_email"),
        ("view", "invalid_timestamp"),
    ]
    assert one(rejected, event_type="click")["email"] == " nobody "
    assert one(rejected, event_type="view")["viewed_at"] == "2026-02-30 10:00:00"


# --------------------------------------------------------------------------
# Rules 3 and 4: duplicates and invalid traffic
# --------------------------------------------------------------------------


def test_duplicates_keep_the_earliest_copy() -> None:
    """Rule 3: copies sharing a (trimmed) id are one event, earliest kept.

    The later copy on 03-02 is the kept one's duplicate: the day row of
    03-01 counts one view, 03-02 has no row. A rejected copy is not part of
    the event.
    """
    views = [
        view("v1", "2026-03-02 09:00:00"),
        view(" v1", "2026-03-01 09:00:00"),
        view("v1", "2026-03-03 09:00:00", email="bad"),
    ]
    evaluation = evaluate(raw(views=views))
    assert [evaluation.view_outcomes[i] for i in range(3)] == [
        DUPLICATE,
        "counted",
        REJECTED,
    ]
    marts = compute_marts(raw(views=views))
    rows = marts["campaign_ctr"]
    assert one(rows, period_grain="day", period_start=date(2026, 3, 1))["views"] == 1
    assert none_match(rows, period_grain="day", period_start=date(2026, 3, 2))


def test_duplicate_tie_keeps_first_in_file_order() -> None:
    """Rule 3 tie: same timestamp, the first row in file order is kept."""
    views = [
        view("v1", "2026-03-01 09:00:00", user_agent="Googlebot"),
        view("v1", "2026-03-01 09:00:00"),
    ]
    evaluation = evaluate(raw(views=views))
    assert evaluation.view_outcomes == {0: INVALID_TRAFFIC, 1: DUPLICATE}


def test_invalid_traffic_patterns() -> None:
    """Rule 4: any pattern, any case, anywhere in the agent; empty is human."""
    agents = [
        "Mozilla/5.0 HeadlessChrome/120",
        "Googlebot/2.1",
        "ROBOT",
        "Baiduspider",
        "site-CRAWLER",
        "Qualys Scanner",
        None,
        "Mozilla/5.0 (Macintosh)",
    ]
    views = [
        view(f"v{i}", "2026-03-01 09:00:00", user_agent=a) for i, a in enumerate(agents)
    ]
    evaluation = evaluate(raw(views=views))
    assert [evaluation.view_outcomes[i] for i in range(len(agents))] == [
        INVALID_TRAFFIC,
        INVALID_TRAFFIC,
        INVALID_TRAFFIC,
        INVALID_TRAFFIC,
        INVALID_TRAFFIC,
        INVALID_TRAFFIC,
        "counted",
        "counted",
    ]


def test_invalid_traffic_patterns_are_a_var() -> None:
    """The patterns come from the config."""
    views = [view("v1", "2026-03-01 09:00:00", user_agent="Googlebot")]
    config = Config(invalid_traffic_user_agent_patterns=("curl",))
    assert evaluate(raw(views=views), config).view_outcomes == {0: "counted"}


# --------------------------------------------------------------------------
# Rules 5-7 on clicks
# --------------------------------------------------------------------------

T0 = "2026-03-01 10:00:00"


def click_outcomes(views: list[Row], clicks: list[Row]) -> list[str]:
    """Outcome of each raw click row, in file order."""
    evaluation = evaluate(raw(views=views, clicks=clicks))
    return [evaluation.click_outcomes[i] for i in range(len(clicks))]


def test_double_click_29_seconds_is_double_30_is_not() -> None:
    """Rule 5: 29 s < 30 s is a double; exactly 30 s is not."""
    views = [view("v1", "2026-03-01 09:00:00")]
    clicks = [
        click("k1", T0),
        click("k2", "2026-03-01 10:00:29"),
        click("k3", "2026-03-01 10:00:59"),  # 30 s after k2
        click("k4", "2026-03-01 10:01:28.999999"),  # 29.999999 s after k3
    ]
    assert click_outcomes(views, clicks) == [QUALIFYING, DOUBLE, QUALIFYING, DOUBLE]


def test_double_clicks_chain_t_20_40_leaves_one() -> None:
    """Rule 5: t, t+20 s, t+40 s: each is under 30 s after the previous."""
    views = [view("v1", "2026-03-01 09:00:00")]
    clicks = [
        click("k3", "2026-03-01 10:00:40"),
        click("k1", T0),
        click("k2", "2026-03-01 10:00:20"),
    ]
    assert click_outcomes(views, clicks) == [DOUBLE, QUALIFYING, DOUBLE]


def test_double_click_same_instant_orders_by_click_id() -> None:
    """Rule 5 ordering: clicked_at then click_id; 0 s apart is a double."""
    views = [view("v1", "2026-03-01 09:00:00")]
    clicks = [click("kb", T0), click("ka", T0)]
    assert click_outcomes(views, clicks) == [DOUBLE, QUALIFYING]


def test_double_click_is_per_person_and_creative() -> None:
    """Rule 5 compares a person's clicks on one creative only."""
    views = [
        view("v1", "2026-03-01 09:00:00"),
        view("v2", "2026-03-01 09:00:00", creative_id="cr2"),
        view("v3", "2026-03-01 09:00:00", email="bob@acme.com"),
    ]
    clicks = [
        click("k1", T0),
        click("k2", "2026-03-01 10:00:05", creative_id="cr2"),
        click("k3", "2026-03-01 10:00:05", email=" BOB@acme.com"),
    ]
    assert click_outcomes(views, clicks) == [QUALIFYING, QUALIFYING, QUALIFYING]


def test_double_click_previous_counts_even_if_excluded_later() -> None:
    """Rule 5: the previous click counts whether or not it was excluded.

    k1 at 10:00:00 has no view before it (orphan). k2 at 10:00:10 follows a
    view at 10:00:05, but is 10 s after k1: a double all the same. A bot
    click (rule 4) is not a previous click: k4 is 5 s after bot k3 and 60 s
    after k2, so it qualifies.
    """
    views = [view("v1", "2026-03-01 10:00:05")]
    clicks = [
        click("k1", T0),
        click("k2", "2026-03-01 10:00:10"),
        click("k3", "2026-03-01 10:01:05", user_agent="headless"),
        click("k4", "2026-03-01 10:01:10"),
    ]
    assert click_outcomes(views, clicks) == [
        ORPHAN,
        DOUBLE,
        INVALID_TRAFFIC,
        QUALIFYING,
    ]


def test_double_click_seconds_is_a_var() -> None:
    """With double_click_seconds = 10, 20 s apart is not a double."""
    views = [view("v1", "2026-03-01 09:00:00")]
    clicks = [click("k1", T0), click("k2", "2026-03-01 10:00:20")]
    evaluation = evaluate(
        raw(views=views, clicks=clicks), Config(double_click_seconds=10)
    )
    assert evaluation.click_outcomes == {0: QUALIFYING, 1: QUALIFYING}


def test_attribution_window_7_days_in_7_days_half_second_out() -> None:
    """Rule 6: exactly 7 days qualifies; 7 days and 0.5 s is an orphan."""
    views = [view("v1", "2026-03-01 10:00:00")]
    clicks = [
        click("k1", "2026-03-08 10:00:00", creative_id="cr1"),
        click("k2", "2026-03-08 10:00:00.5", email="bob@acme.com"),
    ]
    views.append(view("v2", "2026-03-01 10:00:00", email="bob@acme.com"))
    assert click_outcomes(views, clicks) == [QUALIFYING, ORPHAN]


def test_attribution_needs_same_person_same_creative_view_before() -> None:
    """Rule 6: a click before its view, or on another creative, is orphan.

    A bot view (rule 4) and a rejected view do not attribute either.
    """
    views = [
        view("v1", "2026-03-01 10:00:00"),
        view("v2", "2026-03-01 09:00:00", creative_id="cr2", user_agent="bot"),
        view("v3", "2026-03-01 09:00:00", email="bob@acme.com", campaign_id="x"),
    ]
    clicks = [
        click("k1", "2026-03-01 09:59:59"),
        click("k2", "2026-03-01 10:30:00", creative_id="cr2"),
        click("k3", "2026-03-01 10:30:00", email="bob@acme.com"),
        click("k4", "2026-03-01 10:30:00", email="cat@acme.com"),
    ]
    assert click_outcomes(views, clicks) == [ORPHAN, ORPHAN, ORPHAN, ORPHAN]


def test_attribution_to_latest_view_and_its_day() -> None:
    """Rule 6: the latest view before the click takes it, in its period.

    Views on 03-01 23:00 and 03-02 00:10; click on 03-02 00:20 goes to the
    03-02 view. Click on 03-03 00:05 (after a view 03-02 23:59) counts on
    03-02: the day of its view, not of the click.
    """
    views = [
        view("v1", "2026-03-01 23:00:00"),
        view("v2", "2026-03-02 00:10:00"),
        view("v3", "2026-03-02 23:59:00", email="bob@acme.com"),
    ]
    clicks = [
        click("k1", "2026-03-02 00:20:00"),
        click("k2", "2026-03-03 00:05:00", email="bob@acme.com"),
    ]
    evaluation = evaluate(raw(views=views, clicks=clicks))
    assert evaluation.click_view == {0: "v2", 1: "v3"}
    rows = compute_marts(raw(views=views, clicks=clicks))["campaign_ctr"]
    day1 = one(rows, period_grain="day", period_start=date(2026, 3, 1))
    day2 = one(rows, period_grain="day", period_start=date(2026, 3, 2))
    assert (day1["views"], day1["clicks"], day1["clickers"]) == (1, 0, 0)
    assert (day2["views"], day2["clicks"], day2["viewers"], day2["clickers"]) == (
        2,
        2,
        2,
        2,
    )
    assert none_match(rows, period_grain="day", period_start=date(2026, 3, 3))


def test_attribution_tie_goes_to_smallest_view_id() -> None:
    """Rule 6 tie: two views at the same instant, smallest view_id in text
    order ("v10" < "v9")."""
    views = [view("v9", "2026-03-01 10:00:00"), view("v10", "2026-03-01 10:00:00")]
    evaluation = evaluate(raw(views=views, clicks=[click("k1", "2026-03-01 10:05:00")]))
    assert evaluation.click_view == {0: "v10"}


def test_machine_click_half_second_machine_one_second_human() -> None:
    """Rule 7: 0.5 s after the view is a machine click; exactly 1 s human.

    The machine click is attributed to the latest view (0.5 s before); an
    older view 60 s before does not rescue it.
    """
    views = [
        view("v0", "2026-03-01 09:59:00"),
        view("v1", T0),
        view("v2", T0, email="bob@acme.com"),
    ]
    clicks = [
        click("k1", "2026-03-01 10:00:00.5"),
        click("k2", "2026-03-01 10:00:01", email="bob@acme.com"),
    ]
    assert click_outcomes(views, clicks) == [MACHINE, QUALIFYING]


def test_every_click_outcome_is_known() -> None:
    """Outcomes come from the contract's list."""
    assert set(CLICK_OUTCOMES) == {
        REJECTED,
        DUPLICATE,
        INVALID_TRAFFIC,
        DOUBLE,
        ORPHAN,
        MACHINE,
        QUALIFYING,
    }


# --------------------------------------------------------------------------
# Rules 8 and 9: account resolution and dedupe
# --------------------------------------------------------------------------

ACME_RECORDS = [
    account("a1", "acme.com", "2026-01-01 00:00:00", industry="Retail"),
    account("a2", "www.Acme.com", "2026-02-01 00:00:00", account_name="Acme Inc"),
    account("a3", "https://acme.com/about", None),
    account("a4", "http://www.acme.com:8080/", "2026-02-01T00:00:00Z"),
]


def test_account_dedupe_over_website_forms() -> None:
    """Rule 9: four records with one domain are one company.

    Most recent: a2 and a4 (both 2026-02-01 00:00 UTC); tie to the smallest
    account_id, a2. a3's empty updated_at is the oldest. Name, industry,
    size and target flag are a2's; 4 records merged.
    """
    rows = compute_marts(raw(accounts=ACME_RECORDS))["dim_accounts"]
    assert rows == [
        {
            "account_id": "a2",
            "account_name": "Acme Inc",
            "domain": "acme.com",
            "industry": "Software",
            "employee_count": 100,
            "company_size_band": "51-200",
            "is_target_account": True,
            "source_record_count": 4,
        }
    ]


def test_account_dedupe_offset_decides_recency() -> None:
    """Rule 9 compares UTC: 2026-02-01 01:00+02:00 is 01-31 23:00 UTC, older
    than a1's 2026-02-01 00:00, so a1 is canonical."""
    accounts = [
        account("a1", "acme.com", "2026-02-01 00:00:00"),
        account("a0", "www.acme.com", "2026-02-01 01:00:00+02:00"),
    ]
    rows = compute_marts(raw(accounts=accounts))["dim_accounts"]
    assert [r["account_id"] for r in rows] == ["a1"]


def test_account_without_website_is_its_own_company() -> None:
    """Rule 9: empty websites do not merge; dim_accounts.domain is null;
    an empty industry is unknown; a bad employee_count is null."""
    accounts = [
        account("b1", None, industry=None, employee_count="1,200"),
        account("b2", "  ", is_target="no"),
    ]
    rows = compute_marts(raw(accounts=accounts))["dim_accounts"]
    assert [(r["account_id"], r["domain"]) for r in rows] == [
        ("b1", None),
        ("b2", None),
    ]
    b1 = one(rows, account_id="b1")
    assert (b1["industry"], b1["employee_count"], b1["company_size_band"]) == (
        "unknown",
        None,
        "unknown",
    )
    assert one(rows, account_id="b2")["is_target_account"] is False


def test_same_account_id_twice_keeps_latest_record() -> None:
    """Project decision: per account_id the latest record wins (an invalid
    updated_at is oldest); both records are merged into the company."""
    accounts = [
        account("a1", "acme.com", "2026-03-01 00:00:00", account_name="New"),
        account(" a1", "acme.com", "2026-02-30 00:00:00", account_name="Bad date"),
        account("a1", "acme.com", "2026-01-01 00:00:00", account_name="Old"),
    ]
    rows = compute_marts(raw(accounts=accounts))["dim_accounts"]
    assert [(r["account_name"], r["source_record_count"]) for r in rows] == [("New", 3)]


def test_same_account_id_tie_takes_first_by_cleaned_values() -> None:
    """Project decision: same id, same updated_at: the record whose cleaned
    (website, name, industry, employee_count, is_target) sorts first, None
    first. Websites "acme.com" < "www.acme.com"."""
    accounts = [
        account("a1", "www.acme.com", account_name="Second"),
        account("a1", "acme.com", account_name="First"),
    ]
    rows = compute_marts(raw(accounts=accounts))["dim_accounts"]
    assert [r["account_name"] for r in rows] == ["First"]


def mapped_account(
    email: str,
    contacts: list[Row],
    accounts: list[Row],
    config: Config | None = None,
) -> str | None:
    """The canonical account rule 8 gives a person who viewed once."""
    data = raw(
        views=[view("v1", T0, email=email)], contacts=contacts, accounts=accounts
    )
    return evaluate(data, config or Config()).person_account[email.strip().lower()]


def test_resolution_latest_contact_wins() -> None:
    """Rule 8: the most recently updated contact record decides."""
    accounts = [account("x1", "x.com"), account("y1", "y.com")]
    contacts = [
        contact("k1", "ann@acme.com", "x1", "2026-01-01 00:00:00"),
        contact("k2", " ANN@acme.com ", "y1", "2026-02-01 00:00:00"),
        contact("k0", "ann@acme.com", "x1", "not a date"),
    ]
    assert mapped_account("ann@acme.com", contacts, accounts) == "y1"


def test_resolution_contact_tie_smallest_contact_id() -> None:
    """Rule 8 tie: same updated_at, smallest contact_id in text order
    ("k10" < "k9")."""
    accounts = [account("x1", "x.com"), account("y1", "y.com")]
    contacts = [
        contact("k9", "ann@acme.com", "x1"),
        contact("k10", "ann@acme.com", "y1"),
    ]
    assert mapped_account("ann@acme.com", contacts, accounts) == "y1"


def test_resolution_contact_maps_to_canonical_account() -> None:
    """Rule 8 + 9: a contact on duplicate a3 maps to canonical a2."""
    contacts = [contact("k1", "zed@other.org", "a3")]
    assert mapped_account("zed@other.org", contacts, ACME_RECORDS) == "a2"


def test_resolution_domain_fallback() -> None:
    """Rule 8: no contact, no account on it, or an unknown account id:
    the company whose domain is the email domain."""
    accounts = [*ACME_RECORDS, account("z1", "zeta.io")]
    assert mapped_account("ann@acme.com", [], accounts) == "a2"
    no_account = [contact("k1", "ann@acme.com", None)]
    assert mapped_account("ann@acme.com", no_account, accounts) == "a2"
    unknown = [contact("k1", "ann@acme.com", "nope")]
    assert mapped_account("ann@acme.com", unknown, accounts) == "a2"
    # A later contact with no account beats an older one with z1.
    newer_empty = [
        contact("k1", "ann@acme.com", "z1", "2026-01-01 00:00:00"),
        contact("k2", "ann@acme.com", None, "2026-01-02 00:00:00"),
    ]
    assert mapped_account("ann@acme.com", newer_empty, accounts) == "a2"
    assert mapped_account("ann@nowhere.net", [], accounts) is None


def test_free_mail_blocks_domain_fallback_but_not_contact() -> None:
    """Rule 8: a gmail.com account exists, yet a gmail person maps only via
    a contact record, never by domain."""
    accounts = [account("g1", "gmail.com"), account("x1", "x.com")]
    assert mapped_account("ann@gmail.com", [], accounts) is None
    no_account = [contact("k1", "ann@gmail.com", None)]
    assert mapped_account("ann@gmail.com", no_account, accounts) is None
    with_account = [contact("k1", "ann@gmail.com", "x1")]
    assert mapped_account("ann@gmail.com", with_account, accounts) == "x1"
    own_list = Config(free_email_domains=("x.com",))
    assert mapped_account("ann@gmail.com", [], accounts, own_list) == "g1"


# --------------------------------------------------------------------------
# Section 3 measures, Wilson interval, worked example
# --------------------------------------------------------------------------


def test_wilson_known_value_20_of_80() -> None:
    """x = 20, n = 80, z = 1.959964, by hand:

    z² = 3.8414588813; z²/n = 0.0480182360; 1 + z²/n = 1.0480182360.
    p = 0.25; center = (0.25 + z²/160) / 1.0480182360
                     = 0.2740091180 / 1.0480182360 = 0.2614545.
    p(1-p)/n = 0.1875/80 = 0.00234375; z²/(4n²) = 3.8414588813/25600
    = 0.0001500570; sum = 0.0024938070; sqrt = 0.0499380.
    z / 1.0480182360 = 1.8701621; half = 1.8701621 · 0.0499380 = 0.0933922.
    lower = 0.2614545 - 0.0933922 = 0.1680623;
    upper = 0.2614545 + 0.0933922 = 0.3548467.
    (The brief quoted ~(0.1673, 0.3563); the contract's formula gives the
    values above, which this test pins.)
    """
    lower, upper = wilson_interval(20, 80, Z)
    assert lower == pytest.approx(0.1680623, abs=2e-7)
    assert upper == pytest.approx(0.3548467, abs=2e-7)


def test_wilson_edges() -> None:
    """x = 0: lower exactly 0, upper = z²/(n + z²) (center = half);
    x = n: upper exactly 1, lower = n/(n + z²); n = 0: both null.

    n = 10: z²/(10 + z²) = 3.8414588813 / 13.8414588813 = 0.2775328.
    """
    lower, upper = wilson_interval(0, 10, Z)
    assert lower == 0.0
    assert upper == pytest.approx(0.2775328, abs=2e-7)
    lower, upper = wilson_interval(10, 10, Z)
    assert upper == 1.0
    assert lower == pytest.approx(1 - 0.2775328, abs=2e-7)
    assert wilson_interval(0, 0, Z) == (None, None)


def test_worked_example_account_ctr_25_percent() -> None:
    """The contract's example: 100 target accounts, contacts at 80 viewed,
    at 20 of those clicked: account CTR = 20 / 80 = 0.25.

    One person per account (by domain), so person CTR is 20/80 too, and the
    Wilson interval is the 20-of-80 one above. 20 accounts never viewed do
    not count.
    """
    accounts = [account(f"acc{i:03d}", f"co{i:03d}.com") for i in range(100)]
    views = [
        view(f"v{i:03d}", "2026-03-02 09:00:00", email=f"p@co{i:03d}.com")
        for i in range(80)
    ]
    clicks = [
        click(f"k{i:03d}", "2026-03-02 09:05:00", email=f"p@co{i:03d}.com")
        for i in range(20)
    ]
    marts = compute_marts(raw(views=views, clicks=clicks, accounts=accounts))
    row = one(marts["campaign_ctr"], period_grain="all_time", campaign_id="c1")
    assert (row["accounts_viewed"], row["accounts_clicked"]) == (80, 20)
    assert row["account_ctr"] == 0.25
    assert row["account_ctr_lower"] == pytest.approx(0.1680623, abs=2e-7)
    assert row["account_ctr_upper"] == pytest.approx(0.3548467, abs=2e-7)
    assert (row["views"], row["clicks"], row["viewers"], row["clickers"]) == (
        80,
        20,
        80,
        20,
    )
    assert row["ctr"] == 0.25
    assert row["event_ctr"] == 0.25
    acct = one(
        marts["account_ctr"],
        period_grain="all_time",
        campaign_id="c1",
        segment_type="all",
    )
    assert (acct["accounts_viewed"], acct["accounts_clicked"], acct["account_ctr"]) == (
        80,
        20,
        0.25,
    )


def test_distinct_people_accounts_and_periods() -> None:
    """Section 3 on one campaign, c1 (channel " Email " -> email).

    ann@acme.com (acme, a2) views cr1 on 03-01 and 03-02, clicks on 03-02
    twice 60 s apart (2 clicks, both on her 03-02 view).
    bob@acme.com (a2) views cr2 on 03-02, no click.
    cat@gmail.com (unmapped) views cr1 on 03-02, clicks.

    day 03-02: views 3, clicks 3, viewers 3, clickers 2, ctr 2/3,
      event_ctr 1, accounts_viewed 1 (a2), accounts_clicked 1, account_ctr 1.
    day 03-01: views 1, viewers 1, clickers 0 (ann's clicks went to 03-02).
    week 02-23 holds 03-01 only; week 03-02 holds 03-02.
    month 03: views 4, viewers 3, clickers 2, clicks 3.
    all_time starts 03-01.
    """
    views = [
        view("v1", "2026-03-01 12:00:00"),
        view("v2", "2026-03-02 12:00:00"),
        view("v3", "2026-03-02 12:00:00", email="bob@acme.com", creative_id="cr2"),
        view("v4", "2026-03-02 12:00:00", email="Cat@Gmail.com"),
    ]
    clicks = [
        click("k1", "2026-03-02 12:01:00"),
        click("k2", "2026-03-02 12:02:00"),
        click("k3", "2026-03-02 12:01:00", email="cat@gmail.com "),
    ]
    marts = compute_marts(raw(views=views, clicks=clicks, accounts=ACME_RECORDS))
    rows = marts["campaign_ctr"]
    day2 = one(rows, period_grain="day", period_start=date(2026, 3, 2))
    assert {k: day2[k] for k in COUNTS} == {
        "views": 3,
        "clicks": 3,
        "viewers": 3,
        "clickers": 2,
        "accounts_viewed": 1,
        "accounts_clicked": 1,
    }
    assert day2["ctr"] == pytest.approx(2 / 3)
    assert day2["event_ctr"] == 1.0
    assert day2["account_ctr"] == 1.0
    assert day2["channel"] == "email"
    assert day2["campaign_name"] == "Spring"
    day1 = one(rows, period_grain="day", period_start=date(2026, 3, 1))
    assert (day1["views"], day1["viewers"], day1["clickers"], day1["ctr"]) == (
        1,
        1,
        0,
        0.0,
    )
    assert day1["ctr_lower"] == 0.0
    week1 = one(rows, period_grain="week", period_start=date(2026, 2, 23))
    assert week1["views"] == 1
    week2 = one(rows, period_grain="week", period_start=date(2026, 3, 2))
    assert week2["views"] == 3
    month = one(rows, period_grain="month", period_start=date(2026, 3, 1))
    assert (month["views"], month["viewers"], month["clickers"], month["clicks"]) == (
        4,
        3,
        2,
        3,
    )
    all_time = one(rows, period_grain="all_time")
    assert all_time["period_start"] == date(2026, 3, 1)
    assert len(rows) == 6
    creative = marts["creative_ctr"]
    cr1_day2 = one(
        creative, period_grain="day", period_start=date(2026, 3, 2), creative_id="cr1"
    )
    assert (cr1_day2["views"], cr1_day2["viewers"], cr1_day2["clickers"]) == (2, 2, 2)
    assert (cr1_day2["creative_name"], cr1_day2["offer"], cr1_day2["is_control"]) == (
        "Control",
        "demo",
        True,
    )


COUNTS = (
    "views",
    "clicks",
    "viewers",
    "clickers",
    "accounts_viewed",
    "accounts_clicked",
)


def test_account_ctr_mart_mapped_people_only() -> None:
    """account_ctr: only mapped people's views; all_time starts on the first
    day a mapped person viewed; segments of the canonical account.

    cat@gmail.com (unmapped) views c1 on 03-01; ann@acme.com (a2: Software,
    100 staff -> 51-200) views on 03-02 and clicks. Only 03-02 has rows.
    """
    views = [
        view("v1", "2026-03-01 12:00:00", email="cat@gmail.com"),
        view("v2", "2026-03-02 12:00:00"),
    ]
    clicks = [click("k1", "2026-03-02 12:01:00")]
    marts = compute_marts(raw(views=views, clicks=clicks, accounts=ACME_RECORDS))
    rows = marts["account_ctr"]
    assert none_match(rows, period_grain="day", period_start=date(2026, 3, 1))
    keys = {(r["period_grain"], r["segment_type"], r["segment_value"]) for r in rows}
    assert keys == {
        (grain, segment_type, value)
        for grain in ("day", "week", "month", "all_time")
        for segment_type, value in (
            ("all", "all"),
            ("industry", "Software"),
            ("company_size_band", "51-200"),
        )
    }
    all_time = one(rows, period_grain="all_time", segment_type="all")
    assert all_time["period_start"] == date(2026, 3, 2)
    assert (all_time["accounts_viewed"], all_time["accounts_clicked"]) == (1, 1)
    assert all_time["account_ctr"] == 1.0
    assert all_time["account_ctr_upper"] == 1.0
    # campaign_ctr's all_time still starts with the unmapped view.
    campaign = one(marts["campaign_ctr"], period_grain="all_time")
    assert campaign["period_start"] == date(2026, 3, 1)
    # An unmapped-only day has account figures of 0 and a null account_ctr.
    day1 = one(marts["campaign_ctr"], period_grain="day", period_start=date(2026, 3, 1))
    assert (
        day1["accounts_viewed"],
        day1["account_ctr"],
        day1["account_ctr_lower"],
    ) == (
        0,
        None,
        None,
    )


def test_segment_ctr_dimensions() -> None:
    """segment_ctr across campaigns: c1 (email, CFOs, awareness) viewed by
    ann (a2: Software, 51-200) and c2 (empty channel -> unknown, empty
    audience -> unknown, decision) viewed by cat@gmail.com (unmapped ->
    industry and band unknown). Ann clicks."""
    views = [
        view("v1", "2026-03-02 12:00:00"),
        view(
            "v2",
            "2026-03-02 13:00:00",
            email="cat@gmail.com",
            campaign_id="c2",
            creative_id="cr3",
        ),
    ]
    clicks = [click("k1", "2026-03-02 12:01:00")]
    marts = compute_marts(raw(views=views, clicks=clicks, accounts=ACME_RECORDS))
    day = [r for r in marts["segment_ctr"] if r["period_grain"] == "day"]
    got = {
        (r["dimension"], r["dimension_value"]): (r["viewers"], r["clickers"])
        for r in day
    }
    assert got == {
        ("all", "all"): (2, 1),
        ("channel", "email"): (1, 1),
        ("channel", "unknown"): (1, 0),
        ("audience", "CFOs"): (1, 1),
        ("audience", "unknown"): (1, 0),
        ("funnel_stage", "awareness"): (1, 1),
        ("funnel_stage", "decision"): (1, 0),
        ("industry", "Software"): (1, 1),
        ("industry", "unknown"): (1, 0),
        ("company_size_band", "51-200"): (1, 1),
        ("company_size_band", "unknown"): (1, 0),
    }
    overall = one(day, dimension="all")
    assert overall["ctr"] == 0.5
    assert (overall["accounts_viewed"], overall["account_ctr"]) == (1, 1.0)
    c2 = one(marts["campaign_ctr"], period_grain="day", campaign_id="c2")
    assert (c2["channel"], c2["audience"]) == ("unknown", None)


def test_campaign_and_creative_duplicates_keep_first_by_values() -> None:
    """Project decision: a campaign id twice keeps the record whose cleaned
    values sort first (None first): the empty name beats "Alpha"; a creative
    id twice keeps "A" over "B"."""
    campaigns = [
        {
            "campaign_id": "c1",
            "campaign_name": "Alpha",
            "channel": "ad",
            "audience": None,
            "funnel_stage": None,
        },
        {
            "campaign_id": " c1",
            "campaign_name": None,
            "channel": "link",
            "audience": None,
            "funnel_stage": None,
        },
    ]
    creatives = [
        {
            "creative_id": "cr1",
            "campaign_id": "c1",
            "creative_name": "B",
            "offer": None,
            "is_control": None,
        },
        {
            "creative_id": "cr1",
            "campaign_id": "c1",
            "creative_name": "A",
            "offer": None,
            "is_control": None,
        },
    ]
    data = raw(views=[view("v1", T0)], campaigns=campaigns, creatives=creatives)
    marts = compute_marts(data)
    campaign = one(marts["campaign_ctr"], period_grain="day")
    assert (campaign["campaign_name"], campaign["channel"]) == (None, "link")
    creative = one(marts["creative_ctr"], period_grain="day")
    assert creative["creative_name"] == "A"


# --------------------------------------------------------------------------
# Section 5: significance and tracking_health
# --------------------------------------------------------------------------


def test_two_proportion_z_known_values() -> None:
    """30/100 vs 20/100: p = 0.25, se = sqrt(0.25·0.75·0.02) = sqrt(0.00375)
    = 0.0612372, z = 0.1 / 0.0612372 = 1.632993.
    40/100 vs 20/100: p = 0.3, se = sqrt(0.21·0.02) = sqrt(0.0042)
    = 0.0648074, z = 0.2 / 0.0648074 = 3.086067."""
    assert two_proportion_z(30, 100, 20, 100) == pytest.approx(1.632993, abs=1e-6)
    assert two_proportion_z(40, 100, 20, 100) == pytest.approx(3.086067, abs=1e-6)
    assert two_proportion_z(20, 100, 40, 100) == pytest.approx(-3.086067, abs=1e-6)
    assert two_proportion_z(1, 0, 1, 10) is None
    assert two_proportion_z(0, 10, 0, 5) is None  # p = 0
    assert two_proportion_z(10, 10, 5, 5) is None  # p = 1


def significance_data() -> RawData:
    """Campaign c1, control cr1, variant cr2.

    03-01: p9 views cr1.
    03-02: p1..p4 view cr1, p1 clicks; p5..p8 view cr2, p5, p6, p7 click.
    03-03: p5 views cr2 again.
    """
    views = [view("v9", "2026-03-01 12:00:00", email="p9@x.com")]
    clicks = []
    for i in range(1, 9):
        creative = "cr1" if i <= 4 else "cr2"
        views.append(view(f"v{i}", "2026-03-02 12:00:00", f"p{i}@x.com", creative))
        if i in (1, 5, 6, 7):
            clicks.append(
                click(f"k{i}", "2026-03-02 12:05:00", f"p{i}@x.com", creative)
            )
    views.append(view("v10", "2026-03-03 12:00:00", "p5@x.com", "cr2"))
    return raw(views=views, clicks=clicks)


def test_creative_significance_against_control() -> None:
    """Day 03-02: cr1 (control) 1/4 = 0.25; cr2 3/4 = 0.75; lift
    0.75/0.25 - 1 = 2; pooled p = 4/8 = 0.5, se = sqrt(0.25·0.5) =
    0.3535534, z = 0.5 / 0.3535534 = sqrt(2) = 1.4142136, not significant.
    Control's own rows and 03-03 (no control row) are null.
    all_time: cr1 starts 03-01 (1/5 = 0.2), cr2 starts 03-02 (3/4): they are
    compared all the same: lift 0.75/0.2 - 1 = 2.75; p = 4/9,
    se = sqrt(4/9 · 5/9 · (1/4 + 1/5)) = sqrt(20/81 · 9/20) = 1/3,
    z = 0.55 · 3 = 1.65."""
    rows = compute_marts(significance_data())["creative_ctr"]
    day2 = one(
        rows, period_grain="day", period_start=date(2026, 3, 2), creative_id="cr2"
    )
    assert day2["control_creative_id"] == "cr1"
    assert day2["control_ctr"] == 0.25
    assert day2["ctr_lift"] == pytest.approx(2.0)
    assert day2["ctr_z_score"] == pytest.approx(math.sqrt(2))
    assert day2["is_significant"] is False
    for row in [
        one(rows, period_grain="day", period_start=date(2026, 3, 2), creative_id="cr1"),
        one(rows, period_grain="day", period_start=date(2026, 3, 3), creative_id="cr2"),
        one(rows, period_grain="all_time", creative_id="cr1"),
    ]:
        assert [row[c] for c in SIGNIFICANCE] == [None] * 5
    all_time = one(rows, period_grain="all_time", creative_id="cr2")
    assert all_time["period_start"] == date(2026, 3, 2)
    assert all_time["control_ctr"] == pytest.approx(0.2)
    assert all_time["ctr_lift"] == pytest.approx(2.75)
    assert all_time["ctr_z_score"] == pytest.approx(1.65)
    assert all_time["is_significant"] is False


SIGNIFICANCE = (
    "control_creative_id",
    "control_ctr",
    "ctr_lift",
    "ctr_z_score",
    "is_significant",
)


def test_creative_significance_is_significant_and_no_control() -> None:
    """cr2 8/10 vs control 2/10: p = 0.5, se = sqrt(0.25 · 0.2) = 0.2236068,
    z = 0.6 / 0.2236068 = 2.6832816 >= 1.96. cr3's campaign c2 has no
    control: null."""
    views, clicks = [], []
    for i in range(10):
        for creative in ("cr1", "cr2", "cr3"):
            email = f"p{i}-{creative}@x.com"
            campaign = "c2" if creative == "cr3" else "c1"
            views.append(view(f"v{i}{creative}", T0, email, creative, campaign))
            if (creative == "cr1" and i < 2) or (creative != "cr1" and i < 8):
                clicks.append(
                    click(
                        f"k{i}{creative}",
                        "2026-03-01 10:00:05",
                        email,
                        creative,
                        campaign,
                    )
                )
    rows = compute_marts(raw(views=views, clicks=clicks))["creative_ctr"]
    cr2 = one(rows, period_grain="day", creative_id="cr2")
    assert cr2["ctr_z_score"] == pytest.approx(2.6832816, abs=1e-6)
    assert cr2["is_significant"] is True
    assert cr2["ctr_lift"] == pytest.approx(3.0)
    cr3 = one(rows, period_grain="day", creative_id="cr3")
    assert [cr3[c] for c in SIGNIFICANCE] == [None] * 5


def test_campaign_change_against_previous_period() -> None:
    """c1 day rows: 03-01 0/1; 03-02 4/8 = 0.5; 03-03 0/1.
    03-01: no 02-28 row -> null. 03-02 vs 03-01: previous_ctr 0,
    p = 4/9, se = sqrt(4/9 · 5/9 · (1/8 + 1)) = sqrt(5/18) = 0.5270463,
    z = 0.5 / 0.5270463 = 0.9486833. 03-03 vs 03-02: z = -0.9486833.
    week 03-02 (0.5, 8 viewers: p5 counted once) vs week 02-23 (0/1): same
    z. Month 03 (no February row) and all_time: null."""
    rows = compute_marts(significance_data())["campaign_ctr"]

    def at(grain: str, start: date) -> MartRow:
        return one(rows, period_grain=grain, period_start=start)

    change = ("previous_ctr", "ctr_change_z_score", "is_significant_change")
    assert [at("day", date(2026, 3, 1))[c] for c in change] == [None] * 3
    day2 = at("day", date(2026, 3, 2))
    assert day2["previous_ctr"] == 0.0
    assert day2["ctr_change_z_score"] == pytest.approx(0.9486833, abs=1e-6)
    assert day2["is_significant_change"] is False
    day3 = at("day", date(2026, 3, 3))
    assert day3["previous_ctr"] == 0.5
    assert day3["ctr_change_z_score"] == pytest.approx(-0.9486833, abs=1e-6)
    week = at("week", date(2026, 3, 2))
    assert (week["viewers"], week["clickers"], week["previous_ctr"]) == (8, 4, 0.0)
    assert week["ctr_change_z_score"] == pytest.approx(0.9486833, abs=1e-6)
    assert [at("month", date(2026, 3, 1))[c] for c in change] == [None] * 3
    assert [one(rows, period_grain="all_time")[c] for c in change] == [None] * 3


def test_previous_month_is_the_calendar_month_before() -> None:
    """March's previous month is February (even with a gap day), January's
    previous is December: a row 2026-01 compares with 2025-12."""
    views = [
        view("v1", "2025-12-31 23:00:00"),
        view("v2", "2026-01-01 01:00:00+02:00"),  # 2025-12-31 23:00 UTC
        view("v3", "2026-01-15 10:00:00", email="bob@acme.com"),
    ]
    rows = compute_marts(raw(views=views))["campaign_ctr"]
    jan = one(rows, period_grain="month", period_start=date(2026, 1, 1))
    dec = one(rows, period_grain="month", period_start=date(2025, 12, 1))
    assert dec["views"] == 2
    assert jan["previous_ctr"] == 0.0
    assert jan["ctr_change_z_score"] is None  # p = 0


def test_no_previous_period_before_year_1() -> None:
    """A view on 0001-01-01 has no previous day or month (no crash)."""
    data = raw(views=[view("v1", "0001-01-01 00:00:00")])
    rows = compute_marts(data)["campaign_ctr"]
    for grain in ("day", "month"):
        row = one(rows, period_grain=grain, period_start=date(1, 1, 1))
        assert row["previous_ctr"] is None
        assert row["ctr_change_z_score"] is None


def test_tracking_health_counts_every_raw_row_once() -> None:
    """Section 5: one tally per (UTC date, channel).

    Views: v1 counted (ann, mapped to a2) and its later copy (duplicate,
    03-02); v2 bot; v3 invalid timestamp (date null, channel email); v4
    unknown campaign (channel unknown); v5 counted but unmapped (cat@gmail).
    Clicks: k1 qualifying, k2 double (10 s later), k3 orphan (bob never
    viewed), k4 machine (cat, 0.2 s after v5), k5 bot, k6 its own earlier
    copy is kept (k6 at 03-02 is the duplicate), k7 rejected (no id).
    """
    views = [
        view("v1", "2026-03-01 09:00:00"),
        view("v1", "2026-03-02 09:00:00"),
        view("v2", "2026-03-01 09:00:00", user_agent="Bot"),
        view("v3", "2026-03-01 9:00:00"),
        view("v4", "2026-03-01 09:00:00", campaign_id="nope"),
        view("v5", "2026-03-01 09:30:00", email="cat@gmail.com"),
    ]
    clicks = [
        click("k1", "2026-03-01 09:10:00"),
        click("k2", "2026-03-01 09:10:10"),
        click("k3", "2026-03-01 09:20:00", email="bob@acme.com"),
        click("k4", "2026-03-01 09:30:00.2", email="cat@gmail.com"),
        click("k5", "2026-03-01 09:40:00", user_agent="crawler"),
        click("k6", "2026-03-02 09:40:00"),
        click("k6", "2026-03-01 09:40:00"),
        click(None, "2026-03-01 09:40:00"),
    ]
    rows = compute_marts(raw(views=views, clicks=clicks, accounts=ACME_RECORDS))[
        "tracking_health"
    ]
    for row in rows:
        assert row["raw_views"] == sum(
            row[f"{o}_views"]
            for o in ("rejected", "duplicate", "invalid_traffic", "counted")
        )
        assert row["raw_clicks"] == sum(
            row[f"{o}_clicks"]
            for o in (
                "rejected",
                "duplicate",
                "invalid_traffic",
                "double",
                "orphan",
                "machine",
                "qualifying",
            )
        )
    day1 = one(rows, date_day=date(2026, 3, 1), channel="email")
    expected_day1 = dict.fromkeys(HEALTH_COLUMNS, 0) | {
        "raw_views": 3,
        "invalid_traffic_views": 1,
        "counted_views": 2,
        "unmapped_views": 1,
        "raw_clicks": 7,
        "rejected_clicks": 1,
        "invalid_traffic_clicks": 1,
        "double_clicks": 1,
        "orphan_clicks": 1,
        "machine_clicks": 1,
        # k1 and the kept k6 (09:40, 30 min after k1: not a double).
        "qualifying_clicks": 2,
    }
    assert {c: day1[c] for c in HEALTH_COLUMNS} == expected_day1
    day2 = one(rows, date_day=date(2026, 3, 2), channel="email")
    assert (day2["raw_views"], day2["duplicate_views"]) == (1, 1)
    assert (day2["raw_clicks"], day2["duplicate_clicks"]) == (1, 1)
    no_date = one(rows, date_day=None, channel="email")
    assert (no_date["raw_views"], no_date["rejected_views"]) == (1, 1)
    unknown = one(rows, date_day=date(2026, 3, 1), channel="unknown")
    assert (unknown["raw_views"], unknown["rejected_views"]) == (1, 1)
    assert len(rows) == 4


# --------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------


def test_load_raw_blank_values_are_null(tmp_path: Path) -> None:
    """Every column is text; empty, quoted-empty and spaces/tabs-only values
    are null; everything else arrives as written."""
    headers = {
        "raw_views": "view_id,viewed_at,email,campaign_id,creative_id,user_agent",
        "raw_clicks": "click_id,clicked_at,email,campaign_id,creative_id,user_agent",
        "raw_contacts": "contact_id,email,account_id,updated_at",
        "raw_accounts": (
            "account_id,account_name,website,industry,employee_count,is_target,"
            "updated_at"
        ),
        "raw_campaigns": "campaign_id,campaign_name,channel,audience,funnel_stage",
        "raw_creatives": "creative_id,campaign_id,creative_name,offer,is_control",
    }
    for name, header in headers.items():
        (tmp_path / f"{name}.csv").write_text(header + "\n", encoding="utf-8")
    (tmp_path / "raw_views.csv").write_text(
        headers["raw_views"] + '\n007, 2026-03-01 10:00:00 ,"",  ,\t,"a, b"\n',
        encoding="utf-8",
    )
    data = load_raw(tmp_path)
    assert data.views == [
        {
            "view_id": "007",
            "viewed_at": " 2026-03-01 10:00:00 ",
            "email": None,
            "campaign_id": None,
            "creative_id": None,
            "user_agent": "a, b",
        }
    ]
    assert data.clicks == []
    assert data.accounts == []
