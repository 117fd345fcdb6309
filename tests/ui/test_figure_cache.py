"""Results kept between runs: one build per key, data version, language and settings."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ca_trade.i18n import language
from ca_trade.paths import DATA_DIR_ENV, data_dir
from ca_trade.ui.figure_cache import cached


def test_a_result_is_built_once_per_data_version_language_and_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(data_dir(), folder)
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    builds: list[str] = []

    def build() -> list[str]:
        builds.append("built")
        return builds

    first = cached("test_result", (2025,), build)
    assert cached("test_result", (2025,), build) is first
    assert len(builds) == 1
    cached("test_result", (2024,), build)  # other settings
    with language("ru"):
        cached("test_result", (2025,), build)  # another language
    assert len(builds) == 3
    # An edited file is a new version of the data: built again.
    sources = folder / "sources.csv"
    stat = sources.stat()
    os.utime(sources, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    cached("test_result", (2025,), build)
    assert len(builds) == 4
