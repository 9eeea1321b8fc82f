"""Setting the site's background drawing, with the halls taken from its outlines (engine layer)."""

from __future__ import annotations

import copy
from collections.abc import Sequence

from dcplanner.model.commands.base import Command
from dcplanner.model.commands.checks import refuse_new_errors
from dcplanner.model.drawing import Drawing
from dcplanner.model.edited_site import EditedSite, index_of
from dcplanner.model.events import SiteChange
from dcplanner.model.site import Hall
from dcplanner.model.validation import validate_site


class SetDrawing(Command):
    """Replace the background drawing and add ``halls``; refused if a row would stand on an obstacle."""

    def __init__(self, drawing: Drawing, halls: Sequence[Hall] = (), label: str = "Import drawing"):
        self.drawing = drawing
        self.halls = list(halls)
        self.label = label
        self._before: Drawing | None = None

    def check(self, editor: EditedSite) -> None:
        trial = copy.copy(editor.site)
        trial.drawing = self.drawing
        trial.halls = [*editor.site.halls, *self.halls]
        refuse_new_errors(validate_site(trial, editor.hw), validate_site(editor.site, editor.hw))

    def apply(self, editor: EditedSite) -> None:
        self._before = editor.site.drawing
        editor.site.drawing = self.drawing
        editor.site.halls.extend(self.halls)
        editor.invalidate()
        editor.notify(self._change())

    def undo(self, editor: EditedSite) -> None:
        assert self._before is not None
        editor.site.drawing = self._before
        for hall in self.halls:
            editor.site.halls.pop(index_of(editor.site.halls, hall))
        editor.invalidate()
        editor.notify(self._change())

    def _change(self) -> SiteChange:
        return SiteChange.of(halls=[h.id for h in self.halls], fields=["drawing", "halls"], reset=True)
