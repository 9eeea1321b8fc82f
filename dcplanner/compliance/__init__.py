"""Compliance checks of the Chinese energy-efficiency, hub and design rules (engine layer).

Rules are data (``resources/rules/*.csv`` and a project's ``compliance.rules``, see
:mod:`dcplanner.model.compliance`); :mod:`.checks` compares the site's quantities with them per
scenario and per build-out year; :mod:`.report` turns the results into text, JSON and findings.
"""
