"""A chart's labels sit left of its bars and never run under them: 其他等次（不公开） did, cut off at 120 px."""

from __future__ import annotations

import re

from generator.site.charts import bar_chart, text_width
from generator.site.charts_compare import stacked_chart


def _bars_start(svg: str) -> set[int]:
    return {int(x) for x in re.findall(r'<rect x="(\d+)" y="(?:[3-9]\d|\d{3,})"', svg)}


def test_bars_begin_right_of_the_longest_label():
    labels = [("好", 1), ("其他等次（不公开）", 4)]
    svg = bar_chart("t", "d", labels, "c")
    assert min(_bars_start(svg)) >= 8 + text_width("其他等次（不公开）", 14)
    short = bar_chart("t", "d", [("好", 1), ("较好", 2)], "c")
    assert _bars_start(short) == {120}  # short labels keep the layout they had


def test_comparison_rows_leave_room_for_a_long_department_name():
    name = "机关党委（人事教育科）办公室"
    svg = stacked_chart("t", "d", ["好", "较好"], [(name, [1, 2]), ("全单位", [3, 4])], "c")
    starts = {int(x) for x in re.findall(r'<rect x="(\d+)" y="\d+" width="\d+" height="22"', svg)}
    assert min(starts) >= 4 + text_width(name, 13)
    assert 'x="4"' in svg and "机关党委（人事教育科）办公室" in svg


def test_a_label_too_long_for_any_room_is_capped():
    svg = bar_chart("t", "d", [("很" * 60, 1)], "c")
    assert _bars_start(svg) == {260}
