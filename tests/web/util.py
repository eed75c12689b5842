"""Helpers for site tests: small projects in tmp and builds through the real CLI."""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

from generator.cli import main

REPO = Path(__file__).resolve().parents[2]
EPOCH = "1744243200"  # 2025-04-10: some demo 公示 are open on this date

P2_ITEMS = [
    ("思想政治素质", 6), ("职业道德", 4), ("社会公德", 6), ("家庭美德", 4), ("岗位执行能力", 5), ("综合业务能力", 6),
    ("开拓创新能力", 5), ("沟通协作能力", 4), ("工作责任心", 5), ("工作作风", 5), ("出勤情况", 5), ("工作负荷", 15),
    ("工作效率", 10), ("工作成效", 10), ("遵章守纪情况", 4), ("艰苦奋斗勤俭节约情况", 3), ("日常信访举报情况", 3),
]


def build(root: Path, *args: str, epoch: str = EPOCH) -> int:
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        return main(["-C", str(root), "build", "--quiet", *args])
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site by its path, but the manifest (it names the build's time)."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file() and p.name != "manifest.json"}


def copy_demo_part(tmp: Path, agencies: tuple[str, ...], name: str = "demo2") -> Path:
    """The demo's schemes and some of its agencies (with the holiday calendar and site settings)."""
    root = tmp / name
    shutil.copytree(REPO / "schemes", root / "schemes")
    for part in (*agencies, "holidays.yaml", "site.yaml"):
        source = REPO / "content" / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / "content" / part)
    return root


def copy_demo(tmp: Path) -> Path:
    root = tmp / "demo"
    root.mkdir()
    shutil.copytree(REPO / "schemes", root / "schemes")
    shutil.copytree(REPO / "content", root / "content")
    return root


def p2_project(tmp: Path, people: list[dict], departments: list[str], notice: str | None = "2025-04-08") -> Path:
    """A one-scheme project (s003-p2, 平时考核 Q1) with people given as {id, name, dept, scale or scores}."""
    root = tmp / "p2"
    (root / "schemes").mkdir(parents=True)
    shutil.copy(REPO / "schemes" / "s003-p2.yaml", root / "schemes" / "s003-p2.yaml")
    agency = root / "content" / "testju"
    period_dir = agency / "s003-p2" / "2025"
    period_dir.mkdir(parents=True)
    (agency / "agency.yaml").write_text(
        "name: 测试局\ndepartments: [" + ", ".join(f'"{d}"' for d in departments) + "]\nissuer: 测试局考核领导小组\n", encoding="utf-8"
    )
    header = ["编号", "姓名", "科室"] + [n for n, _ in P2_ITEMS] + ["加分", "减分", "试用期", "立案调查", "工伤", "病事假天数", "应出勤天数", "急难险重表现突出", "不服从安排"]
    with open(period_dir / "Q1.csv", "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for person in people:
            # every item at the same fraction of its max: total = 100 × fraction
            fraction = person["fraction"]
            scores = [str(m * fraction) for _, m in P2_ITEMS]
            writer.writerow([person["id"], person["name"], person["dept"], *scores, person.get("bonus", ""), "", "", "", "", "0", "60", "", ""])
    if notice:
        (period_dir / "Q1.notice.yaml").write_text(f"start: {notice}\ndays: 5\n", encoding="utf-8")
    return root
