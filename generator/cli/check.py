"""`kaohe check`: every scheme and results file, every problem at once; text or JSON; annotated copies."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path

from generator.archive.locks import check_locks
from generator.core.errors import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from generator.core.os_words import os_error_words
from generator.core.problems import Problems, printable
from generator.core.report import print_problems, summary_line
from generator.engine.compute import load_everything
from generator.project.workspace import project_root
from generator.site.generate import hand_written
from generator.site.notice_lock import check_notices
from generator.site.pages_handbook import render_sections
from generator.site.project_mkdocs import mkdocs_yml_problem


def cmd_check(args) -> int:
    root = project_root(args)
    report_dir = Path(args.xlsx_report).absolute() if args.xlsx_report else None
    if report_dir is not None:
        from generator.xlsx.report import check_report_target

        refused = Problems()
        if not check_report_target(root, report_dir, refused, args.xlsx_report):
            _print_refusal(args, refused)
            return EXIT_USAGE  # the folder named on the command line must change: a usage error
    project, periods, problems = load_everything(root)
    check_locks(project, periods, problems)  # a closed period must still give what was frozen, as in a build
    check_notices(project, periods, problems)  # every 公示's dates on the calendar, and frozen 公示, as in a build
    render_sections(project, list(project.schemes.values()), problems)  # scheme prose the build could not render
    hand_written(project, {}, problems)  # content/pages/*.md: what the build would refuse
    mkdocs_yml_problem(root, problems)  # the site's settings file, which every build reads
    failed = problems.has_errors() or (args.strict and problems.warnings)
    if args.format == "json":
        follow_ons = problems.follow_ons()
        payload = {
            "ok": not failed,
            "errors": len(problems.errors),
            "warnings": len(problems.warnings),
            "notes": len(problems.notes),
            "infos": len(problems.infos),
            # follow_ons: how many problems that only follow from this one were left out
            "problems": [{**p.as_dict(), "follow_ons": follow_ons.get(p, 0)} for p in problems.sorted()],
            "schemes": sorted(project.schemes),
            "periods": [p.key for p in periods],
            "encodings": {p.files[0]: p.encoding for p in periods if p.encoding},  # every CSV: the encoding it was read in
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True))
    else:
        print_problems(problems)
        for period in periods:
            if period.encoding:  # every CSV: which encoding it was read in
                print(printable(f"{period.files[0]}：按 {period.encoding} 编码读取。"))
        people = sum(len(p.people) for p in periods)
        print(f"{len(project.schemes)} 个方案，{len(periods)} 个考核期，{people} 人次。" + summary_line(problems))
    if report_dir is not None:
        refused = Problems()
        code, written = _write_report(root, problems, report_dir, args.xlsx_report, refused)
        if code != EXIT_OK:
            _print_refusal(args, refused)
            return code
        if args.format == "text":
            for path in written:
                print(f"已写出标注问题的副本：{path}")
    return EXIT_PROBLEMS if failed else EXIT_OK


def _print_refusal(args, refused: Problems) -> None:
    if args.format == "json":
        print(json.dumps({"ok": False, "errors": len(refused.errors), "warnings": 0, "notes": 0, "infos": 0,
                          "problems": [{**p.as_dict(), "follow_ons": 0} for p in refused.sorted()]}, ensure_ascii=False, indent=2, sort_keys=True))
    else:
        print_problems(refused)
        print("未写出标注副本，目标目录中的文件都没有动。请按上面的提示处理后重新运行 kaohe check --xlsx-report。")


def _write_report(root: Path, problems: Problems, out: Path, shown: str, refused: Problems) -> tuple[int, list[Path]]:
    """Write the copies into a fresh folder beside `out` and swap it in, as a build does with its site: an
    earlier report's stale copies go with it, and nothing else is ever overwritten."""
    from generator.site.staging import discard, remove_stale_staging, swap_in
    from generator.xlsx.report import check_report_target, write_marker, write_reports

    staging = out.with_name(f".{out.name}.building-{uuid.uuid4().hex[:8]}")
    try:
        remove_stale_staging(out, time.time())  # what a killed earlier run left beside it
        written = write_reports(root, problems, staging)
        if not written and not out.exists():
            return EXIT_OK, []  # nothing to mark and no earlier report: nothing is created
        staging.mkdir(parents=True, exist_ok=True)
        write_marker(staging, written)
        if not check_report_target(root, out, refused, shown):  # again: a file put there meanwhile is kept too
            return EXIT_USAGE, []
        swap_in(staging, out)
    except OSError as exc:
        refused.add(shown, None, None, "write-failed", f"标注副本未能写出（{os_error_words(exc)}），原目录保持不变；请检查磁盘空间和目录权限。")
        return EXIT_PROBLEMS, []
    finally:
        if staging.exists() or staging.is_symlink():
            discard(staging)
    return EXIT_OK, [out / p.relative_to(staging) for p in written]
