"""A roll-up's earlier periods as the compiled grading and the 结果运用 conditions read them: each
earlier period's ID index and grades (Explainer.glance, history_code.py) instead of a History per
person. On hostile years — a quarter without a sheet, a person in no quarter, a 不确定等次 quarter, a
committee decision that changed a quarter's grade, a person in one quarter only — every person is
graded three ways (compiled, reference, reference with words) and must agree to the exponent; the
compiled calls agree with History's methods, and each consequence with the evaluator."""

from __future__ import annotations

from decimal import Decimal

from generator.engine.explainer import functions_for
from generator.engine.history import longest_run as _run  # one 连续 for History and the compiled G_
from generator.engine.history_code import NAMESPACE, _every, _periods, condition, inline, of_history
from generator.engine.prepared import prepared
from tests.unit.helpers import assessment, by_id, csv_text, item, make_project, people_csv, run, scheme
from tests.unit.three_ways import compare

GRADES = {"order": ["好", "较好", "一般", "较差"],
          "bands": [{"grade": "好", "at_least": 90}, {"grade": "较好", "at_least": 75, "below": 90},
                    {"grade": "一般", "at_least": 60, "below": 75}, {"grade": "较差", "below": 60}]}
YEAR_GRADES = {"order": ["优秀", "称职", "基本称职", "不称职"],
               "bands": [{"grade": "优秀", "at_least": 90}, {"grade": "称职", "at_least": 60, "below": 90},
                         {"grade": "基本称职", "at_least": 30, "below": 60}, {"grade": "不称职", "below": 30}]}


def _project(tmp_path):
    quarter = assessment([item("df", "得分", 100)], labels=["Q1", "Q2", "Q3", "Q4"], places=2, grades=GRADES,
                         overrides=[{"kind": "no_grade", "when": "试用期", "label": "不确定等次", "reason": "试用期"}],
                         inputs=[{"name": "试用期", "type": "yesno"}],
                         quotas=[{"grade": "好", "at_most": "30%", "ties": "flag"}])
    year = assessment(
        [item("pj", "平均", 100, score={"kind": "period_score", "missing": "skip"}),
         item("dc", "等次分", 100, score={"kind": "period_score", "points": {"好": 100, "较好": 80, "一般": 60, "较差": 40},
                                          "periods": ["Q1", "Q2", "Q3", "Q4"], "missing": "skip"})],
        code="nd", name="年度考核", period="年度", rolls_up="ps", places=2, combine="weighted", grades=YEAR_GRADES,
        overrides=[
            {"kind": "cap", "grade": "不称职", "when": '全部("较差")', "reason": "各季度均为较差"},
            {"kind": "cap", "grade": "基本称职", "when": '(次数("一般") + 次数("较差")) * 2 > 期数()', "reason": "一般、较差过半"},
            {"kind": "gate", "grade": "优秀", "requires": '次数("好") * 2 >= 期数() 且 连续("较差") == 0', "reason": "好过半"},
        ],
        consequences=[{"when": '连续("较差") >= 2', "then": "诫勉", "reason": "连续两个季度较差"},
                      {"when": '次数("好") == 期数() 且 期数() > 0', "then": "表扬", "reason": "各季度均为好"}],
    )
    year["items"][0]["weight"] = "50%"
    year["items"][1]["weight"] = "50%"
    people = {  # ID → Q1, Q3, Q4 scores ("" not in that quarter); Q2 has no sheet at all
        "0001": ["95", "96", "97"], "0002": ["50", "55", "52"], "0003": ["80", "", "58"], "0004": ["", "", "91"],
        "0005": ["95", "93", "93"], "0006": ["70", "40", "45"], "0007": ["93", "91", "65"],
    }
    sheets = {}
    for label, column in (("Q1", 0), ("Q3", 1), ("Q4", 2)):
        rows = [[pid, f"人{pid[-1]}", "办公室", scores[column], "是" if (pid, label) == ("0006", "Q1") else ""]
                for pid, scores in people.items() if scores[column]]
        sheets[f"{label}.csv"] = people_csv(rows, ["得分", "试用期"])
    # Q1: 好 at most 30 % of 6 → 1 place; 0001 and 0005 tied at 95: the committee keeps 0001, 0005 gets 较好
    tie = "并列：全单位「好」名额线 总分 95.00：0001、0005"
    sheets["Q1.decisions.csv"] = csv_text(["编号", "姓名", "等次", "理由", "所决事项"], [
        ["0001", "人1", "好", "2025年4月3日领导小组会议：并列第1名，0001 牵头完成预算编制，确定为好", tie],
        ["0005", "人5", "较好", "2025年4月3日领导小组会议：并列第1名，名额已满，确定为较好", tie]])
    sheets["Y.csv"] = csv_text(["编号", "姓名", "部门"], [[pid, f"人{pid[-1]}", "办公室"] for pid in [*people, "0009"]])
    make_project(tmp_path, scheme(quarter, year), sheets)
    return run(tmp_path)


def test_hostile_years_graded_three_ways_over_the_earlier_periods(tmp_path):
    _, periods, problems = _project(tmp_path)
    year = next(p for p in periods if p.label == "Y")
    assert prepared(year.scheme, year.assessment).fast.glance  # read as R_/G_, without a History per person
    seen = compare(periods)
    assert seen["compiled"] >= 10, seen
    people = by_id(year)
    q1 = by_id(next(p for p in periods if p.label == "Q1"))
    assert (q1["0005"].grade, q1["0005"].decided, q1["0006"].status) == ("较好", True, "no_grade"), [p.format() for p in problems.sorted()]
    assert people["0009"].item_layout is None  # in no quarter: nothing to average, the reference grades and says so
    assert people["0001"].grade == "优秀" and people["0002"].grade == "不称职"  # 全部("较差")
    # R_ and G_ as the History's views give them, for every person, the one in no quarter included
    indexes, grades, places = year.people[0].explainer.glance()
    for person in year.people:
        history = person.explainer.history_of(person.person)
        results, shown, where = of_history(history)
        assert [by_id.get(person.id) for by_id in indexes] == results
        assert person.explainer.grades_of(person) == shown == [v.grade for v in (history[label] for label in sorted(history))]
        assert places == where
        for grade in ["好", "较好", "一般", "较差", "优秀"]:
            assert (type(_run(shown, grade)), _run(shown, grade)) == (Decimal, history.run(grade))
            assert _every(shown, grade) is history.every(grade)
            assert str(eval(inline("次数", repr(grade)), {**NAMESPACE, "G_": shown})) == str(history.count(grade))
        assert str(_periods(shown)) == str(history.periods())
    assert any(s.text.startswith("诫勉") for p in year.people for s in p.late_steps or ())  # 0002: 较差 in Q3 and Q4 (Q2 absent, not between)


def test_consequences_read_over_grades_agree_with_the_evaluator(tmp_path):
    from generator.engine.consequences import _values
    from generator.scheme.expr import FormulaError, compiled

    _, periods, _ = _project(tmp_path)
    compared = 0
    for period in periods:
        for consequence in period.assessment.consequences:
            met_by, reads, reads_rest = condition(consequence.when)
            assert reads and not reads_rest  # V and F are passed as None
            everyone = period.people[0].explainer.grades_of_all(period.people)
            for person in period.people:
                values, functions = _values(person), functions_for(person.explainer, person)
                try:
                    expected = compiled(consequence.when).evaluate(values, functions)
                except FormulaError:
                    continue
                grades = person.explainer.grades_of(person)
                assert everyone[period.people.index(person)] == tuple(grades)
                got = met_by(None, None, grades)
                assert (type(got), got) == (type(expected), expected), (person.id, consequence.when)
                compared += 1
    assert compared == 2 * 8


def test_what_a_condition_reads():
    assert condition('连续("较差") >= 2')[1:] == (True, False)
    assert condition('连续("较差") >= 2 且 总分 > 60')[1:] == (True, True)
    assert condition('合计("加分") > 1')[1:] == (False, True)
    assert condition("1 > 0")[1:] == (False, False)


def test_only_a_constant_grade_is_written_out():
    assert inline("次数", "'好'") == "_HD[G_.count('好')]" and inline("期数", "") == "_HD[len(G_) - G_.count(None) - G_.count('')]"
    # the counts looked up in C, as History's shared Decimals, past the 64 kept too
    from generator.engine.history import _decimal

    counts = NAMESPACE["_HD"]
    assert all(counts[n] is _decimal(n) for n in range(64)) and (counts[70], type(counts[70])) == (Decimal(70), Decimal)
    assert eval(inline("期数", ""), dict(NAMESPACE), {"G_": ["好", None, "", "较好"]}) is _decimal(2)
    for grades in ([], [None], ["好"], ["好", None, ""], ["好", "较好"], ["", ""]):  # 全部 written out, as _every answers
        got = eval(inline("全部", "'好'"), dict(NAMESPACE), {"G_": grades})
        assert (type(got), got) == (bool, _every(grades, "好")), grades
    for function, arguments in [("次数", "V['等次']"), ("次数", "''"), ("全部", "K3"), ("合计", "'得分'"), ("最大", "'得分'"), ("期数", "'好'")]:
        assert inline(function, arguments) is None, (function, arguments)
