"""Finance sheet: yearly cash flows of the build-out with NPV, IRR, payback and levelised costs (engine).

The flows are the phasing solver's for the schedule on the Phases sheet (CNY; inflows positive,
outflows negative). Everything derived is a live formula, following the conventions of
:mod:`dcplanner.solvers.finance` (those of numpy-financial):

- energy = − electricity price × facility energy (the price is an input: the energy-weighted
  tariff, time-of-use prices included);
- net cash = capex + energy + O&M + staff + revenue + vouchers + residual value (signed);
  cumulative cash runs down the years;
- discount factor of analysis year k = 1 / (1 + rate)^k (year 0 undiscounted); NPV =
  net₀ + NPV(rate, net₁ … netₙ), since the spreadsheet NPV discounts its first value by a year;
- IRR = IRR(net cash); undefined ("none") when the flows never change sign;
- payback: years from the start of year 0 until the cumulative cash turns non-negative for good,
  straight line within the year it turns (cash flow k counting at time k, as in the NPV); the
  discounted payback does the same with the discounted cash;
- cost to levelise = capex + O&M + staff + energy − residual value; levelised cost per IT kWh,
  per accelerator-hour and per PFLOPS-year = Σ cost × factor / Σ quantity × factor.

The discount rate is an input (blue); the electricity price follows the Energy sheet's tariff
(times the time-of-use weighting when the site has time-of-use prices), so one tariff cell prices
both sheets; without an Energy sheet the price is this sheet's own input. Change them and the
flows, NPV, IRR, payback and costs follow. The schedule itself stays the one the solver chose at
the file's inputs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from openpyxl.worksheet.pagebreak import Break

from dcplanner.io.excel import styles
from dcplanner.io.excel.book import Book, Column, Expected
from dcplanner.io.excel.charts import category_chart, rows_spanned
from dcplanner.io.excel.data import ExportData
from dcplanner.io.excel.formulas import cell, span
from dcplanner.io.excel.labels import MCNY, glued
from dcplanner.io.excel.sheets.energy import TARIFF_ANCHOR
from dcplanner.io.excel.styles import Fmt
from dcplanner.key_figure import KeyFigure
from dcplanner.solvers.phasing.results import PhasingResult

TITLE = "Finance"
KWH_PER_MWH = 1000.0
MEASURE_ROWS = 16  # section title, 14 lines, one blank row
CHART_CM = 8.0
CHART_WIDTH_CM = 32.0
NEVER, NONE = "never", "none"

CASH = [
    Column("year", "Year from", note="Analysis year k runs twelve months from this month."),
    Column("k", "Analysis year", Fmt.COUNT, note="k: cash flows of year k are discounted by (1 + rate)^k."),
    Column("capex", f"Capex ({MCNY})", Fmt.CASH, note="Facility capex over the lead time; IT bought at service."),
    Column("energy", f"Energy ({MCNY})", Fmt.CASH, note="− electricity price × facility energy (table below)."),
    Column("om", f"O&M ({MCNY})", Fmt.CASH),
    Column("staff", f"Staff ({MCNY})", Fmt.CASH),
    Column("revenue", f"Revenue ({MCNY})", Fmt.CASH),
    Column("vouchers", f"Vouchers ({MCNY})", Fmt.CASH, note="Compute vouchers: a share of revenue, capped a year."),
    Column("residual", f"Residual value ({MCNY})", Fmt.CASH, note="Straight-line value left at the horizon end."),
    Column("net", f"Net cash ({MCNY})", Fmt.CASH, note="Sum of the flows to its left."),
    Column("cumulative", f"Cumulative cash ({MCNY})", Fmt.CASH),
    Column("factor", "Discount factor", Fmt.FACTOR, note="1 / (1 + discount rate)^k"),
    Column("discounted", f"Discounted cash ({MCNY})", Fmt.CASH),
    Column("cum_discounted", f"Cumulative discounted cash ({MCNY})", Fmt.CASH),
    Column("cost", f"Cost to levelise ({MCNY})", Fmt.MCNY, note="Capex + O&M + staff + energy − residual value."),
]
FLOWS = ("capex", "energy", "om", "staff", "revenue", "vouchers", "residual")


def quantity_columns(result: PhasingResult) -> list[Column]:
    unit, prec = result.unit_label, result.pflops_precision_label
    return [
        Column("year", "Year from"),
        Column("it", "IT energy (MWh)", Fmt.KW),
        Column("facility", "Facility energy (MWh)", Fmt.KW, note="From the energy engine's curve at the load carried."),
        Column("pue", "PUE", Fmt.RATE, note="Facility energy / IT energy of the year."),
        Column("gpu_hours", "Accelerator-hours (h)", Fmt.HOURS, note="Accelerators taken × hours × utilisation."),
        Column("pflops_years", f"PFLOPS-years ({glued(prec)})", Fmt.PFLOPS, note="Peak compute in service × years."),
        Column("served", f"Served ({unit}-years)", Fmt.PFLOPS),
        Column("unserved", f"Unserved ({unit}-years)", Fmt.PFLOPS),
    ]


def year_starts(result: PhasingResult) -> list[str]:
    """``YYYY-MM`` of the first month of each analysis year."""
    return [result.operations.months[12 * k] for k in range(len(result.cash.years))]


def blank_if_nan(value: float) -> Expected:
    return value if math.isfinite(value) else ""


def ratio(num: str, den: str) -> str:
    """``num / den``, blank when ``den`` is not positive."""
    return f'IF({den}>0,{num}/{den},"")'


def last_negative(cumulative: np.ndarray) -> int:
    """Years up to and including the last one with negative cumulative cash (0 if none)."""
    negative = np.flatnonzero(cumulative < 0)
    return int(negative[-1]) + 1 if len(negative) else 0


def payback_formula(cumulative: str, net: str, until: str) -> str:
    """Payback from the cumulative and net cash spans and the cell holding :func:`last_negative`.

    ``never`` while the last cumulative cash is negative; 0 when it never is; else
    ``until − 1 + (−cumulative before) / net of the turning year`` (``until`` when that net is not
    positive, as :func:`dcplanner.solvers.finance.payback_years` counts it).
    """
    last = f"INDEX({cumulative},ROWS({cumulative}))"
    before, turning = f"INDEX({cumulative},{until})", f"INDEX({net},{until}+1)"
    crossing = f"IF({turning}>0,{until}-1-{before}/{turning},{until})"
    return f'IF({last}<0,"{NEVER}",IF({until}=0,0,{crossing}))'


class _FinanceSheet:
    def __init__(self, book: Book, data: ExportData) -> None:
        assert data.phasing is not None
        self.book, self.data, self.p = book, data, data.phasing
        self.ws = book.sheet(TITLE)
        self.rate = self.price = ""
        self.cash_row = 0

    def inputs(self, r: int) -> int:
        book, ws, p = self.book, self.ws, self.p
        money = p.problem.money
        r = book.section(ws, r, "Inputs (blue: change them and the cash flows, NPV, IRR, payback and costs follow)")
        self.book.label_line(self.ws, r, "Discount rate", "per year", "economics.discount_rate")
        book.put(ws, r, 2, money.discount_rate, fmt=Fmt.PCT, font=styles.INPUT_FONT)
        self.rate = cell(None, 2, r)
        tariff = book.anchors.get(TARIFF_ANCHOR)
        weighted = money.tariff_cny_per_kwh != money.flat_tariff_cny_per_kwh
        if tariff is None or (weighted and money.flat_tariff_cny_per_kwh <= 0):
            # no Energy sheet (or no flat tariff to weigh): the price is this sheet's own input
            note = (
                "time-of-use prices weighted by the hours the facility draws power"
                if weighted
                else ("economics.electricity_tariff_cny_per_kwh")
            )
            self.book.label_line(self.ws, r + 1, "Electricity price", "CNY/kWh", note)
            book.put(ws, r + 1, 2, money.tariff_cny_per_kwh, fmt=Fmt.RATE, font=styles.INPUT_FONT)
        elif not weighted:
            self.book.label_line(self.ws, r + 1, "Electricity price", "CNY/kWh", "the Energy sheet's tariff")
            book.formula(ws, r + 1, 2, tariff, money.tariff_cny_per_kwh, fmt=Fmt.RATE)
        else:
            weight = money.tariff_cny_per_kwh / money.flat_tariff_cny_per_kwh
            self.book.label_line(
                self.ws,
                r + 2,
                "Time-of-use weighting",
                "price / flat tariff",
                "the solver's time-of-use prices weighted by the hours the facility draws power",
            )
            book.put(ws, r + 2, 2, weight, fmt=Fmt.FACTOR)
            self.book.label_line(
                self.ws, r + 1, "Electricity price", "CNY/kWh", "the Energy sheet's tariff × time-of-use weighting"
            )
            book.formula(ws, r + 1, 2, f"{tariff}*{cell(None, 2, r + 2)}", money.tariff_cny_per_kwh, fmt=Fmt.RATE)
        self.price = cell(None, 2, r + 1)
        return r + (4 if weighted and tariff is not None else 3)

    def cash(self, r: int, quantities: dict[int, dict[str, str]]) -> tuple[dict[str, str], int]:
        """The yearly cash-flow table, its total row and chart; returns column spans and the next row."""
        book, ws, p = self.book, self.ws, self.p
        cf = p.cash
        r = book.section(ws, r, "Cash flows by year (M CNY; inflows positive, outflows negative)")
        c = book.header(ws, r, CASH)
        header, first = r, r + 1
        signed = {  # 0.0 - x: outflows negative, and no -0.0 in the cells
            "capex": 0.0 - cf.capex_cny,
            "energy": 0.0 - cf.energy_cny,
            "om": 0.0 - cf.om_cny,
            "staff": 0.0 - cf.staff_cny,
            "revenue": cf.revenue_cny,
            "vouchers": cf.voucher_cny,
            "residual": cf.residual_cny,
        }
        cost = cf.capex_cny + cf.om_cny + cf.staff_cny + cf.energy_cny - cf.residual_cny
        cum_discounted = np.cumsum(cf.discounted_cash_cny)
        f = book.formula
        for k, year in enumerate(year_starts(p)):
            r = first + k
            ref = {key: cell(None, col, r) for key, col in c.items()}
            above = {key: cell(None, col, r - 1) for key, col in c.items()}
            book.put(ws, r, c["year"], year, font=styles.LABEL_FONT, align=styles.LEFT)
            book.put(ws, r, c["k"], k, fmt=Fmt.COUNT)
            for key in FLOWS:
                if key != "energy":
                    book.put(ws, r, c[key], float(signed[key][k]), fmt=Fmt.CASH)
            facility = quantities[k]["facility"]
            f(ws, r, c["energy"], f"-{self.price}*{facility}*{KWH_PER_MWH:g}", float(signed["energy"][k]), fmt=Fmt.CASH)
            flows = span(c[FLOWS[0]], r, c[FLOWS[-1]], r)
            f(ws, r, c["net"], f"SUM({flows})", float(cf.net_cash_cny[k]), fmt=Fmt.CASH)
            running = ref["net"] if k == 0 else f"{above['cumulative']}+{ref['net']}"
            f(ws, r, c["cumulative"], running, float(cf.cumulative_cash_cny[k]), fmt=Fmt.CASH)
            f(ws, r, c["factor"], f"1/(1+{self.rate})^{ref['k']}", float(cf.discount_factor[k]), fmt=Fmt.FACTOR)
            f(ws, r, c["discounted"], f"{ref['net']}*{ref['factor']}", float(cf.discounted_cash_cny[k]), fmt=Fmt.CASH)
            running = ref["discounted"] if k == 0 else f"{above['cum_discounted']}+{ref['discounted']}"
            f(ws, r, c["cum_discounted"], running, float(cum_discounted[k]), fmt=Fmt.CASH)
            parts = "+".join(ref[key] for key in ("capex", "energy", "om", "staff", "residual"))
            f(ws, r, c["cost"], f"-({parts})", float(cost[k]), fmt=Fmt.MCNY)
        last = first + len(cf.years) - 1
        r = last + 1
        book.put(ws, r, c["year"], "Total")
        totals = {key: float(np.sum(signed[key])) for key in FLOWS}
        totals |= {"net": float(cf.net_cash_cny.sum()), "discounted": float(cf.discounted_cash_cny.sum())}
        totals["cost"] = float(cost.sum())
        for key, expected in totals.items():
            col = c[key]
            fmt = Fmt.MCNY if key == "cost" else Fmt.CASH
            f(ws, r, col, f"SUM({span(col, first, col, last)})", expected, fmt=fmt)
        book.total_style(ws, r, 1, len(CASH))
        book.table(ws, header, r, len(CASH), freeze=False, autofilter=False)
        category_chart(
            ws,
            title="Net and cumulative cash by year (M CNY)",
            categories=(c["year"], first, last),
            series=[(c["net"], header, last)],
            lines=[(c["cumulative"], header, last)],
            anchor=f"A{r + 2}",
            kind="col",
            axis_title="M CNY",
            number_format="#,##0,,",
            width_cm=CHART_WIDTH_CM,
            height_cm=CHART_CM,
            y_min=None,
        )
        spans = {key: span(col, first, col, last) for key, col in c.items()}
        return spans, r + 2 + rows_spanned(CHART_CM)

    def quantities(self, r: int) -> tuple[dict[int, dict[str, str]], dict[str, str], int]:
        """Energy and compute by year; returns each year's cells, column spans and the next row."""
        book, ws, p = self.book, self.ws, self.p
        cf = p.cash
        ws.row_breaks.append(Break(id=r - 1))  # printed: measures, cash flows and chart on the first page
        r = book.section(ws, r, "Energy and compute by year")
        cols = quantity_columns(p)
        c = book.header(ws, r, cols)
        header, first = r, r + 1
        values = {
            "it": cf.it_kwh / KWH_PER_MWH,
            "facility": cf.facility_kwh / KWH_PER_MWH,
            "gpu_hours": cf.gpu_hours,
            "pflops_years": cf.pflops_years,
            "served": cf.served_unit_years,
            "unserved": cf.unserved_unit_years,
        }
        fmt = {column.key: column.fmt for column in cols}
        per_year: dict[int, dict[str, str]] = {}
        for k, year in enumerate(year_starts(p)):
            r = first + k
            ref = {key: cell(None, col, r) for key, col in c.items()}
            book.put(ws, r, c["year"], year, font=styles.LABEL_FONT, align=styles.LEFT)
            for key, series in values.items():
                book.put(ws, r, c[key], float(series[k]), fmt=fmt[key])
            pue = blank_if_nan(float(cf.pue[k]))
            book.formula(ws, r, c["pue"], ratio(ref["facility"], ref["it"]), pue, fmt=Fmt.RATE)
            per_year[k] = ref
        last = first + len(cf.years) - 1
        r = last + 1
        book.put(ws, r, c["year"], "Total")
        for key, series in values.items():
            col = c[key]
            book.formula(ws, r, col, f"SUM({span(col, first, col, last)})", float(np.sum(series)), fmt=fmt[key])
        total = {key: cell(None, col, r) for key, col in c.items()}
        book.formula(
            ws, r, c["pue"], ratio(total["facility"], total["it"]), blank_if_nan(p.measures.annual_pue), fmt=Fmt.RATE
        )
        book.total_style(ws, r, 1, len(cols))
        book.table(ws, header, r, len(cols), freeze=False, autofilter=False)
        spans = {key: span(col, first, col, last) for key, col in c.items()}
        return per_year, spans, r + 2

    def assumptions(self, r: int) -> int:
        """What the solver priced the flows with that the sheet does not recompute, and its notes."""
        book, ws, p = self.book, self.ws, self.p
        money = p.problem.money
        r = book.section(ws, r, "How the cash flows were made")
        if money.revenue_model == "colocation":
            revenue = f"colocation at {money.colocation_cny_per_kw_month:,.0f} CNY per kW-month of IT taken"
        elif money.revenue_model == "compute":
            revenue = f"compute at {money.gpu_hour_price_cny:,.2f} CNY per accelerator-hour sold"
            if money.voucher_share > 0:
                revenue += (
                    f"; vouchers {money.voucher_share:.0%} of revenue, at most "
                    f"{money.voucher_cap_cny_per_year / 1e6:,.1f} M CNY a year"
                )
        else:
            revenue = "none (economics.revenue_model)"
        lines = [
            f"Revenue: {revenue}; mean utilisation {p.problem.utilisation:.0%} of the IT taken.",
            f"Staff: {money.staff_fixed_cny_per_year / 1e6:,.1f} M CNY a year plus "
            f"{money.staff_cny_per_mw_year / 1e6:,.2f} M CNY per MW of design IT built.",
            "Residual value: straight line over each candidate's life, booked in the last month."
            if money.residual_value
            else "No residual value at the horizon end (buildout.residual_value).",
            *p.notes,
        ]
        for text in lines:
            book.note(ws, r, 1, text)
            r += 1
        return r + 1

    def measures(
        self, r: int, cash: dict[str, str], qty: dict[str, str], helper_until: tuple[int, int]
    ) -> list[KeyFigure]:
        """The investment measures (written into rows reserved above the tables)."""
        book, ws, p = self.book, self.ws, self.p
        m, cf = p.measures, p.cash
        prec = p.pflops_precision_label
        r = book.section(ws, r, "Investment measures")
        rate, net = self.rate, cash["net"]
        first_net = net.split(":")[0]
        rest = span_tail(net)
        npv = f"{first_net}+NPV({rate},{rest})" if rest else first_net
        irr = f'IF(AND(MAX({net})>0,MIN({net})<0),IRR({net}),"{NONE}")'
        until_c = cell(None, 2, r + 2)
        until_d = cell(None, 2, r + 4)

        def pv(span_ref: str) -> str:
            return f"SUMPRODUCT({span_ref},{cash['factor']})"

        in_service = f'COUNTIF({qty["it"]},">0")'
        energy_mean = f'IF({in_service}>0,-AVERAGEIF({qty["it"]},">0",{cash["energy"]}),0)'
        until, until_disc = helper_until
        lines: list[tuple[str, str, Expected, str, str, str]] = [
            ("NPV", npv, m.npv_cny, "M CNY", Fmt.CASH, "year 0 undiscounted, then NPV(rate, years 1 …)"),
            ("IRR", irr, m.irr if math.isfinite(m.irr) else NONE, "", Fmt.PCT, "IRR of the net cash"),
            (
                "Years of negative cumulative cash",
                f"SUMPRODUCT(MAX(({cash['cumulative']}<0)*({cash['k']}+1)))",
                until,
                "years",
                Fmt.COUNT,
                "up to the last year the cumulative cash is negative (for the payback)",
            ),
            (
                "Payback",
                payback_formula(cash["cumulative"], net, until_c),
                m.payback_years if math.isfinite(m.payback_years) else NEVER,
                "years",
                Fmt.YEARS,
                "from the start of year 0, straight line within the year it turns",
            ),
            (
                "Years of negative discounted cash",
                f"SUMPRODUCT(MAX(({cash['cum_discounted']}<0)*({cash['k']}+1)))",
                until_disc,
                "years",
                Fmt.COUNT,
                "",
            ),
            (
                "Discounted payback",
                payback_formula(cash["cum_discounted"], cash["discounted"], until_d),
                m.discounted_payback_years if math.isfinite(m.discounted_payback_years) else NEVER,
                "years",
                Fmt.YEARS,
                "",
            ),
            ("Capex, nominal", f"-SUM({cash['capex']})", m.capex_cny, "M CNY", Fmt.MCNY, "facility and IT"),
            ("Capex, present value", f"-{pv(cash['capex'])}", m.capex_pv_cny, "M CNY", Fmt.MCNY, ""),
            (
                "Cost, present value",
                pv(cash["cost"]),
                m.cost_pv_cny,
                "M CNY",
                Fmt.MCNY,
                "capex + O&M + staff + energy − residual value",
            ),
            (
                "Levelised cost per IT kWh",
                ratio(pv(cash["cost"]), f"({pv(qty['it'])}*{KWH_PER_MWH:g})"),
                blank_if_nan(m.levelised_cost_cny_per_it_kwh),
                "CNY/kWh",
                Fmt.RATE,
                "present cost / present IT energy",
            ),
            (
                "Cost per accelerator-hour",
                ratio(pv(cash["cost"]), pv(qty["gpu_hours"])),
                blank_if_nan(m.cost_per_gpu_hour_cny),
                "CNY/h",
                Fmt.CNY_FINE,
                "present cost / present accelerator-hours (GPU-hours)",
            ),
            (
                f"Cost per PFLOPS-year ({prec})",
                ratio(pv(cash["cost"]), pv(qty["pflops_years"])),
                blank_if_nan(m.cost_per_pflops_year_cny),
                "CNY",
                Fmt.CNY,
                "present cost / present peak compute in service",
            ),
            (
                "Energy cost per year",
                energy_mean,
                m.energy_cny_per_year,
                "M CNY",
                Fmt.MCNY,
                "mean over the years with IT in service, at the build-out load (the Energy sheet: the design's year)",
            ),
            (
                "PUE over the horizon",
                ratio(f"SUM({qty['facility']})", f"SUM({qty['it']})"),
                blank_if_nan(m.annual_pue),
                "",
                Fmt.RATE,
                "total facility / total IT energy at the build-out load (the Energy sheet: the design's year)",
            ),
        ]
        refs: dict[str, tuple[str, Expected]] = {}
        for label, formula, expected, unit, fmt, note in lines:
            self.book.label_line(self.ws, r, label, unit, note)
            refs[label] = (book.formula(ws, r, 2, formula, expected, fmt=fmt, font=styles.LABEL_FONT), expected)
            ws.cell(row=r, column=2).alignment = styles.RIGHT
            r += 1
        assert until_c == cell(None, 2, r - len(lines) + 2) and r < self.cash_row, "measure rows out of place"

        def figure(label: str, shown: str, unit: str, fmt: str, note: str = "") -> KeyFigure:
            ref, expected = refs[label]
            return KeyFigure(shown, expected, unit, note, ref=ref, fmt=fmt)

        rate_note = f"at {m.discount_rate:.1%} a year over {len(cf.years)} years"
        return [
            figure("NPV", "Build-out: NPV", "M CNY", Fmt.CASH, rate_note),
            figure("IRR", "Build-out: IRR", "", Fmt.PCT),
            figure("Payback", "Build-out: payback", "years", Fmt.YEARS),
            figure("Capex, nominal", "Build-out: capex", "M CNY", Fmt.MCNY, "facility and IT, nominal"),
            figure("Levelised cost per IT kWh", "Build-out: levelised cost per IT kWh", "CNY/kWh", Fmt.RATE),
            figure("Cost per accelerator-hour", "Build-out: cost per accelerator-hour", "CNY/h", Fmt.CNY_FINE),
        ]


def span_tail(block: str) -> str:
    """``$J$11:$J$30`` -> ``$J$12:$J$30`` (the block without its first cell; "" for a single cell)."""
    head, tail = block.split(":")
    col, row = head.rsplit("$", 1)
    last_row = int(tail.rsplit("$", 1)[1])
    return f"{col}${int(row) + 1}:{tail}" if int(row) < last_row else ""


def build(book: Book, data: ExportData) -> Sequence[KeyFigure]:
    sheet = _FinanceSheet(book, data)
    p = sheet.p
    r = book.title(
        sheet.ws,
        "Finance",
        f"Yearly cash flows of the build-out on the Phases sheet, {p.cash.years[0]} to {p.cash.years[-1]}. "
        "Money in M CNY as shown (cells hold CNY). Flows are the phasing solver's; measures are formulas.",
    )
    r = sheet.inputs(r)
    measures_row = r
    sheet.cash_row = r + MEASURE_ROWS
    n = len(p.cash.years)
    # the energy and compute table comes after the cash table and its chart: lay out its rows first
    quantities_row = sheet.cash_row + 1 + n + 1 + 2 + rows_spanned(CHART_CM)
    per_year, qty, r = sheet.quantities(quantities_row)
    cash, after_cash = sheet.cash(sheet.cash_row, per_year)
    assert after_cash == quantities_row, "the cash table and the energy table overlap"
    sheet.assumptions(r)
    cf = p.cash
    until = (last_negative(cf.cumulative_cash_cny), last_negative(np.cumsum(cf.discounted_cash_cny)))
    return sheet.measures(measures_row, cash, qty, until)
