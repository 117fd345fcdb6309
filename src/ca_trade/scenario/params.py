"""The scenario's parameters: one frozen, hashable definition that projections and caches key on."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Literal

import numpy as np
import pandas as pd

Band = Literal["low", "central", "high"]
BANDS: tuple[Band, ...] = ("low", "central", "high")
DEFAULT_HORIZON_YEAR = 2040
DEFAULT_BAND_WIDTH = 0.01  # growth spread of the band, fraction a year


@dataclass(frozen=True)
class ScenarioParams:
    """Everything a user can set for one projection.

    Attributes:
        base_year: year of the base value (the latest official figure).
        base_value_usd_bn: intraregional trade in the base year, USD billion.
        growth: organic growth, fraction per year (0.05 = 5%).
        horizon_year: last year projected (inclusive).
        effects_enabled: whether project effects are added to organic growth.
        delay_years: years added to the completion year of every project due after the base
            year (>= 0).
        disabled_types: project types whose effects are left out.
        disabled_projects: project ids whose effects are left out.
        assumption_overrides: value per assumption id (one row) or parameter name (all its rows),
            in the row's unit; the range widens to include it where needed.
        band_width: growth spread of the low/high band, fraction per year (0.01 = 1 point).
    """

    base_year: int
    base_value_usd_bn: float
    growth: float
    horizon_year: int = DEFAULT_HORIZON_YEAR
    effects_enabled: bool = True
    delay_years: int = 0
    disabled_types: frozenset[str] = field(default_factory=frozenset)
    disabled_projects: frozenset[str] = field(default_factory=frozenset)
    assumption_overrides: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    band_width: float = DEFAULT_BAND_WIDTH

    def __post_init__(self) -> None:
        """Validate the values and freeze the collections.

        Raises:
            TypeError: if a field has the wrong type.
            ValueError: if a value is out of range.
        """
        for name in ("base_year", "horizon_year", "delay_years"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | np.integer):
                raise TypeError(f"{name} must be an integer, got {value!r}")
            object.__setattr__(self, name, int(value))
        if not isinstance(self.effects_enabled, bool | np.bool_):
            raise TypeError(f"effects_enabled must be a boolean, got {self.effects_enabled!r}")
        object.__setattr__(self, "effects_enabled", bool(self.effects_enabled))
        for name in ("base_value_usd_bn", "growth", "band_width"):
            object.__setattr__(self, name, finite(getattr(self, name), name))
        if self.base_value_usd_bn <= 0:
            raise ValueError(f"base_value_usd_bn must be positive, got {self.base_value_usd_bn}")
        if self.band_width < 0:
            raise ValueError(f"band_width must be >= 0, got {self.band_width}")
        if self.growth - self.band_width <= -1:
            raise ValueError(
                f"growth - band_width must be above -1 (-100%/yr), got "
                f"{self.growth} - {self.band_width}"
            )
        if self.horizon_year < self.base_year:
            raise ValueError(
                f"horizon_year {self.horizon_year} is before base_year {self.base_year}"
            )
        if self.delay_years < 0:
            raise ValueError(f"delay_years must be >= 0, got {self.delay_years}")
        for name in ("disabled_types", "disabled_projects"):
            object.__setattr__(self, name, _frozen_names(getattr(self, name), name))
        overrides = {
            _name(key, "assumption_overrides key"): finite(value, f"override {key!r}")
            for key, value in self.assumption_overrides.items()
        }
        object.__setattr__(self, "assumption_overrides", MappingProxyType(overrides))

    def cache_key(self) -> tuple[object, ...]:
        """Return every field's value in a canonical, hashable form (collections sorted).

        Built from the dataclass's own field list, so a field added here is part of every cache
        key without a second list to keep in step.
        """
        return tuple(_canonical(getattr(self, f.name)) for f in fields(self))

    def __hash__(self) -> int:
        """Hash by value, so that equal parameters are one cache entry."""
        return hash(self.cache_key())


def _canonical(value: object) -> object:
    """Return a collection as a sorted tuple (mappings as sorted pairs); other values as they are."""
    if isinstance(value, Mapping):
        return tuple(sorted(value.items()))
    if isinstance(value, frozenset):
        return tuple(sorted(value))
    return value


def finite(value: object, name: str) -> float:
    """Return `value` as a finite float.

    Raises:
        TypeError: if it is not a number.
        ValueError: if it is NaN or infinite.
    """
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise TypeError(f"{name} must be a number, got {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return number


def _name(value: object, what: str) -> str:
    """Return `value` if it is a non-empty string, or raise TypeError."""
    if not isinstance(value, str) or not value:
        raise TypeError(f"{what} must be a non-empty string, got {value!r}")
    return value


def _frozen_names(values: Iterable[str], what: str) -> frozenset[str]:
    """Return the names as a frozenset, checking each one."""
    if isinstance(values, str):
        raise TypeError(f"{what} must be a collection of names, not a single string")
    return frozenset(_name(v, f"{what} entry") for v in values)


def check_columns(frame: pd.DataFrame, required: Iterable[str], what: str) -> None:
    """Raise ValueError naming the columns `frame` lacks."""
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise ValueError(f"{what} frame lacks column(s): {', '.join(missing)}")
