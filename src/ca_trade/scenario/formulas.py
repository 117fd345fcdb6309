"""One formula per kind of project (research note `scenario/SOURCES.md`, section 3), as numbers.

Each formula returns the project's effect in USD million a year and the terms it is made of:
frozen `Term`s holding the numbers used, which `ca_trade.present.scenario_effects` writes out.
Parameters are looked up for a project by id, then by type, then under `all`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from ca_trade.scenario.params import Band

TermKind = Literal[
    "hydro_sales",
    "hydro_pre_completion",
    "hydro_existing_displaced",
    "hydro_imports_displaced",
    "gas_sales",
    "gas_existing_contract",
    "freight",
    "pair_time",
    "hub_increment",
    "hub_check",
    "own_effect",
    "line_d_offtake",
]
ReasonCode = Literal[
    "counted",
    "no_formula",
    "missing",
    "zero_own",
    "zero_formula",
    "no_completion_year",
    "no_ramp",
]

# Parameters that set a project's own effect directly, in USD million a year (usually zero:
# transit, enablers, trade outside the region; scenario/SOURCES.md, section 2).
OWN_EFFECT_PARAMETERS: tuple[str, ...] = (
    "power.transmission_effect",
    "gas.transit_projects_effect",
    "gas.domestic_projects_effect",
    "port.intraregional_effect",
    "hub.intraregional_effect",
)
# Gas flows sold within the region that a project adds (bcm/yr), in the order they are shown.
GAS_FLOW_PARAMETERS = ("gas.volume_tkm_kaz_intended", "gas.volume_new_tkm_uzb")
GAS_BASE_PARAMETER = "gas.volume_tkm_uzb_contract"
CARGO_PARAMETERS = ("rail.additional_cargo", "rail.cargo_capacity")
PRICE_PARAMETERS = ("power.price_contract", "power.price_default_uncontracted")
KGZ_POOL_PARAMETER = "power.displacement_kgz_imports"
FREIGHT_SHARE = "freight.intraregional_share"
RAMP_PARAMETER = "effect.ramp_years"
INDEXATION_PARAMETER = "power.price_indexation"
PAIR_PREFIX = "pair.trade."


@dataclass(frozen=True)
class Term:
    """One part of a project's formula: which part, and the numbers it uses.

    Attributes:
        kind: which part (see `ca_trade.present.scenario_effects` for each one written out).
        values: its numbers, in the units of the assumptions they come from.
        names: the parameters or pair it names, where it names any.
    """

    kind: TermKind
    values: tuple[float, ...]
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Value:
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


class Lookup:
    """Default assumption rows indexed by (parameter, applies_to)."""

    def __init__(self, defaults: pd.DataFrame) -> None:
        self._rows: dict[tuple[str, str], list[Value]] = {}
        for record in defaults.to_dict("records"):
            value = float(record["value"])
            low = value if pd.isna(record["low"]) else float(record["low"])
            high = value if pd.isna(record["high"]) else float(record["high"])
            key = (str(record["parameter"]), str(record["applies_to"]))
            entry = Value(str(record["assumption_id"]), value, low, high, str(record["unit"]))
            self._rows.setdefault(key, []).append(entry)

    def get(self, parameter: str, project_id: str, group: str) -> Value | None:
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
class Effect:
    """What one project's formula gives, before timing is applied (USD million a year)."""

    method: str
    effect_usd_m: float | None
    terms: tuple[Term, ...]
    ids: list[str]
    reason: ReasonCode | None = None
    detail: str = ""  # the parameters missing, or the parameter of a zero own effect


@dataclass
class Resolver:
    """Looks up one project's parameters for one band and records the ids it used."""

    lookup: Lookup
    band: Band
    project_id: str
    group: str
    ids: list[str] = field(default_factory=list)

    def row(self, parameter: str) -> Value | None:
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


def _missing(r: Resolver, parameters: str) -> Effect:
    """Return the no-effect result of a formula that lacks default assumptions (named)."""
    return Effect("none", None, (), r.ids, "missing", parameters)


def pair_parameter(countries: object) -> str | None:
    """Return the pair-trade parameter for a two-country project, else None."""
    if not isinstance(countries, str):
        return None
    codes = sorted(code.strip().lower() for code in countries.split(";") if code.strip())
    if len(codes) != 2:
        return None
    return f"{PAIR_PREFIX}{codes[0]}_{codes[1]}"


def hydro_effect(r: Resolver, pool_used: dict[str, float]) -> Effect:
    """Electricity sold within the region minus imports it displaces (SOURCES.md 3.1), USD m."""
    generation = r.take("hydro.generation_full")
    share = r.take("hydro.regional_export_share")
    price_name = next((p for p in PRICE_PARAMETERS if r.row(p) is not None), None)
    price = r.take(price_name) if price_name else None
    if generation is None or share is None or price is None:
        missing = [
            name
            for name, got in (
                ("hydro.generation_full", generation),
                ("hydro.regional_export_share", share),
                (" or ".join(PRICE_PARAMETERS), price),
            )
            if got is None
        ]
        return _missing(r, "; ".join(missing))
    values = [10 * generation * share * price]
    terms = [Term("hydro_sales", (generation, share, price))]
    stage = r.take("hydro.generation_current_stage", raises_effect=False)
    if stage is not None:
        stage_share = r.take("hydro.regional_export_share_pre_completion", raises_effect=False)
        if stage_share is not None:
            values.append(-10 * stage * stage_share * price)
            terms.append(Term("hydro_pre_completion", (stage, stage_share, price)))
    existing = r.take("power.displacement_tjk_existing", raises_effect=False)
    if existing is not None:
        existing_price = r.take("power.price_tjk_uzb_2022", raises_effect=False) or 0.0
        values.append(-10 * existing * existing_price)
        terms.append(Term("hydro_existing_displaced", (existing, existing_price)))
    pool = r.take(KGZ_POOL_PARAMETER, raises_effect=False)
    if pool is not None:
        intra = r.take("power.kgz_imports_intraregional_share", raises_effect=False)
        import_price = r.take("power.price_kgz_imports", raises_effect=False)
        if intra is None or import_price is None:
            return _missing(r, "power.kgz_imports_intraregional_share or power.price_kgz_imports")
        used = pool_used.get(KGZ_POOL_PARAMETER, 0.0)
        remaining = max(0.0, pool - used)
        displaced = min(generation * (1 - share), remaining)
        pool_used[KGZ_POOL_PARAMETER] = used + displaced
        values.append(-10 * displaced * intra * import_price)
        terms.append(
            Term("hydro_imports_displaced", (generation, share, remaining, intra, import_price))
        )
    return Effect("hydropower", math.fsum(values), tuple(terms), r.ids)


def gas_effect(r: Resolver) -> Effect:
    """Gas volume sold within the region times the price (SOURCES.md 3.3), USD m."""
    flows = [(name, r.take(name)) for name in GAS_FLOW_PARAMETERS if r.row(name) is not None]
    price = r.take("gas.price_intraregional")
    if price is None:
        return _missing(r, "gas.price_intraregional")
    counted = [(name, v) for name, v in flows if v is not None]
    volume = math.fsum(v for _, v in counted)
    terms = [
        Term("gas_sales", (price, *(v for _, v in counted)), tuple(name for name, _ in counted))
    ]
    base = r.take(GAS_BASE_PARAMETER)
    if base is not None:
        terms.append(Term("gas_existing_contract", (base,)))
    return Effect("gas_volume", volume * price, tuple(terms), r.ids)


def freight_volume_effect(r: Resolver, cargo_name: str) -> Effect:
    """Added tonnage x intraregional share x additionality x value per tonne, USD m."""
    cargo = r.take(cargo_name)
    share = r.take(FREIGHT_SHARE)
    additionality = r.take("freight.additionality")
    value = r.take("freight.value_per_tonne")
    if cargo is None or share is None or additionality is None or value is None:
        return _missing(
            r, "freight.intraregional_share, freight.additionality or freight.value_per_tonne"
        )
    term = Term("freight", (cargo, share, additionality, value))
    return Effect("freight_volume", cargo * share * additionality * value, (term,), r.ids)


def time_effect(r: Resolver, pair_name: str) -> Effect | None:
    """Pair trade x trade loss per day x days saved (SOURCES.md 3.4 B), USD m; None if n/a."""
    needed = (pair_name, "tf.trade_loss_per_day", "corridor.days_saved")
    if any(r.row(name) is None for name in needed):
        return None
    pair = r.take(pair_name)
    per_day = r.take("tf.trade_loss_per_day")
    days = r.take("corridor.days_saved")
    if pair is None or per_day is None or days is None:
        return None
    term = Term("pair_time", (pair, per_day, days), (pair_name.removeprefix(PAIR_PREFIX),))
    return Effect("corridor_time", pair * per_day / 100 * days, (term,), r.ids)


def hub_effect(r: Resolver, pair_name: str | None) -> Effect:
    """The hub's own trade increment (SOURCES.md 3.5), USD m, with the elasticity cross-check."""
    turnover = r.take("hub.turnover_default")
    if turnover is None:
        return Effect("none", None, (), r.ids, "no_formula")
    terms = [Term("hub_increment", (turnover,))]
    check_names = (
        "hub.share_of_pair_trade_via_crossing",
        "tf.elasticity_importer_border_time",
        "hub.border_time_cut",
    )
    if pair_name is not None and all(r.row(n) is not None for n in (pair_name, *check_names)):
        # The cross-check is shown for judgement; it does not enter the effect.
        checker = Resolver(r.lookup, "central", r.project_id, r.group)
        pair = checker.take(pair_name) or 0.0
        via = checker.take(check_names[0]) or 0.0
        elasticity = checker.take(check_names[1]) or 0.0
        cut = checker.take(check_names[2]) or 0.0
        check = pair * via * (elasticity / 10 / 100) * cut
        terms.append(Term("hub_check", (pair, via, elasticity / 10, cut, check)))
        r.ids.extend(i for i in checker.ids if i not in r.ids)
    return Effect("hub_turnover", turnover, tuple(terms), r.ids)


def own_effect(r: Resolver) -> Effect | None:
    """A directly set own effect (zero for transit, enablers and extra-regional), or None."""
    for parameter in OWN_EFFECT_PARAMETERS:
        found = r.row(parameter)
        if found is None:
            continue
        value = found.pick(r.band, raises_effect=True)
        r.ids.append(found.assumption_id)
        terms = [Term("own_effect", (value,), (parameter,))]
        # Line D: the sourced zero offtake backs the transit rule.
        offtake = r.take("gas.line_d_offtake_tjk")
        if offtake is not None:
            terms.append(Term("line_d_offtake", (offtake,)))
        return Effect("own_effect", value, tuple(terms), r.ids, None, parameter)
    return None


def project_formula(
    r: Resolver, group: str, countries: object, pool_used: dict[str, float]
) -> Effect:
    """Pick one method for the project (SOURCES.md rule 9: one method per project)."""
    own = own_effect(r)
    if own is not None:
        return own
    if group == "hydropower" and r.row("hydro.generation_full") is not None:
        return hydro_effect(r, pool_used)
    if group == "gas" and any(r.row(n) is not None for n in GAS_FLOW_PARAMETERS):
        return gas_effect(r)
    if group in ("rail", "road"):
        cargo_name = next((n for n in CARGO_PARAMETERS if r.row(n) is not None), None)
        if cargo_name is not None:
            return freight_volume_effect(r, cargo_name)
        share = r.row(FREIGHT_SHARE)
        if share is not None and share.value == 0:
            r.take(FREIGHT_SHARE)
            term = Term("own_effect", (0.0,), (FREIGHT_SHARE,))
            return Effect("own_effect", 0.0, (term,), r.ids, None, FREIGHT_SHARE)
        pair_name = pair_parameter(countries)
        if pair_name is not None:
            timed = time_effect(r, pair_name)
            if timed is not None:
                return timed
    if group == "hub" and r.row("hub.turnover_default") is not None:
        return hub_effect(r, pair_parameter(countries))
    return Effect("none", None, (), r.ids, "no_formula")
