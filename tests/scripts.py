"""The maintainers' scripts in scripts/, loaded as modules so that tests can call them."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from ca_trade.paths import PROJECT_ROOT


def load_script(name: str) -> ModuleType:
    """Return scripts/<name>.py as a module named `name` (registered in sys.modules, which
    dataclasses defined in it need)."""
    spec = importlib.util.spec_from_file_location(name, PROJECT_ROOT / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
