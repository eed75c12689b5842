"""`kaohe init <dir>`: a new site for an agency, started from one of the seed schemes.

Creates mkdocs.yml, schemes/<code>.yaml (a copy of the chosen seed to adapt), content/<agency>/
with agency.yaml, the results layout with one sample sheet that passes `kaohe check`, and a short
README for the office. Refuses to write into a non-empty directory.
"""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from generator.core.numbers import fmt
from generator.scheme.columns import plan_columns

REPO = Path(__file__).resolve().parents[2]


SAMPLE_NAMES = ["王明", "李华", "张丽", "刘强", "陈静", "杨帆", "赵敏", "黄磊", "周婷", "吴刚"]


def _sample_value(spec, i: int) -> str:
    """Person i's value: the maximum for the first, a little less for each next one (steps of 0.5),
    so that totals differ, the grades spread and no tie stops the sample at a quota line."""
    if spec.type == "number":
        if spec.max is None:
            return "0"
        less = (spec.max * Decimal(i - 1) * Decimal("0.03") * 2).to_integral_value(ROUND_HALF_UP) / 2
        return fmt(max(spec.max - less, Decimal(0)))
    if spec.type == "choice":
        return spec.choices[0] if spec.choices else ""
    if spec.type == "yesno":
        return "否"
    if spec.type == "date":  # a day before any period a new site grades: no date-after-period in the sample
        return "2020-01-01" if spec.required else ""
    return ""


def sample_sheet(scheme, assessment, departments: list[str]) -> bytes:
    """Ten people over the departments: enough that a 40% (or 20%) quota has places and a 公示 names people."""
    plan = plan_columns(scheme, assessment)
    columns = plan.all()
    post_of = plan.post_of()
    posts = [p.name for p in scheme.posts]
    rows = []
    for i, name in enumerate(SAMPLE_NAMES, start=1):
        post = posts[(i - 1) % len(posts)] if posts else None
        row = []
        for spec in columns:
            if spec.name == scheme.people.id:
                row.append(f"{i:04d}")
            elif spec.name == scheme.people.name:
                row.append(name)
            elif spec.name == scheme.people.department:
                row.append(departments[(i - 1) % len(departments)])
            elif spec.name == scheme.people.post:
                row.append(post or "")
            elif spec.name == scheme.people.unit:
                row.append("第一考核单元")
            else:
                belongs = post_of.get(spec.name)
                applies = belongs is None or "*" in belongs or (post is not None and post in belongs)
                row.append(_sample_value(spec, i) if applies else "")
        rows.append(row)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([s.name for s in columns])
    writer.writerows(rows)
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def _readme(agency: str, scheme: str, code: str, year: int, label: str) -> str:
    return f"""# {agency} 考核网站

1. 修改 `schemes/{scheme}.yaml`，使之与本单位的考核办法一致（写法见网站「使用说明」）。
2. 修改 `content/{code}/agency.yaml` 中的部门名单、公示落款和联系方式。
3. 生成成绩表：`kaohe template {scheme} {year}-{label} --agency {code}`，填好后保存为
   `content/{code}/{scheme}/{year}/{label}.xlsx`（删掉示例文件 {label}.csv）。
4. 检查：`kaohe check`，按提示改到没有错误。
5. 公示：在成绩表旁放 `{label}.notice.yaml`（写 start: 公示开始日期），运行 `kaohe build --strict`（名额线上并列未经
   领导小组决定、或还有警告的，会失败并说明怎么办），用 `kaohe serve` 核对公示页，再把 `site/` 里的全部内容复制到内网服务器上。
6. 公示结束后（公示期最后一天之后；公示未结束时不能关闭）：`kaohe close {scheme} {year}-{label} --agency {code}`，
   并保存生成的 `.lock.json` 文件。
7. 方案写了 `forms:`（报送的汇总表）的：全年各期都公示结束后，`kaohe build --audience internal`，在内部版「汇总表」栏目
   打开本年度的表，页面顶部没有「本表还不完整」的提示时打印或下载 Excel，填写空白栏后盖章报送。

## 要提交（保存）哪些文件

一期（一年）结束、关闭之后，用 git 或其他方式保存：

- `schemes/`：方案文件和 `schema.json`（编辑器据此提示每个键的含义）；
- `content/`：`agency.yaml`、每一期的成绩表（.xlsx/.csv）、`.decisions.csv`、`.notice.yaml`，
  以及 `kaohe close` 生成的 `.lock.json`（证明公示后的结果没有被改动，一定要保存）；
- `mkdocs.yml`、`README.md`、`.gitignore`。

不用提交：`site/`、`site-internal/`（网站，随时可用 `kaohe build` 重新生成）、`.build/`（临时文件）、
`问题标注/`（`kaohe check --xlsx-report 问题标注` 生成的标注副本）。这些已写在 `.gitignore` 中，
所以 `git status` 里只会出现需要保存的改动。
"""

# What `kaohe init` writes as .gitignore: everything Kaohe generates and can generate again.
GITIGNORE = """\
# Kaohe 生成的文件，可随时重新生成，不用提交
/site/
/site-internal/
/.site.building-*/
/.site-internal.building-*/
/.build/
/问题标注/
# Excel、WPS 打开文件时的临时文件
~$*
.~lock.*#
"""
