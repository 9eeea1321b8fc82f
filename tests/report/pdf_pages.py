"""Reading a written PDF back with poppler (pdfinfo, pdftotext, pdftoppm, pdffonts)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import numpy as np


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def page_count(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(pdf)), re.M).group(1))


def page_sizes_pt(pdf: Path) -> list[tuple[float, float]]:
    text = _run("pdfinfo", "-f", "1", "-l", str(page_count(pdf)), str(pdf))
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", text)]


def page_texts(pdf: Path) -> list[str]:
    """The text of every page (pdftotext separates pages with form feeds)."""
    return _run("pdftotext", "-layout", str(pdf), "-").split("\f")[: page_count(pdf)]


def fonts(pdf: Path) -> str:
    return _run("pdffonts", str(pdf))


def page_pixels(pdf: Path, page: int, dpi: int = 40) -> np.ndarray:
    """Page ``page`` (from 1) rendered in grey as a (rows, cols) array of 0..255."""
    data = subprocess.run(
        ["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), "-gray", str(pdf)],
        check=True,
        capture_output=True,
    ).stdout
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
    assert m, "pdftoppm did not write a greyscale PGM"
    cols, rows = int(m.group(1)), int(m.group(2))
    return np.frombuffer(data[m.end() :], dtype=np.uint8, count=rows * cols).reshape(rows, cols)
