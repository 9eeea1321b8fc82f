"""The command line: validate, solve --json, --set overrides, errors on stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dcplanner.cli import main
from tests.conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed launcher exactly as a user would (``dcplanner ...``)."""
    exe = Path(sys.executable).parent / "dcplanner"
    cmd = [str(exe)] if exe.exists() else [sys.executable, str(ROOT / "main.py")]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_validate_every_sample(sample_paths):
    res = run("validate", *map(str, sample_paths.values()))
    assert res.returncode == 0, res.stderr
    assert res.stdout.count("OK ") == len(sample_paths)


def test_solve_json_contract(sample_paths):
    res = run("solve", str(sample_paths["anshun"]), "--json")
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["site"]["id"] == "anshun-nanzhi"
    cap = out["capacity"]
    assert cap["cabinets"] == 1015
    for key in ("servers", "accelerators", "design_it_kw", "binding_limit"):
        assert key in cap
    assert set(out["compute"]["peak_flops"]) >= {"fp64", "fp32", "tf32", "fp16", "bf16", "fp8", "int8"}


def test_solve_json_guian_and_turing(sample_paths):
    guian = json.loads(run("solve", str(sample_paths["guian_supercomputing"]), "--json").stdout)
    assert guian["capacity"]["servers"] == 715
    assert guian["capacity"]["accelerators"] == 1200
    assert guian["compute"]["peak_flops"]["fp32"] >= 30e15
    turing = json.loads(run("solve", str(sample_paths["turing_town"]), "--json").stdout)
    assert turing["compute"]["peak_flops"]["fp16"] >= 16_000e15


def test_set_override_goes_through_validation(sample_paths, capsys):
    path = str(sample_paths["guian_supercomputing"])
    assert main(["solve", path, "--json", "--set", "halls[G1].rows.*.cabinets.*.design_kw=10"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["capacity"]["design_it_kw"] == pytest.approx(121 * 10)
    assert main(["solve", path, "--json", "--set", "halls.0.rows.0.cabinets.0.design_kw=-3"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""  # nothing written on failure
    assert "halls[0].rows[0].cabinets[0].design_kw: -3 is out of range; allowed from 0 to 500 kW" in captured.err


def test_bad_file_errors_on_stderr(tmp_path):
    bad = tmp_path / "bad.dcp.json"
    doc = json.loads((ROOT / "sample_sites" / "guian_supercomputing.dcp.json").read_text(encoding="utf-8"))
    doc["site"]["halls"][0]["rows"][3]["cabinets"][0]["design_kw"] = -20
    text = json.dumps(doc, ensure_ascii=False)
    bad.write_text(text, encoding="utf-8")
    res = run("validate", str(bad))
    assert res.returncode == 1 and res.stdout == ""
    assert "halls[0].rows[3].cabinets[0].design_kw" in res.stderr
    res = run("solve", str(bad), "--json")
    assert res.returncode == 1 and res.stdout == ""
    assert bad.read_text(encoding="utf-8") == text  # the file is untouched


def test_scenario_solve(sample_paths, capsys):
    assert main(["solve", str(sample_paths["turing_town"]), "--json", "--scenario", "h20-alternative"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["compute"]["peak_flops"]["fp16"] == pytest.approx(6667 * 8 * 148e12)
    assert main(["solve", str(sample_paths["turing_town"]), "--scenario", "nope"]) == 1
    assert "no scenario 'nope'" in capsys.readouterr().err


def test_cli_path_does_not_import_qt(sample_paths):
    code = (
        "import sys, io; sys.path.insert(0, {!r}); import main; "
        "sys.stdout = io.StringIO(); rc = main.main(['solve', {!r}, '--json']); sys.stdout = sys.__stdout__; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph', 'ui')]; "
        "print(rc, bad)"
    ).format(str(ROOT), str(sample_paths["anshun"]))
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert res.stdout.strip() == "0 []", res.stderr
