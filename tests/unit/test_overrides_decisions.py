"""Overrides in declared order (no_grade, force, cap, gate), then committee decisions applied last."""

from __future__ import annotations

import pytest

from tests.unit.helpers import by_id, csv_text, grade_sheet, handbook_text, simple_scheme

GRADES = {
    "order": ["好", "较好", "一般"],
    "bands": [{"grade": "好", "at_least": 90}, {"grade": "较好", "at_least": 60, "below": 90}, {"grade": "一般", "below": 60}],
}
FLAGS = ["试用期", "急难险重", "处分"]
INPUTS = [{"name": n, "type": "yesno"} for n in FLAGS] + [{"name": "出勤率", "type": "number", "max": 1}]
NO_GRADE = {"kind": "no_grade", "when": "试用期", "reason": "试用期内不确定等次"}
FORCE = {"kind": "force", "grade": "好", "when": "急难险重", "reason": "急难险重表现突出"}
CAP = {"kind": "cap", "grade": "较好", "when": "处分", "reason": "受处分的不得评为好"}
GATE = {"kind": "gate", "grade": "好", "requires": "出勤率 ≥ 0.9", "reason": "好等次须出勤率 90% 以上"}


def run_overrides(root, overrides, score, flags=(), attendance="1", quotas=()):
    data = simple_scheme(grades=GRADES, inputs=INPUTS, overrides=list(overrides), quotas=list(quotas), places=2)
    row = ["1", "张三", "办公室", score, *("是" if f in flags else "" for f in FLAGS), attendance]
    period, problems = grade_sheet(root, data, ["得分", *FLAGS, "出勤率"], [row])
    assert problems.sorted() == []
    return by_id(period)["1"]


@pytest.mark.parametrize(
    "overrides, score, flags, attendance, expected",
    [
        ([NO_GRADE, FORCE], "95", ["试用期", "急难险重"], "1", ("no_grade", None, "不确定等次")),
        ([FORCE, NO_GRADE], "95", ["试用期", "急难险重"], "1", ("no_grade", None, "不确定等次")),  # no_grade beats force
        ([FORCE], "70", ["急难险重"], "1", ("graded", "好", "好")),
        ([FORCE], "70", [], "1", ("graded", "较好", "较好")),
        ([CAP], "95", ["处分"], "1", ("graded", "较好", "较好")),
        ([CAP], "50", ["处分"], "1", ("graded", "一般", "一般")),  # already below the cap
        ([CAP, FORCE], "95", ["处分", "急难险重"], "1", ("graded", "好", "好")),  # declared order: force last
        ([FORCE, CAP], "70", ["处分", "急难险重"], "1", ("graded", "较好", "较好")),  # cap last
        ([GATE], "95", [], "0.8", ("graded", "较好", "较好")),
        ([GATE], "95", [], "0.95", ("graded", "好", "好")),
        ([GATE], "80", [], "0.5", ("graded", "较好", "较好")),
    ],
)
def test_overrides(tmp_path, overrides, score, flags, attendance, expected):
    person = run_overrides(tmp_path, overrides, score, flags, attendance)
    assert (person.status, person.grade, person.shown_grade) == expected


def test_no_grade_label_and_reason(tmp_path):
    person = run_overrides(tmp_path, [{**NO_GRADE, "label": "不参加考核"}], "95", ["试用期"])
    assert (person.status, person.shown_grade, person.reason) == ("no_grade", "不参加考核", "试用期内不确定等次")
    assert person.total is not None  # the score is still shown


def test_force_trace_says_what_it_was(tmp_path):
    person = run_overrides(tmp_path, [FORCE], "70", ["急难险重"])
    assert person.protected
    assert person.trace[-1].stage == "规则"
    assert "直接确定为「好」（原为「较好」）" in person.trace[-1].text


def test_gate_trace(tmp_path):
    person = run_overrides(tmp_path, [GATE], "95", [], "0.8")
    assert "由「好」降为「较好」" in person.trace[-1].text


def test_condition_on_an_empty_number_does_not_crash(tmp_path):
    """`病事假天数 > 应出勤天数 / 2` with 应出勤天数 left empty used to raise TypeError (exit 3)."""
    inputs = [{"name": "病事假天数", "type": "number"}, {"name": "应出勤天数", "type": "number"}]
    overrides = [{"kind": "no_grade", "when": "病事假天数 > 应出勤天数 / 2", "reason": "病事假超过一半"}]
    data = simple_scheme(grades=GRADES, inputs=inputs, overrides=overrides, places=2)
    period, problems = grade_sheet(
        tmp_path,
        data,
        ["得分", "病事假天数", "应出勤天数"],
        [["1", "张三", "办公室", "95", "", ""], ["2", "李四", "办公室", "95", "40", "60"]],
    )
    assert problems.sorted() == []
    people = by_id(period)
    assert (people["1"].status, people["1"].grade) == ("graded", "好")
    assert "无法判断" in people["1"].trace[-1].text
    assert people["2"].status == "no_grade"


# --- committee decisions


TIE = "并列：全单位「好」名额线 总分 93.00：2、3"


def decided(root, decisions_rows, header=("编号", "姓名", "等次", "理由", "所决事项"), ties="flag"):
    data = simple_scheme(grades=GRADES, quotas=[{"grade": "好", "at_most": "30%", "ties": ties}], places=2)
    rows = [[str(i + 1), f"人{i + 1}", "办公室", s] for i, s in enumerate(["95", "93", "93", "91", "80", "70", "50"])]
    extra = {"Q1.decisions.csv": csv_text(list(header), decisions_rows)}
    return grade_sheet(root, data, ["得分"], rows, extra=extra)


def test_decision_resolves_a_tie(tmp_path):
    period, problems = decided(tmp_path, [["2", "人2", "好", "2025年4月3日领导小组会议", TIE], ["3", "人3", "较好", "2025年4月3日领导小组会议", TIE]])
    assert problems.sorted() == []
    people = by_id(period)
    assert period.unresolved_ties == []
    assert [(people[k].status, people[k].grade) for k in ("2", "3")] == [("graded", "好"), ("graded", "较好")]
    assert people["3"].decided and people["3"].protected
    assert people["3"].trace[-1].stage == "决定"
    assert "由「好（并列待定）」定为「较好」" in people["3"].trace[-1].text
    assert "content/ag/t1/2025/Q1.decisions.csv" in period.files


def test_decision_is_applied_after_quotas(tmp_path):
    # 人4 (91) is a candidate for 好 beyond the quota; 人7 (50, 一般) was none: the tie elsewhere is no cause for it
    period, problems = decided(tmp_path, [["4", "", "好", "特殊贡献", "原为：较好"], ["7", "", "好", "特殊贡献", "原为：一般"]])
    # the fixture's tie at the line (人2, 人3) is not decided here, so it stays reported
    assert [(p.line, p.code) for p in problems.sorted()] == [(None, "tie-at-quota-line"), (3, "decision-without-cause")]
    assert by_id(period)["4"].grade == "好"  # not dropped by the quota: decisions come last
    assert by_id(period)["7"].grade == "一般"


def test_decision_to_no_grade(tmp_path):
    period, problems = decided(tmp_path, [["1", "人1", "不确定等次", "立案调查", "原为：好"]])
    assert [p.code for p in problems.sorted()] in ([], ["tie-at-quota-line"])
    assert (by_id(period)["1"].status, by_id(period)["1"].shown_grade) == ("no_grade", "不确定等次")


@pytest.mark.parametrize(
    "rows, expected",
    [
        ([["99", "", "好", "会议", TIE]], [(2, "A", "unknown-person")]),
        ([["2", "人2", "很好", "会议", TIE]], [(2, "C", "decision-invalid")]),
        ([["2", "人2", "好", "", TIE]], [(2, "D", "decision-invalid")]),
        ([["", "人2", "好", "会议", TIE]], [(2, "A", "decision-invalid")]),
        ([["2", "别人", "好", "会议", TIE]], [(2, "A", "decision-invalid")]),
        ([["2", "人2", "好", "会议", TIE], ["", "", "", "", ""], ["99", "", "好", "会议", TIE]], [(4, "A", "unknown-person")]),
    ],
    ids=["unknown-person", "bad-grade", "no-reason", "no-id", "name-mismatch", "blank-row-skipped"],
)
def test_bad_decisions(tmp_path, rows, expected):
    _, problems = decided(tmp_path, rows)
    got = [(p.line, p.column, p.code) for p in problems.sorted() if p.file.endswith("decisions.csv")]
    assert got == expected


def test_decisions_header_must_have_id_grade_reason(tmp_path):
    _, problems = decided(tmp_path, [["2", "好"]], header=("编号", "等次"))
    assert [(p.file, p.line, p.code) for p in problems.sorted() if p.code == "decision-invalid"] == [
        ("content/ag/t1/2025/Q1.decisions.csv", 1, "decision-invalid")
    ]


FORCE_LOW = {"kind": "force", "grade": "一般", "when": "处分", "reason": "受处分的一票否决"}


@pytest.mark.parametrize(
    "overrides, flags, expected",
    [
        ([FORCE, FORCE_LOW], ["急难险重", "处分"], ("graded", "一般")),  # both met: the later one stands
        ([FORCE_LOW, FORCE], ["急难险重", "处分"], ("graded", "好")),
        ([FORCE_LOW, NO_GRADE], ["试用期", "处分"], ("no_grade", None)),  # a later no_grade undoes a force
        ([NO_GRADE, FORCE_LOW], ["试用期", "处分"], ("no_grade", None)),  # a no_grade stops the rest
        ([FORCE_LOW, {**NO_GRADE, "when": "试用期 且 非 处分"}], ["试用期", "处分"], ("graded", "一般")),  # the guide's way round it
    ],
)
def test_the_handbook_states_the_order_the_grades_follow(tmp_path, overrides, flags, expected):
    """The handbook said 「按下列顺序适用，先列出的优先」 while a later rule undid an earlier one: a
    受处分 一票否决 written before 试用期 came out 不确定等次. The words now state what grades."""
    person = run_overrides(tmp_path, overrides, "95", flags)
    assert (person.status, person.grade) == expected
    text = handbook_text(simple_scheme(grades=GRADES, inputs=INPUTS, overrides=overrides, places=2))
    assert "先列出的优先" not in text
    assert "「不确定等次」一经适用，其后各条不再适用；其余各条依次适用，后一条可以改变前一条确定的等次" in text


def test_a_wrong_grade_in_a_decision_lists_the_grades_high_to_low(tmp_path):
    """The list was sorted by code point (不合格/不确定等次/优秀/合格/基本合格) and said nothing of the fix."""
    _, problems = decided(tmp_path, [["2", "人2", "称职", "会议", TIE]])
    [problem] = [p for p in problems.sorted() if p.code == "decision-invalid"]
    assert "等次「称职」不是本考核的等次；请填写 好、较好、一般、不确定等次 之一" in problem.message


@pytest.mark.parametrize(("written", "meant"), [("良", None), ("一般等次", "一般"), ("好等", "好"), ("较好。", "较好")])
def test_a_grade_spelled_otherwise_names_the_grade_it_seems_to_mean(tmp_path, written, meant):
    """优 for 优秀, 合格 for 称职: never applied by a guess, but the message names the one grade it seems to
    mean (a grade it begins or is begun by, the word 等次 or a full stop added), so the office need not work it out."""
    _, problems = decided(tmp_path, [["2", "人2", written, "2025年4月3日领导小组会议", TIE]])
    problem = next(p for p in problems.sorted() if p.code == "decision-invalid")
    assert (f"是否是「{meant}」" in problem.message) == (meant is not None), problem.message
    assert (problem.line, problem.column) == (2, "C")


def test_a_grade_of_the_other_naming_is_named():
    from generator.engine.decisions import meant_grade

    assert meant_grade("合格", ["优秀", "称职", "基本称职", "不称职", "不确定等次"]) == "称职"
    assert meant_grade("基本称职", ["优秀", "合格", "基本合格", "不合格"]) == "基本合格"
    assert meant_grade("优", ["优秀", "称职"]) == "优秀"
    assert meant_grade("良", ["优秀", "称职"]) is None
