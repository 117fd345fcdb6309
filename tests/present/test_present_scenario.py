"""Words of the scenario: formulas written out, reasons and labels, in English and in Russian."""

from __future__ import annotations

import re

import pytest

from ca_trade.data import TradeData, load_trade_data
from ca_trade.i18n import language
from ca_trade.paths import PROJECT_ROOT
from ca_trade.present.scenario import (
    assumption_inputs,
    format_effect,
    parameter_label,
    parameter_labels,
    section_label,
)
from ca_trade.present.scenario_effects import effect_formula, effect_reason
from ca_trade.scenario import project_effects
from ca_trade.scenario.pairs import pair_trade_assumptions, with_pair_trade
from tests.test_scenario import ASSUMPTIONS, PROJECTS, effects_by_id

NBSP = "\u00a0"
MINUS = "\u2212"


def test_formulas_are_written_with_the_numbers_used() -> None:
    by_id = effects_by_id(project_effects(PROJECTS, ASSUMPTIONS))
    dam = effect_formula(by_id["dam_t"])
    assert dam.startswith("10 x 13.1 bn kWh x 0.7 x 3.4 US c/kWh")
    assert f" {MINUS} 10 x 1.3 bn kWh x 0.35 x 3.4 US c/kWh (pre-completion" in dam
    assert "; price indexed +1%/yr from the first year counted" in dam
    assert "2 bcm/yr contract is in the base" in effect_formula(by_id["field_g"])
    assert "cross-check" in effect_formula(by_id["hub_c"])
    assert effect_formula(by_id["road_p"]) == "-"
    assert effect_formula(by_id["pipe_x"]).startswith("0 USD m/yr own effect (transit")


def test_reasons_are_written_from_their_codes() -> None:
    by_id = effects_by_id(project_effects(PROJECTS, ASSUMPTIONS))
    assert effect_reason(by_id["dam_y"]).startswith("no completion year stated")
    assert effect_reason(by_id["road_p"]).startswith("no defensible formula")
    assert effect_reason(by_id["pipe_x"]) == "zero effect: transit or sales outside the region"
    assert effect_reason(by_id["line_r"]).startswith("counted: ramps up over 5 years")


def test_formulas_and_reasons_follow_the_language_with_its_decimal_mark() -> None:
    by_id = effects_by_id(project_effects(PROJECTS, ASSUMPTIONS))
    with language("ru"):
        formula = effect_formula(by_id["dam_t"]).replace(NBSP, " ")
        reasons = {key: effect_reason(by_id[key]) for key in ("dam_t", "dam_y", "pipe_x")}
    assert formula.startswith("10 × 13,1 млрд кВт·ч × 0,7 × 3,4 ¢/кВт·ч")
    assert "(продажи до завершения, уже входят в базу)" in formula
    assert "." not in re.sub(r"[a-z_]+\.[a-z_.]+", "", formula)  # no English decimal point
    assert reasons["dam_t"].startswith("учтён: наращивание")
    assert reasons["dam_y"].startswith("год завершения не назван")
    assert reasons["pipe_x"].startswith("нулевой эффект")


def test_a_negative_formula_result_carries_a_true_minus() -> None:
    # No share sold in the region: the plant only displaces existing exports.
    overrides = {"hydro.regional_export_share": 0.0}
    by_id = effects_by_id(project_effects(PROJECTS, ASSUMPTIONS, overrides=overrides))
    assert by_id["dam_t"]["formula_effect_usd_bn"] < 0
    formula = effect_formula(by_id["dam_t"])
    assert re.search(f"= {MINUS}\\d+(\\.\\d)? USD m/yr = {MINUS}0\\.\\d{{4}} USD bn/yr", formula)
    assert "-0." not in formula
    assert "+-" not in formula


@pytest.mark.parametrize(
    ("lang", "value", "signed", "expected"),
    [
        ("en", -0.05, True, f"{MINUS}$0.05bn"),
        ("en", 0.05, True, "+$0.05bn"),
        ("en", 0.004, True, "+$0.004bn"),
        ("en", -0.05, False, f"{MINUS}$0.05bn"),
        ("ru", -0.05, True, f"{MINUS}0,05{NBSP}млрд{NBSP}$"),
        ("ru", 0.45, True, f"+0,45{NBSP}млрд{NBSP}$"),
    ],
)
def test_a_project_effect_carries_its_own_sign(
    lang: str, value: float, signed: bool, expected: str
) -> None:
    with language(lang):
        assert format_effect(value, signed=signed) == expected


# --- labels and inputs -----------------------------------------------------------------------------


def test_effects_below_a_hundredth_keep_three_decimals() -> None:
    assert format_effect(0.45) == "$0.45bn"
    assert format_effect(0.0038) == "$0.004bn"
    assert format_effect(0.0) == "$0.00bn"


@pytest.fixture(scope="module")
def data() -> TradeData:
    return load_trade_data(PROJECT_ROOT / "data")


def test_parameter_labels_come_from_the_data_in_both_languages(data: TradeData) -> None:
    labels = parameter_labels(data.scenario_parameters)
    assert parameter_label("hydro.generation_full", labels) == "Annual output at full operation"
    assert parameter_label("new.parameter", labels) == "new.parameter"
    assert parameter_label("pair.trade.kaz_uzb", labels) == "Trade of the pair KAZ–UZB"
    names = {"KAZ": "Kazakhstan", "UZB": "Uzbekistan"}
    assert (
        parameter_label("pair.trade.kaz_uzb", labels, names)
        == "Trade of the pair Kazakhstan – Uzbekistan"
    )
    with language("ru"):
        russian = parameter_labels(data.scenario_parameters)
        pair = parameter_label(
            "pair.trade.kaz_uzb", russian, {"KAZ": "Казахстан", "UZB": "Узбекистан"}
        )
        assert pair == "Торговля пары Казахстан – Узбекистан"
        assert russian["hydro.generation_full"] == "Годовая выработка на полной мощности"
    # Every parameter the model reads has a name in both languages.
    defaults = data.assumptions[data.assumptions["is_default"].fillna(False).astype(bool)]
    used = set(defaults["parameter"])
    assert used <= set(labels)
    assert data.scenario_parameters["label_ru"].str.len().gt(0).all()


def test_one_input_per_default_assumption_with_unit_basis_and_range(data: TradeData) -> None:
    assumptions = with_pair_trade(data.assumptions, data.trade_flows, data.countries)
    defaults = assumptions[assumptions["is_default"].fillna(False).astype(bool)]
    names = dict(zip(data.projects["project_id"], data.projects["name"], strict=True))
    types = dict(zip(data.projects["project_id"], data.projects["type"], strict=True))
    labels = parameter_labels(data.scenario_parameters)
    inputs = assumption_inputs(defaults, names, types, labels=labels)
    assert sorted(i.assumption_id for i in inputs) == sorted(defaults["assumption_id"])
    by_id = {i.assumption_id: i for i in inputs}
    rogun = by_id["hydro.generation_full.rogun_hpp"]
    assert rogun.label == "Annual output at full operation, Rogun HPP [bn kWh/yr]"
    assert rogun.value == 13.1
    assert rogun.help.startswith("Default 13.1 (sourced).")
    share = by_id["hydro.regional_export_share.kambarata_1_hpp"]
    assert share.max_value == 1.0
    assert (share.step, share.number_format) == (0.01, "%.2f")
    assert share.help.startswith("Default 0.5 (illustrative, range 0.33 to 0.66).")
    pair = by_id["pair.trade.kaz_uzb.all"]
    assert pair.section == "all"
    assert pair.label == "Trade of the pair KAZ–UZB, all projects [USD million (2025)]"
    # No range to print: the basis is named without one (not 'range – to –').
    transit = by_id["gas.transit_projects_effect.tapi_pipeline"]
    assert transit.help.startswith("Default 0 (illustrative).")
    assert pair.step == 100.0
    sections = list(dict.fromkeys(i.section for i in inputs))
    assert sections[0] == "hydropower"
    assert sections[-1] == "all"
    assert section_label("all") == "Shared by several projects"


def test_a_note_shown_in_english_on_a_russian_page_says_so(data: TradeData) -> None:
    rows = data.assumptions[data.assumptions["assumption_id"] == "hydro.generation_full.rogun_hpp"]
    labels = parameter_labels(data.scenario_parameters)
    with language("ru"):
        (english,) = assumption_inputs(rows, {}, {}, labels=labels)
        (translated,) = assumption_inputs(
            rows.assign(note_ru="Средняя выработка."), {}, {}, labels=labels
        )
    (in_english,) = assumption_inputs(rows, {}, {}, labels=labels)
    assert english.help.endswith("dam height. (на английском)")
    assert translated.help == "По умолчанию: 13,1 (из источника). Средняя выработка."
    assert in_english.help.endswith("dam height.")


def test_pair_trade_is_read_from_the_flows_by_the_reporter_rule(data: TradeData) -> None:
    pairs = pair_trade_assumptions(data.trade_flows, data.countries).set_index("parameter")
    # The latest full year of each pair: 2025 for Kazakhstan-Uzbekistan (Kazakh figure), 2023
    # for Turkmenistan-Kazakhstan before 2024's 500.
    assert pairs.loc["pair.trade.kaz_uzb", "value"] == 4300.0
    assert pairs.loc["pair.trade.kaz_uzb", "unit"] == "USD million (2025)"
    assert pairs.loc["pair.trade.kaz_tkm", "value"] == 500.0
    assert pairs["is_default"].all()
    assert set(pairs["source_id"]) <= set(data.sources["source_id"])
    with pytest.raises(ValueError, match="pair trade is read from trade_flows"):
        with_pair_trade(
            with_pair_trade(data.assumptions, data.trade_flows, data.countries),
            data.trade_flows,
            data.countries,
        )
