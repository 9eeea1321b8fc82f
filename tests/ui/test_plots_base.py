"""Plot base: crosshair readout in units, PNG and SVG export."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from ui.plots import svg_patch
from ui.plots.base import ReadoutPlot


def test_readout_reports_nearest_point_with_units(qtbot):
    plot = ReadoutPlot("PUE", "hour", "h", "PUE", "")
    qtbot.addWidget(plot)
    plot.add_series("PUE", [0, 1, 2, 3], [1.10, 1.20, 1.30, 1.25])
    plot.add_series("IT", [0, 1, 2, 3], [5, 6, 7, 8])
    text = plot.readout_at(1.6, 1.0)
    assert "PUE: 1.3" in text and "IT: 7" in text and text.startswith("1.6 h")


def test_readout_at_series_edges(qtbot):
    plot = ReadoutPlot("Power", "hour", "h", "power", "kW")
    qtbot.addWidget(plot)
    plot.add_series("total", [10, 20], [100, 200])
    assert "total: 100 kW" in plot.readout_at(-50, 0)
    assert "total: 200 kW" in plot.readout_at(1e6, 0)


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_export(qtbot, tmp_path, suffix):
    plot = ReadoutPlot("Power", "hour", "h", "power", "kW")
    qtbot.addWidget(plot)
    plot.resize(900, 500)
    plot.add_series("total", list(range(100)), [i * 2 for i in range(100)])
    out = plot.export(tmp_path / f"p{suffix}")
    data = out.read_bytes()
    if suffix == ".png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
    else:
        root = ElementTree.fromstring(data)
        assert root.tag.endswith("svg")
        paths = [e.get("d", "") for e in root.iter() if e.tag.endswith("path")]
        vertices = {p for e in root.iter() if e.tag.endswith("polyline") for p in e.get("points", "").split()}
        assert len(vertices) >= 100  # every point of the curve is in the drawing
        assert any(d.rstrip().endswith("Z") for d in paths)  # closed rectangles keep their Z


def test_close_tokens_round_trip():
    d = "M0,0 L1,0 L1,1 Z M2,2 L3,3 Z"
    stripped, closes = svg_patch._split_close_tokens(d)
    assert stripped == "M0,0 L1,0 L1,1 M2,2 L3,3" and closes == [3, 6]
    assert svg_patch._restore_close_tokens(stripped, closes) == d


def test_export_rejects_other_suffix(qtbot, tmp_path):
    plot = ReadoutPlot("x", "x", "", "y", "")
    qtbot.addWidget(plot)
    with pytest.raises(ValueError, match=r"\.png or \.svg"):
        plot.export(tmp_path / "p.pdf")
