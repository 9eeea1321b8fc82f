"""Solvers: pure functions from a site snapshot to frozen result objects."""
