"""A committee's decided grade in a roll-up is held to the scheme's rules that count the earlier periods.

The demo's s003-p2 年度考核 reads its quarters: 「平时考核结果为一般、较差等次累计次数超过一半的，年度考核结果
确定为基本称职或者不称职等次」 (a cap over 次数) and 「年度考核为优秀等次的，平时考核结果好等次一半以上，且无一般、
较差等次」 (a gate over 次数 and 期数). The mutation: the year gets the 公务员考核规定's 立案调查 rule (不定等次,
结案后补定), 方英 (0018: Q1 一般, Q2 较差, Q3 较好) and 郝春建 (0004: Q1 好, Q2 一般, Q3 好) are under it, and
the committee settles their grades. The decided grade was put through the caps and gates without the quarters'
history (次数 could not be judged there), so a decided 优秀 stood on the 公示 against both rules.
"""

from __future__ import annotations

import json
import shutil

from generator.cli import main
from tests.unit.helpers import by_id, csv_text, run
from tests.web.util import copy_demo_part

YEAR = ("content", "yunxi-czj", "s003-p2", "2024")
HEADER = ["编号", "姓名", "等次", "理由", "所决事项"]
SETTLED = "2025年1月20日立案调查结案，不予处分，经局考核委员会会议研究补定"
INQUIRY_RULE = """      - kind: no_grade
        when: 立案调查
        label: 不确定等次
        reason: 涉嫌违纪违法被立案调查尚未结案的，参加年度考核，不定等次；结案后不给予处分或者给予警告处分的，按规定补定等次
        decided_later: true
"""


def project(tmp_path, decisions):
    """The demo's s003-p2 with the 立案调查 rule in its 年度考核 and 0018, 0004 under it in Y.csv."""
    root = copy_demo_part(tmp_path, ("yunxi-czj",))
    shutil.rmtree(root / "content" / "yunxi-czj" / "s003-p2" / "2025")  # its 年度.xlsx has no 立案调查 column
    scheme = root / "schemes" / "s003-p2.yaml"
    text = scheme.read_text(encoding="utf-8")
    head, sep, tail = text.partition("    rolls_up: pingshi\n")
    tail = tail.replace("      - {name: 试用期, type: yesno, description: 年度考核时仍在试用期内的新录用公务员填“是”}\n",
                        "      - {name: 试用期, type: yesno, description: 年度考核时仍在试用期内的新录用公务员填“是”}\n"
                        "      - {name: 立案调查, type: yesno}\n", 1)
    marker = "        reason: 新录用的公务员在试用期内只写评语，不确定等次（原文第 3 条对平时考核的规定，本方案推及年度考核，见假定 A5）\n"
    assert marker in tail
    scheme.write_text(head + sep + tail.replace(marker, marker + INQUIRY_RULE, 1), encoding="utf-8")
    sheet = root.joinpath(*YEAR, "Y.csv")
    lines = sheet.read_text(encoding="utf-8-sig").splitlines()
    out = [lines[0] + ",立案调查"]
    for line in lines[1:]:
        out.append(line + ("," + ("是" if line.split(",")[0] in ("0018", "0004") else "")))
    sheet.write_text("\ufeff" + "\r\n".join(out) + "\r\n", encoding="utf-8")
    if decisions:
        root.joinpath(*YEAR, "Y.decisions.csv").write_text("\ufeff" + csv_text(HEADER, decisions), encoding="utf-8")
    return root


def year_of(root):
    _, periods, problems = run(root)
    year = next(p for p in periods if p.scheme.code == "s003-p2" and p.year == 2024 and p.label == "Y")
    return by_id(year), problems


def decision_problems(problems):
    return [(p.line, p.column, p.code) for p in problems.sorted() if p.file.endswith("Y.decisions.csv")]


def test_the_mutation_leaves_both_without_a_grade(tmp_path):
    people, problems = year_of(project(tmp_path, []))
    assert (people["0018"].status, people["0004"].status) == ("no_grade", "no_grade")
    assert not problems.has_errors(), [p.format() for p in problems.sorted() if p.severity.name == "ERROR"]


def test_a_settled_grade_above_a_cap_over_the_quarters_is_refused(tmp_path):
    people, problems = year_of(project(tmp_path, [["0018", "方英", "称职", SETTLED, "原为：不确定等次"]]))
    assert decision_problems(problems) == [(2, "C", "decision-against-rule")]
    message = next(p for p in problems.sorted() if p.code == "decision-against-rule").message
    assert all(w in message for w in ("方英（0018）", "累计次数超过一半", "「基本称职」", "「称职」")), message
    assert (people["0018"].status, people["0018"].grade, people["0018"].decided) == ("no_grade", None, False)


def test_a_settled_excellent_against_the_gate_over_the_quarters_is_refused(tmp_path):
    people, problems = year_of(project(tmp_path, [["0004", "郝春建", "优秀", SETTLED, "原为：不确定等次"]]))
    assert decision_problems(problems) == [(2, "C", "decision-against-rule")]
    message = next(p for p in problems.sorted() if p.code == "decision-against-rule").message
    assert all(w in message for w in ("郝春建（0004）", "好等次一半以上", "「称职」")), message
    assert people["0004"].status == "no_grade"


def test_a_settled_grade_the_quarters_allow_is_applied(tmp_path):
    decisions = [["0018", "方英", "基本称职", SETTLED, "原为：不确定等次"], ["0004", "郝春建", "称职", SETTLED, "原为：不确定等次"]]
    people, problems = year_of(project(tmp_path, decisions))
    assert decision_problems(problems) == []
    assert (people["0018"].grade, people["0018"].decided) == ("基本称职", True)
    assert (people["0004"].grade, people["0004"].decided) == ("称职", True)


def test_check_fails_at_the_decision_row(tmp_path, capsys):
    root = project(tmp_path, [["0018", "方英", "优秀", SETTLED, "原为：不确定等次"]])
    capsys.readouterr()
    assert main(["-C", str(root), "check", "--format", "json"]) == 1
    found = [(p["file"], p["line"], p["column"]) for p in json.loads(capsys.readouterr().out)["problems"] if p["code"] == "decision-against-rule"]
    assert found == [("content/yunxi-czj/s003-p2/2024/Y.decisions.csv", 2, "C")]


def test_a_settled_excellent_over_no_graded_period_fails_its_gate_as_the_grading_does(tmp_path):
    """甲 was 试用期 in both halves (no grade) and under 立案调查 in the year: 补定 优秀 met 「一半以上为优秀」 over
    zero graded periods, which the grading itself never grants (gate-no-periods)."""
    from tests.unit.helpers import assessment, item, make_project, people_csv, scheme

    grades = {"order": ["优秀", "称职"], "bands": [{"grade": "优秀", "at_least": 90}, {"grade": "称职", "below": 90}]}
    half = assessment([item("df", "得分", 100)], code="bn", name="半年考核", period="半年", grades=grades,
                      inputs=[{"name": "试用期", "type": "yesno"}], overrides=[{"kind": "no_grade", "when": "试用期", "reason": "试用期内不确定等次"}])
    gate = {"kind": "gate", "grade": "优秀", "requires": '次数("优秀") * 2 >= 期数()', "reason": "半年考核一半以上为优秀的，方可评为年度优秀"}
    inquiry = {"kind": "no_grade", "when": "立案调查", "reason": "立案调查尚未结案的不定等次，结案后补定", "decided_later": True}
    annual = assessment([item("ps", "平时", 100, score={"kind": "period_score", "missing": "skip"})], code="nd", name="年度考核", period="年度",
                        rolls_up="bn", grades=grades, inputs=[{"name": "立案调查", "type": "yesno"}], overrides=[inquiry, gate])
    sheets = {
        "H1.csv": people_csv([["1", "甲", "办公室", "92", "是"], ["2", "乙", "办公室", "95", ""]], ["得分", "试用期"]),
        "H2.csv": people_csv([["1", "甲", "办公室", "95", "是"], ["2", "乙", "办公室", "91", ""]], ["得分", "试用期"]),
        "Y.csv": people_csv([["1", "甲", "办公室", "是"], ["2", "乙", "办公室", ""]], ["立案调查"]),
        "Y.decisions.csv": csv_text(HEADER, [["1", "甲", "优秀", "2026年1月20日结案，经领导小组会议研究补定", "原为：不确定等次"]]),
    }
    make_project(tmp_path, scheme(half, annual), sheets)
    _, periods, problems = run(tmp_path)
    year = by_id(next(p for p in periods if p.label == "Y"))
    assert [(p.line, p.column, p.code) for p in problems.sorted() if p.file.endswith("Y.decisions.csv")] == [(2, "C", "decision-against-rule")]
    assert "「称职」" in next(p for p in problems.sorted() if p.code == "decision-against-rule").message
    assert year["1"].status == "no_grade"
    assert year["2"].grade == "优秀"


def _moved(tmp_path, decisions, q1_score="95"):
    """甲 (0001) in 办公室 for Q1–Q2 and 财务科 for Q3–Q4; the year (no sheet of its own) has 优秀 50% per department."""
    from tests.unit.helpers import assessment, item, make_project, people_csv, scheme

    grades = {"order": ["优秀", "称职"], "bands": [{"grade": "优秀", "at_least": 90}, {"grade": "称职", "below": 90}]}
    quarter = assessment([item("df", "得分", 100)], code="ps", name="平时考核", period="季度", grades=grades)
    annual = assessment([item("pj", "平均", 100, score={"kind": "period_score", "missing": "skip"})], code="nd", name="年度考核", period="年度",
                        rolls_up="ps", results_optional=True, grades=grades, quotas=[{"grade": "优秀", "at_most": "50%", "scope": "department"}])

    def sheet(department, first, low):
        return people_csv([["0001", "甲", department, first], ["0002", "乙", "财务科", "95"], ["0003", "丙", "办公室", "95"],
                           ["0004", "丁", "办公室", low], ["0005", "戊", "财务科", low]], ["得分"])

    files = {"Q1.csv": sheet("办公室", q1_score, "80"), "Q2.csv": sheet("办公室", "95", "81"), "Q3.csv": sheet("财务科", "95", "82"),
             "Q4.csv": sheet("财务科", "95", "83"), "Y.decisions.csv": csv_text(HEADER, decisions)}
    make_project(tmp_path, scheme(quarter, annual), files)
    _, periods, problems = run(tmp_path)
    return by_id(next(p for p in periods if p.label == "Y")), problems


MOVED_TIE = "并列：财务科「优秀」名额线 总分 95.00，余 1 个名额：0001、0002"


def test_a_person_who_moved_mid_year_is_decided_on_the_quota_of_the_department_they_end_the_year_in(tmp_path):
    """The year's row of a roll-up without a sheet is the person's last period's: 甲 counts in 财务科 (as the guide says),
    tied there with 乙 for its one place, and the committee's decision on 财务科's line is applied."""
    decided = [["0001", "甲", "优秀", "2026年1月5日领导小组会议研究", MOVED_TIE], ["0002", "乙", "称职", "2026年1月5日领导小组会议研究", MOVED_TIE]]
    people, problems = _moved(tmp_path, decided)
    assert [p.format() for p in problems.sorted() if p.severity.name != "INFO"] == []
    assert (people["0001"].person.department, people["0001"].grade, people["0001"].decided) == ("财务科", "优秀", True)
    assert (people["0002"].grade, people["0003"].grade) == ("称职", "优秀")  # 办公室's own place is 丙's


def test_a_quarter_corrected_after_the_years_decision_makes_it_stale(tmp_path):
    decided = [["0001", "甲", "优秀", "2026年1月5日领导小组会议研究", MOVED_TIE], ["0002", "乙", "称职", "2026年1月5日领导小组会议研究", MOVED_TIE]]
    people, problems = _moved(tmp_path, decided, q1_score="96")  # 甲's Q1 corrected: 95.25, no longer tied
    assert [(p.line, p.code) for p in problems.sorted() if p.file.endswith("Y.decisions.csv")] == [(2, "decision-stale"), (3, "decision-stale")]
    assert not people["0001"].decided and not people["0002"].decided
