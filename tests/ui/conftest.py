"""Page tests share between AppTest runs what one Streamlit server shares between its sessions."""

from __future__ import annotations

import functools
from collections.abc import Iterator

import pytest
from streamlit.components.v2 import manifest_scanner
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import app_test


@pytest.fixture(scope="session", autouse=True)
def _one_component_scan_and_script_cache() -> Iterator[None]:
    """AppTest scans every installed package for components and compiles the app on each run.

    A server does both once at start-up; here, too, once per test process.
    """
    scripts = ScriptCache()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            manifest_scanner,
            "scan_component_manifests",
            functools.cache(manifest_scanner.scan_component_manifests),
        )
        patch.setattr(app_test, "ScriptCache", lambda: scripts)
        yield
