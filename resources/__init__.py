"""Data that ships with dcplanner: hardware catalog, climate statistics, icons."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    """Absolute path of a file under ``resources/``."""
    return ROOT.joinpath(*parts)
