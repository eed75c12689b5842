"""Every problem code the engine can emit, from the bad input that causes it, with its position."""

from __future__ import annotations

import os
import time

import pytest

from generator.core.problems import Problems, Severity
from generator.scheme.check import check_scheme
from generator.scheme.load import scheme_from_data
from generator.scheme.yaml_source import load_yaml_text
from generator.sheets import cells, tables
from tests.unit.helpers import by_id, csv_text, dump, make_project, run, simple_scheme, write, xlsx_bytes

BASE = """\
format: kaohe/1
code: t1
name: 测试方案
issuer: 测试局
version: "1"
effective_year: 2025
assessed: 全体人员
assessments:
  - code: ps
    name: 平时考核
    period: 季度
    items:
      - code: df
        name: 得分
        max: 100
"""


def check_text(text: str) -> Problems:
    problems = Problems()
    data, marks = load_yaml_text(text, "s.yaml", problems)
    if data is not None:
        scheme = scheme_from_data(data, marks, problems)
        if scheme is not None:
            check_scheme(scheme, marks, problems)
    return problems


def where(problems: Problems) -> list[tuple]:
    return [(p.line, p.column, p.code) for p in problems.sorted()]


def test_base_is_clean():
    assert where(check_text(BASE)) == []


# --- YAML and schema


@pytest.mark.parametrize(
    "text, expected",
    [
        (BASE.replace("name: 测试方案", "name: 测试: 方案"), [(3, 9, "yaml-syntax")]),
        (BASE.replace("        max: 100", "       max: 100"), [(15, 8, "yaml-syntax")]),
    ],
    ids=["colon-in-value", "indentation"],  # a tab, an unclosed quote: tests/unit/test_yaml_slips.py
)
def test_yaml_syntax_line_and_column(text, expected):
    problems = check_text(text)
    assert where(problems) == expected
    assert "YAML 语法错误" in problems.sorted()[0].message


def test_duplicate_key_points_at_the_second_key():
    problems = check_text(BASE.replace("        max: 100", "        max: 100\n        name: 分数"))
    assert where(problems) == [(16, 9, "yaml-duplicate-key")]
    assert "第一次在第 14 行" in problems.sorted()[0].message


def test_unknown_key_points_at_the_key():
    problems = check_text(BASE + "    grdes: {order: [好]}\n")
    assert where(problems) == [(16, 5, "unknown-key")]
    assert "grdes" in problems.sorted()[0].message


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("effective_year: 2025", "effective_year: 二〇二五", [(6, 17, "wrong-type")]),
        ("    items:\n", "    items: 五项\n    unused:\n", None),
        ("        name: 得分", "        name: [得, 分]", [(14, 15, "wrong-type")]),
    ],
    ids=["int", "list", "text"],
)
def test_wrong_type(old, new, expected):
    text = BASE.replace(old, new)
    if expected is None:  # items: 五项 (and the rest of the item block becomes an unknown key)
        text = BASE.replace("    items:\n      - code: df\n        name: 得分\n        max: 100\n", "    items: 五项\n")
        expected = [(12, 12, "wrong-type")]
    assert where(check_text(text)) == expected


def test_missing_key_points_at_the_mapping():
    problems = check_text(BASE.replace("        name: 得分\n", ""))
    assert where(problems) == [(13, 9, "missing-key")]
    assert "name" in problems.sorted()[0].message
    assert where(check_text(BASE.replace("name: 测试方案\n", ""))) == [(1, 1, "missing-key")]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("period: 季度", "period: 每周", [(11, 13, "bad-value")]),
        ("        max: 100", "        max: 三十", [(15, 14, "bad-value")]),
        ("        max: 100", "        max: 1.0e+9999999", [(15, 14, "bad-value")]),  # used to overflow (exit 3)
        ("        max: 100", "        max: 1e999", [(15, 14, "bad-value")]),
        ("code: t1", "code: T 1", [(2, 7, "bad-value")]),
    ],
    ids=["literal", "not-a-number", "huge-exponent", "exponent", "code"],
)
def test_bad_value(old, new, expected):
    assert where(check_text(BASE.replace(old, new))) == expected


def test_alias_bomb_is_too_complex_and_fast():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    start = time.perf_counter()
    problems = check_text("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 1
    assert [p.code for p in problems.sorted()] == ["yaml-too-complex"]


@pytest.mark.parametrize(
    "text", ["a: " + "[" * 100 + "]" * 100 + "\n", "".join("  " * i + f"k{i}:\n" for i in range(100)) + "  " * 100 + "v\n"]
)
def test_hundred_levels_of_nesting_is_too_complex(text):
    start = time.perf_counter()
    problems = check_text(text)
    assert time.perf_counter() - start < 1
    assert [p.code for p in problems.sorted()] == ["yaml-too-complex"]


def test_merge_key_is_refused():
    problems = Problems()
    data, _ = load_yaml_text("a: &x {b: 1}\nc:\n  <<: *x\n", "s.yaml", problems)
    assert where(problems) == [(3, 3, "yaml-too-complex")]
    assert data == {"a": {"b": 1}, "c": {}}


OVERRIDE = (
    BASE
    + """\
    grades:
      order: [好, 较好]
      bands:
        - {grade: 好, at_least: 90}
        - {grade: 较好, below: 90}
    overrides:
      - kind: no_grade
        when: WHEN
        reason: 测试
"""
)


@pytest.mark.parametrize(
    "formula, code",
    [
        ("旷课天数 > 2", "unknown-name"),
        ("foo(得分)", "unknown-name"),
        ("__import__('os')", "bad-formula"),
        ("__import__('os').system('ls')", "bad-formula"),
        ("得分.__class__", "bad-formula"),
        ("[得分 for x in 得分]", "bad-formula"),
        ("得分 >", "bad-formula"),
        ("得分 > 90", None),
        ("df ≥ 90 且 非 总分 < 60", None),
    ],
)
def test_formulas_in_conditions(formula, code):
    problems = check_text(OVERRIDE.replace("WHEN", f'"{formula}"'))
    assert where(problems) == ([] if code is None else [(23, 15, code)])


def test_formula_item_names_are_checked():
    text = BASE.replace("        max: 100", "        max: 100\n        score: {kind: formula, expr: 优秀票 / 测评人数, uses: [优秀票]}")
    problems = check_text(text)
    assert where(problems) == [(16, 38, "unknown-name")]
    assert "测评人数" in problems.sorted()[0].message


SUMS = BASE.replace(
    "      - code: df\n        name: 得分\n        max: 100\n",
    "      - code: de\n        name: 德\n        max: 20\n        children:\n          - {code: de1, name: 思想, max: 6}\n          - {code: de2, name: 道德, max: 4}\n",
)


def test_items_do_not_sum():
    problems = check_text(SUMS)
    assert where(problems) == [(13, 9, "items-do-not-sum")]
    assert "子项合计 10 分" in problems.sorted()[0].message


def test_items_do_not_sum_acknowledged_is_a_note():
    text = SUMS + "acknowledged_defects:\n  - {code: items-do-not-sum, at: de, reason: 原文德 20 分但子项只有 10 分}\n"
    problems = check_text(text)
    assert where(problems) == [(13, 9, "defect-acknowledged")]
    (note,) = problems.sorted()
    assert note.severity is Severity.NOTE
    assert not problems.has_errors()


def test_acknowledged_defect_that_does_not_exist():
    text = BASE + "acknowledged_defects:\n  - {code: items-do-not-sum, at: df, reason: 无}\n"
    assert where(check_text(text)) == [(17, 5, "bad-value")]


def test_total_max_does_not_sum():
    assert where(check_text(BASE.replace("    period: 季度", "    period: 季度\n    total_max: 90"))) == [(12, 16, "items-do-not-sum")]


def test_weights_do_not_sum():
    text = BASE.replace(
        "      - code: df\n        name: 得分\n        max: 100\n",
        "      - code: w\n        name: 合成\n        combine: weighted\n        children:\n          - {code: a, name: 甲, weight: 60%}\n          - {code: b, name: 乙, weight: 30%}\n",
    )
    assert where(check_text(text)) == [(13, 9, "items-do-not-sum")]


def test_duplicate_item_code():
    text = BASE + "      - {code: df, name: 另一项, max: 0}\n"
    assert where(check_text(text)) == [(16, 16, "duplicate-code")]


def test_bands_codes():
    overlap = (
        BASE
        + "    grades:\n      order: [好, 较好]\n      bands:\n        - {grade: 好, at_least: 85}\n        - {grade: 较好, at_most: 90}\n"
    )
    assert where(check_text(overlap)) == [(19, 9, "bands-overlap")]
    gap = (
        BASE
        + "    grades:\n      order: [好, 较好]\n      bands:\n        - {grade: 好, at_least: 90}\n        - {grade: 较好, at_most: 89}\n"
    )
    assert where(check_text(gap)) == [(19, 9, "bands-gap")]
    assert where(check_text(gap.replace("    period: 季度", "    period: 季度\n    places: 0"))) == []


def test_quota_at_least_above_at_most():
    text = (
        BASE
        + "    grades:\n      order: [好, 较好]\n      bands: [{grade: 好, at_least: 90}, {grade: 较好, below: 90}]\n    quotas:\n      - {grade: 好, at_most: 20%, at_least: 30%}\n"
    )
    assert where(check_text(text)) == [(20, 9, "quota-impossible")]


# --- result sheets

SHEET_SCHEME = simple_scheme(
    items=[
        {"code": "df", "name": "得分", "max": 100},
        {
            "code": "wg",
            "name": "违规",
            "max": 10,
            "score": {"kind": "deduct", "deductions": [{"kind": "range", "column": "违规扣分", "min": 3, "max": 5}]},
        },
        {
            "code": "qx",
            "name": "缺席",
            "max": 5,
            "score": {"kind": "deduct", "deductions": [{"kind": "per_event", "column": "缺席次数", "points": 1}]},
        },
    ],
    grades=None,
    inputs=[{"name": "类别", "type": "choice", "choices": ["甲", "乙"]}, {"name": "试用期", "type": "yesno"}],
)
HEADER = ["编号", "姓名", "部门", "得分", "违规扣分", "缺席次数", "类别", "试用期"]
GOOD = ["1", "张三", "办公室", "90", "3", "0", "甲", ""]


def sheet_problems(root, rows, header=HEADER, name="Q1.csv", data=SHEET_SCHEME):
    content = csv_text(header, rows) if name.endswith(".csv") else xlsx_bytes([header, *rows])
    make_project(root, data, {name: content})
    _, periods, problems = run(root)
    return periods, problems


def row(i, **changes):
    values = dict(zip(HEADER, GOOD, strict=True))
    values["编号"] = str(i)
    values.update(changes)
    return [values[h] for h in HEADER]


def test_every_cell_problem_with_its_place(tmp_path):
    rows = [
        row(1),
        row(2, 得分="优"),
        row(3, 得分="1e999"),
        row(4, 得分="101"),
        row(5, 得分="-1"),
        row(6, 违规扣分="3、6"),
        row(7, 缺席次数="1.5"),
        row(8, 类别="丙"),
        row(9, 试用期="也许"),
        row(10, 部门="办公司"),
        row(11, 得分=""),
        row(12, 部门=""),
        row("", 姓名="无编号"),
        row(1, 姓名="重复"),
        row(15, 违规扣分="三"),
        row(16, 得分="NaN"),
    ]
    periods, problems = sheet_problems(tmp_path, rows)
    assert where(problems) == [
        (3, "D", "not-a-number"),
        (4, "D", "number-not-finite"),
        (5, "D", "score-over-max"),
        (6, "D", "score-negative"),
        (7, "E", "deduction-out-of-range"),
        (8, "F", "too-many-places"),
        (9, "G", "unknown-choice"),
        (10, "H", "unknown-choice"),
        (11, "C", "unknown-department"),
        (12, "D", "missing-value"),
        (13, "C", "missing-value"),
        (14, "A", "missing-id"),
        (15, "A", "duplicate-id"),
        (16, "E", "not-a-number"),
        (17, "D", "missing-value"),  # NaN: a program's word for nothing, as - or 无
    ]
    assert {p.file for p in problems.sorted()} == {"content/ag/t1/2025/Q1.csv"}
    not_a_number = problems.sorted()[0]
    assert not_a_number.where == "content/ag/t1/2025/Q1.csv › 第3行 › D列「得分」"
    assert "「优」" in not_a_number.message
    assert "第 2 行" in problems.sorted()[12].message  # duplicate-id names the first row
    (period,) = periods
    assert by_id(period)["1"].total == 102  # 90 + (10 − 3) + (5 − 0); the duplicate row is ignored
    assert by_id(period)["1"].person.name == "张三"


def test_header_problems(tmp_path):
    header = ["编号", "姓名", "部门", "得分", "违规扣分", "缺席次数", "得分", "奖金", "序号", "备注"]
    _, problems = sheet_problems(tmp_path, [["1", "张三", "办公室", "90", "", "0", "90", "100", "1", ""]], header=header)
    assert where(problems) == [(1, "G", "duplicate-column"), (1, "H", "unknown-column")]
    assert problems.sorted()[1].severity is Severity.ERROR  # every column accounted for: 序号, 备注 are ignored by default


def test_missing_column(tmp_path):
    header = ["编号", "姓名", "部门", "违规扣分", "缺席次数"]
    _, problems = sheet_problems(tmp_path, [["1", "张三", "办公室", "", "0"]], header=header)
    assert where(problems) == [(1, None, "missing-column")]
    assert problems.sorted()[0].where.endswith("缺「得分」列")


def test_header_not_found(tmp_path):
    _, problems = sheet_problems(tmp_path, [["1", "张三", "办公室"]], header=["序号", "名字", "单位"])
    assert where(problems) == [(1, None, "header-not-found")]


def test_header_with_template_notes_is_matched(tmp_path):
    header = ["编号", "姓名", "部门", "得分（满分 100）", "违规扣分(每次 3—5)", "缺席次数", "类别", "试用期"]
    periods, problems = sheet_problems(tmp_path, [GOOD], header=header)
    assert where(problems) == []
    assert by_id(periods[0])["1"].total == 102


def test_gbk_csv_is_read_and_encoding_reported(tmp_path):
    text = csv_text(HEADER, [["0012", "张三", "财务科", "85.5", "", "0", "乙", "否"]])
    make_project(tmp_path, SHEET_SCHEME, {"Q1.csv": text.encode("gbk")})
    _, (period,), problems = run(tmp_path)
    assert where(problems) == []
    assert period.encoding == "GB18030/GBK"
    person = by_id(period)["0012"]
    assert (person.person.name, person.person.department, str(person.total)) == ("张三", "财务科", "100.50")


@pytest.mark.parametrize(
    "encoded, encoding",
    [
        (lambda t: t.encode("utf-8"), "UTF-8"),
        (lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), "UTF-8（带 BOM）"),
        (lambda t: t.encode("utf-16"), "UTF-16"),
    ],
)
def test_other_encodings(tmp_path, encoded, encoding):
    make_project(tmp_path, SHEET_SCHEME, {"Q1.csv": encoded(csv_text(HEADER, [GOOD]))})
    _, (period,), problems = run(tmp_path)
    assert where(problems) == []
    assert period.encoding == encoding


@pytest.mark.parametrize(
    "raw", ["編號,姓名,部門,得分\n1,張三,辦公室,90\n2,陳小華,財務處,85\n".encode("big5"), b"\xff\xff\xff,1\n"], ids=["big5", "garbage"]
)
def test_encoding_unknown(tmp_path, raw):
    make_project(tmp_path, SHEET_SCHEME, {"Q1.csv": raw})
    _, _, problems = run(tmp_path)
    if raw.startswith(b"\xff\xff"):
        assert [(p.file, p.code) for p in problems.sorted()] == [("content/ag/t1/2025/Q1.csv", "encoding-unknown")]
    else:  # Big5 bytes are valid GB18030 (decided by strict decoding): garbled, so no header, and the message says why
        (problem,) = problems.sorted()
        assert (problem.file, problem.line, problem.code) == ("content/ag/t1/2025/Q1.csv", 1, "header-not-found")
        assert "按 GB18030/GBK 读取" in problem.message and "UTF-8" in problem.message


def test_truncated_xlsx_is_unreadable(tmp_path):
    whole = xlsx_bytes([HEADER, GOOD])
    make_project(tmp_path, SHEET_SCHEME, {"Q1.xlsx": whole[: len(whole) // 2]})
    _, _, problems = run(tmp_path)
    assert [(p.file, p.code) for p in problems.sorted()] == [("content/ag/t1/2025/Q1.xlsx", "sheet-unreadable")]


def test_not_an_xlsx_at_all(tmp_path):
    make_project(tmp_path, SHEET_SCHEME, {"Q1.xlsx": b"PK\x03\x04 not really"})
    _, _, problems = run(tmp_path)
    assert [p.code for p in problems.sorted()] == ["sheet-unreadable"]


def test_xlsx_problem_place_names_the_sheet(tmp_path):
    _, problems = sheet_problems(tmp_path, [row(1, 得分="优")], name="Q1.xlsx")
    (problem,) = problems.sorted()
    assert (problem.line, problem.column, problem.code, problem.sheet) == (2, "D", "not-a-number", "成绩")
    assert problem.where == "content/ag/t1/2025/Q1.xlsx › 成绩 › 第2行 › D列「得分」"


WEIGHTED = simple_scheme(
    items=[
        {
            "code": "lh",
            "name": "量化评价",
            "max": 100,
            "score": {
                "kind": "weighted",
                "components": [
                    {"name": "上级评分", "weight": "40%"},
                    {"name": "同级评分", "weight": "30%"},
                    {"name": "下级评分", "weight": "30%"},
                ],
            },
        }
    ],
    places=2,
)


def test_xlsx_title_row_two_row_header_text_numbers_and_total_row(tmp_path):
    rows = [
        ["2025年第一季度平时考核成绩汇总表", None, None, None, None, None],
        ["编号", "姓名", "部门", "评分", None, None],
        [None, None, None, "上级评分", "同级评分", "下级评分"],
        [12.0, "张三", "办公室", "90.3", 90.1, "89.5"],  # ID typed as a number; scores stored as text
        ["13", "李四", "财务科", 80, "８０", " 80 "],  # not zero-padded: with 0013 the 12 would be reported (id-lost-zeros)
        [None, None, None, None, None, None],
        ["合计", None, None, 170.3, 170.1, 169.5],
        ["备注：本表由人事科填报", None, None, None, None, None],
    ]
    content = xlsx_bytes(rows, merge=["A1:F1", "A2:A3", "B2:B3", "C2:C3", "D2:F2"])
    make_project(tmp_path, WEIGHTED, {"Q1.xlsx": content})
    _, (period,), problems = run(tmp_path)
    assert where(problems) == []
    people = by_id(period)
    assert sorted(people) == ["12", "13"]
    assert people["12"].total == __import__("decimal").Decimal("90.00")
    assert people["12"].grade == "好"
    assert people["12"].person.row == 4
    assert str(people["13"].total) == "80.00"


def test_csv_id_typed_as_number_and_trailer_rows(tmp_path):
    rows = [
        ["12.0", "张三", "办公室", "90", "", "0", "甲", ""],
        ["", "合计", "", "90", "", "", "", ""],
        ["注：以上为初评结果", "", "", "", "", "", "", ""],
    ]
    periods, problems = sheet_problems(tmp_path, rows)
    assert where(problems) == []
    assert list(by_id(periods[0])) == ["12"]


# --- project layout


def test_period_unknown(tmp_path):
    make_project(tmp_path, SHEET_SCHEME, {"春季.csv": csv_text(HEADER, [GOOD])})
    write(tmp_path / "content/ag/t1/二〇二五/Q1.csv", csv_text(HEADER, [GOOD]))
    write(tmp_path / "content/ag/t1/2025/Q1.txt", "说明")
    _, periods, problems = run(tmp_path)
    assert [(p.file, p.code) for p in problems.sorted()] == [
        ("content/ag/t1/2025/Q1.txt", "period-unknown"),
        ("content/ag/t1/2025/春季.csv", "period-unknown"),
        ("content/ag/t1/二〇二五", "period-unknown"),
    ]
    assert periods == []


def test_period_with_decisions_but_no_results(tmp_path):
    make_project(tmp_path, SHEET_SCHEME, {"Q2.decisions.csv": csv_text(["编号", "等次", "理由"], [])})
    _, _, problems = run(tmp_path)
    assert [(p.file, p.code) for p in problems.sorted()] == [("content/ag/t1/2025", "period-missing")]


def test_two_results_files_for_one_period(tmp_path):
    make_project(tmp_path, SHEET_SCHEME, {"Q1.csv": csv_text(HEADER, [GOOD]), "第一季度.xlsx": xlsx_bytes([HEADER, GOOD])})
    _, periods, problems = run(tmp_path)
    assert [(p.file, p.code) for p in problems.sorted()] == [("content/ag/t1/2025/第一季度.xlsx", "duplicate-code")]
    assert len(periods) == 1


def test_scheme_unknown_and_agency_missing(tmp_path):
    make_project(tmp_path, SHEET_SCHEME, {"Q1.csv": csv_text(HEADER, [GOOD])})
    write(tmp_path / "content/ag/nosuch/2025/Q1.csv", csv_text(HEADER, [GOOD]))
    write(tmp_path / "content/other/t1/2025/Q1.csv", csv_text(HEADER, [GOOD]))
    _, periods, problems = run(tmp_path)
    assert [(p.file, p.code) for p in problems.sorted()] == [("content/ag/nosuch", "scheme-unknown"), ("content/other", "agency-missing")]
    assert len(periods) == 1


def test_results_file_is_symlink(tmp_path):
    outside = write(tmp_path / "outside" / "x.csv", csv_text(HEADER, [GOOD]))
    root = make_project(tmp_path / "p", SHEET_SCHEME)
    link = root / "content/ag/t1/2025/Q1.csv"
    link.parent.mkdir(parents=True)
    os.symlink(outside, link)
    _, periods, problems = run(root)
    assert [(p.file, p.code) for p in problems.sorted()] == [("content/ag/t1/2025/Q1.csv", "file-is-symlink")]
    assert periods == []


def test_schemes_dir_pointing_outside_the_project(tmp_path):
    outside = tmp_path / "elsewhere"
    write(outside / "t1.yaml", dump(SHEET_SCHEME))
    root = tmp_path / "p"
    (root / "content").mkdir(parents=True)
    os.symlink(outside, root / "schemes")
    _, _, problems = run(root)
    assert [p.code for p in problems.sorted()] == ["file-outside-project"]


def test_scheme_file_unreadable(tmp_path):
    (tmp_path / "schemes" / "t1.yaml").mkdir(parents=True)
    (tmp_path / "content").mkdir()
    _, _, problems = run(tmp_path)
    assert [(p.file, p.code) for p in problems.sorted()] == [("schemes/t1.yaml", "file-unreadable")]


def test_scheme_not_utf8(tmp_path):
    write(tmp_path / "schemes" / "t1.yaml", BASE.encode("gbk"))
    (tmp_path / "content").mkdir()
    _, _, problems = run(tmp_path)
    assert [(p.file, p.line, p.code) for p in problems.sorted()] == [("schemes/t1.yaml", 3, "encoding-unknown")]


def test_empty_scheme_file(tmp_path):
    write(tmp_path / "schemes" / "t1.yaml", "# nothing yet\n")
    (tmp_path / "content").mkdir()
    _, _, problems = run(tmp_path)
    assert [(p.line, p.column, p.code) for p in problems.sorted()] == [(1, 1, "missing-key")]


def test_two_schemes_with_one_code(tmp_path):
    make_project(tmp_path, SHEET_SCHEME)
    write(tmp_path / "schemes" / "t1-copy.yaml", dump(SHEET_SCHEME))
    _, project_periods, problems = run(tmp_path)
    assert [(p.file, p.line, p.code) for p in problems.sorted()] == [("schemes/t1.yaml", 2, "duplicate-code")]


def test_file_too_large(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "MAX_FILE_BYTES", 100)
    make_project(tmp_path, SHEET_SCHEME, {"Q1.csv": csv_text(HEADER, [GOOD] * 10)})
    _, _, problems = run(tmp_path)
    assert [(p.file, p.code) for p in problems.sorted()] == [("content/ag/t1/2025/Q1.csv", "file-too-large")]


def test_cell_too_long_is_cut_and_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(cells, "MAX_CELL_CHARS", 20)  # where each cell is checked
    monkeypatch.setattr(tables, "MAX_CELL_CHARS", 20)  # the CSV reader's field limit
    periods, problems = sheet_problems(tmp_path, [row(1, 姓名="张" * 30)])
    assert where(problems) == [(2, "B", "file-too-large")]


def test_agency_yaml_problems(tmp_path):
    make_project(tmp_path, SHEET_SCHEME)
    write(tmp_path / "content/ag/agency.yaml", "name: 测试单位\ndepartments: 办公室\nphone: 123\n")
    _, _, problems = run(tmp_path)
    assert [(p.line, p.column, p.code) for p in problems.sorted()] == [(2, 14, "wrong-type"), (3, 1, "unknown-key")]
    write(tmp_path / "content/ag/agency.yaml", "departments: [办公室]\n")
    _, _, problems = run(tmp_path)
    assert [(p.line, p.code) for p in problems.sorted()] == [(1, "missing-key")]


def test_notice_problems(tmp_path):
    import copy

    from tests.unit.helpers import GRADES_4

    graded = copy.deepcopy(SHEET_SCHEME)  # a scheme that grades has a 公示 (without grades: notice-unused)
    graded["assessments"][0]["grades"] = copy.deepcopy(GRADES_4)
    make_project(
        tmp_path, graded, {"Q1.csv": csv_text(HEADER, [GOOD]), "Q1.notice.yaml": "start: 2025-04-08\ndays: 5\nnumbr: 〔2025〕1号\n"}
    )
    _, (period,), problems = run(tmp_path)
    assert [(p.line, p.column, p.code) for p in problems.sorted()] == [(3, 1, "unknown-key")]
    assert (period.notice.start, period.notice.days) == ("2025-04-08", 5)
    write(tmp_path / "content/ag/t1/2025/Q1.notice.yaml", "- 2025-04-08\n")
    _, _, problems = run(tmp_path)
    assert [(p.line, p.code) for p in problems.sorted()] == [(1, "notice-invalid")]


# --- posts and defects the engine will not guess about

POSTS = simple_scheme(
    items=[{"code": "gw", "name": "岗位职责", "max": 50, "by_post": True}, {"code": "df", "name": "得分", "max": 50}],
    grades=None,
)
POSTS["people"] = {"post": "岗位"}
POSTS["posts"] = [
    {"name": "科员", "items": [{"code": "ky", "name": "科员项", "max": 50}]},
    {"name": "副主席", "items": [{"code": "fz1", "name": "副主席项一", "max": 60}, {"code": "fz2", "name": "副主席项二", "max": 60}]},
]
POSTS["acknowledged_defects"] = [{"code": "items-do-not-sum", "at": "posts/副主席", "reason": "个人部分 50 分，下列项目合计 120 分"}]


def test_posts_unknown_post_and_undecidable_defect(tmp_path):
    header = ["编号", "姓名", "部门", "岗位", "科员项", "副主席项一", "副主席项二", "得分"]
    rows = [
        ["1", "甲", "办公室", "科员", "45", "", "", "40"],
        ["2", "乙", "办公室", "副主席", "", "50", "50", "40"],
        ["3", "丙", "办公室", "副主任", "45", "", "", "40"],
    ]
    make_project(tmp_path, POSTS, {"Q1.csv": csv_text(header, rows)})
    _, (period,), problems = run(tmp_path)
    got = [(p.file, p.line, p.column, p.code, p.severity.value) for p in problems.sorted()]
    assert got == [
        ("content/ag/t1/2025/Q1.csv", 3, None, "defect-undecidable", "warning"),
        ("content/ag/t1/2025/Q1.csv", 4, "D", "unknown-post", "error"),
        ("schemes/t1.yaml", 29, 3, "defect-acknowledged", "note"),
    ]
    people = by_id(period)
    assert (str(people["1"].total), people["1"].status) == ("85.00", "graded")
    assert (people["2"].status, people["2"].total) == ("undecidable", None)
    assert "原文缺陷" in people["2"].reason
    assert people["3"].status == "incomplete"


def test_by_post_without_posts(tmp_path):
    data = simple_scheme(items=[{"code": "gw", "name": "岗位职责", "max": 50, "by_post": True}], grades=None)
    make_project(tmp_path, data)
    _, _, problems = run(tmp_path)
    assert [p.code for p in problems.sorted()] == ["missing-key", "missing-key"]
