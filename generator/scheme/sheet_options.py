"""How an office's own sheet differs from the scheme's template: the same keys in a scheme
(`sheet:`) and in an agency's agency.yaml (top level), the agency's added to the scheme's.

    columns: {工号: 编号, 部门: 科室, 加分事项: 加分}   # the office's header → the scheme's column
    ignore_columns: [职务, 性别]                        # columns kept in the sheet, never read
    absent_columns: [立案调查]                          # read columns this office does not keep (all empty)
    id_width: 4                                         # IDs are 4 digits with leading zeros: 0001
    flags: {column: 标记, map: {试用期人员: 试用期}}    # one cell listing yes/no flags

Every column of a sheet must be a declared column, a mapped one or an ignored one; the defaults
of `ignore_columns` are the columns every office keeps for itself (DEFAULT_IGNORED).
"""

from __future__ import annotations

from pydantic import Field

from generator.scheme.base import Strict

# Columns offices keep for their own use, never read by any scheme.
DEFAULT_IGNORED = ("序号", "备注", "说明", "联系电话", "电话", "手机", "手机号码", "签名", "签字", "审核意见")


class FlagsColumn(Strict):
    """One column whose cell lists flags (试用期、表现突出), each a yes/no input of the scheme.

    A flag is written by the name of its yes/no column, or by a word that `map` gives it. Flags are
    separated by 、，,；; or spaces; an unknown flag is an error naming the known ones."""

    column: str
    map: dict[str, str] = {}  # word written in the cell → the yes/no column it sets


class SheetOptions(Strict):
    columns: dict[str, str] = {}
    ignore_columns: list[str] = []
    absent_columns: list[str] = []
    id_width: int | None = Field(default=None, ge=1, le=30)
    flags: FlagsColumn | None = None

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
        )

    def ignored(self) -> set[str]:
        return {*DEFAULT_IGNORED, *self.ignore_columns}


SHEET_KEYS = tuple(SheetOptions.model_fields)
