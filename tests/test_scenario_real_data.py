"""The scenario model on the real data package: the assumptions follow the schema, every
parameter the model needs is there once per project, and the projection starts at the base."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from ca_trade.data import load_trade_data
from ca_trade.paths import PROJECT_ROOT
from ca_trade.scenario import ScenarioParams, project_effects, project_path
from ca_trade.scenario.pairs import with_pair_trade
from tests.test_scenario import effects_by_id

DATA = PROJECT_ROOT / "data"


def real_assumptions() -> pd.DataFrame:
    """data/assumptions.csv as pandas reads it, in the schema's dtypes."""
    frame = pd.read_csv(DATA / "assumptions.csv", dtype=str, keep_default_na=False)
    for column in ("value", "low", "high"):
        frame[column] = pd.to_numeric(frame[column].replace("", np.nan)).astype("float64")
    frame["is_default"] = frame["is_default"].map({"true": True, "false": False}).astype(bool)
    return frame


def model_assumptions() -> pd.DataFrame:
    """The assumptions the model reads: the file's, with each pair's trade from trade_flows."""
    data = load_trade_data(DATA)
    return with_pair_trade(real_assumptions(), data.trade_flows, data.countries)


def real_projects() -> pd.DataFrame:
    """The ids, types, completion years and countries of data/projects.csv."""
    frame = pd.read_csv(
        DATA / "projects.csv",
        usecols=["project_id", "type", "completion_year", "countries"],
        dtype={"project_id": "str", "type": "str", "countries": "str"},
    )
    return frame.astype({"completion_year": "Int64"})


def schema_fields(resource: str) -> list[str]:
    """Field names of a resource in datapackage.json."""
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    schema = next(r["schema"] for r in package["resources"] if r["name"] == resource)
    return [f["name"] for f in schema["fields"]]


def known_source_ids() -> set[str]:
    """Source ids of sources.csv and of the not yet merged _sources_assumptions.csv."""
    ids: set[str] = set()
    for name in ("sources.csv", "_sources_assumptions.csv"):
        if (DATA / name).exists():
            ids |= set(pd.read_csv(DATA / name, dtype=str)["source_id"])
    return ids


def default_rows_at_resolved_level(
    assumptions: pd.DataFrame, parameter: str, project_id: str, group: str
) -> pd.DataFrame:
    """Default rows of a parameter for a project: by id, else by type, else 'all'."""
    defaults = assumptions[assumptions["is_default"] & (assumptions["parameter"] == parameter)]
    for target in (project_id, group, "all"):
        rows = defaults[defaults["applies_to"] == target]
        if not rows.empty:
            return rows
    return defaults.iloc[0:0]


# What each method needs, one of each tuple of alternatives.
NEEDS: dict[str, list[tuple[str, ...]]] = {
    "hydropower": [
        ("hydro.generation_full",),
        ("hydro.regional_export_share",),
        ("power.price_contract", "power.price_default_uncontracted"),
        ("effect.ramp_years",),
    ],
    "gas_volume": [
        ("gas.volume_tkm_kaz_intended", "gas.volume_new_tkm_uzb"),
        ("gas.price_intraregional",),
        ("effect.ramp_years",),
    ],
    "freight_volume": [
        ("rail.additional_cargo", "rail.cargo_capacity"),
        ("freight.intraregional_share",),
        ("freight.additionality",),
        ("freight.value_per_tonne",),
        ("effect.ramp_years",),
    ],
    "corridor_time": [
        ("tf.trade_loss_per_day",),
        ("corridor.days_saved",),
        ("effect.ramp_years",),
    ],
    "hub_turnover": [("hub.turnover_default",), ("effect.ramp_years",)],
    "own_effect": [],
}
# Projects the research note gives no formula for (SOURCES.md 3.4): a programme of corridors
# whose effect is spread over all pairs, and a domestic road.
NO_FORMULA = {"carec_corridors", "kyrgyzstan_north_south_road"}


def test_real_assumptions_file_follows_the_schema() -> None:
    raw = (DATA / "assumptions.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    raw.decode("utf-8")
    assumptions = real_assumptions()
    assert list(assumptions.columns) == schema_fields("assumptions")
    assert assumptions["assumption_id"].is_unique
    assert assumptions["assumption_id"].str.fullmatch(r"[a-z0-9_.]+").all()
    assert assumptions["value"].notna().all()
    assert set(assumptions["basis"]) <= {"sourced", "illustrative"}
    illustrative = assumptions[assumptions["basis"] == "illustrative"]
    assert illustrative["source_id"].eq("").all()
    assert illustrative["note"].str.len().gt(20).all()
    sourced = assumptions[assumptions["basis"] == "sourced"]
    assert sourced["source_id"].isin(known_source_ids()).all()
    for column in ("low", "high"):
        ranged = assumptions[assumptions[column].notna()]
        bound = (
            ranged["value"] >= ranged["low"]
            if column == "low"
            else ranged["value"] <= ranged["high"]
        )
        assert bound.all(), ranged.loc[~bound, "assumption_id"].tolist()
    defaults = assumptions[assumptions["is_default"]]
    assert not defaults.duplicated(["parameter", "applies_to"]).any()


def test_every_default_parameter_the_model_needs_exists_once_per_project() -> None:
    assumptions = model_assumptions()
    projects = real_projects()
    effects = effects_by_id(project_effects(projects, assumptions))
    assert set(effects) == set(projects["project_id"])
    problems: list[str] = []
    for record in projects.to_dict("records"):
        project_id, group = str(record["project_id"]), str(record["type"])
        method = str(effects[project_id]["method"])
        if project_id in NO_FORMULA:
            if method != "none":
                problems.append(f"{project_id}: expected no formula, got {method}")
            continue
        if method == "none":
            problems.append(f"{project_id}: no formula ({effects[project_id]['reason']})")
            continue
        for alternatives in NEEDS[method]:
            counts = {
                name: len(default_rows_at_resolved_level(assumptions, name, project_id, group))
                for name in alternatives
            }
            if not any(n == 1 for n in counts.values()) or any(n > 1 for n in counts.values()):
                problems.append(f"{project_id}: {counts}")
        for assumption_id in str(effects[project_id]["assumption_ids"]).split(";"):
            rows = assumptions[assumptions["assumption_id"] == assumption_id]
            if len(rows) != 1 or not bool(rows["is_default"].iloc[0]):
                problems.append(f"{project_id}: {assumption_id} is not one default row")
    assert not problems, "\n".join(problems)


def test_real_data_projection_starts_at_the_base_and_counts_dated_projects() -> None:
    assumptions = model_assumptions()
    projects = real_projects()
    params = ScenarioParams(base_year=2024, base_value_usd_bn=11.5, growth=0.05)
    path = project_path(params, projects, assumptions)
    assert path["total"].iloc[0] == 11.5
    assert (path["low"] <= path["total"]).all()
    assert (path["total"] <= path["high"]).all()
    effects = project_effects(projects, assumptions)
    counted = effects[effects["counted"]]
    assert not counted.empty
    assert counted["completion_year"].notna().all()
    undated = effects[effects["completion_year"].isna()]
    assert undated["full_effect_usd_bn"].eq(0.0).all()
    assert set(effects.loc[effects["counted"], "reason"]) == {"counted"}
