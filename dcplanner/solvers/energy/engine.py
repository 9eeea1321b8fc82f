"""The energy engine: a site and a weather year in, hourly power of every part out (engine layer).

``solve_energy`` runs one site-year; ``solve_energy_batch`` runs many variants of one site in
a single vectorised pass (scenarios on the first axis, hours on the second), for Monte Carlo,
sensitivity sweeps and build-out phasing. Both share :func:`simulate`, which evaluates the IT
load, the power chain and the cooling architecture for every hour at once. Long batches report
progress through a plain callable and stop, between chunks, when their cancel token
(:class:`~dcplanner.solvers.progress.CancelToken`) is set; the engine itself starts no threads.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dcplanner.climate import psychro
from dcplanner.climate.weather import Weather
from dcplanner.model.catalog import HardwareIndex, hardware_index
from dcplanner.model.schema import Issue, ValidationError
from dcplanner.model.site import Site
from dcplanner.solvers.energy import curves
from dcplanner.solvers.energy.cooling import COMPONENTS, UPS_FED, Outdoor, Plant
from dcplanner.solvers.energy.electrical import Stage, chain_stages, downstream_of_transformers
from dcplanner.solvers.energy.envelope import classify_humidity_ratio
from dcplanner.solvers.energy.itload import ItModel, build_it_model, utilisation_profile
from dcplanner.solvers.energy.parameters import resolve_parameters
from dcplanner.solvers.energy.presets import CoolingPreset, LiquidHeat, preset
from dcplanner.solvers.energy.results import EnergyResult, make_result, modes_from_fraction
from dcplanner.solvers.inventory import CabinetInventory
from dcplanner.solvers.progress import Cancel, Cancelled, check

Array = NDArray[np.float64]
Progress = Callable[[float], None]

DEFAULT_CHILLER_UNITS = 4  # duty units assumed when the plant's unit size is not given [U]
DEFAULT_TERMINAL_MARGIN = 1.25  # installed room-unit capacity over design heat when not given [U]


class EnergyCancelled(Cancelled):
    """Raised when a cancel hook stops a solve."""


@functools.lru_cache(maxsize=16)
def outdoor_of(weather: Weather) -> Outdoor:
    """The outdoor arrays the cooling models read, computed once per weather year."""
    volume = psychro.moist_air_volume_m3_per_kg(weather.dry_bulb_c, weather.humidity_ratio, weather.pressure_pa)
    return Outdoor(
        dry_bulb_c=weather.dry_bulb_c,
        wet_bulb_c=weather.wet_bulb_c,
        dew_point_c=weather.dew_point_c,
        humidity_ratio=weather.humidity_ratio,
        enthalpy_kj_per_kg=weather.enthalpy_kj_per_kg,
        volume_m3_per_kg=volume,
        pressure_pa=weather.pressure_pa,
        sat_pressure_pa=psychro.sat_vapour_pressure_pa(weather.dry_bulb_c),
    )


@dataclass(frozen=True, slots=True)
class Prepared:
    """Everything about a site that does not change hour by hour or between variants."""

    site: Site
    weather: Weather
    outdoor: Outdoor
    preset: CoolingPreset
    parameters: dict[str, float]
    it: ItModel
    stages: dict[str, Stage]
    chiller_unit_kw: float
    terminal_capacity_kw: float
    liquid_mode: LiquidHeat  # the preset's liquid_heat
    liquid_fraction_override: float | None  # liquid_fraction parameter set by the project
    utilisation: Array
    notes: tuple[str, ...] = field(default=())

    @property
    def architecture(self) -> str:
        return self.preset.id


def prepare(
    site: Site,
    weather: Weather,
    *,
    base_dir: Path | None = None,
    utilisation: ArrayLike | None = None,
    hw: HardwareIndex | None = None,
    inventory: list[CabinetInventory] | None = None,
) -> Prepared:
    """Resolve parameters, IT model, chain and plant sizes of a validated site."""
    params = resolve_parameters(site.cooling)
    arch = site.cooling.architecture
    pre = preset(arch)
    it = build_it_model(site, hw or hardware_index(site), inventory)
    if it.full_kw <= 0:
        raise ValidationError([Issue("halls", "the site has no IT load (no cabinets with power)")])
    design_heat = max(it.design_kw, it.full_kw)
    c = site.cooling
    chiller_unit = c.plant_unit_kw if c.plant_unit_kw > 0 else design_heat / DEFAULT_CHILLER_UNITS
    terminal = sum(h.cooling_units * h.cooling_unit_kw for h in site.halls)
    notes: list[str] = []
    if terminal <= 0:
        terminal = design_heat * DEFAULT_TERMINAL_MARGIN
    if c.plant_unit_kw <= 0 and pre.stages_chillers:
        notes.append(
            f"cooling.plant_unit_kw not given: chillers staged as {DEFAULT_CHILLER_UNITS} units of "
            f"{chiller_unit:,.0f} kW"
        )
    liquid_mode = pre.liquid_heat
    if liquid_mode == "room_air" and it.liquid_idle_kw + it.liquid_dynamic_kw > 0:
        notes.append(
            f"liquid-cooled cabinets: the {arch} preset has no water loop, so their heat is treated as room air"
        )
    override = float(c.parameters["liquid_fraction"]) if "liquid_fraction" in c.parameters else None
    if liquid_mode == "liquid_loop" and override is None and it.liquid_fraction_at_full <= 0:
        notes.append(
            f"no liquid-cooled cabinet types: the preset's liquid_fraction {params['liquid_fraction']:g} is used"
        )
    u = utilisation_profile(site.it_load, weather, base_dir, utilisation)
    return Prepared(
        site=site,
        weather=weather,
        outdoor=outdoor_of(weather),
        preset=pre,
        parameters=params,
        it=it,
        stages=chain_stages(site.power),
        chiller_unit_kw=chiller_unit,
        terminal_capacity_kw=terminal,
        liquid_mode=liquid_mode,
        liquid_fraction_override=override,
        utilisation=u,
        notes=tuple(notes),
    )


def liquid_kw(prep: Prepared, it_kw: Array, utilisation: Array | float, scale: Array | float = 1.0, p=None) -> Array:
    """Heat captured by liquid, by the rule of the preset (see :class:`Prepared`)."""
    if prep.liquid_mode == "room_air":
        return np.zeros_like(it_kw)
    if prep.liquid_mode == "liquid_loop":
        params = p if p is not None else prep.parameters
        if prep.liquid_fraction_override is not None or prep.it.liquid_fraction_at_full <= 0:
            return params["liquid_fraction"] * it_kw
    return prep.it.liquid_kw(utilisation) * scale


@dataclass(slots=True)
class Hourly:
    """Raw hourly outputs of :func:`simulate` (arrays shaped like ``it_kw``)."""

    it_kw: Array
    heat_kw: Array
    cooling_kw: dict[str, Array]  # only the components the architecture has
    cooling_total_kw: Array
    loss_kw: dict[str, Array]
    lighting_kw: Array
    misc_kw: Array
    total_kw: Array
    economizer_fraction: Array
    water_l_per_h: Array
    inlet_c: Array
    inlet_humidity_ratio: Array


def simulate(
    prep: Prepared,
    p: Mapping[str, Any],
    it_kw: Array,
    liq_kw: Array,
    *,
    inlet_c: float | Array | None = None,
    stages: Mapping[str, Stage] | None = None,
) -> Hourly:
    """Every hour at once: chain losses, heat, cooling, transformer losses, total.

    ``p`` holds the resolved parameters (floats or scenario columns); ``stages`` and
    ``inlet_c`` override the site's chain and set point for batch variants.
    """
    stages = stages or prep.stages
    plant = Plant(
        prep.chiller_unit_kw, prep.terminal_capacity_kw, prep.site.cooling.supply_air_c if inlet_c is None else inlet_c
    )
    arch = prep.preset.model
    lighting = p["lighting_w_per_m2"] * prep.it.white_space_m2 / 1000.0 + p["lighting_fraction_of_it"] * it_kw
    misc = p["misc_fraction_of_design_it"] * prep.it.design_kw + 0.0 * it_kw
    feeds_cooling = prep.site.power.ups.feeds_cooling

    def heat(chain: Any, tx_loss: Array | float) -> Array:
        return (
            it_kw
            + chain.pdus
            + chain.cabling
            + p["ups_loss_to_cooling"] * chain.ups
            + lighting
            + p["transformer_loss_to_cooling"] * tx_loss
        )

    chain = downstream_of_transformers(stages, it_kw)
    q = heat(chain, 0.0)
    cool = arch(q - liq_kw, liq_kw, prep.outdoor, p, plant)
    ups_fed: Array | float = 0.0
    if feeds_cooling:  # the UPS carries air movers and pumps: one more pass with their power on it
        ups_fed = sum(cool.component(k) for k in UPS_FED)
        chain = downstream_of_transformers(stages, it_kw, ups_fed)
        q = heat(chain, 0.0)
        cool = arch(q - liq_kw, liq_kw, prep.outdoor, p, plant)
        ups_fed = sum(cool.component(k) for k in UPS_FED)
        chain = downstream_of_transformers(stages, it_kw, ups_fed)
    cooling_total = cool.total_kw
    tx_out = chain.ups_input + (cooling_total - ups_fed) + lighting + misc
    tx_loss = stages["transformers"].loss_kw(tx_out)
    if np.any(np.asarray(p["transformer_loss_to_cooling"]) > 0):  # transformer heat on the plant: one pass
        q = heat(chain, tx_loss)
        cool = arch(q - liq_kw, liq_kw, prep.outdoor, p, plant)
        cooling_total = cool.total_kw
        tx_out = chain.ups_input + (cooling_total - ups_fed) + lighting + misc
        tx_loss = stages["transformers"].loss_kw(tx_out)
    return Hourly(
        it_kw=it_kw,
        heat_kw=q,
        cooling_kw=cool.power_kw,
        cooling_total_kw=cooling_total,
        loss_kw={"pdus": chain.pdus, "cabling": chain.cabling, "ups": chain.ups, "transformers": tx_loss},
        lighting_kw=lighting,
        misc_kw=misc,
        total_kw=tx_out + tx_loss,
        economizer_fraction=cool.economizer_fraction,
        water_l_per_h=cool.water_l_per_h,
        inlet_c=cool.inlet_c,
        inlet_humidity_ratio=cool.inlet_humidity_ratio,
    )


PEAK_CANDIDATES_PER_DRIVER = 120


def peak_candidate_hours(weather: Weather, per_driver: int = PEAK_CANDIDATES_PER_DRIVER) -> NDArray[np.intp]:
    """Hours that can hold the year's peak cooling power at a constant IT load.

    Every model's cooling power rises with outdoor dry bulb, wet bulb or enthalpy (compressor
    lift, lost free cooling, fan volume), so the peak lies among the hottest hours of at least
    one of them; the union of the ``per_driver`` hottest hours of each is evaluated (the tests
    compare with the whole year for every preset).
    """
    k = min(per_driver, weather.hours)
    picks = [
        np.argpartition(-np.asarray(a), k - 1)[:k]
        for a in (weather.dry_bulb_c, weather.wet_bulb_c, weather.enthalpy_kj_per_kg)
    ]
    hours = np.sort(np.concatenate(picks))
    return hours[np.concatenate(([True], hours[1:] != hours[:-1]))]  # np.unique, without importing numpy.ma


def _subset(prep: Prepared, hours: NDArray[np.intp]) -> Prepared:
    o = prep.outdoor
    outdoor = Outdoor(*(np.asarray(getattr(o, f))[hours] for f in Outdoor.__dataclass_fields__))
    return replace(prep, outdoor=outdoor, utilisation=prep.utilisation[hours])


def design_peak_kw(prep: Prepared, hours: NDArray[np.intp] | None = None) -> float:
    """Peak facility power with every cabinet at its power budget (sizing basis), over the
    candidate hours of :func:`peak_candidate_hours` (or the given hours)."""
    hours = peak_candidate_hours(prep.weather) if hours is None else hours
    sub = _subset(prep, hours)
    scale = prep.it.design_kw / prep.it.full_kw if prep.it.full_kw > 0 else 1.0
    it = np.full(hours.size, prep.it.design_kw)
    liq = liquid_kw(sub, it, 1.0, scale)
    return float(simulate(sub, prep.parameters, it, liq).total_kw.max())


def solve_energy(
    site: Site,
    weather: Weather,
    *,
    utilisation: ArrayLike | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    base_dir: Path | None = None,
    hw: HardwareIndex | None = None,
    inventory: list[CabinetInventory] | None = None,
) -> EnergyResult:
    """Hourly energy of one site-year.

    ``utilisation`` (a number or an hourly array, 0–1) replaces the site's profile;
    ``base_dir`` resolves a relative utilisation CSV path. Raises ValidationError for bad
    cooling parameters (paths ``cooling.parameters.<name>``) and :class:`EnergyCancelled`.
    """
    check(cancel, EnergyCancelled)
    prep = prepare(site, weather, base_dir=base_dir, utilisation=utilisation, hw=hw, inventory=inventory)
    u = prep.utilisation
    it = prep.it.power_kw(u)
    hourly = simulate(prep, prep.parameters, it, liquid_kw(prep, it, u))
    if progress is not None:
        progress(0.5)
    check(cancel, EnergyCancelled)
    peak = design_peak_kw(prep)
    if progress is not None:
        progress(1.0)
    n = weather.hours

    def full(a: Any) -> Array:
        return np.broadcast_to(np.asarray(a, dtype=np.float64), (n,))

    liquid_fraction = 0.0
    if prep.liquid_mode != "room_air":
        liq_full = np.broadcast_to(liquid_kw(prep, np.array([prep.it.full_kw]), 1.0), (1,))
        liquid_fraction = float(liq_full[0] / prep.it.full_kw)
    return make_result(
        site_id=site.id,
        architecture=prep.architecture,
        parameters=prep.parameters,
        climate_name=weather.name,
        climate_source=weather.source,
        climate_kind=weather.kind,
        grid_emission_kg_per_kwh=site.economics.grid_emission_kg_per_kwh,
        design_it_kw=prep.it.design_kw,
        liquid_fraction=liquid_fraction,
        notes=prep.notes + weather.notes,
        month=weather.month,
        hour_of_day=weather.hour,
        dry_bulb_c=weather.dry_bulb_c,
        wet_bulb_c=weather.wet_bulb_c,
        dew_point_c=weather.dew_point_c,
        rel_humidity=weather.rel_humidity,
        utilisation=u,
        it_kw=it,
        heat_load_kw=full(hourly.heat_kw),
        cooling_kw={k: full(hourly.cooling_kw.get(k, 0.0)) for k in COMPONENTS},
        electrical_loss_kw={k: full(v) for k, v in hourly.loss_kw.items()},
        lighting_kw=full(hourly.lighting_kw),
        misc_kw=full(hourly.misc_kw),
        total_kw=full(hourly.total_kw),
        economizer_fraction=full(hourly.economizer_fraction),
        mode=modes_from_fraction(full(hourly.economizer_fraction)),
        water_l_per_h=full(hourly.water_l_per_h),
        pressure_pa=weather.pressure_pa,
        inlet_c=full(hourly.inlet_c),
        inlet_humidity_ratio=full(hourly.inlet_humidity_ratio),
        envelope=classify_humidity_ratio(full(hourly.inlet_c), full(hourly.inlet_humidity_ratio), weather.pressure_pa),
        design_peak_facility_kw=peak,
    )


# ---------------------------------------------------------------------------------------------
# Batch


STAGE_KEYS = {"no_load": "no_load", "proportional": "proportional", "square_law": "square_law"}
SPECIAL_VARIABLES = ("utilisation", "it_scale", "supply_air_c")


@dataclass(frozen=True, slots=True)
class EnergyBatchResult:
    """Yearly figures of many variants of one site (arrays of length S)."""

    it_energy_kwh: Array
    facility_energy_kwh: Array
    cooling_energy_kwh: Array
    electrical_loss_energy_kwh: Array
    lighting_misc_energy_kwh: Array
    water_l: Array
    peak_facility_kw: Array
    full_economizer_hours: NDArray[np.int64]
    partial_economizer_hours: NDArray[np.int64]

    @property
    def annual_pue(self) -> Array:
        return np.divide(
            self.facility_energy_kwh,
            self.it_energy_kwh,
            out=np.full(self.it_energy_kwh.shape, np.nan),
            where=self.it_energy_kwh > 0,
        )

    @property
    def size(self) -> int:
        return int(self.it_energy_kwh.size)


def _batch_size(variations: Mapping[str, ArrayLike], size: int | None) -> int:
    lengths = {np.size(v) for v in variations.values() if np.ndim(v) > 0}
    if size is not None:
        lengths.add(size)
    if len(lengths) > 1:
        raise ValueError(f"variation arrays differ in length: {sorted(lengths)}")
    return lengths.pop() if lengths else 1


def _check_variations(prep: Prepared, variations: Mapping[str, ArrayLike]) -> None:
    pre = prep.preset
    known = {q.name: q for q in pre.params}
    issues = []
    for name, values in variations.items():
        arr = np.asarray(values, dtype=np.float64)
        if name in SPECIAL_VARIABLES:
            lo, hi = {"utilisation": (0.0, 1.0), "it_scale": (0.0, 10.0), "supply_air_c": (10.0, 40.0)}[name]
        elif "." in name:
            stage, _, coef = name.partition(".")
            if stage not in prep.stages or coef not in STAGE_KEYS:
                issues.append(
                    Issue(
                        name, "unknown variable; use <pdus|cabling|ups|transformers>.<no_load|proportional|square_law>"
                    )
                )
                continue
            lo, hi = 0.0, 0.2
        elif name in known:
            spec = known[name]
            if spec.choices and np.ndim(values) > 0 and np.unique(arr).size > 1:
                issues.append(Issue(f"cooling.parameters.{name}", "a switch cannot vary within one batch"))
                continue
            lo, hi = spec.min, spec.max
        else:
            allowed = (
                f"cooling parameters of {pre.architecture}, {', '.join(SPECIAL_VARIABLES)} or <stage>.<coefficient>"
            )
            issues.append(Issue(name, f"unknown variable; use {allowed}"))
            continue
        if np.any(~np.isfinite(arr)) or np.any(arr < lo) or np.any(arr > hi):
            issues.append(Issue(name, f"values must lie from {lo:g} to {hi:g}"))
    if issues:
        raise ValidationError(issues)


def solve_energy_batch(
    site: Site,
    weather: Weather,
    variations: Mapping[str, ArrayLike] | None = None,
    *,
    size: int | None = None,
    chunk_size: int = 8,
    base_dir: Path | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> EnergyBatchResult:
    """Yearly energy of S variants of one site in one vectorised pass per chunk.

    ``variations`` maps names to S values (or one value for all): any cooling parameter of the
    site's preset, ``supply_air_c``, ``utilisation`` (mean utilisation; the site's hourly shape
    is scaled to it), ``it_scale`` (share of the site's IT in service) or a loss coefficient
    ``<pdus|cabling|ups|transformers>.<no_load|proportional|square_law>``. Variants are
    evaluated ``chunk_size`` at a time; ``progress(fraction)`` is called after each chunk and
    ``cancel`` is checked before each.
    """
    variations = dict(variations or {})
    prep = prepare(site, weather, base_dir=base_dir)
    _check_variations(prep, variations)
    s_total = _batch_size(variations, size)
    n = weather.hours
    u_base = prep.utilisation
    u_mean = float(u_base.mean())
    sums = {k: np.zeros(s_total) for k in ("it", "fac", "cool", "loss", "aux", "water", "peak")}
    full_h = np.zeros(s_total, dtype=np.int64)
    part_h = np.zeros(s_total, dtype=np.int64)

    def column(values: ArrayLike, sl: slice) -> Any:
        arr = np.asarray(values, dtype=np.float64)
        if arr.ndim == 0:
            return float(arr)
        return arr[sl, None]

    for start in range(0, s_total, chunk_size):
        check(cancel, EnergyCancelled)
        sl = slice(start, min(start + chunk_size, s_total))
        m = sl.stop - sl.start
        p: dict[str, Any] = dict(prep.parameters)
        stage_over: dict[str, dict[str, Any]] = {}
        for name, values in variations.items():
            if name in SPECIAL_VARIABLES:
                continue
            if "." in name:
                stage, _, coef = name.partition(".")
                stage_over.setdefault(stage, {})[STAGE_KEYS[coef]] = column(values, sl)
            else:
                p[name] = column(values, sl)
        if "utilisation" in variations:
            target = column(variations["utilisation"], sl)
            u = curves.clamp(u_base * (np.asarray(target) / u_mean if u_mean > 0 else 0.0), 0.0, 1.0)
            if u_mean <= 0:
                u = np.broadcast_to(np.asarray(target), (m, n)) if np.ndim(target) else np.full(n, target)
        else:
            u = u_base
        scale = column(variations["it_scale"], sl) if "it_scale" in variations else 1.0
        it = np.broadcast_to(prep.it.power_kw(u) * scale, (m, n))
        liq = np.broadcast_to(liquid_kw(prep, it, u, scale, p), (m, n))
        stages = chain_stages(site.power, stage_over) if stage_over else prep.stages
        inlet = column(variations["supply_air_c"], sl) if "supply_air_c" in variations else None
        h = simulate(prep, p, it, liq, inlet_c=inlet, stages=stages)
        total = np.broadcast_to(h.total_kw, (m, n))
        sums["it"][sl] = it.sum(axis=-1)
        sums["fac"][sl] = total.sum(axis=-1)
        sums["peak"][sl] = total.max(axis=-1)
        sums["cool"][sl] = np.broadcast_to(h.cooling_total_kw, (m, n)).sum(axis=-1)
        sums["aux"][sl] = np.broadcast_to(h.lighting_kw + h.misc_kw, (m, n)).sum(axis=-1)
        sums["loss"][sl] = sums["fac"][sl] - sums["it"][sl] - sums["cool"][sl] - sums["aux"][sl]
        sums["water"][sl] = np.broadcast_to(h.water_l_per_h, (m, n)).sum(axis=-1)
        frac = np.broadcast_to(h.economizer_fraction, (m, n))
        full_h[sl] = np.count_nonzero(frac >= 1.0 - 1e-9, axis=-1)
        part_h[sl] = np.count_nonzero((frac > 1e-9) & (frac < 1.0 - 1e-9), axis=-1)
        if progress is not None:
            progress(sl.stop / s_total)
    return EnergyBatchResult(
        it_energy_kwh=sums["it"],
        facility_energy_kwh=sums["fac"],
        cooling_energy_kwh=sums["cool"],
        electrical_loss_energy_kwh=sums["loss"],
        lighting_misc_energy_kwh=sums["aux"],
        water_l=sums["water"],
        peak_facility_kw=sums["peak"],
        full_economizer_hours=full_h,
        partial_economizer_hours=part_h,
    )


def annual_energy_at_loads(
    site: Site,
    weather: Weather,
    *,
    utilisation: Sequence[float] | ArrayLike | None = None,
    it_scale: Sequence[float] | ArrayLike | None = None,
    base_dir: Path | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> EnergyBatchResult:
    """Annual IT and facility energy (and PUE) of one site at several load levels in one call.

    ``it_scale``: share of the site's IT in service (e.g. the cabinets a build-out phase has
    brought online, 0–1; the power chain and plant stay as built); ``utilisation``: mean
    utilisation of what is in service. Either may be a single value or one per level.
    """
    variations: dict[str, ArrayLike] = {}
    if utilisation is not None:
        variations["utilisation"] = utilisation
    if it_scale is not None:
        variations["it_scale"] = it_scale
    return solve_energy_batch(site, weather, variations, base_dir=base_dir, progress=progress, cancel=cancel)
