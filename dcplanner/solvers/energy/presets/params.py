"""Adjustable parameters of the cooling presets and the groups several presets share (engine layer).

A parameter has a name, a default, an allowed range, a unit and the source of the default; a
preset lists the groups its model reads (:mod:`dcplanner.solvers.energy.presets`) and may change
defaults with :func:`with_defaults`. Checking a project's overrides is
:mod:`dcplanner.solvers.energy.parameters`.

Source tags follow the reference notes (pue_model.md): [V] read in a published source,
[C] computed from one, [S] secondary, [U] an engineering default to be replaced by vendor or
site data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

LM = "Lei & Masanet, Energy 2020 117556 (nuoaleon/Data-center-PUE-prediction-tool)"


@dataclass(frozen=True, slots=True)
class Param:
    """One adjustable parameter of a cooling preset."""

    name: str
    default: float
    min: float
    max: float
    unit: str
    doc: str
    source: str
    choices: Mapping[int, str] = field(default_factory=dict)  # switches: allowed values and meanings

    def describe_range(self) -> str:
        if self.choices:
            return " or ".join(f"{k} ({v})" for k, v in self.choices.items())
        unit = f" {self.unit}" if self.unit and self.unit != "1" else ""
        return f"from {self.min:g} to {self.max:g}{unit}"


def _p(name: str, default: float, lo: float, hi: float, unit: str, doc: str, source: str) -> Param:
    return Param(name, default, lo, hi, unit, doc, source)


def _switch(name: str, default: int, choices: dict[int, str], doc: str, source: str) -> Param:
    return Param(name, float(default), min(choices), max(choices), "", doc, source, choices)


# ---------------------------------------------------------------------------------------------
# Parameters shared by several presets (defaults may be changed per preset)

FACILITY = (
    _p("lighting_w_per_m2", 5.0, 0, 50, "W/m²", "white-space lighting power density", "pue_model §6.6 [U]"),
    _p(
        "lighting_fraction_of_it",
        0.0,
        0,
        0.1,
        "1",
        "further lighting as a share of IT power",
        f"{LM}: L_percentage 0-0.2 % hyperscale [V]",
    ),
    _p(
        "misc_fraction_of_design_it",
        0.005,
        0,
        0.1,
        "1",
        "offices, security, BMS: constant share of design IT power",
        "pue_model §6.6 [U]",
    ),
    _p(
        "ups_loss_to_cooling",
        1.0,
        0,
        1,
        "1",
        "share of UPS losses removed by the cooling plant (UPS rooms on the same plant)",
        f"{LM}: UPS loss is part of DC_heat [V]",
    ),
    _p(
        "transformer_loss_to_cooling",
        0.0,
        0,
        1,
        "1",
        "share of transformer losses removed by the cooling plant (0 = ventilated substation)",
        "pue_model §6.3 [U]",
    ),
)

AIR_SIDE = (
    _p(
        "supply_approach_k",
        2.0,
        0,
        10,
        "K",
        "ITE inlet set point minus cooling-unit supply air (mixing, bypass)",
        "EnergyPlus 1ZoneDataCenterCRAC_wApproachTemp.idf supply approach 2 °C [V]",
    ),
    _p(
        "delta_t_air_k",
        12.0,
        3,
        30,
        "K",
        "air temperature rise across the IT (return minus supply)",
        "pue_model §6.4: 12 K open, 15 K contained; Lei-Masanet 13.9-19.4 K [V]",
    ),
    _p(
        "fan_pressure_pa",
        500.0,
        50,
        3000,
        "Pa",
        "total pressure rise of the air-handling fans (CRAH/CRAC/AHU)",
        "pue_model §6.4; EnergyPlus example 486 Pa [V]",
    ),
    _p(
        "fan_efficiency",
        0.7,
        0.2,
        0.95,
        "1",
        "fan total efficiency (fan x motor x drive)",
        "EnergyPlus example EC plug fan total efficiency 0.7 [V]",
    ),
    _p(
        "room_dew_point_min_c",
        -9.0,
        -20,
        20,
        "°C",
        "lowest room dew point held by humidifiers (closed air loops)",
        "ASHRAE TC 9.9 2021 recommended lower limit -9 °C DP [V]",
    ),
    _p(
        "room_dew_point_max_c",
        15.0,
        -10,
        27,
        "°C",
        "highest room dew point held by dehumidification (closed air loops)",
        "ASHRAE TC 9.9 2021 recommended upper limit 15 °C DP [V]",
    ),
)

LATENT = (
    _p(
        "sensible_heat_ratio",
        0.97,
        0.7,
        1.0,
        "1",
        "sensible share of the cooling-coil load; the latent rest is condensed and re-humidified",
        "pue_model §6.5 (range 0.95-0.99) [V]",
    ),
    _p(
        "humidifier_pump_pa",
        7.0e6,
        0,
        2e7,
        "Pa",
        "pressure of the high-pressure atomising humidifier pump",
        f"{LM}: Pump_Pressure_HD 7.0e6 Pa ±10 % [V]",
    ),
    _p(
        "humidifier_pump_efficiency",
        0.7,
        0.2,
        0.95,
        "1",
        "humidifier pump efficiency",
        f"{LM}: 0.6-0.8 [V]",
    ),
)

WATER_LOOP = (
    _p(
        "coil_effectiveness",
        0.8,
        0.3,
        1.0,
        "1",
        "cooling-coil effectiveness HTE: T_supply_water = T_return_air - (T_return_air - T_supply_air)/HTE",
        f"{LM}: HTE 0.7-0.9 [V]",
    ),
    _p(
        "delta_t_water_k",
        7.0,
        2,
        20,
        "K",
        "chilled (facility) water temperature rise",
        f"{LM}: 5-10 K [V]",
    ),
    _p(
        "hx_approach_k",
        2.0,
        0,
        10,
        "K",
        "approach of the economizer heat exchanger",
        f"{LM}: AT_HE 1.7-2.8 K [V]",
    ),
    _switch(
        "wse_integrated",
        1,
        {0: "free cooling only when it covers the whole load", 1: "integrated: partial free cooling with chiller trim"},
        "how the water-side economizer works with the chillers",
        "pue_model §6.5B [V]",
    ),
    _p(
        "chw_pump_pa",
        143658.0,
        0,
        1e6,
        "Pa",
        "chilled-water pump head (flow through the chillers)",
        f"{LM}: 143,658 Pa ±20 % [V]",
    ),
    _p("chw_pump_efficiency", 0.7, 0.2, 0.95, "1", "chilled-water pump efficiency", f"{LM}: 0.6-0.8 [V]"),
    _p(
        "wse_pump_pa",
        143658.0,
        0,
        1e6,
        "Pa",
        "pump head of the free-cooling (economizer) flow",
        f"{LM}: Pump_Pressure_WE, same range as chilled water [V]",
    ),
    _p("wse_pump_efficiency", 0.7, 0.2, 0.95, "1", "economizer pump efficiency", f"{LM}: 0.6-0.8 [V]"),
    _p(
        "cdu_pump_pa",
        350000.0,
        0,
        2e6,
        "Pa",
        "CDU pump head for liquid-cooled cabinets (technology plus facility loop)",
        "pue_model §6.5F: 150 + 200 kPa [U]",
    ),
    _p(
        "delta_t_liquid_k",
        10.0,
        2,
        30,
        "K",
        "liquid-loop temperature rise across the cold plates / tanks",
        "pue_model §6.5F [U]",
    ),
)

CHILLER = (
    _switch(
        "chiller_model",
        0,
        {0: "Lei-Masanet regression COP(part load, condenser water)", 1: "DOE-2 centrifugal 5.50 COP curves"},
        "water-cooled chiller performance model",
        f"{LM} [V]; EnergyPlus Chillers.idf DOE-2 Centrifugal/5.50COP [V]",
    ),
    _p(
        "chiller_cop_rated",
        5.5,
        1,
        12,
        "1",
        "rated COP (DOE-2 model: at 6.67 °C leaving chilled water, 29.4 °C entering condenser water)",
        "DOE-2 Centrifugal/5.50COP reference [V]",
    ),
    _p(
        "chiller_cop_adjust",
        0.0,
        -0.5,
        0.5,
        "1",
        "relative COP adjustment applied to the regression (pCOP)",
        f"{LM}: pCOP -0.11 to +0.11 [V]",
    ),
    _p(
        "chiller_part_load",
        0.0,
        0,
        1,
        "1",
        "fixed chiller part-load ratio for the regression; 0 = from staging the installed units",
        f"{LM}: Chiller_load 0.2-0.8 [V]",
    ),
    _p(
        "chiller_stage_up_load",
        0.8,
        0.3,
        1.0,
        "1",
        "part load at which the next chiller starts (staging)",
        "planning practice [U]",
    ),
    _p(
        "chiller_min_part_load",
        0.2,
        0.05,
        0.5,
        "1",
        "lowest part-load ratio a running chiller unloads to (below it, it false-loads)",
        "DOE-2 Centrifugal/5.50COP minimum unloading 0.2 [V]",
    ),
)

CYCLES = _p(
    "cycles_of_concentration",
    6.0,
    1.5,
    20,
    "1",
    "tower (or spray) water cycles of concentration, sets blow-down",
    "pue_model §6.7 (3-15 [S]) [U]",
)

TOWER = (
    _switch(
        "heat_sink",
        0,
        {0: "cooling tower (wet bulb)", 1: "water at a fixed temperature (sea, lake, river)"},
        "where the condenser heat goes",
        f"{LM}: WEC and WES models [V]",
    ),
    _p("tower_approach_k", 4.0, 1, 12, "K", "cooling-tower approach to wet bulb", f"{LM}: AT_CT 2.8-6.7 K [V]"),
    _p(
        "delta_t_condenser_k",
        5.0,
        2,
        15,
        "K",
        "condenser (tower) water temperature range",
        f"{LM}: delta_T_CT 4-6 K [V]",
    ),
    _p(
        "cw_pump_pa",
        208660.0,
        0,
        1e6,
        "Pa",
        "condenser-water pump head",
        f"{LM}: 208,660 Pa ±20 % [V]",
    ),
    _p("cw_pump_efficiency", 0.7, 0.2, 0.95, "1", "condenser-water pump efficiency", f"{LM}: 0.6-0.8 [V]"),
    _p("tower_fan_pa", 250.0, 0, 1000, "Pa", "cooling-tower fan pressure rise", f"{LM}: 100-400 Pa [V]"),
    _p("tower_fan_efficiency", 0.7, 0.2, 0.95, "1", "tower fan efficiency", f"{LM}: 0.65-0.90 [V]"),
    _p("liquid_to_gas_ratio", 2.0, 0.5, 5, "1", "tower water to air mass-flow ratio L/G", f"{LM}: 1-3 [V]"),
    CYCLES,
    _p(
        "drift_fraction",
        0.0005,
        0,
        0.01,
        "1",
        "drift (windage) loss as a share of circulating water",
        "pue_model §6.7 (0.005-0.5 %) [U]",
    ),
    _p(
        "source_water_c",
        20.0,
        0,
        35,
        "°C",
        "temperature of the fixed-temperature heat sink (heat_sink = 1)",
        f"{LM}: T_sea [V example]",
    ),
    _p(
        "source_water_delta_t_k",
        7.5,
        1,
        20,
        "K",
        "temperature rise of the sink water",
        f"{LM}: delta_T_sea [V example]",
    ),
    _p("source_pump_pa", 208660.0, 0, 2e6, "Pa", "sink-water pump head", f"{LM}: Pump_Pressure_sea [V]"),
    _p("source_pump_efficiency", 0.7, 0.2, 0.95, "1", "sink-water pump efficiency", f"{LM}: 0.6-0.8 [V]"),
)

DX = (
    _p(
        "dx_cop_rated",
        3.0,
        1,
        8,
        "1",
        "DX rated COP at 35 °C outdoor, condenser fans included",
        "pue_model §6.5A: 3.0 legacy [U]; EnergyPlus Liebert DSE example 4.5669 [V]",
    ),
    _p(
        "dx_eir_slope_per_k",
        0.022,
        0,
        0.1,
        "1/K",
        "EIR multiplier change per K of outdoor dry bulb (1 at 35 °C)",
        "pue_model §6.5A [U]",
    ),
    _p(
        "dx_eir_min",
        0.55,
        0.2,
        1,
        "1",
        "lowest EIR multiplier (head-pressure control limits the low-ambient gain)",
        "pue_model §6.5A [U]",
    ),
    _p(
        "dx_degradation_coefficient",
        0.15,
        0,
        0.5,
        "1",
        "part-load degradation: PLF = 1 - c (1 - PLR)",
        "EnergyPlus example PLF curve 0.85 + 0.15 PLR [V]",
    ),
)

AIR_CHILLER = (
    _p(
        "air_chiller_cop_rated",
        3.0,
        1,
        8,
        "1",
        "air-cooled chiller COP at 35 °C outdoor and 7 °C leaving water (calibrates a Carnot fraction)",
        "pue_model §6.5C: 3.0, 3.3 modern screw [U]",
    ),
    _p(
        "evaporator_approach_k",
        5.0,
        1,
        15,
        "K",
        "leaving water minus evaporating temperature",
        "pue_model §6.5C [U]",
    ),
    _p(
        "condenser_approach_k",
        12.0,
        3,
        25,
        "K",
        "condensing minus outdoor air temperature",
        "pue_model §6.5C [U]",
    ),
    _p(
        "chiller_cop_max",
        8.0,
        2,
        20,
        "1",
        "upper limit of the air-cooled chiller COP at small lift",
        "compressor minimum pressure ratio [U]",
    ),
    _p(
        "drycooler_approach_k",
        5.0,
        1,
        20,
        "K",
        "dry-cooler water outlet minus air inlet temperature",
        "pue_model §6.5C: AT_DC 5 K [U]",
    ),
    _p(
        "drycooler_fan_kw_per_kw",
        0.01,
        0,
        0.1,
        "kW/kW",
        "dry-cooler fan power per kW rejected in full free cooling",
        "pue_model §6.5C [U]",
    ),
    _p(
        "condenser_fan_kw_per_kw",
        0.02,
        0,
        0.1,
        "kW/kW",
        "condenser / dry-cooler fan power per kW rejected with compressors running",
        "pue_model §6.5C [U]",
    ),
    _switch(
        "adiabatic_assist",
        0,
        {0: "dry", 1: "adiabatic pre-cooling of the dry-cooler air above the switch temperature"},
        "adiabatic assist on dry coolers / condensers",
        "pue_model §6.5C [U]",
    ),
    _p("adiabatic_effectiveness", 0.7, 0, 1, "1", "pre-cooling effectiveness", "pue_model §6.5C [U]"),
    _p(
        "adiabatic_switch_c",
        20.0,
        0,
        45,
        "°C",
        "outdoor dry bulb above which adiabatic assist runs",
        "pue_model §6.5C [U]",
    ),
    _p(
        "drycooler_air_delta_t_k",
        10.0,
        2,
        30,
        "K",
        "air temperature rise through the dry cooler (sets its air flow for water use)",
        "planning value [U]",
    ),
)

LIQUID = (
    _p(
        "liquid_fraction",
        0.75,
        0,
        1,
        "1",
        "share of IT heat captured by liquid; if not set, the cabinets' power-weighted liquid_fraction",
        "pue_model §6.5F: cold plate 0.75, immersion 0.95 [U]",
    ),
    _p(
        "facility_water_supply_c",
        32.0,
        15,
        50,
        "°C",
        "facility water supply temperature (ASHRAE W32 = 32 °C)",
        "ASHRAE TC 9.9 liquid classes W17-W45 [S]; pue_model §6.5F",
    ),
    _p(
        "liquid_drycooler_approach_k",
        5.0,
        1,
        20,
        "K",
        "liquid-loop dry-cooler approach to outdoor air",
        "pue_model §6.5F [U]",
    ),
    _p("cdu_tcs_pump_pa", 150000.0, 0, 1e6, "Pa", "technology-loop (CDU secondary) pump head", "pue_model §6.5F [U]"),
    _p("cdu_fws_pump_pa", 200000.0, 0, 1e6, "Pa", "facility-water pump head", "pue_model §6.5F [U]"),
    _p("cdu_pump_efficiency", 0.7, 0.2, 0.95, "1", "CDU pump efficiency", "pue_model §6.5F [U]"),
)

PUMPED_REFRIGERANT = (
    _p(
        "pumped_refrigerant_min_approach_k",
        11.0,
        0,
        30,
        "K",
        "return air minus outdoor dry bulb above which the economizer pump contributes",
        "planning value [U]",
    ),
)

IEC = (
    _p(
        "iec_dry_effectiveness",
        0.55,
        0.1,
        0.9,
        "1",
        "heat-exchanger effectiveness with dry scavenger air",
        "pue_model §6.5E [U]",
    ),
    _p(
        "iec_wet_effectiveness",
        0.75,
        0.1,
        0.95,
        "1",
        "wet-bulb effectiveness with the spray on",
        "pue_model §6.5E [U]",
    ),
    _switch("iec_wet_mode", 1, {0: "dry only", 1: "spray allowed"}, "indirect evaporative spray", "[U]"),
    _p("process_fan_pa", 600.0, 50, 3000, "Pa", "process (data-hall) air fan pressure rise", "pue_model §6.5E [U]"),
    _p("scavenger_fan_pa", 400.0, 50, 3000, "Pa", "scavenger (outdoor) air fan pressure rise", "pue_model §6.5E [U]"),
    _p(
        "scavenger_flow_ratio",
        1.0,
        0.2,
        3,
        "1",
        "scavenger to process air mass-flow ratio at full duty",
        "pue_model §6.5E [U]",
    ),
    _p(
        "scavenger_min_flow_fraction",
        0.2,
        0,
        1,
        "1",
        "lowest scavenger fan speed when less duty is needed (power follows speed cubed)",
        "fan affinity laws [U]",
    ),
    _p(
        "spray_pump_kw_per_kw",
        0.005,
        0,
        0.05,
        "kW/kW",
        "spray pump power per kW cooled in wet mode",
        "pue_model §6.5E [U]",
    ),
    _p(
        "iec_latent_share",
        0.8,
        0,
        1,
        "1",
        "share of wet-mode heat carried away by evaporation (sets water use)",
        "planning value [U]",
    ),
    CYCLES,
)

AIRSIDE = (
    _p(
        "supply_air_min_c",
        18.0,
        5,
        30,
        "°C",
        "lowest supply air; warmer outdoor air floats up to the set point",
        f"{LM}: T_sa_lower 10-18 °C [V]; TC 9.9 recommended 18 °C",
    ),
    _p(
        "economizer_limit_dry_bulb_c",
        27.0,
        15,
        45,
        "°C",
        "outdoor air is used directly while its enthalpy is below air at this dry bulb and the maximum dew point",
        f"{LM}: 27 °C / 15 °C DP threshold [V]",
    ),
    _p(
        "supply_dew_point_max_c",
        15.0,
        0,
        27,
        "°C",
        "highest supply dew point",
        f"{LM}: dp_sa_upper 15-27 °C [V]; TC 9.9 recommended 15 °C",
    ),
    _p(
        "supply_rh_min",
        0.2,
        0.0,
        0.6,
        "1",
        "outdoor air drier than this at supply temperature is humidified",
        f"{LM}: 20 % RH humidification threshold [V]",
    ),
    _p(
        "adiabatic_max_rh",
        0.8,
        0.3,
        1.0,
        "1",
        "adiabatic cooling may take supply air up to this RH",
        f"{LM}: 80 % RH threshold [V]",
    ),
    _switch(
        "airside_integrated",
        1,
        {0: "outdoor air only when it covers the whole load", 1: "partial: outdoor air pre-cooled by the chiller"},
        "integrated airside economizer",
        "ASHRAE 90.1 integrated economizer [U]",
    ),
)


def with_defaults(params: tuple[Param, ...], **defaults: float) -> tuple[Param, ...]:
    """``params`` with some defaults changed; an unknown name is a programming error."""
    out = tuple(replace(p, default=float(defaults[p.name])) if p.name in defaults else p for p in params)
    unknown = set(defaults) - {p.name for p in params}
    if unknown:
        raise KeyError(f"unknown parameters {sorted(unknown)}")
    return out
