"""Every date a reader sees is written one way, as the 公示 writes it (2025年4月9日): render.cn_date and
cn_span, the filters every page template uses."""

from __future__ import annotations

import datetime as dt

from generator.site.render import cn_date, cn_span


def test_a_date_and_a_span_as_the_notice_writes_them():
    assert cn_date(dt.date(2025, 4, 9)) == "2025年4月9日"
    assert cn_date("2025-08-01") == "2025年8月1日"  # a lock's correction keeps its date as text
    assert cn_date("待定") == "待定" and cn_date(None) == ""
    assert cn_span(dt.date(2025, 4, 9), dt.date(2025, 4, 15)) == "2025年4月9日至4月15日"
    assert cn_span(dt.date(2025, 12, 29), dt.date(2026, 1, 5)) == "2025年12月29日至2026年1月5日"  # a year's end: both years
