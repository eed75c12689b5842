"""What a leader comparing years must not misread: 较上年 compares with the year before, the one
named, and nothing else; a scheme revised for a new year (a new code with previous: the old one)
continues the same series when its grades are the same."""

from __future__ import annotations

import re
import shutil

import pytest

from generator.core.problems import Problems
from generator.site.generate import generate
from tests.web.util import copy_demo_part

SCHEMES = "content/yunxi-czj"


def _rows(page: str, heading: str) -> dict[str, list[str]]:
    """{row label: [cells]} of the block under the heading that starts with `heading`."""
    block = page.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", block, re.S)
    cells = [[re.sub(r"<[^>]+>", " ", c).split() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S)] for r in rows]
    return {" ".join(r[0]): [" ".join(c) for c in r[1:]] for r in cells if r}


def _internal(root) -> dict[str, str]:
    files = generate(root, "internal", Problems()).files
    return {k: v.decode() if isinstance(v, bytes) else v for k, v in files.items() if k.startswith("compare/")}


@pytest.fixture(scope="module")
def gap_year(tmp_path_factory):
    """2024 and 2026 of the same scheme, no 2025 (the year's sheets not in yet, or not assessed)."""
    root = copy_demo_part(tmp_path_factory.mktemp("gap"), ("yunxi-czj",))
    year = root / SCHEMES / "s003-p2"
    shutil.rmtree(year / "2025")
    (year / "2026").mkdir()
    for name in ("Q2.csv", "Q3.csv"):  # CSVs: no title naming 2024 in them
        shutil.copy(year / "2024" / name, year / "2026" / name)
    return _internal(root)


def test_a_year_between_missing_is_not_compared_across(gap_year):
    """2026 was shown as 较上一年 against 2024: a change over two years read as one."""
    rows = _rows(gap_year["compare/yunxi-czj/bangongshi.md"], "第二季度")
    assert set(rows) >= {"2024年", "2026年"}
    assert all(cell.endswith("—") for cell in rows["2026年"][1:]), rows["2026年"]


@pytest.fixture(scope="module")
def revised(tmp_path_factory):
    """2024 and 2025 under s003-p2; 2026 under s003-p2-2026 (previous: s003-p2, the same grades)."""
    root = copy_demo_part(tmp_path_factory.mktemp("rev"), ("yunxi-czj",))
    (root / SCHEMES / "s003-p2-2026" / "2026").mkdir(parents=True)
    for name in ("Q2.csv", "Q3.csv"):
        shutil.copy(root / SCHEMES / "s003-p2" / "2025" / name, root / SCHEMES / "s003-p2-2026" / "2026" / name)
    return _internal(root)


def test_a_revised_scheme_continues_the_years_of_the_one_it_replaces(revised):
    """The year page of 2026 compared with nothing (— everywhere), and the department's history
    broke into two tables at the revision."""
    year = _rows(revised["compare/yunxi-czj/2026.md"], "2026年第二季度")
    assert not all(cell.endswith("—") for cell in year["全单位"][1:]), year["全单位"]
    assert "较上年：与 2025年第二季度" in revised["compare/yunxi-czj/2026.md"]
    history = _rows(revised["compare/yunxi-czj/bangongshi.md"], "第二季度")
    assert {"2024年", "2025年", "2026年"} <= set(history)
    assert not all(cell.endswith("—") for cell in history["2026年"][1:])


@pytest.fixture(scope="module")
def renamed(tmp_path_factory):
    """综合股 is 综合办公室 from 2025 (agency.yaml lists both: the 2024 sheets still say 综合股)."""
    from tests.archive.util import replace_cells, results_files

    root = copy_demo_part(tmp_path_factory.mktemp("ren"), ("yunxi-czj",))
    agency = root / SCHEMES / "agency.yaml"
    agency.write_text(agency.read_text("utf-8").replace("综合股", "综合股, 综合办公室", 1), "utf-8")
    for sheet in results_files(root):
        if "/2025/" in sheet.as_posix():
            replace_cells(sheet, "综合股", "综合办公室")
    return _internal(root)


def test_a_department_renamed_between_years_is_named_on_the_year_page(renamed):
    """综合办公室 showed — under 较上年 and 综合股 silently left the table: nothing told the leader
    that the two are one department under two names, or that the one had gone and the other come."""
    page = renamed["compare/yunxi-czj/2025.md"]
    block = page.split("## 2025年第一季度", 1)[1].split("\n## ", 1)[0]
    rows = _rows(page, "2025年第一季度")
    assert "综合办公室" in rows and "综合股" not in rows
    note = re.sub(r"<[^>]+>", "", block.split("</table>", 1)[1])
    assert "综合办公室" in note and "综合股" in note and "更名" in note


@pytest.fixture(scope="module")
def small_department(tmp_path_factory):
    """法规股: two people (0001 and 0002) in every period of both years."""
    from tests.archive.util import edit_csv_cell, results_files

    root = copy_demo_part(tmp_path_factory.mktemp("small"), ("yunxi-czj",))
    agency = root / SCHEMES / "agency.yaml"
    agency.write_text(agency.read_text("utf-8").replace("综合股", "综合股, 法规股", 1), "utf-8")
    for sheet in results_files(root):
        if sheet.suffix == ".csv":
            for person in ("0001", "0002"):
                edit_csv_cell(sheet, person, "科室", "法规股")
        else:
            import openpyxl

            book = openpyxl.load_workbook(sheet)
            for table in book.worksheets:
                for row in table.iter_rows():
                    if any(str(c.value) in ("0001", "0002") for c in row):
                        for c in row:
                            if c.value in ("办公室", "预算股"):
                                c.value = "法规股"
            book.save(sheet)
    return _internal(root)


def test_a_department_of_two_is_marked_where_its_shares_swing(small_department):
    """1 of 2 is 50.0%: one person's grade moves the share by 50 points, and a leader read +50.0
    beside the 1- or 2-point changes of the large departments as the same kind of figure."""
    page = small_department["compare/yunxi-czj/2025.md"]
    rows = _rows(page, "2025年第二季度")
    small = next(label for label in rows if label.startswith("法规股"))
    assert rows[small][0] == "2" and small != "法规股", small  # marked
    for label, cells in rows.items():  # marked exactly where fewer than 5 take part
        if cells and cells[0].isdigit():
            assert label.endswith("*") == (int(cells[0]) < 5), (label, cells[0])
    block = page.split("## 2025年第二季度", 1)[1].split("\n## ", 1)[0]
    assert "不足 5 人" in re.sub(r"<[^>]+>", "", block.split("</table>", 1)[1])


def test_a_year_page_says_why_it_compares_with_nothing(gap_year):
    """With 2025 missing, the 2026 blocks showed — in every cell and no 较上年 line: nothing said
    that the year before had no results, rather than that nothing had changed."""
    page = gap_year["compare/yunxi-czj/2026.md"]
    block = page.split("## 2026年第二季度", 1)[1].split("\n## ", 1)[0]
    assert "较上年：没有2025年第二季度的考核结果，不作比较。" in block
    first = gap_year["compare/yunxi-czj/2024.md"]  # the first year has nothing before it: nothing to say
    assert "没有2023年" not in first


def test_a_revision_with_other_grades_is_named_as_the_reason():
    """A scheme that replaced another but grades otherwise starts a series of its own; its first
    year says the year before was graded under the old scheme, not that there was none."""
    from types import SimpleNamespace as NS

    from generator.site.compare_years import none_before

    old = NS(year=2025, label="Q2", scheme=NS(code="s-old", title="旧方案", previous=None), period_name="2025年第二季度")
    new = NS(year=2026, label="Q2", scheme=NS(code="s-new", title="新方案", previous="s-old"), period_name="2026年第二季度")
    assert none_before(new, [old, new]) == "2025年第二季度按《旧方案》考核，等次或考核项目不同，不作比较"
    assert none_before(new, [new]) == "没有2025年第二季度的考核结果，不作比较"


@pytest.fixture(scope="module")
def renamed_declared(tmp_path_factory):
    """As `renamed`, with the rename declared: {name: 综合办公室, formerly: [综合股]}; 综合股 no longer
    listed, and the 2024 sheets still say 综合股."""
    from tests.archive.util import replace_cells, results_files

    root = copy_demo_part(tmp_path_factory.mktemp("rend"), ("yunxi-czj",))
    agency = root / SCHEMES / "agency.yaml"
    agency.write_text(agency.read_text("utf-8").replace("综合股]", "{name: 综合办公室, formerly: [综合股]}]", 1), "utf-8")
    for sheet in results_files(root):
        if "/2025/" in sheet.as_posix():
            replace_cells(sheet, "综合股", "综合办公室")
    problems = Problems()
    files = generate(root, "internal", problems).files
    assert not problems.errors, [p.message for p in problems.errors][:3]
    return {k: v.decode() if isinstance(v, bytes) else v for k, v in files.items() if k.startswith("compare/")}


def test_a_declared_rename_continues_the_department_across_years(renamed_declared):
    page = renamed_declared["compare/yunxi-czj/2025.md"]
    rows = _rows(page, "2025年第一季度")
    assert not all(cell.endswith("—") for cell in rows["综合办公室"][1:]), rows["综合办公室"]  # compared with 综合股's 2024
    assert "本年新出现" not in page and "上年有、本年没有" not in page
    history = renamed_declared["compare/yunxi-czj/zonghebangongshi.md"]
    years = _rows(history, "第一季度")
    assert {"2024年（综合股）", "2025年"} <= set(years), sorted(years)
    assert "compare/yunxi-czj/zonghegu.md" not in renamed_declared  # one department, one history


def test_a_former_name_keeps_its_department_summary(tmp_path):
    """With the rename declared and the old name no longer listed, the old name's years still have
    their department summaries (only listed departments had pages)."""
    from tests.archive.util import replace_cells, results_files

    root = copy_demo_part(tmp_path, ("yunxi-czj",))
    agency = root / SCHEMES / "agency.yaml"
    agency.write_text(agency.read_text("utf-8").replace("综合股]", "{name: 综合办公室, formerly: [综合股]}]", 1), "utf-8")
    for sheet in results_files(root):
        if "/2025/" in sheet.as_posix():
            replace_cells(sheet, "综合股", "综合办公室")
    files = generate(root, "public", Problems()).files
    assert "departments/yunxi-czj/zonghegu/2024.md" in files and "departments/yunxi-czj/zonghebangongshi/2025.md" in files


def test_a_departments_annual_block_is_headed_by_its_period_and_each_chart_has_its_own_id(tmp_path):
    """A department's 历年对比 headed its annual block 「度 · 年度考核…」 (the period's label was the last
    row's, 2025年, not Y, and 2025年度 lost its first five characters), and every block's chart took the
    same id from that label."""
    pages = _internal(copy_demo_part(tmp_path, ("yunxi-czj",)))
    page = next(text for path, text in pages.items() if path.startswith("compare/yunxi-czj/") and path.count("/") == 2 and "历年对比" in text)
    headings = re.findall(r"^## (.+?)(?: \{#.*\})?$", page, re.M)
    assert [h.split(" · ")[0] for h in headings] == ["第一季度", "第二季度", "第三季度", "年度"], headings
    ids = re.findall(r'<title id="([^"]+)"', page)  # each chart's title, which its aria-labelledby names
    assert len(ids) == len(headings) and len(set(ids)) == len(ids), ids


def test_a_year_page_names_the_periods_with_no_results(tmp_path):
    """云溪 2025 without its 第三季度 and 年度 sheets: the year page listed 第一、第二季度 and nothing
    said the rest of the year was not there, so it read as the whole year."""
    root = copy_demo_part(tmp_path, ("yunxi-czj",))
    for name in ("Q3.csv", "Q3.notice.yaml", "年度.xlsx", "Y.notice.yaml"):
        (root / SCHEMES / "s003-p2" / "2025" / name).unlink()
    pages = _internal(root)
    assert ("本年尚无结果（没有成绩表，不在本页）：第三季度平时考核（平时考核实施方案（篇二））、"
            "年度考核（平时考核结果运用）（平时考核实施方案（篇二））。") in pages["compare/yunxi-czj/2025.md"]
    assert "本年尚无结果" not in pages["compare/yunxi-czj/2024.md"]


def test_a_year_page_does_not_call_quarters_under_the_revised_scheme_missing(tmp_path):
    """云溪 2025: 第一、二季度 under s003-p2, 第三季度 under s003-p2-2026 (previous: s003-p2). The year page said
    本年尚无结果 of the old scheme's 第三季度 and the new one's 第一、第二季度, all three of which are on it."""
    root = copy_demo_part(tmp_path, ("yunxi-czj",))
    old, new = root / SCHEMES / "s003-p2" / "2025", root / SCHEMES / "s003-p2-2026" / "2025"
    new.mkdir(parents=True)
    for name in ("Q3.csv", "Q3.notice.yaml"):
        (old / name).rename(new / name)
    for name in ("年度.xlsx", "Y.notice.yaml"):
        (old / name).unlink()
    page = _internal(root)["compare/yunxi-czj/2025.md"]
    missing = page.split("本年尚无结果", 1)[1].split("。", 1)[0] if "本年尚无结果" in page else ""
    assert "第三季度" not in missing and "第一季度" not in missing and "第二季度" not in missing, missing
    assert "年度考核" in missing  # the year's own sheet is not in under either scheme
