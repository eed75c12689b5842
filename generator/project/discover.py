"""The project on disk: schemes/, content/ and how a results file's path names its period.

    schemes/<code>.yaml                               one scheme per file
    content/site.yaml                                 site title (optional)
    content/holidays.yaml                             extends the statutory holiday calendar
    content/pages/*.md                                hand-written pages
    content/<agency>/agency.yaml                      the agency: name, departments
    content/<agency>/<scheme code>/<year>/<period>.xlsx|.csv     results (Q1, 第一季度, H1, 年度 …)
    content/<agency>/<scheme code>/<year>/<period>.decisions.csv  committee decisions
    content/<agency>/<scheme code>/<year>/<period>.notice.yaml    公示 settings (start date…)
    content/<agency>/<scheme code>/<year>/<period>.lock.json      a closed period's lock

Nothing outside the project directory is read; symlinks are refused.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from generator.core.problems import Problems
from generator.project import file_names
from generator.project.agency_file import load_agency
from generator.project.file_names import FOREIGN, KIND_WORDS, copy_of, copy_words, is_system_file, misnamed, misnamed_words, split_name
from generator.project.folder_names import YEAR_RE, folder_name_ok, not_a_scheme, not_a_year
from generator.project.model import PeriodFiles, Project, Refused
from generator.project.safe_paths import dir_inside, safe_path
from generator.project.site_file import load_site
from generator.project.stray_files import report_stray_files
from generator.scheme.check import check_scheme
from generator.scheme.load import load_scheme
from generator.scheme.periods import PERIOD_RANK, labels_within, period_label, period_words, periods_hint
from generator.scheme.sheet_clash import header_text, sheet_option_clashes
from generator.sheets.file_kinds import tab_separated


def _load_checked(path: Path, shown: str, problems: Problems):
    """load_scheme, then check_scheme; a scheme the check finds errors in is not used (None, as one that
    failed to load): grading or rendering it would follow a rule the checker rejects (an override's
    grade not among the grades, a weight missing), and its results follow from its problems."""
    scheme, marks = load_scheme(path, problems, shown)
    if scheme is None:
        return None, marks
    found = Problems()
    check_scheme(scheme, marks, found)
    problems.extend(found)
    return (None if found.has_errors() else scheme), marks


def _checked_scheme(path: Path, shown: str, problems: Problems, seen: dict | None):
    """load_scheme and check_scheme, or what they gave for the same bytes before (see discover)."""
    if seen is None:
        return _load_checked(path, shown, problems)
    try:
        before = hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        before = None
    found = seen.get(shown)
    if found is None or before is None or found[0] != before:
        local = Problems()
        scheme, marks = _load_checked(path, shown, local)
        try:
            after = hashlib.sha256(path.read_bytes()).digest()
        except OSError:
            after = None
        found = (before, scheme, marks, local)
        if before is not None and before == after:  # not changed while it was read: kept under its bytes
            seen[shown] = found
        else:
            seen.pop(shown, None)
    _, scheme, marks, local = found
    problems.extend(local)
    return scheme, marks


def discover(root: Path, problems: Problems, seen_schemes: dict | None = None) -> Project:
    """Everything under schemes/ and content/. `seen_schemes` (the preview's, kept across rebuilds)
    holds the schemes parsed before: a file with the same bytes gives the same Scheme object and
    the same problems without being parsed again (and the engine keeps what it compiled for it)."""
    root = root.resolve()
    project = Project(root)
    schemes = root / "schemes" if dir_inside(root, root / "schemes", project, problems) else None
    for path in sorted(schemes.glob("*.yaml")) + sorted(schemes.glob("*.yml")) if schemes else []:
        if not safe_path(root, path, project, problems):
            continue
        shown = project.rel(path)
        scheme, marks = _checked_scheme(path, shown, problems, seen_schemes)
        if scheme is None:
            for code in _declared_codes(path):
                project.broken_schemes.setdefault(code, shown)
            continue
        if scheme.code in project.schemes:
            problems.add(shown, *marks.find(("code",)), "duplicate-code", f"方案 code「{scheme.code}」与 {project.scheme_files[scheme.code]} 重复。")
            continue
        project.schemes[scheme.code] = scheme
        project.scheme_files[scheme.code] = shown
        project.mapping_marks[shown] = {header_text(k): marks.key(("sheet", "columns", k)) for k in scheme.sheet.columns}
    content = root / "content"
    if not dir_inside(root, content, project, problems):
        return project
    site_file = content / "site.yaml"
    if site_file.exists() and safe_path(root, site_file, project, problems):
        project.settings = load_site(site_file, project, problems)
    if not content.is_dir():
        if content.exists():  # a file named content: every agency's results would silently be left out
            problems.add("content", None, None, "content-not-folder",
                         "项目目录中的 content 是一个文件，不是文件夹，因此没有读到任何单位的成绩；"
                         "请把这个文件改名或移走，新建 content 文件夹并把各单位的目录放进去。")
        return project
    for agency_dir in sorted(p for p in content.iterdir() if p.is_dir() and p.name not in ("pages", "assets") and not is_system_file(p.name)):
        if not safe_path(root, agency_dir, project, problems) or not folder_name_ok(agency_dir, project, problems, "单位"):
            continue
        agency, marks = load_agency(agency_dir, project, problems)
        if agency is None or marks is None:
            continue
        project.agencies[agency.code] = agency
        for scheme_dir in sorted(p for p in agency_dir.iterdir() if p.is_dir() and not is_system_file(p.name)):
            if not safe_path(root, scheme_dir, project, problems):
                continue
            if scheme_dir.name not in project.schemes and scheme_dir.name in project.broken_schemes:
                problems.follow_from(project.broken_schemes[scheme_dir.name])  # the scheme's own problem says why
                continue
            if scheme_dir.name not in project.schemes:
                problems.add(project.rel(scheme_dir), None, None, "scheme-unknown", not_a_scheme(scheme_dir.name, project))
                continue
            _discover_periods(agency.code, scheme_dir, project, problems)
            if agency.sheet is not None:
                scheme = project.schemes[scheme_dir.name]
                siblings = tuple(project.schemes[d.name] for d in sorted(agency_dir.iterdir())
                                 if d.is_dir() and d.name in project.schemes and d.name != scheme.code)
                for path, code, message in sheet_option_clashes(agency.sheet, scheme, "agency.yaml", scheme.sheet, siblings):
                    problems.add(agency.file, *marks.key(path), code, message)
    report_stray_files(project, problems)
    return project


_CODE_LINE = re.compile(r"^code\s*[:：]\s*[\"']?([a-z0-9][a-z0-9-]*)", re.MULTILINE)


def _declared_codes(path: Path) -> set[str]:
    """The code a scheme file that failed to load meant to declare, read from its text, and its name."""
    codes = {path.stem}
    try:
        codes.update(_CODE_LINE.findall(path.read_text("utf-8", errors="replace")[:200_000]))
    except OSError:
        pass
    return codes


def _has_sheets(scheme, assessment, label: str, found: dict[str, PeriodFiles], depth: int = 0) -> bool:
    """Whether a period made of others (a year of its quarters, a quarter of its months) has a sheet under it."""
    source = scheme.assessment(assessment.rolls_up) if assessment.rolls_up and depth < 8 else None
    if source is None:
        return False
    for lab in labels_within(source.period_labels, label):
        entry = found.get(lab)
        if entry is not None and entry.results is not None or _has_sheets(scheme, source, lab, found, depth + 1):
            return True
    return False


def _source_name(scheme, assessment) -> str:
    source = scheme.assessment(assessment.rolls_up) if assessment.rolls_up else None
    return f"{source.name}（{'、'.join(period_words(lab) for lab in source.period_labels)}）" if source else "各期"


def _discover_periods(agency: str, scheme_dir: Path, project: Project, problems: Problems) -> None:
    scheme = project.schemes[scheme_dir.name]
    for year_dir in sorted(p for p in scheme_dir.iterdir() if p.is_dir() and not is_system_file(p.name)):
        if not safe_path(project.root, year_dir, project, problems):
            continue
        if not YEAR_RE.match(year_dir.name):
            problems.add(project.rel(year_dir), None, None, "period-unknown", not_a_year(year_dir.name))
            continue
        year = int(year_dir.name)
        found: dict[str, PeriodFiles] = {}
        named: set[str] = set()  # periods whose results file is named otherwise, reported at the file
        for path in sorted(year_dir.iterdir()):
            if is_system_file(path.name) or not path.is_file() and not path.is_symlink():
                continue
            if not safe_path(project.root, path, project, problems):
                continue
            stem, kind = split_name(path.name)
            if kind == "foreign" and path.suffix.lower() == ".txt" and not tab_separated(path):
                kind = "unknown"  # a note, not Excel's text export of a sheet
            label = period_label(stem)
            if label is None and (original := copy_of(path.name)) is not None:
                problems.add(project.rel(path), None, None, "file-copy", copy_words(path.name, original, year_dir))
                continue
            if label is None and kind != "lock" and (guess := misnamed(path.name)) is not None:
                problems.add(project.rel(path), None, None, "file-misnamed", misnamed_words(path.name, guess, year, periods_hint(scheme)))
                continue
            said = file_names.period_in_name(path.name) if label is None and kind == "results" else None
            if said is not None and scheme.assessment_for_label(said[0]) is not None:  # 2025年第二季度平时考核.csv
                problems.add(project.rel(path), None, None, "period-unknown", file_names.period_name_words(path.name, *said, year))
                named.add(said[0])
                continue
            if label is None:
                problems.add(project.rel(path), None, None, "period-unknown", f"无法从文件名「{path.name}」看出考核期；{periods_hint(scheme)}。")
                continue
            if scheme.assessment_for_label(label) is None:  # a period's name, not one of this scheme's
                problems.add(project.rel(path), None, None, "period-not-in-scheme",
                             f"「{path.name}」是{period_words(label)}（{label}）的文件，但方案「{scheme.name}」没有{period_words(label)}这一考核期。"
                             f"{periods_hint(scheme)}。请把文件改名为其中一期，或放到有这一期的方案目录中。")
                continue
            if kind == "foreign":
                problems.add(project.rel(path), None, None, "sheet-format-unsupported",
                             f"「{path.name}」是 {FOREIGN[path.suffix.lower()]} 格式，不读取；请在 Excel 或 WPS 中「另存为」→「Excel 工作簿（*.xlsx）」，"
                             f"保存为 {stem}.xlsx 后删去或移走原文件。本期及汇总本期的年度考核在改好之前不计算。")
                project.refused.append(Refused(agency, scheme.code, year, label))
                continue
            if kind == "unknown":
                problems.add(project.rel(path), None, None, "period-unknown", f"不认识的文件「{path.name}」：成绩表用 .xlsx 或 .csv，决定用 .decisions.csv，公示设置用 .notice.yaml。")
                continue
            entry = found.setdefault(label, PeriodFiles(agency, scheme.code, year, label))
            if kind == "results":
                if entry.results is not None:
                    problems.add(project.rel(path), None, None, "duplicate-code", f"{year} 年 {label} 有两个成绩文件：{project.rel(entry.results)} 和 {path.name}；只保留一个。")
                    continue
                entry.results = path
            elif getattr(entry, kind) is not None:
                problems.add(project.rel(path), None, None, "duplicate-code",
                             f"{year} 年 {label} 有两个{KIND_WORDS[kind]}：{project.rel(getattr(entry, kind))} 和 {project.rel(path)}；请合并为一个，删除另一个。")
            else:
                setattr(entry, kind, path)
        for label in sorted(named - {lab for lab, e in found.items() if e.results is not None}):
            project.refused.append(Refused(agency, scheme.code, year, label))  # like an .xls: graded once renamed, never without it
        for label, entry in found.items():
            assessment = scheme.assessment_for_label(label)
            if entry.results is None and assessment and assessment.results_optional and not _has_sheets(scheme, assessment, label, found):
                present = [KIND_WORDS[kind] for kind in ("decisions", "notice", "lock") if getattr(entry, kind) is not None]
                problems.add(project.rel(year_dir), None, None, "period-missing",  # a 年度 公示 of nobody, decisions for no one
                             f"{year} 年 {label} 有{'、'.join(present)}，但没有它汇总的{_source_name(scheme, assessment)}成绩表（本期也没有自己的成绩表）。"
                             "请放入各期的成绩表，或删去这些文件。")
                continue
            if entry.results is None and not (assessment and assessment.results_optional):
                if label in named or any(r.label == label and (r.agency, r.scheme, r.year) == (agency, scheme.code, year) for r in project.refused):
                    continue  # its .xls, or its file named otherwise, was reported; nothing more to say
                present = [KIND_WORDS[kind] for kind in ("decisions", "notice", "lock") if getattr(entry, kind) is not None]
                gone = "该期已关闭过，成绩表却不见了：请从版本库恢复它（或核对文件名）。" if entry.lock is not None else "请放入该期的成绩表，或删去这些文件。"
                problems.add(project.rel(year_dir), None, None, "period-missing", f"{year} 年 {label} 有{'、'.join(present)}，但没有成绩表。{gone}")
                continue
            project.periods.append(entry)
        made: set[str] = set()
        for assessment in sorted(scheme.assessments, key=lambda a: PERIOD_RANK[a.period]):
            if assessment.results_optional and assessment.rolls_up:
                source = scheme.assessment(assessment.rolls_up)
                for label in assessment.period_labels:  # a quarter made of its months, a year of its quarters
                    has_source = source is not None and any(lab in found or lab in made for lab in labels_within(source.period_labels, label))
                    if label not in found and has_source:
                        made.add(label)
                        project.periods.append(PeriodFiles(agency, scheme.code, year, label))
