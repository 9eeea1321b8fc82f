"""Hourly energy sheet: the simulated year, one line per hour (engine layer; written on request).

8,760 lines (8,784 in a leap year) of the energy engine's hourly arrays: weather, IT power,
each cooling component, electrical losses, lighting, misc, total facility power, PUE and the
cooling mode. Values, not formulas, so the sheet filters, sorts and pivots quickly; the
Energy sheet's monthly figures are these hours summed by month.
"""

from __future__ import annotations

from collections.abc import Sequence

from dcplanner.climate.weather import HOURS_PER_LEAP_YEAR, calendar
from dcplanner.io.excel.book import Book, Column
from dcplanner.io.excel.data import ExportData
from dcplanner.io.excel.labels import COOLING_COMPONENTS, ECONOMIZER_MODES
from dcplanner.io.excel.sheets.energy import shown_components
from dcplanner.io.excel.styles import Fmt
from dcplanner.key_figure import KeyFigure
from dcplanner.solvers.energy.results import MODES

TITLE = "Hourly energy"
MODE_TEXT = tuple(ECONOMIZER_MODES[m].lower() for m in MODES)  # by mode code: 0 mechanical, 1 partial, 2 full


def columns(cooling_keys: Sequence[str]) -> list[Column]:
    """The sheet's columns for the cooling components the architecture has."""
    return [
        Column("time", "Time (MM-DD hh:mm)", note="Start of the hour, local standard time, in a typical year."),
        Column("month", "Month", Fmt.COUNT),
        Column("day", "Day", Fmt.COUNT),
        Column("hour", "Hour", Fmt.COUNT, note="Hour of day at the start of the interval (0–23)."),
        Column("dry_bulb", "Dry bulb (°C)", Fmt.CELSIUS),
        Column("wet_bulb", "Wet bulb (°C)", Fmt.CELSIUS),
        Column("it", "IT (kW)", Fmt.KW),
        *(Column(k, f"{COOLING_COMPONENTS[k]} (kW)", Fmt.KW) for k in cooling_keys),
        Column("losses", "Electrical losses (kW)", Fmt.KW, note="PDUs, cabling, UPS and transformers."),
        Column("lighting", "Lighting (kW)", Fmt.KW),
        Column("misc", "Misc (kW)", Fmt.KW),
        Column("total", "Facility total (kW)", Fmt.KW),
        Column("pue", "PUE", Fmt.RATE, note="Facility total / IT of the hour (blank without IT load)."),
        Column("free_share", "Free-cooling share (%)", Fmt.PCT, note="Share of the cooling load met by free cooling."),
        Column("mode", "Cooling mode"),
    ]


def build(book: Book, data: ExportData) -> Sequence[KeyFigure]:
    e = data.energy
    assert e is not None
    ws = book.sheet(TITLE)
    cooling_keys, _ = shown_components(e)
    cols = columns(cooling_keys)
    book.header(ws, 1, cols)
    month, day, hour = calendar(e.hours == HOURS_PER_LEAP_YEAR)
    stamps = zip(month.tolist(), day.tolist(), hour.tolist(), strict=True)
    values = {
        "time": [f"{m:02d}-{d:02d} {h:02d}:00" for m, d, h in stamps],
        "month": e.month,
        "day": day,
        "hour": e.hour_of_day,
        "dry_bulb": e.dry_bulb_c,
        "wet_bulb": e.wet_bulb_c,
        "it": e.it_kw,
        **{k: e.cooling_kw[k] for k in cooling_keys},
        "losses": e.electrical_loss_total_kw,
        "lighting": e.lighting_kw,
        "misc": e.misc_kw,
        "total": e.total_kw,
        "pue": e.pue_hourly,
        "free_share": e.economizer_fraction,
        "mode": [MODE_TEXT[k] for k in e.mode.tolist()],
    }
    last = book.data_rows(ws, cols, values)
    book.table(ws, 1, last, len(cols), freeze_col=2)
    return ()
