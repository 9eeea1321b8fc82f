"""Colour legend floating in the corner of the plan (ui layer)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ui.floorplan.scene import FloorPlanScene


class LegendOverlay(QLabel):
    """Title, one swatch per colour class and how many cabinets fall in it."""

    keeps_plan_clear = True  # Fit to Window keeps the halls out from under it (FloorPlanView.fit)

    def __init__(self, scene: FloorPlanScene, parent: QWidget):
        super().__init__(parent)
        self.scene = scene
        self.setObjectName("legend")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setStyleSheet(
            "QLabel#legend { background: rgba(255, 255, 255, 235); border: 1px solid #b0bec5;"
            " border-radius: 4px; padding: 4px 6px; }"
        )
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        scene.legend_changed.connect(self.refresh)
        # after the scene has mirrored an edit (it connected first): counts follow moves too
        scene.document.site_changed.connect(lambda _change: self.refresh())
        self.refresh()

    def entries(self) -> list[tuple[str, str, int]]:
        """(colour, label, cabinets) per class, as shown."""
        return [(cls.colour.name(), cls.label, count) for cls, count in self.scene.legend()]

    def refresh(self) -> None:
        rows = "".join(
            f"<tr><td bgcolor='{colour}' width='14'>&nbsp;</td><td>{escape(text)}</td>"
            f"<td align='right'>&nbsp;{count:,}</td></tr>"
            for colour, text, count in self.entries()
        )
        self.setText(f"<b>{escape(self.scene.mode.title)}</b><table cellspacing='2'>{rows}</table>")
        self.place()

    def place(self) -> None:
        parent = self.parentWidget()
        self.adjustSize()
        self.move(10, parent.height() - self.height() - 10)
        self.show()
