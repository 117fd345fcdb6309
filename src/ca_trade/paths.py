"""Where the project's data and static files live; the data folder is overridable by env."""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_ENV = "CA_TRADE_DATA_DIR"
PROJECT_ROOT = Path(__file__).resolve().parents[2]
STATIC_DIR = PROJECT_ROOT / "static"
TOPOJSON_DIR = STATIC_DIR / "topojson"


def data_dir() -> Path:
    """Return the folder of the data package: `$CA_TRADE_DATA_DIR`, else the bundled `data/`."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override) if override else PROJECT_ROOT / "data"
