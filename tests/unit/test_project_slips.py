"""Slips in a project's own files that used to pass silently or with a misleading message: an
impossible build_date in content/site.yaml, a results file named after a period the scheme does not
have, and a 公示 that starts before the period it publishes is over. Mutations of a copy of the demo,
checked as `kaohe check` reports them (exit code, file:line, code, the fix)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import shutil

import pytest

from generator.cli import main
from generator.scheme.periods import period_last_day
from tests.archive.util import make_project

AGENCY, SCHEME = "yunxi-czj", "s003-p2"  # 平时考核 Q1–Q3 (第四季度并入年度考核) and 年度考核 Y
YEAR_DIR = f"content/{AGENCY}/{SCHEME}/2025"


def run(root, *args) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(["-C", str(root), *args])
    text = out.getvalue()
    assert "Traceback" not in text and "内部错误" not in text, text
    return code, text


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return make_project(tmp_path / "proj", [AGENCY])


def test_the_copy_passes(project):
    code, out = run(project, "check")
    assert code == 0, out


# --- 1. content/site.yaml build_date


def _set_build_date(root, value: str) -> int:
    """Replace the demo's build_date line; returns its line number."""
    site = root / "content" / "site.yaml"
    lines = site.read_text("utf-8").splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("build_date:"))
    lines[row] = f"build_date: {value}"
    site.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return row + 1


@pytest.mark.parametrize("value", ["2025-13-01", "2025-02-30", "2025/04/10", "2025-4-10", "明天", "20250410", "[2025, 4, 10]", "9999-12-31"])
def test_bad_build_date_is_a_problem_at_its_line(project, value, monkeypatch):
    row = _set_build_date(project, value)
    for epoch in (None, "1754006400"):  # SOURCE_DATE_EPOCH wins over build_date, but the slip is still reported
        if epoch:
            monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        code, out = run(project, "check")
        assert code == 1, out
        found = re.search(rf"^content/site\.yaml:{row}:\d+: \[bad-value\].*$", out, re.M)
        assert found, out
        assert "build_date" in found.group(0) and "2025-04-10" in found.group(0), found.group(0)  # the expected format


def test_build_date_quoted_or_absent_is_fine(project):
    _set_build_date(project, '"2025-04-10"')
    assert run(project, "check")[0] == 0
    site = project / "content" / "site.yaml"
    site.write_text("title: 测试\n", encoding="utf-8")
    assert run(project, "check")[0] == 0


def test_bad_build_date_stops_the_build_instead_of_using_today(project, tmp_path):
    row = _set_build_date(project, "2025-04-31")
    code, out = run(project, "build", "--quiet", "--out", str(tmp_path / "site"))
    assert code == 1, out
    assert re.search(rf"^content/site\.yaml:{row}:\d+: \[bad-value\]", out, re.M), out


# --- 2. a period name the scheme does not have


def test_period_the_scheme_does_not_have(project):
    src = project / YEAR_DIR / "Q3.csv"
    shutil.copy2(src, src.with_name("Q4.csv"))
    code, out = run(project, "check")
    assert code == 1, out
    lines = [line for line in out.splitlines() if "Q4.csv" in line]
    assert len(lines) == 1, out
    line = lines[0]
    assert line.startswith(f"{YEAR_DIR}/Q4.csv: [period-not-in-scheme]"), line
    assert "无法从文件名" not in line, line
    assert "没有" in line and "第四季度" in line, line
    # the periods it has, with the file names they take
    for label, words in (("Q1", "第一季度"), ("Q2", "第二季度"), ("Q3", "第三季度"), ("Y", "年度")):
        assert f"{label}.xlsx" in line and f"{words}.xlsx" in line, (label, line)


def test_chinese_name_of_a_period_the_scheme_does_not_have(project):
    src = project / YEAR_DIR / "Q3.csv"
    shutil.copy2(src, src.with_name("第四季度.csv"))
    code, out = run(project, "check")
    assert code == 1, out
    assert re.search(rf"^{re.escape(YEAR_DIR)}/第四季度\.csv: \[period-not-in-scheme\].*Q3\.xlsx", out, re.M), out


def test_unreadable_period_name_is_still_period_unknown(project):
    src = project / YEAR_DIR / "Q3.csv"
    shutil.copy2(src, src.with_name("春季.csv"))
    code, out = run(project, "check")
    assert code == 1, out
    assert re.search(rf"^{re.escape(YEAR_DIR)}/春季\.csv: \[period-unknown\] 无法从文件名.*Q1\.xlsx", out, re.M), out


@pytest.mark.parametrize(("stem", "label"), [
    ("M1", "M01"), ("m9", "M09"), ("1月", "M01"), ("一月", "M01"), ("十一月", "M11"), ("十二月", "M12"),
    ("1季度", "Q1"), ("第4季度", "Q4"), ("四季度", "Q4"), ("全年", "Y"), ("年终", "Y"),
    ("第五季度", None), ("13月", None), ("M13", None), ("M0", None),
])
def test_a_period_named_as_offices_name_it(stem, label):
    """M1.xlsx, 一月.xlsx and 第1季度.xlsx were period-unknown: offices number months without the zero
    and write them in Chinese; what names no period stays unknown."""
    from generator.scheme.periods import period_label

    assert period_label(stem) == label


def test_a_quarter_named_with_an_arabic_digit_is_read_as_that_quarter(project):
    (project / YEAR_DIR / "Q3.csv").rename(project / YEAR_DIR / "第3季度.csv")
    code, out = run(project, "check")
    assert code == 0, out
    assert "第3季度.csv" in out and "period-unknown" not in out


@pytest.mark.parametrize("name", ["Q3 - 副本.csv", "Q3 - Copy.csv", "Q3(1).csv", "Q3 (2).csv", "Q3（1）.csv", "Copy of Q3.csv",
                                  "副本Q3.csv", "Q3备份.csv", "Q3.csv.bak", "Q3_old.csv", "第三季度 - 副本.csv"])
def test_a_copy_of_a_periods_sheet_is_named_as_a_copy_of_the_sheet_beside_it(project, name):
    """Windows names a copy 「Q3 - 副本.csv」, WPS 「Q3(1).csv」; offices keep 「Q3.csv.bak」. Such a file
    was period-unknown, whose message lists the period names as if the office had misspelt one: it is
    a copy, of which one file is the final one, and the message says which file it copies."""
    shutil.copy2(project / YEAR_DIR / "Q3.csv", project / YEAR_DIR / name)
    code, out = run(project, "check")
    assert code == 1, out
    assert re.search(rf"^{re.escape(YEAR_DIR)}/{re.escape(name)}: \[file-copy\] 「{re.escape(name)}」像是「Q3\.csv」的副本或备份", out, re.M), out
    assert "period-unknown" not in out, out


def test_a_copy_whose_original_is_gone_is_told_to_take_its_name(project):
    (project / YEAR_DIR / "Q3.csv").rename(project / YEAR_DIR / "Q3 - 副本.csv")
    code, out = run(project, "check")
    assert code == 1, out
    assert re.search(r"\[file-copy\] .*目录里没有「Q3\.csv」.*请改名为「Q3\.csv」", out), out


def test_a_copy_of_a_decisions_file_is_a_copy_not_a_misnamed_file(project):
    (project / YEAR_DIR / "Q2.decisions - 副本.csv").write_text("x", encoding="utf-8")
    code, out = run(project, "check")
    assert re.search(r"Q2\.decisions - 副本\.csv: \[file-copy\] 「Q2\.decisions - 副本\.csv」像是「Q2\.decisions\.csv」", out), out


@pytest.mark.parametrize("name", ["Thumbs.db", "desktop.ini", "ehthumbs.db", "~$Q3.xlsx", "~WRL0001.tmp", ".~Q3.xlsx", "._Q3.csv", ".DS_Store"])
def test_files_the_system_or_office_programs_put_beside_a_sheet_are_not_inputs(project, name):
    """Windows writes Thumbs.db and desktop.ini into folders it shows; Excel and WPS keep owner files
    (~$Q3.xlsx) while a workbook is open. Thumbs.db and desktop.ini failed the check as period-unknown."""
    for folder in (project / YEAR_DIR, project / "content" / AGENCY, project / "content"):
        (folder / name).write_bytes(b"\x00\x01")
    (project / "content" / "__MACOSX").mkdir()
    (project / YEAR_DIR).parent.joinpath(".svn").mkdir()
    code, out = run(project, "check")
    assert code == 0, out


@pytest.mark.parametrize(("folder", "right"), [("2026年", "2026"), ("2026年度", "2026"), ("2026 ", "2026")])
def test_a_year_folder_named_as_offices_name_it_is_told_its_name(project, folder, right):
    shutil.copytree(project / YEAR_DIR, project / YEAR_DIR.replace("2025", folder))
    code, out = run(project, "check")
    assert code == 1, out
    assert f"[period-unknown] 「{folder}」不是年份目录的名字：目录名只写四位年份，请改名为「{right}」。" in out, out


def test_a_scheme_folder_named_by_the_schemes_title_is_told_its_code(project):
    from generator.core.problems import Problems
    from generator.scheme.load import load_scheme  # the title as the scheme file writes it

    title = load_scheme(project / "schemes" / f"{SCHEME}.yaml", Problems())[0].name
    (project / "content" / AGENCY / title / "2025").mkdir(parents=True)
    code, out = run(project, "check")
    assert code == 1, out
    assert f"[scheme-unknown] 目录名「{title}」不是方案的 code：方案目录以方案的 code 命名，请改名为「{SCHEME}」。" in out, out


def test_an_agency_folder_named_in_chinese_is_given_a_pinyin_name(project):
    (project / "content" / AGENCY).rename(project / "content" / "云溪县财政局")
    code, out = run(project, "check")
    assert code == 1, out
    assert "content/云溪县财政局: [folder-name-invalid]" in out and "请改名，如 yunxixiancaizhengju（中文全称写在 agency.yaml 的 name 中）" in out, out


# --- 3. a 公示 that starts before its period is over


@pytest.mark.parametrize(("year", "label", "end"), [
    (2025, "Q1", dt.date(2025, 3, 31)), (2025, "Q2", dt.date(2025, 6, 30)), (2024, "Q4", dt.date(2024, 12, 31)),
    (2025, "H1", dt.date(2025, 6, 30)), (2025, "H2", dt.date(2025, 12, 31)), (2024, "M02", dt.date(2024, 2, 29)),
    (2025, "Y", dt.date(2025, 12, 31)),
])
def test_period_last_day(year, label, end):
    assert period_last_day(year, label) == end


@pytest.mark.parametrize(("label", "start"), [("Q2", "2024-01-02"), ("Q2", "2025-06-30"), ("Q2", "2025-04-01"), ("Y", "2025-11-30"), ("Y", "2024-12-20")])
def test_notice_before_the_period_is_over(project, label, start):
    notice = project / YEAR_DIR / f"{label}.notice.yaml"
    text = notice.read_text("utf-8")
    notice.write_text(re.sub(r"^start: .*$", f"start: {start}", text, flags=re.M), encoding="utf-8")
    row = next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith("start:"))
    shown = f"{YEAR_DIR}/{label}.notice.yaml"
    for command in (["check"], ["build", "--quiet"]):
        code, out = run(project, *command)
        assert code == 1, out
        found = re.search(rf"^{re.escape(shown)}:{row}:\d+: \[notice-before-period-end\].*$", out, re.M)
        assert found, out
        message = found.group(0)
        assert start in message, message
        if label == "Q2":
            assert "2025-06-30" in message and "2025-07-01" in message, message
        else:
            assert "2025-12-01" in message, message  # 年度: from the year's last month


@pytest.mark.parametrize(("label", "start"), [("Q2", "2025-07-01"), ("Y", "2025-12-01"), ("Y", "2025-12-26"), ("Y", "2026-01-12")])
def test_notice_after_the_period_or_in_the_years_last_month_passes(project, label, start):
    notice = project / YEAR_DIR / f"{label}.notice.yaml"
    notice.write_text(re.sub(r"^start: .*$", f"start: {start}", notice.read_text("utf-8"), flags=re.M), encoding="utf-8")
    code, out = run(project, "check")
    assert code == 0, out
