#!/usr/bin/env python3
"""Demo results for scheme s003-p1-sifa (司法局公务员平时考核工作实施办法).

Invented agency: 示例区司法局 (content/shiliqu-sifaju/). Every person and name is invented.
Deterministic: a fixed random seed, hand-set rows for the golden tests, and a final check with the
engine itself (no errors in these files, no unresolved tie in any period).

    python tools/demo/make_s003-p1-sifa.py          # rewrites content/shiliqu-sifaju/

Periods: Q1–Q3 (领导评鉴，百分制) and Y (第四季度与年度量化考核合并) for 2024 and 2025.
Files written:
  2024/Q1.csv, 2024/Q2.csv, 2025/Q3.csv   UTF-8 with BOM
  2024/Q3.xlsx, 2025/Q1.xlsx              one header row, scores as numbers
  2024/年度.xlsx    merged title row + two-row header (年度量化评价 over 上级/同级/下级评分), a 制表 footer
  2025/第二季度.csv  GBK (gb18030)
  2025/Y.csv        UTF-8 with BOM
  Y.notice.yaml     the 年度 优秀 公示 (the quarters are not published: 原文只规定反馈和备案)
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from pathlib import Path

from demo_kit import (
    CSV_ENCODINGS,
    Member,
    d,
    engine_run,
    grade_counts,
    half,
    num,
    numbered,
    require_clean,
    rows_by_period,
    save_workbook,
    staged,
    two_row_header,
    write_agency,
    write_csv,
    write_notice,
)

SCHEME = "s003-p1-sifa"
AGENCY = "shiliqu-sifaju"
SEED = 20241010

PERIODS = [(2024, "Q1"), (2024, "Q2"), (2024, "Q3"), (2024, "Y"), (2025, "Q1"), (2025, "Q2"), (2025, "Q3"), (2025, "Y")]
QUARTERS = [p for p in PERIODS if p[1] != "Y"]
FORMATS = {
    (2024, "Q1"): ("csv-bom", "Q1.csv"),
    (2024, "Q2"): ("csv-bom", "Q2.csv"),
    (2024, "Q3"): ("xlsx", "Q3.xlsx"),
    (2024, "Y"): ("xlsx-title", "年度.xlsx"),
    (2025, "Q1"): ("xlsx", "Q1.xlsx"),
    (2025, "Q2"): ("csv-gbk", "第二季度.csv"),
    (2025, "Q3"): ("csv-bom", "Q3.csv"),
    (2025, "Y"): ("csv-bom", "Y.csv"),
}
NOTICE = {(2024, "Y"): ("2025-01-13", "示司考〔2025〕1号"), (2025, "Y"): ("2026-01-12", "示司考〔2026〕1号")}
LEVEL = {(2024, "Q1"): 0.0, (2024, "Q2"): 1.0, (2024, "Q3"): 0.5, (2024, "Y"): 3.5,
         (2025, "Q1"): 0.0, (2025, "Q2"): 1.0, (2025, "Q3"): 1.5, (2025, "Y"): 1.0}


@dataclass
class Person(Member):
    leader: bool = False  # 科级领导: rated by 上级, 同级 and 下级
    periods = PERIODS


ROSTER = [
    Person("SF001", "郭明远", "办公室", 89.0, leader=True),
    Person("SF002", "邓秀兰", "办公室", 84.0),
    Person("SF003", "许浩然", "办公室", 78.5),
    Person("SF004", "沈玉洁", "办公室", 91.0),
    Person("SF005", "苏建华", "政工科", 92.0, leader=True),
    Person("SF006", "蒋静", "政工科", 86.0),
    Person("SF007", "王芳", "政工科", 88.5),
    Person("SF008", "王芳", "政工科", 80.0),  # 同名同科室，编号不同
    Person("SF009", "卢思远", "政工科", 83.0, first=(2024, "Q2")),  # 二季度调入
    Person("SF010", "叶志明", "法治宣传科", 90.0, leader=True),
    Person("SF011", "程丽君", "法治宣传科", 87.0, leader=True),  # 副科长
    Person("SF012", "袁晓光", "法治宣传科", 88.0),
    Person("SF013", "迪丽娜尔·艾山", "法治宣传科", 90.5),
    Person("SF014", "贾文涛", "人民调解科", 85.5, leader=True),
    Person("SF015", "夏雨婷", "人民调解科", 89.0),
    Person("SF016", "钟国华", "人民调解科", 74.0),
    Person("SF017", "田宏伟", "人民调解科", 82.0, last=(2024, "Q2")),  # 三季度调出
    Person("SF018", "任雪梅", "人民调解科", 86.5),
    Person("SF019", "姜海峰", "社区矫正科", 88.0, leader=True),
    Person("SF020", "范春燕", "社区矫正科", 91.5, leader=True),  # 副科长
    Person("SF021", "方立军", "社区矫正科", 58.0),
    Person("SF022", "石佳琪", "社区矫正科", 85.0),
    Person("SF023", "姚振东", "社区矫正科", 84.5, first=(2025, "Q2")),  # 新录用
    Person("SF024", "谭建新", "法律援助中心", 86.0, leader=True),
    Person("SF025", "廖美玲", "法律援助中心", 87.5),
    Person("SF026", "邹永强", "法律援助中心", 81.0),
    Person("SF027", "熊晓雯", "法律援助中心", 93.0),
    Person("SF028", "金宇航", "法律援助中心", 79.0),
    Person("SF029", "陆志远", "法律援助中心", 83.5, last=(2025, "Q1")),  # 退休
]

ITEMS = ["履行职位职责", "完成阶段目标任务", "工作质量", "出勤"]
MAXES = {"履行职位职责": 30, "完成阶段目标任务": 30, "工作质量": 25, "出勤": 15}
RATERS = ["上级评分", "同级评分", "下级评分"]

# Rows fixed by hand for the golden tests (tests/golden/test_s003_p1_sifa.py).
GOLDEN = {
    # 恰好 91.00：优秀的下限（91 分至 100 分）
    (2025, "Q1", "SF012"): {"履行职位职责": "27.5", "完成阶段目标任务": "28", "工作质量": "23", "出勤": "12.5"},
    # 90.50：在“71 分至 90 分”与“91 分至 100 分”之间的空档，归入下一等次 → 称职
    (2025, "Q1", "SF015"): {"履行职位职责": "27", "完成阶段目标任务": "27.5", "工作质量": "22.5", "出勤": "13.5"},
    # 科级领导：三个季度与年度量化评价（上级 40%、同级 30%、下级 30%）
    (2025, "Q1", "SF010"): {"履行职位职责": "28", "完成阶段目标任务": "27", "工作质量": "22", "出勤": "14"},
    (2025, "Q2", "SF010"): {"履行职位职责": "27.5", "完成阶段目标任务": "28", "工作质量": "23", "出勤": "14.5"},
    (2025, "Q3", "SF010"): {"履行职位职责": "28.5", "完成阶段目标任务": "27.5", "工作质量": "23.5", "出勤": "15"},
    (2025, "Y", "SF010"): {"职务类别": "科级领导", "上级评分": "93", "同级评分": "90.5", "下级评分": "88"},
    # 其他人员：上级 60%、同级 40%；二季度新录用，平时考核得分只按二、三季度平均
    (2025, "Q2", "SF023"): {"履行职位职责": "25", "完成阶段目标任务": "26.5", "工作质量": "21", "出勤": "14"},
    (2025, "Q3", "SF023"): {"履行职位职责": "26", "完成阶段目标任务": "27", "工作质量": "21.5", "出勤": "15"},
    (2025, "Y", "SF023"): {"职务类别": "其他人员", "上级评分": "86.5", "同级评分": "84", "下级评分": ""},
}


def q2(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def quarter_total(row: dict) -> Decimal:
    return sum((d(row[k]) for k in ITEMS), Decimal(0))


def columns(p: Person, period: tuple[int, str], base: float, rng: random.Random) -> dict:
    """One person's row for a period: the 年度 ratings, or a quarter's item scores."""
    row = {"编号": p.id, "姓名": p.name, "科室": p.dept}
    if period[1] == "Y":
        row["职务类别"] = "科级领导" if p.leader else "其他人员"
        for rater in RATERS:
            value = d(min(max(base + rng.gauss(0, 2.5), 55.0), 99.0)).quantize(Decimal("0.1"))
            row[rater] = str(value) if (p.leader or rater != "下级评分") else ""
    else:
        for item in ITEMS:
            share = min(max(base + rng.gauss(0, 2.5), 50.0), 100.0) / 100
            row[item] = str(half(MAXES[item] * share))
    return row


def year_totals(data: dict, year: int) -> dict[str, Decimal]:
    """年度考核总分 as the scheme computes it (to place the 20% line; the engine is the judge)."""
    totals = {}
    for row in data[(year, "Y")]:
        quarters = [quarter_total(r) for label in ("Q1", "Q2", "Q3") for r in data[(year, label)] if r["编号"] == row["编号"]]
        pingshi = sum(quarters, Decimal(0)) / len(quarters)
        if row["职务类别"] == "科级领导":
            lh = d(row["上级评分"]) * d("0.4") + d(row["同级评分"]) * d("0.3") + d(row["下级评分"]) * d("0.3")
        else:
            lh = d(row["上级评分"]) * d("0.6") + d(row["同级评分"]) * d("0.4")
        totals[row["编号"]] = q2(pingshi * d("0.5") + lh * d("0.5"))
    return totals


def break_ties(data: dict) -> None:
    """No tie may sit at the 20% line of the 年度 优秀 quota: lower the first one out a little."""
    for year in (2024, 2025):
        rows = data[(year, "Y")]
        allowed = int((d(len(rows)) * d("0.2")).to_integral_value(rounding=ROUND_FLOOR))
        for _ in range(20):
            totals = year_totals(data, year)
            cands = sorted((r for r in rows if totals[r["编号"]] >= 91), key=lambda r: (-totals[r["编号"]], r["编号"]))
            if len(cands) > allowed and totals[cands[allowed - 1]["编号"]] == totals[cands[allowed]["编号"]]:
                cands[allowed]["同级评分"] = str(d(cands[allowed]["同级评分"]) - d("0.1"))
                continue
            break


# ---------------------------------------------------------------- writing
def header_for(label: str) -> list[str]:
    if label == "Y":
        return ["序号", "编号", "姓名", "科室", "职务类别", "上级评分", "同级评分", "下级评分", "备注"]
    return ["序号", "编号", "姓名", "科室", *ITEMS, "备注"]


def write_xlsx(path: Path, label: str, rows: list[dict], year: int, titled: bool) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "评分表"
    if titled:
        two_row_header(
            ws,
            f"示例区司法局{year}年度公务员年度量化考核评分汇总表",
            ["序号", "编号", "姓名", "科室", "职务类别", "年度量化评价（百分制）", None, None, "备注"],
            [None, None, None, None, None, "上级评分", "同级评分", "下级评分", None],
        )
        for i, r in enumerate(rows, 1):
            ws.append([i, r["编号"], r["姓名"], r["科室"], r["职务类别"], num(r["上级评分"]), num(r["同级评分"]), num(r["下级评分"]),
                       None if r["职务类别"] == "科级领导" else "非领导职务，无下级评分"])
        ws.append([])
        ws.append(["制表：政工科", None, None, None, "审核：局考核办公室"])
    else:
        ws.append(["序号", "编号", "姓名", "科室"] + [f"{k}（{MAXES[k]}分）" for k in ITEMS] + ["备注"])
        for i, r in enumerate(rows, 1):
            ws.append([i, r["编号"], r["姓名"], r["科室"]] + [num(r[k]) for k in ITEMS] + [None])
    save_workbook(wb, path)


def write_all(target: Path, data: dict) -> None:
    target.mkdir(parents=True, exist_ok=True)
    write_agency(target.parent, "示例区司法局", ["办公室", "政工科", "法治宣传科", "人民调解科", "社区矫正科", "法律援助中心"], "示例区司法局考核领导小组", "局考核办公室（政工科），电话 0000-6834567（示例）")
    for (year, label), rows in data.items():
        folder = target / str(year)
        kind, name = FORMATS[(year, label)]
        path = folder / name
        if kind in CSV_ENCODINGS:
            write_csv(path, header_for(label), numbered(header_for(label), rows), CSV_ENCODINGS[kind])
        else:
            write_xlsx(path, label, rows, year, titled=(kind == "xlsx-title"))
        if (year, label) in NOTICE:
            start, number = NOTICE[(year, label)]
            write_notice(folder / f"{label}.notice.yaml", start, number)


# ---------------------------------------------------------------- checking with the engine
def engine_check(content_agency: Path, data: dict) -> list:
    periods, bad = engine_run(SCHEME, content_agency)
    require_clean(periods, bad)
    for period in periods:
        if period.label == "Y":  # the generator's arithmetic and the engine's agree
            mine = year_totals(data, period.year)
            for person in period.people:
                assert person.total == mine[person.id], (period.key, person.id, person.total, mine[person.id])
    return periods


def main() -> None:
    rng = random.Random(SEED)
    data = rows_by_period(PERIODS, ROSTER, LEVEL, 2.0, rng, columns, GOLDEN)
    break_ties(data)
    with staged(AGENCY, SCHEME) as folder:
        write_all(folder, data)
        periods = engine_check(folder.parent, data)
    for period in sorted(periods, key=lambda p: (p.year, p.label)):
        counts = grade_counts(period)
        quota = "; ".join(f"{q.grade} 基数{q.base} 名额{q.allowed} 拟{q.candidates} 得{q.granted}" for q in period.quotas)
        gaps = [f"{p.id}:{p.total}" for p in period.people if any("空档" in s.text for s in p.trace)]
        print(f"{period.year} {period.label}: {len(period.people)} 人 {counts} | {quota} | 空档 {gaps}")


if __name__ == "__main__":
    main()
