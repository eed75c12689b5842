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


# --------------------------------------------------------------------------- one name written two ways


def _mismatch(problems):
    return next(p for p in problems.sorted() if p.code == "id-name-mismatch")


def test_separator_dots_widths_and_notes_are_one_name_warned_with_what_differs(tmp_path):
    """阿不都·热合曼 in Q1 and 阿不都・热合曼 (a Japanese IME's dot) in Q2 under one ID was an error saying two people's
    results might be added together, quoting two names that look the same; it is one person whose name is
    written two ways, each period's 公示 printing its own: a warning naming what differs."""
    quarter = assessment([item("df", "得分", 100)], code="ps", grades=GRADES)
    cases = [("阿不都·热合曼", "阿不都・热合曼", "・"), ("阿不都·热合曼", "阿不都•热合曼", "•"), ("阿不都·热合曼", "阿不都.热合曼", "."),
             ("阿不都·热合曼", "阿不都热合曼", "间隔号"), ("ＡＢ王", "AB王", "全角"), ("王五", "王五（借调）", "借调"), ("王五", "王五 借调", "借调")]
    for n, (first, later, said) in enumerate(cases):
        root = tmp_path / str(n)
        make_project(root, scheme(quarter), {
            "Q1.csv": people_csv([["1", "甲", "办公室", "92"], ["2", first, "办公室", "95"]], ["得分"]),
            "Q2.csv": people_csv([["1", "甲", "办公室", "91"], ["2", later, "办公室", "80"]], ["得分"]),
        })
        _, _, problems = run(root)
        problem = _mismatch(problems)
        assert (problem.file, problem.line, problem.column, problem.severity) == ("content/ag/t1/2025/Q2.csv", 3, "B", Severity.WARNING), later
        assert said in problem.message and "同一人" in problem.message and "合并" not in problem.message, problem.message
        assert not problems.has_errors(), later


def test_a_name_differing_in_more_than_its_writing_is_still_an_error(tmp_path):
    """A dot folded away leaves 阿不都热合曼 and 阿不都热合买: two names, an error as before."""
    quarter = assessment([item("df", "得分", 100)], code="ps", grades=GRADES)
    make_project(tmp_path, scheme(quarter), {
        "Q1.csv": people_csv([["2", "阿不都·热合曼", "办公室", "95"]], ["得分"]),
        "Q2.csv": people_csv([["2", "阿不都・热合买", "办公室", "80"]], ["得分"]),
    })
    _, _, problems = run(tmp_path)
    assert _mismatch(problems).severity == Severity.ERROR


def test_two_notes_telling_two_people_apart_under_one_id_are_still_an_error(tmp_path):
    """张伟（大） in Q1 and 张伟（小） in Q2 under one ID: the notes tell two people of one name apart, so the ID is wrong."""
    quarter = assessment([item("df", "得分", 100)], code="ps", grades=GRADES)
    make_project(tmp_path, scheme(quarter), {
        "Q1.csv": people_csv([["2", "张伟（大）", "办公室", "95"]], ["得分"]),
        "Q2.csv": people_csv([["2", "张伟（小）", "办公室", "80"]], ["得分"]),
    })
    _, _, problems = run(tmp_path)
    assert _mismatch(problems).severity == Severity.ERROR
