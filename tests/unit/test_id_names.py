"""The same ID under another name in another period: an error within a year (a roll-up would add
two people's quarters together), a warning across years."""

from __future__ import annotations

from generator.core.problems import Severity
from tests.unit.helpers import assessment, item, make_project, people_csv, run, scheme, write

GRADES = {"order": ["好", "一般"], "bands": [{"grade": "好", "at_least": 90}, {"grade": "一般", "below": 90}]}


def project(root, q2_name="乙", year_2026_name="乙"):
    quarter = assessment([item("df", "得分", 100)], code="ps", grades=GRADES)
    annual = assessment([item("ps", "平时", 100, score={"kind": "period_score", "missing": "skip"})],
                        code="nd", name="年度考核", period="年度", rolls_up="ps", results_optional=True, grades=GRADES)
    make_project(root, scheme(quarter, annual), {
        "Q1.csv": people_csv([["1", "甲", "办公室", "92"], ["2", "乙", "办公室", "95"]], ["得分"]),
        "Q2.csv": people_csv([["1", "甲", "办公室", "91"], ["2", q2_name, "办公室", "80"]], ["得分"]),
    })
    write(root / "content/ag/t1/2026/Q1.csv", people_csv([["2", year_2026_name, "办公室", "93"]], ["得分"]))
    _, periods, problems = run(root)
    return [(p.file, p.line, p.column, p.severity) for p in problems.sorted() if p.code == "id-name-mismatch"], problems


def test_the_same_names_throughout_pass(tmp_path):
    found, problems = project(tmp_path)
    assert found == [] and not problems.has_errors()


def test_another_name_under_the_same_id_within_a_year_is_an_error_at_the_name(tmp_path):
    found, problems = project(tmp_path, q2_name="张三")
    assert found == [("content/ag/t1/2025/Q2.csv", 3, "B", Severity.ERROR)]
    message = next(p.message for p in problems.sorted() if p.code == "id-name-mismatch")
    assert "「张三」" in message and "「乙」" in message and "2025年第一季度" in message and "合并" in message


def test_another_name_in_a_later_year_is_a_warning(tmp_path):
    found, problems = project(tmp_path, year_2026_name="乙二")
    assert found == [("content/ag/t1/2026/Q1.csv", 2, "B", Severity.WARNING)]
    assert not problems.has_errors()


def test_another_name_within_a_later_year_is_an_error_even_where_the_first_year_agrees(tmp_path):
    """The check compared each name with the ID's first name ever only: 0003 as 白波辉 in 2024 and
    2025-Q1, then another name in 2025-Q2, was a warning (another year), not the error it is."""
    found, problems = project(tmp_path, year_2026_name="乙")
    write(tmp_path / "content/ag/t1/2026/Q2.csv", people_csv([["2", "丙", "办公室", "90"]], ["得分"]))
    _, _, problems = run(tmp_path)
    found = [(p.file, p.line, p.severity) for p in problems.sorted() if p.code == "id-name-mismatch"]
    assert found == [("content/ag/t1/2026/Q2.csv", 2, Severity.ERROR)]
