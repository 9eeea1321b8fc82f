"""Paths to the real CSWD weather files shared outside the repository, and a skip marker."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_DIR = (Path(__file__).resolve().parents[2] / "shared").resolve()  # named as it resolves, if linked
"""The shared reference folder that stands beside the repository (CI lays it there too)."""
CLIMATE_DIR = SHARED_DIR / "climate"
GUIYANG_EPW = CLIMATE_DIR / "CHN_Guizhou.Guiyang.578160_CSWD.epw"
GUANGZHOU_EPW = CLIMATE_DIR / "CHN_Guangdong.Guangzhou.592870_CSWD.epw"
XINGYI_EPW = CLIMATE_DIR / "CHN_Guizhou.Xingyi.579020_CSWD.epw"

needs_shared_climate = pytest.mark.skipif(
    not (GUIYANG_EPW.exists() and GUANGZHOU_EPW.exists()) and not os.environ.get("CI"),  # CI must run them
    reason=f"the shared CSWD weather files are not present in {CLIMATE_DIR}",
)
