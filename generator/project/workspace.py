"""What every command needs to find its way: the project root, a period named on the command line,
and the computed period it names."""

from __future__ import annotations

import re
from pathlib import Path

from generator.core.errors import UsageError
from generator.scheme.periods import period_words

_PERIOD_RE = re.compile(r"^(\d{4})\s*[-/年 ]?\s*(.*)$")


def project_root(args) -> Path:
    root = Path(args.project)
    if not (root / "schemes").is_dir():
        # run from inside a project (a terminal opened in content/某局/): name the project folder above,
        # as the place to run from; never run there unasked (a build's site/ would land elsewhere than typed)
        above = next((p for p in root.resolve().parents if (p / "schemes").is_dir() and (p / "content").is_dir()), None)
        hint = f"这是项目「{above}」里面的目录：请先 cd 到项目目录再运行，或用 kaohe -C {above} …" if above else "用 -C 指定项目目录"
        raise UsageError(f"「{root.resolve()}」不是 Kaohe 项目目录（缺少 schemes/）；{hint}。")
    return root


def parse_period(text: str) -> tuple[int, str]:
    from generator.scheme.periods import period_label

    match = _PERIOD_RE.match(text.strip())
    if not match:
        raise UsageError(f"看不懂考核期「{text}」；写成 2024-Q1、2024-H1 或 2024-年度。")
    year, rest = int(match.group(1)), match.group(2).strip() or "年度"
    label = period_label(rest.removeprefix("年").strip() or "年度") if rest not in ("年度",) else "Y"
    if label is None:
        raise UsageError(f"看不懂考核期「{text}」；写成 2024-Q1、2024-H1 或 2024-年度。")
    return year, label


def find_period(periods, scheme: str, year: int, label: str, agency: str | None):
    matches = [p for p in periods if p.scheme.code == scheme and p.year == year and p.label == label and (agency is None or p.agency == agency)]
    if not matches:
        known = sorted({f"{p.agency}:{p.year}-{p.label}" for p in periods if p.scheme.code == scheme})
        raise UsageError(f"没有方案「{scheme}」{year} 年 {label} 的成绩（已有：{'、'.join(known) or '无'}）。" + _rollup_hint(periods, scheme, year, label))
    if len(matches) > 1:
        raise UsageError(f"方案「{scheme}」用于多个单位（{'、'.join(p.agency for p in matches)}）；用 --agency 指定。")
    return matches[0]


def _rollup_hint(periods, scheme: str, year: int, label: str) -> str:
    """For a roll-up that is not computed because it has no sheet of its own: the two ways to have it."""
    found = next((p.scheme for p in periods if p.scheme.code == scheme), None)
    assessment = found.assessment_for_label(label) if found is not None else None
    if assessment is None or not assessment.rolls_up or assessment.results_optional:
        return ""
    return (f"「{assessment.name}」由各期汇总，但它要有自己的成绩表才计算：放一个 {year} 年 {label} 的成绩表（如 {label}.xlsx 或 {period_words(label)}.xlsx，"
            "有编号、姓名、部门等列，可用 kaohe template 生成），或在方案的这种考核中写 results_optional: true（不用成绩表，人员取自各期）。")


def unknown_scheme(project, code: str) -> str:
    """Why `code` names no usable scheme: a file with errors (not used until they are fixed), or no such code."""
    if code in project.broken_schemes:
        return f"方案「{code}」（{project.broken_schemes[code]}）有错误，改正前不能使用；请先运行 kaohe check，按提示修改。"
    return f"没有 code 为「{code}」的方案（现有：{'、'.join(sorted(project.schemes)) or '无'}）。"
