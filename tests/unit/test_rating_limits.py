"""Share limits on entered rating columns other than the grade (issue 11, point 5)."""

from __future__ import annotations

from tests.unit.helpers import grade_sheet, simple_scheme

RATING = {"name": "年度评价等次", "type": "choice", "choices": ["优秀", "良好", "一般"]}
LIMIT = {"column": "年度评价等次", "value": "优秀", "at_most": "20%", "text": "分管领导评价优秀不超过20%"}


def rated(root, ratings, limit=LIMIT):
    data = simple_scheme(inputs=[RATING], rating_limits=[limit])
    rows = [[str(i + 1), f"人{i + 1}", "办公室", "80", r] for i, r in enumerate(ratings)]
    return grade_sheet(root, data, ["得分", "年度评价等次"], rows)


def test_within_the_limit(tmp_path):
    _, problems = rated(tmp_path, ["优秀", "优秀", "良好", "良好", "良好", "良好", "良好", "良好", "一般", "一般"])  # 2 of 10
    assert problems.sorted() == []


def test_over_the_limit_is_an_error_naming_the_people(tmp_path):
    _, problems = rated(tmp_path, ["优秀", "优秀", "优秀", "良好", "良好", "良好", "良好", "良好", "一般", "一般"])  # 3 of 10, 2 allowed
    found = [p for p in problems.sorted() if p.code == "rating-over-limit"]
    assert [(p.file, p.line) for p in found] == [("content/ag/t1/2025/Q1.csv", None)]
    assert "3 人" in found[0].message and "人1（1）、人2（2）、人3（3）" in found[0].message and "为 2 人" in found[0].message
    assert problems.has_errors()


def test_empty_ratings_are_not_in_the_base(tmp_path):
    _, problems = rated(tmp_path, ["优秀", "良好", "良好", "良好", "良好", "", "", "", "", ""])  # 1 of 5 rated: 1 allowed
    assert problems.sorted() == []


def test_limit_on_an_unknown_column_is_a_scheme_error(tmp_path):
    _, problems = rated(tmp_path, ["优秀"], limit={**LIMIT, "column": "不存在的列"})
    assert [(p.file, p.code) for p in problems.sorted()] == [("schemes/t1.yaml", "unknown-name")]
