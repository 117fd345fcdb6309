"""The shape of datapackage.json, checked before anything it names is read.

`descriptor_errors` says what is wrong with a parsed descriptor (wrong types, missing keys,
links to fields that do not exist), so the loader never indexes into a malformed one.
`unsafe_path_reason` refuses resource paths that could leave the data folder. Both return
messages and read no file; `ca_trade.data` turns them into `DataError`s.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

FIELD_TYPES = frozenset({"string", "integer", "number", "boolean", "date"})
# The loader reads CSV text; frictionless decodes with the declared encoding (default UTF-8).
TABLE_FORMATS = frozenset({"csv"})
DEFAULT_ENCODING = "utf-8"
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def unsafe_path_reason(path: str) -> str | None:
    """Return why a resource path may not be read from the data folder, or None if it may.

    Paths are relative, in POSIX form, and stay below the folder: no URL, no absolute or
    drive path, no `..`, no backslash. Symbolic links are checked by the loader, which sees
    the file system.
    """
    if not path.strip():
        return "is empty"
    if _URL.match(path) or path.startswith("//"):
        return "is a URL; the app reads only files inside its data folder"
    if "\\" in path or PureWindowsPath(path).drive:
        return "is not a relative path with '/' separators"
    if PurePosixPath(path).is_absolute():
        return "is absolute; give it relative to the data folder"
    if ".." in PurePosixPath(path).parts:
        return "contains '..'; resources stay inside the data folder"
    return None


def _names(value: Any) -> list[str] | None:
    """A field reference as a list of names (a name or a list of names), or None if malformed."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return value
    return None


def _constraint_errors(where: str, kind: str, constraints: Any) -> list[str]:
    if not isinstance(constraints, Mapping):
        return [f"{where}: 'constraints' must be an object"]
    errors = [
        f"{where}: constraint '{flag}' must be true or false"
        for flag in ("required", "unique")
        if flag in constraints and not isinstance(constraints[flag], bool)
    ]
    numeric = kind in {"integer", "number"}
    for bound in ("minimum", "maximum"):
        value = constraints.get(bound)
        if value is None:
            continue
        if not numeric or isinstance(value, bool) or not isinstance(value, int | float):
            errors.append(f"{where}: constraint '{bound}' needs a numeric field and a number")
    enum = constraints.get("enum")
    if enum is not None and not isinstance(enum, list):
        errors.append(f"{where}: constraint 'enum' must be a list")
    pattern = constraints.get("pattern")
    if pattern is not None:
        try:
            re.compile(pattern)
        except (re.error, TypeError):
            errors.append(f"{where}: constraint 'pattern' is not a regular expression")
    return errors


def _schema_errors(where: str, schema: Any) -> tuple[list[str], list[str]]:
    """Return (errors, field names) of one resource's table schema."""
    if not isinstance(schema, Mapping):
        return [f"{where}: 'schema' must be an object"], []
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        return [f"{where}: 'schema.fields' must be a non-empty list"], []
    errors: list[str] = []
    names: list[str] = []
    for index, field in enumerate(fields, start=1):
        if not isinstance(field, Mapping) or not isinstance(field.get("name"), str):
            errors.append(f"{where}: field {index} must be an object with a 'name' (a string)")
            continue
        name = field["name"]
        at = f"{where}, field '{name}'"
        if name in names:
            errors.append(f"{at}: the name appears more than once")
        names.append(name)
        kind = field.get("type", "string")
        if kind not in FIELD_TYPES:
            errors.append(f"{at}: type {kind!r} is not one of {', '.join(sorted(FIELD_TYPES))}")
            continue
        if "constraints" in field:
            errors.extend(_constraint_errors(at, kind, field["constraints"]))
    primary = schema.get("primaryKey")
    if primary is not None:
        columns = _names(primary)
        if columns is None or not set(columns) <= set(names):
            errors.append(f"{where}: 'primaryKey' must name fields of the schema")
    return errors, names


def csv_dialect(resource: Mapping[str, Any]) -> dict[str, str]:
    """Return the resource's CSV `delimiter` and `quoteChar` (Data Package v1 or v2 dialect)."""
    dialect = resource.get("dialect", {})
    dialect = dialect.get("csv", dialect) if isinstance(dialect, Mapping) else {}
    return {"delimiter": dialect.get("delimiter", ","), "quotechar": dialect.get("quoteChar", '"')}


def _dialect_errors(where: str, resource: Mapping[str, Any]) -> list[str]:
    if not isinstance(resource.get("dialect", {}), Mapping):
        return [f"{where}: 'dialect' must be an object"]
    return [
        f"{where}: dialect {key!r} must be one character"
        for key, value in csv_dialect(resource).items()
        if not isinstance(value, str) or len(value) != 1
    ]


def _foreign_key_errors(
    name: str, schema: Mapping[str, Any], fields: Mapping[str, list[str]]
) -> list[str]:
    where = f"resource '{name}'"
    foreign_keys = schema.get("foreignKeys", [])
    if not isinstance(foreign_keys, list):
        return [f"{where}: 'foreignKeys' must be a list"]
    errors: list[str] = []
    own = fields[name]
    for index, foreign in enumerate(foreign_keys, start=1):
        at = f"{where}, foreign key {index}"
        reference = foreign.get("reference") if isinstance(foreign, Mapping) else None
        columns = _names(foreign.get("fields")) if isinstance(foreign, Mapping) else None
        if not isinstance(reference, Mapping) or columns is None:
            errors.append(f"{at}: needs 'fields' and a 'reference' object")
            continue
        target = reference.get("resource")
        target_columns = _names(reference.get("fields"))
        if not isinstance(target, str) or target not in fields:
            errors.append(f"{at}: refers to resource {target!r}, which is not described")
        elif target_columns is None or len(target_columns) != len(columns):
            errors.append(f"{at}: 'reference.fields' must match 'fields' in number")
        elif not set(columns) <= set(own) or not set(target_columns) <= set(fields[target]):
            errors.append(f"{at}: names a field that its schema does not have")
    return errors


def descriptor_errors(descriptor: Any) -> list[str]:
    """Return what is wrong with the structure of a parsed datapackage.json (empty: nothing).

    Checked: the top level is an object with a non-empty `resources` list; every resource has
    a unique `name`, a safe `path`, an optional `format` (CSV only), `encoding` (a string) and
    CSV `dialect`,
    and a `schema` whose fields have names, supported types and well-formed constraints; keys
    name existing fields and resources.
    """
    if not isinstance(descriptor, Mapping):
        return ["must be a JSON object"]
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        return ["'resources' must be a non-empty list"]
    errors: list[str] = []
    fields: dict[str, list[str]] = {}
    schemas: dict[str, Mapping[str, Any]] = {}
    for index, resource in enumerate(resources, start=1):
        if not isinstance(resource, Mapping) or not isinstance(resource.get("name"), str):
            errors.append(f"resource {index} must be an object with a 'name' (a string)")
            continue
        where = f"resource '{resource['name']}'"
        if resource["name"] in fields:
            errors.append(f"{where}: the name appears more than once")
            continue
        path = resource.get("path")
        if not isinstance(path, str):
            errors.append(f"{where}: 'path' must be a string (one file)")
        elif (reason := unsafe_path_reason(path)) is not None:
            errors.append(f"{where}: path {path!r} {reason}")
        table_format = resource.get("format", "csv")
        if not isinstance(table_format, str) or table_format.lower() not in TABLE_FORMATS:
            errors.append(f"{where}: format {table_format!r} is not supported; the app reads CSV")
        if not isinstance(resource.get("encoding", DEFAULT_ENCODING), str):
            errors.append(f"{where}: 'encoding' must be a string such as 'utf-8'")
        errors.extend(_dialect_errors(where, resource))
        schema_errors, names = _schema_errors(where, resource.get("schema"))
        errors.extend(schema_errors)
        fields[resource["name"]] = names
        if not schema_errors:
            schemas[resource["name"]] = resource["schema"]
    for name, schema in schemas.items():
        errors.extend(_foreign_key_errors(name, schema, fields))
    return errors
