"""Check the data package before a commit: validate it, show its coverage and what changed.

Usage: python scripts/data_release.py [--since GIT_REF] [--first-year 2016]

1. Loads the package with the app's own loader (every problem listed, exit status 1) and checks
   that the declared `cutoff` in datapackage.json is the newest source's publication date and
   that data/CHANGELOG.md has a section for the declared version.
2. Prints the coverage grid of bilateral values: one line per pair, one column per year.
3. Prints the rows added, changed and removed in each CSV since the previous release (the newest
   commit whose datapackage.json declares another version), or since `--since`.

It reads only: nothing under data/ is ever written.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ca_trade.data import DataError, TradeData, load_trade_data
from ca_trade.flows import coverage, turnover_candidates
from ca_trade.paths import PROJECT_ROOT

DATA = PROJECT_ROOT / "data"
CHANGELOG = DATA / "CHANGELOG.md"
# One character per coverage status, most complete first; a gap is a dot.
COVERAGE_MARKS = {"both_sides": "B", "one_side": "1", "unspecified_only": "u", "partial_only": "p"}
GAP_MARK = "."


@dataclass(frozen=True)
class TableChanges:
    """Rows of one CSV added, changed and removed, by primary key."""

    name: str
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]


def primary_keys(descriptor: Mapping[str, Any]) -> dict[str, list[str]]:
    """Return file name -> primary-key columns, from the package descriptor."""
    keys: dict[str, list[str]] = {}
    for resource in descriptor["resources"]:
        key = resource["schema"]["primaryKey"]
        keys[resource["path"]] = [key] if isinstance(key, str) else list(key)
    return keys


def rows_by_key(text: str, key: Sequence[str]) -> dict[str, dict[str, str]]:
    """Return the rows of a CSV text by their key ('a|b' for a key of several columns)."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return {"|".join(row[column] for column in key): row for row in reader}


def table_changes(name: str, old_text: str, new_text: str, key: Sequence[str]) -> TableChanges:
    """Compare two versions of one CSV by primary key.

    A row is changed when any of its cells differs; a column added or removed changes every row
    that has a value in it.
    """
    old, new = rows_by_key(old_text, key), rows_by_key(new_text, key)
    changed = [
        row_id
        for row_id in new
        if row_id in old
        and {c: v for c, v in new[row_id].items() if v}
        != {c: v for c, v in old[row_id].items() if v}
    ]
    return TableChanges(
        name=name,
        added=tuple(row_id for row_id in new if row_id not in old),
        changed=tuple(changed),
        removed=tuple(row_id for row_id in old if row_id not in new),
    )


def coverage_grid(data: TradeData, first_year: int, last_year: int) -> list[str]:
    """Return the coverage grid as lines of text: a header of years, then one line per pair."""
    cells = coverage(turnover_candidates(data.trade_flows, data.countries), data.countries)
    status = {
        (int(row["year"]), str(row["country_a"]), str(row["country_b"])): str(row["status"])
        for row in cells.to_dict("records")
    }
    years = range(first_year, last_year + 1)
    codes = [str(code) for code in data.countries["iso3"]]
    pairs = [(a, b) for i, a in enumerate(codes) for b in codes[i + 1 :]]
    lines = ["pair     " + " ".join(str(year)[2:] for year in years)]
    for a, b in pairs:
        marks = [COVERAGE_MARKS.get(status.get((year, a, b), ""), GAP_MARK) for year in years]
        lines.append(f"{a}-{b}  " + " ".join(f" {mark}" for mark in marks))
    lines.append(
        "B both sides, 1 one side, u reporter unstated, p part of the year only, . nothing"
    )
    return lines


def git(*arguments: str) -> str:
    """Run git in the project and return its output; raise if git fails."""
    return subprocess.run(
        ["git", "-C", str(PROJECT_ROOT), *arguments], check=True, capture_output=True, text=True
    ).stdout


def previous_release(version: str) -> str | None:
    """Return the newest commit touching data/ whose datapackage.json declares another version:
    the last state of the previous release."""
    for commit in git("log", "--format=%H", "--", "data").split():
        descriptor = json.loads(git("show", f"{commit}:data/datapackage.json"))
        if descriptor.get("version") != version:
            return commit
    return None


def changes_since(ref: str, descriptor: Mapping[str, Any]) -> list[TableChanges]:
    """Compare every CSV of the package in the working tree with its version at `ref`."""
    changes = []
    for name, key in primary_keys(descriptor).items():
        try:
            old = git("show", f"{ref}:data/{name}")
        except subprocess.CalledProcessError:
            old = ",".join(key) + "\n"
        new = (DATA / name).read_text(encoding="utf-8")
        changes.append(table_changes(name, old, new, key))
    return changes


def release_problems(data: TradeData, descriptor: Mapping[str, Any], changelog: str) -> list[str]:
    """Return what is inconsistent in the release: declared cutoff, changelog section."""
    problems = []
    newest = data.sources["published"].max()
    declared = descriptor.get("cutoff")
    if declared != newest.date().isoformat():
        problems.append(
            f"datapackage.json declares cutoff {declared!r}, but the newest source in "
            f"sources.csv was published on {newest.date().isoformat()}"
        )
    version = descriptor.get("version")
    if f"## {version} " not in changelog and f"## {version}\n" not in changelog:
        problems.append(f"data/CHANGELOG.md has no section '## {version}' for this release")
    return problems


def main() -> int:
    """Validate, print the coverage grid and the changes; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--since", help="git ref to compare with (default: previous release)")
    parser.add_argument("--first-year", type=int, default=2016)
    options = parser.parse_args()
    try:
        data = load_trade_data(DATA)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    descriptor = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    changelog = CHANGELOG.read_text(encoding="utf-8") if CHANGELOG.is_file() else ""
    problems = release_problems(data, descriptor, changelog)
    print(f"Data package {descriptor.get('version')}, cutoff {descriptor.get('cutoff')}: ", end="")
    print("valid." if not problems else "INCONSISTENT:")
    for problem in problems:
        print(f"- {problem}")
    last_year = int(data.trade_flows["year"].max())
    print("\nCoverage of bilateral values (full year unless p):")
    print("\n".join(coverage_grid(data, options.first_year, last_year)))
    ref = options.since or previous_release(str(descriptor.get("version")))
    if ref is None:
        print("\nNo earlier release in the history to compare with.")
    else:
        print(f"\nChanges since {ref[:12]}:")
        for change in changes_since(ref, descriptor):
            if change.added or change.changed or change.removed:
                print(
                    f"- {change.name}: {len(change.added)} added, {len(change.changed)} changed, "
                    f"{len(change.removed)} removed"
                )
                for label, ids in (
                    ("added", change.added),
                    ("changed", change.changed),
                    ("removed", change.removed),
                ):
                    for row_id in ids:
                        print(f"    {label}: {row_id}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
