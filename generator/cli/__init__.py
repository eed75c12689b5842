"""`kaohe`: the command line. 考核结果与考核办法的内网发布工具。

Exit codes (退出码):
  0  成功 / success
  1  发现了问题（方案、成绩表或网站检查）/ problems were found in the input
  2  命令用法不对，包括不能替换的输出目录（out-unsafe 等）和系统不让读写的位置（磁盘已满、没有权限）
     / usage error, an output folder Kaohe may not replace, or a place the system would not let it read or write
  3  内部错误（请带 --debug 重试并报告）/ internal error (rerun with --debug and report it)
  141  输出的读取方已退出（如 kaohe check | head）/ the reader of the output left

No traceback is ever shown unless --debug is given.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import traceback

from generator.core.errors import EXIT_BROKEN_PIPE, EXIT_INTERNAL, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError
from generator.core.os_words import os_error_words
from generator.core.problems import printable

__all__ = ["main", "EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "EXIT_INTERNAL", "UsageError"]


# argparse's own messages, which the office would read in English: the common ones said in Chinese
# first, argparse's words kept after them (they name the option exactly as typed).
_ARGPARSE_WORDS = [
    (re.compile(r"^unrecognized arguments: (.*)$"), "不认识的参数：{0}"),
    (re.compile(r"^the following arguments are required: (.*)$"), "缺少参数：{0}"),
    (re.compile(r"^argument (.+?): invalid choice: (.*?) \(choose from (.*)\)$"), "参数 {0} 的值 {1} 不可用，可选：{2}"),
    (re.compile(r"^argument (.+?): expected one argument$"), "参数 {0} 后面要写一个值"),
    (re.compile(r"^argument (.+?): ignored explicit argument (.*)$"), "参数 {0} 不带值（多了 {1}）"),
    (re.compile(r"^ambiguous option: (\S+) could match (.*)$"), "参数 {0} 不完整，可能是：{1}"),
]


class _Once(argparse.Action):
    """An option's value, given once: argparse lets the last of two silently win, and
    `--audience internal --audience public` built the public edition for someone who asked for both."""

    def __call__(self, parser, namespace, values, option_string=None):
        given = namespace.__dict__.setdefault("_given", {})
        if option_string and self.dest in given and given[self.dest] != values:
            parser.error(f"参数 {option_string} 给了两次（{given[self.dest]}、{values}），不知道用哪一个；只写一次。")
        given[self.dest] = values
        setattr(namespace, self.dest, values)


def _path(text: str) -> str:
    """A folder or file as typed: ~ is the home folder also where the shell leaves it (`--out=~/site`,
    Windows), rather than a folder named ~ made in the project."""
    return os.path.expanduser(text)


class _ChineseArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.register("action", None, _Once)  # every plain option, in every subcommand's parser
        self.register("action", "store", _Once)

    def _get_values(self, action, arg_strings):  # a choice in capitals (--audience Internal) is that choice
        if action.choices is not None and isinstance(arg_strings, list) and len(arg_strings) == 1 and arg_strings[0] not in action.choices:
            lowered = arg_strings[0].lower()
            arg_strings = [lowered] if lowered in action.choices else arg_strings
        return super()._get_values(action, arg_strings)

    def error(self, message: str):  # type: ignore[override]
        for pattern, words in _ARGPARSE_WORDS:
            found = pattern.match(message)
            if found:
                message = words.format(*found.groups()) + f"（{message}）"
                break
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: 用法错误：{message}\n运行 {self.prog} -h 查看用法。\n")


def _parser() -> argparse.ArgumentParser:
    parser = _ChineseArgumentParser(
        prog="kaohe",
        description="考核：把考核办法（YAML）和考核成绩（Excel/CSV）生成可搜索的内网网站。\n"
        "Kaohe: appraisal schemes (YAML) and results (Excel/CSV) published as an offline intranet site.",
        epilog="退出码 exit codes: 0 成功 ok · 1 发现问题 problems found · 2 用法错误 usage · 3 内部错误 internal",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--project", "-C", default=".", type=_path, help="项目目录（含 schemes/ 与 content/）/ project directory")
    parser.add_argument("--debug", action="store_true", help="出错时显示程序内部信息 / show tracebacks")
    sub = parser.add_subparsers(dest="command", metavar="命令 command")

    p = sub.add_parser("check", help="检查全部方案与成绩表 / check every scheme and results file")
    p.add_argument("--format", choices=["text", "json"], default="text", help="输出格式 / output format")
    p.add_argument("--strict", action="store_true", help="警告也算失败 / warnings fail too")
    p.add_argument("--xlsx-report", metavar="DIR", type=_path, help="把问题标注在成绩表副本中写到 DIR / write annotated copies of sheets")

    p = sub.add_parser("explain", help="显示某人成绩的计算过程 / show how a person's result came about")
    p.add_argument("scheme", help="方案 code，如 s003-p2")
    p.add_argument("period", help="考核期，如 2024-Q1、2024-年度")
    p.add_argument("id", help="人员编号 / person ID")
    p.add_argument("--agency", help="单位目录名（一个方案用于多个单位时）")

    p = sub.add_parser("build", help="生成网站 / build the site")
    p.add_argument("--audience", choices=["public", "internal"], default="public", help="public：公开版（默认）；internal：内部版（含成绩明细）")
    p.add_argument("--strict", action="store_true", help="警告也算失败（如名额线并列未决定）/ warnings fail the build")
    p.add_argument("--out", type=_path, help="输出目录（默认 site/ 或 site-internal/）")
    p.add_argument("--quiet", action="store_true", help="不显示进度 / no progress output")

    p = sub.add_parser("serve", help="生成并在本机预览，修改后自动刷新 / build and serve with live reload")
    p.add_argument("--audience", choices=["public", "internal"], default="public")
    p.add_argument("--addr", default="127.0.0.1:8000", help="地址:端口 / address:port")

    p = sub.add_parser("template", help="生成供填写的 Excel 成绩表 / make the XLSX an office fills in")
    p.add_argument("scheme", help="方案 code")
    p.add_argument("period", help="考核期，如 2025-Q1")
    p.add_argument("--agency", help="单位目录名（用于部门下拉列表）")
    p.add_argument("--out", type=_path, help="输出文件（默认 <period>.xlsx）")

    p = sub.add_parser("init", help="为一个单位新建站点 / start a new site for an agency")
    p.add_argument("dir", type=_path, help="新目录 / new directory")
    p.add_argument("--from", dest="seed", default="s003-p2", help="从哪个示例方案开始（方案 code）")
    p.add_argument("--agency", default="我的单位", help="单位名称")
    p.add_argument("--code", help="单位目录名（用于网址，小写字母和数字；不写则取单位名称的拼音）")

    p = sub.add_parser("schema", help="输出方案文件的 JSON Schema（供编辑器补全和检查）/ print the scheme JSON Schema")
    p.add_argument("--out", type=_path, help="写到文件（如 schemes/schema.json）")
    p.add_argument("--for", dest="which", choices=["scheme", "agency", "notice"], default="scheme",
                   help="哪种文件：scheme 方案（默认）、agency 单位设置、notice 公示设置")

    p = sub.add_parser("close", help="关闭（锁定）一个考核期 / close (freeze) a period")
    p.add_argument("scheme")
    p.add_argument("period")
    p.add_argument("--agency")
    p.add_argument("--early", metavar="理由", help="公示经批准提前结束时，在公示期内关闭：写明哪次会议、为什么（会在公示页上公开显示）")

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
            "check": _lazy("generator.cli.check", "cmd_check"),
            "explain": _lazy("generator.cli.explain", "cmd_explain"),
            "build": _lazy("generator.cli.build", "cmd_build"),
            "serve": _lazy("generator.cli.serve", "cmd_serve"),
            "template": _lazy("generator.cli.template", "cmd_template"),
            "init": _lazy("generator.cli.init", "cmd_init"),
            "schema": _lazy("generator.cli.schema", "cmd_schema"),
            "close": _lazy("generator.cli.archive", "cmd_close"),
            "reopen": _lazy("generator.cli.archive", "cmd_reopen"),
        }[args.command]
        return handler(args)
    except UsageError as exc:
        print(printable(f"kaohe: {exc}"), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("\n已中断。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of the output left (`kaohe check | head`): nothing is wrong with the input or
        # with Kaohe. Exit as a piped Unix tool does (128 + SIGPIPE), and point stdout at /dev/null so
        # the interpreter's final flush cannot print a warning either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except OSError as exc:  # the machine said no (a full disk, no permission, a file in the way): not Kaohe's fault
        if args.debug:
            traceback.print_exc()
        if exc.filename:
            said = (f"无法读写「{exc.filename}」：{os_error_words(exc)}。请检查这个位置（是否有权限、磁盘是否已满、"
                    "文件是否在别的程序中打开着）后重新运行。")
        else:
            said = f"系统拒绝了这个操作：{os_error_words(exc)}。请检查后重新运行；问题依旧的，加 --debug 重新运行，并把输出交给维护人员。"
        print(printable(f"kaohe: {said}"), file=sys.stderr)
        return EXIT_USAGE
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
