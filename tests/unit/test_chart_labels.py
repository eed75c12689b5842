"""A chart's labels never run under its bars (其他等次（不公开） did, cut off at 120 px left of them), and
every word of a chart reads on a phone (the comparison charts' labels were 8.8 px there)."""

from __future__ import annotations

import html
import re

import pytest

from generator.site.charts import bar_chart, text_width
from generator.site.charts_compare import stacked_chart


def _overlaps(svg: str) -> list[str]:
    """Labels whose line (baseline, FONT high) crosses a bar's rectangle."""
    bars = [(int(x), int(y), int(w), int(h)) for x, y, w, h in re.findall(r'<rect x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)"', svg)]
    found = []
    for x, y, size, words in re.findall(r'<text x="(\d+)" y="(\d+)" font-size="(\d+)">(.*?)</text>', svg):
        left, right, bottom, top = int(x), int(x) + text_width(html.unescape(words), int(size)), int(y) + 3, int(y) - int(size)
        if any(left < bx + bw and bx < right and top < by + bh and by < bottom for bx, by, bw, bh in bars):
            found.append(html.unescape(words))
    return found


@pytest.mark.parametrize("label", ["其他等次（不公开）", "机关党委（人事教育科）办公室", "很" * 60, "a" * 90])
def test_no_label_runs_under_a_bar(label):
    assert _overlaps(bar_chart("t", "d", [("好", 1), (label, 4)], "c")) == []
    assert _overlaps(stacked_chart("t", "d", ["好", "较好", label], [(label, [1, 2, 3]), ("全单位", [3, 4, 5])], "c")) == []


# A phone of 390 px shows a chart 358 px wide (the page's margins); a label drawn smaller than 12 px
# there cannot be read. The comparison charts were 530 px wide and so 8.8 px; the summaries' 11 px.
PHONE = 358
READABLE = 12
GRADES = [["好"], ["优秀", "称职", "基本称职", "不称职", "不确定等次"], ["优秀", "良好", "一般", "较差", "免考核", "不确定等次", "其他等次（不公开）"]]
LABELS = [["办公室", "全单位"], ["机关党委（人事教育科）办公室", "特种设备安全监察科", "全单位"], ["很" * 40, "a" * 70]]


def _texts(svg: str) -> list[tuple[float, float, str]]:
    return [(float(x), float(size), html.unescape(re.sub(r"<[^>]+>", "", body)))
            for x, size, body in re.findall(r'<text x="([\d.]+)" y="[\d.]+" font-size="(\d+)"[^>]*>(.*?)</text>', svg)]


def _width(svg: str) -> int:
    return int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))


@pytest.mark.parametrize("grades", GRADES)
@pytest.mark.parametrize("labels", LABELS)
def test_every_chart_reads_on_a_phone_and_keeps_its_words_inside(grades, labels):
    charts = [stacked_chart("t", "d", grades, [(label, [1] * len(grades)) for label in labels], "c"),
              bar_chart("t", "d", [(g, 3) for g in grades] + [(label, 1) for label in labels], "c")]
    for svg in charts:
        width = _width(svg)
        texts = _texts(svg)
        assert texts
        for x, size, words in texts:
            assert size * min(1, PHONE / width) >= READABLE, f"「{words}」 {size * PHONE / width:.1f} px on a phone"
            assert x + text_width(words, int(size)) <= width, f"「{words}」 runs out of the chart"
        shown = "".join(w for _, _, w in texts)
        for label in labels + grades:  # every label whole, if on several lines
            assert label in shown, label


def test_a_department_chart_says_of_how_many_people_its_bars_are():
    """The bars are scaled to the largest count: 3 of 4 and 3 of 40 drew the same long bar, and only the
    table beside the chart said how many people there were. The chart now says 共 N 人 under its bars."""
    svg = bar_chart("t", "d", [("好", 3), ("较好", 1)], "c", base=4)
    assert svg.removesuffix("</svg>").endswith("共 4 人</text>") and _overlaps(svg) == []
    assert "共" not in bar_chart("t", "d", [("好", 3)], "c")
