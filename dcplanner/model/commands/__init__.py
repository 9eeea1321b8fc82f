"""Edit commands with undo, and the undo history (engine layer).

Every change a user makes is a :class:`Command`: checked first, then applied, announced as one
``SiteChange``, and undone to the exact values that were there. One gesture is one command (a drag
of 40 cabinets is one :class:`MoveCabinets`); typing into a field merges into one step through
:meth:`Command.merge`. :class:`CommandStack` is the one undo history, with merging and an undo limit;
the GUI wraps it (``ui/undo.py``). Turning gestures into commands is :mod:`dcplanner.model.placement`.

Modules: ``base`` (the protocol, :class:`Macro`, the stack), ``checks`` (proposals checked on
copies), ``properties`` (field edits), ``add_delete``, ``moves`` (moving and turning).
"""

from __future__ import annotations

from dcplanner.model.commands.add_delete import AddCabinets, AddHall, AddRows, Delete
from dcplanner.model.commands.base import DEFAULT_UNDO_LIMIT, Command, CommandStack, Macro
from dcplanner.model.commands.moves import MoveCabinets, MoveHalls, MoveRows, RotateRows
from dcplanner.model.commands.properties import Ref, SetField, SetRowType, resolve
from dcplanner.model.edited_site import EditedSite, Kind

__all__ = [
    "DEFAULT_UNDO_LIMIT",
    "AddCabinets",
    "AddHall",
    "AddRows",
    "Command",
    "CommandStack",
    "Delete",
    "EditedSite",
    "Kind",
    "Macro",
    "MoveCabinets",
    "MoveHalls",
    "MoveRows",
    "Ref",
    "RotateRows",
    "SetField",
    "SetRowType",
    "resolve",
]
