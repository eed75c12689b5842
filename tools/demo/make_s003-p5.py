"""Demo results for schemes/s003-p5.yaml (003 篇五) at an invented town government, 柳溪镇人民政府.

Run from the project root:  python tools/demo/make_s003-p5.py
Deterministic (fixed seed). Every person and the town are invented. Writes content/liuxi-zhen/.

Quarters are scored (德 15, 能 15, 勤 20 by the 扣分标准, 绩 40, 廉 10) and not graded; the year is
the sum of the four quarters / 4 (tests/golden/test_s003_p5.py checks these by hand):
  2024 Q2: 0507 迟到早退 3 次, 旷工 1 天, 日志缺记 2 天, 月度纪实 1 次 → 勤 20 − 3 − 5 − 1 − 2 = 9.
  2024 Y : 优秀 quota (29 × 20% = 5) with a tie at the line, 0504 and 0509 at 91.50 → Y.decisions.csv.
  2025 Q3: 0511 旷工 5 天 → 勤 扣完为止, 0 分 (not −5).
  2025 Y : 0503 (90 + 89.5 + 90.5 + 89.5) / 4 = 89.875 → 89.88, 称职; 优秀 quota cut without a tie.
  Joiners and leavers: 0529 joins in 2024 Q3 (not in the 2024 year: fewer than four quarters);
  0530 leaves after 2025 Q2 (not in the 2025 year).
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from demo_kit import ROOT, d, names, plain, write_agency, write_csv, write_notice, write_titled_xlsx

AGENCY = "liuxi-zhen"
SCHEME = "s003-p5"
OUT = ROOT / "content" / AGENCY
SEED = 5052025

DEPARTMENTS = ["党政综合办公室", "经济发展办公室", "社会事务办公室", "综合治理办公室", "村镇建设办公室"]
EVENTS = ["迟到早退次数", "无故旷工天数", "工作日志缺记天数", "月度纪实未按时次数"]
POINTS = [Decimal(1), Decimal(5), Decimal("0.5"), Decimal(2)]
HEADER = ["编号", "姓名", "站所办", "德", "能", "绩", "廉", *EVENTS]
LABELS = ("Q1", "Q2", "Q3", "Q4")
HALF = Decimal("0.5")

# hand-set quarters: (year, label, id) -> (德, 能, 绩, 廉, events)
FIXED = {
    # 13.5 + 13 + 34 + 9 + 勤 9 = 78.5
    (2024, "Q2", "0507"): ("13.5", "13", "34", "9", (3, 1, 2, 1)),
    # 11 + 12 + 30 + 8 + 勤 0 = 61
    (2025, "Q3", "0511"): ("11", "12", "30", "8", (0, 5, 0, 0)),
}
# hand-set quarter totals: (year, id) -> four totals
QUARTERS = {
    (2025, "0503"): ("90", "89.5", "90.5", "89.5"),  # 359.5 / 4 = 89.875 → 89.88
    (2024, "0504"): ("92", "90.5", "91.5", "92"),  # 366 / 4 = 91.5
    (2024, "0509"): ("90", "93", "91", "92"),  # 366 / 4 = 91.5
}


def present(pid: str, year: int, label: str) -> bool:
    n = int(pid) - 500
    order = {"Q1": 1, "Q2": 2, "Q3": 3, "Q4": 4, "Y": 5}[label]
    if n == 29:  # 新录用, 2024 Q3: not in the 2024 year (fewer than four quarters)
        return year == 2025 or 3 <= order <= 4
    if n == 30:  # 调出 after 2025 Q2
        return year == 2024 or order <= 2
    return True


def in_year(pid: str, year: int) -> bool:
    return all(present(pid, year, lab) for lab in LABELS) and present(pid, year, "Y")


def grid(x: float) -> Decimal:
    return d(round(x * 2)) / 2


def annual_sums(rng, people, year) -> dict[str, Decimal]:
    """Sum of the four quarters for everyone in the year: distinct above 360 (90 分), a tie at the line in 2024."""
    sums = {pid: sum(d(q) for q in QUARTERS[(year, pid)]) for (y, pid) in QUARTERS if y == year}
    fixed = set(sums)
    members = [pid for pid in people if in_year(pid, year)]
    for pid in members:
        if pid not in fixed:
            sums[pid] = min(grid(4 * (people[pid][2] + rng.uniform(-3, 3))), d(392))
    slots = len(members) // 5
    free = sorted((p for p in members if p not in fixed), key=lambda p: (-sums[p], p))
    if year == 2024:  # four above 366, the pair at 366, two between 360 and 366 (they drop), the rest below 360
        above, between, rest = free[: slots - 1], free[slots - 1 : slots + 1], free[slots + 1 :]
        highs = sorted(rng.sample(range(734, 784), len(above)), reverse=True)  # 367 … 391.5 (×2)
        for pid, v in zip(above, highs, strict=False):
            sums[pid] = d(v) / 2
        for pid, v in zip(between, (d("364.5"), d("361")), strict=False):
            sums[pid] = v
    else:  # seven at 90 or more: five keep 优秀
        above, rest = free[:7], free[7:]
        highs = sorted(rng.sample(range(722, 784), len(above)), reverse=True)  # 361 … 391.5
        for pid, v in zip(above, highs, strict=False):
            sums[pid] = d(v) / 2
    for pid in rest:
        if sums[pid] >= 360:
            sums[pid] = grid(rng.uniform(318, 358))
    return sums


def quarter_totals(rng, total_sum: Decimal) -> list[Decimal]:
    """Four quarter totals on a 0.5 grid summing to `total_sum`, none above 100."""
    while True:
        parts = [grid(float(total_sum) / 4 + rng.uniform(-3, 3)) for _ in range(3)]
        last = total_sum - sum(parts)
        parts.append(last)
        if all(50 <= p <= 99 for p in parts):
            return parts


def items_for(rng, total: Decimal) -> tuple[list[Decimal], tuple[int, int, int, int]]:
    """德, 能, 绩, 廉 on a 0.5 grid and the 扣分 events, so that 德+能+勤+绩+廉 = total."""
    events = (rng.choice((0, 0, 0, 0, 1, 2)), 0, rng.choice((0, 0, 0, 0, 0, 1, 2)), rng.choice((0, 0, 0, 0, 0, 0, 1)))
    qin = 20 - sum(e * p for e, p in zip(events, POINTS, strict=False))
    if total - qin > 80:  # a top score: no deductions
        events, qin = (0, 0, 0, 0), Decimal(20)
    rest = total - qin
    maxima = [15, 15, 40, 10]
    scores = [(d(m) * rest / 80 / HALF).to_integral_value(rounding="ROUND_FLOOR") * HALF for m in maxima]
    left = rest - sum(scores)
    while left > 0:
        i = rng.randrange(4)
        if scores[i] + HALF <= maxima[i]:
            scores[i] += HALF
            left -= HALF
    return scores, events


def write_xlsx(path: Path, title: str, header, rows, numeric_from: int) -> None:
    numeric = range(numeric_from, len(header))
    write_titled_xlsx(path, "评分", title, header, rows, numeric=numeric, count=(2, "{} 人"), stamped=True, keep_modes=True)


def main() -> None:
    rng = random.Random(SEED)
    pool = names(rng, 30)
    people = {f"{500 + n:04d}": (pool[n - 1], DEPARTMENTS[(n - 1) % 5], rng.uniform(80, 91)) for n in range(1, 31)}
    write_agency(OUT, "柳溪镇人民政府", DEPARTMENTS, "中共柳溪镇委员会公务员平时考核工作领导小组", "镇党政综合办公室（电话 0000-7712345）", note="虚构单位，仅用于演示 s003-p5（003 篇五）。人员姓名均为随机生成。")
    base = OUT / SCHEME
    formats = {
        (2024, "Q1"): ("Q1.csv", "utf-8-sig"),
        (2024, "Q2"): ("Q2.xlsx", None),
        (2024, "Q3"): ("Q3.csv", "gb18030"),
        (2024, "Q4"): ("第四季度.csv", "utf-8-sig"),
        (2025, "Q1"): ("Q1.csv", "gb18030"),
        (2025, "Q2"): ("Q2.csv", "utf-8-sig"),
        (2025, "Q3"): ("Q3.xlsx", None),
        (2025, "Q4"): ("Q4.csv", "utf-8-sig"),
    }
    for year in (2024, 2025):
        sums = annual_sums(rng, people, year)
        quarters = {
            pid: [d(q) for q in QUARTERS[(year, pid)]] if (year, pid) in QUARTERS else quarter_totals(rng, s) for pid, s in sums.items()
        }
        for k, label in enumerate(LABELS):
            rows = []
            for pid, (name, dept, ability) in people.items():
                if not present(pid, year, label):
                    continue
                if (year, label, pid) in FIXED:
                    *scores, events = FIXED[(year, label, pid)]
                    scores = [d(s) for s in scores]
                else:
                    total = quarters[pid][k] if pid in quarters else grid(ability + rng.uniform(-3, 3))
                    scores, events = items_for(rng, total)
                rows.append([pid, name, dept, *(plain(s) for s in scores), *(str(e) for e in events)])
            name, encoding = formats[(year, label)]
            if encoding is None:
                write_xlsx(
                    base / str(year) / name, f"柳溪镇{year}年第{'一二三四'[k]}季度公务员平时考核评分表", HEADER, rows, numeric_from=3
                )
            else:
                write_csv(base / str(year) / name, HEADER, rows, encoding)
        year_rows = [[pid, people[pid][0], people[pid][1]] for pid in people if in_year(pid, year)]
        if year == 2024:
            write_csv(base / "2024" / "年度.csv", ["编号", "姓名", "站所办"], year_rows, "utf-8-sig")
        else:
            write_xlsx(
                base / "2025" / "Y.xlsx", "柳溪镇2025年度公务员年度考核人员名单", ["编号", "姓名", "站所办"], year_rows, numeric_from=99
            )
    write_csv(
        base / "2024" / "Y.decisions.csv",
        ["编号", "姓名", "等次", "理由", "所决事项"],
        [
            ["0504", people["0504"][0], "优秀", "2025年1月14日镇党委会议：年度考核得分并列第5名，0504 全年驻村开展防汛救灾，确定为优秀",
             "并列：全单位「优秀」名额线 总分 91.50：0504、0509"],
            ["0509", people["0509"][0], "称职", "2025年1月14日镇党委会议：年度考核得分并列第5名，名额已满，确定为称职",
             "并列：全单位「优秀」名额线 总分 91.50：0504、0509"],
        ],
        "utf-8-sig",
    )
    for year, start, number in ((2024, "2025-01-16", "柳党〔2025〕3号"), (2025, "2026-01-15", "柳党〔2026〕2号")):
        write_notice(base / str(year) / "Y.notice.yaml", start, number)


if __name__ == "__main__":
    main()
