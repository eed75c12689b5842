"""A 年度 made of its quarters (results_optional) whose quarters' sheets are all gone — deleted, or never
put in this year's folder — with its decisions or 公示 settings left behind: the 公示 settings alone
passed check, and the site carried a 年度 公示 of nobody; the decisions were told unknown-person. Both are
period-missing at the year's folder, naming what is there and what is missing, as for a quarter."""

from __future__ import annotations

import pytest

from tests.unit.helpers import assessment, csv_text, item, make_project, people_csv, run, scheme

GRADES = {"order": ["好", "较好"], "bands": [{"grade": "好", "at_least": 90}, {"grade": "较好", "below": 90}]}
QUARTER = assessment([item("df", "得分", 100)], code="ps", name="平时考核", period="季度", grades=GRADES)
YEAR = assessment([item("pj", "平均", 100, score={"kind": "period_score", "missing": "skip"})], code="nd", name="年度考核",
                  period="年度", rolls_up="ps", results_optional=True, grades=GRADES)
DECISIONS = csv_text(["编号", "等次", "理由", "所决事项"], [["0001", "好", "2026年1月9日领导小组会议研究", "原为：较好"]])


@pytest.mark.parametrize(("files", "what"), [({"Y.decisions.csv": DECISIONS}, "领导小组决定"), ({"Y.notice.yaml": "start: 2026-01-05\n"}, "公示")])
def test_a_year_without_any_quarter_with_its_files_left_is_period_missing(tmp_path, files, what):
    make_project(tmp_path, scheme(QUARTER, YEAR), files)
    _, periods, problems = run(tmp_path)
    found = [(p.file, p.code) for p in problems.sorted()]
    assert found == [("content/ag/t1/2025", "period-missing")], [p.format() for p in problems.sorted()]
    message = problems.sorted()[0].message
    assert what in message and "季度" in message, message
    assert [p.key for p in periods] == []


def test_a_year_with_one_quarter_is_graded(tmp_path):
    make_project(tmp_path, scheme(QUARTER, YEAR), {"Y.notice.yaml": "start: 2026-01-05\n", "Q2.csv": people_csv([["0001", "人1", "办公室", "80"]], ["得分"])})
    _, periods, problems = run(tmp_path)
    assert [p.code for p in problems.sorted()] == ["rollup-period-absent"]  # Q1, Q3, Q4: a warning, the year is graded
    assert sorted(p.key for p in periods) == ["ag/t1/2025/Q2", "ag/t1/2025/Y"]
