"""Shared test set-up: headless Qt and paths to the sample sites and shared climate files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before pytest-qt creates the QApplication

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "sample_sites").glob("*.dcp.json"))


@pytest.fixture(scope="session")
def sample_paths() -> dict[str, Path]:
    return {p.name.removesuffix(".dcp.json"): p for p in SAMPLES}
