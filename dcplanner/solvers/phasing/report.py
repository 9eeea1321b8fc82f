"""JSON and text forms of phasing results for the command line (engine layer).

``dcplanner phases --json`` prints :func:`phasing_json`; ``dcplanner compare --json`` prints
:func:`comparison_json`. Money in CNY, energy in kWh, capacity in the demand unit
(``unit_label``). Undefined measures (an IRR without a sign change) are null.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from dcplanner.solvers.phasing.compare import Comparison
from dcplanner.solvers.phasing.montecarlo import MonteCarlo
from dcplanner.solvers.phasing.results import Measures, PhasingResult
from dcplanner.solvers.phasing.sensitivity import Tornado


def _num(x: Any) -> Any:
    """JSON-safe number: NaN and infinities become null, numpy scalars plain floats."""
    if x is None:
        return None
    value = float(x)
    return value if math.isfinite(value) else None


def _arr(a: np.ndarray) -> list[Any]:
    return [_num(v) for v in np.asarray(a, dtype=float)]


def measures_json(m: Measures) -> dict[str, Any]:
    return {k: _num(getattr(m, k)) for k in m.__slots__}


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
            "objective_cny": _num(s.objective_cny),
            "bound_cny": _num(s.bound_cny),
            "gap": _num(s.gap),
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
            "demand_peak": _arr(result.period_view(ops.demand, "max")),
            "demand_mean": _arr(result.period_view(ops.demand)),
            "capacity_end": _arr(result.period_view(ops.capacity, "last")),
            "served_mean": _arr(result.period_view(ops.served)),
            "unserved_peak": _arr(result.period_view(ops.unserved, "max")),
            "utilisation_mean": _arr(result.period_view(ops.utilisation)),
            "stranded_mean": _arr(result.period_view(ops.stranded)),
        },
        "years": {
            "year": list(cash.years),
            "capex_cny": _arr(cash.capex_cny),
            "energy_cny": _arr(cash.energy_cny),
            "om_cny": _arr(cash.om_cny),
            "staff_cny": _arr(cash.staff_cny),
            "revenue_cny": _arr(cash.revenue_cny),
            "voucher_cny": _arr(cash.voucher_cny),
            "residual_cny": _arr(cash.residual_cny),
            "net_cash_cny": _arr(cash.net_cash_cny),
            "cumulative_cash_cny": _arr(cash.cumulative_cash_cny),
            "discount_factor": _arr(cash.discount_factor),
            "it_kwh": _arr(cash.it_kwh),
            "facility_kwh": _arr(cash.facility_kwh),
            "pue": _arr(cash.pue),
            "gpu_hours": _arr(cash.gpu_hours),
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
                    "low_input": _num(lo),
                    "high_input": _num(hi),
                    "npv_low_cny": _num(nl),
                    "npv_high_cny": _num(nh),
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
                "edges_cny": _arr(mc.npv_histogram_edges_cny),
            },
        }
    return out


def comparison_json(cmp: Comparison) -> dict[str, Any]:
    """The scenario comparison as one JSON-ready dict."""
    rows = []
    for r in cmp.rows:
        row: dict[str, Any] = {"id": r.id, "name": r.name, "description": r.description, "ok": r.ok}
        if r.result is None:
            row["problem"] = r.problem
        else:
            res = r.result
            row["measures"] = measures_json(res.measures)
            row["servable"] = res.problem.servable.json() if res.problem.servable is not None else None
            row["demand_variant"] = res.demand_variant
            row["unit_label"] = res.unit_label
            row["schedule"] = {c.id: c.start_month or None for c in res.candidates}
            row["years"] = list(res.cash.years)
            row["cumulative_cash_cny"] = _arr(res.cash.cumulative_cash_cny)
        rows.append(row)
    return {"site": {"id": cmp.site_id, "name": cmp.site_name}, "basis": HORIZON_BASIS, "scenarios": rows}


# ---------------------------------------------------------------------------------------------
# Text


def _m(cny: float) -> str:
    return "—" if not math.isfinite(cny) else f"{cny / 1e6:,.1f} M"


def _pct(x: float) -> str:
    return "—" if not math.isfinite(x) else f"{x:.1%}"


def _yrs(x: float) -> str:
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
            f"{c.capacity:>12,.2f} {c.it_kw:>10,.0f} {_m(c.capex_cny + c.it_capex_cny):>12}"
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
        f"NPV {_m(m.npv_cny)} CNY at {m.discount_rate:.1%}; IRR {_pct(m.irr)}; payback {_yrs(m.payback_years)} "
        f"(discounted {_yrs(m.discounted_payback_years)})"
    )
    lines.append(f"Capex {_m(m.capex_cny)} CNY (present value {_m(m.capex_pv_cny)})")
    lines.append(
        f"Energy {_m(m.energy_cny_per_year)} CNY/year at {m.tariff_cny_per_kwh:.3f} CNY/kWh; annual PUE "
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
            f"Monte Carlo ({mc.draws:,} draws, seed {mc.seed}): NPV P10 {_m(mc.npv_p10_cny)}, P50 "
            f"{_m(mc.npv_p50_cny)}, P90 {_m(mc.npv_p90_cny)} CNY; P(NPV < 0) {mc.probability_npv_negative:.0%}; "
            f"peak shortfall P10/P50/P90 {mc.shortfall_p10:,.2f} / {mc.shortfall_p50:,.2f} / "
            f"{mc.shortfall_p90:,.2f} {unit}"
        )
    lines.append("")
    lines.extend(f"note: {n}" for n in result.notes)
    return "\n".join(lines)


HORIZON_BASIS = (
    "PUE and energy are over the build-out horizon (energy-weighted PUE; energy cost the mean of the years "
    "in service, as the load ramps up), not the design snapshot that `dcplanner solve` reports"
)
"""How the comparison's PUE and energy differ from the single-year solve (said wherever both appear)."""


def comparison_text(cmp: Comparison) -> str:
    """The scenario table."""
    head = (
        f"{'scenario':<22} {'NPV M CNY':>11} {'IRR':>7} {'payback':>8} {'capex M':>9} {'PUE':>6} "
        f"{'energy M/y':>10} {'peak PF':>9} {'CNY/GPU-h':>9} {'served':>7}"
    )
    lines = [
        f"Scenarios: {cmp.site_name} (peak PF at each site's demand precision)",
        HORIZON_BASIS,
        head,
    ]
    for r in cmp.rows:
        if r.result is None:
            first = r.problem.splitlines()
            reason = "; ".join(x.strip() for x in first[1:3]) or (first[0] if first else "")
            lines.append(f"{r.id:<22} no result: {reason}")
            continue
        m = r.result.measures
        lines.append(
            f"{r.id:<22} {m.npv_cny / 1e6:>11,.1f} {_pct(m.irr):>7} {_yrs(m.payback_years):>8} "
            f"{m.capex_cny / 1e6:>9,.1f} {m.annual_pue:>6.3f} {m.energy_cny_per_year / 1e6:>10,.1f} "
            f"{m.peak_pflops:>9,.1f} {m.cost_per_gpu_hour_cny:>9.2f} {m.served_share:>7.1%}"
        )
        servable = r.result.problem.servable
        if servable is not None and servable.capped:
            lines.append(f"{'':<22}   revenue capped: {servable.describe()}")
        built = [f"{c.id} {c.start_month}" for c in r.result.candidates if c.built]
        idle = [c.id for c in r.result.candidates if not c.built]
        lines.append(
            f"{'':<22}   starts: {', '.join(built) or 'none'}" + (f"; not built: {', '.join(idle)}" if idle else "")
        )
    return "\n".join(lines)
