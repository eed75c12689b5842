"""Demo results for schemes/s003-p2.yaml (003 篇二) at an invented agency, 云溪县财政局.

Run from the project root:  python tools/demo/make_s003-p2.py
Deterministic (fixed seed): running it twice writes the same files. Every person and the agency are
invented. Writes content/yunxi-czj/ (agency.yaml and s003-p2/<year>/…).

What the data exercises (tests/golden/test_s003_p2.py checks these by hand):
  2024 Q1 (xlsx, merged title row, trailing 合计 row): 好 quota cut; 0003 急难险重 → 好 (protected);
          0007 加分 6 capped at 5; 0012 at 89.50 falls in the 89—90 gap → 较好.
  2024 Q2 (UTF-8 BOM CSV): a tie at the 好 line, 0005 and 0009, resolved in Q2.decisions.csv;
          0029 joins as a 新录用 in 试用期 → 不确定等次.
  2024 Q3 (GBK CSV): 0014 立案调查 → 不确定等次; 0016 不服从安排 → 较差; 0021 减分 3.
  2024 Y  (UTF-8 BOM CSV): 年度拟定等次; gate (0004: 一般 in a quarter → 不得优秀); caps (0018, 0019);
          优秀 quota by 平时考核平均分; 0029 still in 试用期 → 不确定等次. 0026 retired after Q1.
  2025 Q1 (xlsx): 0006 工作负荷 typed as text in full-width digits; 0010 病事假 over half → 不确定等次.
  2025 Q2 (UTF-8 BOM CSV): 0013 工伤 病假 over half → 较好 (not 不确定等次).
  2025 Q3 (GBK CSV): 0030 transfers in; 0027 transferred out after Q2.
  2025 年度 (xlsx).
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from demo_kit import ROOT, d, names, plain, split_on_grid, write_agency, write_csv, write_notice, write_titled_xlsx

AGENCY = "yunxi-czj"
SCHEME = "s003-p2"
OUT = ROOT / "content" / AGENCY
SEED = 20240302

DEPARTMENTS = ["办公室", "预算股", "国库股", "经济建设股", "综合股"]
ITEMS = [  # (column, max) in the order of 附件2
    ("思想政治素质", 6),
    ("职业道德", 4),
    ("社会公德", 6),
    ("家庭美德", 4),
    ("岗位执行能力", 5),
    ("综合业务能力", 6),
    ("开拓创新能力", 5),
    ("沟通协作能力", 4),
    ("工作责任心", 5),
    ("工作作风", 5),
    ("出勤情况", 5),
    ("工作负荷", 15),
    ("工作效率", 10),
    ("工作成效", 10),
    ("遵章守纪情况", 4),
    ("艰苦奋斗勤俭节约情况", 3),
    ("日常信访举报情况", 3),
]
INPUTS = ["试用期", "立案调查", "工伤", "病事假天数", "应出勤天数", "急难险重表现突出", "不服从安排"]
HEADER = ["序号", "编号", "姓名", "科室", *[c for c, _ in ITEMS], "加分", "减分", *INPUTS]
WORKDAYS = {(2024, "Q1"): 57, (2024, "Q2"): 59, (2024, "Q3"): 66, (2025, "Q1"): 57, (2025, "Q2"): 59, (2025, "Q3"): 66}

# Hand-set item scores for the people the golden test follows (sum shown in the comment).
FIXED: dict[tuple[int, str, str], list[str]] = {
    # 0003 2024 Q1: 5+3.5+5+3.5 + 4+5+4+3.5 + 4.5+4.5+4.5 + 13+8.5+8.5 + 3.5+3+2.5 = 86
    (2024, "Q1", "0003"): ["5", "3.5", "5", "3.5", "4", "5", "4", "3.5", "4.5", "4.5", "4.5", "13", "8.5", "8.5", "3.5", "3", "2.5"],
    # 0007 2024 Q1: items 87, 加分 6 (capped at 5) → 92
    (2024, "Q1", "0007"): ["5.5", "3.5", "5", "3.5", "4.5", "5", "4", "3.5", "4.5", "4.5", "4.5", "13", "8.5", "8.5", "3.5", "2.5", "3"],
    # 0012 2024 Q1: 89.5 (the 89—90 gap)
    (2024, "Q1", "0012"): ["5.5", "3.5", "5.5", "3.5", "4.5", "5.5", "4.5", "3.5", "4.5", "4.5", "4.5", "13", "9", "8.5", "4", "2.5", "3"],
    # 0013 2025 Q2: 4+3+4+3 + 3.5+4+3+3 + 3.5+3.5+2 + 10.5+7+7 + 3.5+2.5+3 = 70 (工伤, 病假 40 of 59 days)
    (2025, "Q2", "0013"): ["4", "3", "4", "3", "3.5", "4", "3", "3", "3.5", "3.5", "2", "10.5", "7", "7", "3.5", "2.5", "3"],
}


def split(total: Decimal, rng: random.Random) -> list[Decimal]:
    return split_on_grid(total, [m for _, m in ITEMS], rng, moves=6)


class Person:
    def __init__(self, pid: str, name: str, dept: str, base: float):
        self.id, self.name, self.dept, self.base = pid, name, dept, base


def roster(rng: random.Random) -> dict[str, Person]:
    pool = names(rng, 30)
    people = {}
    for n in range(1, 31):
        pid = f"{n:04d}"
        dept = DEPARTMENTS[(n - 1) % len(DEPARTMENTS)]
        people[pid] = Person(pid, pool[n - 1], dept, rng.uniform(79, 95))
    return people


# who is in which period (joiners and leavers)
def present(pid: str, year: int, label: str) -> bool:
    n = int(pid)
    order = {"Q1": 1, "Q2": 2, "Q3": 3, "Y": 4}[label]
    if n == 26:  # 退休 after 2024 Q1
        return year == 2024 and label == "Q1"
    if n == 27:  # 调出 after 2025 Q2
        return year == 2024 or order <= 2
    if n == 28:
        return True
    if n == 29:  # 新录用 2024 Q2
        return year == 2025 or order >= 2
    if n == 30:  # 调入 2025 Q3
        return year == 2025 and order >= 3
    return True


# special rows: (year, label, id) -> overrides of the generated row
SPECIAL: dict[tuple[int, str, str], dict] = {
    (2024, "Q1", "0003"): {"急难险重表现突出": "是"},
    (2024, "Q1", "0007"): {"加分": "6"},
    (2024, "Q2", "0029"): {"试用期": "是"},
    (2024, "Q3", "0029"): {"试用期": "是"},
    (2025, "Q1", "0029"): {"试用期": "是"},
    (2024, "Q3", "0014"): {"立案调查": "是"},
    (2024, "Q3", "0016"): {"不服从安排": "是"},
    (2024, "Q3", "0021"): {"减分": "3"},
    (2025, "Q1", "0010"): {"病事假天数": "31"},
    (2025, "Q2", "0013"): {"工伤": "是", "病事假天数": "40"},
    (2025, "Q2", "0008"): {"急难险重表现突出": "是"},
    (2025, "Q3", "0022"): {"不服从安排": "是"},
}
# hand-set totals (item sum plus adjustments) for people whose grade the story needs
TOTALS: dict[tuple[int, str, str], str] = {
    # 0004: 一般 in 2024 Q2 → the 优秀 gate fails in 2024 Y
    (2024, "Q1", "0004"): "93",
    (2024, "Q2", "0004"): "72.5",
    (2024, "Q3", "0004"): "94",
    # 0018: 一般, 较差, 较好 → (1+1)×2 > 3 → at most 基本称职
    (2024, "Q1", "0018"): "70",
    (2024, "Q2", "0018"): "58.5",
    (2024, "Q3", "0018"): "78",
    # 0019: 较差 in every quarter → 不称职
    (2024, "Q1", "0019"): "57",
    (2024, "Q2", "0019"): "55.5",
    (2024, "Q3", "0019"): "59.5",
    # the 2024 Q2 tie at the 好 line
    (2024, "Q2", "0005"): "91",
    (2024, "Q2", "0009"): "91",
    (2025, "Q1", "0010"): "84",
    (2025, "Q2", "0008"): "85.5",
    (2025, "Q3", "0022"): "88",
    (2024, "Q3", "0014"): "86",
    (2024, "Q3", "0016"): "80",
    (2024, "Q3", "0021"): "83.5",
}


FORCED_GOOD = ("急难险重表现突出",)
NO_GRADE = ("试用期", "立案调查")


def band(total: Decimal) -> str:
    return "好" if total >= 90 else "较好" if total >= 75 else "一般" if total >= 60 else "较差"


def quarter_totals(rng: random.Random, people: dict[str, Person], year: int, label: str, legacy: bool = False) -> dict[str, Decimal]:
    """Each present person's total (items plus adjustments): hand-set ones, then distinct random ones."""
    key = (year, label)
    totals = {pid: d(t) for (y, lab, pid), t in TOTALS.items() if (y, lab) == key and present(pid, year, label)}
    for (y, lab, pid), scores in FIXED.items():
        if (y, lab) == key:
            extra = SPECIAL.get((y, lab, pid), {})
            totals[pid] = sum(d(x) for x in scores) + min(d(extra.get("加分", 0)), Decimal(5)) - min(d(extra.get("减分", 0)), Decimal(5))
    fixed = set(totals)
    taken = set(totals.values())
    for pid, person in people.items():
        if pid in fixed or not present(pid, year, label):
            continue
        total = (d(round((person.base + rng.uniform(-4, 4)) * 2)) / 2).min(Decimal(98))
        while total in taken:  # distinct totals: no accidental tie at the quota line
            total -= Decimal("0.5")
        taken.add(total)
        totals[pid] = total
    if key == (2024, "Q2"):
        _tie_at_line(totals, fixed, year, label, legacy)
    return totals


def _tie_at_line(totals: dict[str, Decimal], fixed: set[str], year: int, label: str, legacy: bool = False) -> None:
    """Make 0005 and 0009 (both 91) the last two candidates inside the 好 line: exactly (slots - 1) people above 91."""
    graded = [pid for pid in totals if not any(SPECIAL.get((year, label, pid), {}).get(f) == "是" for f in NO_GRADE)]
    # floor(n × 40%) of everyone taking part (base: all: 试用期 and the like count); `legacy` is the line before
    # the base was read from the seed's text, used only to keep the random stream of later periods unchanged
    slots = (len(graded) if legacy else len(totals)) * 2 // 5
    free = [pid for pid in sorted(totals, key=lambda p: (-totals[p], p)) if pid not in fixed and pid in graded]
    above, rest = free[: slots - 1], free[slots - 1 :]
    taken = {totals[p] for p in fixed}
    high = [v for v in (Decimal(x) / 2 for x in range(196, 182, -1)) if v not in taken]  # 98 … 91.5
    for pid, value in zip(above, high, strict=False):
        totals[pid] = value
    low = [Decimal(x) / 2 for x in range(181, 150, -1) if Decimal(x) / 2 not in taken]  # 90.5 … 75.5
    used = set(totals[p] for p in above) | taken
    for pid in rest:
        if totals[pid] >= 91 or totals[pid] in used:
            totals[pid] = next(v for v in low if v not in used)
        used.add(totals[pid])


def quarter_rows(rng: random.Random, people: dict[str, Person], year: int, label: str, totals: dict[str, Decimal]) -> list[list[str]]:
    key = (year, label)
    rows = []
    for pid, person in people.items():
        if not present(pid, year, label):
            continue
        extra = SPECIAL.get((year, label, pid), {})
        fixed = FIXED.get((year, label, pid))
        if fixed is not None:
            scores = [d(s) for s in fixed]
        else:
            items_total = totals[pid] - min(d(extra.get("加分", 0)), Decimal(5)) + min(d(extra.get("减分", 0)), Decimal(5))
            scores = split(items_total, rng)
        row = {"编号": pid, "姓名": person.name, "科室": person.dept, "应出勤天数": str(WORKDAYS[key])}
        row.update({c: plain(s) for (c, _), s in zip(ITEMS, scores, strict=False)})
        if rng.random() < 0.15 and "病事假天数" not in extra:
            row["病事假天数"] = str(rng.randint(1, 6))
        row.update(extra)
        rows.append([row.get(h, "") for h in HEADER])
    for i, row in enumerate(rows, 1):
        row[0] = str(i)
    return rows


def quarter_grade(year: int, label: str, pid: str, total: Decimal) -> str | None:
    """The grade the scheme gives before quotas (enough to choose whom the committee proposes for 优秀)."""
    extra = SPECIAL.get((year, label, pid), {})
    if any(extra.get(f) == "是" for f in NO_GRADE):
        return None
    if extra.get("病事假天数") and d(extra["病事假天数"]) * 2 > WORKDAYS[(year, label)] and extra.get("工伤") != "是":
        return None
    if extra.get("工伤") == "是":
        return "较好"
    if extra.get("急难险重表现突出") == "是":
        return "好"
    if extra.get("不服从安排") == "是":
        return "较差"
    return band(total)


def year_grades(people: dict[str, Person], year: int, history: dict[str, dict[str, Decimal]]) -> dict[str, str]:
    """年度拟定等次 as the committee writes it: 优秀 for the seven best eligible by 平时考核平均分 (more than the
    20% quota allows, so the engine cuts two), plus 0004 in 2024 who is not eligible (gate); 称职 otherwise,
    except the hand-set cases."""
    grades = {}
    eligible = []
    for pid in people:
        if not present(pid, year, "Y") or pid not in history:
            continue
        marks = [quarter_grade(year, lab, pid, t) for lab, t in history[pid].items()]
        if None in marks:  # 立案调查, 试用期 or long leave in a quarter: not proposed for 优秀
            continue
        graded = [m for m in marks if m]
        sums = sum(history[pid].values())
        if graded and 2 * graded.count("好") >= len(graded) and not {"一般", "较差"} & set(graded):
            eligible.append((sums / len(history[pid]), pid))
    means = set()
    for mean, pid in sorted(eligible, reverse=True):
        if mean in means:  # keep the 优秀 proposals free of ties in 平时考核平均分
            continue
        means.add(mean)
        grades[pid] = "优秀"
        if len(grades) == 7:
            break
    grades.update(YEAR_GRADES[year])
    return grades


YEAR_GRADES: dict[int, dict[str, str]] = {
    2024: {"0004": "优秀", "0018": "称职", "0019": "基本称职"},
    2025: {},
}


def year_rows(people: dict[str, Person], year: int, grades: dict[str, str]) -> list[list[str]]:
    rows = []
    for pid, person in people.items():
        if not present(pid, year, "Y"):
            continue
        trainee = "是" if (year == 2024 and pid == "0029") else ""
        rows.append([pid, person.name, person.dept, grades.get(pid, "称职"), trainee])  # a trainee's grade is overridden
    return rows


def write_xlsx(path: Path, title: str, header: list[str], rows: list[list[str]], numeric_from: int, keep_text=frozenset()) -> None:
    numeric = range(numeric_from, len(header))
    write_titled_xlsx(path, "成绩表", title, header, rows, numeric=numeric, keep_text=keep_text, count=(3, "共 {} 人"), stamped=True, keep_modes=True)


def main() -> None:
    rng = random.Random(SEED)
    people = roster(rng)
    write_agency(OUT, "云溪县财政局", DEPARTMENTS, "云溪县财政局公务员平时考核工作领导小组", "局人事科（县行政中心三楼 305 室）", note="虚构单位，仅用于演示 s003-p2（003 篇二）。人员姓名均为随机生成。")
    base = OUT / SCHEME
    for year in (2024, 2025):
        history: dict[str, dict[str, Decimal]] = {}
        for label in ("Q1", "Q2", "Q3"):
            after = None
            if (year, label) == (2024, "Q2"):  # the random draws as they were before the 好 line moved, so later periods stay
                ghost = random.Random()
                ghost.setstate(rng.getstate())
                quarter_rows(ghost, people, year, label, quarter_totals(ghost, people, year, label, legacy=True))
                after = ghost.getstate()
            totals = quarter_totals(rng, people, year, label)
            for pid, total in totals.items():
                history.setdefault(pid, {})[label] = total
            rows = quarter_rows(rng, people, year, label, totals)
            if after is not None:
                rng.setstate(after)
            where = base / str(year)
            title = f"云溪县财政局{year}年第{'一二三'[int(label[1]) - 1]}季度公务员平时考核量化指标得分汇总表"
            if (year, label) == (2024, "Q1"):
                write_xlsx(where / "第一季度.xlsx", title, HEADER, rows, numeric_from=4)
            elif (year, label) == (2025, "Q1"):
                # one score typed with full-width digits as text, as pasted from a Word form
                i = next(k for k, r in enumerate(rows) if r[1] == "0006")
                j = HEADER.index("工作负荷")
                rows[i][j] = rows[i][j].translate(str.maketrans("0123456789", "０１２３４５６７８９"))
                write_xlsx(where / "Q1.xlsx", title, HEADER, rows, numeric_from=4, keep_text={(i, j)})
            elif label == "Q3":
                write_csv(where / "Q3.csv", HEADER, rows, "gb18030")
            else:
                write_csv(where / f"{label}.csv", HEADER, rows, "utf-8-sig")
        year_header = ["编号", "姓名", "科室", "年度拟定等次", "试用期"]
        rows = year_rows(people, year, year_grades(people, year, history))
        if year == 2024:
            write_csv(base / "2024" / "Y.csv", year_header, rows, "utf-8-sig")
        else:
            write_xlsx(base / "2025" / "年度.xlsx", "云溪县财政局2025年度公务员年度考核拟定等次", year_header, rows, numeric_from=99)
    write_csv(
        base / "2024" / "Q2.decisions.csv",
        ["编号", "姓名", "等次", "理由", "所决事项"],
        [
            [
                "0005",
                people["0005"].name,
                "好",
                "2024年7月8日局平时考核工作领导小组会议：并列第10名，0005 长期在乡镇财政所一线驻点，好等次名额向基层一线倾斜",
                "并列：全单位「好」名额线 总分 91：0005、0009",
            ],
            ["0009", people["0009"].name, "较好", "2024年7月8日局平时考核工作领导小组会议：并列第10名，名额已满，确定为较好",
             "并列：全单位「好」名额线 总分 91：0005、0009"],
        ],
        "utf-8-sig",
    )
    notices = {
        (2024, "Q1"): ("2024-04-10", "云财人〔2024〕7号"),
        (2024, "Q2"): ("2024-07-10", "云财人〔2024〕15号"),
        (2024, "Q3"): ("2024-10-14", "云财人〔2024〕22号"),
        (2024, "Y"): ("2025-01-13", "云财人〔2025〕2号"),
        (2025, "Q1"): ("2025-04-09", "云财人〔2025〕8号"),
        (2025, "Q2"): ("2025-07-09", "云财人〔2025〕16号"),
        (2025, "Q3"): ("2025-10-13", "云财人〔2025〕23号"),
        (2025, "Y"): ("2026-01-12", "云财人〔2026〕1号"),
    }
    for (year, label), (start, number) in notices.items():
        write_notice(base / str(year) / f"{label}.notice.yaml", start, number)


if __name__ == "__main__":
    main()
