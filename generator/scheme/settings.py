"""The shapes of the two small settings files next to the results: agency.yaml and <period>.notice.yaml.

project.discover and engine.notice_file read these files (keeping their own, more forgiving messages);
these models are the one place where their keys are named and described, so that the allowed keys
in error messages, the JSON Schema an editor shows and the user guide's reference cannot disagree.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from generator.scheme.base import Strict, integers
from generator.scheme.sheet_options import SheetOptions


class DepartmentEntry(Strict):
    """agency.yaml 中写成映射的部门：名称和网址名（slug）。"""

    name: str = Field(description="部门名称，与成绩表部门列中的写法一致。例：办公室")
    slug: str | None = Field(
        None, description="部门页面的网址名：小写字母、数字和 -，不超过 40 个字符（不写则由名称的拼音生成）。例：bangongshi"
    )
    formerly: list[str] = Field(
        [], description="部门更名前的名称：以前各期成绩表中的旧名照样认得（不必另列），历年对比把旧名的各年接续到本部门。例：[综合股]"
    )


class _AgencyOwn(Strict):
    name: str = Field(description="单位全称，显示在网站标题和公示中。例：云溪县财政局")
    departments: list[str | DepartmentEntry] = Field(
        [],
        description="部门（科室）名单；成绩表的部门列只能填这些名称。每项写部门名称，或写成 {name: 部门名称, slug: 网址名} 指定部门页面的网址。"
        "例：[办公室, {name: 预算股, slug: yusuan}, 国库股]",
    )
    issuer: str | None = Field(None, description="公示落款（默认为单位全称）。例：云溪县财政局考核工作领导小组")
    contact: str | None = Field(None, description="受理复核（异议）的部门和电话，显示在公示末尾。例：人事股（电话 0000-1234567）")
    code: str | None = Field(None, description="单位代码；可不写，始终以目录名为准。例：yunxi-czj")


class AgencyFile(SheetOptions, _AgencyOwn):
    """content/<单位>/agency.yaml：单位名称、部门名单、公示落款和联系方式，以及本单位成绩表的写法。

    The sheet keys (columns, ignore_columns, absent_columns, id_width, flags) are SheetOptions'
    own fields, listed after the agency's: project.discover reads them into Agency.sheet."""


class NoticeFile(Strict):
    """content/<单位>/<方案>/<年>/<期>.notice.yaml：这一期公示的设置；有 start 才会生成公示。"""

    start: dt.date | None = Field(None, description="公示开始日期（年-月-日）；写了才生成公示。例：2025-04-07")
    _integers = integers("days")  # true/false is no number of places
    days: int | None = Field(None, ge=1, le=30, description="公示几个工作日（不写则按方案 publicity.days）。例：5")
    number: str | None = Field(None, description="公示文号。例：云财考〔2025〕1号")
    issuer: str | None = Field(None, description="本次公示的落款（不写则用 agency.yaml 的 issuer）。例：云溪县财政局")
    contact: str | None = Field(None, description="本次公示受理异议的部门和电话（不写则用 agency.yaml 的 contact）。例：人事股 0000-1234567")
    correction: str | None = Field(None, description="更正说明：公示后发现错误、重新公示时写明更正了什么。例：更正张三的部门名称")


def keys_of(model: type[Strict]) -> list[str]:
    """The keys a settings file may contain, in the order the model declares them."""
    return list(model.model_fields)
