"""A department merged from two (agency.yaml: 综合办 formerly [办公室, 预算股]): the comparison took the year before
from the first former name it found, so 综合办 (both teams) was set against 办公室 alone, and its 较上年 and
the department page's earlier years counted half the department."""

from __future__ import annotations

from generator.core.problems import Problems
from generator.site.generate import generate
from tests.web.test_compare_forms import cells
from tests.web.util import copy_demo_part


def test_a_merged_department_is_compared_with_all_it_was_made_of(tmp_path):
    root = copy_demo_part(tmp_path, ("yunxi-czj",))
    agency = root / "content/yunxi-czj/agency.yaml"
    text = agency.read_text(encoding="utf-8")
    agency.write_text(text.replace("departments: [办公室, 预算股, 国库股, 经济建设股, 综合股]",
                                   "departments: [{name: 综合办, formerly: [办公室, 预算股]}, 国库股, 经济建设股, 综合股]"), encoding="utf-8")
    year = root / "content/yunxi-czj/s003-p2/2025"
    for name in ("Q1.xlsx", "Q1.notice.yaml", "年度.xlsx", "Y.notice.yaml"):
        (year / name).unlink()
    for name in ("Q2.csv", "Q3.csv"):
        sheet = year / name
        raw = sheet.read_bytes()
        encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "gb18030"  # the demo's sheets are saved as offices save them
        sheet.write_bytes(raw.decode(encoding).replace(",办公室,", ",综合办,").replace(",预算股,", ",综合办,").encode(encoding))
    problems = Problems()
    g = generate(root, "internal", problems)
    assert not problems.has_errors(), [p.message for p in problems.sorted()]
    before = next(p for p in g.periods if p.key == "yunxi-czj/s003-p2/2024/Q2")
    members = [p for p in before.people if p.person.department in ("办公室", "预算股")]
    good = sum(1 for p in members if p.status == "graded" and p.grade == "好")
    page = next(v.decode() for k, v in g.files.items() if k.startswith("compare/yunxi-czj/") and k.endswith(".md") and "综合办 · 历年对比" in v.decode())
    q2 = next(part for part in page.split("\n## ") if part.startswith("第二季度"))
    rows = {r[0]: r for r in cells(q2) if r}
    earlier = next(label for label in rows if label.startswith("2024年"))
    assert earlier == "2024年（办公室、预算股）", rows
    assert rows[earlier][1] == str(len(members)) and rows[earlier][2].startswith(f"{good} · ")
    year_page = g.files["compare/yunxi-czj/2025.md"].decode().split("## 2025年第二季度")[1].split("\n## ")[0]
    merged = next(r for r in cells(year_page) if r and r[0] == "综合办")
    now = next(p for p in g.periods if p.key == "yunxi-czj/s003-p2/2025/Q2")
    share_now = sum(1 for p in now.people if p.person.department == "综合办" and p.status == "graded" and p.grade == "好")
    assert merged[2].startswith(f"{share_now} · ")
    from decimal import Decimal
    together = len([p for p in now.people if p.person.department == "综合办"])
    change = (Decimal(share_now) / together - Decimal(good) / len(members)) * 100
    assert Decimal(merged[2].split("%")[-1]) == change.quantize(Decimal("0.1")), merged
