"""The formula language in the user's words, for the guide's 《公式写法》 page.

Every function expr.py accepts has an entry here (tests/unit/test_reference_guide.py fails for a
function without one), and the examples marked as from a seed are checked to appear, word for word,
in that seed scheme, so the page cannot describe a language the program does not speak.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.scheme.expr import HISTORY_FUNCTION_NAMES, PURE_FUNCTIONS


@dataclass(frozen=True)
class Entry:
    name: str  # the operator or function as written
    words: str  # what it does
    example: str  # a formula using it
    seed: str = ""  # the seed scheme the example is quoted from (checked by a test), or ""


OPERATORS: list[Entry] = [
    Entry("+  -  *  /", "加、减、乘、除；也可写 × ÷。先乘除后加减，可用括号改变顺序（中文括号（）也可以）。",
          "年终测评优秀票数 / 参加测评总人数", "s003-p7"),
    Entry(">  >=  <  <=", "大于、大于或等于、小于、小于或等于；也可写 ≥ ≤。「85 分以上」（含 85）写 >= 85，「超过」「不满」（不含本数）写 > 和 <："
          "「优秀票超过有效票数的二分之一」写 优秀票 > 有效票数 / 2（恰好一半不算）。只比较数字：文字、选择列不能比较大小（日期也不能，kaohe check 会报告）。",
          "pingshi >= 85", "s003-p3"),
    Entry("==  !=", "等于、不等于（两个等号）；也可写 ≠。文字要加英文双引号。", '处分 == "警告"', "s003-p3"),
    Entry("且", "两个条件都成立（也可写 and）。前后各留一个空格。", "工伤 且 病事假天数 > 应出勤天数 / 2", "s003-p2"),
    Entry("或", "两个条件有一个成立即可（也可写 or）。前后各留一个空格。", "急难险重表现突出 或 获得嘉奖及以上", "s003-p6"),
    Entry("非", "条件不成立（也可写 not）。后面留一个空格。", "病事假天数 > 应出勤天数 / 2 且 非 工伤", "s003-p2"),
    Entry("( )", "括号：先算括号里的。括起来的条件也可以相加，成立的按 1、不成立的按 0 计，用来数几个条件中有几个成立："
          "「四个季度中“好”等次不少于两次」写 (一季度等次 == \"好\") + (二季度等次 == \"好\") + (三季度等次 == \"好\") + (四季度等次 == \"好\") >= 2"
          "（各季度等次在年度成绩表中各占一列时；由各期成绩汇总的年度考核用 次数(\"好\")）。处分 != \"\" 即「处分」填了。",
          '不服从安排 或 (处分 != "" 且 处分 != "警告")', "s003-p6"),
    Entry('"文字"', "文字常量，用英文双引号（中文引号“”也可以）；与「选择」或「文字」列比较，写可选值中的一项。「是/否」列不与文字比较，直接写列名（试用期、非 试用期）；可填多项的列用 包含（见下）。比较永远不能成立的（试用期 == \"是\"、病假天数 > \"30\"），kaohe check 会报告。", 'when: 处分 == "记过" 或 处分 == "记大过"', ""),
]

FUNCTIONS: dict[str, Entry] = {
    "min": Entry("min(a, b, …)", "取几个数中最小的一个，常用来「封顶」：超过 80 按 80 计。",
                 'expr: "10 * min(怀胎率, 80) / 80"    # 含英文逗号，整个公式加引号'),
    "max": Entry("max(a, b, …)", "取几个数中最大的一个，常用来「保底」：不足 0 按 0 计。与 min 一起可以「去掉一个最高分和一个最低分」"
                 "后取平均：(评1 + 评2 + 评3 + 评4 + 评5 - max(评1, 评2, 评3, 评4, 评5) - min(评1, 评2, 评3, 评4, 评5)) / 3"
                 "（评委的分数写在一格中、人数因人而异的，用计分规则 trimmed）。",
                 'expr: "max(0, 任务数 - 未完成数)"'),
    "取整": Entry("取整(x)", "向下取整：去掉小数部分（3.7 → 3）。", "expr: 取整(超额篇数 / 10) * 0.1"),
    "向上取整": Entry("向上取整(x)", "向上取整：有小数就进一（3.2 → 4）。", "expr: 向上取整(缺勤天数 / 5)"),
    "包含": Entry('包含(列名, "项")', "可填多项的列（type: choices，如 否决情形）中填了这一项时成立；「选择」「文字」列等于这一项时成立。"
                  "可填多项的列不能用 == 或 != 与文字比较（kaohe check 会报告）：填了任何一项即成立的直接写列名，一项都没填的写 非 列名。",
                  'when: 否决情形          # 填了任何一项：一票否决\nwhen: 包含(否决情形, "酒后驾驶机动车")'),
    "次数": Entry('次数("等次")', "年度汇总中，平时考核各期得到该等次的期数。只能用在有 rolls_up 的考核中。",
                  '次数("基本称职") >= 2 或 次数("不称职") >= 1', "s003-p7"),
    "全部": Entry('全部("等次")', "年度汇总中，各期（已定等次的）都是该等次时成立。只能用在有 rolls_up 的考核中。", '全部("较差")', "s003-p2"),
    "期数": Entry("期数()", "年度汇总中，已确定等次的平时考核期数（试用期、不确定等次的期不算）。只能用在有 rolls_up 的考核中。",
                  '次数("好") * 2 >= 期数() 且 次数("一般") + 次数("较差") == 0', "s003-p2"),
    "连续": Entry('连续("等次")', "年度汇总中，按期的先后连续得到该等次的最多期数（中间隔一期不是该等次即重新计数）。只能用在有 rolls_up 的考核中。",
                  '连续("较差") >= 2', "s003-p2"),
    "合计": Entry('合计("列名")', "年度汇总中，平时考核各期成绩表中这一列的和（如各月病事假天数之和）；「是/否」列为「是」的期数。"
                  "空着的格子、此人不在其中的期不计。列名是被汇总的考核成绩表中的数字列或「是/否」列。只能用在有 rolls_up 的考核中。"
                  "年度汇总各季度、季度由各月汇总而没有自己的成绩表的，合计的是全年各月（各月成绩表都要有这一列）。",
                  'when: 合计("病事假天数") > 30          # 年度内病事假累计超过 30 天'),
    "最大": Entry('最大("列名")', "年度汇总中，平时考核各期成绩表中这一列的最大值（没有值时为 0）。列名要求同 合计。只能用在有 rolls_up 的考核中。",
                  'when: 最大("连续缺勤天数") >= 15'),
}

NAMES = [
    "成绩表中的列：方案 inputs 中声明的列（如 试用期、病事假天数），以及公式规则 uses 中列出的列。"
    "年度汇总中直接写列名，取的是年度成绩表中这一列的值；要汇总各期成绩表中的一列，用 合计(\"列名\") 或 最大(\"列名\")。",
    "项目代码：前面已经计算的项目的得分，如 pingshi >= 85 中的 pingshi（写项目的 code，不是名称）。",
    "「是/否」列（type: yesno）单独写就是条件：when: 试用期 表示「试用期」一列填了「是」。",
    "名字必须先声明；写错或没有声明的名字，kaohe check 会报告并列出可用的名字。",
]

WHERE = [
    ("score: {kind: formula, expr: …}", "按公式计算一个项目的得分（结果是数字）。"),
    ("overrides[].when", "特殊情形在什么条件下适用（结果是成立/不成立）。"),
    ("overrides[].requires", "gate：得到某等次须满足的条件。"),
    ("consequences[].when", "结果运用在什么条件下适用（结果是成立/不成立；还可用 等次，即最终等次）。"),
]

YAML_NOTE = (
    "公式写在 YAML 里：含英文逗号、冒号加空格（: ）、井号（#）或以引号开头的公式，要用英文双引号把整个公式括起来，"
    "公式中的双引号改成单引号或中文引号，例如 expr: \"10 * min(怀胎率, 80) / 80\"。写在 {…} 一行里时尤其要加引号，"
    "否则逗号会被当成键与键之间的分隔。"
)


def documented_functions() -> set[str]:
    return set(FUNCTIONS)


def language_functions() -> set[str]:
    """Every function a formula may call: the pure ones and the roll-up history ones."""
    return set(PURE_FUNCTIONS) | set(HISTORY_FUNCTION_NAMES)
