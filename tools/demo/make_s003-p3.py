#!/usr/bin/env python3
"""Demo results for scheme s003-p3 (市行政机关公务员平时考核工作实施方案).

Invented agency: 示例市体育局 (content/shilishi-tiyuju/). Every person and name is invented.
Deterministic: a fixed random seed, hand-set rows for the golden tests, and a final check with the
engine itself (no errors in these files, no unresolved tie in any period).

    python tools/demo/make_s003-p3.py          # rewrites content/shilishi-tiyuju/

Periods: Q1–Q4 (A/B/C/D 档次) and Y (年度：平时考核成绩 60% + 年终考核得分 40%) for 2024 and 2025.
What the data exercises:
  - A 档次 over 30% cut by 量化评分 (several quarters); at least 20% A everywhere (no warning);
  - 2025 Q2: two people tied on 量化评分 at the 30% line → Q2.decisions.csv (one A, one B);
  - 2024 Q2/Q3: 立案调查 → 暂不定档次; 结案后给予警告处分, 补定 B by Q2/Q3.decisions.csv;
    2024 Q4 and 2025 Q1: the same person in the 警告 period, proposed A → B;
  - 2024 Q3: 病事假超过考核天数一半 → 不进行考核; 2025 Q2 for a golden person too;
  - 2024 Q4: 拒不参加平时考核 → D; 2025 Q1–Q3: 记过处分期间 → 不确定档次;
  - Y: 平时考核成绩 85 分 gate (one person exactly on 85), C 一次 → 不得优秀, D 两次 → 最高基本称职,
    年度优秀 20% cut (2024).
Files:
  2024/Q1.xlsx  merged title row + two-row header (考核情况 / 出勤情况 / 其他情形 over their columns)
  2024/Q3.csv   GBK (gb18030)
  2025/年度.xlsx one header row
  all others    UTF-8 with BOM CSV
"""

from __future__ import annotations

import random
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from pathlib import Path

from demo_kit import (
    CSV_ENCODINGS,
    Member,
    d,
    engine_run,
    grade_counts,
    num,
    numbered,
    require_no_problems,
    save_workbook,
    staged,
    two_row_header,
    write_agency,
    write_csv,
    write_notice,
)

SCHEME = "s003-p3"
AGENCY = "shilishi-tiyuju"
SEED = 20250630

QUARTERS = ["Q1", "Q2", "Q3", "Q4"]
PERIODS = [(y, q) for y in (2024, 2025) for q in QUARTERS + ["Y"]]
FORMATS = {
    (2024, "Q1"): ("xlsx-title", "Q1.xlsx"),
    (2024, "Q3"): ("csv-gbk", "Q3.csv"),
    (2025, "Y"): ("xlsx", "年度.xlsx"),
}
WORKDAYS = {(2024, "Q1"): 59, (2024, "Q2"): 61, (2024, "Q3"): 66, (2024, "Q4"): 61,
            (2025, "Q1"): 58, (2025, "Q2"): 60, (2025, "Q3"): 66, (2025, "Q4"): 60}
NOTICE = {
    (2024, "Q1"): "2024-04-08", (2024, "Q2"): "2024-07-08", (2024, "Q3"): "2024-10-14", (2024, "Q4"): "2025-01-06",
    (2024, "Y"): "2025-01-20", (2025, "Q1"): "2025-04-07", (2025, "Q2"): "2025-07-07", (2025, "Q3"): "2025-10-13",
    (2025, "Q4"): "2026-01-05",
}  # 2025 年度 not yet published
# How many A the leaders propose each quarter (before the 30% cut) and 年度 优秀 proposals.
PROPOSE_A = {(2024, "Q1"): 10, (2024, "Q2"): 8, (2024, "Q3"): 9, (2024, "Q4"): 8,
             (2025, "Q1"): 7, (2025, "Q2"): 11, (2025, "Q3"): 9, (2025, "Q4"): 8}
PROPOSE_EXCELLENT = {2024: 8, 2025: 3}
TIE_PERIOD = (2025, "Q2")


class Person(Member):
    periods = PERIODS


ROSTER = [
    Person("TY001", "董志刚", "办公室", 88.0),
    Person("TY002", "萧雅婷", "办公室", 91.0),
    Person("TY003", "潘国强", "办公室", 82.0),
    Person("TY004", "杜晓梅", "办公室", 85.5),
    Person("TY005", "白宇", "办公室", 79.0),
    Person("TY006", "戴晓军", "人事科", 87.0),
    Person("TY007", "王芳", "人事科", 90.0),
    Person("TY008", "王芳", "人事科", 84.0),  # 同名同科室，编号不同
    Person("TY009", "常丽萍", "人事科", 86.0),
    Person("TY010", "汪建军", "群众体育科", 92.0),
    Person("TY011", "孔德胜", "群众体育科", 80.5),
    Person("TY012", "崔晓雪", "群众体育科", 89.0),
    Person("TY013", "万俊", "群众体育科", 70.0),
    Person("TY014", "雷永刚", "群众体育科", 83.0, first=(2024, "Q3")),  # 三季度调入
    Person("TY015", "邱海波", "竞技体育科", 90.5),
    Person("TY016", "秦雨萱", "竞技体育科", 86.5),
    Person("TY017", "顾振华", "竞技体育科", 88.5),
    Person("TY018", "薛峰", "竞技体育科", 81.0),
    Person("TY019", "帕尔哈提·吾斯曼", "竞技体育科", 89.5),
    Person("TY020", "黎志宏", "竞技体育科", 77.0),
    Person("TY021", "易春华", "体育产业科", 87.5),
    Person("TY022", "侯静怡", "体育产业科", 85.0),
    Person("TY023", "邵华强", "体育产业科", 88.0),
    Person("TY024", "孟凡宇", "体育产业科", 83.5, last=(2024, "Q3")),  # 三季度末调出
    Person("TY025", "龙晓丹", "体育产业科", 84.5, first=(2025, "Q1")),  # 新录用
    Person("TY026", "段文杰", "政策法规科", 89.0),
    Person("TY027", "史丽娜", "政策法规科", 86.0),
    Person("TY028", "陶建勋", "政策法规科", 74.0),
    Person("TY029", "金晓宁", "政策法规科", 91.5),
    Person("TY030", "罗一鸣", "政策法规科", 82.5),
]

# Hand-set quarter rows: (year, label, id) -> {量化评分, 档次, extra columns}
GOLDEN_Q: dict[tuple[int, str, str], dict] = {}


def _set(pid: str, year: int, grades: list[str], scores: list[str], extra: dict | None = None) -> None:
    for label, grade, score in zip(QUARTERS, grades, scores):
        row = {"量化评分": score, "档次": grade}
        row.update((extra or {}).get(label, {}))
        GOLDEN_Q[(year, label, pid)] = row


# 2025 golden people (tests/golden/test_s003_p3.py)
_set("TY012", 2025, ["A", "A", "B", "B"], ["98.6", "98.2", "88.0", "87.5"])  # 平时考核成绩恰为 85 → 可评优秀
_set("TY017", 2025, ["A", "B", "B", "B"], ["98.4", "88.5", "87.0", "89.0"])  # 82.5 → 不得优秀
_set("TY026", 2025, ["A", "A", "A", "C"], ["98.8", "98.5", "98.1", "74.0"])  # 85，但有一次 C → 不得优秀
_set("TY013", 2025, ["D", "C", "D", "B"], ["63.0", "71.5", "62.5", "80.0"],   # 二季度病假超过一半 → 不进行考核；D 两次
     {"Q2": {"病事假天数": "34"}})
_set("TY002", 2025, ["A", "A", "A", "A"], ["97.0", "97.5", "96.8", "97.2"],   # 二季度受警告处分，拟 A → B
     {"Q2": {"处分": "警告"}})
# 2024: 立案调查 (Q2, Q3) → 结案后警告 (Q4, 2025 Q1)
_set("TY023", 2024, ["B", "B", "B", "A"], ["86.0", "87.5", "88.0", "96.5"],
     {"Q2": {"立案调查": "是"}, "Q3": {"立案调查": "是"}, "Q4": {"处分": "警告"}})
GOLDEN_Q[(2025, "Q1", "TY023")] = {"量化评分": "96.0", "档次": "A", "处分": "警告"}
GOLDEN_Q[(2024, "Q3", "TY016")] = {"量化评分": "80.0", "档次": "B", "病事假天数": "38"}  # 病假 38/66 天
GOLDEN_Q[(2024, "Q4", "TY028")] = {"量化评分": "0", "档次": "D", "拒不参加平时考核": "是"}
for _label in ("Q1", "Q2", "Q3"):
    GOLDEN_Q[(2025, _label, "TY018")] = {"处分": "记过"}  # 记过处分期间：分数与档次照填，不定档次

GOLDEN_Y = {
    (2025, "TY012"): {"年终考核得分": "96", "年度拟定等次": "优秀"},
    (2025, "TY017"): {"年终考核得分": "95", "年度拟定等次": "优秀"},
    (2025, "TY026"): {"年终考核得分": "94.5", "年度拟定等次": "优秀"},
    (2025, "TY013"): {"年终考核得分": "72", "年度拟定等次": "称职"},
}
DECISIONS: dict[tuple[int, str], list[tuple[str, str, str, str]]] = {
    (2024, "Q2"): [("TY023", "B", "2024年11月20日结案，给予警告处分；经局考核领导小组2024年12月5日会议研究，补定本季度平时考核档次为B", "原为：暂不定档次")],
    (2024, "Q3"): [("TY023", "B", "2024年11月20日结案，给予警告处分；经局考核领导小组2024年12月5日会议研究，补定本季度平时考核档次为B", "原为：暂不定档次")],
}

HEADER_Q = ["序号", "编号", "姓名", "科室", "量化评分", "档次", "考核天数", "病事假天数", "立案调查", "处分", "拒不参加平时考核", "备注"]
HEADER_Y = ["序号", "编号", "姓名", "科室", "年终考核得分", "年度拟定等次", "备注"]


def one(x: float) -> str:
    return str(d(x).quantize(Decimal("0.1")))


def make_quarter(rng: random.Random, year: int, label: str) -> list[dict]:
    rows = []
    for p in ROSTER:
        if not p.present((year, label)):
            continue
        score = min(max(p.ability + rng.gauss(0, 3.0), 55.0), 97.0)
        row = {"编号": p.id, "姓名": p.name, "科室": p.dept, "量化评分": one(score), "档次": "",
               "考核天数": str(WORKDAYS[(year, label)]), "病事假天数": str(rng.choice([0, 0, 0, 0, 0, 1, 2, 3, 5])),
               "立案调查": "", "处分": "", "拒不参加平时考核": ""}
        golden = GOLDEN_Q.get((year, label, p.id), {})
        row.update(golden)
        row["_fixed_grade"] = "档次" in golden and golden["档次"] != ""
        rows.append(row)
    # the leaders' proposals: the best scores A (PROPOSE_A of them in all), weak ones C or D
    fixed_a = sum(1 for r in rows if r["_fixed_grade"] and r["档次"] == "A")
    free = sorted((r for r in rows if not r["_fixed_grade"]), key=lambda r: (-d(r["量化评分"]), r["编号"]))
    for i, r in enumerate(free):
        s = d(r["量化评分"])
        r["档次"] = "A" if i < PROPOSE_A[(year, label)] - fixed_a else "D" if s < 66 else "C" if s < 75 else "B"
    return rows


def graded(row: dict) -> bool:
    return not (d(row["病事假天数"]) * 2 > d(row["考核天数"]) or row["立案调查"] == "是" or row["处分"] in ("记过", "记大过", "降级", "撤职"))


def a_candidates(rows: list[dict]) -> list[dict]:
    """People the 30% line ranks: graded, proposed A, not capped (警告) nor forced (拒不参加)."""
    cands = [r for r in rows if graded(r) and r["档次"] == "A" and r["处分"] != "警告" and r["拒不参加平时考核"] != "是"]
    return sorted(cands, key=lambda r: (-d(r["量化评分"]), r["编号"]))


def arrange_quarter(year: int, label: str, rows: list[dict]) -> None:
    n = sum(1 for r in rows if graded(r))
    allowed = int((d(n) * d("0.3")).to_integral_value(rounding=ROUND_FLOOR))
    minimum = int((d(n) * d("0.2")).to_integral_value(rounding=ROUND_CEILING))
    for _ in range(30):
        cands = a_candidates(rows)
        if (year, label) == TIE_PERIOD:
            assert len(cands) > allowed + 1
            last_in, first_out = cands[allowed - 1], cands[allowed]
            if first_out["量化评分"] != last_in["量化评分"]:
                first_out["量化评分"] = last_in["量化评分"]
                continue
            extra = [r for r in cands[allowed + 1:] if r["量化评分"] == last_in["量化评分"]]
            extra += [r for r in cands[:allowed - 1] if r["量化评分"] == last_in["量化评分"]]
            if extra:  # exactly two at the line
                r = extra[0]
                r["量化评分"] = str(d(r["量化评分"]) + (d("0.1") if r in cands[:allowed - 1] else d("-0.1")))
                continue
            a, b = sorted([last_in, first_out], key=lambda r: r["编号"])
            reason = "经局考核领导小组2025年7月3日会议研究：二人量化评分相同，{0}本季度牵头完成全市全民健身运动会组织工作，确定为A；{1}确定为B"
            why = reason.format(f"{a['姓名']}（{a['编号']}）", f"{b['姓名']}（{b['编号']}）")
            basis = f"并列：全单位「A」名额线 量化评分 {a['量化评分']}：{a['编号']}、{b['编号']}"
            DECISIONS[(year, label)] = [(a["编号"], "A", why, basis), (b["编号"], "B", why, basis)]
            break
        if len(cands) > allowed and cands[allowed - 1]["量化评分"] == cands[allowed]["量化评分"]:
            cands[allowed]["量化评分"] = str(d(cands[allowed]["量化评分"]) - d("0.1"))
            continue
        break
    assert min(len(a_candidates(rows)), allowed) >= minimum, (year, label, "A 少于 20%")


def make_year(rng: random.Random, year: int) -> list[dict]:
    rows = []
    for p in ROSTER:
        if not p.present((year, "Y")):
            continue
        rows.append({"编号": p.id, "姓名": p.name, "科室": p.dept,
                     "年终考核得分": one(min(max(p.ability + rng.gauss(0, 3.0), 60.0), 98.0)), "年度拟定等次": "称职",
                     "_ability": p.ability})
    free = sorted((r for r in rows if (year, r["编号"]) not in GOLDEN_Y), key=lambda r: (-r["_ability"], r["编号"]))
    for i, r in enumerate(free):
        if i < PROPOSE_EXCELLENT[year]:
            r["年度拟定等次"] = "优秀"
        elif r["_ability"] < 72:
            r["年度拟定等次"] = "基本称职"
    for r in rows:
        r.update(GOLDEN_Y.get((year, r["编号"]), {}))
    return rows


# ---------------------------------------------------------------- writing
def write_xlsx_q_titled(path: Path, year: int, rows: list[dict]) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "一季度"
    two_row_header(
        ws,
        f"示例市体育局公务员{year}年第一季度平时考核结果汇总表",
        ["序号", "编号", "姓名", "科室", "考核情况", None, "出勤情况", None, "其他情形", None, None, "备注"],
        [None, None, None, None, "量化评分", "档次", "考核天数", "病事假天数", "立案调查", "处分", "拒不参加平时考核", None],
    )
    for i, r in enumerate(rows, 1):
        ws.append([i, r["编号"], r["姓名"], r["科室"], num(r["量化评分"]), r["档次"], num(r["考核天数"]), num(r["病事假天数"]),
                   r["立案调查"] or None, r["处分"] or None, r["拒不参加平时考核"] or None, None])
    ws.append([])
    ws.append(["填表人：人事科", None, None, None, None, "审核：局考核领导小组"])
    save_workbook(wb, path)


def write_xlsx_y(path: Path, rows: list[dict]) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "年度考核"
    ws.append(HEADER_Y)
    for i, r in enumerate(rows, 1):
        ws.append([i, r["编号"], r["姓名"], r["科室"], num(r["年终考核得分"]), r["年度拟定等次"], None])
    save_workbook(wb, path)


def write_all(target: Path, data: dict) -> None:
    target.mkdir(parents=True, exist_ok=True)
    write_agency(target.parent, "示例市体育局", ["办公室", "人事科", "群众体育科", "竞技体育科", "体育产业科", "政策法规科"], "示例市体育局公务员考核领导小组", "局人事科，电话 0000-3256789（示例）")
    for (year, label), rows in data.items():
        folder = target / str(year)
        kind, name = FORMATS.get((year, label), ("csv-bom", f"{label}.csv"))
        header = HEADER_Y if label == "Y" else HEADER_Q
        if kind in CSV_ENCODINGS:
            write_csv(folder / name, header, numbered(header, rows), CSV_ENCODINGS[kind])
        elif label == "Y":
            write_xlsx_y(folder / name, rows)
        else:
            write_xlsx_q_titled(folder / name, year, rows)
        if (year, label) in DECISIONS:
            names = {r["编号"]: r["姓名"] for r in rows}
            decided = [[pid, names[pid], grade, why, basis] for pid, grade, why, basis in DECISIONS[(year, label)]]
            write_csv(folder / f"{label}.decisions.csv", ["编号", "姓名", "等次", "理由", "所决事项"], decided, "utf-8-sig")
        if (year, label) in NOTICE:
            start = NOTICE[(year, label)]
            seq = sorted(v for v in NOTICE.values() if v[:4] == start[:4]).index(start) + 1
            number = f"示体人〔{start[:4]}〕{seq}号"  # numbered within the year the notice is issued
            write_notice(folder / f"{label}.notice.yaml", start, number)


def main() -> None:
    rng = random.Random(SEED)
    data: dict[tuple[int, str], list[dict]] = {}
    for year in (2024, 2025):
        for label in QUARTERS:
            rows = make_quarter(rng, year, label)
            arrange_quarter(year, label, rows)
            data[(year, label)] = rows
        data[(year, "Y")] = make_year(rng, year)
    with staged(AGENCY, SCHEME) as folder:
        for _ in range(20):  # 年度: break an accidental tie at the 20% line by 0.5 in 年终考核得分
            write_all(folder, data)
            periods, bad = engine_run(SCHEME, folder.parent)
            require_no_problems(bad)
            tied = [(pr, pr.unresolved_ties) for pr in periods if pr.unresolved_ties]
            if not tied:
                break
            period, people = tied[0]
            assert period.label == "Y", (period.key, [p.id for p in people])
            last = max(p.id for p in people)
            row = next(r for r in data[(period.year, "Y")] if r["编号"] == last)
            row["年终考核得分"] = str(d(row["年终考核得分"]) - d("0.5"))
        else:
            raise AssertionError("could not break the ties")
    for period in sorted(periods, key=lambda p: (p.year, "Z" if p.label == "Y" else p.label)):
        counts = grade_counts(period)
        quota = "; ".join(f"{q.grade} 基数{q.base} 名额{q.allowed} 至少{q.minimum} 拟{q.candidates} 得{q.granted}" for q in period.quotas)
        print(f"{period.year} {period.label}: {len(period.people)} 人 {counts} | {quota} | 问题 {len(period.problems)}")


if __name__ == "__main__":
    main()
