"""Issue 12 finding 3: a lock freezes what the closed period's 公示 shows. After `kaohe close`, an
edit to the scheme's publicity (more grades, more columns), agency.yaml (the issuer) or
holidays.yaml (a day off inside the 公示期) fails the build naming what changed."""

from __future__ import annotations

import json

import pytest

from generator.core.problems import Problems
from generator.site.generate import generate
from tests.archive.test_frozen import AGENCY, EPOCH, LOCK, SCHEME, kaohe
from tests.archive.util import make_project


@pytest.fixture
def closed(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = make_project(tmp_path / "proj", [AGENCY])
    code, out = kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)
    assert code == 0, out
    notice = json.loads((root / LOCK).read_text("utf-8"))["frozen"]["notice"]
    assert notice["published"] and notice["start"] == "2025-07-09" and notice["rows"]
    return root


def _notice_problems(root):
    problems = Problems()
    generate(root, "public", problems)
    return [p for p in problems.errors if p.code == "notice-frozen-changed"]


def _replace(path, old, new):
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unchanged_closed_notice_builds(closed):
    assert _notice_problems(closed) == []
    code, out = kaohe(closed, "check")
    assert code == 0, out


def test_publicity_edited_after_closing(closed):
    _replace(closed / "schemes" / f"{SCHEME}.yaml", "publicity:\n  grades: [好]\n  columns: [姓名, 部门, 等次]",
             "publicity:\n  grades: [好, 较好]\n  columns: [姓名, 部门, 等次, 总分, 名次]")
    found = _notice_problems(closed)
    assert [(p.file, p.code) for p in found] == [(LOCK, "notice-frozen-changed")]
    assert "列 序号、姓名、科室、拟定等次 → 序号、姓名、科室、拟定等次、总分、名次" in found[0].message
    assert "名单 9 人 → 28 人" in found[0].message
    code, out = kaohe(closed, "build", "--quiet")
    assert code == 1 and "[notice-frozen-changed]" in out
    code, out = kaohe(closed, "check")
    assert code == 1 and "[notice-frozen-changed]" in out


def test_issuer_edited_after_closing(closed):
    _replace(closed / "content" / AGENCY / "agency.yaml", "issuer: 云溪县财政局公务员平时考核工作领导小组", "issuer: 另一个小组")
    found = _notice_problems(closed)
    assert len(found) == 1 and "落款 云溪县财政局公务员平时考核工作领导小组 → 另一个小组" in found[0].message


def test_holidays_edited_after_closing(closed):
    with (closed / "content" / "holidays.yaml").open("a", encoding="utf-8") as handle:
        handle.write("\n# 本单位一天放假（写在 covers 范围内）\nholidays: [2027-01-01, 2025-07-10]\n")
    text = (closed / "content" / "holidays.yaml").read_text("utf-8").replace("holidays: [2027-01-01]\n", "", 1)
    text = text.replace("covers:\n", "covers:\n  - {from: 2025-07-10, to: 2025-07-10}\n", 1)
    (closed / "content" / "holidays.yaml").write_text(text, encoding="utf-8")
    found = _notice_problems(closed)
    assert len(found) == 1
    assert "结束日期 2025-07-15 → 2025-07-16" in found[0].message and "公示期内的节假日" in found[0].message


def _as_older_code_wrote_it(root, *, recorded_sources: bool):
    """A lock closed by an older Kaohe whose 公示 differed (it counted or ranked otherwise): the
    frozen list has one more row than today's code gives, and (recorded_sources=False) no record
    of the settings files, as locks written before they were recorded."""
    lock = json.loads((root / LOCK).read_text("utf-8"))
    notice = lock["frozen"]["notice"]
    notice["rows"].append(list(notice["rows"][-1]))
    if not recorded_sources:
        notice.pop("sources", None)
    lock["engine"] = "0.0.9"
    lock.pop("digest", None)  # older code wrote none
    lock.pop("program", None)  # nor a record of itself
    (root / LOCK).write_text(json.dumps(lock, ensure_ascii=False, indent=1), encoding="utf-8")


def test_a_lock_of_older_code_is_not_blamed_on_edited_settings(closed):
    """Nothing was edited after closing: the message says so, names the Kaohe version and what to do."""
    _as_older_code_wrote_it(closed, recorded_sources=False)
    found = _notice_problems(closed)
    assert len(found) == 1
    message = found[0].message
    assert "名单 10 人 → 9 人" in message
    assert "被修改）" not in message and "请恢复这些设置" not in message
    assert "没有修改" in message and "Kaohe 0.0.9" in message
    assert "较早版本的 Kaohe" in message and "agency.yaml" in message  # what the old lock did not record
    assert f"kaohe reopen {SCHEME} 2025-Q2 --agency {AGENCY} --reason" in message and "kaohe close" in message


def test_a_lock_that_recorded_its_sources_says_the_program_changed(closed):
    _as_older_code_wrote_it(closed, recorded_sources=True)
    message = _notice_problems(closed)[0].message
    assert "方案、agency.yaml、holidays.yaml 和本期的文件在关闭后都没有修改" in message
    assert "较早版本" not in message and "Kaohe 0.0.9" in message


def _closed_by(root, **program):
    """The lock as a Kaohe that records itself would have written it, with another program: its 公示 one row longer."""
    from generator.archive.locks import lock_digest

    lock = json.loads((root / LOCK).read_text("utf-8"))
    lock["frozen"]["notice"]["rows"].append(list(lock["frozen"]["notice"]["rows"][-1]))
    lock["program"].update(program)
    lock["digest"] = lock_digest(lock)
    (root / LOCK).write_text(json.dumps(lock, ensure_ascii=False, indent=1), encoding="utf-8")


@pytest.mark.parametrize("program, words", [
    ({"kaohe": "0" * 64}, "Kaohe 程序在关闭后更新过"),
    ({"chinesecalendar": "1.10.0"}, "内置节假日日历（chinesecalendar）由 1.10.0 更新为"),
    ({"strokes": "0.0.0"}, "姓氏笔画数据（strokes）由 0.0.0 更新为"),  # the 公示's 姓氏笔画 order comes from it
])
def test_a_lock_that_recorded_its_program_says_what_of_it_changed(closed, program, words):
    _closed_by(closed, **program)
    message = _notice_problems(closed)[0].message
    assert "都没有修改" in message and words in message and "多半" not in message
    assert "kaohe reopen" in message


def test_nothing_edited_and_the_same_program_is_said_to_be_unexplained(closed):
    _closed_by(closed)
    message = _notice_problems(closed)[0].message
    assert "原因不明" in message and "维护人员" in message and "kaohe reopen" not in message


def test_an_edited_setting_is_named_by_its_file(closed):
    _replace(closed / "content" / AGENCY / "agency.yaml", "issuer: 云溪县财政局公务员平时考核工作领导小组", "issuer: 另一个小组")
    message = _notice_problems(closed)[0].message
    assert f"关闭后修改了 content/{AGENCY}/agency.yaml" in message
    assert "Kaohe 程序" not in message


def test_approver_named_after_closing(closed):
    """publicity.approver written after the 公示 (经局考核委员会审定 where it said 经考核领导小组审定) changes what it said."""
    _replace(closed / "schemes" / f"{SCHEME}.yaml", "publicity:\n  grades: [好]", "publicity:\n  approver: 局考核委员会\n  grades: [好]")
    found = _notice_problems(closed)
    assert len(found) == 1 and "审定机构 考核领导小组 → 局考核委员会" in found[0].message
