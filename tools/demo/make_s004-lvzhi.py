"""Demo results for s004-lvzhi (市直机关工委干部履职尽责管理及考核方案) at an invented agency.

    python tools/demo/make_s004-lvzhi.py          # rewrites content/qingya-jggw/

Deterministic (fixed random seed). Invented agency 青崖市直属机关工作委员会 and invented people.
Periods: 半年评价 (H1, an .xlsx with a merged title row) and 年度考核 (Y, UTF-8 CSV with BOM),
2024 and 2025. In 2025 the 分管副书记 rated six people 优秀 against five places: all six tie (the
half-year rating is the only measure), and the decisions file resolves it; the annual score then
uses the final H1 rating. 2025 年度 also has someone beyond the 20% line and a 一票否决.
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from demo_kit import ROOT, fresh, write_agency, write_csv, write_notice, write_titled_xlsx

AGENCY = "qingya-jggw"
SCHEME = "s004-lvzhi"
OUT = ROOT / "content" / AGENCY
DEPARTMENTS = ["办公室", "组织部", "宣传部", "基层工作部", "机关纪工委"]
H1_HEADER = ["序号", "编号", "姓名", "部门", "半年评价等次"]
Y_HEADER = ["编号", "姓名", "部门", "年度评价等次", "内部评价", "年度考核等次", "一票否决"]
FACTOR = {"优秀": Decimal(1), "良好": Decimal("0.8"), "一般": Decimal("0.6"), "较差": Decimal("0.4")}

ROSTER_2024 = [
    ("GW01", "盛怀瑾", "办公室"), ("GW02", "殷若岚", "组织部"), ("GW03", "洪景川", "宣传部"), ("GW04", "闵嘉树", "基层工作部"),
    ("GW05", "饶晓芸", "机关纪工委"), ("GW06", "计明朗", "组织部"), ("GW07", "蒲云舒", "宣传部"), ("GW08", "濮志恒", "基层工作部"),
    ("GW09", "寇文达", "办公室"), ("GW10", "景怡然", "机关纪工委"), ("GW11", "张伟", "组织部"), ("GW12", "张伟", "组织部"),
    ("GW13", "热依拉·艾买提", "宣传部"), ("GW14", "屈新禾", "基层工作部"), ("GW15", "沃子衿", "办公室"), ("GW16", "訾海澄", "机关纪工委"),
    ("GW17", "籍晨曦", "组织部"), ("GW18", "郗望舒", "宣传部"), ("GW19", "满庭芳", "基层工作部"), ("GW20", "璩文轩", "办公室"),
    ("GW21", "柴静宜", "机关纪工委"), ("GW22", "越千帆", "组织部"), ("GW23", "佟一诺", "宣传部"), ("GW24", "边学林", "基层工作部"),
    ("GW25", "冀南星", "办公室"),
]
LEAVE_AFTER_2024 = {"GW20", "GW24"}
JOIN_2025 = [("GW26", "卞语桐", "宣传部"), ("GW27", "都知远", "基层工作部"), ("GW28", "古丽娜尔·吐尔逊", "办公室")]

# 2024: 25 people → 优秀 at most floor(25 × 20%) = 5, in both periods exactly five were given.
H1_EXCELLENT_2024 = ["GW01", "GW03", "GW05", "GW07", "GW11"]
Y_2024 = {  # 年度评价等次, 内部评价, 年度考核等次 for the five 优秀
    "GW01": ("优秀", "19", "优秀"), "GW03": ("优秀", "18.5", "优秀"), "GW05": ("优秀", "17", "优秀"),
    "GW07": ("优秀", "18", "优秀"), "GW02": ("优秀", "19.5", "优秀"),
}
# 2025 (golden tests): 26 people → 5 places. Six rated 优秀 at H1: a tie, decided by the committee.
H1_2025 = {"GW01": "优秀", "GW02": "优秀", "GW03": "优秀", "GW04": "优秀", "GW05": "优秀", "GW06": "优秀",
           "GW07": "良好", "GW08": "良好", "GW09": "一般", "GW10": "较差"}
TIE_H1_2025 = "并列：全单位「优秀」名额线 总分 30：GW01、GW02、GW03、GW04、GW05、GW06"
H1_DECISIONS_2025 = [
    ("GW01", "盛怀瑾", "优秀", "2025年7月3日委领导班子会议：半年评价优秀人数超过名额，综合工作项目完成质效，保留优秀", TIE_H1_2025),
    ("GW02", "殷若岚", "优秀", "2025年7月3日委领导班子会议：同上，保留优秀", TIE_H1_2025),
    ("GW03", "洪景川", "优秀", "2025年7月3日委领导班子会议：同上，保留优秀", TIE_H1_2025),
    ("GW04", "闵嘉树", "优秀", "2025年7月3日委领导班子会议：同上，保留优秀", TIE_H1_2025),
    ("GW05", "饶晓芸", "优秀", "2025年7月3日委领导班子会议：同上，保留优秀", TIE_H1_2025),
    ("GW06", "计明朗", "良好", "2025年7月3日委领导班子会议：半年评价优秀人数超过名额，其两个工作项目进度滞后，确定为良好", TIE_H1_2025),
]
Y_2025 = {  # 年度评价等次, 内部评价, 年度考核等次, 一票否决
    "GW01": ("优秀", "19", "优秀", ""),       # 30 + 50 + 19 = 99
    "GW02": ("优秀", "18.5", "优秀", ""),     # 98.5
    "GW03": ("优秀", "18", "优秀", ""),       # 98
    "GW04": ("优秀", "17", "优秀", ""),       # 97
    "GW05": ("良好", "16.5", "称职", ""),     # 30 + 40 + 16.5 = 86.5
    "GW06": ("良好", "17.5", "称职", ""),     # H1 decided 良好: 24 + 40 + 17.5 = 81.5
    "GW07": ("优秀", "18", "优秀", ""),       # 24 + 50 + 18 = 92 (fifth place)
    "GW08": ("良好", "16", "优秀", ""),       # 24 + 40 + 16 = 80, sixth → 称职 (年度评价 优秀 at most 5 of 26)
    "GW09": ("良好", "12.5", "称职", "是"),   # 18 + 40 + 12.5 = 70.5, 一票否决 → 不称职
    "GW10": ("一般", "10", "基本称职", ""),   # 12 + 30 + 10 = 52
}


def titled_xlsx(path: Path, title: str, rows: list[dict]) -> None:
    values = [[i if name == "序号" else row[name] for name in H1_HEADER] for i, row in enumerate(rows, start=1)]
    write_titled_xlsx(path, "半年评价", title, H1_HEADER, values, footer="填表：工委办公室　　审核：分管副书记")


def random_h1(rng: random.Random) -> str:
    return rng.choice(["良好"] * 5 + ["一般"] * 2 + ["较差"])


def random_y(rng: random.Random, h1: str) -> tuple[str, str, str, str]:
    rating = rng.choice(["良好"] * 4 + ["一般"] * 2)
    inner = Decimal(rng.randint(24, 34)) / 2
    total = 30 * FACTOR[h1] + 50 * FACTOR[rating] + inner
    grade = "称职" if total >= 60 else "基本称职"
    return rating, str(inner), grade, ""


def main() -> None:
    rng = random.Random(20190530)
    fresh(OUT)
    write_agency(OUT, "中共青崖市直属机关工作委员会", DEPARTMENTS, "中共青崖市直属机关工作委员会办公室", "工委办公室（电话 0000-5500321）")
    roster_2025 = [p for p in ROSTER_2024 if p[0] not in LEAVE_AFTER_2024] + JOIN_2025
    plans = {
        2024: (ROSTER_2024, {pid: "优秀" for pid in H1_EXCELLENT_2024}, Y_2024, []),
        2025: (roster_2025, H1_2025, Y_2025, H1_DECISIONS_2025),
    }
    for year, (roster, h1_fixed, y_fixed, decisions) in plans.items():
        folder = OUT / SCHEME / str(year)
        folder.mkdir(parents=True)
        h1_rows, y_rows = [], []
        for pid, name, dept in roster:
            h1 = h1_fixed.get(pid) or random_h1(rng)
            h1_rows.append({"编号": pid, "姓名": name, "部门": dept, "半年评价等次": h1})
            if pid in y_fixed:
                values = y_fixed[pid] if len(y_fixed[pid]) == 4 else (*y_fixed[pid], "")
            else:
                values = random_y(rng, h1)
            y_rows.append({"编号": pid, "姓名": name, "部门": dept, **dict(zip(Y_HEADER[3:], values, strict=True))})
        titled_xlsx(folder / "H1.xlsx", f"青崖市直机关工委干部工作项目{year}年上半年评价等次汇总表", h1_rows)
        write_notice(folder / "H1.notice.yaml", "2024-07-08" if year == 2024 else "2025-07-07", f"青崖直工办〔{year}〕{17 if year == 2024 else 21}号")
        if decisions:
            write_csv(folder / "H1.decisions.csv", ["编号", "姓名", "等次", "理由", "所决事项"], decisions, "utf-8-sig")
        write_csv(folder / "Y.csv", Y_HEADER, y_rows, "utf-8-sig")
        write_notice(folder / "Y.notice.yaml", "2025-01-06" if year == 2024 else "2026-01-05", f"青崖直工办〔{year + 1}〕{2 if year == 2024 else 3}号")


if __name__ == "__main__":
    main()
