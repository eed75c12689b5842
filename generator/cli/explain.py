"""`kaohe explain`: how one person's result came about, step by step."""

from __future__ import annotations

import sys

from generator.core.errors import EXIT_OK, UsageError
from generator.core.problems import Problem, Severity, printable
from generator.engine.compute import load_everything
from generator.engine.explain import explain_text
from generator.project.workspace import find_period, parse_period, project_root, unknown_scheme


def cmd_explain(args) -> int:
    root = project_root(args)
    project, periods, problems = load_everything(root)
    if args.scheme not in project.schemes:
        raise UsageError(unknown_scheme(project, args.scheme))
    year, label = parse_period(args.period)
    period = find_period(periods, args.scheme, year, label, args.agency)
    result = period.person(args.id) or period.person(args.id.strip())
    if result is None:
        raise UsageError(f"{period.period_name}的成绩中没有编号「{args.id}」。" + _did_you_mean(period, args.id))
    print(printable(explain_text(period, result)))  # names and words from user data: control characters escaped
    own = [p for p in period.problems if p.severity is Severity.ERROR]
    if own:
        print("\n注意：本期成绩表有错误，以上结果可能不完整：", file=sys.stderr)
        for p in own[:10]:
            print("  " + Problem.format(p), file=sys.stderr)
    return EXIT_OK


def _did_you_mean(period, typed: str) -> str:
    """The people the office may have meant: the ID without its leading zeros (7 for 0007), or the
    name typed instead of the ID. Never a guess made for them: the command names the ID to use."""
    typed = typed.strip()
    bare = typed.lstrip("0")
    found = [p for p in sorted(period.people, key=lambda p: p.id) if (bare and p.id.lstrip("0") == bare) or p.person.name == typed]
    if not found:
        return "请核对编号（成绩表「" + period.scheme.people.id + "」列）。"
    shown = "、".join(f"{p.id}（{p.person.name}）" for p in found[:5])
    return f"是否要查 {shown}？请用成绩表中的编号重新运行，如 kaohe explain {period.scheme.code} {period.year}-{period.label} {found[0].id}。"
