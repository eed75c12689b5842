"""`kaohe close --early "理由"`: a 公示 the committee ended before its last day is closed then, with the reason.

Without the option a period whose 公示 is still running is refused (the guide's order: close once it is over);
with it the period closes, the lock records the day and the reason, and the 公示 page says 已结束 with
「公示于…提前结束：理由」 (it said 公示中 until the posted last day, the lock notwithstanding). A reason that
says nothing is refused as a 更正理由 is, and --early on a 公示 already over (or none) is refused: nothing ended early.
"""

from __future__ import annotations

import json

from generator.core.problems import Problems
from generator.site.generate import generate
from tests.archive.test_close_refusals import NOTICE, _project
from tests.archive.test_frozen import AGENCY, LOCK, SCHEME, TODAY, kaohe

EARLY = "经2025年8月1日考核委员会会议研究，拟定人员均无异议，决定提前结束公示"


def _notice_page(root) -> str:
    problems = Problems()
    generated = generate(root, "public", problems)
    assert [p.format() for p in problems.errors] == []
    return generated.files[f"notices/{AGENCY}/{SCHEME}/2025-Q2.md"].decode("utf-8")


def test_a_running_notice_closes_early_with_a_reason_and_its_page_says_so(tmp_path, monkeypatch):
    root = _project(tmp_path, monkeypatch)
    (root / NOTICE).write_text("start: 2025-07-30\ndays: 5\n", encoding="utf-8")  # 7-30 … 8-05; today is 2025-08-01
    assert "公示中" in _notice_page(root)
    code, out = kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)
    assert code == 2 and "--early" in out, out  # the way past the refusal is named
    code, out = kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY, "--early", EARLY)
    assert code == 0, out
    lock = json.loads((root / LOCK).read_text("utf-8"))
    assert (lock["state"], lock["early"]) == ("closed", {"date": TODAY, "reason": EARLY})
    page = _notice_page(root)
    assert "公示于 2025年8月1日 提前结束：</strong>" + EARLY in page, page
    assert ">已结束<" in page and "公示中" not in page and "还剩" not in page
    # the reader's browser (kaohe.js: 公示中 up to and including data-kaohe-end) counts it over from that day too
    assert 'data-kaohe-end="2025-07-31"' in page and 'data-kaohe-workdays="2025-07-30 2025-07-31"' in page, page


def test_a_reason_that_says_nothing_is_refused(tmp_path, monkeypatch):
    root = _project(tmp_path, monkeypatch)
    (root / NOTICE).write_text("start: 2025-07-30\ndays: 5\n", encoding="utf-8")
    for reason in ("无", "/", "  ", "提前结束\x1b[31m"):
        code, out = kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY, "--early", reason)
        assert code == 2 and "提前结束的理由" in out and "\x1b" not in out, (reason, out)
        assert not (root / LOCK).exists()


def test_early_on_a_notice_already_over_is_refused(tmp_path, monkeypatch):
    root = _project(tmp_path, monkeypatch)
    (root / NOTICE).write_text("start: 2025-07-25\ndays: 5\n", encoding="utf-8")  # 7-25 … 7-31: over
    code, out = kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY, "--early", EARLY)
    assert code == 2 and "公示已于 2025年7月31日结束，不是提前结束" in out, out
    assert not (root / LOCK).exists()
    assert kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)[0] == 0


def test_closing_again_normally_after_a_reopen_drops_the_early_end(tmp_path, monkeypatch):
    root = _project(tmp_path, monkeypatch)
    (root / NOTICE).write_text("start: 2025-07-30\ndays: 5\n", encoding="utf-8")
    assert kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY, "--early", EARLY)[0] == 0
    assert kaohe(root, "reopen", SCHEME, "2025-Q2", "--agency", AGENCY, "--reason", "经复核，雷杰平得分录入有误，经领导小组同意更正")[0] == 0
    (root / NOTICE).write_text("start: 2025-07-25\ndays: 5\n", encoding="utf-8")  # a new 公示, over
    assert kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)[0] == 0
    lock = json.loads((root / LOCK).read_text("utf-8"))
    assert "early" not in lock and lock["history"][-1]["early"] == {"date": TODAY, "reason": EARLY}
    assert "提前结束" not in _notice_page(root)


def test_early_on_a_period_already_closed_says_it_is_not_recorded(tmp_path, monkeypatch):
    root = _project(tmp_path, monkeypatch)
    assert kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY)[0] == 0
    before = (root / LOCK).read_bytes()
    code, out = kaohe(root, "close", SCHEME, "2025-Q2", "--agency", AGENCY, "--early", EARLY)
    assert code == 2 and "已经关闭" in out and "没有记录" in out, out
    assert (root / LOCK).read_bytes() == before
