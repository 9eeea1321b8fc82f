"""Let pyqtgraph 0.14's SVG exporter handle closed paths (ui layer).

Qt 6.11 closes rectangles in generated SVG with a separate ``Z`` token (``M0,0 L9,0 ... Z``);
pyqtgraph 0.14.0's ``correctCoordinates`` expects every token to be ``x,y`` and raises
(pyqtgraph issue #3495, fixed upstream after 0.14.0). This wrapper takes the ``Z`` tokens out
before pyqtgraph rewrites the coordinates and puts them back at the same places afterwards.
Remove it once a pyqtgraph release with the fix is pinned.
"""

from __future__ import annotations

import importlib
from typing import Any

_CLOSE = {"Z", "z"}
_svg = importlib.import_module("pyqtgraph.exporters.SVGExporter")


def _split_close_tokens(d: str) -> tuple[str, list[int]]:
    tokens = d.split()
    closes = [i for i, t in enumerate(tokens) if t in _CLOSE]
    return " ".join(t for t in tokens if t not in _CLOSE), closes


def _restore_close_tokens(d: str, closes: list[int]) -> str:
    tokens = d.split()
    for i in closes:
        tokens.insert(i, "Z")
    return " ".join(tokens)


def _patched(original: Any) -> Any:
    def correct_coordinates(node: Any, defs: Any, item: Any, options: Any) -> Any:
        closed: list[tuple[Any, list[int]]] = []
        for path in node.getElementsByTagName("path"):
            d, closes = _split_close_tokens(path.getAttribute("d"))
            if closes:
                path.setAttribute("d", d)
                closed.append((path, closes))
        result = original(node, defs, item, options)
        for path, closes in closed:
            path.setAttribute("d", _restore_close_tokens(path.getAttribute("d"), closes))
        return result

    correct_coordinates.__wrapped__ = original  # type: ignore[attr-defined]
    return correct_coordinates


if not hasattr(_svg.correctCoordinates, "__wrapped__"):
    _svg.correctCoordinates = _patched(_svg.correctCoordinates)
