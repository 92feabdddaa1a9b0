"""A broken configuration is a clear error naming what to fix.

- Invalid vars: ``dbt build`` on a project copy with every var broken stops
  while parsing, before any SQL runs, with one error that names each var
  and what it must be (``validate_vars()``, macros/validate_vars.sql);
  valid non-default values pass.
- A missing raw seed: ``ctr_tools.check_inputs`` (run by ``make`` before
  dbt) names the missing file and what to do, and the header it needs; dbt
  alone still stops, naming the missing input (the best dbt can do: it
  resolves refs before any project code runs).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT_DIR, SEEDS_DIR, dbt, make_project

from ctr_tools.check_inputs import input_problems

# Every var, broken in a different way.
BROKEN_VARS: dict[str, object] = {
    "invalid_traffic_user_agent_patterns": "bot",
    "double_click_seconds": "30",
    "attribution_window_days": -1,
    "min_seconds_view_to_click": True,
    "free_email_domains": ["gmail.com", 3],
    "wilson_z": 0,
    "significance_z": None,
    "tracking_min_daily_volume": float("nan"),
    "tracking_max_orphan_click_share": 1.5,
    "tracking_max_machine_click_share": -0.1,
    "tracking_max_invalid_traffic_share": "0.3",
    "tracking_max_unmapped_view_share": [0.3],
    "tracking_outage_view_ratio": {"a": 1},
    "tracking_outage_baseline_days": 2.5,
}
# Unusual but valid: zero windows, fractions, an empty free-mail list.
VALID_VARS: dict[str, object] = {
    "invalid_traffic_user_agent_patterns": ["bot", "o'neil", "50%"],
    "double_click_seconds": 0,
    "attribution_window_days": 0.5,
    "min_seconds_view_to_click": 0.25,
    "free_email_domains": [],
    "wilson_z": 2,
    "significance_z": 2.576,
    "tracking_min_daily_volume": 0,
    "tracking_max_orphan_click_share": 1,
    "tracking_outage_view_ratio": 0,
    "tracking_outage_baseline_days": 1,
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project copy (sample seeds) for parse-time failures."""
    return make_project(tmp_path_factory.mktemp("config"))


def as_vars(values: dict[str, object]) -> str:
    """--vars text; NaN as YAML's .nan (JSON has no NaN)."""
    return json.dumps(values).replace("NaN", ".nan")


def test_every_broken_var_is_named_before_anything_runs(project: Path) -> None:
    result = dbt(project, "build", "--vars", as_vars(BROKEN_VARS), check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Invalid var(s); fix them in dbt_project.yml" in output
    for name in BROKEN_VARS:
        assert f"{name} must be" in output or f"{name} is not set" in output, name
    assert "OK created" not in output and "START" not in output


def test_valid_unusual_vars_pass(project: Path) -> None:
    result = dbt(project, "parse", "--vars", as_vars(VALID_VARS), check=False)
    assert result.returncode == 0, result.stdout[-3000:]


@pytest.fixture
def seeds_without_views(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, seeds)
    (seeds / "raw_views.csv").unlink()
    return seeds


def run_check(seeds: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ctr_tools.check_inputs", str(seeds)],
        cwd=PROJECT_DIR,
        env={**os.environ, "PYTHONPATH": str(PROJECT_DIR)},
        capture_output=True,
        text=True,
    )


def test_missing_seed_is_named_with_what_to_do(seeds_without_views: Path) -> None:
    result = run_check(seeds_without_views)
    assert result.returncode == 1
    assert "raw input raw_views is missing" in result.stderr
    assert str(seeds_without_views / "raw_views.csv") in result.stderr
    assert "view_id,viewed_at,email,campaign_id,creative_id,user_agent" in (
        result.stderr
    )
    assert "make seeds" in result.stderr
    assert "raw_input()" in result.stderr
    assert "raw_clicks" not in result.stderr


def test_wrong_header_is_named(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, seeds)
    path = seeds / "raw_clicks.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[0] = "click_id,clicked_at,email,campaign_id,creative_id\n"
    path.write_text("".join(lines), encoding="utf-8")
    (problem,) = input_problems(seeds)
    assert problem.startswith("raw input raw_clicks has the header")
    assert "click_id,clicked_at,email,campaign_id,creative_id,user_agent" in problem


def test_committed_seeds_pass_the_check() -> None:
    result = run_check(SEEDS_DIR)
    assert result.returncode == 0, result.stderr


def test_make_checks_inputs_before_dbt() -> None:
    result = subprocess.run(
        ["make", "--dry-run", "--always-make", "build", "dbt-build", "docs"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    check = next(i for i, line in enumerate(lines) if "ctr_tools.check_inputs" in line)
    first_dbt = next(i for i, line in enumerate(lines) if "/dbt " in line)
    assert check < first_dbt


def test_dbt_alone_names_the_missing_seed(
    tmp_path: Path, seeds_without_views: Path
) -> None:
    project = make_project(tmp_path / "dbt", seeds_without_views)
    result = dbt(project, "parse", check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "depends on a node named 'raw_views' which was not found" in output
