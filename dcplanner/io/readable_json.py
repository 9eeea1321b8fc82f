"""JSON text for people and diffs: short objects on one line, long ones expanded (engine)."""

from __future__ import annotations

import json
from typing import Any

LINE_WIDTH = 110


def dumps_readable(obj: Any, width: int = LINE_WIDTH) -> str:
    """Serialise ``obj`` so each cabinet, server load or small record stays on one line."""
    return _dump(obj, 0, width) + "\n"


def _dump(obj: Any, indent: int, width: int) -> str:
    flat = json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))
    if not isinstance(obj, (dict, list)) or len(flat) + indent <= width or not obj:
        return flat
    pad = " " * (indent + 2)
    if isinstance(obj, dict):
        parts = [
            f"{pad}{json.dumps(k, ensure_ascii=False)}: {_dump(v, indent + 2, width).lstrip()}" for k, v in obj.items()
        ]
        return "{\n" + ",\n".join(parts) + "\n" + " " * indent + "}"
    parts = [pad + _dump(v, indent + 2, width) for v in obj]
    return "[\n" + ",\n".join(parts) + "\n" + " " * indent + "]"
