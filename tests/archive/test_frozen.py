"""Frozen periods end to end, through the CLI in-process: close → edit → the build fails naming each
change → reopen with a reason → the pages show a 更正说明 → close again, history kept. And the
three causes a closed period's results can change for: its file edited, its scheme (or a roll-up's
source) edited, or the engine computing differently."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from generator.cli import main
from generator.core.problems import Problems
from generator.site.generate import generate
from tests.archive.util import edit_csv_cell, make_project

EPOCH = "1754006400"  # 2025-08-01: after the 2025-Q2 公示
TODAY = dt.datetime.fromtimestamp(int(EPOCH), dt.UTC).date().isoformat()
SHOWN = "2025年8月1日"  # as readers see every date (render.cn_date); the lock keeps TODAY
AGENCY, SCHEME = "yunxi-czj", "s003-p2"
SHEET = f"content/{AGENCY}/{SCHEME}/2025/Q2.csv"
LOCK = f"content/{AGENCY}/{SCHEME}/2025/Q2.lock.json"
NOTICE_HTML = f"site/notices/{AGENCY}/{SCHEME}/2025-Q2/index.html"
REASON = "复核发现雷杰平工作负荷分值录入错误，经考核领导小组2025年8月1日会议研究予以更正"


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return make_project(tmp_path / "proj", [AGENCY])


def kaohe(root, *args) -> tuple[int, str]:
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--debug", "-C", str(root), *args])
    text = out.getvalue() + err.getvalue()
    assert "Traceback" not in text and "内部错误" not in text, text
    return code, text


def frozen_problems(root) -> list:
    problems = Problems()
    generate(root, "public", problems)
    return [p for p in problems.errors if p.code == "period-frozen-changed"]


def test_close_edit_reopen_correct_close_again(project):
    root = project
    code, out = kaohe(root, "build", "--quiet")
    assert code == 0, out

    code, out = kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)
    assert code == 0, out
    lock = json.loads((root / LOCK).read_text("utf-8"))
    assert lock["state"] == "closed" and lock["closed"] == TODAY and lock["history"] == []
    first_hash = lock["frozen"]["inputs"][SHEET]
    frozen_total = lock["frozen"]["results"]["0001"]["total"]
    assert frozen_total and lock["frozen"]["results"]["0001"]["name"] == "雷杰平"
    code, out = kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)
    assert code == 0 and "已经是关闭状态" in out  # closing twice changes nothing

    site_before = (root / NOTICE_HTML).read_bytes()
    old = edit_csv_cell(root / SHEET, "0001", "工作负荷", "11")
    assert old == "12"
    code, out = kaohe(root, "build", "--quiet")
    assert code == 1
    assert "[period-frozen-changed]" in out and "网站未更新" in out
    assert f"关闭后修改了 {SHEET}" in out  # the file was edited, not the engine
    assert f"雷杰平（0001）总分 {frozen_total} → " in out  # person, field, old → new
    assert "雷杰平（0001）项目「工作负荷」 12 → 11" in out  # the item by the name users know, not its code (ji1)
    assert "程序计算结果不同" not in out
    assert (root / NOTICE_HTML).read_bytes() == site_before
    code, out = kaohe(root, "check")  # check says so too, before anyone tries to build
    assert code == 1 and "[period-frozen-changed]" in out and f"关闭后修改了 {SHEET}" in out

    code, out = kaohe(root, "reopen", SCHEME, "2025-Q2", "--agency", AGENCY, "--reason", REASON)
    assert code == 0, out
    code, out = kaohe(root, "build", "--quiet")
    assert code == 0, out
    page = (root / NOTICE_HTML).read_text("utf-8")
    assert f"更正说明（{SHOWN}）" in page and REASON in page
    problems = Problems()
    internal = generate(root, "internal", problems)
    results_page = internal.files[f"results/{AGENCY}/{SCHEME}/2025-Q2.md"].decode("utf-8")
    assert f"更正说明（{SHOWN}）" in results_page and REASON in results_page

    code, out = kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)
    assert code == 0, out
    lock = json.loads((root / LOCK).read_text("utf-8"))
    assert lock["state"] == "closed"
    assert [h["inputs"][SHEET] for h in lock["history"]] == [first_hash]  # the earlier version's hash is kept
    assert lock["history"][0]["results"]["0001"]["total"] == frozen_total
    assert lock["frozen"]["inputs"][SHEET] != first_hash
    assert lock["corrections"] == [{"date": TODAY, "reason": REASON}]
    assert frozen_problems(root) == []  # the corrected results are the frozen ones now


def test_engine_computing_differently_is_not_called_a_file_edit(project):
    root = project
    code, out = kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)
    assert code == 0, out
    lock = json.loads((root / LOCK).read_text("utf-8"))
    person = lock["frozen"]["results"]["0003"]
    shown = person["total"]
    person["total"] = "12.34"  # what an earlier engine would have frozen
    lock.pop("digest")  # an earlier Kaohe wrote no digest: the lock is not taken for a hand-edited one
    lock.pop("program")  # nor a record of itself
    (root / LOCK).write_text(json.dumps(lock, ensure_ascii=False), encoding="utf-8")
    code, out = kaohe(root, "build", "--quiet")
    assert code == 1
    assert "成绩文件未变，但程序计算结果不同：变化多半来自 Kaohe 程序本身" in out and "修改了" not in out
    assert f"白波辉（0003）总分 12.34 → {shown}" in out


def test_scheme_edit_is_named_as_the_cause(project):
    root = project
    code, out = kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)
    assert code == 0, out
    scheme = root / "schemes" / f"{SCHEME}.yaml"
    text = scheme.read_text("utf-8")
    assert text.count("    places: 2\n") == 2
    scheme.write_text(text.replace("    places: 2\n", "    places: 1\n", 1), encoding="utf-8")  # 平时考核 totals to one place
    problems = frozen_problems(root)
    assert len(problems) == 1
    assert f"方案或汇总来源文件有改动（修改了 schemes/{SCHEME}.yaml）" in problems[0].message
    assert "总分" in problems[0].message and "程序计算结果不同" not in problems[0].message


def test_a_corrupt_lock_is_reported_and_never_overwritten(project):
    root = project
    code, out = kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)
    assert code == 0, out
    for broken in ('{"format": "kaohe-lock/1", "state": "closed", "frozen": {"inputs": {}}}', "{not json", '{"format": "kaohe-lock/1"}'):
        (root / LOCK).write_text(broken, encoding="utf-8")
        code, out = kaohe(root, "build", "--quiet")
        assert code == 1 and "[lock-invalid]" in out
        code, out = kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)
        assert code == 2 and "损坏" in out
        assert (root / LOCK).read_text("utf-8") == broken
        code, out = kaohe(root, "reopen", SCHEME, "2025-Q2", "--agency", AGENCY, "--reason", "x")
        assert code == 2 and (root / LOCK).read_text("utf-8") == broken


def test_a_full_disk_while_closing_leaves_the_lock_as_it_was(project, monkeypatch):
    import errno
    import pathlib

    root = project
    code, out = kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)
    assert code == 0, out
    code, out = kaohe(root, "reopen", SCHEME, "2025-Q2", "--agency", AGENCY, "--reason", REASON)
    assert code == 0, out
    before = (root / LOCK).read_bytes()
    real = pathlib.Path.write_text

    def full(self, *args, **kwargs):
        if "lock.json" in self.name:
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "write_text", full)
    code, out = kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)
    assert code == 1 and "磁盘空间不足" in out
    assert (root / LOCK).read_bytes() == before
    assert sorted(p.name for p in (root / LOCK).parent.iterdir() if "lock" in p.name) == ["Q2.lock.json"]


@pytest.mark.parametrize("edit", ["reopened by hand", "a total changed", "a correction's reason deleted"])
def test_a_lock_edited_by_hand_is_named_so_and_never_trusted(project, edit):
    """Set closed → open by hand (no reason recorded, no 更正说明), change a frozen total, or delete a
    correction: each is lock-edited, not a silent reopening nor a change blamed on the program."""
    root = project
    assert kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)[0] == 0
    if edit == "a correction's reason deleted":
        assert kaohe(root, "reopen", SCHEME, "2025-Q2", "--agency", AGENCY, "--reason", REASON)[0] == 0
        assert kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)[0] == 0
    lock = json.loads((root / LOCK).read_text("utf-8"))
    if edit == "reopened by hand":
        lock["state"] = "open"
    elif edit == "a total changed":
        lock["frozen"]["results"]["0001"]["total"] = "99.00"
    else:
        lock["corrections"] = []
    (root / LOCK).write_text(json.dumps(lock, ensure_ascii=False, indent=1), encoding="utf-8")
    code, out = kaohe(root, "check")
    assert code == 1 and "[lock-edited]" in out, out
    assert "程序计算结果不同" not in out and "kaohe reopen" in out
    code, out = kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)
    assert code == 2 and json.loads((root / LOCK).read_text("utf-8")) == lock  # never overwritten


def test_a_lock_written_by_close_and_reopen_is_trusted(project):
    root = project
    assert kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)[0] == 0
    assert kaohe(root, "reopen", SCHEME, "2025-Q2", "--agency", AGENCY, "--reason", REASON)[0] == 0
    code, out = kaohe(root, "check")
    assert code == 0, out


@pytest.mark.parametrize("reason", ["无", "/", "更正", "同上", "……", "x", "理由"])  # 理由: the words of --reason 理由 in a message, copied
def test_reopen_wants_a_reason_that_says_something(project, reason):
    """The reason is shown on the period's pages as its 更正说明: 无 or / would publish a correction nobody explained."""
    root = project
    assert kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)[0] == 0
    code, out = kaohe(root, "reopen", SCHEME, "2025-Q2", "--agency", AGENCY, "--reason", reason)
    assert code == 2 and "理由" in out, out
    assert json.loads((root / LOCK).read_text("utf-8"))["state"] == "closed"


@pytest.mark.parametrize("saved", ["notepad", "crlf"])
def test_a_lock_saved_again_by_notepad_with_a_bom_or_crlf_is_still_trusted(project, saved):
    code, out = kaohe(project, "close", SCHEME, "2025-Q2", "--agency", AGENCY)
    assert code == 0, out
    raw = (project / LOCK).read_bytes()
    (project / LOCK).write_bytes(b"\xef\xbb\xbf" + raw if saved == "notepad" else raw.replace(b"\n", b"\r\n"))
    assert _lock_problems(project) == []


@pytest.mark.parametrize(("content", "why"), [(b"", "是空的"), (b'{"format": "kaohe-lock/1",\n "state": ', "第 2 行"),
                                               ("{}".encode("utf-16"), "UTF-8")])
def test_a_broken_lock_says_what_is_wrong_with_it(project, content, why):
    code, out = kaohe(project, "close", SCHEME, "2025-Q2", "--agency", AGENCY)
    assert code == 0, out
    (project / LOCK).write_bytes(content)
    [problem] = _lock_problems(project)
    assert problem.code == "lock-invalid" and why in problem.message


def _lock_problems(root) -> list:
    problems = Problems()
    generate(root, "public", problems)
    return [p for p in problems.errors if p.code.startswith("lock-") or p.code == "period-frozen-changed"]
