"""Committee decisions as inputs: duplicates, causes, staleness after a correction, quotas exceeded
only by an explicit statement, counts after decisions on every page kind, minimum shares after
decisions, competition ranks (issue 11, points 1–4)."""

from __future__ import annotations

import json
import shutil

import pytest

from generator.core.problems import Problems, Severity
from generator.engine.ranks import ranks
from generator.site.generate import generate
from tests.unit.helpers import by_id, csv_text, grade_sheet, places, simple_scheme, xlsx_bytes
from tests.web.util import EPOCH, REPO

GRADES = {
    "order": ["好", "较好", "一般"],
    "bands": [{"grade": "好", "at_least": 90}, {"grade": "较好", "at_least": 60, "below": 90}, {"grade": "一般", "below": 60}],
}
SCORES = ["95", "93", "93", "91", "80", "70", "50"]  # 好 不超过 30% of 7 = 2: 人1 in, 人2 and 人3 tie at the line
TIE = "并列：全单位「好」名额线 总分 93.00：2、3"
HEADER = ["编号", "姓名", "等次", "理由", "所决事项", "超出名额"]
MEETING = "2025年4月3日领导小组会议"


def run(root, decisions=None, scores=SCORES, quotas=None, extra=None, notice=False):
    quotas = quotas if quotas is not None else [{"grade": "好", "at_most": "30%"}]
    data = simple_scheme(grades=GRADES, quotas=quotas, places=2, publicity={"grades": ["好"], "columns": ["姓名", "总分", "名次", "等次"]})
    rows = [[str(i + 1), f"人{i + 1}", "办公室" if i % 2 else "财务科", s] for i, s in enumerate(scores)]
    files = dict(extra or {})
    if decisions is not None:
        files["Q1.decisions.csv"] = csv_text(HEADER, decisions)
    if notice:
        files["Q1.notice.yaml"] = "start: 2025-04-01\ndays: 5\n"
    return grade_sheet(root, data, ["得分"], rows, extra=files)


def decisions_problems(problems):
    return [(p.line, p.code) for p in problems.sorted() if p.file.endswith("decisions.csv") or p.code == "duplicate-code"]


# --- point 1: decision files are inputs like any other


def test_two_decision_files_for_one_period(tmp_path):
    other = xlsx_bytes([HEADER, ["2", "人2", "好", MEETING, TIE, ""]])
    _, problems = run(tmp_path, [["2", "人2", "好", MEETING, TIE, ""]], extra={"Q1.decisions.xlsx": other})
    dup = [p for p in problems.sorted() if p.code == "duplicate-code"]
    assert [(p.file, p.line) for p in dup] == [("content/ag/t1/2025/Q1.decisions.xlsx", None)]
    assert "Q1.decisions.csv" in dup[0].message and "Q1.decisions.xlsx" in dup[0].message


def test_a_person_twice_names_both_rows(tmp_path):
    _, problems = run(tmp_path, [["2", "人2", "好", MEETING, TIE, ""], ["3", "人3", "较好", MEETING, TIE, ""], ["2", "人2", "较好", MEETING, TIE, ""]])
    dup = [p for p in problems.sorted() if p.code == "decision-duplicate"]
    assert [(p.line, p.column) for p in dup] == [(4, "A")]
    assert "第 2 行和第 4 行" in dup[0].message
    assert problems.has_errors()


def test_decision_without_cause(tmp_path):
    # no quota at all: nothing for the committee to decide on a person the rules graded
    _, problems = run(tmp_path, [["5", "人5", "好", MEETING, "原为：较好", ""]], quotas=[])
    assert decisions_problems(problems) == [(2, "decision-without-cause")]
    assert problems.has_errors()


# 人6 (70, 较好) is no candidate for 好: a tie elsewhere in the period is no cause to change its grade
NO_CAUSE = ["6", "人6", "一般", MEETING, "原为：较好", ""]


@pytest.mark.parametrize(
    "decisions, row",
    [
        ([["2", "人2", "好", MEETING, TIE, ""], ["3", "人3", "较好", MEETING, TIE, ""], NO_CAUSE], 4),  # the tie decided
        ([["2", "人2", "好", MEETING, TIE, ""], ["3", "人3", "较好", MEETING, TIE, ""], NO_CAUSE[:3] + [MEETING, "", ""]], 4),  # no 所决事项
        ([NO_CAUSE], 2),  # the tie left open
    ],
    ids=["tie-decided", "unrecorded", "tie-open"],
)
def test_decision_without_cause_in_a_period_with_a_tie(tmp_path, decisions, row):
    period, problems = run(tmp_path, decisions)
    assert decisions_problems(problems) == [(row, "decision-without-cause")]
    assert by_id(period)["6"].grade == "较好" and not by_id(period)["6"].decided  # not applied
    message = next(p.message for p in problems.sorted() if p.code == "decision-without-cause")
    assert "人6（6）" in message and "本期没有" not in message  # this period has a tie: the message is about the person


def test_decision_naming_a_tie_the_person_is_not_in_is_stale_and_not_applied(tmp_path):
    # 所决事项 names the tie, but 人6 is not in it: the existing check (decision-stale) reports it and holds the 公示
    period, problems = run(tmp_path, [["2", "人2", "好", MEETING, TIE, ""], ["3", "人3", "较好", MEETING, TIE, ""], NO_CAUSE[:4] + [TIE, ""]])
    assert decisions_problems(problems) == [(4, "decision-stale")]
    assert by_id(period)["6"].grade == "较好" and not by_id(period)["6"].decided and period.held


def test_decision_without_cause_in_the_demo_with_a_tie(tmp_path, capsys):
    """The tester's repro: yunxi-czj 2024 Q2 has a decided tie at the 好 line; one more line changes 0001."""
    from generator.cli import main
    from tests.web.util import copy_demo_part

    root = copy_demo_part(tmp_path, ("yunxi-czj",))
    path = root / "content" / "yunxi-czj" / "s003-p2" / "2024" / "Q2.decisions.csv"
    text = path.read_text(encoding="utf-8-sig").rstrip("\r\n")
    path.write_text(text + "\r\n0001,雷杰平,较差,2024年7月8日局领导小组会议,原为：较好\r\n", encoding="utf-8-sig")
    capsys.readouterr()
    assert main(["-C", str(root), "check", "--format", "json"]) != 0
    found = [(p["file"], p["line"]) for p in json.loads(capsys.readouterr().out)["problems"] if p["code"] == "decision-without-cause"]
    assert found == [("content/yunxi-czj/s003-p2/2024/Q2.decisions.csv", 4)]


def test_decision_on_a_candidate_the_quota_dropped_has_a_cause(tmp_path):
    # 人4 (91) was a candidate for 好 and is beyond the quota: the committee may decide on it
    period, problems = run(tmp_path, [["2", "人2", "较好", MEETING, TIE, ""], ["3", "人3", "较好", MEETING, TIE, ""], ["4", "人4", "好", MEETING, "原为：较好", ""]])
    assert problems.sorted() == []
    assert by_id(period)["4"].grade == "好"


def test_decision_to_meet_a_minimum_share_has_a_cause(tmp_path):
    quotas = [{"grade": "好", "at_least": "30%"}]  # 7 people: at least 3 好; only 人1 and 人2 score 90 or more
    scores = ["95", "93", "85", "80", "75", "70", "50"]
    period, problems = run(tmp_path, [["3", "人3", "好", MEETING, "原为：较好", ""]], scores=scores, quotas=quotas)
    assert problems.sorted() == []
    assert by_id(period)["3"].grade == "好"
    _, lowered = run(tmp_path / "b", [["4", "人4", "一般", MEETING, "原为：较好", ""]], scores=scores, quotas=quotas)
    assert decisions_problems(lowered) == [(2, "decision-without-cause")]  # lowering someone does not meet it


def test_no_grade_decision_is_its_own_cause(tmp_path):
    period, problems = run(tmp_path, [["5", "人5", "不确定等次", MEETING, "原为：较好", ""]], quotas=[])
    assert problems.sorted() == []
    assert by_id(period)["5"].status == "no_grade"


def test_unknown_person_and_grade(tmp_path):
    _, problems = run(tmp_path, [["99", "", "好", MEETING, TIE, ""], ["2", "人2", "特好", MEETING, TIE, ""]])
    assert places(problems, "unknown-person") == [(2, "A", "unknown-person")]  # at the ID cell
    assert places(problems, "decision-invalid") == [(3, "C", "decision-invalid")]


def test_old_file_without_basis_is_read_with_a_warning_saying_what_to_write(tmp_path):
    data = simple_scheme(grades=GRADES, quotas=[{"grade": "好", "at_most": "30%"}], places=2)
    rows = [[str(i + 1), f"人{i + 1}", "办公室", s] for i, s in enumerate(SCORES)]
    old = csv_text(["编号", "姓名", "等次", "理由"], [["2", "人2", "好", MEETING], ["3", "人3", "较好", MEETING]])
    period, problems = grade_sheet(tmp_path, data, ["得分"], rows, extra={"Q1.decisions.csv": old})
    found = [p for p in problems.sorted() if p.code == "decision-unrecorded"]
    assert [(p.line, p.severity) for p in found] == [(2, Severity.WARNING), (3, Severity.WARNING)]
    assert "总分 93" in found[0].message and "2、3" in found[0].message
    assert by_id(period)["2"].grade == "好" and not period.held


# --- point 2: decisions are checked against today's results


def test_a_recorded_decision_applies(tmp_path):
    period, problems = run(tmp_path, [["2", "人2", "好", MEETING, TIE, ""], ["3", "人3", "较好", MEETING, "并列：全单位「好」名额线 总分 93：3,2", ""]])
    assert problems.sorted() == []
    assert [by_id(period)[k].grade for k in ("2", "3")] == ["好", "较好"]
    assert "所决事项" in by_id(period)["2"].trace[-1].text


@pytest.mark.parametrize(
    "scores, today",
    [
        (["95", "93", "92.9", "91", "80", "70", "50"], "原为："),  # corrected: the tie is gone
        (["95", "93", "93", "93", "80", "70", "50"], "2、3、4"),  # corrected: a third person joins the tie
    ],
    ids=["tie-gone", "tie-changed"],
)
def test_stale_decision_after_a_correction(tmp_path, scores, today):
    period, problems = run(tmp_path, [["2", "人2", "好", MEETING, TIE, ""], ["3", "人3", "较好", MEETING, TIE, ""]], scores=scores, notice=True)
    stale = [p for p in problems.sorted() if p.code == "decision-stale"]
    assert [(p.line, p.severity) for p in stale] == [(2, Severity.WARNING), (3, Severity.WARNING)]
    assert today in stale[0].message
    assert period.held
    people = by_id(period)
    assert not people["2"].decided and not people["3"].decided  # not applied
    assert "已过时" in people["3"].trace[-1].text


def test_a_decision_moved_by_an_error_in_the_sheet_is_no_call_for_the_committee(tmp_path):
    """A department typo (or a duplicate ID) in the sheet moved the line; each decision was then
    reported decision-stale, 「请提交领导小组重新确认」. The sheet's error is the cause: counted on it,
    the decisions still not applied and the notice held until it is fixed."""
    period, problems = run(tmp_path, [["2", "人2", "好", MEETING, TIE, ""], ["3", "人3", "较好", MEETING, TIE, ""]],
                           scores=["95", "93", "93", "91", "80", "70", "abc"], notice=True)
    assert [p.code for p in problems.sorted()] == ["not-a-number"]
    assert sum(problems.caused.values()) >= 2
    assert period.held and not by_id(period)["2"].decided


def test_stale_decision_holds_the_notice(tmp_path, monkeypatch):
    run(tmp_path, [["2", "人2", "好", MEETING, TIE, ""], ["3", "人3", "较好", MEETING, TIE, ""]], scores=["95", "93", "92.9", "91", "80", "70", "50"], notice=True)
    page = _pages(tmp_path, monkeypatch, "public")["notices/ag/t1/2025-Q1.md"]
    assert "暂不公示" in page and "重新确认" in page and "人2" not in page


def test_decisions_over_quota_are_an_error(tmp_path):
    _, problems = run(tmp_path, [["2", "人2", "好", MEETING, TIE, ""], ["3", "人3", "好", MEETING, TIE, ""]])
    assert decisions_problems(problems) == [(2, "decision-over-quota"), (3, "decision-over-quota")]


def test_explicit_exceed_statement_is_shown(tmp_path, monkeypatch):
    statement = "经领导小组研究同意超出名额1人，二人均承担急难险重任务"
    period, problems = run(tmp_path, [["2", "人2", "好", MEETING, TIE, statement], ["3", "人3", "好", MEETING, TIE, ""]], notice=True)
    assert [p for p in problems.sorted() if p.severity is Severity.ERROR] == []
    use = period.quotas[0]
    assert (use.allowed, use.granted, use.exceeded) == (2, 3, [("2", statement)])
    assert statement in by_id(period)["2"].trace[-1].text
    page = _pages(tmp_path, monkeypatch, "public")["notices/ag/t1/2025-Q1.md"]
    assert statement in page and "共 3 人" in page


# --- point 3: one truth for counts


def test_quota_lines_after_a_decision_on_every_page_kind(tmp_path, monkeypatch):
    period, problems = run(tmp_path, [["2", "人2", "好", MEETING, TIE, ""], ["3", "人3", "较好", MEETING, TIE, ""]], notice=True)
    use = period.quotas[0]
    assert (use.allowed, use.granted, use.tied, use.decided) == (2, 2, [], ["2", "3"])
    files = _pages(tmp_path, monkeypatch, "internal")
    results = files["results/ag/t1/2025-Q1.md"]
    assert "名额 2 人，实际 2 人" in results and "待决定" not in results
    department = next(text for path, text in files.items() if path.startswith("departments/") and "财务科" in text and "名额" in text)
    assert "名额 2 人，实际 2 人" in department
    assert "共 2 人" in files["notices/ag/t1/2025-Q1.md"]


def test_minimum_share_is_evaluated_after_decisions(tmp_path):
    quotas = [{"grade": "好", "at_most": "20%"}, {"grade": "好", "at_least": "20%"}]
    scores = ["95", "93", "93", "80", "80", "80", "80", "80", "80", "80"]  # 10 people: at most 2, at least 2; 人2 and 人3 tie
    tie = "并列：全单位「好」名额线 总分 93：2、3"
    _, pending = run(tmp_path / "a", None, scores=scores, quotas=quotas)
    assert "quota-minimum-not-met" not in [p.code for p in pending.sorted()]  # tied candidates are pending, not 0
    _, confirmed = run(tmp_path / "b", [["2", "人2", "好", MEETING, tie, ""], ["3", "人3", "较好", MEETING, tie, ""]], scores=scores, quotas=quotas)
    assert confirmed.sorted() == []
    _, short = run(tmp_path / "c", [["2", "人2", "较好", MEETING, tie, ""], ["3", "人3", "较好", MEETING, tie, ""]], scores=scores, quotas=quotas)
    minimum = [p for p in short.sorted() if p.code == "quota-minimum-not-met"]
    assert len(minimum) == 1 and "实际 1 人" in minimum[0].message


# --- point 4: competition ranks


def test_competition_ranks():
    entries = [("a", 100), ("b", 100), ("c", 90), ("d", 80), ("e", 80)]
    assert ranks(entries, lambda v: v) == {"a": 1, "b": 1, "c": 3, "d": 4, "e": 4}
    assert ranks(entries, lambda v: v, "dense") == {"a": 1, "b": 1, "c": 2, "d": 3, "e": 3}
    assert ranks(entries, lambda v: v, "ordinal") == {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}


def test_notice_ranks_equal_totals_equally(tmp_path):
    from generator.site.pages_notice import notice_table

    scores = ["100", "100", "95", "80", "70"]
    period, _ = run(tmp_path, None, scores=scores, quotas=[])
    headers, rows = notice_table(period)
    rank_col = headers.index("名次")
    assert [row[rank_col] for row in rows] == ["1", "1", "3"]


def test_quota_trace_ranks_equal_keys_equally(tmp_path):
    period, _ = run(tmp_path, None, scores=["95", "95", "93", "91", "80", "70", "50"])
    people = by_id(period)
    assert "排第 1 名" in people["1"].trace[-1].text and "排第 1 名" in people["2"].trace[-1].text
    assert "排第 3 名" in people["3"].trace[-1].text


def _pages(root, monkeypatch, audience):
    shutil.copy(REPO / "content" / "holidays.yaml", root / "content" / "holidays.yaml")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    generated = generate(root, audience, Problems())
    return {path: data.decode("utf-8") for path, data in generated.files.items() if path.endswith(".md")}


def test_guide_explains_the_stale_decision_flow(tmp_path, monkeypatch):
    run(tmp_path, None)
    guide = _pages(tmp_path, monkeypatch, "internal")["guide/publish.md"]  # the operator manual is internal only (issue 13)
    assert "## 领导小组决定 {#decisions}" in guide and "{#stale}" in guide
    for words in ("所决事项", "decision-stale", "超出名额", "重新确认", "kaohe reopen", "原为："):
        assert words in guide


def test_close_refuses_a_period_with_a_stale_decision(tmp_path, capsys):
    from generator.cli import main

    run(tmp_path, [["2", "人2", "好", MEETING, TIE, ""], ["3", "人3", "较好", MEETING, TIE, ""]], scores=["95", "93", "92.9", "91", "80", "70", "50"])
    code = main(["-C", str(tmp_path), "close", "t1", "2025-Q1", "--agency", "ag"])
    assert code != 0
    assert "过时" in capsys.readouterr().err
    assert not (tmp_path / "content" / "ag" / "t1" / "2025" / "Q1.lock.json").exists()


def test_close_correct_reopen_then_the_decision_is_stale(tmp_path, capsys):
    """The office's flow: decided and closed; a 复核 finds 人3's score wrong; reopen, correct, check."""
    from generator.cli import main

    decisions = [["2", "人2", "好", MEETING, TIE, ""], ["3", "人3", "较好", MEETING, TIE, ""]]
    run(tmp_path, decisions)
    assert main(["-C", str(tmp_path), "close", "t1", "2025-Q1", "--agency", "ag"]) == 0
    assert main(["-C", str(tmp_path), "reopen", "t1", "2025-Q1", "--agency", "ag", "--reason", "人3 得分录入错误"]) == 0
    sheet = tmp_path / "content" / "ag" / "t1" / "2025" / "Q1.csv"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("3,人3,财务科,93", "3,人3,财务科,93.5"), encoding="utf-8")
    capsys.readouterr()
    assert main(["-C", str(tmp_path), "check"]) == 0  # warnings only: the build is held, not broken
    out = capsys.readouterr().out
    assert out.count("[decision-stale]") == 2 and "原为：好" in out
    assert main(["-C", str(tmp_path), "check", "--strict"]) != 0


def test_each_quota_use_is_its_own_line_on_the_results_page(tmp_path, monkeypatch):
    """A quota per department gave 「- 办公室「好」：……（…人）- 财务科「好」：……」 on one line: one bullet
    (the template's last endif ate the line break; s003-p6's 考核单元 showed it in the demo)."""
    run(tmp_path, None, quotas=[{"grade": "好", "scope": "department", "at_most": "30%"}])
    page = _pages(tmp_path, monkeypatch, "internal")["results/ag/t1/2025-Q1.md"]
    lines = [line for line in page.splitlines() if "「好」：名额" in line]
    assert [line[:6] for line in lines] == ["- 办公室「", "- 财务科「"]
