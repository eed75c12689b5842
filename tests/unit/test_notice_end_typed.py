"""A 公示's end is worked out from its start and length on the holiday calendar (节假日顺延); an office
that types the end from its paper notice (end:, 结束日期:, to:) is told that, at the line, and what to
do when the two disagree — not only "unknown key"."""

from __future__ import annotations

import pytest

from tests.unit.helpers import grade_sheet, simple_scheme


@pytest.mark.parametrize("key", ["end", "结束日期", "截止日期", "to", "until"])
def test_an_end_typed_by_hand_is_named_as_one(tmp_path, key):
    notice = f"start: 2025-04-07\ndays: 5\n{key}: 2025-04-11\n"
    _, problems = grade_sheet(tmp_path, simple_scheme(), ["得分"], [["0001", "人1", "办公室", "95"]], extra={"Q1.notice.yaml": notice})
    found = [p for p in problems.sorted() if p.file.endswith("Q1.notice.yaml")]
    assert [(p.line, p.code) for p in found] == [(3, "notice-end-typed")], [p.format() for p in found]
    assert "days" in found[0].message and "节假日顺延" in found[0].message and "删去" in found[0].message
    assert found[0].severity.name == "ERROR"
