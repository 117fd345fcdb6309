"""Sections of the Scenario page drawn by the whole page's run: how the projection is computed."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from ca_trade.data import TradeData
from ca_trade.estimate import ChainEstimate
from ca_trade.format import format_number
from ca_trade.i18n import localized, t
from ca_trade.present.estimate import base_name
from ca_trade.present.projects import type_label
from ca_trade.present.scenario import (
    applies_to_label,
    assumption_unit,
    parameter_label,
)
from ca_trade.present.scenario_effects import effect_formula, effect_reason
from ca_trade.present.scenario_method import kind_lines, model_lines
from ca_trade.progress import SourcedValue
from ca_trade.scenario import ScenarioParams
from ca_trade.scenario.effects import values_in_force
from ca_trade.ui.cache import scenario_path
from ca_trade.ui.common import escape_markdown, small_markdown, source_column, source_link


def how_section(
    data: TradeData,
    params: ScenarioParams,
    target_year: int,
    assumptions: pd.DataFrame,
    effects: pd.DataFrame,
    *,
    names: Mapping[str, str],
    labels: Mapping[str, str],
    country_names: Mapping[str, str],
    base_source: SourcedValue | None,
    base_estimate: ChainEstimate | None = None,
) -> None:
    """Draw the model's equations, each kind of project's formula, the projects counted with
    their numbers, and every assumption used by default (drawn only when the section is open)."""
    overrides = params.assumption_overrides
    path = scenario_path(params)
    at_target = path[path["year"] == target_year].iloc[0]
    default_assumptions = assumptions[
        assumptions["is_default"].astype("boolean").fillna(False).astype(bool)
    ].reset_index(drop=True)
    lines = [
        escape_markdown(line)
        for line in model_lines(
            params,
            target_year,
            (float(at_target["low"]), float(at_target["high"])),
            base_name(params.base_year, base_estimate),
        )
    ]
    if base_source:
        lines[0] += " " + t("Source: {source}.", source=source_link(data, base_source.source_id))
    st.markdown("\n".join(f"- {line}" for line in lines))
    st.markdown("**" + escape_markdown(t("The effect of each kind of project")) + "**")
    loss_per_day = values_in_force(assumptions, overrides, "tf.trade_loss_per_day")
    st.markdown("\n".join(f"- {escape_markdown(line)}" for line in kind_lines(loss_per_day)))
    st.markdown("**" + escape_markdown(t("The projects counted, with the numbers used")) + "**")
    counted = effects[effects["counted"]]
    for record in counted.to_dict("records"):
        project_id = str(record["project_id"])
        st.markdown(
            escape_markdown(
                t(
                    "{project} ({group}), completed {year}, full level after {ramp} years:",
                    project=names[project_id],
                    group=type_label(str(record["group"])),
                    year=int(record["completion_year"]),
                    ramp=format_number(float(record["ramp_years"]), 0),
                )
            )
        )
        st.code(effect_formula(record), language=None, wrap_lines=True)
    st.markdown("**" + escape_markdown(t("Every project, counted or not, and why")) + "**")
    effect_rows = effects.copy()
    effect_rows["project"] = [names[p] for p in effect_rows["project_id"].astype(str)]
    records = effect_rows.to_dict("records")
    st.dataframe(
        pd.DataFrame(
            {
                t("Project"): effect_rows["project"].tolist(),
                t("Group"): [type_label(g) for g in effect_rows["group"].astype(str)],
                t("Completion year"): effect_rows["completion_year"].tolist(),
                t("Counted"): effect_rows["counted"].tolist(),
                # Text, so that a negative effect carries a true minus.
                t("Full effect, USD billion a year"): [
                    "" if math.isnan(v) else format_number(v, 4)
                    for v in effect_rows["formula_effect_usd_bn"].astype(float)
                ],
                t("Formula with the numbers used"): [effect_formula(r) for r in records],
                t("Why"): [effect_reason(r) for r in records],
            }
        ),
        hide_index=True,
        column_config={
            t("Formula with the numbers used"): st.column_config.TextColumn(width="large"),
        },
        key="scenario_effects_table",
    )
    st.markdown("**" + escape_markdown(t("Every assumption used by default")) + "**")
    small_markdown(
        escape_markdown(
            t(
                "These are model assumptions, not data. A sourced value is printed in the "
                "publication linked; an illustrative value has no source and is shown with the "
                "range the band uses."
            )
        )
    )
    source_urls = data.sources.set_index("source_id")["url"].astype(str)
    st.dataframe(
        pd.DataFrame(
            {
                t("Parameter"): [
                    parameter_label(p, labels, country_names)
                    for p in default_assumptions["parameter"].astype(str)
                ],
                t("Applies to"): [
                    applies_to_label(a, names)
                    for a in default_assumptions["applies_to"].astype(str)
                ],
                t("Value used"): [
                    overrides.get(a, v)
                    for a, v in zip(
                        default_assumptions["assumption_id"].astype(str),
                        default_assumptions["value"].astype(float),
                        strict=True,
                    )
                ],
                t("Default"): default_assumptions["value"].tolist(),
                t("Low"): default_assumptions["low"].tolist(),
                t("High"): default_assumptions["high"].tolist(),
                t("Unit"): [assumption_unit(r) for r in default_assumptions.to_dict("records")],
                t("Basis"): [
                    t("sourced") if b == "sourced" else t("illustrative")
                    for b in default_assumptions["basis"].astype(str)
                ],
                t("Source"): [
                    source_urls.get(s, None) if isinstance(s, str) else None
                    for s in default_assumptions["source_id"]
                ],
                t("Note"): localized(default_assumptions, "note").tolist(),
                t("Identifier"): default_assumptions["assumption_id"].astype(str).tolist(),
            }
        ),
        hide_index=True,
        column_config={
            **source_column(),
            t("Note"): st.column_config.TextColumn(width="large"),
        },
        key="scenario_assumptions_table",
    )
