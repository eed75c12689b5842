"""A note written into a name cell — 李四（试用期）, 王五（借调） — is printed on the 公示 as his name, and a note
that is one of the scheme's yes/no columns or flags (试用期) is not read as one: 李四 would be graded where
the office marked him 不定等次 in the only place it wrote it. The latter is an error at the cell; any other
note in brackets or a marker (张伟（大）, 赵六※) a warning: it may tell two people of one name apart.
Mutation style on the clean office sheet (test_office_sheets.py)."""

from __future__ import annotations

import pytest

from tests.unit.helpers import csv_text, make_project, run
from tests.unit.test_office_sheets import CLEAN_HEADER, CLEAN_ROWS, OFFICE_SCHEME


def problems_of(root, name_of_0002: str, probation: str = "是"):
    rows = [[row[0], name_of_0002 if row[0] == "0002" else row[1], *row[2:]] for row in CLEAN_ROWS]
    rows[1][7] = probation
    make_project(root, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    return run(root)[2]


def found(problems):
    return [(p.line, p.column, p.code, p.severity.value) for p in problems.sorted() if p.code == "name-with-note"]


@pytest.mark.parametrize("name", ["李四（试用期）", "李四(试用期)", "李四【试用期】", "李四 (试用期人员)"])
def test_a_flag_written_into_the_name_and_not_its_column_fails(tmp_path, name):
    problems = found(problems_of(tmp_path, name, probation="否"))
    assert problems == [(3, "B", "name-with-note", "error")]


def test_the_message_says_where_the_flag_belongs(tmp_path):
    problems = problems_of(tmp_path, "李四（试用期）", probation="否")
    (problem,) = [p for p in problems.sorted() if p.code == "name-with-note"]
    assert "「试用期」" in problem.message and "公示" in problem.message and "「李四」" in problem.message


@pytest.mark.parametrize("name", ["李四（大）", "李四※", "李四*"])
def test_another_note_or_marker_in_a_name_is_warned(tmp_path, name):
    assert found(problems_of(tmp_path, name)) == [(3, "B", "name-with-note", "warning")]


@pytest.mark.parametrize("name", ["李四", "买买提·艾力", "Li Si"])
def test_names_without_notes_pass(tmp_path, name):
    assert found(problems_of(tmp_path, name)) == []


@pytest.mark.parametrize("name", ["李四（试用期）", "李四(试用期人员)"])
def test_a_flag_in_the_name_that_its_column_also_says_is_only_warned(tmp_path, name):
    """李四（试用期） whose 试用期 column says 是: graded as the office meant, only the name prints with its note.
    It was an error saying 此人会按没有「试用期」计算 — untrue, and it blocked the 公示 for a name."""
    problems = problems_of(tmp_path, name, probation="是")
    assert found(problems) == [(3, "B", "name-with-note", "warning")]
    message = next(p.message for p in problems.sorted() if p.code == "name-with-note")
    assert "没有「试用期」计算" not in message and "「李四」" in message


@pytest.mark.parametrize("name", ["张" + " " * 9_990 + "x(a)", "x" + "*" * 9_990 + "y*"])
def test_a_name_cell_of_ten_thousand_blanks_or_marks_is_read_at_once(name):
    """A note was tried from every blank or mark of the cell: seconds for one cell of 10,000 characters."""
    import time

    from generator.sheets.identity_cells import _NOTE_RE

    started = time.monotonic()
    assert _NOTE_RE.fullmatch(name) is not None
    assert time.monotonic() - started < 0.2


# --------------------------------------------------------------------------- a note after a blank or a comma, without brackets


@pytest.mark.parametrize("name", ["李四 试用期", "李四　试用期", "李四，试用期", "李四-试用期人员", "李四/试用期"])
def test_a_flag_after_a_blank_or_a_comma_fails_like_one_in_brackets(tmp_path, name):
    """李四 试用期: the blank was taken for padding (王  五) and dropped, 李四试用期 printed as his name, and he was
    graded as not on probation, where the office marked him so in the only place it wrote it — without a word."""
    problems = problems_of(tmp_path, name, probation="否")
    assert found(problems) == [(3, "B", "name-with-note", "error")]
    message = next(p.message for p in problems.sorted() if p.code == "name-with-note")
    assert "「李四」" in message and "「试用期」" in message


@pytest.mark.parametrize("name", ["李四 借调", "李四　挂职", "李四，已调离", "李四:退休", "李四—借调"])
def test_a_status_after_a_blank_or_a_comma_is_warned(tmp_path, name):
    assert found(problems_of(tmp_path, name)) == [(3, "B", "name-with-note", "warning")]


@pytest.mark.parametrize("name", ["欧阳 小明", "阿依古丽 买买提", "诸葛 亮", "Li Si", "李 四", "李  兼", "王 已"])
def test_a_name_written_with_a_blank_is_no_note(tmp_path, name):
    assert found(problems_of(tmp_path, name)) == []


# --------------------------------------------------------------------------- a note or a marker before the name


@pytest.mark.parametrize("name, level", [("（试用期）李四", "error"), ("(试用期)李四", "error"), ("*李四", "warning"), ("★李四", "warning"),
                                         ("（借调）李四", "warning"), ("※ 李四", "warning")])
def test_a_note_or_marker_before_the_name_is_found_like_one_after_it(tmp_path, name, level):
    """*李四 (the form's legend: 带*号的为试用期人员), （借调）李四: printed on the 公示 as his name without a word."""
    problems = problems_of(tmp_path, name, probation="否")
    assert found(problems) == [(3, "B", "name-with-note", level)]
    assert "「李四」" in next(p.message for p in problems.sorted() if p.code == "name-with-note")
