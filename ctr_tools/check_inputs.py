"""Check the six raw inputs before dbt runs, and say what to do if one is off.

dbt resolves ``ref()`` while it parses the project, before any hook or macro
of the project can run, and at that time no macro can see which seed files
exist. So a missing seed CSV stops every dbt command with dbt's own message
("Model '...stg_tracking__views' ... depends on a node named 'raw_views'
which was not found"), which names the input but not the fix. ``make build``,
``make run``, ``make test`` and ``make docs`` run this check first, which
names the missing or malformed file and what to do::

    python -m ctr_tools.check_inputs seeds

It checks that each of the contract's six seeds (section 1) exists as
``<dir>/<name>.csv`` and that its header row is the contract's columns, in
order. If ``raw_input()`` (macros/raw_input.sql) reads your own tables
instead of the seeds, skip it: ``make build CHECK_INPUTS=no``.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Sequence
from pathlib import Path

from ctr_tools.contract import RAW_COLUMNS as SEED_COLUMNS

WHAT_TO_DO = (
    "Run `make seeds` to write the sample data, put your export there, or "
    "point raw_input() in macros/raw_input.sql at your own table (then run "
    "make with CHECK_INPUTS=no)."
)


def header_of(path: Path) -> list[str]:
    """The first row of a CSV file (empty for an empty file)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle), [])


def input_problems(seeds_dir: Path) -> list[str]:
    """One message per raw input that is missing or has the wrong header."""
    problems = []
    for name, columns in SEED_COLUMNS.items():
        path = seeds_dir / f"{name}.csv"
        expected = ",".join(columns)
        if not path.is_file():
            problems.append(
                f"raw input {name} is missing: {path} does not exist; it must "
                f"be a CSV with the header {expected}."
            )
            continue
        header = header_of(path)
        if header != list(columns):
            problems.append(
                f"raw input {name} has the header {','.join(header) or '(none)'}"
                f" in {path}; the contract's columns are {expected}, in this "
                "order."
            )
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    """Print every problem and what to do; exit 1 when there is one."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds_dir", type=Path, nargs="?", default=Path("seeds"))
    args = parser.parse_args(argv)
    problems = input_problems(args.seeds_dir)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        print(WHAT_TO_DO, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
