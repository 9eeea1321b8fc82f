"""User preferences in QSettings through typed options, with upgrade hooks (ui layer).

Only preferences live here (window layout, recent files, view and tool choices); project data
never does, and the engine never reads it. Values are stored as text in an INI file so they
read back with the same type on every platform; lists are JSON.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")

SETTINGS_VERSION = 1
MAX_RECENT_FILES = 10

_UPGRADES: dict[int, Callable[[QSettings], None]] = {}


def upgrade(to_version: int) -> Callable[[Callable[[QSettings], None]], Callable[[QSettings], None]]:
    """Register a step that moves stored settings from ``to_version - 1`` to ``to_version``."""

    def register(step: Callable[[QSettings], None]) -> Callable[[QSettings], None]:
        _UPGRADES[to_version] = step
        return step

    return register


class Option(Generic[T]):
    """A typed setting: ``settings.show_grid`` reads and writes key ``view/show_grid``."""

    def __init__(self, key: str, default: T):
        self.key = key
        self.default = default

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Settings | None, owner: type) -> Any:
        if obj is None:
            return self
        raw = obj.qsettings.value(self.key)
        if raw is None:
            return self.default
        try:
            return self.decode(raw)
        except (TypeError, ValueError):
            return self.default

    def __set__(self, obj: Settings, value: T) -> None:
        obj.qsettings.setValue(self.key, self.encode(value))

    def decode(self, raw: Any) -> T:
        return raw

    def encode(self, value: T) -> Any:
        return value


class StrOption(Option[str]):
    def decode(self, raw: Any) -> str:
        return str(raw)


class BoolOption(Option[bool]):
    def decode(self, raw: Any) -> bool:
        if isinstance(raw, bool):
            return raw
        return str(raw).lower() in ("true", "1", "yes")

    def encode(self, value: bool) -> str:
        return "true" if value else "false"


class FloatOption(Option[float]):
    def decode(self, raw: Any) -> float:
        return float(raw)

    def encode(self, value: float) -> str:
        return repr(float(value))


class ListOption(Option[list[str]]):
    def decode(self, raw: Any) -> list[str]:
        value = json.loads(str(raw))
        if not isinstance(value, list):
            raise ValueError("not a list")
        return [str(v) for v in value]

    def encode(self, value: list[str]) -> str:
        return json.dumps(list(value), ensure_ascii=False)


class BytesOption(Option[QByteArray]):
    def decode(self, raw: Any) -> QByteArray:
        return raw if isinstance(raw, QByteArray) else QByteArray(bytes(str(raw), "latin-1"))


class Settings:
    """dcplanner's preferences; pass a QSettings to use another store (tests)."""

    settings_version = StrOption("meta/settings_version", "")
    recent_files = ListOption("files/recent", [])
    last_directory = StrOption("files/last_directory", "")
    window_geometry = BytesOption("window/geometry", QByteArray())
    window_state = BytesOption("window/state", QByteArray())
    colour_mode = StrOption("view/colour_mode", "design_kw")
    compute_precision = StrOption("view/compute_precision", "fp16")
    show_grid = BoolOption("view/show_grid", True)
    draw_cabinet_type = StrOption("tools/cabinet_type", "std-600x1200-47u")
    draw_design_kw = FloatOption("tools/design_kw", 10.0)

    def __init__(self, qsettings: QSettings | None = None):
        self.qsettings = qsettings or QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, "dcplanner", "dcplanner"
        )
        self._upgrade()

    def _upgrade(self) -> None:
        stored = int(self.settings_version or SETTINGS_VERSION)
        for version in range(stored + 1, SETTINGS_VERSION + 1):
            if version in _UPGRADES:
                _UPGRADES[version](self.qsettings)
        self.settings_version = str(SETTINGS_VERSION)

    def add_recent_file(self, path: Path) -> list[str]:
        """Put ``path`` first in the recent files (no duplicates, at most ten)."""
        text = str(Path(path).resolve())
        files = [text] + [f for f in self.recent_files if f != text]
        self.recent_files = files[:MAX_RECENT_FILES]
        return self.recent_files

    def sync(self) -> None:
        self.qsettings.sync()
