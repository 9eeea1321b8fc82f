"""Dashboard cards show the engine's key figures with units."""

from __future__ import annotations

from dcplanner.snapshot_solve import KeyFigure
from ui.dashboard import Dashboard, FigureCard


def test_cards_show_values_units_and_missing(qtbot):
    board = Dashboard()
    qtbot.addWidget(board)
    board.set_figures(
        [
            KeyFigure("Annual PUE", 1.18123, "", key="annual_pue", decimals=3),
            KeyFigure("Design IT load", 20.3, "MW", key="design_it_mw", decimals=2),
            KeyFigure("NPV", None, "M CNY", key="npv"),
        ]
    )
    assert board.value_text("annual_pue") == "1.181"
    assert board.value_text("design_it_mw") == "20.30" and "MW" in board.cards["design_it_mw"].value.text()
    assert board.value_text("npv") == "—"
    board.set_stale(True)
    assert "out of date" in board.status.text()
    pue_card = board.cards["annual_pue"]
    board.set_figures([KeyFigure("Annual PUE", 1.2, "", key="annual_pue", decimals=3)])
    assert board.value_text("annual_pue") == "1.200" and "up to date" in board.status.text()
    assert board.cards["annual_pue"] is pue_card  # a card is reused, not recreated
    assert set(board.cards) == {"annual_pue"}  # figures no longer given leave no card behind


def test_clear_leaves_no_figure_and_says_why(qtbot):
    board = Dashboard()
    qtbot.addWidget(board)
    board.set_figures([KeyFigure("NPV", 200.2, "M CNY", key="npv_mcny", decimals=1)])
    board.clear("Solving the open site…")
    assert board.cards == {} and board.status.text() == "Solving the open site…"
    qtbot.waitUntil(lambda: not board.findChildren(FigureCard), timeout=2000)  # deleted, not just hidden
