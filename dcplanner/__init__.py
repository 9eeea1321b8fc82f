"""dcplanner engine: site model, solvers, project files and command line (no Qt here)."""

__version__ = "0.1.0"
