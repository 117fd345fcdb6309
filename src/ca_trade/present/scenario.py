"""Words of the scenario's inputs: parameter, group and section labels, and the assumption inputs.

Made from the assumptions table and the scenario's ids in the current language.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ca_trade.format import format_number, format_usd_bn
from ca_trade.i18n import DEFAULT_LANGUAGE, current_language, localized, t
from ca_trade.present.projects import type_label
from ca_trade.scenario.formulas import PAIR_PREFIX
from ca_trade.scenario.pairs import pair_unit_year


def parameter_labels(parameters: pd.DataFrame) -> dict[str, str]:
    """Return parameter -> its name in the current language, from scenario_parameters.csv."""
    return dict(
        zip(parameters["parameter"].astype(str), localized(parameters, "label"), strict=True)
    )


def parameter_label(
    parameter: str, labels: Mapping[str, str], country_names: Mapping[str, str] | None = None
) -> str:
    """Return the reader-facing name of an assumption parameter (e.g. 'hydro.generation_full').

    Args:
        parameter: the parameter, as in the assumptions table.
        labels: names by parameter (`parameter_labels`); a parameter without one is shown as it is.
        country_names: country name by ISO3 code (in the current language), for the pair of a
            pair-trade parameter ('pair.trade.kaz_uzb'); without it the codes are shown.
    """
    if parameter.startswith(PAIR_PREFIX):
        codes = parameter.removeprefix(PAIR_PREFIX).upper().split("_")
        names = country_names or {}
        pair = (
            " – ".join(names.get(code, code) for code in codes)
            if names
            else "–".join(codes)  # codes alone: 'KAZ–UZB'
        )
        return t("Trade of the pair {pair}", pair=pair)
    return labels.get(parameter, parameter)


def applies_to_label(applies_to: str, names: Mapping[str, str]) -> str:
    """Return what an assumption row applies to: a project's name, a group's name, or all."""
    if applies_to == "all":
        return t("all projects")
    if applies_to in names:
        return names[applies_to]
    return type_label(applies_to)


@dataclass(frozen=True)
class AssumptionInput:
    """What the page needs to show one default assumption as a number input.

    Attributes:
        assumption_id: the row's id, also the widget key and URL parameter.
        section: the project group it belongs to, or 'all' for shared parameters.
        label: parameter, what it applies to, and unit.
        help: default value, basis (sourced, or illustrative with its range) and the row's note.
        value: the default value, in the row's unit.
        step: the input's step.
        number_format: printf format of the input.
        max_value: 1 for shares, else None.
    """

    assumption_id: str
    section: str
    label: str
    help: str
    value: float
    step: float
    number_format: str
    max_value: float | None


def _plain_number(value: float) -> str:
    """Return a number with up to four decimals and no trailing zeros, in the current language."""
    text = format_number(value, 4)
    return text.rstrip("0").rstrip(".,") if any(c in text for c in ".,") else text


def _input_step(value: float, high: float, unit: str) -> tuple[float, str]:
    """Return a number input's step and printf format for an assumption's value."""
    if unit.startswith("share"):
        return 0.01, "%.2f"
    text = f"{value:.6f}".rstrip("0")
    decimals = len(text.split(".")[1]) if "." in text else 0
    if decimals:
        return 10.0**-decimals, f"%.{decimals}f"
    reference = max(abs(value), 0.0 if math.isnan(high) else abs(high))
    step = 10.0 ** max(0, math.floor(math.log10(reference)) - 1) if reference >= 100 else 1.0
    return step, "%.0f"


def assumption_inputs(
    defaults: pd.DataFrame,
    names: Mapping[str, str],
    types: Mapping[str, str],
    *,
    labels: Mapping[str, str],
    country_names: Mapping[str, str] | None = None,
) -> list[AssumptionInput]:
    """Describe each default assumption as a number input, ordered by section then file order.

    Args:
        defaults: the default rows of the assumptions table.
        names: project name by project id.
        types: project group (type) by project id.
        labels: parameter names (`parameter_labels`).
        country_names: country name by ISO3 code, for pair-trade parameters.

    The unit (`assumption_unit`) and the note are read through `localized` (a `unit_ru`,
    `note_ru` column in the data translates them; without one they are shown as written, a note
    marked as English on a page in another language).
    """
    inputs: list[AssumptionInput] = []
    records: list[dict[Hashable, Any]] = defaults.to_dict("records")
    for record in records:
        applies_to = str(record["applies_to"])
        value = float(record["value"])
        low = float(record["low"]) if pd.notna(record["low"]) else math.nan
        high = float(record["high"]) if pd.notna(record["high"]) else math.nan
        unit = str(record["unit"])
        step, number_format = _input_step(value, high, unit)
        if record["basis"] == "sourced":
            basis = t("sourced")
        elif math.isnan(low) and math.isnan(high):
            basis = t("illustrative")  # no range: nothing to print but dashes
        else:
            basis = t(
                "illustrative, range {low} to {high}",
                low=_plain_number(low) if not math.isnan(low) else "–",
                high=_plain_number(high) if not math.isnan(high) else "–",
            )
        note = localized(record, "note")
        if note and note == record["note"] and current_language() != DEFAULT_LANGUAGE:
            note = t("{note} (in English)", note=note)  # no translation of this row's note
        inputs.append(
            AssumptionInput(
                assumption_id=str(record["assumption_id"]),
                section=types.get(applies_to, applies_to),
                label=t(
                    "{parameter}, {target} [{unit}]",
                    parameter=parameter_label(str(record["parameter"]), labels, country_names),
                    target=applies_to_label(applies_to, names),
                    unit=assumption_unit(record),
                ),
                help=t("Default {value} ({basis}).", value=_plain_number(value), basis=basis)
                + (f" {note}" if note else ""),
                value=value,
                step=step,
                number_format=number_format,
                max_value=1.0 if unit.startswith("share") else None,
            )
        )
    order = {section: i for i, section in enumerate(_section_order({i.section for i in inputs}))}
    return sorted(inputs, key=lambda item: order[item.section])


def assumption_unit(record: Mapping[Hashable, Any]) -> str:
    """Return an assumption's unit in the current language: the data's translation, or for the
    pair rows made from the flows (which have none) the unit written here."""
    year = pair_unit_year(str(record["unit"]))
    return localized(record, "unit") if year is None else t("USD million ({year})", year=year)


SECTION_ORDER = (
    "hydropower",
    "gas",
    "rail",
    "road",
    "hub",
    "power_transmission",
    "port",
    "water_energy",
    "all",
)


def _section_order(sections: set[str]) -> list[str]:
    """Return the sections: the groups with effects first, shared parameters last."""
    return sorted(
        sections,
        key=lambda s: (SECTION_ORDER.index(s) if s in SECTION_ORDER else len(SECTION_ORDER) - 1, s),
    )


def section_label(section: str) -> str:
    """Return the heading of an assumptions section: a group's name, or 'Shared'."""
    return t("Shared by several projects") if section == "all" else type_label(section)


def format_effect(value_usd_bn: float, *, signed: bool = False) -> str:
    """Format a project's effect in USD billion: two decimals, three below $0.01bn; a negative
    effect with a true minus ('−$0.05bn'), and with `signed` a positive one with a plus."""
    decimals = 3 if 0 < abs(value_usd_bn) < 0.01 else 2
    return format_usd_bn(value_usd_bn, decimals, signed=signed)
