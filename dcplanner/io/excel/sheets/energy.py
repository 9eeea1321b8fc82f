"""Energy sheet: the simulated year month by month, PUE, partial PUEs, WUE, CUE, CO2 and cost (engine).

The monthly energies are the energy engine's hourly results summed per month (values, MWh);
everything derived from them is a live formula. Definitions:

- facility energy = IT + cooling + electrical losses + lighting + misc (energy balance);
- PUE = facility energy / IT energy, per month and for the year: the annual figure is total
  facility energy over total IT energy (ISO/IEC 30134-2), never a mean of monthly ratios;
- partial PUE of a subsystem = (IT + subsystem) / IT (The Green Grid), for cooling and for
  the power chain's losses;
- WUE = site water / IT energy, L/kWh (The Green Grid WP#35; ISO/IEC 30134-9);
- CUE = grid emission factor × PUE, kg CO2/kWh of IT (The Green Grid WP#32); CO2 per year =
  factor × facility energy; energy cost = tariff × facility energy. The grid factor and the
  tariff are inputs: change them and CUE, CO2 and cost follow.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from openpyxl.worksheet.pagebreak import Break

from dcplanner.climate.weather import HOURS_PER_LEAP_YEAR, calendar
from dcplanner.io.excel import styles
from dcplanner.io.excel.book import Book, Column, Expected, wrapped_lines
from dcplanner.io.excel.charts import category_chart, rows_spanned
from dcplanner.io.excel.data import ExportData
from dcplanner.io.excel.formulas import cell
from dcplanner.io.excel.labels import (
    CLIMATE_KINDS,
    COOLING_ARCHITECTURES,
    COOLING_COMPONENTS,
    ECONOMIZER_MODES,
    LOSS_STAGES,
)
from dcplanner.io.excel.styles import Fmt
from dcplanner.key_figure import KeyFigure
from dcplanner.solvers.energy import EnergyResult
from dcplanner.solvers.energy.cooling import COMPONENTS
from dcplanner.solvers.energy.electrical import STAGES
from dcplanner.solvers.energy.envelope import CLASSES
from dcplanner.solvers.energy.results import MODES, MONTHS

TITLE = "Energy"
TARIFF_ANCHOR = "economics.electricity_tariff_cny_per_kwh"
KWH_PER_MWH = 1000.0
CHART_CM = 7.5
ANNUAL_ROWS = 19  # section title, 17 lines, one blank row
MONTHLY_ROWS = 17 + rows_spanned(CHART_CM)  # section, header, 12 months, year, note, blank; the chart
NOTE_WIDTH = 200  # characters across a note merged over the monthly table's width

# ASHRAE TC 9.9 (2021) Table 2.1, as classified by dcplanner.solvers.energy.envelope.
ENVELOPES = {
    "recommended": "recommended: 18–27 °C, −9 to 15 °C dew point, ≤ 70 % RH",
    "A1": "A1 allowable: 15–32 °C, −12 °C DP and 8 % RH to 17 °C DP and 80 % RH",
    "A2": "A2 allowable: 10–35 °C, −12 °C DP and 8 % RH to 21 °C DP and 80 % RH",
    "A3": "A3 allowable: 5–40 °C, −12 °C DP and 8 % RH to 24 °C DP and 85 % RH",
    "A4": "A4 allowable: 5–45 °C, −12 °C DP and 8 % RH to 24 °C DP and 90 % RH",
    "outside": "outside A4",
}

MONTHLY = [
    Column("month", "Month"),
    Column("hours", "Hours", Fmt.HOURS),
    Column("it", "IT energy (MWh)", Fmt.KW),
    Column("cooling", "Cooling (MWh)", Fmt.KW, note="Sum of the cooling components (table below)."),
    Column("losses", "Electrical losses (MWh)", Fmt.KW, note="PDUs, cabling, UPS and transformers (table below)."),
    Column("other", "Lighting and misc (MWh)", Fmt.KW),
    Column("facility", "Facility energy (MWh)", Fmt.KW, note="IT + cooling + electrical losses + lighting and misc."),
    Column("pue", "PUE", Fmt.RATE, note="Facility energy / IT energy of the month."),
    *(Column(f"mode_{m}", f"{ECONOMIZER_MODES[m]} (h)", Fmt.HOURS) for m in ("full", "partial", "mechanical")),
    Column("water", "Water (m³)", Fmt.KW, note="Site water: evaporation, blowdown, humidification, sprays."),
    Column("dry_bulb", "Mean dry bulb (°C)", Fmt.CELSIUS),
    Column("wet_bulb", "Mean wet bulb (°C)", Fmt.CELSIUS),
]


def monthly_sum(result: EnergyResult, hourly: NDArray[np.float64]) -> NDArray[np.float64]:
    """Sum of an hourly array per calendar month (12 values)."""
    return np.bincount(result.month.astype(np.intp) - 1, weights=hourly, minlength=12).astype(np.float64)


def hour_label(result: EnergyResult, index: int) -> str:
    """``Jul 23, 15:00`` for an hour of the simulated year."""
    _, day, _ = calendar(result.hours == HOURS_PER_LEAP_YEAR)
    return f"{MONTHS[result.month[index] - 1]} {day[index]}, {result.hour_of_day[index]:02d}:00"


def shown_components(result: EnergyResult) -> tuple[list[str], list[str]]:
    """Cooling components and loss stages that draw power at some hour (the others stay out)."""
    cooling = [k for k in COMPONENTS if np.any(result.cooling_kw[k])] or [COMPONENTS[0]]
    losses = [k for k in STAGES if np.any(result.electrical_loss_kw[k])] or [STAGES[0]]
    return cooling, losses


def local(ref: str) -> str:
    """``$C$53`` from ``Energy!$C$53``: formulas on the sheet itself read better without the name."""
    return ref.rsplit("!", 1)[-1]


def ratio(num: str, den: str) -> str:
    """``num / den``, blank when ``den`` is not positive (a month or year without IT energy)."""
    return f'IF({den}>0,{num}/{den},"")'


def ratio_value(value: float) -> Expected:
    """The engine's ratio as :func:`ratio` shows it (NaN -> blank)."""
    return value if math.isfinite(value) else ""


@dataclass(frozen=True, slots=True)
class Totals:
    """Cells of the yearly totals that the annual block and the Summary refer to."""

    it: str
    cooling: str
    losses: str
    facility: str
    water: str
    hours: str
    modes: dict[str, str]


class _EnergySheet:
    def __init__(self, book: Book, data: ExportData) -> None:
        assert data.energy is not None
        self.book, self.data, self.e = book, data, data.energy
        self.ws = book.sheet(TITLE)
        self.cooling_keys, self.loss_keys = shown_components(self.e)
        self.monthly_row = 0

    # -- blocks ---------------------------------------------------------------------------------

    def climate(self, r: int) -> int:
        book, ws, e = self.book, self.ws, self.e
        r = book.section(ws, r, "Climate and model")
        lines: list[tuple[str, object, str, str | None, str]] = [
            ("Climate", e.climate_name, "", None, ""),
            ("Climate source", e.climate_source, "", None, ""),
            ("Climate kind", e.climate_kind, "", None, CLIMATE_KINDS.get(e.climate_kind, "")),
            ("Hours simulated", e.hours, "h", Fmt.HOURS, "one year, hour by hour"),
            ("Mean outdoor dry bulb", float(np.mean(e.dry_bulb_c)), "°C", Fmt.CELSIUS, ""),
            ("Cooling architecture", e.architecture, "", None, COOLING_ARCHITECTURES.get(e.architecture, "")),
            ("Design IT load", e.design_it_kw, "kW", Fmt.KW, "the cabinets' power budgets"),
            ("Mean IT utilisation", float(np.mean(e.utilisation)), "", Fmt.PCT, "over the simulated year"),
        ]
        if e.liquid_fraction > 0:
            lines.append(("Liquid share of IT heat", e.liquid_fraction, "", Fmt.PCT, "at full load"))
        for label, value, unit, fmt, note in lines:
            self.book.label_line(self.ws, r, label, unit, note)
            book.put(ws, r, 2, value, fmt=fmt, measure=isinstance(value, (int, float)))
            r += 1
        for text in e.notes:
            book.put(ws, r, 1, text, font=styles.NOTE_FONT, align=styles.WRAP, measure=False)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(MONTHLY))
            book.fit_height(ws, r, wrapped_lines(text, NOTE_WIDTH))
            r += 1
        return r + 1

    def inputs(self, r: int) -> tuple[str, str, int]:
        """Grid emission factor and tariff input cells; returns their refs and the next row."""
        book, ws = self.book, self.ws
        r = book.section(
            ws, r, "Inputs (blue: change them and CUE, CO2 and cost follow, and the Finance sheet's price)"
        )
        self.book.label_line(self.ws, r, "Grid emission factor", "kg CO2/kWh", "economics.grid_emission_kg_per_kwh")
        book.put(ws, r, 2, self.e.grid_emission_kg_per_kwh, fmt=Fmt.RATE, font=styles.INPUT_FONT)
        self.book.label_line(
            self.ws, r + 1, "Electricity tariff", "CNY/kWh", "economics.electricity_tariff_cny_per_kwh"
        )
        tariff = self.data.site.economics.electricity_tariff_cny_per_kwh
        book.put(ws, r + 1, 2, tariff, fmt=Fmt.RATE, font=styles.INPUT_FONT)
        book.anchors[TARIFF_ANCHOR] = cell(TITLE, 2, r + 1)  # the Finance sheet's price follows it
        return cell(None, 2, r), cell(None, 2, r + 1), r + 3

    def monthly(self, r: int, components: dict[str, dict[str, list[str]]]) -> Totals:
        """The monthly table, its total row and the PUE chart, in the ``MONTHLY_ROWS`` rows from ``r``;
        ``components`` holds each month's component cells by group (cooling, losses, other)."""
        book, ws, e = self.book, self.ws, self.e
        r = book.section(ws, r, "Monthly energy, PUE and free-cooling hours")
        c = book.header(ws, r, MONTHLY)
        header, first = r, r + 1
        hours = np.bincount(e.month.astype(np.intp) - 1, minlength=12)
        it = monthly_sum(e, e.it_kw) / KWH_PER_MWH
        cool = monthly_sum(e, e.cooling_total_kw) / KWH_PER_MWH
        loss = monthly_sum(e, e.electrical_loss_total_kw) / KWH_PER_MWH
        other = monthly_sum(e, e.lighting_kw + e.misc_kw) / KWH_PER_MWH
        facility = e.monthly_facility_energy_kwh / KWH_PER_MWH
        water = monthly_sum(e, e.water_l_per_h) / KWH_PER_MWH  # litres -> m³
        dry = monthly_sum(e, e.dry_bulb_c) / hours
        wet = monthly_sum(e, e.wet_bulb_c) / hours
        modes = e.monthly_mode_hours
        f = book.formula
        for m in range(12):
            r = first + m
            ref = {key: cell(None, col, r) for key, col in c.items()}
            cells = components[MONTHS[m]]
            book.put(ws, r, c["month"], MONTHS[m], font=styles.LABEL_FONT)
            book.put(ws, r, c["hours"], int(hours[m]), fmt=Fmt.HOURS)
            book.put(ws, r, c["it"], float(it[m]), fmt=Fmt.KW)
            f(ws, r, c["cooling"], "+".join(cells["cooling"]), float(cool[m]), fmt=Fmt.KW)
            f(ws, r, c["losses"], "+".join(cells["losses"]), float(loss[m]), fmt=Fmt.KW)
            f(ws, r, c["other"], "+".join(cells["other"]), float(other[m]), fmt=Fmt.KW)
            parts = "+".join(ref[k] for k in ("it", "cooling", "losses", "other"))
            f(ws, r, c["facility"], parts, float(facility[m]), fmt=Fmt.KW)
            pue = ratio_value(float(e.monthly_pue[m]))
            f(ws, r, c["pue"], ratio(ref["facility"], ref["it"]), pue, fmt=Fmt.RATE)
            for k, mode in enumerate(MODES):
                book.put(ws, r, c[f"mode_{mode}"], int(modes[m, k]), fmt=Fmt.HOURS)
            book.put(ws, r, c["water"], float(water[m]), fmt=Fmt.KW)
            book.put(ws, r, c["dry_bulb"], float(dry[m]), fmt=Fmt.CELSIUS)
            book.put(ws, r, c["wet_bulb"], float(wet[m]), fmt=Fmt.CELSIUS)
        last, r = first + 11, first + 12
        book.put(ws, r, c["month"], "Year")

        def total(key: str, expected: float, fmt: str) -> str:
            col = c[key]
            return local(f(ws, r, col, f"SUM({cell(None, col, first)}:{cell(None, col, last)})", expected, fmt=fmt))

        mode_hours = e.mode_hours
        totals = Totals(
            it=total("it", e.it_energy_kwh / KWH_PER_MWH, Fmt.KW),
            cooling=total("cooling", float(e.cooling_total_kw.sum()) / KWH_PER_MWH, Fmt.KW),
            losses=total("losses", float(e.electrical_loss_total_kw.sum()) / KWH_PER_MWH, Fmt.KW),
            facility=total("facility", e.facility_energy_kwh / KWH_PER_MWH, Fmt.KW),
            water=total("water", e.water_l / KWH_PER_MWH, Fmt.KW),
            hours=total("hours", e.hours, Fmt.HOURS),
            modes={mode: total(f"mode_{mode}", mode_hours[mode], Fmt.HOURS) for mode in MODES},
        )
        total("other", (e.lighting_energy_kwh + e.misc_energy_kwh) / KWH_PER_MWH, Fmt.KW)
        year = {key: cell(None, col, r) for key, col in c.items()}
        f(ws, r, c["pue"], ratio(year["facility"], year["it"]), ratio_value(e.annual_pue), fmt=Fmt.RATE)
        book.note(ws, r + 1, 1, "Year PUE = total facility energy / total IT energy (not a mean of monthly PUEs).")
        book.total_style(ws, r, 1, len(MONTHLY))
        book.table(ws, header, r, len(MONTHLY), freeze=False, autofilter=False)
        category_chart(
            ws,
            title="Monthly PUE",
            categories=(c["month"], first, last),
            series=[(c["pue"], header, last)],
            anchor=f"A{r + 3}",
            kind="line",
            axis_title="PUE",
            number_format="0.00",
            width_cm=18.0,
            height_cm=CHART_CM,
            y_min=None,
        )
        return totals

    def components(self, r: int) -> tuple[dict[str, dict[str, list[str]]], dict[str, str], int]:
        """Monthly energy of every part; returns per-month component cells, annual cells, next row."""
        book, ws, e = self.book, self.ws, self.e
        ws.row_breaks.append(Break(id=r - 1))  # printed: overview, months and chart on the first page
        r = book.section(ws, r, "Monthly energy by component (MWh)")
        parts: list[tuple[str, str, str, NDArray[np.float64]]] = [
            *(("cooling", k, COOLING_COMPONENTS[k], e.cooling_kw[k]) for k in self.cooling_keys),
            *(("losses", k, LOSS_STAGES[k], e.electrical_loss_kw[k]) for k in self.loss_keys),
            ("other", "lighting", "Lighting", e.lighting_kw),
            ("other", "misc", "Misc (offices, security, BMS)", e.misc_kw),
        ]
        cols = [Column("month", "Month"), *(Column(key, label, Fmt.KW) for _, key, label, _ in parts)]
        c = book.header(ws, r, cols)
        header, first = r, r + 1
        monthly = {key: monthly_sum(e, values) / KWH_PER_MWH for _, key, _, values in parts}
        per_month: dict[str, dict[str, list[str]]] = {}
        for m in range(12):
            r = first + m
            book.put(ws, r, c["month"], MONTHS[m], font=styles.LABEL_FONT)
            groups: dict[str, list[str]] = {"cooling": [], "losses": [], "other": []}
            for group, key, _, _ in parts:
                book.put(ws, r, c[key], float(monthly[key][m]), fmt=Fmt.KW)
                groups[group].append(cell(None, c[key], r))
            per_month[MONTHS[m]] = groups
        last, r = first + 11, first + 12
        book.put(ws, r, c["month"], "Year")
        annual: dict[str, str] = {}
        for _, key, _, values in parts:
            col = c[key]
            total = f"SUM({cell(None, col, first)}:{cell(None, col, last)})"
            annual[key] = local(book.formula(ws, r, col, total, float(np.sum(values)) / KWH_PER_MWH, fmt=Fmt.KW))
        book.total_style(ws, r, 1, len(cols))
        book.table(ws, header, r, len(cols), freeze=False, autofilter=False)
        if len(self.cooling_keys) < len(COMPONENTS):
            left_out = ", ".join(COOLING_COMPONENTS[k] for k in COMPONENTS if k not in self.cooling_keys)
            book.note(ws, r + 1, 1, f"Not in this architecture (zero all year): {left_out}.")
        return per_month, annual, r + 3

    def breakdown(self, r: int, totals: Totals, annual: dict[str, str]) -> int:
        """Annual energy per part, per kWh of IT (the parts add up to the PUE) and as a share."""
        book, ws, e = self.book, self.ws, self.e
        r = book.section(ws, r, "Annual energy by part")
        cols = [
            Column("part", "Part"),
            Column("mwh", "Energy (MWh)", Fmt.KW),
            Column("per_it", "Per kWh of IT (kWh)", "0.0000", note="Energy / IT energy: the parts add up to the PUE."),
            Column("share", "Share of facility energy (%)", Fmt.PCT),
        ]
        c = book.header(ws, r, cols)
        it_mwh, fac_mwh = e.it_energy_kwh / KWH_PER_MWH, e.facility_energy_kwh / KWH_PER_MWH
        cooling_kwh, loss_kwh = e.cooling_energy_kwh, e.electrical_loss_energy_kwh
        lines: list[tuple[str, str, float, bool]] = [("IT equipment", totals.it, it_mwh, True)]
        lines += [
            (f"  {COOLING_COMPONENTS[k]}", annual[k], cooling_kwh[k] / KWH_PER_MWH, False) for k in self.cooling_keys
        ]
        lines.append(("Cooling, total", totals.cooling, sum(cooling_kwh.values()) / KWH_PER_MWH, True))
        lines += [(f"  {LOSS_STAGES[k]}", annual[k], loss_kwh[k] / KWH_PER_MWH, False) for k in self.loss_keys]
        lines.append(("Electrical losses, total", totals.losses, sum(loss_kwh.values()) / KWH_PER_MWH, True))
        lines.append(("Lighting", annual["lighting"], e.lighting_energy_kwh / KWH_PER_MWH, True))
        lines.append(("Misc", annual["misc"], e.misc_energy_kwh / KWH_PER_MWH, True))
        lines.append(("Facility, total", totals.facility, fac_mwh, True))
        f = book.formula
        for label, ref, mwh, bold in lines:
            r += 1
            book.put(ws, r, c["part"], label, font=styles.LABEL_FONT if bold else None)
            f(ws, r, c["mwh"], ref, mwh, fmt=Fmt.KW)
            mwh_c = cell(None, c["mwh"], r)
            per_it = ratio_value(mwh / it_mwh if it_mwh > 0 else math.nan)
            f(ws, r, c["per_it"], ratio(mwh_c, totals.it), per_it, fmt="0.0000")
            f(ws, r, c["share"], ratio(mwh_c, totals.facility), mwh / fac_mwh if fac_mwh > 0 else "", fmt=Fmt.PCT)
        book.total_style(ws, r, 1, len(cols))
        return r + 2

    def envelope(self, r: int) -> tuple[str, int]:
        """ITE inlet hours per ASHRAE envelope; returns the hours-outside-recommended cell."""
        book, ws, e = self.book, self.ws, self.e
        r = book.section(ws, r, "ITE inlet air by ASHRAE TC 9.9 envelope (2021, Table 2.1)")
        cols = [Column("class", "Envelope"), Column("hours", "Hours", Fmt.HOURS), Column("meaning", "Limits")]
        c = book.header(ws, r, cols)
        counts = e.envelope_hours
        first = r + 1
        for name in CLASSES:
            r += 1
            book.put(ws, r, c["class"], name, font=styles.LABEL_FONT)
            book.put(ws, r, c["hours"], counts[name], fmt=Fmt.HOURS)
            book.put(ws, r, c["meaning"], ENVELOPES[name], align=styles.UNIT_ALIGN, measure=False)
        r += 1
        book.put(ws, r, c["class"], "Outside recommended")
        span = f"SUM({cell(None, c['hours'], first + 1)}:{cell(None, c['hours'], r - 1)})"
        ref = book.formula(ws, r, c["hours"], span, e.hours_outside_recommended, fmt=Fmt.HOURS)
        book.total_style(ws, r, 1, 2)
        return local(ref), r + 2

    def annual(self, r: int, totals: Totals, grid: str, tariff: str, outside: str) -> list[KeyFigure]:
        """The annual results block (written into rows reserved above the tables)."""
        book, ws, e = self.book, self.ws, self.e
        r = book.section(ws, r, "Annual results")
        fac_kwh = e.facility_energy_kwh
        tariff_value = self.data.site.economics.electricity_tariff_cny_per_kwh
        pue_c = cell(None, 2, r + 2)
        it, fac = totals.it, totals.facility
        rows: list[tuple[str, str, Expected, str, str, str]] = [
            ("IT energy", it, e.it_energy_kwh / KWH_PER_MWH, "MWh", Fmt.KW, ""),
            ("Facility energy", fac, fac_kwh / KWH_PER_MWH, "MWh", Fmt.KW, "at the utility meter"),
            ("Annual PUE", ratio(fac, it), ratio_value(e.annual_pue), "", Fmt.RATE, "total facility / total IT energy"),
            (
                "Cooling partial PUE",
                ratio(f"({it}+{totals.cooling})", it),
                ratio_value(e.ppue_cooling),
                "",
                Fmt.RATE,
                "(IT + cooling) / IT energy",
            ),
            (
                "Power partial PUE",
                ratio(f"({it}+{totals.losses})", it),
                ratio_value(e.ppue_power),
                "",
                Fmt.RATE,
                "(IT + electrical losses) / IT energy",
            ),
            ("Water", totals.water, e.water_l / KWH_PER_MWH, "m³", Fmt.KW, "site water per year"),
            ("WUE", ratio(totals.water, it), ratio_value(e.wue_l_per_kwh), "L/kWh", Fmt.RATE, "water / IT energy"),
            (
                "CUE",
                f'IF(ISNUMBER({pue_c}),{grid}*{pue_c},"")',
                ratio_value(e.cue_kg_per_kwh),
                "kg CO2/kWh",
                Fmt.RATE,
                "grid emission factor × annual PUE",
            ),
            ("CO2 per year", f"{grid}*{fac}", e.emissions_kg / 1000.0, "t", Fmt.TONNES, "grid factor × facility"),
            (
                "Energy cost per year",
                f"{tariff}*{fac}*{KWH_PER_MWH:g}",
                tariff_value * fac_kwh,
                "CNY",
                Fmt.COUNT,
                "tariff × facility energy",
            ),
            *(
                (f"{ECONOMIZER_MODES[m]} hours", totals.modes[m], e.mode_hours[m], "h", Fmt.HOURS, "")
                for m in ("full", "partial", "mechanical")
            ),
            (
                "Hours outside the ASHRAE recommended envelope",
                outside,
                e.hours_outside_recommended,
                "h",
                Fmt.HOURS,
                "ITE inlet air",
            ),
            (
                "Mean IT load",
                f"{it}*{KWH_PER_MWH:g}/{totals.hours}",
                float(np.mean(e.it_kw)),
                "kW",
                Fmt.KW,
                "IT energy / hours",
            ),
        ]
        refs: dict[str, tuple[str, Expected]] = {}
        for label, formula, expected, unit, fmt, note in rows:
            self.book.label_line(self.ws, r, label, unit, note)
            refs[label] = (book.formula(ws, r, 2, formula, expected, fmt=fmt), expected)
            r += 1
        self.book.label_line(
            self.ws, r, "Peak facility power, simulated year", "kW", f"at {hour_label(e, int(np.argmax(e.total_kw)))}"
        )
        book.put(ws, r, 2, e.peak_facility_kw, fmt=Fmt.KW)
        self.book.label_line(
            self.ws, r + 1, "Design peak facility power", "kW", "every cabinet at its budget: sizes the power chain"
        )
        book.put(ws, r + 1, 2, e.design_peak_facility_kw, fmt=Fmt.KW)
        book.anchors["energy.design_peak_facility_kw"] = cell(TITLE, 2, r + 1)
        book.anchors["energy.annual_pue"] = refs["Annual PUE"][0]  # the Compliance sheet grades it

        assert r + 2 <= self.monthly_row, "the annual block overran its rows"

        def figure(label: str, shown: str, unit: str, fmt: str, note: str = "") -> KeyFigure:
            ref, expected = refs[label]
            return KeyFigure(shown, expected, unit, note, ref=ref, fmt=fmt)

        return [
            figure("Annual PUE", "Annual PUE", "", Fmt.RATE, f"{e.climate_name}, {e.architecture_title}"),
            figure("Facility energy", "Facility energy per year", "MWh", Fmt.KW),
            figure("Energy cost per year", "Energy cost per year", "CNY", Fmt.COUNT, "at the site tariff"),
            figure("CO2 per year", "CO2 per year", "t", Fmt.TONNES, "at the grid emission factor"),
            figure("WUE", "WUE", "L/kWh", Fmt.RATE),
        ]


def build(book: Book, data: ExportData) -> Sequence[KeyFigure]:
    sheet = _EnergySheet(book, data)
    e = sheet.e
    r = book.title(
        sheet.ws,
        "Energy",
        f"One year simulated hour by hour: {COOLING_ARCHITECTURES.get(e.architecture, e.architecture)}; "
        f"climate {e.climate_name}. Monthly energies are the engine's; derived figures are formulas.",
    )
    r = sheet.climate(r)
    grid, tariff, annual_row = sheet.inputs(r)
    # The annual block and the monthly table refer to tables further down: lay the rows out first.
    sheet.monthly_row = annual_row + ANNUAL_ROWS
    per_month, annual, r = sheet.components(sheet.monthly_row + MONTHLY_ROWS)
    totals = sheet.monthly(sheet.monthly_row, per_month)
    r = sheet.breakdown(r, totals, annual)
    outside, r = sheet.envelope(r)
    return sheet.annual(annual_row, totals, grid, tariff, outside)
