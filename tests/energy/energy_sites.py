"""Small sites and weather years for energy-engine tests."""

from __future__ import annotations

import numpy as np

from dcplanner.climate.weather import Weather, make_weather
from dcplanner.model.site import (
    Cabinet,
    CoolingPlant,
    GeneratorBlock,
    Hall,
    ItLoad,
    Location,
    LossModel,
    PduBlock,
    PowerChain,
    Row,
    Site,
    TransformerBlock,
    UpsSystem,
    UtilityFeed,
)


def constant_weather(t_c: float = 20.0, rh: float = 0.4, p_pa: float = 101325.0, hours: int = 8760) -> Weather:
    """A year in which every hour has the same outdoor air."""
    return make_weather(
        name="constant",
        source="test",
        kind="synthesised",
        latitude_deg=0.0,
        longitude_deg=0.0,
        elevation_m=0.0,
        time_zone_h=0.0,
        first_weekday=0,
        dry_bulb_c=np.full(hours, t_c),
        rel_humidity=np.full(hours, rh),
        pressure_pa=np.full(hours, p_pa),
    )


def one_kw_site(
    architecture: str,
    parameters: dict[str, float],
    *,
    supply_air_c: float,
    ups: LossModel | None = None,
    pdu: LossModel | None = None,
    it_kw: float = 1.0,
    elevation_m: float = 0.0,
) -> Site:
    """One cabinet drawing ``it_kw`` at all times (no servers, idle fraction 1), with given losses."""
    row = Row(id="R1", x_m=1.0, y_m=1.0, positions=1)
    row.cabinets = [Cabinet(id="C1", position=0, design_kw=it_kw)]
    hall = Hall(id="H1", width_m=5, depth_m=5, design_it_kw=max(it_kw, 1.0), rows=[row])
    power = PowerChain(
        utility=UtilityFeed(capacity_kw=10 * it_kw),
        transformers=TransformerBlock(count=1, rating_kva=10 * it_kw, redundancy="N"),
        ups=UpsSystem(module_kw=2 * it_kw, modules=1, redundancy="N", losses=ups or LossModel()),
        pdus=PduBlock(count=1, rating_kw=2 * it_kw, redundancy="N", losses=pdu or LossModel()),
        generators=GeneratorBlock(count=0, rating_kw=0),
    )
    return Site(
        id="lm",
        name="one kW",
        location=Location(latitude_deg=0, longitude_deg=0, elevation_m=elevation_m),
        power=power,
        halls=[hall],
        cooling=CoolingPlant(architecture=architecture, supply_air_c=supply_air_c, parameters=dict(parameters)),
        it_load=ItLoad(utilisation=1.0, idle_fraction=1.0),
    )
