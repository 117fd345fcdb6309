"""A data folder cannot be turned against the server: paths, malformed descriptors, formats."""

from __future__ import annotations

import io
import json
import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import frictionless
import pytest

from ca_trade.data import DESCRIPTOR_NAME, DataError, load_trade_data, package_files
from ca_trade.export import data_zip
from ca_trade.paths import PROJECT_ROOT

FIXTURES = Path(__file__).parent / "data"
DESCRIPTOR = PROJECT_ROOT / "data" / DESCRIPTOR_NAME
Descriptor = dict[str, Any]
RESOURCE_NAMES = [
    r["name"] for r in json.loads(DESCRIPTOR.read_text(encoding="utf-8"))["resources"]
]


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of the tiny valid package, described by the real datapackage.json, in a subfolder
    whose parent holds a file that must stay unreachable."""
    (tmp_path / "secret.txt").write_text("root:x:0:0\n", encoding="utf-8")
    folder = tmp_path / "package"
    shutil.copytree(FIXTURES / "valid", folder)
    shutil.copy(DESCRIPTOR, folder / DESCRIPTOR_NAME)
    return folder


def describe(folder: Path, change: Callable[[Descriptor], object]) -> None:
    """Rewrite the package's descriptor through `change` (which edits it in place)."""
    path = folder / DESCRIPTOR_NAME
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor), encoding="utf-8")


def resource(descriptor: Descriptor, name: str) -> Descriptor:
    found: Descriptor = next(r for r in descriptor["resources"] if r["name"] == name)
    return found


def messages_of(folder: Path) -> list[str]:
    """Load the package, expecting a DataError, and return its problems as text."""
    with pytest.raises(DataError) as caught:
        load_trade_data(folder)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("../../etc/passwd", "contains '..'"),
        ("../secret.txt", "contains '..'"),
        ("./../secret.txt", "contains '..'"),
        ("/etc/passwd", "is absolute"),
        ("file:///etc/passwd", "is a URL"),
        ("https://example.org/countries.csv", "is a URL"),
        ("//example.org/countries.csv", "is a URL"),
        ("..\\secret.txt", "is not a relative path with '/' separators"),
        ("C:/Windows/win.ini", "is a URL"),
        ("", "is empty"),
    ],
)
def test_resource_path_leaving_the_folder_is_refused(package: Path, path: str, reason: str) -> None:
    describe(package, lambda d: resource(d, "countries").update(path=path))
    (message,) = messages_of(package)
    assert message == f"datapackage.json: resource 'countries': path {path!r} {reason}" + (
        {
            "contains '..'": "; resources stay inside the data folder",
            "is absolute": "; give it relative to the data folder",
            "is a URL": "; the app reads only files inside its data folder",
        }.get(reason, "")
    )


def test_symbolic_link_out_of_the_folder_is_refused(package: Path) -> None:
    (package / "countries.csv").unlink()
    (package / "countries.csv").symlink_to(package.parent / "secret.txt")
    (message,) = messages_of(package)
    assert message == (
        "datapackage.json: resource 'countries': path 'countries.csv' "
        "is a link to a file outside the data folder"
    )


def test_symbolic_link_inside_the_folder_is_read(package: Path) -> None:
    (package / "kept").mkdir()
    (package / "countries.csv").rename(package / "kept" / "countries.csv")
    (package / "countries.csv").symlink_to(package / "kept" / "countries.csv")
    assert list(load_trade_data(package).countries["iso3"])[:2] == ["KAZ", "KGZ"]


def test_descriptor_linked_from_outside_is_refused(package: Path) -> None:
    outside = package.parent / "elsewhere.json"
    (package / DESCRIPTOR_NAME).rename(outside)
    (package / DESCRIPTOR_NAME).symlink_to(outside)
    assert messages_of(package) == ["datapackage.json: is a link to a file outside the folder"]


def _drop(key: str) -> Callable[[Descriptor], object]:
    return lambda d: resource(d, "countries").pop(key)


def _field(name: str, **changes: object) -> Callable[[Descriptor], object]:
    def change(d: Descriptor) -> None:
        fields = resource(d, "countries")["schema"]["fields"]
        next(f for f in fields if f["name"] == name).update(changes)

    return change


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.clear() or d.update(resources={}), "'resources' must be a non-empty list"),
        (lambda d: d.pop("resources"), "'resources' must be a non-empty list"),
        (lambda d: d["resources"].append("sources.csv"), f"resource {len(RESOURCE_NAMES) + 1} must be an object with a 'name'"),
        (lambda d: resource(d, "events").pop("name"), f"resource {RESOURCE_NAMES.index('events') + 1} must be an object with a 'name'"),
        (lambda d: resource(d, "events").update(name="sources"), "resource 'sources': the name appears more than once"),
        (_drop("path"), "resource 'countries': 'path' must be a string (one file)"),
        (lambda d: resource(d, "countries").update(path=["a.csv", "b.csv"]), "resource 'countries': 'path' must be a string"),
        (_drop("schema"), "resource 'countries': 'schema' must be an object"),
        (lambda d: resource(d, "countries").update(schema={"fields": {}}), "'schema.fields' must be a non-empty list"),
        (lambda d: resource(d, "countries")["schema"]["fields"].append(7), "field 7 must be an object with a 'name'"),
        (_field("label_lat", type="geopoint"), "field 'label_lat': type 'geopoint' is not one of"),
        (_field("label_lat", constraints={"minimum": "35"}), "field 'label_lat': constraint 'minimum' needs a numeric field"),
        (_field("name", constraints={"minimum": 1}), "field 'name': constraint 'minimum' needs a numeric field"),
        (_field("name", constraints={"required": "yes"}), "field 'name': constraint 'required' must be true or false"),
        (_field("name", constraints={"enum": "KAZ"}), "field 'name': constraint 'enum' must be a list"),
        (_field("name", constraints={"pattern": "(["}), "field 'name': constraint 'pattern' is not a regular expression"),
        (_field("name", constraints=["required"]), "field 'name': 'constraints' must be an object"),
        (lambda d: resource(d, "countries")["schema"].update(primaryKey=["code"]), "resource 'countries': 'primaryKey' must name fields"),
        (lambda d: resource(d, "events")["schema"].update(foreignKeys={}), "resource 'events': 'foreignKeys' must be a list"),
        (lambda d: resource(d, "events")["schema"]["foreignKeys"][0].pop("reference"), "resource 'events', foreign key 1: needs 'fields' and a 'reference'"),
        (lambda d: resource(d, "events")["schema"]["foreignKeys"][0]["reference"].update(resource="publications"), "refers to resource 'publications', which is not described"),
        (lambda d: resource(d, "events")["schema"]["foreignKeys"][0]["reference"].update(fields=["a", "b"]), "'reference.fields' must match 'fields' in number"),
        (lambda d: resource(d, "events")["schema"]["foreignKeys"][0].update(fields="sources_id"), "names a field that its schema does not have"),
        (lambda d: resource(d, "countries").update(encoding=8), "resource 'countries': 'encoding' must be a string"),
        (lambda d: resource(d, "countries").update(dialect=";"), "resource 'countries': 'dialect' must be an object"),
        (lambda d: resource(d, "countries").update(dialect={"delimiter": ";;"}), "dialect 'delimiter' must be one character"),
    ],
)  # fmt: skip
def test_malformed_descriptor_says_what_is_wrong(
    package: Path, change: Callable[[Descriptor], object], expected: str
) -> None:
    describe(package, change)
    (message,) = messages_of(package)
    assert message.startswith("datapackage.json: ")
    assert expected in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{not json", "datapackage.json: is not valid JSON: Expecting property name"),
        ("[1, 2]", "datapackage.json: must be a JSON object"),
        ('"resources"', "datapackage.json: must be a JSON object"),
        ("", "datapackage.json: is not valid JSON: Expecting value"),
    ],
)
def test_descriptor_that_is_not_a_json_object(package: Path, text: str, expected: str) -> None:
    (package / DESCRIPTOR_NAME).write_text(text, encoding="utf-8")
    (message,) = messages_of(package)
    assert message.startswith(expected)


FORMAT_CASES = sorted(p.name for p in (FIXTURES / "formats").iterdir())


def _package_with(folder: Path, case: str) -> Path:
    """Lay the format fixture `case` over the valid package: its files and descriptor changes."""
    overlay = FIXTURES / "formats" / case
    changes = json.loads((overlay / "resources.json").read_text(encoding="utf-8"))
    for name, values in changes.items():
        describe(folder, lambda d, name=name, values=values: resource(d, name).update(values))
    for path in overlay.glob("*.csv"):
        shutil.copy(path, folder / path.name)
    return folder


# frictionless leaves a file open when the declared encoding is unknown.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("case", FORMAT_CASES)
def test_loader_and_frictionless_agree_on_format_and_encoding(package: Path, case: str) -> None:
    folder = _package_with(package, case)
    try:
        load_trade_data(folder)
        loads = True
    except DataError:
        loads = False
    report = frictionless.validate(str(folder / DESCRIPTOR_NAME))
    assert (loads, report.valid) == (case.startswith("valid-"),) * 2


def test_format_fixtures_cover_both_verdicts() -> None:
    verdicts = [case.split("-")[0] for case in FORMAT_CASES]
    assert (verdicts.count("valid"), verdicts.count("invalid")) == (3, 6)


def test_data_zip_holds_exactly_the_package_and_its_readme(package: Path, tmp_path: Path) -> None:
    (package / "notes.csv").write_text("private,notes\n", encoding="utf-8")
    (package / ".env").write_text("TOKEN=x\n", encoding="utf-8")
    (package / "README.md").write_text("# maintainers' readme\n", encoding="utf-8")
    archive = zipfile.ZipFile(io.BytesIO(data_zip(package, "# Readme of the download")))
    described = {r["path"] for r in json.loads(DESCRIPTOR.read_text(encoding="utf-8"))["resources"]}
    assert set(archive.namelist()) == {DESCRIPTOR_NAME, "README.md", *described}
    assert archive.read("README.md") == b"# Readme of the download"
    archive.extractall(tmp_path / "unzipped")
    assert len(load_trade_data(tmp_path / "unzipped").countries) == 5


def test_data_zip_refuses_a_resource_that_leaves_the_folder(package: Path) -> None:
    describe(package, lambda d: resource(d, "countries").update(path="../secret.txt"))
    with pytest.raises(DataError, match="resource 'countries'"):
        data_zip(package, "# Readme")


def test_package_files_name_every_resource_inside_the_folder(package: Path) -> None:
    files = package_files(package)
    assert len(files) == len(RESOURCE_NAMES) + 1  # and datapackage.json
    assert all(path.resolve().parent == package.resolve() for path in files.values())
    assert os.path.basename(files["trade_flows.csv"]) == "trade_flows.csv"
