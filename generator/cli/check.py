"""`kaohe check`: every scheme and results file, every problem at once; text or JSON; annotated copies."""

from __future__ import annotations

import json
from pathlib import Path

from generator.archive.locks import check_locks
from generator.core.errors import EXIT_OK, EXIT_PROBLEMS
from generator.core.problems import printable
from generator.core.report import print_problems, summary_line
from generator.engine.compute import load_everything
from generator.project.workspace import project_root
from generator.site.notice_lock import check_notices
from generator.site.pages_handbook import render_sections


def cmd_check(args) -> int:
    root = project_root(args)
    project, periods, problems = load_everything(root)
    check_locks(project, periods, problems)  # a closed period must still give what was frozen, as in a build
    check_notices(project, periods, problems)  # every 公示's dates on the calendar, and frozen 公示, as in a build
    render_sections(project, list(project.schemes.values()), problems)  # scheme prose the build could not render
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
    if args.xlsx_report:
        from generator.xlsx.report import write_reports

        written = write_reports(root, problems, Path(args.xlsx_report))
        if args.format == "text":
            for path in written:
                print(f"已写出标注问题的副本：{path}")
    return EXIT_PROBLEMS if failed else EXIT_OK
