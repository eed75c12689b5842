"""`kaohe init <dir>`: a new site for an agency, started from one of the seed schemes.

Creates mkdocs.yml, schemes/<code>.yaml (a copy of the chosen seed to adapt), content/<agency>/
with agency.yaml, the results layout with one sample sheet that passes `kaohe check`, and a short
README for the office. Refuses to write into a non-empty directory.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

from .cli import EXIT_OK, UsageError
from .columns import plan_columns
from .load_scheme import load_scheme
from .numbers import fmt
from .problems import Problems

REPO = Path(__file__).resolve().parents[1]


def _sample_value(spec) -> str:
    if spec.type == "number":
        return fmt(spec.max) if spec.max is not None else "0"
    if spec.type == "choice":
        return spec.choices[0] if spec.choices else ""
    if spec.type == "yesno":
        return "否"
    return ""


def sample_sheet(scheme, assessment, departments: list[str]) -> bytes:
    plan = plan_columns(scheme, assessment)
    columns = plan.all()
    post_of = plan.post_of()
    posts = [p.name for p in scheme.posts]
    rows = []
    for i, name in enumerate(["示例一", "示例二"], start=1):
        post = posts[(i - 1) % len(posts)] if posts else None
        row = []
        for spec in columns:
            if spec.name == scheme.people.id:
                row.append(f"000{i}")
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
                row.append(_sample_value(spec) if applies else "")
        rows.append(row)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([s.name for s in columns])
    writer.writerows(rows)
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def cmd_init(args) -> int:
    target = Path(args.dir)
    if target.exists() and any(target.iterdir()):
        raise UsageError(f"目录「{target}」不是空的；请换一个新目录。")
    seed = REPO / "schemes" / f"{args.seed}.yaml"
    if not seed.exists():
        known = "、".join(sorted(p.stem for p in (REPO / "schemes").glob("*.yaml")))
        raise UsageError(f"没有名为「{args.seed}」的示例方案（可选：{known}）。")
    problems = Problems()
    scheme, _ = load_scheme(seed, problems)
    if scheme is None:
        raise UsageError(f"示例方案 {seed.name} 无法读取。")
    agency_code = getattr(args, "code", None) or "danwei"
    departments = ["办公室", "业务一科", "业务二科"]
    year = dt.date.today().year
    assessment = scheme.assessments[0]
    label = assessment.period_labels[0]
    (target / "schemes").mkdir(parents=True)
    shutil.copy(seed, target / "schemes" / seed.name)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    results = target / "content" / agency_code / scheme.code / str(year)
    results.mkdir(parents=True)
    (target / "content" / agency_code / "agency.yaml").write_text(
        f"name: {args.agency}\n"
        f"departments: [{', '.join(departments)}]   # 改成本单位的部门（科室）名称\n"
        f"issuer: {args.agency}考核工作领导小组      # 公示落款\n"
        "contact: 人事科（电话 0000-0000000）        # 受理复核的部门和电话\n",
        encoding="utf-8",
    )
    (results / f"{label}.csv").write_bytes(sample_sheet(scheme, assessment, departments))
    (target / "content" / "site.yaml").write_text(f"title: {args.agency}考核办法与考核结果\n", encoding="utf-8")
    (target / "README.md").write_text(_readme(args.agency, scheme.code, agency_code, year, label), encoding="utf-8")
    print(f"已在 {target} 新建站点：方案 schemes/{seed.name}，单位目录 content/{agency_code}/，示例成绩 {results.relative_to(target)}/{label}.csv。")
    print(f"下一步：cd {target} && kaohe check && kaohe serve")
    return EXIT_OK


def _readme(agency: str, scheme: str, code: str, year: int, label: str) -> str:
    return f"""# {agency} 考核网站

1. 修改 `schemes/{scheme}.yaml`，使之与本单位的考核办法一致（写法见网站「使用说明」）。
2. 修改 `content/{code}/agency.yaml` 中的部门名单、公示落款和联系方式。
3. 生成成绩表：`kaohe template {scheme} {year}-{label} --agency {code}`，填好后保存为
   `content/{code}/{scheme}/{year}/{label}.xlsx`（删掉示例文件 {label}.csv）。
4. 检查：`kaohe check`，按提示改到没有错误。
5. 公示：在成绩表旁放 `{label}.notice.yaml`（写 start: 公示开始日期），运行 `kaohe build`，把 `site/` 放到内网服务器上。
6. 公示结束后：`kaohe close {scheme} {year}-{label} --agency {code}`，并保存生成的 `.lock.json` 文件。
"""
