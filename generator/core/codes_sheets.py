"""Problem codes of what a results sheet shows otherwise than it holds (line breaks, merged cells, hidden
rows and columns, a spreadsheet's error values): (title, fix, example), listed in the user guide where
core/codes.py CODES splices them in."""

from __future__ import annotations

SHEET_LAYOUT_CODES: dict[str, tuple[str, str, str]] = {
    "identity-line-break": (
        "编号、姓名或部门中有换行", "删去单元格中的换行（多半是误按了 Alt+Enter）。", "姓名写成「雷杰⏎平」"
    ),
    "merged-cells": (
        "人员行中有合并单元格：只有左上角的单元格存有内容，其余的读作空白",
        "选中合并的单元格「取消合并」，再给每个人的单元格分别填上内容（取消合并后可按 Ctrl+D 向下填充）。",
        "科室列把同一科室的 3 个人合并成一格；两人共享的「加分」合并成一格",
    ),
    "column-hidden": (
        "读取的列在 Excel 中被隐藏，但照样计入考核", "这一列不应参与考核的，删去这一列；应参与的，取消隐藏，以免核对时漏看。", "「通报次数」列被隐藏"
    ),
    "row-struck-through": (
        "人员行的单元格加了删除线，但照样计入考核和公示",
        "此人不参加本期考核的，删去这一行；划掉的是改过的分数的，把单元格改成正确的分数并去掉删除线。",
        "调离人员的一行被划掉（删除线）而没有删去",
    ),
    "row-hidden": (
        "人员行在 Excel 中被隐藏或筛选掉，但照样计入考核", "此人不应参加本期考核的，删去这一行；应参加的，取消隐藏或清除筛选，以免核对时漏看。", "第 7 行被筛选隐藏"
    ),
    "header-repeated": (
        "表头下面又出现了一个列不同的表头",
        "一张成绩表只用一个表头：把下面那部分的列调成与上面的表头相同的顺序，再删去重复的表头行；或把两部分分成两个文件。"
        "与上面完全相同的重复表头（为打印而加的）不算问题。",
        "上半部分是「德、能、绩」，「二、事业单位」下面的表头是「能、德、绩」",
    ),
    "sheet-period-mismatch": (
        "成绩表的标题或工作表名写的是另一个考核期",
        "多半是复制了上一期的文件：成绩是本期的，把标题或工作表名改为本期；不是本期的，换成本期的成绩。",
        "Q2.xlsx 的标题仍是「2025年第一季度平时考核评分表」",
    ),
    "name-is-number": (
        "姓名是一个数字", "多半是编号或分数填进了姓名列，或这一行的内容错开了一列：核对这一行，把姓名填在姓名列。", "姓名列是 12345"
    ),
    "cell-error-value": (
        "单元格是表格软件的错误值（#N/A、#REF!、#DIV/0! 等），不是要填的内容",
        "公式出错了：VLOOKUP 没有找到（#N/A）、引用的单元格被删除（#REF!）、除数为 0（#DIV/0!）等。"
        "改正公式，或把公式换成直接填写的内容后保存；姓名、部门等是错误值的，照此公示就会印出 #N/A。",
        "姓名列是 =VLOOKUP(B5,花名册!A:B,2,0)，花名册里没有这个编号，显示 #N/A",
    ),
}
