"""The energy result: hourly arrays by component and the yearly figures built from them
(engine layer).

Power in kW per hour (so an hourly sum is kWh), water in litres. Annual PUE is total facility
energy over IT energy (ISO/IEC 30134-2 style), never a mean of hourly ratios. Partial PUEs
follow The Green Grid: (IT + subsystem) / IT. CUE = grid emission factor × PUE (kg CO2/kWh IT),
WUE = site water / IT energy (L/kWh).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import NDArray

from dcplanner.solvers.energy.cooling import COMPONENTS
from dcplanner.solvers.energy.electrical import STAGES
from dcplanner.solvers.energy.envelope import CLASSES

Array = NDArray[np.float64]
MODES = ("mechanical", "partial", "full")
MODE_MECHANICAL, MODE_PARTIAL, MODE_FULL = 0, 1, 2
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _ro(a: Any, dtype: Any = np.float64) -> NDArray:
    out = np.array(a, dtype=dtype, copy=True)
    out.flags.writeable = False
    return out


def modes_from_fraction(fraction: Array) -> NDArray[np.int8]:
    """0 mechanical (no free cooling), 1 partial, 2 full free cooling, per hour."""
    f = np.asarray(fraction)
    return np.where(f >= 1.0 - 1e-9, MODE_FULL, np.where(f <= 1e-9, MODE_MECHANICAL, MODE_PARTIAL)).astype(np.int8)


@dataclass(frozen=True, slots=True, eq=False)
class EnergyResult:
    """One site-year, hour by hour (read-only arrays) plus its yearly figures."""

    # what was solved
    site_id: str
    architecture: str
    parameters: Mapping[str, float]
    climate_name: str
    climate_source: str
    climate_kind: str
    grid_emission_kg_per_kwh: float
    design_it_kw: float
    liquid_fraction: float  # share of IT heat taken by liquid at full load (0 for air)
    notes: tuple[str, ...]
    # calendar and weather (per hour)
    month: NDArray[np.int8]
    hour_of_day: NDArray[np.int8]
    dry_bulb_c: Array
    wet_bulb_c: Array
    dew_point_c: Array
    rel_humidity: Array
    # load and power (kW per hour)
    utilisation: Array
    it_kw: Array
    heat_load_kw: Array  # heat the cooling plant removes (air + liquid paths)
    cooling_kw: Mapping[str, Array]  # by component, see cooling.COMPONENTS
    electrical_loss_kw: Mapping[str, Array]  # by stage: pdus, cabling, ups, transformers
    lighting_kw: Array
    misc_kw: Array
    total_kw: Array
    # operation
    economizer_fraction: Array  # share of the cooling load met by free cooling
    mode: NDArray[np.int8]  # 0 mechanical, 1 partial, 2 full free cooling
    water_l_per_h: Array
    pressure_pa: Array  # station pressure at the site
    inlet_c: Array  # ITE inlet dry bulb
    inlet_humidity_ratio: Array  # kg/kg dry air
    envelope: NDArray[np.int8]  # 0 recommended, 1-4 A1-A4, 5 outside (envelope.CLASSES)
    design_peak_facility_kw: float  # the same year with every cabinet at its power budget

    # -- hourly derived ------------------------------------------------------------------------

    @property
    def architecture_title(self) -> str:
        """The cooling preset's human title (its id when the preset is not registered)."""
        from dcplanner.solvers.energy.presets import preset_title  # presets import the engine's modules

        return preset_title(self.architecture)

    @property
    def hours(self) -> int:
        return int(self.it_kw.size)

    @property
    def cooling_total_kw(self) -> Array:
        return np.sum([self.cooling_kw[k] for k in COMPONENTS], axis=0)

    @property
    def electrical_loss_total_kw(self) -> Array:
        return np.sum([self.electrical_loss_kw[k] for k in STAGES], axis=0)

    @property
    def pue_hourly(self) -> Array:
        return np.divide(self.total_kw, self.it_kw, out=np.full(self.hours, np.nan), where=self.it_kw > 0)

    def day_by_hour(self, values: Array) -> Array:
        """(days, 24) grid of an hourly array, for heat maps."""
        return np.asarray(values, dtype=np.float64).reshape(-1, 24)

    # -- energies ------------------------------------------------------------------------------

    @property
    def it_energy_kwh(self) -> float:
        return float(self.it_kw.sum())

    @property
    def facility_energy_kwh(self) -> float:
        return float(self.total_kw.sum())

    @property
    def cooling_energy_kwh(self) -> dict[str, float]:
        return {k: float(np.sum(self.cooling_kw[k])) for k in COMPONENTS}

    @property
    def electrical_loss_energy_kwh(self) -> dict[str, float]:
        return {k: float(np.sum(self.electrical_loss_kw[k])) for k in STAGES}

    @property
    def lighting_energy_kwh(self) -> float:
        return float(self.lighting_kw.sum())

    @property
    def misc_energy_kwh(self) -> float:
        return float(self.misc_kw.sum())

    @property
    def water_l(self) -> float:
        return float(self.water_l_per_h.sum())

    # -- ratios --------------------------------------------------------------------------------

    @property
    def annual_pue(self) -> float:
        return self.facility_energy_kwh / self.it_energy_kwh if self.it_energy_kwh > 0 else float("nan")

    def _monthly(self, values: Array) -> Array:
        return np.bincount(self.month.astype(np.intp) - 1, weights=values, minlength=12).astype(np.float64)

    @property
    def monthly_it_energy_kwh(self) -> Array:
        return self._monthly(self.it_kw)

    @property
    def monthly_facility_energy_kwh(self) -> Array:
        return self._monthly(self.total_kw)

    @property
    def monthly_pue(self) -> Array:
        it = self.monthly_it_energy_kwh
        return np.divide(self.monthly_facility_energy_kwh, it, out=np.full(12, np.nan), where=it > 0)

    @property
    def ppue_cooling(self) -> float:
        it = self.it_energy_kwh
        return (it + float(self.cooling_total_kw.sum())) / it if it > 0 else float("nan")

    @property
    def ppue_power(self) -> float:
        it = self.it_energy_kwh
        return (it + float(self.electrical_loss_total_kw.sum())) / it if it > 0 else float("nan")

    @property
    def mechanical_load_component(self) -> float:
        """Cooling energy / IT energy (ASHRAE 90.4 MLC-style indicator, not a compliance value)."""
        return self.ppue_cooling - 1.0

    @property
    def electrical_loss_component(self) -> float:
        """Electrical-loss energy / IT energy (ASHRAE 90.4 ELC-style indicator)."""
        return self.ppue_power - 1.0

    @property
    def wue_l_per_kwh(self) -> float:
        return self.water_l / self.it_energy_kwh if self.it_energy_kwh > 0 else float("nan")

    @property
    def cue_kg_per_kwh(self) -> float:
        return self.grid_emission_kg_per_kwh * self.annual_pue

    @property
    def emissions_kg(self) -> float:
        return self.grid_emission_kg_per_kwh * self.facility_energy_kwh

    @property
    def peak_facility_kw(self) -> float:
        return float(self.total_kw.max())

    # -- hours ---------------------------------------------------------------------------------

    @property
    def mode_hours(self) -> dict[str, int]:
        counts = np.bincount(self.mode.astype(np.intp), minlength=3)
        return {name: int(counts[k]) for k, name in enumerate(MODES)}

    @property
    def monthly_mode_hours(self) -> NDArray[np.int64]:
        """(12, 3) hours per month in mechanical, partial and full free-cooling modes."""
        out = np.zeros((12, 3), dtype=np.int64)
        np.add.at(out, (self.month.astype(np.intp) - 1, self.mode.astype(np.intp)), 1)
        return out

    @property
    def envelope_hours(self) -> dict[str, int]:
        counts = np.bincount(self.envelope.astype(np.intp), minlength=len(CLASSES))
        return {name: int(counts[k]) for k, name in enumerate(CLASSES)}

    @property
    def hours_outside_recommended(self) -> int:
        return int(np.count_nonzero(self.envelope > 0))


def make_result(**fields: Any) -> EnergyResult:
    """Build a result with read-only copies of every array."""
    ints = {"month", "hour_of_day", "mode", "envelope"}
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if key in ("cooling_kw", "electrical_loss_kw"):
            out[key] = MappingProxyType({k: _ro(v) for k, v in value.items()})
        elif key == "parameters":
            out[key] = MappingProxyType(dict(value))
        elif isinstance(value, np.ndarray):
            out[key] = _ro(value, np.int8 if key in ints else np.float64)
        else:
            out[key] = value
    return EnergyResult(**out)


def _r(x: float, digits: int = 4) -> float | None:
    return None if not np.isfinite(x) else round(float(x), digits)


def energy_json(result: EnergyResult) -> dict[str, Any]:
    """The ``energy`` section of ``dcplanner solve --json``."""
    econ = result.mode_hours
    return {
        "climate": {
            "name": result.climate_name,
            "source": result.climate_source,
            "kind": result.climate_kind,
            "hours": result.hours,
            "mean_dry_bulb_c": _r(float(np.mean(result.dry_bulb_c)), 2),
            "mean_wet_bulb_c": _r(float(np.mean(result.wet_bulb_c)), 2),
        },
        "architecture": result.architecture,
        "parameters": dict(result.parameters),
        "liquid_fraction": _r(result.liquid_fraction),
        "annual_pue": _r(result.annual_pue),
        "monthly_pue": [_r(x) for x in result.monthly_pue],
        "ppue_cooling": _r(result.ppue_cooling),
        "ppue_power": _r(result.ppue_power),
        "mlc": _r(result.mechanical_load_component),
        "elc": _r(result.electrical_loss_component),
        "it_energy_kwh": round(result.it_energy_kwh, 1),
        "facility_energy_kwh": round(result.facility_energy_kwh, 1),
        "cooling_energy_kwh": {k: round(v, 1) for k, v in result.cooling_energy_kwh.items()},
        "electrical_loss_energy_kwh": {k: round(v, 1) for k, v in result.electrical_loss_energy_kwh.items()},
        "lighting_energy_kwh": round(result.lighting_energy_kwh, 1),
        "misc_energy_kwh": round(result.misc_energy_kwh, 1),
        "mean_it_kw": round(float(result.it_kw.mean()), 2),
        "mean_utilisation": _r(float(result.utilisation.mean())),
        "peak_facility_kw": round(result.peak_facility_kw, 1),
        "design_peak_facility_kw": round(result.design_peak_facility_kw, 1),
        "economizer_hours": {"full": econ["full"], "partial": econ["partial"], "mechanical": econ["mechanical"]},
        "monthly_economizer_hours": {
            name: [int(x) for x in result.monthly_mode_hours[:, k]] for k, name in enumerate(MODES)
        },
        "water_l": round(result.water_l, 1),
        "wue_l_per_kwh": _r(result.wue_l_per_kwh),
        "grid_emission_kg_per_kwh": result.grid_emission_kg_per_kwh,
        "cue_kg_per_kwh": _r(result.cue_kg_per_kwh),
        "emissions_t": round(result.emissions_kg / 1000.0, 1),
        "envelope_hours": result.envelope_hours,
        "hours_outside_recommended": result.hours_outside_recommended,
        "notes": list(result.notes),
    }
