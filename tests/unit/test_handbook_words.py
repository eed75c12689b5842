"""The handbook's words for the rules, checked against what grades (the sections' numbering, the
roll-up items, the total's maximum)."""

from __future__ import annotations

import re

import pytest

from tests.unit.helpers import handbook_text, simple_scheme


@pytest.mark.parametrize(
    "titles, shown",
    [
        (["总体要求", "考核对象"], ["一、总体要求", "二、考核对象"]),
        (["一、考核内容", "二、等次"], ["一、考核内容", "二、等次"]),  # the guide's own example title: not 「一、一、」
        (["前言", "一、指导思想", "二、组织领导"], ["前言", "一、指导思想", "二、组织领导"]),  # s003-p4: not 「二、一、」
        (["第一条 目的", "第二条 范围"], ["第一条 目的", "第二条 范围"]),
    ],
)
def test_section_titles_are_numbered_once(titles, shown):
    sections = [{"title": t, "body": "正文", "sections": [{"title": "（一）小节"}]} for t in titles]
    text = handbook_text({**simple_scheme(), "sections": sections})
    headings = re.findall(r'<h3 id="s-\d+" class="kaohe-doc-h">([^<]*)</h3>', text)
    assert headings == shown
    assert "（一）（一）小节" not in text and "（一）小节" in text
