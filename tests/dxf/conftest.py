"""The desktop-app fixtures (a shown main window, isolated settings) for the drawing tests."""

from tests.ui.conftest import _empty_clipboard, settings, small, uncaught, window  # noqa: F401
