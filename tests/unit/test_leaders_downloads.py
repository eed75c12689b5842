"""Issue 14: department slugs (and their problems), Excel-native downloads, filed forms."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl

from generator.project.slugs import derive_slug
from generator.site.downloads import DataTable, xlsx_bytes
from tests.unit.helpers import make_project, run, write
from tests.unit.test_problem_codes import SHEET_SCHEME


def test_derived_slugs_are_pinyin_and_stable():
    assert derive_slug("办公室") == "bangongshi"
    assert derive_slug("第1科") == "di1ke"
    assert derive_slug("<b>") == "b"
    assert derive_slug("——").startswith("d")  # nothing romanisable: a hash, still an address


def test_declared_slug_and_collision_and_invalid(tmp_path):
    make_project(tmp_path, SHEET_SCHEME)
    write(tmp_path / "content/ag/agency.yaml",
          "name: 测试单位\ndepartments:\n  - 办公室\n  - {name: 长安科, slug: changan}\n  - 常安科\n  - 畅安科\n  - {name: 人事科, slug: 人事}\n")
    project, _, problems = run(tmp_path)
    found = [(p.line, p.column, p.code) for p in problems.sorted() if p.code.startswith("department-slug")]
    assert found == [(6, 5, "department-slug-collision"), (7, 5, "department-slug-invalid")]
    agency = project.agencies["ag"]
    assert agency.slug_of("长安科") == "changan" and agency.slug_of("常安科") == "changanke"
    assert agency.slug_of("畅安科") != "changanke"  # reported, and never overwrites the other's page
    assert agency.departments == ["办公室", "长安科", "常安科", "畅安科", "人事科"]


def test_xlsx_numbers_shares_title_filter_and_ids():
    table = DataTable("某局 · 某方案 · 2025年第一季度 · 成绩", ["序号", "编号", "总分", "占比"],
                      [["1", "007", "84.50", "16.7%"], ["2", "12345678901234567890", "—", "—"]], frozenset({1}), frozenset({0, 2, 3}))
    data = xlsx_bytes(table)
    assert data == xlsx_bytes(table)  # byte-identical
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet["A1"].value == "某局 · 某方案 · 2025年第一季度 · 成绩"
    assert [c.value for c in sheet[2]] == ["序号", "编号", "总分", "占比"]
    assert sheet.freeze_panes == "A3" and sheet.auto_filter.ref == "A2:D4"
    assert sheet["A3"].value == 1 and sheet["A3"].number_format == "0"
    assert sheet["B3"].value == "007" and sheet["B4"].value == "12345678901234567890"
    assert Decimal(str(sheet["C3"].value)) == Decimal("84.5") and sheet["C3"].number_format == "0.00"
    assert Decimal(str(sheet["D3"].value)) == Decimal("0.167") and sheet["D3"].number_format == "0.0%"
    assert sheet["C4"].value == "—"


def test_form_declaration_problems(tmp_path):
    import copy

    scheme = copy.deepcopy(SHEET_SCHEME)
    scheme["forms"] = [{"form": "平时考核结果汇总表", "assessment": "nosuch"},
                       {"form": "年度考核情况登记汇总表", "assessment": scheme["assessments"][0]["code"]}]
    make_project(tmp_path, scheme)
    _, _, problems = run(tmp_path)
    assert [p.code for p in problems.sorted() if p.file.startswith("schemes/")] == ["unknown-name", "bad-value"]


def test_xlsx_text_that_looks_like_a_formula_stays_text():
    table = DataTable("t", ["姓名"], [["=HYPERLINK(\"http://x\",\"a\")"]])
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(table))).active
    assert sheet["A3"].data_type == "s" and sheet["A3"].value.startswith("=HYPERLINK")


def test_long_exact_mean_shown_with_the_assessment_places():
    table = DataTable("t", ["平均分"], [["81.166666666666666666666666666666666666666666666667"]], number_columns=frozenset({0}), long_places=2)
    cell = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(table))).active["A3"]
    assert cell.number_format == "0.00" and abs(cell.value - 81.16666666666667) < 1e-9


def test_a_form_titled_with_any_agency_name_still_opens():
    """The yearly register's sheet is named after its title, which begins with the agency's name.
    A name with a character Excel forbids in a sheet name ([ ] : * ? / \\), one starting with an
    apostrophe or one longer than 31 characters stopped the internal build (内部错误)."""
    from generator.xlsx.form_sheet import FilledForm, FormCell, HeadCell, form_xlsx

    for name in ["白杨县发改委[试点]", "县委组织部/县公务员局", "某局：价格监测", "某局*", "某局?", "某\\局", "'某局'", "很" * 40, "[]:*?/\\"]:
        form = FilledForm(f"{name}2025年度考核情况登记汇总表", "依据：…", [("填报单位", name)], [[HeadCell("姓名")]], [[FormCell("张三")]])
        book = openpyxl.load_workbook(io.BytesIO(form_xlsx(form)))
        title = book.active.title
        assert title and len(title) <= 31 and not set(title) & set("[]:*?/\\") and not title.startswith("'") and not title.endswith("'"), title
        assert book.active["A1"].value == form.title  # the printed title keeps the name as written


def test_a_former_department_name_is_read_and_keeps_its_address(tmp_path):
    """formerly: an old name is a name of the department for the sheets of earlier years, keeps the
    address its pages had, and a wrong value is reported in Chinese where it is written."""
    make_project(tmp_path, SHEET_SCHEME)
    write(tmp_path / "content/ag/agency.yaml",
          "name: 测试单位\ndepartments:\n  - 办公室\n  - {name: 综合办公室, formerly: [综合股]}\n  - {name: 人事科, formerly: 政工科}\n")
    project, _, problems = run(tmp_path)
    agency = project.agencies["ag"]
    assert agency.formerly == {"综合股": "综合办公室"} and agency.names_of("综合办公室") == ["综合办公室", "综合股"]
    assert agency.slug_of("综合股") == "zonghegu" and agency.departments == ["办公室", "综合办公室", "人事科"]
    wrong = [(p.line, p.code) for p in problems.sorted() if p.file.endswith("agency.yaml")]
    assert wrong == [(5, "wrong-type")] and "formerly: [综合股]" in next(p.message for p in problems.sorted() if p.code == "wrong-type")


def test_a_former_name_that_is_a_listed_department_or_of_two_departments_is_reported(tmp_path):
    """formerly: naming a department still listed (its people would be counted in both) or one old name
    claimed by two departments (the comparisons continued whichever came last) passed silently."""
    make_project(tmp_path, SHEET_SCHEME)
    write(tmp_path / "content/ag/agency.yaml",
          "name: 测试单位\ndepartments:\n  - 办公室\n  - {name: 综合办公室, formerly: [办公室]}\n"
          "  - {name: 人事科, formerly: [政工科]}\n  - {name: 组织科, formerly: [政工科]}\n  - {name: 财务科, formerly: [财务科]}\n")
    project, _, problems = run(tmp_path)
    found = [(p.line, p.code) for p in problems.sorted() if p.file.endswith("agency.yaml")]
    assert found == [(4, "department-formerly-conflict"), (6, "department-formerly-conflict")]
    messages = [p.message for p in problems.sorted() if p.code == "department-formerly-conflict"]
    assert "「办公室」" in messages[0] and "仍在 departments 中" in messages[0]
    assert "人事科" in messages[1] and "组织科" in messages[1]
    assert project.agencies["ag"].formerly == {}  # nothing is continued by a guess


def test_a_period_naming_a_department_by_both_its_names_is_warned(tmp_path):
    """Rows under the old name in a sheet that also has the new one (some rows not updated): the comparisons
    counted the department under one of the names and the others' people silently left its history."""
    from tests.unit.helpers import people_csv, simple_scheme

    rows = [["1", "甲", "综合办公室", "90"], ["2", "乙", "综合股", "80"], ["3", "丙", "办公室", "85"]]
    make_project(tmp_path, simple_scheme(), {"Q1.csv": people_csv(rows, ["得分"])})
    write(tmp_path / "content/ag/agency.yaml", "name: 测试单位\ndepartments:\n  - 办公室\n  - {name: 综合办公室, formerly: [综合股]}\n")
    _, _, problems = run(tmp_path)
    [mixed] = [p for p in problems.sorted() if p.code == "department-former-name-mixed"]
    assert (mixed.line, mixed.column, mixed.severity.value) == (3, "C", "warning")
    assert "综合股" in mixed.message and "综合办公室" in mixed.message


def test_a_form_over_periods_that_are_not_quarters_is_refused(tmp_path):
    """平时考核结果汇总表 has a row per quarter, and the register a column per quarter: declared over a
    monthly (or half-yearly) assessment, the check passed and every quarter's row said
    「本方案本季度不单独考核」, a form an office would file with no count on it."""
    from tests.unit.helpers import assessment, item, scheme

    monthly = assessment([item("df", "得分", 100)], code="yue", name="月度考核", period="月", grades={"order": ["好", "一般"], "bands": [{"grade": "好", "at_least": 90}, {"grade": "一般", "below": 90}]})
    yearly = assessment([{"code": "pj", "name": "平均", "max": 100, "score": {"kind": "formula", "expr": "平均(得分)"}}],
                        code="nd", name="年度考核", period="年度", rolls_up="yue", results_optional=True)
    data = scheme(monthly, yearly)
    data["forms"] = [{"form": "平时考核结果汇总表", "assessment": "yue"}, {"form": "年度考核情况登记汇总表", "assessment": "nd"}]
    make_project(tmp_path, data)
    _, _, problems = run(tmp_path)
    found = [p for p in problems.sorted() if p.file.startswith("schemes/") and p.code == "bad-value" and "不是季度" in p.message]
    assert [(p.line, p.column) for p in found] == [(39, 15), (41, 15)], [(p.line, p.column, p.message) for p in found]
    assert "「月度考核」（yue）的期是 1月、2月" in found[0].message and "rolls_up" in found[1].message


def test_a_register_over_a_yearly_score_that_is_no_rate_is_refused(tmp_path):
    """The register's 年度考核优秀率 is the yearly total printed as a percent: declared over a yearly
    assessment scored out of 100, the check passed and the form would say 8550.00% for 85.5 points."""
    from tests.unit.helpers import assessment, item, scheme

    grades = {"order": ["优秀", "称职"], "bands": [{"grade": "优秀", "at_least": 90}, {"grade": "称职", "below": 90}]}
    quarterly = assessment([item("df", "得分", 100)], code="jd", name="季度考核", period="季度", grades=grades)
    points = {"code": "pj", "name": "平均", "max": 100, "score": {"kind": "formula", "expr": "平均(得分)"}}
    for total_max, refused in ((100, True), (None, True), (1, False)):
        yearly = assessment([dict(points, max=total_max or 100)], code="nd", name="年度考核", period="年度", rolls_up="jd",
                            results_optional=True, grades=grades, **({"total_max": total_max} if total_max else {}))
        data = scheme(quarterly, yearly)
        data["forms"] = [{"form": "年度考核情况登记汇总表", "assessment": "nd"}]
        root = tmp_path / str(total_max)
        make_project(root, data)
        _, _, problems = run(root)
        found = [p for p in problems.sorted() if p.file.startswith("schemes/") and p.code == "bad-value" and "年度考核优秀率" in p.message]
        assert bool(found) is refused, (total_max, [p.message for p in problems.sorted() if p.file.startswith("schemes/")])
