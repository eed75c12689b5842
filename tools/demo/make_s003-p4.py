"""Demo results for schemes/s003-p4.yaml (003 篇四) at an invented agency, 青禾市审计局.

Run from the project root:  python tools/demo/make_s003-p4.py
Deterministic (fixed seed). Every person and the agency are invented. Writes content/qinghe-sjj/.

Every item is scored inside a level (档次) and the level is written beside it; the generator never
writes a score outside its level (the engine reports that as an error).

What the data exercises (tests/golden/test_s003_p4.py checks these by hand):
  2024 Q1 (GBK CSV, file 一季度.csv): 优秀 quota cut (28 × 30% = 8 places, 11 candidates); 1021 出勤 较少, 廉洁 有违反情形.
  2024 Q2 (xlsx, merged title row, trailing 合计 row): a tie at the 优秀 line, 1005 and 1011 at 92,
          resolved in Q2.decisions.csv.
  2024 Q3 (UTF-8 BOM CSV): 1017 受到党纪政纪处分 → 廉洁自律 0 分; 1029 transfers in.
  2024 Q4, 2024 Y (xlsx; a 年终 score typed as ８５.５): 年度 优秀 quota cut; 1026 retired after Q2;
          1029 is averaged over Q3 and Q4 only.
  2025 Q1—Q4, 2025 Y: 1008 is the float trap: 年终 0.4 × 90.3 + 0.3 × 90.1 + 0.3 × 89.5 = 90.00 exactly,
          with four quarters of 90 → 年度 90.00 → 优秀. 1027 leaves after Q1; 1030 joins in Q2.
"""

from __future__ import annotations

import random
from pathlib import Path

from demo_kit import ROOT, d, names, write_agency, write_csv, write_notice, write_titled_xlsx

AGENCY = "qinghe-sjj"
SCHEME = "s003-p4"
OUT = ROOT / "content" / AGENCY
SEED = 4042024

DEPARTMENTS = ["办公室", "人事处", "财政审计处", "经济责任审计处", "法规审理处"]
# (score column, level column, max, [(level, low, high)] best first)
ITEMS = [
    ("目标任务完成情况", "目标任务完成情况档次", 30, [("优秀", 27, 30), ("称职", 23, 26), ("基本称职", 18, 22), ("不称职", 0, 17)]),
    ("工作进度效率情况", "工作进度效率情况档次", 20, [("优秀", 18, 20), ("称职", 15, 17), ("基本称职", 12, 14), ("不称职", 0, 11)]),
    ("工作质量情况", "工作质量情况档次", 20, [("优秀", 18, 20), ("称职", 15, 17), ("基本称职", 12, 14), ("不称职", 0, 11)]),
    ("出勤、参会考核情况", "出勤参会档次", 10, [("超量", 9, 10), ("正常", 7, 8), ("较少", 0, 6)]),
    ("遵守廉洁自律情况", "廉洁自律档次", 20, [("自觉遵守", 18, 20), ("基本遵守", 12, 17), ("有违反情形", 1, 11), ("受到处分", 0, 0)]),
]
HEADER = ["序号", "编号", "姓名", "处室"] + [c for score, level, _, _ in ITEMS for c in (score, level)]
YEAR_HEADER = ["序号", "编号", "姓名", "处室", "分管领导评分", "考核委员会评分", "民主测评得分"]
LABELS = ("Q1", "Q2", "Q3", "Q4")

# hand-set item scores: (year, label, id) -> five scores
FIXED: dict[tuple[int, str, str], list[int]] = {
    # 1017, 2024 Q3: 24 + 16 + 16 + 8 + 0 (受到党纪政纪处分) = 64 → 基本称职
    (2024, "Q3", "1017"): [24, 16, 16, 8, 0],
    # 1021, 2024 Q1: 25 + 15 + 16 + 6 (较少) + 10 (告诫约谈) = 72 → 基本称职
    (2024, "Q1", "1021"): [25, 15, 16, 6, 10],
    # 1008, every quarter of 2025: 27 + 18 + 18 + 9 + 18 = 90
    **{(2025, lab, "1008"): [27, 18, 18, 9, 18] for lab in LABELS},
}
TIE = {(2024, "Q2"): (("1005", "1011"), 92)}
# 年终 scores (分管领导, 考核委员会, 民主测评) fixed for the people the test follows
YEAR_FIXED = {(2025, "1008"): ("90.3", "90.1", "89.5")}


def present(pid: str, year: int, label: str) -> bool:
    n = int(pid) - 1000
    order = {"Q1": 1, "Q2": 2, "Q3": 3, "Q4": 4, "Y": 5}[label]
    if n == 26:  # 退休 after 2024 Q2: not in the 2024 年度考核
        return year == 2024 and order <= 2
    if n == 27:  # 调出 after 2025 Q1
        return year == 2024 or order <= 1
    if n == 29:  # 调入 2024 Q3
        return year == 2025 or order >= 3
    if n == 30:  # 新录用 2025 Q2
        return year == 2025 and order >= 2
    return True


def level_of(spec, score: int) -> str:
    return next(name for name, low, high in spec[3] if low <= score <= high)


def split(total: int, rng: random.Random) -> list[int]:
    """Whole-point item scores within their maxima summing to `total`; 廉洁 never 0 unless hand-set."""
    scores = [int(spec[2] * total / 100) for spec in ITEMS]
    scores[4] = max(scores[4], 1)
    rest = total - sum(scores)
    while rest != 0:
        i = rng.randrange(len(ITEMS))
        if rest > 0 and scores[i] < ITEMS[i][2]:
            scores[i] += 1
            rest -= 1
        elif rest < 0 and scores[i] > (1 if i == 4 else 0):
            scores[i] -= 1
            rest += 1
    for _ in range(3):
        i, j = rng.randrange(len(ITEMS)), rng.randrange(len(ITEMS))
        if i != j and scores[i] > (1 if i == 4 else 0) + 0 and scores[j] < ITEMS[j][2]:
            scores[i] -= 1
            scores[j] += 1
    return scores


def quarter_totals(rng, people, year, label) -> dict[str, int]:
    totals: dict[str, int] = {}
    fixed = set()
    for (y, lab, pid), scores in FIXED.items():
        if (y, lab) == (year, label):
            totals[pid] = sum(scores)
            fixed.add(pid)
    tie = TIE.get((year, label))
    if tie:
        for pid in tie[0]:
            totals[pid] = tie[1]
            fixed.add(pid)
    for pid, (_name, _dept, base) in people.items():
        if pid in fixed or not present(pid, year, label):
            continue
        totals[pid] = min(100, round(base + rng.uniform(-5, 5)))
    # 优秀 candidates (90 and over) get distinct totals, so that no tie falls on the quota line by chance
    taken = {totals[p] for p in fixed if totals[p] >= 90}
    for pid in sorted((p for p in totals if p not in fixed), key=lambda p: (-totals[p], p)):
        if totals[pid] >= 90 and totals[pid] in taken:
            free = [v for v in range(90, 101) if v not in taken]
            totals[pid] = min(free, key=lambda v: (abs(v - totals[pid]), -v)) if free else rng.randint(82, 89)
        if totals[pid] >= 90:
            taken.add(totals[pid])
    if tie:  # exactly (places − 1) people above the pair, so the pair straddles the 优秀 line
        value = tie[1]
        slots = len(totals) * 3 // 10
        free = sorted((p for p in totals if p not in fixed), key=lambda p: (-totals[p], p))
        above, rest = free[: slots - 1], free[slots - 1 :]
        values = sorted(rng.sample(range(value + 1, 101), len(above)), reverse=True)
        for pid, v in zip(above, values, strict=False):
            totals[pid] = v
        below = iter([value - 1, value - 2])  # two more candidates under the pair: they drop to 称职
        for pid in rest:
            if totals[pid] >= value:
                totals[pid] = next(below, 88)
    return totals


def rows_for(rng, people, year, label, totals) -> list[list[str]]:
    rows = []
    for pid, (name, dept, _) in people.items():
        if pid not in totals:
            continue
        scores = FIXED.get((year, label, pid)) or split(totals[pid], rng)
        cells = [str(len(rows) + 1), pid, name, dept]
        for spec, score in zip(ITEMS, scores, strict=False):
            cells += [str(score), level_of(spec, score)]
        rows.append(cells)
    return rows


def year_scores(rng, people, year, history) -> dict[str, tuple[str, str, str]]:
    """年终 scores. 2024: seven people reach 优秀 (90+) so the 20% quota cuts two; 2025: four plus 1008."""
    means = {pid: d(sum(h.values())) / len(h) for pid, h in history.items() if present(pid, year, "Y")}
    ranked = sorted(means, key=lambda p: (-means[p], p))
    chosen = [p for p in ranked if (year, p) not in YEAR_FIXED][: (7 if year == 2024 else 4)]
    out = {}
    used = set()
    for pid in sorted(means):
        if (year, pid) in YEAR_FIXED:
            out[pid] = YEAR_FIXED[(year, pid)]
            continue
        mean = means[pid]
        if pid in chosen:  # 年终 high enough for 90+, distinct annual totals
            target = max(d(90) + d(rng.randint(5, 300)) / 100, mean)
        else:  # below 89 overall
            target = min(mean + d(rng.randint(-40, 30)) / 10, (d("88.5") - mean * d("0.6")) / d("0.4"))
        while True:
            n = (target * 10).to_integral_value() / 10
            a, b, c = n + d("0.3"), n - d("0.2"), n - d("0.2")  # 0.4×0.3 − 0.3×0.2 − 0.3×0.2 = 0 → 年终 = n
            if a > 100:
                a, b, c = n, n, n
            annual = (mean * d("0.6") + n * d("0.4")).quantize(d("0.01"))
            if annual not in used or annual < 89:
                used.add(annual)
                break
            target -= d("0.1")
        out[pid] = (str(a), str(b), str(c))
    return out


def write_xlsx(path: Path, title: str, header, rows, numeric: set[int], keep_text=frozenset()) -> None:
    write_titled_xlsx(path, "平时考核", title, header, rows, numeric=numeric, keep_text=keep_text, count=(3, "{} 人"), stamped=True, keep_modes=True)


def main() -> None:
    rng = random.Random(SEED)
    pool = names(rng, 30)
    people = {str(1000 + n): (pool[n - 1], DEPARTMENTS[(n - 1) % 5], rng.uniform(80, 95)) for n in range(1, 31)}
    write_agency(OUT, "青禾市审计局", DEPARTMENTS, "青禾市审计局考核委员会", "局考核委员会办公室（人事处，电话 0000-3345678）", note="虚构单位，仅用于演示 s003-p4（003 篇四）。人员姓名均为随机生成。")
    base = OUT / SCHEME
    formats = {
        (2024, "Q1"): ("一季度.csv", "gb18030"),
        (2024, "Q2"): ("Q2.xlsx", None),
        (2024, "Q3"): ("Q3.csv", "utf-8-sig"),
        (2024, "Q4"): ("Q4.csv", "utf-8-sig"),
        (2025, "Q1"): ("Q1.xlsx", None),
        (2025, "Q2"): ("Q2.csv", "gb18030"),
        (2025, "Q3"): ("第三季度.csv", "utf-8-sig"),
        (2025, "Q4"): ("Q4.xlsx", None),
    }
    for year in (2024, 2025):
        history: dict[str, dict[str, int]] = {}
        for label in LABELS:
            totals = quarter_totals(rng, people, year, label)
            for pid, t in totals.items():
                history.setdefault(pid, {})[label] = t
            rows = rows_for(rng, people, year, label, totals)
            name, encoding = formats[(year, label)]
            path = base / str(year) / name
            if encoding is None:
                title = f"青禾市审计局{year}年第{'一二三四'[int(label[1]) - 1]}季度公务员平时考核评分表"
                write_xlsx(path, title, HEADER, rows, numeric={0, 4, 6, 8, 10, 12})
            else:
                write_csv(path, HEADER, rows, encoding)
        scores = year_scores(rng, people, year, history)
        rows = [[str(i), pid, people[pid][0], people[pid][1], *scores[pid]] for i, pid in enumerate(sorted(scores), 1)]
        if year == 2024:
            i = next(k for k, r in enumerate(rows) if r[1] == "1012")
            rows[i][6] = "８５.５"  # typed with full-width digits
            write_xlsx(
                base / "2024" / "年度.xlsx",
                "青禾市审计局2024年度考核年终测评评分表",
                YEAR_HEADER,
                rows,
                numeric={0, 4, 5, 6},
                keep_text={(i, 6)},
            )
        else:
            write_csv(base / "2025" / "Y.csv", YEAR_HEADER, rows, "utf-8-sig")
    write_csv(
        base / "2024" / "Q2.decisions.csv",
        ["编号", "姓名", "等次", "理由", "所决事项"],
        [
            [
                "1005",
                people["1005"][0],
                "优秀",
                "2024年7月10日局考核委员会会议：并列第8名，1005 本季度牵头完成市本级预算执行审计，评为优秀",
                "并列：全单位「优秀」名额线 总分 92：1005、1011",
            ],
            ["1011", people["1011"][0], "称职", "2024年7月10日局考核委员会会议：并列第8名，名额已满，评为称职",
             "并列：全单位「优秀」名额线 总分 92：1005、1011"],
        ],
        "utf-8-sig",
    )
    notices = {
        (2024, "Q1"): "2024-04-11",
        (2024, "Q2"): "2024-07-11",
        (2024, "Q3"): "2024-10-15",
        (2024, "Q4"): "2025-01-09",
        (2024, "Y"): "2025-01-20",
        (2025, "Q1"): "2025-04-10",
        (2025, "Q2"): "2025-07-10",
        (2025, "Q3"): "2025-10-14",
        (2025, "Q4"): "2026-01-08",
        (2025, "Y"): "2026-01-19",
    }
    for n, ((year, label), start) in enumerate(sorted(notices.items()), 1):
        write_notice(base / str(year) / f"{label}.notice.yaml", start, f"青审考〔{year if label != 'Y' and label != 'Q4' else year + 1}〕{n}号")


if __name__ == "__main__":
    main()
