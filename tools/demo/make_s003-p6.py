"""Demo results for schemes/s003-p6.yaml (003 篇六) at an invented agency, 鹤岭县自然资源局.

Run from the project root:  python tools/demo/make_s003-p6.py
Deterministic (fixed seed). Every person and the agency are invented. Writes content/heling-zrj/.

Six 考核单元 (one per 分管领导, plus a 专项 unit drawn from two 股室). The 好 quota is applied per
考核单元 first (40%, floor), then to the whole agency (40%, floor). Since floor(40% of each unit)
never adds up to more than 40% of everyone, the agency-wide quota only bites when a unit has more
forced 好 than its own places — 2024 Q2 shows exactly that. What tests/golden/test_s003_p6.py checks:
  2024 Q1 (xlsx, merged title, 合计 row): 国土空间规划单元 has four 好 by score, two places → two drop.
  2024 Q2 (UTF-8 BOM CSV): 国土调查专项单元 (4 people, 1 place) has 6026 急难险重 and 6028 嘉奖 (both forced
          好, protected) → 6027 (93) drops inside the unit; then 12 好 > 29 × 40% = 11 → 6014 (90.5), the
          lowest 好 by score, drops at agency level.
  2024 Q3 (GBK CSV): a tie at the 耕地保护单元 line (6012, 6013 at 92.5) → Q3.decisions.csv; 6030 joins.
  2024 Q4 (UTF-8 BOM CSV): forced 较差: 6016 不服从安排 at 91; 6021 严重警告 at 84; 6022 警告 (no effect);
          6009 both 急难险重 and 不服从安排 → 较差.
  2025 Q1 (xlsx): 6003 加分 12 → capped 10; 6014 扣分 11 → capped 10; 6019 89.5 in the gap → 较好.
  2025 Q2 (GBK CSV): 6018 has left, 执法监察单元 has 4 people and 1 place. 2025 Q3: 6031 joins.
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from demo_kit import ROOT, d, names, plain, split_on_grid, write_agency, write_csv, write_notice, write_titled_xlsx

AGENCY = "heling-zrj"
SCHEME = "s003-p6"
OUT = ROOT / "content" / AGENCY
SEED = 6062024

UNITS = {
    "综合保障单元": [("6001", "办公室"), ("6002", "办公室"), ("6003", "办公室"), ("6004", "政治处"), ("6005", "政治处")],
    "国土空间规划单元": [(str(6005 + i), "规划股") for i in range(1, 6)],
    "耕地保护单元": [(str(6010 + i), "耕地保护股") for i in range(1, 6)],
    "执法监察单元": [(str(6015 + i), "执法监察大队") for i in range(1, 6)] + [("6031", "执法监察大队")],
    "不动产登记单元": [(str(6020 + i), "不动产登记中心") for i in range(1, 6)] + [("6030", "不动产登记中心")],
    "国土调查专项单元": [("6026", "规划股"), ("6027", "规划股"), ("6028", "耕地保护股"), ("6029", "耕地保护股")],
}
ITEMS = [("政治素质", 10), ("能力水平", 10), ("纪律作风", 10), ("工作目标", 10), ("工作成效", 50), ("廉政建设", 10)]
FLAGS = ["急难险重表现突出", "获得嘉奖及以上", "不服从安排", "处分"]
HEADER = ["编号", "姓名", "股室", "考核单元", *[n for n, _ in ITEMS], "加分", "扣分", "民主测评平均分", *FLAGS]
LABELS = ("Q1", "Q2", "Q3", "Q4")

# per quarter: id -> {"total": total after adjustments, other columns…}. A unit with any hand-set
# total gets no random 好 candidates.
SPEC: dict[tuple[int, str], dict[str, dict]] = {
    (2024, "Q1"): {
        "6006": {"total": "95"},
        "6007": {"total": "93"},
        "6009": {"total": "91.5"},
        "6010": {"total": "90"},
        "6008": {"total": "86"},
    },
    (2024, "Q2"): {
        "6001": {"total": "96"},
        "6004": {"total": "91"},
        "6006": {"total": "97.5"},
        "6008": {"total": "93.5"},
        "6011": {"total": "95"},
        "6014": {"total": "90.5"},
        "6017": {"total": "94"},
        "6020": {"total": "92"},
        "6023": {"total": "96.5"},
        "6025": {"total": "91.5"},
        "6026": {"total": "86", "急难险重表现突出": "是"},
        "6028": {"total": "88.5", "获得嘉奖及以上": "是"},
        "6027": {"total": "93"},
    },
    (2024, "Q3"): {"6011": {"total": "95"}, "6012": {"total": "92.5"}, "6013": {"total": "92.5"}},
    (2024, "Q4"): {
        "6016": {"total": "91", "不服从安排": "是"},
        "6021": {"total": "84", "处分": "严重警告"},
        "6022": {"total": "88", "处分": "警告"},
        "6009": {"total": "92", "急难险重表现突出": "是", "不服从安排": "是"},
    },
    (2025, "Q1"): {
        "6003": {"items": ["9", "9", "8.5", "9", "43", "8.5"], "加分": "12"},  # 87 + 10 = 97
        "6014": {"items": ["8.5", "8.5", "8", "8.5", "43", "8.5"], "扣分": "11"},  # 85 − 10 = 75
        "6019": {"items": ["9", "9", "9", "9", "44.5", "9"]},  # 89.5
    },
}


def present(pid: str, year: int, label: str) -> bool:
    order = {"Q1": 1, "Q2": 2, "Q3": 3, "Q4": 4}[label]
    if pid == "6030":  # 调入 2024 Q3
        return year == 2025 or order >= 3
    if pid == "6018":  # 调出 after 2025 Q1
        return year == 2024 or order <= 1
    if pid == "6031":  # 新录用 2025 Q3
        return year == 2025 and order >= 3
    return True


def split(total: Decimal, rng: random.Random) -> list[Decimal]:
    return split_on_grid(total, [m for _, m in ITEMS], rng, moves=4)


def quarter_rows(rng, people, year, label) -> list[list[str]]:
    spec = SPEC.get((year, label), {})
    pool = [d(v) / 2 for v in range(180, 198)]  # 90 … 98.5: distinct totals for random 好 candidates
    rng.shuffle(pool)
    used = {d(s["total"]) for s in spec.values() if "total" in s}
    pool = [v for v in pool if v not in used]
    rows = []
    for unit, members in UNITS.items():
        here = [(pid, dept) for pid, dept in members if present(pid, year, label)]
        handset = any(pid in spec for pid, _ in here)
        lucky = set() if handset else {pid for pid, _ in rng.sample(here, rng.choice((1, 2, 2, 3)))}
        for pid, dept in here:
            cells = {"编号": pid, "姓名": people[pid], "股室": dept, "考核单元": unit, "民主测评平均分": plain(d(rng.randint(160, 196)) / 2)}
            extra = spec.get(pid, {})
            if "items" in extra:
                scores = [d(x) for x in extra["items"]]
            else:
                if "total" in extra:
                    total = d(extra["total"])
                elif pid in lucky:
                    total = pool.pop()
                else:
                    total = d(rng.randint(152, 177)) / 2  # 76 … 88.5
                scores = split(total, rng)
            cells.update({name: plain(s) for (name, _), s in zip(ITEMS, scores, strict=False)})
            cells.update({k: v for k, v in extra.items() if k not in ("total", "items")})
            rows.append([cells.get(h, "") for h in HEADER])
    return rows


def write_xlsx(path: Path, title: str, rows) -> None:
    numeric = {HEADER.index(n) for n, _ in ITEMS} | {HEADER.index("加分"), HEADER.index("扣分"), HEADER.index("民主测评平均分")}
    write_titled_xlsx(path, "季度评鉴", title, HEADER, rows, numeric=numeric, empty_as_none=True, count=(2, "{} 人"), stamped=True, keep_modes=True)


def main() -> None:
    rng = random.Random(SEED)
    ids = sorted(pid for members in UNITS.values() for pid, _ in members)
    people = dict(zip(ids, names(rng, len(ids)), strict=False))
    write_agency(
        OUT,
        "鹤岭县自然资源局",
        ["办公室", "政治处", "规划股", "耕地保护股", "执法监察大队", "不动产登记中心"],
        "鹤岭县自然资源局平时考核领导小组",
        "局人事科（电话 0000-5561234）",
        note="虚构单位，仅用于演示 s003-p6（003 篇六）。人员姓名均为随机生成。\n考核单元（按分管领导所分管股室和承担专项任务的集体划分）：综合保障单元、国土空间规划单元、耕地保护单元、\n执法监察单元、不动产登记单元、国土调查专项单元。",
    )
    base = OUT / SCHEME
    formats = {
        (2024, "Q1"): "Q1.xlsx",
        (2024, "Q2"): "Q2.csv",
        (2024, "Q3"): "Q3.csv",
        (2024, "Q4"): "Q4.csv",
        (2025, "Q1"): "第一季度.xlsx",
        (2025, "Q2"): "Q2.csv",
        (2025, "Q3"): "Q3.csv",
        (2025, "Q4"): "Q4.xlsx",
    }
    gbk = {(2024, "Q3"), (2025, "Q2")}
    for year in (2024, 2025):
        for k, label in enumerate(LABELS):
            rows = quarter_rows(rng, people, year, label)
            path = base / str(year) / formats[(year, label)]
            if path.suffix == ".xlsx":
                write_xlsx(path, f"鹤岭县自然资源局{year}年第{'一二三四'[k]}季度公务员平时（绩效）考核评鉴汇总表", rows)
            else:
                write_csv(path, HEADER, rows, "gb18030" if (year, label) in gbk else "utf-8-sig")
    write_csv(
        base / "2024" / "Q3.decisions.csv",
        ["编号", "姓名", "等次", "理由", "所决事项"],
        [
            ["6012", people["6012"], "较好", "2024年10月12日局平时考核领导小组会议：耕地保护单元并列第2名，名额已满，确定为较好",
             "并列：耕地保护单元「好」名额线 总分 92.50：6012、6013"],
            [
                "6013",
                people["6013"],
                "好",
                "2024年10月12日局平时考核领导小组会议：耕地保护单元并列第2名，6013 常驻乡镇开展耕地卫片执法核查，好等次向基层一线倾斜",
                "并列：耕地保护单元「好」名额线 总分 92.50：6012、6013",
            ],
        ],
        "utf-8-sig",
    )
    starts = {
        (2024, "Q1"): "2024-04-12",
        (2024, "Q2"): "2024-07-12",
        (2024, "Q3"): "2024-10-16",
        (2024, "Q4"): "2025-01-10",
        (2025, "Q1"): "2025-04-11",
        (2025, "Q2"): "2025-07-11",
        (2025, "Q3"): "2025-10-15",
        (2025, "Q4"): "2026-01-09",
    }
    for n, ((year, label), start) in enumerate(sorted(starts.items()), 1):
        write_notice(base / str(year) / f"{label}.notice.yaml", start, f"鹤自然资考〔{start[:4]}〕{n}号")


if __name__ == "__main__":
    main()
