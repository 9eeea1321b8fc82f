"""Fuzz tests: deterministic hypothesis runs, no example database, sized to stay fast on one core."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

settings.register_profile(
    "fuzz",
    derandomize=True,  # the same examples on every run and machine (CI)
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
    print_blob=True,
)
FUZZ = settings.get_profile("fuzz")


def fuzz(max_examples: int) -> settings:
    """The fuzz profile with this test's number of examples (chosen to keep tests/fuzz under 40 s)."""
    return settings(FUZZ, max_examples=max_examples)
