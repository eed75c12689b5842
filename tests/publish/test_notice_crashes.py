"""Issue 12 finding 6 (notices) and the clock test: every 公示 mistake is a reported problem with its
place, found by `kaohe check` as well as by `kaohe build`; never a traceback (exit 3)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import shutil

import pytest

from generator.cli import main
from tests.archive.util import make_project

AGENCY, SCHEME = "yunxi-czj", "s003-p2"


def run(root, *args) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(["-C", str(root), *args])
    text = out.getvalue()
    assert "Traceback" not in text and "内部错误" not in text, text
    return code, text


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1754006400")  # 2025-08-01
    return make_project(tmp_path / "proj", [AGENCY])


NOTICE = f"content/{AGENCY}/{SCHEME}/2025/Q3.notice.yaml"


@pytest.mark.parametrize(("line", "expected"), [
    ("start: 2025-02-30", "不是日期"),
    ("start: 9999-12-30", "不在 1950—2199"),
    ("start: 2025-10-09\ndays: 100000", "1 到 30"),
    ("start: 2025-10-09\ndays: -5", "1 到 30"),
    ("start: 2025-10-09\ndays: 0", "1 到 30"),
    ("start: 2025-10-09\ndays: .nan", "1 到 30"),
    ("start: 2025-10-09\ndays: x", "1 到 30"),
    ("start: 2025-10-09\ndays: 2.5", "1 到 30"),
])
def test_bad_notice_values_are_problems_in_check_and_build(project, line, expected):
    (project / NOTICE).write_text(line + "\n", encoding="utf-8")
    row = 2 if "days" in line else 1
    for command in (["check"], ["build", "--quiet"]):
        code, out = run(project, *command)
        assert code == 1, out
        assert re.search(rf"^{re.escape(NOTICE)}:{row}:\d+: \[notice-invalid\] .*{re.escape(expected)}", out, re.M), out
        assert "（-5 个工作日）" not in out


def _calendar_last_year(root) -> int:
    from chinese_calendar import constants

    known = max(d.year for d in constants.holidays)
    text = (root / "content" / "holidays.yaml").read_text("utf-8")
    return max([known] + [int(y) for y in re.findall(r"\b(20\d\d)-", text)])


def test_build_a_year_past_the_holiday_calendar(project, monkeypatch):
    """The calendar package a year old: this year's 公示 dates are undecidable. With two or more
    notices on the site (the home page sorts them), this crashed; now it is calendar-unknown-date."""
    year = _calendar_last_year(project) + 1
    src = project / "content" / AGENCY / SCHEME / "2025"
    dst = src.with_name(str(year))
    shutil.copytree(src, dst)
    for notice in sorted(dst.glob("*.notice.yaml")):
        start = year + 1 if notice.name == "Y.notice.yaml" else year  # a 年度 公示 starts after its year
        notice.write_text(re.sub(r"start: 20\d\d-", f"start: {start}-", notice.read_text("utf-8")), encoding="utf-8")
    epoch = int(dt.datetime(year, 12, 20, tzinfo=dt.UTC).timestamp())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    for command in (["check"], ["build", "--quiet"]):
        code, out = run(project, *command)
        assert code == 1, out
        assert re.search(rf"content/{AGENCY}/{SCHEME}/{year}/Q\d\.notice\.yaml: \[calendar-unknown-date\]", out), out
        assert "notice-before-period-end" not in out, out
    assert not (project / "site").exists()


@pytest.mark.parametrize("line", ["days: '7'", 'days: "７"', "days: ' 7 '"])
def test_days_typed_in_quotes_is_read_as_the_number(project, line):
    """days: '5' (quoted, or in full-width digits) was notice-invalid saying 应是 1 到 30 之间的整数 — of a 5:
    the office could not see what was wrong. A whole number in quotes is that number."""
    (project / NOTICE).write_text(f"start: 2025-10-09\n{line}\n", encoding="utf-8")
    code, out = run(project, "check")
    assert "notice-invalid" not in out, out
    from generator.engine.compute import load_everything

    _, periods, _ = load_everything(project)
    period = next(p for p in periods if p.key.endswith("2025/Q3") and p.scheme.code == SCHEME)
    assert period.notice.days == 7


def test_days_in_words_says_it_is_text(project):
    (project / NOTICE).write_text("start: 2025-10-09\ndays: 5个工作日\n", encoding="utf-8")
    code, out = run(project, "check")
    assert code == 1 and re.search(rf"^{re.escape(NOTICE)}:2:\d+: \[notice-invalid\] .*只写数字", out, re.M), out


@pytest.mark.parametrize("start", ["2025年10月9日", "2025/10/9", "2025.10.09", "'2025-10-9'"])
def test_a_start_written_as_a_paper_notice_writes_it_is_that_day(project, start):
    (project / NOTICE).write_text(f"start: {start}\ndays: 5\n", encoding="utf-8")
    code, out = run(project, "check")
    assert "notice-invalid" not in out, out
    from generator.engine.compute import load_everything

    _, periods, _ = load_everything(project)
    period = next(p for p in periods if p.key.endswith("2025/Q3") and p.scheme.code == SCHEME)
    assert period.notice.start == "2025-10-09"


@pytest.mark.parametrize(("start", "words"), [("45939", "相当于 2025-10-09"), ("10/9/2025", "不是日期"), ("2025-10-09 08:00", "不是日期")])
def test_a_start_that_is_no_day_says_so(project, start, words):
    (project / NOTICE).write_text(f"start: {start}\ndays: 5\n", encoding="utf-8")
    code, out = run(project, "check")
    assert code == 1 and re.search(rf"^{re.escape(NOTICE)}:1:\d+: \[notice-invalid\] .*{re.escape(words)}", out, re.M), out


@pytest.mark.parametrize(("start", "warned"), [("2026-10-09", True), ("2025-10-09", False), ("2026-03-20", False)])
def test_a_start_a_year_after_the_period_is_a_warning(project, start, warned):
    """start: 2026-10-09 for 2025's third quarter (the year typed one on): the 公示 page carried dates a year
    late, 未开始, without a word. More than half a year after the period is a warning asking about the year."""
    (project / NOTICE).write_text(f"start: {start}\ndays: 5\n", encoding="utf-8")
    code, out = run(project, "check")
    found = re.findall(rf"^{re.escape(NOTICE)}:1:\d+: \[notice-long-after-period\]（警告） (.*)$", out, re.M)
    assert bool(found) == warned, out
    if warned:
        assert "2025-09-30" in found[0] and "2025-10-09" in found[0], found


@pytest.mark.parametrize(("publicity", "words"), [({"publish": False}, "publish: false"), (None, "不定等次")])
def test_a_notice_file_for_an_assessment_with_no_notice_is_a_warning(tmp_path, publicity, words):
    """年度.notice.yaml beside a scheme whose publicity says publish: false (or that grades nobody): no 公示 page is
    ever made from it, and the office, having written its dates, waited for one. A warning names why."""
    from tests.unit.helpers import assessment, item, make_project, people_csv, scheme

    grades = {"order": ["好", "较好"], "bands": [{"grade": "好", "at_least": 90}, {"grade": "较好", "below": 90}]}
    kw = {"publicity": publicity} if publicity else {}
    data = scheme(assessment([item("df", "得分", 100)], grades=grades if publicity else None, **kw))
    make_project(tmp_path, data, {"Q1.csv": people_csv([["0001", "人1", "办公室", "95"]], ["得分"]),
                                  "Q1.notice.yaml": "start: 2025-04-07\ndays: 5\n"})
    code, out = run(tmp_path, "check")
    found = re.findall(r"^content/ag/t1/2025/Q1\.notice\.yaml: \[notice-unused\]（警告） (.*)$", out, re.M)
    assert len(found) == 1 and words in found[0], out


@pytest.mark.parametrize(("start", "warned"), [("2026-07-06", False), ("2027-07-06", True)])
def test_a_school_years_notice_the_next_summer_is_no_slip(project, start, warned):
    """A 学年 is entered as the 年度 it begins (2025—2026 学年 → 2025): its 公示 comes in July 2026, half a year
    after the 年度's end and no slip; a year later is."""
    notice = f"content/{AGENCY}/{SCHEME}/2025/Y.notice.yaml"
    (project / notice).write_text(f"start: {start}\ndays: 5\n", encoding="utf-8")
    code, out = run(project, "check")
    assert ("notice-long-after-period" in out) == warned, out
