"""How an office's own sheet differs from the scheme's template: the same keys in a scheme
(`sheet:`) and in an agency's agency.yaml (top level), the agency's added to the scheme's.

    columns: {工号: 编号, 部门: 科室, 加分事项: 加分}   # the office's header → the scheme's column
    ignore_columns: [职务, 性别]                        # columns kept in the sheet, never read
    absent_columns: [立案调查, {试用期: [2025-Q1]}]    # read columns this office does not keep (all empty),
                                                        # always or in the periods listed
    id_width: 4                                         # IDs are 4 digits with leading zeros: 0001
    flags: {column: 标记, map: {试用期人员: 试用期}}    # one cell listing yes/no flags
    check_totals: [合计得分]                            # the office's own 总分 column, compared with Kaohe's
    check_grades: [拟定等次]                            # the office's own 等次 column, compared with Kaohe's
    check_ranks: [科室排名]                             # the office's own 名次 column, compared with Kaohe's

Every column of a sheet must be a declared column, a mapped one or an ignored one; the defaults
of `ignore_columns` are the columns every office keeps for itself (DEFAULT_IGNORED). The office's
own 总分, 等次 and 名次 (its Excel formulas, or typed by hand) are recognised by their usual headers
(DEFAULT_TOTALS, DEFAULT_GRADES, DEFAULT_RANKS) or by the check_* keys, and compared with what Kaohe
computes (engine/office_columns.py): a column listed in ignore_columns is not compared.
"""

from __future__ import annotations

import re

from pydantic import Field, field_validator

from generator.scheme.base import Strict, integers

# Columns offices keep for their own use, never read by any scheme.
_PERIOD_RE = re.compile(r"^(19|20)\d\d-(Q[1-4]|H[12]|M(0[1-9]|1[0-2])|Y)$")
DEFAULT_IGNORED = ("序号", "备注", "说明", "联系电话", "电话", "手机", "手机号码", "签名", "签字", "审核意见")

# The office's own results kept in the sheet: recognised by these headers (without notes: 总分（100分）).
# Not 得分 or 小计: a sub-column of one item (考勤 › 得分) would be taken for the total.
DEFAULT_TOTALS = ("总分", "总得分", "合计", "合计得分", "总计", "考核得分", "综合得分", "考核总分", "最终得分", "总成绩", "考核成绩")
# Not 等级 (often the 职级: 一级主任科员) nor 排序 (often the order of the rows, as 序号).
DEFAULT_GRADES = ("等次", "考核等次", "拟定等次", "评定等次", "拟评等次", "建议等次", "拟定考核等次", "考核结果", "考核等级")
DEFAULT_RANKS = ("排名", "名次", "总排名", "综合排名")


class FlagsColumn(Strict):
    """标记列：一个格子写出本人的几项「是/否」情形（试用期、表现突出），用、，；或空格分隔。

    One column whose cell lists flags, each a yes/no input of the scheme. A flag is written by the
    name of its yes/no column, or by a word that `map` gives it; an unknown flag is an error naming
    the known ones."""

    column: str = Field(description="标记列的列名。例：标记")
    map: dict[str, str] = Field(
        {}, description="格子里的写法 → 方案中「是/否」列的列名（写法与列名相同的不必列出）。例：{试用期人员: 试用期}"
    )  # word written in the cell → the yes/no column it sets


class SheetOptions(Strict):
    """成绩表与方案模板的不同：本单位自己的列名、忽略的列、不记录的列、编号位数、标记列。"""

    columns: dict[str, str] = Field(
        {}, description="本单位成绩表的列名 → 方案中的列名（表头写法不同时对应起来）。例：{工号: 编号, 科室: 部门}"
    )
    ignore_columns: list[str] = Field(
        [], description="成绩表中保留、但不读取的列（序号、备注、电话等常见列已默认忽略）。例：[职务, 性别]"
    )
    absent_columns: list[str | dict[str, list[str]]] = Field(
        [],
        description="方案要读、但本单位不记录的列（按全部为空处理）；只在某几期不记录的写成 {列名: [考核期]}。"
        "例：[立案调查, {试用期: [2025-Q1]}]",
    )
    _integers = integers("id_width")  # true/false is no number of places
    id_width: int | None = Field(
        default=None, ge=1, le=30, description="编号的位数（带前导 0），用于找回被表格软件去掉的 0。例：4"
    )
    flags: FlagsColumn | None = Field(None, description="标记列：一个格子写出几项「是/否」情形。例：{column: 标记, map: {试用期人员: 试用期}}")
    check_totals: list[str] = Field(
        [], description="本单位自己计算的总分列（Excel 公式或手填）：逐人与 Kaohe 按方案算出的总分核对，按方案的小数位数四舍五入后不一致的报告错误。"
        f"表头为{'、'.join(DEFAULT_TOTALS)}的列已默认核对，不必列出；写入 ignore_columns 的列不核对。例：[合计得分]"
    )
    check_grades: list[str] = Field(
        [], description="本单位自己填写的等次列：逐人与 Kaohe 确定的等次（名额和领导小组决定之后）核对，不一致的报告警告。"
        f"表头为{'、'.join(DEFAULT_GRADES)}的列已默认核对（方案直接评定等次所读的列除外）；写入 ignore_columns 的列不核对。例：[拟定等次]"
    )
    check_ranks: list[str] = Field(
        [], description="本单位自己填写的名次列：逐人与按 Kaohe 的总分排出的名次（全表或本部门内，分数相同的名次相同）核对，不一致的报告警告。"
        f"表头为{'、'.join(DEFAULT_RANKS)}的列已默认核对；写入 ignore_columns 的列不核对。例：[科室排名]"
    )

    def merged(self, other: SheetOptions | None) -> SheetOptions:
        """These options (a scheme's) with an agency's on top."""
        if other is None:
            return self
        return SheetOptions(
            columns={**self.columns, **other.columns},
            ignore_columns=[*self.ignore_columns, *other.ignore_columns],
            absent_columns=[*self.absent_columns, *other.absent_columns],
            id_width=other.id_width or self.id_width,
            flags=other.flags or self.flags,
            check_totals=[*self.check_totals, *other.check_totals],
            check_grades=[*self.check_grades, *other.check_grades],
            check_ranks=[*self.check_ranks, *other.check_ranks],
        )

    @field_validator("absent_columns")
    @classmethod
    def _periods(cls, value: list) -> list:
        for entry in value:
            for periods in entry.values() if isinstance(entry, dict) else []:
                bad = [p for p in periods if not _PERIOD_RE.match(str(p))]
                if bad:
                    raise ValueError(f"考核期「{'、'.join(map(str, bad))}」要写成 2025-Q1、2025-H1、2025-M03 或 2025-Y")
        return value

    def ignored(self) -> set[str]:
        return {*DEFAULT_IGNORED, *self.ignore_columns}

    def office_columns(self) -> dict[str, str]:
        """Header (without notes) → what the office computed in it: total, grade or rank. The columns
        listed in ignore_columns are left out: the office said they are not read."""
        kinds: dict[str, str] = {}
        for kind, defaults, listed in (("total", DEFAULT_TOTALS, self.check_totals), ("grade", DEFAULT_GRADES, self.check_grades),
                                       ("rank", DEFAULT_RANKS, self.check_ranks)):
            for name in (*listed, *defaults):
                kinds.setdefault("".join(name.split()), kind)
        for name in self.ignore_columns:
            kinds.pop("".join(name.split()), None)
        return kinds

    def absent_in(self, period: str | None) -> set[str]:
        """Columns declared absent in this period (2025-Q1); None: those absent in every period."""
        names: set[str] = set()
        for entry in self.absent_columns:
            if isinstance(entry, str):
                names.add(entry)
            else:
                names.update(column for column, periods in entry.items() if period is not None and period in periods)
        return names

    def for_period(self, period: str) -> SheetOptions:
        return self.model_copy(update={"absent_columns": sorted(self.absent_in(period))})


SHEET_KEYS = tuple(SheetOptions.model_fields)
