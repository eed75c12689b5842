"""Where a period's downloads go and what they are called: the name and the title row say agency,
scheme, period and content (云溪县财政局-平时考核（篇二）-2025年第一季度考核-成绩.xlsx)."""

from __future__ import annotations

from generator.engine.results import PeriodResult
from generator.site.downloads import download_name, table_title

NUMERIC_HEADERS = {"序号", "总分", "名次", "人数", "占比"}


def period_base(period: PeriodResult, content: str) -> str:
    """docs-relative path without the extension."""
    name = download_name(period.agency_name, period.scheme.title, period.period_assessment, content)
    return f"downloads/{period.agency}/{period.scheme.code}/{name}"


def period_title(period: PeriodResult, content: str) -> str:
    return table_title(period.agency_name, period.scheme.title, period.period_assessment, content)


def numeric_columns(headers: list[str]) -> frozenset[int]:
    """The columns of a 公示 list that are numbers (序号, 总分, 名次): Excel sorts and sums them."""
    return frozenset(i for i, h in enumerate(headers) if h in NUMERIC_HEADERS)
