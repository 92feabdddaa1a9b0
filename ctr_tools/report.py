"""Write a self-contained HTML report of the CTR marts (``make report``).

Four sections, each read from a public mart of the DuckDB build:

1. CTR and account CTR per campaign and week, with their 95 % Wilson
   intervals as bands (``campaign_ctr``; pick the campaign in the menu);
2. account CTR by industry and by company size band, all time and across
   campaigns, with intervals (``segment_ctr``);
3. creative tests: each creative's all-time CTR against its campaign's
   control, with lift, z-score and significance (``creative_ctr``);
4. tracking health per day: raw rows against counted ones and what each
   stage excluded (``tracking_health``).

The charts are Plotly with plotly.js inlined once, so the file opens with no
network. The data shaping functions are pure and unit-tested.
"""

from __future__ import annotations

import argparse
import html
import os
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs
from plotly.subplots import make_subplots

Row = dict[str, Any]
SCHEMA = "main_marts"
UNKNOWN = "unknown"
VIEW_STAGES = ("rejected_views", "duplicate_views", "invalid_traffic_views")
CLICK_STAGES = (
    "rejected_clicks",
    "duplicate_clicks",
    "invalid_traffic_clicks",
    "double_clicks",
    "orphan_clicks",
    "machine_clicks",
)
CHART_CONFIG = {"displaylogo": False, "responsive": True}


# --------------------------------------------------------------------------
# Data shaping
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Band:
    """A rate with its interval at each point of an axis (periods or labels)."""

    points: list[Any]
    values: list[float | None]
    lower: list[float | None]
    upper: list[float | None]


def band(rows: Sequence[Row], axis: str, rate: str) -> Band:
    """The rate and its ``<rate>_lower``/``<rate>_upper`` bounds along ``axis``."""
    return Band(
        points=[row[axis] for row in rows],
        values=[row[rate] for row in rows],
        lower=[row[f"{rate}_lower"] for row in rows],
        upper=[row[f"{rate}_upper"] for row in rows],
    )


def campaign_bands(rows: Iterable[Row]) -> dict[str, dict[str, Band]]:
    """Per campaign label, its ctr and account_ctr bands in period order."""
    by_campaign: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        name = row["campaign_name"] or "unnamed"
        by_campaign[f"{row['campaign_id']}: {name}"].append(row)
    bands = {}
    for label in sorted(by_campaign):
        ordered = sorted(by_campaign[label], key=lambda row: row["period_start"])
        bands[label] = {
            "ctr": band(ordered, "period_start", "ctr"),
            "account_ctr": band(ordered, "period_start", "account_ctr"),
        }
    return bands


def segment_band(rows: Iterable[Row], dimension: str) -> Band:
    """account_ctr per value of ``dimension``, highest first, unknown last.

    Values with no account viewed (account_ctr null) are left out.
    """
    kept = [
        row
        for row in rows
        if row["dimension"] == dimension and row["account_ctr"] is not None
    ]
    kept.sort(
        key=lambda row: (
            row["dimension_value"] == UNKNOWN,
            -row["account_ctr"],
            row["dimension_value"],
        )
    )
    return band(kept, "dimension_value", "account_ctr")


def creative_status(row: Row) -> str:
    """How a creative fares against its campaign's control."""
    if row["is_control"] and row["control_creative_id"] is None:
        return "control"
    if row["is_significant"] is None:
        return "no comparison"
    if not row["is_significant"]:
        return "not significant"
    return "significantly better" if row["ctr_z_score"] > 0 else "significantly worse"


def creative_tests(rows: Iterable[Row]) -> list[Row]:
    """The creatives by campaign, control first, each with its status."""
    tested = [{**row, "status": creative_status(row)} for row in rows]
    return sorted(
        tested,
        key=lambda row: (
            row["campaign_id"],
            row["status"] != "control",
            row["creative_id"],
        ),
    )


@dataclass(frozen=True)
class DailyCounts:
    """Counts per UTC day (summed over channels) and those with no valid date."""

    days: list[date]
    counts: dict[str, list[int]]
    undated: dict[str, int]


def daily_counts(rows: Iterable[Row], columns: Sequence[str]) -> DailyCounts:
    """Sum ``columns`` per day across channels; null days apart."""
    per_day: dict[date, dict[str, int]] = defaultdict(lambda: dict.fromkeys(columns, 0))
    undated = dict.fromkeys(columns, 0)
    for row in rows:
        target = undated if row["date_day"] is None else per_day[row["date_day"]]
        for column in columns:
            target[column] += row[column]
    days = sorted(per_day)
    return DailyCounts(
        days=days,
        counts={c: [per_day[d][c] for d in days] for c in columns},
        undated=undated,
    )


# --------------------------------------------------------------------------
# Charts
# --------------------------------------------------------------------------


def band_traces(data: Band, name: str, color: str, visible: bool) -> list[go.Scatter]:
    """The interval as a shaded band under the rate's line."""
    fill = color.replace("rgb(", "rgba(").replace(")", ", 0.18)")
    hover = f"{name} %{{y:.1%}}<br>week of %{{x|%d %b %Y}}<extra></extra>"
    edge = {"mode": "lines", "line": {"width": 0}, "hoverinfo": "skip"}
    return [
        go.Scatter(
            x=data.points, y=data.upper, showlegend=False, visible=visible, **edge
        ),
        go.Scatter(
            x=data.points,
            y=data.lower,
            fill="tonexty",
            fillcolor=fill,
            name=f"{name} 95 % interval",
            visible=visible,
            **edge,
        ),
        go.Scatter(
            x=data.points,
            y=data.values,
            mode="lines+markers",
            name=name,
            line={"color": color},
            visible=visible,
            hovertemplate=hover,
        ),
    ]


def campaign_chart(bands: dict[str, dict[str, Band]]) -> go.Figure:
    """CTR and account CTR per week of one campaign; a menu picks the campaign."""
    figure = go.Figure()
    labels = list(bands)
    per_campaign = 6
    for index, label in enumerate(labels):
        visible = index == 0
        for trace in [
            *band_traces(bands[label]["ctr"], "CTR", "rgb(31, 119, 180)", visible),
            *band_traces(
                bands[label]["account_ctr"], "Account CTR", "rgb(214, 39, 40)", visible
            ),
        ]:
            figure.add_trace(trace)
    buttons = [
        {
            "label": label,
            "method": "update",
            "args": [
                {
                    "visible": [
                        i // per_campaign == index
                        for i in range(per_campaign * len(labels))
                    ]
                },
                {"title.text": f"CTR and account CTR per week: {label}"},
            ],
        }
        for index, label in enumerate(labels)
    ]
    figure.update_layout(
        title=f"CTR and account CTR per week: {labels[0]}" if labels else "No data",
        updatemenus=[
            {
                "buttons": buttons,
                "x": 0.0,
                "xanchor": "left",
                "y": 1.02,
                "yanchor": "bottom",
            }
        ],
        yaxis={"tickformat": ".0%", "rangemode": "tozero", "title": "rate"},
        xaxis={"title": "week (Monday, UTC)"},
        height=460,
        margin={"t": 110},
        legend={"orientation": "h", "y": -0.2},
    )
    return figure


def segment_chart(industry: Band, size: Band) -> go.Figure:
    """Account CTR by industry and by company size band, with intervals."""
    figure = make_subplots(
        rows=1, cols=2, subplot_titles=("by industry", "by company size band")
    )
    for column, data in enumerate((industry, size), start=1):
        figure.add_trace(
            go.Bar(
                x=data.points,
                y=data.values,
                marker_color="rgb(214, 39, 40)",
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": [
                        u - v for u, v in zip(data.upper, data.values, strict=True)
                    ],
                    "arrayminus": [
                        v - lo for v, lo in zip(data.values, data.lower, strict=True)
                    ],
                },
                hovertemplate="%{x}: %{y:.1%}<extra></extra>",
                showlegend=False,
            ),
            row=1,
            col=column,
        )
    figure.update_yaxes(tickformat=".0%", rangemode="tozero")
    figure.update_layout(title="Account CTR, all time, all campaigns", height=420)
    return figure


STATUS_COLORS = {
    "control": "rgb(127, 127, 127)",
    "significantly better": "rgb(44, 160, 44)",
    "significantly worse": "rgb(214, 39, 40)",
    "not significant": "rgb(31, 119, 180)",
    "no comparison": "rgb(188, 189, 34)",
}


def creative_chart(tests: Sequence[Row]) -> go.Figure:
    """Each creative's all-time CTR with its interval, coloured by status."""
    figure = go.Figure()
    for status, color in STATUS_COLORS.items():
        rows = [row for row in tests if row["status"] == status]
        if not rows:
            continue
        figure.add_trace(
            go.Bar(
                x=[row["creative_id"] for row in rows],
                customdata=[row["campaign_id"] for row in rows],
                y=[row["ctr"] for row in rows],
                name=status,
                marker_color=color,
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": [row["ctr_upper"] - row["ctr"] for row in rows],
                    "arrayminus": [row["ctr"] - row["ctr_lower"] for row in rows],
                },
                hovertemplate="%{customdata} %{x}: CTR %{y:.1%}<extra>"
                + status
                + "</extra>",
            )
        )
    figure.update_layout(
        title="Creative tests: CTR, all time, against the campaign's control",
        yaxis={"tickformat": ".0%", "rangemode": "tozero"},
        xaxis={
            "categoryorder": "array",
            "categoryarray": [row["creative_id"] for row in tests],
            "tickangle": -60,
        },
        barmode="overlay",
        height=460,
    )
    return figure


def tracking_chart(
    data: DailyCounts, raw: str, counted: str, stages: Sequence[str]
) -> go.Figure:
    """Exclusions per stage as stacked bars, raw and counted rows as lines."""
    figure = go.Figure()
    for stage in stages:
        figure.add_trace(
            go.Bar(x=data.days, y=data.counts[stage], name=stage.replace("_", " "))
        )
    for column, dash in ((raw, "solid"), (counted, "dot")):
        figure.add_trace(
            go.Scatter(
                x=data.days,
                y=data.counts[column],
                name=column.replace("_", " "),
                mode="lines",
                line={"color": "black", "dash": dash},
            )
        )
    figure.update_layout(
        title=f"Tracking health: {raw.replace('_', ' ')} per UTC day",
        barmode="stack",
        height=400,
    )
    return figure


# --------------------------------------------------------------------------
# Reading the marts and writing the page
# --------------------------------------------------------------------------


def fetch(connection: duckdb.DuckDBPyConnection, sql: str) -> list[Row]:
    """The rows of a query as dicts."""
    cursor = connection.execute(sql)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, values, strict=True)) for values in cursor.fetchall()]


def percent(value: float | None) -> str:
    """A rate as a percentage, a dash when undefined."""
    return "-" if value is None else f"{value:.1%}"


def creative_table(tests: Sequence[Row]) -> str:
    """The creative tests as an HTML table."""
    header = (
        "<tr><th>campaign</th><th>creative</th><th>offer</th><th>viewers</th>"
        "<th>CTR (95 % interval)</th><th>control</th><th>lift</th><th>z</th>"
        "<th>status</th></tr>"
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(str(cell))}</td>"
            for cell in (
                row["campaign_id"],
                row["creative_id"],
                row["offer"] or "-",
                row["viewers"],
                f"{percent(row['ctr'])} ({percent(row['ctr_lower'])}-"
                f"{percent(row['ctr_upper'])})",
                row["control_creative_id"] or "-",
                percent(row["ctr_lift"]),
                "-" if row["ctr_z_score"] is None else f"{row['ctr_z_score']:.2f}",
                row["status"],
            )
        )
        + "</tr>"
        for row in tests
    )
    return f'<table class="tests">{header}{body}</table>'


STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px;
       color: #222; }
h1 { margin-bottom: 0.2rem; } .meta { color: #666; margin-top: 0; }
section { margin: 2.5rem 0; } .chart { min-height: 380px; }
table.tests { border-collapse: collapse; font-size: 0.85rem; width: 100%; }
table.tests td, table.tests th { border-bottom: 1px solid #ddd; padding: 0.25rem 0.5rem;
       text-align: left; }
"""


def chart_html(figure: go.Figure, chart_id: str) -> str:
    """One chart's div and script (plotly.js itself is inlined once)."""
    body: str = figure.to_html(
        full_html=False, include_plotlyjs=False, div_id=chart_id, config=CHART_CONFIG
    )
    return f'<div class="chart" data-chart="{chart_id}">{body}</div>'


def render(database: Path) -> str:
    """The report's HTML from the marts in ``database``."""
    with duckdb.connect(str(database), read_only=True) as connection:
        weekly = fetch(
            connection,
            f"select * from {SCHEMA}.campaign_ctr where period_grain = 'week'",
        )
        segments = fetch(
            connection,
            f"select * from {SCHEMA}.segment_ctr where period_grain = 'all_time' "
            "and dimension in ('industry', 'company_size_band')",
        )
        creatives = fetch(
            connection,
            f"select * from {SCHEMA}.creative_ctr where period_grain = 'all_time'",
        )
        health = fetch(connection, f"select * from {SCHEMA}.tracking_health")
    tests = creative_tests(creatives)
    views = daily_counts(health, ("raw_views", "counted_views", *VIEW_STAGES))
    clicks = daily_counts(health, ("raw_clicks", "qualifying_clicks", *CLICK_STAGES))
    undated = views.undated["raw_views"] + clicks.undated["raw_clicks"]
    sections = [
        (
            "CTR and account CTR over time",
            "CTR = people who clicked after viewing / people who viewed; account "
            "CTR = accounts where someone clicked / accounts where someone viewed. "
            "Shaded: the 95 % Wilson interval. Weeks start on Monday (UTC).",
            chart_html(campaign_chart(campaign_bands(weekly)), "campaign-ctr"),
        ),
        (
            "Account CTR by industry and company size",
            "Mapped accounts only; whiskers: the 95 % Wilson interval.",
            chart_html(
                segment_chart(
                    segment_band(segments, "industry"),
                    segment_band(segments, "company_size_band"),
                ),
                "account-ctr-segments",
            ),
        ),
        (
            "Creative tests",
            "Each creative's CTR against its campaign's control (pooled "
            "two-proportion z-test, significant at |z| >= 1.96).",
            chart_html(creative_chart(tests), "creative-tests") + creative_table(tests),
        ),
        (
            "Tracking health",
            "Every raw row counted once, at the stage that excluded it. "
            f"{undated} raw rows had an invalid timestamp and no day (rejected).",
            chart_html(
                tracking_chart(views, "raw_views", "counted_views", VIEW_STAGES),
                "tracking-views",
            )
            + chart_html(
                tracking_chart(clicks, "raw_clicks", "qualifying_clicks", CLICK_STAGES),
                "tracking-clicks",
            ),
        ),
    ]
    built = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = "".join(
        f"<section><h2>{html.escape(title)}</h2><p>{html.escape(text)}</p>{content}"
        "</section>"
        for title, text, content in sections
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>CTR report</title>"
        f"<style>{STYLE}</style><script>{get_plotlyjs()}</script></head><body>"
        "<h1>CTR report</h1>"
        f'<p class="meta">Built {built} from {html.escape(database.name)}. '
        "Definitions: dbt docs and shared/spec/ctr_contract.md.</p>"
        f"{body}</body></html>"
    )


def main(argv: list[str] | None = None) -> int:
    """Write the report; exit 1 with a clear message if nothing is built."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database",
        type=Path,
        default=Path(os.environ.get("CTR_DUCKDB_PATH", "ctr.duckdb")),
    )
    parser.add_argument("--out", type=Path, default=Path("reports/ctr_report.html"))
    args = parser.parse_args(argv)
    if not args.database.exists():
        print(
            f"No database at {args.database}: run `make build` first.", file=sys.stderr
        )
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(args.database), encoding="utf-8")
    print(f"Wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
