"""The pre-commit hooks run offline, with the pinned tools of the venv."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import yaml

PROJECT_DIR = Path(__file__).resolve().parents[1]
CONFIG = PROJECT_DIR / ".pre-commit-config.yaml"


def hooks() -> list[dict[str, object]]:
    """Every hook of the config, after checking every repo is local."""
    config = yaml.safe_load(CONFIG.read_text())
    repos = config["repos"]
    assert [repo["repo"] for repo in repos] == ["local"] * len(repos), (
        "a remote hook repo would be fetched from the network"
    )
    return [hook for repo in repos for hook in repo["hooks"]]


def test_hooks_are_the_lint_checks_from_the_venv() -> None:
    """sqlfluff, ruff check, ruff format and check-yaml, each a venv binary."""
    found = hooks()
    assert {hook["id"] for hook in found} == {
        "check-yaml",
        "sqlfluff-lint",
        "ruff-check",
        "ruff-format",
    }
    venv_bin = Path(sys.executable).parent
    for hook in found:
        assert hook["language"] == "system", hook["id"]
        program = Path(shlex.split(str(hook["entry"]))[0])
        assert program.parts[:2] == (".venv", "bin"), hook["id"]
        assert (venv_bin / program.name).exists(), f"{program.name} is not installed"
