"""YAML files as an office saves them — a scheme, agency.yaml, holidays.yaml, site.yaml — that used to
pass silently, or were refused in English or with the wrong noun: a NUL byte from a copy out of an OA
system, Word/WPS's "Unicode" (UTF-16 with a byte-order mark), a GBK file, `version: 2021` and
`short_name: 010` (YAML reads them as numbers), an empty agency.yaml (the agency's results vanished
from the check), a content/ that is a file, and site.yaml keys that were ignored (a misspelt build_date
silently gave the 公示 states of today)."""

from __future__ import annotations

import pytest

from generator.core.problems import Problems
from generator.scheme.yaml_source import load_yaml
from tests.archive.util import make_project
from tests.unit.test_problem_codes import BASE, check_text, where
from tests.unit.test_project_slips import AGENCY, run


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return make_project(tmp_path / "proj", [AGENCY])


# --- the bytes of a YAML file


def test_a_nul_or_other_forbidden_character_is_told_in_chinese_at_its_line_and_column():
    problems = check_text(BASE.replace("name: 测试方案", "name: 测试\x00方案"))
    assert where(problems) == [(3, 9, "control-character")]
    assert "U+0000" in problems.items[0].message and "special characters" not in problems.items[0].message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_scheme_saved_as_unicode_by_word_or_wps_is_read(tmp_path, encoding):
    path = tmp_path / "s.yaml"
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    path.write_bytes(bom + BASE.encode(encoding))
    problems = Problems()
    data, _ = load_yaml(path, problems, "s.yaml")
    assert problems.items == [] and data["name"] == "测试方案"


@pytest.mark.parametrize(
    "name, noun",
    [("schemes/s.yaml", "方案文件"), ("content/a/agency.yaml", "单位设置文件"), ("content/holidays.yaml", "节假日文件"),
     ("content/site.yaml", "网站设置文件"), ("content/a/s/2025/Q1.notice.yaml", "公示设置文件")],
)
def test_a_gbk_yaml_file_is_named_for_what_it_is_with_the_encoding_it_looks_like(tmp_path, name, noun):
    path = tmp_path / "x.yaml"
    path.write_bytes("name: 测试\n".encode("gb18030"))
    problems = Problems()
    assert load_yaml(path, problems, name) == (None, load_yaml(path, Problems(), name)[1])
    [problem] = problems.items
    assert (problem.line, problem.code) == (1, "encoding-unknown")
    assert problem.message.startswith(noun) and "GBK" in problem.message and "UTF-8" in problem.message


# --- a text YAML reads as a number, a date or true


@pytest.mark.parametrize(
    "line, written, shown",
    [("version: \"1\"", "version: 2021", "2021"), ("name: 测试方案", "name: 010", "010"), ("name: 测试方案", "name: yes", "yes"),
     ("name: 测试方案", "name: 1.50", "1.50"), ("name: 测试方案", "name: 2025-01-01", None)],
)
def test_a_text_written_without_quotes_that_yaml_reads_otherwise_is_told_as_written_with_the_quotes(line, written, shown):
    problems = check_text(BASE.replace(line, written))
    key = written.split(":")[0]
    if shown is None:  # a date stays the text written: a name may be a day
        assert where(problems) == []
        return
    [problem] = problems.sorted()
    assert problem.code == "wrong-type" and f"「{shown}」" in problem.message
    assert f'{key}: "{shown}"' in problem.message


# --- the project's own files


@pytest.mark.parametrize("text", ["", "# 单位设置\n", "~\n"])
def test_an_empty_agency_yaml_is_a_problem_not_an_agency_left_out(project, text):
    (project / "content" / AGENCY / "agency.yaml").write_text(text, encoding="utf-8")
    code, out = run(project, "check")
    assert code == 1, out
    assert f"content/{AGENCY}/agency.yaml:1:1: [missing-key]" in out and "name" in out


def test_a_content_that_is_a_file_is_a_problem(project):
    import shutil

    shutil.rmtree(project / "content")
    (project / "content").write_text("", encoding="utf-8")
    code, out = run(project, "check")
    assert code == 1, out
    assert "content: [content-not-folder]" in out


@pytest.mark.parametrize(
    "text, place, code",
    [
        ("title: 考核\nbuild-date: 2025-04-10\n", "content/site.yaml:2:1", "unknown-key"),
        ("title: 考核\nbuild_data: 2025-04-10\n", "content/site.yaml:2:1", "unknown-key"),
        ("title: 2025\n", "content/site.yaml:1:8", "wrong-type"),
        ("考核办法与考核结果\n", "content/site.yaml:1:1", "wrong-type"),
        ("- title: 考核\n", "content/site.yaml:1:1", "wrong-type"),
    ],
)
def test_a_site_yaml_slip_is_reported_not_ignored(project, text, place, code):
    (project / "content" / "site.yaml").write_text(text, encoding="utf-8")
    rc, out = run(project, "check")
    assert rc == 1, out
    assert f"{place}: [{code}]" in out


def test_a_site_yaml_that_is_empty_or_only_comments_is_fine(project):
    (project / "content" / "site.yaml").write_text("# 网站设置\n", encoding="utf-8")
    rc, out = run(project, "check")
    assert rc == 0, out


# --- a 公示 file


def _notice(tmp_path, text: str):
    from generator.engine.notice_file import load_notice
    from generator.project.model import PeriodFiles, Project

    path = tmp_path / "Q1.notice.yaml"
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    notice = load_notice(Project(tmp_path), PeriodFiles("a", "s", 2025, "Q1", notice=path), problems)
    return notice, problems


@pytest.mark.parametrize("days", ['"5"', "'5'", "５", '" 5 "'])
def test_notice_days_written_as_a_quoted_or_full_width_number_is_that_number(tmp_path, days):
    notice, problems = _notice(tmp_path, f"start: 2025-04-09\ndays: {days}\n")
    assert problems.items == [] and notice.days == 5


@pytest.mark.parametrize("days", ['"5个工作日"', '"五"', '"5.5"', '"0"', '"-5"'])
def test_notice_days_that_are_no_whole_number_of_days_are_still_refused(tmp_path, days):
    notice, problems = _notice(tmp_path, f"start: 2025-04-09\ndays: {days}\n")
    assert [(p.line, p.code) for p in problems.items] == [(2, "notice-invalid")] and notice.days is None


def test_a_notice_number_typed_without_quotes_keeps_its_leading_zeros(tmp_path):
    notice, problems = _notice(tmp_path, "start: 2025-04-09\nnumber: 0012\n")
    assert problems.items == [] and notice.number == "0012"


# --- a results file named with its period among other words


@pytest.mark.parametrize(("name", "words"), [("2025年第二季度平时考核.csv", "改名为 Q2.csv"), ("2025Q2成绩表.csv", "改名为 Q2.csv"),
                                             ("2024年第二季度平时考核.csv", "请移到 2024/ 目录")])
def test_a_results_file_named_with_its_period_among_other_words_is_one_problem_with_the_name_to_give(project, name, words):
    folder = project / "content" / AGENCY / "s003-p2" / "2025"
    (folder / "Q2.csv").rename(folder / name)
    code, out = run(project, "check")
    assert code == 1, out
    listed = [line for line in out.splitlines() if ": [" in line and "（说明）" not in line and "已知缺陷" not in line]
    assert len(listed) <= 2, listed  # the file, and the roll-up's warning that its Q2 is absent
    assert listed[0].startswith(f"content/{AGENCY}/s003-p2/2025/{name}: [period-unknown]") and words in listed[0]
    assert "period-missing" not in out


def test_a_merge_key_in_agency_yaml_is_told_of_agency_yaml_not_of_a_scheme(project):
    path = project / "content" / AGENCY / "agency.yaml"
    path.write_text("base: &b {issuer: 某局}\n<<: *b\n" + path.read_text("utf-8"), encoding="utf-8")
    code, out = run(project, "check")
    assert code == 1
    [line] = [row for row in out.splitlines() if "[yaml-too-complex]" in row]
    assert "单位设置文件 agency.yaml 不支持合并键" in line and "方案文件" not in line


def test_departments_typed_as_a_sentence_get_the_list_to_write(project):
    path = project / "content" / AGENCY / "agency.yaml"
    text = path.read_text("utf-8")
    path.write_text("\n".join("departments: 办公室、预算股，国库股" if row.startswith("departments:") else row for row in text.splitlines()) + "\n",
                    encoding="utf-8")
    code, out = run(project, "check")
    assert code == 1 and "写成 departments: [办公室, 预算股, 国库股]" in out
