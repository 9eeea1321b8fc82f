"""Assumptions sheet: every fact, assumption and convention behind the figures, with its source.

Source keys (``S41``, ``SEED``) are resolved against the catalog's ``sources.csv`` into titles
and addresses, listed under the table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from dcplanner.io.excel import styles
from dcplanner.io.excel.book import Book, Column, wrapped_lines
from dcplanner.io.excel.data import ExportData
from dcplanner.io.excel.labels import PRECISION_LABELS
from dcplanner.key_figure import KeyFigure
from dcplanner.model.catalog import HardwareIndex, source_titles
from dcplanner.model.site import Accelerator, CabinetType, Cpu, LossModel, ServerModel, Site
from dcplanner.solvers.energy import EnergyResult
from dcplanner.solvers.energy.parameters import preset

TITLE = "Assumptions"
SOURCE_KEY = re.compile(r"\b(S\d+|SEED)\b")

WIDE = 44.0
COLUMNS = [
    Column("section", "Section"),
    Column("subject", "Subject", width=28),
    Column("value", "Value", width=WIDE),
    Column("kind", "Kind", note="fact: published; assumption: chosen for the plan; derived: computed from others."),
    Column("source", "Source", width=WIDE),
    Column("refs", "References", width=12),
]


@dataclass(frozen=True, slots=True)
class Entry:
    section: str
    subject: str
    value: str
    kind: str
    source: str


def source_keys(text: str) -> list[str]:
    """Known source keys cited in ``text``, in order, without repeats."""
    known = source_titles()
    seen: dict[str, None] = {}
    for key in SOURCE_KEY.findall(text):
        if key in known:
            seen.setdefault(key)
    return list(seen)


def _joined(*parts: str) -> str:
    return " — ".join(p for p in parts if p)


def _site_entries(site: Site) -> Iterator[Entry]:
    for a in site.assumptions:
        yield Entry("Site", a.subject, a.value, a.kind, a.source)


def _accelerator(a: Accelerator) -> str:
    rates = [
        f"{PRECISION_LABELS[p]} {v:g}"
        for p, v in (
            ("fp64_vector", a.fp64_tflops),
            ("fp64", a.fp64_tensor_tflops),
            ("fp32", a.fp32_tflops),
            ("fp16", a.fp16_tflops),
            ("fp8", a.fp8_tflops),
        )
        if v is not None
    ]
    parts = [", ".join(rates) + " TFLOPS dense" if rates else "no published throughput"]
    if a.int8_tops is not None:
        parts.append(f"INT8 {a.int8_tops:g} TOPS")
    if a.tdp_w is not None:
        parts.append(f"{a.tdp_w:g} W")
    return "; ".join(parts)


def _cpu(c: Cpu) -> str:
    per_cycle = "" if c.fp64_flops_per_cycle is None else f", {c.fp64_flops_per_cycle:g} FP64 FLOP/cycle/core"
    return f"{c.cores} cores at {c.base_ghz:g} GHz{per_cycle}"


def _server(s: ServerModel) -> str:
    parts = [f"{s.role}, {s.rack_units} U, {s.weight_kg:g} kg, {s.idle_kw:g}–{s.max_kw:g} kW (idle–max)"]
    if s.accelerator_id and s.accelerator_count:
        parts.append(f"{s.accelerator_count} × {s.accelerator_id}")
    if s.cpu_id and s.cpu_count:
        parts.append(f"{s.cpu_count} × {s.cpu_id}")
    return ", ".join(parts)


def _cabinet_type(t: CabinetType) -> str:
    return (
        f"{t.width_m:g} × {t.depth_m:g} m, {t.rack_units} U, {t.max_power_kw:g} kW, {t.max_weight_kg:g} kg rated, "
        f"{t.cooling.replace('_', ' ')} cooling, liquid share {t.liquid_fraction:.0%}"
    )


def _hardware_entries(data: ExportData) -> Iterator[Entry]:
    hw: HardwareIndex = data.hardware
    type_ids = sorted({inv.cabinet.type_id for inv in data.inventory})
    server_ids = sorted({load.model_id for inv in data.inventory for load in inv.cabinet.servers})
    servers = [hw.servers[i] for i in server_ids]
    acc_ids = sorted({s.accelerator_id for s in servers if s.accelerator_id and s.accelerator_count})
    cpu_ids = sorted({s.cpu_id for s in servers if s.cpu_id and s.cpu_count})

    def kind(ident: str) -> str:
        return "project catalog" if ident in hw.user_ids else "catalog"

    for t in (hw.cabinet_types[i] for i in type_ids):
        yield Entry("Hardware: cabinet type", f"{t.id}: {t.name}", _cabinet_type(t), kind(t.id), t.source)
    for s in servers:
        yield Entry("Hardware: server", f"{s.id}: {s.name}", _server(s), kind(s.id), _joined(s.source, s.notes))
    for a in (hw.accelerators[i] for i in acc_ids):
        source = _joined(a.source, f"confidence {a.confidence}" if a.confidence else "", a.notes)
        yield Entry("Hardware: accelerator", f"{a.id}: {a.name}", _accelerator(a), kind(a.id), source)
    for c in (hw.cpus[i] for i in cpu_ids):
        source = _joined(c.source, f"confidence {c.confidence}" if c.confidence else "", c.notes)
        yield Entry("Hardware: CPU", f"{c.id}: {c.name}", _cpu(c), kind(c.id), source)


def _loss(loss: LossModel) -> str:
    return (
        f"no-load {loss.no_load_frac:.2%}, proportional {loss.proportional_frac:.2%}, "
        f"square-law {loss.square_law_frac:.2%} of the unit rating"
    )


def _power_entries(site: Site) -> Iterator[Entry]:
    p = site.power
    for subject, loss in (
        ("power.transformers.losses", p.transformers.losses),
        ("power.ups.losses", p.ups.losses),
        ("power.pdus.losses", p.pdus.losses),
        ("power.cabling_losses", p.cabling_losses),
    ):
        yield Entry("Power chain", subject, _loss(loss), "assumption", loss.source or "not given")
    yield Entry(
        "Power chain",
        "power.design_facility_factor",
        f"{p.design_facility_factor:g} kW of facility load per kW of design IT until an hourly energy result sizes it",
        "assumption",
        "project file",
    )


CLIMATE_KIND_AS_FACT = {"measured": "fact", "synthesised": "derived", "derived": "derived"}


def _number(value: float, unit: str) -> str:
    return f"{value:g} {unit}" if unit and unit != "1" else f"{value:g}"


def _energy_entries(data: ExportData) -> Iterator[Entry]:
    """The climate, the cooling model's parameters and the carbon and money inputs of the energy year."""
    e: EnergyResult | None = data.energy
    if e is None:
        return
    kind = CLIMATE_KIND_AS_FACT.get(e.climate_kind, "derived")
    yield Entry("Energy: climate", e.climate_name, f"{e.climate_kind}: {e.climate_source}", kind, "; ".join(e.notes))
    site_params = data.site.cooling.parameters
    pre = preset(e.architecture)
    section = f"Energy: cooling model {e.architecture}"
    for param in pre.params:
        value = e.parameters.get(param.name, param.default)
        text = _joined(_number(value, param.unit), param.doc)
        if param.choices:
            text = _joined(text, param.choices.get(int(value), ""))
        if param.name in site_params:
            source = _joined("project file", f"preset default {_number(param.default, param.unit)}: {param.source}")
            yield Entry(section, f"cooling.parameters.{param.name}", text, "assumption", source)
        else:
            yield Entry(section, f"cooling.parameters.{param.name}", text, "preset default", param.source)
    econ = data.site.economics
    yield Entry(
        "Energy: inputs",
        "economics.grid_emission_kg_per_kwh",
        f"{e.grid_emission_kg_per_kwh:g} kg CO2/kWh",
        "assumption",
        "project file",
    )
    yield Entry(
        "Energy: inputs",
        "economics.electricity_tariff_cny_per_kwh",
        f"{econ.electricity_tariff_cny_per_kwh:g} CNY/kWh",
        "assumption",
        "project file",
    )
    yield from ENERGY_METHOD


ENERGY_METHOD = (
    Entry(
        "Method",
        "annual PUE",
        "total facility energy / total IT energy over the year (not a mean of hourly or monthly PUEs)",
        "convention",
        "ISO/IEC 30134-2:2016",
    ),
    Entry(
        "Method",
        "partial PUE",
        "(IT + subsystem energy) / IT energy, for cooling and for the power chain's losses",
        "convention",
        "The Green Grid",
    ),
    Entry("Method", "WUE", "site water (L) / IT energy (kWh)", "convention", "The Green Grid WP#35; ISO/IEC 30134-9"),
    Entry(
        "Method",
        "CUE",
        "grid emission factor × annual PUE (kg CO2 per kWh of IT); CO2 per year = factor × facility energy",
        "convention",
        "The Green Grid WP#32",
    ),
    Entry(
        "Method",
        "free-cooling modes",
        "full: free cooling meets the whole cooling load; partial: part of it; mechanical: none (per hour)",
        "convention",
        "Schneider Electric White Paper 132",
    ),
    Entry(
        "Method",
        "inlet envelope",
        "each hour's ITE inlet air classed in the tightest ASHRAE envelope that holds it",
        "convention",
        "ASHRAE TC 9.9 Thermal Guidelines (2021), Table 2.1",
    ),
    Entry(
        "Method",
        "design peak facility power",
        "the simulated year with every cabinet at its power budget: its highest hour sizes utility, "
        "transformers and generators",
        "convention",
        "dcplanner energy engine",
    ),
)


METHOD = (
    Entry(
        "Method",
        "usable capacity",
        "usable units: N all, N+1 / N+2 / N+3 all but one / two / three, 2N half of those installed, "
        "2N+1 half of all but one",
        "convention",
        "Uptime Institute tier topology; Schneider Electric White Paper 75",
    ),
    Entry(
        "Method",
        "peak compute",
        "dense peak (no 2:4 sparsity) summed over the installed hardware; FP64 Rpeak takes the larger of vector "
        "and tensor FP64 per accelerator, CPUs at base clock",
        "convention",
        "TOP500 Rpeak [S27]",
    ),
    Entry(
        "Method",
        "heat load",
        "heat to remove = design IT load (electrical input becomes heat)",
        "convention",
        "energy balance",
    ),
    Entry("Method", "accelerator-hours", "accelerators × 8,760 h × mean utilisation", "convention", "definition"),
    Entry(
        "Method",
        "floor loading",
        "cabinet weight (empty + contents) over its own footprint",
        "convention",
        "conservative point-load check",
    ),
)


def entries(data: ExportData) -> list[Entry]:
    """Every line of the table, in order."""
    return [
        *_site_entries(data.site),
        *_hardware_entries(data),
        *_power_entries(data.site),
        *_energy_entries(data),
        *METHOD,
    ]


def build(book: Book, data: ExportData) -> Sequence[KeyFigure]:
    ws = book.sheet(TITLE)
    c = book.header(ws, 1, COLUMNS)
    titles = source_titles()
    cited: dict[str, None] = {}
    r = 1
    for e in entries(data):
        r += 1
        keys = source_keys(f"{e.value} {e.source}")
        cited.update(dict.fromkeys(keys))
        book.put(ws, r, c["section"], e.section, align=styles.TOP)
        book.put(ws, r, c["subject"], e.subject, align=styles.WRAP, measure=False)
        book.put(ws, r, c["value"], e.value, align=styles.WRAP, measure=False)
        book.put(ws, r, c["kind"], e.kind, align=styles.TOP)
        book.put(ws, r, c["source"], e.source, align=styles.WRAP, measure=False)
        book.put(ws, r, c["refs"], ", ".join(keys), align=styles.WRAP, measure=False)
        lines = max(wrapped_lines(e.subject, 28), wrapped_lines(e.value, WIDE), wrapped_lines(e.source, WIDE))
        book.fit_height(ws, r, lines)
    book.table(ws, 1, r, len(COLUMNS), freeze_col=3)
    r += 2
    r = book.section(ws, r, "References")
    for key in cited:
        title, address = titles[key]
        book.put(ws, r, c["section"], key, font=styles.LABEL_FONT, align=styles.TOP)
        book.put(ws, r, c["value"], title, align=styles.WRAP, measure=False)
        book.put(ws, r, c["source"], address, align=styles.WRAP, measure=False)
        book.fit_height(ws, r, max(wrapped_lines(title, WIDE), wrapped_lines(address, WIDE)))
        r += 1
    return ()
