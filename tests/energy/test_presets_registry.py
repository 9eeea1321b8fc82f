"""Cooling presets as one object each: the registry, the site model's choices, the engine, the
workbook titles and the GUI's choices all derive from it; a new preset is its module plus one
registry line."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import typing
from pathlib import Path

import pytest

from dcplanner.io.excel.labels import COOLING_ARCHITECTURES
from dcplanner.io.project_file import ProjectFileError, load_project
from dcplanner.model.cooling_presets import COOLING_PRESET_IDS
from dcplanner.model.site import CoolingArchitecture
from dcplanner.solvers.energy import PRESETS, preset, preset_choices, preset_title
from dcplanner.solvers.energy.presets import PresetRegistryError, load_presets

REPO = Path(__file__).resolve().parents[2]
PRESETS_DIR = REPO / "dcplanner" / "solvers" / "energy" / "presets"
INFRASTRUCTURE = {"__init__", "base", "params", "registry"}  # the package's modules that are not presets


def test_the_registry_lists_every_preset_module_once_in_order():
    modules = {p.stem for p in PRESETS_DIR.glob("*.py")} - INFRASTRUCTURE
    assert sorted(COOLING_PRESET_IDS) == sorted(modules)  # no orphan module, no listed id without one
    assert len(set(COOLING_PRESET_IDS)) == len(COOLING_PRESET_IDS)
    assert list(PRESETS) == list(COOLING_PRESET_IDS)
    assert all(PRESETS[i].id == i for i in PRESETS)


def test_site_model_choices_are_the_registry_ids(tmp_path, sample_paths):
    assert typing.get_args(CoolingArchitecture) == COOLING_PRESET_IDS
    doc = json.loads(sample_paths["anshun"].read_text(encoding="utf-8"))
    doc["site"]["cooling"]["architecture"] = "evaporative_magic"
    path = tmp_path / "unknown_arch.dcp.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ProjectFileError) as err:
        load_project(path)
    text = str(err.value)
    assert "cooling.architecture" in text and "'evaporative_magic'" in text
    assert all(repr(i) in text for i in COOLING_PRESET_IDS)


def test_titles_for_the_workbook_and_the_gui_come_from_the_presets():
    choices = preset_choices()
    assert [i for i, _ in choices] == list(COOLING_PRESET_IDS)
    assert all(title == PRESETS[i].title and title.strip() for i, title in choices)
    assert len({t for _, t in choices}) == len(choices)  # a list shows them apart
    assert dict(choices) == COOLING_ARCHITECTURES
    assert preset_title("immersion") == "Single-phase immersion with dry coolers"
    assert preset_title("retired_preset") == "retired_preset"  # an old result still shows something
    with pytest.raises(KeyError, match="presets: dx_crac, dx_pumped_refrigerant"):
        preset("retired_preset")


def test_flags_follow_the_equipment_the_parameters_describe():
    """A plant stages chillers exactly when its preset has chiller parameters (water-cooled or
    air-cooled); the liquid share is the preset's own loop exactly when it has liquid_fraction."""
    for p in PRESETS.values():
        names = {q.name for q in p.params}
        assert p.stages_chillers == bool(names & {"chiller_model", "air_chiller_cop_rated"}), p.id
        assert (p.liquid_heat == "liquid_loop") == ("liquid_fraction" in names), p.id
        if p.liquid_heat == "water_loop":  # CDUs into the facility water need its pump parameters
            assert {"cdu_pump_pa", "delta_t_liquid_k"} <= names, p.id
        lo, hi = p.expected_pue_band
        assert lo > 1.0 and lo < hi < 2.5, p.id  # a PUE band


def _write_package(root: Path, name: str, modules: dict[str, str]) -> None:
    pkg = root / name
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    for mod, text in modules.items():
        (pkg / f"{mod}.py").write_text(textwrap.dedent(text), encoding="utf-8")


def test_load_presets_takes_a_preset_from_a_temporary_module_and_refuses_bad_ones(tmp_path, monkeypatch):
    _write_package(
        tmp_path,
        "extra_presets_pkg",
        {
            "dx_copy": """
                from dataclasses import replace
                from dcplanner.solvers.energy.presets.dx_crac import PRESET as DX
                PRESET = replace(DX, id="dx_copy", title="DX copy")
            """,
            "misnamed": """
                from dataclasses import replace
                from dcplanner.solvers.energy.presets.dx_crac import PRESET as DX
                PRESET = replace(DX, id="something_else")
            """,
            "empty": "VALUE = 1\n",
        },
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    got = load_presets(["dx_copy"], "extra_presets_pkg")
    assert list(got) == ["dx_copy"] and got["dx_copy"].model is PRESETS["dx_crac"].model
    with pytest.raises(
        PresetRegistryError, match=re.escape("PRESET.id is 'something_else', the registry lists 'misnamed'")
    ):
        load_presets(["misnamed"], "extra_presets_pkg")
    with pytest.raises(PresetRegistryError, match=re.escape("extra_presets_pkg.empty defines no PRESET")):
        load_presets(["empty"], "extra_presets_pkg")
    with pytest.raises(
        PresetRegistryError, match=re.escape("'absent' is listed but extra_presets_pkg.absent does not exist")
    ):
        load_presets(["absent"], "extra_presets_pkg")
    with pytest.raises(PresetRegistryError, match="listed twice"):
        load_presets(["dx_copy", "dx_copy"], "extra_presets_pkg")


NEW_PRESET = '''
"""DX room units whose compressors draw half the dx_crac power (a preset added as an exercise)."""

from __future__ import annotations

from dataclasses import replace

from dcplanner.solvers.energy.presets.base import CoolingPreset
from dcplanner.solvers.energy.presets.dx_crac import PRESET as DX_CRAC


def half_compressor_dx(air_kw, liquid_kw, out, p, plant):
    result = DX_CRAC.model(air_kw, liquid_kw, out, p, plant)
    result.power_kw["compressors"] = 0.5 * result.power_kw["compressors"]
    return result


PRESET = CoolingPreset(
    id="half_dx",
    title="DX at half the compressor power",
    description="Test preset.",
    model=half_compressor_dx,
    params=DX_CRAC.params,
    expected_pue_band=(1.3, 1.6),
    liquid_heat="room_air",
    stages_chillers=True,
)
'''

CHECK = """
import json, sys
from dataclasses import replace
from pathlib import Path
import numpy as np
import dcplanner
from dcplanner.climate import builtin_weather
from dcplanner.io.project_file import load_project
from dcplanner.io.excel.labels import COOLING_ARCHITECTURES
from dcplanner.solvers.energy import preset_choices, solve_energy
site = load_project(Path(sys.argv[1])).site
w = builtin_weather("guiyang")
new = solve_energy(site, w)
old = solve_energy(replace(site, cooling=replace(site.cooling, architecture="dx_crac")), w)
print(json.dumps({
    "package": dcplanner.__file__,
    "architecture": new.architecture,
    "compressors": [float(new.cooling_kw["compressors"].sum()), float(old.cooling_kw["compressors"].sum())],
    "fans_equal": bool(np.array_equal(new.cooling_kw["air_fans"], old.cooling_kw["air_fans"])),
    "notes": list(new.notes),
    "choices": preset_choices()[-1],
    "workbook": COOLING_ARCHITECTURES.get("half_dx"),
}))
"""


def test_a_new_preset_is_its_module_and_one_registry_line(tmp_path, sample_paths):
    """Copy the engine, add one preset module and one registry line, and solve a project naming it."""
    copy = tmp_path / "src"
    shutil.copytree(REPO / "dcplanner", copy / "dcplanner", ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "dcplanner/solvers/energy/presets/half_dx.py").write_text(NEW_PRESET, encoding="utf-8")
    registry = copy / "dcplanner/model/cooling_presets.py"
    text = registry.read_text(encoding="utf-8")
    assert text.count('    "immersion",\n') == 1
    registry.write_text(text.replace('    "immersion",\n', '    "immersion",\n    "half_dx",\n'), encoding="utf-8")

    doc = json.loads(sample_paths["guian_supercomputing"].read_text(encoding="utf-8"))
    doc["site"]["cooling"]["architecture"] = "half_dx"
    doc["site"]["cooling"]["plant_unit_kw"] = 0.0
    doc["site"]["cooling"]["parameters"] = {}
    project = tmp_path / "half_dx.dcp.json"
    project.write_text(json.dumps(doc), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(copy), str(REPO)])}
    run = subprocess.run(
        [sys.executable, "-c", CHECK, str(project)], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300
    )
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert Path(out["package"]).is_relative_to(copy)  # the copy with the new preset ran, not the repo
    assert out["architecture"] == "half_dx"
    new_kwh, dx_kwh = out["compressors"]
    assert new_kwh == pytest.approx(0.5 * dx_kwh, rel=1e-12)  # its own model ran, on dx_crac's air loop
    assert out["fans_equal"]
    assert any("chillers staged as 4 units" in n for n in out["notes"])  # its stages_chillers flag was read
    assert out["choices"] == ["half_dx", "DX at half the compressor power"]
    assert out["workbook"] == "DX at half the compressor power"
