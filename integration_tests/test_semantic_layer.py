"""The semantic layer gives the marts' figures.

MetricFlow (``mf query``) runs against a project copy built from the sample
seeds (the ``built_project`` fixture) and writes its answer as CSV. For the
slices both have, its counts must equal the marts' exactly and its rates
within 1e-9, nulls where the marts have nulls:

- campaign by week: ``campaign_ctr`` week rows against metric_time__week x
  campaign;
- industry, all time: ``segment_ctr`` industry all_time rows against
  account__industry. The marts label an unmapped person's industry
  ``unknown`` (rule 10); in the semantic layer an unmapped person has no
  account, so no industry (null). Each person resolves to one account or
  none, so the two groups hold different people and MetricFlow's null
  group adds to its ``unknown`` group before comparing;
- channel, all time: ``segment_ctr`` channel all_time rows against
  campaign__channel.
"""

from __future__ import annotations

import csv
import math
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import pytest
from conftest import project_env

MF = Path(sys.executable).with_name("mf")
COUNTS = (
    "views",
    "clicks",
    "viewers",
    "clickers",
    "accounts_viewed",
    "accounts_clicked",
)
RATES = {
    "ctr": ("clickers", "viewers"),
    "event_ctr": ("clicks", "views"),
    "account_ctr": ("accounts_clicked", "accounts_viewed"),
}
METRICS = (*COUNTS, *RATES)
TOLERANCE = 1e-9

Row = dict[str, Any]
Figures = dict[tuple[str, ...], Row]


def mf_query(project: Path, group_by: Sequence[str], out: Path) -> list[Row]:
    """Every metric grouped by ``group_by``, as MetricFlow computes it."""
    args = [str(MF), "query", "--metrics", ",".join(METRICS), "--csv", str(out)]
    if group_by:
        args += ["--group-by", ",".join(group_by)]
    result = subprocess.run(
        args, cwd=project, env=project_env(project), capture_output=True, text=True
    )
    if result.returncode != 0 or not out.exists():
        pytest.fail(
            f"mf query failed ({result.returncode}):\n"
            f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
        )
    with out.open(newline="") as handle:
        return [parse_mf_row(row) for row in csv.DictReader(handle)]


def parse_mf_row(row: dict[str, str]) -> Row:
    """MetricFlow's CSV text as values: counts int, rates float, '' None."""
    parsed: Row = {}
    for column, text in row.items():
        if column in COUNTS:
            parsed[column] = int(text)
        elif column in RATES:
            parsed[column] = None if text == "" else float(text)
        else:
            parsed[column] = None if text == "" else text
    return parsed


def with_rates(row: Row) -> Row:
    """The row with its rates recomputed from its counts (null over 0)."""
    rated = dict(row)
    for rate, (numerator, denominator) in RATES.items():
        over = row[denominator]
        rated[rate] = None if over == 0 else row[numerator] / over
    return rated


def merge_groups(
    rows: Sequence[Row], column: str, source: object, into: str
) -> list[Row]:
    """Add the counts of the ``source`` group to the ``into`` group.

    Only valid for disjoint groups of people (distinct counts add up):
    here, unmapped people (no account) and the mapped ones of ``into``. Only
    the merged row's rates are recomputed; every other row keeps
    MetricFlow's own.
    """
    merged = [dict(r) for r in rows if r[column] != source]
    for added in (r for r in rows if r[column] == source):
        target = next((r for r in merged if r[column] == into), None)
        if target is None:
            merged.append({**added, column: into})
            continue
        for count in COUNTS:
            target[count] += added[count]
        target.update(with_rates(target))
    return merged


def mart_figures(database: Path, sql: str, key_columns: Sequence[str]) -> Figures:
    """Rows of a mart query keyed by ``key_columns`` (as text)."""
    with duckdb.connect(str(database), read_only=True) as connection:
        cursor = connection.execute(sql)
        columns = [d[0] for d in cursor.description]
        rows = [dict(zip(columns, values, strict=True)) for values in cursor.fetchall()]
    return {tuple(str(r[c]) for c in key_columns): r for r in rows}


def keyed(rows: Sequence[Row], key_columns: Sequence[str]) -> Figures:
    """MetricFlow rows keyed like the marts' (a week as its first day)."""
    figures: Figures = {}
    for row in rows:
        key = tuple(
            str(row[c])[:10] if "metric_time" in c else str(row[c]) for c in key_columns
        )
        assert key not in figures, f"MetricFlow returned {key} twice"
        figures[key] = row
    return figures


def differences(marts: Figures, metricflow: Figures) -> list[str]:
    """Every key or figure on which the two disagree."""
    problems = [
        f"only in the marts: {k}" for k in sorted(marts.keys() - metricflow.keys())
    ]
    problems += [
        f"only in MetricFlow: {k}" for k in sorted(metricflow.keys() - marts.keys())
    ]
    for key in sorted(marts.keys() & metricflow.keys()):
        want, got = marts[key], metricflow[key]
        for count in COUNTS:
            if want[count] != got[count]:
                problems.append(
                    f"{key} {count}: marts {want[count]}, MetricFlow {got[count]}"
                )
        for rate in RATES:
            a, b = want[rate], got[rate]
            same = (a is None and b is None) or (
                a is not None
                and b is not None
                and math.isclose(a, b, rel_tol=0.0, abs_tol=TOLERANCE)
            )
            if not same:
                problems.append(f"{key} {rate}: marts {a}, MetricFlow {b}")
    return problems


def assert_same(slice_name: str, marts: Figures, metricflow: Figures) -> None:
    """Fail with the first differences, after checking there is something to compare."""
    assert len(marts) > 1, f"{slice_name}: the marts have too few rows to compare"
    problems = differences(marts, metricflow)
    assert not problems, (
        f"{slice_name}: {len(problems)} difference(s):\n  " + "\n  ".join(problems[:10])
    )


MART_MEASURES = ", ".join(METRICS)


def test_campaign_by_week_matches_campaign_ctr(
    built_project: Path, tmp_path: Path
) -> None:
    """campaign_ctr's week rows, figure by figure."""
    marts = mart_figures(
        built_project / "ctr.duckdb",
        f"select period_start, campaign_id, {MART_MEASURES} "
        "from main_marts.campaign_ctr where period_grain = 'week'",
        ["period_start", "campaign_id"],
    )
    rows = mf_query(
        built_project, ["metric_time__week", "campaign"], tmp_path / "w.csv"
    )
    assert_same(
        "campaign by week", marts, keyed(rows, ["metric_time__week", "campaign"])
    )


def test_industry_all_time_matches_segment_ctr(
    built_project: Path, tmp_path: Path
) -> None:
    """segment_ctr's industry all_time rows; unmapped people are `unknown`."""
    marts = mart_figures(
        built_project / "ctr.duckdb",
        f"select dimension_value, {MART_MEASURES} from main_marts.segment_ctr "
        "where period_grain = 'all_time' and dimension = 'industry'",
        ["dimension_value"],
    )
    rows = mf_query(built_project, ["account__industry"], tmp_path / "i.csv")
    unmapped = [r for r in rows if r["account__industry"] is None]
    assert len(unmapped) == 1, "the sample data has unmapped viewers"
    assert unmapped[0]["accounts_viewed"] == 0, "unmapped people have no account"
    merged = merge_groups(rows, "account__industry", None, "unknown")
    assert_same("industry, all time", marts, keyed(merged, ["account__industry"]))


def test_channel_all_time_matches_segment_ctr(
    built_project: Path, tmp_path: Path
) -> None:
    """segment_ctr's channel all_time rows, through the campaign dimension."""
    marts = mart_figures(
        built_project / "ctr.duckdb",
        f"select dimension_value, {MART_MEASURES} from main_marts.segment_ctr "
        "where period_grain = 'all_time' and dimension = 'channel'",
        ["dimension_value"],
    )
    rows = mf_query(built_project, ["campaign__channel"], tmp_path / "c.csv")
    assert_same("channel, all time", marts, keyed(rows, ["campaign__channel"]))


# --------------------------------------------------------------------------
# The comparison itself (no warehouse needed)
# --------------------------------------------------------------------------


def test_merge_groups_adds_counts_and_recomputes_rates() -> None:
    """3/10 mapped-unknown clickers plus 1/5 unmapped: 4/15, accounts unchanged."""
    base = {"views": 20, "clicks": 4, "accounts_viewed": 6, "accounts_clicked": 3}
    rows: list[Row] = [
        {"industry": "unknown", **base, "viewers": 10, "clickers": 3},
        {
            "industry": None,
            "views": 5,
            "clicks": 1,
            "viewers": 5,
            "clickers": 1,
            "accounts_viewed": 0,
            "accounts_clicked": 0,
        },
        {"industry": "Retail", **base, "viewers": 8, "clickers": 2, "ctr": 0.3},
    ]
    merged = {r["industry"]: r for r in merge_groups(rows, "industry", None, "unknown")}
    assert set(merged) == {"unknown", "Retail"}
    assert merged["unknown"]["viewers"] == 15
    assert merged["unknown"]["clickers"] == 4
    assert merged["unknown"]["ctr"] == pytest.approx(4 / 15)
    assert merged["unknown"]["event_ctr"] == pytest.approx(5 / 25)
    assert merged["unknown"]["account_ctr"] == pytest.approx(0.5)
    assert merged["Retail"]["ctr"] == 0.3, "rows not merged keep their own rates"


def test_differences_lists_missing_keys_counts_and_rates() -> None:
    """A missing key, a count off by one and a null against 0.0 are all reported."""
    row: Row = {
        **dict.fromkeys(COUNTS, 1),
        "ctr": 1.0,
        "event_ctr": 1.0,
        "account_ctr": None,
    }
    marts: Figures = {("a",): row, ("b",): row}
    metricflow: Figures = {("a",): {**row, "viewers": 2, "account_ctr": 0.0}}
    assert differences(marts, metricflow) == [
        "only in the marts: ('b',)",
        "('a',) viewers: marts 1, MetricFlow 2",
        "('a',) account_ctr: marts None, MetricFlow 0.0",
    ]
