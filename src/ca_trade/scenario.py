"""Scenario model: organic growth of intraregional trade plus the effects of projects; pure pandas.

All trade values are USD billion a year unless a name says otherwise. The project effects follow
the formulas of the research note `scenario/SOURCES.md`, with their parameters read from the
`assumptions` table (only rows with `is_default` true). Each parameter is looked up for a project
first by project id, then by project type, then under `all`; two default rows at the level that
matches are an error.

The path is `organic + sum of project contributions`. A project's contribution in year t is its
effect level in t minus its level in the base year, so whatever a project already delivered in the
base year is part of the base value and the total equals the base value exactly in the base year.
The level ramps linearly from the start year: `full x min(1, (t - start + 1) / ramp_years)`,
times a price index where a contract has one. The start is the completion year, plus the delay
for projects due after the base year. Projects without a completion year, and projects whose
formula gives zero (transit, sales outside the region, enablers), are not counted; the effects
frame says why.

The band: `low` uses growth - band_width and, for every project parameter, the end of its range
that lowers the effect (the low end of parameters that add trade, the high end of those that
subtract it, such as displaced imports or ramp years); `high` does the opposite. A parameter
without a range uses its value in every band.

`required_growth` is `ca_trade.progress.required_growth`, re-exported here:
`required_growth(current_usd_bn, goal_usd_bn, current_year, target_year)`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

import numpy as np
import pandas as pd

from ca_trade.format import number_marks
from ca_trade.i18n import localized, t
from ca_trade.progress import (
    HEADLINE_SCOPE,
    Goal,
    compound_growth,
    headline_goals,
    headline_total_for_year,
)
from ca_trade.progress import required_growth as required_growth

Band = Literal["low", "central", "high"]
BANDS: tuple[Band, ...] = ("low", "central", "high")
GROUP_PREFIX = "effect_"
EFFECT_COLUMNS = (
    "project_id",
    "group",
    "completion_year",
    "method",
    "formula_effect_usd_bn",
    "full_effect_usd_bn",
    "counted",
    "ramp_years",
    "escalation_per_year",
    "formula",
    "assumption_ids",
    "reason",
)
ASSUMPTION_COLUMNS = (
    "assumption_id",
    "parameter",
    "applies_to",
    "value",
    "low",
    "high",
    "unit",
    "is_default",
)
PROJECT_COLUMNS = ("project_id", "type", "completion_year")
DEFAULT_HORIZON_YEAR = 2040
DEFAULT_BAND_WIDTH = 0.01  # growth spread of the band, fraction a year

# Parameters that set a project's own effect directly, in USD million a year, with why it is
# usually zero (scenario/SOURCES.md, section 2).
# The reasons are messages (`t`), read when a project is evaluated, in the language in force.
_OWN_EFFECT_PARAMETERS: tuple[str, ...] = (
    "power.transmission_effect",
    "gas.transit_projects_effect",
    "gas.domestic_projects_effect",
    "port.intraregional_effect",
    "hub.intraregional_effect",
)


def _own_effect_reason(parameter: str) -> str:
    """Return why a directly set own effect is usually zero, in the current language."""
    reasons = {
        "power.transmission_effect": t("enabler only: the plant sales it carries count there"),
        "gas.transit_projects_effect": t("transit or sales outside the region"),
        "gas.domestic_projects_effect": t("domestic supply, no sales to neighbours documented"),
        "port.intraregional_effect": t("mainly transit and trade outside the region"),
        "hub.intraregional_effect": t("its trade is with countries outside the region"),
    }
    return reasons[parameter]


# Gas flows sold within the region that a project adds (bcm/yr), in the order they are shown.
_GAS_FLOW_PARAMETERS = ("gas.volume_tkm_kaz_intended", "gas.volume_new_tkm_uzb")
_GAS_BASE_PARAMETER = "gas.volume_tkm_uzb_contract"
_CARGO_PARAMETERS = ("rail.additional_cargo", "rail.cargo_capacity")
_PRICE_PARAMETERS = ("power.price_contract", "power.price_default_uncontracted")
_KGZ_POOL_PARAMETER = "power.displacement_kgz_imports"
_FREIGHT_SHARE = "freight.intraregional_share"
_RAMP_PARAMETER = "effect.ramp_years"
_INDEXATION_PARAMETER = "power.price_indexation"
_PAIR_PREFIX = "pair.trade_2023."


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
            object.__setattr__(self, name, _finite(getattr(self, name), name))
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
            _name(key, "assumption_overrides key"): _finite(value, f"override {key!r}")
            for key, value in self.assumption_overrides.items()
        }
        object.__setattr__(self, "assumption_overrides", MappingProxyType(overrides))

    def __hash__(self) -> int:
        """Hash by value, so that equal parameters are one cache entry."""
        return hash(
            (
                self.base_year,
                self.base_value_usd_bn,
                self.growth,
                self.horizon_year,
                self.effects_enabled,
                self.delay_years,
                self.disabled_types,
                self.disabled_projects,
                tuple(sorted(self.assumption_overrides.items())),
                self.band_width,
            )
        )


@dataclass(frozen=True)
class ObservedTrend:
    """Compound annual growth of an observed series over a window of years.

    Attributes:
        start_year: first year of the window.
        end_year: last year of the window.
        start_value: value in start_year, in the series' unit (USD billion for the headline).
        end_value: value in end_year.
        cagr: compound annual growth rate, fraction per year.
    """

    start_year: int
    end_year: int
    start_value: float
    end_value: float
    cagr: float

    @property
    def window(self) -> str:
        """The window as shown to readers, e.g. '2018\u20132024'."""
        return f"{self.start_year}\N{EN DASH}{self.end_year}"


@dataclass(frozen=True)
class _Value:
    """One resolved default parameter: central value and range, in its unit."""

    assumption_id: str
    value: float
    low: float
    high: float
    unit: str

    def pick(self, band: Band, raises_effect: bool) -> float:
        """Return the value for `band`; `raises_effect` says which end lowers the effect."""
        if band == "central":
            return self.value
        return self.low if (band == "low") == raises_effect else self.high


class _Lookup:
    """Default assumption rows indexed by (parameter, applies_to)."""

    def __init__(self, defaults: pd.DataFrame) -> None:
        self._rows: dict[tuple[str, str], list[_Value]] = {}
        for record in defaults.to_dict("records"):
            value = float(record["value"])
            low = value if pd.isna(record["low"]) else float(record["low"])
            high = value if pd.isna(record["high"]) else float(record["high"])
            key = (str(record["parameter"]), str(record["applies_to"]))
            entry = _Value(str(record["assumption_id"]), value, low, high, str(record["unit"]))
            self._rows.setdefault(key, []).append(entry)

    def get(self, parameter: str, project_id: str, group: str) -> _Value | None:
        """Return the default row for a project: by id, else by type, else under 'all'.

        Raises:
            ValueError: if more than one default row matches at that level.
        """
        for target in (project_id, group, "all"):
            rows = self._rows.get((parameter, target))
            if rows:
                if len(rows) > 1:
                    ids = ", ".join(r.assumption_id for r in rows)
                    raise ValueError(
                        f"assumptions: {len(rows)} default rows for parameter {parameter!r} "
                        f"applying to {target!r} ({ids}); mark exactly one is_default"
                    )
                return rows[0]
        return None


@dataclass
class _Effect:
    """What one project's formula gives, before timing is applied."""

    method: str
    effect_usd_m: float | None
    formula: str
    ids: list[str]
    reason: str = ""


class _Resolver:
    """Looks up one project's parameters for one band and records the ids it used."""

    def __init__(self, lookup: _Lookup, band: Band, project_id: str, group: str) -> None:
        self.lookup = lookup
        self.band = band
        self.project_id = project_id
        self.group = group
        self.ids: list[str] = []

    def row(self, parameter: str) -> _Value | None:
        """Return the resolved default row of `parameter`, or None."""
        return self.lookup.get(parameter, self.project_id, self.group)

    def take(self, parameter: str, raises_effect: bool = True) -> float | None:
        """Return the band value of `parameter` and record its id, or None if it is missing."""
        found = self.row(parameter)
        if found is None:
            return None
        if found.assumption_id not in self.ids:
            self.ids.append(found.assumption_id)
        return found.pick(self.band, raises_effect)


def _finite(value: object, name: str) -> float:
    """Return `value` as a finite float, or raise."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise TypeError(f"{name} must be a number, got {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return number


def _name(value: object, what: str) -> str:
    """Return `value` if it is a non-empty string, or raise."""
    if not isinstance(value, str) or not value:
        raise TypeError(f"{what} must be a non-empty string, got {value!r}")
    return value


def _frozen_names(values: Iterable[str], what: str) -> frozenset[str]:
    """Return the names as a frozenset, checking each one."""
    if isinstance(values, str):
        raise TypeError(f"{what} must be a collection of names, not a single string")
    return frozenset(_name(v, f"{what} entry") for v in values)


def _no_formula() -> str:
    """Return the reason of a project without a formula, in the current language."""
    return t("no defensible formula: no default assumption defines an effect for this project")


def _num(value: float, spec: str = ".6g") -> str:
    """Format a number for a formula string (default: up to six significant digits), with the
    current language's decimal mark ('13.1' in English, '13,1' in Russian)."""
    return format(value, spec).replace(".", number_marks()[0])


def _missing(parameters: str) -> str:
    """Return the reason of a project whose formula lacks default assumptions (named)."""
    return t("missing default assumption: {parameters}", parameters=parameters)


def _hydro_term(output: float, share: float, price: float) -> str:
    """Return '10 x output bn kWh x share x price US c/kWh' (USD million a year), as written."""
    return t(
        "10 x {output} bn kWh x {share} x {price} US c/kWh",
        output=_num(output),
        share=_num(share),
        price=_num(price),
    )


def _check_columns(frame: pd.DataFrame, required: Iterable[str], what: str) -> None:
    """Raise ValueError naming the columns `frame` lacks."""
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise ValueError(f"{what} frame lacks column(s): {', '.join(missing)}")


def _apply_overrides(assumptions: pd.DataFrame, overrides: Mapping[str, float]) -> pd.DataFrame:
    """Return a copy with overridden values; a key is an assumption id or a parameter name.

    Raises:
        ValueError: for a key that is neither.
    """
    table = assumptions.copy()
    for key, value in overrides.items():
        rows = table["assumption_id"] == key
        if not rows.any():
            rows = table["parameter"] == key
        if not rows.any():
            raise ValueError(f"assumption override {key!r} matches no assumption id or parameter")
        table.loc[rows, "value"] = float(value)
        table.loc[rows, "low"] = table.loc[rows, "low"].where(
            table.loc[rows, "low"].isna(), np.minimum(table.loc[rows, "low"], value)
        )
        table.loc[rows, "high"] = table.loc[rows, "high"].where(
            table.loc[rows, "high"].isna(), np.maximum(table.loc[rows, "high"], value)
        )
    return table


def _default_rows(assumptions: pd.DataFrame) -> pd.DataFrame:
    """Return the rows marked is_default, with value/low/high as float64."""
    flags = assumptions["is_default"].astype("boolean").fillna(False).astype(bool)
    rows = assumptions.loc[flags, list(ASSUMPTION_COLUMNS)].copy()
    for column in ("value", "low", "high"):
        rows[column] = pd.to_numeric(rows[column], errors="raise").astype("float64")
    if rows["value"].isna().any():
        bad = ", ".join(rows.loc[rows["value"].isna(), "assumption_id"].astype(str))
        raise ValueError(f"assumptions: default rows without a value: {bad}")
    return rows


def _pair_parameter(countries: object) -> str | None:
    """Return the pair-trade parameter for a two-country project, else None."""
    if not isinstance(countries, str):
        return None
    codes = sorted(code.strip().lower() for code in countries.split(";") if code.strip())
    if len(codes) != 2:
        return None
    return f"{_PAIR_PREFIX}{codes[0]}_{codes[1]}"


def _hydro_effect(r: _Resolver, pool_used: dict[str, float]) -> _Effect:
    """Electricity sold within the region minus imports it displaces (SOURCES.md 3.1), USD m."""
    generation = r.take("hydro.generation_full")
    share = r.take("hydro.regional_export_share")
    price_name = next((p for p in _PRICE_PARAMETERS if r.row(p) is not None), None)
    price = r.take(price_name) if price_name else None
    if generation is None or share is None or price is None:
        missing = [
            name
            for name, got in (
                ("hydro.generation_full", generation),
                ("hydro.regional_export_share", share),
                (" or ".join(_PRICE_PARAMETERS), price),
            )
            if got is None
        ]
        return _Effect("none", None, "", r.ids, _missing("; ".join(missing)))
    gross = 10 * generation * share * price
    parts = [_hydro_term(generation, share, price)]
    values = [gross]
    stage = r.take("hydro.generation_current_stage", raises_effect=False)
    if stage is not None:
        stage_share = r.take("hydro.regional_export_share_pre_completion", raises_effect=False)
        if stage_share is not None:
            values.append(-10 * stage * stage_share * price)
            parts.append(
                _hydro_term(stage, stage_share, price)
                + " "
                + t("(pre-completion sales, already in the base)")
            )
    existing = r.take("power.displacement_tjk_existing", raises_effect=False)
    if existing is not None:
        existing_price = r.take("power.price_tjk_uzb_2022", raises_effect=False) or 0.0
        values.append(-10 * existing * existing_price)
        parts.append(
            t(
                "10 x {output} bn kWh x {price} US c/kWh (existing exports displaced)",
                output=_num(existing),
                price=_num(existing_price),
            )
        )
    pool = r.take(_KGZ_POOL_PARAMETER, raises_effect=False)
    if pool is not None:
        intra = r.take("power.kgz_imports_intraregional_share", raises_effect=False)
        import_price = r.take("power.price_kgz_imports", raises_effect=False)
        if intra is None or import_price is None:
            return _Effect(
                "none",
                None,
                "",
                r.ids,
                _missing("power.kgz_imports_intraregional_share or power.price_kgz_imports"),
            )
        used = pool_used.get(_KGZ_POOL_PARAMETER, 0.0)
        remaining = max(0.0, pool - used)
        displaced = min(generation * (1 - share), remaining)
        pool_used[_KGZ_POOL_PARAMETER] = used + displaced
        values.append(-10 * displaced * intra * import_price)
        parts.append(
            t(
                "10 x min({output} x (1 - {share}), {remaining} bn kWh of imports not yet "
                "displaced) x {intra} x {price} US c/kWh (intraregional imports displaced)",
                output=_num(generation),
                share=_num(share),
                remaining=_num(remaining),
                intra=_num(intra),
                price=_num(import_price),
            )
        )
    return _Effect("hydropower", math.fsum(values), " - ".join(parts), r.ids)


def _gas_effect(r: _Resolver) -> _Effect:
    """Gas volume sold within the region times the price (SOURCES.md 3.3), USD m."""
    flows = [(name, r.take(name)) for name in _GAS_FLOW_PARAMETERS if r.row(name) is not None]
    price = r.take("gas.price_intraregional")
    if price is None:
        return _Effect("none", None, "", r.ids, _missing("gas.price_intraregional"))
    volume = math.fsum(v for _, v in flows if v is not None)
    terms = " + ".join(
        t("{volume} bcm/yr [{parameter}]", volume=_num(v), parameter=name)
        for name, v in flows
        if v is not None
    )
    formula = t("({terms}) x {price} USD per 1000 m3", terms=terms, price=_num(price))
    base = r.take(_GAS_BASE_PARAMETER)
    if base is not None:
        formula += t(
            "; the existing {volume} bcm/yr contract is in the base, not added", volume=_num(base)
        )
    return _Effect("gas_volume", volume * price, formula, r.ids)


def _freight_volume_effect(r: _Resolver, cargo_name: str) -> _Effect:
    """Added tonnage x intraregional share x additionality x value per tonne, USD m."""
    cargo = r.take(cargo_name)
    share = r.take(_FREIGHT_SHARE)
    additionality = r.take("freight.additionality")
    value = r.take("freight.value_per_tonne")
    if cargo is None or share is None or additionality is None or value is None:
        return _Effect(
            "none",
            None,
            "",
            r.ids,
            _missing(
                "freight.intraregional_share, freight.additionality or freight.value_per_tonne"
            ),
        )
    formula = t(
        "{cargo} Mt x {share} intraregional x {additionality} new x {value} USD/t",
        cargo=_num(cargo),
        share=_num(share),
        additionality=_num(additionality),
        value=_num(value),
    )
    return _Effect("freight_volume", cargo * share * additionality * value, formula, r.ids)


def _time_effect(r: _Resolver, pair_name: str) -> _Effect | None:
    """Pair trade x trade loss per day x days saved (SOURCES.md 3.4 B), USD m; None if n/a."""
    needed = (pair_name, "tf.trade_loss_per_day", "corridor.days_saved")
    if any(r.row(name) is None for name in needed):
        return None
    pair = r.take(pair_name)
    per_day = r.take("tf.trade_loss_per_day")
    days = r.take("corridor.days_saved")
    if pair is None or per_day is None or days is None:
        return None
    formula = t(
        "{trade} USD m pair trade [{pair}] x {per_day}% per day x {days} days saved",
        trade=_num(pair),
        pair=pair_name.removeprefix(_PAIR_PREFIX),
        per_day=_num(per_day),
        days=_num(days),
    )
    return _Effect("corridor_time", pair * per_day / 100 * days, formula, r.ids)


def _hub_effect(r: _Resolver, pair_name: str | None) -> _Effect:
    """The hub's own trade increment (SOURCES.md 3.5), USD m, with the elasticity cross-check."""
    turnover = r.take("hub.turnover_default")
    if turnover is None:
        return _Effect("none", None, "", r.ids, _no_formula())
    formula = t("{value} USD m/yr hub increment", value=_num(turnover))
    check_names = (
        "hub.share_of_pair_trade_via_crossing",
        "tf.elasticity_importer_border_time",
        "hub.border_time_cut",
    )
    if pair_name is not None and all(r.row(n) is not None for n in (pair_name, *check_names)):
        # The cross-check is shown for judgement; it does not enter the effect.
        checker = _Resolver(r.lookup, "central", r.project_id, r.group)
        pair = checker.take(pair_name) or 0.0
        via = checker.take(check_names[0]) or 0.0
        elasticity = checker.take(check_names[1]) or 0.0
        cut = checker.take(check_names[2]) or 0.0
        check = pair * via * (elasticity / 10 / 100) * cut
        formula += " " + t(
            "(elasticity cross-check: {trade} x {share} x {elasticity}% per 1% x {cut}% = "
            "{check} USD m)",
            trade=_num(pair),
            share=_num(via),
            elasticity=_num(elasticity / 10),
            cut=_num(cut),
            check=_num(check, ".1f"),
        )
        r.ids.extend(i for i in checker.ids if i not in r.ids)
    return _Effect("hub_turnover", turnover, formula, r.ids)


def _own_effect(r: _Resolver) -> _Effect | None:
    """A directly set own effect (zero for transit, enablers and extra-regional), or None."""
    for parameter in _OWN_EFFECT_PARAMETERS:
        found = r.row(parameter)
        if found is None:
            continue
        why = _own_effect_reason(parameter)
        value = found.pick(r.band, raises_effect=True)
        r.ids.append(found.assumption_id)
        formula = t("{value} USD m/yr own effect ({why})", value=_num(value), why=why)
        # Line D: the sourced zero offtake backs the transit rule.
        offtake = r.take("gas.line_d_offtake_tjk")
        if offtake is not None:
            formula += t("; Tajik offtake {volume} bcm/yr", volume=_num(offtake))
        return _Effect("own_effect", value, formula, r.ids, why)
    return None


def _project_formula(
    r: _Resolver, group: str, countries: object, pool_used: dict[str, float]
) -> _Effect:
    """Pick one method for the project (SOURCES.md rule 9: one method per project)."""
    own = _own_effect(r)
    if own is not None:
        return own
    if group == "hydropower" and r.row("hydro.generation_full") is not None:
        return _hydro_effect(r, pool_used)
    if group == "gas" and any(r.row(n) is not None for n in _GAS_FLOW_PARAMETERS):
        return _gas_effect(r)
    if group in ("rail", "road"):
        cargo_name = next((n for n in _CARGO_PARAMETERS if r.row(n) is not None), None)
        if cargo_name is not None:
            return _freight_volume_effect(r, cargo_name)
        share = r.row(_FREIGHT_SHARE)
        if share is not None and share.value == 0:
            r.take(_FREIGHT_SHARE)
            why = t("transit or domestic corridor: intraregional share 0")
            formula = t("{value} USD m/yr ({why})", value=_num(0.0), why=why)
            return _Effect("own_effect", 0.0, formula, r.ids, why)
        pair_name = _pair_parameter(countries)
        if pair_name is not None:
            timed = _time_effect(r, pair_name)
            if timed is not None:
                return timed
    if group == "hub" and r.row("hub.turnover_default") is not None:
        return _hub_effect(r, _pair_parameter(countries))
    return _Effect("none", None, "", r.ids, _no_formula())


def project_effects(
    projects: pd.DataFrame,
    assumptions: pd.DataFrame,
    *,
    band: Band = "central",
    overrides: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Derive each project's annual intraregional trade effect from the assumptions.

    Args:
        projects: one row per project with `project_id`, `type` and `completion_year` (Int64,
            missing where none is stated); `countries` (ISO3 codes joined by ';') is used to find
            the pair a road or hub connects.
        assumptions: the assumptions table (schema of datapackage.json); default rows are used.
        band: which values to use: central, or the ends of the ranges that give the low or the
            high effect.
        overrides: value per assumption id or parameter name (see ScenarioParams).

    Returns:
        One row per project, in the input order, with columns `EFFECT_COLUMNS`:
        `formula_effect_usd_bn` is what the formula gives at full level (USD billion a year; NaN
        where there is no formula), `full_effect_usd_bn` what the path uses (0.0 unless
        `counted`), `formula` the calculation with numbers in USD million a year,
        `assumption_ids` the rows used joined by ';', and `reason` why a project is or is not
        counted. `formula` and `reason` are written in the current language (`ca_trade.i18n`).

    Raises:
        ValueError: if a frame lacks a column, an override matches nothing, or a parameter has
            more than one default row for a project.
    """
    _check_columns(projects, PROJECT_COLUMNS, "projects")
    _check_columns(assumptions, (*ASSUMPTION_COLUMNS,), "assumptions")
    if band not in BANDS:
        raise ValueError(f"band must be one of {', '.join(BANDS)}, got {band!r}")
    table = _apply_overrides(assumptions, overrides or {})
    lookup = _Lookup(_default_rows(table))
    records = projects.reset_index(drop=True).to_dict("records")
    completion = [
        None if pd.isna(r["completion_year"]) else int(r["completion_year"]) for r in records
    ]
    # Plants sharing a pool of displaced imports draw on it in order of completion.
    order = sorted(
        range(len(records)),
        key=lambda i: (completion[i] is None, completion[i] or 0, i),
    )
    pool_used: dict[str, float] = {}
    results: dict[int, dict[str, object]] = {}
    for i in order:
        record = records[i]
        project_id = str(record["project_id"])
        group = str(record["type"])
        resolver = _Resolver(lookup, band, project_id, group)
        effect = _project_formula(resolver, group, record.get("countries"), pool_used)
        usd_m = effect.effect_usd_m
        timed = usd_m is not None and usd_m != 0
        ramp = resolver.take(_RAMP_PARAMETER, raises_effect=False) if timed else None
        indexation = (
            resolver.take(_INDEXATION_PARAMETER)
            if timed and effect.method == "hydropower"
            else None
        )
        formula = effect.formula
        if usd_m is not None and effect.method != "own_effect":
            formula = t(
                "{formula} = {usd_m} USD m/yr = {usd_bn} USD bn/yr",
                formula=formula,
                usd_m=_num(usd_m, ".1f"),
                usd_bn=_num(usd_m / 1000, ".4f"),
            )
            if indexation:
                formula += t(
                    "; price indexed +{rate}%/yr from the first year counted",
                    rate=_num(indexation),
                )
        counted = False
        if usd_m is None:
            reason = effect.reason
        elif effect.method == "own_effect" and usd_m == 0:
            reason = t("zero effect: {why}", why=effect.reason)
        elif usd_m == 0:
            reason = t("the formula gives zero")
        elif completion[i] is None:
            reason = t("no completion year stated: the effect cannot be placed in time")
        elif ramp is None or ramp <= 0:
            reason = t(
                "missing or non-positive default assumption {parameter} for {group}",
                parameter=_RAMP_PARAMETER,
                group=group,
            )
        else:
            counted = True
            reason = t(
                "counted: ramps up over {ramp} years from the completion year {year}; what it "
                "delivered by the base year is in the base value",
                ramp=_num(ramp),
                year=completion[i],
            )
        results[i] = {
            "project_id": project_id,
            "group": group,
            "completion_year": completion[i],
            "method": effect.method,
            "formula_effect_usd_bn": np.nan if usd_m is None else usd_m / 1000,
            "full_effect_usd_bn": usd_m / 1000 if counted and usd_m is not None else 0.0,
            "counted": counted,
            "ramp_years": np.nan if ramp is None else ramp,
            "escalation_per_year": (indexation or 0.0) / 100,
            "formula": formula or "-",
            "assumption_ids": ";".join(resolver.ids),
            "reason": reason,
        }
    frame = pd.DataFrame([results[i] for i in range(len(records))], columns=list(EFFECT_COLUMNS))
    return frame.astype(
        {
            "project_id": "str",
            "group": "str",
            "completion_year": "Int64",
            "method": "str",
            "formula_effect_usd_bn": "float64",
            "full_effect_usd_bn": "float64",
            "counted": "bool",
            "ramp_years": "float64",
            "escalation_per_year": "float64",
            "formula": "str",
            "assumption_ids": "str",
            "reason": "str",
        }
    )


def start_year(completion_year: int, base_year: int, delay_years: int) -> int:
    """Return the year a project's effect starts: its completion year, plus the delay if due later.

    The delay moves only completions after the base year: a project already completed cannot
    be delayed.
    """
    return completion_year + delay_years if completion_year > base_year else completion_year


def _project_contributions(
    effects: pd.DataFrame, years: np.ndarray, delay_years: int
) -> list[tuple[str, str, np.ndarray]]:
    """Return (project_id, group, level minus base-year level) of each counted project, USD bn/yr."""
    contributions: list[tuple[str, str, np.ndarray]] = []
    base_year = int(years[0])
    for record in effects[effects["counted"]].to_dict("records"):
        start = start_year(int(record["completion_year"]), base_year, delay_years)
        ramp = float(record["ramp_years"])
        share = np.clip((years - start + 1) / ramp, 0.0, 1.0)
        index = np.power(1.0 + float(record["escalation_per_year"]), np.maximum(0, years - start))
        level = float(record["full_effect_usd_bn"]) * share * index
        contributions.append((str(record["project_id"]), str(record["group"]), level - level[0]))
    return contributions


def _effect_levels(
    effects: pd.DataFrame, years: np.ndarray, delay_years: int
) -> dict[str, np.ndarray]:
    """Sum, per group, each counted project's level minus its base-year level (USD bn/yr)."""
    by_group: dict[str, np.ndarray] = {}
    for _, group, contribution in _project_contributions(effects, years, delay_years):
        by_group[group] = by_group.get(group, np.zeros(len(years))) + contribution
    return by_group


def _active_projects(params: ScenarioParams, projects: pd.DataFrame) -> pd.DataFrame:
    """Return the projects whose effects are switched on, after checking the names switched off.

    Raises:
        ValueError: if a disabled project or type is not in the projects frame.
    """
    _check_columns(projects, PROJECT_COLUMNS, "projects")
    ids = set(projects["project_id"].astype(str))
    groups = set(projects["type"].astype(str))
    unknown = sorted(params.disabled_projects - ids) + sorted(params.disabled_types - groups)
    if unknown:
        raise ValueError(f"disabled project(s) or type(s) not in the projects frame: {unknown}")
    return projects[
        ~projects["type"].astype(str).isin(params.disabled_types)
        & ~projects["project_id"].astype(str).isin(params.disabled_projects)
    ]


@dataclass(frozen=True)
class EffectLevels:
    """The projects' contributions to a path, per band and group, before organic growth is added.

    They do not depend on the growth rate or the band's growth spread, so a page can keep them
    while the growth changes (see `effect_levels` and `path_from_levels`).

    Attributes:
        base_year: first year of the path.
        horizon_year: last year of the path.
        groups: every project type in the projects frame, sorted.
        by_band: band -> group -> contribution per year (USD billion a year); a group without a
            counted project is absent.
    """

    base_year: int
    horizon_year: int
    groups: tuple[str, ...]
    by_band: Mapping[Band, Mapping[str, np.ndarray]]


def effect_levels(
    params: ScenarioParams, projects: pd.DataFrame, assumptions: pd.DataFrame
) -> EffectLevels:
    """Return the projects' contributions per band and group for `params` (growth is unused).

    Raises:
        ValueError: as `project_path`.
    """
    active = _active_projects(params, projects)
    groups = tuple(sorted(set(projects["type"].astype(str))))
    years = np.arange(params.base_year, params.horizon_year + 1, dtype="int64")
    contributions: dict[Band, dict[str, np.ndarray]] = {b: {} for b in BANDS}
    if params.effects_enabled:
        for band in BANDS:
            effects = project_effects(
                active, assumptions, band=band, overrides=params.assumption_overrides
            )
            contributions[band] = _effect_levels(effects, years, params.delay_years)
    return EffectLevels(params.base_year, params.horizon_year, groups, contributions)


def path_from_levels(params: ScenarioParams, levels: EffectLevels) -> pd.DataFrame:
    """Add organic growth to the projects' contributions: the path of `project_path`.

    Raises:
        ValueError: if the levels were computed for other years than `params`.
    """
    if (levels.base_year, levels.horizon_year) != (params.base_year, params.horizon_year):
        raise ValueError(
            f"effect levels cover {levels.base_year}-{levels.horizon_year}, the params "
            f"{params.base_year}-{params.horizon_year}"
        )
    years = np.arange(params.base_year, params.horizon_year + 1, dtype="int64")
    steps = (years - params.base_year).astype("float64")
    base = params.base_value_usd_bn

    def organic(growth: float) -> np.ndarray:
        grown: np.ndarray = base * np.power(1.0 + growth, steps)
        return grown

    columns: dict[str, np.ndarray] = {"year": years, "organic": organic(params.growth)}
    band_organic = {
        "low": organic(params.growth - params.band_width),
        "high": organic(params.growth + params.band_width),
    }
    zeros = np.zeros(len(years))
    total = columns["organic"].copy()
    for group in levels.groups:
        central = levels.by_band["central"].get(group, zeros)
        columns[f"{GROUP_PREFIX}{group}"] = central
        total = total + central
    columns["total"] = total
    for band_name in ("low", "high"):
        level = band_organic[band_name].copy()
        for group in levels.groups:
            level = level + levels.by_band[band_name].get(group, zeros)
        columns[band_name] = level
    return pd.DataFrame(columns)


def project_path(
    params: ScenarioParams, projects: pd.DataFrame, assumptions: pd.DataFrame
) -> pd.DataFrame:
    """Project intraregional trade year by year from the base year to the horizon.

    Args:
        params: the scenario settings.
        projects: the projects frame (see `project_effects`).
        assumptions: the assumptions frame.

    Returns:
        One row per year with `year`, `organic` (base x (1 + growth)^(t - base_year)), one
        column `effect_<type>` per project type in `projects` (sorted by type) with that type's
        contribution, `total` (organic + contributions), `low` and `high` (the band); all values
        USD billion a year. In the base year `total` equals the base value exactly.

    Raises:
        ValueError: if a disabled project or type is unknown, an override matches nothing, or
            the frames are invalid (see `project_effects`).
    """
    return path_from_levels(params, effect_levels(params, projects, assumptions))


def group_columns(path: pd.DataFrame) -> list[str]:
    """Return the per-group contribution columns of a path, in order."""
    return [c for c in path.columns if str(c).startswith(GROUP_PREFIX)]


def goal_reached_year(
    path: pd.DataFrame, goal_usd_bn: float, *, column: str = "total"
) -> int | None:
    """Return the first year in which `column` reaches the goal.

    Args:
        path: a frame from `project_path`.
        goal_usd_bn: the goal, USD billion a year.
        column: `total`, `low`, `high` or `organic`.

    Returns:
        The first year with value >= goal (the base year if the goal is already met), or None
        if the goal is not reached by the horizon.

    Raises:
        ValueError: if the goal is not a positive number or the column is missing.
    """
    goal = _finite(goal_usd_bn, "goal_usd_bn")
    if goal <= 0:
        raise ValueError(f"goal_usd_bn must be positive, got {goal}")
    _check_columns(path, ("year", column), "path")
    reached = path.loc[path[column] >= goal, "year"]
    return None if reached.empty else int(reached.iloc[0])


def _path_row(path: pd.DataFrame, year: int) -> pd.Series:
    """Return the row of `year`, or raise ValueError."""
    _check_columns(path, ("year",), "path")
    rows = path[path["year"] == year]
    if rows.empty:
        first, last = int(path["year"].min()), int(path["year"].max())
        raise ValueError(f"year {year} is outside the path ({first}-{last})")
    return rows.iloc[0]


def contribution_by_group(path: pd.DataFrame, year: int) -> pd.Series:
    """Return each project group's contribution in a year, USD billion, indexed by group.

    Raises:
        ValueError: if the year is not in the path.
    """
    row = _path_row(path, year)
    columns = group_columns(path)
    values = [float(row[c]) for c in columns]
    index = [c.removeprefix(GROUP_PREFIX) for c in columns]
    return pd.Series(values, index=pd.Index(index, name="group"), name=year, dtype="float64")


def gap_at_year(path: pd.DataFrame, goal_usd_bn: float, target_year: int) -> float:
    """Return goal minus projected total in a year, USD billion (negative = goal exceeded).

    Raises:
        ValueError: if the year is not in the path or the goal is not finite.
    """
    goal = _finite(goal_usd_bn, "goal_usd_bn")
    return goal - float(_path_row(path, target_year)["total"])


def observed_cagr(
    series: pd.DataFrame,
    start_year: int | None = None,
    end_year: int | None = None,
    *,
    year_column: str = "year",
    value_column: str = "value_usd_bn",
) -> ObservedTrend:
    """Return the compound annual growth of an observed series between two of its years.

    Args:
        series: one row per year with a year and a value column (no duplicate years).
        start_year: first year of the window; default the earliest year.
        end_year: last year of the window; default the latest year.
        year_column: name of the year column.
        value_column: name of the value column (USD billion for the headline series).

    Returns:
        The trend, with the window it covers.

    Raises:
        ValueError: if columns are missing, years repeat, a window year is absent, the window
            is not at least one year long, or a value is not positive.
    """
    _check_columns(series, (year_column, value_column), "series")
    years = series[year_column].astype("int64")
    if years.duplicated().any():
        repeated = sorted(set(years[years.duplicated()].tolist()))
        raise ValueError(f"series has more than one value for year(s) {repeated}")
    if series.empty:
        raise ValueError("series is empty")
    first = int(years.min()) if start_year is None else int(start_year)
    last = int(years.max()) if end_year is None else int(end_year)
    if last <= first:
        raise ValueError(f"the window {first}-{last} must span at least one year")
    values = dict(zip(years.tolist(), series[value_column].astype("float64").tolist(), strict=True))
    for year in (first, last):
        if year not in values:
            raise ValueError(f"series has no value for {year}")
        if not values[year] > 0:
            raise ValueError(f"value for {year} must be positive, got {values[year]}")
    cagr = compound_growth(values[first], values[last], last - first)
    return ObservedTrend(first, last, values[first], values[last], cagr)


CONTRIBUTION_COLUMNS = ("year", "project_id", "group", "contribution_usd_bn")


def project_contributions(
    params: ScenarioParams, projects: pd.DataFrame, assumptions: pd.DataFrame
) -> pd.DataFrame:
    """Return each counted project's contribution to the central path, year by year.

    Args:
        params: the scenario settings (projects and types switched off are left out).
        projects: the projects frame (see `project_effects`).
        assumptions: the assumptions frame.

    Returns:
        Long frame with `CONTRIBUTION_COLUMNS`: one row per counted project and year from the base
        year to the horizon, `contribution_usd_bn` in USD billion a year. Summed by group it gives
        the `effect_<type>` columns of `project_path`. Empty when effects are switched off.

    Raises:
        ValueError: as `project_path`.
    """
    active = _active_projects(params, projects)
    years = np.arange(params.base_year, params.horizon_year + 1, dtype="int64")
    rows: list[pd.DataFrame] = []
    if params.effects_enabled:
        effects = project_effects(active, assumptions, overrides=params.assumption_overrides)
        for project_id, group, values in _project_contributions(effects, years, params.delay_years):
            rows.append(
                pd.DataFrame(
                    {
                        "year": years,
                        "project_id": project_id,
                        "group": group,
                        "contribution_usd_bn": values,
                    }
                )
            )
    if not rows:
        return pd.DataFrame(
            {
                "year": pd.Series(dtype="int64"),
                "project_id": pd.Series(dtype="str"),
                "group": pd.Series(dtype="str"),
                "contribution_usd_bn": pd.Series(dtype="float64"),
            }
        )
    return pd.concat(rows, ignore_index=True).astype(
        {"project_id": "str", "group": "str", "contribution_usd_bn": "float64"}
    )


def projects_with_effect(contributions: pd.DataFrame) -> list[str]:
    """Return the ids of projects whose contribution is not zero in some year, in frame order."""
    moving = contributions.loc[contributions["contribution_usd_bn"] != 0, "project_id"]
    return list(dict.fromkeys(moving.astype(str)))


def multiplied_goals(
    targets: pd.DataFrame, totals: pd.DataFrame, sources: pd.DataFrame
) -> list[Goal]:
    """Return the CA5 goals stated as a multiple of a year's trade, as amounts in USD billion.

    A goal such as 'double mutual trade in five years' (targets.csv: `multiplier` 2, `base_year`
    2023) becomes multiplier x the firm headline figure of its base year, taken from the goal's own
    source where it gives one. Rows whose base year has no firm figure are left out.
    """
    rows = targets[
        (targets["scope"] == HEADLINE_SCOPE)
        & targets["multiplier"].notna()
        & targets["base_year"].notna()
    ]
    goals: list[Goal] = []
    for row in rows.sort_values("announced").to_dict("records"):
        base_year = int(row["base_year"])
        base = headline_total_for_year(
            totals, sources, base_year, prefer_source=str(row["source_id"])
        )
        if base is None:
            continue
        goals.append(
            Goal(
                target_id=str(row["target_id"]),
                value_usd_bn=float(row["multiplier"]) * base.value_usd_bn,
                announced_year=int(row["announced"].year),
                speaker=localized(row, "speaker"),
                deadline_year=None if pd.isna(row["deadline_year"]) else int(row["deadline_year"]),
                source_id=str(row["source_id"]),
                base_year=base_year,
                announced=row["announced"].date(),
                event=None if pd.isna(row["event"]) else localized(row, "event"),
            )
        )
    return goals


def scenario_goals(
    targets: pd.DataFrame, totals: pd.DataFrame, sources: pd.DataFrame
) -> list[Goal]:
    """Return the goals a scenario can aim at: the CA5 goals in USD billion, then the multiples.

    A multiple whose amount equals a stated goal is left out (the stated goal represents it).
    Sorted by amount, smallest first.
    """
    stated = headline_goals(targets)
    values = {round(goal.value_usd_bn, 6) for goal in stated}
    extra = [
        goal
        for goal in multiplied_goals(targets, totals, sources)
        if round(goal.value_usd_bn, 6) not in values
    ]
    return sorted([*stated, *extra], key=lambda goal: goal.value_usd_bn)


# --- presets ------------------------------------------------------------------------------------

PresetId = Literal["recent_trend", "roadmap", "doubling", "projects_delayed", "own"]
PRESET_IDS: tuple[PresetId, ...] = (
    "recent_trend",
    "roadmap",
    "doubling",
    "projects_delayed",
    "own",
)
# The "Roadmap for the development of regional cooperation" approved at the 6th Consultative
# Meeting (Astana, 9 August 2024) runs to 2027 and states no trade figure (kapital.kz report;
# trade dossier, section 6). The preset is a reading of it, labelled as such on the page: the
# nearest goal not yet reached, by the roadmap's last year.
ROADMAP_END_YEAR = 2027
# Illustrative: how many years the "Projects delayed" preset adds to every completion due after
# the base year. For scale, Rogun's completion moved from 2028 (2018 plan) to 2033 (projects.csv).
DELAYED_PRESET_YEARS = 3
GROWTH_STEP_PERCENT = 0.1


@dataclass(frozen=True)
class Preset:
    """The values a preset sets; None leaves that setting as it is.

    Attributes:
        preset_id: which preset.
        growth_percent: organic growth, percent a year, on the slider's step.
        goal_usd_bn: the goal, USD billion a year.
        target_year: the year the goal is to be reached by.
        delay_years: years added to completions due after the base year.
        effects_enabled: whether project effects count.
        goal: the goal the preset reads from targets.csv, where it sets one.
    """

    preset_id: PresetId
    growth_percent: float | None = None
    goal_usd_bn: float | None = None
    target_year: int | None = None
    delay_years: int | None = None
    effects_enabled: bool | None = None
    goal: Goal | None = None

    def settings(self) -> dict[str, float | int | bool]:
        """Return the settings this preset fixes, by name (growth_percent, goal_usd_bn, ...)."""
        names = ("growth_percent", "goal_usd_bn", "target_year", "delay_years", "effects_enabled")
        return {name: getattr(self, name) for name in names if getattr(self, name) is not None}

    def matches(self, **current: float | int | bool) -> bool:
        """Whether every setting this preset fixes equals the current one (growth to its step)."""
        for name, value in self.settings().items():
            if name not in current:
                return False
            if isinstance(value, float) and not isinstance(value, bool):
                if not math.isclose(float(current[name]), value, abs_tol=1e-6):
                    return False
            elif current[name] != value:
                return False
        return True


def _on_step(percent: float, step: float, *, up: bool) -> float:
    """Round a growth in percent to the slider's step: up, or to the nearest."""
    steps = percent / step
    whole = math.ceil(round(steps, 6)) if up else round(steps)
    return round(whole * step, 6)


def scenario_presets(
    *,
    base_year: int,
    base_value_usd_bn: float,
    trend: ObservedTrend | None,
    goals: Sequence[Goal],
    multiples: Sequence[Goal],
    growth_range_percent: tuple[float, float],
    growth_step_percent: float = GROWTH_STEP_PERCENT,
) -> dict[PresetId, Preset]:
    """Return what each preset sets, given the base year, the observed trend and the goals.

    - recent_trend: growth = the observed trend (to the nearest step), no delay, effects on.
    - roadmap: the nearest goal above the base value by ROADMAP_END_YEAR, growth = what it
      requires from the base (rounded up to the step, so organic growth alone reaches it), no
      delay, effects on.
    - doubling: the first of `multiples` (goals stated as a multiple, see `multiplied_goals`)
      with a deadline, by that deadline, growth = what it requires (rounded up), no delay,
      effects on.
    - projects_delayed: as recent_trend, with every completion after the base year moved
      DELAYED_PRESET_YEARS later.
    - own: sets nothing.

    A growth outside `growth_range_percent` is clamped to it. A preset whose goal or deadline is
    missing, or whose deadline is not after the base year, sets only what it can.
    """
    low, high = growth_range_percent

    def clamp(percent: float) -> float:
        return min(max(percent, low), high)

    trend_percent = (
        clamp(_on_step(trend.cagr * 100, growth_step_percent, up=False)) if trend else None
    )

    def required(goal: Goal | None, year: int | None) -> float | None:
        if goal is None or year is None or year <= base_year:
            return None
        growth = required_growth(base_value_usd_bn, goal.value_usd_bn, base_year, year)
        return clamp(_on_step(growth * 100, growth_step_percent, up=True))

    open_goals = [g for g in goals if g.value_usd_bn > base_value_usd_bn]
    roadmap_goal = min(open_goals, key=lambda g: g.value_usd_bn) if open_goals else None
    dated = [g for g in multiples if g.deadline_year is not None]
    doubling_goal = dated[0] if dated else None
    doubling_year = doubling_goal.deadline_year if doubling_goal else None
    return {
        "recent_trend": Preset(
            "recent_trend", growth_percent=trend_percent, delay_years=0, effects_enabled=True
        ),
        "roadmap": Preset(
            "roadmap",
            growth_percent=required(roadmap_goal, ROADMAP_END_YEAR),
            goal_usd_bn=roadmap_goal.value_usd_bn if roadmap_goal else None,
            target_year=ROADMAP_END_YEAR,
            delay_years=0,
            effects_enabled=True,
            goal=roadmap_goal,
        ),
        "doubling": Preset(
            "doubling",
            growth_percent=required(doubling_goal, doubling_year),
            goal_usd_bn=doubling_goal.value_usd_bn if doubling_goal else None,
            target_year=doubling_year,
            delay_years=0,
            effects_enabled=True,
            goal=doubling_goal,
        ),
        "projects_delayed": Preset(
            "projects_delayed",
            growth_percent=trend_percent,
            delay_years=DELAYED_PRESET_YEARS,
            effects_enabled=True,
        ),
        "own": Preset("own"),
    }


def matching_preset(presets: Mapping[PresetId, Preset], **current: float | int | bool) -> PresetId:
    """Return the preset whose settings all equal the current ones, else 'own'.

    Presets that fix more settings are tried first, so a deadline preset wins over a trend
    preset that happens to share its growth.
    """
    candidates = [p for p in presets.values() if p.preset_id != "own" and p.settings()]
    candidates.sort(key=lambda p: -len(p.settings()))
    for preset in candidates:
        if preset.matches(**current):
            return preset.preset_id
    return "own"
