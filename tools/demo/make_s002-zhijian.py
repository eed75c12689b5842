"""Demo results for s002-zhijian (州质量技术监督局机关目标管理方案，个人考核) at an invented agency.

    python tools/demo/make_s002-zhijian.py          # rewrites content/nanming-zj/agency.yaml and s002-zhijian/

Deterministic (fixed random seed). Invented agency 南溟州质量技术监督局 and invented people.
Periods: 半年初评 (H1) and 年度考核 (Y), 2024 and 2025. Files: UTF-8 CSV with BOM (as saved by
Excel's「CSV UTF-8」), except 2025 年度 which the office sent as .xlsx with a merged title row.
2025 年度 has a tie at the 30% line, someone beyond the line, people forced to 不称职 by the
listed conditions, and a 试用期 recruit whom the committee leaves 不确定等次 (decisions file).
"""

from __future__ import annotations

import random
from pathlib import Path

from demo_kit import ROOT, fresh, write_agency, write_csv, write_notice, write_titled_xlsx

AGENCY = "nanming-zj"
SCHEME = "s002-zhijian"
OUT = ROOT / "content" / AGENCY
DEPARTMENTS = ["办公室", "计量科", "标准化科", "质量监督科", "特种设备安全监察科", "稽查科"]
INPUTS = [
    "不能胜任", "重大失误受处分", "党纪处分", "以权谋私", "单次最长旷工天数", "超假天数", "旷工天数", "病假天数", "事假天数",
    "漏岗次数", "缺会次数", "会议迟到早退次数", "缺集中学习次数", "缺支部学习次数", "影响创建荣誉", "不参加集体活动",
]
H1_HEADER = ["编号", "姓名", "科室", "阶段性评价得分", "初评等次"]
Y_HEADER = ["编号", "姓名", "科室", "民主测评得分", "年度考核等次", *INPUTS]

# 2024 roster (编号, 姓名, 科室); invented names only.
ROSTER_2024 = [
    ("ZJ001", "廖承志远", "办公室"), ("ZJ002", "符晓梅", "办公室"), ("ZJ003", "张伟", "计量科"), ("ZJ004", "张伟", "计量科"),
    ("ZJ005", "阿依古丽·买买提", "计量科"), ("ZJ006", "缪文静", "计量科"), ("ZJ007", "龚启航", "标准化科"), ("ZJ008", "伍佳宁", "标准化科"),
    ("ZJ009", "杭子墨", "标准化科"), ("ZJ010", "乐嘉禾", "质量监督科"), ("ZJ011", "褚思源", "质量监督科"), ("ZJ012", "米兰心", "质量监督科"),
    ("ZJ013", "申屠睿", "质量监督科"), ("ZJ014", "钭海宁", "特种设备安全监察科"), ("ZJ015", "栾书豪", "特种设备安全监察科"),
    ("ZJ016", "阙明月", "特种设备安全监察科"), ("ZJ017", "佘振宇", "特种设备安全监察科"), ("ZJ018", "晏秋池", "稽查科"),
    ("ZJ019", "仇立新", "稽查科"), ("ZJ020", "巫雅婷", "稽查科"), ("ZJ021", "鄢国庆", "稽查科"), ("ZJ022", "苗沐阳", "办公室"),
    ("ZJ023", "雷之华", "计量科"), ("ZJ024", "骆晴川", "标准化科"), ("ZJ025", "贲可心", "质量监督科"), ("ZJ026", "桑永杰", "稽查科"),
    ("ZJ027", "顾一苇", "办公室"), ("ZJ028", "辜明哲", "特种设备安全监察科"),
]
LEAVE_AFTER_2024 = {"ZJ022", "ZJ027"}
JOIN_2025 = [("ZJ029", "易安然", "计量科"), ("ZJ030", "荀晓彤", "稽查科"), ("ZJ031", "储嘉木", "标准化科"), ("ZJ032", "郦思齐", "办公室")]

# 2024 年度: 28 people, 优秀 at most floor(28 × 30%) = 8; nine were put forward, the lowest drops.
EXCELLENT_2024 = {"ZJ001": "97", "ZJ003": "96.5", "ZJ007": "95", "ZJ010": "94.5", "ZJ014": "94", "ZJ018": "93",
                  "ZJ005": "92.5", "ZJ011": "92", "ZJ024": "90.5"}
# 2025 年度 hand-written rows (golden tests). 30 people → 优秀 at most floor(30 × 30%) = 9.
EXCELLENT_2025 = {"ZJ001": "98", "ZJ003": "97.5", "ZJ007": "96", "ZJ010": "95.5", "ZJ014": "95", "ZJ018": "94",
                  "ZJ004": "93.5", "ZJ008": "93",  # 8 clear places
                  "ZJ005": "92", "ZJ011": "92",  # tied for the 9th place → committee
                  "ZJ024": "91.5"}  # 11th → 称职
GOLDEN_2025 = {
    "ZJ012": {"民主测评得分": "96.5", "年度考核等次": "优秀", "会议迟到早退次数": 3},  # forced 不称职 although put forward for 优秀
    "ZJ013": {"民主测评得分": "84", "年度考核等次": "称职", "旷工天数": 5, "单次最长旷工天数": 1},  # 累计超过4个工作日 → 不称职
    "ZJ015": {"民主测评得分": "86", "年度考核等次": "称职", "病假天数": 40},  # 40 天不超过 40 天 → 仍为称职
    "ZJ019": {"民主测评得分": "80.5", "年度考核等次": "基本称职", "漏岗次数": 2},  # 2次以上含本数 → 不称职
    "ZJ020": {"民主测评得分": "83", "年度考核等次": "称职", "事假天数": 31},  # 超过1个月（30天）→ 不称职
    "ZJ030": {"民主测评得分": "85", "年度考核等次": "称职"},  # 试用期，领导小组决定不确定等次
}
DECISIONS_2025 = [
    ("ZJ005", "阿依古丽·买买提", "优秀", "2026年1月9日局目标管理考评领导小组会议：与褚思源民主测评得分并列，其全年承担计量比对任务，保留优秀",
     "并列：全单位「优秀」名额线 民主测评得分 92：ZJ005、ZJ011"),
    ("ZJ011", "褚思源", "称职", "2026年1月9日局目标管理考评领导小组会议：与阿依古丽·买买提民主测评得分并列，名额已满，确定为称职",
     "并列：全单位「优秀」名额线 民主测评得分 92：ZJ005、ZJ011"),
    ("ZJ030", "荀晓彤", "不确定等次", "2026年1月9日局目标管理考评领导小组会议：2025年9月新录用，试用期内参加年度考核，不确定等次", "原为：称职"),
]


def titled_xlsx(path: Path, title: str, header: list[str], rows: list[dict]) -> None:
    values = [[None if row.get(name, "") == "" else row[name] for name in header] for row in rows]
    write_titled_xlsx(path, "年度考核", title, header, values, footer="备注：不称职情形各列据考勤和会议、学习签到记录填写，无则留空。")


def h1_rows(rng: random.Random, roster) -> list[dict]:
    rows = []
    for pid, name, dept in roster:
        score = rng.randint(160, 196) / 2
        grade = "优秀" if score >= 93 else "称职" if score >= 80 else "基本称职"
        rows.append({"编号": pid, "姓名": name, "科室": dept, "阶段性评价得分": f"{score:.1f}", "初评等次": grade})
    return rows


def y_rows(rng: random.Random, roster, excellent: dict, golden: dict) -> list[dict]:
    rows = []
    for pid, name, dept in roster:
        row = {"编号": pid, "姓名": name, "科室": dept}
        if pid in excellent:
            row |= {"民主测评得分": excellent[pid], "年度考核等次": "优秀"}
        elif pid in golden:
            row |= golden[pid]
        else:
            row |= {"民主测评得分": str(rng.randint(160, 181) / 2), "年度考核等次": rng.choice(["称职"] * 6 + ["基本称职"])}
            if rng.random() < 0.3:
                row["病假天数"] = rng.choice([2, 5, 12])
            if rng.random() < 0.2:
                row["事假天数"] = rng.choice([1, 3, 6])
            if rng.random() < 0.15:
                row["会议迟到早退次数"] = 1
        rows.append(row)
    return rows


def main() -> None:
    rng = random.Random(20220621)
    fresh(OUT / SCHEME)  # only this scheme's folder: s002-zhijian-keshi lives beside it
    write_agency(OUT, "南溟州质量技术监督局", DEPARTMENTS, "南溟州质量技术监督局机关目标管理责任制考评领导小组", "局机关党委（目标管理办公室，电话 0000-8200789）")
    roster_2025 = [p for p in ROSTER_2024 if p[0] not in LEAVE_AFTER_2024] + JOIN_2025
    y2024 = OUT / SCHEME / "2024"
    y2025 = OUT / SCHEME / "2025"
    y2024.mkdir(parents=True)
    y2025.mkdir(parents=True)
    # H1 of 2025 is before the September recruit (ZJ030) and the later joiners ZJ031/ZJ032 arrived in May.
    write_csv(y2024 / "H1.csv", H1_HEADER, h1_rows(rng, ROSTER_2024), "utf-8-sig")
    write_csv(y2024 / "Y.csv", Y_HEADER, y_rows(rng, ROSTER_2024, EXCELLENT_2024, {}), "utf-8-sig")
    write_notice(y2024 / "Y.notice.yaml", "2025-01-13", "南溟质监考评〔2025〕1号")
    h1_2025 = [p for p in roster_2025 if p[0] != "ZJ030"]
    write_csv(y2025 / "上半年.csv", H1_HEADER, h1_rows(rng, h1_2025), "utf-8-sig")
    titled_xlsx(y2025 / "年度.xlsx", "南溟州质量技术监督局2025年度机关工作人员目标管理考核汇总表", Y_HEADER,
                y_rows(rng, roster_2025, EXCELLENT_2025, GOLDEN_2025))
    write_csv(y2025 / "年度.decisions.csv", ["编号", "姓名", "等次", "理由", "所决事项"], DECISIONS_2025, "utf-8-sig")
    write_notice(y2025 / "年度.notice.yaml", "2026-01-12", "南溟质监考评〔2026〕2号")


if __name__ == "__main__":
    main()
