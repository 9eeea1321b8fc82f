"""Climate view: plots hold the weather and mode hours the engine produced."""

from __future__ import annotations

import numpy as np
import pytest

from dcplanner.io.project_file import load_project
from dcplanner.snapshot_solve import Snapshot, analyse
from ui.plots.calendar_axis import hour_label, month_starts
from ui.plots.climate_view import ClimateView


@pytest.fixture(scope="module")
def analysis(sample_paths):
    path = sample_paths["guian_supercomputing"]
    return analyse(Snapshot.of(load_project(path).site, path.parent))


def test_plots_hold_the_weather_and_modes(qtbot, analysis):
    view = ClimateView()
    qtbot.addWidget(view)
    view.set_data(analysis.weather, analysis.results.energy)
    x, y = view.temperature_plot.series_data("dry bulb")
    assert len(x) == 8760 and np.array_equal(y, analysis.weather.dry_bulb_c)
    _, wb = view.temperature_plot.series_data("wet bulb")
    assert np.array_equal(wb, analysis.weather.wet_bulb_c)
    image = view.heatmap.image
    assert image.shape == (24, 365)
    assert image[14, 200] == analysis.weather.dry_bulb_c[200 * 24 + 14]
    modes = view.mode_hours()
    table = analysis.results.energy.monthly_mode_hours
    assert np.array_equal(modes["full"], table[:, 2]) and np.array_equal(modes["mechanical"], table[:, 0])
    assert sum(m.sum() for m in modes.values()) == 8760
    assert "14:00" in view._heatmap_readout(200.5, 14.5)


def test_builtin_choice_emits_a_climate_reference(qtbot, analysis):
    view = ClimateView()
    qtbot.addWidget(view)
    index = view.builtin_box.findData("anshun")
    assert index >= 0
    with qtbot.waitSignal(view.climate_change_requested, timeout=1000) as blocker:
        view.builtin_box.activated.emit(index)
    ref = blocker.args[0]
    assert (ref.source, ref.builtin_id) == ("builtin", "anshun")


def test_calendar_labels():
    assert month_starts(8760)[2] == (31 + 28) * 24
    assert month_starts(8784)[2] == (31 + 29) * 24
    assert hour_label(0) == "1 Jan 00:00"
    assert hour_label((31 + 28 + 11) * 24 + 14) == "12 Mar 14:00"
    assert hour_label(8759) == "31 Dec 23:00"
