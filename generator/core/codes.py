"""The registry of problem codes: each stable kebab-case code with a title, the fix and an example.

The user guide renders one entry per code from this table (in this order); a test fails if a code is
used anywhere in generator/ but not registered. Re-exported by core/problems.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.core.codes_grading import GRADING_CODES
from generator.core.codes_notices import NOTICE_CODES
from generator.core.codes_output import OUTPUT_CODES
from generator.core.codes_sheets import OFFICE_RESULT_CODES, SHEET_LAYOUT_CODES


@dataclass(frozen=True)
class CodeInfo:
    title: str  # 一句话说明
    fix: str  # 怎么改
    example: str  # 一个会触发它的例子


# The registry. Keep it sorted by area; the user guide lists it in this order.
CODES: dict[str, CodeInfo] = {
    # --- files and YAML
    "file-unreadable": CodeInfo("文件无法读取", "确认文件存在、未被其他程序占用，并且有读取权限。", "成绩表被 Excel 锁定"),
    "file-outside-project": CodeInfo(
        "引用了项目目录以外的文件", "把文件放进项目目录（content/ 或 schemes/）再引用，不要用 ../ 或绝对路径。", "source: ../../etc/passwd"
    ),
    "file-is-symlink": CodeInfo("文件是符号链接", "把真实文件复制到项目目录里，不要使用链接。", "content/x.csv -> /tmp/x.csv"),
    "file-too-large": CodeInfo("文件过大", "检查是否误放了其他文件；成绩表一般不超过几 MB。", "一个 200 MB 的 CSV"),
    "yaml-syntax": CodeInfo("YAML 语法错误", "按提示的行列检查缩进、冒号后的空格和引号是否成对。", "名称:未加空格"),
    "yaml-flow-comma": CodeInfo(
        "{…} 或 […] 中的值含有英文逗号，被拆成了几个键",
        "给含逗号的值加英文双引号，如 expr: \"10 * min(怀胎率, 80) / 80\"；或改用逐行写法（每个键一行）。",
        "score: {kind: formula, expr: 10 * min(a, 80) / 80}",
    ),
    "yaml-fullwidth-colon": CodeInfo(
        "键后面用了中文冒号「：」",
        "键和值之间用英文冒号加一个空格「: 」，如 name: 平时考核；中文冒号只能出现在值里。",
        "name：平时考核",
    ),
    "yaml-fullwidth-comma": CodeInfo(
        "[…] 列表中用了中文逗号「，」", "各项之间用英文逗号分隔，如 [好, 较好, 一般]；确实含中文逗号的一项请加英文双引号。", "order: [好，较好，一般]"
    ),
    "yaml-unclosed-quote": CodeInfo(
        "引号没有闭合，后面几行都被读成了一段文字",
        "在这段文字的末尾补上同样的引号；文字中本身要用引号时，改用中文引号“”。",
        'summary: "每季度考核一次（行末少了 "）',
    ),
    "yaml-tab": CodeInfo("用 Tab 缩进", "YAML 只能用空格缩进：把行首的 Tab 改成空格（编辑器中可设置「用空格代替 Tab」）。", "行首是一个 Tab"),
    "number-with-comma": CodeInfo("数字中有千位分隔的逗号", "去掉逗号，如 1,000 写成 1000。", "total_max: 1,000"),
    "yesno-not-boolean": CodeInfo("是/否写成了中文", "这个键要写 true（是）或 false（否）。", "by_post: 是"),
    "yaml-duplicate-key": CodeInfo(
        "同一层级出现了重复的键", "删除或改名其中一个；YAML 会悄悄只保留后一个，所以必须改。", "两个 code: 写在同一项下"
    ),
    "yaml-too-complex": CodeInfo("YAML 嵌套过深或别名过多", "方案文件不需要锚点和别名（& 和 *），也不需要几十层嵌套。", "别名炸弹"),
    "unknown-key": CodeInfo("不认识的键", "检查拼写；可用的键见《方案文件写法》。", "grdes: 写错了"),
    "missing-key": CodeInfo("缺少必填的键", "按提示补上这个键。", "项目没有 name"),
    "wrong-type": CodeInfo("值的类型不对", "按提示改成数字、文字、列表或映射。", "children: 德能勤绩廉（应为列表）"),
    "bad-value": CodeInfo("值不在允许范围内", "按提示改成允许的值之一。", "period: 每周"),
    "duplicate-code": CodeInfo("代码重复", "每个项目、等次、方案的代码必须唯一，改掉其中一个。", "两个项目都叫 de1"),
    "unknown-name": CodeInfo("公式或条件中用了未声明的名字", "只能使用方案中声明过的列名、项目代码和内置函数。", "when: 旷课天数 > 2（未声明）"),
    "bad-formula": CodeInfo("公式写法不对", "公式只支持数字、名字、+ - * /、比较、且/或/非和内置函数。", "__import__('os')"),
    # --- scheme semantics
    "items-do-not-sum": CodeInfo(
        "子项分值之和与上级分值不符",
        "核对原文：改正分值，或在 acknowledged_defects 中说明这是原文缺陷。",
        "个人部分 60 分，下列项目合计 120 分",
    ),
    "bands-overlap": CodeInfo("等次分数段重叠", "调整 at_least/above/below/at_most，使每个分数只落在一个等次。", "好 ≥ 85，较好 ≤ 90"),
    "bands-gap": CodeInfo(
        "等次分数段之间有空档",
        "补齐分数段，或用 gap_policy: lower/upper 声明空档归入哪个等次。",
        "较好 75—89，好 90 以上：89.5 分无等次",
    ),
    "quota-impossible": CodeInfo("名额比例在这个范围内无法满足", "调整比例，或合并过小的考核单元。", "2 人的考核单元，好不超过 40%：0 个名额"),
    "quota-minimum-not-met": CodeInfo("未达到比例下限", "复核评定结果，或由领导小组作出决定。", "A 档不少于 20%，实际 10%"),
    "rollup-column-bare": CodeInfo(
        "可以不填年度成绩表的年度汇总（results_optional），公式中直接写了成绩表的列名",
        "没有年度成绩表时，人员取自各期，直接写的列名取的是最后一期的值：各期之和写 合计(\"列名\")，各期最大写 最大(\"列名\")；"
        "由年度成绩表填写的，删去 results_optional。",
        "when: 病事假天数 > 30（应为 合计(\"病事假天数\") > 30）",
    ),
    "defect-acknowledged": CodeInfo("方案原文的已知缺陷", "无需修改；如原文已更正，删除 acknowledged_defects 中的说明。", "副主席个人部分合计 120 分"),
    "defect-undecidable": CodeInfo(
        "方案缺陷使该人员无法评定", "修订方案原文后再评定；系统不会猜测。", "岗位的项目分值之和与个人部分不符"
    ),
    # --- result sheets
    "encoding-unknown": CodeInfo("无法识别文件编码", "在 Excel 中另存为「CSV UTF-8（逗号分隔）」或直接保存为 .xlsx。", "Big5 编码的 CSV"),
    "sheet-unreadable": CodeInfo("表格文件损坏或不是 xlsx", "用 Excel 打开后重新保存为 .xlsx。", "只复制了一半的文件"),
    "csv-unclosed-quote": CodeInfo(
        "CSV 中引号未闭合，后面的行被吞进了一个单元格",
        "在该单元格内容末尾补上英文双引号 \"，或删去开头的引号；用 Excel 打开后另存为 CSV 会自动处理引号。",
        "0002,\"李四,15（引号没有结束）",
    ),
    "header-max-mismatch": CodeInfo(
        "表头注明的满分与方案不同（表格按另一版方案制作）",
        "核对方案版本；按现行方案填写的，把表头的满分改为方案的满分，并按它核对这一列的分数。",
        "方案满分 6，表头写「思想政治素质（满分10）」",
    ),
    "header-not-found": CodeInfo("找不到表头行", "确认表头包含方案要求的列名（如 编号、姓名、部门）。", "表头写成了 序号 名字"),
    "missing-column": CodeInfo(
        "缺少方案要求或计分规则要读的列",
        "在表头中加上这一列（列名与方案一致，或在 agency.yaml 的 columns 中对应）；本单位确实不记录的，写入 absent_columns。",
        "缺少「试用期」列（等次规则要读）",
    ),
    "duplicate-column": CodeInfo("表头有重复的列名", "删除或改名重复的列。", "两列都叫 得分"),
    "column-name-clash": CodeInfo(
        "方案中两处读成绩表的同一列，而两者不能同时成立",
        "给其中一个项目改名（表头随之改名），或用 column: 写明它读哪一列；与 inputs 同名的，改名其中一个。",
        "两个项目都叫 工作实绩；项目 试用期 与是/否列 试用期 同名",
    ),
    "unknown-column": CodeInfo(
        "表头有方案没有声明、也没有对应或忽略的列",
        "按提示改成方案的列名；本单位自己的列名可在 agency.yaml 的 columns 中对应（工号: 编号）；不参与考核的列删去或写入 ignore_columns。",
        "多了一列「试用期人员」（方案中是「试用期」）",
    ),
    "column-mapping-ambiguous": CodeInfo(
        "columns 的对应中，本单位的列名本身就是方案的另一个列名，这条对应不起作用",
        "表头与方案列名相同的列总按方案读取：把成绩表的表头改为方案中的列名，并删去这条对应（两列互换的，两条都删去）。",
        "columns: {加分: 减分}",
    ),
    "column-mapping-unused": CodeInfo(
        "columns 中的对应在本单位（或本方案）的哪张成绩表的表头中都没有用到",
        "核对表头的写法；不再使用的对应从 columns 中删去。",
        "columns: {工号: 编号}，而各表的表头都已写成 编号",
    ),
    "ignored-column-read": CodeInfo(
        "ignore_columns 写了方案要读取的列，忽略不起作用",
        "从 ignore_columns 中删去这一列；本单位确实不记录这一项的，删去表中的这一列，并写入 absent_columns。",
        "ignore_columns: [加分]",
    ),
    "absent-column-present": CodeInfo(
        "absent_columns 说本单位不记录这一列，成绩表中却有这一列（按表中的值读取）",
        "本单位记录这一项的，从 absent_columns 中删去（只在某几期不记录的写成 {列名: [2025-Q1]}）；不该读取的，删去表中的这一列。",
        "absent_columns: [试用期]，而表头有「试用期」",
    ),
    "workbook-many-sheets": CodeInfo(
        "工作簿中有多个有内容的工作表，无法确定哪一个是本期成绩",
        "一个文件只放一期成绩：其他期的工作表移到另一个文件。同一期的成绩按部门分在几个工作表中的，把各工作表的人员行复制到同一个工作表中，"
        "核对人数后再删去其他工作表（直接删去，其中的人员就不参加考核了）。花名册等不是成绩的工作表删去或移走，下拉选项等辅助内容放在隐藏的工作表中。",
        "Q2.xlsx 中有「一季度」「二季度」两个工作表；Q1.xlsx 中有「办公室」「财务科」两个表头相同的工作表",
    ),
    "workbook-hidden-sheet": CodeInfo(
        "工作簿中还有一个隐藏的、像是成绩表的工作表，没有读取（说明）",
        "多半是复制后隐藏的上一期工作表：可以不管，或移到另一个文件。若本期成绩就在隐藏的工作表中，取消隐藏并删去另一个工作表。",
        "Q1.xlsx 读取「一季度」，隐藏的「2024四季度」表头相同",
    ),
    "formula-without-value": CodeInfo(
        "公式单元格没有可信的计算结果（没有结果，或文件要求打开时重新计算：存的是程序代填的 0 或改动前的旧结果），不能读取",
        "用 Excel 或 WPS 打开文件、确认数值正常后保存一次；或把公式「选择性粘贴 → 数值」。要求打开时重新计算（fullCalcOnLoad）的文件"
        "最后是由程序写入的（Excel、WPS 保存时不留这个要求），其中每个公式存的结果都不可信：xlsxwriter 等存 0，"
        "按模板导出的 OA 系统留着模板里改动之前算的旧结果。",
        "由程序生成的 .xlsx 中 H5 为 =2+3，但没有保存计算结果，或存的结果是 0，或存的是模板里的旧结果 4",
    ),
    "cell-without-header": CodeInfo(
        "有内容的单元格所在的列没有表头",
        "CSV 中多半是某个单元格里的逗号（1,000、张三,李四）把这一行错开了一列：含逗号的内容须用英文双引号括起，"
        "在 Excel 中另存为 CSV 会自动处理；若是备注，给这一列加上表头（如「备注」）。",
        "第 5 行比表头多出一格「5」（AD 列没有表头）",
    ),
    "event-list-invalid": CodeInfo(
        "加减分事项写法不对", "逐项写 事项:分值，多项用「；」分隔，如 疫情防控:3；表彰:2（分值后可带「分」）。", "疫情防控；表彰:2（第一项没有分值）"
    ),
    "unknown-flag": CodeInfo("标记列中有方案不认识的标记", "改用提示中列出的标记写法，或在 flags.map 中写明它对应哪一项。", "标记：试用（应为 试用期）"),
    "sheet-format-unsupported": CodeInfo(
        "成绩表是 .xls、.ods 等不读取的格式", "在 Excel/WPS 中「另存为」→「Excel 工作簿（*.xlsx）」，再删去或移走原文件。", "2025/Q2.xls"
    ),
    **{code: CodeInfo(*info) for code, info in SHEET_LAYOUT_CODES.items()},  # core/codes_sheets.py
    **{code: CodeInfo(*info) for code, info in OFFICE_RESULT_CODES.items()},
    "control-character": CodeInfo(
        "单元格或文字中有看不见的控制字符或格式字符（改变文字方向、零宽、软连字符等）", "删去这些字符后重新保存（Excel 中可用 =CLEAN(单元格) 清除控制字符；方向和零宽字符须在编辑器中删去，或把这段文字重新输入）。", "姓名中夹带从其他系统复制来的 ESC 字符；agency.yaml 的 contact 中夹带 U+200F（从右到左标记）"
    ),
    "id-lost-zeros": CodeInfo(
        "编号丢了前导 0（被表格软件当成了数字），或与其他考核期的前导 0 个数不同",
        "把编号列设为「文本」格式，改回带前导 0 的编号（如 0001）；保存为 .xlsx 前先设好格式。前导 0 个数不同的，统一成大多数编号的位数。",
        "上季度是 0001，本季度成了 1；或本季度写成了 001",
    ),
    "percent-cell": CodeInfo(
        "分数列的单元格是百分比格式", "把单元格格式改为「常规」并填写分数；确是百分比的列，在方案 inputs 中写 percent: true。", "德 显示 74%，存的是 0.74"
    ),
    "percent-as-fraction": CodeInfo(
        "百分比列的值都写成了小数（0.95 表示 95%）", "改填百分数（95 或 95%），或把这一列的单元格格式设为「百分比」。", "出勤率 列填 0.95、0.9、0.74"
    ),
    "date-cell": CodeInfo("数字列的单元格是日期格式", "把该列单元格格式改为「常规」或「数值」，重新填写。", "8 显示成 1900-01-08"),
    "not-a-date": CodeInfo(  # a type: date column's cell (sheets/date_cells.py)
        "日期列的单元格不是一个真实的日期",
        "写成 2025-03-01 或 2025年3月1日（年份四位，不带时间），或把单元格设为日期格式重新输入；不存在的日期（2 月 30 日）按原始记录改正。",
        "入职日期填了「2025-02-30」「25.3.1」「2025-03-01 08:30」或「20250301」",
    ),
    "date-after-period": CodeInfo(  # sheets/dates_after_period.py
        "日期晚于考核期的最后一天",
        "核对年份（2062 多半是 2026）；这一列本来就可以晚于期末的（如处分期满日期），在方案的 inputs 中给它写 after_period: true。",
        "2026 年度考核表中入职日期填了 2027-03-01",
    ),
    "total-over-max": CodeInfo(
        "总分超过方案规定的总分上限", "核对各项分数和加分；方案原文规定加分后最高按满分计的，在方案中写 total_capped: true；允许加分后超过满分的，写 total_may_exceed: true。", "满分 100，总分 106"
    ),
    "duplicate-id": CodeInfo("编号重复", "每人一个唯一编号；同名的人用不同编号区分。", "两行编号都是 0012"),
    "missing-id": CodeInfo("缺少编号", "补上此人的编号。", "编号为空"),
    "id-invalid": CodeInfo(
        "编号不是编号：表格软件的错误值或科学计数法",
        "改为此人的编号；长编号先把该列设为「文本」格式再输入完整编号（或输入 '加编号）。",
        "编号为 #N/A（VLOOKUP 没有找到），或 1.10101E+17",
    ),
    "id-name-mismatch": CodeInfo(
        "同一编号在不同考核期是不同的姓名",
        "核对编号是否填错（填错会把两个人的成绩合在一起）；确系同一人改名的，在当年各期成绩表中统一写现用名。"
        "只差全角半角、间隔号（阿不都·热合曼 与 阿不都・热合曼）或姓名后的说明的，是同一人的两种写法，只是警告：统一写成一种即可。",
        "0005 在第一季度是 龙超刚，在第二季度是 张三",
    ),
    "no-people": CodeInfo(
        "成绩表表头下面没有任何人员",
        "检查是否选错了文件或工作表、人员行是否被删除；确实没有人参加考核的考核期，不要放成绩表。",
        "Q2.csv 只有表头一行",
    ),
    "missing-value": CodeInfo("必填的值为空", "填上这个值；确实没有就填 0。", "德 列为空"),
    "not-a-number": CodeInfo("不是数字", "只填阿拉伯数字，如 85 或 85.5；等次请填在等次列。", "得分填了「优」"),
    "number-not-finite": CodeInfo("数字无效", "填一个普通的数，如 85.5。", "1e999 或 NaN"),
    "number-shown-rounded": CodeInfo(
        "单元格显示的小数位少于实际存的值，按实际值计分",
        "把单元格改为显示的分数，或把单元格格式改为「常规」以显示全部小数。",
        "格式为 0 的单元格显示 5，实际存的是 5.4",
    ),
    "score-over-max": CodeInfo("数值超过该列的满分或最大值", "核对数值；满分见表头括号，最大值见方案的 inputs。", "德（20 分）填了 25"),
    "score-negative": CodeInfo("数值小于该列允许的最小值", "该列不允许这么小的数（如负分），核对后改正。", "-3"),
    "too-many-places": CodeInfo("小数位数超过方案规定（次数须为整数，天数、小时数最多一位小数）", "按方案规定的小数位数填写；次数只填整数，天数、小时数最多填一位小数（半天填 0.5），方案写明按整天计的只填整数。", "85.123，1.5 次，或 0.25 天"),
    "deduction-out-of-range": CodeInfo("扣分不在规定范围内", "每次扣分必须在方案规定的范围内，如 3—5 分。", "一次扣 6 分"),
    "unknown-choice": CodeInfo("不是允许的选项", "从下拉列表中选择，或按方案写法填写。", "等次填了「很好」"),
    "unknown-department": CodeInfo("部门不在本单位的部门名单中", "核对部门名称，或在单位的 agency.yaml 中加上该部门。", "办公司（应为 办公室）"),
    "unknown-post": CodeInfo("岗位不在方案的岗位名单中", "核对岗位名称，与方案中 posts 的名称一致。", "副主任（方案中没有）"),
    "unknown-person": CodeInfo("决定或锁定文件中的人员不在成绩表中", "核对编号。", "决定文件中的编号 9999 不存在"),
    "rollup-period-absent": CodeInfo("年度考核汇总的某一期没有成绩表（警告）", "放好该期成绩表后再生成年度结果；该期确实不考核的，在方案中用 labels 列出考核的期。", "有 H1.csv、Y.csv（或不填年度成绩表的年度有 Y.notice.yaml），没有 H2.csv"),
    "person-missing-from-year": CodeInfo("本年各期成绩表中都有、年度成绩表中没有的人（警告）", "年度考核按年度成绩表的人员名单计算；漏填的人补上一行，确实不参加的可不理会。", "H1、H2 都有 0209，Y.csv 中没有"),
    "missing-component": CodeInfo("加权组成部分缺失", "补上该项，或在方案中把 missing 设为 reweight。", "下级评分 为空"),
    "period-unknown": CodeInfo("无法识别的考核期", "文件名用 Q1–Q4、H1/H2、M01–M12 或 年度（Y），学校的 S1/S2（第一学期、第二学期）或 SY（学年），如 2024/Q1.xlsx。", "2024/春季.xlsx"),
    "period-not-in-scheme": CodeInfo(
        "文件名是本方案没有的考核期",
        "把文件改名为本方案的考核期之一（提示中列出了每一期可用的文件名），或放到有这一期的方案目录中。",
        "只有 Q1—Q3 平时考核的方案目录中放了 2025/Q4.csv",
    ),
    "period-missing": CodeInfo("年度汇总缺少某个考核期的成绩", "补上该期成绩表，或等各期齐全后再汇总。", "缺少 Q3"),
    "scheme-unknown": CodeInfo("成绩目录对应的方案不存在", "目录名必须是 schemes/ 中某个方案的 code。", "content/x/不存在的方案/"),
    "department-slug-invalid": CodeInfo("部门网址名写法不对", "slug 只能用小写字母、数字和 -，如 bangongshi；或删去 slug，由部门名称的拼音生成。", "{name: 办公室, slug: 办公室}"),
    "department-slug-collision": CodeInfo("两个部门的网址名相同", "为其中一个部门写明不同的 slug：{name: 常安科, slug: changanke2}。", "长安科、常安科都是 changanke"),
    "department-formerly-conflict": CodeInfo(
        "部门的旧名称（formerly）与现部门重名，或写在两个部门下",
        "旧名称只写在承接它的一个部门下；仍在 departments 中的现部门不能作旧名称。",
        "{name: 综合办公室, formerly: [办公室]}，而 办公室 仍在 departments 中",
    ),
    "department-former-name-mixed": CodeInfo(
        "同一期的成绩表中一个部门的新旧名称都有（警告）",
        "改名后仍写旧名称（formerly）的几行改为现在的名称；等次不受影响，但历年对比每期只按一个名称计数。",
        "2025年第一季度有人写「综合股」，其他人已写「综合办公室」",
    ),
    "agency-missing": CodeInfo("单位目录缺少 agency.yaml", "在单位目录中放一个 agency.yaml，写明单位名称和部门。", "content/某局/ 下没有 agency.yaml"),
    "content-not-folder": CodeInfo(
        "content 不是文件夹，各单位的成绩都没有读到",
        "把名为 content 的文件改名或移走，新建 content 文件夹，各单位的目录（含 agency.yaml 和成绩表）放在其中。",
        "项目目录中有一个名为 content 的空文件",
    ),
}
for _area in (GRADING_CODES, NOTICE_CODES, OUTPUT_CODES):  # the guide lists the areas in this order; Kaohe's own output last
    CODES.update((code, CodeInfo(*info)) for code, info in _area.items())


def code_titles() -> Iterable[tuple[str, CodeInfo]]:
    return CODES.items()
