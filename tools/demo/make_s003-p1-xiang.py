#!/usr/bin/env python3
"""Demo results for scheme s003-p1-xiang (xx乡机关干部平时考核试点工作实施细则).

Invented agency: 示例县青枫乡人民政府 (content/qingfeng-xiang/). Every person and name is invented.
Deterministic: a fixed random seed, hand-set rows for the golden tests, and a final check with the
engine itself (no errors in these files, no unresolved tie in any period).

    python tools/demo/make_s003-p1-xiang.py          # rewrites content/qingfeng-xiang/

Files written (as an HR office would keep them):
  2024/Q1.xlsx   merged title row + two-row header (主管领导评价 over 德…廉), a 制表 footer
  2024/Q2.csv    UTF-8 with BOM, with Q2.decisions.csv (a tie at the 40% line, decided by the 领导小组)
  2024/第三季度.csv  GBK (gb18030)
  2024/Q4.csv, 2025/Q2.csv, 2025/Q3.csv   UTF-8 with BOM
  2025/Q1.xlsx, 2025/Q4.xlsx   one header row with notes (德（满分15）)
  <label>.notice.yaml for every published period (2025 Q4 not yet published)
"""

from __future__ import annotations

import random
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

SCHEME = "s003-p1-xiang"
AGENCY = "qingfeng-xiang"
SEED = 20240331

PERIODS = [(2024, "Q1"), (2024, "Q2"), (2024, "Q3"), (2024, "Q4"), (2025, "Q1"), (2025, "Q2"), (2025, "Q3"), (2025, "Q4")]
FORMATS = {
    (2024, "Q1"): ("xlsx-title", "Q1.xlsx"),
    (2024, "Q2"): ("csv-bom", "Q2.csv"),
    (2024, "Q3"): ("csv-gbk", "第三季度.csv"),
    (2024, "Q4"): ("csv-bom", "Q4.csv"),
    (2025, "Q1"): ("xlsx", "Q1.xlsx"),
    (2025, "Q2"): ("csv-bom", "Q2.csv"),
    (2025, "Q3"): ("csv-bom", "Q3.csv"),
    (2025, "Q4"): ("xlsx", "Q4.xlsx"),
}
NOTICE_START = {
    (2024, "Q1"): "2024-04-10", (2024, "Q2"): "2024-07-10", (2024, "Q3"): "2024-10-14", (2024, "Q4"): "2025-01-09",
    (2025, "Q1"): "2025-04-09", (2025, "Q2"): "2025-07-09", (2025, "Q3"): "2025-10-15",
}
# Shifts of the whole office's level per quarter: some quarters put more people over 90 (quota cuts).
LEVEL = {(2024, "Q1"): 6.5, (2024, "Q2"): 7.5, (2024, "Q3"): 3.0, (2024, "Q4"): 6.0,
         (2025, "Q1"): 2.0, (2025, "Q2"): 6.5, (2025, "Q3"): 4.0, (2025, "Q4"): 7.0}
TIE_PERIOD = (2024, "Q2")


class Person(Member):
    periods = PERIODS


# ability: the person's usual level (0–100); set by hand so that the office has a spread.
ROSTER = [
    Person("QF001", "陈晓东", "党政综合办公室", 90.5),
    Person("QF002", "刘雅琴", "党政综合办公室", 88.0),
    Person("QF003", "赵文博", "党政综合办公室", 84.0),
    Person("QF004", "孙丽娟", "党政综合办公室", 86.5),
    Person("QF005", "周建国", "党政综合办公室", 79.0),
    Person("QF006", "吴海燕", "党政综合办公室", 91.0),
    Person("QF007", "郑家豪", "党政综合办公室", 82.0, first=(2024, "Q3")),  # 新录用
    Person("QF008", "王磊", "经济发展办公室", 89.0),
    Person("QF009", "李春梅", "经济发展办公室", 92.0),
    Person("QF010", "张志强", "经济发展办公室", 81.0),
    Person("QF011", "黄晓丽", "经济发展办公室", 87.0),
    Person("QF012", "何俊杰", "经济发展办公室", 76.0),
    Person("QF013", "马玉兰", "经济发展办公室", 85.0, last=(2024, "Q2")),  # 调出
    Person("QF014", "王芳", "社会事务办公室", 90.0),
    Person("QF015", "王芳", "社会事务办公室", 83.0),  # 同名同科室，编号不同
    Person("QF016", "杨丽华", "社会事务办公室", 88.5),
    Person("QF017", "徐明辉", "社会事务办公室", 87.5),
    Person("QF018", "朱晓燕", "社会事务办公室", 84.5),
    Person("QF019", "胡志刚", "社会事务办公室", 72.0),
    Person("QF020", "阿依努尔·吐尔逊", "社会事务办公室", 89.5),
    Person("QF021", "林国庆", "农业农村服务中心", 86.0),
    Person("QF022", "高秀英", "农业农村服务中心", 80.0),
    Person("QF023", "罗建平", "农业农村服务中心", 91.5),
    Person("QF024", "梁少华", "农业农村服务中心", 78.0),
    Person("QF025", "宋佳怡", "农业农村服务中心", 83.5, first=(2025, "Q2")),  # 新录用
    Person("QF026", "谢永福", "农业农村服务中心", 82.5, last=(2025, "Q1")),  # 退休
    Person("QF027", "韩立新", "综合行政执法队", 85.5),
    Person("QF028", "唐振宇", "综合行政执法队", 80.5),
    Person("QF029", "冯晓峰", "综合行政执法队", 89.0),
    Person("QF030", "曹国栋", "综合行政执法队", 66.0),
    Person("QF031", "彭丽萍", "综合行政执法队", 87.0),
]

LEAVES = ["德", "能", "勤", "业务工作", "联系村和中心工作", "廉"]
MAXES = {"德": 15, "能": 15, "勤": 15, "业务工作": 40, "联系村和中心工作": 40, "廉": 15}

# Rows fixed by hand for the golden tests (tests/golden/test_s003_p1_xiang.py); values are exact.
GOLDEN = {
    # 边界：主管领导评价 90，民主测评 90 → 90.00，恰为“优”的下限（含 90）
    (2025, "Q1", "QF016"): {"德": "13.5", "能": "13.5", "勤": "14", "业务工作": "36.5", "联系村和中心工作": "31.5", "廉": "14",
                            "民主测评": "90", "病事假天数": "0", "失职造成损失及投诉": ""},
    # 差一点：89.99，属“良”（70～90 分不含 90 分）
    (2025, "Q1", "QF017"): {"德": "13.5", "能": "13.5", "勤": "13.5", "业务工作": "36", "联系村和中心工作": "35", "廉": "14",
                            "民主测评": "89.5", "病事假天数": "0", "失职造成损失及投诉": ""},
    # 分数够“优”，但本季度病假 2 天，不是“出全勤” → 称职
    (2025, "Q1", "QF001"): {"德": "14.5", "能": "14", "勤": "13", "业务工作": "38", "联系村和中心工作": "36", "廉": "14.5",
                            "民主测评": "93.2", "病事假天数": "2", "失职造成损失及投诉": ""},
    # 因失职造成损失、有有效投诉 → 直接确定为不称职（分数属“良”）
    (2025, "Q1", "QF028"): {"德": "12", "能": "12.5", "勤": "12", "业务工作": "31", "联系村和中心工作": "30", "廉": "11",
                            "民主测评": "78.4", "病事假天数": "0", "失职造成损失及投诉": "是"},
}


def total_of(row: dict) -> Decimal:
    """The scheme's arithmetic, repeated here to place ties and quota lines (the engine is the judge)."""
    v = {k: d(row[k]) for k in LEAVES + ["民主测评"]}
    ji = v["业务工作"] * d("0.7") + v["联系村和中心工作"] * d("0.3")
    pingjia = v["德"] + v["能"] + v["勤"] + ji + v["廉"]
    return (pingjia * d("0.7") + v["民主测评"] * d("0.3")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def columns(p: Person, period: tuple[int, str], base: float, rng: random.Random) -> dict:
    """One person's row for a quarter."""
    row = {"编号": p.id, "姓名": p.name, "部门": p.dept}
    for leaf in LEAVES:
        share = min(max(base + rng.gauss(0, 2.5), 50.0), 99.0) / 100
        row[leaf] = str(half(MAXES[leaf] * share))
    row["民主测评"] = str(d(min(max(base + rng.gauss(0, 3), 55.0), 99.0)).quantize(Decimal("0.1")))
    r = rng.random()
    row["病事假天数"] = "0" if r < 0.78 else str(rng.choice([1, 1, 2, 3, 0.5, 4]))
    row["失职造成损失及投诉"] = ""
    return row


def eligible(row: dict) -> bool:
    return d(row["病事假天数"]) == 0 and row["失职造成损失及投诉"] != "是"


def arrange_quota_lines(data: dict) -> dict:
    """Make the tie period tie exactly at the 40% line; elsewhere break accidental ties at the line."""
    decisions = {}
    for period, rows in data.items():
        n = len(rows)
        allowed = int((d(n) * d("0.4")).to_integral_value(rounding=ROUND_FLOOR))
        for _ in range(20):
            cands = sorted((r for r in rows if eligible(r) and total_of(r) >= 90), key=lambda r: (-total_of(r), r["编号"]))
            if period == TIE_PERIOD:
                assert len(cands) > allowed + 1, (period, len(cands), allowed)
                last_in, first_out = cands[allowed - 1], cands[allowed]
                if total_of(last_in) != total_of(first_out):
                    for k in LEAVES + ["民主测评"]:
                        first_out[k] = last_in[k]
                    continue
                tied = sorted([last_in, first_out], key=lambda r: r["编号"])
                decisions[period] = tied
                break
            if len(cands) > allowed and total_of(cands[allowed - 1]) == total_of(cands[allowed]):
                # lower the first one out by 0.1 in 民主测评 (0.03 in the total)
                cands[allowed]["民主测评"] = str(d(cands[allowed]["民主测评"]) - d("0.1"))
                continue
            break
    return decisions


# ---------------------------------------------------------------- writing
HEADER = ["序号", "编号", "姓名", "部门", "德", "能", "勤", "业务工作", "联系村和中心工作", "廉", "民主测评", "病事假天数", "病事假单月最多天数", "失职造成损失及投诉", "备注"]


def write_xlsx(path: Path, rows: list[dict], year: int, label: str, titled: bool) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = f"{year}年{label}"
    qname = {"Q1": "第一季度", "Q2": "第二季度", "Q3": "第三季度", "Q4": "第四季度"}[label]
    if titled:
        upper = ["序号", "编号", "姓名", "部门", "主管领导评价（德能勤绩廉）", None, None, None, None, None, "民主测评", "病事假天数", "病事假单月最多天数", "失职造成损失及投诉", "备注"]
        lower = [None, None, None, None, "德", "能", "勤", "业务工作", "联系村和中心工作", "廉", None, None, None, None, None]
        two_row_header(ws, f"青枫乡机关干部{year}年{qname}平时考核量化评分表", upper, lower)
    else:
        ws.append(["序号", "编号", "姓名", "部门", "德（满分15）", "能（满分15）", "勤（满分15）", "业务工作（满分40）", "联系村和中心工作（满分40）",
                   "廉（满分15）", "民主测评（百分制）", "病事假天数", "病事假单月最多天数", "失职造成损失及投诉", "备注"])
    for i, r in enumerate(rows, 1):
        ws.append([i, r["编号"], r["姓名"], r["部门"]] + [num(r[k]) for k in LEAVES] + [num(r["民主测评"]), num(r["病事假天数"]), num(r["病事假单月最多天数"]), r["失职造成损失及投诉"] or None, None])
    if titled:
        ws.append([])
        ws.append(["制表：青枫乡党政综合办公室", None, None, None, None, None, "审核：乡平时考核领导小组"])
    save_workbook(wb, path)


def write_all(target: Path, data: dict, decisions: dict) -> None:
    target.mkdir(parents=True, exist_ok=True)
    write_agency(target.parent, "示例县青枫乡人民政府", ["党政综合办公室", "经济发展办公室", "社会事务办公室", "农业农村服务中心", "综合行政执法队"], "青枫乡平时考核领导小组", "乡党政综合办公室，电话 0000-7612345（示例）")
    for (year, label), rows in data.items():
        folder = target / str(year)
        kind, name = FORMATS[(year, label)]
        path = folder / name
        if kind in CSV_ENCODINGS:
            write_csv(path, HEADER, numbered(HEADER, rows), CSV_ENCODINGS[kind])
        else:
            write_xlsx(path, rows, year, label, titled=(kind == "xlsx-title"))
        if (year, label) in decisions:
            a, b = decisions[(year, label)]
            why = f"经{year}年7月8日乡平时考核领导小组会议研究：二人量化考核分值相同且均出全勤，在优秀“最多不超过50%”的限度内均确定为优秀"
            basis = f"并列：全单位「优秀」名额线 总分 {total_of(a)}：{a['编号']}、{b['编号']}"
            exceed = f"经{year}年7月8日乡平时考核领导小组会议研究，同意优秀超出40%名额1人（细则：最多不超过50%）"
            tied = [[a["编号"], a["姓名"], "优秀", why, basis, exceed], [b["编号"], b["姓名"], "优秀", why, basis, ""]]
            write_csv(folder / f"{label}.decisions.csv", ["编号", "姓名", "等次", "理由", "所决事项", "超出名额"], tied, "utf-8-sig")
        if (year, label) in NOTICE_START:
            start = NOTICE_START[(year, label)]
            seq = sorted(v for v in NOTICE_START.values() if v[:4] == start[:4]).index(start) + 1
            number = f"青枫考〔{start[:4]}〕{seq}号"  # numbered within the year the notice is issued
            write_notice(folder / f"{label}.notice.yaml", start, number)


def main() -> None:
    rng = random.Random(SEED)
    data = rows_by_period(PERIODS, ROSTER, LEVEL, 2.2, rng, columns, GOLDEN)
    for rows in data.values():
        for row in rows:  # the quarter's leave taken as one spell: the month with most leave has all of it (良 needs 按月不超过 3 天)
            row["病事假单月最多天数"] = row["病事假天数"]
    decisions = arrange_quota_lines(data)
    with staged(AGENCY, SCHEME) as folder:
        write_all(folder, data, decisions)
        periods, bad = engine_run(SCHEME, folder.parent)
        require_clean(periods, bad)
    for period in sorted(periods, key=lambda p: (p.year, p.label)):
        counts = grade_counts(period)
        quota = "; ".join(f"{q.grade} 基数{q.base} 名额{q.allowed} 拟{q.candidates} 得{q.granted} 并列{q.tied}" for q in period.quotas)
        print(f"{period.year} {period.label}: {len(period.people)} 人 {counts} | {quota}")


if __name__ == "__main__":
    main()
