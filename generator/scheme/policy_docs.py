"""The user guide's entries for the policy kinds (加减分, 等次, 名额, 特殊情形, 公示): what each does
in the HR office's words, with a YAML example taken from a seed scheme. A test loads every example
against the models in scheme/policy.py and scheme/adjustments.py, so the guide cannot drift from them."""

from __future__ import annotations

# Documentation of the policy kinds for the user guide: (key, title, what it does, example from a seed).
POLICY_DOCS: list[tuple[str, str, str, str]] = [
    (
        "adjustments",
        "加减分（弹性指标、奖项加分）",
        "在各项得分之和上加分或减分：bonus 加分、penalty 减分、awards 按奖项加分（成绩表中填奖项名称，多项用、分隔；不写 events 时同一奖项写几次计几次）。"
        "cap 是上限；factor 按某一列区分倍数（如 领导班子成员按一半加分）。"
        "events: true 时一格逐项写「事项:分值」（疫情防控:3；表彰:2），每项记入得分说明；同一事项写了多次的，"
        "same_event: largest（默认，同一件事加减分不累计）按最高的一次计，same_event: sum 每次都计；上限在此之后适用。"
        "penalty 写 points 时按次扣分：格中逐次写事项名（通报批评、通报批评 扣两次）。"
        "「迟到早退一次扣0.5分，无故缺勤一次扣2分，合计最多扣10分」这类每人各有次数列的，写 counts: {次数列名: 每次分值}："
        "每列填整数次数（空着为 0），各列合计后再适用 factor 和 cap。「每项最多加 3 分，合计最多加 5 分」的，再写 caps: {次数列名: 该列上限}："
        "每列先按自己的上限计，合计后再按 cap 计。"
        "「同一事项获多项表彰的，按最高一项计分」的，awards 写 events: true，格中写 事项:奖项（同一事项的几项用、分隔，"
        "不同事项用；分隔：抗旱:市级表彰、县级表彰；科技推广:省级表彰），每一事项只计其中最高的一项（same_event: sum 则都计）；"
        "没写事项的奖项各算一件事。"
        "几项加减分共用一个上限的（「两项加分合计不超过5分」「加分和扣分合计不超过10分」），写 adjustment_caps：names 列出这几项的 name，"
        "cap 是它们合计（加分为正、减分为负）最多加、最多减的分数；各项先按自己的 cap 计，合计超过 cap 的按 cap 计，低于 −cap 的按 −cap 计，"
        "计算过程写明。一项只能属于一个共同上限。原文的意思是加分、扣分各自不超过 10 分的，不写 adjustment_caps，在各项写 cap: 10。",
        """\
adjustments:                              # 003 篇二：弹性指标加减分最高均不超过5分
  - {kind: bonus, name: 加分指标, column: 加分, cap: 5, events: true}   # 疫情防控:3；表彰:2
  - {kind: penalty, name: 减分指标, column: 减分, cap: 5}
  - {kind: penalty, name: 通报批评, column: 通报, points: {通报批评: 10}}  # 每次扣 10 分
  - kind: awards                          # 001：获县委政府奖加2分……单位领导班子成员按一半加分
    name: 个人获奖加分
    column: 个人获奖
    points: {本单位先进个人: 1, 县级奖励: 2, 省级奖励: 3, 国家级奖励: 5}
    factor: {by: 身份, values: {领导班子成员: 0.5}}
  - {kind: penalty, name: 考勤扣分, counts: {迟到早退次数: 0.5, 无故缺勤次数: 2}, cap: 10}   # 每人填次数
  - kind: bonus                           # 每篇加 0.5 分、每人加 1 分；每项最多加 3 分，合计最多加 5 分
    name: 加分
    counts: {信息采用篇数: 0.5, 抓获在逃人数: 1}
    caps: {信息采用篇数: 3, 抓获在逃人数: 3}
    cap: 5
  - kind: awards                          # 同一事项获多项表彰的，按最高一项计分
    name: 表彰加分
    column: 表彰                          # 抗旱:市级表彰、县级表彰；科技推广:省级表彰 → 2 + 3
    events: true
    points: {省级表彰: 3, 市级表彰: 2, 县级表彰: 1}
    cap: 5
adjustment_caps:                          # 加分和扣分合计不超过10分
  - {names: [加分指标, 减分指标], cap: 10, text: 加分和扣分合计不超过10分}""",
    ),
    (
        "grades",
        "等次与分数段（含/不含）",
        "order 从高到低列出等次；bands 给出每个等次的分数段：at_least（含）、above（不含）、at_most（含）、below（不含）。"
        "分数段重叠或留有空档会报错；原文确有空档的，用 gap_policy: lower / upper 声明空档归入下一等次或上一等次，手册会列出每个空档。"
        "定性评定的方案用 entered: 列名，等次由考核人直接填写。",
        """\
grades:                                   # 003 篇二：好90分及以上，较好75-89分，一般60-74分，较差60分以下
  order: [好, 较好, 一般, 较差]
  bands:
    - {grade: 好, at_least: 90}
    - {grade: 较好, at_least: 75, at_most: 89}
    - {grade: 一般, at_least: 60, at_most: 74}
    - {grade: 较差, below: 60}
  gap_policy: lower                       # 89.50 分归入较好""",
    ),
    (
        "quotas",
        "比例限制（名额）",
        "base 是名额的基数：graded（默认）参加考核并确定等次的人数，all 参加考核的总人数（含参加考核但不确定等次的人员）。"
        "at_most 不超过、at_least 不少于某一比例；scope 是范围：unit 全单位、department 各部门，或一列的列名（如 考核单元）。"
        "名额按精确小数计算，默认不超过向下取整、不少于向上取整（rounding 可改）；「不足 1 人的，可确定 1 人」写 min_places: 1（不超过基数人数）；"
        "「按此计算不足 1 人的科室，合并计算名额」写 merge_short: true（名额都不足 1 人的几个部门，人数相加后按同一比例算名额，其中的人员一起排序）。名额在分数段和全部特殊情形（见下节）之后适用："
        "被 cap 降等、被 gate 挡下或不确定等次的人员不参与该等次的排序；force 直接确定的人员占用名额，但不因名额降等。超出名额的按 rank_by 排序后降为下一等次；"
        "名额线上分数相同的按 ties 处理：flag（默认，提交领导小组，决定前不公示）、include_all、exclude_all、break_by（依次比较 break_by 列出的项目，仍相同的提交领导小组）。"
        "rank_by 和 break_by 中写 总分、项目代码或成绩表中的数字列，写错的 kaohe check 会报告；都是高者优先，少者优先的在后面写（少者优先），"
        "如「总分相同的，以事假天数少者优先」写 break_by: [事假天数（少者优先）]（空着的天数、次数按 0 计）。",
        """\
quotas:                                   # 003 篇六：同一考核单元好等次不能超过40%，全单位也不能超过40%
  - {grade: 好, scope: 考核单元, at_most: 40%}
  - {grade: 好, scope: unit, at_most: 40%, ties: flag}
  - {grade: 优秀, scope: department, at_most: 15%, rounding: floor, min_places: 1}   # 各队 15%，向下取整，不足 1 人的可确定 1 人
  - {grade: 优秀, scope: department, at_most: 20%, rounding: half_up, merge_short: true}   # 四舍五入；不足 1 人的科室合并计算""",
    ),
    (
        "overrides",
        "特殊情形（不确定等次、直接定等、等次上限、评定条件）",
        "在分数段定出等次之后、名额之前，按书写顺序逐条适用：no_grade 不确定等次（保留理由）、force 直接确定等次（不因名额降等）、cap 不得高于某等次、"
        "gate 得到某等次须满足的条件（不满足降为下一等次）。一人符合几条时，no_grade 一经适用，其后各条不再适用；"
        "其余各条依次适用，后一条可以改变前一条确定的等次（先写 force 好、后写 force 较差，两条都符合的为较差）。"
        "要让直接定等压过不确定等次（如受处分的一票否决压过试用期不确定等次），在 no_grade 的条件中排除它：when: 试用期 且 非 受处分。"
        "条件用公式书写，只能使用方案中声明的列名和项目代码；「是/否」列直接写列名（试用期、非 试用期），不写 == \"是\"。"
        "「有下列情形之一的，确定为不称职（一票否决）」列了几种情形的，在 inputs 中写一列 type: choices 列出这些情形（成绩表中填了的写上，多项用、分隔，没有的留空），"
        "条件写 when: 否决情形（填了任何一项）、非 否决情形（一项都没填）或 包含(否决情形, \"酒后驾驶机动车\")；"
        "no_grade 的人员默认仍计入名额基数「参加考核的总人数」（base: all），原文写明这类人员不参加考核的，写 in_base: false；"
        "不确定等次的人员，领导小组决定也不能给他定等次（试用期、病事假过半、受处分期间），原文规定以后补定的（立案调查结案后补定等次）写 decided_later: true；"
        "年度汇总中还可用 次数(\"好\")、全部(\"较差\")、期数()。",
        """\
overrides:                                # 003 篇二
  - kind: no_grade
    when: 试用期
    reason: 新录用的公务员在试用期内参加平时考核，只写评语，不确定等次
  - kind: force
    grade: 好
    when: 急难险重表现突出
    reason: 承担急难险重任务表现突出的，当期直接确定为好等次
  - kind: cap                             # 年度考核
    grade: 不称职
    when: 全部("较差")
    reason: 平时考核结果均为较差等次的，年度考核直接确定为不称职等次
  - kind: gate                            # 003 篇三：年度优秀等次人选应从平时考核成绩85分以上的人员中产生
    grade: 优秀
    requires: pingshi >= 85
    reason: 年度考核优秀等次人选应从平时考核成绩 85 分以上的人员中产生""",
    ),
    (
        "consequences",
        "结果运用（诫勉、取消评先评优资格等）",
        "原文对考核结果规定的后果，按人列出：when 是条件（可用列名、项目代码、总分、等次，年度汇总中还可用 次数、全部、期数、"
        "连续(\"较差\") 即连续几期为该等次）；then 是后果；reason 引用原文。在领导小组决定之后判断，写入内部版的计算过程和 kaohe explain。",
        """\
consequences:                             # 003 篇二（年度汇总）
  - when: 连续("较差") >= 2
    then: 诫勉
    reason: 对连续有 2 个季度以上“较差”等次的，进行诫勉""",
    ),
    (
        "publicity",
        "公示设置",
        "grades 公示哪些等次（默认最高等次）；columns 列出哪些信息（默认 姓名、部门、等次，可加 岗位、总分、名次；不会公示编号）；"
        "order 排序（stroke 姓氏笔画，默认；department；score）；days 公示几个工作日；objection 复核（异议）说明。"
        "名次是公示名单上的人按总分排列的名次（不计未列入公示的人），分数相同的名次相同、其后名次顺延（1、2、2、4）；ranking: dense 为 1、2、2、3，ordinal 为依次编号。"
        "公开版的部门统计只在公示开始后出现，默认只统计公示的等次；summary_grades 可再列出愿意公开人数的其他等次，"
        "但凡是能让人推算出某个人等次的数字（人数少于 public_min_group，其中 public_min_group 写 1 或 2 的也按 3 计，或除去公示名单上的人后全部或几乎全部同一等次）都不显示；"
        "名额一行只给公示名单上的人数；公示几个等次而 columns 不含 等次 的，部门统计不按等次计数。"
        "方案顶层的 publicity 各种考核共用；某种考核自己的 publicity（写在 assessments 的这一项中）只写与之不同的键，没写的键沿用顶层的。",
        """\
publicity:
  grades: [好]
  columns: [姓名, 部门, 等次]
  order: stroke
  days: 5
  objection: 对公示对象有异议的，请于公示期内向局人事科反映。""",
    ),
]
