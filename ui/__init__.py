"""dcplanner desktop application (PySide6): shows the engine's model and turns gestures into commands."""
