"""A name that lost a character when the sheet was saved: Excel's 「CSV（逗号分隔）」 on a Chinese Windows
writes GBK, which has no 𠮷 or 䶮, and writes ? in their place; a program converting a file replaces what it
cannot decode with � (U+FFFD), and the same converted twice reads 锟斤拷. 王? passed and was printed on the
公示 as the person's name. Mutation style on the clean sheet."""

from __future__ import annotations

import copy

import pytest

from tests.unit.helpers import csv_text, make_project, run
from tests.unit.test_office_sheets import CLEAN_HEADER, CLEAN_ROWS, OFFICE_SCHEME


def _problems(tmp_path, name: str, encoding: str = "utf-8"):
    rows = copy.deepcopy(CLEAN_ROWS)
    rows[0][1] = name
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows).encode(encoding)})
    _, _, problems = run(tmp_path)
    return problems


@pytest.mark.parametrize("name", ["王?", "?三", "王？", "王\ufffd", "王锟斤拷"])
def test_a_name_with_a_character_lost_in_saving_fails_at_its_cell(tmp_path, name):
    problems = _problems(tmp_path, name)
    assert [(p.line, p.column, p.code) for p in problems.sorted()] == [(2, "B", "name-character-lost")]
    assert "CSV UTF-8" in problems.sorted()[0].message


def test_what_excel_saves_as_gbk_of_a_name_outside_gbk_is_found(tmp_path):
    """王䶮 saved by Excel as 「CSV（逗号分隔）」: GBK has no 䶮, the file holds 王?."""
    problems = _problems(tmp_path, "王䶮".encode("cp936", "replace").decode("cp936"), "gb18030")
    assert [(p.line, p.code) for p in problems.sorted() if p.severity.value == "error"] == [(2, "name-character-lost")]


@pytest.mark.parametrize("name", ["王䶮", "𠮷三", "李锟", "欧阳明辉"])
def test_rare_characters_kept_are_no_slip(tmp_path, name):
    assert [p.code for p in _problems(tmp_path, name).sorted() if p.severity.value == "error"] == []


def test_a_control_character_shown_as_a_replacement_is_reported_once(tmp_path):
    problems = _problems(tmp_path, "王\x07三")
    assert [(p.line, p.column, p.code) for p in problems.sorted()] == [(2, "B", "control-character")]


# --------------------------------------------------------------------------- two encodings in one file


@pytest.mark.parametrize("first, then", [("gb18030", "utf-8"), ("utf-8", "gb18030")])
def test_a_csv_in_two_encodings_names_the_line_where_the_second_begins(tmp_path, first, then):
    """Rows appended by another program (or two exports joined) in the other encoding: 「无法识别文件编码」
    said neither that the file is two nor where; saving it again from Excel keeps the garbled half."""
    text = csv_text(CLEAN_HEADER, CLEAN_ROWS)
    head, tail = text.split("0003", 1)
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": head.encode(first) + ("0003" + tail).encode(then)})
    _, _, problems = run(tmp_path)
    (problem,) = problems.sorted()
    assert (problem.code, problem.line) == ("encoding-unknown", 4)
    names = {"gb18030": "GBK", "utf-8": "UTF-8"}
    assert f"第 4 行起是 {names[then]}" in problem.message and f"前面是 {names[first]}" in problem.message
