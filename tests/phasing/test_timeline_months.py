"""Month arithmetic of the analysis calendar, against hand counts and stepping through datetime."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from dcplanner.solvers.phasing.timeline import add_months, month_to_year, year_to_month


def test_add_months_by_hand():
    assert add_months("2026-11", 3) == "2027-02"
    assert add_months("2026-01", -1) == "2025-12"
    assert add_months("2026-05", 0) == "2026-05"
    assert add_months("2026-05", -29) == "2023-12"  # 2 years and 5 months back


def test_decimal_years_by_hand():
    assert month_to_year("2026-01") == 2026.0
    assert month_to_year("2026-07") == 2026.5  # six months into the year
    assert year_to_month(2026.5) == "2026-07"
    assert year_to_month(2026.499) == "2026-06"
    assert year_to_month(2026 + 11 / 12) == "2026-12"
    assert year_to_month(2026.9999) == "2026-12"
    assert year_to_month(2027.0) == "2027-01"


def _step(month: date, n: int) -> date:
    """``n`` months on (or back) from the first of ``month``, one calendar month at a time."""
    for _ in range(abs(n)):
        if n > 0:
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        else:
            month = date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)
    return month


@given(st.integers(1900, 2199), st.integers(1, 12), st.integers(-60, 60))
def test_add_months_agrees_with_stepping_through_the_calendar(year, month, n):
    expected = _step(date(year, month, 1), n)
    assert add_months(f"{year:04d}-{month:02d}", n) == f"{expected.year:04d}-{expected.month:02d}"


@given(st.integers(1900, 2199), st.integers(1, 12), st.floats(0.0, 0.999))
def test_a_point_inside_a_month_reads_as_that_month(year, month, fraction):
    text = f"{year:04d}-{month:02d}"
    assert year_to_month(month_to_year(text) + fraction / 12) == text
