"""Demo results for s001-kexie (岗位责任制及效能考核工作方案) at an invented agency.

    python tools/demo/make_s001-kexie.py          # rewrites content/heting-kx/

Deterministic (fixed random seed). Invented agency 鹤汀县科学技术协会 and invented people. The office
keeps one wide sheet for everyone, saved from Excel as CSV in GBK (gb18030): the common columns, then
each post's columns (left blank for people of other posts), then 身份 and the award columns.
The rows used by tests/golden/test_s001-kexie.py are written out by hand below (GOLDEN_2025).
"""

from __future__ import annotations

import random
from decimal import Decimal

from demo_kit import ROOT, fresh, write_agency, write_csv  # first: it puts the repository on the path

from generator.core.problems import Problems
from generator.scheme.columns import plan_columns
from generator.scheme.load import load_scheme

AGENCY = "heting-kx"
SCHEME = "s001-kexie"
OUT = ROOT / "content" / AGENCY
DEPARTMENTS = ["办公室", "学会部", "科普部", "科技馆"]

SHUJI = "党组书记、主席"
FUZHUXI = "党组成员、副主席"
DANGWU, XUEHUI, KEPU = "主任科员（党务）", "主任科员（学会）", "主任科员（科普）"
KJG_FZR = "科技馆负责人"
GL_KJJ, GL_SIJI, GL_ZUXUAN = "科技馆管理员（科技节与财务）", "科技馆管理员（司机）", "科技馆管理员（办公室与组宣）"

# (编号, 姓名, 部门, 岗位, 身份) — 2024 roster; invented names only.
ROSTER_2024 = [
    ("KX01", "韩立群", "办公室", SHUJI, "领导班子成员"),
    ("KX02", "祁明远", "办公室", FUZHUXI, "领导班子成员"),
    ("KX03", "卓雅琴", "办公室", FUZHUXI, "领导班子成员"),
    ("KX04", "柏文涛", "办公室", DANGWU, "办公室人员"),
    ("KX05", "甘露", "办公室", DANGWU, "办公室人员"),
    ("KX06", "蒙思远", "学会部", XUEHUI, "职工"),
    ("KX07", "司马静", "学会部", XUEHUI, "职工"),
    ("KX08", "庞海川", "学会部", XUEHUI, "职工"),
    ("KX09", "张伟", "科普部", KEPU, "职工"),
    ("KX10", "张伟", "科普部", KEPU, "职工"),
    ("KX11", "阿依古丽·买买提", "科普部", KEPU, "职工"),
    ("KX12", "温晓岚", "科普部", KEPU, "职工"),
    ("KX13", "覃一鸣", "科普部", KEPU, "职工"),
    ("KX14", "单志诚", "科技馆", KJG_FZR, "职工"),
    ("KX15", "练春燕", "科技馆", KJG_FZR, "职工"),
    ("KX16", "邝嘉怡", "科技馆", GL_KJJ, "职工"),
    ("KX17", "岑若溪", "科技馆", GL_KJJ, "职工"),
    ("KX18", "蔺书瑶", "科技馆", GL_KJJ, "职工"),
    ("KX19", "聂国栋", "办公室", GL_SIJI, "办公室人员"),
    ("KX20", "车永康", "办公室", GL_SIJI, "办公室人员"),
    ("KX21", "欧文斌", "办公室", GL_SIJI, "办公室人员"),
    ("KX22", "宁静怡", "办公室", GL_ZUXUAN, "办公室人员"),
    ("KX23", "桂晨阳", "办公室", GL_ZUXUAN, "办公室人员"),
    ("KX24", "郁清扬", "办公室", GL_ZUXUAN, "办公室人员"),
    ("KX25", "靳佳琪", "办公室", GL_ZUXUAN, "办公室人员"),
    ("KX26", "尚景行", "办公室", GL_ZUXUAN, "办公室人员"),
]
LEAVE_AFTER_2024 = {"KX08", "KX21"}
JOIN_2025 = [
    ("KX27", "邬亦凡", "学会部", XUEHUI, "职工"),
    ("KX28", "冉秋实", "科普部", KEPU, "职工"),
    ("KX29", "隋梓萱", "科技馆", GL_KJJ, "职工"),
]

UNIT_SCORE = {2024: Decimal("96"), 2025: Decimal("93.5")}  # 县综合目标考核得分, the same for every leader
UNIT_HONOUR = {2024: "县委政府及市科协奖", 2025: "市委市政府及省科协奖"}  # 单位荣誉称号, for everyone

# Hand-written values for the golden tests (2025). Unlisted count columns are 0, ranges blank.
GOLDEN_2025 = {
    "KX01": {  # 党组书记、主席
        "集体学习缺席次数": 1, "集体学习迟到早退次数": 2, "读书笔记字数": 3500, "心得体会篇数": 3,
        "书记主持工作通报扣分": "4", "书记党建落实不够项数": 2, "书记财务失误扣分": "1、2.5", "书记业务未达预期项数": 1,
        "单项工作获奖": "省科协先进单位奖",
    },
    "KX02": {"副主席一票否决事项次数": 1},  # 党组成员、副主席: undecidable whatever is entered
    "KX06": {  # 主任科员（学会）
        "读书笔记字数": 5000, "心得体会篇数": 2, "迟到早退次数": 3, "旷工天次": 1, "工作失误扣分": "4",
        "安全责任事故扣分": "2", "中心工作未按要求完成次数": 1,
        "学会工作欠缺项次": 3, "学会不健全扣分": "3、5",
        "个人获奖": "本单位先进个人、县委政府及市科协奖", "单项工作获奖": "县委政府及市科协先进单位奖", "年度考核优秀": "年度考核优秀",
    },
    "KX16": {  # 科技馆管理员（科技节与财务）
        "科技节欠缺失误扣分": "2", "机关财务失误项次": 1, "档案达标差分": "2.5", "收发失误扣分": "1、1.5",
    },
}
FULL_STUDY = {"读书笔记字数": 6000, "心得体会篇数": 3}


def load_plan():
    scheme, _ = load_scheme(ROOT / "schemes" / f"{SCHEME}.yaml", Problems())
    assert scheme is not None, "schemes/s001-kexie.yaml does not load"
    plan = plan_columns(scheme, scheme.assessments[0])
    return scheme, plan


def blank_row(plan, person) -> dict:
    pid, name, dept, post, role = person
    row = {"编号": pid, "姓名": name, "部门": dept, "岗位": post, "身份": role}
    post_of = plan.post_of()
    for spec in plan.all():
        if spec.name in row:
            continue
        owners = post_of.get(spec.name)
        applies = owners is None or "*" in owners or post in owners
        if not applies or spec.type in ("amounts", "choices", "choice"):
            row[spec.name] = ""
        else:
            row[spec.name] = 0
    if "读书笔记字数" in row:
        row.update(FULL_STUDY)
    return row


def random_row(rng: random.Random, plan, person, year: int) -> dict:
    row = blank_row(plan, person)
    post = person[3]
    for col in list(row):
        if row[col] == 0 and col not in ("县综合目标考核得分",) and rng.random() < 0.07:
            row[col] = 1
    if rng.random() < 0.15:
        row["读书笔记字数"] = rng.choice([3000, 4200, 4800])
    if rng.random() < 0.1:
        row["心得体会篇数"] = 2
    if rng.random() < 0.1:
        row["工作失误扣分"] = rng.choice(["3", "4", "5", "3、3"])
    if post == XUEHUI and rng.random() < 0.5:
        row["学会不健全扣分"] = rng.choice(["3", "4", "3、4"])
    if post == KEPU:
        row["社区科普据实扣分"] = rng.choice(["", "1", "2.5", "0.5、1"])
        row["科普项目失误扣分"] = rng.choice(["", "", "2", "3", "2.5"])
        row["农技协失误扣分"] = rng.choice(["", "", "1", "1.5"])
    if post == GL_ZUXUAN:
        row["新闻稿件缺篇数"] = rng.choice([0, 0, 0, 2, 5])
    if post == GL_SIJI and rng.random() < 0.3:
        row["严重违章酌情扣分"] = rng.choice(["2", "3"])
    if post == GL_KJJ:
        row["档案达标差分"] = rng.choice([0, 0, "1", "1.5"])
    if rng.random() < 0.2:
        row["个人获奖"] = rng.choice(["本单位先进个人", "县委政府及市科协奖", "省科协奖"])
    if rng.random() < 0.15:
        row["单项工作获奖"] = rng.choice(["县委政府及市科协先进单位奖", "省科协先进单位奖"])
    if rng.random() < 0.15:
        row["年度考核优秀"] = "年度考核优秀"
    return row


def main() -> None:
    rng = random.Random(20220114)
    scheme, plan = load_plan()
    columns = [spec.name for spec in plan.all()]
    fresh(OUT)
    write_agency(OUT, "鹤汀县科学技术协会", DEPARTMENTS, "鹤汀县科协岗位责任制考核小组", "县科协办公室（电话 0000-7300456）")
    roster_2025 = [p for p in ROSTER_2024 if p[0] not in LEAVE_AFTER_2024] + JOIN_2025
    for year, roster in ((2024, ROSTER_2024), (2025, roster_2025)):
        rows = []
        for person in roster:
            if year == 2025 and person[0] in GOLDEN_2025:
                row = blank_row(plan, person) | GOLDEN_2025[person[0]]
            else:
                row = random_row(rng, plan, person, year)
            if row.get("县综合目标考核得分") != "":
                row["县综合目标考核得分"] = UNIT_SCORE[year]
            row["单位荣誉"] = UNIT_HONOUR[year]
            rows.append(row)
        folder = OUT / SCHEME / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        write_csv(folder / "年度.csv", columns, rows, "gb18030")


if __name__ == "__main__":
    main()
