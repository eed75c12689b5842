"""公示期 in working days: the statutory calendar, extended by content/holidays.yaml; unknown dates are errors."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.site.workdays import UnknownDate, calendar_from_data

D = dt.date


@pytest.mark.parametrize(
    "start, days, end",
    [
        (D(2025, 4, 8), 5, D(2025, 4, 14)),  # Tue → next Mon, over a weekend
        (D(2025, 9, 29), 5, D(2025, 10, 11)),  # 国庆 2025: Oct 1–8 off; Sat Oct 11 is a 调休 working day
        (D(2025, 4, 5), 1, D(2025, 4, 7)),  # 清明 Saturday start rolls to the next working day
        (D(2026, 12, 28), 5, D(2027, 1, 4)),  # into 2027, known only from the file
    ],
)
def test_add_workdays(start, days, end):
    calendar, errors = calendar_from_data({"covers": [{"from": "2027-01-01", "to": "2027-01-31"}], "holidays": ["2027-01-01"]})
    assert errors == []
    assert calendar.add_workdays(start, days) == end


def test_a_date_no_source_knows_is_an_error_not_a_guess():
    calendar, _ = calendar_from_data({"covers": [{"from": "2027-01-01", "to": "2027-01-31"}]})
    with pytest.raises(UnknownDate) as info:
        calendar.add_workdays(D(2027, 1, 28), 5)
    assert info.value.day == D(2027, 2, 1)


def test_file_overrides_the_package():
    # an office may record a local extra day off
    calendar, _ = calendar_from_data({"holidays": ["2025-04-09"]})
    assert calendar.add_workdays(D(2025, 4, 8), 5) == D(2025, 4, 15)


def test_bad_dates_in_the_file_are_reported():
    _, errors = calendar_from_data({"holidays": ["2027-02-30"], "covers": [{"from": "x"}]})
    assert len(errors) == 2
