"""Demo results for s000-gangwei (岗位目标责任制考核办法) at an invented agency.

    python tools/demo/make_s000-gangwei.py          # rewrites content/yunxiu-jgsw/

Deterministic (fixed random seed). Invented agency 云岫县机关事务局 and invented people; the rows
used by tests/golden/test_s000-gangwei.py are written out by hand below (GOLDEN), everyone else
is drawn at random. Both years are .xlsx files with a merged title row above the header, a
序号 column and a 制表人 line below the table, as an HR office would keep them.
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from demo_kit import ROOT, fresh, write_agency, write_titled_xlsx

AGENCY = "yunxiu-jgsw"
SCHEME = "s000-gangwei"
OUT = ROOT / "content" / AGENCY
DEPARTMENTS = ["办公室", "财务股", "节能管理股", "资产管理股", "机关服务中心"]

# Every count column of the scheme, in the scheme's order (all must be filled, 0 when nothing happened).
COUNTS = [
    "廉政通报查处起数", "廉政宣教任务未完成项数",
    "责任人作风通报次数", "分管领导作风通报次数", "班子成员作风通报次数",
    "读书笔记缺字数", "在线学堂未达优秀", "学法考试未达优秀", "MPA培训未达优秀", "党校远程学习次数", "讲课任务未完成",
    "党建任务未完成项数", "三星级及以下党员",
    "文明创建未达要求项数", "无故不参加创建活动次数",
    "安全事故或通报", "出租房屋问题起数", "信访不良后果起数",
    "信息采用缺篇数",
    "股室材料迟报次数", "个人材料迟报漏报次数",
    "文件超期未阅处次数", "信息员动态发布差额百分点", "分管领导连带扣分次数", "公文收发失误次数", "网站更新差额百分点", "会议通知失误次数",
    "扶贫任务未完成项数", "责任人扶贫通报次数", "分管领导扶贫通报次数",
    "泄密丢失起数",
]
SCORES = ["岗位目标得分", "群众测评得分", "专班考核得分", "信息超额采用篇数", "专班加分", "专班扣分"]
HEADER = ["序号", "编号", "姓名", "部门", *COUNTS, *SCORES]

SURNAMES = "王李赵陈杨黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段洪钱汤尹黎易常武乔贺赖龚文"
GIVEN = "嘉怡子涵浩然思远雨桐可欣俊杰晓东明辉婉婷志强海燕文博佳琪建国丽娜瑞雪宇航梓萱家豪静怡晨阳秋实若溪一鸣亦凡书瑶景行清扬"
SEED_NAMES = {"鲁开双", "彭宏章", "张友元", "向仍海", "唐振海", "刘自强", "邵启珍"}  # never use names from the seeds


def invented_names(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        if name in taken or name in SEED_NAMES or name == "张伟":
            continue
        taken.add(name)
        names.append(name)
    return names


# Hand-written rows for the golden tests (2025). Counts not listed are 0 (党校远程学习次数: 3, the requirement).
GOLDEN_2025 = [
    {"编号": "001", "姓名": "阿依古丽·买买提", "部门": "办公室",
     "读书笔记缺字数": 3500, "在线学堂未达优秀": 1, "党校远程学习次数": 1,
     "文明创建未达要求项数": 1, "无故不参加创建活动次数": 3,
     "个人材料迟报漏报次数": 2, "文件超期未阅处次数": 3, "信息员动态发布差额百分点": 25,
     "岗位目标得分": "42.5", "群众测评得分": "8.6", "专班考核得分": "8.4", "信息超额采用篇数": 35, "专班加分": 0, "专班扣分": "0.5"},
    {"编号": "003", "姓名": "张伟", "部门": "办公室",
     "廉政通报查处起数": 5, "责任人作风通报次数": 1, "分管领导作风通报次数": 1, "分管领导连带扣分次数": 4,
     "岗位目标得分": 40, "群众测评得分": 8, "专班考核得分": "7.5", "信息超额采用篇数": 12, "专班加分": "1.5", "专班扣分": 0},
    {"编号": "017", "姓名": "张伟", "部门": "办公室",
     "岗位目标得分": 45, "群众测评得分": "9.2", "专班考核得分": 9, "信息超额采用篇数": 20, "专班加分": 0, "专班扣分": 0},
    {"编号": "010", "姓名": "欧阳明轩", "部门": "节能管理股",
     "党校远程学习次数": 3, "出租房屋问题起数": 1, "信访不良后果起数": 1, "信息采用缺篇数": 4,
     "公文收发失误次数": 2, "网站更新差额百分点": 10, "会议通知失误次数": 1,
     "岗位目标得分": 38, "群众测评得分": "7.7", "专班考核得分": "7.9", "信息超额采用篇数": 0, "专班加分": 0, "专班扣分": 0},
]


def random_row(rng: random.Random, pid: str, name: str, dept: str) -> dict:
    row = {"编号": pid, "姓名": name, "部门": dept}
    for col in COUNTS:
        row[col] = 0
    row["党校远程学习次数"] = rng.choice([3, 3, 3, 4, 5, 2])
    for col in ("廉政宣教任务未完成项数", "在线学堂未达优秀", "学法考试未达优秀", "MPA培训未达优秀", "讲课任务未完成",
                "党建任务未完成项数", "三星级及以下党员", "文明创建未达要求项数"):
        row[col] = 1 if rng.random() < 0.08 else 0
    for col in ("无故不参加创建活动次数", "股室材料迟报次数", "个人材料迟报漏报次数", "文件超期未阅处次数", "公文收发失误次数"):
        row[col] = rng.choice([0, 0, 0, 0, 1, 2])
    if rng.random() < 0.1:
        row["读书笔记缺字数"] = rng.choice([2000, 4500, 8000])
    if rng.random() < 0.15:
        row["信息采用缺篇数"] = rng.randint(1, 5)
    if rng.random() < 0.1:
        row["信息员动态发布差额百分点"] = rng.choice([5, 10, 20, 30])
    if rng.random() < 0.05:
        row["责任人作风通报次数"] = 1
    row["岗位目标得分"] = Decimal(rng.randint(70, 97)) / 2
    row["群众测评得分"] = Decimal(rng.randint(70, 98)) / 10
    row["专班考核得分"] = Decimal(rng.randint(70, 98)) / 10
    row["信息超额采用篇数"] = rng.choice([0, 0, 0, 5, 10, 14, 22, 31])
    row["专班加分"] = rng.choice([0, 0, 0, 0, Decimal("0.5"), 1])
    row["专班扣分"] = rng.choice([0, 0, 0, 0, 0, Decimal("0.5"), 1])
    return row


def roster(rng: random.Random) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """(2024 people, 2025 people) as (编号, 姓名, 部门): two leave after 2024, three join in 2025."""
    taken = {"阿依古丽·买买提", "欧阳明轩"}
    fixed = {g["编号"]: (g["姓名"], g["部门"]) for g in GOLDEN_2025}
    names = iter(invented_names(rng, 40, taken))
    people_2024 = []
    for n in range(1, 29):
        pid = f"{n:03d}"
        if pid in fixed:
            people_2024.append((pid, *fixed[pid]))
        else:
            people_2024.append((pid, next(names), DEPARTMENTS[n % len(DEPARTMENTS)]))
    leavers = {"022", "027"}
    people_2025 = [p for p in people_2024 if p[0] not in leavers]
    people_2025 += [(f"{n:03d}", next(names), DEPARTMENTS[n % len(DEPARTMENTS)]) for n in (29, 30, 31)]
    return people_2024, people_2025


def write_xlsx(path: Path, title: str, rows: list[dict]) -> None:
    values = []
    for i, row in enumerate(rows, start=1):
        line = [i, *(row.get(col, 0) for col in HEADER[1:])]
        values.append([Decimal(v) if isinstance(v, str) and col in SCORES else v for v, col in zip(line, HEADER, strict=True)])
    write_titled_xlsx(path, "考核汇总", title, HEADER, values, footer="制表人：办公室　　审核人：考核专班　　（各项扣分次数由各股室据实填报）")


def main() -> None:
    rng = random.Random(20180)
    fresh(OUT)
    write_agency(OUT, "云岫县机关事务局", DEPARTMENTS, "云岫县机关事务局岗位目标责任制考核专班", "局办公室（电话 0000-6100123）")
    people_2024, people_2025 = roster(rng)
    golden = {g["编号"]: g for g in GOLDEN_2025}
    for year, people in ((2024, people_2024), (2025, people_2025)):
        rows = []
        for pid, name, dept in people:
            if year == 2025 and pid in golden:
                row = {col: 0 for col in COUNTS} | {"党校远程学习次数": 3} | golden[pid]
            else:
                row = random_row(rng, pid, name, dept)
            rows.append(row)
        folder = OUT / SCHEME / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        write_xlsx(folder / "年度.xlsx", f"云岫县机关事务局{year}年度岗位目标责任制考核汇总表", rows)


if __name__ == "__main__":
    main()
