"""A decisions file copied from another period: last year's Q1.decisions.csv put into this year's
folder, its title still 「2024年第一季度……」 and its reasons naming the 2024 meeting. When its IDs and
所决事项 happen to match (原为：不确定等次 does, year after year), it was applied to this period without
a word. The title naming another period, or a meeting dated before this period began, is an error at
that cell, and the decision is not applied."""

from __future__ import annotations

import pytest

from tests.unit.helpers import by_id, csv_text, grade_sheet, simple_scheme

GRADES = {"order": ["好", "较好", "一般"], "bands": [{"grade": "好", "at_least": 90}, {"grade": "较好", "at_least": 60, "below": 90}, {"grade": "一般", "below": 60}]}
HEADER = ["编号", "姓名", "等次", "理由", "所决事项"]
SCORES = ["95", "93", "93", "91", "80", "70", "50"]
TIE = "并列：全单位「好」名额线 总分 93.00：0002、0003"


def run(root, text, label="Q2"):
    data = simple_scheme(grades=GRADES, quotas=[{"grade": "好", "at_most": "30%"}], places=2)
    rows = [[f"{i + 1:04d}", f"人{i + 1}", "办公室", s] for i, s in enumerate(SCORES)]
    return grade_sheet(root, data, ["得分"], rows, label=label, extra={f"{label}.decisions.csv": text})


def _rows(reason2, reason3):
    return [["0002", "人2", "好", reason2, TIE], ["0003", "人3", "较好", reason3, TIE]]


@pytest.mark.parametrize("title", ["2024年第二季度领导小组审定结果", "2025年第一季度平时考核领导小组决定"])
def test_a_title_naming_another_period_is_an_error(tmp_path, title):
    text = f"{title}\n" + csv_text(HEADER, _rows("经2025年7月3日领导小组会议研究", "经2025年7月3日领导小组会议研究"))
    period, problems = run(tmp_path, text)
    found = [(p.file, p.line, p.code) for p in problems.sorted() if p.code == "sheet-period-mismatch"]
    assert found == [("content/ag/t1/2025/Q2.decisions.csv", 1, "sheet-period-mismatch")]
    assert "决定" in next(p.message for p in problems.sorted() if p.code == "sheet-period-mismatch")


@pytest.mark.parametrize("reason", ["经2024年7月3日领导小组会议研究，确定为好", "2025年3月28日局党组会研究决定", "经 2025-03-28 考核委员会审定",
                                    "经2025年4月3日领导小组会议研究"])  # last quarter's meeting: Q1.decisions.csv copied to Q2
def test_a_meeting_before_the_period_began_is_an_error_and_not_applied(tmp_path, reason):
    period, problems = run(tmp_path, csv_text(HEADER, _rows(reason, "经2025年7月3日领导小组会议研究")))
    found = [p for p in problems.sorted() if p.code == "decision-other-period"]
    assert [(p.line, p.column) for p in found] == [(2, "D")], [p.format() for p in problems.sorted()]
    assert "2025-06-01" in found[0].message
    assert by_id(period)["0002"].decided is False


@pytest.mark.parametrize("reason", ["依据2024年12月印发的《考核办法》，经2025年7月3日领导小组会议研究", "经2025年7月3日领导小组会议研究",
                                    "经领导小组会议研究（2025年6月30日）", "按云财人〔2024〕16号文件，经2025年7月会议研究",
                                    "经2025年6月27日领导小组会议研究"])  # in the period's last month: some offices assess then
def test_a_policy_of_an_earlier_year_or_a_meeting_in_the_period_is_fine(tmp_path, reason):
    period, problems = run(tmp_path, csv_text(HEADER, _rows(reason, reason)))
    assert [p.format() for p in problems.sorted()] == []
    assert by_id(period)["0002"].grade == "好"


def test_a_decision_for_an_id_corrected_since_names_the_person_by_name(tmp_path):
    """The office corrected 人2's ID in the sheet (0002 → 0022) after the committee met: the decision is
    not applied by a guess, and the message names the person it seems to mean under the new ID."""
    data = simple_scheme(grades=GRADES, quotas=[{"grade": "好", "at_most": "30%"}], places=2)
    rows = [[pid, f"人{i + 1}", "办公室", s] for i, (pid, s) in enumerate(zip(["0001", "0022", "0003", "0004", "0005", "0006", "0007"], SCORES))]
    tie = "并列：全单位「好」名额线 总分 93.00：0003、0022"
    text = csv_text(HEADER, [["0002", "人2", "好", "经2025年7月3日领导小组会议研究", tie], ["0003", "人3", "较好", "经2025年7月3日领导小组会议研究", tie]])
    period, problems = grade_sheet(tmp_path, data, ["得分"], rows, label="Q2", extra={"Q2.decisions.csv": text})
    unknown = [p for p in problems.sorted() if p.code == "unknown-person"]
    assert [p.line for p in unknown] == [2]
    assert "「0022」" in unknown[0].message and "人2" in unknown[0].message
    assert by_id(period)["0022"].decided is False


@pytest.mark.parametrize("reason", ["依据2025年1月局党组会议审定的考核办法，经2025年7月3日领导小组会议研究",
                                    "2025年3月28日局务会研究确定的名额分配方案，经2025年7月3日领导小组会议研究，定为好",
                                    "经2025年7月3日领导小组会议研究（2024年12月党组会审议通过的办法）"])
def test_a_reason_naming_an_earlier_meeting_beside_the_deciding_one_is_fine(tmp_path, reason):
    """The reason cites the meeting that approved the method (2025年1月局党组会议审定的考核办法) as well as the
    one that decided (2025年7月3日): it was judged by its earliest date, an error, and the decision dropped.
    A decision is made at the last meeting it names; a copied file names none in this period."""
    period, problems = run(tmp_path, csv_text(HEADER, _rows(reason, reason)))
    assert [p.format() for p in problems.sorted()] == []
    assert by_id(period)["0002"].grade == "好"


@pytest.mark.parametrize("title", ["2025年第一季度、第二季度平时考核领导小组决定", "2025年第一季度和第二季度领导小组补定等次"])
def test_a_title_naming_this_period_among_others_is_fine(tmp_path, title):
    """One meeting 补定 two quarters (a case closed): its decisions file, put in both folders, names both in its
    title. In Q2's it was sheet-period-mismatch 写的是第一季度 — it names the second quarter too."""
    text = f"{title}\n" + csv_text(HEADER, _rows("经2025年7月3日领导小组会议研究", "经2025年7月3日领导小组会议研究"))
    period, problems = run(tmp_path, text)
    assert [p.format() for p in problems.sorted()] == []
    assert by_id(period)["0002"].grade == "好"


@pytest.mark.parametrize(("label", "title"), [
    ("Q1", "关于2025年度考核优秀等次人选的领导小组决定"),  # the year's meeting's file put in the first quarter's folder
    ("Q4", "2025年年终考核领导小组审定结果"),
    ("Y", "2025年第四季度平时考核领导小组决定"),  # and the fourth quarter's in the year's
])
def test_a_title_for_the_year_in_a_quarters_file_or_back_is_an_error(tmp_path, label, title):
    reason = "经2026年1月9日领导小组会议研究"
    text = f"{title}\n" + csv_text(HEADER, _rows(reason, reason))
    _, problems = run(tmp_path, text, label=label) if label != "Y" else _run_year(tmp_path, text)
    found = [(p.file, p.line, p.code) for p in problems.sorted() if p.code == "sheet-period-mismatch"]
    assert found == [(f"content/ag/t1/2025/{label}.decisions.csv", 1, "sheet-period-mismatch")], [p.format() for p in problems.sorted()]


@pytest.mark.parametrize(("label", "title"), [
    ("Q1", "2025年度第一季度平时考核领导小组决定"), ("Q1", "2025年度平时考核领导小组决定"),
    ("Y", "2025年第四季度及年度考核领导小组决定"), ("Y", "2025年度考核领导小组决定"),
])
def test_a_title_naming_its_own_period_is_fine(tmp_path, label, title):
    reason = "经2026年1月9日领导小组会议研究"
    text = f"{title}\n" + csv_text(HEADER, _rows(reason, reason))
    _, problems = run(tmp_path, text, label=label) if label != "Y" else _run_year(tmp_path, text)
    assert [p.code for p in problems.sorted() if p.code == "sheet-period-mismatch"] == []


def _run_year(root, text):
    from tests.unit.helpers import assessment, item, scheme

    data = scheme(assessment([item("df", "得分", 100)], code="nd", name="年度考核", period="年度", grades=GRADES,
                             quotas=[{"grade": "好", "at_most": "30%"}], places=2))
    rows = [[f"{i + 1:04d}", f"人{i + 1}", "办公室", s] for i, s in enumerate(SCORES)]
    return grade_sheet(root, data, ["得分"], rows, label="Y", extra={"Y.decisions.csv": text})


def test_a_grade_of_the_years_assessment_in_a_quarters_decisions_names_it(tmp_path):
    """称职 in Q2.decisions.csv of a scheme whose quarters grade 好/较好/一般 and whose year grades 优秀/称职:
    the year's decision put in the quarter's file. It was 不是本考核的等次 with the quarter's grades listed,
    and the office, not seeing why, rewrote 称职 as 较好; the message now says whose grade it is and where it goes."""
    from tests.unit.helpers import assessment, item, scheme

    year_grades = {"order": ["优秀", "称职"], "bands": [{"grade": "优秀", "at_least": 90}, {"grade": "称职", "below": 90}]}
    data = scheme(assessment([item("df", "得分", 100)], grades=GRADES, quotas=[{"grade": "好", "at_most": "30%"}], places=2),
                  assessment([item("nd", "得分", 100)], code="nd", name="年度考核", period="年度", grades=year_grades, places=2))
    rows = [[f"{i + 1:04d}", f"人{i + 1}", "办公室", s] for i, s in enumerate(SCORES)]
    text = csv_text(HEADER, [["0002", "人2", "称职", "经2025年7月3日领导小组会议研究", TIE]])
    _, problems = grade_sheet(tmp_path, data, ["得分"], rows, label="Q2", extra={"Q2.decisions.csv": text})
    bad = [p for p in problems.sorted() if p.code == "decision-invalid"]
    assert [(p.line, p.column) for p in bad] == [(2, "C")]
    assert "年度考核" in bad[0].message and "Y.decisions.csv" in bad[0].message, bad[0].message
