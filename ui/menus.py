"""Actions, menus and toolbars of the main window (ui layer).

Kept apart from the window's behaviour: this module only creates QActions with their text,
shortcuts and slots, and lays them out in menus and toolbars.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLabel, QMenu, QToolBar

from dcplanner.model.schema import field_range
from dcplanner.model.site import Cabinet
from dcplanner.solvers.inventory import PRECISIONS
from ui.floorplan.colours import MODE_KEYS, MODE_TITLES
from ui.floorplan.tools import TOOLS
from ui.window_api import MenuHost

Key = QKeySequence.StandardKey


def _action(window: MenuHost, text: str, slot, shortcut=None, tip: str = "", name: str = "") -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        if isinstance(shortcut, list):
            action.setShortcuts(shortcut)
        else:
            action.setShortcut(shortcut)
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    if name:
        action.setObjectName(name)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def build_actions(w: MenuHost) -> SimpleNamespace:
    """Every action of the window, by name."""
    a = SimpleNamespace()
    ops = w.ops
    a.new = _action(w, "&New", w.new_file, Key.New, "Start a new site with one empty hall", "action_new")
    a.open = _action(w, "&Open…", w.choose_file, Key.Open, "Open a site file", "action_open")
    a.save = _action(w, "&Save", w.save, Key.Save, "Save the site", "action_save")
    a.save_as = _action(w, "Save &As…", w.save_as, Key.SaveAs, "Save the site under another name", "action_save_as")
    a.quit = _action(w, "&Quit", w.close, Key.Quit, "Quit dcplanner", "action_quit")
    a.undo = w.document.undo_stack.createUndoAction(w, "&Undo")
    a.undo.setShortcuts(QKeySequence.keyBindings(Key.Undo))
    a.undo.setObjectName("action_undo")
    a.redo = w.document.undo_stack.createRedoAction(w, "&Redo")
    a.redo.setShortcuts(QKeySequence.keyBindings(Key.Redo))
    a.redo.setObjectName("action_redo")
    a.cut = _action(w, "Cu&t", ops.cut, Key.Cut, "Cut the selection", "action_cut")
    a.copy = _action(w, "&Copy", ops.copy, Key.Copy, "Copy the selection", "action_copy")
    a.paste = _action(w, "&Paste", ops.paste, Key.Paste, "Paste into the selected hall or row", "action_paste")
    a.duplicate = _action(w, "D&uplicate", ops.duplicate, "Ctrl+D", "Copy the selection beside itself", "action_dup")
    a.delete = _action(
        w, "&Delete", ops.delete, [QKeySequence(Key.Delete), QKeySequence("Backspace")], "Delete the selection"
    )
    a.select_all = _action(w, "Select &All", ops.select_all, Key.SelectAll, "Select every cabinet", "action_all")
    a.select_rows = _action(w, "Select &Rows", ops.select_rows, "Ctrl+Shift+R", "Select the rows of the selection")
    a.rotate = _action(w, "R&otate 90°", ops.rotate, "Ctrl+R", "Turn the selected rows a quarter clockwise")
    a.array = _action(w, "Arra&y Rows…", lambda: ops.array(w), "Ctrl+Shift+Y", "Copy a row K times at a pitch")
    a.zoom_in = _action(w, "Zoom &In", lambda: w.view.zoom_by(1.25), [QKeySequence(Key.ZoomIn), QKeySequence("Ctrl+=")])
    a.zoom_out = _action(w, "Zoom &Out", lambda: w.view.zoom_by(0.8), Key.ZoomOut)
    a.fit = _action(w, "&Fit to Window", w.view.fit, "Ctrl+0", "Show every hall", "action_fit")
    a.grid = _action(w, "Floor &Grid", lambda: w.set_grid_visible(a.grid.isChecked()), "Ctrl+G", "Show floor tiles")
    a.grid.setCheckable(True)
    a.about = _action(w, "&About dcplanner", w.about, None, "Versions and licences", "action_about")
    a.tools = {}
    group = QActionGroup(w)
    for tool_cls, key in zip(TOOLS, ("V", "R", "H"), strict=True):
        act = _action(w, tool_cls.title, lambda k=tool_cls.key: w.set_tool(k), key, f"{tool_cls.title} ({key})")
        act.setCheckable(True)
        act.setObjectName(f"tool_{tool_cls.key}")
        group.addAction(act)
        a.tools[tool_cls.key] = act
    a.modes = {}
    modes = QActionGroup(w)
    for n, key in enumerate(MODE_KEYS, start=1):
        act = _action(w, f"By {MODE_TITLES[key]}", lambda k=key: w.set_colour_mode(k), f"Ctrl+{n}")
        act.setCheckable(True)
        modes.addAction(act)
        a.modes[key] = act
    a.precisions = {}
    precisions = QActionGroup(w)
    for key in PRECISIONS:
        act = _action(w, key.upper(), lambda k=key: w.set_compute_precision(k))
        act.setCheckable(True)
        precisions.addAction(act)
        a.precisions[key] = act
    return a


def build_menus(w: MenuHost, a: SimpleNamespace) -> SimpleNamespace:
    m = SimpleNamespace()
    bar = w.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([a.new, a.open])
    m.samples = file_menu.addMenu("Open Sa&mple Site")
    m.recent = file_menu.addMenu("Open &Recent")
    m.recent.aboutToShow.connect(w.fill_recent_menu)
    file_menu.addSeparator()
    file_menu.addActions([a.save, a.save_as])
    file_menu.addSeparator()
    m.import_ = file_menu.addMenu("&Import")
    m.export = file_menu.addMenu("&Export")
    file_menu.addSeparator()
    file_menu.addAction(a.quit)

    edit = bar.addMenu("&Edit")
    edit.addActions([a.undo, a.redo])
    edit.addSeparator()
    edit.addActions([a.cut, a.copy, a.paste, a.duplicate, a.delete])
    edit.addSeparator()
    edit.addActions([a.select_all, a.select_rows])
    edit.addSeparator()
    edit.addActions([a.rotate, a.array])

    view = bar.addMenu("&View")
    view.addActions([a.zoom_in, a.zoom_out, a.fit])
    view.addSeparator()
    colour = view.addMenu("&Colour Cabinets")
    colour.addActions(list(a.modes.values()))
    precision = colour.addMenu("Compute &Precision")
    precision.addActions(list(a.precisions.values()))
    view.addAction(a.grid)
    view.addSeparator()
    m.panels = view.addMenu("&Panels")

    tools = bar.addMenu("&Tools")
    tools.addActions(list(a.tools.values()))

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(a.about)
    m.file, m.edit, m.view, m.tools, m.help = file_menu, edit, view, tools, help_menu
    return m


def build_toolbars(w: MenuHost, a: SimpleNamespace) -> SimpleNamespace:
    t = SimpleNamespace()
    tools = QToolBar("Tools", w)
    tools.setObjectName("toolbar_tools")
    tools.addActions(list(a.tools.values()))
    tools.addSeparator()
    tools.addActions([a.undo, a.redo])
    tools.addSeparator()
    tools.addActions([a.rotate, a.duplicate, a.delete])
    w.addToolBar(tools)

    options = QToolBar("New Cabinets", w)
    options.setObjectName("toolbar_new_cabinets")
    options.addWidget(QLabel(" New cabinets: "))
    t.cabinet_type = _combo("option_cabinet_type", 18)
    options.addWidget(t.cabinet_type)
    rng = field_range(Cabinet, "design_kw")
    t.design_kw = QDoubleSpinBox()
    t.design_kw.setObjectName("option_design_kw")
    t.design_kw.setRange(rng.min or 0.0, rng.max or 500.0)  # the model's range for design_kw
    t.design_kw.setDecimals(1)
    t.design_kw.setSuffix(f" {rng.unit}")
    options.addWidget(t.design_kw)
    options.addWidget(QLabel(" phase "))
    t.phase = _combo("option_phase", 10)
    options.addWidget(t.phase)
    w.addToolBar(options)

    view = QToolBar("View", w)
    view.setObjectName("toolbar_view")
    view.addActions([a.zoom_in, a.zoom_out, a.fit])
    t.colour_mode = QComboBox()
    t.colour_mode.setObjectName("option_colour_mode")
    for key in MODE_KEYS:
        t.colour_mode.addItem(f"Colour: {MODE_TITLES[key]}", key)
    view.addWidget(t.colour_mode)
    w.addToolBar(Qt.ToolBarArea.TopToolBarArea, view)
    t.tools, t.options, t.view = tools, options, view
    return t


def _combo(name: str, characters: int) -> QComboBox:
    """A combo box that stays ``characters`` wide whatever its entries."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setMinimumContentsLength(characters)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return combo


def placeholder(menu: QMenu, text: str) -> QAction:
    """A disabled entry shown while a hook menu is empty."""
    action = menu.addAction(text)
    action.setEnabled(False)
    return action


def recent_titles(files: list[str]) -> list[str]:
    """Menu text of each recent file: its name, with its folder where another entry has the same
    name (``anshun.dcp.json — sites/2025``), with more of the path until the entries differ."""
    paths = [Path(f) for f in files]
    titles = [p.name for p in paths]
    for depth in range(1, max((len(p.parts) for p in paths), default=1)):
        repeated = {t for t in titles if titles.count(t) > 1}
        if not repeated:
            break
        for i, p in enumerate(paths):
            if titles[i] in repeated:
                folder = Path(*p.parent.parts[-depth:]) if p.parent.parts else Path(".")
                titles[i] = f"{p.name} — {folder}"
    return titles
