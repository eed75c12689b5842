"""How problems reach the terminal: one line per problem, sorted, then a one-line summary."""

from __future__ import annotations

import sys

from generator.core.problems import Problems


def print_problems(problems: Problems, stream=None) -> None:
    stream = stream or sys.stdout
    follow_ons = problems.follow_ons()
    for problem in problems.sorted():
        print(problem.format(), file=stream)
        if follow_ons.get(problem):
            print(f"    另有 {follow_ons[problem]} 个问题由此引起，改正上面这一处后重新运行即可。", file=stream)


def summary_line(problems: Problems, command: str | None = "kaohe check") -> str:
    """`command`: the one to run again after the fixes (the one that failed); None where nothing is
    run again (the preview rebuilds when a file is saved)."""
    e, w, n = len(problems.errors), len(problems.warnings), len(problems.notes)
    infos = len(problems.infos)
    if infos:
        return _summary(e, w, n, command) + f"另有 {infos} 条说明（规则改变了填写的等次等），请在公示前核对。"
    return _summary(e, w, n, command)


def _summary(e: int, w: int, n: int, command: str | None) -> str:
    if e:
        again = f"请按上面的提示逐条修改后重新运行 {command}。" if command else ""
        return f"发现 {e} 个错误、{w} 个警告、{n} 个已知缺陷说明。{again}"
    if w:
        return f"没有错误；{w} 个警告、{n} 个已知缺陷说明。"
    return f"检查通过：没有发现问题（{n} 个已知缺陷说明）。"
