"""Maintainer check: does `data/` still hold every fact of a research dossier?

Usage: `make dossier-check DOSSIER=path/to/research` (or `python scripts/dossier_check.py PATH`).

The dossier is outside material that a clone of this repository does not have, so this is a
script, not a test. It reads the dossier's `projects/projects.csv`, `trade/bilateral_trade.csv`
and `trade/regional_totals.csv`, and reports each dossier fact that `data/` lost. The data may
hold more than the dossier (later releases add rows); it may not hold less. Exit status 0: nothing lost; 1: facts lost;
2: the dossier or data folder cannot be read.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

DATA = Path(__file__).resolve().parents[1] / "data"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


Key = TypeVar("Key", bound=tuple[Any, ...])


def _missing(wanted: Iterable[Key], present: Iterable[Key]) -> list[Key]:
    """Items of `wanted` (counted with repeats) that `present` does not hold as often."""
    lost = Counter(wanted) - Counter(present)
    return sorted(lost.elements(), key=str)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def check_projects(dossier: Path, data: Path) -> list[str]:
    """Every dossier project id is a curated project, and no curated project is unknown to it."""
    dossier_ids = {row["id"] for row in _rows(dossier / "projects" / "projects.csv")}
    data_ids = {row["project_id"] for row in _rows(data / "projects.csv")}
    problems = [
        f"project '{i}' of the dossier is not in projects.csv"
        for i in sorted(dossier_ids - data_ids)
    ]
    problems += [
        f"project '{i}' is in projects.csv but not in the dossier"
        for i in sorted(data_ids - dossier_ids)
    ]
    return problems


def check_bilateral(dossier: Path, data: Path) -> list[str]:
    """Every dossier bilateral value (pair, year, reporter, USD million) is kept in trade_flows.csv."""

    def key(
        pair: tuple[str, str], year: str, reporter: str, value: str
    ) -> tuple[str, str, int, str, float]:
        return (*pair, int(year), reporter, float(value))

    wanted = [
        key(_pair(r["country_a"], r["country_b"]), r["year"], r["reporter"], r["value_usd_m"])
        for r in _rows(dossier / "trade" / "bilateral_trade.csv")
    ]
    present = [
        key(_pair(r["country"], r["partner"]), r["year"], r["reporter"], r["value_usd_m"])
        for r in _rows(data / "trade_flows.csv")
    ]
    return [
        f"bilateral value {pair_a}-{pair_b} {year} reported by {reporter}: {value:g} USD m is not in trade_flows.csv"
        for pair_a, pair_b, year, reporter, value in _missing(wanted, present)
    ]


def check_regional_totals(dossier: Path, data: Path) -> list[str]:
    """Every dossier region-wide figure (year, USD billion) is in trade_totals.csv."""
    wanted = [
        (int(r["year"]), float(r["value_usd_bn"]))
        for r in _rows(dossier / "trade" / "regional_totals.csv")
        if r["scope"].startswith("CA5")
    ]
    present = [
        (int(r["year"]), float(r["value_usd_bn"]))
        for r in _rows(data / "trade_totals.csv")
        if r["scope"] == "CA5"
    ]
    return [
        f"regional total {year} of {value:g} USD bn is not in trade_totals.csv"
        for year, value in _missing(wanted, present)
    ]


CHECKS = (check_projects, check_bilateral, check_regional_totals)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "dossier", type=Path, help="the research folder (projects/, trade/, scenario/)"
    )
    parser.add_argument(
        "--data", type=Path, default=DATA, help="the data package folder (default: data/)"
    )
    args = parser.parse_args(argv)
    problems: list[str] = []
    try:
        for check in CHECKS:
            found = check(args.dossier, args.data)
            print(
                f"{check.__name__.removeprefix('check_')}: {'ok' if not found else f'{len(found)} lost'}"
            )
            problems += found
    except (OSError, KeyError, ValueError) as error:
        print(f"cannot compare {args.dossier} with {args.data}: {error!r}", file=sys.stderr)
        return 2
    for problem in problems:
        print(f"- {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
