"""Load the data package (CSV files described by datapackage.json) into validated frames.

This is the only module that reads files. Validation is driven by the package descriptor, so the
contract lives in one place: `data/datapackage.json`. Every problem found is collected and raised
together as one `DataError` naming file, row (as numbered in the file, header = row 1), column
and what is wrong. Nothing is returned half-loaded.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from ca_trade.descriptor import DEFAULT_ENCODING, csv_dialect, descriptor_errors
from ca_trade.paths import DATA_DIR_ENV, data_dir

DESCRIPTOR_NAME = "datapackage.json"
_UTF8_BOM = b"\xef\xbb\xbf"
_TRUE_WORDS = frozenset({"true", "True", "TRUE", "1"})
_FALSE_WORDS = frozenset({"false", "False", "FALSE", "0"})


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the data package, located as precisely as possible."""

    file: str
    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class DataError(Exception):
    """The data package is invalid; `problems` lists every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        lines = "\n".join(f"- {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the data package:\n{lines}")


@dataclass(frozen=True)
class TradeData:
    """All frames of the data package, validated. Units are in the column names."""

    sources: pd.DataFrame
    countries: pd.DataFrame
    trade_totals: pd.DataFrame
    trade_flows: pd.DataFrame
    targets: pd.DataFrame
    events: pd.DataFrame
    projects: pd.DataFrame
    project_routes: pd.DataFrame
    project_sources: pd.DataFrame
    assumptions: pd.DataFrame
    scenario_settings: pd.DataFrame
    scenario_parameters: pd.DataFrame


_REQUIRED_RESOURCES = tuple(TradeData.__dataclass_fields__)


@dataclass
class _ParsedTable:
    """Cells of one CSV converted to Python values, with the file line of each record."""

    cells: dict[str, list[Any]]
    lines: list[int]


def _parse_cell(raw: str, field: Mapping[str, Any]) -> tuple[Any, str | None]:
    """Convert one non-empty cell to its field type; return (value, error message or None)."""
    kind = field.get("type", "string")
    try:
        if kind == "integer":
            return int(raw), None
        if kind == "number":
            number = float(raw)
            if number != number:  # NaN spelled out in a cell is not a figure
                raise ValueError(raw)
            return number, None
        if kind == "date":
            return date.fromisoformat(raw), None
    except ValueError:
        expected = {"integer": "an integer", "number": "a number", "date": "a date (YYYY-MM-DD)"}
        return None, f"{raw!r} is not {expected[kind]}"
    if kind == "boolean":
        if raw in _TRUE_WORDS:
            return True, None
        if raw in _FALSE_WORDS:
            return False, None
        return None, f"{raw!r} is not a boolean (true or false)"
    return raw, None


def _constraint_errors(value: Any, constraints: Mapping[str, Any]) -> list[str]:
    """Return what `value` (already typed, not missing) violates among the field constraints."""
    errors: list[str] = []
    enum = constraints.get("enum")
    if enum is not None and value not in enum:
        errors.append(f"{value!r} is not one of {', '.join(map(str, enum))}")
    minimum = constraints.get("minimum")
    if minimum is not None and value < minimum:
        errors.append(f"{value!r} is below the minimum {minimum}")
    maximum = constraints.get("maximum")
    if maximum is not None and value > maximum:
        errors.append(f"{value!r} is above the maximum {maximum}")
    pattern = constraints.get("pattern")
    if pattern is not None and not re.fullmatch(pattern, str(value)):
        errors.append(f"{value!r} does not match the pattern {pattern}")
    return errors


def _decode(path: Path, encoding: str, problems: list[Problem]) -> str | None:
    """Read a file in the resource's declared encoding; record a problem and return None where
    it cannot be. A UTF-8 byte-order mark is dropped, as `frictionless validate` does.
    """
    name = path.name
    if not path.is_file():
        problems.append(Problem(name, "file is missing"))
        return None
    try:
        codec = codecs.lookup(encoding)
    except LookupError:
        problems.append(Problem(name, f"encoding {encoding!r} is unknown"))
        return None
    content = path.read_bytes()
    if codec.name == "utf-8" and content.startswith(_UTF8_BOM):
        content = content[len(_UTF8_BOM) :]
    try:
        text = content.decode(codec.name)
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        wanted = encoding.upper()
        message = f"not {wanted} (byte {error.start}); save the file as {wanted}"
        problems.append(Problem(name, message, row=line))
        return None
    if not text.strip():
        problems.append(Problem(name, "file is empty: it needs at least a header row"))
        return None
    return text


def _parse_table(
    path: Path, resource: Mapping[str, Any], problems: list[Problem]
) -> _ParsedTable | None:
    """Parse and type-check one CSV against its schema; append problems, return None on failure."""
    text = _decode(path, resource.get("encoding", DEFAULT_ENCODING), problems)
    if text is None:
        return None
    name = path.name
    fields: list[Mapping[str, Any]] = resource["schema"]["fields"]
    expected = [f["name"] for f in fields]
    dialect = csv_dialect(resource)
    reader = csv.reader(
        io.StringIO(text, newline=""),
        strict=True,
        delimiter=dialect["delimiter"],
        quotechar=dialect["quotechar"],
    )
    try:
        header = next(reader)
    except csv.Error as error:
        problems.append(Problem(name, f"header cannot be read as CSV: {error}", row=1))
        return None
    before = len(problems)
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    problems.extend(Problem(name, "required column is missing", row=1, column=c) for c in missing)
    problems.extend(
        Problem(name, "unexpected column (not in datapackage.json)", row=1, column=c) for c in extra
    )
    duplicated = {c for c in header if header.count(c) > 1}
    problems.extend(
        Problem(name, "column appears more than once", row=1, column=c) for c in sorted(duplicated)
    )
    if len(problems) > before:
        return None

    position = {column: header.index(column) for column in expected}
    values: dict[str, list[Any]] = {column: [] for column in expected}
    lines: list[int] = []
    previous_end = 1
    try:
        for record in reader:
            line = previous_end + 1
            previous_end = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if len(record) != len(header):
                cells = f"has {len(record)} cells, the header has {len(header)}"
                problems.append(Problem(name, cells, row=line))
                continue
            lines.append(line)
            for field in fields:
                column = field["name"]
                raw = record[position[column]].strip()
                constraints = field.get("constraints", {})
                if raw == "":
                    if constraints.get("required"):
                        problems.append(
                            Problem(name, "value is required but empty", row=line, column=column)
                        )
                    values[column].append(None)
                    continue
                value, type_error = _parse_cell(raw, field)
                if type_error is not None:
                    problems.append(Problem(name, type_error, row=line, column=column))
                else:
                    problems.extend(
                        Problem(name, message, row=line, column=column)
                        for message in _constraint_errors(value, constraints)
                    )
                values[column].append(value)
    except csv.Error as error:
        problems.append(Problem(name, f"cannot be read as CSV: {error}", row=previous_end + 1))
        return None
    return _ParsedTable(cells=values, lines=lines)


def _columns(names: str | list[str]) -> list[str]:
    """A field reference of a checked descriptor (a name or a list of names) as a list."""
    return [names] if isinstance(names, str) else list(names)


def _keyed_rows(table: _ParsedTable, columns: list[str]) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """Yield (file line, values of `columns`) of each record that has all of them."""
    keys = zip(*(table.cells[c] for c in columns), strict=True)
    for line, key in zip(table.lines, keys, strict=True):
        if None not in key:
            yield line, key


def _check_keys(
    name: str, schema: Mapping[str, Any], table: _ParsedTable, problems: list[Problem]
) -> None:
    """Record duplicate values of unique fields and of the primary key."""
    keys = [[f["name"]] for f in schema["fields"] if f.get("constraints", {}).get("unique")]
    primary = _columns(schema.get("primaryKey") or [])
    if primary and primary not in keys:
        keys.append(primary)
    for columns in keys:
        first: dict[tuple[Any, ...], int] = {}
        for line, key in _keyed_rows(table, columns):
            if key in first:
                message = f"duplicate key {', '.join(map(str, key))!r} (first on row {first[key]})"
                problems.append(Problem(name, message, row=line, column=", ".join(columns)))
            first.setdefault(key, line)


def _check_foreign_keys(
    resources: Mapping[str, Mapping[str, Any]],
    tables: Mapping[str, _ParsedTable],
    problems: list[Problem],
) -> None:
    """Record references to rows that do not exist in the referenced resource."""
    for name, resource in resources.items():
        for foreign in resource["schema"].get("foreignKeys", []):
            columns = _columns(foreign["fields"])
            target = foreign["reference"]["resource"]
            target_columns = _columns(foreign["reference"]["fields"])
            existing = {key for _, key in _keyed_rows(tables[target], target_columns)}
            target_file = resources[target]["path"]
            for line, key in _keyed_rows(tables[name], columns):
                if key not in existing:
                    message = f"{', '.join(map(str, key))!r} does not exist in {target_file}"
                    problems.append(
                        Problem(resource["path"], message, row=line, column=", ".join(columns))
                    )


_PANDAS_DTYPES = {"integer": "Int64", "number": "float64", "boolean": "boolean", "string": "str"}


def _to_frame(schema: Mapping[str, Any], table: _ParsedTable) -> pd.DataFrame:
    """Build a typed frame: Int64 integers, float64 numbers, datetime64 dates, str strings."""
    columns: dict[str, pd.Series[Any]] = {}
    for field in schema["fields"]:
        column = field["name"]
        kind = field.get("type", "string")
        raw = table.cells[column]
        if kind == "date":
            columns[column] = pd.Series(pd.to_datetime(pd.Series(raw, dtype="object")), name=column)
        else:
            columns[column] = pd.Series(raw, dtype=_PANDAS_DTYPES.get(kind, "str"), name=column)
    return pd.DataFrame(columns)


def _inside(folder: Path, relative: str) -> Path | None:
    """Return `folder / relative` if it resolves (symbolic links followed) inside `folder`."""
    path = folder / relative
    return path if path.resolve().is_relative_to(folder.resolve()) else None


def read_descriptor(folder: Path) -> dict[str, Any]:
    """Read and check datapackage.json in `folder`.

    Raises:
        DataError: the file is missing, leaves the folder, is not JSON, or is malformed (each
            problem named: a missing key, a wrong type, a resource path that leaves the folder).
    """
    path = _inside(folder, DESCRIPTOR_NAME)
    try:
        if path is None:
            raise DataError([Problem(DESCRIPTOR_NAME, "is a link to a file outside the folder")])
        descriptor: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        hint = f"set {DATA_DIR_ENV} to the folder of the data package"
        raise DataError([Problem(DESCRIPTOR_NAME, f"not found in {folder}; {hint}")]) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DataError([Problem(DESCRIPTOR_NAME, f"is not valid JSON: {error}")]) from None
    except OSError as error:
        raise DataError([Problem(DESCRIPTOR_NAME, f"cannot be read: {error}")]) from None
    errors = descriptor_errors(descriptor)
    if errors:
        raise DataError(Problem(DESCRIPTOR_NAME, message) for message in errors)
    return descriptor


def resource_files(folder: Path, descriptor: Mapping[str, Any]) -> dict[str, Path]:
    """Return resource name -> file for a checked descriptor, every file inside `folder`.

    Raises:
        DataError: naming each resource whose path is a symbolic link leading out of `folder`.
    """
    files: dict[str, Path] = {}
    problems: list[Problem] = []
    for resource in descriptor["resources"]:
        path = _inside(folder, resource["path"])
        if path is None:
            where = f"resource '{resource['name']}': path {resource['path']!r}"
            message = f"{where} is a link to a file outside the data folder"
            problems.append(Problem(DESCRIPTOR_NAME, message))
        else:
            files[resource["name"]] = path
    if problems:
        raise DataError(problems)
    return files


def package_files(folder: Path | None = None) -> dict[str, Path]:
    """Return every file of the package (datapackage.json and each resource, nothing else in
    the folder) by its name in it; DataError as `read_descriptor` and `resource_files` raise."""
    folder = folder or data_dir()
    descriptor = read_descriptor(folder)
    files = resource_files(folder, descriptor)
    by_path = {r["path"]: files[r["name"]] for r in descriptor["resources"]}
    return {DESCRIPTOR_NAME: folder / DESCRIPTOR_NAME, **by_path}


def load_trade_data(folder: Path | None = None) -> TradeData:
    """Load and validate every resource of the package in `folder` (default `paths.data_dir()`);
    DataError lists every problem found, each with file, row, column and message."""
    folder = folder or data_dir()
    descriptor = read_descriptor(folder)
    files = resource_files(folder, descriptor)
    resources = {r["name"]: r for r in descriptor["resources"]}
    problems: list[Problem] = [
        Problem(DESCRIPTOR_NAME, f"resource '{name}' is not described")
        for name in _REQUIRED_RESOURCES
        if name not in resources
    ]
    tables: dict[str, _ParsedTable] = {}
    for name, resource in resources.items():
        table = _parse_table(files[name], resource, problems)
        if table is not None:
            _check_keys(resource["path"], resource["schema"], table, problems)
            tables[name] = table
    if not problems:
        _check_foreign_keys(resources, tables, problems)
    if problems:
        raise DataError(problems)
    frames = {
        name: _to_frame(resources[name]["schema"], tables[name]) for name in _REQUIRED_RESOURCES
    }
    return TradeData(**frames)


def data_version(folder: Path | None = None) -> tuple[tuple[str, int, int], ...]:
    """Return (file name, modification time ns, size) for every file of the package: a cache key."""
    folder = folder or data_dir()
    return tuple(
        (path.name, path.stat().st_mtime_ns, path.stat().st_size)
        for path in sorted(folder.glob("*"))
        if path.is_file()
    )


CHANGELOG_NAME = "CHANGELOG.md"


def read_changelog(folder: Path | None = None) -> str:
    """Return the package's CHANGELOG.md (one section per release); empty if there is none or
    it is a link leading out of the folder."""
    path = _inside(folder or data_dir(), CHANGELOG_NAME)
    if path is None:
        return ""
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return ""
