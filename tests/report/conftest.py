"""Window fixtures of the GUI tests, shared with the report's tests."""

from tests.ui.conftest import _empty_clipboard, settings, uncaught, window  # noqa: F401
