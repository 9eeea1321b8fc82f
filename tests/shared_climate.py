"""Paths to the real CSWD weather files shared outside the repository, and a skip marker."""

from __future__ import annotations

from pathlib import Path

import pytest

CLIMATE_DIR = Path("/work/shared/climate")
GUIYANG_EPW = CLIMATE_DIR / "CHN_Guizhou.Guiyang.578160_CSWD.epw"
GUANGZHOU_EPW = CLIMATE_DIR / "CHN_Guangdong.Guangzhou.592870_CSWD.epw"
XINGYI_EPW = CLIMATE_DIR / "CHN_Guizhou.Xingyi.579020_CSWD.epw"

needs_shared_climate = pytest.mark.skipif(
    not (GUIYANG_EPW.exists() and GUANGZHOU_EPW.exists()),
    reason=f"the shared CSWD weather files are not present in {CLIMATE_DIR}",
)
