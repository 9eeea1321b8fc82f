"""Small hand-made sites for tests, with numbers easy to check by hand."""

from __future__ import annotations

from dcplanner.model.site import (
    Cabinet,
    GeneratorBlock,
    Hall,
    Location,
    PduBlock,
    PowerChain,
    Row,
    ServerLoad,
    Site,
    TransformerBlock,
    UpsSystem,
    UtilityFeed,
)


def small_site(cabinets_per_row: int = 4, design_kw: float = 10.0) -> Site:
    """One 10 x 8 m hall with two facing rows of 5 positions (0.6 x 1.2 m cabinets).

    Rows at y = 1.2 and y = 3.6 m leave a 1.2 m cold aisle between them.
    """
    rows = []
    for n, y in enumerate((1.2, 3.6)):
        row = Row(id=f"R{n + 1}", x_m=2.0, y_m=y, positions=5, hot_aisle_side="north" if n == 0 else "south")
        row.cabinets = [
            Cabinet(
                id=f"R{n + 1}-{k}", position=k, design_kw=design_kw, servers=[ServerLoad(model_id="dgx-a100", count=1)]
            )
            for k in range(cabinets_per_row)
        ]
        rows.append(row)
    hall = Hall(
        id="H1",
        name="Hall 1",
        width_m=10,
        depth_m=8,
        design_it_kw=100,
        rows=rows,
        cooling_unit_kw=30,
        cooling_units=4,
        cooling_redundancy="N+1",
    )
    power = PowerChain(
        utility=UtilityFeed(capacity_kw=200, feeds=2, redundancy="2N"),
        transformers=TransformerBlock(count=2, rating_kva=200, power_factor=0.9, redundancy="2N"),
        ups=UpsSystem(module_kw=50, modules=4, redundancy="2N"),
        pdus=PduBlock(count=4, rating_kw=60, redundancy="2N"),
        generators=GeneratorBlock(count=3, rating_kw=100, redundancy="N+1"),
        design_facility_factor=1.5,
    )
    return Site(
        id="t",
        name="Test site",
        location=Location(latitude_deg=26.6, longitude_deg=106.7, elevation_m=1224),
        power=power,
        halls=[hall],
    )
