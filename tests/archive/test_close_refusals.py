"""`kaohe close` freezes only what is right: a period whose 公示 cannot be worked out (its dates beyond
every calendar, a slip in holidays.yaml) is not closed, and closing an already closed period whose
files changed since says so and fails, instead of "already closed" and success."""

from __future__ import annotations

import json

import pytest

from tests.archive.test_frozen import AGENCY, EPOCH, LOCK, SCHEME, SHEET, kaohe
from tests.archive.util import edit_csv_cell, make_project

NOTICE = f"content/{AGENCY}/{SCHEME}/2025/Q2.notice.yaml"


def _project(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return make_project(tmp_path / "proj", [AGENCY])


def test_closing_a_closed_period_whose_sheet_changed_fails_naming_the_change(tmp_path, monkeypatch):
    root = _project(tmp_path, monkeypatch)
    code, out = kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)
    assert code == 0, out
    before = (root / LOCK).read_bytes()
    edit_csv_cell(root / SHEET, "0001", "工作负荷", "11")
    code, out = kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)
    assert code == 1, out
    assert "[period-frozen-changed]" in out and "雷杰平（0001）项目「工作负荷」 12 → 11" in out
    assert "kaohe reopen" in out
    assert (root / LOCK).read_bytes() == before  # the frozen record is never replaced by the edited one


def test_a_notice_whose_dates_no_calendar_covers_is_not_closed(tmp_path, monkeypatch):
    root = _project(tmp_path, monkeypatch)
    (root / NOTICE).write_text("start: 2031-03-03\ndays: 5\n", encoding="utf-8")  # a year typed wrong: 2031 for 2025
    code, out = kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)
    assert code == 1, out
    assert "[calendar-unknown-date]" in out and NOTICE in out
    assert not (root / LOCK).exists()  # a 公示 without dates is never frozen


def test_a_slip_in_holidays_yaml_keeps_the_period_open(tmp_path, monkeypatch):
    root = _project(tmp_path, monkeypatch)
    holidays = root / "content" / "holidays.yaml"
    holidays.write_text(holidays.read_text("utf-8") + "\nyears: [2O27]\n", encoding="utf-8")  # the letter O for a zero
    code, out = kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)
    assert code == 1, out
    assert "content/holidays.yaml" in out
    assert not (root / LOCK).exists()


def test_a_clean_period_still_closes_and_twice_is_fine(tmp_path, monkeypatch):
    root = _project(tmp_path, monkeypatch)
    code, out = kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)
    assert code == 0, out
    assert json.loads((root / LOCK).read_text("utf-8"))["frozen"]["notice"]["end"] == "2025-07-15"
    code, out = kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)
    assert code == 0 and "已经是关闭状态" in out


def test_a_lock_copied_with_a_folder_is_named_as_another_periods(tmp_path, monkeypatch):
    """An office starts a quarter (or a year) by copying the last one's folder, lock files and all: the
    copied lock says another period is closed. It was compared with this period's results as if this
    period had been closed and then edited; now it is named as the other period's, and close and reopen
    refuse it rather than freeze or open this period on another period's record."""
    root = _project(tmp_path, monkeypatch)
    code, out = kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)
    assert code == 0, out
    copied = f"content/{AGENCY}/{SCHEME}/2025/Q3.lock.json"
    (root / copied).write_bytes((root / LOCK).read_bytes())
    code, out = kaohe(root, "check")
    assert code == 1
    assert f"{copied}: [lock-other-period]" in out and "2025/Q2" in out, out
    assert "[period-frozen-changed]" not in out and "[notice-frozen-changed]" not in out, out
    for command in (["close"], ["reopen", "--reason", "复核发现第三季度成绩录入有误，经领导小组会议同意更正"]):
        code, out = kaohe(root, command[0], SCHEME, "2025-Q3", "--agency", AGENCY, *command[1:])
        assert code != 0 and "2025/Q2" in out, out
    assert (root / copied).read_bytes() == (root / LOCK).read_bytes()


def test_a_year_is_not_closed_while_a_quarter_it_reads_has_an_open_tie(tmp_path, capsys):
    """A 年度考核 counts its quarters' grades: closing it while a quarter's tie at the quota line is still
    undecided froze a year graded on a quarter nobody had decided."""
    from generator.cli import main
    from tests.unit.helpers import assessment, item, make_project, people_csv, scheme

    grades = {"order": ["好", "较好"], "bands": [{"grade": "好", "at_least": 90}, {"grade": "较好", "below": 90}]}
    quarter = assessment([item("df", "得分", 100)], code="ps", name="平时考核", period="季度", grades=grades,
                         quotas=[{"grade": "好", "at_most": "30%"}])
    year = assessment([item("pj", "平均", 100, score={"kind": "period_score", "missing": "skip"})], code="nd", name="年度考核",
                      period="年度", rolls_up="ps", results_optional=True, grades=grades)
    def sheet(scores):
        return people_csv([[f"{i:04d}", f"人{i}", "办公室", s] for i, s in enumerate(scores, start=1)], ["得分"])

    files = {f"{q}.csv": sheet(["95", "93", "93" if q == "Q2" else str(90 - n), "80", "70", "60", "50"])  # Q2: 人2 and 人3 tied
             for n, q in enumerate(["Q1", "Q2", "Q3", "Q4"], start=1)}
    make_project(tmp_path, scheme(quarter, year), files)
    assert main(["-C", str(tmp_path), "close", "t1", "2025-Y", "--agency", "ag"]) != 0
    out = capsys.readouterr()
    assert "第二季度" in out.out + out.err and "并列" in out.out + out.err
    assert not (tmp_path / "content" / "ag" / "t1" / "2025" / "Y.lock.json").exists()


def test_a_year_is_not_closed_while_a_quarter_it_reads_is_reopened_for_a_correction(tmp_path, capsys):
    """A quarter reopened for a correction is being changed: a year closed then froze its grades on the
    quarter as it was before the correction, and failed the day the quarter was closed again."""
    kaohe_run = _quarters_and_year(tmp_path, capsys)

    for label in ("Q1", "Q2", "Q3", "Q4"):
        assert kaohe_run("close", "t1", f"2025-{label}", "--agency", "ag")[0] == 0
    assert kaohe_run("reopen", "t1", "2025-Q2", "--agency", "ag", "--reason", "经复核，人2得分录入有误，经领导小组同意更正")[0] == 0
    code, out = kaohe_run("close", "t1", "2025-Y", "--agency", "ag")
    assert code != 0, out
    assert "第二季度" in out and "重新打开" in out and "人2得分录入有误" in out, out
    assert "还没有关闭" not in out, out  # reopened is said as such, not as never closed
    assert not (tmp_path / "content" / "ag" / "t1" / "2025" / "Y.lock.json").exists()
    assert kaohe_run("close", "t1", "2025-Q2", "--agency", "ag")[0] == 0  # the correction done: the year closes
    assert kaohe_run("close", "t1", "2025-Y", "--agency", "ag")[0] == 0


def test_a_file_deleted_or_added_after_the_close_is_named_so(tmp_path, monkeypatch):
    """A decisions file deleted (or added) after the close was reported as 文件被修改: the office looked for
    an edit in a file that was gone. Each file is named as changed, deleted or added."""
    root = _project(tmp_path, monkeypatch)
    code, out = kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)
    assert code == 0, out
    (root / NOTICE).unlink()
    decisions = root / f"content/{AGENCY}/{SCHEME}/2025/Q2.decisions.csv"
    decisions.write_text("编号,等次,理由,所决事项\n", encoding="utf-8")
    code, out = kaohe(root, "check")
    assert code == 1, out
    frozen = next(line for line in out.splitlines() if "[period-frozen-changed]" in line)
    assert f"删去了 {NOTICE}" in frozen and f"新增了 content/{AGENCY}/{SCHEME}/2025/Q2.decisions.csv" in frozen, frozen
    assert "被修改" not in frozen, frozen


@pytest.mark.parametrize("reason", ["经复核\x1b[31m，雷杰平得分录入有误，经领导小组同意更正", "经复核，雷杰平得分录入有误\u202e，经领导小组同意更正",
                                    "经复核，雷杰平得分录入有误，经领导小组同意更正" + "。" * 2000], ids=["esc", "bidi", "long"])
def test_a_reason_with_control_characters_or_pages_long_is_refused(tmp_path, monkeypatch, reason):
    """The 更正理由 is shown on the public pages: an ESC or a bidi override pasted with it (refused in every cell
    and YAML text) was written into the lock and onto the 公示; so was a reason of thousands of characters."""
    root = _project(tmp_path, monkeypatch)
    assert kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)[0] == 0
    before = (root / LOCK).read_bytes()
    code, out = kaohe(root, "reopen", SCHEME, "2025-Q2", "--agency", AGENCY, "--reason", reason)
    assert code == 2, out
    assert "更正理由" in out and "\x1b" not in out and "\u202e" not in out, out
    assert (root / LOCK).read_bytes() == before


def test_a_years_notice_waits_while_a_quarter_it_reads_has_an_open_tie(tmp_path):
    """A year whose grade reads its quarters' grades (年度优秀 须有两个季度为好) published its 公示 while a quarter's
    tie at the quota line was undecided: 人2's year hung on a grade nobody had decided. The year is held, as
    its close already was, naming the quarter; deciding the tie releases it."""
    from tests.unit.helpers import assessment, csv_text, item, make_project, people_csv, run, scheme

    grades = {"order": ["好", "较好"], "bands": [{"grade": "好", "at_least": 90}, {"grade": "较好", "below": 90}]}
    quarter = assessment([item("df", "得分", 100)], code="ps", name="平时考核", period="季度", grades=grades,
                         quotas=[{"grade": "好", "at_most": "30%"}])
    year = assessment([item("pj", "平均", 100, score={"kind": "period_score", "missing": "skip"})], code="nd", name="年度考核",
                      period="年度", rolls_up="ps", results_optional=True, grades=grades,
                      overrides=[{"kind": "gate", "grade": "好", "requires": '次数("好") >= 2', "reason": "年度好等次须有两个季度为好"}])
    files = {f"{q}.csv": people_csv([[f"{i:04d}", f"人{i}", "办公室", s] for i, s in enumerate(
        ["95", "93", "93" if q == "Q2" else str(90 - n), "80", "70", "60", "50"], start=1)], ["得分"])
        for n, q in enumerate(["Q1", "Q2", "Q3", "Q4"], start=1)}
    files["Y.notice.yaml"] = "start: 2026-01-12\n"
    make_project(tmp_path, scheme(quarter, year), files)
    _, periods, _ = run(tmp_path)
    held = next(p for p in periods if p.label == "Y").held
    assert len(held) == 1 and "第二季度" in held[0] and "并列" in held[0], held
    tie = "并列：全单位「好」名额线 总分 93，余 1 个名额：0002、0003"
    decided = csv_text(["编号", "等次", "理由", "所决事项"], [["0002", "好", "2025年7月3日领导小组会议研究", tie], ["0003", "较好", "2025年7月3日领导小组会议研究", tie]])
    (tmp_path / "content/ag/t1/2025/Q2.decisions.csv").write_text(decided, encoding="utf-8")
    _, periods, problems = run(tmp_path)
    assert [p.format() for p in problems.sorted() if p.severity.name == "ERROR"] == []
    assert next(p for p in periods if p.label == "Y").held == []


def test_a_period_whose_notice_has_not_ended_is_not_closed(tmp_path, monkeypatch):
    """The guide says to close once the 公示 is over; kaohe close locked a period whose 公示 had not even
    begun, so a grade changed on an objection could only be put right by reopening, and the pages then
    showed a 更正 of a result that was never final. On the 公示's last day it still refuses; the day after, it closes."""
    root = _project(tmp_path, monkeypatch)
    (root / NOTICE).write_text("start: 2025-07-30\ndays: 5\n", encoding="utf-8")  # 7-30 … 8-05; today is 2025-08-01
    code, out = kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)
    assert code == 2, out
    assert "公示正在进行，2025年8月5日才结束（今天是 2025年8月1日），没有关闭" in out and "公示结束、结果确定后再运行 kaohe close" in out
    assert not (root / LOCK).exists()
    (root / NOTICE).write_text("start: 2025-08-04\ndays: 5\n", encoding="utf-8")
    code, out = kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)
    assert code == 2 and "公示尚未开始" in out and not (root / LOCK).exists()
    (root / NOTICE).write_text("start: 2025-07-25\ndays: 5\n", encoding="utf-8")  # 7-25 … 7-31: over
    code, out = kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)
    assert code == 0, out


def test_a_year_is_not_closed_while_a_quarter_it_reads_was_never_closed(tmp_path, capsys):
    """The year freezes its grades on its quarters': a quarter never closed may still be edited, and the year then
    failed the next check (period-frozen-changed) instead of being refused at its close. Each quarter left open is
    named with the command that closes it; once they are closed the year closes."""
    kaohe_run = _quarters_and_year(tmp_path, capsys)

    for label in ("Q1", "Q3"):
        assert kaohe_run("close", "t1", f"2025-{label}", "--agency", "ag")[0] == 0
    code, out = kaohe_run("close", "t1", "2025-Y", "--agency", "ag")
    assert code == 2, out
    assert "2025年第二季度平时考核" in out and "2025年第四季度平时考核" in out and "还没有关闭" in out, out
    assert "第一季度" not in out and "kaohe close t1 2025-Q2 --agency ag" in out, out
    assert not (tmp_path / "content" / "ag" / "t1" / "2025" / "Y.lock.json").exists()
    for label in ("Q2", "Q4"):
        assert kaohe_run("close", "t1", f"2025-{label}", "--agency", "ag")[0] == 0
    assert kaohe_run("close", "t1", "2025-Y", "--agency", "ag")[0] == 0


def test_reopening_a_quarter_a_closed_year_reads_says_the_year_must_be_reopened_too(tmp_path, capsys):
    """The year was closed on its quarters; reopening Q2 for a correction changes the year's grades with it, which the
    office learned only at the next check (period-frozen-changed on the year). The reopen now says so, with the command."""
    from generator.cli import main
    from tests.unit.helpers import assessment, item, make_project, people_csv, scheme

    grades = {"order": ["好", "较好"], "bands": [{"grade": "好", "at_least": 90}, {"grade": "较好", "below": 90}]}
    quarter = assessment([item("df", "得分", 100)], code="ps", name="平时考核", period="季度", grades=grades)
    year = assessment([item("pj", "平均", 100, score={"kind": "period_score", "missing": "skip"})], code="nd", name="年度考核",
                      period="年度", rolls_up="ps", results_optional=True, grades=grades)
    files = {f"{q}.csv": people_csv([[f"{i:04d}", f"人{i}", "办公室", s] for i, s in enumerate([str(90 + n), "80"], start=1)], ["得分"])
             for n, q in enumerate(("Q1", "Q2", "Q3", "Q4"))}
    make_project(tmp_path, scheme(quarter, year), files)

    def kaohe_run(*args):
        code = main(["-C", str(tmp_path), *args])
        out = capsys.readouterr()
        return code, out.out + out.err

    for label in ("Q1", "Q2", "Q3", "Q4", "Y"):
        assert kaohe_run("close", "t1", f"2025-{label}", "--agency", "ag")[0] == 0
    code, out = kaohe_run("reopen", "t1", "2025-Q2", "--agency", "ag", "--reason", "经复核，人2得分录入有误，经领导小组同意更正")
    assert code == 0, out
    assert "2025年度考核汇总了本期，已经关闭" in out, out
    assert "kaohe reopen t1 2025-Y --agency ag" in out, out
    code, out = kaohe_run("reopen", "t1", "2025-Q3", "--agency", "ag", "--reason", "经复核，人2得分录入有误，经领导小组同意更正")
    assert code == 0 and "kaohe reopen t1 2025-Y" in out, out


def _quarters_and_year(tmp_path, capsys):
    """A project of four quarters (two people, 95 and 80) and a 年度 averaging them; `kaohe` run in it, giving
    (exit code, what it printed)."""
    from generator.cli import main
    from tests.unit.helpers import assessment, item, make_project, people_csv, scheme

    grades = {"order": ["好", "较好"], "bands": [{"grade": "好", "at_least": 90}, {"grade": "较好", "below": 90}]}
    quarter = assessment([item("df", "得分", 100)], code="ps", name="平时考核", period="季度", grades=grades)
    year = assessment([item("pj", "平均", 100, score={"kind": "period_score", "missing": "skip"})], code="nd", name="年度考核",
                      period="年度", rolls_up="ps", results_optional=True, grades=grades)
    files = {f"{q}.csv": people_csv([[f"{i:04d}", f"人{i}", "办公室", s] for i, s in enumerate(["95", "80"], start=1)], ["得分"])
             for q in ("Q1", "Q2", "Q3", "Q4")}
    make_project(tmp_path, scheme(quarter, year), files)

    def kaohe_run(*args):
        code = main(["-C", str(tmp_path), *args])
        out = capsys.readouterr()
        return code, out.out + out.err

    return kaohe_run
