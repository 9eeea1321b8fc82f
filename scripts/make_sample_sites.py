"""Build the three Guizhou sample sites in ``sample_sites/`` from the published facts.

Facts (Guizhou Daily 2026, "SEED" in the catalog's sources): Anshun Nanzhi Cloud Valley has
1,015 high-density cabinets and cost 750 M CNY in phase 1; the Gui'an Supercomputing Center has
715 servers, 1,200 GPUs and a peak above 30 PFLOPS; the Turing Town AI compute service center
has 16,000 P of AI compute. Every other number here is an assumption and is listed as one in
each site's ``assumptions``.

Run: ``python scripts/make_sample_sites.py`` (rewrites the three files).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dcplanner.io.project_file import save_project  # noqa: E402
from dcplanner.model.compliance import ComplianceInputs, YearShare  # noqa: E402
from dcplanner.model.layout import PodGrid, fill_row, hall_with_pods, size_units  # noqa: E402
from dcplanner.model.site import (  # noqa: E402
    Assumption,
    Cabinet,
    ClimateRef,
    CoolingPlant,
    Economics,
    GeneratorBlock,
    Hall,
    ItLoad,
    Location,
    LossModel,
    PduBlock,
    Phase,
    PowerChain,
    Scenario,
    ServerLoad,
    Site,
    TransformerBlock,
    UpsSystem,
    UtilityFeed,
)
from scripts.sample_buildouts import anshun_buildout, guian_buildout, turing_buildout  # noqa: E402

OUT = ROOT / "sample_sites"

# Loss coefficients per unit of rating (dcplanner PUE model spec §6.3, planning defaults [U]).
UPS_LOSSES = LossModel(
    no_load_frac=0.013,
    proportional_frac=0.003,
    square_law_frac=0.037,
    source="3-point fit of a modern double-conversion UPS (η 0.94/0.955/0.95 at 25/50/100 %); PUE spec §6.3",
)
TX_LOSSES = LossModel(no_load_frac=0.003, square_law_frac=0.010, source="MV/LV dry transformer, PUE spec §6.3 [U]")
PDU_LOSSES = LossModel(
    square_law_frac=0.005,
    source="column-head distribution cabinets without transformers (I²R only), planning value [U]; "
    "PUE spec §6.3 lists 0.005/0.005/0.010 for PDUs with transformers",
)
CABLE_LOSSES = LossModel(square_law_frac=0.010, source="cabling / busway I²R, PUE spec §6.3 [U]")
CAPEX_CNY_PER_KW = 750e6 / (1015 * 20.0)  # Anshun phase 1: 750 M CNY / 20.3 MW (derived)

COMMON_ASSUMPTIONS = [
    Assumption(
        subject="economics.electricity_tariff_cny_per_kwh",
        value="0.35 CNY/kWh",
        source="Gui'an discounted tariff [S45]; sensitivity 0.30-0.50",
        kind="assumption",
    ),
    Assumption(
        subject="economics.discount_rate", value="8 %", source="NDRC social discount rate [S53]", kind="assumption"
    ),
    Assumption(
        subject="power (sizing)",
        value="units sized for N at <= 90 % loading, then redundancy added",
        source="planning rule of thumb",
        kind="assumption",
    ),
    Assumption(
        subject="power.*.losses",
        value="loss coefficients per stage",
        source="dcplanner PUE model spec §6.3 (Schneider WP113 loss form), unverified defaults",
        kind="assumption",
    ),
    Assumption(
        subject="layout",
        value="600 x 1200 mm cabinets, cold aisle 1.2 m (contained), hot aisle 1.2 m",
        source="hardware_sites §2; GB 50311-2016 §21.5.4 [S59]",
        kind="assumption",
    ),
    Assumption(
        subject="economics.grid_emission_kg_per_kwh",
        value="0.5 kg CO2/kWh",
        source="planning placeholder for a hydro-heavy provincial grid; set the factor for your contract",
        kind="assumption",
    ),
]


def guizhou_compliance(design_class: str = "A") -> ComplianceInputs:
    """A new Guizhou site: western hub, its GB 50174 class, green power ramping up (assumptions)."""
    return ComplianceInputs(
        hub="western_hub",
        design_class=design_class,  # type: ignore[arg-type]  # one of A, B, C
        status="new",
        assessment_year=2026,
        report_findings=True,
        green_power=[
            YearShare(year=2025, share=0.40),
            YearShare(year=2027, share=0.60),
            YearShare(year=2030, share=0.85),
        ],
    )


COMPLIANCE_ASSUMPTIONS = [
    Assumption(
        subject="compliance.hub",
        value="western hub (Guizhou hub node of East Data West Computing)",
        source="Guizhou is one of the four western hubs (china_rules.md)",
        kind="fact",
    ),
    Assumption(
        subject="compliance.design_class",
        value="GB 50174 class A (2N utility, transformers and UPS, N+1 generators and cooling)",
        source="planning assumption matching the power chain drawn; no design record",
        kind="assumption",
    ),
    Assumption(
        subject="compliance.green_power",
        value="40 % from 2025, 60 % from 2027, 85 % from 2030 of facility energy",
        source="planning assumption (hydro-heavy grid, green-power contracts to be signed); no contract on record",
        kind="assumption",
    ),
]


def power_chain(
    it_kw: float, facility_factor: float, ups_module_kw: float, pdu_count: int, pdu_kw: float
) -> PowerChain:
    facility = it_kw * facility_factor
    tx_kva = 2500.0
    gen_kw = 2000.0 if facility > 5000 else 800.0
    utility_kw = 1000 * round(facility / 0.85 / 1000 + 0.5)
    return PowerChain(
        utility=UtilityFeed(
            capacity_kw=utility_kw, feeds=2, redundancy="2N", voltage_kv=110 if facility > 10000 else 10
        ),
        transformers=TransformerBlock(
            count=size_units(facility, tx_kva * 0.9, "2N"),
            rating_kva=tx_kva,
            power_factor=0.9,
            redundancy="2N",
            losses=TX_LOSSES,
        ),
        ups=UpsSystem(
            module_kw=ups_module_kw,
            modules=size_units(it_kw, ups_module_kw, "2N", 0.95),
            redundancy="2N",
            losses=UPS_LOSSES,
        ),
        pdus=PduBlock(count=pdu_count, rating_kw=pdu_kw, redundancy="2N", losses=PDU_LOSSES),
        generators=GeneratorBlock(count=size_units(facility, gen_kw, "N+1"), rating_kw=gen_kw, redundancy="N+1"),
        cabling_losses=CABLE_LOSSES,
        design_facility_factor=facility_factor,
    )


def hall_design(hall: Hall, cooling_unit_kw: float) -> None:
    """Set a hall's IT budget and terminal cooling from the cabinets it holds."""
    design = sum(c.design_kw for r in hall.rows for c in r.cabinets)
    hall.design_it_kw = 100 * round(design * 1.05 / 100 + 0.5)
    hall.cooling_unit_kw = cooling_unit_kw
    hall.cooling_units = size_units(design, cooling_unit_kw, "N+1")
    hall.cooling_redundancy = "N+1"


# ---------------------------------------------------------------------------------------------


def anshun() -> Site:
    grid = PodGrid(rows=14, positions=15)
    halls = []
    for h in range(1, 6):
        row_ids = [f"A{h}-{r:02d}" for r in range(1, 15)]
        hall = hall_with_pods(
            f"A{h}",
            f"数据机房 {h} / Data hall {h}",
            grid,
            row_ids,
            "std-600x1200-47u",
            x_m=(h - 1) * 24.0,
            floor_load_limit_kg_m2=1200,
        )
        phase = "P1a" if h <= 2 else "P1b"
        for n, row in enumerate(hall.rows):
            count = 15 if n % 2 == 0 else 14  # pods of 15 + 14 cabinets (hardware_sites §7a)
            cabs = []
            for k in range(count):
                cid = f"{row.id}-{k + 1:02d}"
                if h <= 2:
                    servers = [ServerLoad(model_id="hgx-h20-8gpu", count=3)]
                elif h == 3 and n < 7:
                    servers = [ServerLoad(model_id="npu-910b-8way", count=3)]
                else:
                    servers = []
                cabs.append(
                    Cabinet(
                        id=cid, position=0, type_id="std-600x1200-47u", design_kw=20.0, phase_id=phase, servers=servers
                    )
                )
            fill_row(row, cabs)
        hall_design(hall, cooling_unit_kw=450.0)
        halls.append(hall)
    it_cab_kw = 1015 * 20.0
    site = Site(
        id="anshun-nanzhi",
        name="南智云谷数据中心 Nanzhi Cloud Valley, Anshun",
        description=(
            "High-density facility in Anshun, Guizhou: 1,015 high-power cabinets, phase-1 investment "
            "750 M CNY (published facts). Layout, power, cooling and loading are planning assumptions."
        ),
        location=Location(
            name="安顺 Anshun, Guizhou",
            latitude_deg=26.25,
            longitude_deg=105.93,
            elevation_m=1400.0,
            time_zone="Asia/Shanghai",
        ),
        halls=halls,
        power=power_chain(it_cab_kw, 1.3, 1200.0, pdu_count=140, pdu_kw=400.0),
        cooling=CoolingPlant(
            architecture="iec_dx_trim",
            supply_air_c=25.0,
            parameters={"delta_t_air_k": 14.0, "supply_approach_k": 1.0},
        ),
        climate=ClimateRef(source="builtin", builtin_id="anshun"),
        it_load=ItLoad(utilisation=0.65, profile="flat", idle_fraction=0.2),
        phases=[
            Phase(
                id="P1a",
                name="一期 A: halls 1-2",
                start="2025-01",
                build_months=18,
                capex_cny=round(CAPEX_CNY_PER_KW * 406 * 20.0),
                occupancy_ramp=[0.30, 0.65, 0.85],
            ),
            Phase(
                id="P1b",
                name="一期 B: halls 3-5",
                start="2026-01",
                build_months=18,
                capex_cny=round(CAPEX_CNY_PER_KW * 609 * 20.0),
                occupancy_ramp=[0.30, 0.65, 0.85],
            ),
        ],
        economics=Economics(),
        scenarios=[
            Scenario(
                id="density-30kw",
                name="30 kW cabinets",
                description="Every cabinet budgeted at 30 kW instead of 20 kW (what-if).",
                overrides={"halls.*.rows.*.cabinets.*.design_kw": 30.0},
            ),
            Scenario(
                id="chilled-water",
                name="Chilled water with waterside economizer",
                description="CRAH + water-cooled chillers + towers instead of indirect evaporative cooling.",
                overrides={"cooling.architecture": "chw_tower_wse"},
            ),
        ],
        compliance=guizhou_compliance(),
        assumptions=[
            *COMPLIANCE_ASSUMPTIONS,
            Assumption(subject="cabinets", value="1,015 high-power, high-density cabinets", kind="fact", source="SEED"),
            Assumption(
                subject="phases (capex)",
                value="phase-1 investment 750 M CNY, facility only (IT excluded)",
                kind="fact",
                source="SEED; IT exclusion is an assumption (hardware_sites §7a)",
            ),
            Assumption(
                subject="location.elevation_m",
                value="1,400 m (Anshun, WMO 57806)",
                kind="fact",
                source="SEED (place names for climate)",
            ),
            Assumption(
                subject="cabinets.design_kw",
                value="20 kW per cabinet (sensitivity 12 / 30 kW)",
                source="hardware_sites §7a",
            ),
            Assumption(
                subject="halls", value="5 halls x 7 pods x (15 + 14) cabinets = 1,015", source="hardware_sites §7a"
            ),
            Assumption(
                subject="cooling",
                value="indirect evaporative cooling with DX trim, 25 °C supply",
                source="suits a ~15 °C site [S61]; hardware_sites §7a",
            ),
            Assumption(
                subject="cooling.parameters",
                value="14 K air rise and 1 K supply approach in contained pods; other IEC values are the preset's",
                source="PUE spec §6.4 (15 K contained) and §6.5E; approach for containment is a planning value",
            ),
            Assumption(
                subject="climate",
                value="built-in 'anshun': derived from the Guiyang and Xingren CSWD files, carried to 1,380 m",
                kind="derived",
                source="no hourly Anshun record; resources/climate/anshun.json names the files and method",
            ),
            Assumption(
                subject="servers",
                value="halls 1-2 full of HGX H20 8-GPU servers, hall 3 half full of "
                "8-NPU servers, halls 4-5 empty (occupancy snapshot), 3 servers per 20 kW cabinet",
                source="hardware_sites §7a",
            ),
            Assumption(
                subject="phases",
                value="1a halls 1-2 in service 2025-01, 1b halls 3-5 in 2026-01; ramp 30/65/85 %",
                source="hardware_sites §7a; hub utilisation target 65 % [S41]",
            ),
            Assumption(
                subject="phases.capex_cny",
                value=f"{CAPEX_CNY_PER_KW:,.0f} CNY per kW of cabinet design power",
                kind="derived",
                source="750 M CNY / (1,015 x 20 kW)",
            ),
            Assumption(subject="it_load.utilisation", value="65 %", source="hub rack-utilisation target [S41]"),
            *COMMON_ASSUMPTIONS,
        ],
    )
    return site


def guian() -> Site:
    grid = PodGrid(rows=11, positions=11)
    row_ids = [f"G-{r:02d}" for r in range(1, 12)]
    hall = hall_with_pods("G1", "超算机房 / HPC hall", grid, row_ids, "std-600x1200-42u", floor_load_limit_kg_m2=1200)
    cabs: list[Cabinet] = []
    for n in range(75):  # 150 GPU nodes, 2 per cabinet
        cabs.append(
            Cabinet(
                id=f"GPU-{n + 1:03d}",
                position=0,
                type_id="std-600x1200-42u",
                design_kw=13.0,
                phase_id="P1" if n < 38 else "P2",
                servers=[ServerLoad(model_id="guian-a800-node", count=2)],
            )
        )
    cpu_left = 565
    for n in range(36):  # 565 CPU nodes, 16 per cabinet
        count = min(16, cpu_left)
        cpu_left -= count
        cabs.append(
            Cabinet(
                id=f"CPU-{n + 1:03d}",
                position=0,
                type_id="std-600x1200-42u",
                design_kw=12.0,
                phase_id="P1",
                servers=[ServerLoad(model_id="guian-cpu-node", count=count)],
            )
        )
    for n in range(10):
        cabs.append(
            Cabinet(
                id=f"STO-{n + 1:03d}",
                position=0,
                type_id="std-600x1200-42u",
                design_kw=8.0,
                phase_id="P1",
                servers=[ServerLoad(model_id="storage-node-2u", count=10)],
            )
        )
    for row in hall.rows:
        fill_row(row, cabs[: row.positions])
        del cabs[: row.positions]
    hall_design(hall, cooling_unit_kw=250.0)
    it_kw = sum(c.design_kw for r in hall.rows for c in r.cabinets)
    return Site(
        id="guian-supercomputing",
        name="贵安超算中心 Gui'an Supercomputing Center",
        description=(
            "Supercomputing center in the China Telecom Guizhou Information Park, Gui'an New Area: 715 servers, "
            "1,200 GPUs, peak above 30 PFLOPS (published). The hardware mix is an assumption (hardware_sites §3, "
            "mix A): the reported 30 PF lies between its FP64 Rpeak (27.6 PF) and FP32 peak (31.8 PF)."
        ),
        location=Location(
            name="贵安新区 Gui'an New Area, Guizhou",
            latitude_deg=26.45,
            longitude_deg=106.45,
            elevation_m=1100.0,
            time_zone="Asia/Shanghai",
        ),
        halls=[hall],
        power=power_chain(it_kw, 1.3, 800.0, pdu_count=22, pdu_kw=150.0),
        cooling=CoolingPlant(
            architecture="chw_tower_wse",
            plant_unit_kw=1000.0,
            plant_units=size_units(it_kw, 1000.0, "N+1"),
            plant_redundancy="N+1",
            supply_air_c=25.0,
            parameters={"delta_t_air_k": 14.0, "supply_approach_k": 1.0, "fan_pressure_pa": 400.0},
        ),
        climate=ClimateRef(source="builtin", builtin_id="guiyang"),
        it_load=ItLoad(utilisation=0.67, profile="flat", idle_fraction=0.2),
        phases=[
            Phase(
                id="P1",
                name="一期: CPU partition + 76 GPU nodes",
                start="2022-06",
                build_months=12,
                capex_cny=round(CAPEX_CNY_PER_KW * (it_kw - 37 * 13.0)),
            ),
            Phase(
                id="P2",
                name="二期: 74 more GPU nodes",
                start="2024-01",
                build_months=6,
                capex_cny=round(CAPEX_CNY_PER_KW * 37 * 13.0),
            ),
        ],
        scenarios=[
            Scenario(
                id="tariff-0.50",
                name="Tariff 0.50 CNY/kWh",
                description="Electricity at the non-discounted provincial price.",
                overrides={"economics.electricity_tariff_cny_per_kwh": 0.5},
            ),
            Scenario(
                id="h100-refresh",
                name="GPU nodes refreshed to DGX H100",
                description=(
                    "Each A800 node replaced by a DGX H100 (10.2 kW); GPU cabinets re-budgeted at 21 kW, in 47U."
                ),
                overrides={
                    "halls.*.rows.*.cabinets.*.servers[model_id=guian-a800-node].model_id": "dgx-h100",
                    "halls.*.rows.*.cabinets[design_kw=13.0].design_kw": 21.0,
                    "halls.*.rows.*.cabinets[type_id=std-600x1200-42u].type_id": "std-600x1200-47u",
                    "halls.*.rows.*.cabinet_type_id": "std-600x1200-47u",
                },
            ),
        ],
        compliance=guizhou_compliance(),
        assumptions=[
            *COMPLIANCE_ASSUMPTIONS,
            Assumption(subject="servers", value="715 servers", kind="fact", source="SEED"),
            Assumption(subject="accelerators", value="1,200 high-performance GPUs", kind="fact", source="SEED"),
            Assumption(subject="compute", value="peak above 30 PFLOPS (3 亿亿次/s)", kind="fact", source="SEED; S30"),
            Assumption(
                subject="compute (precision)",
                value="30 PF reproduced at FP32 (31.8 PF); FP64 Rpeak is 27.6 PF",
                kind="derived",
                source="hardware_sites §3: 30 PF / 1,200 GPUs = 25 TF per GPU rules out FP16",
            ),
            Assumption(
                subject="servers (mix)",
                value="150 nodes of 8 x A800 SXM + 2 x Xeon 8380; 565 CPU nodes of 2 x Xeon 8380",
                source="hardware_sites §3 mix A",
            ),
            Assumption(
                subject="cabinets",
                value="75 GPU cabinets at 13 kW, 36 CPU at 12 kW, 10 storage at 8 kW; 11 rows of 11",
                source="hardware_sites §7b",
            ),
            Assumption(
                subject="cooling",
                value="chilled water with integrated waterside economizer and containment, 25 °C ITE inlet",
                source="hardware_sites §7b; inlet within ASHRAE TC 9.9 recommended 18-27 °C",
            ),
            Assumption(
                subject="cooling.parameters",
                value="14 K air rise, 1 K supply approach, 400 Pa EC fans in contained aisles; chillers and "
                "towers at the preset's Lei-Masanet values",
                source="PUE spec §6.4-6.5B; planning values",
            ),
            Assumption(
                subject="it_load.utilisation",
                value="67 %",
                kind="derived",
                source="(35 M - 28 M card-hours) / (1,200 x 8,760 h) over about a year (hardware_sites §3)",
            ),
            Assumption(subject="phases", value="P1 2022-06, P2 2024-01", source="hardware_sites §7b"),
            *COMMON_ASSUMPTIONS,
        ],
    )


def turing_town() -> Site:
    grid = PodGrid(rows=12, positions=20)
    grid_small = PodGrid(rows=10, positions=20)
    halls: list[Hall] = []
    for building in (1, 2):
        servers_left = 3334 if building == 1 else 3333
        compute_cabs = 834
        network_cabs = 83
        cabs: list[Cabinet] = []
        for n in range(compute_cabs):
            count = min(4, servers_left - 4 * (compute_cabs - n - 1)) if n == compute_cabs - 1 else 4
            count = min(count, servers_left)
            servers_left -= count
            cabs.append(
                Cabinet(
                    id=f"T{building}-C{n + 1:04d}",
                    position=0,
                    type_id="coldplate-600x1200-47u",
                    design_kw=22.4,
                    phase_id=f"P{building}",
                    servers=[ServerLoad(model_id="npu-910b-8way", count=count)],
                )
            )
        for n in range(network_cabs):
            cabs.append(
                Cabinet(
                    id=f"T{building}-N{n + 1:03d}",
                    position=0,
                    type_id="coldplate-600x1200-47u",
                    design_kw=8.0,
                    phase_id=f"P{building}",
                    servers=[
                        ServerLoad(model_id="storage-node-2u", count=8),
                        ServerLoad(model_id="network-switch-1u", count=4),
                    ],
                )
            )
        assert servers_left == 0, servers_left
        for h in range(1, 5):
            g = grid if h < 4 else grid_small
            hid = f"T{building}{h}"
            row_ids = [f"{hid}-{r:02d}" for r in range(1, g.rows + 1)]
            hall = hall_with_pods(
                hid,
                f"{building}号楼 {h}号机房 / Building {building} hall {h}",
                g,
                row_ids,
                "coldplate-600x1200-47u",
                x_m=(h - 1) * 20.0,
                y_m=(building - 1) * 50.0,
                floor_load_limit_kg_m2=1600,
            )
            for row in hall.rows:
                take = min(row.positions, len(cabs))
                fill_row(row, cabs[:take])
                del cabs[:take]
            hall_design(hall, cooling_unit_kw=1000.0)
            halls.append(hall)
        assert not cabs
    it_kw = sum(c.design_kw for h in halls for r in h.rows for c in r.cabinets)
    phase_kw = {
        p: sum(c.design_kw for h in halls for r in h.rows for c in r.cabinets if c.phase_id == p) for p in ("P1", "P2")
    }
    return Site(
        id="turing-town",
        name="图灵小镇人工智能算力服务中心 Turing Town AI Compute Service Center",
        description=(
            "AI compute service center in Gui'an / Guiyang with 16,000 P of AI compute (published). "
            "16,000 P is read as FP16 dense PFLOPS on domestic 8-NPU servers (assumption, hardware_sites §4)."
        ),
        location=Location(
            name="贵安新区 Gui'an New Area, Guizhou",
            latitude_deg=26.40,
            longitude_deg=106.50,
            elevation_m=1150.0,
            time_zone="Asia/Shanghai",
        ),
        halls=halls,
        power=power_chain(it_kw, 1.25, 1200.0, pdu_count=184, pdu_kw=500.0),
        cooling=CoolingPlant(
            architecture="d2c_drycooler",
            plant_unit_kw=2000.0,
            plant_units=size_units(it_kw, 2000.0, "N+1"),
            plant_redundancy="N+1",
            supply_air_c=25.0,
            parameters={"facility_water_supply_c": 32.0, "delta_t_air_k": 15.0, "supply_approach_k": 1.0},
        ),
        climate=ClimateRef(source="builtin", builtin_id="guiyang"),
        it_load=ItLoad(utilisation=0.7, profile="flat", idle_fraction=0.2),
        phases=[
            Phase(
                id="P1",
                name="一期 8,000 P: building 1",
                start="2026-03",
                build_months=18,
                capex_cny=round(CAPEX_CNY_PER_KW * phase_kw["P1"]),
            ),
            Phase(
                id="P2",
                name="二期 8,000 P: building 2",
                start="2027-03",
                build_months=18,
                capex_cny=round(CAPEX_CNY_PER_KW * phase_kw["P2"]),
            ),
        ],
        scenarios=[
            Scenario(
                id="h20-alternative",
                name="HGX H20 servers instead of domestic NPUs",
                description="Same cabinets with 4 HGX H20 8-GPU servers each: FP16 peak falls to about 7.9 EF.",
                overrides={"halls.*.rows.*.cabinets.*.servers[model_id=npu-910b-8way].model_id": "hgx-h20-8gpu"},
            ),
            Scenario(
                id="tariff-0.50",
                name="Tariff 0.50 CNY/kWh",
                description="Electricity at the non-discounted provincial price.",
                overrides={"economics.electricity_tariff_cny_per_kwh": 0.5},
            ),
        ],
        compliance=guizhou_compliance(),
        assumptions=[
            *COMPLIANCE_ASSUMPTIONS,
            Assumption(subject="compute", value="16,000 P of AI compute", kind="fact", source="SEED"),
            Assumption(
                subject="compute (precision)",
                value="FP16 dense PFLOPS, the usual unit of Chinese 智算 capacity",
                source="hardware_sites §4 [S34, S36]",
            ),
            Assumption(
                subject="servers",
                value="6,667 domestic 8-NPU servers (Ascend 910B class, 300 TF FP16 dense "
                "per NPU), 5.6 kW, 4 per cabinet",
                source="hardware_sites §4, §7c",
            ),
            Assumption(
                subject="cabinets",
                value="1,668 compute cabinets at 22.4 kW + 166 network/storage at 8 kW = "
                "1,834 in 92 rows of 20, 8 halls in 2 buildings",
                source="hardware_sites §7c",
            ),
            Assumption(
                subject="cooling",
                value="direct-to-chip warm-water cold plates (75 % of heat) with dry coolers; air residual",
                source="hardware_sites §7c; PUE spec §6.5F",
            ),
            Assumption(
                subject="cooling.parameters",
                value="W32 facility water (32 °C supply); air residual 15 K rise, 1 K approach; the liquid share "
                "comes from the cold-plate cabinet type (0.75)",
                source="ASHRAE liquid class W32; PUE spec §6.5F",
            ),
            Assumption(
                subject="phases",
                value="P1 building 1 in service 2026-03, P2 building 2 in 2027-03",
                source="hardware_sites §7c; timeline [S52]",
            ),
            Assumption(
                subject="phases.capex_cny",
                value=f"{CAPEX_CNY_PER_KW:,.0f} CNY per kW, as Anshun phase 1",
                kind="derived",
                source="Anshun 750 M CNY / 20.3 MW",
            ),
            *COMMON_ASSUMPTIONS,
        ],
    )


def main() -> None:
    OUT.mkdir(exist_ok=True)
    sites = (
        ("anshun", anshun, anshun_buildout),
        ("guian_supercomputing", guian, guian_buildout),
        ("turing_town", turing_town, turing_buildout),
    )
    for name, build, buildout in sites:
        site = build()
        buildout(site)  # demand, candidates, finance and build-out scenarios (sample_buildouts.py)
        path = save_project(site, OUT / f"{name}.dcp.json")
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
