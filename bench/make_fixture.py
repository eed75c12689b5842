#!/usr/bin/env python3
"""A large, realistic project for the benchmark: three invented agencies of one invented city.

    python bench/make_fixture.py --size city   --out bench/out/city     # 80 departments, ~4,000 people, 2016–2025
    python bench/make_fixture.py --size county --out bench/out/county   # 10 departments, 300 people, 2021–2025
    python bench/make_fixture.py --size city-half    # and city-quarter: the city at 1/2 and 1/4 (growth runs)

Deterministic: everything comes from one random seed per size, and the few XLSX files are written
with pinned timestamps, so two runs write the same bytes.

What it writes (DIR is --out; an existing DIR is replaced only if an earlier run wrote it):

    schemes/            copies of s003-p2 (季度平时考核 + 年度 roll-up with 年度拟定等次),
                        s001-kexie (yearly points, per-post item sets) and s003-p1-sifa
                        (季度 + 年度 with rater-weighted 年度量化评价)
    content/site.yaml   the site title
    content/<agency>/   agency.yaml, then <scheme>/<year>/<period>.csv (UTF-8 with BOM; a handful
                        of .xlsx), <period>.notice.yaml for every period that publishes, and
                        <period>.decisions.csv where a tie sits on a quota line

Agencies (city / county):
    财政局  s003-p2 + s001-kexie        40 / 5 departments
    司法局  s003-p1-sifa + s001-kexie   25 / 3 departments
    科协    s003-p2 + s001-kexie        15 / 2 departments

Each agency's roster is simulated quarter by quarter: people retire or transfer out (~2.5% a year),
are replaced by 新录用 (in 试用期 for four quarters) or 调入; ~5% a year move to another department.
In the sheets: 病事假 (15% of rows, a few over half the quarter, some of those 工伤), 立案调查,
急难险重 (forced 好), 不服从安排 (forced 较差), 加分 and 减分, all at low rates. A quarterly or yearly
roll-up sheet lists only people on the roll at year end. The few 好/优秀 quota lines that fall on a
tie are settled by a committee decision file, found by running the engine itself, so no tie blocks
a 公示. Every person and name is invented.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import re
import shutil
import sys
import zipfile
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.core.problems import Problems, Severity  # noqa: E402
from generator.scheme.columns import plan_columns  # noqa: E402
from generator.scheme.load import load_scheme  # noqa: E402

MARKER = ".kaohe-bench-fixture"
SCHEMES = ("s003-p2", "s001-kexie", "s003-p1-sifa")
CITY = "岚城市"
COUNTY = "岚溪县"


@dataclass(frozen=True)
class AgencySpec:
    code: str
    name: str  # without the place
    short: str  # for 文号
    schemes: tuple[str, ...]
    departments: int
    headcount: int
    prefix: str  # ID prefix


@dataclass(frozen=True)
class Size:
    place: str
    years: tuple[int, ...]
    seed: int
    agencies: tuple[AgencySpec, ...]
    xlsx: tuple[tuple[str, str, int, str], ...]  # (agency code, scheme, year, label) written as .xlsx


SIZES = {
    "city": Size(CITY, tuple(range(2016, 2026)), 20160101, (
        AgencySpec("lancheng-czj", "财政局", "岚财人", ("s003-p2", "s001-kexie"), 40, 2000, "CZ"),
        AgencySpec("lancheng-sfj", "司法局", "岚司考", ("s003-p1-sifa", "s001-kexie"), 25, 1300, "SF"),
        AgencySpec("lancheng-kx", "科学技术协会", "岚科协", ("s003-p2", "s001-kexie"), 15, 700, "KX"),
    ), (
        ("lancheng-czj", "s003-p2", 2016, "Q1"), ("lancheng-czj", "s003-p2", 2024, "Y"),
        ("lancheng-sfj", "s003-p1-sifa", 2020, "Q2"), ("lancheng-sfj", "s001-kexie", 2023, "Y"),
        ("lancheng-kx", "s003-p2", 2025, "Q3"),
    )),
    "county": Size(COUNTY, tuple(range(2021, 2026)), 20210101, (
        AgencySpec("lanxi-czj", "财政局", "岚溪财人", ("s003-p2", "s001-kexie"), 5, 150, "CZ"),
        AgencySpec("lanxi-sfj", "司法局", "岚溪司考", ("s003-p1-sifa", "s001-kexie"), 3, 90, "SF"),
        AgencySpec("lanxi-kx", "科学技术协会", "岚溪科协", ("s003-p2", "s001-kexie"), 2, 60, "KX"),
    ), (
        ("lanxi-czj", "s003-p2", 2022, "Q1"), ("lanxi-sfj", "s003-p1-sifa", 2024, "Y"),
    )),
}



def scaled(size: Size, fraction: int) -> Size:
    """The same city at 1/fraction of its departments and people (the same years, seed and XLSX
    files): the growth runs, which show whether time and memory grow linearly with the archive."""
    agencies = tuple(AgencySpec(a.code, a.name, a.short, a.schemes, max(1, a.departments // fraction), a.headcount // fraction, a.prefix)
                     for a in size.agencies)
    return Size(size.place, size.years, size.seed, agencies, size.xlsx)


SIZES["city-half"] = scaled(SIZES["city"], 2)
SIZES["city-quarter"] = scaled(SIZES["city"], 4)

# --- departments -------------------------------------------------------------------------------
OFFICES = {
    "财政局": ["办公室", "人事科", "预算科", "国库科", "综合科", "经济建设科", "行政政法科", "教科文科", "社会保障科", "农业农村科",
            "资产管理科", "会计科", "监督检查科", "债务管理科", "政府采购监督管理科", "法规税政科", "金融科", "绩效管理科", "信息中心", "投资评审中心"],
    "司法局": ["办公室", "政工科", "法治督察科", "法治宣传科", "人民调解科", "社区矫正科", "公共法律服务科", "律师工作科", "行政复议科", "法律援助中心"],
    "科学技术协会": ["办公室", "组织人事部", "学会部", "科普部", "青少年科技教育部", "科技馆"],
}
STATIONS = {"财政局": "财政所", "司法局": "司法所", "科学技术协会": "科协"}
PLACES = ["东湖", "西岭", "南浦", "北塘", "青石", "白沙", "柳溪", "桃源", "梅岗", "杏林", "松坪", "竹溪", "枫桥", "荷塘", "兰亭", "桂园",
          "云台", "雁栖", "鹤鸣", "龙泉", "凤凰", "金沙", "银湖", "玉泉", "翠屏", "碧水", "丹霞", "紫荆", "黄岩", "清河"]


def departments(kind: str, n: int) -> list[str]:
    offices = OFFICES[kind]
    if n <= len(offices):
        return offices[:n]
    extra = [f"{PLACES[i]}{'街道' if i % 3 else '镇'}{STATIONS[kind]}" for i in range(n - len(offices))]
    return offices + extra


# --- names -------------------------------------------------------------------------------------
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦"
            "方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤")
COMPOUND = ["欧阳", "司马", "上官", "诸葛", "东方", "令狐"]
GIVEN = "文明华丽静敏强磊军洋勇艳杰娟涛超秀霞平刚英芳玲辉鹏宇婷雪琳晨欣颖浩凯斌波宁红梅佳俊泽瑶怡倩立新志海云春建国永德思远书恒若溪一鸣"
MINORITY = ["阿依古丽·买买提", "迪丽娜尔·艾山", "古丽米拉·吐尔逊", "买买提·艾力", "热依拉·阿不都", "巴特尔·其木格"]


def person_name(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.004:
        return rng.choice(MINORITY)
    surname = rng.choice(COMPOUND) if r < 0.02 else rng.choice(SURNAMES)
    return surname + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2, 2))))


# --- the roster, quarter by quarter ------------------------------------------------------------
KEXIE_POSTS = [  # (post, weight) for everyone but the two leaders
    ("主任科员（党务）", 15), ("主任科员（学会）", 15), ("主任科员（科普）", 25), ("科技馆负责人", 5),
    ("科技馆管理员（科技节与财务）", 14), ("科技馆管理员（司机）", 12), ("科技馆管理员（办公室与组宣）", 14),
]
SHUJI, FUZHUXI = "党组书记、主席", "党组成员、副主席"


@dataclass
class Person:
    id: str
    name: str
    dept: str
    ability: float
    post: str
    leader: bool  # 科级领导 (司法局 年度量化评价)
    first: tuple[int, int]  # (year, quarter 1..4) first on the roll
    last: tuple[int, int] | None = None  # last quarter on the roll
    trainee_from: tuple[int, int] | None = None  # 新录用: 试用期 for four quarters from here
    depts: dict[tuple[int, int], str] = field(default_factory=dict)  # dept per quarter

    def on_roll(self, yq: tuple[int, int]) -> bool:
        return self.first <= yq and (self.last is None or yq <= self.last)

    def trainee(self, yq: tuple[int, int]) -> bool:
        if self.trainee_from is None:
            return False
        y0, q0 = self.trainee_from
        return 0 <= (yq[0] - y0) * 4 + (yq[1] - q0) < 4


def quarters(years) -> list[tuple[int, int]]:
    return [(y, q) for y in years for q in (1, 2, 3, 4)]


def simulate(rng: random.Random, spec: AgencySpec, kind: str, depts: list[str], years) -> list[Person]:
    people: list[Person] = []
    counter = 0
    start = (years[0], 1)

    def new(yq, dept=None, trainee=False) -> Person:
        nonlocal counter
        counter += 1
        post = rng.choices([p for p, _ in KEXIE_POSTS], [w for _, w in KEXIE_POSTS])[0]
        person = Person(f"{spec.prefix}{counter:05d}", person_name(rng), dept or rng.choice(depts), rng.gauss(87.0, 4.0), post,
                        rng.random() < 0.12, yq, trainee_from=yq if trainee else None)
        people.append(person)
        return person

    for _ in range(spec.headcount):
        new(start)
    # the agency's leaders (kexie posts): one 书记、主席; a 副主席 only at the 科协 (its post is a declared defect)
    people[0].post, people[0].dept, people[0].leader = SHUJI, depts[0], True
    if kind == "科学技术协会":
        people[1].post, people[1].dept, people[1].leader = FUZHUXI, depts[0], True
    prev = start
    for yq in quarters(years):
        active = [p for p in people if p.on_roll(yq)]
        if yq != start:
            for p in active:
                if p is people[0]:
                    continue
                if rng.random() < 0.025 / 4:  # retires or transfers out after the previous quarter
                    p.last = prev
                elif rng.random() < 0.05 / 4:
                    p.dept = rng.choice(depts)
            active = [p for p in active if p.last is None]
            for _ in range(spec.headcount - len(active)):
                active.append(new(yq, trainee=rng.random() < 0.7))
        for p in active:
            p.depts[yq] = p.dept
        prev = yq
    return people


# --- numbers -----------------------------------------------------------------------------------
def d(x) -> Decimal:
    return Decimal(str(x))


def text(x: Decimal) -> str:
    return format(x.normalize(), "f") if x != x.to_integral_value() else str(int(x))


HALF = Decimal("0.5")


def half(x: float) -> Decimal:
    return (d(round(x, 6)) * 2).quantize(Decimal(1), rounding=ROUND_HALF_UP) / 2


def split(total: Decimal, maxes: list[int], rng: random.Random) -> list[Decimal]:
    """Item scores on a 0.5 grid, each within its max, summing to `total` (≤ sum of maxes)."""
    full = sum(maxes)
    scores = [((Decimal(m) * total / full) / HALF).to_integral_value(rounding=ROUND_FLOOR) * HALF for m in maxes]
    rest = total - sum(scores)
    while rest > 0:
        i = rng.randrange(len(maxes))
        if scores[i] + HALF <= maxes[i]:
            scores[i] += HALF
            rest -= HALF
    for _ in range(4):  # move half points between items so that rows do not look alike
        i, j = rng.randrange(len(maxes)), rng.randrange(len(maxes))
        if i != j and scores[i] - HALF >= 0 and scores[j] + HALF <= maxes[j]:
            scores[i] -= HALF
            scores[j] += HALF
    return scores


def workdays(year: int, quarter: int) -> int:
    import chinese_calendar

    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1) - dt.timedelta(days=1)
    return len(chinese_calendar.get_workdays(start, end))


# --- the sheets --------------------------------------------------------------------------------
class Writer:
    def __init__(self, root: Path, size: Size, rng: random.Random):
        self.root, self.size, self.rng = root, size, rng
        self.schemes = {}
        for code in SCHEMES:
            scheme, _ = load_scheme(ROOT / "schemes" / f"{code}.yaml", Problems())
            assert scheme is not None, code
            self.schemes[code] = scheme
        self.files = 0
        self.rows = 0

    def columns(self, code: str, label: str):
        scheme = self.schemes[code]
        plan = plan_columns(scheme, scheme.assessment_for_label(label))
        return plan

    def write(self, agency: str, code: str, year: int, label: str, header: list[str], rows: list[list[str]], title: str) -> None:
        folder = self.root / "content" / agency / code / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        self.files += 1
        self.rows += len(rows)
        if (agency, code, year, label) in self.size.xlsx:
            write_xlsx(folder / f"{label}.xlsx", title, header, rows)
            return
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
        (folder / f"{label}.csv").write_bytes(buffer.getvalue().encode("utf-8-sig"))


P2_ITEMS_MAX = [6, 4, 6, 4, 5, 6, 5, 4, 5, 5, 5, 15, 10, 10, 4, 3, 3]


def p2_quarter(w: Writer, spec: AgencySpec, place: str, people: list[Person], year: int, q: int, level: float) -> dict[str, Decimal]:
    rng = w.rng
    plan = w.columns("s003-p2", f"Q{q}")
    items = [s.name for s, _ in plan.items]
    header = ["序号"] + [s.name for s in plan.all()]
    days = workdays(year, q)
    rows, totals = [], {}
    for p in people:
        if not p.on_roll((year, q)):
            continue
        row = {"编号": p.id, "姓名": p.name, "科室": p.depts[(year, q)], "应出勤天数": str(days)}
        total = d(round(min(max(p.ability + level + rng.gauss(0, 2.5), 55.0), 99.0) * 2) / 2)
        bonus = d(rng.randint(1, 6)) if rng.random() < 0.03 else Decimal(0)
        minus = d(rng.randint(1, 3)) if rng.random() < 0.01 else Decimal(0)
        item_total = min(total - min(bonus, Decimal(5)) + min(minus, Decimal(5)), Decimal(100))
        for name, score in zip(items, split(item_total, P2_ITEMS_MAX, rng)):
            row[name] = text(score)
        if bonus:
            row["加分"] = text(bonus)
        if minus:
            row["减分"] = text(minus)
        if p.trainee((year, q)):
            row["试用期"] = "是"
        r = rng.random()
        if r < 0.004:  # long leave: over half the quarter; a fifth of them 工伤
            row["病事假天数"] = str(rng.randint(days // 2 + 1, days))
            if rng.random() < 0.2:
                row["工伤"] = "是"
        elif r < 0.15:
            row["病事假天数"] = str(rng.randint(1, 6))
        if rng.random() < 0.0005:
            row["立案调查"] = "是"
        if rng.random() < 0.01:
            row["急难险重表现突出"] = "是"
        elif rng.random() < 0.001:
            row["不服从安排"] = "是"
        rows.append([""] + [row.get(h, "") for h in header[1:]])
        totals[p.id] = total
    for i, row in enumerate(rows, 1):
        row[0] = str(i)
    w.write(spec.code, "s003-p2", year, f"Q{q}", header, rows, f"{place}{spec.name}{year}年第{'一二三'[q - 1]}季度公务员平时考核量化指标得分汇总表")
    return totals


def p2_year(w: Writer, spec: AgencySpec, place: str, people: list[Person], year: int, history: dict[str, list[Decimal]], share: float) -> None:
    """年度拟定等次 as the committee writes it: 优秀 for the best eligible by 平时考核平均分, about `share` of
    those graded (over 20% in some years, so the quota cuts), 称职 otherwise (the caps lower some)."""
    header = ["编号", "姓名", "科室", "年度拟定等次", "试用期"]
    present = [p for p in people if p.on_roll((year, 4)) and p.id in history]
    ranked = []
    for p in present:
        marks = history[p.id]
        if 2 * sum(1 for m in marks if m >= 90) >= len(marks) and min(marks) >= 75 and not p.trainee((year, 4)):
            ranked.append((sum(marks) / len(marks), p.id))
    ranked.sort(reverse=True)
    best = {pid for _, pid in ranked[: int(len(present) * share)]}
    rows = [[p.id, p.name, p.depts[(year, 4)], "优秀" if p.id in best else "称职", "是" if p.trainee((year, 4)) else ""] for p in present]
    w.write(spec.code, "s003-p2", year, "Y", header, rows, f"{place}{spec.name}{year}年度公务员年度考核拟定等次")


SIFA_ITEMS = [("履行职位职责", 30), ("完成阶段目标任务", 30), ("工作质量", 25), ("出勤", 15)]


def sifa_quarter(w: Writer, spec: AgencySpec, place: str, people: list[Person], year: int, q: int, level: float) -> None:
    rng = w.rng
    header = ["序号", "编号", "姓名", "科室"] + [n for n, _ in SIFA_ITEMS] + ["备注"]
    rows = []
    for p in people:
        if not p.on_roll((year, q)):
            continue
        base = p.ability + level + rng.gauss(0, 2.0)
        scores = [half(m * min(max(base + rng.gauss(0, 2.5), 50.0), 100.0) / 100) for _, m in SIFA_ITEMS]
        rows.append(["", p.id, p.name, p.depts[(year, q)]] + [text(s) for s in scores] + [""])
    for i, row in enumerate(rows, 1):
        row[0] = str(i)
    w.write(spec.code, "s003-p1-sifa", year, f"Q{q}", header, rows, f"{place}{spec.name}{year}年第{'一二三'[q - 1]}季度平时考核评分表")


def sifa_year(w: Writer, spec: AgencySpec, place: str, people: list[Person], year: int, in_quarters: set[str], level: float) -> None:
    rng = w.rng
    header = ["序号", "编号", "姓名", "科室", "职务类别", "上级评分", "同级评分", "下级评分", "备注"]
    rows = []
    for p in people:
        if not p.on_roll((year, 4)) or p.id not in in_quarters:
            continue
        base = p.ability + level + rng.gauss(0, 2.0)
        raters = [d(min(max(base + rng.gauss(0, 2.5), 55.0), 99.0)).quantize(Decimal("0.1")) for _ in range(3)]
        rows.append(["", p.id, p.name, p.depts[(year, 4)], "科级领导" if p.leader else "其他人员", text(raters[0]), text(raters[1]),
                     text(raters[2]) if p.leader else "", "" if p.leader else "非领导职务，无下级评分"])
    for i, row in enumerate(rows, 1):
        row[0] = str(i)
    w.write(spec.code, "s003-p1-sifa", year, "Y", header, rows, f"{place}{spec.name}{year}年度公务员年度量化考核评分汇总表")


def kexie_year(w: Writer, spec: AgencySpec, place: str, people: list[Person], year: int) -> None:
    rng = w.rng
    plan = w.columns("s001-kexie", "Y")
    columns = [s.name for s in plan.all()]
    post_of = plan.post_of()
    unit_score = d(rng.choice([93, 94.5, 95, 96, 97.5]))
    honour = rng.choice(["县委政府及市科协奖", "市委市政府及省科协奖", ""])
    rows = []
    for p in people:
        if not p.on_roll((year, 4)):
            continue
        role = "领导班子成员" if p.post in (SHUJI, FUZHUXI) else "办公室人员" if p.depts[(year, 4)] == "办公室" else "职工"
        row: dict[str, object] = {"编号": p.id, "姓名": p.name, "部门": p.depts[(year, 4)], "岗位": p.post, "身份": role}
        for spec_ in plan.all():
            if spec_.name in row:
                continue
            owners = post_of.get(spec_.name)
            applies = owners is None or "*" in owners or p.post in owners
            row[spec_.name] = "" if (not applies or spec_.type in ("amounts", "choices", "choice")) else 0
        row["读书笔记字数"], row["心得体会篇数"] = 6000, 3
        if row.get("县综合目标考核得分") == 0:
            row["县综合目标考核得分"] = text(unit_score)
        for col in columns:
            if row.get(col) == 0 and rng.random() < 0.04:
                row[col] = 1
        if rng.random() < 0.12:
            row["读书笔记字数"] = rng.choice([3000, 4200, 4800])
        if rng.random() < 0.08:
            row["心得体会篇数"] = 2
        if rng.random() < 0.08:
            row["工作失误扣分"] = rng.choice(["3", "4", "5", "3、3"])
        if p.post == "主任科员（学会）" and rng.random() < 0.3:
            row["学会不健全扣分"] = rng.choice(["3", "4", "3、4"])
        if p.post == "主任科员（科普）":
            row["社区科普据实扣分"] = rng.choice(["", "", "1", "2.5", "0.5、1"])
            row["科普项目失误扣分"] = rng.choice(["", "", "2", "3", "2.5"])
        if p.post == "科技馆管理员（办公室与组宣）":
            row["新闻稿件缺篇数"] = rng.choice([0, 0, 0, 2, 5])
        if p.post == "科技馆管理员（司机）" and rng.random() < 0.2:
            row["严重违章酌情扣分"] = rng.choice(["2", "3"])
        if p.post == "科技馆管理员（科技节与财务）":
            row["档案达标差分"] = rng.choice([0, 0, 0, "1", "1.5"])
        if rng.random() < 0.15:
            row["个人获奖"] = rng.choice(["本单位先进个人", "县委政府及市科协奖", "省科协奖"])
        if rng.random() < 0.08:
            row["单项工作获奖"] = rng.choice(["县委政府及市科协先进单位奖", "省科协先进单位奖"])
        if rng.random() < 0.12:
            row["年度考核优秀"] = "年度考核优秀"
        row["单位荣誉"] = honour
        rows.append([str(row.get(c, "")) for c in columns])
    w.write(spec.code, "s001-kexie", year, "Y", columns, rows, f"{place}{spec.name}{year}年度岗位责任制及效能考核汇总表")


# --- xlsx --------------------------------------------------------------------------------------
def write_xlsx(path: Path, title: str, header: list[str], rows: list[list[str]]) -> None:
    """A merged title row above the header, numbers as numbers, a 合计 line; timestamps pinned."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "成绩表"
    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(header)
    text_columns = {i for i, h in enumerate(header) if h in ("编号", "姓名", "科室", "部门", "岗位", "身份")}
    for row in rows:
        out: list[object] = []
        for j, value in enumerate(row):
            if j in text_columns or not re.fullmatch(r"-?\d+(\.\d+)?", value):
                out.append(value or None)
            else:
                number = Decimal(value)
                out.append(int(number) if number == number.to_integral_value() else float(value))
        ws.append(out)
    ws.append(["合计", None, f"共 {len(rows)} 人"])
    wb.properties.creator = "kaohe bench"
    wb.properties.created = wb.properties.modified = dt.datetime(2025, 1, 1)
    buf = io.BytesIO()
    wb.save(buf)
    out_buf = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out_buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*<", rb"\g<1>2025-01-01T00:00:00Z<", data)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0)), data, compress_type=zipfile.ZIP_DEFLATED)
    path.write_bytes(out_buf.getvalue())


# --- notices and committee decisions -----------------------------------------------------------
NOTICE_DAYS = {"Q1": (4, 10), "Q2": (7, 10), "Q3": (10, 14), "Y": (1, 12)}


def write_notices(root: Path, size: Size) -> int:
    """A notice.yaml for every period whose scheme publishes: s003-p2 quarters and years, s003-p1-sifa years."""
    count = 0
    for spec in size.agencies:
        for code, labels in (("s003-p2", ("Q1", "Q2", "Q3", "Y")), ("s003-p1-sifa", ("Y",))):
            if code not in spec.schemes:
                continue
            number = 1
            for year in size.years:
                for label in labels:
                    month, day = NOTICE_DAYS[label]
                    start = dt.date(year + (label == "Y"), month, day)
                    folder = root / "content" / spec.code / code / str(year)
                    (folder / f"{label}.notice.yaml").write_text(
                        f"start: {start.isoformat()}\ndays: 5\nnumber: {spec.short}〔{start.year}〕{number}号\n", encoding="utf-8")
                    number += 1
                    count += 1
    return count


def settle_ties(root: Path) -> int:
    """Run the engine; where a quota line falls on a tie, write the committee's decision (the earliest
    IDs take the remaining places: 向任职时间长的倾斜). Repeats until no tie is left. Returns the number of files."""
    from generator.engine.compute import compute_project
    from generator.project.discover import discover

    written: set[Path] = set()
    for _ in range(5):
        problems = Problems()
        project = discover(root, problems)
        periods = compute_project(project, problems)
        errors = [p for p in problems.sorted() if p.severity is Severity.ERROR]
        if errors:
            for p in errors[:20]:
                print("  ", p.format(), file=sys.stderr)
            raise SystemExit(f"the fixture has {len(errors)} errors")
        tied = [p for p in periods if p.unresolved_ties]
        if not tied:
            return len(written)
        for period in tied:
            grades = period.assessment.grades
            folder = root / "content" / period.agency / period.scheme.code / str(period.year)
            path = folder / f"{period.label}.decisions.csv"
            rows = []
            if path.exists():
                rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))[1:]
            for use in period.quotas:
                if not use.tied:
                    continue
                left = (use.allowed or 0) - use.granted
                lower = grades.next_below(use.grade)
                month, day = NOTICE_DAYS[period.label]
                meeting = f"{period.year + (period.label == 'Y')}年{month}月{day - 3}日领导小组会议"
                for i, pid in enumerate(sorted(use.tied)):
                    person = period.person(pid)
                    keep = i < left
                    reason = (f"{meeting}：{len(use.tied)} 人并列于名额线，名额余 {left} 个，按任职时间先后确定"
                              + ("，保留" if keep else "，名额已满，确定为") + f"「{use.grade if keep else lower}」")
                    rows.append([pid, person.person.name, use.grade if keep else lower, reason])
            buffer = io.StringIO(newline="")
            writer = csv.writer(buffer, lineterminator="\r\n")
            writer.writerow(["编号", "姓名", "等次", "理由"])
            writer.writerows(rows)
            path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
            written.add(path)
    raise SystemExit("ties remain after five rounds of decisions")


# --- main --------------------------------------------------------------------------------------
def make(size_name: str, out: Path) -> dict:
    size = SIZES[size_name]
    if out.exists():
        if not (out / MARKER).exists() and any(out.iterdir()):
            raise SystemExit(f"{out} exists and was not written by this script; choose another --out")
        shutil.rmtree(out)
    (out / "schemes").mkdir(parents=True)
    (out / MARKER).write_text("written by bench/make_fixture.py; safe to delete\n", encoding="utf-8")
    for code in SCHEMES:
        shutil.copy(ROOT / "schemes" / f"{code}.yaml", out / "schemes" / f"{code}.yaml")
    shutil.copy(ROOT / "schemes" / "schema.json", out / "schemes" / "schema.json")  # the seeds' editor hint points at it
    (out / "content").mkdir()
    (out / "content" / "site.yaml").write_text(f"title: {size.place}考核档案（基准测试数据）\n", encoding="utf-8")
    rng = random.Random(size.seed)
    w = Writer(out, size, rng)
    people_total = 0
    for spec in size.agencies:
        kind = spec.name
        depts = departments(kind, spec.departments)
        agency_dir = out / "content" / spec.code
        agency_dir.mkdir(parents=True)
        (agency_dir / "agency.yaml").write_text(
            f"# 虚构单位，仅用于基准测试。人员姓名均为随机生成。\nname: {size.place}{kind}\n"
            f"departments: [{', '.join(depts)}]\n"
            f"issuer: {size.place}{kind}考核工作领导小组\ncontact: 局人事部门（电话 0000-0000000，示例）\n",
            encoding="utf-8")
        people = simulate(rng, spec, kind, depts, size.years)
        people_total += len(people)
        for year in size.years:
            # a stronger year now and then: more 好 than the 40% quota allows, so the quota cuts
            levels = [rng.choice([0.0, 0.0, 0.0, 0.5, 1.0, 2.5]) for _ in range(3)]
            if "s003-p2" in spec.schemes:
                history: dict[str, list[Decimal]] = {}
                for q in (1, 2, 3):
                    for pid, total in p2_quarter(w, spec, size.place, people, year, q, levels[q - 1]).items():
                        history.setdefault(pid, []).append(total)
                p2_year(w, spec, size.place, people, year, history, 0.21 if year % 4 == 1 else 0.17)
            if "s003-p1-sifa" in spec.schemes:
                seen: set[str] = set()
                for q in (1, 2, 3):
                    sifa_quarter(w, spec, size.place, people, year, q, levels[q - 1])
                    seen.update(p.id for p in people if p.on_roll((year, q)))
                sifa_year(w, spec, size.place, people, year, seen, rng.choice([0.0, 0.5, 1.5]))
            if "s001-kexie" in spec.schemes:
                kexie_year(w, spec, size.place, people, year)
    notices = write_notices(out, size)
    decisions = settle_ties(out)
    return {"size": size_name, "out": str(out), "people": people_total, "departments": sum(a.departments for a in size.agencies),
            "results_files": w.files, "person_period_results": w.rows, "notices": notices, "decision_files": decisions,
            "xlsx": len(size.xlsx), "years": f"{size.years[0]}–{size.years[-1]}"}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="county")
    parser.add_argument("--out", help="project directory to write (default bench/out/<size>)")
    args = parser.parse_args(argv)
    out = Path(args.out) if args.out else ROOT / "bench" / "out" / args.size
    info = make(args.size, out.resolve())
    print(", ".join(f"{k}={v}" for k, v in info.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
