"""Demo results for schemes/s003-p7.yaml (003 篇七) at an invented agency, 白杨县发展和改革委员会.

Run from the project root:  python tools/demo/make_s003-p7.py
Deterministic (fixed seed). Every person and the agency are invented. Writes content/baiyang-fgw/.

Q1—Q3 are graded directly (季度考评等次); the year is
  年度考核优秀率 = 得优秀次数 ÷ 3 × 40% + 优秀票 ÷ 参加测评总人数 × 60%   (4 decimals)
with 优秀 from 0.5000 up, at most 20% (assumption A4), and the two caps of the text.
What tests/golden/test_s003_p7.py checks (by hand):
  2024 Y (31 voters): 7005 优/基本称职/优 at 0.8086 → cap 称职; 7010 two 基本称职 → 基本称职; 7014 one 不称职 →
          基本称职; 27 × 20% = 5 places: four above 0.7312, then 7003 and 7008 tie at 0.7312 →
          Y.decisions.csv; 7012 (0.5204) drops. 7027 left after Q2.
  2025 Y (30 voters): 7016 with no 优秀 quarter and 25 of 30 votes is exactly 0.5000 → 优秀 band, drops on
          the quota; 7029 joined in Q2: 2 优秀 ÷ 3 (not ÷ 2); 7004 one 基本称职 → 称职; 7020 → 基本称职.
"""

from __future__ import annotations

import random
from pathlib import Path

from demo_kit import ROOT, names, write_agency, write_csv, write_notice, write_titled_xlsx

AGENCY = "baiyang-fgw"
SCHEME = "s003-p7"
OUT = ROOT / "content" / AGENCY
SEED = 7072015

DEPARTMENTS = ["办公室", "规划科", "价格科", "能源科", "经济运行科"]
LABELS = ("Q1", "Q2", "Q3")
VOTERS = {2024: 31, 2025: 30}
G, C, B, U = "优秀", "称职", "基本称职", "不称职"

# hand-set: (year, id) -> (Q1, Q2, Q3 grades, 优秀票); None = not in that quarter's sheet
DESIGN: dict[tuple[int, str], tuple[tuple[str | None, str | None, str | None], int]] = {
    (2024, "7001"): ((G, G, G), 27),  # 0.4 + 0.6 × 27/31 = 0.9226
    (2024, "7002"): ((G, G, G), 22),  # 0.4 + 0.6 × 22/31 = 0.8258
    (2024, "7004"): ((G, G, C), 26),  # 0.2667 + 0.5032 = 0.7699
    (2024, "7006"): ((G, C, G), 25),  # 0.2667 + 0.4839 = 0.7505
    (2024, "7003"): ((G, G, C), 24),  # 0.2667 + 0.4645 = 0.7312  (tie)
    (2024, "7008"): ((C, G, G), 24),  # 0.7312                     (tie)
    (2024, "7012"): ((G, C, C), 20),  # 0.1333 + 0.3871 = 0.5204 → drops
    (2024, "7015"): ((C, C, C), 22),  # 0.4258 → 称职
    (2024, "7005"): ((G, B, G), 28),  # 0.8086, one 基本称职 → 称职
    (2024, "7010"): ((B, C, B), 3),  # two 基本称职 → 基本称职
    (2024, "7014"): ((C, U, C), 1),  # one 不称职 → 基本称职
    (2025, "7003"): ((G, G, G), 27),  # 0.4 + 0.54 = 0.9400
    (2025, "7002"): ((G, G, G), 24),  # 0.4 + 0.48 = 0.8800
    (2025, "7001"): ((G, G, C), 26),  # 0.2667 + 0.52 = 0.7867
    (2025, "7029"): ((None, G, G), 23),  # joined in Q2: 0.2667 + 0.46 = 0.7267
    (2025, "7008"): ((G, G, C), 22),  # 0.2667 + 0.44 = 0.7067
    (2025, "7006"): ((G, C, G), 21),  # 0.2667 + 0.42 = 0.6867 → drops
    (2025, "7011"): ((C, G, G), 20),  # 0.2667 + 0.40 = 0.6667 → drops
    (2025, "7016"): ((C, C, C), 25),  # 0 + 0.6 × 25/30 = 0.5000 → 优秀 band, drops
    (2025, "7004"): ((G, B, C), 27),  # 0.1333 + 0.54 = 0.6733, one 基本称职 → 称职
    (2025, "7020"): ((B, B, C), 2),  # two 基本称职 → 基本称职
}


def present(pid: str, year: int, label: str) -> bool:
    order = {"Q1": 1, "Q2": 2, "Q3": 3, "Y": 4}[label]
    if pid == "7027":  # 调出 after 2024 Q2
        return year == 2024 and order <= 2
    if pid == "7029":  # 调入 2025 Q2
        return year == 2025 and order >= 2
    return True


def plan(rng: random.Random, ids: list[str], year: int) -> dict[str, tuple[list[str | None], int]]:
    """Everyone's three quarter grades and 优秀票. People not designed stay below 0.5: at most one 优秀
    quarter and few votes."""
    out = {}
    for pid in ids:
        if (year, pid) in DESIGN:
            grades, votes = DESIGN[(year, pid)]
            out[pid] = (list(grades), votes)
            continue
        grades = [C, C, C]
        if rng.random() < 0.45:
            grades[rng.randrange(3)] = G
        out[pid] = ([g if present(pid, year, lab) else None for g, lab in zip(grades, LABELS, strict=False)], rng.randint(0, 14))
    return out


def write_xlsx(path: Path, title: str, header, rows, numeric: set[int], keep_text=frozenset()) -> None:
    write_titled_xlsx(path, "登记汇总表", title, header, rows, numeric=numeric, keep_text=keep_text, count=(2, "{} 人"), stamped=True, keep_modes=True)


def main() -> None:
    rng = random.Random(SEED)
    ids = [str(7000 + n) for n in range(1, 30)]
    people = {pid: (name, DEPARTMENTS[i % 5]) for i, (pid, name) in enumerate(zip(ids, names(rng, len(ids)), strict=False))}
    write_agency(OUT, "白杨县发展和改革委员会", DEPARTMENTS, "中共白杨县发展和改革委员会党组", "委人事科（电话 0000-2287654）", note="虚构单位，仅用于演示 s003-p7（003 篇七）。人员姓名均为随机生成。")
    base = OUT / SCHEME
    quarter_header = ["序号", "编号", "姓名", "科室", "季度考评等次"]
    year_header = ["序号", "编号", "姓名", "科室", "年终测评优秀票数", "参加测评总人数"]
    for year in (2024, 2025):
        marks = plan(rng, ids, year)
        for k, label in enumerate(LABELS):
            rows = []
            for pid in ids:
                grade = marks[pid][0][k]
                if present(pid, year, label) and grade is not None:
                    rows.append([str(len(rows) + 1), pid, *people[pid], grade])
            title = f"白杨县发展和改革委员会{year}年第{'一二三'[k]}季度考评等次登记表"
            where = base / str(year)
            if (year, label) in ((2024, "Q1"), (2025, "Q2")):
                write_xlsx(where / f"{label}.xlsx", title, quarter_header, rows, numeric={0})
            elif (year, label) in ((2024, "Q2"), (2025, "Q3")):
                write_csv(where / f"{label}.csv", quarter_header, rows, "gb18030")
            else:
                write_csv(where / f"{'第一季度' if label == 'Q1' else label}.csv", quarter_header, rows, "utf-8-sig")
        rows = [
            [str(i), pid, *people[pid], str(marks[pid][1]), str(VOTERS[year])]
            for i, pid in enumerate((p for p in ids if present(p, year, "Y")), 1)
        ]
        if year == 2024:
            write_csv(base / "2024" / "Y.csv", year_header, rows, "utf-8-sig")
        else:
            i = next(n for n, r in enumerate(rows) if r[1] == "7002")
            rows[i][4] = "２４"  # typed with full-width digits
            write_xlsx(
                base / "2025" / "年度.xlsx",
                "白杨县发展和改革委员会2025年度考核情况登记汇总表",
                year_header,
                rows,
                numeric={0, 4, 5},
                keep_text={(i, 4)},
            )
    write_csv(
        base / "2024" / "Y.decisions.csv",
        ["编号", "姓名", "等次", "理由", "所决事项"],
        [
            [
                "7003",
                people["7003"][0],
                "优秀",
                "2025年1月17日委党组会议：年度考核优秀率并列第5名（0.7312），7003 全年牵头完成重点项目谋划储备，确定为优秀",
                "并列：全单位「优秀」名额线 总分 0.7312：7003、7008",
            ],
            ["7008", people["7008"][0], "称职", "2025年1月17日委党组会议：年度考核优秀率并列第5名（0.7312），名额已满，确定为称职",
             "并列：全单位「优秀」名额线 总分 0.7312：7003、7008"],
        ],
        "utf-8-sig",
    )
    starts = {
        (2024, "Q1"): "2024-04-15",
        (2024, "Q2"): "2024-07-15",
        (2024, "Q3"): "2024-10-14",
        (2024, "Y"): "2025-01-20",
        (2025, "Q1"): "2025-04-14",
        (2025, "Q2"): "2025-07-14",
        (2025, "Q3"): "2025-10-13",
        (2025, "Y"): "2026-01-19",
    }
    for n, ((year, label), start) in enumerate(sorted(starts.items()), 1):
        write_notice(base / str(year) / f"{label}.notice.yaml", start, f"白发改党〔{start[:4]}〕{n}号")


if __name__ == "__main__":
    main()
