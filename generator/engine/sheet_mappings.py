"""A `columns` mapping that no sheet uses: a warning at its line in agency.yaml or the scheme's file;
and a check_totals / check_grades / check_ranks name that no sheet's own results had (office-column-unused).

An agency's mapping is unused when no header of any of its sheets matched it; a scheme's `sheet:`
mapping when no header of any sheet of that scheme (of any agency) did. Only said when every such
sheet was read up to its header (Header.mapped): a sheet that was refused or whose header was not
found may be the one that needs it. A mapping whose source is itself a scheme column is an error
already (column-mapping-ambiguous) and never matches: not said again.
"""

from __future__ import annotations

from generator.core.problems import Problems, Severity
from generator.engine.results import PeriodResult
from generator.project.model import PeriodFiles, Project
from generator.scheme.sheet_clash import header_text, scheme_columns
from generator.sheets.header import bare_header


def report_unused_mappings(project: Project, entries: list[PeriodFiles], results: list[PeriodResult], problems: Problems) -> None:
    by_key = {(p.agency, p.scheme.code, p.year, p.label): p for p in results}
    sheets = [entry for entry in entries if entry.results is not None]
    for agency in project.agencies.values():
        if agency.sheet is not None and agency.sheet.columns:
            own = [entry for entry in sheets if entry.agency == agency.code]
            _report(project, agency.sheet.columns, agency.file, "agency.yaml", "本单位", own, by_key, problems)
        if agency.sheet is not None:
            _report_checks(agency.sheet, agency.file, "agency.yaml", "本单位", [e for e in sheets if e.agency == agency.code], by_key, problems)
    for code, scheme in project.schemes.items():
        if scheme.sheet.columns and code in project.scheme_files:
            own = [entry for entry in sheets if entry.scheme == code]
            _report(project, scheme.sheet.columns, project.scheme_files[code], "方案 sheet", "本方案", own, by_key, problems)
        if code in project.scheme_files:
            _report_checks(scheme.sheet, project.scheme_files[code], "方案 sheet", "本方案", [e for e in sheets if e.scheme == code], by_key, problems)


def _report(project: Project, columns: dict[str, str], file: str, whose: str, owner: str, entries: list[PeriodFiles],
            by_key: dict, problems: Problems) -> None:
    periods = [by_key.get(entry.key) for entry in entries]
    if not periods or any(p is None or p.mapped is None for p in periods):
        return  # no sheet yet, or one that was not read up to its header
    used = set().union(*(p.mapped for p in periods if p is not None and p.mapped is not None))
    names = set().union(*(scheme_columns(project.schemes[code]) for code in {entry.scheme for entry in entries}))
    marks = project.mapping_marks.get(file, {})
    for source, target in columns.items():
        text = header_text(source)
        if text in used or text in names:
            continue
        line, column = marks.get(text, (None, None))
        problems.add(file, line, column, "column-mapping-unused",
                     f"{whose} 的 columns 中「{source}: {target}」没有用到：{owner}的 {len(periods)} 张成绩表的表头中都没有「{source}」列。"
                     f"请核对表头的写法（表头已与方案列名「{target}」一致的，不必对应）；不再使用的对应从 columns 中删去。",
                     Severity.WARNING)


def _report_checks(options, file: str, whose: str, owner: str, entries: list[PeriodFiles], by_key: dict, problems: Problems) -> None:
    """A column named in check_totals / check_grades / check_ranks that no sheet's own results had: a
    header written otherwise, or a column the scheme reads. Nothing was compared while check passed."""
    if not any(getattr(options, key) for key in ("check_totals", "check_grades", "check_ranks")):
        return  # nothing named to look for (the usual case): no walk over every person's own cells
    periods = [by_key.get(entry.key) for entry in entries]
    if not periods or any(p is None or p.mapped is None for p in periods):
        return  # no sheet yet, or one that was not read up to its header
    seen = {text for p in periods for r in p.people for c in r.person.own for text in (c.header, bare_header(c.header))}
    for key in ("check_totals", "check_grades", "check_ranks"):
        for name in getattr(options, key):
            if "".join(name.split()) not in seen:
                problems.add(file, None, None, "office-column-unused",
                             f"{whose} 的 {key} 中的「{name}」没有核对：{owner}的 {len(periods)} 张成绩表中没有作为本单位自己结果的「{name}」列"
                             f"（表头写法不同，或这一列是方案读取的列）。请按表头的写法改正列名；不需要核对的从 {key} 中删去。", Severity.WARNING)
