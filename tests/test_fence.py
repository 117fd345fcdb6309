"""The fences ruff keeps: the core doesn't speak, and Streamlit stays in the interface.

Each case runs ruff on a snippet as if it were a file at a given path, so the test checks the
configuration the project actually uses (root pyproject.toml and the nested ruff.toml files).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from ca_trade.paths import PROJECT_ROOT

WORDS = {
    "ca_trade.i18n": "from ca_trade.i18n import t\n",
    "ca_trade.format": "from ca_trade.format import format_usd_bn\n",
    "ca_trade.present": "from ca_trade.present.flows import pair_label\n",
    "babel": "from babel.numbers import format_decimal\n",
    "babel, inside a function": "def f() -> None:\n    import babel\n",
}
STREAMLIT = "import streamlit as st\n"
DOMAIN = [
    "data.py",
    "progress.py",
    "flows.py",
    "estimate.py",
    "projects.py",
    "scenario/__init__.py",
    "scenario/params.py",
    "scenario/formulas.py",
    "scenario/effects.py",
    "scenario/path.py",
    "scenario/goals.py",
    "scenario/presets.py",
]
PRESENTATION = [
    "charts/overview.py",
    "present/progress.py",
    "present/projects.py",
    "present/scenario.py",
    "present/scenario_effects.py",
    "charts/scenario_projects.py",
    "report.py",
    "report_content.py",
    "format.py",
    "i18n.py",
    "export.py",
    "ui/pages/overview.py",
]


def fence_findings(source: str, path: str) -> list[tuple[int, str]]:
    """Return (line, TID code) of each finding ruff reports for `source` as the file at `path`
    (from the root)."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--no-cache",
            "--select",
            "TID251,TID253",
            "--output-format",
            "json",
            "--stdin-filename",
            path,
            "-",
        ],
        input=source,
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    return sorted((int(f["location"]["row"]), str(f["code"])) for f in json.loads(result.stdout))


def fence_codes(source: str, path: str) -> set[str]:
    """Return the TID codes ruff reports for `source` as the file at `path`."""
    return {code for _, code in fence_findings(source, path)}


@pytest.mark.parametrize("module", DOMAIN)
def test_a_domain_module_may_not_import_words(module: str) -> None:
    """Every banned import, one after the other in one file: each is refused on its own line."""
    source = "".join(WORDS.values())
    imports = [n for n, line in enumerate(source.splitlines(), 1) if "import" in line.split()]
    assert fence_findings(source, f"src/ca_trade/{module}") == [(n, "TID251") for n in imports]


@pytest.mark.parametrize("path", [*(f"src/ca_trade/{module}" for module in PRESENTATION), "app.py"])
def test_presentation_may_import_words(path: str) -> None:
    assert fence_codes("".join(WORDS.values()), path) == set()


@pytest.mark.parametrize(
    "path",
    [f"src/ca_trade/{module}" for module in [*DOMAIN, *PRESENTATION[:-1], "scenario/model.py"]],
)
def test_streamlit_stays_out_of_the_core_and_the_presentation_modules(path: str) -> None:
    assert fence_codes(STREAMLIT, path) & {"TID251", "TID253"}


@pytest.mark.parametrize("path", ["app.py", "src/ca_trade/ui/pages/overview.py"])
def test_streamlit_is_allowed_in_the_interface(path: str) -> None:
    assert fence_codes(STREAMLIT, path) == set()


def test_the_code_keeps_the_fences() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--select", "TID251,TID253"],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stdout
