"""Office spreadsheets as they are: each office-style sheet either grades exactly like the clean
template sheet or fails `check` with a code and a position — never a pass with a different grade.

The clean sheet uses the scheme's names. The office sheets use their own headers (mapped in
agency.yaml), a merged title row, a two-row header, 序号/备注/联系电话 columns, a 合计 row, a flags
column (标记), percent-formatted cells, event lists with full-width separators, GB18030 with CJK
Extension A/B names. The broken ones carry one defect each.
"""

from __future__ import annotations

import copy
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from generator import cli
from tests.unit.helpers import GRADES_4, assessment, csv_text, dump, item, make_project, run, scheme, write

OFFICE_SCHEME = scheme(
    assessment(
        [item("de", "德", 20), item("neng", "能", 30), item("ji", "绩", 50)],
        places=2,
        total_max=100,
        grades=copy.deepcopy(GRADES_4),
        adjustments=[{"kind": "bonus", "name": "加分", "events": True, "cap": 5}],
        inputs=[
            {"name": "试用期", "type": "yesno"},
            {"name": "表现突出", "type": "yesno"},
            {"name": "出勤率", "type": "number", "min": 0, "max": 100, "percent": True},
            {"name": "通报次数", "type": "number", "places": 0},
        ],
        overrides=[
            {"kind": "no_grade", "when": "试用期", "label": "不确定等次", "reason": "试用期人员不确定等次"},
            {"kind": "cap", "when": "出勤率 < 80", "grade": "较好", "reason": "出勤率不足 80% 的不得评为好"},
            {"kind": "cap", "when": "通报次数 > 0", "grade": "一般", "reason": "被通报的不得高于一般"},
        ],
    ),
    people={"id": "编号", "name": "姓名", "department": "科室"},
)
CLEAN_HEADER = ["编号", "姓名", "科室", "德", "能", "绩", "加分", "试用期", "表现突出", "出勤率", "通报次数"]
CLEAN_ROWS = [
    ["0001", "张三", "办公室", "18", "27", "45", "疫情防控:3；表彰:2", "否", "是", "95", "0"],
    ["0002", "李四", "财务科", "15", "20", "40", "", "是", "否", "90", "0"],
    ["0003", "王五", "人事科", "19", "28", "42", "表彰:2；表彰:3", "否", "否", "74", "0"],
    ["0004", "赵六", "办公室", "18", "26", "41", "抢险:4,表彰:3分", "否", "否", "100", "1"],
]
OFFICE_AGENCY = {
    "name": "测试单位",
    "departments": ["办公室", "财务科", "人事科"],
    "columns": {"工号": "编号", "部门": "科室", "加分事项": "加分"},
    "flags": {"column": "标记", "map": {"试用期人员": "试用期"}},
}


def results(root):
    _, periods, problems = run(root)
    assert [p for p in problems.sorted() if p.severity.value == "error"] == []
    return {(p.label, r.id): (r.total, r.grade, r.status) for p in periods for r in p.people}


def clean(root):
    make_project(root, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, CLEAN_ROWS)})
    return results(root)


def office_agency(root, **extra):
    write(root / "content/ag/agency.yaml", dump({**OFFICE_AGENCY, **extra}))


def office_xlsx(rows=None, *, percent=True, flags_col=True, title=True) -> bytes:
    """The office's own sheet: title row, two-row header with 考核得分 over 德/能/绩, own names, 序号,
    联系电话, 备注, flags column, percent-formatted 出勤率, a 合计 row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2025一季度"
    top = ["序号", "工号", "姓名", "部门", "考核得分", None, None, "加分事项", "标记", "出勤率", "通报次数", "联系电话", "备注"]
    sub = [None, None, None, None, "德", "能", "绩", None, None, None, None, None, None]
    start = 1
    if title:
        ws.append(["某局 2025 年第一季度平时考核评分表"])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(top))
        start = 2
    ws.append(top)
    ws.append(sub)
    ws.merge_cells(start_row=start, start_column=5, end_row=start, end_column=7)
    flags = {"0001": "表现突出", "0002": "试用期人员", "0003": "", "0004": ""}
    for n, r in enumerate(rows or CLEAN_ROWS, start=1):
        pid, name, dept, de, neng, ji, bonus, _probation, _good, rate, count = r
        bonus = bonus.replace(":", "：").replace("；", ";") if n == 1 else bonus
        ws.append([n, pid, name, dept, int(de), int(neng), int(ji), bonus, flags.get(pid, ""), int(rate) / 100 if percent else rate,
                   int(count), "13800000000", ""])
        if percent:
            ws.cell(row=ws.max_row, column=10).number_format = "0%"
    ws.append(["合计", None, None, None, 70, 101, 168])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------- same results as the clean sheet


def test_clean_sheet_grades_as_expected(tmp_path):
    got = clean(tmp_path)
    assert got[("Q1", "0001")] == (95, "好", "graded")  # 90 + 疫情防控 3 + 表彰 2, cap 5
    assert got[("Q1", "0002")][2] == "no_grade"  # 试用期
    assert got[("Q1", "0003")][:2] == (92, "较好")  # 89 + 表彰 once at its largest 3; 出勤率 74 < 80: not 好
    assert got[("Q1", "0004")][:2] == (90, "一般")  # 85 + (4 + 3 capped at 5); 通报 1 次


def test_office_xlsx_with_own_headers_gives_the_clean_results(tmp_path):
    expected = clean(tmp_path / "clean")
    root = tmp_path / "office"
    make_project(root, OFFICE_SCHEME, {"Q1.xlsx": office_xlsx()})
    office_agency(root)
    assert results(root) == expected


def test_gb18030_csv_with_extension_names_gives_the_clean_results(tmp_path, capsys):
    expected = clean(tmp_path / "clean")
    rows = [[r[0], n, *r[2:]] for r, n in zip(CLEAN_ROWS, ["王䶮", "李㛃", "𠮷田", "赵六"], strict=True)]
    root = tmp_path / "gb"
    make_project(root, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows).encode("gb18030")})
    assert results(root) == expected
    _, (period,), _ = run(root)
    assert [p.person.name for p in period.people] == ["王䶮", "李㛃", "𠮷田", "赵六"]
    assert cli.main(["-C", str(root), "check"]) == 0
    assert "content/ag/t1/2025/Q1.csv：按 GB18030/GBK 编码读取。" in capsys.readouterr().out


def test_check_names_the_encoding_of_a_utf8_csv_too(tmp_path, capsys):
    clean(tmp_path)
    assert cli.main(["-C", str(tmp_path), "check"]) == 0
    assert "content/ag/t1/2025/Q1.csv：按 UTF-8 编码读取。" in capsys.readouterr().out


# --------------------------------------------------------------------------- or a code at a position


def office_problems(root, content: bytes | str, name="Q1.xlsx", **agency):
    make_project(root, OFFICE_SCHEME, {name: content})
    office_agency(root, **agency)
    _, _, problems = run(root)
    return [(p.line, p.column, p.code) for p in problems.sorted() if p.severity.value == "error"], problems


def test_without_the_mapping_every_office_column_is_accounted_for(tmp_path):
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.xlsx": office_xlsx()})
    _, _, problems = run(tmp_path)
    found = {(p.line, p.column, p.code) for p in problems.sorted()}
    assert (1, None, "header-not-found") in found  # no 编号: the message points at agency.yaml columns
    assert "columns" in problems.sorted()[0].message


def test_unknown_column_suggests_the_nearest_name_and_the_missing_one_names_its_reader(tmp_path):
    header = [h if h != "试用期" else "试用期人员" for h in CLEAN_HEADER]
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(header, CLEAN_ROWS)})
    _, _, problems = run(tmp_path)
    assert [(p.line, p.column, p.code) for p in problems.sorted()] == [(1, None, "missing-column"), (1, "H", "unknown-column")]
    missing, unknown = problems.sorted()
    assert "「试用期人员」是不是「试用期」？" in unknown.message
    assert "等次规则「试用期人员不确定等次」" in missing.message


@pytest.mark.parametrize("column, reader", [
    ("试用期", "等次规则「试用期人员不确定等次」"),
    ("出勤率", "等次规则「出勤率不足 80% 的不得评为好」"),
    ("通报次数", "等次规则「被通报的不得高于一般」"),
    ("加分", "加减分「加分」"),
    ("德", "项目「德」"),
])
@pytest.mark.parametrize("how", ["drop", "rename"])
def test_mutation_a_column_a_rule_reads_dropped_or_renamed_fails_check(tmp_path, column, reader, how):
    i = CLEAN_HEADER.index(column)
    if how == "drop":
        header = CLEAN_HEADER[:i] + CLEAN_HEADER[i + 1:]
        rows = [r[:i] + r[i + 1:] for r in CLEAN_ROWS]
    else:
        header = [*CLEAN_HEADER[:i], column + "X", *CLEAN_HEADER[i + 1:]]
        rows = CLEAN_ROWS
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(header, rows)})
    assert cli.main(["-C", str(tmp_path), "check"]) == 1
    _, _, problems = run(tmp_path)
    missing = [p for p in problems.sorted() if p.code == "missing-column"]
    assert [(p.line, p.column) for p in missing] == [(1, None)]
    assert reader in missing[0].message and missing[0].where.endswith(f"缺「{column}」列")
    assert missing[0].subject == column  # the column as data, for counting what follows from it
    if how == "rename":
        (unknown,) = [p for p in problems.sorted() if p.code == "unknown-column"]
        assert (unknown.line, unknown.column) == (1, chr(ord("A") + i))
        assert f"是不是「{column}」？" in unknown.message


def test_what_follows_from_a_missing_column_is_counted_on_it_not_listed(tmp_path):
    # 绩 computed by a formula over 出勤率: every row's formula fails for the one missing column
    formula_scheme = copy.deepcopy(OFFICE_SCHEME)
    formula_scheme["assessments"][0]["items"][2] = item("ji", "绩", 50, score={"kind": "formula", "expr": "出勤率 / 2", "uses": ["出勤率"]})
    keep = [i for i, h in enumerate(CLEAN_HEADER) if h not in ("绩", "出勤率")]  # 绩 is computed now, not entered
    make_project(tmp_path, formula_scheme, {"Q1.csv": csv_text([CLEAN_HEADER[i] for i in keep], [[r[i] for i in keep] for r in CLEAN_ROWS])})
    _, _, problems = run(tmp_path)
    (missing,) = problems.sorted()
    assert (missing.code, missing.subject) == ("missing-column", "出勤率")
    assert problems.follow_ons() == {missing: len(CLEAN_ROWS)}


def test_a_value_in_a_column_without_a_header_fails_check_at_its_cell(tmp_path):
    # a CSV row shifted by an unquoted comma ends with one cell more than the header: every value the
    # row still has may look valid, so the extra cell is the only sign
    lines = csv_text(CLEAN_HEADER, CLEAN_ROWS).splitlines()
    lines[3] += ",0"
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": "\n".join(lines) + "\n"})
    assert cli.main(["-C", str(tmp_path), "check"]) == 1
    _, _, problems = run(tmp_path)
    assert [(p.line, p.column, p.code) for p in problems.sorted()] == [(4, "L", "cell-without-header")]
    assert "第 4 行却在这一列有内容「0」" in problems.sorted()[0].message


def test_a_remark_right_of_an_xlsx_header_fails_check_once_for_its_column(tmp_path):
    workbook = openpyxl.load_workbook(io.BytesIO(office_xlsx()))
    sheet = workbook.active
    for row in (4, 5, 6):
        sheet.cell(row=row, column=15, value="待核实")  # column O: the header ends at M (备注)
    out = io.BytesIO()
    workbook.save(out)
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.xlsx": out.getvalue()})
    office_agency(tmp_path)
    _, _, problems = run(tmp_path)
    (problem,) = problems.sorted()
    assert (problem.line, problem.column, problem.code) == (4, "O", "cell-without-header")
    assert "第 4、5、6 行却在这一列有内容" in problem.message


def _workbook(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def _saved(workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_the_one_sheet_with_content_is_read_whatever_its_place(tmp_path):
    # an empty Sheet1 first, a hidden sheet of drop-down lists last: the results are still the clean ones
    expected = clean(tmp_path / "clean")
    workbook = _workbook(office_xlsx())
    workbook.create_sheet("Sheet1", 0)
    lists = workbook.create_sheet("选项")
    lists.append(["办公室", "财务科", "人事科"])
    lists.sheet_state = "hidden"
    root = tmp_path / "office"
    make_project(root, OFFICE_SCHEME, {"Q1.xlsx": _saved(workbook)})
    office_agency(root)
    assert results(root) == expected


def test_two_sheets_with_content_fail_check_naming_both(tmp_path):
    workbook = _workbook(office_xlsx())
    workbook.copy_worksheet(workbook.active).title = "2025二季度"  # last quarter's tab kept in the same file
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.xlsx": _saved(workbook)})
    office_agency(tmp_path)
    assert cli.main(["-C", str(tmp_path), "check"]) == 1
    _, _, problems = run(tmp_path)
    (problem,) = problems.sorted()
    assert (problem.file, problem.code) == ("content/ag/t1/2025/Q1.xlsx", "workbook-many-sheets")
    assert "「2025一季度」、「2025二季度」" in problem.message


def test_a_formula_saved_without_its_value_fails_check_at_its_cell(tmp_path):
    # a program wrote =0+1 into 通报次数 (K5) without computing it: read as empty it would count as no 通报
    workbook = _workbook(office_xlsx())
    workbook.active["K5"] = "=0+1"
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.xlsx": _saved(workbook)})
    office_agency(tmp_path)
    _, _, problems = run(tmp_path)
    found = [(p.line, p.column, p.code) for p in problems.sorted()]
    assert (5, "K", "formula-without-value") in found, found
    assert problems.has_errors()


def test_a_column_declared_absent_on_purpose_is_read_as_empty(tmp_path):
    i = CLEAN_HEADER.index("通报次数")
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER[:i], [r[:i] for r in CLEAN_ROWS])})
    write(tmp_path / "content/ag/agency.yaml", dump({"name": "测试单位", "departments": ["办公室", "财务科", "人事科"],
                                                     "absent_columns": ["通报次数"]}))
    got = results(tmp_path)
    assert got[("Q1", "0004")][:2] == (90, "好")  # no 通报 recorded


def test_ignore_columns_extend_the_defaults(tmp_path):
    header = [*CLEAN_HEADER, "序号", "备注", "职务"]
    rows = [[*r, "1", "", "科员"] for r in CLEAN_ROWS]
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(header, rows)})
    _, _, problems = run(tmp_path)
    assert [(p.line, p.column, p.code) for p in problems.sorted()] == [(1, "N", "unknown-column")]  # 职务
    write(tmp_path / "content/ag/agency.yaml", dump({"name": "测试单位", "departments": ["办公室", "财务科", "人事科"],
                                                     "ignore_columns": ["职务"]}))
    _, _, problems = run(tmp_path)
    assert list(problems.sorted()) == []


def test_an_unknown_column_in_the_upper_row_of_a_two_row_header_fails(tmp_path):
    wb = openpyxl.load_workbook(io.BytesIO(office_xlsx()))
    wb.active.cell(row=2, column=11).value = "通报批评次数"  # above an empty lower cell: a column, not a heading
    out = io.BytesIO()
    wb.save(out)
    errors, problems = office_problems(tmp_path, out.getvalue())
    assert errors == [(2, "K", "unknown-column"), (3, None, "missing-column")]


def test_unknown_flag_names_the_known_ones(tmp_path):
    wb = openpyxl.load_workbook(io.BytesIO(office_xlsx()))
    wb.active.cell(row=5, column=9).value = "试用、表现突出"
    out = io.BytesIO()
    wb.save(out)
    errors, problems = office_problems(tmp_path, out.getvalue())
    assert errors == [(5, "I", "unknown-flag")]
    assert "「试用」" in problems.errors[0].message and "试用期人员" in problems.errors[0].message


@pytest.mark.parametrize("column, cell, fmt, code", [
    (5, 0.18, "0%", "percent-cell"),  # 德 typed as 18%: not a percentage column
    (5, datetime.datetime(1900, 1, 8), "yyyy-mm-dd", "date-cell"),
    (10, 1.2, "0%", "score-over-max"),  # 出勤率 120%: above the declared max 100
    (11, 1.5, "General", "too-many-places"),  # 通报次数 is a count
    (8, "疫情防控；表彰:2", "General", "event-list-invalid"),
    (2, "00_x001B_[2J03", "@", "control-character"),  # how Excel writes an ESC in a cell
])
def test_cells_excel_holds_otherwise_than_meant_are_reported_at_their_place(tmp_path, column, cell, fmt, code):
    wb = openpyxl.load_workbook(io.BytesIO(office_xlsx()))
    target = wb.active.cell(row=6, column=column)
    target.value = cell
    target.number_format = fmt
    out = io.BytesIO()
    wb.save(out)
    errors, problems = office_problems(tmp_path, out.getvalue())
    assert (6, chr(ord("A") + column - 1), code) in errors
    assert all(p.code == code or p.code == "unknown-person" for p in problems.errors), problems.errors


def test_control_characters_never_reach_the_terminal(tmp_path, capsys):
    rows = [list(r) for r in CLEAN_ROWS]
    rows[1][1] = "李\x1b[2J四\x07"
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    assert cli.main(["-C", str(tmp_path), "check"]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "第3行 › B列: [control-character]" in out and "U+001B" in out


def test_total_over_total_max_is_reported_unless_declared(tmp_path):
    data = copy.deepcopy(OFFICE_SCHEME)
    data["assessments"][0]["adjustments"][0]["cap"] = 10
    rows = [[*CLEAN_ROWS[0][:3], "20", "30", "48", "疫情防控:3；表彰:2", "否", "否", "95", "0"]]
    make_project(tmp_path, data, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    _, _, problems = run(tmp_path)
    assert [(p.line, p.code) for p in problems.sorted()] == [(2, "total-over-max")]
    data["assessments"][0]["total_may_exceed"] = True
    write(tmp_path / "schemes/t1.yaml", dump(data))
    assert results(tmp_path)[("Q1", "0001")][0] == 103


# --------------------------------------------------------------------------- IDs and file formats


def test_ids_stripped_of_their_zeros_are_reported_not_new_people(tmp_path):
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, CLEAN_ROWS)})
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(CLEAN_HEADER)
    for r in CLEAN_ROWS:  # saved by a spreadsheet: 0001 → 1, numbers as numbers
        ws.append([int(r[0]), *r[1:]])
    out = io.BytesIO()
    wb.save(out)
    write(tmp_path / "content/ag/t1/2025/Q2.xlsx", out.getvalue())
    _, _, problems = run(tmp_path)
    assert [(p.file, p.line, p.column, p.code) for p in problems.sorted()] == [
        ("content/ag/t1/2025/Q2.xlsx", n, "A", "id-lost-zeros") for n in (2, 3, 4, 5)
    ]
    assert "「0001」" in problems.sorted()[0].message


def test_declared_id_width_catches_a_first_sheet_too(tmp_path):
    rows = [["1", *CLEAN_ROWS[0][1:]], *CLEAN_ROWS[1:]]
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    write(tmp_path / "content/ag/agency.yaml", dump({"name": "测试单位", "departments": ["办公室", "财务科", "人事科"], "id_width": 4}))
    _, _, problems = run(tmp_path)
    assert [(p.line, p.column, p.code) for p in problems.sorted()] == [(2, "A", "id-lost-zeros")]


@pytest.mark.parametrize("suffix", [".xls", ".ods", ".xlsm"])
def test_xls_and_ods_are_refused_once_without_follow_on_noise(tmp_path, suffix):
    year = {
        "Q1.csv": csv_text(CLEAN_HEADER, CLEAN_ROWS),
        f"Q2{suffix}": b"\xd0\xcf\x11\xe0 not really" if suffix == ".xls" else b"PK\x03\x04 not really",
        "Q2.notice.yaml": "start: 2025-07-01\n",
    }
    make_project(tmp_path, OFFICE_SCHEME, year)
    _, periods, problems = run(tmp_path)
    assert [(p.file, p.code) for p in problems.sorted()] == [(f"content/ag/t1/2025/Q2{suffix}", "sheet-format-unsupported")]
    assert "另存为" in problems.sorted()[0].message and ".xlsx" in problems.sorted()[0].message
    assert [p.label for p in periods] == ["Q1"]


def test_event_lists_are_in_the_derivation(tmp_path, capsys):
    clean(tmp_path)
    assert cli.main(["-C", str(tmp_path), "explain", "t1", "2025-Q1", "0003"]) == 0
    out = capsys.readouterr().out
    assert "加分：表彰 2 分、表彰 3 分" in out
    assert "「表彰」列了不止一次，同一件事不累计，按其中最高的 3 分计" in out


# --------------------------------------------------------------------------- shown values at their places


def test_a_mean_is_never_shown_with_more_than_its_places(tmp_path):
    from generator.engine.explain import explain_text
    from generator.site.pages_internal import results_table
    from tests.unit.test_rules import rollup_project

    rule = {"kind": "period_score", "divide_by": 3}
    sheets = {"H1.csv": [["1", "甲", "办公室", "92"]], "H2.csv": [["1", "甲", "办公室", "80"]]}
    periods, problems = rollup_project(tmp_path, [item("ps", "平时", 100, score=rule)], sheets, places=2)
    assert problems.sorted() == []
    year = periods["Y"]
    (person,) = year.people
    assert person.item("ps").value == Decimal(172) / 3  # exact inside
    text = explain_text(year, person)
    assert "57.333" not in text
    assert "平时：≈57.33 分" in text and "= ≈57.33 分" in text
    assert "总分 57.33" in text or "四舍五入保留 2 位小数 = 57.33" in text
    assert results_table(year).rows[0][3] == "57.33"


def test_control_characters_in_a_scheme_are_reported_at_their_line(tmp_path):
    text = dump(OFFICE_SCHEME).replace("name: 测试方案", 'name: "测试\\a方案\\e[2J"')
    make_project(tmp_path, text, {"Q1.csv": csv_text(CLEAN_HEADER, CLEAN_ROWS)})
    _, _, problems = run(tmp_path)
    assert [(p.file, p.line, p.column, p.code) for p in problems.sorted()] == [("schemes/t1.yaml", 3, 7, "control-character")]


def test_percent_text_in_a_percent_column_and_a_numeric_id_among_padded_ones(tmp_path):
    expected = clean(tmp_path / "clean")
    rows = [[*r[:9], r[9] + "%", r[10]] for r in CLEAN_ROWS]  # a CSV saved from a percent-formatted column
    root = tmp_path / "pct"
    make_project(root, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    assert results(root) == expected
    rows[2][0] = "3"  # typed as a number where the office's IDs are 0001, 0002 …
    write(root / "content/ag/t1/2025/Q1.csv", csv_text(CLEAN_HEADER, rows))
    _, _, problems = run(root)
    assert [(p.line, p.column, p.code) for p in problems.sorted()] == [(4, "A", "id-lost-zeros")]
    assert "「0003」" in problems.sorted()[0].message


def test_penalty_by_occurrence_and_same_event_summed_when_declared(tmp_path):
    data = copy.deepcopy(OFFICE_SCHEME)
    data["assessments"][0]["adjustments"] = [
        {"kind": "bonus", "name": "加分", "events": True, "same_event": "sum", "cap": 10},
        {"kind": "penalty", "name": "通报批评", "column": "通报", "points": {"通报批评": 10}},
    ]
    header = [*CLEAN_HEADER, "通报"]
    rows = [[*CLEAN_ROWS[2], "通报批评、通报批评"]]
    make_project(tmp_path, data, {"Q1.csv": csv_text(header, rows)})
    got = results(tmp_path)
    assert got[("Q1", "0003")][0] == 89 + 5 - 20  # 表彰 2 + 表彰 3 both counted; 通报批评 twice at 10 each


def test_a_mapping_to_a_name_the_scheme_lacks_is_reported_at_the_header(tmp_path):
    errors, problems = office_problems(tmp_path, office_xlsx(), columns={**OFFICE_AGENCY["columns"], "部门": "处室"})
    assert errors == [(2, "D", "unknown-column"), (3, None, "missing-column")]  # 部门 spans both header rows; 科室 missing
    (wrong,) = [p for p in problems.sorted() if p.code == "unknown-column"]
    assert "columns 把「部门」对应到「处室」" in wrong.message


def test_scheme_level_sheet_options_apply_to_every_agency(tmp_path):
    expected = clean(tmp_path / "clean")
    data = copy.deepcopy(OFFICE_SCHEME)
    data["sheet"] = {key: OFFICE_AGENCY[key] for key in ("columns", "flags")}
    root = tmp_path / "scheme"
    make_project(root, data, {"Q1.xlsx": office_xlsx()})
    assert results(root) == expected


def test_template_prefills_from_an_office_sheet_and_keeps_the_scheme_names(tmp_path):
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.xlsx": office_xlsx()})
    office_agency(tmp_path)
    out = tmp_path / "Q2模板.xlsx"
    assert cli.main(["-C", str(tmp_path), "template", "t1", "2025-Q2", "--agency", "ag", "--out", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    ws = wb["成绩"]
    header = [str(c.value or "").split("\n")[0].split("（")[0] for c in ws[1]]
    assert header[:3] == ["编号", "姓名", "科室"] and "加分" in header and "工号" not in header
    assert [ws.cell(row=r, column=1).value for r in range(2, 6)] == ["0001", "0002", "0003", "0004"]


def test_stripped_ids_do_not_split_a_rollup_into_follow_on_problems(tmp_path):
    from tests.unit.test_rules import rollup_project

    sheets = {"H1.csv": [["0001", "甲", "办公室", "92"], ["0002", "乙", "办公室", "80"]],
              "H2.csv": [["1", "甲", "办公室", "85"], ["0002", "乙", "办公室", "70"]]}
    periods, problems = rollup_project(tmp_path, [item("ps", "平时", 100, score={"kind": "period_score"})], sheets)
    assert [(p.file, p.line, p.column, p.code) for p in problems.sorted()] == [("content/ag/t1/2025/H2.csv", 2, "A", "id-lost-zeros")]
    assert "Y" not in periods  # not graded with 甲 split in two; graded once the ID is 0001 again


def test_a_declared_input_range_holds_when_a_formula_reads_the_column_too(tmp_path):
    """A formula's own spec of 出勤率 (0, no max) used to hide the input's declared max: 120 passed."""
    data = copy.deepcopy(OFFICE_SCHEME)
    data["assessments"][0]["items"][0] = item("de", "德", 20, score={"kind": "formula", "expr": "出勤率 / 5", "uses": ["出勤率"]})
    header = [h for h in CLEAN_HEADER if h != "德"]
    rows = [[v for h, v in zip(CLEAN_HEADER, r, strict=True) if h != "德"] for r in CLEAN_ROWS]
    rows[0][header.index("出勤率")] = "120"
    make_project(tmp_path, data, {"Q1.csv": csv_text(header, rows)})
    _, _, problems = run(tmp_path)
    (over,) = [p for p in problems.sorted() if p.code == "score-over-max"]
    assert (over.line, over.column) == (2, "I") and "」允许的最大值 100" in over.message and "的允许的" not in over.message
    # 德 cannot be computed from it: counted on the cell's problem as a follow-on, not listed (issue 16)
    assert [p.code for p in problems.sorted()] == ["score-over-max"] and problems.follow_ons() == {over: 1}


def test_a_column_declared_absent_in_one_period_only(tmp_path):
    i = CLEAN_HEADER.index("通报次数")
    short = csv_text(CLEAN_HEADER[:i], [r[:i] for r in CLEAN_ROWS])
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": short, "Q2.csv": short})
    write(tmp_path / "content/ag/agency.yaml", dump({"name": "测试单位", "departments": ["办公室", "财务科", "人事科"],
                                                     "absent_columns": [{"通报次数": ["2025-Q1"]}]}))
    _, _, problems = run(tmp_path)
    assert [(p.file, p.line, p.code) for p in problems.sorted()] == [("content/ag/t1/2025/Q2.csv", 1, "missing-column")]
    write(tmp_path / "content/ag/agency.yaml", dump({"name": "测试单位", "departments": ["办公室"], "absent_columns": [{"通报次数": ["2025Q1"]}]}))
    _, _, problems = run(tmp_path)
    assert [(p.file, p.line, p.code) for p in problems.sorted()][0] == ("content/ag/agency.yaml", 5, "bad-value")


def test_a_row_under_the_header_with_no_id_never_hides_the_id_column(tmp_path):
    """Found by hypothesis: a row below the header was taken for a second header row, and the ID
    heading for a group heading over it."""
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(["科室", "编号"], [["姓名", "", "姓名"], ["编号"]])})
    _, _, problems = run(tmp_path)
    assert problems.has_errors() and all(p.line is not None for p in problems.sorted())


# --------------------------------------------------------------------------- sheet options that clash with the scheme's columns


def agency_with(root, line: str) -> None:
    """agency.yaml with one sheet setting on its line 3, written as text (the line is asserted)."""
    write(root / "content/ag/agency.yaml", f"name: 测试单位\ndepartments: [办公室, 财务科, 人事科]\n{line}\n")


def found(problems):
    return [(p.file, p.line, p.column, p.code, p.severity.value) for p in problems.sorted()]


@pytest.mark.parametrize("line, code, fix", [
    ("ignore_columns: [德]", "ignored-column-read", "从 ignore_columns 中删去「德」"),
    ("ignore_columns: [加分]", "ignored-column-read", "从 ignore_columns 中删去「加分」"),
    ("columns: {加分: 通报次数}", "column-mapping-ambiguous", "请把成绩表的表头改为「通报次数」"),
    ("columns: {工号: 编号}\nignore_columns: [工号]", "ignored-column-read", "从 ignore_columns 或 columns 中删去其中一处"),
])
def test_mutation_a_sheet_setting_the_scheme_columns_override_fails_check_at_its_line(tmp_path, line, code, fix):
    """The scheme's names are matched first and its columns always read: such a setting did nothing, silently."""
    clean(tmp_path)
    agency_with(tmp_path, line)
    _, _, problems = run(tmp_path)
    at = 4 if "\n" in line else 3
    errors = [f for f in found(problems) if f[4] == "error"]
    assert [f[:2] + f[3:4] for f in errors] == [("content/ag/agency.yaml", at, code)], found(problems)
    (problem,) = [p for p in problems.sorted() if p.code == code]
    assert fix in problem.message and "测试方案" in problem.message


def test_a_swap_of_two_scheme_columns_fails_check_on_both_sides(tmp_path):
    clean(tmp_path)
    agency_with(tmp_path, "columns: {德: 能, 能: 德}")
    assert cli.main(["-C", str(tmp_path), "check"]) == 1
    _, _, problems = run(tmp_path)
    assert [(f[1], f[3]) for f in found(problems)] == [(3, "column-mapping-ambiguous")] * 2
    assert ["「德: 能」的左边「德」" in p.message or "「能: 德」的左边「能」" in p.message for p in problems.sorted()] == [True, True]


def test_a_scheme_sheet_setting_that_clashes_fails_check_in_the_scheme_file(tmp_path):
    data = copy.deepcopy(OFFICE_SCHEME)
    data["sheet"] = {"ignore_columns": ["试用期"]}
    make_project(tmp_path, data, {"Q1.csv": csv_text(CLEAN_HEADER, CLEAN_ROWS)})
    _, _, problems = run(tmp_path)
    (problem,) = problems.sorted()
    assert (problem.file, problem.code) == ("schemes/t1.yaml", "ignored-column-read") and problem.line is not None
    assert problem.message.startswith("方案的 sheet 的 ignore_columns 中的「试用期」")


def test_a_column_declared_absent_but_present_is_read_and_warned_at_its_header(tmp_path):
    expected = clean(tmp_path)
    agency_with(tmp_path, "absent_columns: [通报次数]")
    assert results(tmp_path) == expected  # read as the sheet has it
    _, _, problems = run(tmp_path)
    assert found(problems) == [("content/ag/t1/2025/Q1.csv", 1, "K", "absent-column-present", "warning")]
    assert "从 agency.yaml 或方案 sheet 的 absent_columns 中删去「通报次数」" in problems.sorted()[0].message


def test_a_column_declared_absent_in_one_period_is_warned_only_where_present_then(tmp_path):
    i = CLEAN_HEADER.index("通报次数")
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, CLEAN_ROWS),
                                           "Q2.csv": csv_text(CLEAN_HEADER[:i], [r[:i] for r in CLEAN_ROWS])})
    agency_with(tmp_path, "absent_columns: [{通报次数: [2025-Q1]}]")
    _, _, problems = run(tmp_path)
    assert [f[:4] for f in found(problems)] == [("content/ag/t1/2025/Q1.csv", 1, "K", "absent-column-present"),
                                                ("content/ag/t1/2025/Q2.csv", 1, None, "missing-column")]


def test_a_mapping_no_sheet_of_the_agency_uses_is_warned_at_its_line(tmp_path):
    clean(tmp_path)
    agency_with(tmp_path, "columns: {工号: 编号}")
    assert cli.main(["-C", str(tmp_path), "check"]) == 0
    _, _, problems = run(tmp_path)
    assert found(problems) == [("content/ag/agency.yaml", 3, 11, "column-mapping-unused", "warning")]
    assert "1 张成绩表的表头中都没有「工号」列" in problems.sorted()[0].message


def test_mappings_the_sheets_use_are_not_warned_and_a_scheme_mapping_none_uses_is(tmp_path):
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.xlsx": office_xlsx()})
    office_agency(tmp_path)
    _, _, problems = run(tmp_path)
    assert list(problems.sorted()) == []
    data = copy.deepcopy(OFFICE_SCHEME)
    data["sheet"] = {"columns": {"人员编号": "编号"}}
    make_project(tmp_path, data)
    office_agency(tmp_path)
    _, _, problems = run(tmp_path)
    assert [(p.file, p.code) for p in problems.sorted()] == [("schemes/t1.yaml", "column-mapping-unused")]


# --------------------------------------------------------------------------- what an unknown header is said to be


@pytest.mark.parametrize("extra", ["总分", "合计", "总分（满分100）"])
def test_the_offices_own_total_column_is_compared_not_suggested_as_another_column(tmp_path, extra):
    """The office's own 总分 is recognised and compared with Kaohe's (test_office_own_results.py):
    90 for everyone differs from 张三's 95 and 王五's 92 (李四 75, 试用期, is compared too)."""
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text([*CLEAN_HEADER, extra], [[*r, "90"] for r in CLEAN_ROWS])})
    _, _, problems = run(tmp_path)
    assert [(p.line, p.column, p.code) for p in problems.sorted()] == [(2, "L", "office-total-differs"), (3, "L", "office-total-differs"),
                                                                      (4, "L", "office-total-differs")]


@pytest.mark.parametrize("extra", ["得分", "小计"])
def test_a_total_column_is_never_suggested_as_another_column(tmp_path, extra):
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text([*CLEAN_HEADER, extra], [[*r, "90"] for r in CLEAN_ROWS])})
    _, _, problems = run(tmp_path)
    (problem,) = problems.sorted()
    assert (problem.line, problem.column, problem.code) == (1, "L", "unknown-column")
    assert "是不是" not in problem.message and "总分由 Kaohe 按方案计算" in problem.message
    assert "ignore_columns" in problem.message


@pytest.mark.parametrize("extra", ["德", "德（20分）"])
def test_a_parent_item_column_is_the_offices_subtotal_compared_with_kaohes(tmp_path, extra):
    """The office's 德 (its =D+E) was an unknown column to delete or ignore, and once ignored never
    compared; it is compared with Kaohe's 德 (test_office_own_results.py for the total)."""
    data = copy.deepcopy(OFFICE_SCHEME)
    data["assessments"][0]["items"][0] = item("de", "德", 20, children=[item("de1", "政治素质", 10), item("de2", "家庭美德", 10)])
    header = ["编号", "姓名", "科室", "政治素质", "家庭美德", extra, *CLEAN_HEADER[4:]]
    rows = [[*r[:3], "9", str(int(r[3]) - 9), r[3], *r[4:]] for r in CLEAN_ROWS]
    make_project(tmp_path, data, {"Q1.csv": csv_text(header, rows)})
    assert run(tmp_path)[2].sorted() == []
    rows[2][5] = "9"  # 王五's =D4 left out 家庭美德 (10): Kaohe's 德 is 19
    make_project(tmp_path / "wrong", data, {"Q1.csv": csv_text(header, rows)})
    (problem,) = run(tmp_path / "wrong")[2].sorted()
    assert (problem.line, problem.column, problem.code) == (4, "F", "office-item-differs")
    assert "王五（0003）" in problem.message and "是 9" in problem.message and "「德」是 19" in problem.message


def test_suggest_only_a_name_the_header_plainly_means():
    from generator.sheets.header import suggest

    assert suggest("试用期人员", ["试用期", "加分"]) == "试用期"
    assert suggest("总分", ["加分", "减分"]) is None  # one shared character is no likeness
    assert suggest("德", ["职业道德", "社会公德", "家庭美德"]) is None  # part of several names
    assert suggest("美德", ["职业道德", "家庭美德"]) == "家庭美德"


def test_an_agency_mapping_meant_for_its_other_scheme_says_to_move_it_there(tmp_path):
    """An agency with two schemes, one reading 科室 and one 部门, whose office heads both sheets 科室: the
    agency-wide 科室: 部门 is refused (it cannot apply to the first), and the message offered only to
    rename the header or drop the line, both wrong for the second scheme's sheets. It now says to move the
    mapping to that scheme's own sheet: columns, which then passes."""
    clean(tmp_path)
    other = copy.deepcopy(OFFICE_SCHEME)
    other["code"], other["name"], other["people"] = "t2", "另一方案", {"id": "编号", "name": "姓名", "department": "部门"}
    make_project(tmp_path, other, {"Q1.csv": csv_text(CLEAN_HEADER, CLEAN_ROWS)}, agency=None)
    write(tmp_path / "content/ag/t2/2025/Q1.csv", csv_text(CLEAN_HEADER, CLEAN_ROWS))
    agency_with(tmp_path, "columns: {科室: 部门}")
    _, _, problems = run(tmp_path)
    (problem,) = [p for p in problems.sorted() if p.severity.value == "error"]
    assert (problem.file, problem.line, problem.code) == ("content/ag/agency.yaml", 3, "column-mapping-ambiguous")
    assert "方案「另一方案」（t2）的成绩表写的，请把它从 agency.yaml 移到该方案文件的 sheet: {columns: {科室: 部门}} 下" in problem.message
    agency_with(tmp_path, "")
    other["sheet"] = {"columns": {"科室": "部门"}}
    write(tmp_path / "schemes/t2.yaml", dump(other))
    _, periods, problems = run(tmp_path)
    assert not [p for p in problems.sorted() if p.severity.value == "error"], problems.sorted()
    assert {p.scheme.code for p in periods} == {"t1", "t2"} and all(len(p.people) == 4 for p in periods)


def test_a_score_cell_holding_a_formula_s_text_says_so(tmp_path):
    """=SUM(D2:F2) typed into a 得分 cell formatted as 文本: 「不是数字」 said nothing of why; a name's like text was told."""
    from tests.unit.helpers import grade_sheet, simple_scheme

    _, problems = grade_sheet(tmp_path, simple_scheme(), ["得分"], [["1", "甲", "办公室", "=SUM(D2:F2)"], ["2", "乙", "办公室", "＝85"]])
    found = [(p.line, p.column, p.code) for p in problems.sorted()]
    assert found == [(2, "D", "cell-formula-text"), (3, "D", "cell-formula-text")], found
    assert "「=SUM(D2:F2)」是公式本身的文字，不是公式算出的得分" in problems.sorted()[0].message and "无法计分" in problems.sorted()[0].message
