"""Each project's effect written out: its formula with the numbers used, and why it counts or not.

Made from a row of `ca_trade.scenario.project_effects` (its `terms`, `reason` and
`reason_detail`) in the current language, with its decimal mark and a true minus.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

from ca_trade.format import MINUS, format_number, format_significant
from ca_trade.i18n import t
from ca_trade.scenario.formulas import FREIGHT_SHARE, Term


def _num(value: float) -> str:
    """Write a number of a formula: up to six significant digits, the language's decimal mark."""
    return format_significant(value)


def own_effect_reason(parameter: str) -> str:
    """Return why a directly set own effect is usually zero (by the parameter that sets it)."""
    reasons = {
        "power.transmission_effect": t("enabler only: the plant sales it carries count there"),
        "gas.transit_projects_effect": t("transit or sales outside the region"),
        "gas.domestic_projects_effect": t("domestic supply, no sales to neighbours documented"),
        "port.intraregional_effect": t("mainly transit and trade outside the region"),
        "hub.intraregional_effect": t("its trade is with countries outside the region"),
        FREIGHT_SHARE: t("transit or domestic corridor: intraregional share 0"),
    }
    return reasons.get(parameter, parameter)


def _hydro(output: float, share: float, price: float) -> str:
    """Return '10 x output bn kWh x share x price US c/kWh' (USD million a year), as written."""
    return t(
        "10 x {output} bn kWh x {share} x {price} US c/kWh",
        output=_num(output),
        share=_num(share),
        price=_num(price),
    )


def term_text(term: Term) -> str:
    """Return one part of a formula with its numbers, in the current language."""
    v = term.values
    if term.kind == "hydro_sales":
        return _hydro(v[0], v[1], v[2])
    if term.kind == "hydro_pre_completion":
        return _hydro(v[0], v[1], v[2]) + " " + t("(pre-completion sales, already in the base)")
    if term.kind == "hydro_existing_displaced":
        return t(
            "10 x {output} bn kWh x {price} US c/kWh (existing exports displaced)",
            output=_num(v[0]),
            price=_num(v[1]),
        )
    if term.kind == "hydro_imports_displaced":
        return t(
            "10 x min({output} x (1 - {share}), {remaining} bn kWh of imports not yet "
            "displaced) x {intra} x {price} US c/kWh (intraregional imports displaced)",
            output=_num(v[0]),
            share=_num(v[1]),
            remaining=_num(v[2]),
            intra=_num(v[3]),
            price=_num(v[4]),
        )
    if term.kind == "gas_sales":
        volumes = " + ".join(
            t("{volume} bcm/yr [{parameter}]", volume=_num(volume), parameter=name)
            for volume, name in zip(v[1:], term.names, strict=True)
        )
        return t("({terms}) x {price} USD per 1000 m3", terms=volumes, price=_num(v[0]))
    if term.kind == "gas_existing_contract":
        return t(
            "; the existing {volume} bcm/yr contract is in the base, not added", volume=_num(v[0])
        )
    if term.kind == "freight":
        return t(
            "{cargo} Mt x {share} intraregional x {additionality} new x {value} USD/t",
            cargo=_num(v[0]),
            share=_num(v[1]),
            additionality=_num(v[2]),
            value=_num(v[3]),
        )
    if term.kind == "pair_time":
        return t(
            "{trade} USD m pair trade [{pair}] x {per_day}% per day x {days} days saved",
            trade=_num(v[0]),
            pair=term.names[0],
            per_day=_num(v[1]),
            days=_num(v[2]),
        )
    if term.kind == "hub_increment":
        return t("{value} USD m/yr hub increment", value=_num(v[0]))
    if term.kind == "hub_check":
        return " " + t(
            "(elasticity cross-check: {trade} x {share} x {elasticity}% per 1% x {cut}% = "
            "{check} USD m)",
            trade=_num(v[0]),
            share=_num(v[1]),
            elasticity=_num(v[2]),
            cut=_num(v[3]),
            check=format_number(v[4], 1),
        )
    if term.kind == "own_effect":
        why = own_effect_reason(term.names[0])
        if term.names[0] == FREIGHT_SHARE:
            return t("{value} USD m/yr ({why})", value=_num(v[0]), why=why)
        return t("{value} USD m/yr own effect ({why})", value=_num(v[0]), why=why)
    # line_d_offtake: the sourced zero offtake that backs the transit rule
    return t("; Tajik offtake {volume} bcm/yr", volume=_num(v[0]))


_HYDRO_PARTS = ("hydro_pre_completion", "hydro_existing_displaced", "hydro_imports_displaced")


def effect_formula(row: Mapping[Hashable, Any]) -> str:
    """Return a project's calculation with the numbers used (USD million a year), or '-'.

    Args:
        row: a row of `project_effects` (as a mapping): method, terms, formula_effect_usd_bn,
            escalation_per_year.
    """
    terms: Sequence[Term] = row["terms"]
    if not terms:
        return "-"
    text = ""
    for term in terms:
        # What a plant displaces is subtracted from its sales.
        joiner = f" {MINUS} " if term.kind in _HYDRO_PARTS else ""
        text += joiner + term_text(term)
    usd_bn = float(row["formula_effect_usd_bn"])
    if row["method"] != "own_effect":
        text = t(
            "{formula} = {usd_m} USD m/yr = {usd_bn} USD bn/yr",
            formula=text,
            usd_m=format_number(usd_bn * 1000, 1),
            usd_bn=format_number(usd_bn, 4),
        )
        rate = float(row["escalation_per_year"])
        if rate:
            text += t(
                "; price indexed +{rate}%/yr from the first year counted", rate=_num(rate * 100)
            )
    return text


def effect_reason(row: Mapping[Hashable, Any]) -> str:
    """Return why a project is counted or not, in the current language.

    Args:
        row: a row of `project_effects` (as a mapping): reason, reason_detail, group,
            completion_year, ramp_years.
    """
    code, detail = str(row["reason"]), str(row["reason_detail"])
    if code == "counted":
        return t(
            "counted: ramps up over {ramp} years from the completion year {year}; what it "
            "delivered by the base year is in the base value",
            ramp=_num(float(row["ramp_years"])),
            year=int(row["completion_year"]),
        )
    if code == "missing":
        return t("missing default assumption: {parameters}", parameters=detail)
    if code == "zero_own":
        return t("zero effect: {why}", why=own_effect_reason(detail))
    if code == "zero_formula":
        return t("the formula gives zero")
    if code == "no_completion_year":
        return t("no completion year stated: the effect cannot be placed in time")
    if code == "no_ramp":
        return t(
            "missing or non-positive default assumption {parameter} for {group}",
            parameter=detail,
            group=str(row["group"]),
        )
    return t("no defensible formula: no default assumption defines an effect for this project")
