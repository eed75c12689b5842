"""Problem codes of the calendar, the 公示 notices, the archive and the site's safety checks: (title, fix,
example), in the order the user guide lists them. Registered in core/codes.py CODES."""

from __future__ import annotations

NOTICE_CODES: dict[str, tuple[str, str, str]] = {
    "calendar-unknown-date": (
        "节假日日历无法判断该日期",
        "在 content/holidays.yaml 的 covers 中写明包含提示所列日期的范围，并写上其中的节假日（holidays）和调休上班日（workdays）；"
        "国务院公布全年安排后改写 years: [该年]。",
        "内置日历只到 2026 年，holidays.yaml 只写明 2027 年 1 月，公示期延续到 2027 年 2 月",
    ),
    "calendar-outside-covers": (
        "holidays.yaml 列出的日期不在它写明的 years 或 covers 范围内",
        "核对日期；确是本单位的放假或调休上班，在 covers 中加上包含这一天的范围（如 {from: 2025-07-10, to: 2025-07-10}），否则删去。",
        "covers 只写了 2027 年 1 月，holidays 中却有 2025-07-10",
    ),
    "calendar-holiday-and-workday": (
        "holidays.yaml 把同一天既写成节假日又写成调休上班日", "这一天只能是其中之一：删去写错的一处。", "holidays 和 workdays 中都有 2027-01-01"
    ),
    "calendar-contradicts-builtin": (
        "holidays.yaml 与内置日历（国务院的放假安排）矛盾",
        "内置日历已包含该年的法定节假日和调休上班日：核对日期，删去这一项；本文件只用来补充内置日历没有的内容。",
        "workdays: [2025-10-01]（国庆节放假）",
    ),
    "notice-invalid": ("公示设置不对", "按提示补齐公示开始日期、天数和受理复核的部门。", "缺少 start"),
    "notice-end-typed": (
        "公示设置中手写了结束日期",
        "删去结束日期这一行：结束日期由 start 和 days 按工作日（节假日顺延）算出；纸面公示的结束日期与网站不同的，核对 start、days 和 holidays.yaml。",
        "Q1.notice.yaml 中 end: 2025-04-11",
    ),
    "notice-before-period-end": (
        "公示开始日期早于考核期结束",
        "把 start 改为考核期结束之后的实际公示日期（季度考核一般在下一季度初）；年度考核最早可从当年 12 月 1 日开始。",
        "2025/Q2.notice.yaml 中 start: 2024-01-02",
    ),
    "notice-unused": (
        "有公示设置文件，但这一考核没有公示",
        "方案规定不公示（publish: false）或不定等次的考核，公示设置文件不会生成公示页：要公示的，改方案的 publicity；不公示的，删去这个文件。",
        "年度.notice.yaml，方案中 publicity: {publish: false}",
    ),
    "notice-long-after-period": (
        "公示开始日期在考核期结束半年多（年度：大半年）以后",
        "公示一般在考核期结束后几周内：核对 start 的年份（常见的是多写了一年）；确是这一天公示的，可以不管这条提示。",
        "2025/Q3.notice.yaml 中 start: 2026-10-09",
    ),
    "period-frozen-changed": (
        "已关闭的考核期结果发生变化",
        "如属更正，用 kaohe reopen 说明理由；否则恢复原文件或引擎版本。",
        "2023 年 Q2 张三 总分 88.50 → 89.00",
    ),
    "lock-edited": (
        "锁定文件被手工修改过",
        "锁定文件只由 kaohe close 和 kaohe reopen 写入：从版本库恢复它（git checkout -- 文件）；要更正已关闭的考核期，用 kaohe reopen 说明理由，改好后 kaohe close。",
        "把 \"state\": \"closed\" 直接改成 \"open\"",
    ),
    "lock-other-period": (
        "锁定文件是另一期的",
        "复制上一期或去年的目录时一起复制来的锁定文件：本期没有关闭过的，删除它；本期确已关闭的，从版本库恢复本期自己的锁定文件。",
        "2025/Q3.lock.json 记录的是 2025/Q2 的关闭",
    ),
    "lock-invalid": ("锁定文件损坏", "从版本库恢复该锁定文件。", "lock.json 不是合法 JSON"),
    "external-url": ("生成的网站引用了外部地址", "去掉模板或内容中的外部链接；内网站点不能请求外网。", "https://cdn…"),
    "calendar-workday-weekday": (
        "holidays.yaml 的 workdays 中写了星期一到星期五的日子",
        "workdays 只写调休上班的周末；星期一到星期五本来就是工作日，写了不起作用。照放假安排核对日期：是调休上班日的，改正日期；是放假的日子，移到 holidays。",
        "workdays: [2027-02-09]（星期二）",
    ),
    "calendar-workdays-missing": (
        "holidays.yaml 写明了全年，却没有一个调休上班日",
        "国务院每年的放假安排都有调休上班的周末；没写进 workdays 的都当作休息日，跨过它们的公示会晚结束。照该年的安排把调休上班日写进 workdays；"
        "当年确实没有调休的，可以不管这条提示。",
        "years: [2027]，holidays 列全了，workdays: []",
    ),
    "calendar-year-incomplete": (
        "holidays.yaml 写明了全年，却没有列全法定节假日",
        "years: 中的年份表示全年的安排都已写明：照国务院办公厅公布的放假安排把该年放假的日子（每年 13 天法定节假日一天不能少，提示写明漏了哪天）写进 holidays、"
        "调休上班的周末写进 workdays；全年安排还没公布的，不写 years，改用 covers 写明已知安排的日期范围。",
        "years: [2027]，holidays 只有 2027-01-01",
    ),
    "calendar-holiday-missing": (
        "holidays.yaml 的 covers 范围内漏了法定节假日",
        "把提示中的日子（元旦 1 月 1 日、春节除夕至初三、清明节、劳动节 5 月 1—2 日、端午节、中秋节、国庆节 10 月 1—3 日）以及连休的其他日子写进 holidays；"
        "改正之前这些日子照法定节假日计算，公示期不会在这些日子结束。",
        "covers: [{from: 2027-01-01, to: 2027-01-31}]，holidays: []",
    ),
    "notice-frozen-changed": (
        "已关闭考核期的公示内容发生变化",
        "提示会写明关闭后被修改的文件（方案、agency.yaml、holidays.yaml、本期的成绩、决定或公示设置）：恢复其中与公示有关的改动；确需更正，用 kaohe reopen 说明理由。"
        "没有文件被修改的，变化来自新版本的 Kaohe（公示的排列或计数方式变了）：核对无误后 kaohe reopen 说明理由、再 kaohe close，或用关闭时的版本生成网站。",
        "关闭后在 publicity.columns 中加了 总分"
    ),
    "code-unsafe": (
        "代码或目录名含有不允许的字符", "代码只用小写字母、数字、- 和 _（以字母或数字开头，不超过 40 个字符），如 s003-p2、heting-kx。", "code: ps onmouseover=alert(1)"
    ),
    "folder-name-invalid": (
        "目录名无法识别（不是 UTF-8 编码或含有不允许的字符）", "把目录改名为拼音代码（小写字母、数字、-），如 heting-kx；从 Windows 压缩包解出的乱码目录名须重新命名。", "content/\\xbf\\xbc\\xba\\xcb/"
    ),
    "number-overflow": (
        "公式算出的数过大，无法精确计算", "检查公式和表中的数：考核分数不会有几十位数字；改正过大的数或写错的公式。", "formula: 1e999999999"
    ),
    "text-too-complex": (
        "方案说明文字过于复杂，无法在限定时间内排版", "删去大量重复的符号（如成千上万个 [ 或 *），改为普通文字。", "正文是 20000 个 ["
    ),
    "prose-relative-link": (
        "方案正文中链接到了网站的页面（生成的网站上多半打不开）", "删去链接、只留文字（[文字](地址) 改为 文字）；引用其他办法时写出名称，如《平时考核实施办法》。本页内的 #… 链接可以保留。", "body: 考核周期见[这里](periods.md)"
    ),
}
