"""Where the project's data and static files live; the data folder is overridable by env.

In a clone (or an editable install) they are `data/` and `static/` beside `src/`. A wheel
installs them under `<prefix>/share/ca-trade/` (pyproject's data-files); that is where they are
looked for when the source tree has none.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DATA_DIR_ENV = "CA_TRADE_DATA_DIR"
PROJECT_ROOT = Path(__file__).resolve().parents[2]
SHARE_DIR = Path(sys.prefix) / "share" / "ca-trade"


def files_root(source_root: Path = PROJECT_ROOT, share_dir: Path = SHARE_DIR) -> Path:
    """Return the folder holding `data/` and `static/`: the source tree's, else a wheel's."""
    return source_root if (source_root / "data").is_dir() else share_dir


STATIC_DIR = files_root() / "static"
TOPOJSON_DIR = STATIC_DIR / "topojson"


def data_dir() -> Path:
    """Return the folder of the data package: `$CA_TRADE_DATA_DIR`, else the bundled `data/`."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override) if override else files_root() / "data"
