"""LibreOffice Calc as an independent spreadsheet engine for the workbook tests.

``recalculate`` opens workbooks in headless Calc with a private profile set to recalculate
every formula on load, and saves them again as .xlsx, so each formula cell carries the value
Calc computed. ``compare`` checks those values against the engine's expected-value map.
"""

from __future__ import annotations

import math
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

import openpyxl

from dcplanner.io.excel.book import Expected

REL_TOL = 1e-9
# Calc > Formula > "Recalculation on file load": 0 = always (for OOXML and ODF files).
_PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def recalculate(workbooks: Sequence[Path], work: Path) -> dict[Path, Path]:
    """Recalculate and re-save ``workbooks`` in one Calc run; returns original -> recalculated."""
    exe = soffice()
    assert exe, "LibreOffice is not installed"
    profile = work / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE_SETTINGS, encoding="utf-8")
    out = work / "recalculated"
    out.mkdir(exist_ok=True)
    cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore"]
    cmd += ["--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), *map(str, workbooks)]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    results = {w: out / w.name for w in workbooks}
    missing = [str(p) for p in results.values() if not p.exists()]
    assert not missing, f"LibreOffice wrote no {missing}: {res.stdout}\n{res.stderr}"
    return results


def formula_cells(path: Path) -> set[tuple[str, str]]:
    """(sheet, cell) of every formula in a workbook."""
    wb = openpyxl.load_workbook(path)
    return {
        (ws.title, c.coordinate) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"
    }


def _same(got: object, want: Expected) -> bool:
    if want is None or want == "":
        return got is None or got == ""
    if isinstance(want, str):
        return got == want
    if isinstance(got, bool) or not isinstance(got, (int, float)):
        return False
    return math.isclose(got, want, rel_tol=REL_TOL, abs_tol=1e-12)


def compare(recalculated: Path, expected: Mapping[tuple[str, str], Expected]) -> list[str]:
    """Every cell whose recalculated value differs from the engine's, described."""
    wb = openpyxl.load_workbook(recalculated, data_only=True)
    out = []
    for (sheet, coord), want in expected.items():
        got = wb[sheet][coord].value
        if not _same(got, want):
            out.append(f"{sheet}!{coord}: Calc gives {got!r}, the engine {want!r}")
    return out
