"""`kaohe template`: the XLSX an office fills in for one period."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.core.errors import EXIT_OK, UsageError
from generator.core.os_words import os_error_words
from generator.core.problems import Problems
from generator.project.discover import discover
from generator.project.workspace import parse_period, project_root, unknown_scheme
from generator.scheme.columns import plan_columns
from generator.xlsx.template import SHEET_DATA, SHEET_HELP, make_template, period_words, previous_people


def cmd_template(args) -> int:
    root = project_root(args)
    problems = Problems()
    project = discover(root, problems)
    scheme = project.schemes.get(args.scheme)
    if scheme is None:
        raise UsageError(unknown_scheme(project, args.scheme))
    year, label = parse_period(args.period)
    assessment = scheme.assessment_for_label(label)
    if assessment is None:
        allowed = "、".join(f"{year}-{lab}" for a in scheme.assessments for lab in a.period_labels)
        raise UsageError(f"方案「{scheme.code}」没有 {label} 这个考核期（可用：{allowed}）。")

    agency_code = getattr(args, "agency", None)
    if agency_code:
        if agency_code not in project.agencies:
            known = "、".join(sorted(project.agencies)) or "无"
            raise UsageError(f"content/ 中没有单位目录「{agency_code}」（或缺少 agency.yaml）；现有：{known}。")
    else:
        using = sorted(code for code in project.agencies if (root / "content" / code / scheme.code).is_dir())
        candidates = using or sorted(project.agencies)
        if len(candidates) == 1:
            agency_code = candidates[0]
        elif len(candidates) > 1:
            raise UsageError(f"有多个单位（{'、'.join(candidates)}）；用 --agency 指定为哪个单位生成。")
    agency = project.agencies.get(agency_code) if agency_code else None
    departments = agency.departments if agency else []

    people, source = ([], None)
    if agency is not None:
        people, source = previous_people(project, scheme, agency.code, year, label)

    out = Path(args.out) if getattr(args, "out", None) else Path(f"{label}.xlsx")
    if out.suffix.lower() != ".xlsx":
        raise UsageError(f"输出文件须以 .xlsx 结尾：{out}")
    if out.exists():
        raise UsageError(f"「{out}」已存在；为免覆盖已填写的内容，请先改名或删除它，或用 --out 指定其他文件名。")
    if not out.parent.is_dir():
        raise UsageError(f"目录「{out.parent}」不存在。")

    data = make_template(scheme, assessment, year, label, departments, people, agency=agency.code if agency else None)
    try:
        handle = out.open("xb")  # never over a file made meanwhile (another run, the office saving one)
    except FileExistsError:
        raise UsageError(f"「{out}」已存在；为免覆盖已填写的内容，请先改名或删除它，或用 --out 指定其他文件名。") from None
    except OSError as exc:
        raise UsageError(f"无法写入「{out}」：{os_error_words(exc)}") from exc
    try:
        with handle:
            handle.write(data)
    except OSError as exc:
        out.unlink(missing_ok=True)  # half a workbook is no template: nothing is left to be filled in by mistake
        raise UsageError(f"无法写入「{out}」：{os_error_words(exc)}") from exc

    period = period_words(year, label)
    target = f"content/{agency.code if agency else '<单位目录名>'}/{scheme.code}/{year}/{label}.xlsx"
    print(f"已生成成绩表模板：{out}（{scheme.title} · {period} · {assessment.name}，{len(plan_columns(scheme, assessment).all())} 列）")
    if source is not None:
        print(f"已从 {project.rel(source.results)} 带入 {len(people)} 人的编号、姓名和{scheme.people.department}，请核对人员变动。")
    if assessment.results_optional:
        print(f"提示：{assessment.name}可由各期成绩自动汇总；只有需要填写上表中的列时才需要这张表。")
    if agency is None:
        print("提示：没有找到单位目录（content/<单位>/agency.yaml），部门一列没有下拉列表。", file=sys.stderr)
    print(f"下一步：在 Excel 中填写「{SHEET_DATA}」工作表（填法见「{SHEET_HELP}」工作表），保存到 {target}，然后运行 kaohe check。")
    return EXIT_OK
