"""Energy view: plots hold the engine's hourly and monthly arrays; the table its yearly figures."""

from __future__ import annotations

import numpy as np
import pytest

from dcplanner.io.project_file import load_project
from dcplanner.snapshot_solve import Snapshot, analyse
from ui.plots.energy_view import EnergyView


@pytest.fixture(scope="module")
def energy(sample_paths):
    path = sample_paths["turing_town"]
    return analyse(Snapshot.of(load_project(path).site, path.parent)).results.energy


def test_plots_hold_result_arrays(qtbot, energy):
    view = EnergyView()
    qtbot.addWidget(view)
    view.set_result(energy)
    x, pue = view.pue_plot.series_data("PUE")
    assert len(x) == 8760 and np.allclose(pue, energy.total_kw / energy.it_kw)
    assert np.allclose(view.monthly_values(), energy.monthly_pue)
    # the top of the stack is the facility total, day by day (energy balance as drawn)
    top_name = view.layers[-1][0]
    days, top = view.stack_plot.series_data(top_name)
    assert len(days) == 365 and np.allclose(top, energy.total_kw.reshape(365, 24).mean(axis=1))
    _, it = view.stack_plot.series_data("IT")
    assert np.allclose(it, energy.it_kw.reshape(365, 24).mean(axis=1))
    view.set_result(energy)  # a second result reuses the layers
    assert np.allclose(view.stack_plot.series_data(top_name)[1], top)


def test_table_shows_yearly_figures(qtbot, energy):
    view = EnergyView()
    qtbot.addWidget(view)
    view.set_result(energy)
    cells = {view.table.item(i, 0).text(): view.table.item(i, 1).text() for i in range(view.table.rowCount())}
    assert cells["Annual PUE (facility / IT energy)"] == f"{energy.facility_energy_kwh / energy.it_energy_kwh:.3f}"
    assert cells["WUE"] == f"{energy.wue_l_per_kwh:.3f}"
    assert cells["Inlet hours outside the ASHRAE recommended envelope"] == f"{energy.hours_outside_recommended:,}"
