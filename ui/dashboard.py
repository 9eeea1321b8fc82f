"""Summary dashboard: the key figures of the open site as cards, marked stale while re-solving (ui)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from dcplanner.snapshot_solve import KeyFigure

_CARD = "QFrame#card {{ background: {bg}; border: 1px solid #cfd8dc; border-radius: 6px; }}"


class FigureCard(QFrame):
    """One figure: label on top, large value with its unit, a small note."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self.label = QLabel()
        self.label.setStyleSheet("color: #546e7a;")
        self.value = QLabel()
        self.value.setStyleSheet("font-size: 20px; font-weight: 600; color: #263238;")
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel()
        self.note.setStyleSheet("color: #78909c; font-size: 11px;")
        self.note.setWordWrap(True)
        self._stale: bool | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.label)
        layout.addWidget(self.value)
        layout.addWidget(self.note)
        self.set_stale(False)

    def show_figure(self, figure: KeyFigure) -> None:
        self.figure = figure
        self.label.setText(figure.label)
        unit = f" <span style='font-size: 13px; font-weight: 400;'>{figure.unit}</span>" if figure.unit else ""
        self.value.setText(figure.text() + (unit if figure.value is not None else ""))
        self.note.setText(figure.note)
        self.note.setVisible(bool(figure.note))

    def set_stale(self, stale: bool) -> None:
        if stale != self._stale:  # style sheets are costly to re-apply: only on a change
            self._stale = stale
            self.setStyleSheet(_CARD.format(bg="#eceff1" if stale else "#ffffff"))


class Dashboard(QWidget):
    """A grid of figure cards in the order the engine lists them."""

    COLUMNS = 4

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.cards: dict[str, FigureCard] = {}
        self._places: dict[str, tuple[int, int]] = {}
        self.status = QLabel("Solving…")
        self.status.setStyleSheet("color: #78909c;")
        self._grid = QGridLayout()
        self._grid.setSpacing(8)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(self._grid)
        layout.addStretch(1)

    def set_figures(self, figures: Sequence[KeyFigure]) -> None:
        """Show exactly ``figures``, in their order (cards of figures not among them go)."""
        keys = [f.key for f in figures]
        for key in [k for k in self.cards if k not in keys]:
            self._remove(key)
        for n, figure in enumerate(figures):
            card = self.cards.get(figure.key)
            if card is None:
                card = self.cards[figure.key] = FigureCard(self)
            place = (n // self.COLUMNS, n % self.COLUMNS)
            if self._places.get(figure.key) != place:
                self._places[figure.key] = place
                self._grid.addWidget(card, *place)
            card.show_figure(figure)
        self.set_stale(False)

    def clear(self, message: str) -> None:
        """No figures, and ``message`` saying why (e.g. another site is being solved)."""
        for key in list(self.cards):
            self._remove(key)
        self.status.setText(message)

    def _remove(self, key: str) -> None:
        card = self.cards.pop(key)
        self._places.pop(key, None)
        self._grid.removeWidget(card)
        card.deleteLater()

    def value_text(self, key: str) -> str:
        """The number a card shows (without its unit), as the user reads it."""
        return self.cards[key].figure.text()

    def set_stale(self, stale: bool, message: str = "") -> None:
        for card in self.cards.values():
            card.set_stale(stale)
        if message:
            self.status.setText(message)
        elif stale:
            self.status.setText("Results are out of date: solving the latest edit…")
        else:
            self.status.setText("Results are up to date.")
