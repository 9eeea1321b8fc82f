"""Build-out inputs of the three sample sites: demand, candidates, finance and their scenarios.

Used by ``make_sample_sites.py``. Every number here is a planning assumption and is listed in the
site's ``assumptions`` with its source (hardware_sites.md section or source key, or "no published
source" where there is none).
"""

from __future__ import annotations

from dcplanner.model.buildout import Buildout, Candidate, DemandForecast, DemandPoint, DemandVariant
from dcplanner.model.site import Assumption, Scenario, Site

ANSHUN_CAPEX_PER_CABINET = 750e6 / 1015  # seed facts: 750 M CNY for 1,015 cabinets (739 k CNY, derived)
PLANT_SHARE = 0.40  # share of facility capex in the central power and cooling plant (assumption, see below)
H20_SERVER_CNY = 1.2e6  # HGX H20 8-GPU server, Jul 2024 [S49]
A800_NODE_CNY = 1.5e6  # 8 x A800 node: between the H20 (1.2-1.5 M) [S49] and H100 (> 2 M) [S50] servers
H100_NODE_CNY = 2.0e6  # DGX H100-class 8-GPU server: "> 2 M CNY" [S50], the floor of that range
CPU_NODE_CNY = 65e3  # generic 2-socket x86 server 50-80 k CNY [S50], midpoint
GPU_HOUR_PRICE_CNY = 8.0  # A100/A800-class rental 8-12 CNY per card-hour in 2023 (zhitaoyun.cn/2153110.html), low end
H100_HOUR_PRICE_CNY = 2 * GPU_HOUR_PRICE_CNY  # assumption: an H100-class hour sells for twice an A800-class hour
H20_HOUR_PRICE_CNY = GPU_HOUR_PRICE_CNY * 148 / 300  # priced by FP16 dense throughput: H20 148 TF [S11] vs 910B 300 TF


def variant(ident: str, name: str, points: list[tuple[str, float]], source: str) -> DemandVariant:
    return DemandVariant(id=ident, name=name, points=[DemandPoint(month=m, value=v) for m, v in points], source=source)


def _money_assumptions(price: str, price_source: str, staff: str) -> list[Assumption]:
    return [
        Assumption(subject="economics.revenue", value=price, source=price_source),
        Assumption(
            subject="economics.maintenance_frac_of_capex",
            value="O&M 2 % of facility capex per year",
            source="no published source for Guizhou; planning placeholder within the 20-30 % energy + O&M "
            "share of cost [S50]",
        ),
        Assumption(
            subject="economics.staff_*",
            value=staff,
            source="no published source; planning placeholder (about 40-60 staff at ~150 k CNY a year)",
        ),
        Assumption(
            subject="buildout.candidates.*.life_years",
            value="facility 20 years straight line for the residual value at the horizon end",
            source="assumption; DC components optimal life 7-10 years, shell and MEP longer [S70]",
        ),
        Assumption(
            subject="buildout.uncertainty",
            value="tariff ±15 % (1 sigma), utilisation ±10 points, PUE overhead ±15 %; tornado ±20 %",
            source="assumption; tariff range 0.30-0.50 CNY/kWh around 0.35 (hardware_sites §6)",
        ),
    ]


# ---------------------------------------------------------------------------------------------


def anshun_buildout(site: Site) -> None:
    """Colocation: phase 1 as built (1a, 1b) and two ways to build a second 20.3 MW phase."""
    e = site.economics
    e.revenue_model = "colocation"
    e.colocation_cny_per_kw_month = 700.0
    e.staff_fixed_cny_per_year = 6e6
    e.staff_cny_per_mw_year = 0.3e6
    e.analysis_years = 20
    ramp = [("2023-07", 0.0), ("2024-12", 0.0), ("2025-01", 2.4), ("2026-01", 9.0), ("2027-01", 14.8)]
    ramp_source = "occupancy 30/65/85 % in years 1/2/3 after each phase (hardware_sites §7a)"
    block_kw = 1015 * 20.0
    module_kw = 203 * 20.0
    plant_capex = PLANT_SHARE * 1015 * ANSHUN_CAPEX_PER_CABINET
    module_capex = (1 - PLANT_SHARE) * 203 * ANSHUN_CAPEX_PER_CABINET
    modules = [
        Candidate(
            id=f"P2-M{k}",
            name=f"二期模块 {k} / Phase 2 hall module {k} (203 cabinets)",
            kind="hall",
            enabled=False,
            it_kw=module_kw,
            capex_cny=round(module_capex),
            lead_time_months=12,
            requires=["P2-plant"],
            consumes={"power_kw": module_kw * 1.3, "cooling_kw": module_kw},
        )
        for k in range(1, 6)
    ]
    site.buildout = Buildout(
        start="2023-07",
        period="year",
        coverage="penalty",
        demand=DemandForecast(
            unit="it_mw",
            variant="base",
            variants=[
                variant(
                    "low",
                    "Low: phase 1 fills slowly",
                    [*ramp, ("2028-01", 16.0), ("2031-01", 18.5), ("2035-01", 21.0), ("2040-01", 24.0)],
                    ramp_source + "; afterwards assumption",
                ),
                variant(
                    "base",
                    "Base: a second 20 MW filled by 2040",
                    [*ramp, ("2028-01", 17.3), ("2031-01", 24.0), ("2035-01", 33.0), ("2040-01", 40.0)],
                    ramp_source + "; afterwards assumption",
                ),
                variant(
                    "high",
                    "High: AI demand keeps growing",
                    [*ramp, ("2028-01", 18.5), ("2031-01", 32.0), ("2035-01", 48.0), ("2040-01", 60.0)],
                    ramp_source + "; afterwards assumption",
                ),
            ],
        ),
        candidates=[
            Candidate(
                id="P1a",
                name="一期 A: halls 1-2 (406 cabinets)",
                covers=["P1a"],
                lead_time_months=18,
                fixed_start="2023-07",
            ),
            Candidate(
                id="P1b",
                name="一期 B: halls 3-5 (609 cabinets)",
                covers=["P1b"],
                lead_time_months=18,
                fixed_start="2024-07",
            ),
            Candidate(
                id="P2-block",
                name="二期整体 / Phase 2 as one 1,015-cabinet building",
                kind="hall",
                enabled=False,
                it_kw=block_kw,
                capex_cny=round(1015 * ANSHUN_CAPEX_PER_CABINET),
                lead_time_months=30,
            ),
            Candidate(
                id="P2-plant",
                name="二期动力 / Phase 2 power and cooling plant (20.3 MW)",
                kind="plant",
                enabled=False,
                it_kw=0.0,
                capex_cny=round(plant_capex),
                lead_time_months=18,
                provides={"power_kw": block_kw * 1.3, "cooling_kw": block_kw},
            ),
            *modules,
        ],
    )
    modular = {f"buildout.candidates[{c}].enabled": True for c in ["P2-plant", *(m.id for m in modules)]}
    site.scenarios.extend(
        [
            Scenario(
                id="p2-block",
                name="Phase 2 as one building",
                description="A second 1,015-cabinet, 20.3 MW building in one 30-month build; the optimiser "
                "chooses the year.",
                overrides={"buildout.candidates[P2-block].enabled": True},
            ),
            Scenario(
                id="p2-modular",
                name="Phase 2 in five hall modules",
                description="A shared 20.3 MW plant, then five 203-cabinet halls of 12 months each, built as "
                "demand needs them.",
                overrides=modular,
            ),
            Scenario(
                id="p2-modular-high",
                name="Phase 2 modules, high demand",
                description="The modular phase 2 with the high demand variant.",
                overrides={**modular, "buildout.demand.variant": "high"},
            ),
        ]
    )
    site.assumptions.extend(
        [
            Assumption(
                subject="buildout.demand",
                value="IT MW taken by tenants: 2.4 (2025), 9.0 (2026), 14.8 (2027) MW, then base 40 MW by 2040, "
                "low 24 MW, high 60 MW",
                source=ramp_source + "; beyond 2028 planning assumption",
            ),
            Assumption(
                subject="buildout.candidates[P1a, P1b]",
                value="phase 1 as built: starts 2023-07 and 2024-07, 18 months, capex 300 M and 450 M CNY "
                "(750 M CNY in total)",
                kind="derived",
                source="seed facts (750 M CNY, 1,015 cabinets); phase dates hardware_sites §7a",
            ),
            Assumption(
                subject="buildout.candidates[P2-*]",
                value=f"phase 2 at phase 1's {ANSHUN_CAPEX_PER_CABINET:,.0f} CNY per cabinet; one building in "
                "30 months, or a plant (18 months) and five hall modules (12 months each)",
                source="seed facts (capex per cabinet, derived); build times [S52]: 20-30 months for a 30-60 MW "
                "building, campus buildings then rolling",
            ),
            Assumption(
                subject="buildout.candidates[P2-plant].capex_cny",
                value=f"{PLANT_SHARE:.0%} of phase 2 facility capex in the central plant, the rest in the halls",
                source="no published split for Guizhou; planning assumption",
            ),
            Assumption(
                subject="buildout.candidates[P2-plant].provides",
                value="power 1.3 kW and cooling 1 kW per kW of IT",
                source="power.design_facility_factor 1.3 of this site (assumption)",
            ),
            *_money_assumptions(
                "colocation 700 CNY per kW-month of IT taken, power included",
                "no published Guizhou price; near cost recovery: capex 36.9 k CNY/kW at 8 % over 20 years "
                "≈ 313 CNY/kW-month, power ≈ 250, O&M ≈ 60, plus ~10 % margin",
                "6 M CNY a year plus 0.3 M CNY per MW of IT in service",
            ),
        ]
    )


def _sell_compute(site: Site, staff_fixed_cny: float, staff_per_mw_cny: float) -> None:
    """Revenue per accelerator-hour with Guizhou compute vouchers, over 15 years."""
    e = site.economics
    e.revenue_model = "compute"
    e.gpu_hour_price_cny = GPU_HOUR_PRICE_CNY
    e.voucher_share = 0.2
    e.voucher_cap_cny_per_year = 80e6
    e.staff_fixed_cny_per_year = staff_fixed_cny
    e.staff_cny_per_mw_year = staff_per_mw_cny
    e.analysis_years = 15


def _compute_assumptions(hour: str, staff: str) -> list[Assumption]:
    return [
        Assumption(
            subject="economics.voucher_*",
            value="computing vouchers pay 20 % of compute revenue, at most 80 M CNY a year",
            source="Guizhou 算力券 programme cap 80 M CNY/year [S55]; share 0.2 from the suggested voucher model "
            "(hardware_sites §6, §7c)",
        ),
        *_money_assumptions(
            f"{GPU_HOUR_PRICE_CNY:g} CNY per {hour} sold",
            "A100/A800-class cloud rental 8-12 CNY per card-hour in 2023 (zhitaoyun.cn/2153110.html, low "
            "confidence), low end",
            staff,
        ),
    ]


def guian_buildout(site: Site) -> None:
    """Supercomputing center sold by the card-hour: phases 1 and 2 as built."""
    _sell_compute(site, 8e6, 0.0)
    gpu_p1, gpu_p2, cpu = 76, 74, 565
    grow = [("2021-06", 0.0), ("2022-05", 0.0), ("2022-06", 8.0), ("2023-06", 14.0), ("2024-06", 22.0)]
    source = (
        "assumption shaped on 28 M card-hours (Mar 2025) and 35 M (Mar 2026), ~67 % utilisation (hardware_sites §3)"
    )
    site.buildout = Buildout(
        start="2021-06",
        period="year",
        coverage="penalty",
        demand=DemandForecast(
            unit="pflops",
            precision="fp32",
            variant="base",
            variants=[
                variant("low", "Low", [*grow, ("2026-03", 24.0), ("2030-01", 25.0), ("2036-01", 25.0)], source),
                variant("base", "Base", [*grow, ("2026-03", 28.0), ("2030-01", 35.0), ("2036-01", 40.0)], source),
                variant("high", "High", [*grow, ("2026-03", 31.0), ("2030-01", 50.0), ("2036-01", 60.0)], source),
            ],
        ),
        candidates=[
            Candidate(
                id="P1",
                name="一期: CPU partition + 76 GPU nodes",
                covers=["P1"],
                lead_time_months=12,
                fixed_start="2021-06",
                it_capex_cny=gpu_p1 * A800_NODE_CNY + cpu * CPU_NODE_CNY,
                it_life_years=5.0,
            ),
            Candidate(
                id="P2",
                name="二期: 74 more GPU nodes",
                covers=["P2"],
                lead_time_months=6,
                fixed_start="2023-07",
                it_capex_cny=gpu_p2 * A800_NODE_CNY,
                it_life_years=5.0,
            ),
        ],
    )
    refresh = next(s for s in site.scenarios if s.id == "h100-refresh")
    refresh.overrides["buildout.candidates[P1].it_capex_cny"] = gpu_p1 * H100_NODE_CNY + cpu * CPU_NODE_CNY
    refresh.overrides["buildout.candidates[P2].it_capex_cny"] = gpu_p2 * H100_NODE_CNY
    refresh.overrides["economics.gpu_hour_price_cny"] = H100_HOUR_PRICE_CNY
    site.scenarios.append(
        Scenario(
            id="demand-high",
            name="High demand",
            description="The high demand variant: 50 PF FP32 wanted by 2030, more than the center has.",
            overrides={"buildout.demand.variant": "high"},
        )
    )
    site.assumptions.extend(
        [
            Assumption(
                subject="buildout.demand",
                value="FP32 PFLOPS wanted: 8 (2022), 22 (2024), 28 (2026), base 35 by 2030 and 40 by 2036",
                source=source,
            ),
            Assumption(
                subject="buildout.candidates[P1, P2].it_capex_cny",
                value=f"A800 node {A800_NODE_CNY / 1e6:.1f} M CNY, CPU node {CPU_NODE_CNY / 1e3:.0f} k CNY, "
                "bought again every 5 years",
                source="between the H20 server (1.2-1.5 M CNY) [S49] and the H100 server (> 2 M) [S50]; x86 "
                "server 50-80 k CNY [S50]; refresh: IT ~3 years [S70], 5 assumed for an HPC system",
            ),
            Assumption(
                subject="scenarios[h100-refresh].it_capex",
                value=f"DGX H100-class node {H100_NODE_CNY / 1e6:.1f} M CNY",
                source="H100 8-GPU server > 2 M CNY [S50]",
            ),
            Assumption(
                subject="scenarios[h100-refresh].economics.gpu_hour_price_cny",
                value=f"{H100_HOUR_PRICE_CNY:g} CNY per H100-class GPU-hour",
                source="no published Guizhou price; assumption: twice the A800-class hour",
            ),
            *_compute_assumptions("GPU-hour", "8 M CNY a year"),
        ]
    )


def turing_buildout(site: Site) -> None:
    """AI compute center: building 1 as planned, building 2 when demand calls for it."""
    _sell_compute(site, 20e6, 0.3e6)
    grow = [("2024-09", 0.0), ("2026-02", 0.0), ("2026-03", 1000.0), ("2027-03", 6000.0)]
    source = (
        "assumption; Guizhou aims at 180 EF and 600,000 AI chips by end-2025 [S34], 56.9 EF in March and "
        "85 EF in August 2025 [S30, S35]"
    )
    site.buildout = Buildout(
        start="2024-09",
        period="quarter",
        coverage="penalty",
        demand=DemandForecast(
            unit="pflops",
            precision="fp16",
            variant="base",
            variants=[
                variant("low", "Low", [*grow, ("2029-03", 9000.0), ("2033-01", 10000.0)], source),
                variant(
                    "base", "Base", [*grow, ("2028-03", 11000.0), ("2029-03", 15000.0), ("2031-01", 16000.0)], source
                ),
                variant(
                    "high", "High", [*grow, ("2028-03", 14000.0), ("2030-01", 20000.0), ("2034-01", 24000.0)], source
                ),
            ],
        ),
        candidates=[
            Candidate(
                id="P1",
                name="一期 8,000 P: building 1",
                covers=["P1"],
                lead_time_months=18,
                fixed_start="2024-09",
                it_capex_cny=3334 * H20_SERVER_CNY,
                it_life_years=5.0,
            ),
            Candidate(
                id="P2",
                name="二期 8,000 P: building 2",
                covers=["P2"],
                lead_time_months=18,
                it_capex_cny=3333 * H20_SERVER_CNY,
                it_life_years=5.0,
            ),
        ],
    )
    h20 = next(s for s in site.scenarios if s.id == "h20-alternative")
    h20.overrides["economics.gpu_hour_price_cny"] = round(H20_HOUR_PRICE_CNY, 2)
    site.scenarios.extend(
        [
            Scenario(
                id="p2-as-planned",
                name="Building 2 as planned",
                description="Building 2 started 2025-09 and in service 2027-03 (hardware_sites §7c) instead of "
                "when the optimiser would build it.",
                overrides={"buildout.candidates[P2].fixed_start": "2025-09"},
            ),
            Scenario(
                id="demand-low",
                name="Low demand",
                description="The low demand variant: 10,000 P wanted by 2033.",
                overrides={"buildout.demand.variant": "low"},
            ),
        ]
    )
    site.assumptions.extend(
        [
            Assumption(
                subject="buildout.demand",
                value="FP16 PFLOPS wanted: 1,000 (2026-03), 6,000 (2027-03), base 16,000 by 2031, low 10,000, "
                "high 24,000",
                source=source,
            ),
            Assumption(
                subject="buildout.candidates[P1, P2].it_capex_cny",
                value=f"{H20_SERVER_CNY / 1e6:.1f} M CNY per 8-accelerator server, bought again every 5 years",
                source="HGX H20 server price Jul 2024 [S49] as a proxy for a domestic 8-NPU server (no published "
                "price); refresh: IT ~3 years [S70], 5 assumed",
            ),
            Assumption(
                subject="scenarios[h20-alternative].economics.gpu_hour_price_cny",
                value=f"{H20_HOUR_PRICE_CNY:.2f} CNY per H20 GPU-hour",
                source="the 910B-class hour price scaled by FP16 dense throughput, H20 148 TF [S11] / 300 TF "
                "(hardware_sites §7c); no published Guizhou price",
            ),
            Assumption(
                subject="buildout.candidates[P2]",
                value="building 2 free to start when it pays (as planned: 2025-09, scenario p2-as-planned)",
                source="hardware_sites §7c; timeline [S52]",
            ),
            *_compute_assumptions(
                "accelerator-hour (as a proxy for a 910B-class NPU)",
                "20 M CNY a year plus 0.3 M CNY per MW of IT in service",
            ),
        ]
    )
