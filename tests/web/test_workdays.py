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


def test_file_adds_to_the_package():
    # an office may record a local extra day off, inside the dates it declares it describes
    calendar, errors = calendar_from_data({"covers": [{"from": "2025-04-09", "to": "2025-04-09"}], "holidays": ["2025-04-09"]})
    assert errors == []
    assert calendar.add_workdays(D(2025, 4, 8), 5) == D(2025, 4, 15)
    # without declaring it, the date is reported and not counted (it used to move the 公示 silently)
    calendar, errors = calendar_from_data({"holidays": ["2025-04-09"]})
    assert [p.code for p in errors] == ["calendar-outside-covers"]
    assert calendar.add_workdays(D(2025, 4, 8), 5) == D(2025, 4, 14)


def test_bad_dates_in_the_file_are_reported():
    _, errors = calendar_from_data({"holidays": ["2027-02-30"], "covers": [{"from": "x"}]})
    assert len(errors) == 2


# --- content/holidays.yaml: adds to the built-in calendar, never silently replaces it; every slip reported

from generator.core.problems import Problems  # noqa: E402
from generator.scheme.yaml_source import load_yaml_text  # noqa: E402

SHOWN = "content/holidays.yaml"
GOOD = """\
covers:
  - {from: 2027-01-01, to: 2027-01-31}
holidays: [2027-01-01]
workdays: []
"""


def read(text: str):
    from generator.site.workdays import read_calendar

    problems = Problems()
    data, marks = load_yaml_text(text, SHOWN, problems)
    return read_calendar(data, marks, SHOWN, problems), problems


def test_good_file_is_clean():
    calendar, problems = read(GOOD)
    assert list(problems) == []
    assert calendar.add_workdays(D(2026, 12, 28), 5) == D(2027, 1, 4)


def test_listing_a_year_the_package_knows_keeps_its_holidays():
    """Defect 1: years: [2025, 2026, 2027] made 2025 plain Monday–Friday (国庆 gone)."""
    calendar, errors = calendar_from_data({"years": [2025, 2026], "covers": [{"from": "2027-01-01", "to": "2027-01-31"}], "holidays": ["2027-01-01"]})
    assert errors == []
    assert calendar.add_workdays(D(2025, 9, 30), 5) == D(2025, 10, 13)
    assert calendar.add_workdays(D(2026, 12, 28), 5) == D(2027, 1, 4)  # 2027 still from the file
    calendar, _ = calendar_from_data({"covers": [{"from": "2025-10-01", "to": "2025-10-31"}]})
    assert calendar.add_workdays(D(2025, 9, 30), 5) == D(2025, 10, 13)


@pytest.mark.parametrize(
    "old, new, code, line, words",
    [
        # Defect 2: a date outside years/covers (it moved the 2025 Q2 公示 end from 07-15 to 07-16)
        ("holidays: [2027-01-01]", "holidays: [2027-01-01, 2025-07-10]", "calendar-outside-covers", 3, ["2025-07-10", "covers"]),
        ("workdays: []", "workdays: [2027-02-06]", "calendar-outside-covers", 4, ["2027-02-06", "covers"]),
        # Defect 2: one date both a holiday and a workday
        ("workdays: []", "workdays: [2027-01-01]", "calendar-holiday-and-workday", 4, ["2027-01-01", "holidays", "workdays"]),
        # Defect 2: covers from later than to
        ("{from: 2027-01-01, to: 2027-01-31}", "{from: 2027-01-31, to: 2027-01-01}", "bad-value", 2, ["from", "to", "2027-01-31"]),
        # Defect 3: a single date, not a list: one problem, saying how to write it
        ("holidays: [2027-01-01]", "holidays: 2027-01-01", "wrong-type", 3, ["列表", "holidays: [2027-01-01]"]),
        ("workdays: []", "workdays: 2027-01-09", "wrong-type", 4, ["列表", "[2027-01-09]"]),
        ("covers:\n  - {from: 2027-01-01, to: 2027-01-31}", "covers: {from: 2027-01-01, to: 2027-01-31}", "wrong-type", 1, ["列表", "covers:"]),
        ("covers:\n  - {from: 2027-01-01, to: 2027-01-31}", "years: 2027", "wrong-type", 1, ["列表", "years: [2027]"]),
        # contradicting the built-in calendar (the State Council's arrangement) is reported, not guessed
        ("workdays: []", "workdays: [2025-10-01]\nyears: [2025]", "calendar-contradicts-builtin", 4, ["2025-10-01", "国庆节", "删去"]),
        ("holidays: [2027-01-01]", "holidays: [2027-01-01, 2025-10-11]\nyears: [2025]", "calendar-contradicts-builtin", 3, ["2025-10-11", "调休上班"]),
        # a misspelt key is not silently ignored
        ("holidays: [2027-01-01]", "holiday: [2027-01-01]", "unknown-key", 3, ["holiday", "holidays"]),
        ("holidays: [2027-01-01]", "holidays: [2027-02-30]", "bad-value", 3, ["2027-02-30", "2027-01-01"]),
        ("covers:\n  - {from: 2027-01-01, to: 2027-01-31}", "years: [27]", "bad-value", 1, ["27", "2027"]),
    ],
)
def test_a_slip_in_holidays_yaml_is_one_problem_with_its_line_and_fix(old, new, code, line, words):
    assert old in GOOD
    _, problems = read(GOOD.replace(old, new))
    found = [(p.file, p.line, p.code) for p in problems]
    assert found == [(SHOWN, line, code)], [p.format() for p in problems]
    message = problems.items[0].message
    assert all(w in message for w in words), message
    assert problems.items[0].severity.name == "ERROR"


def test_a_date_outside_the_covers_does_not_move_a_notice():
    calendar, problems = read(GOOD.replace("holidays: [2027-01-01]", "holidays: [2027-01-01, 2025-07-10]"))
    assert [p.code for p in problems] == ["calendar-outside-covers"]
    assert calendar.add_workdays(D(2025, 7, 9), 5) == D(2025, 7, 15)


def test_a_local_day_off_inside_the_covers_is_added_to_the_builtin_year():
    text = GOOD.replace("covers:\n", "covers:\n  - {from: 2025-07-10, to: 2025-07-10}\n").replace("[2027-01-01]", "[2027-01-01, 2025-07-10]")
    calendar, problems = read(text)
    assert list(problems) == []
    assert calendar.add_workdays(D(2025, 7, 9), 5) == D(2025, 7, 16)
    assert calendar.add_workdays(D(2025, 9, 30), 5) == D(2025, 10, 13)  # the rest of 2025 still built in


def test_every_slip_is_reported_at_once():
    text = "covers:\n  - {from: 2027-01-31, to: 2027-01-01}\nholidays: 2027-01-01\nworkdays: [2027-13-01, 2025-07-12]\nyears: [2026.5]\n"
    _, problems = read(text)
    assert sorted((p.line, p.code) for p in problems) == [(2, "bad-value"), (3, "wrong-type"), (4, "bad-value"), (5, "bad-value")]
    # 2025-07-12 is outside a coverage that is itself broken: counted on its cause, not listed
    assert list(problems.follow_ons().values()) == [1]


def test_unknown_date_message_names_the_dates_not_covered():
    """Defect 4: 2027 is partly covered; the message said 「节假日日历没有这一年」."""
    calendar, _ = read(GOOD)
    with pytest.raises(UnknownDate) as info:
        calendar.add_workdays(D(2027, 1, 28), 5)
    text = calendar.why_unknown(info.value.day)
    assert "2027-02-01" in text and "2027-01-01 至 2027-01-31" in text and "没有这一年" not in text
    assert "2026" in text  # how far the built-in calendar goes
    calendar, _ = read(GOOD.replace("covers:\n", "covers:\n  - {from: 2027-03-01, to: 2027-03-31}\n"))
    assert "2027-02-01 至 2027-02-28" in calendar.why_unknown(D(2027, 2, 1))


def test_check_fails_for_a_bad_holidays_file(tmp_path, capsys):
    from decimal import Decimal

    from generator.cli import main
    from tests.web.util import p2_project

    root = p2_project(tmp_path, [{"id": "T01", "name": "某人", "dept": "办公室", "fraction": Decimal("0.95")}], ["办公室"])
    (root / "content" / "holidays.yaml").write_text(GOOD.replace("holidays: [2027-01-01]", "holidays: [2027-01-01, 2025-04-09]"), encoding="utf-8")
    assert main(["-C", str(root), "check"]) == 1
    out = capsys.readouterr().out
    assert "content/holidays.yaml:3:" in out and "[calendar-outside-covers]" in out, out


# --- a year the built-in calendar does not know: the statutory days off are never left out silently


def test_a_whole_year_with_fewer_days_off_than_the_law_gives_is_an_error():
    """years: [2027] with only 元旦 listed (the demo's comment says to write years: [2027] once the State
    Council publishes the year): every other day would be a working day, and a 公示 over 春节 end too early."""
    calendar, problems = read("years: [2027]\nholidays: [2027-01-01]\n")
    found = [(p.line, p.code) for p in problems]
    assert (1, "calendar-year-incomplete") in found
    message = next(p.message for p in problems if p.code == "calendar-year-incomplete")
    assert "2027" in message and "13" in message and "1 天" in message


@pytest.mark.parametrize("text, day, festival", [
    ("covers:\n  - {from: 2026-12-01, to: 2027-01-31}\nholidays: []\n", "2027-01-01", "元旦"),
    ("covers:\n  - {from: 2027-04-01, to: 2027-05-31}\nholidays: [2027-04-05, 2027-05-01]\n", "2027-05-02", "劳动节"),
    ("covers:\n  - {from: 2027-04-01, to: 2027-04-30}\nholidays: []\n", "2027-04-05", "清明节"),
    ("covers:\n  - {from: 2027-09-20, to: 2027-10-20}\nholidays: [2027-10-01, 2027-10-03]\n", "2027-10-02", "国庆节"),
])
def test_a_statutory_day_off_missing_from_the_covers_is_an_error_and_still_a_day_off(text, day, festival):
    calendar, problems = read(text)
    missing = [p for p in problems if p.code == "calendar-holiday-missing"]
    assert [p.line for p in missing] == [2], [p.format() for p in problems]
    assert day in missing[0].message and festival in missing[0].message
    assert missing[0].severity.name == "ERROR"
    assert not calendar.is_workday(D.fromisoformat(day))  # the law's day off: no 公示 ends on it, even before the file is fixed


def test_a_notice_over_new_year_with_a_file_that_forgot_it_never_ends_early():
    calendar, problems = read("covers:\n  - {from: 2027-01-01, to: 2027-01-31}\nholidays: []\n")
    assert [p.code for p in problems] == ["calendar-holiday-missing"]
    assert calendar.add_workdays(D(2026, 12, 28), 5) == D(2027, 1, 4)  # not 2027-01-01


@pytest.mark.parametrize(("name", "what"), [("holidays.yaml", "节假日文件"), ("ag/agency.yaml", "单位设置文件"),
                                            ("ag/t1/2025/Q1.notice.yaml", "公示设置文件"), ("../schemes/t1.yaml", "方案文件")])
def test_a_yaml_file_saved_in_gbk_is_named_for_what_it_is(tmp_path, name, what):
    """Notepad on a Chinese Windows saves "ANSI", that is GBK: holidays.yaml so saved was told 方案文件必须是 UTF-8,
    and the office looked at its schemes. The message names the file's kind and the encoding it is in."""
    from generator.scheme.yaml_source import load_yaml

    path = tmp_path / "content" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("# 2027 年元旦放假\n" + GOOD).encode("gbk"))
    problems = Problems()
    data, _ = load_yaml(path, problems, f"content/{name}")
    assert data is None
    assert [(p.line, p.code) for p in problems] == [(1, "encoding-unknown")]
    message = problems.items[0].message
    assert message.startswith(what) and "GBK" in message and "UTF-8" in message, message


def test_a_weekday_in_workdays_is_a_warning_naming_it():
    """workdays: [2027-01-12], a Tuesday: a no-op, silently — the worked weekend meant was not counted (a 公示
    over it ended a day late), or a day off was put in the wrong list."""
    calendar, problems = read(GOOD.replace("workdays: []", "workdays: [2027-01-12, 2027-01-09]"))
    assert [(p.line, p.code, p.severity.name) for p in problems] == [(4, "calendar-workday-weekday", "WARNING")]
    assert "2027-01-12" in problems.items[0].message and "星期二" in problems.items[0].message
    assert calendar.is_workday(D(2027, 1, 9))  # the Saturday listed beside it still counts
