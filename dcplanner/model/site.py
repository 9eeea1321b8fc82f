"""The site model: plain dataclasses with SI units in field names (engine layer).

Plan coordinates are metres. A hall sits at (``x_m``, ``y_m``) on the site plan; a row sits at
(``x_m``, ``y_m``) inside its hall. ``x`` grows to the right (east) and ``y`` down the page
(south), as on a drawing sheet; every footprint is given by its top-left (north-west) corner.
Ranges on fields are sanity limits for input checking, not design recommendations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from dcplanner.model.buildout import Buildout
from dcplanner.model.compliance import ComplianceInputs
from dcplanner.model.cooling_presets import COOLING_PRESET_IDS
from dcplanner.model.drawing import Drawing
from dcplanner.model.schema import items, num, text

Redundancy = Literal["N", "N+1", "N+2", "N+3", "2N", "2N+1"]
"""Redundancy of a group of units (Uptime Institute Tier Standard: Topology; TIA-942-B annex):
N+k holds k units in reserve, 2N duplicates every unit, 2N+1 adds one spare to a 2N pair of sets."""
Orientation = Literal["horizontal", "vertical"]
Compass = Literal["north", "south", "east", "west"]
Containment = Literal["none", "cold_aisle", "hot_aisle", "chimney"]
CabinetCooling = Literal["air", "rear_door", "cold_plate", "immersion"]
if TYPE_CHECKING:
    CoolingArchitecture = str  # checkers see text; at run time a Literal of the registry's ids
else:
    CoolingArchitecture = Literal[COOLING_PRESET_IDS]  # one per module in solvers/energy/presets/
FactKind = Literal["fact", "assumption", "derived"]


# ---------------------------------------------------------------------------------------------
# Hardware catalog entries (built-in ones live in resources/catalog/*.csv)


@dataclass(slots=True, kw_only=True)
class Accelerator:
    """A GPU/NPU with dense (no 2:4 sparsity) peak throughput per precision; ``None`` = unknown."""

    id: str
    name: str
    vendor: str = ""
    memory_gb: float | None = num(None, min=0, max=4096, unit="GB")
    tdp_w: float | None = num(None, min=0, max=5000, unit="W")
    fp64_tflops: float | None = num(None, min=0, max=1e4, unit="TFLOPS")
    fp64_tensor_tflops: float | None = num(None, min=0, max=1e4, unit="TFLOPS")
    fp32_tflops: float | None = num(None, min=0, max=1e5, unit="TFLOPS")
    tf32_tflops: float | None = num(None, min=0, max=1e5, unit="TFLOPS")
    fp16_tflops: float | None = num(None, min=0, max=1e5, unit="TFLOPS")
    bf16_tflops: float | None = num(None, min=0, max=1e5, unit="TFLOPS")
    fp8_tflops: float | None = num(None, min=0, max=1e5, unit="TFLOPS")
    int8_tops: float | None = num(None, min=0, max=1e5, unit="TOPS")
    source: str = ""
    confidence: str = ""
    notes: str = ""


@dataclass(slots=True, kw_only=True)
class Cpu:
    """A CPU socket; peak = cores x base clock x FLOP per cycle per core (TOP500 convention)."""

    id: str
    name: str
    vendor: str = ""
    cores: int = num(min=1, max=1024)
    base_ghz: float = num(min=0.1, max=10, unit="GHz")
    fp64_flops_per_cycle: float | None = num(None, min=0, max=256, unit="FLOP/cycle/core")
    fp32_flops_per_cycle: float | None = num(None, min=0, max=512, unit="FLOP/cycle/core")
    tdp_w: float | None = num(None, min=0, max=2000, unit="W")
    source: str = ""
    confidence: str = ""
    notes: str = ""


@dataclass(slots=True, kw_only=True)
class ServerModel:
    """A server: power between idle and full load, size, weight, accelerators and CPUs."""

    id: str
    name: str
    vendor: str = ""
    role: Literal["compute", "storage", "network"] = "compute"
    rack_units: int = num(min=1, max=60, unit="U")
    weight_kg: float = num(min=0.1, max=2000, unit="kg")
    idle_kw: float = num(min=0, max=200, unit="kW")
    max_kw: float = num(min=0.01, max=200, unit="kW")
    accelerator_id: str | None = None
    accelerator_count: int = num(0, min=0, max=144)
    cpu_id: str | None = None
    cpu_count: int = num(0, min=0, max=16)
    memory_gb: float | None = num(None, min=0, max=1e5, unit="GB")
    source: str = ""
    notes: str = ""


@dataclass(slots=True, kw_only=True)
class CabinetType:
    """A cabinet (rack) model: footprint, usable height, static load rating and cooling."""

    id: str
    name: str
    width_m: float = num(0.6, min=0.3, max=1.5, unit="m")
    depth_m: float = num(1.2, min=0.5, max=2.5, unit="m")
    height_m: float = num(2.2, min=0.5, max=3.5, unit="m")
    rack_units: int = num(47, min=1, max=60, unit="U")
    empty_weight_kg: float = num(150, min=0, max=3000, unit="kg")
    max_weight_kg: float = num(1500, min=10, max=5000, unit="kg")
    max_power_kw: float = num(30, min=0.1, max=500, unit="kW")
    cooling: CabinetCooling = "air"
    liquid_fraction: float = num(0.0, min=0, max=1, doc="share of the heat removed by liquid")
    source: str = ""


@dataclass(slots=True, kw_only=True)
class Catalog:
    """User-added hardware; an entry with a built-in id replaces the built-in one."""

    accelerators: list[Accelerator] = items()
    cpus: list[Cpu] = items()
    servers: list[ServerModel] = items()
    cabinet_types: list[CabinetType] = items()


# ---------------------------------------------------------------------------------------------
# Layout


@dataclass(slots=True, kw_only=True)
class ServerLoad:
    """``count`` servers of one model installed in a cabinet."""

    model_id: str
    count: int = num(1, min=1, max=200)


@dataclass(slots=True, kw_only=True)
class Cabinet:
    """A cabinet standing at slot ``position`` of its row; ``design_kw`` is its power budget.

    Each field's label, help and the column headers a cabinet list may use for it are declared
    here once; the property panel, the workbook's Cabinets sheet and ``dcplanner import-cabinets``
    read them (:func:`dcplanner.model.schema.describe_fields`).
    """

    id: str = text(
        label="Cabinet id",
        doc="Unique id of the cabinet in the site.",
        aliases=("cabinet", "id", "机柜编号"),
    )
    position: int = num(
        min=0,
        max=499,
        label="Position",
        doc="Slot in the row, counted from 0 at the row's start (as in the project file).",
        aliases=("slot", "pos", "机位"),
    )
    type_id: str = text(
        "std-600x1200-47u",
        label="Cabinet type",
        doc="Cabinet model from the catalog: footprint, usable height, load rating and cooling.",
        aliases=("type", "type id", "机柜型号"),
    )
    design_kw: float = num(
        min=0,
        max=500,
        unit="kW",
        label="Design power",
        column="Design",
        doc="The cabinet's power budget: the halls' design IT, the power chain's loads and their use follow it.",
        aliases=("design kw", "kw", "design power", "power", "design it", "设计功率"),
    )
    phase_id: str | None = text(None, label="Phase", doc="Build-out phase id.", aliases=("phase id", "分期"))
    servers: list[ServerLoad] = items(
        label="Servers",
        column="Server load",
        doc="Installed servers: how many of which server model.",
        aliases=("服务器配置",),
    )
    name: str = text("", label="Name", doc="A name shown beside the id.", aliases=("cabinet name", "机柜名称"))


@dataclass(slots=True, kw_only=True)
class Row:
    """A straight row of cabinet positions; the pitch is its cabinet type's width."""

    id: str
    name: str = text("", label="Name")
    x_m: float = num(min=-1e4, max=1e4, unit="m", label="x", doc="West edge of the row from the hall's west wall.")
    y_m: float = num(min=-1e4, max=1e4, unit="m", label="y", doc="North edge of the row from the hall's north wall.")
    orientation: Orientation = text("horizontal", label="Orientation")
    positions: int = num(min=1, max=500, label="Slots", doc="Cabinet positions in the row, used or free.")
    cabinet_type_id: str = text(
        "std-600x1200-47u", label="Cabinet type", doc="Cabinet model of the row's slots; its width is the pitch."
    )
    hot_aisle_side: Compass = text("north", label="Hot aisle side")
    containment: Containment = text("none", label="Containment")
    cabinets: list[Cabinet] = items(label="Cabinets")


@dataclass(slots=True, kw_only=True)
class Hall:
    """A data hall (white space) with its floor, IT budget and terminal cooling units."""

    id: str
    name: str = text("", label="Name")
    x_m: float = num(0.0, min=-1e5, max=1e5, unit="m", label="x", doc="West wall of the hall on the site plan.")
    y_m: float = num(0.0, min=-1e5, max=1e5, unit="m", label="y", doc="North wall of the hall on the site plan.")
    width_m: float = num(min=1, max=1000, unit="m", label="Width", doc="East-west inside dimension.")
    depth_m: float = num(min=1, max=1000, unit="m", label="Depth", doc="North-south inside dimension.")
    clear_height_m: float = num(3.0, min=2.0, max=30, unit="m", label="Clear height")
    floor_load_limit_kg_m2: float = num(1200, min=100, max=10000, unit="kg/m²", label="Floor load limit")
    design_it_kw: float = num(min=0, max=500000, unit="kW", label="IT budget", doc="IT power the hall is built for.")
    cooling_unit_kw: float = num(
        0.0, min=0, max=10000, unit="kW", label="Cooling unit (net sensible)", doc="Net sensible cooling per unit."
    )
    cooling_units: int = num(0, min=0, max=1000, label="Cooling units")
    cooling_redundancy: Redundancy = text("N+1", label="Cooling redundancy")
    tile_m: float = num(0.6, min=0.1, max=2.0, unit="m", label="Floor tile", doc="Raised-floor tile; rows snap to it.")
    min_aisle_m: float = num(1.2, min=0.0, max=10.0, unit="m", label="Minimum aisle")
    rows: list[Row] = items(label="Rows")


# ---------------------------------------------------------------------------------------------
# Power chain (loss model per stage: Schneider WP113 no-load + proportional + square-law)


@dataclass(slots=True, kw_only=True)
class LossModel:
    """Stage loss = rating x (no_load + proportional x load + square_law x load²), load per unit."""

    no_load_frac: float = num(0.0, min=0, max=0.2)
    proportional_frac: float = num(0.0, min=0, max=0.2)
    square_law_frac: float = num(0.0, min=0, max=0.2)
    source: str = ""


@dataclass(slots=True, kw_only=True)
class UtilityFeed:
    """Grid connection: each feed can carry ``capacity_kw``; 2N = two independent feeds."""

    capacity_kw: float = num(min=0, max=2e6, unit="kW")
    feeds: int = num(1, min=1, max=8)
    redundancy: Redundancy = "N"
    voltage_kv: float = num(10.0, min=0.4, max=500, unit="kV")


@dataclass(slots=True, kw_only=True)
class TransformerBlock:
    """MV/LV transformers feeding IT and mechanical loads."""

    count: int = num(min=0, max=500)
    rating_kva: float = num(min=0, max=1e5, unit="kVA")
    power_factor: float = num(0.9, min=0.5, max=1.0)
    redundancy: Redundancy = "2N"
    losses: LossModel = items(LossModel)


@dataclass(slots=True, kw_only=True)
class UpsSystem:
    """UPS modules; usable capacity follows the redundancy (2N keeps half the installed)."""

    topology: Literal["double_conversion", "eco_mode", "rotary", "hvdc"] = "double_conversion"
    module_kw: float = num(min=0, max=1e4, unit="kW")
    modules: int = num(min=0, max=2000)
    redundancy: Redundancy = "2N"
    feeds_cooling: bool = False
    losses: LossModel = items(LossModel)


@dataclass(slots=True, kw_only=True)
class PduBlock:
    """Power distribution units / RPPs / busway taps feeding the cabinets."""

    count: int = num(min=0, max=20000)
    rating_kw: float = num(min=0, max=5000, unit="kW")
    redundancy: Redundancy = "2N"
    losses: LossModel = items(LossModel)


@dataclass(slots=True, kw_only=True)
class GeneratorBlock:
    """Standby diesel generators (rating = standby kW)."""

    count: int = num(min=0, max=500)
    rating_kw: float = num(min=0, max=2e4, unit="kW")
    redundancy: Redundancy = "N+1"
    autonomy_h: float = num(12.0, min=0, max=240, unit="h")


@dataclass(slots=True, kw_only=True)
class PowerChain:
    """Utility -> transformers -> UPS -> PDUs -> cabinets, with generators as standby."""

    utility: UtilityFeed
    transformers: TransformerBlock
    ups: UpsSystem
    pdus: PduBlock
    generators: GeneratorBlock
    cabling_losses: LossModel = items(LossModel)
    design_facility_factor: float = num(
        1.3, min=1.0, max=3.0, doc="peak facility kW per IT kW used to size utility, TX, gensets"
    )


# ---------------------------------------------------------------------------------------------
# Cooling, climate, load


@dataclass(slots=True, kw_only=True)
class CoolingPlant:
    """Heat-rejection plant: architecture preset, plant units and set points.

    ``parameters`` override the architecture preset's defaults by name (the energy engine
    lists and range-checks them).
    """

    architecture: CoolingArchitecture = "chw_tower_wse"
    plant_unit_kw: float = num(0.0, min=0, max=1e5, unit="kW", doc="rated cooling per unit")
    plant_units: int = num(0, min=0, max=1000)
    plant_redundancy: Redundancy = "N+1"
    supply_air_c: float = num(25.0, min=10, max=40, unit="°C", doc="ITE inlet set point")
    parameters: dict[str, float] = items(dict)


@dataclass(slots=True, kw_only=True)
class ClimateRef:
    """Where the hourly weather comes from: a built-in climate or a file beside the project."""

    source: Literal["builtin", "epw", "csv"] = "builtin"
    builtin_id: str = "guiyang"
    path: str = ""


@dataclass(slots=True, kw_only=True)
class ItLoad:
    """How busy the IT is: mean utilisation and the hourly shape around it."""

    utilisation: float = num(0.7, min=0, max=1, doc="mean compute utilisation")
    profile: Literal["flat", "daily_weekly", "csv"] = "flat"
    idle_fraction: float = num(0.3, min=0, max=1, doc="server idle power / full power where no server model is given")
    csv_path: str = ""
    daily_swing: float = num(
        0.2, min=0, max=1, doc="daily_weekly profile: peak-to-trough swing of the daily cycle, share of the mean"
    )
    peak_hour: float = num(15.0, min=0, max=23.99, unit="h", doc="daily_weekly profile: local hour of the daily peak")
    weekend_factor: float = num(0.9, min=0, max=1.5, doc="daily_weekly profile: weekend load relative to weekdays")


@dataclass(slots=True, kw_only=True)
class Location:
    """Site location; elevation sets the air pressure for psychrometrics."""

    name: str = ""
    latitude_deg: float = num(min=-90, max=90, unit="°")
    longitude_deg: float = num(min=-180, max=180, unit="°")
    elevation_m: float = num(min=-500, max=6000, unit="m")
    time_zone: str = "Asia/Shanghai"


# ---------------------------------------------------------------------------------------------
# Phases, economics, scenarios, provenance


@dataclass(slots=True, kw_only=True)
class Phase:
    """A build-out phase; cabinets refer to it by id."""

    id: str
    name: str = ""
    start: str = "2026-01"  # first month in service, YYYY-MM
    build_months: int = num(18, min=0, max=120, unit="months")
    capex_cny: float = num(0.0, min=0, max=1e12, unit="CNY")
    occupancy_ramp: list[float] = items(doc="share of the phase's cabinets in use, per year")
    notes: str = ""


@dataclass(slots=True, kw_only=True)
class TimeOfUse:
    """Time-of-use prices by hour of day; hours not listed pay the flat tariff.

    Hours are written as ranges of the day's hours 0-23, ends included: ``"8-11,18-21"``.
    """

    peak_hours: str = ""
    peak_price_cny_per_kwh: float = num(0.0, min=0, max=10, unit="CNY/kWh")
    valley_hours: str = ""
    valley_price_cny_per_kwh: float = num(0.0, min=0, max=10, unit="CNY/kWh")


@dataclass(slots=True, kw_only=True)
class Economics:
    """Money and carbon inputs (defaults are Guizhou planning assumptions, hardware_sites §6)."""

    currency: str = "CNY"
    electricity_tariff_cny_per_kwh: float = num(0.35, min=0, max=10, unit="CNY/kWh")  # Gui'an [S45]
    time_of_use: TimeOfUse = items(TimeOfUse)
    discount_rate: float = num(0.08, min=-0.5, max=1.0)  # NDRC social discount rate [S53]
    analysis_years: int = num(20, min=1, max=50, unit="years")
    grid_emission_kg_per_kwh: float = num(0.5, min=0, max=2, unit="kg CO2/kWh")
    water_tariff_cny_per_m3: float = num(4.0, min=0, max=100, unit="CNY/m³")
    usd_cny: float = num(7.2, min=0.1, max=100)
    # Anshun phase 1: 750 M CNY / 1,015 cabinets (seed facts), facility only (hardware_sites §7a)
    capex_per_cabinet_cny: float = num(739_000.0, min=0, max=1e9, unit="CNY")
    maintenance_frac_of_capex: float = num(0.02, min=0, max=0.5, doc="O&M per year as a share of facility capex")
    staff_fixed_cny_per_year: float = num(0.0, min=0, max=1e10, unit="CNY/year")
    staff_cny_per_mw_year: float = num(0.0, min=0, max=1e9, unit="CNY/(MW·year)", doc="per MW of IT in service")
    revenue_model: Literal["none", "colocation", "compute"] = "none"
    colocation_cny_per_kw_month: float = num(0.0, min=0, max=1e5, unit="CNY/(kW·month)", doc="IT kW taken")
    gpu_hour_price_cny: float = num(0.0, min=0, max=1e4, unit="CNY/GPU-hour")
    voucher_share: float = num(0.0, min=0, max=1, doc="share of compute revenue paid by compute vouchers")
    voucher_cap_cny_per_year: float = num(80e6, min=0, max=1e12, unit="CNY/year")  # Guizhou programme [S55]


@dataclass(slots=True, kw_only=True)
class Scenario:
    """A named variant: dotted-path overrides applied to the base site."""

    id: str
    name: str = ""
    description: str = ""
    overrides: dict[str, Any] = items(dict)


@dataclass(slots=True, kw_only=True)
class Assumption:
    """Where a number comes from: a published fact, an assumption or a derivation."""

    subject: str
    value: str
    kind: FactKind = "assumption"
    source: str = ""


@dataclass(slots=True, kw_only=True)
class Site:
    """One data-center site: everything a project file holds."""

    id: str
    name: str
    description: str = ""
    location: Location
    power: PowerChain
    halls: list[Hall] = items()
    cooling: CoolingPlant = items(CoolingPlant)
    climate: ClimateRef = items(ClimateRef)
    it_load: ItLoad = items(ItLoad)
    phases: list[Phase] = items()
    economics: Economics = items(Economics)
    buildout: Buildout = items(Buildout)
    scenarios: list[Scenario] = items()
    assumptions: list[Assumption] = items()
    catalog: Catalog = items(Catalog)
    drawing: Drawing = items(Drawing)
    compliance: ComplianceInputs = items(ComplianceInputs)
