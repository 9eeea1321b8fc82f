"""Words and units shown in the workbook for the engine's keys (engine layer)."""

from __future__ import annotations

from dcplanner.solvers.capacity import RESOURCE_LABELS
from dcplanner.solvers.energy.presets import preset_choices
from dcplanner.solvers.inventory import PRECISIONS

PRECISION_LABELS = {
    "fp64": "FP64 Rpeak",
    "fp64_vector": "FP64 vector",
    "fp32": "FP32",
    "tf32": "TF32",
    "fp16": "FP16",
    "bf16": "BF16",
    "fp8": "FP8",
    "int8": "INT8",
}


COOLING_ARCHITECTURES = dict(preset_choices())  # id -> title, from the cooling presets


NBSP = "\u00a0"


def glued(unit: str) -> str:
    """A unit whose words stay on one line when a header wraps (``M CNY``, ``PFLOPS FP16``)."""
    return unit.replace(" ", NBSP)


MCNY = glued("M CNY")


def flops_unit(precision: str, prefix: str) -> str:
    """``PFLOPS`` / ``TFLOPS``; INT8 counts operations (``POPS`` / ``TOPS``)."""
    return f"{prefix}OPS" if precision == "int8" else f"{prefix}FLOPS"


def peak_header(precision: str, prefix: str) -> str:
    return f"Peak {PRECISION_LABELS[precision]} ({flops_unit(precision, prefix)})"


def constraint_label(resource: str, scope: str) -> str:
    """``UPS — site``, ``Hall IT budget — hall A1``."""
    where = "site" if scope == "site" else f"hall {scope}"
    return f"{RESOURCE_LABELS.get(resource, resource)} — {where}"


def shown_precisions(peaks: dict[str, float]) -> tuple[str, ...]:
    """Precisions worth a column: those with a non-zero site peak (FP64 and FP16 if none)."""
    shown = tuple(p for p in PRECISIONS if peaks.get(p, 0.0) > 0)
    return shown or ("fp64", "fp16")


COOLING_COMPONENTS = {
    "air_fans": "Air fans (CRAH / CRAC / fan walls)",
    "scavenger_fans": "Scavenger fans (indirect evaporative)",
    "compressors": "Compressors (chillers, DX)",
    "chilled_water_pumps": "Chilled-water pumps",
    "condenser_pumps": "Condenser-water pumps",
    "heat_rejection_fans": "Heat-rejection fans (towers, dry coolers)",
    "cdu_pumps": "CDU and liquid-loop pumps",
    "humidification": "Humidification",
    "spray_pumps": "Spray and adiabatic pumps",
}

LOSS_STAGES = {
    "pdus": "PDU losses",
    "cabling": "Cabling / busway losses",
    "ups": "UPS losses",
    "transformers": "Transformer losses",
}

CLIMATE_KINDS = {
    "measured": "hourly record read from a weather file",
    "synthesised": "typical year synthesised from monthly statistics of a measured record",
    "derived": "typical year derived from nearby stations' records (no record for the site itself)",
}

ECONOMIZER_MODES = {
    "full": "Full free cooling",
    "partial": "Partial free cooling",
    "mechanical": "Mechanical cooling only",
}
