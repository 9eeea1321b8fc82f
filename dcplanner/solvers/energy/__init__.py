"""Energy engine: hourly PUE, WUE and CUE from climate, power chain and cooling architecture."""

from dcplanner.solvers.energy.electrical import constant_efficiency, fit_loss_model
from dcplanner.solvers.energy.engine import (
    EnergyBatchResult,
    EnergyCancelled,
    annual_energy_at_loads,
    solve_energy,
    solve_energy_batch,
)
from dcplanner.solvers.energy.parameters import list_presets, parameter_issues, resolve_parameters
from dcplanner.solvers.energy.presets import PRESETS, CoolingPreset, preset, preset_choices, preset_title
from dcplanner.solvers.energy.results import EnergyResult, energy_json

__all__ = [
    "PRESETS",
    "CoolingPreset",
    "EnergyBatchResult",
    "EnergyCancelled",
    "EnergyResult",
    "annual_energy_at_loads",
    "constant_efficiency",
    "energy_json",
    "fit_loss_model",
    "list_presets",
    "parameter_issues",
    "preset",
    "preset_choices",
    "preset_title",
    "resolve_parameters",
    "solve_energy",
    "solve_energy_batch",
]
