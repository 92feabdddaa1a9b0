"""Portability: engine differences live only in dispatch macros.

No model, test or analysis names an engine or branches on it; in macros,
only the bodies of dispatch implementations (``{% macro duckdb__...``,
``postgres__``, ``spark__``...) may. In YAML, only the type anchors that
map the contract's types to each engine's names may (dbt renders
data_type and column_types before macros exist). Unit test names fit
PostgreSQL's 63-character identifiers (dbt names a relation after them).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

PROJECT_DIR = Path(__file__).resolve().parents[1]
SQL_DIRS = ("models", "tests", "macros", "analyses")
YAML_DIRS = ("models", "seeds", "tests", "macros")
ENGINES = (
    "duckdb",
    "postgres",
    "postgresql",
    "spark",
    "databricks",
    "snowflake",
    "bigquery",
    "redshift",
    "trino",
)
# Letters around the name break a match, underscores do not: duckdb__x and
# spark_helper are mentions.
ENGINE_MENTION = re.compile(
    r"(?<![a-z])(" + "|".join(ENGINES) + r")(?![a-z])|target\.type|target\.method",
    re.IGNORECASE,
)
DISPATCH_IMPLEMENTATION = re.compile(
    r"{%-?\s*macro\s+(" + "|".join(ENGINES) + r")__.*?{%-?\s*endmacro\s*-?%}",
    re.DOTALL,
)
TYPE_ANCHOR = re.compile(r"^\s*[\w-]+:\s*&\w+\s+\"{{.*}}\"\s*$")
POSTGRES_IDENTIFIER_LIMIT = 63


def files(dirs: tuple[str, ...], *suffixes: str) -> list[Path]:
    return sorted(
        path
        for name in dirs
        for path in (PROJECT_DIR / name).rglob("*")
        if path.suffix in suffixes
    )


def engine_mentions(text: str) -> list[str]:
    """The lines of ``text`` that name an engine."""
    return [line.strip() for line in text.splitlines() if ENGINE_MENTION.search(line)]


def test_engines_are_named_only_inside_dispatch_macros() -> None:
    found = {}
    for path in files(SQL_DIRS, ".sql"):
        outside = DISPATCH_IMPLEMENTATION.sub("", path.read_text(encoding="utf-8"))
        if lines := engine_mentions(outside):
            found[str(path.relative_to(PROJECT_DIR))] = lines
    assert not found, f"engine named outside a dispatch macro: {found}"


# The macros' documentation (every macro described, for the coverage gate)
# names the dispatch implementations it describes.
MACRO_DOCS = PROJECT_DIR / "macros" / "_macros.yml"


def test_yaml_names_engines_only_in_type_anchors() -> None:
    found = {}
    for path in files(YAML_DIRS, ".yml", ".yaml"):
        if path == MACRO_DOCS:
            continue
        text = path.read_text(encoding="utf-8")
        lines = [
            line
            for line in text.splitlines()
            if ENGINE_MENTION.search(line) and not TYPE_ANCHOR.match(line)
        ]
        if lines:
            found[str(path.relative_to(PROJECT_DIR))] = lines
    assert not found, f"engine named outside a type anchor: {found}"


def test_the_check_sees_engine_names() -> None:
    """The two checks above are not vacuous."""
    macros = (PROJECT_DIR / "macros" / "text.sql").read_text(encoding="utf-8")
    assert engine_mentions(macros)
    assert not engine_mentions(DISPATCH_IMPLEMENTATION.sub("", macros))
    assert TYPE_ANCHOR.match(
        "  double: &double \"{{ 'double' if target.type == 'spark' else 'x' }}\""
    )


def test_unit_test_names_fit_postgres_identifiers() -> None:
    """A unit test's relation is its name, plus ``_v<version>`` when its
    model is versioned (the marts): it must fit PostgreSQL's 63 bytes."""
    documents = [
        yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for path in files(("models",), ".yml")
    ]
    suffixes = {
        model["name"]: max(len(f"_v{v['v']}") for v in model["versions"])
        for document in documents
        for model in document.get("models", [])
        if model.get("versions")
    }
    names = [
        (test["name"], len(test["name"]) + suffixes.get(test["model"], 0))
        for document in documents
        for test in document.get("unit_tests", [])
    ]
    assert names
    assert suffixes, "no versioned model found: the suffix check is vacuous"
    too_long = [n for n, length in names if length > POSTGRES_IDENTIFIER_LIMIT]
    assert not too_long, too_long
