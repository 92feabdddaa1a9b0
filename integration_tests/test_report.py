"""ctr_tools.report: the data shaping behind each chart, and the written page."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from ctr_tools.report import (
    campaign_bands,
    creative_status,
    creative_tests,
    daily_counts,
    main,
    segment_band,
)

CHART_IDS = (
    "campaign-ctr",
    "account-ctr-segments",
    "creative-tests",
    "tracking-views",
    "tracking-clicks",
)


def rates(rate: str, value: float | None) -> dict[str, float | None]:
    """A rate with a made-up interval around it (None stays None)."""
    if value is None:
        return {rate: None, f"{rate}_lower": None, f"{rate}_upper": None}
    return {rate: value, f"{rate}_lower": value / 2, f"{rate}_upper": value * 2}


def week(
    campaign_id: str, name: str | None, start: date, ctr: float, acct: float | None
):
    """A campaign_ctr week row."""
    return {
        "campaign_id": campaign_id,
        "campaign_name": name,
        "period_start": start,
        **rates("ctr", ctr),
        **rates("account_ctr", acct),
    }


def test_campaign_bands_are_per_campaign_in_week_order() -> None:
    """Rows out of order come back sorted; a week with no account keeps a gap."""
    bands = campaign_bands(
        [
            week("c2", None, date(2026, 3, 9), 0.2, None),
            week("c1", "Spring", date(2026, 3, 9), 0.3, 0.5),
            week("c2", None, date(2026, 3, 2), 0.1, 0.25),
        ]
    )
    assert list(bands) == ["c1: Spring", "c2: unnamed"]
    c2 = bands["c2: unnamed"]
    assert c2["ctr"].points == [date(2026, 3, 2), date(2026, 3, 9)]
    assert c2["ctr"].values == [0.1, 0.2]
    assert c2["ctr"].upper == [0.2, 0.4]
    assert c2["account_ctr"].values == [0.25, None]
    assert c2["account_ctr"].lower == [0.125, None]


def test_segment_band_orders_by_account_ctr_with_unknown_last() -> None:
    """Highest account CTR first, `unknown` last, no-account values dropped."""
    rows: list[dict[str, Any]] = [
        {
            "dimension": "industry",
            "dimension_value": "unknown",
            **rates("account_ctr", 0.9),
        },
        {
            "dimension": "industry",
            "dimension_value": "Retail",
            **rates("account_ctr", 0.2),
        },
        {
            "dimension": "industry",
            "dimension_value": "Finance",
            **rates("account_ctr", 0.4),
        },
        {
            "dimension": "industry",
            "dimension_value": "Empty",
            **rates("account_ctr", None),
        },
        {
            "dimension": "company_size_band",
            "dimension_value": "1-50",
            **rates("account_ctr", 1),
        },
    ]
    industry = segment_band(rows, "industry")
    assert industry.points == ["Finance", "Retail", "unknown"]
    assert industry.values == [0.4, 0.2, 0.9]
    assert segment_band(rows, "company_size_band").points == ["1-50"]


def creative(creative_id: str, **values: Any) -> dict[str, Any]:
    """A creative_ctr row; by default a variant compared with control `a`."""
    return {
        "campaign_id": "c1",
        "creative_id": creative_id,
        "is_control": False,
        "control_creative_id": "a",
        "is_significant": False,
        "ctr_z_score": 0.5,
        **values,
    }


def test_creative_status_reads_the_significance_columns() -> None:
    """Control, better, worse, not significant, and no comparison."""
    assert (
        creative_status(creative("a", is_control=True, control_creative_id=None))
        == "control"
    )
    assert creative_status(creative("b", is_significant=True, ctr_z_score=2.2)) == (
        "significantly better"
    )
    assert creative_status(creative("c", is_significant=True, ctr_z_score=-2.2)) == (
        "significantly worse"
    )
    assert creative_status(creative("d")) == "not significant"
    assert creative_status(
        creative("e", control_creative_id=None, is_significant=None, ctr_z_score=None)
    ) == ("no comparison")
    # A second creative flagged is_control is compared with the real control.
    assert creative_status(creative("z", is_control=True)) == "not significant"


def test_creative_tests_put_each_campaigns_control_first() -> None:
    """Sorted by campaign, control first, then by creative id."""
    rows = [
        creative("b"),
        {**creative("x"), "campaign_id": "c0"},
        creative(
            "z_control", is_control=True, control_creative_id=None, is_significant=None
        ),
    ]
    assert [
        (r["campaign_id"], r["creative_id"], r["status"]) for r in creative_tests(rows)
    ] == [
        ("c0", "x", "not significant"),
        ("c1", "z_control", "control"),
        ("c1", "b", "not significant"),
    ]


def test_daily_counts_sum_channels_and_keep_undated_rows_apart() -> None:
    """Two channels on one day add up; rows with no valid date are counted apart."""
    day = date(2026, 3, 2)
    rows = [
        {"date_day": day, "raw_views": 5, "counted_views": 4},
        {"date_day": day, "raw_views": 3, "counted_views": 3},
        {"date_day": date(2026, 3, 1), "raw_views": 1, "counted_views": 0},
        {"date_day": None, "raw_views": 2, "counted_views": 0},
    ]
    counts = daily_counts(rows, ("raw_views", "counted_views"))
    assert counts.days == [date(2026, 3, 1), day]
    assert counts.counts == {"raw_views": [1, 8], "counted_views": [0, 7]}
    assert counts.undated == {"raw_views": 2, "counted_views": 0}


def test_report_from_the_built_marts_is_self_contained(
    built_project: Path, tmp_path: Path
) -> None:
    """Every chart is in the page and plotly.js is inline, not loaded from a URL."""
    out = tmp_path / "report" / "ctr_report.html"
    assert (
        main(["--database", str(built_project / "ctr.duckdb"), "--out", str(out)]) == 0
    )
    page = out.read_text()
    for chart_id in CHART_IDS:
        assert f'data-chart="{chart_id}"' in page
    assert "<script src=" not in page
    assert "<link " not in page
    assert page.count("Plotly.newPlot(") == len(CHART_IDS)
    assert "cmp_worked_example" in page


def test_report_without_a_database_says_so(tmp_path: Path) -> None:
    """No build yet: exit 1 and write nothing."""
    out = tmp_path / "r.html"
    assert main(["--database", str(tmp_path / "none.duckdb"), "--out", str(out)]) == 1
    assert not out.exists()
