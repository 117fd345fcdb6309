"""Each project's annual effect on intraregional trade, derived from the assumptions table.

The parameters of the formulas (`formulas.py`) are read from the `assumptions` table, only rows
with `is_default` true; two default rows at the level that matches a project are an error.
Projects without a completion year, and projects whose formula gives zero (transit, sales outside
the region, enablers), are not counted; the frame says why with a reason code.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ca_trade.scenario.formulas import (
    INDEXATION_PARAMETER,
    RAMP_PARAMETER,
    Lookup,
    ReasonCode,
    Resolver,
    project_formula,
)
from ca_trade.scenario.params import BANDS, Band, check_columns

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
    "terms",
    "assumption_ids",
    "reason",
    "reason_detail",
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


def apply_overrides(assumptions: pd.DataFrame, overrides: Mapping[str, float]) -> pd.DataFrame:
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


def default_rows(assumptions: pd.DataFrame) -> pd.DataFrame:
    """Return the rows marked is_default, with value/low/high as float64."""
    flags = assumptions["is_default"].astype("boolean").fillna(False).astype(bool)
    rows = assumptions.loc[flags, list(ASSUMPTION_COLUMNS)].copy()
    for column in ("value", "low", "high"):
        rows[column] = pd.to_numeric(rows[column], errors="raise").astype("float64")
    if rows["value"].isna().any():
        bad = ", ".join(rows.loc[rows["value"].isna(), "assumption_id"].astype(str))
        raise ValueError(f"assumptions: default rows without a value: {bad}")
    return rows


def values_in_force(
    assumptions: pd.DataFrame, overrides: Mapping[str, float], parameter: str
) -> dict[str, float]:
    """Return the default value of `parameter` after the overrides, by what each row applies to
    (a project id, a project type or 'all'), in the row's unit and file order."""
    rows = default_rows(apply_overrides(assumptions, overrides))
    rows = rows[rows["parameter"] == parameter]
    return dict(zip(rows["applies_to"].astype(str), rows["value"].astype(float), strict=True))


def _reason(
    code: ReasonCode | None, method: str, usd_m: float | None, year: int | None, ramp: float | None
) -> ReasonCode:
    """Return why a project is counted or not, as a code (worded by `present`)."""
    if usd_m is None:
        return code or "no_formula"
    if method == "own_effect" and usd_m == 0:
        return "zero_own"
    if usd_m == 0:
        return "zero_formula"
    if year is None:
        return "no_completion_year"
    if ramp is None or ramp <= 0:
        return "no_ramp"
    return "counted"


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
        `counted`), `terms` the formula's parts with the numbers used (a tuple of
        `formulas.Term`, USD million a year), `escalation_per_year` the price indexation
        (fraction a year), `assumption_ids` the rows used joined by ';', `reason` why a project
        is or is not counted (a `ReasonCode`) and `reason_detail` the parameters it names.

    Raises:
        ValueError: if a frame lacks a column, an override matches nothing, or a parameter has
            more than one default row for a project.
    """
    check_columns(projects, PROJECT_COLUMNS, "projects")
    check_columns(assumptions, ASSUMPTION_COLUMNS, "assumptions")
    if band not in BANDS:
        raise ValueError(f"band must be one of {', '.join(BANDS)}, got {band!r}")
    lookup = Lookup(default_rows(apply_overrides(assumptions, overrides or {})))
    records = projects.reset_index(drop=True).to_dict("records")
    completion = [
        None if pd.isna(r["completion_year"]) else int(r["completion_year"]) for r in records
    ]
    # Plants sharing a pool of displaced imports draw on it in order of completion.
    order = sorted(
        range(len(records)), key=lambda i: (completion[i] is None, completion[i] or 0, i)
    )
    pool_used: dict[str, float] = {}
    results: dict[int, dict[str, object]] = {}
    for i in order:
        record = records[i]
        group = str(record["type"])
        resolver = Resolver(lookup, band, str(record["project_id"]), group)
        effect = project_formula(resolver, group, record.get("countries"), pool_used)
        usd_m = effect.effect_usd_m
        timed = usd_m is not None and usd_m != 0
        ramp = resolver.take(RAMP_PARAMETER, raises_effect=False) if timed else None
        indexation = (
            resolver.take(INDEXATION_PARAMETER) if timed and effect.method == "hydropower" else None
        )
        reason = _reason(effect.reason, effect.method, usd_m, completion[i], ramp)
        counted = reason == "counted"
        detail = RAMP_PARAMETER if reason == "no_ramp" else effect.detail
        results[i] = {
            "project_id": resolver.project_id,
            "group": group,
            "completion_year": completion[i],
            "method": effect.method,
            "formula_effect_usd_bn": np.nan if usd_m is None else usd_m / 1000,
            "full_effect_usd_bn": usd_m / 1000 if counted and usd_m is not None else 0.0,
            "counted": counted,
            "ramp_years": np.nan if ramp is None else ramp,
            "escalation_per_year": (indexation or 0.0) / 100,
            "terms": effect.terms,
            "assumption_ids": ";".join(resolver.ids),
            "reason": reason,
            "reason_detail": detail,
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
            "terms": "object",
            "assumption_ids": "str",
            "reason": "str",
            "reason_detail": "str",
        }
    )
