"""JSON and text forms of phasing results for the command line (engine layer).

``dcplanner phases --json`` prints :func:`phasing_json` (``compare`` is in
:mod:`dcplanner.solvers.scenario_comparison`). Money in CNY, energy in kWh, capacity in the demand unit
(``unit_label``). Undefined measures (an IRR without a sign change) are null.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from dcplanner.solvers.phasing.montecarlo import MonteCarlo
from dcplanner.solvers.phasing.results import Measures, PhasingResult
from dcplanner.solvers.phasing.sensitivity import Tornado


def json_number(x: Any) -> Any:
    """JSON-safe number: NaN and infinities become null, numpy scalars plain floats."""
    if x is None:
        return None
    value = float(x)
    return value if math.isfinite(value) else None


def json_array(a: np.ndarray) -> list[Any]:
    return [json_number(v) for v in np.asarray(a, dtype=float)]


def measures_json(m: Measures) -> dict[str, Any]:
    return {k: json_number(getattr(m, k)) for k in m.__slots__}


def phasing_json(
    result: PhasingResult, tornado: Tornado | None = None, monte_carlo: MonteCarlo | None = None
) -> dict[str, Any]:
    """The phases report as one JSON-ready dict."""
    s, ops, cash = result.schedule, result.operations, result.cash
    period = {1: "month", 3: "quarter", 12: "year"}[result.problem.timeline.period_months]
    out: dict[str, Any] = {
        "site": {"id": result.site_id, "name": result.site_name},
        "scenario": result.scenario or None,
        "demand": {"unit": result.unit, "unit_label": result.unit_label, "variant": result.demand_variant},
        "servable": result.problem.servable.json() if result.problem.servable is not None else None,
        "schedule": {
            "how": s.how,
            "status": s.status,
            "objective_cny": json_number(s.objective_cny),
            "bound_cny": json_number(s.bound_cny),
            "gap": json_number(s.gap),
            "solve_seconds": s.solve_seconds,
            "decision_months": s.decision_months,
            "exact_reduction": s.exact_reduction,
            "violations": list(s.violations),
            "candidates": [
                {
                    "id": c.id,
                    "name": c.name,
                    "kind": c.kind,
                    "built": c.built,
                    "start_month": c.start_month or None,
                    "service_month": c.service_month or None,
                    "lead_months": c.lead_months,
                    "capacity": c.capacity,
                    "it_kw": c.it_kw,
                    "pflops": c.pflops,
                    "accelerators": c.accelerators,
                    "cabinets": c.cabinets,
                    "capex_cny": c.capex_cny,
                    "it_capex_cny": c.it_capex_cny,
                    "opex_cny_per_year": c.opex_cny_per_year,
                    "requires": list(c.requires),
                    "derivation": c.derivation,
                }
                for c in result.candidates
            ],
        },
        "periods": {
            "period": period,
            "start_month": [ops.months[k] for k in ops.period_starts],
            "demand_peak": json_array(result.period_view(ops.demand, "max")),
            "demand_mean": json_array(result.period_view(ops.demand)),
            "capacity_end": json_array(result.period_view(ops.capacity, "last")),
            "served_mean": json_array(result.period_view(ops.served)),
            "unserved_peak": json_array(result.period_view(ops.unserved, "max")),
            "utilisation_mean": json_array(result.period_view(ops.utilisation)),
            "stranded_mean": json_array(result.period_view(ops.stranded)),
        },
        "years": {
            "year": list(cash.years),
            "capex_cny": json_array(cash.capex_cny),
            "energy_cny": json_array(cash.energy_cny),
            "om_cny": json_array(cash.om_cny),
            "staff_cny": json_array(cash.staff_cny),
            "revenue_cny": json_array(cash.revenue_cny),
            "voucher_cny": json_array(cash.voucher_cny),
            "residual_cny": json_array(cash.residual_cny),
            "net_cash_cny": json_array(cash.net_cash_cny),
            "cumulative_cash_cny": json_array(cash.cumulative_cash_cny),
            "discount_factor": json_array(cash.discount_factor),
            "it_kwh": json_array(cash.it_kwh),
            "facility_kwh": json_array(cash.facility_kwh),
            "pue": json_array(cash.pue),
            "gpu_hours": json_array(cash.gpu_hours),
        },
        "measures": measures_json(result.measures),
        "energy_source": result.energy_source,
        "notes": list(result.notes),
    }
    if tornado is not None:
        out["tornado"] = {
            "step_frac": tornado.step_frac,
            "base_npv_cny": tornado.base_npv_cny,
            "inputs": [
                {
                    "key": k,
                    "label": lab,
                    "low_input": json_number(lo),
                    "high_input": json_number(hi),
                    "npv_low_cny": json_number(nl),
                    "npv_high_cny": json_number(nh),
                }
                for k, lab, lo, hi, nl, nh in zip(
                    tornado.keys,
                    tornado.labels,
                    tornado.low_input,
                    tornado.high_input,
                    tornado.npv_low_cny,
                    tornado.npv_high_cny,
                    strict=True,
                )
            ],
        }
    if monte_carlo is not None:
        mc = monte_carlo
        out["monte_carlo"] = {
            "draws": mc.draws,
            "seed": mc.seed,
            "npv_p10_cny": mc.npv_p10_cny,
            "npv_p50_cny": mc.npv_p50_cny,
            "npv_p90_cny": mc.npv_p90_cny,
            "npv_mean_cny": mc.npv_mean_cny,
            "probability_npv_negative": mc.probability_npv_negative,
            "peak_shortfall_p10": mc.shortfall_p10,
            "peak_shortfall_p50": mc.shortfall_p50,
            "peak_shortfall_p90": mc.shortfall_p90,
            "npv_histogram": {
                "counts": mc.npv_histogram_counts.tolist(),
                "edges_cny": json_array(mc.npv_histogram_edges_cny),
            },
        }
    return out


# ---------------------------------------------------------------------------------------------
# Text


def money_text(cny: float) -> str:
    return "—" if not math.isfinite(cny) else f"{cny / 1e6:,.1f} M"


def percent_text(x: float) -> str:
    return "—" if not math.isfinite(x) else f"{x:.1%}"


def years_text(x: float) -> str:
    return "never" if not math.isfinite(x) else f"{x:.1f} y"


def phasing_text(result: PhasingResult, tornado: Tornado | None = None, monte_carlo: MonteCarlo | None = None) -> str:
    """A readable schedule and finance summary."""
    m, ops = result.measures, result.operations
    unit = result.unit_label
    title = f"Build-out: {result.site_name}" + (f" — scenario {result.scenario}" if result.scenario else "")
    lines = [
        title,
        f"Demand variant {result.demand_variant!r} in {unit}; "
        f"{result.schedule.how} schedule ({result.schedule.status})",
    ]
    lines.append("")
    lines.append(f"{'candidate':<22} {'start':>8} {'service':>8} {'capacity':>12} {'IT kW':>10} {'capex CNY':>12}")
    for c in result.candidates:
        lines.append(
            f"{c.id:<22} {c.start_month or '—':>8} {c.service_month or 'not built':>8} "
            f"{c.capacity:>12,.2f} {c.it_kw:>10,.0f} {money_text(c.capex_cny + c.it_capex_cny):>12}"
        )
    lines.append("")
    lines.append(f"Capacity vs demand ({unit}; demand and capacity at their period peak / end, the rest averages):")
    lines.append(f"{'period':<8} {'demand':>10} {'capacity':>10} {'served':>10} {'util.':>7} {'stranded':>10}")
    peaks = result.period_view(ops.demand, "max")
    caps = result.period_view(ops.capacity, "last")
    served = result.period_view(ops.served)
    util = result.period_view(ops.utilisation)
    stranded = result.period_view(ops.stranded)
    step = max(1, len(peaks) // 30)
    for k in range(0, len(peaks), step):
        lines.append(
            f"{ops.months[ops.period_starts[k]]:<8} {peaks[k]:>10,.2f} {caps[k]:>10,.2f} {served[k]:>10,.2f} "
            f"{util[k]:>7.0%} {stranded[k]:>10,.2f}"
        )
    lines.append("")
    lines.append(
        f"NPV {money_text(m.npv_cny)} CNY at {m.discount_rate:.1%}; IRR {percent_text(m.irr)}; "
        f"payback {years_text(m.payback_years)} "
        f"(discounted {years_text(m.discounted_payback_years)})"
    )
    lines.append(f"Capex {money_text(m.capex_cny)} CNY (present value {money_text(m.capex_pv_cny)})")
    lines.append(
        f"Energy {money_text(m.energy_cny_per_year)} CNY/year at {m.tariff_cny_per_kwh:.3f} CNY/kWh; annual PUE "
        f"{m.annual_pue:.3f} over the horizon, {m.final_year_pue:.3f} in the last year"
    )
    lines.append(
        f"Levelised cost {m.levelised_cost_cny_per_it_kwh:.3f} CNY per IT kWh; "
        f"{m.cost_per_gpu_hour_cny:.2f} CNY per GPU-hour; {m.cost_per_pflops_year_cny:,.0f} CNY per "
        f"PFLOPS-year ({result.precision.upper()})"
    )
    lines.append(
        f"Served {m.served_share:.1%} of demand; largest monthly shortfall {m.peak_shortfall:,.2f} {unit}; "
        f"peak {m.peak_pflops:,.1f} PFLOPS {result.precision.upper()}; {m.final_it_mw:,.1f} MW IT built at the end"
    )
    if tornado is not None:
        lines.append("")
        lines.append(f"Sensitivity (each input ±{tornado.step_frac:.0%}, schedule held): NPV low / high, M CNY")
        for lab, lo, hi in zip(tornado.labels, tornado.npv_low_cny, tornado.npv_high_cny, strict=True):
            lines.append(f"  {lab:<26} {lo / 1e6:>12,.1f} {hi / 1e6:>12,.1f}")
    if monte_carlo is not None:
        mc = monte_carlo
        lines.append("")
        lines.append(
            f"Monte Carlo ({mc.draws:,} draws, seed {mc.seed}): NPV P10 {money_text(mc.npv_p10_cny)}, P50 "
            f"{money_text(mc.npv_p50_cny)}, P90 {money_text(mc.npv_p90_cny)} CNY; "
            f"P(NPV < 0) {mc.probability_npv_negative:.0%}; "
            f"peak shortfall P10/P50/P90 {mc.shortfall_p10:,.2f} / {mc.shortfall_p50:,.2f} / "
            f"{mc.shortfall_p90:,.2f} {unit}"
        )
    lines.append("")
    lines.extend(f"note: {n}" for n in result.notes)
    return "\n".join(lines)
