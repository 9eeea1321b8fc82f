"""Months and days of the weather year, against hand counts and the standard library's datetime."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dcplanner.climate.weather import calendar
from dcplanner.climate.year_calendar import date_of_hour, month_lengths_days, month_start_hours


def test_month_lengths_by_hand():
    assert month_lengths_days(False) == (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    assert month_lengths_days(True)[1] == 29 and sum(month_lengths_days(True)) == 366


def test_month_starts_by_hand():
    plain, leap = month_start_hours(False), month_start_hours(True)
    assert plain[:3] == (0, 31 * 24, (31 + 28) * 24) == (0, 744, 1416)
    assert leap[2] == (31 + 29) * 24 == 1440
    assert plain[11] == (365 - 31) * 24 == 8016  # 1 December
    assert leap[11] == (366 - 31) * 24 == 8040


def test_dates_of_hours_by_hand():
    assert date_of_hour(0, False) == (1, 1, 0)
    assert date_of_hour(1000, False) == (2, 11, 16)  # 1000 - 744 = 256 h into February: day 11, 16:00
    assert date_of_hour(1416, False) == (3, 1, 0)
    assert date_of_hour(1416, True) == (2, 29, 0)
    assert date_of_hour(8759, False) == (12, 31, 23)
    assert date_of_hour(8783, True) == (12, 31, 23)


@pytest.mark.parametrize(
    ("hour", "leap", "last"), [(-1, False, "8,759"), (8760, False, "8,759"), (8784, True, "8,783")]
)
def test_an_hour_outside_the_year_is_refused(hour, leap, last):
    with pytest.raises(ValueError, match=f"hour {hour} is outside the year; allowed from 0 to {last}"):
        date_of_hour(hour, leap)


@given(st.integers(0, 8783), st.booleans())
def test_dates_agree_with_datetime(hour, leap):
    hours = 8784 if leap else 8760
    if hour >= hours:
        return
    when = datetime(2004 if leap else 2001, 1, 1) + timedelta(hours=hour)
    assert date_of_hour(hour, leap) == (when.month, when.day, when.hour)


@pytest.mark.parametrize("leap", [False, True])
def test_hourly_calendar_of_the_weather_year_agrees(leap):
    month, day, hour = calendar(leap)
    assert np.flatnonzero(np.diff(month, prepend=0)).tolist() == list(month_start_hours(leap))
    for h in (0, 1416, 5000, len(month) - 1):
        assert date_of_hour(h, leap) == (month[h], day[h], hour[h])
