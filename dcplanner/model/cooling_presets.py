"""The cooling presets a project may name, in the order lists show them (engine layer).

This is the registry of cooling presets: one line per preset. Each id is also the name of the
preset's module in ``dcplanner/solvers/energy/presets/``, which holds its hourly model, flags,
parameters and titles; that package loads the modules listed here and refuses, at import, a
module whose ``PRESET.id`` differs. The site model takes its ``cooling.architecture`` choices
from this tuple, so a new preset is its module plus one line here.
"""

from __future__ import annotations

COOLING_PRESET_IDS: tuple[str, ...] = (
    "dx_crac",
    "dx_pumped_refrigerant",
    "chw_tower_wse",
    "air_chiller_drycooler",
    "iec_dx_trim",
    "airside_adiabatic",
    "d2c_drycooler",
    "immersion",
)
