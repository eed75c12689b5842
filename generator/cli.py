"""`kaohe`: the command line. 考核结果与考核办法的内网发布工具。

Exit codes (退出码):
  0  成功 / success
  1  发现了问题（方案、成绩表或网站检查）/ problems were found in the input
  2  命令用法不对 / usage error
  3  内部错误（请带 --debug 重试并报告）/ internal error (rerun with --debug and report it)

No traceback is ever shown unless --debug is given.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import traceback
from pathlib import Path

from .problems import Problem, Problems, Severity

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kaohe",
        description="考核：把考核办法（YAML）和考核成绩（Excel/CSV）生成可搜索的内网网站。\n"
        "Kaohe: appraisal schemes (YAML) and results (Excel/CSV) published as an offline intranet site.",
        epilog="退出码 exit codes: 0 成功 ok · 1 发现问题 problems found · 2 用法错误 usage · 3 内部错误 internal",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--project", "-C", default=".", help="项目目录（含 schemes/ 与 content/）/ project directory")
    parser.add_argument("--debug", action="store_true", help="出错时显示程序内部信息 / show tracebacks")
    sub = parser.add_subparsers(dest="command", metavar="命令 command")

    p = sub.add_parser("check", help="检查全部方案与成绩表 / check every scheme and results file")
    p.add_argument("--format", choices=["text", "json"], default="text", help="输出格式 / output format")
    p.add_argument("--strict", action="store_true", help="警告也算失败 / warnings fail too")
    p.add_argument("--xlsx-report", metavar="DIR", help="把问题标注在成绩表副本中写到 DIR / write annotated copies of sheets")

    p = sub.add_parser("explain", help="显示某人成绩的计算过程 / show how a person's result came about")
    p.add_argument("scheme", help="方案 code，如 s003-p2")
    p.add_argument("period", help="考核期，如 2024-Q1、2024-年度")
    p.add_argument("id", help="人员编号 / person ID")
    p.add_argument("--agency", help="单位目录名（一个方案用于多个单位时）")

    p = sub.add_parser("build", help="生成网站 / build the site")
    p.add_argument("--audience", choices=["public", "internal"], default="public", help="public：公开版（默认）；internal：内部版（含成绩明细）")
    p.add_argument("--strict", action="store_true", help="警告也算失败（如名额线并列未决定）/ warnings fail the build")
    p.add_argument("--out", help="输出目录（默认 site/ 或 site-internal/）")
    p.add_argument("--quiet", action="store_true", help="不显示进度 / no progress output")

    p = sub.add_parser("serve", help="生成并在本机预览，修改后自动刷新 / build and serve with live reload")
    p.add_argument("--audience", choices=["public", "internal"], default="public")
    p.add_argument("--addr", default="127.0.0.1:8000", help="地址:端口 / address:port")

    p = sub.add_parser("template", help="生成供填写的 Excel 成绩表 / make the XLSX an office fills in")
    p.add_argument("scheme", help="方案 code")
    p.add_argument("period", help="考核期，如 2025-Q1")
    p.add_argument("--agency", help="单位目录名（用于部门下拉列表）")
    p.add_argument("--out", help="输出文件（默认 <period>.xlsx）")

    p = sub.add_parser("init", help="为一个单位新建站点 / start a new site for an agency")
    p.add_argument("dir", help="新目录 / new directory")
    p.add_argument("--from", dest="seed", default="s003-p2", help="从哪个示例方案开始（方案 code）")
    p.add_argument("--agency", default="我的单位", help="单位名称")
    p.add_argument("--code", default="danwei", help="单位目录名（用于网址，小写字母和数字）")

    p = sub.add_parser("schema", help="输出方案文件的 JSON Schema（供编辑器补全和检查）/ print the scheme JSON Schema")
    p.add_argument("--out", help="写到文件（如 schemes/schema.json）")

    p = sub.add_parser("close", help="关闭（锁定）一个考核期 / close (freeze) a period")
    p.add_argument("scheme")
    p.add_argument("period")
    p.add_argument("--agency")

    p = sub.add_parser("reopen", help="重新打开已关闭的考核期以便更正 / reopen a closed period for a correction")
    p.add_argument("scheme")
    p.add_argument("period")
    p.add_argument("--reason", required=True, help="更正理由（会在网站上公开显示）")
    p.add_argument("--agency")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    try:
        handler = {
            "check": cmd_check,
            "explain": cmd_explain,
            "build": _lazy("generator.site.build", "cmd_build"),
            "serve": _lazy("generator.site.serve", "cmd_serve"),
            "template": _lazy("generator.template", "cmd_template"),
            "init": _lazy("generator.init_site", "cmd_init"),
            "schema": cmd_schema,
            "close": _lazy("generator.archive", "cmd_close"),
            "reopen": _lazy("generator.archive", "cmd_reopen"),
        }[args.command]
        return handler(args)
    except UsageError as exc:
        print(f"kaohe: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("\n已中断。", file=sys.stderr)
        return 130
    except Exception:  # the promise: never a traceback unless asked for
        if args.debug:
            traceback.print_exc()
        else:
            print("kaohe: 内部错误，未完成。请加 --debug 重新运行，并把输出交给维护人员。", file=sys.stderr)
        return EXIT_INTERNAL


def _lazy(module: str, name: str):
    def run(args):
        import importlib

        return getattr(importlib.import_module(module), name)(args)

    return run


def project_root(args) -> Path:
    root = Path(args.project)
    if not (root / "schemes").is_dir():
        raise UsageError(f"「{root.resolve()}」不是 Kaohe 项目目录（缺少 schemes/）；用 -C 指定项目目录。")
    return root


def load_everything(root: Path):
    from .compute import compute_project
    from .project import discover

    problems = Problems()
    project = discover(root, problems)
    periods = compute_project(project, problems)
    return project, periods, problems


def print_problems(problems: Problems, stream=None) -> None:
    stream = stream or sys.stdout
    for problem in problems.sorted():
        print(problem.format(), file=stream)


def summary_line(problems: Problems) -> str:
    e, w, n = len(problems.errors), len(problems.warnings), len(problems.notes)
    if e:
        return f"发现 {e} 个错误、{w} 个警告、{n} 个已知缺陷说明。请按上面的提示逐条修改后重新运行 kaohe check。"
    if w:
        return f"没有错误；{w} 个警告、{n} 个已知缺陷说明。"
    return f"检查通过：没有发现问题（{n} 个已知缺陷说明）。"


def cmd_check(args) -> int:
    from .archive import check_locks

    root = project_root(args)
    project, periods, problems = load_everything(root)
    check_locks(project, periods, problems)  # a closed period must still give what was frozen, as in a build
    failed = problems.has_errors() or (args.strict and problems.warnings)
    if args.format == "json":
        payload = {
            "ok": not failed,
            "errors": len(problems.errors),
            "warnings": len(problems.warnings),
            "notes": len(problems.notes),
            "problems": [p.as_dict() for p in problems.sorted()],
            "schemes": sorted(project.schemes),
            "periods": [p.key for p in periods],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True))
    else:
        print_problems(problems)
        for period in periods:
            if period.encoding and not period.encoding.startswith("UTF-8"):
                print(f"{period.files[0]}：按 {period.encoding} 编码读取。")
        people = sum(len(p.people) for p in periods)
        print(f"{len(project.schemes)} 个方案，{len(periods)} 个考核期，{people} 人次。" + summary_line(problems))
    if args.xlsx_report:
        from .xlsx_report import write_reports

        written = write_reports(root, problems, Path(args.xlsx_report))
        if args.format == "text":
            for path in written:
                print(f"已写出标注问题的副本：{path}")
    return EXIT_PROBLEMS if failed else EXIT_OK


_PERIOD_RE = re.compile(r"^(\d{4})\s*[-/年 ]?\s*(.*)$")


def parse_period(text: str) -> tuple[int, str]:
    from .scheme import period_label

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
        raise UsageError(f"没有方案「{scheme}」{year} 年 {label} 的成绩（已有：{'、'.join(known) or '无'}）。")
    if len(matches) > 1:
        raise UsageError(f"方案「{scheme}」用于多个单位（{'、'.join(p.agency for p in matches)}）；用 --agency 指定。")
    return matches[0]


def cmd_explain(args) -> int:
    from .explain import explain_text

    root = project_root(args)
    project, periods, problems = load_everything(root)
    if args.scheme not in project.schemes:
        raise UsageError(f"没有 code 为「{args.scheme}」的方案（现有：{'、'.join(sorted(project.schemes))}）。")
    year, label = parse_period(args.period)
    period = find_period(periods, args.scheme, year, label, args.agency)
    result = period.person(args.id)
    if result is None:
        raise UsageError(f"{period.period_name}的成绩中没有编号「{args.id}」。")
    print(explain_text(period, result))
    own = [p for p in period.problems if p.severity is Severity.ERROR]
    if own:
        print("\n注意：本期成绩表有错误，以上结果可能不完整：", file=sys.stderr)
        for p in own[:10]:
            print("  " + Problem.format(p), file=sys.stderr)
    return EXIT_OK


def scheme_json_schema() -> str:
    from .scheme import Scheme

    schema = Scheme.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Kaohe 考核方案文件"
    return json.dumps(schema, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def cmd_schema(args) -> int:
    text = scheme_json_schema()
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"已写出 {args.out}")
    else:
        sys.stdout.write(text)
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
