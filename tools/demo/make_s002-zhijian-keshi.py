"""Demo results for s002-zhijian-keshi (州质量技术监督局机关目标管理方案，科室考评).

    python tools/demo/make_s002-zhijian.py           # first: writes content/nanming-zj/agency.yaml
    python tools/demo/make_s002-zhijian-keshi.py     # rewrites content/nanming-zj/s002-zhijian-keshi/

The six 科室 of the invented 南溟州质量技术监督局 are the ones assessed (编号 KS01…KS06, the 科室 column
is both the name and the department). All values are written out by hand; UTF-8 CSV with BOM.
2025 年度: 计量科 put forward as 优秀 but 3 late reports → 未达标; 标准化科 2 late reports (只批评) →
stays 达标; 质量监督科 two targets missed for subjective reasons → 未达标.
"""

from __future__ import annotations

from demo_kit import ROOT, fresh, write_csv

AGENCY = "nanming-zj"
SCHEME = "s002-zhijian-keshi"
OUT = ROOT / "content" / AGENCY
HEADER = ["编号", "科室", "目标完成率", "考评等次", "主观原因未完成目标项数", "较大失误及交办任务未完成", "人员违章违纪",
          "服务态度差", "办事效率低", "一票否决", "领导小组认定其它行为", "未按时上报次数"]
UNITS = [("KS01", "办公室"), ("KS02", "计量科"), ("KS03", "标准化科"), ("KS04", "质量监督科"), ("KS05", "特种设备安全监察科"), ("KS06", "稽查科")]

# (编号) → (目标完成率, 考评等次, extra columns)
DATA = {
    (2024, "H1"): {"KS01": ("52", "达标", {}), "KS02": ("55", "优秀", {}), "KS03": ("48", "达标", {}), "KS04": ("50", "达标", {}),
                   "KS05": ("57", "优秀", {}), "KS06": ("46", "达标", {"未按时上报次数": 1})},
    (2024, "Y"): {"KS01": ("100", "优秀", {}), "KS02": ("100", "优秀", {}), "KS03": ("96", "达标", {}), "KS04": ("98", "达标", {}),
                  "KS05": ("100", "优秀", {}), "KS06": ("90", "达标", {"较大失误及交办任务未完成": "是"})},
    (2025, "H1"): {"KS01": ("55", "优秀", {}), "KS02": ("53", "优秀", {"未按时上报次数": 1}), "KS03": ("49", "达标", {}),
                   "KS04": ("44", "达标", {}), "KS05": ("56", "优秀", {}), "KS06": ("50", "达标", {})},
    (2025, "Y"): {"KS01": ("100", "优秀", {}), "KS02": ("100", "优秀", {"未按时上报次数": 3}),
                  "KS03": ("97", "达标", {"未按时上报次数": 2}), "KS04": ("91", "达标", {"主观原因未完成目标项数": 2}),
                  "KS05": ("100", "优秀", {}), "KS06": ("98", "达标", {"主观原因未完成目标项数": 1})},
}


def main() -> None:
    assert (OUT / "agency.yaml").exists(), "run tools/demo/make_s002-zhijian.py first"
    fresh(OUT / SCHEME)
    for (year, label), data in DATA.items():
        folder = OUT / SCHEME / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        rows = []
        for pid, name in UNITS:
            rate, grade, extra = data[pid]
            rows.append({"编号": pid, "科室": name, "目标完成率": rate, "考评等次": grade, **extra})
        write_csv(folder / f"{label}.csv", HEADER, rows, "utf-8-sig")


if __name__ == "__main__":
    main()
